"""Parse Vietnamese document numbers ("số ký hiệu") and find references in free text.

All matching runs on a *folded* copy of the NFC text that has exactly one character per
NFC character (accents stripped, Đ -> D, dashes -> "-"), so spans found in the folded
copy index the NFC text directly.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache

from hub.text import nfc

__all__ = [
    "DocumentNumber",
    "NumberError",
    "Reference",
    "extract_references",
    "law_title_key",
    "parse_number",
    "unique_references",
]


class NumberError(ValueError):
    """A document number that cannot be parsed; the message names the wrong part."""


# code -> (Vietnamese, English). Keys are the canonical spelling (with Đ, mixed case).
DOC_TYPES: dict[str, tuple[str, str]] = {
    "NĐ": ("Nghị định", "Decree"),
    "QĐ": ("Quyết định", "Decision"),
    "TT": ("Thông tư", "Circular"),
    "TTLT": ("Thông tư liên tịch", "Joint circular"),
    "NQ": ("Nghị quyết", "Resolution"),
    "NQLT": ("Nghị quyết liên tịch", "Joint resolution"),
    "CT": ("Chỉ thị", "Directive"),
    "L": ("Luật", "Law"),
    "PL": ("Pháp lệnh", "Ordinance"),
    "CV": ("Công văn", "Official letter"),
    "KH": ("Kế hoạch", "Plan"),
    "TB": ("Thông báo", "Notice"),
    "BC": ("Báo cáo", "Report"),
    "CĐ": ("Công điện", "Official dispatch"),
    "TTr": ("Tờ trình", "Submission"),
    "HD": ("Hướng dẫn", "Guidance"),
    "VBHN": ("Văn bản hợp nhất", "Consolidated text"),
}

ISSUERS: dict[str, tuple[str, str]] = {
    "CP": ("Chính phủ", "Government"),
    "TTg": ("Thủ tướng Chính phủ", "Prime Minister"),
    "QH": ("Quốc hội", "National Assembly"),
    "UBTVQH": ("Ủy ban Thường vụ Quốc hội", "Standing Committee of the National Assembly"),
    "CTN": ("Chủ tịch nước", "President"),
    "UBND": ("Ủy ban nhân dân", "People's Committee"),
    "HĐND": ("Hội đồng nhân dân", "People's Council"),
    "VPCP": ("Văn phòng Chính phủ", "Office of the Government"),
    "BTTTT": ("Bộ Thông tin và Truyền thông", "Ministry of Information and Communications"),
    "BTC": ("Bộ Tài chính", "Ministry of Finance"),
    "BTP": ("Bộ Tư pháp", "Ministry of Justice"),
    "BNV": ("Bộ Nội vụ", "Ministry of Home Affairs"),
    "BKHĐT": ("Bộ Kế hoạch và Đầu tư", "Ministry of Planning and Investment"),
    "BCA": ("Bộ Công an", "Ministry of Public Security"),
    "BQP": ("Bộ Quốc phòng", "Ministry of National Defence"),
    "BGDĐT": ("Bộ Giáo dục và Đào tạo", "Ministry of Education and Training"),
    "BYT": ("Bộ Y tế", "Ministry of Health"),
    "BCT": ("Bộ Công Thương", "Ministry of Industry and Trade"),
    "BTNMT": ("Bộ Tài nguyên và Môi trường", "Ministry of Natural Resources and Environment"),
    "BNNPTNT": (
        "Bộ Nông nghiệp và Phát triển nông thôn",
        "Ministry of Agriculture and Rural Development",
    ),
    "BXD": ("Bộ Xây dựng", "Ministry of Construction"),
    "BGTVT": ("Bộ Giao thông vận tải", "Ministry of Transport"),
    "BLĐTBXH": (
        "Bộ Lao động - Thương binh và Xã hội",
        "Ministry of Labour, Invalids and Social Affairs",
    ),
    "BVHTTDL": ("Bộ Văn hóa, Thể thao và Du lịch", "Ministry of Culture, Sports and Tourism"),
    "BKHCN": ("Bộ Khoa học và Công nghệ", "Ministry of Science and Technology"),
    "NHNN": ("Ngân hàng Nhà nước Việt Nam", "State Bank of Vietnam"),
    "STTTT": ("Sở Thông tin và Truyền thông", "Department of Information and Communications"),
    "TANDTC": ("Tòa án nhân dân tối cao", "Supreme People's Court"),
    "VKSNDTC": ("Viện kiểm sát nhân dân tối cao", "Supreme People's Procuracy"),
    "KTNN": ("Kiểm toán nhà nước", "State Audit Office"),
}

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
# Known codes by folded upper form; restores Đ and mixed case (TTg, TTr) in written symbols.
_KNOWN = {c.replace("Đ", "D").upper(): c for c in [*DOC_TYPES, *ISSUERS, "TTĐT", "SKHĐT"]}
# Words that name a document type before its number, folded and lower case.
_KIND_WORDS: dict[str, str] = {}


def _fold_char(ch: str) -> str:
    if ch in "Đđ":
        return "D" if ch == "Đ" else "d"
    if ch in _DASHES:
        return "-"
    return unicodedata.normalize("NFD", ch)[0]


class _FoldTable(dict):
    """``str.translate`` table filled on first sight of each character."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLD_TABLE = _FoldTable()


def _fold(text: str) -> str:
    """Fold an NFC string keeping its length (one output char per input char)."""
    return text.translate(_FOLD_TABLE)


_KIND_WORDS.update({_fold(vi).lower(): code for code, (vi, _) in DOC_TYPES.items()})
_KINDS_RE = "|".join(
    re.escape(_fold(w)).replace(r"\ ", r"\s+") for w in sorted(_KIND_WORDS, key=len, reverse=True)
)
_PREFIX_RE = re.compile(
    rf"^\s*(?:(?P<kind>{_KINDS_RE})\b(?:[^\d/]*?\bso\s*:?\s*(?=\d)|\s*)|so\s*:?)?\s*",
    re.IGNORECASE,
)
_KIND_BEFORE_RE = re.compile(rf"(?<![A-Za-z])(?P<kind>{_KINDS_RE})\s*(?:so\b)?\s*:?\s*$", re.I)
_LAW_BEFORE_RE = re.compile(r"(?s:.*)\bLuat\b(?P<title>[^\n;.()/\d]{1,100}?)\s*\bso\s*:?\s*$")
_NUMBER_IN_TEXT_RE = re.compile(
    r"(?<![\w/.])\d{1,5}[ \t]*/[ \t]*(?:\d{4}[ \t]*/[ \t]*)?[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*"
)
_DATE_RE = re.compile(
    r"\s*,?\s*ngay\s+(?:(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})"
    r"|(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4}))\b",
    re.IGNORECASE,
)
_LAW_RE = re.compile(r"(?<![A-Za-z])Luat\b")
_TOKEN_RE = re.compile(r"(,?[ \t]*\n?[ \t]*)([A-Za-z]+)")
_PART_RE = re.compile(r"[A-Za-z0-9]+")
_QH_RE = re.compile(r"QH(\d+)", re.IGNORECASE)
# After "và", these words start another reference, so a law title ends before "và".
_NEXT_REF_WORDS = {"dieu", "khoan", "diem", "chuong", "luat", "cac", "theo"} | {
    w.split()[0] for w in _KIND_WORDS
}


@dataclass(frozen=True)
class DocumentNumber:
    number: str
    year: int | None
    symbol: str
    type_code: str | None
    type_vi: str | None
    type_en: str | None
    issuer_code: str
    issuer_vi: str | None
    issuer_en: str | None

    # Cached: an import reads each cited number's key several times.
    @cached_property
    def canonical(self) -> str:
        middle = f"/{self.year}/" if self.year is not None else "/"
        return f"{self.number}{middle}{self.symbol}"

    @cached_property
    def key(self) -> str:
        return _fold(self.canonical).upper()


@dataclass(frozen=True)
class Reference:
    number: DocumentNumber | None
    doc_type: str | None  # Vietnamese type name, e.g. "Nghị định"
    title: str | None  # law title when the law is cited by name
    date: date | None
    start: int
    end: int

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)

    @property
    def key(self) -> str:
        if self.number is not None:
            return self.number.key
        return law_title_key(self.title or "")


LAW_PREFIX = "LAW:"  # keys of laws cited by title, beside the keys of numbers
_TITLE_TAIL = re.compile(r"\s*(?:[:(].*|,?\s*(?:nam\s+)?\d{4}\s*)$", re.DOTALL)


def law_title_key(title: str) -> str:
    """The key of a law cited by its title: "Luật Công nghệ thông tin" -> "LAW:luat cong...".

    A subtitle after ":" or "(" and a trailing year ("năm 2015", "2015") are not part of
    the title, so "Luật Thống kê 2015" and "Luật Thống kê" share a key; the year tells
    laws of the same title apart when a reference is resolved.
    """
    folded = _fold(nfc(title)).lower()
    return LAW_PREFIX + " ".join(_TITLE_TAIL.sub("", folded).replace(",", " ").split())


def _normalise_part(part: str) -> str:
    folded = _fold(part).upper()
    if folded in _KNOWN:
        return _KNOWN[folded]
    if qh := _QH_RE.fullmatch(folded):
        return f"QH{qh.group(1)}"
    return part.upper()


def _parse_symbol(raw: str) -> list[str]:
    symbol = re.sub(r"\s*-\s*", "-", raw.strip())
    if not symbol:
        raise NumberError("no symbol after the number")
    parts = symbol.split("-")
    if any(not p for p in parts):
        raise NumberError(f"the symbol '{symbol}' has an empty part")
    for part in parts:
        if not _PART_RE.fullmatch(_fold(part)):
            raise NumberError(f"the symbol part '{part}' must be letters and digits only")
    if not parts[0][0].isalpha():
        raise NumberError(f"the symbol '{symbol}' must start with a letter")
    return [_normalise_part(p) for p in parts]


def _names(codes: list[str], table: dict[str, tuple[str, str]]) -> tuple[str | None, str | None]:
    found = [table.get(c) for c in codes]
    if not found or any(f is None for f in found):
        return None, None
    return ", ".join(f[0] for f in found if f), ", ".join(f[1] for f in found if f)


def _build(number: str, year: int | None, parts: list[str], kind: str | None) -> DocumentNumber:
    symbol = "-".join(parts)
    type_code: str | None
    if parts[0] in DOC_TYPES:
        if len(parts) == 1:
            raise NumberError(f"the symbol '{symbol}' names no issuer after the type")
        type_code = parts[0]
        # Joint documents list every issuer; others may add a drafting unit we ignore.
        issuers = parts[1:] if type_code in ("TTLT", "NQLT") else parts[1:2]
    elif len(parts) == 1:
        issuers = [parts[0]]
        is_qh = _QH_RE.fullmatch(parts[0]) is not None
        type_code = kind or ("L" if is_qh else None)
    else:
        # Letters (công văn) carry no type code: issuer first, then the drafting unit.
        issuers = parts[:1]
        type_code = kind or "CV"
    issuers = ["QH" if _QH_RE.fullmatch(c) else c for c in issuers]
    type_vi, type_en = DOC_TYPES.get(type_code, (None, None)) if type_code else (None, None)
    issuer_vi, issuer_en = _names(issuers, ISSUERS)
    return DocumentNumber(
        number=number,
        year=year,
        symbol=symbol,
        type_code=type_code,
        type_vi=type_vi,
        type_en=type_en,
        issuer_code="-".join(issuers),
        issuer_vi=issuer_vi,
        issuer_en=issuer_en,
    )


@lru_cache(maxsize=65536)  # the same decrees are cited again and again
def _parse_body(body: str, kind: str | None) -> DocumentNumber:
    """Parse "number[/year]/symbol" (NFC, dashes already unified)."""
    if not body or not body[0].isdigit():
        raise NumberError(f"the number must start with digits, got {body[:20]!r}")
    pieces = [p.strip() for p in body.split("/")]
    number = pieces[0]
    if not number.isdigit():
        raise NumberError(f"the number '{number}' must be digits only")
    if len(pieces) == 1:
        raise NumberError("no symbol after the number")
    if len(pieces) > 3:
        raise NumberError(f"too many '/' in '{body.strip()}' (expected number/year/symbol)")
    year: int | None = None
    if len(pieces) == 3:
        raw_year = pieces[1]
        if not (raw_year.isascii() and raw_year.isdigit() and len(raw_year) == 4):
            raise NumberError(f"the year '{raw_year}' is not a year")
        year = int(raw_year)
        if not 1945 <= year <= 2100:
            raise NumberError(f"the year '{raw_year}' is out of range (1945-2100)")
    elif pieces[1].isdigit() and len(pieces[1]) == 4:
        raise NumberError(f"no symbol after the year '{pieces[1]}'")
    return _build(number, year, _parse_symbol(pieces[-1]), kind)


def parse_number(text: str) -> DocumentNumber:
    """Parse one document number, e.g. "Nghị định số 43/2011/NĐ-CP" or "1526/QD-UBND"."""
    value = "".join("-" if ch in _DASHES else ch for ch in nfc(text)).strip()
    if not value:
        raise NumberError("the text is empty")
    prefix = _PREFIX_RE.match(_fold(value))
    assert prefix is not None  # every part of the pattern is optional
    kind = _KIND_WORDS.get(" ".join(prefix["kind"].lower().split())) if prefix["kind"] else None
    return _parse_body(value[prefix.end() :], kind)


def _date_after(folded: str, pos: int) -> tuple[date | None, int]:
    m = _DATE_RE.match(folded, pos)
    if not m:
        return None, pos
    g = m.groups()
    day, month, year = (g[0], g[1], g[2]) if g[0] else (g[3], g[4], g[5])
    try:
        return date(int(year), int(month), int(day)), m.end()
    except ValueError:
        return None, pos


def _law_title_end(folded: str, pos: int) -> int:
    """Return where a law title that starts with "Luật" at ``pos`` ends."""
    end = pos + 4
    words: list[str] = []
    while m := _TOKEN_RE.match(folded, end):
        sep, word = m.groups()
        low = word.lower()
        amending = words[:2] == ["sua", "doi"]
        if low in ("ngay", "nam", "thang") or ("," in sep and not amending):
            break
        if low == "so" and re.match(r"\s*:?\s*\d", folded[m.end() :]):
            break
        if low == "va":
            nxt = _TOKEN_RE.match(folded, m.end())
            if nxt and nxt[2].lower() in _NEXT_REF_WORDS and not (amending and nxt[2] == "Luat"):
                break
        words.append(low)
        end = m.end()
    return end if words else pos


def extract_references(text: str) -> list[Reference]:
    """Every document reference in ``text``, in order. Spans index the NFC form of ``text``."""
    value = nfc(text)
    folded = _fold(value)
    refs: list[Reference] = []
    for m in _NUMBER_IN_TEXT_RE.finditer(folded):
        before = folded[max(0, m.start() - 160) : m.start()]
        kind_match = _KIND_BEFORE_RE.search(before)
        law_match = _LAW_BEFORE_RE.match(before)
        if law_match and not re.search("[A-Za-z]", law_match["title"]):
            law_match = None  # "Luật số 60/2024/QH15": the kind alone, no title
        if kind_match and law_match and kind_match["kind"].lower() != "luat":
            law_match = None  # "Luật ... Nghị định số 5/...": the nearer kind wins
        if law_match:
            kind_match = None
        kind = None
        start = m.start()
        title = None
        if kind_match:
            kind = _KIND_WORDS.get(" ".join(kind_match["kind"].lower().split()))
            start = m.start() - len(before) + kind_match.start("kind")
        elif law_match:
            kind = "L"
            offset = m.start() - len(before)
            start = offset + law_match.start("title") - 4
            title = " ".join(value[start : offset + law_match.end("title")].split())
        try:
            number = _parse_body(value[m.start() : m.end()], kind)
        except NumberError:
            continue
        when, end = _date_after(folded, m.end())
        doc_type = DOC_TYPES[kind][0] if kind else number.type_vi
        refs.append(Reference(number, doc_type, title, when, start, end))
    covered = 0  # laws named inside an amending law's title are not cited on their own
    for m in _LAW_RE.finditer(folded):
        if m.start() < covered:
            continue
        end = covered = _law_title_end(folded, m.start())
        if end == m.start() or re.match(r"\s*so\s*:?\s*\d", folded[end:]):
            continue  # "Luật" alone, or a numbered law already found above
        title = " ".join(value[m.start() : end].split())
        when, date_end = _date_after(folded, end)
        refs.append(Reference(None, "Luật", title, when, m.start(), date_end))
    return sorted(refs, key=lambda r: r.start)


def unique_references(refs: Iterable[Reference]) -> list[Reference]:
    """Keep the first reference per number key (per folded title for unnumbered laws)."""
    seen: set[str] = set()
    out: list[Reference] = []
    for ref in refs:
        if ref.key not in seen:
            seen.add(ref.key)
            out.append(ref)
    return out
