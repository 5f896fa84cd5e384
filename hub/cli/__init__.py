"""The ``hub`` console script: a Flask click group with the hub's commands.

Commands parse arguments, call services and print; they hold no business rules.
Any domain error becomes one line on stderr and a non-zero exit.
"""

from __future__ import annotations

from typing import Any

import click
from flask.cli import FlaskGroup, routes_command, shell_command

from hub import create_app
from hub.errors import HubError


class HubGroup(FlaskGroup):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except HubError as exc:
            raise click.ClickException(str(exc)) from None


@click.group(cls=HubGroup, create_app=create_app, add_default_commands=False)
def main() -> None:
    """Provincial open data hub (Cổng dữ liệu mở tỉnh)."""


main.add_command(shell_command)
main.add_command(routes_command)

from hub.cli import (  # noqa: E402
    catalog,
    content,
    harvest,
    quality,
    records,
    search,
    server,
    tokens,
)

main.add_command(server.init)
main.add_command(server.demo)
main.add_command(server.serve)
main.add_command(catalog.org)
main.add_command(catalog.dataset)
main.add_command(tokens.token)
main.add_command(records.import_command)
main.add_command(content.legal_group)
main.add_command(content.english_coverage_command)
main.add_command(search.search_group)
main.add_command(quality.quality_group)
main.add_command(harvest.harvest_group)
