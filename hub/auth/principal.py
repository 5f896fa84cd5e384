"""The acting principal and the permission rules every service checks.

A principal is resolved once (from a token, or the CLI operator) and passed to
services explicitly. Roles apply within an organization scope: an editor's
scope is its organization and all descendants (the province's editorial board
covers every site); a publisher's or harvester's scope is its own organization.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from hub.errors import PermissionDenied

WRITER_ROLES = frozenset({"admin", "editor", "publisher", "harvester"})
# States a publisher or harvester may still edit; pending and published belong to review.
OPEN_STATES = frozenset({"draft", "rejected", "withdrawn"})


@dataclass(frozen=True)
class Principal:
    label: str
    role: str
    organization_id: uuid.UUID | None = None
    scope: frozenset[uuid.UUID] = field(default_factory=frozenset)
    token_id: uuid.UUID | None = None
    user_id: uuid.UUID | None = None

    @classmethod
    def anonymous(cls) -> Principal:
        return cls(label="anonymous", role="anonymous")

    @classmethod
    def system(cls, label: str = "system") -> Principal:
        """The operator at the console (CLI, demo loader): full rights, audited by label."""
        return cls(label=label, role="admin")

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def is_authenticated(self) -> bool:
        return self.role != "anonymous"

    def in_scope(self, organization_id: uuid.UUID) -> bool:
        return self.is_admin or organization_id in self.scope

    def can_review(self, organization_id: uuid.UUID) -> bool:
        """Approve, reject and withdraw: the editorial board's powers."""
        return self.is_admin or (self.role == "editor" and organization_id in self.scope)

    def can_write(self, organization_id: uuid.UUID) -> bool:
        return self.role in WRITER_ROLES and self.in_scope(organization_id)

    def can_edit_state(self, organization_id: uuid.UUID, state: str) -> bool:
        if state == "deleted":
            return False
        if self.can_review(organization_id):
            return True
        return self.can_write(organization_id) and state in OPEN_STATES

    def can_see(self, organization_id: uuid.UUID, state: str, access_rights: str) -> bool:
        if state == "published" and access_rights == "PUBLIC":
            return True
        if state == "deleted":
            return self.can_review(organization_id)
        return self.in_scope(organization_id) and self.is_authenticated

    def require(self, allowed: bool, detail: str) -> None:
        if not allowed:
            raise PermissionDenied(detail)

    def require_admin(self) -> None:
        self.require(self.is_admin, "Only an administrator may do this.")
