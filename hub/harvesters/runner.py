"""The harvest job lifecycle, the same for every backend.

start (no overlap; dead jobs failed) -> gather (the backend lists remote items; the same
remote id is handled once whatever the paging does) -> per item: map, compare the
content hash with what was last written, write through the dataset services in a
savepoint (a failing item rolls back alone and is recorded with its error) -> commit in
groups, beating the heartbeat -> deletions, only after a complete gather -> finish with
statistics and status.

A dry run takes exactly this path and rolls every group back instead of committing;
its job and items are kept, so the preview reads like any job.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from hub.datasets.changelog import hold_sequence_lock
from hub.datasets.models import Dataset, Organization
from hub.db import utcnow
from hub.errors import HubError
from hub.harvesters.base import (
    GatherFailed,
    HarvestContext,
    ItemFailed,
    MappedDataset,
    Records,
    RemoteItem,
)
from hub.harvesters.deletions import apply_deletions
from hub.harvesters.jobs import start_job
from hub.harvesters.models import HarvestItem, HarvestJob, HarvestObject, HarvestSource
from hub.harvesters.records import import_item_records
from hub.harvesters.registry import backend as backend_named
from hub.harvesters.remote import Remote, RemoteError
from hub.harvesters.saving import ItemWriter, content_hash
from hub.net.fetch import FetchPolicy

log = logging.getLogger(__name__)
GROUP = 50  # items per transaction: savepoints isolate each, commits stay few
RETRY_BACKOFF = 0.5  # seconds before the first retry of a failed request, then doubled
MAX_ERROR = 2000


@dataclass
class _Run:
    """What one job has seen so far."""

    job_id: uuid.UUID
    ctx: HarvestContext
    known: dict[str, HarvestObject]
    writer: ItemWriter
    # Held while the run goes on (the organization) or until the group commits (its
    # datasets): the session's identity map is weak, and the services and the search
    # index read these objects again (a dropped one costs a query to load).
    organization: Organization
    alive: list[Dataset] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    unchanged: list[int] = field(default_factory=list)  # HarvestObject ids
    counts: dict[str, int] = field(default_factory=dict)
    duplicates: int = 0
    pending_records: list[tuple[uuid.UUID, Records, HarvestItem]] = field(default_factory=list)

    def count(self, action: str) -> None:
        self.counts[action] = self.counts.get(action, 0) + 1


class JobRunner:
    def __init__(
        self,
        session: Session,
        source: HarvestSource,
        *,
        policy: FetchPolicy,
        base_url: str,
        dry_run: bool = False,
        progress: Callable[[int], None] | None = None,
    ) -> None:
        self.session, self.source, self.dry_run = session, source, dry_run
        self.policy, self.base_url, self.progress = policy, base_url, progress
        self.backend = backend_named(source.type)

    def run(self) -> HarvestJob:
        job_id = start_job(self.session, self.source, dry_run=self.dry_run).id
        try:
            self._run(job_id)
        except BaseException as exc:  # a crash still ends the job, as failed
            self.session.rollback()
            job = self.session.get(HarvestJob, job_id)
            job.status, job.finished_at = "failed", utcnow()
            job.error = f"{type(exc).__name__}: {exc}"[:MAX_ERROR]
            self.session.commit()
            raise
        return self.session.get(HarvestJob, job_id)

    def _start(self, job_id: uuid.UUID) -> _Run:
        session, source = self.session, self.source
        job = session.get(HarvestJob, job_id)
        org = session.get(Organization, source.organization_id)
        ctx = HarvestContext(
            source_name=source.name,
            url=source.url,
            config=dict(source.config or {}),
            organization=org.slug,
            since=job.since,
            remote=Remote(self.policy, backoff=RETRY_BACKOFF),
            base_url=self.base_url,
        )
        objects = session.scalars(select(HarvestObject).where(HarvestObject.source_id == source.id))
        known = {o.remote_id: o for o in objects}
        return _Run(job_id, ctx, known, ItemWriter(session, source), org)

    def _run(self, job_id: uuid.UUID) -> None:
        run = self._start(job_id)
        group: list[RemoteItem] = []
        complete, error = False, None
        try:
            for item in self.backend.gather(run.ctx):
                if item.remote_id in run.seen:
                    run.duplicates += 1
                    continue
                run.seen.add(item.remote_id)
                group.append(item)
                if len(group) >= GROUP:
                    self._group(run, group)
                    group = []
            complete = True
        except (GatherFailed, RemoteError) as exc:
            error = f"Gather stopped: {exc}"
        if group:
            self._group(run, group)
        self._finish(run, complete, error)

    # -- items -------------------------------------------------------------------------

    def _group(self, run: _Run, items: list[RemoteItem]) -> None:
        session = self.session
        with _write_transaction(session):
            outcomes = [self._one(run, item) for item in items]
        if self.dry_run:
            session.rollback()
            run.pending_records.clear()
        job = session.get(HarvestJob, run.job_id)
        job.heartbeat_at = utcnow()
        # Unchanged items are counted, not kept: a daily run over 10,000 unchanged
        # datasets would otherwise add 10,000 rows a day and say nothing new.
        session.add_all(o for o in outcomes if o.action != "unchanged")
        if not self.dry_run and run.unchanged:
            session.execute(
                update(HarvestObject)
                .where(HarvestObject.id.in_(run.unchanged))
                .values(last_seen_at=utcnow(), missing_since=None)
            )
        run.unchanged.clear()
        session.commit()
        run.alive.clear()
        for dataset_id, records, outcome in run.pending_records:
            error = import_item_records(session, self.source, dataset_id, records)
            if error:  # the dataset's metadata stays written; its records as they were
                run.counts[outcome.action] -= 1
                outcome.action, outcome.error = "failed", error[:MAX_ERROR]
                run.count("failed")
                session.commit()
        run.pending_records.clear()
        if self.progress:
            self.progress(len(items))

    def _one(self, run: _Run, item: RemoteItem) -> HarvestItem:
        outcome = HarvestItem(job_id=run.job_id, remote_id=item.remote_id[:500], title=item.title)
        known = run.known.get(item.remote_id)
        if item.payload is None:
            if known is None:
                return self._failed(run, outcome, "Listed as unchanged but never harvested.")
            return self._unchanged(run, outcome, known)
        try:
            mapped = self.backend.map_item(run.ctx, item)
        except ItemFailed as exc:
            return self._failed(run, outcome, str(exc))
        except Exception as exc:  # a backend bug on one item must not stop the job
            log.exception("harvest %s: mapping %r failed", self.source.name, item.remote_id)
            return self._failed(run, outcome, f"{type(exc).__name__}: {exc}")
        outcome.title = str(mapped.fields.get("title_vi") or item.title or "")[:500] or None
        if _same(known, mapped):
            return self._unchanged(run, outcome, known)
        return self._write(run, outcome, item, mapped, known)

    def _write(
        self,
        run: _Run,
        outcome: HarvestItem,
        item: RemoteItem,
        mapped: MappedDataset,
        known: HarvestObject | None,
    ) -> HarvestItem:
        try:
            with self.session.begin_nested():
                saved = run.writer.save(item, mapped, known)
        except HubError as exc:
            return self._failed(run, outcome, str(exc))  # the detail and each field's problem
        outcome.action, outcome.dataset_id = saved.action, saved.dataset_id
        run.count(saved.action)
        run.known[item.remote_id] = saved.identity
        run.alive.append(saved.dataset)
        if saved.records_changed and mapped.records is not None:
            run.pending_records.append((saved.dataset_id, mapped.records, outcome))
        return outcome

    def _unchanged(self, run: _Run, outcome: HarvestItem, known: HarvestObject) -> HarvestItem:
        outcome.action, outcome.dataset_id = "unchanged", known.dataset_id
        run.unchanged.append(known.id)
        run.count("unchanged")
        return outcome

    def _failed(self, run: _Run, outcome: HarvestItem, error: str) -> HarvestItem:
        outcome.action, outcome.error = "failed", error[:MAX_ERROR]
        run.count("failed")
        return outcome

    # -- the end -------------------------------------------------------------------------

    def _finish(self, run: _Run, complete: bool, error: str | None) -> None:
        session = self.session
        with _write_transaction(session):
            job = session.get(HarvestJob, run.job_id)
            deleted = 0
            lists_everything = self.backend.lists_everything or job.since is None
            if complete and not self.dry_run and lists_everything:
                deleted = apply_deletions(session, self.source, run.seen, utcnow())
        job.gathered, job.gather_complete = len(run.seen), complete
        job.created = run.counts.get("created", 0)
        job.updated = run.counts.get("updated", 0)
        job.unchanged = run.counts.get("unchanged", 0)
        job.failed = run.counts.get("failed", 0)
        job.deleted = deleted
        notes = list(run.ctx.notes)
        if run.duplicates:
            notes.append(f"{run.duplicates} remote ids listed more than once, handled once.")
        job.error = "\n".join([error, *notes] if error else notes)[:MAX_ERROR] or None
        job.status = _status(error, bool(run.seen), job.failed)
        job.finished_at = job.heartbeat_at = utcnow()
        session.commit()


@contextmanager
def _write_transaction(session: Session) -> Iterator[None]:
    """A write transaction (SQLite's lock taken up front) that the services join instead
    of committing on their own (``atomic``); the caller commits or rolls back."""
    if session.in_transaction():
        session.commit()
    session.connection(execution_options={"hub_write": True})
    hold_sequence_lock(session)  # once for the group, not in each item's savepoint
    depth = session.info.get("atomic_depth", 0)
    session.info["atomic_depth"] = depth + 1
    try:
        yield
    finally:
        session.info["atomic_depth"] = depth


def _status(error: str | None, saw_items: bool, failed: int) -> str:
    if error and not saw_items:
        return "failed"
    return "partial" if error or failed else "succeeded"


def _same(known: HarvestObject | None, mapped: MappedDataset) -> bool:
    """Nothing to write: same content as last written, and not withdrawn since."""
    return (
        known is not None
        and known.withdrawn_at is None
        and known.content_hash == content_hash(mapped)
    )
