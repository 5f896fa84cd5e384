"""One page of a DCAT catalog: fetched under the harvest's fetch policy, its RDF syntax
chosen from the Content-Type (else the URL's extension, else the first byte), checked,
parsed with rdflib, and its Hydra next page found. Registers nothing.

Safety before parsing:

- RDF/XML is refused when it declares a DOCTYPE or an ENTITY: defusedxml's expat
  parser (``forbid_dtd``, ``forbid_entities``, ``forbid_external``) reads the body
  first, in whatever encoding the document declares, so a UTF-16 document cannot hide a
  declaration from a byte search. Nothing is resolved: defusedxml raises on the
  declaration itself.
- JSON-LD remote ``@context`` documents are fetched here, through the same policy (rdflib
  would fetch them itself with urllib, outside it), and inlined before rdflib sees the
  document.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

import defusedxml.ElementTree as safe_xml
from defusedxml import DefusedXmlException
from rdflib import Graph, Namespace
from rdflib.term import Literal, URIRef

from hub.harvesters.base import GatherFailed
from hub.harvesters.remote import Remote, RemoteError

HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
ACCEPT = (
    "text/turtle, application/rdf+xml;q=0.9, application/ld+json;q=0.8, "
    "application/n-triples;q=0.5, */*;q=0.1"
)
_MEDIA = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/rdf+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "application/ld+json": "json-ld",
    "application/json": "json-ld",
    "application/n-triples": "nt",
    "text/n3": "n3",
    "application/trig": "trig",
}
_EXTENSIONS = {
    "ttl": "turtle",
    "rdf": "xml",
    "xml": "xml",
    "owl": "xml",
    "jsonld": "json-ld",
    "json": "json-ld",
    "nt": "nt",
    "n3": "n3",
    "trig": "trig",
}
_CONTEXT_DEPTH = 3


@dataclass(frozen=True)
class Page:
    url: str  # after redirects
    graph: Graph
    next_url: str | None


def syntax(content_type: str | None, url: str, body: bytes) -> str:
    """rdflib's parser name for the response."""
    media = (content_type or "").split(";")[0].strip().lower()
    if media in _MEDIA:
        return _MEDIA[media]
    path = urlsplit(url).path
    extension = path.rsplit(".", 1)[-1].lower() if "." in path.rsplit("/", 1)[-1] else ""
    if extension in _EXTENSIONS:
        return _EXTENSIONS[extension]
    start = body.lstrip()[:1]
    return "xml" if start == b"<" else "json-ld" if start in (b"{", b"[") else "turtle"


def refuse_declarations(body: bytes, url: str) -> None:
    """GatherFailed when the XML declares a DOCTYPE or an entity (XXE)."""
    try:
        safe_xml.fromstring(body, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise GatherFailed(
            "Tài liệu RDF/XML khai báo DOCTYPE/ENTITY nên bị từ chối / The RDF/XML "
            f"document declares a DOCTYPE or ENTITY and is refused (XXE): {url}"
        ) from None
    except safe_xml.ParseError as exc:
        raise GatherFailed(
            f"Không đọc được trang / The page cannot be read: {url}: {exc}"
        ) from None


def fetch_page(remote: Remote, url: str) -> Page:
    try:
        response = remote.get(url, accept=ACCEPT)
    except RemoteError as exc:
        raise GatherFailed(f"Không tải được trang / The page cannot be fetched: {exc}") from None
    if response.truncated:
        raise GatherFailed(f"Trang bị cắt cụt / The page was cut short: {response.url}")
    body, final = response.body, response.url
    fmt = syntax(response.headers.get("content-type"), final, body)
    if fmt == "xml":
        refuse_declarations(body, final)
    graph = Graph()
    try:
        if fmt == "json-ld":
            document = _inline_contexts(remote, json.loads(body), final, 0, {})
            graph.parse(data=json.dumps(document), format="json-ld", publicID=final)
        else:
            graph.parse(data=body, format=fmt, publicID=final)
    except GatherFailed:
        raise
    except Exception as exc:  # rdflib raises many kinds on bad input
        raise GatherFailed(
            f"Không đọc được trang ({fmt}) / The page cannot be read as {fmt}: {final}: "
            f"{type(exc).__name__}: {str(exc)[:300]}"
        ) from None
    return Page(final, graph, next_link(graph, final))


def next_link(graph: Graph, page_url: str) -> str | None:
    """The next page in either Hydra form (``hydra:next`` IRIs, ``hydra:nextPage``
    literals or IRIs), made absolute; the first by text when several are given."""
    found = {
        urldefrag(urljoin(page_url, str(o)))[0]
        for p in (HYDRA.next, HYDRA.nextPage)
        for o in graph.objects(None, p)
        if isinstance(o, URIRef | Literal) and str(o).strip()
    }
    return sorted(found)[0] if found else None


def _inline_contexts(
    remote: Remote, node: Any, base: str, depth: int, cache: dict[str, Any]
) -> Any:
    """``node`` with every remote ``@context`` replaced by the context it names."""
    if isinstance(node, list):
        return [_inline_contexts(remote, item, base, depth, cache) for item in node]
    if not isinstance(node, dict):
        return node
    out = {
        k: _inline_contexts(remote, v, base, depth, cache)
        for k, v in node.items()
        if k != "@context"
    }
    if "@context" in node:
        out["@context"] = _context(remote, node["@context"], base, depth, cache)
    return out


def _context(remote: Remote, value: Any, base: str, depth: int, cache: dict[str, Any]) -> Any:
    if isinstance(value, list):
        return [_context(remote, v, base, depth, cache) for v in value]
    if isinstance(value, dict):
        return _inline_contexts(remote, value, base, depth, cache)
    if not isinstance(value, str):
        return value
    url = urljoin(base, value)
    if url not in cache:
        if depth >= _CONTEXT_DEPTH:
            raise GatherFailed(f"JSON-LD @context lồng quá sâu / nested too deep: {url}")
        try:
            got = remote.get(url, accept="application/ld+json, application/json")
            document = json.loads(got.body)
        except (RemoteError, ValueError) as exc:
            raise GatherFailed(
                f"Không tải được @context / The @context {url} failed: {exc}"
            ) from None
        inner = document.get("@context", {}) if isinstance(document, dict) else {}
        cache[url] = _context(remote, inner, url, depth + 1, cache)
    return cache[url]
