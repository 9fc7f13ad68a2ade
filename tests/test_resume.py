"""A real run killed with SIGKILL, started again with --resume: no duplicates, no gaps."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

N = 1500


@pytest.mark.timeout(300)
def test_sigkill_then_resume(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(N):
        (corpus / f"a{i:05d}.txt").write_text(
            f"Story {i}. The council met again on day {i} to argue about the budget.\n\n"
            f"Reaction number {i}. — Reader {i % 7} (@reader{i % 7}) March {i % 28 + 1}, 2022",
            encoding="utf-8")
    (corpus / "broken.txt").write_bytes(b"\x00\x01" * 50)
    db = tmp_path / "run.duckdb"
    cfg = tmp_path / "c.toml"
    cfg.write_text("[run]\nbatch_size = 25\n[analysis]\nprofile = 'posts_only'\n")
    exe = str(Path(sys.executable).with_name("echoscope"))
    args = [exe, "analyze", str(corpus), "--db", str(db), "--config", str(cfg)]

    # How big the WAL is with the schema alone: batches are what comes on top of it.
    from echoscope.store import Store

    probe = tmp_path / "probe.duckdb"
    store = Store(probe)
    schema_wal = Path(str(probe) + ".wal").stat().st_size
    store.close()

    wal = Path(str(db) + ".wal")
    # Kill as soon as the first batches are committed (the WAL holds them). On a busy
    # machine the WAL can pass the mark before any batch is committed (the kill then finds
    # nothing stored): start again from nothing and wait for more.
    for margin in (20_000, 60_000, 150_000):
        for path in (db, wal):
            path.unlink(missing_ok=True)
        proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            if wal.exists() and wal.stat().st_size > schema_wal + margin:
                break
            time.sleep(0.005)
        killed = proc.poll() is None
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()

        con = duckdb.connect(str(db), read_only=True)
        done_before = con.execute("SELECT count(*) FROM sources").fetchone()[0]
        con.close()
        print(f"killed={killed} after {done_before} of {N} inputs (mark {margin})")
        if not killed or done_before > 0:
            break
    if killed:
        assert 0 < done_before < N

    res = subprocess.run([*args, "--resume"], capture_output=True, text=True, timeout=240)
    assert res.returncode == 2, res.stderr  # the broken input is reported, not lost
    con = duckdb.connect(str(db), read_only=True)
    sources = con.execute("SELECT count(*), count(DISTINCT source) FROM sources").fetchone()
    errors = con.execute("SELECT count(*) FROM errors").fetchone()[0]
    articles = con.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone()
    posts = con.execute("SELECT count(*), count(DISTINCT id) FROM posts").fetchone()
    last = con.execute("SELECT inputs FROM runs WHERE status = 'finished' "
                       "ORDER BY started_at DESC LIMIT 1").fetchone()[0]
    con.close()
    assert sources == (N, N) and errors == 1  # no gaps, no duplicates
    assert articles == (N, N) and posts == (N, N)
    con = duckdb.connect(str(db), read_only=True)
    statuses = sorted(r[0] for r in con.execute("SELECT status FROM runs").fetchall())
    con.close()
    assert statuses == (["finished", "killed"] if killed else ["finished", "finished"])
    if killed:
        assert last == N + 1 - done_before  # only what was missing (errors count as inputs)
