"""The shared encoder: its weights are checked, and onnxruntime runs exactly what torch
trained (the same adapters give the same outputs)."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from echoscope.errors import ModelError
from echoscope.ml import encoder as enc


def test_the_base_weights_are_checked_before_use(tmp_path):
    with pytest.raises(ModelError, match="missing") as missing:
        enc._checked(tmp_path / "model.safetensors", enc.WEIGHTS_SHA256)
    assert missing.value.code == "E601"
    copy = tmp_path / "tokenizer.json"
    shutil.copy(enc.base_dir() / "tokenizer.json", copy)
    assert enc._checked(copy, enc.TOKENIZER_SHA256) == copy
    with copy.open("ab") as fh:
        fh.write(b" ")
    with pytest.raises(ModelError, match="not the expected one") as altered:
        enc._checked(copy, enc.TOKENIZER_SHA256)
    assert altered.value.code == "E604"


def test_the_base_encoder_gives_sentence_embeddings():
    out = enc.Encoder().encode(["The cat sits on the mat.", "A feline rests on a rug.",
                                "Stock markets fell sharply today."])
    v = np.stack([e.pooled for e in out])
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    sims = v @ v.T
    assert sims[0, 1] > 0.4 > sims[0, 2]  # paraphrases close, unrelated text far
    assert out[0].offsets[0] == (0, 0) and out[0].offsets[1] == (0, 3)  # [CLS], then "the"


def test_onnxruntime_runs_what_torch_trained():
    torch = pytest.importorskip("torch")
    from echoscope.train.encoder import batch_of, build_model, mean_pool

    torch.manual_seed(0)
    model = build_model(rank=4, alpha=8).eval()
    with torch.no_grad():
        for p in model.parameters():
            if p.requires_grad:  # an adapter that actually changes the outputs
                p.copy_(torch.randn_like(p) * 0.02)
    texts = ["Lock him up!", "What a lovely day at the harbour festival.",
             ("Maya Okafor", "She lied to every voter in this town.")]
    b = batch_of(texts, 64)
    with torch.no_grad():
        expected = mean_pool(torch, model(b.ids, b.mask, b.types), b.mask).numpy()
    adapter = model.adapter()
    got = np.stack([e.pooled for e in enc.Encoder(adapter, scale=8 / 4).encode(texts)])
    base = np.stack([e.pooled for e in enc.Encoder().encode(texts)])
    assert np.abs(got - expected).max() < 1e-3
    assert np.abs(base - expected).max() > 1e-2  # the adapter is really applied
    for precision in enc.QUANTIZED:
        quantized = np.stack([e.pooled for e in enc.Encoder(
            adapter, scale=2.0, precision=precision).encode(texts)])
        cos = (quantized * got).sum(1) / np.linalg.norm(quantized, axis=1) / np.linalg.norm(
            got, axis=1)
        assert cos.min() > 0.98, precision


@pytest.mark.parametrize("precision", ["mixed", "int8"])
def test_int8_states_do_not_depend_on_the_other_texts_of_a_batch(precision):
    """Activations are scaled per token: a text's states are the same alone, in a batch of
    strangers, and padded to a much longer batch-mate; and they stay close to float32."""
    texts = ["Lock him up!", "What a lovely day at the harbour festival.",
             "THE MAYOR LIED!!! 1000000% LIED " * 6, "ok"]
    quantized = enc.Encoder(precision=precision)
    together = quantized.encode(texts)
    for text, got in zip(texts, together, strict=True):
        alone = quantized._run([text])[0]  # not from the encoder's recent results
        assert np.array_equal(alone.states, got.states)
    full = enc.Encoder().encode(texts)
    for a, b in zip(together, full, strict=True):
        cos = float(a.pooled @ b.pooled / np.linalg.norm(a.pooled) / np.linalg.norm(b.pooled))
        assert cos > 0.98
        assert a.states.shape == b.states.shape


def test_the_int8_graph_keeps_its_weights_in_int8():
    weights = enc.merged_weights({}, 1.0)
    for precision, per_layer in (("int8", 6), ("mixed", 2), ("float32", 0)):
        large: dict = {}
        enc.build_graph(weights, large, precision=precision)
        matrices = {k: a for k, a in large.items() if k.endswith(".wq")}
        assert len(matrices) == per_layer * enc.LAYERS, precision
        assert all(a.dtype == np.int8 for a in matrices.values())
        if precision == "mixed":  # the feed-forward layers; attention stays float32
            assert all(".attention." not in k for k in matrices)
            assert "encoder.layer.0.attention.self.query.wT" in large
    with pytest.raises(ValueError, match="unknown precision"):
        enc.build_graph(weights, precision="int4")
    q, scale = enc.quantized_weight(weights["encoder.layer.0.intermediate.dense.weight"].T)
    w_t = weights["encoder.layer.0.intermediate.dense.weight"].T
    assert np.abs(q.astype(np.float32) * scale - w_t).max() <= scale.max() / 2 + 1e-7


def test_an_unknown_precision_is_a_clear_error():
    from echoscope.errors import ConfigError
    from echoscope.ml.heads import TextHeads

    with pytest.raises(ConfigError, match="unknown encoder precision 'int4'"):
        TextHeads.load(precision="int4")


def test_the_session_reads_the_weights_in_place_and_gives_what_the_whole_graph_gives():
    import onnxruntime as ort

    rng = np.random.default_rng(0)
    adapter = {f"encoder.layer.{layer}.{name}.{part}": rng.normal(0, 0.02, shape).astype(
        np.float32) for layer in range(enc.LAYERS) for name in enc.ADAPTED
        for part, shape in (("lora_a", (4, 384 if name != "output.dense" else 1536)),
                            ("lora_b", (384 if name != "intermediate.dense" else 1536, 4)))}
    weights = enc.merged_weights(adapter, 2.0)
    large: dict = {}
    graph = enc.build_graph(weights, large)
    assert len(graph) < 1_000_000 and sum(a.nbytes for a in large.values()) > 80_000_000
    # The base model's embeddings are the cached arrays themselves, not copies.
    assert large["word_emb"] is enc.base_weights()["embeddings.word_embeddings.weight"]
    whole = ort.InferenceSession(enc.build_graph(weights), providers=["CPUExecutionProvider"])
    texts = ["Lock him up!", "What a lovely day at the harbour festival."]
    mine = enc.Encoder(adapter, scale=2.0)
    tok = enc.tokenizer()
    for text, got in zip(texts, mine.encode(texts), strict=True):
        ids = np.array([tok.encode(text).ids], dtype=np.int64)
        hidden = whole.run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids),
                                  "token_type_ids": np.zeros_like(ids)})[0][0]
        assert np.array_equal(hidden, got.states)


def test_long_texts_are_cut_and_say_so():
    e = enc.Encoder(max_tokens=16)
    (short, long_) = e.encode(["A short one.", "word " * 100])
    assert not short.truncated and long_.truncated
    assert long_.states.shape[0] == 16


def test_shipped_encoder_heads_are_small_and_carded():
    """Every shipped head group: no file over 5 MB, all new model artifacts under 25 MB
    together, a model card with its test figures, and the encoder it was trained on."""
    import json

    from echoscope.ml.encoder import ENCODER_DIR, WEIGHTS_SHA256

    groups = [d for d in sorted(ENCODER_DIR.iterdir()) if d.is_dir()]
    assert {d.name for d in groups} >= {"stance"}
    total = 0
    for d in groups:
        for f in (f for f in d.rglob("*") if f.is_file()):  # with the linear models beside
            assert f.stat().st_size < 5_000_000, f
            total += f.stat().st_size
        config = json.loads((d / "model.json").read_text("utf-8"))
        assert config["encoder_sha256"] == WEIGHTS_SHA256
        assert config.get("metrics"), d.name
        card = (d / "MODEL_CARD.md").read_text("utf-8")
        assert "icences" in card and "## Test results" in card
    assert total < 25_000_000


@pytest.mark.parametrize(("task", "target"), [("sentiment", None), ("stance", "the mayor")])
def test_a_model_version_says_how_its_encoder_ran(task, target):
    from echoscope.ml.classify import classify

    texts = ["The mayor kept every promise she made."]
    targets = [target] if target else None
    (full,) = classify(texts, task, targets, precision="float32")
    (int8,) = classify(texts, task, targets, precision="int8")
    (default,) = classify(texts, task, targets)
    # The text heads' int8 attention reads smoothed inputs (their own scales); the stance
    # head has none. Each says so, and which precision is its shipped default.
    smoothed = "-smoothed" if task == "sentiment" else ""
    assert int8["model"] == full["model"] + "+int8" + smoothed
    # (float32 by default on a CPU whose int8 products may saturate: enc.exact_int8)
    shipped = ("+int8-smoothed" if task == "sentiment" else "+mixed") if enc.exact_int8() \
        else ""
    assert default["model"] == full["model"] + shipped


def test_the_int8_default_holds_only_where_int8_products_are_exact(monkeypatch):
    """The int8 defaults were chosen on a CPU with VNNI; without it onnxruntime's u8 x s8
    pairs saturate (hypocrisy 63.6 against 67.4 on its test split): the artifact's
    default falls back to float32 there; a precision asked for by name is kept."""
    from echoscope.ml import heads

    monkeypatch.setattr(heads, "exact_int8", lambda: False)
    assert heads.resolve_precision({"precision": "int8"}, None) == "float32"
    assert heads.resolve_precision({"precision": "mixed"}, "auto") == "float32"
    assert heads.resolve_precision({"precision": "int8"}, "int8") == "int8"
    monkeypatch.setattr(heads, "exact_int8", lambda: True)
    assert heads.resolve_precision({"precision": "int8"}, None) == "int8"
    assert heads.resolve_precision({}, None) == enc.DEFAULT_PRECISION


def test_smoothing_moves_scale_between_input_and_weights_without_changing_the_product():
    """SmoothQuant scales change no product in exact arithmetic: folded into the value and
    attention-output layers the float32 encoder gives the same states (to rounding), and in
    int8 scales of one give exactly the unsmoothed graph; float32 ignores them."""
    import onnxruntime as ort

    rng = np.random.default_rng(1)
    weights = enc.merged_weights({}, 1.0)
    scales = {f"encoder.layer.{i}.{part}": rng.uniform(0.3, 3.0, enc.HIDDEN).astype(np.float32)
              for i in range(enc.LAYERS) for part in enc.SMOOTHED}
    tok = enc.tokenizer()
    ids = np.array([tok.encode("The council voted to close the harbour baths.").ids])
    feed = {"input_ids": ids, "attention_mask": np.ones_like(ids),
            "token_type_ids": np.zeros_like(ids)}

    def run(graph: bytes) -> np.ndarray:
        return ort.InferenceSession(graph, providers=["CPUExecutionProvider"]).run(
            None, feed)[0]

    plain = run(enc.build_graph(weights))
    folded = run(enc.build_graph(enc.smoothed(weights, scales)))
    assert not np.array_equal(plain, folded)  # the weights did change
    assert np.abs(plain - folded).max() < 1e-3
    assert np.array_equal(plain, run(enc.build_graph(weights, smooth=scales)))
    ones = {k: np.ones(enc.HIDDEN, dtype=np.float32) for k in scales}
    assert np.array_equal(run(enc.build_graph(weights, precision="int8")),
                          run(enc.build_graph(weights, precision="int8", smooth=ones)))
    # In mixed the attention is float32: nothing to smooth.
    assert np.array_equal(run(enc.build_graph(weights, precision="mixed")),
                          run(enc.build_graph(weights, precision="mixed", smooth=scales)))


def test_measured_smoothing_brings_int8_closer_to_float32():
    """Scales measured on some texts make int8 states of other texts closer to float32's
    than unsmoothed int8 (the point of them), and every scale is positive and finite."""
    measured_on = [f"Councillor {name} said the {thing} would {verb} by {year}."
                   for name, thing, verb, year in zip(
                       ["Ruiz", "Okafor", "Lindqvist", "Marsh", "Tanaka", "Byrne"] * 4,
                       ["ferry", "library", "budget", "bridge", "school", "market"] * 4,
                       ["reopen", "close", "shrink", "grow", "move", "fail"] * 4,
                       range(2024, 2048), strict=True)]
    held = ["Absolutely disgusting behaviour from the referee tonight!!!",
            "The committee publishes its minutes on Thursdays.",
            "lol nobody believes a word this guy says anymore",
            "Rain is forecast for the whole weekend across the north.",
            "Thank you to every volunteer who turned up at dawn ❤️",
            "Shares in the retailer fell 4% after the profit warning."]
    weights = enc.merged_weights({}, 1.0)
    scales = enc.smoothing_scales(weights, measured_on)
    assert set(scales) == {f"encoder.layer.{i}.{p}" for i in range(enc.LAYERS)
                           for p in enc.SMOOTHED}
    assert all(np.isfinite(s).all() and (s > 0).all() for s in scales.values())
    full = np.stack([e.pooled for e in enc.Encoder().encode(held)])

    def fidelity(smooth: dict | None) -> float:
        got = np.stack([e.pooled for e in enc.Encoder(precision="int8", smooth=smooth)
                        .encode(held)])
        return float(((got - full) ** 2).sum())

    assert fidelity(scales) < fidelity(None)


def test_the_shipped_text_heads_run_int8_with_their_own_scales(tmp_path):
    """What runs is what the card says: the shipped text heads' encoder gives the states of
    an int8 encoder with the artifact's scales (not those of one without), and the model
    version says smoothed only where scales were loaded."""
    from echoscope.ml.heads import TextHeads

    folder = enc.ENCODER_DIR / "text"
    config, arrays = enc.load_artifact(folder)
    scales = {k[len(enc.SMOOTH_PREFIX):]: v for k, v in arrays.items()
              if k.startswith(enc.SMOOTH_PREFIX)}
    assert len(scales) == 2 * enc.LAYERS
    assert config["precision"] == "int8" and config["int8_smoothing"]["alpha"] == 0.5
    heads = TextHeads.load(precision="int8")
    assert heads.precision == "int8" and heads.encoder.smoothed
    assert heads.version.endswith("+int8-smoothed")
    adapter = {k: v for k, v in arrays.items() if ".lora_" in k}
    texts = ["Absolutely disgusting behaviour from the referee tonight!!!",
             "The committee publishes its minutes on Thursdays."]
    served = [e.states for e in heads.encoder._run(texts)]
    # Built here from the parts, not through the loader the served encoder came from.
    with_scales = enc.Encoder(adapter, scale=float(config["lora_scale"]), precision="int8",
                              smooth=scales)._run(texts)
    without = enc.Encoder(adapter, scale=float(config["lora_scale"]), precision="int8")._run(
        texts)
    for got, same, other in zip(served, with_scales, without, strict=True):
        assert np.array_equal(got, same.states)
        assert not np.array_equal(got, other.states)
    # An artifact whose scales are missing runs (and says) plain int8.
    copy = tmp_path / "text"
    shutil.copytree(folder, copy)
    np.savez_compressed(copy / "weights.npz", **{k: v for k, v in arrays.items()
                                                  if not k.startswith(enc.SMOOTH_PREFIX)})
    plain = TextHeads.load(copy, precision="int8")
    assert not plain.encoder.smoothed and plain.version.endswith("+int8")
    assert np.array_equal(plain.encoder._run(texts[:1])[0].states, without[0].states)


def test_the_int8_graph_holds_the_smoothed_weights():
    """In int8 the query/key/value weights' input rows are multiplied by their scale, the
    value layer's outputs divided by the output layer's, and that layer's input rows
    multiplied by it (to one int8 step); in the wrong orientation they would not be."""
    from onnx import load_from_string, numpy_helper

    rng = np.random.default_rng(2)
    weights = enc.merged_weights({}, 1.0)
    scales = {f"encoder.layer.{i}.{part}": rng.uniform(0.5, 2.0, enc.HIDDEN).astype(np.float32)
              for i in range(enc.LAYERS) for part in enc.SMOOTHED}
    model = load_from_string(enc.build_graph(weights, precision="int8", smooth=scales))
    inits = {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}
    p = "encoder.layer.3."
    s_in, s_out = scales[p + "attention.self"], scales[p + "attention.output.dense"]
    expected = {
        "attention.self.query": weights[p + "attention.self.query.weight"].T * s_in[:, None],
        "attention.self.value": (weights[p + "attention.self.value.weight"].T * s_in[:, None]
                                 / s_out[None, :]),
        "attention.output.dense": (weights[p + "attention.output.dense.weight"].T
                                   * s_out[:, None])}
    for name, w_t in expected.items():
        got = inits[f"{p}{name}.wq"].astype(np.float32) * inits[f"{p}{name}.ws"]
        step = inits[f"{p}{name}.ws"]
        assert np.abs(got - w_t).max() <= step.max() / 2 + 1e-6, name
    assert np.allclose(inits[p + "attention.self.inv_s"], 1 / s_in)
    assert np.allclose(inits[p + "attention.self.value.b"],
                       weights[p + "attention.self.value.bias"] / s_out)


def test_smoothing_scales_read_real_tokens_and_their_strength():
    """Scales measured over a batch are those of its texts measured alone, combined (the
    padding of a short text beside a long one is not read); the strength moves the scale
    between the activations and the weights (0: weights alone, whatever the texts)."""
    weights = enc.merged_weights({}, 1.0)
    texts = ["ok", "The harbour festival drew thousands despite the rain and the strike."]
    together = enc.smoothing_scales(weights, texts)
    alone = [enc.smoothing_scales(weights, [t]) for t in texts]
    for key, s in together.items():
        assert np.allclose(s, np.maximum(alone[0][key], alone[1][key]), rtol=1e-6)
    blind = [enc.smoothing_scales(weights, [t], alpha=0.0) for t in texts]
    assert all(np.allclose(blind[0][k], blind[1][k]) for k in blind[0])
    assert not all(np.allclose(alone[0][k], alone[1][k]) for k in alone[0])
