"""Runners apply the same ``to_doc`` + pipeline to a stream of inputs.

They only move data: in this process, or in a pool of local processes. Output order is
input order, so ``--workers N`` gives exactly what ``--workers 1`` gives. The number of
inputs in flight is bounded, so memory stays flat however long the stream is.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from ..config import Settings
from ..doc import Doc, ErrorRecord
from ..errors import EchoscopeError
from ..pipeline import Pipeline, build_pipeline
from ..readers import RawInput, to_doc

Result = Doc | ErrorRecord


def process_input(raw: RawInput, settings: Settings, pipeline: Pipeline) -> Result:
    """One input through reading and the pipeline; failures become an ErrorRecord."""
    doc = parse_input(raw, settings)
    return doc if isinstance(doc, ErrorRecord) else analyse_doc(doc, pipeline)


def parse_input(raw: RawInput, settings: Settings) -> Result:
    """Read one input into a Doc, or the ErrorRecord that says why it cannot be."""
    return _guarded(raw.source, lambda: to_doc(raw, settings))


def analyse_doc(doc: Doc, pipeline: Pipeline) -> Result:
    """Run the pipeline over one Doc; a failure becomes an ErrorRecord."""
    return _guarded(doc.source, lambda: pipeline(doc))


def analyse_docs(docs: list[Doc], pipeline: Pipeline) -> list[Result]:
    """Run the pipeline over several Docs at once (:meth:`Pipeline.many`: the encoder
    batches across them); each failure becomes that Doc's ErrorRecord."""
    if len(docs) < 2:
        return [analyse_doc(doc, pipeline) for doc in docs]
    outcomes = _guarded("", lambda: pipeline.many(docs))
    if isinstance(outcomes, ErrorRecord):  # not one document's fault: each on its own
        return [analyse_doc(doc, pipeline) for doc in docs]
    return [ErrorRecord(doc.source, o.code, o.reason) if isinstance(o, EchoscopeError) else o
            for doc, o in zip(docs, outcomes, strict=True)]


def _guarded(source: str, step) -> Any:
    try:
        return step()
    except EchoscopeError as exc:
        return ErrorRecord(source, exc.code, exc.reason)
    except Exception as exc:  # noqa: BLE001 - a bug on one input must not stop the batch
        where = traceback.extract_tb(exc.__traceback__)[-1]
        return ErrorRecord(
            source,
            "E400",
            f"internal error {type(exc).__name__}: {exc} (at {where.filename}:{where.lineno})",
        )


#: Decides, for a parsed Doc, whether it is a copy of one already seen (then it is not
#: analysed; the returned object stands for it in the output).
Gate = Callable[[Doc], Any]


#: Documents analysed together (:func:`analyse_docs`) by one process.
BATCH = 8


def run_serial(
    items: Iterable[RawInput | ErrorRecord], settings: Settings, pipeline: Pipeline,
    gate: Gate | None = None, batch: int = BATCH,
) -> Iterator[Any]:
    """Each input read (and checked by ``gate``) in order; the Docs to analyse go through
    the pipeline ``batch`` at a time. Output order is input order; a result that waits
    for no analysis (an error, a copy) goes out at once when nothing before it waits."""
    slots: list[Any] = []  # results in input order; None where a Doc of `docs` goes
    docs: list[Doc] = []

    def flush() -> Iterator[Any]:
        analysed = iter(analyse_docs(docs, pipeline))
        ready = [next(analysed) if s is None else s for s in slots]
        slots.clear()
        docs.clear()
        yield from ready

    try:
        for item in items:
            doc = item if isinstance(item, ErrorRecord) else parse_input(item, settings)
            copy = gate(doc) if gate is not None and isinstance(doc, Doc) else None
            if isinstance(doc, ErrorRecord) or copy is not None:
                slots.append(doc if copy is None else copy)
            else:
                slots.append(None)
                docs.append(doc)
            if not docs or len(docs) >= batch or len(slots) >= 4 * batch:
                yield from flush()
    except Exception:  # the reader or the gate failed: what was read still goes out
        yield from flush()
        raise
    yield from flush()


# Worker-process state, set once per process by _init_worker.
_WORKER: tuple[Settings, Pipeline] | None = None


def _init_worker(settings: Settings, names: list[str], parent: int) -> None:
    global _WORKER
    exit_when_orphaned(parent)
    _WORKER = (settings, build_pipeline(settings, names))


def serve_inputs(conn: Any, settings: Settings, parent: int | None = None) -> None:
    """A worker process's loop (the web app's analyses): build the pipeline once, say
    ``"ready"``, then answer each RawInput received on ``conn`` with its result until the
    other end closes. Exits when its parent process dies."""
    exit_when_orphaned(parent)
    pipeline = build_pipeline(settings)
    conn.send("ready")
    while True:
        try:
            raw = conn.recv()
        except EOFError:
            return
        conn.send(process_input(raw, settings, pipeline))


def exit_when_orphaned(parent: int | None = None, every: float = 1.0) -> None:
    """Watch, from a daemon thread, for this process's parent to die; then exit. Without
    it, a worker whose parent was killed (SIGKILL, SIGTERM, a crash) runs on, re-parented
    to init. Polling, not Linux's parent-death signal: that one follows the *thread* that
    started the process (the web app starts workers from request threads that come and
    go), and it is Linux-only. ``parent``: the process that started this one (given by
    it, so that a parent which died while this one was still starting is noticed too);
    default: the current parent."""
    import threading
    import time

    if parent is None:
        parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(every)
            if os.getppid() != parent:
                os._exit(0)

    threading.Thread(target=watch, name="orphan-watch", daemon=True).start()


def _work_chunk(chunk: list[RawInput]) -> tuple[list[Result], dict[str, float]]:
    assert _WORKER is not None, "worker not initialised"
    settings, pipeline = _WORKER
    before = dict(pipeline.timings)
    results = list(run_serial(chunk, settings, pipeline, batch=len(chunk)))
    return results, {k: pipeline.timings[k] - before.get(k, 0.0) for k in pipeline.timings}


def _parse_chunk(chunk: list[RawInput]) -> tuple[list[Result], dict[str, float]]:
    assert _WORKER is not None, "worker not initialised"
    return [parse_input(raw, _WORKER[0]) for raw in chunk], {}


def _analyse_chunk(docs: list[Doc]) -> tuple[list[Result], dict[str, float]]:
    assert _WORKER is not None, "worker not initialised"
    pipeline = _WORKER[1]
    before = dict(pipeline.timings)
    results = analyse_docs(docs, pipeline)
    return results, {k: pipeline.timings[k] - before.get(k, 0.0) for k in pipeline.timings}


def run_pool(
    items: Iterable[RawInput | ErrorRecord],
    settings: Settings,
    pipeline: Pipeline,
    workers: int,
    chunk_size: int = 8,
    gate: Gate | None = None,
) -> Iterator[Any]:
    """Like :func:`run_serial`, on ``workers`` processes; ``pipeline.timings`` is summed.

    With a ``gate``, workers parse first; this process decides which Docs are copies, and
    only the others go back to the workers for analysis. Output order is input order.
    """
    ctx = multiprocessing.get_context("spawn")
    window = workers * 4
    first = _work_chunk if gate is None else _parse_chunk
    with _pool(workers, ctx, settings, pipeline.names) as pool:
        # Entries: an ErrorRecord; ("done", future); or ("analyse", future, slots) where
        # slots holds the chunk's final results with None where an analysed Doc goes.
        pending: deque[Any] = deque()
        chunk: list[RawInput] = []

        def results_of(future: Future) -> list[Any]:
            results, timings = future.result()
            for name, seconds in timings.items():
                pipeline.timings[name] = pipeline.timings.get(name, 0.0) + seconds
            return results

        def drain(limit: int) -> Iterator[Any]:
            while len(pending) > limit:
                head = pending.popleft()
                if isinstance(head, ErrorRecord):
                    yield head
                elif head[0] == "done" and gate is None:
                    yield from results_of(head[1])
                elif head[0] == "done":
                    assert gate is not None
                    slots: list[Any] = []
                    keep: list[Doc] = []
                    for r in results_of(head[1]):
                        copy = gate(r) if isinstance(r, Doc) else None
                        if isinstance(r, Doc) and copy is None:
                            slots.append(None)
                            keep.append(r)
                        else:
                            slots.append(copy if copy is not None else r)
                    if keep:
                        pending.appendleft(("analyse", pool.submit(_analyse_chunk, keep), slots))
                    else:
                        yield from slots
                else:
                    analysed = iter(results_of(head[1]))
                    yield from (next(analysed) if s is None else s for s in head[2])

        for item in items:
            if isinstance(item, ErrorRecord):
                if chunk:
                    pending.append(("done", pool.submit(first, chunk)))
                    chunk = []
                pending.append(item)
            else:
                chunk.append(item)
                if len(chunk) >= chunk_size:
                    pending.append(("done", pool.submit(first, chunk)))
                    chunk = []
            yield from drain(window)
        if chunk:
            pending.append(("done", pool.submit(first, chunk)))
        yield from drain(0)


@contextlib.contextmanager
def _pool(workers: int, ctx: Any, settings: Settings, names: list[str]
          ) -> Iterator[ProcessPoolExecutor]:
    """A process pool that, when the run stops early (Ctrl-C, SIGTERM, an error), stops its
    workers at once instead of waiting for the chunks they are working on."""
    pool = ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init_worker,
                               initargs=(settings, names, os.getpid()))
    try:
        yield pool
    except BaseException:
        processes = list(getattr(pool, "_processes", {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for proc in processes:
            with contextlib.suppress(Exception):
                proc.kill()
        raise
    pool.shutdown(wait=True)


def run(
    items: Iterable[RawInput | ErrorRecord], settings: Settings, pipeline: Pipeline,
    gate: Gate | None = None,
) -> Iterator[Any]:
    """Choose the runner from ``settings.workers``."""
    if settings.workers <= 1:
        return run_serial(items, settings, pipeline, gate)
    return run_pool(items, settings, pipeline, settings.workers, gate=gate)
