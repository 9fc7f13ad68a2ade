"""A small web site on a loopback port, for the tests that fetch links (never the internet).

Each route reproduces one thing a real site does: a page, a redirect, a redirect loop,
an error status, a PDF, a page too large (said up front, or only found while reading), a
server that never answers, one that trickles bytes, a non-UTF-8 charset in the header.
``hits`` counts requests per path; ``agents`` keeps the User-Agent headers received.
"""

from __future__ import annotations

import gzip
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ARTICLE = """<!doctype html><html><head><title>Harbour ferry fares to rise in May</title>
<meta property="article:published_time" content="2025-04-02"></head><body><article>
<h1>Harbour ferry fares to rise in May</h1>
<p>The harbour authority said on Wednesday that single ferry fares will rise by forty
cents from the first of May, the first increase in six years.</p>
<p>Commuter groups said the rise would hit early-shift workers hardest, while the
authority pointed to the cost of replacing two of its oldest boats.</p>
</article></body></html>"""

# A page in Windows-1251 (Cyrillic) whose charset only the HTTP header gives.
CYRILLIC = ("<html><body><article><p>Городской совет обсудил новый мост через реку и "
            "решил вернуться к вопросу весной.</p><p>Жители района просили сначала "
            "отремонтировать старую дорогу к школе.</p></article></body></html>")

PLAIN = ("Library opening hours extended\n\nThe county library will open until nine in "
         "the evening on weekdays from next month, after a survey of readers asked for "
         "later hours.\n")


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:  # quiet
        pass

    def _send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8",
              headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def _trickle(self, chunk: bytes, headers: dict[str, str]) -> None:
        """A 200 whose body comes one ``chunk`` every 50 ms, a thousand times (or until
        the client goes)."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        for k, v in headers.items():
            self.send_header(k, v)
        self.end_headers()
        try:
            for _ in range(1000):
                self.wfile.write(chunk)
                self.wfile.flush()
                time.sleep(0.05)
        except OSError:
            pass

    def do_GET(self) -> None:  # noqa: C901 - one branch per route
        site = self.server.site  # type: ignore[attr-defined]
        path = self.path.split("?", 1)[0]
        site.hits[path] += 1
        site.agents.append(self.headers.get("User-Agent", ""))
        if path == "/article.html":
            self._send(200, ARTICLE.encode())
        elif path == "/plain.txt":
            self._send(200, PLAIN.encode(), "text/plain; charset=utf-8")
        elif path == "/cyrillic.html":
            self._send(200, CYRILLIC.encode("cp1251"), "text/html; charset=windows-1251")
        elif path == "/moved":
            self._send(301, b"", headers={"Location": "/article.html"})
        elif path == "/hop":
            self._send(302, b"", headers={"Location": "/moved"})
        elif path == "/loop":
            self._send(302, b"", headers={"Location": "/loop"})
        elif path == "/gone":
            self._send(404, b"<p>not here</p>")
        elif path == "/broken":
            self._send(503, b"<p>down</p>")
        elif path == "/report.pdf":
            self._send(200, b"%PDF-1.7 ...", "application/pdf")
        elif path == "/big-declared":
            self._send(200, b"<p>" + b"x" * 300_000 + b"</p>")
        elif path == "/big-streamed":
            # No length up front: the size limit must stop the body while it is read.
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            try:
                for _ in range(100):
                    chunk = b"<p>" + b"y" * 10_000 + b"</p>"
                    self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                self.wfile.write(b"0\r\n\r\n")
            except OSError:
                pass
        elif path == "/bomb":
            # 50 MB of zeros in about 50 KB: must stop at the limit, not expand first.
            self._send(200, site.bomb, headers={"Content-Encoding": "gzip"})
        elif path == "/gzipped":
            self._send(200, gzip.compress(ARTICLE.encode()), headers={"Content-Encoding": "gzip"})
        elif path == "/stacked":
            self._send(200, gzip.compress(gzip.compress(ARTICLE.encode())),
                       headers={"Content-Encoding": "gzip, gzip"})
        elif path == "/brotli":
            self._send(200, b"\x00" * 20, headers={"Content-Encoding": "br"})
        elif path == "/no-location":
            self._send(302, b"<p>moved somewhere</p>")
        elif path == "/slow-headers":
            # A header line every 0.3 s, for ever: each read's timeout never passes.
            try:
                self.wfile.write(b"HTTP/1.1 200 OK\r\n")
                for i in range(200):
                    self.wfile.write(f"X-Drip-{i}: 1\r\n".encode())
                    self.wfile.flush()
                    time.sleep(0.3)
            except OSError:
                pass
        elif path == "/silent":
            time.sleep(site.stall)
            self._send(200, ARTICLE.encode())
        elif path == "/trickle-unsized":
            # No length: the body ends where the connection closes, so a body cut at the
            # deadline must not pass for a whole one.
            self._trickle(b"<p>z</p>", {"Connection": "close"})
            self.close_connection = True
        elif path == "/trickle":
            self._trickle(b"z", {"Content-Length": "1000"})
        else:
            self._send(404, b"")


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        """A client that hangs up (a fetch cut at its deadline or size limit) is expected."""
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class Site:
    """The site's server, running in a thread until :meth:`close`."""

    def __init__(self, stall: float = 3.0) -> None:
        self.hits: Counter[str] = Counter()
        self.agents: list[str] = []
        self.stall = stall
        self._bomb: bytes | None = None
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.site = self  # type: ignore[attr-defined]
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    @property
    def bomb(self) -> bytes:
        if self._bomb is None:
            self._bomb = gzip.compress(b"\0" * 50_000_000, compresslevel=6)
        return self._bomb

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
