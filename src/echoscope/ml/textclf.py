"""A small, portable text classifier: hashed word and character n-grams, TF-IDF, a linear model.

Saved as plain arrays (``weights.npz``) and JSON (``model.json``), never as a pickle, so an
artifact loads with any scikit-learn version and cannot run code. Feature hashing keeps
artifacts small (no vocabulary) and inference stateless; only the columns a model uses are stored.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ModelError

#: Bump when the feature extraction changes; artifacts record it and are checked on load.
FEATURES_VERSION = 3

_URL = re.compile(r"https?://\S+|www\.\S+|pic\.(?:twitter|x)\.com/\S+")
_HANDLE = re.compile(r"@\w+")
_ELONGATED = re.compile(r"(\w)\1{2,}")
# Emoji live in these blocks; demojizing is slow, so only texts that have one pay for it.
_EMOJI_HINT = re.compile("[\u2190-\u21ff\u2300-\u27bf\u2b00-\u2bff\u3030\u303d\u3297\u3299"
                         "\ufe0f\U0001f000-\U0001faff]")


def normalise(text: str) -> str:
    """What the models see: links and handles as placeholders, emoji as their names
    (``:face_with_tears_of_joy:``), elongations shortened, lower case."""
    if _EMOJI_HINT.search(text):
        import emoji

        text = emoji.demojize(text, delimiters=(" :", ": "))
    if "http" in text or "www." in text or "pic." in text:  # what _URL needs to match
        text = _URL.sub(" http ", text)
    if "@" in text:
        text = _HANDLE.sub(" @user ", text)
    text = _ELONGATED.sub(r"\1\1", text)
    return text.lower()


_FNV_PRIME = np.uint64(0x100000001B3)


def _char_ngram_keys(texts: list[str], n_features: int, n_min: int, n_max: int):
    """Every character n-gram occurrence as ``row * n_features + column`` (unsorted).
    NUL separates the texts, so a NUL inside one is read as a space."""
    joined = "\x00".join(" " + " ".join(t.replace("\x00", " ").split()) + " " for t in texts)
    codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    row_of = np.cumsum(codes == 0)
    length = len(codes)
    keys = []
    for n in range(n_min, n_max + 1):
        if length < n:
            continue
        span = length - n + 1
        h = np.full(span, np.uint64(0xCBF29CE484222325) ^ np.uint64(n), dtype=np.uint64)
        crosses = np.zeros(span, dtype=bool)
        for k in range(n):
            c = codes[k:k + span]
            h = (h ^ c) * _FNV_PRIME
            crosses |= c == 0
            if 0 < k < n - 1:
                crosses |= c == 32  # within a word (its edge spaces allowed), like char_wb
        keep = ~crosses
        col = ((h[keep] >> np.uint64(17)) % np.uint64(n_features)).astype(np.int64)
        keys.append(row_of[:span][keep].astype(np.int64) * n_features + col)
    return np.concatenate(keys) if keys else np.zeros(0, dtype=np.int64)


def _tally(keys: np.ndarray, n_rows: int, n_features: int):
    """Sorted distinct keys (``row * n_features + column``) as CSR parts: ``indptr``,
    ``indices`` (ascending within each row) and each key's count."""
    # Stable (timsort): the keys come in one block per n, rows ascending within each,
    # which it exploits; about 1.6-2x as fast as the default sort here, and a sort of
    # integers gives the same array either way.
    keys = np.sort(keys, kind="stable")
    first = np.ones(len(keys), dtype=bool)
    np.not_equal(keys[1:], keys[:-1], out=first[1:])
    starts = np.flatnonzero(first)
    counts = np.diff(np.append(starts, len(keys))).astype(np.float32)
    distinct = keys[starts]
    rows = distinct // n_features
    indptr = np.searchsorted(rows, np.arange(n_rows + 1)).astype(np.int32)
    return indptr, (distinct % n_features).astype(np.int32), counts


def char_ngram_counts(texts: list[str], n_features: int, n_min: int, n_max: int):
    """Hashed character n-gram counts, vectorised over all texts at once.

    Like scikit-learn's ``char_wb``: n-grams of ``n_min..n_max`` code points within words
    padded by a space on each side, never across words. Each is hashed (FNV-1a over code
    points, seeded by n) into ``n_features`` columns. Pure numpy: no per-n-gram Python work.
    """
    from scipy.sparse import csr_matrix

    indptr, indices, counts = _tally(_char_ngram_keys(texts, n_features, n_min, n_max),
                                     len(texts), n_features)
    return csr_matrix((counts, indices, indptr), shape=(len(texts), n_features))


@dataclass
class TextClassifier:
    """Linear classifier over hashed TF-IDF n-grams; ``labels[i]`` names column ``i``."""

    labels: list[str]
    n_features: int = 2**19
    word_ngrams: tuple[int, int] = (1, 2)
    char_ngrams: tuple[int, int] = (2, 5)
    idf: np.ndarray | None = None
    coef: np.ndarray | None = None  # (n_labels or 1, n_features)
    intercept: np.ndarray | None = None
    threshold: float | None = None  # binary models: P(labels[1]) above this is labels[1]
    #: Binary models whose positive label is rare in use (irony, hypocrisy): analyzers label it only
    #: above this, chosen for precision at an assumed base rate (``threshold`` is F1's).
    label_threshold: float | None = None
    #: One independent binary model per label (a text may carry several): predict_proba
    #: gives each label's own probability (a sigmoid per row of ``coef``), not a softmax.
    multilabel: bool = False
    meta: dict[str, Any] = field(default_factory=dict)

    # -- features ----------------------------------------------------------------------
    def _vectorizers(self):
        from sklearn.feature_extraction.text import HashingVectorizer

        half = self.n_features // 2
        # Texts arrive normalised (see counts), so the vectorizers only tokenise.
        common = dict(alternate_sign=False, norm=None, lowercase=False, dtype=np.float32)
        return HashingVectorizer(analyzer="word", ngram_range=self.word_ngrams, n_features=half,
                                 token_pattern=r"(?u)[#@]?\b\w+\b|[!?]+|[^\w\s]{2,}", **common)

    def counts(self, texts: list[str]):
        """Hashed word and character n-gram counts (sublinear tf), one row per text: word
        n-grams in the first half of the columns, character n-grams in the second."""
        from scipy.sparse import csr_matrix
        from sklearn import config_context

        half, n = self.n_features // 2, len(texts)
        normed = [normalise(t) for t in texts]
        # The vectorizer's settings are ours and fixed: skip scikit-learn's per-call checks.
        with config_context(skip_parameter_validation=True):
            words = self._vectorizers().transform(normed)
        words.sum_duplicates()  # canonical: sorted columns, one entry each
        c_ptr, c_idx, c_cnt = _tally(_char_ngram_keys(normed, half, *self.char_ngrams), n, half)
        # Each row: its word entries, then its character entries (columns offset by half).
        w_ptr = words.indptr.astype(np.int64)
        w_len, c_len = np.diff(w_ptr), np.diff(c_ptr.astype(np.int64))
        indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(w_len + c_len, out=indptr[1:])
        w_rows, c_rows = np.repeat(np.arange(n), w_len), np.repeat(np.arange(n), c_len)
        w_at = np.arange(len(w_rows)) - w_ptr[w_rows] + indptr[w_rows]
        c_at = np.arange(len(c_rows)) - c_ptr[c_rows] + indptr[c_rows] + w_len[c_rows]
        indices = np.empty(indptr[-1], dtype=np.int32)
        data = np.empty(indptr[-1], dtype=np.float32)
        indices[w_at], data[w_at] = words.indices, words.data
        indices[c_at], data[c_at] = c_idx + half, c_cnt
        data = 1.0 + np.log(data)  # sublinear tf
        return csr_matrix((data, indices, indptr.astype(np.int32)), shape=(n, self.n_features))

    def features(self, texts: list[str], counts=None):
        """TF-IDF features, then :meth:`extra_features` if a subclass has any; pass
        ``counts`` (from a model with the same feature settings) to reuse them."""
        from scipy.sparse import hstack

        if self.idf is None:
            raise ModelError("classifier has no idf: fit or load it first", code="E603")
        x = (self.counts(texts) if counts is None else counts).copy()
        x.data *= self.idf[x.indices]  # column scaling in place: no dense intermediate
        # Rows to unit length (L2), in place (sklearn's normalize costs more in checks
        # than in arithmetic at a few dozen rows).
        lengths = np.diff(x.indptr)
        rows = np.repeat(np.arange(x.shape[0]), lengths)
        norms = np.sqrt(np.bincount(rows, weights=x.data.astype(np.float64) ** 2,
                                    minlength=x.shape[0]))
        norms[norms == 0] = 1.0
        x.data /= norms[rows].astype(x.data.dtype)
        if self.extra_dim:
            x = hstack([x, self.extra_features(texts)]).tocsr()
        return x

    #: Columns a subclass appends after the hashed n-grams (see :meth:`extra_features`).
    extra_dim = 0

    def extra_features(self, texts: list[str]):
        """Subclasses: a (len(texts), extra_dim) sparse matrix of further features."""
        raise NotImplementedError

    def extra_config(self) -> dict[str, Any]:
        """Subclasses: the settings of their extra features, saved in ``model.json``."""
        return {}

    @property
    def feature_key(self) -> tuple:
        """Models with equal keys compute identical counts for the same texts."""
        return (self.n_features, self.word_ngrams, self.char_ngrams)

    def fit_idf(self, x) -> None:
        df = np.bincount(x.indices, minlength=x.shape[1]).astype(np.float64)
        n = x.shape[0]
        self.idf = (np.log((1 + n) / (1 + df)) + 1.0).astype(np.float32)

    # -- prediction --------------------------------------------------------------------
    def predict_proba(self, texts: list[str], counts=None) -> np.ndarray:
        """Probabilities, shape (len(texts), len(labels))."""
        if not texts:
            return np.zeros((0, len(self.labels)), dtype=np.float32)
        assert self.coef is not None and self.intercept is not None
        if self.extra_dim:
            scores = self._sparse_scores(self.features(texts, counts))
        else:
            scores = self._ngram_scores(self.counts(texts) if counts is None else counts)
        if self.multilabel:
            return 1.0 / (1.0 + np.exp(-scores))
        if self.coef.shape[0] == 1:
            p = 1.0 / (1.0 + np.exp(-scores[:, 0]))
            return np.stack([1.0 - p, p], axis=1)
        scores = scores - scores.max(axis=1, keepdims=True)
        e = np.exp(scores)
        return e / e.sum(axis=1, keepdims=True)

    def _sparse_scores(self, x) -> np.ndarray:
        """``x @ coef.T + intercept`` for a CSR matrix ``x``, over its stored entries: the
        sparse product would copy the transposed weights (``coef.T`` is no C-ordered
        array: scipy makes one, several MB, on every call)."""
        assert self.intercept is not None
        rows = np.repeat(np.arange(x.shape[0]), np.diff(x.indptr))
        return self._row_dots(rows, x.indices, x.data, x.shape[0]) + self.intercept

    def _row_dots(self, rows: np.ndarray, indices: np.ndarray, values: np.ndarray,
                  n: int) -> np.ndarray:
        """Each of ``n`` rows' dot product with every label's weights, from its stored
        entries (``rows``, column ``indices``, ``values``), summed in float64."""
        assert self.coef is not None
        weights = self.coef[:, indices]
        return np.stack([np.bincount(rows, weights=values * w, minlength=n) for w in weights],
                        axis=1)

    def _ngram_scores(self, counts) -> np.ndarray:
        """``features(texts) @ coef.T + intercept`` from the counts alone: TF-IDF weights,
        row lengths and each row's dot product with every label's weights, computed over
        the stored entries (no copy of the matrix, no sparse product), summed in float64
        (the float32 product agrees to about 1e-6)."""
        assert self.idf is not None and self.coef is not None and self.intercept is not None
        n = counts.shape[0]
        rows = np.repeat(np.arange(n), np.diff(counts.indptr))
        values = counts.data.astype(np.float64) * self.idf[counts.indices]
        norms = np.sqrt(np.bincount(rows, weights=values ** 2, minlength=n))
        norms[norms == 0] = 1.0
        dots = self._row_dots(rows, counts.indices, values, n)
        return dots / norms[:, None] + self.intercept

    def predict(self, texts: list[str]) -> list[str]:
        proba = self.predict_proba(texts)
        if len(self.labels) == 2 and self.threshold is not None:
            return [self.labels[int(p[1] > self.threshold)] for p in proba]
        return [self.labels[i] for i in proba.argmax(axis=1)]

    # -- persistence -------------------------------------------------------------------
    def save(self, folder: str | Path) -> None:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        assert self.coef is not None and self.idf is not None and self.intercept is not None
        # Only features the model uses are stored (most hashed columns stay empty); extra
        # columns (after the n-grams) have no idf.
        used = np.flatnonzero(np.any(self.coef != 0, axis=0))
        np.savez_compressed(
            folder / "weights.npz",
            used=used.astype(np.int32),
            idf=self.idf[used[used < self.n_features]].astype(np.float16),
            coef=self.coef[:, used].astype(np.float16),
            # Columns never seen in training all share the largest idf; they still count
            # in a text's L2 norm, so it is kept to reproduce the features exactly.
            unseen_idf=np.float32(self.idf.max()),
            intercept=self.intercept.astype(np.float32),
        )
        config = {
            "features_version": FEATURES_VERSION,
            "labels": self.labels,
            "n_features": self.n_features,
            "word_ngrams": list(self.word_ngrams),
            "char_ngrams": list(self.char_ngrams),
            "threshold": self.threshold,
            **({"label_threshold": self.label_threshold}
               if self.label_threshold is not None else {}),
            **({"multilabel": True} if self.multilabel else {}),
            **({"extra": self.extra_config()} if self.extra_dim else {}),
            "meta": self.meta,
        }
        (folder / "model.json").write_text(json.dumps(config, indent=2) + "\n", "utf-8")

    @classmethod
    def load(cls, folder: str | Path) -> TextClassifier:
        folder = Path(folder)
        config = json.loads((folder / "model.json").read_text("utf-8"))
        if config.get("features_version") != FEATURES_VERSION:
            raise ModelError(f"{folder}: features version {config.get('features_version')} "
                             f"does not match this echoscope ({FEATURES_VERSION}); retrain it",
                             code="E602")
        arrays = np.load(folder / "weights.npz")
        n = int(config["n_features"])
        clf = cls(labels=list(config["labels"]), n_features=n,
                  word_ngrams=tuple(config["word_ngrams"]),
                  char_ngrams=tuple(config["char_ngrams"]),
                  intercept=arrays["intercept"], threshold=config.get("threshold"),
                  label_threshold=config.get("label_threshold"),
                  multilabel=bool(config.get("multilabel", False)),
                  meta=config.get("meta", {}), **config.get("extra", {}))
        used = arrays["used"]
        clf.idf = np.full(n, float(arrays["unseen_idf"]), dtype=np.float32)
        clf.idf[used[used < n]] = arrays["idf"].astype(np.float32)
        # Without character n-grams only the word half of the columns can be read. (Kept
        # in float32: float16, as stored, would halve the memory again but made scoring
        # 8-15% slower, on the fast profile's path.)
        words_only = clf.char_ngrams[0] > clf.char_ngrams[1] and not clf.extra_dim
        width = n // 2 if words_only else n + clf.extra_dim
        clf.coef = np.zeros((arrays["coef"].shape[0], width), dtype=np.float32)
        readable = used < width
        clf.coef[:, used[readable]] = arrays["coef"][:, readable]
        return clf


def predict_many(models: dict[str, TextClassifier], texts: list[str]) -> dict[str, np.ndarray]:
    """Each model's probabilities for ``texts`` (columns in its own label order), the
    n-gram counts computed once for models that count alike."""
    counts: dict[tuple, Any] = {}
    out = {}
    for name, model in models.items():
        if model.feature_key not in counts:
            counts[model.feature_key] = model.counts(texts)
        out[name] = model.predict_proba(texts, counts=counts[model.feature_key])
    return out


@lru_cache(maxsize=8)
def load_cached(folder: str) -> TextClassifier:
    """The classifier saved in ``folder``, loaded once per process."""
    return TextClassifier.load(folder)
