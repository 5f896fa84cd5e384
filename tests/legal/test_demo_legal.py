"""The demo's legal documents: valid records, consistent dates and statuses, resolvable relations.

No database: the CSV texts are checked with the converters of ``schemas/legal_document.yaml``
and the reference extractor the hub uses for the relation columns.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from functools import cache

import pytest

from hub.config import PROJECT_ROOT
from hub.demo.data import DATASETS, _ds
from hub.demo.legal import (
    LAW_TITLES,
    LEGAL_DATASETS,
    LEGAL_FIELDS,
    LEGAL_RECORDS,
    RELATION_FIELDS,
    SEPARATOR,
    STATUS_DATE,
    fold_title,
)
from hub.legal.numbers import Reference, extract_references, parse_number
from hub.records.schema import load_schema_file
from tests.legal.test_numbers import SEED_LAWS, SEED_NUMBERS

SCHEMA = load_schema_file(PROJECT_ROOT / "schemas" / "legal_document.yaml")
SEEDS = PROJECT_ROOT.parent / "shared" / "seeds"
NATIONAL = "van-ban-trung-uong"
SEED_REGULATIONS = "quy-che-cong-thong-tin-cac-tinh"
REAL = {NATIONAL, SEED_REGULATIONS}
MINH_HOA = [slug for slug in LEGAL_RECORDS if slug not in REAL]
GONE = {"expired", "partially_expired"}
# Seed file (by its prefix) -> the regulation it holds.
SEED_FILES = {
    "000": "1526/QĐ-UBND",
    "001": "14/2015/QĐ-UBND",
    "002": "57/2018/QĐ-UBND",
    "003": "02/2023/QĐ-UBND",
    "004": "17/2018/QĐ-UBND",
}
# National documents the seeds name that the demo leaves out (issue date not known for sure).
LEFT_OUT = {"28/2009/TT-BTTTT"}
NUMBER = re.compile(r"\d+/(?:\d{4}/)?[A-ZĐ]")  # a document number, not a date
CAN_CU = re.compile(r"^\W*Căn cứ", re.MULTILINE)
CAN_CU_END = re.compile(r"Xét đề nghị|Theo đề nghị|QUYẾT ĐỊNH:")


@cache
def raw(slug: str) -> tuple[str, list[str], tuple[dict[str, str], ...]]:
    name, text = LEGAL_RECORDS[slug]()
    reader = csv.reader(io.StringIO(text))
    header = next(reader)
    return name, header, tuple(dict(zip(header, row, strict=True)) for row in reader)


@cache
def rows(slug: str) -> tuple[dict, ...]:
    """Every cell converted as an import would; a ValueError names dataset, row and field."""
    out = []
    for i, row in enumerate(raw(slug)[2], start=1):
        converted = {}
        for spec in SCHEMA.fields:
            try:
                converted[spec.name] = spec.convert(row[spec.name])
            except ValueError as exc:
                pytest.fail(
                    f"{slug}, row {i} ({row['NUMBER']}), field {spec.name}: {exc} "
                    f"({row[spec.name]!r})"
                )
        out.append(converted)
    return tuple(out)


def key(number: str) -> str:
    return parse_number(number).key


def by_key(slugs: list[str] | set[str] | tuple[str, ...]) -> dict[str, dict]:
    return {key(row["NUMBER"]): row for slug in slugs for row in rows(slug)}


def resolve(ref: Reference) -> str | None:
    """The number key of a reference; laws cited by title through LAW_TITLES."""
    if ref.number is not None:
        return ref.number.key
    number = LAW_TITLES.get(fold_title(ref.title or ""))
    return key(number) if number else None


def parts(row: dict, field: str) -> list[str]:
    return [p for p in (row[field] or "").split(SEPARATOR) if p.strip()]


def refs(row: dict, field: str) -> list[Reference]:
    return extract_references(row[field] or "")


@pytest.mark.parametrize("slug", LEGAL_RECORDS)
def test_files_have_the_schema_header_and_are_deterministic(slug):
    name, header, records = raw(slug)
    assert name == f"{slug}.csv"
    assert tuple(header) == LEGAL_FIELDS
    assert list(LEGAL_FIELDS) == [spec.name for spec in SCHEMA.fields]
    assert set(RELATION_FIELDS) <= set(LEGAL_FIELDS)
    assert records
    assert LEGAL_RECORDS[slug]() == LEGAL_RECORDS[slug]()


@pytest.mark.parametrize("slug", LEGAL_RECORDS)
def test_every_cell_converts(slug):
    converted = rows(slug)
    assert len(converted) == len(raw(slug)[2])
    for row in converted:
        assert row["NUMBER"] == parse_number(row["NUMBER"]).canonical
        assert row["ISSUED"] is not None and row["STATUS"] and row["ABSTRACT"]
        assert row["ABSTRACT_EN"] and row["SECTOR"] and row["ISSUER"]


@pytest.mark.parametrize("slug", LEGAL_RECORDS)
def test_keys_are_unique_within_the_dataset(slug):
    keys = [key(row["NUMBER"]) for row in rows(slug)]
    assert len(keys) == len(set(keys)), [k for k in keys if keys.count(k) > 1]


def test_keys_are_unique_across_datasets():
    keys = [key(row["NUMBER"]) for slug in LEGAL_RECORDS for row in rows(slug)]
    assert len(keys) == len(set(keys)), sorted({k for k in keys if keys.count(k) > 1})


@pytest.mark.parametrize("slug", LEGAL_RECORDS)
def test_every_relation_part_is_one_reference(slug):
    for row in rows(slug):
        for field in RELATION_FIELDS:
            for part in parts(row, field):
                found = extract_references(part)
                where = f"{slug} {row['NUMBER']} {field}: {part!r}"
                assert len(found) == 1, where
                ref = found[0]
                if NUMBER.search(part):  # found by its number
                    assert ref.number is not None and ref.number.number in part, where
                else:  # a law found by its title
                    assert ref.start == 0 and ref.title and part.startswith(ref.title), where
            assert len(refs(row, field)) == len(parts(row, field))
            assert key(row["NUMBER"]) not in {resolve(r) for r in refs(row, field)}


@pytest.mark.parametrize("slug", LEGAL_RECORDS)
def test_relations_resolve_to_documents_with_the_cited_dates(slug):
    index = by_key(list(LEGAL_RECORDS))
    for row in rows(slug):
        for field in RELATION_FIELDS:
            if slug == SEED_REGULATIONS and field == "REPLACES":
                continue  # the other provinces' own former regulations
            for ref in refs(row, field):
                target = resolve(ref)
                where = f"{slug} {row['NUMBER']} {field}: {ref}"
                assert target in index, where
                if ref.date is not None:
                    assert index[target]["ISSUED"] == ref.date, where


def test_seed_regulations_rest_on_national_documents():
    national = by_key([NATIONAL])
    for row in rows(SEED_REGULATIONS):
        for ref in refs(row, "BASED_ON"):
            target = resolve(ref)
            assert target in national, f"{row['NUMBER']}: {ref}"
            assert ref.date is None or national[target]["ISSUED"] == ref.date


def test_law_titles():
    national = by_key([NATIONAL])
    for title, number in LAW_TITLES.items():
        assert fold_title(title) == title
        parsed = parse_number(number)
        assert parsed.canonical == number and parsed.type_code == "L"
        assert parsed.key in national, number
    for number in set(LAW_TITLES.values()):
        abstract = fold_title(national[key(number)]["ABSTRACT"])
        titles = [t for t, n in LAW_TITLES.items() if n == number]
        assert any(abstract.startswith(t) for t in titles), (number, abstract)
    seed_laws = {fold_title(law) for laws in SEED_LAWS.values() for law in laws}
    assert seed_laws <= set(LAW_TITLES), seed_laws - set(LAW_TITLES)
    assert LAW_TITLES[fold_title("Luật Công nghệ thông tin")] == "67/2006/QH11"
    refs_ = extract_references("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;")
    assert [resolve(r) for r in refs_] == ["77/2015/QH13"]


def test_every_document_the_seeds_name_is_loaded():
    national = by_key([NATIONAL])
    seeds = by_key([SEED_REGULATIONS])
    assert set(seeds) == {key(n) for n in SEED_FILES.values()}
    for numbers in SEED_NUMBERS.values():
        for number in numbers:
            parsed = parse_number(number)
            if parsed.issuer_code in ("UBND", "STTTT") or parsed.symbol == "TT-BTTT":
                continue  # provincial documents, submissions, and a typo in seed 000
            if number in LEFT_OUT:
                assert parsed.key not in national
                continue
            assert parsed.key in national, number
    required = [
        "42/2022/NĐ-CP",
        "43/2011/NĐ-CP",
        "47/2020/NĐ-CP",
        "13/2018/NĐ-CP",
        "64/2007/NĐ-CP",
        "72/2013/NĐ-CP",
        "80/2014/QĐ-TTg",
        "09/2014/TT-BTTTT",
        "32/2017/TT-BTTTT",
        "39/2017/TT-BTTTT",
        "25/2010/TT-BTTTT",
        "67/2006/QH11",
        "11/2003/QH11",
        "77/2015/QH13",
        "80/2015/QH13",
        "86/2015/QH13",
        "104/2016/QH13",
        "89/2015/QH13",
        "60/2024/QH15",
        "47/2019/QH14",
        "63/2020/QH14",
        "83/2015/QH13",
        "97/2015/QH13",
    ]
    assert {key(n) for n in required} <= set(national)


def _seed_texts() -> dict[str, str]:
    if not SEEDS.is_dir():
        pytest.skip(f"seed directory {SEEDS} not present")
    texts = {}
    for prefix in SEED_FILES:
        found = sorted(SEEDS.glob(f"{prefix}_*.txt"))
        if not found:
            pytest.skip(f"seed {prefix} not present")
        texts[prefix] = found[0].read_text(encoding="utf-8")
    return texts


def test_based_on_is_the_can_cu_of_each_seed():
    seeds = by_key([SEED_REGULATIONS])
    for prefix, text in _seed_texts().items():
        row = seeds[key(SEED_FILES[prefix])]
        start = CAN_CU.search(text)
        if start is None:
            assert not row["BASED_ON"], prefix
            continue
        end = CAN_CU_END.search(text, start.start())
        assert end is not None
        cited = [resolve(r) for r in extract_references(text[start.start() : end.start()])]
        assert None not in cited, prefix
        assert set(cited) == {resolve(r) for r in refs(row, "BASED_ON")}, prefix


def test_dates_agree_with_the_seeds():
    index = by_key([NATIONAL, SEED_REGULATIONS])
    checked = 0
    for text in _seed_texts().values():
        for ref in extract_references(text):
            target = resolve(ref)
            if ref.date is not None and target in index:
                assert index[target]["ISSUED"] == ref.date, ref
                checked += 1
    assert checked > 20


@pytest.mark.parametrize("slug", LEGAL_RECORDS)
def test_statuses_and_dates_are_consistent(slug):
    for row in rows(slug):
        issued, effective, expired = row["ISSUED"], row["EFFECTIVE"], row["EXPIRED"]
        status, where = row["STATUS"], f"{slug} {row['NUMBER']}"
        assert issued <= STATUS_DATE, where
        if effective:
            assert effective >= issued, where
        if expired:
            assert status in GONE, where
            assert expired > issued, where
            assert effective is None or expired > effective, where
            assert expired <= STATUS_DATE, where
        if status == "not_yet_in_force":
            assert effective is not None and effective > STATUS_DATE, where
        elif effective is not None:
            assert effective <= STATUS_DATE, where


def test_replaced_amended_and_repealed_documents_are_marked():
    index = by_key(list(LEGAL_RECORDS))
    checked = 0
    for slug in LEGAL_RECORDS:
        for row in rows(slug):
            for field in ("REPLACES", "REPEALS", "AMENDS"):
                for ref in refs(row, field):
                    target = index.get(resolve(ref))
                    if target is None:
                        continue  # another province's former regulation
                    where = f"{row['NUMBER']} {field} {target['NUMBER']}"
                    checked += 1
                    if row["STATUS"] == "not_yet_in_force":
                        assert target["STATUS"] == "in_force", where
                    elif field == "AMENDS":
                        assert target["STATUS"] in GONE, where
                        if target["STATUS"] == "partially_expired" and target["EXPIRED"]:
                            assert target["EXPIRED"] == row["EFFECTIVE"], where
                    else:
                        assert target["STATUS"] == "expired", where
                        assert target["EXPIRED"] == row["EFFECTIVE"], where
    assert checked >= 20


def test_known_replacements():
    national = by_key([NATIONAL])
    row = national[key("43/2011/NĐ-CP")]
    assert (row["STATUS"], row["EXPIRED"]) == ("expired", date(2022, 8, 1))
    assert [resolve(r) for r in refs(national[key("42/2022/NĐ-CP")], "REPLACES")] == [
        key("43/2011/NĐ-CP")
    ]
    assert national[key("47/2020/NĐ-CP")]["STATUS"] == "partially_expired"
    assert national[key("77/2015/QH13")]["STATUS"] == "expired"
    assert national[key("72/2025/QH15")]["STATUS"] == "in_force"
    for number in ("64/2007/NĐ-CP", "43/2011/NĐ-CP", "72/2013/NĐ-CP", "13/2018/NĐ-CP"):
        assert refs(national[key(number)], "BASED_ON"), number


def test_real_and_fictional_documents_are_told_apart():
    for slug in LEGAL_RECORDS:
        for row in rows(slug):
            files = [row["FILE_ORIGINAL"], row["FILE_TEXT"]]
            if slug in REAL:
                assert files == [None, None] and not row["GAZETTE_NUMBER"]
                assert "Minh Hòa" not in row["ISSUER"] + row["ABSTRACT"]
            else:
                assert all(f.startswith("https://vanban.minhhoa.example/") for f in files)
                assert row["ISSUER"] in (
                    "Ủy ban nhân dân tỉnh Minh Hòa",
                    "Hội đồng nhân dân tỉnh Minh Hòa",
                )
                assert "Minh Hòa" in row["ABSTRACT"], row["NUMBER"]
                council = row["ISSUER"].startswith("Hội đồng")
                assert parse_number(row["NUMBER"]).issuer_code == ("HĐND" if council else "UBND")
                assert not ({r.number for r in refs(row, "BASED_ON")} == {None})
    for row in rows(SEED_REGULATIONS):
        assert row["ISSUER"].startswith("Ủy ban nhân dân tỉnh ")


def test_minh_hoa_datasets():
    count = {slug: len(rows(slug)) for slug in LEGAL_RECORDS}
    assert 8 <= count["van-ban-qppl-ubnd-tinh"] <= 12
    assert 3 <= count["van-ban-qppl-hdnd-tinh"] <= 5
    assert 3 <= count["van-ban-het-hieu-luc"] <= 4
    assert 2 <= count["van-ban-linh-vuc-tai-chinh"] <= 3
    assert 2 <= count["van-ban-linh-vuc-dat-dai"] <= 3
    assert count[SEED_REGULATIONS] == 5
    assert all(row["STATUS"] in GONE for row in rows("van-ban-het-hieu-luc"))
    assert all(row["ISSUER"].startswith("Hội đồng") for row in rows("van-ban-qppl-hdnd-tinh"))
    assert all(row["ISSUER"].startswith("Ủy ban") for row in rows("van-ban-qppl-ubnd-tinh"))
    missing = [row["NUMBER"] for row in rows("van-ban-linh-vuc-tai-chinh") if not row["EFFECTIVE"]]
    assert len(missing) == 1
    for slug in MINH_HOA:
        if slug != "van-ban-linh-vuc-tai-chinh":
            assert all(row["EFFECTIVE"] for row in rows(slug)), slug

    ubnd = by_key(["van-ban-qppl-ubnd-tinh"])
    statuses = {row["STATUS"] for row in ubnd.values()}
    assert {"in_force", "expired", "partially_expired", "not_yet_in_force"} <= statuses
    nd43 = key("43/2011/NĐ-CP")
    replaced = {resolve(r) for row in ubnd.values() for r in refs(row, "REPLACES")}
    assert any(
        nd43 in {resolve(r) for r in refs(row, "BASED_ON")} and k in replaced
        for k, row in ubnd.items()
    )
    amended = {resolve(r) for row in ubnd.values() for r in refs(row, "AMENDS")}
    assert any(ubnd[k]["STATUS"] == "partially_expired" for k in amended & set(ubnd))
    repealed = {resolve(r) for row in ubnd.values() for r in refs(row, "REPEALS")}
    assert any(ubnd[k]["STATUS"] == "expired" for k in repealed & set(ubnd))
    assert any(
        row["STATUS"] == "not_yet_in_force" and row["EFFECTIVE"].year == 2027
        for row in ubnd.values()
    )
    council = {resolve(r) for row in rows("van-ban-qppl-hdnd-tinh") for r in refs(row, "BASED_ON")}
    assert {key("83/2015/QH13"), key("97/2015/QH13")} <= council


def test_new_datasets():
    shape = set(_ds("x", "so-tu-phap", "legal_document", ("", ""), ("", ""), [], [], "", ""))
    slugs = [d["slug"] for d in LEGAL_DATASETS]
    assert slugs == [NATIONAL, SEED_REGULATIONS]
    for dataset in LEGAL_DATASETS:
        assert set(dataset) == shape
        assert dataset["organization"] == "so-tu-phap"
        assert dataset["content_type"] == "legal_document"
        assert dataset["state"] == "published"
        assert dataset["themes"] == ["JUST", "GOVE"]
        assert dataset["frequency"] == "IRREG"
        for field in ("title_vi", "title_en", "description_vi", "description_en"):
            assert dataset[field]
        assert "anh mục" in dataset["description_vi"] and "List" in dataset["description_en"]
    legal = {
        d["slug"] for d in [*DATASETS, *LEGAL_DATASETS] if d["content_type"] == "legal_document"
    }
    assert set(LEGAL_RECORDS) == legal
