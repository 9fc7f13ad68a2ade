"""``echoscope classify``: the shipped heads on texts you bring (one JSON object a line)."""

from __future__ import annotations

import csv
import io
import json
import sys
from typing import Any

import click

from ..errors import InputError
from ..ml.classify import TARGET_TYPES, TASKS, classify
from ._app import app

#: Texts classified per call (bounds memory on long files).
CHUNK = 256


def read_items(data: bytes, source: str) -> list[dict[str, Any]]:
    """``{"text", "target"?}`` items from text lines, JSON Lines or CSV (by content and
    name); a JSONL/CSV record without a ``text`` field is an input error (E306)."""
    text = data.decode("utf-8-sig", errors="replace")
    name = source.lower()
    stripped = text.lstrip()
    if name.endswith((".jsonl", ".ndjson")) or (stripped.startswith("{") and
                                                 not name.endswith((".txt", ".csv"))):
        items = []
        for n, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{source}:{n}: invalid JSON ({exc.msg})", code="E306") from None
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                raise InputError(f"{source}:{n}: a record needs a text field", code="E306")
            items.append(record)
        return items
    if name.endswith((".csv", ".tsv")):
        reader = csv.DictReader(io.StringIO(text), delimiter="\t" if name.endswith(".tsv") else ",")
        if not reader.fieldnames or "text" not in reader.fieldnames:
            raise InputError(f"{source}: the CSV header has no text column", code="E306")
        return [dict(row) for row in reader]
    return [{"text": line} for line in text.splitlines() if line.strip()]


@app.command("classify")
@click.argument("path", required=False, default="-")
@click.option("--task", "-t", type=click.Choice(list(TASKS)), required=True,
              help="What to say about each text.")
@click.option("--target", default=None,
              help="stance: the person or topic (or a target field/column per text).")
@click.option("--target-type", type=click.Choice(list(TARGET_TYPES)), default=None,
              help="stance: is the target a person (a name the model never saw is read "
              "as a made-up one, as it was trained) or a topic (its words kept)? Default: "
              "a target_type field/column per text, else person.")
@click.option("--models", "models_dir", default=None,
              help="Folder with the encoder head groups (default: shipped).")
@click.option("--precision", type=click.Choice(["auto", "float32", "mixed", "int8"]),
              default="auto", show_default=True,
              help="How the encoder runs (auto: the model's own as shipped: int8 "
              "for the text heads, mixed for stance).")
def classify_cmd(path: str, task: str, target: str | None, target_type: str | None,
                 models_dir: str | None, precision: str) -> None:
    """Label texts (a file of lines, JSON Lines or CSV with a text field, or - for stdin):
    one JSON object a line with the label, calibrated probabilities and model version."""
    data = sys.stdin.buffer.read() if path == "-" else _read(path)
    items = read_items(data, path)
    for start in range(0, len(items), CHUNK):
        chunk = items[start:start + CHUNK]
        texts = [str(i["text"]) for i in chunk]
        targets, kinds = None, ["person"] * len(chunk)
        if task == "stance":
            targets = [target or str(i.get("target") or "") for i in chunk]
            if not all(t.strip() for t in targets):
                raise click.UsageError("stance needs --target NAME, or a target field per text")
            kinds = [target_type or str(i.get("target_type") or "person").strip().lower()
                     for i in chunk]
            for n, kind in enumerate(kinds, start=start + 1):
                if kind not in TARGET_TYPES:
                    raise InputError(f"{path}: record {n}: target_type {kind!r} is not "
                                     f"{' or '.join(TARGET_TYPES)}", code="E306")
        results = classify(texts, task, targets, target_type=kinds, models_dir=models_dir,
                           precision=precision)
        for item, result in zip(chunk, results, strict=True):
            sys.stdout.write(json.dumps({"text": item["text"], "task": task, **result},
                                        ensure_ascii=False) + "\n")


def _read(path: str) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror or exc}", code="E301") from None
