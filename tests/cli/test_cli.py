"""The ``hub`` command group, driven through Flask's CLI runner against the test app."""

from __future__ import annotations

import json

import pytest

from hub.auth import service as tokens
from hub.cli import main
from hub.datasets import service
from tests.factories import DatasetFactory, OrganizationFactory


@pytest.fixture
def hub(app):
    runner = app.test_cli_runner()

    def invoke(*args: str):
        return runner.invoke(main, list(args))

    return invoke


def test_org_create_list_show(hub, session):
    result = hub(
        "org",
        "create",
        "ubnd-tinh",
        "--title",
        "Ủy ban nhân dân tỉnh",
        "--kind",
        "province",
        "--code",
        "000.00.00.H49",
    )
    assert result.exit_code == 0, result.output
    assert "Created organization ubnd-tinh" in result.output
    result = hub(
        "org",
        "create",
        "so-tai-chinh",
        "--title",
        "Sở Tài chính",
        "--parent",
        "ubnd-tinh",
        "--code",
        "000.00.11.H49",
        "--website",
        "https://stc.minhhoa.example",
    )
    assert result.exit_code == 0, result.output
    listing = hub("org", "list").output.splitlines()
    assert "so-tai-chinh\t000.00.11.H49\tdepartment\tSở Tài chính" in listing
    shown = json.loads(hub("org", "show", "000.00.11.H49").output)
    assert shown["slug"] == "so-tai-chinh" and shown["website"] == "https://stc.minhhoa.example"


@pytest.mark.parametrize(
    "args, message",
    [
        (["org", "create", "Bad Slug", "--title", "X"], "slug"),
        (["org", "create", "ok-slug", "--title", "X", "--code", "H49"], "agency_code"),
        (["org", "create", "ok-slug", "--title", "X", "--parent", "nowhere"], "parent"),
        (["org", "show", "nowhere"], "does not exist"),
        (["dataset", "show", "nowhere"], "does not exist"),
        (["dataset", "submit", "nowhere"], "does not exist"),
        (["token", "create", "--role", "publisher"], "needs an organization"),
        (["token", "revoke", "hub_nothing"], "does not exist"),
        (["org", "merge", "nowhere", "other"], "does not exist"),
    ],
)
def test_errors_print_one_line_and_exit_non_zero(hub, session, args, message):
    result = hub(*args)
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ")
    assert message in lines[0]
    assert "Traceback" not in result.output


def test_duplicate_org_is_refused(hub, session):
    assert hub("org", "create", "so-y-te", "--title", "Sở Y tế").exit_code == 0
    result = hub("org", "create", "so-y-te", "--title", "Sở Y tế")
    assert result.exit_code == 1 and "already in use" in result.output


def test_org_merge_keeps_old_slug_resolving(hub, session):
    old = OrganizationFactory(session=session, slug="xa-cu", kind="commune")
    OrganizationFactory(session=session, slug="xa-moi", kind="commune")
    DatasetFactory(session=session, organization=old, slug="du-lieu-xa-cu")
    result = hub("org", "merge", "xa-cu", "xa-moi", "--reason", "Sắp xếp đơn vị hành chính")
    assert result.exit_code == 0, result.output
    assert json.loads(hub("org", "show", "xa-cu").output)["slug"] == "xa-moi"
    listing = hub("dataset", "list", "--org", "xa-cu").output
    assert "du-lieu-xa-cu" in listing
    assert "xa-cu" in hub("org", "list", "--all").output
    assert "xa-cu\t" not in hub("org", "list").output


def test_token_create_prints_secret_alone_on_last_line(hub, session):
    org = OrganizationFactory(session=session)
    result = hub(
        "token",
        "create",
        "--org",
        org.slug,
        "--role",
        "publisher",
        "--user",
        "can-bo-a",
        "--expires-days",
        "30",
    )
    assert result.exit_code == 0, result.output
    secret = result.output.strip().splitlines()[-1]
    assert secret.startswith("hub_") and " " not in secret
    who = tokens.authenticate(session, secret)
    assert who.role == "publisher" and who.organization_id == org.id
    listing = hub("token", "list").output
    assert secret not in listing and secret[:12] in listing and "active" in listing
    token_id = listing.split("\t")[0]
    assert hub("token", "revoke", secret[:12]).exit_code == 0
    assert "revoked" in hub("token", "list").output
    assert token_id in hub("token", "list").output


def test_dataset_review_commands(hub, session):
    org = OrganizationFactory(session=session)
    draft = DatasetFactory(session=session, organization=org, slug="ngan-sach-2025")
    assert hub("dataset", "submit", draft.slug).output.strip() == "ngan-sach-2025: pending"
    assert hub("dataset", "publish", draft.slug).output.strip() == "ngan-sach-2025: published"
    missing_reason = hub("dataset", "withdraw", draft.slug)
    assert missing_reason.exit_code == 2 and "--reason" in missing_reason.output
    result = hub("dataset", "withdraw", draft.slug, "--reason", "Số liệu sai, cần đính chính")
    assert result.output.strip() == "ngan-sach-2025: withdrawn"
    again = hub("dataset", "withdraw", draft.slug, "--reason", "Lần nữa")
    assert again.exit_code == 1 and "Cannot withdraw" in again.output
    shown = json.loads(hub("dataset", "show", draft.slug).output)
    assert shown["state"] == "withdrawn" and shown["state_reason"] == "Số liệu sai, cần đính chính"


def test_publish_a_draft_submits_first(hub, session, admin):
    dataset = DatasetFactory(session=session)
    assert hub("dataset", "publish", dataset.slug).exit_code == 0
    actions = [e.action for e in service.audit_trail(session, admin, dataset.id)]
    assert actions == ["create", "submit", "approve"]


def test_dataset_list_filters(hub, session):
    org = OrganizationFactory(session=session)
    DatasetFactory(session=session, organization=org, slug="a-published", state="published")
    DatasetFactory(session=session, organization=org, slug="b-draft", content_type="budget")
    published = hub("dataset", "list", "--state", "published").output
    assert "a-published" in published and "b-draft" not in published
    budget = hub("dataset", "list", "--type", "budget").output
    assert "b-draft" in budget and "a-published" not in budget


def test_import_records_from_a_file(hub, session, tmp_path):
    from tests.records.conftest import POPULATION

    dataset = DatasetFactory(session=session, content_type="statistics", state="published")
    good = tmp_path / "dan-so.csv"
    good.write_text(POPULATION, encoding="utf-8")
    result = hub("import", dataset.slug, str(good))
    assert result.exit_code == 0, result.output
    assert "4 rows imported, 0 invalid (version 1; csv, utf-8)" in result.output
    bad = tmp_path / "sai.csv"
    bad.write_text(POPULATION + "Xã E;2024;nhiều;người;A\n", encoding="utf-8")
    result = hub("import", dataset.slug, str(bad))
    assert result.exit_code == 1
    assert "row 6 OBS_VALUE: not a number ('nhiều')" in result.output
    assert "1 of 5 rows are not valid; nothing was imported" in result.output
    result = hub("import", dataset.slug, str(bad), "--on-error", "skip")
    assert result.exit_code == 0 and "4 rows imported, 1 invalid (version 2" in result.output
