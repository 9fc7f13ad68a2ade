"""Sentences of the article's own prose (outside embedded posts), as spans.

Assigns ``doc.scores["sentences"]``: ``[{start, end}]``; later analyzers add their scores
to each entry. A rule-based splitter: fast, and good enough for scoring.
"""

from __future__ import annotations

import re
from typing import Any

from ..doc import Doc

# A sentence ends at . ! ? … (and closing quotes/brackets) before a capital, digit, quote
# or hashtag; a line break always ends one. Common abbreviations do not.
_END = re.compile(r"(?<=[.!?…])[\"”’)\]]*\s+(?=[\"“‘(\[#@]?[A-Z0-9])|\n+")
_ABBREV = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Col|Capt|Lt|St|Jr|Sr|Inc|Ltd|Co|Corp|vs|etc|"
    r"U\.S|U\.K|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|[A-Z])\.\s*$")


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans in ``text[start:end]``, stripped of surrounding whitespace."""
    end = len(text) if end is None else end
    spans = []
    cur = start
    for m in _END.finditer(text, start, end):
        if _ABBREV.search(text[max(cur, m.start() - 12):m.start()]):
            continue  # "Dr. Lee", "U.S. officials"
        spans.append((cur, m.start()))
        cur = m.end()
    spans.append((cur, end))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def prose_spans(doc: Doc) -> list[tuple[int, int]]:
    """The stretches of ``doc.text`` outside embedded posts: the outlet's own prose."""
    spans, cursor = [], 0
    for post in sorted(doc.posts, key=lambda p: p.start):
        if post.start > cursor:
            spans.append((cursor, post.start))
        cursor = max(cursor, post.end)
    if cursor < len(doc.text):
        spans.append((cursor, len(doc.text)))
    return spans


class SentenceSplitter:
    """Analyzer: prose sentences (text outside posts) as ``doc.scores["sentences"]``."""

    name = "sentences"
    requires = ("text", "posts")
    assigns = ("sentences",)

    def __init__(self, config: dict[str, Any] | None = None) -> None:
        self.config = config or {}

    def __call__(self, doc: Doc) -> Doc:
        sentences = [span for start, end in prose_spans(doc)
                     for span in split_sentences(doc.text, start, end)]
        doc.scores["sentences"] = [{"start": s, "end": e} for s, e in sentences]
        return doc
