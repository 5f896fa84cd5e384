"""RSS 2.0 and Atom bodies for the ``feed`` backend: the DTD check and the entry rows.

Registers nothing. ``refuse_dtd`` runs before any parser sees the body: a feed needs no
document type declaration, and one is how external entities (XXE) and entity expansion
("billion laughs") get in. A DTD may only stand in the prolog, before the root element,
so the prolog is what is looked at; HTML quoted inside entries (``<!DOCTYPE html>`` in a
CDATA section, common on portals) is content, not a declaration, and is left alone.
"""

from __future__ import annotations

import re
from typing import Any

from hub.harvesters.backends._feed_records import iso_datetime, key_of, text
from hub.records.html import plain_text

_PROLOG_SKIPS = ((b"<?", b"?>"), (b"<!--", b"-->"))
_SPACE = b" \t\r\n\xef\xbb\xbf\xfe\xff"  # whitespace and byte-order mark bytes
_DECLARATION = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
IMAGE_TYPES = ("image/",)


def has_dtd(body: bytes) -> bool:
    """True when the prolog declares a DOCTYPE or an ENTITY (in UTF-8, UTF-16 or 8-bit)."""
    data = body.replace(b"\x00", b"")  # UTF-16: the ASCII of markup without its zero bytes
    position = 0
    while True:
        while position < len(data) and data[position] in _SPACE:
            position += 1
        rest = data[position : position + 16]
        for opening, closing in _PROLOG_SKIPS:
            if rest.startswith(opening):
                end = data.find(closing, position + len(opening))
                if end < 0:
                    return False  # an unterminated prolog: not a feed; the parser says so
                position = end + len(closing)
                break
        else:
            if _DECLARATION.match(data, position):
                return True
            # Only a declaration may start with "<!" here; refuse any other kind too.
            return rest.startswith(b"<!")


def feed_kind(parsed: Any) -> str:
    version = str(parsed.get("version") or "")
    return "Atom" if version.startswith("atom") else "RSS"


def _entry_id(entry: Any) -> str | None:
    found = text(entry.get("id")) or text(entry.get("link"))
    return key_of(found) if found else None


def _body(entry: Any) -> str | None:
    for content in entry.get("content") or ():
        value = text(content.get("value"))
        if value:
            return value
    return text(entry.get("summary"))


def _summary(entry: Any) -> str | None:
    summary = text(entry.get("summary"))
    if summary is None:
        return None
    return text(plain_text(summary))


def _images(entry: Any) -> str | None:
    urls: list[str] = []
    for enclosure in entry.get("enclosures") or ():
        if str(enclosure.get("type") or "").startswith(IMAGE_TYPES):
            urls.append(str(enclosure.get("href") or ""))
    for media in (*(entry.get("media_content") or ()), *(entry.get("media_thumbnail") or ())):
        if media.get("medium", "image") == "image":
            urls.append(str(media.get("url") or ""))
    found = [u for u in dict.fromkeys(urls) if u.startswith(("http://", "https://"))]
    return "\n".join(found) or None


def entry_row(entry: Any, source: str | None, category: str | None) -> dict[str, Any]:
    """One feed entry as an ``article`` row (checked by ``checked_rows`` afterwards)."""
    moment = dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")
    return {
        "ID": _entry_id(entry),
        "TITLE": text(plain_text(entry.get("title") or "")),
        "SUMMARY": _summary(entry),
        "BODY": _body(entry),
        "AUTHOR": text(entry.get("author")),
        "SOURCE": source,
        "PUBLISHED": iso_datetime(moment),
        "CATEGORY": category,
        "IMAGES": _images(entry),
        "URL": text(entry.get("link")),
    }
