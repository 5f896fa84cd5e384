"""Portal content of the demo province: news, leaders, structure, directories and more.

The regulations on agency portals (Nghị định 42/2022/NĐ-CP) require every agency to publish
its leaders, organisational structure, directory and news; the province also publishes work
schedules, online public services, drafts for comment and legal questions and answers.
``PORTAL_DATASETS`` adds four datasets per organisation (news, leaders, structure,
directory) to those of ``hub.demo.data``; ``PORTAL_RECORDS`` gives every portal-content
dataset its records as ``(file name, CSV text)`` with the record type's field names as
header.

Everything is fictional and deterministic: random choices come from ``random.Random``
seeded with fixed values, and "now" is ``TODAY`` (the generators never read the clock).
Most organisations are complete in English; those of ``ENGLISH_GAPS`` deliberately are not,
so that the English coverage report has something to show.
"""

from __future__ import annotations

import csv
import html
import io
import random
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache, partial

from hub.demo.data import MERGED, ORGANIZATIONS, ROOT, _ds
from hub.records.schema import SCHEMA_DIR, load_schema_file
from hub.text import fold, slugify

SEED = 20251120
TODAY = date(2025, 11, 20)  # the demo's "now"
LEGAL_BASIS = ["42/2022/NĐ-CP"]
DOMAIN = "minhhoa.example"

# Organisations whose English is deliberately incomplete, and what is missing:
# structure = NAME_EN of some unit, functions = FUNCTIONS_EN, contacts = POSITION_EN/UNIT_EN.
ENGLISH_GAPS: dict[str, set[str]] = {
    "xa-an-binh": {"functions"},
    "xa-hoa-loi": {"structure", "functions", "contacts"},
    "so-xay-dung": {"contacts"},
}

# Organisations whose news already has a dataset in hub.demo.data.
EXISTING_NEWS = {
    "van-phong-ubnd-tinh": "tin-tuc-cong-thong-tin-tinh",
    "phuong-minh-hoa": "tin-tuc-phuong-minh-hoa",
}
DRAFT_DATASETS = {"tin-tuc-thong-ke-tinh-minh-hoa", "tin-tuc-xa-phu-my"}

_MERGED_SOURCES = {old for old, _ in MERGED}
ACTIVE: list[dict] = [o for o in ORGANIZATIONS if o["slug"] not in _MERGED_SOURCES]
_ORG = {o["slug"]: o for o in ORGANIZATIONS}


def _rng(name: str) -> random.Random:
    return random.Random(f"{SEED}:{name}")


@cache
def _header(record_type: str) -> tuple[str, ...]:
    return tuple(f.name for f in load_schema_file(SCHEMA_DIR / f"{record_type}.yaml").fields)


def _csv(record_type: str, rows: Iterable[dict[str, object]]) -> str:
    header = _header(record_type)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        unknown = set(row) - set(header)
        assert not unknown, f"{record_type}: unknown fields {unknown}"
        writer.writerow(["" if row.get(name) is None else row[name] for name in header])
    return out.getvalue()


# --- names of organisations in running text ---------------------------------------------


def _sub(org: dict) -> str:
    return org["website"].removeprefix("https://").split(".")[0]


def _mail_sub(org: dict) -> str:
    """The agency part of staff addresses; the Committee's web host is ``www``."""
    sub = _sub(org)
    return "ubnd" if sub == "www" else sub


def _prefix(org: dict) -> str:
    """A short code for keys: the website's host name, ``www`` being the Committee."""
    sub = _sub(org)
    return "UBND" if sub == "www" else sub.upper()


def _inline(title_vi: str) -> str:
    """``Xã Tân Phú`` inside a sentence is ``xã Tân Phú``: the level is a common noun."""
    for level in ("Xã ", "Phường "):
        if title_vi.startswith(level):
            return level.lower() + title_vi[len(level) :]
    return title_vi


def _the(title_en: str) -> str:
    return title_en if title_en.endswith(("Commune", "Ward")) else f"the {title_en}"


def _level(org: dict) -> tuple[str, str]:
    """The commune level word in Vietnamese and English."""
    return ("phường", "Ward") if org["title_vi"].startswith("Phường") else ("xã", "Commune")


def _body(org: dict) -> tuple[str, str]:
    """The body that acts for the organisation: a commune acts through its People's Committee."""
    if org["kind"] == "commune":
        level_vi, level_en = _level(org)
        name_en = org["title_en"].removesuffix(f" {level_en}")
        return (
            f"Ủy ban nhân dân {_inline(org['title_vi'])}",
            f"{name_en} {level_en} People's Committee",
        )
    return org["title_vi"], org["title_en"]


def _fax(org: dict) -> str:
    return f"0294 3856 {org['phone'][-3:]}"


# --- people -------------------------------------------------------------------------------

SURNAMES = (
    "Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Hoàng", "Võ", "Phan", "Đặng", "Bùi",
    "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Trương", "Đinh", "Lâm", "Mai", "Tạ",
)  # fmt: skip
MALE_MIDDLE = ("Văn", "Hữu", "Minh", "Quốc", "Thanh", "Đức", "Hoàng", "Công", "Ngọc", "Tấn")
MALE_GIVEN = (
    "An", "Bảo", "Cường", "Dũng", "Hải", "Hùng", "Khoa", "Long", "Minh", "Nam", "Phong",
    "Phúc", "Quang", "Sơn", "Tài", "Thắng", "Tuấn", "Việt", "Vinh", "Hiếu", "Trung", "Tâm",
)  # fmt: skip
FEMALE_MIDDLE = ("Thị", "Thị", "Ngọc", "Thanh", "Kim", "Thu", "Mỹ")
FEMALE_GIVEN = (
    "Anh", "Bình", "Châu", "Dung", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Mai",
    "Nga", "Ngân", "Nhung", "Oanh", "Phương", "Thảo", "Trang", "Vân", "Yến",
)  # fmt: skip
# The heads named in the directory file of hub.demo.data keep their names here.
FIXED_HEADS = {
    "van-phong-ubnd-tinh": "Nguyễn Văn An",
    "so-tai-chinh": "Trần Thị Bình",
    "so-tu-phap": "Lê Hoàng Cường",
}
HOMETOWNS = (
    "phường Minh Hòa, tỉnh Minh Hòa",
    "phường Long Châu, tỉnh Minh Hòa",
    "xã Tân Phú, tỉnh Minh Hòa",
    "xã An Bình, tỉnh Minh Hòa",
    "xã Hòa Lợi, tỉnh Minh Hòa",
    "xã Phú Mỹ, tỉnh Minh Hòa",
)
PEN_NAMES = (
    "Minh Thư",
    "Hoàng Long",
    "Ngọc Hân",
    "Thanh Tùng",
    "Bảo Trâm",
    "Quốc Việt",
    "Mỹ Duyên",
)


class _People:
    """Unique fictional names, drawn in a fixed order."""

    def __init__(self) -> None:
        self.rng = _rng("people")
        self.used: set[str] = set(FIXED_HEADS.values())

    def new(self) -> str:
        while True:
            if self.rng.random() < 0.4:
                middle, given = self.rng.choice(FEMALE_MIDDLE), self.rng.choice(FEMALE_GIVEN)
            else:
                middle, given = self.rng.choice(MALE_MIDDLE), self.rng.choice(MALE_GIVEN)
            name = f"{self.rng.choice(SURNAMES)} {middle} {given}"
            if name not in self.used:
                self.used.add(name)
                return name


def _email(name: str, org: dict) -> str:
    """Official addresses read ``<given name><initials>.<agency>``: ``annv.vpubnd@...``."""
    words = fold(name).split()
    return f"{words[-1]}{''.join(w[0] for w in words[:-1])}.{_mail_sub(org)}@{DOMAIN}"


def _phone(rng: random.Random) -> str:
    return f"0294 38{rng.randint(50, 99)} {rng.randint(100, 999)}"


# --- organisation profiles -------------------------------------------------------------


@dataclass(frozen=True)
class _Unit:
    name_vi: str
    name_en: str
    head_vi: str  # the head's title; empty for groupings without a head
    head_en: str
    functions_vi: str
    functions_en: str
    parent: int = 0  # index in the organisation's unit list; 0 is the root unit
    head_of: tuple[str, str] | None = None  # (organisation, unit) whose head leads this one


@dataclass(frozen=True)
class _Topic:
    title_vi: str
    title_en: str
    category: str
    summary: str
    points: tuple[str, ...]
    day: date | None = None  # events tied to a date


@dataclass(frozen=True)
class _Profile:
    head: tuple[str, str]
    deputy: tuple[str, str]
    deputies: tuple[int, int]
    units: tuple[_Unit, ...]
    degrees: tuple[str, ...]
    topics: tuple[_Topic, ...] = ()
    areas: tuple[tuple[str, str], ...] = ()  # deputies' fields, when not by unit


def _divisions(template: tuple[str, str], *rows: tuple[str, str, str, str]) -> list[_Unit]:
    """Divisions whose functions are the organisation's sentence about their field."""
    return [
        _Unit(vi, en, "Trưởng phòng", "Head of Division", *_fill(template, f_vi, f_en))
        for vi, en, f_vi, f_en in rows
    ]


def _fill(template: tuple[str, str], vi: str, en: str) -> tuple[str, str]:
    return template[0].format(field=vi), template[1].format(field=en)


def _centre(vi: str, en: str, functions_vi: str, functions_en: str, parent: int = 0) -> _Unit:
    return _Unit(vi, en, "Giám đốc", "Director", functions_vi, functions_en, parent)


DEPARTMENT = (
    "Tham mưu, giúp Giám đốc Sở quản lý nhà nước về {field}.",
    "Advises the Director on the state management of {field}.",
)
DEPARTMENT_OFFICE = _Unit(
    "Văn phòng Sở",
    "Department Office",
    "Chánh Văn phòng",
    "Chief of Office",
    "Tham mưu tổng hợp; thực hiện công tác hành chính, văn thư, lưu trữ, tổ chức cán bộ, tài "
    "chính, quản trị, thi đua, khen thưởng và cải cách hành chính của Sở.",
    "General advice; administration, records and archives, personnel, finance, facilities, "
    "commendation and administrative reform of the Department.",
)
DEPARTMENT_INSPECTORATE = _Unit(
    "Thanh tra Sở",
    "Department Inspectorate",
    "Chánh Thanh tra",
    "Chief Inspector",
    "Tham mưu, giúp Giám đốc Sở thực hiện công tác tiếp công dân, giải quyết khiếu nại, tố cáo "
    "và phòng, chống tham nhũng, tiêu cực; kiểm tra việc chấp hành pháp luật trong các lĩnh "
    "vực do Sở quản lý.",
    "Helps the Director receive citizens, handle complaints and denunciations and prevent "
    "corruption; checks compliance with the law in the Department's fields.",
)
DEPARTMENT_HEADS = (("Giám đốc", "Director"), ("Phó Giám đốc", "Deputy Director"))
DEPARTMENT_DEGREES = ("Thạc sĩ Quản lý công", "Cử nhân Luật", "Thạc sĩ Quản lý kinh tế")


def _department(
    units: Sequence[_Unit], topics: Sequence[_Topic], degrees: Sequence[str] = ()
) -> _Profile:
    return _Profile(
        head=DEPARTMENT_HEADS[0],
        deputy=DEPARTMENT_HEADS[1],
        deputies=(1, 3),
        units=(DEPARTMENT_OFFICE, DEPARTMENT_INSPECTORATE, *units),
        degrees=tuple(degrees) + DEPARTMENT_DEGREES,
        topics=tuple(topics),
    )


def _t(
    title_vi: str,
    title_en: str,
    category: str,
    summary: str,
    *points: str,
    day: date | None = None,
) -> _Topic:
    return _Topic(title_vi, title_en, category, summary, points, day)


VP_UNITS: tuple[_Unit, ...] = (
    _Unit(
        "Phòng Hành chính - Tổ chức",
        "Administration and Personnel Division",
        "Trưởng phòng",
        "Head of Division",
        "Thực hiện công tác hành chính, văn thư, lưu trữ, tổ chức cán bộ, tài chính và quản trị "
        "của Văn phòng.",
        "Administration, records and archives, personnel, finance and facilities of the Office.",
    ),
    *_divisions(
        (
            "Theo dõi, tổng hợp và tham mưu giúp lãnh đạo Ủy ban nhân dân tỉnh chỉ đạo, điều "
            "hành lĩnh vực {field}.",
            "Monitors and reports on {field}, supporting the direction of the Provincial "
            "People's Committee.",
        ),
        (
            "Phòng Tổng hợp",
            "General Affairs Division",
            "tổng hợp, chương trình công tác, thi đua, khen thưởng và cải cách hành chính",
            "general affairs, work programmes, commendation and administrative reform",
        ),
        (
            "Phòng Kinh tế",
            "Economic Affairs Division",
            "kinh tế, tài chính, đầu tư, xây dựng, nông nghiệp và môi trường",
            "the economy, finance, investment, construction, agriculture and the environment",
        ),
        (
            "Phòng Khoa giáo - Văn xã",
            "Education, Culture and Social Affairs Division",
            "khoa học, giáo dục, y tế, văn hóa và xã hội",
            "science, education, health, culture and social affairs",
        ),
        (
            "Phòng Nội chính",
            "Internal Affairs Division",
            "nội chính, tiếp công dân, giải quyết khiếu nại, tố cáo và phòng, chống tham nhũng",
            "internal affairs, citizen reception, complaints and anti-corruption",
        ),
    ),
    _centre(
        "Trung tâm Phục vụ hành chính công tỉnh",
        "Provincial Public Administration Service Centre",
        "Đơn vị trực thuộc Văn phòng, tiếp nhận hồ sơ, trả kết quả giải quyết thủ tục hành chính "
        "và hướng dẫn tổ chức, cá nhân thực hiện dịch vụ công trực tuyến.",
        "Unit of the Office receiving applications, returning the results of administrative "
        "procedures and helping people use online public services.",
    ),
    _centre(
        "Trung tâm Thông tin - Công báo",
        "Information and Official Gazette Centre",
        "Đơn vị sự nghiệp trực thuộc Văn phòng, quản lý, vận hành Cổng thông tin điện tử tỉnh và "
        "xuất bản Công báo tỉnh.",
        "Public service unit of the Office running the provincial web portal and publishing the "
        "provincial Official Gazette.",
    ),
)
PUBLIC_SERVICE_CENTRE = ("van-phong-ubnd-tinh", "Trung tâm Phục vụ hành chính công tỉnh")

DEPARTMENT_SLUGS = [o["slug"] for o in ACTIVE if o["slug"].startswith("so-")]
COMMUNE_SLUGS = [o["slug"] for o in ACTIVE if o["kind"] == "commune"]


def _province_units() -> tuple[_Unit, ...]:
    departments_vi = ", ".join(_ORG[s]["title_vi"] for s in DEPARTMENT_SLUGS)
    departments_en = ", ".join(_ORG[s]["title_en"] for s in DEPARTMENT_SLUGS)
    communes_vi = ", ".join(_inline(_ORG[s]["title_vi"]) for s in COMMUNE_SLUGS)
    communes_en = ", ".join(_ORG[s]["title_en"] for s in COMMUNE_SLUGS)
    office = _ORG["van-phong-ubnd-tinh"]
    return (
        _Unit(
            "Thường trực Ủy ban nhân dân tỉnh",
            "Standing Members of the Provincial People's Committee",
            "Chủ tịch Ủy ban nhân dân tỉnh",
            "Chairperson of the Provincial People's Committee",
            "Gồm Chủ tịch và các Phó Chủ tịch Ủy ban nhân dân tỉnh; giải quyết công việc thường "
            "xuyên của Ủy ban nhân dân tỉnh giữa hai phiên họp.",
            "The Chairperson and Vice Chairpersons, who handle the Committee's day-to-day "
            "business between its meetings.",
            head_of=(ROOT, ""),
        ),
        _Unit(
            office["title_vi"],
            office["title_en"],
            "Chánh Văn phòng",
            "Chief of Office",
            office["description_vi"],
            office["description_en"],
            head_of=("van-phong-ubnd-tinh", ""),
        ),
        _Unit(
            *(PUBLIC_SERVICE_CENTRE[1], "Provincial Public Administration Service Centre"),
            "Giám đốc",
            "Director",
            VP_UNITS[-2].functions_vi,
            VP_UNITS[-2].functions_en,
            parent=2,
            head_of=PUBLIC_SERVICE_CENTRE,
        ),
        _Unit(
            "Các sở thuộc Ủy ban nhân dân tỉnh",
            "Departments of the Provincial People's Committee",
            "",
            "",
            "Các cơ quan chuyên môn tham mưu, giúp Ủy ban nhân dân tỉnh quản lý nhà nước theo "
            f"ngành, lĩnh vực: {departments_vi}.",
            "The specialised agencies that advise the Committee on the state management of "
            f"their sectors: {departments_en}.",
        ),
        _Unit(
            "Ủy ban nhân dân các xã, phường",
            "Commune and Ward People's Committees",
            "",
            "",
            f"Chính quyền địa phương cấp xã của tỉnh: {communes_vi}.",
            f"The commune-level local governments of the province: {communes_en}.",
        ),
    )


# News topics. Generic ones (department and commune) are filled in per organisation.
PROVINCE_TOPICS = (
    _t(
        "Ủy ban nhân dân tỉnh họp phiên thường kỳ tháng 10 năm 2025",
        "Provincial People's Committee holds its regular October 2025 meeting",
        "direction",
        "Ủy ban nhân dân tỉnh Minh Hòa họp phiên thường kỳ tháng 10, đánh giá tình hình kinh tế - "
        "xã hội 10 tháng và bàn giải pháp hoàn thành kế hoạch năm 2025.",
        "Đẩy nhanh tiến độ giải ngân vốn đầu tư công",
        "Tiếp tục cải cách thủ tục hành chính và chuyển đổi số",
        "Chuẩn bị các nội dung trình kỳ họp cuối năm của Hội đồng nhân dân tỉnh",
    ),
    _t(
        "Chủ tịch Ủy ban nhân dân tỉnh tiếp công dân định kỳ tháng 11",
        "Provincial Chairperson receives citizens in November",
        "event",
        "Chủ tịch Ủy ban nhân dân tỉnh chủ trì buổi tiếp công dân định kỳ, lắng nghe và giải quyết "
        "kiến nghị của người dân về đất đai, bồi thường và giải phóng mặt bằng.",
        "Các kiến nghị được trả lời trực tiếp hoặc giao cơ quan chuyên môn giải quyết",
        "Kết quả giải quyết được công khai trên Cổng thông tin điện tử tỉnh",
        day=date(2025, 11, 19),
    ),
    _t(
        "Tỉnh Minh Hòa đưa Cổng dữ liệu mở vào vận hành",
        "Minh Hoa launches its open data portal",
        "news",
        "Tỉnh Minh Hòa chính thức đưa vào vận hành Cổng dữ liệu mở, công khai các bộ dữ liệu về "
        "ngân sách, dự án đầu tư, văn bản pháp luật và thống kê.",
        "Dữ liệu được cung cấp miễn phí theo giấy phép mở",
        "Có giao diện lập trình ứng dụng (API) cho doanh nghiệp và nhà nghiên cứu",
        "Dữ liệu được cập nhật định kỳ theo quy định",
    ),
    _t(
        "Ủy ban nhân dân tỉnh ban hành Kế hoạch chuyển đổi số năm 2026",
        "Provincial People's Committee issues its 2026 digital transformation plan",
        "direction",
        "Kế hoạch đặt mục tiêu đưa phần lớn thủ tục hành chính đủ điều kiện lên dịch vụ công trực "
        "tuyến toàn trình và hoàn thiện nền tảng dữ liệu dùng chung của tỉnh.",
        "Các sở, ngành và xã, phường xây dựng kế hoạch chi tiết trước ngày 31/12/2025",
        "Sở Khoa học và Công nghệ theo dõi, đôn đốc và tổng hợp kết quả thực hiện",
    ),
)

PORTAL_TOPICS = (
    _t(
        "Kinh tế - xã hội 10 tháng năm 2025 tiếp tục chuyển biến tích cực",
        "The economy keeps improving in the first ten months of 2025",
        "news",
        "Sản xuất nông nghiệp ổn định, công nghiệp và dịch vụ tăng khá; thu ngân sách trên địa "
        "bàn 10 tháng đạt trên 80% dự toán năm.",
        "Chỉ số sản xuất công nghiệp tăng so với cùng kỳ",
        "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng tăng khá",
    ),
    _t(
        "Triển khai công tác phòng, chống thiên tai cuối mùa mưa bão năm 2025",
        "Disaster preparedness for the end of the 2025 storm season",
        "direction",
        "Ủy ban nhân dân tỉnh yêu cầu các địa phương rà soát phương án sơ tán dân, bảo đảm an "
        "toàn đê bao, bờ kè và sản xuất nông nghiệp trong thời gian triều cường.",
        "Tổ chức trực ban 24/24 giờ trong thời gian có cảnh báo",
        "Kiểm tra các điểm có nguy cơ sạt lở ven sông Long Châu",
    ),
    _t(
        "Thông báo lịch tiếp công dân của lãnh đạo Ủy ban nhân dân tỉnh tháng 11/2025",
        "Citizen reception by provincial leaders in November 2025",
        "announcement",
        "Chủ tịch Ủy ban nhân dân tỉnh tiếp công dân định kỳ ngày 19/11/2025 tại Trụ sở Tiếp công "
        "dân tỉnh; các Phó Chủ tịch tiếp công dân theo lĩnh vực được phân công.",
        "Công dân đăng ký trước tại Ban Tiếp công dân tỉnh",
        "Mang theo giấy tờ tùy thân và tài liệu liên quan đến nội dung kiến nghị",
    ),
    _t(
        "Đẩy mạnh giải ngân vốn đầu tư công những tháng cuối năm",
        "Speeding up public investment disbursement in the last months of the year",
        "direction",
        "Chủ tịch Ủy ban nhân dân tỉnh yêu cầu các chủ đầu tư tập trung tháo gỡ vướng mắc về mặt "
        "bằng, đẩy nhanh nghiệm thu, thanh toán khối lượng hoàn thành.",
        "Chủ đầu tư giải ngân chậm phải báo cáo rõ nguyên nhân",
        "Điều chuyển vốn từ dự án chậm sang dự án có khả năng giải ngân tốt",
    ),
    _t(
        "Trung tâm Phục vụ hành chính công tỉnh tiếp nhận hồ sơ trực tuyến toàn trình",
        "Provincial service centre accepts fully online applications",
        "news",
        "Người dân, doanh nghiệp có thể nộp hồ sơ, thanh toán phí, lệ phí và nhận kết quả điện tử "
        "mà không phải đến trụ sở đối với các thủ tục đủ điều kiện.",
        "Kết quả giải quyết được trả qua tài khoản trên Cổng Dịch vụ công",
        "Bộ phận hỗ trợ giải đáp qua đường dây nóng trong giờ hành chính",
    ),
    _t(
        "Tuyên dương nhà giáo tiêu biểu nhân Ngày Nhà giáo Việt Nam 20/11",
        "Outstanding teachers honoured on Vietnamese Teachers' Day",
        "event",
        "Nhân kỷ niệm 43 năm Ngày Nhà giáo Việt Nam (20/11/1982 - 20/11/2025), Ủy ban nhân dân "
        "tỉnh tặng bằng khen cho các nhà giáo có thành tích xuất sắc.",
        "Biểu dương giáo viên công tác lâu năm tại các xã khó khăn",
        "Trao học bổng cho học sinh vượt khó học giỏi",
        day=date(2025, 11, 19),
    ),
    _t(
        "Quy định mới về hỗ trợ đầu tư hạ tầng cụm công nghiệp",
        "New rules on support for industrial cluster infrastructure",
        "policy",
        "Ủy ban nhân dân tỉnh ban hành quy định về hỗ trợ đầu tư xây dựng hạ tầng kỹ thuật các cụm "
        "công nghiệp trên địa bàn tỉnh, áp dụng từ ngày 01/12/2025.",
        "Hỗ trợ một phần chi phí xây dựng hệ thống xử lý nước thải tập trung",
        "Ưu tiên cụm công nghiệp thu hút doanh nghiệp chế biến nông sản",
    ),
    _t(
        "Khai mạc Tuần lễ Văn hóa - Du lịch Minh Hòa năm 2025",
        "Minh Hoa Culture and Tourism Week 2025 opens",
        "event",
        "Tuần lễ gồm nhiều hoạt động giới thiệu ẩm thực, làng nghề truyền thống và các điểm du "
        "lịch sinh thái ven sông của tỉnh.",
        "Hội chợ sản phẩm OCOP và đặc sản địa phương",
        "Chương trình nghệ thuật đờn ca tài tử",
    ),
    _t(
        "Bảo đảm trật tự, an toàn giao thông dịp cuối năm",
        "Road safety measures for the end of the year",
        "direction",
        "Ủy ban nhân dân tỉnh chỉ đạo tăng cường tuần tra, kiểm soát và xử lý vi phạm nồng độ cồn, "
        "tốc độ trên các tuyến đường trọng điểm.",
        "Rà soát, khắc phục các điểm đen về tai nạn giao thông",
        "Tuyên truyền văn hóa giao thông tại trường học",
    ),
    _t(
        "Thông báo tuyển dụng công chức năm 2025",
        "Civil service recruitment 2025",
        "announcement",
        "Ủy ban nhân dân tỉnh thông báo tuyển dụng công chức vào làm việc tại các cơ quan chuyên "
        "môn và Ủy ban nhân dân các xã, phường.",
        "Thời gian nhận phiếu đăng ký dự tuyển đến hết ngày 15/12/2025",
        "Thí sinh đăng ký trực tuyến trên Cổng thông tin điện tử tỉnh",
    ),
    _t(
        "Hội nghị xúc tiến đầu tư tỉnh Minh Hòa năm 2025",
        "Minh Hoa investment promotion conference 2025",
        "event",
        "Hội nghị giới thiệu tiềm năng, cơ hội đầu tư và trao quyết định chủ trương đầu tư cho các "
        "dự án nông nghiệp công nghệ cao, năng lượng và du lịch.",
        "Công bố danh mục dự án kêu gọi đầu tư giai đoạn 2026-2030",
        "Ký kết biên bản ghi nhớ hợp tác với các nhà đầu tư",
    ),
    _t(
        "Ra mắt ứng dụng phản ánh hiện trường Minh Hòa",
        "Minh Hoa launches a citizen feedback app",
        "news",
        "Người dân có thể gửi phản ánh về hạ tầng, môi trường, trật tự đô thị kèm hình ảnh, vị trí "
        "và theo dõi kết quả xử lý trên điện thoại.",
        "Phản ánh được chuyển đến cơ quan có thẩm quyền trong ngày",
        "Kết quả xử lý được công khai để người dân đánh giá mức độ hài lòng",
    ),
)

DEPARTMENT_TOPICS = (
    _t(
        "{body} sơ kết công tác 10 tháng năm 2025",
        "{body_en} reviews its work in the first ten months of 2025",
        "direction",
        "{body} tổ chức hội nghị sơ kết công tác 10 tháng năm 2025, đánh giá kết quả thực hiện "
        "nhiệm vụ được giao và đề ra giải pháp hoàn thành kế hoạch năm.",
        "Phần lớn chỉ tiêu kế hoạch năm đạt và vượt tiến độ",
        "Nâng cao chất lượng giải quyết thủ tục hành chính cho người dân, doanh nghiệp",
    ),
    _t(
        "Thông báo lịch tiếp công dân tháng 11/2025 của {body}",
        "Citizen reception schedule of {the_en}, November 2025",
        "announcement",
        "Lãnh đạo {body} tiếp công dân định kỳ vào ngày thứ Năm của tuần thứ hai và tuần "
        "thứ tư trong tháng tại trụ sở cơ quan.",
        "Công dân mang theo giấy tờ tùy thân và tài liệu liên quan đến nội dung kiến nghị",
        "Có thể gửi kiến nghị trước qua thư điện tử của cơ quan",
    ),
)

COMMUNE_TOPICS = (
    _t(
        "{Place} tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm 2025",
        "{place_en} celebrates National Great Unity Day 2025",
        "event",
        "Các {hamlet} trên địa bàn {place} đồng loạt tổ chức Ngày hội Đại đoàn kết toàn dân tộc, "
        "kỷ niệm 95 năm Ngày truyền thống Mặt trận Tổ quốc Việt Nam (18/11/1930 - 18/11/2025).",
        "Biểu dương các gia đình văn hóa tiêu biểu",
        "Trao quà cho hộ nghèo, hộ cận nghèo và gia đình chính sách",
        "Tổ chức các hoạt động văn nghệ, thể thao",
        day=date(2025, 11, 16),
    ),
    _t(
        "Chủ tịch {body} đối thoại với Nhân dân năm 2025",
        "Chairperson of the {body_en} holds a dialogue with residents",
        "event",
        "Chủ tịch {body} chủ trì hội nghị đối thoại, trực tiếp lắng nghe và giải đáp kiến "
        "nghị của người dân về đất đai, môi trường và an sinh xã hội.",
        "Tiếp nhận nhiều ý kiến, kiến nghị của cử tri và Nhân dân",
        "Các kiến nghị thuộc thẩm quyền được giao giải quyết trong tháng",
    ),
    _t(
        "{Place} ra quân tổng vệ sinh môi trường, chỉnh trang cảnh quan",
        "Clean-up day in {place_en}",
        "news",
        "Cán bộ, đoàn viên, hội viên và Nhân dân {place} tham gia thu gom rác thải, phát quang "
        "bụi rậm, khơi thông cống rãnh tại các {hamlet}.",
        "Thu gom nhiều tấn rác thải sinh hoạt và rác thải nhựa",
        "Vận động hộ gia đình phân loại rác tại nguồn",
    ),
    _t(
        "Hướng dẫn nộp hồ sơ trực tuyến tại Trung tâm Phục vụ hành chính công {place}",
        "How to apply online at the public administration service centre of {place_en}",
        "news",
        "Trung tâm Phục vụ hành chính công {place} bố trí nhân viên hướng dẫn người dân nộp hồ sơ, "
        "thanh toán phí, lệ phí trực tuyến qua Cổng Dịch vụ công quốc gia.",
        "Nhận kết quả qua dịch vụ bưu chính công ích theo yêu cầu",
        "Tra cứu tình trạng hồ sơ trên Cổng Dịch vụ công của tỉnh",
    ),
    DEPARTMENT_TOPICS[1],
    _t(
        "Bàn giao nhà Đại đoàn kết cho hộ khó khăn tại {place}",
        "New homes handed over to families in need in {place_en}",
        "news",
        "{body} phối hợp với Ủy ban Mặt trận Tổ quốc Việt Nam {place} bàn giao nhà Đại đoàn kết "
        "cho các hộ gia đình có hoàn cảnh khó khăn về nhà ở.",
        "Mỗi căn nhà được hỗ trợ từ Quỹ Vì người nghèo và nguồn xã hội hóa",
        "Góp phần hoàn thành chương trình xóa nhà tạm, nhà dột nát",
    ),
    _t(
        "{Place} đẩy mạnh thanh toán không dùng tiền mặt",
        "{place_en} promotes cashless payments",
        "news",
        "{body} phối hợp với các ngân hàng thương mại hướng dẫn người dân, tiểu thương mở tài "
        "khoản, thanh toán bằng mã QR và nhận chi trả an sinh xã hội qua tài khoản.",
        "Các chợ trên địa bàn được hỗ trợ niêm yết mã QR thanh toán",
        "Chi trả trợ cấp xã hội qua tài khoản giúp người dân đỡ mất thời gian đi lại",
    ),
)
RURAL_TOPIC = _t(
    "{Place} khuyến cáo lịch xuống giống lúa vụ đông xuân 2025-2026",
    "{place_en} recommends the sowing calendar for the 2025-2026 winter-spring rice crop",
    "direction",
    "{body} khuyến cáo nông dân xuống giống tập trung, né rầy theo lịch thời vụ của ngành nông "
    "nghiệp và sử dụng giống lúa xác nhận.",
    "Vệ sinh đồng ruộng, xử lý rơm rạ trước khi gieo sạ",
    "Áp dụng quy trình canh tác giảm lượng giống gieo sạ và phân bón",
)
URBAN_TOPIC = _t(
    "{Place} ra quân lập lại trật tự lòng đường, vỉa hè",
    "{place_en} clears roads and pavements",
    "direction",
    "{body} ra quân lập lại trật tự lòng đường, vỉa hè trên các tuyến đường chính, bảo đảm mỹ "
    "quan đô thị và an toàn giao thông.",
    "Vận động hộ kinh doanh không lấn chiếm vỉa hè",
    "Xử lý nghiêm các trường hợp tái vi phạm",
)


def _commune_profile(org: dict) -> _Profile:
    level_vi, level_en = _level(org)
    ward = level_vi == "phường"
    economy = (
        (
            "Phòng Kinh tế, Hạ tầng và Đô thị",
            "Economy, Infrastructure and Urban Affairs Division",
            "kinh tế, tài chính, xây dựng, giao thông, đô thị, đất đai và môi trường",
            "the economy, finance, construction, transport, urban affairs, land and the "
            "environment",
        )
        if ward
        else (
            "Phòng Kinh tế",
            "Economic Division",
            "nông nghiệp, công thương, tài chính, kế hoạch, đất đai và môi trường",
            "agriculture, industry and trade, finance, planning, land and the environment",
        )
    )
    template = (
        f"Tham mưu, giúp Ủy ban nhân dân {level_vi} quản lý nhà nước về {{field}}.",
        f"Advises the {level_en} People's Committee on the state management of {{field}}.",
    )
    units = (
        _Unit(
            "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân",
            "Office of the People's Council and People's Committee",
            "Chánh Văn phòng",
            "Chief of Office",
            f"Tham mưu, giúp Hội đồng nhân dân và Ủy ban nhân dân {level_vi} tổ chức hoạt động; "
            "thực hiện công tác tổng hợp, hành chính, văn thư, lưu trữ, nội vụ, tư pháp và tiếp "
            "công dân.",
            "Supports the work of the People's Council and People's Committee; general affairs, "
            "administration, records, internal affairs, justice and citizen reception.",
        ),
        *_divisions(
            template,
            economy,
            (
                "Phòng Văn hóa - Xã hội",
                "Culture and Social Affairs Division",
                "văn hóa, thể thao, du lịch, giáo dục, y tế, lao động, việc làm và bảo trợ xã hội",
                "culture, sport, tourism, education, health, labour, employment and social "
                "protection",
            ),
        ),
        _centre(
            "Trung tâm Phục vụ hành chính công",
            "Public Administration Service Centre",
            "Tiếp nhận hồ sơ, trả kết quả giải quyết thủ tục hành chính và hướng dẫn người dân, "
            "doanh nghiệp thực hiện dịch vụ công trực tuyến.",
            "Receives applications, returns the results of administrative procedures and helps "
            "residents and businesses use online public services.",
        ),
    )
    return _Profile(
        head=(
            f"Chủ tịch Ủy ban nhân dân {level_vi}",
            f"Chairperson of the {level_en} People's Committee",
        ),
        deputy=(
            f"Phó Chủ tịch Ủy ban nhân dân {level_vi}",
            f"Vice Chairperson of the {level_en} People's Committee",
        ),
        deputies=(1, 2),
        units=units,
        degrees=("Cử nhân Luật", "Thạc sĩ Quản lý công", "Kỹ sư Nông nghiệp", "Cử nhân Kinh tế"),
        topics=(*COMMUNE_TOPICS, URBAN_TOPIC if ward else RURAL_TOPIC),
        areas=(
            (
                "kinh tế, hạ tầng, đất đai và tài chính - ngân sách",
                "the economy, infrastructure, land, finance and the budget",
            ),
            (
                "văn hóa - xã hội, giáo dục, y tế, lao động và an sinh xã hội",
                "culture and social affairs, education, health, labour and social welfare",
            ),
        ),
    )


PROFILES: dict[str, _Profile] = {
    ROOT: _Profile(
        head=("Chủ tịch Ủy ban nhân dân tỉnh", "Chairperson of the Provincial People's Committee"),
        deputy=(
            "Phó Chủ tịch Ủy ban nhân dân tỉnh",
            "Vice Chairperson of the Provincial People's Committee",
        ),
        deputies=(3, 3),
        units=_province_units(),
        degrees=("Tiến sĩ Kinh tế", "Thạc sĩ Quản lý công", "Thạc sĩ Luật", "Kỹ sư Xây dựng"),
        topics=PROVINCE_TOPICS,
        areas=(
            (
                "kinh tế: tài chính, đầu tư, xây dựng và giao thông",
                "the economy: finance, investment, construction and transport",
            ),
            (
                "văn hóa - xã hội: giáo dục, y tế, văn hóa, thể thao, du lịch và lao động",
                "culture and social affairs: education, health, culture, sport, tourism and labour",
            ),
            (
                "nông nghiệp, môi trường, khoa học, công nghệ và chuyển đổi số",
                "agriculture, the environment, science, technology and digital transformation",
            ),
        ),
    ),
    "van-phong-ubnd-tinh": _Profile(
        head=("Chánh Văn phòng", "Chief of Office"),
        deputy=("Phó Chánh Văn phòng", "Deputy Chief of Office"),
        deputies=(2, 3),
        units=VP_UNITS,
        degrees=("Thạc sĩ Quản lý công", "Cử nhân Hành chính", "Thạc sĩ Luật"),
        topics=PORTAL_TOPICS,
    ),
    "so-tai-chinh": _department(
        _divisions(
            DEPARTMENT,
            (
                "Phòng Quản lý ngân sách",
                "Budget Management Division",
                "ngân sách nhà nước, dự toán và quyết toán ngân sách địa phương",
                "the state budget and local budget estimates and final accounts",
            ),
            (
                "Phòng Tài chính đầu tư",
                "Investment Finance Division",
                "kế hoạch và vốn đầu tư công",
                "public investment plans and funds",
            ),
            (
                "Phòng Quản lý giá và công sản",
                "Prices and Public Assets Division",
                "giá và tài sản công",
                "prices and public assets",
            ),
            (
                "Phòng Đăng ký kinh doanh",
                "Business Registration Division",
                "đăng ký doanh nghiệp và hợp tác xã",
                "the registration of enterprises and cooperatives",
            ),
        ),
        (
            _t(
                "Sở Tài chính hướng dẫn xây dựng dự toán ngân sách năm 2026",
                "Department of Finance issues guidance on the 2026 budget estimates",
                "direction",
                "Sở Tài chính hướng dẫn các cơ quan, đơn vị và xã, phường xây dựng dự toán thu, "
                "chi ngân sách năm 2026 bảo đảm đúng định mức, tiết kiệm chi thường xuyên.",
                "Dự toán gửi Sở Tài chính trước ngày 30/11/2025",
                "Ưu tiên bố trí kinh phí cho chuyển đổi số và an sinh xã hội",
            ),
            _t(
                "Tăng cường thu ngân sách những tháng cuối năm 2025",
                "Stepping up revenue collection in the last months of 2025",
                "direction",
                "Sở Tài chính phối hợp với cơ quan thuế rà soát nguồn thu, đôn đốc thu nợ đọng và "
                "chống thất thu ngân sách.",
                "Tập trung các khoản thu từ đất và thu từ hộ kinh doanh",
                "Công khai danh sách người nộp thuế nợ đọng kéo dài",
            ),
            _t(
                "Tập huấn đăng ký doanh nghiệp qua mạng",
                "Training on online business registration",
                "event",
                "Phòng Đăng ký kinh doanh tổ chức tập huấn cho doanh nghiệp, hộ kinh doanh về nộp "
                "hồ sơ đăng ký doanh nghiệp trên Cổng thông tin quốc gia.",
                "Hướng dẫn sử dụng tài khoản định danh điện tử khi nộp hồ sơ",
                "Giải đáp vướng mắc thường gặp khi đăng ký thay đổi nội dung",
            ),
            _t(
                "Công khai tình hình thực hiện dự toán ngân sách quý III năm 2025",
                "Disclosure of budget execution for the third quarter of 2025",
                "announcement",
                "Sở Tài chính công khai số liệu thực hiện thu, chi ngân sách địa phương quý III "
                "năm 2025 theo quy định về công khai ngân sách.",
                "Số liệu được đăng tải dạng dữ liệu mở trên Cổng dữ liệu của tỉnh",
                "Kèm thuyết minh tình hình thực hiện dự toán",
            ),
        ),
        ("Thạc sĩ Tài chính - Ngân hàng", "Cử nhân Kế toán"),
    ),
    "so-tu-phap": _department(
        (
            *_divisions(
                DEPARTMENT,
                (
                    "Phòng Xây dựng và kiểm tra văn bản",
                    "Legislation and Legal Document Review Division",
                    "xây dựng, thẩm định, kiểm tra, rà soát và hệ thống hóa văn bản quy phạm pháp "
                    "luật",
                    "the drafting, appraisal, review and consolidation of legal normative "
                    "documents",
                ),
                (
                    "Phòng Phổ biến, giáo dục pháp luật",
                    "Legal Education Division",
                    "phổ biến, giáo dục pháp luật và hòa giải ở cơ sở",
                    "legal dissemination and education and grassroots mediation",
                ),
                (
                    "Phòng Hành chính tư pháp",
                    "Judicial Administration Division",
                    "hộ tịch, quốc tịch, chứng thực và lý lịch tư pháp",
                    "civil status, nationality, authentication and criminal records",
                ),
            ),
            _centre(
                "Trung tâm Trợ giúp pháp lý nhà nước",
                "State Legal Aid Centre",
                "Đơn vị sự nghiệp công lập trực thuộc Sở, cung cấp dịch vụ trợ giúp pháp lý miễn "
                "phí cho người được trợ giúp pháp lý theo quy định.",
                "Public service unit of the Department providing free legal aid to eligible "
                "people.",
            ),
        ),
        (
            _t(
                "Hưởng ứng Ngày Pháp luật nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 2025",
                "Viet Nam Law Day 2025",
                "event",
                "Sở Tư pháp tổ chức chuỗi hoạt động hưởng ứng Ngày Pháp luật 9/11, tập trung phổ "
                "biến các luật mới có hiệu lực cho cán bộ và người dân.",
                "Tổ chức cuộc thi tìm hiểu pháp luật trực tuyến",
                "Tư vấn pháp luật miễn phí tại các xã",
                day=date(2025, 11, 7),
            ),
            _t(
                "Lấy ý kiến dự thảo Quyết định về quản lý chất thải rắn sinh hoạt",
                "Comments invited on the draft decision on household solid waste",
                "announcement",
                "Dự thảo được đăng tải toàn văn trên Cổng thông tin điện tử tỉnh; tổ chức, cá nhân "
                "góp ý đến hết ngày 20/11/2025.",
                "Góp ý gửi bằng văn bản hoặc thư điện tử đến cơ quan chủ trì soạn thảo",
                "Ý kiến góp ý được tổng hợp và công khai sau khi hết thời hạn",
            ),
            _t(
                "Đẩy mạnh cấp Phiếu lý lịch tư pháp trực tuyến",
                "More criminal record certificates requested online",
                "news",
                "Tỷ lệ hồ sơ yêu cầu cấp Phiếu lý lịch tư pháp nộp trực tuyến tiếp tục tăng, giúp "
                "người dân tiết kiệm thời gian, chi phí đi lại.",
                "Người dân có thể nộp yêu cầu qua Cổng Dịch vụ công quốc gia",
                "Kết quả được trả qua dịch vụ bưu chính theo yêu cầu",
            ),
            _t(
                "Kết quả rà soát, hệ thống hóa văn bản quy phạm pháp luật năm 2025",
                "Results of the 2025 review of legal normative documents",
                "news",
                "Qua rà soát, Sở Tư pháp đề nghị bãi bỏ, sửa đổi một số văn bản không còn phù hợp "
                "sau khi sắp xếp tổ chức bộ máy và chính quyền địa phương hai cấp.",
                "Danh mục văn bản hết hiệu lực được công bố trên Cổng thông tin điện tử tỉnh",
                "Cơ sở dữ liệu văn bản của tỉnh được cập nhật tình trạng hiệu lực",
            ),
        ),
        ("Tiến sĩ Luật", "Thạc sĩ Luật"),
    ),
    "so-xay-dung": _department(
        _divisions(
            DEPARTMENT,
            (
                "Phòng Quy hoạch - Kiến trúc",
                "Planning and Architecture Division",
                "quy hoạch xây dựng và kiến trúc",
                "construction planning and architecture",
            ),
            (
                "Phòng Quản lý xây dựng",
                "Construction Management Division",
                "hoạt động đầu tư xây dựng, chất lượng công trình và cấp giấy phép xây dựng",
                "construction investment, building quality and building permits",
            ),
            (
                "Phòng Quản lý giao thông",
                "Transport Management Division",
                "kết cấu hạ tầng giao thông, vận tải và an toàn giao thông",
                "transport infrastructure, transport services and road safety",
            ),
            (
                "Phòng Phát triển đô thị và nhà ở",
                "Urban Development and Housing Division",
                "phát triển đô thị, nhà ở và thị trường bất động sản",
                "urban development, housing and the real estate market",
            ),
        ),
        (
            _t(
                "Kiểm tra tiến độ dự án Đường liên xã Tân Phú - An Bình",
                "Progress check on the Tan Phu - An Binh inter-commune road",
                "news",
                "Đoàn kiểm tra của Sở Xây dựng yêu cầu nhà thầu tăng cường nhân lực, thiết bị để "
                "hoàn thành các hạng mục chính trước mùa mưa năm sau.",
                "Khối lượng thi công đạt khoảng 70% giá trị hợp đồng",
                "Địa phương phối hợp bàn giao phần mặt bằng còn lại",
            ),
            _t(
                "Công bố chỉ số giá xây dựng quý III năm 2025",
                "Construction price indices for the third quarter of 2025",
                "announcement",
                "Sở Xây dựng công bố chỉ số giá xây dựng công trình, chỉ số giá vật liệu và nhân "
                "công xây dựng quý III năm 2025 trên địa bàn tỉnh.",
                "Làm cơ sở lập và điều chỉnh tổng mức đầu tư, dự toán xây dựng",
                "Số liệu chi tiết được đăng tải trên trang thông tin điện tử của Sở",
            ),
            _t(
                "Tăng cường quản lý trật tự xây dựng tại các phường",
                "Tighter control of building works in the wards",
                "direction",
                "Sở Xây dựng đề nghị Ủy ban nhân dân các phường kiểm tra thường xuyên, xử lý kịp "
                "thời công trình xây dựng không phép, sai phép.",
                "Công khai giấy phép xây dựng tại công trình",
                "Báo cáo kết quả kiểm tra hằng tháng",
            ),
            _t(
                "Hướng dẫn đề nghị cấp giấy phép xây dựng nhà ở riêng lẻ trực tuyến",
                "Guidance on online building permits for individual houses",
                "policy",
                "Hộ gia đình, cá nhân có thể nộp hồ sơ đề nghị cấp giấy phép xây dựng nhà ở riêng "
                "lẻ trực tuyến kèm bản vẽ thiết kế dạng điện tử.",
                "Thời hạn giải quyết được tính từ khi nhận đủ hồ sơ hợp lệ",
                "Người dân theo dõi tình trạng hồ sơ trên Cổng Dịch vụ công",
            ),
        ),
        ("Kỹ sư Xây dựng", "Kiến trúc sư", "Thạc sĩ Kỹ thuật giao thông"),
    ),
    "so-khoa-hoc-va-cong-nghe": _department(
        (
            *_divisions(
                DEPARTMENT,
                (
                    "Phòng Quản lý khoa học",
                    "Science Management Division",
                    "nghiên cứu khoa học, phát triển công nghệ và đổi mới sáng tạo",
                    "scientific research, technology development and innovation",
                ),
                (
                    "Phòng Chuyển đổi số",
                    "Digital Transformation Division",
                    "chuyển đổi số, công nghệ thông tin, dữ liệu và an toàn thông tin mạng",
                    "digital transformation, information technology, data and cybersecurity",
                ),
                (
                    "Phòng Bưu chính, viễn thông",
                    "Postal and Telecommunications Division",
                    "bưu chính, viễn thông và tần số vô tuyến điện",
                    "postal services, telecommunications and radio frequencies",
                ),
            ),
            _centre(
                "Trung tâm Công nghệ thông tin và Truyền thông",
                "Information and Communication Technology Centre",
                "Đơn vị sự nghiệp công lập trực thuộc Sở, vận hành hạ tầng số, trung tâm dữ liệu "
                "và các nền tảng dùng chung của tỉnh.",
                "Public service unit of the Department running the province's digital "
                "infrastructure, data centre and shared platforms.",
            ),
        ),
        (
            _t(
                "Triển khai nền tảng dữ liệu dùng chung của tỉnh",
                "Shared provincial data platform rolled out",
                "news",
                "Nền tảng kết nối cơ sở dữ liệu của các sở, ngành, giúp người dân không phải nộp "
                "lại giấy tờ mà cơ quan nhà nước đã có.",
                "Kết nối với cơ sở dữ liệu quốc gia về dân cư",
                "Cung cấp dữ liệu mở cho doanh nghiệp khởi nghiệp",
            ),
            _t(
                "Hội thảo chuyển đổi số trong doanh nghiệp nhỏ và vừa",
                "Workshop on digital transformation in small and medium enterprises",
                "event",
                "Hội thảo giới thiệu các nền tảng số phục vụ quản trị, bán hàng và thanh toán điện "
                "tử cho doanh nghiệp nhỏ và vừa của tỉnh.",
                "Chia sẻ kinh nghiệm của doanh nghiệp đã chuyển đổi số thành công",
                "Giới thiệu chương trình hỗ trợ của tỉnh",
            ),
            _t(
                "Mở rộng vùng phủ sóng di động 5G tại các xã",
                "5G coverage expands to rural communes",
                "news",
                "Các doanh nghiệp viễn thông lắp đặt thêm trạm phát sóng, đưa dịch vụ 5G đến trung "
                "tâm các xã và khu du lịch của tỉnh.",
                "Ưu tiên phủ sóng trường học, trạm y tế và khu công nghiệp",
                "Phối hợp dùng chung hạ tầng để tiết kiệm chi phí",
            ),
            _t(
                "Thông báo tuyển chọn nhiệm vụ khoa học và công nghệ cấp tỉnh năm 2026",
                "Call for provincial science and technology projects for 2026",
                "announcement",
                "Sở Khoa học và Công nghệ thông báo tuyển chọn tổ chức, cá nhân chủ trì thực hiện "
                "nhiệm vụ khoa học và công nghệ cấp tỉnh bắt đầu từ năm 2026.",
                "Hồ sơ nộp trực tuyến đến hết ngày 31/12/2025",
                "Ưu tiên nhiệm vụ ứng dụng trong nông nghiệp và chuyển đổi số",
            ),
        ),
        ("Kỹ sư Công nghệ thông tin", "Thạc sĩ Khoa học máy tính"),
    ),
    "so-nong-nghiep-va-moi-truong": _department(
        (
            *_divisions(
                DEPARTMENT,
                (
                    "Phòng Trồng trọt và Bảo vệ thực vật",
                    "Crop Production and Plant Protection Division",
                    "trồng trọt, bảo vệ thực vật và khuyến nông",
                    "crop production, plant protection and agricultural extension",
                ),
                (
                    "Phòng Quản lý đất đai",
                    "Land Management Division",
                    "đất đai, đo đạc và bản đồ",
                    "land, surveying and mapping",
                ),
                (
                    "Phòng Môi trường",
                    "Environment Division",
                    "bảo vệ môi trường, quản lý chất thải và quan trắc môi trường",
                    "environmental protection, waste management and environmental monitoring",
                ),
            ),
            _Unit(
                "Chi cục Thủy lợi",
                "Sub-department of Irrigation",
                "Chi cục trưởng",
                "Head of Sub-department",
                "Tham mưu, giúp Giám đốc Sở quản lý nhà nước về thủy lợi, đê điều và phòng, chống "
                "thiên tai.",
                "Advises the Director on irrigation, dykes and natural disaster prevention.",
            ),
            _centre(
                "Văn phòng Đăng ký đất đai",
                "Land Registration Office",
                "Đơn vị sự nghiệp công lập trực thuộc Sở, thực hiện đăng ký đất đai, cấp Giấy "
                "chứng nhận và cập nhật cơ sở dữ liệu đất đai.",
                "Public service unit of the Department registering land, issuing certificates and "
                "updating the land database.",
            ),
        ),
        (
            _t(
                "Khuyến cáo lịch xuống giống vụ lúa đông xuân 2025-2026",
                "Recommended sowing calendar for the 2025-2026 winter-spring rice crop",
                "direction",
                "Sở Nông nghiệp và Môi trường khuyến cáo các địa phương xuống giống tập trung, né "
                "rầy theo từng vùng, sử dụng giống lúa chất lượng cao.",
                "Theo dõi chặt chẽ diễn biến mặn, triều cường",
                "Khuyến khích liên kết tiêu thụ lúa theo chuỗi",
            ),
            _t(
                "Kết quả quan trắc chất lượng không khí tháng 10/2025",
                "Air quality monitoring results for October 2025",
                "announcement",
                "Chỉ số chất lượng không khí (AQI) tại các trạm quan trắc tự động trong tháng 10 "
                "chủ yếu ở mức tốt và trung bình.",
                "Số liệu theo ngày được công bố dạng dữ liệu mở",
                "Khuyến cáo người dân hạn chế đốt rơm rạ ngoài đồng",
            ),
            _t(
                "Ra quân thu gom rác thải nhựa ven sông Long Châu",
                "Plastic waste clean-up along the Long Chau river",
                "event",
                "Hàng trăm đoàn viên, thanh niên và người dân tham gia thu gom rác thải nhựa, "
                "trồng cây xanh dọc bờ sông Long Châu.",
                "Lắp đặt thêm thùng phân loại rác tại bến đò",
                "Tuyên truyền hạn chế sử dụng túi ni lông",
            ),
            _t(
                "Đẩy nhanh cấp Giấy chứng nhận quyền sử dụng đất lần đầu",
                "Faster issuing of first land use right certificates",
                "direction",
                "Sở Nông nghiệp và Môi trường yêu cầu Văn phòng Đăng ký đất đai rà soát hồ sơ tồn "
                "đọng, giải quyết đúng thời hạn và công khai tiến độ.",
                "Hồ sơ quá hạn phải có văn bản xin lỗi người dân",
                "Cập nhật kết quả vào cơ sở dữ liệu đất đai",
            ),
        ),
        ("Kỹ sư Nông học", "Thạc sĩ Khoa học môi trường", "Kỹ sư Quản lý đất đai"),
    ),
    "so-van-hoa-the-thao-va-du-lich": _department(
        (
            *_divisions(
                DEPARTMENT,
                (
                    "Phòng Quản lý văn hóa và gia đình",
                    "Culture and Family Division",
                    "văn hóa, di sản, gia đình và quảng cáo",
                    "culture, heritage, families and advertising",
                ),
                (
                    "Phòng Quản lý thể dục thể thao",
                    "Sports Division",
                    "thể dục, thể thao cho mọi người và thể thao thành tích cao",
                    "sport for all and high-performance sport",
                ),
                (
                    "Phòng Quản lý du lịch",
                    "Tourism Division",
                    "du lịch và xúc tiến du lịch",
                    "tourism and tourism promotion",
                ),
                (
                    "Phòng Báo chí, xuất bản",
                    "Press and Publishing Division",
                    "báo chí, xuất bản, thông tin đối ngoại và thông tin cơ sở",
                    "the press, publishing, external information and grassroots information",
                ),
            ),
            _centre(
                "Bảo tàng tỉnh",
                "Provincial Museum",
                "Đơn vị sự nghiệp công lập trực thuộc Sở, sưu tầm, bảo quản, trưng bày và giới "
                "thiệu di sản văn hóa của tỉnh.",
                "Public service unit of the Department collecting, preserving and exhibiting the "
                "province's cultural heritage.",
            ),
        ),
        (
            _t(
                "Khai mạc Giải việt dã tỉnh Minh Hòa mở rộng năm 2025",
                "Minh Hoa open cross-country race 2025",
                "event",
                "Giải thu hút hơn 1.500 vận động viên của các xã, phường, trường học và lực lượng "
                "vũ trang tham gia tranh tài.",
                "Cự ly thi đấu từ 3 km đến 10 km",
                "Trao giải cho các đơn vị có số lượng vận động viên tham gia đông nhất",
            ),
            _t(
                "Lượng khách du lịch tăng mạnh trong 10 tháng năm 2025",
                "Tourist arrivals up strongly in ten months of 2025",
                "news",
                "Du lịch sinh thái, du lịch cộng đồng ven sông tiếp tục thu hút du khách trong "
                "nước và quốc tế đến với Minh Hòa.",
                "Doanh thu du lịch tăng so với cùng kỳ",
                "Nhiều điểm du lịch cộng đồng mới được đưa vào khai thác",
            ),
            _t(
                "Triển lãm ảnh Di sản văn hóa Minh Hòa",
                "Photo exhibition on Minh Hoa's cultural heritage",
                "event",
                "Triển lãm giới thiệu hơn 100 bức ảnh về di tích, lễ hội và nghề truyền thống của "
                "tỉnh tại Bảo tàng tỉnh.",
                "Mở cửa miễn phí cho khách tham quan",
                "Giới thiệu bộ sưu tập ảnh số trên trang thông tin điện tử của Sở",
            ),
            _t(
                "Tăng cường quản lý hoạt động kinh doanh karaoke, vũ trường",
                "Stricter oversight of karaoke and dance venues",
                "direction",
                "Sở Văn hóa, Thể thao và Du lịch phối hợp với lực lượng chức năng kiểm tra điều "
                "kiện kinh doanh, phòng cháy, chữa cháy tại các cơ sở karaoke, vũ trường.",
                "Đình chỉ hoạt động cơ sở không bảo đảm điều kiện an toàn",
                "Công khai kết quả kiểm tra",
            ),
        ),
        ("Cử nhân Văn hóa học", "Thạc sĩ Du lịch"),
    ),
    "so-giao-duc-va-dao-tao": _department(
        _divisions(
            DEPARTMENT,
            (
                "Phòng Giáo dục mầm non và phổ thông",
                "Pre-school and General Education Division",
                "giáo dục mầm non, tiểu học, trung học cơ sở và trung học phổ thông",
                "pre-school, primary, lower and upper secondary education",
            ),
            (
                "Phòng Giáo dục thường xuyên và nghề nghiệp",
                "Continuing and Vocational Education Division",
                "giáo dục thường xuyên và giáo dục nghề nghiệp",
                "continuing and vocational education",
            ),
            (
                "Phòng Quản lý chất lượng",
                "Quality Management Division",
                "khảo thí và kiểm định chất lượng giáo dục",
                "examinations and the accreditation of education quality",
            ),
            (
                "Phòng Kế hoạch - Tài chính",
                "Planning and Finance Division",
                "kế hoạch, tài chính và cơ sở vật chất trường học",
                "planning, finance and school facilities",
            ),
        ),
        (
            _t(
                "Tuyên dương 120 nhà giáo tiêu biểu năm học 2024-2025",
                "120 outstanding teachers honoured for the 2024-2025 school year",
                "event",
                "Sở Giáo dục và Đào tạo tổ chức lễ tuyên dương các nhà giáo có thành tích xuất sắc "
                "trong giảng dạy, đổi mới phương pháp và chuyển đổi số.",
                "Trao bằng khen cho các tập thể, cá nhân tiêu biểu",
                "Chia sẻ kinh nghiệm dạy học ở vùng khó khăn",
                day=date(2025, 11, 18),
            ),
            _t(
                "Hướng dẫn kiểm tra, đánh giá giữa học kỳ I năm học 2025-2026",
                "Guidance on mid-term assessment, school year 2025-2026",
                "direction",
                "Các trường tổ chức kiểm tra, đánh giá giữa học kỳ I nghiêm túc, đúng quy định, "
                "tránh gây áp lực cho học sinh.",
                "Đề kiểm tra bám sát yêu cầu cần đạt của chương trình",
                "Kết quả được cập nhật vào cơ sở dữ liệu ngành",
            ),
            _t(
                "Thực hiện miễn học phí cho học sinh công lập từ năm học 2025-2026",
                "Free tuition for public school pupils from the 2025-2026 school year",
                "policy",
                "Trẻ em mầm non, học sinh phổ thông học tại các cơ sở giáo dục công lập được miễn "
                "học phí từ năm học 2025-2026.",
                "Nhà trường không thu học phí của học sinh thuộc đối tượng được miễn",
                "Kinh phí thực hiện do ngân sách nhà nước bảo đảm",
            ),
            _t(
                "Bồi dưỡng kỹ năng số cho giáo viên",
                "Digital skills training for teachers",
                "news",
                "Sở Giáo dục và Đào tạo khai giảng các lớp bồi dưỡng giáo viên về khai thác học "
                "liệu số và sử dụng trí tuệ nhân tạo trong dạy học.",
                "Hơn 1.000 giáo viên tham gia theo hình thức trực tuyến",
                "Học liệu được chia sẻ trên kho học liệu số của ngành",
            ),
        ),
        ("Thạc sĩ Quản lý giáo dục", "Cử nhân Sư phạm Toán"),
    ),
    "so-y-te": _department(
        (
            *_divisions(
                DEPARTMENT,
                (
                    "Phòng Nghiệp vụ Y",
                    "Medical Affairs Division",
                    "khám bệnh, chữa bệnh, y tế dự phòng và y dược cổ truyền",
                    "medical care, preventive medicine and traditional medicine",
                ),
                (
                    "Phòng Nghiệp vụ Dược",
                    "Pharmaceutical Affairs Division",
                    "dược, mỹ phẩm và trang thiết bị y tế",
                    "pharmaceuticals, cosmetics and medical equipment",
                ),
                (
                    "Phòng Bảo trợ xã hội",
                    "Social Protection Division",
                    "bảo trợ xã hội, trẻ em và phòng, chống tệ nạn xã hội",
                    "social protection, children and the prevention of social evils",
                ),
            ),
            _centre(
                "Trung tâm Kiểm soát bệnh tật",
                "Centre for Disease Control",
                "Đơn vị sự nghiệp công lập trực thuộc Sở, thực hiện phòng, chống dịch bệnh, tiêm "
                "chủng và nâng cao sức khỏe cộng đồng.",
                "Public service unit of the Department for disease prevention, immunisation and "
                "health promotion.",
            ),
        ),
        (
            _t(
                "Tăng cường phòng, chống sốt xuất huyết mùa mưa",
                "Stepping up dengue prevention in the rainy season",
                "direction",
                "Sở Y tế đề nghị các địa phương tổ chức chiến dịch diệt lăng quăng, bọ gậy và giám "
                "sát chặt chẽ ca bệnh tại cộng đồng.",
                "Mỗi hộ gia đình dành 10 phút mỗi tuần để diệt lăng quăng",
                "Cơ sở y tế chuẩn bị sẵn thuốc, giường bệnh",
            ),
            _t(
                "Triển khai sổ sức khỏe điện tử cho người dân",
                "Electronic health books for residents",
                "news",
                "Người dân có thể tra cứu lịch sử khám bệnh, tiêm chủng trên sổ sức khỏe điện tử "
                "khi các cơ sở khám chữa bệnh cập nhật dữ liệu.",
                "Các bệnh viện tuyến tỉnh đã kết nối dữ liệu khám chữa bệnh",
                "Bảo đảm an toàn, bảo mật thông tin cá nhân",
            ),
            _t(
                "Khám sàng lọc miễn phí cho người cao tuổi tại xã Hòa Lợi",
                "Free health screening for older people in Hoa Loi",
                "event",
                "Đoàn y, bác sĩ của các bệnh viện tỉnh khám, tư vấn và cấp thuốc miễn phí cho "
                "người cao tuổi tại xã Hòa Lợi.",
                "Đo huyết áp, đường huyết và tầm soát bệnh mạn tính",
                "Hướng dẫn người dân theo dõi sức khỏe tại nhà",
            ),
            _t(
                "Lịch tiêm chủng mở rộng tháng 11/2025",
                "November 2025 immunisation schedule",
                "announcement",
                "Trạm y tế các xã, phường tổ chức tiêm chủng mở rộng định kỳ cho trẻ em trong "
                "tháng 11/2025 theo lịch của từng địa phương.",
                "Phụ huynh mang theo sổ tiêm chủng khi đưa trẻ đi tiêm",
                "Theo dõi trẻ 30 phút sau tiêm tại trạm y tế",
            ),
        ),
        ("Bác sĩ chuyên khoa II", "Thạc sĩ Y tế công cộng", "Dược sĩ chuyên khoa I"),
    ),
    "so-noi-vu": _department(
        (
            *_divisions(
                DEPARTMENT,
                (
                    "Phòng Tổ chức bộ máy và biên chế",
                    "Organisation and Staffing Division",
                    "tổ chức bộ máy, biên chế và vị trí việc làm",
                    "organisation, staffing and job positions",
                ),
                (
                    "Phòng Công chức, viên chức",
                    "Civil Service Division",
                    "tuyển dụng, sử dụng, đánh giá và đào tạo cán bộ, công chức, viên chức",
                    "the recruitment, management, evaluation and training of civil servants",
                ),
                (
                    "Phòng Lao động - Việc làm",
                    "Labour and Employment Division",
                    "lao động, tiền lương, việc làm và bảo hiểm xã hội",
                    "labour, wages, employment and social insurance",
                ),
            ),
            _centre(
                "Trung tâm Dịch vụ việc làm",
                "Employment Service Centre",
                "Đơn vị sự nghiệp công lập trực thuộc Sở, tư vấn, giới thiệu việc làm và tiếp nhận "
                "hồ sơ bảo hiểm thất nghiệp.",
                "Public service unit of the Department offering job counselling and placement and "
                "handling unemployment insurance claims.",
            ),
        ),
        (
            _t(
                "Phiên giao dịch việc làm tỉnh Minh Hòa năm 2025",
                "Minh Hoa job fair 2025",
                "event",
                "Hơn 60 doanh nghiệp tham gia tuyển dụng lao động phổ thông, lao động kỹ thuật và "
                "tư vấn đi làm việc ở nước ngoài theo hợp đồng.",
                "Người lao động được phỏng vấn trực tiếp tại phiên giao dịch",
                "Tư vấn chế độ bảo hiểm thất nghiệp và học nghề",
            ),
            _t(
                "Rà soát, kiện toàn tổ chức bộ máy các cơ quan chuyên môn",
                "Review of the organisation of the specialised agencies",
                "direction",
                "Sở Nội vụ hướng dẫn các cơ quan rà soát chức năng, nhiệm vụ, vị trí việc làm sau "
                "sắp xếp, bảo đảm bộ máy tinh gọn, hoạt động hiệu quả.",
                "Hoàn thành quy định chức năng, nhiệm vụ của các phòng chuyên môn",
                "Bố trí công chức phù hợp với vị trí việc làm",
            ),
            _t(
                "Thông báo kết quả tuyển dụng viên chức ngành giáo dục năm 2025",
                "Results of the 2025 teacher recruitment",
                "announcement",
                "Hội đồng tuyển dụng thông báo danh sách thí sinh trúng tuyển viên chức giảng dạy "
                "tại các trường công lập trên địa bàn tỉnh.",
                "Thí sinh trúng tuyển hoàn thiện hồ sơ trong thời hạn quy định",
                "Danh sách được niêm yết tại trụ sở Sở Nội vụ",
            ),
            _t(
                "Hướng dẫn đánh giá, xếp loại chất lượng cán bộ, công chức năm 2025",
                "Guidance on the 2025 evaluation of civil servants",
                "policy",
                "Việc đánh giá gắn với kết quả thực hiện nhiệm vụ theo vị trí việc làm, bằng sản "
                "phẩm cụ thể và được thực hiện trên phần mềm của tỉnh.",
                "Hoàn thành đánh giá trước ngày 15/12/2025",
                "Kết quả đánh giá là căn cứ để khen thưởng, bố trí, sử dụng cán bộ",
            ),
        ),
        ("Thạc sĩ Quản lý nhân lực", "Cử nhân Hành chính học"),
    ),
    "thong-ke-tinh-minh-hoa": _Profile(
        head=("Trưởng Thống kê tỉnh", "Head of the Provincial Statistics Office"),
        deputy=("Phó Trưởng Thống kê tỉnh", "Deputy Head of the Provincial Statistics Office"),
        deputies=(1, 2),
        units=(
            _Unit(
                "Văn phòng",
                "Office",
                "Chánh Văn phòng",
                "Chief of Office",
                "Thực hiện công tác hành chính, tổ chức, tài chính, quản trị và phổ biến thông tin "
                "thống kê của Thống kê tỉnh.",
                "Administration, personnel, finance, facilities and the dissemination of "
                "statistics for the Provincial Statistics Office.",
            ),
            *_divisions(
                (
                    "Thực hiện các cuộc điều tra, tổng hợp và phân tích số liệu thống kê {field} "
                    "trên địa bàn tỉnh.",
                    "Conducts surveys and compiles and analyses {field} statistics for the "
                    "province.",
                ),
                (
                    "Phòng Thống kê tổng hợp",
                    "General Statistics Division",
                    "kinh tế tổng hợp, tài khoản quốc gia và giá",
                    "macroeconomic, national accounts and price",
                ),
                (
                    "Phòng Thống kê kinh tế",
                    "Economic Statistics Division",
                    "nông nghiệp, công nghiệp, xây dựng, thương mại và dịch vụ",
                    "agriculture, industry, construction, trade and services",
                ),
                (
                    "Phòng Thống kê xã hội và dân số",
                    "Social and Population Statistics Division",
                    "dân số, lao động, giáo dục, y tế và mức sống dân cư",
                    "population, labour, education, health and living standards",
                ),
            ),
        ),
        degrees=("Cử nhân Thống kê", "Thạc sĩ Kinh tế học"),
        topics=(
            _t(
                "Tình hình kinh tế - xã hội tháng 10 năm 2025",
                "Socio-economic situation in October 2025",
                "news",
                "Thống kê tỉnh công bố báo cáo tình hình kinh tế - xã hội tháng 10 và 10 tháng năm "
                "2025 của tỉnh Minh Hòa.",
                "Sản xuất công nghiệp tiếp tục tăng trưởng",
                "Thị trường hàng hóa ổn định, giá cả được kiểm soát",
            ),
            _t(
                "Chỉ số giá tiêu dùng tháng 10 năm 2025",
                "Consumer price index, October 2025",
                "announcement",
                "Chỉ số giá tiêu dùng (CPI) tháng 10 năm 2025 của tỉnh tăng nhẹ so với tháng "
                "trước, chủ yếu do giá nhóm nhà ở và vật liệu xây dựng.",
                "Nhóm lương thực, thực phẩm ổn định",
                "Số liệu chi tiết được công bố dạng dữ liệu mở",
            ),
            _t(
                "Tập huấn nghiệp vụ điều tra lao động việc làm năm 2026",
                "Training for the 2026 labour force survey",
                "event",
                "Thống kê tỉnh tập huấn cho điều tra viên về phương pháp thu thập thông tin bằng "
                "thiết bị điện tử cầm tay.",
                "Thực hành phỏng vấn trên phiếu điện tử",
                "Hướng dẫn quy trình kiểm tra, làm sạch dữ liệu",
            ),
            _t(
                "Phát hành Niên giám thống kê tỉnh Minh Hòa năm 2024",
                "Minh Hoa Statistical Yearbook 2024 released",
                "news",
                "Niên giám cung cấp số liệu chính thức về dân số, lao động, kinh tế và các lĩnh "
                "vực xã hội của tỉnh năm 2024.",
                "Bản điện tử được đăng tải miễn phí",
                "Số liệu chính được cung cấp trên Cổng dữ liệu mở của tỉnh",
            ),
        ),
    ),
}
PROFILES.update({slug: _commune_profile(_ORG[slug]) for slug in COMMUNE_SLUGS})


# --- the people and units of every organisation ------------------------------------------


@dataclass(frozen=True)
class _Leader:
    name: str
    position_vi: str
    position_en: str
    duties_vi: str
    duties_en: str
    biography: str
    phone: str
    email: str


@dataclass(frozen=True)
class _Placed:
    """A unit with its code, head and contact details."""

    unit: _Unit
    code: str
    parent: str | None
    head: str | None
    phone: str | None
    email: str | None
    address: str | None
    website: str | None
    email_org: dict  # the organisation whose mail domain the head's address uses


@dataclass
class _World:
    people: _People = field(default_factory=_People)
    leaders: dict[str, list[_Leader]] = field(default_factory=dict)
    heads: dict[tuple[str, str], str] = field(default_factory=dict)

    def head_of(self, org: str, unit: _Unit) -> str | None:
        if unit.head_of is not None:
            org, name = unit.head_of
            if not name:
                return self.leaders[org][0].name
        elif not unit.head_vi:
            return None  # a grouping of units, led by nobody in particular
        else:
            name = unit.name_vi
        if (org, name) not in self.heads:
            self.heads[(org, name)] = self.people.new()
        return self.heads[(org, name)]


def _world() -> _World:
    """Everybody, drawn in a fixed order: the leaders first, then the heads of units."""
    world = _World()
    for org in ACTIVE:
        world.leaders[org["slug"]] = _leaders(org, PROFILES[org["slug"]], world.people)
    for org in ACTIVE:
        for unit in PROFILES[org["slug"]].units:
            world.head_of(org["slug"], unit)
    return world


def _leaders(org: dict, profile: _Profile, people: _People) -> list[_Leader]:
    rng = _rng(f"leaders:{org['slug']}")
    body_vi, body_en = _body(org)
    deputies = rng.randint(*profile.deputies)
    names = [FIXED_HEADS.get(org["slug"]) or people.new()]
    names += [people.new() for _ in range(deputies)]
    # Deputies oversee fields (province, communes) or units (the other agencies).
    if profile.areas:
        areas = [profile.areas[i % len(profile.areas)] for i in range(deputies)]
        duties = [
            (
                f"Giúp {profile.head[0]} phụ trách lĩnh vực {area_vi}.",
                f"Assists the {profile.head[1]} and is in charge of {area_en}.",
            )
            for area_vi, area_en in areas
        ]
    else:
        overseen = [
            u for u in profile.units if u.head_vi not in ("Chánh Văn phòng", "Chánh Thanh tra")
        ]
        duties = []
        for i in range(deputies):
            units = overseen[i::deputies]
            duties.append(
                (
                    f"Giúp {profile.head[0]} theo dõi, chỉ đạo công tác của: "
                    + "; ".join(u.name_vi for u in units)
                    + ".",
                    f"Assists the {profile.head[1]} and oversees the work of: "
                    + "; ".join(u.name_en for u in units)
                    + ".",
                )
            )
    head_duties = (
        f"Lãnh đạo, quản lý, điều hành toàn diện hoạt động của {body_vi}; trực tiếp phụ trách "
        "công tác tổ chức cán bộ, kế hoạch, tài chính và thi đua, khen thưởng.",
        f"Leads and manages all activities of the {body_en}; directly in charge of personnel, "
        "planning, finance and commendation.",
    )
    leaders = []
    for i, name in enumerate(names):
        position = profile.head if i == 0 else profile.deputy
        duty = head_duties if i == 0 else duties[i - 1]
        born = rng.randint(1967, 1976) if i == 0 else rng.randint(1970, 1984)
        politics = (
            "Cao cấp"
            if i == 0 or org["kind"] != "commune"
            else rng.choice(("Cao cấp", "Trung cấp"))
        )
        biography = (
            f"Sinh năm {born}; quê quán: {rng.choice(HOMETOWNS)}. Trình độ chuyên môn: "
            f"{rng.choice(profile.degrees)}; lý luận chính trị: {politics}."
        )
        leaders.append(_Leader(name, *position, *duty, biography, _phone(rng), _email(name, org)))
    return leaders


def _structure(world: _World, org: dict) -> list[_Placed]:
    """The root unit (the organisation itself) and its units, with codes forming the tree."""
    slug = org["slug"]
    profile = PROFILES[slug]
    rng = _rng(f"units:{slug}")
    body_vi, body_en = _body(org)
    functions_vi, functions_en = org["description_vi"], org["description_en"]
    for old, new in MERGED:
        if new == slug:  # the commune that took in a merged one says so
            functions_vi += f" Từ năm 2025, địa bàn gồm cả {_inline(_ORG[old]['title_vi'])}."
            former = _ORG[old]["title_en"]  # "Former Tan Thanh Commune"
            functions_en += f" Since 2025 it also covers the {former[0].lower()}{former[1:]}."
    root = _Unit(body_vi, body_en, *profile.head, functions_vi, functions_en)
    prefix = _prefix(org)
    placed = [
        _Placed(
            root,
            prefix,
            None,
            world.leaders[slug][0].name,
            org["phone"],
            org["email"],
            org["address"],
            org["website"],
            org,
        )
    ]
    used_mail = {org["email"]}
    for i, unit in enumerate(profile.units, start=1):
        phone = _phone(rng)
        if unit.head_of is not None and not unit.head_of[1]:
            other = _ORG[unit.head_of[0]]  # another organisation, with its own details
            placed.append(
                _Placed(
                    unit,
                    f"{prefix}.{i:02d}",
                    placed[unit.parent].code,
                    world.head_of(slug, unit),
                    other["phone"],
                    other["email"],
                    other["address"],
                    other["website"],
                    other,
                )
            )
            continue
        if not unit.head_vi:  # a grouping of units, without an office of its own
            code, parent = f"{prefix}.{i:02d}", placed[unit.parent].code
            placed.append(_Placed(unit, code, parent, None, None, None, None, None, org))
            continue
        mail_org = _ORG[unit.head_of[0]] if unit.head_of else org
        local = "".join(w[0] for w in re.findall(r"[a-z0-9]+", fold(unit.name_vi)))
        mail = f"{local}.{_mail_sub(mail_org)}@{DOMAIN}"
        while mail in used_mail:
            local += "1"
            mail = f"{local}.{_mail_sub(mail_org)}@{DOMAIN}"
        used_mail.add(mail)
        placed.append(
            _Placed(
                unit,
                f"{prefix}.{i:02d}",
                placed[unit.parent].code,
                world.head_of(slug, unit),
                phone,
                mail,
                org["address"],
                None,
                mail_org,
            )
        )
    return placed


# --- records -----------------------------------------------------------------------------


def _gaps(org_slug: str) -> set[str]:
    return ENGLISH_GAPS.get(org_slug, set())


def leader_rows(org_slug: str) -> list[dict[str, object]]:
    org = _ORG[org_slug]
    leaders = _world().leaders[org_slug]
    body_vi, _ = _body(org)
    return [
        {
            "ID": f"{_prefix(org)}-LD{n:02d}",
            "NAME": leader.name,
            "POSITION": leader.position_vi,
            "POSITION_EN": leader.position_en,
            "UNIT": body_vi,
            "BIOGRAPHY": leader.biography,
            "DUTIES": leader.duties_vi,
            "DUTIES_EN": leader.duties_en,
            "PHOTO": f"{org['website']}/images/lanh-dao/{slugify(leader.name)}.jpg",
            "PHONE": leader.phone,
            "EMAIL": leader.email,
            "SORT_ORDER": n,
        }
        for n, leader in enumerate(leaders, start=1)
    ]


def org_unit_rows(org_slug: str) -> list[dict[str, object]]:
    org = _ORG[org_slug]
    gaps = _gaps(org_slug)
    return [
        {
            "CODE": p.code,
            "NAME_VI": p.unit.name_vi,
            "NAME_EN": None if "structure" in gaps else p.unit.name_en,
            "PARENT": p.parent,
            "FUNCTIONS_VI": p.unit.functions_vi,
            "FUNCTIONS_EN": None if "functions" in gaps else p.unit.functions_en,
            "HEAD": p.head,
            "ADDRESS": p.address,
            "PHONE": p.phone,
            "EMAIL": p.email,
            "WEBSITE": p.website,
        }
        for p in _structure(_world(), org)
    ]


def contact_rows(org_slug: str) -> list[dict[str, object]]:
    """The leaders, then the heads of units who are not leaders themselves."""
    org = _ORG[org_slug]
    world = _world()
    body_vi, body_en = _body(org)
    english = "contacts" not in _gaps(org_slug)
    rows: list[dict[str, object]] = []
    listed: set[str] = set()

    def add(name: str, position: tuple[str, str], unit: tuple[str, str], **more: str) -> None:
        listed.add(name)
        rows.append(
            {
                "ID": f"{_prefix(org)}-DB{len(rows) + 1:02d}",
                "NAME": name,
                "POSITION": position[0],
                "POSITION_EN": position[1] if english else None,
                "UNIT": unit[0],
                "UNIT_EN": unit[1] if english else None,
                **more,
            }
        )

    for leader in world.leaders[org_slug]:
        add(
            leader.name,
            (leader.position_vi, leader.position_en),
            (body_vi, body_en),
            PHONE=leader.phone,
            FAX=_fax(org),
            EMAIL=leader.email,
        )
    for p in _structure(world, org)[1:]:
        if p.head is None or p.head in listed:
            continue
        add(
            p.head,
            (p.unit.head_vi, p.unit.head_en),
            (p.unit.name_vi, p.unit.name_en),
            PHONE=p.phone,
            EMAIL=_email(p.head, p.email_org),
        )
    return rows


CLOSINGS = {
    "news": "Thông tin chi tiết được tiếp tục cập nhật trên trang thông tin điện tử của {body}.",
    "event": "Chương trình nhận được sự hưởng ứng tích cực của cán bộ, công chức và Nhân dân.",
    "direction": "Thủ trưởng các cơ quan, đơn vị có liên quan khẩn trương triển khai thực hiện và "
    "báo cáo kết quả theo quy định.",
    "announcement": "Thông tin chi tiết xin liên hệ {body} qua số điện thoại {phone} hoặc thư "
    "điện tử {email}.",
    "policy": "Toàn văn văn bản được đăng tải trên Cơ sở dữ liệu văn bản pháp luật của tỉnh.",
}
NEWS_START = date(2025, 10, 1)


def _topics(org_slug: str, rng: random.Random) -> list[_Topic]:
    profile = PROFILES[org_slug]
    kind = _ORG[org_slug]["kind"]
    if kind == "commune":
        count = 5 if org_slug == "phuong-minh-hoa" else rng.randint(4, 5)
        return rng.sample(profile.topics, count)
    topics = list(profile.topics)
    if kind in ("department", "other") and org_slug != "van-phong-ubnd-tinh":
        if rng.random() < 0.6:
            topics.append(rng.choice(DEPARTMENT_TOPICS))
    return topics


def article_rows(org_slug: str) -> list[dict[str, object]]:
    """3-6 articles (12 for the provincial portal), newest first, Oct-Nov 2025."""
    org = _ORG[org_slug]
    rng = _rng(f"articles:{org_slug}")
    body_vi, body_en = _body(org)
    level = _level(org)[0] if org["kind"] == "commune" else ""
    words = {
        "body": body_vi,
        "body_en": body_en,
        "the_en": _the(body_en),
        "Place": org["title_vi"],
        "place": _inline(org["title_vi"]),
        "place_en": org["title_en"],
        "hamlet": "khu phố" if level == "phường" else "ấp",
        "phone": org["phone"],
        "email": org["email"],
    }
    dated = []
    for topic in _topics(org_slug, rng):
        day = topic.day or NEWS_START + timedelta(days=rng.randint(0, (TODAY - NEWS_START).days))
        dated.append((day, rng.randint(7, 17), rng.randrange(0, 60, 5), topic))
    dated.sort(key=lambda item: item[:3])
    rows = []
    slugs: set[str] = set()
    for n, (day, hour, minute, topic) in enumerate(dated, start=1):
        title = topic.title_vi.format(**words)
        slug = slugify(title)
        while slug in slugs:
            slug += "-1"
        slugs.add(slug)
        summary = topic.summary.format(**words)
        body = [f"<p><strong>{html.escape(summary)}</strong></p>"]  # the bold lead (sa-pô)
        if topic.points:
            items = "".join(f"<li>{html.escape(p.format(**words))}</li>" for p in topic.points)
            body.append(f"<ul>{items}</ul>")
        body.append(f"<p>{html.escape(CLOSINGS[topic.category].format(**words))}</p>")
        images = [
            f"{org['website']}/images/tin-tuc/{day:%Y/%m}/{slug}-{i}.jpg"
            for i in range(1, rng.randint(1, 2) + 1)
        ]
        rows.append(
            {
                "ID": f"{_prefix(org)}-TIN{n:03d}",
                "TITLE": title,
                "TITLE_EN": topic.title_en.format(**words),
                "SUMMARY": summary,
                "BODY": "".join(body),
                "AUTHOR": rng.choice(PEN_NAMES),
                "SOURCE": "Báo Minh Hòa" if rng.random() < 0.25 else body_vi,
                # Written the way editors type it; the import stores ISO 8601 with +07:00.
                "PUBLISHED": f"{day:%d/%m/%Y} {hour:02d}:{minute:02d}",
                "CATEGORY": topic.category,
                "IMAGES": "\n".join(images),
                "URL": f"{org['website']}/tin-tuc/{slug}",
            }
        )
    rows.reverse()
    return rows


def directory_rows() -> list[dict[str, object]]:
    """The province-wide directory: the leaders of every organisation."""
    world = _world()
    rows: list[dict[str, object]] = []
    for org in ACTIVE:
        body_vi, body_en = _body(org)
        for leader in world.leaders[org["slug"]]:
            rows.append(
                {
                    "ID": f"DB{len(rows) + 1:03d}",
                    "NAME": leader.name,
                    "POSITION": leader.position_vi,
                    "POSITION_EN": leader.position_en,
                    "UNIT": body_vi,
                    "UNIT_EN": body_en,
                    "PHONE": leader.phone,
                    "FAX": _fax(org),
                    "EMAIL": leader.email,
                }
            )
    return rows


# --- the provincial leaders' work schedule ----------------------------------------------

MEETING_ROOM = "Phòng họp số 1, trụ sở Ủy ban nhân dân tỉnh"
SMALL_ROOM = "Phòng họp số 2, trụ sở Ủy ban nhân dân tỉnh"
OFFICE = "Văn phòng Ủy ban nhân dân tỉnh"
SCHEDULE_DAYS = [date(2025, 11, 17) + timedelta(days=d) for d in range(12) if d % 7 < 5]

# (content, place, participants, host); leader 0 is the Chairperson, 1-3 the Vice
# Chairpersons for the economy, culture and social affairs, and agriculture and technology.
ACTIVITIES: tuple[tuple[tuple[str, str, str, str], ...], ...] = (
    (
        (
            "Làm việc với Sở Nội vụ về rà soát, kiện toàn tổ chức bộ máy các cơ quan chuyên môn",
            SMALL_ROOM,
            "Giám đốc Sở Nội vụ; Chánh Văn phòng Ủy ban nhân dân tỉnh",
            "Sở Nội vụ",
        ),
        (
            "Tiếp và làm việc với Đoàn công tác của Bộ Tài chính",
            MEETING_ROOM,
            "Giám đốc Sở Tài chính; Chánh Văn phòng Ủy ban nhân dân tỉnh",
            OFFICE,
        ),
        ("Dự họp Ban Thường vụ Tỉnh ủy", "Phòng họp Tỉnh ủy", "", "Văn phòng Tỉnh ủy"),
        (
            "Kiểm tra tiến độ dự án Nhà thi đấu đa năng tỉnh Minh Hòa",
            "Phường Minh Hòa",
            "Giám đốc Sở Xây dựng; Giám đốc Sở Văn hóa, Thể thao và Du lịch",
            "Sở Văn hóa, Thể thao và Du lịch",
        ),
        (
            "Làm việc với Ủy ban nhân dân xã Tân Phú về tình hình kinh tế - xã hội sau sắp xếp",
            "Trụ sở Ủy ban nhân dân xã Tân Phú",
            "Giám đốc Sở Nội vụ; Giám đốc Sở Tài chính",
            "Ủy ban nhân dân xã Tân Phú",
        ),
        (
            "Họp Ban Chỉ đạo chuyển đổi số tỉnh",
            MEETING_ROOM,
            "Thành viên Ban Chỉ đạo",
            "Sở Khoa học và Công nghệ",
        ),
    ),
    (
        (
            "Làm việc với Sở Tài chính về tình hình giải ngân vốn đầu tư công năm 2025",
            SMALL_ROOM,
            "Giám đốc Sở Tài chính; các chủ đầu tư có tỷ lệ giải ngân thấp",
            "Sở Tài chính",
        ),
        (
            "Kiểm tra tiến độ dự án Đường liên xã Tân Phú - An Bình",
            "Xã Tân Phú và xã An Bình",
            "Giám đốc Sở Xây dựng; Chủ tịch Ủy ban nhân dân xã Tân Phú, xã An Bình",
            "Sở Xây dựng",
        ),
        (
            "Họp Tổ công tác tháo gỡ khó khăn cho doanh nghiệp",
            SMALL_ROOM,
            "Giám đốc Sở Tài chính; Giám đốc Sở Xây dựng; đại diện Hiệp hội Doanh nghiệp tỉnh",
            "Sở Tài chính",
        ),
        (
            "Làm việc với nhà đầu tư dự án Hạ tầng kết nối khu du lịch sinh thái cồn Phú Hữu",
            SMALL_ROOM,
            "Giám đốc Sở Tài chính; Giám đốc Sở Văn hóa, Thể thao và Du lịch",
            "Sở Tài chính",
        ),
        (
            "Kiểm tra công tác bảo đảm trật tự, an toàn giao thông dịp cuối năm",
            "Các tuyến đường trọng điểm của tỉnh",
            "Giám đốc Sở Xây dựng; đại diện Công an tỉnh",
            "Sở Xây dựng",
        ),
        (
            "Họp Hội đồng thẩm định bảng giá đất điều chỉnh",
            SMALL_ROOM,
            "Thành viên Hội đồng thẩm định",
            "Sở Tài chính",
        ),
    ),
    (
        (
            "Làm việc với Sở Y tế về công tác phòng, chống sốt xuất huyết",
            SMALL_ROOM,
            "Giám đốc Sở Y tế; Giám đốc Trung tâm Kiểm soát bệnh tật",
            "Sở Y tế",
        ),
        (
            "Dự Phiên giao dịch việc làm tỉnh Minh Hòa năm 2025",
            "Trung tâm Dịch vụ việc làm tỉnh",
            "Giám đốc Sở Nội vụ",
            "Sở Nội vụ",
        ),
        (
            "Kiểm tra công tác chuẩn bị Tuần lễ Văn hóa - Du lịch Minh Hòa",
            "Quảng trường tỉnh",
            "Giám đốc Sở Văn hóa, Thể thao và Du lịch",
            "Sở Văn hóa, Thể thao và Du lịch",
        ),
        (
            "Thăm, tặng quà gia đình chính sách tại xã Hòa Lợi",
            "Xã Hòa Lợi",
            "Đại diện Sở Y tế; Ủy ban nhân dân xã Hòa Lợi",
            "Sở Y tế",
        ),
        (
            "Họp Ban Chỉ đạo xóa nhà tạm, nhà dột nát tỉnh",
            MEETING_ROOM,
            "Thành viên Ban Chỉ đạo",
            "Sở Xây dựng",
        ),
        (
            "Làm việc với Sở Giáo dục và Đào tạo về thực hiện miễn học phí năm học 2025-2026",
            SMALL_ROOM,
            "Giám đốc Sở Giáo dục và Đào tạo; Giám đốc Sở Tài chính",
            "Sở Giáo dục và Đào tạo",
        ),
    ),
    (
        (
            "Họp Ban Chỉ huy phòng thủ dân sự tỉnh về ứng phó triều cường",
            MEETING_ROOM,
            "Thành viên Ban Chỉ huy; Chủ tịch Ủy ban nhân dân các xã, phường ven sông",
            "Sở Nông nghiệp và Môi trường",
        ),
        (
            "Kiểm tra công trình Kè chống sạt lở sông Long Châu",
            "Phường Long Châu",
            "Giám đốc Sở Nông nghiệp và Môi trường; Chủ tịch Ủy ban nhân dân phường Long Châu",
            "Sở Nông nghiệp và Môi trường",
        ),
        (
            "Làm việc với Sở Khoa học và Công nghệ về nền tảng dữ liệu dùng chung của tỉnh",
            SMALL_ROOM,
            "Giám đốc Sở Khoa học và Công nghệ; Chánh Văn phòng Ủy ban nhân dân tỉnh",
            "Sở Khoa học và Công nghệ",
        ),
        (
            "Dự Hội thảo chuyển đổi số trong doanh nghiệp nhỏ và vừa",
            "Trung tâm Hội nghị tỉnh",
            "Giám đốc Sở Khoa học và Công nghệ",
            "Sở Khoa học và Công nghệ",
        ),
        (
            "Kiểm tra tình hình xuống giống vụ lúa đông xuân 2025-2026",
            "Xã An Bình",
            "Giám đốc Sở Nông nghiệp và Môi trường",
            "Sở Nông nghiệp và Môi trường",
        ),
        (
            "Họp Hội đồng thẩm định nhiệm vụ khoa học và công nghệ cấp tỉnh",
            SMALL_ROOM,
            "Thành viên Hội đồng",
            "Sở Khoa học và Công nghệ",
        ),
    ),
)
_ALL = -1  # a meeting of the whole leadership: nobody has another appointment then
# (day, morning?, leader, time, content, place, participants, host, note)
FIXED_ACTIVITIES: tuple[tuple[date, bool, int, str, str, str, str, str, str], ...] = (
    (
        date(2025, 11, 17),
        True,
        _ALL,
        "8h00",
        "Giao ban lãnh đạo Ủy ban nhân dân tỉnh",
        MEETING_ROOM,
        "Các Phó Chủ tịch Ủy ban nhân dân tỉnh; Chánh Văn phòng Ủy ban nhân dân tỉnh",
        OFFICE,
        "",
    ),
    (
        date(2025, 11, 18),
        True,
        0,
        "8h00",
        "Dự Ngày hội Đại đoàn kết toàn dân tộc tại ấp Mỹ Phước, xã Phú Mỹ",
        "Nhà văn hóa ấp Mỹ Phước, xã Phú Mỹ",
        "Đại diện lãnh đạo Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
        "Ủy ban nhân dân xã Phú Mỹ",
        "",
    ),
    (
        date(2025, 11, 19),
        True,
        0,
        "7h30",
        "Tiếp công dân định kỳ tháng 11 năm 2025",
        "Trụ sở Tiếp công dân tỉnh",
        "Giám đốc Sở Nông nghiệp và Môi trường; Giám đốc Sở Xây dựng; Trưởng Ban Tiếp công dân "
        "tỉnh",
        "Ban Tiếp công dân tỉnh",
        "",
    ),
    (
        date(2025, 11, 20),
        True,
        2,
        "8h00",
        "Dự Lễ kỷ niệm 43 năm Ngày Nhà giáo Việt Nam (20/11/1982 - 20/11/2025)",
        "Hội trường Trung tâm Hội nghị tỉnh",
        "Giám đốc Sở Giáo dục và Đào tạo; đại diện các trường trên địa bàn tỉnh",
        "Sở Giáo dục và Đào tạo",
        "",
    ),
    (
        date(2025, 11, 21),
        False,
        _ALL,
        "14h00",
        "Họp Thường trực Ủy ban nhân dân tỉnh cho ý kiến các nội dung trình kỳ họp cuối năm "
        "2025 của Hội đồng nhân dân tỉnh",
        MEETING_ROOM,
        "Các Phó Chủ tịch Ủy ban nhân dân tỉnh; Giám đốc Sở Tài chính; Giám đốc Sở Tư pháp",
        OFFICE,
        "Văn phòng Ủy ban nhân dân tỉnh gửi tài liệu trước ngày 19/11/2025",
    ),
    (
        date(2025, 11, 24),
        True,
        _ALL,
        "8h00",
        "Giao ban lãnh đạo Ủy ban nhân dân tỉnh",
        MEETING_ROOM,
        "Các Phó Chủ tịch Ủy ban nhân dân tỉnh; Chánh Văn phòng Ủy ban nhân dân tỉnh",
        OFFICE,
        "",
    ),
    (
        date(2025, 11, 27),
        True,
        _ALL,
        "8h00",
        "Họp Ủy ban nhân dân tỉnh thường kỳ tháng 11 năm 2025",
        "Hội trường Ủy ban nhân dân tỉnh",
        "Các Phó Chủ tịch, Ủy viên Ủy ban nhân dân tỉnh; Thủ trưởng các sở, ngành; Chủ tịch Ủy "
        "ban nhân dân các xã, phường",
        OFFICE,
        "Kết nối trực tuyến đến các xã, phường",
    ),
)


def work_schedule_rows() -> list[dict[str, object]]:
    """The provincial leaders' schedule for the week of ``TODAY`` and the next."""
    rng = _rng("schedule")
    leaders = [leader.name for leader in _world().leaders[ROOT]]
    pending = [rng.sample(activities, len(activities)) for activities in ACTIVITIES]
    rows: list[dict[str, object]] = []
    for day in SCHEDULE_DAYS:
        entries = []
        for morning in (True, False):
            busy: set[int] = set()
            for fixed in FIXED_ACTIVITIES:
                if fixed[0] == day and fixed[1] == morning:
                    who = 0 if fixed[2] == _ALL else fixed[2]
                    busy |= set(range(len(leaders))) if fixed[2] == _ALL else {who}
                    entries.append((fixed[3], who, *fixed[4:]))
            for who in range(len(leaders)):
                if who in busy or not pending[who] or rng.random() > 0.45:
                    continue
                content, place, participants, host = pending[who].pop()
                time = rng.choice(("7h30", "8h00")) if morning else rng.choice(("13h30", "14h00"))
                entries.append((time, who, content, place, participants, host, ""))
        entries.sort(key=lambda e: (int(e[0].split("h")[0]), e[0], e[1]))
        for n, (time, who, content, place, participants, host, note) in enumerate(entries, 1):
            rows.append(
                {
                    "ID": f"LCT-{day:%Y%m%d}-{n:02d}",
                    "DATE": f"{day:%d/%m/%Y}",
                    "TIME": time,
                    "LEADER": leaders[who],
                    "CONTENT": content,
                    "PLACE": place,
                    "PARTICIPANTS": participants,
                    "HOST": host,
                    "NOTE": note,
                }
            )
    return rows


# --- online public services ----------------------------------------------------------------

SERVICE_PORTAL = f"https://dichvucong.{DOMAIN}/thu-tuc"
COMMUNE_PC = "Ủy ban nhân dân cấp xã"
BY_COUNCIL = "Theo mức thu do Hội đồng nhân dân tỉnh quy định"
# (code, name, name in English, sector, level as offices write it, agency, days, fee)
SERVICES: tuple[tuple[str, str, str, str, str, str, int | None, str], ...] = (
    ("1.001193", "Đăng ký khai sinh", "Birth registration", "Hộ tịch", "Toàn trình",
     COMMUNE_PC, 1, "Miễn lệ phí đối với trường hợp đăng ký khai sinh đúng hạn"),
    ("1.000894", "Đăng ký kết hôn", "Marriage registration", "Hộ tịch", "Một phần",
     COMMUNE_PC, 1, "Miễn lệ phí"),
    ("1.004227", "Cấp bản sao trích lục hộ tịch", "Copy of a civil status extract", "Hộ tịch",
     "Toàn trình", COMMUNE_PC, 1, "Theo quy định của Bộ Tài chính"),
    ("2.000815", "Chứng thực bản sao từ bản chính giấy tờ, văn bản",
     "Certified copy of a document", "Chứng thực", "Một phần", COMMUNE_PC, 1,
     "2.000 đồng/trang; từ trang thứ ba trở lên 1.000 đồng/trang, tối đa 200.000 đồng/bản"),
    ("1.001612", "Đăng ký thành lập doanh nghiệp tư nhân",
     "Registration of a sole proprietorship", "Thành lập và hoạt động doanh nghiệp",
     "Toàn trình", "Sở Tài chính", 3, "Miễn lệ phí khi nộp hồ sơ qua mạng"),
    ("2.001610", "Đăng ký thành lập hộ kinh doanh", "Registration of a household business",
     "Thành lập và hoạt động hộ kinh doanh", "Toàn trình", COMMUNE_PC, 3, BY_COUNCIL),
    ("1.009972", "Cấp giấy phép xây dựng mới đối với công trình cấp đặc biệt, cấp I, cấp II",
     "Building permit for special-grade, grade I and grade II works", "Hoạt động xây dựng",
     "Một phần", "Sở Xây dựng", 20, BY_COUNCIL),
    ("1.010010", "Cung cấp thông tin về quy hoạch xây dựng",
     "Information on construction planning", "Quy hoạch xây dựng, kiến trúc",
     "Cung cấp thông tin", "Sở Xây dựng", 15, "Không"),
    ("1.003002",
     "Cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất lần đầu",
     "First certificate of land use rights and ownership of attached assets", "Đất đai",
     "Một phần", "Sở Nông nghiệp và Môi trường", 20, BY_COUNCIL),
    ("1.004734", "Cấp giấy phép môi trường", "Environmental permit", "Môi trường", "Một phần",
     "Sở Nông nghiệp và Môi trường", 20, BY_COUNCIL),
    ("1.002286", "Cấp chứng chỉ hành nghề dược", "Pharmacist practising certificate",
     "Dược phẩm", "Một phần", "Sở Y tế", 20, "Theo quy định của Bộ Tài chính"),
    ("1.004946", "Cấp giấy phép kinh doanh dịch vụ karaoke", "Karaoke business licence",
     "Văn hóa", "Toàn trình", "Sở Văn hóa, Thể thao và Du lịch", 5,
     "Theo quy định của Bộ Tài chính"),
    ("1.005388", "Chuyển trường đối với học sinh trung học phổ thông",
     "School transfer for upper secondary pupils", "Giáo dục trung học", "Toàn trình",
     "Sở Giáo dục và Đào tạo", 3, "Không"),
    ("2.000205", "Cấp giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam",
     "Work permit for foreign workers", "Việc làm", "Toàn trình", "Sở Nội vụ", 5, BY_COUNCIL),
    ("1.001978", "Giải quyết hưởng trợ cấp thất nghiệp", "Unemployment benefit claim",
     "Việc làm", "Một phần", "Sở Nội vụ", 20, "Không"),
    ("1.003589", "Cấp văn bản xác nhận thông báo hoạt động bưu chính",
     "Confirmation of a postal service notification", "Bưu chính", "Toàn trình",
     "Sở Khoa học và Công nghệ", 7, "Không"),
)  # fmt: skip


def public_service_rows() -> list[dict[str, object]]:
    return [
        {
            "CODE": code,
            "NAME": name,
            "NAME_EN": name_en,
            "SECTOR": sector,
            "LEVEL": level,
            "AGENCY": agency,
            "URL": f"{SERVICE_PORTAL}/{code}",
            "PROCESSING_DAYS": days,
            "FEE": fee,
        }
        for code, name, name_en, sector, level, agency, days, fee in SERVICES
    ]


# --- drafts for public comment ------------------------------------------------------------

# (id, title, scope, drafting agency, opens, closes, comments received, synthesis)
DRAFTS: tuple[tuple[str, str, str, str, date, date, int | None, str], ...] = (
    (
        "DT-2025-01",
        "Dự thảo Quyết định ban hành Quy định bảng giá đất điều chỉnh trên địa bàn tỉnh Minh Hòa",
        "bảng giá đất điều chỉnh áp dụng trên địa bàn tỉnh Minh Hòa",
        "so-nong-nghiep-va-moi-truong",
        date(2025, 8, 15),
        date(2025, 9, 15),
        46,
        "Nhận được 46 ý kiến của tổ chức, cá nhân, chủ yếu về giá đất ở tại các tuyến đường mới "
        "mở và đất nông nghiệp ven đô. Cơ quan soạn thảo tiếp thu 31 ý kiến, giải trình 15 ý kiến; "
        "bản tổng hợp, tiếp thu, giải trình được đăng kèm dự thảo.",
    ),
    (
        "DT-2025-02",
        "Dự thảo Nghị quyết quy định mức thu lệ phí cấp giấy phép xây dựng trên địa bàn tỉnh Minh "
        "Hòa",
        "mức thu, chế độ thu, nộp lệ phí cấp giấy phép xây dựng trên địa bàn tỉnh Minh Hòa",
        "so-tai-chinh",
        date(2025, 9, 5),
        date(2025, 10, 6),
        12,
        "Nhận được 12 ý kiến; đa số đồng tình với mức thu đề xuất, một số ý kiến đề nghị giảm lệ "
        "phí đối với nhà ở riêng lẻ tại nông thôn. Cơ quan soạn thảo đã tiếp thu, chỉnh lý dự "
        "thảo.",
    ),
    (
        "DT-2025-03",
        "Dự thảo Quyết định ban hành Quy chế quản lý, vận hành và khai thác Cổng dữ liệu mở tỉnh "
        "Minh Hòa",
        "việc quản lý, vận hành, cập nhật và khai thác dữ liệu trên Cổng dữ liệu mở tỉnh Minh Hòa",
        "so-khoa-hoc-va-cong-nghe",
        date(2025, 10, 1),
        date(2025, 10, 31),
        9,
        "Nhận được 9 ý kiến, tập trung vào giấy phép sử dụng dữ liệu, tần suất cập nhật và trách "
        "nhiệm bảo đảm chất lượng dữ liệu của các cơ quan. Các ý kiến đều được tiếp thu.",
    ),
    (
        "DT-2025-04",
        "Dự thảo Quyết định bãi bỏ một số quyết định quy phạm pháp luật của Ủy ban nhân dân tỉnh "
        "trong lĩnh vực tư pháp",
        "việc bãi bỏ các quyết định không còn phù hợp trong lĩnh vực tư pháp",
        "so-tu-phap",
        date(2025, 9, 22),
        date(2025, 10, 22),
        0,
        "Hết thời hạn lấy ý kiến, cơ quan soạn thảo không nhận được ý kiến góp ý của tổ chức, cá "
        "nhân.",
    ),
    (
        "DT-2025-05",
        "Dự thảo Quyết định quy định về quản lý chất thải rắn sinh hoạt trên địa bàn tỉnh Minh Hòa",
        "việc phân loại, thu gom, vận chuyển và xử lý chất thải rắn sinh hoạt",
        "so-nong-nghiep-va-moi-truong",
        date(2025, 10, 21),
        date(2025, 11, 20),
        None,
        "",
    ),
    (
        "DT-2025-06",
        "Dự thảo Nghị quyết quy định chính sách hỗ trợ đào tạo nghề cho lao động nông thôn giai "
        "đoạn 2026-2030",
        "chính sách hỗ trợ đào tạo trình độ sơ cấp và đào tạo dưới 03 tháng cho lao động nông thôn",
        "so-giao-duc-va-dao-tao",
        date(2025, 11, 10),
        date(2025, 12, 10),
        None,
        "",
    ),
    (
        "DT-2025-07",
        "Dự thảo Quyết định quy định phân cấp quản lý đường giao thông nông thôn trên địa bàn tỉnh",
        "việc phân cấp quản lý, bảo trì hệ thống đường giao thông nông thôn",
        "so-xay-dung",
        date(2025, 11, 14),
        date(2025, 12, 15),
        None,
        "",
    ),
)


def draft_rows() -> list[dict[str, object]]:
    """Drafts closed before ``TODAY`` carry their synthesis; open ones cannot yet."""
    rows = []
    for key, title, scope, agency, opens, closes, received, synthesis in DRAFTS:
        org = _ORG[agency]
        closed = closes < TODAY
        page = f"{_ORG['so-tu-phap']['website']}/du-thao/{key.lower()}"
        rows.append(
            {
                "ID": key,
                "TITLE": title,
                "SUMMARY": f"Dự thảo quy định {scope}. Cơ quan chủ trì soạn thảo: "
                f"{org['title_vi']}.",
                "FULL_TEXT": "<p><strong>Điều 1. Phạm vi điều chỉnh</strong></p>"
                f"<p>Văn bản này quy định {html.escape(scope)}.</p>"
                "<p><strong>Điều 2. Đối tượng áp dụng</strong></p>"
                "<p>Cơ quan nhà nước, tổ chức, cá nhân có liên quan trên địa bàn tỉnh Minh Hòa."
                "</p>",
                "FILE": f"{page}/du-thao.pdf",
                "DRAFTING_AGENCY": org["title_vi"],
                "OPENS": opens.isoformat(),
                "CLOSES": closes.isoformat(),
                "COMMENT_ADDRESS": f"{org['title_vi']}, {org['address']}; thư điện tử: "
                f"{org['email']}",
                "COMMENT_URL": f"{page}/gop-y",
                "COMMENTS_RECEIVED": received if closed else None,
                "COMMENTS_SUMMARY": synthesis if closed else None,
            }
        )
    return rows


# --- legal questions and answers -----------------------------------------------------------

# (id, question, asked by, asked on, sector, answer, answered by, answered on)
QUESTIONS: tuple[tuple[str, str, str, date, str, str, str, date | None], ...] = (
    (
        "HD-2025-001",
        "Thời hạn đăng ký khai sinh cho con là bao lâu và tôi có thể đăng ký trực tuyến không?",
        "Nguyễn Thị H., xã Tân Phú",
        date(2025, 9, 8),
        "Hộ tịch",
        "<p>Theo Điều 15 Luật Hộ tịch năm 2014, trong thời hạn 60 ngày kể từ ngày sinh con, cha "
        "hoặc mẹ có trách nhiệm đăng ký khai sinh cho con; trường hợp cha, mẹ không thể đăng ký "
        "thì ông hoặc bà hoặc người thân thích khác có trách nhiệm đăng ký.</p>"
        "<p>Bà có thể nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia theo nhóm thủ tục liên "
        "thông <strong>đăng ký khai sinh - đăng ký thường trú - cấp thẻ bảo hiểm y tế cho trẻ em "
        "dưới 6 tuổi</strong>, hoặc nộp trực tiếp tại Trung tâm Phục vụ hành chính công cấp xã "
        "nơi cư trú.</p>",
        "Sở Tư pháp",
        date(2025, 9, 12),
    ),
    (
        "HD-2025-002",
        "Tôi cần Phiếu lý lịch tư pháp để bổ sung hồ sơ xin việc. Thời hạn cấp phiếu là bao lâu?",
        "Trần Văn L., phường Long Châu",
        date(2025, 9, 20),
        "Lý lịch tư pháp",
        "<p>Theo Điều 48 Luật Lý lịch tư pháp năm 2009, thời hạn cấp Phiếu lý lịch tư pháp không "
        "quá 10 ngày kể từ ngày nhận được yêu cầu hợp lệ. Trường hợp người yêu cầu đã cư trú ở "
        "nhiều nơi, có thời gian cư trú ở nước ngoài hoặc phải xác minh thêm thì thời hạn không "
        "quá 15 ngày.</p>"
        "<p>Ông có thể nộp yêu cầu trực tuyến trên Cổng Dịch vụ công quốc gia.</p>",
        "Sở Tư pháp",
        date(2025, 9, 25),
    ),
    (
        "HD-2025-003",
        "Tôi năm nay 19 tuổi, bạn gái tôi 18 tuổi. Chúng tôi đã đủ tuổi đăng ký kết hôn chưa?",
        "Lê Minh T., xã Phú Mỹ",
        date(2025, 10, 2),
        "Hôn nhân và gia đình",
        "<p>Theo điểm a khoản 1 Điều 8 Luật Hôn nhân và gia đình năm 2014, nam từ đủ 20 tuổi trở "
        "lên, nữ từ đủ 18 tuổi trở lên mới đủ điều kiện về tuổi kết hôn.</p>"
        "<p>Như vậy, bạn gái của anh đã đủ tuổi kết hôn; anh cần chờ đến khi đủ 20 tuổi.</p>",
        "Sở Tư pháp",
        date(2025, 10, 6),
    ),
    (
        "HD-2025-004",
        "Tôi có thể chứng thực bản sao từ bản chính ở đâu? Có phải về nơi thường trú không?",
        "Phạm Thị N., phường Minh Hòa",
        date(2025, 10, 9),
        "Chứng thực",
        "<p>Việc chứng thực bản sao từ bản chính không phụ thuộc vào nơi cư trú của người yêu cầu. "
        "Bà có thể yêu cầu chứng thực tại Ủy ban nhân dân cấp xã hoặc tổ chức hành nghề công chứng "
        "bất kỳ.</p>"
        "<p>Khi đi, bà mang theo bản chính giấy tờ cần chứng thực và bản sao cần chứng thực (nếu "
        "có).</p>",
        "Sở Tư pháp",
        date(2025, 10, 14),
    ),
    (
        "HD-2025-005",
        "Tôi nghỉ việc từ ngày 15/9/2025. Tôi phải nộp hồ sơ hưởng trợ cấp thất nghiệp trong thời "
        "hạn bao lâu?",
        "Võ Thanh P., xã An Bình",
        date(2025, 10, 20),
        "Việc làm",
        "<p>Theo khoản 1 Điều 46 Luật Việc làm năm 2013, trong thời hạn 03 tháng kể từ ngày chấm "
        "dứt hợp đồng lao động hoặc hợp đồng làm việc, người lao động chưa có việc làm và có nhu "
        "cầu hưởng trợ cấp thất nghiệp phải nộp hồ sơ tại trung tâm dịch vụ việc làm.</p>"
        "<p>Ông có thể nộp hồ sơ tại Trung tâm Dịch vụ việc làm thuộc Sở Nội vụ hoặc trực tuyến "
        "trên Cổng Dịch vụ công quốc gia.</p>",
        "Sở Nội vụ",
        date(2025, 10, 24),
    ),
    (
        "HD-2025-006",
        "Gia đình tôi muốn xây nhà ở riêng lẻ 2 tầng tại xã An Bình. Có phải xin giấy phép xây "
        "dựng không?",
        "Huỳnh Văn K., xã An Bình",
        date(2025, 10, 28),
        "Xây dựng",
        "<p>Theo Luật Xây dựng năm 2014 (sửa đổi, bổ sung năm 2020), nhà ở riêng lẻ ở nông thôn có "
        "quy mô dưới 07 tầng và thuộc khu vực không có quy hoạch đô thị, quy hoạch xây dựng khu "
        "chức năng hoặc quy hoạch chi tiết xây dựng điểm dân cư nông thôn được phê duyệt thì được "
        "miễn giấy phép xây dựng, trừ nhà ở xây dựng trong khu bảo tồn, khu di tích lịch sử - văn "
        "hóa.</p>"
        "<p>Ông nên liên hệ Phòng Kinh tế của Ủy ban nhân dân xã An Bình để được hướng dẫn về quy "
        "hoạch tại vị trí dự kiến xây dựng.</p>",
        "Sở Xây dựng",
        date(2025, 11, 4),
    ),
    (
        "HD-2025-007",
        "Đăng ký thành lập doanh nghiệp qua mạng có phải nộp lệ phí không?",
        "Công ty TNHH Nông sản Phú Mỹ (đang thành lập)",
        date(2025, 11, 5),
        "Doanh nghiệp",
        "<p>Theo quy định hiện hành về phí, lệ phí trong lĩnh vực đăng ký doanh nghiệp, trường "
        "hợp đăng ký doanh nghiệp qua mạng thông tin điện tử được miễn lệ phí đăng ký doanh "
        "nghiệp.</p>"
        "<p>Hồ sơ được nộp trên Cổng thông tin quốc gia về đăng ký doanh nghiệp; Phòng Đăng ký "
        "kinh doanh thuộc Sở Tài chính giải quyết trong thời hạn 03 ngày làm việc kể từ ngày nhận "
        "đủ hồ sơ hợp lệ.</p>",
        "Sở Tài chính",
        date(2025, 11, 10),
    ),
    (
        "HD-2025-008",
        "Thủ tục chuyển mục đích sử dụng đất từ đất trồng cây lâu năm sang đất ở tại xã Hòa Lợi "
        "cần những giấy tờ gì?",
        "Đặng Thị M., xã Hòa Lợi",
        date(2025, 11, 17),
        "Đất đai",
        "",
        "",
        None,
    ),
    (
        "HD-2025-009",
        "Khi nào tỉnh công bố danh mục dịch vụ công trực tuyến toàn trình năm 2026?",
        "Bùi Quốc V., phường Long Châu",
        date(2025, 11, 19),
        "Dịch vụ công",
        "",
        "",
        None,
    ),
)


def qa_rows() -> list[dict[str, object]]:
    return [
        {
            "ID": key,
            "QUESTION": question,
            "ASKED_BY": asked_by,
            "ASKED_ON": f"{asked_on:%d/%m/%Y}",
            "SECTOR": sector,
            "ANSWER": answer or None,
            "ANSWERED_BY": answered_by or None,
            "ANSWERED_ON": f"{answered_on:%d/%m/%Y}" if answered_on else None,
        }
        for key, question, asked_by, asked_on, sector, answer, answered_by, answered_on in QUESTIONS
    ]


# --- datasets and their records ------------------------------------------------------------


def _table(
    record_type: str, rows: Callable[[], list[dict[str, object]]], file_name: str
) -> Callable[[], tuple[str, str]]:
    def generate() -> tuple[str, str]:
        return file_name, _csv(record_type, rows())

    generate.__name__ = file_name
    return generate


ROWS_OF_RECORD_TYPE: dict[str, Callable[[str], list[dict[str, object]]]] = {
    "article": article_rows,
    "leader": leader_rows,
    "org_unit": org_unit_rows,
    "contact": contact_rows,
}
LINKS = {
    "article": ("Tin tức", "News", "tin-tuc", "HTML"),
    "leader": ("Trang Lãnh đạo", "Leadership page", "gioi-thieu/lanh-dao", "HTML"),
    "org_unit": (
        "Trang Cơ cấu tổ chức",
        "Organisational structure page",
        "gioi-thieu/co-cau-to-chuc",
        "HTML",
    ),
    "contact": ("Trang Danh bạ", "Directory page", "lien-he/danh-ba", "HTML"),
}


def _portal_datasets() -> list[dict]:
    datasets = []
    for org in ACTIVE:
        slug = org["slug"]
        commune = org["kind"] == "commune"
        vi, en = _inline(org["title_vi"]), _the(org["title_en"])
        specs = [
            (
                f"tin-tuc-{slug}",
                "article",
                (f"Tin tức, sự kiện của {vi}", f"News and events of {en}"),
                (
                    f"Tin bài về hoạt động chỉ đạo, điều hành và các sự kiện của {vi}.",
                    f"Articles on the activities and events of {en}.",
                ),
                ["tin tức", "sự kiện"],
                "WEEKLY",
            ),
            (
                f"lanh-dao-{slug}",
                "leader",
                (f"Thông tin lãnh đạo {vi}", f"Leadership of {en}"),
                (
                    "Họ tên, chức vụ, tóm tắt tiểu sử, nhiệm vụ được phân công và thông tin liên "
                    f"hệ của lãnh đạo {vi}.",
                    f"Names, positions, biographies, assigned duties and contacts of the leaders "
                    f"of {en}.",
                ),
                ["lãnh đạo", "nhiệm vụ được phân công"],
                "IRREG",
            ),
            (
                f"co-cau-to-chuc-{slug}",
                "org_unit",
                (f"Cơ cấu tổ chức của {vi}", f"Organisational structure of {en}"),
                (
                    "Các đơn vị trực thuộc, chức năng nhiệm vụ, người đứng đầu và thông tin liên "
                    "hệ của từng đơn vị.",
                    "Units, their functions, heads and contact details.",
                ),
                ["cơ cấu tổ chức", "chức năng nhiệm vụ"],
                "IRREG",
            ),
            (
                f"danh-ba-{slug}",
                "contact",
                (
                    f"Danh bạ điện thoại, thư điện tử của {vi}",
                    f"Phone and e-mail directory of {en}",
                ),
                (
                    "Họ tên, chức vụ, đơn vị, số điện thoại, fax và thư điện tử công vụ của lãnh "
                    "đạo và người đứng đầu các đơn vị.",
                    "Names, positions, units, phone, fax and official e-mail of the leaders and "
                    "heads of units.",
                ),
                ["danh bạ", "liên hệ"],
                "MONTHLY",
            ),
        ]
        for ds_slug, record_type, titles, descriptions, keywords, frequency in specs:
            if record_type == "article" and slug in EXISTING_NEWS:
                continue
            dataset = _ds(
                ds_slug,
                slug,
                "portal_content",
                titles,
                descriptions,
                ["GOVE", "REGI"] if commune else ["GOVE"],
                keywords,
                frequency,
                "draft" if ds_slug in DRAFT_DATASETS else "published",
                spatial=org["title_vi"] if commune else "Tỉnh Minh Hòa",
                legal=LEGAL_BASIS,
                links=[LINKS[record_type]],
            )
            dataset["record_type"] = record_type
            datasets.append(dataset)
    return datasets


PORTAL_DATASETS: list[dict] = _portal_datasets()


def _records() -> dict[str, tuple[str, Callable[[], tuple[str, str]]]]:
    records: dict[str, tuple[str, Callable[[], tuple[str, str]]]] = {
        "tin-tuc-cong-thong-tin-tinh": (
            "article",
            _table("article", partial(article_rows, "van-phong-ubnd-tinh"), "tin-tuc-tinh.csv"),
        ),
        "tin-tuc-phuong-minh-hoa": (
            "article",
            _table(
                "article", partial(article_rows, "phuong-minh-hoa"), "tin-tuc-phuong-minh-hoa.csv"
            ),
        ),
        "lich-cong-tac-lanh-dao-tinh": (
            "work_schedule",
            _table("work_schedule", work_schedule_rows, "lich-cong-tac-2025-11-17.csv"),
        ),
        "danh-ba-co-quan-nha-nuoc": (
            "contact",
            _table("contact", directory_rows, "danh-ba-lanh-dao-co-quan.csv"),
        ),
        "dich-vu-cong-truc-tuyen": (
            "public_service",
            _table("public_service", public_service_rows, "dich-vu-cong-truc-tuyen.csv"),
        ),
        "du-thao-lay-y-kien-nhan-dan": (
            "draft_for_comment",
            _table("draft_for_comment", draft_rows, "du-thao-lay-y-kien.csv"),
        ),
        "hoi-dap-phap-luat": ("qa", _table("qa", qa_rows, "hoi-dap-phap-luat.csv")),
    }
    for dataset in PORTAL_DATASETS:
        record_type = dataset["record_type"]
        rows = partial(ROWS_OF_RECORD_TYPE[record_type], dataset["organization"])
        records[dataset["slug"]] = (
            record_type,
            _table(record_type, rows, f"{dataset['slug']}.csv"),
        )
    return records


PORTAL_RECORDS: dict[str, tuple[str, Callable[[], tuple[str, str]]]] = _records()
