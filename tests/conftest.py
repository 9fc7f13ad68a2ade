"""Shared fixtures. Tests build small documents by hand; nothing here loads big models."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from echoscope import load_settings
from echoscope.cli import main

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ECHOSCOPE_SHARED", ROOT.parent / "shared"))


@pytest.fixture
def settings():
    return load_settings()


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys, monkeypatch, tmp_path):
    """Run the echoscope CLI in-process from ``tmp_path``; returns exit code, stdout, stderr."""
    monkeypatch.chdir(tmp_path)

    def run(*args: str) -> CliResult:
        capsys.readouterr()
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


@pytest.fixture
def all_techniques(tmp_path):
    """A config file that turns the technique analyzer's document gate off (and lowers its
    span threshold), for tests of how spans are stored, exported and shown; the gate
    itself is tested in tests/test_propaganda.py."""
    path = tmp_path / "all_techniques.toml"
    path.write_text("[analysis.techniques]\nmin_score = 0.25\nmin_spans = 1\n"
                    "min_rate = 0.0\n", encoding="utf-8")
    return path


@pytest.fixture
def write(tmp_path):
    """Write a file under tmp_path (str -> UTF-8, bytes as given); returns its path."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write


def _shared(name: str) -> Path:
    path = SHARED / name
    if not path.is_dir():
        pytest.skip(f"../shared/{name} is not available")
    return path


@pytest.fixture
def seed_dir():
    return _shared("seed")


@pytest.fixture
def shared_data():
    return _shared("data")
