"""Search: the query language (phrases, AND/OR/-exclusions, filters) over a stored corpus.

Stores ``n`` seed-sized articles (11 posts each, ``posts_only`` profile), then times each
kind of query through ``queries.search`` and, as the baseline in the same process, the
plain BM25 lookup the search is built on (``match_bm25`` over articles and posts, best 20)
for the same words. Prints milliseconds per query and the ratio to the baseline.

    python benchmarks/bench_search.py [N]
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _corpus import write_text_files  # noqa: E402
from echoscope import Store, analyze, load_settings  # noqa: E402
from echoscope.store import queries  # noqa: E402

QUERIES = {
    "one word": ("budget", {}),
    "two words": ("library petition", {}),
    "phrase": ('"public service"', {}),
    "or": ("harbour OR festival", {}),
    "exclusion": ("council -protest", {}),
    "phrase, posts of one handle": ('"community campaign"', {"kind": "post",
                                                             "handle": "ann00"}),
    "word since a date": ("volunteers", {"since": "2020-01-01"}),
}
BASELINE = """
    SELECT * FROM (
      SELECT a.id, fts_main_articles.match_bm25(a.id, ?) AS score FROM articles a
      UNION ALL
      SELECT p.id, fts_main_posts.match_bm25(p.id, ?) FROM posts p
    ) WHERE score IS NOT NULL ORDER BY score DESC LIMIT 20"""


def _best_ms(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return round(1000 * min(times), 2)


def main(n: int = 2000) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        write_text_files(folder, n)
        settings = load_settings(overrides={"run.workers": 1, "run.progress": "never",
                                            "analysis.profile": "posts_only"})
        db = Path(tmp) / "bench.duckdb"
        with Store(db) as store:
            analyze([str(folder)], settings, store=store)
            store.ensure_search_index()
        out: dict = {"benchmark": "search", "articles": n, "posts": 11 * n, "queries": {}}
        with Store(db, read_only=True) as store:
            for name, (query, filters) in QUERIES.items():
                words = " ".join(w.strip('"') for w in query.split()
                                 if w not in ("OR", "AND") and not w.startswith("-"))
                base = _best_ms(lambda w=words: store.con.execute(BASELINE, [w, w]).fetchall())
                page = queries.search(store, query, limit=20, **filters)
                took = _best_ms(lambda q=query, f=filters: queries.search(store, q, limit=20,
                                                                          **f))
                out["queries"][name] = {"query": query, **filters, "hits": page.total,
                                        "ms": took, "bm25_ms": base,
                                        "ratio": round(took / base, 2) if base else None}
        out["median_ratio"] = statistics.median(q["ratio"] for q in out["queries"].values())
    print(json.dumps(out))
    return out


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
