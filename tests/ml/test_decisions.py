"""Decision rules chosen on validation data: class weights for the three-way sentiment head."""

from __future__ import annotations

import numpy as np

from echoscope.train.metrics import score
from echoscope.train.text_heads import TASKS, _decide, choose_class_weights


def _skewed(n: int = 600, seed: int = 0) -> tuple[np.ndarray, list[str]]:
    """Probabilities from a model that leans to 'neutral': the middle class wins too often."""
    rng = np.random.default_rng(seed)
    gold = rng.choice(3, size=n, p=[0.3, 0.4, 0.3])
    logits = rng.normal(0, 1, (n, 3))
    logits[np.arange(n), gold] += 1.5
    logits[:, 1] += 1.2  # the lean
    p = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    labels = TASKS["sentiment"].labels
    return p, [labels[g] for g in gold]


def test_class_weights_chosen_on_one_sample_help_on_another():
    task = TASKS["sentiment"]
    val_p, val_gold = _skewed(seed=0)
    weights = choose_class_weights(task, val_p, val_gold)
    assert weights is not None and weights[0] == 1.0
    assert weights[1] < 1.0  # the leaning class is weighed down
    test_p, test_gold = _skewed(seed=1)
    plain = score(task.metric, test_gold, _decide(task, test_p, None), task.labels)
    tuned = score(task.metric, test_gold, _decide(task, test_p, None, weights), task.labels)
    assert tuned > plain + 2  # macro-recall, 0-100


def test_no_weights_when_argmax_is_already_best():
    task = TASKS["sentiment"]
    labels = task.labels
    p = np.eye(3)[[0, 1, 2] * 20] * 0.9 + 0.1 / 3
    assert choose_class_weights(task, p, [labels[i] for i in [0, 1, 2] * 20]) is None


def test_the_shipped_heads_decide_with_their_class_weights():
    from echoscope.ml.heads import TextHeads

    heads = TextHeads.load()
    weights = heads.class_weights["sentiment"]
    p = np.array([0.34, 0.33, 0.33])
    expected = heads.labels["sentiment"][int(np.argmax(p * (weights if weights is not None
                                                            else 1.0)))]
    assert heads.decide("sentiment", p) == expected
    for task in ("offensive", "irony", "hypocrisy"):
        assert heads.class_weights[task] is None  # binary tasks use their threshold
