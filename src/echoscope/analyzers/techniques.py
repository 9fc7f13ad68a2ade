"""Persuasion techniques at span level (the 14 PTC techniques of SemEval-2020 Task 11).

``techniques`` reads each prose sentence and each post with the shared encoder — the same
passes the ``classify`` heads read — and the technique tagger marks the spans, blended
(where its artifact says so) with the CRF of ``models/techniques``, read word by word;
the technique namer (``models/encoder/techniques``: the encoder reading the span and the
text around it, averaged with the linear technique classifier) names each span.
``techniques_crf`` is the CRF model and its classifier alone. Both assign
``doc.techniques``: ``Technique(label, start, end, score)`` with score = P(span) x
P(label | span), kept from ``min_score`` — and, for ``techniques``, only in a text that
has at least ``min_spans`` of them and ``min_rate`` per 1,000 words (the three chosen by
``benchmarks/calibrate.py`` so that ordinary reports, guides and reviews stay quiet;
docs/calibration.md), and ``doc.technique_rate``: spans per 1,000 words, so that articles
of any length compare (with how many were withheld by the gate).
"""

from __future__ import annotations

from typing import Any

from ..config import Setting
from ..doc import Doc, Technique, TechniqueRate, word_count
from ..ml.heads import TechniqueNamer
from ..ml.techniques import load_model
from ..text.sentences import split_sentences
from .base import Analyzer
from .classify import PRECISION_HELP, PRECISIONS, load_heads
from .common import post_words


def text_units(doc: Doc) -> list[tuple[int, int]]:
    """What the technique tagger reads: each prose sentence, and each post's own words."""
    posts = [w for p in doc.posts if (w := post_words(doc.text, p))]
    return [(s.start, s.end) for s in doc.sentences] + posts


class TechniqueFinder(Analyzer):
    """Analyzer: technique spans from the encoder's technique tagger."""

    name = "techniques"
    requires = ("text", "posts", "sentences")
    assigns = ("techniques", "technique_rate")
    settings = {
        "model_dir": Setting("", "Folder of the text heads holding the tagger (default: the "
                             "shipped models/encoder/text)."),
        "precision": Setting("auto", PRECISION_HELP, choices=PRECISIONS),
        "threads": Setting(1, "Threads the encoder uses in each worker process.", min=1,
                           max=64),
        "namer_dir": Setting("", "Folder of the technique namer that names each span "
                             "(default: the shipped models/encoder/techniques; none: the "
                             "tagger's own span head)."),
        # The three chosen together by benchmarks/calibrate.py (docs/calibration.md): F0.5 on
        # the PTC train articles held out from training, with no span reported on any of
        # the 40 tuning texts of benchmarks/genres (for the tagger as blended, its spans
        # named by the technique namer, on 2026-12-02).
        "min_score": Setting(0.3, "Technique spans scoring below this (P(span) x P(label)) "
                             "are dropped.", min=0.0, max=1.0),
        # A document gate, chosen with min_score: a few scattered spans in a long text are
        # what ordinary reports, guides and reviews draw (a sports verb, a product
        # adjective); a text that uses techniques uses them densely.
        "min_spans": Setting(4, "A text reports its technique spans only when it has at "
                             "least this many (else they are withheld and counted).",
                             min=1, max=100),
        "min_rate": Setting(3.0, "A text reports its technique spans only when they come to "
                            "at least this many per 1,000 words.", min=0.0, max=1000.0),
    }

    def __call__(self, doc: Doc) -> Doc:
        units = text_units(doc)
        if not units:
            doc.techniques = []
            doc.technique_rate = TechniqueRate.of(doc.text, [])
            return doc
        heads = load_heads(self.config)
        if heads.tagger is None:
            raise ValueError("these text heads were trained without the technique tagger")
        texts = [doc.text[a:b] for a, b in units]
        out = []
        # A span's score is at most its P(span): those that cannot reach min_score (to the
        # score's rounding) are not named at all, and the namer is loaded only once a
        # document has a span to name.
        found = heads.tagger.spans_of(heads.encoder.encode(texts), texts,
                                      lambda: load_namer(self.config),
                                      min_span=self.config["min_score"] - 0.001,
                                      contexts=[(doc.text, a) for a, _ in units])
        for (a, _), guesses in zip(units, found, strict=True):
            for g in guesses:
                score = round(g.p_span * g.p_label, 3)
                if score >= self.config["min_score"]:
                    out.append(Technique(g.label, a + g.start, a + g.end, score))
        out.sort(key=lambda t: (t.start, t.end, t.label))
        doc.techniques, withheld = gate(out, word_count(doc.text), self.config)
        doc.technique_rate = TechniqueRate.of(doc.text, doc.techniques, withheld)
        return doc


def load_namer(config: dict[str, Any]) -> TechniqueNamer | None:
    """The technique namer an analyzer's settings ask for (None: ``namer_dir`` is none),
    run at the encoder's precision (loaded once per process)."""
    folder = config["namer_dir"]
    if folder.strip().lower() == "none":
        return None
    return TechniqueNamer.load(folder or None, precision=config["precision"],
                               threads=config["threads"])


def gate(spans: list[Technique], words: int, config: dict[str, Any]
         ) -> tuple[list[Technique], int]:
    """``(spans, 0)`` when the text has at least ``min_spans`` of them and ``min_rate``
    per 1,000 words, else ``([], how many were withheld)``."""
    if not spans:
        return spans, 0
    if len(spans) >= config["min_spans"] and 1000 * len(spans) / max(1, words) >= \
            config["min_rate"]:
        return spans, 0
    return [], len(spans)


class CrfTechniqueFinder(Analyzer):
    """Analyzer: technique spans from the CRF tagger and linear technique classifier."""

    name = "techniques_crf"
    requires = ("text", "posts", "sentences")
    assigns = ("techniques", "technique_rate")
    settings = {
        "model_dir": Setting("", "Folder of the CRF technique model (default: the shipped "
                             "models/techniques)."),
        "min_score": Setting(0.0, "Technique spans scoring below this (P(span) x P(label)) are "
                             "dropped.", min=0.0, max=1.0),
    }

    def __call__(self, doc: Doc) -> Doc:
        units = [(s.start, s.end) for s in doc.sentences]
        for post in doc.posts:
            units.extend(split_sentences(doc.text, post.start, post.end))
        units.sort()
        model = load_model(self.config["model_dir"] or None)
        doc.techniques = [t for t in model.predict(doc.text, units)
                          if t.score >= self.config["min_score"]]
        doc.technique_rate = TechniqueRate.of(doc.text, doc.techniques)
        return doc
