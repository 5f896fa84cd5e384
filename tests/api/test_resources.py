"""Organizations, datasets, review, history, change feed and stats over HTTP."""

from __future__ import annotations

from tests.factories import DatasetFactory, OrganizationFactory


def test_organization_lifecycle(client, session, token):
    admin = token("admin")
    created = client.post(
        "/api/v1/organizations",
        json={"slug": "so-tai-chinh", "title_vi": "Sở Tài chính", "agency_code": "000.00.02.H49"},
        headers=admin,
    )
    assert created.status_code == 201
    client.post(
        "/api/v1/organizations",
        json={"slug": "xa-moi", "title_vi": "Xã Mới", "kind": "commune"},
        headers=admin,
    )
    patched = client.patch(
        "/api/v1/organizations/000.00.02.H49",
        json={"title_en": "Department of Finance"},
        headers=admin,
    )
    assert patched.get_json()["title_en"] == "Department of Finance"
    merged = client.post(
        "/api/v1/organizations/so-tai-chinh/merge",
        json={"into": "xa-moi", "reason": "Thử"},
        headers=admin,
    )
    assert merged.status_code == 200 and merged.get_json()["slug"] == "xa-moi"
    assert client.get("/api/v1/organizations/so-tai-chinh").get_json()["slug"] == "xa-moi"
    listed = [o["slug"] for o in client.get("/api/v1/organizations").get_json()["data"]]
    assert listed == ["xa-moi"]
    everything = client.get("/api/v1/organizations?include_merged=true").get_json()["data"]
    assert [o["slug"] for o in everything] == ["so-tai-chinh", "xa-moi"]


def test_review_flow_over_http(client, session, token):
    org = OrganizationFactory(session=session)
    publisher, editor = token("publisher", org), token("editor", org)
    created = client.post(
        "/api/v1/datasets",
        json={"organization": org.slug, "content_type": "statistics", "title_vi": "Dân số"},
        headers=publisher,
    ).get_json()
    url = f"/api/v1/datasets/{created['id']}"
    assert client.get(url).status_code == 404, "drafts are hidden from anonymous callers"
    assert client.post(f"{url}/submit", json={}, headers=publisher).get_json()["state"] == "pending"
    rejected = client.post(f"{url}/reject", json={"reason": "Thiếu nguồn số liệu"}, headers=editor)
    assert rejected.get_json()["state_reason"] == "Thiếu nguồn số liệu"
    assert client.post(f"{url}/reopen", json={}, headers=publisher).status_code == 200
    client.patch(url, json={"description_vi": "Nguồn: Thống kê tỉnh"}, headers=publisher)
    client.post(f"{url}/submit", json={}, headers=publisher)
    published = client.post(f"{url}/approve", json={}, headers=editor).get_json()
    assert published["state"] == "published" and published["issued"]
    assert client.get(url).status_code == 200
    withdrawn = client.post(f"{url}/withdraw", json={"reason": "Sai số liệu"}, headers=editor)
    assert withdrawn.get_json()["state"] == "withdrawn"
    reverted = client.post(f"{url}/revert", json={"revision": 1}, headers=editor).get_json()
    assert reverted["description_vi"] is None and reverted["state"] == "withdrawn"
    revisions = client.get(f"{url}/revisions", headers=editor).get_json()["data"]
    assert [r["action"] for r in revisions][-1] == "revert"
    audit = client.get(f"{url}/audit", headers=publisher).get_json()["data"]
    assert [a["action"] for a in audit] == [
        "create",
        "submit",
        "reject",
        "reopen",
        "update",
        "submit",
        "approve",
        "withdraw",
        "revert",
    ]
    deleted = client.delete(url, headers=editor)
    assert deleted.status_code == 200 and deleted.get_json()["state"] == "deleted"


def test_replace_clears_missing_fields(client, session, token):
    dataset = DatasetFactory(session=session, keywords=["a", "b"])
    admin = token("admin")
    body = client.put(
        f"/api/v1/datasets/{dataset.id}", json={"title_vi": "Mới"}, headers=admin
    ).get_json()
    assert body["title_vi"] == "Mới" and body["keywords"] == []


def test_change_feed_mirrors_public_changes(client, session, token):
    org = OrganizationFactory(session=session)
    public = DatasetFactory(session=session, organization=org, state="published")
    hidden = DatasetFactory(session=session, organization=org)
    start = client.get("/api/v1/changes?since=0&limit=1000").get_json()["last_seq"]
    client.delete(f"/api/v1/datasets/{public.id}", headers=token("admin"))
    feed = client.get(f"/api/v1/changes?since={start}").get_json()
    assert [(c["entity_id"], c["operation"]) for c in feed["data"]] == [(str(public.id), "delete")]
    everything = client.get("/api/v1/changes?since=0&limit=1000").get_json()["data"]
    assert str(hidden.id) not in {c["entity_id"] for c in everything}
    mine = client.get(
        "/api/v1/changes?since=0&limit=1000", headers=token("publisher", org)
    ).get_json()["data"]
    assert str(hidden.id) in {c["entity_id"] for c in mine}
    empty = client.get(feed["next"].replace("http://hub.test", "")).get_json()
    assert empty["data"] == [] and empty["last_seq"] == feed["last_seq"]


def test_stats(client, session):
    org = OrganizationFactory(session=session)
    DatasetFactory(
        session=session, organization=org, state="published", themes=["ECON"], content_type="budget"
    )
    DatasetFactory(session=session, organization=org, state="published", access_rights="RESTRICTED")
    DatasetFactory(session=session, organization=org)
    body = client.get("/api/v1/stats").get_json()
    assert body["datasets"] == 1
    assert body["by_content_type"] == {"budget": 1} and body["by_theme"] == {"ECON": 1}
    row = next(o for o in body["by_organization"] if o["slug"] == org.slug)
    assert row["datasets"] == 1 and row["last_modified"]
