"""Controlled vocabularies of the catalog, with vi/en labels and their standard IRIs.

Themes, access rights, frequencies and licences follow the EU Publications Office
authority tables that DCAT-AP requires, so descriptors can emit IRIs directly.
"""

from __future__ import annotations

from dataclasses import dataclass

EU_AUTHORITY = "http://publications.europa.eu/resource/authority"


@dataclass(frozen=True)
class Term:
    code: str
    vi: str
    en: str
    iri: str | None = None


def _table(kind: str, rows: list[tuple[str, str, str]]) -> dict[str, Term]:
    return {code: Term(code, vi, en, f"{EU_AUTHORITY}/{kind}/{code}") for code, vi, en in rows}


THEMES = _table(
    "data-theme",
    [
        (
            "AGRI",
            "Nông nghiệp, thủy sản, lâm nghiệp và thực phẩm",
            "Agriculture, fisheries, forestry and food",
        ),
        ("ECON", "Kinh tế và tài chính", "Economy and finance"),
        ("EDUC", "Giáo dục, văn hóa và thể thao", "Education, culture and sport"),
        ("ENER", "Năng lượng", "Energy"),
        ("ENVI", "Môi trường", "Environment"),
        ("GOVE", "Chính phủ và khu vực công", "Government and public sector"),
        ("HEAL", "Y tế", "Health"),
        ("INTR", "Các vấn đề quốc tế", "International issues"),
        (
            "JUST",
            "Tư pháp, hệ thống pháp luật và an toàn công cộng",
            "Justice, legal system and public safety",
        ),
        ("REGI", "Vùng và thành phố", "Regions and cities"),
        ("SOCI", "Dân số và xã hội", "Population and society"),
        ("TECH", "Khoa học và công nghệ", "Science and technology"),
        ("TRAN", "Giao thông vận tải", "Transport"),
    ],
)

ACCESS_RIGHTS = _table(
    "access-right",
    [
        ("PUBLIC", "Công khai (dữ liệu mở)", "Public (open data)"),
        (
            "RESTRICTED",
            "Hạn chế (chia sẻ cho cơ quan được phép)",
            "Restricted (shared with authorised agencies)",
        ),
        ("NON_PUBLIC", "Không công khai", "Non-public"),
    ],
)

FREQUENCIES = _table(
    "frequency",
    [
        ("CONT", "Liên tục", "Continuous"),
        ("DAILY", "Hằng ngày", "Daily"),
        ("WEEKLY", "Hằng tuần", "Weekly"),
        ("MONTHLY", "Hằng tháng", "Monthly"),
        ("QUARTERLY", "Hằng quý", "Quarterly"),
        ("ANNUAL_2", "Sáu tháng một lần", "Semiannual"),
        ("ANNUAL", "Hằng năm", "Annual"),
        ("BIENNIAL", "Hai năm một lần", "Biennial"),
        ("IRREG", "Không định kỳ", "Irregular"),
        ("NEVER", "Không cập nhật", "Never"),
        ("UNKNOWN", "Không xác định", "Unknown"),
    ],
)

_LICENCES = [
    ("CC-BY-4.0", "CC_BY_4_0", "Creative Commons Ghi công 4.0", "Creative Commons Attribution 4.0"),
    (
        "CC-BY-SA-4.0",
        "CC_BYSA_4_0",
        "Creative Commons Ghi công - Chia sẻ tương tự 4.0",
        "Creative Commons Attribution-ShareAlike 4.0",
    ),
    ("CC0-1.0", "CC0", "Creative Commons CC0 1.0 (miền công cộng)", "Creative Commons CC0 1.0"),
    (
        "ODC-BY-1.0",
        "ODC_BY",
        "Giấy phép Ghi công Dữ liệu mở",
        "Open Data Commons Attribution License",
    ),
    ("ODbL-1.0", "ODC_BL", "Giấy phép Cơ sở dữ liệu mở", "Open Data Commons Open Database License"),
    (
        "PDDL-1.0",
        "ODC_PDDL",
        "Giấy phép Miền công cộng ODC",
        "Open Data Commons Public Domain Dedication",
    ),
    ("other-closed", None, "Không phải giấy phép mở", "Not an open licence"),
]
LICENCES = {
    code: Term(code, vi, en, f"{EU_AUTHORITY}/licence/{eu}" if eu else None)
    for code, eu, vi, en in _LICENCES
}
DEFAULT_LICENCE = "CC-BY-4.0"

CONTENT_TYPES = {
    t.code: t
    for t in (
        Term("portal_content", "Nội dung cổng thông tin", "Portal content"),
        Term("legal_document", "Văn bản quy phạm pháp luật", "Legal documents"),
        Term("statistics", "Thống kê", "Statistics"),
        Term("budget", "Công khai ngân sách", "Budget disclosure"),
        Term("project", "Danh mục dự án", "Project list"),
        Term("other", "Khác", "Other"),
    )
}

ORG_KINDS = {
    t.code: t
    for t in (
        Term("province", "Tỉnh", "Province"),
        Term("department", "Sở, ban, ngành", "Department or agency"),
        Term("commune", "Xã, phường, đặc khu", "Commune, ward or special zone"),
        Term("other", "Khác", "Other"),
    )
}

STATES = {
    t.code: t
    for t in (
        Term("draft", "Nháp", "Draft"),
        Term("pending", "Chờ duyệt", "Pending review"),
        Term("published", "Đã công bố", "Published"),
        Term("rejected", "Bị từ chối", "Rejected"),
        Term("withdrawn", "Đã gỡ bỏ", "Withdrawn"),
        Term("deleted", "Đã xóa", "Deleted"),
    )
}

ROLES = {
    t.code: t
    for t in (
        Term("admin", "Quản trị", "Administrator"),
        Term("editor", "Biên tập (Ban Biên tập)", "Editor (editorial board)"),
        Term("publisher", "Cán bộ cập nhật", "Publisher"),
        Term("harvester", "Thu thập tự động", "Harvester"),
    )
}
