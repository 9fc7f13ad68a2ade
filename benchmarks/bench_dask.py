"""Dask engine: speed-up of 2 workers over 1, and peak memory per worker as the corpus grows.

- speed-up: the ``full`` profile over the same seed-sized articles with a LocalCluster of
  1 and then 2 worker processes (end to end: cluster start, model loading, Parquet writes);
  target >= 1.6x on a 2-core machine.
- memory: each worker's peak RSS in the ``full`` runs (spaCy, the encoder and its heads
  loaded), and with the encoder in int8 (2 workers); the ``posts_only`` profile over 1k and
  20k articles with 2 workers; each worker's peak RSS (getrusage) should stay flat.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _corpus import write_jsonl  # noqa: E402
from echoscope import load_settings  # noqa: E402
from echoscope.runners.dask import analyze_dask  # noqa: E402

#: The ``full`` profile with every encoder wholly in int8 (by default only the text heads'
#: is, its attention inputs smoothed; the stance head and the namer run mixed).
INT8 = {f"analysis.{name}.precision": "int8" for name in ("classify", "stance", "techniques")}


def run(corpus: Path, out: Path, workers: int, profile: str,
        extra: dict | None = None) -> tuple[float, dict]:
    settings = load_settings(overrides={"analysis.profile": profile, "run.batch_size": 50,
                                        **(extra or {})})
    t0 = time.perf_counter()
    summary = analyze_dask([str(corpus)], settings, out, workers=workers)
    seconds = time.perf_counter() - t0
    assert summary.error_count == 0 and summary.inputs > 0, summary.errors[:3]
    return seconds, summary.worker_peak_rss_mb


def main(n_speed: int = 200) -> dict:
    from echoscope.ml.spacy_pipeline import keep_torch_out

    keep_torch_out()  # as the CLI does: its Dask workers import spaCy without torch
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        corpus = write_jsonl(t / "speed.jsonl", n_speed)
        one, rss_one = run(corpus, t / "one", 1, "full")
        two, rss_two = run(corpus, t / "two", 2, "full")
        two8, rss_two8 = run(corpus, t / "two8", 2, "full", INT8)
        small = write_jsonl(t / "m1k.jsonl", 1000)
        large = write_jsonl(t / "m20k.jsonl", 20000)
        _, rss_small = run(small, t / "m1k", 2, "posts_only")
        secs_large, rss_large = run(large, t / "m20k", 2, "posts_only")
    return {
        "benchmark": "dask",
        "full_profile_articles": n_speed,
        "one_worker_s": round(one, 2),
        "two_workers_s": round(two, 2),
        "speedup_2_over_1": round(one / two, 2),
        "full_worker_peak_rss_mb": sorted([*rss_one.values(), *rss_two.values()]),
        "two_workers_int8_s": round(two8, 2),
        "full_int8_worker_peak_rss_mb": sorted(rss_two8.values()),
        "worker_peak_rss_mb_1k": sorted(rss_small.values()),
        "worker_peak_rss_mb_20k": sorted(rss_large.values()),
        "memory_ratio_20k_vs_1k": round(max(rss_large.values()) / max(rss_small.values()), 2),
        "posts_only_20k_s": round(secs_large, 1),
        "targets": {"speedup_min": 1.6, "memory": "flat"},
    }


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)))
