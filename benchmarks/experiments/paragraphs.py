"""Experiment: SemEval-2023 Task 3 paragraph labels from the shipped text encoder.

Not part of echoscope: it records how the 2026-12-05 trial that led to ``echoscope train
paragraphs`` was run (sklearn's n-gram vectoriser where the shipped recipe uses
echoscope's hashed one). Needs ``../shared/data``.

    python benchmarks/experiments/paragraphs.py features CACHE.npz
    python benchmarks/experiments/paragraphs.py choose CACHE.npz [--dev]

``features``: every non-empty line (paragraph) of the SemEval-2023 English train articles
that are not PTC dev articles (PTC dev stays unseen), and of English dev, through the
shipped text encoder: the pooled state of the whole line (cut at the encoder's
max_tokens), and the mean and the maximum of the pooled states of its sentences (the
passes the ``techniques`` and ``classify`` analyzers already make).

``choose``: one logistic regression per label; the feature set, C and one threshold for
every label chosen by article-grouped 5-fold out-of-fold micro-F1 on train only. With
``--dev`` the chosen recipe is refitted on all of train and scored once on dev.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from echoscope.cli.models import default_data_dir
from echoscope.ml.heads import TextHeads
from echoscope.text.sentences import split_sentences
from echoscope.train.datasets import data_root
from echoscope.train.metrics import micro_f1_sets
from echoscope.train.paragraphs import article_groups
from echoscope.train.paragraphs import read_rows as rows


def features(out: Path) -> None:
    root = data_root(default_data_dir())
    heads = TextHeads.load(threads=2)
    cache: dict[str, object] = {}
    for split in ("train", "dev"):
        data = rows(root, split)
        lines = [r[2] for r in data]
        whole = np.stack([e.pooled for e in heads.encoder.encode(lines)])
        sents, owner = [], []
        for i, line in enumerate(lines):
            for a, b in split_sentences(line) or [(0, len(line))]:
                sents.append(line[a:b])
                owner.append(i)
        pooled = np.stack([e.pooled for e in heads.encoder.encode(sents)])
        owner_a = np.asarray(owner)
        mean = np.stack([pooled[owner_a == i].mean(0) for i in range(len(lines))])
        mx = np.stack([pooled[owner_a == i].max(0) for i in range(len(lines))])
        cache[f"{split}_whole"], cache[f"{split}_mean"], cache[f"{split}_max"] = whole, mean, mx
        cache[f"{split}_meta"] = np.asarray(json.dumps([(r[0], r[1], r[3]) for r in data]))
        print(split, len(lines), "lines", len(sents), "sentences", flush=True)
    np.savez_compressed(out, **cache)


def design(cache: dict[str, np.ndarray], split: str, kind: str) -> np.ndarray:
    if kind == "whole":
        return cache[f"{split}_whole"]
    if kind == "mean":
        return cache[f"{split}_mean"]
    return np.hstack([cache[f"{split}_mean"], cache[f"{split}_max"]])


def oof_probs(x, y, groups, c: float, balanced: bool) -> np.ndarray:
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    oof = np.zeros(y.shape)
    for fit, held in GroupKFold(5).split(x, y, groups):
        for j in range(y.shape[1]):
            if y[fit, j].sum() < 2:
                continue
            m = LogisticRegression(C=c, max_iter=2000,
                                   class_weight="balanced" if balanced else None)
            m.fit(x[fit], y[fit, j])
            oof[held, j] = m.predict_proba(x[held])[:, 1]
    return oof


def tfidf(train_lines, other=None):
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, max_features=50000)
    a = vec.fit_transform(train_lines)
    return a, (vec.transform(other) if other is not None else None)


def best_threshold(p, keys, names, gold):
    best = (-1.0, 0.5)
    for t in np.arange(0.05, 0.96, 0.025):
        pred = {k: {names[j] for j in np.flatnonzero(p[i] > t)} for i, k in enumerate(keys)}
        f1 = micro_f1_sets(gold, pred)["micro_f1"]
        if f1 > best[0]:
            best = (f1, float(t))
    return best


def choose(path: Path, dev: bool) -> None:
    from sklearn.linear_model import LogisticRegression

    cache = dict(np.load(path))
    meta = json.loads(str(cache["train_meta"]))
    names = sorted({x for _, _, ls in meta for x in ls})
    y = np.array([[lab in ls for lab in names] for _, _, ls in meta], dtype=int)
    keys = [(a, n) for a, n, _ in meta]
    gold = {(a, n): set(ls) for a, n, ls in meta}
    root = data_root(default_data_dir())
    lines = {(r[0], r[1]): r[2] for split in ("train", "dev") for r in rows(root, split)}
    groups = article_groups([(a, n, lines[(a, n)], []) for a, n in keys])
    tx, _ = tfidf([lines[k] for k in keys])
    best = None
    lin = {c: oof_probs(tx, y, groups, c, True) for c in (1.0, 3.0, 10.0)}
    for c, p in lin.items():
        print("tfidf", c, best_threshold(p, keys, names, gold), flush=True)
    for kind in ("mean+max", "whole"):
        x = design(cache, "train", kind)
        for balanced in (True, False):
            for c in (0.01, 0.03, 0.1):
                enc = oof_probs(x, y, groups, c, balanced)
                for lc, lp in lin.items():
                    for share in (0.0, 0.25, 0.5):
                        if share == 0.0 and lc != 1.0:
                            continue
                        f1, t = best_threshold((1 - share) * enc + share * lp, keys, names, gold)
                        if best is None or f1 > best[0]:
                            best = (f1, kind, balanced, c, lc, share, t)
                print(kind, balanced, c, "best so far", best, flush=True)
    print("chosen on train (grouped OOF):", best)
    if not dev:
        return
    _, kind, balanced, c, lc, share, t = best
    x = design(cache, "train", kind)
    xd = design(cache, "dev", kind)
    dmeta = json.loads(str(cache["dev_meta"]))
    dkeys = [(a, n) for a, n, _ in dmeta]
    txa, txd = tfidf([lines[k] for k in keys], [lines[k] for k in dkeys])
    p = np.zeros((len(dmeta), len(names)))
    for j in range(len(names)):
        cw = "balanced" if balanced else None
        m = LogisticRegression(C=c, max_iter=2000, class_weight=cw).fit(x, y[:, j])
        lm = LogisticRegression(C=lc, max_iter=2000, class_weight="balanced").fit(txa, y[:, j])
        p[:, j] = (1 - share) * m.predict_proba(xd)[:, 1] + share * lm.predict_proba(txd)[:, 1]
    dgold = {(r[0], r[1]): set(r[3]) for r in rows(root, "dev")}
    pred = {k: {names[j] for j in np.flatnonzero(p[i] > t)} for i, k in enumerate(dkeys)}
    print("EN dev, scored once:", micro_f1_sets(dgold, pred))
    np.save(path.with_suffix(".dev_probs.npy"), p)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("step", choices=("features", "choose"))
    ap.add_argument("cache", type=Path)
    ap.add_argument("--dev", action="store_true")
    a = ap.parse_args()
    features(a.cache) if a.step == "features" else choose(a.cache, a.dev)
