"""Datasets: list, show, create, replace, change, delete; review actions; history."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from flask import Response

from hub.api.auth import current_principal
from hub.api.listing import SortKey, page_body, paginate
from hub.api.v1 import bp, schemas
from hub.api.v1.cache import RenderCache
from hub.api.v1.common import (
    Rendered,
    encode,
    json_body,
    query_args,
    require_match,
    respond,
    respond_encoded,
    splice_items,
)
from hub.api.v1.render import audit_out, dataset_out, revision_out
from hub.api.v1.spec import PAGING, doc
from hub.datasets import service
from hub.datasets.models import Dataset
from hub.datasets.schemas import DatasetInput, OptionalReasonInput, ReasonInput, RevertInput
from hub.datasets.vocab import ACCESS_RIGHTS, CONTENT_TYPES, LICENCES, STATES, THEMES
from hub.db import get_db, get_session
from hub.errors import BadRequest, FieldError, NotFound
from hub.schemas import load

_NEWEST_FIRST = [
    SortKey(
        Dataset.metadata_modified,
        lambda d: d.metadata_modified.isoformat(),
        datetime.fromisoformat,
        descending=True,
    ),
    SortKey(Dataset.id, lambda d: str(d.id), uuid.UUID, descending=True),
]
_RENDERED = RenderCache()
_FILTERS = {
    "organization": None,
    "content_type": CONTENT_TYPES,
    "theme": THEMES,
    "state": STATES,
    "licence": LICENCES,
    "access_rights": ACCESS_RIGHTS,
}


def _filters(args: dict[str, str]) -> service.DatasetFilters:
    values: dict[str, object] = {}
    for name, table in _FILTERS.items():
        value = args.get(name)
        if value is not None and table is not None and value not in table:
            raise BadRequest(
                f"Bad parameter '{name}': unknown value.",
                errors=[FieldError(name, f"one of {', '.join(sorted(table))}")],
            )
        values[name] = value or None
    since = args.get("modified_since")
    if since is not None:
        try:
            parsed = datetime.fromisoformat(since)
        except ValueError:
            raise BadRequest(
                "Bad parameter 'modified_since': an ISO 8601 date or datetime.",
                errors=[FieldError("modified_since", "ISO 8601 date or datetime")],
            ) from None
        values["modified_since"] = parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    return service.DatasetFilters(**values)


@bp.get("/datasets")
@doc(
    tag="datasets",
    response=schemas.DatasetPage,
    query=(
        ("organization", "string", "Publisher: id, slug or agency code."),
        ("content_type", "string", "portal_content, legal_document, statistics, budget, ..."),
        ("theme", "string", "EU data theme code, e.g. ECON."),
        ("state", "string", "Review state (what you may see of it)."),
        ("licence", "string", "Licence id, e.g. CC-BY-4.0."),
        ("access_rights", "string", "PUBLIC, RESTRICTED or NON_PUBLIC."),
        ("modified_since", "string", "ISO 8601; datasets changed at or after it."),
        *PAGING,
    ),
    errors=(404,),
)
def list_datasets() -> Response:
    """List datasets, most recently changed first.
    Anonymous callers see published open data; members also see their organization's work."""
    args = query_args(set(_FILTERS) | {"modified_since"})
    session = get_session()
    try:
        query = service.dataset_query(session, current_principal(), _filters(args))
    except NotFound:
        raise BadRequest(
            "Bad parameter 'organization': no such organization.",
            errors=[FieldError("organization", "unknown organization")],
        ) from None
    # The keyset query reads only the columns that name each item's cached rendering;
    # full objects are loaded just for the items not rendered yet.
    light = query.with_only_columns(Dataset.id, Dataset.revision_number, Dataset.metadata_modified)
    page = paginate(session, light, _NEWEST_FIRST, args)
    bodies = {row.id: _RENDERED.get((row.id, row.revision_number)) for row in page.items}
    missing = [id_ for id_, body in bodies.items() if body is None]
    # By id: a dataset changed since the keyset query is served in its newer revision.
    for dataset in service.datasets_by_id(session, missing):
        bodies[dataset.id] = _rendered(dataset)
    envelope, headers = page_body(page, [])
    items = [body for body in bodies.values() if body is not None]
    return respond_encoded(splice_items(encode(envelope), items), headers=headers)


def _rendered(dataset: Dataset) -> Rendered:
    return _RENDERED.put((dataset.id, dataset.revision_number), encode(dataset_out(dataset)))


@bp.get("/datasets/<ref>")
@doc(tag="datasets", response=schemas.DatasetOut, errors=(404,))
def show_dataset(ref: str) -> Response:
    """Show a dataset with its distributions.
    ``ref`` is the id or the slug."""
    actor = current_principal()
    head = service.get_dataset_head(get_db().hot, actor, ref)
    rendered = _RENDERED.get_or_render(
        (head.id, head.revision_number),
        lambda: encode(dataset_out(service.get_dataset(get_session(), actor, head.id))),
    )
    return respond_encoded(rendered, last_modified=head.metadata_modified)


@bp.post("/datasets")
@doc(
    tag="datasets",
    body=DatasetInput,
    response=schemas.DatasetOut,
    status=201,
    auth=True,
    errors=(409, 415, 422),
)
def create_dataset() -> Response:
    """Create a dataset as a draft.
    Publishers create for their own organization; the slug is generated when absent."""
    dataset = service.create_dataset(get_session(), current_principal(), json_body())
    out = dataset_out(dataset)
    return respond(out, 201, headers={"Location": out["url"]})


def _update(ref: str, partial: bool) -> Response:
    session = get_session()
    actor = current_principal()
    data = json_body()
    require_match(lambda: dataset_out(service.get_dataset(session, actor, ref)))
    dataset = service.update_dataset(session, actor, ref, data, partial=partial)
    return respond(dataset_out(dataset))


_WRITE = dict(
    tag="datasets",
    body=DatasetInput,
    response=schemas.DatasetOut,
    auth=True,
    errors=(404, 409, 412, 415, 422),
)


@bp.put("/datasets/<ref>")
@doc(**_WRITE)
def replace_dataset(ref: str) -> Response:
    """Replace a dataset's metadata.
    Fields left out are cleared. Send If-Match with the ETag you read to avoid lost updates."""
    return _update(ref, partial=False)


@bp.patch("/datasets/<ref>")
@doc(**_WRITE)
def change_dataset(ref: str) -> Response:
    """Change some fields of a dataset.
    Only the fields sent change. Send If-Match with the ETag you read to avoid lost updates."""
    return _update(ref, partial=True)


@bp.delete("/datasets/<ref>")
@doc(tag="datasets", response=schemas.DatasetOut, auth=True, errors=(404, 409))
def delete_dataset(ref: str) -> Response:
    """Delete a dataset, leaving a tombstone.
    The row and slug stay; the change feed reports the deletion."""
    dataset = service.transition(get_session(), current_principal(), ref, "delete")
    return respond(dataset_out(dataset))


def _review(ref: str, action: str, schema: type) -> Response:
    data = load(schema(), json_body())
    dataset = service.transition(
        get_session(), current_principal(), ref, action, reason=data.get("reason")
    )
    return respond(dataset_out(dataset))


_REVIEW = dict(tag="review", response=schemas.DatasetOut, auth=True, errors=(404, 409, 415, 422))


@bp.post("/datasets/<ref>/submit")
@doc(body=OptionalReasonInput, **_REVIEW)
def submit_dataset(ref: str) -> Response:
    """Submit a draft for review.
    draft -> pending; by the dataset's organization."""
    return _review(ref, "submit", OptionalReasonInput)


@bp.post("/datasets/<ref>/approve")
@doc(body=OptionalReasonInput, **_REVIEW)
def approve_dataset(ref: str) -> Response:
    """Approve and publish.
    pending -> published; editors (Ban Biên tập) and administrators."""
    return _review(ref, "approve", OptionalReasonInput)


@bp.post("/datasets/<ref>/reject")
@doc(body=ReasonInput, **_REVIEW)
def reject_dataset(ref: str) -> Response:
    """Reject a submission, with a reason.
    pending -> rejected; editors and administrators."""
    return _review(ref, "reject", ReasonInput)


@bp.post("/datasets/<ref>/withdraw")
@doc(body=ReasonInput, **_REVIEW)
def withdraw_dataset(ref: str) -> Response:
    """Withdraw (gỡ bỏ) a published dataset, with a reason.
    published -> withdrawn; editors and administrators."""
    return _review(ref, "withdraw", ReasonInput)


@bp.post("/datasets/<ref>/reopen")
@doc(body=OptionalReasonInput, **_REVIEW)
def reopen_dataset(ref: str) -> Response:
    """Reopen a rejected or withdrawn dataset as a draft.
    rejected or withdrawn -> draft; by the dataset's organization."""
    return _review(ref, "reopen", OptionalReasonInput)


@bp.post("/datasets/<ref>/revert")
@doc(body=RevertInput, **_REVIEW)
def revert_dataset(ref: str) -> Response:
    """Revert a dataset to one of its revisions.
    Metadata and distributions come back as they were; the review state is kept."""
    data = load(RevertInput(), json_body())
    dataset = service.revert_dataset(
        get_session(), current_principal(), ref, data["revision"], reason=data.get("reason")
    )
    return respond(dataset_out(dataset))


@bp.get("/datasets/<ref>/revisions")
@doc(tag="review", response=schemas.RevisionList, errors=(404,))
def list_revisions(ref: str) -> Response:
    """The revisions of a dataset, oldest first.
    Each is a full snapshot with actor, action, reason and time."""
    items = service.revisions(get_session(), current_principal(), ref)
    return respond({"data": [revision_out(r) for r in items], "next": None})


@bp.get("/datasets/<ref>/audit")
@doc(tag="review", response=schemas.AuditList, auth=True, errors=(404,))
def audit_trail(ref: str) -> Response:
    """The audit trail of a dataset, oldest first.
    For members of its organization, editors and administrators."""
    items = service.audit_trail(get_session(), current_principal(), ref)
    return respond({"data": [audit_out(e) for e in items], "next": None})
