"""The review workflow (kiểm duyệt of the Ban Biên tập) as data: who may move what where.

draft --submit--> pending --approve--> published --withdraw--> withdrawn
                    |                                            |
                  reject --> rejected --reopen--> draft <--reopen-+
any state --delete--> deleted (a tombstone; the row is kept)
"""

from __future__ import annotations

from dataclasses import dataclass

from hub.auth.principal import OPEN_STATES, Principal
from hub.datasets.models import Dataset
from hub.errors import IllegalTransition, PermissionDenied


@dataclass(frozen=True)
class Transition:
    name: str
    sources: frozenset[str]
    target: str
    review_power: bool  # editors and admins only
    reason_required: bool


_LIVE = frozenset({"draft", "pending", "published", "rejected", "withdrawn"})

TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in (
        Transition("submit", frozenset({"draft"}), "pending", False, False),
        Transition("approve", frozenset({"pending"}), "published", True, False),
        Transition("reject", frozenset({"pending"}), "rejected", True, True),
        Transition("withdraw", frozenset({"published"}), "withdrawn", True, True),
        Transition("reopen", frozenset({"rejected", "withdrawn"}), "draft", False, False),
        Transition("delete", _LIVE, "deleted", False, False),
    )
}

# The actions that lead a new draft to each live state (demo data, test factories).
STEPS_TO: dict[str, tuple[str, ...]] = {
    "draft": (),
    "pending": ("submit",),
    "published": ("submit", "approve"),
    "rejected": ("submit", "reject"),
    "withdrawn": ("submit", "approve", "withdraw"),
}


def check(actor: Principal, dataset: Dataset, action: str) -> Transition:
    """Return the transition if ``actor`` may apply ``action`` to ``dataset`` now."""
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise IllegalTransition(f"Unknown action '{action}'.")
    org_id = dataset.organization_id
    if transition.review_power:
        allowed = actor.can_review(org_id)
    elif action == "delete":
        allowed = actor.can_review(org_id) or (
            actor.can_write(org_id) and dataset.state in OPEN_STATES
        )
    else:
        allowed = actor.can_write(org_id)
    if not allowed:
        raise PermissionDenied(
            f"Your role ({actor.role}) may not {action} dataset '{dataset.slug}' "
            f"in state {dataset.state}."
        )
    if dataset.state not in transition.sources:
        raise IllegalTransition(
            f"Cannot {action} dataset '{dataset.slug}': it is {dataset.state}; "
            f"{action} applies to {', '.join(sorted(transition.sources))}."
        )
    return transition
