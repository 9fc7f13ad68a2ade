"""Links as inputs: fetched from a site the test serves on loopback (never the internet)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import duckdb
import pytest

from echoscope import load_settings
from echoscope.doc import ErrorRecord
from echoscope.readers import RawInput, read, to_doc
from echoscope.readers.fetch import _check_address, _Refused, fetch, is_url, user_agent

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from _pages import Site  # noqa: E402


@pytest.fixture(scope="module")
def site():
    s = Site(stall=2.0)
    yield s
    s.close()


@pytest.fixture
def quick():
    return load_settings(overrides={"fetch.timeout_s": 0.5, "fetch.deadline_s": 1.5,
                                    "input.max_bytes": 200_000})


def test_a_page_is_fetched_with_an_honest_user_agent_and_kept_as_served(site, quick):
    raw = fetch(site.url + "/article.html", quick)
    assert isinstance(raw, RawInput) and raw.kind == "html"
    assert raw.source == site.url + "/article.html"
    assert site.agents[-1] == user_agent() and user_agent().startswith("echoscope/")
    doc = to_doc(raw, quick)
    assert doc.title == "Harbour ferry fares to rise in May"
    assert doc.published == "2025-04-02"
    assert "forty cents" in " ".join(doc.text.split())
    assert doc.page == raw.data and b"<article>" in doc.page
    fetched = doc.meta["fetch"]
    assert fetched["status"] == 200 and fetched["content_type"].startswith("text/html")
    assert fetched["bytes"] == len(raw.data) and fetched["redirects"] == []


def test_redirects_are_followed_and_the_final_url_kept(site, quick):
    raw = fetch(site.url + "/hop", quick)
    assert isinstance(raw, RawInput)
    doc = to_doc(raw, quick)
    assert doc.source == site.url + "/hop"  # the link as named
    assert doc.url == site.url + "/article.html"  # where it led
    assert doc.meta["fetch"]["redirects"] == [site.url + "/moved", site.url + "/article.html"]


def test_plain_text_and_a_charset_given_only_by_the_server(site, quick):
    text = to_doc(fetch(site.url + "/plain.txt", quick), quick)
    assert text.title == "Library opening hours extended"
    cyr = to_doc(fetch(site.url + "/cyrillic.html", quick), quick)
    assert "Городской совет" in cyr.text


@pytest.mark.parametrize(("path", "code", "words"), [
    ("/gone", "E310", "HTTP 404"),
    ("/broken", "E310", "HTTP 503"),
    ("/report.pdf", "E311", "application/pdf"),
    ("/big-declared", "E302", "over the limit"),
    ("/big-streamed", "E302", "more than the limit"),
    ("/loop", "E309", "more than 5 redirects"),
    ("/silent", "E309", "timed out"),
    ("/trickle", "E309", "longer than 1.5 s"),
])
def test_each_failure_is_an_error_record_that_says_what_went_wrong(site, quick, path, code,
                                                                   words):
    result = fetch(site.url + path, quick)
    assert isinstance(result, ErrorRecord), result
    assert result.source == site.url + path
    assert result.code == code and words in result.reason, result


def test_dns_tls_refused_and_scheme_failures(site, quick):
    port = site.url.rsplit(":", 1)[1]
    dns = fetch("http://no-such-host.invalid/story", quick)
    assert dns.code == "E309" and "resolve" in dns.reason
    tls = fetch(f"https://127.0.0.1:{port}/article.html", quick)  # TLS to a plain server
    assert tls.code == "E309" and "TLS" in tls.reason
    refused = fetch("http://127.0.0.1:1/", quick)
    assert refused.code == "E309" and "refused" in refused.reason
    ftp = fetch("ftp://127.0.0.1/file.html", quick)
    assert ftp.code == "E312" and "http and https" in ftp.reason


def test_public_only_refuses_loopback_before_connecting(site, quick):
    before = site.hits["/article.html"]
    result = fetch(site.url + "/article.html", quick, public_only=True)
    assert result.code == "E312" and "loopback" in result.reason
    assert site.hits["/article.html"] == before  # refused before any request
    via_name = fetch(site.url.replace("127.0.0.1", "localhost") + "/article.html", quick,
                     public_only=True)
    assert via_name.code == "E312"


@pytest.mark.parametrize("address", ["10.1.2.3", "172.16.0.9", "192.168.1.1", "127.0.0.2",
                                     "169.254.169.254", "::1", "fe80::1", "fc00::5",
                                     "::ffff:127.0.0.1", "0.0.0.0", "100.64.0.1", "224.0.0.1"])
def test_no_private_loopback_link_local_or_reserved_address_passes(address):
    with pytest.raises(_Refused):
        _check_address(address, "example")


@pytest.mark.parametrize("address", ["93.184.215.14", "2606:4700::6810:85e5"])
def test_public_addresses_pass(address):
    _check_address(address, "example")


def test_links_and_paths_are_told_apart():
    assert is_url("https://example.org/a") and is_url("HTTP://x") and is_url("ftp://x")
    assert not is_url("story.html") and not is_url("./http/a.html") and not is_url("-")


def test_one_bad_link_never_stops_the_run_and_order_is_kept(site, quick, tmp_path):
    story = tmp_path / "local.txt"
    story.write_text("Local story\n\nThe bakery on the corner reopened this week after "
                     "repairs to its roof.\n", "utf-8")
    links = [site.url + p for p in ("/gone", "/article.html", "/report.pdf", "/plain.txt")]
    out = list(read([*links[:2], str(story), *links[2:]], quick))
    assert [o.source for o in out] == [*links[:2], str(story), *links[2:]]
    assert [type(o).__name__ for o in out] == ["ErrorRecord", "Doc", "Doc", "ErrorRecord",
                                               "Doc"]


def test_cli_analyses_links_and_a_list_keeps_pages_and_reruns_are_idempotent(site, cli,
                                                                              tmp_path):
    db = tmp_path / "links.duckdb"
    listing = tmp_path / "links.txt"
    listing.write_text(f"# today's links\n{site.url}/hop\n\n{site.url}/gone\n", "utf-8")
    args = ["analyze", f"{site.url}/plain.txt", "--urls", listing, "--db", db,
            "--profile", "posts_only"]
    first = cli(*args)
    assert first.code == 2, first.err  # some inputs failed
    assert "[E310]" in first.err and "HTTP 404" in first.err
    con = duckdb.connect(str(db), read_only=True)
    try:
        pages = con.execute("SELECT source, url, status, html FROM pages ORDER BY source"
                            ).fetchall()
        assert [(p[0], p[1], p[2]) for p in pages] == [
            (f"{site.url}/hop", f"{site.url}/article.html", 200),
            (f"{site.url}/plain.txt", f"{site.url}/plain.txt", 200)]
        assert b"Harbour ferry fares" in pages[0][3]
        urls = dict(con.execute("SELECT source, url FROM articles").fetchall())
        assert urls[f"{site.url}/hop"] == f"{site.url}/article.html"
        errors = con.execute("SELECT source, code FROM errors").fetchall()
        assert errors == [(f"{site.url}/gone", "E310")]
        meta = json.loads(con.execute("SELECT meta FROM articles WHERE source = ?",
                                      [f"{site.url}/hop"]).fetchone()[0])
        assert meta["fetch"]["final_url"] == f"{site.url}/article.html"
    finally:
        con.close()
    again = cli(*args)
    assert again.code == 2
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM pages").fetchone()[0] == 2
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
    finally:
        con.close()
    # --resume does not fetch what the database accounts for.
    hits = sum(site.hits.values())
    resumed = cli(*args, "--resume")
    assert resumed.code == 0 and sum(site.hits.values()) == hits


def test_cli_needs_an_input_and_reports_an_unreadable_list(cli, tmp_path):
    none = cli("analyze", "--db", tmp_path / "x.duckdb")
    assert none.code != 0 and "at least one input" in none.err
    missing = cli("analyze", "--urls", tmp_path / "nope.txt", "--db", tmp_path / "x.duckdb")
    assert missing.code != 0 and "cannot read" in missing.err


def test_the_address_connected_to_is_checked_too(site, quick, monkeypatch):
    """DNS rebinding: a name that looked public when checked but connects to loopback is
    refused on the address actually connected to, before the body is read."""
    import echoscope.readers.fetch as fetch_module

    monkeypatch.setattr(fetch_module, "_check_host", lambda host, port: None)
    result = fetch(site.url + "/article.html", quick, public_only=True)
    assert result.code == "E312" and "127.0.0.1" in result.reason, result
