"""Single-statement reads on a connection each thread keeps, for the hottest read paths.

A dataset GET needs one indexed SELECT (the dataset's head) and no transaction.
Through the pool that SELECT costs a checkout, a liveness ping, a BEGIN and a
reset: four extra round trips on PostgreSQL. Here each thread keeps one
autocommit connection, made by the engine (so it gets the same settings), and
each query is prepared once per connection on PostgreSQL, so a read is one
round trip. A broken connection is replaced and the statement retried once.

Rows come back as tuples converted by the column kinds the query declares.
"""

from __future__ import annotations

import json
import os
import threading
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine


def _sqlite_datetime(value: Any) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value).replace(tzinfo=UTC)


def _pg_datetime(value: Any) -> datetime | None:
    return None if value is None else value.astimezone(UTC)


def _uuid(value: Any) -> uuid.UUID | None:
    if value is None or isinstance(value, uuid.UUID):
        return value
    return uuid.UUID(value)


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str | bytes) else value  # JSONB arrives parsed


_FROM_DB: dict[str, dict[str, Callable[[Any], Any] | None]] = {
    "sqlite": {
        "uuid": _uuid,
        "datetime": _sqlite_datetime,
        "str": None,
        "int": None,
        "json": _json,
    },
    "postgresql": {
        "uuid": _uuid,
        "datetime": _pg_datetime,
        "str": None,
        "int": None,
        "json": _json,
    },
}
_TO_DB: dict[str, Callable[[Any], Any]] = {
    # The hub's UUID columns are CHAR(32) hex on SQLite and native uuid on PostgreSQL.
    "sqlite": lambda v: v.hex if isinstance(v, uuid.UUID) else v,
    "postgresql": lambda v: str(v) if isinstance(v, uuid.UUID) else v,
}


@dataclass(frozen=True)
class HotQuery:
    """A named SELECT with ``?`` placeholders and the kind of each result column."""

    name: str
    sql: str
    columns: Sequence[str]  # "uuid", "datetime", "str", "int" or "json"

    def prepare_statement(self) -> str:
        """PostgreSQL's PREPARE of this query (``?`` become ``$1``, ``$2``, ...)."""
        parts = self.sql.split("?")
        numbered = parts[0] + "".join(f"${i}{part}" for i, part in enumerate(parts[1:], 1))
        return f"PREPARE {self.name} AS {numbered}"


class _Conn:
    def __init__(self, dbapi: Any) -> None:
        self.dbapi = dbapi
        self.pid = os.getpid()
        self.prepared: set[str] = set()


class HotReader:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.dialect = engine.dialect.name
        self._from_db = _FROM_DB[self.dialect]
        self._converters: dict[str, list[tuple[int, Callable[[Any], Any]]]] = {}
        self._to_db = _TO_DB[self.dialect]
        self._local = threading.local()
        self._open: list[_Conn] = []
        self._lock = threading.Lock()

    def fetch_one(self, query: HotQuery, params: Sequence[Any]) -> tuple | None:
        """The first row of ``query`` with ``params``, converted; None when there is none."""
        args = [self._to_db(p) for p in params]
        dbapi = self.engine.dialect.loaded_dbapi
        try:
            rows = self._run(self._connection(), query, args)
        except (dbapi.OperationalError, dbapi.InterfaceError):
            self._discard()  # a restarted server or a dropped link: reconnect once
            rows = self._run(self._connection(), query, args)
        if not rows:
            return None
        row = list(rows[0])
        for i, convert in self._converters_of(query):
            row[i] = convert(row[i])
        return tuple(row)

    def _converters_of(self, query: HotQuery) -> list[tuple[int, Callable[[Any], Any]]]:
        converters = self._converters.get(query.name)
        if converters is None:
            kinds = [self._from_db[kind] for kind in query.columns]
            converters = [(i, fn) for i, fn in enumerate(kinds) if fn is not None]
            self._converters[query.name] = converters
        return converters

    def _run(self, conn: _Conn, query: HotQuery, args: list[Any]) -> list[tuple]:
        cursor = conn.dbapi.cursor()
        try:
            if self.dialect == "sqlite":
                cursor.execute(query.sql, args)
            else:
                if query.name not in conn.prepared:
                    cursor.execute(query.prepare_statement())
                    conn.prepared.add(query.name)
                markers = ", ".join(["%s"] * len(args))
                cursor.execute(f"EXECUTE {query.name} ({markers})", args)
            # fetchall steps the statement to its end, so SQLite holds no read snapshot.
            return cursor.fetchall()
        finally:
            cursor.close()

    def _connection(self) -> _Conn:
        conn = getattr(self._local, "conn", None)
        if conn is not None and conn.pid == os.getpid():
            return conn
        pooled = self.engine.raw_connection()
        pooled.detach()  # ours for the thread's life, not the pool's
        dbapi = pooled.dbapi_connection
        if self.dialect == "postgresql":
            dbapi.rollback()  # end the liveness ping's transaction before autocommit
            dbapi.autocommit = True
        conn = _Conn(dbapi)
        self._local.conn = conn
        with self._lock:
            self._open.append(conn)
        return conn

    def _discard(self) -> None:
        conn = getattr(self._local, "conn", None)
        self._local.conn = None
        if conn is not None:
            with self._lock:
                self._open.remove(conn)
            _shut(conn)

    def close(self) -> None:
        """Close every thread's connection (app shutdown, tests)."""
        with self._lock:
            conns, self._open = self._open, []
        self._local = threading.local()
        for conn in conns:
            _shut(conn)


def _shut(conn: _Conn) -> None:
    if conn.pid != os.getpid():
        return  # a parent's connection: closing it here would break the parent's
    try:
        conn.dbapi.close()
    except Exception:  # noqa: S110  (a broken connection may fail to close; it is gone)
        pass
