"""Uploaded tables as streams of rows: CSV, XLSX, JSON and NDJSON.

A reader never validates values; it yields each source row with its row number
in the file (as a spreadsheet user would count it) and, when the row itself is
malformed (ragged, not an object), a problem text that the import reports.

``open_table`` is the entry point. Rows are read lazily, so memory stays flat
however long the file is; whole-file faults found while reading (a byte that is
not valid in the file's encoding, a NUL byte, broken JSON) raise ``TableError``
from the row iterator, naming the row. XLSX handling lives in ``xlsx``, JSON and
NDJSON in ``json_source``.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import shutil
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import partial
from itertools import chain, islice
from pathlib import PurePath
from typing import IO, Any, BinaryIO

from hub.errors import HubError
from hub.records.encodings import open_text


class TableError(HubError):
    """The file as a whole cannot be read (wrong format, too large, a zip bomb, ...)."""

    status, code, title = 422, "unreadable-table", "The file cannot be read as a table"


@dataclass(frozen=True)
class SourceRow:
    number: int  # 1-based row (CSV record / sheet row / JSON item) in the source
    cells: list[Any]  # aligned with Table.header
    problem: str | None = None


@dataclass
class Table:
    format: str  # "csv", "xlsx", "json" or "ndjson"
    encoding: str | None  # detected text encoding; None for XLSX
    header: list[str]
    header_row: int  # 0 for JSON and NDJSON: the header comes from the first item's keys
    rows: Iterator[SourceRow]
    sheet: str | None = None


HeaderScore = Callable[[list[str]], int]

EXTENSIONS = {
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".json": "json",
    ".ndjson": "ndjson",
    ".jsonl": "ndjson",
}
HEADER_SEARCH_ROWS = 30  # a header below this many non-blank rows is not looked for
BUFFER_BYTES = 1 << 16
FIELD_LIMIT = 1 << 20  # largest CSV cell, in characters
MAX_LINE_CHARS = 1 << 22  # a longer physical line is handed to csv in pieces
MAX_NDJSON_LINE = 1 << 24
SAMPLE_CHARS = 1 << 18
UNCHECKED_BYTES = 1 << 20  # more than sniffing and encoding detection read ahead
SPOOL_MEMORY = 1 << 24  # a non-seekable XLSX upload is spooled; to disk above this
DELIMITERS = ("\t", ",", ";", "|")  # in order of preference on ties
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def open_table(
    stream: BinaryIO,
    filename: str,
    *,
    sheet: str | None = None,
    header_score: HeaderScore | None = None,
    max_bytes: int | None = None,
) -> Table:
    """Open an uploaded table; its format comes from ``filename``, checked against the content.

    ``sheet`` picks an XLSX sheet by name (default: the first). ``header_score`` rates a
    candidate header row (higher = more known field names); with it, the best of the first
    30 non-blank rows becomes the header and the rows above it are skipped as titles.
    ``max_bytes`` refuses larger files. The caller's stream is read but never closed.
    """
    suffix = PurePath(filename or "").suffix.lower()
    if suffix == ".xls":
        raise TableError(
            "Old Excel files (.xls) cannot be imported. Open the file in Excel and save it "
            "as an Excel Workbook (.xlsx) or as CSV UTF-8, then upload it again."
        )
    named = EXTENSIONS.get(suffix)
    if named is None:
        kind = f"“{suffix}” files" if suffix else "Files without an extension"
        raise TableError(f"{kind} cannot be imported. Upload a CSV, XLSX, JSON or NDJSON file.")
    start = _start_if_seekable(stream)
    if max_bytes is not None and start is not None:
        size = stream.seek(0, io.SEEK_END) - start
        stream.seek(start)
        if size > max_bytes:
            raise TableError(_too_large(max_bytes))
    counted = _Counted(stream, max_bytes, keep_head=named == "csv")
    source = io.BufferedReader(counted, BUFFER_BYTES)
    fmt = _check_format(named, suffix, source.peek(BUFFER_BYTES)[:BUFFER_BYTES])
    if fmt == "xlsx":
        from hub.records import xlsx  # openpyxl is heavy: import it only when needed

        if start is not None:
            stream.seek(start)
            return xlsx.open_workbook(stream, sheet=sheet, header_score=header_score)
        spool = _spool(source)
        return xlsx.open_workbook(spool, sheet=sheet, header_score=header_score, owned=spool)
    if fmt == "csv":
        return _open_csv(source, counted, header_score)
    from hub.records import json_source

    return json_source.open_json(source, fmt)


# -- Reading the upload ---------------------------------------------------------------------


class _Counted(io.RawIOBase):
    """The caller's stream as a raw stream: counts bytes against the limit, never closes it.

    With ``refuse_nul`` on, a NUL byte (never valid in a text table, and refused by
    PostgreSQL) raises ``TableError`` naming its line; checking raw chunks costs next to
    nothing, unlike checking every cell.
    """

    def __init__(self, inner: IO[bytes], limit: int | None, keep_head: bool) -> None:
        self._inner, self._limit, self._count = inner, limit, 0
        self._keep_head = keep_head  # keep what is read before the check is on, to check it
        self._unchecked: list[bytes] = []
        self._lines = 0
        self.refuse_nul = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._inner.read(len(buffer)) or b""
        size = len(data)
        buffer[:size] = data
        self._count += size
        if self._limit is not None and self._count > self._limit:
            raise TableError(_too_large(self._limit))
        if self.refuse_nul:
            self._check_nul(data)
        elif self._keep_head and self._count <= UNCHECKED_BYTES:
            self._unchecked.append(data)
        return size

    def start_refusing_nul(self) -> None:
        """Turn the NUL check on, including the bytes already read (the sniffed sample)."""
        self.refuse_nul = True
        for data in self._unchecked:
            self._check_nul(data)
        self._unchecked.clear()

    def _check_nul(self, data: bytes) -> None:
        at = data.find(b"\x00")
        if at >= 0:
            row = self._lines + data.count(b"\n", 0, at) + 1
            raise TableError(
                f"Row {row} contains a NUL byte, which a text table cannot hold: the file is "
                "probably not a CSV file. Export the table again as CSV UTF-8."
            )
        self._lines += data.count(b"\n")


def _start_if_seekable(stream: IO[bytes]) -> int | None:
    try:
        return stream.tell() if stream.seekable() else None
    except (AttributeError, OSError, ValueError):
        return None


def _spool(source: io.BufferedReader) -> IO[bytes]:
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_MEMORY)  # the rows close it
    try:
        shutil.copyfileobj(source, spool, BUFFER_BYTES)
    except BaseException:
        spool.close()
        raise
    spool.seek(0)
    return spool


def _too_large(limit: int) -> str:
    return f"The file is larger than the limit of {size_text(limit)}."


def size_text(size: int) -> str:
    for unit, scale in (("MB", 1 << 20), ("KB", 1 << 10)):
        if size >= scale:
            return f"{size / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} bytes"


def _check_format(named: str, suffix: str, head: bytes) -> str:
    """The format to read: the extension's, unless the first bytes say it lies."""
    kind = _content_kind(head)
    if kind == "empty":
        raise TableError("The file is empty.")
    if named == "xlsx":
        if kind == "zip":
            return "xlsx"
        if kind == "ole":
            raise TableError(
                "This workbook is password-protected or in the old Excel format. Remove the "
                "password, or save it as an Excel Workbook (.xlsx), then upload it again."
            )
        looks = "a PDF document" if kind == "pdf" else "a text file such as CSV or JSON"
        raise TableError(
            f"The file is named {suffix} but is not an Excel workbook: it looks like {looks}. "
            "Give the file the extension that matches its content."
        )
    if kind in ("zip", "ole", "pdf"):
        looks = {
            "zip": "an Excel workbook or another zip archive (upload .xlsx workbooks as .xlsx)",
            "ole": "an old Excel (.xls) or password-protected file (save it as .xlsx or CSV)",
            "pdf": "a PDF document, which holds no table that can be imported",
        }[kind]
        raise TableError(f"The file is named {suffix} but is {looks}.")
    if named == "csv":
        if kind not in ("text", "bracket"):
            raise TableError(
                f"The file is named {suffix} but contains JSON. Rename it to .json (a list of "
                "records) or .ndjson (one record per line) and upload it again."
            )
        return "csv"
    if kind == "text":
        raise TableError(
            f"The file is named {suffix} but does not contain JSON (it should start with “[” "
            "or “{”). If it is a CSV file, rename it to .csv."
        )
    if kind == "json-object" and named == "json":
        raise TableError(
            "The JSON file holds a single object, not a list of records. Put the records in a "
            "list ([{...}, {...}]), or write one record per line and name the file .ndjson."
        )
    return "json" if kind in ("json-array", "bracket") else "ndjson"


def _content_kind(head: bytes) -> str:
    if not head:
        return "empty"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "zip"
    if head.startswith(OLE_SIGNATURE):
        return "ole"
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", "replace")
    else:
        text = head.removeprefix(codecs.BOM_UTF8).decode("utf-8", "replace")
    text = text.lstrip()
    if text.startswith("["):
        # "[STT]" may be a CSV header cell; a list of records opens with "{" (or is empty)
        rest = text[1:].lstrip()
        return "json-array" if not rest or rest[0] in "{]" else "bracket"
    if not text.startswith("{"):
        return "text"
    first, _, rest = text.partition("\n")
    try:
        record = json.loads(first)
    except ValueError:
        return "json-object"  # spread over lines, or a first line longer than the sample
    nxt = rest.lstrip()
    return "ndjson" if isinstance(record, dict) and nxt.startswith("{") else "json-object"


def decode_error(what: str, number: int, encoding: str) -> TableError:
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        name = encoding
    label = {
        "utf-8": "UTF-8",
        "utf-8-sig": "UTF-8",
        "utf-16": "UTF-16",
        "tcvn3": "TCVN3 (ABC)",
        "vni": "VNI Windows",
    }.get(name)
    if label is None:
        label = "Windows-" + name[2:] if name.startswith("cp") else name.upper()
    return TableError(
        f"{what} {number} is not valid {label}: the file mixes encodings. Save it again as UTF-8."
    )


nfc_line = partial(unicodedata.normalize, "NFC")


def decomposes(encoding: str) -> bool:
    """Whether the codec yields letters and tone marks apart (Windows-1258 does)."""
    return codecs.lookup(encoding).name == "cp1258"


def lines_before(exc: UnicodeDecodeError) -> int:
    """Line breaks in the chunk being decoded before the bad byte: the rows it lies below."""
    data = exc.object[: exc.start]
    breaks = data.count(b"\n")
    return breaks if breaks or b"\r" not in data else data.count(b"\r")


# -- Header rows ------------------------------------------------------------------------------


def header_text(value: Any) -> str:
    """A header cell as a column name: text with whitespace runs (line breaks too) collapsed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    elif isinstance(value, datetime):
        value = value.date() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, date | time):
        value = value.isoformat()
    return " ".join(str(value).split())


def choose_header(candidates: list[list[str]], header_score: HeaderScore | None) -> int:
    """Index of the header among the first non-blank rows: the best scored, first on ties."""
    best, best_score = 0, 0
    if header_score is not None:
        for index, names in enumerate(candidates):
            score = header_score(names)
            if score > best_score:
                best, best_score = index, score
    return best


def trim_names(names: list[str]) -> list[str]:
    """Names without the trailing empty ones (columns that only look used)."""
    end = len(names)
    while end and not names[end - 1]:
        end -= 1
    return names[:end]


# -- CSV ---------------------------------------------------------------------------------------


def _open_csv(
    source: io.BufferedReader, counted: _Counted, header_score: HeaderScore | None
) -> Table:
    text, encoding = open_text(source)
    if codecs.lookup(encoding).name not in ("utf-16", "utf-16-le", "utf-16-be", "utf-32"):
        counted.start_refusing_nul()
    # The limit is process-wide and other libraries raise it: set ours every time.
    csv.field_size_limit(FIELD_LIMIT)
    lines: Iterator[str] = iter(partial(text.readline, MAX_LINE_CHARS), "")
    if decomposes(encoding):
        lines = map(nfc_line, lines)
    skipped, sample = _sample(lines, encoding)
    delimiter = _sniff_delimiter(sample)
    reader = csv.reader(chain(sample, lines), delimiter=delimiter, quotechar='"')
    records = _records(reader, encoding, skipped)
    candidates = list(islice(records, HEADER_SEARCH_ROWS))
    if not candidates:
        raise TableError("The file has no rows: it is empty or holds only blank lines.")
    index = choose_header([[header_text(c) for c in row] for _, row in candidates], header_score)
    number, row = candidates[index]
    header = trim_names([header_text(c) for c in row])
    if not header:
        raise TableError(f"Row {number}, taken as the header, has no column names.")
    return Table(
        format="csv",
        encoding=encoding,
        header=header,
        header_row=number,
        rows=_csv_rows(chain(candidates[index + 1 :], records), len(header)),
    )


def _sample(lines: Iterator[str], encoding: str) -> tuple[int, list[str]]:
    """The first physical lines (about 30 non-blank ones), read once to sniff the delimiter.

    Empty lines before them are only counted (there may be a million).
    """
    skipped, sample = 0, []
    chars = filled = 0
    try:
        for line in lines:
            if not sample and not line.strip("\r\n"):
                skipped += 1
                continue
            sample.append(line)
            chars += len(line)
            filled += not line.isspace()
            if filled >= HEADER_SEARCH_ROWS or chars >= SAMPLE_CHARS or len(sample) >= 10_000:
                break
    except UnicodeDecodeError as exc:
        row = skipped + len(sample) + 1 + lines_before(exc)
        raise decode_error("Row", row, encoding) from None
    return skipped, sample


def _sniff_delimiter(lines: list[str]) -> str:
    """The candidate found the same number of times (outside quotes) on the most records.

    csv.Sniffer guesses from character frequencies and is easily fooled by text cells; here
    title rows without delimiters count against every candidate alike, decimal commas in a
    semicolon file vary from row to row while the semicolons do not, and a candidate must
    appear on two records at least (a comma in one cell of a single-column file does not).
    """
    records = _unquoted_records(lines)
    best, best_agree = None, 0
    for delimiter in DELIMITERS:
        counts = [record.count(delimiter) for record in records]
        used = [count for count in counts if count]
        if not used or len(used) < min(len(records), 2):
            continue
        modal = max(sorted(set(used)), key=used.count)
        agree = counts.count(modal)
        if agree > best_agree:
            best, best_agree = delimiter, agree
    if best is None:  # a single column: split on a character it does not hold
        best = next((d for d in DELIMITERS if not any(d in r for r in records)), ",")
    return best


def _unquoted_records(lines: Iterable[str]) -> list[str]:
    """The non-blank records of ``lines`` with quoted text removed (quoted newlines joined)."""
    records: list[str] = []
    parts: list[str] = []
    quoted = False
    for line in lines:
        segments = line.split('"')
        # segments alternate between outside and inside quotes; "" inside a field keeps parity
        parts.extend(segments[1 if quoted else 0 :: 2])
        quoted ^= len(segments) % 2 == 0
        if not quoted:
            record = "".join(parts)
            parts.clear()
            if not record.isspace():
                records.append(record)
    return records


def _records(
    reader: Iterator[list[str]], encoding: str, skipped: int
) -> Iterator[tuple[int, list[str]]]:
    """Numbered non-blank records (after ``skipped`` empty lines); decoding and csv errors
    become TableErrors naming the row."""
    number = skipped
    try:
        for number, row in enumerate(reader, skipped + 1):
            if any(row):
                yield number, row
    except UnicodeDecodeError as exc:
        raise decode_error("Row", number + 1 + lines_before(exc), encoding) from None
    except csv.Error as exc:
        reason = str(exc)
        if "field limit" in reason:
            reason = (
                f'a cell is longer than {size_text(FIELD_LIMIT)}; probably a quote (") '
                "is not closed"
            )
        raise TableError(f"Row {number + 1} cannot be read: {reason}.") from None


def _csv_rows(records: Iterator[tuple[int, list[str]]], width: int) -> Iterator[SourceRow]:
    for number, row in records:
        if len(row) == width:
            yield SourceRow(number, [cell or None for cell in row])
            continue
        cells: list[Any] = [cell or None for cell in row[:width]]
        problem = None
        if len(row) < width:
            cells += [None] * (width - len(row))
            problem = f"row has {len(row)} cells, the header has {width}"
        elif any(row[width:]):  # extra empty cells (a trailing delimiter) are harmless
            used = len(trim_names(row))
            problem = f"row has {used} cells, the header has {width}"
        yield SourceRow(number, cells, problem)


# -- JSON and NDJSON ----------------------------------------------------------------------------
