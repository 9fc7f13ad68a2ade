"""The ``echoscope`` command group, its shared options and output helpers.

Commands live in the modules beside this one; each is a few lines over a library function.
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

from ..config import Settings
from ..pipeline import load_settings
from ..store import Store

err = Console(stderr=True, highlight=False)


out = Console(highlight=False, soft_wrap=True)


db_option = click.option("--db", default=None, help="DuckDB file (default: the store.db setting).")


config_option = click.option("--config", type=click.Path(dir_okay=False, path_type=Path),
                             default=None, help="TOML file overlaying the defaults.")


format_option = click.option(
    "--format", "-f", "fmt", type=click.Choice(["table", "json", "jsonl", "csv"]),
    default="table", show_default=True,
    help="Output format: table, json or jsonl (both one JSON object per line), csv.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="echoscope")
def app() -> None:
    """Turn news articles and the social-media posts quoted in them into searchable evidence."""


def settings_from(config: Path | None, **overrides: Any) -> Settings:
    return load_settings(config, overrides)


def open_store(db: str | None, config: Path | None = None, read_only: bool = True,
               sandbox: bool | None = None) -> Store:
    settings = settings_from(config, **{"store.db": db})
    return Store(settings.db, read_only=read_only, sandbox=sandbox)


def print_rows(cols: list[str], rows: list[tuple], fmt: str) -> None:
    if fmt in ("json", "jsonl"):
        for row in rows:
            sys.stdout.write(json.dumps(dict(zip(cols, row, strict=True)), default=str,
                                        ensure_ascii=False) + "\n")
        return
    if fmt == "csv":
        import csv

        # Unix line ends; lists and objects as JSON (not Python reprs), so any CSV
        # reader gets values another tool can parse.
        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(cols)
        w.writerows([_csv_value(v) for v in row] for row in rows)
        return
    table = Table(*cols, show_lines=False)
    for row in rows:
        table.add_row(*(_cell(v) for v in row))
    out.print(table)


def _csv_value(value: Any) -> Any:
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, default=str, ensure_ascii=False)
    return value


def _cell(value: Any, width: int = 90) -> str:
    """One table cell: on one line and shortened, so rows stay readable."""
    if value is None:
        return ""
    text = " ".join(str(value).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def check_date(name: str, value: str) -> None:
    from datetime import date

    try:
        date.fromisoformat(value)
    except ValueError:
        raise click.UsageError(f"{name} expects YYYY-MM-DD, got {value!r}") from None
