"""The quality endpoints, the refresh of stored scores and ``hub quality check``."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from hub.cli import main
from hub.datasets import service
from hub.net.linkcheck import LinkResult
from hub.quality.links import record_results
from hub.quality.models import QualityScore
from hub.quality.service import refresh_scores
from tests.factories import ADMIN, OrganizationFactory
from tests.quality.conftest import FULL

BASE = "http://hub.test"


def test_dataset_quality(client, make_dataset):
    dataset = make_dataset(files=1, **FULL)
    response = client.get(f"/api/v1/datasets/{dataset.slug}/quality")
    assert response.status_code == 200
    body = response.get_json()
    assert body["total"] == 405.0 and body["max"] == 405 and body["rating"] == "excellent"
    assert body["stars"] == 3 and body["dataset"] == dataset.slug
    assert body["url"] == f"{BASE}/api/v1/datasets/{dataset.id}/quality"
    assert body["dataset_url"] == f"{BASE}/api/v1/datasets/{dataset.id}"
    assert set(body["dimensions"]) == {
        "findability",
        "accessibility",
        "interoperability",
        "reusability",
        "contextuality",
    }
    assert body["indicators"]["keywords"] == {
        "dimension": "findability",
        "points": 30.0,
        "max": 30,
        "rule": "met",
        "met": True,
    }
    assert body["suggestions"] == []  # nothing missed
    assert datetime.fromisoformat(body["computed_at"]).tzinfo is not None
    by_id = client.get(f"/api/v1/datasets/{dataset.id}/quality").get_json()
    assert by_id["total"] == body["total"]


def test_unknown_or_invisible_dataset_is_404(client, make_dataset, token):
    draft = make_dataset(state="draft")
    for ref in ("no-such-dataset", str(draft.id), draft.slug):
        response = client.get(f"/api/v1/datasets/{ref}/quality")
        assert response.status_code == 404
        assert response.mimetype == "application/problem+json"
    # Its organization's publisher sees it.
    member = token("publisher", draft.organization.slug)
    assert client.get(f"/api/v1/datasets/{draft.slug}/quality", headers=member).status_code == 200


def test_the_endpoint_never_fetches(client, session, make_dataset, server):
    url = server.url("/ok")
    dataset = make_dataset(links=[(url, "CSV")], **FULL)
    body = client.get(f"/api/v1/datasets/{dataset.slug}/quality").get_json()
    access = body["indicators"]["access_url_status"]
    assert access["checked_at"] == "not_checked" and access["points"] == 0
    assert body["links"] == [
        {"url": url, "ok": False, "status": None, "error": None, "checked_at": "not_checked"}
    ]
    assert any(s["indicator"] == "access_url_status" for s in body["suggestions"])
    at = datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC)
    record_results(session, [LinkResult(url, 200, None, None, 3, at)])
    body = client.get(f"/api/v1/datasets/{dataset.slug}/quality").get_json()
    access = body["indicators"]["access_url_status"]
    assert access["checked_at"] == at.isoformat() and access["points"] == 50
    assert server.hits == {}


def test_bad_parameters_are_400(client):
    for query in ("limit=abc", "limit=-1", "limit=0", "limit=1001", "cursor=forged", "x=1"):
        response = client.get(f"/api/v1/quality?{query}")
        assert response.status_code == 400, query
        assert response.mimetype == "application/problem+json"
    assert client.get("/api/v1/datasets/x/quality?limit=1").status_code == 404
    assert client.get("/api/v1/datasets/x/quality?unknown=1").status_code == 400


def test_ranking(client, session, make_dataset):
    good = OrganizationFactory(session=session, slug="so-tot")
    poor = OrganizationFactory(session=session, slug="so-chua-tot")
    middle = OrganizationFactory(session=session, slug="so-trung-binh")
    make_dataset(organization=good, files=1, **FULL)
    make_dataset(organization=good, files=1, **FULL)
    make_dataset(organization=middle, files=1, **FULL)
    make_dataset(organization=middle, content_type="other", themes=[], keywords=[])
    make_dataset(organization=poor, content_type="other", themes=[], keywords=[])
    make_dataset(organization=poor, state="draft", files=1, **FULL)  # not published
    empty = client.get("/api/v1/quality").get_json()
    assert empty["data"] == [] and empty["catalog"]["datasets"] == 0
    run = refresh_scores(session, BASE)
    assert (run.published, run.scored) == (5, 5)
    body = client.get("/api/v1/quality?count=true").get_json()
    assert [item["organization"]["slug"] for item in body["data"]] == [
        "so-tot",
        "so-trung-binh",
        "so-chua-tot",
    ]
    assert [item["rank"] for item in body["data"]] == [1, 2, 3] and body["count"] == 3
    top = body["data"][0]
    assert top["datasets"] == 2 and top["average"] == 405.0 and top["rating"] == "excellent"
    assert top["ratings"] == {"excellent": 1.0, "good": 0.0, "sufficient": 0.0, "bad": 0.0}
    assert body["data"][1]["ratings"]["bad"] == 0.5
    catalog = body["catalog"]
    assert catalog["datasets"] == 5
    assert catalog["scored_at"]["from"] <= catalog["scored_at"]["to"]
    # Pages follow the list conventions.
    first = client.get("/api/v1/quality?limit=2").get_json()
    assert len(first["data"]) == 2 and first["next"]
    rest = client.get(first["next"].replace(BASE, "")).get_json()
    assert [i["organization"]["slug"] for i in rest["data"]] == ["so-chua-tot"]
    assert rest["data"][0]["rank"] == 3 and rest["next"] is None


def test_refresh_only_what_changed(session, make_dataset, server):
    dataset = make_dataset(links=[(server.url("/ok"), "CSV")], **FULL)
    other = make_dataset(files=1, **FULL)
    assert refresh_scores(session, BASE).scored == 2
    assert refresh_scores(session, BASE).scored == 0
    service.update_dataset(session, ADMIN, other.id, {"spatial": None}, partial=True)
    assert refresh_scores(session, BASE).scored == 1
    record_results(session, [LinkResult(server.url("/ok"), 200, None, None, 1, _later())])
    assert refresh_scores(session, BASE).scored == 1  # a newer link result
    row = session.get(QualityScore, dataset.id)
    assert row.indicators["access_url_status"]["points"] == 50
    assert refresh_scores(session, BASE, everything=True).scored == 2
    service.transition(session, ADMIN, other.id, "withdraw", reason="Dữ liệu cần sửa lại")
    run = refresh_scores(session, BASE)
    assert (run.published, run.scored, run.removed) == (1, 0, 1)
    assert session.scalars(select(QualityScore.dataset_id)).all() == [dataset.id]


def _later() -> datetime:
    return datetime.now(UTC)


@pytest.fixture
def hub(app):
    runner = app.test_cli_runner()
    return lambda *args: runner.invoke(main, list(args))


def test_cli_quality_check(hub, app, session, make_dataset, server):
    make_dataset(links=[(server.url("/ok"), "CSV"), (server.url("/missing"), "CSV")], **FULL)
    app.config["HUB_HARVEST_ALLOWED_NETWORKS"] = "127.0.0.0/8"
    try:
        result = hub("quality", "check", "--max-age", "1", "--workers", "2")
    finally:
        app.config["HUB_HARVEST_ALLOWED_NETWORKS"] = ""
    assert result.exit_code == 0, result.output
    assert "Links: 2 of 2 URLs checked, 1 ok, 1 failed" in result.output
    assert "Scores: 1 of 1 published datasets scored" in result.output
    assert server.hits == {"/ok": 1, "/missing": 1}
    again = hub("quality", "check", "--no-links")
    assert "Links:" not in again.output and "Scores: 0 of 1" in again.output
    app.config["HUB_HARVEST_ALLOWED_NETWORKS"] = "not a network"
    try:
        bad = hub("quality", "check", "--max-age", "0")
    finally:
        app.config["HUB_HARVEST_ALLOWED_NETWORKS"] = ""
    assert bad.exit_code == 1 and "Error: HUB_HARVEST_ALLOWED_NETWORKS" in bad.output
