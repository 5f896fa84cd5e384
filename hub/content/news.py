"""The news feeds: the newest articles of every published news dataset, as RSS and Atom."""

from __future__ import annotations

import heapq
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from hub.content.feeds import Feed, FeedItem
from hub.content.records import datasets_of_type, rows_of
from hub.datasets.models import Dataset, Organization
from hub.datasets.organizations import descendant_ids
from hub.records.schema import schema_named

FEED_SIZE = 50
# Stable guids: the same article of the same dataset keeps its id across imports.
GUID_NAMESPACE = uuid.UUID("0c6f4a3e-8d1b-5b9a-a0b4-2c7d9e1f6a53")


def _category_labels() -> dict[str, str]:
    spec = schema_named("article").field("CATEGORY")
    return {code.code: code.vi for code in spec.codes} if spec else {}


def _item(dataset: Dataset, row: dict[str, Any], base_url: str, labels: dict[str, str]) -> FeedItem:
    images = [line.strip() for line in (row.get("IMAGES") or "").splitlines() if line.strip()]
    own = f"{base_url}/api/v1/datasets/{dataset.slug}/records?ID={row['ID']}"
    category = row.get("CATEGORY")
    guid = uuid.uuid5(GUID_NAMESPACE, f"{dataset.id}:{row['ID']}")
    return FeedItem(
        guid=f"urn:uuid:{guid}",
        title=row["TITLE"],
        link=row.get("URL") or own,
        published=datetime.fromisoformat(row["PUBLISHED"]),
        summary=row.get("SUMMARY"),
        content_html=row.get("BODY"),
        author=row.get("AUTHOR"),
        categories=(labels.get(category, category),) if category else (),
        image=images[0] if images and images[0].startswith(("http://", "https://")) else None,
    )


def latest_articles(
    session: Session, base_url: str, organization: Organization | None = None
) -> list[FeedItem]:
    """The newest articles over all published news datasets (of one organization's tree)."""
    scope = None
    if organization is not None:
        scope = descendant_ids(session, organization.id) | {organization.id}
    labels = _category_labels()
    newest: list[tuple[str, int, FeedItem]] = []
    for n, (dataset, record_set) in enumerate(datasets_of_type(session, "article", scope)):
        # PUBLISHED is ISO text in one offset, so text order is time order.
        rows = rows_of(
            session, dataset, record_set, order_by="PUBLISHED", descending=True, limit=FEED_SIZE
        )
        newest += [(row["PUBLISHED"], n, _item(dataset, row, base_url, labels)) for row in rows]
    return [item for *_, item in heapq.nlargest(FEED_SIZE, newest, key=lambda t: (t[0], -t[1]))]


def news_feed(
    session: Session, base_url: str, self_url: str, organization: Organization | None = None
) -> tuple[Feed, list[FeedItem]]:
    items = latest_articles(session, base_url, organization)
    if organization is None:
        title = "Tin tức - Cổng dữ liệu mở"
        link = base_url
        description = "Tin tức mới nhất của các cơ quan trong tỉnh."
    else:
        title = f"Tin tức - {organization.title_vi}"
        link = organization.website or f"{base_url}/api/v1/organizations/{organization.slug}"
        description = f"Tin tức mới nhất của {organization.title_vi}."
    feed = Feed(title=title, link=link, self_url=self_url, description=description)
    return feed, items
