"""Harvest sources and jobs: register, list, remove, run, schedule, ping, approve.

Sources are managed by administrators (and editors of the source's organization); each
source gets a token of role ``harvester`` for its organization, shown once, with which
the component site pushes, pings and reads its own jobs.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from marshmallow import RAISE, Schema, fields, validate
from sqlalchemy import select
from sqlalchemy.orm import Session

from hub.auth.principal import Principal
from hub.auth.service import create_token
from hub.datasets import service as dataset_service
from hub.datasets.models import Dataset
from hub.datasets.organizations import get_organization
from hub.db import atomic, utcnow
from hub.errors import DuplicateSlug, NotFound, Unauthenticated
from hub.harvesters.jobs import recover_interrupted
from hub.harvesters.models import HarvestItem, HarvestJob, HarvestSource
from hub.harvesters.registry import backend, validate_config
from hub.harvesters.runner import JobRunner
from hub.net.fetch import FetchPolicy
from hub.schemas import Text, http_url, load

NAME_RE = r"^[a-z0-9][a-z0-9_-]{1,99}$"
SCHEDULES: dict[str, timedelta | None] = {
    "manual": None,
    "hourly": timedelta(hours=1),
    "daily": timedelta(days=1),
    "weekly": timedelta(weeks=1),
}


class SourceInput(Schema):
    class Meta:
        unknown = RAISE

    name = fields.String(
        required=True,
        validate=validate.Regexp(NAME_RE, error="2-100 lower-case letters, digits, - and _."),
    )
    title = Text(allow_none=True, validate=validate.Length(max=300))
    type = fields.String(required=True)
    url = http_url(required=True, validate=validate.Length(max=2000))
    organization = Text(required=True, validate=validate.Length(min=1, max=100))
    config = fields.Dict(load_default=dict)
    schedule = fields.String(load_default="daily", validate=validate.OneOf(list(SCHEDULES)))
    auto_publish = fields.Boolean(load_default=False)
    grace_days = fields.Integer(load_default=3, validate=validate.Range(min=0, max=365))
    active = fields.Boolean(load_default=True)


@dataclass(frozen=True)
class NewSource:
    source: HarvestSource
    token: str  # shown once


def get_source(session: Session, ref: str | uuid.UUID) -> HarvestSource:
    query = select(HarvestSource)
    try:
        found = session.scalar(query.where(HarvestSource.id == uuid.UUID(str(ref))))
    except ValueError:
        found = session.scalar(query.where(HarvestSource.name == str(ref)))
    if found is None:
        raise NotFound(f"Harvest source '{ref}' not found.")
    return found


def _require_manager(actor: Principal, source_org: uuid.UUID) -> None:
    actor.require(
        actor.can_review(source_org),
        "Only administrators and editors of the organization manage its harvest sources.",
    )


def require_source_reader(actor: Principal, source: HarvestSource) -> None:
    """Managers of the organization, or the source's own token; others see nothing."""
    if not _may_read(actor, source):
        raise NotFound(f"Harvest source '{source.name}' not found.")


@atomic
def add_source(session: Session, actor: Principal, data: dict[str, Any]) -> NewSource:
    values = load(SourceInput(), data)
    backend(values["type"])  # unknown types refused with the list of known ones
    values["config"] = validate_config(values["type"], values["config"])
    org = get_organization(session, values.pop("organization"))
    _require_manager(actor, org.id)
    if session.scalar(select(HarvestSource.id).where(HarvestSource.name == values["name"])):
        raise DuplicateSlug(f"Harvest source '{values['name']}' already exists.")
    issued = create_token(
        session,
        Principal.system(actor.label),
        role="harvester",
        organization=org.slug,
        name=f"harvest source {values['name']}",
    )
    source = HarvestSource(id=uuid.uuid4(), organization_id=org.id, **values)
    source.token_id = issued.token.id
    session.add(source)
    return NewSource(source, issued.secret)


def list_sources(session: Session, actor: Principal) -> list[HarvestSource]:
    if not actor.is_authenticated:
        raise Unauthenticated("Harvest sources are shown to their managers and their sites.")
    sources = session.scalars(select(HarvestSource).order_by(HarvestSource.name))
    return [s for s in sources if _may_read(actor, s)]


def _may_read(actor: Principal, source: HarvestSource) -> bool:
    own_token = actor.token_id is not None and actor.token_id == source.token_id
    return own_token or actor.can_review(source.organization_id)


@atomic
def remove_source(session: Session, actor: Principal, ref: str) -> None:
    """Remove a source, its jobs and identities. Its datasets stay (owned by hand now)."""
    source = get_source(session, ref)
    _require_manager(actor, source.organization_id)
    session.delete(source)


def run_source(
    session: Session,
    actor: Principal,
    ref: str,
    *,
    policy: FetchPolicy,
    base_url: str,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
) -> HarvestJob:
    source = get_source(session, ref)
    _require_manager(actor, source.organization_id)
    recover_interrupted(session)
    runner = JobRunner(
        session, source, policy=policy, base_url=base_url, dry_run=dry_run, progress=progress
    )
    return runner.run()


def due_sources(session: Session, now: datetime | None = None) -> list[HarvestSource]:
    """Active sources whose schedule says run now, or that were pinged."""
    now = now or utcnow()
    due = []
    for source in session.scalars(select(HarvestSource).where(HarvestSource.active.is_(True))):
        if source.requested_at is not None:
            due.append(source)
            continue
        every = SCHEDULES.get(source.schedule)
        if every is None:
            continue
        last = session.scalar(
            select(HarvestJob.started_at)
            .where(HarvestJob.source_id == source.id, HarvestJob.dry_run.is_(False))
            .order_by(HarvestJob.started_at.desc())
            .limit(1)
        )
        if last is None or now - last >= every:
            due.append(source)
    return due


@atomic
def ping_source(session: Session, actor: Principal, ref: str) -> HarvestSource:
    """Ask for a harvest of the source at the next schedule pass."""
    source = get_source(session, ref)
    require_source_reader(actor, source)
    source.requested_at = utcnow()
    return source


def list_jobs(
    session: Session, actor: Principal, ref: str | None = None, limit: int = 50
) -> list[HarvestJob]:
    query = select(HarvestJob).order_by(HarvestJob.started_at.desc()).limit(limit)
    if ref is not None:
        source = get_source(session, ref)
        require_source_reader(actor, source)
        return list(session.scalars(query.where(HarvestJob.source_id == source.id)))
    visible = {s.id for s in list_sources(session, actor)}
    return [j for j in session.scalars(query) if j.source_id in visible]


def get_job(session: Session, actor: Principal, job_id: str | uuid.UUID) -> HarvestJob:
    try:
        job = session.get(HarvestJob, uuid.UUID(str(job_id)))
    except ValueError:
        job = None
    if job is None:
        raise NotFound(f"Harvest job '{job_id}' not found.")
    require_source_reader(actor, session.get(HarvestSource, job.source_id))
    return job


def job_items(
    session: Session, actor: Principal, job_id: str, *, failed_only: bool = False
) -> list[HarvestItem]:
    job = get_job(session, actor, job_id)
    query = select(HarvestItem).where(HarvestItem.job_id == job.id).order_by(HarvestItem.id)
    if failed_only:
        query = query.where(HarvestItem.action == "failed")
    return list(session.scalars(query))


@atomic
def approve_job(session: Session, actor: Principal, job_id: str, reason: str | None = None) -> int:
    """Approve every dataset a job created or updated that is still pending."""
    job = get_job(session, actor, job_id)
    source = session.get(HarvestSource, job.source_id)
    actor.require(actor.can_review(source.organization_id), "Only editors approve harvests.")
    ids = session.scalars(
        select(HarvestItem.dataset_id).where(
            HarvestItem.job_id == job.id,
            HarvestItem.action.in_(["created", "updated"]),
            HarvestItem.dataset_id.is_not(None),
        )
    )
    approved = 0
    for dataset_id in dict.fromkeys(ids):
        dataset = session.get(Dataset, dataset_id)
        if dataset is not None and dataset.state == "pending":
            dataset_service.transition(session, actor, dataset.id, "approve", reason=reason)
            approved += 1
    return approved
