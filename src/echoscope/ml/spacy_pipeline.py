"""spaCy pipelines, loaded once per process, without importing torch when they need none.

thinc (spaCy's network library) imports torch at import time whenever torch is installed,
and it always is here: the encoder weights' package requires sentence-transformers, which
requires torch. That import costs about 2 seconds and 180 MB of every process that reads a
document, though spaCy's CNN pipelines run on numpy and echoscope's analysis never uses
torch. So echoscope's own processes — the CLI, and the workers, servers and Dask workers
it starts (:func:`keep_torch_out` sets ``ECHOSCOPE_SPACY_WITHOUT_TORCH=1``, which they
inherit) — import spaCy with ``import torch`` made to fail for that moment (thinc then
records that it has no torch), unless

- torch is already imported (a training run: thinc uses it as before), or
- the pipeline asked for needs torch (its package declares spacy-transformers, spacy-
  curated-transformers or torch; a folder's ``config.cfg`` names a transformer).

A program that imports echoscope as a library keeps thinc's torch unless it calls
:func:`keep_torch_out` itself (thinc's torch wrappers would not work after it). In a
process that did, a transformer pipeline asked for after spaCy came without torch is a
clear error (E104: import torch first). The analyses are the same either way
(tests/test_layers.py checks that the CLI's analysis imports no torch; the 20 test
fixtures gave the same output with and without, see CHANGELOG).
"""

from __future__ import annotations

import os
import re
import sys
import threading
from collections.abc import Sequence
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from types import ModuleType
from typing import Any

from ..errors import ConfigError

_LOCK = threading.Lock()
#: A requirement that brings torch (spacy-transformers, spacy-curated-transformers, torch).
_TORCH_BASED = re.compile(r"^\s*(?:torch|spacy[-_.](?:curated[-_.])?transformers)\b", re.I)
ENV = "ECHOSCOPE_SPACY_WITHOUT_TORCH"


def keep_torch_out() -> None:
    """Import spaCy without torch in this process and the processes it starts (the CLI
    calls it; a library user may)."""
    os.environ[ENV] = "1"


def needs_torch(model: str | None) -> bool:
    """Whether the spaCy pipeline ``model`` (a package name or a folder) needs torch: its
    package declares a torch-based requirement, or the folder's ``config.cfg`` names a
    transformer. A name that is neither (a typo) needs none: spaCy says it is missing."""
    if model is None:
        return False
    folder = Path(model)
    if folder.is_dir():
        config = folder / "config.cfg"
        try:
            return bool(re.search(r"transformer|torch", config.read_text("utf-8"), re.I))
        except OSError:
            return False
    try:
        requires = metadata.requires(model) or []
    except (metadata.PackageNotFoundError, ValueError):
        return False
    return any(_TORCH_BASED.match(r) for r in requires)


def import_spacy(model: str | None = None) -> ModuleType:
    """The ``spacy`` module — in a process that asked (:func:`keep_torch_out`), imported
    without torch unless ``model`` (the pipeline that will be loaded, if any) needs it or
    torch is already imported; see the module's docstring."""
    torch_pipeline = needs_torch(model)
    with _LOCK:
        if (os.environ.get(ENV) == "1" and "spacy" not in sys.modules
                and "torch" not in sys.modules and not torch_pipeline):
            sys.modules["torch"] = None  # type: ignore[assignment]  # import fails meanwhile
            try:
                import spacy
            finally:
                if "torch" in sys.modules and sys.modules["torch"] is None:
                    del sys.modules["torch"]
        import spacy
        import thinc.compat

    if torch_pipeline and not thinc.compat.has_torch:
        raise ConfigError(
            f"spaCy pipeline {model!r} needs torch, but spaCy was imported without it in "
            "this process (for a pipeline that needs none); import torch before echoscope "
            "analyses anything", code="E104")
    return spacy


@lru_cache(maxsize=4)
def load_pipeline(model: str, exclude: Sequence[str] = (), *, setting: str) -> Any:
    """The spaCy pipeline ``model`` without the components in ``exclude``, loaded once per
    process; a clear error (E104) when it is not installed, naming the ``setting`` that
    chose it."""
    spacy = import_spacy(model)
    try:
        nlp = spacy.load(model, exclude=list(exclude))
    except OSError as exc:
        raise ConfigError(
            f"spaCy model {model!r} is not installed ({exc}); install its package or set "
            f"{setting}", code="E104") from None
    return _without_idle_embedders(nlp)


def _without_idle_embedders(nlp: Any) -> Any:
    """``nlp`` without shared embedding layers (``tok2vec``, ``transformer``) that no
    component kept listens to: with the tagger and parser excluded, the small English
    model's NER embeds with its own layer, and the shared one's work (about a seventh of
    NER's time) went unread. The entities are those of the same pipeline with the layer (a
    test compares them)."""
    for name in ("tok2vec", "transformer"):
        if name in nlp.pipe_names and not getattr(nlp.get_pipe(name),
                                                  "listening_components", [True]):
            nlp.remove_pipe(name)
    return nlp
