"""The 5-star levels, the format lists, and the DCAT-AP mandatory checks."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib import namespace as ns

from hub.metadata.catalog import dataset_graph
from hub.metadata.dcat import dataset_iri
from hub.metadata.dcat_vocab import FILE_TYPE, IANA_MEDIA_TYPES, SPECIFICATIONS
from hub.quality import formats
from hub.quality.compliance import check_dataset
from hub.quality.indicators import DistributionFacts, interoperability
from hub.quality.stars import LinkedData, star_level
from tests.quality.conftest import FULL

OPEN = "http://publications.europa.eu/resource/authority/licence/CC_BY_4_0"


def dist(code=None, media=None, licence=OPEN, access=True, conforms=()) -> DistributionFacts:
    return DistributionFacts(
        node=f"urn:dist:{code}:{media}",
        access_urls=("https://data.example.vn/x",) if access else (),
        download_urls=(),
        format_iri=FILE_TYPE + code if code else None,
        media_iri=IANA_MEDIA_TYPES + media if media else None,
        licence_iri=licence,
        conforms_to=frozenset(conforms),
        rights=False,
        byte_size=False,
    )


@pytest.mark.parametrize(
    ("dists", "linked", "stars"),
    [
        ([], LinkedData(), 0),
        ([dist("CSV", licence=None)], LinkedData(True, True), 0),  # not an open licence
        ([dist("CSV", access=False)], LinkedData(), 0),  # not on the web
        ([dist("PDF")], LinkedData(), 1),
        ([dist("HTML"), dist("DOCX")], LinkedData(), 1),
        ([dist("XLSX")], LinkedData(), 2),
        ([dist("XLSX")], LinkedData(True, True), 2),  # each star needs the ones before
        ([dist("CSV")], LinkedData(), 3),
        ([dist(media="application/x-ndjson")], LinkedData(), 3),
        ([dist("PDF"), dist("ODS")], LinkedData(), 3),
        ([dist("CSV"), dist("RDF_TURTLE")], LinkedData(), 4),
        ([dist("JSON_LD")], LinkedData(), 4),
        ([dist("CSV"), dist("JSON", conforms=[SPECIFICATIONS["CSVW"]])], LinkedData(), 4),
        ([dist("CSV")], LinkedData(rdf_records=True), 4),
        ([dist("CSV")], LinkedData(True, True), 5),
    ],
)
def test_star_levels(dists, linked, stars):
    assert star_level(dists, linked) == stars


def test_format_lists():
    for code in ("CSV", "JSON", "XML", "GEOJSON", "ODS", "RDF_TURTLE", "RDF_XML", "JSON_LD"):
        kind = formats.FILE_TYPES[code]
        assert kind.machine_readable and kind.non_proprietary, code
    assert not formats.FILE_TYPES["PDF"].machine_readable
    assert not formats.FILE_TYPES["PDF"].non_proprietary
    xlsx = formats.FILE_TYPES["XLSX"]
    assert xlsx.machine_readable and not xlsx.non_proprietary
    assert formats.FILE_TYPES["HTML"].non_proprietary
    assert not formats.FILE_TYPES["HTML"].machine_readable
    # Judged by media type when there is no format.
    assert formats.judge(None, IANA_MEDIA_TYPES + "text/csv").code == "CSV"
    assert formats.judge(FILE_TYPE + "NOPE", None) is None


def test_format_vocabulary():
    checks = interoperability(dist("CSV", "text/csv"))
    assert checks == dict.fromkeys(checks, True)
    assert not interoperability(dist(media="application/x-ndjson"))["format_vocabulary"]
    assert not interoperability(dist())["format_vocabulary"]  # nothing to judge
    foreign = dist("CSV")
    foreign = DistributionFacts(**{**foreign.__dict__, "format_iri": "http://x.example/csv"})
    assert not interoperability(foreign)["format_vocabulary"]


def _graph(session, make_dataset):
    dataset = make_dataset(files=1, **FULL)
    graph = dataset_graph(session, dataset, "http://hub.test")
    return graph, dataset_iri("http://hub.test", dataset.slug)


def test_compliance_of_the_hub_graph(session, make_dataset):
    graph, node = _graph(session, make_dataset)
    assert check_dataset(graph, node) == []


def test_compliance_violations(session, make_dataset):
    graph, node = _graph(session, make_dataset)
    graph.remove((node, ns.DCTERMS.title, None))
    dist = next(graph.objects(node, ns.DCAT.distribution))
    graph.remove((dist, ns.DCAT.accessURL, None))
    graph.add((dist, ns.DCTERMS.format, URIRef(FILE_TYPE + "JSON")))
    publisher = next(graph.objects(node, ns.DCTERMS.publisher))
    graph.remove((publisher, ns.FOAF.name, None))
    graph.add((node, ns.DCTERMS.issued, Literal("yesterday")))
    problems = check_dataset(graph, node)
    assert "Dataset dct:title: at least 1 value(s) required" in problems
    assert "Distribution dcat:accessURL: at least 1 value(s) required" in problems
    assert any(p.startswith("Distribution dct:format: at most 1") for p in problems)
    assert "Dataset dct:publisher: the value needs a foaf:name" in problems
    assert any(p.startswith("Dataset dct:issued: at most 1") for p in problems)
    assert "Dataset dct:issued: must be an xsd:date or xsd:dateTime literal" in problems
