"""API tokens: shown once, stored hashed, scoped, revocable, expiring."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, text, update

from hub.auth import service as tokens
from hub.auth.models import ApiToken, Membership, User
from hub.db import utcnow
from hub.errors import NotFound, Unauthenticated, ValidationFailed
from tests.factories import OrganizationFactory


@pytest.fixture
def orgs(session):
    top = OrganizationFactory(session=session, slug="tinh")
    child = OrganizationFactory(session=session, slug="so", parent="tinh")
    return top, child


def test_secret_is_shown_once_and_stored_only_as_a_hash(session, admin, orgs):
    issued = tokens.create_token(session, admin, role="publisher", organization="so", name="Cổng")
    assert issued.secret.startswith("hub_") and len(issued.secret) > 40
    rows = session.execute(text("SELECT * FROM api_token")).mappings().all()
    assert len(rows) == 1
    assert issued.secret not in " ".join(str(v) for v in rows[0].values())
    assert rows[0]["token_hash"] == tokens.hash_secret(issued.secret)
    listed = tokens.list_tokens(session, admin)
    assert not hasattr(listed[0], "secret")


def test_authenticate_gives_the_scoped_principal(session, admin, orgs):
    top, child = orgs
    editor = tokens.create_token(session, admin, role="editor", organization="tinh")
    publisher = tokens.create_token(session, admin, role="publisher", organization="tinh")
    who = tokens.authenticate(session, editor.secret)
    assert who.role == "editor" and who.scope == frozenset({top.id, child.id})
    assert tokens.authenticate(session, publisher.secret).scope == frozenset({top.id})
    root = tokens.create_token(session, admin, role="admin")
    assert tokens.authenticate(session, root.secret).is_admin
    stored = session.get(ApiToken, editor.token.id)
    assert stored.last_used_at is not None


@pytest.mark.parametrize(
    "secret", [None, "", "hub_wrong", "Bearer hub_x", "x" * 10_000, "hub_" + "a" * 10_000]
)
def test_bad_secrets_are_refused(session, admin, orgs, secret):
    tokens.create_token(session, admin, role="publisher", organization="so")
    with pytest.raises(Unauthenticated):
        tokens.authenticate(session, secret)


def test_revoked_and_expired_tokens_are_refused(session, admin, orgs):
    revoked = tokens.create_token(session, admin, role="publisher", organization="so")
    tokens.revoke_token(session, admin, str(revoked.token.id))
    with pytest.raises(Unauthenticated, match="revoked"):
        tokens.authenticate(session, revoked.secret)
    expiring = tokens.create_token(
        session, admin, role="publisher", organization="so", expires_at=utcnow() + timedelta(days=1)
    )
    assert tokens.authenticate(session, expiring.secret).role == "publisher"
    session.execute(
        update(ApiToken)
        .where(ApiToken.id == expiring.token.id)
        .values(expires_at=utcnow() - timedelta(seconds=1))
    )
    session.commit()
    with pytest.raises(Unauthenticated, match="expired"):
        tokens.authenticate(session, expiring.secret)


@pytest.mark.parametrize(
    "kwargs, field",
    [
        ({"role": "publisher"}, "organization"),
        ({"role": "owner", "organization": "so"}, "role"),
        (
            {"role": "editor", "organization": "so", "expires_at": utcnow() - timedelta(days=1)},
            "expires_at",
        ),
        ({"role": "editor", "organization": "so", "user_name": "Tên Có Dấu"}, "user"),
    ],
)
def test_invalid_token_requests(session, admin, orgs, kwargs, field):
    with pytest.raises(ValidationFailed) as error:
        tokens.create_token(session, admin, **kwargs)
    assert error.value.errors[0].field == field
    assert session.scalars(select(ApiToken)).all() == []


def test_user_and_membership_are_created(session, admin, orgs):
    tokens.create_token(session, admin, role="publisher", organization="so", user_name="can-bo-a")
    tokens.create_token(session, admin, role="publisher", organization="so", user_name="can-bo-a")
    user = session.scalars(select(User)).one()
    assert user.name == "can-bo-a"
    membership = session.scalars(select(Membership)).one()
    assert (membership.role, membership.organization_id) == ("publisher", orgs[1].id)


def test_revoke_by_prefix_and_unknown(session, admin, orgs):
    issued = tokens.create_token(session, admin, role="publisher", organization="so")
    assert tokens.revoke_token(session, admin, issued.secret[:12]).revoked_at is not None
    with pytest.raises(NotFound):
        tokens.revoke_token(session, admin, "hub_nothing")
