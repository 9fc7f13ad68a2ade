"""Target-aware stance: ``echoscope train stance`` fine-tunes the encoder to read a pair
``(target, text)`` and say FAVOR, AGAINST or NONE, across every target in the shared data.

So that it learns stance toward *a* named person rather than toward the few in the data,
half of the examples about a person have that person's names replaced — in the text and in
the target — by a made-up name (in hashtags and handles too). Then, on held-out data:
a temperature that calibrates the probabilities, and the smallest probability a side
needs before the model says it (below, NONE: the text does not say clearly enough).

``unseen`` runs measure what matters most for articles — people no training set contains:
for each P-Stance target, a model trained without any example about that person, scored
on that person's test tweets.
"""

from __future__ import annotations

import json
import random
import textwrap
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from ..doc import STANCE_LABELS as LABELS
from ..ml.encoder import ENCODER_DIR
from ..ml.heads import averaged, blend, linear_stance_proba, text_dir_beside, with_sentiment
from ..text.targets import anonymise as anonymise_names
from .datasets import (
    PSTANCE_TARGETS,
    data_root,
    leave_out,
    load_semeval_trump,
    load_stance,
)
from .encoder import (
    BATCH_ORDERS,
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
    precision_note,
    schedule,
    seed_everything,
    softmax,
    torch_modules,
)
from .metrics import (
    bootstrap_ci,
    exact_precision,
    lowest_precise_level,
    metric_of_codes,
    prepare_codes,
    score,
    score_ci,
    side_rule_level,
    sides_said,
)

OUT_DIR = ENCODER_DIR / "stance"
Row = tuple[str, str, str]  # (text, target, label)

#: People the shared data has stance toward (the other targets are topics).
PERSONS = {"Donald Trump", "Joe Biden", "Bernie Sanders", "Hillary Clinton", "Ted Cruz"}
#: Extra spellings of their names in the tweets (handles), beyond first name and surname.
HANDLES = {"Donald Trump": ["realDonaldTrump"], "Joe Biden": ["JoeBiden"],
           "Bernie Sanders": ["BernieSanders", "SenSanders"],
           "Hillary Clinton": ["HillaryClinton", "Hillary", "Hilary"], "Ted Cruz": ["tedcruz"]}
def anonymise(text: str, target: str, rng: random.Random) -> tuple[str, str]:
    """The text and target with the person's names (and :data:`HANDLES`) replaced by one
    made-up name (:func:`~echoscope.text.targets.anonymise`)."""
    return anonymise_names(text, target, rng, HANDLES.get(target, []))


def stance_splits(root: Path, seed: int = 0, without: Sequence[str] = (),
                  limit: int | None = None) -> dict[str, list[Row]]:
    """Train/validation/test rows. Train: P-Stance train, SemEval-2016 Task 6 train and the
    multi-target set, less a tenth of the last two held out for validation (with P-Stance
    validation), so that NONE is calibrated too. ``without``: targets whose rows are left
    out of train and validation (an unseen-target run), or ``"semeval"`` for the
    SemEval-2016 data. ``train_extra``: the rows of train from the multi-target set.
    ``limit``: each split shuffled (by ``seed``) and cut to that many rows (a slice)."""
    data = load_stance(root)
    rng = random.Random(seed)
    extra = data["train_extra"]
    semeval = [r for r in data["train"] if r[1] not in PSTANCE_TARGETS.values()]
    pstance_train = [r for r in data["train"] if r[1] in PSTANCE_TARGETS.values()]
    held: list[Row] = []
    kept: list[Row] = []
    for rows in (semeval, extra):
        rows = list(rows)
        rng.shuffle(rows)
        cut = len(rows) // 10
        held += rows[:cut]
        kept += rows[cut:]
    train = pstance_train + kept
    val = data["val"] + held
    if "semeval" in without:
        semeval_set = set(semeval)
        train = [r for r in train if r not in semeval_set]
        val = [r for r in val if r not in semeval_set]
    names = {t for t in without if t != "semeval"}
    if names:
        # A multi-target tweet with a row about the person leaves whole (``leave_out``),
        # wherever its rows fell: that set's rows about the person are the second dataset
        # a held-out fold is scored on.
        everything = [r for rows in data.values() for r in rows]
        train = leave_out(train, names, source=everything)
        val = leave_out(val, names, source=everything)
    multi = set(extra)
    held_rows = set(held)
    splits = {"train": train, "val": val, "test_pstance": data["test_pstance"],
              "test_semeval": data["test_semeval"],
              # The multi-target rows of train (annotated differently: the linear model
              # fits its generic part on them, not its per-target experts).
              "train_extra": [r for r in train if r in multi],
              # The rows of val that may take no side (SemEval-2016 and the multi-target
              # set; P-Stance has no NONE): where the level a side needs is chosen.
              "val_with_none": [r for r in val if r in held_rows],
              # SemEval-2016 subtask B (stance toward Donald Trump): scored, never trained on.
              "test_semeval_trump": load_semeval_trump(root)}
    if limit:
        order = random.Random(seed)
        for name in splits:
            if name == "val_with_none":
                continue
            splits[name] = list(splits[name])
            order.shuffle(splits[name])
            splits[name] = splits[name][:limit]
        kept_val = set(splits["val"])
        splits["val_with_none"] = [r for r in splits["val_with_none"] if r in kept_val]
    return splits


def train_stance_head(data_dir: str | Path, out_dir: str | Path | None | bool = None, *,
                      epochs: float = 2.0, rank: int = 16, alpha: float = 32.0,
                      lr: float = 5e-4, batch_size: int = 32, max_tokens: int = 96,
                      anonymise_share: float = 0.5, seed: int = 0, batches: str = "random",
                      sides_only: bool = False,
                      without: Sequence[str] = (), limit: int | None = None,
                      device: str = "auto", threads: int | None = None, unseen: bool = False,
                      own_linear: bool | None = None, score: bool = True,
                      fit_only: bool = False, trained: str | Path | None = None,
                      log: Callable[[str], None] = lambda s: None) -> dict[str, Any]:
    """Fine-tune the stance adapters and head; calibrate; write the artifact and its card
    (unless ``out_dir`` is False: an experiment that only reports its scores). ``unseen``
    also trains one model per P-Stance target without it and scores it on that target.
    Without ``score`` (the held-out folds, scored on their own people), the test sets are
    not scored. ``sides_only``: rows from data without NONE (P-Stance) train the two sides
    alone (:func:`sides_only_rows`), not "never NONE".

    The work splits in two where a GPU machine does the training: ``fit_only`` writes the
    adapters and head (with ``unseen``, the held-out folds' too, in ``unseen/<person>``)
    and stops; ``trained`` (that folder) finishes them here, the recipe read from it
    (calibration, the folds' linear models and choices, scores, card), without torch."""
    started = time.perf_counter()
    if trained is not None:
        arrays, config = _fitted(Path(trained), without)
        t = config["training"]
        epochs, rank, alpha, lr, batch_size = (t["epochs"], config["lora_rank"],
                                               config["lora_alpha"], t["lr"], t["batch_size"])
        max_tokens, anonymise_share, seed, limit = (config["max_tokens"], t["anonymise_share"],
                                                    t["seed"], t.get("limit"))
        batches = t.get("batches", "random")
        sides_only = bool(t.get("sides_only", False))
    splits = stance_splits(data_root(data_dir), seed, without, limit)
    if trained is None:
        arrays, config = _fit_stance(splits, epochs=epochs, rank=rank, alpha=alpha, lr=lr,
                                     batch_size=batch_size, max_tokens=max_tokens,
                                     anonymise_share=anonymise_share, seed=seed,
                                     batches=batches, sides_only=sides_only,
                                     without=without, limit=limit, device=device,
                                     threads=threads, log=log)
    if out_dir is False:
        import tempfile

        tmp = tempfile.TemporaryDirectory()
        folder = Path(tmp.name)
    else:
        folder = Path(out_dir) if isinstance(out_dir, str | Path) else OUT_DIR
    folder.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(folder / "weights.npz", **arrays)
    (folder / "model.json").write_text(json.dumps(config, indent=2) + "\n", "utf-8")
    settings: dict[str, Any] = {"epochs": epochs, "rank": rank, "alpha": alpha, "lr": lr,
                                "batch_size": batch_size, "max_tokens": max_tokens,
                                "anonymise_share": anonymise_share, "seed": seed,
                                "batches": batches, "sides_only": sides_only,
                                "limit": limit, "device": device, "threads": threads,
                                "log": log}
    if fit_only:
        if unseen:
            for key, target in PSTANCE_TARGETS.items():
                train_stance_head(data_dir, folder / "unseen" / key, without=(target,),
                                  fit_only=True, **settings)
        return {"seconds": round(time.perf_counter() - started, 1)}
    folds = None
    if unseen:
        # People outside every training set (most people an article names) get the share
        # and the side's probability chosen on people held out of training.
        folds = held_out_folds(data_dir, text_dir_beside(folder),
                               trained=Path(trained) / "unseen" if trained else None,
                               **settings)
    stood = choose_stand_in(folds) if folds else None
    config.update(calibrate_stance(
        folder, splits, seed, own_linear=uses_own_linear(out_dir, without, own_linear),
        unseen_weight=choose_unseen_weight(folds) if folds else None,
        stand_in=stood["adopted"] if stood else None, log=log))
    held_out = unseen_choices(folds, config, text_dir_beside(folder), epochs=epochs,
                              batches=batches) if folds else None
    if held_out and stood:
        held_out["stand_in"] = stood
    (folder / "model.json").write_text(json.dumps(config, indent=2) + "\n", "utf-8")
    metrics = evaluate_stance_head(folder, splits) if score else {}
    if held_out:
        metrics["unseen"] = held_out
    metrics["seconds"] = round(time.perf_counter() - started, 1)
    if trained is not None:
        metrics["trained_seconds"] = (config.get("metrics") or {}).get("seconds")
    config["metrics"] = metrics
    if out_dir is not False:
        (folder / "model.json").write_text(json.dumps(config, indent=2) + "\n", "utf-8")
        (folder / "MODEL_CARD.md").write_text(stance_head_card(config), "utf-8")
    return metrics


def _fit_stance(splits: dict[str, list[Row]], *, epochs: float, rank: int, alpha: float,
                lr: float, batch_size: int, max_tokens: int, anonymise_share: float,
                seed: int, batches: str, without: Sequence[str], limit: int | None,
                device: str, threads: int | None, log: Callable[[str], None],
                sides_only: bool = False) -> tuple[dict[str, Any], dict[str, Any]]:
    """The training itself (torch): the adapters and head's arrays, and the config that
    records how they were trained (temperature 1 until :func:`calibrate_stance`)."""
    torch = torch_modules()
    if threads:
        torch.set_num_threads(threads)
    seed_everything(seed)
    started = time.perf_counter()
    dev = device_of(device)
    model = build_model(rank, alpha).to(dev)
    head = torch.nn.Linear(384, len(LABELS)).to(dev)
    dropout = torch.nn.Dropout(0.1)
    params = [p for p in model.parameters() if p.requires_grad] + list(head.parameters())
    opt = torch.optim.AdamW(params, lr=lr, weight_decay=0.01)
    train = splits["train"]
    steps = max(1, int(epochs * len(train) / batch_size))
    sched = torch.optim.lr_scheduler.LambdaLR(opt, schedule(steps))
    if batches not in BATCH_ORDERS:
        raise ValueError(f"batches must be one of {', '.join(BATCH_ORDERS)}, not {batches!r}")
    feed = Epochs(len(train), batch_size, seed,
                  [len(text) + len(target) for text, target, _ in train]
                  if batches == "by-length" else None)
    rng = random.Random(seed)
    say = log_every(log)
    no_none = sides_only_rows(splits) if sides_only else set()
    model.train()
    for step in range(steps):
        pairs, gold, sides = [], [], []
        for i in feed.next():
            text, target, label = train[i]
            sides.append(train[i] in no_none)
            if target in PERSONS and rng.random() < anonymise_share:
                text, target = anonymise(text, target, rng)
            pairs.append((target, text))
            gold.append(LABELS.index(label))
        b = batch_of(pairs, max_tokens, dev)
        logits = head(dropout(mean_pool(torch, model(b.ids, b.mask, b.types), b.mask)))
        loss = stance_loss(torch, logits, torch.tensor(gold, device=dev), sides)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        sched.step()
        opt.zero_grad()
        say(f"stance: step {step + 1}/{steps} loss {loss.item():.3f} "
            f"{time.perf_counter() - started:.0f}s")
    model.eval()

    config = {**common_config(rank, alpha, max_tokens), "kind": "stance", "labels": LABELS,
              "temperature": 1.0,  # until calibrate_stance has chosen it
              "training": {"epochs": epochs, "lr": lr, "batch_size": batch_size, "seed": seed,
                           "batches": batches, "sides_only": sides_only,
                           "anonymise_share": anonymise_share, "without": list(without),
                           "limit": limit, "examples": len(train), "steps": steps,
                           "device": str(dev)},
              "trained_on": date.today().isoformat(),
              "metrics": {"seconds": round(time.perf_counter() - started, 1)}}
    arrays = {k: v.astype(np.float16) for k, v in model.adapter().items()}
    arrays["head.stance.weight"] = head.weight.detach().cpu().numpy().astype(np.float32)
    arrays["head.stance.bias"] = head.bias.detach().cpu().numpy().astype(np.float32)
    return arrays, config


def stance_loss(torch: Any, logits: Any, gold: Any, sides: Sequence[bool]) -> Any:
    """Cross-entropy of a batch; a row marked in ``sides`` (from data without NONE) says
    which side, not that there is one: its loss is over the two sides alone (NONE's logit
    out of its softmax)."""
    if any(sides):
        cut = torch.zeros_like(logits, dtype=torch.bool)
        cut[torch.tensor(list(sides), device=logits.device), LABELS.index("NONE")] = True
        logits = logits.masked_fill(cut, -1e4)
    return torch.nn.functional.cross_entropy(logits, gold)


def sides_only_rows(splits: dict[str, list[Row]]) -> set[Row]:
    """The training rows from data whose annotation has no NONE: P-Stance's (rows about
    its people that are not the multi-target set's). That they all take a side is how the
    data was collected, not a fact about tweets."""
    extra = set(splits.get("train_extra", ()))
    people = set(PSTANCE_TARGETS.values())
    return {r for r in splits["train"] if r[1] in people and r not in extra}


def _fitted(folder: Path, without: Sequence[str]) -> tuple[dict[str, Any],
                                                           dict[str, Any]]:
    """A stance artifact's adapters and head as ``fit_only`` wrote them, checked to be
    a stance model trained without the same targets."""
    from ..errors import ConfigError

    try:
        config = json.loads((folder / "model.json").read_text("utf-8"))
        with np.load(folder / "weights.npz") as npz:
            arrays = {k: npz[k] for k in npz.files}
    except (OSError, ValueError) as exc:
        raise ConfigError(f"no trained stance adapters in {folder}: {exc}",
                          code="E112") from None
    left_out = sorted((config.get("training") or {}).get("without") or [])
    if config.get("kind") != "stance" or left_out != sorted(without):
        raise ConfigError(f"{folder} holds no stance model trained without "
                          f"{sorted(without) or 'nobody'} (it left out {left_out or 'nobody'})",
                          code="E112")
    for k in ("linear_weight", "blend_temperature", "min_side", "linear_model"):
        config.pop(k, None)
    config["temperature"] = 1.0  # until calibrate_stance has chosen it
    return arrays, config


def may_say_none(splits: dict[str, list[Row]]) -> np.ndarray:
    """Per validation row: does its data say NONE where a tweet takes no side (SemEval-2016,
    the multi-target set — its tweets about Trump and Sanders too)? The others are
    P-Stance's, which say FAVOR or AGAINST and never NONE, whoever the target."""
    rows = set(splits["val_with_none"])
    return np.array([r in rows for r in splits["val"]], dtype=bool)


def calibrate_stance(folder: Path, splits: dict[str, list[Row]], seed: int = 0, *,
                     own_linear: bool = False, unseen_weight: float | None = None,
                     stand_in: bool | None = None, linear: Any = None,
                     log: Callable[[str], None] = lambda s: None) -> dict[str, Any]:
    """Decisions for the stance artifact in ``folder``, all chosen on its validation rows:
    the temperature of its logits; the share of a linear model fitted on its train rows
    (``linear``, or :func:`linear_on`) for targets that model has an expert for
    (:func:`choose_linear_weight`, on those targets' rows); and the probability a side needs
    (``min_side``), with each row averaged as it will be served: ``unseen_weight`` (when
    known) for targets without an expert. ``own_linear`` keeps that linear model beside the
    artifact (runs that leave people out, whom the shipped linear model has seen);
    otherwise the artifact averages with the shipped ``models/stance`` (the same recipe
    refitted on train + validation). ``stand_in`` (default: as the artifact says): the
    people without an expert are read under a made-up name (:func:`choose_stand_in`)."""
    from ..ml import encoder, heads

    # A folder trained into again in this process must not be read from the caches.
    encoder.load_encoder.cache_clear()
    heads._load_stance.cache_clear()
    head = heads.StanceHead.load(folder, precision="float32")  # decisions: float32
    stand_in = head.stand_in if stand_in is None else stand_in
    val = splits["val"]
    texts, targets = [r[0] for r in val], [r[1] for r in val]
    model = linear if linear is not None else linear_on(splits, seed, log)
    seen = np.array([t.lower() in model.experts for t in targets], dtype=bool)
    z = head.logits(texts, targets, [HANDLES.get(t, []) for t in targets],
                    [stand_in and t in PERSONS and not k for t, k in zip(targets, seen,
                                                                         strict=True)])
    y = np.array([LABELS.index(r[2]) for r in val])
    temperature = fit_temperature(z, y)
    p = softmax(z / temperature)
    lin = linear_stance_proba(texts, targets, model=model) if val else p
    can = may_say_none(splits)
    # On P-Stance's rows the share is judged on the two sides alone: there "never NONE"
    # would reward a model for never saying NONE.
    weight, nll = choose_linear_weight(p[seen], lin[seen], y[seen], sides_only=~can[seen])
    other = weight if unseen_weight is None else unseen_weight
    # An average of calibrated models is less sure than it should be: a temperature on its
    # logarithms, chosen on the same rows by the same measure; then every row as served.
    mean = blend(p[seen], lin[seen], weight)
    blend_temperature = fit_temperature(np.log(np.clip(mean, 1e-12, None)), y[seen],
                                        sides_only=~can[seen]) if seen.any() else 1.0
    p = averaged(p, lin, seen, weight, other, blend_temperature)
    min_side_f1 = choose_min_side(p[can], [r[2] for r, k in zip(val, can, strict=True) if k])
    min_side, rule = precise_min_side(p[can], [r[2] for r, k in zip(val, can, strict=True)
                                               if k], min_side_f1)
    # The seen people's sides at the level they are served (P-Stance validation: every
    # tweet takes a side): what the level for people never seen is matched against, so that
    # a side said about someone new is as often right as one said about a person seen.
    people = seen & ~can
    sided = {**side_precision(p[people], [r[2] for r, k in zip(val, people, strict=True)
                                          if k], min_side), "level": min_side}
    out: dict[str, Any] = {"temperature": temperature, "linear_weight": weight, "val_nll": nll,
                           "blend_temperature": blend_temperature,
                           "min_side": min_side, "min_side_f1": min_side_f1,
                           "side_rule": rule, "seen_precision": sided,
                           "val_ece_before": expected_calibration_error(softmax(z), y),
                           "val_ece_after": expected_calibration_error(p, y)}
    if unseen_weight is not None:
        out["linear_weight_unseen"] = unseen_weight
    out["unseen_stand_in"] = stand_in
    if own_linear:
        model.save(folder / "linear")
        out["linear_model"] = "linear"
    heads._load_stance.cache_clear()
    log(f"stance: temperature {temperature}, linear weight {weight} (unseen {unseen_weight}), "
        f"min_side {min_side} (macro-F1's {min_side_f1})")
    return out


def recalibrate_unseen(data_dir: str | Path, out_dir: str | Path | None = None, *,
                       limit: int | None = None, epochs: float | None = None,
                       batches: str | None = None, device: str = "auto",
                       threads: int | None = None, trained: str | Path | None = None,
                       log: Callable[[str], None] = lambda s: None) -> dict[str, Any]:
    """Keep the trained stance artifact (in ``out_dir``, default shipped) and choose again
    what it does for people never seen in training: train the held-out folds with its own
    settings (for ``epochs`` and ``batches``, default those its card records for the
    folds), fit the sentiment member and choose the linear share's and a side's probability
    for them; rewrite ``model.json`` and the card. Where the linear share for them moves, the seen
    people's decisions (chosen with it on the validation rows no expert covers) are chosen
    again too and the artifact scored again, as `echoscope train stance` does. The text
    heads must be those it will be served with (beside it, else shipped). ``trained``: a
    folder whose ``unseen/<person>`` hold folds trained elsewhere (`--fit-only --unseen`)
    with the artifact's recipe (:func:`_trained_folds`), finished here instead of trained."""

    folder = Path(out_dir) if out_dir else OUT_DIR
    config = json.loads((folder / "model.json").read_text("utf-8"))
    t = config["training"]
    metrics = config.setdefault("metrics", {})
    if trained is not None:  # the folds' recipe is the artifact's: its slice too
        epochs, batches = _trained_folds(Path(trained) / "unseen", config)
        limit = t.get("limit")
    epochs = epochs or (metrics.get("unseen") or {}).get("epochs") or t["epochs"]
    batches = batches or (metrics.get("unseen") or {}).get("batches") or t.get("batches",
                                                                               "random")
    text_dir = text_dir_beside(folder)
    folds = held_out_folds(
        data_dir, text_dir, epochs=epochs, rank=config["lora_rank"],
        alpha=config["lora_alpha"], lr=t["lr"], batch_size=t["batch_size"],
        max_tokens=config["max_tokens"], anonymise_share=t["anonymise_share"],
        seed=t["seed"], batches=batches, sides_only=bool(t.get("sides_only", False)),
        limit=limit, device=device, threads=threads,
        trained=Path(trained) / "unseen" if trained is not None else None, log=log)
    stood = choose_stand_in(folds)
    weight = choose_unseen_weight(folds)
    if (weight != config.get("linear_weight_unseen")
            or stood["adopted"] != bool(config.get("unseen_stand_in", False))):
        splits = stance_splits(data_root(data_dir), t["seed"], t.get("without") or (), limit)
        config.update(calibrate_stance(folder, splits, t["seed"],
                                       own_linear=bool(config.get("linear_model")),
                                       unseen_weight=weight, stand_in=stood["adopted"],
                                       log=log))
        (folder / "model.json").write_text(json.dumps(config, indent=2) + "\n", "utf-8")
        metrics.update(evaluate_stance_head(folder, splits))
    held = unseen_choices(folds, config, text_dir, epochs=epochs, batches=batches)
    held["stand_in"] = stood
    if limit:
        held["limit"] = limit
    metrics["unseen"] = held
    note = (f"what it does for people never seen (the made-up name, the linear share, the "
            f"sentiment member, the side's probability) chosen again on {date.today().isoformat()} by "
            f"`echoscope train stance --unseen-only` (held-out folds of {epochs} epochs"
            + (", batches by length" if batches == "by-length" else "")
            + (", trained elsewhere with --fit-only" if trained is not None else "")
            + (f", a slice of {limit} rows: its figures mean nothing" if limit else "") + ")")
    _write_recalibrated(folder, config, note)
    return metrics["unseen"]


def _trained_folds(folder: Path, config: dict[str, Any]) -> tuple[float, str]:
    """The epochs and batches of the held-out folds trained elsewhere in ``folder`` (one
    per P-Stance person's key, as `--fit-only --unseen` writes them), checked to share the
    stance artifact's recipe (``config``) but for those two."""
    from ..errors import ConfigError

    def recipe(c: dict[str, Any]) -> dict[str, Any]:
        t = c["training"]
        return {"rank": c["lora_rank"], "alpha": c["lora_alpha"], "max_tokens": c["max_tokens"],
                "lr": t["lr"], "batch_size": t["batch_size"],
                "anonymise_share": t["anonymise_share"], "seed": t["seed"],
                "sides_only": bool(t.get("sides_only", False)), "limit": t.get("limit")}

    want = recipe(config)
    recipes = set()
    for key, target in PSTANCE_TARGETS.items():
        fold = _fitted(folder / key, (target,))[1]
        f, got = fold["training"], recipe(fold)
        if got != want:
            differ = sorted(k for k in want if got[k] != want[k])
            raise ConfigError(f"the fold in {folder / key} was not trained with the stance "
                              f"artifact's recipe ({', '.join(differ)} differ)", code="E112")
        recipes.add((float(f["epochs"]), str(f.get("batches", "random"))))
    if len(recipes) != 1:
        raise ConfigError(f"the folds in {folder} were trained with different epochs or "
                          f"batches: {sorted(recipes)}", code="E112")
    return recipes.pop()


def _write_recalibrated(folder: Path, config: dict[str, Any], note: str) -> None:
    """A stance artifact chosen again: ``note`` added to its calibration history, its
    ``model.json`` and card written."""
    from ..ml import heads

    c = config.get("calibrated")
    config["calibrated"] = ({"on": c["on"], "how": f"{c['how']}; {note}"} if c else
                            {"on": config.get("trained_on", "?"),
                             "how": f"as trained; {note}"})
    (folder / "model.json").write_text(json.dumps(config, indent=2) + "\n", "utf-8")
    (folder / "MODEL_CARD.md").write_text(stance_head_card(config), "utf-8")
    heads._load_stance.cache_clear()


def recalibrate_stance(data_dir: str | Path, out_dir: str | Path | None = None, *,
                       log: Callable[[str], None] = lambda s: None) -> dict[str, Any]:
    """Keep the trained stance artifact (in ``out_dir``, default shipped) and choose its
    decisions again on its validation rows with the seed and slice it was trained with
    (:func:`calibrate_stance`: the temperature, the linear share, the side's levels; the
    linear share for people never seen kept), then score it again and rewrite
    ``model.json`` and the card. What it does for people never seen (chosen on held-out
    folds) is kept: ``--unseen-only`` chooses it again."""
    folder = Path(out_dir) if out_dir else OUT_DIR
    config = json.loads((folder / "model.json").read_text("utf-8"))
    t = config["training"]
    splits = stance_splits(data_root(data_dir), t["seed"], t.get("without") or (),
                           t.get("limit"))
    started = time.perf_counter()
    unseen = (config.get("metrics") or {}).get("unseen")
    if unseen and "min_side_unseen" in config and "matched_to" not in unseen and \
            config.get("seen_precision"):
        # An artifact from before `matched_to` was recorded: its level for someone new was
        # matched to the seen people's figure as it stands now, at the macro-F1 level then.
        unseen["matched_to"] = {"level": config.get("min_side_f1"),
                                **config["seen_precision"]}
    config.update(calibrate_stance(folder, splits, t["seed"],
                                   own_linear=bool(config.get("linear_model")),
                                   unseen_weight=config.get("linear_weight_unseen"), log=log))
    (folder / "model.json").write_text(json.dumps(config, indent=2) + "\n", "utf-8")
    metrics = config.setdefault("metrics", {})
    metrics.update(evaluate_stance_head(folder, splits))
    note = (f"its decisions chosen again on {date.today().isoformat()} by `echoscope train "
            f"stance --calibrate-only` ({time.perf_counter() - started:.1f} s)")
    _write_recalibrated(folder, config, note)
    return metrics


def uses_own_linear(out_dir: Any, without: Sequence[str], own_linear: bool | None) -> bool:
    """Does a run keep its own linear model? Always when it leaves targets out (the shipped
    linear model has seen them), and for experiment runs (``out_dir`` False)."""
    if own_linear is not None:
        return own_linear
    return out_dir is False or bool(without)


def linear_on(splits: dict[str, list[Row]], seed: int,
              log: Callable[[str], None] = lambda s: None) -> Any:
    """The linear stance model fitted on this run's train rows only (the multi-target rows
    as its generic model's extra data), so that its validation probabilities are honest."""
    from .stance import fit_stance_model

    extra = set(splits.get("train_extra", ()))
    train = [r for r in splits["train"] if r not in extra]
    model, _ = fit_stance_model(train, [r for r in splits["train"] if r in extra], seed=seed,
                                log=log)
    return model


def choose_min_side(probs: np.ndarray, gold: list[str]) -> float:
    """The probability a side needs before the model says it, chosen on held-out rows that
    can be NONE (macro-F1 over the three labels); 0.5 when nothing does better."""
    from ..ml.heads import StanceHead

    def f1_at(t: float) -> float:
        pred = [LABELS[StanceHead.decide_with(p, t)] for p in probs]
        return score("macro_f1", gold, pred, LABELS)

    if not gold:
        return 0.5
    best = (f1_at(0.5), 0.5)
    for t in np.linspace(0.34, 0.8, 24):
        value = f1_at(float(t))
        if value > best[0] + 1e-9:
            best = (value, round(float(t), 3))
    return best[1]


def precise_min_side(probs: np.ndarray, gold: Sequence[str], start: float,
                     rule: dict[str, float] | None = None) -> tuple[float, dict[str, Any]]:
    """The probability a side needs before it is said (:data:`SIDE_RULE`): the lowest level
    (``start``, the macro-F1 level, then :data:`UNSEEN_LEVELS` above it) at which the sides
    said on held-out rows that may be NONE (``probs``, ``gold``) are right at least
    ``min_precision`` % of the time, with at least ``min_said`` sides said; the last level
    when none does. Returns it and what was measured there."""
    return side_rule_level(lambda level: side_precision(probs, gold, level),
                           [start, *(x for x in UNSEEN_LEVELS if x > start)], len(gold), rule)


def side_precision(probs: np.ndarray, gold: Sequence[str], min_side: float
                   ) -> dict[str, Any]:
    """:func:`~echoscope.train.metrics.sides_said` of the head's decisions at
    ``min_side`` over FAVOR/AGAINST rows."""
    from ..ml.heads import StanceHead

    return sides_said([LABELS[StanceHead.decide_with(p, min_side)] for p in probs], gold)


def unseen_proba(part: dict[str, Any], weight: float,
                 member: dict[str, Any] | None = None) -> np.ndarray:
    """A held-out person's rows (``part``: one split of a fold) as the shipped head gives
    them for someone never seen: the two models averaged at ``weight`` and, with a
    ``member``, the text's sentiment (:func:`~echoscope.ml.heads.with_sentiment`)."""
    p = blend(part["encoder"], part["linear"], weight)
    if member is not None and member.get("share"):
        p = with_sentiment(p, part["polarity"], member)
    return p


def _sided(folds: dict[str, dict[str, dict[str, Any]]], split: str, weight: float,
           member: dict[str, Any] | None = None) -> tuple[np.ndarray, list[str]]:
    """The held-out people's FAVOR/AGAINST tweets of ``split`` (all folds): averaged
    probabilities and gold labels."""
    probs, gold = [], []
    for fold in folds.values():
        if split not in fold:
            continue
        t = fold[split]
        p = unseen_proba(t, weight, member)
        for row, g in zip(p, t["gold"], strict=True):
            if g in ("FAVOR", "AGAINST"):
                probs.append(row)
                gold.append(g)
    return np.array(probs).reshape(-1, len(LABELS)), gold


#: The levels a side's probability for people never seen is chosen from, above the seen
#: people's ``min_side`` (:func:`choose_min_side_unseen`, and the linear model's).
UNSEEN_LEVELS = tuple(round(0.40 + 0.01 * k, 2) for k in range(56))


def choose_min_side_unseen(folds: dict[str, dict[str, dict[str, Any]]], weight: float,
                           seen_precision: float, min_side: float,
                           member: dict[str, Any] | None = None) -> float:
    """The probability a side needs before it is said about a person no model saw: the
    lowest level (``min_side``, then :data:`UNSEEN_LEVELS` above it) at which the sides
    said about the held-out people's validation tweets (all folds together; with the
    sentiment ``member`` when given) are right at least as often as those said about people
    seen in training (``seen_precision``, %, on the artifact's own validation rows). The
    highest level when none is."""
    probs, gold = _sided(folds, "val", weight, member)
    return lowest_precise_level(
        lambda level: exact_precision(side_precision(probs, gold, level)), seen_precision,
        (min_side, *(t for t in UNSEEN_LEVELS if t > min_side)))


def evaluate_stance_head(folder: Path, splits: dict[str, list[Row]],
                         precision: str | None = "float32") -> dict[str, Any]:
    """P-Stance test (per target, FAVOR vs AGAINST as its protocol says) and SemEval-2016
    Task 6 test F_avg (with the NONE decision), each with a 95% interval, and the test ECE,
    from the artifact in ``folder`` run through onnxruntime."""
    from ..ml.heads import StanceHead

    head = StanceHead.load(folder, precision=precision)
    out: dict[str, Any] = {"precision": head.precision}
    rows = splits["test_pstance"]
    per = []
    if rows:
        proba = proba_as_trained(head, rows)
        for key, target in PSTANCE_TARGETS.items():
            idx = [i for i, r in enumerate(rows) if r[1] == target]
            if not idx:
                continue
            gold = [rows[i][2] for i in idx]
            pred = ["FAVOR" if proba[i, 0] >= proba[i, 1] else "AGAINST" for i in idx]
            per.append(prepare_codes("f_avg", gold, pred, LABELS))
            out[f"pstance_{key}"] = round(score("f_avg", gold, pred, LABELS), 1)
        keys = [k for k in PSTANCE_TARGETS if f"pstance_{k}" in out]
        out["pstance_mean"] = round(float(np.mean([out[f"pstance_{k}"] for k in keys])), 1)

        def resampled(rng: np.random.Generator) -> float:
            values = []
            for g, p, names, labels in per:
                i = rng.integers(0, len(g), len(g))
                values.append(metric_of_codes("f_avg", g[i], p[i], names, labels))
            return float(np.mean(values))

        out["pstance_mean_ci95"] = bootstrap_ci(resampled)
    rows = splits["test_semeval"]
    if rows:
        z = logits_as_trained(head, rows)
        proba = head.calibrated(z, [r[0] for r in rows], [r[1] for r in rows])
        # F_avg at the macro-F1 level (as published results are measured); the sides the
        # analyzers say, at the level chosen for precision, beside it.
        pred = [LABELS[head.decide_with(p, head.min_side_f1)] for p in proba]
        said = [LABELS[head.decide(p, r[1])] for p, r in zip(proba, rows, strict=True)]
        gold = [r[2] for r in rows]
        y = np.array([LABELS.index(g) for g in gold])
        out["semeval_f_avg"] = round(score("f_avg", gold, pred, LABELS), 1)
        out["semeval_f_avg_ci95"] = score_ci("f_avg", gold, pred, LABELS)
        out["semeval_sides"] = sides_said(said, gold)
        out["semeval_ece_before"] = expected_calibration_error(softmax(z), y)
        out["semeval_ece_after"] = expected_calibration_error(proba, y)
    rows = splits.get("test_semeval_trump") or []
    if rows:
        proba = proba_as_trained(head, rows)
        out["semeval_trump"] = subtask_b(proba, [r[2] for r in rows], head.min_side_f1,
                                         head.level(rows[0][1]))
    return out


def logits_as_trained(head: Any, rows: Sequence[Row]) -> np.ndarray:
    """The stance ``head``'s logits for data rows as it serves them: a person (:data:`PERSONS`)
    it would read under a made-up name (:meth:`~echoscope.ml.heads.StanceHead.stands_in`)
    renamed with their handles (:data:`HANDLES`), as training renamed them; topics as
    written. :meth:`~echoscope.ml.heads.StanceHead.calibrated` then averages in the linear
    model, which masks the names as it was trained to (without the handles)."""
    targets = [r[1] for r in rows]
    return head.logits([r[0] for r in rows], targets, [HANDLES.get(t, []) for t in targets],
                       head.stands_in(targets, [t in PERSONS for t in targets]))


def proba_as_trained(head: Any, rows: Sequence[Row]) -> np.ndarray:
    """The stance ``head``'s served probabilities for data rows (:func:`logits_as_trained`)."""
    return head.calibrated(logits_as_trained(head, rows), [r[0] for r in rows],
                           [r[1] for r in rows])


def subtask_b(probs: np.ndarray, gold: Sequence[str], benchmark: float, served: float
              ) -> dict[str, Any]:
    """SemEval-2016 subtask B (stance toward Donald Trump) from a head's probabilities
    (:data:`LABELS` order): F_avg (the task's metric, with its 95% interval) deciding NONE
    below ``benchmark`` (the macro-F1 level: as the task's systems were scored), FAVOR vs
    AGAINST macro-F1 on the tweets that take a side (the more probable side), and the sides
    said at ``served`` (the level the analyzers use) and at ``benchmark``: of all tweets,
    the share given a side (``coverage``) and how many of those are right (``precision``;
    a tweet of NONE given a side is wrong), and the share of the tweets that take no side
    given one anyway (``none_given_side``)."""
    from ..ml.heads import StanceHead

    gold = list(gold)
    fav, ag = LABELS.index("FAVOR"), LABELS.index("AGAINST")
    sided = [i for i, g in enumerate(gold) if g != "NONE"]
    none = [i for i, g in enumerate(gold) if g == "NONE"]

    def at(level: float) -> tuple[list[str], dict[str, Any]]:
        pred = [LABELS[StanceHead.decide_with(p, level)] for p in probs]
        given = (round(100 * sum(pred[i] != "NONE" for i in none) / len(none), 1)
                 if none else None)
        return pred, {"level": level, **sides_said(pred, gold), "none_given_side": given}

    pred, at_benchmark = at(benchmark)
    two = ["FAVOR" if probs[i][fav] >= probs[i][ag] else "AGAINST" for i in sided]
    return {"examples": len(gold), "f_avg": round(score("f_avg", gold, pred, LABELS), 1),
            "f_avg_ci95": score_ci("f_avg", gold, pred, LABELS),
            "sides_macro_f1": round(score("f_avg", [gold[i] for i in sided], two, LABELS), 1),
            "served": at(served)[1], "at_benchmark": at_benchmark}


def held_out_folds(data_dir: str | Path, text_dir: str | Path | None = None, *,
                   trained: Path | None = None, **settings: Any
                   ) -> dict[str, dict[str, dict[str, Any]]]:
    """People never seen in training: for each P-Stance target, a model (encoder and its own
    linear model) trained without any example about that person, and its probabilities for
    that person's validation and test tweets and for the multi-target set's tweets about
    them, ``second`` (a second dataset, never trained on either; :func:`held_out_probs`),
    with each tweet's sentiment polarity from the text heads in ``text_dir`` (default
    shipped) — the material of :func:`choose_unseen_weight`,
    :func:`fit_sentiment_member`, :func:`choose_min_side_unseen` and
    :func:`unseen_scores`. ``trained``: a folder of folds trained elsewhere (``fit_only``), one
    per person's key, finished here instead of trained. ``settings`` go to
    :func:`train_stance_head` (with ``limit``,
    each split is cut to that many tweets too)."""
    import tempfile

    from ..ml.heads import StanceHead, TextHeads, sentiment_polarity
    from ..ml.stance import load_model

    data = load_stance(data_root(data_dir))
    text = TextHeads.load(text_dir, precision="float32")
    limit = settings.get("limit")
    folds: dict[str, dict[str, dict[str, Any]]] = {}
    for key, target in PSTANCE_TARGETS.items():
        with tempfile.TemporaryDirectory() as tmp:
            train_stance_head(data_dir, tmp, without=(target,), own_linear=True, score=False,
                              trained=trained / key if trained else None, **settings)
            head = StanceHead.load(tmp, precision="float32")
            linear = load_model(str(Path(tmp) / "linear"))
            folds[key] = {}
            for split, rows in (("val", data["val"]), ("test", data["test_pstance"]),
                                ("second", data["train_extra"]),
                                ("subtask_b", load_semeval_trump(data_root(data_dir)))):
                mine = [r for r in rows if r[1] == target][:limit]
                if not mine:
                    continue
                part = held_out_probs(head, linear, mine)
                part["polarity"] = sentiment_polarity(text, text.probs([r[0] for r in mine])
                                                      ["sentiment"])
                if split == "second":
                    part["opposed"] = opposed_sides(mine, data["train_extra"])
                folds[key][split] = part
    return folds


def opposed_sides(rows: Sequence[Row], every: Sequence[Row]) -> list[bool]:
    """For each row of a set with several targets per text (the multi-target set), does
    the same text take the opposite side toward another of its targets? (There a signal
    that does not know whom the text is about — its sentiment — must be wrong about one.)"""
    sides: dict[str, set[tuple[str, str]]] = {}
    for text, target, label in every:
        if label in ("FAVOR", "AGAINST"):
            sides.setdefault(text, set()).add((target, label))
    return [label in ("FAVOR", "AGAINST") and any(
        t != target and lab != label for t, lab in sides.get(text, ()))
        for text, target, label in rows]


def fit_sentiment_member(folds: dict[str, dict[str, dict[str, Any]]], weight: float,
                         text_sha256: str) -> dict[str, Any] | None:
    """The text's sentiment as a member for people never seen: a logistic map of its
    polarity (P(positive) - P(negative)) to P(FAVOR) of the two sides, fitted on the
    held-out people's validation FAVOR/AGAINST tweets (all folds), and its share of the
    sides' probability (:func:`~echoscope.ml.heads.with_sentiment`): the one with the
    lowest negative log-likelihood of the sides on the same tweets (0 to 1 by 0.1; 0: no
    member). None where the folds have no polarity or too few tweets."""
    from sklearn.linear_model import LogisticRegression

    parts = [f["val"] for f in folds.values() if "val" in f and "polarity" in f["val"]]
    if len(parts) < len(folds) or not parts:
        return None
    d, y, cur = [], [], []
    for part in parts:
        keep = [i for i, g in enumerate(part["gold"]) if g in ("FAVOR", "AGAINST")]
        d.append(np.asarray(part["polarity"])[keep])
        y += [int(part["gold"][i] == "FAVOR") for i in keep]
        cur.append(blend(part["encoder"], part["linear"], weight)[keep])
    if len(set(y)) < 2:
        return None
    polarity, gold = np.concatenate(d), np.array(y)
    fit = LogisticRegression().fit(polarity[:, None], gold)
    member: dict[str, Any] = {"coef": round(float(fit.coef_[0, 0]), 6),
              "intercept": round(float(fit.intercept_[0]), 6), "share": 0.0,
              "text_sha256": text_sha256}
    base = np.concatenate(cur)
    fav, ag = LABELS.index("FAVOR"), LABELS.index("AGAINST")

    def nll(share: float) -> float:
        p = with_sentiment(base, polarity, {**member, "share": share})
        right = np.where(gold == 1, p[:, fav], p[:, ag]) / (p[:, fav] + p[:, ag])
        return float(-np.mean(np.log(np.clip(right, 1e-9, None))))

    grid = [round(0.1 * k, 1) for k in range(11)]
    member["share"] = min(grid, key=nll)
    member["val_nll"] = {"without": round(nll(0.0), 4),
                         "chosen": round(nll(float(member["share"])), 4)}
    return member if member["share"] else None


def unseen_choices(folds: dict[str, dict[str, dict[str, Any]]], config: dict[str, Any],
                   text_dir: str | Path | None = None, **about: Any) -> dict[str, Any]:
    """Put in ``config`` what is chosen for someone never seen in training: the sentiment
    member (:func:`fit_sentiment_member`, with the text heads in ``text_dir``, default
    shipped) and the probability a side needs (:func:`choose_min_side_unseen`, matching
    ``config['seen_precision']`` chosen by :func:`calibrate_stance`); return the held-out
    people's scores (:func:`unseen_scores`) with them."""
    from ..ml.heads import text_fingerprint

    weight = choose_unseen_weight(folds)
    member = fit_sentiment_member(folds, weight,
                                  text_fingerprint(str(text_dir or ENCODER_DIR / "text")))
    config.pop("sentiment_unseen", None)
    if member is not None:
        config["sentiment_unseen"] = member
    seen = exact_precision(config.get("seen_precision") or {})
    chosen = None
    if seen is not None:
        # Without the member (quotations, prose) and with it (posts), each its own level.
        chosen = choose_min_side_unseen(folds, weight, float(seen), float(config["min_side"]))
        config["min_side_unseen"] = chosen
        if member is not None:
            member["min_side_unseen"] = choose_min_side_unseen(
                folds, weight, float(seen), float(config["min_side"]), member)
    else:
        config.pop("min_side_unseen", None)  # nothing to match: the seen people's level
        if member is not None:
            member["min_side_unseen"] = float(config["min_side"])
    rejected = member_fails_second(folds, weight, member,
                                   chosen if chosen is not None else float(config["min_side"]))
    if member is not None and rejected is not None:
        # Sentiment does not know whom a text is about: where it makes the second dataset
        # (tweets naming two people) worse, it is not served.
        config.pop("sentiment_unseen", None)
        scores = unseen_scores(folds, chosen, float(config["min_side"]),
                               benchmark=config.get("min_side_f1"), **about)
        scores["sentiment_rejected"] = {**rejected, "member": member,
                                        "val_sides_f1": {"with": val_sides_f1(folds, weight,
                                                                              member),
                                                         "without": val_sides_f1(folds, weight,
                                                                                 None)}}
    else:
        scores = unseen_scores(folds, chosen, float(config["min_side"]), member=member,
                               benchmark=config.get("min_side_f1"), **about)
    if seen is not None:  # what the level was matched to (--calibrate-only may move it)
        scores["matched_to"] = dict(config["seen_precision"])
    return scores


#: How much worse the sentiment member may leave the second dataset and still be served:
#: macro-F1 points, and precision points of the sides said (all, and on opposed tweets).
SECOND_TOLERANCE = {"f1": 1.0, "precision": 2.0}


def sides_f1(part: dict[str, Any], weight: float, member: dict[str, Any] | None,
             digits: int = 1) -> float:
    """Macro-F1 of FAVOR vs AGAINST (the P-Stance protocol) over a held-out person's rows
    with a side (``part``), each given the more probable side as served."""
    keep = [i for i, g in enumerate(part["gold"]) if g in ("FAVOR", "AGAINST")]
    p = unseen_proba(part, weight, member)[keep]
    fav, ag = LABELS.index("FAVOR"), LABELS.index("AGAINST")
    pred = ["FAVOR" if a >= b else "AGAINST" for a, b in p[:, [fav, ag]]]
    return round(score("f_avg", [part["gold"][i] for i in keep], pred, LABELS), digits)


def val_sides_f1(folds: dict[str, dict[str, dict[str, Any]]], weight: float,
                 member: dict[str, Any] | None) -> dict[str, float]:
    """The held-out people's validation macro-F1 (FAVOR vs AGAINST), each and their mean."""
    out = {key: sides_f1(fold["val"], weight, member, 2) for key, fold in folds.items()
           if "val" in fold}
    out["mean"] = round(float(np.mean(list(out.values()))), 2) if out else float("nan")
    return out


def member_fails_second(folds: dict[str, dict[str, dict[str, Any]]], weight: float,
                        member: dict[str, Any] | None, level: float | None
                        ) -> dict[str, Any] | None:
    """Why the sentiment ``member`` must not be served, or None: on the second dataset
    (:func:`second_scores`; each model at its own level) its macro-F1 mean falls more than
    :data:`SECOND_TOLERANCE` ``f1`` below the two models' alone, or the precision of its
    sides — all of them, or on the tweets that take opposite sides toward their two
    people — more than ``precision`` below; or there is no second dataset to check it on.
    None where there is no member."""
    if member is None:
        return None
    with_it = second_scores(folds, weight, member, float(member["min_side_unseen"]))
    without = second_scores(folds, weight, None, level if level is not None else
                            float(member["min_side_unseen"]))
    if not with_it:
        return {"reasons": ["no second dataset to check it on"], "with": {}, "without": {}}
    tol = SECOND_TOLERANCE
    reasons = []
    if with_it["mean"] < without["mean"] - tol["f1"]:
        reasons.append(f"macro-F1 {with_it['mean']} vs {without['mean']}")
    for part in ("sides", "opposed"):
        a, b = exact_precision(with_it[part]), exact_precision(without[part])
        if a is not None and b is not None and a < b - tol["precision"]:
            reasons.append(f"{part} precision {with_it[part]['precision']} vs "
                           f"{without[part]['precision']}")
    return {"reasons": reasons, "with": with_it, "without": without} if reasons else None


def held_out_probs(head: Any, linear: Any, rows: list[Row]) -> dict[str, Any]:
    """Gold labels and each model's probabilities (encoder calibrated, no average) for
    ``rows`` — the material of :func:`unseen_scores` — and the encoder's with the person
    read under a made-up name (``encoder_stand_in``; :func:`choose_stand_in`: the encoder
    runs twice over the rows)."""
    texts, targets = [r[0] for r in rows], [r[1] for r in rows]
    enc = softmax(head.logits(texts, targets) / head.temperature)
    aliases = [HANDLES.get(t, []) for t in targets]
    stood = softmax(head.logits(texts, targets, aliases, [t in PERSONS for t in targets])
                    / head.temperature)
    lin = linear_stance_proba(texts, targets, model=linear)
    return {"gold": [r[2] for r in rows], "encoder": enc, "encoder_stand_in": stood,
            "linear": lin}


#: Reading someone new under a made-up name is adopted only where, served as people never
#: seen are (averaged with the linear model at the share chosen on that reading), the
#: held-out people's validation macro-F1 rises by this much and no second dataset falls by
#: more than ``SECOND_TOLERANCE["f1"]`` (the sentiment member's tolerance).
STAND_IN_GAIN = 0.5


def choose_stand_in(folds: dict[str, dict[str, dict[str, Any]]]) -> dict[str, Any]:
    """Should the encoder read a person no model saw under a made-up name (as training
    showed it people in ``anonymise_share`` of their examples)? Each held-out person's rows
    are read both ways; each reading gets its own linear share
    (:func:`choose_unseen_weight`) and is judged as served (:data:`STAND_IN_GAIN`): FAVOR vs
    AGAINST macro-F1 on their validation tweets, and, as a check, on the second datasets
    (the multi-target set's tweets about them; subtask B). The encoder's own figures are
    kept beside. Then each part's ``encoder`` is the chosen reading. Returns the figures and
    ``adopted``."""
    keys = {"as_written": "encoder", "stand_in": "encoder_stand_in"}
    if not folds or not all("encoder_stand_in" in part for fold in folds.values()
                            for part in fold.values()):
        for fold in folds.values():
            for part in fold.values():
                part.pop("encoder_stand_in", None)
        return {"adopted": False}
    read = {name: {k: {split: {**part, "encoder": part[key]} for split, part in fold.items()}
                   for k, fold in folds.items()} for name, key in keys.items()}
    weight = {name: choose_unseen_weight(f) for name, f in read.items()}

    def per_person(split: str, share: bool) -> dict[str, dict[str, float]]:
        out: dict[str, dict[str, float]] = {}
        for name, f in read.items():
            for k, fold in f.items():
                if split in fold:
                    out.setdefault(k, {})[name] = sides_f1(
                        fold[split], weight[name] if share else 0.0, None, 2)
        if out:
            out["mean"] = {name: round(float(np.mean([v[name] for k, v in out.items()])), 2)
                           for name in keys}
        return out

    out: dict[str, Any] = {"gain": STAND_IN_GAIN, "tolerance": SECOND_TOLERANCE["f1"],
                           "weight": weight, "val": per_person("val", True),
                           "second": per_person("second", True),
                           "subtask_b": per_person("subtask_b", True),
                           "encoder_val": per_person("val", False),
                           "encoder_second": per_person("second", False),
                           "encoder_subtask_b": per_person("subtask_b", False)}
    val = out["val"].get("mean")
    gain = val["stand_in"] - val["as_written"] if val else float("nan")
    worse = [split for split in ("second", "subtask_b") if out[split]
             and out[split]["mean"]["stand_in"] < (out[split]["mean"]["as_written"]
                                                   - SECOND_TOLERANCE["f1"])]
    out["val_gain"] = round(gain, 2) if val else None
    out["worse"] = worse
    out["adopted"] = bool(val) and gain >= STAND_IN_GAIN and not worse
    for fold in folds.values():
        for part in fold.values():
            stood = part.pop("encoder_stand_in", None)
            if out["adopted"] and stood is not None:
                part["encoder"] = stood
    return out


def choose_unseen_weight(folds: dict[str, dict[str, dict[str, Any]]]) -> float:
    """The linear model's share for people neither model saw: the one with the lowest
    negative log-likelihood of FAVOR vs AGAINST on the held-out people's validation rows
    (every fold's rows together)."""
    enc, lin, gold = [], [], []
    for fold in folds.values():
        if "val" not in fold:
            continue
        v = fold["val"]
        keep = [i for i, g in enumerate(v["gold"]) if g in ("FAVOR", "AGAINST")]
        enc.append(v["encoder"][keep])
        lin.append(v["linear"][keep])
        gold += [LABELS.index(v["gold"][i]) for i in keep]
    if not gold:
        return 0.0
    return choose_linear_weight(np.concatenate(enc), np.concatenate(lin), np.array(gold),
                                sides_only=True)[0]


def unseen_scores(folds: dict[str, dict[str, dict[str, Any]]],
                  min_side_unseen: float | None = None, min_side: float | None = None, *,
                  member: dict[str, Any] | None = None, benchmark: float | None = None,
                  **about: Any) -> dict[str, Any]:
    """Each held-out person's test macro-F1 (FAVOR vs AGAINST) as shipped for posts (the
    chosen share, and the sentiment ``member`` when there is one), without the member, and
    with each model alone; means over the people; how often sides are right by their
    probability, the level served (the member's ``min_side_unseen``, else
    ``min_side_unseen``; also per person) and the seen people's ``min_side`` included, and
    without the member at ``min_side_unseen`` (``by_confidence_without_sentiment``); the
    same on the second dataset (``second``: the multi-target set's tweets about each
    held-out person); their validation macro-F1 (``val``, as served); ``about``
    (``epochs``, ...) recorded with the date."""
    weight = choose_unseen_weight(folds)
    out: dict[str, Any] = {"weight": weight}
    recipes: list[tuple[str, float, dict[str, Any] | None]] = [
        ("", weight, member), ("encoder_only_", 0.0, None), ("linear_only_", 1.0, None)]
    if member is not None:
        out["sentiment"] = member
        recipes += [("without_sentiment_", weight, None),
                    ("sentiment_only_", weight, {**member, "share": 1.0})]
    for name, w, m in recipes:
        for key, fold in folds.items():
            if "test" in fold:
                out[f"{name}{key}"] = sides_f1(fold["test"], w, m)
        values = [out[f"{name}{k}"] for k in folds if f"{name}{k}" in out]
        out[f"{name}mean"] = round(float(np.mean(values)), 1) if values else None
    # The served recipe's macro-F1 on the held-out people's validation tweets: what
    # compares training recipes without reading a test split (scripts/train_gpu.py).
    out["val"] = val_sides_f1(folds, weight, member)
    served = member.get("min_side_unseen", min_side_unseen) if member else min_side_unseen
    out["by_confidence"] = by_confidence(folds, weight, served, min_side, member)
    if member is not None:
        out["by_confidence_without_sentiment"] = by_confidence(folds, weight, min_side_unseen,
                                                               min_side)
    if served is not None:
        if min_side_unseen is not None:
            out["min_side_unseen"] = min_side_unseen
        if member is not None:
            out["min_side_unseen_posts"] = served
        out["by_person"] = {key: side_precision(*_sided({key: fold}, "test", weight, member),
                                                served)
                            for key, fold in folds.items() if "test" in fold}
        second = second_scores(folds, weight, member, served)
        if second and member is not None and min_side_unseen is not None:
            second["without_sentiment"] = second_scores(folds, weight, None, min_side_unseen)
            second["without_sentiment"]["min_side_unseen"] = min_side_unseen
        if second:
            out["second"] = second
    # SemEval-2016 subtask B, for the fold that never saw Donald Trump: F_avg at the seen
    # people's macro-F1 level (``benchmark``), sides at the level a new person gets (the
    # seen people's where none was chosen).
    level = served if served is not None else min_side
    if level is not None:
        b = {key: subtask_b(unseen_proba(fold["subtask_b"], weight, member),
                            fold["subtask_b"]["gold"],
                            level if benchmark is None else benchmark, level)
             for key, fold in folds.items() if "subtask_b" in fold}
        if b:
            out["subtask_b"] = b
    out.update(about)
    out["measured_on"] = date.today().isoformat()
    return out


def second_scores(folds: dict[str, dict[str, dict[str, Any]]], weight: float,
                  member: dict[str, Any] | None, level: float) -> dict[str, Any]:
    """The held-out people on the second dataset (``second``): FAVOR vs AGAINST macro-F1
    per person and their mean, and the sides said at ``level`` (all people together, and
    on the tweets that take the opposite side toward their other target); empty where the
    folds have no second dataset."""
    have = {key: fold["second"] for key, fold in folds.items() if "second" in fold}
    if not have:
        return {}
    out: dict[str, Any] = {key: sides_f1(part, weight, member) for key, part in have.items()}
    out["mean"] = round(float(np.mean([out[k] for k in have])), 1)
    probs, gold = _sided(folds, "second", weight, member)
    out["sides"] = side_precision(probs, gold, level)
    opposed = [flag for part in have.values()
               for flag, g in zip(part["opposed"], part["gold"], strict=True)
               if g in ("FAVOR", "AGAINST")]
    mask = np.array(opposed, dtype=bool)
    out["opposed"] = side_precision(probs[mask], [g for g, k in zip(gold, opposed,
                                                                    strict=True) if k], level)
    return out


#: The probabilities of a side at which :func:`by_confidence` counts how often it is right.
CONFIDENCE_LEVELS = (0.5, 0.6, 0.7, 0.8)


def by_confidence(folds: dict[str, dict[str, dict[str, Any]]], weight: float,
                  chosen: float | None = None, seen: float | None = None,
                  member: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """How far to trust a side said about a person never seen in training: for each
    level of :data:`CONFIDENCE_LEVELS` (and ``chosen``, the shipped ``min_side_unseen``,
    and ``seen``, the seen people's ``min_side``), the held-out people's tweets (all folds
    together) whose side reaches it — their share (coverage) and the share of those
    rightly sided (precision) — on validation and on test."""
    sided = {split: _sided(folds, split, weight, member) for split in ("val", "test")}
    levels = sorted({*CONFIDENCE_LEVELS, *(x for x in (chosen, seen) if x is not None)})
    rows = []
    for level in levels:
        row: dict[str, Any] = {"min_side": level}
        if level == chosen:
            row["shipped"] = True
        if level == seen:
            row["seen_rule"] = True
        for split, (probs, gold) in sided.items():
            row[split] = side_precision(probs, gold, level)
        rows.append(row)
    return rows


def _per_person(by_person: dict[str, Any] | None) -> str:
    if not by_person:
        return ""
    each = ", ".join(f"{PSTANCE_TARGETS.get(k, k)} {v['precision']}% of {v['coverage']}%"
                     for k, v in by_person.items())
    return f" At that level, each person held out (test): {each}."


def _cell(r: dict[str, Any]) -> str:
    return f"{r['precision'] if r['precision'] is not None else '–'}% of {r['coverage']}%"


def _without_member(u: dict[str, Any]) -> str:
    """The card's line on quotations and prose: no sentiment member, their own level."""
    rows = u.get("by_confidence_without_sentiment") or []
    row = next((r for r in rows if r.get("shipped")), None)
    if row is None:
        return ""
    return f"""
In a quotation or the article's prose the member is left out (it was measured on tweets;
a report of someone's win is positive and says nothing of the writer's stance): there a
side about someone new comes from the two models alone and needs {row['min_side']}; at that
level the held-out people's sides were right {_cell(row['val'])} of their validation
tweets and {_cell(row['test'])} of their test tweets.
"""


def _confidence_table(rows: list[dict[str, Any]] | None,
                      by_person: dict[str, Any] | None = None, posts: bool = False,
                      seen: dict[str, float] | None = None) -> str:
    """The card's table of :func:`by_confidence` (empty before it was measured); ``seen``:
    the artifact's levels for people seen in training, by their words (else the level
    recorded as theirs when the table was measured)."""
    if not rows:
        return ""

    def level(r: dict[str, Any]) -> str:
        shipped = "shipped for posts about people never seen" if posts else \
            "shipped for people never seen"
        notes = [shipped] if r.get("shipped") else []
        if seen is not None:
            notes += [words for words, x in seen.items() if x == r["min_side"]]
        elif r.get("seen_rule"):
            notes.append("the seen people's level")
        return f"{r['min_side']}" + (f" ({'; '.join(notes)})" if notes else "")

    lines = "\n".join(f"| {level(r)} | {_cell(r['val'])} | {_cell(r['test'])} |" for r in rows)
    return f"""
How far to trust a side said about someone never seen: of the held-out people's tweets,
those whose side (averaged as above) reaches a probability, and how many of those are
rightly sided (precision, of coverage; FAVOR/AGAINST tweets of all three folds):

| side's probability at least | validation: right, of the tweets | test: right, of the tweets |
|---|---|---|
{lines}

Read a stance toward someone new with its probability: the table says how often a side
that probable was right about people held out of training. The shipped level for people
never seen, where marked, was chosen on the validation column alone.{_per_person(by_person)}
"""


_SECOND_NAMES = {"second": "the multi-target set", "subtask_b": "subtask B"}


def _stand_in(stood: dict[str, Any] | None) -> str:
    """The card's words on reading someone new under a made-up name (:func:`choose_stand_in`)."""
    if not stood or not stood.get("val"):
        return ""

    def figures(split: str) -> str:
        rows = stood.get(split) or {}
        return ", ".join(f"{k} {v['as_written']} → {v['stand_in']}"
                         for k, v in rows.items()) or "not measured"

    share = stood["weight"]
    verdict = ("Adopted: the shipped head reads every person without an expert under a made-up "
               "name (the same one for the same person), and the share, the side's level and "
               "the scores below are measured on that reading" if stood["adopted"] else
               "Not adopted: people without an expert are read as written"
               + (f" ({' and '.join(_SECOND_NAMES[w] for w in stood['worse'])} fell too "
                  "far)" if stood.get("worse") else ""))
    return f"""

**Someone new, read under a made-up name.** Training replaced a person's names by a
made-up one in part of their examples, so the encoder has learnt how stance toward a name
it knows nothing of reads. Each held-out person's tweets were read both ways — as written,
and with their names (in hashtags and handles too) replaced by one made-up name — and each
reading served as people never seen are (averaged with the linear model, its share chosen
on that reading: {share['as_written']} → {share['stand_in']}): macro-F1 of FAVOR vs AGAINST on
their validation tweets {figures('val')} (the encoder alone: {figures('encoder_val')}). The
rule: a mean gain of at least {stood['gain']}, and no second dataset's mean more than
{stood['tolerance']} lower (the multi-target set's tweets about them: {figures('second')};
SemEval-2016 subtask B: {figures('subtask_b')}; the encoder alone there:
{figures('encoder_second')}; {figures('encoder_subtask_b')}). {verdict}. A topic keeps its
words."""


def _sentiment_member(member: dict[str, Any] | None) -> str:
    """The card's paragraph on the sentiment member for people never seen."""
    if not member:
        return ""
    v = member.get("val_nll") or {}
    return f"""

For those people, in a post, a third member joins: the text's sentiment, from the text
heads (their
P(positive) − P(negative), mapped to P(FAVOR) of the two sides by a logistic fit on the
held-out people's validation tweets: coefficient {member['coef']:.3f}, intercept
{member['intercept']:.3f}). It takes a share of {member['share']:g} of the probability the
two models give the sides, chosen on the same tweets by the lowest negative log-likelihood
(NLL {v.get('without', '?')} → {v.get('chosen', '?')}); NONE keeps its own. Sentiment does
not know whom a text is about, so it never applies to people seen in training, the level a
side needs in a post was chosen with it (below), and the multi-target tweets that take
opposite sides toward their two people measure what that costs."""


def _rejected(rejected: dict[str, Any] | None) -> str:
    """The card's paragraph on a sentiment member fitted and not served."""
    if not rejected:
        return ""
    m = rejected["member"]
    v = m.get("val_nll") or {}
    f1 = rejected.get("val_sides_f1") or {}
    gain = (f"; validation macro-F1 {f1['without']['mean']} → {f1['with']['mean']}"
            if f1 else "")
    return f"""

The text's sentiment was tried as a third member for them (P(positive) − P(negative) mapped
to the sides by a logistic fit on the held-out people's validation tweets, share
{m['share']:g} by log-likelihood: NLL {v.get('without', '?')} → {v.get('chosen', '?')}{gain};
its own level {m['min_side_unseen']}) and is **not served**: on the second dataset (below,
without it) it did worse — with it vs without, {'; '.join(rejected['reasons'])}
("opposed": the tweets with opposite sides toward their two people). Sentiment does not
know whom a text is about."""


def _subtask_b_unseen(parts: dict[str, Any] | None) -> str:
    """The card's paragraph on SemEval-2016 subtask B scored by the fold that never saw
    Donald Trump (empty before measured)."""
    if not parts:
        return ""
    lines = []
    for key, b in parts.items():
        s, f = b["served"], b["at_benchmark"]
        served = (f"a side for {s['coverage']}% of the tweets, {s['precision']}% right, "
                  f"{s['none_given_side']}% of the tweets that take no side given one"
                  if s["said"] else "no side at all")
        lines.append(
            f"{PSTANCE_TARGETS.get(key, key)}: F_avg {b['f_avg']} "
            f"({b['f_avg_ci95'][0]}–{b['f_avg_ci95'][1]}; at {f['level']}); at the level "
            f"served ({s['level']}) {served}; FAVOR vs AGAINST macro-F1 "
            f"{b['sides_macro_f1']}")
    return f"""
A third dataset with tweets that take no side: SemEval-2016 subtask B, scored by the model
that never saw the person (the task's own setting; its best system reached F_avg 56.28).
{'; '.join(lines)}.
"""


def _second(second: dict[str, Any] | None) -> str:
    """The card's paragraph on the held-out people scored on the second dataset."""
    if not second:
        return ""
    people = ", ".join(f"{PSTANCE_TARGETS[k]} {second[k]}" for k in PSTANCE_TARGETS
                       if k in second)

    def said(part: dict[str, Any]) -> str:
        s, o = part["sides"], part["opposed"]
        return (f"{s['precision']}% right of the {s['coverage']}% given a side; on the tweets "
                f"that take the opposite side toward their other person, {o['precision']}% "
                f"of {o['coverage']}%")

    without = second.get("without_sentiment")
    compare = (f" Without the sentiment member (at its own level, "
               f"{without['min_side_unseen']}): macro-F1 mean {without['mean']}; "
               f"{said(without)}." if without else "")
    return f"""
A second dataset, never trained on by the held-out people's models: the multi-target
stance set's tweets about each of them (each tweet names two candidates). Macro-F1 (FAVOR
vs AGAINST): {people}; mean {second['mean']}. At the shipped level: {said(second)}.{compare}
Such tweets — one text, two people — are what news posts often are: compare their coverage
and macro-F1 with the P-Stance figures above.
"""


def _sides_only(training: dict[str, Any]) -> str:
    """The card's words on a recipe whose P-Stance rows train the two sides alone."""
    if not training.get("sides_only"):
        return ""
    return ("\n  P-Stance's rows (its annotation has no NONE: every tweet was collected to "
            "take a side)\n  train the two sides alone, their loss over FAVOR and AGAINST "
            "only.")


def _side_rule(config: dict[str, Any]) -> str:
    """The card's words on the level a side needs about a target seen in training."""
    rule = config.get("side_rule")
    f1 = config.get("min_side_f1")
    if not rule or f1 is None:
        return (f"a side is said only when its probability reaches {config['min_side']} "
                f"(chosen on the validation rows that can be NONE); below, NONE.")
    reached = (f"there {rule['val_precision']}% of the {rule['val_coverage']}% given a side "
               f"were right" if rule.get("val_precision") is not None else "none was said")
    wanted = (f"right at least {rule['min_precision']:g}% of the time, with at least "
              f"{rule['min_said']} sides said")
    chosen = (f"the lowest level at which the sides said on the {rule['rows']:,} validation "
              f"rows that may take no side (SemEval-2016 and the multi-target set) are "
              f"{wanted} ({reached})" if rule.get("met", True) else
              f"the highest level tried: no level left the sides said on the {rule['rows']:,} "
              f"validation rows that may take no side {wanted} ({reached})")
    words = (f"a side is said only when its probability reaches {config['min_side']}: "
             f"{chosen}; below, NONE. The level that maximises macro-F1 on those same rows, "
             f"{f1}, gives the benchmark figure (F_avg, the "
             f"measure published results use) and nothing else: P-Stance holds only tweets "
             f"that take a side, and at that level the head gave a side to nearly every "
             f"tweet about a P-Stance person, whether it took one or not (below, SemEval-2016 "
             f"subtask B; the rule was written after those figures were read, its level "
             f"chosen on validation alone).")
    # The card's bullet goes on from "  included); " (12 characters).
    return textwrap.fill("#" * 12 + words, width=90, subsequent_indent="  ")[12:]


def _subtask_b_row(config: dict[str, Any]) -> str:
    """The test table's row for SemEval-2016 subtask B (empty before measured)."""
    b = config["metrics"].get("semeval_trump")
    if not b:
        return ""
    lo, hi = b["f_avg_ci95"]
    return (f"| SemEval-2016 Task 6 B (Donald Trump; never trained on) | F_avg | "
            f"**{b['f_avg']}** ({lo}–{hi}) | best of the task 56.28 (given no labelled "
            f"tweets about him) |\n")


def _subtask_b(config: dict[str, Any]) -> str:
    """The card's words on SemEval-2016 subtask B (empty before measured)."""
    b = config["metrics"].get("semeval_trump")
    if not b:
        return ""
    s, f = b["served"], b["at_benchmark"]
    rule = config.get("side_rule") or {}
    validation = (f" (on the validation rows, {rule['val_precision']}%)"
                  if rule.get("val_precision") is not None else "")
    return f"""Subtask B's {b['examples']} tweets about Donald Trump (2016) were never trained on.
He is among the people trained on, through P-Stance's 2020 tweets and the multi-target set,
so its F_avg (at the macro-F1 level, {f['level']}) does not compare with the task's systems,
which were given no labelled tweets about him. The sides said (float32, as every figure of
this card): at the level served ({s['level']}) a side for {s['coverage']}% of the tweets,
{s['precision']}% of them right{validation}, and {s['none_given_side']}% of the tweets that
take no side given one anyway (at {f['level']}: {f['coverage']}%, {f['precision']}% right,
{f['none_given_side']}%). FAVOR vs AGAINST on the tweets that take a side: macro-F1 {b['sides_macro_f1']}.

"""


def _semeval_sides(config: dict[str, Any]) -> str:
    """The card's line on the sides said on SemEval-2016 test at the shipped level."""
    sides = config["metrics"].get("semeval_sides")
    if not sides or config.get("min_side_f1") is None:
        return ""
    right = f"{sides['precision']}% right" if sides["precision"] is not None else "none"
    return textwrap.fill(
        f"The SemEval-2016 figure is at the macro-F1 level ({config['min_side_f1']}); at "
        f"the level served ({config['min_side']}) the head gives a side to "
        f"{sides['coverage']}% of those test tweets, {right} (a tweet of NONE given a side "
        f"counts as wrong).", width=90) + "\n\n"


def _blend_temperature(config: dict[str, Any]) -> str:
    """The card's words on the temperature of the average (where one was chosen)."""
    t = config.get("blend_temperature")
    if t is None:
        return ""
    return (f", then, for targets the linear model has an expert for, a temperature {t} on "
            f"the logarithms of the average, chosen on the same rows by the same measure, "
            f"as an average of calibrated models is less sure than it should be")


def _unseen_rule(config: dict[str, Any]) -> str:
    """The card's sentence on the side's probability for people never seen in training."""
    seen = config.get("seen_precision") or {}
    if "min_side_unseen" not in config or seen.get("precision") is None:
        return ""
    member = config.get("sentiment_unseen")
    # What the level was matched to (recorded since 2026-12-05), else the figure now.
    now = seen
    matched = ((config.get("metrics") or {}).get("unseen") or {}).get("matched_to")
    seen = matched or seen
    # Measured at the level served since 2026-12-05; before, at the macro-F1 level.
    lvl = seen.get("level", config.get("min_side_f1"))
    at_f1 = ("" if lvl is None else f", at the level they are served, {lvl}"
             if lvl == config.get("min_side") else f", at their macro-F1 level {lvl}"
             if lvl == config.get("min_side_f1") else f", at {lvl}, their level then")
    if matched is None and now.get("level") is not None:
        at_f1 += ("; what it was matched to was not recorded: `echoscope train stance "
                  "--unseen-only` chooses it again")
    elif exact_precision(now) != exact_precision(seen):
        at_f1 += (f"; chosen before the seen people's decisions were chosen again, which "
                  f"now gives them {now['precision']}% of {now['coverage']}%"
                  + (f" at {now['level']}" if now.get("level") is not None else "")
                  + ": `echoscope train stance --unseen-only` chooses it again")
    level = (f"{member['min_side_unseen']} in a post (the text's sentiment included, below) "
             f"and {config['min_side_unseen']} in a quotation or the article's prose (without "
             f"it)" if member else f"{config['min_side_unseen']}")
    return f"""
  About a target no model saw in training (no linear expert for the name), a side needs
  {level}: {"each" if member else "the"} lowest level at which the sides said about people held
  out of training were right, on their validation tweets, at least as often as the sides
  said about the people seen in training on theirs ({seen['precision']}% of the
  {seen['coverage']}% of P-Stance validation tweets given a side{at_f1}).
  Say less about someone new, and be right about as often, in aggregate and on tweets that
  take a side (the table below; some people far less often)."""


def stance_head_card(config: dict[str, Any]) -> str:
    m = config["metrics"]
    u = m.get("unseen") or {}
    t = config["training"]

    def ci(key: str) -> str:
        lo, hi = m.get(f"{key}_ci95", ["?", "?"])
        return f"{lo}–{hi}"

    member = u.get("sentiment")
    extra = ("without_sentiment_", "sentiment_only_") if member else ()
    seen_levels = ({"the seen people's level": float(config["min_side"]),
                    "the seen people's macro-F1 level": float(config["min_side_f1"])}
                   if config.get("min_side_f1") is not None else None)
    unseen_rows = "\n".join(
        f"| {name} | {u.get(key, '–')} | "
        + "".join(f"{u.get(x + key, '–')} | " for x in extra)
        + f"{u.get('encoder_only_' + key, '–')} | "
        f"{u.get('linear_only_' + key, '–')} | {m.get('pstance_' + key, '–')} |"
        for key, name in [*PSTANCE_TARGETS.items(), ("mean", "mean")])
    unseen_head = ("| target | shipped: both averaged, with sentiment | both, without sentiment "
                   "| sentiment alone | encoder alone | linear alone | shipped head (trained "
                   "with them) |\n|---|---|---|---|---|---|---|" if member else
                   "| target | both, averaged | encoder alone | linear alone | shipped head "
                   "(trained with them) |\n|---|---|---|---|---|")
    measured = f"; measured {u['measured_on']}" if u.get("measured_on") else ""
    shorter = (f", but for {u['epochs']} epochs instead of {t['epochs']} (not a bound on "
               f"what the shipped recipe reaches toward them: benchmarks/README.md, "
               f"Experiments{measured})"
               if u.get("epochs") and u["epochs"] != t["epochs"] else
               f" ({measured[2:]})" if measured else "")
    drawn = {"random": "at random", "by-length": "by length"}
    if u.get("batches", "random") != t.get("batches", "random"):
        shorter += (f", its batches drawn {drawn[u.get('batches', 'random')]} (the shipped "
                    f"encoder's {drawn[t.get('batches', 'random')]})")
    c = config.get("calibrated")
    recalibrated = f"Calibration (first on {c['on']}): {c['how']}.\n\n" if c else ""
    share = float(config.get("linear_weight") or 0.0)
    blend_share = (f"{share:g} on the linear model and {1 - share:g} on the encoder" if share
                   else "with a share of 0: the encoder alone")
    v = config.get("val_nll") or {}
    nll = (f"encoder alone {v['encoder_only']}, averaged {v['chosen']}" if v else "not measured")
    return f"""# Model card: target-aware stance (`models/encoder/stance`)

Stance of a text toward a named target — FAVOR, AGAINST or NONE — with calibrated
probabilities. The encoder reads the pair `(target name, text)`, so the target can be
anyone an article names.

- **Encoder**: {config['encoder']} (sha256 `{config['encoder_sha256'][:12]}…`), frozen;
  LoRA adapters (rank {config['lora_rank']}, alpha {config['lora_alpha']}) on every linear
  layer; a linear head over the mean of the token states. onnxruntime on the CPU.
  {precision_note()}
- **Data**: P-Stance (Trump, Biden, Sanders; official train/val/test), SemEval-2016 Task 6
  subtask A (Atheism, Climate Change, Feminist Movement, Hillary Clinton, Legalization of
  Abortion; train, a tenth held out for validation; test for evaluation) and the
  multi-target stance set (Trump, Clinton, Sanders, Cruz; a tenth held out).
- **Training**: `echoscope train stance` — {t['examples']:,} examples, {t['epochs']} epochs
  ({t['steps']:,} steps, batch {t['batch_size']}, AdamW lr {t['lr']}, seed {t['seed']});
  in {int(t['anonymise_share'] * 100)}% of the examples about a person, that person's names
  (in the text, hashtags and handles, and the target) are replaced by a made-up name, so
  the model learns stance toward *a* named person, not toward five.{_sides_only(t)} \
{device_note(t)}
- **Two model families**: the calibrated probabilities are averaged with those of the
  linear target-masked model (`models/stance`: n-grams, target context, per-target
  experts), {blend_share}, for targets that model has an expert for. The share
  was chosen on the validation rows as the one with the lowest negative log-likelihood
  ({nll}; on P-Stance's rows, which are never NONE, of FAVOR vs AGAINST alone — since
  2026-12-05), with a linear model fitted on the training rows only; the shipped
  artifact then averages with the shipped linear model (the same recipe refitted on
  train + validation). For anyone else, the share chosen on people held out of training
  (below).
- **Calibration and abstention**: temperature {config['temperature']} fitted on the
  validation rows{_blend_temperature(config)} (ECE {config['val_ece_before']} →
  {config['val_ece_after']}, the average included); {_side_rule(config)}{_unseen_rule(config)}

## Test results

| test set | metric | echoscope (95% interval) | published |
|---|---|---|---|
| P-Stance Trump | macro-F1 (FAVOR/AGAINST) | {m.get('pstance_trump', '–')} | TF-IDF+LR 77.8 |
| P-Stance Biden | macro-F1 (FAVOR/AGAINST) | {m.get('pstance_biden', '–')} | TF-IDF+LR 77.0 |
| P-Stance Sanders | macro-F1 (FAVOR/AGAINST) | {m.get('pstance_bernie', '–')} | TF-IDF+LR 70.9 |
| P-Stance mean | | **{m.get('pstance_mean', '–')}** ({ci('pstance_mean')}) | BERTweet 80.5 |
| SemEval-2016 Task 6 A | F_avg | **{m.get('semeval_f_avg', '–')}** ({ci('semeval_f_avg')}) \
| SVM 67.3; TimeLMs 72.9 (TweetEval stance) |
{_subtask_b_row(config)}
{_subtask_b(config)}{_semeval_sides(config)}SemEval test ECE: {m.get('semeval_ece_before', '–')} → \
{m.get('semeval_ece_after', '–')}
(the encoder's raw probabilities → the shipped ones: temperature-scaled, averaged and, for
targets with an expert, the average rescaled by its own temperature where one was chosen).

## People never seen in training

For each P-Stance target, an encoder trained the same way{shorter} and a linear model,
both without any example whose target is that person (in every dataset, and without any
multi-target tweet that has a row about them; other tweets that mention them stay), scored
on their test tweets (macro-F1, FAVOR vs AGAINST).
The linear model's share for people outside the training data, {u.get('weight', '–')}, was
chosen on the held-out people's validation tweets (lowest negative log-likelihood of FAVOR
vs AGAINST, all three folds together); the shipped head uses it for every target the linear
model has no expert for.{_stand_in(u.get("stand_in"))}{_sentiment_member(member)}\
{_rejected(u.get("sentiment_rejected"))}

{unseen_head}
{unseen_rows}
{_confidence_table(u.get("by_confidence"), u.get("by_person"), bool(member), seen_levels)}\
{_without_member(u)}{_second(u.get("second"))}{_subtask_b_unseen(u.get("subtask_b"))}
{recalibrated}## Licences
P-Stance: distributed on request, research use; SemEval-2016 Task 6: none stated;
multi-target stance: Apache-2.0 (derivative). **Research use only.**

## Limits
Tweets about US politics 2016–2020 and five topics; news prose and quoted speech are out
of domain; sarcasm is the usual error. Trained {config['trained_on']}
({m.get('seconds', '?')} s).
"""
