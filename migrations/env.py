"""Alembic environment: the URL comes from hub.migrate, the metadata from hub.models."""

from alembic import context
from sqlalchemy import pool

import hub.models
from hub.db import make_engine
from hub.search.models import ENGINE_OBJECTS

config = context.config
target_metadata = hub.models.Base.metadata


def render_item(type_, obj, autogen_context):
    """Write the hub's portable types as their plain SQL types in migration files."""
    if type_ == "type" and obj.__class__.__module__ == "hub.db":
        impl = obj.impl if hasattr(obj, "impl") else obj
        autogen_context.imports.add("import sqlalchemy as sa")
        return f"sa.{impl!r}"
    return False


def include_object(obj, name, type_, reflected, compare_to):
    """Record tables are made at run time; full-text objects are engine-specific."""
    if reflected and compare_to is None and name.startswith(ENGINE_OBJECTS):
        return False
    return not (type_ == "table" and reflected and name.startswith("rec_"))


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    engine = make_engine(config.get_main_option("sqlalchemy.url"), poolclass=pool.NullPool)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=True,
            render_item=render_item,
            compare_type=True,
            include_object=include_object,
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
