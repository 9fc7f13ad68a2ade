"""Are the `fast` profile's sure tone badges (VADER beyond ``SURE_COMPOUND``) less often
right where its linear irony model is fairly sure a text is ironic, though not sure enough
to label it? Prints, per band of P(irony), how many sure positive and negative badges
TweetEval's sentiment tweets get and how many match the tweet's meant tone (validation
and test), and, on SemEval-2018 Task 3B's gold test tweets, how many sure positive badges
fall on irony by polarity contrast (class 1). Needs ``../shared/data``.

    python benchmarks/experiments/tone_irony.py

Measured 2026-12-05: no band's badges are less often right on TweetEval (test: positive
0.68 below 0.5, 0.62 at 0.5-0.7, 0.90 at 0.7-0.8; negative 0.76, 0.76, 0.75), so no rule
withholding them is supported by data; on SemEval-2018's test tweets (half ironic by
design) 7 of the 11 sure positive badges at P(irony) >= 0.7 were on polarity-contrast
irony, 2 of 32 below 0.5.
"""

from __future__ import annotations

from echoscope.cli.models import default_data_dir
from echoscope.ml import MODELS_DIR
from echoscope.ml.textclf import load_cached
from echoscope.ml.vader import sentiment, sure
from echoscope.train.datasets import data_root
from echoscope.train.text_heads import TASKS

BANDS = [(0.0, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01)]
SEMEVAL_B = ("social/semeval2018_task3/datasets/goldtest_TaskB/"
             "SemEval2018-T3_gold_test_taskB_emoji.txt")


def main() -> None:
    root = data_root(default_data_dir())
    irony = load_cached(str(MODELS_DIR / "irony"))
    splits = TASKS["sentiment"].load(root)
    for split in ("val", "test"):
        texts, gold = splits[split]
        p = irony.predict_proba(list(texts))[:, 1]
        tones = [sentiment(t) for t in texts]
        print(f"TweetEval sentiment {split} ({len(texts)} tweets): sure badges right / given")
        for lo, hi in BANDS:
            cells = []
            for tone in ("positive", "negative"):
                given = [i for i in range(len(texts)) if lo <= p[i] < hi
                         and tones[i][1] == tone and sure(*tones[i])]
                right = sum(gold[i] == tone for i in given)
                cells.append(f"{tone} {right}/{len(given)}")
            print(f"  P(irony) {lo:.1f}-{min(hi, 1.0):.1f}: " + ", ".join(cells))
    lines = (root / SEMEVAL_B).read_text(encoding="utf-8").splitlines()[1:]
    rows = [line.split("\t") for line in lines if line.strip()]
    texts, labels = [r[2] for r in rows], [int(r[1]) for r in rows]
    p = irony.predict_proba(texts)[:, 1]
    tones = [sentiment(t) for t in texts]
    print(f"SemEval-2018 3B gold test ({len(texts)} tweets): sure positive badges, of them on "
          "polarity-contrast irony")
    for lo, hi in BANDS:
        given = [i for i in range(len(texts)) if lo <= p[i] < hi
                 and tones[i][1] == "positive" and sure(*tones[i])]
        contrast = sum(labels[i] == 1 for i in given)
        print(f"  P(irony) {lo:.1f}-{min(hi, 1.0):.1f}: {contrast}/{len(given)}")


if __name__ == "__main__":
    main()
