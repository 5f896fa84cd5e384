"""The published forms of a dataset's records: rows streamed from the live table."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date

from sqlalchemy.orm import Session

from hub.datasets.models import Dataset
from hub.datasets.vocab import LICENCES
from hub.records import store
from hub.records.fields import content_schema
from hub.records.published import LICENCE_URLS, PublishedTable
from hub.records.reads import live_table
from hub.records.schema import FieldSpec

FETCH = 5000


def published_table(session: Session, dataset: Dataset, urls: dict[str, str]) -> PublishedTable:
    record_set, fields, _ = live_table(session, dataset)
    licence = LICENCES.get(dataset.licence)
    return PublishedTable(
        name=dataset.slug,
        title_vi=dataset.title_vi,
        title_en=dataset.title_en,
        description_vi=dataset.description_vi,
        description_en=dataset.description_en,
        publisher=dataset.organization.title_vi,
        licence_id=dataset.licence,
        licence_title=licence.en if licence else dataset.licence,
        licence_url=LICENCE_URLS.get(dataset.licence) or (licence.iri if licence else "") or "",
        citation=dataset.citation or "",
        modified=record_set.updated_at,
        content_schema=content_schema(dataset, record_set),
        fields=fields,
        row_count=record_set.row_count,
        urls=urls,
    )


def iter_rows(session: Session, dataset: Dataset) -> tuple[tuple[FieldSpec, ...], Iterator[tuple]]:
    """The dataset's fields and its rows in file order, fetched in batches (flat memory).

    The rows are read on a connection of their own, opened when iteration starts, so a
    streamed response outlives the request's session.
    """
    _, fields, table = live_table(session, dataset)
    engine = session.get_bind()
    sqlite = engine.dialect.name == "sqlite"
    # SQLite keeps dates as ISO text and booleans as 0/1: give writers the real types.
    fixes = [
        (i, date.fromisoformat if f.type == "date" else bool)
        for i, f in enumerate(fields)
        if sqlite and f.type in ("date", "boolean")
    ]
    columns = ", ".join(f'"{f.column}"' for f in fields)
    sql = f'SELECT {columns} FROM "{table.name}" ORDER BY "{store.ROW}"'  # noqa: S608

    def rows() -> Iterator[tuple]:
        with engine.connect() as connection, connection.begin():
            dbapi = connection.connection.dbapi_connection
            # psycopg2's plain cursor would hold the whole result: use a server-side one.
            name = f"hub_rows_{uuid.uuid4().hex}"
            cursor = dbapi.cursor() if sqlite else dbapi.cursor(name=name)
            try:
                cursor.execute(sql)
                while batch := cursor.fetchmany(FETCH):
                    if not fixes:
                        yield from batch
                        continue
                    for row in batch:
                        values = list(row)
                        for i, fix in fixes:
                            if values[i] is not None:
                                values[i] = fix(values[i])
                        yield tuple(values)
            finally:
                cursor.close()

    return fields, rows()
