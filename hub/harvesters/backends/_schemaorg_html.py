"""JSON-LD blocks of HTML pages and plain values of schema.org nodes, for the
``schemaorg`` backend. Registers nothing.

Pages are parsed with the standard library's ``html.parser``. Every
``<script type="application/ld+json">`` block is read; a block wrapped in an HTML
comment or CDATA markers is unwrapped, invalid JSON is noted and skipped; ``@graph``
and top-level arrays are flattened into nodes.
"""

from __future__ import annotations

import codecs
import json
import re
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urldefrag, urljoin

from hub.harvesters.backends._feed_records import text

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
_WRAPPERS = re.compile(r"^\s*(?:<!--|<!\[CDATA\[)|(?:-->|\]\]>)\s*$")
MAX_DEPTH = 20


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.links: list[str] = []
        self._block: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "script":
            kind = values.get("type", "").split(";")[0].strip().lower()
            if kind == "application/ld+json":
                self._block = []
        elif tag == "a" and values.get("href"):
            self.links.append(values["href"])

    def handle_data(self, data: str) -> None:
        if self._block is not None:
            self._block.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._block is not None:
            self.blocks.append("".join(self._block))
            self._block = None


def decode(body: bytes, content_type: str | None) -> str:
    """The page's text: the HTTP charset, else a ``<meta charset>``, else UTF-8."""
    names = []
    if content_type and "charset=" in content_type.lower():
        names.append(content_type.lower().split("charset=")[1].split(";")[0].strip(" \"'"))
    if found := _META_CHARSET.search(body[:4096]):
        names.append(found.group(1).decode("ascii"))
    for name in (*names, "utf-8"):
        try:
            codecs.lookup(name)
        except LookupError:
            continue
        return body.decode(name, errors="replace")
    return body.decode("utf-8", errors="replace")


def read_page(html: str, page_url: str) -> tuple[list[str], list[str]]:
    """The JSON-LD blocks of a page and its links (absolute, without fragments)."""
    parser = _Page()
    parser.feed(html)
    parser.close()
    links = [urldefrag(urljoin(page_url, href.strip()))[0] for href in parser.links]
    return parser.blocks, list(dict.fromkeys(links))


def _flatten(value: Any, depth: int = 0) -> list[dict[str, Any]]:
    if depth > MAX_DEPTH:
        return []
    if isinstance(value, list):
        return [node for item in value for node in _flatten(item, depth + 1)]
    if not isinstance(value, dict):
        return []
    nodes = [value] if "@type" in value else []
    return nodes + _flatten(value.get("@graph"), depth + 1)


def nodes_of(blocks: list[str], page_url: str, notes: list[str]) -> list[dict[str, Any]]:
    """Every typed node of the page's blocks, in page order; broken blocks noted."""
    nodes: list[dict[str, Any]] = []
    for number, block in enumerate(blocks, 1):
        source = _WRAPPERS.sub("", block.strip())
        try:
            data = json.loads(source)
        except (ValueError, RecursionError) as exc:
            notes.append(f"{page_url}: JSON-LD block {number} skipped (invalid JSON: {exc})")
            continue
        nodes.extend(_flatten(data))
    return nodes


def types(node: dict[str, Any]) -> set[str]:
    """The node's types without prefix: ``schema:Dataset`` and the IRI give ``Dataset``."""
    found = node.get("@type")
    names = found if isinstance(found, list) else [found]
    return {re.split(r"[/#:]", str(n))[-1] for n in names if n}


def texts(value: Any) -> dict[str, str]:
    """Language -> text of a value (a string, ``{"@value", "@language"}`` or a list);
    an untagged text counts as Vietnamese."""
    found: dict[str, str] = {}
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, dict):
            shown = text(item.get("@value"))
            language = str(item.get("@language") or "vi")[:2].lower()
        else:
            shown = text(item) if isinstance(item, str | int | float) else None
            language = "vi"
        if shown:
            found.setdefault(language, shown)
    return found


def first(value: Any) -> str | None:
    found = texts(value)
    return found.get("vi") or next(iter(found.values()), None)


def name_of(value: Any) -> str | None:
    """A person's or organisation's name (``{"name": ...}``), or the text itself."""
    for item in value if isinstance(value, list) else [value]:
        shown = first(item.get("name")) if isinstance(item, dict) else first(item)
        if shown:
            return shown
    return None


def url_of(value: Any, base: str) -> str | None:
    """An absolute http(s) URL of a value (a string or ``{"url"|"@id"|"contentUrl"}``)."""
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, dict):
            item = item.get("url") or item.get("contentUrl") or item.get("@id")
        shown = text(item) if isinstance(item, str) else None
        if shown:
            absolute = urljoin(base, shown)
            if absolute.startswith(("http://", "https://")):
                return absolute
    return None


def listed(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]
