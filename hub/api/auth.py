"""Who is calling: a bearer token (or CKAN's X-CKAN-API-Key), else anonymous."""

from __future__ import annotations

from flask import current_app, request

from hub.auth import service as tokens
from hub.auth.principal import Principal
from hub.db import get_session
from hub.errors import TooManyRequests, Unauthenticated


def presented_token() -> str | None:
    header = request.headers.get("Authorization", "")
    if header:
        scheme, _, value = header.partition(" ")
        return value.strip() if scheme.lower() == "bearer" else header.strip()
    return request.headers.get("X-CKAN-API-Key") or None


def current_principal() -> Principal:
    """Resolved once per request; a presented but invalid token is a 401, never anonymous."""
    # Cached on the request, not on g: an app context may outlive one request.
    cached = request.environ.get("hub.principal")
    if cached is None:
        secret = presented_token()
        cached = Principal.anonymous() if secret is None else _authenticate(secret)
        request.environ["hub.principal"] = cached
    return cached


def _authenticate(secret: str) -> Principal:
    """Check a token; an address that keeps presenting bad ones is slowed down (429)."""
    failures = current_app.extensions["hub.auth_failures"]
    address = request.remote_addr or "-"
    wait = failures.blocked(address)
    if wait is not None:
        raise TooManyRequests("Too many failed authentications; retry later.", retry_after=wait)
    try:
        return tokens.authenticate(get_session(), secret)
    except Unauthenticated:
        failures.hit(address)
        raise
