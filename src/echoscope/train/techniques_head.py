"""The technique tagger over the shared encoder: span identification and technique
classification (the 14 PTC techniques of SemEval-2020 Task 11), reading whole sentences.

A tag head marks each word piece O (outside), B (a span starts) or I (inside); a span head
names a span's technique from the mean of its word pieces and of its sentence. Training
reads PTC train, less a tenth of its articles held out to tune the decoding thresholds
and calibrate the heads; scores are reported on PTC dev (never used for training or tuning;
official SI/TC semantics) and on SemEval-2023 Task 3 English dev (paragraph level).

Used alone (``echoscope train techniques``) or inside ``echoscope train text``, where it
shares the text heads' adapters so that one encoder pass per sentence serves both.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..doc import TECHNIQUES
from ..ml.heads import TAGS, decode_runs
from ..ml.techniques import lines
from .datasets import load_ptc
from .metrics import merge_spans, micro_f1_sets, si_scores, tc_micro_f1

#: PTC label -> the SemEval-2023 Task 3 labels it covers (23-technique taxonomy).
TO_SEMEVAL2023 = {
    "Appeal_to_Authority": ("Appeal_to_Authority",),
    "Appeal_to_fear-prejudice": ("Appeal_to_Fear-Prejudice",),
    "Bandwagon,Reductio_ad_hitlerum": ("Appeal_to_Popularity",),
    "Black-and-White_Fallacy": ("False_Dilemma-No_Choice",),
    "Causal_Oversimplification": ("Causal_Oversimplification",),
    "Doubt": ("Doubt",),
    "Exaggeration,Minimisation": ("Exaggeration-Minimisation",),
    "Flag-Waving": ("Flag_Waving",),
    "Loaded_Language": ("Loaded_Language",),
    "Name_Calling,Labeling": ("Name_Calling-Labeling",),
    "Repetition": ("Repetition",),
    "Slogans": ("Slogans",),
    "Thought-terminating_Cliches": ("Conversation_Killer",),
    "Whataboutism,Straw_Men,Red_Herring": ("Whataboutism",),
}
#: The share of PTC train articles held out from training to tune on, and the seed that
#: picks them (the tagger's training seed; the CRF model holds out the same articles).
HELD_SHARE = 0.1
HELD_SEED = 0
LOS = (0.2, 0.3, 0.4, 0.5)
HIS = (0.4, 0.5, 0.6, 0.7, 0.8)
GAPS = (0, 1, 2)


@dataclass
class Unit:
    """One sentence (a PTC line) of an article, with the gold spans inside it (offsets
    relative to the sentence)."""

    article: str
    offset: int
    text: str
    spans: list[tuple[int, int, str]] = field(default_factory=list)


def units_of(articles: dict[str, str], gold: Sequence[tuple[str, str, int, int]]
             ) -> list[Unit]:
    """Every non-empty line of every article, with the gold spans that start in it (cut at
    the line's end)."""
    by_article: dict[str, list[tuple[str, int, int]]] = {}
    for aid, label, s, e in gold:
        by_article.setdefault(aid, []).append((label, s, e))
    out = []
    for aid, text in sorted(articles.items()):
        spans = by_article.get(aid, [])
        for a, b in lines(text):
            inside = [(max(s, a) - a, min(e, b) - a, label) for label, s, e in spans
                      if a <= s < b and min(e, b) > s]
            out.append(Unit(aid, a, text[a:b], inside))
    return out


def token_tags(offsets: Sequence[tuple[int, int]], spans: Sequence[tuple[int, int, str]]
               ) -> list[int]:
    """O/B/I per word piece (-100 for special tokens, which the loss ignores): a piece is
    inside when it overlaps a (merged) gold span, B when that span starts in it."""
    merged = merge_spans((s, e) for s, e, _ in spans)
    tags = []
    for s, e in offsets:
        if e <= s:
            tags.append(-100)
            continue
        hit = next(((a, b) for a, b in merged if a < e and b > s), None)
        if hit is None:
            tags.append(TAGS.index("O"))
        else:
            tags.append(TAGS.index("B") if hit[0] >= s else TAGS.index("I"))
    # A span whose start falls between pieces: its first piece is B.
    for i in range(len(tags)):
        if tags[i] == TAGS.index("I") and (i == 0 or tags[i - 1] in (-100, TAGS.index("O"))):
            tags[i] = TAGS.index("B")
    return tags


def split_articles(articles: dict[str, str], share: float, seed: int
                   ) -> tuple[dict[str, str], dict[str, str]]:
    """``(train, held out)``: a ``share`` of the articles held out, at random."""
    ids = sorted(articles)
    random.Random(seed).shuffle(ids)
    cut = max(1, int(len(ids) * share))
    held = set(ids[:cut])
    return ({a: t for a, t in articles.items() if a not in held},
            {a: t for a, t in articles.items() if a in held})


def technique_data(root: Path, seed: int, limit: int | None = None) -> dict[str, Any]:
    """PTC train (less a held-out tenth of its articles) as units — its sentences with a
    technique span, and as many without (picked with ``seed``); the held-out tenth
    (whole); dev (whole). The held-out tenth is the same whatever the seed
    (:data:`HELD_SEED`): the linear technique model holds out those articles too, so the
    blend of the two is always chosen on articles neither was trained on."""
    train, spans = load_ptc(root, "train")
    dev, dev_spans = load_ptc(root, "dev")
    fit, held = split_articles(train, HELD_SHARE, HELD_SEED)
    if limit:  # a quick slice: `limit` sentences, one held-out and one dev article
        fit = dict(sorted(fit.items())[:2])
        held = dict(sorted(held.items())[:1])
        dev = dict(sorted(dev.items())[:1])
        dev_spans = [x for x in dev_spans if x[0] in dev]
    units = units_of(fit, [x for x in spans if x[0] in fit])
    # Every sentence with a span, and as many again without (most PTC lines have none).
    with_spans = [u for u in units if u.spans]
    without = [u for u in units if not u.spans]
    random.Random(seed).shuffle(without)
    units = sorted(with_spans + without[:len(with_spans)], key=lambda u: (u.article, u.offset))
    return {"train": units[:limit] if limit else units,
            "held_articles": held, "held_spans": [x for x in spans if x[0] in held],
            "dev_articles": dev, "dev_spans": dev_spans}


# -- decoding and scoring with an encoder + tagger (torch-free: run on encoded texts) ----
def tune_decoding(token_probs: dict[str, list[tuple[int, np.ndarray, list[tuple[int, int]]]]],
                  articles: dict[str, str], gold: Sequence[tuple[str, str, int, int]]
                  ) -> tuple[float, float, int, float]:
    """``(lo, hi, gap, SI F1)`` maximising SI F1 on held-out articles; ``token_probs`` holds,
    per article, each line's offset, its P(in span) per piece and the pieces' offsets."""
    gold_spans: dict[str, list[tuple[int, int]]] = {a: [] for a in articles}
    for art, _, s, e in gold:
        gold_spans.setdefault(art, []).append((s, e))
    best = (0.5, 0.5, 0, -1.0)
    for lo in LOS:
        for hi in HIS:
            if hi < lo:
                continue
            for gap in GAPS:
                pred = {a: decode_article(units, lo, hi, gap, articles[a])
                        for a, units in token_probs.items()}
                f1 = si_scores(gold_spans, pred)["f1"]
                if f1 > best[3]:
                    best = (lo, hi, gap, f1)
    return best


def decode_article(units: list[tuple[int, np.ndarray, list[tuple[int, int]]]], lo: float,
                   hi: float, gap: int, text: str) -> list[tuple[int, int]]:
    """The spans (article offsets) the thresholds give for one article's lines."""
    from ..ml.heads import _word_bounds

    out = []
    for offset, p_in, offsets in units:
        real = [i for i, (s, e) in enumerate(offsets) if e > s]
        for run in decode_runs([float(p_in[i]) for i in real], lo, hi, gap):
            s, e = offsets[real[run[0]]][0], offsets[real[run[-1]]][1]
            s, e = _word_bounds(text, offset + s, offset + e)
            out.append((s, e))
    return out


def evaluate_tagger(encode: Any, tagger: Any, articles: dict[str, str],
                    gold: Sequence[tuple[str, str, int, int]], namer: Any = None
                    ) -> dict[str, Any]:
    """Official SI (partial overlap) and TC (gold spans, micro-F1) scores on PTC articles,
    0-1; ``encode(texts)`` runs the encoder, ``tagger`` is a TechniqueTagger, ``namer`` (a
    TechniqueNamer) names the spans when given."""
    gold_spans: dict[str, list[tuple[int, int]]] = {a: [] for a in articles}
    for art, _, s, e in gold:
        gold_spans[art].append((s, e))
    pred: dict[str, list[tuple[int, int]]] = {}
    tc_pred = []
    for aid, text in sorted(articles.items()):
        units = lines(text)
        encoded = encode([text[a:b] for a, b in units])
        found = tagger.spans_of(encoded, [text[a:b] for a, b in units], namer,
                                contexts=[(text, a) for a, _ in units])
        pred[aid] = [(a + g.start, a + g.end) for (a, _), guesses in zip(units, found, strict=True)
                     for g in guesses]
        counts: dict[tuple[int, int], int] = {}
        for a_, _, s, e in gold:
            if a_ == aid:
                counts[(s, e)] = counts.get((s, e), 0) + 1
        for (s, e), k in counts.items():
            line = next(((a, b, enc) for (a, b), enc in zip(units, encoded, strict=True)
                         if a <= s < b), None)
            if line is None:
                continue
            a, b, enc = line
            (p,) = tagger.span_label_probs(enc, text[a:b], [(s - a, min(e, b) - a)], namer,
                                           context=(text, a))
            for j in np.argsort(-p)[:k]:
                tc_pred.append((aid, tagger.labels[int(j)], s, e))
    si = si_scores(gold_spans, pred)
    return {"articles": len(articles),
            "si": {k: round(si[k], 4) for k in ("p", "r", "f1")},
            "si_spans": {"predicted": si["predicted_spans"], "gold": si["gold_spans"]},
            "tc": {"micro_f1": round(tc_micro_f1(list(gold), tc_pred), 4)}}


def evaluate_semeval2023(root: Path, encode: Any, tagger: Any, namer: Any = None
                         ) -> dict[str, Any] | None:
    """Paragraph-level multi-label micro-F1 on the SemEval-2023 Task 3 English dev set: a
    paragraph (line) gets the 2023 labels of every technique span found in it (named by
    ``namer`` when given)."""
    folder = root / "propaganda" / "semeval2023-task3" / "data" / "en"
    labels_file = folder / "dev-labels-subtask-3.txt"
    if not labels_file.exists():
        return None
    gold: dict[tuple[str, int], set[str]] = {}
    for row in labels_file.read_text("utf-8").splitlines():
        parts = row.split("\t")
        if len(parts) >= 2:
            gold[(parts[0], int(parts[1]))] = ({x for x in parts[2].split(",") if x}
                                               if len(parts) > 2 else set())
    pred: dict[tuple[str, int], set[str]] = {}
    for aid in sorted({a for a, _ in gold}):
        path = folder / "dev-articles-subtask-3" / f"article{aid}.txt"
        if not path.exists():
            continue
        article = path.read_text("utf-8")
        paragraphs = article.split("\n")
        starts = np.cumsum([0] + [len(p) + 1 for p in paragraphs[:-1]])
        encoded = encode([p or " " for p in paragraphs])
        found = tagger.spans_of(encoded, [p or " " for p in paragraphs], namer,
                                contexts=[(article, int(a)) for a in starts])
        for n, (paragraph, guesses) in enumerate(zip(paragraphs, found, strict=True), start=1):
            if not paragraph.strip():
                continue
            for g in guesses:
                pred.setdefault((aid, n), set()).update(TO_SEMEVAL2023[g.label])
    scores = micro_f1_sets(gold, pred)
    return {"paragraphs": len(gold), **{k: round(v, 4) for k, v in scores.items()}}


def labels() -> list[str]:
    return list(TECHNIQUES)


# -- the blend with the linear technique model (CRF + classifier) -----------------------
#: The CRF's share in each word's P(in span), searched on the held-out articles.
CRF_WEIGHTS = (0.0, 0.25, 0.5, 0.75, 1.0)
#: Decoding thresholds of the blend (word level): the CRF's range and the tagger's.
BLEND_LOS = (0.05, 0.08, 0.1, 0.12, 0.15, 0.2, 0.3, 0.4, 0.5)
BLEND_HIS = (0.1, 0.12, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7)
BLEND_GAPS = (0, 1, 2, 3)
#: The linear classifier's share in a span's technique probabilities.
TC_WEIGHTS = tuple(round(0.1 * i, 1) for i in range(11))


def choose_blend(encode: Any, tagger: Any, articles: dict[str, str],
                 gold: Sequence[tuple[str, str, int, int]],
                 log: Any = lambda s: None) -> dict[str, Any]:
    """The blend of ``tagger`` with its linear technique model, chosen on ``articles``
    (PTC train articles neither was trained on): the CRF's share in each word's P(in span)
    with the decoding thresholds that maximise SI F1 there, and the linear classifier's
    share in the technique probabilities of the gold spans with the lowest negative
    log-likelihood."""
    from ..ml.techniques import decode

    kept = tagger.blend
    tagger.blend = None  # each part alone
    model = tagger.crf_model()
    try:
        lines_of: dict[str, list[tuple[int, int, Any, Any, Any, Any]]] = {}
        for aid, text in sorted(articles.items()):
            units = lines(text)
            encoded = encode([text[a:b] for a, b in units])
            rows = []
            for (a, b), enc in zip(units, encoded, strict=True):
                toks = model.featurizer.unit_tokens(text, a, b)
                toks = [(s - a, e - a, w) for s, e, w in toks]  # offsets in the line
                if toks:
                    rows.append((a, b, toks, tagger._piece_max(enc, toks),
                                 model.marginals(toks), enc))
            lines_of[aid] = rows
        gold_spans: dict[str, list[tuple[int, int]]] = {a: [] for a in articles}
        for art, _, s, e in gold:
            gold_spans.setdefault(art, []).append((s, e))
        best: tuple[float, float, float, float, int] = (-1.0, 0.0, 0.5, 0.5, 0)
        for w in CRF_WEIGHTS:
            # As TechniqueTagger.blended_word_probs: words past the encoder's cut, the CRF's.
            mixed = {aid: [(a, toks, np.where(read, (1.0 - w) * pe + w * pc, pc))
                           for a, _, toks, (pe, read), pc, _ in rows]
                     for aid, rows in lines_of.items()}
            for lo in BLEND_LOS:
                for hi in (h for h in BLEND_HIS if h >= lo):
                    for gap in BLEND_GAPS:
                        pred = {aid: [(a + s, a + e) for a, toks, p in rows
                                      for s, e, _ in decode(toks, p, lo, hi, gap)]
                                for aid, rows in mixed.items()}
                        f1 = si_scores(gold_spans, pred)["f1"]
                        if f1 > best[0] + 1e-9:
                            best = (f1, w, lo, hi, gap)
            log(f"techniques blend: CRF share {w}, best held-out SI F1 so far {best[0]:.4f}")
        # Technique probabilities of the gold spans, each part alone.
        enc_p, lin_p, y = [], [], []
        order = [model.tc.labels.index(lab) for lab in tagger.labels]
        for art, label, s, e in gold:
            line = next(((a, b, enc) for a, b, _, _, _, enc in lines_of.get(art, ())
                         if a <= s < b), None)
            if line is None or label not in tagger.labels:
                continue
            a, b, enc = line
            span, line_text = [(s - a, min(e, b) - a)], articles[art][a:b]
            enc_p.append(tagger.span_label_probs(enc, line_text, span)[0])
            lin_p.append(np.asarray(model.label_proba(line_text, span),
                                    dtype=np.float64)[0, order])
            y.append(tagger.labels.index(label))
        gold_idx = np.array(y)

        def nll(w: float) -> float:
            p = (1.0 - w) * np.array(enc_p) + w * np.array(lin_p)
            return float(-np.mean(np.log(np.clip(p[np.arange(len(y)), gold_idx], 1e-9,
                                                 None))))

        tc_weight = min(TC_WEIGHTS, key=nll) if y else 0.0
    finally:
        tagger.blend = kept
    f1, w, lo, hi, gap = best
    log(f"techniques blend: CRF share {w} (lo {lo}, hi {hi}, gap {gap}; held-out SI F1 "
        f"{f1:.4f}); classifier share {tc_weight}")
    from ..ml.techniques import MODEL_DIR, fingerprint

    return {"crf_weight": w, "lo": lo, "hi": hi, "gap": gap, "tc_weight": tc_weight,
            "crf_sha256": fingerprint(str(MODEL_DIR)), "held_si_f1": round(f1, 4),
            "held_tc_nll": {"tagger_only": round(nll(0.0), 4) if y else None,
                            "chosen": round(nll(tc_weight), 4) if y else None},
            "held_articles": len(articles), "held_seed": HELD_SEED}
