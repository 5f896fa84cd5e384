"""Alembic migrations: a full round trip, and agreement with the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from hub import migrate
from hub.db import Base, make_engine
from hub.search.models import ENGINE_OBJECTS


def _tables(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        names = set(inspect(engine).get_table_names()) - {"alembic_version"}
        return {n for n in names if not n.startswith(ENGINE_OBJECTS)}
    finally:
        engine.dispose()


def _engine_specific(obj, name, type_, reflected, compare_to) -> bool:
    """The full-text index is the engine's own (FTS5 table, tsvector column), not a model."""
    return not (reflected and compare_to is None and name.startswith(ENGINE_OBJECTS))


def test_upgrade_downgrade_round_trip(new_database_url):
    url = new_database_url()
    migrate.upgrade(url)
    assert _tables(url) == set(Base.metadata.tables)
    migrate.downgrade(url, "base")
    assert _tables(url) == set()
    migrate.upgrade(url)
    engine = make_engine(url)
    try:
        assert migrate.current_revision(engine) == migrate.head_revision(url)
    finally:
        engine.dispose()


def test_models_match_migrations(database_url):
    """A model change without a migration fails here (autogenerate finds a difference)."""
    engine = make_engine(database_url)
    try:
        with engine.connect() as conn:
            opts = {"compare_type": True, "include_object": _engine_specific}
            context = MigrationContext.configure(conn, opts=opts)
            diff = compare_metadata(context, Base.metadata)
    finally:
        engine.dispose()
    assert diff == []
