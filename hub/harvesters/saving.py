"""Writing one mapped remote item through the dataset services: identity by (source,
remote id), change detection by content hash, review state, distributions.

The harvest acts as ``harvest:<source>``, an editor of the source's organization only,
and touches only datasets its own source created (``HarvestObject``): a source never
takes over another source's dataset or one made by hand. New datasets enter review as
pending, or are published at once when the source is auto-publish; a changed dataset
keeps its state (it was reviewed when it came in); one that reappears after being
withdrawn for going missing goes back through review (or straight to published).
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from hub.auth.principal import Principal
from hub.datasets import distributions as dist_service
from hub.datasets import service as dataset_service
from hub.datasets.models import Dataset
from hub.datasets.schemas import LinkDistributionInput
from hub.db import utcnow
from hub.harvesters.base import MappedDataset, RemoteItem
from hub.harvesters.models import HarvestObject, HarvestSource


def harvest_principal(source: HarvestSource) -> Principal:
    return Principal(
        label=f"harvest:{source.name}",
        role="editor",
        organization_id=source.organization_id,
        scope=frozenset({source.organization_id}),
    )


def content_hash(mapped: MappedDataset) -> str:
    """What the remote said about the item, canonically: equal hashes, nothing to write."""
    records = None
    if mapped.records is not None:
        r = mapped.records
        records = [hashlib.sha256(r.data).hexdigest(), r.file_name, r.record_type, r.mode]
    canonical = json.dumps(
        {
            "fields": dict(mapped.fields),
            "distributions": [dict(d) for d in mapped.distributions],
            "records": records,
        },
        sort_keys=True,
        ensure_ascii=False,
        default=str,
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


@dataclass(frozen=True)
class Saved:
    action: str  # created | updated | unchanged
    dataset_id: uuid.UUID
    records_changed: bool
    identity: HarvestObject
    dataset: Dataset


class ItemWriter:
    """Writes the mapped items of one job in the caller's transaction."""

    def __init__(self, session: Session, source: HarvestSource) -> None:
        self.session, self.source = session, source
        # By id: the services then find it in the session, not with a query per item.
        self.organization_ref = str(source.organization_id)
        self.actor = harvest_principal(source)

    def save(self, item: RemoteItem, mapped: MappedDataset, known: HarvestObject | None) -> Saved:
        now, digest = utcnow(), content_hash(mapped)
        fields = {**mapped.fields, "organization": self.organization_ref}
        if known is not None:
            dataset = self.session.get(Dataset, known.dataset_id)
            if dataset is not None and dataset.state != "deleted":
                return self._update(item, mapped, known, dataset, fields, digest, now)
        return self._create(item, mapped, known, fields, digest, now)

    def _create(
        self,
        item: RemoteItem,
        mapped: MappedDataset,
        known: HarvestObject | None,
        fields: dict[str, Any],
        digest: str,
        now: datetime,
    ) -> Saved:
        # A remote id that never came in, or whose dataset was deleted by hand.
        session, actor = self.session, self.actor
        if not fields.get("slug") or _slug_taken(session, fields["slug"]):
            # none given, or another dataset has it: the service makes one from the title
            fields.pop("slug", None)
        dataset = dataset_service.create_dataset(session, actor, fields)
        session.flush()  # persistent now: the services below find it without a query
        _replace_distributions(session, actor, dataset, mapped)
        _enter_review(session, actor, self.source, dataset)
        if known is not None:
            session.delete(known)
            session.flush()
        identity = HarvestObject(
            source_id=self.source.id,
            remote_id=item.remote_id,
            dataset_id=dataset.id,
            remote_modified=item.modified,
            content_hash=digest,
            first_seen_at=now,
            last_seen_at=now,
        )
        session.add(identity)
        return Saved("created", dataset.id, mapped.records is not None, identity, dataset)

    def _update(
        self,
        item: RemoteItem,
        mapped: MappedDataset,
        known: HarvestObject,
        dataset: Dataset,
        fields: dict[str, Any],
        digest: str,
        now: datetime,
    ) -> Saved:
        session, actor = self.session, self.actor
        came_back = known.withdrawn_at is not None
        known.last_seen_at, known.missing_since = now, None
        if known.content_hash == digest and not came_back:
            return Saved("unchanged", dataset.id, False, known, dataset)
        if came_back:
            known.withdrawn_at = None
            if dataset.state in ("withdrawn", "rejected"):
                dataset_service.transition(session, actor, dataset.id, "reopen")
        fields["slug"] = dataset.slug  # the slug it got when it came in stays
        dataset_service.update_dataset(session, actor, dataset.id, fields, partial=False)
        _replace_distributions(session, actor, dataset, mapped)
        if dataset.state == "draft":
            _enter_review(session, actor, self.source, dataset)
        known.content_hash, known.remote_modified = digest, item.modified
        return Saved("updated", dataset.id, mapped.records is not None, known, dataset)


def _slug_taken(session: Session, slug: Any) -> bool:
    if not slug:
        return False
    return dataset_service.find_dataset(session, str(slug)) is not None


def _replace_distributions(
    session: Session, actor: Principal, dataset: Dataset, mapped: MappedDataset
) -> None:
    wanted = [dict(d) for d in mapped.distributions]
    current = [
        {k: v for k, v in _link_values(d).items() if v is not None} for d in dataset.distributions
    ]
    if current == [{k: v for k, v in w.items() if v is not None} for w in wanted]:
        return
    for dist in list(dataset.distributions):
        dist_service.delete_distribution(session, actor, dataset.id, dist.id)
    for values in wanted:
        dist_service.add_link(session, actor, dataset.id, values)


def _link_values(dist: Any) -> dict[str, Any]:
    """A distribution's values as the link input schema names them."""
    return {name: getattr(dist, name) for name in LinkDistributionInput._declared_fields}


def _enter_review(
    session: Session, actor: Principal, source: HarvestSource, dataset: Dataset
) -> None:
    dataset_service.transition(session, actor, dataset.id, "submit")
    if source.auto_publish:
        dataset_service.transition(session, actor, dataset.id, "approve")
