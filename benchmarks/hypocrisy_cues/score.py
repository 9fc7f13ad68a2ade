"""How often a hypocrisy cue in a sentence is read as a charge, and rightly.

    python benchmarks/hypocrisy_cues/score.py [heldout.txt|review.txt|mention.txt|asked.txt]

Each line of a set is ``LABEL|KIND|sentence`` (T: the sentence makes or endorses the
charge; F: it denies it, defends, reports someone else's charge neutrally, imagines it or
names the topic). ``review.txt``: 145 phrasings a reviewer wrote to break the rule
(2026-12-06); ``heldout.txt``: 120 sentences written afterwards by a helper who had seen
neither the rule nor the review set (its first rule line says how it labelled). Both were
read to choose the rule's last changes, so neither is held out now (CHANGELOG).
``mention.txt``: 100 sentences a third writer wrote on 2026-12-06 after the rule that a cue
named is no charge, never shown it (hard cases: cues in quotation marks, definitions,
comparisons; T only where the sentence itself makes or endorses the charge), read once
for that rule (CHANGELOG).
``asked.txt``: 120 sentences a fourth writer wrote on 2026-12-06 (never shown the code or
the rules; reported charges count as charges) around "where is the outrage", fear of
being called a hypocrite, rhetorical questions, confessions and name-calling lists, read
once for the rules that a call or a lament is no charge and that a charge feared is none
(33 of 50 charges found either way; false charges 30 -> 22, precision 0.524 -> 0.600).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from echoscope.analyzers.hypocrisy import _CUE, _POST_CUE, _charges

HERE = Path(__file__).resolve().parent


def score(name: str) -> dict:
    rows = [line.split("|", 2) for line in (HERE / name).read_text("utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    # As the analyzer reads them: posts' idiom ("what about", "receipts") too.
    said = [(label, _charges(text, _CUE) or (kind == "post" and _charges(text, _POST_CUE)))
            for label, kind, text in rows]
    charges = sum(c for _, c in said)
    right = sum(c for label, c in said if label == "T")
    return {"set": name, "sentences": len(rows),
            "charges_right": [right, sum(label == "T" for label, _ in said)],
            "others_left_alone": [sum(not c for label, c in said if label != "T"),
                                  sum(label != "T" for label, _ in said)],
            "precision": round(right / charges, 3) if charges else None}


if __name__ == "__main__":
    for name in sys.argv[1:] or ["heldout.txt", "review.txt", "mention.txt", "asked.txt"]:
        print(json.dumps(score(name)))
