from __future__ import annotations

import codecs
import csv
import io
import tempfile
import unicodedata

import pytest

from hub.records.encodings import (
    LEGACY_ENCODINGS,
    SAMPLE_BYTES,
    describe,
    detect_encoding,
    open_text,
)

TONES = ("\u0300", "\u0309", "\u0303", "\u0301", "\u0323")  # grave, hook, tilde, acute, dot


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


LOWER = [nfc(vowel + tone) for vowel in "aăâeêioôơuưy" for tone in ("", *TONES)]
LOWER = [letter for letter in LOWER if not letter.isascii()] + ["đ"]
UPPER = [letter.upper() for letter in LOWER]
LETTERS = LOWER + UPPER
assert len(set(LETTERS)) == 134
# TCVN3 has capital codes only for these; other capitals share the lowercase code.
TCVN3_CAPITALS = set("ĂÂÊÔƠƯĐ")

PROVINCES = [
    "Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "An Giang",
    "Bà Rịa - Vũng Tàu", "Bắc Giang", "Bắc Kạn", "Bạc Liêu", "Bắc Ninh", "Bến Tre",
    "Bình Định", "Bình Dương", "Bình Phước", "Bình Thuận", "Cà Mau", "Cao Bằng", "Đắk Lắk",
    "Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam",
    "Hà Tĩnh", "Hải Dương", "Hậu Giang", "Hòa Bình", "Hưng Yên", "Khánh Hòa", "Kiên Giang",
    "Kon Tum", "Lai Châu", "Lâm Đồng", "Lạng Sơn", "Lào Cai", "Long An", "Nam Định",
    "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình", "Quảng Nam",
    "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La", "Tây Ninh", "Thái Bình",
    "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế", "Tiền Giang", "Trà Vinh", "Tuyên Quang",
    "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
]  # fmt: skip
HEADINGS = [
    "Chi thường xuyên", "Chi đầu tư phát triển", "Dự toán", "Quyết toán", "Đơn vị",
    "Nguồn vốn ngân sách nhà nước", "Sự nghiệp giáo dục, đào tạo và dạy nghề",
    "Sự nghiệp y tế, dân số và gia đình", "Hoạt động kinh tế", "Bảo đảm xã hội",
    "Chi trả nợ lãi các khoản do chính quyền địa phương vay", "Chi bổ sung quỹ dự trữ tài chính",
    "Chi chuyển nguồn sang năm sau", "Kinh phí thực hiện cải cách tiền lương",
]  # fmt: skip

SHORT_CSV = "Tỉnh,Dân số\nHà Nội,8.000.000\nĐà Nẵng,1.200.000\n"
BUDGET_CSV = "Đơn vị,Dự toán,Quyết toán\nSở Tài chính,1.250,1.180\nSở Y tế,980,1.020\n"
UPPER_CSV = "TỈNH,DÂN SỐ\nHÀ NỘI,8.000.000\nĐÀ NẴNG,1.200.000\n"


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as Windows writes it: a precomposed letter where the code page has
    one, else the letter without its tone followed by the combining tone mark."""
    out = bytearray()
    for char in nfc(text):
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", char)
            bare = nfc("".join(c for c in decomposed if c not in TONES))
            tone = "".join(c for c in decomposed if c in TONES)
            out += (bare + tone).encode("cp1258")
    return bytes(out)


def encode(text: str, codec: str) -> bytes:
    return to_cp1258(text) if codec == "cp1258" else text.encode(codec)


def table_text(rows: int, *, newline: str = "\n") -> str:
    """A budget table of ``rows`` rows, with no capital that TCVN3 would lowercase."""
    lines = ["STT,Đơn vị,Nội dung,Dự toán,Quyết toán,Nguồn vốn"]
    for number in range(1, rows + 1):
        province = PROVINCES[number % len(PROVINCES)]
        heading = HEADINGS[number % len(HEADINGS)]
        lines.append(
            f'{number},Sở Tài chính {province},"{heading}",{number * 1375},{number * 1290},'
            "Nguồn vốn ngân sách nhà nước"
        )
    text = newline.join(lines) + newline
    assert not set(text) & (set(UPPER) - TCVN3_CAPITALS)
    return text


LONG_TEXT = table_text(2500)  # well over SAMPLE_BYTES in every encoding
ALL_CODECS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", *sorted(LEGACY_ENCODINGS)]


class OneWayStream(io.RawIOBase):
    """A pipe-like stream: small reads, no seeking, counts what was read."""

    def __init__(self, data: bytes, chunk: int = 1000) -> None:
        self._data = memoryview(data)
        self._chunk = chunk
        self.consumed = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def readinto(self, buffer) -> int:
        size = min(len(buffer), self._chunk, len(self._data) - self.consumed)
        buffer[:size] = self._data[self.consumed : self.consumed + size]
        self.consumed += size
        return size


# --- the codecs ------------------------------------------------------------------------------


@pytest.mark.parametrize("letter", LETTERS)
def test_vni_round_trips_every_letter(letter):
    encoded = letter.encode("vni")
    assert 1 <= len(encoded) <= 2
    assert encoded.decode("vni") == letter


@pytest.mark.parametrize("letter", LETTERS)
def test_tcvn3_round_trips_every_letter_its_case_allows(letter):
    encoded = letter.encode("tcvn3")
    assert len(encoded) == 1 and encoded[0] >= 0xA1
    if letter in LOWER or letter in TCVN3_CAPITALS:
        assert encoded.decode("tcvn3") == letter
    else:
        # One code for both cases: the capital comes back in lowercase.
        assert encoded == letter.lower().encode("tcvn3")
        assert encoded.decode("tcvn3") == letter.lower()


@pytest.mark.parametrize("letter", LETTERS)
def test_cp1258_round_trips_every_letter(letter):
    assert nfc(to_cp1258(letter).decode("cp1258")) == letter


def test_whole_alphabet_round_trips_in_one_string():
    text = " ".join(LETTERS)
    assert text.encode("vni").decode("vni") == text
    assert "".join(LOWER).encode("tcvn3").decode("tcvn3") == "".join(LOWER)
    assert len(set("".join(LOWER).encode("tcvn3"))) == len(LOWER)  # one code per letter


@pytest.mark.parametrize(
    ("text", "codec", "data"),
    [
        ("Tiếng Việt", "vni", b"Tie\xe1ng Vie\xe4t"),
        ("Hà Nội", "tcvn3", b"H\xb5 N\xe9i"),
        ("Hà Nội", "vni", b"Ha\xf8 No\xe4i"),
        ("Đà Nẵng", "tcvn3", b"\xa7\xb5 N\xbdng"),
        ("Đà Nẵng", "vni", b"\xd1a\xf8 Na\xfcng"),
        ("Chi thường xuyên", "tcvn3", b"Chi th\xad\xeang xuy\xaan"),
        ("Chi thường xuyên", "vni", b"Chi th\xf6\xf4\xf8ng xuye\xe2n"),
        ("Dự toán", "tcvn3", b"D\xf9 to\xb8n"),
        ("Dự toán", "vni", b"D\xf6\xef toa\xf9n"),
        ("Quyết toán", "tcvn3", b"Quy\xd5t to\xb8n"),
        ("Quyết toán", "vni", b"Quye\xe1t toa\xf9n"),
        ("Đơn vị", "tcvn3", b"\xa7\xacn v\xde"),
        ("Đơn vị", "vni", b"\xd1\xf4n v\xf2"),
        ("Ngân sách nhà nước", "tcvn3", b"Ng\xa9n s\xb8ch nh\xb5 n\xad\xedc"),
        ("Ngân sách nhà nước", "vni", b"Nga\xe2n sa\xf9ch nha\xf8 n\xf6\xf4\xf9c"),
        ("Tỉnh Quảng Ngãi", "tcvn3", b"T\xd8nh Qu\xb6ng Ng\xb7i"),
        ("Tỉnh Quảng Ngãi", "vni", b"T\xe6nh Qua\xfbng Nga\xf5i"),
        ("ĐẮK LẮK", "vni", b"\xd1A\xc9K LA\xc9K"),
        ("HUYỆN", "vni", b"HUYE\xc4N"),
        ("Ăn ở Ưu Ơn", "tcvn3", b"\xa1n \xeb \xa6u \xa5n"),
        ("ỹ ỵ ý", "tcvn3", b"\xfc \xfe \xfd"),
        ("ỹ ỵ Ỵ ý", "vni", b"y\xf5 \xee \xce y\xf9"),
        ("ặ ẳ Ẫ", "vni", b"a\xeb a\xfa A\xc3"),
    ],
)
def test_known_words_encode_and_decode(text, codec, data):
    assert text.encode(codec) == data
    assert data.decode(codec) == text


def test_tcvn3_code_table():
    codes = b"".join(
        bytes(range(first, last + 1))
        for first, last in [
            (0xA1, 0xAE), (0xB5, 0xB9), (0xBB, 0xBE), (0xC6, 0xCC),
            (0xCE, 0xD8), (0xDC, 0xDF), (0xE1, 0xEF), (0xF1, 0xFE),
        ]
    )  # fmt: skip
    letters = (
        "ĂÂÊÔƠƯĐăâêôơưđ" "àảãáạ" "ằẳẵắ" "ặầẩẫấậè" "ẻẽéẹềểễếệìỉ" "ĩíịò" "ỏõóọồổỗốộờởỡớợù"
        "ủũúụừửữứựỳỷỹýỵ"
    )  # fmt: skip
    assert len(codes) == len(letters) == 74
    assert codes.decode("tcvn3") == letters
    assert letters.encode("tcvn3") == codes


def test_vni_code_table():
    marks = bytes([0xF8, 0xFB, 0xF5, 0xF9, 0xEF, 0xE2, 0xE0, 0xE5, 0xE3, 0xE1, 0xE4])
    marks += bytes([0xEA, 0xE8, 0xFA, 0xFC, 0xE9, 0xEB])
    with_a = "àảãáạâầẩẫấậăằẳẵắặ"
    assert b"".join(b"a" + bytes([mark]) for mark in marks).decode("vni") == with_a
    assert b"".join(b"A" + bytes([mark - 0x20]) for mark in marks).decode("vni") == with_a.upper()
    letters = bytes([0xF4, 0xF6, 0xF1, 0xEC, 0xE6, 0xF3, 0xED, 0xF2, 0xEE])
    assert letters.decode("vni") == "ơưđìỉĩíịỵ"
    assert bytes(code - 0x20 for code in letters).decode("vni") == "ƠƯĐÌỈĨÍỊỴ"
    assert "ơưđìỉĩíịỵ".encode("vni") == letters


def test_encoders_accept_decomposed_text():
    decomposed = unicodedata.normalize("NFD", "Tiếng Việt")
    assert decomposed.encode("vni") == b"Tie\xe1ng Vie\xe4t"
    assert decomposed.encode("tcvn3") == b"Ti\xd5ng Vi\xd6t"


def test_vni_decoder_joins_marks_split_from_their_letter():
    data = "Nguồn vốn ngân sách nhà nước, ĐẮK LẮK".encode("vni")
    decoder = codecs.getincrementaldecoder("vni")()
    pieces = [decoder.decode(data[i : i + 1]) for i in range(len(data))]
    pieces.append(decoder.decode(b"", final=True))
    assert "".join(pieces) == "Nguồn vốn ngân sách nhà nước, ĐẮK LẮK"
    assert all(nfc(piece) == piece for piece in pieces)


def test_vni_decoder_state_round_trips():
    decoder = codecs.getincrementaldecoder("vni")()
    assert decoder.decode(b"Tie") == "Ti"
    state = decoder.getstate()
    other = codecs.getincrementaldecoder("vni")()
    other.setstate(state)
    assert other.decode(b"\xe1ng", final=True) == "ếng"


@pytest.mark.parametrize("codec", ["tcvn3", "vni"])
def test_text_io_wrapper_decodes_in_small_chunks(codec):
    text = LONG_TEXT[:20_000]
    wrapper = io.TextIOWrapper(io.BytesIO(text.encode(codec)), encoding=codec, newline="")
    wrapper._CHUNK_SIZE = 7  # split letters from their marks again and again
    assert wrapper.read() == text


@pytest.mark.parametrize("codec", ["tcvn3", "vni"])
def test_text_io_wrapper_encodes(codec):
    buffer = io.BytesIO()
    wrapper = io.TextIOWrapper(buffer, encoding=codec, newline="")
    wrapper.write("Dự toán ")
    wrapper.write("Quyết toán")
    wrapper.flush()
    assert buffer.getvalue() == "Dự toán Quyết toán".encode(codec)


@pytest.mark.parametrize("codec", ["tcvn3", "vni"])
def test_undefined_bytes_fail_strictly(codec):
    with pytest.raises(UnicodeDecodeError) as caught:
        b"H\x81a".decode(codec)
    assert caught.value.encoding == codec
    assert caught.value.start == 1
    assert b"H\x81a".decode(codec, errors="replace") == "H\ufffda"
    with pytest.raises(UnicodeEncodeError):
        "\u4e2d".encode(codec)


def test_unassigned_bytes_keep_their_windows_meaning():
    assert b"\x93Ng\xb5y\x94 \x96 25\xb0C".decode("tcvn3") == "“Ngày” – 25°C"
    assert b"\x93Nga\xf8y\x94 \x96 25\xb0C".decode("vni") == "“Ngày” – 25°C"


def test_codec_names_and_aliases():
    assert codecs.lookup("TCVN3").name == "tcvn3"
    assert codecs.lookup("vni-windows").name == "vni"
    assert codecs.lookup("VNI").name == "vni"


# --- detection -------------------------------------------------------------------------------


@pytest.mark.parametrize("codec", sorted(LEGACY_ENCODINGS))
@pytest.mark.parametrize(
    "text",
    [
        SHORT_CSV,
        BUDGET_CSV,
        UPPER_CSV,
        "Nguồn vốn ngân sách nhà nước\n",
        "Chi thường xuyên;Dự toán;Quyết toán\n",
        "\n".join(HEADINGS),
        ", ".join(PROVINCES),
        ", ".join(PROVINCES).upper(),
        LONG_TEXT,
    ],
    ids=["short", "budget", "upper", "source", "headings", "all-headings", "provinces",
         "provinces-upper", "long"],
)  # fmt: skip
def test_detects_legacy_encodings(codec, text):
    assert detect_encoding(encode(text, codec)[:SAMPLE_BYTES]) == codec


@pytest.mark.parametrize("codec", sorted(LEGACY_ENCODINGS))
@pytest.mark.parametrize("province", PROVINCES)
def test_detects_legacy_encodings_of_a_short_table(codec, province):
    text = f"Tỉnh,Dân số,Diện tích\n{province},1.234.567,5.678\nĐà Nẵng,1.200.000,1.285\n"
    assert detect_encoding(encode(text, codec)) == codec


@pytest.mark.parametrize(
    ("data", "codec"),
    [
        (b"", "utf-8"),
        (b"Province,Population\nHa Noi,8000000\n", "utf-8"),
        (SHORT_CSV.encode("utf-8"), "utf-8"),
        (unicodedata.normalize("NFD", SHORT_CSV).encode("utf-8"), "utf-8"),
        (SHORT_CSV.encode("utf-8-sig"), "utf-8-sig"),
        (codecs.BOM_UTF8 + b"STT,Name\n", "utf-8-sig"),
        (SHORT_CSV.encode("utf-16"), "utf-16"),
        (codecs.BOM_UTF16_BE + SHORT_CSV.encode("utf-16-be"), "utf-16"),
        (SHORT_CSV.encode("utf-16-le"), "utf-16-le"),
        (SHORT_CSV.encode("utf-16-be"), "utf-16-be"),
        (UPPER_CSV.encode("utf-16-le"), "utf-16-le"),
    ],
)
def test_detects_unicode_encodings(data, codec):
    assert detect_encoding(data) == codec


def test_sample_cut_inside_a_utf8_character_is_utf8():
    data = SHORT_CSV.encode("utf-8")
    inside = data.index("ộ".encode()) + 1  # after the first of its three bytes
    assert detect_encoding(data[:inside]) == "utf-8"
    assert detect_encoding(data[: inside + 1]) == "utf-8"
    # The same bytes are not UTF-8 once the sequence is broken off before more text.
    assert detect_encoding(data[:inside] + b" " + data[inside + 2 :]) != "utf-8"


def test_full_sample_cut_inside_a_utf8_character_is_utf8():
    text = "x" * (SAMPLE_BYTES - 2) + "Ộ" + LONG_TEXT  # Ộ straddles the end of the sample
    data = text.encode("utf-8")
    assert data[SAMPLE_BYTES - 2 : SAMPLE_BYTES + 1] == "Ộ".encode()
    assert detect_encoding(data[:SAMPLE_BYTES]) == "utf-8"
    stream, codec = open_text(io.BytesIO(data))
    assert codec == "utf-8"
    assert stream.read() == text


@pytest.mark.parametrize(
    ("codec", "label"),
    [
        ("utf-8", "UTF-8"),
        ("utf-8-sig", "UTF-8 with BOM"),
        ("utf-16", "UTF-16"),
        ("utf-16-le", "UTF-16"),
        ("cp1258", "Windows-1258"),
        ("windows-1258", "Windows-1258"),
        ("tcvn3", "TCVN3 (ABC)"),
        ("vni", "VNI Windows"),
    ],
)
def test_describe(codec, label):
    assert describe(codec) == label


def test_legacy_encodings():
    assert LEGACY_ENCODINGS == {"cp1258", "tcvn3", "vni"}


# --- opening streams -------------------------------------------------------------------------


def read_rows(stream) -> list[list[str]]:
    return [[nfc(cell) for cell in row] for row in csv.reader(stream)]


@pytest.mark.parametrize("codec", ALL_CODECS)
def test_open_text_decodes_a_large_file(codec):
    text = table_text(2500, newline="\r\n")
    text = text.replace('"Dự toán"', '"Dự toán\r\nnăm 2024"')  # a line break inside a cell
    data = encode(text, codec)
    assert len(data) > 2 * SAMPLE_BYTES
    stream, detected = open_text(io.BytesIO(data))
    assert detected == codec
    assert isinstance(stream, io.TextIOWrapper)
    rows = read_rows(stream)
    assert rows == list(csv.reader(io.StringIO(text, newline="")))
    assert rows[2][:5] == ["2", "Sở Tài chính Hải Phòng", "Dự toán\r\nnăm 2024", "2750", "2580"]


@pytest.mark.parametrize("codec", sorted(LEGACY_ENCODINGS))
def test_open_text_reads_legacy_text_found_after_many_ascii_bytes(codec, tmp_path):
    # More ASCII than a file's default 8 KiB buffer before the first Vietnamese letter.
    text = "id,value\n" + "".join(f"{n},{n * 7}\n" for n in range(3000)) + BUDGET_CSV
    path = tmp_path / "table.csv"
    path.write_bytes(encode(text, codec))
    with path.open("rb") as file:
        stream, detected = open_text(file)
        assert detected == codec
        assert nfc(stream.read()) == text


@pytest.mark.parametrize("codec", ["utf-8", "cp1258", "tcvn3", "vni"])
def test_open_text_reads_a_stream_that_cannot_seek(codec):
    text = "x,y\n" + "".join(f"{n},{n}\n" for n in range(1500)) + LONG_TEXT
    data = encode(text, codec)
    source = OneWayStream(data)
    stream, detected = open_text(source)
    assert detected == codec
    assert source.consumed == SAMPLE_BYTES  # gathered from many short reads
    assert nfc(stream.read()) == text


def test_open_text_reads_a_spooled_upload():
    upload = tempfile.SpooledTemporaryFile(max_size=1 << 20)
    upload.write(encode(LONG_TEXT, "vni"))
    upload.seek(0)
    stream, detected = open_text(upload)
    assert detected == "vni"
    assert read_rows(stream) == list(csv.reader(io.StringIO(LONG_TEXT)))


def test_open_text_reads_only_as_needed():
    data = encode(table_text(40_000), "tcvn3")
    assert len(data) > 3_000_000
    source = OneWayStream(data, chunk=1 << 20)
    stream, detected = open_text(source)
    assert detected == "tcvn3"
    assert source.consumed == SAMPLE_BYTES
    for _ in range(1000):
        stream.readline()
    assert source.consumed <= 4 * SAMPLE_BYTES
    assert sum(1 for _ in stream) == 40_001 - 1000
    assert source.consumed == len(data)


def test_closing_the_text_closes_the_source():
    source = io.BytesIO(SHORT_CSV.encode("utf-8"))
    stream, _ = open_text(source)
    stream.close()
    assert source.closed


def test_utf8_file_with_windows_1258_later_fails_while_reading():
    head = LONG_TEXT.encode("utf-8")
    assert len(head) > SAMPLE_BYTES
    data = head + to_cp1258("Hà Nội,Đà Nẵng\n")
    stream, detected = open_text(io.BytesIO(data))
    assert detected == "utf-8"
    with pytest.raises(UnicodeDecodeError):
        stream.read()


def test_vni_file_with_undefined_byte_later_fails_while_reading():
    data = LONG_TEXT.encode("vni") + b"H\x81\n"
    stream, detected = open_text(io.BytesIO(data))
    assert detected == "vni"
    with pytest.raises(UnicodeDecodeError):
        stream.read()
