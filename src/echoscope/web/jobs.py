"""Analyses for the web app, in worker processes: never on the event loop, never blocking
reads, with a time limit that really stops the work, and a bounded queue.

Each worker is a spawned process that builds the pipeline once and then reads and analyses
one :class:`~echoscope.readers.RawInput` at a time (the same ``process_input`` the CLI's
runners call). A job that runs past the limit has its worker killed (the work stops, its
memory is returned) and replaced on the next job. Jobs beyond ``workers + queue`` are
refused at once (503 with ``Retry-After``), so a flood of slow inputs cannot pile up.
The database is never touched here: the server stores what comes back.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import queue
import threading
import time
from collections.abc import Iterator
from typing import Any

from ..config import Settings
from ..doc import Doc, ErrorRecord
from ..errors import RequestError
from ..readers import RawInput
from ..runners.local import serve_inputs

#: How long a new worker may take to load its models before it counts as failed.
STARTUP_S = 300.0


class _Worker:
    def __init__(self, ctx: Any, settings: Settings) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=serve_inputs, args=(child, settings, os.getpid()),
                                daemon=True,
                                name="echoscope-analysis")
        self.proc.start()
        child.close()
        self.ready = False

    def call(self, raw: RawInput, timeout: float) -> Doc | ErrorRecord:
        if not self.ready:
            if not self.conn.poll(STARTUP_S) or self.conn.recv() != "ready":
                raise RuntimeError("the analysis worker did not start")
            self.ready = True
        self.conn.send(raw)
        if not self.conn.poll(timeout):
            raise TimeoutError
        result = self.conn.recv()
        assert isinstance(result, Doc | ErrorRecord)
        return result

    def alive(self) -> bool:
        return self.proc.is_alive()

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            self.proc.kill()
            self.proc.join(5)
        with contextlib.suppress(Exception):
            self.conn.close()


class AnalysisJobs:
    """``workers`` analysis processes and room for ``queue`` jobs waiting for one."""

    def __init__(self, settings: Settings, *, workers: int, queue_size: int,
                 timeout: float) -> None:
        self.settings = settings
        self.timeout = timeout
        self._ctx = multiprocessing.get_context("spawn")
        self._slots = threading.BoundedSemaphore(workers + queue_size)
        self._idle: queue.LifoQueue[_Worker | None] = queue.LifoQueue()
        for _ in range(workers):
            self._idle.put(None)  # started on first use
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self.completed = 0
        self.timed_out = 0
        self.refused = 0

    def run(self, raw: RawInput) -> Doc | ErrorRecord:
        """Analyse one input; E707 (busy) when the queue is full, E706 past the limit."""
        if not self._slots.acquire(blocking=False):
            self.refused += 1
            raise RequestError("the server is busy analysing other documents; try again "
                               "in a few seconds", code="E707")
        try:
            with self._worker() as worker:
                started = time.monotonic()
                try:
                    result = worker.call(raw, self.timeout)
                except TimeoutError:
                    self.timed_out += 1
                    self._discard(worker)
                    raise RequestError(f"the analysis took longer than {self.timeout:g} s and "
                                       f"was stopped", code="E706") from None
                except (EOFError, OSError, RuntimeError) as exc:
                    self._discard(worker)  # it died (out of memory, killed): a fresh one next
                    raise RequestError(f"the analysis worker stopped ({type(exc).__name__}) "
                                       f"after {time.monotonic() - started:.1f} s",
                                       code="E706") from None
                self.completed += 1
                return result
        finally:
            self._slots.release()

    @contextlib.contextmanager
    def _worker(self) -> Iterator[_Worker]:
        held = self._idle.get()  # waits while every worker is busy (the queue is bounded)
        worker = held
        try:
            if worker is None or not worker.alive():
                worker = _Worker(self._ctx, self.settings)
                with self._lock:
                    self._all.add(worker)
            yield worker
        finally:
            self._idle.put(worker if worker is not None and worker.alive() else None)

    def _discard(self, worker: _Worker) -> None:
        worker.kill()
        with self._lock:
            self._all.discard(worker)

    def close(self) -> None:
        with self._lock:
            workers, self._all = list(self._all), set()
        for worker in workers:
            worker.kill()
