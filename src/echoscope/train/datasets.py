"""Readers for the official training and test splits in ``../shared/data``.

Nothing is copied from there: every function reads the files at run time.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

from ..errors import ConfigError
from ..text.targets import mask_target, target_variants

Split = tuple[list[str], list[str]]


def data_root(data_dir: str | Path) -> Path:
    root = Path(data_dir)
    if not (root / "social").is_dir():
        raise ConfigError(f"no training data under {root} (expected {root}/social/...)",
                          code="E107")
    return root


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def tweeteval(task: str, labels: list[str], splits: tuple[str, ...] = ("train", "val", "test")
              ) -> Callable[[Path], dict[str, Split]]:
    """A reader of TweetEval's ``task`` splits (texts and labels by name)."""
    def load(root: Path) -> dict[str, Split]:
        folder = root / "social" / "tweeteval" / "datasets" / task
        out = {}
        for split, name in ((s, s) for s in splits):
            texts = (folder / f"{name}_text.txt").read_text("utf-8").splitlines()
            ys = (folder / f"{name}_labels.txt").read_text("utf-8").split()
            if len(texts) != len(ys):
                raise ConfigError(f"{folder}: {name} text and labels differ in length", code="E105")
            out[split] = (texts, [labels[int(y)] for y in ys])
        return out

    return load


def tqtw(root: Path) -> dict[str, Split]:
    """TQ-TW tu-quoque tweets (official splits) plus, in train, the Whataboutism and
    Appeal_to_Hypocrisy spans of SemEval-2023 Task 3 English train (the PTC articles
    relabelled with the finer taxonomy, so PTC's merged label adds nothing new)."""
    folder = root / "social" / "whataboutism_tqtw" / "data_split"
    out: dict[str, Split] = {}
    for split in ("train", "val", "test"):
        rows = read_csv(folder / f"twitter_data_1204_{split}.csv")
        out[split] = ([r["Tweet"] for r in rows],
                      ["hypocrisy" if r["Label"].strip() == "1" else "none" for r in rows])
    spans = root / "propaganda" / "semeval2023-task3" / "data" / "en"
    extra = []
    for path in sorted((spans / "train-labels-subtask-3-spans").glob("*.txt")):
        text_path = spans / "train-articles-subtask-3" / f"{path.name.split('-')[0]}.txt"
        if not text_path.exists():
            continue
        text = text_path.read_text("utf-8")
        for line in path.read_text("utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) == 4 and parts[1] in ("Whataboutism", "Appeal_to_Hypocrisy"):
                extra.append(text[int(parts[2]):int(parts[3])])
    out["train"] = (out["train"][0] + extra, out["train"][1] + ["hypocrisy"] * len(extra))
    return out


# -- stance ----------------------------------------------------------------------------
#: P-Stance's file keys and the people they are about.
PSTANCE_TARGETS = {"trump": "Donald Trump", "biden": "Joe Biden", "bernie": "Bernie Sanders"}


_TARGET_SPELLING = {"Hilary Clinton": "Hillary Clinton"}


SEMEVAL_PERSONS = {"Hillary Clinton", "Donald Trump"}


def masked(text: str, target: str) -> str:
    """The text with a person target's names masked (topic targets are left as they are)."""
    person = target in SEMEVAL_PERSONS or target in PSTANCE_TARGETS.values()
    return mask_target(text, target_variants(target) if person else [])


def leave_out(rows: list[tuple[str, str, str]], names: set[str] | frozenset[str],
              source: list[tuple[str, str, str]] | None = None) -> list[tuple[str, str, str]]:
    """``rows`` ``(text, target, label)`` without any row about one of ``names`` — nor any
    row whose text has a row about them in ``source`` (default: ``rows``): a multi-target
    tweet about the person would otherwise stay in training, labelled, through its row
    toward another candidate, while its row about them is scored as unseen. Tweets about
    other targets that merely mention the person stay: the protocol of leave-one-target-out
    as P-Stance defines it."""
    about = {text for text, target, _ in (rows if source is None else source)
             if target in names}
    return [r for r in rows if r[1] not in names and r[0] not in about]


def load_stance(root: Path) -> dict[str, list[tuple[str, str, str]]]:
    """Stance examples ``(text, target, label)`` by split: P-Stance (per-target files),
    SemEval-2016 Task 6 (subtask A) and, as ``train_extra``, the multi-target set (its
    annotation differs, so it trains only the generic model)."""
    out: dict[str, list[tuple[str, str, str]]] = {"train": [], "val": [], "test_pstance": [],
                                                   "test_semeval": [], "train_extra": []}
    pst = root / "social" / "pstance" / "data"
    for key, target in PSTANCE_TARGETS.items():
        for split, dest in (("train", "train"), ("val", "val"), ("test", "test_pstance")):
            for row in read_csv(pst / f"raw_{split}_{key}.csv"):
                out[dest].append((row["Tweet"], target, row["Stance"].strip().upper()))
    sem = root / "social" / "semeval2016_task6"
    for fname, dest in (("semeval2016-task6-trainingdata.txt", "train"),
                        ("subtaskA-testdata-gold.txt", "test_semeval")):
        raw = (sem / fname).read_bytes().decode("cp1252", errors="replace")
        for line in raw.splitlines()[1:]:
            parts = line.split("\t")
            if len(parts) >= 4:
                out[dest].append((parts[2].replace("#SemST", ""), parts[1], parts[3].strip()))
    multi = root / "social" / "multitarget_stance_magpie" / "datasets" / "125_MultiTargetStance"
    if (multi / "preprocessed.csv").exists():
        # Labels 0/1/2 read as AGAINST/NONE/FAVOR (checked by reading examples).
        names = {"0": "AGAINST", "1": "NONE", "2": "FAVOR"}
        for row in read_csv(multi / "preprocessed.csv"):
            target, _, text = row["text"].partition(". ")
            target = _TARGET_SPELLING.get(target.strip(), target.strip())
            label = names.get(row["label"].strip())
            if label and text:
                out["train_extra"].append((text, target, label))
    return out


def load_semeval_trump(root: Path) -> list[tuple[str, str, str]]:
    """SemEval-2016 Task 6 subtask B: 707 tweets' stance toward Donald Trump (FAVOR,
    AGAINST, NONE), ``(text, target, label)``. The task gave no labelled tweets about him,
    and echoscope trains on none of these: a dataset for scoring only (empty where the
    file is missing)."""
    path = root / "social" / "semeval2016_task6" / "subtaskB-trump-testdata-gold.txt"
    if not path.exists():
        return []
    rows = []
    for line in path.read_bytes().decode("cp1252", errors="replace").splitlines()[1:]:
        parts = line.split("\t")
        if len(parts) >= 4 and parts[3].strip() in ("FAVOR", "AGAINST", "NONE"):
            rows.append((parts[2].replace("#SemST", ""), parts[1], parts[3].strip()))
    return rows


# -- data ------------------------------------------------------------------------------
def ptc_folder(root: Path) -> Path:
    return root / "propaganda" / "semeval2020-task11-ptc" / "datasets"


def load_ptc(root: Path, split: str) -> tuple[dict[str, str], list[tuple[str, str, int, int]]]:
    """PTC articles (id -> text) and technique spans ``(article, label, start, end)``."""
    folder = ptc_folder(root)
    articles = {p.stem.removeprefix("article"): p.read_text("utf-8")
                for p in sorted((folder / f"{split}-articles").glob("article*.txt"))}
    spans = []
    labels = folder / f"{split}-task-flc-tc.labels"
    if labels.exists():
        for line in labels.read_text("utf-8").splitlines():
            if line.strip():
                a, label, s, e = line.split("\t")
                spans.append((a, label, int(s), int(e)))
    return articles, spans
