from __future__ import annotations

import calendar
import unicodedata
from datetime import UTC, datetime, timedelta, timezone

import feedparser
import pytest
from defusedxml.ElementTree import fromstring

from hub.content.feeds import (
    ATOM_MEDIA_TYPE,
    ATOM_NS,
    CONTENT_NS,
    DC_NS,
    RSS_MEDIA_TYPE,
    Feed,
    FeedItem,
    atom,
    clean_text,
    rss,
)

ICT = timezone(timedelta(hours=7))
DECLARATION = b'<?xml version="1.0" encoding="utf-8"?>'
LONG_TITLE = "Hội nghị triển khai nhiệm vụ năm 2026 của Ủy ban nhân dân tỉnh"
BODY = '<p>Nội dung <strong>chính</strong> của <a href="https://tinh.gov.vn/a">bài</a></p>'

FEED = Feed(
    title="Tin tức – Cổng dữ liệu mở tỉnh",
    link="https://data.tinh.gov.vn/tin-tuc",
    self_url="https://data.tinh.gov.vn/tin-tuc/feed",
    description="Tin mới nhất từ Cổng dữ liệu mở",
)

FIRST = FeedItem(
    guid="https://data.tinh.gov.vn/tin-tuc/hoi-nghi-2026",
    title=LONG_TITLE,
    link="https://data.tinh.gov.vn/tin-tuc/hoi-nghi-2026",
    published=datetime(2026, 1, 15, 8, 30, tzinfo=ICT),
    summary="Sáng 15/1, UBND tỉnh tổ chức hội nghị.",
    content_html=BODY,
    author="Nguyễn Văn Đức",
    categories=("Chính quyền", "Dữ liệu mở"),
    image="https://data.tinh.gov.vn/media/hoi-nghi.png?w=800",
    updated=datetime(2026, 1, 15, 10, 0, tzinfo=ICT),
)
SECOND = FeedItem(
    guid="urn:uuid:6f1c7c1e-2b7a-4a4e-9d3e-0d6a0b1f2c3d",
    title="Đ",
    link="https://data.tinh.gov.vn/tin-tuc/d",
    published=datetime(2026, 1, 10, 1, 5, tzinfo=UTC),
)
ITEMS = [FIRST, SECOND]

RENDERERS = {"rss": rss, "atom": atom}


def utc_seconds(parsed: object) -> int:
    return calendar.timegm(parsed)


def parse(kind: str, items: list[FeedItem], feed: Feed = FEED) -> feedparser.FeedParserDict:
    parsed = feedparser.parse(RENDERERS[kind](feed, items))
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    return parsed


def self_links(parsed: feedparser.FeedParserDict) -> list[str]:
    return [link.href for link in parsed.feed.links if link.rel == "self"]


@pytest.fixture(params=["rss", "atom"])
def kind(request: pytest.FixtureRequest) -> str:
    return request.param


def test_media_types():
    assert RSS_MEDIA_TYPE == "application/rss+xml; charset=utf-8"
    assert ATOM_MEDIA_TYPE == "application/atom+xml; charset=utf-8"


def test_output_is_utf8_bytes_with_declaration(kind):
    body = RENDERERS[kind](FEED, ITEMS)
    assert isinstance(body, bytes)
    assert body.startswith(DECLARATION)
    text = body.decode("utf-8")
    # Vietnamese is written as characters, not as numeric references.
    assert LONG_TITLE in text
    assert "&#" not in text


def test_feed_metadata(kind):
    parsed = parse(kind, ITEMS)
    assert parsed.version == ("rss20" if kind == "rss" else "atom10")
    assert parsed.feed.title == FEED.title
    assert parsed.feed.link == FEED.link
    assert self_links(parsed) == [FEED.self_url]
    assert parsed.feed.language == "vi"
    assert parsed.feed.generator == "province-data-hub"


def test_entries_in_given_order(kind):
    parsed = parse(kind, ITEMS)
    assert [entry.title for entry in parsed.entries] == [LONG_TITLE, "Đ"]
    assert [entry.link for entry in parsed.entries] == [FIRST.link, SECOND.link]
    assert [entry.id for entry in parsed.entries] == [FIRST.guid, SECOND.guid]
    reversed_titles = [entry.title for entry in parse(kind, ITEMS[::-1]).entries]
    assert reversed_titles == ["Đ", LONG_TITLE]


def test_published_times_match_input(kind):
    parsed = parse(kind, ITEMS)
    for entry, item in zip(parsed.entries, ITEMS, strict=True):
        assert utc_seconds(entry.published_parsed) == int(item.published.timestamp())


def test_full_entry_fields(kind):
    entry = parse(kind, ITEMS).entries[0]
    assert entry.summary == FIRST.summary
    assert [content.value for content in entry.content] == [BODY]
    assert entry.author == FIRST.author
    assert [tag.term for tag in entry.tags] == list(FIRST.categories)
    [enclosure] = entry.enclosures
    assert enclosure.href == FIRST.image
    assert enclosure.type == "image/png"


def test_minimal_entry_has_no_optional_fields(kind):
    entry = parse(kind, ITEMS).entries[1]
    assert "content" not in entry
    assert "author" not in entry
    assert "tags" not in entry
    assert entry.enclosures == []


def test_rss_specifics():
    parsed = parse("rss", ITEMS)
    assert parsed.entries[0].enclosures[0].length == "0"
    # feedparser reports guidislink False whenever <link> is present, so read the attribute.
    guids = fromstring(rss(FEED, ITEMS)).findall("channel/item/guid")
    assert [guid.get("isPermaLink") for guid in guids] == ["true", "false"]
    # lastBuildDate defaults to the newest item time (FIRST.updated).
    assert utc_seconds(parsed.feed.updated_parsed) == int(FIRST.updated.timestamp())
    text = rss(FEED, ITEMS).decode("utf-8")
    assert "<pubDate>Thu, 15 Jan 2026 08:30:00 +0700</pubDate>" in text
    assert '<guid isPermaLink="false">urn:uuid:' in text


def test_rss_declares_namespaces():
    root = fromstring(rss(FEED, []))
    assert root.tag == "rss"
    assert root.get("version") == "2.0"
    channel = root.find("channel")
    self_link = channel.find(f"{{{ATOM_NS}}}link")
    assert self_link.get("rel") == "self"
    assert self_link.get("type") == "application/rss+xml"
    assert self_link.get("href") == FEED.self_url
    item = fromstring(rss(FEED, ITEMS)).find("channel/item")
    assert item.find(f"{{{CONTENT_NS}}}encoded").text == BODY
    assert item.find(f"{{{DC_NS}}}creator").text == FIRST.author
    # All three prefixes are declared on the root even when unused.
    head = rss(FEED, []).decode("utf-8")
    for prefix, namespace in (("atom", ATOM_NS), ("content", CONTENT_NS), ("dc", DC_NS)):
        assert f'xmlns:{prefix}="{namespace}"' in head


def test_atom_specifics():
    parsed = parse("atom", ITEMS)
    assert parsed.feed.id == FEED.self_url
    assert parsed.feed.subtitle == FEED.description
    assert parsed.feed.author == FEED.title
    first, second = parsed.entries
    assert utc_seconds(first.updated_parsed) == int(FIRST.updated.timestamp())
    # Without an update time an entry is last updated when published.
    assert utc_seconds(second.updated_parsed) == int(SECOND.published.timestamp())
    assert utc_seconds(parsed.feed.updated_parsed) == int(FIRST.updated.timestamp())
    text = atom(FEED, ITEMS).decode("utf-8")
    assert "<published>2026-01-15T08:30:00+07:00</published>" in text
    assert "<published>2026-01-10T01:05:00+00:00</published>" in text
    assert '<summary type="text">' in text
    assert '<content type="html">' in text


def test_explicit_feed_updated_wins(kind):
    moment = datetime(2026, 2, 1, 12, 0, tzinfo=ICT)
    parsed = parse(kind, ITEMS, Feed(**{**FEED.__dict__, "updated": moment}))
    assert utc_seconds(parsed.feed.updated_parsed) == int(moment.timestamp())


def test_empty_feed_is_valid(kind):
    parsed = parse(kind, [])
    assert parsed.entries == []
    assert parsed.feed.title == FEED.title
    assert utc_seconds(parsed.feed.updated_parsed) == 0


HOSTILE = FeedItem(
    guid="https://data.tinh.gov.vn/tin?a=1&b=2",
    title="<script>alert(1)</script> ]]> A & B\x00\x0b",
    link="https://data.tinh.gov.vn/tin?a=1&b=2",
    published=datetime(2026, 3, 1, tzinfo=ICT),
    summary=unicodedata.normalize("NFD", "Ủy ban ]]> & <b>không</b>\x1f"),
    content_html="<p>a ]]> b &amp; c</p>\x0b",
    author="Trần \x00Thị",
    categories=("<x>", "Đ&B"),
    image='https://data.tinh.gov.vn/a"b.jpg',
)


def test_hostile_text_is_escaped_and_cleaned(kind):
    body = RENDERERS[kind](FEED, [HOSTILE])
    for raw in (b"<script>", b"]]>", b"\x00", b"\x0b", b"\x1f", b"& ", b"<b>"):
        assert raw not in body
    assert unicodedata.normalize("NFD", "Ủy").encode() not in body
    entry = parse(kind, [HOSTILE]).entries[0]
    assert entry.title == "<script>alert(1)</script> ]]> A & B"
    assert entry.link == HOSTILE.link
    assert entry.id == HOSTILE.guid
    assert entry.summary == "Ủy ban ]]> & <b>không</b>"
    assert entry.author == "Trần Thị"
    assert [tag.term for tag in entry.tags] == ["<x>", "Đ&B"]
    assert entry.enclosures[0].href == HOSTILE.image


def test_hostile_feed_metadata(kind):
    feed = Feed(
        title="A & <B> \x00",
        link="https://data.tinh.gov.vn/?x=1&y=2",
        self_url="https://data.tinh.gov.vn/feed?x=1&y=2",
        description=unicodedata.normalize("NFD", "Tin tức ]]>"),
    )
    parsed = parse(kind, [], feed)
    assert parsed.feed.title.strip() == "A & <B>"
    assert parsed.feed.link == feed.link
    assert self_links(parsed) == [feed.self_url]


def test_clean_text():
    assert clean_text("a\x00b\x0bc\td\ne\rf") == "abc\td\ne\rf"
    assert clean_text("\ud800x\ufffe\uffff") == "x"
    assert clean_text(unicodedata.normalize("NFD", "Đường")) == "Đường"
    # A stripped character must not keep a letter from its combining mark.
    assert clean_text("e\x00\u0301") == "é"


@pytest.mark.parametrize(
    "item",
    [
        FeedItem(guid="g", title="t", link="https://x.vn/", published=datetime(2026, 1, 1)),
        FeedItem(
            guid="g",
            title="t",
            link="https://x.vn/",
            published=datetime(2026, 1, 1, tzinfo=UTC),
            updated=datetime(2026, 1, 2),
        ),
    ],
    ids=["published", "updated"],
)
def test_naive_item_time_is_refused(kind, item):
    with pytest.raises(ValueError, match="timezone-aware"):
        RENDERERS[kind](FEED, [item])


def test_naive_feed_time_is_refused(kind):
    feed = Feed(**{**FEED.__dict__, "updated": datetime(2026, 1, 1)})
    with pytest.raises(ValueError, match="timezone-aware"):
        RENDERERS[kind](feed, [])


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://x.vn/a.png", "image/png"),
        ("https://x.vn/a.GIF?size=2", "image/gif"),
        ("https://x.vn/a.jpeg", "image/jpeg"),
        ("https://x.vn/anh", "image/jpeg"),
        ("https://x.vn/a.pdf", "image/jpeg"),
    ],
)
def test_enclosure_type_from_extension(kind, url, expected):
    item = FeedItem(
        guid="g",
        title="t",
        link="https://x.vn/",
        published=datetime(2026, 1, 1, tzinfo=UTC),
        image=url,
    )
    [enclosure] = parse(kind, [item]).entries[0].enclosures
    assert enclosure.type == expected


def test_offset_with_seconds_is_written_in_utc(kind):
    odd = timezone(timedelta(hours=7, minutes=6, seconds=40))
    moment = datetime(1900, 1, 1, 12, 0, tzinfo=odd)
    item = FeedItem(guid="g", title="t", link="https://x.vn/", published=moment)
    entry = parse(kind, [item]).entries[0]
    assert utc_seconds(entry.published_parsed) == int(moment.timestamp())
