"""Plain JSON-ready views of catalog entities (snapshots, CLI output, API bodies)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from hub.datasets.models import Dataset, Distribution, Organization
from hub.datasets.schemas import DATASET_FIELDS

DISTRIBUTION_FIELDS = (
    "kind",
    "title_vi",
    "title_en",
    "description_vi",
    "url",
    "file_key",
    "file_name",
    "media_type",
    "format",
    "byte_size",
    "sha256",
    "position",
)
ORGANIZATION_FIELDS = (
    "slug",
    "title_vi",
    "title_en",
    "description_vi",
    "description_en",
    "kind",
    "agency_code",
    "website",
    "email",
    "phone",
    "address",
)


def jsonable(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    return value


def organization_dict(org: Organization) -> dict[str, Any]:
    out: dict[str, Any] = {"id": str(org.id)}
    out.update({name: getattr(org, name) for name in ORGANIZATION_FIELDS})
    out["parent_id"] = jsonable(org.parent_id)
    out["successor_id"] = jsonable(org.successor_id)
    out["merged_at"] = jsonable(org.merged_at)
    out["created_at"] = jsonable(org.created_at)
    out["modified_at"] = jsonable(org.modified_at)
    return out


def distribution_dict(dist: Distribution) -> dict[str, Any]:
    out: dict[str, Any] = {"id": str(dist.id), "dataset_id": str(dist.dataset_id)}
    out.update({name: getattr(dist, name) for name in DISTRIBUTION_FIELDS})
    out["created_at"] = jsonable(dist.created_at)
    out["modified_at"] = jsonable(dist.modified_at)
    return out


def dataset_dict(dataset: Dataset, *, with_distributions: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {"id": str(dataset.id)}
    out.update({name: jsonable(getattr(dataset, name)) for name in DATASET_FIELDS})
    out.update(
        organization_id=str(dataset.organization_id),
        state=dataset.state,
        state_reason=dataset.state_reason,
        issued=jsonable(dataset.issued),
        modified=jsonable(dataset.modified),
        metadata_modified=jsonable(dataset.metadata_modified),
        created_at=jsonable(dataset.created_at),
        revision_number=dataset.revision_number,
    )
    if with_distributions:
        out["distributions"] = [distribution_dict(d) for d in dataset.distributions]
    return out
