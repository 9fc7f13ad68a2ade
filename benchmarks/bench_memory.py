"""Peak memory of `analyze` at 1k vs 10k articles (streamed from JSONL into DuckDB).

Each size runs in a fresh subprocess; its peak RSS comes from getrusage. Flat means the
10k run needs about the same memory as the 1k run (ratio near 1).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _corpus import write_jsonl  # noqa: E402

CHILD = """
import resource, sys
from echoscope import Store, analyze, load_settings
s = load_settings(overrides={"run.progress": "never", "analysis.profile": sys.argv[3],
                             "dedupe.enabled": sys.argv[4] == "1"})
with Store(sys.argv[2], memory_limit=s.get("store.memory_limit")) as store:
    summary = analyze([sys.argv[1]], s, store=store)
assert summary.errors == [], summary.errors[:3]
print(summary.articles, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def peak_rss_mb(corpus: Path, db: Path, profile: str = "posts_only",
                dedupe: bool = True) -> tuple[int, float]:
    out = subprocess.run([sys.executable, "-c", CHILD, str(corpus), str(db), profile,
                          "1" if dedupe else "0"], check=True,
                         capture_output=True, text=True).stdout.split()
    return int(out[0]), int(out[1]) / 1024


def main(sizes: tuple[int, ...] = (1000, 20000, 40000)) -> dict:
    """Peak RSS of a fresh process per corpus size, with and without near-copy detection
    (whose index grows with the corpus up to ``dedupe.window`` articles)."""
    result: dict = {"benchmark": "memory"}
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        for n in sizes:
            write_jsonl(t / f"c{n}.jsonl", n)
        for dedupe in (False, True):
            tag = "dedupe" if dedupe else "no_dedupe"
            rows = {}
            for n in sizes:
                articles, mb = peak_rss_mb(t / f"c{n}.jsonl", t / f"db{n}{tag}.duckdb",
                                           dedupe=dedupe)
                assert articles == n
                rows[n] = round(mb, 1)
                result[f"{tag}_peak_rss_mb_{n}"] = rows[n]
            for n in sizes[1:]:
                result[f"{tag}_ratio_{n}_vs_{sizes[0]}"] = round(rows[n] / rows[sizes[0]], 2)
    result["target"] = "flat (ratio close to 1)"
    return result


if __name__ == "__main__":
    print(json.dumps(main()))
