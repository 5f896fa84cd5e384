"""Real HTTP servers on 127.0.0.1 for the catalog backends' tests: a hub app served by
werkzeug, and a scripted server whose routes answer with fixed bodies or functions."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from werkzeug.serving import make_server

from hub.datasets.schemas import DatasetInput, LinkDistributionInput
from hub.harvesters import registry
from hub.harvesters.base import HarvestContext, MappedDataset
from hub.harvesters.remote import Remote
from hub.net.addresses import parse_networks
from hub.net.fetch import FetchPolicy


@contextmanager
def serve_app(app: Any) -> Iterator[str]:
    """``app`` on a free port; its base URL (also the app's ``HUB_BASE_URL`` meanwhile,
    so the links it writes, such as Hydra's next pages, point back to it)."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    # server_close() then waits for requests still finishing.
    server.daemon_threads = False
    url = f"http://127.0.0.1:{server.server_port}"
    before = app.config["HUB_BASE_URL"]
    app.config["HUB_BASE_URL"] = url
    thread = threading.Thread(target=lambda: server.serve_forever(poll_interval=0.05), daemon=True)
    thread.start()
    try:
        yield url
    finally:
        server.shutdown()
        thread.join(timeout=5)
        server.server_close()
        app.config["HUB_BASE_URL"] = before


@dataclass
class Reply:
    body: bytes | str = b""
    content_type: str = "text/plain"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)


# A route answers with a Reply, or a function of (path with query, base URL) to one.
Route = Reply | Callable[[str, str], Reply]


@dataclass
class Scripted:
    routes: dict[str, Route]
    base: str = ""
    hits: list[str] = field(default_factory=list)


@contextmanager
def serve_routes(routes: Mapping[str, Route]) -> Iterator[Scripted]:
    """A server answering each path (the query is ignored unless the route is named
    with it) from ``routes``; 404 otherwise. ``hits`` lists the paths asked for."""
    state = Scripted(dict(routes))

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.hits.append(self.path)
            route = state.routes.get(self.path) or state.routes.get(self.path.split("?")[0])
            if route is None:
                reply = Reply("not found", status=404)
            else:
                reply = route(self.path, state.base) if callable(route) else route
            body = reply.body.encode() if isinstance(reply.body, str) else reply.body
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.base = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=lambda: server.serve_forever(poll_interval=0.05), daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        thread.join(timeout=5)
        server.server_close()


def context(
    backend: str,
    url: str,
    config: Mapping[str, Any] | None = None,
    since: datetime | None = None,
) -> HarvestContext:
    return HarvestContext(
        source_name="t",
        url=url,
        config=registry.validate_config(backend, dict(config or {})),
        organization="nguon-thu",
        since=since,
        remote=Remote(
            FetchPolicy(allowed_networks=parse_networks("127.0.0.0/8"), read_timeout=2),
            backoff=0.01,
        ),
        base_url="https://hub.example.org",
    )


def assert_loads(mapped: MappedDataset) -> dict[str, Any]:
    """The fields load through ``DatasetInput`` (with an organization) and each
    distribution through the link input, with no error; the loaded fields."""
    assert "organization" not in mapped.fields
    loaded = DatasetInput().load({**mapped.fields, "organization": "nguon-thu"})
    for dist in mapped.distributions:
        LinkDistributionInput().load(dict(dist))
    return loaded
