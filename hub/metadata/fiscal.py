"""Fiscal Data Package (1.0) descriptor of a published budget table.

The Frictionless data package of ``hub.metadata.datapackage`` plus, on each field
mapped to the fiscal standard (``maps: {fiscal: ...}`` in the schema file), its
``columnType`` from the budget taxonomy. Column types outside the taxonomy are
declared inline in ``columnTypes``, as the standard allows. Amounts are in VND,
which a constant ``extraFields`` column states; Vietnam's fiscal year is the
calendar year.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from hub.metadata.datapackage import datapackage
from hub.records.published import PublishedTable
from hub.records.schema import FieldSpec

BUDGET_TAXONOMY = "https://specs.frictionlessdata.io/taxonomies/fiscal/budgets.json"
DEFAULT_CURRENCY = "VND"
COUNTRY_CODE = "VN"
# Column types of the budget taxonomy that the schemas use: name -> (dataType, unique).
TAXONOMY: dict[str, tuple[str, bool]] = {
    "value": ("number", False),
    "value-currency:code": ("string", True),
    "value-kind:code": ("string", True),
    "date:fiscal-year": ("integer", True),
    "date:generic": ("date", True),
    "direction": ("string", True),
    "phase:id": ("string", True),
    "phase:label": ("string", False),
    "budget-line-id": ("string", True),
    "expenditure-type:code": ("string", True),
}
# Classification levels: <kind>-classification:<scheme>[:<level>]:code|label|description
_CLASSIFICATION = re.compile(
    r"^(administrative|economic|functional)-classification:(generic|cofog|gfsm)"
    r"(:(level[1-8]|division|group|class))?:(code|label|description)$"
)
# Field types that may take the taxonomy's stricter or wider data type unchanged.
_RETYPE = {("year", "integer"), ("integer", "number")}


def taxonomy_entry(column_type: str) -> tuple[str, bool] | None:
    """(dataType, unique) of a taxonomy column type; None for a custom one."""
    if column_type in TAXONOMY:
        return TAXONOMY[column_type]
    if _CLASSIFICATION.match(column_type):
        return "string", column_type.endswith(":code")
    return None


def _currency(spec: FieldSpec) -> str:
    unit = spec.unit or ""
    return unit if re.fullmatch(r"[A-Z]{3}", unit) else DEFAULT_CURRENCY


def fiscal_datapackage(
    table: PublishedTable, *, fiscal_years: Iterable[int] = ()
) -> dict[str, Any]:
    """The Fiscal Data Package descriptor of ``table``; ``fiscal_years`` give its period."""
    package = datapackage(table)
    package["profile"] = "fiscal-data-package"
    package["countryCode"] = COUNTRY_CODE
    package["granularity"] = "aggregated"
    years = sorted(set(fiscal_years))
    if years:
        package["fiscalPeriod"] = {"start": f"{years[0]}-01-01", "end": f"{years[-1]}-12-31"}
    resource = package["resources"][0]
    schema = resource["schema"]
    custom: list[dict[str, Any]] = []
    currencies: set[str] = set()
    for spec, field in zip(table.fields, schema["fields"], strict=True):
        column_type = spec.maps.get("fiscal")
        if not column_type:
            continue
        field["columnType"] = column_type
        entry = taxonomy_entry(column_type)
        if entry is None:
            custom.append({"name": column_type, "dataType": field["type"], "unique": spec.key})
        elif (field["type"], entry[0]) in _RETYPE:
            field["type"] = entry[0]
        if column_type == "value":
            field["currency"] = _currency(spec)
            currencies.add(field["currency"])
    if len(currencies) == 1:
        schema["extraFields"] = [
            {
                "name": "CURRENCY",
                "type": "string",
                "columnType": "value-currency:code",
                "constant": currencies.pop(),
            }
        ]
    package["columnTypes"] = [BUDGET_TAXONOMY, custom] if custom else [BUDGET_TAXONOMY]
    return package
