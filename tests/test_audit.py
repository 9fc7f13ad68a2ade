"""The precision audit and what reports show agree: a layer below its target is hidden by
default, one at or above it is shown (benchmarks/audit/)."""

from __future__ import annotations

import json
from pathlib import Path

from echoscope import load_settings
from echoscope.report.visibility import LAYERS, visible

AUDIT = Path(__file__).resolve().parents[1] / "benchmarks" / "audit"


def test_layers_below_their_audited_target_are_hidden_by_default():
    results = json.loads((AUDIT / "results.json").read_text("utf-8"))
    hidden = set(load_settings().get("report.hidden_layers"))
    assert results, "no audit results"
    for layer, r in results.items():
        assert layer in LAYERS
        assert r["judged"] == r["sampled"], f"{layer}: unjudged outputs"
        assert (layer in hidden) == (not r["meets_target"]), layer
    # Every layer a report shows has been audited.
    assert set(results) == set(LAYERS)


def test_every_judgement_has_a_reason():
    for path in AUDIT.glob("*.jsonl"):
        for line in path.read_text("utf-8").splitlines():
            row = json.loads(line)
            assert row["judgement"] in ("correct", "wrong", "unsure"), (path.name, row["key"])
            assert row["reason"].strip(), (path.name, row["key"])


def test_visible_removes_exactly_the_hidden_layers():
    doc = {"text": "x", "flags": [{"kind": "k"}],
           "checks": [{"status": "flagged"}, {"status": "supported"}],
           "positions": [{}], "roles": [{}],
           "quotes": [{"kind": "direct", "speaker": "A", "speaker_id": "a"},
                      {"kind": "scare", "speaker": None, "speaker_id": None}],
           "entities": [{"name": "A", "type": "person"}], "techniques": [{"label": "Doubt"}],
           "scores": {"hypocrisy": {}, "techniques": {}, "sentiment": 0.1}}
    assert visible(doc, []) is doc
    out = visible(doc, LAYERS)
    assert out["flags"] == [] and out["checks"] == [{"status": "supported"}]
    assert out["positions"] == [] and out["roles"] == [] and out["techniques"] == []
    assert out["quotes"][0]["speaker"] is None and out["entities"][0]["type"] == "name"
    assert [q["kind"] for q in out["quotes"]] == ["direct"]  # the scare quote is gone
    assert out["scores"] == {"sentiment": 0.1}
    assert doc["flags"] and doc["entities"][0]["type"] == "person"  # the input is untouched
