"""Content-type schemas, their loader's error messages, and the value converters."""

from __future__ import annotations

from datetime import date

import pytest
from marshmallow import ValidationError

from hub.records.schema import SchemaFileError, load_schema_file, load_schemas, record_schema
from hub.records.values import to_boolean, to_date, to_integer, to_number, to_year


def test_the_shipped_schemas_load_and_map_to_their_standards():
    schemas = load_schemas()
    assert {"statistics", "budget_line", "project"} <= set(schemas)
    for schema in schemas.values():
        for spec in schema.fields:
            assert spec.label_vi and spec.label_en
            assert all(code.vi and code.en for code in spec.codes)
    stats = schemas["statistics"]
    assert [f.name for f in stats.key] == ["REF_AREA", "TIME_PERIOD"] and stats.extensible
    assert {f.maps.get("sdmx") for f in stats.fields} >= {"OBS_VALUE", "UNIT_MEASURE"}
    assert schemas["budget_line"].field("AMOUNT").maps["fiscal"] == "value"
    assert schemas["project"].field("STATUS").maps["oc4ids"] == "status"
    statuses = {c.code for c in schemas["project"].field("STATUS").codes}
    assert statuses == {"preparing", "in_progress", "completed"}


BROKEN = {
    "unknown key": ("  - name: A\n    type: string\n    colour: red\n", 8, "unknown key"),
    "bad type": ("  - name: A\n    type: money\n", 8, "type must be one of"),
    "bad name": ("  - name: 1A\n    type: string\n", 8, "must match"),
    "no label": ("  - name: A\n    type: string\n", 8, "label needs vi and en"),
    "twice": (
        "  - name: A\n    type: string\n    label: {vi: a, en: a}\n"
        "  - name: a\n    type: string\n    label: {vi: b, en: b}\n",
        11,
        "declared twice",
    ),
    "unquoted comma": (
        "  - name: A\n    type: string\n    label: {vi: Văn hóa, thể thao, en: Culture}\n",
        10,
        "quote text with commas",
    ),
    "bad yaml": ("  - name: [A\n", 9, "flow sequence"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_schema_mistakes_name_the_file_and_line(tmp_path, case):
    fields, line, message = BROKEN[case]
    path = tmp_path / "thu.yaml"
    head = "name: thu\ntitle: {vi: Thử, en: Test}\nstandard: x\nfields:\n"
    good = "  - name: ZZ\n    type: string\n    label: {vi: z, en: z}\n"  # lines 5-7
    path.write_text(head + good + fields, encoding="utf-8")
    with pytest.raises(SchemaFileError) as error:
        load_schema_file(path)
    assert f"thu.yaml:{line}:" in str(error.value)
    assert message in str(error.value)


def test_the_marshmallow_schema_is_derived_and_agrees_with_the_converters():
    spec = load_schemas()["budget_line"]
    schema = record_schema(spec.fields)()
    row = {
        "FORM": "46/CK-NSNN",
        "FISCAL_YEAR": "2024",
        "PERIOD": "Cả năm",
        "PHASE": "Dự toán",
        "LINE_CODE": "1",
        "ITEM": "Thu nội địa",
        "AMOUNT": "1.234.567",
    }
    loaded = schema.load(row)
    assert loaded == {name: spec.field(name).convert(value) for name, value in row.items()}
    assert loaded["PERIOD"] == "Y" and loaded["PHASE"] == "estimate"
    with pytest.raises(ValidationError) as error:
        schema.load({**row, "AMOUNT": "nhiều", "COLOUR": "red"})
    assert set(error.value.messages) == {"AMOUNT", "COLOUR"}


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("1.234.567,89", 1234567.89),
        ("1.234.567", 1234567.0),
        ("12.345", 12345.0),
        ("2,5", 2.5),
        ("1,234,567.5", 1234567.5),
        ("1 234 567", 1234567.0),
        ("12345.67", 12345.67),
        ("-3,5", -3.5),
        (7, 7.0),
        ("", None),
    ],
)
def test_vietnamese_and_international_numbers(raw, expected):
    assert to_number(raw) == expected


@pytest.mark.parametrize("raw", ["nhiều", "1.2.3,4,5", "nan", "inf", True])
def test_what_is_not_a_number(raw):
    with pytest.raises(ValueError):
        to_number(raw)


def test_integers_dates_years_and_booleans():
    assert to_integer("1.234.567") == 1234567 and to_integer(12.0) == 12
    with pytest.raises(ValueError):
        to_integer("1,5")
    assert to_date("05/09/2024") == date(2024, 9, 5), "dd/mm/yyyy, day first"
    assert to_date("2024-09-05") == to_date("2024-09-05T10:00:00") == date(2024, 9, 5)
    with pytest.raises(ValueError, match="real date"):
        to_date("31/02/2024")
    with pytest.raises(ValueError):
        to_date("09-2024")
    assert to_year("2024") == 2024
    with pytest.raises(ValueError):
        to_year("20245")
    assert to_boolean("Có") is True and to_boolean("KHÔNG") is False and to_boolean("x") is True
    with pytest.raises(ValueError):
        to_boolean("có lẽ")
