"""Search over HTTP: the API's operators, filters and errors, and the /search page's filter
form (HTML without JavaScript), on a real server over a DuckDB file the pipeline built."""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path
from urllib.parse import urlencode

import pytest

from .conftest import start

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from _search_corpus import build  # noqa: E402


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("web_search")
    build(folder).rename(folder / "web.duckdb")  # the file start() serves
    srv, uv, thread = start(folder, create=False, timeout=60)
    yield srv
    uv.should_exit = True
    thread.join(10)


def api(server, **params):
    r = server.get("/api/search?" + urlencode(params))
    assert r.status == 200, r.body
    return [f"@{h['handle']}" if h["kind"] == "post" else h["title_or_text"]
            for h in r.json()["items"]]


def test_api_operators_and_filters(server):
    assert set(api(server, q="milano -biden")) == {"Milano visit", "@bobroe"}
    assert set(api(server, q='"believe women" OR metoo', kind="post")) == {"@annlee", "@CaraD"}
    assert set(api(server, q="believe OR milano", source="valleytimes.example",
                   since="2022-06-10")) == {"Budget row", "Milano visit", "@CaraD"}
    assert api(server, q="believe OR milano", handle="@BOBROE", until="2022-12-31") == [
        "@bobroe"]
    assert api(server, q="believe OR milano", kind="article", until="2021-12-31") == [
        "Ferry row"]


@pytest.mark.parametrize(("q", "says"), [('"believe women', "never closed"),
                                         ("milano OR", "OR needs"),
                                         ("-biden", "only exclusions")])
def test_api_malformed_query_is_400_e512(server, q, says):
    r = server.get("/api/search?" + urlencode({"q": q}))
    assert r.status == 400
    err = r.json()["error"]
    assert err["status"] == 400 and err["code"] == "E512" and says in err["message"]


def test_api_invalid_filter_values_are_refused(server):
    for params in ({"q": "milano", "kind": "tweet"}, {"q": "milano", "since": "2022-13-01"}):
        r = server.get("/api/search?" + urlencode(params))
        assert r.status == 422 and r.json()["error"]["code"] == "E705"


def test_openapi_documents_the_query_syntax_and_filters(server):
    op = server.get("/api/openapi.json").json()["paths"]["/api/search"]["get"]
    params = {p["name"]: p.get("description", "") for p in op["parameters"]}
    assert {"q", "since", "until", "source", "handle", "kind", "limit", "offset"} <= set(params)
    assert "OR" in params["q"] and "-word" in params["q"]
    assert all(params[k] for k in ("since", "until", "source", "handle", "kind"))
    page = server.get("/api").body.decode()
    assert all(name in page for name in ("since", "until", "source", "handle", "kind"))


def test_search_page_filters_keep_their_values(server):
    query = {"q": "believe OR milano", "kind": "post", "source": "Valley Times",
             "handle": "", "since": "2023-01-01", "until": ""}
    r = server.get("/search?" + urlencode(query))
    assert r.status == 200
    page = r.body.decode()
    for name in ("q", "kind", "source", "handle", "since", "until"):
        assert f'<label for="{name}">' in page and f'id="{name}" name="{name}"' in page
    assert 'value="believe OR milano"' in page and 'value="Valley Times"' in page
    assert '<option value="post" selected>' in page and 'value="2023-01-01"' in page
    assert "1 result with kind post, source Valley Times, since 2023-01-01." in page
    assert "@CaraD" in page and "<mark>Believe</mark>" in page
    assert "<script" not in page


def test_search_page_no_matches_names_the_filters(server):
    page = server.get("/search?" + urlencode({"q": "milano", "handle": "annlee"})).body.decode()
    assert "Nothing matches milano with these filters: handle annlee." in page


def test_search_page_escapes_what_it_echoes(server):
    evil = '<script>alert(1)</script>"><b>'
    r = server.get("/search?" + urlencode({"q": "milano <script>alert(1)</script>",
                                           "source": evil, "handle": evil}))
    page = r.body.decode()
    assert r.status == 200 and "<script>alert" not in page and "<b>" not in page
    assert html.escape(evil, quote=True).replace("&quot;", "&#34;") in page.replace(
        "&quot;", "&#34;")


def test_search_page_malformed_query_shows_the_form_and_the_reason(server):
    r = server.get("/search?" + urlencode({"q": '"believe women', "kind": "article"}))
    assert r.status == 400
    page = r.body.decode()
    assert 'role="alert"' in page and "never closed" in page
    assert 'value="&#34;believe women"' in page or 'value="&quot;believe women"' in page
    assert '<option value="article" selected>' in page
    bad_date = server.get("/search?" + urlencode({"q": "milano", "since": "someday"}))
    assert bad_date.status == 400 and "since expects a date YYYY-MM-DD" in bad_date.body.decode()


def test_search_page_pages_keep_the_query_and_filters(server, monkeypatch):
    from echoscope.web import pages

    monkeypatch.setattr(pages, "SEARCH_PER_PAGE", 1)
    first = server.get("/search?" + urlencode({"q": "milano", "until": "2100-01-01"})
                       ).body.decode()
    assert 'rel="next"' in first and 'rel="prev"' not in first
    nxt = re.search(r'href="(/search\?[^"]*)" rel="next"', first).group(1).replace("&amp;", "&")
    assert "q=milano" in nxt and "until=2100-01-01" in nxt and "page=2" in nxt
    second = server.get(nxt).body.decode()
    assert 'rel="prev"' in second and "results 2–2 of" in second
    hit = lambda page: re.search(r"<ol>\s*<li>(.*?)</li>", page, re.S).group(1)  # noqa: E731
    assert hit(first) != hit(second)
