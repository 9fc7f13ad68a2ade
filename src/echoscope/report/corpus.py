"""The corpus dashboard: every chart beside the query that makes it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from ..store import Store, consistency, queries
from ..store.dashboard import CORPUS_QUERIES, corpus_data
from .charts import bar_chart, network_chart, time_chart
from .render import render
from .visibility import LAYERS

#: Dashboard sections that show an audited layer (see :mod:`.visibility`).
SECTION_LAYERS = {"techniques_by_source": "techniques", "stance_by_target": "positions"}


def corpus_context(store: Store, hidden: Iterable[str] = ()) -> dict[str, Any]:
    hidden = sorted(set(hidden))
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
        "techniques_by_source": bar_chart(data["techniques_by_source"], "per_1000_words",
                                          "source", colour="technique",
                                          title=CORPUS_QUERIES["techniques_by_source"][0]),
        "stance_by_target": bar_chart(data["stance_by_target"], "posts", "target",
                                      colour="stance",
                                      title=CORPUS_QUERIES["stance_by_target"][0]),
        "co_mentions": network_chart(data["co_mentions"]),
    }
    sections = [{"name": k, "title": CORPUS_QUERIES[k][0], "sql": CORPUS_QUERIES[k][1].strip(),
                 "chart": charts[k], "rows": data[k]} for k in CORPUS_QUERIES
                if SECTION_LAYERS.get(k) not in hidden]
    positions = "positions" not in hidden
    return {"sections": sections, "stats": queries.stats(store), "generated": date.today().isoformat(),
            "hidden": [(name, LAYERS[name]) for name in hidden if name in LAYERS],
            "conflicts": consistency.conflicts(store) if positions else [],
            "situations": consistency.situations(store) if positions else [],
            "conflicts_sql": consistency.CONFLICTS_SQL.strip().replace("$actor", "NULL")
            .replace("$situation", "NULL"),
            "situations_sql": consistency.SITUATIONS_SQL.strip()}


def corpus_html(store: Store, hidden: Iterable[str] = ()) -> str:
    return render("corpus.html", standalone=True, **corpus_context(store, hidden))
