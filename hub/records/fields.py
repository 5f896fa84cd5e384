"""The schema of one dataset's records: its content type's fields plus the ones it declares."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from hub.auth.principal import Principal
from hub.datasets.models import Dataset
from hub.datasets.revisions import record_revision, touch
from hub.datasets.service import get_dataset
from hub.db import atomic
from hub.errors import Conflict, FieldError, ValidationFailed
from hub.records import store
from hub.records.models import RecordSet
from hub.records.schema import (
    RECORD_TYPES_OF_CONTENT_TYPE,
    ContentSchema,
    FieldSpec,
    SchemaFileError,
    parse_field,
    schema_named,
)
from hub.text import slugify


def content_schema(
    dataset: Dataset, record_set: RecordSet | None = None, record_type: str | None = None
) -> ContentSchema:
    """The record schema of a dataset: the one its records follow, or the one it may take.

    A dataset with records keeps their type; before its first import, a content type with
    several record types (portal content) needs ``record_type``.
    """
    allowed = RECORD_TYPES_OF_CONTENT_TYPE.get(dataset.content_type, ())
    if record_set is not None:
        if record_type and record_type != record_set.schema_name:
            raise Conflict(
                f"The records of this dataset are of type '{record_set.schema_name}', "
                f"not '{record_type}'."
            )
        return schema_named(record_set.schema_name)
    if not allowed:
        holders = ", ".join(sorted(RECORD_TYPES_OF_CONTENT_TYPE))
        raise ValidationFailed(
            f"Datasets of content type '{dataset.content_type}' hold no records.",
            errors=[FieldError("content_type", f"one of {holders}")],
        )
    if record_type is not None:
        if record_type not in allowed:
            raise ValidationFailed(
                f"'{record_type}' is not a record type of {dataset.content_type} datasets.",
                errors=[FieldError("record_type", f"one of {', '.join(allowed)}")],
            )
        return schema_named(record_type)
    if len(allowed) > 1:
        raise ValidationFailed(
            f"Name the record type of this {dataset.content_type} dataset's records.",
            errors=[FieldError("record_type", f"one of {', '.join(allowed)}")],
        )
    return schema_named(allowed[0])


def dataset_fields(schema: ContentSchema, record_set: RecordSet | None) -> tuple[FieldSpec, ...]:
    extra = record_set.extra_fields if record_set else []
    return schema.fields + tuple(parse_field("dataset", node) for node in extra)


def record_set_of(session: Session, dataset: Dataset) -> RecordSet | None:
    return session.get(RecordSet, dataset.id)


def new_record_set(
    session: Session, dataset: Dataset, schema: ContentSchema, table_name: str
) -> RecordSet:
    record_set = RecordSet(
        dataset_id=dataset.id,
        schema_name=schema.name,
        extra_fields=[],
        table_name=table_name,
        version=0,
        row_count=0,
    )
    session.add(record_set)
    return record_set


def new_dimension(header: str, taken: set[str]) -> dict[str, Any]:
    """A new string dimension for a statistics column the schema does not know."""
    base = (slugify(header, 50).replace("-", "_").upper() or "DIM").lstrip("_0123456789")
    name = base or "DIM"
    n = 2
    while name.lower() in taken:
        name, n = f"{base}_{n}", n + 1
    return {
        "name": name,
        "type": "string",
        "label": {"vi": header, "en": header},
        "key": True,
        "max_length": 200,
    }


@atomic
def add_field(session: Session, actor: Principal, ref: str, node: dict[str, Any]) -> FieldSpec:
    """Declare one more field on a dataset's records: a new, empty column (no rows lost).

    An added field can be neither key nor required, since the stored rows have no value
    for it; an upsert import fills it in afterwards.
    """
    dataset = get_dataset(session, actor, ref)
    actor.require(
        actor.can_edit_state(dataset.organization_id, dataset.state),
        "You may not change the records of this dataset in its current state.",
    )
    record_set = record_set_of(session, dataset)
    schema = content_schema(dataset, record_set)
    try:
        spec = parse_field("field", node)
    except SchemaFileError as exc:
        message = str(exc).split(": ", 1)[-1]
        raise ValidationFailed(
            "The field is not valid.", errors=[FieldError("", message)]
        ) from None
    if spec.key or spec.required:
        raise ValidationFailed(
            "An added field can be neither key nor required: stored rows have no value for it.",
            errors=[FieldError("key" if spec.key else "required", "must be false")],
        )
    if spec.column in {f.column for f in dataset_fields(schema, record_set)}:
        raise Conflict(f"The dataset already has a field named {spec.name}.")
    conn = session.connection()
    if record_set is None:  # no records yet: an empty table carries the declaration
        name = store.table_name(dataset.id.hex, 0)
        record_set = new_record_set(session, dataset, schema, name)
        table = store.record_table(name, schema.fields)
        store.create(conn, table)
        store.create_indexes(conn, table, schema.fields)
    store.add_column(conn, record_set.table_name, spec)
    if spec.filter:
        store.add_index(conn, record_set.table_name, spec)
    record_set.extra_fields = [*(record_set.extra_fields or []), dict(node)]
    record_set.version += 1  # the published forms gain a column: a new version of them
    touch(dataset, content=False)
    record_revision(session, actor, dataset, "add_field", None, {"field": spec.name})
    return spec
