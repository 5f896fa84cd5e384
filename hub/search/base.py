"""The search interface: what is indexed, what is asked, what comes back.

Every backend implements ``SearchBackend``; the contract tests run the same suite
against each of them. Backends receive text already folded by ``hub.search.text``
helpers where they need it, and return hits whose snippets ``hub.search.highlight``
marks up, so that Vietnamese handling is the same whatever the engine.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy.engine import Connection

# Facets a query may ask for and filter on. Multi-valued ones: theme, format, tag.
FACETS = ("organization", "type", "content_type", "theme", "format", "licence", "year", "status")
SORTS = ("relevance", "newest")
MAX_LIMIT = 100
MAX_OFFSET = 10_000
MAX_QUERY_LENGTH = 1_000  # longer queries are cut: no one types more, and cost grows


@dataclass(frozen=True)
class SearchDocument:
    """One searchable thing: a dataset, a legal document, an article, a project ..."""

    id: str  # "<type>:<object id>", unique across the index
    type: str  # dataset | legal_document | article | project | public_service | ...
    title: str
    modified: datetime  # aware; recency breaks ties and orders empty queries
    body: str = ""  # plain text
    url: str = ""
    dataset_id: str | None = None  # removing a dataset removes its documents
    organization: str | None = None  # slug
    content_type: str | None = None
    themes: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    formats: tuple[str, ...] = ()
    licence: str | None = None
    year: int | None = None
    status: str | None = None  # validity status of legal documents
    numbers: tuple[str, ...] = ()  # document numbers (canonical), found first when asked

    def facet_values(self) -> dict[str, tuple[str, ...]]:
        def one(value: Any) -> tuple[str, ...]:
            return (str(value),) if value not in (None, "") else ()

        return {
            "organization": one(self.organization),
            "type": one(self.type),
            "content_type": one(self.content_type),
            "theme": self.themes,
            "format": self.formats,
            "licence": one(self.licence),
            "year": one(self.year),
            "status": one(self.status),
        }


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    # facet -> accepted values: OR within one facet, AND across facets
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    facets: tuple[str, ...] = ()
    sort: str = "relevance"  # an empty text sorts newest first whatever is asked
    limit: int = 20
    offset: int = 0
    facet_limit: int = 20
    budget_ms: int = 1000  # per facet; a facet over budget is reported, not failed


@dataclass(frozen=True)
class Hit:
    id: str
    type: str
    title: str
    url: str
    snippet: str  # HTML-safe, matched terms in <mark>
    title_html: str  # the title, HTML-safe, matched terms in <mark>
    organization: str | None
    modified: datetime
    score: float


@dataclass(frozen=True)
class FacetCounts:
    name: str
    values: list[tuple[str, int]]  # most frequent first
    timed_out: bool = False


@dataclass(frozen=True)
class SearchResult:
    total: int
    hits: list[Hit]
    facets: dict[str, FacetCounts]


@dataclass(frozen=True)
class Suggestion:
    text: str  # a title or a document number
    id: str
    type: str
    url: str


Progress = Callable[[int], None]


class SearchBackend(Protocol):
    """Index and query. ``conn`` is the caller's transaction: the database backend writes
    and reads in it (so search follows the data); other backends may ignore it."""

    name: str

    def index(self, conn: Connection, docs: Iterable[SearchDocument]) -> int: ...

    def remove(self, conn: Connection, ids: Iterable[str]) -> None: ...

    def remove_dataset(self, conn: Connection, dataset_id: str) -> None: ...

    def remove_datasets(self, conn: Connection, dataset_ids: Sequence[str]) -> None: ...

    def clear(self, conn: Connection) -> None: ...

    def query(self, conn: Connection, query: SearchQuery) -> SearchResult: ...

    def suggest(self, conn: Connection, prefix: str, limit: int = 10) -> list[Suggestion]: ...
