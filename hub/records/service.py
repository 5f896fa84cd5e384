"""Records imports: load a file into a dataset's records, as a new version or by key.

An import reads the file as a stream, converts every cell with its field's
converter, loads the valid rows into a new table (replace) or a staging table
(upsert), checks duplicate keys in the database, builds the indexes, and then
swaps or merges in the same transaction. Whatever fails, the previous version
stays as it was, and the import's report is kept either way.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from hub.auth.principal import Principal
from hub.datasets.models import Dataset
from hub.datasets.revisions import record_revision, touch
from hub.datasets.service import get_dataset
from hub.db import utcnow
from hub.errors import FieldError, HubError, ValidationFailed
from hub.records import hooks, store
from hub.records.export import csv_chunks
from hub.records.fields import (
    content_schema,
    dataset_fields,
    new_dimension,
    new_record_set,
    record_set_of,
)
from hub.records.form_cache import FormCache
from hub.records.forms import add_generated
from hub.records.models import RecordImport, RecordSet
from hub.records.publish import iter_rows
from hub.records.rules import ROW_RULES, RowRule
from hub.records.schema import ContentSchema, FieldSpec, parse_field
from hub.records.sources import SourceRow, TableError, open_table
from hub.records.sources import Table as SourceTable
from hub.text import fold

log = logging.getLogger(__name__)
MODES = ("replace", "upsert")
ON_ERROR = ("abort", "skip")
BATCH = 5000
KEPT_PROBLEMS = 1000


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    value: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "column": _printable(self.column),
            "value": _printable(self.value),
            "message": _printable(self.message),
        }


class ImportFailed(HubError):
    status, code, title = 422, "import-failed", "The import failed; nothing was changed"

    def __init__(self, report: RecordImport) -> None:
        super().__init__(report.message or "The import failed.")
        self.report = report


# --- import -------------------------------------------------------------------------


class _Counting:
    """A binary stream that reports how many bytes were read (for progress bars)."""

    def __init__(self, stream: BinaryIO, progress: Callable[[int], None]) -> None:
        self._stream, self._progress = stream, progress

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        self._progress(len(data))
        return data

    def readable(self) -> bool:
        return True

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@dataclass
class _Plan:
    fields: tuple[FieldSpec, ...]  # the dataset's fields after this import
    new_fields: list[dict[str, Any]]  # declared by this import (statistics dimensions)
    positions: list[int | None]  # source column of each field, None when absent


def _plan(
    schema: ContentSchema, current: tuple[FieldSpec, ...], header: list[str], mode: str
) -> _Plan:
    by_fold: dict[str, int] = {}
    for i, name in enumerate(header):
        if not name:
            continue
        folded = fold(str(name)).strip()
        if folded in by_fold:
            raise TableError(f"The column '{name}' appears twice in the header.")
        by_fold[folded] = i
    positions: list[int | None] = []
    used: set[int] = set()
    for spec in current:
        found = next((i for f, i in by_fold.items() if spec.matches_header(f)), None)
        positions.append(found)
        if found is not None:
            used.add(found)
    unknown = [header[i] for i in sorted(by_fold.values()) if i not in used]
    new_fields: list[dict[str, Any]] = []
    fields = current
    if unknown:
        if not schema.extensible or mode == "upsert":
            names = ", ".join(f.name for f in current)
            raise TableError(
                f"Unknown column(s): {', '.join(map(str, unknown))}. The fields are: {names}."
            )
        taken = {f.column for f in current}
        for header_name in unknown:
            node = new_dimension(str(header_name), taken)
            taken.add(node["name"].lower())
            new_fields.append(node)
            positions.append(header.index(header_name))
        fields = current + tuple(parse_field("dataset", node) for node in new_fields)
    missing = [s.name for s, p in zip(fields, positions, strict=True) if p is None and s.required]
    if missing:
        raise TableError(f"Required column(s) missing: {', '.join(missing)}.")
    return _Plan(fields, new_fields, positions)


def _converted_rows(
    rows: Iterator[SourceRow], plan: _Plan, tally: _Tally, rule: RowRule | None = None
) -> Iterator[list]:
    """Source rows as ``[row number, value per field]``; invalid rows are noted, not yielded."""
    steps = [
        (spec, pos, spec.convert) for spec, pos in zip(plan.fields, plan.positions, strict=True)
    ]
    names = [spec.name for spec in plan.fields]
    for row in rows:
        tally.read += 1
        cells = row.cells
        values: list[Any] = [row.number]
        bad = row.problem is not None
        if bad:
            tally.note(Problem(row.number, "", "", row.problem or ""))
        try:
            for _spec, pos, convert in steps:
                values.append(None if pos is None else convert(cells[pos]))
        except (ValueError, IndexError):
            bad = True
            _convert_slowly(row, steps, tally)
        if not bad and rule is not None:
            for name, message in rule(dict(zip(names, values[1:], strict=True))):
                bad = True
                tally.note(Problem(row.number, name, "", message))
        if bad:
            tally.invalid += 1
            continue
        yield values


def _convert_slowly(row: SourceRow, steps: list, tally: _Tally) -> None:
    """Convert again cell by cell, to report every bad cell of the row."""
    for spec, pos, convert in steps:
        if pos is None:
            continue
        raw = row.cells[pos] if pos < len(row.cells) else None
        try:
            convert(raw)
        except ValueError as exc:
            tally.note(Problem(row.number, spec.name, _shown(raw), str(exc)))


_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _shown(raw: Any) -> str:
    text = "" if raw is None else str(raw)
    return text if len(text) <= 200 else text[:197] + "..."


def _printable(text: str) -> str:
    # Control characters written out: PostgreSQL cannot store NUL, even in JSON.
    return _UNPRINTABLE.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


@dataclass
class _Tally:
    """What an import has seen so far: row counts and the first problems."""

    read: int = 0
    invalid: int = 0
    loaded: int = 0
    problems: list[Problem] = field(default_factory=list)

    def note(self, problem: Problem) -> None:
        if len(self.problems) < KEPT_PROBLEMS:
            self.problems.append(problem)

    def problem_dicts(self) -> list[dict[str, Any]]:
        return [p.as_dict() for p in self.problems]


def import_records(
    session: Session,
    actor: Principal,
    ref: str | uuid.UUID,
    stream: BinaryIO,
    file_name: str,
    *,
    mode: str = "replace",
    on_error: str = "abort",
    sheet: str | None = None,
    max_bytes: int | None = None,
    progress: Callable[[int], None] | None = None,
    forms: FormCache | None = None,
    record_type: str | None = None,
) -> RecordImport:
    """Import a file into a dataset's records; raises ImportFailed (report saved) on failure.

    With ``forms``, the new version's CSV is written right after the commit, so even the
    first download reads a file. ``record_type`` names the schema of a portal-content
    dataset's first import (later imports keep it)."""
    if mode not in MODES or on_error not in ON_ERROR:
        raise ValidationFailed(
            "Bad import options.",
            errors=[
                FieldError("mode", "replace or upsert"),
                FieldError("on_error", "abort or skip"),
            ],
        )
    dataset = get_dataset(session, actor, ref)
    dataset_id = dataset.id
    # End the read transaction so that the write one takes SQLite's lock up front, and
    # check the rules on the dataset as that transaction sees it.
    session.commit()
    session.connection(execution_options={"hub_write": True})
    session.refresh(dataset)
    try:
        actor.require(
            actor.can_edit_state(dataset.organization_id, dataset.state),
            "You may not change the records of this dataset in its current state.",
        )
        schema = content_schema(dataset, record_set_of(session, dataset), record_type)
    except HubError:
        session.rollback()  # release the write lock taken above
        raise
    report = RecordImport(
        dataset_id=dataset.id,
        actor=actor.label,
        mode=mode,
        on_error=on_error,
        status="failed",
        file_name=file_name[:255],
        problems=[],
    )
    tally = _Tally()
    try:
        _load(
            session,
            actor,
            dataset,
            schema,
            report,
            tally,
            stream,
            file_name,
            mode=mode,
            on_error=on_error,
            sheet=sheet,
            max_bytes=max_bytes,
            progress=progress,
        )
    except HubError as exc:
        session.rollback()
        return _failed(session, report, dataset_id, tally, exc.detail)
    session.commit()
    store.drop_retired(
        session.get_bind(), dataset_id.hex, keep=_live_table_name(session, dataset_id)
    )
    if forms is not None:
        _keep_csv(session, forms, dataset_id, report.version or 0)
    return report


def _keep_csv(session: Session, forms: FormCache, dataset_id: uuid.UUID, version: int) -> None:
    # The import has committed: a failure here only means the first download makes the file.
    try:
        dataset = session.get(Dataset, dataset_id)
        fields, rows = iter_rows(session, dataset)
        for _ in forms.keep(dataset_id, version, "data.csv", csv_chunks(fields, rows)):
            pass
    except Exception:
        log.exception("could not write the CSV of dataset %s version %s", dataset_id, version)
    finally:
        session.commit()  # end the read transaction


def _live_table_name(session: Session, dataset_id: uuid.UUID) -> str:
    record_set = session.get(RecordSet, dataset_id)
    return record_set.table_name if record_set else ""


def _failed(
    session: Session,
    report: RecordImport,
    dataset_id: uuid.UUID,
    tally: _Tally,
    message: str,
) -> RecordImport:
    failed = RecordImport(
        dataset_id=dataset_id,
        actor=report.actor,
        mode=report.mode,
        on_error=report.on_error,
        status="failed",
        file_name=report.file_name,
        format=report.format,
        encoding=report.encoding,
        rows_read=tally.read,
        rows_loaded=0,
        rows_invalid=tally.invalid,
        message=_printable(message),
        problems=tally.problem_dicts(),
        finished_at=utcnow(),
    )
    session.add(failed)
    session.commit()
    raise ImportFailed(failed)


def _load(
    session: Session,
    actor: Principal,
    dataset: Dataset,
    schema: ContentSchema,
    report: RecordImport,
    tally: _Tally,
    stream: BinaryIO,
    file_name: str,
    *,
    mode: str,
    on_error: str,
    sheet: str | None,
    max_bytes: int | None,
    progress: Callable[[int], None] | None,
) -> None:
    record_set = record_set_of(session, dataset)
    current = dataset_fields(schema, record_set)

    def score(header: list[str]) -> int:
        folded = [fold(str(h)).strip() for h in header if h]
        return sum(1 for spec in current for h in folded if spec.matches_header(h))

    if progress is not None:
        stream = _Counting(stream, progress)  # type: ignore[assignment]
    source: SourceTable = open_table(
        stream, file_name, sheet=sheet, header_score=score, max_bytes=max_bytes
    )
    report.format, report.encoding = source.format, source.encoding
    if record_set is None and mode == "upsert":
        mode = "replace"  # nothing to merge into yet
    plan = _plan(schema, current, [str(h) if h is not None else "" for h in source.header], mode)
    conn = session.connection()
    version = (record_set.version if record_set else 0) + 1
    name = store.table_name(dataset.id.hex, version)
    target = store.record_table(name if mode == "replace" else f"{name}_stage", plan.fields)
    store.create(conn, target)
    # SQLite keeps dates as ISO text (as SQLAlchemy's Date type does).
    dates = [i + 1 for i, f in enumerate(plan.fields) if f.type == "date"]
    if conn.dialect.name != "sqlite":
        dates = []
    batch: list[list] = []
    for values in _converted_rows(source.rows, plan, tally, ROW_RULES.get(schema.name)):
        for i in dates:
            if values[i] is not None:
                values[i] = values[i].isoformat()
        batch.append(values)
        if len(batch) >= BATCH:
            store.insert_rows(conn, target, batch)
            tally.loaded += len(batch)
            batch = []
    store.insert_rows(conn, target, batch)
    tally.loaded += len(batch)
    duplicates = store.duplicate_rows(conn, target, plan.fields)
    key_names = ",".join(f.name for f in plan.fields if f.key)
    for row in duplicates:
        tally.note(Problem(row, key_names, "", "duplicate key: an earlier row has the same key"))
    tally.invalid += len(duplicates)
    if tally.invalid and on_error == "abort":
        raise ValidationFailed(
            f"{tally.invalid} of {tally.read} rows are not valid; nothing was imported."
        )
    store.delete_rows(conn, target, duplicates)
    tally.loaded -= len(duplicates)
    if record_set is None:
        record_set = new_record_set(session, dataset, schema, name)
    if mode == "replace":
        store.create_indexes(conn, target, plan.fields)
        store.analyze(conn, target)
        # The old table is dropped after commit (store.drop_retired): a reader still
        # streaming it must not stall this transaction, nor the readers queued behind.
        record_set.table_name = name
    else:
        live = store.record_table(record_set.table_name, plan.fields)
        # Only the columns the file has are updated: an absent column keeps its values.
        given = [f for f, pos in zip(plan.fields, plan.positions, strict=True) if pos is not None]
        store.merge_into(conn, live, target, plan.fields, given)
        store.drop(conn, target.name)
    add_generated(dataset, schema)
    hooks.after_write(
        session,
        dataset,
        schema.name,
        plan.fields,
        store.record_table(record_set.table_name, plan.fields),
    )
    record_set.extra_fields = list(record_set.extra_fields or []) + plan.new_fields
    record_set.version = version
    record_set.row_count = store.count(conn, record_set.table_name)
    record_set.updated_at = utcnow()
    touch(dataset, content=True)
    summary = {
        "rows_loaded": tally.loaded,
        "rows_invalid": tally.invalid,
        "mode": mode,
        "version": version,
        "file_name": file_name,
    }
    record_revision(session, actor, dataset, "import", None, summary)
    report.status = "succeeded"
    report.rows_read = tally.read
    report.rows_loaded = tally.loaded
    report.rows_invalid = tally.invalid
    report.version = version
    report.problems = tally.problem_dicts()
    report.message = f"{tally.loaded} rows imported (version {version})."
    report.finished_at = utcnow()
    session.add(report)


def imports_of(session: Session, dataset: Dataset, limit: int = 100) -> list[RecordImport]:
    query = (
        select(RecordImport)
        .where(RecordImport.dataset_id == dataset.id)
        .order_by(RecordImport.started_at.desc(), RecordImport.id)
        .limit(limit)
    )
    return list(session.scalars(query))
