"""Outbound requests of a harvest: the fetch policy (address policy checked after every
redirect, timeouts, size limits) plus retries with backoff on 5xx and connection
errors, and a ``requests`` session for ckanapi that goes through the same fetch."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import requests
from requests.adapters import BaseAdapter

from hub.net.fetch import FetchError, FetchPolicy, FetchResponse, fetch

RETRIED_STATUSES = frozenset({500, 502, 503, 504, 429})
RETRIED_KINDS = frozenset({"timeout", "connection", "protocol"})


class RemoteError(Exception):
    """A request that failed for good (after retries): ``kind`` is a fetch error kind or
    ``status`` for an HTTP error status."""

    def __init__(self, kind: str, detail: str, status: int | None = None) -> None:
        super().__init__(detail)
        self.kind, self.detail, self.status = kind, detail, status


@dataclass
class Remote:
    policy: FetchPolicy
    retries: int = 3
    backoff: float = 0.5  # seconds before the first retry, doubled each time
    sleep: Callable[[float], None] = time.sleep

    def get(
        self,
        url: str,
        *,
        accept: str | None = None,
        params: Mapping[str, Any] | None = None,
        max_bytes: int | None = None,
    ) -> FetchResponse:
        """GET ``url``; a 2xx response, or ``RemoteError``. 5xx, 429, timeouts and
        broken connections are retried with backoff; other statuses are not."""
        if params:
            url = f"{url}{'&' if '?' in url else '?'}{urlencode(params, doseq=True)}"
        headers = {"Accept": accept} if accept else {}
        delay = self.backoff
        for attempt in range(self.retries + 1):
            last = attempt == self.retries
            try:
                response = fetch(url, self.policy, headers=headers, max_bytes=max_bytes)
            except FetchError as exc:
                if exc.kind not in RETRIED_KINDS or last:
                    raise RemoteError(exc.kind, f"{url}: {exc.detail}") from None
            else:
                if 200 <= response.status < 300:
                    return response
                if response.status not in RETRIED_STATUSES or last:
                    raise RemoteError(
                        "status", f"{url}: HTTP {response.status}", response.status
                    ) from None
            self.sleep(delay)
            delay *= 2
        raise AssertionError("unreachable")

    def requests_session(self) -> requests.Session:
        """A session whose every request goes through ``get`` (ckanapi takes it)."""
        session = requests.Session()
        adapter = _FetchAdapter(self)
        session.mount("http://", adapter)
        session.mount("https://", adapter)
        return session


class _FetchAdapter(BaseAdapter):
    """Sends a requests ``GET`` through the harvest's fetch; anything else is refused
    (harvests only read)."""

    def __init__(self, remote: Remote) -> None:
        super().__init__()
        self.remote = remote

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        if request.method != "GET":
            raise requests.ConnectionError(f"harvests only read; refused {request.method}")
        try:
            got = self.remote.get(str(request.url), accept=request.headers.get("Accept"))
            status, headers, body, url = got.status, got.headers, got.body, got.url
        except RemoteError as exc:
            if exc.status is None:
                raise requests.ConnectionError(exc.detail) from None
            status, headers, body, url = exc.status, {}, b"", str(request.url)
        response = requests.Response()
        response.status_code = status
        response.headers.update(headers)
        response._content = body
        response.url = url
        response.request = request
        response.encoding = requests.utils.get_encoding_from_headers(response.headers)
        return response

    def close(self) -> None:
        return None
