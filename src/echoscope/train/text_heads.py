"""The text heads: sentiment, offensive, irony and hypocrisy from one adapted encoder.

``echoscope train text`` fine-tunes one set of adapters for the four tasks together (a
multi-task sampler draws each batch from one task, in proportion to size^(1/3): small
tasks more often than their share), so that one encoder pass per text serves every head.
Then, per task, on held-out
data it never trained on: a temperature that calibrates the probabilities, and for the
binary tasks the decision threshold that maximises the task's metric. The official test
split is scored once, with the shipped artifact, through the same onnxruntime code the
analyzers run.

Data (``../shared/data``): sentiment — SemEval-2013..2016 Task 4A tweets (the TweetEval
validation tweets removed), TweetEval sentiment validation and test (= SemEval-2017 4A
test); offensive and irony — TweetEval; hypocrisy — TQ-TW tu-quoque tweets, plus the
Whataboutism and Appeal_to_Hypocrisy spans of SemEval-2023 Task 3 English train as
positives and other sentences of the same articles as negatives (so that news prose is not
learnt as a sign of hypocrisy).
"""

from __future__ import annotations

import glob
import json
import random
import re
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from ..doc import TECHNIQUES
from ..ml.encoder import DEFAULT_PRECISION, ENCODER_DIR, QUANTIZED
from ..ml.heads import TAGS, blend, span_tokens
from .datasets import Split, data_root, read_csv, tweeteval
from .encoder import (
    Epochs,
    batch_of,
    build_model,
    choose_linear_weight,
    common_config,
    device_note,
    device_of,
    expected_calibration_error,
    fit_temperature,
    log_every,
    mean_pool,
    sampled_tasks,
    schedule,
    seed_everything,
    softmax,
    torch_modules,
)
from .metrics import (
    PRECISION_FIRST,
    SURE_TONE,
    precise_threshold,
    precision_at_prior,
    score,
    score_ci,
)
from .techniques_head import (
    Unit,
    choose_blend,
    evaluate_semeval2023,
    evaluate_tagger,
    technique_data,
    token_tags,
    tune_decoding,
)

OUT_DIR = ENCODER_DIR / "text"


@dataclass(frozen=True)
class TextTask:
    name: str
    labels: list[str]
    metric: str
    load: Callable[[Path], dict[str, Split]]
    data: str
    licence: str
    baselines: dict[str, float]


def _norm_key(text: str) -> str:
    text = re.sub(r"@\w+", "@user", text)
    text = re.sub(r"https?://\S+", "http", text)
    return " ".join(text.lower().split())[:60]


def sentiment_splits(root: Path) -> dict[str, Split]:
    """SemEval-2013..2016 Task 4A tweets for training (deduplicated, without the tweets
    TweetEval uses for validation or test); TweetEval's validation and test splits."""
    labels = ["negative", "neutral", "positive"]
    out = tweeteval("sentiment", labels, splits=("val", "test"))(root)
    held = {_norm_key(t) for split in ("val", "test") for t in out[split][0]}
    seen: set[str] = set()
    texts, gold = [], []
    pattern = str(root / "social" / "semeval2017_task4A" / "dataset" / "Subtask_A" /
                  "downloaded" / "*.tsv")
    for path in sorted(glob.glob(pattern)):
        for line in Path(path).read_text("utf-8", errors="replace").splitlines():
            parts = line.split("\t")
            if len(parts) < 3 or parts[1] not in labels:
                continue
            key = _norm_key(parts[2])
            if key in held or key in seen:
                continue
            seen.add(key)
            texts.append(parts[2])
            gold.append(parts[1])
    out["train"] = (texts, gold)
    return out


def hypocrisy_splits(root: Path, seed: int = 0) -> dict[str, Split]:
    """TQ-TW tweets (official splits; the 33 validation tweets are joined by a held-out
    fifth of train, so calibration has something to stand on), plus news sentences from
    SemEval-2023 Task 3 English train: the Whataboutism/Appeal_to_Hypocrisy spans as
    positives and twice as many other sentences of those articles as negatives."""
    folder = root / "social" / "whataboutism_tqtw" / "data_split"
    rows = {split: read_csv(folder / f"twitter_data_1204_{split}.csv")
            for split in ("train", "val", "test")}

    def split_of(items: list[dict[str, str]]) -> Split:
        return ([r["Tweet"] for r in items],
                ["hypocrisy" if r["Label"].strip() == "1" else "none" for r in items])

    rng = random.Random(seed)
    train = list(rows["train"])
    rng.shuffle(train)
    cut = len(train) // 5
    out = {"train": split_of(train[cut:]), "val": split_of(rows["val"] + train[:cut]),
           "test": split_of(rows["test"])}
    spans_dir = root / "propaganda" / "semeval2023-task3" / "data" / "en"
    positives, negatives = [], []
    for path in sorted((spans_dir / "train-labels-subtask-3-spans").glob("*.txt")):
        text_path = spans_dir / "train-articles-subtask-3" / f"{path.name.split('-')[0]}.txt"
        if not text_path.exists():
            continue
        text = text_path.read_text("utf-8")
        marked = []
        for line in path.read_text("utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) == 4 and parts[1] in ("Whataboutism", "Appeal_to_Hypocrisy"):
                s, e = int(parts[2]), int(parts[3])
                positives.append(text[s:e])
                marked.append((s, e))
        pos = 0
        for sentence in text.split("\n"):
            s, e = pos, pos + len(sentence)
            pos = e + 1
            if len(sentence.split()) >= 5 and not any(a < e and b > s for a, b in marked):
                negatives.append(sentence)
    rng.shuffle(negatives)
    negatives = negatives[: 2 * len(positives)]
    texts, gold = out["train"]
    out["train"] = (texts + positives + negatives,
                    gold + ["hypocrisy"] * len(positives) + ["none"] * len(negatives))
    return out


TASKS: dict[str, TextTask] = {
    "sentiment": TextTask(
        "sentiment", ["negative", "neutral", "positive"], "macro_recall", sentiment_splits,
        "SemEval-2013..2016 Task 4A tweets (train, deduplicated, TweetEval's validation tweets "
        "removed); TweetEval sentiment validation (2,000) and test (12,284 = SemEval-2017 4A)",
        "SemEval Task 4 data: no licence stated (research use); X/Twitter terms apply",
        {"TimeLMs": 73.7, "RoBERTa-base": 71.3, "SVM": 62.9, "VADER (echoscope before)": 57.0}),
    "offensive": TextTask(
        "offensive", ["not-offensive", "offensive"], "macro_f1",
        tweeteval("offensive", ["not-offensive", "offensive"]),
        "TweetEval offensive (OLID): 11,916 train / 1,324 validation / 860 test tweets",
        "TweetEval: released without restrictions; X/Twitter terms apply",
        {"TimeLMs": 82.2, "RoBERTa-base": 79.5, "FastText": 73.4, "TF-IDF+LR": 73.9}),
    "irony": TextTask(
        "irony", ["not-irony", "irony"], "f1_pos", tweeteval("irony", ["not-irony", "irony"]),
        "TweetEval irony (SemEval-2018 Task 3A): 2,862 train / 955 validation / 784 test",
        "CC BY-NC-SA 4.0 (SemEval-2018 Task 3): non-commercial use, share alike",
        {"RoBERTa-retrained": 61.7, "RoBERTa-base": 59.7, "TF-IDF+LR": 60.1}),
    "hypocrisy": TextTask(
        "hypocrisy", ["none", "hypocrisy"], "f1_pos", hypocrisy_splits,
        "TQ-TW tu-quoque tweets (official splits; validation joined by a fifth of train) plus "
        "SemEval-2023 Task 3 English train sentences (hypocrisy spans vs other sentences)",
        "TQ-TW: MIT; SemEval-2023 Task 3: research use, no licence stated",
        {"TF-IDF+LR (TQ-TW paper)": 59.5}),
}


def task_data(root: Path, seed: int, limit: int | None = None,
              sentiment_cap: int | None = None) -> dict[str, dict[str, Split]]:
    """Every task's splits as training uses them: train shuffled by ``seed`` (and cut to
    ``sentiment_cap`` for sentiment); with ``limit``, every split cut to that many."""
    data = {name: task.load(root) for name, task in TASKS.items()}
    rng = random.Random(seed)
    for name, splits in data.items():
        texts, gold = splits["train"]
        order = list(range(len(texts)))
        rng.shuffle(order)
        cap = limit or (sentiment_cap if name == "sentiment" else None)
        if cap:
            order = order[:cap]
        splits["train"] = ([texts[i] for i in order], [gold[i] for i in order])
        if limit:
            for split in ("val", "test"):
                splits[split] = (splits[split][0][:limit], splits[split][1][:limit])
    return data


def train_text(data_dir: str | Path, out_dir: str | Path | None = None, *,
               epochs: float = 2.0, rank: int = 32, alpha: float = 64.0, lr: float = 5e-4,
               batch_size: int = 32, max_tokens: int = 128, seed: int = 0,
               sentiment_cap: int | None = None, techniques: bool = True,
               task_temperature: float = 3.0,
               limit: int | None = None, device: str = "auto", threads: int | None = None,
               init: str | Path | None = None, fit_only: bool = False,
               log: Callable[[str], None] = lambda s: None) -> dict[str, Any]:
    """Fine-tune the text adapters and heads (and, with ``techniques``, the technique
    tagger on the same adapters); calibrate; write the artifact and its card.
    ``fit_only``: stop once the adapters, heads and the tagger's decoding are written (a
    GPU machine's share of the work); :func:`recalibrate_text` finishes the artifact
    (``echoscope train text --calibrate-only --out DIR``) on any machine. ``limit``
    trains a seconds-long slice (so many examples per task) to test the code. ``init``:
    a text artifact to start from (its adapters and heads; the same base encoder, rank and
    alpha), for training
    further with a new seed; the card records the chain."""
    start = starting_point(init, rank, alpha) if init else None  # checked before any work
    torch = torch_modules()
    if threads:
        torch.set_num_threads(threads)
    seed_everything(seed)
    started = time.perf_counter()
    root = data_root(data_dir)
    data = task_data(root, seed, limit, sentiment_cap)
    tech = technique_data(root, seed, limit) if techniques else None
    dev = device_of(device)
    model = build_model(rank, alpha).to(dev)
    heads = torch.nn.ModuleDict({name: torch.nn.Linear(384, len(task.labels))
                                 for name, task in TASKS.items()}).to(dev)
    if tech is not None:
        heads["tags"] = torch.nn.Linear(384, len(TAGS)).to(dev)
        heads["span"] = torch.nn.Linear(4 * 384, len(TECHNIQUES)).to(dev)
    started_from = warm_start(torch, model, heads, *start) if start else None
    dropout = torch.nn.Dropout(0.1)
    params = [p for p in model.parameters() if p.requires_grad] + list(heads.parameters())
    opt = torch.optim.AdamW(params, lr=lr, weight_decay=0.01)
    sizes = {name: len(splits["train"][0]) for name, splits in data.items()}
    if tech is not None:
        sizes["techniques"] = len(tech["train"])
    steps = max(1, int(epochs * sum(sizes.values()) / batch_size))
    sched = torch.optim.lr_scheduler.LambdaLR(opt, schedule(steps))
    feeds = {name: Epochs(n, batch_size, seed) for name, n in sizes.items()}
    # Macro-recall rewards every class alike: weigh its task's classes by inverse frequency.
    weights = {}
    for name, task in TASKS.items():
        if task.metric == "macro_recall":
            counts = np.bincount([task.labels.index(g) for g in data[name]["train"][1]],
                                 minlength=len(task.labels)).astype(np.float64)
            w = counts.sum() / np.maximum(counts, 1) / len(task.labels)
            weights[name] = torch.tensor(w, dtype=torch.float32, device=dev)
    say = log_every(log)
    model.train()
    for step, name in enumerate(sampled_tasks(sizes, steps, temperature=task_temperature, seed=seed)):
        idx = feeds[name].next()
        if name == "techniques":
            assert tech is not None
            loss = technique_loss(torch, model, heads, dropout, [tech["train"][i] for i in idx],
                                  max_tokens, dev)
        else:
            texts, gold = data[name]["train"]
            b = batch_of([texts[i] for i in idx], max_tokens, dev)
            y = torch.tensor([TASKS[name].labels.index(gold[i]) for i in idx], device=dev)
            states = model(b.ids, b.mask, b.types)
            logits = heads[name](dropout(mean_pool(torch, states, b.mask)))
            loss = torch.nn.functional.cross_entropy(logits, y, weight=weights.get(name))
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        sched.step()
        opt.zero_grad()
        say(f"text: step {step + 1}/{steps} ({name}) loss {loss.item():.3f} "
            f"{time.perf_counter() - started:.0f}s")
    model.eval()

    technique_config = (calibrate_techniques(torch, model, heads, tech, max_tokens, dev, log)
                        if tech is not None else None)
    folder = Path(out_dir) if out_dir else OUT_DIR
    folder.mkdir(parents=True, exist_ok=True)
    arrays = {k: v.astype(np.float16) for k, v in model.adapter().items()}
    for name, head in heads.items():
        arrays[f"head.{name}.weight"] = head.weight.detach().cpu().numpy().astype(np.float32)
        arrays[f"head.{name}.bias"] = head.bias.detach().cpu().numpy().astype(np.float32)
    np.savez_compressed(folder / "weights.npz", **arrays)
    config = {**common_config(rank, alpha, max_tokens), "kind": "text",
              "tasks": {name: {"labels": task.labels, "metric": task.metric,
                               "temperature": 1.0} for name, task in TASKS.items()},
              "training": {"epochs": epochs, "lr": lr, "batch_size": batch_size, "seed": seed,
                           "sentiment_cap": sentiment_cap, "limit": limit,
                           "examples": sizes, "steps": steps, "device": str(dev),
                           "task_sampling_temperature": task_temperature,
                           "started_from": started_from},
              "trained_on": date.today().isoformat()}
    if technique_config is not None:
        config["techniques"] = technique_config
    (folder / "model.json").write_text(json.dumps(config, indent=2) + "\n", "utf-8")
    if fit_only:  # the training's seconds, kept by the calibration that finishes it
        config["metrics"] = {"seconds": round(time.perf_counter() - started, 1)}
        (folder / "model.json").write_text(json.dumps(config, indent=2) + "\n", "utf-8")
        return config["metrics"]
    attach_smoothing(folder, data, seed, log)
    # Calibrated on the artifact as written, through the code the analyzers run.
    config = calibrate_text(folder, data, seed=seed, grid=SLICE_GRID if limit else None,
                            tech=tech, log=log)
    metrics = evaluate_text(root, folder, data=data, techniques=tech, precision="float32")
    metrics["seconds"] = round(time.perf_counter() - started, 1)
    config["metrics"] = metrics
    (folder / "model.json").write_text(json.dumps(config, indent=2) + "\n", "utf-8")
    (folder / "MODEL_CARD.md").write_text(text_card(config), "utf-8")
    return metrics


def starting_point(init: str | Path, rank: int, alpha: float
                   ) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """The config and arrays of the text artifact in ``init`` (``--init``), checked to fit
    a run with this ``rank`` and ``alpha`` on the shipped base encoder (else E602)."""
    from ..errors import ModelError
    from ..ml.encoder import WEIGHTS_SHA256, load_artifact

    config, arrays = load_artifact(Path(init))
    mismatch = ("it is not a text artifact" if config.get("kind") != "text" else
                "it was trained on another base encoder"
                if config.get("encoder_sha256") != WEIGHTS_SHA256 else
                f"its LoRA rank and alpha are {config.get('lora_rank')} and "
                f"{config.get('lora_alpha')}, this run's {rank} and {alpha}"
                if (config.get("lora_rank"), config.get("lora_alpha")) != (rank, alpha)
                else None)
    if mismatch:
        raise ModelError(f"cannot train further from {init}: {mismatch}", code="E602")
    return config, arrays


def warm_start(torch: Any, model: Any, heads: Any, config: dict[str, Any],
               arrays: dict[str, np.ndarray]) -> dict[str, Any]:
    """Load the adapters and heads of a :func:`starting_point` into ``model`` and
    ``heads``; returns what the new artifact records of it (its training, in turn)."""
    from ..errors import ModelError

    try:
        model.load_adapter({k: v for k, v in arrays.items() if ".lora_" in k})
    except ValueError as exc:
        raise ModelError(f"cannot train further from that artifact: {exc}",
                         code="E602") from None
    with torch.no_grad():
        for name, head in heads.items():
            w, b = arrays.get(f"head.{name}.weight"), arrays.get(f"head.{name}.bias")
            if w is None or b is None or w.shape != tuple(head.weight.shape):
                raise ModelError(f"cannot train further from that artifact: it has no head "
                                 f"{name!r} of this shape", code="E602")
            head.weight.copy_(torch.from_numpy(w.astype(np.float32)))
            head.bias.copy_(torch.from_numpy(b.astype(np.float32)))
    return {"training": config.get("training"), "trained_on": config.get("trained_on")}


#: The values of C a slice (``--limit``) tries for its linear models: one, to be quick.
SLICE_GRID = (1.0,)
#: Tasks with a linear n-gram model that the encoder head may be averaged with: the recipe
#: of ``echoscope train <task>`` (:func:`~echoscope.train.social.fit_linear`), for sentiment
#: with its three labels and macro-recall.
LINEAR_TASKS = ("sentiment", "offensive", "irony", "hypocrisy")


def linear_recipe(name: str) -> Any:
    """The :class:`~echoscope.train.social.Task` a text task's linear model is fitted as:
    that of ``echoscope train <name>`` where there is one, else one made from the text task
    (its labels and metric; sentiment)."""
    from . import social

    if name in social.TASKS:
        return social.TASKS[name]
    task = TASKS[name]
    return social.Task(name, task.labels, task.metric, task.load, task.data, task.licence,
                       task.baselines, f"The linear n-gram model of the {name} head.")


def calibrate_text(folder: Path, data: dict[str, dict[str, Split]], *, seed: int = 0,
                   linear: bool = True, grid: tuple[float, ...] | None = None,
                   tech: dict[str, Any] | None = None, tasks: Sequence[str] | None = None,
                   log: Callable[[str], None] = lambda s: None) -> dict[str, Any]:
    """The decisions of the text artifact in ``folder``, each chosen on a task's held-out
    (validation) rows, never on its test split, and written into its ``model.json``:

    - the temperature of the head's logits (lowest negative log-likelihood);
    - with ``linear``, for the tasks of :data:`LINEAR_TASKS`: the share of that task's
      linear n-gram model, fitted on the same training rows as the head (its own recipe:
      C and threshold by cross-validation on them), in the averaged probabilities
      (:func:`~echoscope.train.encoder.choose_linear_weight`); a model given a share is
      kept beside the artifact (``linear_<task>``), so the head is served with exactly the
      model its decisions were chosen with (``grid``: the values of C tried; default that
      recipe's);
    - the decision rule on the (averaged) probabilities: the threshold of a binary task, the
      class weights of a three-label one;
    - with ``linear`` and ``tech`` (:func:`technique_data`), the technique tagger's blend
      with the linear technique model (``models/techniques``, trained without the same
      held-out PTC articles), chosen on those articles
      (:func:`~echoscope.train.techniques_head.choose_blend`).

    With ``tasks``, only those tasks' decisions are chosen again; the others' and the
    technique blend stay as they are. Returns the updated config."""
    from ..ml import encoder, heads, textclf
    from . import social

    encoder.load_encoder.cache_clear()
    heads._load_text.cache_clear()
    config = json.loads((folder / "model.json").read_text("utf-8"))
    text_heads = heads.TextHeads.load(folder, precision="float32")  # decisions: float32
    for name, task in TASKS.items():
        if tasks is not None and name not in tasks:
            continue
        texts, gold = data[name]["val"]
        y = np.array([task.labels.index(g) for g in gold])
        z = text_heads.logits(texts)[name]
        t = fit_temperature(z, y)
        p = softmax(z / t)
        entry: dict[str, Any] = {"temperature": t}
        own = folder / f"linear_{name}"
        if own.exists():
            shutil.rmtree(own)
        if linear and name in LINEAR_TASKS and len(set(data[name]["train"][1])) > 1:
            model, _, c = social.fit_linear(linear_recipe(name), *data[name]["train"],
                                            seed=seed, grid=grid or social.GRID)
            model.meta = {"fitted_on": f"the training rows of `echoscope train text` "
                                        f"({name}); C {c}"}
            model.save(own)
            model = textclf.TextClassifier.load(own)  # choose with the model as served
            lin = model.predict_proba(texts)[:, [model.labels.index(lab) for lab in task.labels]]
            weight, nll = choose_linear_weight(p, lin, y)
            log(f"text: {name} linear share {weight} (C {c}; validation NLL {nll})")
            if weight:
                entry.update({"linear_weight": weight, "linear_model": own.name,
                              "val_nll": nll})
                p = blend(p, lin, weight)
            else:
                shutil.rmtree(own)
        entry["threshold"] = choose_threshold(task, p, gold) if len(task.labels) == 2 else None
        rule = PRECISION_FIRST.get(name)
        if rule and entry["threshold"] is not None:
            # The F1 threshold is kept for the benchmark figure; labels use the precise one.
            entry["f1_threshold"] = entry["threshold"]
            entry["threshold"] = precise_threshold(p[:, 1], y, prior=rule["prior"],
                                                   min_precision=rule["min_precision"])
            estimate, hits = precision_at_prior(p[:, 1], y, entry["threshold"], rule["prior"])
            entry["label_rule"] = {**rule, "val_precision_at_prior":
                                   None if estimate is None else round(100 * estimate, 1),
                                   "val_positives_above": hits}
            log(f"text: {name} label threshold {entry['threshold']} (F1 threshold "
                f"{entry['f1_threshold']})")
        entry["class_weights"] = (choose_class_weights(task, p, gold) if len(task.labels) > 2
                                  else None)
        if len(task.labels) > 2:
            entry["sure_thresholds"] = sure_thresholds(task, p, y)
            log(f"text: {name} sure above {entry['sure_thresholds']}")
        entry["val_ece_before"] = expected_calibration_error(softmax(z), y)
        entry["val_ece_after"] = expected_calibration_error(p, y)
        config["tasks"][name] = {"labels": task.labels, "metric": task.metric, **entry}
        log(f"text: {name} temperature {t} threshold {entry['threshold']}")
    if "techniques" in config and tasks is None:
        config["techniques"].pop("blend", None)
        if linear and tech is not None and text_heads.tagger is not None:
            config["techniques"]["blend"] = choose_blend(
                text_heads.encoder.encode, text_heads.tagger, tech["held_articles"],
                tech["held_spans"], log)
    (folder / "model.json").write_text(json.dumps(config, indent=2) + "\n", "utf-8")
    heads._load_text.cache_clear()
    textclf.load_cached.cache_clear()  # a linear model written here again is read again
    return config


def _trained(data_dir: str | Path, out_dir: str | Path | None) -> tuple[
        Path, dict[str, Any], Path, dict[str, dict[str, Split]], dict[str, Any] | None]:
    """A trained text artifact (default: the shipped one): its folder, config, the data
    root, and its tasks' and techniques' data with the seed and slice it was trained with."""
    folder = Path(out_dir) if out_dir else OUT_DIR
    config = json.loads((folder / "model.json").read_text("utf-8"))
    training = config["training"]
    root = data_root(data_dir)
    data = task_data(root, int(training["seed"]), training.get("limit"),
                     training.get("sentiment_cap"))
    tech = technique_data(root, int(training["seed"]), training.get("limit")) \
        if "techniques" in config else None
    return folder, config, root, data, tech


def _scored(root: Path, folder: Path, config: dict[str, Any],
            data: dict[str, dict[str, Split]], tech: dict[str, Any] | None, *,
            quantized: bool = True) -> dict[str, Any]:
    """The artifact in ``folder`` scored (float32, and with ``quantized`` in mixed and int8
    too, except on a slice, whose scores mean nothing) into ``config``; the
    training and calibration runs' seconds are carried over. Returns the float32 metrics."""
    previous = config.get("metrics", {})
    metrics = evaluate_text(root, folder, data=data, techniques=tech, precision="float32")
    for kept in ("seconds", "calibrated_seconds"):
        metrics[kept] = previous.get(kept)
    config["metrics"] = metrics
    if quantized and not config["training"].get("limit"):
        _score_precisions(root, folder, config, data, tech)
    return metrics


def _score_precisions(root: Path, folder: Path, config: dict[str, Any],
                      data: dict[str, dict[str, Split]], tech: dict[str, Any] | None,
                      log: Callable[[str], None] = lambda s: None) -> None:
    """The test figures with the encoder in each precision but float32
    (``metrics_mixed``, ``metrics_int8``), decisions as chosen in float32."""
    for precision in QUANTIZED:
        log(f"scoring the text heads in {precision}")
        config[f"metrics_{precision}"] = evaluate_text(root, folder, data=data,
                                                       techniques=tech, precision=precision)


#: Training rows per task whose activations set the int8 smoothing scales.
SMOOTH_ROWS = 200


def attach_smoothing(folder: Path, data: dict[str, dict[str, Split]], seed: int,
                     log: Callable[[str], None] = lambda s: None) -> dict[str, Any]:
    """The SmoothQuant scales of the artifact in ``folder`` (:func:`~echoscope.ml.encoder.
    smoothing_scales`), measured on :data:`SMOOTH_ROWS` training rows of each task (a
    seeded draw; never validation or test), written into its ``weights.npz`` as
    ``smooth.*`` and described in ``model.json`` (``int8_smoothing``). They depend on the
    adapters only: a head fitted again keeps them; measured again to the same values, the
    artifact is left as it was. Returns the updated config."""
    from ..ml import encoder as encoder_module
    from ..ml import heads as heads_module

    rng = random.Random(seed)
    texts: list[str] = []
    for name in TASKS:
        rows = list(data[name]["train"][0])
        rng.shuffle(rows)
        texts.extend(rows[:SMOOTH_ROWS])
    prefix = encoder_module.SMOOTH_PREFIX
    with np.load(folder / "weights.npz") as stored:
        arrays = {k: stored[k] for k in stored.files if not k.startswith(prefix)}
        before = {k[len(prefix):]: stored[k] for k in stored.files if k.startswith(prefix)}
    config = json.loads((folder / "model.json").read_text("utf-8"))
    adapter = {k: v for k, v in arrays.items() if ".lora_" in k}
    weights = encoder_module.merged_weights(adapter, float(config["lora_scale"]))
    scales = encoder_module.smoothing_scales(weights, texts,
                                             max_tokens=int(config.get("max_tokens", 128)))
    if config.get("int8_smoothing") and before.keys() == scales.keys() and all(
            np.array_equal(before[k], v.astype(np.float32)) for k, v in scales.items()):
        log("text: int8 smoothing scales measured again: unchanged")
        return config
    arrays.update({f"{prefix}{k}": v.astype(np.float32) for k, v in scales.items()})
    np.savez_compressed(folder / "weights.npz", **arrays)
    config["int8_smoothing"] = {"alpha": encoder_module.SMOOTH_ALPHA, "texts": len(texts),
                                "rows_per_task": SMOOTH_ROWS, "seed": seed,
                                "on": date.today().isoformat()}
    (folder / "model.json").write_text(json.dumps(config, indent=2) + "\n", "utf-8")
    encoder_module.load_encoder.cache_clear()
    heads_module._load_text.cache_clear()  # heads loaded before read the new scales
    log(f"text: int8 smoothing scales measured on {len(texts):,} training rows")
    return config


#: The rule under which the text heads' default precision becomes ``int8`` (written before
#: the comparison that made ``mixed`` the default on 2026-12-03; the paragraph check and the
#: speed against ``mixed`` added on 2026-12-05), against float32 on held-out rows: no task's
#: validation metric more than ``task_drop`` below and their mean not more than
#: ``mean_drop``; the technique tagger's held-out SI F1 not more than ``si_drop`` below; the
#: paragraph model's micro-F1 on its check set (PTC dev) not more than ``paragraph_drop``
#: below; the encoder over the validation texts at most ``time_vs_mixed`` of ``mixed``'s time.
PRECISION_RULE = {"task_drop": 0.5, "mean_drop": 0.25, "si_drop": 0.005,
                  "paragraph_drop": 0.005, "time_vs_mixed": 0.9}


def validation_scores(root: Path, folder: Path, data: dict[str, dict[str, Split]],
                      tech: dict[str, Any] | None, precision: str) -> dict[str, Any]:
    """What :data:`PRECISION_RULE` reads, for the artifact in ``folder`` with its encoder at
    ``precision``: each task's metric on its validation rows (decisions as chosen, binary
    tasks at their F1 threshold), their mean, the tagger's SI F1 on the held-out PTC train
    articles, and the paragraph model's micro-F1 on PTC dev where it reads these heads
    (else None). Never a test split."""
    from ..errors import ModelError
    from ..ml import encoder as encoder_module
    from ..ml import heads as heads_module
    from .paragraphs import evaluate_paragraphs

    encoder_module.load_encoder.cache_clear()
    heads_module._load_text.cache_clear()
    heads = heads_module.TextHeads.load(folder, precision=precision)
    out: dict[str, Any] = {}
    for name, task in TASKS.items():
        texts, gold = data[name]["val"]
        probs = heads.probs_of(heads.encoder.encode(list(texts)), texts)[name]
        threshold = heads.tasks[name].get("f1_threshold", heads.threshold[name])
        out[name] = round(score(task.metric, gold, _decide(task, probs, threshold,
                                                           heads.class_weights[name]),
                                task.labels), 2)
    out["mean"] = round(float(np.mean([out[name] for name in TASKS])), 3)
    out["held_si_f1"] = (evaluate_tagger(heads.encoder.encode, heads.tagger,
                                         tech["held_articles"], tech["held_spans"])["si"]["f1"]
                         if heads.tagger is not None and tech is not None else None)
    try:
        out["paragraphs_ptc_dev"] = evaluate_paragraphs(
            root, None, folder, precision=precision, split="ptc_dev")["micro_f1"]
    except ModelError:  # the shipped paragraph model reads other text heads
        out["paragraphs_ptc_dev"] = None
    return out


def _encoder_seconds(folder: Path, texts: list[str], precisions: Sequence[str]
                     ) -> dict[str, float]:
    """Seconds the encoder of the artifact in ``folder`` takes over ``texts`` at each
    precision: the best of two passes, the precisions alternating, one thread."""
    from ..ml.encoder import artifact_encoder, best_seconds, load_artifact

    config, arrays = load_artifact(folder)
    return best_seconds({p: artifact_encoder(config, arrays, p) for p in precisions}, texts, 2)


def choose_precision(data_dir: str | Path, out_dir: str | Path | None = None, *,
                     log: Callable[[str], None] = lambda s: None) -> dict[str, Any]:
    """``echoscope train text --choose-precision``: the text artifact in ``out_dir``
    (default shipped) runs by default wholly in int8 (its attention inputs smoothed: the
    scales are measured first where it has none) only where :data:`PRECISION_RULE` holds on
    held-out data; else the encoder's default (``mixed``). Writes ``precision`` (or
    removes it), ``precision_rule`` (every figure read) and ``precision_choice`` (the
    card's words) into ``model.json`` and rewrites the card. Returns the rule's record."""
    folder, config, root, data, tech = _trained(data_dir, out_dir)
    if "int8_smoothing" not in config:
        attach_smoothing(folder, data, int(config["training"]["seed"]), log)
    found = {p: validation_scores(root, folder, data, tech, p) for p in ("float32", "int8")}
    log(f"text: validation float32 {found['float32']}, int8 {found['int8']}")
    texts = [t for name in TASKS for t in data[name]["val"][0]]
    seconds = _encoder_seconds(folder, texts, ("mixed", "int8"))
    base, new, rule = found["float32"], found["int8"], PRECISION_RULE
    checks = {f"{name} within {rule['task_drop']}": new[name] >= base[name] - rule["task_drop"]
              for name in TASKS}
    checks[f"mean within {rule['mean_drop']}"] = new["mean"] >= base["mean"] - rule["mean_drop"]
    for key, drop in (("held_si_f1", "si_drop"), ("paragraphs_ptc_dev", "paragraph_drop")):
        if base[key] is not None and new[key] is not None:
            checks[f"{key} within {rule[drop]}"] = new[key] >= base[key] - rule[drop] - 1e-9
    ratio = round(seconds["int8"] / seconds["mixed"], 3)
    checks[f"time at most {rule['time_vs_mixed']}x mixed's"] = ratio <= rule["time_vs_mixed"]
    passed = all(checks.values())
    config = json.loads((folder / "model.json").read_text("utf-8"))
    record = {"rule": rule, "float32": base, "int8": new, "time_vs_mixed": ratio,
              "seconds": {p: round(v, 2) for p, v in seconds.items()},
              "texts": len(texts), "checks": checks, "passed": passed,
              "on": date.today().isoformat()}
    config["precision_rule"] = record
    if passed:
        config["precision"] = "int8"
    else:
        config.pop("precision", None)
    config["precision_choice"] = _precision_words(record)
    _write_text_artifact(folder, config)
    log(f"text: int8 {'is' if passed else 'is not'} the default ({checks})")
    return record


def _precision_words(record: dict[str, Any]) -> str:
    """The card's words for the precision rule's outcome."""
    base, new, rule = record["float32"], record["int8"], record["rule"]
    moves = ", ".join(f"{name} {base[name]} → {new[name]}" for name in TASKS)
    extra = "".join(f", {label} {base[key]} → {new[key]}" for key, label in
                    (("held_si_f1", "the tagger's held-out SI F1"),
                     ("paragraphs_ptc_dev", "the paragraph model on PTC dev"))
                    if base.get(key) is not None and new.get(key) is not None)
    failed = [name for name, ok in record["checks"].items() if not ok]
    outcome = ("so int8 is these heads' default" if record["passed"] else
               f"so they run mixed by default (failed: {', '.join(failed)})")
    return (f"`echoscope train text --choose-precision` ({record['on']}) compared int8 "
            f"(smoothed) with float32 on held-out rows under a rule written before (no task "
            f"more than {rule['task_drop']} points below, their mean not more than "
            f"{rule['mean_drop']}, the tagger's SI F1 not more than {rule['si_drop']}, the "
            f"paragraph model not more than {rule['paragraph_drop']}, the encoder at most "
            f"{rule['time_vs_mixed']}x mixed's time): {moves} (mean {base['mean']} → "
            f"{new['mean']}){extra}; the encoder over {record['texts']:,} validation texts "
            f"took {record['time_vs_mixed']}x mixed's time; {outcome}. A model trained again "
            f"runs mixed until this is run on it.")


def _write_text_artifact(folder: Path, config: dict[str, Any]) -> None:
    (folder / "model.json").write_text(json.dumps(config, indent=2) + "\n", "utf-8")
    (folder / "MODEL_CARD.md").write_text(text_card(config), "utf-8")


def recalibrate_text(data_dir: str | Path, out_dir: str | Path | None = None, *,
                     quantized: bool = True, tasks: Sequence[str] | None = None,
                     log: Callable[[str], None] = lambda s: None) -> dict[str, Any]:
    """``echoscope train text --calibrate-only``: the decisions of an artifact already
    trained (default: the shipped one) chosen again with :func:`calibrate_text` (same data,
    seed and slices as its training), then scored (with ``quantized``, in mixed and int8 too)
    and its card rewritten; with ``tasks``, only those tasks' decisions (``--only``). The
    adapters, heads and technique tagger are not touched."""
    started = time.perf_counter()
    folder, config, root, data, tech = _trained(data_dir, out_dir)
    limit = config["training"].get("limit")
    if "int8_smoothing" not in config:  # trained elsewhere (--fit-only): finished here
        attach_smoothing(folder, data, int(config["training"]["seed"]), log)
    config = calibrate_text(folder, data, seed=int(config["training"]["seed"]),
                            grid=SLICE_GRID if limit else None, tech=tech, tasks=tasks,
                            log=log)
    metrics = _scored(root, folder, config, data, tech, quantized=quantized)
    seconds = round(time.perf_counter() - started, 1)
    if tasks:  # only these tasks: the last whole calibration keeps its own record
        config.setdefault("calibrated_tasks", []).append(
            {"tasks": list(tasks), "on": date.today().isoformat(), "seconds": seconds})
    else:
        metrics["calibrated_seconds"] = seconds
        config["calibrated_on"] = date.today().isoformat()
        config.pop("calibrated_tasks", None)
    _write_text_artifact(folder, config)
    return metrics


def rescore_precisions(data_dir: str | Path, out_dir: str | Path | None = None, *,
                       log: Callable[[str], None] = lambda s: None) -> dict[str, Any]:
    """``echoscope train text --precisions-only``: the trained artifact in ``out_dir``
    (default shipped) scored again with the encoder in mixed and in int8 (its card's
    precision table, for example after the int8 graph changed), its int8 smoothing scales
    measured again first (:func:`attach_smoothing`); its adapters, heads, decisions and
    float32 figures are not touched. Returns ``{precision: metrics}``."""
    folder, config, root, data, tech = _trained(data_dir, out_dir)
    config = attach_smoothing(folder, data, int(config["training"]["seed"]), log)
    _score_precisions(root, folder, config, data, tech, log)
    _write_text_artifact(folder, config)
    return {p: config[f"metrics_{p}"] for p in QUANTIZED}


#: The values of C tried when a head is fitted again (``--refit-head``), by 5-fold
#: cross-validated log-loss on the task's training rows.
REFIT_CS = (0.003, 0.01, 0.03, 0.1, 0.3, 1.0)


def refit_head(data_dir: str | Path, out_dir: str | Path | None = None, *, task: str,
               log: Callable[[str], None] = lambda s: None) -> dict[str, Any]:
    """``echoscope train text --refit-head TASK``: keep the trained adapters and fit
    ``task``'s output layer again on the mean-pooled states of *all* its training rows
    (multinomial logistic regression, C from :data:`REFIT_CS` by cross-validated log-loss
    on those rows only). Multi-task training draws each task's batches in proportion to
    size^(1/3), so a large task's head sees only part of its rows; the adapters are
    untouched, so the other heads and the technique tagger read the same states. Then
    that task's decisions are chosen again on validation (:func:`calibrate_text`), and the
    artifact is scored (float32, mixed and int8) and its card rewritten."""
    from sklearn.linear_model import LogisticRegression, LogisticRegressionCV

    from ..ml import encoder as encoder_module
    from ..ml.heads import TextHeads

    started = time.perf_counter()
    folder, config, root, data, tech = _trained(data_dir, out_dir)
    spec = TASKS[task]
    texts, gold = data[task]["train"]
    encoder_module.load_encoder.cache_clear()
    heads = TextHeads.load(folder, precision="float32")
    pooled: list[np.ndarray] = []
    for start in range(0, len(texts), 512):
        pooled.extend(e.pooled for e in heads.encoder.encode(list(texts[start:start + 512])))
        log(f"text: {task} head: {min(start + 512, len(texts)):,} of {len(texts):,} rows "
            "encoded")
    x = np.stack(pooled).astype(np.float64)
    y = np.array([spec.labels.index(g) for g in gold])
    mean, std = x.mean(axis=0), x.std(axis=0) + 1e-6
    folds = min(5, int(np.bincount(y, minlength=len(spec.labels)).min()))
    if folds >= 2:
        model: Any = LogisticRegressionCV(Cs=list(REFIT_CS), cv=folds, scoring="neg_log_loss",
                                          max_iter=2000, l1_ratios=(0.0,),
                                          use_legacy_attributes=False)
        model.fit((x - mean) / std, y)
        c = float(np.ravel(model.C_)[0])
    else:  # a slice without two rows of every label: no folds to choose C with
        c = 1.0
        model = LogisticRegression(C=c, max_iter=2000).fit((x - mean) / std, y)
    coef = model.coef_ / std
    bias = model.intercept_ - (model.coef_ * (mean / std)).sum(axis=1)
    if len(spec.labels) == 2:  # one logit for the positive class: the head has two rows
        coef = np.vstack([np.zeros_like(coef), coef])
        bias = np.array([0.0, bias[0]])
    with np.load(folder / "weights.npz") as stored:
        arrays = {k: stored[k] for k in stored.files}
    arrays[f"head.{task}.weight"] = coef.astype(np.float32)
    arrays[f"head.{task}.bias"] = bias.astype(np.float32)
    np.savez_compressed(folder / "weights.npz", **arrays)
    config.setdefault("refit_heads", {})[task] = {
        "rows": len(texts), "C": c, "C_grid": list(REFIT_CS), "folds": folds,
        "on": date.today().isoformat()}
    (folder / "model.json").write_text(json.dumps(config, indent=2) + "\n", "utf-8")
    log(f"text: {task} head fitted again on {len(texts):,} rows (C {c})")
    encoder_module.load_encoder.cache_clear()
    limit = config["training"].get("limit")
    config = calibrate_text(folder, data, seed=int(config["training"]["seed"]),
                            grid=SLICE_GRID if limit else None, tasks=[task], log=log)
    metrics = _scored(root, folder, config, data, tech)
    metrics["refit_seconds"] = round(time.perf_counter() - started, 1)
    config["refit_heads"][task]["seconds"] = metrics["refit_seconds"]
    _write_text_artifact(folder, config)
    return metrics


def _refits(config: dict[str, Any]) -> str:
    """The card's words for heads fitted again after training (``--refit-head``)."""
    refits = config.get("refit_heads") or {}
    return "".join(
        f"\n  The {name} head was then fitted again on the pooled states of all its "
        f"{r['rows']:,} training rows, the adapters kept (`--refit-head {name}`, "
        f"{r['on']}): logistic regression, C {r['C']:g} of {', '.join(map(str, r['C_grid']))} "
        f"by {r['folds']}-fold cross-validated log-loss on those rows "
        f"({r.get('seconds', '?')} s with its decisions and scores)."
        for name, r in sorted(refits.items()))


def choose_threshold(task: TextTask, probs: np.ndarray, gold: list[str]) -> float:
    """The decision threshold on P(positive) that maximises the task's metric on held-out
    data (never on the test split); 0.5 when no other does better."""
    best = (score(task.metric, gold, _decide(task, probs, 0.5), task.labels), 0.5)
    for t in np.linspace(0.2, 0.8, 25):
        value = score(task.metric, gold, _decide(task, probs, float(t)), task.labels)
        if value > best[0] + 1e-9:
            best = (value, round(float(t), 3))
    return best[1]


#: Class weights tried for each non-reference label (the first label keeps weight 1).
WEIGHT_GRID = [round(float(w), 3) for w in np.exp(np.linspace(-1.0, 1.0, 21))]


def sure_thresholds(task: TextTask, probs: np.ndarray, y: np.ndarray) -> dict[str, Any]:
    """For a task of three or more labels, per label the threshold on its calibrated
    probability above which its label is sure enough to show (:data:`SURE_TONE`, chosen on
    held-out rows, never the test split; 1.0: never sure), with the precision it has there
    at the assumed base rate and how many rows of the label pass it."""
    out: dict[str, Any] = {"rule": dict(SURE_TONE)}
    for k, label in enumerate(task.labels):
        hit = (y == k).astype(int)
        t = precise_threshold(probs[:, k], hit, prior=SURE_TONE["prior"],
                              min_precision=SURE_TONE["min_precision"])
        estimate, hits = precision_at_prior(probs[:, k], hit, t, SURE_TONE["prior"])
        out[label] = {"threshold": t, "val_precision_at_prior":
                      None if estimate is None or t >= 1.0 else round(100 * estimate, 1),
                      "val_positives_above": hits}
    return out


def choose_class_weights(task: TextTask, probs: np.ndarray, gold: list[str]) -> list[float] | None:
    """For a task of three or more labels: a weight per label on the calibrated
    probabilities before the argmax, chosen to maximise the task's metric on held-out data
    (never on the test split) — the class priors of the training mix are not those of the
    text scored (macro-averaged recall rewards every class alike). None when plain argmax
    does as well. Grid: the first label fixed at 1, the others each over WEIGHT_GRID (at
    most three labels searched jointly)."""
    import itertools

    if len(task.labels) != 3:
        return None
    best: tuple[float, list[float] | None] = (
        score(task.metric, gold, _decide(task, probs, None), task.labels), None)
    for w1, w2 in itertools.product(WEIGHT_GRID, WEIGHT_GRID):
        weights = [1.0, w1, w2]
        value = score(task.metric, gold, _decide(task, probs, None, weights), task.labels)
        if value > best[0] + 1e-9:
            best = (value, weights)
    return best[1]


def _decide(task: TextTask, probs: np.ndarray, threshold: float | None,
            weights: Sequence[float] | np.ndarray | None = None) -> list[str]:
    if threshold is None or len(task.labels) != 2:
        scaled = probs * np.asarray(weights) if weights is not None else probs
        return [task.labels[i] for i in scaled.argmax(axis=1)]
    return [task.labels[int(p > threshold)] for p in probs[:, 1]]


def evaluate_text(root: Path, folder: Path, *, data: dict[str, dict[str, Split]] | None = None,
                  techniques: dict[str, Any] | None = None, precision: str | None = None
                  ) -> dict[str, Any]:
    """Each task's metric on its official test split (with a 95% interval) and expected
    calibration error before and after temperature scaling, and the technique tagger's
    official scores on PTC dev and SemEval-2023 English dev, from the artifact in
    ``folder`` run as the analyzers run it."""
    from ..ml.heads import TextHeads

    heads = TextHeads.load(folder, precision=precision)
    out: dict[str, Any] = {"precision": heads.precision}
    if heads.tagger is not None:
        tech = techniques or technique_data(root, int(heads.config["training"]["seed"]))
        out["techniques_ptc_dev"] = evaluate_tagger(heads.encoder.encode, heads.tagger,
                                                    tech["dev_articles"], tech["dev_spans"])
        if heads.tagger.blend:  # the tagger alone, for comparison
            kept, heads.tagger.blend = heads.tagger.blend, None
            try:
                out["techniques_ptc_dev_tagger_only"] = evaluate_tagger(
                    heads.encoder.encode, heads.tagger, tech["dev_articles"], tech["dev_spans"])
            finally:
                heads.tagger.blend = kept
        if techniques is None or not heads.config["training"].get("limit"):
            semeval = evaluate_semeval2023(root, heads.encoder.encode, heads.tagger)
            if semeval:
                out["techniques_semeval2023_en_dev"] = semeval
    for name, task in TASKS.items():
        splits = data[name] if data is not None else task.load(root)
        texts, gold = splits["test"]
        encoded = heads.encoder.encode(list(texts))
        raw = heads.logits_of(encoded)[name]
        y = np.array([task.labels.index(g) for g in gold])
        probs = heads.probs_of(encoded, texts)[name]  # calibrated, and averaged if so chosen
        pred = _decide(task, probs, heads.threshold[name], heads.class_weights[name])
        out[name] = {"metric": task.metric,
                     "test": round(score(task.metric, gold, pred, task.labels), 1),
                     "test_ci95": score_ci(task.metric, gold, pred, task.labels),
                     "test_ece_before": expected_calibration_error(softmax(raw), y),
                     "test_ece_after": expected_calibration_error(probs, y),
                     "examples": len(texts), "baselines": task.baselines}
        f1_threshold = heads.tasks[name].get("f1_threshold")
        if f1_threshold is not None:  # labels at the precise threshold, F1 at the F1 one
            at_f1 = _decide(task, probs, f1_threshold)
            said = int(sum(p == task.labels[1] for p in pred))
            right = int(sum(p == g == task.labels[1] for p, g in zip(pred, gold, strict=True)))
            out[name].update({
                "test_at_f1_threshold": round(score(task.metric, gold, at_f1, task.labels), 1),
                "test_at_f1_threshold_ci95": score_ci(task.metric, gold, at_f1, task.labels),
                "test_label_precision": round(100 * right / said, 1) if said else None,
                "test_label_recall": round(100 * right / max(1, gold.count(task.labels[1])), 1)})
        if heads.sure_thresholds.get(name):  # the labels sure enough to show: how right
            sure = [heads.sure(name, label, p) for label, p in zip(pred, probs, strict=True)]
            out[name]["test_sure"] = {
                label: {"given": (n := sum(1 for s_, p in zip(sure, pred, strict=True)
                                           if s_ and p == label)),
                        "precision": round(100 * sum(
                            1 for s_, p, g in zip(sure, pred, gold, strict=True)
                            if s_ and p == g == label) / n, 1) if n else None}
                for label in task.labels}
            out[name]["test_sure_share"] = round(100 * sum(map(bool, sure)) / len(sure), 1)
    return out


def _rule(calibration: dict[str, Any]) -> str:
    """How a task decides, for the card: its threshold, or argmax (with class weights)."""
    if calibration.get("f1_threshold") is not None:
        return f"{calibration['threshold']} (labels; F1: {calibration['f1_threshold']})"
    if calibration.get("threshold") is not None:
        return str(calibration["threshold"])
    weights = calibration.get("class_weights")
    return "argmax" + (f" × ({', '.join(str(w) for w in weights)})" if weights else "")


def _chain(training: dict[str, Any]) -> str:
    """The card's words for a run that started from an earlier artifact (``--init``)."""
    steps: list[str] = []
    epochs: list[Any] = [training.get("epochs")]
    earlier = training.get("started_from")
    while earlier:
        t = earlier.get("training") or {}
        epochs.append(t.get("epochs"))
        steps.append(f"{t.get('epochs', '?')} epochs, seed {t.get('seed', '?')}, lr "
                     f"{t.get('lr', '?')} (trained {earlier.get('trained_on', '?')})")
        earlier = t.get("started_from")
    if not steps:
        return ""
    numbers = [float(e) for e in epochs if isinstance(e, int | float)]
    total = (f" In all, {sum(numbers):g} epochs' worth of steps."
             if len(numbers) == len(epochs) else "")
    return ("\n  This run started from the adapters and heads of an earlier one "
            "(`--init`), itself trained as follows, latest first: " + "; ".join(steps) +
            "." + total)


#: The columns of the text card's table.
TABLE_HEAD = ("| task | metric | echoscope (95% interval) | validation ECE | test ECE | "
              "temperature | linear share | decision | published |\n"
              "|---|---|---|---|---|---|---|---|---|")


def text_card(config: dict[str, Any]) -> str:
    m = config["metrics"]
    rows = []
    for name, task in TASKS.items():
        r, c = m[name], config["tasks"][name]
        lo, hi = r["test_ci95"]
        base = ", ".join(f"{k} {v}" for k, v in sorted(task.baselines.items(),
                                                       key=lambda kv: -kv[1]))
        rows.append(f"| {name} | {task.metric} | **{r['test']}** ({lo}–{hi}) | "
                    f"{c.get('val_ece_before', '–')} → {c.get('val_ece_after', '–')} | "
                    f"{r['test_ece_before']} → {r['test_ece_after']} | {c['temperature']} | "
                    f"{c.get('linear_weight') or 0:g} | {_rule(c)} | {base} |")
    data = "\n".join(f"- **{name}**: {task.data}. Licence: {task.licence}."
                     for name, task in TASKS.items())
    t = config["training"]
    return f"""# Model card: text heads (`models/encoder/text`)

Sentiment (negative/neutral/positive), offensive language, irony and hypocrisy /
whataboutism (tu quoque), each with calibrated probabilities, from **one pass** of the
shared encoder over a text.

- **Encoder**: {config['encoder']} (sha256 `{config['encoder_sha256'][:12]}…`), frozen;
  LoRA adapters (rank {config['lora_rank']}, alpha {config['lora_alpha']}) on the query,
  key, value, attention-output and both feed-forward layers of all 6 layers; one linear
  head per task over the mean of the token states. Inference: onnxruntime on the CPU
  (adapters merged into the weights at load time).
- **Training**: `echoscope train text` — multi-task (each batch from one task, tasks drawn
  in proportion to size^(1/{t['task_sampling_temperature']})), {t['epochs']} epochs' worth
  of {t['steps']:,} steps,
  batch {t['batch_size']}, AdamW lr {t['lr']}, seed {t['seed']}, at most
  {t['sentiment_cap'] or 'all the'} sentiment tweets; examples per task: {t['examples']}.
  {device_note(t)}{_chain(t)}{_refits(config)}
- **Calibration**: per task, temperature scaling fitted on held-out data (the validation
  split; for hypocrisy joined by a fifth of train held out from training), and the
  decision rule that maximises the task's metric there — for the binary tasks a threshold
  on P(positive), for sentiment a weight per class on the probabilities before the argmax
  (the training mix's class priors are not those of the text scored) — never on the test
  split.
- **Two model families**: for every task the calibrated probabilities may be averaged with
  those of the task's linear n-gram model (the recipe of `echoscope train <task>`: TF-IDF
  word and character n-grams, logistic regression with C chosen by cross-validation;
  for sentiment the same with its three labels), fitted on the same training rows as the
  head and kept beside the artifact as `linear_<task>`. Its share (the "linear share" below) is the one with
  the lowest negative log-likelihood on the validation rows, searched over 0, 0.1, …, 1
  (0: the encoder alone); the decision rule is then chosen on the averaged probabilities.
- **Evaluation**: the official test splits, scored once, by the shipped artifact through
  the same onnxruntime code the analyzers run. ECE: expected calibration error (15 bins,
  0–100), of the head's raw probabilities → of the shipped ones (temperature-scaled, and
  averaged where the linear share is not 0), on the validation rows the calibration was
  fitted on and on the test split. Calibration cannot undo a change of class mix: where
  the test split's labels are spread unlike validation's (sentiment's SemEval-2017 test
  holds about half as many positive and twice as many negative tweets; offensive's fewer
  offensive ones), its test ECE can rise while validation's falls.

## Test results

{TABLE_HEAD}
{chr(10).join(rows)}
{_precise_card(config)}{_sure_card(config)}{precision_card(config)}{technique_card(config)}
## Data and licences
{data}

The artifact inherits the strictest of these terms: **research and non-commercial use**
(CC BY-NC-SA 4.0 for the irony data).

## Limits
Trained on English tweets (2013–2019) and, for hypocrisy, some news sentences; news
prose, other platforms and other languages are out of domain — calibrated probabilities
help, but read scores on news sentences as hints. Trained {config['trained_on']}
({m.get('seconds', '?')} s){_recalibrated(config)}.
"""


def _recalibrated(config: dict[str, Any]) -> str:
    if not config.get("calibrated_on"):
        return ""
    text = (f"; its decisions chosen again on {config['calibrated_on']} "
            f"(`echoscope train text --calibrate-only`, "
            f"{config['metrics'].get('calibrated_seconds', '?')} s)")
    for only in config.get("calibrated_tasks") or []:
        text += (f", then {', '.join(only['tasks'])} again on {only['on']} (`--calibrate-only "
                 f"{' '.join('--only ' + t for t in only['tasks'])}`, {only['seconds']} s)")
    return text


def _sure_card(config: dict[str, Any]) -> str:
    """The card's words on the labels sure enough to show (:data:`SURE_TONE`)."""
    out = []
    for name, c in config["tasks"].items():
        sure, m = c.get("sure_thresholds"), config["metrics"].get(name, {})
        if not sure or "test_sure" not in m:
            continue
        rule = sure["rule"]
        levels = ", ".join(
            f"{label} above {v['threshold']}" if v["threshold"] < 1.0 else f"{label} never"
            for label, v in sure.items() if label != "rule")
        tested = ", ".join(
            f"{label} {v['given']:,} given, {v['precision']}% right" if v["given"] else
            f"{label} none given" for label, v in m["test_sure"].items())
        out.append(
            f"**{name}**: its label is *sure enough to show* (a post's tone badge in reports) "
            f"only above its own level, chosen on the validation rows so that the label, one "
            f"against the others, would be right {100 * rule['min_precision']:g}% of the time "
            f"were {100 * rule['prior']:g}% of texts of that label: {levels}. On the test split "
            f"{m['test_sure_share']}% of texts are sure: {tested}.\n")
    return "\n" + "\n".join(out) if out else ""


def _precise_card(config: dict[str, Any]) -> str:
    """The card's words on tasks labelled at a precise threshold (:data:`PRECISION_FIRST`)."""
    out = []
    for name, c in config["tasks"].items():
        rule, m = c.get("label_rule"), config["metrics"].get(name, {})
        if not rule or "test_at_f1_threshold" not in m:
            continue
        lo, hi = m["test_at_f1_threshold_ci95"]
        benchmark = (f"at the F1 threshold ({c['f1_threshold']}), the measure published "
                     f"results use, {m['metric']} is **{m['test_at_f1_threshold']}** "
                     f"({lo}–{hi}).")
        if c["threshold"] >= 1.0:
            out.append(
                f"**{name}** labels no text: no threshold's precision on the validation rows, "
                f"were {100 * rule['prior']:g}% of texts positive, reaches "
                f"{100 * rule['min_precision']:g}% with 20 positive rows above it (its "
                f"training data holds far more positives than ordinary posts do), so only its "
                f"probability is given (the table's {m['test']} is that of no labels); "
                + benchmark)
            continue
        out.append(
            f"**{name}** is labelled only above {c['threshold']}: the lowest threshold whose "
            f"precision on the validation rows, were {100 * rule['prior']:g}% of texts "
            f"positive, reaches {100 * rule['min_precision']:g}% (there "
            f"{rule['val_precision_at_prior']}%, {rule['val_positives_above']} positive rows "
            f"above it). Its training data holds far more positives than ordinary posts do: "
            f"at the threshold that maximises F1 ({c['f1_threshold']}) most labels on "
            f"ordinary posts would be wrong. On the test split the labels have precision "
            f"{m['test_label_precision']}% and recall {m['test_label_recall']}% (the table's "
            f"{m['test']}); " + benchmark)
    return "\n" + "\n\n".join(out) + "\n" if out else ""


def precision_card(config: dict[str, Any]) -> str:
    """The same tests run with the encoder in mixed and int8 (``metrics_mixed``,
    ``metrics_int8``, those measured)."""
    m = config["metrics"]
    shown = [p for p in QUANTIZED if config.get(f"metrics_{p}")]
    if not shown:
        return ""
    rows = []
    for name in (n for n in TASKS if n in m):
        # Tasks labelled for precision: compared at their F1 threshold, as in the text.
        key = "test_at_f1_threshold" if "test_at_f1_threshold" in m[name] else "test"
        at = " (at the F1 threshold)" if key != "test" else ""
        cells = []
        for p in shown:
            q = config[f"metrics_{p}"].get(name) or {}
            lo, hi = q.get(f"{key}_ci95") or ("–", "–")
            cells.append(f"{q.get(key, '–')} ({lo}–{hi})")
        rows.append(f"| {name}{at} | {m[name][key]} | {' | '.join(cells)} |")
    for label, field in (("PTC dev SI F1", "si"), ("PTC dev TC micro-F1", "tc")):
        inner = "f1" if field == "si" else "micro_f1"
        if not m.get("techniques_ptc_dev"):
            continue
        cells = [str((config[f"metrics_{p}"].get("techniques_ptc_dev") or {})
                     .get(field, {}).get(inner, "–")) for p in shown]
        rows.append(f"| {label} | {m['techniques_ptc_dev'][field][inner]} | "
                    f"{' | '.join(cells)} |")
    own = config.get("precision") or DEFAULT_PRECISION
    heads = " | ".join(f"{p}{' (the default)' if p == own else ''} "
                       f"(95% interval)" for p in shown)
    how = ("its feed-forward layers' matrix products in int8 and its attention in float32"
           if own == "mixed" else "every matrix product of its layers in int8"
           if own == "int8" else "every matrix product in float32")
    smooth = config.get("int8_smoothing")
    smoothing = "" if not smooth else (
        f" Where attention runs in int8 its inputs are smoothed (SmoothQuant, alpha "
        f"{smooth['alpha']:g}): each input channel's range is shared with the weights by a "
        f"scale measured on {smooth['texts']:,} training rows ({smooth['rows_per_task']} per "
        f"task, seed {smooth['seed']}), the same product in exact arithmetic.")
    chosen = config.get("precision_choice")
    why = f" {chosen}" if chosen else ""
    return f"""
The encoder runs by default in **{own}** precision: {how} (`analysis.classify.precision`:
`float32`, `mixed`, `int8` for every matrix product). In int8 the weights are scaled per
output column and the activations per token, so a text's scores never depend on its
batch-mates.{smoothing} Thresholds and temperatures are those chosen in float32.{why}

The same tests:

| test | float32 | {heads} |
|---|---|{'---|' * len(shown)}
{chr(10).join(rows)}
"""


def technique_card(config: dict[str, Any]) -> str:
    """The technique tagger's part of the card (when these heads have one)."""
    tech, m = config.get("techniques"), config["metrics"]
    ptc, sem = m.get("techniques_ptc_dev"), m.get("techniques_semeval2023_en_dev")
    if not tech or not ptc:
        return ""
    si = ptc["si"]
    si_row = (f"| PTC dev, span identification | partial-overlap F1 | {si['f1']} "
              f"(P {si['p']}, R {si['r']}) | best 0.5155 on test |")
    tc_row = (f"| PTC dev, technique classification (gold spans) | micro-F1 | "
              f"{ptc['tc']['micro_f1']} | best 0.6207 on test; always Loaded_Language 0.306 |")
    sem_row = (f"| SemEval-2023 Task 3 EN dev, 23 labels | paragraph micro-F1 | "
               f"{sem['micro_f1']} (P {sem.get('p', '–')}, R {sem.get('r', '–')}) | "
               "NLUBot101 0.389–0.496 |" if sem else "")
    alone = m.get("techniques_ptc_dev_tagger_only")
    if alone:
        si_row += (f"\n| the same, tagger alone | partial-overlap F1 | {alone['si']['f1']} "
                   f"(P {alone['si']['p']}, R {alone['si']['r']}) | |")
        tc_row += (f"\n| the same, span head alone | micro-F1 | {alone['tc']['micro_f1']} | |")
    return f"""
## Technique tagger

A token tagger (O/B/I over word pieces, with the sentence as context) finds the spans, a
span head (mean, first and last word piece of the span and the sentence mean) names one of
the 14 PTC techniques; trained with the heads above on PTC train sentences with a span
(and as many without), less a tenth of the train articles held out to choose the decoding
thresholds (a word piece joins a span above {tech['lo']}, a span is kept when its peak
passes {tech['hi']}, bridging {tech['gap']}) and the temperatures — never on dev.
{_blend_text(tech.get("blend"))}In the `techniques` analyzer the spans are named by the technique namer
(`models/encoder/techniques`, its own card) unless `analysis.techniques.namer_dir` is
`none`; the figures below are this artifact's own, the span head naming.

Scored with the official SemEval-2020 Task 11 semantics (0–1):

| test | metric | echoscope | published |
|---|---|---|---|
{si_row}
{tc_row}
{sem_row}
"""


def _blend_text(blend: dict[str, Any] | None) -> str:
    if not blend:
        return ""
    w, tcw = blend["crf_weight"], blend["tc_weight"]
    nll = blend.get("held_tc_nll") or {}
    return f"""
**Blended with the linear technique model** (`models/techniques`: a CRF over word features
and a linear technique classifier, trained on the same PTC train articles without the same
held-out tenth). Each word's P(in span) is {1 - w:g} × the tagger's (its highest word
piece) + {w:g} × the CRF's marginal; runs of words above {blend['lo']} (bridging
{blend['gap']}) are kept when their peak passes {blend['hi']}; a span's technique
probabilities are {1 - tcw:g} × the span head's + {tcw:g} × the classifier's. All chosen on
the {blend.get('held_articles', '?')} held-out articles (SI F1 there {blend['held_si_f1']};
negative log-likelihood of the gold techniques {nll.get('tagger_only', '?')} for the span
head alone → {nll.get('chosen', '?')}), never on dev.

"""


def span_features(torch: Any, states: Any, tokens: list[int], pooled: Any) -> Any:
    """What the span head reads: the mean, first and last of a span's word pieces, and the
    mean of its sentence (as :meth:`echoscope.ml.heads.TechniqueTagger.label_probs`)."""
    return torch.cat([states[tokens].mean(0), states[tokens[0]], states[tokens[-1]], pooled])


def technique_loss(torch: Any, model: Any, heads: Any, dropout: Any, units: list[Unit],
                   max_tokens: int, dev: Any) -> Any:
    """Tag loss (O/B/I per word piece) plus span loss (each gold span's technique) for a
    batch of sentences."""
    b = batch_of([u.text for u in units], max_tokens, dev)
    states = model(b.ids, b.mask, b.types)
    tags = torch.full(b.ids.shape, -100, dtype=torch.long)
    feats, labels = [], []
    pooled = mean_pool(torch, states, b.mask)
    for row, (unit, offsets) in enumerate(zip(units, b.offsets, strict=True)):
        tags[row, :len(offsets)] = torch.tensor(token_tags(offsets, unit.spans))
        for s, e, label in unit.spans:
            tokens = span_tokens(offsets, s, e)
            if tokens:
                feats.append(span_features(torch, states[row], tokens, pooled[row]))
                labels.append(TECHNIQUES.index(label))
    loss = torch.nn.functional.cross_entropy(heads["tags"](dropout(states)).flatten(0, 1),
                                             tags.to(dev).flatten(), ignore_index=-100)
    if feats:
        span_logits = heads["span"](dropout(torch.stack(feats)))
        loss = loss + torch.nn.functional.cross_entropy(span_logits,
                                                        torch.tensor(labels, device=dev))
    return loss


def calibrate_techniques(torch: Any, model: Any, heads: Any, tech: dict[str, Any],
                         max_tokens: int, dev: Any, log: Callable[[str], None]
                         ) -> dict[str, Any]:
    """On the held-out training articles: the tag and label temperatures, and the decoding
    thresholds that maximise SI F1 there."""
    held, gold = tech["held_articles"], tech["held_spans"]
    units = units_of_held(held, gold)
    tag_logits, tag_gold, span_logits, span_gold = [], [], [], []
    per_article: dict[str, list[tuple[int, np.ndarray, list[tuple[int, int]]]]] = {}
    with torch.no_grad():
        for i in range(0, len(units), 64):
            chunk = units[i:i + 64]
            b = batch_of([u.text for u in chunk], max_tokens, dev)
            states = model(b.ids, b.mask, b.types)
            pooled = mean_pool(torch, states, b.mask)
            logits = heads["tags"](states).cpu().numpy()
            for row, (unit, offsets) in enumerate(zip(chunk, b.offsets, strict=True)):
                z = logits[row, :len(offsets)]
                t = np.array(token_tags(offsets, unit.spans))
                keep = t >= 0
                tag_logits.append(z[keep])
                tag_gold.append(t[keep])
                per_article.setdefault(unit.article, []).append(
                    (unit.offset, z, list(offsets)))
                for s, e, label in unit.spans:
                    tokens = span_tokens(offsets, s, e)
                    if tokens:
                        f = span_features(torch, states[row], tokens, pooled[row])
                        span_logits.append(heads["span"](f).cpu().numpy())
                        span_gold.append(TECHNIQUES.index(label))
    tag_t = fit_temperature(np.concatenate(tag_logits), np.concatenate(tag_gold))
    probs = {a: [(off, 1.0 - softmax(z / tag_t)[:, 0], offs) for off, z, offs in units_]
             for a, units_ in per_article.items()}
    lo, hi, gap, f1 = tune_decoding(probs, held, gold)
    label_t = (fit_temperature(np.stack(span_logits), np.array(span_gold))
               if span_logits else 1.0)
    log(f"techniques: tags T {tag_t}, labels T {label_t}, decoding lo {lo} hi {hi} gap {gap} "
        f"(held-out SI F1 {f1:.3f})")
    return {"labels": list(TECHNIQUES), "lo": lo, "hi": hi, "gap": gap,
            "tag_temperature": tag_t, "label_temperature": label_t,
            "held_out_si_f1": round(f1, 4), "held_out_articles": len(held)}


def units_of_held(articles: dict[str, str], gold: list[tuple[str, str, int, int]]) -> list[Unit]:
    from .techniques_head import units_of

    return units_of(articles, gold)
