"""File store for uploaded distributions: content-addressed, size-limited, type-checked.

A file is streamed to a temporary file while its SHA-256 and size are computed;
its media type is detected from the content, and an extension that lies about
the content (a ``.pdf`` that is not a PDF, an executable named ``.csv``) is
refused. Stored files live under ``HUB_DATA_DIR/files/ab/cd/<sha256>``, so the
same content is kept once and a revision can always bring a file back.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import filetype

from hub.errors import FieldError, PayloadTooLarge, UnsupportedMediaType, ValidationFailed
from hub.text import nfc

CHUNK = 1024 * 1024
HEAD = 8192
_KEY_RE = re.compile(r"^[0-9a-f]{2}/[0-9a-f]{2}/[0-9a-f]{64}$")

TEXT_TYPES = {
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "txt": "text/plain",
    "json": "application/json",
    "geojson": "application/geo+json",
    "jsonld": "application/ld+json",
    "ndjson": "application/x-ndjson",
    "xml": "application/xml",
    "rdf": "application/rdf+xml",
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "kml": "application/vnd.google-earth.kml+xml",
    "gml": "application/gml+xml",
    "md": "text/markdown",
    "html": "text/html",
    "htm": "text/html",
}

# Extension -> media types the content may be detected as (zip containers are
# checked further by their entries below).
BINARY_TYPES = {
    "pdf": ("application/pdf", {"application/pdf"}),
    "zip": ("application/zip", {"application/zip"}),
    "gz": ("application/gzip", {"application/gzip"}),
    "png": ("image/png", {"image/png"}),
    "jpg": ("image/jpeg", {"image/jpeg"}),
    "jpeg": ("image/jpeg", {"image/jpeg"}),
    "gif": ("image/gif", {"image/gif"}),
    "webp": ("image/webp", {"image/webp"}),
    "tif": ("image/tiff", {"image/tiff"}),
    "tiff": ("image/tiff", {"image/tiff"}),
    "doc": (
        "application/msword",
        {"application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint"},
    ),
    "xls": (
        "application/vnd.ms-excel",
        {"application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint"},
    ),
}
_OOXML = "application/vnd.openxmlformats-officedocument"
ZIP_CONTAINERS = {
    "xlsx": (f"{_OOXML}.spreadsheetml.sheet", "xl/workbook.xml"),
    "docx": (f"{_OOXML}.wordprocessingml.document", "word/document.xml"),
    "pptx": (f"{_OOXML}.presentationml.presentation", "ppt/presentation.xml"),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", "content.xml"),
    "odt": ("application/vnd.oasis.opendocument.text", "content.xml"),
}
EXECUTABLES = {
    "application/x-executable",
    "application/x-msdownload",
    "application/x-sharedlib",
    "application/x-mach-binary",
    "application/wasm",
}


@dataclass(frozen=True)
class StoredFile:
    key: str
    file_name: str
    media_type: str
    format: str | None
    byte_size: int
    sha256: str


def safe_file_name(raw: str | None) -> str:
    """The bare file name a user gave, in NFC, with any path and control characters removed."""
    name = nfc(raw or "").replace("\\", "/").split("/")[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip()
    if name in {"", ".", ".."} or len(name.encode("utf-8")) > 255:
        raise ValidationFailed(
            "Input is not valid.",
            errors=[FieldError("file", "A file name of 1-255 bytes is required.")],
        )
    return name


def _looks_text(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with BOM
        return True
    return b"\x00" not in head


class FileStore:
    def __init__(self, root: str | os.PathLike[str], max_bytes: int) -> None:
        self.root = Path(root) / "files"
        self.max_bytes = max_bytes

    def path(self, key: str) -> Path:
        if not _KEY_RE.match(key or ""):
            raise ValueError("not a file key")
        return self.root / key

    def save(self, stream: BinaryIO, file_name: str | None) -> StoredFile:
        name = safe_file_name(file_name)
        self.root.mkdir(parents=True, exist_ok=True)
        tmp_dir = self.root / "tmp"
        tmp_dir.mkdir(exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=tmp_dir)
        tmp = Path(tmp_name)
        try:
            digest, size, head = self._copy(stream, os.fdopen(fd, "wb"))
            media_type = self._detect(name, head, tmp)
            key = f"{digest[:2]}/{digest[2:4]}/{digest}"
            target = self.root / key
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(tmp, target)
        finally:
            tmp.unlink(missing_ok=True)
        ext = _extension(name)
        return StoredFile(key, name, media_type, ext.upper() or None, size, digest)

    def _copy(self, stream: BinaryIO, out: BinaryIO) -> tuple[str, int, bytes]:
        sha, size, head = hashlib.sha256(), 0, b""
        with out:
            while chunk := stream.read(CHUNK):
                size += len(chunk)
                if size > self.max_bytes:
                    raise PayloadTooLarge(
                        f"The file is larger than the limit of {self.max_bytes} bytes."
                    )
                if len(head) < HEAD:
                    head += chunk[: HEAD - len(head)]
                sha.update(chunk)
                out.write(chunk)
        return sha.hexdigest(), size, head

    def _detect(self, name: str, head: bytes, path: Path) -> str:
        ext = _extension(name)
        kind = filetype.guess(head) if head else None
        detected = kind.mime if kind else None
        if detected in EXECUTABLES:
            raise UnsupportedMediaType(f"'{name}' is an executable program; it is not accepted.")
        if ext in TEXT_TYPES:
            if detected is not None or not _looks_text(head):
                raise UnsupportedMediaType(
                    f"'{name}' is named .{ext} but its content is {detected or 'binary data'}."
                )
            return TEXT_TYPES[ext]
        if ext in BINARY_TYPES:
            media_type, accepted = BINARY_TYPES[ext]
            if detected not in accepted:
                raise UnsupportedMediaType(
                    f"'{name}' is named .{ext} but its content is {detected or 'not ' + ext}."
                )
            return media_type
        if ext in ZIP_CONTAINERS:
            media_type, marker = ZIP_CONTAINERS[ext]
            if not _zip_has(path, marker):
                raise UnsupportedMediaType(f"'{name}' is named .{ext} but is not such a document.")
            return media_type
        if detected:
            return detected
        return "text/plain" if head and _looks_text(head) else "application/octet-stream"


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name.strip(".") else ""


def _zip_has(path: Path, member: str) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return member in archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def get_file_store() -> FileStore:
    """The file store of the current Flask app."""
    from flask import current_app

    return current_app.extensions["hub.files"]
