"""The legal-document index: kept in step with imports, relations resolved, review flags."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from hub.auth.principal import Principal
from hub.datasets import service as datasets
from hub.legal import service
from hub.legal.index import document_id, references_in
from hub.legal.models import LegalDocument, LegalRelation, ReviewFlag
from hub.records.service import ImportFailed
from tests.factories import ADMIN, DatasetFactory
from tests.legal.conftest import doc

ANON = Principal.anonymous()


def _docs(session, dataset):
    query = select(LegalDocument).where(LegalDocument.dataset_id == dataset.id)
    return {d.number: d for d in session.scalars(query)}


def _flags(session):
    rows = session.scalars(select(ReviewFlag).order_by(ReviewFlag.subject_label))
    return [(f.subject_type, f.subject_label.split(":")[0], f.cause_number) for f in rows]


def test_import_indexes_documents_with_canonical_numbers_and_derived_fields(
    session, legal_dataset, load_legal
):
    dataset = legal_dataset()
    load_legal(
        dataset,
        [
            doc("Nghị định số 47/2020/ND-CP", "Quản lý, kết nối và chia sẻ dữ liệu số"),
            doc("1526/qđ-ubnd", "Quy chế", ISSUER="Ủy ban nhân dân tỉnh Trà Vinh"),
            doc("Luật số 60/2024/QH15", "Luật Dữ liệu"),
        ],
    )
    docs = _docs(session, dataset)
    assert set(docs) == {"47/2020/NĐ-CP", "1526/QĐ-UBND", "60/2024/QH15"}
    decree = docs["47/2020/NĐ-CP"]
    assert (decree.doc_type, decree.issuer_code, decree.issuer) == ("NĐ", "CP", "Chính phủ")
    assert decree.key == "47/2020/ND-CP" and decree.id == document_id(dataset.id, decree.key)
    assert docs["1526/QĐ-UBND"].issuer == "Ủy ban nhân dân tỉnh Trà Vinh"
    law = docs["60/2024/QH15"]
    assert law.doc_type == "L" and law.title_key == "LAW:luat du lieu"


def test_reimport_keeps_ids_updates_and_removes(session, legal_dataset, load_legal):
    dataset = legal_dataset()
    load_legal(dataset, [doc("1/2020/QĐ-UBND", "Cũ"), doc("2/2020/QĐ-UBND")])
    first = {n: d.id for n, d in _docs(session, dataset).items()}
    load_legal(dataset, [doc("1/2020/QD-UBND", "Mới"), doc("3/2020/QĐ-UBND")])
    docs = _docs(session, dataset)
    assert set(docs) == {"1/2020/QĐ-UBND", "3/2020/QĐ-UBND"}
    assert docs["1/2020/QĐ-UBND"].id == first["1/2020/QĐ-UBND"]
    assert docs["1/2020/QĐ-UBND"].abstract == "Mới"


def test_a_failed_import_leaves_the_index_as_it_was(session, legal_dataset, load_legal):
    dataset = legal_dataset()
    load_legal(dataset, [doc("1/2020/QĐ-UBND", BASED_ON="47/2020/NĐ-CP")])
    with pytest.raises(ImportFailed) as failed:
        load_legal(dataset, [doc("2/2020/QĐ-UBND"), doc("5/20x0/QĐ-UBND")])
    problem = failed.value.report.problems[0]
    assert problem["column"] == "NUMBER" and "the year '20x0'" in problem["message"]
    assert set(_docs(session, dataset)) == {"1/2020/QĐ-UBND"}
    assert session.scalar(select(func.count()).select_from(LegalRelation)) == 1


def test_relations_resolve_across_datasets_and_later_arrivals(session, legal_dataset, load_legal):
    provincial, national = legal_dataset(), legal_dataset()
    load_legal(
        provincial,
        [
            doc(
                "12/2023/QĐ-UBND",
                BASED_ON="Căn cứ Luật Công nghệ thông tin ngày 29/6/2006; "
                "Nghị định số 42/2022/NĐ-CP ngày 24/6/2022 của Chính phủ",
                REPLACES="05/2016/QĐ-UBND",
            )
        ],
    )
    decision = _docs(session, provincial)["12/2023/QĐ-UBND"]
    view = service.document_view(session, ANON, decision, "http://hub.test")
    assert [(r["kind"], r["target_key"], r["target_id"]) for r in view["relations"]] == [
        ("based_on", "LAW:luat cong nghe thong tin", None),
        ("based_on", "42/2022/ND-CP", None),
        ("replaces", "05/2016/QD-UBND", None),
    ]
    assert view["relations"][1]["label"].startswith("Nghị định số 42/2022/NĐ-CP ngày 24/6/2022")
    load_legal(
        national,
        [
            doc("67/2006/QH11", "Luật Công nghệ thông tin"),
            doc("Nghị định 42/2022/ND-CP", "Cung cấp thông tin và dịch vụ công trực tuyến"),
        ],
    )
    targets = _docs(session, national)
    view = service.document_view(session, ANON, decision, "http://hub.test")
    assert [r["target_id"] for r in view["relations"]] == [
        str(targets["67/2006/QH11"].id),
        str(targets["42/2022/NĐ-CP"].id),
        None,
    ]


def test_references_in_reads_prose_and_bare_lists():
    refs = references_in("47/2020/ND-CP; Thông tư 39/2017/TT-BTTTT\n1526/QĐ-UBND; nonsense")
    assert [r.number for r in refs] == ["47/2020/NĐ-CP", "39/2017/TT-BTTTT", "1526/QĐ-UBND"]
    assert references_in("") == [] and references_in(None) == []


def test_expiry_flags_documents_and_datasets_based_on_it_once(
    session, org, legal_dataset, load_legal
):
    national, provincial = legal_dataset(), legal_dataset()
    load_legal(national, [doc("43/2011/NĐ-CP", "Cung cấp thông tin trên cổng")])
    load_legal(
        provincial,
        [
            doc("14/2015/QĐ-UBND", BASED_ON="Nghị định số 43/2011/NĐ-CP ngày 13/6/2011"),
            doc("15/2015/QĐ-UBND", CITES="43/2011/NĐ-CP"),  # cites only: not flagged
        ],
    )
    portal = DatasetFactory(
        session=session, organization=org, legal_basis=["Nghị định 43/2011/ND-CP"]
    )
    DatasetFactory(session=session, organization=org, legal_basis=["42/2022/NĐ-CP"])
    assert _flags(session) == []
    expired = doc("43/2011/NĐ-CP", "Cung cấp thông tin trên cổng", status="expired")
    load_legal(national, [expired])
    assert _flags(session) == [
        ("legal_document", "14/2015/QĐ-UBND", "43/2011/NĐ-CP"),
        ("dataset", portal.title_vi, "43/2011/NĐ-CP"),
    ]
    load_legal(national, [expired])  # still expired: nothing new
    load_legal(provincial, [doc("14/2015/QĐ-UBND", BASED_ON="43/2011/NĐ-CP")])
    assert len(_flags(session)) == 2


def test_content_written_on_an_expired_document_is_flagged(session, org, legal_dataset, load_legal):
    national, provincial = legal_dataset(), legal_dataset()
    load_legal(national, [doc("43/2011/NĐ-CP", "Cũ", status="Hết hiệu lực toàn bộ")])
    load_legal(provincial, [doc("5/2016/QĐ-UBND", BASED_ON="43/2011/ND-CP")])
    dataset = DatasetFactory(session=session, organization=org)
    assert _flags(session) == [("legal_document", "5/2016/QĐ-UBND", "43/2011/NĐ-CP")]
    datasets.update_dataset(session, ADMIN, dataset.id, {"legal_basis": ["43/2011/NĐ-CP"]})
    assert ("dataset", dataset.title_vi, "43/2011/NĐ-CP") in _flags(session)


def test_resolved_flags_stay_resolved(session, org, legal_dataset, load_legal):
    national, provincial = legal_dataset(), legal_dataset()
    load_legal(national, [doc("43/2011/NĐ-CP", status="expired")])
    load_legal(provincial, [doc("5/2016/QĐ-UBND", BASED_ON="43/2011/NĐ-CP")])
    flag = session.scalars(select(ReviewFlag)).one()
    service.resolve_flag(session, ADMIN, str(flag.id), "Đã thay thế bằng văn bản mới.")
    load_legal(provincial, [doc("5/2016/QĐ-UBND", "Sửa", BASED_ON="43/2011/NĐ-CP")])
    flags = session.scalars(select(ReviewFlag)).all()
    assert len(flags) == 1 and flags[0].resolved_at is not None
    assert flags[0].resolution == "Đã thay thế bằng văn bản mới."
    assert session.scalars(service.flag_query(ADMIN)).all() == []


def test_relation_cycles_never_loop_a_traversal(session, legal_dataset, load_legal):
    dataset = legal_dataset()
    load_legal(
        dataset,
        [
            doc("1/2020/QĐ-UBND", AMENDS="2/2020/QĐ-UBND"),
            doc("2/2020/QĐ-UBND", AMENDS="1/2020/QĐ-UBND; 3/2020/QĐ-UBND"),
            doc("3/2020/QĐ-UBND", BASED_ON="1/2020/QĐ-UBND; 99/2019/NĐ-CP"),
        ],
    )
    first = _docs(session, dataset)["1/2020/QĐ-UBND"]
    graph = service.relation_graph(session, ANON, first, depth=5)
    numbers = sorted(n["number"] for n in graph["nodes"])
    assert numbers == ["1/2020/QĐ-UBND", "2/2020/QĐ-UBND", "3/2020/QĐ-UBND", "99/2019/NĐ-CP"]
    assert len(graph["edges"]) == 5
    unresolved = [n for n in graph["nodes"] if not n["resolved"]]
    assert [n["id"] for n in unresolved] == ["ref:99/2019/ND-CP"]
    near = service.relation_graph(session, ANON, first, depth=1)
    assert {e["kind"] for e in near["edges"]} == {"amends", "based_on"}
    assert len(near["nodes"]) == 3  # 2 (both directions) and 3 (based on it)


def test_documents_of_hidden_datasets_are_not_visible(session, legal_dataset, load_legal):
    draft = legal_dataset(state="draft")
    load_legal(draft, [doc("1/2020/QĐ-UBND")])
    assert session.scalars(service.document_query(ANON, service.LegalFilters())).all() == []
    assert len(session.scalars(service.document_query(ADMIN, service.LegalFilters())).all()) == 1


def test_laws_cited_by_title_resolve_to_the_one_of_the_cited_year(
    session, legal_dataset, load_legal
):
    national, provincial = legal_dataset(), legal_dataset()
    load_legal(
        national,
        [
            doc("45/2013/QH13", "Luật Đất đai năm 2013", ISSUED="29/11/2013"),
            doc("31/2024/QH15", "Luật Đất đai", ISSUED="18/01/2024"),
            doc("89/2015/QH13", "Luật Thống kê: thu thập và công bố thông tin thống kê"),
        ],
    )
    load_legal(
        provincial,
        [
            doc("1/2020/QĐ-UBND", BASED_ON="Luật Đất đai ngày 29 tháng 11 năm 2013"),
            doc("2/2025/QĐ-UBND", BASED_ON="Luật Đất đai ngày 18/01/2024; Luật Thống kê 2015"),
        ],
    )
    laws = _docs(session, national)
    old = service.document_view(session, ANON, _docs(session, provincial)["1/2020/QĐ-UBND"], "")
    new = service.document_view(session, ANON, _docs(session, provincial)["2/2025/QĐ-UBND"], "")
    assert old["relations"][0]["target_id"] == str(laws["45/2013/QH13"].id)
    assert [r["target_id"] for r in new["relations"]] == [
        str(laws["31/2024/QH15"].id),
        str(laws["89/2015/QH13"].id),
    ]
    graph = service.relation_graph(session, ANON, laws["45/2013/QH13"])
    assert [n["number"] for n in graph["nodes"]] == ["45/2013/QH13", "1/2020/QĐ-UBND"]
