"""The per-thread reader behind cached dataset reads: fresh, typed, per thread, fork-safe."""

from __future__ import annotations

import os
import threading
import uuid
from datetime import UTC

import pytest
from sqlalchemy import text

from hub.datasets import service
from hub.hotread import HotQuery
from tests.factories import ADMIN, DatasetFactory

HEAD = HotQuery(
    "test_head",
    "SELECT id, organization_id, state, revision_number, metadata_modified "
    "FROM dataset WHERE id = ?",
    ("uuid", "uuid", "str", "int", "datetime"),
)


@pytest.fixture
def reader(app):
    return app.extensions["hub.db"].hot


def test_rows_come_back_typed_like_the_orm(reader, session):
    dataset = DatasetFactory(session=session, state="published")
    row = reader.fetch_one(HEAD, [dataset.id])
    assert row == (
        dataset.id,
        dataset.organization_id,
        "published",
        dataset.revision_number,
        dataset.metadata_modified,
    )
    assert row[4].tzinfo is not None and row[4].utcoffset() == UTC.utcoffset(None)
    assert reader.fetch_one(HEAD, [uuid.uuid4()]) is None


def test_every_read_sees_the_latest_commit(reader, session):
    dataset = DatasetFactory(session=session, state="published")
    before = reader.fetch_one(HEAD, [dataset.id])[3]
    service.update_dataset(session, ADMIN, dataset.id, {"title_en": "Changed"}, partial=True)
    assert reader.fetch_one(HEAD, [dataset.id])[3] == before + 1


def test_a_read_leaves_no_snapshot_open(app, reader, session, backend):
    dataset = DatasetFactory(session=session, state="published")
    reader.fetch_one(HEAD, [dataset.id])
    engine = app.extensions["hub.db"].engine
    if backend == "sqlite":
        # A reader holding a snapshot would keep the WAL from being checkpointed.
        with engine.connect() as conn:
            busy, _, _ = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
        assert busy == 0
    else:
        with engine.connect() as conn:
            states = conn.execute(
                text(
                    "SELECT state FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid() "
                    "AND backend_type = 'client backend'"
                )
            ).scalars()
            assert "idle in transaction" not in set(states)


def test_each_thread_has_its_own_connection(reader, session):
    dataset = DatasetFactory(session=session, state="published")
    reader.fetch_one(HEAD, [dataset.id])
    mine = reader._local.conn
    seen = []

    def other() -> None:
        seen.append(reader.fetch_one(HEAD, [dataset.id]))
        seen.append(reader._local.conn)

    thread = threading.Thread(target=other)
    thread.start()
    thread.join()
    assert seen[0][0] == dataset.id
    assert seen[1] is not mine and seen[1].dbapi is not mine.dbapi
    assert reader._local.conn is mine


def in_forked_child(work) -> str:
    """Run ``work`` in a forked child and return the text it returned."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: report, then leave without running any cleanup
        try:
            os.write(write_end, str(work()).encode())
        finally:
            os._exit(0)
    os.close(write_end)
    report = os.read(read_end, 200).decode()
    os.waitpid(pid, 0)
    os.close(read_end)
    return report


def test_a_forked_child_opens_its_own_connection(reader, session):
    dataset = DatasetFactory(session=session, state="published")
    reader.fetch_one(HEAD, [dataset.id])  # the parent's connection exists before the fork

    def child() -> str:
        row = reader.fetch_one(HEAD, [dataset.id])
        return f"{row[0]}:{reader._local.conn.pid == os.getpid()}"

    assert in_forked_child(child) == f"{dataset.id}:True"
    assert reader.fetch_one(HEAD, [dataset.id])[0] == dataset.id, "the parent's still works"


@pytest.mark.postgres_only
def test_a_dropped_connection_is_replaced(app, reader, session):
    dataset = DatasetFactory(session=session, state="published")
    reader.fetch_one(HEAD, [dataset.id])
    backend_pid = reader._local.conn.dbapi.get_backend_pid()
    with app.extensions["hub.db"].engine.connect() as conn:
        conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": backend_pid})
    assert reader.fetch_one(HEAD, [dataset.id])[0] == dataset.id
    assert reader._local.conn.dbapi.get_backend_pid() != backend_pid


def test_close_ends_every_connection(app, reader, session):
    dataset = DatasetFactory(session=session, state="published")
    reader.fetch_one(HEAD, [dataset.id])
    conn = reader._local.conn
    reader.close()
    with pytest.raises(app.extensions["hub.db"].engine.dialect.loaded_dbapi.Error):
        conn.dbapi.cursor().execute("SELECT 1")
    assert reader.fetch_one(HEAD, [dataset.id])[0] == dataset.id, "reopens on demand"


def test_a_forked_child_never_checks_out_the_parents_pooled_connections(app, session):
    engine = app.extensions["hub.db"].engine
    with engine.connect() as conn:  # leaves an idle connection of the parent in the pool
        conn.execute(text("SELECT 1"))

    def child() -> bool:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
            return conn.connection.info["pid"] == os.getpid()

    assert in_forked_child(child) == "True"
    with engine.connect() as conn:
        assert conn.execute(text("SELECT 1")).scalar() == 1, "the parent's pool still works"
