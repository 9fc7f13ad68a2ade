"""The corpus dashboard: every chart beside the query that makes it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from ..store import Store, consistency, queries
from ..store.dashboard import corpus_data, corpus_queries
from .charts import bar_chart, network_chart, time_chart
from .render import render
from .visibility import LAYERS

#: Dashboard sections that show an audited layer (see :mod:`.visibility`).
SECTION_LAYERS = {"techniques_by_source": "techniques", "stance_by_target": "positions"}


def corpus_context(store: Store, hidden: Iterable[str] = ()) -> dict[str, Any]:
    hidden = sorted(set(hidden))
    data, titled = corpus_data(store, hidden), corpus_queries(hidden)
    # Entity types are coloured only where they are shown (``entity_types`` is audited).
    types = "entity_types" not in hidden
    charts = {
        "over_time": time_chart(data["over_time"], "month", "n", "kind",
                                titled["over_time"][0]),
        "top_handles": bar_chart(data["top_handles"], "posts", "handle",
                                 title=titled["top_handles"][0]),
        "top_hashtags": bar_chart(data["top_hashtags"], "posts", "hashtag",
                                  title=titled["top_hashtags"][0]),
        "top_entities": bar_chart(data["top_entities"], "mentions", "entity",
                                  colour="type" if types else None,
                                  title=titled["top_entities"][0]),
        "techniques_by_source": bar_chart(data["techniques_by_source"], "per_1000_words",
                                          "source", colour="technique",
                                          title=titled["techniques_by_source"][0]),
        "stance_by_target": bar_chart(data["stance_by_target"], "posts", "target",
                                      colour="stance",
                                      title=titled["stance_by_target"][0]),
        "co_mentions": network_chart(data["co_mentions"]),
    }
    sections = [{"name": k, "title": titled[k][0], "sql": titled[k][1].strip(),
                 "chart": charts[k], "rows": data[k]} for k in titled
                if SECTION_LAYERS.get(k) not in hidden]
    positions = "positions" not in hidden
    return {"sections": sections, "stats": queries.stats(store), "generated": date.today().isoformat(),
            "hidden": [(name, LAYERS[name]) for name in hidden if name in LAYERS],
            "hidden_names": hidden,
            "conflicts": consistency.conflicts(store) if positions else [],
            "situations": consistency.situations(store) if positions else [],
            "conflicts_sql": consistency.CONFLICTS_SQL.strip().replace("$actor", "NULL")
            .replace("$situation", "NULL"),
            "situations_sql": consistency.SITUATIONS_SQL.strip()}


def corpus_html(store: Store, hidden: Iterable[str] = ()) -> str:
    return render("corpus.html", standalone=True, **corpus_context(store, hidden))
