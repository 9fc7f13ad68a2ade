"""The heads over the shared encoder, at inference: calibrated probabilities and decisions.

- :class:`TextHeads` — sentiment, offensive, irony and hypocrisy from one encoder pass
  per text (``models/encoder/text``), each averaged with its task's linear n-gram model
  where held-out data chose a share for it (``linear_weight``);
- :class:`StanceHead` — stance toward a named target, reading ``(target, text)`` as a pair
  (``models/encoder/stance``), averaged with the linear target-masked model
  (``models/stance``) by the weight chosen on validation data (``linear_weight``).

Probabilities are calibrated (temperature scaling fitted on held-out data by
``echoscope train``); decisions use the thresholds chosen there, and stance says NONE when
neither side is probable enough.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from ..doc import STANCE_LABELS
from ..errors import ModelError
from .encoder import ENCODER_DIR, Encoder, load_encoder


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


@dataclass(frozen=True)
class Judgement:
    """One head's reading of one text: its label and every label's calibrated probability."""

    label: str
    probs: dict[str, float]


class TextHeads:
    """Sentiment, offensive, irony and hypocrisy over one adapted encoder."""

    def __init__(self, encoder: Encoder, config: dict[str, Any], arrays: dict[str, np.ndarray],
                 quantized: bool, folder: Path | None = None) -> None:
        self.encoder = encoder
        self.config = config
        self.quantized = quantized
        self.tasks = config["tasks"]
        self.labels = {name: list(t["labels"]) for name, t in self.tasks.items()}
        self.temperature = {name: float(t["temperature"]) for name, t in self.tasks.items()}
        self.threshold = {name: t.get("threshold") for name, t in self.tasks.items()}
        #: Multi-class tasks: a weight per label applied to the calibrated probabilities
        #: before the argmax (chosen on validation data for the task's metric), or None.
        self.class_weights = {name: (np.asarray(t["class_weights"], dtype=np.float64)
                                     if t.get("class_weights") else None)
                              for name, t in self.tasks.items()}
        self.weights = {name: (arrays[f"head.{name}.weight"].astype(np.float32),
                               arrays[f"head.{name}.bias"].astype(np.float32))
                        for name in self.tasks}
        #: Per task, the linear n-gram model its probabilities are averaged with (a folder
        #: beside the artifact, ``linear_model``: the model the share and threshold were
        #: chosen with) and that model's share (chosen on held-out data: the two families
        #: err differently).
        self.linear: dict[str, tuple[str, float]] = {}
        for name, t in self.tasks.items():
            if not t.get("linear_weight"):
                continue
            if not t.get("linear_model") or folder is None:
                raise ModelError(f"the {name} head has a linear share but names no linear "
                                 f"model beside it; run `echoscope train text "
                                 f"--calibrate-only`", code="E602")
            self.linear[name] = (str(folder / t["linear_model"]), float(t["linear_weight"]))
        #: The technique tagger, when it was trained with these adapters (one pass for both).
        self.tagger = TechniqueTagger(config, arrays) if "techniques" in config else None

    @classmethod
    def load(cls, folder: str | Path | None = None, *, quantize: bool | None = None,
             threads: int = 1) -> TextHeads:
        """The text heads in ``folder`` (default: shipped); ``quantize`` None follows the
        artifact's own recommendation (``model.json``)."""
        return _load_text(str(folder or ENCODER_DIR / "text"), quantize, threads)

    @property
    def version(self) -> str:
        blend = "".join(f"+{name}-linear{w:g}" for name, (_, w) in sorted(self.linear.items()))
        if self.tagger is not None and self.tagger.blend:
            blend += (f"+techniques-crf{self.tagger.blend['crf_weight']:g}/"
                      f"{self.tagger.blend['tc_weight']:g}")
        return (f"text-{self.config.get('trained_on', '?')}-"
                f"{self.config['encoder_sha256'][:8]}{blend}")

    def logits(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """Uncalibrated logits of every head, from one encoder pass per text."""
        return self.logits_of(self.encoder.encode(list(texts)))

    def logits_of(self, encoded: Sequence[Any]) -> dict[str, np.ndarray]:
        """Uncalibrated logits of every head for texts already through the encoder."""
        pooled = np.stack([e.pooled for e in encoded]) if encoded \
            else np.zeros((0, 384), dtype=np.float32)
        return {name: pooled @ w.T + b for name, (w, b) in self.weights.items()}

    def probs(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """Calibrated probabilities of every head, shape (texts, labels)."""
        texts = list(texts)
        return self.probs_of(self.encoder.encode(texts), texts)

    def probs_of(self, encoded: Sequence[Any], texts: Sequence[str]) -> dict[str, np.ndarray]:
        """:meth:`probs` for ``texts`` already through the encoder (``encoded``)."""
        out = {name: softmax(z / self.temperature[name])
               for name, z in self.logits_of(encoded).items()}
        if self.linear and len(texts):
            from .textclf import load_cached, predict_many

            models = {name: load_cached(folder) for name, (folder, _) in self.linear.items()}
            for name, p in predict_many(models, list(texts)).items():
                order = [models[name].labels.index(lab) for lab in self.labels[name]]
                out[name] = blend(out[name], np.asarray(p, dtype=np.float64)[:, order],
                                  self.linear[name][1])
        return out

    def decide(self, task: str, p: np.ndarray) -> str:
        """The label for one text's calibrated probabilities ``p``: the tuned threshold on
        the positive class for binary tasks, the tuned class weights (if any) for the
        others. ``p`` itself stays the calibrated probabilities."""
        labels, threshold = self.labels[task], self.threshold[task]
        if threshold is not None and len(labels) == 2:
            return labels[int(p[1] > threshold)]
        weights = self.class_weights.get(task)
        return labels[int(np.argmax(p * weights if weights is not None else p))]

    def judge(self, texts: Sequence[str], task: str) -> list[Judgement]:
        probs = self.probs(texts)[task]
        labels = self.labels[task]
        return [Judgement(self.decide(task, p), {lab: round(float(v), 4)
                                                 for lab, v in zip(labels, p, strict=True)})
                for p in probs]


@lru_cache(maxsize=4)
def _load_text(folder: str, quantize: bool | None, threads: int) -> TextHeads:
    from .encoder import load_artifact

    config, _ = load_artifact(Path(folder))
    q = bool(config.get("quantize", False)) if quantize is None else quantize
    # The encoder is built once per folder; the decisions are those model.json says now.
    encoder, _, arrays = load_encoder(folder, q, threads)
    return TextHeads(encoder, config, arrays, q, Path(folder))


class StanceHead:
    """Stance toward a named target: the encoder reads ``(target, text)`` as a pair."""

    labels = STANCE_LABELS

    def __init__(self, encoder: Encoder, config: dict[str, Any], arrays: dict[str, np.ndarray],
                 quantized: bool, folder: Path | None = None) -> None:
        self.encoder = encoder
        self.config = config
        self.quantized = quantized
        self.order = [config["labels"].index(lab) for lab in STANCE_LABELS]
        #: The linear model it averages with: its own (``linear_model``, a folder beside
        #: the artifact: experiment runs) or the shipped ``models/stance``.
        own = config.get("linear_model")
        self.linear_dir = str(folder / own) if own and folder is not None else None
        self.weight = arrays["head.stance.weight"].astype(np.float32)
        self.bias = arrays["head.stance.bias"].astype(np.float32)
        self.temperature = float(config["temperature"])
        #: FAVOR or AGAINST only when its calibrated probability reaches this; else NONE.
        self.min_side = float(config.get("min_side", 0.5))
        #: The share of the linear model (``models/stance``) in the probabilities: two
        #: model families err differently, and their average is right more often.
        self.linear_weight = float(config.get("linear_weight", 0.0))
        #: Its share for people the linear model has no expert for (chosen on people held
        #: out of training); the seen share where it was not measured.
        self.linear_weight_unseen = float(config.get("linear_weight_unseen",
                                                     self.linear_weight))

    @classmethod
    def load(cls, folder: str | Path | None = None, *, quantize: bool | None = None,
             threads: int = 1) -> StanceHead:
        return _load_stance(str(folder or ENCODER_DIR / "stance"), quantize, threads)

    @property
    def version(self) -> str:
        blend = (f"+linear{self.linear_weight:g}/{self.linear_weight_unseen:g}"
                 if self.linear_weight or self.linear_weight_unseen else "")
        return (f"stance-{self.config.get('trained_on', '?')}-"
                f"{self.config['encoder_sha256'][:8]}{blend}")

    def logits(self, texts: Sequence[str], targets: Sequence[str]) -> np.ndarray:
        pairs = [(target, text) for text, target in zip(texts, targets, strict=True)]
        encoded = self.encoder.encode(pairs)
        pooled = np.stack([e.pooled for e in encoded]) if encoded else \
            np.zeros((0, 384), dtype=np.float32)
        return (pooled @ self.weight.T + self.bias)[:, self.order]

    def predict_proba(self, texts: Sequence[str], targets: Sequence[str],
                      aliases: Sequence[Sequence[str]] | None = None) -> np.ndarray:
        """Calibrated FAVOR/AGAINST/NONE probabilities, shape (texts, 3): the encoder's,
        averaged with the linear model's (which reads the text with the target's names, and
        ``aliases`` when given, masked): ``linear_weight`` on it for a target it has an
        expert for, ``linear_weight_unseen`` for anyone else."""
        return self.calibrated(self.logits(texts, targets), texts, targets, aliases)

    def calibrated(self, logits: np.ndarray, texts: Sequence[str], targets: Sequence[str],
                   aliases: Sequence[Sequence[str]] | None = None) -> np.ndarray:
        """:meth:`predict_proba` from the encoder's ``logits`` for these texts."""
        from .stance import load_model

        p = softmax(logits / self.temperature)
        if not (self.linear_weight or self.linear_weight_unseen) or not len(p):
            return p
        linear = load_model(self.linear_dir)
        weights = np.array([self.linear_weight if t.lower() in linear.experts
                            else self.linear_weight_unseen for t in targets])[:, None]
        return blend(p, linear_stance_proba(texts, targets, aliases, linear), weights)

    def decide(self, p: np.ndarray, target: str = "") -> int:
        """FAVOR or AGAINST when that side is the most probable and reaches ``min_side``;
        otherwise NONE: the text does not say clearly enough."""
        return self.decide_with(p, self.min_side)

    @staticmethod
    def decide_with(p: np.ndarray, min_side: float) -> int:
        """The decision rule of :meth:`decide` for a given ``min_side``."""
        fav, ag, none = (STANCE_LABELS.index(x) for x in ("FAVOR", "AGAINST", "NONE"))
        side = fav if p[fav] >= p[ag] else ag
        return side if p[side] >= min_side and p[side] >= p[none] else none


def blend(encoder: np.ndarray, linear: np.ndarray, weight: float | np.ndarray) -> np.ndarray:
    """The two models' stance probabilities averaged, ``weight`` on the linear one (one
    share, or one per row as a column)."""
    return (1.0 - weight) * encoder + weight * linear


def linear_stance_proba(texts: Sequence[str], targets: Sequence[str],
                        aliases: Sequence[Sequence[str]] | None = None,
                        model: Any = None) -> np.ndarray:
    """FAVOR/AGAINST/NONE probabilities from a linear stance model (default: the shipped
    ``models/stance``), each text masked for its target as that model expects."""
    from .stance import load_model

    model = model if model is not None else load_model(None)
    names = aliases if aliases is not None else [()] * len(texts)
    masked = [model.mask(text, target, list(extra))
              for text, target, extra in zip(texts, targets, names, strict=True)]
    return np.asarray(model.predict_proba(masked, list(targets)), dtype=np.float64)


@lru_cache(maxsize=4)
def _load_stance(folder: str, quantize: bool | None, threads: int) -> StanceHead:
    from .encoder import load_artifact

    config, _ = load_artifact(Path(folder))
    q = bool(config.get("quantize", False)) if quantize is None else quantize
    # The encoder is built once per folder; the decisions are those model.json says now.
    encoder, _, arrays = load_encoder(folder, q, threads)
    return StanceHead(encoder, config, arrays, q, Path(folder))


#: Token tags of the technique tagger: outside a span, a span's first token, inside one.
TAGS = ("O", "B", "I")


@dataclass(frozen=True)
class SpanGuess:
    """A technique span found in a text: ``text[start:end]``, how sure the tagger is that
    it is a span (``p_span``), its most likely technique and that technique's probability."""

    start: int
    end: int
    p_span: float
    label: str
    p_label: float
    probs: dict[str, float]


class TechniqueTagger:
    """Technique spans from the encoder's token states: a tag head marks the tokens inside
    spans (O/B/I), runs of them become spans (``lo``/``hi``/``gap`` tuned on a held-out
    slice of training articles), and a span head names each span's technique from the mean
    of its tokens and of the whole sentence.

    With a ``blend`` (chosen on the same held-out articles), the tagger reads words, not
    word pieces: each word's P(in span) is averaged with the CRF's marginal (the linear
    technique model, ``models/techniques``, trained on the same articles), runs of words
    become spans at the blend's own thresholds, and each span's technique probabilities are
    averaged with the linear technique classifier's."""

    def __init__(self, config: dict[str, Any], arrays: dict[str, np.ndarray]) -> None:
        t = config["techniques"]
        self.labels: list[str] = list(t["labels"])
        self.lo, self.hi, self.gap = float(t["lo"]), float(t["hi"]), int(t["gap"])
        self.tag_temperature = float(t.get("tag_temperature", 1.0))
        self.label_temperature = float(t.get("label_temperature", 1.0))
        self.tag_w = arrays["head.tags.weight"].astype(np.float32)
        self.tag_b = arrays["head.tags.bias"].astype(np.float32)
        self.span_w = arrays["head.span.weight"].astype(np.float32)
        self.span_b = arrays["head.span.bias"].astype(np.float32)
        #: ``{crf_weight, tc_weight, lo, hi, gap, crf_sha256, ...}`` or None (the tagger
        #: alone).
        self.blend: dict[str, Any] | None = t.get("blend")

    def crf_model(self) -> Any:
        """The linear technique model the blend averages with: the shipped
        ``models/techniques``, which must be the one the blend was chosen with (loaded once
        per process)."""
        from .techniques import MODEL_DIR, fingerprint, load_model

        want = (self.blend or {}).get("crf_sha256")
        if want and fingerprint(str(MODEL_DIR)) != want:
            raise ModelError(f"the technique tagger's blend was chosen with another "
                             f"{MODEL_DIR} than the one installed; run `echoscope train "
                             f"text --calibrate-only` to choose it again", code="E602")
        return load_model(None)

    def word_probs(self, encoded: Any, text: str) -> tuple[list[tuple[int, int, str]],
                                                           np.ndarray, np.ndarray]:
        """The words of ``text`` (as the CRF reads them), and each word's P(in span) from
        the tagger (its highest word piece) and from the CRF."""
        model = self.crf_model()
        toks = model.featurizer.unit_tokens(text, 0, len(text))
        if not toks:
            return toks, np.zeros(0), np.zeros(0)
        return toks, self._piece_max(encoded, toks)[0], model.marginals(toks)

    def _piece_max(self, encoded: Any, toks: Sequence[tuple[int, int, str]]
                   ) -> tuple[np.ndarray, np.ndarray]:
        """Each word's P(in span) from the tagger: that of its most probable word piece
        (0 for a word past the encoder's cut, which has none), and whether it has one."""
        p_piece = 1.0 - self.token_probs(encoded)[:, 0]
        offsets = np.asarray(encoded.offsets, dtype=np.int64).reshape(-1, 2)
        real = offsets[:, 1] > offsets[:, 0]
        starts = np.array([t[0] for t in toks])[:, None]
        ends = np.array([t[1] for t in toks])[:, None]
        overlap = real[None, :] & (offsets[None, :, 1] > starts) & (offsets[None, :, 0] < ends)
        read = np.asarray(overlap.any(axis=1))
        return np.where(overlap, p_piece[None, :], 0.0).max(axis=1), read

    def blended_word_probs(self, encoded: Any, toks: Sequence[tuple[int, int, str]],
                           p_crf: np.ndarray) -> np.ndarray:
        """Each word's P(in span) as the blend reads it: ``1 - crf_weight`` of the tagger's
        and ``crf_weight`` of the CRF's; the CRF's alone for words past the encoder's cut
        (a long text), which the tagger did not read."""
        assert self.blend is not None
        p_enc, read = self._piece_max(encoded, toks)
        w = float(self.blend["crf_weight"])
        return np.where(read, (1.0 - w) * p_enc + w * p_crf, p_crf)

    def span_label_probs(self, encoded: Any, text: str, spans: Sequence[tuple[int, int]]
                         ) -> np.ndarray:
        """Technique probabilities of each ``(start, end)`` span of ``text``: the span
        head's, averaged with the linear classifier's by the blend's ``tc_weight``."""
        if not spans:
            return np.zeros((0, len(self.labels)))
        pieces = [span_tokens(encoded.offsets, s, e) for s, e in spans]
        p = np.stack([self.label_probs(encoded, tokens or [0])
                      for tokens in pieces]).astype(np.float64)
        weight = float((self.blend or {}).get("tc_weight", 0.0))
        if weight:
            model = self.crf_model()
            linear = np.asarray(model.label_proba(text, list(spans)), dtype=np.float64)
            linear = linear[:, [model.tc.labels.index(lab) for lab in self.labels]]
            # A span past the encoder's cut: the span head read none of it.
            shares = np.array([weight if tokens else 1.0 for tokens in pieces])[:, None]
            p = (1.0 - shares) * p + shares * linear
        return p

    def token_probs(self, encoded: Any) -> np.ndarray:
        """P(O), P(B), P(I) of every token of one encoded text."""
        return softmax((encoded.states @ self.tag_w.T + self.tag_b) / self.tag_temperature)

    def label_probs(self, encoded: Any, tokens: Sequence[int]) -> np.ndarray:
        """Calibrated technique probabilities of the span made of ``tokens`` (read from the
        mean, first and last of its word pieces and the mean of its sentence)."""
        span = encoded.states[list(tokens)]
        feats = np.concatenate([span.mean(axis=0), span[0], span[-1], encoded.pooled])
        return softmax((feats @ self.span_w.T + self.span_b) / self.label_temperature)

    def spans_of(self, encoded: Sequence[Any], texts: Sequence[str]) -> list[list[SpanGuess]]:
        """:meth:`spans` of several texts (the blend's CRF reads them as one batch)."""
        if not self.blend:
            return [self.spans(e, t) for e, t in zip(encoded, texts, strict=True)]
        model = self.crf_model()
        toks = [model.featurizer.unit_tokens(t, 0, len(t)) for t in texts]
        live = [i for i, t in enumerate(toks) if t]
        marginals = model.crf.marginals_batch([model.featurizer.features(toks[i])
                                               for i in live])
        p_crf = {i: 1.0 - m[:, model.crf.o] for i, m in zip(live, marginals, strict=True)}
        return [self._blended_spans(encoded[i], texts[i], toks[i], p_crf[i]) if i in p_crf
                else [] for i in range(len(texts))]

    def spans(self, encoded: Any, text: str) -> list[SpanGuess]:
        """The technique spans of one encoded ``text`` (offsets into ``text``)."""
        if self.blend:
            return self.spans_of([encoded], [text])[0]
        p_in = 1.0 - self.token_probs(encoded)[:, 0]
        real = [i for i, (s, e) in enumerate(encoded.offsets) if e > s]
        out = []
        for run in decode_runs([p_in[i] for i in real], self.lo, self.hi, self.gap):
            tokens = [real[k] for k in run]
            start, end = encoded.offsets[tokens[0]][0], encoded.offsets[tokens[-1]][1]
            start, end = _word_bounds(text, start, end)
            p = self.label_probs(encoded, tokens)
            k = int(np.argmax(p))
            out.append(SpanGuess(start, end, round(float(max(p_in[i] for i in tokens)), 4),
                                 self.labels[k], round(float(p[k]), 4),
                                 {lab: round(float(v), 4) for lab, v in zip(self.labels, p,
                                                                            strict=True)}))
        return out

    def _blended_spans(self, encoded: Any, text: str, toks: Sequence[tuple[int, int, str]],
                       p_crf: np.ndarray) -> list[SpanGuess]:
        from .techniques import decode

        assert self.blend is not None
        found = decode(toks, self.blended_word_probs(encoded, toks, p_crf),
                       float(self.blend["lo"]), float(self.blend["hi"]), int(self.blend["gap"]))
        probs = self.span_label_probs(encoded, text, [(s, e) for s, e, _ in found])
        out = []
        for (s, e, peak), p in zip(found, probs, strict=True):
            k = int(np.argmax(p))
            out.append(SpanGuess(s, e, round(float(peak), 4), self.labels[k],
                                 round(float(p[k]), 4),
                                 {lab: round(float(v), 4) for lab, v in zip(self.labels, p,
                                                                            strict=True)}))
        return out


def span_tokens(offsets: Sequence[tuple[int, int]], start: int, end: int) -> list[int]:
    """The word pieces that overlap ``[start, end)``."""
    return [i for i, (s, e) in enumerate(offsets) if e > s and s < end and e > start]


def decode_runs(p: Sequence[float], lo: float, hi: float, gap: int) -> list[list[int]]:
    """Runs of positions with probability above ``lo`` (bridging up to ``gap`` positions
    below it), kept when their peak is above ``hi``."""
    runs: list[list[int]] = []
    current: list[int] = []
    last = -10**9
    for i, v in enumerate(p):
        if v <= lo:
            continue
        if current and i - last <= gap + 1:
            current.extend(range(last + 1, i + 1))
        else:
            if current:
                runs.append(current)
            current = [i]
        last = i
    if current:
        runs.append(current)
    return [r for r in runs if max(p[i] for i in r) > hi]


def _word_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """A span widened to whole words (word pieces cut words in two)."""
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    return start, end
