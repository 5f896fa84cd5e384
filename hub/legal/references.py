"""The documents named in a relation cell or a dataset's legal basis."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from hub.legal.numbers import NumberError, extract_references, parse_number, unique_references


@dataclass(frozen=True)
class ParsedReference:
    key: str
    number: str | None
    label: str
    date: date | None


def references_in(text: str | None) -> list[ParsedReference]:
    """The documents a relation cell names, in order, each once.

    The cell may be prose ("Căn cứ Nghị định số 43/2011/NĐ-CP ngày 13/6/2011 ...") or a
    list of bare numbers separated by ";" or new lines; a part that names nothing the
    extractor knows is kept when it parses as a number on its own.
    """
    if not text:
        return []
    found: list[ParsedReference] = []
    for part in (p.strip() for p in text.replace("\n", ";").split(";")):
        if not part:
            continue
        refs = unique_references(extract_references(part))
        if refs:
            found += [
                ParsedReference(
                    r.key,
                    r.number.canonical if r.number else None,
                    " ".join(part[r.start : r.end].split()),
                    r.date,
                )
                for r in refs
            ]
            continue
        try:
            number = parse_number(part)
        except NumberError:
            continue
        found.append(ParsedReference(number.key, number.canonical, part, None))
    seen: set[str] = set()
    return [r for r in found if not (r.key in seen or seen.add(r.key))]
