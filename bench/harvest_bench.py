"""Harvest speed: another hub instance as the remote, over real HTTP on 127.0.0.1.

The remote hub (SQLite) is loaded with the CKAN benchmark's generator until it publishes
about N public datasets (one or two distributions each), indexed, and served by
``hub serve`` in its own process (gunicorn, 2 workers, as deployed). For each target
database a fresh hub registers the remote and prints:

- a first harvest over its CKAN API (``ckan`` backend, through ckanapi): seconds and
  datasets/s (target: 10,000 in at most 120 s);
- a second harvest of the unchanged remote: seconds (target: at most 30 s), and that it
  wrote nothing;
- a harvest of the same remote's paged DCAT catalog (``dcat`` backend, Turtle, 100 per
  page) into another organization: items/s.

    .venv/bin/python bench/harvest_bench.py [--datasets 10000] [--db sqlite|postgresql|both]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.ckan_bench import populate, reindex  # noqa: E402
from bench.databases import bench_app  # noqa: E402
from hub.auth.principal import Principal  # noqa: E402
from hub.datasets.organizations import create_organization  # noqa: E402
from hub.db import get_session  # noqa: E402
from hub.harvesters.models import HarvestJob  # noqa: E402
from hub.harvesters.service import add_source, run_source  # noqa: E402
from hub.net.addresses import parse_networks  # noqa: E402
from hub.net.fetch import FetchPolicy  # noqa: E402

TARGET_FIRST_S, TARGET_AGAIN_S = 120.0, 30.0
PUBLIC_SHARE = 0.927  # of the generator's datasets, published and public
ADMIN = Principal.system("bench")
POLICY = FetchPolicy(
    allowed_networks=parse_networks("127.0.0.0/8"), read_timeout=120, max_bytes=512 * 2**20
)


@contextmanager
def served_elsewhere(url: str, instance: Path) -> Iterator[str]:
    """The remote hub served by ``hub serve`` in another process; its base URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "HUB_DATABASE_URL": url,
        "HUB_INSTANCE_DIR": str(instance),
        "HUB_DATA_DIR": str(instance / "data"),
        "HUB_BASE_URL": base,  # the DCAT pages' next links point here
        "HUB_RATE_LIMIT": "0",
    }
    command = [str(Path(sys.executable).with_name("hub")), "serve", "--host", "127.0.0.1"]
    server = subprocess.Popen(
        [*command, "--port", str(port), "--workers", "2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=1).read()
                break
            except OSError:
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def _verdict(ok: bool) -> str:
    return "meets target" if ok else "MISSES target"


def _harvest(app, name: str) -> tuple[HarvestJob, float]:
    with app.app_context():
        session = get_session()
        start = time.perf_counter()
        job = run_source(session, ADMIN, name, policy=POLICY, base_url="http://hub.bench")
        seconds = time.perf_counter() - start
        session.expunge(job)
        return job, seconds


def _counts(job: HarvestJob) -> str:
    return (
        f"{job.gathered:,} listed, {job.created:,} created, {job.updated:,} updated, "
        f"{job.unchanged:,} unchanged, {job.failed:,} failed ({job.status})"
    )


def run_target(backend: str, remote: str, workdir: Path) -> None:
    with bench_app(backend, workdir) as (app, _url):
        with app.app_context():
            session = get_session()
            for slug, title in (("so-ckan", "Sở CKAN"), ("so-dcat", "Sở DCAT")):
                create_organization(
                    session, ADMIN, {"slug": slug, "title_vi": title, "kind": "department"}
                )
            add_source(
                session,
                ADMIN,
                {"name": "remote-ckan", "type": "ckan", "url": remote, "organization": "so-ckan"},
            )
            add_source(
                session,
                ADMIN,
                {
                    "name": "remote-dcat",
                    "type": "dcat",
                    "url": f"{remote}/catalog.ttl",
                    "organization": "so-dcat",
                },
            )
        job, seconds = _harvest(app, "remote-ckan")
        rate = job.created / seconds if seconds else 0.0
        print(
            f"{backend}: ckan first harvest: {_counts(job)} in {seconds:.1f} s, "
            f"{rate:,.0f} datasets/s (target {job.gathered:,} in <= {TARGET_FIRST_S:.0f} s: "
            f"{_verdict(seconds <= TARGET_FIRST_S)})",
            flush=True,
        )
        again, seconds = _harvest(app, "remote-ckan")
        print(
            f"{backend}: ckan unchanged re-harvest: {_counts(again)} in {seconds:.1f} s "
            f"(target <= {TARGET_AGAIN_S:.0f} s: {_verdict(seconds <= TARGET_AGAIN_S)}; "
            f"writes nothing: {again.created + again.updated + again.deleted == 0})",
            flush=True,
        )
        dcat, seconds = _harvest(app, "remote-dcat")
        rate = dcat.gathered / seconds if seconds else 0.0
        print(
            f"{backend}: dcat harvest of the paged Turtle catalog: {_counts(dcat)} in "
            f"{seconds:.1f} s, {rate:,.0f} items/s",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--datasets", type=int, default=10_000, help="public remote datasets")
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    args = parser.parse_args()
    print(f"Python {platform.python_version()} on {platform.platform()}; CPUs: {os.cpu_count()}")
    workdir = Path(tempfile.mkdtemp(prefix="hub-harvest-bench-"))
    try:
        (workdir / "remote").mkdir()
        with bench_app("sqlite", workdir / "remote") as (remote_app, remote_url):
            start = time.perf_counter()
            names, _ = populate(remote_app, round(args.datasets / PUBLIC_SHARE))
            reindex(remote_app)
            print(
                f"remote hub: {len(names):,} public datasets loaded in "
                f"{time.perf_counter() - start:.1f} s",
                flush=True,
            )
            with served_elsewhere(remote_url, workdir / "remote") as remote:
                backends = ["sqlite", "postgresql"] if args.db == "both" else [args.db]
                for backend in backends:
                    (workdir / backend).mkdir()
                    run_target(backend, remote, workdir / backend)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    os.environ.setdefault("HUB_RATE_LIMIT", "0")
    main()
