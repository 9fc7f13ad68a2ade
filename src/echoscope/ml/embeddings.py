"""Static word and sentence embeddings from the shipped ``wordllama`` model (256-d, offline)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def wordllama() -> Any:
    """The ``wordllama`` model, loaded once per process, never downloaded."""
    import os

    import wordllama as package
    from wordllama import WordLlama

    return WordLlama.load(cache_dir=os.path.dirname(package.__file__), disable_download=True)
