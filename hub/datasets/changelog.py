"""The change log: the spine that search, sync, the public feed and caches follow.

Rows are written by a session listener, not by each service, so that nothing
can create, change or delete a tracked entity without its row landing in the
same transaction. One row is kept per entity per transaction, carrying the
strongest operation seen (create > delete > state > update).

On PostgreSQL a transaction-scoped advisory lock is taken before the first row
is inserted, so sequence numbers become visible in commit order and a reader
polling ``changes_since`` can never skip a row that commits late.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Index, String, Uuid, event, inspect, select, text
from sqlalchemy.orm import Mapped, Session, mapped_column

from hub.datasets.models import Dataset, Distribution, Organization
from hub.db import Base, BigIntId, UTCDateTime, utcnow

OPERATIONS = ("create", "update", "state", "delete")
_STRENGTH = {"update": 0, "state": 1, "delete": 2, "create": 3}
_TRACKED: dict[type, str] = {
    Organization: "organization",
    Dataset: "dataset",
    Distribution: "distribution",
}
_HELD = "changelog_lock_held_by"
_ADVISORY_KEY = 0x4855_4243  # "HUBC": serialises change-log writers on PostgreSQL


class ChangeLogEntry(Base):
    __tablename__ = "change_log"
    __table_args__ = (
        Index("ix_change_log_entity", "entity_type", "entity_id"),
        {"sqlite_autoincrement": True},
    )

    seq: Mapped[int] = mapped_column(BigIntId, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    entity_type: Mapped[str] = mapped_column(String(30))
    entity_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    operation: Mapped[str] = mapped_column(String(10))
    organization_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    dataset_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    state: Mapped[str | None] = mapped_column(String(20))

    def as_dict(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "at": self.at.isoformat(),
            "entity_type": self.entity_type,
            "entity_id": str(self.entity_id),
            "operation": self.operation,
            "organization_id": str(self.organization_id) if self.organization_id else None,
            "dataset_id": str(self.dataset_id) if self.dataset_id else None,
            "state": self.state,
        }


def changes_since(session: Session, seq: int = 0, limit: int = 100) -> list[ChangeLogEntry]:
    """Entries with a sequence number above ``seq``, oldest first."""
    query = (
        select(ChangeLogEntry)
        .where(ChangeLogEntry.seq > seq)
        .order_by(ChangeLogEntry.seq)
        .limit(limit)
    )
    return list(session.scalars(query))


def visible_changes_since(
    session: Session, actor: Any, seq: int = 0, limit: int = 100
) -> list[ChangeLogEntry]:
    """The feed as ``actor`` may read it. Outsiders see organization changes and changes of
    datasets that are open now or were taken down (so mirrors learn of removals), never
    the drafts of others."""
    query = select(ChangeLogEntry).where(ChangeLogEntry.seq > seq)
    if not actor.is_admin:
        open_now = (Dataset.state == "published") & (Dataset.access_rights == "PUBLIC")
        taken_down = Dataset.state.in_(("withdrawn", "deleted"))
        visible = ChangeLogEntry.dataset_id.is_(None) | open_now | taken_down
        if actor.is_authenticated and actor.scope:
            visible = visible | ChangeLogEntry.organization_id.in_(actor.scope)
        query = query.outerjoin(Dataset, Dataset.id == ChangeLogEntry.dataset_id).where(visible)
    return list(session.scalars(query.order_by(ChangeLogEntry.seq).limit(limit)))


def latest_seq(session: Session) -> int:
    """The highest sequence number written so far (0 for an empty log)."""
    last = session.scalar(select(ChangeLogEntry.seq).order_by(ChangeLogEntry.seq.desc()).limit(1))
    return last or 0


def _operation(session: Session, obj: Any) -> str | None:
    if obj in session.new:
        return "create"
    if obj in session.deleted or _orphaned(obj):
        return "delete"
    if not session.is_modified(obj, include_collections=False):
        return None
    if isinstance(obj, Dataset):
        history = inspect(obj).attrs.state.history
        if history.has_changes():
            return "delete" if obj.state == "deleted" else "state"
    return "update"


def _orphaned(obj: Any) -> bool:
    """A distribution removed from its dataset's list; delete-orphan removes it in this flush."""
    return isinstance(obj, Distribution) and obj.dataset is None and obj.dataset_id is not None


def _scope(session: Session, obj: Any) -> tuple[uuid.UUID | None, uuid.UUID | None, str | None]:
    """(organization_id, dataset_id, state) carried on the row for filtering."""
    if isinstance(obj, Organization):
        return obj.id, None, None
    if isinstance(obj, Dataset):
        return obj.organization_id, obj.id, obj.state
    dataset = obj.dataset or (
        session.get(Dataset, obj.dataset_id) if obj.dataset_id is not None else None
    )
    return (dataset.organization_id if dataset else None), obj.dataset_id, None


def _live(row: ChangeLogEntry) -> bool:
    state = inspect(row)
    return (state.pending or state.persistent) and not state.deleted


@event.listens_for(Session, "before_flush")
def _record_changes(session: Session, _ctx: Any, _instances: Any) -> None:
    rows: dict[tuple[str, Any], ChangeLogEntry] = session.info.setdefault("changelog_rows", {})
    for obj in list(session.new) + list(session.dirty) + list(session.deleted):
        entity_type = _TRACKED.get(type(obj))
        if entity_type is None:
            continue
        operation = _operation(session, obj)
        if operation is None:
            continue
        if obj.id is None:  # defaults are applied at insert; the log needs the id now
            obj.id = uuid.uuid4()
        org_id, dataset_id, state = _scope(session, obj)
        row = rows.get((entity_type, obj.id))
        if row is not None and _live(row):
            if _STRENGTH[operation] > _STRENGTH[row.operation]:
                row.operation = operation
            row.state = state
            continue
        _lock_sequence(session)
        row = ChangeLogEntry(
            at=utcnow(),
            entity_type=entity_type,
            entity_id=obj.id,
            operation=operation,
            organization_id=org_id,
            dataset_id=dataset_id,
            state=state,
        )
        session.add(row)
        rows[(entity_type, obj.id)] = row


def _lock_sequence(session: Session) -> None:
    # Re-entrant and cheap; taken per new row so a rolled-back savepoint cannot drop it,
    # unless held by a transaction that encloses the current one (``hold_sequence_lock``).
    if session.get_bind().dialect.name != "postgresql":
        return
    held, current = session.info.get(_HELD), session.get_transaction()
    if held is not None and held is current and current.is_active:
        return
    session.connection().execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _ADVISORY_KEY})


def hold_sequence_lock(session: Session) -> None:
    """Take the sequence lock for the whole outer transaction now: savepoints opened
    later (one per harvested item) then skip it. Bulk writers call this."""
    if session.get_bind().dialect.name != "postgresql":
        return
    session.connection().execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _ADVISORY_KEY})
    session.info[_HELD] = session.get_transaction()


@event.listens_for(Session, "after_transaction_end")
def _reset(session: Session, transaction: Any) -> None:
    if transaction.parent is None:
        session.info.pop("changelog_rows", None)
        session.info.pop(_HELD, None)
