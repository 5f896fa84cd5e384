"""A scratch database for a benchmark run: a SQLite file, or a PostgreSQL database dropped after."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import text

from hub.db import make_engine

SERVER = "postgresql://postgres@127.0.0.1:5432"


@contextmanager
def scratch_database(backend: str, workdir: Path) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{workdir / 'hub.db'}"
        return
    name = f"hub_bench_{uuid.uuid4().hex[:8]}"
    admin = make_engine(f"{SERVER}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield f"{SERVER}/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@contextmanager
def bench_app(backend: str, workdir: Path) -> Iterator[tuple[Any, str]]:
    """(app, database URL): the hub on a migrated scratch database, disposed after."""
    from hub import create_app, migrate

    with scratch_database(backend, workdir) as url:
        migrate.upgrade(url)
        app = create_app(
            {
                "HUB_DATABASE_URL": url,
                "HUB_INSTANCE_DIR": str(workdir),
                "HUB_DATA_DIR": str(workdir / "data"),
                "HUB_SEARCH_BACKEND": "database",
                "HUB_RATE_LIMIT": 0,
            }
        )
        try:
            yield app, url
        finally:
            app.extensions["hub.db"].dispose()
