"""Links as inputs: ``n`` seed-sized HTML pages fetched from a loopback server and
analysed (``posts_only`` profile), against the same pages read from files in the same
process (the baseline), with ``fetch.concurrency`` 1 and 4. The server adds a fixed
delay per page (``--delay``, default 50 ms) to stand for a real site's latency, which is
what fetching several links at once hides.

    python benchmarks/bench_fetch.py [N] [--delay SECONDS]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _corpus import make_html  # noqa: E402
from echoscope import analyze, load_settings  # noqa: E402


class _Slow(SimpleHTTPRequestHandler):
    delay = 0.05

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        time.sleep(self.delay)
        super().do_GET()


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser()
    ap.add_argument("n", nargs="?", type=int, default=200)
    ap.add_argument("--delay", type=float, default=0.05)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        for i in range(args.n):
            (folder / f"page{i:05d}.html").write_text(make_html(i), "utf-8")
        _Slow.delay = args.delay
        server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Slow, directory=str(folder)))
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        urls = [f"{base}/page{i:05d}.html" for i in range(args.n)]
        out: dict = {"benchmark": "fetch", "pages": args.n, "server_delay_s": args.delay}
        try:
            common = {"run.workers": 1, "run.progress": "never",
                      "analysis.profile": "posts_only"}
            analyze([str(folder / "page00000.html")], load_settings(overrides=common))  # warm
            t0 = time.perf_counter()
            files = analyze([str(folder)], load_settings(overrides=common))
            out["files_s"] = round(time.perf_counter() - t0, 2)
            for width in (1, 4):
                settings = load_settings(overrides={**common, "fetch.concurrency": width})
                t0 = time.perf_counter()
                fetched = analyze(urls, settings)
                took = time.perf_counter() - t0
                assert fetched.articles == files.articles == args.n, fetched
                assert fetched.posts == files.posts, (fetched.posts, files.posts)
                out[f"links_concurrency_{width}_s"] = round(took, 2)
                out[f"links_concurrency_{width}_ratio"] = round(took / out["files_s"], 2)
        finally:
            server.shutdown()
            server.server_close()
    print(json.dumps(out))
    return out


if __name__ == "__main__":
    main()
