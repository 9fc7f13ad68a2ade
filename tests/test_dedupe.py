"""Near-duplicates: a syndicated copy is linked to its original and not analysed again."""

from __future__ import annotations

import json

import duckdb
import pytest

from echoscope.doc import Doc
from echoscope.runners.dedupe import NearDuplicateIndex

BODY = (
    "The harbour festival was called off on Thursday night after the safety board said the "
    "new pontoon had failed its final inspection. Mayor Elena Vasquez called the decision "
    "painful but unavoidable, and promised a new date within weeks. Volunteers who had spent "
    "months building stages and stalls along the quayside said they were heartbroken, and "
    "several traders asked the council to cover the costs of food they can no longer sell. "
    "Councillor Tom Albright said the pontoon contract should be reviewed by an independent "
    "panel before any new date is set.\n\n"
    "Not one working pontoon. #HarbourFest — Tom Albright (@TomAlbrightRiv) July 8, 2021"
)
OTHER = (
    "The city library will open late on Sundays from next month, the council said, after a "
    "petition from students and shift workers gathered more than four thousand names. The "
    "extra hours will be paid for by closing the reading room on Monday mornings."
)


def test_index_links_an_edited_copy_but_not_another_story():
    index = NearDuplicateIndex(0.7)
    original = Doc(text="By Priya Natarajan\n\n" + BODY, source="a")
    copy = Doc(text="This story first appeared in the Riverton Ledger.\n\n" + BODY
               + "\n\nRead more local news at ledger.example.", source="b")
    assert index.check(original) is None
    dup = index.check(copy)
    assert dup is not None and dup.original_id == original.id and dup.original_source == "a"
    assert dup.similarity >= 0.7
    assert index.check(Doc(text=OTHER, source="c")) is None


@pytest.mark.parametrize("workers", ["1", "2"])
def test_copies_are_stored_as_links_and_not_analysed(cli, tmp_path, workers):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_original.txt").write_text("date 2021-07-09 By Priya Natarajan\n\n" + BODY)
    (folder / "b_copy.txt").write_text("date 2021-07-09 This story first appeared in the "
                                       "Riverton Ledger.\n\n" + BODY)
    (folder / "c_other.txt").write_text("date 2021-07-10 " + OTHER)
    db = tmp_path / "d.duckdb"
    res = cli("analyze", folder, "--db", db, "--workers", workers, "--json")
    assert res.code == 0, res.err
    assert [json.loads(x)["source"].rsplit("/", 1)[1] for x in res.out.splitlines()] == [
        "a_original.txt", "c_other.txt"]
    con = duckdb.connect(str(db), read_only=True)
    articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    sources = con.execute("SELECT count(*) FROM sources").fetchone()[0]
    dup = con.execute("SELECT d.source, a.source FROM duplicates d JOIN articles a "
                      "ON a.id = d.original_id").fetchall()
    posts = con.execute("SELECT count(*) FROM posts").fetchone()[0]
    run = con.execute("SELECT inputs, articles, duplicates, errors FROM runs").fetchone()
    con.close()
    assert articles == 2 and sources == 3 and posts == 1
    assert [(s.rsplit("/", 1)[1], o.rsplit("/", 1)[1]) for s, o in dup] == [
        ("b_copy.txt", "a_original.txt")]
    assert run == (3, 2, 1, 0)


def test_ledger_accounts_for_every_input_without_a_database(cli, tmp_path):
    """``--ledger``: with ``--no-store --json`` a near-copy and a failed record get no
    article object; the ledger says what became of each input, in input order."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_original.txt").write_text("By Priya Natarajan\n\n" + BODY)
    (folder / "b_copy.txt").write_text("Syndicated from the Riverton Ledger.\n\n" + BODY)
    (folder / "c.jsonl").write_text(json.dumps({"text": OTHER}) + "\n{oops\n")
    ledger = tmp_path / "ledger.jsonl"
    res = cli("analyze", folder, "--no-store", "--json", "--ledger", ledger)
    assert res.code == 2
    docs = [json.loads(x) for x in res.out.splitlines()]
    rows = [json.loads(x) for x in ledger.read_text("utf-8").splitlines()]
    names = [r["source"].rsplit("/", 1)[1] for r in rows]
    assert names == ["a_original.txt", "b_copy.txt", "c.jsonl:1", "c.jsonl:2"]
    assert [r["status"] for r in rows] == ["article", "near_copy", "article", "error"]
    assert [r["id"] for r in rows if r["status"] == "article"] == [d["id"] for d in docs]
    assert rows[1]["original_id"] == docs[0]["id"] and rows[1]["similarity"] >= 0.7
    assert rows[1]["original_source"] == docs[0]["source"]
    assert rows[3]["code"] == "E306" and "JSON" in rows[3]["reason"]
    assert "near-copies" in res.err  # the summary counts them: inputs add up


def test_copy_of_an_article_from_an_earlier_run(cli, tmp_path):
    first, second = tmp_path / "day1", tmp_path / "day2"
    first.mkdir()
    second.mkdir()
    (first / "original.txt").write_text("By Priya Natarajan\n\n" + BODY)
    (second / "copy.txt").write_text("Syndicated from the Riverton Ledger.\n\n" + BODY)
    db = tmp_path / "d.duckdb"
    assert cli("analyze", first, "--db", db).code == 0
    assert cli("analyze", second, "--db", db).code == 0
    con = duckdb.connect(str(db), read_only=True)
    n_articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    (original,) = con.execute("SELECT original_source FROM duplicates").fetchone()
    con.close()
    assert n_articles == 1 and original.endswith("original.txt")


def test_an_input_is_not_a_copy_of_its_own_earlier_reading():
    index = NearDuplicateIndex(0.7)
    assert index.check(Doc(text=BODY, source="a.txt")) is None
    edited = Doc(text=BODY.replace("Thursday night", "Thursday evening"), source="a.txt")
    assert index.check(edited) is None
    dup = index.check(Doc(text="Copy. " + BODY, source="b.txt"))
    assert dup is not None and dup.original_source == "a.txt"


def test_an_edited_input_replaces_its_earlier_reading(cli, tmp_path):
    edited, twin = tmp_path / "edited.txt", tmp_path / "twin.txt"
    edited.write_text("By Priya Natarajan\n\n" + BODY)
    twin.write_text("By Priya Natarajan\n\n" + BODY)  # the same text: one article, two inputs
    db = tmp_path / "d.duckdb"
    assert cli("analyze", edited, twin, "--db", db).code == 0
    edited.write_text("By Priya Natarajan\n\n" + BODY.replace(
        "Not one working pontoon.", "Still not one working pontoon."))
    assert cli("analyze", edited, "--db", db).code == 0
    con = duckdb.connect(str(db), read_only=True)
    rows = dict(con.execute("SELECT s.source, a.text FROM sources s JOIN articles a "
                            "ON a.id = s.article_id").fetchall())
    counts = con.execute("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM "
                         "duplicates), (SELECT count(*) FROM posts), (SELECT count(*) FROM "
                         "signatures)").fetchone()
    con.close()
    assert "Still not one working pontoon" in rows[str(edited)]
    assert "Still not" not in rows[str(twin)]  # the twin keeps the first reading
    assert counts == (2, 0, 2, 2)
    edited.write_text("By Priya Natarajan\n\n" + BODY.replace("Thursday", "Friday"))
    twin.unlink()
    assert cli("analyze", edited, "--db", db).code == 0
    con = duckdb.connect(str(db), read_only=True)
    texts = [t for (t,) in con.execute("SELECT text FROM articles").fetchall()]
    orphans = con.execute("SELECT count(*) FROM posts WHERE article_id NOT IN "
                          "(SELECT id FROM articles)").fetchone()[0]
    con.close()
    # The second reading had no other input: it is gone with its rows.
    assert len(texts) == 2 and sum("Still not" in t for t in texts) == 0 and orphans == 0


def test_window_bounds_the_index():
    index = NearDuplicateIndex(0.7, window=2)
    docs = [Doc(text=BODY, source="0")] + [
        Doc(text=" ".join(f"word{i}x{k}" for k in range(80)), source=str(i)) for i in (1, 2, 3)]
    for d in docs:
        index.check(d)
    assert len(index.signatures) == 2
    # The first article has left the window: its copy is no longer recognised.
    assert index.check(Doc(text="Copy. " + BODY, source="late")) is None
