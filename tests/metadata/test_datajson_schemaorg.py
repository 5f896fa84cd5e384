"""DCAT-US ``/data.json`` (POD v1.1, non-federal) and schema.org ``Dataset`` JSON-LD:
valid against their schemas, only published public datasets, safe to embed in HTML."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import jsonschema
from rdflib import RDF, Graph, Namespace, URIRef
from sqlalchemy import event, select

from hub.datasets.models import Dataset
from hub.demo import load_demo
from hub.metadata.datajson import catalog_chunks
from hub.metadata.schemaorg_dataset import schemaorg_dataset, script_tag
from tests.factories import DatasetFactory, OrganizationFactory

BASE = "http://hub.test"
SDO = Namespace("https://schema.org/")
POD_SCHEMA = json.loads(
    (Path(__file__).parent / "data" / "pod-v1.1-non-federal.schema.json").read_text("utf-8")
)
# Google Dataset Search: required, then the recommended ones every demo dataset can fill.
GOOGLE_REQUIRED = ("name", "description")
GOOGLE_RECOMMENDED = (
    "url",
    "identifier",
    "license",
    "isAccessibleForFree",
    "creator",
    "includedInDataCatalog",
    "dateModified",
    "inLanguage",
)
HOSTILE = 'Bộ "dữ liệu" </script><script>alert(1)</script> <!-- \n dòng 2 \u2028 🐟 & \\'


def _validator() -> jsonschema.Draft4Validator:
    jsonschema.Draft4Validator.check_schema(POD_SCHEMA)
    return jsonschema.Draft4Validator(POD_SCHEMA)


def _public(session) -> list[Dataset]:
    query = select(Dataset).where(Dataset.state == "published", Dataset.access_rights == "PUBLIC")
    return list(session.scalars(query.order_by(Dataset.slug)))


def _rdf(document: dict) -> Graph:
    # The schema.org context is remote; an inline @vocab gives the same IRIs offline.
    inline = {**document, "@context": {"@vocab": str(SDO)}}
    return Graph().parse(data=json.dumps(inline), format="json-ld")


def test_demo_descriptors(client, session, file_store):
    """One demo load (the slow part) for both descriptors."""
    load_demo(session, file_store)
    check_data_json(client, session)
    check_schemaorg(client, session)


def check_data_json(client, demo) -> None:
    """Valid POD v1.1, each published public dataset once, nothing else."""
    response = client.get("/data.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    catalog = json.loads(response.get_data(as_text=True))
    errors = sorted(_validator().iter_errors(catalog), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:20])
    assert catalog["@type"] == "dcat:Catalog"
    assert catalog["conformsTo"] == "https://project-open-data.cio.gov/v1.1/schema"

    public = _public(demo)
    expected = [f"{BASE}/dataset/{d.slug}" for d in public]
    identifiers = [item["identifier"] for item in catalog["dataset"]]
    assert sorted(identifiers) == sorted(expected)  # each once, nothing else
    hidden = set(demo.scalars(select(Dataset.slug))) - {d.slug for d in public}
    assert hidden, "the demo has unpublished datasets"
    assert not {i.rsplit("/", 1)[1] for i in identifiers} & hidden
    text = response.get_data(as_text=True)
    assert not any(f'/dataset/{slug}"' in text for slug in hidden)

    by_id = {item["identifier"]: item for item in catalog["dataset"]}
    for dataset in public:
        item = by_id[f"{BASE}/dataset/{dataset.slug}"]
        assert item["title"] == dataset.title_vi and item["accessLevel"] == "public"
        assert "bureauCode" not in item and "programCode" not in item
        assert item["contactPoint"]["fn"]
        if dataset.contact_email:
            assert item["contactPoint"]["hasEmail"] == f"mailto:{dataset.contact_email}"
        if dataset.temporal_start and dataset.temporal_end:
            start, end = dataset.temporal_start, dataset.temporal_end
            assert item["temporal"] == f"{start.isoformat()}/{end.isoformat()}"
        assert len(item.get("distribution", [])) == len(dataset.distributions)
    assert any(item.get("accrualPeriodicity", "").startswith("R/P") for item in by_id.values())
    assert any("downloadURL" in d for item in by_id.values() for d in item["distribution"])


def test_data_json_reads_in_batches_without_a_query_per_dataset(app, session):
    org = OrganizationFactory(session=session)
    for n in range(12):
        DatasetFactory(session=session, state="published", organization=org, title_vi=f"Bộ {n}")
    DatasetFactory(session=session, state="draft", organization=org)
    engine = app.extensions["hub.db"].engine

    def run(batch_size: int) -> tuple[int, dict]:
        statements: list[str] = []

        def count(conn, cursor, statement, *args):
            statements.append(statement)

        session.expunge_all()
        event.listen(engine, "before_cursor_execute", count)
        try:
            document = json.loads("".join(catalog_chunks(session, BASE, batch_size=batch_size)))
        finally:
            event.remove(engine, "before_cursor_execute", count)
        return len(statements), document

    queries, document = run(100)
    assert len(document["dataset"]) == 12 and not list(_validator().iter_errors(document))
    assert queries <= 5, f"{queries} queries for one batch"
    batched, again = run(5)  # three batches: the same datasets, a few queries each
    assert again == document and batched <= 3 * 5


def check_schemaorg(client, demo) -> None:
    """A schema.org Dataset, parsed by rdflib, with Google's properties, for each one."""
    public = _public(demo)
    assert len(public) >= 10
    for dataset in public:
        response = client.get(f"/dataset/{dataset.slug}.schemaorg.jsonld")
        assert response.status_code == 200, dataset.slug
        assert response.mimetype == "application/ld+json"
        document = json.loads(response.get_data(as_text=True))
        assert document["@context"] == "https://schema.org" and document["@type"] == "Dataset"
        for key in GOOGLE_REQUIRED + GOOGLE_RECOMMENDED:
            assert document.get(key) not in (None, "", []), (dataset.slug, key)
        assert 50 <= len(document["description"]) <= 5000
        assert document["creator"]["@type"] == "GovernmentOrganization"
        assert document["publisher"]["identifier"] == dataset.organization.agency_code
        assert document["includedInDataCatalog"]["@type"] == "DataCatalog"
        assert document["includedInDataCatalog"]["url"] == f"{BASE}/"
        if dataset.keywords:
            assert document["keywords"] == dataset.keywords
        if dataset.temporal_start or dataset.temporal_end:
            assert re.fullmatch(r"(\d{4}-\d\d-\d\d|\.\.)/(\d{4}-\d\d-\d\d|\.\.)",
                                document["temporalCoverage"])  # fmt: skip
        if dataset.spatial:
            assert document["spatialCoverage"] == {"@type": "Place", "name": dataset.spatial}
        for download in document.get("distribution", []):
            assert download["@type"] == "DataDownload"
            assert download["contentUrl"].startswith("http") and download["encodingFormat"]

        graph = _rdf(document)
        node = URIRef(f"{BASE}/dataset/{dataset.slug}")
        assert (node, RDF.type, SDO.Dataset) in graph
        assert graph.value(node, SDO.name) is not None
        assert (None, RDF.type, SDO.DataCatalog) in graph
    assert any(
        client.get(f"/dataset/{d.slug}.schemaorg.jsonld").get_json().get("distribution")
        for d in public
    )


def test_schemaorg_is_not_found_for_drafts_and_unknown_names(client, session):
    draft = DatasetFactory(session=session, state="draft")
    pending = DatasetFactory(session=session, state="pending")
    for name in (draft.slug, pending.slug, str(draft.id), "no-such-dataset"):
        assert client.get(f"/dataset/{name}.schemaorg.jsonld").status_code == 404
    published = DatasetFactory(session=session, state="published")
    response = client.get(f"/dataset/{published.slug}.schemaorg.jsonld")
    assert response.status_code == 200
    again = client.get(
        f"/dataset/{published.slug}.schemaorg.jsonld",
        headers={"If-None-Match": response.headers["ETag"]},
    )
    assert again.status_code == 304


def test_hostile_titles_stay_valid_json_and_inside_the_script(client, session):
    org = OrganizationFactory(session=session, title_vi=f"Sở {HOSTILE}")
    dataset = DatasetFactory(
        session=session,
        state="published",
        organization=org,
        title_vi=HOSTILE,
        description_vi=f"Mô tả {HOSTILE}",
        keywords=["</script>", 'a"b'],
        spatial="</SCRIPT >",
        temporal_start=date(2020, 1, 1),
    )
    response = client.get(f"/dataset/{dataset.slug}.schemaorg.jsonld")
    document = json.loads(response.get_data(as_text=True))
    assert document["name"] == HOSTILE and document["keywords"] == ["</script>", 'a"b']
    assert document["temporalCoverage"] == "2020-01-01/.."
    _rdf(document)

    tag = script_tag(document)
    assert tag.startswith('<script type="application/ld+json">') and tag.endswith("</script>")
    inner = tag[len('<script type="application/ld+json">') : -len("</script>")]
    assert not re.search(r"[<>&\u2028\u2029]", inner)  # nothing an HTML parser acts on
    assert json.loads(inner) == document == schemaorg_dataset(dataset, BASE)

    catalog = json.loads(client.get("/data.json").get_data(as_text=True))
    assert not list(_validator().iter_errors(catalog))
    [item] = catalog["dataset"]
    assert item["title"] == HOSTILE and "temporal" not in item  # POD has no open interval
