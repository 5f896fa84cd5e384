"""The public change feed and catalog statistics."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Response, current_app, request

from hub.api.auth import current_principal
from hub.api.listing import parse_limit
from hub.api.v1 import bp, schemas
from hub.api.v1.common import query_args, respond
from hub.api.v1.render import change_out
from hub.api.v1.spec import doc
from hub.datasets.changelog import visible_changes_since
from hub.datasets.stats import catalog_stats
from hub.db import get_session
from hub.errors import BadRequest, FieldError


@bp.get("/changes")
@doc(
    tag="feeds",
    response=schemas.ChangePage,
    query=(
        ("since", "integer", "Sequence number already seen (0 for the start)."),
        ("limit", "integer", "Page size, 1-1000 (default 20)."),
    ),
)
def changes() -> Response:
    """The change feed: creates, updates, state changes and deletions in order.
    Follow ``next`` until ``data`` is empty, store the last ``seq``, poll again later."""
    args = query_args({"since"})
    raw = args.get("since", "0")
    if not raw.isdigit() or len(raw) > 18:
        raise BadRequest("Bad parameter 'since'.", errors=[FieldError("since", "an integer >= 0")])
    entries = visible_changes_since(get_session(), current_principal(), int(raw), parse_limit(args))
    last = entries[-1].seq if entries else int(raw)
    query = urlencode({**{k: v for k, v in args.items() if k != "since"}, "since": last})
    next_url = f"{current_app.config['HUB_BASE_URL']}{request.path}?{query}"
    body = {"data": [change_out(e) for e in entries], "next": next_url, "last_seq": last}
    return respond(body, headers={"Link": f'<{next_url}>; rel="next"'})


@bp.get("/stats")
@doc(tag="feeds", response=schemas.StatsOut)
def stats() -> Response:
    """Counts of published open datasets and distributions.
    By organization (with its last update), content type and theme: what monitoring reads."""
    query_args(set())
    return respond(catalog_stats(get_session()))
