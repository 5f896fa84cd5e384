"""Vietnamese-aware text helpers: NFC normalisation, folding and slugs."""

from __future__ import annotations

import re
import unicodedata

_SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{1,99}$")
_NON_SLUG = re.compile(r"[^a-z0-9]+")


def nfc(value: str) -> str:
    """Return ``value`` in Unicode NFC (TCVN 6909:2001 requires precomposed text)."""
    return unicodedata.normalize("NFC", value)


def fold(value: str) -> str:
    """Lowercase and strip diacritics; đ/Đ become d. Used for matching, not storage."""
    decomposed = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return stripped.lower()


def slugify(value: str, max_length: int = 100) -> str:
    """Make a CKAN-compatible slug from Vietnamese text: ``Sở Tài chính`` -> ``so-tai-chinh``."""
    slug = _NON_SLUG.sub("-", fold(value)).strip("-")
    return slug[:max_length].rstrip("-")


def is_valid_slug(value: str) -> bool:
    """Slugs follow CKAN's name rule: 2-100 of a-z, 0-9, ``-`` and ``_``."""
    return bool(_SLUG_RE.match(value))


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def clean_ref(value: object, max_length: int = 200) -> str | None:
    """A lookup key (slug, code, id) as given, or None when it cannot name anything.

    PostgreSQL refuses NUL in strings, so such keys must never reach a query.
    """
    text = str(value).strip()
    if not text or len(text) > max_length or _CONTROL.search(text):
        return None
    return text
