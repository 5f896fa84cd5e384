"""Content-type schemas: the YAML files of ``schemas/`` as typed field specs.

One declaration per field gives everything that needs it: the stored column, the
fast converter used by imports (``FieldSpec.convert``), the marshmallow field of
API payloads (``record_schema``), Table Schema / CSVW descriptors and forms.
The loader checks the files at start-up and names file and line of any mistake.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from marshmallow import Schema, ValidationError, fields

from hub.config import PROJECT_ROOT
from hub.records.values import CONVERTERS, Converter
from hub.text import fold

SCHEMA_DIR = PROJECT_ROOT / "schemas"
FIELD_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,62}$")
TYPES = frozenset(CONVERTERS)
STANDARDS = frozenset({"sdmx", "fiscal", "oc4ids", "schema_org"})
# Content types of datasets (hub.datasets.vocab) and the record types their records may
# follow. A content type with one record type uses it; portal content names its record
# type at the first import (``record_type``) and keeps it (``record_set.schema_name``).
RECORD_TYPES_OF_CONTENT_TYPE: dict[str, tuple[str, ...]] = {
    "statistics": ("statistics",),
    "budget": ("budget_line",),
    "project": ("project",),
    "legal_document": ("legal_document",),
    "portal_content": (
        "article",
        "leader",
        "org_unit",
        "contact",
        "work_schedule",
        "public_service",
        "draft_for_comment",
        "qa",
    ),
}


class SchemaFileError(Exception):
    """A mistake in a schema file, with the file and line to look at."""

    def __init__(self, path: Path | str, line: int | None, message: str) -> None:
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class Code:
    code: str
    vi: str
    en: str


@dataclass(frozen=True)
class FieldSpec:
    name: str
    type: str
    label_vi: str
    label_en: str
    description: str = ""
    required: bool = False
    key: bool = False
    filter: bool = False
    codes: tuple[Code, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    max_length: int | None = None
    pattern: str | None = None
    unit: str | None = None
    maps: Mapping[str, str] = field(default_factory=dict)

    @property
    def column(self) -> str:
        return self.name.lower()

    @cached_property
    def _code_lookup(self) -> dict[str, str]:
        # A code may be written as itself or as its label in either language.
        lookup: dict[str, str] = {code.code: code.code for code in self.codes}
        for code in self.codes:
            for written in (code.code, code.vi, code.en):
                lookup.setdefault(fold(written), code.code)
        return lookup

    @cached_property
    def convert(self) -> Converter:
        """Raw cell -> stored value; ``ValueError`` with the report message otherwise."""
        base = CONVERTERS[self.type]
        checks = []
        if self.codes:
            lookup = self._code_lookup
            allowed = ", ".join(c.code for c in self.codes[:12])

            def coded(value: Any) -> Any:
                found = lookup.get(value)  # written as the code itself: no folding needed
                if found is None:
                    found = lookup.get(fold(str(value)))
                if found is None:
                    raise ValueError(f"not in the code list ({allowed})")
                return found

            checks.append(coded)
        if self.minimum is not None or self.maximum is not None:
            low, high = self.minimum, self.maximum

            def ranged(value: Any) -> Any:
                if (low is not None and value < low) or (high is not None and value > high):
                    raise ValueError(f"out of range [{low}, {high}]")
                return value

            checks.append(ranged)
        if self.max_length is not None:
            most = self.max_length

            def short(value: Any) -> Any:
                if len(value) > most:
                    raise ValueError(f"longer than {most} characters")
                return value

            checks.append(short)
        if self.pattern is not None:
            regex = re.compile(self.pattern)

            def shaped(value: Any) -> Any:
                if not regex.fullmatch(value):
                    raise ValueError(f"does not match {self.pattern}")
                return value

            checks.append(shaped)
        required = self.required
        if not checks and not required:
            return base  # most fields: the type conversion is all there is

        def convert(raw: Any) -> Any:
            value = base(raw)
            if value is None:
                if required:
                    raise ValueError("required")
                return None
            for check in checks:
                value = check(value)
            return value

        return convert

    def matches_header(self, folded_header: str) -> bool:
        return folded_header in {fold(self.name), fold(self.label_vi), fold(self.label_en)}


@dataclass(frozen=True)
class ContentSchema:
    name: str
    title_vi: str
    title_en: str
    description: str
    standard: str
    fields: tuple[FieldSpec, ...]
    extensible: bool = False  # datasets may declare more fields (statistics dimensions)
    source: str = ""

    @property
    def key(self) -> tuple[FieldSpec, ...]:
        return tuple(f for f in self.fields if f.key)

    def field(self, name: str) -> FieldSpec | None:
        return next((f for f in self.fields if f.name == name), None)


# --- marshmallow, derived --------------------------------------------------------


class _Converted(fields.Field):
    """A marshmallow field that deserializes with the field spec's own converter."""

    def __init__(self, spec: FieldSpec, **kwargs: Any) -> None:
        super().__init__(
            required=spec.required,
            allow_none=not spec.required,
            metadata={"description": spec.description or spec.label_en, "type": spec.type},
            **kwargs,
        )
        self.spec = spec

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        try:
            return self.spec.convert(value)
        except ValueError as exc:
            raise ValidationError(str(exc)) from None

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> Any:
        return value.isoformat() if hasattr(value, "isoformat") else value


def record_schema(specs: tuple[FieldSpec, ...], name: str = "Record") -> type[Schema]:
    """The marshmallow schema of one record with ``specs``; unknown fields are refused."""
    declared: dict[str, Any] = {spec.name: _Converted(spec) for spec in specs}
    return Schema.from_dict(declared, name=name)


# --- loading ---------------------------------------------------------------------


class _LineLoader(yaml.SafeLoader):
    """Remembers the line of every mapping, so errors can point at it."""


def _mapping_with_line(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = _Lined(loader.construct_mapping(node, deep=True))
    mapping.line = node.start_mark.line + 1
    return mapping


class _Lined(dict):
    line: int = 0


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)

_FIELD_KEYS = {
    "name",
    "type",
    "label",
    "description",
    "required",
    "key",
    "filter",
    "codes",
    "minimum",
    "maximum",
    "max_length",
    "pattern",
    "unit",
    "maps",
}
_SCHEMA_KEYS = {"name", "title", "description", "standard", "extensible", "fields"}


def _bilingual(path: Path, node: Any, what: str, line: int) -> tuple[str, str]:
    if not isinstance(node, dict) or not {"vi", "en"} <= set(node):
        raise SchemaFileError(path, getattr(node, "line", line), f"{what} needs vi and en")
    extra = set(node) - {"vi", "en"}
    if extra:  # "{vi: a, b, en: c}" silently makes a key "b": text with commas needs quotes
        raise SchemaFileError(
            path, node.line, f"{what}: unexpected {sorted(map(str, extra))}; quote text with commas"
        )
    if not all(isinstance(node[k], str) and node[k].strip() for k in ("vi", "en")):
        raise SchemaFileError(path, node.line, f"{what}: vi and en must be non-empty text")
    return node["vi"], node["en"]


def _code_list(path: Path, node: Any, line: int) -> tuple[Code, ...]:
    if not isinstance(node, dict) or not node:
        raise SchemaFileError(path, line, "codes must map each code to its vi and en labels")
    return tuple(
        Code(str(code), *_bilingual(path, labels, f"code {code!r}", node.line))
        for code, labels in node.items()
    )


def parse_field(path: Path | str, node: Any, line: int = 0) -> FieldSpec:
    """One field declaration (from a schema file or a dataset's declared fields)."""
    path = Path(path) if not isinstance(path, Path) else path
    if not isinstance(node, dict):
        raise SchemaFileError(path, line, "a field must be a mapping")
    line = getattr(node, "line", line)
    unknown = set(node) - _FIELD_KEYS
    if unknown:
        raise SchemaFileError(path, line, f"unknown key(s) {', '.join(sorted(unknown))}")
    name = node.get("name")
    if not isinstance(name, str) or not FIELD_NAME.match(name):
        raise SchemaFileError(path, line, f"field name {name!r} must match {FIELD_NAME.pattern}")
    kind = node.get("type")
    if kind not in TYPES:
        raise SchemaFileError(path, line, f"field {name}: type must be one of {sorted(TYPES)}")
    label_vi, label_en = _bilingual(path, node.get("label"), f"field {name}: label", line)
    maps = node.get("maps") or {}
    if not isinstance(maps, dict) or set(maps) - STANDARDS:
        raise SchemaFileError(path, line, f"field {name}: maps keys are {sorted(STANDARDS)}")
    if "pattern" in node:
        try:
            re.compile(str(node["pattern"]))
        except re.error as exc:
            raise SchemaFileError(path, line, f"field {name}: bad pattern ({exc})") from None
    for flag in ("required", "key", "filter"):
        if not isinstance(node.get(flag, False), bool):
            raise SchemaFileError(path, line, f"field {name}: {flag} must be true or false")
    return FieldSpec(
        name=name,
        type=kind,
        label_vi=label_vi,
        label_en=label_en,
        description=str(node.get("description", "")).strip(),
        required=node.get("required", False) or node.get("key", False),
        key=node.get("key", False),
        filter=node.get("filter", False) or node.get("key", False),
        codes=_code_list(path, node["codes"], line) if "codes" in node else (),
        minimum=node.get("minimum"),
        maximum=node.get("maximum"),
        max_length=node.get("max_length"),
        pattern=node.get("pattern"),
        unit=node.get("unit"),
        maps={str(k): str(v) for k, v in maps.items()},
    )


def load_schema_file(path: Path) -> ContentSchema:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)  # noqa: S506
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise SchemaFileError(path, mark.line + 1 if mark else None, str(exc)) from None
    if not isinstance(data, dict):
        raise SchemaFileError(path, 1, "a schema file is a mapping")
    unknown = set(data) - _SCHEMA_KEYS
    if unknown:
        raise SchemaFileError(path, data.line, f"unknown key(s) {', '.join(sorted(unknown))}")
    if data.get("name") != path.stem:
        raise SchemaFileError(path, data.line, f"name must be {path.stem!r} (the file name)")
    title_vi, title_en = _bilingual(path, data.get("title"), "title", data.line)
    raw_fields = data.get("fields")
    if not isinstance(raw_fields, list) or not raw_fields:
        raise SchemaFileError(path, data.line, "fields must be a non-empty list")
    specs = tuple(parse_field(path, node, data.line) for node in raw_fields)
    seen: set[str] = set()
    for spec, node in zip(specs, raw_fields, strict=True):
        if spec.column in seen:
            raise SchemaFileError(path, node.line, f"field {spec.name} is declared twice")
        seen.add(spec.column)
    return ContentSchema(
        name=data["name"],
        title_vi=title_vi,
        title_en=title_en,
        description=str(data.get("description", "")).strip(),
        standard=str(data.get("standard", "")).strip(),
        fields=specs,
        extensible=bool(data.get("extensible", False)),
        source=str(path),
    )


def load_schemas(directory: Path = SCHEMA_DIR) -> dict[str, ContentSchema]:
    """Every ``*.yaml`` of ``directory``, checked; the first mistake raises SchemaFileError."""
    return {s.name: s for s in map(load_schema_file, sorted(directory.glob("*.yaml")))}


_LOADED: dict[str, ContentSchema] | None = None


def schemas() -> dict[str, ContentSchema]:
    global _LOADED
    if _LOADED is None:
        _LOADED = load_schemas()
    return _LOADED


def schema_for_content_type(content_type: str) -> ContentSchema | None:
    """The one record schema of a content type; None when it has none or several."""
    names = RECORD_TYPES_OF_CONTENT_TYPE.get(content_type, ())
    return schemas()[names[0]] if len(names) == 1 else None


def schema_named(name: str) -> ContentSchema:
    return schemas()[name]


class _Bilingual(Schema):
    vi = fields.String(required=True)
    en = fields.String(required=True)


class FieldDeclaration(Schema):
    """The shape of a field declared through the API; ``parse_field`` checks the rest."""

    name = fields.String(required=True, metadata={"description": "Letters, digits and _."})
    type = fields.String(required=True, metadata={"enum": sorted(TYPES)})
    label = fields.Nested(_Bilingual, required=True)
    description = fields.String()
    filter = fields.Boolean(metadata={"description": "Indexed, for fast filters."})
    codes = fields.Dict(
        keys=fields.String(),
        values=fields.Nested(_Bilingual),
        metadata={"description": "Code list."},
    )
    minimum = fields.Float()
    maximum = fields.Float()
    max_length = fields.Integer()
    pattern = fields.String()
    unit = fields.String()
    maps = fields.Dict(keys=fields.String(), values=fields.String())
