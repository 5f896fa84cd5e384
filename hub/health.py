"""Liveness and database check for load balancers and monitoring."""

from __future__ import annotations

import re

from flask import Blueprint, Response, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from hub.db import get_db

bp = Blueprint("health", __name__)
_CREDENTIALS = re.compile(r"://[^/@\s]+@")


def _reason(exc: Exception) -> str:
    """A one-line cause without credentials or driver noise."""
    original = getattr(exc, "orig", None) or exc
    first_line = str(original).strip().splitlines()[0] if str(original).strip() else ""
    return _CREDENTIALS.sub("://***@", f"{type(original).__name__}: {first_line}")[:300]


@bp.get("/healthz")
def healthz() -> tuple[Response, int]:
    try:
        with get_db().engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except (SQLAlchemyError, OSError) as exc:
        body = {"status": "error", "database": "error", "reason": _reason(exc)}
        return jsonify(body), 503
    return jsonify({"status": "ok", "database": "ok"}), 200
