"""The ``tabular`` backend's file handling: read with the hub's readers, map columns,
write UTF-8 CSV. Registers nothing."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from datetime import date, datetime, time
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

from hub.harvesters.base import ItemFailed
from hub.records.sources import EXTENSIONS, TableError, header_text, open_table
from hub.text import fold, nfc

MEDIA_TYPES = {
    "text/csv": ".csv",
    "application/csv": ".csv",
    "text/tab-separated-values": ".tsv",
    "text/plain": ".csv",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
}
FORMATS = {"csv": ".csv", "xlsx": ".xlsx"}


def file_name(url: str, content_type: str | None, fmt: str | None) -> str:
    """A name whose extension tells ``open_table`` the format: from the config's
    ``format``, the URL's path, else the response's media type (CSV when unknown)."""
    path = PurePosixPath(unquote(urlsplit(url).path))
    stem = path.stem or "data"
    if fmt:
        return stem + FORMATS[fmt]
    if path.suffix.lower() in EXTENSIONS or path.suffix.lower() == ".xls":
        return path.name
    media = (content_type or "").split(";")[0].strip().lower()
    return stem + MEDIA_TYPES.get(media, ".csv")


def _key(name: str) -> str:
    return fold(" ".join(nfc(name).split()))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ") if value.time() != time() else value.date().isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    return nfc(str(value))


def mapped_csv(
    body: bytes,
    name: str,
    columns: Mapping[str, str],
    sheet: str | None,
    notes: list[str],
) -> tuple[bytes, int]:
    """The file's rows with the mapped columns only, renamed, as UTF-8 CSV; and the count.

    Source headers match as written, else ignoring case, diacritics and spacing (a
    TCVN3 or hand-typed header may differ in those). Columns not in ``columns`` are
    dropped (noted); a mapped column missing from the file fails the item.
    """
    wanted = {_key(source) for source in columns}

    def score(names: list[str]) -> int:
        return sum(_key(n) in wanted for n in names)

    try:
        table = open_table(io.BytesIO(body), name, sheet=sheet, header_score=score)
    except (TableError, KeyError, ValueError) as exc:
        raise ItemFailed(f"Không đọc được tệp / The file cannot be read: {exc}") from None
    header = [header_text(h) for h in table.header]
    exact = {h: i for i, h in reversed(list(enumerate(header)))}
    loose = {_key(h): i for i, h in reversed(list(enumerate(header)))}
    positions: list[int] = []
    missing: list[str] = []
    for source in columns:
        found = exact.get(" ".join(nfc(source).split()), loose.get(_key(source)))
        if found is None:
            missing.append(source)
        else:
            positions.append(found)
    if missing:
        raise ItemFailed(
            "Tệp thiếu các cột được ánh xạ / Mapped columns missing from the file: "
            f"{', '.join(missing)} (the file has: {', '.join(h for h in header if h)})"
        )
    dropped = [h for i, h in enumerate(header) if h and i not in positions]
    if dropped:
        notes.append(f"{name}: unmapped columns dropped: {', '.join(dropped)}")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(list(columns.values()))
    count = 0
    try:
        for row in table.rows:
            if row.problem:
                notes.append(f"{name} row {row.number}: {row.problem}")
            cells = [_cell(row.cells[i]) if i < len(row.cells) else "" for i in positions]
            if any(cells):
                writer.writerow(cells)
                count += 1
    except TableError as exc:
        raise ItemFailed(f"Không đọc được tệp / The file cannot be read: {exc}") from None
    return out.getvalue().encode("utf-8"), count
