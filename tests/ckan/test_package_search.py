"""package_search as ckanapi and the CKAN harvester call it, over real HTTP."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta

import ckanapi
import pytest

from hub.datasets.models import Dataset, Distribution
from tests.factories import DatasetFactory, OrganizationFactory


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def _distribution(fmt: str, position: int = 0) -> Distribution:
    return Distribution(
        kind="link",
        title_vi=f"Tệp {fmt}",
        url=f"https://x.example/{fmt}",
        format=fmt,
        position=position,
    )


@pytest.fixture
def catalog(session):
    finance = OrganizationFactory(session=session, slug="so-tai-chinh", title_vi="Sở Tài chính")
    health = OrganizationFactory(session=session, slug="so-y-te", title_vi="Sở Y tế")

    def make(title, org, state="published", modified="2025-01-01T00:00:00", **values):
        dataset = DatasetFactory(
            session=session, organization=org, state=state, title_vi=title, **values
        )
        dataset.metadata_modified = _moment(modified)
        dataset.created_at = _moment(modified) - timedelta(days=30)
        return dataset

    found = {
        "budget": make(
            "Công khai ngân sách tỉnh năm 2024",
            finance,
            modified="2024-06-01T00:00:00",
            themes=["ECON"],
            keywords=["ngân sách", "dự toán"],
            licence="CC-BY-4.0",
        ),
        "population": make(
            "Dân số theo đơn vị hành chính",
            health,
            modified="2025-03-01T00:00:00",
            themes=["SOCI"],
            keywords=["dân số"],
            licence="CC0-1.0",
        ),
        "hospitals": make(
            "Danh sách bệnh viện",
            health,
            modified="2025-06-01T00:00:00",
            themes=["HEAL"],
            keywords=["y tế"],
            licence="ODbL-1.0",
        ),
        "health_budget": make(
            "Ngân sách ngành y tế",
            health,
            modified="2025-09-01T12:30:00",
            themes=["ECON", "HEAL"],
            keywords=["ngân sách", "y tế"],
            licence="CC-BY-4.0",
        ),
        "internal": make(
            "Ngân sách nội bộ",
            finance,
            access_rights="NON_PUBLIC",
            themes=["ECON"],
            keywords=["ngân sách"],
        ),
        "draft": make("Dự thảo ngân sách", finance, state="draft", keywords=["ngân sách"]),
        "gone": make("Ngân sách đã xoá", finance, keywords=["ngân sách"]),
    }
    found["budget"].distributions.extend([_distribution("CSV"), _distribution("XLSX", 1)])
    found["population"].distributions.append(_distribution("csv"))
    found["hospitals"].distributions.append(_distribution("JSON"))
    found["health_budget"].distributions.append(_distribution("CSV"))
    session.commit()
    found["gone"].state = "deleted"  # still in the search index: visibility must drop it
    session.commit()
    return {"finance": finance, "health": health, **found}


def _names(result: dict) -> set[str]:
    return {p["name"] for p in result["results"]}


def _slugs(catalog, *keys: str) -> set[str]:
    return {catalog[k].slug for k in keys}


PUBLIC = ("budget", "population", "hospitals", "health_budget")


def test_everything_and_free_text_with_or_without_diacritics(remote, catalog):
    everything = remote.action.package_search()
    assert everything["count"] == 4 and _names(everything) == _slugs(catalog, *PUBLIC)
    assert everything["sort"] == "metadata_modified desc"
    assert remote.action.package_search(q="*:*")["count"] == 4
    for text in ("ngân sách", "ngan sach", "NGAN SACH"):
        found = remote.action.package_search(q=text)
        assert _names(found) == _slugs(catalog, "budget", "health_budget"), text
        assert found["sort"] == "score desc, metadata_modified desc"
        assert found["results"][0]["state"] == "active"
    phrase = remote.action.package_search(q='"benh vien"')
    assert _names(phrase) == _slugs(catalog, "hospitals")
    # field terms inside q filter like fq, the rest is text
    mixed = remote.action.package_search(q="ngan sach organization:so-y-te")
    assert _names(mixed) == _slugs(catalog, "health_budget")
    assert remote.action.package_search(q="khongcotu")["count"] == 0


def test_fq_fields_negation_or_and_quotes(remote, catalog):
    def names(fq: str, **more) -> set[str]:
        return _names(remote.action.package_search(fq=fq, rows=100, **more))

    health = catalog["health"]
    assert names("organization:so-tai-chinh") == _slugs(catalog, "budget")
    assert names("-organization:so-tai-chinh") == _slugs(
        catalog, "population", "hospitals", "health_budget"
    )
    assert names(f"owner_org:{health.id}") == names("organization:so-y-te")
    assert names("owner_org:not-a-uuid") == set()
    assert names("groups:econ") == _slugs(catalog, "budget", "health_budget")
    assert names("groups:(soci OR heal)") == _slugs(
        catalog, "population", "hospitals", "health_budget"
    )
    assert names('tags:"ngân sách"') == _slugs(catalog, "budget", "health_budget")
    assert names("tags:ngân\\ sách") == _slugs(catalog, "budget", "health_budget")
    assert names("res_format:csv") == _slugs(catalog, "budget", "population", "health_budget")
    assert names("res_format:XLSX") == _slugs(catalog, "budget")
    assert names("license_id:cc-by-4.0") == _slugs(catalog, "budget", "health_budget")
    budget = catalog["budget"]
    assert names(f"name:{budget.slug}") == {budget.slug}
    assert names(f"id:{budget.id}") == {budget.slug}
    assert names("type:dataset") == _slugs(catalog, *PUBLIC)
    # what the CKAN harvester sends: OR between terms, ANDed with the next ones
    assert names("organization:so-tai-chinh OR organization:so-y-te -groups:heal") == _slugs(
        catalog, "budget", "population"
    )
    assert names('+organization:so-y-te +tags:"y tế"') == _slugs(
        catalog, "hospitals", "health_budget"
    )
    assert names('(groups:soci OR tags:"y tế") AND NOT res_format:json') == _slugs(
        catalog, "population", "health_budget"
    )
    assert names("organization:so-y-te", fq_list=["groups:econ"]) == _slugs(
        catalog, "health_budget"
    )


def test_date_ranges(remote, catalog):
    def names(fq: str) -> set[str]:
        return _names(remote.action.package_search(fq=fq, rows=100))

    assert names("metadata_modified:[2025-01-01T00:00:00Z TO *]") == _slugs(
        catalog, "population", "hospitals", "health_budget"
    )
    assert names("metadata_modified:[* TO 2025-03-01T00:00:00Z]") == _slugs(
        catalog, "budget", "population"
    )
    assert names("metadata_modified:{* TO 2025-03-01T00:00:00Z}") == _slugs(catalog, "budget")
    assert names("metadata_modified:[2025-09-01T12:30:00.000000Z TO NOW]") == _slugs(
        catalog, "health_budget"
    )
    assert names("metadata_modified:[NOW-1DAY TO *]") == set()
    assert names("metadata_modified:[* TO NOW/DAY]") == _slugs(catalog, *PUBLIC)
    assert names("metadata_created:[2025-05-01T00:00:00Z TO *]") == _slugs(
        catalog, "hospitals", "health_budget"
    )


def test_rows_start_and_sort(remote, catalog):
    everything = sorted(_slugs(catalog, *PUBLIC))
    by_name = remote.action.package_search(sort="name asc", rows=2)
    assert by_name["count"] == 4 and [p["name"] for p in by_name["results"]] == everything[:2]
    second = remote.action.package_search(sort="name asc", rows=2, start=2)
    assert [p["name"] for p in second["results"]] == everything[2:]
    beyond = remote.action.package_search(start=50)
    assert beyond["count"] == 4 and beyond["results"] == []
    ids = [p["id"] for p in remote.action.package_search(sort="id asc")["results"]]
    assert ids == sorted(ids)
    newest = remote.action.package_search(sort="metadata_modified desc")["results"]
    assert newest[0]["name"] == catalog["health_budget"].slug
    oldest = remote.action.package_search(sort="metadata_modified asc")["results"]
    assert oldest[0]["name"] == catalog["budget"].slug
    both = remote.action.package_search(sort="metadata_modified desc, name asc", rows=0)
    assert both["sort"] == "metadata_modified desc, name asc" and both["results"] == []
    ranked = remote.action.package_search(q="ngân sách y tế", sort="score desc")
    assert ranked["results"][0]["name"] == catalog["health_budget"].slug
    assert remote.action.package_search(sort="score desc")["sort"] == "metadata_modified desc"


def test_facets_and_search_facets(remote, catalog):
    result = remote.action.package_search(
        **{
            "facet.field": json.dumps(
                ["organization", "groups", "tags", "res_format", "license_id"]
            )
        },
    )
    facets = result["facets"]
    assert facets["organization"] == {"so-y-te": 3, "so-tai-chinh": 1}
    assert facets["groups"] == {"econ": 2, "heal": 2, "soci": 1}
    assert facets["tags"] == {"ngân sách": 2, "y tế": 2, "dự toán": 1, "dân số": 1}
    assert facets["res_format"] == {"CSV": 3, "XLSX": 1, "JSON": 1}
    assert facets["license_id"] == {"CC-BY-4.0": 2, "CC0-1.0": 1, "ODbL-1.0": 1}
    organizations = result["search_facets"]["organization"]
    assert organizations["title"] == "organization"
    assert organizations["items"][0] == {"name": "so-y-te", "display_name": "Sở Y tế", "count": 3}
    limited = remote.action.package_search(
        q="ngan sach", **{"facet.field": ["tags"], "facet.limit": 1}
    )
    assert limited["facets"] == {"tags": {"ngân sách": 2}}
    formats = remote.action.package_search(fq="res_format:csv", **{"facet.field": ["res_format"]})
    assert formats["facets"] == {"res_format": {"CSV": 3, "XLSX": 1}}
    frequent = remote.action.package_search(**{"facet.field": ["groups"], "facet.mincount": 2})
    assert frequent["facets"]["groups"] == {"econ": 2, "heal": 2}
    assert remote.action.package_search()["facets"] == {}
    nothing = remote.action.package_search(q="khongcotu", **{"facet.field": ["tags"]})
    assert nothing["facets"] == {"tags": {}}
    assert nothing["search_facets"] == {"tags": {"title": "tags", "items": []}}


def test_private_drafts_and_deleted_need_a_token(live_hub, remote, catalog, token):
    def secret(role: str) -> str:
        return token(role, catalog["finance"])["Authorization"].split(" ", 1)[1]

    flags = {"include_private": True, "include_drafts": True, "include_deleted": True}
    anonymous = remote.action.package_search(q="ngan sach", **flags)
    assert _names(anonymous) == _slugs(catalog, "budget", "health_budget")
    with ckanapi.RemoteCKAN(live_hub, apikey=secret("publisher")) as publisher:
        assert publisher.action.package_search(q="ngan sach")["count"] == 2
        private = publisher.action.package_search(q="ngan sach", include_private=True)
        assert _names(private) == _slugs(catalog, "budget", "health_budget", "internal")
        assert next(p for p in private["results"] if p["name"] == catalog["internal"].slug)[
            "private"
        ]
        drafts = publisher.action.package_search(fq='tags:"ngân sách"', include_drafts=True)
        assert _names(drafts) == _slugs(catalog, "budget", "health_budget", "draft")
        # a publisher reviews nothing: no tombstones
        deleted = publisher.action.package_search(include_deleted=True, rows=100)
        assert _names(deleted) == _slugs(catalog, *PUBLIC)
    with ckanapi.RemoteCKAN(live_hub, apikey=secret("editor")) as editor:
        everything = editor.action.package_search(q="ngân sách", rows=100, **flags)
        assert _names(everything) == _slugs(
            catalog, "budget", "health_budget", "internal", "draft", "gone"
        )
        gone = next(p for p in everything["results"] if p["name"] == catalog["gone"].slug)
        assert gone["state"] == "deleted"
        # private hits rank after indexed ones
        assert everything["results"][0]["name"] in _slugs(catalog, "budget", "health_budget")
        only_deleted = editor.action.package_search(
            fq="organization:so-tai-chinh", include_deleted=True, rows=100
        )
        assert _names(only_deleted) == _slugs(catalog, "budget", "gone")


def test_paging_as_the_ckan_harvester_does(remote, session, catalog):
    org = catalog["finance"]
    since = datetime(2025, 10, 1, tzinfo=UTC)
    session.add_all(
        Dataset(
            id=uuid.uuid4(),
            slug=f"harvest-{i:03d}",
            organization_id=org.id,
            content_type="statistics",
            state="published",
            title_vi=f"Bộ dữ liệu thu hoạch {i}",
            access_rights="PUBLIC",
            themes=["ECON"],
            keywords=["thu hoạch"],
            # many share a timestamp: only the id tie-breaker orders them
            metadata_modified=since + timedelta(minutes=i % 7),
            created_at=since,
        )
        for i in range(250)
    )
    session.commit()
    params = {
        "rows": 100,
        "start": 0,
        "sort": "id asc",
        "fq": f"metadata_modified:[{(since - timedelta(hours=1)).isoformat()[:19]}Z TO *]",
    }
    seen: list[str] = []
    while True:
        page = remote.action.package_search(**params)
        assert page["count"] == 250
        if not page["results"]:
            break
        seen += [p["id"] for p in page["results"]]
        params["start"] += params["rows"]
    assert len(seen) == 250 and len(set(seen)) == 250 and seen == sorted(seen)


def _error(client, response_or_params, method="get"):
    response = (
        client.get("/api/3/action/package_search", query_string=response_or_params)
        if method == "get"
        else response_or_params
    )
    body = response.get_json()
    assert body is not None and response.status_code < 500, response.data
    return response.status_code, body


@pytest.mark.parametrize(
    "fq",
    [
        "organization:(a OR b",
        "metadata_modified:[2025-01-01T00:00:00Z TO *",
        'tags:"open',
        "unknown_field:x",
        "'; DROP TABLE dataset; --",
        "name:x' OR '1'='1",
        "metadata_modified:[yesterday TO *]",
        "metadata_modified:[2025-13-45T00:00:00Z TO *]",
        "organization:a)",
        "(" * 100 + "name:x" + ")" * 100,
    ],
)
def test_malformed_fq_answers_in_ckan_shape(client, catalog, fq):
    status, body = _error(client, {"fq": fq})
    if status == 200:  # injection attempts are just values that match nothing
        assert body["success"] is True and body["result"]["count"] == 0
    else:
        assert status == 400 and body["error"]["__type"] == "Search Query Error"
    assert _error(client, {})[1]["result"]["count"] == 4  # the table is still there


def test_bad_paging_sorting_and_bodies(client, catalog):
    status, body = _error(client, {"rows": -1})
    assert status == 409 and body["error"]["rows"] == ["Must be a natural number"]
    status, body = _error(client, {"rows": "many"})
    assert status == 409 and "rows" in body["error"]
    status, body = _error(client, {"start": -5})
    assert status == 409 and "start" in body["error"]
    status, body = _error(client, {"rows": 10**9})
    assert status == 200 and body["result"]["count"] == 4 and len(body["result"]["results"]) == 4
    status, body = _error(client, {"start": 10**6})
    assert status == 200 and body["result"]["results"] == []
    status, body = _error(client, {"sort": "title_vi asc"})
    assert status == 400 and body["error"]["__type"] == "Search Query Error"
    status, body = _error(client, {"sort": "name sideways"})
    assert status == 400
    status, body = _error(client, {"facet.field": "[not json"})
    assert status == 409 and "facet.field" in body["error"]
    status, body = _error(client, {"facet.field": '["maintainer"]'})
    assert status == 400
    response = client.post(
        "/api/3/action/package_search", data="{not json", content_type="application/json"
    )
    status, body = _error(client, response, method="post")
    assert status == 400 and body["success"] is False
    response = client.post("/api/3/action/package_search", json={"fq": ["groups:econ", "tags:x"]})
    assert response.status_code == 200 and response.get_json()["result"]["count"] == 0


def test_fl_keeps_only_the_fields_asked_for(remote, catalog, client):
    full = remote.action.package_search(sort="name asc")["results"]
    light = remote.action.package_search(sort="name asc", fl=["id", "metadata_modified"])
    assert light["count"] == 4
    assert light["results"] == [
        {"id": p["id"], "metadata_modified": p["metadata_modified"]} for p in full
    ]
    # fields beyond the dataset row come from the whole package dict
    mixed = remote.action.package_search(sort="name asc", fl="name,num_resources,nope")
    assert mixed["results"] == [
        {"name": p["name"], "num_resources": p["num_resources"]} for p in full
    ]
    response = client.post("/api/3/action/package_search", json={"fl": ["id", 3]})
    status, body = _error(client, response, method="post")
    assert status == 409 and "fl" in body["error"]
