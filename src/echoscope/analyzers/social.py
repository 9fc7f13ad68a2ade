"""Offensive language, irony and hypocrisy, from the shipped classifiers (``echoscope train``).

Each post and each prose sentence gets ``offensive``, ``irony`` and ``hypocrisy``: the
probability of the positive class, plus ``<task>_label`` (probability above 0.5). The
n-gram counts are computed once and shared by the three models. Models load once per
process, lazily.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..doc import Doc
from ..ml import MODELS_DIR
from ..ml.textclf import load_cached


class SocialScorer:
    """Analyzer: offensive and irony probabilities for posts and prose sentences."""

    name = "social"
    requires = ("posts", "sentences")
    assigns = ("offensive", "irony", "hypocrisy_scores")

    def __init__(self, config: dict[str, Any] | None = None) -> None:
        config = config or {}
        self.tasks = list(config.get("tasks", ["offensive", "irony", "hypocrisy"]))
        self.models_dir = Path(config.get("models_dir") or MODELS_DIR)

    def __call__(self, doc: Doc) -> Doc:
        posts = [p for p in doc.posts if p.text.strip()]
        sentences = doc.scores.get("sentences", [])
        texts = [p.text for p in posts] + [doc.text[s["start"]:s["end"]] for s in sentences]
        if not texts:
            return doc
        targets = [p.scores for p in posts] + sentences
        shared: dict[tuple, object] = {}  # n-gram counts, computed once per feature setting
        for task in self.tasks:
            model = load_cached(str(self.models_dir / task))
            if model.feature_key not in shared:
                shared[model.feature_key] = model.counts(texts)
            proba = model.predict_proba(texts, counts=shared[model.feature_key])[:, 1]
            # Labels mark the more likely class (p > 0.5). The evaluation threshold tuned for
            # F1 (in the model card) favours recall and would label most news posts ironic.
            threshold = 0.5
            for scores, p in zip(targets, proba, strict=True):
                scores[task] = round(float(p), 4)
                scores[f"{task}_label"] = bool(p > threshold)
        return doc
