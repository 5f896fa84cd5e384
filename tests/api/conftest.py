from __future__ import annotations

import pytest

from hub.auth import service as tokens
from hub.auth.principal import Principal


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def token(session):
    """Issue a real token: ``token("publisher", org)`` -> Authorization headers."""

    def issue(role: str, organization=None) -> dict[str, str]:
        org = getattr(organization, "slug", organization)
        issued = tokens.create_token(session, Principal.system("test"), role=role, organization=org)
        return {"Authorization": f"Bearer {issued.secret}"}

    return issue
