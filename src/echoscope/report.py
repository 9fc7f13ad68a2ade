"""Self-contained HTML reports: one article, or the whole corpus.

Everything is rendered on the server into one file: no scripts, no network, no CDN. Text
from articles and posts is untrusted and only ever reaches the page through Jinja2's
autoescaping; charts are Altair specifications rendered to SVG offline by
``vl-convert-python`` and embedded as ``data:`` images, which browsers never run scripts in.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from .doc import TECHNIQUES

TEMPLATES = Path(__file__).parent / "templates"

#: One background per technique; all keep dark text (#111) above WCAG AA contrast (4.5:1).
TECHNIQUE_COLOURS = dict(zip(TECHNIQUES, (
    "#ffd8a8", "#ffc9c9", "#d0bfff", "#a5d8ff", "#99e9f2", "#ffec99", "#ffa8a8",
    "#b2f2bb", "#fcc2d7", "#eebefa", "#c3fae8", "#d8f5a2", "#e9ecef", "#bac8ff"), strict=True))
TEXT_COLOUR = "#111111"


def contrast_ratio(fg: str, bg: str) -> float:
    """WCAG 2.x contrast ratio of two ``#rrggbb`` colours."""
    def lum(c: str) -> float:
        rgb = [int(c[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    a, b = sorted((lum(fg), lum(bg)), reverse=True)
    return (a + 0.05) / (b + 0.05)


@lru_cache(maxsize=1)
def _env():
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(loader=FileSystemLoader(str(TEMPLATES)),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.globals["colours"] = TECHNIQUE_COLOURS
    env.globals["text_colour"] = TEXT_COLOUR
    return env


def render(template: str, **context: Any) -> str:
    return _env().get_template(template).render(**context)


# -- charts ----------------------------------------------------------------------------
def chart_svg(chart: Any) -> str:
    """An Altair chart as a ``data:image/svg+xml`` URI (rendered offline)."""
    import vl_convert as vlc

    svg = vlc.vegalite_to_svg(chart.to_dict())
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode()


def bar_chart(rows: Sequence[dict[str, Any]], x: str, y: str, *, colour: str | None = None,
              title: str = "", width: int = 420) -> str | None:
    import altair as alt

    if not rows:
        return None
    enc: dict[str, Any] = {"x": alt.X(f"{x}:Q", title=x), "y": alt.Y(f"{y}:N", sort="-x",
                                                                       title=None)}
    if colour:
        enc["color"] = alt.Color(f"{colour}:N")
    chart = alt.Chart(alt.Data(values=list(rows))).mark_bar().encode(**enc).properties(
        width=width, title=title)
    return chart_svg(chart)


def time_chart(rows: Sequence[dict[str, Any]], x: str, y: str, colour: str, title: str
               ) -> str | None:
    import altair as alt

    if not rows:
        return None
    chart = alt.Chart(alt.Data(values=list(rows))).mark_line(point=True).encode(
        x=alt.X(f"{x}:T", title=None), y=alt.Y(f"{y}:Q"), color=alt.Color(f"{colour}:N")
    ).properties(width=560, title=title)
    return chart_svg(chart)


def timeline_chart_svg(rows: Sequence[dict[str, Any]], actor: str) -> str:
    """An actor's positions over time as an SVG chart: one row per target, a dot per
    position coloured by stance."""
    import altair as alt
    import vl_convert as vlc

    values = [{"date": _as_date(r["date"], r.get("published")), "target": r["target"],
               "stance": r["label"], "kind": r["kind"], "situation": r.get("situation") or "—"}
              for r in rows]
    chart = alt.Chart(alt.Data(values=values)).mark_point(filled=True, size=120).encode(
        x=alt.X("date:T", title=None), y=alt.Y("target:N", title=None),
        color=alt.Color("stance:N", scale=alt.Scale(domain=["FAVOR", "AGAINST"],
                                                     range=["#2b8a3e", "#c92a2a"])),
        shape=alt.Shape("kind:N"), tooltip=["date:T", "target:N", "stance:N", "situation:N"],
    ).properties(width=560, title=f"Positions of {actor}")
    return vlc.vegalite_to_svg(chart.to_dict())


def _as_date(value: Any, fallback: Any = None) -> str | None:
    text = str(value or fallback or "")
    if len(text) == 4 and text.isdigit():
        return f"{text}-07-01"  # a year: drawn mid-year
    return text[:10] or None


# -- one article -----------------------------------------------------------------------
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


def _badges(post: dict[str, Any]) -> list[tuple[str, str]]:
    s = post.get("scores", {})
    out = []
    if "sentiment_label" in s:
        out.append(("sentiment", f"{s['sentiment_label']} ({s.get('sentiment', 0):+.2f})"))
    for k in ("offensive", "irony", "hypocrisy"):
        if k in s:
            out.append((k, f"{k} {s[k]:.2f}"))
    for st in post.get("stance", []):
        out.append((f"stance-{st['label'].lower()}", f"{st['label']} {st['target']}"))
    return out


def article_context(doc: dict[str, Any]) -> dict[str, Any]:
    """Everything the article template needs, computed from a ``Doc.to_dict()``."""
    text = doc["text"]
    anchors: dict[int, list[int]] = {}
    for i, f in enumerate(doc.get("flags", [])):
        anchors.setdefault(f["start"], []).append(i)
    blocks: list[dict[str, Any]] = []
    cursor = 0
    for i, post in sorted(enumerate(doc.get("posts", [])), key=lambda ip: ip[1]["start"]):
        if post["start"] > cursor:
            blocks.append({"kind": "prose",
                           "segments": _segments(text, cursor, post["start"], doc, anchors)})
        blocks.append({"kind": "post", "index": i, "post": post, "badges": _badges(post),
                       "segments": _segments(text, post["start"], post["end"], doc, anchors)})
        cursor = max(cursor, post["end"])
    if cursor < len(text):
        blocks.append({"kind": "prose", "segments": _segments(text, cursor, len(text), doc,
                                                               anchors)})
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
            "hypocrisy": doc.get("scores", {}).get("hypocrisy"),
            "reactions": doc.get("scores", {}).get("reactions"),
            "flags": doc.get("flags", []), "generated": date.today().isoformat()}


def article_html(doc: dict[str, Any], *, standalone: bool = True) -> str:
    """The report for one article; ``standalone`` adds the page around it."""
    return render("article.html", standalone=standalone, **article_context(doc))


# -- the corpus ------------------------------------------------------------------------
#: Every corpus chart is one query users can run themselves with ``echoscope sql``.
CORPUS_QUERIES: dict[str, tuple[str, str]] = {
    "over_time": ("Articles and quoted posts per month", """
SELECT month, kind, n FROM (
  SELECT strftime(date_trunc('month', published), '%Y-%m-01') AS month, 'articles' AS kind,
         count(*) AS n FROM articles WHERE published IS NOT NULL GROUP BY 1
  UNION ALL
  SELECT strftime(date_trunc('month', posted), '%Y-%m-01'), 'posts', count(*)
  FROM posts WHERE posted IS NOT NULL GROUP BY 1
) ORDER BY month, kind"""),
    "top_handles": ("Most quoted accounts", """
SELECT '@' || handle AS handle, count(*) AS posts FROM posts WHERE handle IS NOT NULL
GROUP BY handle ORDER BY posts DESC, handle LIMIT 15"""),
    "top_hashtags": ("Most used hashtags", """
SELECT '#' || lower(tag) AS hashtag, count(*) AS posts
FROM (SELECT unnest(hashtags) AS tag FROM posts)
GROUP BY 1 ORDER BY posts DESC, hashtag LIMIT 15"""),
    "top_entities": ("Most mentioned people and organisations", """
SELECT e.name AS entity, e.type, count(*) AS mentions, count(DISTINCT m.article_id) AS articles
FROM mentions m JOIN entities e ON e.id = m.entity_id
GROUP BY e.name, e.type ORDER BY mentions DESC, entity LIMIT 15"""),
    "techniques_by_source": ("Technique spans by source", """
SELECT coalesce(a.site_name, 'unknown') AS source, t.label AS technique, count(*) AS spans
FROM techniques t JOIN articles a ON a.id = t.article_id
GROUP BY ALL ORDER BY spans DESC, source, technique LIMIT 200"""),
    "stance_by_target": ("Stance of quoted posts per target", """
SELECT target, label AS stance, count(*) AS posts FROM post_stance
WHERE target IN (SELECT target FROM post_stance GROUP BY target ORDER BY count(*) DESC
                 LIMIT 12)
GROUP BY ALL ORDER BY target, stance"""),
    "co_mentions": ("Entities mentioned in the same article", """
WITH ea AS (SELECT DISTINCT m.article_id, e.name FROM mentions m
            JOIN entities e ON e.id = m.entity_id WHERE e.type IN ('person', 'organization'))
SELECT a.name AS source, b.name AS target, count(*) AS articles
FROM ea a JOIN ea b ON a.article_id = b.article_id AND a.name < b.name
GROUP BY ALL ORDER BY articles DESC, source, target LIMIT 40"""),
}


def corpus_data(store: Any) -> dict[str, list[dict[str, Any]]]:
    out = {}
    for name, (_, sql) in CORPUS_QUERIES.items():
        cur = store.con.execute(sql)
        cols = [d[0] for d in cur.description]
        out[name] = [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]
    return out


def network_chart(edges: Sequence[dict[str, Any]]) -> str | None:
    """Co-mention network: nodes on a circle (deterministic), edges as rules."""
    import math

    import altair as alt

    if not edges:
        return None
    nodes = sorted({e["source"] for e in edges} | {e["target"] for e in edges})
    pos = {n: (math.cos(2 * math.pi * i / len(nodes)), math.sin(2 * math.pi * i / len(nodes)))
           for i, n in enumerate(nodes)}
    lines = [{"x": pos[e["source"]][0], "y": pos[e["source"]][1], "x2": pos[e["target"]][0],
              "y2": pos[e["target"]][1], "articles": e["articles"]} for e in edges]
    points = [{"x": x, "y": y, "name": n} for n, (x, y) in pos.items()]
    axis = alt.Axis(labels=False, ticks=False, grid=False, domain=False, title=None)
    scale = alt.Scale(domain=[-1.6, 1.6])
    rules = alt.Chart(alt.Data(values=lines)).mark_rule(opacity=0.5).encode(
        x=alt.X("x:Q", axis=axis, scale=scale), y=alt.Y("y:Q", axis=axis, scale=scale),
        x2="x2:Q", y2="y2:Q", strokeWidth=alt.StrokeWidth("articles:Q", title="articles"))
    dots = alt.Chart(alt.Data(values=points)).mark_circle(size=80).encode(
        x=alt.X("x:Q", axis=axis, scale=scale), y=alt.Y("y:Q", axis=axis, scale=scale))
    labels = dots.mark_text(dy=-10, fontSize=10).encode(text="name:N")
    return chart_svg((rules + dots + labels).properties(width=520, height=520,
                                                        title="Co-mention network"))


def corpus_context(store: Any) -> dict[str, Any]:
    data = corpus_data(store)
    charts = {
        "over_time": time_chart(data["over_time"], "month", "n", "kind",
                                CORPUS_QUERIES["over_time"][0]),
        "top_handles": bar_chart(data["top_handles"], "posts", "handle",
                                 title=CORPUS_QUERIES["top_handles"][0]),
        "top_hashtags": bar_chart(data["top_hashtags"], "posts", "hashtag",
                                  title=CORPUS_QUERIES["top_hashtags"][0]),
        "top_entities": bar_chart(data["top_entities"], "mentions", "entity", colour="type",
                                  title=CORPUS_QUERIES["top_entities"][0]),
        "techniques_by_source": bar_chart(data["techniques_by_source"], "spans", "source",
                                          colour="technique",
                                          title=CORPUS_QUERIES["techniques_by_source"][0]),
        "stance_by_target": bar_chart(data["stance_by_target"], "posts", "target",
                                      colour="stance",
                                      title=CORPUS_QUERIES["stance_by_target"][0]),
        "co_mentions": network_chart(data["co_mentions"]),
    }
    sections = [{"name": k, "title": CORPUS_QUERIES[k][0], "sql": CORPUS_QUERIES[k][1].strip(),
                 "chart": charts[k], "rows": data[k]} for k in CORPUS_QUERIES]
    from . import positions

    return {"sections": sections, "stats": store.stats(), "generated": date.today().isoformat(),
            "conflicts": positions.conflicts(store), "situations": positions.situations(store),
            "conflicts_sql": positions.CONFLICTS_SQL.strip().replace("$actor", "NULL")
            .replace("$situation", "NULL"),
            "situations_sql": positions.SITUATIONS_SQL.strip()}


def corpus_html(store: Any) -> str:
    return render("corpus.html", standalone=True, **corpus_context(store))

