"""Portal content as records: record types, sanitised HTML, rules, feeds, schema.org, English."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta

import feedparser
import pytest
from rdflib import Graph

from hub.errors import Conflict, ValidationFailed
from hub.records import service
from hub.records.service import ImportFailed
from tests.factories import ADMIN, DatasetFactory, OrganizationFactory

BASE = "http://hub.test"


def _csv(header: list[str], rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


@pytest.fixture
def portal(session):
    def make(organization, state: str = "published"):
        return DatasetFactory(
            session=session, organization=organization, state=state, content_type="portal_content"
        )

    return make


@pytest.fixture
def load(session):
    def run(dataset, header, rows, **options):
        data = io.BytesIO(_csv(header, rows))
        return service.import_records(session, ADMIN, dataset.id, data, "x.csv", **options)

    return run


ARTICLE_HEADER = ["ID", "TITLE", "SUMMARY", "BODY", "AUTHOR", "PUBLISHED", "CATEGORY", "IMAGES"]


def _article(n: int, published: str, body: str = "<p>Nội dung</p>") -> list[str]:
    return [
        f"a{n}",
        f"Tin số {n} về Đề án chuyển đổi số",
        f"Tóm tắt {n}",
        body,
        "Phòng Thông tin",
        published,
        "Tin tức",
        f"https://img.example/{n}.jpg",
    ]


def test_portal_content_names_its_record_type_once(session, portal, load):
    dataset = portal(OrganizationFactory(session=session))
    with pytest.raises(ValidationFailed) as missing:
        load(dataset, ARTICLE_HEADER, [_article(1, "01/11/2025 08:00")])
    assert missing.value.errors[0].field == "record_type"
    with pytest.raises(ValidationFailed):
        load(dataset, ARTICLE_HEADER, [], record_type="statistics")
    report = load(dataset, ARTICLE_HEADER, [_article(1, "01/11/2025 08:00")], record_type="article")
    assert report.rows_loaded == 1
    with pytest.raises(Conflict):
        load(dataset, ARTICLE_HEADER, [], record_type="leader")
    again = load(dataset, ARTICLE_HEADER, [_article(2, "2025-11-02T09:30:00+07:00")])
    assert again.rows_loaded == 1


def test_article_html_is_sanitised_on_import(client, session, portal, load):
    dataset = portal(OrganizationFactory(session=session))
    hostile = (
        '<p onclick="steal()">Xin chào<script>alert(1)</script>'
        '<a href="javascript:alert(1)">bấm</a><img src="x.jpg" onerror="y()">'
        '<iframe src="https://evil.example"></iframe><strong>đậm</strong></p>'
    )
    load(dataset, ARTICLE_HEADER, [_article(1, "01/11/2025", hostile)], record_type="article")
    body = client.get(f"/api/v1/datasets/{dataset.slug}/records").get_json()["data"][0]["BODY"]
    for bad in ("script", "onclick", "onerror", "javascript:", "iframe", "alert"):
        assert bad not in body
    assert "<strong>đậm</strong>" in body and "Xin chào" in body


def test_drafts_for_comment_publish_comments_only_after_closing(session, portal, load):
    dataset = portal(OrganizationFactory(session=session))
    header = ["ID", "TITLE", "OPENS", "CLOSES", "COMMENTS_RECEIVED", "COMMENTS_SUMMARY"]
    today = date.today()
    later = (today + timedelta(days=30)).isoformat()
    past = (today - timedelta(days=3)).isoformat()
    start = (today - timedelta(days=40)).isoformat()
    with pytest.raises(ImportFailed) as failed:
        load(
            dataset,
            header,
            [
                ["d1", "Dự thảo A", start, later, "12", ""],
                ["d2", "Dự thảo B", later, start, "", ""],
            ],
            record_type="draft_for_comment",
        )
    problems = {(p["row"], p["column"]) for p in failed.value.report.problems}
    assert problems == {(2, "COMMENTS_RECEIVED"), (3, "CLOSES")}
    report = load(
        dataset,
        header,
        [
            ["d1", "Dự thảo A", start, later, "", ""],
            ["d3", "Dự thảo C", start, past, "7", "Đa số ý kiến đồng tình."],
        ],
        record_type="draft_for_comment",
    )
    assert report.rows_loaded == 2


def test_news_feeds_for_the_province_and_each_organization(client, session, portal, load):
    office = OrganizationFactory(session=session)
    commune = OrganizationFactory(session=session)
    load(
        portal(office),
        ARTICLE_HEADER,
        [_article(1, "01/11/2025 08:00"), _article(2, "03/11/2025 10:15")],
        record_type="article",
    )
    load(portal(commune), ARTICLE_HEADER, [_article(3, "02/11/2025 07:00")], record_type="article")
    hidden = portal(commune, state="draft")
    load(hidden, ARTICLE_HEADER, [_article(9, "04/11/2025 07:00")], record_type="article")
    for fmt in ("rss", "atom"):
        response = client.get(f"/feeds/news.{fmt}")
        assert response.status_code == 200
        parsed = feedparser.parse(response.data)
        assert parsed.bozo == 0, parsed.bozo_exception
        assert [e.title.split(" về")[0] for e in parsed.entries] == [
            "Tin số 2",
            "Tin số 3",
            "Tin số 1",
        ]
        assert parsed.entries[0].published_parsed[:5] == (2025, 11, 3, 3, 15)  # in UTC
        own = client.get(f"/organization/{commune.slug}/news.{fmt}")
        entries = feedparser.parse(own.data).entries
        assert [e.title.split(" về")[0] for e in entries] == ["Tin số 3"]
    assert client.get("/feeds/news.json").status_code == 404
    assert client.get("/organization/nope/news.rss").status_code == 404


def test_schema_org_description_of_portal_records(client, session, portal, load):
    dataset = portal(OrganizationFactory(session=session))
    load(dataset, ARTICLE_HEADER, [_article(1, "01/11/2025 08:00")], record_type="article")
    response = client.get(f"/dataset/{dataset.slug}/schemaorg.jsonld")
    assert response.status_code == 200 and response.mimetype == "application/ld+json"
    document = response.get_json()
    [article] = document["@graph"]
    assert article["@type"] == "NewsArticle" and article["datePublished"].startswith("2025-11-01")
    document["@context"] = {"@vocab": "https://schema.org/"}  # the remote context, inline
    graph = Graph().parse(data=json.dumps(document), format="json-ld")
    types = {str(o) for o in graph.objects() if str(o).startswith("https://schema.org/")}
    assert "https://schema.org/NewsArticle" in types
    listed = client.get(f"/api/v1/datasets/{dataset.id}").get_json()["distributions"]
    assert "schemaorg.jsonld" in {d.get("file_name") for d in listed}


def test_english_coverage_lists_the_gaps(client, session, portal, load):
    complete = OrganizationFactory(session=session, title_en="Department of Justice")
    partial = OrganizationFactory(session=session, title_en="Tan Phu Commune")
    units = ["CODE", "NAME_VI", "NAME_EN", "FUNCTIONS_VI", "FUNCTIONS_EN"]
    contacts = ["ID", "NAME", "POSITION", "POSITION_EN", "UNIT", "UNIT_EN"]
    full_unit = ["VP", "Văn phòng", "Office", "Tham mưu", "Advises"]
    full_contact = ["c1", "Nguyễn Văn An", "Chánh Văn phòng", "Chief", "Văn phòng", "Office"]
    load(portal(complete), units, [full_unit], record_type="org_unit")
    load(portal(complete), contacts, [full_contact], record_type="contact")
    load(
        portal(partial),
        units,
        [["VP", "Văn phòng", "Office", "Tham mưu", ""]],
        record_type="org_unit",
    )
    body = client.get("/api/v1/english-coverage").get_json()
    gaps = {g["organization"]["name"]: g for g in body["data"]}
    assert complete.slug not in gaps
    assert gaps[partial.slug]["missing"] == ["functions", "contacts"]
    assert gaps[partial.slug]["details"]["functions"] == {"records": 1, "lacking": 1}
    assert body["checked"] == body["complete"] + len(body["data"])
