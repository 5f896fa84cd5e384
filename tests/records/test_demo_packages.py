"""Every data package the demo province publishes validates, as served over HTTP."""

from __future__ import annotations

import json

import frictionless
import jsonschema
from sqlalchemy import select

from hub.datasets.models import Dataset
from hub.demo import load_demo
from hub.records.models import RecordSet
from tests.metadata.test_descriptors import PACKAGE_RULES


def test_every_generated_data_package_is_valid(client, session, file_store, token, tmp_path):
    load_demo(session, file_store)
    admin = token("admin")
    ids = session.scalars(select(RecordSet.dataset_id)).all()
    datasets = session.scalars(select(Dataset).where(Dataset.id.in_(ids))).all()
    assert len(datasets) >= 10
    checked = {"datapackage.json": 0, "fiscal-datapackage.json": 0, "oc4ids.json": 0}
    for dataset in datasets:
        base = f"/dataset/{dataset.slug}"
        folder = tmp_path / dataset.slug
        folder.mkdir()
        (folder / "data.csv").write_bytes(client.get(f"{base}/data.csv", headers=admin).data)
        names = ["datapackage.json"]
        if dataset.content_type == "budget":
            names.append("fiscal-datapackage.json")
        for name in names:
            package = client.get(f"{base}/{name}", headers=admin).get_json()
            package["resources"][0]["path"] = "data.csv"  # the local copy of the CSV
            # The fiscal profile's schema lives online; its tabular core validates here.
            package["profile"] = "tabular-data-package"
            (folder / name).write_text(json.dumps(package, ensure_ascii=False), encoding="utf-8")
            report = frictionless.validate(str(folder / name))
            problems = report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]
            assert report.valid, (dataset.slug, name, problems)
            checked[name] += 1
        if dataset.content_type == "project":
            package = client.get(f"{base}/oc4ids.json", headers=admin).get_json()
            jsonschema.Draft4Validator(PACKAGE_RULES).validate(package)
            assert len(package["projects"]) == dataset_rows(session, dataset)
            checked["oc4ids.json"] += 1
    assert all(checked.values()), checked


def dataset_rows(session, dataset: Dataset) -> int:
    return session.get(RecordSet, dataset.id).row_count
