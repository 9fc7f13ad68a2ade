"""Which layers reports and the web app show by default.

Every layer a report shows is audited by hand for precision (``benchmarks/audit/``); a
layer below its target is hidden by default (``report.hidden_layers``) until it reaches
it, and shown on request (``echoscope report --show-all``, ``?show=all`` in the web app).
The JSON output and the database always keep everything.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

#: The audited layers, and what hiding each takes away from a report.
LAYERS: dict[str, str] = {
    "flags": "evidence flags (checks that came out flagged)",
    "hypocrisy": "hypocrisy / whataboutism framing",
    "positions": "positions and roles (timelines, conflicts) and the stance of each post",
    "quote_speakers": "the speakers of direct quotes",
    "entity_types": "entity types",
    "techniques": "technique spans",
    "paragraph_techniques": "techniques per paragraph (SemEval-2023 Task 3)",
    "badges": "the badges on posts (tone, offensive, ironic)",
    "scare_quotes": "scare quotes (short quotations read as the writer's distance)",
}
#: The score keys of a post that each layer's badges show (hidden with the layer).
POST_SCORES = {"hypocrisy": ("hypocrisy",), "badges": ("sentiment", "offensive", "irony")}


def post_scores(scores: dict[str, Any], hidden: Iterable[str]) -> dict[str, Any]:
    """A post's ``scores`` without those of the ``hidden`` layers."""
    gone = tuple(k for layer in hidden for k in POST_SCORES.get(layer, ()))
    return {k: v for k, v in scores.items() if not k.startswith(gone)} if gone else scores


def visible(doc: dict[str, Any], hidden: Iterable[str]) -> dict[str, Any]:
    """A copy of ``doc`` (a ``Doc.to_dict()``) without the ``hidden`` layers."""
    hidden = set(hidden)
    if not hidden:
        return doc
    out = dict(doc)
    scores = dict(out.get("scores") or {})
    if "flags" in hidden:
        out["flags"] = []
        out["checks"] = [c for c in out.get("checks", []) if c.get("status") != "flagged"]
    if "hypocrisy" in hidden:
        scores.pop("hypocrisy", None)
    if hidden & set(POST_SCORES):
        out["posts"] = [{**p, "scores": post_scores(p.get("scores") or {}, hidden)}
                        for p in out.get("posts", [])]
    if "positions" in hidden:  # a post's stance is the same judgement as its position
        out["positions"] = []
        out["roles"] = []
        out["posts"] = [{**p, "stance": []} for p in out.get("posts", [])]
    if "quote_speakers" in hidden:
        out["quotes"] = [{**q, "speaker": None, "speaker_id": None} if q.get("kind") == "direct"
                         else q for q in out.get("quotes", [])]
    if "scare_quotes" in hidden:
        out["quotes"] = [q for q in out.get("quotes", []) if q.get("kind") != "scare"]
    if "entity_types" in hidden:
        out["entities"] = [{**e, "type": "name"} for e in out.get("entities", [])]
    if "techniques" in hidden:
        out["techniques"] = []
        scores.pop("techniques", None)
    if "paragraph_techniques" in hidden:
        scores.pop("paragraph_techniques", None)
    out["scores"] = scores
    return out
