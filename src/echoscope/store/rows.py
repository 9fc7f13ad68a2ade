"""Rows: what a batch of results adds to each table, as Arrow tables (also the Parquet
layout of distributed runs)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa

from ..doc import Doc, ErrorRecord, content_id
from .schema import BATCH_SCHEMAS


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
        "roles": [{"article_id": d.id, "entity_id": r.entity_id, "name": r.name,
                   "role": r.role, "char_start": r.start, "char_end": r.end}
                  for d in unique.values() for r in d.roles],
        "checks": [{"id": content_id(d.id, "check", str(i)), "article_id": d.id, "idx": i,
                    "kind": c.kind, "status": c.status, "char_start": c.start,
                    "char_end": c.end, "posts": c.posts, "reason": c.reason}
                   for d in unique.values() for i, c in enumerate(d.checks)],
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
        # A fetched link's page as served, by the link as named (two links to one text
        # keep a page each).
        "pages": list({d.source: _page_row(d, run_id) for d in docs
                       if d.page is not None}.values()),
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


def _article_row(doc: Doc, run_id: str) -> dict[str, Any]:
    return {
        "id": doc.id, "source": doc.source, "url": doc.url, "title": doc.title,
        "published": doc.published, "language": doc.language, "site_name": doc.site_name,
        "author": doc.author, "text": doc.text, "n_posts": len(doc.posts),
        "n_flags": len(doc.flags), "meta": json.dumps(doc.meta, sort_keys=True),
        "scores": json.dumps(doc.scores(), sort_keys=True), "run_id": run_id,
    }


def _page_row(doc: Doc, run_id: str) -> dict[str, Any]:
    fetch = doc.meta.get("fetch") or {}
    return {"source": doc.source, "article_id": doc.id, "url": fetch.get("final_url", doc.url),
            "status": fetch.get("status"), "content_type": fetch.get("content_type"),
            "fetched_at": fetch.get("fetched_at"), "html": doc.page, "run_id": run_id}


def _post_rows(doc: Doc) -> Iterable[dict[str, Any]]:
    aid = doc.id
    for i, p in enumerate(doc.posts):
        yield {
            "id": content_id(aid, "post", str(p.start)), "article_id": aid, "idx": i,
            "platform": p.platform, "handle": p.handle, "display_name": p.display_name,
            "posted": p.posted, "text": p.text, "url": p.url, "post_id": p.post_id,
            "links": p.links, "hashtags": p.hashtags, "mentions": p.mentions,
            "char_start": p.start, "char_end": p.end,
            "scores": json.dumps(p.scores.to_dict(), sort_keys=True),
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
            yield {"article_id": aid, "post_idx": i, "target": s.target,
                   "target_id": s.target_id, "label": s.label, "score": s.score}


def _flag_rows(doc: Doc) -> Iterable[dict[str, Any]]:
    aid = doc.id
    for i, f in enumerate(doc.flags):
        yield {
            "id": content_id(aid, "flag", f.kind, str(f.start), str(f.end)), "article_id": aid,
            "idx": i, "kind": f.kind, "message": f.message, "char_start": f.start,
            "char_end": f.end, "post_idx": f.post,
        }
