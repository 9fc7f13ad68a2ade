"""The technique namer: ``echoscope train techniques-namer`` fine-tunes the encoder to read
a pair ``(span, the text around it)`` and name the span's technique (the 14 PTC labels of
SemEval-2020 Task 11, technique classification).

Trained on the PTC train articles less the tenth held out from every technique model
(:data:`~echoscope.train.techniques_head.HELD_SHARE`, the same articles whatever the
seed); on that tenth, through the artifact as the analyzers run it: the temperature, and
the share of the linear technique classifier (``models/techniques``, trained without the
same articles) with the lowest negative log-likelihood. Scored on PTC dev (gold spans,
micro-F1) and, with the technique tagger finding the spans, on PTC dev and SemEval-2023
English dev.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from ..doc import TECHNIQUES
from ..ml.encoder import ENCODER_DIR
from ..ml.heads import TechniqueNamer, namer_input
from ..ml.techniques import MODEL_DIR as LINEAR_DIR
from ..ml.techniques import fingerprint, lines
from .datasets import data_root, load_ptc
from .encoder import (
    Epochs,
    batch_of,
    build_model,
    choose_linear_weight,
    common_config,
    device_of,
    expected_calibration_error,
    fit_temperature,
    log_every,
    precision_note,
    schedule,
    seed_everything,
    softmax,
    torch_modules,
)
from .metrics import bootstrap_ci, tc_micro_f1
from .techniques_head import HELD_SEED, HELD_SHARE, split_articles

OUT_DIR = ENCODER_DIR / "techniques"
#: One training or scoring example: the span's sentence, the span in it ``(start, end)``,
#: the gold label's index, and the span in its article ``(article, start, end)`` (a span
#: with k techniques is k rows).
Row = tuple[str, tuple[int, int], int, tuple[str, int, int]]


def namer_rows(articles: dict[str, str], spans: Sequence[tuple[str, str, int, int]]
               ) -> list[Row]:
    """A row per gold span of ``articles``, in its line (PTC's sentence unit: the text the
    analyzers give the namer; a span is cut at its line's end)."""
    units = {aid: lines(text) for aid, text in articles.items()}
    out = []
    for aid, label, s, e in sorted(spans):
        if aid not in articles:
            continue
        line = next(((a, b) for a, b in units[aid] if a <= s < b), None)
        if line is None:
            continue
        a, b = line
        out.append((articles[aid][a:b], (s - a, min(e, b) - a), TECHNIQUES.index(label),
                    (aid, s, e)))
    return out


def namer_data(root: Path, limit: int | None = None) -> dict[str, Any]:
    """Train (PTC train less the held-out tenth), held (that tenth) and dev rows, and the
    articles of the last two (``held_articles``, ``dev_articles``: the linear classifier
    reads a span in its article); ``limit``: a quick slice (so many train rows, one
    held-out and one dev article)."""
    train, spans = load_ptc(root, "train")
    dev, dev_spans = load_ptc(root, "dev")
    fit, held = split_articles(train, HELD_SHARE, HELD_SEED)
    if limit:  # the first held-out and dev articles with a span
        held = {a: held[a] for a in sorted({x[0] for x in spans if x[0] in held})[:1]}
        dev = {a: dev[a] for a in sorted({x[0] for x in dev_spans})[:1]}
    rows = namer_rows(fit, spans)
    return {"train": rows[:limit] if limit else rows, "held": namer_rows(held, spans),
            "dev": namer_rows(dev, dev_spans), "held_articles": held, "dev_articles": dev}


def train_namer(data_dir: str | Path, out_dir: str | Path | None = None, *,
                epochs: float = 3.0, rank: int = 16, alpha: float = 32.0, lr: float = 5e-4,
                batch_size: int = 32, max_tokens: int = 128, window: int = 200,
                seed: int = 0, limit: int | None = None, device: str = "auto",
                threads: int | None = None, log: Callable[[str], None] = lambda s: None
                ) -> dict[str, Any]:
    """Fine-tune the namer's adapters and head; calibrate and choose the linear share on
    the held-out articles; score on PTC dev; write the artifact and its card."""
    torch = torch_modules()
    if threads:
        torch.set_num_threads(threads)
    seed_everything(seed)
    started = time.perf_counter()
    root = data_root(data_dir)
    data = namer_data(root, limit)
    rows: list[Row] = data["train"]
    dev = device_of(device)
    model = build_model(rank, alpha).to(dev)
    head = torch.nn.Linear(2 * 384, len(TECHNIQUES)).to(dev)
    params = [p for p in model.parameters() if p.requires_grad] + list(head.parameters())
    opt = torch.optim.AdamW(params, lr=lr, weight_decay=0.01)
    steps = max(1, int(epochs * len(rows) / batch_size))
    sched = torch.optim.lr_scheduler.LambdaLR(opt, schedule(steps))
    feed = Epochs(len(rows), batch_size, seed)
    say = log_every(log)
    model.train()
    for step in range(steps):
        idx = feed.next()
        b = batch_of([namer_input(rows[i][0], *rows[i][1], window) for i in idx],
                     max_tokens, dev)
        states = model(b.ids, b.mask, b.types)
        loss = torch.nn.functional.cross_entropy(
            head(_features(torch, states, b.mask, b.types)),
            torch.tensor([rows[i][2] for i in idx], device=dev))
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        sched.step()
        opt.zero_grad()
        say(f"namer: step {step + 1}/{steps} loss {loss.item():.3f} "
            f"{time.perf_counter() - started:.0f}s")
    model.eval()
    folder = Path(out_dir) if out_dir else OUT_DIR
    folder.mkdir(parents=True, exist_ok=True)
    arrays = {k: v.astype(np.float16) for k, v in model.adapter().items()}
    arrays["head.namer.weight"] = head.weight.detach().cpu().numpy().astype(np.float32)
    arrays["head.namer.bias"] = head.bias.detach().cpu().numpy().astype(np.float32)
    np.savez_compressed(folder / "weights.npz", **arrays)
    config = {**common_config(rank, alpha, max_tokens), "kind": "technique_namer",
              "labels": list(TECHNIQUES), "window": window, "temperature": 1.0,
              "linear_weight": 0.0,
              "training": {"epochs": epochs, "lr": lr, "batch_size": batch_size,
                           "seed": seed, "limit": limit, "examples": len(rows),
                           "steps": steps, "device": str(dev)},
              "trained_on": date.today().isoformat()}
    _write(folder, config)
    config = calibrate_namer(folder, data, log)
    config["metrics"] = evaluate_namer(root, folder, data, spans_too=not limit)
    config["metrics"]["seconds"] = round(time.perf_counter() - started, 1)
    _write(folder, config)
    (folder / "MODEL_CARD.md").write_text(namer_card(config), "utf-8")
    return config["metrics"]


def recalibrate_namer(data_dir: str | Path, out_dir: str | Path | None = None, *,
                      log: Callable[[str], None] = lambda s: None) -> dict[str, Any]:
    """``echoscope train techniques-namer --calibrate-only``: the temperature and linear
    share of a namer already trained (default: the shipped one) chosen again on the
    held-out articles (with the slice it was trained with), then scored and its card
    rewritten; the adapters and head are not touched. Needs no torch."""
    started = time.perf_counter()
    folder = Path(out_dir) if out_dir else OUT_DIR
    config = json.loads((folder / "model.json").read_text("utf-8"))
    limit = config["training"].get("limit")
    root = data_root(data_dir)
    data = namer_data(root, limit)
    config = calibrate_namer(folder, data, log)
    seconds = config.get("metrics", {}).get("seconds")
    config["metrics"] = evaluate_namer(root, folder, data, spans_too=not limit)
    config["metrics"]["seconds"] = seconds
    config["metrics"]["calibrated_seconds"] = round(time.perf_counter() - started, 1)
    config["calibrated_on"] = date.today().isoformat()
    _write(folder, config)
    (folder / "MODEL_CARD.md").write_text(namer_card(config), "utf-8")
    return config["metrics"]


def _features(torch: Any, states: Any, mask: Any, types: Any) -> Any:
    """:func:`echoscope.ml.heads.namer_features` in torch, for a batch: the mean of the
    span's side (segment A with ``[CLS]`` and its ``[SEP]``) and of the whole pair."""
    m = mask[..., None].float()
    a = (mask * (types == 0))[..., None].float()
    return torch.cat([(states * a).sum(1) / a.sum(1).clamp(min=1.0),
                      (states * m).sum(1) / m.sum(1).clamp(min=1.0)], dim=-1)


def _write(folder: Path, config: dict[str, Any]) -> None:
    (folder / "model.json").write_text(json.dumps(config, indent=2) + "\n", "utf-8")


def _probs(folder: Path, rows: list[Row], articles: dict[str, str],
           precision: str | None = "float32") -> dict[str, np.ndarray]:
    """For ``rows`` (of ``articles``), through the artifact as the analyzers run it: the
    namer's raw ``logits``, its calibrated probabilities alone (``namer``), the linear
    classifier's (``linear``) and the average served (``served``)."""
    namer = TechniqueNamer.load(folder, precision=precision)
    by_text: dict[tuple[str, int, str], list[int]] = {}
    for i, (text, (s, _), _, (aid, start, _)) in enumerate(rows):
        by_text.setdefault((aid, start - s, text), []).append(i)
    width = len(TECHNIQUES)
    out = {k: np.zeros((len(rows), width)) for k in ("logits", "namer", "linear", "served")}
    for (aid, at, text), idx in by_text.items():
        spans = [rows[i][1] for i in idx]
        z = namer.logits(text, spans)
        context = (articles[aid], at)
        out["logits"][idx] = z
        out["namer"][idx] = softmax(z / namer.temperature)
        out["linear"][idx] = namer.linear_probs([(text, spans)], [context])
        out["served"][idx] = namer.probs(text, spans, logits=z, context=context)
    return out


def calibrate_namer(folder: Path, data: dict[str, Any],
                    log: Callable[[str], None] = lambda s: None) -> dict[str, Any]:
    """On the held-out articles, through the artifact as served: the temperature, then the
    linear classifier's share with the lowest negative log-likelihood (the linear model is
    recorded by its sha256: the namer is served with that one only)."""
    config = json.loads((folder / "model.json").read_text("utf-8"))
    held = data["held"]
    gold = np.array([r[2] for r in held], dtype=np.int64)
    # Chosen with the linear model installed now, whichever the artifact was chosen with.
    config.pop("crf_sha256", None)
    _write(folder, config)
    _reload()
    p = _probs(folder, held, data["held_articles"])
    logits = p["logits"]
    temperature = fit_temperature(logits, gold) if len(gold) else 1.0
    weight, nll = choose_linear_weight(softmax(logits / temperature), p["linear"], gold)
    config.update({"temperature": temperature, "linear_weight": weight,
                   "crf_sha256": fingerprint(str(LINEAR_DIR)),
                   "calibration": {"held_articles": len({r[3][0] for r in held}),
                                   "held_rows": len(held), "nll": nll,
                                   "ece_before": expected_calibration_error(softmax(logits), gold)
                                   if len(gold) else None}})
    _write(folder, config)
    _reload()
    log(f"namer: temperature {temperature:.3f}, linear share {weight} (held-out NLL {nll})")
    return config


def _reload() -> None:
    """Forget the loaded namers (model.json changed under the same folder)."""
    from ..ml import encoder, heads

    heads._load_namer.cache_clear()
    encoder.load_encoder.cache_clear()


def tc_scores(rows: list[Row], probs: np.ndarray) -> dict[str, Any]:
    """Technique classification as SemEval-2020 Task 11 scores it (gold spans, micro-F1):
    a span with k gold techniques gets its k most probable; with a 95% bootstrap interval
    over the spans."""
    first: dict[tuple[str, int, int], int] = {}
    counts: dict[tuple[str, int, int], int] = {}
    for i, (_, _, _, key) in enumerate(rows):
        first.setdefault(key, i)
        counts[key] = counts.get(key, 0) + 1
    keys = sorted(first)
    gold_of: dict[tuple[str, int, int], list[tuple[str, str, int, int]]] = {k: [] for k in keys}
    for _, _, label, key in rows:
        gold_of[key].append((key[0], TECHNIQUES[label], key[1], key[2]))
    pred_of = {k: [(k[0], TECHNIQUES[int(j)], k[1], k[2])
                   for j in np.argsort(-probs[first[k]])[:counts[k]]] for k in keys}

    def f1(chosen: Sequence[tuple[str, int, int]]) -> float:
        # A resample may draw a span twice: tell its copies apart.
        gold = [(f"{a}#{n}", lab, s, e) for n, k in enumerate(chosen)
                for a, lab, s, e in gold_of[k]]
        pred = [(f"{a}#{n}", lab, s, e) for n, k in enumerate(chosen)
                for a, lab, s, e in pred_of[k]]
        return 100 * tc_micro_f1(gold, pred)

    if not keys:
        return {"micro_f1": 0.0, "ci95": [0.0, 0.0], "spans": 0}

    def resampled(rng: np.random.Generator) -> float:
        return f1([keys[i] for i in rng.integers(0, len(keys), len(keys))])

    return {"micro_f1": round(f1(keys) / 100, 4),
            "ci95": [round(v / 100, 4) for v in bootstrap_ci(resampled, rounds=300)],
            "spans": len(keys)}


def evaluate_namer(root: Path, folder: Path, data: dict[str, Any], *,
                   spans_too: bool = True, precision: str | None = "float32",
                   text_dir: Path | None = None) -> dict[str, Any]:
    """TC micro-F1 on PTC dev (gold spans) of the namer as served, of the namer alone and
    of the linear classifier alone; the held-out figures it was chosen on; and (with
    ``spans_too``) the technique tagger's spans (of the text heads in ``text_dir``, default
    shipped) named by it, on PTC dev and SemEval-2023 English dev."""
    out: dict[str, Any] = {}
    for split in ("held", "dev"):
        rows = data[split]
        p = _probs(folder, rows, data[f"{split}_articles"], precision=precision)
        gold = np.array([r[2] for r in rows], dtype=np.int64)
        out[split] = {"served": tc_scores(rows, p["served"]),
                      "namer_only": tc_scores(rows, p["namer"]),
                      "linear_only": tc_scores(rows, p["linear"]),
                      "ece_before": expected_calibration_error(softmax(p["logits"]), gold)
                      if len(gold) else None,
                      "ece_after": expected_calibration_error(p["served"], gold)
                      if len(gold) else None}
    if spans_too:
        from ..ml.heads import TextHeads
        from .techniques_head import evaluate_semeval2023, evaluate_tagger, technique_data

        heads = TextHeads.load(text_dir, precision=precision)
        assert heads.tagger is not None
        namer = TechniqueNamer.load(folder, precision=precision)
        tech = technique_data(root, int(heads.config["training"]["seed"]))
        out["tagger_ptc_dev"] = evaluate_tagger(heads.encoder.encode, heads.tagger,
                                                tech["dev_articles"], tech["dev_spans"],
                                                namer=namer)
        semeval = evaluate_semeval2023(root, heads.encoder.encode, heads.tagger, namer=namer)
        if semeval:
            out["tagger_semeval2023_en_dev"] = semeval
    return out


def _tagger_rows(tagger: dict[str, Any]) -> str:
    si = tagger["si"]
    return (f"| PTC dev, span identification | partial-overlap F1 | {si['f1']} "
            f"(P {si['p']}, R {si['r']}) | best 0.5155 on test |\n"
            f"| PTC dev, technique classification (gold spans) | micro-F1 | "
            f"{tagger['tc']['micro_f1']} | best 0.6207 on test |")


def namer_card(config: dict[str, Any]) -> str:
    """The namer's model card."""
    m, t, cal = config["metrics"], config["training"], config["calibration"]
    again = (f" (chosen again on {config['calibrated_on']} by `--calibrate-only`)"
             if config.get("calibrated_on") else "")
    dev, held = m["dev"], m["held"]

    def row(name: str, r: dict[str, Any]) -> str:
        lo, hi = r["ci95"]
        return f"| {name} | {r['micro_f1']} ({lo}–{hi}) |"

    tagger = m.get("tagger_ptc_dev")
    sem = m.get("tagger_semeval2023_en_dev")
    spans = ""
    if tagger:
        spans = f"""
With the shipped technique tagger finding the spans (`models/encoder/text`, blended with
the CRF) and the namer naming them, as the `techniques` analyzer runs:

| test | metric | echoscope | published |
|---|---|---|---|
{_tagger_rows(tagger)}
""" + (f"| SemEval-2023 Task 3 EN dev, 23 labels | paragraph micro-F1 | {sem['micro_f1']} "
       f"(P {sem['p']}, R {sem['r']}) | NLUBot101 0.389–0.496 |\n" if sem else "")
    return f"""# Model card: technique namer (`models/encoder/techniques`)

Names the persuasion technique of a span (one of the 14 PTC techniques of SemEval-2020
Task 11, technique classification) from **the span and the text around it**: the shared
encoder reads the pair `(span, up to {config['window']} characters either side of it within
its sentence)`; a head reads the mean of the span's side and the mean of the pair.

- **Encoder**: {config['encoder']} (sha256 `{config['encoder_sha256'][:12]}…`), frozen;
  LoRA adapters (rank {config['lora_rank']}, alpha {config['lora_alpha']}) on the query,
  key, value, attention-output and both feed-forward layers of all 6 layers. Inference:
  onnxruntime on the CPU, adapters merged at load time; it runs only on the spans the
  technique tagger finds. {precision_note()}
- **Data**: the Propaganda Techniques Corpus (SemEval-2020 Task 11; licences: none
  stated for the corpus, research use; the base encoder Apache-2.0; see
  `../shared/data/README.md`): train articles less the tenth held out from every
  technique model ({cal['held_articles']} articles, {cal['held_rows']} gold techniques).
- **Training**: `echoscope train techniques-namer` — {t['epochs']} epochs over
  {t['examples']} gold (span, technique) rows, batch {t['batch_size']}, AdamW lr
  {t['lr']}, seed {t['seed']}, {t['steps']} steps on {t['device']}
  ({m.get('seconds', '?')} s with calibration and scoring).
- **Calibration**, on the held-out tenth, through the artifact as served{again}:
  temperature {config['temperature']:.4f}; then the share of the linear technique
  classifier (`models/techniques`, trained without the same articles; it reads each span
  in its whole article, as it was trained — it counts the span's repeats there) in the
  probabilities:
  **{config['linear_weight']:g}**, the lowest negative log-likelihood of the gold
  techniques there ({cal['nll'].get('encoder_only', '?')} for the namer alone →
  {cal['nll'].get('chosen', '?')}). The linear model is recorded by its sha256: another
  one installed is error E602. Nothing is chosen on dev.

## Test results (micro-F1, 0–1, 95% bootstrap interval over the spans)

Gold spans, as SemEval-2020 Task 11 TC scores them (a span with k techniques gets its k
most probable):

| | PTC dev ({dev['served']['spans']} spans) | held-out tenth of train (chosen on) |
|---|---|---|
{row('served (namer + linear)', dev['served'])} {held['served']['micro_f1']} |
{row('namer alone', dev['namer_only'])} {held['namer_only']['micro_f1']} |
{row('linear classifier alone', dev['linear_only'])} {held['linear_only']['micro_f1']} |

Expected calibration error on PTC dev (15 bins, 0–100): {dev['ece_before']} → {dev['ece_after']}.
Published on the test split: best 0.6207 (ApplicaAI, RoBERTa-large ensembles); always
Loaded_Language 0.306 on dev.
{spans}
## Limits

Trained on news articles of 2017–2019 (PTC); its techniques are those of that annotation.
A span longer than the encoder's cut (128 word pieces for the pair) is named from its
beginning. Labels of spans in short posts have not been measured apart.
"""
