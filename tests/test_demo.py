"""The demo province loads through the services, covers every content type and state,
and is idempotent."""

from __future__ import annotations

import unicodedata
from collections import Counter

from sqlalchemy import func, select

from hub.datasets import organizations
from hub.datasets.changelog import latest_seq
from hub.datasets.models import Dataset, Distribution, Organization
from hub.datasets.vocab import CONTENT_TYPES
from hub.demo import load_demo


def test_demo_content_and_idempotence(session, file_store):
    first = load_demo(session, file_store)
    assert first.organizations >= 15 and first.datasets >= 30 and first.created == first.datasets
    seq = latest_seq(session)
    second = load_demo(session, file_store)
    assert (second.organizations, second.datasets, second.distributions) == (
        first.organizations,
        first.datasets,
        first.distributions,
    )
    assert second.created == 0
    assert latest_seq(session) == seq, "a second run must not write anything"

    datasets = list(session.scalars(select(Dataset)))
    types = Counter(d.content_type for d in datasets)
    assert all(types[t] >= 5 for t in CONTENT_TYPES if t != "other")
    states = Counter(d.state for d in datasets)
    assert {"draft", "pending", "published", "rejected", "withdrawn"} <= set(states)
    assert all(d.state_reason for d in datasets if d.state in {"rejected", "withdrawn"})
    files = session.scalars(select(Distribution).where(Distribution.kind == "file")).all()
    assert files and all(f.sha256 and f.media_type == "text/csv" for f in files)


def test_demo_reflects_the_two_tier_government_and_merges(session, file_store):
    load_demo(session, file_store)
    orgs = list(session.scalars(select(Organization)))
    kinds = Counter(o.kind for o in orgs)
    assert kinds["province"] == 1 and kinds["commune"] >= 6
    assert all(o.agency_code and o.website for o in orgs)
    merged = [o for o in orgs if o.successor_id]
    assert merged
    for old in merged:
        assert organizations.get_organization(session, old.slug).id == old.successor_id
        assert organizations.get_organization(session, old.agency_code).id == old.successor_id
    texts = [o.title_vi for o in orgs] + [d.title_vi for d in session.scalars(select(Dataset))]
    assert all(unicodedata.is_normalized("NFC", t) for t in texts)
    count = session.scalar(select(func.count()).select_from(Dataset))
    assert count >= 30
