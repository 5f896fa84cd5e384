"""REST API v1 (``/api/v1``)."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify

from hub.api.v1.spec import build_spec, doc

bp = Blueprint("v1", __name__, url_prefix="/api/v1")


@bp.get("/openapi.json")
@doc(tag="meta")
def openapi() -> object:
    """The OpenAPI 3.1 document of this API.
    Generated from the routes and their schemas at request time, so it cannot drift."""
    return jsonify(build_spec(current_app))


from hub.api.v1 import datasets, distributions, feeds, organizations, tokens  # noqa: E402, F401
