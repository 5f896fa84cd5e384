"""What a harvest backend implements, and the values it exchanges with the framework.

A backend does two things only: list the remote items (``gather``) and map one item to
the hub's dataset fields (``map_item``). Everything else (the job, its status and
statistics, identity and change detection, review, deletions, errors per item, dry
runs) belongs to ``hub.harvesters.runner``, so every backend behaves the same.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar

from marshmallow import Schema

from hub.harvesters.remote import Remote


class GatherFailed(Exception):
    """The remote items could not be listed (completely): the job fails or stops short,
    and nothing is deleted."""


class ItemFailed(Exception):
    """One remote item cannot be mapped or saved; the job goes on with the others."""


@dataclass(frozen=True)
class RemoteItem:
    """One object as the remote lists it. ``payload`` is what ``map_item`` needs
    (None: present, and unchanged by the remote's own clock since the last job, so
    neither fetched nor mapped again)."""

    remote_id: str
    payload: Any = None
    modified: datetime | None = None
    title: str | None = None


@dataclass(frozen=True)
class Records:
    """Rows for the dataset's records, as a file the records import reads."""

    data: bytes
    file_name: str  # its extension tells the format (.csv, .xlsx, .json, .ndjson)
    record_type: str | None = None  # a portal-content schema (article, ...) or None
    mode: str = "replace"  # or upsert (by the schema's key)


@dataclass(frozen=True)
class MappedDataset:
    """A remote item as dataset fields (``DatasetInput``, organization left to the
    source), its distributions (``DistributionInput`` of links) and, for feeds and
    tables, its records."""

    fields: Mapping[str, Any]
    distributions: tuple[Mapping[str, Any], ...] = ()
    records: Records | None = None


@dataclass(frozen=True)
class HarvestContext:
    """What a backend may know of the run: immutable, passed explicitly."""

    source_name: str
    url: str
    config: Mapping[str, Any]
    organization: str  # slug of the source's organization
    since: datetime | None  # changes after this are wanted (None: everything)
    remote: Remote  # outbound fetches under the address policy, with retries
    base_url: str
    notes: list[str] = field(default_factory=list)  # warnings for the job report


class Backend:
    """Subclass, set ``name`` and register with ``hub.harvesters.registry.register``."""

    name: ClassVar[str]
    title: ClassVar[tuple[str, str]]  # (vi, en)
    # Validates the source's ``config``; unknown keys are refused.
    config_schema: ClassVar[type[Schema]] = Schema
    # Whether ``gather`` lists every remote item (so a missing one was deleted) even
    # when ``ctx.since`` is set: a backend that lists only changes sets this False
    # and its gathers never withdraw anything.
    lists_everything: ClassVar[bool] = True

    def gather(self, ctx: HarvestContext) -> Iterator[RemoteItem]:
        raise NotImplementedError

    def map_item(self, ctx: HarvestContext, item: RemoteItem) -> MappedDataset:
        raise NotImplementedError
