"""Response shapes of API v1, for the OpenAPI document (inputs reuse the service schemas)."""

from __future__ import annotations

from marshmallow import Schema, fields


class ProblemOut(Schema):
    type = fields.String(required=True)
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    detail = fields.String(required=True)
    errors = fields.List(fields.Dict(), metadata={"description": "field and message pairs"})


class OrganizationOut(Schema):
    id = fields.UUID(required=True)
    url = fields.Url(required=True)
    slug = fields.String(required=True)
    title_vi = fields.String(required=True)
    title_en = fields.String(allow_none=True)
    description_vi = fields.String(allow_none=True)
    description_en = fields.String(allow_none=True)
    kind = fields.String(required=True)
    agency_code = fields.String(allow_none=True)
    website = fields.String(allow_none=True)
    email = fields.String(allow_none=True)
    phone = fields.String(allow_none=True)
    address = fields.String(allow_none=True)
    parent_id = fields.UUID(allow_none=True)
    successor_id = fields.UUID(allow_none=True)
    merged_at = fields.DateTime(allow_none=True)
    created_at = fields.DateTime(required=True)
    modified_at = fields.DateTime(required=True)


class DistributionOut(Schema):
    id = fields.UUID(required=True)
    dataset_id = fields.UUID(required=True)
    self = fields.Url(required=True)
    kind = fields.String(required=True)
    title_vi = fields.String(required=True)
    title_en = fields.String(allow_none=True)
    description_vi = fields.String(allow_none=True)
    url = fields.String(allow_none=True)
    download_url = fields.String(allow_none=True)
    file_name = fields.String(allow_none=True)
    media_type = fields.String(allow_none=True)
    format = fields.String(allow_none=True)
    byte_size = fields.Integer(allow_none=True)
    sha256 = fields.String(allow_none=True)
    position = fields.Integer(required=True)
    created_at = fields.DateTime(required=True)
    modified_at = fields.DateTime(required=True)


class DatasetOut(Schema):
    id = fields.UUID(required=True)
    url = fields.Url(required=True)
    slug = fields.String(required=True)
    organization_id = fields.UUID(required=True)
    organization_url = fields.Url(required=True)
    content_type = fields.String(required=True)
    state = fields.String(required=True)
    state_reason = fields.String(allow_none=True)
    title_vi = fields.String(required=True)
    title_en = fields.String(allow_none=True)
    description_vi = fields.String(allow_none=True)
    description_en = fields.String(allow_none=True)
    themes = fields.List(fields.String(), required=True)
    keywords = fields.List(fields.String(), required=True)
    licence = fields.String(required=True)
    access_rights = fields.String(required=True)
    frequency = fields.String(allow_none=True)
    temporal_start = fields.Date(allow_none=True)
    temporal_end = fields.Date(allow_none=True)
    spatial = fields.String(allow_none=True)
    contact_name = fields.String(allow_none=True)
    contact_email = fields.String(allow_none=True)
    contact_phone = fields.String(allow_none=True)
    legal_basis = fields.List(fields.String(), required=True)
    citation = fields.String(allow_none=True)
    landing_page = fields.String(allow_none=True)
    version = fields.String(allow_none=True)
    language = fields.List(fields.String(), required=True)
    issued = fields.DateTime(allow_none=True)
    modified = fields.DateTime(required=True)
    metadata_modified = fields.DateTime(required=True)
    created_at = fields.DateTime(required=True)
    revision_number = fields.Integer(required=True)
    distributions = fields.List(fields.Nested(DistributionOut), required=True)


class ChangeOut(Schema):
    seq = fields.Integer(required=True)
    at = fields.DateTime(required=True)
    entity_type = fields.String(required=True)
    entity_id = fields.UUID(required=True)
    operation = fields.String(required=True)
    organization_id = fields.UUID(allow_none=True)
    dataset_id = fields.UUID(allow_none=True)
    state = fields.String(allow_none=True)
    url = fields.Url(required=True)


class RevisionOut(Schema):
    number = fields.Integer(required=True)
    created_at = fields.DateTime(required=True)
    actor = fields.String(required=True)
    action = fields.String(required=True)
    reason = fields.String(allow_none=True)
    snapshot = fields.Dict(required=True)


class AuditOut(Schema):
    at = fields.DateTime(required=True)
    actor = fields.String(required=True)
    action = fields.String(required=True)
    reason = fields.String(allow_none=True)
    details = fields.Dict(required=True)


def _page(item: type[Schema], name: str) -> type[Schema]:
    return Schema.from_dict(
        {
            "data": fields.List(fields.Nested(item), required=True),
            "next": fields.Url(allow_none=True, required=True),
            "count": fields.Integer(),
        },
        name=name,
    )


TokenOut = Schema.from_dict(
    {
        "id": fields.UUID(required=True),
        "prefix": fields.String(required=True),
        "name": fields.String(allow_none=True),
        "role": fields.String(required=True),
        "organization_id": fields.UUID(allow_none=True),
        "user": fields.String(allow_none=True),
        "created_at": fields.DateTime(required=True),
        "expires_at": fields.DateTime(allow_none=True),
        "revoked_at": fields.DateTime(allow_none=True),
        "last_used_at": fields.DateTime(allow_none=True),
        "secret": fields.String(metadata={"description": "Only in the creation response."}),
    },
    name="TokenOut",
)
OrganizationPage = _page(OrganizationOut, "OrganizationPage")
DatasetPage = _page(DatasetOut, "DatasetPage")
ChangePage = Schema.from_dict(
    {
        "data": fields.List(fields.Nested(ChangeOut), required=True),
        "next": fields.Url(required=True),
        "last_seq": fields.Integer(required=True),
    },
    name="ChangePage",
)
RevisionList = _page(RevisionOut, "RevisionList")
AuditList = _page(AuditOut, "AuditList")
DistributionList = _page(DistributionOut, "DistributionList")
TokenList = _page(TokenOut, "TokenList")


class StatsOut(Schema):
    datasets = fields.Integer(required=True)
    distributions = fields.Integer(required=True)
    by_organization = fields.List(fields.Dict(), required=True)
    by_content_type = fields.Dict(required=True)
    by_theme = fields.Dict(required=True)


class RecordFieldOut(Schema):
    name = fields.String(required=True)
    type = fields.String(required=True)
    label_vi = fields.String(required=True)
    label_en = fields.String(required=True)
    description = fields.String(required=True)
    required = fields.Boolean(required=True)
    key = fields.Boolean(required=True)
    filter = fields.Boolean(required=True)
    unit = fields.String(allow_none=True)
    codes = fields.List(fields.Dict(), required=True)


class RecordSchemaOut(Schema):
    dataset_id = fields.UUID(required=True)
    schema = fields.String(required=True)
    version = fields.Integer(required=True)
    row_count = fields.Integer(required=True)
    updated_at = fields.DateTime(allow_none=True)
    field_list = fields.List(fields.Nested(RecordFieldOut), required=True, data_key="fields")


class RecordPage(Schema):
    data = fields.List(fields.Dict(), required=True)
    field_names = fields.List(fields.String(), required=True, data_key="fields")
    next = fields.String(allow_none=True, required=True)
    count = fields.Integer(allow_none=True)


class ImportProblemOut(Schema):
    row = fields.Integer(required=True)
    column = fields.String(required=True)
    value = fields.String(required=True)
    message = fields.String(required=True)


class ImportOut(Schema):
    id = fields.UUID(required=True)
    url = fields.Url(required=True)
    report_csv = fields.Url(required=True)
    dataset_id = fields.UUID(required=True)
    status = fields.String(required=True)
    mode = fields.String(required=True)
    on_error = fields.String(required=True)
    file_name = fields.String(allow_none=True)
    format = fields.String(allow_none=True)
    encoding = fields.String(allow_none=True)
    rows_read = fields.Integer(required=True)
    rows_loaded = fields.Integer(required=True)
    rows_invalid = fields.Integer(required=True)
    version = fields.Integer(allow_none=True)
    message = fields.String(allow_none=True)
    problems = fields.List(fields.Nested(ImportProblemOut), required=True)
    started_at = fields.DateTime(required=True)
    finished_at = fields.DateTime(allow_none=True)


class ImportList(Schema):
    data = fields.List(fields.Nested(ImportOut), required=True)
    next = fields.String(allow_none=True, required=True)
