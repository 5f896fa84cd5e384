"""Vietnamese text for search: folding, syllables, bigrams, stop words, query parsing.

Documents and queries go through the same folding, so ``ngan sach``, ``ngân sách``,
``NGÂN SÁCH`` and decomposed input meet; đ/Đ fold to d. Vietnamese words are made
of syllables, so each pair of adjacent syllables is indexed as one more token
(``dan`` + ``so`` -> ``dan0so``): a query ranks documents holding the phrase above
those holding the syllables far apart, with any engine. Document numbers get a token
of their own (``47/2020/NĐ-CP`` -> ``n47x2020xndxcp``) so that asking for a number
finds that document first.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from hub.legal.numbers import NumberError, extract_references, parse_number

BIGRAM_JOINER = "0"  # kept inside one token by FTS5 and by PostgreSQL's parser
NUMBER_PREFIX = "n"
# Frequent function words: kept in the index (phrases need their positions) but not
# required by a query, so they do not drown the ranking. Folded forms.
# Folding merges words ("tài" and "tại" are both "tai"), so only forms that are almost
# never a content word are listed: "tai", "tu", "co", "de" stay (Sở Tài chính, Tư pháp).
STOP_WORDS = frozenset(
    """va cua cac la duoc cho nhung nay theo mot khi thi nhu neu hoac cung bi boi rang se
    van hay voi""".split()
)
_QUOTED = re.compile(r'"([^"]*)"')


class _FoldTable(dict):
    """``str.translate`` table: each character to its folded lower-case base, or a space."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if char in "đĐ":
            folded = "d"
        else:
            base = unicodedata.normalize("NFD", char)[0].lower()
            folded = base if base.isalnum() else " "
        self[code] = folded
        return folded


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """Folded text of the same length: letters lower-case without marks, others spaces.

    NFC first, so decomposed input folds like composed input; the length is that of the
    NFC text, which lets snippets map matches back onto it.
    """
    return unicodedata.normalize("NFC", text).translate(_FOLD)


def _decomposes_to_ascii(char: str) -> bool:
    decomposed = unicodedata.normalize("NFD", char)
    return decomposed[0].isascii() and all(unicodedata.combining(c) for c in decomposed[1:])


# Characters folded by the fast path: ASCII, đ/Đ and the Latin letters (Vietnamese
# ones included) that decompose to an ASCII letter and marks.
_LATIN = "".join(
    chr(code)
    for code in [*range(0x80, 0x250), *range(0x1E00, 0x1F00)]
    if chr(code).isalpha() and _decomposes_to_ascii(chr(code))
)
_ELSEWHERE = re.compile("[^\\x00-\\x7f" + re.escape(_LATIN) + "đĐ]")
_ASCII_FOLD = bytes(
    (c + 32 if 65 <= c <= 90 else c if chr(c).isalnum() else 32) for c in range(256)
)


def syllables(text: str) -> list[str]:
    """The folded syllables of a text: ``fold(text).split()``.

    Text in ASCII and Latin letters (all Vietnamese text) takes a path that runs in C:
    decompose, drop the marks, fold ASCII by a byte table. Folding character by
    character in Python was the largest cost of indexing. Anything else (other
    scripts, decomposed input) goes through ``fold``, which the result equals.
    """
    if _ELSEWHERE.search(text) is not None:
        return fold(text).split()
    plain = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return plain.encode("ascii", "ignore").translate(_ASCII_FOLD).decode("ascii").split()


def bigrams(tokens: list[str]) -> list[str]:
    return [f"{a}{BIGRAM_JOINER}{b}" for a, b in zip(tokens, tokens[1:], strict=False)]


def index_text(text: str, pairs: int | None = None) -> str:
    """What the engine indexes for a field: its syllables, then its syllable pairs.

    The pairs come after all syllables, so phrase positions among syllables hold.
    ``pairs`` limits them to the lead of a long text: pairs are rare tokens, and each
    new token costs the index more than a repeated one (all pairs of a 300-syllable
    body made indexing six times slower).
    """
    tokens = syllables(text)
    lead = tokens if pairs is None else tokens[: pairs + 1]
    return " ".join(tokens + bigrams(lead))


BODY_PAIRS = 40  # a body's lead, where the words that matter most are


def index_body(text: str) -> str:
    return index_text(text, BODY_PAIRS)


def number_token(canonical: str) -> str | None:
    """The index token of a document number, from any written form; None if not one."""
    try:
        key = parse_number(canonical).key
    except NumberError:
        return None
    parts = re.findall(r"[a-z0-9]+", fold(key))
    return NUMBER_PREFIX + "x".join(parts)


def numbers_text(numbers: tuple[str, ...] | list[str]) -> str:
    return " ".join(t for t in map(number_token, numbers) if t)


@dataclass(frozen=True)
class ParsedQuery:
    """A query as every backend executes it (all tokens folded, alphanumeric only)."""

    required: tuple[str, ...] = ()  # syllables every hit must hold
    boosts: tuple[str, ...] = ()  # syllable pairs: rank higher, not required
    phrases: tuple[tuple[str, ...], ...] = ()  # quoted: the syllables in this order
    numbers: tuple[str, ...] = ()  # number tokens: such a document comes first
    terms: frozenset[str] = field(default_factory=frozenset)  # what snippets mark

    @property
    def empty(self) -> bool:
        return not (self.required or self.phrases or self.numbers)


def parse_query(text: str, max_length: int = 1000) -> ParsedQuery:
    """Free text as a user types it; quotes make phrases. Engine syntax has no effect:
    everything that is not a letter or digit is a separator."""
    text = text[:max_length]
    numbers = _numbers_in(text)
    phrases = []
    for quoted in _QUOTED.findall(text):
        tokens = syllables(quoted)
        if len(tokens) > 1:
            phrases.append(tuple(tokens))
    words = syllables(_QUOTED.sub(lambda m: " " + m.group(1) + " ", text))
    content = [w for w in words if w not in STOP_WORDS]
    required = tuple(dict.fromkeys(content or words))
    pairs = tuple(dict.fromkeys(bigrams(words)))
    return ParsedQuery(
        required=required,
        boosts=pairs,
        phrases=tuple(phrases),
        numbers=tuple(dict.fromkeys(numbers)),
        terms=frozenset(words),
    )


def _numbers_in(text: str) -> list[str]:
    tokens = [
        number_token(ref.number.canonical)
        for ref in extract_references(text)
        if ref.number is not None
    ]
    if not tokens:
        whole = number_token(text.strip()) if len(text) <= 200 else None
        tokens = [whole] if whole else []
    return [t for t in tokens if t]
