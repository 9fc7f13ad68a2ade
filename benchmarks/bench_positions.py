"""What the ``positions`` and ``stance`` analyzers add to the ``full`` profile, on real news.

The synthetic benchmark articles name nobody the stance model scores, so this one runs on
the first 60 PTC dev articles (real stories with people, quotes and embedded tweets) from
``../shared/data``; it skips when the data is absent. Baseline: the same profile without
``positions``, in the same process, best of two rounds. Target: positions add little
(they reuse the stance layer; only quotes and unmatched situations cost model time).
Stance's own share: the profile without stance and the layers that need it, against the
same plus stance, as a share of the full profile's time.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from echoscope import build_pipeline, load_settings
from echoscope.readers.text import parse_text

DATA = Path(os.environ.get("ECHOSCOPE_DATA", Path(__file__).resolve().parents[2] / "shared"
                           / "data"))
DEV = DATA / "propaganda" / "semeval2020-task11-ptc" / "datasets" / "dev-articles"


def main(n: int = 60, rounds: int = 2) -> dict:
    paths = sorted(DEV.glob("*.txt"))[:n]
    if not paths:
        return {"benchmark": "positions", "skipped": f"no articles in {DEV}"}
    texts = [p.read_text("utf-8") for p in paths]
    settings = load_settings(overrides={"analysis.profile": "full"})
    names = settings.analyzer_names()
    needs_stance = {"stance", "reactions", "evidence", "positions"}
    pipes = {
        "full": build_pipeline(settings),
        "base": build_pipeline(settings, [a for a in names if a != "positions"]),
        "no_stance": build_pipeline(settings, [a for a in names if a not in needs_stance]),
        "stance": build_pipeline(settings, [a for a in names
                                            if a not in needs_stance or a == "stance"]),
    }
    for pipe in pipes.values():
        pipe(parse_text(texts[0], "warm-up"))
    best = dict.fromkeys(pipes, float("inf"))
    for _ in range(rounds):
        for name, pipe in pipes.items():
            docs = [parse_text(t, f"a{i}") for i, t in enumerate(texts)]
            t0 = time.perf_counter()
            for d in docs:
                pipe(d)
            best[name] = min(best[name], time.perf_counter() - t0)
    return {"benchmark": "positions", "articles": len(texts),
            "full_s": round(best["full"], 3), "without_positions_s": round(best["base"], 3),
            "positions_ratio": round(best["full"] / best["base"], 3),
            "stance_share_of_full": round((best["stance"] - best["no_stance"]) / best["full"], 3)}


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]) if len(sys.argv) > 1 else 60)))
