"""Metadata quality speed with 10,000 datasets: scoring, the endpoints, link checks.

For each database: loads N datasets with the CKAN benchmark's generator (bulk inserts;
30 organizations, one or two link distributions each, a few drafts and non-public ones),
then prints:

- ``refresh_scores(everything=True)``: published datasets scored per second (DCAT-AP graph,
  indicators, DCAT-AP checks, stars, suggestions, stored in chunks of 500);
- ``GET /api/v1/datasets/<name>/quality`` over real HTTP (werkzeug, threaded): p50/p95
  over 200 random datasets after a warm-up (target p50 <= 50 ms);
- ``GET /api/v1/quality`` (the ranking from the stored scores): p50/p95 over 30 calls;
- link checks per second: 1,000 URLs of a local HTTP server (127.0.0.1, allowed for the
  run) checked by the pool of ``hub quality check`` (8 threads), and the results stored.

    .venv/bin/python bench/quality_bench.py [--datasets 10000] [--db sqlite|postgresql|both]
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import random
import shutil
import sys
import tempfile
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.ckan_bench import percentiles, populate, served  # noqa: E402
from bench.databases import bench_app  # noqa: E402
from hub.net.addresses import parse_networks  # noqa: E402
from hub.net.fetch import FetchPolicy  # noqa: E402
from hub.quality.links import record_results, run_checks  # noqa: E402
from hub.quality.service import refresh_scores  # noqa: E402

SEED = 20251125
SHOW_CALLS, RANKING_CALLS, WARM_UP, LINKS = 200, 30, 10, 1000
TARGET_SHOW_MS = 50.0


def _get(url: str) -> int:
    with urllib.request.urlopen(url) as response:
        return len(response.read())


def _timed(urls: list[str]) -> list[float]:
    for url in urls[:WARM_UP]:
        _get(url)
    samples = []
    for url in urls:
        start = time.perf_counter()
        _get(url)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def measure_scoring(app) -> None:
    db, base = app.extensions["hub.db"], app.config["HUB_BASE_URL"]
    with app.app_context(), db.scoped() as session:
        run = refresh_scores(session, base, everything=True)
        print(
            f"  refresh_scores: {run.scored:,} published datasets scored in {run.seconds:.1f} s "
            f"({run.scored / run.seconds:,.0f} datasets/s)"
        )
        again = refresh_scores(session, base)
        print(f"  refresh_scores with nothing changed: {again.seconds * 1000:.0f} ms")


def measure_endpoints(app, names: list[str]) -> None:
    rng = random.Random(SEED)
    with served(app) as url:
        picks = [rng.choice(names) for _ in range(SHOW_CALLS)]
        samples = _timed([f"{url}/api/v1/datasets/{name}/quality" for name in picks])
        p50, p95 = percentiles(samples)
        verdict = "met" if p50 <= TARGET_SHOW_MS else "NOT MET"
        print(
            f"  GET /api/v1/datasets/<name>/quality: p50 {p50:.1f} ms, p95 {p95:.1f} ms "
            f"(target p50 <= {TARGET_SHOW_MS:g} ms: {verdict})"
        )
        samples = _timed([f"{url}/api/v1/quality?limit=100"] * RANKING_CALLS)
        p50, p95 = percentiles(samples)
        print(f"  GET /api/v1/quality (ranking): p50 {p50:.1f} ms, p95 {p95:.1f} ms")


class _Quiet(BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass

    def do_HEAD(self) -> None:  # noqa: N802
        self.send_response(200 if not self.path.endswith("7.csv") else 404)
        self.send_header("Content-Length", "0")
        self.end_headers()


def measure_links(app) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Quiet)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    urls = [f"http://127.0.0.1:{server.server_port}/file/{n}.csv" for n in range(LINKS)]
    local = parse_networks("127.0.0.0/8")
    policy = FetchPolicy(connect_timeout=2, read_timeout=5, allowed_networks=local)
    db = app.extensions["hub.db"]
    try:
        with app.app_context(), db.scoped() as session:
            start = time.perf_counter()
            results = list(run_checks(urls, policy, workers=8))
            checked = time.perf_counter() - start
            for first in range(0, len(results), 200):
                record_results(session, results[first : first + 200])
            stored = time.perf_counter() - start
    finally:
        server.shutdown()
        server.server_close()
    ok = sum(r.ok for r in results)
    print(
        f"  link checks: {len(results):,} URLs ({ok:,} ok) in {checked:.2f} s "
        f"({len(results) / checked:,.0f} checks/s, 8 threads); with the results stored "
        f"{len(results) / stored:,.0f}/s"
    )


def run(backend: str, args: argparse.Namespace) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="hub-quality-bench-"))
    try:
        with bench_app(backend, workdir) as (app, _url):
            start = time.perf_counter()
            names, _ = populate(app, args.datasets)
            print(
                f"{backend}: {args.datasets:,} datasets ({len(names):,} published open) "
                f"loaded in {time.perf_counter() - start:.1f} s"
            )
            measure_scoring(app)
            measure_endpoints(app, names)
            measure_links(app)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--datasets", type=int, default=10_000)
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    args = parser.parse_args()
    logging.getLogger("hub.api.requests").setLevel(logging.WARNING)
    print(
        f"{platform.python_implementation()} {platform.python_version()}, "
        f"{platform.machine()}, {os.cpu_count()} CPUs"
    )
    for backend in ("sqlite", "postgresql") if args.db == "both" else (args.db,):
        run(backend, args)


if __name__ == "__main__":
    main()
