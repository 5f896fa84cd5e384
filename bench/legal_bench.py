"""Legal documents: index upkeep on import, lookups by number, relations, ELI.

Generates N documents (default 20,000) whose relation columns cite earlier ones (some
not in the hub), imports them into one legal_document dataset, then measures:
import rows/s and the share of it spent keeping the index (``sync_dataset``), a
re-import (every document updated in place), and the p50/p95 of the read paths over
HTTP (in process): find by number written in varied ways, show, relation graph at
depth 2, ELI Turtle. Finally one document cited by many becomes expired and the
review flags are raised.

    .venv/bin/python bench/legal_bench.py [--docs 20000] [--db sqlite|postgresql|both]
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
import unicodedata
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.databases import scratch_database  # noqa: E402
from hub import create_app, migrate  # noqa: E402
from hub.auth.principal import Principal  # noqa: E402
from hub.datasets import organizations, service  # noqa: E402
from hub.legal import index  # noqa: E402
from hub.records import service as records  # noqa: E402

ADMIN = Principal.system("bench")
HEADER = ["NUMBER", "ISSUED", "STATUS", "ABSTRACT", "BASED_ON", "AMENDS", "CITES"]
SYMBOLS = ["QĐ-UBND", "NQ-HĐND", "CT-UBND", "QĐ-STC", "KH-UBND"]
CITED = "43/2011/NĐ-CP"  # cited by every tenth document


def number(i: int) -> str:
    return f"{i // 5 + 1}/{2000 + i % 25}/{SYMBOLS[i % len(SYMBOLS)]}"


def write_csv(path: Path, docs: int, expired: bool = False) -> None:
    rng = random.Random(11)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        status = "expired" if expired else "in_force"
        cited = [CITED, "13/06/2011", status, "Nghị định về cung cấp thông tin"]
        writer.writerow([*cited, "", "", ""])
        for i in range(docs - 1):
            earlier = [number(rng.randrange(i)) for _ in range(min(i, 3))]
            basis = [f"Quyết định số {n} ngày 01/01/2015" for n in earlier]
            basis.append(f"Nghị định số {rng.randrange(1, 200)}/2019/NĐ-CP")  # not in the hub
            if i % 10 == 0:
                basis.append(f"Nghị định số {CITED} ngày 13/6/2011")
            writer.writerow(
                [
                    number(i),
                    f"{1 + i % 28:02d}/{1 + i % 12:02d}/{2000 + i % 25}",
                    "in_force",
                    f"Quy định số {i} về quản lý nhà nước trên địa bàn tỉnh",
                    "; ".join(basis),
                    number(rng.randrange(i)) if i and i % 7 == 0 else "",
                    "",
                ]
            )


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    return f"p50 {statistics.median(ordered):.2f} ms, p95 {p95:.2f} ms"


def make_dataset(app) -> object:
    with app.extensions["hub.db"].scoped() as session:
        org = organizations.create_organization(
            session, ADMIN, {"slug": "so-tu-phap", "title_vi": "Sở Tư pháp", "kind": "department"}
        )
        dataset = service.create_dataset(
            session,
            ADMIN,
            {
                "title_vi": "Văn bản quy phạm pháp luật",
                "organization": org.slug,
                "content_type": "legal_document",
                "slug": "van-ban",
            },
        )
        for action in ("submit", "approve"):
            service.transition(session, ADMIN, dataset.id, action)
        return dataset.id


class Timed:
    """Wraps the index upkeep to report its share of an import."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.inner = index.sync_dataset

    def __call__(self, *args, **kwargs) -> None:
        start = time.perf_counter()
        self.inner(*args, **kwargs)
        self.seconds += time.perf_counter() - start


def timed_import(app, dataset_id, path: Path, docs: int, label: str, backend: str) -> None:
    timer = Timed()
    index.sync_dataset = timer
    from hub.records import hooks

    hooks._resolved.clear()
    try:
        with app.extensions["hub.db"].scoped() as session, path.open("rb") as stream:
            start = time.perf_counter()
            report = records.import_records(session, ADMIN, dataset_id, stream, path.name)
            took = time.perf_counter() - start
    finally:
        index.sync_dataset = timer.inner
        hooks._resolved.clear()
    assert report.rows_loaded == docs, report.message
    print(
        f"{backend}: {label} of {docs:,} documents: {docs / took:,.0f} docs/s "
        f"({took:.2f} s, of which index upkeep {timer.seconds:.2f} s)"
    )


def variants(n: str) -> list[str]:
    folded = n.replace("Đ", "D").replace("đ", "d")
    return [n, folded, f"Quyết định số {n}", unicodedata.normalize("NFD", n), folded.lower()]


def time_get(client, urls: list[str]) -> list[float]:
    samples = []
    for url in urls:
        start = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return samples


def run_on(backend: str, url: str, docs: int, workdir: Path) -> None:
    migrate.upgrade(url)
    app = create_app(
        {"HUB_DATABASE_URL": url, "HUB_INSTANCE_DIR": str(workdir), "HUB_RATE_LIMIT": 0}
    )
    dataset_id = make_dataset(app)
    path = workdir / "van-ban.csv"
    write_csv(path, docs)
    timed_import(app, dataset_id, path, docs, "first import", backend)
    timed_import(app, dataset_id, path, docs, "re-import (all updated)", backend)
    if backend == "postgresql":
        with app.extensions["hub.db"].engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE")
    client = app.test_client()
    rng = random.Random(5)
    picks = [number(rng.randrange(docs - 1)) for _ in range(300)]
    finds = [f"/api/v1/legal-documents?number={quote(rng.choice(variants(n)))}" for n in picks]
    print(f"{backend}: find by number (varied writing): {percentiles(time_get(client, finds))}")
    ids = [
        client.get(f"/api/v1/legal-documents?number={quote(n)}").get_json()["data"][0]["id"]
        for n in picks[:200]
    ]
    shows = [f"/api/v1/legal-documents/{i}" for i in ids]
    print(f"{backend}: show a document: {percentiles(time_get(client, shows))}")
    graphs = [f"/api/v1/legal-documents/{i}/relations?depth=2" for i in ids]
    print(f"{backend}: relation graph, depth 2: {percentiles(time_get(client, graphs))}")
    pages, url = [], "/api/v1/legal-documents?limit=50"
    for _ in range(40):
        start = time.perf_counter()
        body = client.get(url).get_json()
        pages.append((time.perf_counter() - start) * 1000)
        url = body["next"].split("://", 1)[1].split("/", 1)[1]
        url = "/" + url
    print(f"{backend}: list page of 50, newest first (40 pages): {percentiles(pages)}")
    eli = [f"/legal/{i}.ttl" for i in ids]
    print(f"{backend}: ELI Turtle: {percentiles(time_get(client, eli))}")
    write_csv(path, docs, expired=True)
    timed_import(app, dataset_id, path, docs, "re-import expiring a cited decree", backend)
    with app.extensions["hub.db"].engine.connect() as conn:
        flags = conn.exec_driver_sql("SELECT count(*) FROM review_flag").scalar()
    print(f"{backend}: review flags raised: {flags:,}")
    app.extensions["hub.db"].dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="hub-legal-bench-"))
    try:
        for backend in ["sqlite", "postgresql"] if args.db == "both" else [args.db]:
            (workdir / backend).mkdir()
            with scratch_database(backend, workdir / backend) as url:
                run_on(backend, url, args.docs, workdir / backend)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    os.environ.setdefault("HUB_RATE_LIMIT", "0")
    main()
