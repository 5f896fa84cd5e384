"""The demo province: fictional sample data loaded through the real services.

Everything goes through the same services as real use (validation, review
workflow, audit, change log, record imports). Loading is idempotent: existing
organizations and datasets are recognised by slug and left alone, so a second run
adds nothing; a demo dataset without records yet (an older demo database) gets its
sample records: statistics, budget and projects (``hub.demo.records``), legal documents
(``hub.demo.legal``) and portal content (``hub.demo.portal``). At the end the quality
scores of the published datasets are computed (without link checks: those run in the
background, ``hub quality check``).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

from flask import current_app, has_app_context
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hub.auth.principal import Principal
from hub.datasets import distributions, organizations, service, workflow
from hub.datasets.models import Dataset, Distribution, Organization
from hub.demo import data, legal, portal, records
from hub.files import FileStore
from hub.quality.service import refresh_scores
from hub.records.fields import record_set_of
from hub.records.models import RecordSet
from hub.records.service import import_records

DEMO_ACTOR = Principal.system("demo-loader")
DEFAULT_BASE_URL = "http://127.0.0.1:5000"
# National documents first, so that the province's documents resolve their relations.
DATASETS = [*legal.LEGAL_DATASETS, *data.DATASETS, *portal.PORTAL_DATASETS]
_NOT_FIELDS = {"state", "reason", "distributions", "files", "record_type"}


def _maker(slug: str) -> tuple[Callable[[], tuple[str, str]] | None, str | None]:
    """The sample records of a demo dataset and their record type (portal content)."""
    if slug in portal.PORTAL_RECORDS:
        record_type, make = portal.PORTAL_RECORDS[slug]
        return make, record_type
    return records.RECORDS.get(slug) or legal.LEGAL_RECORDS.get(slug), None


@dataclass(frozen=True)
class DemoReport:
    organizations: int
    datasets: int
    distributions: int
    created: int
    records: int = 0  # rows in all record sets
    imported: int = 0  # datasets that got their sample records this run
    scored: int = 0  # quality scores computed this run


def load_demo(session: Session, store: FileStore) -> DemoReport:
    for item in data.ORGANIZATIONS:
        if organizations.find_organization(session, item["slug"]) is None:
            organizations.create_organization(session, DEMO_ACTOR, item)
    for old, new in data.MERGED:
        if organizations.get_organization(session, old, follow_merges=False).successor_id is None:
            organizations.merge_organization(
                session, DEMO_ACTOR, old, new, reason="Sắp xếp đơn vị hành chính cấp xã năm 2025."
            )
    loaded = [_load_dataset(session, store, item) for item in DATASETS]
    base_url = current_app.config["HUB_BASE_URL"] if has_app_context() else DEFAULT_BASE_URL
    scores = refresh_scores(session, base_url)
    return DemoReport(
        organizations=_count(session, Organization),
        datasets=_count(session, Dataset),
        distributions=_count(session, Distribution),
        created=sum(created for created, _ in loaded),
        records=session.scalar(select(func.coalesce(func.sum(RecordSet.row_count), 0))) or 0,
        imported=sum(imported for _, imported in loaded),
        scored=scores.scored,
    )


def _load_dataset(session: Session, store: FileStore, item: dict) -> tuple[bool, bool]:
    """Create the dataset unless it exists; import its records unless it has some."""
    existing = service.find_dataset(session, item["slug"])
    if existing is not None:
        return False, _load_records(session, existing, item)
    fields = {k: v for k, v in item.items() if k not in _NOT_FIELDS}
    dataset = service.create_dataset(session, DEMO_ACTOR, fields)
    for link in item.get("distributions", []):
        distributions.add_link(session, DEMO_ACTOR, dataset.id, link)
    for file in item.get("files", []):
        stream = io.BytesIO(file["content"].encode("utf-8"))
        meta = {"title_vi": file.get("title_vi")}
        distributions.add_file(
            session, DEMO_ACTOR, store, dataset.id, stream, file["file_name"], meta
        )
    imported = _load_records(session, dataset, item)  # as a publisher would, before review
    for action in workflow.STEPS_TO[item["state"]]:
        reason = item.get("reason") if action in {"reject", "withdraw"} else None
        service.transition(session, DEMO_ACTOR, dataset.id, action, reason=reason)
    return True, imported


def _load_records(session: Session, dataset: Dataset, item: dict) -> bool:
    """Import the sample records of a demo dataset that has none (and can still take them)."""
    make, record_type = _maker(item["slug"])
    if (
        make is None
        or dataset.state == "deleted"
        or dataset.content_type != item["content_type"]  # changed since: leave it alone
        or record_set_of(session, dataset) is not None
    ):
        return False
    file_name, text = make()
    stream = io.BytesIO(text.encode("utf-8"))
    # Aborts on any bad row: the sample data must be valid.
    import_records(session, DEMO_ACTOR, dataset.id, stream, file_name, record_type=record_type)
    return True


def _count(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0
