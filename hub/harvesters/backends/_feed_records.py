"""Shared by the ``feed``, ``tabular`` and ``schemaorg`` backends (registers nothing):
``fetched`` (a GET whose failure fails the gather) and the rows of a portal-content
schema (article, legal_document) made ready for the records import.

Each value is checked with the schema field's own converter before it is handed over,
so one bad value cannot fail the whole import: an optional value that does not convert
is dropped, a row whose required value is missing or wrong is left out, and both are
noted for the job report. Values are kept as the remote wrote them (the import converts
them again); over-long text is cut at the field's ``max_length``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from time import struct_time
from typing import Any

from hub.harvesters.base import GatherFailed, HarvestContext, Records
from hub.harvesters.remote import RemoteError
from hub.net.fetch import FetchResponse
from hub.records.schema import schema_named
from hub.text import nfc

_CUT_TYPES = frozenset({"string", "text", "html"})
MAX_NOTES = 20  # notes per check; the rest are counted


def text(value: Any) -> str | None:
    """A trimmed NFC string, or None for nothing."""
    if value is None:
        return None
    shown = nfc(str(value)).strip()
    return shown or None


def key_of(value: str) -> str:
    """A record key of at most 100 characters: the value, or a digest of a longer one."""
    if len(value) <= 100:
        return value
    return "sha256:" + hashlib.sha256(value.encode("utf-8")).hexdigest()


def iso_datetime(value: struct_time | datetime | date | str | None) -> str | None:
    """ISO 8601 text of a moment (feedparser's UTC tuples included)."""
    if value is None:
        return None
    if isinstance(value, struct_time):
        return datetime(*value[:6], tzinfo=UTC).isoformat()
    if isinstance(value, datetime | date):
        return value.isoformat()
    return text(value)


def checked_rows(
    record_type: str, rows: Iterable[Mapping[str, Any]], notes: list[str], where: str
) -> list[dict[str, Any]]:
    """The rows the import will accept, each key once (the first row wins)."""
    schema = schema_named(record_type)
    key_names = [f.name for f in schema.key]
    kept: list[dict[str, Any]] = []
    seen: set[tuple] = set()
    problems: list[str] = []
    for number, row in enumerate(rows, 1):
        clean: dict[str, Any] = {}
        failed = None
        for spec in schema.fields:
            value = row.get(spec.name)
            if isinstance(value, str):
                value = text(value)
                if value and spec.max_length and spec.type in _CUT_TYPES:
                    value = value[: spec.max_length]
            if value is None:
                if spec.required:
                    failed = f"{spec.name} is missing"
                    break
                continue
            try:
                spec.convert(value)
            except ValueError as exc:
                if spec.required:
                    failed = f"{spec.name}: {exc}"
                    break
                problems.append(f"{where} item {number}: {spec.name} dropped ({exc})")
                continue
            clean[spec.name] = value
        if failed:
            problems.append(f"{where} item {number} left out: {failed}")
            continue
        key = tuple(clean.get(name) for name in key_names)
        if key_names and key in seen:
            continue
        seen.add(key)
        kept.append(clean)
    notes.extend(problems[:MAX_NOTES])
    if len(problems) > MAX_NOTES:
        notes.append(f"{where}: {len(problems) - MAX_NOTES} more problems not listed")
    return kept


def json_records(record_type: str, rows: list[dict[str, Any]], mode: str) -> Records:
    """Rows as a JSON list whose every item has the same keys (the first gives the header)."""
    names = [f.name for f in schema_named(record_type).fields if any(f.name in r for r in rows)]
    items = [{name: row.get(name) for name in names} for row in rows]
    data = json.dumps(items, ensure_ascii=False).encode("utf-8")
    return Records(data, f"{record_type}.json", record_type, mode)


def fetched(
    ctx: HarvestContext, url: str, what: tuple[str, str], accept: str | None = None
) -> FetchResponse:
    """GET ``url`` through the harvest's remote; ``GatherFailed`` (bilingual, naming
    ``what``) when it fails for good (a body cut short included: the fetch refuses it)."""
    try:
        response = ctx.remote.get(url, accept=accept)
    except RemoteError as exc:
        raise GatherFailed(
            f"Không tải được {what[0]} / The {what[1]} cannot be fetched ({exc.kind}): {exc}"
        ) from None
    return response
