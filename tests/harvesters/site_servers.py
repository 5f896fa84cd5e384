"""Real HTTP servers on 127.0.0.1 for the harvest backend tests, and the checks every
mapped dataset must pass.

``Site`` serves static bodies and fault-injecting handlers from a thread; the faults
are the ones a component site shows in practice: 5xx, a hang, a body cut short, a body
claimed or streamed beyond any size limit, a redirect to a private address.
"""

from __future__ import annotations

import io
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from hub.datasets.schemas import DatasetInput, LinkDistributionInput
from hub.harvesters import registry
from hub.harvesters.base import HarvestContext, MappedDataset
from hub.harvesters.remote import Remote
from hub.net.addresses import parse_networks
from hub.net.fetch import FetchPolicy
from hub.records.schema import schema_named
from hub.records.sources import open_table

Handler = Callable[[BaseHTTPRequestHandler], None]


class Site:
    """Routes by path (query ignored); ``hits`` counts requests per path."""

    def __init__(self) -> None:
        self.routes: dict[str, Handler] = {}
        self.hits: Counter[str] = Counter()
        site = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                path = self.path.split("?")[0]
                site.hits[path] += 1
                route = site.routes.get(path)
                if route is None:
                    send(self, b"not found", "text/plain", status=404)
                else:
                    route(self)

            def log_message(self, *_args: Any) -> None:
                return None

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def static(
        self,
        path: str,
        body: bytes,
        content_type: str = "application/octet-stream",
        headers: Mapping[str, str] | None = None,
    ) -> str:
        self.routes[path] = lambda h: send(h, body, content_type, headers=headers)
        return self.url(path)

    def handler(self, path: str, route: Handler) -> str:
        self.routes[path] = route
        return self.url(path)


@contextmanager
def running_site() -> Iterator[Site]:
    site = Site()
    site.thread.start()
    try:
        yield site
    finally:
        site.server.shutdown()
        site.server.server_close()


def send(
    handler: BaseHTTPRequestHandler,
    body: bytes,
    content_type: str,
    *,
    status: int = 200,
    headers: Mapping[str, str] | None = None,
) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(body)))
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    handler.end_headers()
    handler.wfile.write(body)


# --- faults ----------------------------------------------------------------------------


def server_error(handler: BaseHTTPRequestHandler) -> None:
    send(handler, b"busy", "text/plain", status=500)


def slow(seconds: float) -> Handler:
    def route(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(seconds)
        try:
            send(handler, b"late", "text/plain")
        except OSError:
            pass

    return route


def truncated(handler: BaseHTTPRequestHandler) -> None:
    """Claims 10 000 bytes, sends 100 and closes."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/csv")
    handler.send_header("Content-Length", "10000")
    handler.end_headers()
    handler.wfile.write(b"a,b\n" * 25)


def claims_two_gigabytes(handler: BaseHTTPRequestHandler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/csv")
    handler.send_header("Content-Length", str(2 * 1024**3))
    handler.end_headers()
    try:
        handler.wfile.write(b"a,b\n" * 256)
    except OSError:
        pass


def endless(sent: list[int]) -> Handler:
    """Streams a body without length until the client hangs up (or 64 MB); ``sent``
    receives how many bytes went out."""

    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/rss+xml")
        handler.end_headers()
        chunk, total = b"<item>x</item>" * 4096, 0
        try:
            while total < 64 * 1024 * 1024:
                handler.wfile.write(chunk)
                total += len(chunk)
        except OSError:
            pass
        sent.append(total)

    return route


def redirect(location: str) -> Handler:
    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(302)
        handler.send_header("Location", location)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    return route


# --- context and checks ------------------------------------------------------------------


def context(
    backend: str,
    url: str,
    config: Mapping[str, Any],
    *,
    max_bytes: int = 1024 * 1024,
    retries: int = 3,
) -> HarvestContext:
    policy = FetchPolicy(
        allowed_networks=parse_networks("127.0.0.0/8"), read_timeout=1, max_bytes=max_bytes
    )
    return HarvestContext(
        source_name="t",
        url=url,
        config=registry.validate_config(backend, config),
        organization="so-thong-tin",
        since=None,
        remote=Remote(policy, retries=retries, backoff=0.01),
        base_url="https://hub.example.org",
    )


def rows_of(mapped: MappedDataset) -> list[dict[str, Any]]:
    """The records as the records import reads them, each row checked against its schema."""
    assert mapped.records is not None
    records = mapped.records
    table = open_table(io.BytesIO(records.data), records.file_name)
    rows = []
    for row in table.rows:
        assert row.problem is None, row.problem
        rows.append(dict(zip(table.header, row.cells, strict=True)))
    if records.record_type:
        schema = schema_named(records.record_type)
        for row in rows:
            for spec in schema.fields:
                value = row.get(spec.name)
                assert not (spec.required and value in (None, "")), (spec.name, row)
                if value not in (None, ""):
                    spec.convert(value)  # raises ValueError for a value the import refuses
    return rows


def save_and_import(session: Any, mapped: MappedDataset, dataset: Any = None) -> tuple[Any, Any]:
    """What the runner does with a mapped item, through the real services (a simplified
    stand-in for the tests): the dataset, its link distributions, its records import."""
    from hub.datasets import distributions, service
    from hub.records.service import import_records
    from tests.factories import ADMIN, OrganizationFactory

    if dataset is None:
        org = OrganizationFactory(session=session)
        dataset = service.create_dataset(
            session, ADMIN, {**mapped.fields, "organization": org.slug}
        )
        for link in mapped.distributions:
            distributions.add_link(session, ADMIN, dataset.id, dict(link))
    records = mapped.records
    assert records is not None
    report = import_records(
        session,
        ADMIN,
        dataset.id,
        io.BytesIO(records.data),
        records.file_name,
        mode=records.mode,
        record_type=records.record_type,
    )
    assert report.status == "succeeded", report.problems
    return dataset, report


def check_mapped(mapped: MappedDataset) -> dict[str, Any]:
    """Loads the fields and distributions with the hub's own schemas; returns the fields."""
    loaded = DatasetInput().load({**mapped.fields, "organization": "so-thong-tin"})
    for distribution in mapped.distributions:
        LinkDistributionInput().load(dict(distribution))
    if mapped.records is not None:
        rows_of(mapped)
    return loaded
