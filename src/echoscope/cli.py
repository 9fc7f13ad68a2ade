"""The ``echoscope`` command line: thin commands over library functions.

Exit codes: 0 everything stored (or the query ran); 2 some inputs failed (each is listed
in the summary and in the ``errors`` table); 1 usage or configuration error.
Results go to stdout; logs, progress and summaries go to stderr.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from .analysis import RunSummary, analyze
from .config import Settings, load_settings
from .doc import PLATFORMS, Doc
from .errors import EchoscopeError, InputError, StoreError
from .store import Store

err = Console(stderr=True, highlight=False)
out = Console(highlight=False, soft_wrap=True)

db_option = click.option("--db", default=None, help="DuckDB file (default: the store.db setting).")
config_option = click.option("--config", type=click.Path(dir_okay=False, path_type=Path),
                             default=None, help="TOML file overlaying the defaults.")
format_option = click.option("--format", "-f", "fmt", type=click.Choice(["table", "json", "csv"]),
                             default="table", show_default=True, help="Output format.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="echoscope")
def app() -> None:
    """Turn news articles and the social-media posts quoted in them into searchable evidence."""


def _settings(config: Path | None, **overrides: Any) -> Settings:
    return load_settings(config, overrides)


@app.command("analyze")
@click.argument("paths", nargs=-1, required=True)
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
def analyze_cmd(paths, db, json_out, no_store, workers, profile, input_format, max_bytes,
                fields, progress, resume, engine, scheduler, out_dir, config) -> None:
    """Analyse articles (files, folders, globs, - for stdin) and store them."""
    overrides: dict[str, Any] = {
        "store.db": db, "run.workers": workers, "analysis.profile": profile,
        "input.format": input_format, "input.max_bytes": max_bytes, "run.progress": progress,
    }
    for item in fields:
        name, sep, column = item.partition("=")
        if not sep or not column:
            raise click.UsageError(f"--field expects NAME=COLUMN, got {item!r}")
        overrides[f"input.fields.{name.strip()}"] = column.strip()
    settings = _settings(config, **overrides)

    def emit(doc: Any) -> None:
        sys.stdout.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")

    if engine == "dask":
        if json_out:
            raise click.UsageError("--json is not available with --engine dask; "
                                   "query the Parquet partitions or `echoscope load` them")
        from .dask_runner import analyze_dask

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


def _open(db: str | None, config: Path | None = None, read_only: bool = True) -> Store:
    settings = _settings(config, **{"store.db": db})
    return Store(settings.db, read_only=read_only)


def _print_rows(cols: list[str], rows: list[tuple], fmt: str) -> None:
    if fmt == "json":
        for row in rows:
            sys.stdout.write(json.dumps(dict(zip(cols, row, strict=True)), default=str,
                                        ensure_ascii=False) + "\n")
        return
    if fmt == "csv":
        import csv

        w = csv.writer(sys.stdout)
        w.writerow(cols)
        w.writerows(rows)
        return
    table = Table(*cols, show_lines=False)
    for row in rows:
        table.add_row(*(_cell(v) for v in row))
    out.print(table)


def _cell(value: Any, width: int = 90) -> str:
    """One table cell: on one line and shortened, so rows stay readable."""
    if value is None:
        return ""
    text = " ".join(str(value).split())
    return text if len(text) <= width else text[: width - 1] + "…"


@app.command("load")
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@db_option
@config_option
def load_cmd(folder, db, config) -> None:
    """Import the Parquet partitions of a Dask run into the database."""
    settings = _settings(config, **{"store.db": db})
    with Store(settings.db, memory_limit=settings.get("store.memory_limit")) as store:
        counts = store.load_parquet(folder)
    err.print(f"loaded {counts['partitions']} partitions ({counts['new_articles']} new "
              f"articles) into {settings.db}", markup=False)


@app.command("stats")
@click.option("--json", "json_out", is_flag=True, help="Print one JSON object.")
@db_option
@config_option
def stats_cmd(json_out, db, config) -> None:
    """Counts of what the database holds."""
    with _open(db, config) as store:
        stats = store.stats()
    if json_out:
        sys.stdout.write(json.dumps(stats, default=str) + "\n")
        return
    table = Table(title="echoscope stats", show_header=False, title_justify="left")
    for k, v in stats.items():
        table.add_row(k, json.dumps(v, default=str) if isinstance(v, dict) else str(v))
    out.print(table)


@app.command("posts")
@click.option("--handle", help="Author handle (with or without @), any case.")
@click.option("--hashtag", help="Hashtag (with or without #), any case.")
@click.option("--since", help="Posted on or after YYYY-MM-DD.")
@click.option("--until", help="Posted on or before YYYY-MM-DD.")
@click.option("--platform", type=click.Choice(list(PLATFORMS)), help="Only this platform.")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@format_option
@db_option
@config_option
def posts_cmd(handle, hashtag, since, until, platform, limit, fmt, db, config) -> None:
    """List stored posts, filtered."""
    for name, value in (("--since", since), ("--until", until)):
        if value is not None:
            _check_date(name, value)
    with _open(db, config) as store:
        cols, rows = store.posts(handle=handle, hashtag=hashtag, since=since, until=until,
                                 platform=platform, limit=limit)
    _print_rows(cols, rows, fmt)


def _check_date(name: str, value: str) -> None:
    from datetime import date

    try:
        date.fromisoformat(value)
    except ValueError:
        raise click.UsageError(f"{name} expects YYYY-MM-DD, got {value!r}") from None


@app.command("entities")
@click.option("--top", type=click.IntRange(min=1), default=20, show_default=True)
@click.option("--type", "type_", type=click.Choice(["person", "organization", "group", "place",
                                                     "event"]), help="Only this type.")
@format_option
@db_option
@config_option
def entities_cmd(top, type_, fmt, db, config) -> None:
    """People, organisations, groups, places and events, most mentioned first."""
    with _open(db, config) as store:
        cols, rows = store.entities(top=top, type_=type_)
    _print_rows(cols, rows, fmt)


@app.command("reactions")
@click.option("--target", help="Only this target (name or entity id).")
@format_option
@db_option
@config_option
def reactions_cmd(target, fmt, db, config) -> None:
    """Stance of quoted posts toward each target across the corpus, with their tone."""
    with _open(db, config) as store:
        cols, rows = store.reactions(target=target)
    _print_rows(cols, rows, fmt)


@app.command("train")
@click.argument("task", type=click.Choice(["offensive", "irony", "hypocrisy", "stance", "techniques"]))
@click.option("--data", "data_dir", default=None, help="Data folder (default ../shared/data "
              "or $ECHOSCOPE_DATA).")
@click.option("--out", "out_dir", default=None, help="Where to write the model "
              "(default: the package's models folder).")
@click.option("--limit", type=click.IntRange(min=50), default=None,
              help="Train on a random slice of this many examples (for quick checks).")
def train_cmd(task, data_dir, out_dir, limit) -> None:
    """Train a shipped model from the official splits and write its model card."""
    from .train.social import train_task
    from .train.stance import train_stance

    data = data_dir or default_data_dir()
    log = lambda msg: err.print(msg, markup=False)  # noqa: E731
    if task == "stance":
        metrics = train_stance(data, out_dir, limit=limit, log=log)
    elif task == "techniques":
        from .train.techniques import train_techniques

        metrics = train_techniques(data, out_dir, limit=limit, log=log)
    else:
        metrics = train_task(task, data, out_dir, limit=limit, log=log)
    sys.stdout.write(json.dumps(metrics) + "\n")


@app.group("eval")
def eval_group() -> None:
    """Evaluate shipped models on official test splits."""


@eval_group.command("social")
@click.option("--data", "data_dir", default=None, help="Data folder (default ../shared/data "
              "or $ECHOSCOPE_DATA).")
@click.option("--models", "models_dir", default=None, help="Models folder (default: shipped).")
@click.option("--json", "json_out", is_flag=True, help="One JSON object: task -> result.")
def eval_social_cmd(data_dir, models_dir, json_out) -> None:
    """Each social task's metric on its official test split, beside published results."""
    from .train.social import evaluate_social

    results = evaluate_social(data_dir or default_data_dir(), models_dir)
    if json_out:
        sys.stdout.write(json.dumps(results) + "\n")
        return
    table = Table("task", "metric", "echoscope", "95% interval", "published results")
    for task, r in results.items():
        lo_hi = "–".join(f"{v:.1f}" for v in r.get("ci95", []))
        table.add_row(task, r["metric"], f"{r['value']:.1f}", lo_hi, ", ".join(
            f"{k} {v}" for k, v in sorted(r["baselines"].items(), key=lambda kv: -kv[1])))
    out.print(table)


@eval_group.command("ptc")
@click.option("--data", "data_dir", default=None, help="Data folder (default ../shared/data "
              "or $ECHOSCOPE_DATA).")
@click.option("--split", type=click.Choice(["train", "dev"]), default="dev", show_default=True,
              help="PTC split with gold labels to score.")
@click.option("--models", "models_dir", default=None,
              help="Technique model folder (default: shipped).")
@click.option("--json", "json_out", is_flag=True,
              help='One JSON object: {"si": {"p", "r", "f1"}, "tc": {"micro_f1"}, ...}.')
def eval_ptc_cmd(data_dir, split, models_dir, json_out) -> None:
    """Technique spans scored as SemEval-2020 Task 11 does (SI and TC), plus SemEval-2023."""
    from .train.techniques import evaluate_ptc

    r = evaluate_ptc(data_dir or default_data_dir(), split, models_dir)
    if json_out:
        sys.stdout.write(json.dumps(r) + "\n")
        return
    table = Table("measure", "echoscope", "published")
    table.add_row("SI F1 (P / R)", f"{r['si']['f1']:.3f} ({r['si']['p']:.3f} / {r['si']['r']:.3f})",
                  "best on test 0.5155")
    table.add_row("TC micro-F1", f"{r['tc']['micro_f1']:.3f}",
                  "best on test 0.6207; always Loaded_Language 0.306 (dev)")
    if "semeval2023_en_dev" in r:
        table.add_row("SemEval-2023 EN dev paragraph micro-F1",
                      f"{r['semeval2023_en_dev']['micro_f1']:.3f}", "test-set results only")
    out.print(table)


def default_data_dir() -> str:
    import os

    return os.environ.get("ECHOSCOPE_DATA") or str(Path.cwd().parent / "shared" / "data")


@app.command("search")
@click.argument("query")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@format_option
@db_option
@config_option
def search_cmd(query, limit, fmt, db, config) -> None:
    """Full-text search over article and post text (offline, DuckDB FTS, BM25)."""
    with _open(db, config, read_only=False) as store:
        cols, rows = store.search(query, limit=limit)
    _print_rows(cols, rows, fmt)


@app.command("sql")
@click.argument("query")
@format_option
@db_option
@config_option
def sql_cmd(query, fmt, db, config) -> None:
    """Run SQL against the database (opened read-only)."""
    with _open(db, config) as store:
        cols, rows = store.query(query)
    _print_rows(cols, rows, fmt)


@app.command("timeline")
@click.argument("actor")
@click.option("--chart", "chart_path", default=None,
              help="Also write the timeline as a chart (.svg, or .html to embed it).")
@format_option
@db_option
@config_option
def timeline_cmd(actor, chart_path, fmt, db, config) -> None:
    """An actor's positions over time (name, @handle or id), oldest first, with evidence."""
    from .positions import timeline

    with _open(db, config) as store:
        rows = timeline(store, actor)
    if not rows:
        err.print(f"no positions for {actor!r} in this database", markup=False)
    cols = ["date", "target", "label", "kind", "situation", "reason", "title", "evidence"]
    _print_rows(cols, [tuple(r[c] for c in cols) for r in rows], fmt)
    if chart_path:
        from .report import timeline_chart_svg

        svg = timeline_chart_svg(rows, actor)
        page = svg if chart_path.endswith(".svg") else (
            f"<!doctype html><meta charset=utf-8><title>timeline</title>{svg}")
        Path(chart_path).write_text(page, "utf-8")
        err.print(f"wrote {chart_path}", markup=False)


@app.command("conflicts")
@click.option("--actor", default=None, help="Only this actor (name, @handle or id).")
@click.option("--situation", default=None, help="Only this situation (see `situations`).")
@click.option("--absent", is_flag=True,
              help="List not_found_in_corpus notes instead: members of a situation an actor "
              "spoke on where this corpus holds nothing from them.")
@format_option
@db_option
@config_option
def conflicts_cmd(actor, situation, absent, fmt, db, config) -> None:
    """Opposite stances by one actor toward targets in the same situation, with evidence."""
    from .positions import absences, conflicts

    with _open(db, config) as store:
        if absent:
            rows = absences(store, actor=actor, situation=situation)
            cols = ["actor", "situation", "no_position_on", "note"]
        else:
            rows = conflicts(store, actor=actor, situation=situation)
            cols = ["actor", "situation", "against_target", "against_date", "against_article",
                    "against_evidence", "favor_target", "favor_date", "favor_article",
                    "favor_evidence", "confidence"]
    _print_rows(cols, [tuple(r[c] for c in cols) for r in rows], fmt)


@app.command("situations")
@format_option
@db_option
@config_option
def situations_cmd(fmt, db, config) -> None:
    """What stances are about: situations with their member targets and evidence."""
    from .positions import situations

    with _open(db, config) as store:
        rows = situations(store)
    cols = ["situation", "targets", "members", "positions", "actors", "example_evidence"]
    _print_rows(cols, [tuple(r[c] for c in cols) for r in rows], fmt)


@app.command("report")
@click.argument("article", required=False)
@click.option("--corpus", is_flag=True, help="The corpus dashboard instead of one article.")
@click.option("--output", "-o", required=True, help="HTML file to write.")
@db_option
@config_option
def report_cmd(article, corpus, output, db, config) -> None:
    """One self-contained HTML report: an article (stored id or prefix, or a FILE analysed
    now), or the corpus dashboard with --corpus."""
    from .report import article_html, corpus_html

    if corpus == bool(article):
        raise click.UsageError("give an ARTICLE id or FILE, or --corpus (not both)")
    if corpus:
        with _open(db, config) as store:
            page = corpus_html(store)
    elif Path(article).is_file():
        from .analysis import iter_docs

        settings = _settings(config)
        (result,) = list(iter_docs([article], settings))
        if not isinstance(result, Doc):
            raise InputError(f"{article}: {result.reason}", code=result.code)
        page = article_html({**result.to_dict(), "meta": result.meta})
    else:
        with _open(db, config) as store:
            doc = store.article(article)
        if doc is None:
            raise StoreError(f"no article with id (or unique id prefix) {article!r}",
                             code="E508")
        page = article_html(doc)
    Path(output).write_text(page, "utf-8")
    err.print(f"wrote {output}", markup=False)


@app.command("serve")
@click.option("--host", default=None, help="Address to bind (default serve.host, 127.0.0.1).")
@click.option("--port", type=click.IntRange(1, 65535), default=None,
              help="Port (default serve.port, 8765).")
@click.option("--token", envvar="ECHOSCOPE_TOKEN", default=None,
              help="Token that requests which write must carry; required off loopback "
              "(or set ECHOSCOPE_TOKEN).")
@db_option
@config_option
def serve_cmd(host, port, token, db, config) -> None:
    """Web app and JSON API over the database (pages work without JavaScript)."""
    from .web import serve

    settings = _settings(config, **{"store.db": db})
    conf = settings.data["serve"]
    host = host or conf["host"]
    port = port or int(conf["port"])
    err.print(f"echoscope serving {settings.db} on http://{host}:{port}/ (Ctrl-C stops)",
              markup=False)
    serve(settings, db=settings.db, host=host, port=port, token=token)


@app.command("export")
@click.option("--format", "-f", "fmt",
              type=click.Choice(["jsonl", "csv", "parquet", "ptc", "labelstudio"]),
              default="jsonl", show_default=True,
              help="Tables as jsonl/csv/parquet; technique spans as PTC label files (ptc) or "
              "pre-annotated Label Studio tasks (labelstudio).")
@click.option("--output", "-o", default="export", show_default=True,
              help="A file (with --table) or a folder.")
@click.option("--table", default=None, help="One table only.")
@db_option
@config_option
def export_cmd(fmt, output, table, db, config) -> None:
    """Export tables as JSON Lines, CSV or Parquet, or technique spans for review."""
    with _open(db, config) as store:
        if fmt == "ptc":
            paths = store.export_ptc(output)
        elif fmt == "labelstudio":
            paths = store.export_labelstudio(output)
        else:
            paths = store.export(fmt, output, table)
    for p in paths:
        err.print(f"wrote {p}", markup=False)


def main(argv: list[str] | None = None) -> int:
    """Entry point: maps errors to exit codes (1 usage/config, 2 failed inputs)."""
    try:
        rc = app.main(args=argv, prog_name="echoscope", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.exceptions.Abort:
        err.print("aborted")
        return 1
    except click.ClickException as exc:
        exc.show(file=sys.stderr)
        return 1
    except EchoscopeError as exc:
        err.print(f"error: {exc}", markup=False)
        return 1
    except KeyboardInterrupt:
        err.print("interrupted; what was analysed so far is stored")
        return 130
    except BrokenPipeError:
        return 0
    return rc if isinstance(rc, int) else 0


if __name__ == "__main__":
    sys.exit(main())
