from tests.factories import DatasetFactory, OrganizationFactory, principal


def test_factories_build_through_services(session):
    org = OrganizationFactory(session=session)
    dataset = DatasetFactory(session=session, organization=org, state="published")
    assert dataset.state == "published"
    assert dataset.organization_id == org.id
    publisher = principal(session, "publisher", org)
    assert publisher.scope == frozenset({org.id})
