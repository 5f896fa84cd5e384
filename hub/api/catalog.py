"""DCAT catalog and dataset descriptors over HTTP (``/catalog``, ``/dataset/<name>.<format>``)."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("catalog", __name__)
