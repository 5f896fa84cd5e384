"""Harvest fixtures: a real HTTP server on 127.0.0.1 whose pages a test sets, a small
backend over it (JSON pages with a next link) to drive the job lifecycle, and sources."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import pytest

from hub.harvesters import registry
from hub.harvesters.base import Backend, GatherFailed, ItemFailed, MappedDataset, RemoteItem
from hub.harvesters.remote import RemoteError
from hub.harvesters.service import add_source
from hub.net.addresses import parse_networks
from hub.net.fetch import FetchPolicy
from tests.factories import ADMIN, OrganizationFactory

POLICY = FetchPolicy(
    allowed_networks=parse_networks("127.0.0.0/8"), read_timeout=2, connect_timeout=2
)


class Pages:
    """What the server answers: path -> (status, JSON body). Counts requests."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[int, Any]] = {}
        self.hits: list[str] = []

    def set(self, path: str, body: Any, status: int = 200) -> None:
        self.pages[path] = (status, body)


class _Handler(BaseHTTPRequestHandler):
    pages: ClassVar[Pages]

    def log_message(self, *args: Any) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802
        self.pages.hits.append(self.path)
        status, body = self.pages.pages.get(self.path, (404, {"error": "not found"}))
        data = json.dumps(body, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@pytest.fixture
def remote_site() -> Iterator[tuple[str, Pages]]:
    pages = Pages()
    handler = type("Handler", (_Handler,), {"pages": pages})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", pages
    finally:
        server.shutdown()
        server.server_close()


class JsonPagesBackend(Backend):
    """Pages ``{"items": [{"id", "title", ...}], "next": path}``. An item with
    ``"broken"`` cannot be mapped; one with ``"explode"`` raises a bug."""

    name = "test-json"
    title = ("Thử nghiệm", "Test")

    def gather(self, ctx: Any) -> Iterator[RemoteItem]:
        url, seen = ctx.url, set()
        while url:
            if url in seen:
                raise GatherFailed("paging loop")
            seen.add(url)
            try:
                page = json.loads(ctx.remote.get(url).body)
            except RemoteError as exc:
                raise GatherFailed(str(exc)) from None
            for entry in page["items"]:
                yield RemoteItem(entry["id"], payload=entry, title=entry.get("title"))
            nxt = page.get("next")
            url = f"{ctx.url.split('/', 3)[0]}//{ctx.url.split('/', 3)[2]}{nxt}" if nxt else None

    def map_item(self, ctx: Any, item: RemoteItem) -> MappedDataset:
        entry = item.payload
        if entry.get("broken"):
            raise ItemFailed("Thiếu tiêu đề / no title")
        if entry.get("explode"):
            raise ValueError("a bug in the backend")
        return MappedDataset(
            fields={
                "title_vi": entry["title"],
                "content_type": "statistics",
                "description_vi": entry.get("description"),
                "keywords": entry.get("keywords", []),
                "slug": entry.get("slug"),
            },
            distributions=tuple(
                {"title_vi": "Tệp CSV", "url": url, "format": "CSV"}
                for url in entry.get("files", [])
            ),
        )


@pytest.fixture
def json_backend() -> Iterator[type[Backend]]:
    registry.backends()  # the real ones first
    registry.register(JsonPagesBackend)
    try:
        yield JsonPagesBackend
    finally:
        registry._BACKENDS.pop(JsonPagesBackend.name, None)


@pytest.fixture(autouse=True)
def quick_retries(monkeypatch):
    monkeypatch.setattr("hub.harvesters.runner.RETRY_BACKOFF", 0.01)


@pytest.fixture
def organization(session):
    return OrganizationFactory(session=session, slug="so-cong-thuong")


@pytest.fixture
def make_source(session, organization, remote_site, json_backend):
    url, _ = remote_site

    def make(name: str = "cong-thanh-phan", **extra: Any):
        data = {
            "name": name,
            "type": "test-json",
            "url": f"{url}/page1",
            "organization": organization.slug,
            **extra,
        }
        return add_source(session, ADMIN, data).source

    return make
