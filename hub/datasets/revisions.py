"""Revision snapshots: every change to a dataset is kept whole, with actor and reason."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from hub import audit
from hub.auth.principal import Principal
from hub.datasets.models import Dataset, Revision
from hub.datasets.serialize import dataset_dict
from hub.db import utcnow


def touch(dataset: Dataset, *, content: bool) -> None:
    """Mark a change: metadata time always, content time for edits, and a new revision."""
    now = utcnow()
    dataset.metadata_modified = now
    if content:
        dataset.modified = now
    dataset.revision_number = (dataset.revision_number or 0) + 1


def record_revision(
    session: Session,
    actor: Principal,
    dataset: Dataset,
    action: str,
    reason: str | None,
    details: dict[str, Any] | None = None,
) -> Revision:
    """Snapshot the dataset as it now is, and the audit entry of the same change."""
    revision = Revision(
        dataset=dataset,
        number=dataset.revision_number,
        actor=actor.label,
        action=action,
        reason=reason,
        snapshot=dataset_dict(dataset),
    )
    session.add(revision)
    details = {"revision": dataset.revision_number, "state": dataset.state, **(details or {})}
    audit.record(session, actor, action, "dataset", dataset.id, reason=reason, details=details)
    return revision
