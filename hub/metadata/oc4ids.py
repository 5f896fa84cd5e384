"""OC4IDS (Open Contracting for Infrastructure Data Standard 0.9) project package.

One project per record, built from the ``maps: {oc4ids: path}`` of the fields:
``a/b`` nests objects, a number indexes a list, ``parties[role=R]/name`` names a
party with role R (a party named twice gets both roles). Our codes are mapped to the
standard's codelists; a code without a faithful counterpart is left out of the
standard field and kept, with every sector and funding type, in
``additionalClassifications``. Years become the first and last moments of the year
in Vietnam's time zone, since the standard wants date-times.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any

from hub.metadata.datapackage import iso_datetime
from hub.records.published import PublishedTable
from hub.records.schema import FieldSpec
from hub.text import slugify

OC4IDS_VERSION = "0.9"
DEFAULT_CURRENCY = "VND"
VIETNAM_OFFSET = "+07:00"
# Our SECTOR codes -> projectSector (open codelist); no faithful code for urban, other.
SECTORS: dict[str, list[str]] = {
    "transport": ["transport"],
    "water": ["waterAndWaste"],
    "agriculture": ["economy"],  # "agribusiness, agriculture"
    "education": ["education"],
    "health": ["health"],
    "energy": ["energy"],
    "environment": ["economy"],  # "science and environment"
    "ict": ["communications"],
    "culture": ["cultureSportsAndRecreation"],
}
# Our PROJECT_TYPE codes -> projectType (closed codelist).
PROJECT_TYPES = {
    "construction": "construction",
    "rehabilitation": "rehabilitation",
    "expansion": "expansion",
    "replacement": "replacement",
}
# Our STATUS codes -> projectStatus (closed codelist).
STATUSES = {
    "preparing": "preparation",
    "in_progress": "implementation",
    "completed": "completion",
}
_PARTY_PATH = re.compile(r"^parties\[role=(\w+)\]/name$")


def _year_start(year: Any) -> str:
    return f"{int(year):04d}-01-01T00:00:00{VIETNAM_OFFSET}"


def _year_end(year: Any) -> str:
    return f"{int(year):04d}-12-31T23:59:59{VIETNAM_OFFSET}"


def _set(target: dict[str, Any], path: str, value: Any) -> None:
    """Set ``value`` at ``path`` (``a/0/b``), creating objects and lists on the way."""
    steps = path.split("/")
    node: Any = target
    for step, following in zip(steps, steps[1:], strict=False):
        empty: Any = [] if following.isdigit() else {}
        if isinstance(node, list):
            index = int(step)
            while len(node) <= index:
                node.append(None)
            if node[index] is None:
                node[index] = empty
            node = node[index]
        else:
            node = node.setdefault(step, empty)
    last = steps[-1]
    if isinstance(node, list):
        index = int(last)
        while len(node) <= index:
            node.append(None)
        node[index] = value
    else:
        node[last] = value


def _label(spec: FieldSpec, code: str) -> str:
    found = next((c for c in spec.codes if c.code == code), None)
    return found.vi if found else code


class _Project:
    """The project being built from one record."""

    def __init__(self, table: PublishedTable, prefix: str) -> None:
        self.data: dict[str, Any] = {}
        self.parties: dict[str, dict[str, Any]] = {}
        self.classifications: list[dict[str, str]] = []
        self.table = table
        self.prefix = prefix

    def party(self, name: str, role: str) -> dict[str, Any]:
        party = self.parties.get(name)
        if party is None:
            ident = slugify(name, 80) or f"party-{len(self.parties) + 1}"
            while any(p["id"] == ident for p in self.parties.values()):
                ident += "-x"
            party = self.parties[name] = {"id": ident, "name": name, "roles": []}
        if role not in party["roles"]:
            party["roles"].append(role)
        return party

    def classify(self, spec: FieldSpec, code: str) -> None:
        self.classifications.append(
            {"scheme": spec.name.lower(), "id": code, "description": _label(spec, code)}
        )

    def finish(self) -> dict[str, Any]:
        data = self.data
        if "id" in data:
            data["id"] = f"{self.prefix}{data['id']}"
        data["updated"] = iso_datetime(self.table.modified)
        data["language"] = "vi"
        if self.parties:
            data["parties"] = list(self.parties.values())
            authority = next((p for p in data["parties"] if "publicAuthority" in p["roles"]), None)
            if authority:
                data["publicAuthority"] = {"id": authority["id"], "name": authority["name"]}
        if self.classifications:
            data["additionalClassifications"] = self.classifications
        for number, location in enumerate(data.get("locations") or [], start=1):
            if isinstance(location, dict):
                location.setdefault("id", str(number))
        return data


def _sector(project: _Project, spec: FieldSpec, value: Any) -> None:
    project.classify(spec, str(value))
    sectors = SECTORS.get(str(value))
    if sectors:
        project.data["sector"] = list(sectors)


def _coded(codelist: dict[str, str], key: str) -> Callable[[_Project, FieldSpec, Any], None]:
    def put(project: _Project, spec: FieldSpec, value: Any) -> None:
        mapped = codelist.get(str(value))
        if mapped:
            project.data[key] = mapped

    return put


def _amount(project: _Project, spec: FieldSpec, value: Any) -> None:
    unit = spec.unit or ""
    currency = unit if re.fullmatch(r"[A-Z]{3}", unit) else DEFAULT_CURRENCY
    project.data.setdefault("budget", {})["amount"] = {"amount": value, "currency": currency}


def _funding(project: _Project, spec: FieldSpec, value: Any) -> None:
    # Funding types are codes, not organizations: a classification, not a sourceParty.
    project.classify(spec, str(value))


PathHandler = Callable[[_Project, FieldSpec, Any], None]
HANDLERS: dict[str, PathHandler] = {
    "sector": _sector,
    "type": _coded(PROJECT_TYPES, "type"),
    "status": _coded(STATUSES, "status"),
    "period/startDate": lambda p, s, v: _set(p.data, "period/startDate", _year_start(v)),
    "period/endDate": lambda p, s, v: _set(p.data, "period/endDate", _year_end(v)),
    "budget/amount/amount": _amount,
    "budget/budgetBreakdown/0/sourceParty": _funding,
    "budget/budgetBreakdowns/0/budgetBreakdown/0/sourceParty": _funding,
}


def project(
    table: PublishedTable, record: dict[str, Any], *, id_prefix: str = ""
) -> dict[str, Any]:
    """The OC4IDS project of one record (a mapping of field name to value)."""
    built = _Project(table, id_prefix)
    for spec in table.fields:
        path = spec.maps.get("oc4ids")
        value = record.get(spec.name)
        if not path or value is None or value == "":
            continue
        party = _PARTY_PATH.match(path)
        if party:
            built.party(str(value), party.group(1))
        elif path in HANDLERS:
            HANDLERS[path](built, spec, value)
        else:
            _set(built.data, path, value.isoformat() if hasattr(value, "isoformat") else value)
    return built.finish()


def oc4ids_package(
    table: PublishedTable,
    rows: Iterable[dict[str, Any]],
    *,
    uri: str,
    published: datetime,
    id_prefix: str = "",
) -> dict[str, Any]:
    """An OC4IDS project package of ``table``'s records, one project per record.

    ``id_prefix`` is the publisher's registered project identifier prefix, if it has
    one (project identifiers should be globally unique).
    """
    if published.tzinfo is None:
        published = published.replace(tzinfo=UTC)
    return {
        "uri": uri,
        "publishedDate": iso_datetime(published),
        "version": OC4IDS_VERSION,
        "publisher": {"name": table.publisher},
        "license": table.licence_url,
        "projects": [project(table, record, id_prefix=id_prefix) for record in rows],
    }
