"""Job bookkeeping: starting a job without overlap, recovering jobs that died, the
heartbeat, and where an incremental gather starts."""

from __future__ import annotations

import os
import socket
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from hub.db import atomic, utcnow
from hub.errors import Conflict
from hub.harvesters.models import HarvestJob, HarvestSource

# A running job whose heartbeat is older than this is dead (its runner stopped without
# saying so: killed, machine restarted). A live job beats at least every commit group.
STALE_AFTER = timedelta(minutes=10)
# Remote clocks drift and remote writes commit late: an incremental gather looks back
# this much further than the last good job's start.
SINCE_MARGIN = timedelta(hours=1)
INTERRUPTED = "Interrupted: the run stopped without finishing (killed or crashed)."


def runner_label() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def is_dead(job: HarvestJob, now: datetime) -> bool:
    """A running job nobody runs any more: its process on this host is gone, or its
    heartbeat is stale."""
    host, _, pid = (job.runner or "").rpartition(":")
    if host == socket.gethostname() and pid.isdigit() and int(pid) != os.getpid():
        if not _process_alive(int(pid)):
            return True
    return now - job.heartbeat_at > STALE_AFTER


def _fail_dead(session: Session, jobs: list[HarvestJob], now: datetime) -> list[HarvestJob]:
    alive = []
    for job in jobs:
        if is_dead(job, now):
            job.status, job.finished_at, job.error = "failed", now, INTERRUPTED
        else:
            alive.append(job)
    return alive


@atomic
def recover_interrupted(session: Session) -> int:
    """Mark every dead running job failed (``hub harvest`` does this when it starts)."""
    now = utcnow()
    running = list(session.scalars(select(HarvestJob).where(HarvestJob.status == "running")))
    return len(running) - len(_fail_dead(session, running, now))


@atomic
def start_job(session: Session, source: HarvestSource, *, dry_run: bool) -> HarvestJob:
    """A new running job for ``source``; Conflict if a live job of it is running. The
    source row is locked meanwhile, so two runners cannot both start."""
    locked = session.execute(
        select(HarvestSource).where(HarvestSource.id == source.id).with_for_update()
    ).scalar_one()
    now = utcnow()
    running = list(
        session.scalars(
            select(HarvestJob).where(
                HarvestJob.source_id == locked.id, HarvestJob.status == "running"
            )
        )
    )
    if _fail_dead(session, running, now):
        raise Conflict(f"Source '{locked.name}' is already being harvested; runs never overlap.")
    job = HarvestJob(
        source_id=locked.id,
        dry_run=dry_run,
        started_at=now,
        heartbeat_at=now,
        runner=runner_label(),
        since=incremental_since(session, locked),
    )
    locked.requested_at = None
    session.add(job)
    return job


def incremental_since(session: Session, source: HarvestSource) -> datetime | None:
    """Where an incremental gather starts: the start of the last error-free job (not a
    dry run) minus the source's margin; None when there is none (gather everything)."""
    last = session.scalar(
        select(HarvestJob.started_at)
        .where(
            HarvestJob.source_id == source.id,
            HarvestJob.status == "succeeded",
            HarvestJob.dry_run.is_(False),
        )
        .order_by(HarvestJob.started_at.desc())
        .limit(1)
    )
    if last is None:
        return None
    return last - SINCE_MARGIN
