"""Organizations: validation, hierarchy, lookups and merges."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from hub.auth import service as tokens
from hub.auth.models import ApiToken
from hub.datasets import organizations, service
from hub.datasets.changelog import changes_since, latest_seq
from hub.errors import Conflict, DuplicateAgencyCode, DuplicateSlug, ValidationFailed
from tests.datasets.helpers import footprint
from tests.factories import DatasetFactory, OrganizationFactory


def _create(session, admin, **data):
    return organizations.create_organization(session, admin, {"title_vi": "Sở X", **data})


def test_create_with_every_field_and_find_it_three_ways(session, admin):
    parent = _create(session, admin, slug="ubnd", kind="province", agency_code="000.00.00.H49")
    org = _create(
        session,
        admin,
        slug="so-tai-chinh",
        title_vi="Sở Tài chính",
        title_en="Department of Finance",
        description_vi="Quản lý ngân sách",
        description_en="Manages the budget",
        parent="000.00.00.H49",
        agency_code="000.00.21.H49",
        website="https://stc.example.vn",
        email="stc@example.vn",
        phone="0294 3855 000",
        address="Số 1 Trần Phú",
    )
    assert org.parent_id == parent.id
    for ref in ("so-tai-chinh", str(org.id), "000.00.21.H49", org.id):
        assert organizations.get_organization(session, ref).id == org.id


@pytest.mark.parametrize(
    "data, field",
    [
        ({"slug": "Sở"}, "slug"),
        ({"slug": "UPPER"}, "slug"),
        ({"slug": "has space"}, "slug"),
        ({"slug": "x"}, "slug"),
        ({"slug": "a" * 101}, "slug"),
        ({"slug": "-leading"}, "slug"),
        ({"agency_code": "000.00.00.h49"}, "agency_code"),
        ({"agency_code": "00.00.00.H49"}, "agency_code"),
        ({"agency_code": "000-00-00-H49"}, "agency_code"),
        ({"agency_code": "000.00.00.H4"}, "agency_code"),
        ({"agency_code": "000.00.00.H499"}, "agency_code"),
        ({"kind": "district"}, "kind"),
        ({"parent": "khong-co"}, "parent"),
        ({"website": "javascript:alert(1)"}, "website"),
        ({"website": "ftp://x.vn"}, "website"),
        ({"email": "x"}, "email"),
        ({"title_vi": ""}, "title_vi"),
        ({"unknown": 1}, "unknown"),
    ],
)
def test_invalid_input_names_the_field_and_writes_nothing(session, admin, data, field):
    before = footprint(session)
    with pytest.raises(ValidationFailed) as error:
        _create(session, admin, **{"slug": "hop-le", **data})
    assert field in [e.field for e in error.value.errors]
    assert footprint(session) == before


@pytest.mark.parametrize("code", ["000.00.00.H49", "000.00.21.H49", "123.45.67.G01"])
def test_valid_agency_codes(session, admin, code):
    assert _create(session, admin, slug="co-quan", agency_code=code).agency_code == code


def test_duplicates_are_conflicts(session, admin):
    _create(session, admin, slug="so-a", agency_code="000.00.01.H49")
    before = footprint(session)
    with pytest.raises(DuplicateSlug):
        _create(session, admin, slug="so-a")
    with pytest.raises(DuplicateAgencyCode):
        _create(session, admin, slug="so-b", agency_code="000.00.01.H49")
    assert footprint(session) == before


def test_hierarchy_cannot_loop(session, admin):
    _create(session, admin, slug="aa")
    _create(session, admin, slug="bb", parent="aa")
    _create(session, admin, slug="cc", parent="bb")
    before = footprint(session)
    for parent in ("cc", "aa"):
        with pytest.raises(ValidationFailed):
            organizations.update_organization(session, admin, "aa", {"parent": parent})
    assert footprint(session) == before


def test_merge_moves_everything_and_old_references_resolve(session, admin):
    old = _create(session, admin, slug="xa-cu", kind="commune", agency_code="000.21.07.H49")
    new = _create(session, admin, slug="xa-moi", kind="commune", agency_code="000.20.03.H49")
    child = _create(session, admin, slug="thon-1", parent="xa-cu")
    datasets = [DatasetFactory(session=session, organization=old) for _ in range(2)]
    issued = tokens.create_token(
        session, admin, role="publisher", organization="xa-cu", user_name="can-bo"
    )
    start = latest_seq(session)

    organizations.merge_organization(session, admin, "xa-cu", "xa-moi", reason="Sáp nhập 2025")

    for ref in ("xa-cu", "000.21.07.H49", old.id):
        assert organizations.get_organization(session, ref).id == new.id
    assert organizations.find_organization(session, "xa-cu").successor_id == new.id
    assert organizations.get_organization(session, "thon-1").parent_id == new.id
    moves = {e.entity_id for e in changes_since(session, start) if e.entity_type == "dataset"}
    assert moves == {d.id for d in datasets}
    for dataset in datasets:
        current = service.find_dataset(session, dataset.id)
        assert current.organization_id == new.id
        assert service.revisions(session, admin, dataset.id)[-1].action == "move"
    who = tokens.authenticate(session, issued.secret)
    assert who.organization_id == new.id and who.scope == frozenset({new.id})
    assert session.scalars(select(ApiToken)).one().organization_id == new.id
    assert [o.slug for o in organizations.list_organizations(session)] == ["thon-1", "xa-moi"]
    assert "xa-cu" in [
        o.slug for o in organizations.list_organizations(session, include_merged=True)
    ]
    landed = service.create_dataset(
        session, admin, {"organization": "xa-cu", "content_type": "budget", "title_vi": "Ngân sách"}
    )
    assert landed.organization_id == new.id
    assert child.id != new.id


def test_chained_merges_resolve_to_the_last_successor(session, admin):
    for slug in ("aa", "bb", "cc"):
        _create(session, admin, slug=slug)
    organizations.merge_organization(session, admin, "aa", "bb")
    organizations.merge_organization(session, admin, "bb", "cc")
    assert organizations.get_organization(session, "aa").slug == "cc"


def test_merge_errors_write_nothing(session, admin):
    _create(session, admin, slug="cha")
    _create(session, admin, slug="con", parent="cha")
    _create(session, admin, slug="khac")
    _create(session, admin, slug="da-nhap")
    organizations.merge_organization(session, admin, "da-nhap", "khac")
    before = footprint(session)
    for source, target in [
        ("cha", "cha"),
        ("cha", "con"),
        ("cha", "da-nhap"),
        ("da-nhap", "cha"),
    ]:
        with pytest.raises(Conflict):
            organizations.merge_organization(session, admin, source, target)
    with pytest.raises(Conflict):
        organizations.update_organization(session, admin, "da-nhap", {"title_en": "x"})
    assert footprint(session) == before


def test_factory_codes_are_valid(session):
    org = OrganizationFactory(session=session)
    assert organizations.get_organization(session, org.agency_code).id == org.id
