"""``hub search reindex``: rebuild the search index from the database, with a progress bar."""

from __future__ import annotations

import sys

import click
from flask.cli import with_appcontext

from hub.db import get_session
from hub.search import service
from hub.search.documents import estimate_documents


@click.group("search")
def search_group() -> None:
    """The search index."""


@search_group.command("reindex")
@with_appcontext
def reindex_command() -> None:
    """Rebuild the index of the configured backend (HUB_SEARCH_BACKEND) from the database."""
    session = get_session()
    backend = service.get_backend()
    total = estimate_documents(session)
    with click.progressbar(length=total, label="Indexing", file=sys.stderr, show_pos=True) as bar:
        count = service.reindex(session, backend, progress=bar.update)
    session.commit()
    service.tidy(backend)
    click.echo(f"{count} documents indexed ({backend.name}).")
