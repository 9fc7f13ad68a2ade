"""The offensive, irony and hypocrisy classifiers: ``echoscope train <task>`` and
``echoscope eval social``.

Each task reads its official splits from ``../shared/data`` (or ``--data``). Model choice
(the regularisation strength) and the decision threshold are tuned by 5-fold
cross-validation on train+validation only; the final model is fitted on train+validation
and scored once on the official test split. The artifact and a model card go to
``src/echoscope/models/<task>/``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ConfigError
from ..ml import MODELS_DIR
from ..ml.textclf import TextClassifier
from .datasets import Split, data_root, tqtw, tweeteval
from .linear import fit_used_columns
from .metrics import PRECISION_FIRST, precise_threshold, score, score_ci


@dataclass(frozen=True)
class Task:
    name: str
    labels: list[str]
    metric: str  # macro_f1 | f1_pos | f_avg (mean F1 of FAVOR and AGAINST)
    load: Callable[[Path], dict[str, Split]]
    data: str
    licence: str
    baselines: dict[str, float]
    description: str


TASKS: dict[str, Task] = {
    "offensive": Task(
        "offensive", ["not-offensive", "offensive"], "macro_f1",
        tweeteval("offensive", ["not-offensive", "offensive"]),
        "TweetEval offensive (OLID, OffensEval 2019): 11,916 train / 1,324 val / 860 test tweets",
        "TweetEval: released without restrictions; X/Twitter terms apply to the tweets",
        {"TimeLMs": 82.2, "RoBERTa-base": 79.5, "FastText": 73.4, "SVM": 52.3,
         "TF-IDF+LR (measured in shared/data README)": 73.9},
        "Probability that a post uses offensive language (insults, profanity, threats).",
    ),
    "irony": Task(
        "irony", ["not-irony", "irony"], "f1_pos",
        tweeteval("irony", ["not-irony", "irony"]),
        "TweetEval irony (SemEval-2018 Task 3A): 2,862 train / 955 val / 784 test tweets",
        "CC BY-NC-SA 4.0 (SemEval-2018 Task 3): non-commercial use, share alike",
        {"RoBERTa-retrained": 61.7, "RoBERTa-base": 59.7,
         "TF-IDF+LR (measured in shared/data README)": 60.1},
        "Probability that a post is ironic or sarcastic.",
    ),
    "hypocrisy": Task(
        "hypocrisy", ["none", "hypocrisy"], "f1_pos", tqtw,
        "TQ-TW tu-quoque / whataboutism tweets (official splits: 1,204 tweets) plus the "
        "Whataboutism and Appeal_to_Hypocrisy spans of SemEval-2023 Task 3 English train",
        "TQ-TW: MIT; SemEval-2023 Task 3: research use, no licence stated (weights only)",
        {"TF-IDF+LR (TQ-TW paper)": 59.5},
        "Probability that a sentence or post accuses someone of hypocrisy or deflects with "
        "'what about ...' (tu quoque).",
    ),
}


def _predict(proba: np.ndarray, labels: list[str], threshold: float | None) -> list[str]:
    if threshold is not None:
        return [labels[int(p > threshold)] for p in proba[:, 1]]
    return [labels[i] for i in proba.argmax(axis=1)]


# -- training --------------------------------------------------------------------------
#: The regularisation strengths C cross-validation chooses from.
GRID = (0.5, 1.0, 2.0, 4.0)


def train_task(name: str, data_dir: str | Path, out_dir: str | Path | None = None, *,
               limit: int | None = None, seed: int = 0, grid: tuple[float, ...] = GRID,
               log: Callable[[str], None] = lambda s: None) -> dict[str, Any]:
    """Train one task; returns its metrics. ``limit`` trains on a slice (for CI)."""
    task = _task(name)
    root = data_root(data_dir)
    splits = task.load(root)
    texts = splits["train"][0] + splits["val"][0]
    gold = splits["train"][1] + splits["val"][1]
    if limit:
        rng = np.random.default_rng(seed)
        keep = np.sort(rng.choice(len(texts), size=min(limit, len(texts)), replace=False))
        texts, gold = [texts[i] for i in keep], [gold[i] for i in keep]
    started = time.perf_counter()
    clf, cv_score, c = fit_linear(task, texts, gold, seed=seed, grid=grid, log=log)
    threshold = clf.threshold

    test_texts, test_gold = splits["test"]
    folder = Path(out_dir) if out_dir else MODELS_DIR / name
    if out_dir is not False:
        clf.save(folder)
        clf = TextClassifier.load(folder)  # score the artifact exactly as shipped
    test_pred = clf.predict(test_texts)
    test = score(task.metric, test_gold, test_pred, task.labels)
    metrics = {
        "task": name, "metric": task.metric, "test": round(test, 1),
        "test_ci95": score_ci(task.metric, test_gold, test_pred, task.labels),
        "cv_train_val": round(cv_score, 1), "C": c, "threshold": threshold,
        "train_examples": len(texts), "test_examples": len(test_texts),
        "seconds": round(time.perf_counter() - started, 1), "limit": limit,
        "trained_on": date.today().isoformat(),
    }
    if clf.label_threshold is not None:  # the labels analyzers give, on the same test rows
        positive = task.labels[1]
        said = clf.predict_proba(test_texts)[:, 1] > clf.label_threshold
        right = int(sum(s and g == positive for s, g in zip(said, test_gold, strict=True)))
        metrics.update({"label_threshold": clf.label_threshold,
                        "test_label_precision": round(100 * right / int(said.sum()), 1)
                        if said.any() else None,
                        "test_label_recall": round(100 * right / max(1, test_gold.count(positive)),
                                                   1)})
    clf.meta = {"metrics": metrics, "data": task.data, "licence": task.licence}
    if out_dir is not False:
        clf.save(folder)
        (folder / "MODEL_CARD.md").write_text(model_card(task, metrics), "utf-8")
    return metrics


def fit_linear(task: Task, texts: list[str], gold: list[str], *, seed: int = 0,
               grid: tuple[float, ...] = GRID,
               log: Callable[[str], None] = lambda s: None
               ) -> tuple[TextClassifier, float, float]:
    """The task's linear model fitted on ``texts``: regularisation C (from ``grid``) and,
    for binary tasks, the decision threshold chosen by 5-fold cross-validation on them
    (fewer folds when the rarest label has fewer than five rows);
    then fitted on all of them. Returns it, its cross-validated metric and C."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    clf = TextClassifier(labels=task.labels)
    counts = clf.counts(texts)
    clf.fit_idf(counts)
    x = clf.features(texts, counts)
    y = np.array([task.labels.index(g) for g in gold])
    binary = len(task.labels) == 2
    # Five folds, or as many as the rarest label has rows (a slice of a three-label task).
    rarest = int(np.bincount(y)[np.unique(y)].min())
    folds = StratifiedKFold(min(5, max(2, rarest)), shuffle=True, random_state=seed)

    best: tuple[float, float, float | None] = (-1.0, 0.0, None)  # (cv score, C, threshold)
    oof_of: dict[float, np.ndarray] = {}
    for c in grid:
        oof = oof_of[c] = np.zeros((len(y), len(task.labels)))
        for tr, va in folds.split(x, y):
            model = fit_used_columns(
                LogisticRegression(C=c, max_iter=3000, class_weight="balanced"), x[tr], y[tr])
            oof[va] = model.predict_proba(x[va])
        thresholds = [None] if not binary else [float(t) for t in np.linspace(0.2, 0.8, 31)]
        for th in thresholds:
            cv = score(task.metric, gold, _predict(oof, task.labels, th), task.labels)
            if cv > best[0]:
                best = (cv, c, th)
        log(f"{task.name}: C={c} best cross-validated {task.metric} so far {best[0]:.1f}")
    cv_score, c, threshold = best
    model = fit_used_columns(LogisticRegression(C=c, max_iter=3000, class_weight="balanced"),
                             x, y)
    clf.coef = model.coef_.astype(np.float32)
    clf.intercept = model.intercept_.astype(np.float32)
    clf.threshold = round(threshold, 2) if threshold is not None else None
    rule = PRECISION_FIRST.get(task.name)
    if rule and binary:  # labels where the positive class is rare: precise, not F1's
        clf.label_threshold = precise_threshold(oof_of[c][:, 1], y, prior=rule["prior"],
                                                min_precision=rule["min_precision"])
        log(f"{task.name}: label threshold {clf.label_threshold} (F1 threshold "
            f"{clf.threshold}, cross-validated)")
    return clf, cv_score, c


def _slice(m: dict[str, Any]) -> str:
    return f" on a slice of {m['limit']} examples" if m["limit"] else ""


def _label_rule(m: dict[str, Any]) -> str:
    """The card's words on a label analyzers give only above a precise threshold."""
    if m.get("label_threshold") is None:
        return ""
    rule = PRECISION_FIRST[m["task"]]
    said = ("none of the test rows passes it" if m.get("test_label_precision") is None else
            f"on test its labels have precision {m['test_label_precision']}% and recall "
            f"{m['test_label_recall']}%")
    return (f"- **Labels in analysis**: only above {m['label_threshold']}, the lowest "
            f"threshold whose cross-validated precision, were {100 * rule['prior']:g}% of "
            f"texts positive, reaches {100 * rule['min_precision']:g}% (the data holds far "
            f"more positives than ordinary posts do); {said}.\n")


def model_card(task: Task, m: dict[str, Any]) -> str:
    rows = "\n".join(f"| {k} | {v} |" for k, v in sorted(task.baselines.items(),
                                                         key=lambda kv: -kv[1]))
    ahead = [k for k, v in task.baselines.items() if v > m["test"]]
    return f"""# Model card: `{task.name}`

{task.description}

- **Model**: logistic regression over hashed word 1–2-grams and character 2–5-grams
  (TF-IDF, sublinear tf), {TextClassifier(labels=task.labels).n_features:,} hashed features,
  class-balanced; weights stored as float16 arrays (no pickle); the test score is that of
  the stored artifact. Runs on CPU, offline.
- **Data**: {task.data}.
- **Training**: `echoscope train {task.name}` — regularisation C and the decision threshold
  chosen by 5-fold cross-validation on train+validation (C = {m['C']}, threshold =
  {m['threshold']}); final fit on train+validation ({m['train_examples']:,} examples).
- **Evaluation**: official test split ({m['test_examples']:,} examples), scored once.
- **Metric**: `{m['metric']}` — **{m['test']}** on test (95% bootstrap interval
  {m['test_ci95'][0]}–{m['test_ci95'][1]}; cross-validated on train+val: {m['cv_train_val']}).
- **Licence of the data, which this artifact inherits**: {task.licence}.
{_label_rule(m)}- **Trained**: {m['trained_on']}{_slice(m)}.

## Published results on the same test split

| system | {m['metric']} |
|---|---|
{rows}
| **echoscope `{task.name}`** | **{m['test']}** |

Behind: {', '.join(ahead) if ahead else 'none of the listed systems'}; results inside the
interval above ({m['test_ci95'][0]}–{m['test_ci95'][1]}) are not reliably better or worse
on a test set of this size. The transformer models
ahead of us need a GPU-class budget and a model hub; this model trades their last points
for speed (thousands of posts per second on one core) and an offline, dependency-light
install.

## Limits
Trained on English tweets from 2009–2019; expect lower accuracy on other platforms,
languages and years. Scores are probabilities from a linear model, not calibrated for
decisions about individuals.
"""


def _task(name: str) -> Task:
    if name not in TASKS:
        raise ConfigError(f"unknown task {name!r}; known: {', '.join(sorted(TASKS))}", code="E106")
    return TASKS[name]


# -- evaluation ------------------------------------------------------------------------
def evaluate_social(data_dir: str | Path, models_dir: str | Path | None = None
                    ) -> dict[str, dict[str, Any]]:
    """Our metric on each official test split beside the published baselines (0–100):
    offensive and irony (TweetEval), stance (P-Stance, SemEval-2016 Task 6) and VADER on
    TweetEval sentiment."""
    root = data_root(data_dir)
    base = Path(models_dir) if models_dir else MODELS_DIR
    out = {}
    for name, task in TASKS.items():
        if not (base / name / "model.json").exists():
            continue
        clf = TextClassifier.load(base / name)
        texts, gold = task.load(root)["test"]
        pred = clf.predict(texts)
        value = score(task.metric, gold, pred, task.labels)
        out[name] = {"metric": task.metric, "value": round(value, 1),
                     "ci95": score_ci(task.metric, gold, pred, task.labels),
                     "baselines": dict(task.baselines)}
    if (base / "stance" / "experts.json").exists():
        from ..ml.stance import StanceModel
        from .datasets import load_stance
        from .stance import PSTANCE_TARGETS, STANCE_BASELINES, evaluate_stance

        m = evaluate_stance(StanceModel.load(base / "stance"), load_stance(root))
        out["stance_pstance"] = {"metric": "macro_f1_favor_against_mean_of_3_targets",
                                 "value": m["pstance_mean"], "ci95": m["pstance_mean_ci95"],
                                 "per_target": {k: m[f"pstance_{k}"] for k in PSTANCE_TARGETS},
                                 "baselines": STANCE_BASELINES["pstance_mean"]}
        out["stance_semeval2016"] = {"metric": "f_avg", "value": m["semeval_f_avg"],
                                     "ci95": m["semeval_f_avg_ci95"],
                                     "baselines": STANCE_BASELINES["semeval_f_avg"]}
    out["sentiment_vader"] = evaluate_vader(root)
    return out


def evaluate_vader(root: Path) -> dict[str, Any]:
    """VADER (the shipped sentiment scorer) on the TweetEval sentiment test split."""
    from ..ml.vader import sentiment

    folder = root / "social" / "tweeteval" / "datasets" / "sentiment"
    texts = (folder / "test_text.txt").read_text("utf-8").splitlines()
    names = ["negative", "neutral", "positive"]
    gold = [names[int(y)] for y in (folder / "test_labels.txt").read_text("utf-8").split()]
    pred = [sentiment(t)[1] for t in texts]
    value = score("macro_recall", gold, pred, names)
    return {"metric": "macro_recall", "value": round(value, 1),
            "ci95": score_ci("macro_recall", gold, pred, names),
            "baselines": {"TimeLMs": 73.7, "RoBERTa-base": 71.3, "SVM": 62.9}}
