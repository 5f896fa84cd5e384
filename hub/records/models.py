"""Which table holds each dataset's records, and the report of every import."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from hub.db import Base, BigIntId, JSONType, NFCString, NFCText, UTCDateTime, new_id, utcnow

RECORD_TABLE_PREFIX = "rec_"  # physical record tables; migrations leave them alone


class RecordSet(Base):
    """A dataset's records: its schema, its current table and version."""

    __tablename__ = "record_set"

    dataset_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("dataset.id", ondelete="CASCADE"), primary_key=True
    )
    schema_name: Mapped[str] = mapped_column(String(50))
    # Fields the dataset declares beyond its content type's (statistics dimensions).
    extra_fields: Mapped[list[dict[str, Any]]] = mapped_column(JSONType, default=list)
    table_name: Mapped[str] = mapped_column(String(63), unique=True)
    version: Mapped[int] = mapped_column(Integer, default=0)
    row_count: Mapped[int] = mapped_column(BigIntId, default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class RecordImport(Base):
    """One import attempt, kept whether it succeeded or not, with its validation report."""

    __tablename__ = "record_import"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    dataset_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("dataset.id", ondelete="CASCADE"), index=True
    )
    actor: Mapped[str] = mapped_column(NFCString(200))
    mode: Mapped[str] = mapped_column(String(20))  # replace | upsert
    on_error: Mapped[str] = mapped_column(String(20))  # abort | skip
    status: Mapped[str] = mapped_column(String(20))  # succeeded | failed
    file_name: Mapped[str | None] = mapped_column(NFCString(255))
    format: Mapped[str | None] = mapped_column(String(20))
    encoding: Mapped[str | None] = mapped_column(String(40))
    rows_read: Mapped[int] = mapped_column(BigIntId, default=0)
    rows_loaded: Mapped[int] = mapped_column(BigIntId, default=0)
    rows_invalid: Mapped[int] = mapped_column(BigIntId, default=0)
    version: Mapped[int | None] = mapped_column(Integer)
    message: Mapped[str | None] = mapped_column(NFCText)
    # The first problems (row, column, value, message); rows_invalid counts them all.
    problems: Mapped[list[dict[str, Any]]] = mapped_column(JSONType, default=list)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
