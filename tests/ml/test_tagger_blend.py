"""The technique tagger blended with the linear technique model (CRF + classifier): at
either end of each share it must be exactly one of the two models, and in between their
average, read at the level of words."""

from __future__ import annotations

import copy

import numpy as np
import pytest

from echoscope.ml.heads import TextHeads, span_tokens

TEXT = ("These corrupt, radical traitors will destroy everything we love, and the weak "
        "cowards in the council will never, ever stop them.")


@pytest.fixture(scope="module")
def tagger_and_encoded():
    heads = TextHeads.load()
    assert heads.tagger is not None
    (encoded,) = heads.encoder.encode([TEXT])
    return heads.tagger, encoded


def _with(tagger, **blend):
    """A copy of ``tagger`` with this blend (the shipped one, cached per process, is left
    as it is)."""
    t = copy.copy(tagger)
    t.blend = {"crf_weight": 0.5, "tc_weight": 0.5, "lo": 0.1, "hi": 0.2, "gap": 1, **blend}
    return t


def test_word_probabilities_are_the_highest_piece_and_the_crf_marginal(tagger_and_encoded):
    tagger, encoded = tagger_and_encoded
    toks, p_enc, p_crf = tagger.word_probs(encoded, TEXT)
    assert [TEXT[s:e] for s, e, _ in toks][:3] == ["These", "corrupt", ","]
    p_piece = 1.0 - tagger.token_probs(encoded)[:, 0]
    for (s, e, _), p in zip(toks, p_enc, strict=True):
        assert p == pytest.approx(max(p_piece[i] for i in span_tokens(encoded.offsets, s, e)))
    assert np.allclose(p_crf, tagger.crf_model().marginals(toks))


def test_all_on_the_crf_is_the_linear_model(tagger_and_encoded):
    """CRF share 1 and classifier share 1: the spans and labels of the linear model run
    with the same thresholds."""
    tagger, encoded = tagger_and_encoded
    model = tagger.crf_model()
    blended = _with(tagger, crf_weight=1.0, tc_weight=1.0, lo=0.05, hi=0.1, gap=1)
    got = blended.spans(encoded, TEXT)
    saved = model.lo, model.hi, model.gap
    model.lo, model.hi, model.gap = 0.05, 0.1, 1
    try:
        want = model.find_spans(TEXT, [(0, len(TEXT))])
    finally:
        model.lo, model.hi, model.gap = saved
    assert [(g.start, g.end) for g in got] == [(s, e) for s, e, _ in want]
    assert got, "the linear model finds spans in this text"
    probs = model.label_proba(TEXT, [(s, e) for s, e, _ in want])
    assert [g.label for g in got] == [model.tc.labels[int(np.argmax(p))] for p in probs]


def _by_hand(tagger, encoded, toks):
    """Each word's P(in span) from the tagger, one word piece at a time."""
    p_piece = 1.0 - tagger.token_probs(encoded)[:, 0]
    out = []
    for s, e, _ in toks:
        inside = [p_piece[i] for i, (a, b) in enumerate(encoded.offsets)
                  if b > a and a < e and b > s]
        out.append(max(inside) if inside else None)
    return out


def test_none_on_the_crf_is_the_tagger_read_by_words(tagger_and_encoded):
    from echoscope.ml.techniques import decode

    tagger, encoded = tagger_and_encoded
    blended = _with(tagger, crf_weight=0.0, tc_weight=0.0, lo=0.2, hi=0.4, gap=0)
    toks = tagger.crf_model().featurizer.unit_tokens(TEXT, 0, len(TEXT))
    want = decode(toks, np.array(_by_hand(tagger, encoded, toks)), 0.2, 0.4, 0)
    got = blended.spans(encoded, TEXT)
    assert [(g.start, g.end) for g in got] == [(s, e) for s, e, _ in want]
    for g in got:  # the span head alone names them
        p = tagger.label_probs(encoded, span_tokens(encoded.offsets, g.start, g.end))
        assert g.label == tagger.labels[int(np.argmax(p))]


def test_shares_in_between_average_the_two(tagger_and_encoded):
    tagger, encoded = tagger_and_encoded
    spans = [(15, 22), (6, 13)]  # 'radical', 'corrupt'
    head = _with(tagger, tc_weight=0.0).span_label_probs(encoded, TEXT, spans)
    linear = _with(tagger, tc_weight=1.0).span_label_probs(encoded, TEXT, spans)
    mixed = _with(tagger, tc_weight=0.3).span_label_probs(encoded, TEXT, spans)
    assert np.allclose(mixed, 0.7 * head + 0.3 * linear)
    assert np.allclose(mixed.sum(axis=1), 1.0)
    assert not np.allclose(head, linear)


def test_many_texts_at_once_are_each_text_alone():
    heads = TextHeads.load()
    texts = [TEXT, "", "   ", "A quiet council meeting ended early.", TEXT[:40]]
    encoded = heads.encoder.encode(texts)
    for blend in ({}, {"crf_weight": 0.6, "tc_weight": 0.4}):
        tagger = _with(heads.tagger, **blend) if blend else heads.tagger
        assert tagger.spans_of(encoded, texts) == [tagger.spans(e, t)
                                                   for e, t in zip(encoded, texts, strict=True)]


def test_words_past_the_encoders_cut_are_read_by_the_crf_alone():
    """A text longer than the encoder reads: the tagger saw none of its last words, so
    there the blend is the CRF's marginal, and a span there is named by the classifier."""
    heads = TextHeads.load()
    long_text = " ".join([TEXT] * 8)
    (encoded,) = heads.encoder.encode([long_text])
    assert encoded.truncated
    tagger = _with(heads.tagger, crf_weight=0.6, tc_weight=0.3)
    toks, _, p_crf = tagger.word_probs(encoded, long_text)
    by_hand = _by_hand(tagger, encoded, toks)
    assert by_hand[0] is not None and by_hand[-1] is None  # read, and past the cut
    p = tagger.blended_word_probs(encoded, toks, p_crf)
    for k, q in enumerate(by_hand):
        want = p_crf[k] if q is None else 0.4 * q + 0.6 * p_crf[k]
        assert p[k] == pytest.approx(want)
    last = (toks[-3][0], toks[-2][1])
    first = (toks[1][0], toks[1][1])
    linear = tagger.crf_model().label_proba(long_text, [last, first])
    head_first = tagger.label_probs(encoded, span_tokens(encoded.offsets, *first))
    got = tagger.span_label_probs(encoded, long_text, [last, first])
    assert np.allclose(got[0], linear[0])
    assert np.allclose(got[1], 0.7 * head_first + 0.3 * linear[1])


def test_a_blend_chosen_with_another_linear_model_is_refused(tagger_and_encoded):
    from echoscope.errors import ModelError
    from echoscope.ml.techniques import MODEL_DIR, fingerprint

    tagger, encoded = tagger_and_encoded
    ok = _with(tagger, crf_sha256=fingerprint(str(MODEL_DIR)))
    assert ok.crf_model() is tagger.crf_model()
    stale = _with(tagger, crf_sha256="0" * 64)
    with pytest.raises(ModelError, match="calibrate-only"):
        stale.spans(encoded, TEXT)


def test_the_shipped_technique_classifier_multiplies_its_weights_in_place():
    """scipy's sparse product copies a weight matrix it cannot read row by row (18 MB per
    call for the shipped classifier): loaded weights are laid out so that it need not, and
    the probabilities are those of any other layout."""
    import json

    import numpy as np

    from echoscope.ml import MODELS_DIR
    from echoscope.ml.techniques import TechniqueClassifier

    folder = MODELS_DIR / "techniques"
    labels = json.loads((folder / "model.json").read_text())["labels"]
    clf = TechniqueClassifier(labels=labels)
    clf.load_arrays(folder / "tc.npz")
    assert clf.coef is not None and clf.coef.T.flags["C_CONTIGUOUS"]
    text = ("These reckless bureaucrats will destroy our town, and they call it a brave plan. "
            "Never again!")
    x = clf.counts(text, [(0, 25), (26, 50), (86, 98)])
    rows = TechniqueClassifier(labels=labels, idf=clf.idf, intercept=clf.intercept,
                               coef=np.ascontiguousarray(clf.coef))
    assert np.array_equal(clf.predict_proba(x), rows.predict_proba(x))
