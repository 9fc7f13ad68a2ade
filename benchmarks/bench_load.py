"""The web app under load, against a real ``echoscope serve`` on loopback.

1. Burst: 2,000 GETs (lists, articles, search, pages) and 100 analyses at concurrency 16:
   throughput, p50/p95/p99 latency per kind, error rate (any status >= 500 but the 503
   "busy" answer, which is the bounded queue doing its job and is counted apart), and the
   server's RSS before and after (the baseline is the same server idle after warm-up).
2. Soak: a steady rate of mixed requests for ``--soak`` seconds (default 600), RSS sampled
   every 10 s; growth = last third's median / first third's median.

    python benchmarks/bench_load.py                 # burst, then a 10-minute soak
    python benchmarks/bench_load.py --soak 60       # a shorter soak

Writes ``benchmarks/results/load.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
EXE = str(Path(sys.executable).with_name("echoscope"))


def rss_mb(pid: int) -> float:
    """Resident memory of the server and its analysis workers, in MB."""
    total = 0
    out = subprocess.run(["ps", "-eo", "pid=,ppid=,rss="], capture_output=True, text=True)
    rows = [tuple(map(int, line.split())) for line in out.stdout.splitlines()]
    family = {pid}
    changed = True
    while changed:
        changed = False
        for p, pp, _ in rows:
            if pp in family and p not in family:
                family.add(p)
                changed = True
    total = sum(r for p, _, r in rows if p in family)
    return round(total / 1024, 1)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentiles(values: list[float]) -> dict[str, float]:
    if not values:
        return {}
    qs = statistics.quantiles(values, n=100, method="inclusive") if len(values) > 1 else \
        [values[0]] * 99
    return {"p50_ms": round(qs[49] * 1000, 1), "p95_ms": round(qs[94] * 1000, 1),
            "p99_ms": round(qs[98] * 1000, 1)}


def start_server(workdir: Path) -> tuple[subprocess.Popen, str]:
    db = workdir / "load.duckdb"
    subprocess.run([EXE, "analyze", str(ROOT / "examples"), "--db", str(db),
                    "--progress", "never"], check=False, capture_output=True)
    port = free_port()
    proc = subprocess.Popen([EXE, "serve", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/api/articles", timeout=2).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("the server did not start")


def requests_mix(rng: random.Random, ids: list[str]) -> list[tuple[str, str, dict | None]]:
    gets = ["/api/articles", "/api/articles?limit=5&offset=1", "/api/posts?limit=20",
            "/api/entities", "/api/search?q=council", "/articles", "/", "/api",
            "/search?q=harbour"] + [f"/api/articles/{i}" for i in ids] + \
           [f"/articles/{i}" for i in ids]
    out: list[tuple[str, str, dict | None]] = [("GET", rng.choice(gets), None)
                                               for _ in range(2000)]
    texts = [p.read_text("utf-8") for p in sorted((ROOT / "tests" / "fixtures").glob("*.txt"))]
    out += [("POST", "/api/analyze", {"text": rng.choice(texts) + f"\n\nRun {k}."})
            for k in range(100)]
    rng.shuffle(out)
    return out


def burst(url: str, pid: int) -> dict:
    client = httpx.Client(base_url=url, timeout=120)
    ids = [a["id"] for a in client.get("/api/articles?limit=50").json()["items"]]
    warm = client.post("/api/analyze", json={"text": "A warm-up story about the harbour."})
    assert warm.status_code == 200, warm.text
    for _ in range(50):
        client.get("/api/articles")
    before = rss_mb(pid)
    plan = requests_mix(random.Random(7), ids)
    results: list[tuple[str, int, float]] = []
    lock = threading.Lock()

    def one(req: tuple[str, str, dict | None]) -> None:
        method, path, body = req
        t0 = time.perf_counter()
        try:
            r = client.request(method, path, json=body)
            status = r.status_code
        except httpx.HTTPError:
            status = 599
        with lock:
            results.append((method, status, time.perf_counter() - t0))

    t0 = time.perf_counter()
    with ThreadPoolExecutor(16) as pool:
        list(pool.map(one, plan))
    seconds = time.perf_counter() - t0
    time.sleep(2)
    after = rss_mb(pid)
    client.close()
    out: dict = {"requests": len(results), "seconds": round(seconds, 1),
                 "requests_per_second": round(len(results) / seconds, 1),
                 "rss_before_mb": before, "rss_after_mb": after,
                 "rss_ratio_after_vs_before": round(after / before, 3)}
    for kind in ("GET", "POST"):
        rows = [r for r in results if r[0] == kind]
        ok = [t for _, s, t in rows if s < 500 or s == 503]
        out[kind] = {"n": len(rows), **percentiles([t for _, s, t in rows]),
                     "errors": sum(1 for _, s, _ in rows if s >= 500 and s != 503),
                     "busy_503": sum(1 for _, s, _ in rows if s == 503),
                     "ok_share": round(len(ok) / max(len(rows), 1), 4)}
    out["error_rate"] = round(sum(out[k]["errors"] for k in ("GET", "POST"))
                              / max(len(results), 1), 5)
    return out


def soak(url: str, pid: int, seconds: float, rate: float = 20.0) -> dict:
    client = httpx.Client(base_url=url, timeout=120)
    ids = [a["id"] for a in client.get("/api/articles?limit=50").json()["items"]]
    rng = random.Random(11)
    samples: list[tuple[float, float]] = []
    errors = 0
    n = 0
    start = time.monotonic()
    next_sample = start
    step: Callable[[], None]

    def step() -> None:
        nonlocal errors, n
        if rng.random() < 0.02:
            r = client.post("/api/analyze", json={"text": f"Soak story {n} about the ferry."})
        else:
            r = client.get(rng.choice(["/api/articles", "/articles", "/api/posts",
                                       f"/api/articles/{rng.choice(ids)}"]))
        n += 1
        errors += r.status_code >= 500 and r.status_code != 503

    while time.monotonic() - start < seconds:
        t0 = time.monotonic()
        if t0 >= next_sample:
            samples.append((round(t0 - start, 1), rss_mb(pid)))
            next_sample += 10
        step()
        time.sleep(max(0.0, 1 / rate - (time.monotonic() - t0)))
    client.close()
    rss = [r for _, r in samples]
    third = max(1, len(rss) // 3)
    return {"seconds": round(seconds), "requests": n, "errors": errors,
            "rss_samples_mb": samples,
            "rss_growth_last_vs_first_third": round(statistics.median(rss[-third:])
                                                    / statistics.median(rss[:third]), 3)}


def main() -> dict:
    parser = argparse.ArgumentParser()
    parser.add_argument("--soak", type=float, default=600.0)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="echoscope-load-"))
    proc, url = start_server(workdir)
    try:
        result = {"burst": burst(url, proc.pid)}
        print(json.dumps(result["burst"], indent=1), flush=True)
        if args.soak > 0:
            result["soak"] = soak(url, proc.pid, args.soak)
            print(json.dumps({k: v for k, v in result["soak"].items()
                              if k != "rss_samples_mb"}, indent=1), flush=True)
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
        shutil.rmtree(workdir, ignore_errors=True)
    target = ROOT / "benchmarks" / "results" / "load.json"
    target.write_text(json.dumps(result, indent=1) + "\n", "utf-8")
    return result


if __name__ == "__main__":
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    main()
