"""The same pipeline on a Dask cluster: shards of inputs in, Parquet partitions out.

The client walks the inputs (cheap) and cuts them into shards of ``run.batch_size``; each
shard is one task that runs :func:`echoscope.runners.local.run_serial` on a worker and writes
``<out>/<table>/part-<shard>.parquet`` in the store's row layout. ``<out>/manifest.json``
accounts for every input of every finished shard (stored, near-copy, or failed with its
reason) and is replaced atomically after each shard. A resumed run skips every input a
finished shard accounts for, by its source (not by its position, so inputs added or removed
since are handled), and numbers its new shards after the finished ones.
``echoscope load <out> --db FILE`` imports the partitions; DuckDB can also query them in
place (``read_parquet('<out>/posts/*.parquet')``).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from ..config import Settings
from ..doc import Doc, ErrorRecord
from ..pipeline import Pipeline, build_pipeline
from ..readers import InputStats, RawInput, iter_inputs
from ..store import batch_tables, write_partition
from .analyze import MAX_ERRORS_IN_SUMMARY, RunSummary, versions
from .dedupe import Duplicate, NearDuplicateIndex
from .local import run_serial

_PIPELINES: dict[str, Pipeline] = {}  # per worker process, by analyzers and settings


def _process_shard(shard: int, items: list[RawInput | ErrorRecord], settings: Settings,
                   names: list[str], out: str) -> dict[str, Any]:
    key = json.dumps([names, settings.data], sort_keys=True, default=str)
    if key not in _PIPELINES:
        _PIPELINES[key] = build_pipeline(settings, names)
    pipeline = _PIPELINES[key]
    # Near-copies are found within a shard here (the local engine sees the whole run).
    gate = (NearDuplicateIndex(settings.get("dedupe.threshold"),
                               window=settings.get("dedupe.window")).check
            if settings.get("dedupe.enabled") else None)
    results = list(run_serial(items, settings, pipeline, gate))
    docs = [r for r in results if isinstance(r, Doc)]
    errors = [r for r in results if isinstance(r, ErrorRecord)]
    copies = [r for r in results if isinstance(r, Duplicate)]
    write_partition(out, shard, batch_tables(docs, errors, f"dask-{shard}", copies))
    return {
        "shard": shard,
        "inputs": len(results),
        "articles": len(docs),
        "posts": sum(len(d.posts) for d in docs),
        "flags": sum(len(d.flags) for d in docs),
        "stored": [d.source for d in docs],
        "duplicates": [[c.source, c.original_id] for c in copies],
        "errors": [[e.source, e.code, e.reason] for e in errors],
    }


def _peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _shards(items: Iterable[RawInput | ErrorRecord], size: int) -> Iterator[list]:
    shard: list = []
    for item in items:
        shard.append(item)
        if len(shard) >= size:
            yield shard
            shard = []
    if shard:
        yield shard


def _accounted(manifest: dict[str, Any]) -> set[str]:
    """Every source a finished shard stored, linked as a near-copy, or recorded as failed."""
    done: set[str] = set()
    for shard in manifest["shards"].values():
        done.update(shard["stored"])
        done.update(source for source, _ in shard.get("duplicates", []))
        done.update(error[0] for error in shard["errors"])
    return done


def _write_manifest(path: Path, manifest: dict[str, Any]) -> None:
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(manifest, indent=1) + "\n", "utf-8")
    os.replace(tmp, path)


def analyze_dask(paths: list[str], settings: Settings, out_dir: str | Path, *,
                 scheduler: str | None = None, workers: int | None = None,
                 resume: bool = False,
                 on_progress: Callable[[RunSummary], None] | None = None) -> RunSummary:
    """Run the configured profile over ``paths`` on Dask; returns the run's summary."""
    from dask.distributed import Client, LocalCluster, as_completed

    names = build_pipeline(settings).names  # fails fast on a bad profile, before any cluster
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    manifest_path = out / "manifest.json"
    manifest: dict[str, Any] = {"shards": {}}
    if resume and manifest_path.exists():
        manifest = json.loads(manifest_path.read_text("utf-8"))
    manifest.update({"config": settings.data, "versions": versions(), "profile": names})
    summary = RunSummary()
    stats = InputStats()
    started = time.perf_counter()
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        n = workers or settings.workers
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    window = 2 * max(1, len(client.scheduler_info().get("workers", {})) or 1)

    def collect(result: dict[str, Any]) -> None:
        manifest["shards"][str(result["shard"])] = result
        _write_manifest(manifest_path, manifest)
        summary.inputs += result["inputs"]
        summary.articles += result["articles"]
        summary.posts += result["posts"]
        summary.flags += result["flags"]
        summary.duplicates += len(result.get("duplicates", []))
        summary.error_count += len(result["errors"])
        room = MAX_ERRORS_IN_SUMMARY - len(summary.errors)
        summary.errors += [ErrorRecord(*e) for e in result["errors"][:max(0, room)]]
        if on_progress:
            on_progress(summary)

    first = 0
    if manifest["shards"]:
        stats.done = _accounted(manifest)
        first = 1 + max(int(k) for k in manifest["shards"])
    try:
        pending = as_completed()
        in_flight = 0
        for index, shard in enumerate(_shards(iter_inputs(paths, settings, stats),
                                              settings.get("run.batch_size")), start=first):
            pending.add(client.submit(_process_shard, index, shard, settings, names, str(out),
                                      pure=False))
            in_flight += 1
            while in_flight >= window:
                collect(next(pending).result())
                in_flight -= 1
        for future in pending:
            collect(future.result())
        summary.worker_peak_rss_mb = {w: round(v, 1) for w, v in client.run(_peak_rss_mb).items()}
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    summary.seconds = time.perf_counter() - started
    summary.skipped_files = stats.skipped_files
    summary.skipped_records = stats.skipped_records
    summary.skipped_done = stats.skipped_done
    return summary
