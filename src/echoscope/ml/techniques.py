"""Persuasion techniques at span level: the model that tags them (inference only).

Two stages, as in SemEval-2020 Task 11 (the PTC taxonomy of 14 techniques):

* **SI** (span identification): a linear-chain CRF (:class:`~echoscope.ml.crf.LinearChainCRF`)
  tags the tokens of each sentence ``B-<technique>``/``I-<technique>``/``O``; features are
  the word and its neighbours, shape, suffix, subjectivity-lexicon classes and word
  clusters at three granularities (k-means over the ``wordllama`` static embeddings, so
  unseen words still land in a cluster). Spans are runs of tokens whose marginal
  P(not O) passes ``lo``, kept when their peak passes ``hi``.
* **TC** (technique classification): a multinomial logistic regression over the span's
  word and character n-grams, the words of its sentence, and a few shape features.

The artifact is plain files: ``si.npz``, ``clusters.npz``, ``tc.npz`` and ``model.json`` -
nothing is unpickled. Training and scoring live in :mod:`echoscope.train.techniques`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from ..doc import Technique
from ..errors import ModelError
from . import LEXICONS_DIR, MODELS_DIR
from .crf import LinearChainCRF
from .embeddings import wordllama

MODEL_DIR = MODELS_DIR / "techniques"
FEATURES_VERSION = 1


TOKEN = re.compile(r"\w+(?:'\w+)?|[^\w\s]")


_LINE = re.compile(r"[^\n]+")


_STOP = frozenset(
    "the a an of to in and or for on at by with from as is was are were be been it its this "
    "that these those he she they we you i his her their our your not but if so than then "
    "there here have has had do does did will would can could should may might must who "
    "which what when where how all any some no more most other such only also into over "
    "after before about".split())


_QUOTES = frozenset('"“”‘’\'')


_LEXICONS = ("bias", "negative", "positive", "hedges", "assertives", "factives",
             "report_verbs")


def lines(text: str) -> list[tuple[int, int]]:
    """PTC's units: one sentence per line."""
    return [m.span() for m in _LINE.finditer(text) if m.group().strip()]


# -- features --------------------------------------------------------------------------
def _shape(word: str) -> str:
    if len(word) > 1 and word.isupper():
        return "UP"
    if word[:1].isupper():
        return "Cap"
    if word.isdigit():
        return "D"
    if word.isalpha():
        return "a"
    return word if len(word) == 1 else "x"


def _load_lexicons() -> dict[str, tuple[str, ...]]:
    folder = LEXICONS_DIR
    classes: dict[str, list[str]] = {}
    for name in _LEXICONS:
        for word in (folder / f"{name}.txt").read_text("utf-8").split():
            classes.setdefault(word.lower(), []).append(name)
    return {w: tuple(c) for w, c in classes.items()}


class WordClusters:
    """Word -> cluster ids at several granularities: nearest k-means centroid of the word's
    ``wordllama`` embedding. Cached per process; unseen words get clusters too."""

    def __init__(self, centroids: dict[int, np.ndarray]) -> None:
        self.centroids = {k: c.astype(np.float32) for k, c in centroids.items()}
        self._cache: dict[str, tuple[int, ...]] = {}

    @staticmethod
    def embed(model, words: list[str]) -> np.ndarray:
        return np.asarray(model.embed(words, norm=True), dtype=np.float32)

    #: How many words the cache holds before it starts again.
    CACHE_WORDS = 500_000

    def lookup(self, words: Iterable[str]) -> dict[str, tuple[int, ...]]:
        """The cache, holding (at least) every word of ``words`` with a letter in it."""
        words = set(words)
        if len(self._cache) > self.CACHE_WORDS:
            # A new dict, before the lookup: no word asked for is lost, and a dict another
            # thread was handed keeps its words.
            self._cache = {}
        todo = sorted(w for w in words if w not in self._cache and any(c.isalpha() for c in w))
        if todo:
            vectors = self.embed(wordllama(), todo)
            ids = [np.argmax(vectors @ c.T, axis=1) for c in self.centroids.values()]
            for i, w in enumerate(todo):
                self._cache[w] = tuple(int(col[i]) for col in ids)
        return self._cache

    def save(self, path: Path) -> None:
        arrays: dict[str, Any] = {f"k{k}": c.astype(np.float16) for k, c in self.centroids.items()}
        np.savez_compressed(path, **arrays)

    @classmethod
    def load(cls, path: Path) -> WordClusters:
        arrays = np.load(path)
        return cls({int(name[1:]): arrays[name] for name in arrays.files})


class Featurizer:
    """Token features for the CRF, one dict per token, computed a unit (sentence) at a time."""

    def __init__(self, clusters: WordClusters) -> None:
        self.clusters = clusters
        self.lexicon = _load_lexicons()

    def unit_tokens(self, text: str, start: int, end: int) -> list[tuple[int, int, str]]:
        return [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text, start, end)]

    def features(self, toks: Sequence[tuple[int, int, str]]) -> list[dict[str, float]]:
        low = [t[2].lower() for t in toks]
        clusters = self.clusters.lookup(low)
        lex = self.lexicon
        n = len(toks)
        quoted = any(w in _QUOTES for w in low)
        padded = ["<s>", "<s>"] + low + ["</s>", "</s>"]
        out = []
        for i in range(n):
            w = low[i]
            f = {"b": 1.0, "w=" + w: 1.0, "sh=" + _shape(toks[i][2]): 1.0, "suf=" + w[-3:]: 1.0,
                 "w-2=" + padded[i]: 1.0, "w-1=" + padded[i + 1]: 1.0,
                 "w+1=" + padded[i + 3]: 1.0, "w+2=" + padded[i + 4]: 1.0,
                 "b-=" + padded[i + 1] + "|" + w: 1.0, "b+=" + w + "|" + padded[i + 3]: 1.0}
            for k in (-1, 0, 1):
                j = i + k
                if 0 <= j < n:
                    for cls in lex.get(low[j], ()):
                        f[f"lex{k}={cls}"] = 1.0
                    ids = clusters.get(low[j])
                    if ids:
                        for g, cid in enumerate(ids):
                            f[f"c{g}_{k}={cid}"] = 1.0
            if i < 2:
                f[f"first{i}"] = 1.0
            if i > n - 3:
                f[f"last{n - 1 - i}"] = 1.0
            if quoted:
                f["quoted"] = 1.0
            out.append(f)
        return out


class Emissions:
    """The CRF's emissions for :meth:`Featurizer.features`, without building them.

    A token's emission is the sum of the weights of its attributes (each with value 1), and
    every attribute but the two bigrams and the few positional ones depends on one word at
    one offset (``w-1=…``, ``lex+1=…``, ``c0_0=…``). So each (word, offset) pair's summed
    weights are computed once and kept, and a sentence's emissions are a gather and a sum:
    the same numbers as the features' sparse product (to float rounding), without the
    twenty-odd strings per token. Kept per process; cleared past ``limit`` rows (the table
    doubles as it grows: 131,072 rows of 29 labels in float32, 15 MB, for the default
    limit — more only while one very long sentence is read)."""

    OFFSETS = (-2, -1, 0, 1, 2)

    def __init__(self, featurizer: Featurizer, crf: LinearChainCRF, limit: int = 100_000
                 ) -> None:
        self.featurizer, self.crf, self.limit = featurizer, crf, limit
        # One table of rows; per column (each offset, the shape, each bigram) a dict from
        # its key to the row.
        self._columns: list[dict[str, int]] = [{} for _ in range(8)]
        self._rows = np.zeros((1024, len(crf.labels)), dtype=np.float32)
        self._n = 0
        self.bias = crf.weight_of(["b"])
        self.positional = {name: crf.weight_of([name])
                           for name in ("first0", "first1", "last0", "last1", "quoted")}

    def _names(self, col: int, key: str) -> list[str]:
        """The attributes behind one column's key (columns: offsets -2..2, shape, the
        bigram before, the bigram after)."""
        if col == 5:
            return ["sh=" + key]
        if col == 6:
            return ["b-=" + key]
        if col == 7:
            return ["b+=" + key]
        k = self.OFFSETS[col]
        if key in ("<s>", "</s>"):  # padding: no lexicon classes, no clusters
            return [f"w{k:+d}=" + key]
        names = ["w=" + key, "suf=" + key[-3:]] if k == 0 else [f"w{k:+d}=" + key]
        if -1 <= k <= 1:
            names += [f"lex{k}={cls}" for cls in dict.fromkeys(
                self.featurizer.lexicon.get(key, ()))]
            ids = self.featurizer.clusters.lookup([key]).get(key)
            if ids:
                names += [f"c{g}_{k}={cid}" for g, cid in enumerate(ids)]
        return names

    def _add(self, missing: dict[tuple[int, str], None]) -> None:
        """Rows for new ``(column, key)`` pairs, their attributes' weights looked up at once."""
        words = [key for col, key in missing if col < 5]
        self.featurizer.clusters.lookup(words)
        start = self._n
        self._n += len(missing)
        while self._n > len(self._rows):
            self._rows = np.concatenate([self._rows, np.zeros_like(self._rows)])
        self._rows[start:self._n] = 0.0
        names: list[str] = []
        owner: list[int] = []
        for i, (col, key) in enumerate(missing, start=start):
            self._columns[col][key] = i
            found = self._names(col, key)
            names += found
            owner += [i] * len(found)
        crf = self.crf
        h = crf._hashes(names)
        pos = np.minimum(np.searchsorted(crf.attrs, h), len(crf.attrs) - 1)
        known = crf.attrs[pos] == h
        np.add.at(self._rows, np.asarray(owner)[known], crf.table[pos[known]])

    def __call__(self, toks: Sequence[tuple[int, int, str]]) -> np.ndarray:
        """Emissions of one sentence's tokens, shape (tokens, labels)."""
        n = len(toks)
        if not n:
            return np.zeros((0, len(self.crf.labels)))
        if self._n > self.limit:
            self._columns = [{} for _ in range(8)]
            self._rows = np.zeros((1024, len(self.crf.labels)), dtype=np.float32)
            self._n = 0
        low = [t[2].lower() for t in toks]
        padded = ["<s>", "<s>", *low, "</s>", "</s>"]
        keys = [padded[2 + k:2 + k + n] for k in self.OFFSETS]
        keys.append([_shape(t[2]) for t in toks])
        keys.append([padded[i + 1] + "|" + low[i] for i in range(n)])
        keys.append([low[i] + "|" + padded[i + 3] for i in range(n)])
        missing = {(col, key): None for col, column in enumerate(keys)
                   for key in column if key not in self._columns[col]}
        if missing:
            self._add(missing)
        ids = np.array([[self._columns[col][key] for key in column]
                        for col, column in enumerate(keys)], dtype=np.int64)
        out = self._rows[ids].sum(axis=0, dtype=np.float64) + self.bias
        out[0] += self.positional["first0"]
        if n > 1:
            out[1] += self.positional["first1"]
            out[n - 2] += self.positional["last1"]
        out[n - 1] += self.positional["last0"]
        if any(w in _QUOTES for w in low):
            out += self.positional["quoted"]
        return out


def decode(toks: Sequence[tuple[int, int, str]], p: np.ndarray, lo: float, hi: float,
           gap: int) -> list[tuple[int, int, float]]:
    """Runs of tokens with P(in span) > lo (bridging up to ``gap`` tokens), kept when their
    peak exceeds ``hi``: ``(start, end, peak)``."""
    out = []
    run: list[int] | None = None
    for i in range(len(toks)):
        if p[i] > lo:
            if run is not None and i - run[1] <= gap + 1:
                run[1] = i
            else:
                if run is not None:
                    out.append(run)
                run = [i, i]
    if run is not None:
        out.append(run)
    return [(toks[a][0], toks[b][1], float(p[a:b + 1].max())) for a, b in out
            if p[a:b + 1].max() > hi]


# -- technique classification ----------------------------------------------------------
@dataclass
class TechniqueClassifier:
    """Label of a given span: linear model over span n-grams, sentence words, shape."""

    labels: list[str]
    span_features: int = 2**18
    context_features: int = 2**16
    idf: np.ndarray | None = None
    coef: np.ndarray | None = None
    intercept: np.ndarray | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    N_DENSE = 11

    @property
    def width(self) -> int:
        return self.span_features + self.context_features + self.N_DENSE

    def counts(self, text: str, spans: Sequence[tuple[int, int]],
               units: Sequence[tuple[int, int]] | None = None,
               span_units: Sequence[tuple[int, int]] | None = None):
        """Raw feature counts for ``spans`` of one ``text``; ``units`` (sentence spans) give
        the context (default: the line around each span), or ``span_units`` each span's
        own."""
        from scipy.sparse import csr_matrix, hstack
        from sklearn.feature_extraction.text import HashingVectorizer

        from .textclf import TextClassifier

        spans = list(spans)
        if not spans:
            return csr_matrix((0, self.width), dtype=np.float32)
        span_texts = [text[s:e] for s, e in spans]
        bounds = ([(a, max(b, e)) for (a, b), (_, e) in zip(span_units, spans, strict=True)]
                  if span_units is not None else [sentence_bounds(text, s, e, units) for s, e in spans])
        contexts = [text[a:b] for a, b in bounds]
        words = TextClassifier(labels=self.labels, n_features=self.span_features)
        xs = words.counts(span_texts)
        ctx = HashingVectorizer(n_features=self.context_features, alternate_sign=False,
                                norm=None, dtype=np.float32).transform(contexts)
        ctx.data = 1.0 + np.log(ctx.data)
        low = text.lower()
        dense = np.array([_dense(text, low, s, e, c) for (s, e), c in zip(spans, contexts, strict=True)],
                         dtype=np.float32)
        return hstack([xs, ctx, csr_matrix(dense)]).tocsr()

    def fit_idf(self, x) -> None:
        df = np.bincount(x.indices, minlength=x.shape[1]).astype(np.float64)
        idf = np.log((1 + x.shape[0]) / (1 + df)) + 1.0
        idf[-self.N_DENSE:] = 1.0
        self.idf = idf.astype(np.float32)

    def features(self, x):
        from scipy.sparse import hstack
        from sklearn.preprocessing import normalize

        assert self.idf is not None
        x = x.copy().tocsr()
        x.data *= self.idf[x.indices]
        a = self.span_features
        b = a + self.context_features
        return hstack([normalize(x[:, :a]), 0.5 * normalize(x[:, a:b]), x[:, b:]]).tocsr()

    def predict_proba(self, x) -> np.ndarray:
        assert self.coef is not None and self.intercept is not None
        if x.shape[0] == 0:
            return np.zeros((0, len(self.labels)), dtype=np.float32)
        z = self.features(x) @ self.coef.T + self.intercept
        z = z - z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    def save(self, path: Path) -> None:
        assert self.coef is not None and self.idf is not None and self.intercept is not None
        used = np.flatnonzero(np.any(self.coef != 0, axis=0))
        np.savez_compressed(path, used=used.astype(np.int32), idf=self.idf[used].astype(np.float16),
                            coef=self.coef[:, used].astype(np.float16),
                            unseen_idf=np.float32(self.idf[:-self.N_DENSE].max()),
                            intercept=self.intercept.astype(np.float32))

    def load_arrays(self, path: Path) -> None:
        arrays = np.load(path)
        used = arrays["used"]
        idf = np.full(self.width, float(arrays["unseen_idf"]), dtype=np.float32)
        idf[-self.N_DENSE:] = 1.0
        idf[used] = arrays["idf"].astype(np.float32)
        # Laid out column by column, so that ``coef.T`` (what predict_proba multiplies by) is
        # row by row: scipy's sparse product copies a transposed view on every call.
        coef = np.zeros((self.width, arrays["coef"].shape[0]), dtype=np.float32).T
        coef[:, used] = arrays["coef"].astype(np.float32)
        self.idf, self.coef, self.intercept = idf, coef, arrays["intercept"]


def sentence_bounds(text: str, s: int, e: int, units: Sequence[tuple[int, int]] | None
                    ) -> tuple[int, int]:
    """The context of the span ``text[s:e]`` the technique classifier reads: the unit it
    starts in (stretched to its end), else the line around it."""
    if units:
        for a, b in units:
            if a <= s < b:
                return a, max(b, e)
    a = text.rfind("\n", 0, s) + 1
    b = text.find("\n", e)
    return a, len(text) if b < 0 else b


def _dense(text: str, low: str, s: int, e: int, sentence: str) -> list[float]:
    span = text[s:e]
    key = span.lower().strip()
    occurrences = low.count(key) if len(key) > 2 else 1
    words = span.split()
    return [np.log1p(len(span)), np.log1p(len(words)), np.log1p(occurrences - 1),
            float(occurrences > 1), float("!" in span), float("?" in span or "?" in sentence),
            float(span[:1].isupper()),
            sum(w.isupper() and len(w) > 1 for w in words) / max(1, len(words)),
            len(span) / max(1, len(sentence.strip())),
            float(text[max(0, s - 1):s] in _QUOTES and s > 0),
            float(text[e:e + 1] in _QUOTES and e < len(text))]


class TechniqueModel:
    """SI tagger + TC classifier, loaded from a model folder."""

    def __init__(self, folder: Path, config: dict[str, Any], clusters: WordClusters,
                 tc: TechniqueClassifier) -> None:
        self.folder = folder
        self.config = config
        self.featurizer = Featurizer(clusters)
        self.crf = LinearChainCRF.load(folder / "si.npz")
        self.emissions = Emissions(self.featurizer, self.crf)
        self.tc = tc
        self.lo, self.hi, self.gap = config["lo"], config["hi"], config["gap"]

    @classmethod
    def load(cls, folder: str | Path | None = None) -> TechniqueModel:
        folder = Path(folder) if folder else MODEL_DIR
        config = json.loads((folder / "model.json").read_text("utf-8"))
        if config.get("features_version") != FEATURES_VERSION:
            raise ModelError(f"{folder}: features version {config.get('features_version')} "
                             f"does not match this echoscope ({FEATURES_VERSION}); retrain it",
                             code="E602")
        tc = TechniqueClassifier(labels=config["labels"],
                                 span_features=config["span_features"],
                                 context_features=config["context_features"])
        tc.load_arrays(folder / "tc.npz")
        return cls(folder, config, WordClusters.load(folder / "clusters.npz"), tc)

    def marginals(self, toks: Sequence[tuple[int, int, str]]) -> np.ndarray:
        """P(token is inside some technique span)."""
        return self.in_span([toks])[0]

    def in_span(self, sentences: Sequence[Sequence[tuple[int, int, str]]]) -> list[np.ndarray]:
        """:meth:`marginals` of many sentences' tokens (one forward-backward for all)."""
        probs = self.crf.marginals_of([self.emissions(t) for t in sentences])
        return [1.0 - p[:, self.crf.o] for p in probs]

    def find_spans(self, text: str, units: Sequence[tuple[int, int]]
                   ) -> list[tuple[int, int, float]]:
        toks = [t for t in (self.featurizer.unit_tokens(text, a, b) for a, b in units) if t]
        out = []
        for unit, p in zip(toks, self.in_span(toks), strict=True):
            out.extend(decode(unit, p, self.lo, self.hi, self.gap))
        return out

    def label_proba(self, text: str, spans: Sequence[tuple[int, int]],
                    units: Sequence[tuple[int, int]] | None = None,
                    span_units: Sequence[tuple[int, int]] | None = None) -> np.ndarray:
        """Technique probabilities of ``spans`` of ``text`` (context: :meth:`counts`)."""
        return self.tc.predict_proba(self.tc.counts(text, spans, units, span_units))

    def predict(self, text: str, units: Sequence[tuple[int, int]]) -> list[Technique]:
        """Technique spans with score = P(span) x P(label | span)."""
        spans = self.find_spans(text, units)
        proba = self.label_proba(text, [(s, e) for s, e, _ in spans], units)
        out = []
        for (s, e, ps), p in zip(spans, proba, strict=True):
            k = int(np.argmax(p))
            out.append(Technique(self.tc.labels[k], s, e, round(ps * float(p[k]), 3)))
        return out


@lru_cache(maxsize=4)
def fingerprint(folder: str) -> str:
    """sha256 of a technique model's weights (``si.npz``, ``tc.npz``, ``clusters.npz``):
    what a blend chosen with it records, to be served with the same model."""
    import hashlib

    h = hashlib.sha256()
    for name in ("si.npz", "tc.npz", "clusters.npz"):
        h.update((Path(folder) / name).read_bytes())
    return h.hexdigest()


@lru_cache(maxsize=4)
def load_model(folder: str | None = None) -> TechniqueModel:
    """The technique model in ``folder`` (default: the shipped one), loaded once per process."""
    return TechniqueModel.load(folder)
