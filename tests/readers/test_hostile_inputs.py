"""Hostile inputs to the readers: every one accounted for (stored or an error record with its
reason), never an exception that stops the walk, never a record blamed for another's damage."""

from __future__ import annotations

import gzip
import json
import os
import stat

import pytest

from _warcs import html_page_record, warc_record
from echoscope import load_settings
from echoscope.doc import Doc, ErrorRecord
from echoscope.readers import InputStats, RawInput, iter_inputs, read
from echoscope.readers._decode import decode_bytes, scrub
from echoscope.runners.analyze import analyze, analyze_text
from echoscope.store import Store

STORY = "The ferry timetable changes on Monday, the harbour office said in a short notice."


def results(path, **overrides):
    return list(read([str(path)], load_settings(overrides=overrides or None)))


def codes(items):
    return [(type(r).__name__, getattr(r, "code", None)) for r in items]


def test_json_nested_too_deeply_or_with_a_huge_number_is_one_bad_record(write):
    path = write("corpus.jsonl", "\n".join([
        json.dumps({"content": STORY}),
        "[" * 5000 + "]" * 5000,
        '{"content": "x", "n": ' + "9" * 5000 + "}",
        json.dumps({"content": STORY + " Again."}),
    ]) + "\n")
    out = results(path)
    assert codes(out) == [("Doc", None), ("ErrorRecord", "E306"), ("ErrorRecord", "E306"),
                          ("Doc", None)]
    assert "nested too deeply" in out[1].reason and out[2].source.endswith(":3")


@pytest.mark.parametrize("name,content", [
    ("empty.jsonl", b""), ("blank.jsonl", b"\n\n  \n"), ("header.csv", b"title,content\n"),
    ("empty.csv", b""), ("empty.warc", b""), ("empty.jsonl.gz", gzip.compress(b"", mtime=0)),
])
def test_a_container_with_no_record_leaves_an_error(write, name, content):
    out = results(write(name, content))
    assert codes(out) == [("ErrorRecord", "E305")] and out[0].source.endswith(name)


def test_folder_oddities_are_error_records_and_the_walk_goes_on(tmp_path, write):
    write("in/a.txt", STORY)
    write("in/sub/b.txt", STORY + " More.")
    os.symlink("loop", tmp_path / "in/loop")
    os.symlink("nowhere.txt", tmp_path / "in/broken.txt")
    os.symlink("..", tmp_path / "in/sub/up")  # back to a folder being read
    os.mkfifo(tmp_path / "in/pipe.txt")  # reading it would block the walk forever
    out = results(tmp_path / "in")
    by_source = {os.path.relpath(r.source, tmp_path / "in"): r for r in out}
    assert isinstance(by_source["a.txt"], Doc) and isinstance(by_source["sub/b.txt"], Doc)
    assert by_source["loop"].reason == "a symbolic link loop"
    assert by_source["broken.txt"].reason.startswith("broken symbolic link")
    assert "already read" in by_source["sub/up"].reason
    assert "named pipe" in by_source["pipe.txt"].reason
    assert len(out) == 6


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any folder")
def test_an_unreadable_folder_is_an_error_record(tmp_path, write):
    write("in/a.txt", STORY)
    (tmp_path / "in/locked").mkdir()
    (tmp_path / "in/locked").chmod(0)
    try:
        out = results(tmp_path / "in")
    finally:
        (tmp_path / "in/locked").chmod(stat.S_IRWXU)
    assert codes(out) == [("Doc", None), ("ErrorRecord", "E301")]


def test_a_named_pipe_given_by_name_is_read_as_a_stream(tmp_path):
    import threading

    fifo = tmp_path / "feed.jsonl"
    os.mkfifo(fifo)

    def feed() -> None:
        with open(fifo, "w", encoding="utf-8") as fh:
            fh.write(json.dumps({"content": STORY}) + "\n")

    writer = threading.Thread(target=feed)
    writer.start()
    out = results(fifo)
    writer.join(10)
    assert codes(out) == [("Doc", None)]


def test_nul_and_lone_surrogates_are_repaired_not_fatal(write):
    path = write("odd.jsonl", json.dumps({"content": STORY + " \u0000 " + "x" * 5000}) + "\n"
                 + '{"content": "' + STORY + ' \\ud800 tail"}\n')
    out = results(path)
    assert codes(out) == [("Doc", None), ("Doc", None)]
    assert "\x00" not in out[0].text and "\ufffd tail" in out[1].text
    out[1].text.encode("utf-8")  # storable anywhere
    # NUL after the first 4 KB of a text file (the binary sniffing looks at the start).
    assert "\x00" not in decode_bytes(STORY.encode() * 60 + b"\x00 end")
    assert scrub("a\ud800b\x00c\x07d\te") == "a\ufffdbcd\te"


def test_lone_surrogate_through_analyze_text(settings):
    doc = analyze_text(STORY + " \ud800 — A Reader (@areader) May 1, 2020",
                       load_settings(overrides={"analysis.profile": "fast"}))
    assert "\ufffd" in doc.text and len(doc.posts) == 1


def test_a_forged_embed_marker_in_prose_stays_text():
    page = ("<article><p>" + STORY + " ECHOSCOPEEMBED0X and ECHOSCOPE0000000000000000E0X.</p>"
            '<blockquote class="twitter-tweet"><p>The real post.</p>&mdash; A Reader '
            '(@areader) <a href="https://twitter.com/areader/status/1">May 1, 2020</a>'
            "</blockquote><p>The closing paragraph of the story follows here.</p></article>")
    doc = analyze_text(page, load_settings(overrides={"analysis.profile": "fast"}), html=True)
    assert "ECHOSCOPEEMBED0X and ECHOSCOPE0000000000000000E0X" in doc.text
    (post,) = doc.posts
    assert doc.text[post.start:post.end].startswith("The real post.")
    assert doc.text.index("The real post.") > doc.text.index("ECHOSCOPEEMBED0X")


def test_absurdly_nested_json_ld_loses_the_metadata_not_the_page(write):
    ld = "[" * 50_000 + "]" * 50_000
    page = (f'<html><head><script type="application/ld+json">{ld}</script></head>'
            f"<body><article><p>{STORY}</p></article></body></html>")
    (doc,) = results(write("page.html", page))
    assert isinstance(doc, Doc) and "ferry timetable" in doc.text


@pytest.mark.timeout(60)
@pytest.mark.parametrize("name", ["bomb.jsonl.gz", "bomb.csv.gz"])
def test_decompression_bombs_stop_at_their_bound(write, name):
    head = (json.dumps({"content": STORY}) + "\n" if "jsonl" in name
            else f"title,content\nA,\"{STORY}\"\n").encode()
    body = gzip.compress(head + b"\n" * 200_000_000, compresslevel=9)  # ~200 KB on disk
    out = results(write(name, body), **{"input.max_bytes": 100_000})
    assert codes(out) == [("Doc", None), ("ErrorRecord", "E302")]
    assert "decompression bomb" in out[-1].reason


@pytest.mark.timeout(60)
def test_one_huge_csv_line_is_skipped_in_pieces(write):
    rows = f"title,content\nA,\"{STORY}\"\nB,{'y' * 3_000_000}\nC,\"{STORY} Later.\"\n"
    out = results(write("long.csv", rows), **{"input.max_bytes": 100_000})
    assert codes(out) == [("Doc", None), ("ErrorRecord", "E302"), ("Doc", None)]


# --- web archives cut at every offset -----------------------------------------------------

@pytest.mark.timeout(120)
@pytest.mark.parametrize("compressed", [False, True])
def test_warc_cut_at_every_offset_blames_only_the_damaged_record(tmp_path, compressed):
    records = [html_page_record(f"{STORY} Story number {i}.", i) for i in (1, 2)]
    if compressed:
        records = [gzip.compress(r) for r in records]
    data = b"".join(records)
    starts = [0, len(records[0])]
    path = tmp_path / ("cut.warc.gz" if compressed else "cut.warc")
    settings = load_settings()
    for cut in range(1, len(data)):
        path.write_bytes(data[:cut])
        out = list(iter_inputs([str(path)], settings, InputStats()))
        raws = [r for r in out if isinstance(r, RawInput)]
        errors = [r for r in out if isinstance(r, ErrorRecord)]
        # Every record with a byte in the file is accounted for, once: read whole, or one
        # error at its own offset (never at an earlier, good record's).
        assert len(raws) + len(errors) == sum(start < cut for start in starts), (cut, out)
        assert len(errors) <= 1, (cut, errors)
        if errors:
            assert errors[0].source == f"{path}@{starts[len(raws)]}", (cut, errors)


def test_accounting_holds_for_a_folder_of_hostile_files(tmp_path, write):
    write("in/ok.txt", STORY)
    write("in/deep.jsonl", "[" * 3000 + "]" * 3000 + "\n" + json.dumps({"content": STORY}) + "\n")
    write("in/empty.csv", b"")
    write("in/nul.jsonl", json.dumps({"content": STORY + "\u0000"}) + "\n")
    os.symlink("loop", tmp_path / "in/loop")
    os.mkfifo(tmp_path / "in/pipe.html")
    store = Store(str(tmp_path / "x.duckdb"))
    try:
        summary = analyze([str(tmp_path / "in")],
                          load_settings(overrides={"analysis.profile": "fast"}), store=store)
        stored = store.con.execute("SELECT count(*) FROM sources").fetchone()[0]
        failed = store.con.execute("SELECT count(*) FROM errors").fetchone()[0]
    finally:
        store.close()
    assert summary.inputs == summary.articles + summary.duplicates + summary.error_count == 7
    assert stored == summary.articles == 3 and failed == summary.error_count == 4


@pytest.mark.timeout(180)
def test_a_hundred_thousand_embeds_are_read_or_refused_in_bounded_time(tmp_path, write):
    text = "".join(f"Post {i}. — A (@a{i}) May 1, 2020\n\n"
                   for i in range(100_000))  # 10^5 signatures, just under 5 MB
    path = write("embeds.txt", text)
    assert path.stat().st_size < 5_000_000
    # The full profile refuses a text this long before any analyzer runs (E402)...
    store = Store(str(tmp_path / "x.duckdb"))
    try:
        summary = analyze([str(path)], load_settings(), store=store)
    finally:
        store.close()
    assert summary.inputs == 1 and [e.code for e in summary.errors] == ["E402"]
    # ...and reading them all, with the limit raised, is linear.
    settings = load_settings(overrides={"analysis.max_chars": 10_000_000,
                                        "analysis.profile": "fast"})
    from echoscope.pipeline import build_pipeline
    from echoscope.runners.local import process_input

    doc = process_input(RawInput("embeds", "text", path.read_bytes()), settings,
                        build_pipeline(settings, ["posts"]))
    assert isinstance(doc, Doc) and len(doc.posts) == 100_000


def test_a_warc_bomb_stops_before_inflating(write):
    good = gzip.compress(html_page_record(STORY, 1))
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
    bomb = gzip.compress(warc_record(http + b"\0" * 1_000_000,  # holds 1 MB,
                                     length=50_000_000_000))  # claims 50 GB
    out = results(write("bomb.warc.gz", good + bomb), **{"input.max_bytes": 100_000})
    assert codes(out) == [("Doc", None), ("ErrorRecord", "E302")]
    assert "decompression bomb" in out[-1].reason
