"""News feeds of the province and of each organization (RSS 2.0 and Atom 1.0)."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, request

from hub.content.feeds import ATOM_MEDIA_TYPE, RSS_MEDIA_TYPE, atom, rss
from hub.content.news import news_feed
from hub.datasets.organizations import get_organization
from hub.db import get_session
from hub.errors import NotFound

bp = Blueprint("content", __name__)
_FORMATS = {"rss": (rss, RSS_MEDIA_TYPE), "atom": (atom, ATOM_MEDIA_TYPE)}


def _feed(fmt: str, organization_ref: str | None = None) -> Response:
    if fmt not in _FORMATS:
        raise NotFound(f"No news feed in the format '{fmt[:20]}' (rss or atom).")
    base = current_app.config["HUB_BASE_URL"]
    session = get_session()
    organization = get_organization(session, organization_ref) if organization_ref else None
    feed, items = news_feed(session, base, f"{base}{request.path}", organization)
    write, media_type = _FORMATS[fmt]
    response = Response(write(feed, items), content_type=media_type)
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Cache-Control"] = "public, max-age=300"
    if items:
        response.last_modified = max(item.published for item in items)
    return response


@bp.get("/feeds/news.<fmt>")
def province_news(fmt: str) -> Response:
    return _feed(fmt)


@bp.get("/organization/<slug>/news.<fmt>")
def organization_news(slug: str, fmt: str) -> Response:
    return _feed(fmt, slug)
