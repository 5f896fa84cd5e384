"""What to do about each indicator that misses points, in Vietnamese and English."""

from __future__ import annotations

import unicodedata

from hub.quality.indicators import Outcome

_TEXTS: dict[str, tuple[str, str]] = {
    "keywords": (
        "Thêm từ khoá (dcat:keyword) để người dùng tìm thấy bộ dữ liệu.",
        "Add keywords (dcat:keyword) so that people can find the dataset.",
    ),
    "categories": (
        "Chọn ít nhất một chủ đề dữ liệu của EU (dcat:theme) để bộ dữ liệu hiện ra khi "
        "người dùng duyệt theo chủ đề.",
        "Choose at least one EU data theme (dcat:theme) so that the dataset shows up when "
        "people browse by theme.",
    ),
    "spatial": (
        "Ghi phạm vi không gian (dct:spatial), ví dụ tỉnh, huyện hoặc xã mà dữ liệu bao quát.",
        "State the spatial coverage (dct:spatial), e.g. the province, district or commune "
        "the data covers.",
    ),
    "temporal": (
        "Ghi khoảng thời gian của dữ liệu (dct:temporal): ngày bắt đầu và ngày kết thúc.",
        "State the period the data covers (dct:temporal): a start date and an end date.",
    ),
    "access_url_status": (
        "Sửa các đường dẫn truy cập (dcat:accessURL) không mở được: kiểm tra lại địa chỉ "
        "hoặc thay bằng địa chỉ đang hoạt động.",
        "Fix the access URLs (dcat:accessURL) that do not resolve: check the address or "
        "replace it with one that works.",
    ),
    "download_url": (
        "Cung cấp đường dẫn tải trực tiếp (dcat:downloadURL), ví dụ tải tệp lên cổng thay vì "
        "chỉ liên kết tới một trang web.",
        "Provide a direct download URL (dcat:downloadURL), e.g. upload the file to the hub "
        "instead of only linking to a web page.",
    ),
    "download_url_status": (
        "Sửa các đường dẫn tải (dcat:downloadURL) không mở được.",
        "Fix the download URLs (dcat:downloadURL) that do not resolve.",
    ),
    "format": (
        "Ghi định dạng tệp (dct:format) cho mỗi phân phối, ví dụ CSV hoặc JSON.",
        "Give each distribution its file format (dct:format), e.g. CSV or JSON.",
    ),
    "media_type": (
        "Ghi kiểu phương tiện IANA (dcat:mediaType), ví dụ text/csv; tệp tải lên cổng được "
        "nhận diện tự động.",
        "Give the IANA media type (dcat:mediaType), e.g. text/csv; files uploaded to the hub "
        "get one automatically.",
    ),
    "format_vocabulary": (
        "Dùng định dạng có trong danh mục loại tệp của EU và kiểu phương tiện đã đăng ký với IANA.",
        "Use a format from the EU file-type list and a media type registered with IANA.",
    ),
    "non_proprietary": (
        "Cung cấp thêm một định dạng mở, không độc quyền, ví dụ CSV thay cho XLSX, hoặc ODS.",
        "Also offer an open, non-proprietary format, e.g. CSV instead of XLSX, or ODS.",
    ),
    "machine_readable": (
        "Cung cấp dữ liệu ở định dạng máy đọc được (CSV, JSON, XML) chứ không chỉ PDF hay "
        "trang web.",
        "Offer the data in a machine-readable format (CSV, JSON, XML), not only as PDF or a "
        "web page.",
    ),
    "dcat_ap_compliance": (
        "Sửa các lỗi DCAT-AP liệt kê ở chỉ số này để các cổng khác thu thập đúng bộ dữ liệu.",
        "Fix the DCAT-AP violations listed with this indicator so that other portals harvest "
        "the dataset correctly.",
    ),
    "licence": (
        "Chọn một giấy phép mở trong danh mục (dct:license), ví dụ CC-BY-4.0, và thêm ít nhất "
        "một phân phối: giấy phép được công bố trên từng phân phối.",
        "Choose an open licence from the list (dct:license), e.g. CC-BY-4.0, and add at least "
        "one distribution: the licence is published on each distribution.",
    ),
    "licence_vocabulary": (
        "Dùng giấy phép có trong danh mục giấy phép của EU (ví dụ CC-BY-4.0, CC0-1.0) thay vì "
        "giấy phép tự đặt.",
        "Use a licence from the EU licence list (e.g. CC-BY-4.0, CC0-1.0) rather than a "
        "custom one.",
    ),
    "access_rights": (
        "Ghi quyền truy cập (dct:accessRights): công khai, hạn chế hoặc không công khai.",
        "State the access rights (dct:accessRights): public, restricted or non-public.",
    ),
    "access_rights_vocabulary": (
        "Dùng giá trị quyền truy cập trong danh mục của EU (PUBLIC, RESTRICTED, NON_PUBLIC).",
        "Use an access-rights value from the EU list (PUBLIC, RESTRICTED, NON_PUBLIC).",
    ),
    "contact_point": (
        "Thêm đầu mối liên hệ (dcat:contactPoint): tên, thư điện tử hoặc số điện thoại.",
        "Add a contact point (dcat:contactPoint): a name, an e-mail address or a phone number.",
    ),
    "publisher": (
        "Ghi cơ quan công bố (dct:publisher) của bộ dữ liệu.",
        "State the organization that publishes the dataset (dct:publisher).",
    ),
    "rights": (
        "Thêm tuyên bố quyền (dct:rights) cho các phân phối, ví dụ yêu cầu ghi nguồn khi sử "
        "dụng lại.",
        "Add a rights statement (dct:rights) to the distributions, e.g. the attribution "
        "required on reuse.",
    ),
    "byte_size": (
        "Ghi dung lượng tệp (dcat:byteSize); tệp tải lên cổng đã có sẵn dung lượng, liên kết "
        "ra ngoài thì chưa.",
        "Give the file size (dcat:byteSize); files uploaded to the hub have it, outside links "
        "do not.",
    ),
    "issued": (
        "Ghi ngày ban hành lần đầu (dct:issued) của bộ dữ liệu.",
        "Give the date the dataset was first issued (dct:issued).",
    ),
    "modified": (
        "Ghi ngày cập nhật gần nhất (dct:modified) của bộ dữ liệu.",
        "Give the date the dataset was last modified (dct:modified).",
    ),
}
_NOT_CHECKED = (
    "Đường dẫn chưa được kiểm tra; điểm được tính sau lần kiểm tra liên kết định kỳ tiếp "
    "theo (hub quality check).",
    "The URLs have not been checked yet; they are scored after the next scheduled link "
    "check (hub quality check).",
)
_NO_DOWNLOAD = (
    "Chưa có đường dẫn tải nào để kiểm tra: hãy thêm một đường dẫn tải trực tiếp hoạt động "
    "được, ví dụ tải tệp lên cổng.",
    "There is no download URL to check: add a direct download URL that works, e.g. upload "
    "the file to the hub.",
)
TEXTS = {k: (unicodedata.normalize("NFC", vi), en) for k, (vi, en) in _TEXTS.items()}


def suggestions(outcomes: list[Outcome]) -> list[dict[str, str]]:
    """One suggestion per indicator that scored less than its maximum."""
    download_share = next((o.share for o in outcomes if o.indicator.key == "download_url"), 0)
    found = []
    for outcome in outcomes:
        key = outcome.indicator.key
        if outcome.points >= outcome.indicator.max_points:
            continue
        vi, en = TEXTS[key]
        if key == "download_url_status" and not download_share:
            vi, en = _NO_DOWNLOAD
        elif outcome.checked_at == "not_checked":
            vi, en = _NOT_CHECKED
        found.append({"indicator": key, "vi": unicodedata.normalize("NFC", vi), "en": en})
    return found
