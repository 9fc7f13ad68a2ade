"""Offensive language, irony and hypocrisy, from the shipped classifiers (``echoscope train``).

Each post and each prose sentence gets ``offensive``, ``irony`` and ``hypocrisy``: the
probability of the positive class, plus ``<task>_label`` (probability above 0.5). The
n-gram counts are computed once and shared by the three models. Models load once per
process, lazily.
"""

from __future__ import annotations

from pathlib import Path

from ..config import Setting
from ..doc import Doc, TextScores
from ..ml import MODELS_DIR
from ..ml.textclf import load_cached
from .base import Analyzer

TASKS = ("offensive", "irony", "hypocrisy")


class SocialScorer(Analyzer):
    """Analyzer: offensive, irony and hypocrisy probabilities for posts and prose sentences."""

    name = "social"
    requires = ("posts", "sentences")
    assigns = tuple(f"{layer}.scores.{task}{suffix}" for layer in ("posts", "sentences")
                    for task in TASKS for suffix in ("", "_label"))
    settings = {
        "tasks": Setting(list(TASKS), "Which of the shipped classifiers to run.", choices=TASKS),
        "models_dir": Setting("", "Folder holding a model folder per task (default: the shipped "
                              "models)."),
    }

    def __call__(self, doc: Doc) -> Doc:
        posts = [p for p in doc.posts if p.text.strip()]
        texts = [p.text for p in posts] + [doc.text[s.start:s.end] for s in doc.sentences]
        if not texts:
            return doc
        targets: list[TextScores] = [p.scores for p in posts] + [s.scores for s in doc.sentences]
        models_dir = Path(self.config["models_dir"] or MODELS_DIR)
        shared: dict[tuple, object] = {}  # n-gram counts, computed once per feature setting
        for task in self.config["tasks"]:
            model = load_cached(str(models_dir / task))
            if model.feature_key not in shared:
                shared[model.feature_key] = model.counts(texts)
            proba = model.predict_proba(texts, counts=shared[model.feature_key])[:, 1]
            # Labels mark the more likely class (p > 0.5). The evaluation threshold tuned for
            # F1 (in the model card) favours recall and would label most news posts ironic.
            threshold = 0.5
            for scores, p in zip(targets, proba, strict=True):
                setattr(scores, task, round(float(p), 4))
                setattr(scores, f"{task}_label", bool(p > threshold))
        return doc
