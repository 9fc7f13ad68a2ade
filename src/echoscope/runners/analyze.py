"""``analyze()``: inputs -> readers -> runner -> pipeline -> store/callback, with accounting.

The CLI's ``analyze`` command is a thin wrapper over this function; the web API (later)
calls it too. Every input is accounted for: ``inputs == articles + duplicates + errors``.
"""

from __future__ import annotations

import contextlib
import platform
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from importlib import metadata

from ..config import Settings
from ..doc import Doc, ErrorRecord
from ..pipeline import build_pipeline
from ..readers import InputStats, RawInput, iter_inputs, to_doc
from ..readers._decode import scrub
from ..store import Store
from .dedupe import Duplicate, NearDuplicateIndex
from .local import run

#: Errors kept in the summary for display; all of them go to the store.
MAX_ERRORS_IN_SUMMARY = 1000


@dataclass(slots=True)
class RunSummary:
    """What one run did. ``exit_code`` is 0 when every input was stored, 2 otherwise."""

    run_id: str | None = None
    inputs: int = 0
    articles: int = 0
    new_articles: int = 0
    posts: int = 0
    flags: int = 0
    duplicates: int = 0
    error_count: int = 0
    errors: list[ErrorRecord] = field(default_factory=list)
    seconds: float = 0.0
    skipped_files: int = 0
    skipped_records: int = 0
    skipped_done: int = 0
    worker_peak_rss_mb: dict[str, float] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.seconds if self.seconds > 0 else 0.0

    @property
    def exit_code(self) -> int:
        return 2 if self.error_count else 0

    def counts(self) -> dict[str, int]:
        return {"inputs": self.inputs, "articles": self.articles,
                "new_articles": self.new_articles, "posts": self.posts, "flags": self.flags,
                "duplicates": self.duplicates, "errors": self.error_count}


def versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for dist in ("echoscope", "duckdb", "trafilatura", "selectolax", "ftfy"):
        try:
            out[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            out[dist] = "unknown"
    return out


def analyze(
    paths: Sequence[str | RawInput],
    settings: Settings,
    *,
    store: Store | None = None,
    on_doc: Callable[[Doc], None] | None = None,
    on_copy: Callable[[Duplicate], None] | None = None,
    on_error: Callable[[ErrorRecord], None] | None = None,
    on_progress: Callable[[RunSummary], None] | None = None,
    resume: bool = False,
    dedupe_index: NearDuplicateIndex | None = None,
    argv: Sequence[str] | None = None,
) -> RunSummary:
    """Analyse every input in ``paths`` (paths, globs, ``-``, or :class:`RawInput` documents
    already in memory); store results and/or hand each Doc to ``on_doc``.

    With ``resume``, inputs the store already accounts for (stored or failed) are skipped,
    so a run that was killed can be started again and does only what is missing. A caller
    that analyses often (the web app) passes its own ``dedupe_index``; ``on_copy`` hears of
    each input found to be a near-copy (it is linked, not analysed), loaded once; otherwise
    one is built here from the store's recent signatures. ``on_error`` hears of each input
    that failed (every one: the summary keeps only the first ``MAX_ERRORS_IN_SUMMARY``).
    ``argv`` is what the ``runs`` table records as the command (default: this process's).
    """
    pipeline = build_pipeline(settings)  # fails fast on a bad profile
    summary = RunSummary()
    stats = InputStats()
    if resume and store is not None:
        stats.done = store.accounted_sources()
    batch_size = settings.get("run.batch_size")
    started = time.perf_counter()
    if store is not None:
        summary.run_id = store.start_run(argv=list(argv if argv is not None else sys.argv),
                                         config=settings.data, versions=versions())
    docs: list[Doc] = []
    errors: list[ErrorRecord] = []
    copies: list[Duplicate] = []
    index = dedupe_index
    if index is None and settings.get("dedupe.enabled"):
        index = new_dedupe_index(settings, store)
    gate = index.check if index is not None else None

    def flush() -> None:
        if store is not None and (docs or errors or copies):
            sigs = index.take_unsaved({d.id for d in docs}) if index else []
            summary.new_articles += store.write(docs, errors, summary.run_id or "", copies,
                                                sigs)
        elif index is not None:
            index.unsaved.clear()  # nothing keeps them: do not let them pile up
        docs.clear()
        errors.clear()
        copies.clear()

    status = "failed"
    try:
        for result in run(iter_inputs(paths, settings, stats), settings, pipeline, gate):
            _count(summary, result)
            if isinstance(result, ErrorRecord):
                errors.append(result)
                if on_error is not None:
                    on_error(result)
            elif isinstance(result, Duplicate):
                copies.append(result)
                if on_copy is not None:
                    on_copy(result)
            else:
                docs.append(result)
                if on_doc is not None:
                    on_doc(result)
            if len(docs) + len(errors) + len(copies) >= batch_size:
                flush()
            if on_progress is not None:
                on_progress(summary)
        flush()
        status = "finished"
    except KeyboardInterrupt:
        flush()
        status = "interrupted"
        raise
    except BaseException:
        # Whatever stopped the run, what was analysed is kept (unless writing is what
        # failed: then the store's own error says why).
        with contextlib.suppress(Exception):
            flush()
        raise
    finally:
        summary.seconds = time.perf_counter() - started
        summary.skipped_files = stats.skipped_files
        summary.skipped_records = stats.skipped_records
        summary.skipped_done = stats.skipped_done
        summary.timings = {k: round(v, 6) for k, v in pipeline.timings.items()}
        if store is not None and summary.run_id:
            store.finish_run(summary.run_id, status=status, counts=summary.counts(),
                             seconds=summary.seconds, timings=summary.timings)
    return summary


def store_analysed(
    results: Sequence[Doc | ErrorRecord], settings: Settings, store: Store | None, *,
    dedupe_index: NearDuplicateIndex | None = None, argv: Sequence[str] = (),
) -> tuple[RunSummary, list[Doc | Duplicate | ErrorRecord]]:
    """Account for and store results analysed elsewhere (the web app's worker processes),
    as :func:`analyze` does for its own: one run record, the near-copy check (a copy is
    linked, not stored twice), one transaction. Returns the summary and, per result, the
    Doc, the Duplicate it turned out to be, or the ErrorRecord."""
    summary = RunSummary()
    started = time.perf_counter()
    out: list[Doc | Duplicate | ErrorRecord] = []
    for result in results:
        copy = (dedupe_index.check(result) if isinstance(result, Doc)
                and dedupe_index is not None else None)
        out.append(copy if copy is not None else result)
        _count(summary, out[-1])
    if store is None:
        if dedupe_index is not None:
            dedupe_index.unsaved.clear()
        return summary, out
    summary.run_id = store.start_run(argv=list(argv), config=settings.data, versions=versions())
    status = "failed"
    try:
        docs = [r for r in out if isinstance(r, Doc)]
        sigs = dedupe_index.take_unsaved({d.id for d in docs}) if dedupe_index else []
        summary.new_articles = store.write(docs, [r for r in out if isinstance(r, ErrorRecord)],
                                           summary.run_id,
                                           [r for r in out if isinstance(r, Duplicate)], sigs)
        status = "finished"
    finally:
        summary.seconds = time.perf_counter() - started
        store.finish_run(summary.run_id, status=status, counts=summary.counts(),
                         seconds=summary.seconds, timings={})
    return summary, out


def new_dedupe_index(settings: Settings, store: Store | None) -> NearDuplicateIndex:
    """A near-copy index with the store's most recent signatures (``dedupe.window``)."""
    index = NearDuplicateIndex(settings.get("dedupe.threshold"), window=settings.get("dedupe.window"))
    if store is not None:
        for article_id, source, signature in store.signatures(index.window):
            index.add(article_id, source, signature)
    return index


def _count(summary: RunSummary, result: Doc | ErrorRecord | Duplicate) -> None:
    summary.inputs += 1
    if isinstance(result, Duplicate):
        summary.duplicates += 1
    elif isinstance(result, ErrorRecord):
        summary.error_count += 1
        if len(summary.errors) < MAX_ERRORS_IN_SUMMARY:
            summary.errors.append(result)
    else:
        summary.articles += 1
        summary.posts += len(result.posts)
        summary.flags += len(result.flags)


def analyze_text(text: str, settings: Settings, *, source: str = "<text>",
                 html: bool = False) -> Doc:
    """Analyse one document given as a string (for notebooks); raises the document's
    :class:`~echoscope.errors.InputError` or :class:`~echoscope.errors.AnalysisError`."""
    pipeline = build_pipeline(settings)
    kind = "html" if html else "text"
    # A lone surrogate cannot be encoded: it becomes U+FFFD, as it does in the readers.
    data = scrub(text).encode("utf-8")
    return pipeline(to_doc(RawInput(source, kind, data), settings))


def iter_docs(paths: Iterable[str | RawInput], settings: Settings) -> Iterable[Doc | ErrorRecord]:
    """Docs and ErrorRecords for ``paths`` without storing anything."""
    pipeline = build_pipeline(settings)
    return run(iter_inputs(list(paths), settings), settings, pipeline)
