"""The ``tabular`` backend against real HTTP servers: TCVN3 CSV, XLSX sheets, the column
mapping, config checks and the fetch policy's faults."""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterator
from datetime import UTC, datetime

import openpyxl
import pytest

import hub.records.encodings  # noqa: F401 (registers the tcvn3 codec)
from hub.errors import ValidationFailed
from hub.harvesters import registry
from hub.harvesters.base import GatherFailed, ItemFailed, MappedDataset
from tests.harvesters.site_servers import (
    Site,
    check_mapped,
    claims_two_gigabytes,
    context,
    redirect,
    rows_of,
    running_site,
    save_and_import,
    server_error,
    truncated,
)

COLUMNS = {
    "Địa bàn": "REF_AREA",
    "Kỳ": "TIME_PERIOD",
    "Giá trị": "OBS_VALUE",
    "Đơn vị": "UNIT_MEASURE",
}
CSV_TEXT = (
    "Dân số trung bình các xã, phường năm 2025\n"
    "\n"
    "Địa bàn,Kỳ,Giá trị,Đơn vị,Ghi chú\n"
    "Phường Minh Hòa,2025,45210,người,Sơ bộ\n"
    "Xã Hòa Bình,2025,12873,người,\n"
    "Đặc khu Cồn Cỏ,2025,2418,người,Ước tính\n"
)
STATISTICS = {"columns": COLUMNS, "content_type": "statistics", "title_vi": "Dân số các xã"}


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    with running_site() as running:
        yield running


def _harvest(site: Site, url: str, config: dict) -> tuple[MappedDataset, list[str]]:
    ctx = context("tabular", url, config)
    backend = registry.backend("tabular")
    [item] = list(backend.gather(ctx))
    assert item.remote_id == url
    return backend.map_item(ctx, item), ctx.notes


def test_tcvn3_csv_maps_to_nfc_vietnamese(site: Site) -> None:
    body = CSV_TEXT.encode("tcvn3")
    assert body != CSV_TEXT.encode("utf-8")
    url = site.static(
        "/dan-so.csv", body, "text/csv", {"Last-Modified": "Sun, 22 Nov 2026 01:00:00 GMT"}
    )
    ctx = context("tabular", url, STATISTICS)
    backend = registry.backend("tabular")
    [item] = list(backend.gather(ctx))
    assert item.modified == datetime(2026, 11, 22, 1, tzinfo=UTC)
    assert item.title == "Dân số các xã"
    mapped = backend.map_item(ctx, item)
    fields = check_mapped(mapped)
    assert fields["content_type"] == "statistics"
    assert mapped.records is not None
    assert mapped.records.mode == "replace" and mapped.records.record_type is None
    assert mapped.records.file_name.endswith(".csv")
    mapped.records.data.decode("utf-8")  # UTF-8 CSV
    rows = rows_of(mapped)
    assert [r["REF_AREA"] for r in rows] == ["Phường Minh Hòa", "Xã Hòa Bình", "Đặc khu Cồn Cỏ"]
    assert all(unicodedata.is_normalized("NFC", r["REF_AREA"]) for r in rows)
    assert rows[0] == {
        "REF_AREA": "Phường Minh Hòa",
        "TIME_PERIOD": "2025",
        "OBS_VALUE": "45210",
        "UNIT_MEASURE": "người",
    }
    assert any("unmapped columns dropped: Ghi chú" in note for note in ctx.notes)
    [link] = mapped.distributions
    assert (link["url"], link["format"]) == (url, "CSV")


def test_tcvn3_csv_imports_into_a_statistics_dataset(site: Site, session) -> None:
    url = site.static("/dan-so-import.csv", CSV_TEXT.encode("tcvn3"), "text/csv")
    mapped, _notes = _harvest(site, url, STATISTICS)
    _dataset, report = save_and_import(session, mapped)
    assert report.rows_loaded == 3 and report.encoding == "utf-8"


def test_xlsx_sheet_with_a_record_type(site: Site) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Bìa"
    book.active.append(["Danh bạ"])
    sheet = book.create_sheet("Danh bạ")
    sheet.append(["Mã", "Họ và tên", "Chức vụ", "Điện thoại"])
    sheet.append(["gd", "Trần Thị Bình", "Giám đốc", "0233 3852 123"])
    sheet.append(["pgd", "Lê Văn Cường", "Phó Giám đốc", None])
    buffer = io.BytesIO()
    book.save(buffer)
    url = site.static("/files/danh-ba.xlsx", buffer.getvalue(), "application/octet-stream")
    config = {
        "columns": {"Mã": "ID", "Họ và tên": "NAME", "Chức vụ": "POSITION", "Điện thoại": "PHONE"},
        "record_type": "contact",
        "sheet": "Danh bạ",
        "title_vi": "Danh bạ Sở",
        "themes": ["GOVE"],
    }
    mapped, _notes = _harvest(site, url, config)
    fields = check_mapped(mapped)
    assert fields["content_type"] == "portal_content"
    assert mapped.records is not None and mapped.records.record_type == "contact"
    rows = rows_of(mapped)
    assert [r["NAME"] for r in rows] == ["Trần Thị Bình", "Lê Văn Cường"]
    assert mapped.distributions[0]["format"] == "XLSX"


def test_a_mapped_column_missing_from_the_file_fails_the_item(site: Site) -> None:
    url = site.static("/thieu-cot.csv", CSV_TEXT.encode("utf-8"), "text/csv")
    config = {**STATISTICS, "columns": {**COLUMNS, "Tình trạng": "OBS_STATUS"}}
    with pytest.raises(ItemFailed, match="Tình trạng") as failed:
        _harvest(site, url, config)
    assert "Ghi chú" in str(failed.value)  # the columns the file has are listed


def test_headers_match_ignoring_case_and_spacing(site: Site) -> None:
    body = CSV_TEXT.replace("Địa bàn,Kỳ", "ĐỊA  BÀN ,kỳ").encode("utf-8")
    url = site.static("/hoa-thuong.csv", body, "text/csv")
    mapped, _notes = _harvest(site, url, STATISTICS)
    assert len(rows_of(mapped)) == 3


@pytest.mark.parametrize(
    "config, field",
    [
        ({"columns": COLUMNS}, "config.record_type"),
        ({**STATISTICS, "record_type": "article"}, "config.record_type"),
        (
            {**STATISTICS, "columns": {"A": "NOT_A_FIELD"}, "content_type": "budget"},
            "config.columns",
        ),
        ({**STATISTICS, "columns": {"A": "X", "B": "X"}}, "config.columns"),
        ({**STATISTICS, "colums": {}}, "config.colums"),
        ({"content_type": "statistics"}, "config.columns"),
    ],
)
def test_config_is_checked(config: dict, field: str) -> None:
    with pytest.raises(ValidationFailed) as failed:
        registry.validate_config("tabular", config)
    assert field in [error.field for error in failed.value.errors]


@pytest.mark.parametrize(
    "path, route, message",
    [
        ("/busy.csv", server_error, "HTTP 500"),
        ("/cut.csv", truncated, "truncated"),
        ("/huge.csv", claims_two_gigabytes, "too_large"),
        ("/moved.csv", redirect("http://10.0.0.1/data.csv"), "refused_address"),
    ],
)
def test_fetch_faults_fail_the_gather(site: Site, path: str, route, message: str) -> None:
    url = site.handler(path, route)
    ctx = context("tabular", url, STATISTICS, max_bytes=64 * 1024)
    with pytest.raises(GatherFailed, match=message):
        list(registry.backend("tabular").gather(ctx))
