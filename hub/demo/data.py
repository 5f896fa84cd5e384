"""The demo province: fictional sample data (dữ liệu mẫu). Facts about real laws only."""

from __future__ import annotations

from collections.abc import Sequence

SAMPLE_NOTICE_VI = (
    "Tỉnh Minh Hòa là tỉnh giả định; toàn bộ dữ liệu ở đây là dữ liệu mẫu để trình diễn, "
    "không phải số liệu chính thức."
)
SAMPLE_NOTICE_EN = (
    "Minh Hoa is a fictional province; everything here is sample data for demonstration, "
    "not official figures."
)

ROOT = "ubnd-tinh-minh-hoa"


def _org(
    slug: str,
    code: str,
    title_vi: str,
    title_en: str,
    kind: str,
    sub: str,
    desc_vi: str,
    desc_en: str,
    parent: str | None = ROOT,
    street: str = "",
) -> dict:
    return {
        "slug": slug,
        "title_vi": title_vi,
        "title_en": title_en,
        "kind": kind,
        "parent": parent,
        "agency_code": code,
        "website": f"https://{sub}.minhhoa.example",
        "email": f"{sub}@minhhoa.example",
        "phone": f"0294 3855 {int(code.split('.')[2]) + 100 * int(code.split('.')[1]):03d}",
        "address": street or f"Số {int(code.split('.')[2]) + 1} đường Trần Phú, phường Minh Hòa",
        "description_vi": desc_vi,
        "description_en": desc_en,
    }


ORGANIZATIONS: list[dict] = [
    _org(
        ROOT,
        "000.00.00.H49",
        "Ủy ban nhân dân tỉnh Minh Hòa",
        "Minh Hoa Provincial People's Committee",
        "province",
        "www",
        "Cơ quan hành chính nhà nước cao nhất ở địa phương.",
        "The highest state administrative body of the province.",
        parent=None,
    ),
    _org(
        "van-phong-ubnd-tinh",
        "000.00.01.H49",
        "Văn phòng Ủy ban nhân dân tỉnh",
        "Office of the Provincial People's Committee",
        "department",
        "vpubnd",
        "Tham mưu, tổng hợp và vận hành Cổng thông tin điện tử tỉnh.",
        "Advises the Committee and runs the provincial web portal.",
    ),
    _org(
        "so-tai-chinh",
        "000.00.02.H49",
        "Sở Tài chính",
        "Department of Finance",
        "department",
        "stc",
        "Quản lý ngân sách, tài chính công và đầu tư công của tỉnh.",
        "Manages the provincial budget, public finance and public investment.",
    ),
    _org(
        "so-tu-phap",
        "000.00.03.H49",
        "Sở Tư pháp",
        "Department of Justice",
        "department",
        "stp",
        "Thẩm định, rà soát và hệ thống hóa văn bản quy phạm pháp luật.",
        "Reviews and consolidates legal normative documents.",
    ),
    _org(
        "so-xay-dung",
        "000.00.04.H49",
        "Sở Xây dựng",
        "Department of Construction",
        "department",
        "sxd",
        "Quản lý quy hoạch, xây dựng, giao thông và phát triển đô thị.",
        "Manages planning, construction, transport and urban development.",
    ),
    _org(
        "so-khoa-hoc-va-cong-nghe",
        "000.00.05.H49",
        "Sở Khoa học và Công nghệ",
        "Department of Science and Technology",
        "department",
        "skhcn",
        "Quản lý khoa học, công nghệ, chuyển đổi số và bưu chính viễn thông.",
        "Manages science, technology, digital transformation and telecommunications.",
    ),
    _org(
        "so-nong-nghiep-va-moi-truong",
        "000.00.06.H49",
        "Sở Nông nghiệp và Môi trường",
        "Department of Agriculture and Environment",
        "department",
        "snnmt",
        "Quản lý nông nghiệp, thủy sản, đất đai, tài nguyên và môi trường.",
        "Manages agriculture, fisheries, land, natural resources and the environment.",
    ),
    _org(
        "so-van-hoa-the-thao-va-du-lich",
        "000.00.07.H49",
        "Sở Văn hóa, Thể thao và Du lịch",
        "Department of Culture, Sports and Tourism",
        "department",
        "svhttdl",
        "Quản lý văn hóa, gia đình, thể dục thể thao và du lịch.",
        "Manages culture, families, sports and tourism.",
    ),
    _org(
        "so-giao-duc-va-dao-tao",
        "000.00.08.H49",
        "Sở Giáo dục và Đào tạo",
        "Department of Education and Training",
        "department",
        "sgddt",
        "Quản lý giáo dục mầm non, phổ thông và giáo dục thường xuyên.",
        "Manages pre-school, general and continuing education.",
    ),
    _org(
        "so-y-te",
        "000.00.09.H49",
        "Sở Y tế",
        "Department of Health",
        "department",
        "syt",
        "Quản lý y tế dự phòng, khám chữa bệnh và dược.",
        "Manages preventive medicine, medical care and pharmaceuticals.",
    ),
    _org(
        "so-noi-vu",
        "000.00.10.H49",
        "Sở Nội vụ",
        "Department of Home Affairs",
        "department",
        "snv",
        "Quản lý tổ chức bộ máy, công chức, viên chức, lao động và chính quyền địa phương.",
        "Manages organisation, civil servants, labour and local government.",
    ),
    _org(
        "thong-ke-tinh-minh-hoa",
        "000.00.11.H49",
        "Thống kê tỉnh Minh Hòa",
        "Minh Hoa Provincial Statistics Office",
        "other",
        "thongke",
        "Thu thập, tổng hợp và công bố số liệu thống kê của tỉnh.",
        "Collects, compiles and publishes the province's official statistics.",
    ),
    _org(
        "phuong-minh-hoa",
        "000.20.01.H49",
        "Phường Minh Hòa",
        "Minh Hoa Ward",
        "commune",
        "phuongminhhoa",
        "Chính quyền địa phương cấp xã tại trung tâm tỉnh.",
        "Commune-level local government of the provincial centre.",
    ),
    _org(
        "phuong-long-chau",
        "000.20.02.H49",
        "Phường Long Châu",
        "Long Chau Ward",
        "commune",
        "longchau",
        "Chính quyền địa phương cấp xã.",
        "Commune-level local government.",
    ),
    _org(
        "xa-tan-phu",
        "000.20.03.H49",
        "Xã Tân Phú",
        "Tan Phu Commune",
        "commune",
        "tanphu",
        "Chính quyền địa phương cấp xã.",
        "Commune-level local government.",
    ),
    _org(
        "xa-an-binh",
        "000.20.04.H49",
        "Xã An Bình",
        "An Binh Commune",
        "commune",
        "anbinh",
        "Chính quyền địa phương cấp xã.",
        "Commune-level local government.",
    ),
    _org(
        "xa-hoa-loi",
        "000.20.05.H49",
        "Xã Hòa Lợi",
        "Hoa Loi Commune",
        "commune",
        "hoaloi",
        "Chính quyền địa phương cấp xã.",
        "Commune-level local government.",
    ),
    _org(
        "xa-phu-my",
        "000.20.06.H49",
        "Xã Phú Mỹ",
        "Phu My Commune",
        "commune",
        "phumy",
        "Chính quyền địa phương cấp xã.",
        "Commune-level local government.",
    ),
    _org(
        "xa-tan-thanh-cu",
        "000.21.07.H49",
        "Xã Tân Thành (cũ)",
        "Former Tan Thanh Commune",
        "commune",
        "tanthanh",
        "Đã sáp nhập vào xã Tân Phú năm 2025.",
        "Merged into Tan Phu Commune in 2025.",
    ),
    _org(
        "xa-phu-huu-cu",
        "000.21.08.H49",
        "Xã Phú Hữu (cũ)",
        "Former Phu Huu Commune",
        "commune",
        "phuhuu",
        "Đã sáp nhập vào xã Phú Mỹ năm 2025.",
        "Merged into Phu My Commune in 2025.",
    ),
]

MERGED: list[tuple[str, str]] = [
    ("xa-tan-thanh-cu", "xa-tan-phu"),
    ("xa-phu-huu-cu", "xa-phu-my"),
]


def _site(org: str) -> str:
    return next(o["website"] for o in ORGANIZATIONS if o["slug"] == org)


def _ds(
    slug: str,
    org: str,
    content_type: str,
    titles: tuple[str, str],
    descriptions: tuple[str, str],
    themes: list[str],
    keywords: list[str],
    frequency: str,
    state: str,
    period: tuple[str | None, str | None] = (None, None),
    spatial: str = "Tỉnh Minh Hòa",
    legal: Sequence[str] = (),
    links: Sequence[tuple[str, str, str, str]] = (),
    files: Sequence[tuple[str, str, str]] = (),
    licence: str = "CC-BY-4.0",
    access: str = "PUBLIC",
    reason: str | None = None,
) -> dict:
    site = _site(org)
    return {
        "slug": slug,
        "organization": org,
        "content_type": content_type,
        "title_vi": titles[0],
        "title_en": titles[1],
        "description_vi": descriptions[0],
        "description_en": descriptions[1],
        "themes": list(themes),
        "keywords": list(keywords),
        "licence": licence,
        "access_rights": access,
        "frequency": frequency,
        "temporal_start": period[0],
        "temporal_end": period[1],
        "spatial": spatial,
        "contact_name": "Bộ phận dữ liệu mở, "
        + next(o["title_vi"] for o in ORGANIZATIONS if o["slug"] == org),
        "contact_email": next(o["email"] for o in ORGANIZATIONS if o["slug"] == org),
        "legal_basis": list(legal),
        "state": state,
        "reason": reason,
        "distributions": [
            {
                "kind": "link",
                "title_vi": t_vi,
                "title_en": t_en,
                "url": f"{site}/{path}",
                "format": fmt,
            }
            for t_vi, t_en, path, fmt in links
        ],
        "files": [
            {"file_name": name, "title_vi": title, "content": content}
            for name, title, content in files
        ],
    }


DATASETS: list[dict] = [
    # Portal content (nội dung cổng thông tin)
    _ds(
        "tin-tuc-cong-thong-tin-tinh",
        "van-phong-ubnd-tinh",
        "portal_content",
        (
            "Tin tức, sự kiện trên Cổng thông tin điện tử tỉnh",
            "News and events of the provincial portal",
        ),
        (
            "Các tin bài về hoạt động chỉ đạo, điều hành của Ủy ban nhân dân tỉnh.",
            "News on the direction and administration of the Provincial People's Committee.",
        ),
        ["GOVE"],
        ["tin tức", "sự kiện", "cổng thông tin"],
        "DAILY",
        "published",
        legal=["42/2022/NĐ-CP"],
        links=[("Tin tức (RSS)", "News (RSS)", "rss/tin-tuc.xml", "RSS")],
    ),
    _ds(
        "lich-cong-tac-lanh-dao-tinh",
        "van-phong-ubnd-tinh",
        "portal_content",
        (
            "Lịch công tác tuần của lãnh đạo Ủy ban nhân dân tỉnh",
            "Weekly work schedule of provincial leaders",
        ),
        (
            "Lịch làm việc hằng tuần của Chủ tịch và các Phó Chủ tịch Ủy ban nhân dân tỉnh.",
            "Weekly schedule of the Chairman and Vice Chairmen of the Committee.",
        ),
        ["GOVE"],
        ["lịch công tác", "lãnh đạo"],
        "WEEKLY",
        "published",
        period=("2025-01-01", None),
        legal=["42/2022/NĐ-CP"],
        links=[("Lịch công tác", "Work schedule", "lich-cong-tac", "HTML")],
    ),
    _ds(
        "danh-ba-co-quan-nha-nuoc",
        "van-phong-ubnd-tinh",
        "portal_content",
        (
            "Danh bạ điện thoại, thư điện tử các cơ quan nhà nước tỉnh",
            "Directory of provincial agencies",
        ),
        (
            "Họ tên, chức vụ, đơn vị, số điện thoại và thư điện tử công vụ của cán bộ lãnh đạo.",
            "Names, positions, units, phone numbers and official e-mail of agency leaders.",
        ),
        ["GOVE"],
        ["danh bạ", "liên hệ"],
        "MONTHLY",
        "published",
        files=[
            (
                "danh-bạ-lãnh-đạo.csv",
                "Danh bạ lãnh đạo (CSV)",
                "ho_ten,chuc_vu,don_vi,dien_thoai,email\n"
                "Nguyễn Văn An,Chánh Văn phòng,Văn phòng UBND tỉnh,0294 3855 001,an@minhhoa.example\n"
                "Trần Thị Bình,Giám đốc,Sở Tài chính,0294 3855 002,binh@minhhoa.example\n"
                "Lê Hoàng Cường,Giám đốc,Sở Tư pháp,0294 3855 003,cuong@minhhoa.example\n",
            )
        ],
    ),
    _ds(
        "dich-vu-cong-truc-tuyen",
        "so-khoa-hoc-va-cong-nghe",
        "portal_content",
        ("Danh mục dịch vụ công trực tuyến của tỉnh", "Online public services of the province"),
        (
            "Mã, tên thủ tục, lĩnh vực, mức độ và cơ quan thực hiện các dịch vụ công trực tuyến.",
            "Code, name, sector, level and responsible agency of each online public service.",
        ),
        ["GOVE", "TECH"],
        ["dịch vụ công", "thủ tục hành chính"],
        "MONTHLY",
        "published",
        legal=["42/2022/NĐ-CP"],
        links=[("Danh mục (JSON)", "Catalogue (JSON)", "api/dich-vu-cong.json", "JSON")],
    ),
    _ds(
        "du-thao-lay-y-kien-nhan-dan",
        "so-tu-phap",
        "portal_content",
        ("Dự thảo văn bản lấy ý kiến nhân dân", "Draft documents open for public comment"),
        (
            "Toàn văn dự thảo, thời hạn và địa chỉ tiếp nhận góp ý của tổ chức, cá nhân.",
            "Full text of drafts, deadlines and addresses for comments.",
        ),
        ["JUST", "GOVE"],
        ["dự thảo", "góp ý"],
        "IRREG",
        "pending",
    ),
    _ds(
        "hoi-dap-phap-luat",
        "so-tu-phap",
        "portal_content",
        ("Hỏi đáp pháp luật", "Legal questions and answers"),
        (
            "Câu hỏi của người dân, doanh nghiệp và trả lời của cơ quan chuyên môn.",
            "Questions from citizens and businesses with the answers of the competent agencies.",
        ),
        ["JUST"],
        ["hỏi đáp", "pháp luật"],
        "WEEKLY",
        "draft",
    ),
    _ds(
        "tin-tuc-phuong-minh-hoa",
        "phuong-minh-hoa",
        "portal_content",
        ("Tin tức hoạt động của Phường Minh Hòa", "News of Minh Hoa Ward"),
        (
            "Tin tức về hoạt động của chính quyền phường và đời sống dân cư.",
            "News about the ward government and community life.",
        ),
        ["REGI"],
        ["tin tức", "phường"],
        "WEEKLY",
        "published",
        spatial="Phường Minh Hòa",
    ),
    # Legal documents (văn bản quy phạm pháp luật)
    _ds(
        "van-ban-qppl-ubnd-tinh",
        "so-tu-phap",
        "legal_document",
        (
            "Văn bản quy phạm pháp luật do Ủy ban nhân dân tỉnh ban hành",
            "Legal normative documents issued by the Provincial People's Committee",
        ),
        (
            "Số ký hiệu, loại văn bản, ngày ban hành, ngày hiệu lực, trích yếu và tình trạng hiệu lực.",
            "Number, type, issue date, effective date, abstract and validity status.",
        ),
        ["JUST", "GOVE"],
        ["văn bản quy phạm pháp luật", "quyết định"],
        "CONT",
        "published",
        period=("2015-01-01", None),
        legal=["Luật số 64/2025/QH15"],
        links=[("Cơ sở dữ liệu văn bản", "Legal document database", "van-ban", "HTML")],
    ),
    _ds(
        "van-ban-qppl-hdnd-tinh",
        "van-phong-ubnd-tinh",
        "legal_document",
        ("Nghị quyết của Hội đồng nhân dân tỉnh", "Resolutions of the Provincial People's Council"),
        (
            "Các nghị quyết quy phạm pháp luật của Hội đồng nhân dân tỉnh kèm tệp toàn văn.",
            "Legal normative resolutions of the Provincial People's Council with full texts.",
        ),
        ["JUST"],
        ["nghị quyết", "hội đồng nhân dân"],
        "IRREG",
        "published",
    ),
    _ds(
        "van-ban-het-hieu-luc",
        "so-tu-phap",
        "legal_document",
        (
            "Danh mục văn bản hết hiệu lực toàn bộ hoặc một phần",
            "Documents no longer (fully) in force",
        ),
        (
            "Kết quả hệ thống hóa văn bản quy phạm pháp luật định kỳ của tỉnh.",
            "Results of the periodic consolidation of legal normative documents.",
        ),
        ["JUST"],
        ["hết hiệu lực", "hệ thống hóa"],
        "ANNUAL",
        "published",
    ),
    _ds(
        "van-ban-linh-vuc-tai-chinh",
        "so-tai-chinh",
        "legal_document",
        ("Văn bản quy phạm pháp luật lĩnh vực tài chính", "Legal documents on public finance"),
        (
            "Các quyết định của tỉnh về phân cấp nguồn thu, định mức chi và phí, lệ phí.",
            "Provincial decisions on revenue assignment, spending norms, fees and charges.",
        ),
        ["ECON", "JUST"],
        ["tài chính", "phí", "lệ phí"],
        "IRREG",
        "rejected",
        reason="Thiếu trường ngày hiệu lực của một số văn bản; đề nghị bổ sung trước khi công bố.",
    ),
    _ds(
        "van-ban-linh-vuc-dat-dai",
        "so-nong-nghiep-va-moi-truong",
        "legal_document",
        ("Văn bản quy phạm pháp luật lĩnh vực đất đai", "Legal documents on land"),
        (
            "Quy định về bảng giá đất, hạn mức giao đất và bồi thường, hỗ trợ, tái định cư.",
            "Rules on land price tables, allocation limits and compensation and resettlement.",
        ),
        ["ENVI", "JUST"],
        ["đất đai", "bảng giá đất"],
        "IRREG",
        "draft",
    ),
    # Statistics (thống kê)
    _ds(
        "dan-so-theo-xa-phuong",
        "thong-ke-tinh-minh-hoa",
        "statistics",
        ("Dân số trung bình theo xã, phường", "Average population by commune and ward"),
        (
            "Dân số trung bình chia theo giới tính và đơn vị hành chính cấp xã, 2020-2024.",
            "Average population by sex and commune-level unit, 2020-2024.",
        ),
        ["SOCI"],
        ["dân số", "niên giám thống kê"],
        "ANNUAL",
        "published",
        period=("2020-01-01", "2024-12-31"),
        legal=["89/2015/QH13"],
        files=[
            (
                "dân-số-2024.csv",
                "Dân số trung bình 2024 (CSV)",
                "REF_AREA,TIME_PERIOD,SEX,OBS_VALUE,UNIT_MEASURE\n"
                "phuong-minh-hoa,2024,_T,48210,PS\n"
                "phuong-long-chau,2024,_T,36540,PS\n"
                "xa-tan-phu,2024,_T,29875,PS\n"
                "xa-an-binh,2024,_T,21330,PS\n"
                "xa-hoa-loi,2024,_T,18990,PS\n",
            )
        ],
    ),
    _ds(
        "tong-san-pham-grdp-theo-nganh",
        "thong-ke-tinh-minh-hoa",
        "statistics",
        ("Tổng sản phẩm trên địa bàn (GRDP) theo ngành kinh tế", "GRDP by economic sector"),
        (
            "GRDP theo giá hiện hành và giá so sánh 2010, chia theo khu vực kinh tế.",
            "GRDP at current and 2010 constant prices by economic sector.",
        ),
        ["ECON"],
        ["GRDP", "tăng trưởng kinh tế"],
        "ANNUAL",
        "published",
        period=("2015-01-01", "2024-12-31"),
        legal=["89/2015/QH13"],
        files=[
            (
                "grdp-theo-ngành.csv",
                "GRDP theo ngành (CSV)",
                "TIME_PERIOD,SECTOR,OBS_VALUE,UNIT_MEASURE,PRICE_BASE\n"
                "2024,A,18250.4,VND_BN,CURRENT\n"
                "2024,B-F,21410.9,VND_BN,CURRENT\n"
                "2024,G-U,27864.2,VND_BN,CURRENT\n",
            )
        ],
    ),
    _ds(
        "hoc-sinh-pho-thong",
        "so-giao-duc-va-dao-tao",
        "statistics",
        (
            "Số trường, lớp, giáo viên và học sinh phổ thông",
            "Schools, classes, teachers and pupils",
        ),
        (
            "Số liệu đầu năm học theo cấp học và xã, phường.",
            "Start-of-year figures by school level and commune.",
        ),
        ["EDUC", "SOCI"],
        ["giáo dục", "học sinh", "trường học"],
        "ANNUAL",
        "published",
        period=("2020-09-01", "2025-05-31"),
    ),
    _ds(
        "co-so-y-te",
        "so-y-te",
        "statistics",
        ("Cơ sở khám chữa bệnh và giường bệnh", "Health facilities and hospital beds"),
        (
            "Số cơ sở y tế, giường bệnh, bác sĩ trên vạn dân theo xã, phường.",
            "Health facilities, beds and doctors per 10,000 people by commune.",
        ),
        ["HEAL"],
        ["y tế", "bệnh viện", "giường bệnh"],
        "ANNUAL",
        "published",
        period=("2022-01-01", "2024-12-31"),
    ),
    _ds(
        "san-luong-lua",
        "so-nong-nghiep-va-moi-truong",
        "statistics",
        ("Diện tích, năng suất và sản lượng lúa", "Rice area, yield and production"),
        (
            "Số liệu theo vụ (đông xuân, hè thu, thu đông) và xã, phường.",
            "Figures by crop season and commune.",
        ),
        ["AGRI"],
        ["lúa", "nông nghiệp", "sản lượng"],
        "ANNUAL_2",
        "pending",
        period=("2023-01-01", "2025-06-30"),
    ),
    _ds(
        "khach-du-lich",
        "so-van-hoa-the-thao-va-du-lich",
        "statistics",
        ("Lượt khách du lịch và doanh thu du lịch", "Tourist arrivals and tourism revenue"),
        (
            "Lượt khách trong nước, quốc tế và doanh thu du lịch theo tháng.",
            "Domestic and international arrivals and tourism revenue by month.",
        ),
        ["EDUC", "ECON"],
        ["du lịch", "khách du lịch"],
        "MONTHLY",
        "withdrawn",
        period=("2024-01-01", "2024-12-31"),
        reason="Số liệu tháng 11 bị nhập trùng; gỡ xuống để đính chính.",
    ),
    _ds(
        "chat-luong-khong-khi",
        "so-nong-nghiep-va-moi-truong",
        "statistics",
        ("Kết quả quan trắc chất lượng không khí", "Air quality monitoring results"),
        (
            "Chỉ số AQI theo ngày tại các trạm quan trắc tự động.",
            "Daily AQI at the automatic monitoring stations.",
        ),
        ["ENVI"],
        ["môi trường", "không khí", "AQI"],
        "DAILY",
        "published",
        licence="ODbL-1.0",
        period=("2024-01-01", None),
    ),
    _ds(
        "lao-dong-viec-lam",
        "so-noi-vu",
        "statistics",
        ("Lực lượng lao động và tỷ lệ thất nghiệp", "Labour force and unemployment rate"),
        (
            "Lực lượng lao động từ 15 tuổi trở lên theo giới tính, khu vực thành thị, nông thôn.",
            "Labour force aged 15 and over by sex and urban/rural area.",
        ),
        ["SOCI", "ECON"],
        ["lao động", "việc làm"],
        "QUARTERLY",
        "draft",
    ),
    # Budget disclosure (công khai ngân sách)
    _ds(
        "du-toan-ngan-sach-2025",
        "so-tai-chinh",
        "budget",
        ("Công khai dự toán ngân sách địa phương năm 2025", "Local budget estimate 2025"),
        (
            "Dự toán thu, chi ngân sách địa phương năm 2025 đã được Hội đồng nhân dân tỉnh quyết định "
            "(biểu mẫu số 46, 48, 49 theo Thông tư 343/2016/TT-BTC).",
            "The 2025 local revenue and expenditure estimate approved by the Provincial People's "
            "Council (forms 46, 48, 49 of Circular 343/2016/TT-BTC).",
        ),
        ["ECON", "GOVE"],
        ["ngân sách", "dự toán", "công khai"],
        "ANNUAL",
        "published",
        period=("2025-01-01", "2025-12-31"),
        legal=["343/2016/TT-BTC", "83/2015/QH13"],
        links=[
            ("Biểu 46 (XLSX)", "Form 46 (XLSX)", "cong-khai/2025/bieu-46.xlsx", "XLSX"),
            ("Biểu 48 (PDF)", "Form 48 (PDF)", "cong-khai/2025/bieu-48.pdf", "PDF"),
        ],
    ),
    _ds(
        "thuc-hien-ngan-sach-quy-2025",
        "so-tai-chinh",
        "budget",
        (
            "Công khai tình hình thực hiện dự toán ngân sách theo quý năm 2025",
            "Quarterly budget execution 2025",
        ),
        (
            "Tình hình thực hiện thu, chi ngân sách quý I, II, III năm 2025 (biểu mẫu số 59, 60).",
            "Revenue and expenditure execution for Q1-Q3 2025 (forms 59, 60).",
        ),
        ["ECON"],
        ["ngân sách", "thực hiện", "quý"],
        "QUARTERLY",
        "published",
        period=("2025-01-01", "2025-09-30"),
        legal=["343/2016/TT-BTC"],
        files=[
            (
                "thực-hiện-thu-chi-quý-3.csv",
                "Thực hiện quý III (CSV)",
                "MA_BIEU,NAM,KY,GIAI_DOAN,CHI_TIEU,SO_TIEN_VND\n"
                "59,2025,Q3,thuc_hien,Tổng thu NSNN trên địa bàn,4125000000000\n"
                "59,2025,Q3,thuc_hien,Thu nội địa,3890000000000\n"
                "60,2025,Q3,thuc_hien,Tổng chi ngân sách địa phương,6210000000000\n",
            )
        ],
    ),
    _ds(
        "quyet-toan-ngan-sach-2024",
        "so-tai-chinh",
        "budget",
        ("Công khai quyết toán ngân sách địa phương năm 2024", "Local budget final accounts 2024"),
        (
            "Quyết toán thu, chi ngân sách địa phương năm 2024 đã được Hội đồng nhân dân phê chuẩn.",
            "The 2024 final accounts approved by the Provincial People's Council.",
        ),
        ["ECON"],
        ["ngân sách", "quyết toán"],
        "ANNUAL",
        "published",
        period=("2024-01-01", "2024-12-31"),
        legal=["343/2016/TT-BTC"],
    ),
    _ds(
        "du-toan-ngan-sach-2026",
        "so-tai-chinh",
        "budget",
        ("Công khai dự toán ngân sách địa phương năm 2026", "Local budget estimate 2026"),
        (
            "Dự thảo công khai dự toán năm 2026 trình Ban Biên tập duyệt.",
            "Draft disclosure of the 2026 estimate submitted for editorial review.",
        ),
        ["ECON"],
        ["ngân sách", "dự toán"],
        "ANNUAL",
        "pending",
        period=("2026-01-01", "2026-12-31"),
        legal=["343/2016/TT-BTC"],
    ),
    _ds(
        "ngan-sach-xa-tan-phu-2025",
        "xa-tan-phu",
        "budget",
        ("Công khai dự toán ngân sách xã Tân Phú năm 2025", "Tan Phu Commune budget estimate 2025"),
        (
            "Dự toán thu, chi ngân sách cấp xã năm 2025 (biểu mẫu số 63, 64).",
            "Commune-level revenue and expenditure estimate 2025 (forms 63, 64).",
        ),
        ["ECON", "REGI"],
        ["ngân sách xã", "dự toán"],
        "ANNUAL",
        "published",
        spatial="Xã Tân Phú",
        period=("2025-01-01", "2025-12-31"),
        legal=["343/2016/TT-BTC"],
    ),
    _ds(
        "ngan-sach-phuong-long-chau-2025",
        "phuong-long-chau",
        "budget",
        ("Công khai ngân sách phường Long Châu năm 2025", "Long Chau Ward budget 2025"),
        (
            "Dự toán và tình hình thực hiện ngân sách phường năm 2025.",
            "Ward budget estimate and execution 2025.",
        ),
        ["ECON", "REGI"],
        ["ngân sách phường"],
        "QUARTERLY",
        "rejected",
        spatial="Phường Long Châu",
        reason="Số liệu quý II chưa khớp với báo cáo của Kho bạc.",
    ),
    # Project lists (danh mục dự án)
    _ds(
        "du-an-dau-tu-cong-trung-han",
        "so-tai-chinh",
        "project",
        (
            "Danh mục dự án đầu tư công trung hạn 2021-2025",
            "Medium-term public investment projects 2021-2025",
        ),
        (
            "Tên dự án, mục tiêu, lĩnh vực, thời gian thực hiện, tổng mức đầu tư và tình trạng.",
            "Project name, objective, sector, period, total investment and status.",
        ),
        ["ECON", "GOVE"],
        ["đầu tư công", "dự án"],
        "QUARTERLY",
        "published",
        period=("2021-01-01", "2025-12-31"),
        legal=["Luật số 58/2024/QH15"],
        files=[
            (
                "dự-án-đầu-tư-công.csv",
                "Danh mục dự án (CSV)",
                "ma_du_an,ten_du_an,linh_vuc,thoi_gian,kinh_phi_vnd,tinh_trang\n"
                "DA-001,Đường liên xã Tân Phú - An Bình,Giao thông,2022-2025,185000000000,dang_trien_khai\n"
                "DA-002,Trường THCS Hòa Lợi,Giáo dục,2021-2023,42000000000,da_hoan_tat\n"
                "DA-003,Kè chống sạt lở sông Long Châu,Thủy lợi,2024-2026,96000000000,dang_trien_khai\n"
                "DA-004,Trạm y tế xã Phú Mỹ,Y tế,2026-2027,15000000000,chuan_bi_dau_tu\n",
            )
        ],
    ),
    _ds(
        "du-an-oda",
        "so-tai-chinh",
        "project",
        ("Danh mục dự án sử dụng vốn ODA và vốn vay ưu đãi", "ODA and concessional loan projects"),
        (
            "Nhà tài trợ, loại hình tài trợ, kinh phí và tiến độ các dự án ODA.",
            "Donors, funding types, budgets and progress of ODA projects.",
        ),
        ["ECON", "INTR"],
        ["ODA", "nhà tài trợ"],
        "ANNUAL_2",
        "published",
        access="RESTRICTED",
    ),
    _ds(
        "du-an-giao-thong-nong-thon",
        "so-xay-dung",
        "project",
        ("Dự án giao thông nông thôn", "Rural road projects"),
        (
            "Danh mục các tuyến đường giao thông nông thôn được đầu tư theo chương trình mục tiêu quốc gia.",
            "Rural roads built under the national target programme.",
        ),
        ["TRAN", "REGI"],
        ["giao thông nông thôn", "nông thôn mới"],
        "ANNUAL",
        "published",
        links=[("Bản đồ dự án", "Project map", "ban-do/giao-thong", "HTML")],
    ),
    _ds(
        "du-an-chuyen-doi-so",
        "so-khoa-hoc-va-cong-nghe",
        "project",
        ("Dự án chuyển đổi số của tỉnh", "Digital transformation projects"),
        (
            "Các dự án hạ tầng số, nền tảng dữ liệu và dịch vụ số của tỉnh.",
            "Digital infrastructure, data platform and digital service projects.",
        ),
        ["TECH"],
        ["chuyển đổi số", "dữ liệu"],
        "ANNUAL",
        "withdrawn",
        reason="Danh mục đang được rà soát theo Nghị quyết 57-NQ/TW; sẽ công bố lại.",
    ),
    _ds(
        "du-an-xa-phu-my",
        "xa-phu-my",
        "project",
        ("Dự án trên địa bàn xã Phú Mỹ", "Projects in Phu My Commune"),
        (
            "Các dự án đầu tư công do xã làm chủ đầu tư, gồm địa bàn xã Phú Hữu cũ.",
            "Public investment projects owned by the commune, including the former Phu Huu commune.",
        ),
        ["REGI"],
        ["dự án", "xã"],
        "ANNUAL",
        "draft",
        spatial="Xã Phú Mỹ",
    ),
    _ds(
        "du-an-van-hoa-the-thao",
        "so-van-hoa-the-thao-va-du-lich",
        "project",
        ("Dự án văn hóa, thể thao", "Culture and sports projects"),
        (
            "Tu bổ di tích và xây dựng thiết chế văn hóa, thể thao cấp tỉnh.",
            "Heritage restoration and provincial cultural and sports facilities.",
        ),
        ["EDUC"],
        ["di tích", "thể thao"],
        "ANNUAL",
        "published",
        access="RESTRICTED",
    ),
    # Other
    _ds(
        "diem-wifi-cong-cong",
        "so-khoa-hoc-va-cong-nghe",
        "other",
        ("Điểm truy cập wifi công cộng miễn phí", "Free public wifi hotspots"),
        (
            "Vị trí các điểm wifi công cộng do tỉnh đầu tư.",
            "Locations of the free public wifi hotspots funded by the province.",
        ),
        ["TECH", "REGI"],
        ["wifi", "hạ tầng số"],
        "IRREG",
        "published",
        licence="CC0-1.0",
        links=[("GeoJSON", "GeoJSON", "du-lieu/wifi.geojson", "GEOJSON")],
    ),
]
