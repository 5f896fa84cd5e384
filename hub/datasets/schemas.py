"""Input validation (the one validation layer) and plain-data output of the catalog.

Services call ``load`` with these schemas, so the API, the CLI, imports and
harvesters share exactly the same rules.
"""

from __future__ import annotations

import re
from typing import Any

from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema

from hub.datasets import vocab
from hub.schemas import OptionalText, Slug, Text, http_url, unique_list

# QĐ 20/2020/QĐ-TTg (re-issued by QĐ 09/2025/QĐ-TTg): three numeric groups and the
# level-one code, e.g. 000.00.00.H49 for a province's People's Committee.
AGENCY_CODE_RE = re.compile(r"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$")
LANGUAGE_RE = re.compile(r"^[a-z]{2}$")


def _agency_code(value: str | None) -> None:
    if value is not None and not AGENCY_CODE_RE.match(value):
        raise ValidationError(
            "Agency code must follow QĐ 20/2020/QĐ-TTg, e.g. 000.00.00.H49 "
            "(digits.digits.digits.letter+2 digits)."
        )


def _one_of(table: dict[str, Any]) -> validate.OneOf:
    return validate.OneOf(sorted(table), error="Must be one of: {choices}.")


class _Strict(Schema):
    class Meta:
        unknown = RAISE


class OrganizationInput(_Strict):
    slug = Slug(required=True)
    title_vi = Text(required=True, validate=validate.Length(min=1, max=500))
    title_en = OptionalText(validate=validate.Length(max=500))
    description_vi = OptionalText(validate=validate.Length(max=20000))
    description_en = OptionalText(validate=validate.Length(max=20000))
    kind = fields.String(load_default="department", validate=_one_of(vocab.ORG_KINDS))
    parent = OptionalText(validate=validate.Length(max=100))
    agency_code = OptionalText(validate=_agency_code)
    website = http_url()
    email = fields.Email(allow_none=True)
    phone = OptionalText(validate=validate.Length(max=50))
    address = OptionalText(validate=validate.Length(max=500))


class DatasetInput(_Strict):
    slug = Slug()
    organization = Text(required=True, validate=validate.Length(min=1, max=100))
    content_type = fields.String(required=True, validate=_one_of(vocab.CONTENT_TYPES))
    title_vi = Text(required=True, validate=validate.Length(min=1, max=500))
    title_en = OptionalText(validate=validate.Length(max=500))
    description_vi = OptionalText(validate=validate.Length(max=50000))
    description_en = OptionalText(validate=validate.Length(max=50000))
    themes = unique_list(fields.String(validate=_one_of(vocab.THEMES)), 13, load_default=list)
    keywords = unique_list(Text(validate=validate.Length(min=1, max=100)), 50, load_default=list)
    licence = fields.String(load_default=vocab.DEFAULT_LICENCE, validate=_one_of(vocab.LICENCES))
    access_rights = fields.String(load_default="PUBLIC", validate=_one_of(vocab.ACCESS_RIGHTS))
    frequency = fields.String(allow_none=True, validate=_one_of(vocab.FREQUENCIES))
    temporal_start = fields.Date(allow_none=True)
    temporal_end = fields.Date(allow_none=True)
    spatial = OptionalText(validate=validate.Length(max=500))
    contact_name = OptionalText(validate=validate.Length(max=200))
    contact_email = fields.Email(allow_none=True)
    contact_phone = OptionalText(validate=validate.Length(max=50))
    legal_basis = unique_list(Text(validate=validate.Length(min=1, max=300)), 50, load_default=list)
    citation = OptionalText(validate=validate.Length(max=2000))
    landing_page = http_url()
    version = OptionalText(validate=validate.Length(max=50))
    language = unique_list(
        fields.String(validate=validate.Regexp(LANGUAGE_RE, error="ISO 639-1 code, e.g. vi.")),
        10,
        load_default=lambda: ["vi"],
    )

    @validates_schema
    def _temporal_order(self, data: dict[str, Any], **_kw: Any) -> None:
        start, end = data.get("temporal_start"), data.get("temporal_end")
        if start and end and start > end:
            raise ValidationError("Must not be before temporal_start.", "temporal_end")


# Fields a dataset update may change (everything but identity and workflow state).
DATASET_FIELDS = tuple(name for name in DatasetInput._declared_fields if name != "organization")


class DistributionInput(_Strict):
    title_vi = Text(validate=validate.Length(min=1, max=500))
    title_en = OptionalText(validate=validate.Length(max=500))
    description_vi = OptionalText(validate=validate.Length(max=20000))
    url = http_url(validate=validate.Length(max=2000))
    format = OptionalText(validate=validate.Length(max=50))
    kind = fields.String(load_default="link", validate=validate.OneOf(["link", "api"]))


class LinkDistributionInput(DistributionInput):
    title_vi = Text(required=True, validate=validate.Length(min=1, max=500))
    url = http_url(required=True, validate=validate.Length(max=2000))


class ReasonInput(_Strict):
    reason = Text(required=True, validate=validate.Length(min=3, max=5000))


class MergeInput(_Strict):
    into = Text(required=True, validate=validate.Length(min=1, max=100))
    reason = OptionalText(validate=validate.Length(max=5000))


class RevertInput(_Strict):
    revision = fields.Integer(required=True, strict=True, validate=validate.Range(min=1))
    reason = OptionalText(validate=validate.Length(max=5000))


class OptionalReasonInput(_Strict):
    reason = OptionalText(validate=validate.Length(max=5000))
