"""The ``datajson`` backend: the hub's own ``/data.json`` and scripted documents over HTTP."""

from __future__ import annotations

import json

import pytest

from hub.datasets import distributions, service
from hub.datasets.workflow import STEPS_TO
from hub.harvesters import registry
from hub.harvesters.base import GatherFailed, ItemFailed
from tests.factories import ADMIN, DatasetFactory, OrganizationFactory
from tests.harvesters.catalog_servers import Reply, assert_loads, context, serve_app, serve_routes

JSON = "application/json"


def _gather(url: str, config=None):
    ctx = context("datajson", url, config)
    return ctx, list(registry.backend("datajson").gather(ctx))


def test_the_hubs_own_data_json(app, session):
    org = OrganizationFactory(session=session, email="so@example.org")
    dataset = DatasetFactory(
        session=session,
        organization=org,
        licence="ODbL-1.0",
        themes=["ENVI", "SOCI"],
        keywords=["môi trường", "dân số"],
        temporal_start="2020-01-01",
        temporal_end="2024-12-31",
        spatial="Tỉnh Quảng Trị",
        contact_name="Phòng Môi trường",
        contact_email="moitruong@example.org",
        frequency="MONTHLY",
        landing_page="https://so.example.org/moi-truong",
        description_vi="Mô tả",
    )
    link = {"title_vi": "Tệp CSV", "url": "https://x.example/a.csv", "format": "CSV"}
    distributions.add_link(session, ADMIN, dataset.id, link)
    for action in STEPS_TO["published"]:
        service.transition(session, ADMIN, dataset.id, action)
    DatasetFactory(session=session, organization=org)  # a draft: not listed
    title, slug = dataset.title_vi, dataset.slug
    session.close()  # nothing of this thread's stays open while the server reads
    with serve_app(app) as url:
        ctx, items = _gather(f"{url}/data.json", {"content_type": "statistics"})
        assert len(items) == 1 and items[0].title == title
        assert items[0].remote_id.endswith(f"/dataset/{slug}")
        assert items[0].modified is not None
        mapped = registry.backend("datajson").map_item(ctx, items[0])
    loaded = assert_loads(mapped)
    expected = {
        "title_vi": title,
        "description_vi": "Mô tả",
        "content_type": "statistics",
        "licence": "ODbL-1.0",
        "themes": ["ENVI", "SOCI"],
        "keywords": ["môi trường", "dân số"],
        "spatial": "Tỉnh Quảng Trị",
        "contact_name": "Phòng Môi trường",
        "contact_email": "moitruong@example.org",
        "frequency": "MONTHLY",
        "landing_page": "https://so.example.org/moi-truong",
        "access_rights": "PUBLIC",
    }
    assert {k: loaded[k] for k in expected} == expected
    assert str(loaded["temporal_start"]) == "2020-01-01"
    assert str(loaded["temporal_end"]) == "2024-12-31"
    assert [(d["title_vi"], d["url"], d["format"]) for d in mapped.distributions] == [
        ("Tệp CSV", "https://x.example/a.csv", "CSV")
    ]
    assert ctx.notes == []


def test_malformed_entries_fail_alone():
    document = {
        "dataset": [
            {
                "identifier": "ok",
                "title": "Tốt",
                "keyword": ["a"],
                "modified": "2025-01-02",
                "license": "https://example.org/my-licence",
                "temporal": "2020-01-01/..",
                "distribution": [
                    {"accessURL": "https://x.example/api", "format": "API"},
                    {"downloadURL": "javascript:alert(1)"},
                ],
            },
            {"identifier": "no-title", "keyword": ["a"]},
            {"identifier": "bad-keywords", "title": "T", "keyword": {"a": 1}},
            {"identifier": "bad-dists", "title": "T", "distribution": "x"},
            "not an object",
            {"title": "no identifier"},
            {"identifier": "ok", "title": "a repeat"},
        ]
    }
    with serve_routes({"/data.json": Reply(json.dumps(document), JSON)}) as server:
        ctx, items = _gather(f"{server.base}/data.json")
    assert [i.remote_id for i in items] == ["ok", "no-title", "bad-keywords", "bad-dists"]
    backend = registry.backend("datajson")
    loaded = assert_loads(backend.map_item(ctx, items[0]))
    assert loaded["licence"] == "CC-BY-4.0" and str(loaded["temporal_start"]) == "2020-01-01"
    assert items[0].modified.year == 2025
    for item in items[1:]:
        with pytest.raises(ItemFailed):
            backend.map_item(ctx, item)
    assert any("licence" in n for n in ctx.notes) and any("javascript:" in n for n in ctx.notes)


@pytest.mark.parametrize(
    "body", ["<html>not json</html>", '{"title": "no dataset"}', '{"dataset": {}}', "[1, 2]"]
)
def test_not_a_data_json_is_gather_failed(body):
    with serve_routes({"/data.json": Reply(body, JSON)}) as server:
        with pytest.raises(GatherFailed):
            _gather(f"{server.base}/data.json")


def test_unreachable_is_gather_failed():
    with serve_routes({}) as server:
        with pytest.raises(GatherFailed, match="404"):
            _gather(f"{server.base}/data.json")
