"""API tokens (administrators): create (secret shown once), list, revoke."""

from __future__ import annotations

from flask import Response

from hub.api.auth import current_principal
from hub.api.v1 import bp, schemas
from hub.api.v1.common import json_body, query_args, respond
from hub.api.v1.render import token_out
from hub.api.v1.spec import doc
from hub.auth import service
from hub.auth.schemas import TokenInput
from hub.db import get_session
from hub.schemas import load


@bp.post("/tokens")
@doc(
    tag="tokens",
    body=TokenInput,
    response=schemas.TokenOut,
    status=201,
    auth=True,
    errors=(404, 415, 422),
)
def create_token() -> Response:
    """Create an API token (administrators).
    The response carries the secret once; only its SHA-256 is kept."""
    data = load(TokenInput(), json_body())
    issued = service.create_token(
        get_session(),
        current_principal(),
        role=data["role"],
        organization=data.get("organization"),
        user_name=data.get("user"),
        name=data.get("name"),
        expires_at=data.get("expires_at"),
    )
    body = token_out(issued.token) | {"secret": issued.secret}
    response = respond(body, 201)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/tokens")
@doc(
    tag="tokens",
    response=schemas.TokenList,
    auth=True,
    query=(("organization", "string", "Only the tokens of this organization."),),
    errors=(404,),
)
def list_tokens() -> Response:
    """List API tokens (administrators).
    Secrets are never shown again; the prefix identifies a token."""
    args = query_args({"organization"})
    items = service.list_tokens(
        get_session(), current_principal(), organization=args.get("organization")
    )
    return respond({"data": [token_out(t) for t in items], "next": None})


@bp.delete("/tokens/<token_id>")
@doc(tag="tokens", response=schemas.TokenOut, auth=True, errors=(404,))
def revoke_token(token_id: str) -> Response:
    """Revoke an API token (administrators).
    By id or by its prefix; a revoked token is refused from then on."""
    token = service.revoke_token(get_session(), current_principal(), token_id)
    return respond(token_out(token))
