"""Which organizations lack the English versions the regulations require.

A portal publishes its organisation (structure), the functions of each unit and its
contacts in English too. An organization is checked over its own published portal
content: every org unit needs NAME_EN (structure) and FUNCTIONS_EN (functions), every
contact POSITION_EN and UNIT_EN (contacts), and the organization itself an English name.
Publishing no units or no contacts at all is a gap as well.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hub.content.records import datasets_of_type, rows_of
from hub.datasets.models import Organization

# Part -> (record type, the English fields every record of it needs).
REQUIRED: dict[str, tuple[str, tuple[str, ...]]] = {
    "structure": ("org_unit", ("NAME_EN",)),
    "functions": ("org_unit", ("FUNCTIONS_EN",)),
    "contacts": ("contact", ("POSITION_EN", "UNIT_EN")),
}


@dataclass
class EnglishGap:
    organization: Organization
    missing: list[str] = field(default_factory=list)
    # Part -> {"records": n, "lacking": m}; records 0 means nothing is published.
    details: dict[str, dict[str, int]] = field(default_factory=dict)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def english_coverage(session: Session) -> tuple[int, list[EnglishGap]]:
    """(organizations checked, the ones with gaps), by organization slug."""
    organizations = session.scalars(
        select(Organization).where(Organization.successor_id.is_(None)).order_by(Organization.slug)
    ).all()
    rows: dict[str, dict[Any, list[dict[str, Any]]]] = {}
    for record_type in {kind for kind, _ in REQUIRED.values()}:
        by_org: dict[Any, list[dict[str, Any]]] = {}
        for dataset, record_set in datasets_of_type(session, record_type):
            by_org.setdefault(dataset.organization_id, []).extend(
                rows_of(session, dataset, record_set)
            )
        rows[record_type] = by_org
    gaps = []
    for org in organizations:
        gap = EnglishGap(org)
        if _blank(org.title_en):
            gap.missing.append("name")
        for part, (record_type, needed) in REQUIRED.items():
            records = rows[record_type].get(org.id, [])
            lacking = sum(1 for r in records if any(_blank(r.get(name)) for name in needed))
            gap.details[part] = {"records": len(records), "lacking": lacking}
            if not records or lacking:
                gap.missing.append(part)
        if gap.missing:
            gaps.append(gap)
    return len(organizations), gaps
