"""The pipeline: an ordered list of analyzers, validated when it is built.

Validation checks every analyzer's ``requires`` against what readers provide and what
earlier analyzers ``assign``, so a misconfigured profile fails at start-up (E201/E202),
not halfway through a corpus.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any, Protocol

from .analyzers import ANALYZERS
from .config import Settings
from .doc import Doc
from .errors import AnalysisError, PipelineError

#: Attributes every reader sets on a Doc.
READER_PROVIDES = ("text", "source", "url", "title", "published", "language", "posts", "flags")


class Analyzer(Protocol):
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, doc: Doc) -> Doc: ...


class Pipeline:
    """Apply analyzers in order; ``timings`` accumulates seconds per analyzer."""

    def __init__(self, analyzers: Sequence[Analyzer]) -> None:
        validate(analyzers)
        self.analyzers = list(analyzers)
        self.timings: dict[str, float] = {a.name: 0.0 for a in self.analyzers}

    @property
    def names(self) -> list[str]:
        return [a.name for a in self.analyzers]

    def __call__(self, doc: Doc) -> Doc:
        for analyzer in self.analyzers:
            t0 = time.perf_counter()
            try:
                doc = analyzer(doc)
            except Exception as exc:  # noqa: BLE001 - one bad doc must not stop a batch
                raise AnalysisError(
                    f"analyzer {analyzer.name!r} failed: {type(exc).__name__}: {exc}", code="E401"
                ) from exc
            self.timings[analyzer.name] += time.perf_counter() - t0
        return doc


def validate(analyzers: Sequence[Analyzer]) -> None:
    """Raise PipelineError unless each analyzer's requires are met by what comes before it."""
    available = set(READER_PROVIDES)
    seen: set[str] = set()
    for a in analyzers:
        if a.name in seen:
            raise PipelineError(f"analyzer {a.name!r} appears twice", code="E203")
        missing = [r for r in a.requires if r not in available]
        if missing:
            raise PipelineError(
                f"analyzer {a.name!r} requires {', '.join(missing)}, which nothing before it "
                "assigns",
                code="E202",
            )
        available.update(a.assigns)
        seen.add(a.name)


def build_pipeline(settings: Settings, names: Sequence[str] | None = None) -> Pipeline:
    """The pipeline of the configured profile (or of ``names``)."""
    names = list(names) if names is not None else settings.analyzer_names()
    analyzers: list[Any] = []
    for name in names:
        cls = ANALYZERS.get(name)
        if cls is None:
            raise PipelineError(
                f"unknown analyzer {name!r}; known: {', '.join(sorted(ANALYZERS))}", code="E201"
            )
        analyzers.append(cls(settings.analyzer_config(name)))
    return Pipeline(analyzers)
