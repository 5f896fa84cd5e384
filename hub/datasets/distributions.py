"""Distribution service: links and uploaded files attached to a dataset.

A distribution change is a change of its dataset too: the dataset's revision
number moves, a snapshot is written, and both rows reach the change log.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any, BinaryIO

from sqlalchemy.orm import Session

from hub.auth.principal import Principal
from hub.datasets.models import Dataset, Distribution
from hub.datasets.revisions import record_revision, touch
from hub.datasets.schemas import DistributionInput, LinkDistributionInput
from hub.datasets.service import get_dataset, require_edit
from hub.db import atomic
from hub.errors import NotFound
from hub.files import FileStore
from hub.schemas import load


def _editable(session: Session, actor: Principal, dataset_ref: str | uuid.UUID) -> Dataset:
    dataset = get_dataset(session, actor, dataset_ref)
    require_edit(actor, dataset)
    return dataset


def _record(
    session: Session,
    actor: Principal,
    dataset: Dataset,
    action: str,
    dist: Distribution,
    **details: Any,
) -> None:
    """A distribution change is a dataset change: new revision, snapshot and audit entry."""
    touch(dataset, content=True)
    record_revision(
        session, actor, dataset, action, None, {"distribution": str(dist.id), **details}
    )


def _attach(
    session: Session, actor: Principal, dataset: Dataset, dist: Distribution
) -> Distribution:
    dataset.distributions.append(dist)
    _record(session, actor, dataset, "add-distribution", dist)
    return dist


def _next_position(dataset: Dataset) -> int:
    return max((d.position for d in dataset.distributions), default=-1) + 1


def get_distribution(
    session: Session, actor: Principal, dataset_ref: str | uuid.UUID, dist_id: str | uuid.UUID
) -> Distribution:
    dataset = get_dataset(session, actor, dataset_ref)
    for dist in dataset.distributions:
        if str(dist.id) == str(dist_id):
            return dist
    raise NotFound(f"Distribution '{dist_id}' does not exist in dataset '{dataset.slug}'.")


@atomic
def add_link(
    session: Session, actor: Principal, dataset_ref: str | uuid.UUID, data: Mapping[str, Any]
) -> Distribution:
    dataset = _editable(session, actor, dataset_ref)
    values = load(LinkDistributionInput(), data)
    dist = Distribution(id=uuid.uuid4(), position=_next_position(dataset), **values)
    return _attach(session, actor, dataset, dist)


@atomic
def add_file(
    session: Session,
    actor: Principal,
    store: FileStore,
    dataset_ref: str | uuid.UUID,
    stream: BinaryIO,
    file_name: str | None,
    data: Mapping[str, Any] | None = None,
) -> Distribution:
    """Store an uploaded file (size limit, content check) and attach it to the dataset."""
    dataset = _editable(session, actor, dataset_ref)
    values = load(DistributionInput(), dict(data or {}, kind="link"))
    values.pop("kind")
    values.pop("url", None)
    stored = store.save(stream, file_name)
    dist = Distribution(
        id=uuid.uuid4(),
        kind="file",
        position=_next_position(dataset),
        title_vi=values.pop("title_vi", None) or stored.file_name,
        file_key=stored.key,
        file_name=stored.file_name,
        media_type=stored.media_type,
        byte_size=stored.byte_size,
        sha256=stored.sha256,
        **{"format": stored.format, **values},
    )
    return _attach(session, actor, dataset, dist)


@atomic
def update_distribution(
    session: Session,
    actor: Principal,
    dataset_ref: str | uuid.UUID,
    dist_id: str | uuid.UUID,
    data: Mapping[str, Any],
) -> Distribution:
    dataset = _editable(session, actor, dataset_ref)
    dist = get_distribution(session, actor, dataset.id, dist_id)
    values = load(DistributionInput(), data, partial=True)
    if dist.kind == "file":
        values.pop("url", None)
        values.pop("kind", None)
    changed = [k for k, v in values.items() if getattr(dist, k) != v]
    for key in changed:
        setattr(dist, key, values[key])
    if changed:
        _record(session, actor, dataset, "update-distribution", dist, fields=changed)
    return dist


@atomic
def delete_distribution(
    session: Session, actor: Principal, dataset_ref: str | uuid.UUID, dist_id: str | uuid.UUID
) -> None:
    """Remove a distribution. Its stored file stays, so an older revision can restore it."""
    dataset = _editable(session, actor, dataset_ref)
    dist = get_distribution(session, actor, dataset.id, dist_id)
    dataset.distributions.remove(dist)
    _record(session, actor, dataset, "delete-distribution", dist)
