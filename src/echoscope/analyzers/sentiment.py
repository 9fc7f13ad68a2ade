"""Sentiment with VADER (valence lexicon and rules, tuned for social media), offline.

Each post gets ``scores.sentiment`` (compound, -1..1), ``scores.sentiment_label``
(positive >= 0.05, negative <= -0.05, else neutral) and ``scores.sentiment_sure`` (the label
sure enough to show as a badge: :data:`~echoscope.ml.vader.SURE_COMPOUND`); so does every
prose sentence; the article gets the mean over its prose sentences.
"""

from __future__ import annotations

from ..doc import Doc
from ..ml.vader import sentiment, sure
from .base import Analyzer
from .common import has_words


class SentimentScorer(Analyzer):
    """Analyzer: VADER sentiment for posts, prose sentences and the article."""

    name = "sentiment"
    requires = ("posts", "sentences")
    assigns = ("posts.scores.sentiment", "posts.scores.sentiment_label",
               "posts.scores.sentiment_sure", "sentences.scores.sentiment",
               "sentences.scores.sentiment_label", "sentences.scores.sentiment_sure",
               "sentiment")

    def __call__(self, doc: Doc) -> Doc:
        for post in doc.posts:
            if has_words(post.text):
                post.scores.sentiment, post.scores.sentiment_label = sentiment(post.text)
                post.scores.sentiment_sure = sure(post.scores.sentiment,
                                                  post.scores.sentiment_label)
        values = []
        for sent in doc.sentences:
            sent.scores.sentiment, sent.scores.sentiment_label = sentiment(
                doc.text[sent.start:sent.end])
            sent.scores.sentiment_sure = sure(sent.scores.sentiment, sent.scores.sentiment_label)
            values.append(sent.scores.sentiment)
        if values:
            doc.sentiment = round(sum(values) / len(values), 4)
        return doc
