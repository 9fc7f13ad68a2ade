"""The pipeline: an ordered list of analyzers, validated when it is built.

Validation checks that every name an analyzer ``requires`` or ``assigns`` is a layer of the
data model (E204), that each ``requires`` is met by what readers provide or an earlier
analyzer assigns (E202), and that no analyzer appears twice (E203), so a misconfigured
profile fails at start-up, not halfway through a corpus. :func:`load_settings` checks every
analyzer's settings the same way before anything runs.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .analyzers import ANALYZERS
from .analyzers.base import Analyzer
from .config import Settings
from .config import load_settings as _load_settings
from .doc import Doc, layer_names
from .errors import AnalysisError, PipelineError
from .text.language import other_language

#: Layers every reader sets on a Doc.
READER_PROVIDES = ("text", "source", "url", "title", "published", "language", "site_name",
                   "author", "posts", "flags", "meta")


class Pipeline:
    """Apply analyzers in order; ``timings`` accumulates seconds per analyzer. A document
    longer than ``max_chars`` is refused before any analyzer runs (E402): every analyzer
    is at most n log n in its text, so this bounds the time and memory of one document.

    A document clearly written in a language ``languages`` does not name (``"*"``: any)
    gets only the analyzers that read any language (:attr:`Analyzer.any_language`: its
    posts); the others read English, and on other text their models, lexicons and grammar
    find names, quotes and scores that are not there. ``meta["not_analysed"]`` says so."""

    def __init__(self, analyzers: Sequence[Analyzer], max_chars: int | None = None,
                 languages: Sequence[str] = ("*",)) -> None:
        validate(analyzers)
        self.max_chars = max_chars
        self.languages = frozenset(languages)
        self.analyzers = list(analyzers)
        self.timings: dict[str, float] = {a.name: 0.0 for a in self.analyzers}

    @property
    def names(self) -> list[str]:
        return [a.name for a in self.analyzers]

    def __call__(self, doc: Doc) -> Doc:
        self._check_size(doc)
        unread = self._unread(doc)
        for analyzer in self.analyzers:
            if not unread or _any_language(analyzer):
                doc = self._run(analyzer, doc)
        return doc

    def _unread(self, doc: Doc) -> bool:
        """Is ``doc`` clearly written in a language the analyzers that read English must
        not read (:func:`other_language`: its own words, never only what its source
        declares)? Marks ``doc.meta``."""
        language = other_language(doc.text, self.languages)
        if language is None:
            return False
        doc.meta["not_analysed"] = {
            "language": language,
            "analyzers": [a.name for a in self.analyzers if not _any_language(a)],
            "reason": f"written in {language!r}; analysis.languages names "
                      f"{', '.join(sorted(self.languages))}"}
        return True

    def many(self, docs: list[Doc]) -> list[Doc | AnalysisError]:
        """Every Doc through the pipeline, one analyzer at a time across all of them, so
        that an analyzer's ``prepare`` can batch across documents (the encoder's passes).
        Each entry is that Doc analysed, or the error that stopped it (the others go on);
        every Doc comes out as ``pipeline(doc)`` would give it."""
        out: list[Doc | AnalysisError] = []
        unread: set[int] = set()
        for doc in docs:
            try:
                self._check_size(doc)
                if self._unread(doc):
                    unread.add(len(out))
                out.append(doc)
            except AnalysisError as exc:
                out.append(exc)
        for analyzer in self.analyzers:
            live = [(i, d) for i, d in enumerate(out) if isinstance(d, Doc)
                    and (_any_language(analyzer) or i not in unread)]
            if len(live) > 1:
                t0 = time.perf_counter()
                # A failure here is no document's: each one's own call redoes the work
                # and reports its own error.
                with contextlib.suppress(Exception):
                    analyzer.prepare([d for _, d in live])
                self.timings[analyzer.name] += time.perf_counter() - t0
            for i, current in live:
                try:
                    out[i] = self._run(analyzer, current)
                except AnalysisError as exc:
                    out[i] = exc
        return out

    def _check_size(self, doc: Doc) -> None:
        if self.max_chars is not None and len(doc.text) > self.max_chars and self.analyzers:
            raise AnalysisError(f"the text is {len(doc.text):,} characters, over the analysis "
                                f"limit of {self.max_chars:,} (analysis.max_chars)", code="E402")

    def _run(self, analyzer: Analyzer, doc: Doc) -> Doc:
        t0 = time.perf_counter()
        try:
            doc = analyzer(doc)
        except Exception as exc:  # noqa: BLE001 - one bad doc must not stop a batch
            raise AnalysisError(
                f"analyzer {analyzer.name!r} failed: {type(exc).__name__}: {exc}", code="E401"
            ) from exc
        self.timings[analyzer.name] += time.perf_counter() - t0
        return doc


def _any_language(analyzer: Analyzer) -> bool:
    """An analyzer written to the protocol without subclassing :class:`Analyzer` reads
    English, as most do."""
    return bool(getattr(analyzer, "any_language", False))


def validate(analyzers: Sequence[Analyzer]) -> None:
    """Raise PipelineError unless every declared name is a layer of the data model and each
    analyzer's requires are met by what comes before it."""
    layers = layer_names()
    available = set(READER_PROVIDES)
    seen: set[str] = set()
    for a in analyzers:
        if a.name in seen:
            raise PipelineError(f"analyzer {a.name!r} appears twice", code="E203")
        unknown = [n for n in (*a.requires, *a.assigns) if n not in layers]
        if unknown:
            raise PipelineError(f"analyzer {a.name!r} declares {', '.join(unknown)}, which the "
                                "data model does not have (see echoscope.doc.layer_names)",
                                code="E204")
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
    analyzers: list[Analyzer] = []
    for name in names:
        cls = ANALYZERS.get(name)
        if cls is None:
            raise PipelineError(
                f"unknown analyzer {name!r}; known: {', '.join(sorted(ANALYZERS))}", code="E201"
            )
        analyzers.append(cls(settings.analyzer_config(name)))
    return Pipeline(analyzers, max_chars=settings.get("analysis.max_chars"),
                    languages=settings.get("analysis.languages"))


def load_settings(config_file: str | Path | None = None,
                  overrides: Mapping[str, Any] | None = None) -> Settings:
    """The settings: shipped defaults, then ``config_file`` (TOML), then ``overrides``
    (dotted keys; None values are skipped). Every setting is checked — the analyzers'
    sections against their declared settings — so a typo fails before anything runs."""
    return _load_settings(config_file, dict(overrides or {}),
                          analyzers={name: cls.settings for name, cls in ANALYZERS.items()})
