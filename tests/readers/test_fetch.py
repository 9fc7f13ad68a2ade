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


def test_a_gzipped_page_is_read_and_a_bomb_stops_at_the_limit_without_expanding(site, quick):
    import tracemalloc

    raw = fetch(site.url + "/gzipped", quick)
    assert isinstance(raw, RawInput) and b"Harbour ferry fares" in raw.data
    site.bomb  # noqa: B018 - built before measuring
    tracemalloc.start()
    try:
        result = fetch(site.url + "/bomb", quick)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.code == "E302"
    assert peak < 5_000_000, peak  # never the 50 MB it expands to


def test_broken_links_are_error_records_not_crashes(quick):
    links = ["http://[::1/", "https://x:99999/", "http://" + "a" * 70 + ".com/", "http:///x"]
    out = list(read(links, quick))
    assert [o.source for o in out] == links
    assert all(isinstance(o, ErrorRecord) and o.code in ("E309", "E312") for o in out), out


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
    ("/trickle-unsized", "E309", "longer than 1.5 s"),
    ("/slow-headers", "E309", "longer than 1.5 s"),
    ("/bomb", "E302", "more than the limit"),
    ("/stacked", "E309", "compressed more than once"),
    ("/brotli", "E309", "'br' is not read"),
    ("/no-location", "E310", "HTTP 302"),
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
    assert result.code == "E312" and "not a public address" in result.reason
    assert site.hits["/article.html"] == before  # refused before any request
    via_name = fetch(site.url.replace("127.0.0.1", "localhost") + "/article.html", quick,
                     public_only=True)
    assert via_name.code == "E312"


@pytest.mark.parametrize("address", ["10.1.2.3", "172.16.0.9", "192.168.1.1", "127.0.0.2",
                                     "169.254.169.254", "::1", "fe80::1", "fc00::5",
                                     "::ffff:127.0.0.1", "0.0.0.0", "100.64.0.1", "224.0.0.1",
                                     "64:ff9b::a00:1", "64:ff9b::7f00:1", "2002:a00:1::",
                                     "::7f00:1", "fec0::1", "64:ff9b:1::5",
                                     "2001:0:4136:e378:8000:63bf:3fff:fdd2"])
def test_no_private_loopback_link_local_or_reserved_address_passes(address):
    with pytest.raises(_Refused):
        _check_address(address, "example")


@pytest.mark.parametrize("address", ["93.184.215.14", "2606:4700::6810:85e5",
                                     "64:ff9b::5db8:d70e", "2002:5db8:d70e::1"])
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


def test_a_name_is_resolved_once_and_the_checked_address_is_the_one_connected_to(
        site, quick, monkeypatch):
    """DNS rebinding: a name that resolves to a public address when checked and to
    loopback the next time never reaches loopback — there is no next time."""
    import socket

    port = int(site.url.rsplit(":", 1)[1])
    real, calls = socket.getaddrinfo, []

    def rebinding(host, *args, **kwargs):
        if host == "rebind.test":
            calls.append(host)
            ip = "93.184.215.14" if len(calls) == 1 else "127.0.0.1"
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, port))]
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    before = sum(site.hits.values())
    result = fetch(f"http://rebind.test:{port}/article.html", quick, public_only=True)
    assert isinstance(result, ErrorRecord)  # the public address is not reachable here
    assert len(calls) == 1 and sum(site.hits.values()) == before


@pytest.mark.parametrize("public_only", [False, True])
def test_a_resolver_that_does_not_answer_is_cut_by_the_deadline(quick, monkeypatch,
                                                                public_only):
    """Name lookups run within the fetch's deadline: a resolver that takes ten seconds
    cannot hold a fetch with a 1.5-second limit (in either mode)."""
    import socket
    import threading
    import time

    real, release = socket.getaddrinfo, threading.Event()

    def stalled(host, *args, **kwargs):
        if host == "slow.test":
            release.wait(10.0)  # an unanswered lookup, until the test ends
            raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", stalled)
    started = time.monotonic()
    try:
        result = fetch("http://slow.test/story", quick, public_only=public_only)
    finally:
        release.set()
    assert time.monotonic() - started < 4.0
    assert isinstance(result, ErrorRecord) and result.code == "E309"
    assert "longer than 1.5 s" in result.reason


def test_a_name_is_fetched_from_the_first_of_its_addresses_that_answers(site, quick,
                                                                         monkeypatch):
    """A name resolved here (so that its lookup is cut by the deadline) is connected to at
    each of its addresses in turn: one that refuses does not fail the fetch."""
    import socket

    port = int(site.url.rsplit(":", 1)[1])
    real = socket.getaddrinfo

    def two(host, *args, **kwargs):
        if host == "two.test":  # the first refuses: the site listens on 127.0.0.1 only
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.2", port)),
                    (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", two)
    raw = fetch(f"http://two.test:{port}/article.html", quick)
    assert isinstance(raw, RawInput), raw
    assert b"Harbour ferry fares" in raw.data


def test_refusals_in_public_mode_do_not_say_what_a_name_resolves_to(quick):
    for url in ("http://127.0.0.1:9/", "http://no-such-host.invalid/"):
        result = fetch(url, quick, public_only=True)
        assert result.code == "E312" and "127.0.0.1" not in result.reason.split(" is ")[1]
        assert "resolve" not in result.reason


def test_a_list_of_links_takes_bare_domains_and_names_the_lines_that_are_not_links(tmp_path):
    from echoscope.readers.fetch import read_url_list

    good = tmp_path / "good.txt"
    good.write_text("# links\nhttps://a.example/x\n\nexample.org/story?id=3\n", "utf-8")
    assert read_url_list(str(good)) == ["https://a.example/x", "https://example.org/story?id=3"]
    bad = tmp_path / "bad.txt"
    bad.write_text("https://a.example/x\n.\n-\n/etc/hostname\nstory.html\n", "utf-8")
    with pytest.raises(ValueError, match="line 2.*line 3.*line 4.*line 5"):
        read_url_list(str(bad))
    latin = tmp_path / "latin.txt"
    latin.write_bytes(b"https://a.example/caf\xe9\n")
    with pytest.raises(ValueError, match="not UTF-8"):
        read_url_list(str(latin))


def test_resume_tries_again_links_whose_failure_may_pass(site, cli, tmp_path):
    db = tmp_path / "retry.duckdb"
    links = [f"{site.url}/gone", f"{site.url}/broken"]
    assert cli("analyze", *links, "--db", db, "--profile", "posts_only").code == 2
    gone, broken = site.hits["/gone"], site.hits["/broken"]
    again = cli("analyze", *links, "--db", db, "--profile", "posts_only", "--resume")
    assert again.code == 2, again.err
    assert site.hits["/gone"] == gone  # a 404 stays accounted for
    assert site.hits["/broken"] == broken + 1  # a 503 may pass: tried again
