"""CSV on the Web (W3C CSVW) metadata of a published table's CSV, as JSON-LD.

Each column's ``titles`` carry the Vietnamese and English labels and, untagged
(``und``), the field name: the CSV header holds field names, and CSVW validators
require the header to match one of the titles.
"""

from __future__ import annotations

import re
from typing import Any

from hub.metadata.datapackage import field_description, iso_datetime, package_name
from hub.records.published import PublishedTable
from hub.records.schema import FieldSpec
from hub.records.values import TEXT_TYPES

CSVW_CONTEXT = "http://www.w3.org/ns/csvw"
# CSVW (XSD) datatype of each field type; Python writes floats that xsd:decimal refuses
# (``1e+16``), so numbers are doubles.
CSVW_DATATYPES = {
    **{kind: "string" for kind in TEXT_TYPES},
    "datetime": "dateTimeStamp",
    "url": "anyURI",
    "integer": "integer",
    "number": "double",
    "date": "date",
    "year": "gYear",
    "boolean": "boolean",
}


def _literal(value: str, language: str) -> dict[str, str]:
    return {"@value": value, "@language": language}


def datatype(spec: FieldSpec) -> str | dict[str, Any]:
    base = CSVW_DATATYPES[spec.type]
    facets: dict[str, Any] = {}
    if base == "string":
        if spec.pattern:
            facets["format"] = spec.pattern
        elif spec.codes:
            facets["format"] = "|".join(re.escape(code.code) for code in spec.codes)
        if spec.max_length is not None:
            facets["maxLength"] = spec.max_length
    elif base in ("integer", "double"):
        if spec.minimum is not None:
            facets["minimum"] = spec.minimum
        if spec.maximum is not None:
            facets["maximum"] = spec.maximum
    elif base == "boolean":
        facets["format"] = "true|false"
    return {"base": base, **facets} if facets else base


def column(spec: FieldSpec) -> dict[str, Any]:
    found: dict[str, Any] = {
        "name": spec.name,
        "titles": {"vi": spec.label_vi, "en": spec.label_en, "und": spec.name},
        "dc:description": field_description(spec),
        "datatype": datatype(spec),
    }
    if spec.required:
        found["required"] = True
    return found


def csvw(table: PublishedTable) -> dict[str, Any]:
    """The ``csv-metadata.json`` of ``table``'s CSV (CSVW, JSON-LD)."""
    titles = [_literal(table.title_vi, "vi")]
    if table.title_en:
        titles.append(_literal(table.title_en, "en"))
    descriptions = [
        _literal(text, language)
        for text, language in ((table.description_vi, "vi"), (table.description_en, "en"))
        if text
    ]
    schema: dict[str, Any] = {"columns": [column(spec) for spec in table.fields]}
    key = [spec.name for spec in table.fields if spec.key]
    if key:
        schema["primaryKey"] = key
    metadata: dict[str, Any] = {
        "@context": [CSVW_CONTEXT, {"@language": "vi"}],
        "url": table.urls.get("csv") or f"{package_name(table.name)}.csv",
        "dc:title": titles,
        "dc:license": {"@id": table.licence_url},
        "dc:publisher": table.publisher,
        "dc:modified": {"@value": iso_datetime(table.modified), "@type": "xsd:dateTime"},
        "dc:bibliographicCitation": table.citation,
        "dialect": {"header": True, "encoding": "utf-8"},
        "tableSchema": schema,
    }
    if descriptions:
        metadata["dc:description"] = descriptions
    if table.urls.get("landing"):
        metadata["dcat:landingPage"] = {"@id": table.urls["landing"]}
    return metadata
