"""JSON (a list of records) and NDJSON (a record per line) as streams of rows."""

from __future__ import annotations

import codecs
import io
import json
import unicodedata
from collections.abc import Iterator
from functools import partial
from itertools import chain
from typing import Any

import ijson

from hub.records.encodings import open_text
from hub.records.sources import (
    MAX_NDJSON_LINE,
    SourceRow,
    Table,
    TableError,
    decode_error,
    decomposes,
    lines_before,
    nfc_line,
    size_text,
)


def open_json(source: io.BufferedReader, fmt: str) -> Table:
    """A list of records (``json``) or one record per line (``ndjson``).

    UTF-8 (with or without BOM) goes to ijson as bytes, so a broken byte is reported at its
    exact item. Other encodings that ``open_text`` detects (UTF-16, ...) are decoded and
    re-encoded to UTF-8 chunk by chunk; JSON is UTF-8 by standard, so that is a courtesy.
    """
    text, encoding = open_text(source)
    if fmt == "ndjson":
        items = _ndjson_items(text, encoding)
    elif codecs.lookup(encoding).name in ("utf-8", "utf-8-sig"):
        binary = text.buffer  # from the first byte (open_text replays its sample); keep text
        if binary.peek(3).startswith(codecs.BOM_UTF8):
            binary.read(3)
        items = _json_items(binary, encoding, keep=text)
    else:
        items = _json_items(_Utf8(text, decomposes(encoding)), encoding, keep=text)
    first = next(items, None)
    if first is None:
        raise TableError("The file holds no records.")
    number, record = first
    what = "Line" if fmt == "ndjson" else "Item"
    if not isinstance(record, dict):
        raise TableError(f"{what} {number} is not a record with named fields ({{...}}).")
    header = list(record)
    if not header:
        raise TableError(f"{what} {number}, the first record, has no fields.")
    return Table(
        format=fmt,
        encoding=encoding,
        header=header,
        header_row=0,
        rows=_record_rows(chain([first], items), header),
    )


class _Utf8:
    """A text stream read as UTF-8 bytes, for ijson; in NFC if ``compose``."""

    def __init__(self, text: io.TextIOBase, compose: bool) -> None:
        self._text, self._compose, self._held = text, compose, ""

    def read(self, size: int = -1) -> bytes:
        if not self._compose:
            return self._text.read(size).encode("utf-8")
        while True:
            chunk = self._text.read(size)
            text = self._held + chunk
            if not chunk:
                self._held = ""
                return nfc_line(text).encode("utf-8")
            # hold the last letter and its marks back: more marks may start the next chunk
            cut = len(text) - 1
            while cut > 0 and unicodedata.combining(text[cut]):
                cut -= 1
            self._held = text[cut:]
            if cut:
                return nfc_line(text[:cut]).encode("utf-8")


def _json_items(stream: Any, encoding: str, keep: object) -> Iterator[tuple[int, Any]]:
    """Numbered items; ``keep`` (the text wrapper) must live as long: collecting it closes
    the binary stream under it."""
    number = 0
    try:
        for number, item in enumerate(ijson.items(stream, "item", use_float=True), 1):
            yield number, item
    except UnicodeDecodeError:
        # decoding runs a chunk ahead of parsing: the number is where the chunk starts
        raise decode_error("Item", number + 1, encoding) from None
    except ijson.JSONError as exc:
        raise _json_error(number + 1, exc, encoding) from None


def _json_error(number: int, exc: Exception, encoding: str) -> TableError:
    reason = str(exc)
    if "invalid bytes in UTF8" in reason:
        return decode_error("Item", number, encoding)
    if "premature EOF" in reason or "Incomplete" in reason:
        return TableError(
            f"The file ends in the middle of item {number}: it is incomplete (cut off?)."
        )
    if "trailing garbage" in reason or "Additional data" in reason:
        return TableError(f"There is text after the end of the list (after item {number - 1}).")
    first = reason.removeprefix("b'").removeprefix('b"').split("\\n")[0].split("\n")[0]
    return TableError(f"Item {number} is not valid JSON ({first.strip()}).")


def _ndjson_items(text: io.TextIOBase, encoding: str) -> Iterator[tuple[int, Any]]:
    number = 0
    try:
        lines: Iterator[str] = iter(partial(text.readline, MAX_NDJSON_LINE), "")
        if decomposes(encoding):
            lines = map(nfc_line, lines)
        for number, line in enumerate(lines, 1):
            if len(line) == MAX_NDJSON_LINE and not line.endswith("\n"):
                raise TableError(f"Line {number} is longer than {size_text(MAX_NDJSON_LINE)}.")
            if line.isspace():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                detail = f"{exc.msg} at character {exc.colno}"
                raise TableError(f"Line {number} is not valid JSON ({detail}).") from None
            except RecursionError:
                raise TableError(f"Line {number} is nested too deeply.") from None
            yield number, record
    except UnicodeDecodeError as exc:
        raise decode_error("Line", number + 1 + lines_before(exc), encoding) from None


def _record_rows(items: Iterator[tuple[int, Any]], header: list[str]) -> Iterator[SourceRow]:
    keys = set(header)
    width = len(header)
    for number, item in items:
        if not isinstance(item, dict):
            kind = {list: "a list", str: "a text", bool: "true/false"}.get(type(item), "a number")
            kind = "null" if item is None else kind
            yield SourceRow(number, [None] * width, f"item is {kind}, not a record ({{...}})")
            continue
        cells = [item.get(key) for key in header]
        if item.keys() <= keys:
            yield SourceRow(number, cells)
        else:
            extra = ", ".join(key for key in item if key not in keys)
            yield SourceRow(number, cells, f"item has fields not in the header: {extra}")
