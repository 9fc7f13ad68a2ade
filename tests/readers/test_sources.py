"""Paths, folders, globs, stdin, size limits, unknown files."""

from __future__ import annotations

import json
import subprocess
import sys

from echoscope import load_settings
from echoscope.doc import Doc, ErrorRecord
from echoscope.errors import BINARY, NOT_FOUND, TOO_LARGE, UNDECODABLE
from echoscope.readers import InputStats, read

ARTICLE = "The council voted on Monday to close the Eastside branch of the public library."


def sources(paths, **overrides):
    stats = InputStats()
    results = list(read([str(p) for p in paths], load_settings(overrides=overrides), stats))
    return results, stats


def test_folder_is_recursive_sorted_and_skips_other_extensions(tmp_path, write):
    write("b.txt", ARTICLE + " B")
    write("a/c.html", f"<html><body><p>{ARTICLE} C</p></body></html>")
    write("a/d.md", ARTICLE + " D")
    write("notes.docx", b"PK\x03\x04junk")
    write(".hidden.txt", ARTICLE)
    results, stats = sources([tmp_path])
    assert [r.source.removeprefix(str(tmp_path) + "/") for r in results] == [
        "a/c.html", "a/d.md", "b.txt"]
    assert stats.skipped_files == 1


def test_glob_and_missing_paths(tmp_path, write):
    write("x1.txt", ARTICLE + " 1")
    write("x2.txt", ARTICLE + " 2")
    results, _ = sources([tmp_path / "x*.txt", tmp_path / "missing.txt", tmp_path / "nope*.txt"])
    assert [type(r).__name__ for r in results] == ["Doc", "Doc", "ErrorRecord", "ErrorRecord"]
    assert {r.code for r in results[2:]} == {NOT_FOUND}


def test_explicit_file_with_unknown_extension_is_sniffed(write):
    html = write("page.php", f"<!DOCTYPE html><html><body><p>{ARTICLE}</p></body></html>")
    lines = [json.dumps({"content": ARTICLE}), json.dumps({"content": ARTICLE + " again"})]
    jsonl = write("dump.data", "\n".join(lines) + "\n")
    results, _ = sources([html, jsonl])
    assert [type(r).__name__ for r in results] == ["Doc"] * 3
    assert results[1].source.endswith("dump.data:1")


def test_size_limit_and_binary_and_undecodable(write):
    big = write("big.txt", "x" * 2000)
    binary = write("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(100))
    results, _ = sources([big, binary], **{"input.max_bytes": 1000})
    assert [(type(r).__name__, getattr(r, "code", None)) for r in results] == [
        ("ErrorRecord", TOO_LARGE), ("ErrorRecord", BINARY)]
    assert "PNG" in results[1].reason
    assert UNDECODABLE.startswith("E3")


def test_stdin(tmp_path):
    code = ("import sys, json; from echoscope import read, load_settings; "
            "print(json.dumps([getattr(d, 'source', None) for d in read(['-'], load_settings())]))")
    proc = subprocess.run([sys.executable, "-c", code], input=ARTICLE.encode(),
                          capture_output=True, check=True, cwd=tmp_path)
    assert proc.stdout.decode().strip() == '["<stdin>"]'


def test_doc_ids_are_content_hashes(write):
    a = write("a.txt", ARTICLE)
    b = write("b.txt", ARTICLE + "\n")
    (da, db), _ = sources([a, b])
    assert isinstance(da, Doc) and isinstance(db, Doc)
    assert da.id == db.id and len(da.id) == 16
    assert not isinstance(da, ErrorRecord)
