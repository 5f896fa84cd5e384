"""The CKAN Action API (``/api/3/action/<name>`` and ``/api/action/<name>``).

Parses GET query parameters or a POST body (JSON, form fields, multipart with files),
runs the action and answers in CKAN's envelope, errors included, so that ``ckanapi``
and the CKAN harvesters read it as a CKAN site. Never redirects: ``ckanapi`` posts
with redirects off.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from flask import Blueprint, Response, current_app, request

from hub.api.auth import current_principal
from hub.ckan.errors import BadRequest, CkanError, NotAuthorized, NotFound, ValidationError
from hub.ckan.registry import Call, load_actions
from hub.db import get_session
from hub.errors import (
    HubError,
    PermissionDenied,
    TooManyRequests,
    Unauthenticated,
)
from hub.errors import NotFound as HubNotFound

log = logging.getLogger(__name__)
bp = Blueprint("ckan", __name__)


def _help(name: str) -> str:
    return f"{current_app.config['HUB_BASE_URL']}/api/3/action/help_show?name={name}"


def _answer(body: dict[str, Any], status: int = 200) -> Response:
    return Response(
        json.dumps(body, ensure_ascii=False, default=str),
        status=status,
        mimetype="application/json",
    )


def _failure(name: str, error: CkanError, headers: dict[str, str] | None = None) -> Response:
    response = _answer({"help": _help(name), "success": False, "error": error.body()}, error.status)
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response


def _from_hub(error: HubError) -> CkanError:
    if isinstance(error, HubNotFound):
        return NotFound(error.detail)
    if isinstance(error, PermissionDenied | Unauthenticated):
        return NotAuthorized(error.detail)
    fields: dict[str, list[str]] = {}
    for item in error.errors:
        fields.setdefault(item.field or "__all__", []).append(item.message)
    if error.status == 400 and not fields:
        return BadRequest(error.detail)
    return ValidationError(error.detail, fields)


def _params() -> tuple[dict[str, Any], dict[str, Any]]:
    """(parameters, uploaded files) of the request, as CKAN reads them."""
    if request.method == "GET":
        return _flat(request.args), {}
    if request.files or request.mimetype in (
        "multipart/form-data",
        "application/x-www-form-urlencoded",
    ):
        return _flat(request.form), dict(request.files)
    raw = request.get_data(cache=False)
    if not raw.strip():
        return {}, {}
    try:
        body = json.loads(raw)
    except (UnicodeDecodeError, ValueError) as exc:
        raise BadRequest(f"Bad request - JSON Error: could not decode the body ({exc}).") from None
    if not isinstance(body, dict):
        raise BadRequest(
            "Bad request - JSON Error: the body decoded to "
            f"{type(body).__name__}, but a dictionary was required."
        )
    return body, {}


def _flat(multi: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in multi:
        values = multi.getlist(key)
        out[key] = values[0] if len(values) == 1 else values
    return out


@bp.route("/api/3/action/<name>", methods=["GET", "POST"], strict_slashes=False)
@bp.route("/api/action/<name>", methods=["GET", "POST"], strict_slashes=False)
def run_action(name: str) -> Response:
    actions = load_actions()
    found = actions.get(name)
    if found is None:
        return _failure(name, BadRequest(f"Action name not known: {name}"))
    if found.writes and request.method != "POST":
        # As CKAN: a link followed, a prefetch or a crawler never changes data.
        return _failure(name, BadRequest(f"Bad request - {name} changes data: use POST."))
    try:
        params, files = _params()
        call = Call(
            session=get_session(),
            actor=current_principal(),
            params=params,
            files=files,
            base_url=current_app.config["HUB_BASE_URL"],
        )
        result = found.handler(call)
    except CkanError as exc:
        get_session().rollback()
        return _failure(name, exc)
    except TooManyRequests as exc:
        get_session().rollback()
        error = CkanError(exc.detail)
        error.status, error.kind = 429, "Too Many Requests"
        return _failure(name, error, {"Retry-After": str(exc.retry_after)})
    except HubError as exc:
        get_session().rollback()
        return _failure(name, _from_hub(exc))
    except Exception:
        log.exception("CKAN action %s failed", name)
        get_session().rollback()
        return _failure(name, CkanError("An unexpected error occurred."))
    if isinstance(result, Response):  # an action that streams (records as CSV)
        return result
    return _answer({"help": _help(name), "success": True, "result": result})


@bp.errorhandler(HubError)
def _refused_before_the_action(exc: HubError) -> Response:
    """Errors raised before ``run_action`` runs (a bad token in the request hook) still
    answer in CKAN's envelope, so clients raise NotAuthorized, not a generic error."""
    name = (request.view_args or {}).get("name", "")
    if isinstance(exc, TooManyRequests):
        error = CkanError(exc.detail)
        error.status, error.kind = 429, "Too Many Requests"
        return _failure(name, error, {"Retry-After": str(exc.retry_after)})
    return _failure(name, _from_hub(exc))


@bp.route("/api/3", methods=["GET"], strict_slashes=False)
@bp.route("/api/3/action", methods=["GET"], strict_slashes=False)
def api_version() -> Response:
    return _answer({"version": 3})
