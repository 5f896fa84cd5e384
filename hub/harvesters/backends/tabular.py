"""The ``tabular`` harvest backend: a CSV or XLSX file at the source URL as one dataset.

The file is read with the hub's own readers (``hub.records.sources``: encoding
detection, TCVN3/VNI/Windows-1258 included, header search below title rows), its
columns renamed by the config's ``columns`` mapping (source header -> target field),
and handed over as UTF-8 CSV records, mode ``replace``. Unmapped columns are dropped
(and noted in the job report): the mapping says what the dataset publishes. A mapped
column that the file lacks fails the item with both lists of names.

``record_type`` names a schema for the records; without it the dataset's content type
must have exactly one record schema (statistics, budget, project, legal_document): the
plain records of that type. Size limits are the fetch policy's. The file is fetched in
``gather`` (its failure fails the gather, so nothing is withdrawn); ``ctx.since`` is not
used: the framework's content hash tells whether the file changed.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from hub.datasets import vocab
from hub.harvesters.backends._feed_records import fetched
from hub.harvesters.backends._tabular_table import FORMATS, file_name, mapped_csv
from hub.harvesters.base import (
    Backend,
    HarvestContext,
    ItemFailed,
    MappedDataset,
    Records,
    RemoteItem,
)
from hub.harvesters.registry import register
from hub.records.schema import RECORD_TYPES_OF_CONTENT_TYPE, schema_named, schemas

_HOLDERS = sorted(RECORD_TYPES_OF_CONTENT_TYPE)
DATASET_KEYS = (
    "title_en",
    "description_vi",
    "description_en",
    "themes",
    "keywords",
    "frequency",
    "licence",
)


def _holder_of(record_type: str) -> str | None:
    found = [c for c, names in RECORD_TYPES_OF_CONTENT_TYPE.items() if record_type in names]
    return found[0] if found else None


class TabularConfig(Schema):
    columns = fields.Dict(
        keys=fields.String(validate=validate.Length(min=1, max=300)),
        values=fields.String(validate=validate.Length(min=1, max=100)),
        required=True,
        validate=validate.Length(min=1),
    )
    record_type = fields.String(validate=validate.Length(min=1, max=100))
    content_type = fields.String(validate=validate.OneOf(_HOLDERS))
    sheet = fields.String(validate=validate.Length(min=1, max=100))
    format = fields.String(validate=validate.OneOf(sorted(FORMATS)))
    title_vi = fields.String(validate=validate.Length(min=1, max=500))
    title_en = fields.String(validate=validate.Length(min=1, max=500))
    description_vi = fields.String(validate=validate.Length(max=50000))
    description_en = fields.String(validate=validate.Length(max=50000))
    themes = fields.List(fields.String(validate=validate.OneOf(sorted(vocab.THEMES))))
    keywords = fields.List(fields.String(validate=validate.Length(min=1, max=100)))
    frequency = fields.String(validate=validate.OneOf(sorted(vocab.FREQUENCIES)))
    licence = fields.String(validate=validate.OneOf(sorted(vocab.LICENCES)))

    @validates_schema
    def _consistent(self, data: dict[str, Any], **_kw: Any) -> None:
        record_type, content_type = data.get("record_type"), data.get("content_type")
        if record_type is not None:
            if record_type not in schemas() or _holder_of(record_type) is None:
                raise ValidationError(f"Unknown record type {record_type!r}.", "record_type")
            content_type = content_type or _holder_of(record_type)
            if record_type not in RECORD_TYPES_OF_CONTENT_TYPE[content_type]:
                raise ValidationError(
                    f"{record_type!r} is not a record type of {content_type} datasets.",
                    "record_type",
                )
        elif content_type is None or len(RECORD_TYPES_OF_CONTENT_TYPE[content_type]) != 1:
            raise ValidationError(
                "Give record_type, or a content_type with one record schema "
                "(statistics, budget, project, legal_document).",
                "record_type",
            )
        else:
            record_type = RECORD_TYPES_OF_CONTENT_TYPE[content_type][0]
        schema = schema_named(record_type)
        targets = list(data["columns"].values())
        if len(set(targets)) != len(targets):
            raise ValidationError("Two columns map to the same field.", "columns")
        unknown = [t for t in targets if schema.field(t) is None]
        if unknown and not schema.extensible:
            raise ValidationError(f"Not fields of {record_type}: {', '.join(unknown)}.", "columns")


def _last_modified(value: str | None) -> datetime | None:
    try:
        return parsedate_to_datetime(value) if value else None
    except (TypeError, ValueError):
        return None


@register
class TabularBackend(Backend):
    name = "tabular"
    title = ("Tệp bảng CSV/XLSX", "CSV/XLSX table file")
    config_schema = TabularConfig

    def gather(self, ctx: HarvestContext) -> Iterator[RemoteItem]:
        response = fetched(ctx, ctx.url, ("tệp", "file"))
        modified = _last_modified(response.headers.get("last-modified"))
        name = file_name(response.url, response.headers.get("content-type"), None)
        yield RemoteItem(
            remote_id=ctx.url,
            payload=response,
            modified=modified,
            title=ctx.config.get("title_vi") or name,
        )

    def map_item(self, ctx: HarvestContext, item: RemoteItem) -> MappedDataset:
        if item.payload is None:
            raise ItemFailed("Không có nội dung để ánh xạ / Nothing to map")
        response, config = item.payload, ctx.config
        name = file_name(response.url, response.headers.get("content-type"), config.get("format"))
        columns = config["columns"]
        data, count = mapped_csv(response.body, name, columns, config.get("sheet"), ctx.notes)
        if count == 0:
            raise ItemFailed(f"Tệp không có dòng dữ liệu / The file has no data rows: {name}")
        record_type = config.get("record_type")
        content_type = config.get("content_type") or _holder_of(record_type or "")
        dataset: dict[str, Any] = {
            "content_type": content_type,
            "title_vi": config.get("title_vi") or name,
        }
        for key in DATASET_KEYS:
            if config.get(key):
                dataset[key] = config[key]
        suffix = name.rsplit(".", 1)[-1].upper()
        distribution = {
            "title_vi": f"Tệp gốc ({suffix})",
            "title_en": f"Original file ({suffix})",
            "url": ctx.url,
            "format": suffix,
            "kind": "link",
        }
        stem = name.rsplit(".", 1)[0]
        records = Records(data, f"{stem}.csv", record_type, "replace")
        return MappedDataset(fields=dataset, distributions=(distribution,), records=records)
