"""Generated files of a record version, kept on disk once made.

A version's CSV, JSON, NDJSON and XLSX never change (an import makes a new version,
an upsert bumps it), so the first download streams the form while writing it to
``HUB_DATA_DIR/forms/<dataset>/v<version>-<name>``, and later downloads read the file:
a known length, disk speed, and no database work. Files of older versions are removed
when a newer one is written. A download cut short leaves no partial file.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

CHUNK = 1024 * 1024


class FormCache:
    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, dataset_id: uuid.UUID, version: int, file_name: str) -> Path:
        return self.root / dataset_id.hex / f"v{version}-{file_name}"

    def cached(self, dataset_id: uuid.UUID, version: int, file_name: str) -> Path | None:
        path = self._path(dataset_id, version, file_name)
        return path if path.is_file() else None

    def read(self, path: Path) -> Iterator[bytes]:
        with path.open("rb") as fh:
            while chunk := fh.read(CHUNK):
                yield chunk

    def keep(
        self, dataset_id: uuid.UUID, version: int, file_name: str, chunks: Iterator[bytes]
    ) -> Iterator[bytes]:
        """Yield ``chunks`` and keep them as the version's file once all have passed."""
        path = self._path(dataset_id, version, file_name)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".part-")
        done = False
        try:
            with os.fdopen(fd, "wb") as out:
                for chunk in chunks:
                    out.write(chunk)
                    yield chunk
            os.replace(temp, path)  # atomic: readers see the whole file or none
            done = True
            self._forget_older(path.parent, version, file_name)
        finally:
            if not done:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(temp)

    def _forget_older(self, folder: Path, version: int, file_name: str) -> None:
        for other in folder.glob(f"v*-{file_name}"):
            stem = other.name.split("-", 1)[0][1:]
            if stem.isdigit() and int(stem) < version:
                with contextlib.suppress(FileNotFoundError):
                    other.unlink()


def get_form_cache() -> FormCache:
    """The form cache of the current Flask app."""
    from flask import current_app

    return current_app.extensions["hub.forms"]
