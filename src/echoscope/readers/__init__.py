"""Readers: paths, folders, globs and stdin in; Docs or per-record errors out.

Reading happens in two steps so that runners can parallelise the expensive one:

1. :func:`iter_inputs` walks the inputs and yields cheap :class:`RawInput` items (the
   bytes of one file, or one decoded corpus record) or :class:`ErrorRecord` for inputs
   that cannot even be read (missing, too large, malformed line). It never raises for a
   bad input.
2. :func:`to_doc` turns one RawInput into a :class:`Doc` (decoding, HTML extraction) and
   raises :class:`InputError` when it cannot.

:func:`read` chains both and yields Docs or ErrorRecords.
"""

from __future__ import annotations

import csv
import glob
import gzip
import io
import json
import os
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from ..config import Settings
from ..doc import Doc, ErrorRecord
from ..errors import (
    BAD_RECORD,
    EMPTY,
    NOT_FOUND,
    TOO_LARGE,
    UNDECODABLE,
    UNSUPPORTED,
    InputError,
)
from ._decode import decode_bytes
from .html import parse_html
from .records import parse_record
from .text import parse_text

__all__ = ["InputStats", "RawInput", "iter_inputs", "read", "to_doc"]

_GLOB_CHARS = set("*?[")


@dataclass(slots=True)
class RawInput:
    """One input before parsing: ``kind`` is ``text``, ``html`` or ``record``; ``meta``
    carries what the container knew (a WARC record's URL and fetch date)."""

    source: str
    kind: str
    data: bytes | dict[str, Any]
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class InputStats:
    """What the walk saw besides inputs: files skipped for their extension."""

    skipped_files: int = 0
    skipped_examples: list[str] = field(default_factory=list)
    skipped_records: int = 0  # WARC records that are not HTML responses
    done: set[str] = field(default_factory=set)  # sources to skip (--resume)
    skipped_done: int = 0


def _kind_by_extension(path: str, settings: Settings) -> str | None:
    name = path.lower()
    table = settings.data["input"]
    for kind in ("warc", "jsonl", "csv", "html", "text"):
        if any(name.endswith(ext) for ext in table[f"{kind}_extensions"]):
            return kind
    return None


def _sniff(head: bytes) -> str:
    s = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:512].lower()
    if s.startswith((b"<!doctype", b"<html", b"<?xml", b"<head", b"<body", b"<meta", b"<article")):
        return "html"
    if s.startswith(b"<") and (b"<p" in s or b"<div" in s):
        return "html"
    if s.startswith(b"{"):
        return "jsonl"
    return "text"


def iter_inputs(
    paths: Iterable[str | RawInput], settings: Settings, stats: InputStats | None = None
) -> Iterator[RawInput | ErrorRecord]:
    """Walk ``paths`` (files, folders recursively, globs, ``-`` for stdin) in a stable order;
    a :class:`RawInput` (a document already in memory) passes through as it is.

    Inputs whose source is in ``stats.done`` (a resumed run) are skipped and counted.
    """
    stats = stats if stats is not None else InputStats()
    for item in _walk_inputs(paths, settings, stats):
        if stats.done and item.source in stats.done:
            stats.skipped_done += 1
            continue
        yield item


def _walk_inputs(
    paths: Iterable[str | RawInput], settings: Settings, stats: InputStats
) -> Iterator[RawInput | ErrorRecord]:
    forced = settings.data["input"]["format"]
    for arg in paths:
        if isinstance(arg, RawInput):
            yield arg
            continue
        if arg == "-":
            yield from _from_stream(sys.stdin.buffer, "<stdin>", forced, settings)
            continue
        p = Path(arg)
        if p.is_dir():
            for file in _walk(p):
                kind = _kind_by_extension(str(file), settings)
                if kind is None:
                    stats.skipped_files += 1
                    if len(stats.skipped_examples) < 5:
                        stats.skipped_examples.append(str(file))
                    continue
                yield from _from_file(file, kind if forced == "auto" else forced, settings, stats)
        elif p.is_file():
            kind = forced if forced != "auto" else _kind_by_extension(arg, settings)
            yield from _from_file(p, kind, settings, stats)
        elif _GLOB_CHARS & set(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                yield ErrorRecord(arg, NOT_FOUND, "no file matches this pattern")
            for m in matches:
                if Path(m).is_file():
                    kind = forced if forced != "auto" else _kind_by_extension(m, settings)
                    yield from _from_file(Path(m), kind, settings, stats)
        else:
            yield ErrorRecord(arg, NOT_FOUND, "no such file or directory")


def _walk(root: Path) -> Iterator[Path]:
    """Files under ``root`` in path order (like ``find | sort``), hidden ones skipped."""
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(Path(entry.path))
        elif entry.is_file():
            yield Path(entry.path)


def _from_file(path: Path, kind: str | None, settings: Settings,
               stats: InputStats) -> Iterator[RawInput | ErrorRecord]:
    source = str(path)
    limit = settings.max_bytes
    if source in stats.done and kind in ("text", "html"):
        stats.skipped_done += 1  # a resumed run: done before, not even read
        return
    try:
        if kind == "warc":
            from .warc import iter_warc

            yield from iter_warc(path, limit, stats)
            return
        if kind in (None, "jsonl", "csv"):
            # Corpora stream record by record; a file of unknown kind is sniffed.
            opener: Any = gzip.open if source.lower().endswith(".gz") else open
            with opener(path, "rb") as fh:
                yield from _from_stream(fh, source, kind or "auto", settings)
            return
        size = path.stat().st_size
        if size > limit:
            yield ErrorRecord(source, TOO_LARGE, f"{size} bytes is over the limit of {limit} bytes")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield ErrorRecord(source, NOT_FOUND, f"cannot read: {exc.strerror or exc}")
        return
    yield RawInput(source, kind, data)


def _from_stream(
    fh: BinaryIO, source: str, kind: str, settings: Settings
) -> Iterator[RawInput | ErrorRecord]:
    """Inputs from an open binary stream (a corpus file or stdin)."""
    limit = settings.max_bytes
    if kind in ("auto", "text", "html"):
        data = fh.read(limit + 1)
        if len(data) > limit:
            yield ErrorRecord(source, TOO_LARGE, f"more than the limit of {limit} bytes")
            return
        kind = _sniff(data[:1024]) if kind == "auto" else kind
        if kind in ("text", "html"):
            yield RawInput(source, kind, data)
            return
        fh = io.BytesIO(data)
    try:
        if kind == "jsonl":
            yield from _jsonl(fh, source, limit)
        elif kind == "csv":
            yield from _csv(fh, source, limit)
        else:
            yield ErrorRecord(source, UNSUPPORTED, f"unsupported input format {kind!r}")
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        yield ErrorRecord(source, UNDECODABLE, f"truncated or corrupt compressed file: {exc}")


def _jsonl(fh: BinaryIO, source: str, limit: int) -> Iterator[RawInput | ErrorRecord]:
    for lineno, raw in enumerate(_bounded_lines(fh, limit), start=1):
        where = f"{source}:{lineno}"
        if raw is None:
            yield ErrorRecord(where, TOO_LARGE, f"record longer than the limit of {limit} bytes")
            continue
        if lineno == 1:
            raw = raw.removeprefix(b"\xef\xbb\xbf")
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            line = raw.decode("cp1252", errors="replace")
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ErrorRecord(where, BAD_RECORD, f"invalid JSON: {exc.msg} at column {exc.colno}")
            continue
        yield RawInput(where, "record", record)


def _bounded_lines(fh: BinaryIO, limit: int) -> Iterator[bytes | None]:
    """Lines of ``fh``; an over-long line yields None and is skipped without being kept."""
    while True:
        line = fh.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = fh.readline(1 << 20)
            yield None
            continue
        yield line


def _csv(fh: BinaryIO, source: str, limit: int) -> Iterator[RawInput | ErrorRecord]:
    head = fh.read(1 << 16)
    rest = fh
    try:
        head.decode("utf-8")
        encoding = "utf-8-sig"
    except UnicodeDecodeError as exc:
        # A cut multi-byte character at the end of the sample is still UTF-8.
        encoding = "utf-8-sig" if exc.start > len(head) - 4 else "cp1252"
    stream = io.TextIOWrapper(io.BufferedReader(_Chain(head, rest)), encoding=encoding,
                              newline="")
    delimiter = "\t" if source.lower().endswith((".tsv", ".tsv.gz")) else ","
    csv.field_size_limit(max(limit, 131072))
    reader = csv.reader(stream, delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        return
    except (csv.Error, UnicodeDecodeError) as exc:
        yield ErrorRecord(source, BAD_RECORD, f"unreadable CSV header: {exc}")
        return
    header = [h.strip() for h in header]
    row_no = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except UnicodeDecodeError as exc:
            yield ErrorRecord(f"{source}#{row_no + 1}", UNDECODABLE,
                              f"undecodable bytes from row {row_no + 1} on: {exc.reason}")
            return
        except csv.Error as exc:
            row_no += 1
            yield ErrorRecord(f"{source}#{row_no}", BAD_RECORD, f"malformed CSV row: {exc}")
            continue
        row_no += 1
        where = f"{source}#{row_no}"
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            yield ErrorRecord(
                where, BAD_RECORD, f"row has {len(row)} fields, the header has {len(header)}"
            )
            continue
        yield RawInput(where, "record", dict(zip(header, row, strict=True)))


class _Chain(io.RawIOBase):
    """A readable stream of ``head`` followed by the rest of ``tail``."""

    def __init__(self, head: bytes, tail: BinaryIO) -> None:
        self._head = memoryview(head)
        self._tail = tail

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        if self._head.nbytes:
            n = min(len(b), self._head.nbytes)
            b[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._tail.read(len(b))
        b[: len(data)] = data
        return len(data)


def to_doc(raw: RawInput, settings: Settings) -> Doc:
    """Parse one input into a Doc; raises :class:`InputError` when it cannot.

    What the container knew about the document (``raw.meta``: a WARC record's URL and
    fetch date; a title, date or URL given with pasted text) fills what the document
    itself does not say.
    """
    if raw.kind == "record":
        inp = settings.data["input"]
        if not isinstance(raw.data, dict):
            raise InputError(f"record is a {type(raw.data).__name__}, not an object",
                             code=BAD_RECORD)
        return parse_record(raw.data, raw.source, inp["fields"], inp["content_format"])
    if not isinstance(raw.data, bytes):
        raise InputError(f"input of kind {raw.kind!r} must be bytes", code=UNSUPPORTED)
    if raw.kind == "html":
        doc = parse_html(decode_bytes(raw.data, html=True), raw.source, url=raw.meta.get("url"))
        if raw.meta.get("fetched"):
            doc.meta["fetched"] = raw.meta["fetched"]
        if not doc.text.strip():
            raise InputError("empty document: no main text in this page", code=EMPTY)
    elif raw.kind == "text":
        doc = parse_text(decode_bytes(raw.data), raw.source)
    else:
        raise InputError(f"unsupported input kind {raw.kind!r}", code=UNSUPPORTED)
    doc.title = doc.title or raw.meta.get("title")
    doc.published = doc.published or raw.meta.get("published")
    doc.url = doc.url or raw.meta.get("url")
    return doc


def read(
    paths: Iterable[str], settings: Settings, stats: InputStats | None = None
) -> Iterator[Doc | ErrorRecord]:
    """Docs (or ErrorRecords) for every input in ``paths``, in input order."""
    for item in iter_inputs(paths, settings, stats):
        if isinstance(item, ErrorRecord):
            yield item
            continue
        try:
            yield to_doc(item, settings)
        except InputError as exc:
            yield ErrorRecord(item.source, exc.code, exc.reason)
