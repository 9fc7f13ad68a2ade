"""Persuasion techniques at span level (the 14 PTC techniques of SemEval-2020 Task 11).

Assigns ``doc.techniques``: ``[Technique(label, start, end, score)]`` over the whole text
(the outlet's prose and the quoted posts), sentence by sentence. The model
(:mod:`echoscope.ml.techniques`) loads once per process, lazily.
"""

from __future__ import annotations

from typing import Any

from ..doc import Doc
from ..ml.techniques import load_model
from ..text.sentences import split_sentences


class TechniqueFinder:
    """Analyzer: technique spans with a label and a score (P(span) x P(label | span))."""

    name = "techniques"
    requires = ("text", "posts", "sentences")
    assigns = ("techniques",)

    def __init__(self, config: dict[str, Any] | None = None) -> None:
        config = config or {}
        self.model_dir = config.get("model_dir") or None
        self.min_score = float(config.get("min_score", 0.0))

    def __call__(self, doc: Doc) -> Doc:
        units = [(s["start"], s["end"]) for s in doc.scores.get("sentences", [])]
        for post in doc.posts:
            units.extend(split_sentences(doc.text, post.start, post.end))
        units.sort()
        model = load_model(self.model_dir)
        doc.techniques = [t for t in model.predict(doc.text, units) if t.score >= self.min_score]
        return doc
