"""Indicator points, dimensions, ratings and suggestions, from datasets built through the
services and assessed from their DCAT-AP graph."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime

import pytest

from hub.auth.principal import Principal
from hub.net.linkcheck import LinkResult
from hub.quality.indicators import DIMENSIONS, INDICATORS, MAX_POINTS
from hub.quality.links import record_results
from hub.quality.scoring import assessment_dict, rating
from hub.quality.service import dataset_quality
from tests.quality.conftest import FULL

BASE = "http://hub.test"
ADMIN = Principal.system("test")


def _assess(session, dataset):
    return assessment_dict(dataset_quality(session, ADMIN, str(dataset.id), BASE))


def _points(report) -> dict[str, float]:
    return {key: value["points"] for key, value in report["indicators"].items()}


def test_the_method_adds_up_to_405():
    assert MAX_POINTS == 405
    assert DIMENSIONS == {
        "findability": 100,
        "accessibility": 100,
        "interoperability": 110,
        "reusability": 75,
        "contextuality": 20,
    }
    for dimension, most in DIMENSIONS.items():
        assert sum(i.max_points for i in INDICATORS if i.dimension == dimension) == most


def test_full_dataset(session, make_dataset):
    report = _assess(session, make_dataset(files=1, **FULL))
    points = _points(report)
    # Every indicator, the rights statement included (the licence and the citation).
    assert report["total"] == 405.0 and report["max"] == 405
    assert report["rating"] == "excellent" and report["stars"] == 3
    assert {k for k, v in report["indicators"].items() if v["points"] < v["max"]} == set()
    assert points["access_url_status"] == 50 and points["download_url_status"] == 30
    assert report["indicators"]["access_url_status"]["checked_at"] is None  # the hub's own
    assert report["indicators"]["dcat_ap_compliance"] == {
        "dimension": "interoperability",
        "points": 30.0,
        "max": 30,
        "rule": "met",
        "met": True,
        "violations": [],
    }
    assert report["dimensions"]["findability"] == {"points": 100.0, "max": 100}
    assert report["dimensions"]["contextuality"] == {"points": 20.0, "max": 20}
    assert report["suggestions"] == []
    assert all(link["checked_at"] == "internal" for link in report["links"])


def test_dataset_with_every_optional_field_empty(session, make_dataset):
    dataset = make_dataset(state="draft", content_type="other", themes=[], keywords=[])
    report = _assess(session, dataset)
    points = _points(report)
    # A draft has no issue date; without distributions, nothing of theirs scores.
    earned = {k: v for k, v in points.items() if v}
    assert earned == {
        "dcat_ap_compliance": 30.0,  # the title stands in for the missing description
        "access_rights": 10.0,
        "access_rights_vocabulary": 5.0,
        "publisher": 10.0,
        "modified": 5.0,
    }
    assert report["total"] == 60.0 and report["rating"] == "bad" and report["stars"] == 0
    assert report["indicators"]["licence"]["share"] == 0.0
    assert report["indicators"]["access_url_status"]["checked_at"] is None
    missed = {k for k, v in report["indicators"].items() if v["points"] < v["max"]}
    assert {s["indicator"] for s in report["suggestions"]} == missed
    assert len(report["suggestions"]) == len(missed) == len(INDICATORS) - 5


def test_several_distributions_share_and_best(session, make_dataset, server):
    ok, missing = server.url("/ok.xlsx"), server.url("/missing.pdf")
    dataset = make_dataset(files=1, links=[(missing, "PDF"), (ok, "XLSX")], **FULL)
    # Not checked yet: the two outside URLs count as not resolving.
    before = _assess(session, dataset)
    assert before["indicators"]["access_url_status"]["checked_at"] == "not_checked"
    assert before["indicators"]["access_url_status"]["points"] == round(50 / 3, 1)
    assert server.hits == {}  # assessing never fetches
    at = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    record_results(
        session,
        [
            LinkResult(ok, 200, None, None, 12, at),
            LinkResult(missing, 404, None, None, 8, at),
        ],
    )
    report = _assess(session, dataset)
    points, indicators = _points(report), report["indicators"]
    # Accessibility: the share of distributions (file and XLSX resolve, the PDF does not).
    assert indicators["access_url_status"]["share"] == pytest.approx(2 / 3, abs=1e-4)
    assert points["access_url_status"] == 33.3
    assert indicators["access_url_status"]["checked_at"] == at.isoformat()
    assert points["download_url"] == 6.7 and points["download_url_status"] == 10.0
    # Interoperability: the best distribution (the uploaded CSV) counts in full.
    for key in ("format", "media_type", "format_vocabulary", "non_proprietary"):
        assert points[key] == indicators[key]["max"] and indicators[key]["met"] is True
    assert indicators["non_proprietary"]["share"] == pytest.approx(1 / 3, abs=1e-4)
    assert indicators["machine_readable"]["share"] == pytest.approx(2 / 3, abs=1e-4)
    assert points["licence"] == 20.0 and points["byte_size"] == 1.7
    total = round(sum(points.values()), 1)
    assert report["total"] == total == 100 + 50 + 110 + 75 + 16.7
    assert report["stars"] == 3
    failing = next(link for link in report["links"] if link["url"] == missing)
    assert failing == {
        "url": missing,
        "ok": False,
        "status": 404,
        "error": None,
        "checked_at": at.isoformat(),
    }


def test_an_edit_shows_at_once(session, make_dataset):
    from hub.datasets import service

    dataset = make_dataset(state="draft", content_type="other", themes=[], keywords=[])
    assert _points(_assess(session, dataset))["keywords"] == 0
    service.update_dataset(session, ADMIN, dataset.id, {"keywords": ["ngân sách"]}, partial=True)
    assert _points(_assess(session, dataset))["keywords"] == 30


@pytest.mark.parametrize(
    ("total", "expected"),
    [
        (0, "bad"),
        (120, "bad"),
        (120.9, "bad"),
        (121, "sufficient"),
        (220, "sufficient"),
        (220.9, "sufficient"),
        (221, "good"),
        (350, "good"),
        (350.9, "good"),
        (351, "excellent"),
        (405, "excellent"),
    ],
)
def test_rating_boundaries(total, expected):
    assert rating(total) == expected


def test_suggestions_are_bilingual_nfc_and_only_for_missed_points(session, make_dataset):
    report = _assess(session, make_dataset(state="draft", themes=[], keywords=[]))
    assert report["suggestions"]
    for suggestion in report["suggestions"]:
        vi, en = suggestion["vi"], suggestion["en"]
        assert unicodedata.is_normalized("NFC", vi)
        assert any(unicodedata.decomposition(c) for c in vi), "Vietnamese needs its marks"
        assert en.isascii() and en != vi
        indicator = report["indicators"][suggestion["indicator"]]
        assert indicator["points"] < indicator["max"]
    keywords = next(s for s in report["suggestions"] if s["indicator"] == "keywords")
    assert keywords["vi"] == "Thêm từ khoá (dcat:keyword) để người dùng tìm thấy bộ dữ liệu."
    assert "keywords" in keywords["en"].lower()
