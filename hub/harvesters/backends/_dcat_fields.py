"""Shared by the catalog backends (ckan, dcat, datajson): raw remote values to dataset
fields that ``DatasetInput`` (organization aside) and the link-distribution input load.

Text is NFC, trimmed, stripped of control characters and clipped to the schema's limits;
lists are de-duplicated and cut to their maximum length; values the schema still refuses
(an ill-formed e-mail, a frequency outside the vocabulary, ...) are dropped with a note
rather than failing the item. Only a dataset without any title is an ``ItemFailed``.

Registers nothing: the registry imports every module of this package.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from typing import Any

from marshmallow import RAISE, Schema, ValidationError, fields, validate

from hub.datasets.schemas import DatasetInput, LinkDistributionInput
from hub.datasets.vocab import CONTENT_TYPES, LICENCES
from hub.harvesters.base import HarvestContext, ItemFailed
from hub.metadata.dcat_vocab import LICENCE_CODES
from hub.text import nfc

# Content type of harvested datasets when neither the source's config nor the remote
# (a hub's own CKAN extra) names one: another catalog's datasets are of no known kind.
DEFAULT_CONTENT_TYPE = "other"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LIMITS = {
    "title_vi": 500,
    "title_en": 500,
    "description_vi": 50000,
    "description_en": 50000,
    "spatial": 500,
    "contact_name": 200,
    "contact_phone": 50,
    "citation": 2000,
    "version": 50,
}
_LISTS = {"keywords": (100, 50), "legal_basis": (300, 50), "themes": (20, 13)}
_DIST_LIMITS = {"title_vi": 500, "title_en": 500, "description_vi": 20000, "format": 50}
_PLACEHOLDER_ORG = "harvest-check"


class SourceConfig(Schema):
    """Config keys every catalog backend takes."""

    content_type = fields.String(load_default=None, validate=validate.OneOf(sorted(CONTENT_TYPES)))


def text(value: Any, limit: int | None = None) -> str | None:
    """NFC text without control characters, trimmed; clipped to ``limit`` (on a word
    boundary when one is near, with an ellipsis); None when empty."""
    if value is None or isinstance(value, (dict, list)):
        return None
    out = _CONTROL.sub("", nfc(str(value))).strip()
    if limit is not None and len(out) > limit:
        cut = out[: limit - 1]
        space = cut.rfind(" ")
        out = (cut[:space] if space > limit * 0.8 else cut).rstrip() + "…"
    return out or None


def day(value: Any) -> str | None:
    """An ISO date from a date, a date-time or ISO text (a bare year is its 1 January)."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    raw = text(value)
    if not raw:
        return None
    if re.fullmatch(r"\d{4}", raw):
        return f"{raw}-01-01"
    try:
        return datetime.fromisoformat(raw.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        return None


def moment(value: Any) -> datetime | None:
    """An aware UTC datetime from a datetime, a date or ISO text (naive means UTC)."""
    if isinstance(value, datetime):
        found = value
    elif isinstance(value, date):
        found = datetime(value.year, value.month, value.day)
    else:
        raw = text(value)
        if not raw:
            return None
        try:
            found = datetime.fromisoformat(raw.replace("Z", "+00:00"))
        except ValueError:
            return None
    return found.replace(tzinfo=UTC) if found.tzinfo is None else found.astimezone(UTC)


def licence_code(value: Any, extra: Mapping[str, str] | None = None) -> str | None:
    """The hub's licence code of a code, a known licence URL or IRI, else None."""
    raw = text(value)
    if not raw:
        return None
    if raw in LICENCES:
        return raw
    folded = {k.lower(): v for k, v in (extra or {}).items()}
    folded.update({code.lower(): code for code in LICENCES})
    if raw.lower() in folded:
        return folded[raw.lower()]
    # Licence pages and IRIs, with or without the trailing slash, http or https.
    base = raw.rstrip("/")
    for variant in (base, base + "/", base.replace("http://", "https://", 1) + "/"):
        if variant in LICENCE_CODES:
            return LICENCE_CODES[variant]
    return None


def content_type(ctx: HarvestContext, remote: Any = None) -> str:
    """The source's configured content type, else the remote's own, else the default."""
    if ctx.config.get("content_type"):
        return str(ctx.config["content_type"])
    return remote if remote in CONTENT_TYPES else DEFAULT_CONTENT_TYPE


def _unique(values: Iterable[Any], limit: int, count: int) -> list[str]:
    out: list[str] = []
    for value in values:
        item = text(value, limit)
        if item and item not in out:
            out.append(item)
    return out[:count]


def dataset_fields(ctx: HarvestContext, raw: Mapping[str, Any], ref: str) -> dict[str, Any]:
    """Clean ``raw`` (hub field names, remote values) into fields ``DatasetInput`` loads;
    ``ref`` names the item in notes. Raises ``ItemFailed`` when it has no title."""
    out: dict[str, Any] = {}
    for key, value in raw.items():
        if key in _LIMITS:
            value = text(value, _LIMITS[key])
        elif key in _LISTS:
            value = _unique(value or [], *_LISTS[key])
        elif key == "language":
            codes = [str(c).strip().lower() for c in value or []]
            value = list(dict.fromkeys(c for c in codes if re.fullmatch(r"[a-z]{2}", c)))[:10]
            value = value or None
        elif key in ("temporal_start", "temporal_end"):
            value = day(value)
        elif key in ("landing_page", "contact_email", "frequency", "access_rights", "licence"):
            value = text(value)
        if value not in (None, ""):
            out[key] = value
    if not out.get("title_vi"):
        out["title_vi"] = out.get("title_en")
    if not out.get("title_vi"):
        raise ItemFailed(f"{ref}: the dataset has no title")
    start, end = out.get("temporal_start"), out.get("temporal_end")
    if start and end and start > end:
        del out["temporal_end"]
        note(ctx, ref, "temporal_end", "trước ngày bắt đầu / before the start")
    return _drop_refused(ctx, DatasetInput, {**out, "organization": _PLACEHOLDER_ORG}, ref)


def distribution(
    ctx: HarvestContext,
    ref: str,
    url: Any,
    title: Any = None,
    fmt: Any = None,
    description: Any = None,
    kind: str = "link",
    title_en: Any = None,
) -> dict[str, Any] | None:
    """A link distribution, or None (with a note) when its URL is not http(s)."""
    link = text(url)
    fmt_text = text(fmt, _DIST_LIMITS["format"])
    name = text(title, 500) or fmt_text or (link.rstrip("/").rsplit("/", 1)[-1] if link else None)
    raw = {
        "title_vi": text(name, 500) or "Tài nguyên",
        "title_en": text(title_en, 500),
        "url": link,
        "format": fmt_text,
        "description_vi": text(description, _DIST_LIMITS["description_vi"]),
        "kind": kind if kind in ("link", "api") else "link",
    }
    raw = {k: v for k, v in raw.items() if v is not None}
    try:
        LinkDistributionInput().load({"url": link, "title_vi": raw["title_vi"]})
    except ValidationError:
        note(ctx, ref, "distribution", f"URL bị bỏ qua / URL skipped: {str(link)[:200]}")
        return None
    return _drop_refused(ctx, LinkDistributionInput, raw, ref)


def note(ctx: HarvestContext, ref: str, field: str, message: str) -> None:
    ctx.notes.append(f"{ref}: {field}: {message}")


def _drop_refused(
    ctx: HarvestContext, schema: type[Schema], data: dict[str, Any], ref: str
) -> dict[str, Any]:
    """``data`` less the keys ``schema`` refuses (a note each); required ones fail."""
    required = {name for name, f in schema._declared_fields.items() if f.required}
    for _ in range(4):
        try:
            schema(unknown=RAISE).load(data)
        except ValidationError as exc:
            messages = exc.normalized_messages()
            if set(messages) & required or not set(messages) & set(data):
                raise ItemFailed(f"{ref}: {messages}") from None
            for key, message in messages.items():
                if key in data:
                    del data[key]
                    note(
                        ctx,
                        ref,
                        key,
                        f"bỏ giá trị không hợp lệ / invalid value dropped ({message})",
                    )
            continue
        data.pop("organization", None)
        return data
    raise ItemFailed(f"{ref}: the mapped values are not valid")
