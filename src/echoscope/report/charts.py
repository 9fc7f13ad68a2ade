"""Charts: Altair specifications rendered to SVG offline by ``vl-convert-python``."""

from __future__ import annotations

import base64
from collections.abc import Sequence
from typing import Any


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
