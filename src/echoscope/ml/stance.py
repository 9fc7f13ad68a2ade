"""Stance models: a target-masked generic classifier plus experts for targets seen in
training (``models/stance``; trained by ``echoscope train stance``).

Texts arrive with the target's names masked as ``TARGET`` (:mod:`echoscope.text.targets`;
:meth:`StanceModel.mask`), except for the topics its experts read with their names kept
(``topics.json``: "atheism" is the subject of a tweet, not a person to mask).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..doc import STANCE_LABELS as LABELS
from ..text.targets import MASK, mask_target, target_variants
from . import MODELS_DIR
from .textclf import TextClassifier

#: FAVOR and AGAINST closer than this read as no clear stance (NONE).
MIN_MARGIN = 0.1
DEFAULT_DIR = MODELS_DIR / "stance"
_TOKEN = re.compile(r"[#@]?\w+|[!?]")


@dataclass
class TargetContextClassifier(TextClassifier):
    """The generic stance model's classifier: hashed n-grams of the masked text plus what
    is said right next to the target — the words within ``window`` tokens of each TARGET,
    by side (``L_liar``, ``R1_resign``) — and VADER sentiment of the whole text and of the
    sentences that name the target. Text-wide n-grams learn who the training targets'
    friends and foes are; the context and sentiment features are what carries over to a
    person never seen in training (P-Stance, each target held out in turn: 55.2 → 61.0
    macro-F1)."""

    sentiment_weight: float = 2.0
    window_weight: float = 1.5
    window: int = 3
    window_features: int = 2**16

    @property
    def extra_dim(self) -> int:  # type: ignore[override]
        return 4 + self.window_features

    def extra_config(self) -> dict[str, Any]:
        return {"sentiment_weight": self.sentiment_weight, "window_weight": self.window_weight,
                "window": self.window, "window_features": self.window_features}

    def context(self, text: str) -> str:
        """The tokens around each TARGET, tagged by side and distance class."""
        tokens = _TOKEN.findall(text)
        out = []
        for j, tok in enumerate(tokens):
            if MASK not in tok:
                continue
            left = [t.lower() for t in tokens[max(0, j - self.window):j]]
            right = [t.lower() for t in tokens[j + 1:j + 1 + self.window]]
            out += [f"L_{t}" for t in left] + [f"R_{t}" for t in right]
            out += [f"L1_{left[-1]}"] if left else []
            out += [f"R1_{right[0]}"] if right else []
        return " ".join(out) or "NO_TARGET"

    def extra_features(self, texts: list[str]):
        import numpy as np
        from scipy.sparse import csr_matrix, hstack
        from sklearn.feature_extraction.text import HashingVectorizer

        from .vader import vader as load_vader

        vader = load_vader()
        dense = np.zeros((len(texts), 4), dtype=np.float32)
        for i, text in enumerate(texts):
            s = vader.polarity_scores(text)
            naming = [part for part in re.split(r"(?<=[.!?;])\s+", text) if MASK in part]
            near = [s["compound"] if part == text else vader.polarity_scores(part)["compound"]
                    for part in naming]  # a one-sentence text is scored once
            dense[i] = (s["compound"], s["pos"], s["neg"], sum(near) / len(near) if near else 0.0)
        hashed = HashingVectorizer(n_features=self.window_features, token_pattern=r"\S+",
                                   lowercase=False, alternate_sign=False, norm="l2",
                                   dtype=np.float32).transform([self.context(t) for t in texts])
        return hstack([csr_matrix(dense * self.sentiment_weight),
                       hashed * self.window_weight]).tocsr()


def load_classifier(folder: Path) -> TextClassifier:
    import json

    config = json.loads((folder / "model.json").read_text("utf-8"))
    return (TargetContextClassifier if "extra" in config else TextClassifier).load(folder)


def learned_none(expert: TextClassifier) -> bool:
    return set(expert.labels) == set(LABELS)


class StanceModel:
    """A generic, target-masked model plus experts for targets seen in training.

    ``predict_proba(texts, targets)`` returns FAVOR/AGAINST/NONE probabilities. For a known
    target an expert trained on all three labels decides alone; one trained on FAVOR and
    AGAINST only (P-Stance) splits those two and the generic model says how likely NONE is.
    """

    labels = LABELS

    def __init__(self, generic: TextClassifier, experts: dict[str, TextClassifier],
                 topics: frozenset[str] = frozenset()) -> None:
        self.generic = generic
        self.experts = experts
        #: The probability a side needs toward a target with no expert (a person never
        #: seen in training), chosen so that such sides are right as often as the experts'
        #: (``train_stance``); 0 where not measured.
        self.min_side_unseen = float(generic.meta.get("min_side_unseen", 0.0))
        #: The probability a side toward a target with an expert needs (chosen for
        #: precision on held-out tweets that may take no side, as the stance head's
        #: ``min_side``: ``train_stance``); 0 where not chosen (the likeliest label).
        self.min_side = float(generic.meta.get("min_side", 0.0))
        #: Targets (lower case) whose training texts kept their names: topics such as
        #: "atheism", where the word is the subject, not a person to mask.
        self.topics = topics

    def mask(self, text: str, target: str, aliases: list[str] | tuple[str, ...] = (),
             you: bool = False) -> str:
        """The text as this model reads it: the target's names (and ``aliases``) masked as
        ``TARGET`` — except for a topic it was trained on unmasked."""
        if target.lower() in self.topics:
            return text
        return mask_target(text, target_variants(target, aliases), you=you)

    def predict_proba(self, texts: list[str], targets: list[str]):
        import numpy as np

        base = self.generic.predict_proba(texts)
        order = [self.generic.labels.index(lab) for lab in LABELS]
        out = base[:, order].astype(np.float64)
        keys = [t.lower() for t in targets]
        for key, expert in self.experts.items():
            idx = [i for i, k in enumerate(keys) if k == key]
            if not idx:
                continue
            p = expert.predict_proba([texts[i] for i in idx])
            if learned_none(expert):  # trained on all three labels: it decides alone
                out[idx] = p[:, [expert.labels.index(lab) for lab in LABELS]]
                continue
            fav = p[:, expert.labels.index("FAVOR")] if "FAVOR" in expert.labels else 0
            ag = p[:, expert.labels.index("AGAINST")] if "AGAINST" in expert.labels else 0
            share = fav / np.maximum(fav + ag, 1e-9)
            none = out[idx, 2]
            out[idx, 0] = (1 - none) * share
            out[idx, 1] = (1 - none) * (1 - share)
            out[idx, 2] = none
        return out

    def decide(self, p, target: str, strict: bool = True, level: float | None = None) -> int:
        """Index of the label for ``p`` (from :meth:`predict_proba`) toward ``target``. Where
        an expert learned NONE itself, its most likely label; elsewhere NONE comes from the
        generic model, and a near tie between FAVOR and AGAINST also reads as NONE; so does a
        side below ``min_side`` (toward a target with no expert, when ``strict``, below
        ``min_side_unseen``). ``level``: that probability instead (0: the likeliest label,
        the benchmark's decision)."""
        expert = self.experts.get(target.lower())
        own_none = expert is not None and learned_none(expert)
        if level is None:
            level = max(self.min_side, self.min_side_unseen) if expert is None and strict \
                else self.min_side
        return decide(p, self.labels, margin=0.0 if own_none else MIN_MARGIN, min_side=level)

    def save(self, folder: str | Path, meta: dict[str, Any] | None = None) -> None:
        import json

        folder = Path(folder)
        self.generic.meta = {**(meta or {}), **({"min_side_unseen": self.min_side_unseen}
                                                if self.min_side_unseen else {}),
                             **({"min_side": self.min_side} if self.min_side else {})}
        self.generic.save(folder / "generic")
        for key, expert in self.experts.items():
            expert.save(folder / "experts" / re.sub(r"[^a-z0-9]+", "-", key))
        index = {key: re.sub(r"[^a-z0-9]+", "-", key) for key in self.experts}
        (folder / "experts.json").write_text(json.dumps(index, indent=2) + "\n", "utf-8")
        (folder / "topics.json").write_text(json.dumps(sorted(self.topics)) + "\n", "utf-8")

    @classmethod
    def load(cls, folder: str | Path) -> StanceModel:
        import json

        folder = Path(folder)
        index = json.loads((folder / "experts.json").read_text("utf-8"))
        experts = {key: load_classifier(folder / "experts" / slug)
                   for key, slug in index.items()}
        topics = folder / "topics.json"
        return cls(load_classifier(folder / "generic"), experts,
                   frozenset(json.loads(topics.read_text("utf-8"))) if topics.exists()
                   else frozenset())


def decide(p, labels: list[str] = LABELS, margin: float = MIN_MARGIN,
           min_side: float = 0.0) -> int:
    """Index of the label for probabilities ``p``: the most likely one, except that a near
    tie between FAVOR and AGAINST, or a side less probable than ``min_side``, is NONE (the
    text takes no clear side)."""
    i = int(p.argmax())
    fav, ag, none = labels.index("FAVOR"), labels.index("AGAINST"), labels.index("NONE")
    if i in (fav, ag) and (abs(float(p[fav]) - float(p[ag])) < margin
                           or float(p[i]) < min_side):
        return none
    return i


@lru_cache(maxsize=2)
def load_model(folder: str | None = None) -> StanceModel:
    """The stance model in ``folder`` (default: the shipped one), loaded once per process."""
    return StanceModel.load(Path(folder) if folder else DEFAULT_DIR)
