"""Batches of documents made ready for the database backend to write.

Everything indexing computes in Python happens here, in the thread that prepares the
next batch while the engine writes this one: folding, syllables and pairs, facet
columns, document numbers, and on PostgreSQL the COPY data of every table (the server
reads COPY rows far faster than the literals of a long INSERT).
"""

from __future__ import annotations

import unicodedata
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any, Protocol

from sqlalchemy import text
from sqlalchemy.engine import Connection

from hub.legal.numbers import NumberError, parse_number
from hub.search import counts
from hub.search.base import SearchDocument
from hub.search.text import numbers_text

BODY_KEPT = 4000  # characters kept for snippets
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def stamp(moment: datetime) -> int:
    """A moment as microseconds since 1970 (UTC), the recency key of entries."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    delta = aware - EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


@dataclass(frozen=True)
class Ready:
    """The rows of a batch, rowids included, as the database tables take them."""

    given: int  # documents handed in, repeated ids included
    ids: list[str]
    columns: list[dict[str, str]]  # facet columns per document, for the count deltas
    entries: list[tuple[Any, ...]]  # search_entry values (ENTRY_COLUMNS order)
    texts: list[tuple[str, ...]]  # what the engine indexes per document
    documents: list[dict[str, Any]]  # search_document rows
    numbers: list[dict[str, Any]]  # search_number rows
    packed: Any  # whatever the engine made of the above for its ``stage``


class Packer(Protocol):
    def index_texts(self, title: str, body: str, numbers: str) -> tuple[str, ...]: ...

    def pack(self, ready: Ready) -> Any: ...


def prepare(given: list[SearchDocument], rowids: Sequence[int], engine: Packer) -> Ready:
    """A batch ready to write. ``rowids`` has one id per given document; repeated
    ids leave some unused (the last of the same id wins, as in separate calls)."""
    docs = list({d.id: d for d in given}.values())
    columns = [counts.column_values(d) for d in docs]
    entries = [
        (
            rowid,
            stamp(d.modified),
            d.type,
            c["organization"],
            c["content_type"],
            c["year"],
            c["licence"],
            c["status"],
            c["themes"],
            c["formats"],
        )
        for rowid, d, c in zip(rowids, docs, columns, strict=False)
    ]
    texts = [engine.index_texts(d.title, d.body, numbers_text(d.numbers)) for d in docs]
    documents = [
        {
            "rowid": rowid,
            "id": d.id,
            "type": d.type,
            "dataset_id": uuid.UUID(d.dataset_id) if d.dataset_id else None,
            "organization": d.organization,
            "title": _nfc(d.title),
            "body": _nfc(d.body[:BODY_KEPT]),
            "url": d.url,
            "modified": d.modified,
        }
        for rowid, d in zip(rowids, docs, strict=False)
    ]
    numbers = []
    for rowid, d in zip(rowids, docs, strict=False):
        for written in dict.fromkeys(d.numbers):
            try:
                parsed = parse_number(written)
            except NumberError:
                continue
            numbers.append({"key": parsed.key, "doc": rowid, "number": parsed.canonical})
    ready = Ready(
        len(given), [d.id for d in docs], columns, entries, texts, documents, numbers, None
    )
    return replace(ready, packed=engine.pack(ready))


def _nfc(value: str) -> str:
    # The columns normalise on bind; COPY binds nothing, so the batch does it.
    return value if unicodedata.is_normalized("NFC", value) else unicodedata.normalize("NFC", value)


class Rowids:
    """Rowids for new documents, never reused: deltas, entries and the FTS rows all
    key on them. Taken ahead of the writes, so the next batch can be prepared while
    this one is written; the caller's write transaction keeps them its own."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        self._next: int | None = None

    def take(self, n: int) -> list[int]:
        if self._conn.dialect.name == "postgresql":
            return list(
                self._conn.execute(
                    text(
                        "SELECT nextval(pg_get_serial_sequence('search_document', 'rowid')) "
                        "FROM generate_series(1, :n)"
                    ),
                    {"n": n},
                ).scalars()
            )
        if self._next is None:
            self._next = (
                1
                + self._conn.exec_driver_sql(
                    "SELECT max(coalesce((SELECT seq FROM sqlite_sequence "
                    "WHERE name = 'search_document'), 0), "
                    "coalesce((SELECT max(rowid) FROM search_document), 0))"
                ).scalar_one()
            )
        first, self._next = self._next, self._next + n
        return list(range(first, first + n))


# -- COPY text format ---------------------------------------------------------------------

_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


NULL = "\\N"


def copy_text(value: str) -> str:
    """A string field in PostgreSQL's COPY text format."""
    # four scans in C are cheaper than translating every character
    if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
        return value.translate(_COPY_ESCAPES)
    return value


def copy_field(value: Any) -> str:
    """One field of any type in PostgreSQL's COPY text format."""
    if value is None:
        return NULL
    if isinstance(value, str):
        return copy_text(value)
    if isinstance(value, datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=UTC)
        return aware.isoformat()
    return str(value)


def copy_rows(rows: Iterator[Sequence[Any]]) -> str:
    """Rows in COPY text format (tab-separated, one per line)."""
    return "".join("\t".join(map(copy_field, row)) + "\n" for row in rows)
