"""Charts: Altair specifications rendered to SVG offline by ``vl-convert-python``."""

from __future__ import annotations

import base64
import math
from collections.abc import Sequence
from typing import Any

from .render import STANCE_COLOURS, TECHNIQUE_COLOURS

#: Fields that count things: their axes have whole-number ticks only.
COUNTS = {"posts", "mentions", "articles", "spans", "n", "positions"}
#: Nodes the co-mention network draws at most (the most co-mentioned), so labels stay legible.
NETWORK_NODES = 12


def _colour(field: str) -> Any:
    """The one palette of a field that has one (stance, technique), else Vega's default."""
    import altair as alt

    if field == "stance":
        return alt.Color("stance:N", title="stance",
                         scale=alt.Scale(domain=list(STANCE_COLOURS),
                                         range=list(STANCE_COLOURS.values())))
    if field == "technique":
        return alt.Color("technique:N", title="technique",
                         scale=alt.Scale(domain=list(TECHNIQUE_COLOURS),
                                         range=list(TECHNIQUE_COLOURS.values())))
    return alt.Color(f"{field}:N")


# -- charts ----------------------------------------------------------------------------
def render_svg(chart: Any) -> str:
    """An Altair chart as SVG text (rendered offline)."""
    import vl_convert as vlc

    spec = chart.to_dict()
    # The renderer measures text with its own font; a browser's may be wider: room on the
    # sides keeps the longest labels whole.
    spec["padding"] = {"left": 28, "right": 16, "top": 6, "bottom": 6}
    return vlc.vegalite_to_svg(spec)


def chart_svg(chart: Any) -> str:
    """An Altair chart as a ``data:image/svg+xml`` URI (rendered offline)."""
    svg = render_svg(chart)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode()


def count_axis(most: float) -> dict[str, Any]:
    """The axis and scale of counts up to ``most`` (``alt.X(..., **count_axis(n))``): ticks
    at whole numbers only (0, 1, 2 … or a whole step), given explicitly, and the axis
    ending on a tick — Vega's ``tickMinStep`` still places ticks at halves when the
    domain is small, and ``format="d"`` then prints them as repeated labels."""
    import altair as alt

    top = max(1, math.ceil(most))
    step = next(s for s in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000,
                            10**4, 10**5, 10**6, 10**7)
                if top / s <= 8 or s == 10**7)
    end = -(-top // step) * step
    return {"axis": alt.Axis(values=list(range(0, end + 1, step)), format="d"),
            "scale": alt.Scale(domain=[0, end], nice=False)}


def bar_chart(rows: Sequence[dict[str, Any]], x: str, y: str, *, colour: str | None = None,
              title: str = "", width: int = 420) -> str | None:
    import altair as alt

    if not rows:
        return None
    totals: dict[Any, float] = {}
    for r in rows:  # bars of one category stack: the axis runs to the largest sum
        totals[r[y]] = totals.get(r[y], 0) + (r[x] or 0)
    whole = count_axis(max(totals.values())) if x in COUNTS else {}
    enc: dict[str, Any] = {
        "x": alt.X(f"{x}:Q", title=x.replace("_", " "), **whole),
        # Labels are never cut: the chart grows to the left to fit the longest.
        "y": alt.Y(f"{y}:N", sort="-x", title=None, axis=alt.Axis(labelLimit=0)),
        "tooltip": [f"{y}:N", f"{x}:Q"] + ([f"{colour}:N"] if colour else [])}
    if colour:
        enc["color"] = _colour(colour)
    categories = len({r[y] for r in rows})
    chart = alt.Chart(alt.Data(values=list(rows))).mark_bar().encode(**enc).properties(
        width=width, height=max(60, 20 * categories), title=title)
    return chart_svg(chart)


def time_chart(rows: Sequence[dict[str, Any]], x: str, y: str, colour: str, title: str
               ) -> str | None:
    """Counts per month as bars, months labelled with their year ("2020-04"), every month
    between the first and the last drawn (a month with nothing is a zero, not a line drawn
    across it)."""
    import altair as alt

    months = sorted({str(r[x])[:7] for r in rows if r.get(x)})
    if not months:
        return None
    span = _month_range(months[0], months[-1])
    kinds = sorted({r[colour] for r in rows})
    have = {(str(r[x])[:7], r[colour]): r[y] for r in rows if r.get(x)}
    values = [{"month": m, colour: k, y: have.get((m, k), 0)} for m in span for k in kinds]
    chart = alt.Chart(alt.Data(values=values)).mark_bar().encode(
        x=alt.X("month:O", title=None, sort=span,
                axis=alt.Axis(labelAngle=-45, labelOverlap="greedy")),
        xOffset=alt.XOffset(f"{colour}:N"),
        y=alt.Y(f"{y}:Q", title="count", **count_axis(max(v[y] for v in values))),
        color=alt.Color(f"{colour}:N"), tooltip=["month:O", f"{colour}:N", f"{y}:Q"],
    ).properties(width=max(240, min(900, 18 * len(span) * len(kinds))), title=title)
    return chart_svg(chart)


def _month_range(first: str, last: str, most: int = 600) -> list[str]:
    """Every ``YYYY-MM`` from ``first`` to ``last`` (at most ``most`` of them)."""
    year, month = int(first[:4]), int(first[5:7])
    out: list[str] = []
    while len(out) < most:
        out.append(f"{year:04d}-{month:02d}")
        if out[-1] >= last:
            break
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return out


def timeline_chart_svg(rows: Sequence[dict[str, Any]], actor: str) -> str:
    """An actor's positions over time as an SVG chart: one row per target, a dot per
    position coloured by stance."""
    import altair as alt

    values = [{"date": _as_date(r["date"], r.get("published")), "target": r["target"],
               "stance": r["label"], "kind": r["kind"], "situation": r.get("situation") or "—"}
              for r in rows]
    targets = len({v["target"] for v in values})
    chart = alt.Chart(alt.Data(values=values)).mark_point(filled=True, size=120).encode(
        x=alt.X("date:T", title=None,
                axis=alt.Axis(format="%Y-%m", labelAngle=-45, labelOverlap="greedy")),
        y=alt.Y("target:N", title=None, axis=alt.Axis(labelLimit=0)),
        color=_colour("stance"),
        shape=alt.Shape("kind:N"), tooltip=["date:T", "target:N", "stance:N", "situation:N"],
    ).properties(width=640, height=max(120, 28 * targets), title=f"Positions of {actor}")
    return render_svg(chart)


def _as_date(value: Any, fallback: Any = None) -> str | None:
    text = str(value or fallback or "")
    if len(text) == 4 and text.isdigit():
        return f"{text}-07-01"  # a year: drawn mid-year
    return text[:10] or None


def _whole_steps(most: int, at_most: int = 5) -> list[int]:
    """Up to ``at_most`` distinct whole numbers from 1 to ``most`` (both included)."""
    if most <= at_most:
        return list(range(1, most + 1))
    return sorted({round(1 + i * (most - 1) / (at_most - 1)) for i in range(at_most)})


def network_chart(edges: Sequence[dict[str, Any]]) -> str | None:
    """Co-mention network: nodes on a circle (deterministic), edges as rules."""
    import math

    import altair as alt

    if not edges:
        return None
    weight: dict[str, int] = {}
    for e in edges:
        for end in (e["source"], e["target"]):
            weight[end] = weight.get(end, 0) + int(e["articles"])
    keep = set(sorted(weight, key=lambda n: (-weight[n], n))[:NETWORK_NODES])
    edges = [e for e in edges if e["source"] in keep and e["target"] in keep]
    if not edges:
        return None
    nodes = sorted({e["source"] for e in edges} | {e["target"] for e in edges})
    pos = {n: (math.cos(2 * math.pi * i / len(nodes)), math.sin(2 * math.pi * i / len(nodes)))
           for i, n in enumerate(nodes)}
    lines = [{"x": pos[e["source"]][0], "y": pos[e["source"]][1], "x2": pos[e["target"]][0],
              "y2": pos[e["target"]][1], "articles": e["articles"]} for e in edges]
    points = [{"x": x, "y": y, "name": n} for n, (x, y) in pos.items()]
    axis = alt.Axis(labels=False, ticks=False, grid=False, domain=False, title=None)
    scale = alt.Scale(domain=[-2.2, 2.2])
    rules = alt.Chart(alt.Data(values=lines)).mark_rule(opacity=0.5).encode(
        x=alt.X("x:Q", axis=axis, scale=scale), y=alt.Y("y:Q", axis=axis, scale=scale),
        x2="x2:Q", y2="y2:Q", strokeWidth=alt.StrokeWidth(
            "articles:Q", title="articles",
            # Whole numbers only (the legend would otherwise step by 0.2 articles).
            legend=alt.Legend(values=_whole_steps(max(int(e["articles"]) for e in edges)),
                              format="d")))
    dots = alt.Chart(alt.Data(values=points)).mark_circle(size=80).encode(
        x=alt.X("x:Q", axis=axis, scale=scale), y=alt.Y("y:Q", axis=axis, scale=scale))
    # Labels sit outside the circle, away from the edges and from each other.
    for point in points:
        point["lx"], point["ly"] = point["x"] * 1.22, point["y"] * 1.22
        point["align"] = "left" if point["x"] > 0.2 else "right" if point["x"] < -0.2 else "center"
    layers = [rules, dots]
    for align in ("left", "right", "center"):
        placed = [p for p in points if p["align"] == align]
        if placed:
            layers.append(alt.Chart(alt.Data(values=placed)).mark_text(
                fontSize=11, align=align).encode(
                x=alt.X("lx:Q", axis=axis, scale=scale),
                y=alt.Y("ly:Q", axis=axis, scale=scale), text="name:N"))
    return chart_svg(alt.layer(*layers).properties(
        width=560, height=560, title=f"Co-mention network (the {len(nodes)} most co-mentioned)"))
