"""Sentences of the article's own prose (outside embedded posts), as spans.

Assigns ``doc.sentences``: :class:`~echoscope.doc.Sentence` spans whose ``scores`` later
analyzers fill. A rule-based splitter: fast, and good enough for scoring.
"""

from __future__ import annotations

from ..doc import Doc, Sentence
from ..text.sentences import prose_spans, split_sentences
from .base import Analyzer


class SentenceSplitter(Analyzer):
    """Analyzer: prose sentences (text outside posts) as ``doc.sentences``."""

    name = "sentences"
    requires = ("text", "posts")
    assigns = ("sentences",)

    def __call__(self, doc: Doc) -> Doc:
        sentences = [span for start, end in prose_spans(doc.text, doc.posts)
                     for span in split_sentences(doc.text, start, end)]
        doc.sentences = [Sentence(s, e) for s, e in sentences]
        return doc
