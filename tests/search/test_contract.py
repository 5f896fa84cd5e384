"""The search contract: every backend passes the same suite, on both databases."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime, timedelta

import pytest

from hub.search.base import SearchDocument, SearchQuery
from hub.search.database import DatabaseBackend

T0 = datetime(2025, 11, 1, 8, 0, tzinfo=UTC)


def _make(name, tmp_path):
    if name == "database":
        return DatabaseBackend()
    from hub.search.whoosh_backend import WhooshBackend

    return WhooshBackend(str(tmp_path / "whoosh"))


@pytest.fixture(params=["database", "whoosh"])
def engine(request, session, tmp_path):
    """(backend, conn): the test database's transaction; whoosh keeps its own folder."""
    backend = _make(request.param, tmp_path)
    conn = session.connection()
    backend.clear(conn)
    yield backend, conn
    session.rollback()


def doc(n: int, title: str, body: str = "", days: int = 0, **more) -> SearchDocument:
    return SearchDocument(
        id=f"dataset:{n}",
        type=more.pop("type", "dataset"),
        title=title,
        body=body,
        url=f"/d/{n}",
        modified=T0 + timedelta(days=days),
        organization=more.pop("organization", "so-tai-chinh"),
        **more,
    )


def ask(engine, text="", **kwargs):
    backend, conn = engine
    return backend.query(conn, SearchQuery(text=text, **kwargs))


def ids(result) -> list[str]:
    return [hit.id for hit in result.hits]


def load(engine, *docs):
    backend, conn = engine
    assert backend.index(conn, docs) == len(docs)


@pytest.mark.parametrize(
    "written",
    ["ngan sach", "ngân sách", "NGÂN SÁCH", "Ngân Sách", unicodedata.normalize("NFD", "ngân sách")],
)
def test_folded_queries_match_whatever_the_writing(engine, written):
    load(engine, doc(1, "Công khai ngân sách nhà nước năm 2025"), doc(2, "Dân số trung bình"))
    assert ids(ask(engine, written)) == ["dataset:1"]


def test_d_with_stroke_folds_both_ways(engine):
    load(engine, doc(1, "Đề án chuyển đổi số"), doc(2, "Dự án giao thông"))
    assert ids(ask(engine, "de an chuyen doi so")) == ["dataset:1"]
    assert ids(ask(engine, "ĐỀ ÁN"))[0] == "dataset:1"


def test_syllables_together_rank_above_syllables_apart(engine):
    load(
        engine,
        doc(1, "Số liệu về các dân tộc thiểu số", days=5),  # dân ... số apart, newer
        doc(2, "Dân số trung bình theo xã", days=1),
    )
    assert ids(ask(engine, "dân số")) == ["dataset:2", "dataset:1"]
    assert ids(ask(engine, '"dân số"')) == ["dataset:2"]


def test_a_document_number_finds_that_document_first(engine):
    load(
        engine,
        doc(1, "Báo cáo năm 2020 về 47 chỉ tiêu của CP", body="47 2020 nd cp", days=9),
        doc(2, "Nghị định về quản lý dữ liệu số", numbers=("47/2020/NĐ-CP",), days=1),
    )
    for written in ("47/2020/NĐ-CP", "47/2020/ND-CP", "Nghị định số 47/2020/nd-cp"):
        assert ids(ask(engine, written))[0] == "dataset:2", written


def test_stop_words_do_not_drown_the_ranking(engine):
    load(
        engine,
        doc(1, "Của và các là có được cho trong với những", days=9),
        doc(2, "Quyết toán ngân sách tỉnh", days=1),
    )
    assert ids(ask(engine, "quyết toán của ngân sách")) == ["dataset:2"]


def test_title_weighs_more_than_body_and_recency_breaks_ties(engine):
    load(
        engine,
        doc(1, "Báo cáo tổng hợp", body="Ngân sách xã", days=9),
        doc(2, "Ngân sách xã Tân Phú", body="Báo cáo", days=1),
        doc(3, "Ngân sách xã Tân Phú", body="Báo cáo", days=3),
    )
    assert ids(ask(engine, "ngân sách xã")) == ["dataset:3", "dataset:2", "dataset:1"]
    assert ids(ask(engine, "ngân sách xã", sort="newest")) == [
        "dataset:1",
        "dataset:3",
        "dataset:2",
    ]


def test_empty_query_returns_everything_newest_first_with_paging(engine):
    load(engine, *(doc(i, f"Bộ dữ liệu {i}", days=i) for i in range(7)))
    result = ask(engine, "", limit=3)
    assert result.total == 7 and ids(result) == ["dataset:6", "dataset:5", "dataset:4"]
    assert ids(ask(engine, "", limit=3, offset=3)) == ["dataset:3", "dataset:2", "dataset:1"]
    assert ids(ask(engine, "   ", limit=3, offset=6)) == ["dataset:0"]


def test_filters_and_across_facets_or_within_and_facet_counts(engine):
    load(
        engine,
        doc(1, "Thu chi ngân sách", organization="so-tai-chinh", themes=("ECON",), year=2024),
        doc(2, "Ngân sách giáo dục", organization="so-giao-duc", themes=("EDUC", "ECON")),
        doc(3, "Ngân sách y tế", organization="so-y-te", themes=("HEAL",), year=2024),
        doc(4, "Dân số", organization="so-y-te", themes=("SOCI",), year=2024),
    )
    result = ask(
        engine,
        "ngân sách",
        filters={"organization": ("so-tai-chinh", "so-y-te"), "year": ("2024",)},
        facets=("organization", "theme", "year"),
    )
    assert sorted(ids(result)) == ["dataset:1", "dataset:3"] and result.total == 2
    organizations = dict(result.facets["organization"].values)
    # Its own filter left out: other organizations stay choosable.
    assert organizations == {"so-tai-chinh": 1, "so-y-te": 1}
    themes = dict(result.facets["theme"].values)
    assert themes == {"ECON": 1, "HEAL": 1}
    assert result.facets["year"].values == [("2024", 2)]
    assert not result.facets["theme"].timed_out
    everything = ask(engine, "", facets=("organization",))
    assert everything.facets["organization"].values[0] == ("so-y-te", 2)


@pytest.mark.parametrize(
    "hostile",
    [
        '"',
        '"ngân sách',
        "*",
        "ngân*",
        "NEAR(ngân sách)",
        "title:ngân",
        "(ngân OR",
        "-ngân",
        "AND OR NOT",
        "^ $ ' ; -- /* */",
        "ngân sách " * 1000,
        "\u0000\u0001",
    ],
)
def test_engine_syntax_in_queries_never_fails(engine, hostile):
    load(engine, doc(1, "Ngân sách nhà nước"))
    result = ask(engine, hostile)
    assert result.total >= 0


def test_snippets_mark_matches_and_are_safe_for_html(engine):
    load(engine, doc(1, "Ngân sách <script>alert(1)</script>", body="Dự toán ngân sách & chi"))
    [hit] = ask(engine, "ngân sách").hits
    assert "<mark>Ngân</mark> <mark>sách</mark>" in hit.title_html
    assert "<script>" not in hit.title_html and "&lt;script&gt;" in hit.title_html
    assert "<mark>ngân</mark>" in hit.snippet and "&amp;" in hit.snippet


def test_suggest_titles_and_numbers_by_prefix(engine):
    backend, conn = engine
    load(
        engine,
        doc(1, "Ngân sách nhà nước", days=1),
        doc(2, "Ngân hàng chính sách", days=2),
        doc(3, "Nghị định quản lý dữ liệu", numbers=("47/2020/NĐ-CP",)),
    )
    titles = [s.text for s in backend.suggest(conn, "ngân s")]
    assert titles == ["Ngân sách nhà nước"]
    assert {s.text for s in backend.suggest(conn, "NGAN")} == {
        "Ngân sách nhà nước",
        "Ngân hàng chính sách",
    }
    assert [s.text for s in backend.suggest(conn, "47/20")] == ["47/2020/NĐ-CP"]
    assert backend.suggest(conn, "") == [] and backend.suggest(conn, '"*(') == []


def test_reindexing_replaces_and_removal_forgets(engine):
    backend, conn = engine
    owner = "00000000-0000-0000-0000-0000000000d2"
    load(engine, doc(1, "Ngân sách cũ"), doc(2, "Dân số", dataset_id=owner), doc(3, "Lao động"))
    load(engine, doc(1, "Dự toán mới"))
    assert ids(ask(engine, "ngân sách")) == [] and ids(ask(engine, "dự toán")) == ["dataset:1"]
    backend.remove(conn, ["dataset:1"])
    backend.remove_dataset(conn, owner)
    assert ids(ask(engine, "")) == ["dataset:3"]
