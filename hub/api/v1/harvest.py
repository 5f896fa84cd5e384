"""Harvest sources, jobs and items; pings from component sites; approving a job.

Managers (administrators, editors of the source's organization) see and change
sources; a component site's own source token reads its source, its jobs and their
item errors, and pings. Others are told the source does not exist.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from flask import Response, current_app

from hub.api.auth import current_principal
from hub.api.v1 import bp
from hub.api.v1.common import json_body, query_args, respond
from hub.api.v1.harvest_schemas import (
    HarvestItemList,
    HarvestJobList,
    HarvestJobOut,
    HarvestSourceList,
    HarvestSourceOut,
    HarvestSummaryOut,
    SourceCreated,
)
from hub.api.v1.spec import doc
from hub.db import get_session, utcnow
from hub.errors import BadRequest, FieldError
from hub.harvesters import service
from hub.harvesters.models import HarvestItem, HarvestJob, HarvestSource
from hub.harvesters.report import job_report, source_summaries


def _base() -> str:
    return current_app.config["HUB_BASE_URL"]


def source_out(source: HarvestSource) -> dict[str, Any]:
    url = f"{_base()}/api/v1/harvest/sources/{source.id}"
    return {
        "id": str(source.id),
        "name": source.name,
        "title": source.title,
        "type": source.type,
        "url": source.url,
        "organization_id": str(source.organization_id),
        "config": source.config,
        "schedule": source.schedule,
        "auto_publish": source.auto_publish,
        "active": source.active,
        "grace_days": source.grace_days,
        "requested_at": source.requested_at.isoformat() if source.requested_at else None,
        "links": {"self": url, "jobs": f"{url}/jobs", "ping": f"{url}/ping"},
    }


def job_out(job: HarvestJob) -> dict[str, Any]:
    url = f"{_base()}/api/v1/harvest/jobs/{job.id}"
    return {
        "id": str(job.id),
        "source_id": str(job.source_id),
        "status": job.status,
        "dry_run": job.dry_run,
        "started_at": job.started_at.isoformat(),
        "finished_at": job.finished_at.isoformat() if job.finished_at else None,
        "gather_complete": job.gather_complete,
        "since": job.since.isoformat() if job.since else None,
        "counts": {
            "gathered": job.gathered,
            "created": job.created,
            "updated": job.updated,
            "unchanged": job.unchanged,
            "deleted": job.deleted,
            "failed": job.failed,
        },
        "error": job.error,
        "links": {"self": url, "items": f"{url}/items"},
    }


def item_out(item: HarvestItem) -> dict[str, Any]:
    return {
        "remote_id": item.remote_id,
        "action": item.action,
        "dataset_id": str(item.dataset_id) if item.dataset_id else None,
        "title": item.title,
        "error": item.error,
    }


@bp.get("/harvest/sources")
@doc(tag="harvest", response=HarvestSourceList, auth=True)
def list_harvest_sources() -> Response:
    """Harvest sources the caller manages (or its own, for a source token)."""
    query_args(set())
    sources = service.list_sources(get_session(), current_principal())
    return respond({"data": [source_out(s) for s in sources], "next": None})


@bp.post("/harvest/sources")
@doc(tag="harvest", response=SourceCreated, status=201, auth=True, errors=(403, 409, 415, 422))
def create_harvest_source() -> Response:
    """Register a harvest source (administrators, editors of its organization).
    The response carries the component site's token once."""
    added = service.add_source(get_session(), current_principal(), json_body())
    response = respond(source_out(added.source) | {"token": added.token}, 201)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/harvest/sources/<ref>")
@doc(tag="harvest", response=HarvestSourceOut, auth=True, errors=(404,))
def show_harvest_source(ref: str) -> Response:
    """A harvest source by id or name."""
    session = get_session()
    source = service.get_source(session, ref)
    service.require_source_reader(current_principal(), source)
    return respond(source_out(source))


@bp.delete("/harvest/sources/<ref>")
@doc(tag="harvest", response=HarvestSourceOut, auth=True, errors=(403, 404))
def delete_harvest_source(ref: str) -> Response:
    """Remove a source with its jobs; the datasets it harvested stay."""
    session = get_session()
    source = service.get_source(session, ref)
    service.require_source_reader(current_principal(), source)
    body = source_out(source)
    service.remove_source(session, current_principal(), ref)
    return respond(body)


@bp.post("/harvest/sources/<ref>/ping")
@doc(tag="harvest", response=HarvestSourceOut, status=202, auth=True, errors=(404,))
def ping_harvest_source(ref: str) -> Response:
    """Ask for a harvest of this source now (the component site's token).
    The next schedule pass runs it, whatever its schedule."""
    source = service.ping_source(get_session(), current_principal(), ref)
    return respond(source_out(source), 202)


@bp.get("/harvest/sources/<ref>/jobs")
@doc(tag="harvest", response=HarvestJobList, auth=True, errors=(404,))
def list_harvest_jobs(ref: str) -> Response:
    """A source's jobs, newest first (the last 50)."""
    query_args(set())
    found = service.list_jobs(get_session(), current_principal(), ref)
    return respond({"data": [job_out(j) for j in found], "next": None})


@bp.get("/harvest/jobs/<job_id>")
@doc(tag="harvest", response=HarvestJobOut, auth=True, errors=(404,))
def show_harvest_job(job_id: str) -> Response:
    """A job with its report in Vietnamese and English."""
    session = get_session()
    job = service.get_job(session, current_principal(), job_id)
    return respond(job_out(job) | {"report": job_report(session, job)})


@bp.get("/harvest/jobs/<job_id>/items")
@doc(
    tag="harvest",
    response=HarvestItemList,
    auth=True,
    query=(("failed", "boolean", "Only the items that failed."),),
    errors=(400, 404),
)
def list_harvest_items(job_id: str) -> Response:
    """What a job did with each remote item, and why an item failed.
    Unchanged items are counted in the job, not listed."""
    args = query_args({"failed"})
    failed = args.get("failed", "false")
    if failed not in ("true", "false"):
        raise BadRequest("Bad parameter.", errors=[FieldError("failed", "true or false")])
    items = service.job_items(
        get_session(), current_principal(), job_id, failed_only=failed == "true"
    )
    return respond({"data": [item_out(i) for i in items], "next": None})


@bp.post("/harvest/jobs/<job_id>/approve")
@doc(tag="harvest", response=HarvestJobOut, auth=True, errors=(403, 404))
def approve_harvest_job(job_id: str) -> Response:
    """Approve every dataset of the job still pending review (editors)."""
    session = get_session()
    approved = service.approve_job(session, current_principal(), job_id)
    job = service.get_job(session, current_principal(), job_id)
    return respond(job_out(job) | {"approved": approved})


@bp.get("/harvest/summary")
@doc(
    tag="harvest",
    response=HarvestSummaryOut,
    auth=True,
    query=(
        ("from", "string", "Start date (ISO 8601), default 90 days ago."),
        ("to", "string", "End date (ISO 8601, exclusive), default now."),
    ),
    errors=(400,),
)
def harvest_summary() -> Response:
    """Per source over a period: jobs by status, what they changed, the last success."""
    args = query_args({"from", "to"})
    end = _moment(args.get("to"), "to") or utcnow()
    start = _moment(args.get("from"), "from") or end - timedelta(days=90)
    session = get_session()
    visible = {s.id for s in service.list_sources(session, current_principal())}
    rows = source_summaries(session, start, end, visible)
    return respond(
        {
            "from": start.isoformat(),
            "to": end.isoformat(),
            "sources": [
                {
                    **row.__dict__,
                    "last_success": row.last_success.isoformat() if row.last_success else None,
                }
                for row in rows
            ],
        }
    )


def _moment(value: str | None, name: str) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise BadRequest(
            "Bad parameter.", errors=[FieldError(name, "an ISO 8601 date or time")]
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=utcnow().tzinfo)
