"""Catalog entities as CKAN dicts: packages, resources, organizations, groups, tags.

A CKAN client reads these as it reads any CKAN site. The hub's own fields that CKAN
has no key for travel as ``extras`` (key/value pairs, values as text), named after
the REST API's fields so that one vocabulary serves both. Themes are CKAN groups.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

from hub.datasets.models import Dataset, Distribution, Organization
from hub.datasets.vocab import LICENCES, THEMES, Term
from hub.records.published import LICENCE_URLS

# Hub states as CKAN sees them: published is active; deleted stays deleted; every
# other state is a draft only its organization sees.
_STATE = {"published": "active", "deleted": "deleted"}
OPEN_LICENCES = frozenset(code for code in LICENCES if code != "other-closed")
# Extras: CKAN key -> dataset attribute (lists and dates as JSON / ISO text).
EXTRAS = {
    "title_en": "title_en",
    "notes_en": "description_en",
    "content_type": "content_type",
    "access_rights": "access_rights",
    "frequency": "frequency",
    "temporal_start": "temporal_start",
    "temporal_end": "temporal_end",
    "spatial": "spatial",
    "contact_phone": "contact_phone",
    "legal_basis": "legal_basis",
    "citation": "citation",
    "language": "language",
    "issued": "issued",
    "hub_state": "state",
}


def ckan_time(value: datetime | None) -> str | None:
    """CKAN's timestamps: naive UTC, ISO 8601 with microseconds."""
    if value is None:
        return None
    aware = value if value.tzinfo else value.replace(tzinfo=UTC)
    return aware.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds")


def _text(value: Any) -> str:
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, datetime):
        return ckan_time(value) or ""
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else str(value)


def package_state(dataset: Dataset) -> str:
    return _STATE.get(dataset.state, "draft")


def is_private(dataset: Dataset) -> bool:
    return not (dataset.state == "published" and dataset.access_rights == "PUBLIC")


def licence_dict(code: str) -> dict[str, Any]:
    term = LICENCES.get(code)
    return {
        "id": code,
        "title": term.en if term else code,
        "title_vi": term.vi if term else code,
        "url": LICENCE_URLS.get(code, ""),
        "od_conformance": "approved" if code in OPEN_LICENCES else "not reviewed",
        "osd_conformance": "not reviewed",
        "status": "active",
        "is_okd_compliant": code in OPEN_LICENCES,
        "is_generic": False,
    }


def organization_dict(org: Organization, base_url: str, package_count: int | None = None) -> dict:
    out = {
        "id": str(org.id),
        "name": org.slug,
        "title": org.title_vi,
        "display_name": org.title_vi,
        "description": org.description_vi or "",
        "image_url": "",
        "image_display_url": "",
        "created": ckan_time(org.created_at),
        "is_organization": True,
        "approval_status": "approved",
        "state": "active" if org.merged_at is None else "deleted",
        "type": "organization",
        "extras": [
            {"key": key, "value": _text(getattr(org, attr))}
            for key, attr in (
                ("title_en", "title_en"),
                ("description_en", "description_en"),
                ("agency_code", "agency_code"),
                ("kind", "kind"),
                ("website", "website"),
                ("email", "email"),
                ("phone", "phone"),
                ("address", "address"),
            )
            if getattr(org, attr)
        ],
        "url": f"{base_url}/api/v1/organizations/{org.slug}",
    }
    if package_count is not None:
        out["package_count"] = package_count
    return out


def group_dict(code: str, package_count: int | None = None) -> dict[str, Any]:
    term: Term = THEMES[code]
    out = {
        "id": code,
        "name": code.lower(),
        "title": term.vi,
        "display_name": term.vi,
        "description": term.en,
        "image_url": "",
        "image_display_url": "",
        "is_organization": False,
        "approval_status": "approved",
        "state": "active",
        "type": "group",
        "extras": [{"key": "iri", "value": term.iri or ""}, {"key": "title_en", "value": term.en}],
    }
    if package_count is not None:
        out["package_count"] = package_count
    return out


def theme_of_group(name: str) -> str | None:
    """A group name or id back to its theme code (CKAN names are lower case)."""
    code = name.strip().upper()
    return code if code in THEMES else None


def tag_dict(name: str) -> dict[str, Any]:
    return {
        "id": name,
        "name": name,
        "display_name": name,
        "state": "active",
        "vocabulary_id": None,
    }


def resource_dict(dist: Distribution, dataset: Dataset, base_url: str) -> dict[str, Any]:
    if dist.kind == "file":
        url = f"{base_url}/api/v1/datasets/{dataset.id}/distributions/{dist.id}/download"
    elif dist.kind == "generated":
        url = f"{base_url}/dataset/{dataset.slug}/{dist.file_name}"
    else:
        url = dist.url or ""
    return {
        "id": str(dist.id),
        "package_id": str(dataset.id),
        "name": dist.title_vi,
        "description": dist.description_vi or "",
        "url": url,
        "url_type": "upload" if dist.kind == "file" else None,
        "format": (dist.format or "").upper(),
        "mimetype": dist.media_type,
        "size": dist.byte_size,
        "hash": f"sha256:{dist.sha256}" if dist.sha256 else "",
        "created": ckan_time(dist.created_at),
        "last_modified": ckan_time(dist.modified_at),
        "metadata_modified": ckan_time(dist.modified_at),
        "position": dist.position,
        "state": "active",
        "datastore_active": dist.kind == "generated",
        "resource_type": dist.kind,
        "title_en": dist.title_en,
    }


def package_dict(dataset: Dataset, base_url: str) -> dict[str, Any]:
    """A complete CKAN package dict of a dataset (its organization and resources loaded)."""
    org = dataset.organization
    extras = [
        {"key": key, "value": _text(getattr(dataset, attr))}
        for key, attr in EXTRAS.items()
        if getattr(dataset, attr) not in (None, "", [])
    ]
    if org.agency_code:
        extras.append({"key": "agency_code", "value": org.agency_code})
    extras.sort(key=lambda pair: pair["key"])
    licence = licence_dict(dataset.licence)
    resources = [resource_dict(d, dataset, base_url) for d in dataset.distributions]
    tags = [tag_dict(k) for k in dataset.keywords or []]
    return {
        "id": str(dataset.id),
        "name": dataset.slug,
        "title": dataset.title_vi,
        "notes": dataset.description_vi or "",
        "url": dataset.landing_page or "",
        "version": dataset.version,
        "author": org.title_vi,
        "author_email": org.email,
        "maintainer": dataset.contact_name,
        "maintainer_email": dataset.contact_email,
        "license_id": dataset.licence,
        "license_title": licence["title"],
        "license_url": licence["url"],
        "isopen": dataset.licence in OPEN_LICENCES,
        "state": package_state(dataset),
        "private": is_private(dataset),
        "type": "dataset",
        "owner_org": str(dataset.organization_id),
        "organization": organization_dict(org, base_url),
        "groups": [group_dict(t) for t in dataset.themes or [] if t in THEMES],
        "tags": tags,
        "num_tags": len(tags),
        "extras": extras,
        "resources": resources,
        "num_resources": len(resources),
        "metadata_created": ckan_time(dataset.created_at),
        "metadata_modified": ckan_time(dataset.metadata_modified),
        "creator_user_id": None,
        "relationships_as_object": [],
        "relationships_as_subject": [],
        "ckan_url": f"{base_url}/api/v1/datasets/{dataset.slug}",
    }
