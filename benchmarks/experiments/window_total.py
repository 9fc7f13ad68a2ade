"""Why listings count their total with a joined aggregate, not ``count(*) OVER ()``.

DuckDB 1.5 (the version echoscope pins for its offline full-text index) now and then fails
an ordered, limited query that carries ``count(*) OVER ()`` on a small result, with
"INTERNAL Error: Attempted to access index 0 within vector of size 0"
(duckdb/duckdb#22352); on the same connection every later query then fails too. This
runs a small query of that shape many times, each way, on fresh connections and on one
connection, and counts the failures.

    python benchmarks/experiments/window_total.py [RUNS]
"""

from __future__ import annotations

import json
import sys

import duckdb

ROWS = ("WITH c AS (SELECT i AS x FROM range(1) t(i)), "
        "rows AS (SELECT * FROM c WHERE x >= 10 UNION ALL "
        "SELECT * FROM c WHERE NOT EXISTS (SELECT 1 FROM c WHERE x >= 10))")
FORMS = {
    "window": f"{ROWS} SELECT x, count(*) OVER () AS total FROM rows ORDER BY x DESC LIMIT 5",
    "joined aggregate": (f"{ROWS}, q AS (SELECT * FROM rows) SELECT q.*, n.total FROM q, "
                         "(SELECT count(*) AS total FROM q) AS n ORDER BY x DESC LIMIT 5"),
}


def failures(sql: str, runs: int, fresh: bool) -> int:
    failed = 0
    con = duckdb.connect()
    for _ in range(runs):
        if fresh:
            con.close()
            con = duckdb.connect()
        try:
            con.execute(sql).fetchall()
        except duckdb.Error:
            failed += 1
    con.close()
    return failed


def main(runs: int = 2000) -> dict:
    out = {"duckdb": duckdb.__version__, "runs": runs}
    for name, sql in FORMS.items():
        out[name] = {"fresh connections": failures(sql, runs, True),
                     "one connection": failures(sql, runs, False)}
    print(json.dumps(out))
    return out


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
