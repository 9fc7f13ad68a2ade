"""Full analysis vs spaCy NER alone, and the fast profile's throughput, on one core.

Same seed-sized articles for all three (read once, outside the timings):
- baseline: the configured spaCy pipeline's NER over each article text;
- the profiles run as the runners run them: ``BATCH`` documents at a time
  (:meth:`~echoscope.Pipeline.many`: in float32 the encoder batches across them);
- full: the whole ``full`` profile (posts, dates, entities with that NER, quotes,
  sentences, the encoder's heads: sentiment, offensive, irony, hypocrisy, stance,
  techniques, techniques per paragraph; reactions, checks, positions) with each encoder
  at its artifact's default precision (the text heads int8 with smoothed attention inputs,
  the stance head and the technique namer mixed: feed-forward layers in int8) - target
  <= 2.0x the baseline; also with every encoder in mixed, in float32 and wholly in int8;
- fast: the ``fast`` profile (no statistical NER) - target >= 100 articles/s;
- checks: the ``full`` profile against the same profile without ``techniques``,
  ``paragraph_techniques``, ``hypocrisy`` and ``evidence`` - what technique detection and
  the evidence checks add, target <= 1.3x.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _corpus import make_article  # noqa: E402
from echoscope import build_pipeline, load_settings  # noqa: E402
from echoscope.analyzers.entities import load_spacy  # noqa: E402
from echoscope.doc import Doc  # noqa: E402
from echoscope.readers.text import parse_text  # noqa: E402
from echoscope.runners.local import BATCH  # noqa: E402


def analyse(pipeline, docs) -> None:
    """As the runners do: :data:`BATCH` documents at a time (the encoder batches across
    them); every one must come out analysed."""
    for start in range(0, len(docs), BATCH):
        out = pipeline.many(docs[start:start + BATCH])
        assert all(isinstance(d, Doc) for d in out), out


def main(n: int = 150, rounds: int = 2) -> dict:
    texts = [make_article(i)[0] for i in range(n)]
    full_settings = load_settings(overrides={"analysis.profile": "full"})
    fast_settings = load_settings(overrides={"analysis.profile": "fast"})
    full = build_pipeline(full_settings)
    fast = build_pipeline(fast_settings)
    checks = ("techniques", "techniques_crf", "paragraph_techniques", "hypocrisy", "evidence")
    encoder = [a for a in ("classify", "stance", "techniques", "paragraph_techniques")
               if a in full_settings.analyzer_names()]
    full8, full32, full_mixed = (build_pipeline(load_settings(overrides={
        "analysis.profile": "full", **{f"analysis.{a}.precision": p for a in encoder}}))
        for p in ("int8", "float32", "mixed"))
    base = build_pipeline(full_settings, [a for a in full_settings.analyzer_names()
                                          if a not in checks])
    nlp = load_spacy(full_settings.get("analysis.entities.model"))
    # Warm up: load every model once.
    full(parse_text(texts[0], "w"))
    full8(parse_text(texts[0], "w"))
    full32(parse_text(texts[0], "w"))
    full_mixed(parse_text(texts[0], "w"))
    fast(parse_text(texts[0], "w"))
    base(parse_text(texts[0], "w"))
    nlp(texts[0])

    best = {"ner": float("inf"), "full": float("inf"), "fast": float("inf"),
            "base": float("inf"), "full8": float("inf"), "full32": float("inf"),
            "mixed": float("inf")}
    for _ in range(rounds):
        docs = [parse_text(t, f"a{i}") for i, t in enumerate(texts)]
        t0 = time.perf_counter()
        for t in texts:
            nlp(t)
        best["ner"] = min(best["ner"], time.perf_counter() - t0)
        t0 = time.perf_counter()
        analyse(full, docs)
        best["full"] = min(best["full"], time.perf_counter() - t0)
        docs = [parse_text(t, f"a{i}") for i, t in enumerate(texts)]
        t0 = time.perf_counter()
        analyse(full8, docs)
        best["full8"] = min(best["full8"], time.perf_counter() - t0)
        docs = [parse_text(t, f"a{i}") for i, t in enumerate(texts)]
        t0 = time.perf_counter()
        analyse(full32, docs)
        best["full32"] = min(best["full32"], time.perf_counter() - t0)
        docs = [parse_text(t, f"a{i}") for i, t in enumerate(texts)]
        t0 = time.perf_counter()
        analyse(full_mixed, docs)
        best["mixed"] = min(best["mixed"], time.perf_counter() - t0)
        docs = [parse_text(t, f"a{i}") for i, t in enumerate(texts)]
        t0 = time.perf_counter()
        analyse(fast, docs)
        best["fast"] = min(best["fast"], time.perf_counter() - t0)
        docs = [parse_text(t, f"a{i}") for i, t in enumerate(texts)]
        t0 = time.perf_counter()
        analyse(base, docs)
        best["base"] = min(best["base"], time.perf_counter() - t0)
    share = {k: round(v / sum(full.timings.values()), 3) for k, v in full.timings.items()}
    return {
        "benchmark": "analysis",
        "articles": n,
        "spacy_ner_s": round(best["ner"], 3),
        "full_profile_s": round(best["full"], 3),
        "full_vs_ner_ratio": round(best["full"] / best["ner"], 3),
        "full_articles_per_s": round(n / best["full"], 1),
        "full_int8_s": round(best["full8"], 3),
        "full_int8_vs_ner_ratio": round(best["full8"] / best["ner"], 3),
        "full_float32_s": round(best["full32"], 3),
        "full_float32_vs_ner_ratio": round(best["full32"] / best["ner"], 3),
        "full_mixed_s": round(best["mixed"], 3),
        "full_mixed_vs_ner_ratio": round(best["mixed"] / best["ner"], 3),
        "full_vs_mixed_ratio": round(best["full"] / best["mixed"], 3),
        "encoder_analyzers": encoder,
        "fast_profile_s": round(best["fast"], 3),
        "fast_articles_per_s": round(n / best["fast"], 1),
        "full_without_checks_s": round(best["base"], 3),
        "checks_ratio": round(best["full"] / best["base"], 3),
        "full_time_share_by_analyzer": share,
        "targets": {"full_vs_ner_ratio_max": 2.0, "fast_articles_per_s_min": 100,
                    "checks_ratio_max": 1.3},
    }


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]) if len(sys.argv) > 1 else 150)))
