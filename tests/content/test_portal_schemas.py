"""The eight portal-content record schemas: they load, declare what the regulations ask
for, and their converters take the values offices write and refuse bad ones."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from marshmallow import ValidationError

from hub.records.schema import SCHEMA_DIR, ContentSchema, load_schema_file, record_schema

FIELDS = {
    "article": "ID TITLE TITLE_EN SUMMARY BODY AUTHOR SOURCE PUBLISHED CATEGORY IMAGES URL",
    "leader": "ID NAME POSITION POSITION_EN UNIT BIOGRAPHY DUTIES DUTIES_EN PHOTO PHONE EMAIL "
    "SORT_ORDER",
    "org_unit": "CODE NAME_VI NAME_EN PARENT FUNCTIONS_VI FUNCTIONS_EN HEAD ADDRESS PHONE EMAIL "
    "WEBSITE",
    "contact": "ID NAME POSITION POSITION_EN UNIT UNIT_EN PHONE FAX EMAIL",
    "work_schedule": "ID DATE TIME LEADER CONTENT PLACE PARTICIPANTS HOST NOTE",
    "public_service": "CODE NAME NAME_EN SECTOR LEVEL AGENCY URL PROCESSING_DAYS FEE",
    "draft_for_comment": "ID TITLE SUMMARY FULL_TEXT FILE DRAFTING_AGENCY OPENS CLOSES "
    "COMMENT_ADDRESS COMMENT_URL COMMENTS_RECEIVED COMMENTS_SUMMARY",
    "qa": "ID QUESTION ASKED_BY ASKED_ON SECTOR ANSWER ANSWERED_BY ANSWERED_ON",
}
TYPES = {
    "article": {"BODY": "html", "PUBLISHED": "datetime", "URL": "url", "SUMMARY": "text"},
    "leader": {"PHOTO": "url", "SORT_ORDER": "integer", "DUTIES": "text"},
    "org_unit": {"WEBSITE": "url", "FUNCTIONS_VI": "text", "PARENT": "string"},
    "contact": {"PHONE": "string"},
    "work_schedule": {"DATE": "date", "TIME": "time", "CONTENT": "text"},
    "public_service": {"URL": "url", "PROCESSING_DAYS": "integer", "FEE": "text"},
    "draft_for_comment": {
        "FULL_TEXT": "html",
        "FILE": "url",
        "OPENS": "date",
        "CLOSES": "date",
        "COMMENT_URL": "url",
        "COMMENTS_RECEIVED": "integer",
    },
    "qa": {"QUESTION": "text", "ASKED_ON": "date", "ANSWER": "html", "ANSWERED_ON": "date"},
}
REQUIRED = {
    "article": {"TITLE", "PUBLISHED"},
    "leader": {"NAME", "POSITION"},
    "org_unit": {"NAME_VI"},
    "contact": {"NAME"},
    "work_schedule": {"DATE", "CONTENT"},
    "public_service": {"NAME"},
    "draft_for_comment": {"TITLE", "OPENS", "CLOSES"},
    "qa": {"QUESTION", "ASKED_ON"},
}
FILTERS = {
    "article": {"PUBLISHED", "CATEGORY"},
    "work_schedule": {"DATE", "LEADER"},
    "public_service": {"SECTOR", "LEVEL", "AGENCY"},
    "draft_for_comment": {"CLOSES"},
    "qa": {"ASKED_ON", "SECTOR"},
}


def load(name: str) -> ContentSchema:
    return load_schema_file(SCHEMA_DIR / f"{name}.yaml")


def convert(schema: str, field: str, raw: object) -> object:
    spec = load(schema).field(field)
    assert spec is not None, field
    return spec.convert(raw)


@pytest.mark.parametrize("name", sorted(FIELDS))
def test_the_schema_loads_with_the_specified_fields(name):
    schema = load(name)
    assert schema.name == name
    assert schema.title_vi and schema.title_en and schema.description
    assert schema.standard == "schema.org"
    assert [f.name for f in schema.fields] == FIELDS[name].split()
    first = schema.fields[0]
    assert [f.name for f in schema.key] == [first.name] and first.required
    for field, kind in TYPES[name].items():
        assert schema.field(field).type == kind, field
    assert REQUIRED[name] <= {f.name for f in schema.fields if f.required}
    assert FILTERS.get(name, set()) <= {f.name for f in schema.fields if f.filter}
    for spec in schema.fields:
        for text in (spec.label_vi, spec.label_en, spec.description):
            assert unicodedata.is_normalized("NFC", text), (spec.name, text)
        assert set(spec.maps) <= {"schema_org"}
        if spec.type in ("string", "text", "html") and not spec.codes:
            assert spec.max_length, f"{name}.{spec.name} has no max_length"
    for text in (schema.title_vi, schema.description):
        assert unicodedata.is_normalized("NFC", text)
    assert any(f.maps.get("schema_org") for f in schema.fields)


def test_code_lists():
    categories = {c.code: (c.vi, c.en) for c in load("article").field("CATEGORY").codes}
    assert set(categories) == {"news", "event", "direction", "announcement", "policy", "other"}
    assert categories["direction"][0] == "Chỉ đạo, điều hành"
    levels = {c.code: c.vi for c in load("public_service").field("LEVEL").codes}
    assert levels == {"full": "Toàn trình", "partial": "Một phần", "info": "Cung cấp thông tin"}


def test_article_values():
    body = convert(
        "article",
        "BODY",
        '<p onclick="steal()">Tin <strong>mới</strong></p><script>alert(1)</script>'
        '<a href="javascript:alert(1)">xem</a><ul><li>một</li></ul>',
    )
    assert "script" not in body and "alert" not in body and "onclick" not in body
    assert "<strong>mới</strong>" in body and "<li>một</li>" in body
    assert convert("article", "PUBLISHED", "22/11/2026 08:30") == "2026-11-22T08:30:00+07:00"
    assert convert("article", "PUBLISHED", "2026-11-22T01:30:00Z") == "2026-11-22T08:30:00+07:00"
    assert convert("article", "CATEGORY", "Chỉ đạo, điều hành") == "direction"
    assert convert("article", "CATEGORY", "chinh sach moi") == "policy"
    assert convert("article", "CATEGORY", "Announcement") == "announcement"
    assert convert("article", "TITLE", "  Tin  ") == "Tin"
    decomposed = unicodedata.normalize("NFD", "Hòa Lợi")
    assert convert("article", "TITLE", decomposed) == "Hòa Lợi"  # stored in NFC
    assert convert("article", "URL", "https://stc.minhhoa.example/tin-tuc/a") is not None
    for bad_field, bad in [
        ("PUBLISHED", "hôm qua"),
        ("PUBLISHED", "31/02/2026 08:00"),
        ("CATEGORY", "Thể thao"),
        ("URL", "javascript:alert(1)"),
        ("URL", "stc.minhhoa.example/tin-tuc"),
        ("URL", "https://a.example/có dấu cách"),
        ("TITLE", ""),
        ("TITLE", "x" * 501),
    ]:
        with pytest.raises(ValueError):
            convert("article", bad_field, bad)


def test_schedule_service_draft_and_qa_values():
    assert convert("work_schedule", "DATE", "20/11/2025") == date(2025, 11, 20)
    assert convert("work_schedule", "TIME", "8h30") == "08:30"
    assert convert("work_schedule", "TIME", "14 giờ") == "14:00"
    with pytest.raises(ValueError):
        convert("work_schedule", "TIME", "25:00")
    assert convert("public_service", "LEVEL", "Toàn trình") == "full"
    assert convert("public_service", "LEVEL", "mot phan") == "partial"
    assert convert("public_service", "LEVEL", "Information only") == "info"
    with pytest.raises(ValueError):
        convert("public_service", "LEVEL", "Mức độ 4")
    assert convert("public_service", "PROCESSING_DAYS", "15") == 15
    with pytest.raises(ValueError):
        convert("public_service", "PROCESSING_DAYS", "-1")
    assert convert("draft_for_comment", "COMMENTS_RECEIVED", "1.234") == 1234
    with pytest.raises(ValueError):
        convert("draft_for_comment", "COMMENTS_RECEIVED", "-3")
    with pytest.raises(ValueError):
        convert("draft_for_comment", "CLOSES", "")
    assert convert("draft_for_comment", "COMMENT_URL", "") is None
    with pytest.raises(ValueError):
        convert("draft_for_comment", "FILE", "ftp://stp.minhhoa.example/du-thao.pdf")
    assert convert("qa", "ANSWER", "<p>Trả lời</p><iframe src='x'></iframe>") == "<p>Trả lời</p>"
    assert convert("qa", "ANSWER", "<script>x()</script>") is None
    assert convert("leader", "SORT_ORDER", "2") == 2
    assert convert("org_unit", "WEBSITE", "https://stc.minhhoa.example") is not None


def test_the_descriptions_name_the_comment_rule():
    schema = load("draft_for_comment")
    for name in ("COMMENTS_RECEIVED", "COMMENTS_SUMMARY"):
        assert "CLOSES" in schema.field(name).description
    assert "OPENS" in schema.field("CLOSES").description


def test_the_marshmallow_schema_of_a_record():
    marshmallow = record_schema(load("article").fields)()
    loaded = marshmallow.load(
        {"ID": "T1", "TITLE": "Tin", "PUBLISHED": "20/11/2025 7:05", "CATEGORY": "Sự kiện"}
    )
    assert loaded["PUBLISHED"] == "2025-11-20T07:05:00+07:00" and loaded["CATEGORY"] == "event"
    with pytest.raises(ValidationError) as error:
        marshmallow.load({"ID": "T1", "TITLE": "Tin"})
    assert "PUBLISHED" in error.value.messages
