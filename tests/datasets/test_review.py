"""The review workflow: every legal transition, every illegal one, reasons, audit."""

from __future__ import annotations

import pytest

from hub.datasets import service
from hub.datasets.workflow import TRANSITIONS
from hub.errors import IllegalTransition, ValidationFailed
from tests.datasets.helpers import footprint
from tests.factories import DatasetFactory

REASON = "Số liệu chưa đầy đủ, cần bổ sung"
LIVE = ("draft", "pending", "published", "rejected", "withdrawn")
LEGAL = [
    ("draft", "submit", "pending"),
    ("pending", "approve", "published"),
    ("pending", "reject", "rejected"),
    ("published", "withdraw", "withdrawn"),
    ("rejected", "reopen", "draft"),
    ("withdrawn", "reopen", "draft"),
    *[(state, "delete", "deleted") for state in LIVE],
]
ILLEGAL = [
    (state, action)
    for state in (*LIVE, "deleted")
    for action in TRANSITIONS
    if (state, action) not in {(s, a) for s, a, _ in LEGAL}
]


def _reason(action):
    return REASON if TRANSITIONS[action].reason_required else None


def test_the_table_covers_every_transition():
    assert {(s, a) for s, a, _ in LEGAL} == {
        (s, t.name) for t in TRANSITIONS.values() for s in t.sources
    }


@pytest.mark.parametrize("state, action, target", LEGAL)
def test_legal_transition(session, admin, state, action, target):
    dataset = DatasetFactory(session=session, state=state)
    revision_before = dataset.revision_number
    result = service.transition(session, admin, dataset.id, action, reason=_reason(action))
    assert result.state == target
    assert result.revision_number == revision_before + 1
    if target in {"rejected", "withdrawn"}:
        assert result.state_reason == REASON
    elif target != "deleted":
        assert result.state_reason is None
    trail = service.audit_trail(session, admin, dataset.id)
    last = trail[-1]
    assert (last.action, last.actor, last.reason) == (action, admin.label, _reason(action))
    assert last.details["from"] == state and last.details["state"] == target
    revisions = service.revisions(session, admin, dataset.id)
    assert revisions[-1].number == result.revision_number
    assert revisions[-1].action == action
    assert revisions[-1].snapshot["state"] == target


@pytest.mark.parametrize("state, action", ILLEGAL)
def test_illegal_transition_writes_nothing(session, admin, state, action):
    dataset = DatasetFactory(session=session, state="published" if state == "deleted" else state)
    if state == "deleted":
        dataset = service.transition(session, admin, dataset.id, "delete")
    before = footprint(session)
    with pytest.raises(IllegalTransition):
        service.transition(session, admin, dataset.id, action, reason=REASON)
    assert footprint(session) == before
    assert service.get_dataset(session, admin, dataset.id).state == state


def test_unknown_action(session, admin):
    dataset = DatasetFactory(session=session)
    with pytest.raises(IllegalTransition):
        service.transition(session, admin, dataset.id, "publish-now")


@pytest.mark.parametrize("action, state", [("reject", "pending"), ("withdraw", "published")])
@pytest.mark.parametrize("reason", [None, "", "  ", "ok"])
def test_reason_is_required(session, admin, action, state, reason):
    dataset = DatasetFactory(session=session, state=state)
    before = footprint(session)
    with pytest.raises(ValidationFailed) as error:
        service.transition(session, admin, dataset.id, action, reason=reason)
    assert error.value.errors[0].field == "reason"
    assert footprint(session) == before
    assert service.get_dataset(session, admin, dataset.id).state == state


def test_issued_is_set_once_at_first_publication(session, admin):
    dataset = DatasetFactory(session=session, state="published")
    issued = dataset.issued
    assert issued is not None
    for action in ("withdraw", "reopen", "submit", "approve"):
        service.transition(session, admin, dataset.id, action, reason=_reason(action))
    assert service.get_dataset(session, admin, dataset.id).issued == issued


def test_tombstone_keeps_the_row_and_the_slug(session, admin):
    dataset = DatasetFactory(session=session, state="published", slug="bo-du-lieu-cu")
    service.transition(session, admin, dataset.id, "delete", reason="Trùng lặp với bộ khác")
    tombstone = service.find_dataset(session, "bo-du-lieu-cu")
    assert tombstone.state == "deleted" and tombstone.state_reason == "Trùng lặp với bộ khác"
    with pytest.raises(Exception) as error:
        DatasetFactory(session=session, slug="bo-du-lieu-cu")
    assert type(error.value).__name__ == "DuplicateSlug"


def test_full_history_in_order(session, admin):
    dataset = DatasetFactory(session=session)
    service.update_dataset(session, admin, dataset.id, {"title_en": "Population"})
    for action in ("submit", "reject", "reopen", "submit", "approve", "withdraw"):
        service.transition(session, admin, dataset.id, action, reason=_reason(action))
    trail = service.audit_trail(session, admin, dataset.id)
    assert [e.action for e in trail] == [
        "create",
        "update",
        "submit",
        "reject",
        "reopen",
        "submit",
        "approve",
        "withdraw",
    ]
    assert [r.number for r in service.revisions(session, admin, dataset.id)] == list(range(1, 9))
