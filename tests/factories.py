"""factory_boy factories that build catalog objects through the real services.

Going through the services keeps every invariant (change log, revisions,
audit) true for test data too. Call them with the session first:
``OrganizationFactory(session=s)``, ``DatasetFactory(session=s, state="published")``.
"""

from __future__ import annotations

import factory

from hub.auth import service as tokens
from hub.auth.principal import Principal
from hub.datasets import organizations, service
from hub.datasets.workflow import STEPS_TO

ADMIN = Principal.system("factory")


class _ServiceFactory(factory.Factory):
    class Meta:
        model = dict
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, session, **kwargs):
        return cls._make(session, kwargs)


class OrganizationFactory(_ServiceFactory):
    slug = factory.Sequence(lambda n: f"org-{n}")
    title_vi = factory.Sequence(lambda n: f"Sở Thử nghiệm số {n}")
    title_en = factory.Sequence(lambda n: f"Test Department {n}")
    kind = "department"
    agency_code = factory.Sequence(lambda n: f"000.00.{n % 100:02d}.H{n // 100 % 100:02d}")

    @classmethod
    def _make(cls, session, data):
        return organizations.create_organization(session, ADMIN, data)


class DatasetFactory(_ServiceFactory):
    title_vi = factory.Sequence(lambda n: f"Bộ dữ liệu thử nghiệm số {n}")
    title_en = factory.Sequence(lambda n: f"Test dataset {n}")
    content_type = "statistics"
    themes = factory.LazyFunction(lambda: ["SOCI"])
    keywords = factory.LazyFunction(lambda: ["dân số"])

    @classmethod
    def _create(cls, model_class, *args, session, state="draft", organization=None, **kwargs):
        org = organization or OrganizationFactory(session=session)
        kwargs["organization"] = org.slug if hasattr(org, "slug") else org
        dataset = service.create_dataset(session, ADMIN, kwargs)
        for action in STEPS_TO[state]:
            reason = "Lý do kiểm thử" if action in {"reject", "withdraw"} else None
            service.transition(session, ADMIN, dataset.id, action, reason=reason)
        return dataset


def principal(session, role: str, organization=None, user: str | None = None) -> Principal:
    """A principal as the API would resolve it from a freshly issued token."""
    org = getattr(organization, "slug", organization)
    issued = tokens.create_token(session, ADMIN, role=role, organization=org, user_name=user)
    return tokens.authenticate(session, issued.secret)
