"""The provincial open data and interoperability hub."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask
from flask.sessions import SecureCookieSessionInterface

from hub.config import load_config
from hub.db import Database, close_session
from hub.files import FileStore
from hub.records.form_cache import FormCache

__version__ = "0.1.0"


class StatelessSessions(SecureCookieSessionInterface):
    def open_session(self, app: Flask, request: object) -> None:
        return None  # Flask then uses a null session

    def save_session(self, app: Flask, session: object, response: object) -> None:
        return None


class HubFlask(Flask):
    """Flask with the sync check of each hook and view remembered, not redone per request."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._sync: dict[Any, Any] = {}

    def ensure_sync(self, func: Any) -> Any:
        # inspect.iscoroutinefunction on five callables per request is measurable on
        # cached reads; views and hooks are long-lived, so the answer is kept.
        known = self._sync.get(func)
        if known is None:
            known = self._sync[func] = super().ensure_sync(func)
        return known


def create_app(overrides: Mapping[str, Any] | None = None) -> Flask:
    """Build the WSGI app; ``overrides`` take precedence over the environment."""
    config = load_config(overrides)
    app = HubFlask(__name__, instance_path=config["HUB_INSTANCE_DIR"])
    app.config.update(config)
    app.config["SECRET_KEY"] = config["HUB_SECRET_KEY"]
    # Bodies beyond the upload limit are refused before they are read (413).
    app.config["MAX_CONTENT_LENGTH"] = config["HUB_MAX_UPLOAD_BYTES"] + 1024 * 1024
    app.json.sort_keys = False  # keep the documented field order
    app.json.ensure_ascii = False
    # The API is stateless (tokens, no cookies): skip Flask's cookie session per request.
    app.session_interface = StatelessSessions()

    import hub.models  # noqa: F401  (register every table)
    from hub.records.schema import schemas

    schemas()  # a mistake in schemas/*.yaml stops start-up, naming file and line

    app.extensions["hub.db"] = Database(config["HUB_DATABASE_URL"])
    app.extensions["hub.files"] = FileStore(config["HUB_DATA_DIR"], config["HUB_MAX_UPLOAD_BYTES"])
    app.extensions["hub.forms"] = FormCache(Path(config["HUB_DATA_DIR"]) / "forms")
    from hub.search.service import make_backend  # also registers the indexing hook

    app.extensions["hub.search"] = make_backend(
        config["HUB_SEARCH_BACKEND"], str(config["HUB_DATA_DIR"])
    )
    app.teardown_appcontext(close_session)

    from hub.health import bp as health_bp

    app.register_blueprint(health_bp)

    from hub import api

    api.register(app)
    return app
