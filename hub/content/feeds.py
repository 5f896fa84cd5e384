"""RSS 2.0 and Atom 1.0 (RFC 4287) rendering of portal news articles.

Pure functions: callers load and sort the articles; these only turn them into feed bytes.
"""

from __future__ import annotations

import mimetypes
import re
import unicodedata
import xml.etree.ElementTree as ET  # building only; nothing here parses XML
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from urllib.parse import urlsplit

RSS_MEDIA_TYPE = "application/rss+xml; charset=utf-8"
ATOM_MEDIA_TYPE = "application/atom+xml; charset=utf-8"

GENERATOR = "province-data-hub"

ATOM_NS = "http://www.w3.org/2005/Atom"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"

_DECLARATION = b'<?xml version="1.0" encoding="utf-8"?>\n'
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_DEFAULT_IMAGE_TYPE = "image/jpeg"

# Everything outside the XML 1.0 Char production: C0 controls except tab/LF/CR,
# lone surrogates (which cannot even be encoded) and U+FFFE/U+FFFF.
_ILLEGAL_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class FeedItem:
    """One news article as it appears in a feed."""

    guid: str  # stable unique id (a URL or urn:uuid:...); RSS guid and Atom id
    title: str
    link: str  # absolute URL of the article
    published: datetime  # timezone-aware
    summary: str | None = None  # plain text
    content_html: str | None = None  # already-sanitised HTML body
    author: str | None = None  # a name, not an e-mail
    categories: tuple[str, ...] = ()
    image: str | None = None  # absolute image URL
    updated: datetime | None = None


@dataclass(frozen=True)
class Feed:
    """The channel (RSS) or feed (Atom) the items belong to."""

    title: str
    link: str  # the site page the feed is about (absolute URL)
    self_url: str  # the feed's own URL
    description: str
    language: str = "vi"
    updated: datetime | None = None  # defaults to the newest item's time, or the epoch


def clean_text(value: str) -> str:
    """``value`` without characters XML 1.0 forbids, in NFC.

    Stripping comes first so that a removed character cannot keep a base letter and its
    combining mark apart.
    """
    return unicodedata.normalize("NFC", _ILLEGAL_XML.sub("", value))


def _aware(value: datetime, what: str) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{what} must be timezone-aware, got naive {value.isoformat()}")
    offset = value.utcoffset()
    # Historical zone offsets can carry seconds, which neither RFC 822 nor RFC 3339 can write.
    if offset is not None and offset.total_seconds() % 60:
        return value.astimezone(UTC)
    return value


def _rfc822(value: datetime) -> str:
    return format_datetime(value.replace(microsecond=0))


def _rfc3339(value: datetime) -> str:
    return value.isoformat(timespec="seconds")


def _checked_times(feed: Feed, items: Sequence[FeedItem]) -> datetime:
    """Refuse naive times up front and return the feed's update time."""
    newest: datetime | None = None
    for index, item in enumerate(items):
        _aware(item.published, f"items[{index}].published")
        if item.updated is not None:
            _aware(item.updated, f"items[{index}].updated")
        moment = item.updated or item.published
        if newest is None or moment > newest:
            newest = moment
    if feed.updated is not None:
        return _aware(feed.updated, "feed.updated")
    return _aware(newest, "newest item time") if newest is not None else _EPOCH


def _image_type(url: str) -> str:
    # Guess from the path alone: a query string would hide the extension.
    guessed, _ = mimetypes.guess_type(urlsplit(url).path, strict=False)
    if guessed and guessed.startswith("image/"):
        return guessed
    return _DEFAULT_IMAGE_TYPE


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {key: clean_text(value) for key, value in attrs.items()})
    if text is not None:
        element.text = clean_text(text)
    return element


def _serialize(root: ET.Element) -> bytes:
    ET.indent(root, space="  ")
    # tostring() would write the declaration with single quotes; ours is the conventional form.
    return _DECLARATION + ET.tostring(root, encoding="unicode").encode("utf-8") + b"\n"


def rss(feed: Feed, items: Sequence[FeedItem]) -> bytes:
    """Render ``items`` (in the order given) as an RSS 2.0 document in UTF-8."""
    updated = _checked_times(feed, items)
    # Prefixed names with explicit xmlns attributes keep the conventional prefixes and declare
    # every namespace on the root, without ElementTree's process-wide register_namespace().
    root = ET.Element(
        "rss",
        {
            "version": "2.0",
            "xmlns:atom": ATOM_NS,
            "xmlns:content": CONTENT_NS,
            "xmlns:dc": DC_NS,
        },
    )
    channel = _sub(root, "channel")
    _sub(channel, "title", feed.title)
    _sub(channel, "link", feed.link)
    _sub(channel, "description", feed.description)
    _sub(channel, "language", feed.language)
    _sub(channel, "lastBuildDate", _rfc822(updated))
    _sub(channel, "generator", GENERATOR)
    _sub(channel, "atom:link", href=feed.self_url, rel="self", type="application/rss+xml")
    for item in items:
        entry = _sub(channel, "item")
        _sub(entry, "title", item.title)
        _sub(entry, "link", item.link)
        permalink = "true" if item.guid == item.link else "false"
        _sub(entry, "guid", item.guid, isPermaLink=permalink)
        _sub(entry, "pubDate", _rfc822(_aware(item.published, "published")))
        if item.summary is not None:
            _sub(entry, "description", item.summary)
        if item.content_html is not None:
            _sub(entry, "content:encoded", item.content_html)
        if item.author is not None:
            _sub(entry, "dc:creator", item.author)
        for category in item.categories:
            _sub(entry, "category", category)
        if item.image is not None:
            # RSS requires a length; 0 is the accepted "unknown".
            _sub(entry, "enclosure", url=item.image, type=_image_type(item.image), length="0")
    return _serialize(root)


def atom(feed: Feed, items: Sequence[FeedItem]) -> bytes:
    """Render ``items`` (in the order given) as an Atom 1.0 (RFC 4287) document in UTF-8."""
    updated = _checked_times(feed, items)
    root = ET.Element("feed", {"xmlns": ATOM_NS, "xml:lang": clean_text(feed.language)})
    _sub(root, "id", feed.self_url)
    _sub(root, "title", feed.title)
    if feed.description:
        _sub(root, "subtitle", feed.description)
    _sub(root, "updated", _rfc3339(updated))
    _sub(root, "link", rel="alternate", type="text/html", href=feed.link)
    _sub(root, "link", rel="self", type="application/atom+xml", href=feed.self_url)
    # RFC 4287 requires an author on the feed unless every entry has one.
    _sub(_sub(root, "author"), "name", feed.title)
    _sub(root, "generator", GENERATOR)
    for item in items:
        published = _aware(item.published, "published")
        entry = _sub(root, "entry")
        _sub(entry, "id", item.guid)
        _sub(entry, "title", item.title)
        _sub(entry, "link", rel="alternate", type="text/html", href=item.link)
        _sub(entry, "published", _rfc3339(published))
        entry_updated = _aware(item.updated, "updated") if item.updated is not None else published
        _sub(entry, "updated", _rfc3339(entry_updated))
        if item.summary is not None:
            _sub(entry, "summary", item.summary, type="text")
        if item.content_html is not None:
            _sub(entry, "content", item.content_html, type="html")
        if item.author is not None:
            _sub(_sub(entry, "author"), "name", item.author)
        for category in item.categories:
            _sub(entry, "category", term=category)
        if item.image is not None:
            _sub(entry, "link", rel="enclosure", type=_image_type(item.image), href=item.image)
    return _serialize(root)
