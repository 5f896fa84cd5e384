"""Request parsing and response building shared by the v1 endpoints."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime
from typing import Any

from flask import Response, json, request

from hub.errors import (
    BadRequest,
    FieldError,
    PayloadTooLarge,
    PreconditionFailed,
    UnsupportedMediaType,
)

MAX_JSON_BYTES = 1024 * 1024


def json_body() -> dict[str, Any]:
    """The request's JSON object; 415 for another media type, 400 for malformed JSON."""
    if request.mimetype != "application/json":
        raise UnsupportedMediaType("Send the body as application/json.")
    if (request.content_length or 0) > MAX_JSON_BYTES:
        raise PayloadTooLarge(f"JSON bodies are limited to {MAX_JSON_BYTES} bytes.")
    raw = request.get_data(cache=True)
    if len(raw) > MAX_JSON_BYTES:
        raise PayloadTooLarge(f"JSON bodies are limited to {MAX_JSON_BYTES} bytes.")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadRequest(f"The body is not valid UTF-8 JSON: {exc}".split("\n")[0]) from None
    if not isinstance(data, dict):
        raise BadRequest(
            "The body must be a JSON object.", errors=[FieldError("", "not an object")]
        )
    return data


def etag_of(body: Any) -> str:
    return hashlib.sha256(_dump(body).encode()).hexdigest()[:32]


def _dump(body: Any) -> str:
    return json.dumps(body, ensure_ascii=False, sort_keys=False)


def respond(
    body: Any,
    status: int = 200,
    *,
    last_modified: datetime | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    """A JSON response; reads carry ETag and Last-Modified and answer 304 when unchanged."""
    data = _dump(body)
    response = Response(data, status=status, mimetype="application/json")
    for key, value in (headers or {}).items():
        response.headers[key] = value
    if request.method in {"GET", "HEAD"} and status == 200:
        response.set_etag(hashlib.sha256(data.encode()).hexdigest()[:32])
        if last_modified is not None:
            response.last_modified = last_modified
        response.make_conditional(request)
    return response


def require_match(current: Callable[[], Any]) -> None:
    """Honour ``If-Match``: 412 when the client's ETag is not the current representation's."""
    if not request.if_match:
        return
    if request.if_match.star_tag:
        return
    if not request.if_match.contains(etag_of(current())):
        raise PreconditionFailed("The resource changed since you read it (If-Match failed).")


def query_args(allowed: set[str]) -> dict[str, str]:
    """Query parameters, refusing names the endpoint does not know (typos fail loudly)."""
    unknown = sorted(set(request.args) - allowed - {"limit", "cursor", "count"})
    if unknown:
        raise BadRequest(
            f"Unknown query parameter(s): {', '.join(unknown)}.",
            errors=[FieldError(name, "unknown parameter") for name in unknown],
        )
    return {k: v for k, v in request.args.items()}
