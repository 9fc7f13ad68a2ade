"""The DuckDB store: one file, idempotent upserts keyed by content hash, runs and errors.

Tables (see docs/store.md): ``articles``, ``posts``, ``flags``, ``entities``, ``mentions``,
``quotes``, ``techniques``, ``positions``, ``post_stance``, ``sources`` (every input that
became an article), ``errors`` (every input that did not), ``duplicates``, ``signatures``,
``runs`` and ``meta``. Reading goes through :mod:`echoscope.store.queries`.
"""

from __future__ import annotations

import contextlib
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

from ..doc import Doc, ErrorRecord
from ..errors import StoreError
from .rows import batch_tables
from .schema import BATCH_SCHEMAS, FTS_TABLES, SCHEMA, SCHEMA_VERSION, SIGNATURE_SCHEMA

#: The tables holding an article's own rows, by the column naming the article.
_ARTICLE_ROWS = (("posts", "article_id"), ("flags", "article_id"), ("checks", "article_id"),
                 ("roles", "article_id"), ("mentions", "article_id"), ("quotes", "article_id"),
                 ("techniques", "article_id"), ("positions", "article_id"),
                 ("post_stance", "article_id"))


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
                 memory_limit: str | None = None, sandbox: bool | None = None) -> None:
        """``sandbox`` (default: when ``read_only``) locks the connection to this database
        alone (see :meth:`_lock_down`); ``export`` opts out, since it writes files."""
        self.path = str(path)
        if read_only and self.path != ":memory:" and not Path(self.path).exists():
            raise StoreError(f"database {self.path} does not exist; run `echoscope analyze` first",
                             code="E501")
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise db_error(exc, self.path, "open") from None
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
        self._fts_loaded = False
        if read_only if sandbox is None else sandbox:
            self._lock_down()
        if not read_only:
            try:
                self.con.execute(SCHEMA)
                self.con.execute(
                    "INSERT OR IGNORE INTO meta VALUES ('schema_version', ?), "
                    "('generation', '0'), ('fts_generation', '-1')",
                    [SCHEMA_VERSION],
                )
            except duckdb.Error as exc:
                self.con.close()
                raise db_error(exc, self.path, "prepare") from None

    def _lock_down(self) -> None:
        """A read-only connection reaches nothing but this database: no file reads or writes
        (``read_text``, ``COPY``, ``ATTACH``, ``EXPORT``), no extension installs or loads,
        no setting changes. The full-text extension is loaded first (it is a local file)."""
        ext = _fts_extension()
        try:
            if ext is not None:
                self.con.execute(f"LOAD '{ext}'")
                self._fts_loaded = True
            for setting in ("enable_external_access = false",
                            "autoinstall_known_extensions = false",
                            "autoload_known_extensions = false",
                            "allow_community_extensions = false",
                            "lock_configuration = true"):
                self.con.execute(f"SET {setting}")
        except duckdb.Error as exc:
            self.con.close()
            raise StoreError(f"cannot open database {self.path} safely: {exc}",
                             code="E502") from None

    # -- context manager ---------------------------------------------------------------
    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    # -- writing -----------------------------------------------------------------------
    def start_run(self, *, argv: Sequence[str], config: dict, versions: dict) -> str:
        try:
            return self._start_run(argv, config, versions)
        except duckdb.Error as exc:
            raise db_error(exc, self.path, "write") from None

    def _start_run(self, argv: Sequence[str], config: dict, versions: dict) -> str:
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
        try:
            self._finish_run(run_id, status, counts, seconds, timings)
        except duckdb.Error as exc:
            raise db_error(exc, self.path, "write") from None

    def _finish_run(self, run_id: str, status: str, counts: dict[str, Any],
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
            schema=SIGNATURE_SCHEMA)
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
            ).fetchall()[0][0]
            for table, key in (*_ARTICLE_ROWS, ("articles", "id")):
                con.execute(f"DELETE FROM {table} WHERE {key} IN (SELECT id FROM _new_articles)")
            con.execute("INSERT INTO articles SELECT *, now() FROM _new_articles")
            for table in ("posts", "flags", "checks", "roles", "mentions", "quotes",
                          "techniques", "positions", "post_stance"):
                con.execute(f"INSERT INTO {table} SELECT * FROM _new_{table}")
            # Entities are shared across articles: merge aliases into what is known.
            con.execute("""
                INSERT INTO entities SELECT * FROM _new_entities
                ON CONFLICT (id) DO UPDATE SET aliases = list_sort(list_distinct(
                    list_concat(entities.aliases, excluded.aliases)))
            """)
            # An input read again into another text (edited, or read by a newer version)
            # replaces its earlier reading: that article goes unless another input
            # still points to it (below).
            con.execute("CREATE OR REPLACE TEMP TABLE _replaced AS SELECT DISTINCT "
                        "s.article_id AS id FROM sources s JOIN _new_sources n "
                        "ON s.source = n.source WHERE s.article_id <> n.article_id")
            # Every input is in exactly one of sources (stored) or errors (why not).
            con.execute("INSERT OR REPLACE INTO sources SELECT * FROM _new_sources")
            con.execute("DELETE FROM errors WHERE source IN (SELECT source FROM _new_sources)")
            con.execute("INSERT OR REPLACE INTO errors SELECT *, now() FROM _new_errors")
            con.execute("DELETE FROM sources WHERE source IN (SELECT source FROM _new_errors)")
            con.execute("DELETE FROM duplicates WHERE source IN (SELECT source FROM _new_sources)"
                        " OR source IN (SELECT source FROM _new_errors)")
            con.execute("INSERT OR REPLACE INTO duplicates SELECT * FROM _new_duplicates")
            # A fetched page is kept while its link is stored (a link that fails on a
            # rerun keeps its error, not a page of another day).
            con.execute("DELETE FROM pages WHERE source IN (SELECT source FROM _new_errors)")
            con.execute("INSERT OR REPLACE INTO pages SELECT * FROM _new_pages")
            if "_new_signatures" in tables:
                con.execute("INSERT OR REPLACE INTO signatures SELECT * FROM _new_signatures")
            con.execute("DELETE FROM _replaced WHERE id IN (SELECT article_id FROM sources) "
                        "OR id IN (SELECT original_id FROM duplicates)")
            for table, key in (*_ARTICLE_ROWS, ("signatures", "article_id"), ("articles", "id")):
                con.execute(f"DELETE FROM {table} WHERE {key} IN (SELECT id FROM _replaced)")
            con.execute("DROP TABLE _replaced")
            con.execute(
                "UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS VARCHAR) "
                "WHERE key = 'generation'"
            )
            con.execute("COMMIT")
        except Exception as exc:
            with contextlib.suppress(duckdb.Error):
                con.execute("ROLLBACK")
            if isinstance(exc, duckdb.Error):
                raise db_error(exc, self.path, "write") from None
            raise
        finally:
            for name in tables:
                con.unregister(name)
        return int(new)

    # -- reading -----------------------------------------------------------------------
    def accounted_sources(self) -> set[str]:
        """Every input source already stored or recorded as failed — except links whose
        failure may pass (a network error or timeout, E309; a server error or "too many
        requests", E310 with HTTP 5xx or 429): a resumed run tries those again."""
        _, rows = self.query(
            "SELECT source FROM sources UNION SELECT source FROM errors "
            "WHERE NOT (regexp_matches(source, '^https?://', 'i') AND (code = 'E309' OR "
            "(code = 'E310' AND regexp_matches(reason, 'HTTP (5[0-9][0-9]|429)\\b'))))")
        return {r[0] for r in rows}

    def rows(self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None
             ) -> list[dict[str, Any]]:
        """Run a query of ours; each row as a dict of column -> value."""
        cols, rows = self.query(sql, params)
        return [dict(zip(cols, r, strict=True)) for r in rows]

    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None
              ) -> tuple[list[str], list[tuple]]:
        """Run any SQL; returns ``(column names, rows)``."""
        try:
            cur = self.con.execute(sql, params or [])
            cols = [d[0] for d in cur.description] if cur.description else []
            return cols, cur.fetchall()
        except duckdb.Error as exc:
            raise self._query_error(exc) from None

    def _query_error(self, exc: Exception) -> StoreError:
        """A failed query: E503 with DuckDB's words, unless the file is damaged (E511) or
        the disk filled up while the query spilled (E510)."""
        if _fault(exc) in ("full", "damaged"):
            return db_error(exc, self.path, "read")
        return StoreError(f"query failed: {exc}", code="E503")

    def user_query(self, sql: str) -> tuple[list[str], list[tuple]]:
        """Run SQL someone typed: one read-only statement (SELECT, WITH, VALUES, EXPLAIN,
        DESCRIBE, SHOW, SUMMARIZE, PRAGMA of the reading kind) on a read-only connection,
        which reaches no file but this database (E509 for anything else)."""
        if not self.read_only:
            raise StoreError("SQL from outside runs on a read-only connection only", code="E509")
        if not sql.strip():
            raise StoreError("no SQL statement given", code="E509")
        try:
            statements = duckdb.extract_statements(sql)
        except duckdb.Error as exc:  # a syntax error
            raise StoreError(f"query failed: {exc}", code="E503") from None
        if len(statements) != 1:
            raise StoreError(f"one statement at a time, please (got {len(statements)})",
                             code="E509")
        kind = statements[0].type
        if kind not in (duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN):
            raise StoreError(f"only reading statements run here (SELECT, WITH, EXPLAIN, "
                             f"DESCRIBE, SHOW); this one is {kind.name}", code="E509")
        return self.query(sql)

    def ensure_search_index(self) -> None:
        """Load the full-text extension and rebuild the index if the data changed."""
        gen = dict(self.con.execute("SELECT key, value FROM meta").fetchall())
        ext = _fts_extension()
        if ext is None:
            raise StoreError("full-text search needs the duckdb-extension-fts package", code="E504")
        if not self._fts_loaded:
            self.con.execute(f"LOAD '{ext}'")
            self._fts_loaded = True
        if gen.get("generation") == gen.get("fts_generation"):
            return
        if self.read_only:
            raise StoreError("the search index is out of date and this connection is "
                             "read-only", code="E505")
        for table, (key, cols) in FTS_TABLES.items():
            col_list = ", ".join(f"'{c}'" for c in cols)
            self.con.execute(
                f"PRAGMA create_fts_index('{table}', '{key}', {col_list}, overwrite=1)")
        self.con.execute("UPDATE meta SET value = ? WHERE key = 'fts_generation'",
                         [gen.get("generation")])


def _fault(exc: Exception) -> str | None:
    """What a DuckDB failure says about the file: ``full`` (the disk, or a file that may not
    grow), ``locked`` (another process writes it), ``read_only``, ``damaged``, or None."""
    low = str(exc).lower()
    if any(k in low for k in ("no space left", "failed to offload", "disk quota",
                              "file too large")):
        return "full"
    if "conflicting lock" in low or "could not set lock" in low:
        return "locked"
    if any(k in low for k in ("read-only", "read only", "permission denied")):
        return "read_only"
    if any(k in low for k in ("corrupt", "checksum", "not a valid duckdb", "invalid block",
                              "serializ", "magic bytes", "file is too small")):
        return "damaged"
    return None


def db_error(exc: Exception, path: str, doing: str) -> StoreError:
    """A DuckDB failure as a StoreError that says what happened and what is kept: a full
    disk or a read-only file (E510), another process holding the file (E502), a damaged
    file (E511); anything else keeps DuckDB's first line (E510 when writing, else E502)."""
    first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    fault = _fault(exc)
    if fault == "full":
        return StoreError(f"cannot {doing} {path}: the disk is full (or the file may not "
                          f"grow). What was written before is kept; free some space and run "
                          f"again (--resume skips what is done) ({first})", code="E510")
    if fault == "locked":
        return StoreError(f"cannot {doing} {path}: another process is writing it. DuckDB "
                          f"lets one process write a file, or any number read it, not both "
                          f"at once: wait for it to finish, or query a copy", code="E502")
    if fault == "read_only":
        return StoreError(f"cannot {doing} {path}: the file or its folder is read-only "
                          f"({first})", code="E510")
    if fault == "damaged":
        return StoreError(f"cannot {doing} {path}: the database file is damaged ({first}); "
                          f"analyse into a new file, or restore a copy", code="E511")
    return StoreError(f"cannot {doing} {path}: {first}",
                      code="E510" if doing in ("write", "prepare") else "E502")


def _safe_size(value: str) -> str:
    if not re.fullmatch(r"\s*\d+(\.\d+)?\s*[KMGT]?i?B\s*", value, re.I):
        raise StoreError(f"invalid memory size {value!r}; use e.g. 64MB or 2GB", code="E507")
    return value.strip()


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
