from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

import pytest

from hub.legal.numbers import (
    DocumentNumber,
    NumberError,
    extract_references,
    parse_number,
    unique_references,
)

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# Every written variant of one document must give the same canonical form and key.
VARIANTS = [
    (
        "47/2020/NĐ-CP",
        [
            "47/2020/NĐ-CP",
            "47 / 2020 / NĐ - CP",
            "47/2020/ND-CP",
            "47/2020/nđ-cp",
            "47/2020/nd-cp",
            nfd("47/2020/NĐ-CP"),
            "47/2020/NĐ\u2013CP",
            "47/2020/NĐ\u2014CP",
            "Nghị định số 47/2020/NĐ-CP",
            "nghi dinh so 47/2020/ND-CP",
            "  Số: 47/2020/NĐ-CP  ",
            nfd("Nghị định số 47 / 2020 / nđ \u2013 cp"),
        ],
    ),
    (
        "14/2015/QĐ-UBND",
        [
            "14/2015/QĐ-UBND",
            "14/2015/QD-UBND",
            "14 /2015/QĐ-UBND",
            "Quyết định số: 14/2015/qd-ubnd",
            "QUYẾT ĐỊNH SỐ 14/2015/QĐ-UBND",
        ],
    ),
    (
        "39/2017/TT-BTTTT",
        [
            "39/2017/TT-BTTTT",
            "Thông tư số 39/2017/TT-BTTTT",
            "Thông tư 39/2017/tt-btttt",
            "39/2017/TT - BTTTT",
        ],
    ),
    ("57/2018/QĐ-UBND", ["57/2018/QĐ-UBND", "57/2018/QD-UBND"]),
    ("17/2018/QĐ-UBND", ["17/2018/QĐ-UBND", "17/2018/QĐ\u2013UBND"]),
    (
        "23/2014/TTLT-BTC-BTP",
        [
            "23/2014/TTLT-BTC-BTP",
            "23/2014/ttlt-btc-btp",
            "Thông tư liên tịch số 23/2014/TTLT-BTC-BTP",
        ],
    ),
    ("60/2024/QH15", ["60/2024/QH15", "Luật số 60/2024/QH15", "luat so 60/2024/qh15"]),
    ("83/2015/QH13", ["Luật Ngân sách nhà nước số 83/2015/QH13", "83/2015/QH13"]),
    ("30/2021/QH15", ["Nghị quyết số 30/2021/QH15", "30 / 2021 / QH15"]),
    ("1526/QĐ-UBND", ["1526/QĐ-UBND", "1526/QD-UBND", "Quyết định số 1526/QĐ-UBND"]),
    ("208/QĐ-TTg", ["208/QĐ-TTg", "208/QD-TTG", "208/qđ-ttg"]),
    ("7816/VPCP-TTĐT", ["7816/VPCP-TTĐT", "7816/VPCP-TTDT", "Công văn số 7816/VPCP-TTĐT"]),
    ("1234/UBND-VX", ["1234/UBND-VX", "1234/ubnd-vx", "1234 / UBND \u2014 VX"]),
    ("43/2011/NĐ-CP", ["Nghị định số 43/2011/NĐ-CP", "43/2011/ND-CP"]),
]


@pytest.mark.parametrize("canonical, written", [(c, w) for c, ws in VARIANTS for w in ws])
def test_variants_share_canonical_and_key(canonical, written):
    parsed = parse_number(written)
    assert parsed.canonical == canonical
    assert parsed.key == parse_number(canonical).key
    assert parsed.key == parsed.key.upper()
    assert " " not in parsed.key and "Đ" not in parsed.key


def test_key_is_folded():
    assert parse_number("Nghị định số 47 / 2020 / NĐ - CP").key == "47/2020/ND-CP"
    assert parse_number("208/QĐ-TTg").key == "208/QD-TTG"


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "47/2020/NĐ-CP",
            ("47", 2020, "NĐ-CP", "NĐ", "Nghị định", "Decree", "CP", "Chính phủ", "Government"),
        ),
        (
            "14/2015/QĐ-UBND",
            (
                "14",
                2015,
                "QĐ-UBND",
                "QĐ",
                "Quyết định",
                "Decision",
                "UBND",
                "Ủy ban nhân dân",
                "People's Committee",
            ),
        ),
        (
            "39/2017/TT-BTTTT",
            (
                "39",
                2017,
                "TT-BTTTT",
                "TT",
                "Thông tư",
                "Circular",
                "BTTTT",
                "Bộ Thông tin và Truyền thông",
                "Ministry of Information and Communications",
            ),
        ),
        (
            "23/2014/TTLT-BTC-BTP",
            (
                "23",
                2014,
                "TTLT-BTC-BTP",
                "TTLT",
                "Thông tư liên tịch",
                "Joint circular",
                "BTC-BTP",
                "Bộ Tài chính, Bộ Tư pháp",
                "Ministry of Finance, Ministry of Justice",
            ),
        ),
        (
            "Luật số 60/2024/QH15",
            ("60", 2024, "QH15", "L", "Luật", "Law", "QH", "Quốc hội", "National Assembly"),
        ),
        (
            "Nghị quyết số 30/2021/QH15",
            (
                "30",
                2021,
                "QH15",
                "NQ",
                "Nghị quyết",
                "Resolution",
                "QH",
                "Quốc hội",
                "National Assembly",
            ),
        ),
        (
            "208/QĐ-TTg",
            (
                "208",
                None,
                "QĐ-TTg",
                "QĐ",
                "Quyết định",
                "Decision",
                "TTg",
                "Thủ tướng Chính phủ",
                "Prime Minister",
            ),
        ),
        (
            "7816/VPCP-TTĐT",
            (
                "7816",
                None,
                "VPCP-TTĐT",
                "CV",
                "Công văn",
                "Official letter",
                "VPCP",
                "Văn phòng Chính phủ",
                "Office of the Government",
            ),
        ),
        (
            "1234/UBND-VX",
            (
                "1234",
                None,
                "UBND-VX",
                "CV",
                "Công văn",
                "Official letter",
                "UBND",
                "Ủy ban nhân dân",
                "People's Committee",
            ),
        ),
        (
            "08/CT-UBND",
            (
                "08",
                None,
                "CT-UBND",
                "CT",
                "Chỉ thị",
                "Directive",
                "UBND",
                "Ủy ban nhân dân",
                "People's Committee",
            ),
        ),
        (
            "1906/KH-UBND",
            (
                "1906",
                None,
                "KH-UBND",
                "KH",
                "Kế hoạch",
                "Plan",
                "UBND",
                "Ủy ban nhân dân",
                "People's Committee",
            ),
        ),
        (
            "12/TB-VPCP",
            (
                "12",
                None,
                "TB-VPCP",
                "TB",
                "Thông báo",
                "Notice",
                "VPCP",
                "Văn phòng Chính phủ",
                "Office of the Government",
            ),
        ),
        (
            "45/BC-BNV",
            (
                "45",
                None,
                "BC-BNV",
                "BC",
                "Báo cáo",
                "Report",
                "BNV",
                "Bộ Nội vụ",
                "Ministry of Home Affairs",
            ),
        ),
        (
            "5/CĐ-TTg",
            (
                "5",
                None,
                "CĐ-TTg",
                "CĐ",
                "Công điện",
                "Official dispatch",
                "TTg",
                "Thủ tướng Chính phủ",
                "Prime Minister",
            ),
        ),
        (
            "15/2016/NQ-HĐND",
            (
                "15",
                2016,
                "NQ-HĐND",
                "NQ",
                "Nghị quyết",
                "Resolution",
                "HĐND",
                "Hội đồng nhân dân",
                "People's Council",
            ),
        ),
        (
            "314/TTr-STTTT",
            (
                "314",
                None,
                "TTr-STTTT",
                "TTr",
                "Tờ trình",
                "Submission",
                "STTTT",
                "Sở Thông tin và Truyền thông",
                "Department of Information and Communications",
            ),
        ),
        (
            "01/2019/TT-BKHDT",
            (
                "01",
                2019,
                "TT-BKHĐT",
                "TT",
                "Thông tư",
                "Circular",
                "BKHĐT",
                "Bộ Kế hoạch và Đầu tư",
                "Ministry of Planning and Investment",
            ),
        ),
    ],
)
def test_type_and_issuer(text, expected):
    p = parse_number(text)
    assert (
        p.number,
        p.year,
        p.symbol,
        p.type_code,
        p.type_vi,
        p.type_en,
        p.issuer_code,
        p.issuer_vi,
        p.issuer_en,
    ) == expected


def test_unknown_issuer_has_no_name_and_number_stays_text():
    p = parse_number("009/2020/QĐ-XYZ")
    assert p.number == "009"
    assert (p.issuer_code, p.issuer_vi, p.issuer_en) == ("XYZ", None, None)
    assert isinstance(p, DocumentNumber)


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "the text is empty"),
        ("   ", "the text is empty"),
        ("47/20200/NĐ-CP", "the year '20200' is not a year"),
        ("47/20a0/NĐ-CP", "the year '20a0' is not a year"),
        ("47/1800/NĐ-CP", "the year '1800' is out of range"),
        ("47", "no symbol after the number"),
        ("47/", "no symbol after the number"),
        ("47/2020/", "no symbol after the number"),
        ("47/2020", "no symbol after the year '2020'"),
        ("X/2020/NĐ-CP", "the number must start with digits"),
        ("Nghị định số ABC", "the number must start with digits"),
        ("47a/2020/NĐ-CP", "the number '47a' must be digits only"),
        ("47/2020/X--Y", "the symbol 'X--Y' has an empty part"),
        ("47/2020/-CP", "the symbol '-CP' has an empty part"),
        ("47/2020/NĐ-CP-", "the symbol 'NĐ-CP-' has an empty part"),
        ("47/2020/NĐ-C!P", "the symbol part 'C!P' must be letters and digits only"),
        ("47/2020/NĐ CP", "the symbol part 'NĐ CP' must be letters and digits only"),
        ("47/2020/9-CP", "the symbol '9-CP' must start with a letter"),
        ("47/2020/NĐ", "the symbol 'NĐ' names no issuer"),
        ("1/2/3/4", "too many '/'"),
    ],
)
def test_errors_name_the_wrong_part(text, message):
    with pytest.raises(NumberError) as info:
        parse_number(text)
    assert message in str(info.value)
    assert isinstance(info.value, ValueError)


def test_extract_from_can_cu_paragraphs():
    text = (
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n"
        "Căn cứ Nghị định số 43/2011/NĐ-CP ngày 13 tháng 6 năm 2011 của Chính phủ quy định;\n"
        "Căn cứ Luật Ngân sách nhà nước số 83/2015/QH13 ngày 25/6/2015;\n"
        "Thay thế Quyết định số 1526/QĐ-UBND và Nghị định 43/2011/ND-CP."
    )
    refs = extract_references(text)
    assert [
        (r.number.canonical if r.number else None, r.doc_type, r.title, r.date) for r in refs
    ] == [
        (None, "Luật", "Luật Tổ chức chính quyền địa phương", date(2015, 6, 19)),
        ("43/2011/NĐ-CP", "Nghị định", None, date(2011, 6, 13)),
        ("83/2015/QH13", "Luật", "Luật Ngân sách nhà nước", date(2015, 6, 25)),
        ("1526/QĐ-UBND", "Quyết định", None, None),
        ("43/2011/NĐ-CP", "Nghị định", None, None),
    ]
    assert text[refs[1].start : refs[1].end] == (
        "Nghị định số 43/2011/NĐ-CP ngày 13 tháng 6 năm 2011"
    )
    assert refs[3].span == (text.index("Quyết định số 1526"), text.index(" và Nghị"))
    unique = unique_references(refs)
    assert [r.key for r in unique] == [
        "LAW:luat to chuc chinh quyen dia phuong",
        "43/2011/ND-CP",
        "83/2015/QH13",
        "1526/QD-UBND",
    ]


def test_extract_ignores_dates_and_fractions():
    text = "ngày 19/6/2015, trực 24/24 giờ, trên cổng/trang, TCVN 6909:2001, Số 12/2020."
    assert extract_references(text) == []


def test_law_title_stops_before_next_reference():
    text = "theo Điều 12 Luật Công nghệ thông tin và Điều 5 Nghị định số 72/2013/NĐ-CP."
    refs = extract_references(text)
    assert [r.title for r in refs] == ["Luật Công nghệ thông tin", None]
    assert refs[1].number is not None and refs[1].number.key == "72/2013/ND-CP"


def test_unique_laws_fold_case():
    refs = extract_references("Luật Thống kê; Luật thống kê 2015; Luật Thống Kê.")
    assert len(refs) == 3
    assert [r.title for r in unique_references(refs)] == ["Luật Thống kê"]


# Facts read from the seed files: every document number written in each file (as written,
# including the typo "TT-BTTT" in 000) and every law cited by name without a number.
SEED_NUMBERS = {
    "000_6a21cef6674e4f7d.txt": {
        "28/2009/TT-BTTTT",
        "32/2017/TT-BTTTT",
        "39/2017/TT-BTTTT",
        "39/2017/TT-BTTT",
        "64/2007/NĐ-CP",
        "25/2010/TT-BTTTT",
        "43/2011/NĐ-CP",
        "72/2013/NĐ-CP",
        "09/2014/TT-BTTTT",
        "27/2018/NĐ-CP",
        "1526/QĐ-UBND",
        "774/QĐ-UBND",
        "40/2012/QĐ-UBND",
        "31/2015/QĐ-UBND",
        "818/QĐ-UBND",
        "22/2019/QĐ-UBND",
        "08/CT-UBND",
        "1906/KH-UBND",
    },
    "001_ca46e2b61fadec62.txt": {
        "43/2011/NĐ-CP",
        "72/2013/NĐ-CP",
        "80/2014/QĐ-TTg",
        "09/2014/TT-BTTTT",
        "314/TTr-STTTT",
        "14/2015/QĐ-UBND",
    },
    "002_002444a9c5add83c.txt": {
        "57/2018/QĐ-UBND",
        "43/2011/NĐ-CP",
        "09/2017/NĐ-CP",
        "32/2017/TT-BTTTT",
    },
    "003_02fd202e55160856.txt": {
        "13/2018/NĐ-CP",
        "42/2022/NĐ-CP",
        "135/TTr-STTTT",
        "03/2017/QĐ-UBND",
        "02/2023/QĐ-UBND",
        "2590/QĐ-UBND",
        "47/2020/NĐ-CP",
    },
    "004_c7d6c57c03def357.txt": {"17/2018/QĐ-UBND", "43/2011/NĐ-CP", "01/2011/TT-BTTTT"},
}

SEED_LAWS = {
    "000_6a21cef6674e4f7d.txt": {
        "luật thống kê",
        "luật công nghệ thông tin",
        "luật tổ chức chính quyền địa phương",
    },
    "001_ca46e2b61fadec62.txt": {
        "luật tổ chức hội đồng nhân dân và ủy ban nhân dân",
        "luật công nghệ thông tin",
    },
    "002_002444a9c5add83c.txt": {"luật ban hành văn bản quy phạm pháp luật"},
    "003_02fd202e55160856.txt": {
        "luật tổ chức chính quyền địa phương",
        "luật sửa đổi, bổ sung một số điều của luật tổ chức chính phủ và luật tổ chức chính "
        "quyền địa phương",
        "luật ban hành văn bản quy phạm pháp luật",
        "luật sửa đổi bổ sung một số điều luật ban hành quy phạm pháp luật",
        "luật công nghệ thông tin",
        "luật an toàn thông tin mạng",
        "luật tiếp cận thông tin",
    },
    "004_c7d6c57c03def357.txt": {"luật công nghệ thông tin"},
}


@pytest.mark.parametrize("name", sorted(SEED_NUMBERS))
def test_seed_references(name):
    if not SEEDS.is_dir():
        pytest.skip(f"seed directory {SEEDS} not present")
    path = SEEDS / name
    if not path.is_file():
        pytest.skip(f"seed {name} not present")
    text = path.read_text(encoding="utf-8")
    refs = unique_references(extract_references(text))
    numbers = [r.number.canonical for r in refs if r.number is not None]
    assert len(numbers) == len(set(numbers))
    assert set(numbers) == SEED_NUMBERS[name]
    laws = [r.title.lower() for r in refs if r.number is None and r.title]
    assert set(laws) == SEED_LAWS[name]
    for ref in extract_references(text):
        written = text[ref.start : ref.end]
        if ref.number is not None:
            assert parse_number(ref.number.canonical).key == ref.number.key
            assert ref.number.number in written
        else:
            assert written.startswith("Luật")


def test_a_law_named_and_numbered_keeps_its_title():
    [ref] = extract_references(
        "Luật Ban hành văn bản quy phạm pháp luật số 80/2015/QH13 ngày 22/6/2015"
    )
    assert ref.number is not None and ref.number.canonical == "80/2015/QH13"
    assert ref.title == "Luật Ban hành văn bản quy phạm pháp luật"
    assert ref.date == date(2015, 6, 22)
    [bare] = extract_references("theo Luật số 60/2024/QH15")
    assert bare.title is None and bare.number.canonical == "60/2024/QH15"
