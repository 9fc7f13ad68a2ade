"""Reactions summary per article: how the quoted posts react, and toward whom."""

from __future__ import annotations

from typing import Any

from ..doc import Doc


def summarise(posts: list[Any]) -> dict[str, Any]:
    """Counts and shares over posts (objects with ``scores`` and ``stance``)."""
    scored = [p for p in posts if p.scores]
    stance: dict[str, dict[str, Any]] = {}
    for p in posts:
        for s in p.stance:
            entry = stance.setdefault(s["target"], {"target_id": s["target_id"], "FAVOR": 0,
                                                    "AGAINST": 0, "NONE": 0})
            entry[s["label"]] += 1
    def share(key: str) -> float | None:
        vals = [p.scores[key] for p in scored if key in p.scores]
        return round(sum(1 for v in vals if v) / len(vals), 4) if vals else None
    sentiments = [p.scores["sentiment"] for p in scored if "sentiment" in p.scores]
    return {
        "posts": len(posts),
        "stance": stance,
        "mean_sentiment": round(sum(sentiments) / len(sentiments), 4) if sentiments else None,
        "share_offensive": share("offensive_label"),
        "share_ironic": share("irony_label"),
    }


class ReactionSummary:
    """Analyzer: ``doc.scores["reactions"]``."""

    name = "reactions"
    requires = ("posts", "sentiment", "offensive", "irony", "stance")
    assigns = ("reactions",)

    def __init__(self, config: dict[str, Any] | None = None) -> None:
        self.config = config or {}

    def __call__(self, doc: Doc) -> Doc:
        doc.scores["reactions"] = summarise(doc.posts)
        return doc
