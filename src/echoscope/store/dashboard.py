"""The corpus dashboard's queries: each chart is one query users can run themselves
with ``echoscope sql`` (the dashboard prints it beside the chart)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .db import Store

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
    "top_entities": ("Most mentioned names", """
SELECT e.name AS entity, e.type, count(*) AS mentions, count(DISTINCT m.article_id) AS articles
FROM mentions m JOIN entities e ON e.id = m.entity_id
GROUP BY e.name, e.type ORDER BY mentions DESC, entity LIMIT 15"""),
    "techniques_by_source": ("Technique spans per 1,000 words, by source", """
WITH w AS (SELECT coalesce(site_name, 'unknown') AS source, count(*) AS articles,
                  sum(CAST(json_extract(scores, '$.techniques.words') AS BIGINT)) AS words
           FROM articles WHERE json_extract(scores, '$.techniques') IS NOT NULL GROUP BY 1),
s AS (SELECT coalesce(a.site_name, 'unknown') AS source, t.label AS technique,
             count(*) AS spans
      FROM techniques t JOIN articles a ON a.id = t.article_id GROUP BY ALL)
SELECT s.source, s.technique, round(1000.0 * s.spans / greatest(w.words, 1), 2)
       AS per_1000_words, s.spans, w.articles
FROM s JOIN w USING (source)
ORDER BY per_1000_words DESC, source, technique LIMIT 200"""),
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


#: The queries that stand in for others while a layer is hidden: without entity types
#: (an audited layer, hidden by default) the top entities are names, counted over types.
WITHOUT: dict[str, dict[str, tuple[str, str]]] = {
    "entity_types": {"top_entities": ("Most mentioned names", """
SELECT e.name AS entity, count(*) AS mentions, count(DISTINCT m.article_id) AS articles
FROM mentions m JOIN entities e ON e.id = m.entity_id
GROUP BY e.name ORDER BY mentions DESC, entity LIMIT 15""")},
}


def corpus_queries(hidden: Iterable[str] = ()) -> dict[str, tuple[str, str]]:
    """The dashboard's ``(title, sql)`` by name with the ``hidden`` layers' stand-ins."""
    queries = dict(CORPUS_QUERIES)
    for layer in hidden:
        queries.update(WITHOUT.get(layer, {}))
    return queries


def corpus_data(store: Store, hidden: Iterable[str] = ()) -> dict[str, list[dict[str, Any]]]:
    """Every dashboard query's rows, by name."""
    return {name: store.rows(sql) for name, (_, sql) in corpus_queries(hidden).items()}
