"""VADER sentiment (valence lexicon and rules, tuned for social media), offline."""

from __future__ import annotations

import itertools
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def vader() -> Any:
    """The VADER analyzer, loaded once per process (:func:`_windowed`: the same scores,
    without re-reading the whole text for every sentiment word)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return _windowed(SentimentIntensityAnalyzer)()


def _windowed(base: Any) -> Any:
    """VADER's analyzer with its two look-around rules given only the words they read,
    and its per-character and per-word loops run only where they can change a score.

    vaderSentiment 3.3.2 lower-cases the whole text's word list each time it checks the
    words around one sentiment word (negation: the three before it; idioms: three before
    and two after), which makes a text of n words cost n² — a third of the ``fast``
    profile's time on article-length input. The rules are passed a window of those words
    with the index moved to match, so every score is the same (tested against the stock
    analyzer)."""
    from vaderSentiment.vaderSentiment import BOOSTER_DICT, NEGATE, SPECIAL_CASES, SentiText

    negation, idioms = base._negation_check, base._special_idioms_check
    # The only words the negation rule reacts to (besides any containing "n't").
    triggers = frozenset(NEGATE) | {"never", "so", "this", "without", "doubt"}
    # The idiom rule matches word sequences of two or three: one can only be in reach
    # where two neighbouring words start one of its phrases.
    openings = frozenset(" ".join(k.split()[:2]) for k in (*SPECIAL_CASES, *BOOSTER_DICT)
                         if " " in k)

    class Windowed(base):
        def __init__(self) -> None:
            super().__init__()
            # Only single characters are ever replaced by their description.
            self._emoji_chars = frozenset(k for k in self.emojis if len(k) == 1)

        def _describe_emoji(self, text: str) -> str:
            """Each emoji character as its description, set off by a space from a
            preceding non-space (as the stock analyzer does)."""
            parts, prev_space = [], True
            for char in text:
                description = self.emojis.get(char) if char in self._emoji_chars else None
                if description is None:
                    parts.append(char)
                    prev_space = char == " "
                else:
                    parts.append(description if prev_space else " " + description)
                    prev_space = False
            return "".join(parts)

        def polarity_scores(self, text: str) -> dict[str, float]:
            """The stock scoring, with emoji replaced only in texts that have one and the
            per-word rules run only for lexicon words (every other word scores 0, as the
            stock rules give it)."""
            if not self._emoji_chars.isdisjoint(text):
                text = self._describe_emoji(text)
            text = text.strip()
            sentitext = SentiText(text)
            words = sentitext.words_and_emoticons
            lowered = [w.lower() for w in words]
            lexicon, last = self.lexicon, len(words) - 1
            sentiments: list[float] = []
            for i, low in enumerate(lowered):
                if (low not in lexicon or low in BOOSTER_DICT
                        or (low == "kind" and i < last and lowered[i + 1] == "of")):
                    sentiments.append(0)
                    continue
                sentiments = self.sentiment_valence(0, sentitext, words[i], i, sentiments)
            sentiments = self._but_check(words, sentiments)
            return self.score_valence(sentiments, text)

        @staticmethod
        def _negation_check(valence: float, words: list[str], start_i: int, i: int) -> float:
            lo = max(0, i - 3)  # reads words i-3 .. i-1 (the caller ensures i > start_i)
            window = [w.lower() for w in words[lo:i]]
            if not any(w in triggers or "n't" in w for w in window):
                return float(valence)  # nothing in reach that the rule reacts to
            return float(negation(valence, words[lo:i + 1], start_i, i - lo))

        @staticmethod
        def _special_idioms_check(valence: float, words: list[str], i: int) -> float:
            lo = max(0, i - 3)  # reads words i-3 .. i+2, and whether i+1, i+2 exist
            window = [w.lower() for w in words[lo:i + 3]]
            if not any(f"{a} {b}" in openings for a, b in itertools.pairwise(window)):
                return float(valence)  # no phrase of the rule starts in reach
            return float(idioms(valence, words[lo:i + 3], i - lo))

    return Windowed


#: The compound score beyond which VADER's label is sure enough to show as a badge, by the
#: text heads' rule (``SURE_TONE`` in :mod:`echoscope.train.metrics`: 80% precise were one
#: text in four of that tone), measured on TweetEval's sentiment validation tweets (2,000,
#: 2026-12-05; ``benchmarks/experiments/vader_sure.py``): negative below compound -0.74
#: (80.3%), positive above 0.80 (84.3%); no level makes its neutral label that precise, so
#: it is never sure.
SURE_COMPOUND = {"negative": -0.74, "positive": 0.80}


def sure(compound: float, label: str) -> bool:
    """Is VADER's ``label`` for this ``compound`` score sure enough to show
    (:data:`SURE_COMPOUND`)?"""
    if label == "negative":
        return compound < SURE_COMPOUND["negative"]
    return label == "positive" and compound > SURE_COMPOUND["positive"]


def sentiment(text: str) -> tuple[float, str]:
    """VADER compound score (-1..1) and its label: positive >= 0.05, negative <= -0.05,
    else neutral."""
    compound = float(vader().polarity_scores(text)["compound"])
    label = "positive" if compound >= 0.05 else "negative" if compound <= -0.05 else "neutral"
    return round(compound, 4), label
