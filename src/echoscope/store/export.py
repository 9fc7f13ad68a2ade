"""Exports: tables as JSON Lines, CSV or Parquet; technique spans for the official PTC
scorers and for review in Label Studio."""

from __future__ import annotations

import json
from pathlib import Path

from ..doc import TECHNIQUES
from ..errors import StoreError
from .db import Store

#: What ``export`` writes without ``--table``: every table of findings and the fetched
#: pages, not the run log, the near-copy signatures or the key-value meta table.
EXPORTED = ("articles", "posts", "flags", "checks", "entities", "mentions", "quotes",
            "techniques", "positions", "roles", "post_stance", "errors", "sources",
            "duplicates", "pages")


def export_tables(store: Store, fmt: str, out: str, table: str | None = None) -> list[str]:
    """Export tables to ``out`` (a file for one table, else a folder). Returns paths."""
    tables = [table] if table else list(EXPORTED)
    known = {r[0] for r in store.con.execute("SHOW TABLES").fetchall()}
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
        store.con.execute(f"COPY (SELECT * FROM {t} ORDER BY ALL) TO '{escaped}' ({options})")
        paths.append(path)
    return paths

def export_ptc(store: Store, out: str) -> list[str]:
    """Technique spans in the PTC label formats, so the official SemEval-2020 Task 11
    tools can score them: ``techniques.labels`` (``article<TAB>technique<TAB>start<TAB>
    end``, the TC/FLC format), ``spans.labels`` (``article<TAB>start<TAB>end``, SI) and
    ``articles/article<id>.txt`` (the texts the offsets refer to)."""
    folder = Path(out)
    (folder / "articles").mkdir(parents=True, exist_ok=True)
    rows = store.con.execute("SELECT article_id, label, char_start, char_end FROM techniques "
                            "ORDER BY article_id, char_start, char_end, label").fetchall()
    tc = folder / "techniques.labels"
    tc.write_text("".join(f"{a}\t{label}\t{s}\t{e}\n" for a, label, s, e in rows), "utf-8")
    si = folder / "spans.labels"
    si.write_text("".join(f"{a}\t{s}\t{e}\n" for a, _, s, e in rows), "utf-8")
    n = 0
    for aid, text in store.con.execute("SELECT id, text FROM articles ORDER BY id").fetchall():
        (folder / "articles" / f"article{aid}.txt").write_text(text, "utf-8", newline="")
        n += 1
    return [str(tc), str(si), f"{folder / 'articles'} ({n} articles)"]


def export_labelstudio(store: Store, out: str) -> list[str]:
    """Pre-annotated Label Studio tasks (one per article, technique spans as predictions,
    offsets in UTF-16 code units as Label Studio counts them) and a labelling config."""
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    spans: dict[str, list[tuple]] = {}
    for row in store.con.execute("SELECT article_id, idx, label, char_start, char_end, score "
                                "FROM techniques ORDER BY article_id, idx").fetchall():
        spans.setdefault(row[0], []).append(row[1:])
    tasks_path = folder / "tasks.json"
    articles = store.con.execute("SELECT id, title, url, published, text FROM articles "
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


def _utf16_offsets(text: str) -> list[int]:
    """Code-point offset -> UTF-16 offset, for every position 0..len(text)."""
    out = [0] * (len(text) + 1)
    n = 0
    for i, ch in enumerate(text):
        out[i] = n
        n += 2 if ord(ch) > 0xFFFF else 1
    out[len(text)] = n
    return out
