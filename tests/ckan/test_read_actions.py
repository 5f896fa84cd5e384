"""Read actions as ckanapi calls them, over real HTTP."""

from __future__ import annotations

import ckanapi
import pytest

from tests.factories import DatasetFactory, OrganizationFactory


@pytest.fixture
def catalog(session):
    org = OrganizationFactory(session=session, slug="so-tai-chinh", title_vi="Sở Tài chính")
    other = OrganizationFactory(session=session, slug="so-y-te", title_vi="Sở Y tế")
    published = [
        DatasetFactory(
            session=session,
            organization=org,
            state="published",
            title_vi=f"Công khai ngân sách {i}",
            themes=["ECON"],
            keywords=["ngân sách", "dự toán"],
        )
        for i in range(3)
    ]
    draft = DatasetFactory(session=session, organization=other, state="draft")
    session.commit()
    return {"org": org, "other": other, "published": published, "draft": draft}


def test_package_list_and_show_speak_ckan(remote, catalog):
    names = remote.action.package_list()
    assert sorted(names) == sorted(d.slug for d in catalog["published"])
    first = catalog["published"][0]
    by_name = remote.action.package_show(id=first.slug)
    by_id = remote.action.package_show(id=str(first.id))
    assert by_name == by_id
    assert by_name["id"] == str(first.id) and by_name["name"] == first.slug
    assert by_name["state"] == "active" and by_name["private"] is False
    assert by_name["organization"]["name"] == "so-tai-chinh"
    assert [g["name"] for g in by_name["groups"]] == ["econ"]
    assert {t["name"] for t in by_name["tags"]} == {"ngân sách", "dự toán"}
    assert by_name["metadata_modified"].count(".") == 1 and "+" not in by_name["metadata_modified"]


def test_a_draft_is_not_found_by_anonymous_callers(remote, catalog):
    with pytest.raises(ckanapi.NotFound):
        remote.action.package_show(id=catalog["draft"].slug)
    with pytest.raises(ckanapi.NotFound):
        remote.action.package_show(id="no-such-dataset")


def test_organizations_groups_tags_licences(remote, catalog):
    assert remote.action.organization_list() == ["so-tai-chinh", "so-y-te"]  # by title
    full = remote.action.organization_list(all_fields=True, sort="name asc")
    assert [o["name"] for o in full] == ["so-tai-chinh", "so-y-te"]
    assert full[0]["package_count"] == 3 and full[1]["package_count"] == 0
    shown = remote.action.organization_show(id="so-tai-chinh", include_datasets=True)
    assert len(shown["packages"]) == 3
    assert "econ" in remote.action.group_list()
    assert remote.action.group_show(id="econ")["package_count"] == 3
    assert remote.action.tag_list() == ["dự toán", "ngân sách"]
    assert "CC-BY-4.0" in {lic["id"] for lic in remote.action.license_list()}
    assert remote.action.site_read() is True


def test_unknown_actions_and_bad_bodies_answer_in_ckan_shape(client, catalog):
    response = client.post("/api/3/action/no_such_action", json={})
    body = response.get_json()
    assert response.status_code == 400 and body["success"] is False
    assert body["error"]["__type"] == "Bad Request"
    response = client.post(
        "/api/3/action/package_show", data="{not json", content_type="application/json"
    )
    assert response.status_code == 400 and "JSON" in response.get_json()["error"]["message"]
    response = client.post("/api/3/action/package_show", json=[1, 2])
    assert response.status_code == 400
    response = client.get("/api/action/package_show")
    assert response.status_code == 409
    assert response.get_json()["error"]["id"] == ["Missing value"]
    assert client.get("/api/3/action/package_list/").status_code == 200  # no redirect
    assert client.get("/api/3").get_json() == {"version": 3}
    response = client.get("/api/3/action/package_delete?id=anything")
    assert response.status_code == 400 and "POST" in response.get_json()["error"]["message"]


def test_revisions_and_activity_of_a_dataset(remote, catalog):
    first = catalog["published"][0]
    revisions = remote.action.package_revision_list(id=first.slug)
    assert revisions and revisions[0]["timestamp"] >= revisions[-1]["timestamp"]
    assert {r["action"] for r in revisions} >= {"approve"}
    activity = remote.action.package_activity_list(id=first.slug, limit=1)
    assert len(activity) == 1 and activity[0]["object_id"] == str(first.id)
    with pytest.raises(ckanapi.NotFound):
        remote.action.package_revision_list(id=catalog["draft"].slug)


def test_extra_parameters_that_ckan_clients_send_are_tolerated(remote, catalog):
    shown = remote.action.organization_show(
        id="so-tai-chinh", include_datasets=False, include_users=True, include_extras=True
    )
    assert shown["name"] == "so-tai-chinh" and "packages" not in shown
    listed = remote.action.organization_list(
        all_fields=True, include_password_hash=True, include_extras=True
    )
    assert {o["name"] for o in listed} == {"so-tai-chinh", "so-y-te"}
    package = remote.action.package_show(id=catalog["published"][0].slug, use_default_schema=True)
    assert package["name"] == catalog["published"][0].slug
