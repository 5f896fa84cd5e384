"""DCAT-AP 3.0.1: the demo catalog conforms to the official shapes, round-trips through
``parse``, and other catalogs' DCAT (ckanext-dcat and DCAT-AP examples) parses."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from rdflib import Graph
from sqlalchemy import select

from hub.datasets.models import Dataset, Distribution, Organization
from hub.demo import load_demo
from hub.metadata.dcat import DcatApProfile, LegalRef, legislation_refs

pyshacl = pytest.importorskip("pyshacl")

BASE = "http://hub.test"
FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures"
SHAPES = FIXTURES / "dcat-ap-shacl" / "3.0.1" / "html-shacl"
FOREIGN = [FIXTURES / "ckanext-dcat-examples" / "dcat", FIXTURES / "dcat-ap-examples-3.0.1"]
FORMATS = {".ttl": "turtle", ".rdf": "xml", ".xml": "xml", ".jsonld": "json-ld"}
DATASET_FIELDS = (
    "title_vi",
    "title_en",
    "description_vi",
    "description_en",
    "access_rights",
    "frequency",
    "temporal_start",
    "temporal_end",
    "spatial",
    "contact_name",
    "contact_email",
    "contact_phone",
    "landing_page",
    "version",
    "citation",
    "issued",
    "modified",
)
LIST_FIELDS = ("themes", "keywords", "language")
DISTRIBUTION_FIELDS = ("title_vi", "title_en", "description_vi", "media_type", "format")
DISTRIBUTION_FIELDS += ("byte_size", "sha256")
SAMPLE = 12  # datasets validated one by one (the catalog check covers all of them)


def _shapes(name: str) -> Graph:
    if not (SHAPES / name).exists() or not (SHAPES / "range.ttl").exists():
        pytest.skip(f"DCAT-AP 3.0.1 shapes not found under {SHAPES}")
    shapes = Graph()
    shapes.parse(SHAPES / name)
    shapes.parse(SHAPES / "range.ttl")
    return shapes


def _assert_conforms(graph: Graph, shapes: Graph, what: str) -> None:
    conforms, results, text = pyshacl.validate(
        graph, shacl_graph=shapes, inference="none", allow_warnings=True
    )
    if not conforms:
        first = "\n".join(text.splitlines()[:60])
        pytest.fail(f"{what} does not conform to DCAT-AP 3.0.1:\n{first}")


def _published(session) -> list[Dataset]:
    query = select(Dataset).where(Dataset.state == "published").order_by(Dataset.slug)
    return list(session.scalars(query))


def _profile(session, datasets: list[Dataset]) -> DcatApProfile:
    return DcatApProfile(legislation_refs(session, [n for d in datasets for n in d.legal_basis]))


def _expected_legal_basis(profile: DcatApProfile, dataset: Dataset) -> list[str]:
    """Numbers found in the legal index come back as the index writes them."""
    refs = profile.legislation
    return sorted({refs[n].number if n in refs else n for n in dataset.legal_basis})


def _check_round_trip(profile: DcatApProfile, dataset: Dataset, parsed: dict) -> None:
    slug = dataset.slug
    assert parsed["slug"] == slug and parsed["identifier"] == str(dataset.id)
    for name in DATASET_FIELDS:
        assert parsed[name] == getattr(dataset, name), (slug, name)
    for name in LIST_FIELDS:
        assert parsed[name] == sorted(set(getattr(dataset, name) or [])), (slug, name)
    assert parsed["organization"] == dataset.organization.slug
    assert parsed["licence"] == dataset.licence
    assert parsed["legal_basis"] == _expected_legal_basis(profile, dataset)
    dists = {d["id"]: d for d in parsed["distributions"]}
    assert set(dists) == {str(d.id) for d in dataset.distributions}, slug
    for dist in dataset.distributions:
        back = dists[str(dist.id)]
        assert back["kind"] == dist.kind, (slug, dist.id)
        for name in DISTRIBUTION_FIELDS:
            assert back[name] == getattr(dist, name), (slug, dist.kind, name)
        assert back["url"] == (dist.url if dist.kind == "link" else None)
        if dist.kind == "generated":
            assert back["file_name"] == dist.file_name
        assert back["licence"] == dataset.licence
        assert (back["issued"], back["modified"]) == (dist.created_at, dist.modified_at)


def test_demo_catalog_conforms_and_round_trips(session, file_store):
    load_demo(session, file_store)
    datasets = _published(session)
    assert len(datasets) >= 50
    profile = _profile(session, datasets)
    assert profile.legislation, "some legal bases are documents of the demo's legal index"

    catalog = profile.serialize_catalog(datasets, BASE)
    shapes = _shapes("shapes.ttl")
    _assert_conforms(catalog, shapes, "the demo catalog")
    step = max(1, len(datasets) // SAMPLE)
    for dataset in datasets[::step]:
        graph = Graph()
        profile.serialize_dataset(graph, dataset, BASE)
        _assert_conforms(graph, shapes, f"dataset {dataset.slug}")

    # Through Turtle text, as a harvester reads it.
    text = catalog.serialize(format="turtle")
    parsed = {d["slug"]: d for d in profile.parse(Graph().parse(data=text, format="turtle"), BASE)}
    assert set(parsed) == {d.slug for d in datasets}
    for dataset in datasets:
        _check_round_trip(profile, dataset, parsed[dataset.slug])


def test_catalog_lists_datasets_and_data_services(session, file_store):
    load_demo(session, file_store)
    datasets = _published(session)[:5]
    graph = _profile(session, datasets).serialize_catalog(datasets, BASE)
    rows = graph.query(
        """SELECT ?service ?endpoint ?description (COUNT(?d) AS ?served) WHERE {
             <http://hub.test/catalog> dcat:service ?service .
             ?service dcat:endpointURL ?endpoint ; dcat:endpointDescription ?description .
             OPTIONAL { ?service dcat:servesDataset ?d }
           } GROUP BY ?service ?endpoint ?description""",
        initNs={"dcat": "http://www.w3.org/ns/dcat#"},
    )
    endpoints = {str(row.endpoint): (str(row.description), int(row.served)) for row in rows}
    assert endpoints[f"{BASE}/api/v1"] == (f"{BASE}/api/v1/openapi.json", 5)
    assert f"{BASE}/api/3/action" in endpoints and f"{BASE}/api/v1/datasets" in endpoints
    text = graph.serialize(format="turtle")
    assert "request" not in text and "localhost" not in text  # IRIs only from BASE


def _foreign_files() -> list[Path]:
    files = [p for folder in FOREIGN if folder.is_dir() for p in sorted(folder.iterdir())]
    return [p for p in files if p.suffix in FORMATS and "context" not in p.name]


def _read_foreign(path: Path) -> Graph:
    graph = Graph()
    if path.suffix != ".jsonld":
        return graph.parse(path, format=FORMATS[path.suffix])
    data = json.loads(path.read_text(encoding="utf-8"))
    context = data.get("@context") if isinstance(data, dict) else None
    if isinstance(context, str):
        # The SEMIC examples name their context by URL; the fixture holds a copy (no network).
        local = path.with_name("context.jsonld")
        if not context.endswith("context.jsonld") or not local.exists():
            raise ValueError(f"remote JSON-LD context {context}")
        data["@context"] = json.loads(local.read_text(encoding="utf-8"))["@context"]
    return graph.parse(data=json.dumps(data), format="json-ld")


def test_other_catalogs_parse_without_error():
    files = _foreign_files()
    if not files:
        pytest.skip(f"no DCAT examples under {FIXTURES}")
    profile, rejected, datasets = DcatApProfile(), [], 0
    for path in files:
        try:
            graph = _read_foreign(path)
        except Exception as exc:  # rdflib's own parse errors are of many types
            rejected.append(f"{path.name}: {type(exc).__name__}")
            continue
        parsed = profile.parse(graph)
        json.dumps(parsed, default=str)  # plain values only
        datasets += len(parsed)
    print(f"{len(files)} files, {len(rejected)} rejected by rdflib: {rejected}")
    assert len(rejected) < len(files) and datasets >= len(files) - len(rejected)


def test_foreign_values_are_read_tolerantly():
    text = """
    @prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .
    @prefix vcard: <http://www.w3.org/2006/vcard/ns#> .
    @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
    <http://x.example/ds/1> a dcat:Dataset ; dct:title "Plain title" ;
      dct:issued "2021"^^xsd:gYear ; dct:modified "not a date" ; dct:language "en" ;
      dct:accrualPeriodicity <http://purl.org/cld/freq/annual> ; dcat:keyword "a", "b" ;
      dct:license <https://creativecommons.org/licenses/by/4.0/> ; dct:spatial "Hà Nội" ;
      dcat:contactPoint [ vcard:fn "Desk" ; vcard:hasEmail "desk@x.example" ] ;
      dct:temporal [ <http://schema.org/startDate> "2020-01-01"^^xsd:date ] ;
      dcat:distribution [ dcat:accessURL "http://x.example/file.csv" ; dct:format "CSV" ;
        dcat:byteSize "12.0" ; dcat:mediaType "text/csv" ] .
    """
    (parsed,) = DcatApProfile().parse(Graph().parse(data=text, format="turtle"))
    assert parsed["title_vi"] == "Plain title" and parsed["title_en"] is None
    assert parsed["issued"] == date(2021, 1, 1) and parsed["modified"] is None
    assert parsed["language"] == ["en"] and parsed["frequency"] == "ANNUAL"
    assert parsed["licence"] == "CC-BY-4.0" and parsed["spatial"] == "Hà Nội"
    assert (parsed["contact_name"], parsed["contact_email"]) == ("Desk", "desk@x.example")
    assert parsed["temporal_start"] == date(2020, 1, 1) and parsed["keywords"] == ["a", "b"]
    (dist,) = parsed["distributions"]
    assert (dist["kind"], dist["format"]) == ("link", "CSV")
    assert dist["url"] == "http://x.example/file.csv"
    assert (dist["byte_size"], dist["media_type"]) == (12, "text/csv")


def _organization() -> Organization:
    return Organization(
        id=uuid.uuid4(), slug="so-thu", title_vi="Sở Thử", kind="department", agency_code="X.1"
    )


def _bare_dataset(**fields) -> Dataset:
    values = {
        "slug": "bo-du-lieu",
        "title_vi": "Bộ dữ liệu",
        "themes": [],
        "keywords": [],
        "licence": "other-closed",
        "access_rights": "PUBLIC",
        "legal_basis": [],
        "language": [],
        "modified": datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC),
        "distributions": [],
    }
    values.update(fields)
    dataset = Dataset(id=uuid.uuid4(), organization=_organization(), content_type="other", **values)
    return dataset


HOSTILE = "Tiêu đề \"trích dẫn\" > <b>x</b> & \\ 'nháy'\ndòng hai\r\n\t🚀 😀 \"\"\" '''"


def _serializations(graph: Graph) -> list[Graph]:
    out = []
    for fmt in ("turtle", "xml", "json-ld", "nt"):
        out.append(Graph().parse(data=graph.serialize(format=fmt), format=fmt))
    return out


def test_empty_and_hostile_datasets_give_valid_parseable_output():
    shapes = _shapes("shapes.ttl")
    empty = _bare_dataset()
    hostile = _bare_dataset(
        slug="hostile",
        title_vi=HOSTILE,
        title_en=HOSTILE[::-1],
        description_vi=HOSTILE,
        keywords=[HOSTILE, "ok"],
        contact_name=HOSTILE,
        contact_email="a.b+c@x.example",
        contact_phone="0294 3855 003",
        spatial=HOSTILE,
        citation=HOSTILE,
        version='1.0 "beta"',
        legal_basis=["42/2022/NĐ-CP", "Luật số 64/2025/QH15", 'x"y>z'],
        language=["vi", "en"],
        themes=["ENVI"],
        licence="CC-BY-4.0",
    )
    hostile.distributions = [
        Distribution(
            id=uuid.uuid4(),
            kind="link",
            title_vi=HOSTILE,
            url="https://x.example/a?b=1&c=%22",
            format="GEOJSON",
            position=0,
        )
    ]
    profile = DcatApProfile({"42/2022/NĐ-CP": LegalRef(str(uuid.uuid4()), "42/2022/NĐ-CP")})
    for dataset in (empty, hostile):
        graph = Graph()
        profile.serialize_dataset(graph, dataset, BASE)
        _assert_conforms(graph, shapes, dataset.slug)
        for copy in _serializations(graph):
            (parsed,) = profile.parse(copy, BASE)
            assert parsed["title_vi"] == dataset.title_vi
            assert parsed["keywords"] == sorted(dataset.keywords)
            assert parsed["legal_basis"] == sorted(dataset.legal_basis)
    (parsed,) = profile.parse(_serializations(graph)[0], BASE)
    for name in ("title_en", "description_vi", "contact_name", "contact_email", "spatial"):
        assert parsed[name] == getattr(hostile, name), name
    assert (parsed["contact_phone"], parsed["citation"]) == ("0294 3855 003", HOSTILE)
    assert parsed["distributions"][0]["title_vi"] == HOSTILE
    assert parsed["distributions"][0]["url"] == "https://x.example/a?b=1&c=%22"
