"""A CKAN package dict to dataset fields and link distributions (the ``ckan`` backend).

Reads what any CKAN site returns, and everything the hub's own CKAN API puts in a
package (``hub.ckan.packages``): its extras carry the fields CKAN has no key for, so a
dataset harvested from another hub keeps all of them. Registers nothing.
"""

from __future__ import annotations

import json
from typing import Any

from hub.ckan.packages import theme_of_group
from hub.harvesters.backends._dcat_fields import (
    content_type,
    dataset_fields,
    distribution,
    licence_code,
    note,
)
from hub.harvesters.base import HarvestContext, ItemFailed, MappedDataset
from hub.metadata.dcat_vocab import ACCESS_RIGHT_CODES, FREQUENCY_CODES, LANGUAGE_CODES
from hub.text import is_valid_slug

# CKAN's own licence ids (its default list) -> the hub's codes. The hub's CKAN API uses
# the hub's codes as ids (``package_dict``: ``license_id`` is the licence code), which
# ``licence_code`` matches directly, so this is the inverse of that identity plus CKAN's.
CKAN_LICENCES = {
    "cc-by": "CC-BY-4.0",
    "cc-by-4.0": "CC-BY-4.0",
    "cc-by-sa": "CC-BY-SA-4.0",
    "cc-by-sa-4.0": "CC-BY-SA-4.0",
    "cc-zero": "CC0-1.0",
    "cc0": "CC0-1.0",
    "odc-by": "ODC-BY-1.0",
    "odc-odbl": "ODbL-1.0",
    "odc-pddl": "PDDL-1.0",
}
# Extras whose values are the hub's field values as text (``hub.ckan.packages.EXTRAS``).
_PLAIN_EXTRAS = {
    "title_en": "title_en",
    "notes_en": "description_en",
    "description_en": "description_en",
    "temporal_start": "temporal_start",
    "temporal_end": "temporal_end",
    "spatial_text": "spatial",
    "spatial": "spatial",
    "contact_name": "contact_name",
    "contact_email": "contact_email",
    "contact_phone": "contact_phone",
    "citation": "citation",
    "version": "version",
}


def extras_of(package: dict[str, Any]) -> dict[str, str]:
    extras = package.get("extras") or []
    out: dict[str, str] = {}
    if isinstance(extras, dict):
        extras = [{"key": k, "value": v} for k, v in extras.items()]
    for pair in extras:
        if isinstance(pair, dict) and isinstance(pair.get("key"), str):
            value = pair.get("value")
            out.setdefault(pair["key"], "" if value is None else str(value))
    return out


def _list(value: str | None) -> list[str]:
    """A list extra: JSON (as the hub writes it), else comma-separated text."""
    if not value:
        return []
    try:
        parsed = json.loads(value)
    except ValueError:
        parsed = value.split(",")
    if isinstance(parsed, str):
        parsed = [parsed]
    return [str(v).strip() for v in parsed if str(v).strip()] if isinstance(parsed, list) else []


def _code(value: str | None, table: dict[str, str]) -> str | None:
    """A code as is, or the code of its EU authority IRI."""
    if not value:
        return None
    return table.get(value.strip(), value.strip())


def _language(value: str) -> str:
    tail = value.rstrip("/").rsplit("/", 1)[-1]
    return LANGUAGE_CODES.get(tail, tail).lower()


def map_package(ctx: HarvestContext, package: Any) -> MappedDataset:
    if not isinstance(package, dict) or not package.get("id"):
        raise ItemFailed("the CKAN package is not an object with an id")
    ref = str(package["id"])
    extras = extras_of(package)
    raw: dict[str, Any] = {
        "content_type": content_type(ctx, extras.get("content_type")),
        "title_vi": package.get("title") or package.get("name"),
        "description_vi": package.get("notes"),
        "keywords": [
            t.get("display_name") or t.get("name") if isinstance(t, dict) else t
            for t in package.get("tags") or []
        ],
        "themes": sorted(
            {
                code
                for g in package.get("groups") or []
                if isinstance(g, dict)
                for code in (theme_of_group(str(g.get("name") or g.get("id") or "")),)
                if code
            }
        ),
        "contact_name": package.get("maintainer") or package.get("author"),
        "contact_email": package.get("maintainer_email") or package.get("author_email"),
        "version": package.get("version"),
    }
    name = package.get("name")
    if isinstance(name, str) and is_valid_slug(name):
        raw["slug"] = name
    url = str(package.get("url") or "").strip()
    if url.lower().startswith(("http://", "https://")):
        raw["landing_page"] = url
    for key, field in _PLAIN_EXTRAS.items():
        value = extras.get(key)
        # The first of the given keys wins; GeoJSON (ckanext-spatial) is not a place name.
        if value and not raw.get(field) and not (field == "spatial" and value.lstrip()[:1] in "{["):
            raw[field] = value
    if extras.get("access_rights"):
        raw["access_rights"] = _code(extras["access_rights"], ACCESS_RIGHT_CODES)
    if extras.get("frequency"):
        raw["frequency"] = _code(extras["frequency"], FREQUENCY_CODES)
    if extras.get("legal_basis"):
        raw["legal_basis"] = _list(extras["legal_basis"])
    if extras.get("language"):
        raw["language"] = [_language(v) for v in _list(extras["language"])]
    raw.update(_licence(ctx, ref, package))
    fields = dataset_fields(ctx, raw, ref)
    return MappedDataset(fields=fields, distributions=_resources(ctx, ref, package))


def _licence(ctx: HarvestContext, ref: str, package: dict[str, Any]) -> dict[str, str]:
    given = package.get("license_id") or package.get("license_url")
    if not given:
        return {}
    code = licence_code(package.get("license_id"), CKAN_LICENCES) or licence_code(
        package.get("license_url")
    )
    if code is None:
        note(
            ctx,
            ref,
            "licence",
            f"giấy phép không rõ {str(given)[:100]!r}, dùng mặc định / "
            "unknown licence, the default is kept",
        )
        return {}
    return {"licence": code}


def _resources(ctx: HarvestContext, ref: str, package: dict[str, Any]) -> tuple[dict, ...]:
    found = []
    resources = package.get("resources") or []
    ordered = sorted(
        (r for r in resources if isinstance(r, dict)),
        key=lambda r: r.get("position") if isinstance(r.get("position"), int) else 0,
    )
    for resource in ordered:
        if resource.get("state") not in (None, "active"):
            continue
        kind = "api" if resource.get("resource_type") == "api" else "link"
        made = distribution(
            ctx,
            ref,
            resource.get("url"),
            title=resource.get("name"),
            fmt=resource.get("format"),
            description=resource.get("description"),
            kind=kind,
            title_en=resource.get("title_en"),
        )
        if made is not None:
            found.append(made)
    return tuple(found)
