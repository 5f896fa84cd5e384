"""The demo province's portal content: datasets for every organisation, records that
convert with the schemas, deliberate English gaps, and deterministic output. No database."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import subprocess
import sys
import unicodedata
from collections import Counter, defaultdict
from datetime import date, datetime

import pytest

from hub.config import PROJECT_ROOT
from hub.demo import data, portal
from hub.records.schema import SCHEMA_DIR, ContentSchema, load_schema_file
from hub.text import fold

RECORD_TYPES = (
    "article",
    "leader",
    "org_unit",
    "contact",
    "work_schedule",
    "public_service",
    "draft_for_comment",
    "qa",
)
SCHEMAS: dict[str, ContentSchema] = {
    name: load_schema_file(SCHEMA_DIR / f"{name}.yaml") for name in RECORD_TYPES
}
TODAY = date(2025, 11, 20)
MERGED = {old for old, _ in data.MERGED}
ACTIVE = [o["slug"] for o in data.ORGANIZATIONS if o["slug"] not in MERGED]
ORGS = {o["slug"]: o for o in data.ORGANIZATIONS}
EXISTING_PORTAL = {d["slug"]: d for d in data.DATASETS if d["content_type"] == "portal_content"}
ALL_DATASETS = {**EXISTING_PORTAL, **{d["slug"]: d for d in portal.PORTAL_DATASETS}}


def raw_rows(slug: str) -> tuple[str, list[str], list[dict[str, str]]]:
    record_type, generate = portal.PORTAL_RECORDS[slug]
    file_name, text = generate()
    assert file_name.endswith(".csv")
    reader = csv.reader(io.StringIO(text))
    header = next(reader)
    return record_type, header, [dict(zip(header, row, strict=True)) for row in reader]


def converted(slug: str) -> tuple[str, list[dict]]:
    record_type, _, rows = raw_rows(slug)
    schema = SCHEMAS[record_type]
    out = []
    for n, row in enumerate(rows, start=2):  # line 1 is the header
        record = {}
        for spec in schema.fields:
            try:
                record[spec.name] = spec.convert(row[spec.name])
            except ValueError as exc:
                pytest.fail(f"{slug} row {n} field {spec.name} ({row[spec.name]!r}): {exc}")
        out.append(record)
    return record_type, out


def datasets_of(org: str, record_type: str) -> list[str]:
    return [
        slug
        for slug, dataset in ALL_DATASETS.items()
        if dataset["organization"] == org and portal.PORTAL_RECORDS[slug][0] == record_type
    ]


@pytest.mark.parametrize("slug", sorted(portal.PORTAL_RECORDS))
def test_every_file_converts_with_its_schema(slug):
    record_type, header, rows = raw_rows(slug)
    assert record_type in RECORD_TYPES
    assert header == [f.name for f in SCHEMAS[record_type].fields]
    assert rows, f"{slug} has no records"
    for row in rows:
        for name, value in row.items():
            assert unicodedata.is_normalized("NFC", value), (slug, name, value)
    _, records = converted(slug)
    keys = [tuple(r[f.name] for f in SCHEMAS[record_type].key) for r in records]
    duplicates = [k for k, n in Counter(keys).items() if n > 1]
    assert not duplicates, f"{slug}: duplicate keys {duplicates}"


def test_the_new_datasets():
    datasets = portal.PORTAL_DATASETS
    slugs = [d["slug"] for d in datasets]
    assert len(slugs) == len(set(slugs)) == 4 * len(ACTIVE) - len(portal.EXISTING_NEWS)
    assert len(ACTIVE) == 18
    assert not set(slugs) & {d["slug"] for d in data.DATASETS}
    for dataset in datasets:
        org = ORGS[dataset["organization"]]
        assert org["slug"] in ACTIVE
        assert dataset["content_type"] == "portal_content"
        assert dataset["record_type"] in {"article", "leader", "org_unit", "contact"}
        prefix = {"article": "tin-tuc", "leader": "lanh-dao", "org_unit": "co-cau-to-chuc"}.get(
            dataset["record_type"], "danh-ba"
        )
        assert dataset["slug"] == f"{prefix}-{org['slug']}"
        assert dataset["state"] in {"published", "draft"}
        expected = ["GOVE", "REGI"] if org["kind"] == "commune" else ["GOVE"]
        assert dataset["themes"] == expected
        for key in ("title_vi", "title_en", "description_vi", "description_en"):
            assert dataset[key] and unicodedata.is_normalized("NFC", dataset[key])
        # The news datasets the demo data already has are not duplicated.
        if dataset["record_type"] == "article":
            assert org["slug"] not in {"van-phong-ubnd-tinh", "phuong-minh-hoa"}
    states = Counter(d["state"] for d in datasets)
    assert states["published"] > states["draft"] >= 1


def test_records_cover_the_new_and_the_existing_portal_datasets():
    assert set(portal.PORTAL_RECORDS) == set(ALL_DATASETS)
    expected = {
        "tin-tuc-cong-thong-tin-tinh": "article",
        "lich-cong-tac-lanh-dao-tinh": "work_schedule",
        "danh-ba-co-quan-nha-nuoc": "contact",
        "dich-vu-cong-truc-tuyen": "public_service",
        "du-thao-lay-y-kien-nhan-dan": "draft_for_comment",
        "hoi-dap-phap-luat": "qa",
        "tin-tuc-phuong-minh-hoa": "article",
    }
    assert {slug: portal.PORTAL_RECORDS[slug][0] for slug in EXISTING_PORTAL} == expected
    for dataset in portal.PORTAL_DATASETS:
        assert portal.PORTAL_RECORDS[dataset["slug"]][0] == dataset["record_type"]


@pytest.mark.parametrize("org", ACTIVE)
def test_every_organisation_publishes_what_the_regulations_require(org):
    site = ORGS[org]["website"]
    assert datasets_of(org, "leader") == [f"lanh-dao-{org}"]
    assert datasets_of(org, "org_unit") == [f"co-cau-to-chuc-{org}"]
    assert f"danh-ba-{org}" in datasets_of(org, "contact")
    (news_slug,) = datasets_of(org, "article")  # new, or one the demo data already has
    leaders_slug, units_slug, contacts_slug = (
        f"lanh-dao-{org}",
        f"co-cau-to-chuc-{org}",
        f"danh-ba-{org}",
    )
    _, leaders = converted(leaders_slug)
    _, units = converted(units_slug)
    _, contacts = converted(contacts_slug)
    _, news = converted(news_slug)

    assert 2 <= len(leaders) <= 4
    head_title = leaders[0]["POSITION"]
    kind = ORGS[org]["kind"]
    if kind in ("province", "commune"):
        assert head_title.startswith("Chủ tịch")
        assert all(r["POSITION"].startswith("Phó Chủ tịch") for r in leaders[1:])
    elif org.startswith("so-"):
        assert head_title == "Giám đốc"
        assert all(r["POSITION"] == "Phó Giám đốc" for r in leaders[1:])
    assert [r["SORT_ORDER"] for r in leaders] == list(range(1, len(leaders) + 1))
    assert all(r["PHOTO"].startswith(f"{site}/images/") for r in leaders)

    assert 4 <= len(units) <= 8
    codes = {u["CODE"]: u["PARENT"] for u in units}
    roots = [code for code, parent in codes.items() if parent is None]
    assert len(roots) == 1
    for code in codes:  # every unit reaches the root, without cycles
        seen = set()
        while codes[code] is not None:
            assert code not in seen and codes[code] in codes
            seen.add(code)
            code = codes[code]
    assert units[0]["HEAD"] == leaders[0]["NAME"]

    names = {c["NAME"] for c in contacts}
    assert {r["NAME"] for r in leaders} <= names
    assert {u["HEAD"] for u in units if u["HEAD"]} <= names
    assert len(names) == len(contacts)

    if news_slug == "tin-tuc-cong-thong-tin-tinh":
        assert 10 <= len(news) <= 14
    else:
        assert 3 <= len(news) <= 6
    for article in news:
        published = datetime.fromisoformat(article["PUBLISHED"])
        assert date(2025, 10, 1) <= published.date() <= TODAY
        assert article["PUBLISHED"].endswith("+07:00") and 7 <= published.hour <= 17
        assert article["URL"].startswith(f"{site}/tin-tuc/")
        images = article["IMAGES"].splitlines()
        assert images and all(
            i.startswith(f"{site}/images/") and i.endswith(".jpg") for i in images
        )
        assert article["BODY"].startswith("<p>") and "<ul>" in article["BODY"]
        assert article["CATEGORY"] in {c.code for c in SCHEMAS["article"].field("CATEGORY").codes}
    _, _, raw = raw_rows(news_slug)
    # The bodies are already safe: sanitising them changes nothing.
    assert [r["BODY"] for r in raw] == [a["BODY"] for a in news]
    dates = [a["PUBLISHED"] for a in news]
    assert dates == sorted(dates, reverse=True)


def english_gaps() -> dict[str, set[str]]:
    """What the data really lacks in English, computed from the rows."""
    gaps: dict[str, set[str]] = defaultdict(set)
    for org in ACTIVE:
        _, _, units = raw_rows(f"co-cau-to-chuc-{org}")
        _, _, contacts = raw_rows(f"danh-ba-{org}")
        if any(not u["NAME_EN"] for u in units):
            gaps[org].add("structure")
        if any(not u["FUNCTIONS_EN"] for u in units):
            gaps[org].add("functions")
        if any(not c["POSITION_EN"] or not c["UNIT_EN"] for c in contacts):
            gaps[org].add("contacts")
    return dict(gaps)


def test_english_gaps_are_exactly_the_declared_ones():
    assert english_gaps() == portal.ENGLISH_GAPS
    assert portal.ENGLISH_GAPS == {
        "xa-an-binh": {"functions"},
        "xa-hoa-loi": {"structure", "functions", "contacts"},
        "so-xay-dung": {"contacts"},
    }
    # Where English is missing, it is missing everywhere it was said to be.
    _, _, units = raw_rows("co-cau-to-chuc-xa-an-binh")
    assert all(not u["FUNCTIONS_EN"] and u["NAME_EN"] for u in units)
    _, _, units = raw_rows("co-cau-to-chuc-xa-hoa-loi")
    _, _, contacts = raw_rows("danh-ba-xa-hoa-loi")
    assert not any(u["NAME_EN"] or u["FUNCTIONS_EN"] for u in units)
    assert not any(c["POSITION_EN"] or c["UNIT_EN"] for c in contacts)
    _, _, contacts = raw_rows("danh-ba-so-xay-dung")
    assert not any(c["POSITION_EN"] or c["UNIT_EN"] for c in contacts)
    # Leaders are complete in English everywhere.
    for org in ACTIVE:
        _, _, leaders = raw_rows(f"lanh-dao-{org}")
        assert all(r["POSITION_EN"] and r["DUTIES_EN"] for r in leaders)


def test_drafts_respect_the_comment_period():
    _, drafts = converted("du-thao-lay-y-kien-nhan-dan")
    open_drafts = [d for d in drafts if d["CLOSES"] >= TODAY]
    closed = [d for d in drafts if d["CLOSES"] < TODAY]
    assert len(open_drafts) >= 2 and len(closed) >= 2
    for draft in drafts:
        assert draft["CLOSES"] >= draft["OPENS"]
        assert draft["OPENS"] <= TODAY
        assert draft["COMMENT_ADDRESS"] and draft["FILE"] and draft["COMMENT_URL"]
    for draft in open_drafts:
        assert draft["COMMENTS_RECEIVED"] is None and draft["COMMENTS_SUMMARY"] is None
    for draft in closed:
        assert draft["COMMENTS_RECEIVED"] is not None and draft["COMMENTS_SUMMARY"]
    assert any(d["COMMENTS_RECEIVED"] == 0 for d in closed)


def test_schedule_services_and_questions():
    _, schedule = converted("lich-cong-tac-lanh-dao-tinh")
    _, leaders = converted("lanh-dao-ubnd-tinh-minh-hoa")
    names = {r["NAME"] for r in leaders}
    days = {r["DATE"] for r in schedule}
    assert min(days) <= TODAY <= max(days) and (max(days) - min(days)).days <= 14
    assert all(r["DATE"].weekday() < 5 for r in schedule)
    assert {r["LEADER"] for r in schedule} == names
    assert all(r["TIME"] and r["PLACE"] and r["HOST"] for r in schedule)
    moments = [(r["DATE"], r["TIME"], r["LEADER"]) for r in schedule]
    assert len(moments) == len(set(moments)), "a leader in two places at once"

    _, services = converted("dich-vu-cong-truc-tuyen")
    assert 14 <= len(services) <= 20
    assert {s["LEVEL"] for s in services} == {"full", "partial", "info"}
    for service in services:
        code = service["CODE"]
        assert len(code) == 8 and code[0] in "12" and code[1] == "." and code[2:].isdigit()
        assert service["URL"].endswith(code) and service["SECTOR"] and service["AGENCY"]

    _, questions = converted("hoi-dap-phap-luat")
    assert len(questions) >= 6
    for qa in questions:
        assert qa["ASKED_ON"] <= TODAY
        if qa["ANSWER"]:
            assert qa["ANSWERED_BY"] and qa["ASKED_ON"] <= qa["ANSWERED_ON"] <= TODAY
        else:
            assert qa["ANSWERED_BY"] is None and qa["ANSWERED_ON"] is None
    assert any(not qa["ANSWER"] for qa in questions)


def test_the_directory_lists_every_leader():
    _, directory = converted("danh-ba-co-quan-nha-nuoc")
    everybody = set()
    for org in ACTIVE:
        _, leaders = converted(f"lanh-dao-{org}")
        everybody |= {r["NAME"] for r in leaders}
    assert {r["NAME"] for r in directory} == everybody
    assert all(r["POSITION_EN"] and r["UNIT_EN"] and r["FAX"] for r in directory)
    # The heads named in the demo's directory file keep their posts.
    heads = {r["NAME"]: r["UNIT"] for r in directory}
    assert heads["Trần Thị Bình"] == "Sở Tài chính"
    assert heads["Lê Hoàng Cường"] == "Sở Tư pháp"
    assert heads["Nguyễn Văn An"] == "Văn phòng Ủy ban nhân dân tỉnh"


def test_names_are_people_and_addresses_follow_them():
    for org in ACTIVE:
        _, leaders = converted(f"lanh-dao-{org}")
        for leader in leaders:
            words = leader["NAME"].split()
            assert len(words) == 3 and all(w[0].isupper() for w in words)
            initials = "".join(w[0] for w in fold(leader["NAME"]).split()[:-1])
            assert leader["EMAIL"].startswith(fold(words[-1]) + initials + ".")


def _fingerprint() -> str:
    digest = hashlib.sha256()
    for slug in sorted(portal.PORTAL_RECORDS):
        name, text = portal.PORTAL_RECORDS[slug][1]()
        digest.update(f"{slug}\0{name}\0{text}\0".encode())
    digest.update(repr(portal.PORTAL_DATASETS).encode())
    return digest.hexdigest()


def test_the_output_is_deterministic():
    for slug, (_, generate) in portal.PORTAL_RECORDS.items():
        assert generate() == generate(), slug
    assert portal._portal_datasets() == portal.PORTAL_DATASETS
    # Nothing depends on the hash seed of the process either.
    code = "from tests.content.test_demo_portal import _fingerprint; print(_fingerprint())"
    prints = {
        subprocess.run(
            [sys.executable, "-c", code],
            cwd=PROJECT_ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for seed in ("1", "2")
    }
    assert prints == {_fingerprint()}
