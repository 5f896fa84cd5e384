"""Search speed on a generated corpus: the database backend on SQLite and PostgreSQL,
and the whoosh backend on the same documents and queries, in one run.

The corpus: N documents (default 100,000) whose titles and bodies are drawn from a
vocabulary of 8,000 Vietnamese syllables with a Zipf distribution (s = 1.1), with the
facet values of real ones (type, organization, themes, formats, licence, year, status)
and document numbers for legal documents. It is generated lazily, from fixed seeds, so
every backend indexes the same documents; generating it is not counted in the rates.

Prints the machine facts, then for each backend and corpus size:

- indexing documents/s (10,000 documents per transaction, in batches of 1,000), then the
  time of what the reindex command does after it: VACUUM (ANALYZE) of the search tables
  (PostgreSQL) or the FTS5 ``optimize`` (SQLite);
- p50 and p95 of 200 two-word queries with three facets (organization, theme, year)
  and a page of 20, and how many facets ran out of time (none should: the budget is
  10 s so that every timing is complete), after a warm-up pass over 20 of them;
- the same queries without facets, an empty query with the three facets, and queries
  for a document number (with the share of them that found that document first);
- whether each figure meets the issue's targets (indexing >= 5,000 documents/s;
  p50 <= 30 ms and p95 <= 100 ms) and, for whoosh, the ratios whoosh / database.

Whoosh indexes slowly (several minutes for 100,000 documents on two cores): with
``--whoosh-docs M`` below N it indexes the first M documents only, and the database
backends are then measured at M documents too (before indexing the rest), so that
every ratio compares the same corpus. Each line says which size it is for.

- on PostgreSQL, the floor of any tsvector + GIN indexing on this machine: the same
  documents' tsvectors, computed beforehand, inserted alone into a GIN-indexed table.

    .venv/bin/python bench/search_bench.py [--docs 100000] [--db sqlite|postgresql|both]
        [--whoosh-docs M] [--no-whoosh] [--no-floor]
"""

from __future__ import annotations

import argparse
import importlib.metadata
import io
import itertools
import math
import os
import platform
import random
import shutil
import signal
import sqlite3
import statistics
import sys
import tempfile
import time
import traceback
import unicodedata
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.databases import SERVER, bench_app  # noqa: E402
from hub.db import make_engine  # noqa: E402
from hub.search.base import SearchDocument, SearchQuery, SearchResult  # noqa: E402
from hub.search.fulltext import TsVector  # noqa: E402
from hub.search.text import STOP_WORDS, fold, numbers_text  # noqa: E402

SEED = 20251122
VOCABULARY = 8_000
ZIPF_S = 1.1
COMMIT_EVERY = 10_000  # documents per transaction; the backend inserts 1,000 at a time
QUERIES = 200
WARM_UP = 20
REPEATS = 50  # empty and document-number queries
SKIPPED = 30  # query words skip the most frequent syllables, as people do
FACETS = ("organization", "theme", "year")
BUDGET_MS = 10_000
TARGET_RATE = 5_000
TARGET_P50, TARGET_P95 = 30.0, 100.0

# -- vocabulary -----------------------------------------------------------------------------

ONSETS = ("", *"b c ch d đ g gh gi h k kh l m n ng ngh nh ph qu r s t th tr v x".split())
RHYMES = """
    a ac ach ai am an ang anh ao ap at au ay ăc ăm ăn ăng ăp ăt âc âm ân âng âp ât âu ây
    e ec em en eng eo ep et ê êch êm ên ênh êp êt êu i ia ich im in inh ip it iu iêc iêm
    iên iêng iêp iêt iêu o oa oac oach oai oan oang oanh oat oay oc oe oen oet oi om on ong
    op ot ô ôc ôi ôm ôn ông ôp ôt ơ ơi ơm ơn ơp ơt u ua uân uât uây uc uê ui um un ung up
    ut uy uya uyên uyêt uynh ư ưa ưc ưi ưng ưt ươc ươi ươm ươn ương ươp ươt ươu ưu y yên yêu
""".split()
VOWELS = "aăâeêioôơuưy"
QUALITY = "ăâêôơư"  # a vowel with one of these marks carries the tone
FRONT = "eêiy"  # k, gh, ngh before these; c, g, ng before the others
# no tone, sắc, huyền, hỏi, ngã, nặng (combining marks, composed by NFC)
TONES = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")
STOP_ENDINGS = ("c", "ch", "p", "t")  # such syllables take sắc or nặng only


def _allowed(onset: str, rhyme: str) -> bool:
    """Spelling rules, roughly: enough to make the syllables look Vietnamese."""
    first = rhyme[0]
    if onset in ("k", "gh", "ngh"):
        return first in FRONT and first != "y"
    if onset in ("c", "g", "ng"):
        return first not in FRONT
    if onset == "qu":
        return first not in "uưoôơ"
    if onset == "gi":
        return first not in "iy"
    if first == "y" and len(rhyme) > 1 or rhyme.startswith("iê"):
        return onset == ""  # yên, yêu alone; iê after a consonant only
    return True


def _tone_position(rhyme: str) -> int:
    vowels = [i for i, ch in enumerate(rhyme) if ch in VOWELS]
    marked = [i for i in vowels if rhyme[i] in QUALITY]
    if marked:
        return marked[-1]  # ương -> ườ, iên -> iế
    if len(vowels) == 1 or vowels[-1] < len(rhyme) - 1:
        return vowels[-1]  # an -> án, oan -> oán
    if len(vowels) == 3:
        return vowels[1]  # oai -> oái
    if rhyme[:2] in ("oa", "oe", "uy"):
        return vowels[1]  # hoà, thuý
    return vowels[0]  # ai -> ái, ua -> úa


def vocabulary() -> list[str]:
    """8,000 distinct syllables, most frequent first (the order is a seeded shuffle)."""
    found: dict[str, None] = {}
    for onset in ONSETS:
        for rhyme in RHYMES:
            if not _allowed(onset, rhyme):
                continue
            at = _tone_position(rhyme) + 1
            tones = TONES[1::4] if rhyme.endswith(STOP_ENDINGS) else TONES
            for tone in tones:
                syllable = unicodedata.normalize("NFC", onset + rhyme[:at] + tone + rhyme[at:])
                found[syllable] = None
    words = sorted(found)
    random.Random(SEED).shuffle(words)
    if len(words) < VOCABULARY:
        raise SystemExit(f"only {len(words)} syllables, fewer than {VOCABULARY}")
    return words[:VOCABULARY]


def zipf_weights(size: int) -> list[float]:
    """Cumulative Zipf weights over ranks 1..size, for ``random.choices``."""
    return list(itertools.accumulate(1 / rank**ZIPF_S for rank in range(1, size + 1)))


# -- corpus ---------------------------------------------------------------------------------

TYPES = ("dataset", "legal_document", "article", "project")
TYPE_WEIGHTS = (40, 25, 25, 10)
ORGANIZATIONS = tuple(
    """so-tai-chinh so-ke-hoach-dau-tu so-y-te so-giao-duc-dao-tao so-xay-dung
    so-giao-thong-van-tai so-tu-phap so-noi-vu so-cong-thuong so-nong-nghiep-ptnt
    so-tai-nguyen-moi-truong so-khoa-hoc-cong-nghe so-thong-tin-truyen-thong
    so-lao-dong-tbxh so-van-hoa-the-thao-du-lich so-ngoai-vu thanh-tra-tinh
    van-phong-ubnd-tinh cuc-thong-ke cuc-thue bao-hiem-xa-hoi ban-quan-ly-kcn
    ubnd-thanh-pho ubnd-thi-xa ubnd-huyen-dong ubnd-huyen-tay ubnd-huyen-nam
    ubnd-huyen-bac ubnd-huyen-trung trung-tam-phuc-vu-hanh-chinh-cong""".split()
)
ORGANIZATION_WEIGHTS = tuple(1 / (rank + 2) for rank in range(len(ORGANIZATIONS)))
THEMES = tuple("AGRI ECON EDUC ENER ENVI GOVE HEAL INTR JUST REGI SOCI TECH TRAN".split())
FORMATS = ("CSV", "JSON", "XLSX", "PDF", "XML")
LICENCES = ("CC-BY-4.0", "CC0-1.0", "ODbL-1.0")
LICENCE_WEIGHTS = (70, 20, 10)
CONTENT_TYPES = ("statistics", "geospatial", "budget", "public_service", "register")
STATUSES = ("in_force", "expired", "partially_expired")
STATUS_WEIGHTS = (70, 20, 10)
SYMBOLS = ("QĐ-UBND", "NQ-HĐND", "CT-UBND", "KH-UBND")
SYMBOL_WEIGHTS = (70, 15, 10, 5)
FIRST_YEAR, LAST_YEAR = 2010, 2025
START = datetime(2011, 1, 1, tzinfo=UTC)  # modified: spread over the 15 years from here
SPREAD = (datetime(2026, 1, 1, tzinfo=UTC) - START).total_seconds()
PARENTS = 2_000  # datasets that records and legal documents belong to


@dataclass(frozen=True)
class Meta:
    """What a document is, apart from its text: cheap to make, for picking queries."""

    id: str
    type: str
    organization: str
    content_type: str
    themes: tuple[str, ...]
    formats: tuple[str, ...]
    licence: str
    year: int
    status: str | None
    numbers: tuple[str, ...]
    modified: datetime
    dataset_id: str | None


def metadata(count: int) -> Iterator[Meta]:
    rng = random.Random(SEED + 1)
    parents = [str(uuid.UUID(int=rng.getrandbits(128), version=4)) for _ in range(PARENTS)]
    legal = 0
    for i in range(count):
        kind = rng.choices(TYPES, TYPE_WEIGHTS)[0]
        status, numbers = None, ()
        if kind == "legal_document":
            # Numbers are unique: each (n, year) once whatever the symbol.
            year, n = FIRST_YEAR + legal % (LAST_YEAR - FIRST_YEAR + 1), legal // 16 + 1
            legal += 1
            symbol = rng.choices(SYMBOLS, SYMBOL_WEIGHTS)[0]
            numbers = (f"{n}/{year}/{symbol}",)
            status = rng.choices(STATUSES, STATUS_WEIGHTS)[0]
            modified = datetime(year, 1, 1, tzinfo=UTC) + timedelta(days=rng.uniform(0, 365))
        else:
            modified = START + timedelta(seconds=rng.uniform(0, SPREAD))
            year = modified.year
        if kind == "dataset":
            dataset_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
            content_type = rng.choice(CONTENT_TYPES)
        else:
            dataset_id = rng.choice(parents) if rng.random() > 0.1 else None
            content_type = kind
        yield Meta(
            id=f"{kind}:{i}",
            type=kind,
            organization=rng.choices(ORGANIZATIONS, ORGANIZATION_WEIGHTS)[0],
            content_type=content_type,
            themes=tuple(rng.sample(THEMES, rng.choice((1, 1, 2)))),
            formats=tuple(sorted(rng.sample(FORMATS, rng.randint(0, 3)))),
            licence=rng.choices(LICENCES, LICENCE_WEIGHTS)[0],
            year=year,
            status=status,
            numbers=numbers,
            modified=modified,
            dataset_id=dataset_id,
        )


def _capital(word: str) -> str:
    return word[:1].upper() + word[1:]


def _body_length(rng: random.Random) -> int:
    if rng.random() < 0.02:
        return rng.randint(400, 1_500)  # a few long ones
    return int(rng.triangular(60, 400, 120))


def corpus(count: int, words: list[str], weights: list[float]) -> Iterator[SearchDocument]:
    """The documents, one at a time; the first M of N are the corpus of M."""
    rng = random.Random(SEED + 2)
    for meta in metadata(count):
        title_length, body_length = rng.randint(6, 16), _body_length(rng)
        drawn = rng.choices(words, cum_weights=weights, k=title_length + body_length)
        title = _capital(" ".join(drawn[:title_length]))
        if meta.numbers:
            title = f"{meta.numbers[0]}: {title}"  # as hub.search.documents titles them
        sentences, at = [], title_length
        while at < len(drawn):
            end = at + rng.randint(8, 20)
            sentences.append(_capital(" ".join(drawn[at:end])) + ".")
            at = end
        yield SearchDocument(
            id=meta.id,
            type=meta.type,
            title=title,
            body=" ".join(sentences),
            url=f"/api/v1/search-bench/{meta.id.replace(':', '/')}",
            modified=meta.modified,
            dataset_id=meta.dataset_id,
            organization=meta.organization,
            content_type=meta.content_type,
            themes=meta.themes,
            formats=meta.formats,
            licence=meta.licence,
            year=meta.year,
            status=meta.status,
            numbers=meta.numbers,
        )


class Producer:
    """Hands out the corpus and keeps the time spent making it, to leave it out of rates."""

    def __init__(self, docs: Iterator[SearchDocument]) -> None:
        self.docs = docs
        self.seconds = 0.0

    def __iter__(self) -> Producer:
        return self

    def __next__(self) -> SearchDocument:
        start = time.perf_counter()
        try:
            return next(self.docs)
        finally:
            self.seconds += time.perf_counter() - start


# -- queries --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Workload:
    words: list[str]  # two-word queries
    numbers: list[tuple[str, str]]  # (document number, id of its document)


def workload(words: list[str], weights: list[float], docs: int) -> Workload:
    rng = random.Random(SEED + 3)
    tail = words[SKIPPED:]
    tail_weights = [w - weights[SKIPPED - 1] for w in weights[SKIPPED:]]
    queries = []
    while len(queries) < QUERIES:
        a, b = rng.choices(tail, cum_weights=tail_weights, k=2)
        folded = {fold(a).strip(), fold(b).strip()}
        if len(folded) == 2 and not folded & STOP_WORDS:  # two required syllables
            queries.append(f"{a} {b}")
    legal = [(m.numbers[0], m.id) for m in metadata(docs) if m.numbers]
    numbers = rng.sample(legal, min(REPEATS, len(legal)))
    return Workload(queries, numbers)


@dataclass
class Figure:
    label: str
    samples: list[float]
    timed_out: int = 0
    note: str = ""

    @property
    def p50(self) -> float:
        return statistics.median(self.samples)

    @property
    def p95(self) -> float:
        ordered = sorted(self.samples)
        return ordered[max(0, math.ceil(len(ordered) * 0.95) - 1)]


@dataclass
class Run:
    """The figures of one backend at one corpus size."""

    backend: str
    size: int
    rate: float = 0.0
    figures: dict[str, Figure] = field(default_factory=dict)


Ask = Callable[[SearchQuery], SearchResult]


def _query(text: str, facets: tuple[str, ...] = FACETS) -> SearchQuery:
    return SearchQuery(text=text, facets=facets, limit=20, budget_ms=BUDGET_MS)


def _timed(ask: Ask, queries: list[SearchQuery]) -> tuple[list[float], list[SearchResult]]:
    samples, results = [], []
    for query in queries:
        start = time.perf_counter()
        result = ask(query)
        samples.append((time.perf_counter() - start) * 1000)
        results.append(result)
    return samples, results


def _timeouts(results: list[SearchResult]) -> int:
    return sum(f.timed_out for r in results for f in r.facets.values())


def measure_queries(ask: Ask, work: Workload) -> dict[str, Figure]:
    faceted = [_query(text) for text in work.words]
    _timed(ask, [*faceted[:WARM_UP], _query(""), *(_query(n) for n, _ in work.numbers[:1])])
    figures = {}
    samples, results = _timed(ask, faceted)
    matches = statistics.median(r.total for r in results)
    figures["words"] = Figure(
        f"{QUERIES} two-word queries, 3 facets",
        samples,
        _timeouts(results),
        f"median {matches:,.0f} matches",
    )
    samples, results = _timed(ask, [_query(text, ()) for text in work.words])
    figures["bare"] = Figure(f"{QUERIES} two-word queries, no facets", samples)
    samples, results = _timed(ask, [_query("")] * REPEATS)
    figures["empty"] = Figure(f"empty query, 3 facets (x{REPEATS})", samples, _timeouts(results))
    if not work.numbers:
        return figures  # a corpus too small to hold a legal document
    samples, results = _timed(ask, [_query(number) for number, _ in work.numbers])
    first = sum(
        bool(r.hits) and r.hits[0].id == doc
        for r, (_, doc) in zip(results, work.numbers, strict=True)
    )
    figures["number"] = Figure(
        f"{len(work.numbers)} document-number queries, 3 facets",
        samples,
        _timeouts(results),
        f"{first}/{len(work.numbers)} found that document first",
    )
    return figures


# -- reporting ------------------------------------------------------------------------------


def _verdict(ok: bool) -> str:
    return "meets target" if ok else "MISSES target"


def print_rate(run: Run, seconds: float, extra: str) -> None:
    ok = run.rate >= TARGET_RATE
    print(
        f"{run.backend} @ {run.size:,} docs: indexing {run.rate:,.0f} docs/s "
        f"({seconds:.1f} s; target >= {TARGET_RATE:,} docs/s: {_verdict(ok)}){extra}",
        flush=True,
    )


def print_figures(run: Run) -> None:
    for figure in run.figures.values():
        ok = figure.p50 <= TARGET_P50 and figure.p95 <= TARGET_P95
        facets = f"; {figure.timed_out} facets timed out" if "3 facets" in figure.label else ""
        note = f"; {figure.note}" if figure.note else ""
        print(
            f"{run.backend} @ {run.size:,} docs: {figure.label}: p50 {figure.p50:.1f} ms, "
            f"p95 {figure.p95:.1f} ms (target p50 <= {TARGET_P50:.0f}, p95 <= "
            f"{TARGET_P95:.0f}: {_verdict(ok)}){facets}{note}",
            flush=True,
        )


def print_ratios(whoosh: Run, others: list[Run]) -> None:
    for other in others:
        if other.size != whoosh.size:
            continue
        print(f"whoosh / {other.backend} @ {whoosh.size:,} docs (above 1: whoosh is slower):")
        print(f"  indexing time per document: {other.rate / whoosh.rate:.2f}")
        for key, figure in whoosh.figures.items():
            theirs = other.figures.get(key)
            if theirs is None:
                continue
            print(
                f"  {figure.label}: p50 {figure.p50 / theirs.p50:.2f}, "
                f"p95 {figure.p95 / theirs.p95:.2f}"
            )


def machine_facts(backends: list[str]) -> None:
    print(f"Python {platform.python_version()} on {platform.platform()}")
    print(f"CPUs: {os.cpu_count()}; SQLite {sqlite3.sqlite_version}")
    if "postgresql" in backends:
        engine = make_engine(f"{SERVER}/postgres")
        try:
            with engine.connect() as conn:
                version = conn.exec_driver_sql("SHOW server_version").scalar()
            print(f"PostgreSQL {version}")
        finally:
            engine.dispose()


# -- the database backend -------------------------------------------------------------------


def index_database(app, source: Producer, count: int) -> tuple[float, float, float | None]:
    """Index ``count`` documents from ``source``: the seconds it took, and the CPU
    seconds of this process and of the PostgreSQL server process (None on SQLite),
    corpus excluded. CPU time says where the work is even when the machine is shared."""
    engine, backend = app.extensions["hub.db"].engine, app.extensions["hub.search"]
    made = source.seconds
    start, cpu = time.perf_counter(), time.process_time()
    with engine.connect() as conn:
        conn.execution_options(hub_write=True)  # BEGIN IMMEDIATE on SQLite
        server = _server_cpu(conn)
        left = count
        while left:
            n = min(COMMIT_EVERY, left)
            with conn.begin():
                assert backend.index(conn, itertools.islice(source, n)) == n
            left -= n
        served = _server_cpu(conn)
    generating = source.seconds - made
    return (
        time.perf_counter() - start - generating,
        time.process_time() - cpu - generating,
        served - server if served is not None and server is not None else None,
    )


def _server_cpu(conn) -> float | None:
    """CPU seconds of this connection's PostgreSQL process (a local server only)."""
    if conn.dialect.name != "postgresql":
        return None
    pid = conn.exec_driver_sql("SELECT pg_backend_pid()").scalar_one()
    conn.commit()
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def finish_database(app, backend_name: str) -> str:
    """What ``hub search reindex`` does once it has committed (the backend's ``tidy``):
    FTS5 optimize on SQLite; VACUUM (ANALYZE) of the search tables on PostgreSQL, which
    sets hint bits and the visibility map that the first reads would otherwise write.
    Timed apart from the indexing rate."""
    start = time.perf_counter()
    what = app.extensions["hub.search"].tidy(app.extensions["hub.db"].engine)
    return f"; then {what} {time.perf_counter() - start:.1f} s"


def database_asker(app) -> tuple[Ask, Callable[[], None]]:
    engine, backend = app.extensions["hub.db"].engine, app.extensions["hub.search"]
    conn = engine.connect()

    def ask(query: SearchQuery) -> SearchResult:
        with conn.begin():  # one read transaction per query, as per request
            return backend.query(conn, query)

    return ask, conn.close


def run_database(backend_name: str, app, args: argparse.Namespace, work: Workload) -> list[Run]:
    words, weights = args.vocabulary
    source = Producer(corpus(args.docs, words, weights))
    sizes = sorted({args.subset, args.docs})
    runs, done, seconds, python, server = [], 0, 0.0, 0.0, 0.0
    for size in sizes:
        took, python_cpu, server_cpu = index_database(app, source, size - done)
        seconds, python = seconds + took, python + python_cpu
        server = server + server_cpu if server_cpu is not None else None
        done = size
        run = Run(backend_name, size, size / seconds)
        print_rate(run, seconds, finish_database(app, backend_name))
        cpu = f"Python {python / size * 1e6:.0f} µs" + (
            f", PostgreSQL server {server / size * 1e6:.0f} µs" if server is not None else ""
        )
        print(f"{backend_name} @ {size:,} docs: CPU per document indexed: {cpu}", flush=True)
        ask, close = database_asker(app)
        try:
            run.figures = measure_queries(ask, work)
        finally:
            close()
        print_figures(run)
        runs.append(run)
    print(f"(generating the corpus took {source.seconds:.1f} s, not counted above)")
    return runs


def postgresql_floor(url: str, args: argparse.Namespace, hub_rate: float) -> None:
    """The most any tsvector + GIN indexing can do here: the hub's own tsvector
    literals for the same documents, computed beforehand (not timed), copied with
    nothing else (no document rows, facets, counts or Python work) into a table with
    the same GIN index, in the same batches and transactions."""
    words, weights = args.vocabulary
    texts = [
        TsVector.index_texts(d.title, d.body, numbers_text(d.numbers))
        for d in corpus(args.docs, words, weights)
    ]
    engine = make_engine(url)
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        cur.execute(
            "CREATE TABLE bench_floor (doc bigint PRIMARY KEY, tsv tsvector, rank tsvector);"
            "ALTER TABLE bench_floor ALTER COLUMN tsv SET STORAGE EXTERNAL;"
            "ALTER TABLE bench_floor SET (toast_tuple_target = 256);"
            "CREATE INDEX ON bench_floor USING gin (tsv)"
        )
        raw.commit()
        start = time.perf_counter()
        for at in range(0, len(texts), 1_000):
            chunk = texts[at : at + 1_000]
            data = "".join(f"{at + i}\t{tsv}\t{rank}\n" for i, (tsv, rank) in enumerate(chunk))
            cur.copy_expert("COPY bench_floor FROM STDIN", io.BytesIO(data.encode()))
            if (at + len(chunk)) % COMMIT_EVERY == 0:
                raw.commit()
        raw.commit()
        rate = len(texts) / (time.perf_counter() - start)
        cur.execute("DROP TABLE bench_floor")
        raw.commit()
    finally:
        raw.close()
        engine.dispose()
    print(
        f"postgresql floor @ {len(texts):,} docs: ready tsvectors into a GIN-indexed table, "
        f"nothing else: {rate:,.0f} docs/s (the hub indexes at {hub_rate / rate:.0%} of it)",
        flush=True,
    )


# -- whoosh ---------------------------------------------------------------------------------


def whoosh_class() -> type | None:
    try:
        from hub.search.whoosh_backend import WhooshBackend
    except ImportError as exc:
        print(f"whoosh backend not available ({exc}): skipped")
        return None
    except Exception as exc:  # an unfinished module: still measure the databases
        print(f"whoosh backend not available ({type(exc).__name__}: {exc}): skipped")
        return None
    print(f"Whoosh {importlib.metadata.version('whoosh')}")
    return WhooshBackend


def run_whoosh(cls: type, workdir: Path, args: argparse.Namespace, work: Workload) -> Run:
    backend = cls(str(workdir / "whoosh"))
    words, weights = args.vocabulary
    source = Producer(corpus(args.subset, words, weights))
    start = time.perf_counter()
    # One call, so one writer and one commit: each call opens a writer, and a writer
    # over a non-empty index opens a searcher on its segments for every document it
    # adds (whoosh's update_document), which made 10,000 documents added to an index
    # of 10,000 take 16 minutes instead of one.
    assert backend.index(None, source) == args.subset
    seconds = time.perf_counter() - start - source.seconds
    run = Run("whoosh", args.subset, args.subset / seconds)
    print_rate(run, seconds, "")

    def ask(query: SearchQuery) -> SearchResult:
        return backend.query(None, query)

    run.figures = measure_queries(ask, work)
    print_figures(run)
    close = getattr(backend, "close", None)
    if close:
        close()
    return run


# -- main -----------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--whoosh", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--whoosh-docs", type=int, help="documents whoosh indexes (default N)")
    parser.add_argument(
        "--floor",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="measure what tsvector + GIN indexing alone can do on PostgreSQL",
    )
    args = parser.parse_args()
    # A run stopped with SIGTERM (timeout, kill) still removes its files and databases.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    backends = ["sqlite", "postgresql"] if args.db == "both" else [args.db]
    machine_facts(backends)
    whoosh = whoosh_class() if args.whoosh else None
    args.subset = min(args.whoosh_docs or args.docs, args.docs) if whoosh else args.docs
    words = vocabulary()
    args.vocabulary = words, zipf_weights(len(words))
    folded = len({fold(w) for w in words})
    print(
        f"corpus: {args.docs:,} documents, {len(words):,} syllables ({folded:,} once folded), "
        f"Zipf s={ZIPF_S}; whoosh and the comparison at {args.subset:,} documents"
        if whoosh
        else f"corpus: {args.docs:,} documents, {len(words):,} syllables "
        f"({folded:,} once folded), Zipf s={ZIPF_S}",
        flush=True,
    )
    work = workload(words, args.vocabulary[1], args.subset)
    workdir = Path(tempfile.mkdtemp(prefix="hub-search-bench-"))
    runs: list[Run] = []
    try:
        for backend in backends:
            (workdir / backend).mkdir()
            with bench_app(backend, workdir / backend) as (app, url):
                runs += run_database(backend, app, args, work)
                if backend == "postgresql" and args.floor:
                    postgresql_floor(url, args, runs[-1].rate)
        if whoosh:
            try:
                found = run_whoosh(whoosh, workdir, args, work)
            except Exception:
                traceback.print_exc()
                print("whoosh run failed: no comparison")
            else:
                print_ratios(found, runs)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    os.environ.setdefault("HUB_RATE_LIMIT", "0")
    main()
