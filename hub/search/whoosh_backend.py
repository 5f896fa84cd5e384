"""The whoosh search backend: a pure-Python index in a folder, kept in step by the change log.

Documents are indexed as the folded syllables and syllable pairs of ``hub.search.text``
(a whitespace/lower-case analyzer only: the text is already folded, and stop words must
keep their positions for phrases). Queries are whoosh query objects built from a
``ParsedQuery``, never parsed from user text, so no input can be engine syntax.

Ranking is BM25F with query boosts (title x10, body x1, numbers x100); a document whose
number was asked for comes first, then score, then the newest ``modified``. The index
does not follow the caller's transaction: ``catch_up`` re-indexes the datasets named in
the change log since the sequence number stored beside the index.
"""

from __future__ import annotations

import os
import threading
import time
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session
from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh import scoring, sorting, writing
from whoosh.analysis import LowercaseFilter, RegexTokenizer
from whoosh.fields import DATETIME, ID, STORED, TEXT, Schema
from whoosh.searching import Searcher
from whoosh.writing import IndexWriter

from hub.datasets.changelog import changes_since, latest_seq
from hub.legal.numbers import NumberError, parse_number
from hub.search.base import (
    FACETS,
    FacetCounts,
    Hit,
    SearchDocument,
    SearchQuery,
    SearchResult,
    Suggestion,
)
from hub.search.batch import BODY_KEPT
from hub.search.documents import datasets_of_organizations, documents_of
from hub.search.highlight import mark, snippet
from hub.search.text import (
    ParsedQuery,
    fold,
    index_body,
    index_text,
    numbers_text,
    parse_query,
    syllables,
)

FACET_VALUE_KEPT = 200
TITLE_BOOST, BODY_BOOST, NUMBER_BOOST = 10.0, 1.0, 100.0
CHANGES_PAGE = 1000
WRITE_TIMEOUT = 30.0  # seconds an explicit write waits for another writer
SEQ_FILE = "seq"
CATCH_UP_LOCK = "catchup.lock"  # not a whoosh file name: its cleaner leaves it alone
_CHECK_EVERY = 1024  # documents between two looks at the clock while counting facets


def _analyzer() -> Any:
    # Texts arrive folded: split on whitespace only, no stemming, no stop words.
    return RegexTokenizer(r"\S+") | LowercaseFilter()


def make_schema() -> Schema:
    fields: dict[str, Any] = {
        "id": ID(stored=True, unique=True),
        "dataset_id": ID,
        "type": STORED,
        "title": STORED,
        "body": STORED,
        "url": STORED,
        "organization": STORED,
        "numbers": STORED,  # canonical document numbers, for suggestions
        "modified": DATETIME(stored=True, sortable=True),  # naive UTC
        "title_terms": TEXT(analyzer=_analyzer(), phrase=True),
        "body_terms": TEXT(analyzer=_analyzer(), phrase=True),
        "number_terms": TEXT(analyzer=_analyzer(), phrase=False),
        # Title syllables without pairs, for suggestions: a pair such as "47" + "2020"
        # ("4702020") must not answer the prefix "470".
        "title_words": TEXT(analyzer=_analyzer(), phrase=True),
        "number_keys": ID,  # "/"-joined folded parts of each number key, for prefixes
    }
    for name in FACETS:
        fields[_facet_field(name)] = ID  # one whole term per value; lists for multi-valued
    return Schema(**fields)


def _facet_field(name: str) -> str:
    return f"facet_{name}"


def number_key(written: str) -> str | None:
    """A number's key for prefix suggestions: its folded parts joined by "/"."""
    try:
        key = parse_number(written).key
    except NumberError:
        return None
    return "/".join(fold(key).split())


def prefix_key(prefix: str) -> str:
    """A typed number prefix in the form of ``number_key``; a trailing separator is kept so
    that ``47/`` does not run on into ``470``."""
    key = "/".join(fold(prefix).split())
    return key + "/" if key and not prefix[-1].isalnum() else key


class _OverBudget(Exception):
    pass


def _timed(ids: Iterable[int], deadline: float) -> Iterator[int]:
    for i, docnum in enumerate(ids):
        if i % _CHECK_EVERY == 0 and time.monotonic() >= deadline:
            raise _OverBudget
        yield docnum


def _naive_utc(value: datetime) -> datetime:
    return value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value


class WhooshBackend:
    name = "whoosh"

    def __init__(self, index_dir: str) -> None:
        self.index_dir = index_dir
        self._ix: whoosh_index.Index | None = None
        self._open_lock = threading.Lock()
        self._local = threading.local()  # the writer of a catch-up in this thread

    # -- the index folder ------------------------------------------------------------

    def _index(self) -> whoosh_index.Index:
        with self._open_lock:
            # A folder removed under us (a wiped data dir) is made again, empty, and the
            # missing seq file then makes the next catch-up replay the change log.
            if self._ix is None or not os.path.isdir(self.index_dir):
                os.makedirs(self.index_dir, exist_ok=True)
                if whoosh_index.exists_in(self.index_dir):
                    self._ix = whoosh_index.open_dir(self.index_dir)
                else:
                    self._ix = whoosh_index.create_in(self.index_dir, make_schema())
            return self._ix

    def _searcher(self) -> Searcher:
        # A fresh searcher sees the latest commit, whichever process made it.
        return self._index().searcher(weighting=scoring.BM25F())

    @contextmanager
    def _writing(self, timeout: float = WRITE_TIMEOUT) -> Iterator[IndexWriter]:
        """The writer of the catch-up under way in this thread, or one of our own,
        committed at the end (cancelled on error). Raises LockError when busy."""
        current = getattr(self._local, "writer", None)
        if current is not None:
            yield current
            return
        writer = self._index().writer(timeout=timeout, delay=0.05)
        self._local.writer = writer
        try:
            yield writer
        except BaseException:
            writer.cancel()
            raise
        else:
            writer.commit()
        finally:
            self._local.writer = None

    def _seq_path(self) -> str:
        return os.path.join(self.index_dir, SEQ_FILE)

    def applied_seq(self) -> int:
        """The last change-log sequence number the index reflects (0 when never set)."""
        try:
            with open(self._seq_path(), encoding="ascii") as f:
                return int(f.read().strip() or 0)
        except (FileNotFoundError, ValueError):
            return 0

    def _store_seq(self, seq: int) -> None:
        os.makedirs(self.index_dir, exist_ok=True)
        temporary = f"{self._seq_path()}.{os.getpid()}.{threading.get_ident()}"
        with open(temporary, "w", encoding="ascii") as f:
            f.write(str(seq))
        os.replace(temporary, self._seq_path())  # readers never see half a number

    # -- writing ---------------------------------------------------------------------

    def index(self, conn: Connection, docs: Iterable[SearchDocument]) -> int:
        unique = {d.id: d for d in docs}  # one writer cannot replace what it just added
        if not unique:
            return 0
        with self._writing() as writer:
            self._delete_ids(writer, unique)
            for doc in unique.values():
                writer.add_document(**self._fields(doc))
        return len(unique)

    @staticmethod
    def _delete_ids(writer: IndexWriter, ids: Iterable[str]) -> None:
        # One searcher for all: update_document would open a reader per document.
        with writer.searcher() as searcher:
            for doc_id in ids:
                writer.delete_by_term("id", doc_id, searcher=searcher)

    def _fields(self, doc: SearchDocument) -> dict[str, Any]:
        keys = [k for k in map(number_key, dict.fromkeys(doc.numbers)) if k]
        fields: dict[str, Any] = {
            "id": doc.id,
            "type": doc.type,
            "title": doc.title,
            "body": doc.body[:BODY_KEPT],
            "url": doc.url,
            "organization": doc.organization,
            "numbers": tuple(doc.numbers),
            "modified": _naive_utc(doc.modified),
            "title_terms": index_text(doc.title),
            "body_terms": index_body(doc.body),
            "number_terms": numbers_text(doc.numbers),
            "title_words": " ".join(syllables(doc.title)),
        }
        if doc.dataset_id:
            fields["dataset_id"] = str(doc.dataset_id)
        if keys:
            fields["number_keys"] = keys
        for name, values in doc.facet_values().items():
            kept = list(dict.fromkeys(v[:FACET_VALUE_KEPT] for v in values))
            if kept:
                fields[_facet_field(name)] = kept
        return fields

    def remove(self, conn: Connection, ids: Iterable[str]) -> None:
        ids = list(dict.fromkeys(ids))
        if not ids:
            return
        with self._writing() as writer:
            self._delete_ids(writer, ids)

    def remove_dataset(self, conn: Connection, dataset_id: str) -> None:
        self.remove_datasets(conn, [dataset_id])

    def remove_datasets(self, conn: Connection, dataset_ids: Sequence[str]) -> None:
        with self._writing() as writer:
            for dataset_id in dataset_ids:
                writer.delete_by_term("dataset_id", str(dataset_id))

    def clear(self, conn: Connection) -> None:
        writer = self._index().writer(timeout=WRITE_TIMEOUT, delay=0.05)
        writer.commit(mergetype=writing.CLEAR)  # drops every segment

    # -- keeping in step -------------------------------------------------------------

    def catch_up(self, session: Session) -> None:
        """Re-index the datasets the change log names since the stored sequence number.

        One query when nothing changed. When another thread or process is writing, this
        catch-up is skipped: results lag a moment rather than the request waiting.
        """
        if not changes_since(session, self.applied_seq(), 1):
            return
        # Two catch-ups would do the same work: the second one skips.
        lock = self._index().storage.lock(CATCH_UP_LOCK)
        if not lock.acquire(blocking=False):
            return
        try:
            seq = self.applied_seq()  # another catch-up may have finished meanwhile
            dataset_ids: dict[str, None] = {}
            page = changes_since(session, seq, CHANGES_PAGE)
            while page:
                dataset_ids.update((str(e.dataset_id), None) for e in page if e.dataset_id)
                # An organization's change may be a new slug, which its documents carry.
                orgs = {e.entity_id for e in page if e.entity_type == "organization"}
                dataset_ids.update((str(d), None) for d in datasets_of_organizations(session, orgs))
                seq = page[-1].seq
                page = (
                    changes_since(session, seq, CHANGES_PAGE) if len(page) == CHANGES_PAGE else []
                )
            try:
                self._apply(session, list(dataset_ids))
            except whoosh_index.LockError:
                return
            self._store_seq(seq)
        finally:
            lock.release()

    def _apply(self, session: Session, dataset_ids: list[str]) -> None:
        if not dataset_ids:
            return
        conn = session.connection()
        with self._writing(timeout=0):  # one writer and one commit for the whole catch-up
            for dataset_id in dataset_ids:
                self.remove_dataset(conn, dataset_id)
                self.index(conn, documents_of(session, uuid.UUID(dataset_id)))

    def commit(self, session: Session) -> None:
        """After a full reindex: the index reflects the change log up to now."""
        self._store_seq(latest_seq(session))

    # -- reading ---------------------------------------------------------------------

    def query(self, conn: Connection, query: SearchQuery) -> SearchResult:
        parsed = parse_query(query.text)
        match, numbers = _match_query(parsed)
        with self._searcher() as searcher:
            hits, total = self._hits(searcher, parsed, match, numbers, query)
            faceting = _Faceting(searcher, match, query.filters)
            facets = {name: faceting.count(name, query) for name in query.facets}
        return SearchResult(total, hits, facets)

    def _hits(
        self,
        searcher: Searcher,
        parsed: ParsedQuery,
        match: wq.Query,
        numbers: wq.Query | None,
        query: SearchQuery,
    ) -> tuple[list[Hit], int]:
        newest = sorting.FieldFacet("modified", reverse=True)
        # Equal dates: the document indexed last first, as the database backend does.
        latest = sorting.FunctionFacet(lambda _searcher, docnum: -docnum)
        score = sorting.ScoreFacet()  # its key is -score; kept in every order to report it
        if parsed.empty or query.sort == "newest":
            facets = [newest, latest, score]
        else:
            asked = set(numbers.docs(searcher)) if numbers is not None else set()
            first = sorting.FunctionFacet(lambda _searcher, docnum: docnum not in asked)
            facets = [first, score, newest, latest]
        at = facets.index(score)
        wanted = max(1, query.offset + query.limit)
        results = searcher.search(
            match,
            limit=wanted,
            sortedby=sorting.MultiFacet(facets),
            filter=_filter_query(query.filters),
        )
        hits = []
        for position in range(query.offset, min(wanted, results.scored_length())):
            key = results.score(position)  # with sortedby, the sort key tuple
            score_value = 0.0 if parsed.empty else -key[at]
            hits.append(_hit(results.fields(position), parsed, score_value))
        return hits[: query.limit], len(results)

    def suggest(self, conn: Connection, prefix: str, limit: int = 10) -> list[Suggestion]:
        prefix = prefix.strip()[:200]
        if not prefix or limit <= 0:
            return []
        found: list[Suggestion] = []
        with self._searcher() as searcher:
            if prefix[0].isdigit():
                found += self._number_prefix(searcher, prefix_key(prefix), limit)
            tokens = fold(prefix).split()
            if tokens and len(found) < limit:
                found += self._title_prefix(searcher, tokens, limit - len(found))
        return found

    def _number_prefix(self, searcher: Searcher, key: str, limit: int) -> list[Suggestion]:
        if not key:
            return []
        reader = searcher.reader()
        found: list[Suggestion] = []
        # Terms come in key order, so the first ``limit`` postings are the answer.
        for term in reader.expand_prefix("number_keys", key):
            value = term.decode("utf-8") if isinstance(term, bytes) else term
            for docnum in reader.postings("number_keys", value).all_ids():
                stored = reader.stored_fields(docnum)
                number = next(
                    (n for n in stored.get("numbers", ()) if number_key(n) == value), value
                )
                found.append(Suggestion(number, stored["id"], stored["type"], stored["url"]))
                if len(found) == limit:
                    return found
        return found

    def _title_prefix(self, searcher: Searcher, tokens: list[str], limit: int) -> list[Suggestion]:
        # The typed words in this order, the last one a prefix: what the user is writing.
        *whole, last = tokens
        words: list[wq.Query] = [wq.Term("title_words", t) for t in whole]
        typed = wq.Prefix("title_words", last)
        q = wq.Sequence([*words, typed]) if words else typed
        order = sorting.MultiFacet(
            [sorting.ScoreFacet(), sorting.FieldFacet("modified", reverse=True)]
        )
        return [
            Suggestion(hit["title"], hit["id"], hit["type"], hit["url"])
            for hit in searcher.search(q, limit=limit, sortedby=order)
        ]


def _match_query(parsed: ParsedQuery) -> tuple[wq.Query, wq.Query | None]:
    """(what matches, the number part or None). Every syllable and phrase is required in
    the title or the body, pairs only add to the score, an asked number matches alone."""
    if parsed.empty:
        return wq.Every(), None
    parts: list[wq.Query] = [
        wq.Or(
            [
                wq.Term("title_terms", t, boost=TITLE_BOOST),
                wq.Term("body_terms", t, boost=BODY_BOOST),
            ]
        )
        for t in parsed.required
    ]
    parts += [
        wq.Or(
            [
                wq.Phrase("title_terms", list(p), boost=TITLE_BOOST),
                wq.Phrase("body_terms", list(p), boost=BODY_BOOST),
            ]
        )
        for p in parsed.phrases
    ]
    words: wq.Query | None = wq.And(parts) if parts else None
    if words is not None and parsed.boosts:
        pairs = [wq.Term("title_terms", b, boost=TITLE_BOOST) for b in parsed.boosts]
        pairs += [wq.Term("body_terms", b, boost=BODY_BOOST) for b in parsed.boosts]
        words = wq.AndMaybe(words, wq.Or(pairs))
    numbers = None
    if parsed.numbers:
        numbers = wq.Or([wq.Term("number_terms", n, boost=NUMBER_BOOST) for n in parsed.numbers])
    if words is None:
        return numbers, numbers
    return (wq.Or([numbers, words]) if numbers is not None else words), numbers


def _filter_query(filters: Mapping[str, tuple[str, ...]]) -> wq.Query | None:
    """AND across facets, OR within one; an unknown facet matches nothing."""
    clauses: list[wq.Query] = []
    for name, values in sorted(filters.items()):
        if not values:
            continue
        if name not in FACETS:
            return wq.NullQuery
        field = _facet_field(name)
        clauses.append(wq.Or([wq.Term(field, str(v)[:FACET_VALUE_KEPT]) for v in values]))
    return wq.And(clauses) if clauses else None


def _hit(stored: Mapping[str, Any], parsed: ParsedQuery, score: float | None) -> Hit:
    terms = parsed.terms
    modified = stored["modified"]
    return Hit(
        id=stored["id"],
        type=stored["type"],
        title=stored["title"],
        url=stored.get("url") or "",
        snippet=snippet(stored.get("body") or stored["title"], terms),
        title_html=mark(stored["title"], terms),
        organization=stored.get("organization"),
        modified=modified if modified.tzinfo else modified.replace(tzinfo=UTC),
        score=float(score or 0.0),
    )


class _Faceting:
    """Facet counts of one query. The matching documents and each filter's documents are
    found once and shared by all facets, then counted as sets of document numbers."""

    def __init__(
        self, searcher: Searcher, match: wq.Query, filters: Mapping[str, tuple[str, ...]]
    ) -> None:
        self.searcher = searcher
        self.reader = searcher.reader()
        self.match = match
        self.filters = {k: v for k, v in filters.items() if v}
        self._matched: set[int] | None = None
        self._allowed: dict[str, set[int]] = {}

    def _postings(self, name: str, value: str, deadline: float) -> Iterator[int]:
        field = _facet_field(name)
        if (field, value) not in self.reader:
            return iter(())
        return _timed(self.reader.postings(field, value).all_ids(), deadline)

    def _allowed_by(self, name: str, deadline: float) -> set[int]:
        """The documents one filter lets through (OR within the facet)."""
        if name not in self._allowed:
            allowed: set[int] = set()
            if name in FACETS:  # an unknown facet lets nothing through
                for value in dict.fromkeys(self.filters[name]):
                    allowed.update(self._postings(name, str(value)[:FACET_VALUE_KEPT], deadline))
            self._allowed[name] = allowed
        return self._allowed[name]

    def count(self, name: str, query: SearchQuery) -> FacetCounts:
        if name not in FACETS:
            return FacetCounts(name, [])
        deadline = time.monotonic() + query.budget_ms / 1000
        try:
            if self._matched is None:
                self._matched = set(_timed(self.match.docs(self.searcher), deadline))
            docs = self._matched
            # With the other facets' filters, not its own: its values stay choosable.
            for other in sorted(self.filters):
                if other != name and docs:
                    docs = docs & self._allowed_by(other, deadline)
            counts = []
            if docs:
                for value in self.reader.field_terms(_facet_field(name)):
                    n = len(docs.intersection(self._postings(name, value, deadline)))
                    if n:
                        counts.append((str(value), n))
        except _OverBudget:
            return FacetCounts(name, [], timed_out=True)
        counts.sort(key=lambda item: (-item[1], item[0]))
        return FacetCounts(name, counts[: query.facet_limit])
