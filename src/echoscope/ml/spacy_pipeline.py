"""spaCy pipelines, loaded once per process, without importing torch when they need none.

thinc (spaCy's network library) imports torch at import time whenever torch is installed,
and it always is here: the encoder weights' package requires sentence-transformers, which
requires torch. That import costs about 2 seconds and 180 MB of every process that reads a
document (every CLI run, web server and Dask worker), though spaCy's CNN pipelines run on
numpy and echoscope's analysis never uses torch. So spaCy is imported with ``import torch``
made to fail for that moment (thinc then records that it has no torch), unless

- torch is already imported (a training run: thinc uses it as before), or
- the pipeline asked for declares a torch-based dependency (``en_core_web_trf`` and the
  like: spaCy is imported as usual).

Afterwards ``import torch`` works again in the process. The one case left is a
transformer pipeline asked for after spaCy was imported without torch (the ``fast``
profile's stop words, then a ``full`` analysis with such a model, in one process): that is
a clear error (E104) saying to import torch first. The analyses are the same either way
(tests/test_layers.py checks that analysing imports no torch; tests/test_entities.py
that the entities are the same with torch imported first).
"""

from __future__ import annotations

import re
import sys
import threading
from collections.abc import Sequence
from functools import lru_cache
from importlib import metadata
from types import ModuleType
from typing import Any

from ..errors import ConfigError

_LOCK = threading.Lock()
#: A requirement that brings torch (spacy-transformers, spacy-curated-transformers, torch).
_TORCH_BASED = re.compile(r"^\s*(?:torch|spacy[-_.](?:curated[-_.])?transformers)\b", re.I)


def needs_torch(model: str | None) -> bool:
    """Whether the spaCy pipeline package ``model`` declares a torch-based requirement.
    A name that is no installed package (a folder, a typo) counts as needing it: spaCy is
    then imported as usual and reports what is wrong."""
    if model is None:
        return False
    try:
        requires = metadata.requires(model) or []
    except metadata.PackageNotFoundError:
        return True
    return any(_TORCH_BASED.match(r) for r in requires)


def import_spacy(model: str | None = None) -> ModuleType:
    """The ``spacy`` module, imported without torch unless ``model`` (the pipeline that
    will be loaded, if any) needs it or torch is already imported; see the module's
    docstring."""
    with _LOCK:
        if "spacy" not in sys.modules and "torch" not in sys.modules and not needs_torch(model):
            sys.modules["torch"] = None  # type: ignore[assignment]  # import fails meanwhile
            try:
                import spacy
            finally:
                if "torch" in sys.modules and sys.modules["torch"] is None:
                    del sys.modules["torch"]
        import spacy
        import thinc.compat

    if needs_torch(model) and not thinc.compat.has_torch:
        raise ConfigError(
            f"spaCy pipeline {model!r} needs torch, but spaCy was imported without it in "
            "this process (for a pipeline that needs none); import torch before echoscope "
            "analyses anything", code="E104")
    return spacy


@lru_cache(maxsize=4)
def load_pipeline(model: str, exclude: Sequence[str] = ()) -> Any:
    """The spaCy pipeline ``model`` without the components in ``exclude``, loaded once per
    process; a clear error (E104) when it is not installed."""
    spacy = import_spacy(model)
    try:
        return spacy.load(model, exclude=list(exclude))
    except OSError as exc:
        raise ConfigError(
            f"spaCy model {model!r} is not installed ({exc}); install its package or set "
            "analysis.entities.model", code="E104") from None
