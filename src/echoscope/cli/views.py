"""``echoscope report`` and ``echoscope serve``: the HTML views."""

from __future__ import annotations

from pathlib import Path

import click

from ..doc import Doc
from ..errors import InputError, StoreError
from ..store import queries
from ._app import app, config_option, db_option, err, open_store, settings_from


@app.command("report")
@click.argument("article", required=False)
@click.option("--corpus", is_flag=True, help="The corpus dashboard instead of one article.")
@click.option("--output", "-o", required=True, help="HTML file to write.")
@click.option("--show-all", is_flag=True, help="Also show the layers report.hidden_layers "
              "leaves out (those below their audited precision target).")
@click.option("--profile", default=None,
              help="Analyzer profile for a FILE analysed now (fast, full, or your own).")
@db_option
@config_option
def report_cmd(article, corpus, output, db, config, show_all, profile) -> None:
    """One self-contained HTML report: an article (stored id or prefix, a FILE analysed
    now, or one record of `echoscope analyze --json` as it was analysed), or the corpus
    dashboard with --corpus."""
    from ..report import article_html, corpus_html

    if corpus == bool(article):
        raise click.UsageError("give an ARTICLE id or FILE, or --corpus (not both)")
    hidden = [] if show_all else settings_from(config).get("report.hidden_layers")
    if corpus:
        with open_store(db, config) as store:
            page = corpus_html(store, hidden=hidden)
    elif Path(article).is_file() and (record := _analysed_record(Path(article))) is not None:
        # echoscope's own output ("analyze --json"): shown as it was analysed, not analysed
        # again with other settings (a fresh audit's fast record shown with full's badges)
        page = article_html(record, hidden=hidden)
    elif Path(article).is_file():
        from ..runners import iter_docs

        settings = settings_from(config, **{"analysis.profile": profile})
        results = list(iter_docs([article], settings))
        if len(results) != 1:
            raise click.UsageError(
                f"{article} holds {len(results)} documents; a report from a FILE needs one "
                "(store them with `echoscope analyze` and report one by its id, or see "
                "--corpus)")
        (result,) = results
        if not isinstance(result, Doc):
            raise InputError(f"{article}: {result.reason}", code=result.code)
        page = article_html(result.to_dict(), hidden=hidden)
    else:
        with open_store(db, config) as store:
            doc = queries.article(store, article)
        if doc is None:
            raise StoreError(f"no article with id (or unique id prefix) {article!r}",
                             code="E508")
        page = article_html(doc, hidden=hidden)
    Path(output).write_text(page, "utf-8")
    err.print(f"wrote {output}", markup=False)


def _analysed_record(path: Path) -> dict | None:
    """The one record of ``analyze --json`` a .json or .jsonl file holds (an object with
    the analysed document's own fields), else None: a file to analyse."""
    if path.suffix.lower() not in (".json", ".jsonl", ".ndjson"):
        return None
    import json

    try:
        lines = [line for line in path.read_text("utf-8").splitlines() if line.strip()]
        record = json.loads(lines[0]) if len(lines) == 1 else None
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    keys = {"id", "text", "posts", "entities", "quotes"}
    return record if isinstance(record, dict) and keys <= record.keys() else None


@app.command("serve")
@click.option("--host", default=None, help="Address to bind (default serve.host, 127.0.0.1).")
@click.option("--port", type=click.IntRange(1, 65535), default=None,
              help="Port (default serve.port, 8765).")
@click.option("--token", envvar="ECHOSCOPE_TOKEN", default=None,
              help="Token that requests which write must carry; required off loopback "
              "(or set ECHOSCOPE_TOKEN).")
@click.option("--create", is_flag=True,
              help="Start with an empty database when --db does not exist (default: refuse).")
@click.option("--read-only", "read_only", is_flag=True, default=None,
              help="Serve the database read-only (analyses are not stored); automatic when "
              "the file cannot be written.")
@click.option("--fetch", "fetch", is_flag=True, default=None,
              help="Let the app fetch a link given instead of text (public addresses only: "
              "never private, loopback or link-local ones; see serve.fetch).")
@db_option
@config_option
def serve_cmd(host, port, token, create, read_only, fetch, db, config) -> None:
    """Web app and JSON API over the database (pages work without JavaScript)."""
    from ..web import serve

    settings = settings_from(config, **{"store.db": db,
                                        "serve.fetch": "public" if fetch else None})
    conf = settings.data["serve"]
    host = host or conf["host"]
    port = port or int(conf["port"])

    def announce(state) -> None:
        mode = " (read-only)" if state.read_only else ""
        mode += {"public": " (fetches public links)", "any": " (fetches any link)"}.get(
            settings.get("serve.fetch"), "")
        err.print(f"echoscope serving {settings.db}{mode} on http://{host}:{port}/ "
                  "(Ctrl-C stops)", markup=False)

    serve(settings, db=settings.db, host=host, port=port, token=token, create=create,
          read_only=read_only, announce=announce)
