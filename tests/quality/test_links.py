"""Link checks against real HTTP servers on 127.0.0.1, the address policy, and the
recorded results."""

from __future__ import annotations

import socket
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from hub.datasets.models import Distribution
from hub.net import fetch as fetch_module
from hub.net.addresses import is_allowed, parse_networks
from hub.net.fetch import FetchError, FetchPolicy, fetch
from hub.net.linkcheck import check_link
from hub.quality.links import check_links, published_urls
from hub.quality.models import LinkCheck, url_key
from tests.factories import DatasetFactory

BASE = "http://hub.test"


def test_ok_and_not_found(server, local_policy):
    ok = check_link(server.url("/ok"), local_policy)
    assert (ok.status, ok.error, ok.ok) == (200, None, True)
    assert ok.checked_at.tzinfo is UTC and ok.elapsed_ms >= 0
    missing = check_link(server.url("/missing"), local_policy)
    assert (missing.status, missing.error, missing.ok) == (404, None, False)
    assert server.methods == [("HEAD", "/ok"), ("HEAD", "/missing")]


def test_head_refused_falls_back_to_a_short_get(server, local_policy):
    result = check_link(server.url("/no-head"), local_policy)
    assert result.ok and result.status == 200
    assert server.methods == [("HEAD", "/no-head"), ("GET", "/no-head")]


def test_get_probe_reads_only_the_first_bytes(server, local_policy):
    response = fetch(server.url("/big"), local_policy, max_bytes=4096, truncate=True)
    assert response.status == 200 and len(response.body) == 4096 and response.truncated
    small = FetchPolicy(allowed_networks=local_policy.allowed_networks, max_bytes=1000)
    with pytest.raises(FetchError) as refused:
        fetch(server.url("/big"), small)
    assert refused.value.kind == "too_large"


def test_redirects_are_followed_and_checked_again(server, local_policy):
    result = check_link(server.url("/to-ok"), local_policy)
    assert result.ok and result.status == 200
    private = check_link(server.url("/to-private"), local_policy)
    assert (private.status, private.error) == (None, "refused_address")
    assert "169.254.169.254" in private.detail
    loop = check_link(server.url("/loop"), local_policy)
    assert loop.error == "too_many_redirects"
    assert server.hits["/loop"] == local_policy.max_redirects + 1


def test_timeout(server, local_policy):
    result = check_link(server.url("/slow"), local_policy)
    assert result.error == "timeout" and not result.ok
    assert result.elapsed_ms < 1400  # gave up before the server answered


def test_without_the_local_network_nothing_is_fetched(server, strict_policy):
    for path in ("/ok", "/to-ok", "/no-head"):
        result = check_link(server.url(path), strict_policy)
        assert result.error == "refused_address" and not result.ok
    assert server.hits == {}


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("file:///etc/passwd", "scheme"),
        ("ftp://127.0.0.1/data.csv", "scheme"),
        ("javascript:alert(1)", "scheme"),
        ("http://[::1]/", "refused_address"),
        ("http://[::ffff:127.0.0.1]/", "refused_address"),
        ("http://169.254.169.254/latest/meta-data/", "refused_address"),
        ("http://10.1.2.3/", "refused_address"),
        ("http://0.0.0.0/", "refused_address"),
        ("http://224.0.0.1/", "refused_address"),
        ("http://[fe80::1]/", "refused_address"),
        ("http://127.0.0.1:99999/", "bad_url"),
        ("http:///no-host", "bad_url"),
        ("http://example.com/" + "a" * 9000, "bad_url"),
    ],
)
def test_refused_urls_are_never_fetched(url, kind, local_policy, monkeypatch):
    def no_connection(*args, **kwargs):
        raise AssertionError("no connection may be opened")

    monkeypatch.setattr(socket, "create_connection", no_connection)
    strict = FetchPolicy(connect_timeout=1, read_timeout=0.3)
    policy = strict if kind == "refused_address" else local_policy
    result = check_link(url, policy)
    assert result.error == kind and result.status is None and not result.ok


def test_international_names_resolve_in_their_ascii_form(monkeypatch, strict_policy):
    asked = []

    def resolve(host, port):
        asked.append(host)
        return ["127.0.0.1"]

    monkeypatch.setattr(fetch_module, "resolve", resolve)
    result = check_link("http://sở-tài-chính.việtnam.example/dữ liệu?năm=2025", strict_policy)
    assert result.error == "refused_address"
    ascii_name = "sở-tài-chính.việtnam.example".encode("idna").decode()
    assert asked == [ascii_name] and ascii_name.startswith("xn--")


def test_connects_to_the_checked_address_with_the_original_host(server, monkeypatch):
    calls = []

    def resolve(host, port):
        calls.append(host)  # a second lookup (DNS rebinding) would answer differently
        return ["127.0.0.1"] if len(calls) == 1 else ["192.0.2.1"]

    monkeypatch.setattr(fetch_module, "resolve", resolve)
    policy = FetchPolicy(read_timeout=2, allowed_networks=parse_networks("127.0.0.0/8"))
    port = server.httpd.server_port
    response = fetch(f"http://data.tinh.example:{port}/ok", policy)
    assert response.status == 200 and calls == ["data.tinh.example"]
    assert server.hosts == [f"data.tinh.example:{port}"]


def test_https_verifies_the_name_from_the_url(monkeypatch):
    import ipaddress
    import ssl

    seen = {}

    class Context:
        def wrap_socket(self, sock, server_hostname):
            seen["name"] = server_hostname
            raise ssl.SSLCertVerificationError("certificate verify failed")

    target = fetch_module._target("https://du-lieu.tinh.example/a.csv")
    conn = fetch_module._PinnedHTTPS(target, ipaddress.ip_address("127.0.0.1"), FetchPolicy())
    conn._context = Context()
    monkeypatch.setattr(conn, "_open", lambda: socket.socket())
    with pytest.raises(ssl.SSLError):
        conn.connect()
    assert seen == {"name": "du-lieu.tinh.example"}
    assert fetch_module._classify(ssl.SSLCertVerificationError("bad")).kind == "tls"


def test_address_policy():
    local = parse_networks("127.0.0.0/8, ::1/128")
    import ipaddress

    def ip(text):
        return ipaddress.ip_address(text)

    assert is_allowed(ip("8.8.8.8")) and is_allowed(ip("2001:4860:4860::8888"))
    for text in ("127.0.0.1", "10.0.0.1", "192.168.1.1", "172.16.0.1", "169.254.169.254"):
        assert not is_allowed(ip(text)), text
    for text in ("::1", "fe80::1", "ff02::1", "::", "fc00::1", "::ffff:192.168.0.1"):
        assert not is_allowed(ip(text)), text
    assert not is_allowed(ip("2002:c0a8:0001::1"))  # 6to4 carrying 192.168.0.1
    assert is_allowed(ip("127.0.0.1"), local) and is_allowed(ip("::1"), local)
    assert not is_allowed(ip("10.0.0.1"), local)
    from hub.errors import BadRequest

    with pytest.raises(BadRequest, match="not-a-network"):
        parse_networks("127.0.0.0/8,not-a-network")


def test_policy_from_settings(app):
    policy = FetchPolicy.from_config({**app.config, "HUB_HARVEST_ALLOWED_NETWORKS": "10.0.0.0/8"})
    assert [str(n) for n in policy.allowed_networks] == ["10.0.0.0/8"]
    assert policy.max_redirects == 5 and policy.connect_timeout == 5.0


def _published_with_links(session, urls):
    dataset = DatasetFactory(session=session, state="draft")
    for n, url in enumerate(urls):  # harvested values, as stored: not re-validated here
        session.add(Distribution(dataset_id=dataset.id, kind="link", title_vi=f"Tệp {n}", url=url))
    session.commit()
    from hub.datasets import service
    from tests.factories import ADMIN

    service.transition(session, ADMIN, dataset.id, "submit")
    service.transition(session, ADMIN, dataset.id, "approve")
    return dataset


def test_checks_are_recorded_with_their_time(session, server, local_policy):
    urls = [server.url("/ok"), server.url("/missing"), server.url("/slow"), f"{BASE}/own"]
    _published_with_links(session, urls)
    DatasetFactory(session=session, state="draft")  # drafts' links are not checked
    assert published_urls(session, BASE) == sorted(urls[:3])  # the hub's own: never
    before = datetime.now(UTC)
    run = check_links(session, local_policy, BASE, max_age=timedelta(hours=1), workers=3)
    assert (run.urls, run.checked, run.ok, run.failed) == (3, 3, 1, 2)
    rows = {r.url: r for r in session.scalars(select(LinkCheck))}
    assert set(rows) == set(urls[:3])
    assert (rows[urls[0]].status, rows[urls[0]].ok, rows[urls[0]].error) == (200, True, None)
    assert (rows[urls[1]].status, rows[urls[1]].ok) == (404, False)
    assert (rows[urls[2]].status, rows[urls[2]].error) == (None, "timeout")
    for row in rows.values():
        assert row.checked_at >= before and row.checked_at.tzinfo is not None
        assert row.url_key == url_key(row.url) and row.elapsed_ms >= 0
    # Within max-age nothing is checked again; --limit bounds a run.
    again = check_links(session, local_policy, BASE, max_age=timedelta(hours=1))
    assert again.checked == 0 and server.hits["/ok"] == 1
    limited = check_links(session, local_policy, BASE, max_age=timedelta(0), limit=1)
    assert limited.checked == 1
    assert sum(server.hits[p] for p in ("/ok", "/missing", "/slow")) == 4


def test_bad_stored_urls_are_recorded_as_refused(session, server, strict_policy, monkeypatch):
    def resolve(host, port):  # names resolve to a private address here
        return ["10.0.0.5"]

    monkeypatch.setattr(fetch_module, "resolve", resolve)
    huge = "http://169.254.169.254/" + "a" * 1900
    idn = "http://sở-tài-chính.việtnam.example/dữ-liệu.csv"
    bad = [
        idn,
        "file:///etc/passwd",
        "http://[::1]/",
        "http://169.254.169.254/",
        huge,
        server.url("/ok"),
    ]
    _published_with_links(session, bad)
    run = check_links(session, strict_policy, BASE, max_age=timedelta(hours=1))
    assert (run.checked, run.ok, run.failed) == (6, 0, 6)
    errors = {r.url: r.error for r in session.scalars(select(LinkCheck))}
    assert errors == {
        idn: "refused_address",
        "file:///etc/passwd": "scheme",
        "http://[::1]/": "refused_address",
        "http://169.254.169.254/": "refused_address",
        huge: "refused_address",
        server.url("/ok"): "refused_address",
    }
    assert server.hits == {}
