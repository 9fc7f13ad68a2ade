"""HTML path vs trafilatura alone, on the same seed-sized pages with 11 embedded tweets.

HTML path = decode + embed extraction + trafilatura + placing posts + post analyzers
(``posts_only`` profile; the NER/scoring analysers are measured in bench_analysis.py).
Baseline (same process, same pages) = ``trafilatura.extract(html)``. Target: <= 1.3x.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import trafilatura  # noqa: E402

from _corpus import make_html  # noqa: E402
from echoscope import build_pipeline, load_settings  # noqa: E402
from echoscope.readers import RawInput, to_doc  # noqa: E402


def main(n: int = 300, rounds: int = 3) -> dict:
    pages = [make_html(i).encode("utf-8") for i in range(n)]
    settings = load_settings(overrides={"analysis.profile": "posts_only"})
    pipeline = build_pipeline(settings)
    trafilatura.extract(pages[0].decode())
    pipeline(to_doc(RawInput("w", "html", pages[0]), settings))

    best_base, best_ours = float("inf"), float("inf")
    posts = 0
    for _ in range(rounds):  # alternate to share the machine's noise fairly
        t0 = time.perf_counter()
        for page in pages:
            trafilatura.extract(page.decode("utf-8"))
        best_base = min(best_base, time.perf_counter() - t0)
        t0 = time.perf_counter()
        posts = 0
        for i, page in enumerate(pages):
            posts += len(pipeline(to_doc(RawInput(f"p{i}", "html", page), settings)).posts)
        best_ours = min(best_ours, time.perf_counter() - t0)
    assert posts == 11 * n, posts
    return {
        "benchmark": "html_path",
        "pages": n,
        "trafilatura_extract_s": round(best_base, 3),
        "echoscope_html_path_s": round(best_ours, 3),
        "ratio": round(best_ours / best_base, 3),
        "pages_per_s": round(n / best_ours, 1),
        "target_ratio_max": 1.3,
    }


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]) if len(sys.argv) > 1 else 300)))
