"""Reading portal-content records across datasets (news of every site, units, contacts)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hub.datasets.models import Dataset
from hub.records import store
from hub.records.fields import content_schema, dataset_fields
from hub.records.models import RecordSet


def datasets_of_type(
    session: Session,
    record_type: str,
    organization_ids: Iterable[uuid.UUID] | None = None,
    *,
    public_only: bool = True,
) -> list[tuple[Dataset, RecordSet]]:
    """Datasets whose records are of ``record_type``; only published open data by default."""
    query = (
        select(Dataset, RecordSet)
        .join(RecordSet, RecordSet.dataset_id == Dataset.id)
        .where(RecordSet.schema_name == record_type)
        .order_by(Dataset.slug)
    )
    if public_only:
        query = query.where(Dataset.state == "published", Dataset.access_rights == "PUBLIC")
    else:
        query = query.where(Dataset.state != "deleted")
    if organization_ids is not None:
        query = query.where(Dataset.organization_id.in_(list(organization_ids)))
    return [(dataset, record_set) for dataset, record_set in session.execute(query).all()]


def rows_of(
    session: Session,
    dataset: Dataset,
    record_set: RecordSet,
    *,
    order_by: str | None = None,
    descending: bool = False,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """A dataset's records as dicts keyed by field name (file order unless ``order_by``)."""
    fields = dataset_fields(content_schema(dataset, record_set), record_set)
    table = store.record_table(record_set.table_name, fields)
    names = {f.column: f.name for f in fields}
    query = select(table)
    if order_by is not None:
        column = table.c[order_by.lower()]
        query = query.order_by(column.desc() if descending else column, table.c[store.ROW])
    else:
        query = query.order_by(table.c[store.ROW])
    if limit is not None:
        query = query.limit(limit)
    return [
        {names.get(k, k): v for k, v in row.items() if k != store.ROW}
        for row in session.execute(query).mappings()
    ]
