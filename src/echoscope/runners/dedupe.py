"""Near-duplicate articles: syndicated copies of one story, found with MinHash LSH.

A copy is the same text up to boilerplate (a different standfirst, a "This story first
appeared in…" line, another byline). Each article's word 5-shingles get a MinHash
signature; one whose estimated Jaccard similarity to an earlier article of the run reaches
the threshold is a copy: it is linked to that original and not analysed again. Signatures
are kept in the store, so copies of articles analysed in earlier runs are found too. The
index holds the most recent ``window`` articles (syndicated copies follow their original
within days), so its memory is bounded however large the corpus grows. An input is never
a copy of its own earlier reading (the file edited, or read by a newer version): that
reading is replaced (:meth:`echoscope.store.db.Store.upsert`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..doc import Doc

_WORD = re.compile(r"\w+")
#: datasketch hashing scheme, fixed so stored signatures stay comparable across versions.
SCHEME = "affine32"


@dataclass(slots=True, frozen=True)
class Duplicate:
    """An input whose text is a near-copy of an article already seen in this run."""

    source: str
    article_id: str
    original_id: str
    original_source: str
    similarity: float


class NearDuplicateIndex:
    """Streaming MinHash LSH over the articles of one run."""

    def __init__(self, threshold: float = 0.7, num_perm: int = 64, shingle: int = 5,
                 window: int = 20_000) -> None:
        from datasketch import MinHashLSH

        self.window = window  # most recent articles kept: memory stays bounded
        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle = shingle
        self.lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        # Only the hash values are kept (a MinHash object also carries its permutations).
        self.signatures: dict[str, tuple[Any, str]] = {}
        self.unsaved: dict[str, tuple[str, bytes]] = {}  # article id -> (source, signature)

    def add(self, article_id: str, source: str, signature: bytes) -> None:
        """Remember an article analysed earlier (a signature the store kept)."""
        import numpy as np
        from datasketch import MinHash

        if article_id in self.signatures:
            return
        sig = MinHash(num_perm=self.num_perm, scheme=SCHEME,
                      hashvalues=np.frombuffer(signature, dtype=np.uint64))
        self._remember(article_id, sig, source)

    def _remember(self, article_id: str, sig: Any, source: str) -> None:
        self.lsh.insert(article_id, sig)
        self.signatures[article_id] = (sig.hashvalues.copy(), source)
        while len(self.signatures) > self.window:
            oldest = next(iter(self.signatures))  # dicts keep insertion order
            self.lsh.remove(oldest)
            del self.signatures[oldest]

    def take_unsaved(self, article_ids: set[str]) -> list[tuple[str, str, bytes]]:
        """Signatures of these newly seen articles, for the store (each handed out once)."""
        out = [(aid, *self.unsaved.pop(aid)) for aid in article_ids if aid in self.unsaved]
        return out

    def signature(self, text: str):
        from datasketch import MinHash

        words = _WORD.findall(text.lower())
        n = self.shingle
        shingles = {" ".join(words[i:i + n]).encode() for i in range(max(1, len(words) - n + 1))}
        m = MinHash(num_perm=self.num_perm, scheme=SCHEME)
        m.update_batch(list(shingles))
        return m

    def check(self, doc: Doc) -> Duplicate | None:
        """A Duplicate when ``doc`` copies an article seen before; otherwise remember it."""
        doc_id = doc.id
        if doc_id in self.signatures:
            return None  # the exact same text: stored once by its content hash anyway
        sig = self.signature(doc.text)
        best: tuple[float, str] | None = None
        for other in self.lsh.query(sig):
            if self.signatures[other][1] == doc.source:
                continue  # an earlier reading of this same input: the new one replaces it
            similarity = float((sig.hashvalues == self.signatures[other][0]).mean())
            if similarity >= self.threshold and (best is None or similarity > best[0]):
                best = (similarity, other)
        if best is not None:
            return Duplicate(doc.source, doc_id, best[1], self.signatures[best[1]][1],
                             round(best[0], 3))
        self._remember(doc_id, sig, doc.source)
        self.unsaved[doc_id] = (doc.source, sig.hashvalues.astype("uint64").tobytes())
        return None
