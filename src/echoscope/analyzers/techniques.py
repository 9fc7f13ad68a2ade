"""Persuasion techniques at span level (the 14 PTC techniques of SemEval-2020 Task 11).

Assigns ``doc.techniques``: ``[Technique(label, start, end, score)]`` over the whole text
(the outlet's prose and the quoted posts), sentence by sentence. The model
(:mod:`echoscope.ml.techniques`) loads once per process, lazily.
"""

from __future__ import annotations

from ..config import Setting
from ..doc import Doc
from ..ml.techniques import load_model
from ..text.sentences import split_sentences
from .base import Analyzer


class TechniqueFinder(Analyzer):
    """Analyzer: technique spans with a label and a score (P(span) x P(label | span))."""

    name = "techniques"
    requires = ("text", "posts", "sentences")
    assigns = ("techniques",)

    settings = {
        "model_dir": Setting("", "Folder of the technique model (default: the shipped one)."),
        "min_score": Setting(0.0, "Technique spans scoring below this (P(span) x P(label)) are "
                             "dropped.", min=0.0, max=1.0),
    }

    def __call__(self, doc: Doc) -> Doc:
        units = [(s.start, s.end) for s in doc.sentences]
        for post in doc.posts:
            units.extend(split_sentences(doc.text, post.start, post.end))
        units.sort()
        model = load_model(self.config["model_dir"] or None)
        doc.techniques = [t for t in model.predict(doc.text, units)
                          if t.score >= self.config["min_score"]]
        return doc
