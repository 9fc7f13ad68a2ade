"""``echoscope analyze`` and ``echoscope load``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click
from rich.table import Table

from ..runners import RunSummary, analyze, read_url_list
from ..store import Store
from ._app import app, config_option, db_option, err, settings_from


@app.command("analyze")
@click.argument("paths", nargs=-1)
@click.option("--urls", "url_lists", multiple=True, metavar="FILE",
              help="A file of links to fetch and analyse, one per line (# comments; - for "
              "stdin). Repeatable.")
@db_option
@click.option("--json", "json_out", is_flag=True, help="Write JSON Lines to stdout.")
@click.option("--ledger", "ledger_path", default=None, metavar="FILE",
              help="Write one JSON line per input read, in input order: an article, a "
              "near-copy of one, or an error with its code and reason.")
@click.option("--no-store", is_flag=True, help="Do not write the database.")
@click.option("--workers", "-w", type=click.IntRange(min=1), default=None, help="Worker processes.")
@click.option("--profile", default=None, help="Analyzer profile (fast, full, or your own).")
@click.option("--format", "input_format", default=None,
              type=click.Choice(["auto", "text", "html", "jsonl", "csv", "warc"]),
              help="Input format.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=None,
              help="Per-document size limit in bytes.")
@click.option("--field", "fields", multiple=True,
              help="Record field mapping NAME=COLUMN, e.g. content=body (repeatable).")
@click.option("--progress", type=click.Choice(["auto", "always", "never"]), default=None,
              help="Progress bar on stderr.")
@click.option("--resume", is_flag=True, help="Skip inputs the database already accounts for.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local",
              show_default=True, help="local processes, or a Dask cluster (writes Parquet).")
@click.option("--scheduler", default=None, help="Dask scheduler address (default: a local "
              "cluster of --workers processes).")
@click.option("--out", "out_dir", default="echoscope-parts", show_default=True,
              help="Folder for the Parquet partitions and manifest of a Dask run.")
@config_option
def analyze_cmd(paths, url_lists, db, json_out, ledger_path, no_store, workers, profile, input_format,
                max_bytes, fields, progress, resume, engine, scheduler, out_dir,
                config) -> None:
    """Analyse articles (files, folders, globs, - for stdin, or links: https://…) and
    store them. A link is fetched (see the fetch.* settings); its page and final URL are
    kept with the article."""
    paths = list(paths)
    for listed in url_lists:
        try:
            paths.extend(read_url_list(listed))
        except OSError as exc:
            raise click.BadParameter(f"cannot read {listed}: {exc.strerror or exc}",
                                     param_hint="--urls") from None
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--urls") from None
    if not paths and not url_lists:
        raise click.UsageError("give at least one input: a file, folder, glob, - (stdin), "
                               "a link, or --urls FILE")
    overrides: dict[str, Any] = {
        "store.db": db, "run.workers": workers, "analysis.profile": profile,
        "input.format": input_format, "input.max_bytes": max_bytes, "run.progress": progress,
    }
    for item in fields:
        name, sep, column = item.partition("=")
        if not sep or not column:
            raise click.UsageError(f"--field expects NAME=COLUMN, got {item!r}")
        overrides[f"input.fields.{name.strip()}"] = column.strip()
    settings = settings_from(config, **overrides)

    def emit(doc: Any) -> None:
        sys.stdout.write(json.dumps(doc.to_dict(), ensure_ascii=False, default=str) + "\n")

    if engine == "dask":
        if json_out or ledger_path:
            flag = "--json" if json_out else "--ledger"
            raise click.UsageError(f"{flag} is not available with --engine dask; "
                                   "query the Parquet partitions or `echoscope load` them")
        from ..runners.dask import analyze_dask

        summary = analyze_dask(list(paths), settings, out_dir, scheduler=scheduler,
                               workers=workers, resume=resume)
        _print_summary(summary, None)
        err.print(f"partitions and manifest in {out_dir}; import with "
                  f"`echoscope load {out_dir} --db FILE`", markup=False)
        raise click.exceptions.Exit(summary.exit_code)

    show = settings.get("run.progress")
    show_progress = show == "always" or (show == "auto" and err.is_terminal)
    if ledger_path:
        _ledger_not_an_input(ledger_path, paths)
    ledger = _Ledger(ledger_path) if ledger_path else None
    store = None if no_store else Store(settings.db,
                                        memory_limit=settings.get("store.memory_limit"))
    on_doc = emit if json_out else None
    if ledger is not None:
        on_doc = ledger.chain(on_doc)
    try:
        summary = _run_with_progress(list(paths), settings, store, on_doc, show_progress,
                                     resume, ledger)
    finally:
        if store is not None:
            store.close()
        if ledger is not None:
            ledger.close()
    _print_summary(summary, None if no_store else settings.db, ledger_path)
    sys.stdout.flush()
    raise click.exceptions.Exit(summary.exit_code)


def _ledger_not_an_input(ledger: str, paths: list[str]) -> None:
    """A ledger written into a folder being read would be read as an input (a JSONL
    corpus) while it is written: refused before anything is read."""
    target = Path(ledger).resolve()
    for p in paths:
        if p == "-" or "://" in p:
            continue
        where = Path(p).resolve()
        if where == target or (where.is_dir() and target.is_relative_to(where)):
            raise click.BadParameter(f"{ledger} is among the inputs ({p}); write it "
                                     "elsewhere", param_hint="--ledger")


class _Ledger:
    """``--ledger FILE``: one JSON line per input read, in input order — ``{source, status:
    article, id}``, ``{source, status: near_copy, id, original_id, original_source,
    similarity}`` or ``{source, status: error, code, reason}`` — so that a run accounts
    for every input with or without a database (the summary on stderr lists at most 50
    errors)."""

    def __init__(self, path: str) -> None:
        try:
            self.file = open(path, "w", encoding="utf-8")  # noqa: SIM115 (closed by close())
        except OSError as exc:
            raise click.BadParameter(f"cannot write {path}: {exc.strerror or exc}",
                                     param_hint="--ledger") from None

    def _write(self, record: dict[str, Any]) -> None:
        self.file.write(json.dumps(record, ensure_ascii=False) + "\n")

    def chain(self, on_doc: Any) -> Any:
        def both(doc: Any) -> None:
            self._write({"source": doc.source, "status": "article", "id": doc.id})
            if on_doc is not None:
                on_doc(doc)
        return both

    def copy(self, dup: Any) -> None:
        self._write({"source": dup.source, "status": "near_copy", "id": dup.article_id,
                     "original_id": dup.original_id, "original_source": dup.original_source,
                     "similarity": round(float(dup.similarity), 4)})

    def error(self, rec: Any) -> None:
        self._write({"source": rec.source, "status": "error", "code": rec.code,
                     "reason": rec.reason})

    def close(self) -> None:
        self.file.close()


def _run_with_progress(paths, settings, store, on_doc, show_progress, resume,
                       ledger: _Ledger | None = None) -> RunSummary:
    hooks: dict[str, Any] = {}
    if ledger is not None:
        hooks = {"on_copy": ledger.copy, "on_error": ledger.error}
    if not show_progress:
        return analyze(paths, settings, store=store, on_doc=on_doc, resume=resume, **hooks)
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                  console=err, transient=True) as bar:
        task = bar.add_task("reading", total=None)

        def tick(s: RunSummary) -> None:
            if s.inputs % 10 == 0:
                bar.update(task, description=(
                    f"{s.inputs} inputs · {s.articles} articles · {s.posts} posts · "
                    f"{s.error_count} errors"))

        return analyze(paths, settings, store=store, on_doc=on_doc, on_progress=tick,
                       resume=resume, **hooks)


def _print_summary(s: RunSummary, db: str | None, ledger: str | None = None) -> None:
    if s.inputs == 0:
        err.print("[yellow]no inputs found[/]"
                  + (f" ({s.skipped_files} files skipped for their extension; see the "
                     "input.*_extensions settings)" if s.skipped_files else ""))
    table = Table(title="echoscope analyze", show_header=False, title_justify="left")
    rows = [
        ("inputs", s.inputs), ("articles", s.articles), ("new articles", s.new_articles),
        ("posts", s.posts), ("flags", s.flags), ("errors", s.error_count),
        ("seconds", f"{s.seconds:.2f}"), ("articles/s", f"{s.articles_per_second:.1f}"),
    ]
    if s.duplicates:
        rows.insert(3, ("near-copies (linked, not analysed again)", s.duplicates))
    if s.skipped_files:
        rows.append(("files skipped (other extensions)", s.skipped_files))
    if s.skipped_done:
        rows.append(("skipped (done in an earlier run)", s.skipped_done))
    if s.skipped_records:
        rows.append(("WARC records skipped (not HTML responses)", s.skipped_records))
    if db:
        rows.append(("database", db))
    for k, v in rows:
        table.add_row(k, str(v))
    err.print(table)
    if s.errors:
        err.print(f"[bold red]{s.error_count} input(s) failed:[/]")
        for e in s.errors[:50]:
            err.print(f"  {e.source}: [{e.code}] {e.reason}", markup=False, soft_wrap=True)
        if s.error_count > 50:
            where = " and ".join(w for w in (
                f"the ledger {ledger}" if ledger else "", "the database's errors table"
                if db else "") if w) or "--ledger FILE to keep them all"
            err.print(f"  … and {s.error_count - 50} more (see {where})", markup=False,
                      soft_wrap=True)


@app.command("load")
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@db_option
@config_option
def load_cmd(folder, db, config) -> None:
    """Import the Parquet partitions of a Dask run into the database."""
    settings = settings_from(config, **{"store.db": db})
    with Store(settings.db, memory_limit=settings.get("store.memory_limit")) as store:
        counts = store.load_parquet(folder)
    err.print(f"loaded {counts['partitions']} partitions ({counts['new_articles']} new "
              f"articles) into {settings.db}", markup=False)
