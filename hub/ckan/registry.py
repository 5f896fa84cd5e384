"""The action table: a name, a function of one immutable ``Call``, a help text."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from hub.auth.principal import Principal
from hub.ckan.errors import ValidationError


@dataclass(frozen=True)
class Call:
    """One action call: who asks, with what. Nothing is added to it on the way."""

    session: Session
    actor: Principal
    params: Mapping[str, Any]
    files: Mapping[str, Any] = field(default_factory=dict)  # uploads by field name
    base_url: str = ""

    def get(self, name: str, default: Any = None) -> Any:
        value = self.params.get(name, default)
        return default if value is None else value

    def require(self, name: str) -> Any:
        value = self.params.get(name)
        if value in (None, ""):
            raise ValidationError(f"Missing value: {name}", {name: ["Missing value"]})
        return value

    def flag(self, name: str, default: bool = False) -> bool:
        """CKAN booleans arrive as JSON booleans or as text ('true', 'True', '1')."""
        value = self.params.get(name)
        if value is None or value == "":
            return default
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in ("true", "1", "yes", "on"):
            return True
        if text in ("false", "0", "no", "off"):
            return False
        raise ValidationError(f"{name}: not a boolean", {name: ["Not a boolean value"]})

    def integer(self, name: str, default: int, low: int, high: int | None = None) -> int:
        """An integer parameter; out-of-range values are clamped as CKAN clamps rows."""
        value = self.params.get(name)
        if value is None or value == "":
            return default
        try:
            number = int(value) if not isinstance(value, bool) else None
        except (TypeError, ValueError):
            number = None
        if number is None:
            raise ValidationError(f"{name}: invalid integer", {name: ["Invalid integer"]})
        number = max(low, number)
        return min(number, high) if high is not None else number


Handler = Callable[[Call], Any]


@dataclass(frozen=True)
class Action:
    name: str
    handler: Handler
    help: str
    writes: bool = False


ACTIONS: dict[str, Action] = {}


def action(name: str, *, writes: bool = False) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        ACTIONS[name] = Action(name, handler, (handler.__doc__ or name).strip(), writes)
        return handler

    return register


def load_actions() -> dict[str, Action]:
    """Import every action module once; each registers its actions."""
    from hub.ckan import datastore, read, search, write  # noqa: F401

    return ACTIONS
