"""Link checks in the background: which URLs, a small thread pool, the stored results.

The URLs are those of the distributions of published open datasets. URLs the hub serves
itself (uploaded files, forms generated from records: anything under ``HUB_BASE_URL``)
are never fetched: they resolve by construction. Each URL has one ``link_check`` row,
replaced by its next check. Requests never fetch: they read these rows.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from hub.datasets.models import Dataset, Distribution
from hub.db import atomic, utcnow
from hub.net.fetch import FetchPolicy
from hub.net.linkcheck import LinkResult, check_link
from hub.quality.indicators import LinkLookup, LinkState
from hub.quality.models import LinkCheck, url_key

PUBLISHED = (Dataset.state == "published") & (Dataset.access_rights == "PUBLIC")
BATCH = 200  # results written per transaction


def is_internal(url: str, base_url: str) -> bool:
    base = base_url.rstrip("/")
    return url == base or url.startswith(base + "/")


def published_urls(session: Session, base_url: str) -> list[str]:
    """The distinct outside URLs of published open datasets' distributions."""
    query = (
        select(Distribution.url)
        .join(Dataset, Dataset.id == Distribution.dataset_id)
        .where(PUBLISHED, Distribution.url.is_not(None))
        .distinct()
    )
    return sorted(u for u in session.scalars(query) if u and not is_internal(u, base_url))


def checks_by_key(session: Session, keys: list[str]) -> dict[str, LinkCheck]:
    found: dict[str, LinkCheck] = {}
    for start in range(0, len(keys), 500):
        query = select(LinkCheck).where(LinkCheck.url_key.in_(keys[start : start + 500]))
        found.update((row.url_key, row) for row in session.scalars(query))
    return found


def stale_urls(
    session: Session, urls: list[str], max_age: timedelta, now: datetime, limit: int | None
) -> list[str]:
    """URLs never checked (first) or checked longer than ``max_age`` ago (oldest first)."""
    checked = checks_by_key(session, [url_key(u) for u in urls])
    never = [u for u in urls if url_key(u) not in checked]
    old = [(checked[url_key(u)].checked_at, u) for u in urls if url_key(u) in checked]
    due = never + [u for at, u in sorted(old) if at <= now - max_age]
    return due if limit is None else due[:limit]


def run_checks(
    urls: list[str],
    policy: FetchPolicy,
    workers: int = 8,
    check: Callable[[str, FetchPolicy], LinkResult] = check_link,
) -> Iterator[LinkResult]:
    """Check ``urls`` on ``workers`` threads; results in the order they finish."""
    with ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="link") as pool:
        futures = [pool.submit(check, url, policy) for url in urls]
        for future in as_completed(futures):
            yield future.result()


@atomic
def record_results(session: Session, results: list[LinkResult]) -> None:
    """Store each result as its URL's latest check."""
    rows = checks_by_key(session, [url_key(r.url) for r in results])
    for result in results:
        key = url_key(result.url)
        row = rows.get(key)
        if row is None:
            row = rows[key] = LinkCheck(url_key=key, url=result.url)
            session.add(row)
        row.status, row.error, row.detail = result.status, result.error, result.detail
        row.ok, row.elapsed_ms, row.checked_at = result.ok, result.elapsed_ms, result.checked_at


@dataclass(frozen=True)
class LinkRun:
    urls: int  # outside URLs of published datasets
    checked: int
    ok: int
    failed: int
    seconds: float


def check_links(
    session: Session,
    policy: FetchPolicy,
    base_url: str,
    *,
    max_age: timedelta,
    limit: int | None = None,
    workers: int = 8,
) -> LinkRun:
    """Check the published URLs not checked within ``max_age`` and store the results."""
    start = time.perf_counter()
    urls = published_urls(session, base_url)
    due = stale_urls(session, urls, max_age, utcnow(), limit)
    session.commit()  # end the read: the pool runs for a while
    ok = failed = 0
    batch: list[LinkResult] = []
    for result in run_checks(due, policy, workers):
        ok, failed = ok + result.ok, failed + (not result.ok)
        batch.append(result)
        if len(batch) >= BATCH:
            record_results(session, batch)
            batch = []
    if batch:
        record_results(session, batch)
    return LinkRun(len(urls), len(due), ok, failed, time.perf_counter() - start)


def link_states(session: Session, urls: Iterable[str], base_url: str) -> dict[str, LinkState]:
    """What is known of each URL: the hub's own, its latest check, or never checked."""
    urls = set(urls)
    outside = [u for u in urls if not is_internal(u, base_url)]
    rows = checks_by_key(session, [url_key(u) for u in outside])
    states = {u: LinkState(u, internal=True, ok=True) for u in urls - set(outside)}
    for url in outside:
        row = rows.get(url_key(url))
        if row is None:
            states[url] = LinkState(url, internal=False, ok=False)
        else:
            states[url] = LinkState(url, False, row.ok, row.checked_at, row.status, row.error)
    return states


def lookup(states: dict[str, LinkState]) -> LinkLookup:
    def find(url: str) -> LinkState:
        return states.get(url) or LinkState(url, internal=False, ok=False)

    return find
