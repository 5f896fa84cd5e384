"""Catalog statistics for national monitoring systems: what is published, by whom, when."""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hub.datasets.models import Dataset, Distribution, Organization

_PUBLISHED = (Dataset.state == "published") & (Dataset.access_rights == "PUBLIC")


def catalog_stats(session: Session) -> dict[str, Any]:
    """Counts of published open datasets and distributions by organization, type and theme."""
    per_org = {
        org_id: (n, last)
        for org_id, n, last in session.execute(
            select(Dataset.organization_id, func.count(), func.max(Dataset.metadata_modified))
            .where(_PUBLISHED)
            .group_by(Dataset.organization_id)
        )
    }
    dists_per_org = dict(
        session.execute(
            select(Dataset.organization_id, func.count(Distribution.id))
            .join(Distribution, Distribution.dataset_id == Dataset.id)
            .where(_PUBLISHED)
            .group_by(Dataset.organization_id)
        ).all()
    )
    by_type = dict(
        session.execute(
            select(Dataset.content_type, func.count())
            .where(_PUBLISHED)
            .group_by(Dataset.content_type)
        ).all()
    )
    themes: Counter[str] = Counter()
    for row in session.scalars(select(Dataset.themes).where(_PUBLISHED)):
        themes.update(row or [])
    orgs = session.scalars(
        select(Organization).where(Organization.successor_id.is_(None)).order_by(Organization.slug)
    )
    by_org = []
    for org in orgs:
        count, last = per_org.get(org.id, (0, None))
        by_org.append(
            {
                "id": str(org.id),
                "slug": org.slug,
                "title_vi": org.title_vi,
                "agency_code": org.agency_code,
                "datasets": count,
                "distributions": dists_per_org.get(org.id, 0),
                "last_modified": last.isoformat() if last else None,
            }
        )
    return {
        "datasets": sum(n for n, _ in per_org.values()),
        "distributions": sum(dists_per_org.values()),
        "by_organization": by_org,
        "by_content_type": dict(sorted(by_type.items())),
        "by_theme": dict(sorted(themes.items())),
    }
