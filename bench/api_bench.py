"""API speed with 10,000 datasets.

Prints: in-process p50/p95 of GET /api/v1/datasets/<id> and of a 50-item list page; then,
under gunicorn as ``hub serve`` runs it, requests per second of dataset-show beside a bare
Flask endpoint returning a constant body, served the same way, and their ratio.

    .venv/bin/python bench/api_bench.py [--datasets 10000] [--db sqlite|postgresql]

Uses wrk when installed (apt-get install wrk), else a Python load generator.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import text  # noqa: E402

from bench.databases import scratch_database  # noqa: E402
from hub import create_app, migrate  # noqa: E402
from hub.datasets.models import Dataset, Distribution, Organization  # noqa: E402
from hub.db import utcnow  # noqa: E402


def populate(app, count: int) -> list[str]:
    db = app.extensions["hub.db"]
    with db.scoped() as session:
        orgs = [
            Organization(
                slug=f"org-{i}",
                title_vi=f"Sở số {i}",
                kind="department",
                agency_code=f"000.00.{i:02d}.H49",
            )
            for i in range(20)
        ]
        session.add_all(orgs)
        session.flush()
        now = utcnow()
        ids = []
        for i in range(count):
            dataset = Dataset(
                id=uuid.uuid4(),
                slug=f"bo-du-lieu-{i}",
                organization_id=orgs[i % 20].id,
                content_type=random.choice(["statistics", "budget", "project", "legal_document"]),
                state="published",
                title_vi=f"Bộ dữ liệu thống kê số {i}",
                title_en=f"Statistics dataset {i}",
                description_vi="Số liệu mẫu " * 20,
                themes=["ECON", "SOCI"],
                keywords=["ngân sách", "dân số"],
                licence="CC-BY-4.0",
                access_rights="PUBLIC",
                issued=now,
                modified=now,
                metadata_modified=now,
                created_at=now,
                revision_number=1,
            )
            dataset.distributions.append(
                Distribution(
                    kind="link",
                    title_vi="CSV",
                    url=f"https://x.example/{i}.csv",
                    format="CSV",
                )
            )
            session.add(dataset)
            ids.append(str(dataset.id))
            if i % 1000 == 999:
                session.flush()
        session.commit()
        # Planner statistics, as PostgreSQL's autovacuum (or an operator) keeps them.
        session.execute(text("ANALYZE"))
        session.commit()
    return ids


def percentiles(samples: list[float]) -> tuple[float, float]:
    samples = sorted(samples)
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def timed(client, urls: list[str]) -> list[float]:
    samples = []
    for url in urls:
        start = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, url
    return samples


def report(label: str, samples: list[float], target: str = "") -> None:
    p50, p95 = percentiles(samples)
    print(f"in-process {label}: p50 {p50:.2f} ms, p95 {p95:.2f} ms {target}".rstrip())


def in_process(app, ids: list[str]) -> None:
    """Cold reads render and cache; warm reads serve the cached body after a head query."""
    client = app.test_client()
    sample = [f"/api/v1/datasets/{i}" for i in random.sample(ids, 1000)]
    report("GET /api/v1/datasets/<id>, cold", timed(client, sample), "(target p50 <= 5 ms)")
    pages, url, first = [], "/api/v1/datasets?limit=50", "/api/v1/datasets?limit=50"
    for _ in range(len(ids) // 50):
        start = time.perf_counter()
        response = client.get(url)
        pages.append((time.perf_counter() - start) * 1000)
        following = response.get_json()["next"]
        url = following.replace(app.config["HUB_BASE_URL"], "") if following else first
    report("50-item list page, first walk through every page", pages, "(target p50 <= 20 ms)")
    report("50-item list page, warm", timed(client, [first] * 200))
    report("GET /api/v1/datasets/<id>, warm", timed(client, sample))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve_hub(env: dict[str, str], workers: int, threads: int) -> tuple:
    """The hub exactly as operators run it: ``hub serve`` (gunicorn, request log on)."""
    port = free_port()
    hub = Path(sys.executable).with_name("hub")
    cmd = [str(hub), "serve", "--host", "127.0.0.1", "--port", str(port)]
    cmd += ["--workers", str(workers), "--threads", str(threads)]
    return _start(cmd, env), port


def serve_bare(env: dict[str, str], workers: int, threads: int) -> tuple:
    """The peer under the same gunicorn settings (gthread workers, no access log)."""
    port = free_port()
    cmd = [sys.executable, "-m", "gunicorn", "--workers", str(workers), "--threads", str(threads)]
    cmd += ["--worker-class", "gthread", "--bind", f"127.0.0.1:{port}"]
    cmd += ["--log-level", "warning", "bench.bare_app:app"]
    return _start(cmd, env), port


def _start(cmd: list[str], env: dict[str, str]) -> subprocess.Popen:
    # The request log goes to stderr, which is written (to /dev/null), as in production.
    return subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def wait_ready(url: str) -> None:
    for _ in range(200):
        try:
            urllib.request.urlopen(url, timeout=1).read()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"server at {url} did not start")


def load(url: str, seconds: int, connections: int) -> float:
    if shutil.which("wrk"):
        out = subprocess.run(
            ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", url],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        line = next(x for x in out.splitlines() if x.startswith("Requests/sec"))
        return float(line.split()[1])
    return python_load(url, seconds, connections)


def python_load(url: str, seconds: int, connections: int) -> float:
    import http.client
    import threading
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    done = [0]
    stop = time.perf_counter() + seconds

    def worker() -> None:
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        while time.perf_counter() < stop:
            conn.request("GET", parts.path)
            conn.getresponse().read()
            done[0] += 1

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return done[0] / seconds


def under_server(env: dict[str, str], ids: list[str], seconds: int) -> None:
    workers = 2 * (os.cpu_count() or 1) + 1  # what `hub serve` uses by default
    hub, hub_port = serve_hub(env, workers, 4)
    bare, bare_port = serve_bare(env, workers, 4)
    try:
        show = f"http://127.0.0.1:{hub_port}/api/v1/datasets/{ids[len(ids) // 2]}"
        constant = f"http://127.0.0.1:{bare_port}/constant"
        wait_ready(show)
        wait_ready(constant)
        load(show, 2, 16)  # warm up
        load(constant, 2, 16)
        # Interleave short rounds so a change in machine speed hits both sides alike.
        rounds = 5
        hub_runs, bare_runs = [], []
        for _ in range(rounds):
            hub_runs.append(load(show, max(1, seconds // rounds), 16))
            bare_runs.append(load(constant, max(1, seconds // rounds), 16))
        hub_rps, bare_rps = statistics.median(hub_runs), statistics.median(bare_runs)
    finally:
        for proc in (hub, bare):
            proc.terminate()
            proc.wait(10)
    tool = "wrk" if shutil.which("wrk") else "python load generator"
    print(
        f"hub serve / gunicorn ({workers} workers x 4 threads, {tool}, 16 connections, "
        f"{rounds} interleaved rounds of {max(1, seconds // rounds)}s, medians):"
    )
    print(f"  dataset show: {hub_rps:,.0f} req/s")
    print(f"  bare Flask constant JSON: {bare_rps:,.0f} req/s")
    print(f"  ratio: {hub_rps / bare_rps:.0%} (target >= 50%)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--datasets", type=int, default=10_000)
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--seconds", type=int, default=10)
    args = parser.parse_args()
    random.seed(7)
    workdir = Path(tempfile.mkdtemp(prefix="hub-bench-"))
    try:
        with scratch_database(args.db, workdir) as url:
            env = {
                **os.environ,
                "HUB_DATABASE_URL": url,
                "HUB_INSTANCE_DIR": str(workdir),
                "HUB_RATE_LIMIT": "0",
            }
            migrate.upgrade(url)
            app = create_app(
                {"HUB_DATABASE_URL": url, "HUB_INSTANCE_DIR": str(workdir), "HUB_RATE_LIMIT": 0}
            )
            start = time.perf_counter()
            ids = populate(app, args.datasets)
            print(
                f"{args.db}: {args.datasets:,} published datasets loaded in "
                f"{time.perf_counter() - start:.1f}s"
            )
            in_process(app, ids)
            app.extensions["hub.db"].dispose()
            under_server(env, ids, args.seconds)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
