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
s = load_settings(overrides={"run.progress": "never", "analysis.profile": sys.argv[3]})
with Store(sys.argv[2], memory_limit=s.get("store.memory_limit")) as store:
    summary = analyze([sys.argv[1]], s, store=store)
assert summary.errors == [], summary.errors[:3]
print(summary.articles, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def peak_rss_mb(corpus: Path, db: Path, profile: str = "posts_only") -> tuple[int, float]:
    out = subprocess.run([sys.executable, "-c", CHILD, str(corpus), str(db), profile], check=True,
                         capture_output=True, text=True).stdout.split()
    return int(out[0]), int(out[1]) / 1024


def main(sizes: tuple[int, ...] = (1000, 10000, 20000)) -> dict:
    """Peak RSS of a fresh process per corpus size; ratios are against the smallest."""
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        rows = {}
        for n in sizes:
            corpus = write_jsonl(t / f"c{n}.jsonl", n)
            articles, mb = peak_rss_mb(corpus, t / f"db{n}.duckdb")
            assert articles == n
            rows[n] = round(mb, 1)
    small = sizes[0]
    result: dict = {"benchmark": "memory"}
    for n in sizes:
        result[f"peak_rss_mb_{n}"] = rows[n]
    for n in sizes[1:]:
        result[f"ratio_{n}_vs_{small}"] = round(rows[n] / rows[small], 2)
    result["target"] = "flat (ratio close to 1)"
    return result


if __name__ == "__main__":
    print(json.dumps(main()))
