"""XLSX workbooks as streams of rows, for ``sources.open_table``.

The archive is checked before openpyxl parses any of it: a zip with the parts of a
workbook, no encrypted members, and declared sizes that rule out a zip bomb (zipfile
never unpacks more than a member declares). openpyxl then reads in read-only mode, which
streams the sheet, and parses XML with defusedxml (it does so whenever defusedxml is
installed, which ``open_workbook`` insists on).

Read-only worksheets do not expose merged cells, which spreadsheet headers are full of,
so the sheet's ``<mergeCells>`` is read here: the part is streamed with the cells
(``<sheetData>``, nearly all of it) cut out, and what is left goes through defusedxml's
iterparse.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from itertools import chain, islice
from typing import IO, Any
from xml.etree.ElementTree import ParseError

import openpyxl
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse
from openpyxl.utils.cell import get_column_letter, range_boundaries
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from hub.records.sources import (
    HEADER_SEARCH_ROWS,
    HeaderScore,
    SourceRow,
    Table,
    TableError,
    choose_header,
    header_text,
    trim_names,
)

MAX_UNPACKED = 1 << 30  # all members together, as declared in the zip directory
MAX_RATIO = 200  # a member this much smaller packed than unpacked ...
RATIO_FROM = 10 << 20  # ... and at least this large unpacked is a zip bomb
MAX_MEMBERS = 10_000
MAX_MERGES = 50_000  # kept for header rows; more would only be data-row merges
HEAD_LIMIT = 16 << 20  # bytes allowed before <sheetData> (views, column widths)
CHUNK = 1 << 20
_SHEET_DATA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?sheetData\b[^>]*>")
_SHEET_DATA_END = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?sheetData\s*>")
_OVERLAP = 512  # longer than any of those tags: a tag cut by a chunk end is found next time

Merge = tuple[int, int, int, int]  # min_col, min_row, max_col, max_row (1-based)

DAMAGED = (
    "The workbook cannot be opened: it is damaged or not a valid .xlsx file. "
    "Open it in Excel, save it again and upload it."
)
UNSAFE = (
    "The workbook is refused for safety: it contains XML declarations (a DTD or entities) "
    "that Excel never writes."
)


def open_workbook(
    file: IO[bytes],
    *,
    sheet: str | None,
    header_score: HeaderScore | None,
    owned: IO[bytes] | None = None,
) -> Table:
    """Read a sheet of the workbook in the seekable ``file``; ``owned`` is closed with it."""
    if not openpyxl.DEFUSEDXML:
        raise RuntimeError("openpyxl must parse with defusedxml: set OPENPYXL_DEFUSEDXML=True")
    book = archive = None
    try:
        archive = _checked_archive(file)
        try:
            book = openpyxl.load_workbook(file, read_only=True, data_only=True, keep_links=False)
        except Exception as exc:  # openpyxl raises many kinds on a damaged workbook
            raise TableError(UNSAFE if _unsafe(exc) else DAMAGED) from exc
        ws = _worksheet(book, sheet)
        ws.reset_dimensions()  # some writers declare a wrong size; read what is there
        rows = _sheet_rows(ws)
        window = list(islice(rows, HEADER_SEARCH_ROWS + 1))  # one more: a sub-header row
        if not window:
            raise TableError(f"The sheet “{ws.title}” is empty.")
        with archive:
            merges = _merges(archive, ws._worksheet_path, last_row=window[-1][0])
        header_row, header = _header(window, merges, header_score)
    except BaseException:
        if archive is not None:
            archive.close()
        if book is not None:
            book.close()
        if owned is not None:
            owned.close()
        raise
    data = chain((item for item in window if item[0] > header_row), rows)
    return Table(
        format="xlsx",
        encoding=None,
        header=header,
        header_row=header_row,
        rows=_xlsx_rows(data, len(header), book, owned),
        sheet=ws.title,
    )


def _unsafe(exc: BaseException | None) -> bool:
    """Whether defusedxml refused the XML (openpyxl wraps its errors in a ValueError)."""
    while exc is not None:
        if isinstance(exc, DefusedXmlException):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def _checked_archive(file: IO[bytes]) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise TableError(DAMAGED) from exc
    try:
        _check_members(archive.infolist())
    except BaseException:
        archive.close()
        raise
    return archive


def _check_members(members: list[zipfile.ZipInfo]) -> None:
    names = {member.filename for member in members}
    is_workbook = "[Content_Types].xml" in names and any(
        name.endswith("workbook.xml") for name in names
    )
    if not is_workbook or len(members) > MAX_MEMBERS:
        raise TableError(
            "The file is a zip archive but not an Excel workbook. Upload the workbook itself."
        )
    total = 0
    for member in members:
        if member.flag_bits & 0x1:
            raise TableError(
                "The workbook is encrypted. Remove the password in Excel, save it and upload "
                "it again."
            )
        if member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise TableError(
                "The workbook is packed in a way Excel never uses. Open it in Excel, save it "
                "again and upload it."
            )
        if member.file_size > RATIO_FROM and member.file_size > MAX_RATIO * member.compress_size:
            raise TableError(
                f"The workbook is refused for safety: one of its parts would unpack to "
                f"{member.file_size >> 20} MB from only {max(member.compress_size >> 10, 1)} KB "
                "(a “zip bomb”). If the data is genuine, save the sheet as CSV and upload that."
            )
        total += member.file_size
    if total > MAX_UNPACKED:
        raise TableError(
            f"The workbook unpacks to {total >> 20} MB, more than the {MAX_UNPACKED >> 30} GB "
            "that can be imported. Save the sheet as CSV (or split it) and upload that."
        )


def _worksheet(book: Any, sheet: str | None) -> ReadOnlyWorksheet:
    if sheet is None:
        if not book.worksheets:
            raise TableError("The workbook has no worksheet.")
        return book.worksheets[0]
    names = book.sheetnames
    wanted = sheet.strip().casefold()
    name = (
        sheet
        if sheet in names
        else next((name for name in names if name.strip().casefold() == wanted), None)
    )
    if name is None:
        listing = ", ".join(f"“{name}”" for name in names)
        raise TableError(f"The workbook has no sheet named “{sheet}”. Its sheets are: {listing}.")
    ws = book[name]
    if not isinstance(ws, ReadOnlyWorksheet):
        raise TableError(f"The sheet “{name}” is a chart, not a table.")
    return ws


def _sheet_rows(ws: ReadOnlyWorksheet) -> Iterator[tuple[int, list[Any]]]:
    """Numbered non-blank rows, strings stripped and empty ones None."""
    number = 0
    try:
        for number, row in enumerate(ws.iter_rows(values_only=True), 1):
            cells = [(v.strip() or None) if v.__class__ is str else v for v in row]
            if cells.count(None) != len(cells):
                yield number, cells
    except Exception as exc:  # openpyxl raises many kinds on a damaged sheet
        if _unsafe(exc):
            raise TableError(UNSAFE) from exc
        raise TableError(
            f"Row {number + 1} of the sheet “{ws.title}” cannot be read: the workbook is "
            "damaged. Open it in Excel, save it again and upload it."
        ) from exc


def _xlsx_rows(
    data: Iterator[tuple[int, list[Any]]], width: int, book: Any, owned: IO[bytes] | None
) -> Iterator[SourceRow]:
    try:
        for number, cells in data:
            if len(cells) == width:
                yield SourceRow(number, cells)
            elif len(cells) < width:
                yield SourceRow(number, cells + [None] * (width - len(cells)))
            else:
                extra = next((i for i in range(width, len(cells)) if cells[i] is not None), None)
                problem = None
                if extra is not None:
                    column = get_column_letter(extra + 1)
                    problem = f"row has a value in column {column}, which has no header"
                yield SourceRow(number, cells[:width], problem)
    finally:
        book.close()
        if owned is not None:
            owned.close()


# -- Header rows ------------------------------------------------------------------------------


def _header(
    window: list[tuple[int, list[Any]]], merges: list[Merge], header_score: HeaderScore | None
) -> tuple[int, list[str]]:
    """The header's row number and names.

    Candidates are the first 30 non-blank rows, with merged cells filled in. When the chosen
    row holds merged group cells over a row of sub-columns ("Dự toán" over "Tổng số" and
    "Trong đó"), the header is the lower row, named "Dự toán - Tổng số", ...
    """
    values = dict(window)
    numbers = [number for number, _ in window[:HEADER_SEARCH_ROWS]]
    candidates = [_names(values, merges, number) for number in numbers]
    index = choose_header(candidates, header_score)
    number, names = numbers[index], candidates[index]
    if _is_group_row(values, merges, number):
        number, names = number + 1, _names(values, merges, number + 1)
    header = trim_names(names)
    if not header:
        raise TableError(f"Row {number}, taken as the header, has no column names.")
    return number, header


def _filled(values: dict[int, list[Any]], merges: list[Merge], row: int) -> list[str]:
    """The names of ``row`` with every merged cell's value in each column it spans."""
    names = [header_text(value) for value in values.get(row, ())]
    for min_col, min_row, max_col, max_row in merges:
        if min_row <= row <= max_row:
            top = values.get(min_row, ())
            text = header_text(top[min_col - 1]) if min_col <= len(top) else ""
            names.extend([""] * (max_col - len(names)))
            names[min_col - 1 : max_col] = [text] * (max_col - min_col + 1)
    return names


def _names(values: dict[int, list[Any]], merges: list[Merge], row: int) -> list[str]:
    """Header names for ``row``, joined to the group cells merged across the row above."""
    names = _filled(values, merges, row)
    if not _is_group_row(values, merges, row - 1):
        return names
    above = _filled(values, merges, row - 1)
    for min_col, _, max_col, _ in _groups(merges, row - 1):
        group = above[min_col - 1]
        names.extend([""] * (max_col - len(names)))
        for col in range(min_col - 1, max_col):
            sub = names[col]
            names[col] = f"{group} - {sub}" if group and sub and sub != group else sub or group
    return names


def _groups(merges: list[Merge], row: int) -> list[Merge]:
    """Cells merged across columns that end on ``row``: candidate group headings."""
    return [m for m in merges if m[3] == row and m[0] < m[2]]


def _is_group_row(values: dict[int, list[Any]], merges: list[Merge], row: int) -> bool:
    """Whether ``row`` holds group headings over sub-column names in the row below.

    The row below is a sub-header only if all its values sit under the groups (columns
    outside them are merged down from ``row``, so empty below); otherwise it is the first
    data row under a one-row header that happens to have a merged cell.
    """
    below = values.get(row + 1)
    groups = _groups(merges, row)
    if below is None or not groups:
        return False
    spans = [(m[0], m[2]) for m in groups]
    under_groups = False
    for col, value in enumerate(below, 1):
        if value is not None:
            if not any(first <= col <= last for first, last in spans):
                return False
            under_groups = True
    return under_groups


# -- Merged cells -------------------------------------------------------------------------------


def _merges(archive: zipfile.ZipFile, part: str, last_row: int) -> list[Merge]:
    """The merged ranges that start at or above ``last_row`` and span more than one cell."""
    merges: list[Merge] = []
    try:
        with archive.open(part) as raw:
            source = _Chunks(_outside_sheet_data(raw))
            depth, root, top = 0, None, None
            for event, element in iterparse(source, events=("start", "end"), forbid_dtd=True):
                if event == "start":
                    depth += 1
                    if depth == 1:
                        root = element
                    elif depth == 2:
                        top = element
                    continue
                depth -= 1
                if depth == 2 and element.tag.rpartition("}")[2] == "mergeCell":
                    merge = _merge(element.get("ref", ""))
                    if merge and merge[1] <= last_row and len(merges) < MAX_MERGES:
                        merges.append(merge)
                # drop what has been read, so memory stays flat however long the list
                if depth == 2:
                    del top[:]
                elif depth == 1:
                    del root[:]
    except DefusedXmlException:
        raise TableError(UNSAFE) from None
    except (ParseError, KeyError, zipfile.BadZipFile, OSError, EOFError) as exc:
        raise TableError(DAMAGED) from exc
    return merges


def _merge(ref: str) -> Merge | None:
    try:
        min_col, min_row, max_col, max_row = range_boundaries(ref)
    except (TypeError, ValueError):
        return None
    if None in (min_col, min_row, max_col, max_row) or (min_col, min_row) == (max_col, max_row):
        return None
    return min_col, min_row, max_col, max_row


def _outside_sheet_data(raw: IO[bytes]) -> Iterator[bytes]:
    """The bytes of a sheet part with the content of ``<sheetData>`` (the cells) left out.

    A "<" in text is always escaped, so the tags can be found by pattern; the result is
    still a well-formed document, holding everything around the cells.
    """
    buffer, state, passed = b"", "head", 0
    while True:
        chunk = raw.read(CHUNK)
        buffer += chunk
        if state == "head":
            found = _SHEET_DATA.search(buffer)
            if found is None:
                cut = len(buffer) if not chunk else max(len(buffer) - _OVERLAP, 0)
                yield buffer[:cut]
                buffer, passed = buffer[cut:], passed + cut
                if passed > HEAD_LIMIT:
                    raise TableError(DAMAGED)
            elif found.group().endswith(b"/>"):
                state = "tail"  # <sheetData/>: nothing to leave out
            else:
                yield buffer[: found.start()]
                buffer, state = buffer[found.end() :], "cells"
        if state == "cells":
            found = _SHEET_DATA_END.search(buffer)
            if found is None:
                buffer = buffer[-_OVERLAP:]
            else:
                buffer, state = buffer[found.end() :], "tail"
        if state == "tail":
            yield buffer
            buffer = b""
        if not chunk:
            return


class _Chunks:
    """A file-like reader over byte chunks (iterparse takes an empty read as the end)."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks

    def read(self, size: int = -1) -> bytes:
        for chunk in self._chunks:
            if chunk:
                return chunk
        return b""
