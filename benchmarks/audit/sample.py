"""Draw the precision audit's samples: for each layer a report shows by default, a fixed
random sample of its outputs over real articles, to be judged by hand.

The articles: the PTC dev and test articles in ``../shared/data`` (news the technique
tagger never trained on) and the seed article when ``../shared/seed`` is there. Each layer's
sample goes to ``benchmarks/audit/.work/<layer>.jsonl`` (not tracked: it quotes the
articles) with the text a judge needs (``context``), and to ``benchmarks/audit/<layer>.jsonl``
(tracked) as keys, offsets and labels only — the project stores no third-party text; rerun
this script to see the contexts again. Judges write ``judgements/<layer>.*.jsonl``
(``{key, judgement, reason}``); ``score.py`` merges them and turns them into precision
with its 95% interval. The same seed draws the same sample, so judgements carry over.

    python benchmarks/audit/sample.py [--n 120] [--seed 0] [--layers quote_speakers ...]

A fresh sample from other articles goes to a folder of its own, with its own judgements and
results (``score.py --dir``, ``resurvey.py --dir``): ``--splits train --dir
benchmarks/audit/train`` draws from the 371 PTC training articles, which no layer audited
here learnt from (but the technique tagger did: no technique layers from there).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from echoscope import build_pipeline, load_settings, read
from echoscope.doc import Doc
from echoscope.train.datasets import data_root, load_ptc

HERE = Path(__file__).parent
SHARED = HERE.parent.parent.parent / "shared"
#: What a judge is asked, per layer.
QUESTIONS = {
    "flags": "Would a careful editor agree with this flag, as worded, about this claim?",
    "hypocrisy": "Does the article frame someone as a hypocrite (or answer criticism with "
                 "whataboutism), and do the evidence sentences show it?",
    "positions": "Does the text show that this actor held this stance toward this target "
                 "(at the date given, when it is a year or a day)?",
    "quote_speakers": "Are these quoted words this speaker's, by the text's attribution?",
    "entity_types": "Is this name an entity of this type (person, organization, place, "
                    "product, ...) in this article?",
    "techniques": "Is this span a persuasion technique, and is it this technique?",
    "paragraph_techniques": "Does this paragraph use this persuasion technique (as SemEval-2023 "
                            "Task 3 defines it), as a careful reader would say?",
    "scare_quotes": "Does the writer put these words in quotation marks to distance "
                    "themselves from them (scare or sneer quotes: irony, doubt, 'so-called'), "
                    "rather than quote someone's words, a term from a document, a title or a "
                    "name?",
    "badges": "Is this label of the post right, as a careful reader of the post (in its "
              "article) would say: its tone (negative, neutral or positive: the feeling its "
              "author expresses), or — for 'offensive' and 'ironic' — is the post offensive "
              "(insulting, abusive, profane toward someone) or ironic/sarcastic?",
}
LAYERS = tuple(QUESTIONS)


def sentence_around(doc: Doc, start: int, end: int, pad: int = 1) -> str:
    """The sentences around ``text[start:end]`` (``pad`` either side), the span in [[ ]]."""
    sents = doc.sentences
    idx = [i for i, s in enumerate(sents) if s.start < max(end, start + 1) and s.end > start]
    if idx:
        a = sents[max(0, idx[0] - pad)].start
        b = sents[min(len(sents) - 1, idx[-1] + pad)].end
    else:
        a, b = max(0, start - 300), min(len(doc.text), end + 300)
    a, b = min(a, start), max(b, end)
    return (doc.text[a:start] + "[[" + doc.text[start:end] + "]]" + doc.text[end:b]).strip()


def outputs(doc: Doc, aid: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """``(layer, row)`` for every output of ``doc`` the audit covers."""
    for f in doc.flags:
        yield "flags", {"key": f"{aid}:{f.kind}:{f.start}:{f.end}:{f.post}",
                        "output": f.to_dict(),
                        "context": sentence_around(doc, f.start, f.end)}
    h = doc.hypocrisy
    if h is not None and h.detected:
        yield "hypocrisy", {"key": f"{aid}:hypocrisy", "output": h.to_dict(),
                            "context": "\n---\n".join(f"({e['kind']}) " + doc.text[e["start"]:e["end"]]
                                                      for e in h.evidence)
                            or "(posts only) " + " | ".join(doc.posts[i].text for i in h.posts)}
    for p in doc.positions:
        d = p.to_dict()
        yield "positions", {"key": f"{aid}:{p.actor_id}:{p.target_id}:{p.start}:{p.end}",
                            "output": {k: d.get(k) for k in ("kind", "actor", "label", "target",
                                                             "date", "date_precision",
                                                             "situation", "target_role")},
                            "context": sentence_around(doc, p.start, p.end)}
    for q in doc.quotes:
        if q.kind == "direct" and q.speaker:
            yield "quote_speakers", {"key": f"{aid}:{q.start}:{q.end}:{q.speaker}",
                                     "output": {"speaker": q.speaker, "text": q.text},
                                     "context": sentence_around(doc, q.start, q.end)}
        if q.kind == "scare":
            yield "scare_quotes", {"key": f"{aid}:{q.start}:{q.end}:scare",
                                   "output": {"kind": "scare", "text": q.text,
                                              "post": q.post},
                                   "context": sentence_around(doc, q.start, q.end)}
    for e in doc.entities:
        m = e.mentions[0]
        yield "entity_types", {"key": f"{aid}:{e.type}:{e.name}",
                               "output": {"name": e.name, "type": e.type,
                                          "mentions": sorted({x.text for x in e.mentions})},
                               "context": sentence_around(doc, m.start, m.end, pad=0)}
    for i, post in enumerate(doc.posts):
        if not post.text.strip():
            continue  # no text, no badge
        s = post.scores
        context = sentence_around(doc, post.start, post.end, pad=0)
        if s.sentiment_label and s.sentiment_sure is not False:  # as reports show them
            yield "badges", {"key": f"{aid}:post{i}:tone", "output": {
                "badge": "tone", "label": s.sentiment_label, "text": post.text},
                "context": context}
        for badge, label in (("offensive", s.offensive_label), ("ironic", s.irony_label)):
            if label:
                yield "badges", {"key": f"{aid}:post{i}:{badge}", "output": {
                    "badge": badge, "label": badge, "text": post.text}, "context": context}
    for t in doc.techniques:
        yield "techniques", {"key": f"{aid}:{t.label}:{t.start}:{t.end}",
                             "output": {"label": t.label, "span": doc.text[t.start:t.end],
                                        "score": t.score},
                             "context": sentence_around(doc, t.start, t.end, pad=0)}


    found = doc.paragraph_techniques
    for p in found.labelled if found else []:
        for label, prob in p.labels.items():
            yield "paragraph_techniques", {
                "key": f"{aid}:paragraph:{label}:{p.start}:{p.end}",
                "output": {"label": label, "probability": prob,
                           "text": doc.text[p.start:p.end]},
                "context": sentence_around(doc, p.start, p.end, pad=1)}


#: Where articles come from: PTC's splits, and the seed.
SPLITS = ("train", "dev", "test", "seed")


def articles(settings: Any, splits: tuple[str, ...] = ("dev", "test", "seed")
             ) -> Iterator[tuple[str, Doc]]:
    root = data_root(SHARED / "data")
    for split in (s for s in ("train", "dev", "test") if s in splits):
        texts, _ = load_ptc(root, split)
        for aid, text in sorted(texts.items()):
            docs = list(read([_write_tmp(aid, text)], settings))
            if docs and isinstance(docs[0], Doc):
                yield f"ptc-{split}-{aid}", docs[0]
    seed = SHARED / "seed"
    if "seed" in splits and seed.is_dir():
        for doc in read([str(p) for p in sorted(seed.glob("*.txt"))], settings):
            if isinstance(doc, Doc):
                yield "seed", doc


_TMP = HERE / ".inputs"
#: Output fields that quote the article: kept for judges, never in the tracked files.
QUOTING = ("text", "span", "mentions", "message")


def _write_tmp(aid: str, text: str) -> str:
    """PTC articles go through the same reader as a user's text files."""
    _TMP.mkdir(exist_ok=True)
    path = _TMP / f"{aid}.txt"
    if not path.exists():
        path.write_text(text, "utf-8")
    return str(path)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=120, help="outputs per layer")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--layers", nargs="*", default=list(LAYERS), choices=LAYERS)
    ap.add_argument("--splits", nargs="+", default=["dev", "test", "seed"], choices=SPLITS,
                    help="where the articles come from (PTC splits, the seed)")
    ap.add_argument("--dir", type=Path, default=HERE,
                    help="the sample's folder (its judgements/ beside it)")
    args = ap.parse_args(argv)
    out, work_dir = args.dir, args.dir / ".work"
    out.mkdir(parents=True, exist_ok=True)
    settings = load_settings()
    pipeline = build_pipeline(settings)
    found: dict[str, list[dict[str, Any]]] = {layer: [] for layer in args.layers}
    n_articles = 0
    for aid, doc in articles(settings, tuple(args.splits)):
        doc = pipeline(doc)
        n_articles += 1
        for layer, row in outputs(doc, aid):
            if layer in found:
                found[layer].append({"article": aid, **row})
    for layer, rows in found.items():
        rows.sort(key=lambda r: r["key"])
        drawn = random.Random(args.seed).sample(rows, min(args.n, len(rows)))
        work_dir.mkdir(exist_ok=True)
        with (work_dir / f"{layer}.jsonl").open("w", encoding="utf-8") as work, \
                (out / f"{layer}.jsonl").open("w", encoding="utf-8") as tracked:
            for r in sorted(drawn, key=lambda r: r["key"]):
                r = {"layer": layer, "question": QUESTIONS[layer], **r}
                work.write(json.dumps(r, ensure_ascii=False) + "\n")
                bare = {k: v for k, v in r.items() if k not in ("context", "question")}
                bare["output"] = {k: v for k, v in r["output"].items() if k not in QUOTING}
                tracked.write(json.dumps({**bare, "judgement": None, "reason": ""},
                                         ensure_ascii=False) + "\n")
        print(f"{layer}: {len(rows)} outputs over {n_articles} articles, {len(drawn)} drawn "
              f"-> {layer}.jsonl", file=sys.stderr)


if __name__ == "__main__":
    main()
