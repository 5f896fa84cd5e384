"""Text encodings of uploaded tables: detection and decoding to Unicode.

Files from government offices arrive as UTF-8 (with or without a BOM), UTF-16,
Windows-1258 or one of the two legacy Vietnamese font encodings, TCVN3 ("ABC",
TCVN 5712:1993 VN3) and VNI Windows. Importing this module registers Python
codecs named ``tcvn3`` and ``vni``; ``detect_encoding`` names the codec of a
sample and ``open_text`` wraps an uploaded byte stream in a decoding text
stream without reading more of it than the sample.
"""

from __future__ import annotations

import codecs
import io
import re
import unicodedata
from collections import Counter
from functools import lru_cache
from itertools import islice
from typing import BinaryIO

SAMPLE_BYTES = 1 << 16

LEGACY_ENCODINGS = frozenset({"cp1258", "tcvn3", "vni"})

_LABELS = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 with BOM",
    "utf-16": "UTF-16",
    "utf-16-le": "UTF-16",
    "utf-16-be": "UTF-16",
    "cp1258": "Windows-1258",
    "tcvn3": "TCVN3 (ABC)",
    "vni": "VNI Windows",
}


def describe(codec: str) -> str:
    """A human label for a codec name returned by ``detect_encoding``."""
    try:
        name = codecs.lookup(codec).name
    except LookupError:
        return codec
    return _LABELS.get(name, codec)


# --- Vietnamese letters ----------------------------------------------------------------------

# Tone marks in the order the legacy tables list them: huyền, hỏi, ngã, sắc, nặng.
_GRAVE, _HOOK, _TILDE, _ACUTE, _DOT = "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"
_TONES = (_GRAVE, _HOOK, _TILDE, _ACUTE, _DOT)
_CIRCUMFLEX, _BREVE = "\u0302", "\u0306"
_VOWELS = "aăâeêioôơuưy"


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _split_letter(letter: str) -> tuple[str, str]:
    """A Vietnamese letter as (letter without its tone, tone mark or "")."""
    decomposed = unicodedata.normalize("NFD", letter)
    tone = "".join(ch for ch in decomposed if ch in _TONES)
    return _nfc("".join(ch for ch in decomposed if ch not in _TONES)), tone


_LOWER_LETTERS = [_nfc(v + t) for v in _VOWELS for t in ("", *_TONES)] + ["đ"]
# Every Vietnamese letter outside ASCII: 66 marked vowels and đ, in both cases.
_VIETNAMESE_LETTERS = frozenset(
    ch for low in _LOWER_LETTERS for ch in (low, low.upper()) if not ch.isascii()
)

# --- TCVN3 (ABC) -----------------------------------------------------------------------------

# Codes of each vowel: plain, then with grave, hook, tilde, acute, dot below (None: ASCII).
_TCVN3_VOWELS = {
    "a": (None, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9),
    "ă": (0xA8, 0xBB, 0xBC, 0xBD, 0xBE, 0xC6),
    "â": (0xA9, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB),
    "e": (None, 0xCC, 0xCE, 0xCF, 0xD0, 0xD1),
    "ê": (0xAA, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6),
    "i": (None, 0xD7, 0xD8, 0xDC, 0xDD, 0xDE),
    "o": (None, 0xDF, 0xE1, 0xE2, 0xE3, 0xE4),
    "ô": (0xAB, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9),
    "ơ": (0xAC, 0xEA, 0xEB, 0xEC, 0xED, 0xEE),
    "u": (None, 0xEF, 0xF1, 0xF2, 0xF3, 0xF4),
    "ư": (0xAD, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9),
    "y": (None, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE),
}
# VN3 has capitals only for the seven letters that need no tone mark. A capital with a tone
# was typed in an all-capitals font (.VnTimeH) with the lowercase code, so those codes decode
# to the lowercase letter and such capitals encode to it: TCVN3 cannot keep their case.
# Bytes VN3 leaves unassigned (0x80-0x9F, and the 21 places in 0xA0-0xFF where the larger
# TCVN 5712 sets put more capitals and combining marks) keep their Windows-1252 meaning.
_TCVN3_OTHERS = {
    0xA0: "\xa0",
    0xA1: "Ă",
    0xA2: "Â",
    0xA3: "Ê",
    0xA4: "Ô",
    0xA5: "Ơ",
    0xA6: "Ư",
    0xA7: "Đ",
    0xAE: "đ",
}

# --- VNI Windows -----------------------------------------------------------------------------

# A VNI letter is an ASCII base letter followed by one byte for all its marks; the capital
# form of every byte below is 0x20 lower (the mark's case follows the letter's).
_VNI_TONE_BYTES = (0xF8, 0xFB, 0xF5, 0xF9, 0xEF)
_VNI_MODIFIER_BYTES = {  # modifier: byte alone, then with each tone
    _CIRCUMFLEX: (0xE2, (0xE0, 0xE5, 0xE3, 0xE1, 0xE4)),
    _BREVE: (0xEA, (0xE8, 0xFA, 0xFC, 0xE9, 0xEB)),
}
# Letters with a byte of their own: ơ ư đ, i with each tone, and ỵ.
_VNI_LETTER_BYTES = {"ơ": 0xF4, "ư": 0xF6, "đ": 0xF1, "ỵ": 0xEE} | {
    _nfc("i" + tone): code
    for tone, code in zip(_TONES, (0xEC, 0xE6, 0xF3, 0xED, 0xF2), strict=True)
}
_VNI_CAPITAL = 0x20


def _windows_1252_table() -> list[str]:
    # Bytes that a font encoding leaves unassigned show the Windows-1252 glyph of the font
    # they were typed in (quotes, dashes, the degree sign ...); "\ufffe" marks undefined.
    return list(bytes(range(256)).decode("cp1252", errors="replace").replace("\ufffd", "\ufffe"))


def _by_ordinal(encoding: dict[str, int | bytes]) -> dict[int, int | bytes]:
    return {ord(char): code for char, code in encoding.items()}


def _tcvn3_tables() -> tuple[str, dict[int, int | bytes], frozenset[int]]:
    table = _windows_1252_table()
    native = dict(_TCVN3_OTHERS)
    for vowel, codes in _TCVN3_VOWELS.items():
        for tone, code in zip(("", *_TONES), codes, strict=True):
            if code is not None:
                native[code] = _nfc(vowel + tone)
    for code, char in native.items():
        table[code] = char
    # A letter never encodes to an unassigned byte, even where Windows-1252 has it there.
    encoding: dict[str, int | bytes] = {
        ch: b for b, ch in enumerate(table) if ch != "\ufffe" and ch not in _VIETNAMESE_LETTERS
    }
    encoding.update({char: code for code, char in native.items()})
    for letter in _VIETNAMESE_LETTERS:
        encoding.setdefault(letter, encoding[letter.lower()])
    return "".join(table), _by_ordinal(encoding), frozenset(native)


def _vni_letter_bytes(letter: str) -> bytes:
    lower = letter.lower()
    shift = _VNI_CAPITAL if lower != letter else 0
    if lower in _VNI_LETTER_BYTES:
        return bytes([_VNI_LETTER_BYTES[lower] - shift])
    bare, tone = _split_letter(lower)
    tone_index = _TONES.index(tone) if tone else None
    if bare in _VNI_LETTER_BYTES:  # ơ or ư with a tone
        head = bytes([_VNI_LETTER_BYTES[bare] - shift])
        return head + (bytes([_VNI_TONE_BYTES[tone_index] - shift]) if tone else b"")
    base = unicodedata.normalize("NFD", bare)
    ascii_base = base[0].upper() if shift else base[0]
    if len(base) == 1:
        mark = None if tone_index is None else _VNI_TONE_BYTES[tone_index]
    else:
        alone, with_tone = _VNI_MODIFIER_BYTES[base[1]]
        mark = alone if tone_index is None else with_tone[tone_index]
    return ascii_base.encode("ascii") + (b"" if mark is None else bytes([mark - shift]))


def _vni_tables() -> tuple[str, dict[str, str], dict[int, int | bytes], bytes, frozenset[int]]:
    table = _windows_1252_table()
    native: dict[int, str] = {}
    for shift, case in ((0, str.lower), (_VNI_CAPITAL, str.upper)):
        for tone, code in zip(_TONES, _VNI_TONE_BYTES, strict=True):
            native[code - shift] = tone
        for modifier, (alone, with_tone) in _VNI_MODIFIER_BYTES.items():
            native[alone - shift] = modifier
            for tone, code in zip(_TONES, with_tone, strict=True):
                native[code - shift] = modifier + tone
        for letter, code in _VNI_LETTER_BYTES.items():
            native[code - shift] = case(letter)
    marks = bytes(sorted(code for code, text in native.items() if unicodedata.combining(text[0])))
    # A charmap decodes a byte to one character: two-mark bytes go through a placeholder.
    expansions: dict[str, str] = {}
    for code, text in native.items():
        if len(text) > 1:
            placeholder = chr(0xE000 + code)
            expansions[placeholder] = text
            text = placeholder
        table[code] = text
    encoding: dict[str, int | bytes] = {
        ch: b
        for b, ch in enumerate(table)
        if b not in native and ch != "\ufffe" and ch not in _VIETNAMESE_LETTERS
    }
    # Lone marks (text split between a letter and its marks) still encode to bytes that
    # decode to the same text.
    encoding.update({native[code]: code for code in reversed(marks) if len(native[code]) == 1})
    encoding.update({letter: _vni_letter_bytes(letter) for letter in _VIETNAMESE_LETTERS})
    return "".join(table), expansions, _by_ordinal(encoding), marks, frozenset(native)


_TCVN3_DECODING, _TCVN3_ENCODING, _TCVN3_NATIVE = _tcvn3_tables()
# _VNI_MARKS: the bytes that decode to marks only, which attach to the letter before them.
_VNI_DECODING, _VNI_EXPANSIONS, _VNI_ENCODING, _VNI_MARKS, _VNI_NATIVE = _vni_tables()

# --- codecs ----------------------------------------------------------------------------------


def _charmap_decode(name: str, data: bytes, errors: str, table: str) -> str:
    try:
        return codecs.charmap_decode(data, errors, table)[0]
    except UnicodeDecodeError as error:
        raise UnicodeDecodeError(name, error.object, error.start, error.end, error.reason) from None


def _charmap_encode(name: str, text: str, errors: str, mapping: dict[int, int | bytes]) -> bytes:
    try:
        return codecs.charmap_encode(_nfc(text), errors, mapping)[0]
    except UnicodeEncodeError as error:
        raise UnicodeEncodeError(name, error.object, error.start, error.end, error.reason) from None


def _tcvn3_encode(text: str, errors: str = "strict") -> tuple[bytes, int]:
    return _charmap_encode("tcvn3", text, errors, _TCVN3_ENCODING), len(text)


def _tcvn3_decode(data: bytes, errors: str = "strict") -> tuple[str, int]:
    # Every TCVN3 character is precomposed: the output is NFC already.
    return _charmap_decode("tcvn3", bytes(data), errors, _TCVN3_DECODING), len(data)


def _vni_encode(text: str, errors: str = "strict") -> tuple[bytes, int]:
    return _charmap_encode("vni", text, errors, _VNI_ENCODING), len(text)


def _vni_text(data: bytes, errors: str) -> str:
    text = _charmap_decode("vni", data, errors, _VNI_DECODING)
    for placeholder, marks in _VNI_EXPANSIONS.items():
        if placeholder in text:
            text = text.replace(placeholder, marks)
    return _nfc(text)


def _vni_decode(data: bytes, errors: str = "strict") -> tuple[str, int]:
    return _vni_text(bytes(data), errors), len(data)


class _TCVN3IncrementalEncoder(codecs.IncrementalEncoder):
    def encode(self, input: str, final: bool = False) -> bytes:
        return _tcvn3_encode(input, self.errors)[0]


class _TCVN3IncrementalDecoder(codecs.IncrementalDecoder):
    def decode(self, input: bytes, final: bool = False) -> str:
        return _tcvn3_decode(input, self.errors)[0]


class _VNIIncrementalEncoder(codecs.IncrementalEncoder):
    # Each chunk is composed on its own; a mark split from its letter still encodes (alone).
    def encode(self, input: str, final: bool = False) -> bytes:
        return _vni_encode(input, self.errors)[0]


class _VNIIncrementalDecoder(codecs.IncrementalDecoder):
    """Decodes to NFC: the last letter of a chunk waits for marks that may follow it."""

    _LONGEST_WAIT = 64  # a run of marks with no letter is garbage: do not buffer it all

    def __init__(self, errors: str = "strict") -> None:
        super().__init__(errors)
        self._pending = b""

    def decode(self, input: bytes, final: bool = False) -> str:
        data = self._pending + bytes(input)
        cut = len(data)
        if not final:
            cut = max(len(data.rstrip(_VNI_MARKS)) - 1, 0)
            if len(data) - cut > self._LONGEST_WAIT:
                cut = len(data)
        self._pending = data[cut:]
        return _vni_text(data[:cut], self.errors) if cut else ""

    def reset(self) -> None:
        self._pending = b""

    def getstate(self) -> tuple[bytes, int]:
        return self._pending, 0

    def setstate(self, state: tuple[bytes, int]) -> None:
        self._pending = state[0]


class _TCVN3StreamWriter(codecs.StreamWriter):
    encode = staticmethod(_tcvn3_encode)


class _TCVN3StreamReader(codecs.StreamReader):
    decode = staticmethod(_tcvn3_decode)


class _VNIStreamWriter(codecs.StreamWriter):
    encode = staticmethod(_vni_encode)


class _VNIStreamReader(codecs.StreamReader):
    decode = staticmethod(_vni_decode)


_CODECS = {
    "tcvn3": codecs.CodecInfo(
        name="tcvn3",
        encode=_tcvn3_encode,
        decode=_tcvn3_decode,
        incrementalencoder=_TCVN3IncrementalEncoder,
        incrementaldecoder=_TCVN3IncrementalDecoder,
        streamwriter=_TCVN3StreamWriter,
        streamreader=_TCVN3StreamReader,
    ),
    "vni": codecs.CodecInfo(
        name="vni",
        encode=_vni_encode,
        decode=_vni_decode,
        incrementalencoder=_VNIIncrementalEncoder,
        incrementaldecoder=_VNIIncrementalDecoder,
        streamwriter=_VNIStreamWriter,
        streamreader=_VNIStreamReader,
    ),
}
_ALIASES = {"tcvn3": "tcvn3", "tcvn_3": "tcvn3", "abc": "tcvn3", "vni": "vni", "vni_windows": "vni"}


def _search(name: str) -> codecs.CodecInfo | None:
    alias = _ALIASES.get(name.lower().replace("-", "_").replace(" ", "_"))
    return _CODECS[alias] if alias else None


def _register() -> None:
    try:
        codecs.lookup("vni")
    except LookupError:
        codecs.register(_search)


_register()

# --- detection -------------------------------------------------------------------------------

_ONSETS = frozenset("ngh ng nh ch gh gi kh ph qu th tr b c d đ g h k l m n p r s t v x".split())
_STOPS = frozenset(("c", "ch", "k", "p", "t"))  # -k only in highland place names (Đắk Lắk)


def _rhymes() -> dict[tuple[str, str], frozenset[int]]:
    """(nucleus, final consonant) of every rhyme -> where in the nucleus its tone may sit."""
    rhymes: dict[tuple[str, str], frozenset[int]] = {}
    first, second, third = frozenset({0}), frozenset({1}), frozenset({2})
    # Nuclei ending in a glide take no final consonant; the tone sits before the glide.
    for nucleus in "ai ao au ay âu ây eo êu iu oi ôi ơi ui ưi ưu ia ua ưa".split():
        rhymes[nucleus, ""] = first
    for nucleus in "iêu yêu uôi ươi ươu oai oay oeo uây uyu uya".split():
        rhymes[nucleus, ""] = second
    # The rest may or must take one: -ch/-nh after front vowels, -c/-ng elsewhere.
    closed = {"ă": first, "â": first, "oo": first | second, "uyê": third}
    closed |= dict.fromkeys("iê yê uô ươ oă uâ".split(), second)
    free = dict.fromkeys("a e ê i o ô ơ u ư y".split(), first)
    free |= dict.fromkeys("oa oe uê uy uơ".split(), second)
    for nucleus, tone_at in free.items():
        # Old and new spelling differ on open oa, oe, uê, uy: hoà and hòa.
        rhymes[nucleus, ""] = tone_at | first
    for nucleus, tone_at in (free | closed).items():
        codas = ["m", "n", "p", "t"]
        if nucleus in ("a", "ê", "i", "oa", "uê", "uy"):
            codas += ["ch", "nh"]
        if nucleus not in ("ê", "i", "y", "uê", "uy"):
            codas += ["c", "ng", "k"]
        rhymes.update(((nucleus, coda), tone_at) for coda in codas)
    return rhymes


_RHYMES = _rhymes()


# Frequent syllables of general and administrative text: on a short sample, several
# decodings may spell syllables, and the frequent ones tip the balance.
_FREQUENT = """
của và các có là được trong người những năm một không cho với này đã để theo về khi từ đến
tại trên nhà nước ra làm như sẽ cũng đó thì nhiều phải hơn nhưng vào sau lại số đi bị nếu
cùng mới việc chúng tôi tháng ngày giờ tỉnh thành phố huyện quận xã phường thị trấn ủy ban
nhân dân hội đồng sở ngành cục chi tổng dự toán quyết thực hiện kế hoạch ngân sách vốn nguồn
đầu tư phát triển thường xuyên đơn vị tên mã lượng tiền triệu tỷ nghìn kinh phí thu nộp hỗ
trợ chương trình mục tiêu quốc gia công án giáo dục đào tạo y tế văn hóa thể thao du lịch
giao thông vận tải nông nghiệp lâm thủy sản môi trường tài nguyên khoa học nghệ lao động
thương binh an ninh phòng pháp nội vụ ngoại chính xây dựng cơ bản sự quản lý hành đảng đoàn
điện sạch đường bệnh viện mầm non tiểu trung cấp cao đẳng đại tộc tôn diện tích đất rừng
lúa gạo cây trồng chăn nuôi xuất doanh hợp tác nhập bình quân hộ nghèo cận lệ tăng giảm so
kỳ báo cáo ghi chú cộng gồm khác còn chưa đang hoàn kết quả đánh giá chỉ giải phân bổ điều
chỉnh sung ứng toán trước chuyển dư nợ vay hà hồ minh hải đà nẵng cần thơ giang bắc kạn
liêu bến tre định dương phước thuận cà mau bằng đắk lắk nông biên nai tháp lai tĩnh hậu
hòa hưng yên khánh kiên kon tum châu lạng sơn lào long nam nghệ phú thọ quảng ngãi trị
sóc trăng tây thái thanh thừa thiên huế tiền trà vĩnh phúc bái rịa vũng tàu bà
""".split()


# Each letter of the alphabet, either case -> (lowercase letter without tone, tone or "").
_LETTER_PARTS = {
    char: _split_letter(char.lower())
    for char in set("abcdeghiklmnopqrstuvxy".upper() + "abcdeghiklmnopqrstuvxy")
    | _VIETNAMESE_LETTERS
}
# Cheap first test: at most seven letters of the Vietnamese alphabet (nghiêng).
_SPELLABLE = re.compile("[{}]{{1,7}}".format("".join(sorted(_LETTER_PARTS))))


@lru_cache(maxsize=1 << 14)
def _syllable(word: str) -> str | None:
    """The syllable ``word`` (NFC, any case) spells, as its lowercase letters and then its
    tone mark (so that hoà and hòa are one); None if it spells none."""
    if not _SPELLABLE.fullmatch(word):
        return None
    parts = [_LETTER_PARTS[char] for char in word]
    tones = [(at, tone) for at, (_, tone) in enumerate(parts) if tone]
    if len(tones) > 1:
        return None
    tone_at, tone = tones[0] if tones else (-1, "")
    text = "".join(letter for letter, _ in parts)
    for onset in (3, 2, 1, 0):
        if onset and text[:onset] not in _ONSETS:
            continue
        for coda in (2, 1, 0):
            if onset + coda >= len(text):
                continue
            end = len(text) - coda
            tone_positions = _RHYMES.get((text[onset:end], text[end:]))
            if tone_positions is None:
                continue
            # Syllables closed by a stop take only the acute or the dot below.
            if text[end:] in _STOPS and tone not in (_ACUTE, _DOT):
                continue
            if tone and tone_at - onset not in tone_positions:
                continue
            return text + tone
    return None


_FREQUENT_SYLLABLES = frozenset(_syllable(word) for word in _FREQUENT)


@lru_cache(maxsize=1 << 14)
def _is_cased(word: str, lowercase_marked: bool) -> bool:
    """Whether ``word`` is in lower, title or upper case.

    ``lowercase_marked``: marked letters may be lowercase inside an upper-case word, as in
    TCVN3, which has lowercase codes only for them.
    """
    rest = word[1:]
    if not any(char.isupper() for char in rest) or word.isupper():
        return True
    return lowercase_marked and not any(char.islower() and char.isascii() for char in word)


_WORD = re.compile(r"[^\W\d_]+")  # a mark NFC left alone ends a word
_COMBINING = re.compile(r"[\u0300-\u036f]")
_MOST_WORDS = 3000
# Punctuation that Vietnamese tables do contain, whichever byte carries it.
_USUAL_SYMBOLS = frozenset("\xa0–—‘’“”…•€₫°²")


def _plausible_bytes(table: str, native: frozenset[int] | None) -> tuple[bytes, bytes]:
    """Bytes whose character is plausible in Vietnamese text, and undefined bytes.

    ``native``: the bytes an encoding assigns itself (the rest fall back to Windows-1252
    and are only plausible as punctuation); None when every byte is the encoding's own.
    """
    plausible, undefined = bytearray(range(128)), bytearray()
    for code in range(128, 256):
        char = table[code]
        if char in ("\ufffe", "\ufffd"):
            undefined.append(code)
        elif char in _USUAL_SYMBOLS:
            plausible.append(code)
        elif native is None:
            if char in _VIETNAMESE_LETTERS or unicodedata.combining(char):
                plausible.append(code)
        elif code in native:
            plausible.append(code)
    return bytes(plausible), bytes(undefined)


_CANDIDATES = [  # in order of preference when scores tie
    ("cp1258", *_plausible_bytes(bytes(range(256)).decode("cp1258", errors="replace"), None)),
    ("tcvn3", *_plausible_bytes(_TCVN3_DECODING, _TCVN3_NATIVE)),
    ("vni", *_plausible_bytes(_VNI_DECODING, _VNI_NATIVE)),
]


def _score(sample: bytes, codec: str, plausible: bytes, undefined: bytes) -> int:
    text = _nfc(sample.decode(codec, errors="replace"))
    implausible = len(sample.translate(None, plausible))
    invalid = len(sample) - len(sample.translate(None, undefined))
    orphans = len(_COMBINING.findall(text))  # marks NFC could not attach to a letter
    good = bad = 0
    lowercase_marked = codec == "tcvn3"
    words = (item for item in Counter(_WORD.findall(text)).items() if not item[0].isascii())
    # Text repeats its words; thousands of distinct ones mean binary data, and those
    # examined already tell.
    for word, count in islice(words, _MOST_WORDS):
        syllable = _syllable(word)
        if syllable is None or not _is_cased(word, lowercase_marked):
            bad += count
        else:
            good += count * (3 if syllable in _FREQUENT_SYLLABLES else 1)
    return good - 2 * bad - 3 * implausible - 2 * orphans - 10 * invalid


def _utf16_without_bom(sample: bytes) -> str | None:
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    zeros_even, zeros_odd = sample[0::2].count(0), sample[1::2].count(0)
    for codec, high, low in (
        ("utf-16-le", zeros_odd, zeros_even),
        ("utf-16-be", zeros_even, zeros_odd),
    ):
        # ASCII in UTF-16 has a NUL in every other byte; Vietnamese letters rarely do.
        if high * 5 >= pairs and low * 4 <= high:
            try:
                codecs.getincrementaldecoder(codec)("strict").decode(sample, final=False)
            except UnicodeDecodeError:
                continue
            return codec
    return None


def _is_utf8(sample: bytes) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    try:
        # Not final: the sample may end inside a multi-byte sequence.
        text = decoder.decode(sample, final=False)
    except UnicodeDecodeError:
        return False
    # A lone lead byte at the end of a short, otherwise ASCII sample is no evidence: it is
    # the whole file, or too little of it to tell.
    return not decoder.getstate()[0] or len(sample) >= SAMPLE_BYTES or not text.isascii()


def detect_encoding(sample: bytes) -> str:
    """The Python codec name of ``sample``'s encoding.

    ``sample`` is the start of a file (up to ``SAMPLE_BYTES``; it may end inside a
    character). A BOM decides; then a NUL pattern of UTF-16; then valid UTF-8 (pure ASCII
    included). Otherwise the sample is decoded as Windows-1258, TCVN3 and VNI, and the
    decoding that reads most like Vietnamese wins: words that spell Vietnamese syllables
    count for it, other words with non-ASCII letters, symbols unusual in Vietnamese text,
    marks left over after NFC and undefined bytes count against it.
    """
    sample = bytes(sample[:SAMPLE_BYTES])
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if sample.isascii() and 0 not in sample:
        return "utf-8"
    utf16 = _utf16_without_bom(sample)
    if utf16 is not None:
        return utf16
    if _is_utf8(sample):
        return "utf-8"
    scores = [(_score(sample, *candidate), -rank) for rank, candidate in enumerate(_CANDIDATES)]
    best = max(range(len(scores)), key=scores.__getitem__)
    return _CANDIDATES[best][0]


# --- opening ---------------------------------------------------------------------------------


class _Replayed(io.RawIOBase):
    """The bytes already read from a stream, then the rest of that stream."""

    def __init__(self, head: bytes, stream: BinaryIO) -> None:
        super().__init__()
        self._head = memoryview(head)
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int | None:
        if self._head:
            size = min(len(buffer), len(self._head))
            buffer[:size] = self._head[:size]
            self._head = self._head[size:]
            return size
        data = self._stream.read(len(buffer))
        if data is None:
            return None
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        if not self.closed:
            try:
                self._stream.close()
            finally:
                super().close()


def _read_sample(stream: BinaryIO) -> bytes:
    chunks, size = [], 0
    while size < SAMPLE_BYTES:
        data = stream.read(SAMPLE_BYTES - size)
        if not data:
            break
        chunks.append(data)
        size += len(data)
    return b"".join(chunks)


def open_text(stream: BinaryIO) -> tuple[io.TextIOWrapper, str]:
    """A text stream decoding ``stream`` incrementally, and the detected codec name.

    ``stream`` is any binary file-like object, seekable or not, positioned at the start of
    the file; only the sample (``SAMPLE_BYTES``) is read up front, the rest as the text is
    read. Closing the text stream closes ``stream``. Lines keep their endings
    (``newline=""``, for the csv module).

    Decoding is strict: bytes that are not valid in the detected encoding raise
    ``UnicodeDecodeError`` while reading (a file of mixed encodings). Windows-1258 text
    comes out decomposed (letters and combining marks): normalise it to NFC.
    """
    sample = _read_sample(stream)
    encoding = detect_encoding(sample)
    buffered = io.BufferedReader(_Replayed(sample, stream), buffer_size=SAMPLE_BYTES)
    text = io.TextIOWrapper(buffered, encoding=encoding, errors="strict", newline="")
    return text, encoding
