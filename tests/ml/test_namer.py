"""The technique namer: onnxruntime serves what torch trained (the span's side of the pair
found the same way), its probabilities are the average it says, it refuses a linear model
it was not chosen with, and the ``techniques`` analyzer names its spans with it."""

from __future__ import annotations

import json

import numpy as np
import pytest

from echoscope import load_settings
from echoscope.doc import TECHNIQUES
from echoscope.errors import ModelError
from echoscope.ml import encoder as enc
from echoscope.ml import heads as heads_module
from echoscope.ml.heads import TechniqueNamer, namer_features, namer_input, softmax
from echoscope.pipeline import build_pipeline
from echoscope.readers.text import parse_text

TEXT = ("The minister said the plan was a disaster, a total catastrophe for every family, "
        "and that only traitors and cowards would ever vote for such madness.")
#: Spans of TEXT: in the middle, at its start, at its end, and all of it.
SPANS = [(34, 42), (0, 12), (len(TEXT) - 8, len(TEXT) - 1), (0, len(TEXT))]


def _namer_folder(tmp_path, *, temperature=1.3, linear_weight=0.25, crf_sha256=None,
                  kind="technique_namer"):
    """A namer artifact written by hand: zero adapters (the base encoder) and a random
    head, with the given decisions."""
    rng = np.random.default_rng(0)
    arrays = {}
    for layer in range(enc.LAYERS):
        for name in enc.ADAPTED:
            key = f"encoder.layer.{layer}.{name}"
            arrays[f"{key}.lora_a"] = np.zeros((4, 384 if name != "output.dense" else 1536),
                                               dtype=np.float16)
            out_f = 1536 if name == "intermediate.dense" else 384
            arrays[f"{key}.lora_b"] = np.zeros((out_f, 4), dtype=np.float16)
    arrays["head.namer.weight"] = rng.normal(size=(len(TECHNIQUES), 768)).astype(np.float32)
    arrays["head.namer.bias"] = rng.normal(size=len(TECHNIQUES)).astype(np.float32)
    folder = tmp_path / "namer"
    folder.mkdir()
    np.savez(folder / "weights.npz", **arrays)
    config = {"kind": kind, "encoder_sha256": enc.WEIGHTS_SHA256, "lora_scale": 2.0,
              "max_tokens": 128, "labels": list(TECHNIQUES), "window": 200,
              "temperature": temperature, "linear_weight": linear_weight}
    if crf_sha256:
        config["crf_sha256"] = crf_sha256
    (folder / "model.json").write_text(json.dumps(config))
    heads_module._load_namer.cache_clear()
    return folder


def test_onnxruntime_serves_what_torch_trained_the_namer_on():
    """The features the head reads — mean of the span's side, mean of the pair — are those
    torch trained on, for spans anywhere in the text and for one longer than the cut."""
    torch = pytest.importorskip("torch")
    from echoscope.train.encoder import batch_of, build_model
    from echoscope.train.technique_namer import _features

    torch.manual_seed(0)
    model = build_model(rank=4, alpha=8).eval()
    with torch.no_grad():
        for p in model.parameters():
            if p.requires_grad:
                p.copy_(torch.randn_like(p) * 0.02)
    long_text = "No! " * 200  # a span over the encoder's 128-piece cut
    pairs = [namer_input(TEXT, s, e, 40) for s, e in SPANS]
    pairs.append(namer_input(long_text, 0, len(long_text), 40))
    b = batch_of(pairs, 128)
    assert int(b.mask[-1].sum()) == 128 and int(b.types[-1].max()) == 0  # cut in the span
    with torch.no_grad():
        expected = _features(torch, model(b.ids, b.mask, b.types), b.mask, b.types).numpy()
    served = enc.Encoder(model.adapter(), scale=2.0).encode(pairs)
    got = np.stack([namer_features(e) for e in served])
    assert np.abs(got - expected).max() < 1e-3
    assert np.abs(got[:, :384] - got[:, 384:]).max() > 1e-2  # two different means


def test_the_served_probabilities_are_the_average_they_say(tmp_path):
    from echoscope.ml.techniques import load_model

    namer = TechniqueNamer.load(_namer_folder(tmp_path, temperature=1.3, linear_weight=0.25))
    z = namer.logits(TEXT, SPANS)
    linear_model = load_model(None)
    linear = linear_model.label_proba(TEXT, SPANS)
    linear = linear[:, [linear_model.tc.labels.index(lab) for lab in namer.labels]]
    want = 0.75 * softmax(z / 1.3) + 0.25 * linear
    assert np.allclose(namer.probs(TEXT, SPANS), want, atol=1e-6)
    assert np.allclose(namer.probs(TEXT, SPANS).sum(axis=1), 1.0)
    assert namer.probs(TEXT, []).shape == (0, len(TECHNIQUES))
    assert "+linear0.25" in namer.version
    heads_module._load_namer.cache_clear()


def test_in_its_document_the_linear_part_counts_repeats_there(tmp_path):
    """Given where the sentence sits in its document, the linear classifier reads the span
    as it was trained: in the whole article (a phrase repeated across the article is a
    sign of Repetition), with the sentence as context."""
    from echoscope.ml.techniques import load_model

    namer = TechniqueNamer.load(_namer_folder(tmp_path, linear_weight=1.0))
    sentence = "They chanted take back control at every stop."
    document = ("Take back control, he said. " * 3) + sentence + " The tour ended."
    at = document.index(sentence)
    span = [(sentence.index("take"), sentence.index(" at"))]
    model = load_model(None)
    order = [model.tc.labels.index(lab) for lab in namer.labels]
    alone = namer.probs(sentence, span)
    placed = namer.probs(sentence, span, context=(document, at))
    assert np.allclose(alone, model.label_proba(sentence, span)[:, order], atol=1e-6)
    want = model.label_proba(document, [(at + s, at + e) for s, e in span],
                             [(at, at + len(sentence))])[:, order]
    assert np.allclose(placed, want, atol=1e-6)
    repetition = namer.labels.index("Repetition")
    assert placed[0, repetition] > alone[0, repetition]
    heads_module._load_namer.cache_clear()


def test_a_namer_chosen_with_another_linear_model_is_refused(tmp_path):
    namer = TechniqueNamer.load(_namer_folder(tmp_path, crf_sha256="0" * 64))
    with pytest.raises(ModelError, match="technique namer") as stale:
        namer.probs(TEXT, SPANS[:1])
    assert stale.value.code == "E602"
    heads_module._load_namer.cache_clear()
    other = tmp_path / "other"
    other.mkdir()
    folder = _namer_folder(other, kind="text")
    with pytest.raises(ModelError, match="no technique namer") as wrong:
        TechniqueNamer.load(folder)
    assert wrong.value.code == "E601"
    heads_module._load_namer.cache_clear()


STORY = ("The senator called the bill a disgrace. Critics said it was a disgrace and a "
         "betrayal of every decent family, and only traitors and cowards would vote for "
         "such madness. The vote is on Tuesday.")


def test_the_analyzer_names_its_spans_with_the_namer(tmp_path):
    """The tagger's spans are the same whoever names them; with a namer each label is the
    namer's most probable technique for the span in its sentence, read in its document
    (the linear part counts repeats across the whole story), and ``none`` gives the
    tagger's own span head."""
    from echoscope.ml.heads import TextHeads

    folder = _namer_folder(tmp_path, linear_weight=0.5)
    open_gate = {"analysis.techniques.min_score": 0.0, "analysis.techniques.min_spans": 1,
                 "analysis.techniques.min_rate": 0.0}
    names = ["posts", "sentences", "techniques"]
    runs = {}
    for namer in (str(folder), "none"):
        pipeline = build_pipeline(load_settings(overrides={
            **open_gate, "analysis.techniques.namer_dir": namer}), names)
        runs[namer] = pipeline(parse_text(STORY, "bill.txt"))
    named, own = runs[str(folder)], runs["none"]
    assert [(t.start, t.end) for t in named.techniques] == \
        [(t.start, t.end) for t in own.techniques]
    namer = TechniqueNamer.load(folder)
    heads = TextHeads.load()
    want, mine = [], []
    for sentence in named.sentences:
        inside = [t for t in named.techniques if sentence.start <= t.start < sentence.end]
        if not inside:
            continue
        unit = named.text[sentence.start:sentence.end]
        spans = [(t.start - sentence.start, t.end - sentence.start) for t in inside]
        placed = namer.probs(unit, spans, context=(named.text, sentence.start))
        (encoded,) = heads.encoder.encode([unit])
        found = heads.tagger.spans_of([encoded], [unit])[0]  # P(span): the tagger's
        assert [(g.start, g.end) for g in found] == spans
        want += [(namer.labels[int(np.argmax(p))],
                  round(g.p_span * round(float(p.max()), 4), 3))
                 for g, p in zip(found, placed, strict=True)]
        mine += [heads.tagger.labels[int(np.argmax(p))]
                 for p in heads.tagger.span_label_probs(encoded, unit, spans)]
    assert len(want) == len(named.techniques) >= 2
    assert [(t.label, t.score) for t in named.techniques] == want
    assert [t.label for t in own.techniques] == mine
    assert [w[0] for w in want] != mine  # a random head names them otherwise
    heads_module._load_namer.cache_clear()


def test_spans_that_cannot_reach_min_score_are_not_named_and_nothing_else_changes():
    """The analyzer names only spans whose P(span) can reach ``min_score``: what it reports
    is what naming every span and then keeping those from ``min_score`` gives."""
    names = ["posts", "sentences", "techniques"]
    gate = {"analysis.techniques.min_spans": 1, "analysis.techniques.min_rate": 0.0}
    every = build_pipeline(load_settings(overrides={
        **gate, "analysis.techniques.min_score": 0.0}), names)(parse_text(STORY, "a.txt"))
    for cut in (0.2, 0.3, 0.45):
        kept = build_pipeline(load_settings(overrides={
            **gate, "analysis.techniques.min_score": cut}), names)(parse_text(STORY, "a.txt"))
        assert kept.techniques == [t for t in every.techniques if t.score >= cut], cut
    assert any(t.score < 0.3 for t in every.techniques)  # the cut really drops some


def test_the_namer_is_loaded_only_once_a_span_is_to_be_named():
    """A document with no span that can reach ``min_score`` never loads the namer (its
    encoder session is about 140 MB); the first one with such a span does."""
    quiet = ("The ferry leaves the north pier at 7.15 on weekdays. The crossing takes "
             "about twenty minutes, and bicycles are carried free of charge.")
    names = ["posts", "sentences", "techniques"]
    heads_module._load_namer.cache_clear()
    shipped = build_pipeline(load_settings(), names)
    assert shipped(parse_text(quiet, "ferry.txt")).techniques == []
    assert heads_module._load_namer.cache_info().currsize == 0
    open_ = build_pipeline(load_settings(overrides={"analysis.techniques.min_score": 0.0,
                                                    "analysis.techniques.min_spans": 1,
                                                    "analysis.techniques.min_rate": 0.0}),
                           names)
    assert open_(parse_text(STORY, "bill.txt")).techniques
    assert heads_module._load_namer.cache_info().currsize == 1
