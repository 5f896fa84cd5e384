"""Harvest sources and jobs over HTTP and the command line; pings and pushes with the
component site's own token."""

from __future__ import annotations

import pytest

from hub.cli import main
from hub.harvesters.service import due_sources, get_source
from tests.factories import OrganizationFactory
from tests.harvesters.test_runner import _items, _run


@pytest.fixture
def local_fetches(app, monkeypatch):
    monkeypatch.setitem(app.config, "HUB_HARVEST_ALLOWED_NETWORKS", "127.0.0.0/8")


def _create(client, headers, **extra):
    body = {"name": "cong-so-cong-thuong", "type": "test-json", **extra}
    return client.post("/api/v1/harvest/sources", json=body, headers=headers)


def test_sources_are_registered_by_managers_with_a_token_shown_once(
    client, token, organization, remote_site, json_backend
):
    url, _ = remote_site
    admin = token("admin")
    made = _create(client, admin, url=f"{url}/page1", organization=organization.slug)
    assert made.status_code == 201, made.json
    assert made.json["token"].startswith("hub_") or len(made.json["token"]) > 20
    assert made.headers["Cache-Control"] == "no-store"
    again = _create(client, admin, url=f"{url}/page1", organization=organization.slug)
    assert again.status_code == 409
    unknown = _create(
        client, admin, name="x1", type="gopher", url=url, organization="so-cong-thuong"
    )
    assert unknown.status_code == 422 and "test-json" in unknown.text
    bad_config = _create(
        client, admin, name="x2", url=url, organization="so-cong-thuong", config={"nope": 1}
    )
    assert bad_config.status_code == 422 and "config.nope" in bad_config.text
    publisher = token("publisher", organization)
    assert (
        _create(client, publisher, name="x3", url=url, organization="so-cong-thuong").status_code
        == 403
    )


def test_the_source_token_reads_its_own_jobs_and_item_errors_and_pings(
    app, client, session, token, organization, remote_site, json_backend
):
    url, pages = remote_site
    pages.set("/page1", {"items": [*_items(2), {"id": "b1", "broken": True}]})
    made = _create(client, token("admin"), url=f"{url}/page1", organization=organization.slug)
    own = {"Authorization": f"Bearer {made.json['token']}"}
    other_org = OrganizationFactory(session=session)
    stranger = token("harvester", other_org)
    job = _run(session, get_source(session, "cong-so-cong-thuong"))
    jobs = client.get("/api/v1/harvest/sources/cong-so-cong-thuong/jobs", headers=own)
    assert jobs.status_code == 200 and jobs.json["data"][0]["counts"]["failed"] == 1
    assert (
        client.get("/api/v1/harvest/sources/cong-so-cong-thuong", headers=stranger).status_code
        == 404
    )
    items = client.get(f"/api/v1/harvest/jobs/{job.id}/items?failed=true", headers=own)
    assert [i["remote_id"] for i in items.json["data"]] == ["b1"]
    assert "Thiếu tiêu đề" in items.json["data"][0]["error"]
    assert (
        client.get(f"/api/v1/harvest/jobs/{job.id}/items?failed=maybe", headers=own).status_code
        == 400
    )
    shown = client.get(f"/api/v1/harvest/jobs/{job.id}", headers=own).json
    assert (
        "tạo mới 2" in shown["report"]["summary"]["vi"]
        and "2 created" in shown["report"]["summary"]["en"]
    )

    assert (
        client.post(
            "/api/v1/harvest/sources/cong-so-cong-thuong/ping", headers=stranger
        ).status_code
        == 404
    )
    pinged = client.post("/api/v1/harvest/sources/cong-so-cong-thuong/ping", headers=own)
    assert pinged.status_code == 202 and pinged.json["requested_at"]
    session.expire_all()
    assert [s.name for s in due_sources(session)] == ["cong-so-cong-thuong"]


def test_a_component_site_pushes_into_its_own_organization_only(
    client, session, token, organization, remote_site, json_backend
):
    url, _ = remote_site
    made = _create(client, token("admin"), url=f"{url}/page1", organization=organization.slug)
    own = {"Authorization": f"Bearer {made.json['token']}"}
    other = OrganizationFactory(session=session)
    body = {"title_vi": "Danh mục dự án đầu tư", "content_type": "statistics"}
    pushed = client.post(
        "/api/v1/datasets", json=body | {"organization": organization.slug}, headers=own
    )
    assert pushed.status_code == 201, pushed.json
    refused = client.post("/api/v1/datasets", json=body | {"organization": other.slug}, headers=own)
    assert refused.status_code == 403


def test_the_summary_counts_jobs_per_source(client, session, token, remote_site, make_source):
    _, pages = remote_site
    pages.set("/page1", {"items": _items(2)})
    source = make_source()
    _run(session, source)
    _run(session, source)
    summary = client.get("/api/v1/harvest/summary", headers=token("admin"))
    [row] = summary.json["sources"]
    assert (row["jobs"], row["created"], row["by_status"]) == (2, 2, {"succeeded": 2})
    assert (
        client.get("/api/v1/harvest/summary?from=yesterday", headers=token("admin")).status_code
        == 400
    )


def test_the_commands_register_preview_run_list_and_remove(
    app, session, remote_site, organization, json_backend, local_fetches
):
    url, pages = remote_site
    pages.set("/page1", {"items": _items(2)})
    runner = app.test_cli_runner()

    def hub(*args):
        return runner.invoke(main, list(args))

    added = hub(
        "harvest",
        "source",
        "add",
        "stc",
        "--type",
        "test-json",
        "--url",
        f"{url}/page1",
        "--org",
        organization.slug,
    )
    assert added.exit_code == 0, added.output
    assert "shown once" in added.output
    assert "test-json" in hub("harvest", "source", "list").output
    assert '"name": "stc"' in hub("harvest", "source", "show", "stc").output
    preview = hub("harvest", "run", "stc", "--dry-run")
    assert preview.exit_code == 0 and "dry run" in preview.output and "2 created" in preview.output
    done = hub("harvest", "run", "stc")
    assert done.exit_code == 0 and "2 created" in done.output
    listed = hub("harvest", "jobs", "stc").output.splitlines()
    assert len(listed) == 2 and "(dry run)" in listed[1]
    assert hub("harvest", "schedule").exit_code == 0  # daily: not due again yet
    assert len(hub("harvest", "jobs", "stc").output.splitlines()) == 2
    bad = hub(
        "harvest",
        "source",
        "add",
        "x",
        "--type",
        "test-json",
        "--url",
        url,
        "--org",
        organization.slug,
        "--config",
        "{nope",
    )
    assert bad.exit_code != 0 and "not JSON" in bad.output
    assert hub("harvest", "source", "remove", "stc").exit_code == 0
    assert hub("harvest", "source", "show", "stc").exit_code == 1


def test_a_component_site_pushes_through_the_ckan_write_actions(
    client, session, token, organization, remote_site, json_backend
):
    url, _ = remote_site
    made = _create(client, token("admin"), url=f"{url}/page1", organization=organization.slug)
    own = {"Authorization": made.json["token"]}  # CKAN clients send the bare token
    other = OrganizationFactory(session=session)
    package = {"name": "du-an-dau-tu-2026", "title": "Dự án đầu tư công 2026"}
    pushed = client.post(
        "/api/3/action/package_create",
        json=package | {"owner_org": organization.slug},
        headers=own,
    )
    assert pushed.status_code == 200 and pushed.json["success"] is True, pushed.json
    refused = client.post(
        "/api/3/action/package_create",
        json=package | {"name": "khac", "owner_org": other.slug},
        headers=own,
    )
    assert refused.status_code == 403 and refused.json["success"] is False
