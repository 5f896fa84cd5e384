"""The database backend's own parts: batched indexing, count deltas, folding fast path."""

from __future__ import annotations

import gc
import random
import sys
import unicodedata
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest

from hub.search import counts, database
from hub.search.base import SearchDocument, SearchQuery
from hub.search.database import DatabaseBackend
from hub.search.fulltext import MAX_POSITION, MAX_POSITIONS, tsvector_literal
from hub.search.gc import HANDOFF_SECONDS, gc_paused
from hub.search.text import fold, syllables

T0 = datetime(2025, 3, 1, tzinfo=UTC)
ORGS = ("so-tai-chinh", "so-y-te", "so-xay-dung")
THEMES = ("ECON", "HEAL", "SOCI", "GOVE")


def _docs(n: int, seed: int = 7, prefix: str = "d") -> list[SearchDocument]:
    rng = random.Random(seed)
    return [
        SearchDocument(
            id=f"{prefix}:{i}",
            type="dataset",
            title=f"Ngân sách {rng.choice(['xã', 'huyện', 'tỉnh'])} số {i}",
            body="Dự toán thu chi " * rng.randint(1, 5),
            modified=T0 + timedelta(hours=i),
            organization=rng.choice(ORGS),
            themes=tuple(rng.sample(THEMES, rng.randint(0, 2))),
            year=rng.choice((2023, 2024, None)),
        )
        for i in range(n)
    ]


@pytest.fixture
def index(session):
    backend = DatabaseBackend()
    backend.clear(session.connection())
    yield backend, session.connection()
    session.rollback()


def _recount(docs: list[SearchDocument], facet: str) -> dict[str, int]:
    found: Counter[str] = Counter()
    for d in docs:
        found.update(set(d.facet_values()[facet]))
    return dict(found)


def test_many_batches_index_like_one_and_a_repeated_id_once(index, monkeypatch):
    engine, conn = index
    monkeypatch.setattr(database, "BATCH", 7)  # 60 documents: 9 batches through the thread
    docs = _docs(60)
    again = [*docs[:5], docs[3]]  # the same id twice in one call
    assert engine.index(conn, docs) == 60
    assert engine.index(conn, again) == 6
    result = engine.query(conn, SearchQuery(text="ngân sách", facets=("organization",), limit=100))
    assert result.total == 60 and len({h.id for h in result.hits}) == 60
    assert dict(result.facets["organization"].values) == _recount(docs, "organization")
    assert [h.id for h in engine.query(conn, SearchQuery(text="số 59")).hits][0] == "d:59"


def test_counts_of_the_whole_index_follow_adds_and_removals(index, monkeypatch):
    engine, conn = index
    monkeypatch.setattr(counts, "COMPACT_AT", 10)  # compaction runs many times
    docs = _docs(40)
    engine.index(conn, docs)
    engine.remove(conn, [d.id for d in docs[:15]])
    engine.index(conn, docs[:5])  # back again
    kept = docs[:5] + docs[15:]
    everything = engine.query(conn, SearchQuery(facets=("organization", "theme", "year")))
    assert everything.total == len(kept)
    for facet in ("organization", "theme", "year"):
        assert dict(everything.facets[facet].values) == _recount(kept, facet), facet
    rows = conn.exec_driver_sql("SELECT count(*) FROM search_count").scalar_one()
    assert rows <= 10 + 3 * len(THEMES) + 20  # compacted, not one row per change
    engine.clear(conn)
    assert engine.query(conn, SearchQuery(facets=("theme",))).total == 0


def test_filters_on_several_values_of_a_multi_valued_facet(index):
    engine, conn = index
    docs = _docs(30)
    engine.index(conn, docs)
    wanted = {"HEAL", "GOVE"}
    result = engine.query(
        conn, SearchQuery(text="ngân", filters={"theme": tuple(wanted)}, limit=100)
    )
    expected = {d.id for d in docs if wanted & set(d.themes)}
    assert {h.id for h in result.hits} == expected and result.total == len(expected)
    odd = engine.query(conn, SearchQuery(filters={"theme": ("HE%", "_CON", "'")}))
    assert odd.total == 0  # values are compared, never patterns


def test_ties_on_relevance_go_to_the_newest(index):
    engine, conn = index
    same = [
        SearchDocument(
            id=f"t:{i}", type="dataset", title="Ngân sách xã", modified=T0 + timedelta(days=i)
        )
        for i in range(5)
    ]
    engine.index(conn, same)
    page = engine.query(conn, SearchQuery(text="ngân sách", limit=2, offset=1))
    assert [h.id for h in page.hits] == ["t:3", "t:2"]


def test_the_fast_folding_path_equals_folding_character_by_character():
    rng = random.Random(3)
    alphabet = (
        "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ áàảãạấầẩẫậéèẻẽẹốồổỗộớờởỡợúùủũụứừửữựíìỉĩị"
        "ýỳỷỹỵ0123456789-/.,;:'\"()[]ÆæØøßÇçÑñ"
    )
    for _ in range(500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        assert syllables(text) == fold(text).split(), text
        decomposed = unicodedata.normalize("NFD", text)
        assert syllables(decomposed) == fold(decomposed).split(), text
    assert syllables("Привет ĐÀ NẴNG") == ["привет", "da", "nang"]


def test_tsvector_literals_keep_postgresql_limits():
    many = ["so"] * (MAX_POSITIONS + 50) + ["x" * 3000, "dan"]
    literal = tsvector_literal([(many, "A")])
    assert literal.count(",") == MAX_POSITIONS - 1 and "xxx" not in literal
    assert literal.endswith(f"'dan':{MAX_POSITIONS + 52}A")


def test_tsvector_literals_past_the_last_position_sit_at_it():
    tokens = ["a", "b"] * 9_000  # 18,000 positions, past PostgreSQL's 16,383
    literal = tsvector_literal([(tokens[:10], "A"), (tokens[10:] + ["tail"], "")])
    assert literal.startswith("'a':1A,3A") and literal.endswith(f"'tail':{MAX_POSITION}")
    assert literal.count(",") == 2 * (MAX_POSITIONS - 1)


def test_written_rows_keep_tabs_line_breaks_backslashes_and_come_back_nfc(index):
    """Rows reach PostgreSQL through COPY and SQLite through INSERT: what is written
    reads back the same, control characters of the COPY format and all, in NFC."""
    engine, conn = index
    decomposed = unicodedata.normalize("NFD", "Kế hoạch đầu tư")
    title = decomposed + "\tcột\\một\r\nhai \\N"
    body = "Dòng một\nDòng\thai \\N \\. \\\\ kết thúc"
    doc = SearchDocument(
        id="tab\tid",
        type="dataset",
        title=title,
        body=body,
        modified=T0,
        organization="so-tai-chinh",
        themes=("ECON",),
        numbers=("47/2020/NĐ-CP",),
        url="https://example.org/a\\b",
    )
    assert engine.index(conn, [doc]) == 1
    [hit] = engine.query(conn, SearchQuery(text="kế hoạch đầu tư")).hits
    assert (hit.id, hit.url) == ("tab\tid", "https://example.org/a\\b")
    assert hit.title == unicodedata.normalize("NFC", title)
    stored = conn.exec_driver_sql("SELECT body FROM search_document").scalar_one()
    assert stored == body
    [first] = engine.query(conn, SearchQuery(text="47/2020/ND-CP")).hits
    assert first.id == "tab\tid"


def test_the_gil_is_handed_over_sooner_while_batches_are_prepared_and_restored_after(
    index, monkeypatch
):
    engine, conn = index
    before, seen = sys.getswitchinterval(), []
    real = database.prepare
    monkeypatch.setattr(database, "BATCH", 5)
    monkeypatch.setattr(
        database, "prepare", lambda *a: (seen.append(sys.getswitchinterval()), real(*a))[1]
    )
    assert engine.index(conn, _docs(12)) == 12
    assert seen[0] == before and set(seen[1:]) == {min(HANDOFF_SECONDS, before)}
    assert sys.getswitchinterval() == before and gc.isenabled()


def test_the_collector_is_paused_while_queries_walk_and_restored_after():
    assert gc.isenabled()
    with gc_paused():
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer walk is not done yet
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()  # left as it was found
    finally:
        gc.enable()
