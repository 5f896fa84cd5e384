"""Configuration from the environment, with overrides for tests and tools.

Every setting the hub reads is listed in ``SETTINGS`` with its default and a
one-line description; the README's configuration table is checked against it.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Setting:
    name: str
    description: str
    default: Any = None
    cast: type = str


SETTINGS: tuple[Setting, ...] = (
    Setting("HUB_INSTANCE_DIR", "Folder for local state (SQLite file, secret key)."),
    Setting("HUB_DATABASE_URL", "SQLAlchemy URL; default SQLite file under the instance folder."),
    Setting("HUB_DATA_DIR", "Folder for uploaded files and indexes; default instance/data."),
    Setting(
        "HUB_BASE_URL", "Public base URL for every URI the hub prints.", "http://127.0.0.1:5000"
    ),
    Setting("HUB_SECRET_KEY", "Signing key; generated into instance/secret_key when absent."),
    Setting("HUB_MAX_UPLOAD_BYTES", "Largest accepted uploaded file.", 512 * 1024 * 1024, int),
    Setting(
        "HUB_RATE_LIMIT", "API requests per minute per token or client address (0: off).", 600, int
    ),
    Setting(
        "HUB_AUTH_FAILURE_LIMIT", "Failed token checks per minute per address before 429.", 10, int
    ),
    Setting(
        "HUB_QUERY_TIME_LIMIT_MS", "Time budget of one records query, in milliseconds.", 2000, int
    ),
    Setting("HUB_CORS_WRITE_ORIGINS", "Comma-separated origins allowed to write cross-site.", ""),
    Setting(
        "HUB_SEARCH_BACKEND",
        "Search engine: database (the database's full-text index) or whoosh.",
        "database",
    ),
    Setting(
        "HUB_SEARCH_FACET_TIME_LIMIT_MS",
        "Time budget of one search facet, in milliseconds.",
        500,
        int,
    ),
    Setting(
        "HUB_HARVEST_ALLOWED_NETWORKS",
        "Comma-separated CIDRs outbound fetches may reach besides public addresses.",
        "",
    ),
    Setting("HUB_FETCH_CONNECT_TIMEOUT", "Outbound fetch connect timeout, seconds.", 5.0, float),
    Setting("HUB_FETCH_READ_TIMEOUT", "Outbound fetch read timeout, seconds.", 10.0, float),
    Setting("HUB_FETCH_MAX_BYTES", "Largest body an outbound fetch reads.", 10 * 1024 * 1024, int),
    Setting("HUB_FETCH_MAX_REDIRECTS", "Redirects an outbound fetch follows.", 5, int),
    Setting(
        "HUB_LINK_CHECK_MAX_AGE_HOURS",
        "Link results younger than this are not checked again (hub quality check).",
        168,
        int,
    ),
)


def _instance_dir(env: Mapping[str, str]) -> Path:
    return Path(env.get("HUB_INSTANCE_DIR") or PROJECT_ROOT / "instance").resolve()


def _secret_key(instance_dir: Path) -> str:
    """Read the generated key, or generate one readable only by its owner."""
    path = instance_dir / "secret_key"
    if path.exists():
        return path.read_text().strip()
    key = secrets.token_hex(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(key)
    return key


def load_config(
    overrides: Mapping[str, Any] | None = None, env: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """Resolve every setting: overrides first, then the environment, then defaults."""
    env = dict(os.environ if env is None else env)
    env.update({k: v for k, v in (overrides or {}).items() if isinstance(v, str)})
    instance_dir = _instance_dir(env)
    instance_dir.mkdir(parents=True, exist_ok=True)
    config: dict[str, Any] = {}
    for setting in SETTINGS:
        raw = env.get(setting.name)
        config[setting.name] = setting.cast(raw) if raw not in (None, "") else setting.default
    config["HUB_INSTANCE_DIR"] = str(instance_dir)
    config["HUB_DATABASE_URL"] = (
        config["HUB_DATABASE_URL"] or f"sqlite:///{instance_dir / 'hub.db'}"
    )
    config["HUB_DATA_DIR"] = str(Path(config["HUB_DATA_DIR"] or instance_dir / "data").resolve())
    config["HUB_BASE_URL"] = str(config["HUB_BASE_URL"]).rstrip("/")
    config["HUB_SECRET_KEY"] = config["HUB_SECRET_KEY"] or _secret_key(instance_dir)
    # Non-string overrides (numbers, flags) win over everything.
    config.update({k: v for k, v in (overrides or {}).items() if not isinstance(v, str)})
    return config
