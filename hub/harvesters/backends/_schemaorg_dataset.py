"""A schema.org ``Dataset`` node as hub dataset fields and link distributions, for the
``schemaorg`` backend. Registers nothing. Values that do not fit the hub's rules are
left out and noted, so one odd property does not cost the whole dataset."""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Any

from marshmallow import ValidationError, fields

from hub.harvesters.backends._schemaorg_html import first, listed, name_of, texts, url_of
from hub.harvesters.base import ItemFailed

LICENCES = {  # a licence IRI without scheme and trailing slash -> hub licence code
    "creativecommons.org/licenses/by/4.0": "CC-BY-4.0",
    "creativecommons.org/licenses/by-sa/4.0": "CC-BY-SA-4.0",
    "creativecommons.org/publicdomain/zero/1.0": "CC0-1.0",
    "opendatacommons.org/licenses/by": "ODC-BY-1.0",
    "opendatacommons.org/licenses/by/1.0": "ODC-BY-1.0",
    "opendatacommons.org/licenses/odbl": "ODbL-1.0",
    "opendatacommons.org/licenses/odbl/1.0": "ODbL-1.0",
    "opendatacommons.org/licenses/pddl": "PDDL-1.0",
    "opendatacommons.org/licenses/pddl/1.0": "PDDL-1.0",
}
FORMATS = {
    "text/csv": "CSV",
    "application/json": "JSON",
    "application/ld+json": "JSON-LD",
    "application/xml": "XML",
    "application/pdf": "PDF",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
    "application/vnd.ms-excel": "XLS",
}
_PERIOD = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
_EMAIL = fields.Email()


def licence(value: Any) -> str | None:
    shown = first(value) or (url_of(value, "https://x.invalid/") if value else None)
    if not shown:
        return None
    bare = re.sub(r"^https?://(www\.)?", "", shown.strip()).rstrip("/").lower()
    bare = re.sub(r"/(legalcode|deed\.\w+)$", "", bare)
    return LICENCES.get(bare) or next((c for c in LICENCES.values() if c.lower() == bare), None)


def _bound(part: str, end: bool) -> date | None:
    match = _PERIOD.match(part.strip())
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    month = month or (12 if end else 1)
    day = day or (calendar.monthrange(year, month)[1] if end else 1)  # type: ignore[arg-type]
    return date(year, month, day)  # type: ignore[arg-type]


def temporal(value: Any) -> tuple[date | None, date | None]:
    """``2020``, ``2020-03``, ``2020-01-01/2021-06-30`` (``..`` open) -> first and last day."""
    shown = first(value)
    if not shown:
        return None, None
    start, _, end = shown.partition("/")
    try:
        return _bound(start, False), _bound(end or start, True)
    except ValueError:
        return None, None


def _email(value: Any) -> str | None:
    shown = first(value)
    if not shown:
        return None
    shown = shown.removeprefix("mailto:")
    try:
        return _EMAIL.deserialize(shown)
    except ValidationError:
        return None


def _contact(node: dict[str, Any]) -> dict[str, Any]:
    parties = [node.get("contactPoint"), node.get("creator"), node.get("publisher")]
    found: dict[str, Any] = {}
    for party in (p for value in parties for p in listed(value) if isinstance(p, dict)):
        for point in [
            party,
            *[c for c in listed(party.get("contactPoint")) if isinstance(c, dict)],
        ]:
            values = {
                "contact_name": name_of(point),
                "contact_email": _email(point.get("email")),
                "contact_phone": first(point.get("telephone")),
            }
            for key, value in values.items():
                if value and key not in found:
                    found[key] = value
    limits = {"contact_name": 200, "contact_phone": 50}
    return {key: value[: limits.get(key, 254)] for key, value in found.items() if value}


def _keywords(value: Any) -> list[str]:
    words = [w for item in listed(value) for w in (first(item) or "").split(",")]
    cleaned = [w.strip()[:100] for w in words if w.strip()]
    return list(dict.fromkeys(cleaned))[:50]


def distributions(node: dict[str, Any], page_url: str) -> tuple[dict[str, Any], ...]:
    found = []
    for number, item in enumerate(listed(node.get("distribution")), 1):
        if not isinstance(item, dict):
            continue
        url = url_of(item.get("contentUrl") or item.get("url"), page_url)
        if not url:
            continue
        media = (first(item.get("encodingFormat")) or "").split(";")[0].strip()
        entry = {
            "title_vi": (first(item.get("name")) or f"Tệp dữ liệu {number}")[:500],
            "title_en": f"Data file {number}",
            "url": url,
            "format": FORMATS.get(media.lower(), media)[:50] or None,
            "kind": "link",
        }
        if description := first(item.get("description")):
            entry["description_vi"] = description[:20000]
        found.append(entry)
    return tuple(found)


def dataset_fields(
    node: dict[str, Any], page_url: str, content_type: str, notes: list[str]
) -> dict[str, Any]:
    names = texts(node.get("name"))
    title = names.get("vi") or next(iter(names.values()), None)
    if not title:
        raise ItemFailed(f"Dataset trên {page_url} không có tên / Dataset has no name")
    descriptions = texts(node.get("description"))
    result: dict[str, Any] = {
        "content_type": content_type,
        "title_vi": title[:500],
        "title_en": names.get("en", "")[:500] or None,
        "description_vi": (descriptions.get("vi") or next(iter(descriptions.values()), ""))[:50000]
        or None,
        "description_en": descriptions.get("en", "")[:50000] or None,
        "keywords": _keywords(node.get("keywords")),
        "landing_page": url_of(node.get("url"), page_url),
        "spatial": (name_of(node.get("spatialCoverage")) or "")[:500] or None,
        **_contact(node),
    }
    if node.get("license") is not None:
        code = licence(node.get("license"))
        if code is None:
            notes.append(f"{title}: licence {node.get('license')!r} unknown; set other-closed")
        result["licence"] = code or "other-closed"
    start, end = temporal(node.get("temporalCoverage"))
    if start and end and start <= end:
        result["temporal_start"], result["temporal_end"] = start.isoformat(), end.isoformat()
    if version := first(node.get("version")):
        result["version"] = version[:50]
    return {key: value for key, value in result.items() if value not in (None, [], "")}
