"""``hub import DATASET FILE``: load records from a file, with a progress bar."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click
from flask.cli import with_appcontext

from hub.cli.common import operator
from hub.db import get_session
from hub.records import service
from hub.records.form_cache import get_form_cache


@click.command("import")
@click.argument("dataset")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--mode", type=click.Choice(service.MODES), default="replace", show_default=True)
@click.option(
    "--on-error",
    type=click.Choice(service.ON_ERROR),
    default="abort",
    show_default=True,
    help="abort: all or nothing; skip: import the valid rows and report the others.",
)
@click.option("--sheet", default=None, help="XLSX sheet name (default: the first).")
@click.option(
    "--record-type",
    default=None,
    help="Portal content only, first import: article, leader, org_unit, contact, "
    "work_schedule, public_service, draft_for_comment or qa.",
)
@with_appcontext
def import_command(
    dataset: str, file: Path, mode: str, on_error: str, sheet: str | None, record_type: str | None
) -> None:
    """Import the records of DATASET (id or slug) from FILE (CSV, XLSX, JSON, NDJSON)."""
    size = os.path.getsize(file)
    with (
        file.open("rb") as stream,
        click.progressbar(length=size, label=f"Importing {file.name}", file=sys.stderr) as bar,
    ):
        try:
            report = service.import_records(
                get_session(),
                operator(),
                dataset,
                stream,
                file.name,
                mode=mode,
                on_error=on_error,
                sheet=sheet,
                record_type=record_type,
                progress=bar.update,
                forms=get_form_cache(),
            )
        except service.ImportFailed as failed:
            _print_problems(failed.report.problems)
            raise click.ClickException(failed.report.message or "The import failed.") from None
    click.echo(
        f"{report.rows_loaded} rows imported, {report.rows_invalid} invalid "
        f"(version {report.version}; {report.format}, {report.encoding or '-'})."
    )
    _print_problems(report.problems)


def _print_problems(problems: list[dict]) -> None:
    for p in problems[:20]:
        click.echo(f"  row {p['row']} {p['column']}: {p['message']} ({p['value']!r})", err=True)
    if len(problems) > 20:
        click.echo(f"  ... and {len(problems) - 20} more (see the import report)", err=True)
