"""The installed ``hub`` script as a new user runs it: init, demo twice, serve."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

HUB = Path(sys.executable).with_name("hub")


@pytest.fixture
def env(tmp_path, new_database_url):
    return {
        **os.environ,
        "HUB_INSTANCE_DIR": str(tmp_path / "instance"),
        "HUB_DATABASE_URL": new_database_url(),
    }


def run(env, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(HUB), *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )


def _counts(output: str) -> tuple[int, ...]:
    match = re.search(r"(\d+) organizations, (\d+) datasets, (\d+) distributions", output)
    assert match, output
    return tuple(int(n) for n in match.groups())


def test_init_then_demo_twice_leaves_the_same_counts(env):
    assert run(env, "init").returncode == 0
    first = run(env, "demo")
    assert first.returncode == 0, first.stderr
    second = run(env, "demo")
    assert second.returncode == 0, second.stderr
    assert _counts(first.stdout) == _counts(second.stdout)
    orgs, datasets, _ = _counts(first.stdout)
    assert orgs >= 15 and datasets >= 30
    assert "0 datasets created this run" in second.stdout
    assert "sample data" in first.stdout


def test_token_create_secret_is_the_last_stdout_line(env):
    run(env, "init")
    run(env, "org", "create", "so-tu-phap", "--title", "Sở Tư pháp")
    result = run(env, "token", "create", "--org", "so-tu-phap", "--role", "editor")
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"hub_[A-Za-z0-9_-]{43}", result.stdout.strip())
    bad = run(env, "token", "create", "--org", "nowhere", "--role", "editor")
    assert bad.returncode == 1 and bad.stderr.strip().startswith("Error: ")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_answers_healthz_with_a_production_server(env):
    assert run(env, "init").returncode == 0
    port = _free_port()
    server = subprocess.Popen(
        [str(HUB), "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        body = None
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                    body = r.read().decode()
                    break
            except OSError:
                time.sleep(0.1)
        assert body is not None, "server did not answer"
        assert '"status":"ok"' in body.replace(" ", "")
    finally:
        server.terminate()
        output = server.communicate(timeout=20)[0]
    assert "gunicorn" in output.lower()
    assert "hub.api.requests GET /healthz 200" in output, output
