"""The indicators of the data.europa.eu Metadata Quality Assessment (MQA), read from a
dataset's DCAT-AP graph as harvesters see it (``hub.metadata.dcat``).

Five dimensions, 405 points. Dataset-level indicators score all or nothing. For the
indicators computed on distributions, the methodology states one rule, for
interoperability: "identical content with several distributions", so only the
distribution with the most interoperability points counts (rule ``best``). It states
none for the others (access and download URLs, licence, rights, byte size): those score
the share of distributions that meet them, points x share rounded to one decimal (rule
``share``). A dataset without distributions scores none of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from rdflib import Graph, URIRef
from rdflib.namespace import DCAT, DCTERMS
from rdflib.term import Node

from hub.datasets.vocab import EU_AUTHORITY
from hub.metadata.dcat_vocab import LICENCE_CODES
from hub.quality import formats
from hub.quality.compliance import check_dataset

METHOD = 1  # bump when scoring changes: stored scores of an older method are recomputed
ACCESS_RIGHT_AUTHORITY = f"{EU_AUTHORITY}/access-right/"


@dataclass(frozen=True)
class Indicator:
    key: str
    dimension: str
    max_points: int
    rule: str  # met (dataset level) | share | best (distribution level)
    link: bool = False  # scored from the background link checks


DIMENSIONS = {
    "findability": 100,
    "accessibility": 100,
    "interoperability": 110,
    "reusability": 75,
    "contextuality": 20,
}
INDICATORS = (
    Indicator("keywords", "findability", 30, "met"),
    Indicator("categories", "findability", 30, "met"),
    Indicator("spatial", "findability", 20, "met"),
    Indicator("temporal", "findability", 20, "met"),
    Indicator("access_url_status", "accessibility", 50, "share", link=True),
    Indicator("download_url", "accessibility", 20, "share"),
    Indicator("download_url_status", "accessibility", 30, "share", link=True),
    Indicator("format", "interoperability", 20, "best"),
    Indicator("media_type", "interoperability", 10, "best"),
    Indicator("format_vocabulary", "interoperability", 10, "best"),
    Indicator("non_proprietary", "interoperability", 20, "best"),
    Indicator("machine_readable", "interoperability", 20, "best"),
    Indicator("dcat_ap_compliance", "interoperability", 30, "met"),
    Indicator("licence", "reusability", 20, "share"),
    Indicator("licence_vocabulary", "reusability", 10, "share"),
    Indicator("access_rights", "reusability", 10, "met"),
    Indicator("access_rights_vocabulary", "reusability", 5, "met"),
    Indicator("contact_point", "reusability", 20, "met"),
    Indicator("publisher", "reusability", 10, "met"),
    Indicator("rights", "contextuality", 5, "share"),
    Indicator("byte_size", "contextuality", 5, "share"),
    Indicator("issued", "contextuality", 5, "met"),
    Indicator("modified", "contextuality", 5, "met"),
)
BY_KEY = {i.key: i for i in INDICATORS}
MAX_POINTS = sum(DIMENSIONS.values())
_INTEROPERABILITY = [i for i in INDICATORS if i.rule == "best"]


@dataclass(frozen=True)
class LinkState:
    """What is known of one URL: served by the hub, or the latest background check."""

    url: str
    internal: bool  # served by the hub itself: resolves by construction, never fetched
    ok: bool
    checked_at: datetime | None = None  # None (and not internal): never checked
    status: int | None = None
    error: str | None = None


LinkLookup = Callable[[str], LinkState]


@dataclass(frozen=True)
class DistributionFacts:
    node: str
    access_urls: tuple[str, ...]
    download_urls: tuple[str, ...]
    format_iri: str | None
    media_iri: str | None
    licence_iri: str | None
    conforms_to: frozenset[str]
    rights: bool
    byte_size: bool

    @property
    def file_type(self) -> formats.FileType | None:
        return formats.judge(self.format_iri, self.media_iri)


@dataclass
class Outcome:
    indicator: Indicator
    points: float
    met: bool | None = None  # dataset level, and the chosen distribution for ``best``
    share: float | None = None  # distribution level: the share that meets it
    checked_at: datetime | str | None = None  # link indicators: see ``_checked_at``
    details: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Evaluation:
    outcomes: list[Outcome]
    distributions: list[DistributionFacts]
    links: list[LinkState]


def _first(graph: Graph, node: Node, prop: URIRef) -> str | None:
    value = next(graph.objects(node, prop), None)
    return None if value is None else str(value)


def _has(graph: Graph, node: Node, prop: URIRef) -> bool:
    return next(graph.objects(node, prop), None) is not None


def distribution_facts(graph: Graph, node: Node) -> DistributionFacts:
    return DistributionFacts(
        node=str(node),
        access_urls=tuple(str(u) for u in graph.objects(node, DCAT.accessURL)),
        download_urls=tuple(str(u) for u in graph.objects(node, DCAT.downloadURL)),
        format_iri=_first(graph, node, DCTERMS.format),
        media_iri=_first(graph, node, DCAT.mediaType),
        licence_iri=_first(graph, node, DCTERMS.license),
        conforms_to=frozenset(str(s) for s in graph.objects(node, DCTERMS.conformsTo)),
        rights=_has(graph, node, DCTERMS.rights),
        byte_size=_has(graph, node, DCAT.byteSize),
    )


def interoperability(dist: DistributionFacts) -> dict[str, bool]:
    """The interoperability checks of one distribution."""
    kind = dist.file_type
    present = dist.format_iri is not None or dist.media_iri is not None
    in_vocabulary = present and (
        (dist.format_iri is None or formats.file_type_in_vocabulary(dist.format_iri))
        and (dist.media_iri is None or formats.media_type_in_vocabulary(dist.media_iri))
    )
    return {
        "format": dist.format_iri is not None,
        "media_type": dist.media_iri is not None,
        "format_vocabulary": in_vocabulary,
        "non_proprietary": bool(kind and kind.non_proprietary),
        "machine_readable": bool(kind and kind.machine_readable),
    }


def _points(indicator: Indicator, fraction: float) -> float:
    return round(indicator.max_points * fraction, 1)


def _checked_at(states: list[LinkState]) -> datetime | str | None:
    """The oldest check among the results used; ``not_checked`` when an outside URL has
    none yet; None when every URL is the hub's own."""
    outside = [s for s in states if not s.internal]
    if any(s.checked_at is None for s in outside):
        return "not_checked"
    return min((s.checked_at for s in outside if s.checked_at), default=None)


def evaluate(graph: Graph, dataset: URIRef, links: LinkLookup) -> Evaluation:
    """Every indicator's outcome for ``dataset`` in ``graph``."""
    dists = [distribution_facts(graph, d) for d in graph.objects(dataset, DCAT.distribution)]
    dists.sort(key=lambda d: d.node)
    access = {d.node: [links(u) for u in d.access_urls] for d in dists}
    download = {d.node: [links(u) for u in d.download_urls] for d in dists}
    per_dist: dict[str, list[bool]] = {
        "access_url_status": [any(s.ok for s in access[d.node]) for d in dists],
        "download_url": [bool(d.download_urls) for d in dists],
        "download_url_status": [any(s.ok for s in download[d.node]) for d in dists],
        "licence": [d.licence_iri is not None for d in dists],
        "licence_vocabulary": [d.licence_iri in LICENCE_CODES for d in dists],
        "rights": [d.rights for d in dists],
        "byte_size": [d.byte_size for d in dists],
    }
    interop = [interoperability(d) for d in dists]
    best = max(interop, key=lambda checks: _interop_points(checks), default=None)
    violations = check_dataset(graph, dataset)
    access_rights = _first(graph, dataset, DCTERMS.accessRights)
    dataset_level = {
        "keywords": _has(graph, dataset, DCAT.keyword),
        "categories": _has(graph, dataset, DCAT.theme),
        "spatial": _has(graph, dataset, DCTERMS.spatial),
        "temporal": _has(graph, dataset, DCTERMS.temporal),
        "dcat_ap_compliance": not violations,
        "access_rights": access_rights is not None,
        "access_rights_vocabulary": bool(
            access_rights and access_rights.startswith(ACCESS_RIGHT_AUTHORITY)
        ),
        "contact_point": _has(graph, dataset, DCAT.contactPoint),
        "publisher": _has(graph, dataset, DCTERMS.publisher),
        "issued": _has(graph, dataset, DCTERMS.issued),
        "modified": _has(graph, dataset, DCTERMS.modified),
    }
    outcomes = []
    for ind in INDICATORS:
        if ind.rule == "met":
            met = dataset_level[ind.key]
            outcome = Outcome(ind, float(ind.max_points) if met else 0.0, met=met)
            if ind.key == "dcat_ap_compliance":
                outcome.details = violations
        elif ind.rule == "best":
            met = bool(best and best[ind.key])
            share = sum(c[ind.key] for c in interop) / len(dists) if dists else 0.0
            outcome = Outcome(ind, float(ind.max_points) if met else 0.0, met=met, share=share)
        else:
            flags = per_dist[ind.key]
            share = sum(flags) / len(flags) if flags else 0.0
            outcome = Outcome(ind, _points(ind, share), share=round(share, 4))
        if ind.link:
            used = access if ind.key == "access_url_status" else download
            outcome.checked_at = _checked_at([s for states in used.values() for s in states])
        outcomes.append(outcome)
    states = {s.url: s for group in (access, download) for ss in group.values() for s in ss}
    return Evaluation(outcomes, dists, list(states.values()))


def _interop_points(checks: dict[str, bool]) -> int:
    return sum(i.max_points for i in _INTEROPERABILITY if checks[i.key])
