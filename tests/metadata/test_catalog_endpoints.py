"""The DCAT endpoints: ``/catalog[.<fmt>]`` paged with Hydra links, ``/dataset/<name>[.<fmt>]``,
content negotiation, filters, bad parameters, and IRIs from ``HUB_BASE_URL`` only."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from rdflib import RDF, Graph, URIRef
from rdflib.namespace import DCAT
from sqlalchemy import insert

from hub.datasets.models import Dataset, Distribution, Organization
from hub.metadata import catalog as catalog_service
from hub.metadata.catalog import HYDRA
from hub.search import service as search

BASE = "http://hub.test"
RDFLIB = {"ttl": "turtle", "rdf": "xml", "jsonld": "json-ld", "nt": "nt"}
TYPES = {
    "ttl": "text/turtle; charset=utf-8",
    "rdf": "application/rdf+xml",
    "jsonld": "application/ld+json",
    "nt": "application/n-triples",
}
SHAPES = (
    Path(__file__).resolve().parents[2].parent / "shared/fixtures/dcat-ap-shacl/3.0.1/html-shacl"
)
PAGE = 4  # small pages: the walk crosses several of them
NOW = datetime(2025, 6, 1, 12, tzinfo=UTC)
TOPICS = ["Ngân sách tỉnh", "Dân số huyện", "Trường học", "Giao thông đường bộ", "Bệnh viện"]


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(catalog_service, "PAGE_SIZE", PAGE)


@pytest.fixture
def corpus(session) -> dict:
    """Three organizations, 15 public datasets and 4 that are not (draft, non-public,
    deleted, pending), inserted in bulk and indexed for search."""
    orgs = [
        {"id": uuid.uuid4(), "slug": f"so-{i}", "title_vi": f"Sở số {i}", "kind": "department"}
        for i in range(3)
    ]
    session.execute(insert(Organization), orgs)
    rows, dists = [], []
    hidden = {15: ("draft", "PUBLIC"), 16: ("published", "NON_PUBLIC")}
    hidden |= {17: ("deleted", "PUBLIC"), 18: ("pending", "PUBLIC")}
    for i in range(19):
        state, access = hidden.get(i, ("published", "PUBLIC"))
        # Pairs share a modification time: the id breaks ties, so order is still total.
        modified = NOW - timedelta(days=i // 2)
        rows.append(
            {
                "id": uuid.uuid4(),
                "slug": f"bo-du-lieu-{i:02d}",
                "organization_id": orgs[i % 3]["id"],
                "content_type": "table",
                "state": state,
                "access_rights": access,
                "title_vi": f"{TOPICS[i % len(TOPICS)]} năm {2000 + i}",
                "description_vi": "Số liệu cập nhật định kỳ.",
                "themes": [],
                "keywords": [],
                "licence": "CC-BY-4.0",
                "language": ["vi"],
                "legal_basis": [],
                "modified": modified,
                "metadata_modified": modified,
                "created_at": modified,
                "revision_number": 1,
            }
        )
        dists.append(
            {
                "id": uuid.uuid4(),
                "dataset_id": rows[-1]["id"],
                "kind": "link",
                "title_vi": "Tệp CSV",
                "url": f"https://data.example.gov.vn/{i}.csv",
                "format": "CSV",
                "media_type": "text/csv",
                "position": 0,
            }
        )
    session.execute(insert(Dataset), rows)
    session.execute(insert(Distribution), dists)
    session.commit()
    search.reindex(session, search.get_backend())
    session.commit()
    public = [r for r in rows if r["state"] == "published" and r["access_rights"] == "PUBLIC"]
    return {"orgs": orgs, "rows": rows, "public": public}


def _iri(row: dict) -> URIRef:
    return URIRef(f"{BASE}/dataset/{row['slug']}")


def _parse(response, fmt: str = "ttl") -> Graph:
    return Graph().parse(data=response.data, format=RDFLIB[fmt])


def _datasets(graph: Graph) -> set[URIRef]:
    return set(graph.objects(URIRef(f"{BASE}/catalog"), DCAT.dataset))


def _local(url: str) -> str:
    assert url.startswith(BASE + "/"), url
    return url[len(BASE) :]


def test_formats_content_types_and_head(client, corpus):
    for fmt, content_type in TYPES.items():
        response = client.get(f"/catalog.{fmt}")
        assert response.status_code == 200, fmt
        assert response.headers["Content-Type"] == content_type
        assert response.headers["Vary"] == "Accept"
        graph = _parse(response, fmt)
        assert (URIRef(f"{BASE}/catalog"), RDF.type, DCAT.Catalog) in graph
        assert _datasets(graph) == {_iri(r) for r in corpus["public"]}
        head = client.head(f"/catalog.{fmt}")
        assert head.status_code == 200 and head.data == b""
        assert head.headers["Content-Length"] == str(len(response.data))

        one = client.get(f"/dataset/{corpus['public'][0]['slug']}.{fmt}")
        assert one.status_code == 200 and one.headers["Content-Type"] == content_type
        assert (_iri(corpus["public"][0]), RDF.type, DCAT.Dataset) in _parse(one, fmt)
        head = client.head(f"/dataset/{corpus['public'][0]['id']}.{fmt}")  # by id too
        assert head.headers["Content-Length"] == str(len(one.data)) and head.data == b""


def test_turtle_writer_says_what_the_graph_says(session, corpus):
    from rdflib import BNode, Literal
    from rdflib.compare import isomorphic

    page = catalog_service.catalog_page(session, catalog_service.CatalogQuery())
    graph = catalog_service.catalog_graph(session, page, BASE, "ttl")
    back = Graph().parse(data=catalog_service.render(graph, "ttl"), format="turtle")
    assert len(back) == len(graph) and isomorphic(back, graph)
    # The writer's corner cases: escapes, odd IRIs, nested and cyclic blank nodes.
    graph, a, b, c = Graph(), BNode(), BNode(), BNode()
    graph.bind("ex", "http://ex.org/")
    s = URIRef("http://ex.org/s")
    graph.add((s, URIRef("http://ex.org/p"), Literal('quote " back \\ line\n tab\t', lang="vi")))
    graph.add((s, URIRef("http://ex.org/p"), Literal(3)))
    graph.add((s, URIRef("http://ex.org/has.dot"), URIRef("http://ex.org/d/é.x?a=1&b=2")))
    graph.add((s, URIRef("http://ex.org/q"), a))
    graph.add((a, URIRef("http://ex.org/q"), Literal("inner")))
    graph.add((b, URIRef("http://ex.org/r"), c))
    graph.add((c, URIRef("http://ex.org/r"), b))
    back = Graph().parse(data=catalog_service.turtle(graph), format="turtle")
    assert len(back) == len(graph) and isomorphic(back, graph)


def test_negotiation(client, corpus):
    slug = corpus["public"][1]["slug"]
    for path in ("/catalog", f"/dataset/{slug}"):
        for fmt, content_type in TYPES.items():
            response = client.get(path, headers={"Accept": content_type.split(";")[0]})
            assert response.headers["Content-Type"] == content_type, (path, fmt)
            assert response.headers["Vary"] == "Accept"
            _parse(response, fmt)
        default = client.get(path)  # no Accept, or */*: Turtle
        assert default.headers["Content-Type"] == TYPES["ttl"]
        assert client.get(path, headers={"Accept": "*/*"}).headers["Content-Type"] == TYPES["ttl"]
        weighted = "application/ld+json;q=0.5, application/rdf+xml;q=0.9, text/html;q=0.1"
        assert (
            client.get(path, headers={"Accept": weighted}).headers["Content-Type"] == (TYPES["rdf"])
        )
        browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
        for accept in (browser, "application/json"):
            response = client.get(path, headers={"Accept": accept})
            assert response.status_code == 303 and response.headers["Vary"] == "Accept"
            assert response.headers["Location"].startswith(f"{BASE}/api/v1/datasets")
        refused = client.get(path, headers={"Accept": "image/png"})
        assert refused.status_code == 406 and refused.headers["Vary"] == "Accept"
    dataset_id = corpus["public"][1]["id"]
    response = client.get(f"/dataset/{slug}", headers={"Accept": "text/html"})
    assert response.headers["Location"] == f"{BASE}/api/v1/datasets/{dataset_id}"


def _walk(client, start: str, next_of) -> list[Graph]:
    pages, url, seen = [], start, set()
    while url:
        assert url not in seen, f"paging loops at {url}"
        seen.add(url)
        response = client.get(_local(url))
        assert response.status_code == 200, url
        graph = _parse(response, url.split("?")[0].rsplit(".", 1)[1])
        pages.append(graph)
        url = next_of(graph, URIRef(url))
    return pages


def _older_next(graph: Graph, page: URIRef) -> str | None:
    # As ckanext-dcat's harvester reads it: any PagedCollection's hydra:nextPage.
    for node in graph.subjects(RDF.type, HYDRA.PagedCollection):
        for value in graph.objects(node, HYDRA.nextPage):
            return str(value)
    return None


def _newer_next(graph: Graph, page: URIRef) -> str | None:
    view = graph.value(URIRef(f"{BASE}/catalog"), HYDRA.view)  # the page's canonical IRI
    assert (view, RDF.type, HYDRA.PartialCollectionView) in graph
    value = graph.value(view, HYDRA.next)
    return str(value) if value is not None else None


@pytest.mark.usefixtures("small_pages")
def test_paging_walks_every_public_dataset_once(client, session, corpus):
    public = corpus["public"]
    expected_order = sorted(public, key=lambda r: (-r["metadata_modified"].timestamp(), r["id"]))
    last = -(-len(public) // PAGE)
    for fmt in ("ttl", "jsonld"):
        for next_of in (_older_next, _newer_next):
            pages = _walk(client, f"{BASE}/catalog.{fmt}?page=1", next_of)
            assert len(pages) == last
            listed = [iri for graph in pages for iri in _datasets(graph)]
            assert len(listed) == len(set(listed)) == len(public)
            assert set(listed) == {_iri(r) for r in public}
            # Pages follow the stable order (newest first, then id).
            for n, graph in enumerate(pages):
                chunk = expected_order[n * PAGE : (n + 1) * PAGE]
                assert _datasets(graph) == {_iri(r) for r in chunk}
    # The in-process walk a streaming export uses covers the same datasets.
    pages = list(catalog_service.iter_pages(session, catalog_service.CatalogQuery()))
    assert [d.slug for p in pages for d in p.datasets] == [r["slug"] for r in expected_order]
    # The other links of a middle page, in both forms.
    graph = _parse(client.get("/catalog.ttl?page=2"))
    page = URIRef(f"{BASE}/catalog.ttl?page=2")
    assert (page, RDF.type, HYDRA.PagedCollection) in graph
    assert int(graph.value(page, HYDRA.totalItems)) == len(public)
    assert int(graph.value(page, HYDRA.itemsPerPage)) == PAGE
    for name, number in {"first": 1, "last": last, "previous": 1, "next": 3}.items():
        target = f"{BASE}/catalog.ttl?page={number}"
        assert graph.value(page, HYDRA[name]) == URIRef(target), name
        assert str(graph.value(page, HYDRA[f"{name}Page"])) == target, name
    first = _parse(client.get("/catalog.ttl"))
    assert graph.value(URIRef(f"{BASE}/catalog.ttl?page=1"), HYDRA.previous) is None
    assert first.value(URIRef(f"{BASE}/catalog.ttl?page=1"), HYDRA.previousPage) is None


@pytest.mark.usefixtures("small_pages")
def test_filters_and_their_page_links(client, corpus):
    org = corpus["orgs"][1]
    mine = {_iri(r) for r in corpus["public"] if r["organization_id"] == org["id"]}
    pages = _walk(client, f"{BASE}/catalog.ttl?organization={org['slug']}", _older_next)
    assert {iri for g in pages for iri in _datasets(g)} == mine
    link = str(pages[0].value(URIRef(f"{BASE}/catalog.ttl?organization={org['slug']}&page=1"),
                              HYDRA.nextPage))  # fmt: skip
    assert link == f"{BASE}/catalog.ttl?organization={org['slug']}&page=2"

    since = (NOW - timedelta(days=2)).date().isoformat()
    recent = {_iri(r) for r in corpus["public"] if r["metadata_modified"] >= NOW - timedelta(2)}
    recent_pages = _walk(client, f"{BASE}/catalog.nt?modified_since={since}", _newer_next)
    assert {iri for g in recent_pages for iri in _datasets(g)} == recent
    stamp = "2025-05-31T12:00:00Z"
    graph = _parse(client.get(f"/catalog.ttl?modified_since={stamp}&page=1"))
    assert _datasets(graph) == recent or len(_datasets(graph)) == PAGE

    # Folded free text: "ngan sach" without diacritics finds "Ngân sách".
    budget = {_iri(r) for r in corpus["public"] if r["title_vi"].startswith("Ngân sách")}
    assert budget
    pages = _walk(client, f"{BASE}/catalog.ttl?q=ngan+sach", _older_next)
    assert {iri for g in pages for iri in _datasets(g)} == budget
    both = _parse(client.get(f"/catalog.ttl?q=NGÂN%20SÁCH&organization={org['slug']}"))
    assert _datasets(both) == budget & mine
    assert not _datasets(_parse(client.get("/catalog.ttl?q=khongcotu")))
    assert client.get("/catalog.ttl?organization=khong-co").status_code == 404


def test_bad_page_values_and_unknown_formats(client, corpus):
    for value in ("0", "-1", "abc", "1.5", "1e3", "", "9" * 40, "٣"):
        response = client.get(f"/catalog.ttl?page={value}")
        if value == "":  # an empty page parameter is the first page
            assert response.status_code == 200
            continue
        assert response.status_code == 400, value
        assert response.headers["Content-Type"] == "application/problem+json"
    assert client.get("/catalog.ttl?modified_since=yesterday").status_code == 400
    # Past the last page: an empty, well-formed page that still links first and last.
    for value in ("99", str(10**12)):
        response = client.get(f"/catalog.ttl?page={value}")
        assert response.status_code == 200
        graph = _parse(response)
        page = URIRef(f"{BASE}/catalog.ttl?page={value}")
        assert not _datasets(graph) and graph.value(page, HYDRA.next) is None
        assert graph.value(page, HYDRA.last) == URIRef(f"{BASE}/catalog.ttl?page=1")
    for path in ("/catalog.xml", "/catalog.csv", "/dataset/bo-du-lieu-00.csv"):
        assert client.get(path).status_code == 404, path
    for row in corpus["rows"][15:]:  # draft, non-public, deleted, pending
        assert client.get(f"/dataset/{row['slug']}.ttl").status_code == 404, row["state"]
        assert client.get(f"/dataset/{row['id']}").status_code == 404
    assert client.get("/dataset/khong-co.ttl").status_code == 404


def test_iris_come_from_base_url_not_host(client, corpus):
    for path in ("/catalog.nt?page=2", f"/dataset/{corpus['public'][0]['slug']}.nt"):
        response = client.get(path, base_url="http://evil.example:8080")
        assert response.status_code == 200
        text = response.data.decode()
        assert "evil.example" not in text and f"<{BASE}/" in text
    redirect = client.get("/catalog", headers={"Accept": "text/html"}, base_url="http://x.y")
    assert redirect.headers["Location"].startswith(BASE)


def test_file_routes_of_a_dataset_are_left_to_the_published_forms(client, corpus):
    # /dataset/<name>/<file> (a slash, not a dot) is hub.api.data's: its own 404 answers.
    response = client.get(f"/dataset/{corpus['public'][0]['slug']}/datapackage.json")
    assert response.status_code == 404
    assert "is not published for dataset" in response.get_json()["detail"]


@pytest.mark.usefixtures("small_pages")  # a small page keeps the SHACL check quick
def test_served_page_conforms_to_dcat_ap(client, corpus):
    if not (SHAPES / "shapes.ttl").exists() or not (SHAPES / "range.ttl").exists():
        pytest.skip(f"DCAT-AP 3.0.1 shapes not found under {SHAPES}")
    pyshacl = pytest.importorskip("pyshacl")
    graph = _parse(client.get("/catalog.ttl?page=2"))
    assert len(_datasets(graph)) == PAGE
    shapes = Graph().parse(SHAPES / "shapes.ttl").parse(SHAPES / "range.ttl")
    conforms, _, text = pyshacl.validate(
        graph, shacl_graph=shapes, inference="none", allow_warnings=True
    )
    assert conforms, "\n".join(text.splitlines()[:60])
