"""Self-contained HTML reports: one article, or the whole corpus.

Everything is rendered on the server into one file: no scripts, no network, no CDN. Text
from articles and posts is untrusted and only ever reaches the page through Jinja2's
autoescaping; charts are Altair specifications rendered to SVG offline by
``vl-convert-python`` and embedded as ``data:`` images, which browsers never run scripts in.
"""

from .article import article_context, article_html
from .charts import timeline_chart_svg
from .corpus import corpus_context, corpus_html
from .render import TECHNIQUE_COLOURS, TEXT_COLOUR, contrast_ratio, render

__all__ = ["TECHNIQUE_COLOURS", "TEXT_COLOUR", "article_context", "article_html",
           "contrast_ratio", "corpus_context", "corpus_html", "render", "timeline_chart_svg"]
