"""The hub-wide index of legal documents, their relations, files and review flags.

Legal documents are records of ``legal_document`` datasets (the records store holds
them as for any record type). This index is derived from those records in the same
transaction as every import, so it cannot drift: it gives every document a stable id
(from its dataset and number), a lookup key that matches any written form of the
number, and the relations between documents across datasets.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from hub.db import Base, BigIntId, JSONType, NFCString, NFCText, UTCDateTime, new_id, utcnow


class LegalDocument(Base):
    __tablename__ = "legal_document"
    # Lists page newest issue first, with the id as tie-breaker.
    __table_args__ = (Index("ix_legal_document_issued_id", "issued", "id"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)  # uuid5(dataset id, key)
    dataset_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("dataset.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(String(120), index=True)  # DocumentNumber.key
    # A law's title key ("LAW:luat cong nghe thong tin"): laws are often cited by title.
    title_key: Mapped[str | None] = mapped_column(String(300), index=True)
    number: Mapped[str] = mapped_column(NFCString(120))
    doc_type: Mapped[str | None] = mapped_column(String(10), index=True)
    issuer: Mapped[str | None] = mapped_column(NFCString(300))
    issuer_code: Mapped[str | None] = mapped_column(String(60), index=True)
    issued: Mapped[date] = mapped_column(Date)
    effective: Mapped[date | None] = mapped_column(Date)
    expired: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), index=True)
    abstract: Mapped[str] = mapped_column(NFCText)
    row: Mapped[int] = mapped_column(BigIntId)  # the record's _row in its dataset
    record: Mapped[dict[str, Any]] = mapped_column(JSONType)  # every field, as JSON values
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class LegalRelation(Base):
    """One reference from a document to another, resolved by key when the target exists."""

    __tablename__ = "legal_relation"

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True, autoincrement=True)
    source_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("legal_document.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))  # based_on replaces amends repeals cites
    position: Mapped[int] = mapped_column(Integer)  # order within the source's relations
    target_key: Mapped[str] = mapped_column(String(300), index=True)
    number: Mapped[str | None] = mapped_column(NFCString(120))
    label: Mapped[str] = mapped_column(NFCString(1000))  # the reference as written
    target_date: Mapped[date | None] = mapped_column(Date)


class LegalFile(Base):
    """A file uploaded for a document (its signed original or its full text)."""

    __tablename__ = "legal_file"
    __table_args__ = (Index("uq_legal_file_document_role", "document_id", "role", unique=True),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    # No foreign key: a document's id is stable across imports, and a file outlives an
    # import that briefly drops its document.
    document_id: Mapped[uuid.UUID] = mapped_column()
    dataset_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("dataset.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(20))  # original | text
    file_key: Mapped[str] = mapped_column(String(80))  # "ab/cd/<sha256>" in the file store
    file_name: Mapped[str] = mapped_column(NFCString(255))
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(BigIntId)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(NFCString(200))


class ReviewFlag(Base):
    """Content to review because a document it rests on is no longer in force."""

    __tablename__ = "review_flag"
    __table_args__ = (Index("ix_review_flag_open", "resolved_at", "created_at"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    subject_type: Mapped[str] = mapped_column(String(20))  # legal_document | dataset
    subject_id: Mapped[uuid.UUID] = mapped_column(index=True)
    subject_label: Mapped[str] = mapped_column(NFCString(500))
    dataset_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("dataset.id", ondelete="CASCADE"), index=True
    )
    organization_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organization.id", ondelete="CASCADE"), index=True
    )
    cause_key: Mapped[str] = mapped_column(String(300))
    cause_number: Mapped[str] = mapped_column(NFCString(300))
    cause_id: Mapped[uuid.UUID | None] = mapped_column()
    reason: Mapped[str] = mapped_column(String(40))  # rests_on_expired
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolved_by: Mapped[str | None] = mapped_column(NFCString(200))
    resolution: Mapped[str | None] = mapped_column(NFCText)
