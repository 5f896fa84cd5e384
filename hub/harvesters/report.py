"""Job reports in Vietnamese and English, and a summary per source over a period (what
the provincial IT department reports each quarter)."""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hub.harvesters.models import HarvestItem, HarvestJob, HarvestSource

STATUS_WORDS = {
    "running": ("đang chạy", "running"),
    "succeeded": ("thành công", "succeeded"),
    "partial": ("thành công một phần", "partly succeeded"),
    "failed": ("thất bại", "failed"),
}
FAILED_SHOWN = 20


def _date(moment: datetime | None) -> str:
    return f"{moment:%d/%m/%Y %H:%M}" if moment else "—"


def job_report(session: Session, job: HarvestJob) -> dict[str, Any]:
    """What changed, what failed and why, in both languages."""
    source = session.get(HarvestSource, job.source_id)
    failures = list(
        session.scalars(
            select(HarvestItem)
            .where(HarvestItem.job_id == job.id, HarvestItem.action == "failed")
            .order_by(HarvestItem.id)
            .limit(FAILED_SHOWN)
        )
    )
    vi_status, en_status = STATUS_WORDS.get(job.status, (job.status, job.status))
    preview = (" (chạy thử, không lưu)", " (dry run, nothing saved)") if job.dry_run else ("", "")
    vi = (
        f"Thu thập từ nguồn {source.name} lúc {_date(job.started_at)}{preview[0]}: {vi_status}. "
        f"Đã liệt kê {job.gathered} mục; tạo mới {job.created}, cập nhật {job.updated}, "
        f"không đổi {job.unchanged}, rút xuống {job.deleted}, lỗi {job.failed}."
    )
    en = (
        f"Harvest of {source.name} at {job.started_at:%Y-%m-%d %H:%M} UTC{preview[1]}: "
        f"{en_status}. {job.gathered} items listed; {job.created} created, {job.updated} "
        f"updated, {job.unchanged} unchanged, {job.deleted} withdrawn, {job.failed} failed."
    )
    if not job.gather_complete and job.status != "running":
        vi += " Danh sách nguồn không đầy đủ nên không rút dữ liệu nào."
        en += " The listing was incomplete, so nothing was withdrawn."
    return {
        "job": str(job.id),
        "source": source.name,
        "status": job.status,
        "summary": {"vi": vi, "en": en},
        "notes": job.error,
        "failures": [
            {"remote_id": item.remote_id, "title": item.title, "error": item.error}
            for item in failures
        ],
        "more_failures": max(0, job.failed - len(failures)),
    }


@dataclass(frozen=True)
class SourceSummary:
    source: str
    jobs: int
    by_status: dict[str, int]
    created: int
    updated: int
    deleted: int
    failed_items: int
    last_success: datetime | None


def source_summaries(
    session: Session, start: datetime, end: datetime, source_ids: set[uuid.UUID] | None = None
) -> list[SourceSummary]:
    """Per source, over [start, end): jobs by status and what they changed (dry runs left
    out)."""
    rows = session.execute(
        select(HarvestJob, HarvestSource.name)
        .join(HarvestSource, HarvestSource.id == HarvestJob.source_id)
        .where(
            HarvestJob.started_at >= start,
            HarvestJob.started_at < end,
            HarvestJob.dry_run.is_(False),
        )
        .order_by(HarvestSource.name, HarvestJob.started_at)
    )
    grouped: dict[str, list[HarvestJob]] = {}
    for job, name in rows:
        if source_ids is None or job.source_id in source_ids:
            grouped.setdefault(name, []).append(job)
    return [_summary(name, jobs) for name, jobs in grouped.items()]


def _summary(name: str, jobs: list[HarvestJob]) -> SourceSummary:
    successes = [j.started_at for j in jobs if j.status == "succeeded"]
    return SourceSummary(
        source=name,
        jobs=len(jobs),
        by_status=dict(Counter(j.status for j in jobs)),
        created=sum(j.created for j in jobs),
        updated=sum(j.updated for j in jobs),
        deleted=sum(j.deleted for j in jobs),
        failed_items=sum(j.failed for j in jobs),
        last_success=max(successes) if successes else None,
    )
