"""The full-text part of the database backend, one class per engine.

Each engine writes a batch of entries with their texts, forgets rowids, and says how
a parsed query matches and scores: a ``Match`` whose SQL selects from ``search_entry e``
(joined to the engine's index where it has one). Lower scores rank first.

SQLite: an FTS5 table ranked with bm25 (title 10, body 1, numbers 100).
PostgreSQL: ``tsv`` (every token, GIN-indexed) matches; ``rank`` (title and numbers
weight A, the syllable pairs of the body's lead weight B) ranks with ``ts_rank``. Both hold folded
syllables and syllable pairs (``hub.search.text``).
"""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert, text
from sqlalchemy.engine import Connection

from hub.search.batch import NULL, Ready, copy_field, copy_rows, copy_text
from hub.search.models import SearchDocumentRow, SearchNumber
from hub.search.text import (
    BIGRAM_JOINER,
    BODY_PAIRS,
    ParsedQuery,
    bigrams,
    index_text,
    syllables,
)

DOCUMENT_COLUMNS = (
    "rowid",
    "id",
    "type",
    "dataset_id",
    "organization",
    "title",
    "body",
    "url",
    "modified",
)
ENTRY_COLUMNS = (
    "doc",
    "stamp",
    "type",
    "organization",
    "content_type",
    "year",
    "licence",
    "status",
    "themes",
    "formats",
)
Entry = tuple[Any, ...]  # values of ENTRY_COLUMNS


IndexTexts = tuple[str, ...]  # what an engine stages for one document, folded
_DOCUMENTS, _NUMBERS = SearchDocumentRow.__table__, SearchNumber.__table__
_COPY_DOCUMENTS = f"COPY search_document ({', '.join(DOCUMENT_COLUMNS)}) FROM STDIN"
_COPY_ENTRIES = f"COPY search_entry ({', '.join(ENTRY_COLUMNS)}, tsv, rank) FROM STDIN"
_COPY_NUMBERS = "COPY search_number (key, doc, number) FROM STDIN"
_COPIES = (_COPY_DOCUMENTS, _COPY_ENTRIES, _COPY_NUMBERS)


def _lead_and_rest(body: str) -> tuple[list[str], list[str]]:
    tokens = syllables(body)
    lead = tokens[: BODY_PAIRS + 1]
    return lead, tokens[len(lead) :]


@dataclass(frozen=True)
class Match:
    source: str  # FROM clause; search_entry is ``e``
    condition: str  # WHERE clause
    score: str  # SQL expression, lower first
    params: dict[str, Any] = field(default_factory=dict)


EVERYTHING = Match("search_entry e", "1=1", "0")


def _quoted(token: str) -> str:
    return f'"{token}"'  # tokens are [a-z0-9]+ only: quoting is all FTS5 needs


def fts5_expression(parsed: ParsedQuery) -> str:
    """The MATCH expression: every syllable and phrase required, pairs boost the rank,
    a document number matches on its own."""
    parts = [_quoted(t) for t in parsed.required]
    parts += ['"' + " ".join(p) + '"' for p in parsed.phrases]
    expression = " AND ".join(parts)
    covering = _covering_pairs(parsed)
    others = [b for b in parsed.boosts if b not in covering]
    if expression and others:
        # Always true where the rest matches, but the pairs now count in bm25.
        boosts = " OR ".join(_quoted(b) for b in (*others, parsed.required[0]))
        expression = f"{expression} AND ({boosts})" if parsed.required else expression
    if expression and covering:
        # Such a pair holds every required syllable: OR-ing it matches the same
        # documents while it counts in bm25, without reading a syllable twice.
        expression = f"{' OR '.join(map(_quoted, covering))} OR ({expression})"
    if parsed.numbers:
        numbers = " OR ".join(_quoted(n) for n in parsed.numbers)
        expression = f"({numbers}) OR ({expression})" if expression else numbers
    return expression


def _covering_pairs(parsed: ParsedQuery) -> list[str]:
    """Pairs made of exactly the two required syllables (letters only: digits could
    join into the same token from other syllables)."""
    required = parsed.required
    if len(required) != 2 or parsed.phrases or not all(t.isalpha() for t in required):
        return []
    a, b = required
    return [p for p in parsed.boosts if p in (a + BIGRAM_JOINER + b, b + BIGRAM_JOINER + a)]


def tsquery_texts(parsed: ParsedQuery) -> tuple[str, str, str]:
    """(match, rank, numbers) queries for ``to_tsquery('simple', ...)``."""
    parts = list(parsed.required) + [" <-> ".join(p) for p in parsed.phrases]
    match = " & ".join(f"({p})" for p in parts)
    numbers = " | ".join(parsed.numbers)
    if numbers:
        match = f"({numbers}) | ({match})" if match else numbers
    rank = " | ".join([*parsed.required, *parsed.boosts, *parsed.numbers]) or match
    return match, rank, numbers


class Fts5:
    contains = "instr"

    @staticmethod
    def index_texts(title: str, body: str, numbers: str) -> IndexTexts:
        """(title, body, numbers) columns: syllables, then the pairs of the title and
        of the body's lead."""
        lead, rest = _lead_and_rest(body)
        return index_text(title), " ".join(lead + rest + bigrams(lead)), numbers

    @staticmethod
    def pack(ready: Ready) -> None:
        return None  # staged from the rows as they are

    def stage(self, conn: Connection, ready: Ready) -> None:
        conn.execute(insert(_DOCUMENTS), ready.documents)
        if ready.numbers:
            conn.execute(insert(_NUMBERS), ready.numbers)
        marks = ", ".join("?" * len(ENTRY_COLUMNS))
        conn.exec_driver_sql(
            f"INSERT INTO search_entry ({', '.join(ENTRY_COLUMNS)}) VALUES ({marks})",
            ready.entries,
        )
        # Staged, then indexed by one statement (``flush``): FTS5 tokenizes the whole
        # batch inside it with the GIL released, while the next batch is prepared.
        conn.exec_driver_sql(
            "CREATE TEMP TABLE IF NOT EXISTS search_fts_staging "
            "(rowid INTEGER PRIMARY KEY, title TEXT, body TEXT, numbers TEXT)"
        )
        conn.exec_driver_sql(
            "INSERT INTO temp.search_fts_staging VALUES (?, ?, ?, ?)",
            [(e[0], *t) for e, t in zip(ready.entries, ready.texts, strict=True)],
        )

    def flush(self, conn: Connection) -> None:
        conn.exec_driver_sql(
            "INSERT INTO search_fts (rowid, title, body, numbers) "
            "SELECT rowid, title, body, numbers FROM temp.search_fts_staging"
        )
        conn.exec_driver_sql("DELETE FROM temp.search_fts_staging")

    @staticmethod
    def index_scans(conn: Connection) -> AbstractContextManager[None]:
        return nullcontext()

    def forget(self, conn: Connection, rowids: Sequence[int]) -> None:
        marks = ",".join("?" * len(rowids))
        conn.exec_driver_sql(f"DELETE FROM search_fts WHERE rowid IN ({marks})", tuple(rowids))

    def clear(self, conn: Connection) -> None:
        conn.exec_driver_sql("DELETE FROM search_fts")

    def match(self, parsed: ParsedQuery) -> Match:
        params = {"match": fts5_expression(parsed)}
        score = "bm25(search_fts, 10.0, 1.0, 100.0)"
        if parsed.numbers:
            # A document with the number asked for comes first, whatever bm25 says.
            params["numbers"] = "{numbers}: " + " OR ".join(map(_quoted, parsed.numbers))
            score = (
                f"{score} - 1000.0 * (f.rowid IN (SELECT rowid FROM search_fts "
                "WHERE search_fts MATCH :numbers))"
            )
        # CROSS JOIN keeps SQLite walking the matches and probing their entries.
        return Match(
            "search_fts f CROSS JOIN search_entry e ON e.doc = f.rowid",
            "search_fts MATCH :match",
            score,
            params,
        )

    def title_prefix(self, conn: Connection, tokens: list[str], limit: int) -> list[Any]:
        sql = (
            "SELECT d.title, d.id, d.type, d.url FROM search_fts f "
            "JOIN search_document d ON d.rowid = f.rowid "
            "WHERE search_fts MATCH :q ORDER BY bm25(search_fts, 10.0, 0.0, 0.0) LIMIT :n"
        )
        # a phrase whose last word is a prefix
        q = '{title}: "' + " ".join(tokens) + '"*'
        return list(conn.execute(text(sql), {"q": q, "n": limit}))


MAX_POSITION = 16_383  # PostgreSQL's limits for tsvector positions and lexemes
MAX_POSITIONS = 256
MAX_LEXEME_BYTES = 2_046


_LABELS: dict[str, list[str]] = {}


def _labels(weight: str) -> list[str]:
    """Position labels (``12A``) by position, made once per weight."""
    found = _LABELS.get(weight)
    if found is None:
        found = _LABELS[weight] = [f"{at}{weight}" for at in range(MAX_POSITION + 1)]
    return found


def tsvector_literal(parts: list[tuple[list[str], str]]) -> str:
    """A tsvector in its input syntax from (tokens, weight) parts, positions counting
    on across parts. Built here rather than by ``to_tsvector`` on the server: its
    parser cost PostgreSQL more than the GIN index, and this runs in the thread that
    prepares the next batch while the server inserts this one. The loop over tokens
    is the hot path of indexing on PostgreSQL: labels come from a table, checks run
    once per distinct token."""
    positions: defaultdict[str, list[str]] = defaultdict(list)
    at = 0
    for tokens, weight in parts:
        labels, room = _labels(weight), MAX_POSITION - at
        # past the last position every token sits at it, as PostgreSQL would put it
        inside, beyond = (tokens, ()) if len(tokens) <= room else (tokens[:room], tokens[room:])
        for position, token in enumerate(inside, at + 1):
            positions[token].append(labels[position])
        for token in beyond:
            positions[token].append(labels[MAX_POSITION])
        at += len(tokens)
    return " ".join(
        [
            f"'{token}':{','.join(where if len(where) <= MAX_POSITIONS else where[:MAX_POSITIONS])}"
            for token, where in positions.items()
            if "'" not in token and "\\" not in token and _short_enough(token)
        ]
    )


def _short_enough(token: str) -> bool:
    # four bytes per character at most: most tokens need no encoding to know
    return len(token) <= MAX_LEXEME_BYTES // 4 or len(token.encode()) <= MAX_LEXEME_BYTES


class TsVector:
    contains = "strpos"

    def __init__(self) -> None:
        self._staged: list[tuple[bytes, bytes, bytes]] = []

    def flush(self, conn: Connection) -> None:
        """Write the staged batches with COPY: the server reads COPY rows with no SQL
        to parse, and the tsvector literals straight into the column's input function.
        The GIN index and the document rows take the rest of the time, while the next
        batch is prepared."""
        staged, self._staged = self._staged, []
        if not staged:
            return
        cursor = conn.connection.dbapi_connection.cursor()
        try:
            for batch in staged:
                for statement, data in zip(_COPIES, batch, strict=True):
                    if data:
                        # read in one go: each read takes the GIL back from the
                        # preparing thread, and small reads made that the bottleneck
                        cursor.copy_expert(statement, io.BytesIO(data), size=len(data))
        finally:
            cursor.close()

    @staticmethod
    def pack(ready: Ready) -> tuple[bytes, bytes, bytes]:
        """The COPY data of the batch, made in the preparing thread. Lines are
        formatted whole rather than field by field (this runs for every document);
        the tsvector literals need no escaping: tokens hold no backslash, tab or
        line break."""
        documents = "".join(
            [
                f"{d['rowid']}\t{copy_text(d['id'])}\t{copy_text(d['type'])}\t"
                f"{d['dataset_id'] or NULL}\t{copy_field(d['organization'])}\t"
                f"{copy_text(d['title'])}\t{copy_text(d['body'])}\t{copy_text(d['url'])}\t"
                f"{copy_field(d['modified'])}\n"
                for d in ready.documents
            ]
        )
        entries = "".join(
            [
                f"{e[0]}\t{e[1]}\t{copy_text(e[2])}\t{copy_text(e[3])}\t{copy_text(e[4])}\t"
                f"{copy_text(e[5])}\t{copy_text(e[6])}\t{copy_text(e[7])}\t{copy_text(e[8])}\t"
                f"{copy_text(e[9])}\t{tsv}\t{rank}\n"
                for e, (tsv, rank) in zip(ready.entries, ready.texts, strict=True)
            ]
        )
        numbers = copy_rows((n["key"], n["doc"], n["number"]) for n in ready.numbers)
        return documents.encode(), entries.encode(), numbers.encode()

    def stage(self, conn: Connection, ready: Ready) -> None:
        self._staged.append(ready.packed)

    @staticmethod
    def index_texts(title: str, body: str, numbers: str) -> IndexTexts:
        """(tsv, rank) as tsvector literals. tsv matches: the syllables of the
        title, the numbers, the body. rank ranks, read for every hit and so kept small:
        title syllables and pairs and numbers (A), the pairs of the body's lead (B)."""
        heading, numbers_tokens = syllables(title), numbers.split()
        lead, rest = _lead_and_rest(body)
        tsv = tsvector_literal([(heading, ""), (numbers_tokens, ""), (lead + rest, "")])
        rank = tsvector_literal(
            [(heading + bigrams(heading) + numbers_tokens, "A"), (bigrams(lead), "B")]
        )
        return tsv, rank

    @staticmethod
    @contextmanager
    def index_scans(conn: Connection) -> Iterator[None]:
        """Matching through the GIN index only. The planner costs a sequential scan
        without the reading of every out-of-line tsv it implies, and chose it for
        words in a fifth of the documents: 380 ms where the index took 60."""
        conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
        try:
            yield
        finally:
            conn.exec_driver_sql("SET LOCAL enable_seqscan = on")

    def forget(self, conn: Connection, rowids: Sequence[int]) -> None:
        return None  # the tsvectors go with their entries

    def clear(self, conn: Connection) -> None:
        return None

    def match(self, parsed: ParsedQuery) -> Match:
        match, rank, numbers = tsquery_texts(parsed)
        first = "(e.rank @@ to_tsquery('simple', :numbers))::int" if numbers else "0"
        return Match(
            "search_entry e",
            "e.tsv @@ to_tsquery('simple', :match)",
            f"-({first} * 1000 + ts_rank(e.rank, to_tsquery('simple', :rank)))",
            {"match": match, "rank": rank, **({"numbers": numbers} if numbers else {})},
        )

    def title_prefix(self, conn: Connection, tokens: list[str], limit: int) -> list[Any]:
        # Matched through the GIN index, kept to titles by the weight (A: title, numbers).
        q = " <-> ".join([*tokens[:-1], tokens[-1] + ":*"])
        titles = " <-> ".join([*(f"{t}:A" for t in tokens[:-1]), tokens[-1] + ":*A"])
        sql = (
            "SELECT d.title, d.id, d.type, d.url FROM search_entry e "
            "JOIN search_document d ON d.rowid = e.doc "
            "WHERE e.tsv @@ to_tsquery('simple', :q) AND e.rank @@ to_tsquery('simple', :a) "
            "ORDER BY ts_rank(e.rank, to_tsquery('simple', :q)) DESC, e.stamp DESC LIMIT :n"
        )
        return list(conn.execute(text(sql), {"q": q, "a": titles, "n": limit}))


def engine_for(conn: Connection) -> Fts5 | TsVector:
    return Fts5() if conn.dialect.name == "sqlite" else TsVector()
