"""Audit trail writer: who did what, when and why. Called inside service transactions."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hub.auth.principal import Principal
from hub.datasets.models import AuditEntry


def record(
    session: Session,
    actor: Principal,
    action: str,
    entity_type: str,
    entity_id: uuid.UUID,
    *,
    reason: str | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    entry = AuditEntry(
        actor=actor.label,
        token_id=actor.token_id,
        action=action,
        entity_type=entity_type,
        entity_id=entity_id,
        reason=reason,
        details=details or {},
    )
    session.add(entry)
    return entry


def trail(session: Session, entity_type: str, entity_id: uuid.UUID) -> list[AuditEntry]:
    query = (
        select(AuditEntry)
        .where(AuditEntry.entity_type == entity_type, AuditEntry.entity_id == entity_id)
        .order_by(AuditEntry.id)
    )
    return list(session.scalars(query))
