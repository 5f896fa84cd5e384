"""Cross-cutting API policy: rate limits, CORS, and the request log for operators."""

from __future__ import annotations

import logging
import time

from flask import Flask, Response, current_app, request

from hub.api.auth import current_principal
from hub.api.ratelimit import RateLimiter
from hub.errors import TooManyRequests

log = logging.getLogger("hub.api.requests")
READ_METHODS = {"GET", "HEAD", "OPTIONS"}
ALLOWED_HEADERS = "Authorization, Content-Type, If-Match, If-None-Match, X-CKAN-API-Key"


def register(app: Flask) -> None:
    app.extensions["hub.rate_limit"] = RateLimiter(app.config["HUB_RATE_LIMIT"])
    app.extensions["hub.auth_failures"] = RateLimiter(app.config["HUB_AUTH_FAILURE_LIMIT"])
    origins = {o.strip() for o in app.config["HUB_CORS_WRITE_ORIGINS"].split(",") if o.strip()}
    app.before_request(_start)
    app.after_request(lambda response: _cors(response, origins))
    app.after_request(_log)


# These hooks run on every request, so they read the WSGI environ directly rather than
# through the request proxy's parsed properties.


def _start() -> None:
    environ = request.environ
    environ["hub.started"] = time.perf_counter()
    if not request.path.startswith("/api/") or environ["REQUEST_METHOD"] == "OPTIONS":
        return
    principal = current_principal()
    if principal.is_admin:
        return
    key = f"token:{principal.token_id}" if principal.token_id else f"addr:{request.remote_addr}"
    wait = current_app.extensions["hub.rate_limit"].hit(key)
    if wait is not None:
        raise TooManyRequests("Rate limit reached; retry later.", retry_after=wait)


_READ_GRANT = (
    ("Access-Control-Allow-Origin", "*"),
    ("Access-Control-Expose-Headers", "ETag, Last-Modified, Link, Location"),
)


def _cors(response: Response, write_origins: set[str]) -> Response:
    if not request.path.startswith("/api/"):
        return response
    environ = request.environ
    method = environ["REQUEST_METHOD"]
    wants = environ.get("HTTP_ACCESS_CONTROL_REQUEST_METHOD", method)
    origin = environ.get("HTTP_ORIGIN")
    if wants in READ_METHODS:
        if method != "OPTIONS":
            response.headers.extend(_READ_GRANT)
            return response
        response.headers["Access-Control-Allow-Origin"] = "*"
        methods = "GET, HEAD, OPTIONS"
    elif origin and origin in write_origins:
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers.add("Vary", "Origin")
        methods = "GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE"
    else:
        return response  # writes from other sites get no CORS grant
    if method == "OPTIONS":
        response.headers["Access-Control-Allow-Methods"] = methods
        response.headers["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
        response.headers["Access-Control-Max-Age"] = "600"
    response.headers["Access-Control-Expose-Headers"] = "ETag, Last-Modified, Link, Location"
    return response


def _log(response: Response) -> Response:
    if not log.isEnabledFor(logging.INFO):
        return response
    environ = request.environ
    started = environ.get("hub.started")
    took = (time.perf_counter() - started) * 1000 if started else 0.0
    principal = environ.get("hub.principal")
    token = principal.token_id if principal is not None and principal.token_id else "-"
    log.info(
        "%s %s %s %.1fms token=%s",
        environ["REQUEST_METHOD"],
        request.path,
        response.status_code,
        took,
        token,
    )
    return response
