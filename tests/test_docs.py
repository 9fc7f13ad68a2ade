"""Documentation is part of the change: commands, options, settings and analyzers are documented."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

import echoscope
from echoscope.analyzers import ANALYZERS
from echoscope.cli import app
from echoscope.config import SETTINGS_HELP

ROOT = Path(__file__).resolve().parents[1]
CLI_DOC = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
CONFIG_DOC = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(app.commands))
def test_every_command_and_option_is_documented(name):
    assert f"## `echoscope {name}" in CLI_DOC
    section = CLI_DOC.split(f"## `echoscope {name}", 1)[1].split("\n## ", 1)[0]
    for param in app.commands[name].params:
        if isinstance(param, click.Option) and param.name not in ("db", "config"):
            assert any(opt in section for opt in param.opts), (name, param.opts)


@pytest.mark.parametrize("key", sorted(SETTINGS_HELP))
def test_every_setting_is_documented(key):
    assert f"`{key}`" in CONFIG_DOC


@pytest.mark.parametrize("name", sorted(ANALYZERS))
def test_every_analyzer_is_documented_as_it_is_declared(name):
    cls = ANALYZERS[name]
    row = f"| `{name}` | {', '.join(cls.requires)} | {', '.join(cls.assigns)} |"
    assert row in CONFIG_DOC, row
    for key in cls.settings:
        assert f"`analysis.{name}.{key}`" in CONFIG_DOC, (name, key)


def test_quick_start_has_two_commands_and_ci_runs_the_test_one():
    quick = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    (block,) = re.findall(r"```\n(.*?)```", quick, re.S)
    commands = [line for line in block.splitlines() if line.strip()]
    assert len(commands) == 2
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci


def test_changelog_exists():
    assert "## [Unreleased]" in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")


def test_error_table_matches_the_docs_both_ways():
    from echoscope.errors import ERRORS

    doc = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    documented = dict(re.findall(r"^\| (E\d{3}) \| `\w+` \| (.+?) \|$", doc, re.M))
    assert documented == ERRORS


def test_every_code_the_source_uses_is_in_the_table():
    from echoscope.errors import ERRORS

    used = set()
    for path in (ROOT / "src" / "echoscope").rglob("*.py"):
        used |= set(re.findall(r"[\"'](E\d{3})[\"']", path.read_text(encoding="utf-8")))
    assert used, "no codes found: the scan is broken"
    assert used <= set(ERRORS), used - set(ERRORS)
    assert echoscope.__doc__
