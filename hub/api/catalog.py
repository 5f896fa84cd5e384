"""DCAT catalog and dataset descriptors over HTTP (``/catalog``, ``/dataset/<name>.<format>``).

``/catalog.ttl|.rdf|.jsonld|.nt`` and ``/dataset/<name>.<format>`` choose the format by
extension (an unknown extension is a 404). ``/catalog`` and ``/dataset/<name>`` negotiate
it from ``Accept``: an RDF type is served (Turtle when the client accepts anything or sends
no ``Accept``); a client preferring HTML or JSON (a browser, a JSON client) is sent with a
303 to the REST JSON of the same thing; a client accepting none of these gets a 406 listing
the types offered. Every answer varies on ``Accept``.

Paging (``?page=``, from 1) and filters (``modified_since``, ``q``, ``organization``) are
the service's (``hub.metadata.catalog``): a malformed value is a 400, a page past the last
an empty page, an unknown organization a 404.
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, redirect, request

from hub.db import get_session
from hub.errors import NotFound
from hub.metadata import catalog as service

bp = Blueprint("catalog", __name__)

# Accept media type -> format, in the order offered when the client has no preference.
_NEGOTIATED = {media.split(";")[0]: fmt for fmt, (_, media) in service.FORMATS.items()}
_REST = ("text/html", "application/json")
_REDIRECT = "redirect"


def _negotiate() -> str | None:
    """The format to serve, ``_REDIRECT`` for the REST JSON, or None (406)."""
    if not request.accept_mimetypes:  # no Accept header: anything goes
        return "ttl"
    best = request.accept_mimetypes.best_match([*_NEGOTIATED, *_REST])
    if best is None:
        return None
    return _NEGOTIATED.get(best, _REDIRECT)


def _unacceptable() -> Response:
    offered = ", ".join(_NEGOTIATED)
    response = Response(
        f"Not acceptable: this resource is offered as {offered} (or text/html, "
        "application/json by redirection).\n",
        status=406,
        content_type="text/plain; charset=utf-8",
    )
    response.headers["Vary"] = "Accept"
    return response


def _rdf(body: bytes, fmt: str) -> Response:
    response = Response(body, content_type=service.FORMATS[fmt][1])
    response.headers["Vary"] = "Accept"
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


def _see_other(location: str) -> Response:
    response = redirect(location, code=303)
    response.headers["Vary"] = "Accept"
    return response


def _catalog(fmt: str) -> Response:
    base = current_app.config["HUB_BASE_URL"]
    session = get_session()
    query = service.parse_catalog_query(request.args)
    page = service.catalog_page(session, query)
    body = service.render(service.catalog_graph(session, page, base, fmt), fmt)
    return _rdf(body, fmt)


@bp.get("/catalog")
def catalog_negotiated() -> Response:
    fmt = _negotiate()
    if fmt is None:
        return _unacceptable()
    if fmt == _REDIRECT:
        return _see_other(f"{current_app.config['HUB_BASE_URL']}/api/v1/datasets")
    return _catalog(fmt)


@bp.get("/catalog.<fmt>")
def catalog_file(fmt: str) -> Response:
    if fmt not in service.FORMATS:
        raise NotFound(f"The catalog is offered as .{', .'.join(service.FORMATS)}.")
    return _catalog(fmt)


@bp.get("/dataset/<ref>")
def dataset_rdf(ref: str) -> Response:
    # One path segment only: /dataset/<name>/<file> stays with hub.api.data.
    stem, dot, ext = ref.rpartition(".")
    if dot:
        if ext not in service.FORMATS:
            raise NotFound(f"'.{ext[:20]}' is not a format of a dataset's description.")
        name, fmt = stem, ext
    else:
        name, fmt = ref, _negotiate()
        if fmt is None:
            return _unacceptable()
    base = current_app.config["HUB_BASE_URL"]
    session = get_session()
    dataset = service.public_dataset(session, name)
    if fmt == _REDIRECT:
        return _see_other(f"{base}/api/v1/datasets/{dataset.id}")
    response = _rdf(service.render(service.dataset_graph(session, dataset, base), fmt), fmt)
    response.last_modified = dataset.metadata_modified
    return response
