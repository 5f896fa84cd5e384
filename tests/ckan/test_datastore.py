"""DataStore actions as ckanapi calls them, over real HTTP, on the records store."""

from __future__ import annotations

import io
import uuid
from contextlib import contextmanager
from urllib.parse import parse_qs, urlsplit

import ckanapi
import pytest

from hub.records import service
from hub.records.query import QueryTimeout
from tests.factories import ADMIN, DatasetFactory, OrganizationFactory

STATS = """Địa bàn;Kỳ;Giá trị;Đơn vị tính;Tình trạng số liệu;Ghi chú
Phường Minh Khai;2023;12.345;người;A;Dân số trung bình
Phường Minh Khai;2024;12.500;người;P;Dân số trung bình
Xã Hòa Bình;2023;8.001;người;A;Dân số trung bình
Xã Hòa Bình;2024;8.120,5;tỷ đồng;E;Chi ngân sách xã
Xã Đông Sơn;2024;;người;M;100% thiếu số liệu
"""
KEY = ("REF_AREA", "TIME_PERIOD", "GHI_CHU")  # a new statistics dimension joins the key


def _import(session, dataset, text: str) -> None:
    data = io.BytesIO(text.encode("utf-8"))
    service.import_records(session, ADMIN, dataset.id, data, "stats.csv")


@pytest.fixture
def org(session):
    return OrganizationFactory(session=session, slug="cuc-thong-ke")


@pytest.fixture
def stats(session, org):
    dataset = DatasetFactory(
        session=session, organization=org, state="published", content_type="statistics"
    )
    _import(session, dataset, STATS)
    session.commit()
    return dataset


@pytest.fixture
def resource_id(stats) -> str:
    return next(str(d.id) for d in stats.distributions if d.file_name == "data.csv")


def _api(live_hub: str, token: dict[str, str]):
    return ckanapi.RemoteCKAN(live_hub, apikey=token["Authorization"].removeprefix("Bearer "))


def _areas(result) -> list[str]:
    return [r["REF_AREA"] for r in result["records"]]


# --- search ---------------------------------------------------------------------------


def test_search_answers_in_datastore_shape(remote, stats, resource_id):
    result = remote.action.datastore_search(resource_id=resource_id)
    assert result["resource_id"] == resource_id and result["total"] == 5
    assert result["limit"] == 100 and result["offset"] == 0
    types = {f["id"]: f["type"] for f in result["fields"]}
    assert types == {
        "_id": "int",
        "REF_AREA": "text",
        "TIME_PERIOD": "text",
        "OBS_VALUE": "numeric",
        "UNIT_MEASURE": "text",
        "OBS_STATUS": "text",
        "GHI_CHU": "text",
    }
    first = result["records"][0]
    assert first["REF_AREA"] == "Phường Minh Khai" and first["OBS_VALUE"] == 12345
    assert result["records"][4]["OBS_VALUE"] is None
    assert [r["_id"] for r in result["records"]] == sorted(r["_id"] for r in result["records"])
    # The dataset's id and name name the same records.
    for ref in (str(stats.id), stats.slug):
        assert remote.action.datastore_search(resource_id=ref)["records"] == result["records"]


def test_filters_by_value_list_code_label_and_json_text(remote, resource_id, live_hub):
    found = remote.action.datastore_search(
        resource_id=resource_id, filters={"REF_AREA": "Xã Hòa Bình"}
    )
    assert found["total"] == 2 and set(_areas(found)) == {"Xã Hòa Bình"}
    found = remote.action.datastore_search(
        resource_id=resource_id, filters={"TIME_PERIOD": ["2023", 2024], "OBS_STATUS": ["A", "M"]}
    )
    assert found["total"] == 3
    # A code may be written as its label, as imports accept it.
    labelled = remote.action.datastore_search(
        resource_id=resource_id, filters={"OBS_STATUS": "Chính thức"}
    )
    assert labelled["total"] == 2
    # GET with filters as JSON text, as CKAN's own pages send them.
    with ckanapi.RemoteCKAN(live_hub, get_only=True) as ckan:
        got = ckan.action.datastore_search(
            resource_id=resource_id, filters='{"REF_AREA": "Xã Đông Sơn"}'
        )
    assert _areas(got) == ["Xã Đông Sơn"]


def test_q_is_folded_text_search(remote, resource_id):
    # One server per test costs half a second to stop: cases loop inside a test.
    for q in ("hoa binh", "Hòa Bình", "HOA BINH", "xa hoa", "Hoa\u0300 Bi\u0300nh"):
        found = remote.action.datastore_search(resource_id=resource_id, q=q)
        assert set(_areas(found)) == {"Xã Hòa Bình"}, q


def test_q_words_fields_and_wildcards(remote, resource_id):
    found = remote.action.datastore_search(resource_id=resource_id, q="ngan sach")
    assert [r["GHI_CHU"] for r in found["records"]] == ["Chi ngân sách xã"]
    by_field = remote.action.datastore_search(resource_id=resource_id, q={"GHI_CHU": "dan so"})
    assert by_field["total"] == 3
    assert (
        remote.action.datastore_search(resource_id=resource_id, q={"REF_AREA": "dan so"})["records"]
        == []
    )
    # LIKE's wildcards are plain characters.
    assert remote.action.datastore_search(resource_id=resource_id, q="%")["total"] == 1
    assert remote.action.datastore_search(resource_id=resource_id, q="_")["total"] == 0


def test_fields_and_sort(remote, resource_id):
    found = remote.action.datastore_search(
        resource_id=resource_id, fields="REF_AREA, OBS_VALUE", sort="OBS_VALUE desc"
    )
    assert [f["id"] for f in found["fields"]] == ["REF_AREA", "OBS_VALUE"]
    assert [r["OBS_VALUE"] for r in found["records"]] == [12500, 12345, 8120.5, 8001, None]
    assert set(found["records"][0]) == {"REF_AREA", "OBS_VALUE"}
    # Two areas whose order no collation disputes (P < X), by area then period descending.
    found = remote.action.datastore_search(
        resource_id=resource_id,
        filters={"REF_AREA": ["Phường Minh Khai", "Xã Hòa Bình"]},
        fields=["REF_AREA", "TIME_PERIOD"],
        sort='REF_AREA asc, "TIME_PERIOD" DESC',
    )
    assert [(r["REF_AREA"], r["TIME_PERIOD"]) for r in found["records"]] == [
        ("Phường Minh Khai", "2024"),
        ("Phường Minh Khai", "2023"),
        ("Xã Hòa Bình", "2024"),
        ("Xã Hòa Bình", "2023"),
    ]


def test_limit_offset_and_links_page_through_every_record_once(remote, resource_id, live_hub):
    first = remote.action.datastore_search(resource_id=resource_id, limit=2, sort="_id desc")
    assert len(first["records"]) == 2 and first["total"] == 5
    seen, page = [], first
    with ckanapi.RemoteCKAN(live_hub, get_only=True) as ckan:
        while page["records"]:
            seen += [r["_id"] for r in page["records"]]
            params = {k: v[0] for k, v in parse_qs(urlsplit(page["_links"]["next"]).query).items()}
            assert params["resource_id"] == resource_id and params["limit"] == "2"
            page = ckan.action.datastore_search(**params)
    assert seen == sorted(seen, reverse=True) and len(set(seen)) == 5
    start = parse_qs(urlsplit(first["_links"]["start"]).query)
    assert "offset" not in start
    third = remote.action.datastore_search(resource_id=resource_id, limit=2, offset=4)
    assert len(third["records"]) == 1 and third["offset"] == 4
    untotalled = remote.action.datastore_search(resource_id=resource_id, include_total=False)
    assert "total" not in untotalled and len(untotalled["records"]) == 5
    counted = remote.action.datastore_search(resource_id=resource_id, limit=0)
    assert counted["records"] == [] and counted["total"] == 5


def test_records_formats(remote, resource_id):
    search = remote.action.datastore_search
    lists = search(resource_id=resource_id, fields="REF_AREA,OBS_VALUE", records_format="lists")
    assert lists["records"][0] == ["Phường Minh Khai", 12345]
    csv_text = search(
        resource_id=resource_id, fields="REF_AREA,GHI_CHU,OBS_VALUE", records_format="csv"
    )["records"]
    assert csv_text.splitlines()[0] == "Phường Minh Khai,Dân số trung bình,12345.0"
    assert csv_text.splitlines()[4] == "Xã Đông Sơn,100% thiếu số liệu,"
    tsv = search(resource_id=resource_id, fields="REF_AREA,TIME_PERIOD", records_format="tsv")
    assert tsv["records"].splitlines()[2] == "Xã Hòa Bình\t2023"


def test_unknown_resources_are_404(remote, session, org, stats):
    empty = DatasetFactory(session=session, organization=org, state="published")
    draft = DatasetFactory(session=session, organization=org, state="draft")
    _import(session, draft, STATS)
    session.commit()
    for ref in (str(uuid.uuid4()), "no-such-dataset", empty.slug, draft.slug, "x" * 500):
        with pytest.raises(ckanapi.NotFound):
            remote.action.datastore_search(resource_id=ref)


def test_a_draft_is_searched_by_its_organization_only(live_hub, session, org, token):
    draft = DatasetFactory(session=session, organization=org, state="draft")
    _import(session, draft, STATS)
    session.commit()
    with _api(live_hub, token("publisher", org)) as ckan:
        assert ckan.action.datastore_search(resource_id=str(draft.id))["total"] == 5
    with _api(live_hub, token("publisher", OrganizationFactory(session=session))) as ckan:
        with pytest.raises(ckanapi.NotFound):
            ckan.action.datastore_search(resource_id=str(draft.id))


UNKNOWN_FIELDS = [
    ({"filters": {"NOPE": "x", "REF_AREA": "y"}}, "filters", "NOPE"),
    ({"sort": "NOPE desc"}, "sort", "NOPE"),
    ({"fields": "REF_AREA,NOPE"}, "fields", "NOPE"),
    ({"q": {"NOPE": "x"}}, "q", "NOPE"),
]


def test_unknown_fields_are_409_naming_them(remote, resource_id):
    for params, field, named in UNKNOWN_FIELDS:
        with pytest.raises(ckanapi.ValidationError) as caught:
            remote.action.datastore_search(resource_id=resource_id, **params)
        assert caught.value.error_dict[field] == [f'field "{named}" not in table']


BAD_PARAMETERS = [
    ({"sort": "REF_AREA; DROP TABLE dataset"}, "sort"),
    ({"sort": "REF_AREA asc nulls first"}, "sort"),
    ({"offset": -1}, "offset"),
    ({"limit": -5}, "limit"),
    ({"limit": "ten"}, "limit"),
    ({"records_format": "xml"}, "records_format"),
    ({"filters": "{not json"}, "filters"),
    ({"filters": ["REF_AREA"]}, "filters"),
    ({"filters": {"OBS_VALUE": "many"}}, "filters"),
    ({"filters": {"REF_AREA": {"$ne": 1}}}, "filters"),
    ({"filters": {"_id": 10**30}}, "filters"),
    ({"filters": {"_id": "1 OR 1=1"}}, "filters"),
    ({"q": ["a", "b"]}, "q"),
    ({"q": {"OBS_VALUE": "1"}}, "q"),
    ({"include_total": "maybe"}, "include_total"),
]


def test_hostile_or_bad_parameters_are_409(remote, resource_id):
    for params, field in BAD_PARAMETERS:
        with pytest.raises(ckanapi.ValidationError) as caught:
            remote.action.datastore_search(resource_id=resource_id, **params)
        assert field in caught.value.error_dict, params


def test_sql_in_values_is_plain_text_and_limits_are_clamped(remote, resource_id):
    search = remote.action.datastore_search
    hostile = ["x' OR '1'='1", "'; DROP TABLE dataset; --"]
    assert search(resource_id=resource_id, filters={"REF_AREA": hostile})["records"] == []
    with pytest.raises(ckanapi.ValidationError):  # NUL never reaches the database
        search(resource_id=resource_id, filters={"REF_AREA": "Xã Hòa Bình\x00"})
    assert search(resource_id=resource_id, q="' OR 1=1 --")["records"] == []
    assert search(resource_id=resource_id, q="{not json")["records"] == []
    first = search(resource_id=resource_id, limit=1)["records"][0]
    assert search(resource_id=resource_id, filters={"_id": first["_id"]})["records"] == [first]
    huge = search(resource_id=resource_id, limit=10**12)
    assert huge["limit"] == 32_000 and huge["total"] == 5
    far = search(resource_id=resource_id, offset=10**30)
    assert far["records"] == [] and far["total"] == 5
    assert search(resource_id=resource_id)["total"] == 5, "nothing was dropped"


def test_a_query_over_budget_is_a_clean_error(remote, resource_id, monkeypatch):
    @contextmanager
    def exhausted(conn, budget_ms):
        raise QueryTimeout("The query took too long.")
        yield

    monkeypatch.setattr("hub.ckan.datastore.time_budget", exhausted)
    with pytest.raises(ckanapi.ValidationError) as caught:
        remote.action.datastore_search(resource_id=resource_id, q="hoa")
    assert caught.value.error_dict["query"] == ["Search took too long"]


# --- writes ---------------------------------------------------------------------------

ROWS = [
    {"REF_AREA": "Xã Tân Lập", "TIME_PERIOD": "2023", "OBS_VALUE": 10, "UNIT_MEASURE": "ha"},
    {"REF_AREA": "Xã Tân Lập", "TIME_PERIOD": "2024", "OBS_VALUE": "12,5", "UNIT_MEASURE": "ha"},
]


@pytest.fixture
def draft(session, org):
    dataset = DatasetFactory(session=session, organization=org, state="draft")
    session.commit()
    return dataset


def test_create_then_upsert_insert_and_update(live_hub, draft, org, token):
    with _api(live_hub, token("publisher", org)) as ckan:
        created = ckan.action.datastore_create(
            resource={"package_id": draft.slug},
            fields=[{"id": "REF_AREA", "type": "text"}, {"id": "OBS_VALUE", "type": "numeric"}],
            records=ROWS,
            primary_key=["REF_AREA", "TIME_PERIOD"],
        )
        resource_id = created["resource_id"]
        assert created["primary_key"] == ["REF_AREA", "TIME_PERIOD"]
        found = ckan.action.datastore_search(resource_id=resource_id)
        assert [r["OBS_VALUE"] for r in found["records"]] == [10, 12.5]
        # update: fields left out keep their values
        ckan.action.datastore_upsert(
            resource_id=resource_id,
            method="update",
            records=[{"REF_AREA": "Xã Tân Lập", "TIME_PERIOD": "2023", "OBS_VALUE": 11}],
        )
        # upsert: one existing key, one new
        ckan.action.datastore_upsert(
            resource_id=resource_id,
            records=[
                {"REF_AREA": "Xã Tân Lập", "TIME_PERIOD": "2024", "OBS_STATUS": "Sơ bộ"},
                {"REF_AREA": "Xã Mới", "TIME_PERIOD": "2024", "UNIT_MEASURE": "ha"},
            ],
        )
        ckan.action.datastore_upsert(
            resource_id=resource_id,
            method="insert",
            records=[{"REF_AREA": "Xã Cũ", "TIME_PERIOD": "2022", "UNIT_MEASURE": "ha"}],
        )
        # a second create inserts
        ckan.action.datastore_create(
            resource_id=resource_id,
            records=[{"REF_AREA": "Xã Khác", "TIME_PERIOD": "2022", "UNIT_MEASURE": "ha"}],
        )
        rows = ckan.action.datastore_search(resource_id=resource_id, sort="_id")["records"]
    got = [(r["REF_AREA"], r["TIME_PERIOD"], r["OBS_VALUE"], r["UNIT_MEASURE"]) for r in rows]
    assert got == [
        ("Xã Tân Lập", "2023", 11, "ha"),
        ("Xã Tân Lập", "2024", 12.5, "ha"),
        ("Xã Mới", "2024", None, "ha"),
        ("Xã Cũ", "2022", None, "ha"),
        ("Xã Khác", "2022", None, "ha"),
    ]
    assert rows[1]["OBS_STATUS"] == "P"


def test_write_validation_errors_are_409_and_change_nothing(live_hub, draft, org, token):
    with _api(live_hub, token("publisher", org)) as ckan:
        with pytest.raises(ckanapi.ValidationError) as caught:
            ckan.action.datastore_create(
                resource_id=str(draft.id),
                records=[*ROWS, {"REF_AREA": "Xã A", "TIME_PERIOD": "2024", "OBS_VALUE": "abc"}],
            )
        problems = caught.value.error_dict["records"]
        assert any(p.startswith("row 3, OBS_VALUE: not a number") for p in problems), problems
        assert any("UNIT_MEASURE" in p for p in problems), "required and missing"
        with pytest.raises(ckanapi.NotFound):
            ckan.action.datastore_search(resource_id=str(draft.id))
        resource_id = ckan.action.datastore_create(resource_id=str(draft.id), records=ROWS)[
            "resource_id"
        ]
        cases = [
            ({"method": "insert", "records": ROWS[:1]}, "already exists"),
            (
                {"method": "update", "records": [{"REF_AREA": "Không có", "TIME_PERIOD": "2020"}]},
                "not found",
            ),
            ({"records": [{"REF_AREA": "Xã Tân Lập"}]}, "key field(s) missing: TIME_PERIOD"),
            ({"records": [{**ROWS[0], "NOPE": 1}]}, 'field "NOPE" not in table'),
            ({"records": [{**ROWS[0], "TIME_PERIOD": "năm 2023"}]}, "does not match"),
            ({"records": [{**ROWS[0], "OBS_VALUE": "nhiều"}]}, "not a number"),
            ({"records": [ROWS[0], ROWS[0]]}, "duplicate key"),
            ({"records": ["not a record"]}, "not a record"),
        ]
        for params, message in cases:
            with pytest.raises(ckanapi.ValidationError) as caught:
                ckan.action.datastore_upsert(resource_id=resource_id, **params)
            problems = caught.value.error_dict["records"]
            assert any(message in p for p in problems), (params, problems)
        with pytest.raises(ckanapi.ValidationError) as caught:
            ckan.action.datastore_upsert(resource_id=resource_id, method="merge", records=ROWS)
        assert "method" in caught.value.error_dict
        with pytest.raises(ckanapi.ValidationError) as caught:
            ckan.action.datastore_create(resource_id=resource_id, primary_key="OBS_VALUE")
        assert "primary_key" in caught.value.error_dict
        rows = ckan.action.datastore_search(resource_id=resource_id)["records"]
    assert [r["OBS_VALUE"] for r in rows] == [10, 12.5], "nothing changed"


def test_writes_need_a_token_of_the_organization(
    live_hub, remote, session, stats, resource_id, token
):
    records = [{"REF_AREA": "Xã Hòa Bình", "TIME_PERIOD": "2023", "GHI_CHU": "Dân số trung bình"}]
    with pytest.raises(ckanapi.NotAuthorized):
        remote.action.datastore_upsert(resource_id=resource_id, records=records)
    with pytest.raises(ckanapi.NotAuthorized):
        remote.action.datastore_create(resource={"package_id": str(stats.id)}, records=records)
    outsider = token("editor", OrganizationFactory(session=session))
    with _api(live_hub, outsider) as ckan, pytest.raises(ckanapi.NotAuthorized):
        ckan.action.datastore_upsert(resource_id=resource_id, records=records)
    with _api(live_hub, token("publisher", stats.organization)) as ckan:
        with pytest.raises(ckanapi.NotAuthorized):  # a published dataset is the editors'
            ckan.action.datastore_upsert(resource_id=resource_id, records=records)
    with _api(live_hub, token("editor", stats.organization)) as ckan:
        ckan.action.datastore_upsert(
            resource_id=resource_id, method="update", records=[{**records[0], "OBS_VALUE": 1}]
        )
    assert remote.action.datastore_search(resource_id=resource_id)["records"][2]["OBS_VALUE"] == 1
