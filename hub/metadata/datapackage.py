"""Frictionless Data Package (v1, ``tabular-data-package``) of a published table.

The package has one tabular resource, the CSV written by ``hub.records.export``:
UTF-8, comma, CRLF, a header row of field names, empty cells for missing values.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from hub.records.published import PublishedTable
from hub.records.schema import FieldSpec
from hub.records.values import TEXT_TYPES
from hub.text import fold

# Table Schema type of each field type.
TABLE_SCHEMA_TYPES = {
    **{kind: "string" for kind in TEXT_TYPES},
    "datetime": "datetime",
    "integer": "integer",
    "number": "number",
    "date": "date",
    "year": "year",
    "boolean": "boolean",
}
_NOT_NAME = re.compile(r"[^-a-z0-9._/]+")


def package_name(slug: str) -> str:
    """A valid package or resource name: lowercase ``a-z 0-9 - . _ /``."""
    name = _NOT_NAME.sub("-", fold(slug)).strip("-")
    return name or "dataset"


def iso_datetime(moment: datetime) -> str:
    """RFC 3339 in UTC with a ``Z``; a naive datetime is taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def bilingual(vi: str | None, en: str | None) -> str:
    """Vietnamese text, then English, separated by a blank line."""
    return "\n\n".join(part.strip() for part in (vi, en) if part and part.strip())


def field_description(spec: FieldSpec) -> str:
    english = spec.label_en + (f" (unit: {spec.unit})" if spec.unit else "")
    vietnamese = spec.description or spec.label_vi
    if spec.unit and spec.unit not in vietnamese:
        vietnamese += f" (đơn vị: {spec.unit})"
    return bilingual(vietnamese, english)


def _bound(spec: FieldSpec, value: float) -> float | int:
    if spec.type in ("integer", "year") and float(value).is_integer():
        return int(value)
    return value


def constraints(spec: FieldSpec) -> dict[str, Any]:
    found: dict[str, Any] = {}
    if spec.required:
        found["required"] = True
    textual = TABLE_SCHEMA_TYPES[spec.type] == "string"
    if spec.codes and textual:
        found["enum"] = [code.code for code in spec.codes]
    if spec.minimum is not None and not textual:
        found["minimum"] = _bound(spec, spec.minimum)
    if spec.maximum is not None and not textual:
        found["maximum"] = _bound(spec, spec.maximum)
    if spec.max_length is not None and textual:
        found["maxLength"] = spec.max_length
    if spec.pattern and textual:
        found["pattern"] = spec.pattern
    return found


def table_field(spec: FieldSpec) -> dict[str, Any]:
    field: dict[str, Any] = {
        "name": spec.name,
        "type": TABLE_SCHEMA_TYPES[spec.type],
        "title": spec.label_vi,
        "description": field_description(spec),
    }
    if spec.type == "boolean":
        field["trueValues"], field["falseValues"] = ["true"], ["false"]
    found = constraints(spec)
    if found:
        field["constraints"] = found
    return field


def table_schema(fields: tuple[FieldSpec, ...]) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "fields": [table_field(spec) for spec in fields],
        "missingValues": [""],
    }
    key = [spec.name for spec in fields if spec.key]
    if key:
        schema["primaryKey"] = key
    return schema


def datapackage(table: PublishedTable) -> dict[str, Any]:
    """The ``datapackage.json`` descriptor of ``table`` (Data Package v1)."""
    name = package_name(table.name)
    title = table.title_vi + (f" / {table.title_en}" if table.title_en else "")
    description = bilingual(table.description_vi, table.description_en)
    description = bilingual(description, table.citation)
    modified = iso_datetime(table.modified)
    publisher: dict[str, Any] = {"title": table.publisher, "role": "publisher"}
    source: dict[str, Any] = {"title": table.publisher}
    landing = table.urls.get("landing")
    if landing:
        publisher["path"] = source["path"] = landing
    package: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": name,
        "title": title,
        "description": description,
        "citation": table.citation,
        "licenses": [
            {"name": table.licence_id, "path": table.licence_url, "title": table.licence_title}
        ],
        "contributors": [publisher],
        "sources": [source],
        "keywords": [table.content_schema.name, table.content_schema.title_vi],
        "created": modified,
        "modified": modified,
        "language": "vi",
        "resources": [
            {
                "profile": "tabular-data-resource",
                "name": name,
                "title": table.title_vi,
                "path": table.urls.get("csv") or f"{name}.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": table_schema(table.fields),
            }
        ],
    }
    if landing:
        package["homepage"] = landing
    if table.content_schema.standard:
        package["conformsTo"] = table.content_schema.standard
    return package
