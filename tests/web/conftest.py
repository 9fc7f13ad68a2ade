"""A real uvicorn server on a free loopback port, over a real DuckDB file."""

from __future__ import annotations

import json
import os
import socket
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from echoscope import load_settings

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "artifacts" / "screenshots"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Response:
    status: int
    headers: dict
    body: bytes

    def json(self):
        return json.loads(self.body)


@dataclass
class Server:
    url: str
    token: str | None
    db: Path

    def request(self, method: str, path: str, body: bytes | None = None,
                headers: dict | None = None) -> Response:
        req = urllib.request.Request(self.url + path, data=body, method=method,
                                     headers=headers or {})
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                return Response(r.status, dict(r.headers), r.read())
        except urllib.error.HTTPError as e:
            return Response(e.code, dict(e.headers), e.read())

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def post_json(self, path: str, obj, headers: dict | None = None) -> Response:
        return self.request("POST", path, json.dumps(obj).encode(),
                            {"Content-Type": "application/json", **(headers or {})})


def render_settings(**overrides):
    """Settings for tests of how findings are shown: the technique analyzer's document
    gate off and a lower span threshold (the gate is tested in tests/test_propaganda.py),
    so the pages have technique spans to show."""
    return load_settings(overrides={"analysis.techniques.min_score": 0.25,
                                    "analysis.techniques.min_spans": 1,
                                    "analysis.techniques.min_rate": 0.0, **overrides})


def start(tmp_path: Path, token: str | None = None, **kw) -> tuple[Server, object, threading.Thread]:
    import uvicorn

    from echoscope.web import create_app
    from echoscope.web.server import uvicorn_config

    db = tmp_path / "web.duckdb"
    settings = kw.pop("settings", None) or render_settings()
    kw.setdefault("create", True)
    app = create_app(settings, db=str(db), token=token, host="127.0.0.1", **kw)
    port = free_port()
    server = uvicorn.Server(uvicorn_config(app, host="127.0.0.1", port=port, settings=settings))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 30
    while not server.started:
        if time.time() > deadline:
            raise RuntimeError("server did not start")
        time.sleep(0.05)
    return Server(f"http://127.0.0.1:{port}", token, db), server, thread


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    srv, uv, thread = start(tmp_path_factory.mktemp("web"), max_body=200_000, timeout=60)
    yield srv
    uv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("ECHOSCOPE_REQUIRE_BROWSER"):
            pytest.fail(f"{CHROMIUM} is missing (make test installs Debian's chromium)")
        pytest.skip(f"{CHROMIUM} not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        yield _Patient(b)
        b.close()


#: How long a page waits for the server (Playwright's default is 30 s): the first analysis
#: loads the models, and on a busy 2-core machine it once took longer. A hang guard, not a
#: timing assertion.
PATIENCE_MS = 150_000


class _Patient:
    """The browser, with every page and context it opens waiting up to ``PATIENCE_MS``."""

    def __init__(self, browser):
        self._browser = browser

    def new_page(self, **kwargs):
        page = self._browser.new_page(**kwargs)
        page.set_default_timeout(PATIENCE_MS)
        return page

    def new_context(self, **kwargs):
        context = self._browser.new_context(**kwargs)
        context.set_default_timeout(PATIENCE_MS)
        return context


@pytest.fixture
def shots():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def start_server(tmp_path):
    """Start another server (with a token, other limits); stopped after the test."""
    running = []

    def _start(**kw) -> Server:
        srv, uv, thread = start(tmp_path, **kw)
        running.append((uv, thread))
        return srv

    yield _start
    for uv, thread in running:
        uv.should_exit = True
        thread.join(10)


@pytest.fixture
def fixture_text():
    return lambda name: (FIXTURES / name).read_text("utf-8")
