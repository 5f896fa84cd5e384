"""Quality fixtures: a real HTTP server on 127.0.0.1 that counts its hits, fetch policies,
and datasets built through the services."""

from __future__ import annotations

import io
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from hub.datasets import distributions
from hub.net.addresses import parse_networks
from hub.net.fetch import FetchPolicy
from tests.factories import ADMIN, DatasetFactory, OrganizationFactory

LOCAL = parse_networks("127.0.0.0/8")


class _Handler(BaseHTTPRequestHandler):
    """Paths: /ok, /missing (404), /no-head (HEAD 405, GET 200), /slow (sleeps),
    /to-private (302 to 169.254.169.254), /to-ok (301 to /ok), /loop (302 to itself),
    /big (a body of 1 MiB)."""

    hits: Counter  # set per server
    methods: list
    hosts: list

    def log_message(self, *args) -> None:
        pass

    def _answer(self, head: bool) -> None:
        path = self.path.split("?")[0]
        self.hits[path] += 1
        self.methods.append((self.command, path))
        self.hosts.append(self.headers.get("Host"))
        if path == "/slow":
            time.sleep(1.5)
        redirects = {
            "/to-private": "http://169.254.169.254/latest/meta-data/",
            "/to-ok": "/ok",
            "/loop": "/loop",
        }
        if path in redirects:
            self.send_response(302 if path != "/to-ok" else 301)
            self.send_header("Location", redirects[path])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if path == "/no-head" and head:
            self.send_response(405)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        status = 404 if path == "/missing" else 200
        body = b"x" * (1024 * 1024) if path == "/big" else b"id,value\n1,2\n"
        self.send_response(status)
        self.send_header("Content-Type", "text/csv")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer(head=True)

    def do_GET(self) -> None:  # noqa: N802
        self._answer(head=False)


class Server:
    def __init__(self) -> None:
        handler = type("Handler", (_Handler,), {"hits": Counter(), "methods": [], "hosts": []})
        self.handler = handler
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        self.base = f"http://127.0.0.1:{self.httpd.server_port}"

    def url(self, path: str) -> str:
        return self.base + path

    @property
    def hits(self) -> Counter:
        return self.handler.hits

    @property
    def methods(self) -> list:
        return self.handler.methods

    @property
    def hosts(self) -> list:
        return self.handler.hosts

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


@pytest.fixture
def server():
    running = Server()
    yield running
    running.close()


@pytest.fixture
def local_policy() -> FetchPolicy:
    """127.0.0.0/8 allowed, short timeouts."""
    return FetchPolicy(connect_timeout=1, read_timeout=0.3, allowed_networks=LOCAL)


@pytest.fixture
def strict_policy() -> FetchPolicy:
    """Public addresses only."""
    return FetchPolicy(connect_timeout=1, read_timeout=0.3)


FULL = {
    "content_type": "statistics",
    "title_vi": "Dân số theo xã, phường",
    "title_en": "Population by commune",
    "description_vi": "Dân số trung bình của từng xã, phường trong tỉnh.",
    "description_en": "Average population of each commune and ward.",
    "themes": ["SOCI"],
    "keywords": ["dân số", "xã phường"],
    "licence": "CC-BY-4.0",
    "access_rights": "PUBLIC",
    "frequency": "ANNUAL",
    "temporal_start": "2020-01-01",
    "temporal_end": "2024-12-31",
    "spatial": "Tỉnh Minh Hòa",
    "contact_name": "Phòng Thống kê dân số",
    "contact_email": "thongke@example.gov.vn",
    "contact_phone": "+84 237 3852 000",
}


@pytest.fixture
def make_dataset(session, file_store):
    """``make_dataset(state=..., files=1, links=[(url, format)], **fields)``."""

    def make(state="published", files=0, links=(), organization=None, **fields):
        org = organization or OrganizationFactory(session=session)
        data = {**fields}
        dataset = DatasetFactory(session=session, organization=org, state="draft", **data)
        for n in range(files):
            stream = io.BytesIO(f"ma_xa,dan_so\n{n},1200\n".encode())
            distributions.add_file(session, ADMIN, file_store, dataset.id, stream, f"data{n}.csv")
        for url, fmt in links:
            meta = {"title_vi": f"Liên kết {fmt}", "url": url, "format": fmt}
            distributions.add_link(session, ADMIN, dataset.id, meta)
        from hub.datasets import service
        from hub.datasets.workflow import STEPS_TO

        for action in STEPS_TO[state]:
            reason = "Lý do kiểm thử" if action in {"reject", "withdraw"} else None
            service.transition(session, ADMIN, dataset.id, action, reason=reason)
        session.refresh(dataset)
        return dataset

    return make
