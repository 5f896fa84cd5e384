from __future__ import annotations

import io

import pytest

from hub.records import service
from tests.factories import ADMIN, DatasetFactory, OrganizationFactory

POPULATION = """Địa bàn;Kỳ;Giá trị;Đơn vị tính;Tình trạng số liệu
Phường Minh Khai;2023;12.345;người;A
Phường Minh Khai;2024;12.500;người;P
Xã Hòa Bình;2023;8.001;người;A
Xã Hòa Bình;2024;8.120,5;người;E
"""


@pytest.fixture
def org(session):
    return OrganizationFactory(session=session)


@pytest.fixture
def stats(session, org):
    return DatasetFactory(
        session=session, organization=org, state="published", content_type="statistics"
    )


@pytest.fixture
def load(session):
    """``load(dataset, text_or_bytes, name="x.csv", **options)`` through the real service."""

    def run(dataset, content, name="data.csv", actor=ADMIN, **options):
        data = content.encode("utf-8") if isinstance(content, str) else content
        return service.import_records(session, actor, dataset.id, io.BytesIO(data), name, **options)

    return run
