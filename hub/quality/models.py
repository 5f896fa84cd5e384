"""Metadata quality tables: link check results and the stored score of each dataset."""

from __future__ import annotations

import hashlib
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from hub.db import Base, BigIntId, JSONType, UTCDateTime, utcnow


def url_key(url: str) -> str:
    """The unique key of a URL: its SHA-256 (a unique index on 2,000-character URLs would
    exceed PostgreSQL's index row limit once they hold non-ASCII characters)."""
    return hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()


class LinkCheck(Base):
    """The latest check of one URL (one row per URL, replaced by each new check)."""

    __tablename__ = "link_check"

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True, autoincrement=True)
    url_key: Mapped[str] = mapped_column(String(64), unique=True)
    url: Mapped[str] = mapped_column(Text)
    status: Mapped[int | None] = mapped_column(Integer)  # the final HTTP status
    error: Mapped[str | None] = mapped_column(String(30))  # hub.net.fetch.ERROR_KINDS
    detail: Mapped[str | None] = mapped_column(String(300))
    ok: Mapped[bool] = mapped_column(default=False)
    elapsed_ms: Mapped[int] = mapped_column(Integer, default=0)
    checked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


class QualityScore(Base):
    """A dataset's score when last computed, so organizations rank without recomputing."""

    __tablename__ = "quality_score"

    dataset_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("dataset.id", ondelete="CASCADE"), primary_key=True
    )
    revision_number: Mapped[int] = mapped_column(Integer)  # of the dataset when scored
    method: Mapped[int] = mapped_column(Integer)  # hub.quality.indicators.METHOD
    total: Mapped[float] = mapped_column(Float)
    rating: Mapped[str] = mapped_column(String(20))
    stars: Mapped[int] = mapped_column(Integer)
    links_checked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    # Last: the ranking reads the columns above, and SQLite reads a row's columns in order.
    dimensions: Mapped[dict[str, Any]] = mapped_column(JSONType)
    indicators: Mapped[dict[str, Any]] = mapped_column(JSONType)
