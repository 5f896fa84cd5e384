"""Facet counts: over the hits of a query, and over the whole index.

Hits are counted in Python from the compact entry columns a single pass fetched (a C
loop per facet through ``Counter``). Counts of the whole index (the empty query, the
search page's first view) come from ``search_count``: signed deltas written with
every change in the same transaction, summed when read and compacted now and then.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import insert, text
from sqlalchemy.engine import Connection

from hub.search.base import FacetCounts, SearchDocument
from hub.search.models import MULTI_SEPARATOR, SearchCount

SEPARATOR = MULTI_SEPARATOR
_COUNTS = SearchCount.__table__

# facet -> column of search_entry
COLUMNS = {
    "organization": "organization",
    "type": "type",
    "content_type": "content_type",
    "theme": "themes",
    "format": "formats",
    "licence": "licence",
    "year": "year",
    "status": "status",
}
MULTI = frozenset({"theme", "format"})
COMPACT_AT = 5_000  # delta rows kept before they are summed into one row per value
VALUE_LENGTH = 200


def _one(value: object) -> str:
    return "" if value is None else str(value)[:VALUE_LENGTH]


def _many(values: tuple[str, ...]) -> str:
    kept = dict.fromkeys(v[:VALUE_LENGTH].replace(MULTI_SEPARATOR, " ") for v in values if v)
    return MULTI_SEPARATOR.join(kept)


def column_values(doc: SearchDocument) -> dict[str, str]:
    """The entry columns of a document's facets (multi-valued ones joined)."""
    return {
        "organization": _one(doc.organization),
        "type": _one(doc.type),
        "content_type": _one(doc.content_type),
        "themes": _many(doc.themes) if doc.themes else "",
        "formats": _many(doc.formats) if doc.formats else "",
        "licence": _one(doc.licence),
        "year": _one(doc.year),
        "status": _one(doc.status),
    }


def split(facet: str, stored: str) -> list[str]:
    if not stored:
        return []
    return stored.split(MULTI_SEPARATOR) if facet in MULTI else [stored]


def count_rows(
    rows: Sequence[Sequence[Any]], positions: dict[str, int], limit: int
) -> dict[str, FacetCounts]:
    """Facet counts over fetched rows; ``positions`` gives each facet's column index."""
    counted = {}
    for facet, at in positions.items():
        raw = Counter(map(itemgetter(at), rows))
        counted[facet] = _top(facet, raw.items(), limit)
    return counted


def _top(facet: str, stored: Iterable[tuple[str, int]], limit: int) -> FacetCounts:
    totals: Counter[str] = Counter()
    for value, n in stored:
        for one in split(facet, value or ""):
            totals[one] += n
    ordered = sorted(totals.items(), key=lambda vn: (-vn[1], vn[0]))[:limit]
    return FacetCounts(facet, [(v, int(n)) for v, n in ordered])


def record(conn: Connection, entries: Sequence[dict[str, str]], sign: int) -> None:
    """Write the deltas of documents added (sign 1) or removed (sign -1)."""
    deltas: Counter[tuple[str, str]] = Counter()
    total = 0
    for facet, column in COLUMNS.items():
        values = Counter(columns[column] for columns in entries)
        for stored, n in values.items():
            for value in split(facet, stored or ""):
                deltas[(facet, value)] += n
        total = sum(values.values())
    if not total:
        return
    deltas[("", "")] = total
    conn.execute(
        insert(_COUNTS),
        [{"facet": f, "value": v, "n": sign * n} for (f, v), n in sorted(deltas.items())],
    )
    if conn.execute(text("SELECT count(*) FROM search_count")).scalar_one() > COMPACT_AT:
        compact(conn)


def compact(conn: Connection) -> None:
    """Sum the deltas into one row per value. Only the rows this transaction deleted
    are summed: deltas that concurrent transactions add meanwhile stay as they are."""
    taken = conn.execute(text("DELETE FROM search_count RETURNING facet, value, n")).all()
    sums: Counter[tuple[str, str]] = Counter()
    for facet, value, n in taken:
        sums[(facet, value)] += n
    rows = [{"facet": f, "value": v, "n": n} for (f, v), n in sorted(sums.items()) if n]
    if rows:
        conn.execute(insert(_COUNTS), rows)


def index_counts(
    conn: Connection, facets: Sequence[str], limit: int
) -> tuple[int, dict[str, FacetCounts]]:
    """The total and facet counts of the whole index."""
    names = ", ".join(f":f{i}" for i in range(len(facets)))
    where = f"facet = '' OR facet IN ({names})" if facets else "facet = ''"
    rows = conn.execute(
        text(f"SELECT facet, value, sum(n) FROM search_count WHERE {where} GROUP BY facet, value"),
        {f"f{i}": name for i, name in enumerate(facets)},
    ).all()
    total = 0
    found: dict[str, list[tuple[str, int]]] = {name: [] for name in facets}
    for facet, value, n in rows:
        if not n:
            continue
        if facet == "":
            total = int(n)
        else:
            found[facet].append((value, int(n)))
    return total, {
        name: FacetCounts(name, sorted(values, key=lambda vn: (-vn[1], vn[0]))[:limit])
        for name, values in found.items()
    }
