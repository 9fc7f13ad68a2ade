"""The Dask engine runs the same pipeline: its Parquet partitions, loaded, equal a local run."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
COMPARE = {
    "articles": "id, source, url, title, published, language, site_name, author, text, n_posts, "
                "n_flags, meta, scores",
    "posts": "*", "flags": "*", "mentions": "*", "quotes": "*", "post_stance": "*",
    "entities": "*", "sources": "source, article_id", "errors": "source, code, reason",
}


def dump(db: Path) -> dict[str, list]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f"SELECT {cols} FROM {t} ORDER BY ALL").fetchall()
                for t, cols in COMPARE.items()}
    finally:
        con.close()


@pytest.mark.timeout(300)
def test_dask_run_equals_local_run(cli, tmp_path):
    corpus = tmp_path / "in"
    shutil.copytree(EXAMPLES, corpus)
    for i in range(7):
        (corpus / f"extra{i}.txt").write_text(
            f"date 2022-03-1{i} Councillor Maya Okafor defended vote number {i}.\n\n"
            f"Shameful decision number {i}. — Ann Lee (@annlee) March 1{i}, 2022",
            encoding="utf-8")
    (corpus / "broken.txt").write_bytes(b"\x00\x01\x02" * 40)
    cfg = tmp_path / "c.toml"
    # The fast profile: the engines move the same pipeline whatever it holds, and each
    # Dask worker would otherwise load the encoder and spaCy's NER first.
    cfg.write_text("[run]\nbatch_size = 4\n[analysis]\nprofile = 'fast'\n")

    local = cli("analyze", corpus, "--db", tmp_path / "local.duckdb", "--config", cfg)
    assert local.code == 2  # the broken input
    parts = tmp_path / "parts"
    res = cli("analyze", corpus, "--engine", "dask", "--workers", "2", "--out", parts,
              "--config", cfg)
    assert res.code == 2, res.err
    assert cli("load", parts, "--db", tmp_path / "dask.duckdb").code == 0

    assert dump(tmp_path / "dask.duckdb") == dump(tmp_path / "local.duckdb")

    manifest = json.loads((parts / "manifest.json").read_text())
    shards = manifest["shards"].values()
    n_inputs = sum(s["inputs"] for s in shards)
    accounted = [src for s in shards for src in s["stored"]] + [e[0] for s in shards
                                                                for e in s["errors"]]
    assert n_inputs == len(accounted) == len(set(accounted)) == 13
    assert len(manifest["shards"]) == 4
    # DuckDB reads the partitions in place, too.
    n = duckdb.sql(f"SELECT count(*) FROM read_parquet('{parts}/posts/*.parquet')").fetchone()[0]
    assert n == len(dump(tmp_path / "local.duckdb")["posts"])

    # Resuming a finished run does nothing.
    again = cli("analyze", corpus, "--engine", "dask", "--workers", "1", "--out", parts,
                "--config", cfg, "--resume")
    assert again.code == 0 and "skipped (done in an earlier run)" in again.err

    # An input added since is found by its source, not by its position in the walk.
    (corpus / "aaa_added.txt").write_text("date 2022-04-01 A late story about the ferry.\n",
                                         encoding="utf-8")
    again = cli("analyze", corpus, "--engine", "dask", "--workers", "1", "--out", parts,
                "--config", cfg, "--resume")
    assert again.code == 0, again.err
    shards = json.loads((parts / "manifest.json").read_text())["shards"]
    assert len(shards) == 5
    stored = [src for s in shards.values() for src in s["stored"]]
    assert str(corpus / "aaa_added.txt") in stored and len(stored) == len(set(stored)) == 13


@pytest.mark.timeout(300)
def test_dask_run_killed_and_resumed(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    n = 600
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(n):
        (corpus / f"a{i:04d}.txt").write_text(
            f"Story {i} about budget line {i * 7}. Reaction {i}. — Reader (@reader{i}) "
            f"March {i % 28 + 1}, 2022", encoding="utf-8")
    cfg = tmp_path / "c.toml"
    cfg.write_text("[run]\nbatch_size = 10\n[analysis]\nprofile = 'posts_only'\n")
    parts = tmp_path / "parts"
    exe = str(Path(sys.executable).with_name("echoscope"))
    args = [exe, "analyze", str(corpus), "--engine", "dask", "--workers", "1", "--out",
            str(parts), "--config", str(cfg)]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    manifest = parts / "manifest.json"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if manifest.exists() and len(json.loads(manifest.read_text())["shards"]) >= 3:
            break
        time.sleep(0.01)
    killed = proc.poll() is None
    os.killpg(proc.pid, signal.SIGKILL)  # the client and its local cluster
    proc.wait()
    done_before = len(json.loads(manifest.read_text())["shards"])
    print(f"killed={killed} after {done_before} shards")
    if killed:
        assert 0 < done_before < n // 10

    res = subprocess.run([*args, "--resume"], capture_output=True, text=True, timeout=240)
    assert res.returncode == 0, res.stderr
    shards = json.loads(manifest.read_text())["shards"]
    assert len(shards) == n // 10
    stored = [s for shard in shards.values() for s in shard["stored"]]
    assert len(stored) == len(set(stored)) == n
    db = tmp_path / "d.duckdb"
    load = subprocess.run([exe, "load", str(parts), "--db", str(db)], capture_output=True,
                          text=True, timeout=120)
    assert load.returncode == 0, load.stderr
    con = duckdb.connect(str(db), read_only=True)
    counts = con.execute("SELECT count(*), count(DISTINCT source) FROM sources").fetchone()
    posts = con.execute("SELECT count(*), count(DISTINCT id) FROM posts").fetchone()
    con.close()
    assert counts == (n, n) and posts == (n, n)


@pytest.mark.timeout(300)
def test_existing_scheduler(cli, tmp_path):
    from dask.distributed import LocalCluster

    corpus = tmp_path / "in"
    shutil.copytree(EXAMPLES, corpus)
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster:
        res = cli("analyze", corpus, "--engine", "dask", "--scheduler", cluster.scheduler_address,
                  "--out", tmp_path / "parts", "--profile", "posts_only")
        assert res.code == 0, res.err
        assert cluster.scheduler_info["workers"]  # the cluster outlives the run
    manifest = json.loads((tmp_path / "parts" / "manifest.json").read_text())
    assert sum(s["articles"] for s in manifest["shards"].values()) == 5
