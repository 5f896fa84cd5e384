"""The ``schemaorg`` backend against real HTTP servers: several JSON-LD blocks per page
(broken ones included), Dataset, NewsArticle and Legislation nodes, links followed."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from hub.harvesters import registry
from hub.harvesters.base import GatherFailed, HarvestContext, ItemFailed, RemoteItem
from tests.harvesters.site_servers import (
    Site,
    check_mapped,
    context,
    redirect,
    rows_of,
    running_site,
    save_and_import,
    server_error,
)

DATASET = {
    "@type": "Dataset",
    "@id": "https://sokhdt.minhhoa.gov.vn/du-lieu/du-an#dataset",
    "name": [
        {"@value": "Danh mục dự án đầu tư công", "@language": "vi"},
        {"@value": "Public investment projects", "@language": "en"},
    ],
    "description": "Danh mục dự án đầu tư công trên địa bàn tỉnh.",
    "keywords": "đầu tư công, dự án, đầu tư công",
    "license": "https://creativecommons.org/licenses/by/4.0/",
    "url": "https://sokhdt.minhhoa.gov.vn/du-lieu/du-an",
    "temporalCoverage": "2021-03/2025",
    "spatialCoverage": {"@type": "Place", "name": "Tỉnh Minh Hòa"},
    "dateModified": "2026-11-20T09:00:00+07:00",
    "creator": {
        "@type": "Organization",
        "name": "Sở Kế hoạch và Đầu tư",
        "contactPoint": {"email": "mailto:skhdt@minhhoa.gov.vn", "telephone": "0233 3852 000"},
    },
    "distribution": [
        {
            "@type": "DataDownload",
            "name": "Danh mục (CSV)",
            "contentUrl": "/files/du-an.csv",
            "encodingFormat": "text/csv",
        },
        {"@type": "DataDownload", "encodingFormat": "application/pdf"},
    ],
}
ARTICLES = [
    {
        "@type": "NewsArticle",
        "@id": "https://sokhdt.minhhoa.gov.vn/tin/1#article",
        "headline": "Giải ngân vốn đầu tư công đạt 80%",
        "description": "Tính đến ngày 20/11, tỉnh đã giải ngân 80% kế hoạch vốn.",
        "articleBody": "<p>Nội dung <script>x()</script>chi tiết</p>",
        "author": [{"@type": "Person", "name": "Phạm Minh"}, "Lê Hoa"],
        "publisher": {"@type": "Organization", "name": "Sở Kế hoạch và Đầu tư"},
        "datePublished": "2026-11-21T08:00:00+07:00",
        "image": ["/anh/1.jpg", {"@type": "ImageObject", "url": "https://cdn.example.org/2.jpg"}],
        "url": "/tin/1",
    },
    {"@type": "Article", "headline": "Bài không có ngày đăng", "url": "/tin/2"},
]
LEGISLATION = {
    "@context": "https://schema.org",
    "@type": "Legislation",
    "legislationIdentifier": "15/2025/QĐ-UBND",
    "legislationType": "Quyết định",
    "legislationDate": "2025-06-30",
    "legislationLegalForce": "https://schema.org/InForce",
    "legislationPassedBy": {"@type": "Organization", "name": "UBND tỉnh Minh Hòa"},
    "name": "Quy định phân cấp quản lý dự án đầu tư công",
    "url": "/van-ban/15-2025",
    "encoding": {"@type": "LegislationObject", "contentUrl": "/van-ban/15-2025.pdf"},
}


def _script(value: object, wrap: str = "") -> str:
    text = json.dumps(value, ensure_ascii=False).replace("</", "<\\/")  # as pages escape it
    if wrap:
        text = f"<!--\n{text}\n-->"
    return f'<script type="application/ld+json">{text}</script>'


def _page(*blocks: str, links: tuple[str, ...] = ()) -> bytes:
    anchors = "".join(f'<a href="{href}">liên kết</a>' for href in links)
    html = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Trang</title>"
        + "".join(blocks)
        + '<script type="text/javascript">{"@type": "Dataset", "name": "not JSON-LD"}</script>'
        + f"</head><body>{anchors}</body></html>"
    )
    return html.encode("utf-8")


HOME = _page(
    _script({"@context": "https://schema.org", "@graph": [{"@type": "Organization"}, DATASET]}),
    _script(ARTICLES),
    '<script type="application/ld+json">{"@type": "Dataset", "name": broken}</script>',
    _script(LEGISLATION, wrap="comment"),
    _script({"@type": "schema:Dataset", "name": "Bản đồ hành chính", "url": "/ban-do"}),
    _script({"@type": ["Dataset"], "name": "Không có địa chỉ"}),
    _script({"@type": "Dataset", "description": "no name"}),
    links=("/trang-2", "/mat-tich", "https://elsewhere.example.org/x", "/files/du-an.csv"),
)
SECOND = _page(
    _script(
        {
            "@type": "NewsArticle",
            "headline": "Tin trang hai",
            "datePublished": "22/11/2026 10:00",
            "dateModified": "2026-11-22T10:30:00+07:00",
            "url": "/tin/3",
        }
    ),
    _script(
        {**LEGISLATION, "legislationIdentifier": "16/2025/QĐ-UBND", "legislationLegalForce": None}
    ),
)


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    with running_site() as running:
        running.static("/", HOME, "text/html; charset=utf-8")
        running.static("/trang-2", SECOND, "text/html")
        running.static("/files/du-an.csv", b"a,b\n1,2\n", "text/csv")
        yield running


def _gather(ctx: HarvestContext) -> dict[str, RemoteItem]:
    return {item.remote_id: item for item in registry.backend("schemaorg").gather(ctx)}


def test_blocks_of_one_page_become_items(site: Site) -> None:
    home = site.url("/")
    ctx = context("schemaorg", home, {})
    items = _gather(ctx)
    assert sorted(items) == sorted(
        [
            DATASET["@id"],
            site.url("/ban-do"),
            f"{home}#3",
            f"{home}#4",
            "t:articles",
            "t:legislation",
        ]
    )
    assert any("JSON-LD block 3 skipped" in note for note in ctx.notes)
    assert site.hits["/trang-2"] == 0  # follow_links is off by default
    dataset = items[DATASET["@id"]]
    assert dataset.title == "Danh mục dự án đầu tư công"
    assert dataset.modified == datetime(2026, 11, 20, 2, tzinfo=UTC)
    assert items["t:articles"].modified == datetime(2026, 11, 21, 1, tzinfo=UTC)

    backend = registry.backend("schemaorg")
    mapped = backend.map_item(ctx, dataset)
    fields = check_mapped(mapped)
    assert fields["title_en"] == "Public investment projects"
    assert fields["keywords"] == ["đầu tư công", "dự án"]
    assert fields["licence"] == "CC-BY-4.0"
    assert str(fields["temporal_start"]) == "2021-03-01"
    assert str(fields["temporal_end"]) == "2025-12-31"
    assert fields["spatial"] == "Tỉnh Minh Hòa"
    assert fields["contact_email"] == "skhdt@minhhoa.gov.vn"
    assert fields["contact_name"] == "Sở Kế hoạch và Đầu tư"
    [csv_link] = mapped.distributions  # the download without a URL is left out
    assert csv_link["url"] == site.url("/files/du-an.csv") and csv_link["format"] == "CSV"
    assert mapped.records is None

    check_mapped(backend.map_item(ctx, items[site.url("/ban-do")]))
    with pytest.raises(ItemFailed, match="no name"):
        backend.map_item(ctx, items[f"{home}#4"])


def test_articles_and_legislation_are_grouped_with_records(site: Site) -> None:
    ctx = context("schemaorg", site.url("/"), {"category": "news"})
    items = _gather(ctx)
    backend = registry.backend("schemaorg")

    articles = backend.map_item(ctx, items["t:articles"])
    fields = check_mapped(articles)
    assert fields["content_type"] == "portal_content"
    assert articles.records is not None
    assert (articles.records.record_type, articles.records.mode) == ("article", "upsert")
    [row] = rows_of(articles)  # the article without a date is left out and noted
    assert row["ID"] == "https://sokhdt.minhhoa.gov.vn/tin/1#article"
    assert row["AUTHOR"] == "Phạm Minh, Lê Hoa"
    assert row["URL"] == site.url("/tin/1")
    assert row["IMAGES"].split("\n") == [site.url("/anh/1.jpg"), "https://cdn.example.org/2.jpg"]
    assert any("PUBLISHED is missing" in note for note in ctx.notes)

    legal = backend.map_item(ctx, items["t:legislation"])
    fields = check_mapped(legal)
    assert fields["content_type"] == "legal_document"
    assert legal.records is not None and legal.records.record_type == "legal_document"
    [document] = rows_of(legal)
    assert document["NUMBER"] == "15/2025/QĐ-UBND"
    assert (document["ISSUED"], document["STATUS"]) == ("2025-06-30", "in_force")
    assert document["DOC_TYPE"] == "Quyết định"
    assert document["FILE_ORIGINAL"] == site.url("/van-ban/15-2025.pdf")
    assert document["FILE_TEXT"] == site.url("/van-ban/15-2025")


def test_grouped_records_import(site: Site, session) -> None:
    ctx = context("schemaorg", site.url("/"), {})
    items = _gather(ctx)
    backend = registry.backend("schemaorg")
    for remote_id in ("t:articles", "t:legislation"):
        _dataset, report = save_and_import(session, backend.map_item(ctx, items[remote_id]))
        assert report.rows_loaded == 1


def test_follow_links_reads_same_host_pages(site: Site) -> None:
    config = {"follow_links": True, "default_status": "in_force"}
    ctx = context("schemaorg", site.url("/"), config)
    items = _gather(ctx)
    assert site.hits["/trang-2"] >= 1
    assert any("mat-tich: HTTP 404" in note for note in ctx.notes)
    backend = registry.backend("schemaorg")
    rows = rows_of(backend.map_item(ctx, items["t:articles"]))
    assert [r["TITLE"] for r in rows] == ["Giải ngân vốn đầu tư công đạt 80%", "Tin trang hai"]
    assert items["t:articles"].modified == datetime(2026, 11, 22, 3, 30, tzinfo=UTC)
    documents = rows_of(backend.map_item(ctx, items["t:legislation"]))
    assert [d["NUMBER"] for d in documents] == ["15/2025/QĐ-UBND", "16/2025/QĐ-UBND"]
    assert documents[1]["STATUS"] == "in_force"  # the configured default


def test_pages_config_and_failures(site: Site) -> None:
    busy = site.handler("/busy", server_error)
    config = {"pages": [site.url("/trang-2"), busy]}
    with pytest.raises(GatherFailed, match="HTTP 500"):
        _gather(context("schemaorg", site.url("/"), config))
    moved = site.handler("/moved", redirect("http://10.0.0.1/"))
    with pytest.raises(GatherFailed, match="refused_address"):
        _gather(context("schemaorg", moved, {}))
    items = _gather(context("schemaorg", site.url("/"), {"pages": [site.url("/trang-2")]}))
    assert sorted(items) == ["t:articles", "t:legislation"]
    ctx = context("schemaorg", site.url("/"), {"pages": [site.url("/trang-2")]})
    with pytest.raises(ItemFailed, match="no valid rows"):  # no status, and no default
        registry.backend("schemaorg").map_item(ctx, items["t:legislation"])
    with pytest.raises(Exception, match="configuration is not valid"):
        registry.validate_config("schemaorg", {"pages": ["ftp://x/"]})
