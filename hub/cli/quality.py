"""``hub quality check``: check the distributions' links, then refresh the stored scores."""

from __future__ import annotations

from datetime import timedelta

import click
from flask import current_app
from flask.cli import with_appcontext

from hub.db import get_session
from hub.net.fetch import FetchPolicy
from hub.quality.links import check_links
from hub.quality.service import refresh_scores


@click.group("quality")
def quality_group() -> None:
    """Metadata quality (data.europa.eu MQA): link checks and scores."""


@quality_group.command("check")
@click.option(
    "--links/--no-links",
    default=True,
    show_default=True,
    help="Check the URLs of published datasets' distributions before scoring.",
)
@click.option(
    "--max-age",
    type=click.FloatRange(min=0),
    default=None,
    help="Hours: URLs checked more recently are skipped (default HUB_LINK_CHECK_MAX_AGE_HOURS).",
)
@click.option(
    "--limit", type=click.IntRange(min=1), default=None, help="Check at most N URLs this run."
)
@click.option("--workers", type=click.IntRange(1, 64), default=8, show_default=True)
@click.option("--all", "everything", is_flag=True, help="Recompute every score.")
@with_appcontext
def check_command(
    links: bool, max_age: float | None, limit: int | None, workers: int, everything: bool
) -> None:
    """Check links (HEAD, GET when refused) in a thread pool, then store the scores of
    published datasets that changed or whose links were checked since. For cron."""
    config = current_app.config
    session = get_session()
    base_url = config["HUB_BASE_URL"]
    if links:
        hours = config["HUB_LINK_CHECK_MAX_AGE_HOURS"] if max_age is None else max_age
        run = check_links(
            session,
            FetchPolicy.from_config(config),
            base_url,
            max_age=timedelta(hours=hours),
            limit=limit,
            workers=workers,
        )
        click.echo(
            f"Links: {run.checked} of {run.urls} URLs checked, {run.ok} ok, "
            f"{run.failed} failed, in {run.seconds:.1f} s."
        )
    scores = refresh_scores(session, base_url, everything=everything)
    click.echo(
        f"Scores: {scores.scored} of {scores.published} published datasets scored, "
        f"{scores.removed} removed, in {scores.seconds:.1f} s."
    )
