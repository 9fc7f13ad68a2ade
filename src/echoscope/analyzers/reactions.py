"""Reactions summary per article: how the quoted posts react, and toward whom."""

from __future__ import annotations

from typing import Any

from ..doc import Doc, Post, Reactions
from .base import Analyzer


def summarise(posts: list[Post]) -> Reactions:
    """Counts and shares over posts."""
    stance: dict[str, dict[str, Any]] = {}
    for p in posts:
        for s in p.stance:
            entry = stance.setdefault(s.target, {"target_id": s.target_id, "FAVOR": 0,
                                                 "AGAINST": 0, "NONE": 0, "unsure": 0})
            entry[s.label] += 1
            # Of the NONEs, those that lean to a side but were not sure enough to say it.
            entry["unsure"] += s.leans is not None

    def share(key: str) -> float | None:
        vals = [getattr(p.scores, key) for p in posts if getattr(p.scores, key) is not None]
        return round(sum(1 for v in vals if v) / len(vals), 4) if vals else None

    sentiments = [p.scores.sentiment for p in posts if p.scores.sentiment is not None]
    return Reactions(
        posts=len(posts), stance=stance,
        mean_sentiment=round(sum(sentiments) / len(sentiments), 4) if sentiments else None,
        share_offensive=share("offensive_label"), share_ironic=share("irony_label"))


class ReactionSummary(Analyzer):
    """Analyzer: ``doc.reactions``."""

    name = "reactions"
    requires = ("posts", "posts.scores.sentiment", "posts.scores.offensive_label",
                "posts.scores.irony_label", "posts.stance")
    assigns = ("reactions",)

    def __call__(self, doc: Doc) -> Doc:
        doc.reactions = summarise(doc.posts)
        return doc
