"""What is searchable, as ``SearchDocument``s: published open datasets and their records.

A dataset gives one document for itself and one per searchable record: each legal
document (from the legal index, with its number), and the rows of the record types
people look for (news, projects, online public services, drafts, Q&A). Only what
anonymous users may see is indexed; URLs are paths, made absolute when shown.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hub.content.records import rows_of
from hub.datasets.models import Dataset
from hub.legal.models import LegalDocument
from hub.records.fields import content_schema
from hub.records.html import plain_text
from hub.records.models import RecordSet
from hub.search.base import SearchDocument

# record type -> (title field, body fields, date field)
SEARCHABLE_RECORDS: dict[str, tuple[str, tuple[str, ...], str | None]] = {
    "article": ("TITLE", ("TITLE_EN", "SUMMARY", "BODY"), "PUBLISHED"),
    "project": ("NAME", ("OBJECTIVE", "LOCATION", "INVESTOR", "OWNER_ORG"), None),
    "public_service": ("NAME", ("NAME_EN", "SECTOR", "AGENCY"), None),
    "draft_for_comment": ("TITLE", ("SUMMARY", "FULL_TEXT", "DRAFTING_AGENCY"), "OPENS"),
    "qa": ("QUESTION", ("ANSWER", "SECTOR"), "ASKED_ON"),
}


def is_public(dataset: Dataset) -> bool:
    return dataset.state == "published" and dataset.access_rights == "PUBLIC"


def _moment(value: Any, fallback: datetime) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime.combine(value, time(), UTC)
    if isinstance(value, str) and value:
        try:
            return _moment(datetime.fromisoformat(value), fallback)
        except ValueError:
            return fallback
    return fallback


def _text(value: Any) -> str:
    if value is None:
        return ""
    text = str(value)
    return plain_text(text) if "<" in text else text


def dataset_document(dataset: Dataset) -> SearchDocument:
    formats = {d.format.upper() for d in dataset.distributions if d.format}
    body = " ".join(
        filter(
            None,
            [
                dataset.description_vi,
                dataset.title_en,
                dataset.description_en,
                " ".join(dataset.keywords or []),
            ],
        )
    )
    return SearchDocument(
        id=f"dataset:{dataset.id}",
        type="dataset",
        title=dataset.title_vi,
        body=body,
        url=f"/api/v1/datasets/{dataset.slug}",
        dataset_id=str(dataset.id),
        organization=dataset.organization.slug,
        content_type=dataset.content_type,
        themes=tuple(dataset.themes or ()),
        tags=tuple(dataset.keywords or ()),
        formats=tuple(sorted(formats)),
        licence=dataset.licence,
        year=dataset.metadata_modified.year,
        modified=dataset.metadata_modified,
    )


def _legal_documents(session: Session, dataset: Dataset) -> Iterator[SearchDocument]:
    query = select(LegalDocument).where(LegalDocument.dataset_id == dataset.id)
    for doc in session.scalars(query.order_by(LegalDocument.row)):
        record = doc.record
        body = " ".join(filter(None, [record.get("ABSTRACT_EN"), doc.issuer, record.get("SECTOR")]))
        yield SearchDocument(
            id=f"legal_document:{doc.id}",
            type="legal_document",
            title=f"{doc.number}: {doc.abstract}",
            body=body,
            url=f"/api/v1/legal-documents/{doc.id}",
            dataset_id=str(dataset.id),
            organization=dataset.organization.slug,
            content_type=dataset.content_type,
            themes=tuple(dataset.themes or ()),
            year=doc.issued.year,
            status=doc.status,
            numbers=(doc.number,),
            modified=_moment(doc.issued, dataset.metadata_modified),
        )


def _record_documents(
    session: Session, dataset: Dataset, record_set: RecordSet
) -> Iterator[SearchDocument]:
    title_field, body_fields, date_field = SEARCHABLE_RECORDS[record_set.schema_name]
    schema = content_schema(dataset, record_set)
    keys = [f.name for f in schema.key]
    for row in rows_of(session, dataset, record_set):
        key = "/".join(str(row.get(k)) for k in keys)
        when = _moment(row.get(date_field) if date_field else None, record_set.updated_at)
        own_url = row.get("URL") if record_set.schema_name == "article" else None
        filters = "&".join(f"{k}={row.get(k)}" for k in keys)
        yield SearchDocument(
            id=f"{record_set.schema_name}:{dataset.id}:{key}",
            type=record_set.schema_name,
            title=_text(row.get(title_field))[:500] or key,
            body=" ".join(t for t in (_text(row.get(f)) for f in body_fields) if t),
            url=own_url or f"/api/v1/datasets/{dataset.slug}/records?{filters}",
            dataset_id=str(dataset.id),
            organization=dataset.organization.slug,
            content_type=dataset.content_type,
            themes=tuple(dataset.themes or ()),
            year=when.year,
            modified=when,
        )


def dataset_documents(session: Session, dataset: Dataset) -> list[SearchDocument]:
    """Everything a dataset makes searchable: nothing unless it is published open data."""
    if not is_public(dataset):
        return []
    docs = [dataset_document(dataset)]
    record_set = session.get(RecordSet, dataset.id)
    if record_set is None:
        return docs
    if record_set.schema_name == "legal_document":
        docs += _legal_documents(session, dataset)
    elif record_set.schema_name in SEARCHABLE_RECORDS:
        docs += _record_documents(session, dataset, record_set)
    return docs


def all_documents(session: Session) -> Iterator[SearchDocument]:
    ids = session.scalars(
        select(Dataset.id).where(Dataset.state == "published", Dataset.access_rights == "PUBLIC")
    ).all()
    for dataset_id in ids:
        dataset = session.get(Dataset, dataset_id)
        if dataset is not None:
            yield from dataset_documents(session, dataset)


def datasets_of_organizations(session: Session, org_ids: Iterable[uuid.UUID]) -> set[uuid.UUID]:
    """Datasets whose documents carry these organizations' slugs."""
    wanted = list(org_ids)
    if not wanted:
        return set()
    return set(session.scalars(select(Dataset.id).where(Dataset.organization_id.in_(wanted))))


def documents_of(session: Session, dataset_id: uuid.UUID) -> list[SearchDocument]:
    dataset = session.get(Dataset, dataset_id)
    return dataset_documents(session, dataset) if dataset is not None else []


def estimate_documents(session: Session) -> int:
    """About how many documents ``all_documents`` yields (for a progress bar)."""
    public = (Dataset.state == "published") & (Dataset.access_rights == "PUBLIC")
    datasets = session.scalar(select(func.count()).select_from(Dataset).where(public)) or 0
    legal = session.scalar(
        select(func.count())
        .select_from(LegalDocument)
        .join(Dataset, Dataset.id == LegalDocument.dataset_id)
        .where(public)
    )
    rows = session.scalar(
        select(func.coalesce(func.sum(RecordSet.row_count), 0))
        .join(Dataset, Dataset.id == RecordSet.dataset_id)
        .where(public, RecordSet.schema_name.in_(list(SEARCHABLE_RECORDS)))
    )
    return int(datasets) + int(legal or 0) + int(rows or 0)
