"""API conventions: one error shape, limits, cursors, validators, auth."""

from __future__ import annotations

import unicodedata
import uuid

import pytest
from sqlalchemy import update

from hub.datasets.models import Dataset
from tests.datasets.helpers import footprint
from tests.factories import DatasetFactory, OrganizationFactory


def _problem(response, status):
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["status"] == status and body["title"] and body["detail"]
    assert "Traceback" not in response.get_data(as_text=True)
    return body


@pytest.mark.parametrize(
    "path, status",
    [
        ("/api/v1/nowhere", 404),
        ("/api/v1/datasets/khong-co", 404),
        ("/api/v1/organizations/khong-co", 404),
        ("/api/v1/datasets?limit=0", 400),
        ("/api/v1/datasets?limit=1001", 400),
        ("/api/v1/datasets?limit=abc", 400),
        ("/api/v1/datasets?count=maybe", 400),
        ("/api/v1/datasets?state=secret", 400),
        ("/api/v1/datasets?theme=XYZ", 400),
        ("/api/v1/datasets?modified_since=yesterday", 400),
        ("/api/v1/datasets?colour=red", 400),
        ("/api/v1/datasets?cursor=abc", 400),
        ("/api/v1/datasets?organization=' OR 1=1 --", 400),
        ("/api/v1/changes?since=-1", 400),
        ("/api/v1/changes?since=1;DROP TABLE dataset", 400),
    ],
)
def test_errors_are_problem_json(client, session, path, status):
    _problem(client.get(path), status)


def test_method_not_allowed(client, session):
    response = client.delete("/api/v1/organizations")
    _problem(response, 405)
    assert "GET" in response.headers["Allow"]


def test_cursor_tampering_is_refused(client, session):
    org = OrganizationFactory(session=session)
    for _ in range(3):
        DatasetFactory(session=session, organization=org, state="published")
    cursor = client.get("/api/v1/datasets?limit=1").get_json()["next"].split("cursor=")[1]
    body, sig = cursor.split(".")
    forged = body[:-2] + ("AA" if body[-2:] != "AA" else "BB") + "." + sig
    _problem(client.get(f"/api/v1/datasets?limit=1&cursor={forged}"), 400)
    _problem(client.get(f"/api/v1/organizations?cursor={cursor}"), 400)


def test_keyset_pages_cover_everything_once(client, session):
    org = OrganizationFactory(session=session)
    made = {
        DatasetFactory(session=session, organization=org, state="published").id for _ in range(7)
    }
    seen, url, pages = [], "/api/v1/datasets?limit=3&count=true", 0
    while url:
        response = client.get(url.replace("http://hub.test", ""))
        body = response.get_json()
        assert body["count"] == 7
        if body["next"]:
            assert response.headers["Link"] == f'<{body["next"]}>; rel="next"'
        seen += [item["id"] for item in body["data"]]
        url, pages = body["next"], pages + 1
    assert pages == 3 and len(seen) == 7 and {str(i) for i in made} == set(seen)


def test_keyset_pages_split_ties_on_the_modified_time_by_id(client, session):
    org = OrganizationFactory(session=session)
    made = [DatasetFactory(session=session, organization=org, state="published") for _ in range(5)]
    # A bulk import can give many datasets the same modified time: the id breaks the tie.
    session.execute(update(Dataset).values(metadata_modified=made[0].metadata_modified))
    session.commit()
    seen, url = [], "/api/v1/datasets?limit=2"
    while url:
        body = client.get(url.replace("http://hub.test", "")).get_json()
        seen += [item["id"] for item in body["data"]]
        url = body["next"]
    assert seen == sorted((str(d.id) for d in made), key=uuid.UUID, reverse=True)


def test_list_pages_follow_every_change_and_visibility(client, session, token):
    org = OrganizationFactory(session=session)
    first, second = (
        DatasetFactory(session=session, organization=org, state="published", title_en=title)
        for title in ("First", "Second")
    )

    def titles():
        return [d["title_en"] for d in client.get("/api/v1/datasets").get_json()["data"]]

    assert titles() == ["Second", "First"]  # fills the render cache
    editor = token("admin")
    client.patch(f"/api/v1/datasets/{first.id}", json={"title_en": "Renamed"}, headers=editor)
    assert titles() == ["Renamed", "Second"]
    client.post(f"/api/v1/datasets/{second.id}/withdraw", json={"reason": "Sai"}, headers=editor)
    assert titles() == ["Renamed"]


def test_filters(client, session):
    org = OrganizationFactory(session=session)
    DatasetFactory(
        session=session,
        organization=org,
        state="published",
        themes=["ECON"],
        content_type="budget",
        slug="ngan-sach",
    )
    DatasetFactory(
        session=session, organization=org, state="published", themes=["SOCI"], slug="dan-so"
    )

    def slugs(query):
        return [d["slug"] for d in client.get(f"/api/v1/datasets?{query}").get_json()["data"]]

    assert slugs("theme=ECON") == ["ngan-sach"]
    assert slugs("content_type=statistics") == ["dan-so"]
    assert sorted(slugs(f"organization={org.agency_code}")) == ["dan-so", "ngan-sach"]
    assert slugs("modified_since=2999-01-01") == []


def test_etag_and_last_modified_give_304(client, session):
    dataset = DatasetFactory(session=session, state="published")
    first = client.get(f"/api/v1/datasets/{dataset.slug}")
    assert first.status_code == 200 and first.headers["ETag"]
    again = client.get(
        f"/api/v1/datasets/{dataset.id}", headers={"If-None-Match": first.headers["ETag"]}
    )
    assert again.status_code == 304
    since = client.get(
        f"/api/v1/datasets/{dataset.id}",
        headers={"If-Modified-Since": first.headers["Last-Modified"]},
    )
    assert since.status_code == 304


def test_auth_errors(client, session, token):
    _problem(
        client.post("/api/v1/datasets", json={}, headers={"Authorization": "Bearer hub_wrong"}),
        401,
    )
    _problem(client.get("/api/v1/datasets", headers={"X-CKAN-API-Key": "nope"}), 401)
    anonymous = client.post("/api/v1/organizations", json={"slug": "so-a", "title_vi": "A"})
    _problem(anonymous, 401)  # no token at all: ask for one
    assert anonymous.headers["WWW-Authenticate"].startswith("Bearer")
    org = OrganizationFactory(session=session)
    pending = DatasetFactory(session=session, organization=org, state="pending")
    headers = token("publisher", org)
    _problem(client.post(f"/api/v1/datasets/{pending.id}/approve", json={}, headers=headers), 403)


def test_write_errors_write_nothing(client, session, token):
    org = OrganizationFactory(session=session)
    DatasetFactory(session=session, organization=org, slug="co-roi")
    admin = token("admin")
    before = footprint(session)
    _problem(
        client.post(
            "/api/v1/datasets",
            data="{bad json",
            headers={**admin, "Content-Type": "application/json"},
        ),
        400,
    )
    _problem(
        client.post(
            "/api/v1/datasets",
            data="x=1",
            headers={**admin, "Content-Type": "application/x-www-form-urlencoded"},
        ),
        415,
    )
    _problem(client.post("/api/v1/datasets", json=[1, 2], headers=admin), 400)
    _problem(
        client.post(
            "/api/v1/datasets",
            data=b"{" + b" " * (2 * 1024 * 1024) + b"}",
            headers={**admin, "Content-Type": "application/json"},
        ),
        413,
    )
    body = _problem(
        client.post(
            "/api/v1/datasets",
            json={
                "organization": org.slug,
                "content_type": "budget",
                "title_vi": "X",
                "mau": 1,
                "hack": 2,
            },
            headers=admin,
        ),
        422,
    )
    assert {e["field"] for e in body["errors"]} == {"mau", "hack"}
    _problem(
        client.post(
            "/api/v1/datasets",
            json={
                "organization": org.slug,
                "content_type": "budget",
                "title_vi": "X",
                "slug": "co-roi",
            },
            headers=admin,
        ),
        409,
    )
    _problem(client.post("/api/v1/datasets/co-roi/approve", json={}, headers=admin), 409)
    _problem(client.post("/api/v1/datasets/co-roi/submit", data="", headers=admin), 415)
    assert footprint(session) == before


def test_create_stores_nfc_and_answers_201_with_location(client, session, token):
    org = OrganizationFactory(session=session)
    title = unicodedata.normalize("NFD", "Công khai ngân sách")
    response = client.post(
        "/api/v1/datasets",
        json={"organization": org.slug, "content_type": "budget", "title_vi": title},
        headers=token("publisher", org),
    )
    assert response.status_code == 201
    body = response.get_json()
    assert body["title_vi"] == unicodedata.normalize("NFC", title)
    assert response.headers["Location"] == body["url"]
    assert body["url"].startswith("http://hub.test/api/v1/datasets/")
    assert body["created_at"].endswith("+00:00")


def test_if_match_refuses_a_stale_write(client, session, token):
    dataset = DatasetFactory(session=session)
    admin = token("admin")
    etag = client.get(f"/api/v1/datasets/{dataset.id}", headers=admin).headers["ETag"]
    ok = client.patch(
        f"/api/v1/datasets/{dataset.id}",
        json={"title_en": "A"},
        headers={**admin, "If-Match": etag},
    )
    assert ok.status_code == 200
    stale = client.patch(
        f"/api/v1/datasets/{dataset.id}",
        json={"title_en": "B"},
        headers={**admin, "If-Match": etag},
    )
    _problem(stale, 412)
    assert client.get(f"/api/v1/datasets/{dataset.id}", headers=admin).get_json()["title_en"] == "A"


def test_cached_reads_follow_every_change_and_visibility(client, session, token):
    dataset = DatasetFactory(session=session, state="published", title_en="Old")
    url = f"/api/v1/datasets/{dataset.id}"
    assert client.get(url).get_json()["title_en"] == "Old"  # fills the render cache
    editor = token("admin")
    client.patch(url, json={"title_en": "New"}, headers=editor)
    assert client.get(url).get_json()["title_en"] == "New"
    client.post(
        f"{url}/distributions", json={"title_vi": "A", "url": "https://a.example"}, headers=editor
    )
    assert len(client.get(url).get_json()["distributions"]) == 1
    client.post(f"{url}/withdraw", json={"reason": "Sai số liệu"}, headers=editor)
    assert client.get(url).status_code == 404, "visibility is checked on every read"
    assert client.get(url, headers=editor).get_json()["state"] == "withdrawn"


HOSTILE = ["' OR '1'='1", "1; DROP TABLE dataset; --", '"%_\\', "ECON%", "\x00", "../../etc"]


@pytest.mark.parametrize(
    "name", ["organization", "content_type", "theme", "state", "licence", "access_rights"]
)
@pytest.mark.parametrize("value", HOSTILE)
def test_sql_metacharacters_in_filters_are_plain_values(client, session, name, value):
    DatasetFactory(session=session, state="published")
    response = client.get("/api/v1/datasets", query_string={name: value})
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    assert client.get("/api/v1/datasets").get_json()["data"], "the data is still there"


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_references_are_not_found(client, session, value):
    assert client.get("/api/v1/datasets/" + value.replace("/", "%2F")).status_code in {404, 400}
    assert client.get("/api/v1/organizations/" + value.replace("/", "%2F")).status_code in {
        404,
        400,
    }
