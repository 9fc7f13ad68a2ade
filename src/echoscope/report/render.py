"""Rendering: the Jinja2 environment (autoescaped) and the page palette."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from ..doc import TECHNIQUES

TEMPLATES = Path(__file__).parent / "templates"


#: One background per technique; all keep dark text (#111) above WCAG AA contrast (4.5:1).
TECHNIQUE_COLOURS = dict(zip(TECHNIQUES, (
    "#ffd8a8", "#ffc9c9", "#d0bfff", "#a5d8ff", "#99e9f2", "#ffec99", "#ffa8a8",
    "#b2f2bb", "#fcc2d7", "#eebefa", "#c3fae8", "#d8f5a2", "#e9ecef", "#bac8ff"), strict=True))


TEXT_COLOUR = "#111111"

#: One stance palette everywhere (charts, badges): Okabe–Ito bluish green and vermillion,
#: which stay apart for red–green colour-blind readers, and grey; every use also says the
#: label in words.
STANCE_COLOURS = {"FAVOR": "#009E73", "AGAINST": "#D55E00", "NONE": "#8C8C8C"}
#: Light tints of the same hues for badge backgrounds (dark text keeps WCAG AA contrast).
STANCE_TINTS = {"FAVOR": "#c8eee2", "AGAINST": "#f7d9c4", "NONE": "#e6e6e6"}


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
    env.globals["stance_tints"] = STANCE_TINTS
    env.globals["stance_colours"] = STANCE_COLOURS
    env.globals["text_colour"] = TEXT_COLOUR
    return env


def render(template: str, **context: Any) -> str:
    return _env().get_template(template).render(**context)
