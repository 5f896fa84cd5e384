"""The default search backend: the database's own full-text engine.

SQLite: an FTS5 table ranked with bm25 (title 10, body 1, numbers 100). PostgreSQL: a
``tsvector`` (title and numbers weight A, body B) with a GIN index, ranked with
``ts_rank``. Both index the folded syllables and syllable pairs of ``hub.search.text``
and are written in the caller's transaction, so search never drifts from the data.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, insert, select, text
from sqlalchemy.engine import Connection

from hub.legal.numbers import NumberError, parse_number
from hub.records.query import QueryTimeout, time_budget
from hub.search.base import (
    FacetCounts,
    Hit,
    SearchDocument,
    SearchQuery,
    SearchResult,
    Suggestion,
)
from hub.search.highlight import mark, snippet
from hub.search.models import SearchDocumentRow, SearchFacet, SearchNumber
from hub.search.text import (
    ParsedQuery,
    fold,
    index_body,
    index_text,
    numbers_text,
    parse_query,
)
from hub.text import fold as fold_key

BODY_KEPT = 4000  # characters kept for snippets
BATCH = 1000
_DOCS, _FACETS, _NUMBERS = (
    SearchDocumentRow.__table__,
    SearchFacet.__table__,
    SearchNumber.__table__,
)


def _quoted(token: str) -> str:
    return f'"{token}"'  # tokens are [a-z0-9]+ only: quoting is all FTS5 needs


def fts5_expression(parsed: ParsedQuery) -> str:
    """The MATCH expression: every syllable and phrase required, pairs boost the rank,
    a document number matches on its own."""
    parts = [_quoted(t) for t in parsed.required]
    parts += ['"' + " ".join(p) + '"' for p in parsed.phrases]
    expression = " AND ".join(parts)
    if expression and parsed.boosts:
        # Always true where the rest matches, but the pairs now count in bm25.
        boosts = " OR ".join(_quoted(b) for b in (*parsed.boosts, parsed.required[0]))
        expression = f"{expression} AND ({boosts})" if parsed.required else expression
    if parsed.numbers:
        numbers = " OR ".join(_quoted(n) for n in parsed.numbers)
        expression = f"({numbers}) OR ({expression})" if expression else numbers
    return expression


def tsquery_texts(parsed: ParsedQuery) -> tuple[str, str, str]:
    """(match, rank, numbers) queries for ``to_tsquery('simple', ...)``."""
    parts = list(parsed.required) + [" <-> ".join(p) for p in parsed.phrases]
    match = " & ".join(f"({p})" for p in parts)
    numbers = " | ".join(parsed.numbers)
    if numbers:
        match = f"({numbers}) | ({match})" if match else numbers
    rank = " | ".join([*parsed.required, *parsed.boosts, *parsed.numbers]) or match
    return match, rank, numbers


class DatabaseBackend:
    name = "database"

    # -- writing ---------------------------------------------------------------------

    def index(self, conn: Connection, docs: Iterable[SearchDocument]) -> int:
        count = 0
        batch: list[SearchDocument] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) == BATCH:
                count += self._index_batch(conn, batch)
                batch = []
        return count + (self._index_batch(conn, batch) if batch else 0)

    def _index_batch(self, conn: Connection, docs: list[SearchDocument]) -> int:
        self.remove(conn, [d.id for d in docs])
        rows = [
            {
                "id": d.id,
                "type": d.type,
                "dataset_id": uuid.UUID(d.dataset_id) if d.dataset_id else None,
                "organization": d.organization,
                "title": d.title,
                "body": d.body[:BODY_KEPT],
                "url": d.url,
                "modified": d.modified,
            }
            for d in docs
        ]
        statement = insert(_DOCS).returning(_DOCS.c.rowid, sort_by_parameter_order=True)
        rowids = [row[0] for row in conn.execute(statement, rows)]
        texts = [
            (rowid, index_text(d.title), index_body(d.body), numbers_text(d.numbers))
            for rowid, d in zip(rowids, docs, strict=True)
        ]
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql(
                "INSERT INTO search_fts (rowid, title, body, numbers) VALUES (?, ?, ?, ?)", texts
            )
        else:
            conn.execute(
                text(
                    "UPDATE search_document d SET tsv = "
                    "setweight(to_tsvector('simple', u.t), 'A') || "
                    "setweight(to_tsvector('simple', u.n), 'A') || "
                    "setweight(to_tsvector('simple', u.b), 'B') "
                    "FROM unnest(:r, :t, :b, :n) AS u(rowid, t, b, n) WHERE d.rowid = u.rowid"
                ),
                {
                    "r": [t[0] for t in texts],
                    "t": [t[1] for t in texts],
                    "b": [t[2] for t in texts],
                    "n": [t[3] for t in texts],
                },
            )
        facets = [
            {"doc": rowid, "facet": name, "value": value[:200]}
            for rowid, d in zip(rowids, docs, strict=True)
            for name, values in d.facet_values().items()
            for value in dict.fromkeys(values)
        ]
        if facets and conn.dialect.name == "sqlite":
            # Plain tuples straight to the driver: a third of the indexing time went into
            # building SQLAlchemy parameters for these small rows.
            conn.exec_driver_sql(
                "INSERT INTO search_facet (doc, facet, value) VALUES (?, ?, ?)",
                [(f["doc"], f["facet"], f["value"]) for f in facets],
            )
        elif facets:
            conn.execute(insert(_FACETS), facets)
        numbers = []
        for rowid, d in zip(rowids, docs, strict=True):
            for written in dict.fromkeys(d.numbers):
                try:
                    parsed = parse_number(written)
                except NumberError:
                    continue
                numbers.append({"key": parsed.key, "doc": rowid, "number": parsed.canonical})
        if numbers:
            conn.execute(insert(_NUMBERS), numbers)
        return len(docs)

    def _remove_rowids(self, conn: Connection, rowids: Sequence[int]) -> None:
        for start in range(0, len(rowids), 500):
            chunk = list(rowids[start : start + 500])
            if conn.dialect.name == "sqlite":
                marks = ",".join("?" * len(chunk))
                statement = f"DELETE FROM search_fts WHERE rowid IN ({marks})"
                conn.exec_driver_sql(statement, tuple(chunk))
            conn.execute(delete(_FACETS).where(_FACETS.c.doc.in_(chunk)))
            conn.execute(delete(_NUMBERS).where(_NUMBERS.c.doc.in_(chunk)))
            conn.execute(delete(_DOCS).where(_DOCS.c.rowid.in_(chunk)))

    def remove(self, conn: Connection, ids: Iterable[str]) -> None:
        ids = list(ids)
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            found = conn.execute(select(_DOCS.c.rowid).where(_DOCS.c.id.in_(chunk))).scalars()
            self._remove_rowids(conn, list(found))

    def remove_dataset(self, conn: Connection, dataset_id: str) -> None:
        owner = uuid.UUID(str(dataset_id))
        found = conn.execute(select(_DOCS.c.rowid).where(_DOCS.c.dataset_id == owner))
        self._remove_rowids(conn, list(found.scalars()))

    def clear(self, conn: Connection) -> None:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("DELETE FROM search_fts")
        for table in (_FACETS, _NUMBERS, _DOCS):
            conn.execute(delete(table))

    # -- reading ---------------------------------------------------------------------

    def query(self, conn: Connection, query: SearchQuery) -> SearchResult:
        parsed = parse_query(query.text)
        sqlite = conn.dialect.name == "sqlite"
        match = self._match_sql(parsed, sqlite)
        params: dict[str, Any] = dict(match[1])
        where, where_params = _filters(query.filters)
        params.update(where_params)
        hits_sql, total_sql = self._hits_sql(parsed, sqlite, match[0], where, query)
        rows = conn.execute(
            text(hits_sql), {**params, "limit": query.limit, "offset": query.offset}
        ).all()
        # Facets without a filter of their own count the same hits as the total: one
        # statement over the hits, materialised once, gives both.
        shared = [name for name in query.facets if not query.filters.get(name)]
        total, facets = self._counts(conn, match, where, params, shared, query, total_sql)
        for name in query.facets:
            if name not in facets:
                facets[name] = self._facet(conn, parsed, sqlite, match, name, query)
        ordered = {name: facets[name] for name in query.facets}
        return SearchResult(total, [_hit(row, parsed) for row in rows], ordered)

    def _counts(
        self,
        conn: Connection,
        match: tuple[str, dict[str, Any]],
        where: str,
        params: dict[str, Any],
        names: list[str],
        query: SearchQuery,
        total_sql: str,
    ) -> tuple[int, dict[str, FacetCounts]]:
        """The total and the facets that have no filter of their own, in one statement."""
        if not names:
            return conn.execute(text(total_sql), params).scalar() or 0, {}
        marks = ", ".join(f":sf{i}" for i in range(len(names)))
        values = {f"sf{i}": name for i, name in enumerate(names)}
        if not match[0] and not where:
            # Everything matches: the facet index alone has the counts, no join.
            sql = (
                "SELECT '' AS facet, '' AS value, count(*) AS n FROM search_document "
                "UNION ALL SELECT facet, value, count(*) FROM search_facet "
                f"WHERE facet IN ({marks}) GROUP BY facet, value"
            )
        else:
            source = "FROM search_document d"
            if match[0]:
                source = (
                    f"FROM ({_unscored(match[0])}) m JOIN search_document d ON d.rowid = m.rowid"
                )
            # The hits are materialised once and walked, probing their facet rows; CROSS
            # JOIN keeps SQLite to that order (scanning every facet row was 3x slower).
            sql = (
                f"WITH hits AS MATERIALIZED (SELECT d.rowid AS doc {source} WHERE 1=1{where}) "
                "SELECT '' AS facet, '' AS value, count(*) AS n FROM hits "
                "UNION ALL SELECT f.facet, f.value, count(*) FROM hits h CROSS JOIN search_facet f "
                f"WHERE f.doc = h.doc AND f.facet IN ({marks}) GROUP BY f.facet, f.value"
            )
        try:
            with time_budget(conn, query.budget_ms):
                rows = conn.execute(text(sql), {**params, **values}).all()
        except QueryTimeout:
            total = conn.execute(text(total_sql), params).scalar() or 0
            return total, {name: FacetCounts(name, [], timed_out=True) for name in names}
        total = 0
        counted: dict[str, list[tuple[str, int]]] = {name: [] for name in names}
        for facet, value, n in rows:
            if facet == "":
                total = int(n)
            else:
                counted[facet].append((str(value), int(n)))
        facets = {
            name: FacetCounts(
                name, sorted(found, key=lambda vn: (-vn[1], vn[0]))[: query.facet_limit]
            )
            for name, found in counted.items()
        }
        return total, facets

    def _match_sql(self, parsed: ParsedQuery, sqlite: bool) -> tuple[str, dict[str, Any]]:
        """A subquery of matching rowids with their score, and its parameters."""
        if parsed.empty:
            return "", {}
        if sqlite:
            params = {"match": fts5_expression(parsed)}
            score = "bm25(search_fts, 10.0, 1.0, 100.0)"
            if parsed.numbers:
                # A document with the number asked for comes first, whatever bm25 says.
                params["numbers"] = "{numbers}: " + " OR ".join(map(_quoted, parsed.numbers))
                score = (
                    f"{score} - 1000.0 * (rowid IN (SELECT rowid FROM search_fts "
                    "WHERE search_fts MATCH :numbers))"
                )
            return (
                f"SELECT rowid, {score} AS score FROM search_fts WHERE search_fts MATCH :match",
                params,
            )
        match, rank, numbers = tsquery_texts(parsed)
        first = "(tsv @@ to_tsquery('simple', :numbers))::int" if numbers else "0"
        return (
            f"SELECT rowid, -({first} * 1000 + ts_rank(tsv, to_tsquery('simple', :rank))) "
            "AS score FROM search_document WHERE tsv @@ to_tsquery('simple', :match)",
            {"match": match, "rank": rank, **({"numbers": numbers} if numbers else {})},
        )

    def _hits_sql(
        self, parsed: ParsedQuery, sqlite: bool, match: str, where: str, query: SearchQuery
    ) -> tuple[str, str]:
        columns = "d.rowid, d.id, d.type, d.title, d.body, d.url, d.organization, d.modified"
        if not match:
            base = f"FROM search_document d WHERE 1=1{where}"
            return (
                f"SELECT {columns}, 0.0 AS score {base} "
                "ORDER BY d.modified DESC, d.rowid DESC LIMIT :limit OFFSET :offset",
                f"SELECT count(*) {base}",
            )
        base = f"FROM ({match}) m JOIN search_document d ON d.rowid = m.rowid WHERE 1=1{where}"
        order = "m.score, d.modified DESC, d.rowid DESC"
        if query.sort == "newest":
            order = "d.modified DESC, d.rowid DESC"
        count_base = base.replace(match, _unscored(match), 1)  # counting needs no rank
        return (
            f"SELECT {columns}, m.score {base} ORDER BY {order} LIMIT :limit OFFSET :offset",
            f"SELECT count(*) {count_base}",
        )

    def _facet(
        self,
        conn: Connection,
        parsed: ParsedQuery,
        sqlite: bool,
        match: tuple[str, dict[str, Any]],
        name: str,
        query: SearchQuery,
    ) -> FacetCounts:
        # A facet counts with the other facets' filters, not its own: its values stay
        # choosable (OR within a facet).
        others = {k: v for k, v in query.filters.items() if k != name}
        where, params = _filters(others, prefix="o")
        params.update(match[1])
        if match[0]:
            matched = _unscored(match[0])
            docs = f"SELECT d.rowid FROM ({matched}) m JOIN search_document d ON d.rowid = m.rowid"
        else:
            docs = "SELECT d.rowid FROM search_document d"
        sql = (
            f"SELECT f.value, count(*) AS n FROM search_facet f WHERE f.facet = :facet "
            f"AND f.doc IN ({docs} WHERE 1=1{where}) "
            "GROUP BY f.value ORDER BY n DESC, f.value LIMIT :facet_limit"
        )
        params.update(facet=name, facet_limit=query.facet_limit)
        try:
            with time_budget(conn, query.budget_ms):
                rows = conn.execute(text(sql), params).all()
        except QueryTimeout:
            return FacetCounts(name, [], timed_out=True)
        return FacetCounts(name, [(str(value), int(n)) for value, n in rows])

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
            titles = self._title_prefix(conn, tokens, limit)
            found += [s for s in titles if s.id not in seen][: limit - len(found)]
        return found

    def _title_prefix(self, conn: Connection, tokens: list[str], limit: int) -> list[Suggestion]:
        if conn.dialect.name == "sqlite":
            expression = '"' + " ".join(tokens) + '"*'  # a phrase whose last word is a prefix
            sql = (
                "SELECT d.title, d.id, d.type, d.url FROM search_fts f "
                "JOIN search_document d ON d.rowid = f.rowid "
                "WHERE search_fts MATCH :q ORDER BY bm25(search_fts, 10.0, 0.0, 0.0) LIMIT :n"
            )
            q = "{title}: " + expression
        else:
            q = " <-> ".join([*tokens[:-1], tokens[-1] + ":*"])
            sql = (
                "SELECT title, id, type, url FROM search_document "
                "WHERE tsv @@ to_tsquery('simple', :q) "
                "ORDER BY ts_rank(tsv, to_tsquery('simple', :q)) DESC, modified DESC LIMIT :n"
            )
        rows = conn.execute(text(sql), {"q": q, "n": limit})
        return [Suggestion(r[0], r[1], r[2], r[3]) for r in rows]


def _unscored(match: str) -> str:
    """The match subquery without its score: counts and facets need only the rowids."""
    head, _, tail = match.partition(" AS score ")
    return "SELECT rowid, 0 AS score " + tail if tail else match


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _filters(filters: dict[str, tuple[str, ...]] | Any, prefix: str = "f") -> tuple[str, dict]:
    """AND across facets, OR within one, as rowid sets of the facet table."""
    clauses, params = [], {}
    for i, (name, values) in enumerate(sorted(filters.items())):
        if not values:
            continue
        names = []
        for j, value in enumerate(values):
            params[f"{prefix}{i}v{j}"] = value
            names.append(f":{prefix}{i}v{j}")
        params[f"{prefix}{i}"] = name
        clauses.append(
            f" AND d.rowid IN (SELECT doc FROM search_facet WHERE facet = :{prefix}{i} "
            f"AND value IN ({', '.join(names)}))"
        )
    return "".join(clauses), params


def _hit(row: Any, parsed: ParsedQuery) -> Hit:
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
        score=float(row.score or 0.0),
    )


def _aware(value: Any) -> datetime:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=UTC)
