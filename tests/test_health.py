from __future__ import annotations

from hub import create_app


def test_healthz_ok(app):
    response = app.test_client().get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}
    assert response.get_data(as_text=True).startswith('{"status"')


def test_healthz_reports_unreachable_database(tmp_path):
    broken = create_app(
        {
            "HUB_INSTANCE_DIR": str(tmp_path),
            "HUB_DATABASE_URL": "postgresql://hub:s3cret@127.0.0.1:1/nowhere",
        }
    )
    response = broken.test_client().get("/healthz")
    assert response.status_code == 503
    body = response.get_json()
    assert body["status"] == "error" and body["database"] == "error"
    assert "OperationalError" in body["reason"]
    assert "s3cret" not in response.get_data(as_text=True)
