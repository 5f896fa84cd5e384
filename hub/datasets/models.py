"""Catalog tables: organizations, datasets, distributions, revisions and audit trail."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, ForeignKey, Index, Integer, String, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hub.db import Base, BigIntId, JSONType, NFCString, NFCText, UTCDateTime, new_id, utcnow


class Organization(Base):
    __tablename__ = "organization"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    title_vi: Mapped[str] = mapped_column(NFCString(500))
    title_en: Mapped[str | None] = mapped_column(NFCString(500))
    description_vi: Mapped[str | None] = mapped_column(NFCText)
    description_en: Mapped[str | None] = mapped_column(NFCText)
    kind: Mapped[str] = mapped_column(String(20), default="department")
    parent_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("organization.id", ondelete="RESTRICT"), index=True
    )
    agency_code: Mapped[str | None] = mapped_column(String(20), unique=True)
    website: Mapped[str | None] = mapped_column(String(500))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(50))
    address: Mapped[str | None] = mapped_column(NFCString(500))
    successor_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("organization.id", ondelete="RESTRICT"), index=True
    )
    merged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    modified_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    parent: Mapped[Organization | None] = relationship(
        remote_side=[id], foreign_keys=[parent_id], lazy="joined", join_depth=1
    )
    successor: Mapped[Organization | None] = relationship(
        remote_side=[id], foreign_keys=[successor_id]
    )

    def __repr__(self) -> str:
        return f"<Organization {self.slug}>"


class Dataset(Base):
    __tablename__ = "dataset"
    __table_args__ = (
        Index("ix_dataset_org_state", "organization_id", "state"),
        Index("ix_dataset_state_modified", "state", "metadata_modified", "id"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    organization_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organization.id", ondelete="RESTRICT")
    )
    content_type: Mapped[str] = mapped_column(String(30), index=True)
    state: Mapped[str] = mapped_column(String(20), default="draft")
    state_reason: Mapped[str | None] = mapped_column(NFCText)

    title_vi: Mapped[str] = mapped_column(NFCString(500))
    title_en: Mapped[str | None] = mapped_column(NFCString(500))
    description_vi: Mapped[str | None] = mapped_column(NFCText)
    description_en: Mapped[str | None] = mapped_column(NFCText)
    themes: Mapped[list[str]] = mapped_column(JSONType, default=list)
    keywords: Mapped[list[str]] = mapped_column(JSONType, default=list)
    licence: Mapped[str] = mapped_column(String(30), default="CC-BY-4.0")
    access_rights: Mapped[str] = mapped_column(String(20), default="PUBLIC")
    frequency: Mapped[str | None] = mapped_column(String(20))
    temporal_start: Mapped[date | None] = mapped_column(Date)
    temporal_end: Mapped[date | None] = mapped_column(Date)
    spatial: Mapped[str | None] = mapped_column(NFCString(500))
    contact_name: Mapped[str | None] = mapped_column(NFCString(200))
    contact_email: Mapped[str | None] = mapped_column(String(254))
    contact_phone: Mapped[str | None] = mapped_column(String(50))
    legal_basis: Mapped[list[str]] = mapped_column(JSONType, default=list)
    citation: Mapped[str | None] = mapped_column(NFCText)
    landing_page: Mapped[str | None] = mapped_column(String(1000))
    version: Mapped[str | None] = mapped_column(String(50))
    language: Mapped[list[str]] = mapped_column(JSONType, default=lambda: ["vi"])

    issued: Mapped[datetime | None] = mapped_column(UTCDateTime)
    modified: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    metadata_modified: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Optimistic concurrency: bumped on every write, the basis of ETags.
    revision_number: Mapped[int] = mapped_column(Integer, default=0)

    organization: Mapped[Organization] = relationship()
    # Loaded with the dataset in the same round trip: every representation lists them.
    distributions: Mapped[list[Distribution]] = relationship(
        back_populates="dataset",
        order_by="Distribution.position",
        cascade="all, delete-orphan",
        lazy="selectin",
    )

    def __repr__(self) -> str:
        return f"<Dataset {self.slug} {self.state}>"


class Distribution(Base):
    __tablename__ = "distribution"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    dataset_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("dataset.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))  # file | link | api
    title_vi: Mapped[str] = mapped_column(NFCString(500))
    title_en: Mapped[str | None] = mapped_column(NFCString(500))
    description_vi: Mapped[str | None] = mapped_column(NFCText)
    url: Mapped[str | None] = mapped_column(String(2000))
    file_key: Mapped[str | None] = mapped_column(String(200))
    file_name: Mapped[str | None] = mapped_column(NFCString(255))
    media_type: Mapped[str | None] = mapped_column(String(200))
    format: Mapped[str | None] = mapped_column(String(50))
    byte_size: Mapped[int | None] = mapped_column(BigIntId)
    sha256: Mapped[str | None] = mapped_column(String(64))
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    modified_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    dataset: Mapped[Dataset] = relationship(back_populates="distributions")


class Revision(Base):
    """A snapshot of a dataset after a change, so any state can be inspected or restored."""

    __tablename__ = "revision"
    __table_args__ = (UniqueConstraint("dataset_id", "number"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    dataset_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("dataset.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor: Mapped[str] = mapped_column(NFCString(200))
    action: Mapped[str] = mapped_column(String(30))
    reason: Mapped[str | None] = mapped_column(NFCText)
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSONType)

    dataset: Mapped[Dataset] = relationship()


class AuditEntry(Base):
    """Who did what to which entity, when and why."""

    __tablename__ = "audit_entry"
    __table_args__ = (Index("ix_audit_entity", "entity_type", "entity_id", "id"),)

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor: Mapped[str] = mapped_column(NFCString(200))
    token_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    action: Mapped[str] = mapped_column(String(30))
    entity_type: Mapped[str] = mapped_column(String(30))
    entity_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    reason: Mapped[str | None] = mapped_column(NFCText)
    details: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
