"""VADER sentiment (valence lexicon and rules, tuned for social media), offline."""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def vader() -> Any:
    """The VADER analyzer, loaded once per process (:func:`_windowed`: the same scores,
    without re-reading the whole text for every sentiment word)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return _windowed(SentimentIntensityAnalyzer)()


def _windowed(base: Any) -> Any:
    """VADER's analyzer with its two look-around rules given only the words they read.

    vaderSentiment 3.3.2 lower-cases the whole text's word list each time it checks the
    words around one sentiment word (negation: the three before it; idioms: three before
    and two after), which makes a text of n words cost n² — a third of the ``fast``
    profile's time on article-length input. The rules are passed a window of those words
    with the index moved to match, so every score is the same (tested against the stock
    analyzer)."""
    negation, idioms = base._negation_check, base._special_idioms_check

    class Windowed(base):
        @staticmethod
        def _negation_check(valence: float, words: list[str], start_i: int, i: int) -> float:
            lo = max(0, i - 3)  # reads words i-3 .. i-1 (the caller ensures i > start_i)
            return float(negation(valence, words[lo:i + 1], start_i, i - lo))

        @staticmethod
        def _special_idioms_check(valence: float, words: list[str], i: int) -> float:
            lo = max(0, i - 3)  # reads words i-3 .. i+2, and whether i+1, i+2 exist
            return float(idioms(valence, words[lo:i + 3], i - lo))

    return Windowed


def sentiment(text: str) -> tuple[float, str]:
    """VADER compound score (-1..1) and its label: positive >= 0.05, negative <= -0.05,
    else neutral."""
    compound = float(vader().polarity_scores(text)["compound"])
    label = "positive" if compound >= 0.05 else "negative" if compound <= -0.05 else "neutral"
    return round(compound, 4), label
