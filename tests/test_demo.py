"""The demo province loads through the services, covers every content type and state,
holds sample records, and is idempotent."""

from __future__ import annotations

import unicodedata
from collections import Counter

import feedparser
from sqlalchemy import func, select

from hub.datasets import organizations
from hub.datasets.changelog import latest_seq
from hub.datasets.models import Dataset, Distribution, Organization
from hub.datasets.vocab import CONTENT_TYPES
from hub.demo import data as demo_data
from hub.demo import legal as demo_legal
from hub.demo import load_demo
from hub.demo import portal as demo_portal
from hub.demo import records as demo_records
from hub.legal.models import ReviewFlag
from hub.records.models import RecordImport, RecordSet
from hub.records.publish import iter_rows

WITH_RECORDS = {"statistics", "budget", "project", "legal_document", "portal_content"}
MAKERS = {*demo_records.RECORDS, *demo_legal.LEGAL_RECORDS, *demo_portal.PORTAL_RECORDS}


def _slugs(content_type):
    return [d["slug"] for d in demo_data.DATASETS if d["content_type"] == content_type]


def test_demo_content_and_idempotence(session, file_store):
    first = load_demo(session, file_store)
    assert first.organizations >= 15 and first.datasets >= 30 and first.created == first.datasets
    seq = latest_seq(session)
    second = load_demo(session, file_store)
    assert (second.organizations, second.datasets, second.distributions) == (
        first.organizations,
        first.datasets,
        first.distributions,
    )
    assert second.created == 0
    assert second.imported == 0 and second.records == first.records > 0
    assert latest_seq(session) == seq, "a second run must not write anything"

    datasets = list(session.scalars(select(Dataset)))
    types = Counter(d.content_type for d in datasets)
    assert all(types[t] >= 5 for t in CONTENT_TYPES if t != "other")
    states = Counter(d.state for d in datasets)
    assert {"draft", "pending", "published", "rejected", "withdrawn"} <= set(states)
    assert all(d.state_reason for d in datasets if d.state in {"rejected", "withdrawn"})
    files = session.scalars(select(Distribution).where(Distribution.kind == "file")).all()
    assert files and all(f.sha256 and f.media_type == "text/csv" for f in files)


def test_demo_reflects_the_two_tier_government_and_merges(session, file_store):
    load_demo(session, file_store)
    orgs = list(session.scalars(select(Organization)))
    kinds = Counter(o.kind for o in orgs)
    assert kinds["province"] == 1 and kinds["commune"] >= 6
    assert all(o.agency_code and o.website for o in orgs)
    merged = [o for o in orgs if o.successor_id]
    assert merged
    for old in merged:
        assert organizations.get_organization(session, old.slug).id == old.successor_id
        assert organizations.get_organization(session, old.agency_code).id == old.successor_id
    texts = [o.title_vi for o in orgs] + [d.title_vi for d in session.scalars(select(Dataset))]
    assert all(unicodedata.is_normalized("NFC", t) for t in texts)
    count = session.scalar(select(func.count()).select_from(Dataset))
    assert count >= 30


def _records(session, slug):
    dataset = session.scalars(select(Dataset).where(Dataset.slug == slug)).one()
    fields, rows = iter_rows(session, dataset)
    names = [f.name for f in fields]
    return [dict(zip(names, row, strict=True)) for row in rows]


def test_demo_datasets_hold_valid_sample_records(session, file_store):
    report = load_demo(session, file_store)
    datasets = list(session.scalars(select(Dataset)))
    sets = {d.slug: session.get(RecordSet, d.id) for d in datasets}
    expected = {d.slug for d in datasets if d.content_type in WITH_RECORDS}
    assert expected == MAKERS == {slug for slug, rs in sets.items() if rs}
    assert report.imported == len(expected)
    assert report.records == sum(rs.row_count for rs in sets.values() if rs)
    imports = session.scalars(select(RecordImport)).all()
    assert len(imports) == len(expected)
    assert all(i.status == "succeeded" and i.on_error == "abort" for i in imports)
    assert all(i.rows_invalid == 0 and i.rows_loaded == i.rows_read > 0 for i in imports)
    types = Counter(d.content_type for d in datasets if sets[d.slug])
    assert types["statistics"] >= 3 and types["budget"] >= 2 and types["project"] >= 2
    assert types["legal_document"] >= 5 and types["portal_content"] >= 8 * 2
    record_types = Counter(rs.schema_name for rs in sets.values() if rs)
    assert all(record_types[t] >= 1 for t in ("article", "leader", "org_unit", "qa"))


def test_demo_statistics(session, file_store):
    load_demo(session, file_store)
    population = _records(session, "dan-so-theo-xa-phuong")
    areas = {r["REF_AREA"] for r in population}
    assert "Tỉnh Minh Hòa" in areas and len(areas) >= 7
    assert {r["GIOI_TINH"] for r in population} == {"Nam", "Nữ", "Tổng"}
    by_key = {(r["REF_AREA"], r["TIME_PERIOD"], r["GIOI_TINH"]): r["OBS_VALUE"] for r in population}
    for (area, period, sex), value in by_key.items():
        if sex == "Tổng":
            assert by_key[area, period, "Nam"] + by_key[area, period, "Nữ"] == value
    province = by_key["Tỉnh Minh Hòa", "2024", "Tổng"]
    assert 850_000 < province < 950_000
    assert by_key["Phường Minh Hòa", "2024", "Tổng"] == 48_210, "as in the dataset's CSV file"

    grdp = _records(session, "tong-san-pham-grdp-theo-nganh")
    assert {r["TIME_PERIOD"] for r in grdp} == {str(y) for y in range(2015, 2025)}
    assert len({r["KHU_VUC_KINH_TE"] for r in grdp}) == 5
    assert {r["OBS_STATUS"] for r in grdp if r["TIME_PERIOD"] == "2024"} == {"P", "E"}
    assert {r["UNIT_MEASURE"] for r in grdp} == {"tỷ đồng"}

    schools = _records(session, "hoc-sinh-pho-thong")
    assert {r["CAP_HOC"] for r in schools} == {"Mầm non", "Tiểu học", "THCS", "THPT"}
    assert "2024-2025" in {r["NAM_HOC"] for r in schools}

    air = _records(session, "chat-luong-khong-khi")
    missing = [r for r in air if r["OBS_STATUS"] == "M"]
    assert missing and all(r["OBS_VALUE"] is None for r in missing)


def test_demo_budget_disclosure(session, file_store):
    load_demo(session, file_store)
    rows = [dict(r, dataset=slug) for slug in _slugs("budget") for r in _records(session, slug)]
    assert {r["FISCAL_YEAR"] for r in rows} >= {2024, 2025}
    assert len({r["FORM"] for r in rows}) >= 4
    assert {r["PHASE"] for r in rows} == {"estimate", "executed", "final"}
    assert {"Y", "Q1", "Q2", "Q3"} <= {r["PERIOD"] for r in rows}
    assert {r["DIRECTION"] for r in rows} == {"revenue", "expenditure", "balance"}
    assert all(isinstance(r["AMOUNT"], int) and r["AMOUNT"] > 0 for r in rows)
    # every line that has sub-lines is their sum, in every column of every form
    amounts = {}
    for r in rows:
        key = (r["dataset"], r["FORM"], r["FISCAL_YEAR"], r["PERIOD"], r["PHASE"])
        amounts[key, r["LINE_CODE"]] = r["AMOUNT"]
    children: dict = {}
    for (key, code), amount in amounts.items():
        if "." in code:
            parent = (key, code.rsplit(".", 1)[0])
            children[parent] = children.get(parent, 0) + amount
    assert children
    for parent, total in children.items():
        assert amounts[parent] == total, parent
    # the quarters add up to the nine months of the demo's quarter III CSV file
    quarters = [
        r
        for r in rows
        if r["FORM"] == "59/CK-NSNN" and r["LINE_CODE"] == "A" and r["PERIOD"] in {"Q1", "Q2", "Q3"}
    ]
    assert sum(r["AMOUNT"] for r in quarters) == 4_125_000_000_000


def test_demo_projects(session, file_store):
    load_demo(session, file_store)
    rows = [r for slug in _slugs("project") for r in _records(session, slug)]
    assert len(rows) >= 40
    assert {r["STATUS"] for r in rows} == {"preparing", "in_progress", "completed"}
    for r in rows:
        assert r["NAME"] and r["OBJECTIVE"] and r["OWNER_ORG"] and r["BUDGET"] > 0
        assert r["START_YEAR"] <= r["END_YEAR"]
        if r["STATUS"] == "completed":
            assert r["END_YEAR"] <= 2024
        elif r["STATUS"] == "preparing":
            assert r["START_YEAR"] >= 2026
        if r["FUNDING_TYPE"] == "oda":
            assert r["DONOR"]
    assert len({r["DONOR"] for r in rows if r["DONOR"]}) >= 4


def test_an_older_demo_database_gains_its_records_once(session, file_store, monkeypatch):
    monkeypatch.setattr(demo_records, "RECORDS", {})
    monkeypatch.setattr(demo_legal, "LEGAL_RECORDS", {})
    monkeypatch.setattr(demo_portal, "PORTAL_RECORDS", {})
    first = load_demo(session, file_store)
    assert first.records == 0 and first.imported == 0
    monkeypatch.undo()
    second = load_demo(session, file_store)
    assert second.created == 0 and second.imported == len(MAKERS)
    seq = latest_seq(session)
    third = load_demo(session, file_store)
    assert third.imported == 0 and third.records == second.records
    assert latest_seq(session) == seq
    states = {d.slug: d.state for d in session.scalars(select(Dataset))}
    assert states["khach-du-lich"] == "withdrawn" and states["du-an-xa-phu-my"] == "draft"


def test_demo_legal_documents_relations_and_flags(client, session, file_store):
    load_demo(session, file_store)
    body = client.get("/api/v1/legal-documents?number=Nghị định số 43/2011/ND-CP").get_json()
    [decree] = body["data"]
    assert decree["status"] == "expired"
    graph = client.get(f"/api/v1/legal-documents/{decree['id']}/relations").get_json()
    kinds = {e["kind"] for e in graph["edges"]}
    assert {"based_on", "replaces"} <= kinds, "seed regulations rest on it, 42/2022 replaces it"
    flags = session.scalars(select(ReviewFlag)).all()
    assert any(f.cause_number == "43/2011/NĐ-CP" for f in flags)
    seeds = client.get("/api/v1/legal-documents?dataset=quy-che-cong-thong-tin-cac-tinh")
    numbers = {d["number"] for d in seeds.get_json()["data"]}
    assert {"14/2015/QĐ-UBND", "57/2018/QĐ-UBND", "17/2018/QĐ-UBND"} <= numbers
    ninh_binh = next(d for d in seeds.get_json()["data"] if d["number"] == "14/2015/QĐ-UBND")
    assert all(r["target_id"] for r in ninh_binh["relations"]), "every basis is in the hub"


def test_demo_portal_content_feeds_and_english_coverage(client, session, file_store):
    load_demo(session, file_store)
    feed = feedparser.parse(client.get("/feeds/news.atom").data)
    assert feed.bozo == 0 and len(feed.entries) == 50
    commune = feedparser.parse(client.get("/organization/phuong-long-chau/news.rss").data)
    assert commune.bozo == 0 and commune.entries
    gaps = client.get("/api/v1/english-coverage").get_json()["data"]
    found = {g["organization"]["name"]: set(g["missing"]) for g in gaps}
    assert found == demo_portal.ENGLISH_GAPS
