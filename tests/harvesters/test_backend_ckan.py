"""The ``ckan`` backend against another hub's CKAN API over real HTTP, through ckanapi."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from hub.datasets import distributions, service
from hub.datasets.workflow import STEPS_TO
from hub.harvesters import registry
from hub.harvesters.backends._ckan_map import map_package
from hub.harvesters.base import ItemFailed, RemoteItem
from hub.text import nfc
from tests.factories import ADMIN, DatasetFactory, OrganizationFactory
from tests.harvesters.catalog_servers import Reply, assert_loads, context, serve_app, serve_routes

FULL = {
    "title_vi": "Danh sách trường học năm 2024",
    "title_en": "Schools in 2024",
    "description_vi": "Mô tả tiếng Việt của bộ dữ liệu",
    "description_en": "English description",
    "content_type": "statistics",
    "themes": ["EDUC", "SOCI"],
    "keywords": ["trường học", "giáo dục"],
    "licence": "CC0-1.0",
    "frequency": "ANNUAL",
    "temporal_start": "2024-01-01",
    "temporal_end": "2024-12-31",
    "spatial": "Tỉnh Quảng Trị",
    "contact_name": "Phòng Thống kê",
    "contact_email": "thongke@example.org",
    "contact_phone": "0233 3852 123",
    "legal_basis": ["47/2020/NĐ-CP"],
    "citation": "Nguồn: Sở Giáo dục",
    "landing_page": "https://so-gd.example.org/truong-hoc",
    "version": "2.1",
    "language": ["vi", "en"],
}


def _publish(session, dataset) -> None:
    for action in STEPS_TO["published"]:
        service.transition(session, ADMIN, dataset.id, action)


def _set_modified(session, dataset, when: datetime) -> None:
    dataset.metadata_modified = when
    session.commit()


@pytest.fixture
def org(session):
    return OrganizationFactory(session=session, slug="so-giao-duc", title_vi="Sở Giáo dục")


def test_round_trip_keeps_every_field(app, session, org):
    dataset = DatasetFactory(session=session, organization=org, **FULL)
    distributions.add_link(
        session,
        ADMIN,
        dataset.id,
        {"title_vi": "Tệp CSV", "url": "https://x.example/truong.csv", "format": "CSV"},
    )
    distributions.add_link(
        session,
        ADMIN,
        dataset.id,
        {
            "title_vi": "API trường học",
            "url": "https://x.example/api",
            "kind": "api",
            "description_vi": "Truy vấn",
        },
    )
    _publish(session, dataset)
    DatasetFactory(session=session, organization=org)  # a draft: not listed
    backend = registry.backend("ckan")
    with serve_app(app) as url:
        ctx = context("ckan", url)
        items = list(backend.gather(ctx))
        assert [i.remote_id for i in items] == [str(dataset.id)]
        assert items[0].title == FULL["title_vi"] and items[0].modified is not None
        mapped = backend.map_item(ctx, items[0])
    loaded = assert_loads(mapped)
    for key, value in FULL.items():
        expected = sorted(value) if key == "themes" else value
        got = sorted(loaded[key]) if key == "themes" else loaded[key]
        assert str(got) == str(expected), key
    assert mapped.fields["slug"] == dataset.slug
    assert [
        (d["title_vi"], d["url"], d.get("format"), d["kind"]) for d in mapped.distributions
    ] == [
        ("Tệp CSV", "https://x.example/truong.csv", "CSV", "link"),
        ("API trường học", "https://x.example/api", None, "api"),
    ]
    assert mapped.distributions[1]["kind"] == "api"
    assert mapped.distributions[1]["description_vi"] == "Truy vấn"
    assert ctx.notes == []


def test_paging_with_two_rows_and_a_dataset_added_between_pages(app, session, org):
    published = [
        DatasetFactory(session=session, organization=org, state="published") for _ in range(5)
    ]
    drafts = [DatasetFactory(session=session, organization=org) for _ in range(6)]
    first_two = sorted(str(d.id) for d in published)[:2]
    # Published between pages: the draft with the lowest id shifts the later pages.
    late = min(drafts, key=lambda d: str(d.id))
    backend = registry.backend("ckan")
    with serve_app(app) as url:
        ctx = context("ckan", url, {"rows": 2})
        gathered = backend.gather(ctx)
        ids = [next(gathered).remote_id, next(gathered).remote_id]
        assert ids == first_two
        _publish(session, late)
        ids += [item.remote_id for item in gathered]
    assert len(ids) == len(set(ids))
    assert set(ids) == {str(d.id) for d in published} | {str(late.id)}


def test_incremental_lists_the_others_without_payload(app, session, org):
    old = [DatasetFactory(session=session, organization=org, state="published") for _ in range(3)]
    new = DatasetFactory(session=session, organization=org, state="published")
    long_ago = datetime(2024, 1, 1, tzinfo=UTC)
    for dataset in old:
        _set_modified(session, dataset, long_ago)
    since = datetime.now(UTC) - timedelta(hours=1)
    backend = registry.backend("ckan")
    with serve_app(app) as url:
        ctx = context("ckan", url, {"rows": 2}, since=since)
        items = {i.remote_id: i for i in backend.gather(ctx)}
        assert set(items) == {str(d.id) for d in [*old, new]}
        assert items[str(new.id)].payload is not None
        for dataset in old:
            item = items[str(dataset.id)]
            assert item.payload is None
            assert item.modified == long_ago
        assert_loads(backend.map_item(ctx, items[str(new.id)]))


def test_unreachable_remote_is_gather_failed(app):
    from hub.harvesters.base import GatherFailed

    ctx = context("ckan", "http://127.0.0.1:9")
    with pytest.raises(GatherFailed):
        list(registry.backend("ckan").gather(ctx))


def test_foreign_package_mapping_and_unknown_licence():
    ctx = context("ckan", "https://ckan.example.org", {"content_type": "budget"})
    package = {
        "id": "abc",
        "name": "Not A Slug!",
        "title": "Ngân sa\u0301ch " + "x" * 600,  # decomposed accent, too long
        "notes": "Ghi chú",
        "license_id": "some-custom-licence",
        "tags": [{"name": "ngân sách"}, {"name": "ngân sách"}, {"name": "y" * 150}],
        "groups": [{"name": "econ"}, {"name": "not-a-theme"}],
        "url": "ftp://x.example/",
        "maintainer_email": "not an email",
        "extras": [
            {"key": "spatial", "value": '{"type": "Point", "coordinates": [1, 2]}'},
            {
                "key": "frequency",
                "value": "http://publications.europa.eu/resource/authority/frequency/MONTHLY",
            },
            {"key": "temporal_start", "value": "2025-05-01"},
            {"key": "temporal_end", "value": "2024-01-01"},
        ],
        "resources": [
            {"name": "", "url": "https://x.example/a.xlsx", "format": "XLSX"},
            {"name": "local", "url": "file:///etc/passwd"},
        ],
    }
    mapped = map_package(ctx, package)
    loaded = assert_loads(mapped)
    assert loaded["title_vi"].startswith(nfc("Ngân sách")) and len(loaded["title_vi"]) <= 500
    assert loaded["content_type"] == "budget" and loaded["licence"] == "CC-BY-4.0"
    assert loaded["themes"] == ["ECON"] and loaded["frequency"] == "MONTHLY"
    assert "slug" not in mapped.fields and "landing_page" not in mapped.fields
    assert "spatial" not in mapped.fields and "temporal_end" not in mapped.fields
    assert len(loaded["keywords"]) == 2
    assert [d["title_vi"] for d in mapped.distributions] == ["XLSX"]
    assert any("licence" in n for n in ctx.notes) and any("file:///" in n for n in ctx.notes)
    with pytest.raises(ItemFailed):
        map_package(ctx, {"id": "x", "title": "  "})
    with pytest.raises(ItemFailed):
        registry.backend("ckan").map_item(ctx, RemoteItem("x", payload="nope"))


def test_a_server_that_does_not_advance_stops_and_repeats_are_listed_once():
    page = {"count": 10, "results": [{"id": "a", "title": "A"}, {"id": "b", "title": "B"}]}

    def search(path: str, base: str) -> Reply:  # ignores start: always the same page
        return Reply(json.dumps({"success": True, "result": page}), "application/json")

    with serve_routes({"/api/action/package_search": search}) as server:
        items = list(registry.backend("ckan").gather(context("ckan", server.base, {"rows": 2})))
        assert [i.remote_id for i in items] == ["a", "b"]
        assert len(server.hits) == 2  # the second page had nothing new: the walk stopped


def test_server_errors_are_gather_failed():
    from hub.harvesters.base import GatherFailed

    with serve_routes({"/api/action/package_search": Reply("boom", status=500)}) as server:
        with pytest.raises(GatherFailed, match="package_search"):
            list(registry.backend("ckan").gather(context("ckan", server.base)))
        assert len(server.hits) == 4  # retried by the framework's Remote
