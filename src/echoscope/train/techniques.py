"""The technique model: ``echoscope train techniques`` and ``echoscope eval ptc``.

Scoring follows the official task definitions (:func:`~echoscope.train.metrics.si_scores`,
:func:`~echoscope.train.metrics.tc_micro_f1`).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..doc import TECHNIQUES
from ..errors import ConfigError
from ..ml.crf import LinearChainCRF
from ..ml.techniques import (
    FEATURES_VERSION,
    MODEL_DIR,
    TOKEN,
    Featurizer,
    TechniqueClassifier,
    TechniqueModel,
    WordClusters,
    decode,
    lines,
)
from .datasets import data_root, load_ptc
from .linear import fit_used_columns
from .metrics import micro_f1_sets, si_scores, tc_micro_f1
from .techniques_head import HELD_SEED, HELD_SHARE, TO_SEMEVAL2023, split_articles


def bio_tags(toks: Sequence[tuple[int, int, str]], spans: Sequence[tuple[int, int, str]]
             ) -> list[str]:
    """Gold tags per token: ``O`` outside every span, else ``B-<technique>`` or
    ``I-<technique>`` (does a span of that technique start in the token?). Where spans
    overlap, the shortest one names the token: a loaded word inside a doubt is a loaded word.
    """
    tags = []
    for s, e, _ in toks:
        inside = [(gs, ge, label) for gs, ge, label in spans if gs < e and ge > s]
        if not inside:
            tags.append("O")
            continue
        label = min(inside, key=lambda x: x[1] - x[0])[2]
        starts = any(gs >= s for gs, _, lab in inside if lab == label)
        tags.append(("B-" if starts else "I-") + label.replace(",", "_"))
    return tags


# -- training and evaluation -----------------------------------------------------------
#: Decoding thresholds tried on dev: P(in span) to extend a span, its peak to keep it, and
#: how many tokens a span may bridge.
SI_LO = (0.05, 0.08, 0.1, 0.12, 0.15, 0.2)
SI_HI = (0.1, 0.12, 0.15, 0.2, 0.25)
SI_GAP = (0, 1, 2, 3)


def _si_units(featurizer: Featurizer, articles: dict[str, str]):
    """Per article, per line: tokens and their features."""
    for aid, text in articles.items():
        for a, b in lines(text):
            toks = featurizer.unit_tokens(text, a, b)
            if toks:
                yield aid, toks


def _tc_predict(tc: TechniqueClassifier, articles: dict[str, str],
                gold: Sequence[tuple[str, str, int, int]]) -> list[tuple[str, str, int, int]]:
    """One label per gold line; a span listed k times gets its k most likely labels."""
    groups: dict[tuple[str, int, int], int] = Counter((a, s, e) for a, _, s, e in gold)
    by_article: dict[str, list[tuple[int, int]]] = {}
    for a, s, e in groups:
        by_article.setdefault(a, []).append((s, e))
    out = []
    for a, spans in by_article.items():
        proba = tc.predict_proba(tc.counts(articles[a], spans))
        for (s, e), p in zip(spans, proba, strict=True):
            for k in np.argsort(-p)[:groups[(a, s, e)]]:
                out.append((a, tc.labels[int(k)], s, e))
    return out


def crf_from_crfsuite(path: Path, prune: float = 0.02) -> LinearChainCRF:
    """The state and transition weights of a crfsuite model, pruned below ``prune``."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    info = tagger.info()
    labels = sorted(tagger.labels())
    index = {lab: i for i, lab in enumerate(labels)}
    kept = [(a, lab, w) for (a, lab), w in info.state_features.items() if abs(w) >= prune]
    trans = np.zeros((len(labels), len(labels)))
    for (a, b), w in info.transitions.items():
        trans[index[a], index[b]] = w
    tagger.close()
    return LinearChainCRF(labels, LinearChainCRF.attr_hash([a for a, _, _ in kept]),
                          np.array([index[lab] for _, lab, _ in kept], dtype=np.uint8),
                          np.array([w for _, _, w in kept], dtype=np.float16), trans)


def fit_clusters(words: Sequence[str], sizes: Sequence[int] = (50, 200, 800),
                 seed: int = 0) -> WordClusters:
    """k-means word clusters over ``wordllama`` embeddings, at several granularities."""
    from sklearn.cluster import MiniBatchKMeans

    from ..ml.embeddings import wordllama

    vectors = WordClusters.embed(wordllama(), list(words))
    centroids = {}
    for k in sizes:
        k = min(k, len(words))
        km = MiniBatchKMeans(k, random_state=seed, n_init=3, batch_size=4096).fit(vectors)
        c = km.cluster_centers_
        centroids[k] = c / np.maximum(np.linalg.norm(c, axis=1, keepdims=True), 1e-9)
    return WordClusters(centroids)


def train_techniques(data_dir: str | Path, out_dir: str | Path | None = None, *,
                     limit: int | None = None, log=lambda s: None) -> dict[str, Any]:
    """Train SI (CRF) and TC (logistic regression) on PTC train less a tenth of its
    articles, tune the decoding thresholds and C on that tenth (the same articles the
    encoder's tagger holds out: :func:`~echoscope.train.techniques_head.split_articles`,
    seed 0), so PTC dev stays unseen; write the artifact and its model card. ``limit``
    keeps that many train articles and trains a seconds-long slice (few CRF iterations,
    few clusters) that tests the code path."""
    import time
    import warnings

    import pycrfsuite
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.linear_model import LogisticRegression

    started = time.perf_counter()
    root = data_root(data_dir)
    everything, all_spans = load_ptc(root, "train")
    train, held = split_articles(everything, HELD_SHARE, HELD_SEED)
    if limit:
        train = dict(sorted(train.items())[:limit])
        held = dict(sorted(held.items())[:max(2, limit // 5)])
    train_spans = [x for x in all_spans if x[0] in train]
    held_spans = [x for x in all_spans if x[0] in held]
    dev, dev_spans = load_ptc(root, "dev")
    if limit:
        dev = {a: t for a, t in sorted(dev.items())[:max(2, limit // 5)]}
        dev_spans = [x for x in dev_spans if x[0] in dev]
    folder = Path(out_dir) if out_dir else MODEL_DIR
    folder.mkdir(parents=True, exist_ok=True)

    vocab = sorted({m.group().lower() for t in train.values() for m in TOKEN.finditer(t)
                    if any(c.isalpha() for c in m.group())})
    log(f"techniques: clustering {len(vocab)} words")
    clusters = fit_clusters(vocab, sizes=(8, 16, 32) if limit else (50, 200, 800))
    clusters.save(folder / "clusters.npz")
    featurizer = Featurizer(clusters)

    gold_by_article: dict[str, list[tuple[int, int, str]]] = {}
    for a, label, s, e in train_spans:
        gold_by_article.setdefault(a, []).append((s, e, label))
    trainer = pycrfsuite.Trainer(verbose=False)
    for aid, toks in _si_units(featurizer, train):
        trainer.append(featurizer.features(toks), bio_tags(toks, gold_by_article.get(aid, [])))
    trainer.set_params({"c1": 0.01, "c2": 0.3, "max_iterations": 10 if limit else 150,
                        "feature.possible_transitions": True})
    log("techniques: training the span tagger (CRF)")
    trainer.train(str(folder / "si.crfsuite"))

    crf = crf_from_crfsuite(folder / "si.crfsuite")
    crf.save(folder / "si.npz")
    (folder / "si.crfsuite").unlink()  # 20+ MB of attribute strings: not shipped
    crf = LinearChainCRF.load(folder / "si.npz")  # tune on the weights as shipped
    held_units = []
    for aid, toks in _si_units(featurizer, held):
        held_units.append((aid, toks, 1.0 - crf.marginals(featurizer.features(toks))[:, crf.o]))
    held_gold: dict[str, list[tuple[int, int]]] = {a: [] for a in held}
    for a, _, s, e in held_spans:
        held_gold[a].append((s, e))
    best: tuple[float, float, float, int] = (-1.0, 0.0, 0.0, 0)
    for lo in SI_LO:
        for hi in SI_HI:
            for gap in SI_GAP:
                if hi < lo:
                    continue
                pred: dict[str, list[tuple[int, int]]] = {}
                for aid, toks, p in held_units:
                    pred.setdefault(aid, []).extend(
                        (s, e) for s, e, _ in decode(toks, p, lo, hi, gap))
                f1 = si_scores(held_gold, pred)["f1"]
                if f1 > best[0]:
                    best = (f1, lo, hi, gap)
    _, lo, hi, gap = best
    log(f"techniques: SI held-out F1 {best[0]:.3f} (lo={lo}, hi={hi}, gap={gap})")
    tc = TechniqueClassifier(labels=list(TECHNIQUES))
    from scipy.sparse import vstack

    def matrix(articles: dict[str, str], spans: list[tuple[str, str, int, int]]) -> Any:
        rows: list[Any] = []
        ys: list[str] = []
        for a in sorted(articles):
            mine = [(s, e) for aa, _, s, e in spans if aa == a]
            if mine:
                rows.append(tc.counts(articles[a], mine))
                ys.extend(lab for aa, lab, _, _ in spans if aa == a)
        return vstack(rows).tocsr(), np.array([tc.labels.index(y) for y in ys])

    x_train, y_train = matrix(train, train_spans)
    tc.fit_idf(x_train)
    features = tc.features(x_train)
    best_tc: tuple[float, float, tuple[Any, Any]] = (-1.0, 0.0, (None, None))
    for c in (3.0,) if limit else (3.0, 10.0):
        with warnings.catch_warnings():
            if limit:  # a quick slice stops before convergence, on purpose
                warnings.simplefilter("ignore", ConvergenceWarning)
            model = fit_used_columns(LogisticRegression(C=c, max_iter=30 if limit else 2000),
                                     features, y_train)
        tc.coef = model.coef_.astype(np.float32)
        tc.intercept = model.intercept_.astype(np.float32)
        if tc.coef.shape[0] != len(tc.labels):  # a slice without every label
            full = np.zeros((len(tc.labels), tc.width), dtype=np.float32)
            bias = np.full(len(tc.labels), -30.0, dtype=np.float32)
            full[model.classes_] = tc.coef
            bias[model.classes_] = tc.intercept
            tc.coef, tc.intercept = full, bias
        f1 = tc_micro_f1(held_spans, _tc_predict(tc, held, held_spans))
        log(f"techniques: TC C={c} held-out micro-F1 {f1:.3f}")
        if f1 > best_tc[0]:
            best_tc = (f1, c, (tc.coef, tc.intercept))
    tc.coef, tc.intercept = best_tc[2]
    tc.save(folder / "tc.npz")
    config = {"features_version": FEATURES_VERSION, "labels": tc.labels,
              "span_features": tc.span_features, "context_features": tc.context_features,
              "lo": lo, "hi": hi, "gap": gap,
              "crf": {"c1": 0.01, "c2": 0.3, "prune": 0.02}, "tc": {"C": best_tc[1]}}
    (folder / "model.json").write_text(json.dumps(config, indent=2) + "\n", "utf-8")
    metrics = evaluate_ptc(root, "dev", folder, limit_articles=set(dev) if limit else None)
    metrics.update({"train_articles": len(train), "train_spans": len(train_spans),
                    "held_articles": len(held), "held_si_f1": round(best[0], 4),
                    "held_tc_micro_f1": round(best_tc[0], 4),
                    "seconds": round(time.perf_counter() - started, 1), "limit": limit})
    config["metrics"] = metrics
    (folder / "model.json").write_text(json.dumps(config, indent=2) + "\n", "utf-8")
    (folder / "MODEL_CARD.md").write_text(model_card(metrics, config), "utf-8")
    return metrics


def evaluate_ptc(data_dir: str | Path, split: str = "dev", models_dir: str | Path | None = None,
                 *, limit_articles: set[str] | None = None) -> dict[str, Any]:
    """Official SI and TC scores on a PTC split with gold labels (0–1 scale), plus
    paragraph-level micro-F1 on the SemEval-2023 Task 3 English dev set when present."""
    root = data_root(data_dir)
    model = TechniqueModel.load(models_dir)
    articles, spans = load_ptc(root, split)
    if limit_articles is not None:
        articles = {a: t for a, t in articles.items() if a in limit_articles}
        spans = [x for x in spans if x[0] in articles]
    if not spans:
        raise ConfigError(f"PTC split {split!r} has no gold labels", code="E107")
    gold: dict[str, list[tuple[int, int]]] = {a: [] for a in articles}
    for a, _, s, e in spans:
        gold[a].append((s, e))
    pred = {a: [(s, e) for s, e, _ in model.find_spans(t, lines(t))] for a, t in articles.items()}
    si = si_scores(gold, pred)
    tc = tc_micro_f1(spans, _tc_predict(model.tc, articles, spans))
    out: dict[str, Any] = {
        "split": split, "articles": len(articles),
        "si": {k: round(si[k], 4) for k in ("p", "r", "f1")},
        "si_spans": {"predicted": si["predicted_spans"], "gold": si["gold_spans"]},
        "tc": {"micro_f1": round(tc, 4)},
        "published": {"si_best_test_f1": 0.5155, "tc_best_test_micro_f1": 0.6207,
                      "tc_always_loaded_language_dev": 0.306},
    }
    if limit_articles is None:
        semeval = evaluate_semeval2023(root, model)
        if semeval:
            out["semeval2023_en_dev"] = semeval
    return out


def evaluate_semeval2023(root: Path, model: TechniqueModel) -> dict[str, Any] | None:
    """Paragraph-level (line-level) multi-label micro-F1 on the SemEval-2023 Task 3 English
    dev set: a paragraph gets the 2023 labels of every technique span found in it."""
    folder = root / "propaganda" / "semeval2023-task3" / "data" / "en"
    labels_file = folder / "dev-labels-subtask-3.txt"
    if not labels_file.exists():
        return None
    gold: dict[tuple[str, int], set[str]] = {}
    for row in labels_file.read_text("utf-8").splitlines():
        parts = row.split("\t")
        if len(parts) >= 2:
            gold[(parts[0], int(parts[1]))] = {x for x in parts[2].split(",") if x} \
                if len(parts) > 2 else set()
    pred: dict[tuple[str, int], set[str]] = {}
    for aid in sorted({a for a, _ in gold}):
        path = folder / "dev-articles-subtask-3" / f"article{aid}.txt"
        if not path.exists():
            continue
        text = path.read_text("utf-8")
        starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
        units = lines(text)
        for t in model.predict(text, units):
            n = int(np.searchsorted(starts, t.start, side="right"))  # 1-based line number
            pred.setdefault((aid, n), set()).update(TO_SEMEVAL2023[t.label])
    scores = micro_f1_sets(gold, pred)
    return {"paragraphs": len(gold), **{k: round(v, 4) for k, v in scores.items()}}


def model_card(m: dict[str, Any], config: dict[str, Any]) -> str:
    semeval = m.get("semeval2023_en_dev")
    semeval_row = (f"| SemEval-2023 Task 3 EN dev, paragraph micro-F1 (23 labels) | "
                   f"{semeval['micro_f1']:.3f} (P {semeval['p']:.3f}, R {semeval['r']:.3f}) | "
                   "NLUBot101 (Liu, Fung and Ji, 2023; mDeBERTa NLI with translation augmentation), "
                   "same dev set, as reported in their repository: 0.389–0.496 |\n") \
        if semeval else ""
    si = f"{m['si']['f1']:.3f} (P {m['si']['p']:.3f}, R {m['si']['r']:.3f})"
    tc = f"{m['tc']['micro_f1']:.3f}"
    si_verdict = ("is over the 0.40 target" if m["si"]["f1"] >= 0.40
                  else "is below the 0.40 target")
    return f"""# Model card: persuasion techniques (span level)

**Task.** Find the spans of an article that use a persuasion technique and name it, over
the 14 techniques of SemEval-2020 Task 11 (PTC). Output: `techniques: [{{label, start, end,
score}}]` where score = P(span) x P(label | span).

**Model.** SI: linear-chain CRF (python-crfsuite; c1 {config['crf']['c1']}, c2
{config['crf']['c2']}; tags B-/I-technique and O, so it learns where each kind of span
starts and ends; shipped as its state weights with |w| >= {config['crf'].get('prune', 0)}
in float16, tagged by our own forward-backward in numpy) over word, neighbour, shape,
suffix, subjectivity-lexicon and word-cluster features (k-means over wordllama embeddings
at 50/200/800 clusters); spans are token runs with marginal P(in span) > {config['lo']}
bridging up to {config['gap']} tokens, kept when their peak > {config['hi']} (tuned on the
held-out train articles). TC:
multinomial logistic regression
(C {config['tc']['C']}) over hashed span word 1-2 and character 2-5 n-grams (TF-IDF), the
words of its sentence, and eleven shape features (length, repetition in the article,
!/?, capitals, quote marks). CPU only, no torch; loads in well under a second.

**Data.** PTC (SemEval-2020 Task 11, final release): trained on {m['train_articles']} train
articles ({m['train_spans']} spans); the decoding thresholds and C chosen on the other
{m.get('held_articles', '?')} train articles (a tenth, held out at random with seed 0: the
same articles the encoder's tagger holds out; there SI F1 {m.get('held_si_f1', '?')}, TC
micro-F1 {m.get('held_tc_micro_f1', '?')}). Dev is never used for training or tuning. No
licence is stated for PTC (research use); the artifact holds weights only, no text.

**Results on PTC dev** (official semantics, `echoscope eval ptc`; the test gold is not
released, so dev is where we can measure):

| measure | echoscope | published |
|---|---|---|
| SI F1 (partial overlap) | {si} | best on test 0.5155 (P 0.5654, R 0.4737); target 0.40 |
| TC micro-F1 (gold spans) | {tc} | best on test 0.6207; always Loaded_Language 0.306 (dev); target 0.55 |
{semeval_row}
**Where it is weak.** SI {si_verdict}: long techniques (Doubt, Causal
Oversimplification, Appeal to Fear) are found in fragments, and precision per span is low.
The published systems are fine-tuned transformers (RoBERTa/BERT ensembles); this model is
a CPU-only linear baseline. Rare classes (Thought-terminating Cliches, Bandwagon,
Whataboutism) are rarely predicted. The training news is 2017–2019 English; scores on
other genres and languages are unknown.

**Used by** the `techniques_crf` analyzer, and by the encoder's technique tagger
(`models/encoder/text`), which averages with it: after retraining this model, run
`echoscope train text --calibrate-only` so that the blend is chosen again.

Retrain: `echoscope train techniques-crf --data ../shared/data` ({m['seconds']} s).
"""
