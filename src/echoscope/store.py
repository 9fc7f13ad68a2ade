"""The DuckDB store: idempotent upserts keyed by content hash, runs, errors, full-text search.

Tables (see docs/store.md): ``articles``, ``posts``, ``flags``, ``sources`` (every input
that became an article), ``errors`` (every input that did not), ``runs`` and ``meta``.
Offsets are ``char_start``/``char_end`` (``end`` is an SQL keyword).
"""

from __future__ import annotations

import json
import os
import re
import uuid
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from .doc import TECHNIQUES, Doc, ErrorRecord, content_id
from .errors import StoreError

SCHEMA_VERSION = "1"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY, source VARCHAR, url VARCHAR, title VARCHAR, published DATE,
    language VARCHAR, site_name VARCHAR, author VARCHAR, text VARCHAR,
    n_posts INTEGER, n_flags INTEGER, meta JSON, scores JSON, run_id VARCHAR,
    analysed_at TIMESTAMP
);
CREATE TABLE IF NOT EXISTS posts (
    id VARCHAR PRIMARY KEY, article_id VARCHAR, idx INTEGER, platform VARCHAR,
    handle VARCHAR, display_name VARCHAR, posted DATE, text VARCHAR, url VARCHAR,
    post_id VARCHAR, links VARCHAR[], hashtags VARCHAR[], mentions VARCHAR[],
    char_start INTEGER, char_end INTEGER, scores JSON
);
CREATE TABLE IF NOT EXISTS entities (
    id VARCHAR PRIMARY KEY, name VARCHAR, type VARCHAR, aliases VARCHAR[]
);
CREATE TABLE IF NOT EXISTS mentions (
    id VARCHAR PRIMARY KEY, article_id VARCHAR, entity_id VARCHAR, text VARCHAR,
    char_start INTEGER, char_end INTEGER, post_idx INTEGER
);
CREATE TABLE IF NOT EXISTS quotes (
    id VARCHAR PRIMARY KEY, article_id VARCHAR, idx INTEGER, kind VARCHAR, text VARCHAR,
    speaker VARCHAR, speaker_id VARCHAR, char_start INTEGER, char_end INTEGER, post_idx INTEGER
);
CREATE TABLE IF NOT EXISTS techniques (
    id VARCHAR PRIMARY KEY, article_id VARCHAR, idx INTEGER, label VARCHAR,
    char_start INTEGER, char_end INTEGER, score DOUBLE, post_idx INTEGER
);
CREATE TABLE IF NOT EXISTS positions (
    id VARCHAR PRIMARY KEY, article_id VARCHAR, idx INTEGER, actor VARCHAR, actor_id VARCHAR,
    target VARCHAR, target_id VARCHAR, label VARCHAR, date VARCHAR, date_precision VARCHAR,
    kind VARCHAR, char_start INTEGER, char_end INTEGER, confidence DOUBLE, post_idx INTEGER,
    situation VARCHAR, situation_evidence VARCHAR, situation_score DOUBLE, reason VARCHAR
);
CREATE TABLE IF NOT EXISTS post_stance (
    article_id VARCHAR, post_idx INTEGER, target VARCHAR, target_id VARCHAR, label VARCHAR,
    score DOUBLE
);
CREATE TABLE IF NOT EXISTS flags (
    id VARCHAR PRIMARY KEY, article_id VARCHAR, idx INTEGER, kind VARCHAR, message VARCHAR,
    char_start INTEGER, char_end INTEGER, post_idx INTEGER
);
CREATE TABLE IF NOT EXISTS sources (
    source VARCHAR PRIMARY KEY, article_id VARCHAR, run_id VARCHAR
);
CREATE TABLE IF NOT EXISTS signatures (
    article_id VARCHAR PRIMARY KEY, source VARCHAR, minhash BLOB
);
CREATE TABLE IF NOT EXISTS duplicates (
    source VARCHAR PRIMARY KEY, article_id VARCHAR, original_id VARCHAR,
    original_source VARCHAR, similarity DOUBLE, run_id VARCHAR
);
CREATE TABLE IF NOT EXISTS errors (
    source VARCHAR PRIMARY KEY, code VARCHAR, reason VARCHAR, run_id VARCHAR,
    recorded_at TIMESTAMP
);
CREATE TABLE IF NOT EXISTS runs (
    id VARCHAR PRIMARY KEY, started_at TIMESTAMP, finished_at TIMESTAMP, status VARCHAR,
    argv JSON, config JSON, versions JSON, inputs INTEGER, articles INTEGER,
    new_articles INTEGER, posts INTEGER, flags INTEGER, duplicates INTEGER, errors INTEGER,
    seconds DOUBLE,
    timings JSON
);
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
"""

_ARTICLE_SCHEMA = pa.schema(
    [("id", pa.string()), ("source", pa.string()), ("url", pa.string()), ("title", pa.string()),
     ("published", pa.string()), ("language", pa.string()), ("site_name", pa.string()),
     ("author", pa.string()), ("text", pa.string()), ("n_posts", pa.int32()),
     ("n_flags", pa.int32()), ("meta", pa.string()), ("scores", pa.string()),
     ("run_id", pa.string())]
)
_POST_SCHEMA = pa.schema(
    [("id", pa.string()), ("article_id", pa.string()), ("idx", pa.int32()),
     ("platform", pa.string()), ("handle", pa.string()), ("display_name", pa.string()),
     ("posted", pa.string()), ("text", pa.string()), ("url", pa.string()),
     ("post_id", pa.string()), ("links", pa.list_(pa.string())),
     ("hashtags", pa.list_(pa.string())), ("mentions", pa.list_(pa.string())),
     ("char_start", pa.int32()), ("char_end", pa.int32()), ("scores", pa.string())]
)
_ENTITY_SCHEMA = pa.schema(
    [("id", pa.string()), ("name", pa.string()), ("type", pa.string()),
     ("aliases", pa.list_(pa.string()))]
)
_MENTION_SCHEMA = pa.schema(
    [("id", pa.string()), ("article_id", pa.string()), ("entity_id", pa.string()),
     ("text", pa.string()), ("char_start", pa.int32()), ("char_end", pa.int32()),
     ("post_idx", pa.int32())]
)
_QUOTE_SCHEMA = pa.schema(
    [("id", pa.string()), ("article_id", pa.string()), ("idx", pa.int32()), ("kind", pa.string()),
     ("text", pa.string()), ("speaker", pa.string()), ("speaker_id", pa.string()),
     ("char_start", pa.int32()), ("char_end", pa.int32()), ("post_idx", pa.int32())]
)
_TECHNIQUE_SCHEMA = pa.schema(
    [("id", pa.string()), ("article_id", pa.string()), ("idx", pa.int32()),
     ("label", pa.string()), ("char_start", pa.int32()), ("char_end", pa.int32()),
     ("score", pa.float64()), ("post_idx", pa.int32())]
)
_POSITION_SCHEMA = pa.schema(
    [("id", pa.string()), ("article_id", pa.string()), ("idx", pa.int32()),
     ("actor", pa.string()), ("actor_id", pa.string()), ("target", pa.string()),
     ("target_id", pa.string()), ("label", pa.string()), ("date", pa.string()),
     ("date_precision", pa.string()), ("kind", pa.string()), ("char_start", pa.int32()),
     ("char_end", pa.int32()), ("confidence", pa.float64()), ("post_idx", pa.int32()),
     ("situation", pa.string()), ("situation_evidence", pa.string()),
     ("situation_score", pa.float64()), ("reason", pa.string())]
)
_STANCE_SCHEMA = pa.schema(
    [("article_id", pa.string()), ("post_idx", pa.int32()), ("target", pa.string()),
     ("target_id", pa.string()), ("label", pa.string()), ("score", pa.float64())]
)
_FLAG_SCHEMA = pa.schema(
    [("id", pa.string()), ("article_id", pa.string()), ("idx", pa.int32()), ("kind", pa.string()),
     ("message", pa.string()), ("char_start", pa.int32()), ("char_end", pa.int32()),
     ("post_idx", pa.int32())]
)
_SOURCE_SCHEMA = pa.schema(
    [("source", pa.string()), ("article_id", pa.string()), ("run_id", pa.string())]
)
_ERROR_SCHEMA = pa.schema(
    [("source", pa.string()), ("code", pa.string()), ("reason", pa.string()),
     ("run_id", pa.string())]
)

_SIGNATURE_SCHEMA = pa.schema(
    [("article_id", pa.string()), ("source", pa.string()), ("minhash", pa.binary())]
)

#: Store table -> Arrow schema of the rows one batch adds (also the Parquet layout).
BATCH_SCHEMAS = {
    "articles": _ARTICLE_SCHEMA, "posts": _POST_SCHEMA, "flags": _FLAG_SCHEMA,
    "entities": _ENTITY_SCHEMA, "mentions": _MENTION_SCHEMA, "quotes": _QUOTE_SCHEMA,
    "techniques": _TECHNIQUE_SCHEMA, "positions": _POSITION_SCHEMA,
    "post_stance": _STANCE_SCHEMA,
    "sources": _SOURCE_SCHEMA, "errors": _ERROR_SCHEMA,
    "duplicates": pa.schema([("source", pa.string()), ("article_id", pa.string()),
                             ("original_id", pa.string()), ("original_source", pa.string()),
                             ("similarity", pa.float64()), ("run_id", pa.string())]),
}

# Tables and their columns for full-text search.
_FTS = {"articles": ("id", ["title", "text"]), "posts": ("id", ["text", "display_name", "handle"])}


def _fts_extension() -> str | None:
    try:
        import duckdb_extension_fts
    except ImportError:
        return None
    base = Path(duckdb_extension_fts.__file__).parent / "extensions"
    exact = base / f"v{duckdb.__version__}" / "fts.duckdb_extension"
    if exact.exists():
        return str(exact)
    found = sorted(base.glob("*/fts.duckdb_extension"))
    return str(found[-1]) if found else None


class Store:
    """One DuckDB file. Use as a context manager; only one process writes at a time."""

    def __init__(self, path: str | os.PathLike[str], *, read_only: bool = False,
                 memory_limit: str | None = None) -> None:
        self.path = str(path)
        if read_only and self.path != ":memory:" and not Path(self.path).exists():
            raise StoreError(f"database {self.path} does not exist; run `echoscope analyze` first",
                             code="E501")
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open database {self.path}: {exc}", code="E502") from None
        self.read_only = read_only
        if memory_limit:
            # DuckDB caches written blocks up to its limit (80% of RAM by default); a writer
            # with a small limit keeps memory flat on long runs and spills to disk instead.
            try:
                self.con.execute(f"SET memory_limit = '{_safe_size(memory_limit)}'")
                self.con.execute("SET checkpoint_threshold = '8MB'")
            except duckdb.Error as exc:
                raise StoreError(f"invalid store.memory_limit {memory_limit!r}: {exc}",
                                 code="E507") from None
        if not read_only:
            self.con.execute(_SCHEMA)
            self.con.execute(
                "INSERT OR IGNORE INTO meta VALUES ('schema_version', ?), ('generation', '0'), "
                "('fts_generation', '-1')",
                [SCHEMA_VERSION],
            )

    # -- context manager ---------------------------------------------------------------
    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    # -- writing -----------------------------------------------------------------------
    def start_run(self, *, argv: Sequence[str], config: dict, versions: dict) -> str:
        run_id = uuid.uuid4().hex[:16]
        # Only one process can write this file, so a run still marked running is dead.
        self.con.execute("UPDATE runs SET status = 'killed' WHERE status = 'running'")
        self.con.execute(
            "INSERT INTO runs (id, started_at, status, argv, config, versions) "
            "VALUES (?, ?, 'running', ?, ?, ?)",
            [run_id, _now(), json.dumps(list(argv)), json.dumps(config), json.dumps(versions)],
        )
        return run_id

    def finish_run(self, run_id: str, *, status: str, counts: dict[str, Any],
                   seconds: float, timings: dict[str, float]) -> None:
        self.con.execute(
            "UPDATE runs SET finished_at = ?, status = ?, inputs = ?, articles = ?, "
            "new_articles = ?, posts = ?, flags = ?, duplicates = ?, errors = ?, seconds = ?, "
            "timings = ? WHERE id = ?",
            [_now(), status, counts["inputs"], counts["articles"], counts["new_articles"],
             counts["posts"], counts["flags"], counts["duplicates"], counts["errors"], seconds,
             json.dumps(timings), run_id],
        )

    def write(self, docs: Sequence[Doc], errors: Sequence[ErrorRecord], run_id: str,
              duplicates: Sequence[Any] = (), signatures: Sequence[tuple] = ()) -> int:
        """Upsert a batch in one transaction; returns how many articles were new.
        ``signatures`` are ``(article_id, source, minhash bytes)`` for near-copy detection."""
        if not docs and not errors and not duplicates:
            return 0
        tables = batch_tables(docs, errors, run_id, duplicates)
        tables["signatures"] = pa.table(
            {"article_id": [s[0] for s in signatures], "source": [s[1] for s in signatures],
             "minhash": [s[2] for s in signatures]},
            schema=_SIGNATURE_SCHEMA)
        return self.upsert(tables)

    def signatures(self, limit: int) -> Iterable[tuple[str, str, bytes]]:
        """The ``limit`` most recently stored near-copy signatures, oldest first:
        ``(article_id, source, minhash bytes)``."""
        cur = self.con.execute(
            "SELECT article_id, source, minhash FROM (SELECT *, rowid AS r FROM signatures "
            "ORDER BY r DESC LIMIT ?) ORDER BY r", [limit])
        while rows := cur.fetchmany(10_000):
            yield from rows

    def load_parquet(self, folder: str | os.PathLike[str]) -> dict[str, int]:
        """Import the Parquet partitions a distributed run wrote (``<table>/part-N.parquet``),
        partition by partition, exactly as ``write`` would have stored them."""
        import pyarrow.parquet as pq

        root = Path(folder)
        manifest = root / "manifest.json"
        if manifest.exists():
            # Only shards the manifest lists are complete (a killed run may leave others).
            shards = sorted(int(k) for k in json.loads(manifest.read_text("utf-8"))["shards"])
            parts = [f"part-{k:06d}.parquet" for k in shards]
        else:
            parts = sorted(p.name for p in (root / "articles").glob("part-*.parquet"))
        counts = {"partitions": 0, "new_articles": 0}
        for name in parts:
            tables = {}
            for table, schema in BATCH_SCHEMAS.items():
                path = root / table / name
                tables[table] = pq.read_table(path) if path.exists() else schema.empty_table()
            counts["new_articles"] += self.upsert(tables)
            counts["partitions"] += 1
        return counts

    def upsert(self, tables: dict[str, pa.Table]) -> int:
        """Replace the rows of the articles in ``tables`` (and record sources and errors) in
        one transaction. Batches travel as Arrow tables: DuckDB reads them without a
        per-value round trip through Python (list parameters cost a failed ``import
        pandas`` per element). Returns how many articles were new."""
        tables = {f"_new_{name}": t for name, t in tables.items()}
        con = self.con
        for name, table in tables.items():
            con.register(name, table)
        con.execute("BEGIN TRANSACTION")
        try:
            new = con.execute(
                "SELECT count(*) FROM _new_articles WHERE id NOT IN (SELECT id FROM articles)"
            ).fetchone()[0]
            for table, key in (("posts", "article_id"), ("flags", "article_id"),
                               ("mentions", "article_id"), ("quotes", "article_id"),
                               ("techniques", "article_id"), ("positions", "article_id"),
                               ("post_stance", "article_id"), ("articles", "id")):
                con.execute(f"DELETE FROM {table} WHERE {key} IN (SELECT id FROM _new_articles)")
            con.execute("INSERT INTO articles SELECT *, now() FROM _new_articles")
            for table in ("posts", "flags", "mentions", "quotes", "techniques", "positions",
                          "post_stance"):
                con.execute(f"INSERT INTO {table} SELECT * FROM _new_{table}")
            # Entities are shared across articles: merge aliases into what is known.
            con.execute("""
                INSERT INTO entities SELECT * FROM _new_entities
                ON CONFLICT (id) DO UPDATE SET aliases = list_sort(list_distinct(
                    list_concat(entities.aliases, excluded.aliases)))
            """)
            # Every input is in exactly one of sources (stored) or errors (why not).
            con.execute("INSERT OR REPLACE INTO sources SELECT * FROM _new_sources")
            con.execute("DELETE FROM errors WHERE source IN (SELECT source FROM _new_sources)")
            con.execute("INSERT OR REPLACE INTO errors SELECT *, now() FROM _new_errors")
            con.execute("DELETE FROM sources WHERE source IN (SELECT source FROM _new_errors)")
            con.execute("DELETE FROM duplicates WHERE source IN (SELECT source FROM _new_sources)"
                        " OR source IN (SELECT source FROM _new_errors)")
            con.execute("INSERT OR REPLACE INTO duplicates SELECT * FROM _new_duplicates")
            if "_new_signatures" in tables:
                con.execute("INSERT OR REPLACE INTO signatures SELECT * FROM _new_signatures")
            con.execute(
                "UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS VARCHAR) "
                "WHERE key = 'generation'"
            )
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        finally:
            for name in tables:
                con.unregister(name)
        return int(new)

    # -- reading -----------------------------------------------------------------------
    def accounted_sources(self) -> set[str]:
        """Every input source already stored or recorded as failed."""
        rows = self.con.execute("SELECT source FROM sources UNION SELECT source FROM errors")
        return {r[0] for r in rows.fetchall()}

    def query(self, sql: str, params: Sequence[Any] | None = None) -> tuple[list[str], list[tuple]]:
        """Run any SQL; returns ``(column names, rows)``."""
        try:
            cur = self.con.execute(sql, params or [])
            cols = [d[0] for d in cur.description] if cur.description else []
            return cols, cur.fetchall()
        except duckdb.Error as exc:
            raise StoreError(f"query failed: {exc}", code="E503") from None

    def stats(self) -> dict[str, Any]:
        one = lambda sql: self.con.execute(sql).fetchone()[0]  # noqa: E731
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
            "posts_by_platform": dict(self.con.execute(
                "SELECT platform, count(*) FROM posts GROUP BY 1 ORDER BY 2 DESC").fetchall()),
            "flags_by_kind": dict(self.con.execute(
                "SELECT kind, count(*) FROM flags GROUP BY 1 ORDER BY 2 DESC").fetchall()),
            "techniques_by_label": dict(self.con.execute(
                "SELECT label, count(*) FROM techniques GROUP BY 1 ORDER BY 2 DESC").fetchall()),
            "errors_by_code": dict(self.con.execute(
                "SELECT code, count(*) FROM errors GROUP BY 1 ORDER BY 2 DESC").fetchall()),
        }

    def posts(self, *, handle: str | None = None, hashtag: str | None = None,
              since: str | None = None, until: str | None = None, platform: str | None = None,
              limit: int = 50) -> tuple[list[str], list[tuple]]:
        where, params = post_filters(handle=handle, hashtag=hashtag, since=since, until=until,
                                     platform=platform)
        sql = (
            "SELECT p.posted, p.platform, p.handle, p.display_name, p.text, p.hashtags, p.url, "
            "p.article_id FROM posts p" + where
            + " ORDER BY p.posted NULLS LAST, p.article_id, p.idx LIMIT ?"
        )
        return self.query(sql, [*params, limit])

    def entities(self, *, top: int = 20, type_: str | None = None
                 ) -> tuple[list[str], list[tuple]]:
        """Entities by number of mentions, with the articles they appear in."""
        where = "WHERE e.type = ?" if type_ else ""
        sql = f"""
            SELECT e.name, e.type, count(*) AS mentions, count(DISTINCT m.article_id) AS articles,
                   count(m.post_idx) AS in_posts, e.aliases, e.id
            FROM mentions m JOIN entities e ON e.id = m.entity_id {where}
            GROUP BY e.id, e.name, e.type, e.aliases
            ORDER BY mentions DESC, e.name LIMIT ?
        """
        return self.query(sql, [type_, top] if type_ else [top])

    def reactions(self, *, target: str | None = None) -> tuple[list[str], list[tuple]]:
        """Stance of posts toward each target across the corpus, with their tone."""
        where = "WHERE lower(s.target) = lower(?) OR s.target_id = ?" if target else ""
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
            GROUP BY s.target ORDER BY posts DESC, s.target
        """
        return self.query(sql, [target, target] if target else [])

    def _ensure_fts(self) -> None:
        gen = dict(self.con.execute("SELECT key, value FROM meta").fetchall())
        ext = _fts_extension()
        if ext is None:
            raise StoreError("full-text search needs the duckdb-extension-fts package", code="E504")
        self.con.execute(f"LOAD '{ext}'")
        if gen.get("generation") == gen.get("fts_generation"):
            return
        if self.read_only:
            raise StoreError("the search index is out of date and the database is open "
                             "read-only; run `echoscope search` without --read-only", code="E505")
        for table, (key, cols) in _FTS.items():
            col_list = ", ".join(f"'{c}'" for c in cols)
            self.con.execute(
                f"PRAGMA create_fts_index('{table}', '{key}', {col_list}, overwrite=1)")
        self.con.execute("UPDATE meta SET value = ? WHERE key = 'fts_generation'",
                         [gen.get("generation")])

    def search(self, query: str, limit: int = 20) -> tuple[list[str], list[tuple]]:
        """BM25 search over article and post text; best first."""
        self._ensure_fts()
        sql = """
            SELECT * FROM (
              SELECT 'article' AS kind, a.id AS article_id, NULL AS handle,
                     coalesce(a.title, left(a.text, 80)) AS title_or_text, a.published AS date,
                     fts_main_articles.match_bm25(a.id, ?) AS score
              FROM articles a
              UNION ALL
              SELECT 'post', p.article_id, p.handle, p.text, p.posted,
                     fts_main_posts.match_bm25(p.id, ?)
              FROM posts p
            ) WHERE score IS NOT NULL ORDER BY score DESC, article_id LIMIT ?
        """
        return self.query(sql, [query, query, limit])

    def export(self, fmt: str, out: str, table: str | None = None) -> list[str]:
        """Export tables to ``out`` (a file for one table, else a folder). Returns paths."""
        tables = [table] if table else ["articles", "posts", "flags", "errors", "sources",
                                        "duplicates"]
        known = {r[0] for r in self.con.execute("SHOW TABLES").fetchall()}
        for t in tables:
            if t not in known:
                raise StoreError(f"no table {t!r}; tables: {', '.join(sorted(known))}", code="E506")
        options = {"jsonl": "FORMAT JSON", "csv": "FORMAT CSV, HEADER",
                   "parquet": "FORMAT PARQUET"}[fmt]
        ext = {"jsonl": "jsonl", "csv": "csv", "parquet": "parquet"}[fmt]
        paths = []
        if len(tables) == 1 and not Path(out).is_dir() and out.endswith(f".{ext}"):
            targets = [(tables[0], out)]
        else:
            Path(out).mkdir(parents=True, exist_ok=True)
            targets = [(t, str(Path(out) / f"{t}.{ext}")) for t in tables]
        for t, path in targets:
            escaped = path.replace("'", "''")
            self.con.execute(f"COPY (SELECT * FROM {t} ORDER BY ALL) TO '{escaped}' ({options})")
            paths.append(path)
        return paths


    def article(self, article_id: str) -> dict[str, Any] | None:
        """One stored article in the shape of ``Doc.to_dict()`` (the JSON contract), or
        None. ``article_id`` may be a unique prefix of the id."""
        con = self.con
        rows = con.execute("SELECT id, source, url, title, published, language, site_name, "
                           "author, text, scores, meta FROM articles WHERE starts_with(id, ?) "
                           "LIMIT 2", [article_id]).fetchall()
        if len(rows) != 1:
            return None
        aid, source, url, title, published, language, site, author, text, scores, meta = rows[0]
        stance: dict[int, list[dict[str, Any]]] = {}
        for idx, target, target_id, label, score in con.execute(
                "SELECT post_idx, target, target_id, label, score FROM post_stance "
                "WHERE article_id = ? ORDER BY post_idx, target", [aid]).fetchall():
            stance.setdefault(idx, []).append({"target": target, "target_id": target_id,
                                               "label": label, "score": score})
        posts = [{"platform": r[1], "handle": r[2], "display_name": r[3],
                  "posted": str(r[4]) if r[4] else None, "text": r[5], "url": r[6],
                  "post_id": r[7], "links": list(r[8] or []), "hashtags": list(r[9] or []),
                  "mentions": list(r[10] or []), "start": r[11], "end": r[12],
                  "scores": json.loads(r[13] or "{}"), "stance": stance.get(r[0], [])}
                 for r in con.execute(
                     "SELECT idx, platform, handle, display_name, posted, text, url, post_id, "
                     "links, hashtags, mentions, char_start, char_end, scores FROM posts "
                     "WHERE article_id = ? ORDER BY idx", [aid]).fetchall()]
        flags = [{"kind": k, "message": m, "start": s, "end": e,
                  **({"post": p} if p is not None else {})}
                 for k, m, s, e, p in con.execute(
                     "SELECT kind, message, char_start, char_end, post_idx FROM flags "
                     "WHERE article_id = ? ORDER BY idx", [aid]).fetchall()]
        entities: dict[str, dict[str, Any]] = {}
        for eid, name, type_, aliases, mtext, s, e, p in con.execute(
                "SELECT m.entity_id, en.name, en.type, en.aliases, m.text, m.char_start, "
                "m.char_end, m.post_idx FROM mentions m JOIN entities en ON en.id = m.entity_id "
                "WHERE m.article_id = ? ORDER BY m.char_start", [aid]).fetchall():
            ent = entities.setdefault(eid, {"id": eid, "name": name, "type": type_,
                                            "aliases": list(aliases or []), "mentions": []})
            ent["mentions"].append({"start": s, "end": e, "text": mtext,
                                    "in_post": p is not None, "post": p})
        quotes = [{"kind": k, "text": t, "start": s, "end": e, "speaker": sp,
                   "speaker_id": sid, "post": p}
                  for k, t, s, e, sp, sid, p in con.execute(
                      "SELECT kind, text, char_start, char_end, speaker, speaker_id, post_idx "
                      "FROM quotes WHERE article_id = ? ORDER BY idx", [aid]).fetchall()]
        techniques = [{"label": lab, "start": s, "end": e, "score": sc}
                      for lab, s, e, sc in con.execute(
                          "SELECT label, char_start, char_end, score FROM techniques "
                          "WHERE article_id = ? ORDER BY idx", [aid]).fetchall()]
        return {"id": aid, "source": source, "url": url, "title": title,
                "published": str(published) if published else None, "language": language,
                "site_name": site, "author": author, "text": text, "posts": posts,
                "flags": flags, "entities": list(entities.values()), "quotes": quotes,
                "techniques": techniques, "scores": json.loads(scores or "{}"),
                "meta": json.loads(meta or "{}")}

    def export_ptc(self, out: str) -> list[str]:
        """Technique spans in the PTC label formats, so the official SemEval-2020 Task 11
        tools can score them: ``techniques.labels`` (``article<TAB>technique<TAB>start<TAB>
        end``, the TC/FLC format), ``spans.labels`` (``article<TAB>start<TAB>end``, SI) and
        ``articles/article<id>.txt`` (the texts the offsets refer to)."""
        folder = Path(out)
        (folder / "articles").mkdir(parents=True, exist_ok=True)
        rows = self.con.execute("SELECT article_id, label, char_start, char_end FROM techniques "
                                "ORDER BY article_id, char_start, char_end, label").fetchall()
        tc = folder / "techniques.labels"
        tc.write_text("".join(f"{a}\t{label}\t{s}\t{e}\n" for a, label, s, e in rows), "utf-8")
        si = folder / "spans.labels"
        si.write_text("".join(f"{a}\t{s}\t{e}\n" for a, _, s, e in rows), "utf-8")
        n = 0
        for aid, text in self.con.execute("SELECT id, text FROM articles ORDER BY id").fetchall():
            (folder / "articles" / f"article{aid}.txt").write_text(text, "utf-8", newline="")
            n += 1
        return [str(tc), str(si), f"{folder / 'articles'} ({n} articles)"]

    def export_labelstudio(self, out: str) -> list[str]:
        """Pre-annotated Label Studio tasks (one per article, technique spans as predictions,
        offsets in UTF-16 code units as Label Studio counts them) and a labelling config."""
        folder = Path(out)
        folder.mkdir(parents=True, exist_ok=True)
        spans: dict[str, list[tuple]] = {}
        for row in self.con.execute("SELECT article_id, idx, label, char_start, char_end, score "
                                    "FROM techniques ORDER BY article_id, idx").fetchall():
            spans.setdefault(row[0], []).append(row[1:])
        tasks_path = folder / "tasks.json"
        articles = self.con.execute("SELECT id, title, url, published, text FROM articles "
                                    "ORDER BY id").fetchall()
        with tasks_path.open("w", encoding="utf-8") as fh:
            fh.write("[\n")
            for n, (aid, title, url, published, text) in enumerate(articles):
                u16 = _utf16_offsets(text)
                result = [{"id": f"{aid}-{idx}", "from_name": "technique", "to_name": "text",
                           "type": "labels", "score": score,
                           "value": {"start": u16[s], "end": u16[e], "text": text[s:e],
                                     "labels": [label]}}
                          for idx, label, s, e, score in spans.get(aid, [])]
                task = {"data": {"text": text, "article_id": aid, "title": title, "url": url,
                                 "published": str(published) if published else None},
                        "predictions": [{"model_version": "echoscope-techniques", "result": result,
                                         "score": max((r["score"] for r in result), default=0.0)}]}
                fh.write(("," if n else "") + json.dumps(task, ensure_ascii=False) + "\n")
            fh.write("]\n")
        config = folder / "labelstudio_config.xml"
        labels = "\n".join(f'    <Label value="{t}"/>' for t in TECHNIQUES)
        config.write_text(f"""<View>
  <Labels name="technique" toName="text">
{labels}
  </Labels>
  <Text name="text" value="$text"/>
</View>
""", "utf-8")
        return [str(tasks_path), str(config)]


def post_filters(*, handle: str | None = None, hashtag: str | None = None,
                 since: str | None = None, until: str | None = None,
                 platform: str | None = None) -> tuple[str, list[Any]]:
    """A ``WHERE`` clause (or "") over the posts table, aliased ``p``, and its parameters."""
    return _where([
        ("lower(p.handle) = lower(?)", handle.lstrip("@") if handle else None),
        ("list_contains(list_transform(p.hashtags, h -> lower(h)), lower(?))",
         hashtag.lstrip("#") if hashtag else None),
        ("p.posted >= CAST(? AS DATE)", since),
        ("p.posted <= CAST(? AS DATE)", until),
        ("p.platform = ?", platform),
    ])


def article_filters(*, site: str | None = None, since: str | None = None,
                    until: str | None = None, contains: str | None = None
                    ) -> tuple[str, list[Any]]:
    """A ``WHERE`` clause (or "") over the articles table, aliased ``a``, and its parameters."""
    return _where([
        ("a.site_name = ?", site),
        ("a.published >= CAST(? AS DATE)", since),
        ("a.published <= CAST(? AS DATE)", until),
        ("contains(lower(coalesce(a.title, '') || ' ' || a.text), lower(?))", contains),
    ])


def _where(conditions: list[tuple[str, Any]]) -> tuple[str, list[Any]]:
    used = [(sql, value) for sql, value in conditions if value]
    return ((" WHERE " + " AND ".join(sql for sql, _ in used)) if used else "",
            [value for _, value in used])


def _utf16_offsets(text: str) -> list[int]:
    """Code-point offset -> UTF-16 offset, for every position 0..len(text)."""
    out = [0] * (len(text) + 1)
    n = 0
    for i, ch in enumerate(text):
        out[i] = n
        n += 2 if ord(ch) > 0xFFFF else 1
    out[len(text)] = n
    return out


def batch_tables(docs: Sequence[Doc], errors: Sequence[ErrorRecord], run_id: str,
                 duplicates: Sequence[Any] = ()) -> dict[str, pa.Table]:
    """The rows a batch of results adds, one Arrow table per store table."""
    # The same text twice in one batch is stored once (first source wins the row).
    unique: dict[str, Doc] = {}
    for doc in docs:
        unique.setdefault(doc.id, doc)
    rows = {
        "articles": [_article_row(d, run_id) for d in unique.values()],
        "posts": [r for d in unique.values() for r in _post_rows(d)],
        "flags": [r for d in unique.values() for r in _flag_rows(d)],
        "entities": _entity_rows(unique.values()),
        "mentions": [r for d in unique.values() for r in _mention_rows(d)],
        "quotes": [r for d in unique.values() for r in _quote_rows(d)],
        "techniques": [r for d in unique.values() for r in _technique_rows(d)],
        "positions": [{"id": content_id(d.id, "position", str(i)), "article_id": d.id, "idx": i,
                       **{k: v for k, v in p.to_dict().items()
                          if k not in ("start", "end", "post")},
                       "char_start": p.start, "char_end": p.end, "post_idx": p.post}
                      for d in unique.values() for i, p in enumerate(d.positions)],
        "post_stance": [r for d in unique.values() for r in _stance_rows(d)],
        # One row per source even when an input was named twice; a copy's source points
        # to the article it copies.
        "sources": list({d.source: {"source": d.source, "article_id": d.id, "run_id": run_id}
                         for d in docs}.values())
        + [{"source": c.source, "article_id": c.original_id, "run_id": run_id}
           for c in duplicates],
        "duplicates": [{"source": c.source, "article_id": c.article_id,
                        "original_id": c.original_id, "original_source": c.original_source,
                        "similarity": c.similarity, "run_id": run_id} for c in duplicates],
        "errors": list({e.source: {"source": e.source, "code": e.code, "reason": e.reason,
                                   "run_id": run_id} for e in errors}.values()),
    }
    return {name: pa.Table.from_pylist(rows[name], schema=schema)
            for name, schema in BATCH_SCHEMAS.items()}


def write_partition(folder: str | os.PathLike[str], shard: int,
                    tables: dict[str, pa.Table]) -> None:
    """Write one batch as ``<folder>/<table>/part-<shard>.parquet`` (atomically per file)."""
    import pyarrow.parquet as pq

    for name, table in tables.items():
        target = Path(folder) / name / f"part-{shard:06d}.parquet"
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".tmp")
        pq.write_table(table, tmp)
        os.replace(tmp, target)


def _safe_size(value: str) -> str:
    if not re.fullmatch(r"\s*\d+(\.\d+)?\s*[KMGT]?i?B\s*", value, re.I):
        raise StoreError(f"invalid memory size {value!r}; use e.g. 64MB or 2GB", code="E507")
    return value.strip()


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _article_row(doc: Doc, run_id: str) -> dict[str, Any]:
    return {
        "id": doc.id, "source": doc.source, "url": doc.url, "title": doc.title,
        "published": doc.published, "language": doc.language, "site_name": doc.site_name,
        "author": doc.author, "text": doc.text, "n_posts": len(doc.posts),
        "n_flags": len(doc.flags), "meta": json.dumps(doc.meta, sort_keys=True),
        "scores": json.dumps(doc.scores, sort_keys=True), "run_id": run_id,
    }


def _post_rows(doc: Doc) -> Iterable[dict[str, Any]]:
    aid = doc.id
    for i, p in enumerate(doc.posts):
        yield {
            "id": content_id(aid, "post", str(p.start)), "article_id": aid, "idx": i,
            "platform": p.platform, "handle": p.handle, "display_name": p.display_name,
            "posted": p.posted, "text": p.text, "url": p.url, "post_id": p.post_id,
            "links": p.links, "hashtags": p.hashtags, "mentions": p.mentions,
            "char_start": p.start, "char_end": p.end,
            "scores": json.dumps(p.scores, sort_keys=True),
        }


def _entity_rows(docs: Iterable[Doc]) -> list[dict[str, Any]]:
    merged: dict[str, dict[str, Any]] = {}
    for doc in docs:
        for e in doc.entities:
            row = merged.setdefault(e.id, {"id": e.id, "name": e.name, "type": e.type,
                                           "aliases": set()})
            row["aliases"].update(e.aliases)
    return [{**r, "aliases": sorted(r["aliases"])} for r in merged.values()]


def _mention_rows(doc: Doc) -> Iterable[dict[str, Any]]:
    aid = doc.id
    for e in doc.entities:
        for m in e.mentions:
            yield {"id": content_id(aid, "mention", e.id, str(m.start)), "article_id": aid,
                   "entity_id": e.id, "text": m.text, "char_start": m.start,
                   "char_end": m.end, "post_idx": m.post}


def _quote_rows(doc: Doc) -> Iterable[dict[str, Any]]:
    aid = doc.id
    for i, q in enumerate(doc.quotes):
        yield {"id": content_id(aid, "quote", str(q.start)), "article_id": aid, "idx": i,
               "kind": q.kind, "text": q.text, "speaker": q.speaker, "speaker_id": q.speaker_id,
               "char_start": q.start, "char_end": q.end, "post_idx": q.post}


def _technique_rows(doc: Doc) -> Iterable[dict[str, Any]]:
    aid = doc.id
    for i, t in enumerate(doc.techniques):
        post = next((j for j, p in enumerate(doc.posts) if p.start <= t.start < p.end), None)
        yield {"id": content_id(aid, "technique", str(i)), "article_id": aid, "idx": i,
               "label": t.label, "char_start": t.start, "char_end": t.end,
               "score": t.score, "post_idx": post}


def _stance_rows(doc: Doc) -> Iterable[dict[str, Any]]:
    aid = doc.id
    for i, p in enumerate(doc.posts):
        for s in p.stance:
            yield {"article_id": aid, "post_idx": i, "target": s["target"],
                   "target_id": s["target_id"], "label": s["label"], "score": s["score"]}


def _flag_rows(doc: Doc) -> Iterable[dict[str, Any]]:
    aid = doc.id
    for i, f in enumerate(doc.flags):
        yield {
            "id": content_id(aid, "flag", f.kind, str(f.start), str(f.end)), "article_id": aid,
            "idx": i, "kind": f.kind, "message": f.message, "char_start": f.start,
            "char_end": f.end, "post_idx": f.post,
        }
