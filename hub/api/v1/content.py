"""Portal content checks: English coverage of each organization's published content."""

from __future__ import annotations

from flask import Response, current_app

from hub.api.v1 import bp
from hub.api.v1.common import query_args, respond
from hub.api.v1.legal_schemas import EnglishCoverageOut
from hub.api.v1.spec import doc
from hub.content.english import english_coverage
from hub.db import get_session


@bp.get("/english-coverage")
@doc(tag="content", response=EnglishCoverageOut)
def english_coverage_report() -> Response:
    """Organizations lacking the English versions the regulations require.
    missing names the parts: name, structure (unit names), functions, contacts; details
    count the published records and those lacking English."""
    query_args(set())
    base = current_app.config["HUB_BASE_URL"]
    checked, gaps = english_coverage(get_session())
    body = {
        "checked": checked,
        "complete": checked - len(gaps),
        "data": [
            {
                "organization": {"id": str(g.organization.id), "name": g.organization.slug},
                "url": f"{base}/api/v1/organizations/{g.organization.slug}",
                "title_en": g.organization.title_en,
                "missing": g.missing,
                "details": g.details,
            }
            for g in gaps
        ],
    }
    return respond(body)
