"""Streamed writers of published records: CSV, JSON, NDJSON and XLSX.

Each writer takes the field specs and an iterable of rows (tuples aligned with the
fields) and yields encoded chunks, so that a response of a million rows keeps memory
flat. Rows are handled in batches and, where possible, column by column with
built-ins: per-cell Python code would dominate the cost of a large export.

Spreadsheet safety: string cells that a spreadsheet could read as a formula (leading
``=``, ``+``, ``-``, ``@``, TAB or CR) get a leading ``'`` in CSV and XLSX. Only
string-typed fields are touched, so negative numbers stay numbers. JSON keeps values
as they are.

XLSX layout: the first sheet has one header row of field names, then the rows;
a second sheet, ``Chú thích - Legend`` (Excel forbids ``/`` in sheet names), lists
every field with its Vietnamese and English labels, unit, description and codes, under
the optional header note (e.g. the citation the publisher asks for).
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime
from itertools import islice
from operator import itemgetter
from typing import Any

from hub.records.schema import FieldSpec
from hub.records.values import TEXT_TYPES

BATCH_ROWS = 2_000
CHUNK_BYTES = 64 * 1024
STRING_TYPES = TEXT_TYPES
FORMULA_STARTS = "=+-@\t\r"
LEGEND_SHEET = "Chú thích - Legend"
# Excel's grid: 1,048,576 rows, one of them the header.
XLSX_MAX_ROWS = 1_048_575
_XLSX_SHEET_NAME_MAX = 31
_XLSX_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
_FORMULA_SET = frozenset(FORMULA_STARTS)
_first = itemgetter(0)
_BOOL_TEXT = {True: "true", False: "false"}


def neutralize(value: str) -> str:
    """``value`` with a leading ``'`` when a spreadsheet would run it as a formula."""
    if value and value[0] in FORMULA_STARTS:
        return "'" + value
    return value


def _neutralize_column(column: Sequence[Any]) -> Sequence[Any] | None:
    """The column with formula-like strings neutralised, or None when none is."""
    try:
        # first characters of the non-empty cells, all in C
        clean = _FORMULA_SET.isdisjoint(map(_first, filter(None, column)))
    except (TypeError, KeyError):  # a cell that is not text
        clean = False
    if clean:
        return None
    return [neutralize(v) if isinstance(v, str) else v for v in column]


def _batches(rows: Iterable[Sequence[Any]], size: int = BATCH_ROWS) -> Iterator[list[Any]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


def _by_column(
    fields: Sequence[FieldSpec], batch: list[Any], fixes: dict[int, Callable[[Any], Any]]
) -> list[Any]:
    """Apply column fixes (each returns the new column, or None to keep it) to a batch."""
    lengths = set(map(len, batch))
    if lengths != {len(fields)}:
        raise ValueError(f"rows have {sorted(lengths)} values, fields {len(fields)}")
    columns: list[Any] | None = None
    for index, fix in fixes.items():
        fixed = fix(list(map(itemgetter(index), batch)))
        if fixed is not None:
            if columns is None:
                columns = list(zip(*batch, strict=True))
            columns[index] = fixed
    return batch if columns is None else list(zip(*columns, strict=True))


def _booleans_as_text(column: Sequence[Any]) -> list[Any]:
    return list(map(_BOOL_TEXT.get, column))


# --- CSV -------------------------------------------------------------------------


def csv_chunks(
    fields: Sequence[FieldSpec], rows: Iterable[Sequence[Any]], *, bom: bool = False
) -> Iterator[bytes]:
    """RFC 4180 CSV in UTF-8: a header of field names, then one line per row.

    Dates are ISO 8601, numbers as Python writes them, booleans ``true``/``false``,
    None an empty cell. ``bom`` prepends the UTF-8 byte order mark, which spreadsheet
    programs need to read the file as UTF-8.
    """
    fixes: dict[int, Callable[[Any], Any]] = {}
    for index, spec in enumerate(fields):
        if spec.type in STRING_TYPES:
            fixes[index] = _neutralize_column
        elif spec.type == "boolean":
            fixes[index] = _booleans_as_text
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([spec.name for spec in fields])
    head = buffer.getvalue().encode("utf-8")
    pending = [codecs.BOM_UTF8 + head if bom else head]
    size = len(pending[0])
    for batch in _batches(rows):
        buffer.seek(0)
        buffer.truncate()
        writer.writerows(_by_column(fields, batch, fixes) if fixes else batch)
        data = buffer.getvalue().encode("utf-8")
        pending.append(data)
        size += len(data)
        if size >= CHUNK_BYTES:
            yield b"".join(pending)
            pending, size = [], 0
    if pending:
        yield b"".join(pending)


# --- JSON ------------------------------------------------------------------------

_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def _iso_column(column: Sequence[Any]) -> list[Any]:
    return [v.isoformat() if isinstance(v, date | datetime) else v for v in column]


def _objects(fields: Sequence[FieldSpec], rows: Iterable[Sequence[Any]]) -> Iterator[list[dict]]:
    names = [spec.name for spec in fields]
    fixes: dict[int, Callable[[Any], Any]] = {
        i: _iso_column for i, spec in enumerate(fields) if spec.type == "date"
    }
    for batch in _batches(rows):
        if fixes:
            batch = _by_column(fields, batch, fixes)
        yield [dict(zip(names, row, strict=True)) for row in batch]


def json_chunks(fields: Sequence[FieldSpec], rows: Iterable[Sequence[Any]]) -> Iterator[bytes]:
    """One JSON array of objects keyed by field name, in UTF-8; dates as ISO 8601."""
    opening = b"["
    for objects in _objects(fields, rows):
        text = _ENCODER.encode(objects)  # "[{...},{...}]": one call per batch
        yield opening + text[1:-1].encode("utf-8")
        opening = b","
    yield b"[]\n" if opening == b"[" else b"]\n"


def ndjson_chunks(fields: Sequence[FieldSpec], rows: Iterable[Sequence[Any]]) -> Iterator[bytes]:
    """Newline-delimited JSON: one object per line, in UTF-8; dates as ISO 8601."""
    encode = _ENCODER.encode
    for objects in _objects(fields, rows):
        lines = "\n".join(map(encode, objects))
        yield (lines + "\n").encode("utf-8")


# --- XLSX ------------------------------------------------------------------------


def sheet_name(title: str, fallback: str = "Data") -> str:
    """A name Excel accepts: no ``[]:*?/\\``, no edge apostrophe, at most 31 characters."""
    name = _XLSX_BAD_SHEET_CHARS.sub(" ", title).strip(" '")[:_XLSX_SHEET_NAME_MAX].strip(" '")
    return name if name and name.casefold() != LEGEND_SHEET.casefold() else fallback


def xlsx_chunks(
    fields: Sequence[FieldSpec],
    rows: Iterable[Sequence[Any]],
    *,
    sheet_title: str,
    header_note: str | None = None,
) -> Iterator[bytes]:
    """An XLSX workbook: the rows on one sheet (more past Excel's row limit), a legend.

    Written with xlsxwriter in constant-memory mode to a temporary file, which is
    then yielded in chunks and deleted, also when the consumer stops early.
    """
    import xlsxwriter  # only the XLSX export needs it

    handle, path = tempfile.mkstemp(prefix="hub-export-", suffix=".xlsx")
    os.close(handle)
    try:
        workbook = xlsxwriter.Workbook(
            path,
            {
                "constant_memory": True,
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "strings_to_numbers": False,
            },
        )
        try:
            _write_workbook(workbook, fields, rows, sheet_title, header_note)
        finally:
            workbook.close()
        with open(path, "rb") as stream:
            while chunk := stream.read(CHUNK_BYTES * 4):
                yield chunk
    finally:
        os.unlink(path)


def _write_workbook(
    workbook: Any,
    fields: Sequence[FieldSpec],
    rows: Iterable[Sequence[Any]],
    title: str,
    header_note: str | None,
) -> None:
    workbook.set_properties({"title": title, "comments": header_note or ""})
    bold = workbook.add_format({"bold": True})
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    date_format = workbook.add_format({"num_format": "dd/mm/yyyy"})
    year_format = workbook.add_format({"num_format": "0"})
    base = sheet_name(title)

    def new_sheet(number: int) -> Any:
        suffix = f" ({number})" if number > 1 else ""
        sheet = workbook.add_worksheet(base[: _XLSX_SHEET_NAME_MAX - len(suffix)] + suffix)
        for col, spec in enumerate(fields):
            sheet.set_column(col, col, 14 if spec.type not in STRING_TYPES else 24)
        sheet.freeze_panes(1, 0)
        sheet.write_row(0, 0, [spec.name for spec in fields], bold)
        return sheet

    kinds = [_XLSX_METHODS.get(spec.type) for spec in fields]
    for spec, kind in zip(fields, kinds, strict=True):
        if kind is None:
            raise ValueError(f"field {spec.name}: no XLSX writer for type {spec.type!r}")
    formats = [{"date": date_format, "year": year_format}.get(spec.type) for spec in fields]
    fixes: dict[int, Callable[[Any], Any]] = {
        i: _xlsx_text_column for i, spec in enumerate(fields) if spec.type in STRING_TYPES
    }
    cells = list(zip(range(len(fields)), formats, strict=True))
    sheets = 1
    sheet = new_sheet(sheets)
    methods = [getattr(sheet, kind) for kind in kinds]
    row_number = 0
    for batch in _batches(rows):
        for row in _by_column(fields, batch, fixes):
            if row_number == XLSX_MAX_ROWS:
                sheets += 1
                sheet, row_number = new_sheet(sheets), 0
                methods = [getattr(sheet, kind) for kind in kinds]
            row_number += 1
            for (col, cell_format), value in zip(cells, row, strict=True):
                if value is not None and value != "":
                    methods[col](row_number, col, value, cell_format)
    _write_legend(workbook.add_worksheet(LEGEND_SHEET), fields, header_note, bold, wrap)


_XLSX_METHODS = {
    **{kind: "write_string" for kind in TEXT_TYPES},
    "integer": "write_number",
    "number": "write_number",
    "year": "write_number",
    "date": "write_datetime",
    "boolean": "write_boolean",
}


def _xlsx_text_column(column: Sequence[Any]) -> list[Any] | None:
    """Text cells as strings (write_string needs them) with formulas neutralised."""
    if _neutralize_column(column) is None:
        return None
    texts = (v if v is None or isinstance(v, str) else str(v) for v in column)
    return [neutralize(v) if v else v for v in texts]


_LEGEND_HEADER = (
    "Trường / Field",
    "Nhãn tiếng Việt / Vietnamese label",
    "Nhãn tiếng Anh / English label",
    "Đơn vị / Unit",
    "Mô tả / Description",
    "Mã / Codes",
)


def _write_legend(
    sheet: Any, fields: Sequence[FieldSpec], header_note: str | None, bold: Any, wrap: Any
) -> None:
    for col, width in enumerate((16, 30, 30, 10, 60, 50)):
        sheet.set_column(col, col, width)
    row = 0
    if header_note:
        sheet.write_string(row, 0, neutralize(header_note), bold)
        row += 2
    for col, text in enumerate(_LEGEND_HEADER):
        sheet.write_string(row, col, text, bold)
    for spec in fields:
        row += 1
        codes = "\n".join(f"{c.code}: {c.vi} ({c.en})" for c in spec.codes)
        cells = (spec.name, spec.label_vi, spec.label_en, spec.unit, spec.description, codes)
        for col, text in enumerate(cells):
            if text:
                sheet.write_string(row, col, neutralize(text), wrap if col >= 4 else None)
