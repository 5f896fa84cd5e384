"""Does a URL resolve? A HEAD request, and a GET of the first bytes when HEAD is refused.

A link resolves when its final answer (after redirects) has a status from 200 to 399, as
the data.europa.eu metadata quality assessment counts it. Failures are reported by kind
(``hub.net.fetch.ERROR_KINDS``, or ``unexpected`` for a failure of the checker itself),
never raised.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime

from hub.db import utcnow
from hub.net.fetch import FetchError, FetchPolicy, fetch

PROBE_BYTES = 4096  # what a GET probe reads at most
HEAD_REFUSED = frozenset({405, 501})


@dataclass(frozen=True)
class LinkResult:
    url: str
    status: int | None
    error: str | None  # a FetchError kind
    detail: str | None
    elapsed_ms: int
    checked_at: datetime

    @property
    def ok(self) -> bool:
        return self.error is None and self.status is not None and 200 <= self.status < 400


def check_link(url: str, policy: FetchPolicy) -> LinkResult:
    """Check ``url`` under ``policy`` (address rules, timeouts, redirects)."""
    start = time.perf_counter()
    status = error = detail = None
    try:
        status = fetch(url, policy, method="HEAD").status
        if status in HEAD_REFUSED:
            status = fetch(url, policy, max_bytes=PROBE_BYTES, truncate=True).status
    except FetchError as exc:
        status, error, detail = None, exc.kind, exc.detail[:300]
    except Exception as exc:  # one odd URL must not stop a run of thousands
        status, error, detail = None, "unexpected", f"{type(exc).__name__}: {exc}"[:300]
    elapsed = round((time.perf_counter() - start) * 1000)
    return LinkResult(url, status, error, detail, elapsed, utcnow())
