"""The ``schemaorg`` harvest backend: schema.org JSON-LD embedded in HTML pages.

The pages are the config's ``pages`` (default: the source URL); with ``follow_links``
the links of those pages to the same host are read too (one level, ``max_pages`` in
all). Every JSON-LD block is read (``@graph`` and arrays flattened; broken blocks noted
and skipped) and the nodes become remote items:

- each ``Dataset`` is one item (remote id: its ``@id``, else its ``url``, else
  ``<page URL>#<index>``), mapped to dataset fields and link distributions;
- all ``NewsArticle``/``Article`` nodes together are ONE item ``<source>:articles``: a
  ``portal_content`` dataset whose records are ``article`` rows (upsert by ``ID``);
- all ``Legislation`` nodes together are ONE item ``<source>:legislation``: a
  ``legal_document`` dataset whose records are ``legal_document`` rows (upsert by the
  document number). A node without ``legislationLegalForce`` takes the config's
  ``default_status``; without either, the row is left out (the status is required).

Pages are fetched in ``gather``; ``ctx.since`` is not used (the framework's content
hash tells what changed). A listed page that cannot be fetched fails the gather
(nothing is then withdrawn); a followed link answering 404 or 410 is noted and skipped.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from marshmallow import Schema, fields, validate

from hub.datasets import vocab
from hub.harvesters.backends._feed_records import checked_rows, json_records
from hub.harvesters.backends._schemaorg_content import (
    ARTICLE_TYPES,
    LEGAL_FORCE,
    LEGISLATION_TYPES,
    article_row,
    legislation_row,
)
from hub.harvesters.backends._schemaorg_dataset import dataset_fields, distributions
from hub.harvesters.backends._schemaorg_html import (
    decode,
    first,
    nodes_of,
    read_page,
    types,
    url_of,
)
from hub.harvesters.base import (
    Backend,
    GatherFailed,
    HarvestContext,
    ItemFailed,
    MappedDataset,
    RemoteItem,
)
from hub.harvesters.registry import register
from hub.harvesters.remote import RemoteError
from hub.records.schema import schema_named
from hub.records.values import to_datetime

ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
_CATEGORIES = [c.code for c in schema_named("article").field("CATEGORY").codes]  # type: ignore[union-attr]
Found = tuple[dict[str, Any], str]  # a node and the page it is on


class SchemaOrgConfig(Schema):
    pages = fields.List(
        fields.Url(schemes={"http", "https"}), validate=validate.Length(min=1, max=200)
    )
    follow_links = fields.Boolean(load_default=False)
    max_pages = fields.Integer(load_default=20, validate=validate.Range(min=1, max=200))
    content_type = fields.String(
        load_default="other", validate=validate.OneOf(sorted(vocab.CONTENT_TYPES))
    )
    category = fields.String(load_default="news", validate=validate.OneOf(_CATEGORIES))
    default_status = fields.String(validate=validate.OneOf(sorted(set(LEGAL_FORCE.values()))))
    themes = fields.List(
        fields.String(validate=validate.OneOf(sorted(vocab.THEMES))), load_default=lambda: ["GOVE"]
    )


def _moment(node: dict[str, Any]) -> datetime | None:
    for key in ("dateModified", "datePublished", "legislationDate"):
        try:
            shown = to_datetime(first(node.get(key)))
        except ValueError:
            continue
        if shown:
            return datetime.fromisoformat(shown)
    return None


def _identity(node: dict[str, Any], page_url: str) -> str | None:
    """The node's ``@id`` (not a blank node) or ``url``, absolute."""
    node_id = first(node.get("@id"))
    if node_id and not node_id.startswith("_:"):
        return urljoin(page_url, node_id)
    return url_of(node.get("url"), page_url)


def _latest(found: list[Found]) -> datetime | None:
    moments = [m for node, _page in found if (m := _moment(node))]
    return max(moments) if moments else None


@register
class SchemaOrgBackend(Backend):
    name = "schemaorg"
    title = ("Trang có JSON-LD schema.org", "Web pages with schema.org JSON-LD")
    config_schema = SchemaOrgConfig

    def _page(self, ctx: HarvestContext, url: str, followed: bool) -> tuple[list, list] | None:
        try:
            response = ctx.remote.get(url, accept=ACCEPT)
        except RemoteError as exc:
            if followed and exc.status in (404, 410):
                ctx.notes.append(f"{url}: HTTP {exc.status}, skipped")
                return None
            raise GatherFailed(
                f"Không tải được trang / The page cannot be fetched ({exc.kind}): {exc}"
            ) from None
        content_type = response.headers.get("content-type", "")
        if followed and "html" not in content_type.lower():
            return None
        blocks, links = read_page(decode(response.body, content_type), response.url)
        return nodes_of(blocks, url, ctx.notes), links

    def _nodes(self, ctx: HarvestContext) -> Iterator[tuple[str, list[dict[str, Any]]]]:
        listed = list(dict.fromkeys(ctx.config.get("pages") or [ctx.url]))
        limit = max(ctx.config["max_pages"], len(listed))
        queue, seen = [(u, False) for u in listed], set(listed)
        while queue:
            url, followed = queue.pop(0)
            page = self._page(ctx, url, followed)
            if page is None:
                continue
            nodes, links = page
            yield url, nodes
            if ctx.config["follow_links"] and not followed:
                host = urlsplit(url).netloc
                for link in links:
                    if len(seen) >= limit:
                        break
                    if urlsplit(link).netloc == host and link not in seen:
                        seen.add(link)
                        queue.append((link, True))

    def gather(self, ctx: HarvestContext) -> Iterator[RemoteItem]:
        datasets: dict[str, Found] = {}
        articles: list[Found] = []
        legislation: list[Found] = []
        for url, nodes in self._nodes(ctx):
            index = 0
            for node in nodes:
                kinds = types(node)
                if "Dataset" in kinds:
                    index += 1
                    key = _identity(node, url) or f"{url}#{index}"
                    datasets.setdefault(key, (node, url))
                elif kinds & ARTICLE_TYPES:
                    articles.append((node, url))
                elif kinds & LEGISLATION_TYPES:
                    legislation.append((node, url))
        for key, (node, url) in datasets.items():
            title = first(node.get("name"))
            yield RemoteItem(key, ("dataset", [(node, url)]), _moment(node), title)
        source = ctx.source_name
        if articles:
            title = f"Tin bài / Articles ({source})"
            payload = ("articles", articles)
            yield RemoteItem(f"{source}:articles", payload, _latest(articles), title)
        if legislation:
            title = f"Văn bản pháp luật / Legislation ({source})"
            payload = ("legislation", legislation)
            yield RemoteItem(f"{source}:legislation", payload, _latest(legislation), title)

    def map_item(self, ctx: HarvestContext, item: RemoteItem) -> MappedDataset:
        if item.payload is None:
            raise ItemFailed("Không có nội dung để ánh xạ / Nothing to map")
        kind, found = item.payload
        config = ctx.config
        if kind == "dataset":
            node, url = found[0]
            values = dataset_fields(node, url, config["content_type"], ctx.notes)
            values.setdefault("landing_page", url)
            values.setdefault("themes", config["themes"])
            return MappedDataset(fields=values, distributions=distributions(node, url))
        page = found[0][1]
        host = urlsplit(page).hostname or page
        if kind == "articles":
            rows = [article_row(node, url, config["category"]) for node, url in found]
            record_type, content_type = "article", "portal_content"
            titles = (f"Tin bài từ {host}", f"Articles from {host}")
        else:
            status = config.get("default_status")
            rows = [legislation_row(node, url, status) for node, url in found]
            record_type, content_type = "legal_document", "legal_document"
            titles = (f"Văn bản pháp luật từ {host}", f"Legal documents from {host}")
        checked = checked_rows(record_type, rows, ctx.notes, item.remote_id)
        if not checked:
            raise ItemFailed(f"{item.remote_id}: không còn dòng hợp lệ / no valid rows left")
        values = {
            "content_type": content_type,
            "title_vi": titles[0],
            "title_en": titles[1],
            "themes": config["themes"],
            "landing_page": page,
        }
        records = json_records(record_type, checked, "upsert")
        return MappedDataset(fields=values, records=records)
