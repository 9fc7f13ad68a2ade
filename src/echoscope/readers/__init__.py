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
import errno
import glob
import gzip
import io
import json
import os
import re
import stat
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from typing import Any, BinaryIO

from ..config import Settings
from ..doc import Doc, ErrorRecord
from ..errors import (
    BAD_RECORD,
    EMPTY,
    NOT_FOUND,
    READ_FAILED,
    TOO_LARGE,
    UNDECODABLE,
    UNSUPPORTED,
    InputError,
)
from ._decode import decode_bytes
from .fetch import fetch_all, is_url
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
    # Runs of links are fetched a few at a time (fetch.concurrency), in input order; a
    # link a resumed run already accounts for is not fetched again.
    for is_link, group in groupby(paths, key=lambda a: isinstance(a, str) and is_url(a)):
        if not is_link:
            yield from _walk_paths(group, settings, stats)
            continue
        todo = []
        for url in group:
            assert isinstance(url, str)
            if url in stats.done:
                stats.skipped_done += 1
            else:
                todo.append(url)
        yield from fetch_all(todo, settings)


def _walk_paths(
    paths: Iterable[str | RawInput], settings: Settings, stats: InputStats
) -> Iterator[RawInput | ErrorRecord]:
    forced = settings.data["input"]["format"]
    for arg in paths:
        if isinstance(arg, RawInput):
            yield arg
            continue
        if arg == "-":
            if sys.stdin is None or sys.stdin.closed:
                yield ErrorRecord("<stdin>", NOT_FOUND, "standard input is closed")
            else:
                yield from _guarded_file("<stdin>", _from_stream(sys.stdin.buffer, "<stdin>",
                                                                 forced, settings))
            continue
        p = Path(arg)
        try:
            mode = p.stat().st_mode
        except OSError as exc:
            mode = None
            missing = exc
        if mode is not None and stat.S_ISDIR(mode):
            for file in _walk(p, stats, {}):
                if isinstance(file, ErrorRecord):
                    yield file
                    continue
                kind = _kind_by_extension(str(file), settings)
                if kind is None:
                    _skip(stats, str(file))
                    continue
                yield from _from_file(file, kind if forced == "auto" else forced, settings, stats)
        elif mode is not None and stat.S_ISREG(mode):
            kind = forced if forced != "auto" else _kind_by_extension(arg, settings)
            yield from _from_file(p, kind, settings, stats)
        elif mode is not None and stat.S_ISFIFO(mode):
            # A pipe named on the command line (``<(zcat corpus.jsonl.gz)``): read it as a
            # stream, like stdin.
            kind = forced if forced != "auto" else _kind_by_extension(arg, settings)
            yield from _guarded_file(arg, _pipe(p, kind or "auto", settings))
        elif mode is not None:
            yield ErrorRecord(arg, UNSUPPORTED, f"not a regular file ({_file_type(mode)})")
        elif _GLOB_CHARS & set(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                yield ErrorRecord(arg, NOT_FOUND, "no file matches this pattern")
            for m in matches:
                if Path(m).is_file():
                    kind = forced if forced != "auto" else _kind_by_extension(m, settings)
                    yield from _from_file(Path(m), kind, settings, stats)
                elif not Path(m).is_dir():
                    yield ErrorRecord(m, UNSUPPORTED, "not a regular file")
        elif p.is_symlink():
            yield ErrorRecord(arg, NOT_FOUND, "a symbolic link loop" if missing.errno == errno.ELOOP
                              else f"broken symbolic link: {missing.strerror}")
        else:
            yield ErrorRecord(arg, NOT_FOUND, "no such file or directory")


def _skip(stats: InputStats, name: str) -> None:
    stats.skipped_files += 1
    if len(stats.skipped_examples) < 5:
        stats.skipped_examples.append(name)


def _file_type(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISDIR, "a folder")):
        if test(mode):
            return name
    return "not a file"


def _walk(root: Path, stats: InputStats, seen: dict[tuple[int, int], str]
          ) -> Iterator[Path | ErrorRecord]:
    """Files under ``root`` in path order (like ``find -L | sort``), hidden ones skipped.
    Links to folders are followed once: a folder reached again (a link loop, or two links
    to one folder) is an error record naming where it was read, as is a folder that
    cannot be listed, a broken link, or anything that is not a regular file (a pipe would
    block the walk; a device is not a document)."""
    try:
        st = root.stat()
        key = (st.st_dev, st.st_ino)
        if key in seen:
            yield ErrorRecord(str(root), UNSUPPORTED, f"a link to a folder already read "
                              f"({seen[key]}): not read twice")
            return
        seen[key] = str(root)
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as exc:
        yield ErrorRecord(str(root), NOT_FOUND, f"cannot read this folder: "
                          f"{exc.strerror or exc}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            mode = os.stat(entry.path).st_mode
        except OSError as exc:
            what = ("a symbolic link loop" if exc.errno == errno.ELOOP else
                    f"broken symbolic link: {exc.strerror}" if entry.is_symlink() else
                    f"cannot read: {exc.strerror or exc}")
            yield ErrorRecord(entry.path, NOT_FOUND, what)
            continue
        if stat.S_ISDIR(mode):
            yield from _walk(Path(entry.path), stats, seen)
        elif stat.S_ISREG(mode):
            yield Path(entry.path)
        else:
            yield ErrorRecord(entry.path, UNSUPPORTED, f"not a regular file ({_file_type(mode)})")


def _guarded_file(source: str, items: Iterator[RawInput | ErrorRecord]
                  ) -> Iterator[RawInput | ErrorRecord]:
    """The inputs of one file, accounted for whatever happens: an unexpected failure while
    reading becomes one error record after the inputs read so far, and a container that
    holds no record at all (an empty or header-only corpus, an archive without HTML pages)
    becomes one E305 error record, so every file leaves a trace."""
    count = 0
    try:
        for item in items:
            count += 1
            yield item
    except _TooMuch as exc:
        yield ErrorRecord(source, TOO_LARGE, str(exc))
        return
    except Exception as exc:  # noqa: BLE001 - one file's damage must never stop the walk
        yield ErrorRecord(source, READ_FAILED,
                          f"reading stopped after {count} records: {type(exc).__name__}: {exc}")
        return
    if count == 0:
        yield ErrorRecord(source, EMPTY, "no records in this file")


class _TooMuch(Exception):
    """A compressed input expands beyond its bound (a decompression bomb)."""


class _Bounded(io.RawIOBase):
    """A readable stream that stops with :class:`_TooMuch` past ``limit`` bytes."""

    def __init__(self, inner: Any, limit: int, why: str) -> None:
        self._inner = inner
        self._left = limit
        self._why = why

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        data = self._inner.read(min(len(b), self._left + 1))
        self._left -= len(data)
        if self._left < 0:
            raise _TooMuch(self._why)
        b[: len(data)] = data
        return len(data)


def _pipe(path: Path, kind: str, settings: Settings) -> Iterator[RawInput | ErrorRecord]:
    with open(path, "rb") as fh:
        yield from _from_stream(fh, str(path), kind, settings)


def _from_file(path: Path, kind: str | None, settings: Settings,
               stats: InputStats) -> Iterator[RawInput | ErrorRecord]:
    source = str(path)
    limit = settings.max_bytes
    if source in stats.done and kind in ("text", "html"):
        stats.skipped_done += 1  # a resumed run: done before, not even read
        return
    if kind == "warc":
        from .warc import iter_warc

        size = path.stat().st_size if path.exists() else 0
        yield from _guarded_file(source, iter_warc(path, limit, stats,
                                                   expansion_bound(size, settings)))
        return
    if kind in (None, "jsonl", "csv"):
        # Corpora stream record by record; a file of unknown kind is sniffed.
        yield from _guarded_file(source, _corpus(path, kind or "auto", settings))
        return
    try:
        size = path.stat().st_size
        if size > limit:
            yield ErrorRecord(source, TOO_LARGE, f"{size} bytes is over the limit of {limit} bytes")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield ErrorRecord(source, NOT_FOUND, f"cannot read: {exc.strerror or exc}")
        return
    yield RawInput(source, kind, data)


def expansion_bound(compressed_size: int, settings: Settings) -> int:
    """The most bytes a compressed input of ``compressed_size`` may expand to: the
    ``input.max_expansion`` ratio, and never less than 20 x ``input.max_bytes``."""
    return max(settings.data["input"]["max_expansion"] * compressed_size,
               20 * settings.max_bytes)


def _corpus(path: Path, kind: str, settings: Settings) -> Iterator[RawInput | ErrorRecord]:
    source = str(path)
    try:
        fh: Any = open(path, "rb")  # noqa: SIM115 - closed by the with below
    except OSError as exc:
        yield ErrorRecord(source, NOT_FOUND, f"cannot read: {exc.strerror or exc}")
        return
    with fh:
        if fh.read(2) == b"\x1f\x8b":
            fh.seek(0)
            # A decompression bomb is stopped where it expands past its bound.
            bound = expansion_bound(os.fstat(fh.fileno()).st_size, settings)
            why = (f"decompresses to more than {bound:,} bytes (input.max_expansion times "
                   f"its size, at least 20 x input.max_bytes): stopped as a likely "
                   f"decompression bomb")
            fh = io.BufferedReader(_Bounded(gzip.GzipFile(fileobj=fh, mode="rb"), bound, why),
                                   1 << 16)
        else:
            fh.seek(0)
        yield from _from_stream(fh, source, kind, settings)


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
    for lineno, raw in _numbered_lines(fh, limit):
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
        try:  # (without its line ending: an unterminated string is called that)
            record = json.loads(line.rstrip("\r\n"))
        except json.JSONDecodeError as exc:
            msg = exc.msg.removesuffix(" at")  # "Invalid control character at" + " at column"
            yield ErrorRecord(where, BAD_RECORD, f"invalid JSON: {msg} at column {exc.colno}")
            continue
        except RecursionError:
            yield ErrorRecord(where, BAD_RECORD, "invalid JSON: nested too deeply")
            continue
        except ValueError as exc:  # e.g. an integer of thousands of digits
            yield ErrorRecord(where, BAD_RECORD, f"invalid JSON: {exc}")
            continue
        yield RawInput(where, "record", record)


def _numbered_lines(fh: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """Non-empty lines of ``fh`` with their line numbers; an over-long line is None and is
    skipped without being kept. After an empty line, the run of empty lines that follows
    is skipped a buffer at a time, so a gigabyte of newlines costs what reading it costs."""
    lineno = 0
    peek = getattr(fh, "peek", None)
    while True:
        line = fh.readline(limit + 1)
        if not line:
            return
        lineno += 1
        if line == b"\n":
            while peek is not None:
                ahead = peek(1 << 16)[: 1 << 16]
                blank = len(ahead) - len(ahead.lstrip(b"\n"))
                if not blank:
                    break
                fh.read(blank)
                lineno += blank
            continue
        if len(line) > limit and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = fh.readline(1 << 20)
            yield lineno, None
            continue
        yield lineno, line


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
    lines = _TextLines(stream, limit)
    # (not strict: a field that goes on after its closing quotation mark — 'said ""we will
    # rebuild"" after the flood." Residents cheered.', a 55" screen — is read on as the
    # csv module joins it, its words kept, rather than lost as an error: a reviewer's)
    reader = csv.reader(lines, delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        return
    except (csv.Error, UnicodeDecodeError) as exc:
        yield ErrorRecord(source, BAD_RECORD, f"unreadable CSV header: {exc}")
        return
    except _LongLine:
        yield ErrorRecord(source, TOO_LARGE, f"CSV header longer than {limit} bytes")
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
        except _LongLine:
            row_no += 1
            yield ErrorRecord(f"{source}#{row_no}", TOO_LARGE,
                              f"row longer than the limit of {limit} bytes")
            continue
        row_no += 1
        where = f"{source}#{row_no}"
        if not row:  # an empty line, between records: pass the whole run of them at once
            row_no += lines.skip_blank()
            continue
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            yield ErrorRecord(
                where, BAD_RECORD, f"row has {len(row)} fields, the header has {len(header)}"
            )
            continue
        yield RawInput(where, "record", dict(zip(header, row, strict=True)))


class _LongLine(Exception):
    """A CSV line longer than the input limit (skipped without being kept)."""


class _TextLines:
    """Lines of a text stream for ``csv.reader``, none longer than ``limit`` characters: an
    over-long line is read past in pieces and raises :class:`_LongLine` once (the reader
    then goes on with the next line). :meth:`skip_blank` passes a run of empty lines a
    buffer at a time (only call it between records, never inside a quoted field)."""

    def __init__(self, stream: io.TextIOBase, limit: int) -> None:
        self._stream = stream
        self._limit = limit
        self._pending = ""  # read ahead by skip_blank

    def __iter__(self) -> _TextLines:
        return self

    def __next__(self) -> str:
        if self._pending:
            m = _EOL.search(self._pending)
            if m:
                line, self._pending = self._pending[:m.end()], self._pending[m.end():]
            else:
                line = self._pending + self._stream.readline(self._limit + 1)
                self._pending = ""
        else:
            line = self._stream.readline(self._limit + 1)
        if not line:
            raise StopIteration
        if len(line) > self._limit and not line.endswith(("\n", "\r")):
            while line and not line.endswith(("\n", "\r")):
                line = self._stream.readline(1 << 20)
            raise _LongLine
        return line

    def skip_blank(self) -> int:
        """Pass the empty lines ahead; returns how many there were."""
        count = 0
        while True:
            chunk = self._pending or self._stream.read(1 << 16)
            self._pending = ""
            if not chunk:
                return count
            rest = chunk.lstrip("\r\n")
            gone = chunk[: len(chunk) - len(rest)]
            count += gone.count("\n") + gone.count("\r") - gone.count("\r\n")
            if rest:
                self._pending = rest
                return count


_EOL = re.compile(r"\r\n|\r|\n")


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
    charset = raw.meta.get("charset")  # what the server said (a fetched link)
    if raw.kind == "html":
        doc = parse_html(decode_bytes(raw.data, html=True, charset=charset), raw.source,
                         url=raw.meta.get("url"))
        if not doc.text.strip():
            raise InputError("empty document: no main text in this page", code=EMPTY)
    elif raw.kind == "text":
        doc = parse_text(decode_bytes(raw.data, charset=charset), raw.source)
    else:
        raise InputError(f"unsupported input kind {raw.kind!r}", code=UNSUPPORTED)
    if raw.meta.get("fetched"):
        doc.meta["fetched"] = raw.meta["fetched"]
    if raw.meta.get("fetch"):
        # A fetched link: what the server said, and the page as served, kept with the
        # article (the store's pages table).
        doc.meta["fetch"] = raw.meta["fetch"]
        doc.page = raw.data
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
