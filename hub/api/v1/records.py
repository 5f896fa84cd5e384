"""Records of tabular datasets: their schema, queries, imports and import reports."""

from __future__ import annotations

import csv
import io
import uuid
from dataclasses import replace
from typing import Any

from flask import Response, current_app, request

from hub.api.auth import current_principal
from hub.api.listing import (
    Page,
    SortKey,
    decode_cursor,
    encode_cursor,
    page_body,
    parse_flag,
    parse_limit,
)
from hub.api.v1 import bp, schemas
from hub.api.v1.common import json_body, respond
from hub.api.v1.spec import doc
from hub.datasets.serialize import jsonable
from hub.datasets.service import get_dataset
from hub.db import get_db, get_session
from hub.errors import FieldError, NotFound, ValidationFailed
from hub.records import fields, reads, service
from hub.records.export import neutralize
from hub.records.form_cache import get_form_cache
from hub.records.models import RecordImport
from hub.records.query import parse_query, run_query
from hub.records.schema import FieldDeclaration, FieldSpec
from hub.schemas import load

_FORM_OPTIONS = ("mode", "on_error", "sheet", "record_type")


def _api(path: str) -> str:
    return f"{current_app.config['HUB_BASE_URL']}/api/v1/{path}"


def field_out(spec: FieldSpec) -> dict[str, Any]:
    return {
        "name": spec.name,
        "type": spec.type,
        "label_vi": spec.label_vi,
        "label_en": spec.label_en,
        "description": spec.description,
        "required": spec.required,
        "key": spec.key,
        "filter": spec.filter,
        "unit": spec.unit,
        "codes": [{"code": c.code, "vi": c.vi, "en": c.en} for c in spec.codes],
    }


def import_out(report: RecordImport) -> dict[str, Any]:
    return {
        "id": str(report.id),
        "url": _api(f"imports/{report.id}"),
        "report_csv": _api(f"imports/{report.id}/problems.csv"),
        "dataset_id": str(report.dataset_id),
        "status": report.status,
        "mode": report.mode,
        "on_error": report.on_error,
        "file_name": report.file_name,
        "format": report.format,
        "encoding": report.encoding,
        "rows_read": report.rows_read,
        "rows_loaded": report.rows_loaded,
        "rows_invalid": report.rows_invalid,
        "version": report.version,
        "message": report.message,
        "problems": report.problems or [],
        "started_at": jsonable(report.started_at),
        "finished_at": jsonable(report.finished_at),
    }


@bp.get("/datasets/<ref>/schema")
@doc(tag="records", response=schemas.RecordSchemaOut, errors=(404, 422))
def record_schema(ref: str) -> Response:
    """The fields of a dataset's records.
    Names, types, vi/en labels, keys, filterable fields and code lists."""
    session = get_session()
    dataset = get_dataset(session, current_principal(), ref)
    record_set = fields.record_set_of(session, dataset)
    content = fields.content_schema(dataset, record_set)
    body = {
        "dataset_id": str(dataset.id),
        "schema": content.name,
        "version": record_set.version if record_set else 0,
        "row_count": record_set.row_count if record_set else 0,
        "updated_at": jsonable(record_set.updated_at) if record_set else None,
        "fields": [field_out(f) for f in fields.dataset_fields(content, record_set)],
    }
    return respond(body)


@bp.post("/datasets/<ref>/schema/fields")
@doc(
    tag="records",
    body=FieldDeclaration,
    response=schemas.RecordFieldOut,
    status=201,
    auth=True,
    errors=(403, 404, 409, 415, 422),
)
def add_record_field(ref: str) -> Response:
    """Add a field to a dataset's records.
    A new, empty column: the stored rows keep their values; an upsert import fills it."""
    data = load(FieldDeclaration(), json_body())
    spec = fields.add_field(get_session(), current_principal(), ref, data)
    return respond(field_out(spec), 201)


@bp.get("/datasets/<ref>/records")
@doc(
    tag="records",
    response=schemas.RecordPage,
    query=(
        ("sort", "string", "A field name; '-' in front for descending. Default: file order."),
        ("fields", "string", "Comma-separated field names to return."),
        ("limit", "integer", "Page size, 1-1000 (default 20)."),
        ("cursor", "string", "Opaque cursor from the previous page's next link."),
        ("count", "boolean", "Also return the number of matching records."),
    ),
    errors=(400, 404, 503),
)
def query_records(ref: str) -> Response:
    """Query a dataset's records.
    Filter with FIELD=value, FIELD__in=a,b and FIELD__gte/__gt/__lte/__lt/__ne=value
    (field names as in the schema); results come in pages with a next link."""
    session = get_session()
    live = reads.live_records(get_db().hot, current_principal(), ref)
    fields = live.fields
    args = request.args
    query = parse_query(fields, args, limit=parse_limit(args), count=parse_flag(args, "count"))
    keys = [SortKey(None, lambda v: v, lambda v: v), SortKey(None, lambda v: v, int)]
    if args.get("cursor"):
        value, row = decode_cursor(args["cursor"], keys)
        if query.sort is not None and value is not None:
            value = query.sort.convert(value)
        query = replace(query, after=(value, row))
    budget = current_app.config["HUB_QUERY_TIME_LIMIT_MS"]
    page = run_query(session.connection(), live.table, query, budget_ms=budget)
    names = [f.name for f in page.fields]
    data = [dict(zip(names, map(jsonable, row), strict=True)) for row in page.rows]
    cursor = None
    if page.next_key is not None:
        cursor = encode_cursor([jsonable(page.next_key[0]), page.next_key[1]])
    body, headers = page_body(Page([], cursor, page.count), data)
    body["fields"] = names
    if page.count_timed_out:
        body["count"] = None
    return respond(body, headers=headers, last_modified=live.updated_at)


@bp.post("/datasets/<ref>/records")
@doc(
    tag="records",
    response=schemas.ImportOut,
    status=201,
    auth=True,
    errors=(403, 404, 413, 415, 422),
)
def import_records(ref: str) -> Response:
    """Import a file of records (multipart/form-data, field ``file``).
    CSV, XLSX, JSON or NDJSON. Form fields: mode (replace | upsert), on_error (abort | skip),
    sheet, record_type (portal content, first import). A failed import changes nothing; its
    report is kept either way."""
    if request.mimetype != "multipart/form-data":
        raise ValidationFailed("Send the file as multipart/form-data in the field 'file'.")
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        raise ValidationFailed("Input is not valid.", errors=[FieldError("file", "Required.")])
    options = {k: request.form[k] for k in _FORM_OPTIONS if request.form.get(k)}
    try:
        report = service.import_records(
            get_session(),
            current_principal(),
            ref,
            upload.stream,
            upload.filename,
            max_bytes=current_app.config["HUB_MAX_UPLOAD_BYTES"],
            forms=get_form_cache(),
            **options,
        )
    except service.ImportFailed as failed:
        failed.extra = {"import": import_out(failed.report)}  # type: ignore[attr-defined]
        raise
    out = import_out(report)
    return respond(out, 201, headers={"Location": out["url"]})


@bp.get("/datasets/<ref>/imports")
@doc(tag="records", response=schemas.ImportList, auth=True, errors=(404,))
def list_imports(ref: str) -> Response:
    """The imports of a dataset, newest first (the last 100).
    For members of its organization, editors and administrators."""
    session, actor = get_session(), current_principal()
    dataset = get_dataset(session, actor, ref)
    actor.require(actor.in_scope(dataset.organization_id), "Import reports are for members.")
    reports = service.imports_of(session, dataset)
    return respond({"data": [import_out(r) for r in reports], "next": None})


def _report(import_id: str) -> RecordImport:
    session, actor = get_session(), current_principal()
    try:
        report = session.get(RecordImport, uuid.UUID(import_id))
    except ValueError:
        report = None
    if report is None:
        raise NotFound(f"Import '{import_id}' does not exist.")
    dataset = get_dataset(session, actor, report.dataset_id)
    if not actor.in_scope(dataset.organization_id):
        raise NotFound(f"Import '{import_id}' does not exist.")
    return report


@bp.get("/imports/<import_id>")
@doc(tag="records", response=schemas.ImportOut, auth=True, errors=(404,))
def show_import(import_id: str) -> Response:
    """One import and its validation report.
    Row, column, value and message of the first 1,000 problems."""
    return respond(import_out(_report(import_id)))


@bp.get("/imports/<import_id>/problems.csv")
@doc(tag="records", auth=True, errors=(404,))
def import_problems_csv(import_id: str) -> Response:
    """The validation report of an import as CSV (UTF-8 with BOM, for spreadsheets).
    Columns: row, column, value, message."""
    report = _report(import_id)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["row", "column", "value", "message"])
    for p in report.problems or []:
        # The value came from the file: a spreadsheet must not run it as a formula.
        writer.writerow([p["row"], p["column"], neutralize(p["value"]), p["message"]])
    response = Response("\ufeff" + buffer.getvalue(), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="import-{report.id}.csv"'
    return response
