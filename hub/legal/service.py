"""Legal documents: find by any written number, read with relations, attach files, flags.

Every read sees only documents of datasets the actor may see; relations resolve to
visible documents and stay unresolved references otherwise.
"""

from __future__ import annotations

import uuid
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, BinaryIO

from sqlalchemy import ColumnElement, Select, or_, select
from sqlalchemy.orm import Session

from hub.auth.principal import Principal
from hub.datasets.models import Dataset, Organization
from hub.datasets.service import visible_to
from hub.db import atomic, utcnow
from hub.errors import BadRequest, FieldError, NotFound, UnsupportedMediaType
from hub.files import FileStore
from hub.legal.index import RELATION_KINDS
from hub.legal.models import LegalDocument, LegalFile, LegalRelation, ReviewFlag
from hub.legal.numbers import DOC_TYPES, LAW_PREFIX, NumberError, law_title_key, parse_number
from hub.records.schema import schema_named
from hub.text import fold

FILE_ROLES = {"original": "FILE_ORIGINAL", "text": "FILE_TEXT"}
# A signed original is a PDF; a full text may also be a word-processor or web document.
FILE_TYPES = {
    "original": {"application/pdf"},
    "text": {
        "application/pdf",
        "application/msword",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.oasis.opendocument.text",
        "text/html",
        "text/plain",
    },
}
MAX_DEPTH = 5
NUMBER_MAX_LENGTH = 300  # "Nghị định số ..." with room to spare


@dataclass(frozen=True)
class LegalFilters:
    number: str | None = None
    doc_type: str | None = None
    issuer: str | None = None
    status: str | None = None
    sector: str | None = None
    issued_from: date | None = None
    issued_to: date | None = None
    dataset: str | None = None


def number_key(text: str) -> tuple[str, ...]:
    """The lookup keys of a number written any way; a law may also be named by title.

    Raises BadRequest naming the part of the number that is wrong.
    """
    if len(text) > NUMBER_MAX_LENGTH:
        raise BadRequest(
            f"A document number is at most {NUMBER_MAX_LENGTH} characters.",
            errors=[FieldError("number", f"at most {NUMBER_MAX_LENGTH} characters")],
        )
    try:
        return (parse_number(text).key,)
    except NumberError as exc:
        if fold(text).strip().startswith("luat "):
            return (law_title_key(text),)
        raise BadRequest(
            f"'{text[:100]}' is not a document number: {exc}.",
            errors=[FieldError("number", str(exc))],
        ) from None


def _code(field: str, value: str) -> str:
    spec = schema_named("legal_document").field(field)
    assert spec is not None
    try:
        return spec.convert(value)
    except ValueError as exc:
        raise BadRequest(
            f"Bad parameter '{field.lower()}': {exc}.",
            errors=[FieldError(field.lower(), str(exc))],
        ) from None


def document_query(actor: Principal, filters: LegalFilters) -> Select:
    """Visible documents matching ``filters``, unordered (callers page it)."""
    query = select(LegalDocument)
    if not actor.is_admin:
        # As a list of datasets, not a join: the planner then starts from the key index
        # (a join made SQLite walk every document of the visible datasets).
        query = query.where(
            LegalDocument.dataset_id.in_(select(Dataset.id).where(visible_to(actor)))
        )
    if filters.number:
        query = query.where(_named(number_key(filters.number)))
    if filters.doc_type:
        query = query.where(LegalDocument.doc_type == _code("DOC_TYPE", filters.doc_type))
    if filters.status:
        query = query.where(LegalDocument.status == _code("STATUS", filters.status))
    if filters.issuer:
        issuer = filters.issuer.strip()
        query = query.where(
            or_(LegalDocument.issuer_code == issuer.upper(), LegalDocument.issuer == issuer)
        )
    if filters.sector:
        query = query.where(LegalDocument.record["SECTOR"].as_string() == filters.sector)
    if filters.issued_from:
        query = query.where(LegalDocument.issued >= filters.issued_from)
    if filters.issued_to:
        query = query.where(LegalDocument.issued <= filters.issued_to)
    if filters.dataset:
        named = or_(Dataset.slug == filters.dataset, Dataset.id == _uuid_or_none(filters.dataset))
        query = query.where(LegalDocument.dataset_id.in_(select(Dataset.id).where(named)))
    return query


def find_by_number(session: Session, actor: Principal, number: str) -> list[LegalDocument]:
    """Visible documents numbered ``number`` (written any way), newest first."""
    query = document_query(actor, LegalFilters(number=number))
    return list(session.scalars(query.order_by(LegalDocument.issued.desc(), LegalDocument.id)))


def _named(keys: Iterable[str]) -> ColumnElement[bool]:
    """Documents named by these keys: numbers by ``key``, laws cited by title by ``title_key``.

    One indexed column per kind of key, never an OR over both unless needed.
    """
    numbers = [k for k in keys if not k.startswith(LAW_PREFIX)]
    titles = [k for k in keys if k.startswith(LAW_PREFIX)]
    clauses = []
    if numbers:
        clauses.append(LegalDocument.key.in_(numbers))
    if titles:
        clauses.append(LegalDocument.title_key.in_(titles))
    return or_(*clauses) if len(clauses) > 1 else clauses[0]


def _uuid_or_none(text: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(text)
    except ValueError:
        return None


def get_document(session: Session, actor: Principal, ref: str | uuid.UUID) -> LegalDocument:
    doc_id = ref if isinstance(ref, uuid.UUID) else _uuid_or_none(ref)
    doc = None
    if doc_id is not None:
        doc = session.scalar(
            document_query(actor, LegalFilters()).where(LegalDocument.id == doc_id)
        )
    if doc is None:
        raise NotFound(f"Legal document '{str(ref)[:100]}' does not exist.")
    return doc


def _resolve(
    session: Session,
    actor: Principal,
    relations: list[LegalRelation],
    dataset_of: dict[uuid.UUID, uuid.UUID],
) -> list[LegalDocument | None]:
    """The visible document each relation names, or None; one query for all of them.

    Several documents may share a key (laws of the same title, a number republished in
    two datasets): the one issued on the cited date wins, then one of the cited year,
    then one of the citing document's dataset (``dataset_of`` its source), then the
    newest.
    """
    keys = {r.target_key for r in relations}
    if not keys:
        return []
    candidates: dict[str, list[LegalDocument]] = {}
    for doc in session.scalars(document_query(actor, LegalFilters()).where(_named(keys))):
        for key in {doc.key, doc.title_key} & keys:
            candidates.setdefault(key, []).append(doc)
    found: list[LegalDocument | None] = []
    for relation in relations:
        named = candidates.get(relation.target_key)
        found.append(min(named, key=_ranking(relation, dataset_of)) if named else None)
    return found


def _ranking(
    relation: LegalRelation, dataset_of: dict[uuid.UUID, uuid.UUID]
) -> Callable[[LegalDocument], tuple]:
    near, when = dataset_of.get(relation.source_id), relation.target_date

    def rank(doc: LegalDocument) -> tuple:
        dated = (doc.issued != when, doc.issued.year != when.year) if when else (False, False)
        return (*dated, doc.dataset_id != near, -doc.issued.toordinal(), doc.id)

    return rank


def _relations_of(session: Session, doc_ids: list[uuid.UUID]) -> list[LegalRelation]:
    return list(
        session.scalars(
            select(LegalRelation)
            .where(LegalRelation.source_id.in_(doc_ids))
            .order_by(LegalRelation.source_id, LegalRelation.position)
        )
    )


def _files(
    doc: LegalDocument, uploaded: dict[str, LegalFile], base_url: str
) -> list[dict[str, Any]]:
    files = []
    for role, field in FILE_ROLES.items():
        stored = uploaded.get(role)
        if stored is not None:
            files.append(
                {
                    "role": role,
                    "url": f"{base_url}/legal/{doc.id}/files/{role}",
                    "media_type": stored.media_type,
                    "file_name": stored.file_name,
                    "size": stored.size,
                    "uploaded": True,
                }
            )
        elif doc.record.get(field):
            files.append(
                {
                    "role": role,
                    "url": doc.record[field],
                    "media_type": None,
                    "file_name": None,
                    "size": None,
                    "uploaded": False,
                }
            )
    return files


def _date(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value


def document_view(
    session: Session, actor: Principal, doc: LegalDocument, base_url: str
) -> dict[str, Any]:
    """The document as the API, the ELI profile and the demo read it."""
    return document_views(session, actor, [doc], base_url)[0]


def document_views(
    session: Session, actor: Principal, docs: list[LegalDocument], base_url: str
) -> list[dict[str, Any]]:
    """Views of many documents in a fixed number of queries (a list page is one call)."""
    if not docs:
        return []
    ids = [d.id for d in docs]
    relations: dict[uuid.UUID, list[LegalRelation]] = {i: [] for i in ids}
    for relation in _relations_of(session, ids):
        relations[relation.source_id].append(relation)
    uploaded: dict[uuid.UUID, dict[str, LegalFile]] = {i: {} for i in ids}
    for stored in session.scalars(select(LegalFile).where(LegalFile.document_id.in_(ids))):
        uploaded[stored.document_id][stored.role] = stored
    owners = {
        row.id: row
        for row in session.execute(
            select(Dataset.id, Dataset.slug, Dataset.organization_id)
            .add_columns(Organization.slug.label("org"))
            .join(Organization, Organization.id == Dataset.organization_id)
            .where(Dataset.id.in_({d.dataset_id for d in docs}))
        )
    }
    status_spec = schema_named("legal_document").field("STATUS")
    assert status_spec is not None
    statuses = {c.code: {"vi": c.vi, "en": c.en} for c in status_spec.codes}
    every = [r for doc in docs for r in relations[doc.id]]
    resolved = dict(
        zip(
            (r.id for r in every),
            _resolve(session, actor, every, {d.id: d.dataset_id for d in docs}),
            strict=True,
        )
    )
    views = []
    for doc in docs:
        own = relations[doc.id]
        targets = [resolved[r.id] for r in own]
        labels = DOC_TYPES.get(doc.doc_type or "")
        owner = owners[doc.dataset_id]
        record = doc.record
        views.append(
            {
                "id": str(doc.id),
                "number": doc.number,
                "key": doc.key,
                "doc_type": doc.doc_type,
                "doc_type_label": {"vi": labels[0], "en": labels[1]} if labels else None,
                "issuer": doc.issuer,
                "issuer_code": doc.issuer_code,
                "signer": record.get("SIGNER"),
                "issued": doc.issued,
                "effective": doc.effective,
                "expired": doc.expired,
                "status": doc.status,
                "status_label": statuses[doc.status],
                "abstract": doc.abstract,
                "abstract_en": record.get("ABSTRACT_EN"),
                "sector": record.get("SECTOR"),
                "gazette_number": record.get("GAZETTE_NUMBER"),
                "gazette_date": _date(record.get("GAZETTE_DATE")),
                "files": _files(doc, uploaded[doc.id], base_url),
                "relations": [
                    {
                        "kind": r.kind,
                        "label": r.label,
                        "number": r.number,
                        "target_key": r.target_key,
                        "target_id": str(target.id) if target else None,
                    }
                    for r, target in zip(own, targets, strict=True)
                ],
                "dataset": {"id": str(owner.id), "name": owner.slug},
                "organization": {"id": str(owner.organization_id), "name": owner.org},
                "updated_at": doc.updated_at,
            }
        )
    return views


def _node(doc: LegalDocument) -> dict[str, Any]:
    return {
        "id": str(doc.id),
        "number": doc.number,
        "abstract": doc.abstract,
        "status": doc.status,
        "issued": doc.issued,
        "resolved": True,
    }


def relation_graph(
    session: Session, actor: Principal, doc: LegalDocument, depth: int = 1
) -> dict[str, Any]:
    """The documents around ``doc`` up to ``depth`` steps, following relations both ways.

    Each document is visited once, so a cycle (A amends B, B amends A) ends the walk
    instead of looping; references to documents not in the hub are leaf nodes.
    """
    if not 1 <= depth <= MAX_DEPTH:
        raise BadRequest(
            f"Bad parameter 'depth': an integer from 1 to {MAX_DEPTH}.",
            errors=[FieldError("depth", f"an integer from 1 to {MAX_DEPTH}")],
        )
    nodes: dict[str, dict[str, Any]] = {str(doc.id): _node(doc)}
    edges: list[dict[str, Any]] = []
    seen_edges: set[tuple[str, str, str]] = set()
    queue = deque([(doc, 0)])
    visited = {doc.id}

    def add_edge(source: str, target: str, relation: LegalRelation) -> None:
        if (source, target, relation.kind) not in seen_edges:
            seen_edges.add((source, target, relation.kind))
            edges.append(
                {"source": source, "target": target, "kind": relation.kind, "label": relation.label}
            )

    while queue:
        current, level = queue.popleft()
        if level >= depth:
            continue
        outgoing = _relations_of(session, [current.id])
        targets = _resolve(session, actor, outgoing, {current.id: current.dataset_id})
        for relation, target in zip(outgoing, targets, strict=True):
            if target is None:
                node_id = f"ref:{relation.target_key}"
                nodes.setdefault(
                    node_id,
                    {
                        "id": node_id,
                        "number": relation.number,
                        "abstract": relation.label,
                        "status": None,
                        "issued": relation.target_date,
                        "resolved": False,
                    },
                )
                add_edge(str(current.id), node_id, relation)
                continue
            nodes.setdefault(str(target.id), _node(target))
            add_edge(str(current.id), str(target.id), relation)
            if target.id not in visited:
                visited.add(target.id)
                queue.append((target, level + 1))
        keys = [current.key] + ([current.title_key] if current.title_key else [])
        incoming = session.execute(
            document_query(actor, LegalFilters())
            .add_columns(LegalRelation)
            .join(LegalRelation, LegalRelation.source_id == LegalDocument.id)
            .where(LegalRelation.target_key.in_(keys))
            .order_by(LegalDocument.issued, LegalDocument.id)
        ).all()
        for source, relation in incoming:
            if relation.target_key == current.title_key:
                # Laws share titles across years: keep only the references meant for this one.
                [meant] = _resolve(session, actor, [relation], {source.id: source.dataset_id})
                if meant is None or meant.id != current.id:
                    continue
            nodes.setdefault(str(source.id), _node(source))
            add_edge(str(source.id), str(current.id), relation)
            if source.id not in visited:
                visited.add(source.id)
                queue.append((source, level + 1))
    return {
        "document": str(doc.id),
        "depth": depth,
        "nodes": list(nodes.values()),
        "edges": edges,
        "kinds": list(RELATION_KINDS),
    }


@atomic
def attach_file(
    session: Session,
    actor: Principal,
    store: FileStore,
    ref: str,
    role: str,
    stream: BinaryIO,
    file_name: str | None,
    claimed_type: str | None = None,
) -> LegalFile:
    """Store a document's original or full-text file; the content must be what it claims."""
    if role not in FILE_ROLES:
        raise BadRequest(
            f"Bad parameter 'role': one of {', '.join(FILE_ROLES)}.",
            errors=[FieldError("role", f"one of {', '.join(FILE_ROLES)}")],
        )
    doc = get_document(session, actor, ref)
    dataset = session.get(Dataset, doc.dataset_id)
    assert dataset is not None
    actor.require(
        actor.can_edit_state(dataset.organization_id, dataset.state),
        "You may not change the documents of this dataset in its current state.",
    )
    stored = store.save(stream, file_name)
    if claimed_type and claimed_type.split(";")[0].strip() == "application/pdf":
        if stored.media_type != "application/pdf":
            raise UnsupportedMediaType(
                f"The file is sent as a PDF but its content is {stored.media_type}."
            )
    if stored.media_type not in FILE_TYPES[role]:
        allowed = ", ".join(sorted(FILE_TYPES[role]))
        raise UnsupportedMediaType(
            f"A {role} file must be one of {allowed}; this one is {stored.media_type}."
        )
    existing = session.scalar(
        select(LegalFile).where(LegalFile.document_id == doc.id, LegalFile.role == role)
    )
    if existing is None:
        existing = LegalFile(document_id=doc.id, dataset_id=doc.dataset_id, role=role)
        session.add(existing)
    existing.file_key = stored.key
    existing.file_name = stored.file_name
    existing.media_type = stored.media_type
    existing.size = stored.byte_size
    existing.created_at = utcnow()
    existing.created_by = actor.label
    return existing


def get_file(
    session: Session, actor: Principal, ref: str, role: str
) -> tuple[LegalDocument, LegalFile | str]:
    """The uploaded file of a role, or the link the record gives; NotFound otherwise."""
    doc = get_document(session, actor, ref)
    stored = session.scalar(
        select(LegalFile).where(LegalFile.document_id == doc.id, LegalFile.role == role)
    )
    if stored is not None:
        return doc, stored
    link = doc.record.get(FILE_ROLES.get(role, ""))
    if not link:
        raise NotFound(f"Legal document '{doc.number}' has no {role} file.")
    return doc, link


def flag_query(actor: Principal, open_only: bool = True) -> Select:
    """Review flags of the organizations ``actor`` reviews (all of them for administrators)."""
    query = select(ReviewFlag)
    if not actor.is_admin:
        scope = list(actor.scope) if actor.role == "editor" else []
        query = query.where(ReviewFlag.organization_id.in_(scope))
    if open_only:
        query = query.where(ReviewFlag.resolved_at.is_(None))
    return query


@atomic
def resolve_flag(session: Session, actor: Principal, flag_id: str, note: str | None) -> ReviewFlag:
    flag_uuid = _uuid_or_none(flag_id)
    flag = session.get(ReviewFlag, flag_uuid) if flag_uuid else None
    if flag is None or not actor.can_review(flag.organization_id):
        raise NotFound(f"Review flag '{flag_id[:100]}' does not exist.")
    if flag.resolved_at is None:
        flag.resolved_at = utcnow()
        flag.resolved_by = actor.label
        flag.resolution = note
    return flag
