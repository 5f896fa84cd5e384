"""Request parsing and response building shared by the v1 endpoints."""

from __future__ import annotations

import gzip
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
    return encode(body)[1]


def _dump(body: Any) -> str:
    return json.dumps(body, ensure_ascii=False, sort_keys=False)


GZIP_MIN_BYTES = 1024


def encode(body: Any) -> tuple[bytes, str]:
    """JSON bytes of a body and their entity tag (cacheable together)."""
    data = _dump(body).encode()
    return data, hashlib.sha256(data).hexdigest()[:32]


def splice_items(envelope: bytes, items: list[bytes]) -> bytes:
    """Put pre-encoded items into an encoded ``{"data": [], ...}`` envelope."""
    head, marker, tail = envelope.partition(b'"data": []')
    if not marker:
        raise ValueError("the envelope has no empty data list")
    return head + b'"data": [' + b", ".join(items) + b"]" + tail


def respond(
    body: Any,
    status: int = 200,
    *,
    last_modified: datetime | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    """A JSON response; reads carry ETag and Last-Modified and answer 304 when unchanged.
    Bodies over 1 KiB are gzipped for clients that accept it (the ETag gets ``-gz``)."""
    data, tag = encode(body)
    return respond_encoded(data, tag, status, last_modified=last_modified, headers=headers)


def respond_encoded(
    data: bytes,
    tag: str,
    status: int = 200,
    *,
    last_modified: datetime | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    response = Response(status=status, mimetype="application/json")
    for key, value in (headers or {}).items():
        response.headers[key] = value
    response.vary.add("Accept-Encoding")
    gzipped = len(data) >= GZIP_MIN_BYTES and "gzip" in request.accept_encodings
    if request.method in {"GET", "HEAD"} and status == 200:
        response.set_etag(f"{tag}-gz" if gzipped else tag)
        if last_modified is not None:
            response.last_modified = last_modified
        if _not_modified(tag, last_modified):
            response.status_code = 304
            return response
    if gzipped:
        data = gzip.compress(data, compresslevel=5)
        response.headers["Content-Encoding"] = "gzip"
    response.set_data(data)
    return response


def _not_modified(tag: str, last_modified: datetime | None) -> bool:
    if request.if_none_match:
        return tag in request.if_none_match or f"{tag}-gz" in request.if_none_match
    since = request.if_modified_since
    return bool(since and last_modified and last_modified.replace(microsecond=0) <= since)


def require_match(current: Callable[[], Any]) -> None:
    """Honour ``If-Match``: 412 when the client's ETag is not the current representation's."""
    if not request.if_match:
        return
    if request.if_match.star_tag:
        return
    tag = etag_of(current())
    if not (request.if_match.contains(tag) or request.if_match.contains(f"{tag}-gz")):
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
