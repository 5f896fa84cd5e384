"""The public DCAT catalog, page by page: which datasets, in which order, with which links.

Only published ``PUBLIC`` datasets are in it, whoever asks. Pages hold ``PAGE_SIZE``
datasets ordered by ``metadata_modified`` (newest first) then ``id``, so a page is stable
while nothing changes. Each page graph carries its paging twice:

- the older Hydra form that ckanext-dcat emits and its harvester follows: the page IRI
  typed ``hydra:PagedCollection`` with ``hydra:firstPage``/``lastPage``/``nextPage``/
  ``previousPage`` (literals, as ckanext-dcat writes them), ``hydra:totalItems`` and
  ``hydra:itemsPerPage``;
- the newer ``hydra:PartialCollectionView`` form: the catalog's ``hydra:view`` is the page,
  which links ``hydra:first``/``last``/``next``/``previous`` as IRIs.

Both forms share the page node (the page IRI); page IRIs come from the configured base URL
and the normalized query parameters, never from a request's Host.

Page numbers: an integer from 1 (``BadRequest`` otherwise); a page past the last one is a
valid, empty page (links to first and last only), so a harvester that raced a deletion ends
cleanly instead of failing.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from urllib.parse import urlencode

from rdflib import RDF, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.term import Node
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload

from hub.auth.principal import Principal
from hub.datasets.models import Dataset
from hub.datasets.service import DatasetFilters, dataset_query, get_dataset
from hub.errors import BadRequest, FieldError
from hub.legal.eli import FORMATS
from hub.metadata.dcat import DcatApProfile, catalog_iri, legislation_refs, new_graph

__all__ = [
    "FORMATS",
    "HYDRA",
    "PAGE_SIZE",
    "CatalogPage",
    "CatalogQuery",
    "catalog_graph",
    "catalog_page",
    "dataset_graph",
    "iter_pages",
    "page_iri",
    "parse_catalog_query",
    "public_dataset",
    "render",
    "turtle",
]

HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
PAGE_SIZE = 100
_MAX_PAGE_DIGITS = 18  # longer numbers are surely not a page (and stay cheap to parse)
_MAX_Q = 200


@dataclass(frozen=True)
class CatalogQuery:
    """What a catalog request asks for, validated; ``params`` rebuild its page IRIs."""

    page: int = 1
    modified_since: datetime | None = None
    q: str | None = None
    organization: str | None = None

    def params(self, page: int) -> dict[str, str]:
        out: dict[str, str] = {}
        if self.modified_since is not None:
            out["modified_since"] = self.modified_since.isoformat()
        if self.q:
            out["q"] = self.q
        if self.organization:
            out["organization"] = self.organization
        out["page"] = str(page)
        return out


def parse_catalog_query(args: Mapping[str, str]) -> CatalogQuery:
    """Query string -> ``CatalogQuery``; ``BadRequest`` names the parameter at fault."""
    raw_page = (args.get("page") or "1").strip()
    if not raw_page.isascii() or not raw_page.isdigit() or len(raw_page) > _MAX_PAGE_DIGITS:
        raise _bad("page", "must be a whole number from 1.")
    page = int(raw_page)
    if page < 1:
        raise _bad("page", "must be a whole number from 1.")
    since = None
    raw_since = (args.get("modified_since") or "").strip()
    if raw_since:
        try:
            since = datetime.fromisoformat(raw_since)
        except ValueError:
            raise _bad("modified_since", "must be an ISO 8601 date or date-time.") from None
        if since.tzinfo is None:  # the hub stores UTC
            since = since.replace(tzinfo=UTC)
        since = since.astimezone(UTC)
    q = (args.get("q") or "").strip()[:_MAX_Q] or None
    organization = (args.get("organization") or "").strip() or None
    return CatalogQuery(page=page, modified_since=since, q=q, organization=organization)


def _bad(field: str, message: str) -> BadRequest:
    return BadRequest(f"'{field}' {message}", errors=[FieldError(field, message)])


@dataclass
class CatalogPage:
    query: CatalogQuery
    datasets: list[Dataset]
    total: int

    @property
    def last(self) -> int:
        return max(1, -(-self.total // PAGE_SIZE))


def _public_query(session: Session, query: CatalogQuery) -> Select:
    filters = DatasetFilters(
        organization=query.organization,
        state="published",
        access_rights="PUBLIC",
        modified_since=query.modified_since,
    )
    select_ = dataset_query(session, Principal.anonymous(), filters)
    if query.q:
        select_ = select_.where(Dataset.id.in_(_text_matches(session, query.q)))
    return select_


def _text_matches(session: Session, words: str) -> Select | list[uuid.UUID]:
    """Ids of the public datasets the search index finds for ``words`` (folded Vietnamese)."""
    from hub.search.database import DatabaseBackend
    from hub.search.service import get_backend
    from hub.search.text import parse_query

    parsed = parse_query(words)
    if parsed.empty:
        return select(Dataset.id)
    backend = get_backend()
    conn = session.connection()
    if isinstance(backend, DatabaseBackend):  # a subquery: filtering stays in one statement
        found = backend.matches(conn, parsed, doc_type="dataset", scored=False, tag="cat")
        return select(found.c.dataset_id)
    from hub.search.base import SearchQuery

    result = backend.query(
        conn, SearchQuery(text=words, filters={"type": ("dataset",)}, limit=10_000)
    )
    return [uuid.UUID(hit.id.split(":", 1)[1]) for hit in result.hits]


def catalog_page(session: Session, query: CatalogQuery) -> CatalogPage:
    """One page of the public catalog, organizations and distributions loaded in bulk."""
    base = _public_query(session, query)
    total = session.scalar(select(func.count()).select_from(base.order_by(None).subquery()))
    page = CatalogPage(query, [], total or 0)
    if query.page > page.last:  # past the end: nothing to fetch (and no huge OFFSET)
        return page
    rows = (
        base.options(selectinload(Dataset.organization), selectinload(Dataset.distributions))
        .order_by(Dataset.metadata_modified.desc(), Dataset.id)
        .offset((query.page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
    )
    page.datasets = list(session.scalars(rows).unique())
    return page


def page_iri(base_url: str, fmt: str, query: CatalogQuery, page: int) -> str:
    return f"{base_url.rstrip('/')}/catalog.{fmt}?{urlencode(query.params(page))}"


def catalog_graph(session: Session, page: CatalogPage, base_url: str, fmt: str) -> Graph:
    """The page's DCAT-AP catalog graph with both Hydra paging forms."""
    datasets = page.datasets
    numbers = {n for d in datasets for n in d.legal_basis or []}
    profile = DcatApProfile(legislation_refs(session, numbers) if numbers else None)
    graph = profile.serialize_catalog(datasets, base_url)
    graph.bind("hydra", HYDRA)
    _add_paging(graph, page, base_url, fmt)
    return graph


def _add_paging(graph: Graph, page: CatalogPage, base_url: str, fmt: str) -> None:
    query, number, last = page.query, page.query.page, page.last

    def iri(n: int) -> str:
        return page_iri(base_url, fmt, query, n)

    node = URIRef(iri(number))
    graph.add((catalog_iri(base_url), HYDRA.view, node))
    graph.add((node, RDF.type, HYDRA.PagedCollection))
    graph.add((node, RDF.type, HYDRA.PartialCollectionView))
    graph.add((node, HYDRA.totalItems, Literal(page.total, datatype=XSD.integer)))
    graph.add((node, HYDRA.itemsPerPage, Literal(PAGE_SIZE, datatype=XSD.integer)))
    links = {"first": 1, "last": last}
    if number < last:
        links["next"] = number + 1
    if 1 < number <= last:
        links["previous"] = number - 1
    for name, target in links.items():
        graph.add((node, HYDRA[name], URIRef(iri(target))))
        graph.add((node, HYDRA[f"{name}Page"], Literal(iri(target))))  # as ckanext-dcat


def iter_pages(session: Session, query: CatalogQuery) -> Iterator[CatalogPage]:
    """Every page from ``query.page`` on; each page's objects leave the session after it."""
    number = query.page
    while True:
        page = catalog_page(session, replace(query, page=number))
        yield page
        session.expunge_all()  # memory stays at one page's worth
        if number >= page.last:
            return
        number += 1


def public_dataset(session: Session, ref: str) -> Dataset:
    """A published open dataset by id or slug (``NotFound`` for anything else)."""
    return get_dataset(session, Principal.anonymous(), ref)


def dataset_graph(session: Session, dataset: Dataset, base_url: str) -> Graph:
    """One dataset's DCAT-AP graph, valid on its own."""
    numbers = list(dataset.legal_basis or [])
    profile = DcatApProfile(legislation_refs(session, numbers) if numbers else None)
    graph = new_graph()
    profile.serialize_dataset(graph, dataset, base_url)
    return graph


def render(graph: Graph, fmt: str) -> bytes:
    """``graph`` as one of ``FORMATS`` (UTF-8); JSON-LD compacted with the graph's prefixes."""
    rdf_format = FORMATS[fmt][0]
    if rdf_format == "turtle":
        return turtle(graph)
    if rdf_format != "json-ld":
        return graph.serialize(format=rdf_format, encoding="utf-8")
    context = {prefix: str(ns) for prefix, ns in graph.namespaces() if prefix}
    return graph.serialize(format="json-ld", context=context, indent=2, encoding="utf-8")


# --- Turtle ----------------------------------------------------------------------------------
# rdflib's Turtle serializer takes longer than building the graph (about 2 ms a dataset);
# this writer is a few times faster: prefixed names, one block per subject, predicates
# grouped with ";" and blank nodes used once nested as "[ ... ]".

_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})
_IRI_ESCAPES = {c: f"\\u{ord(c):04X}" for c in '<>"{}|^`\\ ' + "".join(map(chr, range(33)))}
_IRI_TABLE = str.maketrans(_IRI_ESCAPES)
_XSD_STRING = str(XSD.string)


class _TurtleWriter:
    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        prefixes = sorted(
            ((p, str(ns)) for p, ns in graph.namespaces() if p), key=lambda pn: -len(pn[1])
        )
        self.prefixes = prefixes
        self.names: dict[URIRef, str] = {}
        self.by_subject: dict[Node, list[tuple[Node, Node]]] = {}
        refs: dict[BNode, int] = {}
        for s, p, o in graph:
            self.by_subject.setdefault(s, []).append((p, o))
            if isinstance(o, BNode):
                refs[o] = refs.get(o, 0) + 1
        self.nestable = {b for b, n in refs.items() if n == 1}
        self.done: set[Node] = set()
        self.labels: dict[BNode, str] = {}
        self.out: list[str] = []

    def iri(self, node: URIRef) -> str:
        name = self.names.get(node)
        if name is None:
            text = str(node)
            name = f"<{text.translate(_IRI_TABLE)}>"
            for prefix, ns in self.prefixes:
                if text.startswith(ns) and _LOCAL.match(text, len(ns)):
                    name = f"{prefix}:{text[len(ns) :]}"
                    break
            self.names[node] = name
        return name

    def term(self, node: Node, depth: int) -> str:
        if isinstance(node, URIRef):
            return self.iri(node)
        if isinstance(node, Literal):
            lexical = f'"{str(node).translate(_ESCAPES)}"'
            if node.language:
                return f"{lexical}@{node.language}"
            if node.datatype is not None and str(node.datatype) != _XSD_STRING:
                return f"{lexical}^^{self.iri(node.datatype)}"
            return lexical
        if node in self.nestable and node not in self.done and node in self.by_subject:
            self.done.add(node)
            inner = self.predicates(node, depth + 1)
            pad = "    " * depth
            return f"[\n{inner}\n{pad}]"
        return self.label(node)

    def label(self, node: Node) -> str:
        if node not in self.labels:
            self.labels[node] = f"_:b{len(self.labels)}"
        return self.labels[node]

    def predicates(self, subject: Node, depth: int) -> str:
        grouped: dict[Node, list[Node]] = {}
        for p, o in self.by_subject[subject]:
            grouped.setdefault(p, []).append(o)
        pad = "    " * depth
        lines = []
        # rdf:type first, as "a", then predicates in a fixed order.
        for p in sorted(grouped, key=lambda p: (p != RDF.type, str(p))):
            verb = "a" if p == RDF.type else self.iri(p)
            objects = sorted(grouped[p], key=_order)
            lines.append(f"{pad}{verb} " + ", ".join(self.term(o, depth) for o in objects))
        return " ;\n".join(lines)

    def write(self) -> bytes:
        out = ["\n".join(f"@prefix {p}: <{ns}> ." for p, ns in sorted(self.prefixes))]
        subjects = sorted(self.by_subject, key=_order)
        # Named subjects first; a blank node is written alone only when not nested.
        for subject in subjects:
            if isinstance(subject, BNode) and subject in self.nestable:
                continue
            out.append(self._block(subject))
        for subject in subjects:  # nested ones whose only reference was in a cycle
            if subject not in self.done and isinstance(subject, BNode):
                out.append(self._block(subject))
        return ("\n\n".join(out) + "\n").encode("utf-8")

    def _block(self, subject: Node) -> str:
        self.done.add(subject)
        head = self.iri(subject) if isinstance(subject, URIRef) else self.label(subject)
        return f"{head}\n{self.predicates(subject, 1)} ."


def _order(node: Node) -> tuple[int, str]:
    return (isinstance(node, BNode), str(node))


def turtle(graph: Graph) -> bytes:
    """``graph`` as Turtle (UTF-8)."""
    return _TurtleWriter(graph).write()
