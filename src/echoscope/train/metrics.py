"""Metrics: the tasks' official measures, the SemEval-2020 Task 11 scoring, 95% intervals.

Scores are 0-100 for the social tasks (as their leaderboards report them) and 0-1 for the
technique tasks (as SemEval-2020 Task 11 does).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import numpy as np

from ..errors import ConfigError


# -- metrics ---------------------------------------------------------------------------
def _encode(gold: list[str], pred: list[str], labels: list[str]
            ) -> tuple[np.ndarray, np.ndarray, list[str]]:
    names = list(labels) + sorted((set(gold) | set(pred)) - set(labels))
    index = {n: i for i, n in enumerate(names)}
    return (np.array([index[g] for g in gold], dtype=np.int64),
            np.array([index[x] for x in pred], dtype=np.int64), names)


def metric_of_codes(metric: str, g: np.ndarray, p: np.ndarray, names: list[str],
            labels: list[str]) -> float:
    """``metric`` (0-100) of integer-coded gold ``g`` and predictions ``p``. F1 per class is
    2TP / (2TP + FP + FN), 0 where a class is neither predicted nor present (as scikit-learn)."""
    k = len(names)
    tp = np.bincount(g[g == p], minlength=k).astype(np.float64)
    n_gold = np.bincount(g, minlength=k).astype(np.float64)
    n_pred = np.bincount(p, minlength=k).astype(np.float64)
    if metric == "macro_recall":
        recall = np.divide(tp, n_gold, out=np.zeros(k), where=n_gold > 0)
        return float(recall[[names.index(x) for x in labels]].mean()) * 100
    f1 = np.divide(2 * tp, n_gold + n_pred, out=np.zeros(k), where=(n_gold + n_pred) > 0)
    if metric == "macro_f1":
        cols = [names.index(x) for x in labels]
    elif metric == "f1_pos":
        cols = [names.index(labels[1])]
    elif metric == "f_avg":
        cols = [names.index(x) for x in ("FAVOR", "AGAINST")]
    else:
        raise ConfigError(f"unknown metric {metric!r}", code="E108")
    return float(f1[cols].mean()) * 100


def prepare_codes(metric: str, gold: list[str], pred: list[str], labels: list[str]
             ) -> tuple[np.ndarray, np.ndarray, list[str], list[str]]:
    if metric == "f_avg":
        labels = list(dict.fromkeys(["FAVOR", "AGAINST", *labels]))
    g, p, names = _encode(gold, pred, labels)
    return g, p, names, labels


def score(metric: str, gold: list[str], pred: list[str], labels: list[str]) -> float:
    """``macro_f1`` over ``labels``, ``f1_pos`` (F1 of ``labels[1]``), ``f_avg`` (mean F1 of
    FAVOR and AGAINST) or ``macro_recall`` over ``labels``; 0-100."""
    g, p, names, labels = prepare_codes(metric, gold, pred, labels)
    return metric_of_codes(metric, g, p, names, labels)


def bootstrap_ci(resampled: Callable[[np.random.Generator], float], rounds: int = 1000,
                 seed: int = 0) -> list[float]:
    """95% percentile bootstrap interval: ``resampled(rng)`` scores one resample of the
    test examples drawn with replacement. It says how far the test score could move on
    another sample of the same size; differences to published results inside it are not
    evidence either way."""
    rng = np.random.default_rng(seed)
    values = [resampled(rng) for _ in range(rounds)]
    return [round(float(np.percentile(values, q)), 1) for q in (2.5, 97.5)]


def score_ci(metric: str, gold: list[str], pred: list[str], labels: list[str]) -> list[float]:
    """95% bootstrap interval of :func:`score`."""
    g, p, names, labels = prepare_codes(metric, gold, pred, labels)

    def resampled(rng: np.random.Generator) -> float:
        i = rng.integers(0, len(g), len(g))
        return metric_of_codes(metric, g[i], p[i], names, labels)

    return bootstrap_ci(resampled)


def wilson_interval(k: int, n: int, z: float = 1.96) -> list[float] | None:
    """95% Wilson score interval of a proportion ``k/n`` (None when ``n`` is 0): honest for
    the small samples of a hand audit, where the normal approximation is not."""
    if not n:
        return None
    p = k / n
    d = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / d
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return [round(max(0.0, centre - half), 3), round(min(1.0, centre + half), 3)]


def sides_said(pred: Sequence[str], gold: Sequence[str]) -> dict[str, Any]:
    """Of FAVOR/AGAINST rows (``gold``) labelled ``pred`` (NONE: no side said), how many
    get a side (``said``; ``coverage``, %) and how many of those sides are right
    (``right``; ``precision``, %, None when none is said)."""
    said = [(p, g) for p, g in zip(pred, gold, strict=True) if p != "NONE"]
    right = sum(p == g for p, g in said)
    return {"coverage": round(100 * len(said) / max(1, len(gold)), 1),
            "precision": round(100 * right / len(said), 1) if said else None,
            "said": len(said), "right": right}


def exact_precision(sides: dict[str, Any]) -> float | None:
    """:func:`sides_said`'s precision unrounded (%), from its counts where it has them."""
    if "right" in sides:
        return 100 * sides["right"] / sides["said"] if sides["said"] else None
    return sides.get("precision")


def lowest_precise_level(precision_at: Callable[[float], float | None], target: float,
                         levels: Sequence[float]) -> float:
    """The first of ``levels`` (ascending) at which ``precision_at(level)`` (%) reaches
    ``target``; the last level when none does."""
    for level in levels:
        got = precision_at(level)
        if got is not None and got >= target:
            return level
    return levels[-1]


def side_rule_level(said_at: Callable[[float], dict[str, Any]], levels: Sequence[float],
                    rows: int, rule: dict[str, float] | None = None
                    ) -> tuple[float, dict[str, Any]]:
    """The probability a side needs by :data:`SIDE_RULE` (or ``rule``): the first of
    ``levels`` (ascending) at which the sides said on ``rows`` held-out rows that may be
    NONE (``said_at(level)``: :func:`sides_said` of the decisions there) are right at least
    ``min_precision`` % of the time with at least ``min_said`` said; the last level when
    none is (the first when there are no rows). Returns it and what was measured there."""
    rule = rule or SIDE_RULE
    measured: dict[float, dict[str, Any]] = {}

    def precision_at(level: float) -> float | None:
        measured[level] = said_at(level)
        if measured[level]["said"] < rule["min_said"]:
            return None
        return exact_precision(measured[level])

    level = lowest_precise_level(precision_at, rule["min_precision"], levels) if rows \
        else levels[0]
    at = measured.get(level) or said_at(level)
    met = at["said"] >= rule["min_said"] and (exact_precision(at) or 0.0) >= rule[
        "min_precision"]
    return level, {**rule, "rows": rows, "met": bool(met), "val_precision": at["precision"],
                   "val_coverage": at["coverage"], "val_said": at["said"]}


def precision_at_prior(p_pos: np.ndarray, y: np.ndarray, threshold: float, prior: float
                       ) -> tuple[float | None, int]:
    """The precision of "``p_pos`` above ``threshold``" where a share ``prior`` of texts is
    positive (not the share in the held-out rows): prior·TPR / (prior·TPR + (1-prior)·FPR),
    from the rows' true- and false-positive rates; with how many positive rows pass
    (None when no row passes)."""
    above = p_pos > threshold
    hits = int((above & (y == 1)).sum())
    tpr = hits / max(1, int((y == 1).sum()))
    fpr = int((above & (y == 0)).sum()) / max(1, int((y == 0).sum()))
    if tpr + fpr == 0:
        return None, hits
    return prior * tpr / (prior * tpr + (1 - prior) * fpr), hits


#: Tasks whose label must be precise where echoscope is used, not F1-optimal on their
#: balanced data: the assumed share of positive texts there and the precision the label
#: must reach at it (:func:`precise_threshold`). SemEval-2018
#: irony data is about half ironic; at its F1 threshold the head called 71% of P-Stance
#: validation tweets that favour a politician ironic. TQ-TW is about 40% tu quoque; at
#: its F1 threshold the hypocrisy head labelled 42% of stance test tweets. OLID was sampled
#: to be a third offensive; at its F1 threshold the offensive head labelled 4.6% of PTC dev
#: news sentences offensive (about half of them only report violence or accuse), and its
#: labels on HateXplain were right 68% of the time where 60% of texts are offensive.
PRECISION_FIRST = {"irony": {"prior": 0.10, "min_precision": 0.70},
                   "hypocrisy": {"prior": 0.10, "min_precision": 0.70},
                   "offensive": {"prior": 0.10, "min_precision": 0.70}}


#: When a three-way tone label (sentiment) is sure enough to be shown as a post's badge:
#: its own probability above the threshold whose precision, were one text in four of that
#: tone, reaches 80% (the badges' audit target) on held-out rows (:func:`precise_threshold`,
#: one tone against the others). The argmax with class weights is tuned to find every tone
#: alike (macro recall), not to be right when it speaks: on TweetEval validation its
#: negative labels were right 56.6% of the time, and a hand audit found 72% of the badges
#: right. Chosen before the badges were audited again.
SURE_TONE = {"prior": 0.25, "min_precision": 0.80}

#: When a stance head says a side (FAVOR or AGAINST) about a target it was trained on: the
#: lowest probability at which the sides it says on held-out tweets that may take no side
#: (those of SemEval-2016 and the multi-target set; NONE among their labels) are right at
#: least ``min_precision`` % of the time (the badges' audit target, as :data:`SURE_TONE`),
#: with at least ``min_said`` sides said. The level that maximises macro-F1 over the three
#: labels (kept for the benchmark figure, F_avg) is a recall level: P-Stance, most of the
#: person rows, holds only tweets that take a side, and at that level (0.34) the head gave a
#: side to 98.9% of SemEval-2016 subtask B's tweets about Donald Trump, 41% of them right.
#: The rule was written after those figures were read; its level is chosen on validation
#: rows only, and subtask B (never trained on) is the check.
SIDE_RULE = {"min_precision": 80.0, "min_said": 20}

#: The label thresholds tried by :func:`precise_threshold`.
PRECISE_GRID = tuple(round(0.40 + 0.01 * i, 2) for i in range(60))


def precise_threshold(p_pos: np.ndarray, y: np.ndarray, *, prior: float,
                      min_precision: float, min_hits: int = 20) -> float:
    """The lowest threshold of :data:`PRECISE_GRID` whose precision at an assumed base
    rate ``prior`` (:func:`precision_at_prior`) reaches ``min_precision`` with at least
    ``min_hits`` positive rows above it; 1.0 (never labelled) when none does. For a label
    that is far commoner in its training data than where echoscope is used (irony,
    hypocrisy)."""
    for t in PRECISE_GRID:
        precision, hits = precision_at_prior(p_pos, y, t, prior)
        if hits < min_hits:
            break
        if precision is not None and precision >= min_precision:
            return t
    return 1.0


# -- official scoring ------------------------------------------------------------------
def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping (or touching) spans merged, sorted."""
    out: list[list[int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def si_scores(gold: dict[str, list[tuple[int, int]]],
              pred: dict[str, list[tuple[int, int]]]) -> dict[str, float]:
    """SemEval-2020 Task 11 SI: partial-overlap precision and recall, per span.

    With S the predicted and T the gold spans (overlapping spans merged, per article):
    P = (1/|S|) Σ_s Σ_t |s∩t|/|s|, R = (1/|T|) Σ_s Σ_t |s∩t|/|t|, F1 their harmonic mean.
    """
    p_sum = r_sum = 0.0
    n_pred = n_gold = 0
    for article in set(gold) | set(pred):
        g = merge_spans(gold.get(article, ()))
        s = merge_spans(pred.get(article, ()))
        n_pred += len(s)
        n_gold += len(g)
        for ps, pe in s:
            for gs, ge in g:
                overlap = min(pe, ge) - max(ps, gs)
                if overlap > 0:
                    p_sum += overlap / (pe - ps)
                    r_sum += overlap / (ge - gs)
    p = p_sum / n_pred if n_pred else 0.0
    r = r_sum / n_gold if n_gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f1": f1, "predicted_spans": n_pred, "gold_spans": n_gold}


def tc_micro_f1(gold: Sequence[tuple[str, str, int, int]],
                pred: Sequence[tuple[str, str, int, int]]) -> float:
    """SemEval-2020 Task 11 TC: micro-F1 over the gold spans ``(article, label, start,
    end)``. A span annotated with k techniques appears k times; its predictions count as
    right as far as the two label multisets agree."""
    g: dict[tuple, Counter] = {}
    p: dict[tuple, Counter] = {}
    for a, label, s, e in gold:
        g.setdefault((a, s, e), Counter())[label] += 1
    for a, label, s, e in pred:
        p.setdefault((a, s, e), Counter())[label] += 1
    correct = sum(sum((g[k] & p.get(k, Counter())).values()) for k in g)
    n_gold, n_pred = len(gold), len(pred)
    prec = correct / n_pred if n_pred else 0.0
    rec = correct / n_gold if n_gold else 0.0
    return 2 * prec * rec / (prec + rec) if prec + rec else 0.0


def micro_f1_sets(gold: dict[Any, set[str]], pred: dict[Any, set[str]]) -> dict[str, float]:
    """Micro-averaged P/R/F1 of multi-label predictions (SemEval-2023 Task 3 subtask 3)."""
    tp = sum(len(gold[k] & pred.get(k, set())) for k in gold)
    n_pred = sum(len(v) for v in pred.values())
    n_gold = sum(len(v) for v in gold.values())
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"p": p, "r": r, "micro_f1": 2 * p * r / (p + r) if p + r else 0.0}
