"""The real ckanapi command line against the live hub: load datasets, then dump them.

``ckanapi dump datasets --all`` lists names with package_list and reads each with
package_show, so it needs no package_search.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hub.auth import service as tokens
from hub.auth.principal import Principal
from tests.factories import DatasetFactory, OrganizationFactory

BIN = Path(sys.executable).parent  # ckanapi starts its workers as `ckanapi` on PATH


def ckanapi(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    return subprocess.run(  # noqa: S603 (fixed arguments, the venv's own ckanapi)
        [str(BIN / "ckanapi"), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def line(name: str, org: str, **extra) -> str:
    body = {
        "name": name,
        "title": f"Bộ dữ liệu {name}",
        "notes": "Nạp bằng ckanapi load.",
        "owner_org": org,
        "tags": [{"name": "ckanapi"}],
        "groups": [{"name": "gove"}],
        "license_id": "cc-zero",
        "extras": [{"key": "frequency", "value": "MONTHLY"}],
        "resources": [{"name": "CSV", "url": f"https://data.example.gov.vn/{name}.csv"}],
    }
    body.update(extra)
    return json.dumps(body, ensure_ascii=False)


@pytest.fixture
def site(session):
    finance = OrganizationFactory(session=session, slug="so-tai-chinh", title_vi="Sở Tài chính")
    health = OrganizationFactory(session=session, slug="so-y-te", title_vi="Sở Y tế")
    existing = DatasetFactory(session=session, organization=health, state="published")

    def secret(role: str, org) -> str:
        issued = tokens.create_token(session, Principal.system("t"), role=role, organization=org)
        return issued.secret

    return {
        "editor": secret("editor", finance.slug),
        "publisher": secret("publisher", health.slug),
        "existing": existing.slug,
    }


def test_load_then_dump_returns_every_published_dataset_once(live_hub, site, tmp_path):
    editor_lines = [line(f"tai-chinh-{n}", "so-tai-chinh") for n in range(3)]
    editor_file = tmp_path / "editor.jsonl"
    editor_file.write_text("\n".join(editor_lines) + "\n", encoding="utf-8")
    loaded = ckanapi("load", "datasets", "-I", str(editor_file), "-r", live_hub,
                     "-a", site["editor"], "-q")  # fmt: skip
    assert loaded.returncode == 0, loaded.stderr

    # A publisher's dataset is submitted for review, so the public dump leaves it out.
    publisher_file = tmp_path / "publisher.jsonl"
    publisher_file.write_text(line("y-te-cho-duyet", "so-y-te") + "\n", encoding="utf-8")
    submitted = ckanapi("load", "datasets", "-I", str(publisher_file), "-r", live_hub,
                        "-a", site["publisher"], "-q")  # fmt: skip
    assert submitted.returncode == 0, submitted.stderr

    # Loading again updates the same datasets (package_show finds them by name).
    again = ckanapi("load", "datasets", "-I", str(editor_file), "-r", live_hub,
                    "-a", site["editor"], "-q")  # fmt: skip
    assert again.returncode == 0, again.stderr

    out = tmp_path / "out.jsonl"
    dumped = ckanapi("dump", "datasets", "--all", "-r", live_hub, "-O", str(out), "-q")
    assert dumped.returncode in (0, None), dumped.stderr
    records = [json.loads(row) for row in out.read_text(encoding="utf-8").splitlines()]
    names = [r["name"] for r in records]
    expected = {"tai-chinh-0", "tai-chinh-1", "tai-chinh-2", site["existing"]}
    assert sorted(names) == sorted(expected)  # each once, nothing unpublished
    loaded_one = next(r for r in records if r["name"] == "tai-chinh-1")
    assert loaded_one["state"] == "active" and loaded_one["license_id"] == "CC0-1.0"
    assert [g["name"] for g in loaded_one["groups"]] == ["gove"]
    assert [r["url"] for r in loaded_one["resources"]] == [
        "https://data.example.gov.vn/tai-chinh-1.csv"
    ]


def test_load_reports_refused_lines_and_goes_on(live_hub, site, tmp_path):
    source = tmp_path / "mixed.jsonl"
    rows = [
        line("hop-le", "so-tai-chinh"),
        line("sai-nhom", "so-tai-chinh", groups=[{"name": "sport"}]),
        line("to-chuc-khac", "so-y-te"),
    ]
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    log = tmp_path / "load.log"
    result = ckanapi("load", "datasets", "-I", str(source), "-r", live_hub,
                     "-a", site["editor"], "-l", str(log), "-q")  # fmt: skip
    assert result.returncode == 3  # ckanapi's exit code when some records failed
    entries = [json.loads(row) for row in log.read_text(encoding="utf-8").splitlines()]
    outcomes = {entry[1]: (entry[2], entry[3]) for entry in entries}  # by record number
    assert outcomes[1] == ("create", None)
    assert outcomes[2] == ("create", "ValidationError")
    assert outcomes[3] == ("create", "NotAuthorized")
