"""``echoscope train`` and ``echoscope eval``: the shipped models, reproducibly."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.table import Table

from ._app import app, err, out

#: What ``echoscope train`` can train: the encoder's head groups, and the linear models of
#: the ``fast`` profile.
TRAINABLE = ("text", "stance", "offensive", "irony", "hypocrisy", "stance-linear",
             "techniques-crf", "techniques-namer", "paragraphs")


def _is_shipped(task: str, out_dir: str) -> bool:
    """Is ``out_dir`` the folder the package ships ``task``'s model in?"""
    from ..ml import MODELS_DIR
    from ..train.stance_head import OUT_DIR

    shipped = MODELS_DIR / "stance" if task == "stance-linear" else OUT_DIR
    return Path(out_dir).resolve() == shipped.resolve()


@app.command("train")
@click.argument("task", type=click.Choice(TRAINABLE))
@click.option("--data", "data_dir", default=None, help="Data folder (default ../shared/data "
              "or $ECHOSCOPE_DATA).")
@click.option("--out", "out_dir", default=None, help="Where to write the model "
              "(default: the package's models folder).")
@click.option("--limit", type=click.IntRange(min=5), default=None,
              help="Train a quick slice on this many examples (articles for techniques-crf), "
              "to check the code path; its scores mean nothing.")
@click.option("--epochs", type=click.FloatRange(min=0.01), default=None,
              help="text, stance, techniques-namer: passes over the training data "
              "(default: each trainer's own, as its model card says).")
@click.option("--max-tokens", "max_tokens", type=click.IntRange(min=8, max=512), default=None,
              help="text, stance, techniques-namer: the longest input, in word pieces; "
              "longer ones are cut, in training and wherever the artifact runs (default: "
              "each trainer's own, as its model card says).")
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed.")
@click.option("--device", default="auto", show_default=True,
              help="text, stance, techniques-namer: torch device (auto: a GPU if there is "
              "one).")
@click.option("--threads", type=click.IntRange(min=1), default=None,
              help="text, stance, techniques-namer: CPU threads torch uses (default: "
              "torch's choice); paragraphs: the threads the encoder uses (default 1).")
@click.option("--unseen", is_flag=True,
              help="stance: also train one model per P-Stance target without it and score "
              "it on that target (people never seen in training).")
@click.option("--unseen-only", "unseen_only", is_flag=True,
              help="stance, stance-linear: keep the trained artifact (in --out, default "
              "shipped) and choose again what it does for people never seen in training "
              "(train the held-out folds; choose the side's probability, and for stance the "
              "linear share and the sentiment member, served only if the second dataset "
              "allows it; stance-linear chooses the level toward targets it knows again "
              "too, which that one is matched to); --limit slices the folds (with --out "
              "only).")
@click.option("--batches", type=click.Choice(["random", "by-length"]), default=None,
              help="stance: how batches are drawn (default random, as every shipped recipe; "
              "by-length trains faster on a CPU, each batch of texts of about one length, "
              "and did worse toward people held out: benchmarks/README.md). With "
              "--unseen-only: the folds' (default those the card records).")
@click.option("--sides-only", "sides_only", is_flag=True,
              help="stance: rows from data whose annotation has no NONE (P-Stance) train the "
              "two sides alone, not 'never NONE' (the shipped recipe does not, yet: README, "
              "stance). Recorded in the artifact; its held-out folds train so too.")
@click.option("--without", multiple=True,
              help="stance: leave this target (or 'semeval') out of training (repeatable).")
@click.option("--init", "init_dir", default=None,
              help="text: start from this trained text artifact's adapters and heads "
              "(train it further, with another --seed); its model card records the chain.")
@click.option("--calibrate-only", is_flag=True,
              help="text, stance, techniques-namer: keep the trained adapters and heads (in "
              "--out, default shipped) and choose their decisions again on held-out data "
              "(temperatures, linear shares, thresholds, the technique blend, the side's "
              "levels) with the seed and slice they were trained with (--seed, --limit, "
              "--epochs do not apply); then score and rewrite the model card. Stance keeps "
              "what it does for people never seen (--unseen-only chooses that).")
@click.option("--precisions-only", "precisions_only", is_flag=True,
              help="text: score the trained artifact (in --out, default shipped) again with "
              "the encoder in mixed and in int8 precision and rewrite its card's precision "
              "table; nothing else changes.")
@click.option("--choose-precision", "choose_prec", is_flag=True,
              help="text: decide whether the trained artifact (in --out, default shipped) "
              "runs wholly in int8 by default (attention inputs smoothed): only where a "
              "rule written beforehand holds against float32 on held-out data (README, "
              "Precision); records every figure read in its model.json and card.")
@click.option("--refit-head", "refit", default=None,
              type=click.Choice(["sentiment", "offensive", "irony", "hypocrisy"]),
              help="text: keep the trained adapters (in --out, default shipped), fit this "
              "task's output layer again on all its training rows, choose its decisions "
              "again on held-out data, then score and rewrite the model card.")
@click.option("--fit-only", "fit_only", is_flag=True,
              help="text, stance: train the adapters and heads (stance with --unseen: its "
              "held-out folds too, in unseen/<person>) into --out and stop, uncalibrated: "
              "the share of the work a GPU machine does. Finish with `train text "
              "--calibrate-only --out DIR` or `train stance --trained DIR`.")
@click.option("--trained", "trained_dir", default=None,
              help="stance: finish adapters trained with --fit-only in this folder (their "
              "recipe is read from it): calibration, the held-out folds' choices with "
              "--unseen, scores and the model card, written to --out; no torch needed. "
              "With --unseen-only: the held-out folds in its unseen/<person>, trained with "
              "the artifact's recipe (E112 otherwise), finished instead of trained.")
@click.option("--only", "only", multiple=True,
              type=click.Choice(["sentiment", "offensive", "irony", "hypocrisy"]),
              help="text --calibrate-only: choose only this task's decisions again "
              "(repeatable); the others' and the technique blend stay as they are.")
def train_cmd(task, data_dir, out_dir, limit, epochs, max_tokens, seed, device, threads,
              unseen, unseen_only, batches, sides_only, without, init_dir, calibrate_only,
              precisions_only, choose_prec, refit, fit_only, trained_dir, only) -> None:
    """Train a shipped model from the official splits and write its model card."""
    data = data_dir or default_data_dir()
    log = lambda msg: err.print(msg, markup=False)  # noqa: E731
    encoder = {"seed": seed, "device": device, "threads": threads, "limit": limit, "log": log}
    if epochs is not None:
        encoder["epochs"] = epochs
    if max_tokens is not None:
        if task not in ("text", "stance", "techniques-namer") or calibrate_only or \
                unseen_only or precisions_only or refit or choose_prec:
            raise click.UsageError("--max-tokens is for training `echoscope train text`, "
                                   "`stance` or `techniques-namer` (a rerun keeps the "
                                   "artifact's own)")
        encoder["max_tokens"] = max_tokens
    if sides_only and (task != "stance" or trained_dir or calibrate_only or unseen_only):
        raise click.UsageError("--sides-only is for training `echoscope train stance` (a "
                               "trained artifact keeps its own recipe)")
    if batches and (task != "stance" or trained_dir):
        raise click.UsageError("--batches is for training `echoscope train stance` (a "
                               "--trained folder keeps its own)")
    if fit_only and (task not in ("text", "stance") or calibrate_only or unseen_only
                     or precisions_only or refit or trained_dir):
        raise click.UsageError("--fit-only is for training `echoscope train text` or "
                               "`echoscope train stance`")
    if trained_dir and (task != "stance" or epochs is not None or batches
                        or max_tokens is not None or seed != 0 or limit):
        raise click.UsageError("--trained is for `echoscope train stance` alone (the recipe "
                               "— epochs, seed, slice, targets left out — is the trained "
                               "folder's own; --without must match it)")
    if calibrate_only and (task not in ("text", "stance", "techniques-namer") or unseen
                           or unseen_only or without or fit_only or trained_dir):
        raise click.UsageError("--calibrate-only is for `echoscope train text`, `stance` "
                               "and `techniques-namer` alone")
    if init_dir and (task != "text" or calibrate_only):
        raise click.UsageError("--init is for `echoscope train text` (without "
                               "--calibrate-only)")
    if precisions_only and (task != "text" or calibrate_only or init_dir):
        raise click.UsageError("--precisions-only is for `echoscope train text` alone")
    if only and not (task == "text" and calibrate_only):
        raise click.UsageError("--only is for `echoscope train text --calibrate-only`")
    if refit and (task != "text" or calibrate_only or init_dir or precisions_only):
        raise click.UsageError("--refit-head is for `echoscope train text` alone")
    if choose_prec and (task != "text" or calibrate_only or init_dir or precisions_only
                        or refit or fit_only):
        raise click.UsageError("--choose-precision is for `echoscope train text` alone")
    if unseen_only and (task not in ("stance", "stance-linear") or unseen or without
                        or (epochs is not None and task != "stance") or seed != 0):
        raise click.UsageError("--unseen-only is for `echoscope train stance` and "
                               "`echoscope train stance-linear` alone (the folds' settings "
                               "— seed, targets left out — are the artifact's own; stance "
                               "takes --epochs and --batches for its folds, default those its card "
                               "records)")
    if unseen_only and limit and (not out_dir or _is_shipped(task, out_dir)):
        raise click.UsageError("--unseen-only --limit is a slice: give it --out, not the "
                               "shipped model")
    if unseen_only and task == "stance-linear":
        from ..train.stance import recalibrate_linear_unseen

        metrics = recalibrate_linear_unseen(data, out_dir, limit=limit, log=log)
    elif unseen_only:
        from ..train.stance_head import recalibrate_unseen

        metrics = recalibrate_unseen(data, out_dir, limit=limit, epochs=epochs,
                                     batches=batches, device=device, threads=threads,
                                     trained=trained_dir, log=log)
    elif refit:
        from ..train.text_heads import refit_head

        metrics = refit_head(data, out_dir, task=refit, log=log)
    elif choose_prec:
        from ..train.text_heads import choose_precision

        metrics = choose_precision(data, out_dir, log=log)
    elif precisions_only:
        from ..train.text_heads import rescore_precisions

        metrics = rescore_precisions(data, out_dir, log=log)
    elif task == "techniques-namer" and calibrate_only:
        from ..train.technique_namer import recalibrate_namer

        metrics = recalibrate_namer(data, out_dir, log=log)
    elif task == "stance" and calibrate_only:
        from ..train.stance_head import recalibrate_stance

        metrics = recalibrate_stance(data, out_dir, log=log)
    elif task == "text" and calibrate_only:
        from ..train.text_heads import recalibrate_text

        metrics = recalibrate_text(data, out_dir, tasks=list(only) or None, log=log)
    elif task == "text":
        from ..train.text_heads import train_text

        metrics = train_text(data, out_dir, init=init_dir, fit_only=fit_only, **encoder)
    elif task == "stance":
        from ..train.stance_head import train_stance_head

        metrics = train_stance_head(data, out_dir, unseen=unseen, without=without,
                                    fit_only=fit_only, trained=trained_dir,
                                    batches=batches or "random", sides_only=sides_only,
                                    **encoder)
    elif task == "stance-linear":
        from ..train.stance import train_stance

        metrics = train_stance(data, out_dir, limit=limit, log=log)
    elif task == "techniques-namer":
        from ..train.technique_namer import train_namer

        metrics = train_namer(data, out_dir, **encoder)
    elif task == "paragraphs":
        from ..train.paragraphs import train_paragraphs

        metrics = train_paragraphs(data, out_dir, limit=limit, threads=threads or 1, log=log)
    elif task == "techniques-crf":
        from ..train.techniques import train_techniques

        metrics = train_techniques(data, out_dir, limit=limit, log=log)
    else:
        from ..train.social import train_task

        metrics = train_task(task, data, out_dir, limit=limit, log=log)
    sys.stdout.write(json.dumps(metrics) + "\n")


@app.group("eval")
def eval_group() -> None:
    """Evaluate shipped models on official test splits."""


@eval_group.command("social")
@click.option("--data", "data_dir", default=None, help="Data folder (default ../shared/data "
              "or $ECHOSCOPE_DATA).")
@click.option("--models", "models_dir", default=None, help="Models folder (default: shipped).")
@click.option("--json", "json_out", is_flag=True, help="One JSON object: task -> result.")
def eval_social_cmd(data_dir, models_dir, json_out) -> None:
    """Each social task's metric on its official test split, beside published results."""
    from ..train.social import evaluate_social

    results = evaluate_social(data_dir or default_data_dir(), models_dir)
    if json_out:
        sys.stdout.write(json.dumps(results) + "\n")
        return
    table = Table("task", "metric", "echoscope", "95% interval", "published results")
    for task, r in results.items():
        lo_hi = "–".join(f"{v:.1f}" for v in r.get("ci95", []))
        table.add_row(task, r["metric"], f"{r['value']:.1f}", lo_hi, ", ".join(
            f"{k} {v}" for k, v in sorted(r["baselines"].items(), key=lambda kv: -kv[1])))
    out.print(table)


@eval_group.command("ptc")
@click.option("--data", "data_dir", default=None, help="Data folder (default ../shared/data "
              "or $ECHOSCOPE_DATA).")
@click.option("--split", type=click.Choice(["train", "dev"]), default="dev", show_default=True,
              help="PTC split with gold labels to score.")
@click.option("--models", "models_dir", default=None,
              help="Technique model folder (default: shipped).")
@click.option("--json", "json_out", is_flag=True,
              help='One JSON object: {"si": {"p", "r", "f1"}, "tc": {"micro_f1"}, ...}.')
def eval_ptc_cmd(data_dir, split, models_dir, json_out) -> None:
    """Technique spans scored as SemEval-2020 Task 11 does (SI and TC), plus SemEval-2023."""
    from ..train.techniques import evaluate_ptc

    r = evaluate_ptc(data_dir or default_data_dir(), split, models_dir)
    if json_out:
        sys.stdout.write(json.dumps(r) + "\n")
        return
    table = Table("measure", "echoscope", "published")
    table.add_row("SI F1 (P / R)", f"{r['si']['f1']:.3f} ({r['si']['p']:.3f} / {r['si']['r']:.3f})",
                  "best on test 0.5155")
    table.add_row("TC micro-F1", f"{r['tc']['micro_f1']:.3f}",
                  "best on test 0.6207; always Loaded_Language 0.306 (dev)")
    if "semeval2023_en_dev" in r:
        table.add_row("SemEval-2023 EN dev paragraph micro-F1",
                      f"{r['semeval2023_en_dev']['micro_f1']:.3f}", "test-set results only")
    out.print(table)


@eval_group.command("encoder")
@click.option("--data", "data_dir", default=None, help="Data folder (default ../shared/data "
              "or $ECHOSCOPE_DATA).")
@click.option("--models", "models_dir", default=None,
              help="Folder with the text/ and stance/ head groups (default: shipped).")
@click.option("--precision", type=click.Choice(["auto", "float32", "mixed", "int8"]),
              default="auto", show_default=True,
              help="How the encoder runs (auto: each model's own as shipped: int8 "
              "for the text heads, mixed for stance and the technique namer).")
@click.option("--stance-without-semeval", "stance_cross", default=None,
              help="A stance head trained with --without semeval: also score it on "
              "SemEval-2016 (across datasets).")
@click.option("--json", "json_out", is_flag=True, help="One JSON object with every figure.")
def eval_encoder_cmd(data_dir, models_dir, precision, stance_cross, json_out) -> None:
    """The encoder's heads on the official test splits (with 95% intervals and calibration
    error), the technique tagger on PTC dev and SemEval-2023 EN dev, and across datasets."""
    from ..train.encoder_eval import evaluate_encoder

    r = evaluate_encoder(data_dir or default_data_dir(), models_dir, precision=precision,
                         stance_without_semeval=stance_cross)
    if json_out:
        sys.stdout.write(json.dumps(r) + "\n")
        return
    table = Table("what", "metric", "echoscope", "95% interval", "calibration (ECE)",
                  "compare with")
    for row in r["table"]:
        table.add_row(*[str(v) for v in row])
    out.print(table)


def default_data_dir() -> str:
    import os

    return os.environ.get("ECHOSCOPE_DATA") or str(Path.cwd().parent / "shared" / "data")
