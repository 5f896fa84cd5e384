"""DCAT-AP 3.0.1 shapes report of the demo catalog.

Loads the demo province into a temporary SQLite database, serializes the published
catalog with ``DcatApProfile`` and validates it against the official shapes: the
recommended level (``shapes_recommended.ttl``) as counts of results per shape path and
in total, then the mandatory level (``shapes.ttl``), whose violations should be 0.

    .venv/bin/python bench/dcat_shapes_report.py [--shapes /path/to/html-shacl]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pyshacl  # noqa: E402
from rdflib import Graph, Namespace  # noqa: E402
from sqlalchemy import select  # noqa: E402

from hub import create_app, migrate  # noqa: E402
from hub.datasets.models import Dataset  # noqa: E402
from hub.db import get_session  # noqa: E402
from hub.demo import load_demo  # noqa: E402
from hub.metadata.dcat import DcatApProfile, legislation_refs  # noqa: E402

BASE = "http://hub.test"
SHAPES = ROOT.parent / "shared" / "fixtures" / "dcat-ap-shacl" / "3.0.1" / "html-shacl"
SH = Namespace("http://www.w3.org/ns/shacl#")


def demo_catalog(workdir: Path) -> Graph:
    url = f"sqlite:///{workdir / 'hub.db'}"
    migrate.upgrade(url)
    app = create_app(
        {
            "HUB_DATABASE_URL": url,
            "HUB_INSTANCE_DIR": str(workdir),
            "HUB_DATA_DIR": str(workdir / "data"),
            "HUB_BASE_URL": BASE,
        }
    )
    with app.app_context():
        session = get_session()
        load_demo(session, app.extensions["hub.files"])
        query = select(Dataset).where(Dataset.state == "published").order_by(Dataset.slug)
        datasets = list(session.scalars(query))
        refs = legislation_refs(session, [n for d in datasets for n in d.legal_basis])
        graph = DcatApProfile(refs).serialize_catalog(datasets, BASE)
        print(f"catalog: {len(datasets)} published datasets, {len(graph)} triples")
    app.extensions["hub.db"].dispose()
    return graph


def validate(data: Graph, shapes_dir: Path, name: str) -> Counter:
    """Results per (severity, path) of ``name`` with range.ttl."""
    shapes = Graph()
    shapes.parse(shapes_dir / name)
    shapes.parse(shapes_dir / "range.ttl")
    _, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    counts: Counter = Counter()
    for result in report.subjects(SH.resultSeverity, None):
        severity = report.value(result, SH.resultSeverity)
        path = report.value(result, SH.resultPath)
        label = report.qname(path) if path is not None else "(node)"
        counts[(report.qname(severity), label)] += 1
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shapes", type=Path, default=SHAPES)
    args = parser.parse_args()
    if not (args.shapes / "shapes_recommended.ttl").exists():
        sys.exit(f"DCAT-AP 3.0.1 shapes not found under {args.shapes}")
    workdir = Path(tempfile.mkdtemp(prefix="dcat-report-"))
    try:
        graph = demo_catalog(workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    recommended = validate(graph, args.shapes, "shapes_recommended.ttl")
    print("\nrecommended level (shapes_recommended.ttl + range.ttl): results per path")
    for (severity, path), count in sorted(recommended.items(), key=lambda i: (-i[1], i[0])):
        print(f"  {count:6d}  {severity:12s}  {path}")
    print(f"  {sum(recommended.values()):6d}  total")

    mandatory = validate(graph, args.shapes, "shapes.ttl")
    violations = sum(n for (severity, _), n in mandatory.items() if severity == "sh:Violation")
    print(f"\nmandatory level (shapes.ttl + range.ttl): {violations} violations")
    for (severity, path), count in sorted(mandatory.items()):
        print(f"  {count:6d}  {severity:12s}  {path}")


if __name__ == "__main__":
    main()
