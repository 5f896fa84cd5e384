"""Shared marshmallow building blocks: NFC text fields and error conversion."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from marshmallow import Schema, ValidationError, fields, validate

from hub.errors import FieldError, ValidationFailed
from hub.text import is_valid_slug, nfc

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class Text(fields.String):
    """A string stored in NFC, trimmed, without control characters."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        text = nfc(super()._deserialize(value, attr, data, **kwargs)).strip()
        if _CONTROL.search(text):
            raise ValidationError("Control characters are not allowed.")
        return text


class OptionalText(Text):
    """Like Text, but an empty string means 'no value'."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("allow_none", True)
        super().__init__(**kwargs)

    def deserialize(
        self, value: Any, attr: str | None = None, data: Any = None, **kwargs: Any
    ) -> Any:
        # Blank means absent; answer before validators, which expect a string.
        if isinstance(value, str) and not nfc(value).strip():
            return None
        return super().deserialize(value, attr, data, **kwargs)


class Slug(fields.String):
    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        slug = super()._deserialize(value, attr, data, **kwargs).strip()
        if not is_valid_slug(slug):
            raise ValidationError(
                "2-100 characters: lowercase letters a-z, digits, '-' and '_', "
                "starting with a letter or digit."
            )
        return slug


def http_url(**kwargs: Any) -> fields.Url:
    return fields.Url(schemes={"http", "https"}, allow_none=True, **kwargs)


def unique_list(inner: fields.Field, max_items: int, **kwargs: Any) -> fields.List:
    def _unique(values: list[Any]) -> None:
        if len(set(values)) != len(values):
            raise ValidationError("Items must be unique.")

    return fields.List(
        inner,
        validate=[validate.Length(max=max_items), _unique],
        **kwargs,
    )


def load(schema: Schema, data: Mapping[str, Any], *, partial: bool = False) -> dict[str, Any]:
    """Validate ``data``; raise ``ValidationFailed`` with one FieldError per problem."""
    if not isinstance(data, Mapping):
        raise ValidationFailed("Input must be an object.", errors=[FieldError("", "not an object")])
    try:
        return schema.load(data, partial=partial)
    except ValidationError as exc:
        raise ValidationFailed("Input is not valid.", errors=_flatten(exc.messages)) from None


def _flatten(messages: Any, prefix: str = "") -> list[FieldError]:
    out: list[FieldError] = []
    if isinstance(messages, Mapping):
        for key, value in messages.items():
            path = f"{prefix}.{key}" if prefix else str(key)
            if key == "_schema":
                path = prefix
            out.extend(_flatten(value, path))
    elif isinstance(messages, list | tuple):
        for item in messages:
            out.extend(_flatten(item, prefix))
    else:
        out.append(FieldError(prefix, str(messages)))
    return out
