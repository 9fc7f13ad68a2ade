"""The linear text classifier's counts and scores: the direct paths agree with the
definitions they shortcut (scikit-learn's hashing, sparse algebra)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression

from echoscope.ml.textclf import TextClassifier, char_ngram_counts, normalise

TEXTS = [
    "Honestly, @Council_Watch this is soooo unfair!!! https://example.org/x #SaveTheLibrary",
    "The library stays open on Saturdays, the council said.",
    "", "a", "🙂 lovely evening at the harbour 🙂",
    "Residents residents RESIDENTS: the vote is on Tuesday; the vote is final.",
    "pic.twitter.com/Abc123 www.example.com and the end",
]


def _reference_counts(clf: TextClassifier, texts: list[str]):
    """Word counts from scikit-learn, character counts from char_ngram_counts (checked
    against its definition in test_character_ngrams_match_their_definition)."""
    from sklearn.feature_extraction.text import HashingVectorizer

    half = clf.n_features // 2
    normed = [normalise(t) for t in texts]
    words = HashingVectorizer(analyzer="word", ngram_range=clf.word_ngrams, n_features=half,
                              token_pattern=r"(?u)[#@]?\b\w+\b|[!?]+|[^\w\s]{2,}",
                              alternate_sign=False, norm=None, lowercase=False,
                              dtype=np.float32).transform(normed).toarray()
    chars = char_ngram_counts(normed, half, *clf.char_ngrams).toarray()
    dense = np.hstack([words, chars])
    out = np.zeros_like(dense)
    out[dense > 0] = 1.0 + np.log(dense[dense > 0])
    return out


def test_counts_put_words_then_characters_in_each_row_with_sublinear_tf():
    clf = TextClassifier(labels=["no", "yes"], n_features=2**12)
    x = clf.counts(TEXTS)
    assert x.shape == (len(TEXTS), 2**12) and x.has_canonical_format
    assert np.allclose(x.toarray(), _reference_counts(clf, TEXTS), atol=1e-6)


def test_character_ngrams_are_counted_within_words_only():
    x = char_ngram_counts(["ab ab", "abc"], 2**16, 2, 3).toarray()
    # " ab ab ": bigrams " a", "ab", "b " twice each, trigrams " ab", "ab " twice each.
    assert x[0].sum() == 10 and sorted(x[0][x[0] > 0]) == [2.0] * 5
    # " abc ": " a", "ab", "bc", "c ", " ab", "abc", "bc ".
    assert x[1].sum() == 7
    assert char_ngram_counts([], 16, 2, 3).shape == (0, 16)
    # NUL separates texts inside: one in a text is a space, never a new row.
    nul = char_ngram_counts(["ab\x00ab", "c"], 2**16, 2, 3).toarray()
    assert np.array_equal(nul[0], x[0]) and nul[1].sum() == 3  # " c", "c ", " c "


@pytest.mark.parametrize("labels", [["no", "yes"], ["FAVOR", "AGAINST", "NONE"]])
def test_direct_scores_equal_tfidf_features_times_weights(labels):
    clf = TextClassifier(labels=labels, n_features=2**12)
    clf.fit_idf(clf.counts(TEXTS))
    gold = [i % len(labels) for i in range(len(TEXTS))]
    model = LogisticRegression().fit(clf.features(TEXTS), gold)
    clf.coef = model.coef_.astype(np.float32)
    clf.intercept = model.intercept_.astype(np.float32)
    probe = TEXTS + ["the council is unfair", "nothing in common with anything", ""]
    x = clf.counts(probe)
    assert isinstance(x, csr_matrix)
    expected = clf.features(probe, x) @ clf.coef.T + clf.intercept
    assert np.allclose(clf._ngram_scores(x), expected, atol=1e-5)
    assert np.allclose(clf.predict_proba(probe), model.predict_proba(clf.features(probe)),
                       atol=1e-5)


def _plain_char_counts(texts: list[str], n_features: int, n_min: int, n_max: int):
    """The definition, one n-gram at a time: n-grams of each word padded by a space on
    each side, hashed by FNV-1a over code points (64-bit, seeded by n)."""
    out = np.zeros((len(texts), n_features), dtype=np.float32)
    for row, text in enumerate(texts):
        for word in text.split():
            padded = f" {word} "
            for n in range(n_min, n_max + 1):
                for i in range(len(padded) - n + 1):
                    h = 0xCBF29CE484222325 ^ n
                    for ch in padded[i:i + n]:
                        h = ((h ^ ord(ch)) * 0x100000001B3) % 2**64
                    out[row, (h >> 17) % n_features] += 1
    return out


def test_character_ngrams_match_their_definition():
    texts = [t for t in TEXTS if t.strip()] + ["naïve café — déjà vu", "x", "ab  cd\tef\nGH"]
    got = char_ngram_counts(texts, 2**14, 2, 5).toarray()
    assert np.array_equal(got, _plain_char_counts(texts, 2**14, 2, 5))


def test_a_linear_fit_gives_the_same_weights_however_many_threads_the_process_allows():
    """`fit_used_columns` fits on one thread: with two, scikit-learn's loss and BLAS add their
    sums in another order and the weights differ in their last bits (enough to move a
    cross-validated C or a reported figure by a few tenths between two runs of one recipe)."""
    import hashlib

    from scipy.sparse import random as sparse_random
    from threadpoolctl import threadpool_limits

    from echoscope.train.linear import fit_used_columns

    rng = np.random.default_rng(0)
    x = sparse_random(6000, 4096, density=0.01, format="csr", random_state=1)
    y = np.argmax(x @ rng.normal(size=(4096, 3)) + rng.normal(size=(6000, 3)), axis=1)
    digests = set()
    for threads in (1, 2):
        with threadpool_limits(limits=threads):
            model = fit_used_columns(LogisticRegression(max_iter=3000, class_weight="balanced"),
                                     x, y)
        digests.add(hashlib.sha256(model.coef_.tobytes()).hexdigest())
    assert len(digests) == 1
