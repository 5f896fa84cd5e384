"""Records over HTTP: import, query, reports and the published forms."""

from __future__ import annotations

import csv
import gzip
import io
import json

import openpyxl
import pytest
from sqlalchemy import text

from hub.records.fields import record_set_of
from hub.records.query import QueryTimeout, time_budget
from tests.factories import DatasetFactory, OrganizationFactory
from tests.records.conftest import POPULATION

GENERATED = "REF_AREA,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,OBS_STATUS\n" + "".join(
    f"Xã {i % 7},{2000 + i // 7},{i * 1.5},người,{'AP'[i % 2]}\n" for i in range(70)
)


def _upload(client, dataset, content, headers, name="data.csv", **form):
    data = {"file": (io.BytesIO(content.encode()), name), **form}
    return client.post(
        f"/api/v1/datasets/{dataset.id}/records",
        data=data,
        headers=headers,
        content_type="multipart/form-data",
    )


@pytest.fixture
def editor(token):
    return token("admin")


def test_import_then_query_with_filters_sort_and_fields(client, stats, editor):
    response = _upload(client, stats, GENERATED, editor)
    assert response.status_code == 201, response.get_json()
    report = response.get_json()
    assert report["rows_loaded"] == 70 and response.headers["Location"] == report["url"]
    url = f"/api/v1/datasets/{stats.slug}/records"
    body = client.get(
        f"{url}?REF_AREA=Xã 3&sort=-TIME_PERIOD&fields=TIME_PERIOD,OBS_VALUE"
    ).get_json()
    assert body["fields"] == ["TIME_PERIOD", "OBS_VALUE"]
    assert [r["TIME_PERIOD"] for r in body["data"]] == [str(y) for y in range(2009, 1999, -1)]
    body = client.get(f"{url}?OBS_VALUE__gte=90&OBS_STATUS__in=A&count=true&limit=5").get_json()
    assert body["count"] == 5 and all(
        r["OBS_VALUE"] >= 90 and r["OBS_STATUS"] == "A" for r in body["data"]
    )


def test_pages_cover_every_record_once_in_sort_order(client, stats, editor):
    _upload(client, stats, GENERATED, editor)
    seen, url = [], f"/api/v1/datasets/{stats.id}/records?sort=-OBS_VALUE&limit=8"
    while url:
        response = client.get(url.replace("http://hub.test", ""))
        body = response.get_json()
        seen += [r["OBS_VALUE"] for r in body["data"]]
        url = body["next"]
    assert seen == sorted((i * 1.5 for i in range(70)), reverse=True)


@pytest.mark.parametrize(
    "query, name",
    [
        ("COLOUR=red", "COLOUR"),
        ("OBS_VALUE__gte=nhiều", "OBS_VALUE__gte"),
        ("OBS_VALUE__like=1", "OBS_VALUE__like"),
        ("sort=-NOPE", "sort"),
        ("fields=REF_AREA,NOPE", "fields"),
        ("TIME_PERIOD=' OR 1=1 --", "TIME_PERIOD"),
        ("cursor=abc.def", "cursor"),
        ("limit=5000", "limit"),
    ],
)
def test_bad_query_parameters_are_400_naming_them(client, stats, editor, query, name):
    _upload(client, stats, GENERATED, editor)
    response = client.get(f"/api/v1/datasets/{stats.id}/records?{query}")
    assert response.status_code == 400 and response.mimetype == "application/problem+json"
    assert name in response.get_data(as_text=True)


def test_sql_metacharacters_in_string_filters_are_plain_values(client, stats, editor):
    _upload(client, stats, GENERATED, editor)
    response = client.get(
        f"/api/v1/datasets/{stats.id}/records", query_string={"REF_AREA": "x' OR '1'='1"}
    )
    assert response.status_code == 200 and response.get_json()["data"] == []


def test_failed_import_answers_422_with_its_report(client, stats, editor):
    _upload(client, stats, POPULATION, editor)
    response = _upload(client, stats, POPULATION + "Xã E;2024;nhiều;người;A\n", editor)
    assert response.status_code == 422
    body = response.get_json()
    assert body["import"]["status"] == "failed" and body["import"]["problems"][0]["row"] == 6
    report = client.get(body["import"]["report_csv"].replace("http://hub.test", ""), headers=editor)
    assert report.status_code == 200 and report.data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(report.data.decode("utf-8-sig"))))
    assert rows[0] == ["row", "column", "value", "message"] and rows[1][:3] == [
        "6",
        "OBS_VALUE",
        "nhiều",
    ]
    records = client.get(f"/api/v1/datasets/{stats.id}/records?count=true").get_json()
    assert records["count"] == 4, "the previous version is still served"


def test_import_needs_a_token_and_the_right_organization(client, session, stats, token):
    assert _upload(client, stats, POPULATION, {}).status_code == 401
    outsider = token("publisher", OrganizationFactory(session=session))
    assert _upload(client, stats, POPULATION, outsider).status_code == 403
    assert client.get(f"/api/v1/datasets/{stats.id}/imports", headers=outsider).status_code == 403
    assert client.get(f"/api/v1/datasets/{stats.id}/records").status_code == 404, "nothing yet"


def test_published_forms(client, stats, editor, tmp_path):
    _upload(client, stats, POPULATION, editor)
    base = f"/dataset/{stats.slug}"
    csv_body = client.get(f"{base}/data.csv?bom=1")
    assert csv_body.status_code == 200 and csv_body.data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(csv_body.data.decode("utf-8-sig"))))
    assert rows[0] == ["REF_AREA", "TIME_PERIOD", "OBS_VALUE", "UNIT_MEASURE", "OBS_STATUS"]
    assert rows[1][:3] == ["Phường Minh Khai", "2023", "12345.0"]
    as_json = json.loads(client.get(f"{base}/data.json").data)
    assert as_json[3]["OBS_VALUE"] == 8120.5
    lines = client.get(f"{base}/data.ndjson").data.decode().splitlines()
    assert len(lines) == 4 and json.loads(lines[0])["REF_AREA"] == "Phường Minh Khai"
    workbook = openpyxl.load_workbook(io.BytesIO(client.get(f"{base}/data.xlsx").data))
    sheet = workbook.worksheets[0]
    assert sheet.cell(2, 1).value == "Phường Minh Khai"
    package = client.get(f"{base}/datapackage.json").get_json()
    assert package["resources"][0]["schema"]["primaryKey"] == ["REF_AREA", "TIME_PERIOD"]
    assert client.get(f"{base}/oc4ids.json").status_code == 404, "only for project lists"
    assert client.get(f"{base}/../etc/passwd").status_code == 404
    assert client.get(f"{base}/secret.txt").status_code == 404
    tag = csv_body.headers["ETag"]
    assert client.get(f"{base}/data.csv", headers={"If-None-Match": tag}).status_code == 304


def test_published_forms_follow_visibility(client, session, org, editor):
    draft = DatasetFactory(session=session, organization=org, content_type="statistics")
    _upload(client, draft, POPULATION, editor)
    assert client.get(f"/dataset/{draft.slug}/data.csv").status_code == 404
    assert client.get(f"/dataset/{draft.slug}/data.csv", headers=editor).status_code == 200


def test_time_budget_stops_a_slow_query(app, session, backend):
    conn = session.connection()
    slow = (
        "SELECT pg_sleep(1)"
        if backend == "postgresql"
        else "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50000000) "
        "SELECT count(*) FROM n"
    )
    with pytest.raises(QueryTimeout):
        with time_budget(conn, 50):
            conn.execute(text(slow)).all()
    assert conn.execute(text("SELECT 1")).scalar() == 1, "the connection is still usable"


def test_gzip_of_records_pages(client, stats, editor):
    _upload(client, stats, GENERATED, editor)
    zipped = client.get(
        f"/api/v1/datasets/{stats.id}/records?limit=50", headers={"Accept-Encoding": "gzip"}
    )
    assert json.loads(gzip.decompress(zipped.data))["data"]


@pytest.mark.parametrize("sort", ["OBS_VALUE", "-OBS_VALUE"])
def test_missing_values_sort_last_in_both_directions_across_pages(client, stats, editor, sort):
    rows = "".join(
        f"Xã {i},2024,{v},người,{s}\n"
        for i, (v, s) in enumerate(
            [("5", "A"), ("", "M"), ("1", "A"), ("", "M"), ("3", "A"), ("2", "A")]
        )
    )
    _upload(
        client, stats, "REF_AREA,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,OBS_STATUS\n" + rows, editor
    )
    seen, url = [], f"/api/v1/datasets/{stats.id}/records?sort={sort}&limit=2"
    while url:
        body = client.get(url.replace("http://hub.test", "")).get_json()
        seen += [r["OBS_VALUE"] for r in body["data"]]
        url = body["next"]
    values = [1.0, 2.0, 3.0, 5.0]
    assert seen == (values if sort == "OBS_VALUE" else values[::-1]) + [None, None]


def test_formulas_in_cells_are_neutralised_in_csv_and_xlsx(client, stats, editor):
    hostile = "=cmd|' /C calc'!A0"
    text = f'REF_AREA,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE\n"{hostile}",2024,1,"@SUM(1)"\n'
    assert _upload(client, stats, text, editor).status_code == 201
    records = client.get(f"/api/v1/datasets/{stats.id}/records").get_json()["data"]
    assert records[0]["REF_AREA"] == hostile, "stored as given; only spreadsheet forms change"
    row = list(
        csv.reader(io.StringIO(client.get(f"/dataset/{stats.slug}/data.csv").data.decode()))
    )[1]
    assert row[0] == "'" + hostile and row[3] == "'@SUM(1)"
    sheet = openpyxl.load_workbook(io.BytesIO(client.get(f"/dataset/{stats.slug}/data.xlsx").data))
    cell = sheet.worksheets[0].cell(2, 1)
    assert cell.data_type == "s" and not str(cell.value).startswith("=")


def test_adding_a_field_keeps_the_rows_and_upsert_fills_it(client, stats, editor):
    _upload(client, stats, POPULATION, editor)
    url = f"/api/v1/datasets/{stats.id}/schema/fields"
    field = {"name": "SOURCE", "type": "string", "label": {"vi": "Nguồn", "en": "Source"}}
    response = client.post(url, json={**field, "filter": True}, headers=editor)
    assert response.status_code == 201, response.get_json()
    assert client.post(url, json=field, headers=editor).status_code == 409
    refused = client.post(url, json={**field, "name": "K", "key": True}, headers=editor)
    assert refused.status_code == 422
    records = f"/api/v1/datasets/{stats.id}/records"
    rows = client.get(records).get_json()["data"]
    assert len(rows) == 4 and rows[0]["OBS_VALUE"] == 12345.0 and rows[0]["SOURCE"] is None
    update = "REF_AREA,TIME_PERIOD,UNIT_MEASURE,SOURCE\nXã Hòa Bình,2023,người,Niên giám 2023\n"
    assert _upload(client, stats, update, editor, mode="upsert").status_code == 201
    row = client.get(f"{records}?REF_AREA=Xã Hòa Bình&TIME_PERIOD=2023").get_json()["data"][0]
    assert row["SOURCE"] == "Niên giám 2023" and row["OBS_VALUE"] == 8001.0, "others kept"
    assert client.get(f"{records}?SOURCE=Niên giám 2023&count=true").get_json()["count"] == 1


def test_generated_files_are_kept_per_version_and_replaced_by_newer_ones(
    client, stats, editor, data_dir
):
    _upload(client, stats, POPULATION, editor)
    folder = data_dir / "forms" / stats.id.hex
    assert [p.name for p in folder.iterdir()] == ["v1-data.csv"], "the import wrote the CSV"
    as_json = client.get(f"/dataset/{stats.slug}/data.json")
    assert "Content-Length" not in as_json.headers and as_json.data, "made while streaming"
    assert (folder / "v1-data.json").read_bytes() == as_json.data
    url = f"/dataset/{stats.slug}/data.csv"
    first = client.get(url)
    assert (folder / "v1-data.csv").read_bytes() == first.data
    again = client.get(url)
    assert again.data == first.data and again.headers["Content-Length"] == str(len(first.data))
    with_bom = client.get(f"{url}?bom=1")
    assert with_bom.data == b"\xef\xbb\xbf" + first.data
    assert with_bom.data and again.data
    _upload(client, stats, POPULATION.replace("12.345", "99.999"), editor)
    newer = client.get(url)
    assert b"99999.0" in newer.data and newer.headers["ETag"] != first.headers["ETag"]
    client.get(url)
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["v1-data.json", "v2-data.csv"], "the older CSV is gone"


def test_a_download_cut_short_leaves_no_file(app, client, stats, editor, data_dir):
    _upload(client, stats, GENERATED, editor)
    response = client.get(f"/dataset/{stats.slug}/data.json", buffered=False)
    next(iter(response.response))  # the client reads one chunk and goes away
    response.close()
    folder = data_dir / "forms" / stats.id.hex
    assert [p.name for p in folder.iterdir()] == ["v1-data.csv"], "no JSON, no partial file"


def test_an_import_does_not_wait_for_a_download_of_the_old_version(client, session, stats, editor):
    import time

    from sqlalchemy import inspect

    _upload(client, stats, GENERATED * 1, editor)
    old = record_set_of(session, stats).table_name
    download = client.get(f"/dataset/{stats.slug}/data.ndjson", buffered=False)
    next(iter(download.response))  # a slow client holds the old table open
    start = time.perf_counter()
    assert _upload(client, stats, POPULATION, editor).status_code == 201
    assert time.perf_counter() - start < 10, "the import did not wait for the reader"
    download.close()
    _upload(client, stats, POPULATION, editor)  # the next import clears what was left
    session.commit()
    assert old not in inspect(session.get_bind()).get_table_names()


def test_datasets_without_records_publish_no_forms(client, session, org):
    empty = DatasetFactory(session=session, organization=org, state="published")
    other = DatasetFactory(
        session=session, organization=org, state="published", content_type="other"
    )
    for dataset in (empty, other):
        for name in ("data.csv", "datapackage.json"):
            response = client.get(f"/dataset/{dataset.slug}/{name}")
            assert response.status_code == 404
            assert response.mimetype == "application/problem+json"


def test_the_problems_csv_neutralises_formulas_from_the_file(client, stats, editor):
    response = _upload(client, stats, POPULATION + 'Xã E;2024;"=1+2";người;A\n', editor)
    report = client.get(
        response.get_json()["import"]["report_csv"].replace("http://hub.test", ""), headers=editor
    )
    rows = list(csv.reader(io.StringIO(report.data.decode("utf-8-sig"))))
    assert rows[1][:3] == ["6", "OBS_VALUE", "'=1+2"]
