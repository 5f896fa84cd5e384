"""Keep the legal-document index in step with the records of ``legal_document`` datasets.

``sync_dataset`` runs inside every import's transaction, after the new record table is
live: the dataset's documents are upserted by their stable id, the ones gone from the
records are removed, their relations are written again from the relation columns, and
documents that just stopped being in force raise review flags on what rests on them.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import Table, bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from hub.datasets.models import Dataset
from hub.db import utcnow
from hub.legal import flags
from hub.legal.models import LegalDocument, LegalRelation
from hub.legal.numbers import DOC_TYPES, law_title_key, parse_number
from hub.legal.references import references_in
from hub.records.schema import FieldSpec

# Stable ids: the same number in the same dataset is the same document across imports.
ID_NAMESPACE = uuid.UUID("6f1d6a52-4c43-5b8e-9d0a-2b7c1e0f4a11")
RELATION_FIELDS = {
    "BASED_ON": "based_on",
    "REPLACES": "replaces",
    "AMENDS": "amends",
    "REPEALS": "repeals",
    "CITES": "cites",
}
RELATION_KINDS = tuple(RELATION_FIELDS.values())


def document_id(dataset_id: uuid.UUID, key: str) -> uuid.UUID:
    return uuid.uuid5(ID_NAMESPACE, f"{dataset_id}:{key}")


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _document_values(dataset: Dataset, row: dict[str, Any]) -> dict[str, Any]:
    number = parse_number(row["NUMBER"])  # stored canonical: always parses
    doc_type = row.get("DOC_TYPE") or number.type_code
    title_key = None
    if doc_type == "L" and str(row["ABSTRACT"]).startswith("Luật"):
        title_key = law_title_key(row["ABSTRACT"])
    return {
        "id": document_id(dataset.id, number.key),
        "dataset_id": dataset.id,
        "key": number.key,
        "title_key": title_key,
        "number": number.canonical,
        "doc_type": doc_type if doc_type in DOC_TYPES else None,
        "issuer": row.get("ISSUER") or number.issuer_vi,
        "issuer_code": number.issuer_code or None,
        "issued": row["ISSUED"],
        "effective": row.get("EFFECTIVE"),
        "expired": row.get("EXPIRED"),
        "status": row["STATUS"],
        "abstract": row["ABSTRACT"],
        "row": row["_row"],
        "record": {k: _json_value(v) for k, v in row.items() if k != "_row"},
        "updated_at": utcnow(),
    }


def sync_dataset(
    session: Session, dataset: Dataset, fields: tuple[FieldSpec, ...], table: Table
) -> None:
    """Rebuild the dataset's part of the index from its live record table."""
    names = {f.column: f.name for f in fields}
    rows = [
        {names.get(k, k): v for k, v in row.items()}
        for row in session.execute(select(table)).mappings()
    ]
    documents, relation_table = LegalDocument.__table__, LegalRelation.__table__
    conn = session.connection()
    old_status = dict(
        conn.execute(
            select(documents.c.id, documents.c.status).where(documents.c.dataset_id == dataset.id)
        ).all()
    )
    new = [_document_values(dataset, row) for row in rows]
    new_ids = {values["id"] for values in new}
    # Core statements, many rows each: the ORM's unit of work costs more than the work.
    conn.execute(
        delete(relation_table).where(
            relation_table.c.source_id.in_(
                select(documents.c.id).where(documents.c.dataset_id == dataset.id)
            )
        )
    )
    gone = [doc_id for doc_id in old_status if doc_id not in new_ids]
    for start in range(0, len(gone), 500):
        conn.execute(delete(documents).where(documents.c.id.in_(gone[start : start + 500])))
    added = [values for values in new if values["id"] not in old_status]
    if added:
        conn.execute(insert(documents), added)
    changed = [{**values, "b_id": values["id"]} for values in new if values["id"] in old_status]
    if changed:
        columns = {name: bindparam(name) for name in new[0] if name != "id"}
        conn.execute(
            update(documents).where(documents.c.id == bindparam("b_id")).values(columns), changed
        )
    relations = []
    for values, row in zip(new, rows, strict=True):
        position = 0
        for field, kind in RELATION_FIELDS.items():
            for ref in references_in(row.get(field)):
                relations.append(
                    {
                        "source_id": values["id"],
                        "kind": kind,
                        "position": position,
                        "target_key": ref.key,
                        "number": ref.number,
                        "label": ref.label[:1000],
                        "target_date": ref.date,
                    }
                )
                position += 1
    if relations:
        conn.execute(insert(relation_table), relations)
    for loaded in list(session.identity_map.values()):
        if isinstance(loaded, LegalDocument):
            session.expire(loaded)  # loaded earlier, it may describe the old row
    newly_expired = [
        v["id"] for v in new if v["status"] == "expired" and old_status.get(v["id"]) != "expired"
    ]
    flags.raise_for_expired(session, newly_expired)
    flags.raise_for_dataset_documents(session, dataset.id)
