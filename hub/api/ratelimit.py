"""Fixed-window rate limits kept in process memory.

Each worker process counts on its own, so with N workers a client gets up to N
times the limit; that bounds brute force and runaway scripts, which is the aim.
A limit of 0 switches a limiter off.
"""

from __future__ import annotations

import threading
import time

WINDOW = 60


class RateLimiter:
    def __init__(self, limit: int, window: int = WINDOW) -> None:
        self.limit = limit
        self.window = window
        self._counts: dict[str, tuple[int, int]] = {}
        self._lock = threading.Lock()

    def _slot(self) -> int:
        return int(time.time()) // self.window

    def hit(self, key: str) -> int | None:
        """Count one event; return seconds to wait if the key is over its limit."""
        if self.limit <= 0:
            return None
        slot = self._slot()
        with self._lock:
            if len(self._counts) > 100_000:  # forget old windows rather than grow unbounded
                self._counts = {k: v for k, v in self._counts.items() if v[0] == slot}
            window, count = self._counts.get(key, (slot, 0))
            count = count + 1 if window == slot else 1
            self._counts[key] = (slot, count)
        return self.retry_after() if count > self.limit else None

    def blocked(self, key: str) -> int | None:
        """Seconds to wait if ``key`` is already over its limit, without counting."""
        if self.limit <= 0:
            return None
        window, count = self._counts.get(key, (None, 0))
        return self.retry_after() if window == self._slot() and count >= self.limit else None

    def retry_after(self) -> int:
        return max(1, self.window - int(time.time()) % self.window)
