"""Querying a dataset's records: filters, sort, field selection, keyset pages, time budget.

Framework-free: the API parses the query string into a ``RecordQuery`` with
``parse_query`` and renders what ``run_query`` returns. Every query runs under a
time budget (SQLite progress handler, PostgreSQL ``statement_timeout``), so a
filter on an unindexed field over a million rows fails fast instead of tying
up a worker.
"""

from __future__ import annotations

import operator
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Connection, Table, and_, func, or_, select, tuple_
from sqlalchemy.exc import OperationalError

from hub.errors import BadRequest, FieldError, HubError
from hub.records.schema import FieldSpec
from hub.records.store import ROW

OPERATORS = ("eq", "ne", "gt", "gte", "lt", "lte", "in")  # as in _OPERATORS
RESERVED = frozenset({"limit", "cursor", "count", "sort", "fields"})
MAX_IN = 200


class QueryTimeout(HubError):
    status, code, title = 503, "query-timeout", "The query took too long"


@dataclass(frozen=True)
class Condition:
    field: FieldSpec
    op: str
    value: Any  # converted; a tuple for "in"


@dataclass(frozen=True)
class RecordQuery:
    conditions: tuple[Condition, ...] = ()
    sort: FieldSpec | None = None
    descending: bool = False
    selected: tuple[FieldSpec, ...] = ()
    limit: int = 20
    after: tuple[Any, ...] | None = None  # (sort value or None, _row) of the last row seen
    count: bool = False


@dataclass
class RecordPage:
    fields: tuple[FieldSpec, ...]
    rows: list[tuple]
    next_key: tuple[Any, ...] | None
    count: int | None = None
    count_timed_out: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def _bad(name: str, message: str) -> BadRequest:
    return BadRequest(f"Bad parameter '{name}': {message}", errors=[FieldError(name, message)])


def _find(fields: Sequence[FieldSpec], name: str, param: str) -> FieldSpec:
    wanted = name.lower()
    for spec in fields:
        if spec.column == wanted:
            return spec
    names = ", ".join(f.name for f in fields)
    raise _bad(param, f"unknown field '{name}' (fields: {names})")


def _value(spec: FieldSpec, raw: str, param: str) -> Any:
    try:
        value = spec.convert(raw)
    except ValueError as exc:
        raise _bad(param, f"{exc}: {raw[:100]!r}") from None
    if value is None:
        raise _bad(param, "a value is needed")
    return value


def parse_query(
    fields: Sequence[FieldSpec], args: Mapping[str, str], *, limit: int, count: bool
) -> RecordQuery:
    """Turn query parameters into a RecordQuery; unknown fields and bad values are 400s."""
    conditions = []
    for param, raw in args.items():
        if param in RESERVED:
            continue
        name, _, op = param.partition("__")
        op = op or "eq"
        if op not in OPERATORS:
            raise _bad(param, f"operator must be one of {', '.join(OPERATORS)}")
        spec = _find(fields, name, param)
        if op == "in":
            parts = [p for p in raw.split(",") if p.strip()]
            if not parts or len(parts) > MAX_IN:
                raise _bad(param, f"1 to {MAX_IN} comma-separated values")
            value: Any = tuple(_value(spec, p, param) for p in parts)
        else:
            value = _value(spec, raw, param)
        conditions.append(Condition(spec, op, value))
    sort, descending = None, False
    if args.get("sort"):
        name = args["sort"]
        descending = name.startswith("-")
        sort = _find(fields, name.lstrip("-"), "sort")
    selected = tuple(fields)
    if args.get("fields"):
        selected = tuple(_find(fields, n.strip(), "fields") for n in args["fields"].split(","))
    return RecordQuery(tuple(conditions), sort, descending, selected, limit, None, count)


_OPERATORS: dict[str, Callable[[Any, Any], ColumnElement[bool]]] = {
    "eq": operator.eq,
    "ne": operator.ne,
    "gt": operator.gt,
    "gte": operator.ge,
    "lt": operator.lt,
    "lte": operator.le,
    "in": lambda column, values: column.in_(values),
}


def _where(table: Table, conditions: Sequence[Condition]) -> list[ColumnElement[bool]]:
    return [_OPERATORS[c.op](table.c[c.field.column], c.value) for c in conditions]


def _after(table: Table, query: RecordQuery) -> ColumnElement[bool]:
    row = table.c[ROW]
    last_value, last_row = query.after  # type: ignore[misc]
    if query.sort is None:
        return row < last_row if query.descending else row > last_row
    column = table.c[query.sort.column]
    later = (
        tuple_(column, row) < (last_value, last_row)
        if query.descending
        else (tuple_(column, row) > (last_value, last_row))
    )
    if last_value is None:  # nulls come last: only later nulls remain
        return and_(column.is_(None), row < last_row if query.descending else row > last_row)
    return or_(and_(column.is_not(None), later), column.is_(None))


def _order(table: Table, query: RecordQuery) -> list[Any]:
    row = table.c[ROW]
    if query.sort is None:
        return [row.desc() if query.descending else row.asc()]
    column = table.c[query.sort.column]
    if query.sort.required:  # no NULLs: the plain order lets an index deliver it presorted
        return [column.desc(), row.desc()] if query.descending else [column.asc(), row.asc()]
    # NULLs last on both databases (SQLite would put them first in ascending order).
    if query.descending:
        return [column.desc().nulls_last(), row.desc()]
    return [column.asc().nulls_last(), row.asc()]


def run_query(conn: Connection, table: Table, query: RecordQuery, *, budget_ms: int) -> RecordPage:
    where = _where(table, query.conditions)
    if query.after is not None:
        where.append(_after(table, query))
    columns = [table.c[ROW]]
    if query.sort is not None:
        columns.append(table.c[query.sort.column])
    columns += [table.c[spec.column] for spec in query.selected]
    statement = select(*columns).where(*where).order_by(*_order(table, query))
    with time_budget(conn, budget_ms):
        result = conn.execute(statement.limit(query.limit + 1)).all()
    has_sort = query.sort is not None
    rows = [tuple(r[2:] if has_sort else r[1:]) for r in result[: query.limit]]
    next_key = None
    if len(result) > query.limit:
        last = result[query.limit - 1]
        next_key = (last[1] if has_sort else None, last[0])
    page = RecordPage(query.selected, rows, next_key)
    if query.count:
        try:
            with time_budget(conn, budget_ms):
                counted = (
                    select(func.count()).select_from(table).where(*_where(table, query.conditions))
                )
                page.count = conn.execute(counted).scalar()
        except QueryTimeout:
            page.count_timed_out = True
    return page


@contextmanager
def time_budget(conn: Connection, budget_ms: int) -> Iterator[None]:
    """Abort the statements of the block after ``budget_ms`` with QueryTimeout."""
    message = f"The query took longer than {budget_ms} ms. Filter on an indexed field."
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SET LOCAL statement_timeout = {int(budget_ms)}")
        try:
            with conn.begin_nested():
                yield
        except OperationalError as exc:
            if "statement timeout" in str(exc.orig):
                raise QueryTimeout(message) from None
            raise
        finally:
            conn.exec_driver_sql("SET LOCAL statement_timeout = 0")
        return
    raw = conn.connection.dbapi_connection
    deadline = time.monotonic() + budget_ms / 1000
    raw.set_progress_handler(lambda: int(time.monotonic() > deadline), 10_000)
    try:
        yield
    except OperationalError as exc:
        if "interrupted" in str(exc.orig):
            raise QueryTimeout(message) from None
        raise
    finally:
        raw.set_progress_handler(None, 0)
