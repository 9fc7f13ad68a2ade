"""Positions across the corpus: timelines, situations and consistency checks.

Every function here is one SQL query over the ``positions`` table (filled by the
``positions`` analyzer), so what the CLI, the dashboard and the API show can be run and
checked with ``echoscope sql``.

A **consistency conflict** is one actor taking opposite stances (FAVOR and AGAINST) toward
two different targets in the same situation and the same part in it (both accused, or both
accusers) — e.g. demanding that the accuser of one
politician be believed and backing another facing a similar accusation — where neither
stance comes with a stated reason. Both pieces of evidence come with it: the article, the
offsets, the text and the date. A stance that changed for a stated reason, or stances in
different situations, are not conflicts. ``not_found_in_corpus`` notes say only that this
corpus holds no position of an actor on another member of a situation — never that the
actor took none.
"""

from __future__ import annotations

from typing import Any

from .db import Store

TIMELINE_SQL = """
SELECT p.date, p.date_precision, p.actor, p.target, p.label, p.kind, p.situation,
       p.confidence, p.reason, a.title, a.published, p.article_id, p.char_start, p.char_end,
       substr(a.text, p.char_start + 1, p.char_end - p.char_start) AS evidence
FROM positions p JOIN articles a ON a.id = p.article_id
WHERE lower(p.actor) = lower($actor) OR p.actor_id = $actor
   OR lower(p.actor) = lower('@' || ltrim($actor, '@')) OR p.actor_id IN (
      SELECT id FROM entities
      WHERE list_contains(list_transform(aliases, x -> lower(x)), lower('@' || ltrim($actor, '@'))))
ORDER BY coalesce(p.date, CAST(a.published AS VARCHAR)), p.article_id, p.char_start
"""

SITUATIONS_SQL = """
SELECT situation, count(DISTINCT target_id) AS targets, list(DISTINCT target ORDER BY target)
       AS members, count(*) AS positions, count(DISTINCT actor_id) AS actors,
       any_value(situation_evidence) AS example_evidence
FROM positions WHERE situation IS NOT NULL
GROUP BY situation ORDER BY positions DESC, situation
"""

CONFLICTS_SQL = """
WITH parts AS (  -- each person's part in accusations, where the corpus says one thing
  SELECT entity_id, any_value(role) AS role FROM roles
  GROUP BY entity_id HAVING count(DISTINCT role) = 1
), p AS (
  SELECT p.*, a.title, a.published, r.role,
         substr(a.text, p.char_start + 1, p.char_end - p.char_start) AS evidence
  FROM positions p JOIN articles a ON a.id = p.article_id
  LEFT JOIN parts r ON r.entity_id = p.target_id
  WHERE p.situation IS NOT NULL AND p.reason IS NULL AND p.label IN ('FAVOR', 'AGAINST')
)
SELECT f.actor, f.situation,
       g.target AS against_target, g.date AS against_date, g.kind AS against_kind,
       g.article_id AS against_article, g.char_start AS against_start,
       g.char_end AS against_end, g.evidence AS against_evidence,
       f.target AS favor_target, f.date AS favor_date, f.kind AS favor_kind,
       f.article_id AS favor_article, f.char_start AS favor_start, f.char_end AS favor_end,
       f.evidence AS favor_evidence,
       round(least(f.confidence, g.confidence), 3) AS confidence
FROM p f JOIN p g
  ON f.actor_id = g.actor_id AND f.situation = g.situation AND f.target_id <> g.target_id
 -- like with like: both targets in the same part (both accused, or both accusers)
 AND f.role IS NOT NULL AND f.role = g.role
 AND f.label = 'FAVOR' AND g.label = 'AGAINST'
 -- names sharing a word may be one person the linker split ("Bergoglio", "Pope
 -- Bergoglio"): precision first
 AND NOT list_has_any(string_split(lower(f.target), ' '), string_split(lower(g.target), ' '))
WHERE ($actor IS NULL OR lower(f.actor) = lower($actor) OR f.actor_id = $actor
       OR f.actor_id IN (SELECT id FROM entities WHERE list_contains(
          list_transform(aliases, x -> lower(x)), lower('@' || ltrim($actor, '@')))))
  AND ($situation IS NULL OR f.situation = $situation)
  -- the same actor may not also take the other side on either target (a change of mind)
  AND NOT EXISTS (SELECT 1 FROM positions r WHERE r.actor_id = f.actor_id
                  AND r.reason IS NOT NULL AND r.target_id IN (f.target_id, g.target_id))
QUALIFY row_number() OVER (PARTITION BY f.actor_id, f.situation, f.target_id, g.target_id
                           ORDER BY least(f.confidence, g.confidence) DESC,
                                    f.article_id, g.article_id, f.char_start, g.char_start) = 1
ORDER BY confidence DESC, f.actor, f.situation, favor_target, against_target
"""

ABSENT_SQL = """
WITH members AS (SELECT DISTINCT situation, target_id, target FROM positions
                 WHERE situation IS NOT NULL),
     spoke AS (SELECT DISTINCT actor_id, actor, situation FROM positions
               WHERE situation IS NOT NULL AND kind IN ('post', 'quote', 'reported'))
SELECT s.actor, s.situation, m.target AS no_position_on,
       (SELECT list(DISTINCT target ORDER BY target) FROM positions q
        WHERE q.actor_id = s.actor_id AND q.situation = s.situation) AS positions_on
FROM spoke s JOIN members m ON m.situation = s.situation
WHERE m.target_id <> s.actor_id
  AND NOT EXISTS (SELECT 1 FROM positions q WHERE q.actor_id = s.actor_id
                  AND q.target_id = m.target_id)
  AND ($actor IS NULL OR lower(s.actor) = lower($actor) OR s.actor_id = $actor)
  AND ($situation IS NULL OR s.situation = $situation)
ORDER BY s.actor, s.situation, no_position_on
"""


def timeline(store: Store, actor: str) -> list[dict[str, Any]]:
    """Every position of ``actor`` (name, handle or id), oldest first, with its evidence."""
    return store.rows(TIMELINE_SQL, {"actor": actor})


def situations(store: Store) -> list[dict[str, Any]]:
    """Situations with their member targets, counts and an example of the evidence."""
    return store.rows(SITUATIONS_SQL, {})


def conflicts(store: Store, *, actor: str | None = None, situation: str | None = None
              ) -> list[dict[str, Any]]:
    """Consistency conflicts, most confident first, each with both pieces of evidence."""
    return store.rows(CONFLICTS_SQL, {"actor": actor, "situation": situation})


def absences(store: Store, *, actor: str | None = None, situation: str | None = None
             ) -> list[dict[str, Any]]:
    """``not_found_in_corpus`` notes: an actor spoke on some members of a situation, and
    this corpus holds nothing from them on another member."""
    rows = store.rows(ABSENT_SQL, {"actor": actor, "situation": situation})
    for r in rows:
        r["note"] = (f"not_found_in_corpus: no position of {r['actor']} on "
                     f"{r['no_position_on']} was found in this corpus (they took one on "
                     f"{', '.join(r['positions_on'])} in the same situation, "
                     f"{r['situation']}); this says nothing about what they said elsewhere.")
    return rows
