"""VADER sentiment (valence lexicon and rules, tuned for social media), offline."""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def vader() -> Any:
    """The VADER analyzer, loaded once per process."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def sentiment(text: str) -> tuple[float, str]:
    """VADER compound score (-1..1) and its label: positive >= 0.05, negative <= -0.05,
    else neutral."""
    compound = float(vader().polarity_scores(text)["compound"])
    label = "positive" if compound >= 0.05 else "negative" if compound <= -0.05 else "neutral"
    return round(compound, 4), label
