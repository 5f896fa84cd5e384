"""OpenAPI 3.1 document, built from the routes themselves and the marshmallow schemas.

Each view is decorated with ``@doc(...)``; its docstring gives the summary (first
line) and description (the rest). A route without ``@doc`` or without a docstring
is a documentation bug, and ``tests/api/test_openapi.py`` fails on it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import Flask
from marshmallow import Schema

from hub import __version__

_PATH_PARAM = re.compile(r"<(?:[a-z]+:)?([a-z_]+)>")


@dataclass(frozen=True)
class Operation:
    tag: str
    response: type[Schema] | None = None
    many: bool = False
    body: type[Schema] | None = None
    query: tuple[tuple[str, str, str], ...] = ()  # (name, type, description)
    status: int = 200
    auth: bool = False
    errors: tuple[int, ...] = field(default_factory=tuple)


# The paging parameters every list endpoint takes (hub.api.listing).
PAGING: tuple[tuple[str, str, str], ...] = (
    ("limit", "integer", "Page size, 1-1000 (default 20)."),
    ("cursor", "string", "Opaque cursor from the previous page's next link."),
    ("count", "boolean", "Also return the total count."),
)

_QUERY_SCHEMAS: dict[str, dict[str, Any]] = {
    "limit": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 20},
    "since": {"type": "integer", "minimum": 0, "maximum": 10**17},
    "count": {"type": "boolean"},
    "include_merged": {"type": "boolean"},
}


def doc(**kwargs: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    operation = Operation(**kwargs)

    def attach(view: Callable[..., Any]) -> Callable[..., Any]:
        view.openapi = operation  # type: ignore[attr-defined]
        return view

    return attach


def _problem_response(status: int) -> dict[str, Any]:
    return {
        "description": {
            400: "Bad parameter",
            401: "No or bad token",
            403: "Not allowed",
            404: "Not found",
            409: "Conflict",
            412: "Precondition failed",
            413: "Too large",
            415: "Unsupported media type",
            422: "Validation failed",
        }.get(status, "Error"),
        "content": {
            "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
        },
    }


def build_spec(app: Flask) -> dict[str, Any]:
    from hub.api.v1 import schemas

    spec = APISpec(
        title="Provincial open data hub API",
        version=__version__,
        openapi_version="3.1.0",
        plugins=[MarshmallowPlugin()],
        info={"description": "REST API v1 of the provincial open data hub."},
        servers=[{"url": app.config["HUB_BASE_URL"]}],
    )
    spec.components.security_scheme("bearer", {"type": "http", "scheme": "bearer"})
    spec.components.schema("Problem", schema=schemas.ProblemOut)
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if not rule.rule.startswith("/api/v1/"):
            continue
        view = app.view_functions[rule.endpoint]
        operation: Operation | None = getattr(view, "openapi", None)
        path = _PATH_PARAM.sub(r"{\1}", rule.rule)
        operations = {}
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            operations[method.lower()] = _operation(view, operation, rule.arguments)
        spec.path(path=path, operations=operations)
    return spec.to_dict()


def _operation(view: Callable[..., Any], op: Operation | None, path_args: set[str]) -> dict:
    lines = (view.__doc__ or "").strip().splitlines()
    summary = lines[0].strip() if lines else ""
    description = " ".join(line.strip() for line in lines[1:]).strip()
    out: dict[str, Any] = {
        "operationId": view.__name__,
        "summary": summary,
        "description": description or summary,
        "tags": [op.tag] if op else [],
        "parameters": [
            {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
            for name in sorted(path_args)
        ],
        "responses": {},
    }
    if op is None:
        return out
    for name, kind, text in op.query:
        out["parameters"].append(
            {
                "name": name,
                "in": "query",
                "description": text,
                "schema": _QUERY_SCHEMAS.get(name, {"type": kind}),
            }
        )
    if op.body is not None:
        out["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": op.body}},
        }
    ok: dict[str, Any] = {"description": summary or "OK"}
    if op.response is not None:
        schema: Any = op.response
        ok["content"] = {"application/json": {"schema": schema}}
    out["responses"][str(op.status)] = ok
    for status in sorted({400, *op.errors} | ({401, 403} if op.auth else set())):
        out["responses"][str(status)] = _problem_response(status)
    if op.auth:
        out["security"] = [{"bearer": []}]
    return out
