"""Helpers shared by the command modules."""

from __future__ import annotations

import getpass
import json
from typing import Any

import click

from hub.auth.principal import Principal


def operator() -> Principal:
    """The console operator: an administrator, audited under their login name."""
    try:
        name = getpass.getuser()
    except (KeyError, OSError):
        name = "unknown"
    return Principal.system(f"cli:{name}")


def print_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))
