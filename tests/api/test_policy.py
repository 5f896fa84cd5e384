"""Rate limits, brute-force protection, gzip, CORS and the request log."""

from __future__ import annotations

import gzip
import logging
import time

import pytest

from hub import create_app
from tests.factories import DatasetFactory, OrganizationFactory


@pytest.fixture
def limited(_app, database_url, tmp_path):
    if 60 - time.time() % 60 < 3:  # keep each test inside one counting window
        time.sleep(3)
    app = create_app(
        {
            "HUB_DATABASE_URL": database_url,
            "HUB_INSTANCE_DIR": str(tmp_path),
            "HUB_RATE_LIMIT": 5,
            "HUB_AUTH_FAILURE_LIMIT": 3,
        }
    )
    yield app
    app.extensions["hub.db"].dispose()


def test_rate_limit_per_client(limited, session):
    client = limited.test_client()
    statuses = [client.get("/api/v1/stats").status_code for _ in range(6)]
    assert statuses == [200] * 5 + [429]
    refused = client.get("/api/v1/stats")
    assert refused.mimetype == "application/problem+json"
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    assert client.get("/healthz").status_code == 200, "only the API is limited"


def test_admins_are_not_rate_limited(limited, session, token):
    client = limited.test_client()
    admin = token("admin")
    assert {client.get("/api/v1/stats", headers=admin).status_code for _ in range(8)} == {200}


def test_token_guessing_is_slowed_down(limited, session, token):
    client = limited.test_client()
    good = token("admin")
    guesses = [
        client.get("/api/v1/datasets", headers={"Authorization": f"Bearer hub_guess{i}"})
        for i in range(5)
    ]
    assert [r.status_code for r in guesses] == [401, 401, 401, 429, 429]
    assert "Retry-After" in guesses[-1].headers
    blocked = client.get("/api/v1/datasets", headers=good)
    assert blocked.status_code == 429, "even a right token waits once the address is blocked"


def test_gzip_and_conditional_requests(client, session):
    org = OrganizationFactory(session=session)
    for _ in range(5):
        DatasetFactory(session=session, organization=org, state="published")
    plain = client.get("/api/v1/datasets")
    zipped = client.get("/api/v1/datasets", headers={"Accept-Encoding": "gzip"})
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.data) == plain.data
    assert "Accept-Encoding" in zipped.headers["Vary"]
    again = client.get(
        "/api/v1/datasets",
        headers={"Accept-Encoding": "gzip", "If-None-Match": zipped.headers["ETag"]},
    )
    assert again.status_code == 304
    refused = client.get("/api/v1/datasets", headers={"Accept-Encoding": "gzip;q=0, br"})
    assert "Content-Encoding" not in refused.headers and refused.data == plain.data


def test_cached_dataset_bodies_keep_their_gzipped_form_in_step(client, session, token):
    dataset = DatasetFactory(session=session, state="published", description_vi="Mô tả " * 300)
    url, gz = f"/api/v1/datasets/{dataset.id}", {"Accept-Encoding": "gzip"}
    first, second = client.get(url, headers=gz), client.get(url, headers=gz)
    assert first.headers["Content-Encoding"] == "gzip" and second.data == first.data
    assert gzip.decompress(second.data) == client.get(url).data
    client.patch(url, json={"title_en": "Changed"}, headers=token("admin"))
    changed = client.get(url, headers=gz)
    assert changed.headers["ETag"] != first.headers["ETag"]
    assert b'"Changed"' in gzip.decompress(changed.data)


def test_cors_open_for_reads_closed_for_writes(client, session):
    read = client.get("/api/v1/stats", headers={"Origin": "https://example.org"})
    assert read.headers["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(
        "/api/v1/datasets",
        headers={"Origin": "https://example.org", "Access-Control-Request-Method": "POST"},
    )
    assert "Access-Control-Allow-Origin" not in preflight.headers
    get_preflight = client.options(
        "/api/v1/datasets",
        headers={"Origin": "https://example.org", "Access-Control-Request-Method": "GET"},
    )
    assert get_preflight.headers["Access-Control-Allow-Origin"] == "*"
    assert "Authorization" in get_preflight.headers["Access-Control-Allow-Headers"]


def test_cors_writes_for_configured_origins(_app, database_url, tmp_path, session):
    app = create_app(
        {
            "HUB_DATABASE_URL": database_url,
            "HUB_INSTANCE_DIR": str(tmp_path),
            "HUB_CORS_WRITE_ORIGINS": "https://portal.minhhoa.example",
        }
    )
    preflight = app.test_client().options(
        "/api/v1/datasets",
        headers={
            "Origin": "https://portal.minhhoa.example",
            "Access-Control-Request-Method": "POST",
        },
    )
    assert preflight.headers["Access-Control-Allow-Origin"] == "https://portal.minhhoa.example"
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]
    app.extensions["hub.db"].dispose()


def test_request_log_names_the_token_never_the_secret(client, session, token, caplog):
    headers = token("admin")
    secret = headers["Authorization"].split()[1]
    with caplog.at_level(logging.INFO, logger="hub.api.requests"):
        client.get("/api/v1/stats", headers=headers)
    lines = [r.getMessage() for r in caplog.records if r.name == "hub.api.requests"]
    assert lines and lines[-1].startswith("GET /api/v1/stats 200 ")
    assert "token=" in lines[-1] and "token=-" not in lines[-1]
    assert secret not in caplog.text
