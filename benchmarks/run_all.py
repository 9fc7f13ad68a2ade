"""Run every benchmark and write benchmarks/results/latest.json (ignored by git)."""

from __future__ import annotations

import json
import platform
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import bench_analysis  # noqa: E402
import bench_html  # noqa: E402
import bench_memory  # noqa: E402
import bench_text  # noqa: E402


def main() -> None:
    results = {"machine": {"python": platform.python_version(), "cpu": platform.processor()}}
    benches = (("text", bench_text), ("html", bench_html), ("memory", bench_memory),
               ("analysis", bench_analysis))
    for name, bench in benches:
        print(f"running {name} …", file=sys.stderr)
        results[name] = bench.main()
        print(json.dumps(results[name]))
    out = Path(__file__).parent / "results"
    out.mkdir(exist_ok=True)
    (out / "latest.json").write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
