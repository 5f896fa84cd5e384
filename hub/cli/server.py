"""``hub init``, ``hub demo`` and ``hub serve``."""

from __future__ import annotations

import logging
import os

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy.engine import make_url

from hub import migrate
from hub.db import get_session
from hub.files import get_file_store
from hub.search import service as search_service


@click.command()
@with_appcontext
def init() -> None:
    """Create or upgrade the database schema (Alembic migrations)."""
    url = current_app.config["HUB_DATABASE_URL"]
    migrate.upgrade(url)
    shown = make_url(url).render_as_string(hide_password=True)
    click.echo(f"Database ready: {shown} (schema {migrate.head_revision(url)})")
    session = get_session()
    rebuilt = search_service.reindex_if_empty(session, search_service.get_backend())
    session.commit()
    if rebuilt is not None:
        click.echo(f"Search index rebuilt: {rebuilt} documents.")


@click.command()
@with_appcontext
def demo() -> None:
    """Load the sample province (idempotent: running it again adds nothing)."""
    from hub.demo import load_demo

    report = load_demo(get_session(), get_file_store())
    click.echo(
        f"Demo province loaded (sample data): {report.organizations} organizations, "
        f"{report.datasets} datasets, {report.distributions} distributions, "
        f"{report.records} records ({report.created} datasets created this run, "
        f"{report.scored} quality scores computed)."
    )


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, type=click.IntRange(1, 65535), show_default=True)
@click.option("--workers", default=None, type=click.IntRange(1, 64), help="Default: 2 x CPUs + 1.")
@click.option("--threads", default=4, type=click.IntRange(1, 64), show_default=True)
def serve(host: str, port: int, workers: int | None, threads: int) -> None:
    """Serve the hub with gunicorn (a production WSGI server)."""
    from gunicorn.app.base import BaseApplication

    app = create_app_for_serving()

    class _Server(BaseApplication):
        def load_config(self) -> None:
            self.cfg.set("bind", f"{host}:{port}")
            self.cfg.set("workers", workers or (2 * (os.cpu_count() or 1) + 1))
            self.cfg.set("threads", threads)
            self.cfg.set("worker_class", "gthread" if threads > 1 else "sync")
            self.cfg.set("accesslog", None)  # the hub logs each API request itself
            self.cfg.set("timeout", 60)

        def load(self) -> object:
            return app

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    click.echo(f"Serving on http://{host}:{port}")
    _Server().run()


def create_app_for_serving() -> object:
    from hub import create_app

    return create_app()
