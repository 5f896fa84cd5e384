"""Distributions over HTTP (links, uploads, downloads with Range) and token endpoints."""

from __future__ import annotations

import io
from urllib.parse import quote

from tests.datasets.helpers import footprint
from tests.factories import DatasetFactory

CSV = "tỉnh,dân số\nMinh Hòa,1000\n".encode()


def test_upload_and_download_with_range(client, session, token):
    dataset = DatasetFactory(session=session)
    admin = token("admin")
    url = f"/api/v1/datasets/{dataset.id}/distributions"
    created = client.post(
        url,
        data={"file": (io.BytesIO(CSV), "../Dân số 2024.csv"), "title_vi": "Dân số"},
        headers=admin,
        content_type="multipart/form-data",
    )
    assert created.status_code == 201, created.get_data(as_text=True)
    body = created.get_json()
    assert body["file_name"] == "Dân số 2024.csv" and body["byte_size"] == len(CSV)
    download = body["download_url"].replace("http://hub.test", "")
    got = client.get(download, headers=admin)
    assert got.status_code == 200 and got.data == CSV
    assert got.headers["Content-Type"].startswith("text/csv")
    assert got.headers["Content-Length"] == str(len(CSV))
    disposition = got.headers["Content-Disposition"]
    assert "attachment" in disposition and quote("Dân số 2024.csv") in disposition
    part = client.get(download, headers={**admin, "Range": "bytes=0-3"})
    assert part.status_code == 206 and part.data == CSV[:4]
    listed = client.get(url, headers=admin).get_json()["data"]
    assert [d["id"] for d in listed] == [body["id"]]


def test_bad_uploads_write_nothing(client, session, token):
    dataset = DatasetFactory(session=session)
    admin = token("admin")
    url = f"/api/v1/datasets/{dataset.id}/distributions"
    before = footprint(session)
    lying = client.post(
        url,
        data={"file": (io.BytesIO(b"%PDF-1.4 fake? no: text"), "x.csv")},
        headers=admin,
        content_type="multipart/form-data",
    )
    assert lying.status_code == 415 and lying.mimetype == "application/problem+json"
    too_big = client.post(
        url,
        data={"file": (io.BytesIO(b"a" * 70_000), "big.csv")},
        headers=admin,
        content_type="multipart/form-data",
    )
    assert too_big.status_code == 413
    no_file = client.post(
        url, data={"title_vi": "x"}, headers=admin, content_type="multipart/form-data"
    )
    assert no_file.status_code == 422
    wrong = client.post(url, data="x", headers={**admin, "Content-Type": "text/plain"})
    assert wrong.status_code == 415
    assert footprint(session) == before


def test_link_change_delete(client, session, token):
    dataset = DatasetFactory(session=session, state="published")
    admin = token("admin")
    url = f"/api/v1/datasets/{dataset.id}/distributions"
    link = client.post(
        url, json={"title_vi": "Cổng", "url": "https://x.example/a.csv"}, headers=admin
    ).get_json()
    changed = client.patch(f"{url}/{link['id']}", json={"title_vi": "Đổi"}, headers=admin)
    assert changed.get_json()["title_vi"] == "Đổi"
    redirect = client.get(f"{url}/{link['id']}/download")
    assert redirect.status_code == 303 and redirect.headers["Location"] == "https://x.example/a.csv"
    assert client.delete(f"{url}/{link['id']}", headers=admin).status_code == 204
    assert client.get(f"{url}/{link['id']}").status_code == 404


def test_token_endpoints(client, session, token):
    admin = token("admin")
    DatasetFactory(session=session)  # creates an organization to scope to
    org = client.get("/api/v1/organizations", headers=admin).get_json()["data"][0]["slug"]
    created = client.post(
        "/api/v1/tokens",
        json={"role": "publisher", "organization": org, "user": "can-bo-b"},
        headers=admin,
    )
    assert created.status_code == 201 and created.headers["Cache-Control"] == "no-store"
    secret = created.get_json()["secret"]
    mine = client.get("/api/v1/datasets", headers={"Authorization": f"Bearer {secret}"})
    assert mine.status_code == 200
    listed = client.get("/api/v1/tokens", headers=admin).get_data(as_text=True)
    assert secret not in listed and created.get_json()["prefix"] in listed
    revoked = client.delete(f"/api/v1/tokens/{created.get_json()['id']}", headers=admin)
    assert revoked.get_json()["revoked_at"]
    refused = client.get("/api/v1/datasets", headers={"Authorization": f"Bearer {secret}"})
    assert refused.status_code == 401
    bad = client.post("/api/v1/tokens", json={"role": "god"}, headers=admin)
    assert bad.status_code == 422 and bad.get_json()["errors"][0]["field"] == "role"
    forbidden = client.post(
        "/api/v1/tokens", json={"role": "admin"}, headers={"Authorization": f"Bearer {secret}"}
    )
    assert forbidden.status_code == 401
