"""Cell values as offices write them: Vietnamese numbers and dates, code labels.

Each converter takes a raw cell (text from CSV, a typed value from XLSX or JSON)
and returns the stored value or raises ``ValueError`` with a message for the
validation report. They are plain functions so that a million rows convert fast;
the marshmallow fields of ``hub.records.schema`` call the same functions.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal, InvalidOperation
from typing import Any

from hub.legal.numbers import NumberError, parse_number
from hub.records.html import sanitize_html
from hub.text import fold, nfc

Converter = Callable[[Any], Any]

_GROUPED_DOT = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$")  # 1.234.567,89
_GROUPED_COMMA = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")  # 1,234,567.89
_SPACES = re.compile(r"[\s\u00a0\u202f']")  # 1 234 567 and 1'234'567 group digits too
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SEPARATORS = re.compile(r"[,\s\u00a0\u202f']")
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_YMD = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_DMY_TIME = re.compile(
    r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T,]+(\d{1,2})[:hH](\d{2})(?::(\d{2}))?)?$"
)
_TIME = re.compile(r"^(\d{1,2})\s*(?::|h|gio)\s*(\d{2})?\s*(?:phut)?$")
_URL_BAD = re.compile(r"[\s<>\"\x00-\x1f]")
URL_MAX_LENGTH = 2000
# Viet Nam keeps one offset all year (no daylight saving).
PROVINCE_TZ = timezone(timedelta(hours=7), "ICT")


def number_text(raw: str) -> str:
    """Vietnamese and international number writing to the plain form ``1234567.89``.

    Vietnamese uses ``.`` for thousands and ``,`` for decimals. A lone separator is
    read the Vietnamese way: ``1.234`` is one thousand two hundred and thirty-four
    when followed by exactly three digits, ``2,5`` is two and a half. Both separators
    present: the last one is the decimal mark.
    """
    text = _SPACES.sub("", raw)
    if _GROUPED_DOT.match(text):
        return text.replace(".", "").replace(",", ".")
    if _GROUPED_COMMA.match(text) and "." in text:
        return text.replace(",", "")
    if "," in text and "." not in text:
        return text.replace(",", ".")
    return text


def _text(raw: Any) -> str | None:
    if raw is None:
        return None
    text = raw.strip() if isinstance(raw, str) else str(raw)
    return text or None


def to_string(raw: Any) -> str | None:
    if type(raw) is str:  # the common case first: a CSV cell
        text = raw.strip()
    else:
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)  # a spreadsheet's 2024.0 is the code "2024"
        text = _text(raw) or ""
    if not text:
        return None
    if _CONTROL.search(text):  # NUL and friends: PostgreSQL refuses them, and no text has them
        raise ValueError("contains a control character")
    return nfc(text)


def to_integer(raw: Any) -> int | None:
    if isinstance(raw, bool):
        raise ValueError("not an integer")
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float):
        if raw.is_integer():
            return int(raw)
        raise ValueError("not an integer")
    text = _text(raw)
    if text is None:
        return None
    plain = number_text(text)
    try:
        return int(plain)
    except ValueError:
        try:
            value = Decimal(plain)
        except InvalidOperation:
            raise ValueError("not an integer") from None
        if value != value.to_integral_value():
            raise ValueError("not an integer") from None
        return int(value)


def to_number(raw: Any) -> float | None:
    if type(raw) is str:
        text = raw.strip()
        if not text:
            return None
        dot = text.rfind(".")
        if _SEPARATORS.search(text) or (dot != -1 and len(text) - dot == 4):
            text = number_text(text)  # separators to read the Vietnamese way
        try:
            value = float(text)
        except ValueError:
            raise ValueError("not a number") from None
    elif isinstance(raw, bool):
        raise ValueError("not a number")
    elif isinstance(raw, int | float):
        value = float(raw)
    elif raw is None:
        return None
    else:
        return to_number(str(raw))
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError("not a finite number")
    return value


def to_date(raw: Any) -> date | None:
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    text = _text(raw)
    if text is None:
        return None
    match = _DMY.match(text) or None
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            return date(year, month, day)
        match = _YMD.match(text[:10])
        if match and (len(text) == 10 or text[10] in "T "):
            return date(*(int(g) for g in match.groups()))
    except ValueError:
        raise ValueError("not a real date") from None
    raise ValueError("not a date (dd/mm/yyyy or yyyy-mm-dd)")


def to_year(raw: Any) -> int | None:
    value = to_integer(raw)
    if value is not None and not 1800 <= value <= 2200:
        raise ValueError("not a year")
    return value


_TRUE = {"1", "true", "yes", "co", "x", "dung"}
_FALSE = {"0", "false", "no", "khong", "sai"}


def to_boolean(raw: Any) -> bool | None:
    if isinstance(raw, bool):
        return raw
    text = _text(raw)
    if text is None:
        return None
    folded = fold(text)
    if folded in _TRUE:
        return True
    if folded in _FALSE:
        return False
    raise ValueError("not yes/no (có/không)")


def to_document_number(raw: Any) -> str | None:
    """A document number in its canonical form (``47/2020/NĐ-CP``), whatever the writing."""
    text = to_string(raw)
    if text is None:
        return None
    try:
        return parse_number(text).canonical
    except NumberError as exc:
        raise ValueError(f"not a document number: {exc}") from None


def to_url(raw: Any) -> str | None:
    text = to_string(raw)
    if text is None:
        return None
    if len(text) > URL_MAX_LENGTH:
        raise ValueError(f"a URL longer than {URL_MAX_LENGTH} characters")
    scheme, _, rest = text.partition("://")
    if scheme.lower() not in ("http", "https") or not rest or _URL_BAD.search(text):
        raise ValueError("not an http(s) URL")
    return text


def to_html(raw: Any) -> str | None:
    """HTML kept to a safe subset: no script, no event handlers, no javascript: URLs."""
    text = to_string(raw)
    if text is None:
        return None
    cleaned = sanitize_html(text).strip()
    return cleaned or None


def to_datetime(raw: Any) -> str | None:
    """An instant as ISO 8601 in province time, e.g. ``2026-11-22T08:30:00+07:00``.

    Kept as text in that one offset, so that text order is time order in every database.
    Written without an offset, a time is province time; a date alone is its midnight.
    """
    if isinstance(raw, datetime):
        moment = raw
    elif isinstance(raw, date):
        moment = datetime(raw.year, raw.month, raw.day)
    else:
        text = _text(raw)
        if text is None:
            return None
        moment = _parse_datetime(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=PROVINCE_TZ)
    return moment.astimezone(PROVINCE_TZ).replace(microsecond=0).isoformat()


def _parse_datetime(text: str) -> datetime:
    match = _DMY_TIME.match(text)
    try:
        if match:
            day, month, year, hour, minute, second = match.groups()
            return datetime(
                int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0)
            )
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError("not a date and time (dd/mm/yyyy hh:mm or ISO 8601)") from None


def to_time(raw: Any) -> str | None:
    """A time of day as ``HH:MM``; accepts ``8:30``, ``8h30``, ``8 giờ 30``."""
    if isinstance(raw, time):
        return raw.strftime("%H:%M")
    text = _text(raw)
    if text is None:
        return None
    match = _TIME.match(fold(text))
    if not match:
        raise ValueError("not a time of day (hh:mm)")
    hour, minute = int(match[1]), int(match[2] or 0)
    if hour > 23 or minute > 59:
        raise ValueError("not a time of day (hh:mm)")
    return f"{hour:02d}:{minute:02d}"


CONVERTERS: dict[str, Converter] = {
    "string": to_string,
    "text": to_string,
    "integer": to_integer,
    "number": to_number,
    "date": to_date,
    "year": to_year,
    "boolean": to_boolean,
    "document_number": to_document_number,
    "url": to_url,
    "html": to_html,
    "datetime": to_datetime,
    "time": to_time,
}
# Types stored as text (one column of the database's text type).
TEXT_TYPES = frozenset({"string", "text", "document_number", "url", "html", "datetime", "time"})
