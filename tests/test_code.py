"""The code's own hygiene where a linter does not look: no module binds one top-level name
twice (a constant redefined far below its first definition silently changes every use
above it: a second ``_BEAT_AFTER`` once dropped "Minister" from the first's)."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "echoscope"
MODULES = sorted(SRC.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_no_module_binds_a_top_level_name_twice(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: Counter[str] = Counter()
    for node in tree.body:
        if isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names[node.target.id] += 1
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names[node.name] += 1
    assert not {n: k for n, k in names.items() if k > 1}
