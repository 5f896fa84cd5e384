"""One error shape for every API response: RFC 9457 ``application/problem+json``.

Domain errors (``HubError``) map to their status; HTTP errors raised by Flask or
Werkzeug (404 route, 405, 413) take the same shape; anything unexpected becomes a
500 problem without internals. Paths outside the API keep Flask's defaults.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, Response, json, request
from werkzeug.exceptions import HTTPException

from hub.errors import FieldError, HubError, PermissionDenied, Unauthenticated

log = logging.getLogger(__name__)


def problem(
    status: int,
    title: str,
    detail: str,
    *,
    code: str | None = None,
    errors: list[FieldError] | None = None,
    headers: dict[str, str] | None = None,
    extra: dict[str, Any] | None = None,
) -> Response:
    from flask import current_app

    base = current_app.config["HUB_BASE_URL"]
    body: dict[str, Any] = {
        "type": f"{base}/api/v1/problems/{code}" if code else "about:blank",
        "title": title,
        "status": status,
        "detail": detail,
    }
    if errors:
        body["errors"] = [{"field": e.field, "message": e.message} for e in errors]
    body.update(extra or {})  # RFC 9457 extension members (e.g. an import's report)
    response = Response(
        json.dumps(body, ensure_ascii=False), status=status, mimetype="application/problem+json"
    )
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response


def _is_api() -> bool:
    return request.path.startswith("/api/")


def register(app: Flask) -> None:
    @app.errorhandler(HubError)
    def _hub_error(exc: HubError) -> Response:
        retry = getattr(exc, "retry_after", None)
        headers = {"Retry-After": str(retry)} if retry is not None else None
        principal = request.environ.get("hub.principal")
        if isinstance(exc, PermissionDenied) and (
            principal is None or not principal.is_authenticated
        ):
            # Refused for want of credentials, not for the ones given: 401 tells the client
            # to send a token (RFC 9110).
            exc = Unauthenticated(f"{exc.detail} Send an API token (Authorization: Bearer).")
            headers = {"WWW-Authenticate": 'Bearer realm="hub"'}
        return problem(
            exc.status,
            exc.title,
            exc.detail,
            code=exc.code,
            errors=exc.errors,
            headers=headers,
            extra=getattr(exc, "extra", None),
        )

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException) -> Response | HTTPException:
        if not _is_api():
            return exc
        code = (exc.name or "error").lower().replace(" ", "-")
        response = problem(exc.code or 500, exc.name, exc.description or exc.name, code=code)
        if exc.code == 405 and exc.valid_methods:
            response.headers["Allow"] = ", ".join(exc.valid_methods)
        return response

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.path)
        return problem(500, "Internal error", "An unexpected error occurred.", code="internal")
