"""Organizations: list, show, create, update, merge."""

from __future__ import annotations

from flask import Response
from sqlalchemy import select

from hub.api.auth import current_principal
from hub.api.listing import SortKey, page_body, paginate, parse_flag
from hub.api.v1 import bp, schemas
from hub.api.v1.common import json_body, query_args, require_match, respond
from hub.api.v1.render import organization_out
from hub.api.v1.spec import PAGING, doc
from hub.datasets import organizations as service
from hub.datasets.models import Organization
from hub.datasets.schemas import MergeInput, OrganizationInput
from hub.db import get_session
from hub.schemas import load

_BY_SLUG = [SortKey(Organization.slug, lambda o: o.slug, str)]


@bp.get("/organizations")
@doc(
    tag="organizations",
    response=schemas.OrganizationPage,
    query=(
        ("include_merged", "boolean", "Also list organizations merged into others."),
        *PAGING,
    ),
)
def list_organizations() -> Response:
    """List organizations.
    Ordered by slug; merged organizations are hidden unless include_merged=true."""
    args = query_args({"include_merged"})
    query = select(Organization)
    if not parse_flag(args, "include_merged"):
        query = query.where(Organization.successor_id.is_(None))
    page = paginate(get_session(), query, _BY_SLUG, args)
    body, headers = page_body(page, [organization_out(o) for o in page.items])
    return respond(body, headers=headers)


@bp.get("/organizations/<ref>")
@doc(tag="organizations", response=schemas.OrganizationOut, errors=(404,))
def show_organization(ref: str) -> Response:
    """Show an organization.
    ``ref`` is an id, slug or agency code; a merged organization resolves to its successor."""
    org = service.get_organization(get_session(), ref)
    return respond(organization_out(org), last_modified=org.modified_at)


@bp.post("/organizations")
@doc(
    tag="organizations",
    body=OrganizationInput,
    response=schemas.OrganizationOut,
    status=201,
    auth=True,
    errors=(409, 415, 422),
)
def create_organization() -> Response:
    """Create an organization (administrators).
    The agency code follows QĐ 20/2020/QĐ-TTg, e.g. 000.00.21.H49."""
    org = service.create_organization(get_session(), current_principal(), json_body())
    out = organization_out(org)
    return respond(out, 201, headers={"Location": out["url"]})


@bp.patch("/organizations/<ref>")
@doc(
    tag="organizations",
    body=OrganizationInput,
    response=schemas.OrganizationOut,
    auth=True,
    errors=(404, 409, 412, 415, 422),
)
def update_organization(ref: str) -> Response:
    """Change some fields of an organization (administrators).
    Send If-Match with the ETag you read to refuse a lost update."""
    session = get_session()
    data = json_body()
    require_match(lambda: organization_out(service.get_organization(session, ref)))
    org = service.update_organization(session, current_principal(), ref, data)
    return respond(organization_out(org))


@bp.post("/organizations/<ref>/merge")
@doc(
    tag="organizations",
    body=MergeInput,
    response=schemas.OrganizationOut,
    auth=True,
    errors=(404, 409, 415, 422),
)
def merge_organization(ref: str) -> Response:
    """Merge an organization into another (administrators).
    Its datasets, sub-organizations, members and tokens move; its slug and code keep resolving."""
    data = load(MergeInput(), json_body())
    org = service.merge_organization(
        get_session(), current_principal(), ref, data["into"], reason=data.get("reason")
    )
    return respond(organization_out(org))
