"""Experiment: a 3-layer student of the shipped text encoder, for the `full` profile's cost.

Not part of echoscope: it records how the 2026-12-02 trial was run, so that it can be run
again (on a GPU, longer). Needs torch (``pip install 'echoscope[train]'``) and
``../shared/data``.

    python benchmarks/experiments/student.py train OUT [--minutes 70] [--threads 2]
        [--resume CKPT] [--lr 3e-4]
    python benchmarks/experiments/student.py eval teacher
    python benchmarks/experiments/student.py eval OUT/student.pt

The student keeps layers 0, 2 and 4 of the base encoder with the text adapter's factors
(rank 32, padded to rank 64 with fresh ones) and the text heads, then learns to reproduce
the shipped model (the teacher): mean squared error of the last token states (scaled by
1/0.01), plus the KL divergence of every text head's and the tagger's outputs, on the
training texts of the text tasks and the PTC train lines (not the held-out tenth). The
learning rate decays linearly to zero over the time box (the first run on 2026-12-02 used
a warm-up and a linear decay over 5,040 steps instead, cut at 2,744 by its time box).

``eval`` scores the encoder alone (no linear model) on each task's validation rows, with
the temperature and the decision rule chosen on those rows as ``calibrate_text`` does, and
the tagger's SI F1 on the held-out PTC articles with its decoding tuned there — the same
for teacher and student, so the two can be compared without touching a test split.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np
import torch

from echoscope.doc import TECHNIQUES
from echoscope.ml.encoder import load_artifact
from echoscope.ml.heads import TAGS
from echoscope.train import text_heads as th
from echoscope.train.datasets import data_root
from echoscope.train.encoder import (
    Epochs,
    batch_of,
    build_model,
    fit_temperature,
    mean_pool,
    sampled_tasks,
    seed_everything,
    softmax,
)
from echoscope.train.metrics import score
from echoscope.train.techniques_head import (
    HELD_SEED,
    HELD_SHARE,
    load_ptc,
    split_articles,
    technique_data,
    units_of,
)

KEEP = (0, 2, 4)
DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
NAMES = {"query": "attention.self.query", "key": "attention.self.key",
         "value": "attention.self.value", "attn_out": "attention.output.dense",
         "inter": "intermediate.dense", "out": "output.dense"}


def heads_of(arrays=None, state=None):
    heads = torch.nn.ModuleDict({n: torch.nn.Linear(384, len(t.labels))
                                 for n, t in th.TASKS.items()})
    heads["tags"] = torch.nn.Linear(384, len(TAGS))
    heads["span"] = torch.nn.Linear(4 * 384, len(TECHNIQUES))
    if state is not None:
        heads.load_state_dict(state)
        return heads
    with torch.no_grad():
        for n, head in heads.items():
            head.weight.copy_(torch.from_numpy(arrays[f"head.{n}.weight"].astype(np.float32)))
            head.bias.copy_(torch.from_numpy(arrays[f"head.{n}.bias"].astype(np.float32)))
    return heads


def teacher(arrays):
    model = build_model(32, 64.0, dropout=0.0)
    model.load_adapter({k: v for k, v in arrays.items() if ".lora_" in k})
    return model.eval()


def student(arrays, dropout=0.1):
    model = build_model(64, 128.0, dropout=dropout)
    model.layers = torch.nn.ModuleList([model.layers[i] for i in KEEP])
    with torch.no_grad():
        for j, i in enumerate(KEEP):
            for attr, name in NAMES.items():
                lin = getattr(model.layers[j], attr)
                a = arrays[f"encoder.layer.{i}.{name}.lora_a"].astype(np.float32)
                b = arrays[f"encoder.layer.{i}.{name}.lora_b"].astype(np.float32)
                lin.lora_a[:32].copy_(torch.from_numpy(a))
                lin.lora_a[32:].mul_(0.5)
                lin.lora_b.zero_()
                lin.lora_b[:, :32].copy_(torch.from_numpy(b))
    return model


def train(args) -> None:
    torch.set_num_threads(args.threads)
    seed_everything(0)
    root = data_root(DATA)
    data = th.task_data(root, 0)
    _, arrays = load_artifact(th.OUT_DIR)
    big, big_heads = teacher(arrays), heads_of(arrays).eval()
    small, small_heads = student(arrays), heads_of(arrays)
    steps_before = 0
    if args.resume:
        ck = torch.load(args.resume)
        small.load_state_dict(ck["student"])
        small_heads.load_state_dict(ck["heads"])
        steps_before = ck["steps"]
    articles, _ = load_ptc(root, "train")
    fit, _ = split_articles(articles, HELD_SHARE, HELD_SEED)
    pools = {n: data[n]["train"][0] for n in th.TASKS}
    pools["news"] = [u.text for u in units_of(fit, []) if len(u.text.split()) >= 3]
    sizes = {n: len(v) for n, v in pools.items()}
    params = [p for p in small.parameters() if p.requires_grad] + list(small_heads.parameters())
    opt = torch.optim.AdamW(params, lr=args.lr, weight_decay=0.0)
    feeds = {n: Epochs(k, 32, 0) for n, k in sizes.items()}
    F = torch.nn.functional

    def kl(zs, zt):
        return F.kl_div(F.log_softmax(zs, -1), F.softmax(zt, -1), reduction="batchmean")

    started, step, box = time.time(), 0, args.minutes * 60
    small.train()
    for name in sampled_tasks(sizes, 10**7, 3.0, steps_before):
        elapsed = time.time() - started
        if elapsed > box:
            break
        for group in opt.param_groups:
            group["lr"] = args.lr * (1.0 - elapsed / box) * min(1.0, (step + 1) / 50)
        b = batch_of([pools[name][i] for i in feeds[name].next()], 64)
        with torch.no_grad():
            ts = big(b.ids, b.mask, b.types)
            tp = mean_pool(torch, ts, b.mask)
        ss = small(b.ids, b.mask, b.types)
        sp = mean_pool(torch, ss, b.mask)
        m = b.mask[..., None].float()
        mse = (((ss - ts) ** 2) * m).sum() / (m.sum() * 384) / 0.01
        kd = sum(kl(small_heads[n](sp), big_heads[n](tp)) for n in th.TASKS)
        inside = b.mask.bool()
        tags = kl(small_heads["tags"](ss)[inside], big_heads["tags"](ts)[inside])
        loss = mse + kd + tags
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        opt.zero_grad()
        step += 1
        if step % 100 == 0:
            print(f"step {step} {name} mse {mse.item():.3f} kd {float(kd):.3f} "
                  f"tags {tags.item():.3f} {time.time() - started:.0f}s", flush=True)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    torch.save({"student": small.state_dict(), "heads": small_heads.state_dict(),
                "steps": steps_before + step}, out / "student.pt")
    print(f"saved {out / 'student.pt'} after {steps_before + step} steps", flush=True)


def evaluate(args) -> None:
    torch.set_num_threads(args.threads)
    root = data_root(DATA)
    data = th.task_data(root, 0)
    _, arrays = load_artifact(th.OUT_DIR)
    if args.which == "teacher":
        model, heads = teacher(arrays), heads_of(arrays)
    else:
        ck = torch.load(args.which)
        model, heads = student(arrays, dropout=0.0), heads_of(state=ck["heads"])
        model.load_state_dict(ck["student"])
    model.eval()
    heads.eval()
    out = {}
    with torch.no_grad():
        for name, task in th.TASKS.items():
            texts, gold = data[name]["val"]
            order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
            z = np.zeros((len(texts), len(task.labels)), dtype=np.float32)
            for s in range(0, len(order), 64):
                idx = order[s:s + 64]
                b = batch_of([texts[i] for i in idx], 128)
                z[idx] = heads[name](mean_pool(torch, model(b.ids, b.mask, b.types),
                                               b.mask)).numpy()
            y = np.array([task.labels.index(g) for g in gold])
            p = softmax(z / fit_temperature(z, y))
            if len(task.labels) == 2:
                pred = th._decide(task, p, th.choose_threshold(task, p, gold))
            else:
                pred = th._decide(task, p, None, th.choose_class_weights(task, p, gold))
            out[name] = round(score(task.metric, gold, pred, task.labels), 2)
        tech = technique_data(root, 0)
        out["si_held_out"] = th.calibrate_techniques(torch, model, heads, tech, 128, "cpu",
                                                     print)["held_out_si_f1"]
    print(json.dumps({"model": args.which, "validation": out}), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    t = sub.add_parser("train")
    t.add_argument("out")
    t.add_argument("--minutes", type=float, default=70)
    t.add_argument("--threads", type=int, default=2)
    t.add_argument("--resume")
    t.add_argument("--lr", type=float, default=3e-4)
    e = sub.add_parser("eval")
    e.add_argument("which", help="teacher, or a student checkpoint (student.pt)")
    e.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    (train if args.command == "train" else evaluate)(args)


if __name__ == "__main__":
    main()
