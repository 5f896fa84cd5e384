"""Test fixtures. The whole suite runs on SQLite or on PostgreSQL (``--db``).

Each run gets its own fresh database (a file for SQLite, a new database on the
server for PostgreSQL, dropped afterwards), built by the real Alembic
migrations. Tables are emptied after each test that used the database.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.engine import make_url

from hub import create_app, migrate
from hub.auth import service as tokens
from hub.auth.principal import Principal
from hub.db import Base, get_session, make_engine

DEFAULT_POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--db",
        choices=["sqlite", "postgresql"],
        default=os.environ.get("HUB_TEST_DB", "sqlite"),
        help="Database backend for this run (default: sqlite, or $HUB_TEST_DB).",
    )


def pytest_report_header(config: pytest.Config) -> str:
    backend = config.getoption("--db")
    if backend == "postgresql":
        server = make_url(postgres_server_url()).render_as_string()
        return f"hub database backend: PostgreSQL (a new database on {server}, dropped after)"
    return "hub database backend: SQLite (a new file in a temporary folder)"


def postgres_server_url() -> str:
    return os.environ.get("HUB_TEST_POSTGRES_URL") or DEFAULT_POSTGRES


def _create_postgres_database() -> tuple[str, str]:
    server = make_url(postgres_server_url())
    name = f"hub_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = make_engine(postgres_server_url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return name, server.set(database=name).render_as_string(hide_password=False)


def _drop_postgres_database(name: str) -> None:
    admin = make_engine(postgres_server_url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("postgres_only") and item.config.getoption("--db") != "postgresql":
        pytest.skip("PostgreSQL behaviour: runs in the PostgreSQL pass of make test")


@pytest.fixture(scope="session")
def backend(pytestconfig: pytest.Config) -> str:
    return pytestconfig.getoption("--db")


@pytest.fixture(scope="session")
def new_database_url(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    """A factory of empty databases of the run's backend, all removed at the end."""
    created: list[str] = []

    def make() -> str:
        if backend == "sqlite":
            path = tmp_path_factory.mktemp("db") / "hub.db"
            return f"sqlite:///{path}"
        name, url = _create_postgres_database()
        created.append(name)
        return url

    yield make
    for name in created:
        _drop_postgres_database(name)


@pytest.fixture(scope="session")
def database_url(new_database_url) -> str:
    url = new_database_url()
    migrate.upgrade(url)
    return url


@pytest.fixture(scope="session")
def _app(database_url: str, tmp_path_factory: pytest.TempPathFactory):
    instance = tmp_path_factory.mktemp("instance")
    app = create_app(
        {
            "HUB_DATABASE_URL": database_url,
            "HUB_INSTANCE_DIR": str(instance),
            "HUB_DATA_DIR": str(instance / "data"),
            "HUB_BASE_URL": "http://hub.test",
            "HUB_MAX_UPLOAD_BYTES": 64 * 1024,
            # Limits are process-wide; tests of them build their own app.
            "HUB_RATE_LIMIT": 0,
            "HUB_AUTH_FAILURE_LIMIT": 0,
            "TESTING": True,
        }
    )
    yield app
    app.extensions["hub.db"].dispose()


def empty_tables(app) -> None:
    engine = app.extensions["hub.db"].engine
    tables = [t.name for t in reversed(Base.metadata.sorted_tables)]
    with engine.begin() as conn:  # each dataset's record tables go with the data
        for name in inspect(conn).get_table_names():
            if name.startswith("rec_"):
                conn.exec_driver_sql(f'DROP TABLE "{name}"')
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(text("TRUNCATE " + ", ".join(f'"{t}"' for t in tables)))
        return
    with engine.begin() as conn:  # the search engine's own index is not a model
        conn.exec_driver_sql("DELETE FROM search_fts")
    raw = engine.raw_connection()  # autocommit mode: PRAGMA foreign_keys needs it
    try:
        cur = raw.cursor()
        # Self-references use ON DELETE RESTRICT, which SQLite checks row by row.
        cur.execute("PRAGMA foreign_keys=OFF")
        cur.execute("BEGIN")
        for table in tables:
            cur.execute(f'DELETE FROM "{table}"')
        cur.execute("COMMIT")
        cur.execute("PRAGMA foreign_keys=ON")
    finally:
        raw.close()


@pytest.fixture
def app(_app):
    yield _app
    empty_tables(_app)
    shutil.rmtree(_app.config["HUB_DATA_DIR"], ignore_errors=True)


@pytest.fixture
def session(app):
    with app.app_context():
        yield get_session()


@pytest.fixture
def file_store(app):
    return app.extensions["hub.files"]


@pytest.fixture
def admin() -> Principal:
    return Principal.system("test-admin")


@pytest.fixture
def data_dir(app) -> Path:
    return Path(app.config["HUB_DATA_DIR"])


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def token(session):
    """Issue a real token: ``token("publisher", org)`` -> Authorization headers."""

    def issue(role: str, organization=None) -> dict[str, str]:
        org = getattr(organization, "slug", organization)
        issued = tokens.create_token(session, Principal.system("test"), role=role, organization=org)
        return {"Authorization": f"Bearer {issued.secret}"}

    return issue
