"""Metadata quality: a dataset's assessment and the ranking of organizations."""

from __future__ import annotations

from typing import Any

from flask import Response, current_app

from hub.api.auth import current_principal
from hub.api.listing import (
    Page,
    SortKey,
    decode_cursor,
    encode_cursor,
    page_body,
    parse_flag,
    parse_limit,
)
from hub.api.v1 import bp
from hub.api.v1.common import query_args, respond
from hub.api.v1.quality_schemas import QualityOut, QualityRanking
from hub.api.v1.spec import PAGING, doc
from hub.db import get_session
from hub.quality.ranking import QualitySummary, RankedOrganization, organization_ranking
from hub.quality.scoring import assessment_dict
from hub.quality.service import dataset_quality


def _base() -> str:
    return current_app.config["HUB_BASE_URL"]


def _offset(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError("not an offset")
    return value


_OFFSET = [SortKey(None, lambda offset: offset, _offset)]


@bp.get("/datasets/<ref>/quality")
@doc(tag="quality", response=QualityOut, errors=(404,))
def show_dataset_quality(ref: str) -> Response:
    """Metadata quality of a dataset (data.europa.eu MQA: 405 points, rating, 5 stars).
    Computed from the current metadata, so an edit shows at once, and from the stored
    background link checks: this request fetches nothing. Each indicator that misses
    points comes with a suggestion in Vietnamese and English."""
    query_args(set())
    assessment = dataset_quality(get_session(), current_principal(), ref, _base())
    out = assessment_dict(assessment)
    dataset_url = f"{_base()}/api/v1/datasets/{assessment.dataset_id}"
    out = {**out, "url": f"{dataset_url}/quality", "dataset_url": dataset_url}
    return respond(out)


def _summary_out(summary: QualitySummary) -> dict[str, Any]:
    return {
        "datasets": summary.datasets,
        "average": summary.average,
        "rating": summary.rating,
        "average_stars": summary.average_stars,
        "ratings": summary.ratings,
        "scored_at": {
            "from": summary.scored_from.isoformat() if summary.scored_from else None,
            "to": summary.scored_to.isoformat() if summary.scored_to else None,
        },
    }


def _ranked_out(item: RankedOrganization) -> dict[str, Any]:
    org = item.organization
    return {
        "rank": item.rank,
        "organization": {
            "id": str(org.id),
            "slug": org.slug,
            "title_vi": org.title_vi,
            "title_en": org.title_en,
            "agency_code": org.agency_code,
            "url": f"{_base()}/api/v1/organizations/{org.id}",
        },
        **_summary_out(item.summary),
    }


@bp.get("/quality")
@doc(tag="quality", response=QualityRanking, query=PAGING)
def quality_ranking() -> Response:
    """Organizations ranked by the metadata quality of their published open datasets.
    Averages of the stored scores (refreshed by ``hub quality check``), best first, with
    each organization's share of datasets per rating; ``catalog`` is the whole catalog."""
    args = query_args(set())
    limit, want_count = parse_limit(args), parse_flag(args, "count")
    cursor = args.get("cursor")
    offset = decode_cursor(cursor, _OFFSET)[0] if cursor else 0
    ranking = organization_ranking(get_session(), offset=offset, limit=limit)
    more = offset + limit < ranking.total
    page = Page(
        ranking.items,
        encode_cursor([offset + limit]) if more else None,
        ranking.total if want_count else None,
    )
    body, headers = page_body(page, [_ranked_out(item) for item in ranking.items])
    return respond({"catalog": _summary_out(ranking.catalog), **body}, headers=headers)
