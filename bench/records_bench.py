"""Records store speed on a generated 1,000,000-row statistics table.

Prints: import rows/s (SQLite and PostgreSQL), p50/p95 of a filtered, sorted page
of 100 rows on an indexed dimension, full CSV export MB/s with the peak memory
of the export, and, side by side in one run, Datasette serving the same SQLite
table the same query (the ratio of our latency to Datasette's).

    .venv/bin/python bench/records_bench.py [--rows 1000000] [--db sqlite|postgresql|both]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.databases import scratch_database  # noqa: E402
from hub import create_app, migrate  # noqa: E402
from hub.auth.principal import Principal  # noqa: E402
from hub.datasets import organizations, service  # noqa: E402
from hub.records import service as records  # noqa: E402
from hub.records.fields import record_set_of  # noqa: E402

ADMIN = Principal.system("bench")
AREAS = [f"Xã số {i:03d}" for i in range(200)]
PERIODS = [f"{y}-Q{q}" for y in range(2000, 2025) for q in range(1, 5)]
INDICATORS = [f"CT{i:02d}" for i in range(50)]


def write_csv(path: Path, rows: int) -> int:
    rng = random.Random(7)
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("REF_AREA,TIME_PERIOD,INDICATOR,OBS_VALUE,UNIT_MEASURE,OBS_STATUS\n")
        n = 0
        for area in AREAS:
            for period in PERIODS:
                for indicator in INDICATORS:
                    if n == rows:
                        return path.stat().st_size
                    value = round(rng.uniform(0, 100000), 2)
                    fh.write(f"{area},{period},{indicator},{value},người,A\n")
                    n += 1
    return path.stat().st_size


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[int(len(ordered) * 0.95) - 1]


def make_dataset(app) -> object:
    db = app.extensions["hub.db"]
    with db.scoped() as session:
        org = organizations.create_organization(
            session,
            ADMIN,
            {"slug": "cuc-thong-ke", "title_vi": "Cục Thống kê", "kind": "department"},
        )
        dataset = service.create_dataset(
            session,
            ADMIN,
            {
                "title_vi": "Chỉ tiêu thống kê theo xã và quý",
                "organization": org.slug,
                "content_type": "statistics",
                "slug": "chi-tieu-thong-ke",
            },
        )
        for action in ("submit", "approve"):
            service.transition(session, ADMIN, dataset.id, action)
        return dataset.id


def bench_import(app, dataset_id, csv_path: Path, rows: int) -> float:
    db = app.extensions["hub.db"]
    with db.scoped() as session, csv_path.open("rb") as stream:
        start = time.perf_counter()
        report = records.import_records(
            session,
            ADMIN,
            dataset_id,
            stream,
            csv_path.name,
            max_bytes=None,
            forms=app.extensions["hub.forms"],  # as the API and hub import do
        )
        took = time.perf_counter() - start
    assert report.rows_loaded == rows, report.message
    return rows / took


def filled_areas(rows: int) -> list[str]:
    return AREAS[: max(1, rows // (len(PERIODS) * len(INDICATORS)))]


def our_query_urls(slug: str, count: int, areas: list[str]) -> list[str]:
    rng = random.Random(11)
    return [
        f"/api/v1/datasets/{slug}/records?REF_AREA={rng.choice(areas)}&INDICATOR=CT07"
        "&sort=-TIME_PERIOD&limit=100"
        for _ in range(count)
    ]


def bench_query(app, slug: str, areas: list[str], count: int = 200) -> list[float]:
    client = app.test_client()
    urls = our_query_urls(slug, count, areas)
    client.get(urls[0])
    samples = []
    for url in urls:
        start = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200 and len(response.get_json()["data"]) == 100, url
    return samples


def bench_export(app, slug: str) -> tuple[float, int, float]:
    client = app.test_client()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    response = client.get(f"/dataset/{slug}/data.csv", buffered=False)
    size = 0
    for chunk in response.response:
        size += len(chunk)
    took = time.perf_counter() - start
    response.close()
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    return size / took / 1e6, size, grown


def download_over_http(url: str, workdir: Path, slug: str) -> str:
    """The kept CSV as a client gets it from the production server on loopback."""
    import urllib.request

    from bench.api_bench import serve_hub, wait_ready

    env = {**os.environ, "HUB_DATABASE_URL": url, "HUB_INSTANCE_DIR": str(workdir)}
    server, port = serve_hub(env, workers=2, threads=2)
    try:
        address = f"http://127.0.0.1:{port}/dataset/{slug}/data.csv"
        wait_ready(f"http://127.0.0.1:{port}/healthz")
        start, size = time.perf_counter(), 0
        with urllib.request.urlopen(address, timeout=60) as response:
            while chunk := response.read(1 << 20):
                size += len(chunk)
        took = time.perf_counter() - start
    finally:
        server.terminate()
        server.wait(10)
    return f"{size / 1e6:.0f} MB at {size / took / 1e6:.0f} MB/s"


def bench_datasette(db_path: Path, table: str, areas: list[str], count: int = 200) -> list[float]:
    try:
        from datasette.app import Datasette
    except ImportError:
        sys.exit("Datasette is needed for the comparison: .venv/bin/pip install -e '.[bench]'")

    ds = Datasette([str(db_path)], settings={"sql_time_limit_ms": 5000})
    name = db_path.stem
    rng = random.Random(11)
    urls = [
        f"/{name}/{table}.json?ref_area={rng.choice(areas).replace(' ', '+')}&indicator=CT07"
        "&_sort_desc=time_period&_size=100&_shape=objects&_nocount=1&_nofacet=1"
        for _ in range(count)
    ]

    async def run() -> list[float]:
        await ds.client.get(urls[0])
        samples = []
        for url in urls:
            start = time.perf_counter()
            response = await ds.client.get(url)
            samples.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200 and len(response.json()["rows"]) == 100, url
        return samples

    return asyncio.run(run())


def run_backend(backend: str, csv_path: Path, rows: int, size: int, workdir: Path) -> None:
    with scratch_database(backend, workdir) as url:
        run_on(backend, url, csv_path, rows, size, workdir)


def run_on(backend: str, url: str, csv_path: Path, rows: int, size: int, workdir: Path) -> None:
    db_path = workdir / "hub.db"
    migrate.upgrade(url)
    app = create_app(
        {"HUB_DATABASE_URL": url, "HUB_INSTANCE_DIR": str(workdir), "HUB_RATE_LIMIT": 0}
    )
    dataset_id = make_dataset(app)
    rate = bench_import(app, dataset_id, csv_path, rows)
    print(
        f"{backend}: import of {rows:,} rows ({size / 1e6:.0f} MB CSV), "
        f"including writing the published CSV: {rate:,.0f} rows/s"
    )
    if backend == "postgresql":
        with app.extensions["hub.db"].engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE")
    slug = "chi-tieu-thong-ke"
    ours = bench_query(app, slug, filled_areas(rows))
    p50, p95 = percentiles(ours)
    print(f"{backend}: filtered, sorted page of 100 rows: p50 {p50:.2f} ms, p95 {p95:.2f} ms")
    forms = app.extensions["hub.forms"].root
    for label in ("generated from the table", "the kept file, as every download reads it"):
        if label.startswith("generated"):
            for kept in forms.rglob("*data.csv"):
                kept.unlink()  # measure the generation itself, which imports do once
        speed, exported, grown = bench_export(app, slug)
        print(
            f"{backend}: CSV export ({label}) {exported / 1e6:.0f} MB at {speed:.1f} MB/s; "
            f"peak memory grew {grown:.0f} MB"
        )
    over_http = download_over_http(url, workdir, slug)
    print(f"{backend}: CSV download over HTTP from hub serve: {over_http}")
    if backend == "sqlite":
        with app.extensions["hub.db"].scoped() as session:
            from hub.datasets.service import get_dataset

            table = record_set_of(session, get_dataset(session, ADMIN, slug)).table_name
        app.extensions["hub.db"].dispose()
        theirs = bench_datasette(db_path, table, filled_areas(rows))
        d50, d95 = percentiles(theirs)
        ours = bench_query(app, slug, filled_areas(rows))  # again, after Datasette's run
        p50, p95 = percentiles(ours)
        print(f"datasette, same query and table: p50 {d50:.2f} ms, p95 {d95:.2f} ms")
        print(f"hub again: p50 {p50:.2f} ms, p95 {p95:.2f} ms")
        print(f"ratio hub / datasette (p50): {p50 / d50:.2f} (below 1 means the hub is faster)")
    app.extensions["hub.db"].dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="hub-records-bench-"))
    try:
        csv_path = workdir / "observations.csv"
        size = write_csv(csv_path, args.rows)
        backends = ["sqlite", "postgresql"] if args.db == "both" else [args.db]
        for backend in backends:
            (workdir / backend).mkdir()
            run_backend(backend, csv_path, args.rows, size, workdir / backend)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    os.environ.setdefault("HUB_RATE_LIMIT", "0")
    main()
