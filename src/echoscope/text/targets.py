"""A target's names, and masking them in a text (``TARGET``), for stance models.

Stance is read from text in which every mention of the target is replaced by ``TARGET``
("lock TARGET up", "#TARGET2020"), so what a model learns about one person carries over
to people it never saw.
"""

from __future__ import annotations

import re

MASK = "TARGET"
_YOU = re.compile(r"\b(?:you|your|yours|yourself|u|ur)\b", re.IGNORECASE)


def target_variants(name: str, aliases: list[str] | tuple[str, ...] = ()) -> list[str]:
    """Strings that name a target: the name, its parts (4+ letters), squashed forms, aliases."""
    parts = name.split()
    out = {name, "".join(parts)}
    if len(parts) >= 2:
        out.update(p for p in (parts[-1], parts[0]) if len(p) >= 4)
    for alias in aliases:
        a = alias.lstrip("#@")
        out.add(a)
        out.add(re.sub(r"[\W_]+", "", a))
    return sorted((v for v in out if len(v) >= 3), key=len, reverse=True)


def mask_target(text: str, variants: list[str], you: bool = False) -> str:
    """Replace every occurrence of a target's names (also inside hashtags/handles) by TARGET."""
    if variants:
        pattern = "|".join(re.escape(v) for v in variants)
        # At a word start, or at a camel-case boundary inside a hashtag (#DumpBiden).
        text = re.sub(rf"(?:(?<![A-Za-z])|(?<=[a-z])(?=[A-Z]))(?i:(?:real)?(?:{pattern}))",
                      MASK, text)
    if you:
        text = _YOU.sub(MASK, text)
    return text
