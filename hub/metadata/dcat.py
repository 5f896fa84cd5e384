"""The catalog as DCAT-AP 3.0.1 RDF, and DCAT (any flavour) back to the hub's fields.

``DcatApProfile`` follows ckanext-dcat's idea of profiles as classes with symmetric
methods: ``serialize_dataset`` / ``serialize_catalog`` write, ``parse`` reads
(``hub.metadata.dcat_parse``, tolerant enough for other catalogs). Every IRI comes from
``base_url``, never from a request:

- catalog ``<base>/catalog``; dataset ``<base>/dataset/<slug>``; distribution
  ``<base>/dataset/<slug>/distribution/<id>``; organization ``<base>/organization/<slug>``;
  the APIs as ``dcat:DataService`` nodes ``<base>/catalog/service/<name>``.
- Controlled values are EU authority IRIs (themes, access rights, frequencies, licences,
  languages, file types) and IANA media-type IRIs, each typed with the class the DCAT-AP
  range shapes expect, so a validator needs no vocabulary download.
- ``dcatap:applicableLegislation`` points at the ELI IRI of a legal basis document held
  in the hub's legal index, else at the ELI profile's reference IRI
  ``<base>/legal/ref/<number>`` (``hub.legal.eli.reference_iri``); both are
  ``eli:LegalResource`` nodes with the number as ``eli:id_local``.
- DCAT-AP requires a dataset description: a dataset without one is described by its
  title (the only case where the round trip is not exact).
- The hub's ``citation`` is the dataset's ``dct:provenance`` statement.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import quote

from rdflib import RDF, RDFS, SKOS, XSD, BNode, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF
from rdflib.term import Node
from sqlalchemy.orm import Session

from hub.auth.principal import Principal
from hub.datasets.models import Dataset, Distribution, Organization
from hub.datasets.vocab import ACCESS_RIGHTS, FREQUENCIES, LICENCES, THEMES, Term
from hub.errors import BadRequest
from hub.legal.eli import document_iri, reference_iri
from hub.metadata.dcat_parse import parse_graph
from hub.metadata.dcat_vocab import (
    AVAILABILITY,
    DCAT_VERSION,
    DCATAP,
    ELI,
    FILE_TYPE,
    FILE_TYPES,
    IANA_MEDIA_TYPES,
    LANGUAGE,
    LANGUAGES,
    LOCN,
    PREFIXES,
    PUBLISHER_TYPE,
    PUBLISHER_TYPES,
    SPDX,
    SPECIFICATION_FILE_TYPE,
    SPECIFICATIONS,
    THEME_SCHEME,
    VCARD,
)

__all__ = ["DcatApProfile", "LegalRef", "catalog_iri", "dataset_iri", "legislation_refs"]


@dataclass(frozen=True)
class LegalRef:
    """A legal basis found in the hub's legal index: its document id and indexed number."""

    doc_id: str
    number: str


@dataclass(frozen=True)
class _Service:
    name: str
    path: str
    description_path: str
    title_vi: str
    title_en: str


SERVICES = (
    _Service("rest-v1", "/api/v1", "/api/v1/openapi.json", "API REST v1", "REST API v1"),
    _Service("ckan", "/api/3/action", "/api/3/action", "API hành động CKAN", "CKAN Action API"),
    _Service(
        "records",
        "/api/v1/datasets",
        "/api/v1/openapi.json",
        "API truy vấn bản ghi (GET /api/v1/datasets/<tên>/records)",
        "Records query API (GET /api/v1/datasets/<name>/records)",
    ),
)


RECORDS = SERVICES[2]


def _base(base_url: str) -> str:
    return base_url.rstrip("/")


def dataset_iri(base_url: str, slug: str) -> URIRef:
    return URIRef(f"{_base(base_url)}/dataset/{slug}")


def catalog_iri(base_url: str) -> URIRef:
    return URIRef(f"{_base(base_url)}/catalog")


def legislation_refs(session: Session, numbers: Iterable[str]) -> dict[str, LegalRef]:
    """The legal basis numbers (written any way) that name a public document of the index."""
    found: dict[str, LegalRef] = {}
    for number in set(numbers):
        try:
            docs = find_by_number(session, Principal.anonymous(), number)
        except BadRequest:  # not a document number: stays a reference
            continue
        if docs:
            found[number] = LegalRef(str(docs[0].id), docs[0].number)
    return found


def find_by_number(session: Session, actor: Principal, number: str) -> list:
    # Imported here: the legal service imports the dataset services, which import much.
    from hub.legal.service import find_by_number as find

    return find(session, actor, number)


def new_graph() -> Graph:
    graph = Graph(bind_namespaces="core")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


CATALOG_TITLE = ("Cổng dữ liệu mở", "Open data hub")  # (vi, en)


class DcatApProfile:
    """Maps datasets to DCAT-AP 3.0.1 and DCAT graphs back to dataset dicts.

    ``legislation`` maps legal basis numbers as written in datasets to the documents of
    the hub's legal index (``legislation_refs``); numbers not in it become references.
    """

    def __init__(self, legislation: Mapping[str, LegalRef] | None = None) -> None:
        self.legislation = dict(legislation or {})

    def serialize_dataset(self, graph: Graph, dataset: Dataset, base_url: str) -> URIRef:
        """Add ``dataset`` (organization and distributions loaded) to ``graph``."""
        return _DatasetWriter(graph, _base(base_url), self.legislation).write(dataset)

    def serialize_catalog(
        self,
        datasets: Iterable[Dataset],
        base_url: str,
        *,
        publisher: Organization | None = None,
        title: tuple[str, str] = CATALOG_TITLE,
        description: tuple[str, str] = (
            "Danh mục dữ liệu mở của các cơ quan nhà nước trong tỉnh.",
            "Open data catalog of the province's public bodies.",
        ),
        modified: datetime | None = None,
    ) -> Graph:
        """The catalog of ``datasets`` with its data services, in a new graph."""
        base = _base(base_url)
        datasets = list(datasets)
        graph = new_graph()
        writer = _DatasetWriter(graph, base, self.legislation)
        iris = [writer.write(dataset) for dataset in datasets]
        catalog = catalog_iri(base)
        graph.add((catalog, RDF.type, DCAT.Catalog))
        _add_text(graph, catalog, DCTERMS.title, title[0], "vi")
        _add_text(graph, catalog, DCTERMS.title, title[1], "en")
        _add_text(graph, catalog, DCTERMS.description, description[0], "vi")
        _add_text(graph, catalog, DCTERMS.description, description[1], "en")
        owner = publisher or _province(datasets)
        if owner is not None:
            graph.add((catalog, DCTERMS.publisher, writer.agent(owner)))
        else:
            graph.add((catalog, DCTERMS.publisher, _hub_agent(graph, base, title)))
        home = URIRef(f"{base}/")
        graph.add((catalog, FOAF.homepage, home))
        graph.add((home, RDF.type, FOAF.Document))
        for code in ("vi", "en"):
            graph.add((catalog, DCTERMS.language, _language(graph, code)))
        licence = _licence(graph, "CC-BY-4.0")
        if licence is not None:
            graph.add((catalog, DCTERMS.license, licence))
        scheme = URIRef(THEME_SCHEME)
        graph.add((catalog, DCAT.themeTaxonomy, scheme))
        _theme_scheme(graph)
        latest = modified or max((d.modified for d in datasets if d.modified), default=None)
        if latest is not None:
            graph.add((catalog, DCTERMS.modified, _datetime(latest)))
        for iri in iris:
            graph.add((catalog, DCAT.dataset, iri))
        with_records = [iri for iri, d in zip(iris, datasets, strict=True) if _has_records(d)]
        for service in SERVICES:
            served = with_records if service.name == "records" else iris
            graph.add((catalog, DCAT.service, _add_service(graph, base, service, served)))
        return graph

    def parse(self, graph: Graph, base_url: str | None = None) -> list[dict]:
        """Every ``dcat:Dataset`` of ``graph`` as a dict of the hub's field names."""
        return parse_graph(graph, base_url)


# --- serialize ---------------------------------------------------------------------------


def _add_text(graph: Graph, subject: Node, predicate: URIRef, value: str | None, lang: str):
    if value:
        graph.add((subject, predicate, Literal(value, lang=lang)))


def _datetime(value: datetime | date) -> Literal:
    if isinstance(value, datetime):
        return Literal(value, datatype=XSD.dateTime)
    return Literal(value, datatype=XSD.date)


def _concept(graph: Graph, iri: str, term: Term, cls: URIRef | None = None) -> URIRef:
    node = URIRef(iri)
    graph.add((node, RDF.type, cls or SKOS.Concept))
    # skos:Concept needs a prefLabel (DCAT-AP); one per language.
    graph.add((node, SKOS.prefLabel, Literal(term.vi, lang="vi")))
    graph.add((node, SKOS.prefLabel, Literal(term.en, lang="en")))
    return node


def _language(graph: Graph, code: str) -> URIRef:
    eu = LANGUAGES.get(code.lower(), code.upper())
    node = URIRef(LANGUAGE + quote(eu, safe=""))
    graph.add((node, RDF.type, DCTERMS.LinguisticSystem))
    return node


def _licence(graph: Graph, code: str | None) -> URIRef | None:
    term = LICENCES.get(code or "")
    if term is None or term.iri is None:  # not an open licence: none to point at
        return None
    node = URIRef(term.iri)
    graph.add((node, RDF.type, DCTERMS.LicenseDocument))
    return node


def _theme_scheme(graph: Graph) -> URIRef:
    scheme = URIRef(THEME_SCHEME)
    graph.add((scheme, RDF.type, SKOS.ConceptScheme))
    graph.add((scheme, DCTERMS.title, Literal("Data theme", lang="en")))
    graph.add((scheme, DCTERMS.title, Literal("Chủ đề dữ liệu", lang="vi")))
    return scheme


def _province(datasets: list[Dataset]) -> Organization | None:
    orgs = {d.organization.slug: d.organization for d in datasets}
    provinces = sorted((o for o in orgs.values() if o.kind == "province"), key=lambda o: o.slug)
    return provinces[0] if provinces else None


def _hub_agent(graph: Graph, base: str, title: tuple[str, str]) -> URIRef:
    agent = URIRef(f"{base}/organization")
    graph.add((agent, RDF.type, FOAF.Agent))
    graph.add((agent, FOAF.name, Literal(title[0], lang="vi")))
    return agent


def _has_records(dataset: Dataset) -> bool:
    return any(dist.kind == "generated" for dist in dataset.distributions)


def _service_iri(base: str, name: str) -> URIRef:
    return URIRef(f"{base}/catalog/service/{name}")


def _add_service(graph: Graph, base: str, service: _Service, served: list[URIRef]) -> URIRef:
    node = _service_iri(base, service.name)
    graph.add((node, RDF.type, DCAT.DataService))
    _add_text(graph, node, DCTERMS.title, service.title_vi, "vi")
    _add_text(graph, node, DCTERMS.title, service.title_en, "en")
    graph.add((node, DCAT.endpointURL, URIRef(base + service.path)))
    graph.add((node, DCAT.endpointDescription, URIRef(base + service.description_path)))
    for iri in served:
        graph.add((node, DCAT.servesDataset, iri))
    return node


def distribution_url(base: str, dataset: Dataset, dist: Distribution) -> str | None:
    """Where a distribution's data is downloaded (files and generated forms are served by
    the hub; links are where they point)."""
    if dist.kind == "file":
        return f"{base}/api/v1/datasets/{dataset.id}/distributions/{dist.id}/download"
    if dist.kind == "generated" and dist.file_name:
        return f"{base}/dataset/{dataset.slug}/{quote(dist.file_name)}"
    return dist.url or None


class _DatasetWriter:
    """Writes datasets into one graph; shared nodes (agents, concepts) are added once."""

    def __init__(self, graph: Graph, base: str, legislation: Mapping[str, LegalRef]) -> None:
        self.graph = graph
        self.base = base
        self.legislation = legislation

    def add(self, subject: Node, predicate: URIRef, value: Node | None) -> None:
        if value is not None:
            self.graph.add((subject, predicate, value))

    def write(self, dataset: Dataset) -> URIRef:
        graph, iri = self.graph, dataset_iri(self.base, dataset.slug)
        graph.add((iri, RDF.type, DCAT.Dataset))
        graph.add((iri, DCTERMS.identifier, Literal(str(dataset.id))))
        _add_text(graph, iri, DCTERMS.title, dataset.title_vi, "vi")
        _add_text(graph, iri, DCTERMS.title, dataset.title_en, "en")
        description = dataset.description_vi
        if not description and not dataset.description_en:
            description = dataset.title_vi  # DCAT-AP requires one
        _add_text(graph, iri, DCTERMS.description, description, "vi")
        _add_text(graph, iri, DCTERMS.description, dataset.description_en, "en")
        graph.add((iri, DCTERMS.publisher, self.agent(dataset.organization)))
        self.add(iri, DCAT.contactPoint, self.contact(dataset))
        for keyword in dataset.keywords or []:
            _add_text(graph, iri, DCAT.keyword, keyword, "vi")
        for code in dataset.themes or []:
            if code in THEMES:
                theme = _concept(graph, THEMES[code].iri or "", THEMES[code])
                graph.add((theme, SKOS.inScheme, URIRef(THEME_SCHEME)))
                graph.add((iri, DCAT.theme, theme))
        self.add(iri, DCTERMS.spatial, self.location(dataset.spatial))
        self.add(iri, DCTERMS.temporal, self.period(dataset.temporal_start, dataset.temporal_end))
        self.write_codes(iri, dataset)
        self.write_dates(iri, dataset)
        if dataset.landing_page:
            page = URIRef(dataset.landing_page)
            graph.add((iri, DCAT.landingPage, page))
            graph.add((page, RDF.type, FOAF.Document))
        if dataset.version:
            graph.add((iri, DCAT_VERSION, Literal(dataset.version)))
        self.add(iri, DCTERMS.provenance, self.provenance(dataset.citation))
        for code in dataset.language or []:
            graph.add((iri, DCTERMS.language, _language(graph, code)))
        for number in dataset.legal_basis or []:
            graph.add((iri, DCATAP.applicableLegislation, self.legal_resource(number)))
        for dist in dataset.distributions:
            graph.add((iri, DCAT.distribution, self.distribution(dataset, dist)))
        return iri

    def write_codes(self, iri: URIRef, dataset: Dataset) -> None:
        graph = self.graph
        frequency = FREQUENCIES.get(dataset.frequency or "")
        if frequency is not None:
            node = _concept(graph, frequency.iri or "", frequency, DCTERMS.Frequency)
            graph.add((iri, DCTERMS.accrualPeriodicity, node))
        access = ACCESS_RIGHTS.get(dataset.access_rights or "")
        if access is not None:
            node = _concept(graph, access.iri or "", access, DCTERMS.RightsStatement)
            graph.add((iri, DCTERMS.accessRights, node))

    def write_dates(self, iri: URIRef, dataset: Dataset) -> None:
        if dataset.issued is not None:
            self.graph.add((iri, DCTERMS.issued, _datetime(dataset.issued)))
        if dataset.modified is not None:
            self.graph.add((iri, DCTERMS.modified, _datetime(dataset.modified)))

    def agent(self, org: Organization) -> URIRef:
        graph = self.graph
        node = URIRef(f"{self.base}/organization/{org.slug}")
        if (node, RDF.type, FOAF.Agent) in graph:
            return node
        graph.add((node, RDF.type, FOAF.Agent))
        _add_text(graph, node, FOAF.name, org.title_vi, "vi")
        _add_text(graph, node, FOAF.name, org.title_en, "en")
        if org.agency_code:
            graph.add((node, DCTERMS.identifier, Literal(org.agency_code)))
        kind = PUBLISHER_TYPES.get(org.kind)
        if kind is not None:
            concept = URIRef(PUBLISHER_TYPE + kind[0])
            graph.add((node, DCTERMS.type, concept))
            graph.add((concept, RDF.type, SKOS.Concept))
            graph.add((concept, SKOS.prefLabel, Literal(kind[1], lang="en")))
        if org.website:
            page = URIRef(org.website)
            graph.add((node, FOAF.homepage, page))
            graph.add((page, RDF.type, FOAF.Document))
        return node

    def contact(self, dataset: Dataset) -> BNode | None:
        name, email, phone = dataset.contact_name, dataset.contact_email, dataset.contact_phone
        if not (name or email or phone):
            return None
        graph, node = self.graph, BNode()
        graph.add((node, RDF.type, VCARD.Kind))
        if name:
            graph.add((node, VCARD.fn, Literal(name)))
        if email:
            graph.add((node, VCARD.hasEmail, URIRef("mailto:" + quote(email, safe="@+"))))
        if phone:
            # tel: IRIs allow no spaces; %-encoding keeps the number as written.
            graph.add((node, VCARD.hasTelephone, URIRef("tel:" + quote(phone, safe="+-().#"))))
        return node

    def location(self, spatial: str | None) -> BNode | None:
        if not spatial:
            return None
        node = BNode()
        self.graph.add((node, RDF.type, DCTERMS.Location))
        self.graph.add((node, LOCN.geographicName, Literal(spatial, lang="vi")))
        return node

    def period(self, start: date | None, end: date | None) -> BNode | None:
        if start is None and end is None:
            return None
        node = BNode()
        self.graph.add((node, RDF.type, DCTERMS.PeriodOfTime))
        if start is not None:
            self.graph.add((node, DCAT.startDate, Literal(start, datatype=XSD.date)))
        if end is not None:
            self.graph.add((node, DCAT.endDate, Literal(end, datatype=XSD.date)))
        return node

    def provenance(self, citation: str | None) -> BNode | None:
        if not citation:
            return None
        node = BNode()
        self.graph.add((node, RDF.type, DCTERMS.ProvenanceStatement))
        self.graph.add((node, RDFS.label, Literal(citation)))
        return node

    def legal_resource(self, number: str) -> URIRef:
        ref = self.legislation.get(number)
        if ref is not None:
            node, local = URIRef(document_iri(self.base, ref.doc_id)), ref.number
        else:
            node, local = URIRef(reference_iri(self.base, number)), number
        self.graph.add((node, RDF.type, ELI.LegalResource))
        self.graph.add((node, ELI.id_local, Literal(local)))
        return node

    def distribution(self, dataset: Dataset, dist: Distribution) -> URIRef:
        graph = self.graph
        node = URIRef(f"{self.base}/dataset/{dataset.slug}/distribution/{dist.id}")
        graph.add((node, RDF.type, DCAT.Distribution))
        _add_text(graph, node, DCTERMS.title, dist.title_vi, "vi")
        _add_text(graph, node, DCTERMS.title, dist.title_en, "en")
        _add_text(graph, node, DCTERMS.description, dist.description_vi, "vi")
        url = self.download_url(dataset, dist)
        if url:
            graph.add((node, DCAT.accessURL, URIRef(url)))
            if dist.kind in {"file", "generated"}:
                graph.add((node, DCAT.downloadURL, URIRef(url)))
                availability = URIRef(AVAILABILITY + "STABLE")
                graph.add((node, DCATAP.availability, availability))
                graph.add((availability, RDF.type, SKOS.Concept))
                graph.add((availability, SKOS.prefLabel, Literal("stable", lang="en")))
        if dist.kind == "generated":
            # Described in full here too: a dataset's graph is valid on its own.
            served = [dataset_iri(self.base, dataset.slug)]
            graph.add((node, DCAT.accessService, _add_service(graph, self.base, RECORDS, served)))
        self.write_format(node, dist)
        self.add(node, DCTERMS.license, _licence(graph, dataset.licence))
        graph.add((node, DCTERMS.rights, self.rights(dataset)))
        if dist.byte_size is not None:
            size = Literal(dist.byte_size, datatype=XSD.nonNegativeInteger)
            graph.add((node, DCAT.byteSize, size))
        if dist.sha256:
            checksum = BNode()
            graph.add((node, SPDX.checksum, checksum))
            graph.add((checksum, RDF.type, SPDX.Checksum))
            graph.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
            graph.add((checksum, SPDX.checksumValue, Literal(dist.sha256, datatype=XSD.hexBinary)))
        if dist.created_at is not None:
            graph.add((node, DCTERMS.issued, _datetime(dist.created_at)))
        if dist.modified_at is not None:
            graph.add((node, DCTERMS.modified, _datetime(dist.modified_at)))
        return node

    def rights(self, dataset: Dataset) -> URIRef:
        """The terms of reuse in words (``dct:RightsStatement``), shared by the dataset's
        distributions: the licence and the attribution the publisher asks for."""
        node = URIRef(f"{dataset_iri(self.base, dataset.slug)}#rights")
        if (node, RDF.type, DCTERMS.RightsStatement) in self.graph:
            return node
        term = LICENCES.get(dataset.licence or "")
        vi = f"Tái sử dụng theo giấy phép {term.vi}." if term else "Tái sử dụng có điều kiện."
        en = f"Reuse under the {term.en} licence." if term else "Reuse under conditions."
        if dataset.citation:
            vi, en = f"{vi} Trích dẫn: {dataset.citation}", f"{en} Cite as: {dataset.citation}"
        self.graph.add((node, RDF.type, DCTERMS.RightsStatement))
        self.graph.add((node, RDFS.label, Literal(vi, lang="vi")))
        self.graph.add((node, RDFS.label, Literal(en, lang="en")))
        return node

    def download_url(self, dataset: Dataset, dist: Distribution) -> str | None:
        return distribution_url(self.base, dataset, dist)

    def write_format(self, node: URIRef, dist: Distribution) -> None:
        graph, name = self.graph, dist.format
        spec = SPECIFICATIONS.get(name or "")
        if spec is not None:
            standard = URIRef(spec)
            graph.add((node, DCTERMS.conformsTo, standard))
            graph.add((standard, RDF.type, DCTERMS.Standard))
            name = SPECIFICATION_FILE_TYPE
        code = FILE_TYPES.get((name or "").upper())
        if code is not None:
            file_type = URIRef(FILE_TYPE + code)
            graph.add((node, DCTERMS.format, file_type))
            graph.add((file_type, RDF.type, DCTERMS.MediaTypeOrExtent))
        if dist.media_type:
            media = URIRef(IANA_MEDIA_TYPES + dist.media_type.split(";")[0].strip())
            graph.add((node, DCAT.mediaType, media))
            graph.add((media, RDF.type, DCTERMS.MediaType))
