"""Organizations ranked by the average stored quality score of their published open
datasets (``quality_score``, refreshed by ``hub quality check``), and the catalog's own
average. Organizations without a scored dataset are not ranked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from hub.datasets.models import Dataset, Organization
from hub.quality.links import PUBLISHED
from hub.quality.models import QualityScore
from hub.quality.scoring import RATINGS, rating


@dataclass(frozen=True)
class QualitySummary:
    datasets: int
    average: float | None
    rating: str | None
    average_stars: float | None
    ratings: dict[str, float]  # share of datasets per rating
    scored_from: datetime | None
    scored_to: datetime | None


@dataclass(frozen=True)
class RankedOrganization:
    rank: int
    organization: Organization
    summary: QualitySummary


@dataclass(frozen=True)
class Ranking:
    catalog: QualitySummary
    items: list[RankedOrganization]
    total: int  # organizations ranked
    offset: int


def _columns() -> list[Any]:
    return [
        func.count(),
        func.sum(QualityScore.total),
        func.sum(QualityScore.stars),
        func.min(QualityScore.computed_at),
        func.max(QualityScore.computed_at),
        *(func.sum(case((QualityScore.rating == name, 1), else_=0)) for name, _ in RATINGS),
    ]


def _summary(
    count: int, total: float, stars: float, first: Any, last: Any, per_rating: list
) -> QualitySummary:
    if not count:
        return QualitySummary(0, None, None, None, {n: 0.0 for n, _ in RATINGS}, None, None)
    mean = round(float(total) / count, 1)
    names = [name for name, _ in RATINGS]
    shares = {name: round(int(n) / count, 4) for name, n in zip(names, per_rating, strict=True)}
    return QualitySummary(
        count, mean, rating(mean), round(float(stars) / count, 2), shares, first, last
    )


def organization_ranking(session: Session, *, offset: int = 0, limit: int = 20) -> Ranking:
    """One page of the ranking: best average first, then more datasets, then slug."""
    query = (
        select(Dataset.organization_id, *_columns())
        .join(Dataset, Dataset.id == QualityScore.dataset_id)
        .where(PUBLISHED)
        .group_by(Dataset.organization_id)
    )
    # One pass: the catalog's figures are the sums of the organizations'.
    rows = [(row[0], list(row[1:])) for row in session.execute(query)]
    per_org = {org_id: _summary(*v[:5], v[5:]) for org_id, v in rows}
    sums = [sum(v[i] for _, v in rows) for i in (0, 1, 2)]
    firsts = [v[3] for _, v in rows]
    lasts = [v[4] for _, v in rows]
    per_rating = [sum(v[5 + i] for _, v in rows) for i in range(len(RATINGS))]
    catalog = _summary(*sums, min(firsts, default=None), max(lasts, default=None), per_rating)
    orgs = {
        o.id: o
        for o in session.scalars(select(Organization).where(Organization.id.in_(list(per_org))))
    }
    ordered = sorted(
        per_org.items(), key=lambda kv: (-(kv[1].average or 0), -kv[1].datasets, orgs[kv[0]].slug)
    )
    page = ordered[offset : offset + limit]
    items = [
        RankedOrganization(offset + i + 1, orgs[org_id], summary)
        for i, (org_id, summary) in enumerate(page)
    ]
    return Ranking(catalog, items, len(ordered), offset)
