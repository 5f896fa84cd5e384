"""The change log: one row per entity per transaction, written atomically with the change."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from hub.datasets import distributions, organizations, service
from hub.datasets.changelog import ChangeLogEntry, changes_since, latest_seq
from hub.datasets.models import Dataset
from hub.db import atomic
from hub.errors import DuplicateSlug, ValidationFailed
from tests.factories import DatasetFactory, OrganizationFactory


def _ops(session, since=0):
    return [(e.entity_type, e.operation) for e in changes_since(session, since, 1000)]


def test_create_update_state_delete_each_append_a_row(session, admin):
    org = OrganizationFactory(session=session)
    start = latest_seq(session)
    dataset = service.create_dataset(
        session, admin, {"organization": org.slug, "content_type": "budget", "title_vi": "Dự toán"}
    )
    service.update_dataset(session, admin, dataset.id, {"title_en": "Budget estimate"})
    service.transition(session, admin, dataset.id, "submit")
    service.transition(session, admin, dataset.id, "delete")
    assert _ops(session, start) == [
        ("dataset", "create"),
        ("dataset", "update"),
        ("dataset", "state"),
        ("dataset", "delete"),
    ]
    entries = changes_since(session, start, 10)
    assert all(e.entity_id == dataset.id for e in entries)
    assert all(e.organization_id == org.id for e in entries)
    assert [e.state for e in entries] == ["draft", "draft", "pending", "deleted"]


def test_sequence_is_strictly_increasing_and_paged(session, admin):
    org = OrganizationFactory(session=session)
    for _ in range(5):
        DatasetFactory(session=session, organization=org)
    seqs = [e.seq for e in changes_since(session, 0, 1000)]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
    first_page = changes_since(session, 0, 3)
    second_page = changes_since(session, first_page[-1].seq, 3)
    assert [e.seq for e in first_page + second_page] == seqs[:6]


def test_one_row_per_entity_per_transaction(session, admin):
    """Create then edit in one transaction reads as one create, not two rows."""
    org = OrganizationFactory(session=session)
    start = latest_seq(session)

    @atomic
    def create_and_edit(s):
        dataset = service.create_dataset(
            s, admin, {"organization": org.slug, "content_type": "project", "title_vi": "Dự án"}
        )
        s.flush()
        service.update_dataset(s, admin, dataset.id, {"title_en": "Projects"})
        s.flush()
        distributions.add_link(s, admin, dataset.id, {"title_vi": "Web", "url": "https://x.vn/a"})
        return dataset

    create_and_edit(session)
    assert _ops(session, start) == [("dataset", "create"), ("distribution", "create")]


def test_failed_transaction_leaves_no_row(session, admin):
    org = OrganizationFactory(session=session)
    DatasetFactory(session=session, organization=org, slug="ton-tai")
    before = latest_seq(session)
    count_before = session.scalar(select(func.count()).select_from(ChangeLogEntry))

    with pytest.raises(DuplicateSlug):
        service.create_dataset(
            session,
            admin,
            {
                "organization": org.slug,
                "content_type": "budget",
                "title_vi": "X",
                "slug": "ton-tai",
            },
        )

    @atomic
    def half_done(s):
        dataset = service.create_dataset(
            s, admin, {"organization": org.slug, "content_type": "budget", "title_vi": "Nửa"}
        )
        s.flush()  # the change-log row is now inserted inside the transaction
        assert s.scalar(select(func.count()).select_from(ChangeLogEntry)) == count_before + 1
        service.update_dataset(s, admin, dataset.id, {"licence": "not-a-licence"})

    with pytest.raises(ValidationFailed):
        half_done(session)
    assert latest_seq(session) == before
    assert session.scalar(select(func.count()).select_from(ChangeLogEntry)) == count_before
    assert session.scalar(select(func.count()).select_from(Dataset)) == 1


def test_savepoint_rollback_drops_its_rows_only(session, admin):
    org = OrganizationFactory(session=session)
    start = latest_seq(session)

    @atomic
    def two_items(s):
        kept = service.create_dataset(
            s, admin, {"organization": org.slug, "content_type": "budget", "title_vi": "Giữ"}
        )
        s.flush()
        nested = s.begin_nested()
        service.create_dataset(
            s, admin, {"organization": org.slug, "content_type": "budget", "title_vi": "Bỏ"}
        )
        s.flush()
        nested.rollback()
        service.update_dataset(s, admin, kept.id, {"title_en": "Kept"})
        return kept

    kept = two_items(session)
    entries = changes_since(session, start, 10)
    assert [(e.entity_id, e.operation) for e in entries] == [(kept.id, "create")]


def test_organization_changes_are_logged(session, admin):
    start = latest_seq(session)
    a = OrganizationFactory(session=session)
    b = OrganizationFactory(session=session)
    organizations.update_organization(session, admin, a.slug, {"title_en": "Renamed"})
    organizations.merge_organization(session, admin, a.slug, b.slug)
    assert _ops(session, start) == [
        ("organization", "create"),
        ("organization", "create"),
        ("organization", "update"),
        ("organization", "update"),
    ]


def test_concurrent_writers_never_share_or_skip_a_sequence(app, admin):
    """Writers in parallel threads (own sessions) get distinct, gap-free visible sequences."""
    db = app.extensions["hub.db"]
    with db.scoped() as s:
        org = OrganizationFactory(session=s)
        org_slug = org.slug
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            with db.scoped() as s:
                for i in range(5):
                    service.create_dataset(
                        s,
                        admin,
                        {
                            "organization": org_slug,
                            "content_type": "other",
                            "title_vi": f"T{n}-{i}",
                        },
                    )
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    with db.scoped() as s:
        entries = [e for e in changes_since(s, 0, 1000) if e.entity_type == "dataset"]
        assert len(entries) == 20
        assert len({e.entity_id for e in entries}) == 20


def test_sequence_numbers_become_visible_in_commit_order(app, admin):
    """A second writer waits for the first to commit, so a feed reader can never
    see seq N+1 while seq N is still uncommitted (and then miss it)."""
    db = app.extensions["hub.db"]
    with db.scoped() as s:
        org_slug = OrganizationFactory(session=s).slug
    done = threading.Event()
    second_seq: list[int] = []

    def second_writer() -> None:
        with db.scoped() as s:
            created = service.create_dataset(
                s, admin, {"organization": org_slug, "content_type": "other", "title_vi": "Nhanh"}
            )
            second_seq.append(
                s.scalar(select(ChangeLogEntry.seq).where(ChangeLogEntry.entity_id == created.id))
            )
        done.set()

    first = db.session()
    thread = threading.Thread(target=second_writer)
    try:
        first.connection(execution_options={"hub_write": True})
        org_id = organizations.get_organization(first, org_slug).id
        first.add(Dataset(organization_id=org_id, content_type="other", title_vi="Chậm", slug="c1"))
        first.flush()
        first_seq = first.scalar(select(func.max(ChangeLogEntry.seq)))
        thread.start()
        blocked = not done.wait(0.5)
        first.commit()
    finally:
        first.close()
    thread.join(10)
    assert blocked, "the second writer must wait for the first to commit"
    assert done.is_set()
    assert second_seq[0] > first_seq


def test_distribution_removal_is_logged_as_delete(session, admin):
    dataset = DatasetFactory(session=session)
    first = distributions.add_link(
        session, admin, dataset.id, {"title_vi": "A", "url": "https://a.vn/1"}
    )
    start = latest_seq(session)
    distributions.delete_distribution(session, admin, dataset.id, first.id)
    # Rows of one transaction carry no meaningful order among themselves.
    assert sorted(_ops(session, start)) == [("dataset", "update"), ("distribution", "delete")]
    entry = next(e for e in changes_since(session, start, 2) if e.entity_type == "distribution")
    assert entry.entity_id == first.id and entry.dataset_id == dataset.id
    assert entry.organization_id == dataset.organization_id

    second = distributions.add_link(
        session, admin, dataset.id, {"title_vi": "B", "url": "https://a.vn/2"}
    )
    start = latest_seq(session)
    service.revert_dataset(session, admin, dataset.id, 1)  # revision 1 had no distributions
    ops = changes_since(session, start, 10)
    assert {(e.entity_type, e.entity_id, e.operation) for e in ops} == {
        ("distribution", second.id, "delete"),
        ("dataset", dataset.id, "update"),
    }
    assert len(ops) == 2
