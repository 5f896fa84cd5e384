"""``hub harvest``: sources, runs, jobs and the schedule pass (for cron)."""

from __future__ import annotations

import json
from typing import Any

import click
from flask import current_app
from flask.cli import with_appcontext

from hub.cli.common import operator, print_json
from hub.db import get_session
from hub.errors import Conflict
from hub.harvesters import service
from hub.harvesters.jobs import recover_interrupted
from hub.harvesters.models import HarvestJob, HarvestSource
from hub.harvesters.report import job_report
from hub.net.fetch import FetchPolicy


@click.group("harvest")
def harvest_group() -> None:
    """Harvest component sites and other catalogs (Thu thập dữ liệu)."""


@harvest_group.group("source")
def source_group() -> None:
    """Register, list, show and remove harvest sources."""


def _source_dict(source: HarvestSource) -> dict[str, Any]:
    return {
        "id": str(source.id),
        "name": source.name,
        "type": source.type,
        "url": source.url,
        "organization": str(source.organization_id),
        "schedule": source.schedule,
        "auto_publish": source.auto_publish,
        "active": source.active,
        "grace_days": source.grace_days,
        "config": source.config,
    }


@source_group.command("add")
@click.argument("name")
@click.option(
    "--type", "kind", required=True, help="Backend: ckan, dcat, datajson, feed, tabular, schemaorg."
)
@click.option("--url", required=True)
@click.option("--org", "organization", required=True, help="Organization slug or agency code.")
@click.option("--auto-publish", is_flag=True, help="Publish harvested datasets without review.")
@click.option("--config", "config_json", default="{}", help="Backend configuration as JSON.")
@click.option("--schedule", default="daily", type=click.Choice(list(service.SCHEDULES)))
@click.option("--grace-days", default=3, type=click.IntRange(0, 365), show_default=True)
@click.option("--title", default=None)
@with_appcontext
def add_command(
    name: str,
    kind: str,
    url: str,
    organization: str,
    auto_publish: bool,
    config_json: str,
    schedule: str,
    grace_days: int,
    title: str | None,
) -> None:
    """Register a source; prints its token (shown once) for pushes and pings."""
    try:
        config = json.loads(config_json)
    except json.JSONDecodeError as exc:
        raise click.BadParameter(f"not JSON: {exc}", param_hint="--config") from None
    added = service.add_source(
        get_session(),
        operator(),
        {
            "name": name,
            "type": kind,
            "url": url,
            "organization": organization,
            "auto_publish": auto_publish,
            "config": config,
            "schedule": schedule,
            "grace_days": grace_days,
            "title": title,
        },
    )
    click.echo(f"Source {added.source.name} registered ({added.source.type}, {schedule}).")
    click.echo(f"Token for the component site (shown once): {added.token}")


@source_group.command("list")
@with_appcontext
def list_command() -> None:
    """All sources, one per line."""
    for source in service.list_sources(get_session(), operator()):
        state = "active" if source.active else "inactive"
        click.echo(f"{source.name}\t{source.type}\t{source.schedule}\t{state}\t{source.url}")


@source_group.command("show")
@click.argument("source")
@with_appcontext
def show_command(source: str) -> None:
    """A source's settings as JSON."""
    print_json(_source_dict(service.get_source(get_session(), source)))


@source_group.command("remove")
@click.argument("source")
@with_appcontext
def remove_command(source: str) -> None:
    """Remove a source with its jobs; its datasets stay."""
    service.remove_source(get_session(), operator(), source)
    click.echo(f"Source {source} removed; its datasets stay.")


def _policy() -> FetchPolicy:
    return FetchPolicy.from_config(current_app.config)


def _run_one(source: str, dry_run: bool) -> HarvestJob:
    session = get_session()
    with click.progressbar(length=0, label=f"Harvesting {source}", show_pos=True) as bar:
        job = service.run_source(
            session,
            operator(),
            source,
            policy=_policy(),
            base_url=current_app.config["HUB_BASE_URL"],
            dry_run=dry_run,
            progress=bar.update,
        )
    click.echo(job_report(session, job)["summary"]["en"])
    return job


@harvest_group.command("run")
@click.argument("source", required=False)
@click.option("--dry-run", is_flag=True, help="Preview: the same path, nothing saved.")
@with_appcontext
def run_command(source: str | None, dry_run: bool) -> None:
    """Harvest one source now, or every active source when none is named."""
    names = (
        [source]
        if source
        else [s.name for s in service.list_sources(get_session(), operator()) if s.active]
    )
    failed = [name for name in names if _run_one(name, dry_run).status == "failed"]
    if failed:
        raise click.ClickException(f"Failed: {', '.join(failed)}")


@harvest_group.command("jobs")
@click.argument("source", required=False)
@click.option("--limit", default=20, type=click.IntRange(1, 1000), show_default=True)
@with_appcontext
def jobs_command(source: str | None, limit: int) -> None:
    """Recent jobs, newest first, with what they changed."""
    session = get_session()
    for job in service.list_jobs(session, operator(), source, limit=limit):
        name = session.get(HarvestSource, job.source_id).name
        dry = " (dry run)" if job.dry_run else ""
        click.echo(
            f"{job.started_at:%Y-%m-%d %H:%M}\t{name}\t{job.status}{dry}\t"
            f"+{job.created} ~{job.updated} ={job.unchanged} -{job.deleted} !{job.failed}\t{job.id}"
        )


@harvest_group.command("schedule")
@with_appcontext
def schedule_command() -> None:
    """Run every source that is due (by its schedule, or pinged). For cron, e.g. every
    5 minutes; a source already running is skipped."""
    session = get_session()
    recover_interrupted(session)
    for source in service.due_sources(session):
        try:
            _run_one(source.name, dry_run=False)
        except Conflict as exc:
            click.echo(f"{source.name}: skipped ({exc})")
