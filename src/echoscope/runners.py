"""Runners apply the same ``to_doc`` + pipeline to a stream of inputs.

They only move data: in this process, or in a pool of local processes. Output order is
input order, so ``--workers N`` gives exactly what ``--workers 1`` gives. The number of
inputs in flight is bounded, so memory stays flat however long the stream is.
"""

from __future__ import annotations

import multiprocessing
import traceback
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from .config import Settings
from .doc import Doc, ErrorRecord
from .errors import EchoscopeError
from .pipeline import Pipeline, build_pipeline
from .readers import RawInput, to_doc

Result = Doc | ErrorRecord


def process_input(raw: RawInput, settings: Settings, pipeline: Pipeline) -> Result:
    """One input through reading and the pipeline; failures become an ErrorRecord."""
    try:
        return pipeline(to_doc(raw, settings))
    except EchoscopeError as exc:
        return ErrorRecord(raw.source, exc.code, exc.reason)
    except Exception as exc:  # noqa: BLE001 - a bug on one input must not stop the batch
        where = traceback.extract_tb(exc.__traceback__)[-1]
        return ErrorRecord(
            raw.source,
            "E400",
            f"internal error {type(exc).__name__}: {exc} (at {where.filename}:{where.lineno})",
        )


def run_serial(
    items: Iterable[RawInput | ErrorRecord], settings: Settings, pipeline: Pipeline
) -> Iterator[Result]:
    for item in items:
        yield item if isinstance(item, ErrorRecord) else process_input(item, settings, pipeline)


# Worker-process state, set once per process by _init_worker.
_WORKER: tuple[Settings, Pipeline] | None = None


def _init_worker(settings: Settings, names: list[str]) -> None:
    global _WORKER
    _WORKER = (settings, build_pipeline(settings, names))


def _work_chunk(chunk: list[RawInput]) -> tuple[list[Result], dict[str, float]]:
    assert _WORKER is not None, "worker not initialised"
    settings, pipeline = _WORKER
    before = dict(pipeline.timings)
    results = [process_input(raw, settings, pipeline) for raw in chunk]
    return results, {k: pipeline.timings[k] - before.get(k, 0.0) for k in pipeline.timings}


def run_pool(
    items: Iterable[RawInput | ErrorRecord],
    settings: Settings,
    pipeline: Pipeline,
    workers: int,
    chunk_size: int = 8,
) -> Iterator[Result]:
    """Like :func:`run_serial`, on ``workers`` processes; ``pipeline.timings`` is summed."""
    ctx = multiprocessing.get_context("spawn")
    window = workers * 4
    with ProcessPoolExecutor(
        workers, mp_context=ctx, initializer=_init_worker, initargs=(settings, pipeline.names)
    ) as pool:
        pending: deque[Future | ErrorRecord] = deque()
        chunk: list[RawInput] = []

        def drain(limit: int) -> Iterator[Result]:
            while len(pending) > limit:
                head = pending.popleft()
                if isinstance(head, ErrorRecord):
                    yield head
                    continue
                results, timings = head.result()
                for name, seconds in timings.items():
                    pipeline.timings[name] = pipeline.timings.get(name, 0.0) + seconds
                yield from results

        for item in items:
            if isinstance(item, ErrorRecord):
                if chunk:
                    pending.append(pool.submit(_work_chunk, chunk))
                    chunk = []
                pending.append(item)
            else:
                chunk.append(item)
                if len(chunk) >= chunk_size:
                    pending.append(pool.submit(_work_chunk, chunk))
                    chunk = []
            yield from drain(window)
        if chunk:
            pending.append(pool.submit(_work_chunk, chunk))
        yield from drain(0)


def run(
    items: Iterable[RawInput | ErrorRecord], settings: Settings, pipeline: Pipeline
) -> Iterator[Result]:
    """Choose the runner from ``settings.workers``."""
    if settings.workers <= 1:
        return run_serial(items, settings, pipeline)
    return run_pool(items, settings, pipeline, settings.workers)
