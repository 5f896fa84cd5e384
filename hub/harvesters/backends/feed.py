"""The ``feed`` harvest backend: an RSS 2.0 or Atom feed as one news dataset.

The feed is one remote item (its Atom id, else the feed URL); it maps to one
``portal_content`` dataset whose records are the feed's entries as ``article`` rows,
imported in ``upsert`` mode by the article key (``ID``: the entry's guid/id, else its
link), so articles that have dropped out of the feed are kept.

A body that declares a DOCTYPE or an ENTITY is refused before parsing (XXE). The body
is parsed by ``feedparser`` from bytes (never from a URL: every request goes through the
harvest's fetch policy); feedparser honours the declared encoding and the HTTP charset,
and every text is put in NFC. HTML bodies go through unchanged: the article schema's
``html`` type sanitises them on import; summaries become plain text.

``ctx.since`` is not used: the feed is fetched whole anyway, so the item always carries
its content and the framework's content hash decides whether anything changed.

Not done: feed pagination (RFC 5005 ``rel="next"`` archives; RSS has no standard one).
Only the entries of the feed document itself are read.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import feedparser
from marshmallow import Schema, fields, validate

from hub.datasets import vocab
from hub.harvesters.backends._feed_parse import entry_row, feed_kind, has_dtd
from hub.harvesters.backends._feed_records import checked_rows, fetched, json_records, text
from hub.harvesters.base import (
    Backend,
    GatherFailed,
    HarvestContext,
    ItemFailed,
    MappedDataset,
    RemoteItem,
)
from hub.harvesters.registry import register
from hub.records.html import plain_text
from hub.records.schema import schema_named

ACCEPT = "application/atom+xml, application/rss+xml, application/xml;q=0.9, */*;q=0.5"
_CATEGORIES = [c.code for c in schema_named("article").field("CATEGORY").codes]  # type: ignore[union-attr]


class FeedConfig(Schema):
    title_vi = fields.String(validate=validate.Length(min=1, max=500))
    title_en = fields.String(validate=validate.Length(min=1, max=500))
    description_vi = fields.String(validate=validate.Length(max=50000))
    description_en = fields.String(validate=validate.Length(max=50000))
    category = fields.String(load_default="news", validate=validate.OneOf(_CATEGORIES))
    themes = fields.List(
        fields.String(validate=validate.OneOf(sorted(vocab.THEMES))), load_default=lambda: ["GOVE"]
    )
    keywords = fields.List(fields.String(validate=validate.Length(min=1, max=100)))
    frequency = fields.String(validate=validate.OneOf(sorted(vocab.FREQUENCIES)))


def _moment(value: Any) -> datetime | None:
    return datetime(*value[:6], tzinfo=UTC) if value else None


def _language(parsed: Any) -> list[str] | None:
    code = str(parsed.feed.get("language") or "")[:2].lower()
    return [code] if len(code) == 2 and code.isalpha() else None


@register
class FeedBackend(Backend):
    name = "feed"
    title = ("Nguồn tin RSS/Atom", "RSS/Atom news feed")
    config_schema = FeedConfig

    def _parse(self, ctx: HarvestContext) -> tuple[Any, str]:
        response = fetched(ctx, ctx.url, ("nguồn tin", "feed"), ACCEPT)
        if has_dtd(response.body):
            raise GatherFailed(
                "Nguồn tin khai báo DOCTYPE/ENTITY nên bị từ chối / The feed declares a "
                f"DOCTYPE or ENTITY and is refused (XXE): {response.url}"
            )
        headers = {
            "content-type": response.headers.get("content-type", "application/xml"),
            "content-location": response.url,  # the base of relative links
        }
        parsed = feedparser.parse(response.body, response_headers=headers)
        if not parsed.get("version") and not parsed.entries:
            reason = parsed.get("bozo_exception") or "not RSS or Atom"
            raise GatherFailed(
                f"Không đọc được nguồn tin / The feed cannot be read: {response.url}: {reason}"
            )
        return parsed, response.url

    def gather(self, ctx: HarvestContext) -> Iterator[RemoteItem]:
        parsed, url = self._parse(ctx)
        feed = parsed.feed
        # dict.get: feedparser's own get warns when it maps "updated" to "published"
        dates = [dict.get(e, "updated_parsed") or e.get("published_parsed") for e in parsed.entries]
        known = [_moment(d) for d in dates if d]
        modified = _moment(dict.get(feed, "updated_parsed")) or (max(known) if known else None)
        remote_id = text(feed.get("id")) if feed_kind(parsed) == "Atom" else None
        yield RemoteItem(
            remote_id=remote_id or ctx.url,
            payload=(parsed, url),
            modified=modified,
            title=text(plain_text(feed.get("title") or "")),
        )

    def map_item(self, ctx: HarvestContext, item: RemoteItem) -> MappedDataset:
        if item.payload is None:
            raise ItemFailed("Không có nội dung để ánh xạ / Nothing to map")
        parsed, url = item.payload
        feed, config = parsed.feed, ctx.config
        source = text(plain_text(feed.get("title") or ""))
        category = config.get("category")
        rows = [entry_row(entry, source, category) for entry in parsed.entries]
        checked = checked_rows("article", rows, ctx.notes, f"feed {url}")
        link = text(feed.get("link"))
        subtitle = text(plain_text(feed.get("subtitle") or ""))
        dataset: dict[str, Any] = {
            "content_type": "portal_content",
            "title_vi": config.get("title_vi") or (source or ctx.source_name)[:500],
            "description_vi": config.get("description_vi") or subtitle,
            "themes": config["themes"],
            "landing_page": link if link and link.startswith(("http://", "https://")) else None,
        }
        for name in ("title_en", "description_en", "keywords", "frequency"):
            if config.get(name):
                dataset[name] = config[name]
        if language := _language(parsed):
            dataset["language"] = language
        kind = feed_kind(parsed)
        distribution = {
            "title_vi": f"Nguồn tin {kind}",
            "title_en": f"{kind} feed",
            "url": url,
            "format": kind,
            "kind": "link",
        }
        records = json_records("article", checked, "upsert") if checked else None
        return MappedDataset(fields=dataset, distributions=(distribution,), records=records)
