"""Harvest a DCAT catalog (DCAT-AP 2.x/3, the hub's own ``/catalog.ttl``) over HTTP.

Each page is fetched and parsed by ``_dcat_fetch`` (syntax from the Content-Type, RDF/XML
with a DOCTYPE or ENTITY refused, remote JSON-LD contexts fetched under the policy) and
read by ``DcatApProfile().parse``; the next page is followed in both Hydra forms.

Paging ends when a page has no next link. A next link already visited is a
``GatherFailed`` ("paging loop"), and so is a catalog with more than ``max_pages``
pages: either way the listing is incomplete, so the job stops short and withdraws
nothing (the items already listed are still saved by the framework).

remote id: ``dct:identifier`` when given, else the dataset IRI (a blank-node dataset
without an identifier has no stable identity: it is skipped with a note). ``parse`` is
called without a base URL, so every distribution is a link to its download URL (else
its access URL).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urldefrag

from marshmallow import fields, validate

from hub.datasets.vocab import LICENCES
from hub.harvesters.backends._dcat_fetch import fetch_page
from hub.harvesters.backends._dcat_fields import (
    SourceConfig,
    content_type,
    dataset_fields,
    distribution,
    licence_code,
    moment,
    note,
    text,
)
from hub.harvesters.base import (
    Backend,
    GatherFailed,
    HarvestContext,
    ItemFailed,
    MappedDataset,
    RemoteItem,
)
from hub.harvesters.registry import register
from hub.metadata.dcat import DcatApProfile

_COPIED = (
    "title_vi",
    "title_en",
    "description_vi",
    "description_en",
    "keywords",
    "themes",
    "access_rights",
    "frequency",
    "temporal_start",
    "temporal_end",
    "spatial",
    "contact_name",
    "contact_email",
    "contact_phone",
    "legal_basis",
    "citation",
    "landing_page",
    "version",
    "language",
)


class DcatConfig(SourceConfig):
    max_pages = fields.Integer(load_default=1000, validate=validate.Range(min=1, max=100_000))


@register
class DcatBackend(Backend):
    name = "dcat"
    title = ("Danh mục DCAT (RDF)", "DCAT catalog (RDF)")
    config_schema = DcatConfig
    lists_everything = True

    def gather(self, ctx: HarvestContext) -> Iterator[RemoteItem]:
        profile = DcatApProfile()
        max_pages = int(ctx.config.get("max_pages") or 1000)
        url: str | None = urldefrag(ctx.url)[0]
        visited: set[str] = set()
        seen: set[str] = set()
        pages = 0
        while url is not None:
            if url in visited:
                raise GatherFailed(f"Phân trang lặp vòng / paging loop: {url} was already read")
            if pages >= max_pages:
                raise GatherFailed(
                    f"Danh mục dài hơn {max_pages} trang / the catalog has more than "
                    f"{max_pages} pages (max_pages): the listing is incomplete"
                )
            visited.add(url)
            page = fetch_page(ctx.remote, url)
            visited.add(page.url)
            pages += 1
            for found in profile.parse(page.graph, None):
                remote_id = text(found.get("identifier"), 500) or found.get("iri")
                if not remote_id:
                    note(ctx, page.url, "dataset", "không có định danh / no identifier: skipped")
                    continue
                if remote_id in seen:
                    continue
                seen.add(remote_id)
                yield RemoteItem(
                    remote_id=remote_id,
                    payload=found,
                    modified=moment(found.get("modified")),
                    title=text(found.get("title_vi") or found.get("title_en"), 500),
                )
            url = page.next_url

    def map_item(self, ctx: HarvestContext, item: RemoteItem) -> MappedDataset:
        return map_dataset(ctx, item.remote_id, item.payload)


def map_dataset(ctx: HarvestContext, ref: str, found: Any) -> MappedDataset:
    """A ``parse_graph`` dataset dict as dataset fields and link distributions."""
    if not isinstance(found, dict):
        raise ItemFailed(f"{ref}: not a parsed DCAT dataset")
    raw: dict[str, Any] = {key: found.get(key) for key in _COPIED}
    raw["content_type"] = content_type(ctx)
    if not raw.get("contact_name") and found.get("publisher_name"):
        raw["contact_name"] = found["publisher_name"]
    licence = found.get("licence")
    if licence:
        code = licence if licence in LICENCES else licence_code(licence)
        if code:
            raw["licence"] = code
        else:
            note(
                ctx,
                ref,
                "licence",
                f"giấy phép không rõ {str(licence)[:200]!r}, dùng mặc định / "
                "unknown licence, the default is kept",
            )
    fields_ = dataset_fields(ctx, raw, ref)
    dists = []
    for dist in found.get("distributions") or []:
        made = distribution(
            ctx,
            ref,
            dist.get("url") or dist.get("download_url") or dist.get("access_url"),
            title=dist.get("title_vi"),
            fmt=dist.get("format") or dist.get("media_type"),
            description=dist.get("description_vi"),
            title_en=dist.get("title_en"),
        )
        if made is not None:
            dists.append(made)
    return MappedDataset(fields=fields_, distributions=tuple(dists))
