"""CKAN's ``q`` / ``fq`` filter syntax (the Solr subset harvesters send), parsed to a tree.

Accepted::

    organization:so-tai-chinh  -organization:x  +tags:"ngân sách"  res_format:CSV
    groups:(econ OR soci)  metadata_modified:[2025-01-01T00:00:00Z TO *]
    metadata_created:{* TO NOW-1DAY}  *:*  (a OR b) c  NOT x  free words  "a phrase"

Terms separated by spaces (or ``AND``/``&&``) are all required; ``OR``/``||`` binds
tighter than that, so ``organization:a OR organization:b -groups:x`` (what the CKAN
harvester sends) means ``(a OR b) AND NOT x``. Words without a field are free text.
Anything else (unknown fields, unbalanced brackets or quotes, bad dates) raises
``SearchError``; values are only ever compared as bound parameters by the compiler
in ``hub.ckan.search``.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from hub.ckan.errors import SearchError

MAX_LENGTH = 10_000  # characters of q or fq: no real filter is longer
MAX_DEPTH = 32  # nesting of groups and negations

# Field name -> kind. Aliases CKAN's index also knows are mapped to the same kinds.
FIELDS = {
    "organization": "organization",
    "owner_org": "owner_org",
    "groups": "groups",
    "tags": "tags",
    "res_format": "res_format",
    "license_id": "license_id",
    "name": "name",
    "id": "id",
    "type": "type",
    "dataset_type": "type",
    "metadata_modified": "date",
    "metadata_created": "date",
    "text": "text",
}
DATE_FIELDS = frozenset({"metadata_modified", "metadata_created"})


@dataclass(frozen=True)
class Node:
    pass


@dataclass(frozen=True)
class Everything(Node):
    """``*:*``"""


@dataclass(frozen=True)
class Text(Node):
    """Free text, matched by the search index (and a folded match for private data)."""

    words: str


@dataclass(frozen=True)
class Term(Node):
    field: str
    value: str  # "*" is any value


@dataclass(frozen=True)
class Range(Node):
    field: str
    low: datetime | None  # None: open
    high: datetime | None
    include_low: bool = True
    include_high: bool = True


@dataclass(frozen=True)
class Not(Node):
    node: Node


@dataclass(frozen=True)
class And(Node):
    nodes: tuple[Node, ...]


@dataclass(frozen=True)
class Or(Node):
    nodes: tuple[Node, ...]


# -- tokens ------------------------------------------------------------------------------

_PUNCT = "()[]{}"
_OR, _AND = ("OR", "||"), ("AND", "&&")
_FIELD = re.compile(r"^([A-Za-z_][A-Za-z0-9_.]*):(.*)$", re.DOTALL)


@dataclass(frozen=True)
class Token:
    kind: str  # word | quoted | ( ) [ ] { } | + | - | !
    text: str
    raw: str = ""  # a word as written (escapes kept), for field detection


def tokenize(source: str) -> list[Token]:
    tokens: list[Token] = []
    i, n = 0, len(source)
    while i < n:
        char = source[i]
        if char.isspace():
            i += 1
        elif char in _PUNCT:
            tokens.append(Token(char, char))
            i += 1
        elif char == '"':
            i = _quoted(source, i, tokens)
        elif char in "+-!" and i + 1 < n and not source[i + 1].isspace():
            # Words swallow their own signs ("NOW-1DAY"): here one opens a clause.
            tokens.append(Token(char, char))
            i += 1
        else:
            i = _word(source, i, tokens)
    return tokens


def _quoted(source: str, i: int, tokens: list[Token]) -> int:
    out, i = [], i + 1
    while i < len(source):
        char = source[i]
        if char == "\\" and i + 1 < len(source):
            out.append(source[i + 1])
            i += 2
        elif char == '"':
            tokens.append(Token("quoted", "".join(out)))
            return i + 1
        else:
            out.append(char)
            i += 1
    raise SearchError("Search Query Error: unbalanced quotes in the query")


def _word(source: str, i: int, tokens: list[Token]) -> int:
    out, start = [], i
    while i < len(source):
        char = source[i]
        if char == "\\" and i + 1 < len(source):
            out.append(source[i + 1])
            i += 2
            continue
        if char.isspace() or char in _PUNCT or char == '"':
            # A quote right after "field:" opens the value.
            break
        out.append(char)
        i += 1
    tokens.append(Token("word", "".join(out), source[start:i]))
    return i


# -- parser ------------------------------------------------------------------------------


class _Parser:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.at = 0
        self.depth = 0

    def peek(self, offset: int = 0) -> Token | None:
        at = self.at + offset
        return self.tokens[at] if at < len(self.tokens) else None

    def take(self) -> Token:
        token = self.peek()
        if token is None:
            raise SearchError("Search Query Error: the query ends too early")
        self.at += 1
        return token

    def expect(self, kind: str) -> Token:
        token = self.take()
        if token.kind != kind:
            raise SearchError(f"Search Query Error: expected '{kind}', found '{token.text}'")
        return token

    def _is_word(self, *texts: str) -> bool:
        token = self.peek()
        return token is not None and token.kind == "word" and token.text in texts

    def conjunction(self, closing: str | None) -> Node:
        nodes = [self.disjunction()]
        while True:
            token = self.peek()
            if token is None or token.kind == closing:
                break
            if token.kind in ")]}":
                raise SearchError(f"Search Query Error: unbalanced '{token.text}'")
            if self._is_word(*_AND):
                self.take()
            nodes.append(self.disjunction())
        return nodes[0] if len(nodes) == 1 else And(tuple(nodes))

    def disjunction(self) -> Node:
        nodes = [self.unary()]
        while self._is_word(*_OR):
            self.take()
            nodes.append(self.unary())
        return nodes[0] if len(nodes) == 1 else Or(tuple(nodes))

    def unary(self) -> Node:
        token = self.peek()
        if token is not None and token.kind in ("+", "-", "!"):
            self.take()
            inner = self._nested(self.unary)
            return inner if token.kind == "+" else Not(inner)
        if self._is_word("NOT"):
            self.take()
            return Not(self._nested(self.unary))
        return self.primary()

    def _nested(self, parse: Callable[[], Node]) -> Node:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise SearchError("Search Query Error: the query nests too deeply")
        try:
            return parse()
        finally:
            self.depth -= 1

    def primary(self) -> Node:
        token = self.take()
        if token.kind == "(":
            inner = self._nested(lambda: self.conjunction(")"))
            self.expect(")")
            return inner
        if token.kind == "quoted":
            return Text(f'"{token.text}"')
        if token.kind != "word":
            raise SearchError(f"Search Query Error: unexpected '{token.text}'")
        if token.raw == "*:*":
            return Everything()
        found = _FIELD.match(token.raw)
        if found is None:
            return Text(token.text)
        field = found.group(1)
        if field not in FIELDS:
            raise SearchError(f"Search Query Error: unknown field '{field}'")
        value = token.text[len(field) + 1 :]
        return self.value(field, value)

    def value(self, field: str, written: str) -> Node:
        if written:
            return self.term(field, written)
        token = self.take()
        if token.kind == "quoted":
            return self.term(field, token.text)
        if token.kind == "(":
            return self._nested(lambda: self.value_group(field))
        if token.kind in "[{":
            return self.range(field, token.kind == "[")
        raise SearchError(f"Search Query Error: no value for field '{field}'")

    def value_group(self, field: str) -> Node:
        """``field:(a OR b c)``: the same operators, on values of one field."""
        groups: list[Node] = []
        alternatives: list[Node] = []
        while True:
            token = self.take()
            if token.kind == ")":
                break
            if token.kind == "word" and token.text in _OR:
                continue
            if token.kind == "word" and token.text in _AND:
                groups.append(_either(alternatives))
                alternatives = []
                continue
            if token.kind not in ("word", "quoted"):
                raise SearchError(f"Search Query Error: unexpected '{token.text}'")
            previous = self.tokens[self.at - 2] if self.at >= 2 else None
            joined = previous is not None and previous.kind == "word" and previous.text in _OR
            if alternatives and not joined:
                groups.append(_either(alternatives))
                alternatives = []
            alternatives.append(self.term(field, token.text))
        if alternatives:
            groups.append(_either(alternatives))
        if not groups:
            raise SearchError(f"Search Query Error: no value for field '{field}'")
        return groups[0] if len(groups) == 1 else And(tuple(groups))

    def range(self, field: str, include_low: bool) -> Node:
        if field not in DATE_FIELDS:
            raise SearchError(f"Search Query Error: field '{field}' takes no range")
        low = self.take()
        if not self._is_word("TO"):
            raise SearchError("Search Query Error: a range needs 'TO'")
        self.take()
        high = self.take()
        closing = self.take()
        if low.kind != "word" or high.kind != "word" or closing.kind not in "]}":
            raise SearchError("Search Query Error: a range is [from TO to] or {from TO to}")
        return Range(
            field,
            parse_date(low.text, open_ok=True),
            parse_date(high.text, open_ok=True),
            include_low,
            closing.kind == "]",
        )

    def term(self, field: str, value: str) -> Node:
        value = unicodedata.normalize("NFC", value).strip()
        if not value:
            raise SearchError(f"Search Query Error: no value for field '{field}'")
        if field == "text":
            return Text(value)
        if field in DATE_FIELDS:
            if value == "*":
                return Term(field, "*")
            moment = parse_date(value)
            return Range(field, moment, moment)
        return Term(field, value)


def _either(nodes: list[Node]) -> Node:
    return nodes[0] if len(nodes) == 1 else Or(tuple(nodes))


def parse(source: str) -> Node:
    """The tree of one q or fq string; an empty string is ``Everything``."""
    if len(source) > MAX_LENGTH:
        raise SearchError(f"Search Query Error: longer than {MAX_LENGTH} characters")
    if "\x00" in source:
        raise SearchError("Search Query Error: invalid characters")
    tokens = tokenize(source)
    if not tokens:
        return Everything()
    parser = _Parser(tokens)
    node = parser.conjunction(None)
    if parser.peek() is not None:
        raise SearchError(f"Search Query Error: unbalanced '{parser.peek().text}'")
    return node


# -- dates -------------------------------------------------------------------------------

_ISO = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?"
    r"(Z|[+-]\d{2}:?\d{2})?"
)
_MATH = re.compile(r"([+-])(\d+)([A-Z]+)|/([A-Z]+)")
_UNITS = {
    "YEAR": "year",
    "YEARS": "year",
    "MONTH": "month",
    "MONTHS": "month",
    "DAY": "day",
    "DAYS": "day",
    "DATE": "day",
    "HOUR": "hour",
    "HOURS": "hour",
    "MINUTE": "minute",
    "MINUTES": "minute",
    "SECOND": "second",
    "SECONDS": "second",
}


def parse_date(text: str, open_ok: bool = False) -> datetime | None:
    """A Solr date: ISO 8601 (UTC when no zone), ``NOW``, with date math
    (``NOW-7DAYS``, ``NOW/DAY``); ``*`` is open (None) where a range allows it."""
    text = text.strip()
    if text == "*" and open_ok:
        return None
    base, rest = _date_base(text)
    try:
        for sign, amount, unit, round_to in _MATH.findall(rest):
            if round_to:
                base = _round(base, _unit(round_to))
            else:
                base = _shift(base, int(amount) * (1 if sign == "+" else -1), _unit(unit))
        if _MATH.sub("", rest):
            raise ValueError(rest)
    except (ValueError, OverflowError):
        raise SearchError(f"Search Query Error: invalid date '{text}'") from None
    return base


def _date_base(text: str) -> tuple[datetime, str]:
    if text.startswith("NOW"):
        return datetime.now(UTC), text[3:]
    found = _ISO.match(text)
    if found is None:
        raise SearchError(f"Search Query Error: invalid date '{text}'")
    year, month, day, hour, minute, second, fraction, zone = found.groups()
    try:
        moment = datetime(
            int(year),
            int(month),
            int(day),
            int(hour or 0),
            int(minute or 0),
            int(second or 0),
            int((fraction or "0").ljust(6, "0")[:6]),
            tzinfo=UTC,
        )
        if zone and zone != "Z":
            sign = 1 if zone[0] == "+" else -1
            digits = zone[1:].replace(":", "")
            moment -= sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    except (ValueError, OverflowError):
        raise SearchError(f"Search Query Error: invalid date '{text}'") from None
    return moment, text[found.end() :]


def _unit(name: str) -> str:
    if name not in _UNITS:
        raise ValueError(name)
    return _UNITS[name]


def _shift(moment: datetime, amount: int, unit: str) -> datetime:
    if unit in ("year", "month"):
        months = moment.month - 1 + amount * (12 if unit == "year" else 1)
        year, month = moment.year + months // 12, months % 12 + 1
        day = min(moment.day, calendar.monthrange(year, month)[1])
        return moment.replace(year=year, month=month, day=day)
    return moment + timedelta(**{f"{unit}s": amount})


def _round(moment: datetime, unit: str) -> datetime:
    order = ["year", "month", "day", "hour", "minute", "second", "microsecond"]
    keep = order.index(unit)
    zero = {name: (1 if name in ("month", "day") else 0) for name in order[keep + 1 :]}
    return moment.replace(**zero)
