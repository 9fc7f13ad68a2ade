"""Persuasion techniques per paragraph (SemEval-2023 Task 3, English), at inference.

A paragraph is read through the sentence vectors the text heads' encoder already made for
its sentences (``models/encoder/text``: the passes ``classify`` and ``techniques`` share),
as their mean and their maximum, by one logistic regression per technique; that
probability is averaged with a linear n-gram model's (hashed word n-grams, TF-IDF, one
logistic regression per technique) and calibrated per technique (Platt scaling), all
fitted by ``echoscope train paragraphs`` (``models/encoder/paragraphs``, its model card).

A paragraph's sentences are the paragraph split on its own (``split_sentences`` over its
line), in training and in analysis alike.

Each technique is *labelled* only above its own threshold, chosen on held-out training
paragraphs so that its labels are right at least 70% of the time, and kept only if they
are on a second dataset too (:mod:`echoscope.train.paragraphs`); a technique no threshold
makes that precise is never labelled, only scored.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ModelError
from .encoder import ENCODER_DIR, load_artifact
from .textclf import TextClassifier

PARAGRAPH_DIR = ENCODER_DIR / "paragraphs"


def paragraph_features(pooled: Sequence[np.ndarray]) -> np.ndarray:
    """A paragraph's features from its sentences' pooled encoder states: their mean and
    their maximum, side by side (768 values)."""
    if not len(pooled):
        raise ValueError("a paragraph needs at least one sentence")
    states = np.stack([np.asarray(p, dtype=np.float32) for p in pooled])
    return np.concatenate([states.mean(axis=0), states.max(axis=0)])


def adapter_fingerprint(folder: str | Path) -> str:
    """sha256 of the text heads' adapters (the arrays the sentence vectors depend on)."""
    path = Path(folder) / "weights.npz"
    stamp = path.stat().st_mtime_ns if path.exists() else 0
    return _adapter_fingerprint(str(path), stamp)


@lru_cache(maxsize=4)
def _adapter_fingerprint(path: str, stamp: int) -> str:
    h = hashlib.sha256()
    try:
        with np.load(path) as arrays:
            for key in sorted(k for k in arrays.files if ".lora_" in k):
                value = np.ascontiguousarray(arrays[key])
                h.update(f"{key}:{value.dtype}:{value.shape}".encode() + value.tobytes())
    except (OSError, ValueError) as exc:
        raise ModelError(f"cannot read the text heads' adapters in {path}: {exc}",
                         code="E601") from None
    return h.hexdigest()


def logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


@dataclass
class ParagraphHead:
    """The fitted paragraph model: ``probs(features, texts)`` and the labels it gives."""

    folder: Path
    config: dict[str, Any]
    coef: np.ndarray  # (labels, 768)
    intercept: np.ndarray  # (labels,)
    platt: np.ndarray  # (labels, 2): slope and offset on the blended probability's logit
    linear: TextClassifier | None

    @classmethod
    def load(cls, folder: str | Path | None = None) -> ParagraphHead:
        """The paragraph model in ``folder`` (default: shipped), loaded once per process."""
        return _load(str(folder or PARAGRAPH_DIR))

    @property
    def labels(self) -> list[str]:
        return list(self.config["labels"])

    @property
    def version(self) -> str:
        return f"paragraphs-{self.config.get('trained_on', '?')}-{self.config['text_adapters'][:8]}"

    def check_text_heads(self, text_folder: str | Path) -> None:
        """A clear error when the sentence vectors would come from other adapters than
        those this model was fitted on."""
        if adapter_fingerprint(text_folder) != self.config["text_adapters"]:
            raise ModelError(f"{self.folder} was fitted on the sentence vectors of other text "
                             f"heads than those in {text_folder}; retrain it (echoscope train "
                             "paragraphs)", code="E602")

    def probs(self, features: np.ndarray, texts: Sequence[str]) -> np.ndarray:
        """Calibrated P(technique) for each paragraph, shape (paragraphs, labels)."""
        if not len(texts):
            return np.zeros((0, len(self.labels)))
        p = sigmoid(np.asarray(features, dtype=np.float64) @ self.coef.T + self.intercept)
        share = float(self.config["linear_share"])
        if share > 0:
            if self.linear is None:
                raise ModelError(f"{self.folder} averages a linear model (share {share}) "
                                 "that is not beside it; retrain it (echoscope train "
                                 "paragraphs)", code="E602")
            p = (1 - share) * p + share * self.linear.predict_proba(list(texts))
        return sigmoid(self.platt[:, 0] * logit(p) + self.platt[:, 1])

    def labelled(self, p: np.ndarray) -> list[str]:
        """The techniques one paragraph's probabilities ``p`` are labelled with: those above
        their own precise threshold (a technique with none is never labelled)."""
        return [lab for lab, v, t in zip(self.labels, p, self.config["label_thresholds"],
                                         strict=True) if t is not None and v > t]


@lru_cache(maxsize=2)
def _load(folder: str) -> ParagraphHead:
    path = Path(folder)
    config, arrays = load_artifact(path)
    try:
        linear = TextClassifier.load(path / config["linear_model"]) \
            if config.get("linear_model") else None
        return ParagraphHead(path, config, arrays["coef"].astype(np.float64),
                             arrays["intercept"].astype(np.float64),
                             arrays["platt"].astype(np.float64), linear)
    except (KeyError, OSError, ValueError) as exc:
        raise ModelError(f"cannot read the paragraph model in {folder}: {exc}",
                         code="E601") from None
