"""Every permission denial writes nothing; scopes and visibility follow the roles."""

from __future__ import annotations

import io

import pytest

from hub.auth import service as tokens
from hub.auth.principal import Principal
from hub.datasets import distributions, organizations, service
from hub.errors import NotFound, PermissionDenied
from tests.datasets.helpers import footprint
from tests.factories import DatasetFactory, OrganizationFactory, principal

REASON = "Lý do kiểm thử"


@pytest.fixture
def tree(session):
    """A province with two departments; the first has a sub-unit."""
    province = OrganizationFactory(session=session, slug="tinh", kind="province")
    dept = OrganizationFactory(session=session, slug="so-a", parent="tinh")
    sub = OrganizationFactory(session=session, slug="chi-cuc-a", parent="so-a")
    other = OrganizationFactory(session=session, slug="so-b", parent="tinh")
    return {"province": province, "dept": dept, "sub": sub, "other": other}


def _denied(session, call, error=PermissionDenied):
    before = footprint(session)
    with pytest.raises(error):
        call()
    assert footprint(session) == before


def _new(org):
    return {"organization": org.slug, "content_type": "statistics", "title_vi": "Bộ mới"}


@pytest.mark.parametrize("role", ["publisher", "harvester"])
def test_writer_may_not_create_for_another_organization(session, tree, role):
    actor = principal(session, role, tree["dept"])
    _denied(session, lambda: service.create_dataset(session, actor, _new(tree["other"])))
    _denied(session, lambda: service.create_dataset(session, actor, _new(tree["sub"])))
    assert service.create_dataset(session, actor, _new(tree["dept"])).state == "draft"


@pytest.mark.parametrize("role", ["publisher", "harvester"])
def test_writer_cannot_touch_another_organizations_dataset(session, tree, role, file_store):
    actor = principal(session, role, tree["dept"])
    draft = DatasetFactory(session=session, organization=tree["other"])
    hidden = [
        lambda: service.update_dataset(session, actor, draft.id, {"title_en": "x"}),
        lambda: service.transition(session, actor, draft.id, "submit"),
        lambda: service.transition(session, actor, draft.id, "delete"),
        lambda: distributions.add_link(
            session, actor, draft.id, {"title_vi": "x", "url": "https://x.vn"}
        ),
    ]
    for call in hidden:  # a draft of another organization is not even visible
        _denied(session, call, NotFound)
    published = DatasetFactory(session=session, organization=tree["other"], state="published")
    link = distributions.add_link(
        session, Principal.system(), published.id, {"title_vi": "A", "url": "https://a.vn"}
    )
    visible = [
        lambda: service.update_dataset(session, actor, published.id, {"title_en": "x"}),
        lambda: service.transition(session, actor, published.id, "withdraw", reason=REASON),
        lambda: service.transition(session, actor, published.id, "delete"),
        lambda: distributions.add_link(
            session, actor, published.id, {"title_vi": "x", "url": "https://x.vn"}
        ),
        lambda: distributions.add_file(
            session, actor, file_store, published.id, io.BytesIO(b"a\n"), "a.csv"
        ),
        lambda: distributions.update_distribution(
            session, actor, published.id, link.id, {"title_vi": "y"}
        ),
        lambda: distributions.delete_distribution(session, actor, published.id, link.id),
        lambda: service.revert_dataset(session, actor, published.id, 1),
    ]
    for call in visible:
        _denied(session, call)


@pytest.mark.parametrize("role", ["publisher", "harvester"])
@pytest.mark.parametrize(
    "state, action", [("pending", "approve"), ("pending", "reject"), ("published", "withdraw")]
)
def test_writer_may_not_review_its_own_datasets(session, tree, role, state, action):
    actor = principal(session, role, tree["dept"])
    dataset = DatasetFactory(session=session, organization=tree["dept"], state=state)
    _denied(session, lambda: service.transition(session, actor, dataset.id, action, reason=REASON))


@pytest.mark.parametrize("state", ["pending", "published"])
def test_publisher_may_not_edit_or_delete_under_review_or_published(session, tree, state):
    actor = principal(session, "publisher", tree["dept"])
    dataset = DatasetFactory(session=session, organization=tree["dept"], state=state)
    _denied(session, lambda: service.update_dataset(session, actor, dataset.id, {"title_en": "x"}))
    _denied(session, lambda: service.transition(session, actor, dataset.id, "delete"))
    _denied(
        session,
        lambda: distributions.add_link(
            session, actor, dataset.id, {"title_vi": "x", "url": "https://x.vn"}
        ),
    )


@pytest.mark.parametrize("state", ["draft", "rejected", "withdrawn"])
def test_publisher_edits_submits_and_deletes_open_datasets(session, tree, state):
    actor = principal(session, "publisher", tree["dept"])
    dataset = DatasetFactory(session=session, organization=tree["dept"], state=state)
    updated = service.update_dataset(session, actor, dataset.id, {"title_en": "Edited"})
    assert updated.title_en == "Edited"
    if state != "draft":
        service.transition(session, actor, dataset.id, "reopen")
    assert service.transition(session, actor, dataset.id, "submit").state == "pending"
    other = DatasetFactory(session=session, organization=tree["dept"], state=state)
    assert service.transition(session, actor, other.id, "delete").state == "deleted"


def test_editor_scope_is_its_subtree(session, tree):
    editor = principal(session, "editor", tree["dept"])
    child = DatasetFactory(session=session, organization=tree["sub"], state="pending")
    assert service.transition(session, editor, child.id, "approve").state == "published"
    published = service.update_dataset(session, editor, child.id, {"title_en": "Fixed"})
    assert published.title_en == "Fixed" and published.state == "published"
    sibling = DatasetFactory(session=session, organization=tree["other"], state="pending")
    _denied(session, lambda: service.transition(session, editor, sibling.id, "approve"), NotFound)
    parent = DatasetFactory(session=session, organization=tree["province"], state="published")
    _denied(
        session, lambda: service.transition(session, editor, parent.id, "withdraw", reason=REASON)
    )
    provincial = principal(session, "editor", tree["province"])
    assert service.transition(session, provincial, sibling.id, "reject", reason=REASON).state == (
        "rejected"
    )


def test_anonymous_sees_published_public_only_and_writes_nothing(session, tree):
    anonymous = Principal.anonymous()
    public = DatasetFactory(session=session, organization=tree["dept"], state="published")
    restricted = DatasetFactory(
        session=session, organization=tree["dept"], state="published", access_rights="RESTRICTED"
    )
    draft = DatasetFactory(session=session, organization=tree["dept"])
    deleted = DatasetFactory(session=session, organization=tree["dept"], state="published")
    service.transition(session, Principal.system(), deleted.id, "delete")
    assert service.get_dataset(session, anonymous, public.slug).id == public.id
    for hidden in (restricted, draft, deleted):
        with pytest.raises(NotFound):
            service.get_dataset(session, anonymous, hidden.id)
    assert [d.id for d in service.list_datasets(session, anonymous)] == [public.id]
    _denied(session, lambda: service.create_dataset(session, anonymous, _new(tree["dept"])))
    _denied(
        session, lambda: service.update_dataset(session, anonymous, public.id, {"title_en": "x"})
    )
    _denied(session, lambda: service.transition(session, anonymous, public.id, "delete"))


def test_list_visibility_by_role(session, tree):
    mine = DatasetFactory(session=session, organization=tree["dept"])
    child = DatasetFactory(session=session, organization=tree["sub"], state="pending")
    theirs = DatasetFactory(session=session, organization=tree["other"])
    public = DatasetFactory(session=session, organization=tree["other"], state="published")
    gone = DatasetFactory(session=session, organization=tree["dept"])
    service.transition(session, Principal.system(), gone.id, "delete")

    def ids(actor):
        return {d.id for d in service.list_datasets(session, actor)}

    assert ids(principal(session, "publisher", tree["dept"])) == {mine.id, public.id}
    assert ids(principal(session, "editor", tree["dept"])) == {
        mine.id,
        child.id,
        public.id,
        gone.id,
    }
    assert ids(Principal.system()) == {mine.id, child.id, theirs.id, public.id, gone.id}


@pytest.mark.parametrize("role", ["editor", "publisher", "harvester"])
def test_only_admins_manage_organizations_and_tokens(session, tree, role):
    actor = principal(session, role, tree["province"])
    new_org = {"slug": "so-moi", "title_vi": "Sở Mới"}
    _denied(session, lambda: organizations.create_organization(session, actor, new_org))
    _denied(
        session,
        lambda: organizations.update_organization(session, actor, "so-a", {"title_en": "x"}),
    )
    _denied(session, lambda: organizations.merge_organization(session, actor, "so-b", "so-a"))
    _denied(
        session,
        lambda: tokens.create_token(session, actor, role="publisher", organization="so-a"),
    )
    _denied(session, lambda: tokens.list_tokens(session, actor))
    _denied(session, lambda: tokens.revoke_token(session, actor, str(actor.token_id)))
