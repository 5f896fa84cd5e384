"""What the descriptors and writers of a dataset's published records need to know."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from hub.records.schema import ContentSchema, FieldSpec


@dataclass(frozen=True)
class PublishedTable:
    name: str  # the dataset's slug: file names and resource names derive from it
    title_vi: str
    title_en: str | None
    description_vi: str | None
    description_en: str | None
    publisher: str  # the publishing organization's Vietnamese title
    licence_id: str  # e.g. "CC-BY-4.0"
    licence_title: str
    licence_url: str
    citation: str  # "Nguồn: ..." as the regulations require on reuse
    modified: datetime  # aware, UTC: when the records last changed
    content_schema: ContentSchema
    fields: tuple[FieldSpec, ...]  # the dataset's own fields (content type + declared)
    row_count: int
    urls: dict[str, str] = field(default_factory=dict)  # absolute URLs by format:
    # "csv", "json", "ndjson", "xlsx", "datapackage", "csvw", "fiscal", "oc4ids", "landing"


LICENCE_URLS = {
    "CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/",
    "CC-BY-SA-4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
    "CC0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
    "ODC-BY-1.0": "https://opendatacommons.org/licenses/by/1-0/",
    "ODbL-1.0": "https://opendatacommons.org/licenses/odbl/1-0/",
    "PDDL-1.0": "https://opendatacommons.org/licenses/pddl/1-0/",
}
