"""Harvest backends by name. A backend module registers its class on import; the
package ``hub.harvesters.backends`` imports every module in it, so a new backend is a
new file there and nothing else changes."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Mapping
from typing import Any

from marshmallow import RAISE, ValidationError

from hub.errors import FieldError, ValidationFailed
from hub.harvesters.base import Backend

_BACKENDS: dict[str, type[Backend]] = {}
_loaded = False


def register(cls: type[Backend]) -> type[Backend]:
    """Class decorator: make ``cls`` available under ``cls.name``."""
    if cls.name in _BACKENDS and _BACKENDS[cls.name] is not cls:
        raise ValueError(f"two harvest backends named {cls.name!r}")
    _BACKENDS[cls.name] = cls
    return cls


def _load() -> None:
    global _loaded
    if _loaded:
        return
    package = importlib.import_module("hub.harvesters.backends")
    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package.__name__}.{module.name}")
    _loaded = True


def backends() -> dict[str, type[Backend]]:
    _load()
    return dict(sorted(_BACKENDS.items()))


def backend(name: str) -> Backend:
    found = backends().get(name)
    if found is None:
        raise ValidationFailed(
            f"Unknown harvest type {name!r}.",
            errors=[FieldError("type", f"one of {', '.join(backends())}")],
        )
    return found()


def validate_config(name: str, config: Mapping[str, Any] | None) -> dict[str, Any]:
    """The source configuration as the backend's schema loads it; unknown keys refused."""
    schema = backend(name).config_schema(unknown=RAISE)
    try:
        return schema.load(dict(config or {}))
    except ValidationError as exc:
        errors = [
            FieldError(
                f"config.{key}", "; ".join(map(str, msgs)) if isinstance(msgs, list) else str(msgs)
            )
            for key, msgs in exc.normalized_messages().items()
        ]
        raise ValidationFailed("The source configuration is not valid.", errors=errors) from None
