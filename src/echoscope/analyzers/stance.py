"""Stance of each post, and of the article, toward each person it concerns.

The model (:mod:`echoscope.ml.stance`) reads text in which every mention of the target is
replaced by ``TARGET`` ("lock TARGET up", "#TARGET2020"), so what it learns about one
politician carries over to people it never saw in training.

A post concerns the people it mentions, and the article's main subject when the article
quotes it as a reaction: the person the article's own prose names most. In such a post,
"you"/"your" addresses that subject ("Honey, you are being toxic") and is masked too.
"""

from __future__ import annotations

from typing import Any

from ..config import Setting
from ..doc import Doc, Entity, Stance
from ..ml.stance import StanceModel, load_model
from ..text.targets import mask_target, target_variants
from .base import Analyzer
from .common import is_author, main_subject


class StanceDetector(Analyzer):
    """Analyzer: ``post.stance`` and the article's ``doc.stance`` toward person entities."""

    name = "stance"
    requires = ("text", "posts", "entities", "sentences")
    assigns = ("posts.stance", "stance")
    settings = {
        "model_dir": Setting("", "Folder of the stance model (default: the shipped one)."),
        "target_types": Setting(["person"], "Entity types stance is measured toward.",
                                choices=("person", "organization", "group", "place", "event")),
    }

    def __call__(self, doc: Doc) -> Doc:
        targets = [e for e in doc.entities if e.type in self.config["target_types"]]
        if not targets:
            return doc
        model = load_model(self.config["model_dir"] or None)
        subject = main_subject(doc, targets)
        jobs: list[tuple[int | None, Entity, str]] = []  # (post index or None, target, text)
        for i, post in enumerate(doc.posts):
            if not post.text.strip():
                continue
            named = {e.id for e in targets for m in e.mentions if m.post == i}
            for e in targets:
                if is_author(post, e):
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
        article: dict[str, tuple[Entity, list[Any]]] = {}
        for (index, e, _), p in zip(jobs, proba, strict=True):
            if index is None:
                article.setdefault(e.id, (e, []))[1].append(p)
                continue
            doc.posts[index].stance.append(_result(e, p, model))
        doc.stance = [_result(e, sum(ps) / len(ps), model) for e, ps in article.values()]
        return doc


def _result(e: Entity, p: Any, model: StanceModel) -> Stance:
    i, labels = model.decide(p, e.name), model.labels
    return Stance(e.name, e.id, labels[i], round(float(p[i]), 4),
                  {lab: round(float(v), 4) for lab, v in zip(labels, p, strict=True)})


def _prose_sentences_by_target(doc: Doc, targets: list[Entity]) -> dict[str, list[str]]:
    """Prose sentences (the ``sentences`` layer) that mention each target, by id."""
    out: dict[str, list[str]] = {}
    for sent in doc.sentences:
        start, end = sent.start, sent.end
        for e in targets:
            if any(start <= m.start < end for m in e.mentions):
                out.setdefault(e.id, []).append(doc.text[start:end])
    return out
