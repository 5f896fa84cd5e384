"""The database backend's tables: one row per searchable thing, and its facet values.

The full-text index itself is engine-specific and made by the migration: an FTS5
table ``search_fts`` (rowid = ``search_document.rowid``) on SQLite, a ``tsv`` column
with a GIN index on PostgreSQL. Neither is in the models, so migrations leave them
out of the model comparison (``migrations/env.py``).
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from hub.db import Base, BigIntId, NFCText, UTCDateTime

ENGINE_OBJECTS = ("search_fts", "tsv", "ix_search_document_tsv")


class SearchDocumentRow(Base):
    __tablename__ = "search_document"
    __table_args__ = (
        Index("ix_search_document_modified", "modified", "rowid"),
        {"sqlite_autoincrement": True},
    )

    rowid: Mapped[int] = mapped_column(BigIntId, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(200), unique=True)
    type: Mapped[str] = mapped_column(String(30))
    dataset_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    organization: Mapped[str | None] = mapped_column(String(100))
    title: Mapped[str] = mapped_column(NFCText)
    body: Mapped[str] = mapped_column(NFCText)  # the start of the text, for snippets
    url: Mapped[str] = mapped_column(String(1000))
    modified: Mapped[datetime] = mapped_column(UTCDateTime)


class SearchFacet(Base):
    """One facet value of a document (themes and formats have several)."""

    __tablename__ = "search_facet"
    __table_args__ = (Index("ix_search_facet_value", "facet", "value", "doc"),)

    doc: Mapped[int] = mapped_column(
        BigIntId, ForeignKey("search_document.rowid", ondelete="CASCADE"), primary_key=True
    )
    facet: Mapped[str] = mapped_column(String(20), primary_key=True)
    value: Mapped[str] = mapped_column(String(200), primary_key=True)


class SearchNumber(Base):
    """Document numbers, for prefix suggestions ("47/20" -> 47/2020/NĐ-CP)."""

    __tablename__ = "search_number"

    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    doc: Mapped[int] = mapped_column(
        BigIntId, ForeignKey("search_document.rowid", ondelete="CASCADE"), primary_key=True
    )
    number: Mapped[str] = mapped_column(String(120))


__all__ = ["SearchDocumentRow", "SearchFacet", "SearchNumber"]
