"""Sentiment, offensive language, irony and hypocrisy from the shared encoder's text heads.

One encoder pass per post and per prose sentence serves all four heads (and the technique
tagger, which reads the same passes). Each text gets calibrated probabilities and a label:
``sentiment`` is P(positive) - P(negative) (-1..1, as VADER's compound was) with
``sentiment_label``, ``sentiment_probs`` and ``sentiment_sure`` (the label sure enough to
show: its probability above a level chosen for precision on held-out data); ``offensive``,
``irony`` and ``hypocrisy`` are the probability of the positive class, and ``*_label``
whether it passes the threshold chosen on held-out data. The article's ``sentiment`` is
the mean over its prose sentences.
"""

from __future__ import annotations

from ..config import Setting
from ..doc import Doc, TextScores
from ..ml.encoder import RECENT
from ..ml.heads import TextHeads
from .base import Analyzer
from .common import scored_texts

TASKS = ("offensive", "irony", "hypocrisy")
#: How the encoder runs: the artifact's own precision (auto), or forced.
PRECISIONS = ("auto", "float32", "mixed", "int8")
PRECISION_HELP = ("How the encoder runs: auto (the model's own, as shipped: int8 with smoothed "
                  "attention inputs for the text heads, mixed - feed-forward layers in int8 - "
                  "for the stance head and the technique namer), float32, mixed or int8 "
                  "(fastest).")


def load_heads(config: dict) -> TextHeads:
    """The text heads an analyzer's settings ask for (loaded once per process)."""
    return TextHeads.load(config["model_dir"] or None, precision=config["precision"],
                          threads=config["threads"])


class EncoderClassifier(Analyzer):
    """Analyzer: calibrated sentiment, offensive, irony and hypocrisy for posts and prose
    sentences, from one encoder pass each."""

    name = "classify"
    requires = ("posts", "sentences")
    assigns = tuple(f"{layer}.scores.{field}" for layer in ("posts", "sentences")
                    for field in ("sentiment", "sentiment_label", "sentiment_probs",
                                  "sentiment_sure",
                                  *(f"{t}{s}" for t in TASKS for s in ("", "_label")))
                    ) + ("sentiment",)
    settings = {
        "model_dir": Setting("", "Folder of the text heads (default: the shipped "
                             "models/encoder/text)."),
        "precision": Setting("auto", PRECISION_HELP, choices=PRECISIONS),
        "threads": Setting(1, "Threads the encoder uses in each worker process.", min=1,
                           max=64),
    }

    def prepare(self, docs: list[Doc]) -> None:
        """One encoder run over the posts and sentences of all ``docs``: batched by length
        across documents (fewer, fuller batches, less padding; the same states as one
        document at a time). The encoder keeps the latest :data:`RECENT` texts' results,
        which the calls per document (and the technique tagger) then read. With int8 layers
        too (mixed or int8): their activations are scaled per token, so a text's scores
        never depend on which documents it was analysed with."""
        heads = load_heads(self.config)
        texts = [t for doc in docs for t in scored_texts(doc)[1]]
        heads.encoder.encode(list(dict.fromkeys(texts))[:RECENT])

    def __call__(self, doc: Doc) -> Doc:
        posts, texts = scored_texts(doc)
        if not texts:
            return doc
        heads = load_heads(self.config)
        probs = heads.probs(texts)
        targets: list[TextScores] = [p.scores for p in posts] + [s.scores for s in doc.sentences]
        labels = heads.labels["sentiment"]
        neg, pos = labels.index("negative"), labels.index("positive")
        for i, scores in enumerate(targets):
            p = probs["sentiment"][i]
            scores.sentiment = round(float(p[pos] - p[neg]), 4)
            scores.sentiment_label = heads.decide("sentiment", p)
            scores.sentiment_sure = heads.sure("sentiment", scores.sentiment_label, p)
            scores.sentiment_probs = {lab: round(float(v), 4)
                                      for lab, v in zip(labels, p, strict=True)}
            for task in TASKS:
                q = probs[task][i]
                setattr(scores, task, round(float(q[1]), 4))
                if task == "irony" and i >= len(posts):
                    # Irony is labelled in posts only: on news prose the head (trained on
                    # tweets) called 64.6% of PTC dev sentences ironic; the probability stays.
                    continue
                setattr(scores, f"{task}_label", heads.decide(task, q) == heads.labels[task][1])
        values = [s.scores.sentiment for s in doc.sentences if s.scores.sentiment is not None]
        if values:
            doc.sentiment = round(sum(values) / len(values), 4)
        return doc
