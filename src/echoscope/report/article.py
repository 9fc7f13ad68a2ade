"""The report for one article: its text with techniques, entities and scare quotes
highlighted, its posts as cards, its flags linked to their evidence."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from ..doc import STANCE_LABELS, display_title, word_count
from .charts import bar_chart
from .render import render
from .visibility import LAYERS, visible


# -- one article -----------------------------------------------------------------------
def _quoted(doc: dict[str, Any]) -> dict[str, Any]:
    """The article's direct quotations by speaker (the most quoted first, at most
    :data:`_MAX_SPEAKERS` speakers and :data:`_QUOTES_EACH` quotations each), and how many
    have no speaker the text names (or whose speakers are hidden)."""
    by: dict[str, list[dict[str, Any]]] = {}
    unnamed = 0
    for q in doc.get("quotes", []):
        if q.get("kind") != "direct":
            continue
        if q.get("speaker"):
            by.setdefault(q["speaker"], []).append(q)
        else:
            unnamed += 1
    speakers = sorted(by.items(), key=lambda kv: -len(kv[1]))[:_MAX_SPEAKERS]
    return {"speakers": [(name, qs[:_QUOTES_EACH], len(qs)) for name, qs in speakers],
            "more_speakers": max(0, len(by) - _MAX_SPEAKERS), "unnamed": unnamed}


#: "Who is quoted" lists this many speakers (the most quoted first) and quotations each.
_MAX_SPEAKERS, _QUOTES_EACH = 25, 3


def _segments(text: str, start: int, end: int, doc: dict[str, Any],
              anchors: dict[int, list[int]]) -> list[dict[str, Any]]:
    """``text[start:end]`` cut where a technique, entity mention or scare quote begins or
    ends; each piece knows what covers it, and carries the flag anchors that start there."""
    techs = [t for t in doc.get("techniques", []) if t["start"] < end and t["end"] > start]
    ents = [(m["start"], m["end"], e["name"], e["type"]) for e in doc.get("entities", [])
            for m in e.get("mentions", []) if m["start"] < end and m["end"] > start]
    scare = [q for q in doc.get("quotes", []) if q["kind"] == "scare"
             and q["start"] < end and q["end"] > start]
    cuts = {start, end}
    for a, b in ([(t["start"], t["end"]) for t in techs] + [(a, b) for a, b, _, _ in ents]
                 + [(q["start"], q["end"]) for q in scare]):
        cuts.update(c for c in (a, b) if start < c < end)
    cuts.update(c for c in anchors if start < c < end)
    bounds = sorted(cuts)
    out = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        covering = sorted((t for t in techs if t["start"] < b and t["end"] > a),
                          key=lambda t: -t["score"])
        ent = next(((n, ty) for s, e, n, ty in ents if s < b and e > a), None)
        out.append({
            "text": text[a:b],
            "techniques": covering,
            "entity": ent,
            "scare": any(q["start"] < b and q["end"] > a for q in scare),
            "anchors": anchors.get(a, []),
        })
    return out


#: What each post badge says, for the reader (the badge's tooltip and the legend).
BADGE_MEANINGS = {
    "sentiment": "The post's tone (negative, neutral or positive) as the model labels it, "
                 "with its probability for that tone; shown only when that probability "
                 "passed a level chosen on held-out data for precision (the model card "
                 "says how often such labels were right on test data; a post below it "
                 "gets no tone badge).",
    "offensive": "Probably offensive: the model's calibrated probability passed the threshold "
                 "chosen on held-out data (a post below it gets no badge).",
    "irony": "Probably ironic or sarcastic: calibrated probability over the threshold chosen "
             "on held-out data (a post below it gets no badge).",
    "hypocrisy": "Probably accuses someone of hypocrisy or double standards (a tu quoque): "
                 "calibrated probability over the threshold chosen on held-out data.",
    "stance": "The post's stance toward a person it names or addresses, with its calibrated "
              "probability; a side is said only when probable enough (more so toward "
              "someone no model saw in training), else no clear stance.",
}


def _badges(post: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(css class, words, meaning) per badge. A yes/no judgement is shown only when it is
    yes (its label passed the model's threshold); the number is its probability."""
    s = post.get("scores", {})
    out = []
    said = {key: key in s and s.get(f"{key}_label", s[key] >= 0.5)
            for key in ("offensive", "irony", "hypocrisy")}
    if "sentiment_label" in s and s.get("sentiment_sure") is not False and not said["irony"]:
        # (A tone not sure enough to show gets no badge; nor does the literal tone of a
        # post labelled ironic, which may mean the opposite: "Oh wonderful, more potholes"
        # reads positive. Its scores stay in the JSON.)
        label = s["sentiment_label"]
        p = (s.get("sentiment_probs") or {}).get(label)
        words = f"{label} tone" + (f" ({p:.2f})" if p is not None else "")
        out.append(("sentiment", words, BADGE_MEANINGS["sentiment"]))
    for key, words in (("offensive", "offensive"), ("irony", "ironic"),
                       ("hypocrisy", "cries hypocrisy")):
        if said[key]:
            out.append((key, f"{words} ({s[key]:.2f})", BADGE_MEANINGS[key]))
    for st in post.get("stance", []):
        # NONE is either a clear "takes no side" or "not sure enough to say": no number,
        # since NONE's own probability can be the smallest of the three.
        lean = f", leans {st['leans']} but not sure enough to say" if st.get("leans") else ""
        words = (f"no clear stance toward {st['target']}{lean}" if st["label"] == "NONE" else
                 f"{st['label']} {st['target']} ({st.get('score', 0):.2f})")
        out.append((f"stance-{st['label'].lower()}", words, BADGE_MEANINGS["stance"]))
    return out


#: Targets and techniques the summary box names at most.
SUMMARY_TARGETS = 5
SUMMARY_TECHNIQUES = 3


def _summary(doc: dict[str, Any], counts: dict[str, int], hidden: set[str]) -> dict[str, Any]:
    """The box at the top of the report: what a reader needs in 30 seconds, from the
    already-filtered ``doc``. A hidden layer's entry is ``None`` (the box says it is not
    shown, never a number)."""
    posts = doc.get("posts", [])
    platforms: dict[str, int] = {}
    for p in posts:
        name = p.get("platform") or "unknown"
        platforms[name] = platforms.get(name, 0) + 1
    dates = sorted(p["posted"] for p in posts if p.get("posted"))
    targets: dict[str, dict[str, int]] = {}
    for p in posts:
        for st in p.get("stance", []):
            row = targets.setdefault(st["target"], dict.fromkeys(STANCE_LABELS, 0))
            row[st["label"]] = row.get(st["label"], 0) + 1
            if st.get("leans"):  # a NONE that leans to a side, not sure enough to say it
                row["unsure"] = row.get("unsure", 0) + 1
    ranked = sorted(targets.items(),
                    key=lambda kv: (-sum(kv[1].get(lab, 0) for lab in STANCE_LABELS), kv[0]))
    checks = doc.get("checks", [])
    statuses = {s: sum(1 for c in checks if c.get("status") == s)
                for s in ("supported", "flagged", "not_checkable")}
    techniques = None
    if "techniques" not in hidden:
        rate = (doc.get("scores") or {}).get("techniques") or {}
        words = int(rate.get("words") or word_count(doc.get("text") or ""))
        top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:SUMMARY_TECHNIQUES]
        techniques = {
            "words": words, "spans": sum(counts.values()),
            "withheld": int(rate.get("withheld") or 0),
            "per_1000_words": round(1000 * sum(counts.values()) / words, 2) if words else 0.0,
            "top": [{"label": label, "spans": n,
                     "per_1000_words": round(1000 * n / words, 2) if words else 0.0}
                    for label, n in top]}
    flags = None
    if "flags" not in hidden:
        kinds: dict[str, int] = {}
        for f in doc.get("flags", []):
            kinds[f["kind"]] = kinds.get(f["kind"], 0) + 1
        flags = {"n": len(doc.get("flags", [])), "kinds": sorted(kinds.items())}
    return {
        "posts": len(posts),
        "platforms": sorted(platforms.items(), key=lambda kv: (-kv[1], kv[0])),
        "first_posted": dates[0] if dates else None,
        "last_posted": dates[-1] if dates else None,
        "undated": len(posts) - len(dates),
        "targets": None if "positions" in hidden else
        [{"target": t, **row} for t, row in ranked[:SUMMARY_TARGETS]],
        "more_targets": max(0, len(ranked) - SUMMARY_TARGETS),
        "flags": flags,
        "checks": {"n": len(checks), **statuses},
        "techniques": techniques,
        "hypocrisy": None if "hypocrisy" in hidden
        else (doc.get("scores") or {}).get("hypocrisy"),
        "hidden": sorted(hidden & set(LAYERS)),
    }


#: Names of the languages :func:`echoscope.text.language.guess_language` tells apart.
LANGUAGE_NAMES = {"de": "German", "es": "Spanish", "fr": "French", "it": "Italian",
                  "nl": "Dutch", "pl": "Polish", "pt": "Portuguese", "ru": "Russian"}


def _not_analysed(doc: dict[str, Any]) -> str | None:
    """The language a document's analysis did not read it in (its name, or its code), or
    None when it was analysed."""
    skipped = (doc.get("meta") or {}).get("not_analysed") or {}
    code = skipped.get("language")
    return LANGUAGE_NAMES.get(code, code) if code else None


def article_context(doc: dict[str, Any], hidden: Iterable[str] = ()) -> dict[str, Any]:
    """Everything the article template needs, computed from a ``Doc.to_dict()`` without the
    ``hidden`` layers (see :mod:`echoscope.report.visibility`)."""
    hidden = sorted(set(hidden))
    doc = visible(doc, hidden)
    text = doc["text"]
    anchors: dict[int, list[int]] = {}
    for i, f in enumerate(doc.get("flags", [])):
        anchors.setdefault(f["start"], []).append(i)
    blocks: list[dict[str, Any]] = []
    cursor = 0
    def prose(start: int, end: int) -> None:
        # The blank lines between a card and the prose are the card's margin already.
        while start < end and text[start] in "\n\r \t":
            start += 1
        while end > start and text[end - 1] in "\n\r \t":
            end -= 1
        if end > start:
            blocks.append({"kind": "prose", "segments": _segments(text, start, end, doc,
                                                                  anchors)})

    for i, post in sorted(enumerate(doc.get("posts", [])), key=lambda ip: ip[1]["start"]):
        if post["start"] > cursor:
            prose(cursor, post["start"])
        # The card's header names the author and date: its body stops where the post's
        # own text does, before the signature line that says them again.
        # (The article's quotation marks around the post are in its span, in neither.)
        body = post.get("text") or ""
        start, end = post["start"], post["end"]
        at = text.find(body, start, end) if body.strip() else -1
        if at >= 0:
            start, end = at, at + len(body.rstrip())
        elif not body.strip():
            end = start  # no text: its signature or link is not a body
        blocks.append({"kind": "post", "index": i, "post": post, "badges": _badges(post),
                       "segments": _segments(text, start, end, doc, anchors)})
        cursor = max(cursor, post["end"])
    if cursor < len(text):
        prose(cursor, len(text))
    counts: dict[str, int] = {}
    for t in doc.get("techniques", []):
        counts[t["label"]] = counts.get(t["label"], 0) + 1
    stance_rows: dict[tuple[str, str], int] = {}
    for post in doc.get("posts", []):
        for st in post.get("stance", []):
            key = (st["target"], st["label"])
            stance_rows[key] = stance_rows.get(key, 0) + 1
    charts = {
        "techniques": bar_chart([{"technique": k, "spans": v} for k, v in counts.items()],
                                "spans", "technique", title="Technique spans"),
        "stance": bar_chart([{"target": t, "stance": lab, "posts": n}
                             for (t, lab), n in stance_rows.items()],
                            "posts", "target", colour="stance", title="Stance of quoted posts"),
    }
    return {"doc": doc, "blocks": blocks, "counts": counts, "charts": charts,
            "summary": _summary(doc, counts, set(hidden)), "hidden_names": set(hidden),
            "stance_rows": sorted(stance_rows.items()),
            "title": display_title(doc.get("title"), text, doc.get("source") or ""),
            # The legend explains the badges this report shows, no others.
            "badge_meanings": {k: v for k, v in BADGE_MEANINGS.items()
                               if any(cls.split("-")[0] == k for b in blocks
                                      for cls, _, _ in b.get("badges", []))},
            "hypocrisy": doc.get("scores", {}).get("hypocrisy"),
            "paragraphs": _paragraphs(doc),
            "reactions": doc.get("scores", {}).get("reactions"),
            "flags": doc.get("flags", []), "checks": doc.get("checks", []),
            "quoted": _quoted(doc),
            "not_analysed": _not_analysed(doc),
            "satire": (doc.get("meta") or {}).get("genre") == "satire",
            "hidden": [(name, LAYERS[name]) for name in hidden if name in LAYERS],
            "generated": date.today().isoformat()}


#: How much of a labelled paragraph the report quotes.
PARAGRAPH_EXCERPT = 160


def _paragraphs(doc: dict[str, Any]) -> dict[str, Any] | None:
    """The paragraphs labelled with SemEval-2023 techniques (None: not analysed, or
    hidden): each one's opening words and its techniques, most probable first."""
    found = (doc.get("scores") or {}).get("paragraph_techniques")
    if not found:
        return None
    text = doc["text"]
    rows = []
    for p in found.get("labelled", []):
        words = text[p["start"]:p["end"]]
        cut = words if len(words) <= PARAGRAPH_EXCERPT else \
            words[:PARAGRAPH_EXCERPT].rsplit(" ", 1)[0] + " …"
        rows.append({"excerpt": cut, "labels": sorted(p["labels"].items(),
                                                      key=lambda kv: (-kv[1], kv[0]))})
    return {"read": found.get("paragraphs", 0), "rows": rows}


def article_html(doc: dict[str, Any], *, standalone: bool = True,
                 hidden: Iterable[str] = ()) -> str:
    """The report for one article; ``standalone`` adds the page around it."""
    return render("article.html", standalone=standalone, **article_context(doc, hidden))
