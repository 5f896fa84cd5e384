"""Response shapes of the legal-document and portal-content endpoints (OpenAPI)."""

from __future__ import annotations

from marshmallow import RAISE, Schema, fields, validate

from hub.schemas import OptionalText


class _Labels(Schema):
    vi = fields.String(required=True)
    en = fields.String(required=True)


class _Ref(Schema):
    id = fields.String(required=True)
    name = fields.String(required=True)


class LegalFileOut(Schema):
    role = fields.String(required=True, metadata={"enum": ["original", "text"]})
    url = fields.String(required=True)
    media_type = fields.String(allow_none=True)
    file_name = fields.String(allow_none=True)
    size = fields.Integer(allow_none=True)
    uploaded = fields.Boolean(required=True)


class LegalRelationOut(Schema):
    kind = fields.String(required=True)
    label = fields.String(required=True)
    number = fields.String(allow_none=True)
    target_key = fields.String(required=True)
    target_id = fields.String(allow_none=True)
    target_url = fields.String(allow_none=True)


class LegalDocumentOut(Schema):
    id = fields.String(required=True)
    url = fields.String(required=True)
    eli = fields.String(required=True)
    number = fields.String(required=True)
    key = fields.String(required=True)
    doc_type = fields.String(allow_none=True)
    doc_type_label = fields.Nested(_Labels, allow_none=True)
    issuer = fields.String(allow_none=True)
    issuer_code = fields.String(allow_none=True)
    signer = fields.String(allow_none=True)
    issued = fields.String(required=True)
    effective = fields.String(allow_none=True)
    expired = fields.String(allow_none=True)
    status = fields.String(required=True)
    status_label = fields.Nested(_Labels, required=True)
    abstract = fields.String(required=True)
    abstract_en = fields.String(allow_none=True)
    sector = fields.String(allow_none=True)
    gazette_number = fields.String(allow_none=True)
    gazette_date = fields.String(allow_none=True)
    files = fields.List(fields.Nested(LegalFileOut), required=True)
    relations = fields.List(fields.Nested(LegalRelationOut), required=True)
    dataset = fields.Nested(_Ref, required=True)
    organization = fields.Nested(_Ref, required=True)
    updated_at = fields.String(required=True)


class LegalDocumentPage(Schema):
    data = fields.List(fields.Nested(LegalDocumentOut), required=True)
    next = fields.String(allow_none=True, required=True)
    count = fields.Integer()


class _GraphNode(Schema):
    id = fields.String(required=True)
    number = fields.String(allow_none=True)
    abstract = fields.String(allow_none=True)
    status = fields.String(allow_none=True)
    issued = fields.String(allow_none=True)
    resolved = fields.Boolean(required=True)


class _GraphEdge(Schema):
    source = fields.String(required=True)
    target = fields.String(required=True)
    kind = fields.String(required=True)
    label = fields.String(required=True)


class RelationGraphOut(Schema):
    document = fields.String(required=True)
    depth = fields.Integer(required=True)
    nodes = fields.List(fields.Nested(_GraphNode), required=True)
    edges = fields.List(fields.Nested(_GraphEdge), required=True)
    kinds = fields.List(fields.String(), required=True)


class ReviewFlagOut(Schema):
    id = fields.String(required=True)
    subject_type = fields.String(required=True)
    subject_id = fields.String(required=True)
    subject_label = fields.String(required=True)
    subject_url = fields.String(required=True)
    dataset_id = fields.String(required=True)
    organization_id = fields.String(required=True)
    cause_number = fields.String(required=True)
    cause_url = fields.String(allow_none=True)
    reason = fields.String(required=True)
    message = fields.Nested(_Labels, required=True)
    created_at = fields.String(required=True)
    resolved_at = fields.String(allow_none=True)
    resolved_by = fields.String(allow_none=True)
    resolution = fields.String(allow_none=True)


class ReviewFlagPage(Schema):
    data = fields.List(fields.Nested(ReviewFlagOut), required=True)
    next = fields.String(allow_none=True, required=True)
    count = fields.Integer()


class ResolveInput(Schema):
    class Meta:
        unknown = RAISE

    note = OptionalText(
        validate=validate.Length(max=5000), metadata={"description": "What was done about it."}
    )


class EnglishGapOut(Schema):
    organization = fields.Nested(_Ref, required=True)
    url = fields.String(required=True)
    title_en = fields.String(allow_none=True)
    missing = fields.List(fields.String(), required=True)
    details = fields.Dict(required=True)


class EnglishCoverageOut(Schema):
    checked = fields.Integer(required=True)
    complete = fields.Integer(required=True)
    data = fields.List(fields.Nested(EnglishGapOut), required=True)
