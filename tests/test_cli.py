"""The command line, end to end, on real files and a real DuckDB file."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
EXAMPLE_TEXT = next(EXAMPLES.glob("*.txt"))
TWEETS = ("Council news.\n\nFirst reaction here. #SaveEastside — Ann Lee (@annlee) March 14, 2022"
          "\n\nSecond reaction, much angrier. — Bob Roe (@bobroe) March 14, 2021\n\nThe end.")


def counts(db: Path) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("articles", "posts", "flags", "errors", "sources", "runs")}
    finally:
        con.close()


@pytest.fixture
def corpus(tmp_path):
    d = tmp_path / "in"
    shutil.copytree(EXAMPLES, d)
    (d / "dated.txt").write_text("date 2022-03-15 " + TWEETS, encoding="utf-8")
    return d


def test_analyze_stores_and_rerun_adds_no_rows(cli, corpus, tmp_path):
    db = tmp_path / "e.duckdb"
    first = cli("analyze", corpus, "--db", db)
    assert first.code == 0, first.err
    before = counts(db)
    assert before["articles"] == 6 and before["posts"] > 20 and before["flags"] >= 1
    assert "articles/s" in first.err and first.out == ""
    again = cli("analyze", corpus, "--db", db)
    assert again.code == 0
    after = counts(db)
    assert {k: v for k, v in after.items() if k != "runs"} == {
        k: v for k, v in before.items() if k != "runs"}
    assert after["runs"] == before["runs"] + 1
    con = duckdb.connect(str(db), read_only=True)
    run = con.execute("SELECT status, inputs, articles, new_articles, errors, config, versions "
                      "FROM runs ORDER BY started_at DESC LIMIT 1").fetchone()
    con.close()
    assert run[:5] == ("finished", 6, 6, 0, 0)
    assert json.loads(run[5])["store"]["db"] == str(db)
    assert "duckdb" in json.loads(run[6])


def test_failed_inputs_exit_2_are_listed_and_accounted_for(cli, corpus, tmp_path):
    (corpus / "broken.jsonl").write_text('{"content": "A fine article about the council."}\n'
                                         "{oops\n", encoding="utf-8")
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    db = tmp_path / "e.duckdb"
    res = cli("analyze", corpus, tmp_path / "missing.txt", "--db", db)
    assert res.code == 2
    assert "broken.jsonl:2" in res.err and "E306" in res.err
    assert "binary.txt" in res.err and "missing.txt" in res.err
    c = counts(db)
    assert c["errors"] == 3
    con = duckdb.connect(str(db), read_only=True)
    inputs, articles, errors = con.execute(
        "SELECT inputs, articles, errors FROM runs").fetchone()
    con.close()
    assert inputs == articles + errors == 10
    assert c["sources"] + c["errors"] == inputs


def test_more_errors_than_the_summary_lists_are_all_in_the_ledger(cli, write, tmp_path):
    lines = [json.dumps({"text": f"Record {i} about the council budget."}) if i % 2 else
             "{broken" for i in range(130)]
    path = write("many.jsonl", "\n".join(lines) + "\n")
    res = cli("analyze", path, "--no-store")
    assert res.code == 2 and "… and 15 more (see --ledger FILE" in res.err
    ledger = tmp_path / "l.jsonl"
    res = cli("analyze", path, "--no-store", "--ledger", ledger)
    rows = [json.loads(x) for x in ledger.read_text("utf-8").splitlines()]
    assert [r["source"] for r in rows] == [f"{path}:{i + 1}" for i in range(130)]
    assert sum(r["status"] == "error" for r in rows) == 65
    assert f"see the ledger {ledger}" in res.err
    bad = cli("analyze", path, "--ledger", tmp_path / "nowhere" / "l.jsonl")
    assert bad.code == 1 and "cannot write" in bad.err  # before anything is read or stored
    inside = cli("analyze", tmp_path, "--no-store", "--ledger", tmp_path / "l2.jsonl")
    assert inside.code == 1 and "among the inputs" in inside.err
    assert not (tmp_path / "echoscope.duckdb").exists() and not (tmp_path / "l2.jsonl").exists()


def test_error_disappears_when_the_input_later_succeeds(cli, write, tmp_path):
    path = write("a.txt", "A long enough article about the library. " * 20)
    db = tmp_path / "e.duckdb"
    assert cli("analyze", path, "--db", db, "--max-bytes", "100").code == 2
    assert counts(db)["errors"] == 1
    assert cli("analyze", path, "--db", db).code == 0
    assert counts(db)["errors"] == 0 and counts(db)["articles"] == 1


def test_json_lines_on_stdout_only(cli, corpus):
    res = cli("analyze", corpus, "--json", "--no-store")
    lines = res.out.splitlines()
    assert len(lines) == 6
    docs = [json.loads(line) for line in lines]
    # A record's own id comes back with it, to join the results to the corpus.
    assert "rl-2022-0412" in {d["meta"].get("record_id") for d in docs}
    for d in docs:
        assert set(d) >= {"id", "source", "url", "title", "published", "language", "text",
                          "posts", "flags", "meta"}
        for p in d["posts"]:
            assert set(p) >= {"platform", "handle", "display_name", "posted", "text", "url",
                              "post_id", "links", "hashtags", "mentions", "start", "end"}
            assert p["text"] in d["text"][p["start"]:p["end"]]
            assert not (p["handle"] or "").startswith("@")
            assert all(not h.startswith("#") for h in p["hashtags"])
            assert all(link.startswith(("http://", "https://")) for link in p["links"])
        for f in d["flags"]:
            assert {"kind", "message", "start", "end"} <= set(f)
    assert not Path("echoscope.duckdb").exists()


def test_workers_give_identical_output(cli, corpus):
    one = cli("analyze", corpus, "--json", "--no-store", "--workers", "1")
    two = cli("analyze", corpus, "--json", "--no-store", "--workers", "2")
    assert one.code == two.code == 0
    assert one.out == two.out and one.out


@pytest.mark.parametrize(
    "args",
    [["analyze"], ["analyze", "x", "--workers", "0"], ["analyze", "x", "--field", "content"],
     ["analyze", "x", "--profile", "nope"], ["posts", "--since", "yesterday"], ["nope"],
     ["analyze", "x", "--config", "missing.toml"]],
)
def test_usage_errors_exit_1(cli, args):
    res = cli(*args)
    assert res.code == 1, (res.out, res.err)
    assert res.err


def test_query_commands(cli, corpus, tmp_path):
    db = tmp_path / "e.duckdb"
    assert cli("analyze", corpus, "--db", db).code == 0
    stats = json.loads(cli("stats", "--db", db, "--json").out)
    assert stats["articles"] == 6 and stats["posts_by_platform"]["twitter"] > 5

    res = cli("posts", "--db", db, "--hashtag", "saveeastside", "-f", "json")
    handles = {json.loads(line)["handle"] for line in res.out.splitlines()}
    assert {"annlee", "RivReaders", "MayaOkaforRiv"} <= handles
    res = cli("posts", "--db", db, "--handle", "@ANNLEE", "-f", "json")
    assert [json.loads(x)["handle"] for x in res.out.splitlines()] == ["annlee"]
    res = cli("posts", "--db", db, "--since", "2022-04-01", "--until", "2022-04-30", "-f", "json")
    dates = [json.loads(x)["posted"] for x in res.out.splitlines()]
    assert dates and all("2022-04-01" <= d <= "2022-04-30" for d in dates)

    res = cli("search", "pontoon", "--db", db, "-f", "json")
    hits = [json.loads(x) for x in res.out.splitlines()]
    assert hits and {h["kind"] for h in hits} == {"article", "post"}
    # The index follows new data.
    extra = tmp_path / "new.txt"
    extra.write_text("A story about zeppelins over the harbour, told at length.", encoding="utf-8")
    assert cli("analyze", extra, "--db", db).code == 0
    hits = cli("search", "zeppelins", "--db", db, "-f", "json").out.splitlines()
    assert len(hits) == 1

    res = cli("sql", "SELECT count(*) AS n FROM posts WHERE platform = 'bluesky'", "--db", db,
              "-f", "csv")
    assert res.out.splitlines() == ["n", "1"]
    assert cli("sql", "DELETE FROM posts", "--db", db).code == 1  # read-only


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export(cli, corpus, tmp_path, fmt):
    db = tmp_path / "e.duckdb"
    cli("analyze", corpus, "--db", db)
    out = tmp_path / "out"
    assert cli("export", "--db", db, "--format", fmt, "-o", out).code == 0
    reader = {"jsonl": "read_json_auto", "csv": "read_csv_auto", "parquet": "read_parquet"}[fmt]
    n = duckdb.sql(f"SELECT count(*) FROM {reader}('{out}/posts.{fmt}')").fetchone()[0]
    assert n == counts(db)["posts"]
    written = {p.name.split(".")[0] for p in out.iterdir()}
    assert {"entities", "quotes", "techniques", "positions", "post_stance"} <= written


def test_console_script_and_stdin(tmp_path):
    exe = Path(sys.executable).with_name("echoscope")
    proc = subprocess.run([str(exe), "analyze", "-", "--json", "--no-store"],
                          input=TWEETS.encode(), capture_output=True, cwd=tmp_path, timeout=120)
    assert proc.returncode == 0, proc.stderr
    (doc,) = [json.loads(x) for x in proc.stdout.decode().splitlines()]
    assert doc["source"] == "<stdin>"
    assert [p["handle"] for p in doc["posts"]] == ["annlee", "bobroe"]


def test_empty_folder_says_so(cli, tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.docx").write_bytes(b"PK\x03\x04")
    res = cli("analyze", tmp_path / "empty", "--no-store")
    assert res.code == 0
    assert "no inputs found" in res.err and "1 files skipped" in res.err


def test_progress_bar_on_request(cli, corpus):
    res = cli("analyze", corpus, "--no-store", "--progress", "always")
    assert res.code == 0 and "articles" in res.err


def test_entities_and_reactions_commands(cli, corpus, tmp_path):
    db = tmp_path / "e.duckdb"
    assert cli("analyze", corpus, "--db", db).code == 0
    typed = cli("entities", "--db", db, "--type", "person", "-f", "json")
    assert "precision" in typed.err and "--type" in typed.err  # types hidden by default
    rows = [json.loads(x) for x in typed.out.splitlines()]
    names = {r["name"] for r in rows}
    assert "Maya Okafor" in names and "Tom Albright" in names
    okafor = next(r for r in rows if r["name"] == "Maya Okafor")
    assert okafor["articles"] >= 2 and "@MayaOkaforRiv" in okafor["aliases"]
    # The same person in two articles has one id.
    con = duckdb.connect(str(db), read_only=True)
    ids = con.execute("SELECT count(DISTINCT entity_id) FROM mentions m JOIN entities e "
                      "ON e.id = m.entity_id WHERE e.name = 'Maya Okafor'").fetchone()[0]
    n_quotes = con.execute("SELECT count(*) FROM quotes").fetchone()[0]
    con.close()
    assert ids == 1 and n_quotes > 0
    # Hidden layers are left out of the listings, as reports leave them out.
    listed = [json.loads(x) for x in cli("entities", "--db", db, "-f", "json").out.splitlines()]
    assert listed and {r["type"] for r in listed} == {"name"}
    shown = [json.loads(x) for x in cli("entities", "--db", db, "-f", "json",
                                        "--show-all").out.splitlines()]
    assert "person" in {r["type"] for r in shown}
    for flag, has in (((), False), (("--show-all",), True)):
        posts = [json.loads(x) for x in cli("posts", "--db", db, "-f", "json",
                                            *flag).out.splitlines()]
        assert posts
        assert any(k.startswith("hypocrisy") for p in posts for k in p["scores"]) is has
        # Badges are shown by default since their second audit (2026-12-05).
        assert any(k.startswith("sentiment") for p in posts for k in p["scores"])
    config = tmp_path / "badges.toml"
    config.write_text('[report]\nhidden_layers = ["badges"]\n', "utf-8")
    posts = [json.loads(x) for x in cli("posts", "--db", db, "-f", "json", "--config",
                                        config).out.splitlines()]
    for hidden in ("sentiment", "offensive", "irony"):  # a hidden layer's scores stay out
        assert not any(k.startswith(hidden) for p in posts for k in p["scores"])
    hidden = cli("reactions", "--db", db, "--target", "Maya Okafor", "-f", "json")
    assert hidden.code == 0 and hidden.out == "" and "--show-all" in hidden.err
    res = cli("reactions", "--db", db, "--target", "Maya Okafor", "-f", "json", "--show-all")
    (row,) = [json.loads(x) for x in res.out.splitlines()]
    assert row["posts"] == row["favor"] + row["against"] + row["none"] > 0
    assert -1 <= row["mean_sentiment"] <= 1
    # Positions shown, badges hidden: the tone columns stay out.
    res = cli("reactions", "--db", db, "--target", "Maya Okafor", "-f", "json", "--config",
              config)
    (row,) = [json.loads(x) for x in res.out.splitlines()]
    assert row["posts"] > 0 and "mean_sentiment" not in row and "share_ironic" not in row


@pytest.mark.parametrize("statement", [
    "COPY (SELECT 1) TO '{tmp}/out.csv'",
    "EXPORT DATABASE '{tmp}/dump'",
    "ATTACH '{tmp}/other.duckdb' AS other",
    "INSTALL httpfs",
    "LOAD httpfs",
    "SET threads = 1",
    "PRAGMA threads = 1",
    "SELECT * FROM read_text('{tmp}/secret.txt')",
    "SELECT * FROM read_csv('{tmp}/secret.txt')",
    "SELECT * FROM glob('{tmp}/*')",
    "SELECT * FROM '{tmp}/secret.txt'",
    "SELECT 1; DELETE FROM posts",
    "",
    "   ",
])
def test_sql_is_read_only_for_real(cli, tmp_path, statement):
    db = tmp_path / "e.duckdb"
    (tmp_path / "secret.txt").write_text("top secret\n", encoding="utf-8")
    assert cli("analyze", EXAMPLE_TEXT, "--db", db, "--profile", "fast").code == 0
    before = sorted(p.name for p in tmp_path.iterdir())
    res = cli("sql", statement.format(tmp=tmp_path), "--db", db)
    assert res.code == 1 and ("E509" in res.err or "E503" in res.err), res.err
    assert "top secret" not in res.out and "Traceback" not in res.err
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing written


def test_search_and_sql_work_on_a_read_only_copy(cli, tmp_path):
    db = tmp_path / "e.duckdb"
    assert cli("analyze", EXAMPLE_TEXT, "--db", db, "--profile", "fast").code == 0
    db.chmod(0o444)
    tmp_path.chmod(0o555)  # no WAL file can be made either
    try:
        res = cli("sql", "SELECT count(*) AS n FROM articles", "--db", db, "-f", "csv")
        assert res.code == 0 and res.out.splitlines() == ["n", "1"], res.err
        res = cli("search", "council", "--db", db, "-f", "json")
        # Root writes anyway; anyone else gets a clear E505 about the stale index.
        assert res.code == 0 or "E505" in res.err, res.err
        assert "Traceback" not in res.err
    finally:
        tmp_path.chmod(0o755)
        db.chmod(0o644)


def test_csv_output_is_plain_and_lists_are_json(cli, corpus, tmp_path):
    import csv
    import io

    db = tmp_path / "e.duckdb"
    assert cli("analyze", corpus, "--db", db, "--profile", "fast").code == 0
    res = cli("posts", "--db", db, "--hashtag", "saveeastside", "-f", "csv")
    assert res.code == 0 and "\r\n" not in res.out
    rows = list(csv.DictReader(io.StringIO(res.out)))
    assert rows and all(isinstance(json.loads(r["hashtags"]), list) for r in rows)
    assert json.loads(cli("stats", "--db", db, "--format", "json").out)["articles"] == 6


def test_invalid_json_reason_reads_well(cli, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"content": "a\tb"}\n', encoding="utf-8")
    res = cli("analyze", bad, "--no-store")
    assert res.code == 2 and "control character at column" in res.err
    assert "at at" not in res.err


def test_phrase_search_and_snippets(cli, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Ferry row\n\nThe harbour board met again on Monday. Residents said the board must "
        "believe women who reported the crossing was unsafe, and the board agreed to listen.",
        encoding="utf-8")
    (folder / "b.txt").write_text(
        "Budget row\n\nWomen on the council said they believe the budget is wrong, and "
        "that women in the harbour district would lose the most from the cuts.",
        encoding="utf-8")
    db = tmp_path / "e.duckdb"
    assert cli("analyze", folder, "--db", db, "--profile", "fast").code == 0
    loose = [json.loads(x) for x in cli("search", "believe women", "--db", db,
                                        "-f", "json").out.splitlines()]
    assert loose[0]["title_or_text"] == "Ferry row"  # holds the phrase: first
    assert {h["title_or_text"] for h in loose} == {"Ferry row", "Budget row"}
    assert "believe women" in loose[0]["snippet"] and len(loose[0]["snippet"]) < 200
    assert loose[0]["score"] == round(loose[0]["score"], 3)
    exact = [json.loads(x) for x in cli("search", '"believe women"', "--db", db,
                                        "-f", "json").out.splitlines()]
    assert [h["title_or_text"] for h in exact] == ["Ferry row"]
    none = cli("search", '"nothing like this"', "--db", db)
    assert none.code == 0 and "no article or post matches" in none.err


def test_unknown_targets_and_actors_exit_non_zero_with_a_message(cli, corpus, tmp_path):
    db = tmp_path / "e.duckdb"
    assert cli("analyze", corpus, "--db", db, "--profile", "fast").code == 0
    res = cli("reactions", "--target", "Nobody Here", "--db", db, "--show-all")
    assert res.code == 1 and "no quoted post takes a stance toward 'Nobody Here'" in res.err
    res = cli("timeline", "Nobody Here", "--db", db, "--show-all")
    assert res.code == 1 and "no positions for 'Nobody Here'" in res.err


def test_every_command_has_help_and_listings_share_their_formats(cli):
    from echoscope.cli import app

    def walk(group, prefix=()):
        for name, command in sorted(group.commands.items()):
            path = (*prefix, name)
            yield path, command
            if hasattr(command, "commands"):
                yield from walk(command, path)

    listings = 0
    for path, command in walk(app):
        res = cli(*path, "--help")
        assert res.code == 0 and "Usage:" in res.out, path
        assert (command.help or "").strip(), f"{' '.join(path)} has no help text"
        formats = next((p for p in command.params if p.name == "fmt"), None)
        if formats is not None and set(formats.type.choices) >= {"table", "json"}:
            listings += 1
            if path[0] not in ("stats", "export", "classify"):
                assert set(formats.type.choices) == {"table", "json", "jsonl", "csv"}, path
    assert listings >= 8


def test_classify_reads_a_stance_target_as_a_person_or_a_topic(cli, tmp_path):
    """`classify --task stance` says what kind of target it read (a person by default, a
    topic keeps its words); a record's own target_type is read, a wrong one is an input
    error naming the record."""
    path = tmp_path / "posts.jsonl"
    rows = [{"text": "Climate action cannot wait another year", "target": "climate action",
             "target_type": "topic"},
            {"text": "Vote Maya Okafor out, she lied to us", "target": "Maya Okafor"}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    res = cli("classify", "--task", "stance", path)
    assert res.code == 0, res.err
    out = [json.loads(line) for line in res.out.splitlines()]
    assert [o["target_type"] for o in out] == ["topic", "person"]
    assert [o["target"] for o in out] == ["climate action", "Maya Okafor"]
    forced = [json.loads(line) for line in
              cli("classify", "--task", "stance", "--target-type", "topic", path).out.splitlines()]
    assert [o["target_type"] for o in forced] == ["topic", "topic"]
    assert forced[0]["probs"] == out[0]["probs"]
    # A stance artifact that reads someone new under a made-up name: the person's row
    # changes with the type, the topic's never does.
    from echoscope.ml import heads
    from echoscope.ml.encoder import ENCODER_DIR

    models = tmp_path / "models"
    shutil.copytree(ENCODER_DIR / "stance", models / "stance")
    config = json.loads((models / "stance" / "model.json").read_text())
    (models / "stance" / "model.json").write_text(json.dumps({**config,
                                                              "unseen_stand_in": True}))
    try:
        adopt = [json.loads(line) for line in cli("classify", "--task", "stance", "--models",
                                                  models, path).out.splitlines()]
        topics = [json.loads(line) for line in
                  cli("classify", "--task", "stance", "--models", models, "--target-type",
                      "topic", path).out.splitlines()]
    finally:
        heads._load_stance.cache_clear()
    assert all("+standin" in o["model"] for o in adopt + topics)
    assert adopt[0]["probs"] == topics[0]["probs"] == out[0]["probs"]
    assert adopt[1]["probs"] != topics[1]["probs"] and topics[1]["probs"] == out[1]["probs"]
    rows[1]["target_type"] = "place"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    res = cli("classify", "--task", "stance", path)
    assert res.code != 0 and "record 2" in res.err and "E306" in res.err
