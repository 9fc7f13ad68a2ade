"""``echoscope train`` and ``echoscope eval``: the shipped models, reproducibly."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.table import Table

from ._app import app, err, out


@app.command("train")
@click.argument("task", type=click.Choice(["offensive", "irony", "hypocrisy", "stance", "techniques"]))
@click.option("--data", "data_dir", default=None, help="Data folder (default ../shared/data "
              "or $ECHOSCOPE_DATA).")
@click.option("--out", "out_dir", default=None, help="Where to write the model "
              "(default: the package's models folder).")
@click.option("--limit", type=click.IntRange(min=5), default=None,
              help="Train a quick slice on this many examples (articles for techniques), to "
              "check the code path; its scores mean nothing.")
def train_cmd(task, data_dir, out_dir, limit) -> None:
    """Train a shipped model from the official splits and write its model card."""
    from ..train.social import train_task
    from ..train.stance import train_stance

    data = data_dir or default_data_dir()
    log = lambda msg: err.print(msg, markup=False)  # noqa: E731
    if task == "stance":
        metrics = train_stance(data, out_dir, limit=limit, log=log)
    elif task == "techniques":
        from ..train.techniques import train_techniques

        metrics = train_techniques(data, out_dir, limit=limit, log=log)
    else:
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


def default_data_dir() -> str:
    import os

    return os.environ.get("ECHOSCOPE_DATA") or str(Path.cwd().parent / "shared" / "data")
