"""Harvest a CKAN site (or another hub) through its Action API with ckanapi.

Listing: ``package_search`` paged with ``start``/``rows`` over ``id asc`` (every CKAN
and the hub sort by it; a modified package does not move, so no page skips it). Paging
guards: an id seen twice is yielded once, a page with nothing new ends a walk, and when
the total ``count`` moves during a walk (packages created or deleted meanwhile, which
shifts the offsets) the walk is made once more and the ids it missed are added, so a
package present all along is never missed (and so never taken for deleted).

Incremental (``ctx.since``): packages with ``metadata_modified >= since`` are fetched in
full (``fq=metadata_modified:[since TO *]``, over ``metadata_modified asc, id asc``);
then a cheap listing of every id (``fl=id,metadata_modified,title``: a hub answers it
from the dataset rows alone) lists the others with ``payload=None`` so deletions are
still seen. A listed package that is newer than ``since`` but was missed by the first
walk (changed while it ran) is fetched with ``package_show``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC
from typing import Any

import ckanapi
import requests
from ckanapi.errors import CKANAPIError, NotFound
from marshmallow import fields, validate

from hub.harvesters.backends._ckan_map import map_package
from hub.harvesters.backends._dcat_fields import SourceConfig, moment, note, text
from hub.harvesters.base import Backend, GatherFailed, HarvestContext, MappedDataset, RemoteItem
from hub.harvesters.registry import register

FULL_SORT = "id asc"
CHANGED_SORT = "metadata_modified asc, id asc"
LISTING_FIELDS = ["id", "metadata_modified", "title"]  # two or more: CKAN joins a list
USER_AGENT = "hub-harvester (ckanapi)"
_ERRORS = (CKANAPIError, requests.RequestException, ValueError, TypeError)


class CkanConfig(SourceConfig):
    rows = fields.Integer(load_default=1000, validate=validate.Range(min=1, max=1000))


def _id(entry: Any) -> str | None:
    """A result's id: a dict's ``id``, or the bare id some CKAN versions give with ``fl``."""
    value = entry.get("id") if isinstance(entry, dict) else entry
    return text(value, 200) if isinstance(value, str) else None


class _Walk:
    """``package_search`` paged from the start; ``moved`` tells whether ``count`` did."""

    def __init__(self, ckan: ckanapi.RemoteCKAN, rows: int, url: str) -> None:
        self.ckan, self.rows, self.url = ckan, rows, url

    def pages(self, sort: str, fq: str | None, fl: list[str] | None) -> Iterator[list[Any]]:
        start, counts = 0, set()
        seen: set[str] = set()
        self.moved = False
        while True:
            params: dict[str, Any] = {"rows": self.rows, "start": start, "sort": sort}
            if fq:
                params["fq"] = fq
            if fl:
                params["fl"] = fl
            try:
                result = self.ckan.action.package_search(**params)
            except _ERRORS as exc:
                raise GatherFailed(
                    "Không liệt kê được bộ dữ liệu / package_search failed: "
                    f"{self.url}: {str(exc)[:300]}"
                ) from None
            results = result.get("results") if isinstance(result, dict) else None
            count = result.get("count") if isinstance(result, dict) else None
            if not isinstance(results, list) or not isinstance(count, int):
                raise GatherFailed(
                    f"Trả lời không hợp lệ / package_search gave no results and count: {self.url}"
                )
            counts.add(count)
            self.moved = len(counts) > 1
            fresh = [r for r in results if _id(r) and _id(r) not in seen]
            seen.update(_id(r) for r in fresh)
            if not fresh:  # empty, or a page of repeats: the server is not advancing
                return
            yield fresh
            start += len(results)
            if start >= count:
                return

    def entries(
        self, seen: set[str], sort: str, fq: str | None = None, fl: list[str] | None = None
    ) -> Iterator[Any]:
        """Every result not in ``seen`` (added to it); walked again if ``count`` moved."""
        for _ in range(2):
            for page in self.pages(sort, fq, fl):
                for entry in page:
                    if _id(entry) not in seen:
                        seen.add(_id(entry))
                        yield entry
            if not self.moved:
                return


@register
class CkanBackend(Backend):
    name = "ckan"
    title = ("CKAN (Action API)", "CKAN (Action API)")
    config_schema = CkanConfig
    lists_everything = True

    def gather(self, ctx: HarvestContext) -> Iterator[RemoteItem]:
        url = ctx.url.rstrip("/")
        session = ctx.remote.requests_session()
        ckan = ckanapi.RemoteCKAN(url, session=session, get_only=True, user_agent=USER_AGENT)
        walk = _Walk(ckan, int(ctx.config.get("rows") or 1000), url)
        seen: set[str] = set()
        if ctx.since is None:
            for package in walk.entries(seen, FULL_SORT):
                yield _item(package, package)
            return
        since = ctx.since if ctx.since.tzinfo else ctx.since.replace(tzinfo=UTC)
        stamp = since.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        for package in walk.entries(seen, CHANGED_SORT, fq=f"metadata_modified:[{stamp} TO *]"):
            yield _item(package, package)
        for entry in walk.entries(seen, FULL_SORT, fl=LISTING_FIELDS):
            when = moment(entry.get("metadata_modified")) if isinstance(entry, dict) else None
            if when is not None and when >= since:
                package = _show(ckan, url, str(_id(entry)))
                if package is None:  # deleted meanwhile
                    note(ctx, str(_id(entry)), "package_show", "không còn / gone")
                    continue
                yield _item(package, package)
            else:
                yield _item(entry, None)

    def map_item(self, ctx: HarvestContext, item: RemoteItem) -> MappedDataset:
        return map_package(ctx, item.payload)


def _item(entry: Any, payload: dict[str, Any] | None) -> RemoteItem:
    info = entry if isinstance(entry, dict) else {}
    return RemoteItem(
        remote_id=str(_id(entry)),
        payload=payload,
        modified=moment(info.get("metadata_modified")),
        title=text(info.get("title"), 500),
    )


def _show(ckan: ckanapi.RemoteCKAN, url: str, package_id: str) -> dict[str, Any] | None:
    try:
        found = ckan.action.package_show(id=package_id)
    except NotFound:
        return None
    except _ERRORS as exc:
        raise GatherFailed(
            "Không đọc được bộ dữ liệu / package_show failed: "
            f"{url}: {package_id}: {str(exc)[:300]}"
        ) from None
    if not isinstance(found, dict):
        raise GatherFailed(
            f"Trả lời không hợp lệ / package_show gave no package: {url}: {package_id}"
        )
    return found
