"""Faults around the database and the process: a full disk, a damaged file, a file another
process writes, a killed parent. Each gives a clear E-code message (never a traceback),
keeps what was written before, and leaves no process behind."""

from __future__ import annotations

import json
import os
import random
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

EXE = str(Path(sys.executable).with_name("echoscope"))
WORDS = "council ferry harbour vote budget library festival river bridge school market".split()


def corpus(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(n)
    with open(folder / "c.jsonl", "w", encoding="utf-8") as fh:
        for i in range(n):  # every story different: no near-copies
            words = " ".join(rng.choice(WORDS) + str(rng.randrange(50)) for _ in range(200))
            fh.write(json.dumps({"content": f"Story {i}: {words}."}) + "\n")
    return folder


def echoscope(*args: str, limit_bytes: int | None = None, timeout: float = 240
              ) -> subprocess.CompletedProcess:
    def limit() -> None:
        if limit_bytes is not None:  # files may not grow past this: a full disk, in effect
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))

    res = subprocess.run([EXE, *args], capture_output=True, text=True, timeout=timeout,
                         preexec_fn=limit, env={**os.environ, "COLUMNS": "400"})
    res.stderr = " ".join(res.stderr.split())  # one line, however the console wrapped it
    return res


@pytest.mark.timeout(300)
def test_a_full_disk_is_a_clear_error_and_resume_finishes(tmp_path):
    src = corpus(tmp_path / "in", 1500)
    db = tmp_path / "x.duckdb"
    full = echoscope("analyze", str(src), "--db", str(db), "--profile", "posts_only",
                     limit_bytes=1_500_000)
    assert full.returncode == 1, full.stderr
    assert "[E510]" in full.stderr and "disk is full" in full.stderr
    assert "Traceback" not in full.stderr
    con = duckdb.connect(str(db), read_only=True)
    kept = con.execute("SELECT count(*) FROM sources").fetchone()[0]
    con.close()
    assert 0 < kept < 1500  # earlier batches are intact
    done = echoscope("analyze", str(src), "--db", str(db), "--profile", "posts_only",
                     "--resume")
    assert done.returncode == 0, done.stderr
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*), count(DISTINCT source) FROM sources").fetchone() \
        == (1500, 1500)
    con.close()


def test_a_damaged_database_is_a_clear_error_for_every_command(tmp_path):
    src = corpus(tmp_path / "in", 600)
    db = tmp_path / "x.duckdb"
    assert echoscope("analyze", str(src), "--db", str(db), "--profile", "posts_only"
                     ).returncode == 0
    size = db.stat().st_size
    with open(db, "r+b") as fh:  # keep the file's headers, damage every block after them
        fh.seek(3 * 4096)
        fh.write(b"\xa5" * (size - 3 * 4096))
    for args in (["stats"], ["sql", "SELECT count(*) FROM articles"], ["posts"],
                 ["analyze", str(src)]):
        res = echoscope(*args, "--db", str(db))
        assert res.returncode == 1, (args, res.stderr)
        assert "Traceback" not in res.stderr and "[E5" in res.stderr, (args, res.stderr)


def test_a_database_another_process_writes_is_a_clear_error(tmp_path):
    db = tmp_path / "x.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
         "c.execute('CREATE TABLE t (a INT)'); print('ready', flush=True); time.sleep(60)",
         str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        for args in (["stats"], ["analyze", str(corpus(tmp_path / "in", 3))]):
            res = echoscope(*args, "--db", str(db))
            assert res.returncode == 1 and "[E502]" in res.stderr, res.stderr
            assert "another process is writing it" in res.stderr
            assert "Traceback" not in res.stderr
    finally:
        holder.kill()
        holder.communicate()


def _descendants(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-eo", "pid=,ppid="], capture_output=True, text=True).stdout
    children: dict[int, list[int]] = {}
    for line in out.splitlines():
        child, parent = map(int, line.split())
        children.setdefault(parent, []).append(child)
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as fh:
            return fh.read().split(") ")[1][0] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs /proc")
@pytest.mark.timeout(180)
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_killing_the_parent_leaves_no_worker_behind(tmp_path, sig):
    src = corpus(tmp_path / "in", 4000)
    db = tmp_path / "x.duckdb"
    proc = subprocess.Popen([EXE, "analyze", str(src), "--db", str(db), "--profile", "fast",
                             "--workers", "2"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    try:
        _kill_and_check(proc, sig, db)
    finally:
        proc.kill()
        proc.communicate()


def _kill_and_check(proc: subprocess.Popen, sig: int, db: Path) -> None:
    deadline = time.monotonic() + 120
    workers: list[int] = []
    while time.monotonic() < deadline and len(workers) < 2 and proc.poll() is None:
        time.sleep(0.2)
        workers = _descendants(proc.pid)
    assert len(workers) >= 2, "the workers never started"
    time.sleep(2)  # let them work
    proc.send_signal(sig)
    _, stderr = proc.communicate(timeout=60)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(_alive(w) for w in workers):
        time.sleep(0.2)
    assert not [w for w in workers if _alive(w)], "workers outlived their parent"
    if sig == signal.SIGTERM:
        assert proc.returncode == 130 and "interrupted" in stderr
        con = duckdb.connect(str(db), read_only=True)
        assert con.execute("SELECT status FROM runs").fetchall() == [("interrupted",)]
        con.close()
