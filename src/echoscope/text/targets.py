"""A target's names, and masking them in a text (``TARGET``), for stance models.

Stance is read from text in which every mention of the target is replaced by ``TARGET``
("lock TARGET up", "#TARGET2020"), so what a model learns about one person carries over
to people it never saw. The encoder's stance head reads a person's names replaced by a
made-up one instead (:func:`anonymise` in training, :func:`stand_in` for a person no model
saw): a name stays a name.
"""

from __future__ import annotations

import random
import re
import zlib

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


#: Made-up names that stand in for a person (written for this project).
FIRST_NAMES = ("Maria Anders Leila Tomasz Ifeoma Kenji Sofia Rafael Aisha Dmitri Ingrid Mateo "
               "Noor Elena Kwame Priya Lucas Hana Omar Greta Tariq Yara Milan Zofia").split()
LAST_NAMES = ("Kovac Lindqvist Okonjo Marchetti Haddad Novak Brennan Takeda Osei Varga Delgado "
              "Petrov Quist Nakamura Adeyemi Fischer Moreau Castellano Rahimi Holm Iversen"
              ).split()


def anonymise(text: str, target: str, rng: random.Random,
              aliases: list[str] | tuple[str, ...] = ()) -> tuple[str, str]:
    """The text and target with the person's names (:func:`target_variants`, ``aliases``
    included) replaced by one made-up name drawn from ``rng``: glued into hashtags and
    handles, elsewhere the full name or the surname alone (drawn for each mention)."""
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    return _renamed(text, target, aliases, first, last, rng)


def stand_in(text: str, target: str, aliases: list[str] | tuple[str, ...] = ()
             ) -> tuple[str, str]:
    """:func:`anonymise` made deterministic, for reading a text about a person no model saw
    as the stance head was trained to: the same made-up name for the same target (drawn
    from its name), passing over made-up names the text already has."""
    words = set(re.findall(r"[a-z]+", text.lower()))
    seed = zlib.crc32(" ".join(target.lower().split()).encode("utf-8"))
    for k in range(len(FIRST_NAMES)):
        rng = random.Random(seed + k)
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        if first.lower() not in words and last.lower() not in words:
            break
    return _renamed(text, target, aliases, first, last, rng)


def _renamed(text: str, target: str, aliases: list[str] | tuple[str, ...], first: str,
             last: str, rng: random.Random) -> tuple[str, str]:
    masked = mask_target(text, target_variants(target, list(aliases)))
    out, pos = [], 0
    while (i := masked.find(MASK, pos)) >= 0:
        out.append(masked[pos:i])
        glued = i > 0 and (masked[i - 1] in "#@" or masked[i - 1].isalnum())
        out.append(first + last if glued else rng.choice((f"{first} {last}", last)))
        pos = i + len(MASK)
    out.append(masked[pos:])
    return "".join(out), f"{first} {last}"
