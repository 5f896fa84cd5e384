from __future__ import annotations

import io
import unicodedata

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


def to_cp1258(text: str) -> bytes:
    """Windows-1258 bytes of ``text``: precomposed where the code page has the letter
    (ơ, ư, â, đ, ...), tone marks as combining characters otherwise."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", char)
        for cut in range(len(parts), 0, -1):
            head = unicodedata.normalize("NFC", parts[:cut])
            try:
                out += head.encode("cp1258") + parts[cut:].encode("cp1258")
                break
            except UnicodeEncodeError:
                continue
        else:
            raise UnicodeEncodeError("cp1258", char, 0, 1, "no Windows-1258 form")
    return bytes(out)
