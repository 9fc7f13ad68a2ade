"""Subjectivity profile of an article's own prose (NELA-style), per 1,000 words.

Counts words of the shipped lexicons (``echoscope/lexicons``: bias-inducing words, hedges,
assertives, factives, implicatives, report verbs, positive and negative opinion words) in
the prose outside embedded posts, adds readability, and the shares of the text that are
quoted posts, direct quotations and the outlet's own prose. Inflected forms match a
lexicon's base forms by light suffix stripping ("accused" -> "accuse").
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..doc import Doc, Subjectivity
from ..text.sentences import prose_spans
from .base import Analyzer

LEXICONS = ("bias", "hedges", "assertives", "factives", "implicatives", "report_verbs",
            "positive", "negative")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_SUFFIXES = ("'s", "’s", "ies", "es", "s", "ed", "d", "ing", "ly")


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, tuple[str, ...]], dict[str, frozenset[str]]]:
    """Word -> the lexicons it is in; lexicon -> its multi-word phrases."""
    words: dict[str, tuple[str, ...]] = {}
    phrases = {}
    for name, (singles, multi) in lexicons().items():
        for w in singles:
            words[w] = (*words.get(w, ()), name)
        phrases[name] = multi
    return words, phrases


@lru_cache(maxsize=1)
def lexicons() -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """Lexicon name -> (single words, multi-word phrases)."""
    folder = Path(__file__).resolve().parent.parent / "lexicons"
    out = {}
    for name in LEXICONS:
        entries = (folder / f"{name}.txt").read_text("utf-8").split("\n")
        entries = [e for e in entries if e]
        out[name] = (frozenset(e for e in entries if " " not in e),
                     frozenset(e for e in entries if " " in e))
    return out


def _forms(word: str) -> list[str]:
    forms = [word]
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            forms += [stem, stem + "e"] + ([stem[:-1] + "y"] if suffix == "ies" else [])
    return forms


@lru_cache(maxsize=1 << 16)
def _lexicons_of(word: str) -> frozenset[str]:
    """The lexicons that ``word`` (lower case) or one of its stems is in (words repeat:
    each is looked up once per process)."""
    index = _index()[0]
    return frozenset(name for form in _forms(word) for name in index.get(form, ()))


def profile(text: str) -> dict[str, Any]:
    """Lexicon counts per 1,000 words and readability for ``text``."""
    words = [w.lower().strip("'’-") for w in _WORD.findall(text)]
    n = len(words)
    counts = dict.fromkeys(LEXICONS, 0)
    if n:
        phrases = _index()[1]
        for w in words:
            for name in _lexicons_of(w):
                counts[name] += 1
        joined = " " + " ".join(words) + " "
        for name, multi in phrases.items():
            counts[name] += sum(joined.count(f" {p} ") for p in multi if p in joined)
    result: dict[str, Any] = {
        "words": n,
        "per_1000_words": {k: round(1000 * v / n, 2) if n else 0.0 for k, v in counts.items()},
    }
    if n >= 30:
        result["readability"] = {k: round(v, 1) for k, v in readability(text).items()}
    return result


@lru_cache(maxsize=1 << 16)
def _syllables(word: str) -> int | None:
    """textstat's syllable count of one of its words, or None for a word its own word
    split would change if read again (lower-cased "İ" loses its dot): then the text is
    counted whole, by textstat."""
    from textstat.backend import counts, selections

    if selections.list_words(word, lowercase=True) != [word]:
        return None
    return int(counts.count_syllables(word, "en_US"))


def readability(text: str) -> dict[str, float]:
    """Flesch reading ease and Flesch-Kincaid grade exactly as textstat computes them (its
    word, sentence and syllable counts, English constants), with each distinct word's
    syllables counted once per process instead of once per text (textstat's syllable
    count was a tenth of the ``fast`` profile's time)."""
    from textstat.backend import counts, selections

    words, sentences = counts.count_words(text), counts.count_sentences(text)
    each = [_syllables(w) for w in selections.list_words(text, lowercase=True)]
    syllables = (sum(n for n in each if n is not None) if None not in each
                 else counts.count_syllables(text, "en_US"))
    per_sentence = words / sentences if sentences else 0.0
    per_word = syllables / words if words else 0.0
    if not per_sentence or not per_word:
        return {"flesch_reading_ease": 0.0, "flesch_kincaid_grade": 0.0}
    return {"flesch_reading_ease": 206.835 - 1.015 * per_sentence - 84.6 * per_word,
            "flesch_kincaid_grade": 0.39 * per_sentence + 11.8 * per_word - 15.59}


class SubjectivityProfiler(Analyzer):
    """Analyzer: ``doc.subjectivity``."""

    name = "subjectivity"
    requires = ("text", "posts", "quotes")
    assigns = ("subjectivity",)

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        prose = prose_spans(doc.text, doc.posts)
        own = "\n".join(text[s:e] for s, e in prose)
        total = len(text) or 1
        post_chars = len(text) - sum(e - s for s, e in prose)
        quoted = sum(q.end - q.start for q in doc.quotes if q.kind == "direct" and q.post is None)
        result = profile(own)
        doc.subjectivity = Subjectivity(
            words=result["words"], per_1000_words=result["per_1000_words"],
            readability=result.get("readability"),
            shares={"quoted_posts": round(post_chars / total, 4),
                    "direct_quotes_in_prose": round(quoted / total, 4),
                    "own_prose": round(max(0, total - post_chars - quoted) / total, 4)})
        return doc
