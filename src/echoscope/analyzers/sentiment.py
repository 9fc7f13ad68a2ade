"""Sentiment with VADER (valence lexicon and rules, tuned for social media), offline.

Each post gets ``scores.sentiment`` (compound, -1..1) and ``scores.sentiment_label``
(positive >= 0.05, negative <= -0.05, else neutral); so does every prose sentence; the
article gets the mean over its prose sentences.
"""

from __future__ import annotations

from ..doc import Doc
from ..ml.vader import sentiment
from .base import Analyzer


class SentimentScorer(Analyzer):
    """Analyzer: VADER sentiment for posts, prose sentences and the article."""

    name = "sentiment"
    requires = ("posts", "sentences")
    assigns = ("posts.scores.sentiment", "posts.scores.sentiment_label",
               "sentences.scores.sentiment", "sentences.scores.sentiment_label", "sentiment")

    def __call__(self, doc: Doc) -> Doc:
        for post in doc.posts:
            if post.text.strip():
                post.scores.sentiment, post.scores.sentiment_label = sentiment(post.text)
        values = []
        for sent in doc.sentences:
            sent.scores.sentiment, sent.scores.sentiment_label = sentiment(
                doc.text[sent.start:sent.end])
            values.append(sent.scores.sentiment)
        if values:
            doc.sentiment = round(sum(values) / len(values), 4)
        return doc
