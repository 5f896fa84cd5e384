"""DCAT graphs (the hub's DCAT-AP 3, other catalogs' DCAT-AP 2.x/3) as dataset dicts.

The reverse of ``hub.metadata.dcat``, and the reader a harvester uses for other
catalogs, so it never raises on what it does not understand: a missing or ill-typed
value is ``None`` (an empty list for lists), a literal where an IRI is expected is read
as text, and values in unknown vocabularies are kept as their IRI or text rather than
dropped (themes are the exception: only EU data themes are the hub's themes).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any
from urllib.parse import unquote

from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF
from rdflib.term import Node

from hub.metadata.dcat_vocab import (
    ACCESS_RIGHT_CODES,
    ADMS,
    DCAT_VERSION,
    DCATAP,
    ELI,
    FILE_TYPE,
    FORMAT_NAMES,
    FREQUENCY_CODES,
    IANA_MEDIA_TYPES,
    LANGUAGE,
    LANGUAGE_CODES,
    LICENCE_CODES,
    LOCN,
    MEDIA_FORMATS,
    OWL,
    SCHEMA,
    SPDX,
    SPECIFICATION_NAMES,
    THEME_CODES,
    TIME,
    VCARD,
)

__all__ = ["parse_graph"]

_LABELS = (SKOS.prefLabel, RDFS.label, DCTERMS.title, FOAF.name, LOCN.geographicName)


def parse_graph(graph: Graph, base_url: str | None = None) -> list[dict[str, Any]]:
    """Every dataset of ``graph``, sorted by IRI. ``base_url`` names the hub's own IRIs
    (slugs, organization slugs, distribution ids, which kind of distribution)."""
    base = base_url.rstrip("/") if base_url else None
    subjects = set(graph.subjects(RDF.type, DCAT.Dataset))
    return [_dataset(graph, s, base) for s in sorted(subjects, key=str)]


# --- values ------------------------------------------------------------------------------


def _objects(graph: Graph, subject: Node, *predicates: URIRef) -> list[Node]:
    values = [v for p in predicates for v in graph.objects(subject, p)]
    return sorted(set(values), key=lambda v: (type(v).__name__, str(v)))


def _first(graph: Graph, subject: Node, *predicates: URIRef) -> Node | None:
    for predicate in predicates:  # in order of preference
        values = _objects(graph, subject, predicate)
        if values:
            return values[0]
    return None


def _lang(value: Node) -> str:
    return (getattr(value, "language", None) or "").lower()


def _pick(literals: list[Literal], lang: str) -> str | None:
    """The text in ``lang``; for the hub's main language (vi) the best stand-in."""
    if not literals:
        return None
    exact = [v for v in literals if _lang(v).split("-")[0] == lang]
    if exact or lang != "vi":
        return str(exact[0]) if exact else None
    plain = [v for v in literals if not _lang(v)]
    other = [v for v in literals if not _lang(v).startswith("en")]
    return str((plain or other or literals)[0])


def _text(graph: Graph, subject: Node, predicate: URIRef, lang: str = "vi") -> str | None:
    literals = [v for v in _objects(graph, subject, predicate) if isinstance(v, Literal)]
    return _pick(literals, lang)


def _label(graph: Graph, node: Node | None) -> str | None:
    """A literal's text, a node's label, or an IRI as text."""
    if node is None:
        return None
    if isinstance(node, Literal):
        return str(node) or None
    for predicate in _LABELS:
        text = _text(graph, node, predicate)
        if text:
            return text
    return str(node) if isinstance(node, URIRef) else None


def _when(node: Node | None) -> date | datetime | None:
    """A date or date-time, whatever its datatype; None when it is not one."""
    if not isinstance(node, Literal):
        return None
    value = node.toPython()
    if isinstance(value, datetime | date):
        return value
    text = str(node).strip()
    for parse in (datetime.fromisoformat, date.fromisoformat):
        try:
            return parse(text)
        except ValueError:
            continue
    if re.fullmatch(r"\d{4}", text):  # a bare year (xsd:gYear)
        return date(int(text), 1, 1)
    return None


def _day(value: date | datetime | None) -> date | None:
    return value.date() if isinstance(value, datetime) else value


def _code(node: Node | None, table: dict[str, str]) -> str | None:
    """The hub's code of a vocabulary IRI, else the IRI or text itself."""
    if node is None:
        return None
    if isinstance(node, URIRef) and str(node) in table:
        return table[str(node)]
    return str(node) if not isinstance(node, Literal) or str(node) else None


def _strip_scheme(node: Node | None, graph: Graph, scheme: str) -> str | None:
    """An e-mail or phone from ``mailto:``/``tel:`` IRIs, literals or vCard value nodes."""
    if node is not None and not isinstance(node, Literal | URIRef):
        node = _first(graph, node, VCARD.hasValue, VCARD.value)
    if node is None:
        return None
    text = str(node).strip()
    if text.lower().startswith(scheme):
        text = unquote(text[len(scheme) :])
    return text or None


def _under(iri: Node, prefix: str | None) -> str | None:
    """The rest of ``iri`` after ``prefix``, when it is one path segment."""
    if prefix is None or not isinstance(iri, URIRef) or not str(iri).startswith(prefix):
        return None
    rest = str(iri)[len(prefix) :]
    return rest if rest and "/" not in rest else None


# --- dataset -----------------------------------------------------------------------------


def _dataset(graph: Graph, iri: Node, base: str | None) -> dict[str, Any]:
    distributions = [
        _distribution(graph, node, base)
        for node in _objects(graph, iri, DCAT.distribution)
        if not isinstance(node, Literal)
    ]
    start, end = _period(graph, iri)
    licence = _code(_first(graph, iri, DCTERMS.license), LICENCE_CODES)
    if licence is None:
        licence = next((d["licence"] for d in distributions if d["licence"]), None)
    return {
        "iri": str(iri) if isinstance(iri, URIRef) else None,
        "slug": _under(iri, f"{base}/dataset/" if base else None),
        "identifier": _label(graph, _first(graph, iri, DCTERMS.identifier)),
        "title_vi": _text(graph, iri, DCTERMS.title),
        "title_en": _text(graph, iri, DCTERMS.title, "en"),
        "description_vi": _text(graph, iri, DCTERMS.description),
        "description_en": _text(graph, iri, DCTERMS.description, "en"),
        **_publisher(graph, _first(graph, iri, DCTERMS.publisher), base),
        **_contact(graph, _first(graph, iri, DCAT.contactPoint)),
        "keywords": _keywords(graph, iri),
        "themes": sorted(
            {THEME_CODES[str(t)] for t in graph.objects(iri, DCAT.theme) if str(t) in THEME_CODES}
        ),
        "licence": licence,
        "access_rights": _code(_first(graph, iri, DCTERMS.accessRights), ACCESS_RIGHT_CODES),
        "frequency": _code(_first(graph, iri, DCTERMS.accrualPeriodicity), FREQUENCY_CODES),
        "temporal_start": start,
        "temporal_end": end,
        "spatial": _label(graph, _first(graph, iri, DCTERMS.spatial)),
        "legal_basis": _legislation(graph, iri),
        "landing_page": _label(graph, _first(graph, iri, DCAT.landingPage)),
        "version": _label(graph, _first(graph, iri, DCAT_VERSION, OWL.versionInfo, ADMS.version)),
        "citation": _label(graph, _first(graph, iri, DCTERMS.provenance)),
        "language": _languages(graph, iri),
        "issued": _when(_first(graph, iri, DCTERMS.issued)),
        "modified": _when(_first(graph, iri, DCTERMS.modified)),
        "distributions": sorted(distributions, key=lambda d: str(d["iri"])),
    }


def _publisher(graph: Graph, node: Node | None, base: str | None) -> dict[str, Any]:
    if node is None:
        return {"organization": None, "publisher_name": None}
    name = _text(graph, node, FOAF.name) if not isinstance(node, Literal) else str(node)
    code = _label(graph, _first(graph, node, DCTERMS.identifier))
    slug = _under(node, f"{base}/organization/" if base else None)
    return {"organization": slug or code or name, "publisher_name": name}


def _contact(graph: Graph, node: Node | None) -> dict[str, Any]:
    if node is None or isinstance(node, Literal):
        return {"contact_name": _label(graph, node), "contact_email": None, "contact_phone": None}
    name = _text(graph, node, VCARD.fn) or _text(graph, node, VCARD["organization-name"])
    email = _strip_scheme(_first(graph, node, VCARD.hasEmail, VCARD.email), graph, "mailto:")
    phone = _strip_scheme(_first(graph, node, VCARD.hasTelephone, VCARD.tel), graph, "tel:")
    return {"contact_name": name, "contact_email": email, "contact_phone": phone}


def _keywords(graph: Graph, iri: Node) -> list[str]:
    literals = [v for v in _objects(graph, iri, DCAT.keyword) if isinstance(v, Literal)]
    # Multilingual catalogs repeat keywords per language: keep the main language's.
    main = [v for v in literals if _lang(v) in ("", "vi") or _lang(v).startswith("vi-")]
    return sorted({str(v) for v in (main or literals) if str(v)})


def _period(graph: Graph, iri: Node) -> tuple[date | None, date | None]:
    starts: list[date] = []
    ends: list[date] = []
    for node in graph.objects(iri, DCTERMS.temporal):
        if isinstance(node, Literal):
            continue
        starts += _dates(graph, node, DCAT.startDate, SCHEMA.startDate, TIME.hasBeginning)
        ends += _dates(graph, node, DCAT.endDate, SCHEMA.endDate, TIME.hasEnd)
    return (min(starts) if starts else None, max(ends) if ends else None)


def _dates(graph: Graph, node: Node, *predicates: URIRef) -> list[date]:
    found = []
    for value in _objects(graph, node, *predicates):
        if not isinstance(value, Literal):  # a time:Instant
            value = _first(graph, value, TIME.inXSDDate, TIME.inXSDDateTime)
        day = _day(_when(value))
        if day is not None:
            found.append(day)
    return found


def _legislation(graph: Graph, iri: Node) -> list[str]:
    numbers = set()
    for node in graph.objects(iri, DCATAP.applicableLegislation):
        number = _label(graph, _first(graph, node, ELI.id_local))
        if number is None and isinstance(node, URIRef) and "/legal/ref/" in str(node):
            number = unquote(str(node).rsplit("/legal/ref/", 1)[1])
        number = number or _label(graph, node)
        if number:
            numbers.add(number)
    return sorted(numbers)


def _languages(graph: Graph, iri: Node) -> list[str]:
    codes = set()
    for node in graph.objects(iri, DCTERMS.language):
        text = str(node).strip()
        if isinstance(node, URIRef) and text.startswith(LANGUAGE):
            tail = text[len(LANGUAGE) :]
            codes.add(LANGUAGE_CODES.get(tail, tail.lower()))
        elif text:
            codes.add(text.rstrip("/").rsplit("/", 1)[-1].lower())
    return sorted(codes)


# --- distribution ------------------------------------------------------------------------


def _distribution(graph: Graph, node: Node, base: str | None) -> dict[str, Any]:
    access = _label(graph, _first(graph, node, DCAT.accessURL))
    download = _label(graph, _first(graph, node, DCAT.downloadURL))
    media = _media_type(_first(graph, node, DCAT.mediaType))
    dist_id = None
    if base and isinstance(node, URIRef) and "/distribution/" in str(node):
        dist_id = _under(node, str(node).rsplit("/distribution/", 1)[0] + "/distribution/")
    return {
        "iri": str(node) if isinstance(node, URIRef) else None,
        "id": dist_id if base and str(node).startswith(f"{base}/dataset/") else None,
        **_kind(download or access, base),
        "title_vi": _text(graph, node, DCTERMS.title),
        "title_en": _text(graph, node, DCTERMS.title, "en"),
        "description_vi": _text(graph, node, DCTERMS.description),
        "access_url": access,
        "download_url": download,
        "media_type": media,
        "format": _format(graph, node, media),
        "byte_size": _size(_first(graph, node, DCAT.byteSize)),
        "sha256": _checksum(graph, _first(graph, node, SPDX.checksum)),
        "licence": _code(_first(graph, node, DCTERMS.license), LICENCE_CODES),
        "issued": _when(_first(graph, node, DCTERMS.issued)),
        "modified": _when(_first(graph, node, DCTERMS.modified)),
    }


_FILE = re.compile(r"/api/v1/datasets/[^/]+/distributions/[^/]+/download$")


def _kind(url: str | None, base: str | None) -> dict[str, Any]:
    """The hub's kind of distribution: its own files and generated files, else a link."""
    if base and url and url.startswith(base + "/"):
        path = url[len(base) :]
        if _FILE.fullmatch(path):
            return {"kind": "file", "url": None, "file_name": None}
        parts = path.split("/")
        if len(parts) == 4 and parts[1] == "dataset" and parts[3]:
            return {"kind": "generated", "url": None, "file_name": unquote(parts[3])}
    return {"kind": "link", "url": url, "file_name": None}


def _media_type(node: Node | None) -> str | None:
    if node is None or not str(node).strip():
        return None
    text = str(node).strip()
    for prefix in (IANA_MEDIA_TYPES, "http://www.iana.org/assignments/media-types/"):
        if text.startswith(prefix):
            return text[len(prefix) :]
    return text


def _format(graph: Graph, node: Node, media: str | None) -> str | None:
    for spec in graph.objects(node, DCTERMS.conformsTo):
        if str(spec) in SPECIFICATION_NAMES:
            return SPECIFICATION_NAMES[str(spec)]
    value = _first(graph, node, DCTERMS.format)
    if isinstance(value, URIRef) and str(value).startswith(FILE_TYPE):
        code = str(value)[len(FILE_TYPE) :]
        return FORMAT_NAMES.get(code, code)
    if value is not None:
        label = _label(graph, _first(graph, value, RDF.value)) or _label(graph, value)
        if label:
            return label.rstrip("/").rsplit("/", 1)[-1]
    return MEDIA_FORMATS.get(media or "")


def _size(node: Node | None) -> int | None:
    try:
        return int(float(str(node))) if node is not None else None
    except ValueError:
        return None


def _checksum(graph: Graph, node: Node | None) -> str | None:
    if node is None or isinstance(node, Literal):
        return None
    algorithm = str(_first(graph, node, SPDX.algorithm) or "").lower()
    value = _first(graph, node, SPDX.checksumValue)
    if value is None or not algorithm.endswith("sha256"):
        return None
    return str(value).strip().lower() or None
