"""Harvest a DCAT-US / Project Open Data 1.1 ``data.json`` (as ``hub.metadata.datajson``
writes it, and as US federal and many city catalogs publish it).

One GET of the document lists everything: a body that is not JSON, or has no
``dataset`` array, is a ``GatherFailed``. remote id: the entry's ``identifier`` (an
entry without one cannot be followed from job to job: skipped with a note). An entry
that cannot be mapped (a title missing, a value of the wrong type) is an ``ItemFailed``
and the others go on.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from hub.datasets.vocab import THEMES
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
from hub.harvesters.remote import RemoteError
from hub.metadata.datajson import ACCESS_LEVELS, PERIODICITY
from hub.text import fold

ACCEPT = "application/json, application/ld+json;q=0.9, */*;q=0.1"
_FREQUENCIES = {value: code for code, value in PERIODICITY.items()}
_ACCESS = {value: code for code, value in ACCESS_LEVELS.items()}
_THEMES = {fold(label): code for code, term in THEMES.items() for label in (code, term.vi, term.en)}


class DataJsonConfig(SourceConfig):
    pass


@register
class DataJsonBackend(Backend):
    name = "datajson"
    title = ("DCAT-US data.json", "DCAT-US data.json")
    config_schema = DataJsonConfig
    lists_everything = True

    def gather(self, ctx: HarvestContext) -> Iterator[RemoteItem]:
        try:
            response = ctx.remote.get(ctx.url, accept=ACCEPT)
        except RemoteError as exc:
            raise GatherFailed(
                f"Không tải được data.json / data.json cannot be fetched: {exc}"
            ) from None
        try:
            document = json.loads(response.body)
        except ValueError as exc:
            raise GatherFailed(
                f"data.json không phải JSON / data.json is not JSON: {response.url}: {exc}"
            ) from None
        entries = document.get("dataset") if isinstance(document, dict) else None
        if not isinstance(entries, list):
            raise GatherFailed(
                f"data.json không có mảng dataset / data.json has no dataset array: {response.url}"
            )
        seen: set[str] = set()
        for number, entry in enumerate(entries):
            identifier = entry.get("identifier") if isinstance(entry, dict) else None
            remote_id = text(identifier, 500) if isinstance(identifier, str) else None
            if remote_id is None:
                note(ctx, f"dataset[{number}]", "identifier", "không có / missing: skipped")
                continue
            if remote_id in seen:
                note(ctx, remote_id, "identifier", "lặp lại / repeated: listed once")
                continue
            seen.add(remote_id)
            yield RemoteItem(
                remote_id=remote_id,
                payload=entry,
                modified=moment(entry.get("modified")),
                title=text(entry.get("title"), 500)
                if isinstance(entry.get("title"), str)
                else None,
            )

    def map_item(self, ctx: HarvestContext, item: RemoteItem) -> MappedDataset:
        return map_entry(ctx, item.remote_id, item.payload)


def _strings(entry: dict[str, Any], key: str, ref: str) -> list[str]:
    value = entry.get(key)
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    raise ItemFailed(f"{ref}: {key} is not a list of strings")


def _period(value: Any) -> tuple[str | None, str | None]:
    if not isinstance(value, str) or "/" not in value:
        return None, None
    start, end = value.split("/", 1)
    return (None if start == ".." else start), (None if end == ".." else end)


def map_entry(ctx: HarvestContext, ref: str, entry: Any) -> MappedDataset:
    """One POD 1.1 dataset object as dataset fields and link distributions."""
    if not isinstance(entry, dict):
        raise ItemFailed(f"{ref}: the entry is not an object")
    contact = entry.get("contactPoint") or {}
    if not isinstance(contact, dict):
        raise ItemFailed(f"{ref}: contactPoint is not an object")
    email = text(contact.get("hasEmail"))
    start, end = _period(entry.get("temporal"))
    raw: dict[str, Any] = {
        "content_type": content_type(ctx),
        "title_vi": entry.get("title"),
        "description_vi": entry.get("description"),
        "keywords": _strings(entry, "keyword", ref),
        "themes": sorted(
            {_THEMES[fold(t)] for t in _strings(entry, "theme", ref) if fold(t) in _THEMES}
        ),
        "temporal_start": start,
        "temporal_end": end,
        "spatial": entry.get("spatial"),
        "contact_name": contact.get("fn"),
        "contact_email": email[len("mailto:") :]
        if email and email.startswith("mailto:")
        else email,
        "landing_page": entry.get("landingPage"),
        "frequency": _FREQUENCIES.get(str(entry.get("accrualPeriodicity"))),
        "access_rights": _ACCESS.get(str(entry.get("accessLevel"))),
        "language": [v.split("-")[0] for v in _strings(entry, "language", ref)],
    }
    licence = entry.get("license")
    if licence:
        code = licence_code(licence)
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
    fields = dataset_fields(ctx, raw, ref)
    return MappedDataset(fields=fields, distributions=_distributions(ctx, ref, entry))


def _distributions(ctx: HarvestContext, ref: str, entry: dict[str, Any]) -> tuple[dict, ...]:
    given = entry.get("distribution") or []
    if not isinstance(given, list) or not all(isinstance(d, dict) for d in given):
        raise ItemFailed(f"{ref}: distribution is not a list of objects")
    found = []
    for dist in given:
        made = distribution(
            ctx,
            ref,
            dist.get("downloadURL") or dist.get("accessURL"),
            title=dist.get("title"),
            fmt=dist.get("format") or dist.get("mediaType"),
            description=dist.get("description"),
        )
        if made is not None:
            found.append(made)
    return tuple(found)
