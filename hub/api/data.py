"""Published forms of a dataset's records at ``/dataset/<name>/<file>``.

CSV, JSON, NDJSON and XLSX are streamed from the live table (memory stays flat
at any size); the descriptors (Frictionless, CSVW, Fiscal Data Package, OC4IDS)
are built from the dataset's metadata and fields. What a caller may not see is
not found, exactly as in the API.
"""

from __future__ import annotations

import codecs
import itertools
import json
from collections.abc import Callable, Iterator
from typing import Any

from flask import Blueprint, Response, current_app, request, stream_with_context
from sqlalchemy.orm import Session
from werkzeug.http import http_date

from hub.api.auth import current_principal
from hub.content.schemaorg import SchemaOrgContext
from hub.content.schemaorg import graph as schema_org_graph
from hub.datasets.models import Dataset
from hub.datasets.service import get_dataset
from hub.db import get_session, utcnow
from hub.errors import NotFound
from hub.metadata.csvw import csvw
from hub.metadata.datapackage import datapackage
from hub.metadata.fiscal import fiscal_datapackage
from hub.metadata.oc4ids import oc4ids_package
from hub.records import export
from hub.records.fields import record_set_of
from hub.records.form_cache import get_form_cache
from hub.records.forms import generated_forms
from hub.records.publish import iter_rows, published_table
from hub.records.schema import ContentSchema, schema_named

bp = Blueprint("data", __name__)

_STREAMS: dict[str, tuple[str, Callable[..., Iterator[bytes]]]] = {
    "data.csv": ("text/csv; charset=utf-8", export.csv_chunks),
    "data.json": ("application/json", export.json_chunks),
    "data.ndjson": ("application/x-ndjson", export.ndjson_chunks),
    "data.xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        export.xlsx_chunks,
    ),
}
_DESCRIPTORS = {
    "datapackage.json": ("application/json", datapackage),
    "csv-metadata.json": ("application/csvm+json", csvw),
    "fiscal-datapackage.json": ("application/json", fiscal_datapackage),
}


def _urls(dataset: Dataset) -> dict[str, str]:
    base = f"{current_app.config['HUB_BASE_URL']}/dataset/{dataset.slug}"
    return {
        "csv": f"{base}/data.csv",
        "json": f"{base}/data.json",
        "ndjson": f"{base}/data.ndjson",
        "xlsx": f"{base}/data.xlsx",
        "datapackage": f"{base}/datapackage.json",
        "csvw": f"{base}/csv-metadata.json",
        "fiscal": f"{base}/fiscal-datapackage.json",
        "oc4ids": f"{base}/oc4ids.json",
        "landing": f"{current_app.config['HUB_BASE_URL']}/api/v1/datasets/{dataset.id}",
    }


def _schema_org(session: Session, dataset: Dataset, schema: ContentSchema) -> dict[str, Any]:
    fields, rows = iter_rows(session, dataset)
    names = [f.name for f in fields]
    organization = dataset.organization
    context = SchemaOrgContext(
        base_url=current_app.config["HUB_BASE_URL"],
        dataset_url=_urls(dataset)["landing"],
        organization_name=organization.title_vi,
        organization_url=organization.website,
    )
    return schema_org_graph(schema.name, (dict(zip(names, r, strict=True)) for r in rows), context)


@bp.get("/dataset/<name>/<file_name>")
def published_form(name: str, file_name: str) -> Response:
    session = get_session()
    dataset = get_dataset(session, current_principal(), name)
    record_set = record_set_of(session, dataset)
    schema = schema_named(record_set.schema_name) if record_set else None
    offered = {form[0] for form in generated_forms(schema)} if schema else set()
    if file_name not in offered or record_set is None:
        raise NotFound(f"'{file_name}' is not published for dataset '{name}'.")
    tag = f'"{record_set.table_name}-v{record_set.version}-{file_name}"'
    if request.if_none_match and tag.strip('"') in request.if_none_match:
        return Response(status=304, headers={"ETag": tag})
    length = None
    if file_name in _STREAMS:
        media_type, writer = _STREAMS[file_name]
        forms = get_form_cache()
        kept = forms.cached(dataset.id, record_set.version, file_name)
        if kept is not None:
            chunks: Iterator[bytes] = forms.read(kept)
            length = kept.stat().st_size
        else:
            fields, rows = iter_rows(session, dataset)
            options: dict[str, Any] = {}
            if file_name == "data.xlsx":
                options["sheet_title"] = dataset.slug
                options["header_note"] = dataset.citation
            made = writer(fields, rows, **options)
            chunks = forms.keep(dataset.id, record_set.version, file_name, made)
        if file_name == "data.csv" and request.args.get("bom") in {"1", "true"}:
            chunks = itertools.chain([codecs.BOM_UTF8], chunks)  # for spreadsheet users
            length = None if length is None else length + len(codecs.BOM_UTF8)
        body = stream_with_context(chunks)
        download = f"{dataset.slug}.{file_name.rsplit('.', 1)[1]}"
    else:
        table = published_table(session, dataset, _urls(dataset))
        if file_name == "schemaorg.jsonld":
            descriptor = _schema_org(session, dataset, schema)
            media_type = "application/ld+json"
        elif file_name == "oc4ids.json":
            fields, rows = iter_rows(session, dataset)
            names = [f.name for f in fields]
            records = (dict(zip(names, row, strict=True)) for row in rows)
            descriptor = oc4ids_package(
                table, records, uri=_urls(dataset)["oc4ids"], published=utcnow()
            )
            media_type = "application/json"
        else:
            media_type, build = _DESCRIPTORS[file_name]
            descriptor = build(table)
        body = json.dumps(descriptor, ensure_ascii=False, indent=2).encode()
        download = file_name
    response = Response(body, mimetype=None, content_type=media_type)
    response.headers["ETag"] = tag
    response.headers["Last-Modified"] = http_date(record_set.updated_at)
    response.headers["Content-Disposition"] = f'inline; filename="{download}"'
    response.headers["Access-Control-Allow-Origin"] = "*"
    if length is not None:
        response.headers["Content-Length"] = str(length)
    return response
