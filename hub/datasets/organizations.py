"""Organization service: create, update, find (following merges) and merge."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from hub import audit
from hub.auth.models import ApiToken, Membership
from hub.auth.principal import Principal
from hub.datasets.models import Dataset, Organization
from hub.datasets.revisions import record_revision, touch
from hub.datasets.schemas import OrganizationInput
from hub.db import atomic, utcnow
from hub.errors import (
    Conflict,
    DuplicateAgencyCode,
    DuplicateSlug,
    FieldError,
    NotFound,
    ValidationFailed,
)
from hub.schemas import load
from hub.text import clean_ref

MAX_MERGE_CHAIN = 50


def _as_uuid(ref: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(ref)
    except (ValueError, AttributeError, TypeError):
        return None


def find_organization(session: Session, ref: str | uuid.UUID) -> Organization | None:
    """Look an organization up by id, slug or agency code, without following merges."""
    if isinstance(ref, uuid.UUID):
        return session.get(Organization, ref)
    ref = clean_ref(ref)
    if ref is None:
        return None
    as_id = _as_uuid(ref)
    if as_id is not None:
        return session.get(Organization, as_id)
    query = select(Organization).where(
        or_(Organization.slug == ref, Organization.agency_code == ref.upper())
    )
    return session.scalars(query).first()


def get_organization(
    session: Session, ref: str | uuid.UUID, *, follow_merges: bool = True
) -> Organization:
    """Find an organization; a merged one resolves to its (final) successor."""
    org = find_organization(session, ref)
    if org is None:
        raise NotFound(f"Organization '{ref}' does not exist.")
    if follow_merges:
        for _ in range(MAX_MERGE_CHAIN):
            if org.successor_id is None:
                break
            org = session.get(Organization, org.successor_id)
    return org


def list_organizations(session: Session, *, include_merged: bool = False) -> list[Organization]:
    query = select(Organization).order_by(Organization.slug)
    if not include_merged:
        query = query.where(Organization.successor_id.is_(None))
    return list(session.scalars(query))


def descendant_ids(session: Session, root_id: uuid.UUID) -> set[uuid.UUID]:
    """The organization and every organization below it."""
    pairs = session.execute(select(Organization.id, Organization.parent_id)).all()
    children: dict[uuid.UUID, list[uuid.UUID]] = {}
    for child, parent in pairs:
        if parent is not None:
            children.setdefault(parent, []).append(child)
    found, stack = {root_id}, [root_id]
    while stack:
        for child in children.get(stack.pop(), []):
            if child not in found:
                found.add(child)
                stack.append(child)
    return found


def _check_unique(session: Session, data: Mapping[str, Any], own_id: uuid.UUID | None) -> None:
    slug, code = data.get("slug"), data.get("agency_code")
    if slug:
        clash = session.scalar(select(Organization.id).where(Organization.slug == slug))
        if clash is not None and clash != own_id:
            raise DuplicateSlug(f"Organization slug '{slug}' is already in use.")
    if code:
        clash = session.scalar(select(Organization.id).where(Organization.agency_code == code))
        if clash is not None and clash != own_id:
            raise DuplicateAgencyCode(f"Agency code '{code}' is already in use.")


def _resolve_parent(
    session: Session, ref: str | None, own_id: uuid.UUID | None
) -> uuid.UUID | None:
    if ref is None:
        return None
    parent = find_organization(session, ref)
    if parent is None:
        raise ValidationFailed(
            "Input is not valid.", errors=[FieldError("parent", f"Unknown organization '{ref}'.")]
        )
    parent = get_organization(session, parent.id)
    if own_id is not None and parent.id in descendant_ids(session, own_id):
        raise ValidationFailed(
            "Input is not valid.",
            errors=[FieldError("parent", "An organization cannot be placed under itself.")],
        )
    return parent.id


@atomic
def create_organization(
    session: Session, actor: Principal, data: Mapping[str, Any]
) -> Organization:
    actor.require_admin()
    values = load(OrganizationInput(), data)
    _check_unique(session, values, None)
    values["parent_id"] = _resolve_parent(session, values.pop("parent", None), None)
    org = Organization(id=uuid.uuid4(), **values)
    session.add(org)
    session.flush()
    audit.record(session, actor, "create", "organization", org.id)
    return org


@atomic
def update_organization(
    session: Session, actor: Principal, ref: str | uuid.UUID, data: Mapping[str, Any]
) -> Organization:
    actor.require_admin()
    org = get_organization(session, ref, follow_merges=False)
    if org.successor_id is not None:
        raise Conflict(f"Organization '{org.slug}' was merged; update its successor instead.")
    values = load(OrganizationInput(), data, partial=True)
    _check_unique(session, values, org.id)
    if "parent" in values:
        values["parent_id"] = _resolve_parent(session, values.pop("parent"), org.id)
    changed = {k: v for k, v in values.items() if getattr(org, k) != v}
    for key, value in changed.items():
        setattr(org, key, value)
    if changed:
        audit.record(
            session, actor, "update", "organization", org.id, details={"fields": sorted(changed)}
        )
    return org


@atomic
def merge_organization(
    session: Session,
    actor: Principal,
    source_ref: str | uuid.UUID,
    target_ref: str | uuid.UUID,
    *,
    reason: str | None = None,
) -> Organization:
    """Merge ``source`` into ``target``: datasets, sub-organizations, members and tokens
    move; the source stays as a redirect so its slug and code keep resolving."""
    actor.require_admin()
    source = get_organization(session, source_ref, follow_merges=False)
    target = get_organization(session, target_ref, follow_merges=False)
    if source.successor_id is not None:
        raise Conflict(f"Organization '{source.slug}' is already merged.")
    if target.successor_id is not None:
        raise Conflict(f"Target '{target.slug}' is itself merged; merge into its successor.")
    if target.id in descendant_ids(session, source.id):
        raise Conflict("An organization cannot be merged into itself or one of its children.")

    datasets = list(session.scalars(select(Dataset).where(Dataset.organization_id == source.id)))
    now = utcnow()
    for dataset in datasets:  # through the ORM so each move lands in the change log
        dataset.organization_id, dataset.organization = target.id, target
        touch(dataset, content=False)
        record_revision(session, actor, dataset, "move", reason, {"from": str(source.id)})
    children = session.scalars(select(Organization).where(Organization.parent_id == source.id))
    for child in children:
        child.parent_id = target.id
    _move_members(session, source.id, target.id)
    session.execute(
        update(ApiToken)
        .where(ApiToken.organization_id == source.id)
        .values(organization_id=target.id)
    )
    source.successor_id = target.id
    source.merged_at = now
    audit.record(
        session,
        actor,
        "merge",
        "organization",
        source.id,
        reason=reason,
        details={"into": str(target.id), "datasets": len(datasets)},
    )
    return target


def _move_members(session: Session, source_id: uuid.UUID, target_id: uuid.UUID) -> None:
    existing = {
        (m.user_id, m.role)
        for m in session.scalars(select(Membership).where(Membership.organization_id == target_id))
    }
    for member in session.scalars(
        select(Membership).where(Membership.organization_id == source_id)
    ):
        if (member.user_id, member.role) in existing:
            session.delete(member)
        else:
            member.organization_id = target_id
