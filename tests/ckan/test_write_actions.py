"""Write actions as ckanapi calls them, over real HTTP, with real tokens."""

from __future__ import annotations

import json

import ckanapi
import pytest
import requests

from hub.auth import service as tokens
from hub.auth.principal import Principal
from tests.factories import DatasetFactory, OrganizationFactory


@pytest.fixture
def orgs(session):
    finance = OrganizationFactory(session=session, slug="so-tai-chinh", title_vi="Sở Tài chính")
    health = OrganizationFactory(session=session, slug="so-y-te", title_vi="Sở Y tế")
    return finance, health


@pytest.fixture
def secret(session):
    """A real token's secret: ``secret("publisher", org)``."""

    def issue(role: str, organization=None) -> str:
        org = getattr(organization, "slug", organization)
        issued = tokens.create_token(session, Principal.system("test"), role=role, organization=org)
        return issued.secret

    return issue


@pytest.fixture
def ckan_as(live_hub, secret):
    """A ckanapi client holding a fresh token: ``ckan_as("editor", org)``."""
    clients = []

    def make(role: str, organization=None) -> ckanapi.RemoteCKAN:
        client = ckanapi.RemoteCKAN(live_hub, apikey=secret(role, organization), user_agent="t")
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


def package(**changes):
    body = {
        "name": "ngan-sach-2025",
        "title": "Công khai ngân sách 2025",
        "notes": "Dự toán ngân sách tỉnh năm 2025.",
        "owner_org": "so-tai-chinh",
        "tags": [{"name": "ngân sách"}, {"name": "dự toán"}],
        "groups": [{"name": "econ"}],
        "license_id": "cc-by",
        "url": "https://stc.example.gov.vn/ngan-sach",
        "version": "1.0",
        "maintainer": "Phòng Ngân sách",
        "maintainer_email": "ngansach@example.gov.vn",
        "extras": [
            {"key": "title_en", "value": "Budget disclosure 2025"},
            {"key": "notes_en", "value": "The province's 2025 budget."},
            {"key": "frequency", "value": "ANNUAL"},
            {"key": "legal_basis", "value": json.dumps(["Luật Ngân sách nhà nước 2015"])},
        ],
        "resources": [
            {
                "name": "Dự toán (CSV)",
                "url": "https://stc.example.gov.vn/du-toan.csv",
                "format": "csv",
            }
        ],
    }
    body.update(changes)
    return body


def extras(pkg) -> dict[str, str]:
    return {pair["key"]: pair["value"] for pair in pkg["extras"]}


def test_an_editor_creates_a_published_package_that_reads_back(ckan_as, remote, orgs):
    created = ckan_as("editor", orgs[0]).action.package_create(**package())
    assert created["name"] == "ngan-sach-2025" and created["state"] == "active"
    shown = remote.action.package_show(id="ngan-sach-2025")  # anonymous: it is public
    assert shown["id"] == created["id"] and shown["title"] == "Công khai ngân sách 2025"
    assert shown["notes"] == "Dự toán ngân sách tỉnh năm 2025."
    assert shown["organization"]["name"] == "so-tai-chinh"
    assert {t["name"] for t in shown["tags"]} == {"ngân sách", "dự toán"}
    assert [g["name"] for g in shown["groups"]] == ["econ"]
    assert shown["license_id"] == "CC-BY-4.0" and shown["version"] == "1.0"
    assert shown["url"] == "https://stc.example.gov.vn/ngan-sach"
    assert shown["maintainer_email"] == "ngansach@example.gov.vn"
    meta = extras(shown)
    assert meta["title_en"] == "Budget disclosure 2025" and meta["frequency"] == "ANNUAL"
    assert json.loads(meta["legal_basis"]) == ["Luật Ngân sách nhà nước 2015"]
    assert meta["hub_state"] == "published"
    [resource] = shown["resources"]
    assert resource["url"] == "https://stc.example.gov.vn/du-toan.csv"
    assert resource["name"] == "Dự toán (CSV)" and resource["format"] == "CSV"
    assert "ngan-sach-2025" in remote.action.package_list()


def test_a_publisher_package_is_submitted_for_review(ckan_as, remote, orgs):
    publisher = ckan_as("publisher", orgs[0])
    created = publisher.action.package_create(**package())
    assert created["state"] == "draft" and extras(created)["hub_state"] == "pending"
    with pytest.raises(ckanapi.NotFound):
        remote.action.package_show(id="ngan-sach-2025")
    assert publisher.action.package_show(id="ngan-sach-2025")["id"] == created["id"]
    with pytest.raises(ckanapi.NotAuthorized):  # pending belongs to the editorial board
        publisher.action.package_patch(id=created["id"], title="Đổi tên")
    draft = publisher.action.package_create(**package(name="nhap", state="draft", resources=[]))
    assert extras(draft)["hub_state"] == "draft"
    patched = publisher.action.package_patch(id="nhap", title="Bản nháp đã sửa")
    assert patched["title"] == "Bản nháp đã sửa"
    assert ckan_as("editor", orgs[0]).action.package_show(id="ngan-sach-2025")["state"] == "draft"


def test_update_replaces_and_patch_changes_only_what_is_given(ckan_as, orgs):
    editor = ckan_as("editor", orgs[0])
    second = {"name": "Quyết toán", "url": "https://stc.example.gov.vn/quyet-toan.csv"}
    created = editor.action.package_create(**package(resources=package()["resources"] + [second]))
    first_id = created["resources"][0]["id"]
    shown = editor.action.package_show(id=created["id"])
    shown["title"] = "Ngân sách 2025 (điều chỉnh)"
    shown["extras"] = [e for e in shown["extras"] if e["key"] != "notes_en"]
    del shown["maintainer"]
    shown["resources"] = [
        dict(shown["resources"][0], name="Dự toán điều chỉnh"),
        {"name": "Báo cáo", "url": "https://stc.example.gov.vn/bao-cao.pdf", "format": "PDF"},
    ]
    updated = editor.action.package_update(**shown)
    assert updated["title"] == "Ngân sách 2025 (điều chỉnh)" and updated["maintainer"] is None
    assert "notes_en" not in extras(updated) and extras(updated)["title_en"]
    assert [r["name"] for r in updated["resources"]] == ["Dự toán điều chỉnh", "Báo cáo"]
    assert updated["resources"][0]["id"] == first_id  # matched by id, not recreated
    assert {t["name"] for t in updated["tags"]} == {"ngân sách", "dự toán"}

    kept = editor.action.package_update(
        id=created["id"], title="Chỉ tiêu đề", owner_org="so-tai-chinh"
    )
    assert kept["tags"] == [] and kept["notes"] == "" and kept["groups"] == []
    assert len(kept["resources"]) == 2  # resources left out are kept (CKAN 2.10)

    patched = editor.action.package_patch(
        id="ngan-sach-2025", notes="Mô tả mới", extras=[{"key": "frequency", "value": "MONTHLY"}]
    )
    assert patched["title"] == "Chỉ tiêu đề" and patched["notes"] == "Mô tả mới"
    assert extras(patched)["frequency"] == "MONTHLY" and len(patched["resources"]) == 2
    renamed = editor.action.package_patch(id=created["id"], name="ngan-sach-2025-dc")
    assert renamed["name"] == "ngan-sach-2025-dc" and renamed["state"] == "active"


def test_delete_leaves_a_tombstone_for_reviewers(ckan_as, remote, orgs):
    editor = ckan_as("editor", orgs[0])
    created = editor.action.package_create(**package())
    assert editor.action.package_delete(id="ngan-sach-2025") is None
    with pytest.raises(ckanapi.NotFound):
        remote.action.package_show(id="ngan-sach-2025")
    assert editor.action.package_show(id=created["id"])["state"] == "deleted"
    assert "ngan-sach-2025" not in remote.action.package_list()
    editor.action.package_delete(id=created["id"])  # twice is fine, as in CKAN

    publisher = ckan_as("publisher", orgs[0])
    pending = publisher.action.package_create(**package(name="cho-duyet"))
    with pytest.raises(ckanapi.NotAuthorized):
        publisher.action.package_delete(id=pending["id"])
    publisher.action.package_create(**package(name="nhap", state="draft"))
    publisher.action.package_delete(id="nhap")
    with pytest.raises(ckanapi.NotFound):  # only reviewers see tombstones
        publisher.action.package_show(id="nhap")


def test_resources_link_upload_update_delete(ckan_as, remote, orgs, tmp_path, live_hub):
    editor = ckan_as("editor", orgs[0])
    created = editor.action.package_create(**package(resources=[]))
    link = editor.action.resource_create(
        package_id=created["id"], url="https://stc.example.gov.vn/a.json", description="JSON"
    )
    assert link["url"] == "https://stc.example.gov.vn/a.json" and link["name"] == "a.json"
    data = tmp_path / "du-toan.csv"
    data.write_text("ma,ten,so_tien\n1,Giáo dục,1000\n2,Y tế,800\n", encoding="utf-8")
    with data.open("rb") as stream:
        uploaded = editor.action.resource_create(
            package_id="ngan-sach-2025", name="Dự toán", upload=stream
        )
    assert uploaded["url_type"] == "upload" and uploaded["size"] == data.stat().st_size
    assert uploaded["format"] == "CSV" and uploaded["hash"].startswith("sha256:")
    download = uploaded["url"].replace("http://hub.test", live_hub)  # the app's base URL
    assert requests.get(download, timeout=10).content == data.read_bytes()

    changed = editor.action.resource_update(
        id=link["id"], name="Danh mục", url="https://stc.example.gov.vn/b.json", format="JSON"
    )
    assert changed["name"] == "Danh mục" and changed["description"] == ""  # replaced
    assert changed["url"] == "https://stc.example.gov.vn/b.json"
    patched = editor.action.resource_patch(id=uploaded["id"], description="Tệp gốc")
    assert patched["name"] == "Dự toán" and patched["description"] == "Tệp gốc"
    assert remote.action.resource_show(id=link["id"])["name"] == "Danh mục"

    with pytest.raises(ckanapi.ValidationError) as caught:  # a link keeps its URL
        editor.action.resource_update(id=link["id"], name="Không có URL")
    assert caught.value.error_dict["url"] == ["Missing value"]
    liar = tmp_path / "bao-cao.pdf"
    liar.write_text("not a pdf at all", encoding="utf-8")
    with liar.open("rb") as stream, pytest.raises(ckanapi.ValidationError):
        editor.action.resource_create(package_id=created["id"], upload=stream)
    with data.open("rb") as stream, pytest.raises(ckanapi.ValidationError) as caught:
        editor.action.resource_patch(id=uploaded["id"], upload=stream)
    assert "upload" in caught.value.error_dict

    assert editor.action.resource_delete(id=link["id"]) is None
    with pytest.raises(ckanapi.NotFound):
        remote.action.resource_show(id=link["id"])
    assert [r["id"] for r in remote.action.package_show(id=created["id"])["resources"]] == [
        uploaded["id"]
    ]
    with pytest.raises(ckanapi.NotFound):
        editor.action.resource_delete(id="not-a-resource")


def test_only_writers_of_the_organization_may_write(ckan_as, remote, orgs, live_hub, session):
    published = DatasetFactory(session=session, organization=orgs[0], state="published")
    session.commit()
    with pytest.raises(ckanapi.NotAuthorized):
        remote.action.package_create(**package())
    with pytest.raises(ckanapi.NotAuthorized):
        remote.action.package_delete(id=published.slug)
    stranger = ckan_as("publisher", orgs[1])
    with pytest.raises(ckanapi.NotAuthorized):
        stranger.action.package_create(**package())
    with pytest.raises(ckanapi.NotAuthorized):
        stranger.action.package_patch(id=published.slug, title="Chiếm quyền")
    with pytest.raises(ckanapi.NotAuthorized):
        stranger.action.resource_create(package_id=published.slug, url="https://x.example/a")
    with pytest.raises(ckanapi.NotAuthorized):
        ckan_as("editor", orgs[1]).action.package_delete(id=published.slug)
    # A bad token is refused before the action runs, still in CKAN's envelope.
    with pytest.raises(ckanapi.NotAuthorized):
        ckanapi.RemoteCKAN(live_hub, apikey="hub_not-a-token").action.package_create(**package())
    resource_id = ckan_as("editor", orgs[0]).action.resource_create(
        package_id=published.slug, url="https://x.example/a.csv"
    )["id"]
    with pytest.raises(ckanapi.NotAuthorized):
        stranger.action.resource_delete(id=resource_id)
    assert remote.action.package_show(id=published.slug)["title"] == published.title_vi


def test_validation_errors_use_ckan_field_names(ckan_as, orgs):
    editor = ckan_as("editor", orgs[0])
    editor.action.package_create(**package())
    cases = [
        (package(), {"name": ["That URL is already in use."]}),
        (package(name="x-1", owner_org="no-such-org"), "owner_org"),
        (package(name="x-2", owner_org=None), "owner_org"),
        (package(name="x-3", title=""), "title"),
        (package(name="x-4", groups=[{"name": "sport"}]), "groups"),
        (package(name="x-5", license_id="proprietary"), "license_id"),
        (package(name="x-6", maintainer_email="not-an-email"), "maintainer_email"),
        (package(name="x-7", extras=[{"key": "frequency", "value": "SOMETIMES"}]), "frequency"),
        (package(name="x-8", extras=[{"key": "colour", "value": "blue"}]), "extras"),
        (package(name="Không hợp lệ"), "name"),
    ]
    for body, expected in cases:
        with pytest.raises(ckanapi.ValidationError) as caught:
            editor.action.package_create(**body)
        errors = caught.value.error_dict
        assert errors["__type"] == "Validation Error"
        if isinstance(expected, dict):
            assert {k: errors[k] for k in expected} == expected
        else:
            assert expected in errors, (body, errors)
    bad_second = package(
        name="nguyen-tu", resources=[{"url": "https://a.example/x"}, {"url": "ftp:/x"}]
    )
    with pytest.raises(ckanapi.ValidationError) as caught:
        editor.action.package_create(**bad_second)
    resources = caught.value.error_dict["resources"]
    assert resources[0] == {} and "url" in resources[1]
    with pytest.raises(ckanapi.NotFound):  # one transaction: nothing of it was kept
        editor.action.package_show(id="nguyen-tu")


WRONG_TYPES = [
    {"tags": "ngân sách, dự toán"},
    {"tags": ["ngân sách"]},
    {"tags": [{"name": 3}]},
    {"title": 2025},
    {"name": 12},
    {"notes": {"vi": "x"}},
    {"groups": "econ"},
    {"extras": {"frequency": "ANNUAL"}},
    {"extras": [{"key": "frequency", "value": 5}]},
    {"extras": [{"key": "legal_basis", "value": "[not json"}]},
    {"extras": [{"key": "language", "value": "[1, 2]"}]},
    {"resources": "https://a.example/x.csv"},
    {"resources": [1]},
    {"resources": [{"url": 5}]},
    {"license_id": 7},
    {"owner_org": ["so-tai-chinh"]},
    {"maintainer_email": 3},
    {"url": False},
]


@pytest.mark.parametrize("change", WRONG_TYPES, ids=lambda c: next(iter(c)))
def test_wrong_types_are_validation_errors_not_crashes(live_hub, secret, orgs, change):
    response = requests.post(
        f"{live_hub}/api/3/action/package_create",
        json=package(**change),
        headers={"Authorization": secret("editor", orgs[0])},
        timeout=10,
    )
    body = response.json()
    assert response.status_code == 409, body
    assert body["success"] is False and body["error"]["__type"] == "Validation Error"


def test_malformed_bodies_and_targets(live_hub, secret, orgs):
    headers = {"Authorization": secret("editor", orgs[0])}

    def post(name: str, **kwargs) -> requests.Response:
        return requests.post(
            f"{live_hub}/api/3/action/{name}", headers=headers, timeout=10, **kwargs
        )

    as_json = {**headers, "Content-Type": "application/json"}
    response = requests.post(
        f"{live_hub}/api/3/action/package_create", data=b"{oops", headers=as_json, timeout=10
    )
    assert response.status_code == 400 and response.json()["error"]["__type"] == "Bad Request"
    response = requests.post(
        f"{live_hub}/api/3/action/package_create", json=[package()], headers=headers, timeout=10
    )
    assert response.status_code == 400
    assert post("package_update", json={"id": ["x"]}).status_code == 409
    assert post("package_update", json={"id": "no-such-dataset", "title": "x"}).status_code == 404
    assert post("package_patch", json={}).status_code == 409
    assert post("package_delete", json={}).status_code == 409
    assert post("resource_create", json={"url": "https://a.example/x"}).status_code == 409
    assert post("resource_update", json={"id": "nope"}).status_code == 404
    form = post("package_create", data={"name": "form-post", "title": "x", "tags": "a"})
    assert form.status_code == 409 and "tags" in form.json()["error"]
