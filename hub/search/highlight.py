"""Snippets with the matched words marked, safe to put in HTML as they are.

Matching runs on the folded text, which has the length of the NFC text, so each
match maps back onto the original words, accents and capitals kept.
"""

from __future__ import annotations

import re
from html import escape

from hub.search.text import fold

_WORD = re.compile(r"[^\W_]+")


def _spans(text: str, terms: frozenset[str]) -> list[tuple[int, int]]:
    folded = fold(text)
    return [m.span() for m in _WORD.finditer(folded) if m.group() in terms]


def mark(text: str, terms: frozenset[str]) -> str:
    """All of ``text``, escaped, with every matched word in ``<mark>``."""
    return _render(text, _spans(text, terms), 0, len(text))


def snippet(text: str, terms: frozenset[str], length: int = 240) -> str:
    """About ``length`` characters around the first match, escaped and marked."""
    text = " ".join(text.split())
    if len(text) <= length:
        return _render(text, _spans(text, terms), 0, len(text))
    folded = fold(text)
    # Words are looked at up to the first match only, then within the window shown:
    # bodies run to thousands of characters and a page shows twenty of them.
    first = next((m.start() for m in _WORD.finditer(folded) if m.group() in terms), 0)
    start = max(0, first - length // 4)
    start = text.rfind(" ", 0, start) + 1 if start else 0
    end = min(len(text), start + length)
    space = text.rfind(" ", start, end)
    if end < len(text) and space > start:
        end = space
    spans = [m.span() for m in _WORD.finditer(folded, start, end) if m.group() in terms]
    return _render(text, spans, start, end)


def _render(text: str, spans: list[tuple[int, int]], start: int, end: int) -> str:
    out = ["…"] if start > 0 else []
    at = start
    for s, e in spans:
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        out += [escape(text[at:s]), "<mark>", escape(text[s:e]), "</mark>"]
        at = e
    out.append(escape(text[at:end]))
    if end < len(text):
        out.append("…")
    return "".join(out)
