"""Search over HTTP with the default backend: it follows every write in its transaction."""

from __future__ import annotations

import io
from urllib.parse import quote

import pytest

from hub.cli import main
from hub.records import service as records
from hub.records.query import QueryTimeout
from hub.search import database
from tests.factories import ADMIN, DatasetFactory, OrganizationFactory
from tests.legal.conftest import doc, legal_csv


def _search(client, query: str = "", **params):
    url = f"/api/v1/search?q={quote(query)}"
    for name, value in params.items():
        url += f"&{name}={quote(str(value))}"
    response = client.get(url)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def _titles(body) -> list[str]:
    return [hit["title"] for hit in body["data"]]


def test_a_dataset_is_found_in_the_response_after_the_request_that_published_it(
    client, session, token
):
    org = OrganizationFactory(session=session)
    editor = token("admin")
    created = client.post(
        "/api/v1/datasets",
        json={
            "title_vi": "Công khai ngân sách xã Tân Phú năm 2025",
            "organization": org.slug,
            "content_type": "budget",
        },
        headers=editor,
    ).get_json()
    assert _search(client, "ngan sach tan phu")["total"] == 0  # a draft is not public
    for action in ("submit", "approve"):
        url = f"/api/v1/datasets/{created['id']}/{action}"
        assert client.post(url, json={}, headers=editor).status_code == 200
    body = _search(client, "NGÂN SÁCH Tân Phú")
    assert _titles(body) == ["Công khai ngân sách xã Tân Phú năm 2025"]
    hit = body["data"][0]
    assert (
        hit["type"] == "dataset"
        and hit["url"] == f"http://hub.test/api/v1/datasets/{created['slug']}"
    )
    assert "<mark>ngân</mark>" in hit["title_html"]
    reason = {"reason": "Số liệu cần rà soát lại."}
    client.post(f"/api/v1/datasets/{created['id']}/withdraw", json=reason, headers=editor)
    assert _search(client, "ngân sách tân phú")["total"] == 0


def _load(session, dataset, content: str, name: str = "x.csv", **options):
    data = io.BytesIO(content.encode("utf-8"))
    return records.import_records(session, ADMIN, dataset.id, data, name, **options)


def test_legal_documents_and_news_are_searchable_with_facets(client, session):
    org = OrganizationFactory(session=session)
    legal = DatasetFactory(
        session=session, organization=org, state="published", content_type="legal_document"
    )
    rows = [
        doc("47/2020/NĐ-CP", "Quản lý, kết nối và chia sẻ dữ liệu số", ISSUED="09/04/2020"),
        doc("43/2011/NĐ-CP", "Cung cấp thông tin trên cổng", "expired", ISSUED="13/06/2011"),
    ]
    _load(session, legal, legal_csv(rows))
    news = DatasetFactory(
        session=session, organization=org, state="published", content_type="portal_content"
    )
    _load(
        session,
        news,
        "ID,TITLE,BODY,PUBLISHED\n"
        "a1,Hội nghị chia sẻ dữ liệu số,<p>Các sở chia sẻ <b>dữ liệu</b></p>,01/11/2025 08:00\n",
        record_type="article",
    )
    first = _search(client, "Nghị định số 47/2020/ND-CP")["data"][0]
    assert first["type"] == "legal_document" and first["title"].startswith("47/2020/NĐ-CP")
    body = _search(client, "chia sẻ dữ liệu", facets="type,status,year")
    assert {hit["type"] for hit in body["data"]} == {"legal_document", "article"}
    types = {v["value"]: v["count"] for v in body["facets"]["type"]["values"]}
    assert types == {"legal_document": 1, "article": 1}
    assert body["facets"]["year"]["values"][0]["count"] == 1
    expired = _search(client, "", type="legal_document", status="expired")
    assert _titles(expired) == ["43/2011/NĐ-CP: Cung cấp thông tin trên cổng"]
    either = client.get("/api/v1/search?type=article&type=legal_document").get_json()
    assert either["total"] == 3
    _load(session, news, "ID,TITLE,PUBLISHED\na2,Tin mới về giao thông,02/11/2025\n")
    assert _search(client, "hội nghị")["total"] == 0 and _search(client, "giao thông")["total"]


def test_paging_with_next_links(client, session):
    org = OrganizationFactory(session=session)
    for _ in range(5):
        DatasetFactory(session=session, organization=org, state="published")
    first = _search(client, "bộ dữ liệu", limit=2)
    assert first["total"] == 5 and len(first["data"]) == 2
    second = client.get(first["next"].replace("http://hub.test", "")).get_json()
    third = client.get(second["next"].replace("http://hub.test", "")).get_json()
    seen = [h["id"] for page in (first, second, third) for h in page["data"]]
    assert len(set(seen)) == 5 and third["next"] is None


@pytest.mark.parametrize(
    "query, name",
    [
        ("facets=organization,colour", "facets"),
        ("sort=popular", "sort"),
        ("limit=1000", "limit"),
        ("offset=-1", "offset"),
        ("offset=20000", "offset"),
        ("colour=red", "colour"),
        ("organization=%00", "organization"),
    ],
)
def test_bad_parameters_are_a_clean_400(client, query, name):
    response = client.get(f"/api/v1/search?{query}")
    assert response.status_code == 400
    assert response.get_json()["errors"][0]["field"] == name


@pytest.mark.parametrize(
    "hostile", ['"', "*", "NEAR(a b)", "a:b", "(", "-x", "\u0000", "đ" * 10_000, "' OR 1=1 --"]
)
def test_hostile_queries_answer_200(client, session, hostile):
    DatasetFactory(session=session, organization=OrganizationFactory(session=session))
    response = client.get(f"/api/v1/search?q={quote(hostile)}&facets=organization")
    assert response.status_code == 200


def test_a_facet_over_its_budget_is_reported_not_failed(client, session, monkeypatch):
    DatasetFactory(
        session=session, state="published", organization=OrganizationFactory(session=session)
    )

    class Late:
        def __init__(self, *_args):
            pass

        def __enter__(self):
            raise QueryTimeout("too slow")

        def __exit__(self, *_args):
            return False

    monkeypatch.setattr(database, "time_budget", Late)
    body = _search(client, "", facets="organization,theme")
    assert body["total"] == 1 and body["facets"]["theme"] == {"values": [], "timed_out": True}


def test_suggestions_while_typing(client, session):
    org = OrganizationFactory(session=session)
    DatasetFactory(
        session=session, organization=org, state="published", title_vi="Ngân sách nhà nước 2025"
    )
    body = client.get(f"/api/v1/search/suggest?q={quote('ngân s')}").get_json()
    assert [s["text"] for s in body["data"]] == ["Ngân sách nhà nước 2025"]
    assert client.get("/api/v1/search/suggest?q=").get_json() == {"data": []}
    assert client.get("/api/v1/search/suggest?q=a&limit=99").status_code == 400


def test_reindex_from_the_console(app, client, session):
    org = OrganizationFactory(session=session)
    DatasetFactory(session=session, organization=org, state="published", title_vi="Dân số 2024")
    session.commit()
    result = app.test_cli_runner().invoke(main, ["search", "reindex"])
    assert result.exit_code == 0, result.output
    assert "1 documents indexed (database)." in result.output
    assert _titles(_search(client, "dan so")) == ["Dân số 2024"]


def test_init_rebuilds_an_index_a_migration_emptied(app, client, session):
    org = OrganizationFactory(session=session)
    DatasetFactory(session=session, organization=org, state="published", title_vi="Đất đai 2024")
    session.commit()
    runner = app.test_cli_runner()
    assert "rebuilt" not in runner.invoke(main, ["init"]).output  # nothing missing
    database.DatabaseBackend().clear(session.connection())
    session.commit()
    assert _search(client, "dat dai")["total"] == 0
    result = runner.invoke(main, ["init"])
    assert result.exit_code == 0, result.output
    assert "Search index rebuilt: 1 documents." in result.output
    assert _titles(_search(client, "đất đai")) == ["Đất đai 2024"]


def test_renaming_an_organization_moves_its_documents_to_the_new_slug(client, session, admin):
    from hub.datasets import organizations

    org = OrganizationFactory(session=session, slug="so-cu")
    DatasetFactory(session=session, organization=org, state="published", title_vi="Dân số 2024")
    session.commit()
    assert _search(client, "dan so", organization="so-cu")["total"] == 1
    organizations.update_organization(session, admin, "so-cu", {"slug": "so-moi"})
    session.commit()
    assert _search(client, "dan so", organization="so-cu")["total"] == 0
    assert _titles(_search(client, "dan so", organization="so-moi")) == ["Dân số 2024"]


def test_suggestions_with_control_characters_answer(client, session):
    OrganizationFactory(session=session)
    for raw in ("6ã~h=\x00", "\x00", "ngân\x01sách", "47/20\x00"):
        response = client.get(f"/api/v1/search/suggest?q={quote(raw)}")
        assert response.status_code == 200, raw
