"""Every read the interfaces make: one function per listing, with one page shape.

The CLI, the web app, its JSON API and the reports all call these, so they list the same
columns with the same pagination. Each returns plain Python values (dates as
:class:`datetime.date`, lists as lists); interfaces format them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from ..doc import display_title, source_name
from ..errors import StoreError
from .db import Store


@dataclass(slots=True)
class Page:
    """One page of a listing: ``items`` (rows as dicts with ``columns`` as keys), how many
    rows match in all (``total``), and the window (``limit``, ``offset``)."""

    columns: list[str]
    items: list[dict[str, Any]] = field(default_factory=list)
    total: int = 0
    limit: int = 0
    offset: int = 0

    def rows(self) -> list[tuple]:
        return [tuple(item[c] for c in self.columns) for item in self.items]


def _page(store: Store, sql: str, params: list[Any], order: str, limit: int | None,
          offset: int) -> Page:
    total = store.query(f"SELECT count(*) FROM ({sql})", params)[1][0][0]
    window = " LIMIT ? OFFSET ?" if limit is not None else ""
    args = [*params, limit, offset] if limit is not None else params
    cols, rows = store.query(f"{sql} ORDER BY {order}{window}", args)
    items = [dict(zip(cols, r, strict=True)) for r in rows]
    for item in items:
        if isinstance(item.get("scores"), str):
            item["scores"] = json.loads(item["scores"])
    return Page(cols, items, int(total), limit if limit is not None else int(total), offset)


def _where(conditions: list[tuple[str, Any]]) -> tuple[str, list[Any]]:
    used = [(sql, value) for sql, value in conditions if value]
    return ((" WHERE " + " AND ".join(sql for sql, _ in used)) if used else "",
            [value for _, value in used])


# -- counts ----------------------------------------------------------------------------
def stats(store: Store) -> dict[str, Any]:
    """Counts of what the database holds, and breakdowns by platform, kind, label, code."""
    def one(sql: str) -> Any:
        return store.query(sql)[1][0][0]

    def by(sql: str) -> dict[str, int]:
        return dict(store.query(sql)[1])

    return {
        "articles": one("SELECT count(*) FROM articles"),
        "posts": one("SELECT count(*) FROM posts"),
        "flags": one("SELECT count(*) FROM flags"),
        "errors": one("SELECT count(*) FROM errors"),
        "duplicates": one("SELECT count(*) FROM duplicates"),
        "entities": one("SELECT count(DISTINCT entity_id) FROM mentions"),
        "quotes": one("SELECT count(*) FROM quotes"),
        "techniques": one("SELECT count(*) FROM techniques"),
        "positions": one("SELECT count(*) FROM positions"),
        "sources": one("SELECT count(*) FROM sources"),
        "runs": one("SELECT count(*) FROM runs"),
        "handles": one("SELECT count(DISTINCT handle) FROM posts"),
        "first_published": one("SELECT min(published) FROM articles"),
        "last_published": one("SELECT max(published) FROM articles"),
        "posts_by_platform": by("SELECT platform, count(*) FROM posts GROUP BY 1 ORDER BY 2 DESC"),
        "flags_by_kind": by("SELECT kind, count(*) FROM flags GROUP BY 1 ORDER BY 2 DESC"),
        "techniques_by_label": by(
            "SELECT label, count(*) FROM techniques GROUP BY 1 ORDER BY 2 DESC"),
        "errors_by_code": by("SELECT code, count(*) FROM errors GROUP BY 1 ORDER BY 2 DESC"),
    }


# -- listings --------------------------------------------------------------------------
#: How ``list_articles`` may be sorted: name -> ORDER BY (the default is newest first).
ARTICLE_ORDERS = {
    "newest": "published DESC NULLS LAST, id", "oldest": "published ASC NULLS LAST, id",
    "title": "lower(coalesce(title, source)), id", "posts": "n_posts DESC, id",
    "flags": "n_flags DESC, id", "techniques": "techniques_per_1000_words DESC NULLS LAST, id",
}


def list_articles(store: Store, *, site: str | None = None, since: str | None = None,
                  until: str | None = None, contains: str | None = None, limit: int = 20,
                  offset: int = 0, sort: str = "newest") -> Page:
    """Stored articles (newest first, or by ``sort``: one of :data:`ARTICLE_ORDERS`), with
    their counts of posts, flags and techniques (and technique spans per 1,000 words, so
    that long and short articles compare)."""
    if sort not in ARTICLE_ORDERS:
        raise StoreError(f"articles sort by one of {', '.join(ARTICLE_ORDERS)}, not {sort!r}",
                         code="E503")
    where, params = _where([
        ("a.site_name = ?", site),
        ("a.published >= CAST(? AS DATE)", since),
        ("a.published <= CAST(? AS DATE)", until),
        ("contains(lower(coalesce(a.title, '') || ' ' || a.text), lower(?))", contains),
    ])
    sql = ("SELECT a.id, a.title, a.site_name, a.published, a.n_posts, a.n_flags, "
           "(SELECT count(*) FROM techniques t WHERE t.article_id = a.id) AS techniques, "
           "CAST(json_extract(a.scores, '$.techniques.per_1000_words') AS DOUBLE) "
           "AS techniques_per_1000_words, a.source, left(a.text, 200) AS opening "
           "FROM articles a" + where)
    page = _page(store, sql, params, ARTICLE_ORDERS[sort], limit, offset)
    # What a list shows as the title (the title, else the first line or the file's name)
    # and as the source (the outlet, else the file's name).
    for item in page.items:
        item["display_title"] = display_title(item["title"], item.pop("opening") or "",
                                              item["source"] or "")
        item["source_name"] = source_name(item["source"] or "")
    page.columns = [c for c in page.columns if c != "opening"] + ["display_title",
                                                                  "source_name"]
    return page


def sites(store: Store) -> list[str]:
    """The outlets (``site_name``) the database holds articles from."""
    return [r[0] for r in store.query("SELECT DISTINCT site_name FROM articles "
                                      "WHERE site_name IS NOT NULL ORDER BY 1")[1]]


def list_posts(store: Store, *, handle: str | None = None, hashtag: str | None = None,
               since: str | None = None, until: str | None = None,
               platform: str | None = None, limit: int = 50, offset: int = 0) -> Page:
    """Quoted posts, oldest first. ``handle`` and ``hashtag`` match in any case, with or
    without their ``@``/``#``."""
    where, params = _where([
        ("lower(p.handle) = lower(?)", handle.lstrip("@") if handle else None),
        ("list_contains(list_transform(p.hashtags, h -> lower(h)), lower(?))",
         hashtag.lstrip("#") if hashtag else None),
        ("p.posted >= CAST(? AS DATE)", since),
        ("p.posted <= CAST(? AS DATE)", until),
        ("p.platform = ?", platform),
    ])
    sql = ("SELECT p.posted, p.platform, p.handle, p.display_name, p.text, p.hashtags, p.url, "
           "p.article_id, p.idx, p.scores FROM posts p" + where)
    return _page(store, sql, params, "posted NULLS LAST, article_id, idx", limit, offset)


def list_entities(store: Store, *, type_: str | None = None, limit: int = 20,
                  offset: int = 0) -> Page:
    """People, organisations, groups, places and events, most mentioned first."""
    where, params = _where([("e.type = ?", type_)])
    sql = ("SELECT e.name, e.type, count(*) AS mentions, count(DISTINCT m.article_id) AS "
           "articles, count(m.post_idx) AS in_posts, e.aliases, e.id "
           "FROM mentions m JOIN entities e ON e.id = m.entity_id" + where
           + " GROUP BY e.id, e.name, e.type, e.aliases")
    return _page(store, sql, params, "mentions DESC, name", limit, offset)


def reactions(store: Store, *, target: str | None = None) -> Page:
    """Stance of quoted posts toward each target across the corpus, with their tone."""
    where = "WHERE lower(s.target) = lower(?) OR s.target_id = ?" if target else ""
    params = [target, target] if target else []
    sql = f"""
        SELECT s.target, count(*) AS posts,
               count(*) FILTER (WHERE s.label = 'FAVOR') AS favor,
               count(*) FILTER (WHERE s.label = 'AGAINST') AS against,
               count(*) FILTER (WHERE s.label = 'NONE') AS none,
               round(avg(CAST(json_extract(p.scores, '$.sentiment') AS DOUBLE)), 3)
                   AS mean_sentiment,
               round(avg(CASE WHEN json_extract(p.scores, '$.offensive_label') = 'true'
                         THEN 1 ELSE 0 END), 3) AS share_offensive,
               round(avg(CASE WHEN json_extract(p.scores, '$.irony_label') = 'true'
                         THEN 1 ELSE 0 END), 3) AS share_ironic,
               count(DISTINCT s.article_id) AS articles
        FROM post_stance s
        JOIN posts p ON p.article_id = s.article_id AND p.idx = s.post_idx
        {where}
        GROUP BY s.target"""
    return _page(store, sql, params, "posts DESC, target", None, 0)


def search(store: Store, query: str, *, limit: int = 20, offset: int = 0) -> Page:
    """BM25 full-text search over article titles and text and post text, best first.

    A query in double quotes (``"believe women"``) is a phrase: only hits that hold it as
    written (case aside) come back. Otherwise hits that hold all the query's words as one
    phrase rank above those that only hold the words. Each hit carries a ``snippet``: the
    match in its context, cut at word boundaries, and ``match``, where in the snippet the
    match is (``[start, end]``, or None); scores have three decimals."""
    store.ensure_search_index()
    text = query.strip()
    exact = len(text) > 2 and text.startswith('"') and text.endswith('"')
    phrase = " ".join(text.strip('"').split())
    sql = f"""
        SELECT * FROM (
          SELECT 'article' AS kind, a.id AS article_id, NULL AS handle,
                 coalesce(a.title, left(a.text, 80)) AS title_or_text, a.published AS date,
                 round(fts_main_articles.match_bm25(a.id, ?), 3) AS score,
                 strpos(lower(coalesce(a.title, '') || ' ' || a.text), lower(?)) > 0 AS phrase,
                 a.text AS body
          FROM articles a
          UNION ALL
          SELECT 'post', p.article_id, p.handle, p.text, p.posted,
                 round(fts_main_posts.match_bm25(p.id, ?), 3),
                 strpos(lower(p.text), lower(?)) > 0, p.text
          FROM posts p
        ) WHERE {"phrase" if exact else "score IS NOT NULL"}"""
    page = _page(store, sql, [phrase, phrase, phrase, phrase],
                 "phrase DESC, score DESC NULLS LAST, article_id", limit, offset)
    page.columns = ["kind", "article_id", "handle", "title_or_text", "date", "score",
                    "snippet"]
    for item in page.items:
        before, match, after = snippet(item.pop("body") or "", phrase)
        item["snippet"] = before + match + after
        # Where the match sits in the snippet ([start, end]), for a page that marks it.
        item["match"] = [len(before), len(before) + len(match)] if match else None
        item.pop("phrase", None)
    return page


def snippet(text: str, query: str, width: int = 80) -> tuple[str, str, str]:
    """The first place ``text`` holds ``query`` (or, failing that, the first of its words,
    or a word starting like one), with about ``width`` characters either side, cut at
    word boundaries and marked with an ellipsis where it is cut: ``(before, match,
    after)``, whitespace squashed to single spaces (``match`` is empty when nothing
    matched)."""
    low = text.lower()
    at, length = low.find(query.lower()), len(query)
    words = sorted(query.lower().split(), key=len, reverse=True)
    for word in words:
        if at >= 0:
            break
        m = re.search(rf"\b{re.escape(word[:max(4, len(word) - 2)])}", low)
        if m:
            at, length = m.start(), len(word)
    if at < 0:
        at, length = 0, 0
    start = max(0, at - width)
    end = min(len(text), at + length + width)
    if start > 0:
        space = text.find(" ", start, at) if at > start else -1
        start = space + 1 if space >= 0 else start
    if end < len(text):
        space = text.rfind(" ", at + length, end)
        end = space if space > at + length else end
    before = ("…" if start > 0 else "") + _squash(text[start:at]).lstrip()
    after = _squash(text[at + length:end]).rstrip() + ("…" if end < len(text) else "")
    return before, _squash(text[at:at + length]), after


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


# -- one article -----------------------------------------------------------------------
def article(store: Store, article_id: str) -> dict[str, Any] | None:
    """One stored article in the shape of ``Doc.to_dict()`` (the JSON contract), or None.
    ``article_id`` may be a unique prefix of the id."""
    rows = store.query("SELECT id, source, url, title, published, language, site_name, "
                       "author, text, scores, meta FROM articles WHERE starts_with(id, ?) "
                       "LIMIT 2", [article_id])[1]
    if len(rows) != 1:
        return None
    aid, source, url, title, published, language, site, author, text, scores, meta = rows[0]
    stance: dict[int, list[dict[str, Any]]] = {}
    for r in store.rows("SELECT post_idx, target, target_id, label, score FROM post_stance "
                        "WHERE article_id = ? ORDER BY post_idx, target", [aid]):
        idx = r.pop("post_idx")
        stance.setdefault(idx, []).append(r)
    posts = [{"platform": r["platform"], "handle": r["handle"],
              "display_name": r["display_name"],
              "posted": str(r["posted"]) if r["posted"] else None, "text": r["text"],
              "url": r["url"], "post_id": r["post_id"], "links": list(r["links"] or []),
              "hashtags": list(r["hashtags"] or []), "mentions": list(r["mentions"] or []),
              "start": r["char_start"], "end": r["char_end"],
              "scores": json.loads(r["scores"] or "{}"), "stance": stance.get(r["idx"], [])}
             for r in store.rows(
                 "SELECT idx, platform, handle, display_name, posted, text, url, post_id, "
                 "links, hashtags, mentions, char_start, char_end, scores FROM posts "
                 "WHERE article_id = ? ORDER BY idx", [aid])]
    flags = [{"kind": r["kind"], "message": r["message"], "start": r["char_start"],
              "end": r["char_end"], **({"post": r["post_idx"]} if r["post_idx"] is not None
                                       else {})}
             for r in store.rows("SELECT kind, message, char_start, char_end, post_idx "
                                 "FROM flags WHERE article_id = ? ORDER BY idx", [aid])]
    checks = [{"kind": r["kind"], "status": r["status"], "start": r["char_start"],
               "end": r["char_end"], "posts": list(r["posts"] or []), "reason": r["reason"]}
              for r in store.rows("SELECT kind, status, char_start, char_end, posts, reason "
                                  "FROM checks WHERE article_id = ? ORDER BY idx", [aid])]
    entities: dict[str, dict[str, Any]] = {}
    for r in store.rows(
            "SELECT m.entity_id, en.name, en.type, en.aliases, m.text, m.char_start, "
            "m.char_end, m.post_idx FROM mentions m JOIN entities en ON en.id = m.entity_id "
            "WHERE m.article_id = ? ORDER BY m.char_start", [aid]):
        ent = entities.setdefault(r["entity_id"], {
            "id": r["entity_id"], "name": r["name"], "type": r["type"],
            "aliases": list(r["aliases"] or []), "mentions": []})
        ent["mentions"].append({"start": r["char_start"], "end": r["char_end"],
                                "text": r["text"], "in_post": r["post_idx"] is not None,
                                "post": r["post_idx"]})
    quotes = [{"kind": r["kind"], "text": r["text"], "start": r["char_start"],
               "end": r["char_end"], "speaker": r["speaker"], "speaker_id": r["speaker_id"],
               "post": r["post_idx"]}
              for r in store.rows("SELECT kind, text, char_start, char_end, speaker, "
                                  "speaker_id, post_idx FROM quotes WHERE article_id = ? "
                                  "ORDER BY idx", [aid])]
    techniques = [{"label": r["label"], "start": r["char_start"], "end": r["char_end"],
                   "score": r["score"]}
                  for r in store.rows("SELECT label, char_start, char_end, score FROM "
                                      "techniques WHERE article_id = ? ORDER BY idx", [aid])]
    return {"id": aid, "source": source, "url": url, "title": title,
            "published": str(published) if published else None, "language": language,
            "site_name": site, "author": author, "text": text, "posts": posts,
            "flags": flags, "checks": checks, "entities": list(entities.values()),
            "quotes": quotes,
            "techniques": techniques, "scores": json.loads(scores or "{}"),
            "meta": json.loads(meta or "{}")}
