"""Rules across the fields of one record, for the record types that have them.

A field's own rules (type, code list, range, length) live in its schema file; a rule
that relates two fields is a function here, keyed by record type, returning the
problems of one converted record as ``(field, message)`` pairs.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from hub.records.values import PROVINCE_TZ

RowRule = Callable[[dict[str, Any]], list[tuple[str, str]]]


def province_today() -> date:
    return datetime.now(PROVINCE_TZ).date()


def draft_for_comment(record: dict[str, Any]) -> list[tuple[str, str]]:
    """The comment period runs forward, and comments are published once it has closed."""
    problems = []
    opens, closes = record.get("OPENS"), record.get("CLOSES")
    if opens and closes and closes < opens:
        problems.append(("CLOSES", "the comment period closes before it opens"))
    if closes and closes >= province_today():
        for name in ("COMMENTS_RECEIVED", "COMMENTS_SUMMARY"):
            if record.get(name) not in (None, ""):
                problems.append((name, "comments are published once the comment period closes"))
    return problems


ROW_RULES: dict[str, RowRule] = {"draft_for_comment": draft_for_comment}
