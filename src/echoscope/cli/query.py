"""Commands that read the database: ``stats``, ``posts``, ``entities``, ``reactions``,
``search``, ``sql``, ``timeline``, ``conflicts``, ``situations`` and ``export``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.table import Table

from ..doc import PLATFORMS
from ..errors import StoreError
from ..report.visibility import LAYERS, post_scores
from ..store import consistency, queries
from ..store.export import export_labelstudio, export_ptc, export_tables
from ..store.search_syntax import parse_query
from ._app import (
    app,
    check_date,
    config_option,
    db_option,
    err,
    format_option,
    open_store,
    out,
    print_rows,
    settings_from,
)

show_all_option = click.option(
    "--show-all", is_flag=True,
    help="List them even though positions are in report.hidden_layers (a hand audit found "
    "them below their precision target): leads to check, not findings.")


def hidden_layers(config: Path | None, show_all: bool) -> set[str]:
    """The layers ``report.hidden_layers`` leaves out of a listing, none with ``--show-all``."""
    return set() if show_all else set(settings_from(config).get("report.hidden_layers"))


def positions_hidden(config: Path | None, show_all: bool) -> bool:
    """Whether a command listing positions or post stances should list nothing: as the
    reports and the web app, unless ``--show-all``; says so on stderr."""
    if show_all or "positions" not in settings_from(config).get("report.hidden_layers"):
        return False
    err.print(f"not shown by default: {LAYERS['positions']}, which a hand audit found below "
              "its precision target (benchmarks/audit/RESULTS.md); --show-all lists them, "
              "to read as leads to check, not findings", markup=False)
    return True


@app.command("stats")
@click.option("--format", "-f", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="Output format (json: one object).")
@click.option("--json", "json_out", is_flag=True, hidden=True,
              help="The same as --format json (kept for scripts that use it).")
@db_option
@config_option
def stats_cmd(fmt, json_out, db, config) -> None:
    """Counts of what the database holds."""
    with open_store(db, config) as store:
        stats = queries.stats(store)
    if json_out or fmt == "json":
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
@click.option("--show-all", is_flag=True, help="Also list the scores of layers "
              "report.hidden_layers leaves out (hypocrisy, badges), as the reports' "
              "--show-all.")
def posts_cmd(handle, hashtag, since, until, platform, limit, fmt, db, config,
              show_all) -> None:
    """List stored posts, filtered."""
    for name, value in (("--since", since), ("--until", until)):
        if value is not None:
            check_date(name, value)
    with open_store(db, config) as store:
        page = queries.list_posts(store, handle=handle, hashtag=hashtag, since=since,
                                  until=until, platform=platform, limit=limit)
    hidden = hidden_layers(config, show_all)
    for item in page.items:  # as in reports: the scores of hidden layers are not shown
        item["scores"] = post_scores(item.get("scores") or {}, hidden)
    print_rows(page.columns, page.rows(), fmt)


@app.command("entities")
@click.option("--top", type=click.IntRange(min=1), default=20, show_default=True)
@click.option("--type", "type_", type=click.Choice(["person", "organization", "group", "place",
                                                     "event", "product"]), help="Only this type.")
@format_option
@db_option
@config_option
@click.option("--show-all", is_flag=True, help="Show each entity's type though "
              "report.hidden_layers leaves types out, as the reports' --show-all.")
def entities_cmd(top, type_, fmt, db, config, show_all) -> None:
    """People, organisations, groups, places and events, most mentioned first."""
    hidden = "entity_types" in hidden_layers(config, show_all)
    if hidden and type_:
        err.print(f"--type filters by {LAYERS['entity_types']}, which a hand audit found "
                  "below its precision target (benchmarks/audit/RESULTS.md): read them as "
                  "leads to check", markup=False)
    with open_store(db, config) as store:
        page = queries.list_entities(store, type_=type_, limit=top)
    if hidden and not type_:
        for item in page.items:  # as in reports: a name, its type not shown
            item["type"] = "name"
    print_rows(page.columns, page.rows(), fmt)


@app.command("reactions")
@click.option("--target", help="Only this target (name or entity id).")
@format_option
@db_option
@config_option
@show_all_option
def reactions_cmd(target, fmt, db, config, show_all) -> None:
    """Stance of quoted posts toward each target across the corpus, with their tone."""
    if positions_hidden(config, show_all):
        return
    with open_store(db, config) as store:
        page = queries.reactions(store, target=target)
    if "badges" in hidden_layers(config, show_all):  # tone and labels: hidden as in reports
        page.columns = [c for c in page.columns
                        if c not in ("mean_sentiment", "share_offensive", "share_ironic")]
    if not page.items:
        err.print(f"no quoted post takes a stance toward {target!r} in this database"
                  if target else "no quoted post takes a stance in this database", markup=False)
        if target:
            raise click.exceptions.Exit(1)
    print_rows(page.columns, page.rows(), fmt)


@app.command("search")
@click.argument("query")
@click.option("--since", help="Only hits dated on or after YYYY-MM-DD (an article's "
              "published date, a post's date).")
@click.option("--until", help="Only hits dated on or before YYYY-MM-DD.")
@click.option("--source", help="Only hits from this outlet (site name), domain "
              "(example.com) or input file; a post counts as its article's.")
@click.option("--handle", help="Only posts by this handle (with or without @), any case.")
@click.option("--kind", type=click.Choice(list(queries.SEARCH_KINDS)),
              help="Only articles or only posts.")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@click.option("--offset", type=click.IntRange(min=0), default=0, show_default=True,
              help="Skip this many hits (the next page: --offset 20).")
@format_option
@db_option
@config_option
def search_cmd(query, since, until, source, handle, kind, limit, offset, fmt, db,
               config) -> None:
    """Full-text search over article and post text (offline, DuckDB FTS, BM25).

    \b
    QUERY: words (each must appear, as a whole word; vot* for any word starting with vot)
    and "quoted phrases" (as written),
    AND (the default), OR (either side), -word and -"a phrase" (exclude hits holding it):
      echoscope search '"believe women" OR metoo'
      echoscope search 'milano -biden'
      echoscope search '"sexual assault" AND "believe women"'
    Quote the whole query; put -- before one that starts with -.
    """
    for name, value in (("--since", since), ("--until", until)):
        if value is not None:
            check_date(name, value)
    filters = {"since": since, "until": until, "source": source, "handle": handle,
               "kind": kind}
    parse_query(query)  # a malformed query fails before the database is opened

    def run() -> queries.Page:
        with open_store(db, config) as store:
            return queries.search(store, query, limit=limit, offset=offset, **filters)

    try:
        page = run()
    except StoreError as exc:
        if exc.code != "E505":
            raise
        # The index is older than the data: rebuild it once on a writable connection.
        try:
            with open_store(db, config, read_only=False) as store:
                store.ensure_search_index()
        except StoreError as why:
            raise StoreError(f"the search index is out of date and cannot be rebuilt now "
                             f"({why.reason}); search again when no other process writes "
                             f"the database, or on a writable copy", code="E505") from None
        page = run()
    if not page.items:
        used = queries.describe_filters(**filters)
        err.print(f"no article or post matches {query!r}" + (f" with {used}" if used else ""),
                  markup=False)
    print_rows(page.columns, page.rows(), fmt)


@app.command("sql")
@click.argument("query")
@format_option
@db_option
@config_option
def sql_cmd(query, fmt, db, config) -> None:
    """Run one reading SQL statement (SELECT, WITH, EXPLAIN, DESCRIBE, SHOW) against the
    database, opened read-only: no file outside it can be read or written, no extension
    installed, no setting changed."""
    with open_store(db, config) as store:
        cols, rows = store.user_query(query)
    print_rows(cols, rows, fmt)


@app.command("timeline")
@click.argument("actor")
@click.option("--chart", "chart_path", default=None,
              help="Also write the timeline as a chart (.svg, or .html to embed it).")
@format_option
@db_option
@config_option
@show_all_option
def timeline_cmd(actor, chart_path, fmt, db, config, show_all) -> None:
    """An actor's positions over time (name, @handle or id), oldest first, with evidence."""
    if positions_hidden(config, show_all):
        return
    with open_store(db, config) as store:
        rows = consistency.timeline(store, actor)
    if not rows:
        err.print(f"no positions for {actor!r} in this database", markup=False)
        raise click.exceptions.Exit(1)
    cols = ["date", "target", "label", "kind", "situation", "reason", "title", "evidence"]
    print_rows(cols, [tuple(r[c] for c in cols) for r in rows], fmt)
    if chart_path:
        from ..report import timeline_chart_svg

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
@show_all_option
def conflicts_cmd(actor, situation, absent, fmt, db, config, show_all) -> None:
    """Opposite stances by one actor toward targets in the same situation, with evidence."""
    if positions_hidden(config, show_all):
        return
    with open_store(db, config) as store:
        if absent:
            rows = consistency.absences(store, actor=actor, situation=situation)
            cols = ["actor", "situation", "no_position_on", "note"]
        else:
            rows = consistency.conflicts(store, actor=actor, situation=situation)
            cols = ["actor", "situation", "against_target", "against_date", "against_article",
                    "against_evidence", "favor_target", "favor_date", "favor_article",
                    "favor_evidence", "confidence"]
    print_rows(cols, [tuple(r[c] for c in cols) for r in rows], fmt)


@app.command("situations")
@format_option
@db_option
@config_option
@show_all_option
def situations_cmd(fmt, db, config, show_all) -> None:
    """What stances are about: situations with their member targets and evidence."""
    if positions_hidden(config, show_all):
        return
    with open_store(db, config) as store:
        rows = consistency.situations(store)
    cols = ["situation", "targets", "members", "positions", "actors", "example_evidence"]
    print_rows(cols, [tuple(r[c] for c in cols) for r in rows], fmt)


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
    with open_store(db, config, sandbox=False) as store:  # DuckDB writes the files
        if fmt == "ptc":
            paths = export_ptc(store, output)
        elif fmt == "labelstudio":
            paths = export_labelstudio(store, output)
        else:
            paths = export_tables(store, fmt, output, table)
    for p in paths:
        err.print(f"wrote {p}", markup=False)
