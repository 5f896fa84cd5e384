"""Input of the token service (API and CLI share it)."""

from __future__ import annotations

from marshmallow import RAISE, Schema, fields, validate

from hub.datasets.vocab import ROLES
from hub.schemas import OptionalText


class TokenInput(Schema):
    class Meta:
        unknown = RAISE

    role = fields.String(required=True, validate=validate.OneOf(sorted(ROLES)))
    organization = OptionalText(validate=validate.Length(max=100))
    user = OptionalText(validate=validate.Length(max=100))
    name = OptionalText(validate=validate.Length(max=200))
    expires_at = fields.AwareDateTime(allow_none=True)
