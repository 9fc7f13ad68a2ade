"""``echoscope.classify``: the shipped heads on texts you bring, the way the analyzers use
them.

    >>> from echoscope import classify
    >>> classify(["what a lovely day"], "sentiment")[0]["label"]
    'positive'
    >>> classify(["Vote her out"], "stance", target="Maya Okafor")[0]["probs"]["AGAINST"] > 0.5
    True

Each result has the ``label`` (the calibrated decision: the tuned threshold for binary
tasks; for stance, NONE unless a side is probable enough), the calibrated ``probs`` of
every label, and the ``model`` version that gave them; for sentiment also ``sure``, whether
the label is sure enough to show (its probability above the level chosen on held-out data
for precision: reports show a post's tone only then).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from .heads import StanceHead, TextHeads

TEXT_TASKS = ("sentiment", "offensive", "irony", "hypocrisy")
TASKS = (*TEXT_TASKS, "stance")


#: What a stance target can be: a person (whose names the stance head may read under a
#: made-up name, as it was trained, where its artifact says so: ``unseen_stand_in``) or a
#: topic (its words kept).
TARGET_TYPES = ("person", "topic")


def classify(texts: Sequence[str], task: str, target: str | Sequence[str] | None = None, *,
             target_type: str | Sequence[str] = "person",
             models_dir: str | Path | None = None, precision: str | None = None
             ) -> list[dict[str, Any]]:
    """Label every text for ``task`` (sentiment, offensive, irony, hypocrisy, or stance
    toward ``target``: one name for all texts, or one per text; ``target_type``, one or
    one per text: ``person`` or ``topic``), with the encoder at ``precision`` (float32,
    mixed or int8; None or auto: the model's own as shipped, int8 for the text heads and
    mixed for stance)."""
    if task not in TASKS:
        raise ConfigError(f"unknown task {task!r}; tasks: {', '.join(TASKS)}", code="E106")
    texts = list(texts)
    if task == "stance":
        if target is None or (not isinstance(target, str) and len(target) != len(texts)):
            raise ConfigError("stance needs a target: one name, or one per text", code="E101")
        targets = [target] * len(texts) if isinstance(target, str) else list(target)
        if any(not t or not t.strip() for t in targets):
            raise ConfigError("stance needs a non-empty target for every text", code="E101")
        kinds = ([target_type] * len(texts) if isinstance(target_type, str)
                 else list(target_type))
        if len(kinds) != len(texts) or any(k not in TARGET_TYPES for k in kinds):
            raise ConfigError(f"target_type must be {' or '.join(TARGET_TYPES)}: one, or one "
                              "per text", code="E101")
        head = StanceHead.load(Path(models_dir) / "stance" if models_dir else None,
                               precision=precision)
        probs = head.predict_proba(texts, targets, persons=[k == "person" for k in kinds])
        return [{"label": head.labels[head.decide(p, t)],
                 "probs": {lab: round(float(v), 4) for lab, v in zip(head.labels, p,
                                                                     strict=True)},
                 "target": t, "target_type": k, "model": head.version}
                for p, t, k in zip(probs, targets, kinds, strict=True)]
    heads = TextHeads.load(Path(models_dir) / "text" if models_dir else None,
                           precision=precision)
    return [{"label": j.label, "probs": j.probs, "model": heads.version,
             **({"sure": j.sure} if j.sure is not None else {})}
            for j in heads.judge(texts, task)]
