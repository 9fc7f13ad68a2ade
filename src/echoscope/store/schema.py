"""The database layout: tables (DuckDB DDL) and the Arrow schema of the rows a batch adds.

Offsets are ``char_start``/``char_end`` (``end`` is an SQL keyword). The Arrow schemas are
also the Parquet layout of distributed runs. See docs/store.md.
"""

from __future__ import annotations

import pyarrow as pa

SCHEMA_VERSION = "1"
SCHEMA = """
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
    situation VARCHAR, situation_evidence VARCHAR, situation_score DOUBLE, reason VARCHAR,
    target_role VARCHAR
);
CREATE TABLE IF NOT EXISTS roles (
    article_id VARCHAR, entity_id VARCHAR, name VARCHAR, role VARCHAR, char_start INTEGER,
    char_end INTEGER
);
CREATE TABLE IF NOT EXISTS post_stance (
    article_id VARCHAR, post_idx INTEGER, target VARCHAR, target_id VARCHAR, label VARCHAR,
    score DOUBLE
);
CREATE TABLE IF NOT EXISTS checks (
    id VARCHAR PRIMARY KEY, article_id VARCHAR, idx INTEGER, kind VARCHAR, status VARCHAR,
    char_start INTEGER, char_end INTEGER, posts INTEGER[], reason VARCHAR
);
CREATE TABLE IF NOT EXISTS flags (
    id VARCHAR PRIMARY KEY, article_id VARCHAR, idx INTEGER, kind VARCHAR, message VARCHAR,
    char_start INTEGER, char_end INTEGER, post_idx INTEGER
);
CREATE TABLE IF NOT EXISTS sources (
    source VARCHAR PRIMARY KEY, article_id VARCHAR, run_id VARCHAR
);
CREATE TABLE IF NOT EXISTS pages (
    source VARCHAR PRIMARY KEY, article_id VARCHAR, url VARCHAR, status INTEGER,
    content_type VARCHAR, fetched_at VARCHAR, html BLOB, run_id VARCHAR
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
     ("situation_score", pa.float64()), ("reason", pa.string()), ("target_role", pa.string())]
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
SIGNATURE_SCHEMA = pa.schema(
    [("article_id", pa.string()), ("source", pa.string()), ("minhash", pa.binary())]
)
#: Store table -> Arrow schema of the rows one batch adds (also the Parquet layout).
_ROLE_SCHEMA = pa.schema(
    [("article_id", pa.string()), ("entity_id", pa.string()), ("name", pa.string()),
     ("role", pa.string()), ("char_start", pa.int32()), ("char_end", pa.int32())]
)
_CHECK_SCHEMA = pa.schema(
    [("id", pa.string()), ("article_id", pa.string()), ("idx", pa.int32()), ("kind", pa.string()),
     ("status", pa.string()), ("char_start", pa.int32()), ("char_end", pa.int32()),
     ("posts", pa.list_(pa.int32())), ("reason", pa.string())]
)
BATCH_SCHEMAS = {
    "articles": _ARTICLE_SCHEMA, "posts": _POST_SCHEMA, "flags": _FLAG_SCHEMA,
    "checks": _CHECK_SCHEMA, "roles": _ROLE_SCHEMA,
    "entities": _ENTITY_SCHEMA, "mentions": _MENTION_SCHEMA, "quotes": _QUOTE_SCHEMA,
    "techniques": _TECHNIQUE_SCHEMA, "positions": _POSITION_SCHEMA,
    "post_stance": _STANCE_SCHEMA,
    "sources": _SOURCE_SCHEMA, "errors": _ERROR_SCHEMA,
    "pages": pa.schema([("source", pa.string()), ("article_id", pa.string()),
                        ("url", pa.string()), ("status", pa.int32()),
                        ("content_type", pa.string()), ("fetched_at", pa.string()),
                        ("html", pa.binary()), ("run_id", pa.string())]),
    "duplicates": pa.schema([("source", pa.string()), ("article_id", pa.string()),
                             ("original_id", pa.string()), ("original_source", pa.string()),
                             ("similarity", pa.float64()), ("run_id", pa.string())]),
}
# Tables and their columns for full-text search.
FTS_TABLES = {"articles": ("id", ["title", "text"]), "posts": ("id", ["text", "display_name", "handle"])}
