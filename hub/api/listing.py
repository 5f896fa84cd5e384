"""List conventions: ``limit``, opaque signed keyset cursors, ``next`` links, opt-in counts.

A cursor holds the sort-key values of the last item of a page, signed with the
app's secret, so a client cannot forge one into another query, and a tampered
cursor is a 400 rather than a wrong page.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from flask import current_app, request
from sqlalchemy import ColumnElement, Select, and_, func, or_, select, tuple_
from sqlalchemy.orm import Session

from hub.errors import BadRequest, FieldError

DEFAULT_LIMIT, MAX_LIMIT = 20, 1000


@dataclass(frozen=True)
class SortKey:
    column: Any
    value_of: Callable[[Any], Any]  # item -> JSON-safe value
    parse: Callable[[Any], Any]  # JSON value -> column value
    descending: bool = False


@dataclass(frozen=True)
class Page:
    items: list[Any]
    next_cursor: str | None
    count: int | None


def _bad(name: str, message: str) -> BadRequest:
    return BadRequest(f"Bad parameter '{name}': {message}", errors=[FieldError(name, message)])


def parse_limit(args: Mapping[str, str]) -> int:
    raw = args.get("limit")
    if raw is None:
        return DEFAULT_LIMIT
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_LIMIT:
        raise _bad("limit", f"an integer from 1 to {MAX_LIMIT}")
    return int(raw)


def parse_flag(args: Mapping[str, str], name: str) -> bool:
    raw = args.get(name, "false").lower()
    if raw not in {"true", "false", "1", "0"}:
        raise _bad(name, "true or false")
    return raw in {"true", "1"}


def _sign(payload: bytes) -> bytes:
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, payload, hashlib.sha256).digest()[:16]


def encode_cursor(values: Sequence[Any]) -> str:
    payload = json.dumps(list(values), separators=(",", ":")).encode()
    b64 = base64.urlsafe_b64encode
    return f"{b64(payload).decode().rstrip('=')}.{b64(_sign(payload)).decode().rstrip('=')}"


def decode_cursor(cursor: str, keys: Sequence[SortKey]) -> list[Any]:
    try:
        body, sig = cursor.split(".", 1)
        payload = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        signature = base64.urlsafe_b64decode(sig + "=" * (-len(sig) % 4))
        if not hmac.compare_digest(signature, _sign(payload)):
            raise ValueError("bad signature")
        values = json.loads(payload)
        if not isinstance(values, list) or len(values) != len(keys):
            raise ValueError("wrong shape")
        return [key.parse(value) for key, value in zip(keys, values, strict=True)]
    except (ValueError, TypeError, UnicodeDecodeError):
        raise _bad("cursor", "not a cursor this list gave out") from None


def _after(keys: Sequence[SortKey], values: Sequence[Any]) -> ColumnElement[bool]:
    """Rows strictly after ``values`` in the (possibly mixed-direction) key order."""
    if len({key.descending for key in keys}) == 1:
        # A row-value comparison walks a matching index from the cursor on; the OR form
        # below makes PostgreSQL scan every row that ties on the first key.
        columns, bound = tuple_(*(k.column for k in keys)), tuple(values)
        return columns < bound if keys[0].descending else columns > bound
    clauses = []
    for i, key in enumerate(keys):
        equal = [keys[j].column == values[j] for j in range(i)]
        step = key.column < values[i] if key.descending else key.column > values[i]
        clauses.append(and_(*equal, step))
    return or_(*clauses)


def paginate(
    session: Session, query: Select, keys: Sequence[SortKey], args: Mapping[str, str]
) -> Page:
    limit = parse_limit(args)
    want_count = parse_flag(args, "count")
    count = None
    if want_count:
        count = session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    cursor = args.get("cursor")
    if cursor:
        query = query.where(_after(keys, decode_cursor(cursor, keys)))
    order = [k.column.desc() if k.descending else k.column.asc() for k in keys]
    result = session.execute(query.order_by(*order).limit(limit + 1))
    # One entity or column selected: the items are its values; several: the rows.
    single = len(query.column_descriptions) == 1
    rows = list(result.scalars().unique()) if single else list(result)
    items = rows[:limit]
    next_cursor = None
    if len(rows) > limit:
        next_cursor = encode_cursor([k.value_of(items[-1]) for k in keys])
    return Page(items, next_cursor, count)


def page_body(page: Page, items: list[Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """The list body (``data``, ``next``, optional ``count``) and its Link header."""
    body: dict[str, Any] = {"data": items, "next": None}
    headers: dict[str, str] = {}
    if page.next_cursor:
        args = {k: v for k, v in request.args.items() if k != "cursor"}
        args["cursor"] = page.next_cursor
        base = current_app.config["HUB_BASE_URL"]
        body["next"] = f"{base}{request.path}?{urlencode(args)}"
        headers["Link"] = f'<{body["next"]}>; rel="next"'
    if page.count is not None:
        body["count"] = page.count
    return body, headers
