"""Other metadata descriptors over HTTP: DCAT-US ``/data.json`` and schema.org ``Dataset``."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("descriptors", __name__)
