"""Descriptors: Frictionless, CSVW, Fiscal Data Package and OC4IDS."""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import frictionless
import jsonschema
import pytest
import rdflib

from hub.metadata.csvw import csvw
from hub.metadata.datapackage import datapackage, package_name
from hub.metadata.fiscal import TAXONOMY, fiscal_datapackage, taxonomy_entry
from hub.metadata.oc4ids import oc4ids_package
from hub.records.export import csv_chunks
from hub.records.published import PublishedTable
from hub.records.schema import FieldSpec, load_schemas

SCHEMAS = load_schemas()
MODIFIED = datetime(2024, 5, 1, 3, 0, tzinfo=UTC)
FRICTIONLESS = Path(sys.executable).with_name("frictionless")


def published(schema_name: str, fields: tuple[FieldSpec, ...] | None = None) -> PublishedTable:
    schema = SCHEMAS[schema_name]
    return PublishedTable(
        name="Cong-khai_ngan-sach-2024",
        title_vi="Công khai ngân sách tỉnh năm 2024",
        title_en="Provincial budget disclosure 2024",
        description_vi="Số liệu công khai dự toán ngân sách.",
        description_en="Disclosed budget estimates.",
        publisher="Sở Tài chính tỉnh Đồng Nai",
        licence_id="CC-BY-4.0",
        licence_title="Creative Commons Attribution 4.0",
        licence_url="https://creativecommons.org/licenses/by/4.0/",
        citation="Nguồn: Sở Tài chính tỉnh Đồng Nai",
        modified=MODIFIED,
        content_schema=schema,
        fields=fields or schema.fields,
        row_count=3,
        urls={
            "csv": "https://data.example.gov.vn/datasets/cong-khai/records.csv",
            "landing": "https://data.example.gov.vn/datasets/cong-khai",
        },
    )


BUDGET_ROWS = [
    ("46/CK-NSNN", 2024, "Y", "estimate", "revenue", "A", 'Tổng thu "NSĐP", gồm:', None, None,
     None, None, None, 15_000_000_000_000, None),
    ("46/CK-NSNN", 2024, "Y", "estimate", "expenditure", "I", "Chi đầu tư phát triển", "418",
     "Sở Giao thông vận tải", "280", "Giao thông", "9300", 2_500_000_000_000, "ghi chú\nhai dòng"),
    ("47/CK-NSNN", 2024, "Q1", "executed", "balance", "-", "=1+1", None, None, None, None, None,
     -5, None),
]  # fmt: skip
STAT_FIELDS = SCHEMAS["statistics"].fields + (
    FieldSpec("SEX", "string", "Giới tính", "Sex", key=True, required=True),
)
STAT_ROWS = [
    ("Tỉnh Đồng Nai", "2024", 3_255_810.0, "người", "A", "M"),
    ("Tỉnh Đồng Nai", "2024-Q1", None, "người", "M", "F"),
    ("Xã Tân Phú", "2023-S2", -0.5, "%", None, "M"),
]


def write_package(folder: Path, descriptor: dict, fields, rows, *, bom: bool = False) -> Path:
    """The CSV and the descriptor side by side, the resource pointing at the CSV."""
    descriptor = copy.deepcopy(descriptor)
    descriptor["resources"][0]["path"] = "records.csv"
    (folder / "records.csv").write_bytes(b"".join(csv_chunks(fields, rows, bom=bom)))
    path = folder / "datapackage.json"
    path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def validate_both_ways(path: Path) -> tuple[bool, bool, str]:
    run = subprocess.run(
        [str(FRICTIONLESS), "validate", path.name],
        cwd=path.parent,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    report = frictionless.validate(str(path))
    return run.returncode == 0, report.valid, run.stdout + run.stderr


# --- Data Package ----------------------------------------------------------------


def test_datapackage_descriptor():
    package = datapackage(published("budget_line"))
    assert package["profile"] == "tabular-data-package"
    assert package["name"] == "cong-khai_ngan-sach-2024"
    assert re.fullmatch(r"[-a-z0-9._/]+", package["name"])
    assert package["licenses"] == [
        {
            "name": "CC-BY-4.0",
            "path": "https://creativecommons.org/licenses/by/4.0/",
            "title": "Creative Commons Attribution 4.0",
        }
    ]
    assert package["contributors"][0]["title"] == "Sở Tài chính tỉnh Đồng Nai"
    assert package["contributors"][0]["role"] == "publisher"
    assert package["created"] == package["modified"] == "2024-05-01T03:00:00Z"
    assert package["citation"] in package["description"]
    resource = package["resources"][0]
    assert resource["path"] == "https://data.example.gov.vn/datasets/cong-khai/records.csv"
    assert (resource["format"], resource["mediatype"], resource["encoding"]) == (
        "csv",
        "text/csv",
        "utf-8",
    )
    schema = resource["schema"]
    assert schema["primaryKey"] == ["FORM", "FISCAL_YEAR", "PERIOD", "PHASE", "LINE_CODE"]
    assert schema["missingValues"] == [""]
    fields = {field["name"]: field for field in schema["fields"]}
    assert fields["FISCAL_YEAR"]["type"] == "year"
    assert fields["NOTE"]["type"] == "string"  # text
    assert fields["AMOUNT"]["type"] == "integer"
    assert fields["PHASE"]["constraints"] == {
        "required": True,
        "enum": ["estimate", "executed", "final"],
    }
    assert fields["FORM"]["constraints"]["pattern"] == r"\d{2,3}/CK-NSNN"
    assert fields["ITEM"]["constraints"] == {"required": True, "maxLength": 500}
    assert fields["AMOUNT"]["title"] == "Số tiền"
    assert fields["AMOUNT"]["description"].startswith("Số tiền, đơn vị đồng (VND).")
    assert fields["AMOUNT"]["description"].endswith("Amount (unit: VND)")


def test_minimum_is_a_constraint():
    fields = datapackage(published("project"))["resources"][0]["schema"]["fields"]
    budget = next(field for field in fields if field["name"] == "BUDGET")
    assert budget["constraints"] == {"minimum": 0}


def test_package_names_are_valid():
    assert package_name("Dân-Số_2024") == "dan-so_2024"
    assert package_name("a b/c.d") == "a-b/c.d"
    assert package_name("") == "dataset"


@pytest.mark.parametrize("bom", [False, True])
def test_frictionless_validates_the_exported_budget_csv(tmp_path, bom):
    table = published("budget_line")
    path = write_package(tmp_path, datapackage(table), table.fields, BUDGET_ROWS, bom=bom)
    cli, api, output = validate_both_ways(path)
    assert cli, output
    assert api


def test_frictionless_validates_the_exported_statistics_csv(tmp_path):
    table = published("statistics", STAT_FIELDS)
    path = write_package(tmp_path, datapackage(table), STAT_FIELDS, STAT_ROWS)
    cli, api, output = validate_both_ways(path)
    assert cli, output
    assert api


@pytest.mark.parametrize(
    ("column", "bad"),
    [
        (3, "planned"),  # PHASE outside its codes
        (12, "nhiều tiền"),  # AMOUNT not an integer
        (0, "46/CK"),  # FORM not matching its pattern
        (5, "I"),  # a primary key twice
    ],
)
def test_frictionless_finds_a_bad_value(tmp_path, column, bad):
    table = published("budget_line")
    rows = [list(row) for row in BUDGET_ROWS]
    rows[2][column] = bad
    if column == 5:
        rows[2][:4] = rows[1][:4]
    fields = table.fields
    if column == 12:  # the writer would never put text in a number column
        fields = tuple(
            FieldSpec(f.name, "string", f.label_vi, f.label_en) if f.name == "AMOUNT" else f
            for f in fields
        )
    path = write_package(tmp_path, datapackage(table), fields, rows)
    cli, api, output = validate_both_ways(path)
    assert not cli, output
    assert not api


# --- Fiscal Data Package -----------------------------------------------------------


def test_fiscal_datapackage_extends_the_data_package():
    table = published("budget_line")
    plain = datapackage(table)
    fiscal = fiscal_datapackage(table, fiscal_years=[2024, 2023, 2024])
    assert fiscal["profile"] == "fiscal-data-package"
    assert fiscal["countryCode"] == "VN"
    assert fiscal["fiscalPeriod"] == {"start": "2023-01-01", "end": "2024-12-31"}
    assert {k: v for k, v in fiscal.items() if k in plain and k != "profile"} == {
        k: v for k, v in plain.items() if k not in ("profile", "resources")
    } | {"resources": fiscal["resources"]}
    fields = {f["name"]: f for f in fiscal["resources"][0]["schema"]["fields"]}
    assert fields["AMOUNT"]["columnType"] == "value"
    assert fields["AMOUNT"]["currency"] == "VND"
    assert fields["AMOUNT"]["type"] == "number"  # the taxonomy's data type
    assert fields["FISCAL_YEAR"]["columnType"] == "date:fiscal-year"
    assert fields["FISCAL_YEAR"]["type"] == "integer"
    assert fields["PHASE"]["columnType"] == "phase:id"
    assert "columnType" not in fields["LINE_CODE"]
    extra = fiscal["resources"][0]["schema"]["extraFields"]
    assert extra == [
        {
            "name": "CURRENCY",
            "type": "string",
            "columnType": "value-currency:code",
            "constant": "VND",
        }
    ]


def test_fiscal_column_types_are_the_taxonomy_or_declared():
    fiscal = fiscal_datapackage(published("budget_line"))
    assert "fiscalPeriod" not in fiscal
    url, declared = fiscal["columnTypes"]
    assert url.endswith("/taxonomies/fiscal/budgets.json")
    declared_names = {entry["name"] for entry in declared}
    assert declared_names == {"budget-line-id:form", "date:period"}
    assert all(set(entry) == {"name", "dataType", "unique"} for entry in declared)
    for field in fiscal["resources"][0]["schema"]["fields"]:
        if "columnType" in field:
            known = taxonomy_entry(field["columnType"]) is not None
            assert known or field["columnType"] in declared_names, field["columnType"]


def test_schema_file_uses_taxonomy_names():
    used = {f.maps["fiscal"] for f in SCHEMAS["budget_line"].fields if "fiscal" in f.maps}
    standard = {name for name in used if taxonomy_entry(name)}
    assert standard == {
        "date:fiscal-year",
        "phase:id",
        "direction",
        "value",
        "administrative-classification:generic:level1:code",
        "administrative-classification:generic:level1:label",
        "functional-classification:generic:level1:code",
        "functional-classification:generic:level1:label",
        "economic-classification:generic:level1:code",
        "economic-classification:generic:level1:label",
    }
    assert taxonomy_entry("budget-phase") is None
    assert TAXONOMY["date:fiscal-year"] == ("integer", True)


def test_frictionless_validates_the_fiscal_package(tmp_path):
    # The profile's registered schema is remote: check the tabular part offline.
    table = published("budget_line")
    fiscal = fiscal_datapackage(table, fiscal_years=[2024])
    fiscal["profile"] = "tabular-data-package"
    path = write_package(tmp_path, fiscal, table.fields, BUDGET_ROWS)
    cli, api, output = validate_both_ways(path)
    assert cli, output
    assert api


# --- CSVW --------------------------------------------------------------------------

# The part of the CSVW context the metadata uses: the real one cannot be fetched here.
CSVW_CONTEXT = {
    "csvw": "http://www.w3.org/ns/csvw#",
    "dc": "http://purl.org/dc/terms/",
    "dcat": "http://www.w3.org/ns/dcat#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "url": {"@id": "csvw:url", "@type": "@id"},
    "dialect": "csvw:dialect",
    "header": {"@id": "csvw:header", "@type": "xsd:boolean"},
    "encoding": "csvw:encoding",
    "tableSchema": "csvw:tableSchema",
    "columns": {"@id": "csvw:column", "@container": "@list"},
    "name": {"@id": "csvw:name", "@language": None},
    "titles": {"@id": "csvw:title", "@container": "@language"},
    "datatype": {"@id": "csvw:datatype", "@type": "@vocab"},
    "base": {"@id": "csvw:base", "@language": None},
    "format": {"@id": "csvw:format", "@language": None},
    "maxLength": {"@id": "csvw:maxLength", "@type": "xsd:nonNegativeInteger"},
    "minimum": "csvw:minimum",
    "maximum": "csvw:maximum",
    "required": {"@id": "csvw:required", "@type": "xsd:boolean"},
    "primaryKey": {"@id": "csvw:primaryKey", "@language": None},
}
CSVW = rdflib.Namespace("http://www.w3.org/ns/csvw#")
DC = rdflib.Namespace("http://purl.org/dc/terms/")


def test_csvw_structure():
    metadata = csvw(published("statistics", STAT_FIELDS))
    assert metadata["@context"] == ["http://www.w3.org/ns/csvw", {"@language": "vi"}]
    assert metadata["url"] == "https://data.example.gov.vn/datasets/cong-khai/records.csv"
    assert metadata["dc:title"] == [
        {"@value": "Công khai ngân sách tỉnh năm 2024", "@language": "vi"},
        {"@value": "Provincial budget disclosure 2024", "@language": "en"},
    ]
    assert metadata["dc:license"] == {"@id": "https://creativecommons.org/licenses/by/4.0/"}
    assert metadata["dc:modified"]["@value"] == "2024-05-01T03:00:00Z"
    assert metadata["dialect"] == {"header": True, "encoding": "utf-8"}
    schema = metadata["tableSchema"]
    assert schema["primaryKey"] == ["REF_AREA", "TIME_PERIOD", "SEX"]
    columns = {column["name"]: column for column in schema["columns"]}
    assert list(columns) == [spec.name for spec in STAT_FIELDS]
    assert columns["REF_AREA"]["titles"] == {
        "vi": "Địa bàn",
        "en": "Reference area",
        "und": "REF_AREA",
    }
    assert columns["REF_AREA"]["required"] is True
    assert columns["OBS_VALUE"]["datatype"] == "double"
    assert "required" not in columns["OBS_VALUE"]
    assert columns["OBS_STATUS"]["datatype"] == {"base": "string", "format": "A|B|E|F|M|P"}
    assert columns["UNIT_MEASURE"]["datatype"] == {"base": "string", "maxLength": 50}


def test_csvw_datatypes():
    project = {c["name"]: c for c in csvw(published("project"))["tableSchema"]["columns"]}
    assert project["START_YEAR"]["datatype"] == "gYear"
    assert project["BUDGET"]["datatype"] == {"base": "integer", "minimum": 0}
    budget = {c["name"]: c for c in csvw(published("budget_line"))["tableSchema"]["columns"]}
    assert budget["FORM"]["datatype"]["format"] == r"\d{2,3}/CK-NSNN"
    flag = FieldSpec("OPEN", "boolean", "Mở", "Open")
    day = FieldSpec("DAY", "date", "Ngày", "Day")
    columns = csvw(published("statistics", (flag, day)))["tableSchema"]["columns"]
    assert [c["datatype"] for c in columns] == [{"base": "boolean", "format": "true|false"}, "date"]


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_csvw_is_json_ld():
    metadata = csvw(published("statistics", STAT_FIELDS))
    metadata["@context"] = [CSVW_CONTEXT, metadata["@context"][1]]
    graph = rdflib.Graph().parse(data=json.dumps(metadata), format="json-ld")
    table = next(graph.subjects(CSVW.url, None))
    assert graph.value(table, CSVW.url) == rdflib.URIRef(
        "https://data.example.gov.vn/datasets/cong-khai/records.csv"
    )
    titles = set(graph.objects(table, DC.title))
    assert rdflib.Literal("Công khai ngân sách tỉnh năm 2024", lang="vi") in titles
    assert rdflib.Literal("Provincial budget disclosure 2024", lang="en") in titles
    assert graph.value(table, DC.publisher) == rdflib.Literal(
        "Sở Tài chính tỉnh Đồng Nai", lang="vi"
    )
    assert graph.value(table, DC.license) == rdflib.URIRef(
        "https://creativecommons.org/licenses/by/4.0/"
    )
    schema = graph.value(table, CSVW.tableSchema)
    columns = list(rdflib.collection.Collection(graph, graph.value(schema, CSVW.column)))
    names = [str(graph.value(column, CSVW.name)) for column in columns]
    assert names == [spec.name for spec in STAT_FIELDS]
    area_titles = set(graph.objects(columns[0], CSVW.title))
    assert rdflib.Literal("Địa bàn", lang="vi") in area_titles
    assert rdflib.Literal("Reference area", lang="en") in area_titles


# --- OC4IDS ------------------------------------------------------------------------

# Codelists of OC4IDS 0.9 that the package may use.
PROJECT_SECTORS = {
    "education", "health", "energy", "energy.solar", "energy.wind", "energy.hydropower",
    "energy.biomass", "energy.geothermal", "communications", "waterAndWaste", "governance",
    "economy", "cultureSportsAndRecreation", "transport", "transport.air", "transport.water",
    "transport.rail", "transport.road", "transport.urban", "transport.lowCarbon",
    "socialHousing", "naturalResources", "naturalResources.floodProtection",
}  # fmt: skip
PROJECT_STATUSES = [
    "identification", "preparation", "implementation", "completion", "maintenance",
    "decommissioning", "decommissioned", "cancelled",
]  # fmt: skip
PROJECT_TYPES = ["construction", "rehabilitation", "replacement", "expansion", "decommissioning"]
PARTY_ROLES = {
    "buyer", "procuringEntity", "supplier", "tenderer", "funder", "enquirer", "payer", "payee",
    "reviewBody", "interestedParty", "publicAuthority", "administrativeEntity",
    "climateFinanceFocalPoint", "independentMonitor",
}  # fmt: skip

_TEXT = {"type": "string", "minLength": 1}
_DATE_TIME = {"type": "string", "format": "date-time"}
_REFERENCE = {
    "type": "object",
    "properties": {"id": _TEXT, "name": _TEXT},
    "minProperties": 1,
    "additionalProperties": False,
}
# The structural rules of the OC4IDS 0.9 project package schema that the package meets.
PACKAGE_RULES = {
    "type": "object",
    "required": ["uri", "publisher", "publishedDate", "projects", "version"],
    "properties": {
        "uri": {"type": "string", "format": "uri"},
        "publishedDate": _DATE_TIME,
        "version": {"type": "string", "pattern": r"^(\d+\.)(\d+)$"},
        "publisher": {"type": "object", "required": ["name"], "properties": {"name": _TEXT}},
        "license": {"type": ["string", "null"], "format": "uri"},
        "projects": {
            "type": "array",
            "minItems": 1,
            "uniqueItems": True,
            "items": {
                "type": "object",
                "required": ["id"],
                "properties": {
                    "id": _TEXT,
                    "updated": _DATE_TIME,
                    "title": _TEXT,
                    "purpose": _TEXT,
                    "status": {"type": "string", "enum": PROJECT_STATUSES},
                    "type": {"type": "string", "enum": PROJECT_TYPES},
                    "sector": {
                        "type": "array",
                        "items": {"type": "string", "enum": sorted(PROJECT_SECTORS)},
                        "minItems": 1,
                        "uniqueItems": True,
                    },
                    "period": {
                        "type": "object",
                        "properties": {"startDate": _DATE_TIME, "endDate": _DATE_TIME},
                        "minProperties": 1,
                    },
                    "budget": {
                        "type": "object",
                        "properties": {
                            "amount": {
                                "type": "object",
                                "properties": {
                                    "amount": {"type": "number"},
                                    "currency": {"type": "string", "pattern": "^[A-Z]{3}$"},
                                },
                                "required": ["amount", "currency"],
                            }
                        },
                        "minProperties": 1,
                    },
                    "publicAuthority": _REFERENCE,
                    "parties": {
                        "type": "array",
                        "minItems": 1,
                        "uniqueItems": True,
                        "items": {
                            "type": "object",
                            "required": ["id", "name", "roles"],
                            "properties": {
                                "id": _TEXT,
                                "name": _TEXT,
                                "roles": {
                                    "type": "array",
                                    "items": {"type": "string", "enum": sorted(PARTY_ROLES)},
                                    "minItems": 1,
                                    "uniqueItems": True,
                                },
                            },
                        },
                    },
                    "locations": {
                        "type": "array",
                        "minItems": 1,
                        "uniqueItems": True,
                        "items": {
                            "type": "object",
                            "required": ["id"],
                            "properties": {"id": _TEXT, "description": _TEXT},
                        },
                    },
                    "additionalClassifications": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {"scheme": _TEXT, "id": _TEXT, "description": _TEXT},
                            "minProperties": 1,
                        },
                    },
                },
            },
        },
    },
}

PROJECT_ROWS = [
    {
        "CODE": "DA-2024-001",
        "NAME": "Nâng cấp đường tỉnh 768",
        "OBJECTIVE": "Giảm ùn tắc giao thông",
        "SECTOR": "transport",
        "PROJECT_TYPE": "rehabilitation",
        "LOCATION": "Huyện Vĩnh Cửu",
        "INVESTOR": "Ban Quản lý dự án giao thông",
        "OWNER_ORG": "Sở Giao thông vận tải",
        "START_YEAR": 2022,
        "END_YEAR": 2025,
        "BUDGET": 1_250_000_000_000,
        "FUNDING_TYPE": "oda",
        "DONOR": "Ngân hàng Thế giới",
        "STATUS": "in_progress",
    },
    {
        "CODE": "DA-2024-002",
        "NAME": "Khu đô thị mới",
        "SECTOR": "urban",
        "PROJECT_TYPE": "other",
        "INVESTOR": "Sở Xây dựng",
        "OWNER_ORG": "Sở Xây dựng",
        "STATUS": "preparing",
        "OBJECTIVE": "",
        "BUDGET": None,
    },
    {"CODE": "DA-2019-007", "NAME": "Trường THPT", "SECTOR": "water", "STATUS": "completed"},
]


def _date_times(value):
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("publishedDate", "updated", "startDate", "endDate"):
                yield item
            else:
                yield from _date_times(item)
    elif isinstance(value, list):
        for item in value:
            yield from _date_times(item)


def build_package():
    return oc4ids_package(
        published("project"),
        PROJECT_ROWS,
        uri="https://data.example.gov.vn/datasets/du-an/oc4ids.json",
        published=datetime(2024, 6, 1, 8, 30, tzinfo=UTC),
    )


def test_oc4ids_package_meets_the_schema_rules():
    package = build_package()
    jsonschema.Draft4Validator(PACKAGE_RULES).validate(package)
    for text in _date_times(package):  # RFC 3339 with a time zone
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)", text), text
        assert datetime.fromisoformat(text).tzinfo is not None
    for project in package["projects"]:
        ids = {party["id"] for party in project.get("parties", [])}
        assert len(ids) == len(project.get("parties", []))
        if "publicAuthority" in project:
            assert project["publicAuthority"]["id"] in ids
    json.dumps(package)  # plain JSON values only


def test_oc4ids_rules_catch_a_wrong_code():
    package = build_package()
    package["projects"][0]["status"] = "in_progress"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(PACKAGE_RULES).validate(package)


def test_oc4ids_project_fields():
    package = build_package()
    assert package["version"] == "0.9"
    assert package["publishedDate"] == "2024-06-01T08:30:00Z"
    assert package["publisher"] == {"name": "Sở Tài chính tỉnh Đồng Nai"}
    assert package["license"] == "https://creativecommons.org/licenses/by/4.0/"
    road, town, school = package["projects"]
    assert road["id"] == "DA-2024-001"
    assert road["title"] == "Nâng cấp đường tỉnh 768"
    assert road["purpose"] == "Giảm ùn tắc giao thông"
    assert road["sector"] == ["transport"]
    assert road["type"] == "rehabilitation"
    assert road["status"] == "implementation"
    assert road["period"] == {
        "startDate": "2022-01-01T00:00:00+07:00",
        "endDate": "2025-12-31T23:59:59+07:00",
    }
    assert road["budget"] == {"amount": {"amount": 1_250_000_000_000, "currency": "VND"}}
    assert road["locations"] == [{"id": "1", "description": "Huyện Vĩnh Cửu"}]
    assert road["updated"] == "2024-05-01T03:00:00Z"
    roles = {party["name"]: party["roles"] for party in road["parties"]}
    assert roles == {
        "Ban Quản lý dự án giao thông": ["publicAuthority"],
        "Sở Giao thông vận tải": ["administrativeEntity"],
        "Ngân hàng Thế giới": ["funder"],
    }
    assert road["publicAuthority"] == {
        "id": "ban-quan-ly-du-an-giao-thong",
        "name": "Ban Quản lý dự án giao thông",
    }
    assert {"scheme": "funding_type", "id": "oda", "description": "Vốn ODA và vay ưu đãi"} in (
        road["additionalClassifications"]
    )
    # no faithful codelist value: kept as a classification only
    assert "sector" not in town and "type" not in town
    assert {"scheme": "sector", "id": "urban", "description": "Đô thị và nhà ở"} in (
        town["additionalClassifications"]
    )
    assert town["status"] == "preparation"
    assert town["parties"] == [
        {
            "id": "so-xay-dung",
            "name": "Sở Xây dựng",
            "roles": ["publicAuthority", "administrativeEntity"],
        }
    ]
    assert "purpose" not in town and "budget" not in town
    assert school["status"] == "completion"
    assert school["sector"] == ["waterAndWaste"]
    assert "parties" not in school and "period" not in school


def test_oc4ids_dates_from_date_values_are_iso():
    day = FieldSpec("SIGNED", "date", "Ngày ký", "Signed", maps={"oc4ids": "x/signed"})
    table = published("project", (SCHEMAS["project"].fields[0], day))
    package = oc4ids_package(
        table,
        [{"CODE": "A", "SIGNED": date(2024, 2, 3)}],
        uri="https://example.org/p.json",
        published=datetime(2024, 6, 1),
    )
    assert package["projects"][0]["x"] == {"signed": "2024-02-03"}
    assert package["publishedDate"] == "2024-06-01T00:00:00Z"
