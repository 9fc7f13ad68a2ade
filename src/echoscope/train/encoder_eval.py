"""``echoscope eval encoder``: every figure of the encoder's heads in one place."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..ml.encoder import ENCODER_DIR
from .cross import RARE_LABELS, evaluate_cross
from .datasets import data_root
from .stance_head import evaluate_stance_head, stance_splits
from .technique_namer import evaluate_namer, namer_data
from .text_heads import evaluate_text


def evaluate_encoder(data_dir: str | Path, models_dir: str | Path | None = None, *,
                     precision: str | None = None,
                     stance_without_semeval: str | Path | None = None) -> dict[str, Any]:
    """Text heads, technique tagger (alone, and with the technique namer naming its spans
    as the analyzer does), and stance head on their official test splits, with the encoder
    at ``precision`` (None: each model's own, mixed as shipped), and the cross-dataset
    figures; ``table`` holds the rows a person reads."""
    root = data_root(data_dir)
    base = Path(models_dir) if models_dir else ENCODER_DIR
    text = evaluate_text(root, base / "text", precision=precision)
    stance = evaluate_stance_head(base / "stance", stance_splits(root), precision=precision)
    cross = evaluate_cross(root, base, stance_without_semeval, precision=precision)
    rows: list[tuple[Any, ...]] = []
    for name in ("sentiment", "offensive", "irony", "hypocrisy"):
        r = text[name]
        best = max(r["baselines"].items(), key=lambda kv: kv[1])
        if "test_at_f1_threshold" in r:  # labelled for precision: F1 at the F1 threshold
            rows.append((f"{name} (test, at the F1 threshold)", r["metric"],
                         r["test_at_f1_threshold"],
                         "–".join(map(str, r["test_at_f1_threshold_ci95"])),
                         f"{r['test_ece_before']} → {r['test_ece_after']}",
                         f"{best[0]} {best[1]}"))
            rows.append((f"{name} labels (test, precise threshold)", "precision / recall %",
                         f"{r['test_label_precision']} / {r['test_label_recall']}", "", "",
                         "labels chosen for precision"))
            continue
        rows.append((f"{name} (test)", r["metric"], r["test"], "–".join(map(str, r["test_ci95"])),
                     f"{r['test_ece_before']} → {r['test_ece_after']}", f"{best[0]} {best[1]}"))
    for key, label in (("techniques_ptc_dev", "techniques, PTC dev"),):
        if key in text:
            t = text[key]
            rows.append((f"{label} SI", "F1 (0-1)", t["si"]["f1"], "", "", "best on test 0.5155"))
            rows.append((f"{label} TC", "micro-F1", t["tc"]["micro_f1"], "", "",
                         "best on test 0.6207"))
    if "techniques_semeval2023_en_dev" in text:
        rows.append(("techniques, SemEval-2023 EN dev", "paragraph micro-F1",
                     text["techniques_semeval2023_en_dev"]["micro_f1"], "", "",
                     "NLUBot101 0.389-0.496"))
    namer = None
    if (base / "techniques" / "model.json").exists():
        # As the `techniques` analyzer runs: the tagger's spans, named by the namer.
        namer = evaluate_namer(root, base / "techniques", namer_data(root),
                               precision=precision, text_dir=base / "text")
        served = namer.get("tagger_ptc_dev")
        if served:
            rows.append(("techniques + namer, PTC dev SI", "F1 (0-1)", served["si"]["f1"], "",
                         "", "best on test 0.5155"))
            rows.append(("techniques + namer, PTC dev TC", "micro-F1",
                         served["tc"]["micro_f1"],
                         "–".join(map(str, namer["dev"]["served"]["ci95"])),
                         f"{namer['dev']['ece_before']} → {namer['dev']['ece_after']}",
                         "best on test 0.6207"))
        sem = namer.get("tagger_semeval2023_en_dev")
        if sem:
            rows.append(("techniques + namer, SemEval-2023 EN dev", "paragraph micro-F1",
                         sem["micro_f1"], "", "", "NLUBot101 0.389-0.496"))
    paragraphs = None
    if (base / "paragraphs" / "model.json").exists():
        from .paragraphs import evaluate_paragraphs

        paragraphs = evaluate_paragraphs(root, base / "paragraphs", base / "text",
                                         precision=precision)
        rows.append(("techniques per paragraph, SemEval-2023 EN dev", "paragraph micro-F1",
                     paragraphs["micro_f1"], "–".join(map(str, paragraphs["interval"])),
                     f"{paragraphs['ece']}", "NLUBot101 0.389-0.496"))
        given = paragraphs["labelled"]
        rows.append(("techniques per paragraph: labels", "precision / recall (0-1)",
                     f"{given['p']} / {given['r']}", "", "", "labels chosen for precision"))
    rows.append(("stance, P-Stance (mean of 3)", "macro-F1 F/A", stance.get("pstance_mean"),
                 "–".join(map(str, stance.get("pstance_mean_ci95", []))), "", "BERTweet 80.5"))
    rows.append(("stance, SemEval-2016", "F_avg", stance.get("semeval_f_avg"),
                 "–".join(map(str, stance.get("semeval_f_avg_ci95", []))),
                 f"{stance.get('semeval_ece_before')} → {stance.get('semeval_ece_after')}",
                 "TimeLMs 72.9, SVM 67.3"))
    for name, r in cross.items():
        if "echoscope" in r:
            rows.append((name.replace("_", " "), r["metric"], r["echoscope"],
                         "–".join(map(str, r["echoscope_ci95"])), "",
                         f"in-domain TF-IDF {r['in_domain_tfidf']}"))
    for name, r in cross.items():
        if r.get("label_precision") is not None or "labelled_share" in r:
            rows.append((f"{name.replace('_', ' ')}: labels", "% labelled / precision %",
                         f"{r['labelled_share']} / {r['label_precision']}", "", "",
                         f"{r['positive_share']}% of texts positive"))
    trump = cross.get("stance_on_semeval2016_trump")
    if trump:
        s = trump["served"]
        rows.append(("stance on SemEval-2016 B: sides said at the level served",
                     "% given / right % / % of NONE given one",
                     f"{s['coverage']} / {s['precision']} / {s['none_given_side']}", "", "",
                     f"level {s['level']}; the task's best F_avg {trump['published_best']}"))
    emotion = cross.get("sentiment_on_tweeteval_emotion")
    if emotion:
        rows.append(("sentiment → TweetEval emotion (test; anger, sadness negative; joy, "
                     "optimism positive)", "precision / recall %",
                     f"negative {emotion['negative']['precision']} / "
                     f"{emotion['negative']['recall']}, positive "
                     f"{emotion['positive']['precision']} / {emotion['positive']['recall']}",
                     "", "", f"{emotion['neutral_share']}% labelled neutral"))
    for task, word in RARE_LABELS.items():
        news = cross.get(f"{task}_share_of_ptc_dev_sentences")
        if news:
            rows.append((f"{task} on news (PTC dev sentences)", f"% labelled {word}",
                         news[f"share_labelled_{word}"], "", "", f"news prose is rarely {word}"))
        tweets = cross.get(f"{task}_share_of_stance_test_tweets")
        if tweets:
            rows.append((f"{task} on stance tweets (P-Stance, SemEval-2016 test)",
                         f"% labelled {word}", tweets[f"share_labelled_{word}"], "", "",
                         "FAVOR " + str(tweets["by_stance"].get("FAVOR"))))
    return {"text": text, "namer": namer, "paragraphs": paragraphs, "stance": stance,
            "cross": cross, "table": rows}
