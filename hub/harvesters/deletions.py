"""Deletions: objects missing from a complete gather are withdrawn after a grace period.

Only the runner calls this, and only after a gather that listed everything and ended
without error: a failed or cut-short gather deletes nothing. A missing object is first
marked (``missing_since``); once it has been missing for the source's ``grace_days``,
its dataset is withdrawn when published, rejected when pending, and left as it is in
any other state. It comes back through review if the remote lists it again.
"""

from __future__ import annotations

from collections.abc import Set
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from hub.datasets import service as dataset_service
from hub.datasets.models import Dataset
from hub.harvesters.models import HarvestObject, HarvestSource
from hub.harvesters.saving import harvest_principal

_TAKEN_AWAY = {"published": "withdraw", "pending": "reject"}


def apply_deletions(session: Session, source: HarvestSource, seen: Set[str], now: datetime) -> int:
    """Mark and withdraw what the source no longer lists; returns how many were withdrawn.
    Runs in the caller's transaction."""
    actor = harvest_principal(source)
    grace = timedelta(days=source.grace_days)
    withdrawn = 0
    objects = session.scalars(
        select(HarvestObject).where(
            HarvestObject.source_id == source.id, HarvestObject.withdrawn_at.is_(None)
        )
    )
    for obj in objects:
        if obj.remote_id in seen:
            continue
        if obj.missing_since is None:
            obj.missing_since = now
        if now - obj.missing_since < grace:
            continue
        dataset = session.get(Dataset, obj.dataset_id)
        action = _TAKEN_AWAY.get(dataset.state) if dataset is not None else None
        if action:
            reason = (
                f"Không còn trên nguồn {source.name} từ {obj.missing_since:%Y-%m-%d} / "
                f"missing from source {source.name} since {obj.missing_since:%Y-%m-%d}"
            )
            dataset_service.transition(session, actor, dataset.id, action, reason=reason)
        obj.withdrawn_at = now
        withdrawn += 1
    return withdrawn
