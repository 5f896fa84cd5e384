"""Outbound HTTP fetches under one policy, for background jobs (never in a request).

A fetch accepts only ``http`` and ``https`` URLs, resolves the host itself, refuses
addresses that are not public unless the operator allowed their network
(``hub.net.addresses``), and connects to the address it checked: the connection is made
to that IP while the request carries the original ``Host`` header and, for HTTPS, the
original name for SNI and certificate verification, so a second DNS answer (rebinding)
cannot send it elsewhere. Redirects are followed by hand, at most ``max_redirects``,
and every hop is checked again from the start. Timeouts bound the connection, each read
and the whole hop (``connect_timeout + 2 * read_timeout``); bodies are capped at
``max_bytes`` (refused, or cut when the caller only wants a prefix).

Residual risk: name resolution uses the system resolver (``getaddrinfo``), which has no
timeout of its own here; the resolver's configuration bounds it.

Failures raise ``FetchError`` with a stable ``kind``: ``bad_url``, ``scheme``,
``refused_address``, ``dns``, ``timeout``, ``connection``, ``tls``, ``protocol``,
``too_many_redirects``, ``too_large``.
"""

from __future__ import annotations

import functools
import http.client
import ipaddress
import socket
import ssl
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

from hub import __version__
from hub.net.addresses import IPAddress, IPNetwork, is_allowed, parse_networks

USER_AGENT = f"province-data-hub/{__version__} (open data hub; link checker)"
MAX_URL_CHARS = 8192
REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024
# Set by the connection itself: a caller's value would contradict it.
_FIXED_HEADERS = frozenset({"host", "accept-encoding", "content-length", "transfer-encoding"})
# Characters kept as they are in a request target; everything else is %-encoded.
_SAFE = "/?&=%:@!$'()*+,;~-._[]"

ERROR_KINDS = (
    "bad_url",
    "scheme",
    "refused_address",
    "dns",
    "timeout",
    "connection",
    "tls",
    "protocol",
    "too_many_redirects",
    "too_large",
)


@dataclass(frozen=True)
class FetchPolicy:
    connect_timeout: float = 5.0
    read_timeout: float = 10.0
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    allowed_networks: tuple[IPNetwork, ...] = ()
    user_agent: str = USER_AGENT

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> FetchPolicy:
        """The policy of the ``HUB_FETCH_*`` and ``HUB_HARVEST_ALLOWED_NETWORKS`` settings."""
        return cls(
            connect_timeout=float(config["HUB_FETCH_CONNECT_TIMEOUT"]),
            read_timeout=float(config["HUB_FETCH_READ_TIMEOUT"]),
            max_bytes=int(config["HUB_FETCH_MAX_BYTES"]),
            max_redirects=int(config["HUB_FETCH_MAX_REDIRECTS"]),
            allowed_networks=parse_networks(config.get("HUB_HARVEST_ALLOWED_NETWORKS")),
        )


class FetchError(Exception):
    """A fetch that did not produce a response; ``kind`` is one of ``ERROR_KINDS``."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(f"{kind}: {detail}")
        self.kind = kind
        self.detail = detail


@dataclass(frozen=True)
class FetchResponse:
    url: str  # after redirects
    status: int
    headers: dict[str, str]  # lower-case names
    body: bytes
    redirects: int
    truncated: bool


@dataclass(frozen=True)
class _Target:
    scheme: str
    host: str  # ASCII (IDNA) form
    port: int
    path: str  # the request target: path and query, %-encoded


def _target(url: str) -> _Target:
    if len(url) > MAX_URL_CHARS:
        raise FetchError("bad_url", f"the URL is longer than {MAX_URL_CHARS} characters")
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise FetchError("bad_url", str(exc)) from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError("scheme", f"only http and https are fetched, not '{scheme or '?'}'")
    host = parts.hostname
    if not host:
        raise FetchError("bad_url", "the URL names no host")
    try:
        ascii_host = host if host.isascii() else host.encode("idna").decode("ascii")
    except UnicodeError:
        raise FetchError("bad_url", "the host name is not a valid internationalised name") from None
    path = quote(parts.path or "/", safe=_SAFE)
    if parts.query:
        path += "?" + quote(parts.query, safe=_SAFE)
    return _Target(scheme, ascii_host, port or (443 if scheme == "https" else 80), path)


def resolve(host: str, port: int) -> list[str]:
    """The addresses of ``host``, each once, in the resolver's order (one lookup)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _addresses(target: _Target, policy: FetchPolicy) -> list[IPAddress]:
    """The host's addresses this policy allows; refuses when none is allowed."""
    try:
        found = [ipaddress.ip_address(target.host)]
    except ValueError:
        try:
            found = [ipaddress.ip_address(a) for a in resolve(target.host, target.port)]
        except (OSError, UnicodeError, ValueError) as exc:
            raise FetchError("dns", f"cannot resolve '{target.host}': {exc}") from None
    allowed = [a for a in found if is_allowed(a, policy.allowed_networks)]
    if not allowed:
        shown = ", ".join(str(a) for a in found[:3])
        raise FetchError("refused_address", f"'{target.host}' is {shown}: not a public address")
    return allowed


@functools.cache
def _tls_context() -> ssl.SSLContext:
    """One verifying context for every connection (loading the CA store takes a while;
    a context is safe to share between threads)."""
    return ssl.create_default_context()


class _PinnedHTTP(http.client.HTTPConnection):
    """Connects to a checked address while speaking to the original host."""

    def __init__(self, target: _Target, address: IPAddress, policy: FetchPolicy) -> None:
        super().__init__(target.host, target.port, timeout=policy.connect_timeout)
        self._address = str(address)
        self._read_timeout = policy.read_timeout

    def _open(self) -> socket.socket:
        sock = socket.create_connection((self._address, self.port), self.timeout)
        sock.settimeout(self._read_timeout)
        return sock

    def connect(self) -> None:
        self.sock = self._open()


class _PinnedHTTPS(_PinnedHTTP):
    default_port = 443

    def __init__(self, target: _Target, address: IPAddress, policy: FetchPolicy) -> None:
        super().__init__(target, address, policy)
        self._context = _tls_context()

    def connect(self) -> None:
        # SNI and certificate checks use the name from the URL, not the address.
        self.sock = self._context.wrap_socket(self._open(), server_hostname=self.host)


def _classify(exc: BaseException) -> FetchError:
    if isinstance(exc, FetchError):
        return exc
    if isinstance(exc, TimeoutError | socket.timeout):
        return FetchError("timeout", "no answer in time")
    if isinstance(exc, ssl.SSLError | ssl.CertificateError):
        return FetchError("tls", str(exc) or type(exc).__name__)
    if isinstance(exc, http.client.HTTPException):
        return FetchError("protocol", str(exc) or type(exc).__name__)
    if isinstance(exc, OSError):
        return FetchError("connection", str(exc) or type(exc).__name__)
    return FetchError("bad_url", str(exc) or type(exc).__name__)


def _connect(target: _Target, policy: FetchPolicy) -> _PinnedHTTP:
    kind = _PinnedHTTPS if target.scheme == "https" else _PinnedHTTP
    error: FetchError | None = None
    for address in _addresses(target, policy)[:3]:
        conn = kind(target, address, policy)
        try:
            conn.connect()
            return conn
        except (OSError, ValueError) as exc:
            conn.close()
            error = _classify(exc)
            if error.kind == "tls":
                break
    raise error or FetchError("connection", "no address to connect to")


def _read(resp: http.client.HTTPResponse, limit: int, truncate: bool, deadline: float) -> bytes:
    length = resp.getheader("content-length")
    if not truncate and length and length.isdigit() and int(length) > limit:
        raise FetchError("too_large", f"the body is {length} bytes, over {limit}")
    chunks: list[bytes] = []
    size = 0
    while size <= limit:
        if time.monotonic() > deadline:
            raise FetchError("timeout", "the body took too long")
        chunk = resp.read(min(_CHUNK, limit - size + 1))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    body = b"".join(chunks)
    if length and length.isdigit() and len(body) < int(length) and len(body) < limit:
        # http.client hands back a short body when the connection closes early
        raise FetchError("protocol", f"truncated at {len(body)} of {length} bytes")
    if len(body) > limit:
        if not truncate:
            raise FetchError("too_large", f"the body is over {limit} bytes")
        body = body[:limit]
    return body


def _hop(
    target: _Target,
    method: str,
    policy: FetchPolicy,
    limit: int,
    truncate: bool,
    headers: Mapping[str, str],
) -> tuple[int, dict[str, str], bytes, bool]:
    deadline = time.monotonic() + policy.connect_timeout + 2 * policy.read_timeout
    conn = _connect(target, policy)
    try:
        conn.putrequest(method, target.path, skip_accept_encoding=True)
        sent = {"User-Agent": policy.user_agent, "Accept": "*/*", **headers}
        for name, value in sent.items():
            if name.lower() not in _FIXED_HEADERS:
                conn.putheader(name, value)
        conn.putheader("Accept-Encoding", "identity")
        conn.endheaders()
        resp = conn.getresponse()
        headers = {k.lower(): v for k, v in resp.getheaders()}
        body, cut = b"", False
        if method != "HEAD" and resp.status not in REDIRECTS:
            body = _read(resp, limit, truncate, deadline)
            cut = truncate and len(body) >= limit
        return resp.status, headers, body, cut
    except (OSError, ValueError, http.client.HTTPException) as exc:
        raise _classify(exc) from None
    finally:
        conn.close()


def fetch(
    url: str,
    policy: FetchPolicy,
    *,
    method: str = "GET",
    max_bytes: int | None = None,
    truncate: bool = False,
    headers: Mapping[str, str] | None = None,
) -> FetchResponse:
    """Fetch ``url`` under ``policy``; raises ``FetchError`` when no response is had.

    ``max_bytes`` lowers the policy's body limit; with ``truncate`` a longer body is cut
    there instead of refused (a probe that needs the first bytes only). ``headers`` add
    to or replace the default ``User-Agent`` and ``Accept``; the connection's own
    headers (``Host``, ``Accept-Encoding``, lengths) stay the fetch's.
    """
    limit = min(max_bytes or policy.max_bytes, policy.max_bytes)
    current = url
    for redirects in range(policy.max_redirects + 1):
        target = _target(current)
        status, got, body, cut = _hop(target, method, policy, limit, truncate, headers or {})
        location = got.get("location")
        if status in REDIRECTS and location:
            current = urljoin(current, location.strip())
            if status == 303 and method not in ("GET", "HEAD"):
                method = "GET"
            continue
        return FetchResponse(current, status, got, body, redirects, cut)
    raise FetchError("too_many_redirects", f"more than {policy.max_redirects} redirects")
