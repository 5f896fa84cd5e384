from __future__ import annotations

import unicodedata

import pytest

from hub.text import fold, is_valid_slug, nfc, slugify


@pytest.mark.parametrize(
    "raw, folded",
    [
        ("Ngân Sách", "ngan sach"),
        ("ĐỒNG NAI", "dong nai"),
        ("đường", "duong"),
        (unicodedata.normalize("NFD", "Thống kê"), "thong ke"),
    ],
)
def test_fold(raw, folded):
    assert fold(raw) == folded


@pytest.mark.parametrize(
    "raw, slug",
    [
        ("Sở Tài chính", "so-tai-chinh"),
        ("Đồng Nai 2025!", "dong-nai-2025"),
        ("  --Hà   Nội--  ", "ha-noi"),
        ("", ""),
    ],
)
def test_slugify(raw, slug):
    assert slugify(raw) == slug


def test_slugify_respects_max_length():
    assert len(slugify("Ủy ban nhân dân tỉnh " * 20, max_length=30)) <= 30
    assert not slugify("Ủy ban nhân dân tỉnh " * 20, max_length=30).endswith("-")


@pytest.mark.parametrize("slug, ok", [("so-a", True), ("a_b", True), ("x", False), ("Ab", False)])
def test_is_valid_slug(slug, ok):
    assert is_valid_slug(slug) is ok


def test_nfc():
    assert nfc(unicodedata.normalize("NFD", "Việt")) == "Việt"
