"""Re-score judged outputs under the current code, without judging anew: which of a layer's
judged outputs the pipeline still gives (same key, same label), and how many of those, and
of the ones it no longer gives, were judged right.

    python benchmarks/audit/resurvey.py                      # positions, default settings
    python benchmarks/audit/resurvey.py --set analysis.stance.unseen=as_seen
    python benchmarks/audit/resurvey.py --layer flags --wrong   # and what is still wrong
    python benchmarks/audit/resurvey.py --layer quote_speakers --gone   # and what went

Outputs the code gives now that were never judged are counted, not scored: this bounds how
a change moved precision, it does not replace an audit.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import sample  # type: ignore[import-not-found]

from echoscope import load_settings
from echoscope.pipeline import build_pipeline

HERE = Path(__file__).resolve().parent
#: The field whose value must be the same for a judged output to count as still given.
LABEL = {"positions": "label", "flags": "kind", "techniques": "label",
         "quote_speakers": "speaker", "entity_types": "type", "badges": "label",
         "scare_quotes": "kind", "paragraph_techniques": "label", "hypocrisy": "detected"}


def main(argv: list[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--layer", default="positions", choices=sorted(LABEL))
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                    help="a setting for this run (dotted key), e.g. analysis.stance.unseen=as_seen")
    ap.add_argument("--wrong", action="store_true",
                    help="also list the outputs still given that were judged wrong or unsure, "
                         "with the judge's reason")
    ap.add_argument("--gone", action="store_true",
                    help="also list the judged outputs no longer given, with what is given "
                         "now under the same key and the judge's reason")
    ap.add_argument("--dir", type=Path, default=HERE,
                    help="a sample's folder (sample.py --dir)")
    args = ap.parse_args(argv)
    overrides = dict(item.split("=", 1) for item in args.set)
    judged = {}
    with (args.dir / f"{args.layer}.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            judged[row["key"]] = row
    wanted = {row["article"] for row in judged.values()}
    settings = load_settings(overrides=overrides)
    pipeline = build_pipeline(settings)
    given: dict[str, Any] = {}
    articles = 0
    splits = tuple({"seed" if a == "seed" else a.split("-")[1] for a in wanted})
    for aid, doc in sample.articles(settings, splits):
        if aid not in wanted:
            continue
        articles += 1
        for layer, row in sample.outputs(pipeline(doc), aid):
            if layer == args.layer:
                given[row["key"]] = row["output"].get(LABEL[args.layer])
    field = LABEL[args.layer]
    kept = [k for k, r in judged.items() if given.get(k) == r["output"].get(field)]
    gone = [k for k in judged if k not in set(kept)]

    def right(keys: list[str]) -> dict[str, int]:
        return {"judged": len(keys),
                "right": sum(judged[k]["judgement"] == "correct" for k in keys)}

    out = {"layer": args.layer, "settings": overrides, "articles": articles,
           "given_now": len(given), "still_given": right(kept), "no_longer_given": right(gone)}
    if args.wrong:
        out["still_given_not_right"] = [
            {"key": k, "output": judged[k]["output"], "judgement": judged[k]["judgement"],
             "reason": judged[k]["reason"]}
            for k in kept if judged[k]["judgement"] != "correct"]
    if args.gone:
        out["no_longer_given_list"] = [
            {"key": k, "output": judged[k]["output"], "given_now": given.get(k),
             "judgement": judged[k]["judgement"], "reason": judged[k]["reason"]}
            for k in gone]
    print(json.dumps(out, indent=1))
    return out


if __name__ == "__main__":
    main()
