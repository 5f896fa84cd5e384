"""Metadata quality: a dataset's assessment (live), stored scores and their refresh, and the
ranking of organizations.

- ``dataset_quality`` assesses the dataset as it is now, from its DCAT-AP graph and the
  stored link results: an edit shows at once, and nothing is fetched.
- ``refresh_scores`` stores the scores of published open datasets. It recomputes a
  dataset when it has no score yet, when it changed since (``revision_number``), when
  the scoring method changed, or when one of its URLs was checked after its score was
  computed; ``everything`` recomputes all. Scores of datasets no longer published open
  are removed.
- ``organization_ranking`` ranks organizations by the average stored score of their
  published open datasets.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from rdflib import Graph
from rdflib.namespace import DCAT
from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from hub.auth.principal import Principal
from hub.datasets.models import Dataset, Distribution
from hub.datasets.service import get_dataset
from hub.db import atomic, utcnow
from hub.legal.models import LegalDocument, LegalRelation
from hub.metadata.dcat import DcatApProfile, legislation_refs
from hub.quality import links as link_checks
from hub.quality.indicators import METHOD
from hub.quality.models import QualityScore, url_key
from hub.quality.scoring import Assessment, assess, outcome_dict
from hub.quality.stars import LinkedData

CHUNK = 500  # datasets scored per transaction


def linked_data(session: Session, datasets: Sequence[Dataset]) -> dict[uuid.UUID, LinkedData]:
    """Which legal-document datasets publish their records as ELI resources, and which of
    those link to other documents."""
    ids = [d.id for d in datasets if d.content_type == "legal_document"]
    if not ids:
        return {}
    docs = select(LegalDocument.dataset_id).where(LegalDocument.dataset_id.in_(ids))
    with_docs = set(session.scalars(docs.distinct()))
    linked = docs.join(LegalRelation, LegalRelation.source_id == LegalDocument.id).distinct()
    with_links = set(session.scalars(linked))
    return {i: LinkedData(True, i in with_links) for i in with_docs}


def _assess_all(session: Session, datasets: Sequence[Dataset], base_url: str) -> list[Assessment]:
    numbers = {n for d in datasets for n in d.legal_basis or []}
    profile = DcatApProfile(legislation_refs(session, numbers) if numbers else None)
    graphs = []
    for dataset in datasets:
        # The profile's triples in a light store without prefixes (only read, never
        # printed): the same graph /dataset/<name>.ttl serves, built faster.
        graph = Graph(store="SimpleMemory", bind_namespaces="none")
        graphs.append((graph, profile.serialize_dataset(graph, dataset, base_url)))
    urls = {
        str(url)
        for graph, _ in graphs
        for prop in (DCAT.accessURL, DCAT.downloadURL)
        for url in graph.objects(None, prop)
    }
    states = link_checks.link_states(session, urls, base_url)
    lookup, linked, now = link_checks.lookup(states), linked_data(session, datasets), utcnow()
    return [
        assess(
            graph,
            iri,
            lookup,
            dataset_id=dataset.id,
            slug=dataset.slug,
            now=now,
            linked=linked.get(dataset.id, LinkedData()),
        )
        for dataset, (graph, iri) in zip(datasets, graphs, strict=True)
    ]


def dataset_quality(session: Session, actor: Principal, ref: str, base_url: str) -> Assessment:
    """The assessment of a dataset ``actor`` may see, from its current metadata and the
    stored link results (``NotFound`` otherwise)."""
    dataset = get_dataset(session, actor, ref)
    return _assess_all(session, [dataset], base_url)[0]


@dataclass(frozen=True)
class RefreshRun:
    published: int
    scored: int
    removed: int
    seconds: float


def _score_row(dataset: Dataset, assessment: Assessment) -> dict[str, Any]:
    return {
        "dataset_id": dataset.id,
        "revision_number": dataset.revision_number,
        "method": METHOD,
        "total": assessment.total,
        "rating": assessment.rating,
        "stars": assessment.stars,
        "dimensions": assessment.dimensions,
        "indicators": {o.indicator.key: outcome_dict(o) for o in assessment.outcomes},
        "links_checked_at": assessment.links_checked_at,
        "computed_at": assessment.computed_at,
    }


@atomic
def _store(session: Session, rows: list[dict[str, Any]], existing: set[uuid.UUID]) -> None:
    updates = [r for r in rows if r["dataset_id"] in existing]
    inserts = [r for r in rows if r["dataset_id"] not in existing]
    if updates:
        session.execute(update(QualityScore), updates)
    if inserts:
        session.execute(insert(QualityScore), inserts)


@atomic
def _remove_unpublished(session: Session) -> int:
    published = select(Dataset.id).where(link_checks.PUBLISHED)
    gone = delete(QualityScore).where(QualityScore.dataset_id.not_in(published))
    return session.execute(gone).rowcount or 0


def _due(session: Session, everything: bool) -> tuple[int, list[uuid.UUID], set[uuid.UUID]]:
    query = select(Dataset.id, Dataset.revision_number).where(link_checks.PUBLISHED)
    published = {id_: revision for id_, revision in session.execute(query)}
    stored = {
        row.dataset_id: row
        for row in session.execute(
            select(
                QualityScore.dataset_id,
                QualityScore.revision_number,
                QualityScore.method,
                QualityScore.computed_at,
            )
        )
    }
    newest = _newest_checks(session)
    due = [
        id_
        for id_, revision in published.items()
        if everything
        or id_ not in stored
        or stored[id_].revision_number != revision
        or stored[id_].method != METHOD
        or newest.get(id_, stored[id_].computed_at) > stored[id_].computed_at
    ]
    return len(published), sorted(due), set(stored)


def _newest_checks(session: Session) -> dict[uuid.UUID, datetime]:
    """The newest link check among each published dataset's URLs."""
    pairs = session.execute(
        select(Distribution.dataset_id, Distribution.url)
        .join(Dataset, Dataset.id == Distribution.dataset_id)
        .where(link_checks.PUBLISHED, Distribution.url.is_not(None))
    ).all()
    checks = link_checks.checks_by_key(session, sorted({url_key(u) for _, u in pairs}))
    newest: dict[uuid.UUID, datetime] = {}
    for dataset_id, url in pairs:
        row = checks.get(url_key(url))
        if row is not None and (dataset_id not in newest or row.checked_at > newest[dataset_id]):
            newest[dataset_id] = row.checked_at
    return newest


def refresh_scores(session: Session, base_url: str, *, everything: bool = False) -> RefreshRun:
    """Recompute and store the scores that are due (see the module's docstring)."""
    start = time.perf_counter()
    published, due, existing = _due(session, everything)
    for first in range(0, len(due), CHUNK):
        ids = due[first : first + CHUNK]
        datasets = list(session.scalars(select(Dataset).where(Dataset.id.in_(ids))))
        assessments = _assess_all(session, datasets, base_url)
        rows = [_score_row(d, a) for d, a in zip(datasets, assessments, strict=True)]
        _store(session, rows, existing)
        session.expunge_all()  # memory stays at one chunk's worth
    removed = _remove_unpublished(session)
    return RefreshRun(published, len(due), removed, time.perf_counter() - start)
