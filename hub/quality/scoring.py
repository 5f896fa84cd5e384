"""A dataset's quality assessment: indicator points, dimensions, rating, stars, suggestions.

Pure functions over a DCAT-AP graph and what is known of its links; the service
(``hub.quality.service``) feeds them from the database.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from rdflib import Graph, URIRef

from hub.quality.indicators import DIMENSIONS, MAX_POINTS, LinkLookup, LinkState, Outcome, evaluate
from hub.quality.stars import LinkedData, star_level
from hub.quality.suggestions import suggestions

# (rating, first point of its range): excellent 351-405, good 221-350, sufficient 121-220,
# bad 0-120. A fractional total below a range's first point stays in the range below.
RATINGS = (("excellent", 351), ("good", 221), ("sufficient", 121), ("bad", 0))


def rating(total: float) -> str:
    return next(name for name, start in RATINGS if total >= start)


@dataclass(frozen=True)
class Assessment:
    dataset_id: uuid.UUID
    slug: str
    total: float
    rating: str
    stars: int
    dimensions: dict[str, dict[str, float]]
    outcomes: list[Outcome]
    links: list[LinkState]
    suggestions: list[dict[str, str]]
    computed_at: datetime

    @property
    def links_checked_at(self) -> datetime | None:
        return max((s.checked_at for s in self.links if s.checked_at), default=None)


def assess(
    graph: Graph,
    dataset: URIRef,
    links: LinkLookup,
    *,
    dataset_id: uuid.UUID,
    slug: str,
    now: datetime,
    linked: LinkedData = LinkedData(),
) -> Assessment:
    evaluation = evaluate(graph, dataset, links)
    dimensions: dict[str, dict[str, float]] = {
        name: {"points": 0.0, "max": most} for name, most in DIMENSIONS.items()
    }
    for outcome in evaluation.outcomes:
        dimensions[outcome.indicator.dimension]["points"] += outcome.points
    for value in dimensions.values():
        value["points"] = round(value["points"], 1)
    total = round(sum(v["points"] for v in dimensions.values()), 1)
    return Assessment(
        dataset_id=dataset_id,
        slug=slug,
        total=total,
        rating=rating(total),
        stars=star_level(evaluation.distributions, linked),
        dimensions=dimensions,
        outcomes=evaluation.outcomes,
        links=evaluation.links,
        suggestions=suggestions(evaluation.outcomes),
        computed_at=now,
    )


def _iso(value: datetime | str | None) -> str | None:
    return value.isoformat() if isinstance(value, datetime) else value


def outcome_dict(outcome: Outcome) -> dict[str, Any]:
    ind = outcome.indicator
    out: dict[str, Any] = {
        "dimension": ind.dimension,
        "points": outcome.points,
        "max": ind.max_points,
        "rule": ind.rule,
    }
    if outcome.met is not None:
        out["met"] = outcome.met
    if outcome.share is not None:
        out["share"] = round(outcome.share, 4)
    if ind.link:
        out["checked_at"] = _iso(outcome.checked_at)
    if ind.key == "dcat_ap_compliance":
        out["violations"] = outcome.details
    return out


def link_dict(state: LinkState) -> dict[str, Any]:
    checked: str | None = "internal" if state.internal else "not_checked"
    if state.checked_at is not None:
        checked = state.checked_at.isoformat()
    return {
        "url": state.url,
        "ok": state.ok,
        "status": state.status,
        "error": state.error,
        "checked_at": checked,
    }


def assessment_dict(assessment: Assessment) -> dict[str, Any]:
    return {
        "dataset_id": str(assessment.dataset_id),
        "dataset": assessment.slug,
        "total": assessment.total,
        "max": MAX_POINTS,
        "rating": assessment.rating,
        "stars": assessment.stars,
        "dimensions": assessment.dimensions,
        "indicators": {o.indicator.key: outcome_dict(o) for o in assessment.outcomes},
        "links": [link_dict(s) for s in assessment.links],
        "suggestions": assessment.suggestions,
        "computed_at": assessment.computed_at.isoformat(),
    }
