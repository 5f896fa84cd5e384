"""Rendered representations kept per process, keyed by entity id and revision number.

Every write through the services bumps a dataset's revision number, so a cached
body is valid exactly as long as its key matches the row; a read only needs the
light "head" query to know which body to send. Visibility is still checked on
every request from that head, never taken from the cache.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any


class RenderCache:
    def __init__(self, size: int = 8192) -> None:  # ~2 KB a dataset: ~16 MB per worker
        self.size = size
        self._items: OrderedDict[Any, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Any) -> Any | None:
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: Any, value: Any) -> Any:
        with self._lock:
            self._items[key] = value
            if len(self._items) > self.size:
                self._items.popitem(last=False)
        return value

    def get_or_render(self, key: Any, render: Callable[[], Any]) -> Any:
        value = self.get(key)
        return self.put(key, render()) if value is None else value
