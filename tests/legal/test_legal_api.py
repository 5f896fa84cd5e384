"""Legal documents over HTTP: find by number, relations, ELI, files, review flags."""

from __future__ import annotations

import io
import json
import unicodedata
from urllib.parse import quote

import pytest
from rdflib import Graph
from sqlalchemy import select

from hub.legal.eli import EliProfile
from hub.legal.models import ReviewFlag
from tests.factories import OrganizationFactory
from tests.legal.conftest import doc

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
BASE = "http://hub.test"


@pytest.fixture
def documents(legal_dataset, load_legal):
    national, provincial = legal_dataset(), legal_dataset()
    load_legal(
        national,
        [
            doc("47/2020/NĐ-CP", "Quản lý, kết nối và chia sẻ dữ liệu số", ISSUED="09/04/2020"),
            doc("43/2011/NĐ-CP", "Cung cấp thông tin trên cổng", "expired", ISSUED="13/06/2011"),
            doc("60/2024/QH15", "Luật Dữ liệu", ISSUED="30/11/2024"),
        ],
    )
    load_legal(
        provincial,
        [
            doc(
                "14/2015/QĐ-UBND",
                "Quy chế trang thông tin điện tử",
                ISSUED="15/06/2015",
                BASED_ON="Nghị định số 43/2011/NĐ-CP ngày 13/6/2011; 72/2013/NĐ-CP",
                FILE_TEXT="https://vanban.example/14-2015.docx",
            ),
            doc("7816/VPCP-TTĐT", "Công văn", ISSUED="01/10/2024", CITES="47/2020/ND-CP"),
        ],
    )
    return national, provincial


def _find(client, number: str) -> list[str]:
    response = client.get(f"/api/v1/legal-documents?number={quote(number)}")
    assert response.status_code == 200, response.get_json()
    return [d["number"] for d in response.get_json()["data"]]


@pytest.mark.parametrize(
    "written",
    [
        "47/2020/NĐ-CP",
        "47/2020/ND-CP",
        "47 / 2020 / nđ - cp",
        "Nghị định số 47/2020/NĐ-CP",
        "nghi dinh so 47/2020/nd-cp",
        unicodedata.normalize("NFD", "47/2020/NĐ\u2013CP"),
    ],
)
def test_find_by_number_whatever_the_writing(client, documents, written):
    assert _find(client, written) == ["47/2020/NĐ-CP"]


def test_find_letters_laws_by_title_and_filters(client, documents):
    assert _find(client, "7816/VPCP-TTDT") == ["7816/VPCP-TTĐT"]
    assert _find(client, "Luật số 60/2024/QH15") == ["60/2024/QH15"]
    assert _find(client, "Luật Dữ liệu") == ["60/2024/QH15"]
    assert _find(client, "1/2099/QĐ-UBND") == []
    body = client.get("/api/v1/legal-documents?type=Nghị định&count=true").get_json()
    assert body["count"] == 2 and [d["number"] for d in body["data"]] == [
        "47/2020/NĐ-CP",
        "43/2011/NĐ-CP",
    ]
    expired = client.get("/api/v1/legal-documents?status=Hết hiệu lực toàn bộ").get_json()
    assert [d["number"] for d in expired["data"]] == ["43/2011/NĐ-CP"]
    since = client.get("/api/v1/legal-documents?issued_from=2020-01-01&issuer=CP").get_json()
    assert [d["number"] for d in since["data"]] == ["47/2020/NĐ-CP"]


@pytest.mark.parametrize(
    "query, name, words",
    [
        ("number=47/20x0/NĐ-CP", "number", "the year '20x0'"),
        ("number=47/2020/", "number", "no symbol"),
        ("number=số 12a/2020/QĐ-UBND", "number", "the number '12a'"),
        ("number=' OR 1=1 --", "number", "must start with digits"),
        ("status=repealed", "status", "code list"),
        ("issued_from=13/06/2011", "issued_from", "YYYY-MM-DD"),
        ("colour=red", "colour", "unknown"),
        ("number=" + "1" * 10_000, "number", "at most 300"),
        ("number=%00%01/2020/QĐ-UBND", "number", "must start with digits"),
        ("sector=%00", "sector", "control characters"),
        ("issuer=%00x", "issuer", "control characters"),
        ("dataset=" + "x" * 301, "dataset", "at most 300"),
    ],
)
def test_bad_parameters_are_400_naming_the_part(client, documents, query, name, words):
    response = client.get(f"/api/v1/legal-documents?{query}")
    assert response.status_code == 400
    body = response.get_json()
    assert body["errors"][0]["field"] == name and words in json.dumps(body, ensure_ascii=False)


def test_show_document_with_relations_and_files(client, documents):
    [decision] = client.get("/api/v1/legal-documents?number=14/2015/QĐ-UBND").get_json()["data"]
    response = client.get(f"/api/v1/legal-documents/{decision['id']}")
    assert response.status_code == 200 and response.headers["Last-Modified"]
    body = response.get_json()
    assert body["status_label"] == {"vi": "Còn hiệu lực", "en": "In force"}
    assert body["doc_type"] == "QĐ" and body["issuer_code"] == "UBND"
    assert body["eli"] == f"{BASE}/legal/{decision['id']}"
    relations = {r["number"]: r for r in body["relations"]}
    assert relations["43/2011/NĐ-CP"]["target_url"].startswith(f"{BASE}/api/v1/legal-documents/")
    assert relations["72/2013/NĐ-CP"]["target_id"] is None
    assert body["files"] == [
        {
            "role": "text",
            "url": "https://vanban.example/14-2015.docx",
            "media_type": None,
            "file_name": None,
            "size": None,
            "uploaded": False,
        }
    ]
    assert client.get("/api/v1/legal-documents/not-a-uuid").status_code == 404


def test_relations_endpoint_returns_both_directions(client, documents):
    [decree] = client.get("/api/v1/legal-documents?number=43/2011/ND-CP").get_json()["data"]
    graph = client.get(f"/api/v1/legal-documents/{decree['id']}/relations").get_json()
    numbers = {n["id"]: n["number"] for n in graph["nodes"]}
    assert [(numbers[e["source"]], e["kind"], numbers[e["target"]]) for e in graph["edges"]] == [
        ("14/2015/QĐ-UBND", "based_on", "43/2011/NĐ-CP")
    ]
    deeper = client.get(f"/api/v1/legal-documents/{decree['id']}/relations?depth=2").get_json()
    assert "72/2013/NĐ-CP" in {n["number"] for n in deeper["nodes"]}
    for bad in ("0", "6", "x"):
        url = f"/api/v1/legal-documents/{decree['id']}/relations?depth={bad}"
        assert client.get(url).status_code == 400


def test_eli_formats_parse_and_round_trip(client, documents):
    [decision] = client.get("/api/v1/legal-documents?number=14/2015/QĐ-UBND").get_json()["data"]
    doc_id = decision["id"]
    graphs = {}
    for ext, fmt, media in [
        ("ttl", "turtle", "text/turtle"),
        ("rdf", "xml", "application/rdf+xml"),
        ("jsonld", "json-ld", "application/ld+json"),
        ("nt", "nt", "application/n-triples"),
    ]:
        response = client.get(f"/legal/{doc_id}.{ext}")
        assert response.status_code == 200 and response.mimetype == media
        graphs[ext] = Graph().parse(data=response.data, format=fmt)
        negotiated = client.get(f"/legal/{doc_id}", headers={"Accept": media})
        assert negotiated.mimetype == media and negotiated.headers["Vary"] == "Accept"
    [parsed] = EliProfile().parse(graphs["ttl"], BASE)
    assert parsed["id"] == doc_id and parsed["number"] == "14/2015/QĐ-UBND"
    assert str(parsed["issued"]) == "2015-06-15" and parsed["status"] == "in_force"
    assert [r["number"] for r in parsed["relations"]] == ["43/2011/NĐ-CP", "72/2013/NĐ-CP"]
    assert [r["target_id"] for r in parsed["relations"]] == [
        r["target_id"] for r in decision["relations"]
    ]
    assert len(graphs["ttl"]) == len(graphs["rdf"]) == len(graphs["jsonld"]) == len(graphs["nt"])
    json_client = client.get(f"/legal/{doc_id}", headers={"Accept": "application/json"})
    assert json_client.status_code == 303
    assert json_client.headers["Location"] == f"{BASE}/api/v1/legal-documents/{doc_id}"
    assert client.get(f"/legal/{doc_id}").mimetype == "text/turtle"
    assert client.get("/legal/00000000-0000-0000-0000-000000000000.ttl").status_code == 404


def _upload(client, doc_id, content, name, headers, role="original", mimetype=None):
    file = (io.BytesIO(content), name, mimetype) if mimetype else (io.BytesIO(content), name)
    return client.post(
        f"/api/v1/legal-documents/{doc_id}/files",
        data={"file": file, "role": role},
        headers=headers,
        content_type="multipart/form-data",
    )


def test_upload_and_download_files_checking_their_content(client, documents, token):
    [decision] = client.get("/api/v1/legal-documents?number=14/2015/QĐ-UBND").get_json()["data"]
    doc_id, editor = decision["id"], token("admin")
    assert _upload(client, doc_id, PDF, "qd.pdf", {}).status_code == 401
    fake = _upload(client, doc_id, b"just text, not a PDF", "qd.pdf", editor)
    assert fake.status_code == 415 and "pdf" in fake.get_json()["detail"].lower()
    claimed = _upload(client, doc_id, b"plain text", "qd.txt", editor, mimetype="application/pdf")
    assert claimed.status_code == 415
    wrong_role = _upload(client, doc_id, b"plain text", "qd.txt", editor, role="original")
    assert wrong_role.status_code == 415
    assert _upload(client, doc_id, PDF, "qd.pdf", editor, role="scan").status_code == 400
    response = _upload(client, doc_id, PDF, "Quyết định 14.pdf", editor)
    assert response.status_code == 201, response.get_json()
    download = client.get(response.headers["Location"].replace(BASE, ""))
    assert download.status_code == 200 and download.data == PDF
    assert download.mimetype == "application/pdf"
    files = client.get(f"/api/v1/legal-documents/{doc_id}").get_json()["files"]
    assert [(f["role"], f["uploaded"]) for f in files] == [("original", True), ("text", False)]
    link = client.get(f"/legal/{doc_id}/files/text")
    assert link.status_code == 303 and link.headers["Location"].endswith("14-2015.docx")
    assert client.get(f"/legal/{doc_id}/files/other").status_code == 404


def test_documents_of_a_draft_dataset_are_hidden_from_the_public(client, legal_dataset, load_legal):
    load_legal(legal_dataset(state="draft"), [doc("1/2020/QĐ-UBND")])
    assert _find(client, "1/2020/QĐ-UBND") == []


def test_editors_see_and_resolve_their_review_flags(client, session, documents, token, org):
    other = OrganizationFactory(session=session)
    flag = session.scalars(select(ReviewFlag)).one()
    assert client.get("/api/v1/review-flags").status_code == 401
    assert (
        client.get("/api/v1/review-flags", headers=token("editor", other)).get_json()["data"] == []
    )
    editor = token("editor", org)
    [listed] = client.get("/api/v1/review-flags", headers=editor).get_json()["data"]
    assert listed["id"] == str(flag.id) and listed["cause_number"] == "43/2011/NĐ-CP"
    assert "hết hiệu lực" in listed["message"]["vi"]
    url = f"/api/v1/review-flags/{flag.id}/resolve"
    assert client.post(url, json={"note": "x"}, headers=token("editor", other)).status_code == 404
    assert client.post(url, json={"colour": "red"}, headers=editor).status_code == 422
    done = client.post(url, json={"note": "Đã sửa đổi quy chế."}, headers=editor)
    assert done.status_code == 200 and done.get_json()["resolved_at"]
    assert client.get("/api/v1/review-flags", headers=editor).get_json()["data"] == []
    every = client.get("/api/v1/review-flags?state=all", headers=editor).get_json()["data"]
    assert every[0]["resolution"] == "Đã sửa đổi quy chế."
