"""Revisions, revert, optimistic concurrency and input normalisation of datasets."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata

import pytest

from hub.datasets import distributions, service
from hub.errors import NotFound, StaleUpdate, ValidationFailed
from tests.datasets.helpers import footprint
from tests.factories import DatasetFactory


def test_every_change_is_a_numbered_snapshot(session, admin):
    dataset = DatasetFactory(session=session, title_vi="Bản đầu")
    service.update_dataset(session, admin, dataset.id, {"title_vi": "Bản hai"})
    service.update_dataset(session, admin, dataset.id, {"keywords": ["ngân sách", "công khai"]})
    revisions = service.revisions(session, admin, dataset.id)
    assert [r.number for r in revisions] == [1, 2, 3]
    assert [r.snapshot["title_vi"] for r in revisions] == ["Bản đầu", "Bản hai", "Bản hai"]
    assert revisions[-1].snapshot["keywords"] == ["ngân sách", "công khai"]


def test_an_update_that_changes_nothing_writes_nothing(session, admin):
    dataset = DatasetFactory(session=session, title_vi="Giữ nguyên")
    before = footprint(session)
    service.update_dataset(session, admin, dataset.id, {"title_vi": "Giữ nguyên"})
    assert footprint(session) == before


def test_revert_restores_metadata_and_distributions(session, admin, file_store):
    dataset = DatasetFactory(
        session=session,
        title_vi="Dân số 2024",
        description_vi="Mô tả gốc",
        themes=["SOCI"],
        temporal_start="2024-01-01",
        temporal_end="2024-12-31",
    )
    kept = distributions.add_link(
        session, admin, dataset.id, {"title_vi": "Trang web", "url": "https://a.vn/x"}
    )
    csv = distributions.add_file(
        session, admin, file_store, dataset.id, io.BytesIO(b"a,b\n1,2\n"), "bảng.csv"
    )
    target = dataset.revision_number
    service.update_dataset(
        session,
        admin,
        dataset.id,
        {"title_vi": "Sai", "description_vi": None, "themes": ["ECON"], "temporal_end": None},
    )
    distributions.delete_distribution(session, admin, dataset.id, csv.id)
    distributions.update_distribution(session, admin, dataset.id, kept.id, {"title_vi": "Đổi"})
    added = distributions.add_link(
        session, admin, dataset.id, {"title_vi": "Thêm", "url": "https://b.vn"}
    )
    service.transition(session, admin, dataset.id, "submit")

    reverted = service.revert_dataset(session, admin, dataset.id, target, reason="Khôi phục")
    assert reverted.title_vi == "Dân số 2024" and reverted.description_vi == "Mô tả gốc"
    assert reverted.themes == ["SOCI"]
    assert (reverted.temporal_start, reverted.temporal_end) == (
        dt.date(2024, 1, 1),
        dt.date(2024, 12, 31),
    )
    assert reverted.state == "pending", "revert keeps the review state"
    by_id = {d.id: d for d in reverted.distributions}
    assert set(by_id) == {kept.id, csv.id} and added.id not in by_id
    assert by_id[kept.id].title_vi == "Trang web"
    restored = by_id[csv.id]
    assert (restored.file_name, restored.sha256, restored.byte_size) == (
        "bảng.csv",
        csv.sha256,
        8,
    )
    assert file_store.path(restored.file_key).read_bytes() == b"a,b\n1,2\n"
    last = service.revisions(session, admin, dataset.id)[-1]
    assert (last.action, last.reason, last.number) == (
        "revert",
        "Khôi phục",
        reverted.revision_number,
    )


def test_revert_to_missing_revision_writes_nothing(session, admin):
    dataset = DatasetFactory(session=session)
    before = footprint(session)
    with pytest.raises(NotFound):
        service.revert_dataset(session, admin, dataset.id, 99)
    assert footprint(session) == before


def test_stale_update_is_refused(session, admin):
    dataset = DatasetFactory(session=session)
    seen = dataset.revision_number
    service.update_dataset(
        session, admin, dataset.id, {"title_en": "First"}, expected_revision=seen
    )
    before = footprint(session)
    with pytest.raises(StaleUpdate):
        service.update_dataset(
            session, admin, dataset.id, {"title_en": "Second"}, expected_revision=seen
        )
    assert footprint(session) == before
    assert service.get_dataset(session, admin, dataset.id).title_en == "First"


def test_replacement_clears_fields_left_out(session, admin):
    dataset = DatasetFactory(session=session, keywords=["a"], description_vi="Mô tả")
    replaced = service.update_dataset(
        session, admin, dataset.id, {"title_vi": "Chỉ có tiêu đề"}, partial=False
    )
    assert replaced.title_vi == "Chỉ có tiêu đề" and replaced.slug == dataset.slug
    assert replaced.description_vi is None and replaced.keywords == []
    assert replaced.licence == "CC-BY-4.0" and replaced.content_type == "statistics"


def test_decomposed_input_is_stored_composed(session, admin):
    title = unicodedata.normalize("NFD", "Dự toán ngân sách Đồng Nai")
    dataset = DatasetFactory(session=session, title_vi=title, keywords=[title])
    assert dataset.title_vi == unicodedata.normalize("NFC", title)
    assert dataset.keywords == [unicodedata.normalize("NFC", title)]
    assert dataset.slug == "du-toan-ngan-sach-dong-nai"


@pytest.mark.parametrize(
    "patch, field",
    [
        ({"colour": "red"}, "colour"),
        ({"licence": "GPL"}, "licence"),
        ({"themes": ["ECON", "ECON"]}, "themes"),
        ({"themes": ["XYZ"]}, "themes.0"),
        ({"access_rights": "SECRET"}, "access_rights"),
        ({"temporal_start": "2025-02-30"}, "temporal_start"),
        ({"temporal_start": "2025-01-01", "temporal_end": "2024-01-01"}, "temporal_end"),
        ({"contact_email": "not-an-email"}, "contact_email"),
        ({"landing_page": "javascript:alert(1)"}, "landing_page"),
        ({"title_vi": ""}, "title_vi"),
        ({"title_vi": "a\x00b"}, "title_vi"),
        ({"slug": "Có Dấu"}, "slug"),
        ({"organization": "khong-ton-tai"}, "organization"),
        ({"language": ["vie"]}, "language.0"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(session, admin, patch, field):
    dataset = DatasetFactory(session=session)
    before = footprint(session)
    with pytest.raises(ValidationFailed) as error:
        service.update_dataset(session, admin, dataset.id, patch)
    assert field in [e.field for e in error.value.errors]
    assert footprint(session) == before


def test_generated_slugs_are_unique(session, admin):
    first = DatasetFactory(session=session, title_vi="Thống kê dân số")
    second = DatasetFactory(session=session, title_vi="Thống kê dân số")
    assert (first.slug, second.slug) == ("thong-ke-dan-so", "thong-ke-dan-so-2")
    assert first.citation.startswith("Nguồn: ")


def test_blank_optional_text_means_absent(session, admin):
    dataset = DatasetFactory(session=session, description_vi="Có mô tả")
    updated = service.update_dataset(
        session, admin, dataset.id, {"description_vi": "  ", "title_en": "", "version": ""}
    )
    assert (updated.description_vi, updated.title_en, updated.version) == (None, None, None)


def test_revert_lists_distributions_in_position_order(session, admin):
    dataset = DatasetFactory(session=session)
    first = distributions.add_link(
        session, admin, dataset.id, {"title_vi": "Một", "url": "https://a.vn/1"}
    )
    second = distributions.add_link(
        session, admin, dataset.id, {"title_vi": "Hai", "url": "https://a.vn/2"}
    )
    target = service.get_dataset(session, admin, dataset.id).revision_number
    distributions.delete_distribution(session, admin, dataset.id, first.id)
    reverted = service.revert_dataset(session, admin, dataset.id, target)
    assert [d.id for d in reverted.distributions] == [first.id, second.id]
    snapshot = service.revisions(session, admin, dataset.id)[-1].snapshot
    assert [d["id"] for d in snapshot["distributions"]] == [str(first.id), str(second.id)]
