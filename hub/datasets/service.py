"""Dataset service: the one place where datasets are created, changed and reviewed.

Every public function takes the session and the acting principal explicitly,
validates through ``hub.datasets.schemas``, writes an audit entry and a revision
snapshot for each change, and commits once (the change log follows by itself).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    cast,
    func,
    select,
)
from sqlalchemy.orm import Session

from hub import audit
from hub.auth.principal import Principal
from hub.datasets import workflow
from hub.datasets.models import AuditEntry, Dataset, Distribution, Organization, Revision
from hub.datasets.organizations import get_organization
from hub.datasets.revisions import record_revision, touch
from hub.datasets.schemas import DATASET_FIELDS, DatasetInput, ReasonInput
from hub.datasets.serialize import DISTRIBUTION_FIELDS
from hub.db import atomic, utcnow
from hub.errors import (
    DuplicateSlug,
    FieldError,
    NotFound,
    PermissionDenied,
    StaleUpdate,
    ValidationFailed,
)
from hub.hotread import HotQuery, HotReader
from hub.legal import flags
from hub.schemas import load
from hub.text import clean_ref, slugify


def find_dataset(session: Session, ref: str | uuid.UUID) -> Dataset | None:
    """By id or slug, whatever the caller may see (use ``get_dataset`` for access checks)."""
    if isinstance(ref, uuid.UUID):
        return session.get(Dataset, ref)
    key = clean_ref(ref)
    if key is None:
        return None
    try:
        return session.get(Dataset, uuid.UUID(key))
    except ValueError:
        return session.scalars(select(Dataset).where(Dataset.slug == key)).first()


@dataclass(frozen=True)
class DatasetHead:
    """The few columns that decide visibility and freshness, read without the ORM."""

    id: uuid.UUID
    organization_id: uuid.UUID
    state: str
    access_rights: str
    revision_number: int
    metadata_modified: datetime


_HEAD_COLUMNS = (
    "SELECT id, organization_id, state, access_rights, revision_number, metadata_modified "
    "FROM dataset WHERE "
)
_HEAD_KINDS = ("uuid", "uuid", "str", "str", "int", "datetime")
# Plain SQL on a per-thread connection: this read runs on every cached GET.
_HEAD_BY_ID = HotQuery("hub_dataset_head_by_id", _HEAD_COLUMNS + "id = ?", _HEAD_KINDS)
_HEAD_BY_SLUG = HotQuery("hub_dataset_head_by_slug", _HEAD_COLUMNS + "slug = ?", _HEAD_KINDS)


def get_dataset_head(reader: HotReader, actor: Principal, ref: str) -> DatasetHead:
    """Visibility and revision of a dataset in one light query (for cached reads)."""
    key = clean_ref(ref)
    row = None
    if key is not None:
        try:
            row = reader.fetch_one(_HEAD_BY_ID, [uuid.UUID(key)])
        except ValueError:
            row = reader.fetch_one(_HEAD_BY_SLUG, [key])
    if row is None or not actor.can_see(row[1], row[2], row[3]):
        raise NotFound(f"Dataset '{ref}' does not exist.")
    return DatasetHead(*row)


def get_dataset(session: Session, actor: Principal, ref: str | uuid.UUID) -> Dataset:
    """The dataset if ``actor`` may see it; otherwise NotFound (existence is not leaked)."""
    dataset = find_dataset(session, ref)
    if dataset is None or not actor.can_see(
        dataset.organization_id, dataset.state, dataset.access_rights
    ):
        raise NotFound(f"Dataset '{ref}' does not exist.")
    return dataset


def datasets_by_id(session: Session, ids: list[uuid.UUID]) -> list[Dataset]:
    """Datasets whose visibility the caller has already checked (the rows of a list)."""
    if not ids:
        return []
    return list(session.scalars(select(Dataset).where(Dataset.id.in_(ids))))


@dataclass(frozen=True)
class DatasetFilters:
    organization: str | None = None
    state: str | None = None
    content_type: str | None = None
    theme: str | None = None
    licence: str | None = None
    access_rights: str | None = None
    modified_since: datetime | None = None


def dataset_query(session: Session, actor: Principal, filters: DatasetFilters) -> Select:
    """Datasets visible to ``actor`` matching ``filters``, unordered (callers page it)."""
    query = select(Dataset)
    if filters.organization:
        query = query.where(
            Dataset.organization_id == get_organization(session, filters.organization).id
        )
    for name in ("state", "content_type", "licence", "access_rights"):
        value = getattr(filters, name)
        if value:
            query = query.where(getattr(Dataset, name) == value)
    if filters.theme:  # codes are fixed tokens, so their quoted JSON form is unambiguous
        query = query.where(cast(Dataset.themes, String).like(f'%"{filters.theme}"%'))
    if filters.modified_since:
        query = query.where(Dataset.metadata_modified >= filters.modified_since)
    if not actor.is_admin:
        query = query.where(visible_to(actor))
    return query


def list_datasets(
    session: Session,
    actor: Principal,
    *,
    organization: str | None = None,
    state: str | None = None,
    content_type: str | None = None,
    limit: int = 100,
) -> list[Dataset]:
    """Datasets visible to ``actor``, newest change first."""
    filters = DatasetFilters(organization=organization, state=state, content_type=content_type)
    query = dataset_query(session, actor, filters)
    query = query.order_by(Dataset.metadata_modified.desc(), Dataset.id).limit(max(1, limit))
    return list(session.scalars(query).unique())


def visible_to(actor: Principal) -> ColumnElement[bool]:
    """SQL form of ``Principal.can_see`` for lists."""
    visible = (Dataset.state == "published") & (Dataset.access_rights == "PUBLIC")
    if actor.is_authenticated and actor.scope:
        in_scope = Dataset.organization_id.in_(actor.scope)
        if actor.role != "editor":  # only reviewers see tombstones
            in_scope = in_scope & (Dataset.state != "deleted")
        visible = visible | in_scope
    return visible


def _unique_slug(session: Session, title: str) -> str:
    base = slugify(title, max_length=90) or "dataset"
    if len(base) < 2:
        base = f"dataset-{base}"
    taken = set(session.scalars(select(Dataset.slug).where(Dataset.slug.like(f"{base}%"))))
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def _publisher(session: Session, ref: str) -> Organization:
    try:
        return get_organization(session, ref)
    except NotFound:
        raise ValidationFailed(
            "Input is not valid.",
            errors=[FieldError("organization", f"Unknown organization '{ref}'.")],
        ) from None


def _default_citation(org: Organization, title: str) -> str:
    return f"Nguồn: {org.title_vi}, “{title}”."


@atomic
def create_dataset(session: Session, actor: Principal, data: Mapping[str, Any]) -> Dataset:
    values = load(DatasetInput(), data)
    org = _publisher(session, values.pop("organization"))
    actor.require(actor.can_write(org.id), f"You may not create datasets for '{org.slug}'.")
    slug = values.get("slug")
    if slug:
        if session.scalar(select(Dataset.id).where(Dataset.slug == slug)) is not None:
            raise DuplicateSlug(f"Dataset slug '{slug}' is already in use.")
    else:
        values["slug"] = _unique_slug(session, values["title_vi"])
    values.setdefault("citation", None)
    values["citation"] = values["citation"] or _default_citation(org, values["title_vi"])
    # Every column set (absent optional fields are None) and no distributions yet: the
    # new object then never goes back to the database to load what it already knows.
    unset = {n: None for n in (*DATASET_FIELDS, "issued", "state_reason") if n not in values}
    dataset = Dataset(
        id=uuid.uuid4(),
        organization_id=org.id,
        state="draft",
        created_at=utcnow(),
        distributions=[],
        **unset,
        **values,
    )
    dataset.organization = org
    touch(dataset, content=True)
    session.add(dataset)
    record_revision(session, actor, dataset, "create", None)
    flags.check_dataset(session, dataset)
    return dataset


@atomic
def update_dataset(
    session: Session,
    actor: Principal,
    ref: str | uuid.UUID,
    data: Mapping[str, Any],
    *,
    partial: bool = True,
    expected_revision: int | None = None,
    reason: str | None = None,
) -> Dataset:
    """Change a dataset's metadata. ``partial=False`` replaces every field (PUT semantics);
    ``expected_revision`` rejects the write if someone else changed it meanwhile."""
    dataset = get_dataset(session, actor, ref)
    require_edit(actor, dataset)
    if expected_revision is not None and expected_revision != dataset.revision_number:
        raise StaleUpdate(
            f"Dataset '{dataset.slug}' is at revision {dataset.revision_number}, "
            f"not {expected_revision}."
        )
    payload = dict(data)
    payload.setdefault("organization", str(dataset.organization_id))
    if not partial:
        payload.setdefault("content_type", dataset.content_type)
    values = load(DatasetInput(), payload, partial=partial)
    org = _publisher(session, values.pop("organization"))
    if org.id != dataset.organization_id:
        actor.require(actor.can_write(org.id), f"You may not move datasets to '{org.slug}'.")
    if not partial:  # replacement: fields left out fall back to empty
        for name in DATASET_FIELDS:
            values.setdefault(name, None)
        values["slug"] = values["slug"] or dataset.slug
    changed = _apply(session, dataset, values)
    if org.id != dataset.organization_id:
        dataset.organization_id, dataset.organization = org.id, org
        changed.append("organization")
    if changed:
        touch(dataset, content=True)
        record_revision(session, actor, dataset, "update", reason)
    if "legal_basis" in changed:
        flags.check_dataset(session, dataset)
    return dataset


_NOT_NULL_DEFAULTS = {
    "themes": list,
    "keywords": list,
    "legal_basis": list,
    "language": lambda: ["vi"],
    "licence": lambda: "CC-BY-4.0",
    "access_rights": lambda: "PUBLIC",
}


def _apply(session: Session, dataset: Dataset, values: dict[str, Any]) -> list[str]:
    changed = []
    for name, value in values.items():
        if value is None and name in _NOT_NULL_DEFAULTS:
            value = _NOT_NULL_DEFAULTS[name]()
        if name == "slug" and value != dataset.slug:
            clash = session.scalar(select(Dataset.id).where(Dataset.slug == value))
            if clash is not None:
                raise DuplicateSlug(f"Dataset slug '{value}' is already in use.")
        if getattr(dataset, name) != value:
            setattr(dataset, name, value)
            changed.append(name)
    return changed


def require_edit(actor: Principal, dataset: Dataset) -> None:
    if not actor.can_edit_state(dataset.organization_id, dataset.state):
        raise PermissionDenied(
            f"Your role ({actor.role}) may not edit dataset '{dataset.slug}' "
            f"in state {dataset.state}."
        )


@atomic
def transition(
    session: Session,
    actor: Principal,
    ref: str | uuid.UUID,
    action: str,
    *,
    reason: str | None = None,
) -> Dataset:
    """Apply a workflow action (submit, approve, reject, withdraw, reopen, delete)."""
    dataset = get_dataset(session, actor, ref)
    step = workflow.check(actor, dataset, action)
    if step.reason_required or reason is not None:
        reason = load(ReasonInput(), {"reason": reason if reason is not None else ""})["reason"]
    previous = dataset.state
    dataset.state = step.target
    if step.target == "published" and dataset.issued is None:
        dataset.issued = utcnow()
    dataset.state_reason = reason if step.target in {"rejected", "withdrawn", "deleted"} else None
    touch(dataset, content=False)
    record_revision(session, actor, dataset, action, reason, {"from": previous})
    return dataset


def revisions(session: Session, actor: Principal, ref: str | uuid.UUID) -> list[Revision]:
    dataset = get_dataset(session, actor, ref)
    query = select(Revision).where(Revision.dataset_id == dataset.id).order_by(Revision.number)
    return list(session.scalars(query))


def audit_trail(session: Session, actor: Principal, ref: str | uuid.UUID) -> list[AuditEntry]:
    dataset = get_dataset(session, actor, ref)
    actor.require(actor.in_scope(dataset.organization_id), "You may not read this audit trail.")
    return audit.trail(session, "dataset", dataset.id)


@atomic
def revert_dataset(
    session: Session,
    actor: Principal,
    ref: str | uuid.UUID,
    number: int,
    *,
    reason: str | None = None,
) -> Dataset:
    """Restore the metadata and distributions a revision recorded; the state is kept."""
    dataset = get_dataset(session, actor, ref)
    require_edit(actor, dataset)
    revision = session.scalars(
        select(Revision).where(Revision.dataset_id == dataset.id, Revision.number == number)
    ).first()
    if revision is None:
        raise NotFound(f"Dataset '{dataset.slug}' has no revision {number}.")
    snap = revision.snapshot
    values = {name: snap.get(name) for name in DATASET_FIELDS}
    for name in ("temporal_start", "temporal_end"):
        values[name] = date.fromisoformat(values[name]) if values[name] else None
    if values["slug"] != dataset.slug and session.scalar(
        select(func.count()).select_from(Dataset).where(Dataset.slug == values["slug"])
    ):
        values["slug"] = dataset.slug  # the old slug went to another dataset since
    _apply(session, dataset, values)
    _restore_distributions(dataset, snap.get("distributions", []))
    touch(dataset, content=True)
    record_revision(session, actor, dataset, "revert", reason or f"Reverted to revision {number}.")
    return dataset


def _restore_distributions(dataset: Dataset, saved: list[dict[str, Any]]) -> None:
    by_id = {str(d.id): d for d in dataset.distributions}
    keep = {item["id"] for item in saved}
    for dist_id, dist in by_id.items():
        if dist_id not in keep:
            dataset.distributions.remove(dist)
    for item in saved:
        dist = by_id.get(item["id"])
        if dist is None:
            dist = Distribution(id=uuid.UUID(item["id"]), dataset_id=dataset.id)
            dataset.distributions.append(dist)
        for name in DISTRIBUTION_FIELDS:
            if getattr(dist, name) != item.get(name):
                setattr(dist, name, item.get(name))
    # Restored items were appended; keep the list in display order like every read.
    dataset.distributions.sort(key=lambda d: d.position)
