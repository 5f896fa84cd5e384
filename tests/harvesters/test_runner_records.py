"""A job whose items carry records (a feed): the dataset and its article records come
in through the runner, a second run writes nothing, and a changed feed upserts."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select

from hub.datasets.models import Dataset
from hub.harvesters.models import HarvestObject
from hub.harvesters.service import add_source
from hub.records.models import RecordImport, RecordSet
from tests.factories import ADMIN
from tests.harvesters.site_servers import Site, running_site
from tests.harvesters.test_backend_feed import RSS
from tests.harvesters.test_runner import _run


@pytest.fixture
def site() -> Iterator[Site]:
    with running_site() as running:
        yield running


def _record_set(session, source) -> RecordSet:
    ids = select(HarvestObject.dataset_id).where(HarvestObject.source_id == source.id)
    [dataset] = session.scalars(select(Dataset).where(Dataset.id.in_(ids)))
    return session.scalars(select(RecordSet).where(RecordSet.dataset_id == dataset.id)).one()


def test_a_feed_becomes_a_dataset_of_articles_and_a_second_run_writes_nothing(
    session, site, organization
):
    url = site.static("/rss.xml", RSS.encode(), "application/rss+xml; charset=utf-8")
    source = add_source(
        session,
        ADMIN,
        {"name": "tin-tuc", "type": "feed", "url": url, "organization": organization.slug},
    ).source
    job = _run(session, source)
    assert (job.status, job.created, job.failed) == ("succeeded", 1, 0), job.error
    first = _record_set(session, source)
    assert first.row_count >= 2 and first.schema_name == "article"
    version = first.version
    again = _run(session, source)
    assert (again.unchanged, again.updated) == (1, 0)
    session.expire_all()
    assert _record_set(session, source).version == version

    newer = RSS.replace("tin-1001", "tin-1002").replace("hoi-nghi", "hoi-nghi-moi")
    site.static("/rss.xml", newer.encode(), "application/rss+xml; charset=utf-8")
    changed = _run(session, source)
    assert changed.updated == 1
    session.expire_all()
    imports = list(session.scalars(select(RecordImport).order_by(RecordImport.started_at)))
    # one import per change of the feed, none for the unchanged run; upserts keep old rows
    assert [(i.status, i.mode) for i in imports] == [("succeeded", "upsert")] * 2
    assert _record_set(session, source).version == version + 1
