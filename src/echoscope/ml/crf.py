"""A linear-chain CRF's marginals, from weights a trainer exported (numpy only)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np


# -- the model -------------------------------------------------------------------------
class LinearChainCRF:
    """Marginals of a linear-chain CRF trained by crfsuite, from its exported weights.

    crfsuite's own model file keeps every attribute string (22 MB here); this keeps each
    state feature as (CRC-32 of the attribute, label, float16 weight), drops weights below
    ``prune``, and runs forward-backward in numpy: a few MB, no crfsuite needed to tag.
    """

    def __init__(self, labels: list[str], hashes: np.ndarray, label_idx: np.ndarray,
                 weights: np.ndarray, transitions: np.ndarray) -> None:
        self.labels = labels
        order = np.argsort(hashes, kind="stable")
        self.hashes = hashes[order]
        self.label_idx = label_idx[order].astype(np.int64)
        self.weights = weights[order].astype(np.float32)
        self.transitions = transitions.astype(np.float64)
        self.o = labels.index("O")
        # One dense row of label weights per attribute: emissions become one sparse
        # (tokens x attributes) @ (attributes x labels) product.
        self.attrs, row = np.unique(self.hashes, return_inverse=True)
        self.table = np.zeros((len(self.attrs), len(labels)), dtype=np.float32)
        np.add.at(self.table, (row, self.label_idx), self.weights)
        self._hash_cache: dict[str, int] = {}

    @staticmethod
    def attr_hash(names: Sequence[str]) -> np.ndarray:
        import zlib

        return np.fromiter((zlib.crc32(n.encode("utf-8")) for n in names), dtype=np.uint32,
                           count=len(names))

    def save(self, path: Path) -> None:
        np.savez_compressed(path, hashes=self.hashes, label_idx=self.label_idx.astype(np.uint8),
                            weights=self.weights.astype(np.float16),
                            transitions=self.transitions.astype(np.float32),
                            labels=np.array(self.labels))

    @classmethod
    def load(cls, path: Path) -> LinearChainCRF:
        z = np.load(path)
        return cls([str(x) for x in z["labels"]], z["hashes"], z["label_idx"], z["weights"],
                   z["transitions"])

    def _hashes(self, names: list[str]) -> np.ndarray:
        import zlib

        cache = self._hash_cache
        if len(cache) > 1_000_000:
            cache.clear()
        out = np.empty(len(names), dtype=np.uint32)
        for i, name in enumerate(names):
            h = cache.get(name)
            if h is None:
                h = cache[name] = zlib.crc32(name.encode("utf-8"))
            out[i] = h
        return out

    def emissions(self, items: Sequence[dict[str, float]]) -> np.ndarray:
        """Sum of the state weights of each token's attributes, per label."""
        from scipy.sparse import csr_matrix

        names = [name for feats in items for name in feats]
        if not names:
            return np.zeros((len(items), len(self.labels)))
        value = np.fromiter((v for f in items for v in f.values()), dtype=np.float32,
                            count=len(names))
        h = self._hashes(names)
        pos = np.minimum(np.searchsorted(self.attrs, h), len(self.attrs) - 1)
        value[self.attrs[pos] != h] = 0.0  # attributes the model never weighted
        indptr = np.concatenate([[0], np.cumsum([len(f) for f in items])])
        x = csr_matrix((value, pos, indptr), shape=(len(items), len(self.attrs)))
        return np.asarray(x @ self.table, dtype=np.float64)

    def weight_of(self, names: Sequence[str]) -> np.ndarray:
        """The summed state weights of attributes ``names`` (each present once, value 1),
        per label: a token's emission is the sum of those of its attributes."""
        out = np.zeros(len(self.labels), dtype=np.float64)
        if not names:
            return out
        h = self._hashes(list(names))
        pos = np.minimum(np.searchsorted(self.attrs, h), len(self.attrs) - 1)
        known = pos[self.attrs[pos] == h]
        if len(known):
            out += self.table[known].sum(axis=0, dtype=np.float64)
        return out

    def marginals_batch(self, seqs: Sequence[Sequence[dict[str, float]]]) -> list[np.ndarray]:
        """Marginals for many sequences at once (one forward-backward over a padded batch)."""
        lengths = [len(q) for q in seqs]
        if not seqs or max(lengths) == 0:
            return [np.zeros((0, len(self.labels))) for _ in seqs]
        e = self.emissions([f for q in seqs for f in q])
        starts = np.concatenate([[0], np.cumsum(lengths)])
        return self.marginals_of([e[starts[i]:starts[i + 1]] for i in range(len(seqs))])

    def marginals_of(self, emissions: Sequence[np.ndarray]) -> list[np.ndarray]:
        """Marginals of sequences given their emissions (tokens x labels each), as one
        forward-backward over a padded batch."""
        lengths = np.array([len(e) for e in emissions])
        if not len(emissions) or lengths.max() == 0:
            return [np.zeros((0, len(self.labels))) for _ in emissions]
        n_seq, t_max, n_lab = len(emissions), int(lengths.max()), len(self.labels)
        psi = np.ones((n_seq, t_max, n_lab))
        for i, block in enumerate(emissions):
            if len(block):
                psi[i, :len(block)] = np.exp(block - block.max(axis=1, keepdims=True))
        trans = np.exp(self.transitions)
        alpha = np.empty_like(psi)
        beta = np.ones_like(psi)
        a = psi[:, 0] / psi[:, 0].sum(axis=1, keepdims=True)
        alpha[:, 0] = a
        for t in range(1, t_max):
            a = (a @ trans) * psi[:, t]
            a /= a.sum(axis=1, keepdims=True)
            alpha[:, t] = a
        b = np.ones((n_seq, n_lab))
        for t in range(t_max - 2, -1, -1):
            nb = (psi[:, t + 1] * b) @ trans.T
            nb /= nb.sum(axis=1, keepdims=True)
            live = (t + 1 < lengths)[:, None]  # past a sequence's end, beta stays 1
            b = np.where(live, nb, 1.0)
            beta[:, t] = b
        p = alpha * beta
        p /= p.sum(axis=2, keepdims=True)
        return [p[i, :n] for i, n in enumerate(lengths)]

    def marginals(self, items: Sequence[dict[str, float]]) -> np.ndarray:
        """P(label) per token, shape (tokens, labels)."""
        return self.marginals_batch([items])[0]
