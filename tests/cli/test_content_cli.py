"""``hub legal find|flags``, ``hub english-coverage`` and ``hub import --record-type``."""

from __future__ import annotations

import pytest

from hub.cli import main
from tests.factories import DatasetFactory, OrganizationFactory
from tests.legal.conftest import doc, legal_csv


@pytest.fixture
def hub(app):
    runner = app.test_cli_runner()
    return lambda *args: runner.invoke(main, list(args))


def test_import_find_and_flags_from_the_console(hub, session, tmp_path):
    org = OrganizationFactory(session=session)
    dataset = DatasetFactory(
        session=session, organization=org, state="published", content_type="legal_document"
    )
    path = tmp_path / "van-ban.csv"
    path.write_text(
        legal_csv(
            [
                doc("43/2011/NĐ-CP", "Cung cấp thông tin", "expired"),
                doc("14/2015/QĐ-UBND", "Quy chế", BASED_ON="Nghị định số 43/2011/NĐ-CP"),
            ]
        ),
        encoding="utf-8",
    )
    result = hub("import", dataset.slug, str(path))
    assert result.exit_code == 0, result.output
    found = hub("legal", "find", "Nghị định số 43/2011/ND-CP")
    assert found.exit_code == 0 and "43/2011/NĐ-CP" in found.output and "expired" in found.output
    missing = hub("legal", "find", "1/2099/QĐ-UBND")
    assert missing.exit_code == 1 and "No document numbered" in missing.output
    bad = hub("legal", "find", "1/20x9/QĐ-UBND")
    assert bad.exit_code == 1 and "the year '20x9'" in bad.output
    flags = hub("legal", "flags")
    assert "14/2015/QĐ-UBND" in flags.output and "1 open flag(s)." in flags.output


def test_portal_import_needs_its_record_type_and_english_coverage(hub, session, tmp_path):
    org = OrganizationFactory(session=session, title_en="Justice")
    dataset = DatasetFactory(
        session=session, organization=org, state="published", content_type="portal_content"
    )
    path = tmp_path / "lien-he.csv"
    path.write_text("ID,NAME,POSITION\nc1,Nguyễn Văn An,Giám đốc\n", encoding="utf-8")
    refused = hub("import", dataset.slug, str(path))
    assert refused.exit_code == 1 and "record type" in refused.output
    result = hub("import", dataset.slug, str(path), "--record-type", "contact")
    assert result.exit_code == 0, result.output
    report = hub("english-coverage")
    assert f"{org.slug}: structure, functions, contacts" in report.output
