"""Request parsing and response building shared by the v1 endpoints."""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Callable
from datetime import datetime
from typing import Any

from flask import Response, json, request
from werkzeug.http import http_date

from hub.errors import (
    BadRequest,
    FieldError,
    PayloadTooLarge,
    PreconditionFailed,
    UnsupportedMediaType,
)
from hub.text import clean_ref

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
    return encode(body).tag


def _dump(body: Any) -> str:
    return json.dumps(body, ensure_ascii=False, sort_keys=False)


GZIP_MIN_BYTES = 1024


class Rendered:
    """An encoded JSON body and its entity tag; the gzipped form is made once, when asked."""

    __slots__ = ("data", "tag", "_gzipped")

    def __init__(self, data: bytes, tag: str | None = None) -> None:
        self.data = data
        self.tag = tag or hashlib.sha256(data).hexdigest()[:32]
        self._gzipped: bytes | None = None

    def gzipped(self) -> bytes:
        if self._gzipped is None:
            self._gzipped = gzip.compress(self.data, compresslevel=5)
        return self._gzipped


def encode(body: Any) -> Rendered:
    """JSON bytes of a body with their entity tag (cacheable together)."""
    return Rendered(_dump(body).encode())


def splice_items(envelope: Rendered, items: list[Rendered]) -> Rendered:
    """Put pre-encoded items into an encoded ``{"data": [], ...}`` envelope."""
    head, marker, tail = envelope.data.partition(b'"data": []')
    if not marker:
        raise ValueError("the envelope has no empty data list")
    return Rendered(head + b'"data": [' + b", ".join(i.data for i in items) + b"]" + tail)


def respond(
    body: Any,
    status: int = 200,
    *,
    last_modified: datetime | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    """A JSON response; reads carry ETag and Last-Modified and answer 304 when unchanged.
    Bodies over 1 KiB are gzipped for clients that accept it (the ETag gets ``-gz``)."""
    return respond_encoded(encode(body), status, last_modified=last_modified, headers=headers)


def respond_encoded(
    body: Rendered,
    status: int = 200,
    *,
    last_modified: datetime | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    # Headers are built as one list: this runs on every read, cached or not.
    environ = request.environ
    out = [("Vary", "Accept-Encoding")]
    if headers:
        out.extend(headers.items())
    gzipped = len(body.data) >= GZIP_MIN_BYTES and _accepts_gzip(environ)
    if status == 200 and environ["REQUEST_METHOD"] in {"GET", "HEAD"}:
        out.append(("ETag", f'"{body.tag}-gz"' if gzipped else f'"{body.tag}"'))
        if last_modified is not None:
            out.append(("Last-Modified", http_date(last_modified)))
        if _not_modified(environ, body.tag, last_modified):
            return Response(status=304, headers=out, mimetype="application/json")
    if gzipped:
        out.append(("Content-Encoding", "gzip"))
        return Response(body.gzipped(), status, out, mimetype="application/json")
    return Response(body.data, status, out, mimetype="application/json")


def _accepts_gzip(environ: dict[str, Any]) -> bool:
    header = environ.get("HTTP_ACCEPT_ENCODING")
    # "gzip;q=0" names gzip to refuse it, so the quality decides, not the mention.
    return bool(header) and "gzip" in header and request.accept_encodings["gzip"] > 0


def _not_modified(environ: dict[str, Any], tag: str, last_modified: datetime | None) -> bool:
    if environ.get("HTTP_IF_NONE_MATCH"):
        wanted = request.if_none_match
        return tag in wanted or f"{tag}-gz" in wanted
    if last_modified is None or not environ.get("HTTP_IF_MODIFIED_SINCE"):
        return False
    since = request.if_modified_since
    return bool(since and last_modified.replace(microsecond=0) <= since)


def require_match(current: Callable[[], Any]) -> None:
    """Honour ``If-Match``: 412 when the client's ETag is not the current representation's."""
    if not request.if_match:
        return
    if request.if_match.star_tag:
        return
    tag = etag_of(current())
    if not (request.if_match.contains(tag) or request.if_match.contains(f"{tag}-gz")):
        raise PreconditionFailed("The resource changed since you read it (If-Match failed).")


def text_arg(args: dict[str, str], name: str, max_length: int = 300) -> str | None:
    """A free-text filter value, or None when absent; control characters are a 400."""
    raw = args.get(name)
    if not raw:
        return None
    value = clean_ref(raw, max_length)
    if value is None:
        message = f"text of at most {max_length} characters, without control characters"
        raise BadRequest(f"Bad parameter '{name}': {message}.", errors=[FieldError(name, message)])
    return value


def query_args(allowed: set[str]) -> dict[str, str]:
    """Query parameters, refusing names the endpoint does not know (typos fail loudly)."""
    unknown = sorted(set(request.args) - allowed - {"limit", "cursor", "count"})
    if unknown:
        raise BadRequest(
            f"Unknown query parameter(s): {', '.join(unknown)}.",
            errors=[FieldError(name, "unknown parameter") for name in unknown],
        )
    return {k: v for k, v in request.args.items()}
