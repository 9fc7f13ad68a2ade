"""Offensive language, irony and hypocrisy, from the shipped classifiers (``echoscope train``).

Each post and each prose sentence gets ``offensive``, ``irony`` and ``hypocrisy``: the
probability of the positive class, plus ``<task>_label`` (probability above 0.5). The
n-gram counts are computed once and shared by the three models. Models load once per
process, lazily.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from ..config import Setting
from ..doc import Doc, TextScores
from ..ml import MODELS_DIR
from ..ml.textclf import load_cached, predict_many
from .base import Analyzer
from .common import scored_texts

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

    def __init__(self, config: Mapping[str, Any] | None = None) -> None:
        super().__init__(config)
        #: Probabilities per task of the texts of the documents being analysed together.
        self._prepared: dict[str, dict[str, float]] = {}

    def _probabilities(self, texts: list[str]) -> dict[str, np.ndarray]:
        """P(positive class) per task for ``texts``; each text's value depends on that
        text alone. The n-gram counts are computed once per feature setting."""
        models = self._models()
        return {task: p[:, 1] for task, p in predict_many(models, texts).items()}

    def _models(self) -> dict[str, Any]:
        models_dir = Path(self.config["models_dir"] or MODELS_DIR)
        return {task: load_cached(str(models_dir / task)) for task in self.config["tasks"]}

    def prepare(self, docs: list[Doc]) -> None:
        """The classifiers over the texts of all ``docs`` at once (fewer, larger array
        operations; the same values as one document at a time)."""
        texts = list(dict.fromkeys(t for doc in docs for t in scored_texts(doc)[1]))
        probs = self._probabilities(texts) if texts else {}
        self._prepared = {t: {task: float(p[i]) for task, p in probs.items()}
                          for i, t in enumerate(texts)}

    def __call__(self, doc: Doc) -> Doc:
        posts, texts = scored_texts(doc)
        if not texts:
            return doc
        targets: list[TextScores] = [p.scores for p in posts] + [s.scores for s in doc.sentences]
        if all(t in self._prepared for t in texts):
            probs = {task: [self._prepared[t][task] for t in texts]
                     for task in self.config["tasks"]}
        else:
            probs = {task: [float(v) for v in p]
                     for task, p in self._probabilities(texts).items()}
        models = self._models()
        for task, proba in probs.items():
            # Labels mark the more likely class (p > 0.5), or for a label rare in use
            # (offensive, irony, hypocrisy) the model's precise threshold. The threshold
            # tuned for F1 (in the model card) favours recall and would label most posts
            # ironic.
            cut = models[task].label_threshold
            cut = 0.5 if cut is None else cut
            for scores, p in zip(targets, proba, strict=True):
                setattr(scores, task, round(p, 4))
                setattr(scores, f"{task}_label", bool(p > cut))
        return doc
