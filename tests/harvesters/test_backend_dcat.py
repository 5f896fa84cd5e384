"""The ``dcat`` backend against real HTTP servers: static pages, real-world catalogs, and
the hub's own paged ``/catalog.ttl``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import hub.metadata.catalog as catalog_module
from hub.datasets import distributions, service
from hub.datasets.workflow import STEPS_TO
from hub.harvesters import registry
from hub.harvesters.base import GatherFailed, ItemFailed
from tests.factories import ADMIN, DatasetFactory, OrganizationFactory
from tests.harvesters.catalog_servers import Reply, assert_loads, context, serve_app, serve_routes

REAL_WORLD = Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "real-world-dcat"
TURTLE = "text/turtle; charset=utf-8"
PREFIXES = """@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix hydra: <http://www.w3.org/ns/hydra/core#> .
"""


def _turtle(names: list[str], paging: str = "") -> str:
    datasets = "".join(
        f"""<http://x.example/ds/{n}> a dcat:Dataset ; dct:identifier "{n}" ;
    dct:title "Bộ dữ liệu {n}"@vi, "Dataset {n}"@en ;
    dct:modified "2025-02-03T04:05:06Z"^^<http://www.w3.org/2001/XMLSchema#dateTime> ;
    dct:license <https://creativecommons.org/licenses/by/4.0/> ;
    dcat:theme <http://publications.europa.eu/resource/authority/data-theme/ECON> ;
    dcat:keyword "ngân sách" ;
    dcat:distribution [ a dcat:Distribution ; dct:title "CSV" ;
        dcat:downloadURL <https://x.example/{n}.csv> ; dct:format "CSV" ] .
"""
        for n in names
    )
    return PREFIXES + datasets + paging


def _items(ctx):
    return list(registry.backend("dcat").gather(ctx))


def _map_all(ctx, items):
    backend = registry.backend("dcat")
    return [assert_loads(backend.map_item(ctx, item)) for item in items]


def test_both_hydra_forms_are_followed():
    old_form = '<http://a> a hydra:PagedCollection ; hydra:nextPage "{base}/b.ttl" .\n'
    new_form = "<http://c> hydra:view [ a hydra:PartialCollectionView ; hydra:next <c.ttl> ] .\n"
    routes = {
        "/a.ttl": lambda path, base: Reply(_turtle(["a"], old_form.format(base=base)), TURTLE),
        "/b.ttl": Reply(_turtle(["b", "a"], new_form), TURTLE),
        "/c.ttl": Reply(_turtle(["c"]), "application/octet-stream"),  # by its extension
    }
    with serve_routes(routes) as server:
        ctx = context("dcat", f"{server.base}/a.ttl")
        items = _items(ctx)
        assert [i.remote_id for i in items] == ["a", "b", "c"]  # "a" again is listed once
        assert items[0].title == "Bộ dữ liệu a" and items[0].modified.year == 2025
        loaded = _map_all(ctx, items)
    assert loaded[0]["licence"] == "CC-BY-4.0" and loaded[0]["themes"] == ["ECON"]
    assert loaded[0]["title_en"] == "Dataset a" and loaded[0]["content_type"] == "other"


def test_a_next_link_already_visited_is_a_paging_loop():
    loop = '<http://a> hydra:nextPage "{base}/{target}" .\n'
    routes = {
        "/a.ttl": lambda p, base: Reply(
            _turtle(["a"], loop.format(base=base, target="b.ttl")), TURTLE
        ),
        "/b.ttl": lambda p, base: Reply(
            _turtle(["b"], loop.format(base=base, target="a.ttl")), TURTLE
        ),
    }
    with serve_routes(routes) as server:
        gathered = registry.backend("dcat").gather(context("dcat", f"{server.base}/a.ttl"))
        assert [next(gathered).remote_id, next(gathered).remote_id] == ["a", "b"]
        with pytest.raises(GatherFailed, match="paging loop"):
            next(gathered)


def test_endless_paging_stops_at_max_pages():
    def endless(path: str, base: str) -> Reply:
        number = int(path.rsplit("=", 1)[-1]) if "=" in path else 0
        paging = f"<http://p> hydra:next <{base}/pages?n={number + 1}> .\n"
        return Reply(_turtle([f"p{number}"], paging), TURTLE)

    with serve_routes({"/pages": endless}) as server:
        ctx = context("dcat", f"{server.base}/pages", {"max_pages": 5})
        with pytest.raises(GatherFailed, match="max_pages"):
            _items(ctx)
        assert len(server.hits) == 5


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_rdf_xml_with_an_external_entity_is_refused(tmp_path, encoding):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    body = f"""<?xml version="1.0" encoding="{encoding}"?>
<!DOCTYPE rdf:RDF [ <!ENTITY xxe SYSTEM "file://{secret}"> ]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns:dcat="http://www.w3.org/ns/dcat#" xmlns:dct="http://purl.org/dc/terms/">
  <dcat:Dataset rdf:about="http://x.example/ds/1"><dct:title>&xxe;</dct:title></dcat:Dataset>
</rdf:RDF>""".encode(encoding)
    with serve_routes({"/c.rdf": Reply(body, "application/rdf+xml")}) as server:
        with pytest.raises(GatherFailed, match="XXE"):
            _items(context("dcat", f"{server.base}/c.rdf"))


def test_a_truncated_turtle_page_is_gather_failed():
    body = _turtle(["a", "b"])[:-60]
    with serve_routes({"/c.ttl": Reply(body, TURTLE)}) as server:
        with pytest.raises(GatherFailed, match="turtle"):
            _items(context("dcat", f"{server.base}/c.ttl"))


def test_server_errors_are_retried_then_gather_failed():
    with serve_routes({"/c.ttl": Reply("boom", status=500)}) as server:
        with pytest.raises(GatherFailed, match="500"):
            _items(context("dcat", f"{server.base}/c.ttl"))
        assert len(server.hits) == 4  # the first try and three retries


def test_a_redirect_to_a_private_address_is_refused():
    moved = Reply(status=302, headers={"Location": "http://10.0.0.1/catalog.ttl"})
    with serve_routes({"/c.ttl": moved}) as server:
        with pytest.raises(GatherFailed, match="not a public address"):
            _items(context("dcat", f"{server.base}/c.ttl"))


def test_json_ld_remote_context_is_fetched_under_the_policy():
    context_doc = {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "title": "dct:title",
            "identifier": "dct:identifier",
        }
    }
    document = {
        "@context": "/ctx.jsonld",
        "@graph": [
            {
                "@id": "http://x.example/ds/j",
                "@type": "dcat:Dataset",
                "title": "Tiêu đề",
                "identifier": "j",
            }
        ],
    }
    routes = {
        "/c.jsonld": Reply(json.dumps(document), "application/ld+json"),
        "/ctx.jsonld": Reply(json.dumps(context_doc), "application/ld+json"),
    }
    with serve_routes(routes) as server:
        ctx = context("dcat", f"{server.base}/c.jsonld")
        items = _items(ctx)
        assert [i.remote_id for i in items] == ["j"] and "/ctx.jsonld" in server.hits
        assert _map_all(ctx, items)[0]["title_vi"] == "Tiêu đề"


def test_the_hubs_own_paged_catalog(app, session, monkeypatch):
    monkeypatch.setattr(catalog_module, "PAGE_SIZE", 2)
    org = OrganizationFactory(session=session)
    made = []
    for n in range(5):
        dataset = DatasetFactory(session=session, organization=org, licence="CC0-1.0")
        link = {"title_vi": "Tệp", "url": f"https://x.example/{n}.csv", "format": "CSV"}
        distributions.add_link(session, ADMIN, dataset.id, link)
        for action in STEPS_TO["published"]:
            service.transition(session, ADMIN, dataset.id, action)
        made.append(dataset)
    with serve_app(app) as url:
        ctx = context("dcat", f"{url}/catalog.ttl")
        items = _items(ctx)
        titles = sorted(i.title for i in items)
        loaded = _map_all(ctx, items)
    assert titles == sorted(d.title_vi for d in made)
    assert len({i.remote_id for i in items}) == 5
    by_title = {row["title_vi"]: row for row in loaded}
    for dataset in made:
        row = by_title[dataset.title_vi]
        assert row["title_en"] == dataset.title_en and row["licence"] == "CC0-1.0"
        assert row["themes"] == ["SOCI"] and row["keywords"] == ["dân số"]


CATALOGS = sorted(
    p.name for p in REAL_WORLD.glob("*") if p.suffix in (".rdf", ".xml", ".ttl", ".jsonld")
)


@pytest.mark.parametrize("name", CATALOGS or ["absent"])
def test_real_world_catalogs(name):
    if not CATALOGS:
        pytest.skip(f"{REAL_WORLD} is absent")
    path = REAL_WORLD / name
    routes = {f"/{name}": Reply(path.read_bytes(), "application/rdf+xml")}
    backend = registry.backend("dcat")
    with serve_routes(routes) as server:
        ctx = context("dcat", f"{server.base}/{name}")
        items = _items(ctx)
        assert items, "no dataset read"
        mapped = 0
        for item in items:
            try:
                assert_loads(backend.map_item(ctx, item))
                mapped += 1
            except ItemFailed:
                pass
        if "datetimes" not in name:  # date-format fixtures: datasets without titles
            assert mapped >= 1
