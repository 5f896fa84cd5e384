"""What only the whoosh backend does: follow the change log, share a folder, skip when busy.

Search semantics are the contract suite's (``test_contract.py``); here the index is fed by
``catch_up`` from datasets made through the real services.
"""

from __future__ import annotations

import shutil
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import event
from whoosh import index as whoosh_index

from hub.datasets import service
from hub.datasets.changelog import latest_seq
from hub.search.base import SearchDocument, SearchQuery
from hub.search.whoosh_backend import (
    CATCH_UP_LOCK,
    SEQ_FILE,
    WhooshBackend,
    number_key,
    prefix_key,
)
from tests.factories import ADMIN, DatasetFactory, OrganizationFactory


class CountingBackend(WhooshBackend):
    """Counts the calls to ``index``, to tell a no-op catch-up from a real one."""

    def __init__(self, index_dir: str) -> None:
        super().__init__(index_dir)
        self.index_calls = 0

    def index(self, conn, docs):
        self.index_calls += 1
        return super().index(conn, docs)


@pytest.fixture
def whoosh(tmp_path):  # not "backend": conftest's names the database
    return CountingBackend(str(tmp_path / "whoosh"))


def found(backend, text: str) -> list[str]:
    return [hit.title for hit in backend.query(None, SearchQuery(text=text)).hits]


def seq_file(backend) -> Path:
    return Path(backend.index_dir) / SEQ_FILE


def stored_seq(backend) -> int:
    return int(seq_file(backend).read_text())


def test_catch_up_follows_the_change_log(session, whoosh):
    org = OrganizationFactory(session=session)
    budget = DatasetFactory(
        session=session, state="published", organization=org, title_vi="Ngân sách xã Tân Phú"
    )
    DatasetFactory(
        session=session, state="published", organization=org, title_vi="Dân số trung bình"
    )
    DatasetFactory(session=session, organization=org, title_vi="Ngân sách bản nháp")
    assert found(whoosh, "ngân sách") == []  # nothing until it catches up

    whoosh.catch_up(session)
    assert found(whoosh, "ngân sách") == ["Ngân sách xã Tân Phú"]  # drafts are not public
    assert found(whoosh, "trung binh") == ["Dân số trung bình"]
    first = stored_seq(whoosh)
    assert first == latest_seq(session) > 0

    service.transition(session, ADMIN, budget.id, "withdraw", reason="Số liệu cần rà soát.")
    whoosh.catch_up(session)
    assert found(whoosh, "ngân sách") == []
    assert found(whoosh, "trung bình") == ["Dân số trung bình"]
    assert stored_seq(whoosh) == latest_seq(session) > first


def test_a_catch_up_with_nothing_new_asks_once_and_indexes_nothing(session, whoosh):
    DatasetFactory(session=session, state="published", title_vi="Quyết toán ngân sách")
    whoosh.catch_up(session)
    assert whoosh.index_calls == 1
    seq = stored_seq(whoosh)

    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    engine = session.get_bind()
    event.listen(engine, "before_cursor_execute", count)
    try:
        whoosh.catch_up(session)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert whoosh.index_calls == 1 and len(statements) == 1
    assert stored_seq(whoosh) == seq


def test_changes_read_in_pages_are_applied_in_one_commit(session, whoosh, monkeypatch):
    monkeypatch.setattr("hub.search.whoosh_backend.CHANGES_PAGE", 2)  # several pages
    org = OrganizationFactory(session=session)
    for n in range(3):
        DatasetFactory(
            session=session, state="published", organization=org, title_vi=f"Thống kê {n}"
        )
    whoosh.catch_up(session)
    assert sorted(found(whoosh, "thống kê")) == ["Thống kê 0", "Thống kê 1", "Thống kê 2"]
    assert stored_seq(whoosh) == latest_seq(session)
    # remove_dataset and index of every dataset shared one writer: one commit after creation.
    assert whoosh_index.open_dir(whoosh.index_dir).latest_generation() == 1


def test_a_held_writer_lock_makes_catch_up_skip(session, whoosh):
    DatasetFactory(session=session, state="published", title_vi="Lao động việc làm")
    whoosh.query(None, SearchQuery())  # creates the index
    writer = whoosh_index.open_dir(whoosh.index_dir).writer()  # another process, writing
    try:
        started = time.monotonic()
        whoosh.catch_up(session)  # neither waits long nor fails
        assert time.monotonic() - started < 2
        assert found(whoosh, "lao động") == []
        assert not seq_file(whoosh).exists()
    finally:
        writer.cancel()
    whoosh.catch_up(session)
    assert found(whoosh, "lao động") == ["Lao động việc làm"]


def test_a_catch_up_under_way_elsewhere_makes_another_skip(session, whoosh):
    DatasetFactory(session=session, state="published", title_vi="Lao động việc làm")
    whoosh.query(None, SearchQuery())  # creates the index
    lock = whoosh_index.open_dir(whoosh.index_dir).storage.lock(CATCH_UP_LOCK)
    assert lock.acquire(blocking=False)
    try:
        whoosh.catch_up(session)
        assert whoosh.index_calls == 0 and not seq_file(whoosh).exists()
    finally:
        lock.release()
    whoosh.catch_up(session)
    assert found(whoosh, "lao động") == ["Lao động việc làm"]


def test_commit_after_a_full_reindex_marks_the_log_as_applied(session, whoosh):
    DatasetFactory(session=session, state="published", title_vi="Giáo dục phổ thông")
    whoosh.commit(session)
    assert stored_seq(whoosh) == latest_seq(session)
    whoosh.catch_up(session)
    assert whoosh.index_calls == 0


def test_two_backends_on_one_folder_see_each_other(tmp_path):
    writer, reader = WhooshBackend(str(tmp_path / "ix")), WhooshBackend(str(tmp_path / "ix"))
    assert reader.query(None, SearchQuery()).total == 0
    when = datetime(2025, 1, 1, tzinfo=UTC)
    writer.index(None, [SearchDocument(id="a:1", type="article", title="Tin tức", modified=when)])
    result = reader.query(None, SearchQuery(text="tin tuc"))
    assert [h.id for h in result.hits] == ["a:1"] and result.hits[0].modified == when
    writer.clear(None)
    assert reader.query(None, SearchQuery()).total == 0


def test_a_facet_over_its_budget_is_reported_not_failed(tmp_path):
    backend = WhooshBackend(str(tmp_path / "ix"))
    when = datetime(2025, 1, 1, tzinfo=UTC)
    backend.index(
        None,
        [SearchDocument(id="a:1", type="article", title="Tin", modified=when, themes=("ECON",))],
    )
    result = backend.query(None, SearchQuery(facets=("theme",), budget_ms=0))
    assert result.facets["theme"].timed_out and result.facets["theme"].values == []
    assert result.total == 1
    result = backend.query(None, SearchQuery(facets=("theme",)))
    assert result.facets["theme"].values == [("ECON", 1)]


HOSTILE = [
    "",
    '"',
    '""',
    '"ngân',
    "*",
    "?",
    "ngân*",
    "NEAR(ngân, sách)",
    "title:ngân",
    "id:*",
    "(",
    ")",
    "-",
    "- - -",
    "ngân -sách",
    "AND OR NOT",
    "ngân AND",
    "{a TO b]",
    "[* TO *]",
    "~2 ^3",
    "ngân sách~",
    "\\",
    "'",
    "%_",
    "\x00\x1f\x7f",
    "🙂" * 50,
    "ngân " * 2000,
    "x" * 10_000,
    '"' * 10_000,
    "47/2020/NĐ-CP " * 500,
]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_queries_and_prefixes_never_raise(tmp_path, hostile):
    backend = WhooshBackend(str(tmp_path / "ix"))
    backend.index(
        None,
        [
            SearchDocument(
                id="legal_document:1",
                type="legal_document",
                title="47/2020/NĐ-CP: Ngân sách nhà nước",
                modified=datetime(2025, 1, 1, tzinfo=UTC),
                numbers=("47/2020/NĐ-CP",),
                formats=("CSV",),
            )
        ],
    )
    query = SearchQuery(
        text=hostile,
        filters={"format": (hostile[:200],), "theme": ()},
        facets=("format", "theme"),
    )
    assert backend.query(None, query).total >= 0
    assert backend.query(None, SearchQuery(text=hostile, sort="newest")).total >= 0
    assert isinstance(backend.suggest(None, hostile), list)
    assert isinstance(backend.suggest(None, "4" + hostile), list)


@pytest.mark.parametrize(
    ("typed", "matches"),
    [
        ("47", True),
        ("47/", True),
        ("47/20", True),
        ("47/2020/nđ-", True),
        ("47 2020 ND CP", True),
        ("47-2020", True),
        ("470", False),
        ("47/2021", False),
        ("4/", False),
    ],
)
def test_number_prefixes_ignore_the_separators_written(typed, matches):
    assert number_key("47/2020/NĐ-CP").startswith(prefix_key(typed)) is matches


def test_a_wiped_folder_is_made_again_empty(tmp_path):
    backend = WhooshBackend(str(tmp_path / "ix"))
    when = datetime(2025, 1, 1, tzinfo=UTC)
    backend.index(None, [SearchDocument(id="a:1", type="article", title="Tin", modified=when)])
    shutil.rmtree(tmp_path / "ix")
    assert backend.query(None, SearchQuery()).total == 0
    assert backend.applied_seq() == 0  # so the next catch-up replays the change log
