"""Sentence spans, and the stretches of an article that are its own prose (outside posts).

A rule-based splitter: fast, and good enough for scoring and for the analyzers' units.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Protocol


class _Span(Protocol):
    start: int
    end: int


# A sentence ends at . ! ? … (and closing quotes/brackets) before a capital, digit, quote
# or hashtag; a line break always ends one. Common abbreviations do not.
_END = re.compile(r"(?<=[.!?…])[\"”’)\]]*\s+(?=[\"“‘(\[#@]?[A-Z0-9])|\n+")
_ABBREV = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Prof|Fr|Msgr|Sen|Rep|Gov|Gen|Col|Capt|Lt|St|Jr|Sr|Inc|Ltd|Co|Corp|vs|etc|"
    r"U\.S|U\.K|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|[A-WYZ])\.\s*$")
#: (An initial's full stop ends no sentence, but "X." does: the platform, "posted on X. She
#: …" — a read-through's.)


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans in ``text[start:end]``, stripped of surrounding whitespace."""
    end = len(text) if end is None else end
    spans = []
    cur = start
    for m in _END.finditer(text, start, end):
        if "\n" not in m.group() and _ABBREV.search(text[max(cur, m.start() - 12):m.start()]):
            continue  # "Dr. Lee", "U.S. officials" (a line break still ends the sentence)
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


def prose_spans(text: str, posts: Iterable[_Span]) -> list[tuple[int, int]]:
    """The stretches of ``text`` outside the ``posts`` spans: the outlet's own prose."""
    spans, cursor = [], 0
    for post in sorted(posts, key=lambda p: p.start):
        if post.start > cursor:
            spans.append((cursor, post.start))
        cursor = max(cursor, post.end)
    if cursor < len(text):
        spans.append((cursor, len(text)))
    return spans
