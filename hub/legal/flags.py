"""Review flags: content that rests on a legal document no longer in force.

The regulations require portals to take down or revise content based on repealed
policy. When a document becomes "hết hiệu lực toàn bộ" (expired), every document based
on it and every dataset whose legal basis cites it gets a flag for the editors of its
organization; so does content written later on top of an already expired document.
A flag is raised once per (subject, cause): resolving it is final.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, aliased

from hub.datasets.models import Dataset
from hub.legal.models import LegalDocument, LegalRelation, ReviewFlag
from hub.legal.references import references_in

REASON = "rests_on_expired"


def _keys(doc: LegalDocument) -> list[str]:
    return [doc.key, doc.title_key] if doc.title_key else [doc.key]


def _flag(
    session: Session,
    subject_type: str,
    subject_id: uuid.UUID,
    label: str,
    dataset: Dataset,
    cause: LegalDocument,
) -> None:
    exists = session.scalar(
        select(ReviewFlag.id).where(
            ReviewFlag.subject_id == subject_id, ReviewFlag.cause_key == cause.key
        )
    )
    if exists is None:
        session.add(
            ReviewFlag(
                subject_type=subject_type,
                subject_id=subject_id,
                subject_label=label[:500],
                dataset_id=dataset.id,
                organization_id=dataset.organization_id,
                cause_key=cause.key,
                cause_number=cause.number,
                cause_id=cause.id,
                reason=REASON,
            )
        )


def _document_label(doc: LegalDocument) -> str:
    return f"{doc.number}: {doc.abstract}"


def raise_for_expired(session: Session, cause_ids: Iterable[uuid.UUID]) -> None:
    """Flag what rests on each of these (just expired) documents."""
    causes = list(cause_ids)
    if not causes:
        return
    citing = _datasets_with_legal_basis(session)
    for cause in session.scalars(select(LegalDocument).where(LegalDocument.id.in_(causes))):
        keys = _keys(cause)
        based = session.scalars(
            select(LegalDocument)
            .join(LegalRelation, LegalRelation.source_id == LegalDocument.id)
            .where(LegalRelation.kind == "based_on", LegalRelation.target_key.in_(keys))
        ).unique()
        for doc in based:
            if doc.id != cause.id:
                dataset = session.get(Dataset, doc.dataset_id)
                _flag(session, "legal_document", doc.id, _document_label(doc), dataset, cause)
        for dataset, basis_keys in citing:
            if basis_keys.intersection(keys):
                _flag(session, "dataset", dataset.id, dataset.title_vi, dataset, cause)


def raise_for_dataset_documents(session: Session, dataset_id: uuid.UUID) -> None:
    """Flag the dataset's documents that are based on an already expired document."""
    target = aliased(LegalDocument)
    rows = session.execute(
        select(LegalDocument, target)
        .join(LegalRelation, LegalRelation.source_id == LegalDocument.id)
        .join(
            target,
            or_(
                target.key == LegalRelation.target_key, target.title_key == LegalRelation.target_key
            ),
        )
        .where(
            LegalDocument.dataset_id == dataset_id,
            LegalRelation.kind == "based_on",
            target.status == "expired",
        )
    ).all()
    if rows:
        dataset = session.get(Dataset, dataset_id)
        for doc, cause in rows:
            if doc.id != cause.id:
                _flag(session, "legal_document", doc.id, _document_label(doc), dataset, cause)


def check_dataset(session: Session, dataset: Dataset) -> None:
    """Flag a dataset whose legal basis cites an expired document (on every write)."""
    keys = _basis_keys(dataset.legal_basis)
    if not keys:
        return
    expired = session.scalars(
        select(LegalDocument).where(
            LegalDocument.status == "expired",
            or_(LegalDocument.key.in_(keys), LegalDocument.title_key.in_(keys)),
        )
    )
    for cause in expired:
        _flag(session, "dataset", dataset.id, dataset.title_vi, dataset, cause)


def _basis_keys(legal_basis: list[str] | None) -> set[str]:
    return {ref.key for entry in legal_basis or [] for ref in references_in(entry)}


def _datasets_with_legal_basis(session: Session) -> list[tuple[Dataset, set[str]]]:
    datasets = session.scalars(select(Dataset).where(Dataset.state != "deleted"))
    found = []
    for dataset in datasets:
        keys = _basis_keys(dataset.legal_basis)
        if keys:
            found.append((dataset, keys))
    return found
