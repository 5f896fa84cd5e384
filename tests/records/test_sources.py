"""Reading uploaded tables: formats, delimiters, headers, encodings and hostile files.

No database: these tests build their files in memory (XLSX with openpyxl, hostile zips
with zipfile) and read them through ``open_table``.
"""

from __future__ import annotations

import io
import json
import time
import tracemalloc
import unicodedata
import zipfile
from collections.abc import Iterator
from datetime import datetime

import openpyxl
import pytest

from hub.records import xlsx
from hub.records.sources import SourceRow, Table, TableError, open_table

FIELDS = {"stt", "tên đơn vị", "dự toán", "thực hiện", "mã", "năm", "tên", "giá trị"}


def score(names: list[str]) -> int:
    return sum(name.lower() in FIELDS for name in names)


def table_of(data: bytes | str, filename: str = "data.csv", **options) -> Table:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return open_table(io.BytesIO(raw), filename, **options)


def rows_of(table: Table) -> list[tuple[int, list, str | None]]:
    return [(row.number, row.cells, row.problem) for row in table.rows]


class OneWay(io.RawIOBase):
    """A non-seekable upload (a pipe, a request body) over chunks of bytes."""

    def __init__(self, chunks: Iterator[bytes] | bytes) -> None:
        self._chunks = iter([chunks]) if isinstance(chunks, bytes) else chunks
        self._pending = b""
        self.read_bytes = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self._pending:
            self._pending = next(self._chunks, b"")
            if not self._pending:
                return 0
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        self.read_bytes += size
        return size


def workbook(build) -> bytes:
    book = openpyxl.Workbook()
    build(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rezip(data: bytes, replace: dict[str, bytes]) -> bytes:
    """The workbook ``data`` with some parts replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, replace.get(info.filename, src.read(info.filename)))
    return out.getvalue()


# -- CSV ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_each_delimiter_is_detected(delimiter):
    d = delimiter
    text = f'Mã{d}Tên{d}Giá trị\n1{d}"Xã A{d} huyện B"{d}10\n2{d}Xã C{d}\n3{d}"Xã ""D"""{d}30\n'
    table = table_of(text)
    assert table.format == "csv"
    assert table.header == ["Mã", "Tên", "Giá trị"]
    assert table.header_row == 1
    assert rows_of(table) == [
        (2, ["1", f"Xã A{d} huyện B", "10"], None),
        (3, ["2", "Xã C", None], None),
        (4, ["3", 'Xã "D"', "30"], None),
    ]


def test_semicolons_win_over_decimal_commas():
    # Excel in Vietnamese saves CSV with ";" between cells and "," in numbers
    text = "Tên;Dân số;Diện tích\nXã A;1,5;20,25\nXã B;12,75;3\nXã C;4;5,5\n"
    table = table_of(text)
    assert table.header == ["Tên", "Dân số", "Diện tích"]
    assert rows_of(table)[0] == (2, ["Xã A", "1,5", "20,25"], None)


def test_a_comma_in_one_cell_of_a_single_column_is_not_a_delimiter():
    table = table_of("Tên\nXã A, huyện B\nXã C\n")
    assert table.header == ["Tên"]
    assert rows_of(table) == [(2, ["Xã A, huyện B"], None), (3, ["Xã C"], None)]


def test_header_only_file():
    table = table_of("Mã;Tên\n")
    assert table.header == ["Mã", "Tên"]
    assert rows_of(table) == []


def test_quoted_newlines_stay_in_the_cell_and_rows_count_records():
    text = 'Mã,Ghi chú\r\n1,"dòng một\r\ndòng hai"\r\n2,"a, ""b"""\r\n3,cuối\r\n'
    table = table_of(text)
    assert rows_of(table) == [
        (2, ["1", "dòng một\r\ndòng hai"], None),
        (3, ["2", 'a, "b"'], None),
        (4, ["3", "cuối"], None),
    ]


def test_bom_is_not_part_of_the_first_name():
    table = table_of(b"\xef\xbb\xbfM\xc3\xa3,T\xc3\xaan\n1,A\n")
    assert table.header == ["Mã", "Tên"]
    assert table.encoding == "utf-8-sig"
    assert rows_of(table) == [(2, ["1", "A"], None)]


def test_utf16_with_bom():
    table = table_of("Mã\tTên\n1\tHà Nội\n".encode("utf-16"))
    assert table.encoding == "utf-16"
    assert table.header == ["Mã", "Tên"]
    assert rows_of(table) == [(2, ["1", "Hà Nội"], None)]


def test_ragged_rows_are_padded_or_cut_and_reported():
    text = "a,b,c,d,e\n1,2,3,4,5\n1,2,3\n1,2,3,4,5,6,7\n1,2,3,4,5,,\n"
    assert rows_of(table_of(text)) == [
        (2, ["1", "2", "3", "4", "5"], None),
        (3, ["1", "2", "3", None, None], "row has 3 cells, the header has 5"),
        (4, ["1", "2", "3", "4", "5"], "row has 7 cells, the header has 5"),
        (5, ["1", "2", "3", "4", "5"], None),  # a trailing delimiter is harmless
    ]


def test_header_names_are_stripped_and_trailing_empty_ones_dropped():
    table = table_of(' Mã ,"Tên\n đơn vị" ,,\n1,A,,\n')
    assert table.header == ["Mã", "Tên đơn vị"]
    assert rows_of(table) == [(2, ["1", "A"], None)]


def test_a_million_empty_lines_before_the_header():
    data = b"\r\n" * 1_000_000 + b"Ma;Ten\r\n" + b";\r\n" * 1000 + b"1;A\r\n"
    started = time.perf_counter()
    table = table_of(data, header_score=score)
    rows = rows_of(table)
    assert time.perf_counter() - started < 10
    assert (table.header, table.header_row) == (["Ma", "Ten"], 1_000_001)
    assert rows == [(1_001_002, ["1", "A"], None)]


def test_a_million_empty_lines_are_skipped_quickly():
    data = b"".join([b"Ma,Ten,Gia tri\n", b"\n" * 1_000_000, b",,\n" * 200_000, b"7,X,1\n"])
    started = time.perf_counter()
    table = table_of(data)
    rows = rows_of(table)
    assert time.perf_counter() - started < 10
    assert table.header == ["Ma", "Ten", "Gia tri"]
    assert rows == [(1_200_002, ["7", "X", "1"], None)]


def test_blank_lines_before_the_header_count_as_rows():
    table = table_of("\n\n,,\nMã,Tên\n1,A\n")
    assert table.header_row == 4
    assert rows_of(table) == [(5, ["1", "A"], None)]


def test_only_blank_lines_is_an_error():
    with pytest.raises(TableError, match="no rows"):
        table_of("\n" * 100_000 + ",,,\n")


def test_header_score_skips_title_rows():
    text = (
        "UBND TỈNH BẾN TRE,,,\n"
        "BIỂU SỐ 46/CK-NSNN,,,\n"
        ",,,\n"
        "Đơn vị: triệu đồng,,,\n"
        "STT,Tên đơn vị,Dự toán,Thực hiện\n"
        "1,Sở Tài chính,100,90\n"
    )
    table = table_of(text, header_score=score)
    assert table.header == ["STT", "Tên đơn vị", "Dự toán", "Thực hiện"]
    assert table.header_row == 5
    assert rows_of(table) == [(6, ["1", "Sở Tài chính", "100", "90"], None)]
    # without a score the first non-blank row is the header
    assert table_of(text).header == ["UBND TỈNH BẾN TRE"]


def test_header_score_ties_and_zero_scores():
    tie = "Mã,Tên\nTên,Mã\n1,A\n"
    assert table_of(tie, header_score=score).header_row == 1
    nothing = "Title\nA,B\n1,2\n"
    assert table_of(nothing, header_score=score).header_row == 1
    better_later = "Mã,x\nMã,Tên\n1,A\n"
    assert table_of(better_later, header_score=score).header_row == 2


def test_header_beyond_the_first_30_rows_is_not_looked_for():
    text = "".join(f"note {i}\n" for i in range(30)) + "Mã,Tên\n1,A\n"
    assert table_of(text, header_score=score).header == ["note 0"]


def test_unclosed_quote_names_the_row():
    text = 'Mã,Ghi chú\n1,ok\n2,"never closed\n' + "3,more text\n" * 120_000
    with pytest.raises(
        TableError, match=r'Row 3 cannot be read: a cell is longer than 1 MB.*quote \("\)'
    ):
        rows_of(table_of(text))  # found while looking for the header, among the first rows


@pytest.mark.parametrize("row", [3, 9000])
def test_nul_byte_names_the_row(row):
    lines = [b"Ma,Ten\n"] + [b"%d,Xa A\n" % i for i in range(2, 10_001)]
    lines[row - 1] = b"%d,X\x00a\n" % row
    with pytest.raises(TableError, match=f"Row {row} contains a NUL byte"):
        rows_of(table_of(b"".join(lines)))


def test_mixed_encoding_names_the_row():
    lines = ["Mã,Tên\n".encode()] + [f"{i},Xã Tân Phú {i}\n".encode() for i in range(2, 10_001)]
    lines[4999] = b"5000," + "H\u00e0 N\u00f4\u0323i".encode("cp1258") + b"\n"  # Windows-1258
    table = table_of(b"".join(lines))
    seen = []
    with pytest.raises(TableError) as caught:
        for row in table.rows:
            seen.append(row.number)
    assert str(caught.value) == (
        "Row 5000 is not valid UTF-8: the file mixes encodings. Save it again as UTF-8."
    )
    assert seen and seen[-1] < 5000


def test_mixed_encoding_while_sniffing_the_delimiter_names_the_row():
    # long lines: row 20 lies past the encoding sample but within the 30 rows sniffed
    lines = ["Mã,Ghi chú\n".encode()] + [f"{i},{'ô' * 2500}\n".encode() for i in range(2, 40)]
    lines[19] = b"20," + "H\u00e0 N\u00f4\u0323i".encode("cp1258") + b"\n"
    with pytest.raises(TableError, match="^Row 20 is not valid UTF-8"):
        table_of(b"".join(lines))


def test_windows_1258_comes_out_composed():
    text = (
        "Tên đơn vị;Địa bàn;Ghi chú\n"
        "Sở Tài chính;Thành phố Bến Tre;Số liệu đã được kiểm tra\n"
        "Ủy ban nhân dân huyện;Huyện Mỏ Cày Nam;Dự toán năm nay tăng so với năm trước\n"
        "Trường học;Xã Phước Thạnh;Chưa có báo cáo chính thức\n"
    )
    table = table_of(cp1258(text))
    assert table.encoding == "cp1258"
    assert table.header == ["Tên đơn vị", "Địa bàn", "Ghi chú"]
    rows = rows_of(table)
    assert rows[1] == (
        3,
        ["Ủy ban nhân dân huyện", "Huyện Mỏ Cày Nam", "Dự toán năm nay tăng so với năm trước"],
        None,
    )
    assert all(unicodedata.is_normalized("NFC", cell) for row in rows for cell in row[1])


def cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese software writes it: â, ơ, đ, ... whole, tone marks apart."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            tones = "".join(c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323")
            letter = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
            out += letter.encode("cp1258") + tones.encode("cp1258")
    return bytes(out)


def test_plain_iteration_is_fast_and_memory_stays_flat():
    def lines() -> Iterator[bytes]:
        yield b"id,name,district,amount,date,note\n"
        for i in range(0, 100_000, 1000):
            yield b"".join(
                b'%d,X\xc3\xa3 %d,Huy\xe1\xbb\x87n B,%d,2024-01-02,"a, b"\n' % (n, n, n * 7)
                for n in range(i, i + 1000)
            )

    started = time.perf_counter()
    assert sum(1 for _ in open_table(OneWay(lines()), "big.csv").rows) == 100_000
    assert time.perf_counter() - started < 3  # about 0.2 s; a per-row slowdown shows

    tracemalloc.start()
    try:
        table = open_table(OneWay(lines()), "big.csv")
        last = None
        for last in table.rows:  # noqa: B007
            pass
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert last == SourceRow(
        100_001, ["99999", "Xã 99999", "Huyện B", "699993", "2024-01-02", "a, b"]
    )
    assert peak < 4 << 20  # the rows themselves would take tens of MB


def test_the_callers_stream_is_left_open():
    stream = io.BytesIO(b"a,b\n1,2\n")
    rows_of(open_table(stream, "x.csv"))
    assert not stream.closed


# -- Format checks --------------------------------------------------------------------------------


def test_xls_asks_for_xlsx_or_csv():
    with pytest.raises(TableError, match=r"\.xls.*\.xlsx.*CSV"):
        table_of(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "old.xls")


@pytest.mark.parametrize("filename", ["report.pdf", "data", "data.xml"])
def test_unknown_formats_are_refused(filename):
    with pytest.raises(TableError, match="cannot be imported"):
        table_of("a,b\n1,2\n", filename)


def test_empty_file():
    with pytest.raises(TableError, match="empty"):
        table_of(b"", "x.csv")


def test_xlsx_that_is_really_a_csv():
    with pytest.raises(TableError, match=r"named \.xlsx but is not an Excel workbook.*text"):
        table_of("Mã,Tên\n1,A\n", "data.xlsx")


def test_csv_that_is_really_a_workbook():
    data = workbook(lambda book: book.active.append(["a"]))
    with pytest.raises(TableError, match=r"named \.csv but is an Excel workbook"):
        table_of(data, "data.csv")


def test_csv_that_is_really_json():
    with pytest.raises(TableError, match=r"named \.csv but contains JSON"):
        table_of('[{"a": 1}]', "data.csv")


def test_a_csv_header_cell_in_brackets_is_not_json():
    assert table_of("[STT],Tên\n1,A\n").header == ["[STT]", "Tên"]


def test_password_protected_workbook():
    with pytest.raises(TableError, match="password-protected"):
        table_of(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "secret.xlsx")


# -- Size limit -----------------------------------------------------------------------------------


def test_max_bytes_on_a_non_seekable_stream_is_enforced_while_reading():
    def chunks() -> Iterator[bytes]:
        yield b"a,b\n"
        while True:
            yield b"1,2\n" * 16_384

    upload = OneWay(chunks())
    table = open_table(upload, "x.csv", max_bytes=1 << 20)
    with pytest.raises(TableError, match=r"^The file is larger than the limit of 1 MB\.$"):
        rows_of(table)
    assert upload.read_bytes <= (1 << 20) + (1 << 17)  # stopped as soon as it was exceeded


def test_max_bytes_on_a_seekable_stream_is_enforced_at_open():
    stream = io.BytesIO(b"a,b\n" + b"1,2\n" * 1000)
    stream.seek(0)
    with pytest.raises(TableError, match="limit of 3.9 KB"):
        open_table(stream, "x.csv", max_bytes=4000)
    assert rows_of(open_table(io.BytesIO(b"a,b\n1,2\n"), "x.csv", max_bytes=8))[0][0] == 2


def test_max_bytes_on_a_non_seekable_workbook():
    data = workbook(lambda book: [book.active.append([i, "x" * 50]) for i in range(2000)])
    with pytest.raises(TableError, match="larger than the limit"):
        open_table(OneWay(data), "x.xlsx", max_bytes=len(data) - 1)
    table = open_table(OneWay(data), "x.xlsx", max_bytes=len(data))
    assert len(rows_of(table)) == 1999


# -- XLSX -----------------------------------------------------------------------------------------


def budget_sheet(book) -> None:
    ws = book.active
    ws.title = "Tổng hợp"
    ws["A1"] = "UBND TỈNH BẾN TRE"
    ws.merge_cells("A1:E1")
    ws["A2"] = "BIỂU SỐ 46/CK-NSNN"
    ws.merge_cells("A2:E2")
    ws["A4"] = "STT"
    ws.merge_cells("A4:A5")
    ws["B4"] = "Tên đơn vị"
    ws.merge_cells("B4:B5")
    ws["C4"] = "Dự toán"
    ws.merge_cells("C4:D4")
    ws["C5"] = "Tổng số"
    ws["D5"] = "Trong đó\nchi thường xuyên"
    ws["E4"] = "Ghi chú"
    ws.merge_cells("E4:E5")
    ws.append([1, "  Sở Tài chính ", 1200.5, 800, None])
    ws.append([2, "Sở Y tế", 3000, 2500, "  "])
    other = book.create_sheet("Ghi chú")
    other.append(["Mã", "Năm"])
    other.append(["A", 2024])


def test_xlsx_two_row_header_below_titles():
    table = table_of(workbook(budget_sheet), "budget.xlsx", header_score=score)
    assert table.format == "xlsx"
    assert table.encoding is None
    assert table.sheet == "Tổng hợp"
    assert table.header == [
        "STT",
        "Tên đơn vị",
        "Dự toán - Tổng số",
        "Dự toán - Trong đó chi thường xuyên",
        "Ghi chú",
    ]
    assert table.header_row == 5
    assert rows_of(table) == [
        (6, [1, "Sở Tài chính", 1200.5, 800, None], None),
        (7, [2, "Sở Y tế", 3000, 2500, None], None),
    ]


def test_xlsx_group_row_chosen_without_score_moves_to_the_sub_row():
    def build(book):
        ws = book.active
        ws.append(["Tên", "Dân số", None])
        ws.merge_cells("A1:A2")
        ws.merge_cells("B1:C1")
        ws.append([None, 2023, 2024])
        ws.append(["Xã A", 100, 110])

    table = table_of(workbook(build), "pop.xlsx")
    assert table.header == ["Tên", "Dân số - 2023", "Dân số - 2024"]
    assert table.header_row == 2
    assert rows_of(table) == [(3, ["Xã A", 100, 110], None)]


def test_xlsx_one_row_header_with_a_merged_cell():
    def build(book):
        ws = book.active
        ws.append(["Mã", "Tên", "Ghi chú", None])
        ws.merge_cells("C1:D1")
        ws.append(["A", "Xã A", "đã", "xong"])

    table = table_of(workbook(build), "x.xlsx")
    # the row below has a value outside the merged cell: data, not sub-columns
    assert table.header == ["Mã", "Tên", "Ghi chú", "Ghi chú"]
    assert table.header_row == 1
    assert rows_of(table) == [(2, ["A", "Xã A", "đã", "xong"], None)]


def test_xlsx_named_sheet_values_and_sparse_rows():
    def build(book):
        ws = book.active
        ws.title = "Bìa"
        ws["A1"] = "cover"
        data = book.create_sheet("Số liệu")
        data.append(["Mã", "Ngày", "Đúng", "Số", None, None])
        data.append([" A ", datetime(2024, 5, 1, 8, 30), True, 0, None, None])
        data["A6"] = "B"
        data["H6"] = "stray"

    table = table_of(workbook(build), "x.xlsx", sheet="Số liệu")
    assert table.sheet == "Số liệu"
    assert table.header == ["Mã", "Ngày", "Đúng", "Số"]
    assert rows_of(table) == [
        (2, ["A", datetime(2024, 5, 1, 8, 30), True, 0], None),
        (6, ["B", None, None, None], "row has a value in column H, which has no header"),
    ]
    assert table_of(workbook(build), "x.xlsx", sheet=" số LIỆU ").sheet == "Số liệu"


def test_xlsx_missing_sheet_lists_the_sheets():
    with pytest.raises(TableError) as caught:
        table_of(workbook(budget_sheet), "x.xlsx", sheet="Sheet9")
    assert str(caught.value) == (
        "The workbook has no sheet named “Sheet9”. Its sheets are: “Tổng hợp”, “Ghi chú”."
    )


def test_xlsx_empty_sheet():
    with pytest.raises(TableError, match="is empty"):
        table_of(workbook(lambda book: None), "x.xlsx")


def test_xlsx_from_a_non_seekable_stream():
    table = open_table(OneWay(workbook(budget_sheet)), "b.xlsx", sheet="Ghi chú")
    assert table.header == ["Mã", "Năm"]
    assert rows_of(table) == [(2, ["A", 2024], None)]


def test_xlsx_zip_bomb_is_refused_before_openpyxl(monkeypatch):
    def never(*args, **kwargs):
        raise AssertionError("openpyxl must not see a zip bomb")

    monkeypatch.setattr(xlsx.openpyxl, "load_workbook", never)
    bomb = io.BytesIO()
    zeros = bytes(1 << 22)
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            for _ in range(512):  # 2 GiB of zeros
                member.write(zeros)
    assert bomb.tell() < 16 << 20
    bomb.seek(0)
    with pytest.raises(TableError, match=r"refused for safety: .* 2048 MB from only"):
        open_table(bomb, "bomb.xlsx")


def test_xlsx_too_large_once_unpacked(monkeypatch):
    monkeypatch.setattr(xlsx, "MAX_UNPACKED", 64 << 10)
    data = workbook(lambda book: [book.active.append([i, f"x{i}" * 20]) for i in range(2000)])
    with pytest.raises(TableError, match="unpacks to .* more than"):
        table_of(data, "x.xlsx")


def test_xlsx_encrypted_member():
    data = bytearray(workbook(budget_sheet))
    # zipfile cannot write encrypted members: set the flag in the central directory
    entry = data.find(b"PK\x01\x02")
    while entry >= 0:
        name_size = int.from_bytes(data[entry + 28 : entry + 30], "little")
        if data[entry + 46 : entry + 46 + name_size] == b"xl/worksheets/sheet1.xml":
            data[entry + 8] |= 0x1
        entry = data.find(b"PK\x01\x02", entry + 1)
    assert zipfile.ZipFile(io.BytesIO(data)).getinfo("xl/worksheets/sheet1.xml").flag_bits & 1
    with pytest.raises(TableError, match="encrypted. Remove the password"):
        table_of(bytes(data), "x.xlsx")


def test_zip_that_is_not_a_workbook():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<document/>")
    with pytest.raises(TableError, match="zip archive but not an Excel workbook"):
        table_of(out.getvalue(), "x.xlsx")


def test_damaged_zip():
    data = workbook(budget_sheet)
    with pytest.raises(TableError, match="damaged"):
        table_of(data[: len(data) // 2], "x.xlsx")


XXE_SHEET = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file://{path}">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Tên</t></is></c></row>
<row r="2"><c r="A2" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData>
<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>"""


def test_xlsx_external_entity_is_never_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-42")
    assert openpyxl.DEFUSEDXML
    sheet = XXE_SHEET.format(path=secret).encode()
    data = rezip(
        workbook(lambda book: book.active.append(["x"])), {"xl/worksheets/sheet1.xml": sheet}
    )
    with pytest.raises(TableError, match="refused for safety") as caught:
        table = table_of(data, "x.xlsx")
        rows_of(table)  # not reached; would show the secret if it were read
    seen = []
    error: BaseException | None = caught.value
    while error is not None:
        seen.append(str(error))
        error = error.__cause__ or error.__context__
    assert "TOP-SECRET-42" not in " ".join(seen)

    # the merged-cell reader parses the same part on its own: it refuses it too
    with zipfile.ZipFile(io.BytesIO(data)) as archive, pytest.raises(TableError, match="safety"):
        xlsx._merges(archive, "xl/worksheets/sheet1.xml", last_row=10)


def test_merged_cells_are_read_around_a_large_sheet_data():
    def build(book):
        ws = book.active
        ws.append(["Nhóm", None, "Khác"])
        ws.merge_cells("A1:B1")
        for i in range(30_000):
            ws.append([i, "y" * 40, i])
        ws.merge_cells("A20000:B20000")

    data = workbook(build)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert xlsx._merges(archive, "xl/worksheets/sheet1.xml", last_row=5) == [(1, 1, 2, 1)]
        found = xlsx._merges(archive, "xl/worksheets/sheet1.xml", last_row=10**6)
        assert sorted(found) == [(1, 1, 2, 1), (1, 20000, 2, 20000)]


# -- JSON and NDJSON ------------------------------------------------------------------------------


def test_json_array():
    data = [
        {"mã": "A", "giá trị": 1.5, "tags": ["x", "y"]},
        {"giá trị": 2, "mã": "B"},
        {"mã": "C", "tags": {"k": None}},
    ]
    table = table_of(json.dumps(data, ensure_ascii=False), "x.json")
    assert (table.format, table.header, table.header_row) == ("json", ["mã", "giá trị", "tags"], 0)
    assert rows_of(table) == [
        (1, ["A", 1.5, ["x", "y"]], None),
        (2, ["B", 2, None], None),
        (3, ["C", None, {"k": None}], None),
    ]


def test_json_extra_keys_and_non_objects_are_reported():
    table = table_of('[{"a": 1}, {"a": 2, "b": 3, "c": 4}, [1, 2], null, "x"]', "x.json")
    assert rows_of(table) == [
        (1, [1], None),
        (2, [2], "item has fields not in the header: b, c"),
        (3, [None], "item is a list, not a record ({...})"),
        (4, [None], "item is null, not a record ({...})"),
        (5, [None], "item is a text, not a record ({...})"),
    ]


def test_json_with_bom_and_utf16():
    doc = '[{"tên": "Hà Nội"}]'
    assert rows_of(table_of(b"\xef\xbb\xbf" + doc.encode(), "x.json")) == [(1, ["Hà Nội"], None)]
    table = table_of(doc.encode("utf-16"), "x.json")
    assert table.encoding == "utf-16"
    assert rows_of(table) == [(1, ["Hà Nội"], None)]


def test_malformed_json_names_the_item():
    items = ",".join(f'{{"a": {i}}}' for i in range(1, 600))
    table = table_of(f'[{items}, {{"a": 600,, "b": 1}}]', "x.json")
    with pytest.raises(TableError, match=r"^Item 600 is not valid JSON"):
        rows_of(table)


def test_invalid_utf8_in_json_names_the_item():
    # past the sample the encoding is detected from, so the file is taken as UTF-8
    items = [json.dumps({"tên": f"Xã Tân Phú {i}"}, ensure_ascii=False) for i in range(1, 5000)]
    items[3999] = '{"tên": "' + "H\u00e0 N\u00f4\u0323i" + '"}'
    data = ("[" + ",".join(items) + "]").encode("utf-8")
    data = data.replace("H\u00e0 N\u00f4\u0323i".encode(), cp1258("Hà Nội"))
    table = table_of(data, "x.json")
    assert table.encoding == "utf-8"
    with pytest.raises(TableError) as caught:
        rows_of(table)
    assert str(caught.value) == (
        "Item 4000 is not valid UTF-8: the file mixes encodings. Save it again as UTF-8."
    )


def test_truncated_json():
    with pytest.raises(TableError, match="ends in the middle of item 2"):
        rows_of(table_of('[{"a": 1}, {"a": 2', "x.json"))


def test_json_single_object_and_empty_list():
    with pytest.raises(TableError, match="single object"):
        table_of('{\n  "records": [{"a": 1}]\n}', "x.json")
    with pytest.raises(TableError, match="no records"):
        table_of("[ ]", "x.json")
    with pytest.raises(TableError, match="^Item 1 is not a record"):
        table_of("[1, 2]", "x.json")


def test_json_named_file_that_is_not_json():
    with pytest.raises(TableError, match=r"named \.json but does not contain JSON"):
        table_of("a,b\n1,2\n", "x.json")


def test_ndjson():
    text = '{"a": 1, "b": "x"}\n\n{"b": "y", "a": 2, "c": true}\n[3]\n{"a": 4}\n'
    table = table_of(text, "x.ndjson")
    assert (table.format, table.header) == ("ndjson", ["a", "b"])
    assert rows_of(table) == [
        (1, [1, "x"], None),
        (3, [2, "y"], "item has fields not in the header: c"),
        (4, [None, None], "item is a list, not a record ({...})"),
        (5, [4, None], None),
    ]


def test_json_lines_in_a_json_file_are_read_as_ndjson():
    table = table_of('{"a": 1}\n{"a": 2}\n', "x.json")
    assert table.format == "ndjson"
    assert [row.cells for row in table.rows] == [[1], [2]]


def test_json_list_in_an_ndjson_file_is_read_as_json():
    assert table_of('[{"a": 1}]', "x.jsonl").format == "json"


def test_malformed_ndjson_names_the_line():
    text = '{"a": 1}\n{"a": 2}\n{"a": 3,}\n{"a": 4}\n'
    with pytest.raises(TableError, match=r"^Line 3 is not valid JSON"):
        rows_of(table_of(text, "x.ndjson"))
