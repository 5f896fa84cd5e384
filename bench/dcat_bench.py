"""DCAT catalog speed with 10,000 datasets: pages over real HTTP, serializers, a full walk.

For each database: loads N datasets with the CKAN benchmark's generator (bulk inserts;
30 organizations, one or two distributions each, a few drafts and non-public ones),
rebuilds the search index, serves the app on 127.0.0.1 (werkzeug, threaded) and prints:

- ``GET /catalog.<fmt>?page=N`` for each format: p50/p95 over 50 random pages (of 100
  datasets) after a warm-up (target for Turtle: p50 <= 150 ms);
- one page (100 datasets) built once, then serialized 5 times per format: datasets/s of the
  graph building and of each serializer;
- the whole catalog walked page by page in Turtle, in process (``iter_pages`` as a
  streaming export would): its time, the datasets seen, and the peak memory of the walk
  (tracemalloc, Python allocations) and the process's peak RSS (target < 300 MB).

    .venv/bin/python bench/dcat_bench.py [--datasets 10000] [--db sqlite|postgresql|both]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import resource
import shutil
import sys
import tempfile
import time
import tracemalloc
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.ckan_bench import percentiles, populate, reindex, served  # noqa: E402
from bench.databases import bench_app  # noqa: E402
from hub.metadata import catalog  # noqa: E402

SEED = 20251124
PAGE_CALLS, WARM_UP, SERIALIZE_RUNS = 50, 5, 5
TARGET_PAGE_MS, TARGET_PEAK_MB = 150.0, 300.0
FORMATS = tuple(catalog.FORMATS)


def _verdict(ok: bool) -> str:
    return "met" if ok else "NOT MET"


def _get(url: str) -> int:
    with urllib.request.urlopen(url) as response:
        return len(response.read())


def measure_pages(url: str, last: int) -> None:
    rng = random.Random(SEED)
    for fmt in FORMATS:
        pages = [rng.randint(1, last) for _ in range(PAGE_CALLS)]
        for page in pages[:WARM_UP]:
            _get(f"{url}/catalog.{fmt}?page={page}")
        samples, size = [], 0
        for page in pages:
            start = time.perf_counter()
            size = _get(f"{url}/catalog.{fmt}?page={page}")
            samples.append((time.perf_counter() - start) * 1000)
        p50, p95 = percentiles(samples)
        target = f" (target p50 <= {TARGET_PAGE_MS:g} ms: {_verdict(p50 <= TARGET_PAGE_MS)})"
        print(
            f"  GET /catalog.{fmt} page of {catalog.PAGE_SIZE}: p50 {p50:.1f} ms, "
            f"p95 {p95:.1f} ms, ~{size / 1024:.0f} KiB{target if fmt == 'ttl' else ''}"
        )


def measure_serializers(app) -> None:
    db, base = app.extensions["hub.db"], app.config["HUB_BASE_URL"]
    with app.app_context(), db.scoped() as session:
        page = catalog.catalog_page(session, catalog.CatalogQuery(page=2))
        count = len(page.datasets)
        start = time.perf_counter()
        for _ in range(SERIALIZE_RUNS):
            graph = catalog.catalog_graph(session, page, base, "ttl")
        built = time.perf_counter() - start
        print(
            f"  graph of {count} datasets ({len(graph):,} triples): "
            f"{count * SERIALIZE_RUNS / built:,.0f} datasets/s"
        )
        for fmt in FORMATS:
            start = time.perf_counter()
            for _ in range(SERIALIZE_RUNS):
                catalog.render(graph, fmt)
            seconds = time.perf_counter() - start
            print(f"  serialize {fmt}: {count * SERIALIZE_RUNS / seconds:,.0f} datasets/s")


def walk_all(app) -> None:
    db, base = app.extensions["hub.db"], app.config["HUB_BASE_URL"]
    with app.app_context(), db.scoped() as session:
        tracemalloc.start()
        start = time.perf_counter()
        seen = pages = size = 0
        for page in catalog.iter_pages(session, catalog.CatalogQuery()):
            size += len(catalog.render(catalog.catalog_graph(session, page, base, "ttl"), "ttl"))
            seen += len(page.datasets)
            pages += 1
        seconds = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    peak_mb = peak / 2**20
    print(
        f"  whole catalog in Turtle: {pages} pages, {seen:,} datasets, {size / 2**20:.1f} MiB "
        f"in {seconds:.1f} s (under tracemalloc); peak traced {peak_mb:.1f} MB, "
        f"process peak RSS {rss:.0f} MB (target < {TARGET_PEAK_MB:g} MB: "
        f"{_verdict(max(peak_mb, rss) < TARGET_PEAK_MB)})"
    )


def run(backend: str, args: argparse.Namespace) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="hub-dcat-bench-"))
    try:
        with bench_app(backend, workdir) as (app, url):
            start = time.perf_counter()
            names, _ = populate(app, args.datasets)
            loaded = time.perf_counter() - start
            reindex(app)
            last = -(-len(names) // catalog.PAGE_SIZE)
            print(
                f"{backend}: {args.datasets:,} datasets ({len(names):,} public, "
                f"{last} pages) loaded in {loaded:.1f} s"
            )
            with served(app) as served_url:
                measure_pages(served_url, last)
            measure_serializers(app)
            walk_all(app)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--datasets", type=int, default=10_000)
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    args = parser.parse_args()
    print(
        f"{platform.python_implementation()} {platform.python_version()}, "
        f"{platform.machine()}, {os.cpu_count()} CPUs"
    )
    for backend in ("sqlite", "postgresql") if args.db == "both" else (args.db,):
        run(backend, args)


if __name__ == "__main__":
    main()
