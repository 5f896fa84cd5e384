"""The database backend's tables.

``search_document`` holds what a hit shows (title, the start of the body, URL) and is
read only for the page of hits. ``search_entry`` is the compact row that matching,
ranking, filters and facet counts walk: facet values as short columns and the
modification time as an integer, so that walking 40,000 hits stays cheap.
``search_count`` holds signed count deltas per facet value (summed when read, compacted
now and then): the facet counts of the whole index without a scan, and without a hot
row that concurrent writers would queue on.

The full-text index itself is engine-specific and made by the migrations: an FTS5
table ``search_fts`` (rowid = ``search_document.rowid``) on SQLite; on PostgreSQL two
``tsvector`` columns of ``search_entry``, ``tsv`` (everything, GIN-indexed, kept out of
line) and ``rank`` (title, numbers and the lead of the body, inline, for ranking).
Neither is in the models, so migrations leave them out of the model comparison
(``migrations/env.py``).
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from hub.db import Base, BigIntId, NFCText, UTCDateTime

ENGINE_OBJECTS = ("search_fts", "tsv", "rank", "ix_search_entry_tsv")
MULTI_SEPARATOR = "\x1f"  # joins the values of a multi-valued facet in one column


class SearchDocumentRow(Base):
    __tablename__ = "search_document"
    __table_args__ = ({"sqlite_autoincrement": True},)

    rowid: Mapped[int] = mapped_column(BigIntId, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(200), unique=True)
    type: Mapped[str] = mapped_column(String(30))
    dataset_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    organization: Mapped[str | None] = mapped_column(String(100))
    title: Mapped[str] = mapped_column(NFCText)
    body: Mapped[str] = mapped_column(NFCText)  # the start of the text, for snippets
    url: Mapped[str] = mapped_column(String(1000))
    modified: Mapped[datetime] = mapped_column(UTCDateTime)


class SearchEntry(Base):
    """A document as queries walk it: facet values and recency, nothing long."""

    __tablename__ = "search_entry"
    __table_args__ = (Index("ix_search_entry_stamp", "stamp", "doc"),)

    doc: Mapped[int] = mapped_column(
        BigIntId,
        ForeignKey("search_document.rowid", ondelete="CASCADE"),
        primary_key=True,
        autoincrement=False,
    )
    stamp: Mapped[int] = mapped_column(BigInteger)  # modified, microseconds since 1970
    type: Mapped[str] = mapped_column(String(30))
    organization: Mapped[str] = mapped_column(String(200), default="")
    content_type: Mapped[str] = mapped_column(String(200), default="")
    year: Mapped[str] = mapped_column(String(200), default="")
    licence: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(200), default="")
    themes: Mapped[str] = mapped_column(String(2000), default="")  # MULTI_SEPARATOR-joined
    formats: Mapped[str] = mapped_column(String(2000), default="")


class SearchCount(Base):
    """A signed change to the number of documents with a facet value; facet '' counts
    all documents."""

    __tablename__ = "search_count"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True, autoincrement=True)
    facet: Mapped[str] = mapped_column(String(20))
    value: Mapped[str] = mapped_column(String(200))
    n: Mapped[int] = mapped_column(Integer)


class SearchNumber(Base):
    """Document numbers, for prefix suggestions ("47/20" -> 47/2020/NĐ-CP)."""

    __tablename__ = "search_number"

    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    doc: Mapped[int] = mapped_column(
        BigIntId, ForeignKey("search_document.rowid", ondelete="CASCADE"), primary_key=True
    )
    number: Mapped[str] = mapped_column(String(120))


__all__ = ["SearchCount", "SearchDocumentRow", "SearchEntry", "SearchNumber"]
