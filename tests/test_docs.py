"""Documentation stays true: every setting and every command is documented."""

from __future__ import annotations

from pathlib import Path

import click

from hub.cli import main
from hub.config import SETTINGS

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_in_the_readme():
    missing = [s.name for s in SETTINGS if f"`{s.name}`" not in README]
    assert missing == []


def _commands(group: click.Group, prefix: str = "hub") -> list[str]:
    found = []
    for name, command in group.commands.items():
        path = f"{prefix} {name}"
        if isinstance(command, click.Group):
            found.extend(_commands(command, path))
        else:
            found.append(path)
    return found


def test_every_command_is_in_the_readme():
    commands = _commands(main)
    assert "hub org merge" in commands and "hub token revoke" in commands
    missing = [c for c in commands if f"`{c}" not in README]
    assert missing == []


def test_quick_start_is_the_two_commands():
    quick = README.split("## Quick start", 1)[1].split("##", 1)[0]
    block = quick.split("```sh", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in block.strip().splitlines()]
    assert commands == ["make run", "make test"]


def test_every_path_the_docs_name_exists():
    import re

    docs = README + (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    paths = set(re.findall(r"`((?:hub|tests|migrations)/[\w/.]+)`", docs))
    assert paths, "the docs name no paths"
    missing = sorted(p for p in paths if not (ROOT / p).exists())
    assert missing == []


def test_every_ckan_action_is_in_the_readme():
    from hub.ckan.registry import load_actions

    actions = load_actions()
    assert {"package_search", "package_create", "datastore_search"} <= set(actions)
    missing = [name for name in actions if f"`{name}`" not in README]
    assert missing == []
