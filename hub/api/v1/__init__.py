"""REST API v1 (``/api/v1``)."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, current_app, jsonify, send_from_directory

from hub.api.v1.spec import build_spec, doc

bp = Blueprint("v1", __name__, url_prefix="/api/v1")
STATIC = Path(__file__).resolve().parents[1] / "static"


@bp.get("/openapi.json")
@doc(tag="meta")
def openapi() -> object:
    """The OpenAPI 3.1 document of this API.
    Generated from the routes and their schemas at request time, so it cannot drift."""
    return jsonify(build_spec(current_app))


@bp.get("/docs")
@doc(tag="meta")
def docs_page() -> Response:
    """Interactive API documentation (HTML).
    Served with local assets only, so it works in closed networks."""
    return send_from_directory(STATIC, "docs.html")


@bp.get("/docs.js")
@doc(tag="meta")
def docs_script() -> Response:
    """The script of the documentation page.
    It renders openapi.json and sends the requests you try; kept local (no CDN)."""
    return send_from_directory(STATIC, "docs.js")


@bp.get("/docs.css")
@doc(tag="meta")
def docs_style() -> Response:
    """The style sheet of the documentation page.
    Kept local (no CDN)."""
    return send_from_directory(STATIC, "docs.css")


from hub.api.v1 import (  # noqa: E402, F401
    content,
    datasets,
    distributions,
    feeds,
    harvest,
    legal,
    organizations,
    quality,
    records,
    search,
    tokens,
)
