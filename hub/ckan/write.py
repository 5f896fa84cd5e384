"""Write actions: packages and resources created, changed and deleted as CKAN does it.

A CKAN package dict is translated into the hub's dataset input and handed to the
dataset and distribution services, which own validation, permissions, revisions and
the audit trail. One action is one transaction: the services' own transactions join
an outer ``atomic`` here, so a package whose third resource is invalid leaves nothing.

Field mapping (CKAN -> hub): name -> slug, title -> title_vi, notes -> description_vi,
owner_org (id or name) -> organization, tags [{name}] -> keywords, groups [{name}]
(EU theme codes, any case) -> themes, license_id -> licence (CKAN's stock ids such as
``cc-by`` are accepted as aliases), url -> landing_page, version, maintainer /
maintainer_email -> contact_name / contact_email, extras [{key, value}] -> the
attributes of ``packages.EXTRAS`` (lists such as legal_basis as JSON text), resources
-> link distributions. Read-only keys that package_show emits (id, state, organization,
extras hub_state / issued / agency_code...) are ignored, so a shown dict can be sent
back; an unknown extras key is a validation error rather than silently lost data.

Review workflow (the hub does not model trusted organizations or auto-publication):

* package_create by a reviewer of the owner organization (an editor in scope, or an
  admin) publishes the dataset directly (submit + approve, both recorded);
* package_create by a publisher or harvester submits it: it lands as ``pending`` and
  waits for the editorial board (package_show shows state "draft", hub_state "pending");
* ``state: "draft"`` in package_create keeps the new dataset a draft, for anyone;
* updates never move a dataset through the workflow; who may edit a dataset in which
  state is the services' rule (publishers edit draft, rejected and withdrawn ones only).

Replacement and patching: package_update replaces every field (left-out fields are
cleared) and, when ``resources`` is given, replaces the resource list (matched by id;
unmatched existing resources are deleted); without ``resources`` the resources are kept
(CKAN 2.10+). package_patch changes only the given fields; each extras key counts as a
field of its own. New resources are appended: the hub's services offer no reordering.
``private`` is ignored (access_rights, an extra, says who may read a dataset); a file
of an uploaded resource cannot be replaced in place (resource_update/patch with
``upload`` is refused: delete the resource and create it again).

Validation errors are reported under CKAN's field names (``title``, ``owner_org``,
``tags``...); extras under their own key; resources as CKAN does, one dict per resource.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from sqlalchemy.orm import Session

from hub.auth.principal import Principal
from hub.ckan.errors import NotAuthorized, NotFound, ValidationError, field_error
from hub.ckan.packages import EXTRAS, package_dict, resource_dict, theme_of_group
from hub.ckan.registry import Call, action
from hub.datasets import distributions
from hub.datasets import service as datasets
from hub.datasets.models import Dataset, Distribution
from hub.datasets.vocab import LICENCES
from hub.db import atomic
from hub.errors import DuplicateSlug, FieldError, ValidationFailed
from hub.errors import NotFound as HubNotFound
from hub.files import get_file_store

# Top-level CKAN keys and the dataset input field each one fills.
_TOP = {
    "name": "slug",
    "title": "title_vi",
    "notes": "description_vi",
    "owner_org": "organization",
    "license_id": "licence",
    "url": "landing_page",
    "version": "version",
    "maintainer": "contact_name",
    "maintainer_email": "contact_email",
}
# Extras shown by package_show that are not input: the workflow state, the date of first
# publication and the organization's agency code.
_READ_ONLY_EXTRAS = frozenset({"hub_state", "issued", "agency_code"})
_INPUT_EXTRAS = {key: attr for key, attr in EXTRAS.items() if key not in _READ_ONLY_EXTRAS}
_LIST_EXTRAS = frozenset({"legal_basis", "language"})
# Hub field -> the CKAN name its errors are reported under.
_CKAN_NAME = {
    **{hub: ckan for ckan, hub in _TOP.items()},
    **{attr: key for key, attr in _INPUT_EXTRAS.items()},
    "keywords": "tags",
    "themes": "groups",
}
_RESOURCE_NAME = {"title_vi": "name", "description_vi": "description"}
# CKAN's stock licence ids (ckan/model/license.py) -> the hub's codes.
_LICENCE_ALIASES = {
    "cc-by": "CC-BY-4.0",
    "cc-by-sa": "CC-BY-SA-4.0",
    "cc-zero": "CC0-1.0",
    "odc-by": "ODC-BY-1.0",
    "odc-odbl": "ODbL-1.0",
    "odc-pddl": "PDDL-1.0",
    **{code.lower(): code for code in LICENCES},
}
DEFAULT_CONTENT_TYPE = "other"
SLUG_TAKEN = "That URL is already in use."
_LINK_KINDS = frozenset({"link", "api"})

# --- translating CKAN input ---------------------------------------------------------


def _list_of(value: Any, name: str) -> list[dict[str, Any]]:
    """A list of dicts, or a validation error on ``name`` (never a crash further down)."""
    if not isinstance(value, list):
        raise field_error(name, "Not a list")
    if any(not isinstance(entry, dict) for entry in value):
        raise field_error(name, "Each item must be a dictionary")
    return value


def _tags(params: Mapping[str, Any]) -> list[str]:
    if "tags" not in params and isinstance(params.get("tag_string"), str):
        return [t.strip() for t in params["tag_string"].split(",") if t.strip()]
    names = []
    for tag in _list_of(params.get("tags") or [], "tags"):
        name = tag.get("name")
        if not isinstance(name, str) or not name.strip():
            raise field_error("tags", "Each tag needs a name")
        names.append(name.strip())
    return list(dict.fromkeys(names))  # CKAN keeps a repeated tag once


def _themes(value: Any) -> list[str]:
    codes = []
    for group in _list_of(value or [], "groups"):
        ref = group.get("name") or group.get("id")
        code = theme_of_group(ref) if isinstance(ref, str) else None
        if code is None:
            raise field_error("groups", f"Group '{ref}' not found (use an EU data theme code)")
        codes.append(code)
    return list(dict.fromkeys(codes))


def _licence(value: Any) -> Any:
    if isinstance(value, str):
        return _LICENCE_ALIASES.get(value.strip().lower(), value) if value.strip() else None
    return value  # a wrong type is left for the schema to report


def _extra_value(key: str, value: Any) -> Any:
    if value is None or value == "":
        return None
    if key in _LIST_EXTRAS and isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            try:
                return json.loads(text)
            except ValueError:
                raise field_error(key, "Not a valid JSON list") from None
        return [part.strip() for part in text.split(",") if part.strip()]
    return value


def _extras(value: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for pair in _list_of(value or [], "extras"):
        key = pair.get("key")
        if not isinstance(key, str) or not key:
            raise field_error("extras", "Each extra needs a key")
        if key in _READ_ONLY_EXTRAS:
            continue
        if key not in _INPUT_EXTRAS:
            known = ", ".join(sorted(_INPUT_EXTRAS))
            raise field_error("extras", f"Unknown extra '{key}'; known keys: {known}")
        out[_INPUT_EXTRAS[key]] = _extra_value(key, pair.get("value"))
    return out


def dataset_input(params: Mapping[str, Any]) -> dict[str, Any]:
    """The hub's dataset input for the CKAN keys present in ``params`` (and only those)."""
    data: dict[str, Any] = {}
    for ckan_key, field in _TOP.items():
        if ckan_key in params:
            value = params[ckan_key]
            # CKAN clients send "" or null for an empty optional field; the hub uses null.
            data[field] = None if value == "" and field != "title_vi" else value
    if "licence" in data:
        data["licence"] = _licence(data["licence"])
    if "slug" in data and data["slug"] is None:
        del data["slug"]  # the hub names it from the title, as a form would
    if "tags" in params or "tag_string" in params:
        data["keywords"] = _tags(params)
    if "groups" in params:
        data["themes"] = _themes(params["groups"])
    if "extras" in params:
        data.update(_extras(params["extras"]))
    return data


# --- errors under CKAN's names ------------------------------------------------------


def _ckan_fields(error: ValidationFailed, names: Mapping[str, str]) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for item in error.errors:
        head = item.field.split(".", 1)[0]
        fields.setdefault(names.get(head, head or "__all__"), []).append(item.message)
    return fields


@contextmanager
def _ckan_errors() -> Iterator[None]:
    """Hub validation errors, renamed to CKAN's fields; a taken slug as CKAN says it."""
    try:
        yield
    except DuplicateSlug:
        raise ValidationError(SLUG_TAKEN, {"name": [SLUG_TAKEN]}) from None
    except ValidationFailed as exc:
        raise ValidationError(exc.detail, _ckan_fields(exc, _CKAN_NAME)) from None


def _require_writer(actor: Principal) -> None:
    if not actor.is_authenticated:
        raise NotAuthorized("Action requires an API token (send it in the Authorization header).")


# --- resources ----------------------------------------------------------------------


def _resource_values(res: Mapping[str, Any], existing: Distribution | None) -> dict[str, Any]:
    """Distribution input of a CKAN resource dict (replacement: absent means empty)."""
    url = res.get("url")
    name = res.get("name")
    if name in (None, "") and isinstance(url, str) and url.strip():
        name = url.rstrip("/").rsplit("/", 1)[-1] or url  # CKAN shows the URL's file name
    if name in (None, "") and existing is not None:
        name = existing.title_vi
    values: dict[str, Any] = {
        "title_vi": name,
        "title_en": res.get("title_en"),
        "description_vi": res.get("description"),
        "format": res.get("format"),
    }
    if existing is None or existing.kind in _LINK_KINDS:  # files and generated keep theirs
        _require_url(existing, url)
        values["url"] = url
        values["kind"] = "api" if res.get("resource_type") == "api" else "link"
    return values


def _resource_patch(res: Mapping[str, Any], dist: Distribution) -> dict[str, Any]:
    """Only the resource keys given (resource_patch)."""
    keys = {"name": "title_vi", "title_en": "title_en", "description": "description_vi"}
    keys["format"] = "format"
    if dist.kind in _LINK_KINDS:
        keys["url"] = "url"
    if "url" in keys and "url" in res:
        _require_url(dist, res["url"])
    return {field: res[key] for key, field in keys.items() if key in res}


def _require_url(existing: Distribution | None, url: Any) -> None:
    """A link keeps a URL (CKAN allows an empty one; a hub link without one is nothing)."""
    if existing is not None and url in (None, ""):
        raise ValidationFailed("Input is not valid.", errors=[FieldError("url", "Missing value")])


def _resource_error(exc: ValidationFailed) -> dict[str, list[str]]:
    return _ckan_fields(exc, _RESOURCE_NAME)


def _replace_resources(session: Session, actor: Principal, dataset: Dataset, given: Any) -> None:
    """Make the dataset's distributions the given list: update matched ids, add the rest,
    delete the ones not named. Errors come back one dict per resource, as CKAN's do."""
    items = _list_of(given, "resources")
    by_id = {str(d.id): d for d in dataset.distributions}
    errors: list[dict[str, list[str]]] = []
    kept: set[str] = set()
    for res in items:
        dist = by_id.get(str(res.get("id") or ""))
        try:
            if dist is None:
                distributions.add_link(session, actor, dataset.id, _resource_values(res, None))
            else:
                kept.add(str(dist.id))
                values = _resource_values(res, dist)
                distributions.update_distribution(session, actor, dataset.id, dist.id, values)
            errors.append({})
        except ValidationFailed as exc:
            errors.append(_resource_error(exc))
    if any(errors):  # CKAN's shape: one dict per resource, empty for the valid ones
        raise ValidationError("Resources are not valid.", {"resources": errors})  # type: ignore
    for dist_id in by_id.keys() - kept:
        distributions.delete_distribution(session, actor, dataset.id, dist_id)


def _distribution(call: Call, ref: Any) -> tuple[Dataset, Distribution]:
    """A resource by id, if its dataset is visible to the caller."""
    try:
        dist = call.session.get(Distribution, uuid.UUID(str(ref)))
    except ValueError:
        dist = None
    if dist is None:
        raise NotFound("Resource was not found.")
    try:
        dataset = datasets.get_dataset(call.session, call.actor, dist.dataset_id)
    except HubNotFound:
        raise NotFound("Resource was not found.") from None
    return dataset, dist


# --- packages -----------------------------------------------------------------------


def _publish_as_allowed(session: Session, actor: Principal, dataset: Dataset) -> None:
    """The module's workflow rule: reviewers publish, everyone else submits."""
    datasets.transition(session, actor, dataset.id, "submit")
    if actor.can_review(dataset.organization_id):
        datasets.transition(session, actor, dataset.id, "approve")


@atomic
def _create_package(session: Session, actor: Principal, params: Mapping[str, Any]) -> Dataset:
    data = dataset_input(params)
    data.setdefault("content_type", DEFAULT_CONTENT_TYPE)
    if data.get("organization") in (None, ""):
        raise field_error("owner_org", "Missing value")
    with _ckan_errors():
        dataset = datasets.create_dataset(session, actor, data)
    if params.get("resources") is not None:  # null reads as absent
        _replace_resources(session, actor, dataset, params["resources"])
    if params.get("state") != "draft":
        _publish_as_allowed(session, actor, dataset)
    return dataset


def _target(call: Call) -> Dataset:
    """The dataset an update names: by ``id``, else by ``name``."""
    ref = call.params.get("id") or call.params.get("name")
    if not isinstance(ref, str) or not ref.strip():
        raise field_error("id", "Missing value")
    try:
        return datasets.get_dataset(call.session, call.actor, ref)
    except HubNotFound:
        raise NotFound("Dataset was not found.") from None


@atomic
def _change_package(
    session: Session, actor: Principal, dataset: Dataset, params: Mapping[str, Any], partial: bool
) -> Dataset:
    data = dataset_input(params)
    if data.get("organization") in (None, ""):
        data.pop("organization", None)  # the service keeps the current organization
    with _ckan_errors():
        dataset = datasets.update_dataset(session, actor, dataset.id, data, partial=partial)
    if params.get("resources") is not None:  # null reads as absent
        _replace_resources(session, actor, dataset, params["resources"])
    return dataset


@action("package_create", writes=True)
def package_create(call: Call) -> dict[str, Any]:
    """Create a dataset from a CKAN package dict (name, title, notes, owner_org, tags,
    groups, license_id, url, version, maintainer, extras, resources). A reviewer's
    dataset is published; a publisher's is submitted for review (pending)."""
    _require_writer(call.actor)
    dataset = _create_package(call.session, call.actor, call.params)
    return package_dict(dataset, call.base_url)


@action("package_update", writes=True)
def package_update(call: Call) -> dict[str, Any]:
    """Replace a dataset (by id or name): fields left out are cleared; resources, when
    given, replace the list (matched by id)."""
    _require_writer(call.actor)
    dataset = _change_package(call.session, call.actor, _target(call), call.params, False)
    return package_dict(dataset, call.base_url)


@action("package_patch", writes=True)
def package_patch(call: Call) -> dict[str, Any]:
    """Change only the given fields of a dataset (by id or name)."""
    _require_writer(call.actor)
    dataset = _change_package(call.session, call.actor, _target(call), call.params, True)
    return package_dict(dataset, call.base_url)


@action("package_delete", writes=True)
def package_delete(call: Call) -> None:
    """Delete a dataset (by id or name): it becomes a tombstone its reviewers still see."""
    _require_writer(call.actor)
    ref = call.require("id")
    try:
        dataset = datasets.get_dataset(call.session, call.actor, str(ref))
    except HubNotFound:
        raise NotFound("Dataset was not found.") from None
    if dataset.state != "deleted":  # deleting twice succeeds, as in CKAN
        datasets.transition(call.session, call.actor, dataset.id, "delete")
    return None


# --- resource actions ---------------------------------------------------------------


def _upload_meta(call: Call) -> dict[str, Any]:
    keys = {"name": "title_vi", "title_en": "title_en", "description": "description_vi"}
    keys["format"] = "format"
    return {field: call.params[key] for key, field in keys.items() if call.params.get(key)}


def _with_resource_errors(run: Callable[[], Distribution]) -> Distribution:
    try:
        return run()
    except ValidationFailed as exc:
        raise ValidationError(exc.detail, _resource_error(exc)) from None


@action("resource_create", writes=True)
def resource_create(call: Call) -> dict[str, Any]:
    """Add a resource to a dataset (package_id): a link (url), or a file sent as a
    multipart upload in the field ``upload``."""
    _require_writer(call.actor)
    ref = call.require("package_id")
    try:
        dataset = datasets.get_dataset(call.session, call.actor, str(ref))
    except HubNotFound:
        raise NotFound("Dataset was not found.") from None
    upload = call.files.get("upload")
    if upload is not None:
        store, meta = get_file_store(), _upload_meta(call)
        dist = _with_resource_errors(
            lambda: distributions.add_file(
                call.session, call.actor, store, dataset.id, upload.stream, upload.filename, meta
            )
        )
    else:
        values = _resource_values(call.params, None)
        dist = _with_resource_errors(
            lambda: distributions.add_link(call.session, call.actor, dataset.id, values)
        )
    return resource_dict(dist, dataset, call.base_url)


def _change_resource(call: Call, partial: bool) -> dict[str, Any]:
    _require_writer(call.actor)
    dataset, dist = _distribution(call, call.require("id"))
    if call.files.get("upload") is not None:
        message = "Replacing an uploaded file is not supported: delete and create the resource."
        raise field_error("upload", message)

    def change() -> Distribution:
        values = (
            _resource_patch(call.params, dist) if partial else _resource_values(call.params, dist)
        )
        return distributions.update_distribution(
            call.session, call.actor, dataset.id, dist.id, values
        )

    _with_resource_errors(change)
    return resource_dict(dist, dataset, call.base_url)


@action("resource_update", writes=True)
def resource_update(call: Call) -> dict[str, Any]:
    """Replace a resource's name, description, format and (links) url, by resource id."""
    return _change_resource(call, partial=False)


@action("resource_patch", writes=True)
def resource_patch(call: Call) -> dict[str, Any]:
    """Change only the given fields of a resource, by resource id."""
    return _change_resource(call, partial=True)


@action("resource_delete", writes=True)
def resource_delete(call: Call) -> None:
    """Remove a resource from its dataset, by resource id."""
    _require_writer(call.actor)
    dataset, dist = _distribution(call, call.require("id"))
    distributions.delete_distribution(call.session, call.actor, dataset.id, dist.id)
    return None
