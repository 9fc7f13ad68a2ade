"""``echoscope analyze`` and ``echoscope load``."""

from __future__ import annotations

import json
import sys
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
def analyze_cmd(paths, url_lists, db, json_out, no_store, workers, profile, input_format,
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
        if json_out:
            raise click.UsageError("--json is not available with --engine dask; "
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
    store = None if no_store else Store(settings.db,
                                        memory_limit=settings.get("store.memory_limit"))
    try:
        summary = _run_with_progress(list(paths), settings, store, emit if json_out else None,
                                     show_progress, resume)
    finally:
        if store is not None:
            store.close()
    _print_summary(summary, None if no_store else settings.db)
    sys.stdout.flush()
    raise click.exceptions.Exit(summary.exit_code)


def _run_with_progress(paths, settings, store, on_doc, show_progress, resume) -> RunSummary:
    if not show_progress:
        return analyze(paths, settings, store=store, on_doc=on_doc, resume=resume)
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
                       resume=resume)


def _print_summary(s: RunSummary, db: str | None) -> None:
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
            err.print(f"  … and {s.error_count - 50} more (see the errors table)")


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
