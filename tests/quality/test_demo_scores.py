"""The demo loader scores the published datasets, so ``make run`` shows them."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select

from hub.datasets.models import Dataset
from hub.demo import load_demo
from hub.quality.models import QualityScore


def test_demo_scores(session, file_store):
    report = load_demo(session, file_store)
    published = session.scalar(
        select(Dataset.id)
        .where(Dataset.state == "published", Dataset.access_rights == "PUBLIC")
        .limit(1)
    )
    assert published is not None and report.scored > 0
    rows = session.execute(
        select(Dataset.content_type, QualityScore.stars, QualityScore.total).join(
            QualityScore, QualityScore.dataset_id == Dataset.id
        )
    ).all()
    assert len(rows) == report.scored
    stars = Counter((content_type, stars) for content_type, stars, _ in rows)
    # Legal documents are ELI resources linked to the documents they rest on: 5 stars.
    assert stars[("legal_document", 5)] >= 1
    assert all(0 <= total <= 405 for _, _, total in rows)
    assert load_demo(session, file_store).scored == 0  # nothing changed since
