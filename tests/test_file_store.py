"""Uploaded files: content addressing, size limit, type checks, hostile names."""

from __future__ import annotations

import io
import unicodedata
import zipfile

import pytest

from hub.datasets import distributions
from hub.errors import PayloadTooLarge, UnsupportedMediaType, ValidationFailed
from hub.files import safe_file_name
from tests.datasets.helpers import footprint
from tests.factories import DatasetFactory

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 32
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 64


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


XLSX = _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})


@pytest.mark.parametrize(
    "name, content, media_type",
    [
        ("bảng.csv", "tỉnh,dân số\nMinh Hòa,1000\n".encode(), "text/csv"),
        ("data.json", b'{"a": 1}', "application/json"),
        ("utf16.csv", "a,b\n1,2\n".encode("utf-16"), "text/csv"),
        ("van-ban.pdf", PDF, "application/pdf"),
        (
            "so-lieu.xlsx",
            XLSX,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("anh.png", PNG, "image/png"),
        ("README", b"plain words", "text/plain"),
    ],
)
def test_accepted_files_are_stored_by_content(file_store, data_dir, name, content, media_type):
    import hashlib

    stored = file_store.save(io.BytesIO(content), name)
    digest = hashlib.sha256(content).hexdigest()
    assert (stored.sha256, stored.byte_size, stored.media_type) == (
        digest,
        len(content),
        media_type,
    )
    assert stored.key == f"{digest[:2]}/{digest[2:4]}/{digest}"
    assert (data_dir / "files" / stored.key).read_bytes() == content
    assert list((data_dir / "files" / "tmp").iterdir()) == []


def test_same_content_is_kept_once(file_store, data_dir):
    first = file_store.save(io.BytesIO(b"x,y\n"), "a.csv")
    second = file_store.save(io.BytesIO(b"x,y\n"), "b.csv")
    assert first.key == second.key
    assert len([p for p in (data_dir / "files").rglob("*") if p.is_file()]) == 1


@pytest.mark.parametrize(
    "name, content",
    [
        ("anh.csv", PNG),
        ("gia-mao.pdf", b"just text pretending"),
        ("khong-phai.xlsx", _zip({"hello.txt": b"hi"})),
        ("hong.xlsx", b"PK\x03\x04 broken"),
        ("chuong-trinh.csv", ELF),
        ("chuong-trinh", ELF),
        ("pdf-la-zip.pdf", XLSX),
    ],
)
def test_lying_or_dangerous_files_are_refused(session, admin, file_store, data_dir, name, content):
    dataset = DatasetFactory(session=session)
    before = footprint(session)
    with pytest.raises(UnsupportedMediaType):
        distributions.add_file(session, admin, file_store, dataset.id, io.BytesIO(content), name)
    assert footprint(session) == before
    assert [p for p in (data_dir / "files").rglob("*") if p.is_file()] == []


def test_oversized_upload_is_refused_and_leaves_nothing(session, admin, file_store, data_dir):
    dataset = DatasetFactory(session=session)
    before = footprint(session)
    big = io.BytesIO(b"a,b\n" * (file_store.max_bytes // 4 + 1))
    with pytest.raises(PayloadTooLarge):
        distributions.add_file(session, admin, file_store, dataset.id, big, "lon.csv")
    assert footprint(session) == before
    assert [p for p in (data_dir / "files").rglob("*") if p.is_file()] == []


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("../../etc/passwd.csv", "passwd.csv"),
        ("..\\..\\windows\\x.csv", "x.csv"),
        ("a\x00b\x1f.csv", "ab.csv"),
        (unicodedata.normalize("NFD", "dân số.csv"), "dân số.csv"),
    ],
)
def test_names_lose_paths_and_control_characters(raw, clean):
    assert safe_file_name(raw) == clean


@pytest.mark.parametrize("raw", ["", "..", ".", "../", "\x00", "đ" * 200, None])
def test_unusable_names_are_refused(raw):
    with pytest.raises(ValidationFailed):
        safe_file_name(raw)


@pytest.mark.parametrize("key", ["../../etc/passwd", "ab/cd/../../x", "AB/CD/" + "A" * 64, ""])
def test_store_refuses_keys_that_are_not_its_own(file_store, key):
    with pytest.raises(ValueError):
        file_store.path(key)


def test_distribution_keeps_the_real_name(session, admin, file_store):
    dataset = DatasetFactory(session=session)
    name = unicodedata.normalize("NFD", "../Báo cáo ngân sách.pdf")
    dist = distributions.add_file(session, admin, file_store, dataset.id, io.BytesIO(PDF), name)
    assert dist.file_name == "Báo cáo ngân sách.pdf" and dist.format == "PDF"
    assert dist.title_vi == "Báo cáo ngân sách.pdf" and dist.kind == "file"
