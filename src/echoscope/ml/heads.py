"""The heads over the shared encoder, at inference: calibrated probabilities and decisions.

- :class:`TextHeads` — sentiment, offensive, irony and hypocrisy from one encoder pass
  per text (``models/encoder/text``), each averaged with its task's linear n-gram model
  where held-out data chose a share for it (``linear_weight``);
- :class:`StanceHead` — stance toward a named target, reading ``(target, text)`` as a pair
  (``models/encoder/stance``), averaged with the linear target-masked model
  (``models/stance``) by the weight chosen on validation data (``linear_weight``);
- :class:`TechniqueTagger` — technique spans from the text heads' encoder pass, blended
  with the CRF of ``models/techniques``;
- :class:`TechniqueNamer` — the technique of a span, reading ``(span, the text around it)``
  as a pair (``models/encoder/techniques``), averaged with the linear technique
  classifier.

Probabilities are calibrated (temperature scaling fitted on held-out data by
``echoscope train``); decisions use the thresholds chosen there, and stance says NONE when
neither side is probable enough.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from ..doc import STANCE_LABELS
from ..errors import ConfigError, ModelError
from ..text.targets import stand_in as stand_in_names
from .encoder import (
    DEFAULT_PRECISION,
    ENCODER_DIR,
    PRECISIONS,
    QUANTIZED,
    Encoder,
    exact_int8,
    load_encoder,
)


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


@dataclass(frozen=True)
class Judgement:
    """One head's reading of one text: its label and every label's calibrated probability."""

    label: str
    probs: dict[str, float]
    #: For sentiment: whether the label is sure enough to show (:meth:`TextHeads.sure`).
    sure: bool | None = None


def _precision(precision: str) -> str:
    """A model version's last part: how its encoder ran (nothing for float32)."""
    return "" if precision == "float32" else f"+{precision}"


def resolve_precision(config: dict[str, Any], precision: str | None) -> str:
    """``precision``, or where it is None or ``auto`` the artifact's own (``model.json``
    ``precision``), else :data:`~.encoder.DEFAULT_PRECISION` — float32 instead of a
    precision with int8 in it where this CPU's int8 products may saturate
    (:func:`~.encoder.exact_int8`: the int8 defaults were chosen where they do not)."""
    auto = precision in (None, "auto")
    chosen = precision if not auto else config.get("precision") or DEFAULT_PRECISION
    if chosen not in PRECISIONS:
        raise ConfigError(f"unknown encoder precision {chosen!r}; one of "
                          f"{', '.join(PRECISIONS)}", code="E101")
    if auto and chosen in QUANTIZED and not exact_int8():
        return "float32"
    return str(chosen)


class TextHeads:
    """Sentiment, offensive, irony and hypocrisy over one adapted encoder."""

    def __init__(self, encoder: Encoder, config: dict[str, Any], arrays: dict[str, np.ndarray],
                 precision: str, folder: Path | None = None) -> None:
        self.encoder = encoder
        self.config = config
        self.precision = precision
        self.tasks = config["tasks"]
        self.labels = {name: list(t["labels"]) for name, t in self.tasks.items()}
        self.temperature = {name: float(t["temperature"]) for name, t in self.tasks.items()}
        self.threshold = {name: t.get("threshold") for name, t in self.tasks.items()}
        #: Multi-class tasks: a weight per label applied to the calibrated probabilities
        #: before the argmax (chosen on validation data for the task's metric), or None.
        self.class_weights = {name: (np.asarray(t["class_weights"], dtype=np.float64)
                                     if t.get("class_weights") else None)
                              for name, t in self.tasks.items()}
        #: Multi-class tasks: per label the probability above which it is sure enough to
        #: be shown (``sure_thresholds``, chosen on validation data); None for an artifact
        #: calibrated before they were.
        self.sure_thresholds = {name: ({lab: float(v["threshold"])
                                        for lab, v in t["sure_thresholds"].items()
                                        if lab in t["labels"]}
                                       if t.get("sure_thresholds") else None)
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
    def load(cls, folder: str | Path | None = None, *, precision: str | None = None,
             threads: int = 1) -> TextHeads:
        """The text heads in ``folder`` (default: shipped); ``precision`` (float32, mixed,
        int8; None or auto: the artifact's own, :func:`resolve_precision`)."""
        return _load_text(str(folder or ENCODER_DIR / "text"), precision, threads)

    @property
    def version(self) -> str:
        blend = "".join(f"+{name}-linear{w:g}" for name, (_, w) in sorted(self.linear.items()))
        if self.tagger is not None and self.tagger.blend:
            blend += (f"+techniques-crf{self.tagger.blend['crf_weight']:g}/"
                      f"{self.tagger.blend['tc_weight']:g}")
        blend += "".join(f"+{name}-refit{r.get('on', '?')}" for name, r in
                         sorted((self.config.get("refit_heads") or {}).items()))
        smoothed = "-smoothed" if self.encoder.smoothed else ""
        return (f"text-{self.config.get('trained_on', '?')}-"
                f"{self.config['encoder_sha256'][:8]}{blend}{_precision(self.precision)}"
                f"{smoothed}")

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

    def sure(self, task: str, label: str, p: np.ndarray) -> bool | None:
        """Is ``label`` (the one :meth:`decide` gave) sure enough to show for these
        calibrated probabilities ``p`` (its probability above its own sure threshold)? None
        for a task or an artifact without such thresholds."""
        thresholds = self.sure_thresholds.get(task)
        if thresholds is None or label not in thresholds:
            return None
        return bool(p[self.labels[task].index(label)] > thresholds[label])

    def judge(self, texts: Sequence[str], task: str) -> list[Judgement]:
        probs = self.probs(texts)[task]
        labels = self.labels[task]
        out = []
        for p in probs:
            label = self.decide(task, p)
            out.append(Judgement(label, {lab: round(float(v), 4)
                                         for lab, v in zip(labels, p, strict=True)},
                                 self.sure(task, label, p)))
        return out


@lru_cache(maxsize=4)
def _load_text(folder: str, precision: str | None, threads: int) -> TextHeads:
    from .encoder import load_artifact

    config, _ = load_artifact(Path(folder))
    q = resolve_precision(config, precision)
    # The encoder is built once per folder; the decisions are those model.json says now.
    encoder, _, arrays = load_encoder(folder, q, threads)
    return TextHeads(encoder, config, arrays, q, Path(folder))


class StanceHead:
    """Stance toward a named target: the encoder reads ``(target, text)`` as a pair."""

    labels = STANCE_LABELS

    def __init__(self, encoder: Encoder, config: dict[str, Any], arrays: dict[str, np.ndarray],
                 precision: str, folder: Path | None = None, threads: int = 1, *,
                 requested: str | None = None) -> None:
        self.encoder = encoder
        self.config = config
        self.precision = precision
        #: The precision asked for (None or auto: each artifact's own), which the text
        #: heads its sentiment member reads run at.
        self.requested = requested
        self.threads = threads
        self.order = [config["labels"].index(lab) for lab in STANCE_LABELS]
        #: The linear model it averages with: its own (``linear_model``, a folder beside
        #: the artifact: experiment runs) or the shipped ``models/stance``.
        own = config.get("linear_model")
        self.linear_dir = str(folder / own) if own and folder is not None else None
        self.weight = arrays["head.stance.weight"].astype(np.float32)
        self.bias = arrays["head.stance.bias"].astype(np.float32)
        self.temperature = float(config["temperature"])
        #: FAVOR or AGAINST only when its calibrated probability reaches this; else NONE
        #: (chosen for precision on held-out tweets that may take no side).
        self.min_side = float(config.get("min_side", 0.5))
        #: The level that maximises macro-F1 there: the benchmark figure's (F_avg, the
        #: measure published results use), never the analyzers'.
        self.min_side_f1 = float(config.get("min_side_f1", self.min_side))
        #: The same for a target no stance model saw in training (no linear expert): a
        #: side said about someone new must be as likely right as one about someone known
        #: (chosen on people held out of training); ``min_side`` where not measured.
        self.min_side_unseen = max(self.min_side,
                                   float(config.get("min_side_unseen", self.min_side)))
        #: The share of the linear model (``models/stance``) in the probabilities: two
        #: model families err differently, and their average is right more often.
        self.linear_weight = float(config.get("linear_weight", 0.0))
        #: The temperature on the average's logarithms for targets the linear model has an
        #: expert for (:func:`rescaled`, chosen on validation rows after the share); 1
        #: where not chosen. Targets no model saw keep the average as it is: their level is
        #: chosen on it directly.
        self.blend_temperature = float(config.get("blend_temperature", 1.0))
        #: Its share for people the linear model has no expert for (chosen on people held
        #: out of training); the seen share where it was not measured.
        self.linear_weight_unseen = float(config.get("linear_weight_unseen",
                                                     self.linear_weight))
        #: For people no model saw, in posts: the text's sentiment as a third member
        #: (:func:`with_sentiment`; ``{coef, intercept, share, text_sha256,
        #: min_side_unseen}``, fitted and chosen on held-out people's tweets), or None.
        #: Quotations and an article's prose are not what it was measured on (there a
        #: report of someone's win reads as praise): they go without it, at
        #: ``min_side_unseen``.
        self.sentiment: dict[str, Any] | None = config.get("sentiment_unseen")
        #: The level a side needs about someone new in a post, with that member.
        self.min_side_unseen_posts = max(self.min_side, float(
            (self.sentiment or {}).get("min_side_unseen", self.min_side_unseen)))
        #: The text heads whose sentiment that member reads.
        self.text_dir = text_dir_beside(folder)
        #: Read a text about a person the linear model has no expert for with their names
        #: replaced by a made-up one (:func:`~echoscope.text.targets.stand_in`), as
        #: training showed it people (chosen on people held out of training,
        #: ``unseen_stand_in``); else as written.
        self.stand_in = bool(config.get("unseen_stand_in", False))

    @classmethod
    def load(cls, folder: str | Path | None = None, *, precision: str | None = None,
             threads: int = 1) -> StanceHead:
        return _load_stance(str(folder or ENCODER_DIR / "stance"), precision, threads)

    @property
    def version(self) -> str:
        blend = (f"+linear{self.linear_weight:g}/{self.linear_weight_unseen:g}"
                 if self.linear_weight or self.linear_weight_unseen else "")
        if self.blend_temperature != 1.0:
            blend += f"+T{self.blend_temperature:g}"
        if self.sentiment:
            blend += f"+sentiment{self.sentiment['share']:g}"
        if self.stand_in:
            blend += "+standin"
        return (f"stance-{self.config.get('trained_on', '?')}-"
                f"{self.config['encoder_sha256'][:8]}{blend}{_precision(self.precision)}")

    def logits(self, texts: Sequence[str], targets: Sequence[str],
               aliases: Sequence[Sequence[str]] | None = None,
               stand_in: Sequence[bool] | None = None) -> np.ndarray:
        """The encoder's logits for each ``(target, text)`` pair; where ``stand_in`` (per
        text) says so, the target's names (and ``aliases``) replaced by a made-up one."""
        if stand_in is not None and any(stand_in):
            texts, targets = list(texts), list(targets)
            for i in map(int, np.flatnonzero(np.asarray(stand_in, dtype=bool))):
                names = list(aliases[i] or []) if aliases is not None else []
                texts[i], targets[i] = stand_in_names(texts[i], targets[i], names)
        pairs = [(target, text) for text, target in zip(texts, targets, strict=True)]
        encoded = self.encoder.encode(pairs)
        pooled = np.stack([e.pooled for e in encoded]) if encoded else \
            np.zeros((0, 384), dtype=np.float32)
        return (pooled @ self.weight.T + self.bias)[:, self.order]

    def predict_proba(self, texts: Sequence[str], targets: Sequence[str],
                      aliases: Sequence[Sequence[str]] | None = None,
                      posts: Sequence[bool] | None = None,
                      persons: Sequence[bool] | None = None) -> np.ndarray:
        """Calibrated FAVOR/AGAINST/NONE probabilities, shape (texts, 3): the encoder's,
        averaged with the linear model's (which reads the text with the target's names, and
        ``aliases`` when given, masked): ``linear_weight`` on it for a target it has an
        expert for, ``linear_weight_unseen`` for anyone else — and for anyone else in a
        text that is a post (``posts``, per text; default all), the text's sentiment
        (``sentiment_unseen``). ``persons`` (per text; default none): whether the target
        is a person, whose names the encoder reads replaced by a made-up one where the
        linear model has no expert for them and the artifact says so (:meth:`stands_in`);
        a topic keeps its words."""
        return self.calibrated(
            self.logits(texts, targets, aliases, self.stands_in(targets, persons)),
            texts, targets, aliases, posts)

    def stands_in(self, targets: Sequence[str], persons: Sequence[bool] | None = None
                  ) -> list[bool]:
        """Per target: is it read under a made-up name? Only where the artifact says so
        (``unseen_stand_in``), for a target the caller says is a person (``persons``; none
        by default: renaming a topic's words would garble it) and the linear model has no
        expert for (most people an article names; the encoder may have trained on a few of
        them, as on the multi-target set's Ted Cruz)."""
        if persons is not None and len(persons) != len(targets):
            raise ValueError(f"{len(persons)} person flags for {len(targets)} targets")
        if not self.stand_in or persons is None:
            return [False] * len(targets)
        return [bool(persons[i]) and not self.seen(t) for i, t in enumerate(targets)]

    def calibrated(self, logits: np.ndarray, texts: Sequence[str], targets: Sequence[str],
                   aliases: Sequence[Sequence[str]] | None = None,
                   posts: Sequence[bool] | None = None) -> np.ndarray:
        """:meth:`predict_proba` from the encoder's ``logits`` for these texts."""
        from .stance import load_model

        p = softmax(logits / self.temperature)
        has_member = bool(self.sentiment and self.sentiment["share"])
        if not (self.linear_weight or self.linear_weight_unseen or has_member
                or self.blend_temperature != 1.0) or not len(p):
            return p
        if posts is not None and len(posts) != len(p):
            raise ValueError(f"{len(posts)} post flags for {len(p)} texts")
        seen = np.array([self.seen(t) for t in targets])
        if self.linear_weight or self.linear_weight_unseen:
            lin = linear_stance_proba(texts, targets, aliases, load_model(self.linear_dir))
        else:
            lin = p
        p = averaged(p, lin, seen, self.linear_weight, self.linear_weight_unseen,
                     self.blend_temperature)
        member = ~seen if posts is None else ~seen & np.asarray(posts, dtype=bool)
        if self.sentiment and has_member and member.any():
            new = [int(i) for i in np.flatnonzero(member)]
            p[new] = with_sentiment(p[new], self.polarity([texts[i] for i in new]),
                                    self.sentiment)
        return p

    def polarity(self, texts: Sequence[str]) -> np.ndarray:
        """P(positive) - P(negative) of each text, from the text heads the sentiment
        member was fitted with (checked: other heads are error E602), at the precision asked
        of this head (auto: the text heads' own, as the classify step runs them). Where the
        classify step uses the same text heads at the same precision (as shipped), the full
        profile has just encoded these posts, so the encoder does not run again."""
        heads = TextHeads.load(self.text_dir, precision=self.requested, threads=self.threads)
        assert self.sentiment is not None
        if text_fingerprint(self.text_dir) != self.sentiment["text_sha256"]:
            raise ModelError(f"the stance head's sentiment member was fitted with other text "
                             f"heads than those in {self.text_dir}; run `echoscope train "
                             f"stance --unseen-only` to fit it again", code="E602")
        return sentiment_polarity(heads, heads.probs(texts)["sentiment"])

    def seen(self, target: str) -> bool:
        """Did the training data have stance toward ``target`` (the linear model it averages
        with has an expert for that name)?"""
        from .stance import load_model

        return target.lower() in load_model(self.linear_dir).experts

    def decide(self, p: np.ndarray, target: str, strict: bool = True,
               post: bool = True) -> int:
        """FAVOR or AGAINST when that side is the most probable and reaches ``min_side``
        (for a target never seen in training, unless not ``strict``: the level chosen with
        the sentiment member in a ``post``, ``min_side_unseen`` elsewhere); otherwise
        NONE: the text does not say clearly enough."""
        return self.decide_with(p, self.level(target, strict, post))

    def level(self, target: str, strict: bool = True, post: bool = True) -> float:
        """The probability a side toward ``target`` needs in :meth:`decide`."""
        if not strict or self.seen(target):
            return self.min_side
        return self.min_side_unseen_posts if post else self.min_side_unseen

    @staticmethod
    def decide_with(p: np.ndarray, min_side: float) -> int:
        """The decision rule of :meth:`decide` for a given ``min_side``."""
        fav, ag, none = (STANCE_LABELS.index(x) for x in ("FAVOR", "AGAINST", "NONE"))
        side = fav if p[fav] >= p[ag] else ag
        return side if p[side] >= min_side and p[side] >= p[none] else none


def text_dir_beside(folder: Path | None) -> str:
    """The text heads a stance artifact in ``folder`` reads sentiment from: those beside
    it (``../text``), else the shipped ones."""
    beside = folder.parent / "text" if folder is not None else None
    if beside is not None and (beside / "model.json").exists():
        return str(beside)
    return str(ENCODER_DIR / "text")


def sentiment_polarity(heads: TextHeads, p: np.ndarray) -> np.ndarray:
    """P(positive) - P(negative) from the text heads' sentiment probabilities ``p``."""
    labels = heads.labels["sentiment"]
    return np.asarray(p[:, labels.index("positive")] - p[:, labels.index("negative")],
                      dtype=np.float64)


def with_sentiment(p: np.ndarray, polarity: np.ndarray, member: dict[str, Any]) -> np.ndarray:
    """Stance probabilities ``p`` (FAVOR/AGAINST/NONE rows) with the text's sentiment as a
    member: a logistic map of its ``polarity`` (``coef``, ``intercept``) gives P(FAVOR) of
    the two sides, which takes ``share`` of the probability ``p`` gives the sides; NONE keeps
    its own. Sentiment does not know whom a text is about, so it only ever moves mass
    between the sides, and only for people no model saw (where it was measured)."""
    fav, ag = STANCE_LABELS.index("FAVOR"), STANCE_LABELS.index("AGAINST")
    u = float(member["share"])
    q = 1.0 / (1.0 + np.exp(-(float(member["coef"]) * np.asarray(polarity, dtype=np.float64)
                              + float(member["intercept"]))))
    sides = p[:, fav] + p[:, ag]
    out = np.array(p, dtype=np.float64, copy=True)
    out[:, fav] = (1.0 - u) * p[:, fav] + u * sides * q
    out[:, ag] = (1.0 - u) * p[:, ag] + u * sides * (1.0 - q)
    return out


#: What a text task's calibrated probabilities depend on in ``model.json`` (the rest —
#: thresholds, class weights, validation figures — is decisions and records).
PROBABILITY_KEYS = ("labels", "temperature", "linear_weight", "linear_model")


def text_fingerprint(folder: str) -> str:
    """sha256 of what the text heads' sentiment probabilities depend on: the adapters and
    the sentiment head (array values, not the file: another head refitted, or the same
    arrays saved again, leave it as it was), the sentiment task's calibration in
    ``model.json``, and its linear model's files. Computed again when those files change."""
    path = Path(folder)
    stamps = tuple((path / name).stat().st_mtime_ns if (path / name).exists() else 0
                   for name in ("weights.npz", "model.json"))
    return _fingerprint(str(path), stamps)


@lru_cache(maxsize=4)
def _fingerprint(folder: str, stamps: tuple[int, ...]) -> str:
    import hashlib
    import json

    path = Path(folder)
    h = hashlib.sha256()
    try:
        with np.load(path / "weights.npz") as arrays:
            for key in sorted(k for k in arrays.files
                              if ".lora_" in k or k.startswith("head.sentiment.")):
                value = np.ascontiguousarray(arrays[key])
                h.update(f"{key}:{value.dtype}:{value.shape}".encode() + value.tobytes())
        task = json.loads((path / "model.json").read_text("utf-8"))["tasks"]["sentiment"]
        h.update(json.dumps({k: task.get(k) for k in PROBABILITY_KEYS}, sort_keys=True)
                 .encode())
        if task.get("linear_model"):
            for f in sorted((path / task["linear_model"]).iterdir()):
                h.update(f.name.encode() + f.read_bytes())
    except (OSError, KeyError, ValueError) as exc:
        raise ModelError(f"cannot read the text heads in {folder}: {exc}", code="E601") \
            from None
    return h.hexdigest()


def blend(encoder: np.ndarray, linear: np.ndarray, weight: float | np.ndarray) -> np.ndarray:
    """The two models' stance probabilities averaged, ``weight`` on the linear one (one
    share, or one per row as a column)."""
    return (1.0 - weight) * encoder + weight * linear


def rescaled(p: np.ndarray, temperature: float) -> np.ndarray:
    """Probabilities ``p`` calibrated again: a temperature on their logarithms. An average
    of calibrated models is less sure than it should be (linear pooling), so the stance
    head's average gets its own temperature."""
    if temperature == 1.0 or not len(p):
        return p
    return softmax(np.log(np.clip(p, 1e-12, None)) / temperature)


def averaged(encoder: np.ndarray, linear: np.ndarray, seen: np.ndarray, weight: float,
             weight_unseen: float, blend_temperature: float) -> np.ndarray:
    """The stance head's two models made one, as it serves them and as its calibration
    chooses on them: averaged per row, ``weight`` on the linear model for a target it has an
    expert for (``seen``), ``weight_unseen`` for anyone else; then the average for the seen
    targets :func:`rescaled` by ``blend_temperature``. New arrays; the inputs are kept."""
    p = blend(encoder, linear, np.where(seen, weight, weight_unseen)[:, None])
    if blend_temperature != 1.0 and seen.any():
        p[seen] = rescaled(p[seen], blend_temperature)
    return p


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
def _load_stance(folder: str, precision: str | None, threads: int) -> StanceHead:
    from .encoder import load_artifact

    config, _ = load_artifact(Path(folder))
    q = resolve_precision(config, precision)
    # The encoder is built once per folder; the decisions are those model.json says now.
    encoder, _, arrays = load_encoder(folder, q, threads)
    return StanceHead(encoder, config, arrays, q, Path(folder), threads, requested=precision)


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


#: Where a text sits: the document it is part of, and the offset it starts at there.
Context = tuple[str, int]
#: A span found, before it is named: ``(start, end, P(span), its word pieces)`` (the pieces
#: when the tagger alone found it, else None).
Found = tuple[int, int, float, list[int] | None]


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
        return linear_technique_model((self.blend or {}).get("crf_sha256"),
                                      "technique tagger's blend",
                                      "echoscope train text --calibrate-only")

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

    def span_label_probs(self, encoded: Any, text: str, spans: Sequence[tuple[int, int]],
                         namer: TechniqueNamer | None = None, context: Context | None = None
                         ) -> np.ndarray:
        """Technique probabilities of each ``(start, end)`` span of ``text``: the
        ``namer``'s when given (with the text's ``context``: :meth:`TechniqueNamer.probs`);
        else the span head's, averaged with the linear classifier's by the blend's
        ``tc_weight``."""
        if not spans:
            return np.zeros((0, len(self.labels)))
        if namer is not None:
            return namer.probs(text, spans, context=context)[
                :, [namer.labels.index(lab) for lab in self.labels]]
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

    def spans_of(self, encoded: Sequence[Any], texts: Sequence[str],
                 namer: TechniqueNamer | Callable[[], TechniqueNamer | None] | None = None,
                 min_span: float = 0.0, contexts: Sequence[Context] | None = None
                 ) -> list[list[SpanGuess]]:
        """:meth:`spans` of several texts (the blend's CRF reads them as one batch, and a
        ``namer`` names all their spans in one encoder run). A ``namer`` names the spans
        instead of the span head, reading each text in its ``context`` (where it sits in
        its document) when given; it may be a function that loads one, called only when
        there is a span to name. Spans whose P(span) is below ``min_span`` are dropped
        before they are named (a caller that keeps P(span) x P(label) from a score needs
        none below it)."""
        found = [self._find(e, t, min_span) for e, t in zip(encoded, texts, strict=True)] \
            if not self.blend else self._find_blended(encoded, texts, min_span)
        if callable(namer):
            namer = namer() if any(found) else None
        if namer is not None:
            order = [namer.labels.index(lab) for lab in self.labels]
            probs = [p[:, order] for p in namer.probs_many(
                [(t, [(s, e) for s, e, _, _ in f]) for t, f in zip(texts, found, strict=True)],
                contexts)]
        else:
            probs = [self._own_label_probs(e, t, f)
                     for e, t, f in zip(encoded, texts, found, strict=True)]
        return [[SpanGuess(s, e, round(float(peak), 4), self.labels[int(np.argmax(p))],
                           round(float(p.max()), 4),
                           {lab: round(float(v), 4) for lab, v in zip(self.labels, p,
                                                                      strict=True)})
                 for (s, e, peak, _), p in zip(spans, ps, strict=True)]
                for spans, ps in zip(found, probs, strict=True)]

    def spans(self, encoded: Any, text: str, namer: TechniqueNamer | None = None
              ) -> list[SpanGuess]:
        """The technique spans of one encoded ``text`` (offsets into ``text``)."""
        return self.spans_of([encoded], [text], namer)[0]

    def _find(self, encoded: Any, text: str, min_span: float) -> list[Found]:
        """The tagger alone: runs of word pieces, widened to whole words."""
        p_in = 1.0 - self.token_probs(encoded)[:, 0]
        real = [i for i, (s, e) in enumerate(encoded.offsets) if e > s]
        out: list[Found] = []
        for run in decode_runs([p_in[i] for i in real], self.lo, self.hi, self.gap):
            tokens = [real[k] for k in run]
            peak = float(max(p_in[i] for i in tokens))
            if peak < min_span:
                continue
            start, end = _word_bounds(text, encoded.offsets[tokens[0]][0],
                                      encoded.offsets[tokens[-1]][1])
            out.append((start, end, peak, tokens))
        return out

    def _find_blended(self, encoded: Sequence[Any], texts: Sequence[str], min_span: float
                      ) -> list[list[Found]]:
        """The blend: runs of words by the averaged P(in span), the CRF run once for all
        ``texts``."""
        from .techniques import decode

        assert self.blend is not None
        model = self.crf_model()
        toks = [model.featurizer.unit_tokens(t, 0, len(t)) for t in texts]
        live = [i for i, t in enumerate(toks) if t]
        p_crf = dict(zip(live, model.in_span([toks[i] for i in live]), strict=True))
        lo, hi, gap = float(self.blend["lo"]), float(self.blend["hi"]), int(self.blend["gap"])
        return [[(s, e, peak, None) for s, e, peak in decode(
                    toks[i], self.blended_word_probs(encoded[i], toks[i], p_crf[i]), lo, hi, gap)
                 if peak >= min_span] if i in p_crf else [] for i in range(len(texts))]

    def _own_label_probs(self, encoded: Any, text: str, found: Sequence[Found]) -> np.ndarray:
        """Technique probabilities from the tagger's span head (blended, by its word pieces
        and the linear classifier; alone, by the run's own pieces)."""
        if self.blend:
            return self.span_label_probs(encoded, text, [(s, e) for s, e, _, _ in found])
        rows = [self.label_probs(encoded, tokens or [0]) for _, _, _, tokens in found]
        return np.stack(rows) if rows else np.zeros((0, len(self.labels)))


def linear_technique_model(want_sha256: str | None, who: str, remedy: str) -> Any:
    """The shipped linear technique model (``models/techniques``: CRF and classifier),
    checked to be the one ``who`` was chosen with (its sha256, when recorded): another is
    error E602, whose message says to run ``remedy``."""
    from .techniques import MODEL_DIR, fingerprint, load_model

    if want_sha256 and fingerprint(str(MODEL_DIR)) != want_sha256:
        raise ModelError(f"the {who} was chosen with another {MODEL_DIR} than the one "
                         f"installed; run `{remedy}` to choose it again", code="E602")
    return load_model(None)


#: The most characters of a span the namer reads (a span longer than the encoder's cut
#: is named from its beginning).
NAMER_SPAN_CHARS = 600


def namer_input(text: str, start: int, end: int, window: int) -> tuple[str, str]:
    """What the namer reads for the span ``text[start:end]``: the span, and the text
    around it (``window`` characters either side, within ``text``)."""
    return (text[start:end][:NAMER_SPAN_CHARS],
            text[max(0, start - window):min(len(text), end + window)])


def namer_features(encoded: Any) -> np.ndarray:
    """What the namer's head reads from one encoded ``(span, context)`` pair: the mean of
    the span's side (``[CLS]``, its word pieces and the first ``[SEP]``; all of it when the
    pair was cut inside the span) and the mean of the whole pair."""
    offsets = encoded.offsets
    sep = next((i for i in range(1, len(offsets)) if offsets[i][1] <= offsets[i][0]),
               len(offsets) - 1)
    return np.concatenate([encoded.states[:sep + 1].mean(axis=0), encoded.pooled])


class TechniqueNamer:
    """The technique of a span: an adapted encoder reads ``(span, the text around it)`` as
    a pair, a head names one of the 14 PTC techniques from the span's side and the whole
    pair; the calibrated probabilities are averaged with the linear technique classifier's
    (``models/techniques``) by ``linear_weight``, chosen on held-out articles."""

    def __init__(self, encoder: Encoder, config: dict[str, Any], arrays: dict[str, np.ndarray],
                 precision: str) -> None:
        self.encoder = encoder
        self.config = config
        self.precision = precision
        self.labels: list[str] = list(config["labels"])
        self.window = int(config["window"])
        self.temperature = float(config.get("temperature", 1.0))
        self.linear_weight = float(config.get("linear_weight", 0.0))
        self.weight = arrays["head.namer.weight"].astype(np.float32)
        self.bias = arrays["head.namer.bias"].astype(np.float32)

    @classmethod
    def load(cls, folder: str | Path | None = None, *, precision: str | None = None,
             threads: int = 1) -> TechniqueNamer:
        return _load_namer(str(folder or ENCODER_DIR / "techniques"), precision, threads)

    @property
    def version(self) -> str:
        return (f"namer-{self.config.get('trained_on', '?')}-"
                f"{self.config['encoder_sha256'][:8]}+linear{self.linear_weight:g}"
                f"{_precision(self.precision)}")

    def logits(self, text: str, spans: Sequence[tuple[int, int]]) -> np.ndarray:
        """Uncalibrated technique logits of each ``(start, end)`` span of ``text``."""
        return self._logits_of([namer_input(text, s, e, self.window) for s, e in spans])

    def _logits_of(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        if not pairs:
            return np.zeros((0, len(self.labels)), dtype=np.float32)
        feats = np.stack([namer_features(e) for e in self.encoder.encode(pairs)])
        return feats @ self.weight.T + self.bias

    def probs(self, text: str, spans: Sequence[tuple[int, int]],
              logits: np.ndarray | None = None, context: Context | None = None
              ) -> np.ndarray:
        """Calibrated technique probabilities of each ``(start, end)`` span of ``text``,
        averaged with the linear classifier's (:meth:`linear_probs`, with the text's
        ``context``); ``logits``: the namer's, when already computed."""
        z = self.logits(text, spans) if logits is None else logits
        return self._served(z, [(text, spans)], [context])

    def probs_many(self, items: Sequence[tuple[str, Sequence[tuple[int, int]]]],
                   contexts: Sequence[Context | None] | None = None) -> list[np.ndarray]:
        """:meth:`probs` of the spans of several texts (``(text, spans)`` each, and each
        text's ``context``): all their pairs through the encoder in one run, the linear
        classifier once per document."""
        z = self._logits_of([namer_input(text, s, e, self.window) for text, spans in items
                             for s, e in spans])
        p = self._served(z, items, contexts)
        bounds = np.cumsum([0] + [len(spans) for _, spans in items])
        return [p[bounds[i]:bounds[i + 1]] for i in range(len(items))]

    def _served(self, z: np.ndarray, items: Sequence[tuple[str, Sequence[tuple[int, int]]]],
                contexts: Sequence[Context | None] | None) -> np.ndarray:
        p = softmax(z / self.temperature).astype(np.float64)
        if not self.linear_weight or not len(p):
            return p
        return blend(p, self.linear_probs(items, contexts), self.linear_weight)

    def linear_probs(self, items: Sequence[tuple[str, Sequence[tuple[int, int]]]],
                     contexts: Sequence[Context | None] | None = None) -> np.ndarray:
        """The linear technique classifier's probabilities of every span of ``items``, in
        order, in this namer's label order. That classifier was trained on spans in their
        whole article (it counts how often a span recurs there: Repetition): with a
        text's ``context`` — the document it is part of and where it starts — it reads its
        spans so, with the text as their sentence, once per document; without, the text is
        all it sees (and the line around a span its sentence)."""
        from .techniques import sentence_bounds

        model = linear_technique_model(self.config.get("crf_sha256"), "technique namer",
                                       "echoscope train techniques-namer --calibrate-only")
        by_document: dict[int, tuple[str, list[int], list[tuple[int, int]],
                                     list[tuple[int, int]]]] = {}
        row = 0
        for i, (text, spans) in enumerate(items):
            context = contexts[i] if contexts else None
            document, at = context if context is not None else (text, 0)
            _, rows, placed, units = by_document.setdefault(id(document),
                                                            (document, [], [], []))
            for s, e in spans:
                rows.append(row)
                placed.append((at + s, at + e))
                units.append((at, at + len(text)) if context is not None
                             else sentence_bounds(text, s, e, None))
                row += 1
        out = np.zeros((row, len(self.labels)))
        order = [model.tc.labels.index(lab) for lab in self.labels]
        for document, rows, placed, units in by_document.values():
            out[rows] = np.asarray(model.label_proba(document, placed, span_units=units),
                                   dtype=np.float64)[:, order]
        return out


@lru_cache(maxsize=4)
def _load_namer(folder: str, precision: str | None, threads: int) -> TechniqueNamer:
    from .encoder import load_artifact

    config, _ = load_artifact(Path(folder))
    if config.get("kind") != "technique_namer":
        raise ModelError(f"{folder} holds no technique namer", code="E601")
    q = resolve_precision(config, precision)
    encoder, _, arrays = load_encoder(folder, q, threads)
    return TechniqueNamer(encoder, config, arrays, q)


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
