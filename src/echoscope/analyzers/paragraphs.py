"""Persuasion techniques per paragraph (SemEval-2023 Task 3, English), where sure.

``paragraph_techniques`` reads each line of the article's own prose (outside posts)
through the sentence vectors the text heads' encoder made for its sentences (the passes
``classify`` and ``techniques`` share: no second pass) and its words, by the model of
``models/encoder/paragraphs`` (its model card), and labels a paragraph with a technique
only above that technique's own threshold, chosen for precision on held-out paragraphs;
most techniques have none and are never labelled. Assigns ``doc.paragraph_techniques``:
how many paragraphs were read, and those labelled, each with its techniques' calibrated
probabilities — and only in a text with at least ``min_labelled`` labelled paragraphs
(chosen with ``benchmarks/calibrate.py`` so that ordinary reports, guides and reviews stay
quiet; docs/calibration.md).
"""

from __future__ import annotations

import numpy as np

from ..config import Setting
from ..doc import Doc, ParagraphLabels, ParagraphTechniques
from ..ml.encoder import ENCODER_DIR
from ..ml.paragraphs import ParagraphHead, paragraph_features
from ..text.sentences import prose_spans, split_sentences
from .base import Analyzer
from .classify import PRECISION_HELP, PRECISIONS, load_heads


def paragraphs_of(doc: Doc) -> list[tuple[int, int, list[tuple[int, int]]]]:
    """Each non-empty line of the prose outside posts, ``(start, end, its sentences)``:
    the line split on its own, as the model was trained (mostly the sentences of
    ``doc.sentences``, whose encoder passes are reused)."""
    out = []
    for a, b in prose_spans(doc.text, doc.posts):
        cursor = a
        for line in doc.text[a:b].split("\n"):
            start, end = cursor, cursor + len(line)
            cursor = end + 1
            while start < end and doc.text[start].isspace():
                start += 1
            while end > start and doc.text[end - 1].isspace():
                end -= 1
            sentences = split_sentences(doc.text, start, end) if end > start else []
            if sentences:
                out.append((start, end, sentences))
    return out


class ParagraphTechniqueFinder(Analyzer):
    """Analyzer: SemEval-2023 techniques of the article's paragraphs, where precise."""

    name = "paragraph_techniques"
    requires = ("text", "posts")
    assigns = ("paragraph_techniques",)
    settings = {
        "model_dir": Setting("", "Folder of the text heads whose encoder reads the sentences "
                             "(default: the shipped models/encoder/text; the paragraph model "
                             "must have been fitted on them)."),
        "paragraph_dir": Setting("", "Folder of the paragraph model (default: the shipped "
                                 "models/encoder/paragraphs)."),
        "precision": Setting("auto", PRECISION_HELP, choices=PRECISIONS),
        "threads": Setting(1, "Threads the encoder uses in each worker process.", min=1,
                           max=64),
        "min_labelled": Setting(1, "A text reports its labelled paragraphs only when it has "
                                "at least this many (else none are reported).", min=1,
                                max=1000),
    }

    def __call__(self, doc: Doc) -> Doc:
        head = ParagraphHead.load(self.config["paragraph_dir"] or None)
        head.check_text_heads(self.config["model_dir"] or ENCODER_DIR / "text")
        units = paragraphs_of(doc)
        found = ParagraphTechniques(len(units), [], head.version)
        if units:
            heads = load_heads(self.config)
            texts = [doc.text[s:e] for _, _, sents in units for s, e in sents]
            pooled = iter([e.pooled for e in heads.encoder.encode(texts)])
            features = [paragraph_features([next(pooled) for _ in sents])
                        for _, _, sents in units]
            probs = head.probs(np.stack(features), [doc.text[a:b] for a, b, _ in units])
            for (a, b, _), p in zip(units, probs, strict=True):
                labels = head.labelled(p)
                if labels:
                    found.labelled.append(ParagraphLabels(a, b, {
                        lab: round(float(p[head.labels.index(lab)]), 3) for lab in labels}))
            if len(found.labelled) < self.config["min_labelled"]:
                found.labelled = []
        doc.paragraph_techniques = found
        return doc
