"""Response shapes of the metadata quality endpoints (OpenAPI)."""

from __future__ import annotations

from marshmallow import Schema, fields

_RATINGS = ["excellent", "good", "sufficient", "bad"]


class _Points(Schema):
    points = fields.Float(required=True)
    max = fields.Integer(required=True)


class QualityIndicatorOut(Schema):
    dimension = fields.String(required=True)
    points = fields.Float(required=True)
    max = fields.Integer(required=True)
    rule = fields.String(
        required=True,
        metadata={
            "enum": ["met", "share", "best"],
            "description": "met: dataset level; share: points x share of distributions; "
            "best: the distribution with the most interoperability points",
        },
    )
    met = fields.Boolean()
    share = fields.Float(metadata={"description": "share of distributions meeting it"})
    checked_at = fields.String(
        allow_none=True,
        metadata={
            "description": "link indicators: oldest check used (ISO 8601), 'not_checked', "
            "or null when every URL is served by the hub"
        },
    )
    violations = fields.List(fields.String(), metadata={"description": "DCAT-AP compliance"})


class QualityLinkOut(Schema):
    url = fields.String(required=True)
    ok = fields.Boolean(required=True)
    status = fields.Integer(allow_none=True)
    error = fields.String(allow_none=True)
    checked_at = fields.String(
        required=True, metadata={"description": "ISO 8601, 'not_checked' or 'internal'"}
    )


class QualitySuggestionOut(Schema):
    indicator = fields.String(required=True)
    vi = fields.String(required=True)
    en = fields.String(required=True)


class QualityOut(Schema):
    dataset_id = fields.UUID(required=True)
    dataset = fields.String(required=True, metadata={"description": "slug"})
    url = fields.Url(required=True)
    dataset_url = fields.Url(required=True)
    total = fields.Float(required=True)
    max = fields.Integer(required=True)
    rating = fields.String(required=True, metadata={"enum": _RATINGS})
    stars = fields.Integer(required=True, metadata={"minimum": 0, "maximum": 5})
    dimensions = fields.Dict(keys=fields.String(), values=fields.Nested(_Points), required=True)
    indicators = fields.Dict(
        keys=fields.String(), values=fields.Nested(QualityIndicatorOut), required=True
    )
    links = fields.List(fields.Nested(QualityLinkOut), required=True)
    suggestions = fields.List(fields.Nested(QualitySuggestionOut), required=True)
    computed_at = fields.DateTime(required=True)


ScoredAtOut = Schema.from_dict(
    {"from": fields.DateTime(allow_none=True), "to": fields.DateTime(allow_none=True)},
    name="ScoredAtOut",
)


class QualitySummaryOut(Schema):
    datasets = fields.Integer(required=True)
    average = fields.Float(allow_none=True, required=True)
    rating = fields.String(allow_none=True, required=True, metadata={"enum": _RATINGS})
    average_stars = fields.Float(allow_none=True, required=True)
    ratings = fields.Dict(
        keys=fields.String(),
        values=fields.Float(),
        required=True,
        metadata={"description": "share of datasets per rating"},
    )
    scored_at = fields.Nested(ScoredAtOut, required=True)


class OrganizationRefOut(Schema):
    id = fields.UUID(required=True)
    slug = fields.String(required=True)
    title_vi = fields.String(required=True)
    title_en = fields.String(allow_none=True)
    agency_code = fields.String(allow_none=True)
    url = fields.Url(required=True)


class RankedOrganizationOut(QualitySummaryOut):
    rank = fields.Integer(required=True)
    organization = fields.Nested(OrganizationRefOut, required=True)


class QualityRanking(Schema):
    catalog = fields.Nested(QualitySummaryOut, required=True)
    data = fields.List(fields.Nested(RankedOrganizationOut), required=True)
    next = fields.Url(allow_none=True, required=True)
    count = fields.Integer()
