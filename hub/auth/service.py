"""Token service: create (secret shown once), authenticate, list and revoke API tokens."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from hub import audit
from hub.auth.models import ApiToken, Membership, User
from hub.auth.principal import Principal
from hub.datasets import vocab
from hub.datasets.organizations import descendant_ids, get_organization
from hub.db import atomic, utcnow
from hub.errors import FieldError, NotFound, Unauthenticated, ValidationFailed
from hub.text import clean_ref, is_valid_slug

TOKEN_PREFIX = "hub_"  # noqa: S105 (a public marker, not a secret)
# last_used_at is refreshed at most this often, so reads do not turn into writes.
LAST_USED_RESOLUTION = timedelta(minutes=5)


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str  # shown once, never stored


def hash_secret(secret: str) -> str:
    # Tokens carry 256 random bits, so a fast hash is enough (no password stretching).
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _invalid(field: str, message: str) -> ValidationFailed:
    return ValidationFailed("Input is not valid.", errors=[FieldError(field, message)])


@atomic
def create_token(
    session: Session,
    actor: Principal,
    *,
    role: str,
    organization: str | None = None,
    user_name: str | None = None,
    name: str | None = None,
    expires_at: datetime | None = None,
) -> IssuedToken:
    actor.require_admin()
    if role not in vocab.ROLES:
        raise _invalid("role", f"Must be one of: {', '.join(vocab.ROLES)}.")
    if role != "admin" and not organization:
        raise _invalid("organization", f"A {role} token needs an organization.")
    if expires_at is not None and expires_at <= utcnow():
        raise _invalid("expires_at", "Must be in the future.")
    org = get_organization(session, organization) if organization else None
    user = _ensure_user(session, user_name, role, org.id if org else None) if user_name else None
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        id=uuid.uuid4(),
        token_hash=hash_secret(secret),
        prefix=secret[:12],
        name=name,
        role=role,
        organization_id=org.id if org else None,
        user_id=user.id if user else None,
        expires_at=expires_at,
    )
    session.add(token)
    audit.record(
        session,
        actor,
        "create-token",
        "api_token",
        token.id,
        details={"role": role, "organization": org.slug if org else None},
    )
    return IssuedToken(token, secret)


def _ensure_user(session: Session, name: str, role: str, org_id: uuid.UUID | None) -> User:
    if not is_valid_slug(name):
        raise _invalid("user", "User names use a-z, 0-9, '-' and '_' (2-100 characters).")
    user = session.scalars(select(User).where(User.name == name)).first()
    if user is None:
        user = User(id=uuid.uuid4(), name=name)
        session.add(user)
    if role == "admin":
        user.is_admin = True
    elif not any(m.organization_id == org_id and m.role == role for m in user.memberships):
        user.memberships.append(Membership(organization_id=org_id, role=role))
    return user


def authenticate(session: Session, secret: str | None) -> Principal:
    """Resolve a presented token to a principal, or raise Unauthenticated."""
    if not secret or not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        raise Unauthenticated("Missing or malformed API token.")
    token = session.scalars(
        select(ApiToken).where(ApiToken.token_hash == hash_secret(secret))
    ).first()
    now = utcnow()
    if token is None or token.revoked_at is not None:
        raise Unauthenticated("Unknown or revoked API token.")
    if token.expires_at is not None and token.expires_at <= now:
        raise Unauthenticated("This API token has expired.")
    if token.user is not None and not token.user.active:
        raise Unauthenticated("The user of this API token is disabled.")
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        token.last_used_at = now
        session.commit()
    return principal_for(session, token)


def principal_for(session: Session, token: ApiToken) -> Principal:
    scope: frozenset[uuid.UUID] = frozenset()
    if token.organization_id is not None:
        org_id = get_organization(session, token.organization_id).id
        scope = (
            frozenset(descendant_ids(session, org_id))
            if token.role == "editor"
            else frozenset({org_id})
        )
    owner = token.user.name if token.user else token.prefix
    return Principal(
        label=f"{token.role}:{owner}",
        role=token.role,
        organization_id=token.organization_id,
        scope=scope,
        token_id=token.id,
        user_id=token.user_id,
    )


def list_tokens(
    session: Session, actor: Principal, *, organization: str | None = None
) -> list[ApiToken]:
    actor.require_admin()
    query = select(ApiToken).order_by(ApiToken.created_at, ApiToken.id)
    if organization:
        query = query.where(ApiToken.organization_id == get_organization(session, organization).id)
    return list(session.scalars(query))


@atomic
def revoke_token(session: Session, actor: Principal, ref: str) -> ApiToken:
    """Revoke by token id or by its displayed prefix."""
    actor.require_admin()
    token = None
    key = clean_ref(ref)
    if key is not None:
        try:
            token = session.get(ApiToken, uuid.UUID(key))
        except ValueError:
            matches = list(session.scalars(select(ApiToken).where(ApiToken.prefix == key)))
            token = matches[0] if len(matches) == 1 else None
    if token is None:
        raise NotFound(f"Token '{ref}' does not exist.")
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        audit.record(session, actor, "revoke-token", "api_token", token.id)
    return token
