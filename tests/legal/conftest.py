from __future__ import annotations

import csv
import io

import pytest

from hub.records import service
from tests.factories import ADMIN, DatasetFactory, OrganizationFactory

FIELDS = (
    "NUMBER",
    "ISSUER",
    "ISSUED",
    "EFFECTIVE",
    "STATUS",
    "ABSTRACT",
    "SECTOR",
    "FILE_TEXT",
    "BASED_ON",
    "REPLACES",
    "AMENDS",
    "REPEALS",
    "CITES",
)


def legal_csv(rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS, restval="")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def doc(number: str, abstract: str = "Văn bản", status: str = "in_force", **more: str) -> dict:
    return {
        "NUMBER": number,
        "ISSUED": "01/01/2020",
        "STATUS": status,
        "ABSTRACT": abstract,
        **more,
    }


@pytest.fixture
def org(session):
    return OrganizationFactory(session=session)


@pytest.fixture
def legal_dataset(session, org):
    def make(state: str = "published", organization=None):
        return DatasetFactory(
            session=session,
            organization=organization or org,
            state=state,
            content_type="legal_document",
        )

    return make


@pytest.fixture
def load_legal(session):
    """``load_legal(dataset, [doc(...), ...])`` imports the documents through the service."""

    def run(dataset, rows, actor=ADMIN, **options):
        data = legal_csv(rows).encode("utf-8")
        return service.import_records(
            session, actor, dataset.id, io.BytesIO(data), "van-ban.csv", **options
        )

    return run
