"""CKAN's error kinds: the ``__type`` a client reads and the status it expects."""

from __future__ import annotations

from typing import Any


class CkanError(Exception):
    status = 500
    kind = "Internal Error"

    def __init__(self, message: str, fields: dict[str, list[str]] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.fields = fields or {}

    def body(self) -> dict[str, Any]:
        out: dict[str, Any] = {"__type": self.kind, "message": self.message}
        out.update(self.fields)
        return out


class NotFound(CkanError):
    status, kind = 404, "Not Found Error"


class NotAuthorized(CkanError):
    status, kind = 403, "Authorization Error"


class ValidationError(CkanError):
    """409 with one list of messages per field, as CKAN reports validation."""

    status, kind = 409, "Validation Error"


class SearchError(CkanError):
    """A search parameter that cannot be understood (CKAN: Search Query Error)."""

    status, kind = 400, "Search Query Error"


class BadRequest(CkanError):
    status, kind = 400, "Bad Request"


def field_error(name: str, message: str) -> ValidationError:
    return ValidationError(f"{name}: {message}", {name: [message]})
