"""Precision per audited layer, with its 95% Wilson interval, from the judgements in
``benchmarks/audit/judgements/<layer>.*.jsonl`` merged into the samples
``benchmarks/audit/<layer>.jsonl``; writes ``results.json`` and ``RESULTS.md`` here.

A judgement is ``correct``, ``wrong`` or ``unsure``; unsure counts against the layer
(precision before recall). A layer below its target is hidden by default in reports and
the web app (``report.hidden_layers`` in ``defaults.toml``; tests/test_audit.py checks the
two agree).

    python benchmarks/audit/score.py [--dir benchmarks/audit/train]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from echoscope.train.metrics import wilson_interval

HERE = Path(__file__).parent
#: Precision each layer must reach to be shown by default (issue 14).
TARGETS = {"flags": 0.90, "hypocrisy": 0.80, "positions": 0.90, "quote_speakers": 0.90,
           "entity_types": 0.95, "techniques": 0.90, "badges": 0.80, "scare_quotes": 0.90,
           "paragraph_techniques": 0.90}
JUDGEMENTS = ("correct", "wrong", "unsure")


def merge_judgements(path: Path) -> list[dict]:
    """The layer's sample with the judgements of ``judgements/<layer>.*.jsonl`` (one
    ``{key, judgement, reason}`` per line, as judges write them) filled in; written back."""
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    judged: dict[str, dict] = {}
    for part in sorted((path.parent / "judgements").glob(f"{path.stem}.*.jsonl")):
        for line in part.read_text("utf-8").splitlines():
            if line.strip():
                j = json.loads(line)
                judged[j["key"]] = j
    for r in rows:
        j = judged.get(r["key"])
        if j and j.get("judgement") in JUDGEMENTS:
            r["judgement"], r["reason"] = j["judgement"], j.get("reason", "")
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return rows


def score_layer(path: Path) -> dict:
    rows = merge_judgements(path)
    counts = {j: sum(1 for r in rows if r.get("judgement") == j) for j in JUDGEMENTS}
    judged = sum(counts.values())
    layer = path.stem
    precision = round(counts["correct"] / judged, 3) if judged else None
    return {"layer": layer, "sampled": len(rows), "judged": judged, **counts,
            "precision": precision, "interval95": wilson_interval(counts["correct"], judged),
            "target": TARGETS.get(layer),
            "meets_target": precision is not None and precision >= TARGETS.get(layer, 1.0)}


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dir", type=Path, default=HERE,
                    help="a sample's folder (sample.py --dir)")
    where = ap.parse_args(argv).dir
    results = {p.stem: score_layer(p) for p in sorted(where.glob("*.jsonl"))}
    (where / "results.json").write_text(json.dumps(results, indent=2) + "\n", "utf-8")
    lines = ["# Precision audit: results", "",
             "Written by `benchmarks/audit/score.py` from the judgements in this folder.", "",
             "| layer | sampled | judged | correct | wrong | unsure | precision | 95% interval "
             "| target | shown by default |", "|---|---|---|---|---|---|---|---|---|---|"]
    for r in results.values():
        interval = "–".join(f"{x:.2f}" for x in r["interval95"]) if r["interval95"] else "—"
        p = f"{r['precision']:.3f}" if r["precision"] is not None else "—"
        lines.append(f"| {r['layer']} | {r['sampled']} | {r['judged']} | {r['correct']} | "
                     f"{r['wrong']} | {r['unsure']} | {p} | {interval} | {r['target']} | "
                     f"{'yes' if r['meets_target'] else 'no'} |")
    (where / "RESULTS.md").write_text("\n".join(lines) + "\n", "utf-8")
    print("\n".join(lines))
    return results


if __name__ == "__main__":
    main()
