"""The default search backend: the database's own full-text engine.

Written in the caller's transaction, so search never drifts from the data. A query is
one pass over the matches (``hub.search.fulltext`` says how an engine matches and
scores), reading only the compact ``search_entry`` rows: from those rows come the
total, the facet counts and the best-ranked page; the wide ``search_document`` rows
are read for that page only. The empty query reads the counts of the whole index
(``hub.search.counts``) and the newest entries.
"""

from __future__ import annotations

import heapq
import itertools
import re
import uuid
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from datetime import UTC, datetime
from operator import itemgetter
from typing import Any

from sqlalchemy import Float, Uuid, delete, select, text
from sqlalchemy.engine import Connection, Engine

from hub.records.query import QueryTimeout, time_budget
from hub.search import counts
from hub.search.base import (
    FacetCounts,
    Hit,
    SearchDocument,
    SearchQuery,
    SearchResult,
    Suggestion,
)
from hub.search.batch import Ready, Rowids, prepare
from hub.search.fulltext import EVERYTHING, Fts5, Match, TsVector, engine_for
from hub.search.gc import gc_paused, gil_handed_over_sooner
from hub.search.highlight import mark, snippet
from hub.search.models import SearchDocumentRow, SearchEntry, SearchNumber
from hub.search.text import ParsedQuery, fold, parse_query
from hub.text import fold as fold_key

BATCH = 1000
_DOCS, _ENTRIES, _NUMBERS = (
    SearchDocumentRow.__table__,
    SearchEntry.__table__,
    SearchNumber.__table__,
)
_PAGE_COLUMNS = "rowid, id, type, title, body, url, organization, modified"
_DOC, _SCORE, _STAMP = 0, 1, 2  # positions in the rows a query pass fetches


class DatabaseBackend:
    name = "database"

    # -- writing ---------------------------------------------------------------------

    def index(self, conn: Connection, docs: Iterable[SearchDocument]) -> int:
        """Index documents in batches. While the engine writes one batch in long
        statements (which release the GIL), a thread prepares the next one (folding,
        syllables, pairs, rows: pure Python), so the two overlap on two cores."""
        engine = engine_for(conn)
        batches = _batches(docs)
        first = next(batches, None)
        if first is None:
            return 0
        rowids = Rowids(conn)
        count, ready = 0, prepare(first, rowids.take(len(first)), engine)
        with (
            gc_paused(),  # batches hold no cycles: collecting would walk the whole heap
            gil_handed_over_sooner(),
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="search-prepare") as pool,
        ):
            for batch in batches:
                count += self._write(conn, ready, engine)
                pending = pool.submit(prepare, batch, rowids.take(len(batch)), engine)
                engine.flush(conn)
                ready = pending.result()
        count += self._write(conn, ready, engine)
        engine.flush(conn)
        return count

    def _write(self, conn: Connection, ready: Ready, engine: Fts5 | TsVector) -> int:
        self.remove(conn, ready.ids)
        engine.stage(conn, ready)
        counts.record(conn, ready.columns, 1)
        return ready.given

    def _remove_rowids(self, conn: Connection, rowids: Sequence[int]) -> None:
        engine = engine_for(conn)
        facet_columns = list(dict.fromkeys(counts.COLUMNS.values()))
        for start in range(0, len(rowids), 500):
            chunk = list(rowids[start : start + 500])
            gone = conn.execute(
                select(*(_ENTRIES.c[name] for name in facet_columns)).where(
                    _ENTRIES.c.doc.in_(chunk)
                )
            )
            counts.record(conn, [dict(row._mapping) for row in gone], -1)
            engine.forget(conn, chunk)
            conn.execute(delete(_NUMBERS).where(_NUMBERS.c.doc.in_(chunk)))
            conn.execute(delete(_ENTRIES).where(_ENTRIES.c.doc.in_(chunk)))
            conn.execute(delete(_DOCS).where(_DOCS.c.rowid.in_(chunk)))

    def remove(self, conn: Connection, ids: Iterable[str]) -> None:
        ids = list(ids)
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            found = conn.execute(select(_DOCS.c.rowid).where(_DOCS.c.id.in_(chunk))).scalars()
            self._remove_rowids(conn, list(found))

    def remove_dataset(self, conn: Connection, dataset_id: str) -> None:
        self.remove_datasets(conn, [dataset_id])

    def remove_datasets(self, conn: Connection, dataset_ids: Sequence[str]) -> None:
        owners = [uuid.UUID(str(d)) for d in dataset_ids]
        for start in range(0, len(owners), 500):
            chunk = owners[start : start + 500]
            found = conn.execute(select(_DOCS.c.rowid).where(_DOCS.c.dataset_id.in_(chunk)))
            self._remove_rowids(conn, list(found.scalars()))

    def tidy(self, engine: Engine) -> str:
        """After a bulk reindex, outside any transaction: what a fresh index needs
        before it answers at full speed. Returns what was done."""
        if engine.dialect.name == "sqlite":
            # One b-tree in place of the segments the batches left.
            with engine.begin() as conn:
                conn.exec_driver_sql("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
            return "FTS5 optimize"
        # Statistics, hint bits and the visibility map: until then every query sets
        # hint bits on the pages it reads (the slowest queries took 4 times as long).
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql(
                "VACUUM (ANALYZE) search_document, search_entry, search_number, search_count"
            )
        return "VACUUM (ANALYZE)"

    def clear(self, conn: Connection) -> None:
        engine_for(conn).clear(conn)
        for name in ("search_count", "search_number", "search_entry", "search_document"):
            conn.execute(text(f"DELETE FROM {name}"))

    # -- reading ---------------------------------------------------------------------

    def query(self, conn: Connection, query: SearchQuery) -> SearchResult:
        parsed = parse_query(query.text)
        if parsed.empty and not any(query.filters.values()):
            return self._everything(conn, query, parsed)
        engine = engine_for(conn)
        match = EVERYTHING if parsed.empty else engine.match(parsed)
        if parsed.empty:
            return self._matched(conn, query, parsed, match, engine.contains)
        with engine.index_scans(conn):
            return self._matched(conn, query, parsed, match, engine.contains)

    def _matched(
        self,
        conn: Connection,
        query: SearchQuery,
        parsed: ParsedQuery,
        match: Match,
        contains: str,
    ) -> SearchResult:
        where, params = _filters(query.filters, contains)
        # Facets without a filter of their own count the same hits as the total: the
        # pass that finds the hits fetches their columns too.
        shared = [name for name in query.facets if not query.filters.get(name)]
        positions = {name: 3 + i for i, name in enumerate(shared)}
        columns = "".join(f", e.{counts.COLUMNS[name]}" for name in shared)
        sql = (
            f"SELECT e.doc, {match.score}, e.stamp{columns} FROM {match.source} "
            f"WHERE {match.condition}{where}"
        )
        facets: dict[str, FacetCounts] = {}
        with gc_paused():
            try:
                with time_budget(conn, query.budget_ms) if shared else nullcontext():
                    rows = conn.execute(text(sql), {**params, **match.params}).all()
            except QueryTimeout:
                bare = f"SELECT e.doc, {match.score}, e.stamp FROM {match.source} "
                rows = conn.execute(
                    text(bare + f"WHERE {match.condition}{where}"), {**params, **match.params}
                ).all()
                facets = {name: FacetCounts(name, [], timed_out=True) for name in shared}
            else:
                facets = counts.count_rows(rows, positions, query.facet_limit)
            total = len(rows)
            newest = query.sort == "newest" or parsed.empty
            page = _best(rows, query.offset, query.limit, newest)
            del rows
        for name in query.facets:
            if name not in facets:
                facets[name] = self._own_filter_facet(conn, match, name, query, contains)
        hits = self._page(conn, page, parsed)
        ordered = {name: facets[name] for name in query.facets}
        return SearchResult(total, hits, ordered)

    def matches(
        self, conn: Connection, parsed: ParsedQuery, *, doc_type: str, scored: bool, tag: str
    ) -> Any:
        """A subquery of the ``dataset_id`` (and ``score``, lower first) of the documents of
        one type that match, for other queries to filter and rank by (the CKAN search).
        Parameter names end with ``tag`` so that two of them can share a statement."""
        match = engine_for(conn).match(parsed)
        source, condition, score = match.source, match.condition, match.score
        params = {}
        for key, value in match.params.items():
            pattern = re.compile(rf":{key}\b")
            source, condition, score = (
                pattern.sub(f":{key}_{tag}", part) for part in (source, condition, score)
            )
            params[f"{key}_{tag}"] = value
        join = "CROSS JOIN" if conn.dialect.name == "sqlite" else "JOIN"  # FTS5 drives
        columns = "d.dataset_id AS dataset_id" + (f", {score} AS score" if scored else "")
        sql = (
            f"SELECT {columns} FROM {source} {join} search_document d ON d.rowid = e.doc "
            f"WHERE {condition} AND e.type = :type_{tag}"
        )
        params[f"type_{tag}"] = doc_type
        typed = {"dataset_id": Uuid()} | ({"score": Float()} if scored else {})
        used = {k: v for k, v in params.items() if f":{k}" in sql}  # numbers: scoring only
        return text(sql).bindparams(**used).columns(**typed).subquery()

    def _everything(
        self, conn: Connection, query: SearchQuery, parsed: ParsedQuery
    ) -> SearchResult:
        try:
            with time_budget(conn, query.budget_ms) if query.facets else nullcontext():
                total, facets = counts.index_counts(conn, query.facets, query.facet_limit)
        except QueryTimeout:
            total = conn.execute(text("SELECT count(*) FROM search_entry")).scalar_one()
            facets = {name: FacetCounts(name, [], timed_out=True) for name in query.facets}
        rows = conn.execute(
            text(
                "SELECT doc, 0.0, stamp FROM search_entry ORDER BY stamp DESC, doc DESC "
                "LIMIT :limit OFFSET :offset"
            ),
            {"limit": query.limit, "offset": query.offset},
        ).all()
        return SearchResult(total, self._page(conn, list(rows), parsed), facets)

    def _own_filter_facet(
        self, conn: Connection, match: Match, name: str, query: SearchQuery, contains: str
    ) -> FacetCounts:
        # A facet counts with the other facets' filters, not its own: its values stay
        # choosable (OR within a facet).
        others = {k: v for k, v in query.filters.items() if k != name}
        where, params = _filters(others, contains, prefix="o")
        sql = f"SELECT e.{counts.COLUMNS[name]} FROM {match.source} WHERE {match.condition}{where}"
        try:
            with gc_paused(), time_budget(conn, query.budget_ms):
                rows = conn.execute(text(sql), {**params, **match.params}).all()
                return counts.count_rows(rows, {name: 0}, query.facet_limit)[name]
        except QueryTimeout:
            return FacetCounts(name, [], timed_out=True)

    def _page(self, conn: Connection, page: list[Any], parsed: ParsedQuery) -> list[Hit]:
        if not page:
            return []
        wanted = {row[_DOC]: row[_SCORE] for row in page}
        marks = ", ".join(f":r{i}" for i in range(len(wanted)))
        found = {
            row.rowid: row
            for row in conn.execute(
                text(f"SELECT {_PAGE_COLUMNS} FROM search_document WHERE rowid IN ({marks})"),
                {f"r{i}": rowid for i, rowid in enumerate(wanted)},
            )
        }
        return [_hit(found[r], s, parsed) for r, s in wanted.items() if r in found]

    def suggest(self, conn: Connection, prefix: str, limit: int = 10) -> list[Suggestion]:
        prefix = prefix.strip()[:200]
        if not prefix:
            return []
        found: list[Suggestion] = []
        if prefix[0].isdigit():
            key = fold_key(prefix).upper().replace(" ", "")
            rows = conn.execute(
                select(_NUMBERS.c.number, _DOCS.c.id, _DOCS.c.type, _DOCS.c.url)
                .join(_DOCS, _DOCS.c.rowid == _NUMBERS.c.doc)
                .where(_NUMBERS.c.key.like(_escape_like(key) + "%", escape="\\"))
                .order_by(_NUMBERS.c.key)
                .limit(limit)
            )
            found += [Suggestion(r.number, r.id, r.type, r.url) for r in rows]
        tokens = fold(prefix).split()
        if tokens and len(found) < limit:
            seen = {s.id for s in found}
            rows = engine_for(conn).title_prefix(conn, tokens, limit)
            titles = [Suggestion(r[0], r[1], r[2], r[3]) for r in rows]
            found += [s for s in titles if s.id not in seen][: limit - len(found)]
        return found


def _batches(docs: Iterable[SearchDocument]) -> Iterator[list[SearchDocument]]:
    iterator = iter(docs)
    while batch := list(itertools.islice(iterator, BATCH)):
        yield batch


def _best(rows: Sequence[Any], offset: int, limit: int, newest: bool) -> list[Any]:
    """The page of rows: lowest score first, then newest; or newest first."""
    wanted = offset + limit
    if newest:
        pool = heapq.nlargest(wanted, rows, key=itemgetter(_STAMP, _DOC))
        return pool[offset:wanted]
    if len(rows) > wanted:
        # The n-th best score through a C loop, then the full order on the few rows at
        # or above it (ties on the score included).
        cutoff = heapq.nsmallest(wanted, map(itemgetter(_SCORE), rows))[-1]
        rows = [row for row in rows if row[_SCORE] <= cutoff]
    ordered = sorted(rows, key=lambda row: (row[_SCORE], -row[_STAMP], -row[_DOC]))
    return ordered[offset:wanted]


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _filters(
    filters: dict[str, tuple[str, ...]] | Any, contains: str, prefix: str = "f"
) -> tuple[str, dict[str, Any]]:
    """AND across facets, OR within one, on the entry columns."""
    clauses, params = [], {}
    for i, (name, values) in enumerate(sorted(filters.items())):
        if not values:
            continue
        column = f"e.{counts.COLUMNS[name]}"
        names = []
        for j, value in enumerate(values):
            key = f"{prefix}{i}v{j}"
            if name in counts.MULTI:
                params[key] = f"{counts.SEPARATOR}{value}{counts.SEPARATOR}"
                names.append(f"{contains}(:sep || {column} || :sep, :{key}) > 0")
            else:
                params[key] = value
                names.append(f":{key}")
        if name in counts.MULTI:
            params["sep"] = counts.SEPARATOR
            clauses.append(f" AND ({' OR '.join(names)})")
        else:
            clauses.append(f" AND {column} IN ({', '.join(names)})")
    return "".join(clauses), params


def _hit(row: Any, score: float, parsed: ParsedQuery) -> Hit:
    terms = parsed.terms
    return Hit(
        id=row.id,
        type=row.type,
        title=row.title,
        url=row.url,
        snippet=snippet(row.body or row.title, terms),
        title_html=mark(row.title, terms),
        organization=row.organization,
        modified=_aware(row.modified),
        score=float(score or 0.0),
    )


def _aware(value: Any) -> datetime:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=UTC)
