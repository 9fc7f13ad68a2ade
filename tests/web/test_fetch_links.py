"""The web app fetches a link only when started to, and then never a private address."""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest

from echoscope import load_settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from _pages import Site  # noqa: E402


@pytest.fixture(scope="module")
def site():
    s = Site()
    yield s
    s.close()


def _settings(mode: str):
    return load_settings(overrides={"serve.fetch": mode, "analysis.profile": "posts_only",
                                    "fetch.timeout_s": 2.0})


def test_a_server_started_without_fetch_never_fetches(server, site):
    hits = sum(site.hits.values())
    r = server.post_json("/api/analyze", {"url": site.url + "/article.html"})
    assert r.status == 422
    err = r.json()["error"]
    assert err["code"] == "E305" and "--fetch" in err["message"]
    assert "Nothing leaves this machine" in server.get("/").body.decode()
    assert sum(site.hits.values()) == hits


def test_public_only_refuses_loopback_and_private_links(start_server, site):
    srv = start_server(settings=_settings("public"))
    hits = sum(site.hits.values())
    form = srv.get("/").body.decode()
    assert "this server fetches the page" in form and "public addresses only" in form
    for url in (site.url + "/article.html",
                site.url.replace("127.0.0.1", "localhost") + "/article.html",
                "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/",
                "http://[::1]:9/", "file:///etc/passwd"):
        r = srv.post_json("/api/analyze", {"url": url})
        assert r.status == 422, (url, r.body)
        assert r.json()["error"]["code"] == "E312", (url, r.body)
    assert sum(site.hits.values()) == hits
    # The paste form says the same, as a page.
    csrf = form.split('name="csrf" value="', 1)[1].split('"', 1)[0]
    r = srv.request("POST", "/analyze",
                    urlencode({"csrf": csrf, "url": site.url + "/article.html"}).encode(),
                    {"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status == 422 and "E312" in r.body.decode()


def test_a_trusted_server_fetches_stores_and_keeps_the_final_url(start_server, site):
    srv = start_server(settings=_settings("any"))
    r = srv.post_json("/api/analyze", {"url": site.url + "/hop", "store": True,
                                       "published": "2025-04-03"})
    assert r.status == 200, r.body
    doc = r.json()
    assert doc["title"] == "Harbour ferry fares to rise in May"
    assert doc["url"] == site.url + "/article.html" and doc["source"] == site.url + "/hop"
    assert doc["meta"]["fetch"]["status"] == 200
    assert doc["published"] == "2025-04-02"  # the page's own date wins over the form's
    stored = srv.get(f"/api/articles/{doc['id']}").json()
    assert stored["url"] == site.url + "/article.html"
    gone = srv.post_json("/api/analyze", {"url": site.url + "/gone"})
    assert gone.status == 422 and gone.json()["error"]["code"] == "E310"


def test_fetches_are_bounded_and_a_full_server_says_busy(start_server, site):
    srv = start_server(settings=load_settings(overrides={
        "serve.fetch": "any", "analysis.profile": "posts_only", "serve.max_queue": 1,
        "fetch.timeout_s": 5.0}))
    slow = {}
    worker = threading.Thread(target=lambda: slow.setdefault(
        "r", srv.post_json("/api/analyze", {"url": site.url + "/silent"})))
    worker.start()
    deadline = time.time() + 5
    while site.hits["/silent"] == 0 and time.time() < deadline:
        time.sleep(0.05)
    busy = srv.post_json("/api/analyze", {"url": site.url + "/article.html"})
    assert busy.status == 503 and busy.json()["error"]["code"] == "E707"
    assert {k.lower(): v for k, v in busy.headers.items()}.get("retry-after")
    worker.join(30)
    assert slow["r"].status == 200  # the slow one still finished
