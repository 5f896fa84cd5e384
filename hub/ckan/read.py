"""Read actions: site, packages, resources, organizations, groups (themes), tags,
licences. Lists follow CKAN's parameters (limit, offset, all_fields, sort)."""

from __future__ import annotations

import uuid
from collections import Counter
from typing import Any

from sqlalchemy import func, select

from hub.ckan.errors import NotFound, ValidationError
from hub.ckan.packages import (
    ckan_time,
    group_dict,
    licence_dict,
    organization_dict,
    package_dict,
    resource_dict,
    theme_of_group,
)
from hub.ckan.registry import ACTIONS, Call, action
from hub.datasets import organizations as orgs
from hub.datasets import service as datasets
from hub.datasets.models import Dataset, Distribution, Organization
from hub.datasets.vocab import LICENCES, THEMES
from hub.errors import NotFound as HubNotFound

MAX_LIST = 1000


def _public(actor: Any) -> Any:
    return datasets.visible_to(actor)


@action("site_read")
def site_read(call: Call) -> bool:
    """Whether the site may be read: always true."""
    return True


@action("status_show")
def status_show(call: Call) -> dict[str, Any]:
    """What this site is: CKAN API version, site URL and the extensions it emulates."""
    return {
        "ckan_version": "2.10.0",
        "site_url": call.base_url,
        "site_title": "Minh Hòa open data hub",
        "site_description": "Cổng dữ liệu mở của tỉnh · Provincial open data hub",
        "locale_default": "vi",
        "extensions": ["datastore", "dcat"],
        "api_version": 3,
    }


@action("help_show")
def help_show(call: Call) -> str:
    """The documentation of an action: help_show?name=package_search."""
    name = call.require("name")
    found = ACTIONS.get(str(name))
    if found is None:
        raise NotFound(f"Action function not found: {name}")
    return found.help


def _page(call: Call, default: int | None = None) -> tuple[int | None, int]:
    limit = call.params.get("limit")
    limit_value = None if limit in (None, "") else call.integer("limit", MAX_LIST, 0, MAX_LIST)
    return limit_value if limit_value is not None else default, call.integer("offset", 0, 0)


@action("package_list")
def package_list(call: Call) -> list[str]:
    """Names of the published open datasets, by name; limit and offset page them."""
    limit, offset = _page(call)
    query = (
        select(Dataset.slug)
        .where(_public(call.actor))
        .where(Dataset.state == "published")
        .order_by(Dataset.slug)
        .offset(offset)
    )
    if limit is not None:
        query = query.limit(limit)
    return list(call.session.scalars(query))


@action("current_package_list_with_resources")
def current_package_list_with_resources(call: Call) -> list[dict[str, Any]]:
    """Published datasets with their resources, most recently modified first."""
    limit, offset = _page(call, default=10)
    query = (
        select(Dataset)
        .where(_public(call.actor))
        .where(Dataset.state == "published")
        .order_by(Dataset.metadata_modified.desc(), Dataset.id)
        .offset(offset)
        .limit(limit)
    )
    return [package_dict(d, call.base_url) for d in call.session.scalars(query)]


def _dataset(call: Call, ref: Any) -> Dataset:
    try:
        return datasets.get_dataset(call.session, call.actor, str(ref))
    except HubNotFound:
        raise NotFound("Not found") from None


@action("package_show")
def package_show(call: Call) -> dict[str, Any]:
    """One dataset by id or name, deleted ones included for those who may see them."""
    return package_dict(_dataset(call, call.require("id")), call.base_url)


@action("resource_show")
def resource_show(call: Call) -> dict[str, Any]:
    """One resource (distribution) by id."""
    ref = str(call.require("id"))
    try:
        dist = call.session.get(Distribution, uuid.UUID(ref))
    except ValueError:
        dist = None
    if dist is None:
        raise NotFound("Resource was not found.")
    dataset = _dataset(call, dist.dataset_id)
    return resource_dict(dist, dataset, call.base_url)


def _package_counts(call: Call) -> Counter[uuid.UUID]:
    rows = call.session.execute(
        select(Dataset.organization_id, func.count())
        .where(_public(call.actor))
        .where(Dataset.state == "published")
        .group_by(Dataset.organization_id)
    )
    return Counter(dict(rows.all()))


def _sorted_orgs(call: Call, found: list[Organization]) -> list[Organization]:
    sort = str(call.get("sort", "title asc")).strip().lower()
    field, _, direction = sort.partition(" ")
    keys = {"name": lambda o: o.slug, "title": lambda o: o.title_vi, "package_count": None}
    if field not in keys:
        raise ValidationError(f"sort: cannot sort by {field}", {"sort": ["Invalid sort field"]})
    if field == "package_count":
        counts = _package_counts(call)
        ordered = sorted(found, key=lambda o: (counts[o.id], o.slug))
    else:
        ordered = sorted(found, key=keys[field])
    return ordered[::-1] if direction == "desc" else ordered


@action("organization_list")
def organization_list(call: Call) -> list[Any]:
    """Organizations (names, or dicts with all_fields=true); sort, limit, offset."""
    found = _sorted_orgs(call, orgs.list_organizations(call.session))
    wanted = call.get("organizations")
    if wanted:
        names = set(wanted if isinstance(wanted, list) else str(wanted).split(","))
        found = [o for o in found if o.slug in names]
    limit, offset = _page(call)
    found = found[offset : offset + limit] if limit is not None else found[offset:]
    if not call.flag("all_fields"):
        return [o.slug for o in found]
    counts = _package_counts(call)
    return [organization_dict(o, call.base_url, counts[o.id]) for o in found]


@action("organization_show")
def organization_show(call: Call) -> dict[str, Any]:
    """One organization by id or name; include_datasets lists its datasets (up to 1000)."""
    org = orgs.find_organization(call.session, str(call.require("id")))
    if org is None:
        raise NotFound("Organization was not found.")
    visible = (
        select(Dataset)
        .where(Dataset.organization_id == org.id)
        .where(_public(call.actor))
        .where(Dataset.state != "deleted")
    )
    out = organization_dict(org, call.base_url, _package_counts(call)[org.id])
    if call.flag("include_datasets", False):
        query = visible.order_by(Dataset.metadata_modified.desc()).limit(MAX_LIST)
        out["packages"] = [package_dict(d, call.base_url) for d in call.session.scalars(query)]
    out["users"] = []
    return out


def _theme_counts(call: Call) -> Counter[str]:
    counts: Counter[str] = Counter()
    query = select(Dataset.themes).where(_public(call.actor)).where(Dataset.state == "published")
    for themes in call.session.scalars(query):
        counts.update(set(themes or []))
    return counts


@action("group_list")
def group_list(call: Call) -> list[Any]:
    """Groups: the hub's themes (EU data themes)."""
    codes = sorted(THEMES)
    limit, offset = _page(call)
    codes = codes[offset : offset + limit] if limit is not None else codes[offset:]
    if not call.flag("all_fields"):
        return [c.lower() for c in codes]
    counts = _theme_counts(call)
    return [group_dict(c, counts[c]) for c in codes]


@action("group_show")
def group_show(call: Call) -> dict[str, Any]:
    """One theme as a group; include_datasets lists its published datasets."""
    code = theme_of_group(str(call.require("id")))
    if code is None:
        raise NotFound("Group was not found.")
    out = group_dict(code, _theme_counts(call)[code])
    if call.flag("include_datasets", False):
        query = (
            select(Dataset)
            .where(_public(call.actor))
            .where(Dataset.state == "published")
            .order_by(Dataset.metadata_modified.desc())
        )
        out["packages"] = [
            package_dict(d, call.base_url)
            for d in call.session.scalars(query)
            if code in (d.themes or [])
        ][:MAX_LIST]
    return out


@action("tag_list")
def tag_list(call: Call) -> list[Any]:
    """Keywords of published datasets; query filters by a folded prefix or part."""
    from hub.search.text import fold

    counts: Counter[str] = Counter()
    query = select(Dataset.keywords).where(_public(call.actor)).where(Dataset.state == "published")
    for keywords in call.session.scalars(query):
        counts.update(set(keywords or []))
    wanted = fold(str(call.get("query", ""))).strip()
    names = sorted(n for n in counts if not wanted or wanted in fold(n))
    if call.flag("all_fields"):
        return [{"id": n, "name": n, "display_name": n, "vocabulary_id": None} for n in names]
    return names


@action("license_list")
def license_list(call: Call) -> list[dict[str, Any]]:
    """The licences datasets may carry."""
    return [licence_dict(code) for code in LICENCES]


def _revisions(call: Call) -> tuple[Dataset, list[Any]]:
    dataset = _dataset(call, call.require("id"))
    return dataset, datasets.revisions(call.session, call.actor, dataset.id)


@action("package_revision_list")
def package_revision_list(call: Call) -> list[dict[str, Any]]:
    """The revisions of a dataset, newest first (the hub keeps a snapshot of each)."""
    dataset, found = _revisions(call)
    return [
        {
            "id": f"{dataset.id}:{r.number}",
            "timestamp": ckan_time(r.created_at),
            "message": r.reason or "",
            "author": r.actor,
            "approved_timestamp": None,
            "action": r.action,
        }
        for r in reversed(found)
    ]


_ACTIVITY = {"create": "new package", "delete": "deleted package"}


@action("package_activity_list")
def package_activity_list(call: Call) -> list[dict[str, Any]]:
    """What happened to a dataset, newest first, as CKAN activity items."""
    dataset, found = _revisions(call)
    limit, offset = _page(call, default=31)
    items = [
        {
            "id": f"{dataset.id}:{r.number}",
            "timestamp": ckan_time(r.created_at),
            "user_id": r.actor,
            "object_id": str(dataset.id),
            "activity_type": _ACTIVITY.get(r.action, "changed package"),
            "data": {"action": r.action, "reason": r.reason},
        }
        for r in reversed(found)
    ]
    return items[offset : offset + limit] if limit is not None else items[offset:]
