"""ELI RDF profile of legal documents: serialize, parse back, render in four formats."""

from __future__ import annotations

import copy
import json
import unicodedata
from datetime import date

import pytest
from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, FOAF

from hub.legal.eli import (
    ELI,
    FORMATS,
    EliProfile,
    document_iri,
    hub_namespace,
    reference_iri,
    render,
)

BASE = "https://hub.example"
A_ID = "0b6f2d4e-1c3a-4f5b-9e8d-7a6b5c4d3e2f"
B_ID = "5d1c9a7e-2b4f-4e6a-8c3d-1f0e9d8c7b6a"
IANA = "https://www.iana.org/assignments/media-types/"
# Not rdflib's XSD: pytest probes module globals and XSD warns on unknown names.
XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")
LANG = "http://publications.europa.eu/resource/authority/language/"


def full_doc() -> dict:
    return {
        "id": A_ID,
        "number": "47/2020/NĐ-CP",
        "doc_type": "NĐ",
        "doc_type_label": {"vi": "Nghị định", "en": "Decree"},
        "issuer": "Chính phủ",
        "issuer_code": "CP",
        "signer": "Nguyễn Xuân Phúc",
        "issued": date(2020, 4, 9),
        "effective": date(2020, 5, 25),
        "expired": date(2030, 1, 1),
        "status": "in_force",
        "abstract": "Quy định về quản lý, kết nối và chia sẻ dữ liệu số của cơ quan nhà nước",
        "abstract_en": "On the management, connection and sharing of digital data",
        "sector": "Công nghệ thông tin",
        "files": [
            {
                "role": "text",
                "url": "https://docs.example/vb/47-2020.docx",
                "media_type": None,
            },
            {
                "role": "original",
                "url": f"{BASE}/legal/{A_ID}/files/original",
                "media_type": "application/pdf",
            },
        ],
        "relations": [
            {
                "kind": "based_on",
                "label": "Luật Công nghệ thông tin ngày 29/6/2006",
                "target_id": None,
                "target_key": "LAW:luat cong nghe thong tin",
                "number": None,
            },
            {
                "kind": "repeals",
                "label": "Nghị định số 43/2011/NĐ-CP",
                "target_id": None,
                "target_key": "43/2011/ND-CP",
                "number": "43/2011/NĐ-CP",
            },
            {
                "kind": "amends",
                "label": "Quyết định số 12/2019/QĐ-UBND",
                "target_id": B_ID,
                "target_key": "12/2019/QD-UBND",
                "number": "12/2019/QĐ-UBND",
            },
            {
                "kind": "replaces",
                "label": "Nghị định số 64/2007/NĐ-CP",
                "target_id": None,
                "target_key": "64/2007/ND-CP",
                "number": "64/2007/NĐ-CP",
            },
            {
                "kind": "cites",
                "label": "Luật Giao dịch điện tử",
                "target_id": None,
                "target_key": "LAW:luat giao dich dien tu",
                "number": None,
            },
        ],
    }


def minimal_doc(doc_id: str = B_ID) -> dict:
    return {
        "id": doc_id,
        "number": "12/2019/QĐ-UBND",
        "doc_type": None,
        "doc_type_label": None,
        "issuer": None,
        "issuer_code": None,
        "signer": None,
        "issued": date(2019, 3, 1),
        "effective": None,
        "expired": None,
        "status": "not_yet_in_force",
        "abstract": "Ban hành quy chế",
        "abstract_en": None,
        "sector": None,
        "files": [],
        "relations": [],
    }


def round_trip(docs: list[dict], base: str = BASE) -> list[dict]:
    profile = EliProfile()
    return profile.parse(profile.serialize(docs, base), base)


def test_document_iri_strips_one_trailing_slash():
    assert document_iri(BASE, A_ID) == f"{BASE}/legal/{A_ID}"
    assert document_iri(BASE + "/", A_ID) == f"{BASE}/legal/{A_ID}"


def test_full_document_round_trips_exactly():
    doc = full_doc()
    original = copy.deepcopy(doc)
    assert round_trip([doc]) == [original]
    assert doc == original  # serialize does not touch its input


def test_trailing_slash_base_gives_the_same_graph():
    profile = EliProfile()
    with_slash = profile.serialize([full_doc()], BASE + "/")
    assert isomorphic(with_slash, profile.serialize([full_doc()], BASE))
    assert profile.parse(with_slash, BASE) == [full_doc()]


def test_minimal_document_round_trips():
    assert round_trip([minimal_doc()]) == [minimal_doc()]


def test_parse_sorts_documents_by_id():
    second = minimal_doc("ffffffff-0000-4000-8000-000000000000")
    first = minimal_doc("00000000-0000-4000-8000-000000000000")
    assert [d["id"] for d in round_trip([second, full_doc(), first])] == [
        first["id"],
        A_ID,
        second["id"],
    ]


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_each_format_parses_back_to_an_isomorphic_graph_and_the_same_docs(fmt):
    profile = EliProfile()
    docs = [full_doc(), minimal_doc()]
    graph = profile.serialize(docs, BASE)
    data = render(graph, fmt)
    assert isinstance(data, bytes)
    again = Graph().parse(data=data, format=FORMATS[fmt][0])
    assert isomorphic(graph, again)
    assert profile.parse(again, BASE) == sorted(docs, key=lambda d: d["id"])


def test_formats_table():
    assert FORMATS == {
        "ttl": ("turtle", "text/turtle; charset=utf-8"),
        "rdf": ("xml", "application/rdf+xml"),
        "jsonld": ("json-ld", "application/ld+json"),
        "nt": ("nt", "application/n-triples"),
    }


def test_render_refuses_an_unknown_format():
    with pytest.raises(ValueError, match="unknown RDF format"):
        render(EliProfile().serialize([full_doc()], BASE), "csv")


def test_jsonld_is_json_with_a_readable_context():
    data = json.loads(render(EliProfile().serialize([full_doc()], BASE), "jsonld"))
    context = data["@context"]
    assert context["eli"] == str(ELI)
    assert context["hub"] == f"{BASE}/ns#"
    for prefix in ("dcterms", "skos", "xsd", "foaf"):
        assert prefix in context
    nodes = {node["@id"]: node for node in data["@graph"]}
    doc = nodes[document_iri(BASE, A_ID)]
    assert doc["@type"] == "eli:LegalResource"
    assert doc["eli:id_local"] == "47/2020/NĐ-CP"


def test_turtle_uses_the_bound_prefixes():
    text = render(EliProfile().serialize([full_doc()], BASE), "ttl").decode("utf-8")
    for prefix in ("eli", "dcterms", "skos", "xsd", "foaf", "hub"):
        assert f"@prefix {prefix}: " in text
    assert "eli:in_force eli:InForce-inForce" in text


def test_the_eli_triples_consumers_read():
    graph = EliProfile().serialize([full_doc()], BASE)
    doc = URIRef(document_iri(BASE, A_ID))
    assert (doc, RDF.type, ELI.LegalResource) in graph
    assert graph.value(doc, ELI.id_local) == Literal("47/2020/NĐ-CP")
    issued = graph.value(doc, ELI.date_document)
    assert issued.datatype == XSD_DATE and issued.toPython() == date(2020, 4, 9)
    assert graph.value(doc, ELI.first_date_entry_in_force).datatype == XSD_DATE
    assert graph.value(doc, ELI.date_no_longer_in_force).datatype == XSD_DATE
    assert graph.value(doc, ELI.in_force) == URIRef(
        "http://data.europa.eu/eli/ontology#InForce-inForce"
    )
    assert graph.value(doc, DCTERMS.subject) == Literal("Công nghệ thông tin", lang="vi")

    agent = graph.value(doc, ELI.passed_by)
    assert agent == URIRef(f"{BASE}/legal/issuer/CP")
    assert (agent, RDF.type, FOAF.Organization) in graph
    assert graph.value(agent, SKOS.prefLabel) == Literal("Chính phủ", lang="vi")

    concept = graph.value(doc, ELI.type_document)
    assert concept == URIRef(f"{BASE}/legal/type/NĐ")
    assert (concept, RDF.type, SKOS.Concept) in graph
    assert graph.value(concept, SKOS.notation) == Literal("NĐ")
    assert set(graph.objects(concept, SKOS.prefLabel)) == {
        Literal("Nghị định", lang="vi"),
        Literal("Decree", lang="en"),
    }

    vie = URIRef(f"{document_iri(BASE, A_ID)}/vie")
    eng = URIRef(f"{document_iri(BASE, A_ID)}/eng")
    assert set(graph.objects(doc, ELI.is_realized_by)) == {vie, eng}
    assert (vie, RDF.type, ELI.LegalExpression) in graph
    assert (vie, ELI.realizes, doc) in graph
    assert graph.value(vie, ELI["title"]).language == "vi"
    assert graph.value(vie, ELI.language) == URIRef(LANG + "VIE")
    assert graph.value(eng, ELI["title"]) == Literal(full_doc()["abstract_en"], lang="en")
    assert graph.value(eng, ELI.language) == URIRef(LANG + "ENG")

    original = URIRef(f"{vie}/original")
    assert set(graph.objects(vie, ELI.is_embodied_by)) == {original, URIRef(f"{vie}/text")}
    assert (original, RDF.type, ELI.Format) in graph
    assert (original, ELI.embodies, vie) in graph
    assert graph.value(original, ELI.is_exemplified_by) == URIRef(
        f"{BASE}/legal/{A_ID}/files/original"
    )
    assert graph.value(original, ELI["format"]) == URIRef(IANA + "application/pdf")
    assert graph.value(URIRef(f"{vie}/text"), ELI["format"]) is None

    law = URIRef(reference_iri(BASE, "LAW:luat cong nghe thong tin"))
    decree = URIRef(reference_iri(BASE, "43/2011/ND-CP"))
    assert (doc, ELI.based_on, law) in graph
    assert (doc, ELI.repeals, decree) in graph
    assert (doc, ELI.amends, URIRef(document_iri(BASE, B_ID))) in graph
    assert (doc, DCTERMS.replaces, URIRef(reference_iri(BASE, "64/2007/ND-CP"))) in graph
    assert (doc, ELI.cites, URIRef(reference_iri(BASE, "LAW:luat giao dich dien tu"))) in graph
    assert (decree, RDF.type, ELI.LegalResource) in graph
    assert graph.value(decree, ELI.id_local) == Literal("43/2011/NĐ-CP")
    assert graph.value(decree, RDFS.label) == Literal("Nghị định số 43/2011/NĐ-CP", lang="vi")
    assert graph.value(law, ELI.id_local) is None


def test_nothing_is_said_about_a_resolved_target():
    graph = EliProfile().serialize([full_doc()], BASE)
    target = URIRef(document_iri(BASE, B_ID))
    assert list(graph.predicate_objects(target)) == []
    assert EliProfile().parse(graph, BASE)[0]["id"] == A_ID  # B is only linked, not parsed


@pytest.mark.parametrize(
    ("status", "value"),
    [
        ("in_force", "InForce-inForce"),
        ("partially_expired", "InForce-partiallyInForce"),
        ("expired", "InForce-notInForce"),
        ("not_yet_in_force", "InForce-notInForce"),
    ],
)
def test_status_maps_to_eli_in_force_and_back(status, value):
    doc = minimal_doc() | {"status": status}
    graph = EliProfile().serialize([doc], BASE)
    iri = URIRef(document_iri(BASE, B_ID))
    assert graph.value(iri, ELI.in_force) == ELI[value]
    assert graph.value(iri, hub_namespace(BASE).validityStatus) == Literal(status)
    assert EliProfile().parse(graph, BASE)[0]["status"] == status


def test_status_falls_back_to_eli_in_force_without_the_hub_property():
    graph = EliProfile().serialize([minimal_doc() | {"status": "partially_expired"}], BASE)
    graph.remove((None, hub_namespace(BASE).validityStatus, None))
    assert EliProfile().parse(graph, BASE)[0]["status"] == "partially_expired"


def test_issuer_name_without_code_round_trips_through_a_slug_agent():
    doc = minimal_doc() | {"issuer": "Sở Tài chính"}
    graph = EliProfile().serialize([doc], BASE)
    agent = graph.value(URIRef(document_iri(BASE, B_ID)), ELI.passed_by)
    assert agent == URIRef(f"{BASE}/legal/issuer/name/so-tai-chinh")
    assert graph.value(agent, SKOS.notation) is None
    assert EliProfile().parse(graph, BASE) == [doc]


def test_bodies_sharing_a_code_keep_their_own_names():
    first = minimal_doc("00000000-0000-4000-8000-000000000001") | {
        "issuer": "Ủy ban nhân dân tỉnh Quảng Nam",
        "issuer_code": "UBND",
    }
    second = minimal_doc("00000000-0000-4000-8000-000000000002") | {
        "issuer": "Ủy ban nhân dân huyện Đại Lộc",
        "issuer_code": "UBND",
    }
    graph = EliProfile().serialize([first, second], BASE)
    agent = URIRef(f"{BASE}/legal/issuer/UBND")
    assert len(list(graph.objects(agent, SKOS.prefLabel))) == 1  # one prefLabel per language
    assert EliProfile().parse(graph, BASE) == [first, second]


VIETNAMESE = [
    "Ủy ban nhân dân tỉnh Quảng Nam",
    "Đ",
    "Quy định về quản lý, kết nối và chia sẻ dữ liệu số",
    "Nguyễn Thị Ánh Tuyết",
]


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_vietnamese_nfc_text_survives_every_format(fmt):
    doc = minimal_doc() | {
        "number": "05/2024/QĐ-UBND",
        "doc_type": "QĐ",
        "doc_type_label": {"vi": "Quyết định", "en": "Decision"},
        "issuer": VIETNAMESE[0],
        "issuer_code": "UBND",
        "signer": VIETNAMESE[3],
        "abstract": VIETNAMESE[2],
        "sector": VIETNAMESE[1],
        "relations": [
            {
                "kind": "based_on",
                "label": "Nghị quyết số 01/2023/NQ-HĐND",
                "target_id": None,
                "target_key": "01/2023/NQ-HĐND",
                "number": "01/2023/NQ-HĐND",
            }
        ],
    }
    for text in VIETNAMESE:
        assert unicodedata.is_normalized("NFC", text)
    data = render(EliProfile().serialize([doc], BASE), fmt)
    parsed = EliProfile().parse(Graph().parse(data=data, format=FORMATS[fmt][0]), BASE)
    assert parsed == [doc]
    for value in (*VIETNAMESE, "05/2024/QĐ-UBND"):
        assert value.encode("utf-8") in data


def test_relation_cycle_parses_back():
    a = minimal_doc(A_ID) | {
        "relations": [
            {
                "kind": "based_on",
                "label": "Quyết định số 12/2019/QĐ-UBND",
                "target_id": B_ID,
                "target_key": "12/2019/QD-UBND",
                "number": "12/2019/QĐ-UBND",
            }
        ]
    }
    b = minimal_doc(B_ID) | {
        "relations": [
            {
                "kind": "based_on",
                "label": "Quyết định số 47/2020/QĐ-UBND",
                "target_id": A_ID,
                "target_key": "47/2020/QD-UBND",
                "number": "47/2020/QĐ-UBND",
            }
        ]
    }
    graph = EliProfile().serialize([a, b], BASE)
    a_iri, b_iri = URIRef(document_iri(BASE, A_ID)), URIRef(document_iri(BASE, B_ID))
    assert (a_iri, ELI.based_on, b_iri) in graph
    assert (b_iri, ELI.based_on, a_iri) in graph
    assert EliProfile().parse(graph, BASE) == [a, b]


def test_unresolved_reference_iri_escapes_slashes_and_spaces():
    assert reference_iri(BASE, "43/2011/ND-CP") == f"{BASE}/legal/ref/43%2F2011%2FND-CP"
    assert (
        reference_iri(BASE + "/", "LAW:luat cong nghe thong tin")
        == f"{BASE}/legal/ref/LAW%3Aluat%20cong%20nghe%20thong%20tin"
    )
    graph = EliProfile().serialize([full_doc()], BASE)
    refs = {str(o) for o in graph.objects(URIRef(document_iri(BASE, A_ID)), ELI.based_on)}
    assert refs == {f"{BASE}/legal/ref/LAW%3Aluat%20cong%20nghe%20thong%20tin"}
    for iri in graph.all_nodes():
        if str(iri).startswith(f"{BASE}/legal/ref/"):
            rest = str(iri)[len(f"{BASE}/legal/ref/") :]
            assert "/" not in rest and " " not in rest


def test_relations_and_files_keep_their_input_order():
    doc = full_doc()
    doc["relations"].reverse()
    doc["files"].reverse()
    assert round_trip([doc]) == [doc]


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="relation kind"):
        EliProfile().serialize(
            [
                minimal_doc()
                | {
                    "relations": [
                        {
                            "kind": "annuls",
                            "label": "x",
                            "target_id": None,
                            "target_key": "x",
                            "number": None,
                        }
                    ]
                }
            ],
            BASE,
        )
    with pytest.raises(ValueError, match="validity status"):
        EliProfile().serialize([minimal_doc() | {"status": "valid"}], BASE)
    twice = {"role": "text", "url": "https://docs.example/a.pdf", "media_type": None}
    with pytest.raises(ValueError, match="two files"):
        EliProfile().serialize([minimal_doc() | {"files": [twice, twice]}], BASE)
