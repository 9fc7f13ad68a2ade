"""Every read the interfaces make: one function per listing, with one page shape.

The CLI, the web app, its JSON API and the reports all call these, so they list the same
columns with the same pagination. Each returns plain Python values (dates as
:class:`datetime.date`, lists as lists); interfaces format them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..doc import display_title, source_name
from ..errors import StoreError
from .db import Store
from .search_syntax import Term, parse_query


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
    window = " LIMIT ? OFFSET ?" if limit is not None else ""
    args = [*params, limit, offset] if limit is not None else params
    # One statement: the total rides along each row (a page past the end asks for it
    # apart). Counted by a joined aggregate, not ``count(*) OVER ()``: that window, ordered
    # and limited, intermittently fails inside DuckDB 1.5 ("Attempted to access index 0
    # within vector of size 0", duckdb/duckdb#22352) and can leave the database unusable.
    cols, rows = store.query(f"WITH _q AS ({sql}) SELECT _q.*, _n._total FROM _q, "
                             f"(SELECT count(*) AS _total FROM _q) AS _n "
                             f"ORDER BY {order}{window}", args)
    if rows:
        total = rows[0][-1]
    else:
        total = store.query(f"SELECT count(*) FROM ({sql})", params)[1][0][0] if offset else 0
    cols = cols[:-1]
    items = [dict(zip(cols, r[:-1], strict=True)) for r in rows]
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


#: The filters ``search`` takes, in the order messages name them.
SEARCH_FILTERS = ("kind", "source", "handle", "since", "until")
#: What ``search``'s ``kind`` filter takes.
SEARCH_KINDS = ("article", "post")


def search(store: Store, query: str, *, since: str | None = None, until: str | None = None,
           source: str | None = None, handle: str | None = None, kind: str | None = None,
           limit: int = 20, offset: int = 0) -> Page:
    """BM25 full-text search over article titles and text and post text, best first.

    ``query`` is words, "quoted phrases", ``OR``, ``AND`` (the default) and ``-word`` /
    ``-"a phrase"`` exclusions (see :mod:`.search_syntax`; malformed input is StoreError
    E512). A word matches a whole word of an article's title or text or a post's text, a
    phrase the words as written (case and spacing aside); only hits that satisfy the
    query come back. Hits holding a quoted phrase (or, for plain words, all of them as one
    phrase) rank first, then by BM25 over every word to find.

    Filters: ``since``/``until`` (YYYY-MM-DD; an article's published date, a post's
    date), ``source`` (the outlet, the URL's domain or the input file; for a post, that
    of the article quoting it), ``handle`` (posts by it, with or without @, any case) and
    ``kind`` (``article`` or ``post``).

    Each hit carries a ``snippet``: the first term of the query it matches, in context,
    cut at word boundaries, and ``match``, where in the snippet that term is (``[start,
    end]``, or None); scores have three decimals."""
    parsed = parse_query(query)
    if kind is not None and kind not in SEARCH_KINDS:
        raise StoreError(f"kind is one of {', '.join(SEARCH_KINDS)}, not {kind!r}",
                         code="E512")
    for name, value in (("since", since), ("until", until)):
        if value:
            try:
                date.fromisoformat(value)
            except ValueError:
                raise StoreError(f"{name} expects a date YYYY-MM-DD, not {value!r}",
                                 code="E512") from None
    store.ensure_search_index()
    conditions: list[str] = []
    params: list[Any] = []
    for group in parsed.groups:
        # A cheap substring test first (the longest word of each term, any case), so the
        # regular expression runs only on rows that may match.
        # (ASCII words only: ILIKE and the regular expression fold case differently for
        # some letters, e.g. Greek final sigma, and the prefilter must never drop a hit.)
        if all(max(t.text.split(), key=len).isascii() for t in group):
            conditions.append("(" + " OR ".join(["hay ILIKE ? ESCAPE '\\'"] * len(group))
                              + ")")
            params += [_like(max(t.text.split(), key=len)) for t in group]
        conditions.append("(" + " OR ".join(["regexp_matches(hay, ?, 'i')"] * len(group)) + ")")
        params += [t.sql_pattern() for t in group]
    for term in parsed.excluded:
        conditions.append("NOT regexp_matches(hay, ?, 'i')")
        params.append(term.sql_pattern())
    where, filter_params = _where([
        ("kind = ?", kind),
        ("date >= CAST(? AS DATE)", since),
        ("date <= CAST(? AS DATE)", until),
        ("lower(handle) = lower(?)", handle.strip().lstrip("@") if handle else None),
    ])
    if where:
        conditions.append(where.removeprefix(" WHERE "))
        params += filter_params
    if source and source.strip():
        name, domain = source.strip().lower(), _domain(source)
        conditions.append(
            "(lower(site) = ? OR lower(src) = ? OR lower(regexp_extract(src, '[^/\\\\]*$')) = ? "
            "OR host = ? OR ends_with(host, '.' || ?))")
        params += [name, name, name, domain, domain]
    ranked = [t for t in parsed.positive if t.phrase] or [
        t for t in [parsed.implicit_phrase()] if t is not None]
    phrase = " OR ".join(["regexp_matches(hay, ?, 'i')"] * len(ranked)) or "false"
    bm25 = parsed.bm25_text()
    sql = f"""
        SELECT kind, article_id, handle, title_or_text, date, score, {phrase} AS phrase,
               body, id
        FROM (
          SELECT 'article' AS kind, a.id AS article_id, NULL AS handle, a.id AS id,
                 coalesce(a.title, left(a.text, 80)) AS title_or_text, a.published AS date,
                 round(fts_main_articles.match_bm25(a.id, ?), 3) AS score,
                 coalesce(a.title, '') || ' ' || a.text AS hay, a.text AS body,
                 a.site_name AS site, a.source AS src,
                 lower(regexp_extract(a.url, '{_HOST}', 1)) AS host
          FROM articles a
          UNION ALL
          SELECT 'post', p.article_id, p.handle, p.id, p.text, p.posted,
                 round(fts_main_posts.match_bm25(p.id, ?), 3), p.text, p.text,
                 a.site_name, a.source, lower(regexp_extract(a.url, '{_HOST}', 1))
          FROM posts p LEFT JOIN articles a ON a.id = p.article_id
        )
        WHERE {" AND ".join(conditions)}"""
    page = _page(store, sql, [*[t.sql_pattern() for t in ranked], bm25, bm25, *params],
                 "phrase DESC, score DESC NULLS LAST, article_id, id", limit, offset)
    page.columns = ["kind", "article_id", "handle", "title_or_text", "date", "score",
                    "snippet"]
    marks = [t for t in [parsed.implicit_phrase()] if t is not None] + parsed.positive
    for item in page.items:
        before, match, after = snippet(item.pop("body") or "", marks)
        item["snippet"] = before + match + after
        # Where the match sits in the snippet ([start, end]), for a page that marks it.
        item["match"] = [len(before), len(before) + len(match)] if match else None
        item.pop("phrase", None)
        item.pop("id", None)
    return page


def _like(word: str) -> str:
    """An ILIKE pattern for rows that hold ``word`` anywhere (``%`` and ``_`` escaped)."""
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


#: The host of a URL, without ``www.`` (RE2, for ``regexp_extract``).
_HOST = r"^[A-Za-z][A-Za-z0-9+.-]*://(?:[^/@]*@)?(?:www\.)?([^/:?#]+)"


def _domain(value: str) -> str:
    """The domain a ``source`` filter names (``https://www.x.org/a`` -> ``x.org``)."""
    value = value.strip().lower()
    m = re.match(_HOST, value)
    host = m.group(1) if m else value.split("/", 1)[0]
    return host.removeprefix("www.")


def describe_filters(**filters: str | None) -> str:
    """The search filters that are set, for a message: ``kind post, since 2022-01-01``."""
    return ", ".join(f"{name} {filters[name]}" for name in SEARCH_FILTERS
                     if filters.get(name))


def snippet(text: str, terms: Sequence[Term], width: int = 80) -> tuple[str, str, str]:
    """The first of ``terms`` that ``text`` holds (or, failing all, a word starting like
    one of their words), with about ``width`` characters either side, cut at word
    boundaries and marked with an ellipsis where it is cut: ``(before, match, after)``,
    whitespace squashed to single spaces (``match`` is empty when nothing matched)."""
    at, length = -1, 0
    for term in terms:
        m = term.regex().search(text)
        if m:
            at, length = m.start(), m.end() - m.start()
            break
    if at < 0:
        low = text.lower()
        words = sorted({w for t in terms for w in t.text.lower().split()}, key=len,
                       reverse=True)
        for word in words:
            m = re.search(rf"\b{re.escape(word[:max(4, len(word) - 2)])}", low)
            if m:
                at, length = m.start(), len(word)
                break
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
