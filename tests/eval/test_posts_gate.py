"""Eval gate: post extraction on a small hand-annotated set must not regress.

The set (``posts_gold.jsonl``) is written for this project and covers the layouts seen in
real corpora. Floors live in ``baseline.json``; raise them when extraction improves.
"""

from __future__ import annotations

import json
from pathlib import Path

from echoscope.analyzers.posts import extract_posts

HERE = Path(__file__).parent


def score() -> dict[str, float]:
    tp = fp = fn = names = texts = matched = 0
    for line in (HERE / "posts_gold.jsonl").read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        gold = {(p["handle"], p["posted"], p["display_name"]): p for p in case["posts"]}
        got = {(p.handle, p.posted, p.display_name): p for p in extract_posts(case["text"])}
        gold_keys = {(h, d) for h, d, _ in gold}
        got_keys = {(h, d) for h, d, _ in got}
        tp += len(gold_keys & got_keys)
        fp += len(got_keys - gold_keys)
        fn += len(gold_keys - got_keys)
        for key, g in gold.items():
            p = next((p for k, p in got.items() if k[:2] == key[:2]), None)
            if p is not None:
                matched += 1
                names += p.display_name == g["display_name"]
                texts += p.text == g["text"]
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return {
        "signature_f1": 2 * precision * recall / (precision + recall) if precision + recall else 0,
        "display_name_accuracy": names / matched if matched else 0.0,
        "text_exact_match": texts / matched if matched else 0.0,
    }


def test_post_extraction_does_not_regress():
    floors = json.loads((HERE / "baseline.json").read_text())
    scores = score()
    for metric, floor in floors.items():
        assert scores[metric] >= floor, (metric, scores[metric], floor)
