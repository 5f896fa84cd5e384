"""Reading a dataset's records: visibility and the live table in one light query."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Table
from sqlalchemy.orm import Session

from hub.auth.principal import Principal
from hub.datasets.models import Dataset
from hub.errors import NotFound
from hub.hotread import HotQuery, HotReader
from hub.records import store
from hub.records.fields import content_schema, dataset_fields, record_set_of
from hub.records.models import RecordSet
from hub.records.schema import FieldSpec, parse_field, schema_named
from hub.text import clean_ref


@dataclass(frozen=True)
class LiveRecords:
    """What a read of a dataset's records needs, from one light query."""

    dataset_id: uuid.UUID
    table_name: str
    version: int
    updated_at: datetime
    row_count: int
    fields: tuple[FieldSpec, ...]
    table: Table


_LIVE_SQL = (
    "SELECT d.id, d.organization_id, d.state, d.access_rights, d.content_type, d.slug, "
    "r.table_name, r.version, r.updated_at, r.row_count, r.extra_fields, r.schema_name "
    "FROM dataset d LEFT JOIN record_set r ON r.dataset_id = d.id WHERE "
)
_LIVE_KINDS = (
    *("uuid", "uuid", "str", "str", "str", "str"),
    *("str", "int", "datetime", "int", "json", "str"),
)
_LIVE_BY_ID = HotQuery("hub_records_by_id", _LIVE_SQL + "d.id = ?", _LIVE_KINDS)
_LIVE_BY_SLUG = HotQuery("hub_records_by_slug", _LIVE_SQL + "d.slug = ?", _LIVE_KINDS)
_TABLES: dict[tuple[str, str], tuple[tuple[FieldSpec, ...], Table]] = {}


def live_records(reader: HotReader, actor: Principal, ref: str | uuid.UUID) -> LiveRecords:
    """Visibility, current table and fields of a dataset's records in one query.

    NotFound when the dataset is not visible or has no records yet. Field specs and
    the Core table are kept per table name, so repeated reads compile nothing.
    """
    key = ref if isinstance(ref, uuid.UUID) else clean_ref(ref)
    row = None
    if key is not None:
        try:
            row = reader.fetch_one(
                _LIVE_BY_ID, [key if isinstance(key, uuid.UUID) else uuid.UUID(key)]
            )
        except ValueError:
            row = reader.fetch_one(_LIVE_BY_SLUG, [key])
    if row is None or not actor.can_see(row[1], row[2], row[3]):
        raise NotFound(f"Dataset '{ref}' does not exist.")
    if row[6] is None:
        raise NotFound(f"Dataset '{row[5]}' has no records yet.")
    schema = schema_named(row[11])
    cache_key = (row[6], json.dumps(row[10], sort_keys=True))
    cached = _TABLES.get(cache_key)
    if cached is None:
        fields = schema.fields + tuple(parse_field("dataset", node) for node in row[10] or [])
        cached = (fields, store.record_table(row[6], fields))
        if len(_TABLES) > 512:
            _TABLES.clear()
        _TABLES[cache_key] = cached
    return LiveRecords(row[0], row[6], row[7], row[8], row[9], *cached)


def live_table(
    session: Session, dataset: Dataset
) -> tuple[RecordSet, tuple[FieldSpec, ...], Table]:
    """The dataset's record set, fields and Core table; NotFound when nothing is imported."""
    record_set = record_set_of(session, dataset)
    if record_set is None:
        raise NotFound(f"Dataset '{dataset.slug}' has no records yet.")
    fields = dataset_fields(content_schema(dataset, record_set), record_set)
    return record_set, fields, store.record_table(record_set.table_name, fields)
