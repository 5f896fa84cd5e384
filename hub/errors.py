"""Typed domain errors. Services raise these; the API and CLI layers map them.

Each error carries an HTTP status and a stable machine code so that the REST
layer can render one problem+json shape without knowing the domain.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldError:
    """One problem with one input field; ``field`` is a dotted path."""

    field: str
    message: str


class HubError(Exception):
    """Base of every error the hub raises on purpose."""

    status = 500
    code = "error"
    title = "Internal error"

    def __init__(self, detail: str, *, errors: list[FieldError] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = errors or []

    def __str__(self) -> str:
        if not self.errors:
            return self.detail
        parts = "; ".join(f"{e.field}: {e.message}" for e in self.errors)
        return f"{self.detail} ({parts})"


class BadRequest(HubError):
    status, code, title = 400, "bad-request", "Bad request"


class Unauthenticated(HubError):
    status, code, title = 401, "unauthenticated", "Authentication required"


class PermissionDenied(HubError):
    status, code, title = 403, "forbidden", "Not allowed"


class NotFound(HubError):
    status, code, title = 404, "not-found", "Not found"


class Conflict(HubError):
    status, code, title = 409, "conflict", "Conflict"


class DuplicateSlug(Conflict):
    code, title = "duplicate-slug", "Slug already in use"


class DuplicateAgencyCode(Conflict):
    code, title = "duplicate-agency-code", "Agency code already in use"


class IllegalTransition(Conflict):
    code, title = "illegal-transition", "Illegal state transition"


class StaleUpdate(Conflict):
    code, title = "stale-update", "The resource changed since it was read"


class PreconditionFailed(HubError):
    status, code, title = 412, "precondition-failed", "Precondition failed"


class PayloadTooLarge(HubError):
    status, code, title = 413, "payload-too-large", "Payload too large"


class UnsupportedMediaType(HubError):
    status, code, title = 415, "unsupported-media-type", "Unsupported media type"


class ValidationFailed(HubError):
    status, code, title = 422, "validation-failed", "Validation failed"


class TooManyRequests(HubError):
    status, code, title = 429, "too-many-requests", "Too many requests"

    def __init__(self, detail: str, *, retry_after: int) -> None:
        super().__init__(detail)
        self.retry_after = retry_after
