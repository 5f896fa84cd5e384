"""The OpenAPI document describes every route, each with a description."""

from __future__ import annotations


def test_every_route_is_documented(app, client):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert spec["openapi"].startswith("3.1")
    documented = {(path, method) for path, ops in spec["paths"].items() for method in ops}
    missing, undescribed = [], []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/"):
            continue
        path = rule.rule.replace("<", "{").replace(">", "}")
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            if (path, method.lower()) not in documented:
                missing.append((path, method))
                continue
            op = spec["paths"][path][method.lower()]
            if not op.get("description") or not op.get("summary") or not op.get("responses"):
                undescribed.append((path, method))
    assert missing == [] and undescribed == []


def test_security_and_problem_shapes(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    create = spec["paths"]["/api/v1/datasets"]["post"]
    assert create["security"] == [{"bearer": []}]
    assert "422" in create["responses"] and "201" in create["responses"]
    assert "Problem" in spec["components"]["schemas"]
    assert spec["servers"] == [{"url": "http://hub.test"}]


def test_docs_page_uses_local_assets_only(client):
    page = client.get("/api/v1/docs")
    assert page.status_code == 200 and page.mimetype == "text/html"
    for asset in ("docs.js", "docs.css"):
        assert asset in page.get_data(as_text=True)
        assert client.get(f"/api/v1/{asset}").status_code == 200
    everything = page.get_data(as_text=True) + client.get("/api/v1/docs.js").get_data(as_text=True)
    assert "http://" not in everything and "https://" not in everything
