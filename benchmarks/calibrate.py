"""Thresholds for ordinary news: technique spans and hypocrisy framing.

A tool that reads news for persuasion must stay quiet on a buying guide, a recipe or a
straight witness report. This script chooses the shipped thresholds on one set of texts
and reports them on another, never the same:

techniques (``min_score``, ``min_spans`` and ``min_rate`` of the profile's technique
analyzer: a span is kept from ``min_score``, and a text reports its spans only when it has
at least ``min_spans`` of them and ``min_rate`` per 1,000 words)
    chosen on the PTC train articles held out from the tagger's training (SI F0.5:
    precision counts twice) among the values that keep every text of
    ``benchmarks/genres`` (40 ordinary texts, weighted to reviews and sports reports) free
    of spans; reported on PTC dev
    (official SI scores) and on ``benchmarks/genres_heldout`` (30 ordinary texts of 11
    genres, never used to choose).
techniques per paragraph (``min_labelled`` of ``paragraph_techniques``: a text reports
its labelled paragraphs only when it has at least that many)
    the lowest that keeps every text of ``benchmarks/genres`` free of labels (the model's
    own thresholds were chosen on its training paragraphs); reported on SemEval-2023
    English dev (paragraph micro-F1 of the labels echoscope gives, through the pipeline)
    and on ``benchmarks/genres_heldout``.
hypocrisy framing (``sentence_threshold`` and ``min_sentences`` of ``hypocrisy``)
    chosen on SemEval-2023 Task 3 English train articles (an article frames hypocrisy when
    a paragraph is labelled Whataboutism or Appeal_to_Hypocrisy; article-level F0.5) and on
    ``benchmarks/genres`` (no detection allowed); reported on SemEval-2023 English dev (the
    PTC test articles, never trained on) and on ``benchmarks/genres_heldout``.

    python benchmarks/calibrate.py [--data ../shared/data] [--limit N] [--only PART]

writes ``benchmarks/results/calibration.json``; the chosen values are what
``defaults`` of the analyzers ship (docs/calibration.md quotes the figures).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from echoscope import build_pipeline, load_settings
from echoscope.analyzers import ANALYZERS
from echoscope.doc import Doc
from echoscope.readers.text import parse_text
from echoscope.train.datasets import data_root, load_ptc
from echoscope.train.metrics import si_scores, wilson_interval
from echoscope.train.techniques_head import split_articles

HERE = Path(__file__).parent
GENRES = HERE / "genres"
HELDOUT_GENRES = HERE / "genres_heldout"
HYPOCRISY_LABELS = ("Whataboutism", "Appeal_to_Hypocrisy")
#: Analyzers the calibration needs (the rest of the profile does not change these layers).
NEEDED = ("posts", "entities", "entities_rules", "sentences", "sentiment", "social",
          "classify", "techniques", "techniques_crf", "paragraph_techniques", "hypocrisy")
SCORE_GRID = [round(x * 0.05, 2) for x in range(0, 20)]
#: What the technique analyzer shipped before the document gate (min_score, min_rate,
#: min_spans), reported beside the new choice.
PREVIOUS_GATE = (0.35, 0.0, 1)
RATE_GRID = [float(r) for r in range(0, 16)]
MIN_SPANS_GRID = [1, 2, 3, 4, 5]
SENTENCE_GRID = [round(0.5 + x * 0.05, 2) for x in range(0, 10)]
MIN_SENTENCES_GRID = [1, 2, 3]
MIN_LABELLED_GRID = list(range(1, 21))
PARTS = ("techniques", "paragraphs", "hypocrisy")


def words(text: str) -> int:
    return max(1, len(text.split()))


def genre_sets() -> tuple[dict[str, str], dict[str, str]]:
    """The ordinary texts thresholds are chosen on, and those they are reported on."""
    read = lambda folder: {f.stem: f.read_text("utf-8")  # noqa: E731
                           for f in sorted(folder.glob("*.txt"))}
    return read(GENRES), read(HELDOUT_GENRES)


def semeval2023(root: Path, split: str) -> tuple[dict[str, str], dict[str, bool]]:
    """SemEval-2023 Task 3 English articles and whether any paragraph is labelled
    Whataboutism or Appeal_to_Hypocrisy."""
    folder = root / "propaganda" / "semeval2023-task3" / "data" / "en"
    gold: dict[str, bool] = {}
    for row in (folder / f"{split}-labels-subtask-3.txt").read_text("utf-8").splitlines():
        parts = row.split("\t")
        if parts and parts[0]:
            labels = set(parts[2].split(",")) if len(parts) > 2 else set()
            gold[parts[0]] = gold.get(parts[0], False) or bool(labels & set(HYPOCRISY_LABELS))
    texts = {}
    for aid in gold:
        path = folder / f"{split}-articles-subtask-3" / f"article{aid}.txt"
        if path.exists():
            texts[aid] = path.read_text("utf-8")
    return texts, {a: gold[a] for a in texts}


class Runner:
    """The configured profile, cut to what the calibration needs, with every technique span
    kept (``min_score`` 0, no document gate) so thresholds can be applied afterwards."""

    def __init__(self) -> None:
        settings = load_settings()
        names = [n for n in settings.analyzer_names() if n in NEEDED]
        self.technique_analyzer = next((n for n in names if n.startswith("techniques")), None)
        overrides: dict[str, Any] = {}
        if self.technique_analyzer:
            overrides[f"analysis.{self.technique_analyzer}.min_score"] = 0.0
            if self.technique_analyzer == "techniques":
                overrides["analysis.techniques.min_spans"] = 1
                overrides["analysis.techniques.min_rate"] = 0.0
        self.paragraphs = "paragraph_techniques" in names
        if self.paragraphs:
            overrides["analysis.paragraph_techniques.min_labelled"] = 1
        self.settings = load_settings(overrides=overrides)
        self.pipeline = build_pipeline(self.settings, names)
        self.names = names

    def docs(self, texts: dict[str, str]) -> dict[str, Doc]:
        return {k: self.pipeline(parse_text(t, k)) for k, t in texts.items()}


def spans_at(docs: dict[str, Doc], t: float, min_rate: float = 0.0, min_spans: int = 1
             ) -> dict[str, list[tuple[int, int]]]:
    """The spans each text reports at ``min_score`` ``t`` and the document gate."""
    out = {}
    for k, d in docs.items():
        kept = [(x.start, x.end) for x in d.techniques if x.score >= t]
        dense = len(kept) >= min_spans and 1000 * len(kept) / words(d.text) >= min_rate
        out[k] = kept if dense else []
    return out


def rate(docs: dict[str, Doc], t: float, min_rate: float = 0.0, min_spans: int = 1) -> float:
    """Technique spans per 1,000 words over the texts together."""
    n = sum(len(v) for v in spans_at(docs, t, min_rate, min_spans).values())
    return round(1000 * n / sum(words(d.text) for d in docs.values()), 2)


def f_beta(p: float, r: float, beta: float = 0.5) -> float:
    b2 = beta * beta
    return (1 + b2) * p * r / (b2 * p + r) if p + r else 0.0


def techniques(runner: Runner, root: Path, tune_genres: dict[str, Doc],
               report_genres: dict[str, Doc], limit: int | None, genre_rate: float
               ) -> dict[str, Any]:
    train, spans = load_ptc(root, "train")
    _, held = split_articles(train, 0.1, 0)  # the articles the tagger's training held out
    dev, dev_spans = load_ptc(root, "dev")
    if limit:
        held = dict(sorted(held.items())[:limit])
        dev = dict(sorted(dev.items())[:limit])
    gold_of = lambda arts, sp: {a: [(s, e) for a_, _, s, e in sp if a_ == a]  # noqa: E731
                                for a in arts}
    held_docs, dev_docs = runner.docs(held), runner.docs(dev)
    held_gold, dev_gold = gold_of(held, spans), gold_of(dev, dev_spans)
    grid = []
    for t in SCORE_GRID:
        for r in RATE_GRID:
            for k in MIN_SPANS_GRID:
                si = si_scores(held_gold, spans_at(held_docs, t, r, k))
                grid.append({"min_score": t, "min_rate": r, "min_spans": k,
                             "held_p": round(si["p"], 4), "held_r": round(si["r"], 4),
                             "held_f05": round(f_beta(si["p"], si["r"]), 4),
                             "genre_rate": rate(tune_genres, t, r, k)})
    allowed = [g for g in grid if g["genre_rate"] <= genre_rate] or grid[-1:]
    # Ties: the stricter values (fewer spans shown).
    best = max(allowed, key=lambda g: (g["held_f05"], g["min_score"], g["min_spans"],
                                       g["min_rate"]))
    chosen = {k: best[k] for k in ("min_score", "min_spans", "min_rate")}
    gate = (chosen["min_score"], chosen["min_rate"], chosen["min_spans"])
    si = si_scores(dev_gold, spans_at(dev_docs, *gate))
    si0 = si_scores(dev_gold, spans_at(dev_docs, 0.0))
    shipped = PREVIOUS_GATE
    si_before = si_scores(dev_gold, spans_at(dev_docs, *shipped))
    noisy = spans_at(report_genres, *gate)
    return {
        "analyzer": runner.technique_analyzer, "chosen": chosen,
        "grid": [g for g in grid if g["genre_rate"] <= genre_rate][:400],
        "report": {
            "ptc_dev_articles": len(dev),
            "ptc_dev_si": {k: round(si[k], 4) for k in ("p", "r", "f1")},
            "ptc_dev_si_without_threshold": {k: round(si0[k], 4) for k in ("p", "r", "f1")},
            "ptc_dev_per_1000_words": rate(dev_docs, *gate),
            "held_out_genres": len(report_genres),
            "held_out_genre_words": sum(words(d.text) for d in report_genres.values()),
            "genres_per_1000_words": rate(report_genres, *gate),
            "genres_with_spans": sorted(k for k, v in noisy.items() if v),
            "genres_without_threshold": rate(report_genres, 0.0),
            "per_genre": {k: rate({k: d}, *gate) for k, d in report_genres.items()},
            "before": {"gate": dict(zip(("min_score", "min_rate", "min_spans"), shipped,
                                        strict=True)),
                       "ptc_dev_si": {k: round(si_before[k], 4) for k in ("p", "r", "f1")},
                       "genres_per_1000_words": rate(report_genres, *shipped),
                       "genres_with_spans": sorted(
                           k for k, v in spans_at(report_genres, *shipped).items() if v)},
        },
    }


def labelled(doc: Doc, gate: int) -> list[Any]:
    """The paragraphs ``doc`` reports labelled with a technique, at ``min_labelled`` gate."""
    found = doc.paragraph_techniques.labelled if doc.paragraph_techniques else []
    return found if len(found) >= gate else []


def paragraphs(runner: Runner, root: Path, tune_genres: dict[str, Doc],
               report_genres: dict[str, Doc], limit: int | None) -> dict[str, Any]:
    from echoscope.train.metrics import micro_f1_sets

    folder = root / "propaganda" / "semeval2023-task3" / "data" / "en"
    gold: dict[tuple[str, int], set[str]] = {}
    for row in (folder / "dev-labels-subtask-3.txt").read_text("utf-8").splitlines():
        parts = row.split("\t")
        if len(parts) >= 2:
            gold[(parts[0], int(parts[1]))] = {x for x in (parts[2] if len(parts) > 2
                                                           else "").split(",") if x}
    ids = sorted({a for a, _ in gold})[:limit] if limit else sorted({a for a, _ in gold})
    gold = {k: v for k, v in gold.items() if k[0] in ids}
    texts = {a: (folder / "dev-articles-subtask-3" / f"article{a}.txt").read_text("utf-8")
             for a in ids}
    docs = runner.docs(texts)

    def predicted(gate: int) -> dict[tuple[str, int], set[str]]:
        out: dict[tuple[str, int], set[str]] = {}
        for a, d in docs.items():
            lines = texts[a].split("\n")
            for p in labelled(d, gate):
                words = d.text[p.start:p.end]
                # The article's line holding the paragraph: by its offset (the reader only
                # strips the text's ends), else the first line with its words.
                n = d.text.count("\n", 0, p.start) + 1
                if n > len(lines) or lines[n - 1].strip() != words:
                    n = next((i for i, line in enumerate(lines, start=1)
                              if line.strip() == words), None)
                if n is not None:
                    out.setdefault((a, n), set()).update(p.labels)
        return out

    noisy = {g: sorted(k for k, d in tune_genres.items() if labelled(d, g))
             for g in MIN_LABELLED_GRID}
    gate = next((g for g in MIN_LABELLED_GRID if not noisy[g]), MIN_LABELLED_GRID[-1])
    score = lambda g: {k: round(v, 4) for k, v in micro_f1_sets(gold, predicted(g)).items()}  # noqa: E731
    return {
        "chosen": {"min_labelled": gate},
        "tune_genres_with_labels": {str(g): v for g, v in noisy.items() if v},
        "report": {
            "semeval2023_en_dev": {"articles": len(ids), "paragraphs": len(gold),
                                   **score(gate)},
            "semeval2023_en_dev_without_gate": score(1),
            "dev_articles_reporting": sum(1 for d in docs.values() if labelled(d, gate)),
            "held_out_genres_with_labels": sorted(k for k, d in report_genres.items()
                                                  if labelled(d, gate)),
            "held_out_genres_with_labels_without_gate": sorted(
                k for k, d in report_genres.items() if labelled(d, 1)),
        },
    }


def detections(docs: dict[str, Doc], config: dict[str, Any]) -> dict[str, bool]:
    analyzer = ANALYZERS["hypocrisy"](config)
    return {k: bool(analyzer(d).hypocrisy.detected) for k, d in docs.items()}  # type: ignore[union-attr]


def confusion(pred: dict[str, bool], gold: dict[str, bool]) -> dict[str, Any]:
    tp = sum(1 for k, v in pred.items() if v and gold[k])
    fp = sum(1 for k, v in pred.items() if v and not gold[k])
    fn = sum(1 for k, v in pred.items() if not v and gold[k])
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "p": round(p, 4), "r": round(r, 4),
            "f05": round(f_beta(p, r), 4), "p_wilson95": wilson_interval(tp, tp + fp)}


def hypocrisy(runner: Runner, root: Path, tune_genres: dict[str, Doc],
              report_genres: dict[str, Doc], limit: int | None) -> dict[str, Any]:
    train, train_gold = semeval2023(root, "train")
    dev, dev_gold = semeval2023(root, "dev")
    if limit:
        keep = sorted(train)[:limit] + [a for a in sorted(train) if train_gold[a]][:limit // 4]
        train = {a: train[a] for a in keep}
        dev = dict(sorted(dev.items())[:limit])
        dev_gold = {a: dev_gold[a] for a in dev}
    train_docs, dev_docs = runner.docs(train), runner.docs(dev)
    base = runner.settings.analyzer_config("hypocrisy")
    grid = []
    for st in SENTENCE_GRID:
        for k in MIN_SENTENCES_GRID:
            config = {**base, "sentence_threshold": st, "min_sentences": k}
            c = confusion(detections(train_docs, config), {a: train_gold[a] for a in train})
            quiet = not any(detections(tune_genres, config).values())
            grid.append({"sentence_threshold": st, "min_sentences": k, **c,
                         "genres_quiet": quiet})
    allowed = [g for g in grid if g["genres_quiet"]] or grid
    best = max(allowed, key=lambda g: (g["f05"], g["sentence_threshold"], g["min_sentences"]))
    chosen = {"sentence_threshold": best["sentence_threshold"],
              "min_sentences": best["min_sentences"]}
    config = {**base, **chosen}
    return {
        "chosen": chosen, "grid": grid,
        "report": {
            "semeval2023_en_dev": {"articles": len(dev), "positive": sum(dev_gold.values()),
                                   **confusion(detections(dev_docs, config), dev_gold)},
            "genres_detected": [k for k, v in detections(report_genres, config).items() if v],
            "before": {"semeval2023_en_dev": confusion(detections(dev_docs, base), dev_gold),
                       "genres_detected": [k for k, v in detections(report_genres, base).items()
                                           if v]},
        },
    }


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=str(HERE.parent.parent / "shared" / "data"))
    ap.add_argument("--limit", type=int, default=None, help="articles per set (a quick look)")
    ap.add_argument("--genre-rate", type=float, default=0.0,
                    help="most technique spans per 1,000 words allowed on the tuning genres")
    ap.add_argument("--out", default=str(HERE / "results" / "calibration.json"))
    ap.add_argument("--only", choices=PARTS, action="append",
                    help="choose only this part again (repeatable); the others keep what "
                    "--out holds")
    args = ap.parse_args(argv)
    parts = args.only or list(PARTS)
    root = data_root(args.data)
    started = time.perf_counter()
    runner = Runner()
    tune, report = genre_sets()
    tune_docs, report_docs = runner.docs(tune), runner.docs(report)
    path = Path(args.out)
    kept = json.loads(path.read_text("utf-8")) if args.only and path.exists() else {}
    if args.only and not kept:
        print(f"{path} holds no earlier run: it will hold only {', '.join(parts)}",
              file=sys.stderr)
    out: dict[str, Any] = {**kept, "profile": runner.settings.get("analysis.profile"),
                           "analyzers": runner.names,
                           "genres": {"tune": sorted(tune), "report": sorted(report)}}
    if runner.technique_analyzer and "techniques" in parts:
        out["techniques"] = techniques(runner, root, tune_docs, report_docs, args.limit,
                                       args.genre_rate)
        print(json.dumps({"techniques": out["techniques"]["report"],
                          "chosen": out["techniques"]["chosen"]}), file=sys.stderr)
    if runner.paragraphs and "paragraphs" in parts:
        out["paragraphs"] = paragraphs(runner, root, tune_docs, report_docs, args.limit)
    if "hypocrisy" in parts:
        out["hypocrisy"] = hypocrisy(runner, root, tune_docs, report_docs, args.limit)
    out["seconds"] = round(time.perf_counter() - started, 1)
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(out, indent=2) + "\n", "utf-8")
    print(json.dumps({k: (v["chosen"], v["report"]) if isinstance(v, dict) and "chosen" in v
                      else v for k, v in out.items()}, indent=1))
    return out


if __name__ == "__main__":
    main()
