"""Legal documents of the demo: the real documents the seed regulations rest on, and Minh Hòa's.

Records of datasets with content type ``legal_document`` (``schemas/legal_document.yaml``),
one ``(file name, CSV text)`` per dataset like ``hub.demo.records``; nothing reads the clock.

* ``van-ban-trung-uong``: national laws, decrees, decisions of the Prime Minister and
  circulars named in the five seed regulations (plus the documents that replaced them),
  with their real numbers, dates, status and relations. Only metadata: numbers, dates,
  issuers, signers where well known, official titles or short abstracts in our own words.
* ``quy-che-cong-thong-tin-cac-tinh``: the five seed regulations of other provinces; their
  ``BASED_ON`` lists the "Căn cứ" references of each (empty where the seed has none).
* The datasets of Tỉnh Minh Hòa (fictional): decisions and resolutions of the province
  resting on the real national documents, with replacements, amendments and repeals.

Relation columns hold references separated by ``"; "``; ``hub.legal.numbers
.extract_references`` finds each one (numbered ones by number, laws by title).
Statuses are as known in 2026.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from hub.demo.data import _ds
from hub.text import fold, nfc, slugify

LEGAL_FIELDS: tuple[str, ...] = (
    "NUMBER",
    "DOC_TYPE",
    "ISSUER",
    "SIGNER",
    "ISSUED",
    "EFFECTIVE",
    "EXPIRED",
    "STATUS",
    "ABSTRACT",
    "ABSTRACT_EN",
    "SECTOR",
    "GAZETTE_NUMBER",
    "GAZETTE_DATE",
    "FILE_ORIGINAL",
    "FILE_TEXT",
    "BASED_ON",
    "REPLACES",
    "AMENDS",
    "REPEALS",
    "CITES",
)

RELATION_FIELDS: tuple[str, ...] = ("BASED_ON", "REPLACES", "AMENDS", "REPEALS", "CITES")
SEPARATOR = "; "
# The day the statuses below describe (no clock is read: the demo must stay reproducible).
STATUS_DATE = date(2026, 11, 1)
FILES_SITE = "https://vanban.minhhoa.example"


def fold_title(title: str) -> str:
    """A law title folded for lookups: lower case, no accents, commas as spaces."""
    return " ".join(fold(nfc(title)).replace(",", " ").split())


# Laws the seed regulations cite by title only, folded, to the number of the version they
# cite (e.g. "Luật Tổ chức chính quyền địa phương ngày 19/6/2015" is 77/2015/QH13, not the
# laws of the same title of 2025). One title as seed 003 misspells it is listed as written.
LAW_TITLES: dict[str, str] = {
    fold_title(title): number
    for title, number in (
        ("Luật Công nghệ thông tin", "67/2006/QH11"),
        ("Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân", "11/2003/QH11"),
        ("Luật Tổ chức chính quyền địa phương", "77/2015/QH13"),
        ("Luật Tổ chức Chính phủ", "76/2015/QH13"),
        (
            "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức "
            "chính quyền địa phương",
            "47/2019/QH14",
        ),
        ("Luật Ban hành văn bản quy phạm pháp luật", "80/2015/QH13"),
        (
            "Luật sửa đổi, bổ sung một số điều của Luật Ban hành văn bản quy phạm pháp luật",
            "63/2020/QH14",
        ),
        ("Luật sửa đổi bổ sung một số điều Luật Ban hành quy phạm pháp luật", "63/2020/QH14"),
        ("Luật An toàn thông tin mạng", "86/2015/QH13"),
        ("Luật Tiếp cận thông tin", "104/2016/QH13"),
        ("Luật Thống kê", "89/2015/QH13"),
        ("Luật Phí và lệ phí", "97/2015/QH13"),
        ("Luật Dữ liệu", "60/2024/QH15"),
    )
}


@dataclass(frozen=True)
class _Doc:
    """One legal document; dates as written in the CSV (dd/mm/yyyy or yyyy-mm-dd)."""

    number: str
    issued: str
    status: str
    abstract: str
    abstract_en: str
    sector: str
    doc_type: str = ""
    issuer: str = ""
    signer: str = ""
    effective: str = ""
    expired: str = ""
    gazette: tuple[str, str] = ("", "")
    files: bool = False  # links to the original and the full text on the province's site
    based_on: Sequence[str] = ()
    replaces: Sequence[str] = ()
    amends: Sequence[str] = ()
    repeals: Sequence[str] = ()
    cites: Sequence[str] = ()

    def row(self) -> list[str]:
        original = text = ""
        if self.files:
            year = self.issued[-4:] if "/" in self.issued else self.issued[:4]
            stem = f"{FILES_SITE}/{year}/{slugify(self.number)}"
            original, text = f"{stem}.pdf", f"{stem}.docx"
        return [
            self.number,
            self.doc_type,
            self.issuer,
            self.signer,
            self.issued,
            self.effective,
            self.expired,
            self.status,
            self.abstract,
            self.abstract_en,
            self.sector,
            self.gazette[0],
            self.gazette[1],
            original,
            text,
            *(
                SEPARATOR.join(refs)
                for refs in (self.based_on, self.replaces, self.amends, self.repeals, self.cites)
            ),
        ]


def _csv(docs: Sequence[_Doc]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(LEGAL_FIELDS)
    writer.writerows(doc.row() for doc in docs)
    return out.getvalue()


# --- national documents (văn bản trung ương) ---------------------------------------------

QH = "Quốc hội"
CP = "Chính phủ"
TTG = "Thủ tướng Chính phủ"
BTTTT = "Bộ Thông tin và Truyền thông"
IT = "Công nghệ thông tin"
ADMIN = "Bộ máy hành chính"
LAWMAKING = "Văn bản quy phạm pháp luật"
FINANCE = "Tài chính nhà nước"
FEES = "Thuế - Phí - Lệ phí"
LAND = "Đất đai"

# How the national documents are cited by the others (number with the kind of document).
LUAT_HDND_UBND_2003 = "Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân số 11/2003/QH11"
LUAT_CNTT = "Luật Công nghệ thông tin số 67/2006/QH11"
LUAT_TCCP_2015 = "Luật Tổ chức Chính phủ số 76/2015/QH13"
LUAT_CQDP_2015 = "Luật Tổ chức chính quyền địa phương số 77/2015/QH13"
LUAT_SUA_TCCP_CQDP = "Luật số 47/2019/QH14"
LUAT_BHVB_2015 = "Luật Ban hành văn bản quy phạm pháp luật số 80/2015/QH13"
LUAT_SUA_BHVB = "Luật số 63/2020/QH14"
LUAT_NSNN_2015 = "Luật Ngân sách nhà nước số 83/2015/QH13"
LUAT_NSNN_2025 = "Luật Ngân sách nhà nước số 89/2025/QH15"
LUAT_PHI = "Luật Phí và lệ phí số 97/2015/QH13"
LUAT_ATTTM = "Luật An toàn thông tin mạng số 86/2015/QH13"
LUAT_TIEP_CAN = "Luật Tiếp cận thông tin số 104/2016/QH13"
LUAT_THONG_KE = "Luật Thống kê số 89/2015/QH13"
LUAT_DU_LIEU = "Luật Dữ liệu số 60/2024/QH15"
LUAT_DAT_DAI_2013 = "Luật Đất đai số 45/2013/QH13"
LUAT_DAT_DAI_2024 = "Luật Đất đai số 31/2024/QH15"
LUAT_BHVB_2025 = "Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15"
LUAT_CQDP_2025 = "Luật Tổ chức chính quyền địa phương số 72/2025/QH15"
ND_64_2007 = "Nghị định số 64/2007/NĐ-CP ngày 10/4/2007"
ND_43_2011 = "Nghị định số 43/2011/NĐ-CP ngày 13/6/2011"
ND_72_2013 = "Nghị định số 72/2013/NĐ-CP ngày 15/7/2013"
ND_13_2018 = "Nghị định số 13/2018/NĐ-CP ngày 23/01/2018"
ND_27_2018 = "Nghị định số 27/2018/NĐ-CP ngày 01/3/2018"
ND_47_2020 = "Nghị định số 47/2020/NĐ-CP ngày 09/4/2020"
ND_42_2022 = "Nghị định số 42/2022/NĐ-CP ngày 24/6/2022"
TT_25_2010 = "Thông tư số 25/2010/TT-BTTTT ngày 15/11/2010"

NATIONAL: tuple[_Doc, ...] = (
    _Doc(
        "11/2003/QH11",
        "2003-11-26",
        "expired",
        "Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân",
        "Law on the Organisation of People's Councils and People's Committees",
        ADMIN,
        "L",
        QH,
        "Nguyễn Văn An",
        "2003-12-10",
        "2016-01-01",
    ),
    _Doc(
        "67/2006/QH11",
        "2006-06-29",
        "expired",
        "Luật Công nghệ thông tin: ứng dụng và phát triển công nghệ thông tin, biện pháp "
        "bảo đảm, quyền và nghĩa vụ của tổ chức, cá nhân",
        "Law on Information Technology: its application and development, support measures, "
        "rights and duties of organisations and individuals",
        IT,
        "L",
        QH,
        "Nguyễn Phú Trọng",
        "2007-01-01",
        "2026-07-01",
    ),
    _Doc(
        "64/2007/NĐ-CP",
        "2007-04-10",
        "partially_expired",
        "Ứng dụng công nghệ thông tin trong hoạt động của cơ quan nhà nước",
        "Use of information technology in the work of state agencies",
        IT,
        "NĐ",
        CP,
        based_on=(LUAT_CNTT,),
    ),
    _Doc(
        "25/2010/TT-BTTTT",
        "2010-11-15",
        "in_force",
        "Thu thập, sử dụng, chia sẻ và bảo vệ thông tin cá nhân trên trang, cổng thông tin "
        "điện tử của cơ quan nhà nước",
        "Collection, use, sharing and protection of personal data on the websites and portals "
        "of state agencies",
        IT,
        "TT",
        BTTTT,
    ),
    _Doc(
        "01/2011/TT-BTTTT",
        "2011-01-04",
        "expired",
        "Danh mục tiêu chuẩn kỹ thuật về ứng dụng công nghệ thông tin trong cơ quan nhà nước",
        "List of technical standards for the use of information technology in state agencies",
        IT,
        "TT",
        BTTTT,
    ),
    _Doc(
        "43/2011/NĐ-CP",
        "2011-06-13",
        "expired",
        "Cung cấp thông tin và dịch vụ công trực tuyến trên trang thông tin điện tử hoặc "
        "cổng thông tin điện tử của cơ quan nhà nước",
        "Provision of information and online public services on the websites and portals of "
        "state agencies",
        IT,
        "NĐ",
        CP,
        effective="2011-08-01",
        expired="2022-08-01",
        based_on=(LUAT_CNTT,),
    ),
    _Doc(
        "72/2013/NĐ-CP",
        "2013-07-15",
        "expired",
        "Quản lý, cung cấp, sử dụng dịch vụ Internet và thông tin trên mạng",
        "Management, provision and use of Internet services and online information",
        IT,
        "NĐ",
        CP,
        effective="2013-09-01",
        expired="2024-12-25",
        based_on=(LUAT_CNTT,),
    ),
    _Doc(
        "45/2013/QH13",
        "2013-11-29",
        "expired",
        "Luật Đất đai năm 2013",
        "Land Law of 2013",
        LAND,
        "L",
        QH,
        "Nguyễn Sinh Hùng",
        "2014-07-01",
        "2024-08-01",
    ),
    _Doc(
        "09/2014/TT-BTTTT",
        "2014-08-19",
        "in_force",
        "Quy định chi tiết hoạt động quản lý, cung cấp, sử dụng thông tin trên trang thông "
        "tin điện tử và mạng xã hội",
        "Detailed rules on managing, providing and using information on websites and social "
        "networks",
        IT,
        "TT",
        BTTTT,
        based_on=(ND_72_2013,),
    ),
    _Doc(
        "80/2014/QĐ-TTg",
        "2014-12-30",
        "expired",
        "Thí điểm thuê dịch vụ công nghệ thông tin trong cơ quan nhà nước",
        "Pilot of hiring information technology services in state agencies",
        IT,
        "QĐ",
        TTG,
    ),
    _Doc(
        "76/2015/QH13",
        "2015-06-19",
        "expired",
        "Luật Tổ chức Chính phủ năm 2015",
        "Law on the Organisation of the Government of 2015",
        ADMIN,
        "L",
        QH,
        "Nguyễn Sinh Hùng",
        "2016-01-01",
        "2025-03-01",
    ),
    _Doc(
        "77/2015/QH13",
        "2015-06-19",
        "expired",
        "Luật Tổ chức chính quyền địa phương năm 2015",
        "Law on the Organisation of Local Government of 2015",
        ADMIN,
        "L",
        QH,
        "Nguyễn Sinh Hùng",
        "2016-01-01",
        "2025-03-01",
        replaces=(LUAT_HDND_UBND_2003,),
    ),
    _Doc(
        "80/2015/QH13",
        "2015-06-22",
        "expired",
        "Luật Ban hành văn bản quy phạm pháp luật năm 2015",
        "Law on the Promulgation of Legal Normative Documents of 2015",
        LAWMAKING,
        "L",
        QH,
        "Nguyễn Sinh Hùng",
        "2016-07-01",
        "2025-04-01",
    ),
    _Doc(
        "83/2015/QH13",
        "2015-06-25",
        "expired",
        "Luật Ngân sách nhà nước năm 2015",
        "State Budget Law of 2015",
        FINANCE,
        "L",
        QH,
        "Nguyễn Sinh Hùng",
        "2017-01-01",
        "2026-01-01",
    ),
    _Doc(
        "86/2015/QH13",
        "2015-11-19",
        "expired",
        "Luật An toàn thông tin mạng",
        "Law on Network Information Security",
        IT,
        "L",
        QH,
        "Nguyễn Sinh Hùng",
        "2016-07-01",
        "2026-07-01",
    ),
    _Doc(
        "89/2015/QH13",
        "2015-11-23",
        "in_force",
        "Luật Thống kê",
        "Law on Statistics",
        "Thống kê",
        "L",
        QH,
        "Nguyễn Sinh Hùng",
        "2016-07-01",
    ),
    _Doc(
        "97/2015/QH13",
        "2015-11-25",
        "in_force",
        "Luật Phí và lệ phí",
        "Law on Fees and Charges",
        FEES,
        "L",
        QH,
        "Nguyễn Sinh Hùng",
        "2017-01-01",
    ),
    _Doc(
        "104/2016/QH13",
        "2016-04-06",
        "in_force",
        "Luật Tiếp cận thông tin",
        "Law on Access to Information",
        ADMIN,
        "L",
        QH,
        "Nguyễn Thị Kim Ngân",
        "2018-07-01",
    ),
    _Doc(
        "09/2017/NĐ-CP",
        "2017-02-09",
        "in_force",
        "Phát ngôn và cung cấp thông tin cho báo chí của cơ quan hành chính nhà nước",
        "Press statements and information for the press by state administrative agencies",
        "Thông tin - Báo chí",
        "NĐ",
        CP,
    ),
    _Doc(
        "32/2017/TT-BTTTT",
        "2017-11-15",
        "in_force",
        "Dịch vụ công trực tuyến và bảo đảm khả năng truy cập thuận tiện trang, cổng thông "
        "tin điện tử của cơ quan nhà nước",
        "Online public services and easy access to the websites and portals of state agencies",
        IT,
        "TT",
        BTTTT,
        cites=(ND_43_2011,),
    ),
    _Doc(
        "39/2017/TT-BTTTT",
        "2017-12-15",
        "in_force",
        "Danh mục tiêu chuẩn kỹ thuật về ứng dụng công nghệ thông tin trong cơ quan nhà nước",
        "List of technical standards for the use of information technology in state agencies",
        IT,
        "TT",
        BTTTT,
    ),
    _Doc(
        "13/2018/NĐ-CP",
        "2018-01-23",
        "in_force",
        "Quy định chi tiết và biện pháp thi hành Luật Tiếp cận thông tin",
        "Detailed rules and measures to implement the Law on Access to Information",
        ADMIN,
        "NĐ",
        CP,
        effective="2018-07-01",
        based_on=(LUAT_TIEP_CAN,),
    ),
    _Doc(
        "27/2018/NĐ-CP",
        "2018-03-01",
        "expired",
        "Sửa đổi, bổ sung Nghị định về dịch vụ Internet và thông tin trên mạng",
        "Amendments to the decree on Internet services and online information",
        IT,
        "NĐ",
        CP,
        expired="2024-12-25",
        amends=(ND_72_2013,),
    ),
    _Doc(
        "47/2019/QH14",
        "2019-11-22",
        "expired",
        "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính "
        "quyền địa phương",
        "Law amending the Law on the Organisation of the Government and the Law on the "
        "Organisation of Local Government",
        ADMIN,
        "L",
        QH,
        "Nguyễn Thị Kim Ngân",
        "2020-07-01",
        "2025-03-01",
        amends=(LUAT_TCCP_2015, LUAT_CQDP_2015),
    ),
    _Doc(
        "47/2020/NĐ-CP",
        "2020-04-09",
        "partially_expired",
        "Quản lý, kết nối và chia sẻ dữ liệu số của cơ quan nhà nước",
        "Management, connection and sharing of digital data of state agencies",
        IT,
        "NĐ",
        CP,
        effective="2020-05-25",
        based_on=(LUAT_CNTT,),
    ),
    _Doc(
        "63/2020/QH14",
        "2020-06-18",
        "expired",
        "Luật sửa đổi, bổ sung một số điều của Luật Ban hành văn bản quy phạm pháp luật",
        "Law amending the Law on the Promulgation of Legal Normative Documents",
        LAWMAKING,
        "L",
        QH,
        "Nguyễn Thị Kim Ngân",
        "2021-01-01",
        "2025-04-01",
        amends=(LUAT_BHVB_2015,),
    ),
    _Doc(
        "42/2022/NĐ-CP",
        "2022-06-24",
        "in_force",
        "Cung cấp thông tin và dịch vụ công trực tuyến của cơ quan nhà nước trên môi trường mạng",
        "Provision of information and online public services by state agencies on the network",
        IT,
        "NĐ",
        CP,
        effective="2022-08-01",
        based_on=(LUAT_TCCP_2015, LUAT_SUA_TCCP_CQDP, LUAT_CNTT),
        replaces=(ND_43_2011,),
    ),
    _Doc(
        "31/2024/QH15",
        "2024-01-18",
        "in_force",
        "Luật Đất đai năm 2024",
        "Land Law of 2024",
        LAND,
        "L",
        QH,
        "Vương Đình Huệ",
        "2024-08-01",
        replaces=(LUAT_DAT_DAI_2013,),
    ),
    _Doc(
        "147/2024/NĐ-CP",
        "2024-11-09",
        "in_force",
        "Quản lý, cung cấp, sử dụng dịch vụ Internet và thông tin trên mạng",
        "Management, provision and use of Internet services and online information",
        IT,
        "NĐ",
        CP,
        effective="2024-12-25",
        replaces=(ND_72_2013, ND_27_2018),
    ),
    _Doc(
        "60/2024/QH15",
        "2024-11-30",
        "in_force",
        "Luật Dữ liệu",
        "Law on Data",
        IT,
        "L",
        QH,
        "Trần Thanh Mẫn",
        "2025-07-01",
    ),
    _Doc(
        "64/2025/QH15",
        "2025-02-19",
        "in_force",
        "Luật Ban hành văn bản quy phạm pháp luật năm 2025",
        "Law on the Promulgation of Legal Normative Documents of 2025",
        LAWMAKING,
        "L",
        QH,
        "Trần Thanh Mẫn",
        "2025-04-01",
        replaces=(LUAT_BHVB_2015, LUAT_SUA_BHVB),
    ),
    _Doc(
        "65/2025/QH15",
        "2025-02-19",
        "expired",
        "Luật Tổ chức chính quyền địa phương (tháng 02 năm 2025)",
        "Law on the Organisation of Local Government (February 2025)",
        ADMIN,
        "L",
        QH,
        "Trần Thanh Mẫn",
        "2025-03-01",
        "2025-07-01",
        replaces=(LUAT_CQDP_2015,),
    ),
    _Doc(
        "72/2025/QH15",
        "2025-06-16",
        "in_force",
        "Luật Tổ chức chính quyền địa phương: chính quyền địa phương hai cấp (tỉnh và xã)",
        "Law on the Organisation of Local Government: two levels of local government "
        "(province and commune)",
        ADMIN,
        "L",
        QH,
        "Trần Thanh Mẫn",
        "2025-07-01",
        replaces=("Luật Tổ chức chính quyền địa phương số 65/2025/QH15",),
    ),
    _Doc(
        "89/2025/QH15",
        "2025-06-25",
        "in_force",
        "Luật Ngân sách nhà nước năm 2025",
        "State Budget Law of 2025",
        FINANCE,
        "L",
        QH,
        "Trần Thanh Mẫn",
        "2026-01-01",
        replaces=(LUAT_NSNN_2015,),
    ),
)


def national_documents() -> tuple[str, str]:
    """National documents named in the seed regulations and those that replaced them."""
    return "van-ban-trung-uong.csv", _csv(NATIONAL)


# --- the seed regulations: web portal rules of five provinces ----------------------------

SEED_REGULATIONS: tuple[_Doc, ...] = (
    _Doc(
        "14/2015/QĐ-UBND",
        "08/06/2015",
        "in_force",
        "Ban hành Quy chế hoạt động của các trang thông tin điện tử nội bộ trên địa bàn tỉnh "
        "Ninh Bình",
        "Rules for the internal websites of agencies and businesses in Ninh Binh province",
        IT,
        "QĐ",
        "Ủy ban nhân dân tỉnh Ninh Bình",
        "Trần Hữu Bình",
        effective="18/06/2015",
        based_on=(
            "Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân ngày 26/11/2003",
            "Luật Công nghệ thông tin ngày 29/6/2006",
            ND_43_2011,
            ND_72_2013,
            "Quyết định số 80/2014/QĐ-TTg ngày 30/12/2014",
            "Thông tư số 09/2014/TT-BTTTT ngày 19/8/2014",
        ),
    ),
    _Doc(
        "17/2018/QĐ-UBND",
        "31/07/2018",
        "in_force",
        "Ban hành Quy chế tổ chức, hoạt động của Cổng thông tin điện tử tỉnh Bắc Kạn",
        "Rules on the organisation and operation of the Bac Kan provincial web portal",
        IT,
        "QĐ",
        "Ủy ban nhân dân tỉnh Bắc Kạn",
        cites=(
            "Luật Công nghệ thông tin năm 2006",
            ND_43_2011,
            "Thông tư số 01/2011/TT-BTTTT ngày 04/01/2011",
        ),
    ),
    _Doc(
        "57/2018/QĐ-UBND",
        "27/12/2018",
        "in_force",
        "Ban hành Quy chế tổ chức và quản lý hoạt động của Cổng Thông tin điện tử tỉnh Đồng Nai",
        "Rules on the organisation and management of the Dong Nai provincial web portal",
        IT,
        "QĐ",
        "Ủy ban nhân dân tỉnh Đồng Nai",
        "Trần Văn Vĩnh",
        cites=(
            ND_43_2011,
            "Nghị định số 09/2017/NĐ-CP ngày 09/02/2017",
            "Thông tư số 32/2017/TT-BTTTT ngày 15/11/2017",
            "Luật Ban hành văn bản quy phạm pháp luật ngày 22/6/2015",
        ),
    ),
    _Doc(
        "1526/QĐ-UBND",
        "13/08/2019",
        "in_force",
        "Ban hành Quy chế hoạt động và cung cấp thông tin của Cổng thông tin điện tử tỉnh Trà Vinh",
        "Rules on the operation of and the information on the Tra Vinh provincial web portal",
        IT,
        "QĐ",
        "Ủy ban nhân dân tỉnh Trà Vinh",
        "Nguyễn Trung Hoàng",
        effective="13/08/2019",
        based_on=(
            "Luật Tổ chức chính quyền địa phương ngày 19/6/2015",
            "Luật Công nghệ thông tin ngày 29/6/2006",
            ND_64_2007,
            ND_43_2011,
            ND_72_2013,
            ND_27_2018,
            TT_25_2010,
            "Thông tư số 09/2014/TT-BTTTT ngày 19/8/2014",
        ),
        replaces=("Quyết định số 774/QĐ-UBND ngày 22/5/2008",),
    ),
    _Doc(
        "02/2023/QĐ-UBND",
        "17/01/2023",
        "in_force",
        "Ban hành Quy chế quản lý, vận hành, cung cấp thông tin của cơ quan nhà nước trên môi "
        "trường mạng trên địa bàn tỉnh An Giang",
        "Rules on managing, operating and providing information of state agencies on the "
        "network in An Giang province",
        IT,
        "QĐ",
        "Ủy ban nhân dân tỉnh An Giang",
        "Nguyễn Thị Minh Thúy",
        effective="01/02/2023",
        based_on=(
            "Luật Tổ chức chính quyền địa phương ngày 19/6/2015",
            "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức "
            "chính quyền địa phương ngày 22/11/2019",
            "Luật Ban hành văn bản quy phạm pháp luật ngày 22/6/2015",
            "Luật sửa đổi, bổ sung một số điều của Luật Ban hành văn bản quy phạm pháp luật "
            "ngày 18/6/2020",
            "Luật Công nghệ thông tin ngày 29/6/2006",
            "Luật An toàn thông tin mạng ngày 19/11/2015",
            "Luật Tiếp cận thông tin ngày 06/4/2016",
            ND_13_2018,
            ND_42_2022,
        ),
        replaces=("Quyết định số 03/2017/QĐ-UBND ngày 13/01/2017",),
        cites=(ND_47_2020,),
    ),
)


def seed_regulations() -> tuple[str, str]:
    """Web portal regulations of five provinces, for reference."""
    return "quy-che-cong-thong-tin-cac-tinh.csv", _csv(SEED_REGULATIONS)


# --- Tỉnh Minh Hòa (fictional) -----------------------------------------------------------

UBND = "Ủy ban nhân dân tỉnh Minh Hòa"
HDND = "Hội đồng nhân dân tỉnh Minh Hòa"
CHU_TICH = "Trần Quốc Minh"
PHO_CHU_TICH = "Nguyễn Thị Hồng Nhung"
PHO_CHU_TICH_2 = "Lê Văn Phước"
CHU_TICH_HDND = "Võ Thanh Sơn"
QD = "Quyết định"
NQ = "Nghị quyết"


def _province(
    number: str,
    issued: str,
    status: str,
    abstract: str,
    abstract_en: str,
    sector: str,
    *,
    effective: str = "",
    expired: str = "",
    signer: str = PHO_CHU_TICH,
    gazette: tuple[str, str] = ("", ""),
    based_on: Sequence[str] = (),
    replaces: Sequence[str] = (),
    amends: Sequence[str] = (),
    repeals: Sequence[str] = (),
    cites: Sequence[str] = (),
) -> _Doc:
    council = "NQ-HĐND" in number
    return _Doc(
        number,
        issued,
        status,
        abstract,
        abstract_en,
        sector,
        NQ if council else QD,
        HDND if council else UBND,
        CHU_TICH_HDND if council else signer,
        effective,
        expired,
        gazette,
        True,
        based_on,
        replaces,
        amends,
        repeals,
        cites,
    )


PROVINCE_DECISIONS: tuple[_Doc, ...] = (
    _province(
        "05/2016/QĐ-UBND",
        "10/03/2016",
        "expired",
        "Ban hành Quy chế quản lý, vận hành và cung cấp thông tin trên Cổng thông tin điện tử "
        "tỉnh Minh Hòa",
        "Rules on managing, operating and publishing information on the Minh Hoa provincial "
        "web portal",
        IT,
        effective="21/03/2016",
        expired="01/04/2023",
        signer=CHU_TICH,
        gazette=("Số 09+10", "25/03/2016"),
        based_on=(LUAT_CQDP_2015, LUAT_CNTT, ND_43_2011, TT_25_2010),
        replaces=("Quyết định số 12/2011/QĐ-UBND ngày 05/9/2011",),
    ),
    _province(
        "19/2017/QĐ-UBND",
        "10/08/2017",
        "in_force",
        "Quy định trách nhiệm tổ chức thu, nộp phí tham quan di tích, danh lam thắng cảnh trên "
        "địa bàn tỉnh Minh Hòa",
        "Duties in collecting and remitting visitor fees at monuments and landscapes of Minh "
        "Hoa province",
        FEES,
        effective="21/08/2017",
        gazette=("Số 31+32", "25/08/2017"),
        based_on=(
            LUAT_CQDP_2015,
            LUAT_PHI,
            "Nghị quyết số 10/2017/NQ-HĐND ngày 14/7/2017",
        ),
    ),
    _province(
        "09/2018/QĐ-UBND",
        "02/04/2018",
        "expired",
        "Quy định về trao đổi, chia sẻ dữ liệu điện tử giữa các cơ quan nhà nước trên địa bàn "
        "tỉnh Minh Hòa",
        "Rules on exchanging and sharing electronic data between state agencies of Minh Hoa "
        "province",
        IT,
        effective="15/04/2018",
        expired="25/05/2021",
        based_on=(LUAT_CQDP_2015, LUAT_CNTT, ND_64_2007),
    ),
    _province(
        "17/2020/QĐ-UBND",
        "05/06/2020",
        "partially_expired",
        "Ban hành Quy chế công khai ngân sách nhà nước của tỉnh Minh Hòa trên Cổng thông tin "
        "điện tử tỉnh",
        "Rules on publishing the state budget of Minh Hoa province on the provincial web portal",
        FINANCE,
        effective="20/06/2020",
        expired="01/08/2024",
        gazette=("Số 21+22", "15/06/2020"),
        based_on=(LUAT_CQDP_2015, LUAT_NSNN_2015, LUAT_TIEP_CAN),
    ),
    _province(
        "11/2021/QĐ-UBND",
        "12/05/2021",
        "in_force",
        "Bãi bỏ các quy định của tỉnh Minh Hòa về trao đổi dữ liệu điện tử và thư điện tử công "
        "vụ không còn phù hợp với quy định về kết nối, chia sẻ dữ liệu số",
        "Repeals Minh Hoa rules on electronic data exchange and official e-mail that no longer "
        "fit the national rules on sharing digital data",
        IT,
        effective="25/05/2021",
        based_on=(LUAT_CQDP_2015, LUAT_SUA_TCCP_CQDP, LUAT_BHVB_2015, LUAT_SUA_BHVB, ND_47_2020),
        repeals=(
            "Quyết định số 09/2018/QĐ-UBND ngày 02/4/2018",
            "Quyết định số 07/2013/QĐ-UBND ngày 18/3/2013",
        ),
    ),
    _province(
        "08/2023/QĐ-UBND",
        "20/03/2023",
        "in_force",
        "Ban hành Quy chế quản lý, vận hành, cung cấp thông tin trên Cổng thông tin điện tử "
        "tỉnh Minh Hòa và cổng thông tin điện tử thành phần",
        "Rules on managing, operating and publishing information on the Minh Hoa provincial "
        "portal and its component portals",
        IT,
        effective="01/04/2023",
        signer=CHU_TICH,
        gazette=("Số 12+13", "28/03/2023"),
        based_on=(
            LUAT_CQDP_2015,
            LUAT_SUA_TCCP_CQDP,
            LUAT_BHVB_2015,
            LUAT_SUA_BHVB,
            LUAT_ATTTM,
            LUAT_TIEP_CAN,
            ND_13_2018,
            ND_42_2022,
        ),
        replaces=("Quyết định số 05/2016/QĐ-UBND ngày 10/3/2016",),
    ),
    _province(
        "12/2023/QĐ-UBND",
        "08/06/2023",
        "in_force",
        "Ban hành Quy chế quản lý, công bố và khai thác dữ liệu mở của các cơ quan nhà nước tỉnh "
        "Minh Hòa",
        "Rules on managing, publishing and reusing the open data of Minh Hoa state agencies",
        IT,
        effective="20/06/2023",
        based_on=(
            LUAT_CQDP_2015,
            LUAT_SUA_TCCP_CQDP,
            LUAT_CNTT,
            LUAT_TIEP_CAN,
            ND_47_2020,
            ND_42_2022,
        ),
        cites=(LUAT_THONG_KE,),
    ),
    _province(
        "24/2024/QĐ-UBND",
        "18/07/2024",
        "in_force",
        "Sửa đổi, bổ sung một số điều của Quy chế công khai ngân sách nhà nước của tỉnh trên "
        "Cổng thông tin điện tử tỉnh Minh Hòa",
        "Amends the rules on publishing the state budget on the Minh Hoa provincial web portal",
        FINANCE,
        effective="01/08/2024",
        gazette=("Số 27+28", "26/07/2024"),
        based_on=(LUAT_CQDP_2015, LUAT_SUA_TCCP_CQDP, LUAT_NSNN_2015, ND_42_2022),
        amends=("Quyết định số 17/2020/QĐ-UBND ngày 05/6/2020",),
    ),
    _province(
        "27/2025/QĐ-UBND",
        "20/08/2025",
        "in_force",
        "Quy định cung cấp thông tin trên cổng thông tin điện tử của Ủy ban nhân dân các xã, "
        "phường tỉnh Minh Hòa sau sắp xếp đơn vị hành chính",
        "Rules on the information published by the web portals of communes and wards of Minh "
        "Hoa after the reorganisation of administrative units",
        IT,
        effective="01/09/2025",
        signer=PHO_CHU_TICH_2,
        based_on=(LUAT_CQDP_2025, LUAT_BHVB_2025, ND_42_2022),
    ),
    _province(
        "06/2026/QĐ-UBND",
        "15/09/2026",
        "not_yet_in_force",
        "Ban hành Quy chế quản lý, vận hành Cổng dữ liệu tỉnh Minh Hòa và công bố dữ liệu mở",
        "Rules on running the Minh Hoa data portal and publishing open data",
        IT,
        effective="01/01/2027",
        signer=CHU_TICH,
        based_on=(LUAT_CQDP_2025, LUAT_BHVB_2025, LUAT_DU_LIEU, ND_42_2022),
        replaces=("Quyết định số 12/2023/QĐ-UBND ngày 08/6/2023",),
    ),
)

COUNCIL_RESOLUTIONS: tuple[_Doc, ...] = (
    _province(
        "10/2017/NQ-HĐND",
        "14/07/2017",
        "in_force",
        "Quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí tham quan di tích, danh lam "
        "thắng cảnh trên địa bàn tỉnh Minh Hòa",
        "Rates, collection and use of visitor fees at monuments and landscapes of Minh Hoa "
        "province",
        FEES,
        effective="01/08/2017",
        gazette=("Số 27+28", "24/07/2017"),
        based_on=(LUAT_CQDP_2015, LUAT_BHVB_2015, LUAT_PHI, LUAT_NSNN_2015),
    ),
    _province(
        "04/2022/NQ-HĐND",
        "15/07/2022",
        "in_force",
        "Quy định mức thu, miễn, giảm và chế độ thu, nộp lệ phí cấp giấy phép xây dựng trên "
        "địa bàn tỉnh Minh Hòa",
        "Rates, exemptions and collection of the building permit charge in Minh Hoa province",
        FEES,
        effective="01/08/2022",
        based_on=(LUAT_CQDP_2015, LUAT_SUA_TCCP_CQDP, LUAT_BHVB_2015, LUAT_SUA_BHVB, LUAT_PHI),
    ),
    _province(
        "12/2024/NQ-HĐND",
        "06/12/2024",
        "in_force",
        "Quy định nội dung, mức chi tạo lập, cập nhật thông tin trên Cổng thông tin điện tử và "
        "công bố dữ liệu mở của tỉnh Minh Hòa",
        "Spending norms for creating and updating portal content and publishing open data in "
        "Minh Hoa province",
        FINANCE,
        effective="20/12/2024",
        based_on=(LUAT_CQDP_2015, LUAT_SUA_TCCP_CQDP, LUAT_NSNN_2015, ND_42_2022),
    ),
    _province(
        "25/2025/NQ-HĐND",
        "10/12/2025",
        "in_force",
        "Quy định định mức phân bổ dự toán chi thường xuyên ngân sách địa phương tỉnh Minh Hòa "
        "năm 2026",
        "Norms for allocating the 2026 recurrent spending estimates of the Minh Hoa local budget",
        FINANCE,
        effective="01/01/2026",
        gazette=("Số 45+46", "22/12/2025"),
        based_on=(LUAT_CQDP_2025, LUAT_BHVB_2025, LUAT_NSNN_2025),
        replaces=("Nghị quyết số 18/2021/NQ-HĐND ngày 08/12/2021",),
    ),
)

NO_LONGER_IN_FORCE: tuple[_Doc, ...] = (
    _province(
        "12/2011/QĐ-UBND",
        "05/09/2011",
        "expired",
        "Ban hành Quy chế hoạt động của Cổng thông tin điện tử tỉnh Minh Hòa",
        "Rules on the operation of the Minh Hoa provincial web portal",
        IT,
        effective="15/09/2011",
        expired="21/03/2016",
        signer=CHU_TICH,
        based_on=(LUAT_HDND_UBND_2003, LUAT_CNTT, ND_64_2007, ND_43_2011),
    ),
    _province(
        "07/2013/QĐ-UBND",
        "18/03/2013",
        "expired",
        "Quy định quản lý và sử dụng hệ thống thư điện tử công vụ tỉnh Minh Hòa",
        "Rules on the management and use of the official e-mail system of Minh Hoa province",
        IT,
        effective="28/03/2013",
        expired="25/05/2021",
        based_on=(LUAT_HDND_UBND_2003, LUAT_CNTT, ND_64_2007),
    ),
    _province(
        "22/2014/QĐ-UBND",
        "06/10/2014",
        "partially_expired",
        "Quy định một số nội dung quản lý đầu tư ứng dụng công nghệ thông tin sử dụng ngân sách "
        "tỉnh Minh Hòa",
        "Rules on managing information technology investments funded by the Minh Hoa budget",
        IT,
        effective="16/10/2014",
        based_on=(LUAT_HDND_UBND_2003, LUAT_CNTT, ND_64_2007),
    ),
    _province(
        "18/2021/NQ-HĐND",
        "08/12/2021",
        "expired",
        "Quy định định mức phân bổ dự toán chi thường xuyên ngân sách địa phương tỉnh Minh Hòa "
        "năm 2022, năm đầu thời kỳ ổn định ngân sách 2022-2025",
        "Norms for allocating the 2022 recurrent spending estimates of the Minh Hoa local "
        "budget, the first year of the 2022-2025 budget period",
        FINANCE,
        effective="01/01/2022",
        expired="01/01/2026",
        based_on=(LUAT_CQDP_2015, LUAT_SUA_TCCP_CQDP, LUAT_NSNN_2015),
    ),
)

FINANCE_DOCUMENTS: tuple[_Doc, ...] = (
    _province(
        "14/2016/NQ-HĐND",
        "09/12/2016",
        "expired",
        "Quy định phân cấp nguồn thu, nhiệm vụ chi giữa các cấp ngân sách tỉnh Minh Hòa thời kỳ "
        "ổn định ngân sách 2017-2020",
        "Assignment of revenues and spending duties between the budget levels of Minh Hoa for "
        "the 2017-2020 budget period",
        FINANCE,
        effective="01/01/2017",
        expired="01/01/2022",
        based_on=(LUAT_CQDP_2015, LUAT_NSNN_2015),
    ),
    _province(
        "16/2021/NQ-HĐND",
        "08/12/2021",
        "in_force",
        "Quy định phân cấp nguồn thu, nhiệm vụ chi giữa các cấp ngân sách tỉnh Minh Hòa",
        "Assignment of revenues and spending duties between the budget levels of Minh Hoa",
        FINANCE,
        effective="01/01/2022",
        based_on=(LUAT_CQDP_2015, LUAT_SUA_TCCP_CQDP, LUAT_NSNN_2015),
        replaces=("Nghị quyết số 14/2016/NQ-HĐND ngày 09/12/2016",),
    ),
    # Deliberately without its effective date: the reason the dataset was sent back.
    _province(
        "29/2022/QĐ-UBND",
        "14/10/2022",
        "in_force",
        "Quy định trình tự lập, thẩm định và công khai dự toán ngân sách cấp xã trên địa bàn "
        "tỉnh Minh Hòa",
        "Steps for preparing, reviewing and publishing commune budget estimates in Minh Hoa",
        FINANCE,
        based_on=(LUAT_CQDP_2015, LUAT_SUA_TCCP_CQDP, LUAT_NSNN_2015),
    ),
)

LAND_DOCUMENTS: tuple[_Doc, ...] = (
    _province(
        "31/2019/QĐ-UBND",
        "20/12/2019",
        "expired",
        "Ban hành Bảng giá các loại đất trên địa bàn tỉnh Minh Hòa giai đoạn 2020-2024",
        "Land price table of Minh Hoa province for 2020-2024",
        LAND,
        effective="01/01/2020",
        expired="01/01/2026",
        signer=CHU_TICH,
        based_on=(LUAT_CQDP_2015, LUAT_DAT_DAI_2013),
    ),
    _province(
        "26/2024/QĐ-UBND",
        "10/10/2024",
        "in_force",
        "Quy định hạn mức giao đất ở, hạn mức công nhận đất ở và diện tích tối thiểu được tách "
        "thửa trên địa bàn tỉnh Minh Hòa",
        "Limits for allocating and recognising residential land and minimum plot sizes for "
        "subdivision in Minh Hoa",
        LAND,
        effective="21/10/2024",
        based_on=(LUAT_CQDP_2015, LUAT_SUA_TCCP_CQDP, LUAT_DAT_DAI_2024),
    ),
    _province(
        "33/2024/QĐ-UBND",
        "05/11/2024",
        "in_force",
        "Quy định chi tiết về bồi thường, hỗ trợ, tái định cư khi Nhà nước thu hồi đất trên địa "
        "bàn tỉnh Minh Hòa",
        "Detailed rules on compensation, support and resettlement when the State recovers land "
        "in Minh Hoa",
        LAND,
        effective="15/11/2024",
        based_on=(LUAT_CQDP_2015, LUAT_SUA_TCCP_CQDP, LUAT_DAT_DAI_2024),
    ),
)


def province_decisions() -> tuple[str, str]:
    """Legal normative decisions of the Provincial People's Committee."""
    return "van-ban-qppl-ubnd-tinh.csv", _csv(PROVINCE_DECISIONS)


def council_resolutions() -> tuple[str, str]:
    """Legal normative resolutions of the Provincial People's Council."""
    return "van-ban-qppl-hdnd-tinh.csv", _csv(COUNCIL_RESOLUTIONS)


def no_longer_in_force() -> tuple[str, str]:
    """Provincial documents no longer (fully) in force, from the periodic review."""
    return "van-ban-het-hieu-luc.csv", _csv(NO_LONGER_IN_FORCE)


def finance_documents() -> tuple[str, str]:
    """Provincial documents on public finance; one lacks its effective date."""
    return "van-ban-linh-vuc-tai-chinh.csv", _csv(FINANCE_DOCUMENTS)


def land_documents() -> tuple[str, str]:
    """Provincial documents on land."""
    return "van-ban-linh-vuc-dat-dai.csv", _csv(LAND_DOCUMENTS)


LEGAL_RECORDS: dict[str, Callable[[], tuple[str, str]]] = {
    "van-ban-trung-uong": national_documents,
    "quy-che-cong-thong-tin-cac-tinh": seed_regulations,
    "van-ban-qppl-ubnd-tinh": province_decisions,
    "van-ban-qppl-hdnd-tinh": council_resolutions,
    "van-ban-het-hieu-luc": no_longer_in_force,
    "van-ban-linh-vuc-tai-chinh": finance_documents,
    "van-ban-linh-vuc-dat-dai": land_documents,
}

LEGAL_DATASETS: list[dict] = [
    _ds(
        "van-ban-trung-uong",
        "so-tu-phap",
        "legal_document",
        (
            "Văn bản trung ương làm căn cứ cho văn bản của tỉnh",
            "National legal documents the province's documents rest on",
        ),
        (
            "Danh mục luật, nghị định, quyết định của Thủ tướng Chính phủ và thông tư làm căn "
            "cứ cho văn bản của tỉnh: số ký hiệu, ngày ban hành, ngày hiệu lực, tình trạng hiệu "
            "lực và quan hệ thay thế, sửa đổi, bãi bỏ giữa các văn bản.",
            "List of the laws, decrees, Prime Minister's decisions and circulars the "
            "province's documents rest on: number, dates of issue and entry into force, "
            "validity status and which documents replace, amend or repeal which.",
        ),
        ["JUST", "GOVE"],
        ["văn bản trung ương", "luật", "nghị định", "thông tư"],
        "IRREG",
        "published",
        spatial="Việt Nam",
        legal=["Luật số 64/2025/QH15"],
    ),
    _ds(
        "quy-che-cong-thong-tin-cac-tinh",
        "so-tu-phap",
        "legal_document",
        (
            "Quy chế cổng thông tin điện tử của các tỉnh (tham khảo)",
            "Web portal regulations of other provinces (for reference)",
        ),
        (
            "Danh mục quy chế quản lý, vận hành cổng thông tin điện tử do ủy ban nhân dân một số "
            "tỉnh ban hành, kèm các văn bản làm căn cứ; dùng để tham khảo khi xây dựng quy chế "
            "của tỉnh.",
            "List of the web portal regulations issued by the People's Committees of other "
            "provinces, with the documents they rest on; for reference when drafting the "
            "province's own rules.",
        ),
        ["JUST", "GOVE"],
        ["quy chế", "cổng thông tin điện tử", "tham khảo"],
        "IRREG",
        "published",
        spatial="Việt Nam",
        legal=["42/2022/NĐ-CP"],
    ),
]
