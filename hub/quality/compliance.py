"""The mandatory DCAT-AP 3 constraints, checked in Python on one dataset's graph.

A light stand-in for the official SHACL shapes (``tests/metadata/test_dcat.py`` runs
those): cardinalities of the mandatory and single-valued properties of the dataset and
its distributions, and the classes of the nodes they point at (an agent with a name,
concepts with a label, a contact point that is a vCard, a checksum with its algorithm
and value, a data service with its endpoint). Each problem is one message naming the
node kind, the property and what is wrong; none means compliant.
"""

from __future__ import annotations

from rdflib import RDF, SKOS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF
from rdflib.term import Node

from hub.metadata.dcat_vocab import DCATAP, ELI, PREFIXES, SPDX, VCARD

_DATES = {XSD.date, XSD.dateTime, XSD.gYear, XSD.gYearMonth}
_CONTACT_CLASSES = {VCARD.Kind, VCARD.Individual, VCARD.Organization, VCARD.Group}
# property -> (most values, class the values must have or None), for the dataset.
_DATASET_RANGES = {
    DCTERMS.publisher: (1, FOAF.Agent),
    DCTERMS.accessRights: (1, DCTERMS.RightsStatement),
    DCTERMS.accrualPeriodicity: (1, DCTERMS.Frequency),
    DCTERMS.temporal: (None, DCTERMS.PeriodOfTime),
    DCTERMS.spatial: (None, DCTERMS.Location),
    DCTERMS.language: (None, DCTERMS.LinguisticSystem),
    DCTERMS.provenance: (None, DCTERMS.ProvenanceStatement),
    DCAT.landingPage: (None, FOAF.Document),
    DCAT.theme: (None, SKOS.Concept),
    DCAT.distribution: (None, DCAT.Distribution),
    DCATAP.applicableLegislation: (None, ELI.LegalResource),
}
_DISTRIBUTION_RANGES = {
    DCTERMS.format: (1, DCTERMS.MediaTypeOrExtent),
    DCAT.mediaType: (1, DCTERMS.MediaType),
    DCTERMS.license: (1, DCTERMS.LicenseDocument),
    DCATAP.availability: (1, SKOS.Concept),
    SPDX.checksum: (1, SPDX.Checksum),
    DCAT.accessService: (None, DCAT.DataService),
}


_PREFIXES = sorted(
    [(str(ns), p) for p, ns in PREFIXES.items()] + [(str(RDF), "rdf")], key=lambda x: -len(x[0])
)


def _short(iri: URIRef) -> str:
    """``dct:title`` for the IRI of dct:title (the profile's prefixes)."""
    text = str(iri)
    for namespace, prefix in _PREFIXES:
        if text.startswith(namespace):
            return f"{prefix}:{text[len(namespace) :]}"
    return f"<{text}>"


class _Checker:
    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.problems: list[str] = []

    def fail(self, where: str, prop: URIRef, message: str) -> None:
        self.problems.append(f"{where} {_short(prop)}: {message}")

    def count(self, node: Node, prop: URIRef, where: str, least: int, most: int | None) -> list:
        values = list(self.graph.objects(node, prop))
        if len(values) < least:
            self.fail(where, prop, f"at least {least} value(s) required")
        if most is not None and len(values) > most:
            self.fail(where, prop, f"at most {most} value(s) allowed, found {len(values)}")
        return values

    def typed(self, node: Node, ranges: dict, where: str) -> None:
        for prop, (most, cls) in ranges.items():
            for value in self.count(node, prop, where, 0, most):
                if cls is not None and (value, RDF.type, cls) not in self.graph:
                    self.fail(where, prop, f"each value must be a {_short(cls)}")

    def literals(self, node: Node, prop: URIRef, where: str, least: int = 0) -> None:
        for value in self.count(node, prop, where, least, None):
            if not isinstance(value, Literal) or not str(value).strip():
                self.fail(where, prop, "values must be non-empty literals")

    def dates(self, node: Node, where: str) -> None:
        for prop in (DCTERMS.issued, DCTERMS.modified):
            for value in self.count(node, prop, where, 0, 1):
                if not isinstance(value, Literal) or value.datatype not in _DATES:
                    self.fail(where, prop, "must be an xsd:date or xsd:dateTime literal")

    def labelled(self, node: Node, prop: URIRef, label: URIRef, where: str) -> None:
        for value in self.graph.objects(node, prop):
            if not any(True for _ in self.graph.objects(value, label)):
                self.fail(where, prop, f"the value needs a {_short(label)}")


def check_dataset(graph: Graph, dataset: URIRef) -> list[str]:
    """The mandatory-constraint violations of ``dataset`` and its distributions."""
    c = _Checker(graph)
    if (dataset, RDF.type, DCAT.Dataset) not in graph:
        c.fail("Dataset", RDF.type, "must be a dcat:Dataset")
    c.literals(dataset, DCTERMS.title, "Dataset", least=1)
    c.literals(dataset, DCTERMS.description, "Dataset", least=1)
    c.literals(dataset, DCAT.keyword, "Dataset")
    c.typed(dataset, _DATASET_RANGES, "Dataset")
    c.dates(dataset, "Dataset")
    c.labelled(dataset, DCTERMS.publisher, FOAF.name, "Dataset")
    for prop in (DCAT.theme, DCTERMS.accessRights, DCTERMS.accrualPeriodicity):
        c.labelled(dataset, prop, SKOS.prefLabel, "Dataset")
    for contact in graph.objects(dataset, DCAT.contactPoint):
        if not any((contact, RDF.type, cls) in graph for cls in _CONTACT_CLASSES):
            c.fail("Dataset", DCAT.contactPoint, "each value must be a vcard:Kind")
    for period in graph.objects(dataset, DCTERMS.temporal):
        for prop in (DCAT.startDate, DCAT.endDate):
            c.count(period, prop, "PeriodOfTime", 0, 1)
    for dist in graph.objects(dataset, DCAT.distribution):
        _check_distribution(c, dist)
    return c.problems


def _check_distribution(c: _Checker, dist: Node) -> None:
    where = "Distribution"
    for url in c.count(dist, DCAT.accessURL, where, 1, None):
        if not isinstance(url, URIRef):
            c.fail(where, DCAT.accessURL, "values must be IRIs")
    for url in c.graph.objects(dist, DCAT.downloadURL):
        if not isinstance(url, URIRef):
            c.fail(where, DCAT.downloadURL, "values must be IRIs")
    c.typed(dist, _DISTRIBUTION_RANGES, where)
    c.dates(dist, where)
    for size in c.count(dist, DCAT.byteSize, where, 0, 1):
        if not isinstance(size, Literal) or size.datatype != XSD.nonNegativeInteger:
            c.fail(where, DCAT.byteSize, "must be an xsd:nonNegativeInteger literal")
    for checksum in c.graph.objects(dist, SPDX.checksum):
        c.count(checksum, SPDX.algorithm, "Checksum", 1, 1)
        c.count(checksum, SPDX.checksumValue, "Checksum", 1, 1)
    for service in c.graph.objects(dist, DCAT.accessService):
        c.count(service, DCAT.endpointURL, "DataService", 1, None)
        c.literals(service, DCTERMS.title, "DataService", least=1)
