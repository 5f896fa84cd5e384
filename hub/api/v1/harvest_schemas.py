"""Response shapes of the harvest endpoints (OpenAPI)."""

from __future__ import annotations

from marshmallow import Schema, fields


class _Links(Schema):
    self = fields.Url(required=True)
    jobs = fields.Url()
    ping = fields.Url()
    items = fields.Url()


class HarvestSourceOut(Schema):
    id = fields.UUID(required=True)
    name = fields.String(required=True)
    title = fields.String(allow_none=True)
    type = fields.String(required=True)
    url = fields.String(required=True)
    organization_id = fields.UUID(required=True)
    config = fields.Dict(required=True)
    schedule = fields.String(required=True)
    auto_publish = fields.Boolean(required=True)
    active = fields.Boolean(required=True)
    grace_days = fields.Integer(required=True)
    requested_at = fields.DateTime(allow_none=True)
    links = fields.Nested(_Links, required=True)


class SourceCreated(HarvestSourceOut):
    token = fields.String(
        required=True, metadata={"description": "the component site's token, shown once"}
    )


class HarvestSourceList(Schema):
    data = fields.List(fields.Nested(HarvestSourceOut), required=True)
    next = fields.String(allow_none=True)


class _Counts(Schema):
    gathered = fields.Integer(required=True)
    created = fields.Integer(required=True)
    updated = fields.Integer(required=True)
    unchanged = fields.Integer(required=True)
    deleted = fields.Integer(required=True)
    failed = fields.Integer(required=True)


class HarvestSummaryText(Schema):
    vi = fields.String(required=True)
    en = fields.String(required=True)


class _Failure(Schema):
    remote_id = fields.String(required=True)
    title = fields.String(allow_none=True)
    error = fields.String(allow_none=True)


class _Report(Schema):
    job = fields.String(required=True)
    source = fields.String(required=True)
    status = fields.String(required=True)
    summary = fields.Nested(HarvestSummaryText, required=True)
    notes = fields.String(allow_none=True)
    failures = fields.List(fields.Nested(_Failure), required=True)
    more_failures = fields.Integer(required=True)


class HarvestJobOut(Schema):
    id = fields.UUID(required=True)
    source_id = fields.UUID(required=True)
    status = fields.String(
        required=True, metadata={"enum": ["running", "succeeded", "partial", "failed"]}
    )
    dry_run = fields.Boolean(required=True)
    started_at = fields.DateTime(required=True)
    finished_at = fields.DateTime(allow_none=True)
    gather_complete = fields.Boolean(required=True)
    since = fields.DateTime(allow_none=True)
    counts = fields.Nested(_Counts, required=True)
    error = fields.String(allow_none=True)
    links = fields.Nested(_Links, required=True)
    report = fields.Nested(_Report)
    approved = fields.Integer()


class HarvestJobList(Schema):
    data = fields.List(fields.Nested(HarvestJobOut), required=True)
    next = fields.String(allow_none=True)


class HarvestItemOut(Schema):
    remote_id = fields.String(required=True)
    action = fields.String(
        required=True,
        metadata={"enum": ["created", "updated", "unchanged", "deleted", "failed"]},
    )
    dataset_id = fields.UUID(allow_none=True)
    title = fields.String(allow_none=True)
    error = fields.String(allow_none=True)


class HarvestItemList(Schema):
    data = fields.List(fields.Nested(HarvestItemOut), required=True)
    next = fields.String(allow_none=True)


class _SourceSummary(Schema):
    source = fields.String(required=True)
    jobs = fields.Integer(required=True)
    by_status = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True)
    created = fields.Integer(required=True)
    updated = fields.Integer(required=True)
    deleted = fields.Integer(required=True)
    failed_items = fields.Integer(required=True)
    last_success = fields.DateTime(allow_none=True)


HarvestSummaryOut = Schema.from_dict(
    {
        "from": fields.DateTime(required=True),
        "to": fields.DateTime(required=True),
        "sources": fields.List(fields.Nested(_SourceSummary), required=True),
    },
    name="HarvestSummaryOut",
)
