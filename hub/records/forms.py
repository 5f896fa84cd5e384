"""The forms published from a dataset's records, listed among its distributions."""

from __future__ import annotations

from hub.datasets.models import Dataset, Distribution
from hub.records.schema import RECORD_TYPES_OF_CONTENT_TYPE, ContentSchema

# Forms generated from the records: (file name, format, media type, vi title, en title).
GENERATED = (
    ("data.csv", "CSV", "text/csv", "Dữ liệu (CSV)", "Data (CSV)"),
    ("data.json", "JSON", "application/json", "Dữ liệu (JSON)", "Data (JSON)"),
    ("data.ndjson", "NDJSON", "application/x-ndjson", "Dữ liệu (NDJSON)", "Data (NDJSON)"),
    (
        "data.xlsx",
        "XLSX",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Dữ liệu (Excel)",
        "Data (Excel)",
    ),
    (
        "datapackage.json",
        "Data Package",
        "application/json",
        "Mô tả dữ liệu (Frictionless Data Package)",
        "Frictionless Data Package",
    ),
    (
        "csv-metadata.json",
        "CSVW",
        "application/csvm+json",
        "Siêu dữ liệu CSVW",
        "CSV on the Web metadata",
    ),
)
_SCHEMA_ORG = (
    (
        "schemaorg.jsonld",
        "JSON-LD",
        "application/ld+json",
        "Mô tả schema.org (JSON-LD)",
        "schema.org description (JSON-LD)",
    ),
)
GENERATED_BY_SCHEMA = {
    **{kind: _SCHEMA_ORG for kind in RECORD_TYPES_OF_CONTENT_TYPE["portal_content"]},
    "budget_line": (
        (
            "fiscal-datapackage.json",
            "Fiscal Data Package",
            "application/json",
            "Gói dữ liệu tài khóa (Fiscal Data Package)",
            "Fiscal Data Package",
        ),
    ),
    "project": (
        (
            "oc4ids.json",
            "OC4IDS",
            "application/json",
            "Gói dự án OC4IDS",
            "OC4IDS project package",
        ),
    ),
}


def generated_forms(schema: ContentSchema) -> tuple[tuple[str, str, str, str, str], ...]:
    return GENERATED + GENERATED_BY_SCHEMA.get(schema.name, ())


def add_generated(dataset: Dataset, schema: ContentSchema) -> None:
    """List the generated forms among the distributions, once (their content is live)."""
    have = {d.file_name for d in dataset.distributions if d.kind == "generated"}
    position = max((d.position for d in dataset.distributions), default=-1) + 1
    for file_name, fmt, media_type, title_vi, title_en in generated_forms(schema):
        if file_name in have:
            continue
        dataset.distributions.append(
            Distribution(
                kind="generated",
                title_vi=title_vi,
                title_en=title_en,
                file_name=file_name,
                format=fmt,
                media_type=media_type,
                position=position,
            )
        )
        position += 1
