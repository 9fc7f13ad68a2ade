"""Across datasets: the shipped heads on labelled data they were never trained or tuned on,
beside a TF-IDF + logistic regression baseline trained *in domain* (on that dataset's own
training portion). echoscope meets texts unlike its training data every day; this is how
far its judgements carry.

- offensive (trained on TweetEval/OLID) on Davidson et al. (hate or offensive vs neither)
  and on HateXplain (offensive or hate speech vs normal); neither has official split ids
  here, so both are cut 80/20 at random (seed 0) and scored on the 20%;
- hypocrisy (trained on TQ-TW tweets) on TQ-TW YouTube comments (official test split);
- irony: no second irony dataset is in ../shared/data, so the share of PTC dev news
  sentences labelled ironic is reported instead (news prose is rarely ironic);
- stance: a model trained without SemEval-2016 (``echoscope train stance --without
  semeval --out DIR``), scored on SemEval-2016 Task 6 test, beside per-target TF-IDF
  models trained on SemEval-2016 train;
- stance: the shipped stance head on SemEval-2016 Task 6 subtask B (tweets about Donald
  Trump from 2016; he is among the people it was trained on, through P-Stance's 2020
  tweets and the multi-target set, but these tweets and their annotators are not), beside
  a TF-IDF model cross-validated on those tweets themselves (five folds: the task gave no
  labelled training tweets).
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import numpy as np

from ..ml.textclf import TextClassifier
from .datasets import data_root, load_ptc, read_csv
from .linear import fit_used_columns
from .metrics import score, score_ci


def tfidf_baseline(train: tuple[list[str], list[str]], test_texts: list[str],
                   labels: list[str]) -> list[str]:
    """Predictions of hashed word+character n-gram TF-IDF with class-balanced logistic
    regression (C=1), trained on ``train``."""
    from sklearn.linear_model import LogisticRegression

    clf = TextClassifier(labels=labels, n_features=2**18)
    clf.fit_idf(clf.counts(train[0]))
    x = clf.features(train[0])
    y = np.array([labels.index(g) for g in train[1]])
    model = fit_used_columns(LogisticRegression(C=1.0, max_iter=3000, class_weight="balanced"),
                             x, y)
    return [labels[i] for i in model.predict(clf.features(test_texts))]


def _split(texts: list[str], gold: list[str], seed: int = 0
           ) -> tuple[tuple[list[str], list[str]], tuple[list[str], list[str]]]:
    order = list(range(len(texts)))
    random.Random(seed).shuffle(order)
    cut = int(0.8 * len(order))
    pick = lambda idx: ([texts[i] for i in idx], [gold[i] for i in idx])  # noqa: E731
    return pick(order[:cut]), pick(order[cut:])


def davidson(root: Path) -> tuple[list[str], list[str]]:
    rows = read_csv(root / "social" / "davidson_hate_offensive" / "data" / "labeled_data.csv")
    return ([r["tweet"] for r in rows],
            ["not-offensive" if r["class"].strip() == "2" else "offensive" for r in rows])


def hatexplain(root: Path) -> tuple[list[str], list[str]]:
    rows = read_csv(root / "social" / "hatexplain_magpie" / "datasets" / "92_HateXplain" /
                    "preprocessed.csv")
    return ([r["text"] for r in rows],
            ["not-offensive" if r["label"].strip() == "0" else "offensive" for r in rows])


def youtube(root: Path) -> dict[str, tuple[list[str], list[str]]]:
    folder = root / "social" / "whataboutism_tqtw" / "data_split"
    out = {}
    for split in ("train", "test"):
        rows = read_csv(folder / f"youtube_data_1645_sim_idx_{split}.csv")
        out[split] = ([r["Comment"] for r in rows],
                      ["hypocrisy" if r["Label"].strip() == "1" else "none" for r in rows])
    return out


def evaluate_cross(data_dir: str | Path, models_dir: str | Path | None = None,
                   stance_without_semeval: str | Path | None = None, *,
                   precision: str | None = None) -> dict[str, Any]:
    """Every cross-dataset figure (0-100), each beside its in-domain baseline, with the
    encoder at ``precision`` (None: each model's own)."""
    from ..ml.heads import TextHeads

    root = data_root(data_dir)
    heads = TextHeads.load(Path(models_dir) / "text" if models_dir else None,
                           precision=precision)
    out: dict[str, Any] = {}
    offensive_labels = ["not-offensive", "offensive"]
    for name, load in (("offensive_on_davidson", davidson), ("offensive_on_hatexplain",
                                                               hatexplain)):
        train, test = _split(*load(root))
        pred = benchmark_labels(heads, test[0], "offensive")
        base = tfidf_baseline(train, test[0], offensive_labels)
        out[name] = {"metric": "macro_f1", "examples": len(test[0]),
                     "echoscope": round(score("macro_f1", test[1], pred, offensive_labels), 1),
                     "echoscope_ci95": score_ci("macro_f1", test[1], pred, offensive_labels),
                     "in_domain_tfidf": round(score("macro_f1", test[1], base,
                                                    offensive_labels), 1),
                     **label_precision(heads, test, "offensive")}
    yt = youtube(root)
    labels = ["none", "hypocrisy"]
    pred = benchmark_labels(heads, yt["test"][0], "hypocrisy")
    base = tfidf_baseline(yt["train"], yt["test"][0], labels)
    out["hypocrisy_on_tqtw_youtube"] = {
        "metric": "f1_pos", "examples": len(yt["test"][0]),
        "echoscope": round(score("f1_pos", yt["test"][1], pred, labels), 1),
        "echoscope_ci95": score_ci("f1_pos", yt["test"][1], pred, labels),
        "in_domain_tfidf": round(score("f1_pos", yt["test"][1], base, labels), 1)}
    emotion = sentiment_on_emotion(root, heads)
    if emotion:
        out["sentiment_on_tweeteval_emotion"] = emotion
    out.update(label_shares(root, heads))
    if stance_without_semeval:
        out["stance_on_semeval2016"] = stance_cross(root, Path(stance_without_semeval),
                                                     precision)
    trump = stance_on_trump(root, Path(models_dir) / "stance" if models_dir else None,
                            precision)
    if trump:
        out["stance_on_semeval2016_trump"] = trump
    return out


#: TweetEval emotion's labels (in the order of its mapping.txt) as the sentiment they carry.
EMOTION_POLARITY = {"anger": "negative", "joy": "positive", "optimism": "positive",
                    "sadness": "negative"}


def sentiment_on_emotion(root: Path, heads: Any) -> dict[str, Any] | None:
    """The sentiment labels (class weights chosen on SemEval-2017 validation) on another
    dataset: TweetEval emotion's test tweets, anger and sadness read as negative, joy and
    optimism as positive (it has no neutral tweets): each polar label's precision and
    recall, and the share of tweets labelled neutral. None without the data."""
    from .datasets import tweeteval

    try:
        texts, emotions = tweeteval("emotion", list(EMOTION_POLARITY), ("test",))(root)["test"]
    except OSError:
        return None
    gold = [EMOTION_POLARITY[e] for e in emotions]
    said = [heads.decide("sentiment", p) for p in heads.probs(texts)["sentiment"]]
    out: dict[str, Any] = {"examples": len(texts), "neutral_share": round(
        100 * float(np.mean([s == "neutral" for s in said])), 1)}
    for label in ("negative", "positive"):
        hits = sum(s == g == label for s, g in zip(said, gold, strict=True))
        out[label] = {"precision": round(100 * hits / max(1, said.count(label)), 1),
                      "recall": round(100 * hits / max(1, gold.count(label)), 1)}
    return out


def benchmark_labels(heads: Any, texts: list[str], task: str) -> list[str]:
    """The labels to score ``task`` with against another dataset's F1: at its F1
    threshold where its labels use a threshold chosen for precision (``f1_threshold``),
    as the in-domain baselines are; else its labels."""
    f1_threshold = heads.tasks[task].get("f1_threshold")
    probs = heads.probs(texts)[task]
    if f1_threshold is None:
        return [heads.decide(task, p) for p in probs]
    return [heads.labels[task][int(p[1] > f1_threshold)] for p in probs]


#: Labels that are rare where echoscope is used, and what a person calls them.
RARE_LABELS = {"irony": "ironic", "offensive": "offensive"}


def label_precision(heads: Any, rows: tuple[list[str], list[str]], task: str
                    ) -> dict[str, Any]:
    """The labels analysis gives for ``task`` (at its label threshold) on another
    dataset: the share of texts labelled, their precision, and the dataset's own share
    of positives."""
    positive = heads.labels[task][1]
    texts, gold = rows
    said = [heads.decide(task, p) == positive for p in heads.probs(texts)[task]]
    right = sum(s and g == positive for s, g in zip(said, gold, strict=True))
    return {"labelled_share": round(100 * float(np.mean(said)), 1),
            "label_precision": round(100 * right / sum(said), 1) if any(said) else None,
            "positive_share": round(100 * float(np.mean([g == positive for g in gold])), 1)}


def label_shares(root: Path, heads: Any) -> dict[str, Any]:
    """How often the irony and offensive labels are given where they are rare, with no
    such labels to score against: PTC dev news sentences, and the stance test tweets
    (P-Stance, SemEval-2016 Task 6) by their gold stance — tweets for or against a
    politician."""
    from .datasets import load_stance

    def said(texts: list[str]) -> dict[str, list[bool]]:
        probs = heads.probs(texts)
        return {task: [heads.decide(task, p) == heads.labels[task][1] for p in probs[task]]
                for task in RARE_LABELS}

    out: dict[str, Any] = {}
    articles, _ = load_ptc(root, "dev")
    sentences = [line for text in articles.values() for line in text.split("\n")
                 if len(line.split()) >= 5]
    for task, labels in said(sentences).items():
        out[f"{task}_share_of_ptc_dev_sentences"] = {
            "sentences": len(sentences),
            f"share_labelled_{RARE_LABELS[task]}": round(100 * float(np.mean(labels)), 1)}
    data = load_stance(root)
    rows = data["test_pstance"] + data["test_semeval"]
    if rows:
        for task, labels in said([r[0] for r in rows]).items():
            out[f"{task}_share_of_stance_test_tweets"] = {
                "tweets": len(rows),
                f"share_labelled_{RARE_LABELS[task]}": round(100 * float(np.mean(labels)), 1),
                "by_stance": {lab: round(100 * float(np.mean(
                    [x for x, r in zip(labels, rows, strict=True) if r[2] == lab])), 1)
                    for lab in ("FAVOR", "AGAINST", "NONE") if any(r[2] == lab for r in rows)}}
    return out


def stance_cross(root: Path, folder: Path, precision: str | None = None) -> dict[str, Any]:
    """A stance model trained without SemEval-2016 on its test set (F_avg), beside
    per-target TF-IDF models trained on its train set."""
    from ..doc import STANCE_LABELS
    from ..ml.heads import StanceHead
    from .datasets import load_stance
    from .stance_head import proba_as_trained

    data = load_stance(root)
    test = data["test_semeval"]
    head = StanceHead.load(folder, precision=precision)
    probs = proba_as_trained(head, test)
    # At the macro-F1 level, as published F_avg figures are measured.
    pred = [STANCE_LABELS[head.decide_with(p, head.min_side_f1)] for p in probs]
    gold = [r[2] for r in test]
    targets = sorted({r[1] for r in test})
    base_pred: list[str] = [""] * len(test)
    for target in targets:
        rows = [r for r in data["train"] if r[1] == target]
        idx = [i for i, r in enumerate(test) if r[1] == target]
        guesses = tfidf_baseline(([r[0] for r in rows], [r[2] for r in rows]),
                                 [test[i][0] for i in idx], STANCE_LABELS)
        for i, g in zip(idx, guesses, strict=True):
            base_pred[i] = g
    return {"metric": "f_avg", "examples": len(test),
            "echoscope": round(score("f_avg", gold, pred, STANCE_LABELS), 1),
            "echoscope_ci95": score_ci("f_avg", gold, pred, STANCE_LABELS),
            "in_domain_tfidf": round(score("f_avg", gold, base_pred, STANCE_LABELS), 1)}


#: The best F_avg of SemEval-2016 Task 6 subtask B (Mohammad et al., 2016), by a system
#: given no labelled tweets about Donald Trump.
TRUMP_PUBLISHED = 56.28


def stance_on_trump(root: Path, folder: Path | None = None, precision: str | None = None,
                    folds: int = 5) -> dict[str, Any] | None:
    """The stance head in ``folder`` (default shipped) on SemEval-2016 subtask B
    (:func:`~echoscope.train.stance_head.subtask_b`: F_avg at its macro-F1 level, and the
    sides it says at the level the analyzers use), beside TF-IDF cross-validated on the
    same tweets (``folds``, seed 0: the task gave no labelled tweets to train on) and the
    task's best published F_avg. None without the data."""
    from ..doc import STANCE_LABELS
    from ..ml.heads import StanceHead
    from .datasets import load_semeval_trump
    from .stance_head import proba_as_trained, subtask_b

    rows = load_semeval_trump(root)
    if not rows:
        return None
    head = StanceHead.load(folder, precision=precision)
    probs = proba_as_trained(head, rows)
    gold = [r[2] for r in rows]
    scores = subtask_b(probs, gold, head.min_side_f1, head.level(rows[0][1]))
    order = list(range(len(rows)))
    random.Random(0).shuffle(order)
    base: list[str] = [""] * len(rows)
    for k in range(folds):
        held = set(order[k::folds])
        train = [i for i in order if i not in held]
        test = sorted(held)
        guesses = tfidf_baseline(([rows[i][0] for i in train], [gold[i] for i in train]),
                                 [rows[i][0] for i in test], STANCE_LABELS)
        for i, g in zip(test, guesses, strict=True):
            base[i] = g
    return {"metric": "f_avg", "examples": len(rows), "echoscope": scores["f_avg"],
            "echoscope_ci95": scores["f_avg_ci95"],
            "in_domain_tfidf": round(score("f_avg", gold, base, STANCE_LABELS), 1),
            "in_domain_tfidf_how": f"{folds}-fold cross-validation on these tweets",
            "published_best": TRUMP_PUBLISHED, **{k: scores[k] for k in
                                                  ("sides_macro_f1", "served", "at_benchmark")}}
