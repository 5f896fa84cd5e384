"""Physical record tables: one real table per dataset version, on SQLite and PostgreSQL.

A table has ``_row`` (stable order and the source row of the import) and one
column per field, a unique index on the key fields and an index per filter
field. Bulk loads go through the driver (``executemany`` on SQLite, ``COPY`` on
PostgreSQL) inside the caller's transaction, so a failed import leaves nothing.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Connection,
    Date,
    Double,
    Engine,
    Index,
    Integer,
    MetaData,
    Table,
    Text,
    inspect,
    text,
)
from sqlalchemy.exc import OperationalError

from hub.records.models import RECORD_TABLE_PREFIX
from hub.records.schema import FieldSpec
from hub.records.values import TEXT_TYPES

ROW = "_row"
_SAFE_NAME = re.compile(r"^[a-z][a-z0-9_]{0,62}$")
_TYPES: dict[str, Any] = {
    **{kind: Text for kind in TEXT_TYPES},
    "integer": BigInteger,
    "number": Double,
    "date": Date,
    "year": Integer,
    "boolean": Boolean,
}


def table_name(dataset_hex: str, version: int) -> str:
    return f"{RECORD_TABLE_PREFIX}{dataset_hex[:16]}_{version}"


def _checked(name: str) -> str:
    # Names reach DDL and COPY statements: only ever plain lowercase identifiers.
    if not _SAFE_NAME.match(name):
        raise ValueError(f"unsafe SQL identifier {name!r}")
    return name


def record_table(name: str, fields: Sequence[FieldSpec]) -> Table:
    """The Core table of ``name`` with ``fields`` (no database access)."""
    columns = [Column(ROW, BigInteger, primary_key=True, autoincrement=False)]
    columns += [Column(_checked(f.column), _TYPES[f.type]()) for f in fields]
    return Table(_checked(name), MetaData(), *columns)


def create(conn: Connection, table: Table) -> None:
    table.create(conn)


def create_indexes(conn: Connection, table: Table, fields: Sequence[FieldSpec]) -> None:
    """Unique key index and one ``(field, _row)`` index per filter field (keyset order)."""
    key = [table.c[f.column] for f in fields if f.key]
    if key:
        Index(f"{table.name}_key", *key, unique=True).create(conn)
    for spec in fields:
        if spec.filter:
            name = _index_name(table.name, spec.column)
            Index(name, table.c[spec.column], table.c[ROW]).create(conn)


def _index_name(table: str, column: str) -> str:
    # PostgreSQL names stop at 63 characters; long dimension names get a short digest.
    name = f"{table}_{column}"
    return (
        name if len(name) <= 63 else f"{table}_{hashlib.sha256(column.encode()).hexdigest()[:12]}"
    )


def add_index(conn: Connection, name: str, spec: FieldSpec) -> None:
    index = _index_name(_checked(name), _checked(spec.column))
    conn.exec_driver_sql(f'CREATE INDEX "{index}" ON "{name}" ("{spec.column}", "{ROW}")')


def analyze(conn: Connection, table: Table) -> None:
    """Planner statistics for a freshly loaded table, so filters pick the right index."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("PRAGMA analysis_limit = 1000")  # sampled: fast on big tables
    conn.exec_driver_sql(f'ANALYZE "{table.name}"')


def drop_retired(engine: Engine, dataset_hex: str, keep: str) -> list[str]:
    """Drop a dataset's record tables other than ``keep``; return the ones still in use.

    Each drop waits at most a moment for readers (a download in progress); a table
    still in use is left for the next import of the dataset to remove.
    """
    prefix = f"{RECORD_TABLE_PREFIX}{dataset_hex[:16]}_"
    left = []
    for name in inspect(engine).get_table_names():
        if not name.startswith(prefix) or name == keep:
            continue
        try:
            with engine.begin() as conn:
                if conn.dialect.name == "postgresql":
                    conn.exec_driver_sql("SET LOCAL lock_timeout = '2s'")
                drop(conn, name)
        except OperationalError:
            left.append(name)
    return left


def drop(conn: Connection, name: str) -> None:
    conn.exec_driver_sql(f'DROP TABLE IF EXISTS "{_checked(name)}"')


def add_column(conn: Connection, name: str, spec: FieldSpec) -> None:
    column_type = _TYPES[spec.type]().compile(dialect=conn.dialect)
    conn.exec_driver_sql(
        f'ALTER TABLE "{_checked(name)}" ADD COLUMN "{_checked(spec.column)}" {column_type}'
    )


def insert_rows(conn: Connection, table: Table, rows: list[Sequence[Any]]) -> None:
    """Append ``rows`` (``_row`` first, then one value per field) through the driver."""
    if not rows:
        return
    dbapi = conn.connection.dbapi_connection
    columns = ", ".join(f'"{c.name}"' for c in table.columns)
    if conn.dialect.name == "postgresql":
        buffer = io.StringIO()
        csv.writer(buffer).writerows(rows)
        buffer.seek(0)
        with dbapi.cursor() as cursor:
            cursor.copy_expert(
                f'COPY "{table.name}" ({columns}) FROM STDIN WITH (FORMAT csv)', buffer
            )
        return
    marks = ", ".join("?" * len(table.columns))
    dbapi.executemany(f'INSERT INTO "{table.name}" ({columns}) VALUES ({marks})', rows)


def duplicate_rows(conn: Connection, table: Table, fields: Sequence[FieldSpec]) -> list[int]:
    """``_row`` of every row whose key an earlier row already has."""
    key = [f'"{f.column}"' for f in fields if f.key]
    if not key:
        return []
    cols = ", ".join(key)
    sql = (
        f'SELECT "{ROW}" FROM (SELECT "{ROW}", ROW_NUMBER() OVER '
        f'(PARTITION BY {cols} ORDER BY "{ROW}") AS n FROM "{table.name}") AS ranked '
        "WHERE n > 1 ORDER BY 1"
    )
    return [row[0] for row in conn.exec_driver_sql(sql)]


def delete_rows(conn: Connection, table: Table, rows: list[int]) -> None:
    for start in range(0, len(rows), 500):
        chunk = rows[start : start + 500]
        marks = ", ".join(str(int(r)) for r in chunk)
        conn.exec_driver_sql(f'DELETE FROM "{table.name}" WHERE "{ROW}" IN ({marks})')


def merge_into(
    conn: Connection,
    live: Table,
    staging: Table,
    fields: Sequence[FieldSpec],
    updated: Sequence[FieldSpec],
) -> None:
    """Upsert the staging rows into ``live`` by key; new rows go after the existing ones.
    Rows that exist get the ``updated`` fields' new values; their other fields stay."""
    names = [f'"{f.column}"' for f in fields]
    key = ", ".join(f'"{f.column}"' for f in fields if f.key)
    changed = [f'"{f.column}"' for f in updated if not f.key] or [names[0]]
    updates = ", ".join(f"{n} = excluded.{n}" for n in changed)
    offset = conn.execute(text(f'SELECT COALESCE(MAX("{ROW}"), 0) FROM "{live.name}"')).scalar()
    cols = ", ".join(names)
    conn.exec_driver_sql(
        f'INSERT INTO "{live.name}" ("{ROW}", {cols}) '
        f'SELECT "{ROW}" + {int(offset)}, {cols} FROM "{staging.name}" WHERE true '
        f"ON CONFLICT ({key}) DO UPDATE SET {updates}"
    )


def count(conn: Connection, name: str) -> int:
    return conn.execute(text(f'SELECT COUNT(*) FROM "{_checked(name)}"')).scalar() or 0
