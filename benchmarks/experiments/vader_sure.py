"""The VADER compound levels beyond which the `fast` profile's tone is sure enough to show
(``SURE_COMPOUND`` in ``echoscope.ml.vader``), measured as the text heads' levels are
chosen (``SURE_TONE``: one tone against the others, 80% precise were one text in four of
that tone) on TweetEval's sentiment validation tweets. Prints each tone's level and the
precision there; needs ``../shared/data``.

    python benchmarks/experiments/vader_sure.py
"""

from __future__ import annotations

import numpy as np

from echoscope.cli.models import default_data_dir
from echoscope.ml.vader import sentiment
from echoscope.train.datasets import data_root
from echoscope.train.metrics import SURE_TONE, precise_threshold, precision_at_prior
from echoscope.train.text_heads import TASKS


def main() -> None:
    task = TASKS["sentiment"]
    texts, gold = task.load(data_root(default_data_dir()))["val"]
    y = np.array([task.labels.index(g) for g in gold])
    c = np.array([sentiment(t)[0] for t in texts])
    # Each tone's score in 0..1, higher where VADER is surer of that tone.
    scores = {"negative": (1 - c) / 2, "neutral": 1 - np.abs(c), "positive": (1 + c) / 2}
    for k, label in enumerate(task.labels):
        hit = (y == k).astype(int)
        t = precise_threshold(scores[label], hit, prior=SURE_TONE["prior"],
                              min_precision=SURE_TONE["min_precision"])
        estimate, hits = precision_at_prior(scores[label], hit, t, SURE_TONE["prior"])
        if t >= 1.0:
            print(f"{label}: never sure")
            continue
        level = {"negative": 1 - 2 * t, "positive": 2 * t - 1}.get(label)
        print(f"{label}: score above {t} (compound {level:+.2f}), {100 * estimate:.1f}% at "
              f"the assumed rate, {hits} of its {hit.sum()} validation tweets above")


if __name__ == "__main__":
    main()
