"""schema.org JSON-LD of portal content: one node per record, no empty values, and RDF
that a JSON-LD processor (rdflib) reads with the expected types."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import Namespace

from hub.content.schemaorg import SchemaOrgContext, describe, graph
from hub.demo import portal
from hub.records.schema import SCHEMA_DIR, load_schema_file

# rdflib's JSON-LD parser still builds a ConjunctiveGraph internally.
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
SDO = Namespace("https://schema.org/")
CONTEXT = SchemaOrgContext(
    base_url="https://data.minhhoa.example/",
    dataset_url="https://data.minhhoa.example/datasets/co-cau-to-chuc-so-tai-chinh",
    organization_name="Sở Tài chính",
    organization_url="https://stc.minhhoa.example",
)

SAMPLES: dict[str, tuple[str, dict]] = {
    "article": (
        "NewsArticle",
        {
            "ID": "STC-TIN001",
            "TITLE": "Sở Tài chính hướng dẫn xây dựng dự toán ngân sách năm 2026",
            "TITLE_EN": "Guidance on the 2026 budget estimates",
            "SUMMARY": "Hướng dẫn các cơ quan xây dựng dự toán.",
            "BODY": "<p><strong>Hướng dẫn</strong> dự toán.</p><ul><li>Một</li><li>Hai</li></ul>",
            "AUTHOR": "Minh Thư",
            "SOURCE": "Sở Tài chính",
            "PUBLISHED": "2025-11-12T08:30:00+07:00",
            "CATEGORY": "direction",
            "IMAGES": "https://stc.minhhoa.example/images/a-1.jpg\n"
            "https://stc.minhhoa.example/images/a-2.jpg",
            "URL": "https://stc.minhhoa.example/tin-tuc/du-toan-2026",
        },
    ),
    "leader": (
        "Person",
        {
            "ID": "STC-LD01",
            "NAME": "Trần Thị Bình",
            "POSITION": "Giám đốc",
            "POSITION_EN": "Director",
            "UNIT": "Sở Tài chính",
            "BIOGRAPHY": "Sinh năm 1971.",
            "DUTIES": "Lãnh đạo toàn diện.",
            "PHOTO": "https://stc.minhhoa.example/images/lanh-dao/tran-thi-binh.jpg",
            "PHONE": "0294 3855 002",
            "EMAIL": "binhtt.stc@minhhoa.example",
            "SORT_ORDER": 1,
        },
    ),
    "org_unit": (
        "GovernmentOrganization",
        {
            "CODE": "STC.03",
            "NAME_VI": "Phòng Quản lý ngân sách",
            "NAME_EN": "Budget Management Division",
            "PARENT": "STC",
            "FUNCTIONS_VI": "Tham mưu về ngân sách nhà nước.",
            "FUNCTIONS_EN": "Advises on the state budget.",
            "HEAD": "Ngô Đức Long",
            "ADDRESS": "Số 3 đường Trần Phú, phường Minh Hòa",
            "PHONE": "0294 3871 210",
            "EMAIL": "pqlns.stc@minhhoa.example",
            "WEBSITE": None,
        },
    ),
    "contact": (
        "ContactPoint",
        {
            "ID": "STC-DB01",
            "NAME": "Trần Thị Bình",
            "POSITION": "Giám đốc",
            "POSITION_EN": "Director",
            "UNIT": "Sở Tài chính",
            "UNIT_EN": "Department of Finance",
            "PHONE": "0294 3855 002",
            "FAX": "0294 3856 002",
            "EMAIL": "binhtt.stc@minhhoa.example",
        },
    ),
    "public_service": (
        "GovernmentService",
        {
            "CODE": "1.001612",
            "NAME": "Đăng ký thành lập doanh nghiệp tư nhân",
            "NAME_EN": "Registration of a sole proprietorship",
            "SECTOR": "Thành lập và hoạt động doanh nghiệp",
            "LEVEL": "full",
            "AGENCY": "Sở Tài chính",
            "URL": "https://dichvucong.minhhoa.example/thu-tuc/1.001612",
            "PROCESSING_DAYS": 3,
            "FEE": "Miễn lệ phí khi nộp hồ sơ qua mạng",
        },
    ),
    "work_schedule": (
        "Event",
        {
            "ID": "LCT-20251120-01",
            "DATE": date(2025, 11, 20),
            "TIME": "08:00",
            "LEADER": "Lâm Ngọc Hiếu",
            "CONTENT": "Dự Lễ kỷ niệm Ngày Nhà giáo Việt Nam",
            "PLACE": "Hội trường Trung tâm Hội nghị tỉnh",
            "PARTICIPANTS": "Giám đốc Sở Giáo dục và Đào tạo",
            "HOST": "Sở Giáo dục và Đào tạo",
            "NOTE": "",
        },
    ),
    "draft_for_comment": (
        "CreativeWork",
        {
            "ID": "DT-2025-04",
            "TITLE": "Dự thảo Quyết định bãi bỏ một số quyết định",
            "SUMMARY": "Bãi bỏ các quyết định không còn phù hợp.",
            "FULL_TEXT": "<p><strong>Điều 1.</strong> Phạm vi.</p><p>Điều 2. Đối tượng.</p>",
            "FILE": "https://stp.minhhoa.example/du-thao/dt-2025-04/du-thao.pdf",
            "DRAFTING_AGENCY": "Sở Tư pháp",
            "OPENS": "2025-09-22",
            "CLOSES": date(2025, 10, 22),
            "COMMENT_ADDRESS": "Sở Tư pháp, Số 4 đường Trần Phú",
            "COMMENT_URL": "https://stp.minhhoa.example/du-thao/dt-2025-04/gop-y",
            "COMMENTS_RECEIVED": 0,
            "COMMENTS_SUMMARY": "Không nhận được ý kiến góp ý.",
        },
    ),
    "qa": (
        "Question",
        {
            "ID": "HD-2025-003",
            "QUESTION": "Tôi năm nay 19 tuổi. Tôi đã đủ tuổi đăng ký kết hôn chưa?",
            "ASKED_BY": "Lê Minh T., xã Phú Mỹ",
            "ASKED_ON": date(2025, 10, 2),
            "SECTOR": "Hôn nhân và gia đình",
            "ANSWER": "<p>Nam từ đủ 20 tuổi trở lên.</p><p>Anh cần chờ.</p>",
            "ANSWERED_BY": "Sở Tư pháp",
            "ANSWERED_ON": "2025-10-06",
        },
    ),
}


def empty_values(value, path="$"):
    """Paths of empty values (None, "", [], {}) anywhere in a JSON-LD node."""
    if value is None or value == "" or value == [] or value == {}:
        return [path]
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in empty_values(v, f"{path}.{k}")]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in empty_values(v, f"{path}[{i}]")]
    return []


def rdf(doc: dict) -> Graph:
    # The schema.org context is remote; an inline @vocab gives the same IRIs offline.
    inline = {**doc, "@context": {"@vocab": str(SDO)}}
    return Graph().parse(data=json.dumps(inline), format="json-ld")


@pytest.mark.parametrize("record_type", sorted(SAMPLES))
def test_each_type_describes_its_records(record_type):
    expected_type, record = SAMPLES[record_type]
    node = describe(record_type, record, CONTEXT)
    assert node["@type"] == expected_type
    assert "@context" not in node
    assert node["@id"].startswith(CONTEXT.dataset_url + "#")
    assert node["identifier"] == record.get("ID") or node["identifier"] == record.get("CODE")
    assert json.loads(json.dumps(node)) == node
    assert empty_values(node) == []
    g = rdf(graph(record_type, [record], CONTEXT))
    assert (URIRef(node["@id"]), RDF.type, SDO[expected_type]) in g


def test_article():
    node = describe("article", SAMPLES["article"][1], CONTEXT)
    assert node["headline"].startswith("Sở Tài chính") and node["alternativeHeadline"]
    assert node["articleBody"] == "Hướng dẫn dự toán. Một Hai"  # plain text, blocks apart
    assert node["author"] == {"@type": "Person", "name": "Minh Thư"}
    assert node["datePublished"] == "2025-11-12T08:30:00+07:00"
    assert node["articleSection"] == "Chỉ đạo, điều hành"
    assert len(node["image"]) == 2
    assert node["publisher"] == {
        "@type": "GovernmentOrganization",
        "name": "Sở Tài chính",
        "url": "https://stc.minhhoa.example",
    }
    assert node["inLanguage"] == "vi"
    english = SchemaOrgContext(**{**CONTEXT.__dict__, "language": "en"})
    assert describe("article", SAMPLES["article"][1], english)["articleSection"] == (
        "Direction and administration"
    )


def test_empty_fields_are_left_out():
    record = {**SAMPLES["article"][1], "AUTHOR": "", "IMAGES": None, "TITLE_EN": "  "}
    record["BODY"] = "<script>only()</script>"
    node = describe("article", record, CONTEXT)
    assert not {"author", "image", "alternativeHeadline", "articleBody"} & set(node)
    assert empty_values(node) == []
    no_url = SchemaOrgContext("https://data.example/", "https://data.example/d", "Sở Y tế", None)
    assert describe("article", record, no_url)["publisher"] == {
        "@type": "GovernmentOrganization",
        "name": "Sở Y tế",
    }
    bare = describe("public_service", {"CODE": "1.000001", "NAME": "Thủ tục"}, CONTEXT)
    assert "availableChannel" not in bare and "offers" not in bare
    assert bare["provider"]["name"] == "Sở Tài chính"  # the publisher when no agency is named


def test_structure_links_units_by_identifier():
    node = describe("org_unit", SAMPLES["org_unit"][1], CONTEXT)
    assert node["@id"] == f"{CONTEXT.dataset_url}#unit-STC.03"
    assert node["parentOrganization"] == {"@id": f"{CONTEXT.dataset_url}#unit-STC"}
    assert node["name"] == "Phòng Quản lý ngân sách"
    assert node["alternateName"] == "Budget Management Division"
    assert node["address"]["streetAddress"].startswith("Số 3")
    root = describe("org_unit", {"CODE": "STC", "NAME_VI": "Sở Tài chính"}, CONTEXT)
    assert "parentOrganization" not in root
    g = rdf(graph("org_unit", [{"CODE": "STC", "NAME_VI": "Sở Tài chính"}, SAMPLES["org_unit"][1]],
                  CONTEXT))  # fmt: skip
    parent = URIRef(f"{CONTEXT.dataset_url}#unit-STC")
    assert (URIRef(node["@id"]), SDO.parentOrganization, parent) in g
    assert (parent, SDO.name, Literal("Sở Tài chính")) in g


def test_other_types():
    person = describe("leader", SAMPLES["leader"][1], CONTEXT)
    assert person["jobTitle"] == "Giám đốc" and person["worksFor"]["name"] == "Sở Tài chính"
    contact = describe("contact", SAMPLES["contact"][1], CONTEXT)
    assert contact["contactType"] == "Giám đốc" and contact["faxNumber"] == "0294 3856 002"
    service = describe("public_service", SAMPLES["public_service"][1], CONTEXT)
    assert service["availableChannel"] == {
        "@type": "ServiceChannel",
        "serviceUrl": "https://dichvucong.minhhoa.example/thu-tuc/1.001612",
        "processingTime": "P3D",
    }
    assert service["category"] == "Toàn trình" and service["serviceType"].startswith("Thành lập")
    event = describe("work_schedule", SAMPLES["work_schedule"][1], CONTEXT)
    assert event["startDate"] == "2025-11-20T08:00:00+07:00"
    assert event["location"] == {"@type": "Place", "name": "Hội trường Trung tâm Hội nghị tỉnh"}
    assert event["organizer"]["name"] == "Sở Giáo dục và Đào tạo"
    untimed = describe(
        "work_schedule", {"ID": "x", "DATE": "2025-11-21", "CONTENT": "Họp"}, CONTEXT
    )
    assert untimed["startDate"] == "2025-11-21"
    draft = describe("draft_for_comment", SAMPLES["draft_for_comment"][1], CONTEXT)
    assert (draft["dateCreated"], draft["expires"]) == ("2025-09-22", "2025-10-22")
    assert draft["commentCount"] == 0  # zero comments is a fact, not an empty value
    assert draft["text"] == "Điều 1. Phạm vi. Điều 2. Đối tượng."
    assert draft["url"].endswith("du-thao.pdf") and draft["publisher"]["name"] == "Sở Tư pháp"
    question = describe("qa", SAMPLES["qa"][1], CONTEXT)
    assert question["acceptedAnswer"] == {
        "@type": "Answer",
        "text": "Nam từ đủ 20 tuổi trở lên. Anh cần chờ.",
        "author": {"@type": "GovernmentOrganization", "name": "Sở Tư pháp"},
        "dateCreated": "2025-10-06",
    }
    assert question["dateCreated"] == "2025-10-02" and question["answerCount"] == 1
    open_question = {**SAMPLES["qa"][1], "ANSWER": None, "ANSWERED_BY": None, "ANSWERED_ON": None}
    node = describe("qa", open_question, CONTEXT)
    assert "acceptedAnswer" not in node and node["answerCount"] == 0
    long = describe(
        "qa", {"ID": "q", "QUESTION": "Xin hỏi " * 40, "ASKED_ON": "2025-11-01"}, CONTEXT
    )
    assert len(long["name"]) <= 110 and long["name"].endswith("…")


def test_unmapped_types():
    assert describe("statistics", {"REF_AREA": "x"}, CONTEXT) is None
    assert graph("budget_line", [{"FORM": "46"}], CONTEXT) == {
        "@context": "https://schema.org",
        "@graph": [],
    }


@pytest.mark.parametrize(
    "slug",
    [
        "tin-tuc-cong-thong-tin-tinh",
        "lanh-dao-ubnd-tinh-minh-hoa",
        "co-cau-to-chuc-so-tu-phap",
        "danh-ba-co-quan-nha-nuoc",
        "lich-cong-tac-lanh-dao-tinh",
        "dich-vu-cong-truc-tuyen",
        "du-thao-lay-y-kien-nhan-dan",
        "hoi-dap-phap-luat",
    ],
)
def test_the_demo_records_make_valid_json_ld(slug):
    record_type, generate = portal.PORTAL_RECORDS[slug]
    schema = load_schema_file(SCHEMA_DIR / f"{record_type}.yaml")
    rows = list(csv.DictReader(io.StringIO(generate()[1])))
    records = [{f.name: f.convert(row[f.name]) for f in schema.fields} for row in rows]
    context = SchemaOrgContext(
        "https://data.minhhoa.example/",
        f"https://data.minhhoa.example/datasets/{slug}",
        "Văn phòng Ủy ban nhân dân tỉnh",
        "https://vpubnd.minhhoa.example",
    )
    doc = graph(record_type, records, context)
    assert doc["@context"] == "https://schema.org" and len(doc["@graph"]) == len(records)
    assert empty_values(doc) == []
    expected = SAMPLES[record_type][0]
    typed = set(rdf(doc).subjects(RDF.type, SDO[expected]))
    assert typed == {URIRef(node["@id"]) for node in doc["@graph"]}
