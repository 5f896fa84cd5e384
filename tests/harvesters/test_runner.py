"""The job lifecycle against a real HTTP server: identity, change, review, errors per
item, deletions, dry runs, no overlap, recovery of dead jobs."""

from __future__ import annotations

import itertools
import socket
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from hub.datasets.changelog import ChangeLogEntry
from hub.datasets.models import Dataset
from hub.db import utcnow
from hub.errors import Conflict
from hub.harvesters import jobs
from hub.harvesters.models import HarvestItem, HarvestJob, HarvestObject
from hub.harvesters.service import approve_job, run_source
from tests.factories import ADMIN, DatasetFactory
from tests.harvesters.conftest import POLICY


def _items(n: int, start: int = 0, **extra) -> list[dict]:
    return [
        {"id": f"r{i}", "title": f"Số liệu thống kê số {i}", "files": [f"https://x.vn/{i}.csv"]}
        | extra
        for i in range(start, start + n)
    ]


def _run(session, source, **kwargs):
    return run_source(
        session, ADMIN, source.name, policy=POLICY, base_url="http://hub.test", **kwargs
    )


def _harvested(session, source) -> list[Dataset]:
    ids = select(HarvestObject.dataset_id).where(HarvestObject.source_id == source.id)
    return list(session.scalars(select(Dataset).where(Dataset.id.in_(ids))))


def test_first_run_creates_pending_datasets_and_a_second_run_writes_nothing(
    session, remote_site, make_source
):
    _, pages = remote_site
    pages.set("/page1", {"items": _items(3), "next": "/page2"})
    pages.set("/page2", {"items": _items(2, start=3)})
    source = make_source()
    job = _run(session, source)
    assert (job.status, job.gathered, job.created, job.failed) == ("succeeded", 5, 5, 0)
    datasets = _harvested(session, source)
    assert len(datasets) == 5 and {d.state for d in datasets} == {"pending"}
    assert all(len(d.distributions) == 1 for d in datasets)
    log_rows = session.scalar(select(func.count()).select_from(ChangeLogEntry))
    revisions = {d.id: d.revision_number for d in datasets}

    again = _run(session, source)
    assert (again.status, again.unchanged, again.created, again.updated) == ("succeeded", 5, 0, 0)
    assert session.scalar(select(func.count()).select_from(ChangeLogEntry)) == log_rows
    session.expire_all()
    assert {d.id: d.revision_number for d in _harvested(session, source)} == revisions


def test_a_changed_item_is_updated_in_place_and_keeps_its_state(session, remote_site, make_source):
    _, pages = remote_site
    pages.set("/page1", {"items": _items(2)})
    source = make_source(auto_publish=True)
    _run(session, source)
    first = {d.slug: d.state for d in _harvested(session, source)}
    assert set(first.values()) == {"published"}
    pages.set("/page1", {"items": [_items(1)[0] | {"description": "Mô tả mới"}, _items(2)[1]]})
    job = _run(session, source)
    assert (job.updated, job.unchanged) == (1, 1)
    session.expire_all()
    after = {d.slug: (d.state, d.description_vi) for d in _harvested(session, source)}
    assert set(after) == set(first)  # same datasets, same slugs
    assert sorted(v[1] or "" for v in after.values()) == ["", "Mô tả mới"]
    assert {v[0] for v in after.values()} == {"published"}


def test_the_same_remote_id_on_several_pages_makes_one_dataset(session, remote_site, make_source):
    _, pages = remote_site
    pages.set("/page1", {"items": _items(3), "next": "/page2"})
    pages.set("/page2", {"items": _items(3, start=1)})  # r1, r2 again, then r3
    source = make_source()
    job = _run(session, source)
    assert (job.gathered, job.created) == (4, 4)
    assert "listed more than once" in job.error
    assert len(_harvested(session, source)) == 4


def test_a_malformed_item_is_recorded_and_the_rest_go_on(session, remote_site, make_source):
    _, pages = remote_site
    bad = [{"id": "b1", "broken": True}, {"id": "b2", "title": "x", "explode": True}]
    long_title = {"id": "b3", "title": "T" * 600}  # refused by the dataset schema
    pages.set("/page1", {"items": [*_items(2), *bad, long_title]})
    source = make_source()
    job = _run(session, source)
    assert (job.status, job.created, job.failed) == ("partial", 2, 3)
    errors = {
        i.remote_id: i.error
        for i in session.scalars(select(HarvestItem).where(HarvestItem.action == "failed"))
    }
    assert "Thiếu tiêu đề" in errors["b1"] and "ValueError" in errors["b2"]
    assert "title_vi" in errors["b3"]
    assert len(_harvested(session, source)) == 2


def test_a_failed_gather_deletes_nothing_and_a_complete_one_withdraws_after_grace(
    session, remote_site, make_source
):
    _, pages = remote_site
    pages.set("/page1", {"items": _items(3), "next": "/page2"})
    pages.set("/page2", {"items": []})
    source = make_source(auto_publish=True, grace_days=0)
    _run(session, source)
    pages.set("/page2", {"error": "boom"}, status=500)  # retried, then the gather fails
    pages.set("/page1", {"items": _items(1), "next": "/page2"})
    failed = _run(session, source)
    assert failed.status == "partial" and not failed.gather_complete
    assert "HTTP 500" in failed.error and failed.deleted == 0
    assert {d.state for d in _harvested(session, source)} == {"published"}

    pages.set("/page2", {"items": []})
    done = _run(session, source)
    assert (done.status, done.deleted, done.unchanged) == ("succeeded", 2, 1)
    session.expire_all()
    states = sorted(d.state for d in _harvested(session, source))
    assert states == ["published", "withdrawn", "withdrawn"]

    pages.set("/page1", {"items": _items(2), "next": "/page2"})  # r1 comes back
    back = _run(session, source)
    assert back.updated == 1
    session.expire_all()
    assert sorted(d.state for d in _harvested(session, source)) == [
        "published",
        "published",
        "withdrawn",
    ]


def test_a_missing_object_waits_for_the_grace_period(session, remote_site, make_source):
    _, pages = remote_site
    pages.set("/page1", {"items": _items(2)})
    source = make_source(auto_publish=True, grace_days=3)
    _run(session, source)
    pages.set("/page1", {"items": _items(1)})
    job = _run(session, source)
    assert job.deleted == 0
    missing = session.scalar(select(HarvestObject).where(HarvestObject.remote_id == "r1"))
    assert missing.missing_since is not None and missing.withdrawn_at is None


def test_a_dry_run_takes_the_same_path_and_saves_nothing(session, remote_site, make_source):
    _, pages = remote_site
    pages.set("/page1", {"items": [*_items(2), {"id": "b1", "broken": True}]})
    source = make_source()
    preview = _run(session, source, dry_run=True)
    assert preview.dry_run and (preview.created, preview.failed) == (2, 1)
    assert session.scalar(select(func.count()).select_from(Dataset)) == 0
    actions = sorted(i.action for i in session.scalars(select(HarvestItem)))
    assert actions == ["created", "created", "failed"]
    real = _run(session, source)
    assert real.created == 2 and real.since is None  # a dry run is no basis for increments


def test_runs_of_one_source_never_overlap_and_dead_jobs_are_failed(
    session, remote_site, make_source
):
    _, pages = remote_site
    pages.set("/page1", {"items": _items(1)})
    source = make_source()
    live = HarvestJob(source_id=source.id, runner="elsewhere:1", heartbeat_at=utcnow())
    session.add(live)
    session.commit()
    with pytest.raises(Conflict):
        _run(session, source)
    live.heartbeat_at = utcnow() - jobs.STALE_AFTER - timedelta(seconds=1)
    session.commit()
    job = _run(session, source)
    assert job.status == "succeeded"
    session.refresh(live)
    assert live.status == "failed" and "Interrupted" in live.error


def test_a_source_never_takes_over_a_dataset_made_by_hand(session, remote_site, make_source):
    _, pages = remote_site
    by_hand = DatasetFactory(session=session, slug="so-lieu-dan-so")
    pages.set("/page1", {"items": _items(1, slug="so-lieu-dan-so")})
    source = make_source()
    job = _run(session, source)
    assert job.created == 1
    [harvested] = _harvested(session, source)
    assert harvested.id != by_hand.id and harvested.slug != "so-lieu-dan-so"
    session.refresh(by_hand)
    assert by_hand.revision_number == 1


def test_two_sources_with_the_same_remote_ids_keep_their_own_datasets(
    session, remote_site, make_source
):
    _, pages = remote_site
    pages.set("/page1", {"items": _items(2)})
    one, two = make_source("mot"), make_source("hai")
    _run(session, one)
    _run(session, two)
    a, b = {d.id for d in _harvested(session, one)}, {d.id for d in _harvested(session, two)}
    assert len(a) == len(b) == 2 and not a & b


def test_an_editor_approves_every_pending_item_of_a_job(session, remote_site, make_source):
    _, pages = remote_site
    pages.set("/page1", {"items": _items(3)})
    source = make_source()
    job = _run(session, source)
    assert approve_job(session, ADMIN, str(job.id)) == 3
    session.expire_all()
    assert {d.state for d in _harvested(session, source)} == {"published"}


_EXAMPLES = itertools.count()


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    runs=st.lists(
        st.tuples(st.randoms(use_true_random=False), st.integers(1, 4), st.booleans()),
        min_size=1,
        max_size=3,
    )
)
def test_any_number_of_runs_in_any_paging_order_gives_the_same_datasets(
    session, remote_site, make_source, runs
):
    """Property: whatever the order, page size and repeats of the listing, and however
    many runs, the source ends with exactly one dataset per remote item."""
    _, pages = remote_site
    wanted = _items(7)
    name = f"prop-{next(_EXAMPLES)}"  # the database is shared by the examples
    source = make_source(name)
    for rng, size, repeat in runs:
        listing = list(wanted)
        rng.shuffle(listing)
        if repeat:  # a page boundary that shifts: some items come twice
            listing += rng.sample(wanted, 3)
        chunks = [listing[i : i + size] for i in range(0, len(listing), size)]
        for n, chunk in enumerate(chunks, 1):
            nxt = f"/{name}/{n + 1}" if n < len(chunks) else None
            pages.set(f"/{name}/{n}" if n > 1 else "/page1", {"items": chunk, "next": nxt})
        job = _run(session, source)
        assert job.status == "succeeded" and job.gathered == 7
    datasets = _harvested(session, source)
    assert sorted(d.title_vi for d in datasets) == sorted(w["title"] for w in wanted)
    objects = session.scalars(select(HarvestObject).where(HarvestObject.source_id == source.id))
    assert sorted(o.remote_id for o in objects) == sorted(w["id"] for w in wanted)


def test_a_job_whose_process_is_gone_is_failed_when_the_next_run_starts(
    session, remote_site, make_source
):
    _, pages = remote_site
    pages.set("/page1", {"items": _items(1)})
    source = make_source()
    gone = HarvestJob(
        source_id=source.id, runner=f"{socket.gethostname()}:{2**22 + 17}", heartbeat_at=utcnow()
    )
    session.add(gone)
    session.commit()
    assert _run(session, source).status == "succeeded"
    session.refresh(gone)
    assert gone.status == "failed" and gone.finished_at is not None


def test_unchanged_items_are_counted_not_kept(session, remote_site, make_source):
    _, pages = remote_site
    pages.set("/page1", {"items": _items(3)})
    source = make_source()
    _run(session, source)
    again = _run(session, source)
    assert again.unchanged == 3
    kept = session.scalars(select(HarvestItem).where(HarvestItem.job_id == again.id)).all()
    assert kept == []
