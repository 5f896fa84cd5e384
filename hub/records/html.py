"""The safe subset of HTML that article bodies and other rich text may keep.

Sanitising happens once, when a record is written, with an allow-list (``nh3``,
bindings of the ammonia sanitiser): whatever the list does not name is dropped,
so scripts, event handlers, styles, frames and ``javascript:`` URLs never reach
the store, the API or a feed.
"""

from __future__ import annotations

import re
from html import unescape

import nh3

ALLOWED_TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "code", "em", "figcaption", "figure",
        "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "li", "ol", "p", "pre", "s", "small",
        "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Their content is dropped with them, not kept as text.
DROPPED_WITH_CONTENT = frozenset({"script", "style", "iframe", "object", "embed", "template"})


def sanitize_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


_BLOCK_TAG = re.compile(
    r"</?(?:p|br|li|ul|ol|h[1-6]|td|th|tr|table|div|blockquote|figure|figcaption|hr|pre)\b",
    re.IGNORECASE,
)


def plain_text(html: str) -> str:
    """The text of an HTML fragment, for summaries and search; blocks become spaces."""
    spaced = _BLOCK_TAG.sub(lambda m: " " + m.group(), html)
    return " ".join(
        unescape(
            nh3.clean(spaced, tags=set(), clean_content_tags=set(DROPPED_WITH_CONTENT))
        ).split()
    )
