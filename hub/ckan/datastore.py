"""CKAN DataStore actions over the records store: search, create, upsert.

A DataStore "resource" is a dataset's records. Its id is the id of one of the
dataset's "generated" distributions (shown with ``datastore_active: true``); the
dataset's own id or name is accepted too. Other distributions have no table: 404.

``datastore_search`` reads the live record table under the hub's query time budget
(``HUB_QUERY_TIME_LIMIT_MS``); ``q`` matches folded text (``ngan sach`` finds ``ngân
sách``) in the text fields. ``_id`` is the row number the store keeps (``_row``).

Writes go through ``hub.records.service.import_records``, the one path that validates
rows, checks keys and bumps the version; nothing here writes a record table. The
service has no call that adds single rows, so:

- ``datastore_create`` with records on a dataset without records is a first import
  (replace); on one with records it is ``datastore_upsert`` with ``method=insert``.
  Without records it only checks ``fields``/``primary_key``: the table comes with the
  first records (an import of no rows is refused). Field types are the schema's; the
  types a client declares are not applied. Unknown fields are refused unless the
  content type is extensible (statistics), where the first import adds them as
  dimensions.
- ``datastore_upsert`` reads the stored rows whose keys the records name, lays each
  record over its stored row (fields it leaves out keep their values, as in CKAN) and
  imports the merged rows in upsert mode, in one transaction of the service. Every
  record must carry the full key: ``insert`` refuses keys that exist, ``update`` keys
  that do not. The key check and the import are two transactions: a concurrent writer
  can slip in between, and then the import's merge decides (upsert semantics).
- On a dataset without records yet, ``upsert``/``insert`` make the first import, so
  that ``datastore_create(fields=...)`` followed by upserts works.
"""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from flask import current_app
from sqlalchemy import ColumnElement, Table, false, func, literal, or_, select, tuple_
from sqlalchemy.orm import Session

from hub.ckan.errors import NotAuthorized, NotFound, ValidationError
from hub.ckan.registry import Call, action
from hub.datasets.models import Dataset, Distribution
from hub.datasets.serialize import jsonable
from hub.datasets.service import get_dataset
from hub.errors import NotFound as HubNotFound
from hub.records import reads, service, store
from hub.records.fields import content_schema, dataset_fields, record_set_of
from hub.records.form_cache import get_form_cache
from hub.records.models import RecordSet
from hub.records.query import QueryTimeout, time_budget
from hub.records.schema import ContentSchema, FieldSpec
from hub.records.values import CONVERTERS, TEXT_TYPES
from hub.text import clean_ref, fold

DEFAULT_LIMIT = 100
MAX_LIMIT = 32_000  # CKAN's ckan.datastore.search.rows_max
MAX_OFFSET = 2**53  # beyond any table; keeps the SQL integer in range
MAX_FILTER_VALUES = 1000
MAX_Q_WORDS = 20
MAX_PROBLEMS = 50  # problems listed in a 409; the import report keeps more
ROW_ID = "_id"
FORMATS = ("objects", "lists", "csv", "tsv")
METHODS = ("upsert", "insert", "update")
CKAN_TYPES = {
    "integer": "int",
    "year": "int",
    "number": "numeric",
    "date": "date",
    "boolean": "bool",
    "datetime": "timestamp",
    "time": "time",
}
_SORT_ITEM = re.compile(r'^\s*"?([A-Za-z_][A-Za-z0-9_]*)"?(?:\s+(asc|desc))?\s*$', re.IGNORECASE)


@dataclass(frozen=True)
class Column:
    """A field as DataStore shows it: ``_id`` (no spec) or one of the schema's fields."""

    name: str
    column: Any
    spec: FieldSpec | None

    @property
    def ckan_type(self) -> str:
        if self.spec is None:
            return "int"
        return CKAN_TYPES.get(self.spec.type, "text")

    def describe(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.name, "type": self.ckan_type}
        if self.spec is not None:
            out["info"] = {"label": self.spec.label_vi, "notes": self.spec.description}
        return out


def _missing(name: str, fields: Iterable[str]) -> ValidationError:
    problems = [f'field "{f}" not in table' for f in fields]
    return ValidationError(f"{name}: {'; '.join(problems)}", {name: problems})


def _invalid(name: str, message: str) -> ValidationError:
    return ValidationError(f"{name}: {message}", {name: [message]})


# --- resources ------------------------------------------------------------------------


def _dataset(call: Call, ref: Any, shown: Any) -> Dataset:
    try:
        return get_dataset(call.session, call.actor, ref)
    except HubNotFound:
        raise NotFound(f'Resource "{shown}" was not found.') from None


def _resolve(call: Call, ref: Any) -> Dataset:
    """The dataset behind a resource id: a generated distribution's, or its own id/name."""
    key = clean_ref(ref) if isinstance(ref, str | uuid.UUID) else None
    if key is None:
        raise NotFound(f'Resource "{str(ref)[:100]}" was not found.')
    try:
        dist = call.session.get(Distribution, uuid.UUID(key))
    except ValueError:
        dist = None
    if dist is not None:
        if dist.kind != "generated":  # a file or a link: no table behind it
            raise NotFound(f'Resource "{key}" was not found.')
        return _dataset(call, dist.dataset_id, key)
    return _dataset(call, key, key)


def _datastore_resource_id(dataset: Dataset) -> str | None:
    """The id clients should use: the generated CSV's, else any generated distribution's."""
    generated = [d for d in dataset.distributions if d.kind == "generated"]
    generated.sort(key=lambda d: (d.file_name != "data.csv", d.position))
    return str(generated[0].id) if generated else None


# --- search ---------------------------------------------------------------------------


def _columns(specs: Sequence[FieldSpec], table: Table) -> dict[str, Column]:
    """Columns by lower-case name; field names are matched case-insensitively."""
    out = {ROW_ID: Column(ROW_ID, table.c[store.ROW], None)}
    for spec in specs:
        out[spec.column] = Column(spec.name, table.c[spec.column], spec)
    return out


def _json_param(call: Call, name: str) -> Any:
    value = call.get(name)
    if isinstance(value, str) and value.strip()[:1] in ("{", "["):
        try:
            return json.loads(value)
        except ValueError:
            raise _invalid(name, "Cannot parse JSON") from None
    return value


def _names(call: Call, name: str) -> list[str] | None:
    """A list parameter given as a list, a JSON list or comma-separated text."""
    value = _json_param(call, name)
    if value in (None, "", []):
        return None
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _invalid(name, "A list of field names is expected")
    return [v.strip().strip('"') for v in value if v.strip()]


def _selected(call: Call, columns: dict[str, Column]) -> list[Column]:
    wanted = _names(call, "fields")
    if wanted is None:
        return list(columns.values())
    unknown = [n for n in wanted if n.lower() not in columns]
    if unknown:
        raise _missing("fields", unknown)
    return [columns[n.lower()] for n in dict.fromkeys(wanted)]


def _filter_value(col: Column, raw: Any) -> Any:
    value = _typed(col, raw)
    # SQLite cannot bind integers beyond 64 bits: such a value is refused, not a 500.
    if isinstance(value, int) and not isinstance(value, bool) and not -(2**63) <= value < 2**63:
        raise _invalid("filters", f"{col.name}: out of range")
    return value


def _typed(col: Column, raw: Any) -> Any:
    if isinstance(raw, dict | list):
        raise _invalid("filters", f"{col.name}: a value or a list of values is expected")
    if col.spec is None:
        try:
            return int(str(raw))
        except ValueError:
            raise _invalid("filters", f"{col.name}: not an integer") from None
    try:
        return col.spec.convert(raw)
    except ValueError:
        pass
    try:  # a well-typed value the field's rules refuse matches no record: not an error
        return CONVERTERS[col.spec.type](raw)
    except ValueError as exc:
        raise _invalid("filters", f"{col.name}: {exc}") from None


def _condition(col: Column, raw: Any) -> ColumnElement[bool]:
    if isinstance(raw, list):
        if len(raw) > MAX_FILTER_VALUES:
            raise _invalid("filters", f"{col.name}: at most {MAX_FILTER_VALUES} values")
        values = [_filter_value(col, v) for v in raw if v is not None]
        condition = col.column.in_(values) if values else false()
        return or_(condition, col.column.is_(None)) if None in raw else condition
    value = None if raw is None else _filter_value(col, raw)
    return col.column.is_(None) if value is None else col.column == value


def _filters(call: Call, columns: dict[str, Column]) -> list[ColumnElement[bool]]:
    given = _json_param(call, "filters")
    if given in (None, ""):
        return []
    if not isinstance(given, dict):
        raise _invalid("filters", "A dictionary of field: value is expected")
    unknown = [str(k) for k in given if str(k).lower() not in columns]
    if unknown:
        raise _missing("filters", unknown)
    return [_condition(columns[str(k).lower()], v) for k, v in given.items()]


# PostgreSQL folds with translate(): each Latin letter with marks to its base letter.
def _fold_pairs() -> tuple[str, str]:
    import unicodedata

    source, target = ["đĐ"], ["dD"]
    for code in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        char = chr(code)
        base = unicodedata.normalize("NFD", char)
        if char.isalpha() and len(base) > 1 and base[0].isascii():
            if all(unicodedata.combining(c) for c in base[1:]):
                source.append(char)
                target.append(base[0])
    return "".join(source), "".join(target)


_FOLD_FROM, _FOLD_TO = _fold_pairs()


def _sqlite_fold(value: Any) -> Any:
    return fold(value) if isinstance(value, str) else value


def _folder(session: Session) -> Any:
    """A function of a SQL text expression to its folded form, as ``hub.text.fold`` does."""
    conn = session.connection()
    if conn.dialect.name == "sqlite":
        raw = conn.connection.dbapi_connection
        raw.create_function("hub_fold", 1, _sqlite_fold, deterministic=True)
        return lambda expr: func.hub_fold(expr)
    return lambda expr: func.lower(func.translate(expr, literal(_FOLD_FROM), literal(_FOLD_TO)))


def _words(text: Any, name: str) -> list[str]:
    if not isinstance(text, str | int | float) or isinstance(text, bool):
        raise _invalid(name, "Text is expected")
    return fold(str(text)).split()[:MAX_Q_WORDS]


def _matches(folded: Any, columns: Sequence[Column], words: list[str]) -> list[Any]:
    """Every word in one of the columns (case and marks aside)."""
    if not columns:
        return [false()] if words else []
    exprs = [folded(c.column) for c in columns]
    return [or_(*(e.contains(w, autoescape=True) for e in exprs)) for w in words]


def _q(call: Call, columns: dict[str, Column]) -> list[Any]:
    given = call.get("q")
    if isinstance(given, str) and given.lstrip().startswith("{"):
        try:  # {field: text} sent as JSON text; otherwise the braces are just text
            given = json.loads(given)
        except ValueError:
            pass
    if given in (None, "", {}):
        return []
    folded = _folder(call.session)
    if isinstance(given, dict):
        unknown = [str(k) for k in given if str(k).lower() not in columns]
        if unknown:
            raise _missing("q", unknown)
        out: list[Any] = []
        for name, text in given.items():
            col = columns[str(name).lower()]
            if col.spec is None or col.spec.type not in TEXT_TYPES:
                raise _invalid("q", f"{col.name}: text search needs a text field")
            out += _matches(folded, [col], _words(text, "q"))
        return out
    texts = [c for c in columns.values() if c.spec is not None and c.spec.type in TEXT_TYPES]
    return _matches(folded, texts, _words(given, "q"))


def _sort(call: Call, columns: dict[str, Column]) -> list[Any]:
    given = call.get("sort")
    items = given if isinstance(given, list) else str(given).split(",") if given else []
    order: list[Any] = []
    unknown: list[str] = []
    for item in items:
        if not str(item).strip():
            continue
        match = _SORT_ITEM.match(str(item))
        if match is None:
            raise _invalid("sort", f'Cannot parse sort "{str(item)[:100]}"')
        name, direction = match.group(1), (match.group(2) or "asc").lower()
        col = columns.get(name.lower())
        if col is None:
            unknown.append(name)
            continue
        term = col.column.desc() if direction == "desc" else col.column.asc()
        order.append(term if col.spec is None or col.spec.required else term.nulls_last())
    if unknown:
        raise _missing("sort", unknown)
    return [*order, columns[ROW_ID].column.asc()]  # a stable order for offset pages


def _natural(call: Call, name: str, default: int, high: int) -> int:
    value = call.integer(name, default, -(2**63))
    if value < 0:
        raise _invalid(name, "Must be a natural number")
    return min(value, high)


def _format(call: Call) -> str:
    fmt = str(call.get("records_format", "objects")).strip().lower()
    if fmt not in FORMATS:
        raise _invalid("records_format", f"One of {', '.join(FORMATS)}")
    return fmt


def _text_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(jsonable(value))


def _records(rows: list[Any], selected: list[Column], fmt: str) -> Any:
    if fmt == "objects":
        names = [c.name for c in selected]
        return [dict(zip(names, map(jsonable, row), strict=True)) for row in rows]
    if fmt == "lists":
        return [[jsonable(v) for v in row] for row in rows]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="\t" if fmt == "tsv" else ",", lineterminator="\n")
    writer.writerows([_text_cell(v) for v in row] for row in rows)
    return buffer.getvalue()


def _link(call: Call, offset: int | None) -> str:
    params = {k: v for k, v in call.params.items() if k != "offset" and v is not None}
    if offset:
        params["offset"] = offset
    flat = {
        k: json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else v
        for k, v in params.items()
    }
    return f"/api/3/action/datastore_search?{urlencode(flat)}"


@action("datastore_search")
def datastore_search(call: Call) -> dict[str, Any]:
    """Search a DataStore resource (a dataset's records): resource_id, filters, q, fields,
    sort, limit (default 100, at most 32000), offset, include_total, records_format
    (objects | lists | csv | tsv). Unknown fields are a Validation Error naming them."""
    resource_id = call.require("resource_id")
    dataset = _resolve(call, resource_id)
    try:
        _record_set, specs, table = reads.live_table(call.session, dataset)
    except HubNotFound:
        raise NotFound(f'Resource "{resource_id}" was not found.') from None
    columns = _columns(specs, table)
    selected = _selected(call, columns)
    where = _filters(call, columns) + _q(call, columns)
    order = _sort(call, columns)
    limit = _natural(call, "limit", DEFAULT_LIMIT, MAX_LIMIT)
    offset = _natural(call, "offset", 0, MAX_OFFSET)
    fmt = _format(call)
    include_total = call.flag("include_total", True)
    statement = select(*(c.column for c in selected)).where(*where).order_by(*order)
    conn = call.session.connection()
    total = None
    try:
        with time_budget(conn, current_app.config["HUB_QUERY_TIME_LIMIT_MS"]):
            rows = conn.execute(statement.limit(limit).offset(offset)).all() if limit else []
            if include_total:
                counted = select(func.count()).select_from(table).where(*where)
                total = conn.execute(counted).scalar()
    except QueryTimeout:
        raise _invalid("query", "Search took too long") from None
    out: dict[str, Any] = {
        "include_total": include_total,
        "resource_id": str(resource_id),
        "fields": [c.describe() for c in selected],
        "records_format": fmt,
        "records": _records(rows, selected, fmt),
        "limit": limit,
        "offset": offset,
        "_links": {"start": _link(call, None), "next": _link(call, offset + limit)},
    }
    for echoed in ("filters", "q", "sort"):
        if call.get(echoed) not in (None, ""):
            out[echoed] = call.get(echoed)
    if include_total:
        out["total"] = total
        out["total_was_estimated"] = False
    return out


# --- writes ---------------------------------------------------------------------------


def _editable(call: Call, dataset: Dataset) -> None:
    if not call.actor.can_edit_state(dataset.organization_id, dataset.state):
        raise NotAuthorized(
            "Authorization Error: you may not change the records of this dataset "
            "in its current state."
        )


def _logged_in(call: Call) -> None:
    # Checked first: an anonymous caller learns nothing about the resource.
    if not call.actor.is_authenticated:
        raise NotAuthorized("Authorization Error: an API token is needed to write.")


def _record_list(call: Call, required: bool) -> list[Any]:
    records = _json_param(call, "records")
    if records in (None, "", []):
        if required:
            raise _invalid("records", "Missing value")
        return []
    if not isinstance(records, list):
        raise _invalid("records", "A list of records is expected")
    bad = [i for i, r in enumerate(records, 1) if not isinstance(r, dict)]
    if bad:
        problems = [f"row {i}: not a record ({{field: value}})" for i in bad[:MAX_PROBLEMS]]
        raise ValidationError("records: not all items are records", {"records": problems})
    return records


def _import(call: Call, dataset: Dataset, rows: list[dict[str, Any]], mode: str) -> None:
    """One import of ``rows`` through the records service; its problems become a 409."""
    header = list(dict.fromkeys(k for row in rows for k in row if k != ROW_ID))
    full = [{k: row.get(k) for k in header} for row in rows]  # the first item is the header
    data = json.dumps(full, ensure_ascii=False, default=str).encode("utf-8")
    try:
        service.import_records(
            call.session,
            call.actor,
            dataset.id,
            io.BytesIO(data),
            "datastore.json",
            mode=mode,
            on_error="abort",
            forms=get_form_cache(),
        )
    except service.ImportFailed as failed:
        raise _import_error(failed.report.message, failed.report.problems) from None


def _import_error(message: str | None, problems: list[dict[str, Any]] | None) -> ValidationError:
    listed = []
    for p in (problems or [])[:MAX_PROBLEMS]:
        where = f"row {p['row']}" + (f", {p['column']}" if p.get("column") else "")
        value = f" ({p['value']!r})" if p.get("value") else ""
        listed.append(f"{where}: {p['message']}{value}")
    text = message or "The records are not valid."
    return ValidationError(text, {"records": listed or [text]})


def _key_of(keys: Sequence[FieldSpec], record: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(spec.convert(record.get(spec.name)) for spec in keys)


def _normalized(
    records: list[dict[str, Any]], specs: Sequence[FieldSpec], keys: Sequence[FieldSpec]
) -> tuple[list[dict[str, Any]], list[tuple[Any, ...]]]:
    """Records by the schema's field names, and their converted keys; 409 on problems."""
    by_column = {spec.column: spec for spec in specs}
    out, found, problems = [], [], []
    for i, record in enumerate(records, 1):
        unknown = [str(k) for k in record if str(k).lower() not in by_column and k != ROW_ID]
        problems += [f'row {i}: field "{k}" not in table' for k in unknown]
        named = {by_column[k.lower()].name: v for k, v in record.items() if k.lower() in by_column}
        missing = [s.name for s in keys if named.get(s.name) in (None, "")]
        if missing:
            problems.append(f"row {i}: key field(s) missing: {', '.join(missing)}")
        elif not unknown:
            try:
                found.append(_key_of(keys, named))
            except ValueError as exc:
                problems.append(f"row {i}: key not valid: {exc}")
        out.append(named)
    if problems:
        raise ValidationError(
            f"{len(problems)} problem(s) in the records; nothing was written.",
            {"records": problems[:MAX_PROBLEMS]},
        )
    return out, found


def _stored(
    session: Session, record_set: RecordSet, specs: Sequence[FieldSpec], wanted: list[tuple]
) -> dict[tuple[Any, ...], dict[str, Any]]:
    """The stored rows with the ``wanted`` keys, by key, values as the import reads them."""
    table = store.record_table(record_set.table_name, specs)
    keys = [table.c[s.column] for s in specs if s.key]
    key_of = tuple_(*keys) if len(keys) > 1 else keys[0]
    fields = [table.c[s.column] for s in specs]
    unique = list(dict.fromkeys(wanted))
    found: dict[tuple[Any, ...], dict[str, Any]] = {}
    conn = session.connection()
    for start in range(0, len(unique), 300):
        chunk = unique[start : start + 300]
        values = chunk if len(keys) > 1 else [k[0] for k in chunk]
        for row in conn.execute(select(*fields).where(key_of.in_(values))):
            record = {s.name: jsonable(v) for s, v in zip(specs, row, strict=True)}
            found[tuple(row[i] for i, s in enumerate(specs) if s.key)] = record
    return found


def _merge(call: Call, dataset: Dataset, records: list[dict[str, Any]], method: str) -> None:
    """Upsert, insert or update ``records`` into a dataset that has records."""
    session = call.session
    record_set = record_set_of(session, dataset)
    if record_set is None:
        raise NotFound(f"Dataset '{dataset.slug}' has no records yet.")
    specs = dataset_fields(content_schema(dataset, record_set), record_set)
    keys = [s for s in specs if s.key]
    named, wanted = _normalized(records, specs, keys)
    stored = _stored(session, record_set, specs, wanted)
    session.commit()  # end the read: the import takes the write transaction itself
    problems = []
    for i, key in enumerate(wanted, 1):
        shown = ", ".join(f"{s.name}={v}" for s, v in zip(keys, key, strict=True))
        if method == "insert" and key in stored:
            problems.append(f'row {i}: key "{shown}" already exists')
        if method == "update" and key not in stored:
            problems.append(f'row {i}: key "{shown}" not found')
    if problems:
        raise ValidationError(
            f"{len(problems)} record(s) cannot be {method}ed; nothing was written.",
            {"records": problems[:MAX_PROBLEMS]},
        )
    blank = {s.name: None for s in specs}
    merged = [{**blank, **stored.get(k, {}), **r} for k, r in zip(wanted, named, strict=True)]
    _import(call, dataset, merged, "upsert")


def _write_target(call: Call, ref: Any) -> Dataset:
    _logged_in(call)
    dataset = _resolve(call, ref)
    _editable(call, dataset)
    return dataset


def _create_target(call: Call) -> Dataset:
    if call.get("resource_id"):
        return _write_target(call, call.get("resource_id"))
    resource = _json_param(call, "resource")
    if not isinstance(resource, dict) or not resource.get("package_id"):
        raise ValidationError(
            "resource_id or resource.package_id is needed",
            {"resource_id": ["Missing value"], "resource": ["package_id is needed"]},
        )
    return _write_target(call, resource["package_id"])


def _check_declared(call: Call, schema: ContentSchema, specs: Sequence[FieldSpec]) -> None:
    """``fields`` and ``primary_key`` must name the schema's fields (and keys)."""
    declared = _json_param(call, "fields") or []
    if not isinstance(declared, list) or not all(
        isinstance(f, dict) and isinstance(f.get("id"), str) for f in declared
    ):
        raise _invalid("fields", 'A list of {"id": name, "type": type} is expected')
    known = {s.column: s for s in specs}
    unknown = [f["id"] for f in declared if f["id"].lower() not in known and f["id"] != ROW_ID]
    if unknown and not schema.extensible:  # extensible: the first import adds dimensions
        raise _missing("fields", unknown)
    new = {n.lower() for n in unknown}
    for name in _names(call, "primary_key") or []:
        spec = known.get(name.lower())
        if spec is None and name.lower() not in new:
            raise _missing("primary_key", [name])
        if spec is not None and not spec.key:
            keys = ", ".join(s.name for s in specs if s.key)
            raise _invalid("primary_key", f"{name} is not a key field (keys: {keys})")


@action("datastore_create", writes=True)
def datastore_create(call: Call) -> dict[str, Any]:
    """Load records into a dataset's records (resource_id or resource.package_id; fields,
    records, primary_key). The dataset's schema decides field types and keys; the first
    records make the table, later ones are inserted (existing keys are refused)."""
    dataset = _create_target(call)
    record_set = record_set_of(call.session, dataset)
    schema = content_schema(dataset, record_set)
    specs = dataset_fields(schema, record_set)
    _check_declared(call, schema, specs)
    records = _record_list(call, required=False)
    if records and record_set is None:
        _import(call, dataset, records, "replace")
    elif records:
        _merge(call, dataset, records, "insert")
    call.session.refresh(dataset)
    record_set = record_set_of(call.session, dataset)
    specs = dataset_fields(content_schema(dataset, record_set), record_set)
    return {
        "resource_id": _datastore_resource_id(dataset) or str(dataset.id),
        "package_id": str(dataset.id),
        "fields": [Column(s.name, None, s).describe() for s in specs],
        "primary_key": [s.name for s in specs if s.key],
        "method": "insert",
    }


@action("datastore_upsert", writes=True)
def datastore_upsert(call: Call) -> dict[str, Any]:
    """Write records into a dataset's records by key: method upsert (default), insert
    (keys must be new) or update (keys must exist; fields left out keep their values)."""
    resource_id = call.require("resource_id")
    dataset = _write_target(call, resource_id)
    method = str(call.get("method", "upsert")).strip().lower()
    if method not in METHODS:
        raise _invalid("method", f"One of {', '.join(METHODS)}")
    records = _record_list(call, required=True)
    if record_set_of(call.session, dataset) is not None:
        _merge(call, dataset, records, method)
    elif method == "update":
        raise NotFound(f'Resource "{resource_id}" has no records to update.')
    else:
        _import(call, dataset, records, "replace")
    return {"resource_id": str(resource_id), "method": method, "records": records}
