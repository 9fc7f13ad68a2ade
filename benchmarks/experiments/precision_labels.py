"""What the encoder's precision changes in what echoscope says: every label of the ``full``
profile (posts' and sentences' text labels, stance, technique spans, flags, checks, quotes,
positions, techniques per paragraph) over the ordinary-genre texts and the test fixtures,
in float32 and in another precision (default ``mixed``; ``auto``: each model's own, as
shipped); prints each difference and a tally.

    python benchmarks/experiments/precision_labels.py [mixed|int8|auto]
"""

from __future__ import annotations

import collections
import sys
from pathlib import Path

from echoscope import build_pipeline, load_settings
from echoscope.readers.text import parse_text

ROOT = Path(__file__).resolve().parents[2]
FOLDERS = ("benchmarks/genres", "benchmarks/genres_heldout", "tests/fixtures")
ENCODER_ANALYZERS = ("classify", "stance", "techniques", "paragraph_techniques")


def labels(d: dict) -> set[tuple]:
    """Every categorical thing a document's analysis says (no probabilities)."""
    out: set[tuple] = set()
    for i, post in enumerate(d.get("posts") or []):
        out |= {("post", i, k, v) for k, v in (post.get("scores") or {}).items()
                if k.endswith("_label")}
        out |= {("post", i, "stance", s.get("target"), s.get("label"))
                for s in post.get("stance") or []}
    for s in (d.get("scores") or {}).get("sentences") or []:
        out |= {("sentence", s.get("start"), k, v) for k, v in s.items() if k.endswith("_label")}
    out |= {("technique", t.get("start"), t.get("end"), t.get("label"))
            for t in d.get("techniques") or []}
    out |= {("flag", f.get("kind"), f.get("start")) for f in d.get("flags") or []}
    out |= {("check", c.get("kind"), c.get("status"), c.get("start")) for c in d.get("checks") or []}
    out |= {("stance", s.get("target"), s.get("label"))  # the article's, where asked for
            for s in (d.get("scores") or {}).get("stance") or []}
    out |= {("quote", q.get("start"), q.get("speaker")) for q in d.get("quotes") or []}
    out |= {("quote", q.get("start"), "stance", s.get("target"), s.get("label"))
            for q in d.get("quotes") or [] for s in q.get("stance") or []}
    out |= {("position", p.get("actor"), p.get("target"), p.get("stance"))
            for p in d.get("positions") or []}
    for p in (d.get("paragraph_techniques") or {}).get("labelled") or []:
        out |= {("paragraph", p.get("start"), lab) for lab in p.get("labels") or {}}
    return out


def main(precision: str = "mixed") -> None:
    files = sorted(p for folder in FOLDERS for p in (ROOT / folder).glob("*.txt"))
    said = {}
    for prec in ("float32", precision):
        pipeline = build_pipeline(load_settings(overrides={
            "analysis.profile": "full",
            **{f"analysis.{a}.precision": prec for a in ENCODER_ANALYZERS}}))
        said[prec] = [labels(pipeline(parse_text(f.read_text("utf-8"), f.stem)).to_dict())
                      for f in files]
    tally: collections.Counter = collections.Counter()
    total = 0
    for f, a, b in zip(files, said["float32"], said[precision], strict=True):
        total += len(a | b)
        for kind, only in (("float32 only", a - b), (f"{precision} only", b - a)):
            for item in sorted(only, key=str):
                print(f"{f.name}: {kind}: {item}")
                tally[item[0]] += 1
    print(f"{len(files)} texts, {total} labels, differing: {dict(tally) or 'none'}")


if __name__ == "__main__":
    main(*sys.argv[1:2])
