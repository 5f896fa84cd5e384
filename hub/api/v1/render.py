"""API representations: the service views plus absolute URLs from HUB_BASE_URL."""

from __future__ import annotations

from typing import Any

from flask import current_app

from hub.auth.models import ApiToken
from hub.datasets.changelog import ChangeLogEntry
from hub.datasets.models import AuditEntry, Dataset, Distribution, Organization, Revision
from hub.datasets.serialize import dataset_dict, distribution_dict, jsonable, organization_dict


def _api(path: str) -> str:
    return f"{current_app.config['HUB_BASE_URL']}/api/v1/{path}"


def organization_out(org: Organization) -> dict[str, Any]:
    out = organization_dict(org)
    out["url"] = _api(f"organizations/{org.id}")
    return out


def distribution_out(dist: Distribution) -> dict[str, Any]:
    out = distribution_dict(dist)
    out.pop("file_key")
    out["url"] = out["url"] or None
    out["self"] = _api(f"datasets/{dist.dataset_id}/distributions/{dist.id}")
    if dist.kind == "file":
        out["download_url"] = _api(f"datasets/{dist.dataset_id}/distributions/{dist.id}/download")
    elif dist.kind == "generated":  # made from the records on request, always current
        base = current_app.config["HUB_BASE_URL"]
        out["download_url"] = f"{base}/dataset/{dist.dataset.slug}/{dist.file_name}"
    else:
        out["download_url"] = dist.url
    return out


def dataset_out(dataset: Dataset) -> dict[str, Any]:
    out = dataset_dict(dataset, with_distributions=False)
    out["url"] = _api(f"datasets/{dataset.id}")
    out["organization_url"] = _api(f"organizations/{dataset.organization_id}")
    out["distributions"] = [distribution_out(d) for d in dataset.distributions]
    return out


def revision_out(revision: Revision) -> dict[str, Any]:
    return {
        "number": revision.number,
        "created_at": jsonable(revision.created_at),
        "actor": revision.actor,
        "action": revision.action,
        "reason": revision.reason,
        "snapshot": revision.snapshot,
    }


def audit_out(entry: AuditEntry) -> dict[str, Any]:
    return {
        "at": jsonable(entry.at),
        "actor": entry.actor,
        "action": entry.action,
        "reason": entry.reason,
        "details": entry.details,
    }


def change_out(entry: ChangeLogEntry) -> dict[str, Any]:
    out = entry.as_dict()
    kind = {"organization": "organizations", "dataset": "datasets"}.get(entry.entity_type)
    if kind:
        out["url"] = _api(f"{kind}/{entry.entity_id}")
    else:
        out["url"] = _api(f"datasets/{entry.dataset_id}/distributions/{entry.entity_id}")
    return out


def token_out(token: ApiToken) -> dict[str, Any]:
    return {
        "id": str(token.id),
        "prefix": token.prefix,
        "name": token.name,
        "role": token.role,
        "organization_id": jsonable(token.organization_id),
        "user": token.user.name if token.user else None,
        "created_at": jsonable(token.created_at),
        "expires_at": jsonable(token.expires_at),
        "revoked_at": jsonable(token.revoked_at),
        "last_used_at": jsonable(token.last_used_at),
    }
