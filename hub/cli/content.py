"""``hub legal find`` and ``hub english-coverage``: editors' checks from the console."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from hub.cli.common import operator
from hub.content.english import english_coverage
from hub.db import get_session
from hub.legal import service as legal


@click.group("legal")
def legal_group() -> None:
    """Legal documents: find by number, review flags."""


@legal_group.command("find")
@click.argument("number")
@with_appcontext
def find_command(number: str) -> None:
    """Find documents by NUMBER written any way (e.g. "Nghị định số 47/2020/ND-CP")."""
    found = legal.find_by_number(get_session(), operator(), number)
    for doc in found:
        click.echo(f"{doc.id}  {doc.number}  {doc.issued.isoformat()}  {doc.status}")
        click.echo(f"    {doc.abstract}")
    if not found:
        raise click.ClickException(f"No document numbered {number}.")


@legal_group.command("flags")
@with_appcontext
def flags_command() -> None:
    """List the open review flags: content resting on documents no longer in force."""
    session = get_session()
    flags = session.scalars(legal.flag_query(operator())).all()
    for flag in flags:
        click.echo(
            f"{flag.id}  {flag.subject_type}  {flag.subject_label}  "
            f"(căn cứ {flag.cause_number}, hết hiệu lực)"
        )
    click.echo(f"{len(flags)} open flag(s).")


@click.command("english-coverage")
@with_appcontext
def english_coverage_command() -> None:
    """List organizations lacking English versions of structure, functions or contacts."""
    checked, gaps = english_coverage(get_session())
    for gap in gaps:
        click.echo(f"{gap.organization.slug}: {', '.join(gap.missing)}")
    click.echo(f"{checked - len(gaps)} of {checked} organizations complete in English.")
