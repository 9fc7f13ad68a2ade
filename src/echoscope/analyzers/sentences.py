"""Sentences of the article's own prose (outside embedded posts), as spans.

Assigns ``doc.scores["sentences"]``: ``[{start, end}]``; later analyzers add their scores
to each entry. A rule-based splitter: fast, and good enough for scoring.
"""

from __future__ import annotations

from typing import Any

from ..doc import Doc
from ..text.sentences import prose_spans, split_sentences


class SentenceSplitter:
    """Analyzer: prose sentences (text outside posts) as ``doc.scores["sentences"]``."""

    name = "sentences"
    requires = ("text", "posts")
    assigns = ("sentences",)

    def __init__(self, config: dict[str, Any] | None = None) -> None:
        self.config = config or {}

    def __call__(self, doc: Doc) -> Doc:
        sentences = [span for start, end in prose_spans(doc.text, doc.posts)
                     for span in split_sentences(doc.text, start, end)]
        doc.scores["sentences"] = [{"start": s, "end": e} for s, e in sentences]
        return doc
