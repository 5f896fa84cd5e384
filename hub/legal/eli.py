"""Legal documents as RDF in the European Legislation Identifier (ELI) ontology.

``EliProfile.serialize`` turns the hub's legal document dicts into one graph and
``EliProfile.parse`` reads them back, losslessly. Plain ELI triples carry everything an
ELI consumer needs; a few hub properties (namespace ``<base>/ns#``, prefix ``hub``) keep
what ELI cannot say exactly, so the round trip is exact:

- ``eli:in_force`` has only three values, so ``not_yet_in_force`` maps to
  ``eli:InForce-notInForce`` like ``expired``; ``hub:validityStatus`` keeps the hub's code.
- ELI has no signer property (``eli:responsibility_of`` means the body responsible, not
  the person who signed), so the signer goes in ``hub:signer``.
- ``eli:passed_by`` points at an organisation: ``<base>/legal/issuer/<code>`` when the
  number names the issuer, else ``<base>/legal/issuer/name/<slug of the name>``. Several
  bodies share a code (every district's UBND), so the document's own issuer name is kept
  in ``hub:issuer`` and the agent gets only the first name seen as ``skos:prefLabel``.
- ``eli:type_document`` is a ``skos:Concept`` ``<base>/legal/type/<code>``; the sector is a
  ``dcterms:subject`` literal (``eli:is_about`` wants a concept IRI, the hub has none).
- Files are ``eli:Format`` nodes at ``<iri>/vie/<role>`` with ``hub:fileRole``.
- Relations are ELI links (``eli:based_on``, ``eli:amends``, ``eli:repeals``,
  ``eli:cites``; ``dcterms:replaces``, as ELI has no "replaces") to the target document,
  or to ``<base>/legal/ref/<quoted target_key>`` when the target is not in the hub. Each
  relation also gets a ``hub:Relation`` node ``<iri>/relation/<index>`` holding kind,
  label, target key, number and position, so nothing is asserted about a target
  document that its own record does not say.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any
from urllib.parse import quote

from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF
from rdflib.term import Node

from hub.text import slugify

__all__ = [
    "ELI",
    "FORMATS",
    "EliProfile",
    "document_iri",
    "hub_namespace",
    "reference_iri",
    "render",
]

ELI = Namespace("http://data.europa.eu/eli/ontology#")
# Namespace is a str: ELI.title and ELI.format would be str methods.
ELI_TITLE = ELI["title"]
ELI_FORMAT = ELI["format"]
LANGUAGE = Namespace("http://publications.europa.eu/resource/authority/language/")
IANA_MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"

# name -> (rdflib format, Content-Type)
FORMATS: dict[str, tuple[str, str]] = {
    "ttl": ("turtle", "text/turtle; charset=utf-8"),
    "rdf": ("xml", "application/rdf+xml"),
    "jsonld": ("json-ld", "application/ld+json"),
    "nt": ("nt", "application/n-triples"),
}

PREFIXES: dict[str, Namespace] = {
    "eli": ELI,
    "dcterms": Namespace(str(DCTERMS)),
    "skos": Namespace(str(SKOS)),
    "xsd": Namespace(str(XSD)),
    "foaf": Namespace(str(FOAF)),
    "rdfs": Namespace(str(RDFS)),
}

IN_FORCE: dict[str, URIRef] = {
    "in_force": ELI["InForce-inForce"],
    "partially_expired": ELI["InForce-partiallyInForce"],
    "expired": ELI["InForce-notInForce"],
    "not_yet_in_force": ELI["InForce-notInForce"],
}
# Reading graphs without hub:validityStatus: notInForce is most often "expired".
_STATUS_FROM_ELI = {
    ELI["InForce-inForce"]: "in_force",
    ELI["InForce-partiallyInForce"]: "partially_expired",
    ELI["InForce-notInForce"]: "expired",
}

RELATIONS: dict[str, URIRef] = {
    "based_on": ELI.based_on,
    "replaces": DCTERMS.replaces,
    "amends": ELI.amends,
    "repeals": ELI.repeals,
    "cites": ELI.cites,
}


def _base(base_url: str) -> str:
    return base_url[:-1] if base_url.endswith("/") else base_url


def _segment(code: str) -> str:
    """A code as one IRI path segment: letters (Đ too) stay, anything else is %-encoded."""
    return "".join(ch if ch.isalnum() or ch in "-._~" else quote(ch, safe="") for ch in code)


def document_iri(base_url: str, doc_id: str) -> str:
    """The IRI of a legal document: ``<base>/legal/<id>``."""
    return f"{_base(base_url)}/legal/{doc_id}"


def hub_namespace(base_url: str) -> Namespace:
    """The hub's own properties, for what ELI cannot express exactly."""
    return Namespace(f"{_base(base_url)}/ns#")


def render(graph: Graph, fmt: str) -> bytes:
    """Serialize ``graph`` as one of ``FORMATS`` (UTF-8 bytes)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown RDF format '{fmt}'; use one of {', '.join(FORMATS)}")
    rdf_format = FORMATS[fmt][0]
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    if rdf_format != "json-ld":
        return graph.serialize(format=rdf_format, encoding="utf-8")
    # Prefixes in the context give compact names ("eli:id_local") instead of full IRIs.
    context = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
    hub = dict(graph.namespaces()).get("hub")
    if hub is not None:
        context["hub"] = str(hub)
    return graph.serialize(format="json-ld", context=context, indent=2, encoding="utf-8")


class EliProfile:
    """Maps the hub's legal document dicts to ELI RDF and back."""

    def serialize(self, docs: Iterable[dict], base_url: str) -> Graph:
        """All ``docs`` in one graph, with the ELI and hub prefixes bound."""
        base = _base(base_url)
        graph = Graph(bind_namespaces="core")
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace, override=True, replace=True)
        graph.bind("hub", hub_namespace(base))
        for doc in docs:
            _add_document(graph, doc, base)
        return graph

    def parse(self, graph: Graph, base_url: str) -> list[dict]:
        """The documents in ``graph`` whose IRIs sit under ``base_url``, sorted by id."""
        base = _base(base_url)
        prefix = f"{base}/legal/"
        docs = []
        for subject in set(graph.subjects(RDF.type, ELI.LegalResource)):
            if not isinstance(subject, URIRef) or not str(subject).startswith(prefix):
                continue
            doc_id = str(subject)[len(prefix) :]
            # Unresolved references live under /legal/ref/... and are not documents.
            if not doc_id or "/" in doc_id:
                continue
            docs.append(_read_document(graph, subject, doc_id, base))
        return sorted(docs, key=lambda doc: doc["id"])


# --- serialize ---------------------------------------------------------------------------


def _add_document(graph: Graph, doc: dict, base: str) -> None:
    hub = hub_namespace(base)
    iri = URIRef(document_iri(base, doc["id"]))
    graph.add((iri, RDF.type, ELI.LegalResource))
    _add_literal(graph, iri, ELI.id_local, doc.get("number"))
    _add_date(graph, iri, ELI.date_document, doc.get("issued"))
    _add_date(graph, iri, ELI.first_date_entry_in_force, doc.get("effective"))
    _add_date(graph, iri, ELI.date_no_longer_in_force, doc.get("expired"))

    status = doc.get("status")
    if status is not None:
        if status not in IN_FORCE:
            raise ValueError(f"unknown validity status '{status}'")
        graph.add((iri, ELI.in_force, IN_FORCE[status]))
        graph.add((iri, hub.validityStatus, Literal(status)))

    _add_literal(graph, iri, hub.signer, doc.get("signer"))
    _add_issuer(graph, iri, doc.get("issuer"), doc.get("issuer_code"), base)
    _add_type(graph, iri, doc.get("doc_type"), doc.get("doc_type_label"), base)
    _add_literal(graph, iri, DCTERMS.subject, doc.get("sector"), lang="vi")

    vie = _add_expression(graph, iri, "vie", "VIE", doc.get("abstract"), "vi")
    if doc.get("abstract_en") is not None:
        _add_expression(graph, iri, "eng", "ENG", doc["abstract_en"], "en")

    roles: set[str] = set()
    for position, file in enumerate(doc.get("files") or []):
        if file["role"] in roles:
            raise ValueError(f"document {doc['id']} has two files with role '{file['role']}'")
        roles.add(file["role"])
        _add_file(graph, vie, file, position, hub)

    for index, relation in enumerate(doc.get("relations") or []):
        _add_relation(graph, iri, index, relation, base)


def _add_literal(
    graph: Graph, subject: URIRef, predicate: URIRef, value: str | None, lang: str | None = None
) -> None:
    if value is not None:
        graph.add((subject, predicate, Literal(value, lang=lang)))


def _add_date(graph: Graph, subject: URIRef, predicate: URIRef, value: date | None) -> None:
    if value is not None:
        graph.add((subject, predicate, Literal(value, datatype=XSD.date)))


def _add_label_once(graph: Graph, subject: URIRef, label: str, lang: str) -> None:
    # SKOS allows one prefLabel per language; the first document seen names the node.
    labels = graph.objects(subject, SKOS.prefLabel)
    if not any(getattr(label, "language", None) == lang for label in labels):
        graph.add((subject, SKOS.prefLabel, Literal(label, lang=lang)))


def _add_issuer(graph: Graph, iri: URIRef, issuer: str | None, code: str | None, base: str) -> None:
    hub = hub_namespace(base)
    _add_literal(graph, iri, hub.issuer, issuer, lang="vi")
    if code is not None:
        agent = URIRef(f"{base}/legal/issuer/{_segment(code)}")
        graph.add((agent, SKOS.notation, Literal(code)))
    elif issuer is not None and slugify(issuer):
        agent = URIRef(f"{base}/legal/issuer/name/{slugify(issuer)}")
    else:
        return
    graph.add((iri, ELI.passed_by, agent))
    graph.add((agent, RDF.type, FOAF.Organization))
    if issuer is not None:
        _add_label_once(graph, agent, issuer, "vi")


def _add_type(graph: Graph, iri: URIRef, code: str | None, labels: dict | None, base: str) -> None:
    if code is None:
        return
    scheme = URIRef(f"{base}/legal/type")
    concept = URIRef(f"{base}/legal/type/{_segment(code)}")
    graph.add((iri, ELI.type_document, concept))
    graph.add((concept, RDF.type, SKOS.Concept))
    graph.add((concept, SKOS.notation, Literal(code)))
    graph.add((concept, SKOS.inScheme, scheme))
    graph.add((scheme, RDF.type, SKOS.ConceptScheme))
    for lang, label in sorted((labels or {}).items()):
        if label is not None:
            _add_label_once(graph, concept, label, lang)


def _add_expression(
    graph: Graph, iri: URIRef, suffix: str, language: str, title: str | None, lang: str
) -> URIRef:
    expression = URIRef(f"{iri}/{suffix}")
    graph.add((expression, RDF.type, ELI.LegalExpression))
    graph.add((iri, ELI.is_realized_by, expression))
    graph.add((expression, ELI.realizes, iri))
    graph.add((expression, ELI.language, LANGUAGE[language]))
    _add_literal(graph, expression, ELI_TITLE, title, lang=lang)
    return expression


def _add_file(graph: Graph, expression: URIRef, file: dict, position: int, hub: Namespace) -> None:
    node = URIRef(f"{expression}/{_segment(file['role'])}")
    graph.add((node, RDF.type, ELI.Format))
    graph.add((expression, ELI.is_embodied_by, node))
    graph.add((node, ELI.embodies, expression))
    graph.add((node, ELI.is_exemplified_by, URIRef(file["url"])))
    if file.get("media_type") is not None:
        graph.add((node, ELI_FORMAT, URIRef(IANA_MEDIA_TYPES + file["media_type"])))
    graph.add((node, hub.fileRole, Literal(file["role"])))
    graph.add((node, hub.position, Literal(position)))


def reference_iri(base_url: str, key: str) -> str:
    """The IRI of a reference to a document the hub does not hold."""
    return f"{_base(base_url)}/legal/ref/{quote(key, safe='')}"


def _add_relation(graph: Graph, iri: URIRef, index: int, relation: dict, base: str) -> None:
    hub = hub_namespace(base)
    kind = relation["kind"]
    if kind not in RELATIONS:
        raise ValueError(f"unknown relation kind '{kind}'")
    if relation.get("target_id") is not None:
        target = URIRef(document_iri(base, relation["target_id"]))
    else:
        key = relation.get("target_key") or relation.get("number") or relation.get("label")
        if not key:
            raise ValueError(f"relation {index} of {iri} names no target")
        target = URIRef(reference_iri(base, key))
        # Only what the citing text says: the number and the words used.
        graph.add((target, RDF.type, ELI.LegalResource))
        _add_literal(graph, target, ELI.id_local, relation.get("number"))
        _add_literal(graph, target, RDFS.label, relation.get("label"), lang="vi")
    graph.add((iri, RELATIONS[kind], target))

    node = URIRef(f"{iri}/relation/{index}")
    graph.add((iri, hub.relation, node))
    graph.add((node, RDF.type, hub.Relation))
    graph.add((node, hub.position, Literal(index)))
    graph.add((node, hub.kind, Literal(kind)))
    graph.add((node, hub.target, target))
    _add_literal(graph, node, hub.label, relation.get("label"), lang="vi")
    _add_literal(graph, node, hub.targetKey, relation.get("target_key"))
    _add_literal(graph, node, hub.number, relation.get("number"))


# --- parse -------------------------------------------------------------------------------


def _one(graph: Graph, subject: Node, predicate: URIRef, lang: str | None = None) -> Node | None:
    """One value, the smallest when a merged graph holds several, for a stable result."""
    values = [
        value
        for value in graph.objects(subject, predicate)
        if lang is None or getattr(value, "language", None) == lang
    ]
    return min(values, key=str) if values else None


def _text(graph: Graph, subject: Node, predicate: URIRef, lang: str | None = None) -> str | None:
    value = _one(graph, subject, predicate, lang)
    return None if value is None else str(value)


def _date(graph: Graph, subject: Node, predicate: URIRef) -> date | None:
    value = _one(graph, subject, predicate)
    if value is None:
        return None
    parsed = value.toPython() if isinstance(value, Literal) else None
    # An ill-typed or untyped literal stays a string in rdflib.
    return parsed if isinstance(parsed, date) else date.fromisoformat(str(value))


def _position(graph: Graph, node: Node, hub: Namespace) -> int:
    value = _one(graph, node, hub.position)
    return int(value) if value is not None else 0


def _read_document(graph: Graph, iri: URIRef, doc_id: str, base: str) -> dict:
    hub = hub_namespace(base)
    status = _text(graph, iri, hub.validityStatus)
    if status is None:
        in_force = _one(graph, iri, ELI.in_force)
        status = _STATUS_FROM_ELI.get(in_force) if in_force is not None else None

    issuer_code = None
    agent = _one(graph, iri, ELI.passed_by)
    if agent is not None:
        issuer_code = _text(graph, agent, SKOS.notation)
    issuer = _text(graph, iri, hub.issuer)
    if issuer is None and agent is not None:
        issuer = _text(graph, agent, SKOS.prefLabel, "vi")

    doc_type = None
    doc_type_label = None
    concept = _one(graph, iri, ELI.type_document)
    if concept is not None:
        doc_type = _text(graph, concept, SKOS.notation)
        languages = sorted(
            {label.language for label in graph.objects(concept, SKOS.prefLabel)} - {None}
        )
        doc_type_label = {lang: _text(graph, concept, SKOS.prefLabel, lang) for lang in languages}
        doc_type_label = doc_type_label or None

    expressions = {
        str(_one(graph, expression, ELI.language)): expression
        for expression in graph.objects(iri, ELI.is_realized_by)
    }
    vie = expressions.get(str(LANGUAGE.VIE))
    eng = expressions.get(str(LANGUAGE.ENG))

    return {
        "id": doc_id,
        "number": _text(graph, iri, ELI.id_local),
        "doc_type": doc_type,
        "doc_type_label": doc_type_label,
        "issuer": issuer,
        "issuer_code": issuer_code,
        "signer": _text(graph, iri, hub.signer),
        "issued": _date(graph, iri, ELI.date_document),
        "effective": _date(graph, iri, ELI.first_date_entry_in_force),
        "expired": _date(graph, iri, ELI.date_no_longer_in_force),
        "status": status,
        "abstract": _text(graph, vie, ELI_TITLE, "vi") if vie is not None else None,
        "abstract_en": _text(graph, eng, ELI_TITLE, "en") if eng is not None else None,
        "sector": _text(graph, iri, DCTERMS.subject),
        "files": _read_files(graph, vie, hub) if vie is not None else [],
        "relations": _read_relations(graph, iri, base),
    }


def _read_files(graph: Graph, expression: Node, hub: Namespace) -> list[dict[str, Any]]:
    files = []
    for node in graph.objects(expression, ELI.is_embodied_by):
        media = _text(graph, node, ELI_FORMAT)
        if media is not None and media.startswith(IANA_MEDIA_TYPES):
            media = media[len(IANA_MEDIA_TYPES) :]
        files.append(
            (
                _position(graph, node, hub),
                {
                    "role": _text(graph, node, hub.fileRole),
                    "url": _text(graph, node, ELI.is_exemplified_by),
                    "media_type": media,
                },
            )
        )
    return [file for _, file in sorted(files, key=lambda item: (item[0], str(item[1]["role"])))]


def _read_relations(graph: Graph, iri: URIRef, base: str) -> list[dict[str, Any]]:
    hub = hub_namespace(base)
    prefix = f"{base}/legal/"
    relations = []
    for node in graph.objects(iri, hub.relation):
        target = _text(graph, node, hub.target)
        rest = target[len(prefix) :] if target and target.startswith(prefix) else ""
        # A hub document is <base>/legal/<id>; references add /ref/<key>, so have a "/".
        target_id = rest if rest and "/" not in rest else None
        relations.append(
            (
                _position(graph, node, hub),
                {
                    "kind": _text(graph, node, hub.kind),
                    "label": _text(graph, node, hub.label),
                    "target_id": target_id,
                    "target_key": _text(graph, node, hub.targetKey),
                    "number": _text(graph, node, hub.number),
                },
            )
        )
    return [relation for _, relation in sorted(relations, key=lambda item: item[0])]
