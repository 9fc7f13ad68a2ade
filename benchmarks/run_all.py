"""Run every benchmark and write benchmarks/results/latest.json (ignored by git)."""

from __future__ import annotations

import json
import platform
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import bench_analysis  # noqa: E402
import bench_dask  # noqa: E402
import bench_fetch  # noqa: E402
import bench_html  # noqa: E402
import bench_memory  # noqa: E402
import bench_positions  # noqa: E402
import bench_search  # noqa: E402
import bench_text  # noqa: E402


def main() -> None:
    results = {"machine": {"python": platform.python_version(), "cpu": platform.processor()}}
    benches = (("text", bench_text), ("html", bench_html), ("memory", bench_memory),
               ("analysis", bench_analysis), ("positions", bench_positions),
               ("dask", bench_dask), ("search", bench_search),
               ("fetch", lambda: bench_fetch.main(["100"])))
    for name, bench in benches:
        print(f"running {name} …", file=sys.stderr)
        results[name] = bench() if callable(bench) else bench.main()
        print(json.dumps(results[name]))
    results["ccnews"] = ccnews_cost(results)
    print(json.dumps(results["ccnews"], indent=1))
    out = Path(__file__).parent / "results"
    out.mkdir(exist_ok=True)
    (out / "latest.json").write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()


CCNEWS_ARTICLES_PER_MONTH = 11_500_000  # CC-NEWS adds roughly 11-12 million a month
CORES_PER_NODE = 2  # nodes like the machine measured here
EFFICIENCY = 0.8  # cluster scaling assumed (DESIGN.md budget: 0.8 N); 2 workers measured 0.89


def ccnews_cost(results: dict) -> dict:
    """Core-hours and wall time for one month of CC-NEWS per profile, from the measurements.

    Per article: the HTML path (embeds + trafilatura) plus the profile's analysis; WARC
    reading, network and storage are left out.
    """
    html_ms = 1000 / results["html"]["pages_per_s"]
    per_article_ms = {
        "posts_only": html_ms,
        "fast": html_ms + 1000 / results["analysis"]["fast_articles_per_s"],
        "full": html_ms + 1000 / results["analysis"]["full_articles_per_s"],
    }
    table = {}
    for profile, ms in per_article_ms.items():
        core_hours = CCNEWS_ARTICLES_PER_MONTH * ms / 1000 / 3600
        table[profile] = {
            "ms_per_article_per_core": round(ms, 2),
            "core_hours_per_month": round(core_hours, 1),
            "hours_on_10_nodes": round(core_hours / (10 * CORES_PER_NODE * EFFICIENCY), 2),
            "hours_on_100_nodes": round(core_hours / (100 * CORES_PER_NODE * EFFICIENCY), 2),
        }
    return table
