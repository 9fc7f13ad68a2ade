"""Word lists shared by the readers and the analyzers."""

from __future__ import annotations

from functools import cache


@cache
def familiar_words() -> frozenset[str]:
    """The Dale–Chall list of about 3,000 words familiar to most readers (textstat's copy,
    read once per process)."""
    from textstat.backend.utils import get_lang_easy_words

    return frozenset(get_lang_easy_words("en_US"))

