"""Search as the rest of the hub uses it: the configured backend, kept in step with writes.

With the database backend, every commit that touched a dataset re-indexes that dataset
in the same transaction (``before_commit``), so a dataset is findable in the response
of the request that published it. The whoosh backend catches up from the change log
before it answers.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from flask import current_app, has_app_context
from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session

from hub.datasets.models import Organization
from hub.errors import BadRequest, FieldError
from hub.search.base import (
    FACETS,
    MAX_LIMIT,
    MAX_OFFSET,
    MAX_QUERY_LENGTH,
    SORTS,
    SearchBackend,
    SearchQuery,
    SearchResult,
    Suggestion,
)
from hub.search.database import DatabaseBackend
from hub.search.documents import (
    all_documents,
    datasets_of_organizations,
    documents_of,
    estimate_documents,
)
from hub.search.models import SearchDocumentRow

BACKENDS = ("database", "whoosh")


def make_backend(name: str, data_dir: str) -> SearchBackend:
    if name == "database":
        return DatabaseBackend()
    if name == "whoosh":
        from hub.search.whoosh_backend import WhooshBackend

        return WhooshBackend(f"{data_dir}/search-whoosh")
    raise ValueError(f"HUB_SEARCH_BACKEND must be one of {', '.join(BACKENDS)}, not {name!r}")


def get_backend() -> SearchBackend:
    return current_app.extensions["hub.search"]


def sync_datasets(
    session: Session, backend: SearchBackend, dataset_ids: Iterable[uuid.UUID]
) -> int:
    """Index again what these datasets make searchable (nothing when not public)."""
    conn = session.connection()
    ids = list(dict.fromkeys(dataset_ids))
    # One removal and one indexing pass for them all: a bulk write (a harvest group)
    # touches many datasets, and each pass costs a few statements.
    backend.remove_datasets(conn, [str(i) for i in ids])
    return backend.index(conn, [doc for i in ids for doc in documents_of(session, i)])


REINDEX_CHUNK = 5_000  # documents per call of the backend's index


def reindex(
    session: Session, backend: SearchBackend, progress: Callable[[int], None] | None = None
) -> int:
    """Rebuild the whole index from the database (``hub search reindex``)."""
    conn = session.connection()
    backend.clear(conn)
    count = 0
    documents = all_documents(session)
    # Chunks of several engine batches: the database backend prepares one batch
    # while it writes the previous one, within each chunk.
    while chunk := list(itertools.islice(documents, REINDEX_CHUNK)):
        count += backend.index(conn, chunk)
        if progress:
            progress(len(chunk))
    finalize = getattr(backend, "commit", None)
    if finalize:
        finalize(session)
    return count


def tidy(backend: SearchBackend) -> None:
    """After a bulk reindex has committed: let the engine settle its index."""
    if isinstance(backend, DatabaseBackend):
        backend.tidy(current_app.extensions["hub.db"].engine)


def reindex_if_empty(session: Session, backend: SearchBackend) -> int | None:
    """Rebuild the database backend's index when it is empty while something is
    searchable: a migration that changes the search tables empties them (they hold
    derived data only), and ``hub init`` calls this after migrating. None: not needed."""
    if not isinstance(backend, DatabaseBackend):
        return None
    if session.scalar(select(SearchDocumentRow.rowid).limit(1)) is not None:
        return None
    if not estimate_documents(session):
        return None
    count = reindex(session, backend)
    session.commit()
    tidy(backend)
    return count


def search(session: Session, query: SearchQuery) -> SearchResult:
    backend = get_backend()
    catch_up = getattr(backend, "catch_up", None)
    if catch_up:
        catch_up(session)
    return backend.query(session.connection(), query)


def suggest(session: Session, prefix: str, limit: int = 10) -> list[Suggestion]:
    backend = get_backend()
    catch_up = getattr(backend, "catch_up", None)
    if catch_up:
        catch_up(session)
    return backend.suggest(session.connection(), printable(prefix)[:MAX_QUERY_LENGTH], limit)


def printable(text: str) -> str:
    """Control characters as spaces: a NUL cannot even reach PostgreSQL as a parameter."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else " " for ch in text)


def _bad(name: str, message: str) -> BadRequest:
    return BadRequest(f"Bad parameter '{name}': {message}.", errors=[FieldError(name, message)])


def build_query(args: dict[str, Any], budget_ms: int) -> SearchQuery:
    """A query from request-like arguments, with clean 400s for what cannot be asked."""
    facets = tuple(f for f in (args.get("facets") or "").split(",") if f)
    unknown = [f for f in facets if f not in FACETS]
    if unknown:
        raise _bad("facets", f"unknown facet(s) {', '.join(unknown)}; known: {', '.join(FACETS)}")
    filters = {}
    for name in FACETS:
        values = args.get(name)
        if values:
            items = tuple(v for v in (values if isinstance(values, list) else [values]) if v)
            if any(len(v) > 200 or not v.isprintable() for v in items):
                raise _bad(name, "printable values of at most 200 characters")
            filters[name] = items
    sort = args.get("sort") or "relevance"
    if sort not in SORTS:
        raise _bad("sort", f"one of {', '.join(SORTS)}")
    limit, offset = (
        int_arg(args, "limit", 20, 1, MAX_LIMIT),
        int_arg(args, "offset", 0, 0, MAX_OFFSET),
    )
    text = printable(args.get("q") or "")
    return SearchQuery(
        text=text[:MAX_QUERY_LENGTH],
        filters=filters,
        facets=tuple(dict.fromkeys(facets)),
        sort=sort,
        limit=limit,
        offset=offset,
        budget_ms=budget_ms,
    )


def int_arg(args: dict[str, Any], name: str, default: int, low: int, high: int) -> int:
    raw = args.get(name)
    if raw in (None, ""):
        return default
    if not str(raw).isdigit() or not low <= int(raw) <= high:
        raise _bad(name, f"an integer from {low} to {high}")
    return int(raw)


def _changed_datasets(session: Session) -> set[uuid.UUID]:
    rows = session.info.get("changelog_rows", {})
    changed = {row.dataset_id for row in rows.values() if row.dataset_id is not None}
    return changed | datasets_of_organizations(session, session.info.get(_RENAMED, ()))


_RENAMED = "search_renamed_organizations"


@event.listens_for(Session, "before_flush")
def _note_renamed_organizations(session: Session, _ctx: Any, _instances: Any) -> None:
    # Documents carry the organization's slug: a rename re-indexes its datasets.
    for obj in session.dirty:
        if isinstance(obj, Organization) and inspect(obj).attrs.slug.history.has_changes():
            session.info.setdefault(_RENAMED, set()).add(obj.id)


@event.listens_for(Session, "after_transaction_end")
def _forget_renamed(session: Session, transaction: Any) -> None:
    if transaction.parent is None:
        session.info.pop(_RENAMED, None)


@event.listens_for(Session, "before_commit")
def _index_in_transaction(session: Session) -> None:
    if not has_app_context() or "hub.search" not in current_app.extensions:
        return
    backend = current_app.extensions["hub.search"]
    if not isinstance(backend, DatabaseBackend):
        return  # other backends follow the change log
    if session.in_nested_transaction():
        # Fired for a savepoint too: its changes are indexed once, by the outer commit
        # (every savepoint re-indexing all changes so far made a harvest quadratic).
        return
    session.flush()
    changed = _changed_datasets(session)
    if changed:
        sync_datasets(session, backend, changed)
