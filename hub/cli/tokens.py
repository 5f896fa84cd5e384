"""``hub token create|list|revoke``."""

from __future__ import annotations

from datetime import timedelta

import click
from flask.cli import with_appcontext

from hub.auth import service as tokens
from hub.cli.common import operator
from hub.datasets.vocab import ROLES
from hub.db import get_session, utcnow


@click.group()
def token() -> None:
    """API tokens: create (shown once), list, revoke."""


@token.command("create")
@click.option("--org", "organization", default=None, help="Organization the token acts for.")
@click.option("--role", type=click.Choice(list(ROLES)), required=True)
@click.option("--user", "user_name", default=None, help="User the token belongs to (created).")
@click.option("--name", default=None, help="A label to recognise the token by.")
@click.option("--expires-days", type=click.IntRange(1, 3650), default=None)
@with_appcontext
def token_create(
    organization: str | None,
    role: str,
    user_name: str | None,
    name: str | None,
    expires_days: int | None,
) -> None:
    """Create a token; the secret is printed alone on the last line, once."""
    expires = utcnow() + timedelta(days=expires_days) if expires_days else None
    issued = tokens.create_token(
        get_session(),
        operator(),
        role=role,
        organization=organization,
        user_name=user_name,
        name=name,
        expires_at=expires,
    )
    scope = issued.token.organization.slug if issued.token.organization else "all"
    click.echo(
        f"Token {issued.token.id} ({issued.token.prefix}...) role={role} org={scope}", err=True
    )
    click.echo("Store it now: it cannot be shown again.", err=True)
    click.echo(issued.secret)


@token.command("list")
@click.option("--org", "organization", default=None)
@with_appcontext
def token_list(organization: str | None) -> None:
    """List tokens: id, prefix, role, organization, status (never the secret)."""
    now = utcnow()
    for item in tokens.list_tokens(get_session(), operator(), organization=organization):
        if item.revoked_at:
            status = "revoked"
        elif item.expires_at and item.expires_at <= now:
            status = "expired"
        else:
            status = "active"
        org_slug = item.organization.slug if item.organization else "-"
        user = item.user.name if item.user else "-"
        click.echo(f"{item.id}\t{item.prefix}\t{item.role}\t{org_slug}\t{user}\t{status}")


@token.command("revoke")
@click.argument("ref")
@with_appcontext
def token_revoke(ref: str) -> None:
    """Revoke a token by id or prefix."""
    revoked = tokens.revoke_token(get_session(), operator(), ref)
    click.echo(f"Revoked {revoked.id}")
