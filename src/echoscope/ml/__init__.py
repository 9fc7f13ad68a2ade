"""Inference: the models the analyzers run, loaded once per process from package data.

- :mod:`.textclf` — hashed n-gram TF-IDF linear classifiers (offensive, irony, hypocrisy);
- :mod:`.stance` — the target-masked generic stance model and per-target experts;
- :mod:`.techniques` and :mod:`.crf` — technique spans (CRF tagger + span classifier);
- :mod:`.vader` — VADER sentiment; :mod:`.embeddings` — ``wordllama`` static embeddings.

Nothing here trains or imports training code (:mod:`echoscope.train` does that).
"""

from __future__ import annotations

from pathlib import Path

#: The shipped model artifacts (``models/<task>/``) and word lists.
MODELS_DIR = Path(__file__).resolve().parent.parent / "models"
LEXICONS_DIR = Path(__file__).resolve().parent.parent / "lexicons"
