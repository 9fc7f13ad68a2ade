"""Training speed of the encoder's adapters on the CPU: batches of one length vs as drawn.

A batch is padded to its longest text, so batches drawn at random from tweets (median 27
word pieces, longest in a batch of 32 often over 100) are mostly padding. The optional
by-length feed (`train.encoder.Epochs` given lengths; `echoscope train stance --batches
by-length`, no shipped recipe) sorts each pool of 50 batches by length before cutting it
into batches. This measures LoRA fine-tuning steps (forward, backward, AdamW) on TweetEval
offensive tweets and on stance (target, tweet) pairs, with both feeds, interleaved in one
process on the same model (best of ``rounds``). Baseline: the feed as drawn. Needs
``../shared/data`` and torch (the `train` extra); skips cleanly without them.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

DATA = Path(os.environ.get("ECHOSCOPE_DATA", Path(__file__).resolve().parents[2] / "shared"
                           / "data"))


def _steps(torch, model, head, opt, feed, items, steps: int) -> float:
    from echoscope.train.encoder import batch_of, mean_pool

    t0 = time.perf_counter()
    for _ in range(steps):
        b = batch_of([items[i] for i in feed.next()], 96)
        logits = head(mean_pool(torch, model(b.ids, b.mask, b.types), b.mask))
        loss = torch.nn.functional.cross_entropy(logits, torch.zeros(len(logits), dtype=torch.long))
        loss.backward()
        opt.step()
        opt.zero_grad()
    return steps * 32 / (time.perf_counter() - t0)


def main(steps: int = 12, rounds: int = 2) -> dict:
    try:
        from echoscope.train.encoder import Epochs, build_model, torch_modules
        from echoscope.train.stance_head import stance_splits
        torch = torch_modules()
    except Exception as err:  # noqa: BLE001 - the train extra is optional
        return {"benchmark": "training", "skipped": f"no torch: {err}"}
    tweets_file = DATA / "social" / "tweeteval" / "datasets" / "offensive" / "train_text.txt"
    if not tweets_file.exists():
        return {"benchmark": "training", "skipped": f"no data in {DATA}"}
    torch.manual_seed(0)
    tweets = tweets_file.read_text("utf-8").splitlines()[:3200]
    pairs = [(target, text) for text, target, _ in stance_splits(DATA, 0, (), 3200)["train"]]
    model = build_model(16, 32.0)
    head = torch.nn.Linear(384, 3)
    opt = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad]
                            + list(head.parameters()), lr=1e-5)
    model.train()
    out: dict = {"benchmark": "training", "steps": steps, "batch": 32,
                 "threads": torch.get_num_threads()}
    for name, items in (("tweets", tweets), ("stance_pairs", pairs)):
        lengths = [len(x) if isinstance(x, str) else len(x[0]) + len(x[1]) for x in items]
        best = {"as_drawn": 0.0, "by_length": 0.0}
        for r in range(rounds):
            feeds = {"as_drawn": Epochs(len(items), 32, r),
                     "by_length": Epochs(len(items), 32, r, lengths)}
            for feed_name, feed in feeds.items():
                best[feed_name] = max(best[feed_name],
                                      _steps(torch, model, head, opt, feed, items, steps))
        out[name] = {k: round(v, 1) for k, v in best.items()}
        out[name]["speedup"] = round(best["by_length"] / best["as_drawn"], 2)
    return out


if __name__ == "__main__":
    print(json.dumps(main(*(int(a) for a in sys.argv[1:]))))
