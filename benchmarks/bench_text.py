"""Text path: read + extract posts + date check + store, on seed-sized articles, one core
(the ``posts_only`` profile; the analysers' cost is measured in bench_analysis.py).

Prints articles/s and the ratio to a baseline measured in the same process: reading the
same files and hashing their bytes (the I/O floor any reader pays).
"""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _corpus import write_text_files  # noqa: E402
from echoscope import Store, analyze, load_settings  # noqa: E402


def main(n: int = 2000) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        paths = write_text_files(folder, n)
        settings = load_settings(overrides={"run.workers": 1, "run.progress": "never",
                                            "analysis.profile": "posts_only"})
        # Warm up imports and caches.
        analyze([str(paths[0])], settings)

        t0 = time.perf_counter()
        for p in paths:
            hashlib.sha256(p.read_bytes()).hexdigest()
        baseline = time.perf_counter() - t0

        with Store(Path(tmp) / "bench.duckdb") as store:
            t0 = time.perf_counter()
            summary = analyze([str(folder)], settings, store=store)
            seconds = time.perf_counter() - t0
        assert summary.articles == n and summary.posts == 11 * n, summary
        result = {
            "benchmark": "text_path",
            "articles": n,
            "seconds": round(seconds, 3),
            "articles_per_s": round(n / seconds, 1),
            "baseline_read_hash_s": round(baseline, 3),
            "ratio_to_baseline": round(seconds / baseline, 1),
            "target_articles_per_s": 300,
        }
        return result


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)))
