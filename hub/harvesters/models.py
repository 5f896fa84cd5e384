"""Harvest tables: sources, jobs, per-item results, and the identity of harvested objects."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from hub.db import Base, BigIntId, JSONType, NFCString, NFCText, UTCDateTime, new_id, utcnow

JOB_STATES = ("running", "succeeded", "partial", "failed")
ITEM_ACTIONS = ("created", "updated", "unchanged", "deleted", "failed")


class HarvestSource(Base):
    """A remote site the hub harvests for one organization."""

    __tablename__ = "harvest_source"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    title: Mapped[str | None] = mapped_column(NFCString(300))
    type: Mapped[str] = mapped_column(String(30))  # a registered backend name
    url: Mapped[str] = mapped_column(String(2000))
    organization_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organization.id", ondelete="RESTRICT"), index=True
    )
    config: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    schedule: Mapped[str] = mapped_column(String(20), default="daily")  # see SCHEDULES
    auto_publish: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True)
    # Days an object may be missing from complete gathers before it is withdrawn.
    grace_days: Mapped[int] = mapped_column(Integer, default=3)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Asked for by a ping: run at the next schedule pass whatever the schedule says.
    requested_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The component site's own token (role harvester): pushes, pings, reading its jobs.
    token_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("api_token.id", ondelete="SET NULL")
    )


class HarvestJob(Base):
    """One run of a source: gather, then one item per remote object."""

    __tablename__ = "harvest_job"
    __table_args__ = (Index("ix_harvest_job_source_started", "source_id", "started_at"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    source_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("harvest_source.id", ondelete="CASCADE")
    )
    status: Mapped[str] = mapped_column(String(20), default="running")  # JOB_STATES
    dry_run: Mapped[bool] = mapped_column(default=False)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    heartbeat_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    runner: Mapped[str | None] = mapped_column(String(200))  # host:pid of the run
    gather_complete: Mapped[bool] = mapped_column(default=False)
    since: Mapped[datetime | None] = mapped_column(UTCDateTime)  # incremental lower bound
    gathered: Mapped[int] = mapped_column(Integer, default=0)
    created: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    deleted: Mapped[int] = mapped_column(Integer, default=0)
    failed: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(NFCText)  # why the job failed or was cut short


class HarvestItem(Base):
    """What one job did with one remote object, and why it failed if it did."""

    __tablename__ = "harvest_item"

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True, autoincrement=True)
    job_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("harvest_job.id", ondelete="CASCADE"), index=True
    )
    remote_id: Mapped[str] = mapped_column(NFCString(500))
    action: Mapped[str] = mapped_column(String(20))  # ITEM_ACTIONS
    dataset_id: Mapped[uuid.UUID | None] = mapped_column()
    title: Mapped[str | None] = mapped_column(NFCString(500))
    error: Mapped[str | None] = mapped_column(NFCText)


class HarvestObject(Base):
    """A harvested dataset's identity: which source owns it under which remote id, and
    what it was when last written (so an unchanged object is not written again)."""

    __tablename__ = "harvest_object"
    __table_args__ = (UniqueConstraint("source_id", "remote_id"),)

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True, autoincrement=True)
    source_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("harvest_source.id", ondelete="CASCADE")
    )
    remote_id: Mapped[str] = mapped_column(NFCString(500))
    # One owner per dataset: no source takes over another's dataset, or a hand-made one.
    dataset_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("dataset.id", ondelete="CASCADE"), unique=True
    )
    remote_modified: Mapped[datetime | None] = mapped_column(UTCDateTime)
    content_hash: Mapped[str] = mapped_column(String(64))
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    missing_since: Mapped[datetime | None] = mapped_column(UTCDateTime)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
