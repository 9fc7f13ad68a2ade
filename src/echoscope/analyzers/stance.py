"""Stance of each post, and of the article, toward each person it concerns.

The model (``models/stance``) reads text in which every mention of the target is replaced
by ``TARGET`` ("lock TARGET up", "#TARGET2020"), so what it learns about one politician
carries over to people it never saw in training. For targets seen in training it also has
target-specific features.

A post concerns the people it mentions, and the article's main subject when the article
quotes it as a reaction: the person the article's own prose names most. In such a post,
"you"/"your" addresses that subject ("Honey, you are being toxic") and is masked too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..doc import Doc, Entity
from ..textclf import TextClassifier

LABELS = ["FAVOR", "AGAINST", "NONE"]
MASK = "TARGET"
_YOU = re.compile(r"\b(?:you|your|yours|yourself|u|ur)\b", re.IGNORECASE)


def target_variants(name: str, aliases: list[str] | tuple[str, ...] = ()) -> list[str]:
    """Strings that name a target: the name, its parts (4+ letters), squashed forms, aliases."""
    parts = name.split()
    out = {name, "".join(parts)}
    if len(parts) >= 2:
        out.update(p for p in (parts[-1], parts[0]) if len(p) >= 4)
    for alias in aliases:
        a = alias.lstrip("#@")
        out.add(a)
        out.add(re.sub(r"[\W_]+", "", a))
    return sorted((v for v in out if len(v) >= 3), key=len, reverse=True)


def mask_target(text: str, variants: list[str], you: bool = False) -> str:
    """Replace every occurrence of a target's names (also inside hashtags/handles) by TARGET."""
    if variants:
        pattern = "|".join(re.escape(v) for v in variants)
        # At a word start, or at a camel-case boundary inside a hashtag (#DumpBiden).
        text = re.sub(rf"(?:(?<![A-Za-z])|(?<=[a-z])(?=[A-Z]))(?i:(?:real)?(?:{pattern}))",
                      MASK, text)
    if you:
        text = _YOU.sub(MASK, text)
    return text


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

        from .sentiment import _analyzer

        vader = _analyzer()
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


def _learned_none(expert: TextClassifier) -> bool:
    return set(expert.labels) == set(LABELS)


class StanceModel:
    """A generic, target-masked model plus experts for targets seen in training.

    ``predict_proba(texts, targets)`` returns FAVOR/AGAINST/NONE probabilities. For a known
    target an expert trained on all three labels decides alone; one trained on FAVOR and
    AGAINST only (P-Stance) splits those two and the generic model says how likely NONE is.
    """

    labels = LABELS

    def __init__(self, generic: TextClassifier, experts: dict[str, TextClassifier]) -> None:
        self.generic = generic
        self.experts = experts

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
            if _learned_none(expert):  # trained on all three labels: it decides alone
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

    def decide(self, p, target: str) -> int:
        """Index of the label for ``p`` (from :meth:`predict_proba`) toward ``target``. Where
        an expert learned NONE itself, its most likely label; elsewhere NONE comes from the
        generic model, and a near tie between FAVOR and AGAINST also reads as NONE."""
        expert = self.experts.get(target.lower())
        learned_none = expert is not None and _learned_none(expert)
        return decide(p, self.labels, margin=0.0 if learned_none else MIN_MARGIN)

    def save(self, folder: str | Path, meta: dict[str, Any] | None = None) -> None:
        import json

        folder = Path(folder)
        self.generic.meta = meta or {}
        self.generic.save(folder / "generic")
        for key, expert in self.experts.items():
            expert.save(folder / "experts" / re.sub(r"[^a-z0-9]+", "-", key))
        index = {key: re.sub(r"[^a-z0-9]+", "-", key) for key in self.experts}
        (folder / "experts.json").write_text(json.dumps(index, indent=2) + "\n", "utf-8")

    @classmethod
    def load(cls, folder: str | Path) -> StanceModel:
        import json

        folder = Path(folder)
        index = json.loads((folder / "experts.json").read_text("utf-8"))
        experts = {key: load_classifier(folder / "experts" / slug)
                   for key, slug in index.items()}
        return cls(load_classifier(folder / "generic"), experts)


@lru_cache(maxsize=2)
def load_model(folder: str) -> StanceModel:
    return StanceModel.load(Path(folder))


def default_model_dir() -> str:
    return str(Path(__file__).resolve().parent.parent / "models" / "stance")


class StanceDetector:
    """Analyzer: ``post.stance`` and ``doc.scores["stance"]`` toward person entities."""

    name = "stance"
    requires = ("text", "posts", "entities", "sentences")
    assigns = ("stance",)

    def __init__(self, config: dict[str, Any] | None = None) -> None:
        config = config or {}
        self.model_dir = config.get("model_dir") or default_model_dir()
        self.types = tuple(config.get("target_types", ["person"]))

    def __call__(self, doc: Doc) -> Doc:
        targets = [e for e in doc.entities if e.type in self.types]
        if not targets:
            return doc
        model = load_model(self.model_dir)
        subject = main_subject(doc, targets)
        jobs: list[tuple[int | None, Entity, str]] = []  # (post index or None, target, text)
        for i, post in enumerate(doc.posts):
            if not post.text.strip():
                continue
            named = {e.id for e in targets for m in e.mentions if m.post == i}
            for e in targets:
                if _is_author(post, e):
                    continue  # an author's own post is not a reaction to them
                implied = subject is not None and e.id == subject.id and e.id not in named
                if e.id in named or implied:
                    masked = mask_target(post.text, target_variants(e.name, e.aliases),
                                         you=implied)
                    jobs.append((i, e, masked))
        by_id = {e.id: e for e in targets}
        for eid, sentences in _prose_sentences_by_target(doc, targets).items():
            e = by_id[eid]
            for sent in sentences:
                jobs.append((None, e, mask_target(sent, target_variants(e.name, e.aliases))))
        if not jobs:
            return doc
        proba = model.predict_proba([t for _, _, t in jobs], [e.name for _, e, _ in jobs])
        article: dict[str, list] = {}
        for (post, e, _), p in zip(jobs, proba, strict=True):
            if post is None:
                article.setdefault(e.id, [e, []])[1].append(p)
                continue
            doc.posts[post].stance.append(_result(e, p, model))
        doc.scores["stance"] = [
            _result(e, sum(ps) / len(ps), model) for e, ps in article.values()
        ]
        return doc


def _is_author(post: Any, e: Entity) -> bool:
    handle = f"@{post.handle}".lower() if post.handle else None
    return (handle is not None and handle in {a.lower() for a in e.aliases}) or (
        post.display_name is not None and post.display_name.lower() == e.name.lower())


#: FAVOR and AGAINST closer than this read as no clear stance (NONE).
MIN_MARGIN = 0.1


def decide(p, labels: list[str] = LABELS, margin: float = MIN_MARGIN) -> int:
    """Index of the label for probabilities ``p``: the most likely one, except that a near
    tie between FAVOR and AGAINST is NONE (the text takes no clear side)."""
    i = int(p.argmax())
    fav, ag, none = labels.index("FAVOR"), labels.index("AGAINST"), labels.index("NONE")
    if i in (fav, ag) and abs(float(p[fav]) - float(p[ag])) < margin:
        return none
    return i


def _result(e: Entity, p, model: StanceModel) -> dict[str, Any]:
    i, labels = model.decide(p, e.name), model.labels
    return {"target": e.name, "target_id": e.id, "label": labels[i], "score": round(float(p[i]), 4),
            "probs": {lab: round(float(v), 4) for lab, v in zip(labels, p, strict=True)}}


def main_subject(doc: Doc, targets: list[Entity]) -> Entity | None:
    """The article's subject: the first person its opening (first 400 characters of prose)
    names, unless another is named more than twice as often; failing that, the person the
    prose names most (at least twice)."""
    def prose(e: Entity) -> list[int]:
        return [m.start for m in e.mentions if m.post is None]

    first_post = min((p.start for p in doc.posts), default=len(doc.text))
    opening = min(400, first_post)
    lead = sorted((e for e in targets if any(pos < opening for pos in prose(e))),
                  key=lambda e: min(prose(e)))
    if lead:
        # News ledes name their subject first; another person takes over only when the
        # prose names them more than twice as often.
        first = lead[0]
        rival = max(lead, key=lambda e: len(prose(e)))
        return rival if len(prose(rival)) > 2 * len(prose(first)) else first
    pool = [e for e in targets if len(prose(e)) >= 2]
    return max(pool, key=lambda e: len(prose(e))) if pool else None


def _prose_sentences_by_target(doc: Doc, targets: list[Entity]) -> dict[str, list[str]]:
    """Prose sentences (the ``sentences`` layer) that mention each target, by id."""
    out: dict[str, list[str]] = {}
    for sent in doc.scores.get("sentences", []):
        start, end = sent["start"], sent["end"]
        for e in targets:
            if any(start <= m.start < end for m in e.mentions):
                out.setdefault(e.id, []).append(doc.text[start:end])
    return out
