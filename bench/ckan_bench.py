"""CKAN Action API speed with 10,000 datasets, over real HTTP, as CKAN clients see it.

For each database: loads N realistic datasets (30 organizations, themes, Vietnamese
keywords, one or two distributions each; a few drafts and non-public ones) with bulk
inserts in a few transactions, rebuilds the search index (``hub search reindex``),
serves the app on 127.0.0.1 (werkzeug, threaded) and prints:

- ``package_show`` by name: p50/p95 over 200 calls (target p50 <= 10 ms);
- ``package_search`` with q, two fq terms and three facets: p50/p95 over 100 calls
  (target p50 <= 30 ms);
- the wall time of ``ckanapi dump datasets --all`` (the CLI, in a subprocess) with
  ``-p`` worker processes (target <= 60 s), and the number of datasets it wrote.

Calls go through ``ckanapi.RemoteCKAN`` (POST, JSON), as a harvester's would.

    .venv/bin/python bench/ckan_bench.py [--datasets 10000] [--db sqlite|postgresql|both]
        [--processes 1]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert, text  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402

from bench.databases import bench_app  # noqa: E402
from hub.datasets.models import Dataset, Distribution, Organization  # noqa: E402
from hub.search import service as search  # noqa: E402

SEED = 20251123
ORGANIZATIONS = 30
BATCH = 2_000  # datasets per transaction
SHOW_CALLS, SEARCH_CALLS, WARM_UP = 200, 100, 10
TARGET_SHOW, TARGET_SEARCH, TARGET_DUMP = 10.0, 30.0, 60.0
CKANAPI = ROOT / ".venv" / "bin" / "ckanapi"

AGENCIES = [
    "Tài chính", "Y tế", "Giáo dục và Đào tạo", "Kế hoạch và Đầu tư", "Giao thông Vận tải",
    "Tài nguyên và Môi trường", "Nông nghiệp và Phát triển nông thôn", "Công Thương",
    "Lao động - Thương binh và Xã hội", "Xây dựng", "Tư pháp", "Nội vụ",
    "Văn hóa, Thể thao và Du lịch", "Khoa học và Công nghệ", "Thông tin và Truyền thông",
]  # fmt: skip
TOPICS = [
    ("ngân sách", "ECON"), ("dự toán", "ECON"), ("đầu tư công", "ECON"), ("doanh nghiệp", "ECON"),
    ("dân số", "SOCI"), ("lao động việc làm", "SOCI"), ("hộ nghèo", "SOCI"), ("bệnh viện", "HEAL"),
    ("tiêm chủng", "HEAL"), ("trường học", "EDUC"), ("học sinh", "EDUC"), ("giao thông", "TRAN"),
    ("xe buýt", "TRAN"), ("chất lượng không khí", "ENVI"), ("rác thải", "ENVI"),
    ("đất đai", "REGI"), ("quy hoạch", "REGI"), ("lúa gạo", "AGRI"), ("thủy sản", "AGRI"),
    ("điện năng", "ENER"), ("thủ tục hành chính", "GOVE"), ("văn bản pháp luật", "JUST"),
    ("du lịch", "INTR"), ("chuyển đổi số", "TECH"),
]  # fmt: skip
PLACES = ["thành phố", "huyện Đông Sơn", "huyện Hà Trung", "thị xã Nghi Sơn", "huyện Thọ Xuân",
          "huyện Quảng Xương", "huyện Tĩnh Gia", "toàn tỉnh"]  # fmt: skip
FORMATS = ["CSV", "CSV", "CSV", "XLSX", "JSON", "PDF", "XML"]
LICENCES = ["CC-BY-4.0", "CC-BY-4.0", "CC0-1.0", "ODbL-1.0", "CC-BY-SA-4.0"]


# -- data ----------------------------------------------------------------------------------


def _organizations() -> list[dict[str, Any]]:
    return [
        {
            "id": uuid.uuid4(),
            "slug": f"so-{i:02d}",
            "title_vi": f"Sở {AGENCIES[i % len(AGENCIES)]}"
            + (f" {i}" if i >= len(AGENCIES) else ""),
            "kind": "department",
            "agency_code": f"000.00.{i:02d}.H49",
            "email": f"so{i:02d}@example.gov.vn",
        }
        for i in range(ORGANIZATIONS)
    ]


def _dataset(i: int, rng: random.Random, orgs: list[dict[str, Any]], now: datetime) -> dict:
    topics = rng.sample(TOPICS, rng.choice((1, 2)))
    place, year = rng.choice(PLACES), rng.randint(2018, 2025)
    title = f"{topics[0][0].capitalize()} {place} năm {year}"
    modified = now - timedelta(minutes=rng.randint(0, 3 * 365 * 24 * 60))
    state = "published"
    access = "PUBLIC"
    roll = rng.random()
    if roll < 0.04:
        state = rng.choice(("draft", "pending", "rejected"))
    elif roll < 0.07:
        access = "NON_PUBLIC"
    return {
        "id": uuid.uuid4(),
        "slug": f"bo-du-lieu-{i:05d}",
        "organization_id": rng.choice(orgs)["id"],
        "content_type": rng.choice(("statistics", "budget", "project", "table")),
        "state": state,
        "title_vi": title,
        "title_en": f"Dataset {i}",
        "description_vi": (
            f"Số liệu về {', '.join(t[0] for t in topics)} tại {place} năm {year}, "
            "được cập nhật định kỳ bởi cơ quan chủ quản."
        ),
        "themes": sorted({t[1] for t in topics}),
        "keywords": [t[0] for t in topics] + [place],
        "licence": rng.choice(LICENCES),
        "access_rights": access,
        "frequency": "annual",
        "contact_name": "Phòng Thống kê",
        "contact_email": "thongke@example.gov.vn",
        "language": ["vi"],
        "legal_basis": [],
        "issued": modified,
        "modified": modified,
        "metadata_modified": modified,
        "created_at": modified - timedelta(days=rng.randint(0, 400)),
        "revision_number": 1,
    }


def _distributions(dataset: dict, rng: random.Random) -> list[dict[str, Any]]:
    return [
        {
            "id": uuid.uuid4(),
            "dataset_id": dataset["id"],
            "kind": "link",
            "title_vi": f"Tệp {fmt}",
            "url": f"https://data.example.gov.vn/{dataset['slug']}/{n}.{fmt.lower()}",
            "format": fmt,
            "media_type": "text/csv" if fmt == "CSV" else None,
            "position": n,
            "created_at": dataset["created_at"],
            "modified_at": dataset["metadata_modified"],
        }
        for n, fmt in enumerate(rng.sample(FORMATS, rng.choice((1, 2))))
    ]


def populate(app, count: int) -> tuple[list[str], list[str]]:
    """Bulk inserts, ``BATCH`` datasets per transaction; returns (names, org slugs)."""
    rng = random.Random(SEED)
    now = datetime.now(UTC)
    db = app.extensions["hub.db"]
    orgs = _organizations()
    names: list[str] = []
    with db.scoped() as session:
        session.execute(insert(Organization), orgs)
        session.commit()
        for first in range(0, count, BATCH):
            datasets = [
                _dataset(i, rng, orgs, now) for i in range(first, min(count, first + BATCH))
            ]
            dists = [d for ds in datasets for d in _distributions(ds, rng)]
            session.execute(insert(Dataset), datasets)
            session.execute(insert(Distribution), dists)
            session.commit()
            names += [d["slug"] for d in datasets if _public(d)]
    return names, [o["slug"] for o in orgs]


def _public(dataset: dict) -> bool:
    return dataset["state"] == "published" and dataset["access_rights"] == "PUBLIC"


def reindex(app) -> tuple[int, float]:
    start = time.perf_counter()
    db = app.extensions["hub.db"]
    with app.app_context(), db.scoped() as session:
        backend = search.get_backend()
        count = search.reindex(session, backend)
        session.commit()
        search.tidy(backend)
        session.execute(text("ANALYZE"))  # planner statistics, as autovacuum would keep them
        session.commit()
    return count, time.perf_counter() - start


# -- measuring -----------------------------------------------------------------------------


@contextmanager
def served(app) -> Iterator[str]:
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no line per request
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[max(0, int(len(ordered) * 0.95) - 1)]


def timed(calls: list[Callable[[], Any]]) -> list[float]:
    for call in calls[:WARM_UP]:
        call()
    samples = []
    for call in calls:
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def _verdict(ok: bool) -> str:
    return "met" if ok else "NOT MET"


def report(label: str, samples: list[float], target: float) -> None:
    p50, p95 = percentiles(samples)
    print(
        f"  {label}: p50 {p50:.2f} ms, p95 {p95:.2f} ms "
        f"(target p50 <= {target:g} ms: {_verdict(p50 <= target)})"
    )


def search_calls(ckan: Any, orgs: list[str], rng: random.Random) -> list[Callable[[], Any]]:
    facets = json.dumps(["organization", "groups", "res_format"])

    def one() -> Callable[[], Any]:
        topic = rng.choice(TOPICS)[0]
        fq = f"organization:{rng.choice(orgs)} metadata_modified:[2024-01-01T00:00:00Z TO NOW]"
        if rng.random() < 0.5:
            fq = f"res_format:CSV groups:{rng.choice(TOPICS)[1].lower()}"
        params = {"q": topic, "fq": fq, "facet.field": facets, "rows": 10}
        return lambda: ckan.call_action("package_search", params)

    return [one() for _ in range(SEARCH_CALLS)]


def dump(url: str, processes: int, workdir: Path) -> tuple[float, int]:
    output = workdir / "dump.jsonl"
    cmd = [str(CKANAPI), "dump", "datasets", "--all", "-r", url, "-O", str(output), "-q"]
    cmd += ["-p", str(processes)]
    start = time.perf_counter()
    # The CLI starts its -p workers as "ckanapi" found on PATH.
    env = {**os.environ, "PATH": f"{CKANAPI.parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)
    seconds = time.perf_counter() - start
    with output.open("rb") as lines:
        return seconds, sum(1 for _ in lines)


def measure(app, names: list[str], orgs: list[str], processes: int, workdir: Path) -> None:
    import ckanapi

    rng = random.Random(SEED + 1)
    with served(app) as url, ckanapi.RemoteCKAN(url, user_agent="ckan-bench") as ckan:
        shows = [
            (lambda name=name: ckan.action.package_show(id=name))
            for name in rng.sample(names, SHOW_CALLS)
        ]
        report(f"package_show by name, {SHOW_CALLS} calls", timed(shows), TARGET_SHOW)
        searches = search_calls(ckan, orgs, rng)
        report(
            f"package_search q + 2 fq + 3 facets, {SEARCH_CALLS} calls",
            timed(searches),
            TARGET_SEARCH,
        )
        seconds, written = dump(url, processes, workdir)
        print(
            f"  ckanapi dump datasets --all -p {processes}: {seconds:.1f} s, "
            f"{written:,} datasets of {len(names):,} "
            f"(target <= {TARGET_DUMP:g} s: {_verdict(seconds <= TARGET_DUMP)})"
        )


def run(backend: str, args: argparse.Namespace) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="hub-ckan-bench-"))
    try:
        with bench_app(backend, workdir) as (app, url):
            start = time.perf_counter()
            names, orgs = populate(app, args.datasets)
            loaded = time.perf_counter() - start
            indexed, seconds = reindex(app)
            print(
                f"{backend}: {args.datasets:,} datasets ({len(names):,} public) loaded in "
                f"{loaded:.1f} s; {indexed:,} search documents indexed in {seconds:.1f} s"
            )
            measure(app, names, orgs, args.processes, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--datasets", type=int, default=10_000)
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--processes", type=int, default=1, help="ckanapi dump -p (default 1)")
    args = parser.parse_args()
    print(
        f"{platform.python_implementation()} {platform.python_version()}, "
        f"{platform.machine()}, {os.cpu_count()} CPUs"
    )
    for backend in ("sqlite", "postgresql") if args.db == "both" else (args.db,):
        run(backend, args)


if __name__ == "__main__":
    main()
