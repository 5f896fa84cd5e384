"""Search over datasets, legal documents, news and other records; title suggestions."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from flask import Response, current_app, request
from marshmallow import Schema, fields

from hub.api.v1 import bp
from hub.api.v1.common import query_args, respond
from hub.api.v1.spec import doc
from hub.db import get_session
from hub.search import service
from hub.search.base import FACETS, SearchResult


class _FacetValue(Schema):
    value = fields.String(required=True)
    count = fields.Integer(required=True)


class _Facet(Schema):
    values = fields.List(fields.Nested(_FacetValue), required=True)
    timed_out = fields.Boolean(required=True)


class SearchHitOut(Schema):
    id = fields.String(required=True)
    type = fields.String(required=True)
    title = fields.String(required=True)
    title_html = fields.String(required=True, metadata={"description": "HTML-safe, <mark>ed"})
    url = fields.String(required=True)
    snippet = fields.String(required=True, metadata={"description": "HTML-safe, <mark>ed"})
    organization = fields.String(allow_none=True)
    modified = fields.String(required=True)
    score = fields.Float(required=True)


class SearchOut(Schema):
    query = fields.String(required=True)
    total = fields.Integer(required=True)
    data = fields.List(fields.Nested(SearchHitOut), required=True)
    facets = fields.Dict(keys=fields.String(), values=fields.Nested(_Facet), required=True)
    next = fields.String(allow_none=True, required=True)


class SuggestionOut(Schema):
    text = fields.String(required=True)
    id = fields.String(required=True)
    type = fields.String(required=True)
    url = fields.String(required=True)


class SuggestOut(Schema):
    data = fields.List(fields.Nested(SuggestionOut), required=True)


def _absolute(url: str) -> str:
    return f"{current_app.config['HUB_BASE_URL']}{url}" if url.startswith("/") else url


def _args() -> dict[str, Any]:
    args: dict[str, Any] = {k: v for k, v in request.args.items()}
    for name in FACETS:  # a facet may be given several times: OR within it
        values = request.args.getlist(name)
        if values:
            args[name] = [v for raw in values for v in raw.split(",") if v]
    return args


def result_out(text: str, result: SearchResult, limit: int, offset: int) -> dict[str, Any]:
    next_url = None
    if offset + limit < result.total and offset + limit <= service.MAX_OFFSET:
        params = [(k, v) for k, v in request.args.items(multi=True) if k != "offset"]
        params.append(("offset", str(offset + limit)))
        next_url = f"{current_app.config['HUB_BASE_URL']}{request.path}?{urlencode(params)}"
    return {
        "query": text,
        "total": result.total,
        "data": [
            {
                "id": hit.id,
                "type": hit.type,
                "title": hit.title,
                "title_html": hit.title_html,
                "url": _absolute(hit.url),
                "snippet": hit.snippet,
                "organization": hit.organization,
                "modified": hit.modified.isoformat(),
                "score": round(hit.score, 6),
            }
            for hit in result.hits
        ],
        "facets": {
            name: {
                "values": [{"value": v, "count": n} for v, n in counts.values],
                "timed_out": counts.timed_out,
            }
            for name, counts in result.facets.items()
        },
        "next": next_url,
    }


@bp.get("/search")
@doc(
    tag="search",
    response=SearchOut,
    query=(
        (
            "q",
            "string",
            'Words in any writing (ngân sách, ngan sach, NGÂN SÁCH); "quoted '
            'phrases"; a document number (47/2020/NĐ-CP) finds that document first. Empty: '
            "everything, newest first.",
        ),
        (
            "type",
            "string",
            "dataset, legal_document, article, project, public_service, "
            "draft_for_comment, qa; repeat or comma-separate for several.",
        ),
        ("organization", "string", "Organization slug(s)."),
        ("content_type", "string", "portal_content, legal_document, statistics, budget, ..."),
        ("theme", "string", "EU data theme code(s), e.g. ECON."),
        ("format", "string", "Distribution format(s), e.g. CSV."),
        ("licence", "string", "Licence id(s)."),
        ("year", "string", "Year(s)."),
        ("status", "string", "Validity of legal documents: in_force, expired, ..."),
        ("facets", "string", "Comma-separated facets to count: " + ", ".join(FACETS) + "."),
        ("sort", "string", "relevance (default) or newest."),
        ("limit", "integer", "Hits per page, 1-100 (default 20)."),
        ("offset", "integer", "Hits to skip, 0-10000."),
    ),
    errors=(400,),
)
def search() -> Response:
    """Search everything published, with facets and marked snippets.
    Filters combine with AND across facets and OR within one; each facet counts within a
    time budget and reports timed_out rather than failing."""
    args = _args()
    query_args({"q", "facets", "sort", "offset", *FACETS})
    query = service.build_query(args, current_app.config["HUB_SEARCH_FACET_TIME_LIMIT_MS"])
    result = service.search(get_session(), query)
    return respond(result_out(query.text, result, query.limit, query.offset))


@bp.get("/search/suggest")
@doc(
    tag="search",
    response=SuggestOut,
    query=(
        ("q", "string", "The beginning of a title (ngân s) or of a document number (47/20)."),
        ("limit", "integer", "At most this many, 1-20 (default 10)."),
    ),
    errors=(400,),
)
def suggest() -> Response:
    """Suggestions while typing: titles and document numbers starting with what is typed."""
    args = query_args({"q"})
    limit = service.int_arg(args, "limit", 10, 1, 20)
    found = service.suggest(get_session(), args.get("q") or "", limit)
    data = [{"text": s.text, "id": s.id, "type": s.type, "url": _absolute(s.url)} for s in found]
    return respond({"data": data})
