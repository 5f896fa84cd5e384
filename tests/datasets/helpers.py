"""Counting helpers for asserting that a refused operation wrote nothing."""

from __future__ import annotations

from sqlalchemy import func, select

from hub.datasets.changelog import ChangeLogEntry
from hub.datasets.models import AuditEntry, Dataset, Distribution, Organization, Revision

COUNTED = (AuditEntry, ChangeLogEntry, Dataset, Distribution, Organization, Revision)


def footprint(session) -> dict[str, int]:
    """Row counts of every table a write could touch."""
    session.expire_all()
    return {m.__name__: session.scalar(select(func.count()).select_from(m)) for m in COUNTED}
