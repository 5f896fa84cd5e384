"""Sample records of the demo province: statistics tables, budget disclosure forms, projects.

Every generator is deterministic (a ``random.Random`` seeded from a fixed value and the
table's name; nothing reads the clock) and returns ``(file name, CSV text)`` with the
schema's field names as headers. Statistics tables add their own dimensions as Vietnamese
columns (``Giới tính``, ``Cấp học`` ...), which the import declares. Several files are
written the way provincial offices export them, to exercise the import parser: semicolons,
``1.234.567`` thousands and ``2,5`` decimals, Vietnamese code labels (``Dự toán``,
``Quý I``, ``Đang triển khai``), a title row above the header, a UTF-8 BOM. Every row is
valid, so the imports succeed with ``on_error="abort"``.

All figures are invented for the fictional province (about 910,000 people in 2024):
plausible in magnitude and internally consistent (parts add up to their totals), not real.
"""

from __future__ import annotations

import csv
import io
import math
import random
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from hub.records.schema import schema_for_content_type

SEED = 20250701
REFERENCE_YEAR = 2025  # "this year" for project statuses: the generators never read the clock
PROVINCE = "Tỉnh Minh Hòa"
PROVINCE_POPULATION_2024 = 912_460
PROVINCE_GROWTH = 0.0055

# Commune-level units as they were before the 2025 merger (statistics up to 2024 use them):
# name, average population in 2024 (as in the demo's own CSV file) and yearly growth.
UNITS: tuple[tuple[str, int, float], ...] = (
    ("Phường Minh Hòa", 48_210, 0.014),
    ("Phường Long Châu", 36_540, 0.011),
    ("Xã Tân Phú", 29_875, 0.004),
    ("Xã An Bình", 21_330, 0.002),
    ("Xã Hòa Lợi", 18_990, 0.001),
    ("Xã Phú Mỹ", 24_760, 0.003),
    ("Xã Tân Thành", 15_420, -0.002),
    ("Xã Phú Hữu", 13_880, -0.003),
)

STATISTICS_HEADER = ("REF_AREA", "TIME_PERIOD")
OBSERVATION = ("OBS_VALUE", "UNIT_MEASURE", "OBS_STATUS")


def _rng(name: str) -> random.Random:
    return random.Random(f"{SEED}:{name}")


def _vn(value: float, decimals: int = 0) -> str:
    """A number written the Vietnamese way: ``1.234.567`` and ``1.234,5``."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def _dec(value: float, decimals: int = 1) -> str:
    """A plain number with at most two decimals (three would read as thousands)."""
    return f"{value:.{decimals}f}"


def _csv(
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    delimiter: str = ",",
    title: str | None = None,
    bom: bool = False,
) -> str:
    out = io.StringIO()
    if bom:
        out.write("\ufeff")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    if title:
        writer.writerow([title])
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def _status(last: bool) -> str:
    return "P" if last else "A"


# --- statistics -------------------------------------------------------------------------


@cache
def _population() -> dict[str, dict[int, int]]:
    """Average population by area (the province first) and year, 2015-2024."""
    rng = _rng("population")
    series: dict[str, dict[int, int]] = {}
    for name, last, growth in ((PROVINCE, PROVINCE_POPULATION_2024, PROVINCE_GROWTH), *UNITS):
        values = {2024: last}
        for year in range(2023, 2014, -1):
            values[year] = round(values[year + 1] / (1 + growth + rng.uniform(-0.002, 0.002)))
        series[name] = values
    return series


def _share(name: str) -> float:
    population = _population()
    return population[name][2024] / population[PROVINCE][2024]


def population_table() -> tuple[str, str]:
    """Average population by commune/ward, sex and year 2020-2024 (the dataset's coverage)."""
    rng = _rng("population-by-sex")
    rows = []
    for name, values in _population().items():
        male_share = 0.486 if name.startswith("Phường") else 0.494
        for year in range(2020, 2025):
            total = values[year]
            male = round(total * (male_share + rng.uniform(-0.003, 0.003)))
            for sex, value in (("Tổng", total), ("Nam", male), ("Nữ", total - male)):
                rows.append([name, year, sex, _vn(value), "người", _status(year == 2024)])
    header = [*STATISTICS_HEADER, "Giới tính", *OBSERVATION]
    title = "Dân số trung bình phân theo xã, phường và giới tính (người) - dữ liệu mẫu"
    text = _csv(header, rows, delimiter=";", title=title)
    return "dan-so-trung-binh-theo-xa-phuong-2020-2024.csv", text


# Sector, GRDP 2024 at current prices (tỷ đồng, as in the demo's CSV file), yearly real
# growth and the 2024 price index against 2010.
GRDP_SECTORS: tuple[tuple[str, float, float, float], ...] = (
    ("Nông, lâm nghiệp và thủy sản", 18_250.4, 0.029, 1.92),
    ("Công nghiệp và xây dựng", 21_410.9, 0.088, 1.68),
    ("Dịch vụ", 27_864.2, 0.067, 1.86),
    ("Thuế sản phẩm trừ trợ cấp sản phẩm", 4_380.5, 0.061, 1.79),
)
# Real growth shocks by year (COVID-19 in 2020-2021, rebound in 2022), per sector.
GRDP_SHOCKS: dict[int, tuple[float, float, float, float]] = {
    2020: (0.0, -0.035, -0.045, -0.03),
    2021: (-0.012, -0.06, -0.09, -0.05),
    2022: (0.004, 0.015, 0.035, 0.02),
}


def grdp_table() -> tuple[str, str]:
    """GRDP by economic sector at current and constant 2010 prices, 2015-2024."""
    rng = _rng("grdp")
    current: list[dict[int, float]] = []
    constant: list[dict[int, float]] = []
    for i, (_, last, growth, index) in enumerate(GRDP_SECTORS):
        real = {2024: last / index}
        price = {2024: index}
        for year in range(2024, 2015, -1):
            shock = GRDP_SHOCKS.get(year, (0.0,) * 4)[i]
            deflator = {2021: 0.02, 2022: 0.045}.get(year, 0.035) + rng.uniform(-0.008, 0.008)
            real[year - 1] = real[year] / (1 + growth + shock + rng.uniform(-0.006, 0.006))
            price[year - 1] = price[year] / (1 + deflator)
        current.append({y: round(real[y] * price[y], 1) for y in real} | {2024: last})
        constant.append({y: round(v, 1) for y, v in real.items()})
    rows = []
    for base, series in (("Giá hiện hành", current), ("Giá so sánh 2010", constant)):
        for year in range(2015, 2025):
            total = round(sum(s[year] for s in series), 1)
            values = [("Tổng số", total)]
            values += [(sector[0], s[year]) for sector, s in zip(GRDP_SECTORS, series, strict=True)]
            for sector, value in values:
                status = _status(year == 2024)
                if year == 2024 and sector.startswith("Thuế"):
                    status = "E"  # taxes on products are estimated until the tax year closes
                rows.append([PROVINCE, year, base, sector, _dec(value), "tỷ đồng", status])
    header = [*STATISTICS_HEADER, "Loại giá", "Khu vực kinh tế", *OBSERVATION]
    return "grdp-theo-khu-vuc-kinh-te-2015-2024.csv", _csv(header, rows)


# Level, (schools, classes, teachers, pupils) at the start of school year 2024-2025,
# yearly pupil trend, schools closed or merged per year.
SCHOOL_LEVELS: tuple[tuple[str, tuple[int, int, int, int], float, float], ...] = (
    ("Mầm non", (152, 1_268, 2_610, 33_150), -0.015, 1.2),
    ("Tiểu học", (168, 2_412, 3_920, 72_480), -0.004, 2.0),
    ("THCS", (108, 1_436, 2_935, 53_720), 0.018, 0.3),
    ("THPT", (31, 722, 1_660, 29_870), 0.012, 0.0),
)
SCHOOL_INDICATORS = (
    ("Số trường", "trường"),
    ("Số lớp", "lớp"),
    ("Số giáo viên", "người"),
    ("Số học sinh", "học sinh"),
)


def schools_table() -> tuple[str, str]:
    """Schools, classes, teachers and pupils at the start of each school year, 2020-2024."""
    rng = _rng("schools")
    rows = []
    for level, (schools, classes, teachers, pupils), trend, closed in SCHOOL_LEVELS:
        per_class, per_teacher = pupils / classes, teachers / classes
        province: dict[int, tuple[int, int, int, int]] = {}
        for year in range(2020, 2025):
            back = 2024 - year
            n_pupils = round(pupils / (1 + trend) ** back * rng.uniform(0.995, 1.005))
            n_classes = round(n_pupils / per_class * rng.uniform(0.99, 1.01))
            n_teachers = round(n_classes * per_teacher * rng.uniform(0.985, 1.01))
            province[year] = (schools + round(back * closed), n_classes, n_teachers, n_pupils)
        areas: list[tuple[str, dict[int, tuple[int, int, int, int]]]] = [(PROVINCE, province)]
        for name, _, _ in UNITS:
            urban = name.startswith("Phường")
            weight = (
                _share(name) * rng.uniform(0.9, 1.1) * (1.6 if urban and level == "THPT" else 1)
            )
            size = per_class * rng.uniform(0.9, 1.08)
            values = {}
            for year, (p_schools, _, _, p_pupils) in province.items():
                n_schools = round(p_schools * weight)
                if level != "THPT":
                    n_schools = max(1, n_schools)
                n_pupils = round(p_pupils * weight * rng.uniform(0.99, 1.01))
                n_classes = math.ceil(n_pupils / size)
                n_teachers = round(n_classes * per_teacher * rng.uniform(0.95, 1.05))
                values[year] = (n_schools, n_classes, n_teachers, n_pupils)
            if values[2024][0]:  # no upper secondary school in the smallest communes
                areas.append((name, values))
        for name, values in areas:
            for year, numbers in values.items():
                for (indicator, unit), value in zip(SCHOOL_INDICATORS, numbers, strict=True):
                    school_year = f"{year}-{year + 1}"
                    rows.append(
                        [name, f"{year}-09", school_year, level, indicator, _vn(value), unit, "A"]
                    )
    header = [*STATISTICS_HEADER, "Năm học", "Cấp học", "Chỉ tiêu", *OBSERVATION]
    text = _csv(header, rows, delimiter=";", bom=True)
    return "truong-lop-giao-vien-hoc-sinh-2020-2025.csv", text


# Health facilities, hospital beds and doctors in 2024.
HEALTH_2024: dict[str, tuple[int, int, int]] = {
    PROVINCE: (142, 3_620, 935),
    "Phường Minh Hòa": (8, 1_850, 412),
    "Phường Long Châu": (4, 430, 97),
    "Xã Tân Phú": (2, 125, 33),
    "Xã An Bình": (1, 10, 5),
    "Xã Hòa Lợi": (1, 8, 4),
    "Xã Phú Mỹ": (2, 40, 9),
    "Xã Tân Thành": (1, 6, 3),
    "Xã Phú Hữu": (1, 6, 3),
}


def health_table() -> tuple[str, str]:
    """Health facilities, beds, doctors and doctors per 10,000 people, 2022-2024."""
    rng = _rng("health")
    population = _population()
    rows = []
    for name, (facilities, beds, doctors) in HEALTH_2024.items():
        for year in range(2022, 2025):
            back = 2024 - year
            n_facilities = facilities - (back if name == PROVINCE else 0)
            n_beds = round(beds * (1 - 0.02 * back) * rng.uniform(0.99, 1.01))
            n_doctors = max(1, round(doctors * (1 - 0.035 * back) * rng.uniform(0.98, 1.02)))
            ratio = n_doctors / population[name][year] * 10_000
            status = _status(year == 2024)
            rows += [
                [name, year, "Số cơ sở khám bệnh, chữa bệnh", n_facilities, "cơ sở", status],
                [name, year, "Số giường bệnh", n_beds, "giường", status],
                [name, year, "Số bác sĩ", n_doctors, "người", status],
                # the decimal comma makes the writer quote the cell, as Excel does
                [name, year, "Số bác sĩ trên 10.000 dân", _vn(ratio, 1), "bác sĩ", status],
            ]
    header = [*STATISTICS_HEADER, "Chỉ tiêu", *OBSERVATION]
    return "co-so-y-te-giuong-benh-bac-si-2022-2024.csv", _csv(header, rows)


# Rice area sown by season in 2024 (ha): winter-spring, summer-autumn, autumn-winter.
RICE_2024: dict[str, tuple[int, int, int]] = {
    PROVINCE: (31_450, 30_120, 16_840),
    "Phường Long Châu": (420, 390, 0),
    "Xã Tân Phú": (2_350, 2_280, 1_150),
    "Xã An Bình": (2_780, 2_700, 1_620),
    "Xã Hòa Lợi": (2_520, 2_450, 1_380),
    "Xã Phú Mỹ": (2_060, 1_990, 960),
    "Xã Tân Thành": (1_830, 1_790, 1_010),
    "Xã Phú Hữu": (1_690, 1_640, 870),
}
RICE_SEASONS = (("Đông xuân", 68.5), ("Hè thu", 57.2), ("Thu đông", 53.8))


def rice_table() -> tuple[str, str]:
    """Rice area, yield and production by season, 2023-2024 and winter-spring 2025."""
    rng = _rng("rice")
    rows = []
    for name, areas in RICE_2024.items():
        for year in (2023, 2024, 2025):
            for (season, yield_), area in zip(RICE_SEASONS, areas, strict=True):
                if not area or (year == 2025 and season != "Đông xuân"):
                    continue
                sown = round(
                    area * {2023: 1.012, 2024: 1.0, 2025: 0.994}[year] * rng.uniform(0.99, 1.01)
                )
                per_ha = round(yield_ * rng.uniform(0.96, 1.04), 1)
                status = _status(year == 2025)
                rows += [
                    [name, year, season, "Diện tích gieo trồng", sown, "ha", status],
                    [name, year, season, "Năng suất", _dec(per_ha), "tạ/ha", status],
                    [name, year, season, "Sản lượng", round(sown * per_ha / 10), "tấn", status],
                ]
    header = [*STATISTICS_HEADER, "Vụ lúa", "Chỉ tiêu", *OBSERVATION]
    return "dien-tich-nang-suat-san-luong-lua-2023-2025.csv", _csv(header, rows)


# Monthly seasonality of domestic and international arrivals (Tết in February).
TOURISM_SEASON = (
    (1.00, 1.30),
    (1.45, 1.45),
    (0.95, 1.20),
    (1.10, 0.95),
    (0.95, 0.70),
    (1.15, 0.65),
    (1.20, 0.70),
    (1.05, 0.75),
    (1.00, 0.80),
    (0.85, 0.95),
    (0.80, 1.15),
    (0.95, 1.40),
)


def tourism_table() -> tuple[str, str]:
    """Monthly domestic and international arrivals and tourism revenue, 2024."""
    rng = _rng("tourism")
    domestic_year, international_year = 2_450_000, 62_000
    rows = []
    for month, (domestic_w, international_w) in enumerate(TOURISM_SEASON, start=1):
        domestic = round(domestic_year / 12 * domestic_w * rng.uniform(0.96, 1.04))
        international = round(international_year / 12 * international_w * rng.uniform(0.94, 1.06))
        revenue = (domestic * 0.95 + international * 2.6) / 1000 * rng.uniform(0.97, 1.03)
        period = f"2024-{month:02d}"
        rows += [
            [PROVINCE, period, "Lượt khách nội địa", _vn(domestic), "lượt", "A"],
            [PROVINCE, period, "Lượt khách quốc tế", _vn(international), "lượt", "A"],
            [PROVINCE, period, "Doanh thu du lịch", _vn(revenue, 1), "tỷ đồng", "A"],
        ]
    header = [*STATISTICS_HEADER, "Chỉ tiêu", *OBSERVATION]
    return "khach-du-lich-theo-thang-2024.csv", _csv(header, rows, delimiter=";")


# Monitoring station, its commune and its yearly mean AQI; dry-season months score higher.
AIR_STATIONS = (
    ("Phường Minh Hòa", "Trạm quan trắc tự động Công viên Minh Hòa", 58.0),
    ("Phường Long Châu", "Trạm quan trắc tự động Khu công nghiệp Long Châu", 71.0),
    ("Xã Tân Phú", "Trạm quan trắc tự động Tân Phú", 44.0),
)
AIR_SEASON = (1.25, 1.3, 1.2, 1.1, 0.95, 0.85, 0.8, 0.8, 0.85, 0.9, 1.05, 1.2)
AIR_MISSING = ("Xã Tân Phú", "2024-08")  # the sensor was under repair for most of the month


def air_quality_table() -> tuple[str, str]:
    """Monthly AQI, PM2.5 and days with AQI above 100 at the automatic stations."""
    rng = _rng("air")
    months = [(y, m) for y in (2024, 2025) for m in range(1, 13) if (y, m) <= (2025, 6)]
    rows = []
    for area, station, mean in AIR_STATIONS:
        for year, month in months:
            period = f"{year}-{month:02d}"
            last = (year, month) == months[-1]
            indicators = (("AQI trung bình tháng", "chỉ số"), ("PM2,5 trung bình tháng", "µg/m³"))
            indicators += (("Số ngày AQI trên 100", "ngày"),)
            if (area, period) == AIR_MISSING:
                for indicator, unit in indicators:
                    rows.append([area, period, station, indicator, "", unit, "M"])
                continue
            aqi = mean * AIR_SEASON[month - 1] * rng.uniform(0.9, 1.1)
            pm25 = aqi * 0.38 * rng.uniform(0.93, 1.07)
            days = max(0, round((aqi - 62) / 3.5 + rng.uniform(-1.5, 1.5)))
            values = (_dec(aqi), _dec(pm25), days)
            for (indicator, unit), value in zip(indicators, values, strict=True):
                rows.append([area, period, station, indicator, value, unit, _status(last)])
    header = [*STATISTICS_HEADER, "Trạm quan trắc", "Chỉ tiêu", *OBSERVATION]
    return "chat-luong-khong-khi-theo-thang-2024-2025.csv", _csv(header, rows)


# Labour force aged 15+ (thousand people) and unemployment rate (%) in 2024, by sex and area.
LABOUR_2024: dict[tuple[str, str], tuple[float, float]] = {
    ("Nam", "Thành thị"): (78.4, 3.1),
    ("Nữ", "Thành thị"): (69.2, 3.4),
    ("Nam", "Nông thôn"): (208.6, 1.9),
    ("Nữ", "Nông thôn"): (176.3, 2.1),
}


def labour_table() -> tuple[str, str]:
    """Quarterly labour force and unemployment rate by sex and urban/rural, 2023-Q1 to 2025-Q2."""
    rng = _rng("labour")
    quarters = [(y, q) for y in (2023, 2024, 2025) for q in (1, 2, 3, 4) if (y, q) <= (2025, 2)]
    rows = []
    for year, quarter in quarters:
        trend = 1 + 0.011 * (year - 2024 + (quarter - 2.5) / 4)
        force: dict[tuple[str, str], float] = {}
        unemployed: dict[tuple[str, str], float] = {}
        for cell, (base, rate) in LABOUR_2024.items():
            force[cell] = round(base * trend * rng.uniform(0.99, 1.01), 1)
            seasonal = 1.12 if quarter == 1 else 0.96
            unemployed[cell] = force[cell] * rate / 100 * seasonal * rng.uniform(0.92, 1.08)
        period, last = f"{year}-Q{quarter}", (year, quarter) == quarters[-1]
        for sex in ("Tổng", "Nam", "Nữ"):
            for area in ("Tổng", "Thành thị", "Nông thôn"):
                cells = [c for c in force if sex in ("Tổng", c[0]) and area in ("Tổng", c[1])]
                total = round(sum(force[c] for c in cells), 1)
                rate = sum(unemployed[c] for c in cells) / total * 100
                status = _status(last)
                rows += [
                    [
                        PROVINCE,
                        period,
                        "Lực lượng lao động từ 15 tuổi trở lên",
                        sex,
                        area,
                        _dec(total),
                        "nghìn người",
                        status,
                    ],
                    [PROVINCE, period, "Tỷ lệ thất nghiệp", sex, area, _dec(rate, 2), "%", status],
                ]
    header = [*STATISTICS_HEADER, "Chỉ tiêu", "Giới tính", "Khu vực", *OBSERVATION]
    return "luc-luong-lao-dong-that-nghiep-theo-quy.csv", _csv(header, rows)


# --- budget disclosure (Thông tư 343/2016/TT-BTC) ---------------------------------------
# Amounts are computed in millions of đồng (the unit of the printed forms) and written in
# đồng. Line codes are the form's numbers qualified by their sections (``B.I.2.3`` is line
# 2.3 of section I of part B), so that they are unique within a form.

MILLION = 1_000_000
LETTERS = "ABCDEGHIK"  # Vietnamese forms letter their parts without F and J
ROMANS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")

# Recurrent spending by function: key, item, code and name of the function (loại) in the
# state budget classification.
RECURRENT: tuple[tuple[str, str, str, str], ...] = (
    ("qp", "Chi quốc phòng", "010", "Quốc phòng"),
    ("an", "Chi an ninh và trật tự an toàn xã hội", "040", "An ninh và trật tự an toàn xã hội"),
    (
        "gd",
        "Chi sự nghiệp giáo dục - đào tạo và dạy nghề",
        "070",
        "Giáo dục - đào tạo và dạy nghề",
    ),
    ("kh", "Chi sự nghiệp khoa học và công nghệ", "100", "Khoa học và công nghệ"),
    ("yt", "Chi sự nghiệp y tế, dân số và gia đình", "130", "Y tế, dân số và gia đình"),
    ("vh", "Chi sự nghiệp văn hóa thông tin", "160", "Văn hóa thông tin"),
    (
        "ptth",
        "Chi sự nghiệp phát thanh, truyền hình, thông tấn",
        "190",
        "Phát thanh, truyền hình, thông tấn",
    ),
    ("tdtt", "Chi sự nghiệp thể dục thể thao", "220", "Thể dục thể thao"),
    ("mt", "Chi sự nghiệp bảo vệ môi trường", "250", "Bảo vệ môi trường"),
    ("kt", "Chi các hoạt động kinh tế", "280", "Các hoạt động kinh tế"),
    (
        "ql",
        "Chi hoạt động của cơ quan quản lý nhà nước, đảng, đoàn thể",
        "340",
        "Hoạt động của các cơ quan quản lý nhà nước, tổ chức chính trị và đoàn thể",
    ),
    ("bdxh", "Chi bảo đảm xã hội", "370", "Bảo đảm xã hội"),
    ("khac", "Chi thường xuyên khác", "", ""),
)
FUNCTIONS = {key: (code, name) for key, _, code, name in RECURRENT if code}
COMMUNE_RECURRENT = ("qp", "an", "gd", "yt", "vh", "tdtt", "mt", "kt", "ql", "bdxh", "khac")

# The 2025 estimate of the province, millions of đồng; other years derive from it.
REVENUE_2025 = {
    "dnnn_tw": 210_000,
    "dnnn_dp": 95_000,
    "fdi": 310_000,
    "nqd": 1_150_000,
    "tncn": 420_000,
    "bvmt": 380_000,
    "ltb": 260_000,
    "phi": 145_000,
    "sdd_pnn": 12_000,
    "tsdd": 1_450_000,
    "thue_dat": 135_000,
    "xskt": 620_000,
    "khoang_san": 18_000,
    "thu_khac": 95_000,
    "xnk": 260_000,
}
SPENDING_2025 = {
    "dt_cd": 440_000,
    "dt_sdd": 1_305_000,
    "dt_xs": 620_000,
    "dtpt_dn": 15_000,
    "dtpt_khac": 8_000,
    "qp": 118_000,
    "an": 72_000,
    "gd": 2_410_000,
    "kh": 38_000,
    "yt": 520_000,
    "vh": 76_000,
    "ptth": 32_000,
    "tdtt": 41_000,
    "mt": 96_000,
    "kt": 580_000,
    "ql": 1_420_000,
    "bdxh": 410_000,
    "khac": 57_000,
    "dp": 195_000,
    "cctl": 290_000,
}
TARGETED_2025 = {"ntm": 210_000, "gn": 95_000, "dtts": 80_000, "ctmt_nv": 735_000}
TRANSFERS = {
    2024: (3_850_000, 1_050_000),
    2025: (3_980_000, 1_120_000),
    2026: (4_120_000, 1_180_000),
}
DEFICIT = {2024: 28_000, 2025: 33_000, 2026: 41_000}
REPAYMENT = {2024: 10_000, 2025: 12_000, 2026: 14_000}
# Share of each line spent by the provincial tier itself (form 50).
PROVINCIAL_SHARE = {
    "dtpt": 0.62,
    "qp": 0.35,
    "an": 0.45,
    "gd": 0.28,
    "kh": 0.85,
    "yt": 0.72,
    "vh": 0.55,
    "ptth": 0.9,
    "tdtt": 0.6,
    "mt": 0.35,
    "kt": 0.55,
    "ql": 0.33,
    "bdxh": 0.3,
    "khac": 0.5,
    "lai": 1.0,
    "dtqd": 1.0,
    "dp": 0.5,
    "cctl": 0.6,
}

NOIDIA = (
    "rev_dnnn",
    "fdi",
    "nqd",
    "tncn",
    "bvmt",
    "ltb",
    "phi",
    "sdd_pnn",
    "tsdd",
    "thue_dat",
    "xskt",
    "khoang_san",
    "thu_khac",
)
INVESTMENT = ("dt_cd", "dt_sdd", "dt_xs", "dt_vay", "dtpt_dn", "dtpt_khac")
GROUPS: dict[str, tuple[str, ...]] = {
    "rev_nsnn": ("rev_noidia", "xnk"),
    "rev_noidia": NOIDIA,
    "rev_dnnn": ("dnnn_tw", "dnnn_dp"),
    "bs": ("bs_cd", "bs_mt"),
    "nguon_thu": ("nsdp_huong", "bs", "ket_du", "cn_vao"),
    "dtpt": INVESTMENT,
    "tx": tuple(key for key, *_ in RECURRENT),
    "chi_cd": ("dtpt", "tx", "lai", "dtqd", "dp", "cctl"),
    "ctmtqg": ("ntm", "gn", "dtts"),
    "chi_mt": ("ctmtqg", "ctmt_nv"),
    "chi_nsdp": ("chi_cd", "chi_mt", "cn_ra"),
    "tra_no_goc": ("tng_vay", "tng_khac"),
    "vay": ("vay_bc", "vay_tng"),
    "p_tx": tuple(f"p_{key}" for key, *_ in RECURRENT),
    "p_b": ("p_dtpt", "p_tx", "p_lai", "p_dtqd", "p_dp", "p_cctl"),
    # commune budgets
    "x_thu": ("x_100", "x_pc", "x_bs"),
    "x_100": ("x_phi", "x_congich", "x_thu_khac"),
    "x_pc": ("x_pnn", "x_ltb", "x_hkd", "x_sdd"),
    "x_bs": ("x_bscd", "x_bsmt"),
    "x_chi": ("x_dtpt", "x_tx", "x_dp"),
    "x_tx": tuple(f"x_{key}" for key in COMMUNE_RECURRENT),
}


@cache
def _leaves(name: str) -> tuple[str, ...]:
    if name not in GROUPS:
        return (name,)
    return tuple(leaf for part in GROUPS[name] for leaf in _leaves(part))


def _value(name: str, values: Mapping[str, int]) -> int:
    return sum(values.get(leaf, 0) for leaf in _leaves(name))


def _round(value: float, unit: int) -> int:
    return round(value / unit) * unit


def _fit(values: dict[str, int], keys: Sequence[str], total: int, unit: int) -> None:
    """Scale ``values[keys]`` to add up to ``total`` exactly; the largest absorbs rounding."""
    current = sum(values[k] for k in keys)
    for k in keys:
        values[k] = _round(values[k] * total / current, unit)
    largest = max(keys, key=lambda k: values[k])
    values[largest] += total - sum(values[k] for k in keys)


def _spending_keys(values: Mapping[str, int]) -> list[str]:
    return [k for k in SPENDING_2025 if values.get(k)]


def _estimate(rng: random.Random, year: int, level: float) -> dict[str, int]:
    """An approved annual estimate: revenue by source, spending balanced with the deficit."""
    v = {
        k: _round(base * level * rng.uniform(0.96, 1.04), 1000) for k, base in REVENUE_2025.items()
    }
    v["nsdp_huong"] = _round(_value("rev_noidia", v) * 0.93, 1000)
    v["bs_cd"], v["bs_mt"] = TRANSFERS[year]
    v.update(TARGETED_2025)
    _fit(v, list(TARGETED_2025), v["bs_mt"], 1000)
    v.update(
        {k: round(base * level * rng.uniform(0.97, 1.03)) for k, base in SPENDING_2025.items()}
    )
    v.update(lai=4_000, dtqd=1_000, dt_vay=DEFICIT[year])
    fixed = v["bs_mt"] + v["lai"] + v["dtqd"] + v["dt_vay"]
    _fit(v, _spending_keys(v), _value("nguon_thu", v) + DEFICIT[year] - fixed, 1000)
    v.update(boi_chi=DEFICIT[year], vay_bc=DEFICIT[year])
    v.update(tng_vay=REPAYMENT[year], vay_tng=REPAYMENT[year])
    return v


def _executed(rng: random.Random, estimate: Mapping[str, int], unit: int) -> dict[str, int]:
    """The year as executed: revenue above or below the estimate, the reserve spent."""
    v = dict(estimate)
    for k in REVENUE_2025:
        perf = {"tsdd": 0.86, "xskt": 1.09}.get(k, 1.08)
        v[k] = _round(estimate[k] * perf * rng.uniform(0.95, 1.07), unit)
    v["nsdp_huong"] = _round(_value("rev_noidia", v) * 0.93, unit)
    v["bs_mt"] = _round(estimate["bs_mt"] * rng.uniform(1.04, 1.09), unit)
    _fit(v, list(TARGETED_2025), v["bs_mt"], unit)
    v.update(dp=0, cctl=0)
    fixed = v["bs_mt"] + v["lai"] + v["dtqd"] + v["dt_vay"]
    deficit = v["boi_chi"]
    _fit(v, _spending_keys(v), _value("nguon_thu", v) + deficit - fixed, unit)
    return v


def _final(rng: random.Random, executed: Mapping[str, int]) -> dict[str, int]:
    """Final accounts: to the million, with carry-overs in and out and the year's surplus."""
    v = {k: round(executed[k] * rng.uniform(0.99, 1.015)) for k in REVENUE_2025}
    v["nsdp_huong"] = round(_value("rev_noidia", v) * 0.9297)
    v["bs_cd"] = executed["bs_cd"]
    v["bs_mt"] = executed["bs_mt"] + 4_317
    v.update(ket_du=186_420, cn_vao=1_425_316, cn_ra=1_598_742)
    v.update({k: executed[k] for k in TARGETED_2025})
    _fit(v, list(TARGETED_2025), round(v["bs_mt"] * 0.955), 1)  # the rest is carried over
    v.update({k: round(executed[k] * rng.uniform(0.97, 1.02)) for k in _spending_keys(executed)})
    v.update(lai=3_182, dtqd=1_000, dt_vay=24_870, tng_vay=10_000, vay_bc=24_870, vay_tng=10_000)
    surplus = 212_385
    fixed = _value("chi_mt", v) + v["cn_ra"] + v["lai"] + v["dtqd"] + v["dt_vay"]
    _fit(v, _spending_keys(v), _value("nguon_thu", v) - surplus - fixed, 1)
    v["ket_du_nam"] = _value("nguon_thu", v) - _value("chi_nsdp", v)
    return v


def _nine_months(rng: random.Random, estimate: Mapping[str, int]) -> dict[str, int]:
    """2025 execution to the end of September, matching the demo's quarter III CSV file."""
    v = {}
    for k in REVENUE_2025:
        share = {"tsdd": 0.55, "xskt": 0.77}.get(k, 0.73)
        v[k] = round(estimate[k] * share * rng.uniform(0.92, 1.08))
    _fit(v, _leaves("rev_noidia"), 3_890_000, 1)
    v["xnk"] = 235_000
    v["nsdp_huong"] = round(_value("rev_noidia", v) * 0.93)
    for k in (*SPENDING_2025, *TARGETED_2025, "lai", "dt_vay"):
        share = 0.5 if k in INVESTMENT else 0.45 if k in TARGETED_2025 else 0.72
        share = {"dp": 0.35, "cctl": 0.0}.get(k, share)
        v[k] = round(estimate[k] * share * rng.uniform(0.94, 1.06))
    v["dtqd"] = estimate["dtqd"]
    _fit(v, [k for k in _leaves("chi_nsdp") if v.get(k)], 6_210_000, 1)
    return v


def _quarters(rng: random.Random, nine: Mapping[str, int]) -> list[dict[str, int]]:
    """Split nine months into quarters I, II and III, line by line."""
    q1, q2, q3 = {}, {}, {}
    for k, total in nine.items():
        first, second = 0.29 + rng.uniform(-0.03, 0.03), 0.34 + rng.uniform(-0.03, 0.03)
        q1[k], q2[k] = round(total * first), round(total * second)
        q3[k] = total - q1[k] - q2[k]
    return [q1, q2, q3]


def _provincial(estimate: Mapping[str, int]) -> dict[str, int]:
    """The provincial tier's own spending by function and its transfer to lower tiers."""
    v = {}
    for key, share in PROVINCIAL_SHARE.items():
        v[f"p_{key}"] = _round(_value(key, estimate) * share, 1000)
    lower = _value("chi_cd", estimate) - _value("p_b", v)
    v["bs_duoi"] = _round(lower - 0.18 * estimate["nsdp_huong"], 1000)
    return v


@dataclass(frozen=True)
class _Line:
    item: str
    name: str
    children: tuple[_Line, ...] = ()
    function: tuple[str, str] | None = None


def _line(item: str, name: str, *children: _Line) -> _Line:
    key = name.removeprefix("p_").removeprefix("x_")
    return _Line(item, name, children, FUNCTIONS.get(key) if name not in GROUPS else None)


@dataclass(frozen=True)
class _Column:
    """One column of a printed form: a year, period and phase, and the values behind it."""

    year: int
    period: str
    phase: str
    values: Mapping[str, int]
    note: str = ""


def _revenue_tree() -> list[tuple[str, _Line]]:
    def line(key: str, item: str) -> _Line:
        return _line(item, key)

    domestic = _line(
        "Thu nội địa",
        "rev_noidia",
        _line(
            "Thu từ khu vực doanh nghiệp nhà nước",
            "rev_dnnn",
            line("dnnn_tw", "Thu từ doanh nghiệp nhà nước do trung ương quản lý"),
            line("dnnn_dp", "Thu từ doanh nghiệp nhà nước do địa phương quản lý"),
        ),
        line("fdi", "Thu từ khu vực doanh nghiệp có vốn đầu tư nước ngoài"),
        line("nqd", "Thu từ khu vực kinh tế ngoài quốc doanh"),
        line("tncn", "Thuế thu nhập cá nhân"),
        line("bvmt", "Thuế bảo vệ môi trường"),
        line("ltb", "Lệ phí trước bạ"),
        line("phi", "Thu phí, lệ phí"),
        line("sdd_pnn", "Thuế sử dụng đất phi nông nghiệp"),
        line("tsdd", "Thu tiền sử dụng đất"),
        line("thue_dat", "Thu tiền cho thuê đất, thuê mặt nước"),
        line("xskt", "Thu từ hoạt động xổ số kiến thiết"),
        line("khoang_san", "Thu tiền cấp quyền khai thác khoáng sản"),
        line("thu_khac", "Thu khác ngân sách"),
    )
    total = _line(
        "Tổng thu ngân sách nhà nước trên địa bàn",
        "rev_nsnn",
        domestic,
        _line("Thu từ hoạt động xuất khẩu, nhập khẩu", "xnk"),
    )
    local = _line("Thu ngân sách địa phương được hưởng theo phân cấp", "nsdp_huong")
    return [("revenue", total), ("revenue", local)]


def _recurrent_lines(prefix: str = "", keys: Iterable[str] | None = None) -> list[_Line]:
    chosen = set(keys) if keys is not None else None
    return [
        _line(item, prefix + key) for key, item, *_ in RECURRENT if chosen is None or key in chosen
    ]


def _spending_tree() -> list[tuple[str, _Line]]:
    investment = _line(
        "Chi đầu tư phát triển",
        "dtpt",
        _line("Chi đầu tư từ nguồn vốn cân đối ngân sách địa phương", "dt_cd"),
        _line("Chi đầu tư từ nguồn thu tiền sử dụng đất", "dt_sdd"),
        _line("Chi đầu tư từ nguồn thu xổ số kiến thiết", "dt_xs"),
        _line("Chi đầu tư từ nguồn bội chi ngân sách địa phương (vốn vay lại)", "dt_vay"),
        _line(
            "Chi đầu tư và hỗ trợ vốn cho các doanh nghiệp cung cấp sản phẩm, dịch vụ công ích",
            "dtpt_dn",
        ),
        _line("Chi đầu tư phát triển khác", "dtpt_khac"),
    )
    balanced = _line(
        "Chi cân đối ngân sách địa phương",
        "chi_cd",
        investment,
        _line("Chi thường xuyên", "tx", *_recurrent_lines()),
        *_small_lines(),
    )
    targeted = _targeted_line(detailed=True)
    carried = _line("Chi chuyển nguồn sang năm sau", "cn_ra")
    return [
        (
            "expenditure",
            _line("Tổng chi ngân sách địa phương", "chi_nsdp", balanced, targeted, carried),
        )
    ]


def _small_lines(prefix: str = "") -> list[_Line]:
    return [
        _line("Chi trả nợ lãi các khoản do chính quyền địa phương vay", prefix + "lai"),
        _line("Chi bổ sung quỹ dự trữ tài chính", prefix + "dtqd"),
        _line("Dự phòng ngân sách", prefix + "dp"),
        _line("Chi tạo nguồn, điều chỉnh tiền lương", prefix + "cctl"),
    ]


def _targeted_line(detailed: bool) -> _Line:
    programmes = (
        _line("Chương trình mục tiêu quốc gia xây dựng nông thôn mới", "ntm"),
        _line("Chương trình mục tiêu quốc gia giảm nghèo bền vững", "gn"),
        _line(
            "Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc "
            "thiểu số và miền núi",
            "dtts",
        ),
    )
    return _line(
        "Chi các chương trình mục tiêu",
        "chi_mt",
        _line(
            "Chi các chương trình mục tiêu quốc gia", "ctmtqg", *(programmes if detailed else ())
        ),
        _line("Chi các chương trình mục tiêu, nhiệm vụ", "ctmt_nv"),
    )


def _balance_tree() -> list[tuple[str, _Line]]:
    sources = _line(
        "Tổng nguồn thu ngân sách địa phương",
        "nguon_thu",
        _line("Thu ngân sách địa phương được hưởng theo phân cấp", "nsdp_huong"),
        _line(
            "Thu bổ sung từ ngân sách cấp trên",
            "bs",
            _line("Thu bổ sung cân đối ngân sách", "bs_cd"),
            _line("Thu bổ sung có mục tiêu", "bs_mt"),
        ),
        _line("Thu kết dư ngân sách năm trước", "ket_du"),
        _line("Thu chuyển nguồn từ năm trước chuyển sang", "cn_vao"),
    )
    spending = _line(
        "Tổng chi ngân sách địa phương",
        "chi_nsdp",
        _line(
            "Tổng chi cân đối ngân sách địa phương",
            "chi_cd",
            _line("Chi đầu tư phát triển", "dtpt"),
            _line("Chi thường xuyên", "tx"),
            *_small_lines(),
        ),
        _targeted_line(detailed=False),
        _line("Chi chuyển nguồn sang năm sau", "cn_ra"),
    )
    repayment = _line(
        "Chi trả nợ gốc của ngân sách địa phương",
        "tra_no_goc",
        _line("Từ nguồn vay để trả nợ gốc", "tng_vay"),
        _line("Từ nguồn bội thu, tăng thu, tiết kiệm chi, kết dư ngân sách cấp tỉnh", "tng_khac"),
    )
    borrowing = _line(
        "Tổng mức vay của ngân sách địa phương",
        "vay",
        _line("Vay để bù đắp bội chi", "vay_bc"),
        _line("Vay để trả nợ gốc", "vay_tng"),
    )
    return [
        ("revenue", sources),
        ("expenditure", spending),
        ("balance", _line("Bội chi ngân sách địa phương", "boi_chi")),
        ("balance", _line("Kết dư ngân sách địa phương", "ket_du_nam")),
        ("balance", repayment),
        ("balance", borrowing),
    ]


def _provincial_tree() -> list[tuple[str, _Line]]:
    by_function = _line(
        "Chi ngân sách cấp tỉnh theo lĩnh vực",
        "p_b",
        _line("Chi đầu tư phát triển", "p_dtpt"),
        _line("Chi thường xuyên", "p_tx", *_recurrent_lines("p_")),
        *_small_lines("p_"),
    )
    transfer = _line("Chi bổ sung cân đối cho ngân sách cấp dưới", "bs_duoi")
    return [("expenditure", transfer), ("expenditure", by_function)]


def _commune_trees(unit: str) -> list[tuple[str, _Line]]:
    revenue = _line(
        f"Tổng thu ngân sách {unit}",
        "x_thu",
        _line(
            f"Các khoản thu ngân sách {unit} hưởng 100%",
            "x_100",
            _line("Thu phí, lệ phí", "x_phi"),
            _line("Thu từ quỹ đất công ích và hoa lợi công sản", "x_congich"),
            _line("Thu khác", "x_thu_khac"),
        ),
        _line(
            "Các khoản thu phân chia theo tỷ lệ phần trăm",
            "x_pc",
            _line("Thuế sử dụng đất phi nông nghiệp", "x_pnn"),
            _line("Lệ phí trước bạ nhà, đất", "x_ltb"),
            _line("Thuế giá trị gia tăng, thuế thu nhập cá nhân của hộ kinh doanh", "x_hkd"),
            _line("Thu tiền sử dụng đất", "x_sdd"),
        ),
        _line(
            "Thu bổ sung từ ngân sách cấp tỉnh",
            "x_bs",
            _line("Thu bổ sung cân đối ngân sách", "x_bscd"),
            _line("Thu bổ sung có mục tiêu", "x_bsmt"),
        ),
    )
    spending = _line(
        f"Tổng chi ngân sách {unit}",
        "x_chi",
        _line("Chi đầu tư phát triển", "x_dtpt"),
        _line("Chi thường xuyên", "x_tx", *_recurrent_lines("x_", COMMUNE_RECURRENT)),
        _line("Dự phòng ngân sách", "x_dp"),
    )
    return [("revenue", revenue), ("expenditure", spending)]


def _number(
    roots: Sequence[tuple[str, _Line]], columns: Sequence[_Column]
) -> list[tuple[str, str, _Line]]:
    """(line code, direction, line) in form order, leaving out lines empty in every column."""
    numbered: list[tuple[str, str, _Line]] = []

    def present(line: _Line) -> bool:
        return any(_value(line.name, c.values) for c in columns)

    def walk(line: _Line, path: list[str], direction: str) -> None:
        numbered.append((".".join(path), direction, line))
        kids = [kid for kid in line.children if present(kid)]
        for i, kid in enumerate(kids):
            mark = ROMANS[i] if len(path) == 1 else str(i + 1)
            walk(kid, [*path, mark], direction)

    roots = [(d, line) for d, line in roots if present(line)]
    for i, (direction, line) in enumerate(roots):
        walk(line, [LETTERS[i]], direction)
    return numbered


BUDGET_HEADER = (
    "FORM",
    "FISCAL_YEAR",
    "PERIOD",
    "PHASE",
    "DIRECTION",
    "LINE_CODE",
    "ITEM",
    "ADMIN_CODE",
    "ADMIN_NAME",
    "FUNCTION_CODE",
    "FUNCTION_NAME",
    "AMOUNT",
    "NOTE",
)


@dataclass(frozen=True)
class _Style:
    """How an office writes its file: plain codes and numbers, or the Vietnamese way."""

    vietnamese: bool = False
    admin: tuple[str, str] = ("", "")

    def code(self, content_type: str, field: str, code: str) -> str:
        return _labels(content_type, field)[code] if self.vietnamese else code

    def amount(self, value: int) -> str:
        return _vn(value) if self.vietnamese else str(value)


@cache
def _labels(content_type: str, field: str) -> dict[str, str]:
    """Vietnamese labels of a field's codes, from the schema (the import reads them back)."""
    schema = schema_for_content_type(content_type)
    assert schema is not None
    spec = schema.field(field)
    assert spec is not None
    return {c.code: c.vi for c in spec.codes}


def _form_rows(
    form: int,
    roots: Sequence[tuple[str, _Line]],
    columns: Sequence[_Column],
    style: _Style,
) -> list[list[str]]:
    numbered = _number(roots, columns)
    rows = []
    for column in columns:
        for i, (code, direction, line) in enumerate(numbered):
            amount = _value(line.name, column.values)
            if not amount:
                continue
            function_code, function_name = line.function or ("", "")
            rows.append(
                [
                    f"{form}/CK-NSNN",
                    str(column.year),
                    style.code("budget", "PERIOD", column.period),
                    style.code("budget", "PHASE", column.phase),
                    style.code("budget", "DIRECTION", direction),
                    code,
                    line.item,
                    *style.admin,
                    function_code,
                    function_name,
                    style.amount(amount * MILLION),
                    column.note if i == 0 else "",
                ]
            )
    return rows


@cache
def _province_budget() -> dict[str, dict[str, int]]:
    rng = _rng("budget")
    est24 = _estimate(rng, 2024, 0.93)
    exe24 = _executed(rng, est24, 1000)
    fin24 = _final(rng, exe24)
    est25 = _estimate(rng, 2025, 1.0)
    exe25 = _executed(rng, est25, 1000)
    est26 = _estimate(rng, 2026, 1.08)
    nine = _nine_months(rng, est25)
    q1, q2, q3 = _quarters(rng, nine)
    h1 = {k: q1[k] + q2[k] for k in q1}
    return {
        "est24": est24,
        "exe24": exe24,
        "fin24": fin24,
        "est25": est25,
        "exe25": exe25,
        "est26": est26,
        "prov25": _provincial(est25),
        "q1": q1,
        "q2": q2,
        "h1": h1,
        "q3": q3,
    }


def budget_estimate_2025() -> tuple[str, str]:
    """Forms 46, 48, 49 and 50 of the 2025 estimate, with 2024 for comparison."""
    b = _province_budget()
    style = _Style()
    pair = [_Column(2024, "Y", "executed", b["exe24"]), _Column(2025, "Y", "estimate", b["est25"])]
    rows = _form_rows(
        46, _balance_tree(), [_Column(2024, "Y", "estimate", b["est24"]), *pair], style
    )
    rows += _form_rows(48, _revenue_tree(), pair, style)
    rows += _form_rows(49, _spending_tree(), pair, style)
    rows += _form_rows(50, _provincial_tree(), [_Column(2025, "Y", "estimate", b["prov25"])], style)
    return "cong-khai-du-toan-ngan-sach-2025.csv", _csv(BUDGET_HEADER, rows)


def budget_quarters_2025() -> tuple[str, str]:
    """Forms 59 (revenue) and 60 (spending): the 2025 estimate and quarters I-III."""
    b = _province_budget()
    style = _Style(vietnamese=True)
    note = "Số thực hiện trong kỳ, không lũy kế"
    columns = [
        _Column(2025, "Y", "estimate", b["est25"]),
        _Column(2025, "Q1", "executed", b["q1"], note),
        _Column(2025, "Q2", "executed", b["q2"], note),
        _Column(2025, "H1", "executed", b["h1"], "Lũy kế sáu tháng đầu năm"),
        _Column(2025, "Q3", "executed", b["q3"], note),
    ]
    rows = _form_rows(59, _revenue_tree(), columns, style)
    rows += _form_rows(60, _spending_tree(), columns, style)
    text = _csv(BUDGET_HEADER, rows, delimiter=";")
    return "thuc-hien-thu-chi-ngan-sach-quy-2025.csv", text


def budget_final_2024() -> tuple[str, str]:
    """Forms 62, 63 and 64 of the 2024 final accounts against the 2024 estimate."""
    b = _province_budget()
    style = _Style()
    columns = [_Column(2024, "Y", "estimate", b["est24"]), _Column(2024, "Y", "final", b["fin24"])]
    rows = _form_rows(62, _balance_tree(), columns, style)
    rows += _form_rows(63, _revenue_tree(), columns, style)
    rows += _form_rows(64, _spending_tree(), columns, style)
    return "cong-khai-quyet-toan-ngan-sach-2024.csv", _csv(BUDGET_HEADER, rows)


def budget_estimate_2026() -> tuple[str, str]:
    """Forms 46, 48 and 49 of the draft 2026 estimate, with the 2025 execution."""
    b = _province_budget()
    style = _Style(vietnamese=True)
    columns = [
        _Column(2025, "Y", "executed", b["exe25"]),
        _Column(2026, "Y", "estimate", b["est26"]),
    ]
    rows = _form_rows(46, _balance_tree(), columns, style)
    rows += _form_rows(48, _revenue_tree(), columns, style)
    rows += _form_rows(49, _spending_tree(), columns, style)
    title = "Công khai dự toán ngân sách địa phương năm 2026 (dự thảo, đơn vị: đồng)"
    text = _csv(BUDGET_HEADER, rows, delimiter=";", title=title)
    return "du-thao-du-toan-ngan-sach-2026.csv", text


COMMUNE_REVENUE = {
    "x_phi": 1_850,
    "x_congich": 620,
    "x_thu_khac": 480,
    "x_pnn": 380,
    "x_ltb": 2_150,
    "x_hkd": 3_400,
    "x_sdd": 8_500,
    "x_bscd": 38_600,
    "x_bsmt": 6_200,
}
COMMUNE_SPENDING = {
    "x_dtpt": 12_500,
    "x_qp": 1_450,
    "x_an": 1_280,
    "x_gd": 21_500,
    "x_yt": 1_900,
    "x_vh": 820,
    "x_tdtt": 460,
    "x_mt": 1_350,
    "x_kt": 3_800,
    "x_ql": 14_200,
    "x_bdxh": 2_150,
    "x_khac": 470,
    "x_dp": 1_200,
}


def _commune_estimate(rng: random.Random, scale: float, urban: bool) -> dict[str, int]:
    v = {}
    for k, base in COMMUNE_REVENUE.items():
        factor = {"x_congich": 0.0, "x_hkd": 2.2, "x_sdd": 1.8, "x_ltb": 2.0}.get(k, 1.0)
        factor = factor if urban else 1.0
        v[k] = _round(base * scale * factor * rng.uniform(0.9, 1.1), 10)
    v.update(
        {k: round(base * scale * rng.uniform(0.9, 1.1)) for k, base in COMMUNE_SPENDING.items()}
    )
    _fit(v, list(COMMUNE_SPENDING), _value("x_thu", v), 10)  # a commune budget balances
    return v


def _commune_quarter(
    rng: random.Random, estimate: Mapping[str, int], share: float
) -> dict[str, int]:
    v = {k: round(value * share * rng.uniform(0.8, 1.2)) for k, value in estimate.items()}
    v["x_bscd"] = round(estimate["x_bscd"] / 4)
    v["x_dp"] = 0
    return v


def budget_tan_phu_2025() -> tuple[str, str]:
    """Commune forms 63 (revenue) and 64 (spending) of Xã Tân Phú, 2025 estimate."""
    rng = _rng("budget-tan-phu")
    style = _Style(vietnamese=True, admin=("000.20.03.H49", "Ủy ban nhân dân xã Tân Phú"))
    columns = [_Column(2025, "Y", "estimate", _commune_estimate(rng, 1.0, urban=False))]
    revenue, spending = _commune_trees("xã")
    rows = _form_rows(63, [revenue], columns, style)
    rows += _form_rows(64, [spending], columns, style)
    return "du-toan-ngan-sach-xa-tan-phu-2025.csv", _csv(BUDGET_HEADER, rows, delimiter=";")


def budget_long_chau_2025() -> tuple[str, str]:
    """Ward forms 63 and 64 of Phường Long Châu: 2025 estimate, quarters I and II."""
    rng = _rng("budget-long-chau")
    style = _Style(vietnamese=True, admin=("000.20.02.H49", "Ủy ban nhân dân phường Long Châu"))
    estimate = _commune_estimate(rng, 1.15, urban=True)
    columns = [
        _Column(2025, "Y", "estimate", estimate),
        _Column(2025, "Q1", "executed", _commune_quarter(rng, estimate, 0.22)),
        _Column(2025, "Q2", "executed", _commune_quarter(rng, estimate, 0.26)),
    ]
    revenue, spending = _commune_trees("phường")
    rows = _form_rows(63, [revenue], columns, style)
    rows += _form_rows(64, [spending], columns, style)
    return "ngan-sach-phuong-long-chau-2025.csv", _csv(BUDGET_HEADER, rows, delimiter=";")


# --- projects -------------------------------------------------------------------------

PROJECT_HEADER = (
    "CODE",
    "NAME",
    "OBJECTIVE",
    "SECTOR",
    "PROJECT_TYPE",
    "LOCATION",
    "INVESTOR",
    "OWNER_ORG",
    "START_YEAR",
    "END_YEAR",
    "BUDGET",
    "FUNDING_TYPE",
    "DONOR",
    "STATUS",
)
BQL_GT = "Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh Minh Hòa"
BQL_DD = "Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và công nghiệp tỉnh Minh Hòa"
BQL_NN = (
    "Ban Quản lý dự án đầu tư xây dựng các công trình nông nghiệp và phát triển nông thôn "
    "tỉnh Minh Hòa"
)
BQL_ODA = "Ban Quản lý các dự án ODA tỉnh Minh Hòa"
TT_CDS = "Trung tâm Chuyển đổi số tỉnh Minh Hòa"
SXD, SYT, SGD = "Sở Xây dựng", "Sở Y tế", "Sở Giáo dục và Đào tạo"
SNN, SVH, SKH = (
    "Sở Nông nghiệp và Môi trường",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Khoa học và Công nghệ",
)
VP = "Văn phòng Ủy ban nhân dân tỉnh"


@dataclass(frozen=True)
class _Project:
    code: str
    name: str
    objective: str
    sector: str
    kind: str
    location: str
    investor: str
    owner: str
    budget: tuple[float, float]  # tỷ đồng: a range to draw from, or (x, x) for a fixed amount
    status: str
    funding: str = "state_budget"
    donor: str = ""
    years: tuple[int, int] | None = None


def _years(rng: random.Random, status: str, earliest: int) -> tuple[int, int]:
    now = REFERENCE_YEAR
    if status == "completed":
        end = rng.randint(max(earliest + 1, now - 4), now - 1)
        return rng.randint(max(earliest, end - 3), end - 1), end
    if status == "in_progress":
        start = rng.randint(max(earliest, now - 4), now)
        return start, max(start + 1, rng.randint(now, now + 2))
    start = rng.randint(now + 1, now + 2)
    return start, start + rng.randint(1, 3)


def _project_rows(
    name: str, projects: Sequence[_Project], *, vietnamese: bool, earliest: int = 2021
) -> list[list[object]]:
    rng = _rng(name)

    def shown(field: str, code: str) -> str:
        return _labels("project", field)[code] if vietnamese else code

    rows: list[list[object]] = []
    for p in projects:
        start, end = p.years or _years(rng, p.status, earliest)
        low, high = p.budget
        budget = round(rng.uniform(low, high) * 1000) * MILLION if low != high else round(low * 1e9)
        rows.append(
            [
                p.code,
                p.name,
                p.objective,
                shown("SECTOR", p.sector),
                shown("PROJECT_TYPE", p.kind),
                p.location,
                p.investor,
                p.owner,
                start,
                end,
                _vn(budget) if vietnamese else budget,
                shown("FUNDING_TYPE", p.funding),
                p.donor,
                shown("STATUS", p.status),
            ]
        )
    return rows


MEDIUM_TERM: tuple[_Project, ...] = (
    _Project(
        "DA-001",
        "Đường liên xã Tân Phú - An Bình",
        "Nâng cấp tuyến đường liên xã dài 9,6 km thành đường cấp IV đồng bằng, kết nối vùng "
        "nguyên liệu lúa với đường tỉnh.",
        "transport",
        "rehabilitation",
        "Xã Tân Phú, xã An Bình",
        BQL_GT,
        SXD,
        (185, 185),
        "in_progress",
        years=(2022, 2025),
    ),
    _Project(
        "DA-002",
        "Trường THCS Hòa Lợi",
        "Xây mới 18 phòng học, phòng bộ môn và nhà đa năng, đạt chuẩn quốc gia mức độ 1.",
        "education",
        "construction",
        "Xã Hòa Lợi",
        BQL_DD,
        SGD,
        (42, 42),
        "completed",
        years=(2021, 2023),
    ),
    _Project(
        "DA-003",
        "Kè chống sạt lở sông Long Châu",
        "Xây dựng 2,4 km kè bờ sông bảo vệ khoảng 600 hộ dân và tuyến đường ven sông.",
        "agriculture",
        "construction",
        "Phường Long Châu",
        BQL_NN,
        SNN,
        (96, 96),
        "in_progress",
        years=(2024, 2026),
    ),
    _Project(
        "DA-004",
        "Trạm y tế xã Phú Mỹ",
        "Xây mới trạm y tế đạt chuẩn quốc gia sau sắp xếp đơn vị hành chính cấp xã.",
        "health",
        "replacement",
        "Xã Phú Mỹ",
        BQL_DD,
        SYT,
        (15, 15),
        "preparing",
        years=(2026, 2027),
    ),
    _Project(
        "DA-005",
        "Nâng cấp, mở rộng Bệnh viện Đa khoa tỉnh Minh Hòa (giai đoạn 2)",
        "Bổ sung 300 giường bệnh, khối kỹ thuật cao và trung tâm cấp cứu.",
        "health",
        "expansion",
        "Phường Minh Hòa",
        BQL_DD,
        SYT,
        (420, 520),
        "in_progress",
    ),
    _Project(
        "DA-006",
        "Trường THPT Long Châu",
        "Xây mới trường 30 lớp đáp ứng nhu cầu học sinh khu đô thị mới.",
        "education",
        "construction",
        "Phường Long Châu",
        BQL_DD,
        SGD,
        (95, 130),
        "completed",
    ),
    _Project(
        "DA-007",
        "Cải tạo, nâng cấp đường tỉnh 905 đoạn Minh Hòa - Phú Mỹ",
        "Mở rộng mặt đường lên 9 m, gia cố lề và thay thế 3 cầu yếu trên tuyến.",
        "transport",
        "rehabilitation",
        "Phường Minh Hòa, xã Phú Mỹ",
        BQL_GT,
        SXD,
        (260, 320),
        "in_progress",
    ),
    _Project(
        "DA-008",
        "Cầu Tân Thành bắc qua kênh Xáng",
        "Thay cầu sắt tạm bằng cầu bê tông cốt thép tải trọng HL93, dài 86 m.",
        "transport",
        "replacement",
        "Xã Tân Phú (xã Tân Thành cũ)",
        BQL_GT,
        SXD,
        (68, 82),
        "completed",
    ),
    _Project(
        "DA-009",
        "Hệ thống cấp nước sạch liên xã An Bình - Hòa Lợi",
        "Cấp nước sạch cho khoảng 7.500 hộ dân nông thôn, công suất 4.000 m³/ngày đêm.",
        "water",
        "construction",
        "Xã An Bình, xã Hòa Lợi",
        "Trung tâm Nước sạch và Vệ sinh môi trường nông thôn tỉnh Minh Hòa",
        SNN,
        (55, 70),
        "completed",
    ),
    _Project(
        "DA-010",
        "Nạo vét, gia cố hệ thống kênh thủy lợi Phú Hữu",
        "Nạo vét 14 km kênh cấp II, bảo đảm tưới tiêu cho 1.600 ha lúa.",
        "agriculture",
        "rehabilitation",
        "Xã Phú Mỹ (xã Phú Hữu cũ)",
        BQL_NN,
        SNN,
        (38, 52),
        "in_progress",
    ),
    _Project(
        "DA-011",
        "Trạm bơm điện phục vụ sản xuất lúa xã Hòa Lợi",
        "Xây dựng 4 trạm bơm điện, chủ động tưới tiêu cho 1.100 ha lúa ba vụ.",
        "agriculture",
        "construction",
        "Xã Hòa Lợi",
        BQL_NN,
        SNN,
        (24, 32),
        "completed",
    ),
    _Project(
        "DA-012",
        "Khu xử lý chất thải rắn tập trung của tỉnh",
        "Xây dựng khu xử lý chất thải rắn sinh hoạt công suất 300 tấn/ngày, thay thế các bãi "
        "chôn lấp hở.",
        "environment",
        "construction",
        "Xã An Bình",
        "Nhà đầu tư được lựa chọn theo hợp đồng đối tác công tư",
        SNN,
        (180, 240),
        "preparing",
        funding="ppp",
    ),
    _Project(
        "DA-013",
        "Hệ thống thoát nước và xử lý nước thải đô thị Minh Hòa (giai đoạn 1)",
        "Xây dựng 18 km cống thoát nước và nhà máy xử lý nước thải 10.000 m³/ngày đêm.",
        "water",
        "construction",
        "Phường Minh Hòa, phường Long Châu",
        BQL_DD,
        SXD,
        (350, 420),
        "preparing",
    ),
    _Project(
        "DA-014",
        "Cải tạo trụ sở Trung tâm Phục vụ hành chính công tỉnh",
        "Cải tạo không gian tiếp nhận hồ sơ, bổ sung quầy tự phục vụ và khu chờ.",
        "other",
        "rehabilitation",
        "Phường Minh Hòa",
        BQL_DD,
        VP,
        (18, 25),
        "completed",
    ),
    _Project(
        "DA-015",
        "Nhà ở xã hội khu phố 3, phường Long Châu",
        "Xây dựng 620 căn hộ nhà ở xã hội cho công nhân và người lao động thu nhập thấp.",
        "urban",
        "construction",
        "Phường Long Châu",
        "Công ty cổ phần Đầu tư Phát triển nhà Long Châu",
        SXD,
        (320, 410),
        "in_progress",
        funding="private",
    ),
    _Project(
        "DA-016",
        "Trường Mầm non Tân Phú",
        "Xây mới điểm trường chính 12 nhóm lớp, bếp ăn bán trú và sân chơi.",
        "education",
        "construction",
        "Xã Tân Phú",
        "Ủy ban nhân dân xã Tân Phú",
        SGD,
        (16, 22),
        "completed",
    ),
    _Project(
        "DA-017",
        "Trường Tiểu học An Bình - xây thêm 12 phòng học",
        "Bổ sung phòng học để tổ chức dạy học 2 buổi/ngày theo chương trình giáo dục phổ thông "
        "2018.",
        "education",
        "expansion",
        "Xã An Bình",
        "Ủy ban nhân dân xã An Bình",
        SGD,
        (9, 13),
        "completed",
    ),
    _Project(
        "DA-018",
        "Trung tâm Y tế khu vực Tân Phú - khối điều trị nội trú",
        "Xây mới khối điều trị nội trú 150 giường và hệ thống xử lý nước thải y tế.",
        "health",
        "construction",
        "Xã Tân Phú",
        BQL_DD,
        SYT,
        (85, 110),
        "in_progress",
    ),
    _Project(
        "DA-019",
        "Trạm y tế phường Long Châu",
        "Xây dựng lại trạm y tế xuống cấp, bổ sung phòng tiêm chủng và khám bệnh.",
        "health",
        "replacement",
        "Phường Long Châu",
        BQL_DD,
        SYT,
        (7, 9),
        "completed",
    ),
    _Project(
        "DA-020",
        "Đường ven sông Minh Hòa (đoạn cầu Minh Hòa - cầu Long Châu)",
        "Xây dựng 3,8 km đường ven sông kết hợp kè và công viên cây xanh.",
        "urban",
        "construction",
        "Phường Minh Hòa, phường Long Châu",
        BQL_GT,
        SXD,
        (210, 260),
        "in_progress",
    ),
    _Project(
        "DA-021",
        "Chỉnh trang đô thị và cây xanh trung tâm phường Minh Hòa",
        "Cải tạo vỉa hè, chiếu sáng, cây xanh trên 6 tuyến phố trung tâm.",
        "urban",
        "rehabilitation",
        "Phường Minh Hòa",
        "Ủy ban nhân dân phường Minh Hòa",
        SXD,
        (28, 36),
        "preparing",
    ),
    _Project(
        "DA-022",
        "Hạ tầng kỹ thuật cụm công nghiệp Phú Mỹ",
        "Đầu tư đường nội bộ, cấp điện, cấp thoát nước cho cụm công nghiệp 50 ha.",
        "other",
        "construction",
        "Xã Phú Mỹ",
        BQL_DD,
        SXD,
        (140, 180),
        "in_progress",
        funding="mixed",
    ),
    _Project(
        "DA-023",
        "Kè bảo vệ bờ sông khu dân cư An Bình",
        "Xây dựng 1,6 km kè mềm kết hợp trồng cây chắn sóng bảo vệ khu dân cư.",
        "agriculture",
        "construction",
        "Xã An Bình",
        BQL_NN,
        SNN,
        (60, 75),
        "preparing",
    ),
    _Project(
        "DA-024",
        "Điện mặt trời mái nhà tại trụ sở các cơ quan nhà nước",
        "Lắp đặt 850 kWp điện mặt trời mái nhà tự dùng tại 24 trụ sở cơ quan.",
        "energy",
        "construction",
        "Phường Minh Hòa, phường Long Châu",
        BQL_DD,
        VP,
        (12, 16),
        "completed",
    ),
    _Project(
        "DA-025",
        "Thay thế đèn chiếu sáng công cộng bằng đèn LED",
        "Thay 4.200 bộ đèn cao áp bằng đèn LED có điều khiển thông minh, tiết kiệm điện năng.",
        "energy",
        "replacement",
        "Phường Minh Hòa, phường Long Châu, xã Tân Phú",
        BQL_GT,
        SXD,
        (22, 28),
        "in_progress",
    ),
    _Project(
        "DA-026",
        "Cải tạo, nâng cấp Trường THCS Phú Hữu",
        "Cải tạo 16 phòng học, xây mới nhà đa năng và thư viện.",
        "education",
        "rehabilitation",
        "Xã Phú Mỹ (xã Phú Hữu cũ)",
        "Ủy ban nhân dân xã Phú Mỹ",
        SGD,
        (14, 19),
        "preparing",
    ),
    _Project(
        "DA-027",
        "Kho lưu trữ chuyên dụng tỉnh Minh Hòa",
        "Xây dựng kho lưu trữ 12 km giá tài liệu, bảo quản hồ sơ lưu trữ lịch sử của tỉnh.",
        "other",
        "construction",
        "Phường Minh Hòa",
        BQL_DD,
        "Sở Nội vụ",
        (45, 60),
        "preparing",
    ),
)


def projects_medium_term() -> tuple[str, str]:
    """The medium-term public investment plan 2021-2025, as an office exports it."""
    rows = _project_rows("projects-medium-term", MEDIUM_TERM, vietnamese=True)
    text = _csv(PROJECT_HEADER, rows, delimiter=";")
    return "danh-muc-du-an-dau-tu-cong-trung-han-2021-2025.csv", text


ODA: tuple[_Project, ...] = (
    _Project(
        "ODA-01",
        "Dự án Chống chịu biến đổi khí hậu và sinh kế bền vững vùng ven sông tỉnh Minh Hòa",
        "Nâng cao khả năng chống chịu lũ, xâm nhập mặn và chuyển đổi sinh kế cho khoảng "
        "12.000 hộ dân.",
        "agriculture",
        "construction",
        "Xã An Bình, xã Hòa Lợi, xã Tân Phú",
        BQL_ODA,
        SNN,
        (1_150, 1_350),
        "in_progress",
        "oda",
        "Ngân hàng Thế giới (WB)",
    ),
    _Project(
        "ODA-02",
        "Dự án Cấp nước và vệ sinh môi trường đô thị Minh Hòa",
        "Mở rộng mạng cấp nước, giảm thất thoát nước và xây dựng trạm xử lý nước thải.",
        "water",
        "expansion",
        "Phường Minh Hòa, phường Long Châu",
        BQL_ODA,
        SXD,
        (780, 900),
        "in_progress",
        "oda",
        "Ngân hàng Phát triển châu Á (ADB)",
    ),
    _Project(
        "ODA-03",
        "Dự án Nâng cấp tuyến đường kết nối vùng Minh Hòa - Long Châu - Phú Mỹ",
        "Nâng cấp 32 km đường kết nối vùng và 5 cầu, rút ngắn thời gian vận chuyển nông sản.",
        "transport",
        "rehabilitation",
        "Phường Minh Hòa, phường Long Châu, xã Phú Mỹ",
        BQL_ODA,
        SXD,
        (1_400, 1_700),
        "preparing",
        "mixed",
        "Cơ quan Hợp tác Quốc tế Nhật Bản (JICA)",
    ),
    _Project(
        "ODA-04",
        "Dự án Trạm bơm sử dụng năng lượng tái tạo phục vụ tưới tiêu",
        "Lắp đặt điện mặt trời cho 22 trạm bơm thủy lợi, giảm chi phí điện năng cho nông dân.",
        "energy",
        "construction",
        "Xã Hòa Lợi, xã Phú Mỹ",
        BQL_ODA,
        SNN,
        (310, 380),
        "completed",
        "oda",
        "Ngân hàng Tái thiết Đức (KfW)",
    ),
    _Project(
        "ODA-05",
        "Dự án Tăng cường trang thiết bị y tế Bệnh viện Đa khoa tỉnh",
        "Trang bị hệ thống chẩn đoán hình ảnh, phòng mổ và hồi sức tích cực.",
        "health",
        "replacement",
        "Phường Minh Hòa",
        BQL_ODA,
        SYT,
        (420, 480),
        "completed",
        "oda",
        "Quỹ Hợp tác phát triển kinh tế Hàn Quốc (EDCF)",
    ),
    _Project(
        "ODA-06",
        "Dự án Phát triển giáo dục trung học cơ sở vùng khó khăn",
        "Xây dựng phòng học, nhà công vụ giáo viên và bồi dưỡng giáo viên tại 9 trường THCS.",
        "education",
        "construction",
        "Xã Phú Mỹ, xã Tân Phú, xã Hòa Lợi",
        BQL_ODA,
        SGD,
        (180, 230),
        "completed",
        "oda",
        "Ngân hàng Phát triển châu Á (ADB)",
    ),
    _Project(
        "ODA-07",
        "Dự án Quản lý tổng hợp chất thải rắn đô thị",
        "Thu gom, phân loại tại nguồn và tái chế chất thải rắn sinh hoạt cho các phường.",
        "environment",
        "construction",
        "Phường Minh Hòa, phường Long Châu",
        BQL_ODA,
        SNN,
        (520, 610),
        "preparing",
        "oda",
        "Cơ quan Phát triển Pháp (AFD)",
    ),
    _Project(
        "ODA-08",
        "Dự án Tăng cường quản lý đất đai và cơ sở dữ liệu đất đai",
        "Đo đạc, chỉnh lý bản đồ địa chính và xây dựng cơ sở dữ liệu đất đai dùng chung.",
        "ict",
        "other",
        "Toàn tỉnh",
        BQL_ODA,
        SNN,
        (95, 120),
        "in_progress",
        "oda",
        "Ngân hàng Thế giới (WB)",
    ),
)


def projects_oda() -> tuple[str, str]:
    rows = _project_rows("projects-oda", ODA, vietnamese=False, earliest=2018)
    return "danh-muc-du-an-oda.csv", _csv(PROJECT_HEADER, rows)


# Hamlets (ấp) of the communes with rural roads.
HAMLETS = {
    "Xã Tân Phú": ("Tân Hòa", "Tân Lợi", "Tân An", "Thành Lập"),
    "Xã An Bình": ("An Thạnh", "Bình Trung", "An Lạc"),
    "Xã Hòa Lợi": ("Hòa Hưng", "Lợi Thuận", "Hòa Mỹ"),
    "Xã Phú Mỹ": ("Mỹ Phước", "Phú Thạnh", "Phú Hữu A"),
}


def _lower_first(name: str) -> str:
    return name[:1].lower() + name[1:]  # "Xã Tân Phú" -> "xã Tân Phú"


def projects_rural_roads() -> tuple[str, str]:
    """Rural roads of the national target programme: generated from the hamlets."""
    rng = _rng("rural-roads")
    projects = []
    statuses = ("completed", "completed", "completed", "in_progress", "in_progress", "preparing")
    for n in range(1, 10):
        commune = list(HAMLETS)[(n - 1) % len(HAMLETS)]
        first, second = rng.sample(HAMLETS[commune], 2)
        length, width = round(rng.uniform(1.2, 5.5), 1), rng.choice((3.0, 3.5, 4.0))
        households = rng.randrange(250, 1400, 10)
        status = statuses[(n - 1) % len(statuses)]
        upgrade = rng.random() < 0.4
        projects.append(
            _Project(
                f"GTNT-{n:02d}",
                f"Đường giao thông nông thôn ấp {first} - ấp {second}, {_lower_first(commune)}",
                f"{'Mở rộng, nâng cấp' if upgrade else 'Bê tông hóa'} tuyến đường dài "
                f"{_vn(length, 1)} km, rộng {_vn(width, 1)} m, phục vụ đi lại của khoảng "
                f"{_vn(households)} hộ dân và vận chuyển nông sản.",
                "transport",
                "rehabilitation" if upgrade else "construction",
                commune,
                f"Ủy ban nhân dân {_lower_first(commune)}",
                SXD,
                (length * 1.6, length * 2.6),
                status,
                "mixed" if rng.random() < 0.5 else "state_budget",
            )
        )
    rows = _project_rows("rural-roads-years", projects, vietnamese=False)
    return "du-an-giao-thong-nong-thon.csv", _csv(PROJECT_HEADER, rows)


DIGITAL: tuple[_Project, ...] = (
    _Project(
        "CDS-01",
        "Trung tâm Giám sát, điều hành đô thị thông minh tỉnh Minh Hòa (IOC)",
        "Giám sát giao thông, an ninh trật tự và phản ánh hiện trường của người dân.",
        "ict",
        "construction",
        "Phường Minh Hòa",
        TT_CDS,
        SKH,
        (48, 60),
        "completed",
    ),
    _Project(
        "CDS-02",
        "Nâng cấp nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh (LGSP)",
        "Kết nối các hệ thống thông tin của tỉnh với nền tảng quốc gia.",
        "ict",
        "expansion",
        "Toàn tỉnh",
        TT_CDS,
        SKH,
        (12, 16),
        "completed",
    ),
    _Project(
        "CDS-03",
        "Kho dữ liệu dùng chung và cổng dữ liệu mở tỉnh Minh Hòa",
        "Xây dựng kho dữ liệu dùng chung và công bố dữ liệu mở của các cơ quan nhà nước.",
        "ict",
        "construction",
        "Toàn tỉnh",
        TT_CDS,
        SKH,
        (18, 24),
        "in_progress",
    ),
    _Project(
        "CDS-04",
        "Mở rộng mạng truyền số liệu chuyên dùng đến các xã, phường",
        "Kết nối mạng chuyên dùng và bảo đảm an toàn thông tin cho các xã, phường sau sắp xếp.",
        "ict",
        "expansion",
        "Toàn tỉnh",
        TT_CDS,
        SKH,
        (9, 14),
        "in_progress",
    ),
    _Project(
        "CDS-05",
        "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
        "Số hóa hồ sơ còn hiệu lực để tái sử dụng dữ liệu khi giải quyết thủ tục hành chính.",
        "ict",
        "other",
        "Toàn tỉnh",
        TT_CDS,
        SKH,
        (20, 28),
        "preparing",
    ),
)


def projects_digital() -> tuple[str, str]:
    rows = _project_rows("projects-digital", DIGITAL, vietnamese=False)
    return "du-an-chuyen-doi-so.csv", _csv(PROJECT_HEADER, rows)


UBND_PHU_MY = "Ủy ban nhân dân xã Phú Mỹ"
PHU_MY: tuple[_Project, ...] = (
    _Project(
        "PM-01",
        "Nhà văn hóa ấp Phú Hữu A",
        "Xây dựng nhà văn hóa 150 chỗ ngồi phục vụ sinh hoạt cộng đồng.",
        "culture",
        "construction",
        "Ấp Phú Hữu A, xã Phú Mỹ (xã Phú Hữu cũ)",
        UBND_PHU_MY,
        UBND_PHU_MY,
        (2.0, 3.0),
        "completed",
    ),
    _Project(
        "PM-02",
        "Cải tạo trụ sở Ủy ban nhân dân xã Phú Mỹ sau sắp xếp",
        "Cải tạo trụ sở, bố trí bộ phận một cửa cho xã Phú Mỹ mới.",
        "other",
        "rehabilitation",
        "Xã Phú Mỹ",
        UBND_PHU_MY,
        UBND_PHU_MY,
        (6.0, 9.0),
        "in_progress",
    ),
    _Project(
        "PM-03",
        "Chợ Phú Mỹ",
        "Xây dựng lại nhà lồng chợ và hệ thống phòng cháy, chữa cháy.",
        "urban",
        "replacement",
        "Xã Phú Mỹ",
        UBND_PHU_MY,
        UBND_PHU_MY,
        (11.0, 15.0),
        "preparing",
        "mixed",
    ),
    _Project(
        "PM-04",
        "Đường nội đồng khu sản xuất lúa Phú Hữu",
        "Xây dựng 3,5 km đường nội đồng phục vụ cơ giới hóa thu hoạch lúa.",
        "agriculture",
        "construction",
        "Xã Phú Mỹ (xã Phú Hữu cũ)",
        UBND_PHU_MY,
        UBND_PHU_MY,
        (4.0, 6.0),
        "completed",
    ),
    _Project(
        "PM-05",
        "Trường Mầm non Phú Mỹ - điểm ấp Mỹ Phước",
        "Xây thêm 4 phòng học và bếp ăn bán trú.",
        "education",
        "expansion",
        "Ấp Mỹ Phước, xã Phú Mỹ",
        UBND_PHU_MY,
        UBND_PHU_MY,
        (5.0, 7.0),
        "in_progress",
    ),
)


def projects_phu_my() -> tuple[str, str]:
    rows = _project_rows("projects-phu-my", PHU_MY, vietnamese=True)
    return "du-an-xa-phu-my.csv", _csv(PROJECT_HEADER, rows, delimiter=";")


CULTURE: tuple[_Project, ...] = (
    _Project(
        "VHTT-01",
        "Tu bổ, tôn tạo di tích kiến trúc nghệ thuật Đình Long Châu",
        "Tu bổ chánh điện, võ ca và cổng tam quan của di tích cấp tỉnh.",
        "culture",
        "rehabilitation",
        "Phường Long Châu",
        "Ban Quản lý di tích tỉnh Minh Hòa",
        SVH,
        (14, 18),
        "completed",
    ),
    _Project(
        "VHTT-02",
        "Nhà thi đấu đa năng tỉnh Minh Hòa",
        "Xây dựng nhà thi đấu 3.000 chỗ ngồi đạt tiêu chuẩn tổ chức giải quốc gia.",
        "culture",
        "construction",
        "Phường Minh Hòa",
        BQL_DD,
        SVH,
        (160, 190),
        "in_progress",
    ),
    _Project(
        "VHTT-03",
        "Trung tâm Văn hóa - Thể thao xã An Bình",
        "Xây dựng hội trường, sân bóng đá mini và khu vui chơi thiếu nhi.",
        "culture",
        "construction",
        "Xã An Bình",
        "Ủy ban nhân dân xã An Bình",
        SVH,
        (12, 16),
        "preparing",
    ),
    _Project(
        "VHTT-04",
        "Cải tạo, nâng cấp Bảo tàng tỉnh Minh Hòa",
        "Chỉnh lý trưng bày, số hóa hiện vật và cải tạo kho bảo quản.",
        "culture",
        "rehabilitation",
        "Phường Minh Hòa",
        BQL_DD,
        SVH,
        (35, 42),
        "in_progress",
    ),
    _Project(
        "VHTT-05",
        "Hạ tầng kết nối khu du lịch sinh thái cồn Phú Hữu",
        "Xây dựng đường kết nối, bến thuyền và bãi đỗ xe phục vụ du lịch sinh thái.",
        "culture",
        "construction",
        "Xã Phú Mỹ (xã Phú Hữu cũ)",
        BQL_GT,
        SVH,
        (65, 80),
        "preparing",
        "ppp",
    ),
)


def projects_culture() -> tuple[str, str]:
    rows = _project_rows("projects-culture", CULTURE, vietnamese=False)
    return "du-an-van-hoa-the-thao.csv", _csv(PROJECT_HEADER, rows)


# --- the demo datasets' records --------------------------------------------------------

RECORDS: dict[str, Callable[[], tuple[str, str]]] = {
    # statistics
    "dan-so-theo-xa-phuong": population_table,
    "tong-san-pham-grdp-theo-nganh": grdp_table,
    "hoc-sinh-pho-thong": schools_table,
    "co-so-y-te": health_table,
    "san-luong-lua": rice_table,
    "khach-du-lich": tourism_table,
    "chat-luong-khong-khi": air_quality_table,
    "lao-dong-viec-lam": labour_table,
    # budget
    "du-toan-ngan-sach-2025": budget_estimate_2025,
    "thuc-hien-ngan-sach-quy-2025": budget_quarters_2025,
    "quyet-toan-ngan-sach-2024": budget_final_2024,
    "du-toan-ngan-sach-2026": budget_estimate_2026,
    "ngan-sach-xa-tan-phu-2025": budget_tan_phu_2025,
    "ngan-sach-phuong-long-chau-2025": budget_long_chau_2025,
    # projects
    "du-an-dau-tu-cong-trung-han": projects_medium_term,
    "du-an-oda": projects_oda,
    "du-an-giao-thong-nong-thon": projects_rural_roads,
    "du-an-chuyen-doi-so": projects_digital,
    "du-an-xa-phu-my": projects_phu_my,
    "du-an-van-hoa-the-thao": projects_culture,
}
