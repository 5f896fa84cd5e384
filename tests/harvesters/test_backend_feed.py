"""The ``feed`` backend against real HTTP servers: RSS 2.0, Atom, legacy encodings,
XXE refusal and the fetch policy's faults."""

from __future__ import annotations

import time
import unicodedata
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from hub.harvesters import registry
from hub.harvesters.backends._feed_parse import has_dtd
from hub.harvesters.base import GatherFailed, RemoteItem
from hub.text import nfc
from tests.harvesters.site_servers import (
    Site,
    check_mapped,
    claims_two_gigabytes,
    context,
    endless,
    redirect,
    rows_of,
    running_site,
    save_and_import,
    server_error,
    slow,
    truncated,
)

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/">
<channel>
  <title>Sở Thông tin và Truyền thông tỉnh Minh Hòa</title>
  <link>https://stttt.minhhoa.gov.vn/</link>
  <description>Tin tức &amp; sự kiện</description>
  <language>vi-VN</language>
  <lastBuildDate>Sun, 22 Nov 2026 08:30:00 +0700</lastBuildDate>
  <item>
    <title>Hội nghị chuyển đổi số năm 2026</title>
    <link>https://stttt.minhhoa.gov.vn/tin/hoi-nghi-chuyen-doi-so</link>
    <guid isPermaLink="false">tin-1001</guid>
    <pubDate>Sat, 21 Nov 2026 15:00:00 +0700</pubDate>
    <author>bbt@minhhoa.gov.vn (Ban Biên tập)</author>
    <description><![CDATA[<p>Sáng 21/11, <b>UBND tỉnh</b> tổ chức hội nghị.</p>
      <script>alert(1)</script><!DOCTYPE html>]]></description>
    <enclosure url="https://stttt.minhhoa.gov.vn/anh/1.jpg" type="image/jpeg" length="1"/>
  </item>
  <item>
    <title>Thông báo lịch tiếp công dân</title>
    <link>https://stttt.minhhoa.gov.vn/tin/lich-tiep-cong-dan</link>
    <pubDate>Fri, 20 Nov 2026 09:00:00 GMT</pubDate>
    <description>Lịch tiếp công dân tháng 12.</description>
  </item>
  <item>
    <title>Tin không có ngày đăng</title>
    <link>https://stttt.minhhoa.gov.vn/tin/khong-ngay</link>
  </item>
</channel>
</rss>
"""

ATOM = (
    """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">
  <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
  <title>Cổng thông tin xã Hòa Bình</title>
  <link href="https://hoabinh.minhhoa.gov.vn/"/>
  <updated>2026-11-22T01:00:00Z</updated>
  <entry>
    <id>https://hoabinh.minhhoa.gov.vn/tin/"""
    + "a" * 120
    + """</id>
    <title type="html">Ra quân &lt;em&gt;làm đường&lt;/em&gt; nông thôn</title>
    <link href="https://hoabinh.minhhoa.gov.vn/tin/ra-quan"/>
    <updated>2026-11-22T01:00:00Z</updated>
    <author><name>Nguyễn Văn An</name></author>
    <content type="html">&lt;p&gt;Nội dung
      &lt;a href="javascript:x()"&gt;đầy đủ&lt;/a&gt;&lt;/p&gt;</content>
  </entry>
</feed>
"""
)


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    with running_site() as running:
        yield running


def _gather(site: Site, path: str, **kw: object) -> list[RemoteItem]:
    return list(registry.backend("feed").gather(context("feed", site.url(path), {}, **kw)))


def test_rss_entries_become_article_rows(site: Site) -> None:
    url = site.static("/rss.xml", RSS.encode(), "application/rss+xml; charset=utf-8")
    ctx = context("feed", url, {"category": "announcement", "keywords": ["tin tức"]})
    backend = registry.backend("feed")
    [item] = list(backend.gather(ctx))
    assert item.remote_id == url
    assert item.title == "Sở Thông tin và Truyền thông tỉnh Minh Hòa"
    assert item.modified == datetime(2026, 11, 22, 1, 30, tzinfo=UTC)
    mapped = backend.map_item(ctx, item)
    fields = check_mapped(mapped)
    assert fields["content_type"] == "portal_content"
    assert fields["title_vi"] == "Sở Thông tin và Truyền thông tỉnh Minh Hòa"
    assert fields["landing_page"] == "https://stttt.minhhoa.gov.vn/"
    assert fields["language"] == ["vi"]
    assert mapped.distributions[0]["url"] == url
    assert mapped.distributions[0]["format"] == "RSS"
    records = mapped.records
    assert records is not None
    assert (records.record_type, records.mode) == ("article", "upsert")
    rows = rows_of(mapped)
    assert [r["ID"] for r in rows] == [
        "tin-1001",
        "https://stttt.minhhoa.gov.vn/tin/lich-tiep-cong-dan",
    ]
    first = rows[0]
    assert first["PUBLISHED"] == "2026-11-21T08:00:00+00:00"
    assert first["SUMMARY"].startswith("Sáng 21/11, UBND tỉnh tổ chức hội nghị.")
    assert "<b>UBND tỉnh</b>" in first["BODY"]
    assert "<script" not in first["BODY"]  # feedparser drops it; the import sanitises too
    assert first["IMAGES"] == "https://stttt.minhhoa.gov.vn/anh/1.jpg"
    assert first["CATEGORY"] == "announcement"
    assert first["SOURCE"] == "Sở Thông tin và Truyền thông tỉnh Minh Hòa"
    # the entry without a publication date cannot be an article: left out and noted
    assert any("PUBLISHED is missing" in note for note in ctx.notes)


def test_feed_records_import_and_upsert_keeps_older_articles(site: Site, session) -> None:
    backend = registry.backend("feed")
    url = site.static("/upsert.xml", RSS.encode(), "application/rss+xml")
    ctx = context("feed", url, {})
    [item] = list(backend.gather(ctx))
    dataset, report = save_and_import(session, backend.map_item(ctx, item))
    assert report.rows_loaded == 2
    newer = RSS.replace("tin-1001", "tin-1002").replace("hoi-nghi", "hoi-nghi-moi")
    site.static("/upsert.xml", newer.encode(), "application/rss+xml")
    [item] = list(backend.gather(ctx))
    _same, report = save_and_import(session, backend.map_item(ctx, item), dataset)
    assert report.status == "succeeded"
    from hub.records.publish import iter_rows

    fields, rows = iter_rows(session, dataset)
    position = [f.name for f in fields].index("ID")
    assert sorted(row[position] for row in rows) == [
        "https://stttt.minhhoa.gov.vn/tin/lich-tiep-cong-dan",
        "tin-1001",  # dropped out of the feed, kept
        "tin-1002",
    ]


def test_atom_feed_uses_its_id_and_a_short_key(site: Site) -> None:
    url = site.static("/atom.xml", ATOM.encode(), "application/atom+xml")
    ctx = context("feed", url, {"title_vi": "Tin xã Hòa Bình", "title_en": "Hoa Binh news"})
    backend = registry.backend("feed")
    [item] = list(backend.gather(ctx))
    assert item.remote_id == "urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6"
    assert item.modified == datetime(2026, 11, 22, 1, 0, tzinfo=UTC)
    mapped = backend.map_item(ctx, item)
    fields = check_mapped(mapped)
    assert (fields["title_vi"], fields["title_en"]) == ("Tin xã Hòa Bình", "Hoa Binh news")
    assert mapped.distributions[0]["format"] == "Atom"
    [row] = rows_of(mapped)
    assert row["ID"].startswith("sha256:") and len(row["ID"]) <= 100
    assert row["TITLE"] == "Ra quân làm đường nông thôn"
    assert row["AUTHOR"] == "Nguyễn Văn An"
    assert "javascript" not in row["BODY"]


def test_since_still_maps_the_feed(site: Site) -> None:
    """The body is in hand anyway: the runner's content hash tells whether it changed."""
    url = site.static("/atom-since.xml", ATOM.encode(), "application/atom+xml")
    ctx = context("feed", url, {})
    ctx = type(ctx)(**{**ctx.__dict__, "since": datetime(2026, 11, 23, tzinfo=UTC)})
    [item] = list(registry.backend("feed").gather(ctx))
    assert item.payload is not None and item.modified is not None


def _windows_1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese text was written in it: letters with their vowel marks
    precomposed (â, ơ, ...), tone marks as separate combining bytes."""
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            tones = "".join(c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323")
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
            out += (base + tones).encode("cp1258")
    return bytes(out)


def test_windows_1258_feed_is_repaired_to_nfc(site: Site) -> None:
    title = "Thông báo tuyển dụng viên chức năm 2026"
    body = RSS.replace("Hội nghị chuyển đổi số năm 2026", title)
    body = body.replace('encoding="utf-8"', 'encoding="windows-1258"')
    url = site.static("/cp1258.xml", _windows_1258(body), "application/rss+xml")
    ctx = context("feed", url, {})
    backend = registry.backend("feed")
    [item] = list(backend.gather(ctx))
    assert item.title == nfc("Sở Thông tin và Truyền thông tỉnh Minh Hòa")
    rows = rows_of(backend.map_item(ctx, item))
    assert rows[0]["TITLE"] == title
    assert unicodedata.is_normalized("NFC", rows[0]["TITLE"])


def test_external_entity_is_refused_before_parsing(site: Site, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    xxe = (
        '<?xml version="1.0"?>\n<!-- a comment first -->\n'
        f'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>\n'
        "<rss version='2.0'><channel><title>&xxe;</title><item><title>&xxe;</title>"
        "<pubDate>Sat, 21 Nov 2026 15:00:00 +0700</pubDate><guid>1</guid></item>"
        "</channel></rss>"
    )
    url = site.static("/xxe.xml", xxe.encode(), "application/rss+xml")
    before = secret.stat().st_atime_ns
    with pytest.raises(GatherFailed, match="DOCTYPE or ENTITY") as failed:
        list(registry.backend("feed").gather(context("feed", url, {})))
    assert "TOP-SECRET" not in str(failed.value)
    assert secret.stat().st_atime_ns == before
    # the same declaration in UTF-16 is seen too
    assert has_dtd(xxe.encode("utf-16"))
    assert not has_dtd(RSS.encode())  # "<!DOCTYPE html>" inside an entry is content


def test_server_errors_are_retried_then_fail(site: Site) -> None:
    site.handler("/busy.xml", server_error)
    with pytest.raises(GatherFailed, match="HTTP 500"):
        _gather(site, "/busy.xml")
    assert site.hits["/busy.xml"] == 4  # the first try and three retries


def test_a_hanging_server_times_out(site: Site) -> None:
    site.handler("/hang.xml", slow(1.6))
    started = time.monotonic()
    with pytest.raises(GatherFailed, match="timeout"):
        _gather(site, "/hang.xml", retries=1)
    assert time.monotonic() - started < 5
    assert site.hits["/hang.xml"] == 2


def test_a_truncated_body_fails(site: Site) -> None:
    site.handler("/cut.xml", truncated)
    with pytest.raises(GatherFailed, match="truncated"):
        _gather(site, "/cut.xml", retries=0)


def test_size_limits_refuse_claimed_and_endless_bodies(site: Site) -> None:
    site.handler("/huge.xml", claims_two_gigabytes)
    started = time.monotonic()
    with pytest.raises(GatherFailed, match="too_large"):
        _gather(site, "/huge.xml", max_bytes=64 * 1024)
    sent: list[int] = []
    site.handler("/endless.xml", endless(sent))
    with pytest.raises(GatherFailed, match="too_large"):
        _gather(site, "/endless.xml", max_bytes=64 * 1024)
    while not sent and time.monotonic() - started < 5:
        time.sleep(0.02)
    assert sent and sent[0] < 32 * 1024 * 1024  # the client hung up long before the end
    assert time.monotonic() - started < 5


def test_redirect_to_a_private_address_is_refused(site: Site) -> None:
    site.handler("/moved.xml", redirect("http://10.0.0.1/feed.xml"))
    with pytest.raises(GatherFailed, match="refused_address"):
        _gather(site, "/moved.xml")


def test_config_refuses_unknown_keys() -> None:
    with pytest.raises(Exception, match="configuration is not valid"):
        registry.validate_config("feed", {"url": "x"})
