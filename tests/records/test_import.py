"""Imports through the real service: versions, upserts, validation reports, atomicity."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import func, inspect, select

from hub.datasets.changelog import ChangeLogEntry
from hub.records import service
from hub.records.fields import record_set_of
from hub.records.models import RecordImport
from tests.factories import DatasetFactory, OrganizationFactory
from tests.records.conftest import POPULATION, to_cp1258


def _rows(session, dataset):
    from hub.records.publish import iter_rows

    fields, rows = iter_rows(session, dataset)
    return [dict(zip([f.name for f in fields], row, strict=True)) for row in rows]


def test_csv_with_vietnamese_headers_and_numbers(session, stats, load):
    report = load(stats, POPULATION)
    assert report.status == "succeeded" and report.rows_loaded == 4 and report.version == 1
    assert report.rows_read == 4 and report.format == "csv" and report.encoding == "utf-8"
    rows = _rows(session, stats)
    assert rows[0] == {
        "REF_AREA": "Phường Minh Khai",
        "TIME_PERIOD": "2023",
        "OBS_VALUE": 12345.0,
        "UNIT_MEASURE": "người",
        "OBS_STATUS": "A",
    }
    assert rows[3]["OBS_VALUE"] == 8120.5
    kinds = {d.file_name for d in stats.distributions if d.kind == "generated"}
    assert {"data.csv", "data.xlsx", "datapackage.json", "csv-metadata.json"} <= kinds


def test_headers_match_labels_without_diacritics_in_any_case(session, stats, load):
    text = "DIA BAN,ky,gia tri,DON VI TINH\nXã A,2024,1,ha\n"
    assert load(stats, text).rows_loaded == 1
    assert _rows(session, stats)[0]["UNIT_MEASURE"] == "ha"


def test_replace_makes_a_new_version_and_drops_the_old_table(session, stats, load):
    load(stats, POPULATION)
    first = record_set_of(session, stats).table_name
    report = load(stats, "REF_AREA,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE\nXã B,2025,3,ha\n")
    assert report.version == 2
    record_set = record_set_of(session, stats)
    assert record_set.row_count == 1 and record_set.table_name != first
    assert first not in inspect(session.get_bind()).get_table_names()


def test_upsert_updates_by_key_and_appends_new_rows(session, stats, load):
    load(stats, POPULATION)
    update = (
        "REF_AREA,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE\n"
        "Xã Hòa Bình,2024,9000,người\nXã C,2024,5,người\n"
    )
    report = load(stats, update, mode="upsert")
    assert report.status == "succeeded"
    rows = _rows(session, stats)
    assert len(rows) == 5
    assert [r["OBS_VALUE"] for r in rows if r["REF_AREA"] == "Xã Hòa Bình"] == [8001.0, 9000.0]
    assert rows[-1]["REF_AREA"] == "Xã C", "new rows come after the existing ones"


def test_each_import_is_one_change_log_entry(session, stats, load):
    load(stats, POPULATION)
    before = session.scalar(select(func.count()).select_from(ChangeLogEntry))
    load(stats, POPULATION + "Xã D;2024;1;người;A\n")
    after = session.scalar(select(func.count()).select_from(ChangeLogEntry))
    assert after == before + 1


def test_a_bad_row_aborts_and_leaves_the_previous_version(session, stats, load):
    load(stats, POPULATION)
    bad = POPULATION + "Xã E;2024;nhiều;người;A\nXã F;năm ngoái;1;người;Z\n"
    with pytest.raises(service.ImportFailed) as failed:
        load(stats, bad)
    report = failed.value.report
    assert report.status == "failed" and report.rows_loaded == 0 and report.rows_invalid == 2
    problems = {(p["row"], p["column"]) for p in report.problems}
    assert problems == {(6, "OBS_VALUE"), (7, "TIME_PERIOD"), (7, "OBS_STATUS")}
    assert [p["value"] for p in report.problems if p["row"] == 6] == ["nhiều"]
    assert len(_rows(session, stats)) == 4, "the previous version is untouched"
    assert record_set_of(session, stats).version == 1
    kept = session.scalars(select(RecordImport).where(RecordImport.status == "failed")).all()
    assert len(kept) == 1, "the failed import's report is kept"


def test_skip_invalid_imports_the_good_rows_and_reports_the_others(session, stats, load):
    bad = POPULATION + "Xã E;2024;nhiều;người;A\n"
    report = load(stats, bad, on_error="skip")
    assert report.rows_loaded == 4 and report.rows_invalid == 1
    assert report.problems[0]["row"] == 6


def test_duplicate_keys_are_reported_by_row(session, stats, load):
    dup = POPULATION + "Phường Minh Khai;2023;1;người;A\n"
    with pytest.raises(service.ImportFailed) as failed:
        load(stats, dup)
    assert failed.value.report.problems[0]["row"] == 6
    assert "duplicate key" in failed.value.report.problems[0]["message"]
    report = load(stats, dup, on_error="skip")
    assert report.rows_loaded == 4 and report.rows_invalid == 1
    assert [r["OBS_VALUE"] for r in _rows(session, stats)][0] == 12345.0, "the first one is kept"


def test_statistics_declare_new_columns_as_dimensions(session, stats, load):
    text = (
        "REF_AREA,TIME_PERIOD,Giới tính,OBS_VALUE,UNIT_MEASURE\n"
        "Xã A,2024,Nam,1,người\nXã A,2024,Nữ,2,người\n"
    )
    report = load(stats, text)
    assert report.rows_loaded == 2, "the new dimension joins the key, so these differ"
    record_set = record_set_of(session, stats)
    assert record_set.extra_fields[0]["name"] == "GIOI_TINH"
    assert _rows(session, stats)[1]["GIOI_TINH"] == "Nữ"


def test_other_content_types_refuse_unknown_and_missing_columns(session, org, load):
    budget = DatasetFactory(session=session, organization=org, content_type="budget")
    with pytest.raises(service.ImportFailed, match="Unknown column"):
        load(budget, "FORM,FISCAL_YEAR,COLOUR\n46/CK-NSNN,2024,red\n")
    with pytest.raises(service.ImportFailed, match="Required column"):
        load(budget, "FORM,FISCAL_YEAR\n46/CK-NSNN,2024\n")


def test_datasets_without_records_schema_are_refused(session, org, load):
    other = DatasetFactory(session=session, organization=org, content_type="other")
    with pytest.raises(Exception, match="hold no records"):
        load(other, POPULATION)


def test_publishers_import_only_open_datasets_of_their_organization(session, org, stats, load):
    from tests.factories import principal

    draft = DatasetFactory(session=session, organization=org, content_type="statistics")
    publisher = principal(session, "publisher", org)
    assert load(draft, POPULATION, actor=publisher).status == "succeeded"
    with pytest.raises(Exception, match="may not"):
        load(stats, POPULATION, actor=publisher)  # published: the editors' business
    outsider = principal(session, "publisher", OrganizationFactory(session=session))
    with pytest.raises(Exception, match="may not|does not exist"):
        load(draft, POPULATION, actor=outsider)


def _zip_bomb() -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            zeros = b"\0" * (1 << 20)
            for _ in range(300):  # 300 MiB of zeros, well over the ratio limit
                member.write(zeros)
    return buffer.getvalue()


def _mixed_encodings() -> bytes:
    head = ("REF_AREA,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE\n" + "Xã A,2020,1,ha\n" * 6000).encode()
    return head + to_cp1258("Xã Đông Hòa,2021,2,ha\n")


HOSTILE = {
    "mixed encodings": (_mixed_encodings, "data.csv", "encoding"),
    "zip bomb named xlsx": (_zip_bomb, "data.xlsx", ""),
    "csv named xlsx": (lambda: POPULATION.encode(), "data.xlsx", ""),
    "wrong types": (
        lambda: b"REF_AREA,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE\nA,2020,abc,ha\n",
        "x.csv",
        "",
    ),
    "ragged rows": (
        lambda: b"REF_AREA,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE\nA,2020,1,ha,x,y\n",
        "x.csv",
        "",
    ),
    "duplicate keys": (lambda: (POPULATION + "Xã Hòa Bình;2023;1;người;A\n").encode(), "x.csv", ""),
    "not json": (lambda: b'[{"REF_AREA": "A", ', "data.json", ""),
    "nul in json": (
        lambda: b'[{"REF_AREA": "A\\u0000B", "TIME_PERIOD": "2024", "UNIT_MEASURE": "ha"}]',
        "data.json",
        "",
    ),
    "binary": (lambda: bytes(range(256)) * 100, "data.csv", ""),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_files_are_reported_and_change_nothing(session, stats, load, case):
    load(stats, POPULATION)
    before = record_set_of(session, stats)
    version, table, count = before.version, before.table_name, before.row_count
    make, name, words = HOSTILE[case]
    with pytest.raises(service.ImportFailed) as failed:
        load(stats, make(), name=name)
    report = failed.value.report
    assert report.status == "failed" and report.message
    assert words in report.message.lower() or report.problems
    session.expire_all()
    after = record_set_of(session, stats)
    assert (after.version, after.table_name, after.row_count) == (version, table, count)
    assert len(_rows(session, stats)) == 4


def test_a_file_over_the_size_limit_is_refused_while_streaming(session, stats, load):
    load(stats, POPULATION)
    big = "REF_AREA,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE\n" + "Xã A,2020,1,ha\n" * 20000
    with pytest.raises(service.ImportFailed, match="larger than"):
        load(stats, big, max_bytes=64 * 1024)
    assert len(_rows(session, stats)) == 4


def test_a_million_empty_lines_cost_little(session, stats, load):
    import time

    text = "REF_AREA,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE\n" + "\n" * 1_000_000 + "Xã A,2020,1,ha\n"
    start = time.perf_counter()
    report = load(stats, text)
    assert report.rows_loaded == 1 and time.perf_counter() - start < 10


def test_legacy_encodings_are_converted_to_nfc(session, org, load):
    import unicodedata

    import hub.records.encodings  # noqa: F401  (registers the tcvn3 and vni codecs)

    text = (
        "Địa bàn,Kỳ,Giá trị,Đơn vị tính\n"
        "Xã Đông Hòa,2024,1,người\nPhường Nguyễn Trãi,2024,2,người\n"
    )
    for codec in ("utf-16", "cp1258", "tcvn3", "vni"):
        dataset = DatasetFactory(session=session, organization=org, content_type="statistics")
        data = to_cp1258(text) if codec == "cp1258" else text.encode(codec)
        report = load(dataset, data)
        assert report.rows_loaded == 2, codec
        areas = [r["REF_AREA"] for r in _rows(session, dataset)]
        assert areas == ["Xã Đông Hòa", "Phường Nguyễn Trãi"], codec
        assert all(unicodedata.is_normalized("NFC", a) for a in areas)


def test_xlsx_with_title_rows_and_merged_header_cells(session, stats, load):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Dân số"
    sheet["A1"] = "CỤC THỐNG KÊ TỈNH MINH HÒA"
    sheet["A2"] = "Dân số trung bình theo xã, phường"
    sheet.append([])
    sheet.append(["Địa bàn", "Kỳ", "Giá trị", None, "Tình trạng số liệu"])
    sheet.merge_cells("C4:D4")  # one title over two columns, as offices write them
    sheet.append(["Phường Minh Khai", 2023, 12345, "người", "A"])
    sheet.append(["Xã Hòa Bình", 2024, 8120.5, "người", "E"])
    data = io.BytesIO()
    book.save(data)
    with pytest.raises(service.ImportFailed, match="'Giá trị' appears twice"):
        load(stats, data.getvalue(), name="dan-so.xlsx")  # the merge spans two columns
    sheet.unmerge_cells("C4:D4")
    sheet["D4"] = "Đơn vị tính"
    data = io.BytesIO()
    book.save(data)
    report = load(stats, data.getvalue(), name="dan-so.xlsx", sheet="Dân số")
    assert report.rows_loaded == 2 and report.format == "xlsx"
    assert [r["TIME_PERIOD"] for r in _rows(session, stats)] == ["2023", "2024"]
    assert report.problems == [] and _rows(session, stats)[1]["OBS_VALUE"] == 8120.5


def test_json_and_ndjson(session, stats, load):
    import json as jsonlib

    items = [
        {"REF_AREA": "Xã A", "TIME_PERIOD": "2024", "OBS_VALUE": 1.5, "UNIT_MEASURE": "ha"},
        {"REF_AREA": "Xã B", "TIME_PERIOD": "2024", "OBS_VALUE": "2,5", "UNIT_MEASURE": "ha"},
    ]
    assert load(stats, jsonlib.dumps(items), name="x.json").rows_loaded == 2
    lines = "\n".join(jsonlib.dumps(i, ensure_ascii=False) for i in items)
    report = load(stats, lines, name="x.ndjson", mode="upsert")
    assert report.format == "ndjson" and [r["OBS_VALUE"] for r in _rows(session, stats)] == [
        1.5,
        2.5,
    ]


def test_control_characters_in_names_reach_the_report_written_out(session, stats, load):
    load(stats, POPULATION)  # so that the upsert below cannot declare a dimension
    data = b'[{"REF_AREA": "A", "TIME_PERIOD": "2024", "UNIT_MEASURE": "ha", "X\\u0000Y": 1}]'
    with pytest.raises(service.ImportFailed) as failed:
        load(stats, data, name="x.json", mode="upsert")
    assert "\\x00" in failed.value.report.message and "\x00" not in failed.value.report.message
