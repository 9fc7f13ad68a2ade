"""Web archives (WARC, plain or gzip): HTML responses become inputs for the HTML path.

Each HTML ``response`` record is one input, named ``PATH@OFFSET``, carrying the record's
target URI and fetch date. Other records (requests, metadata, images, redirects, errors)
are skipped and counted.

Damage is reported where it is: fastwarc stops quietly at a truncated or broken record, so
after it stops this reader works out where the last whole record ended; anything but
blank bytes after that point is one error record named by the damaged record's offset.
The good records before it are kept and never blamed.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from ..doc import ErrorRecord
from ..errors import TOO_LARGE, UNDECODABLE

_CONTENT_LENGTH = re.compile(rb"\r?\ncontent-length:[ \t]*(\d+)", re.I)
_HEADER_MAX = 1 << 20


def iter_warc(path: Path, max_bytes: int, stats: Any, max_expanded: int | None = None
              ) -> Iterator[Any]:
    """Yield ``RawInput`` (kind html) or ``ErrorRecord`` for every HTML response in ``path``.

    A compressed archive whose records claim more than ``max_expanded`` bytes in all is
    stopped there as a likely decompression bomb: even skipping such a record would mean
    inflating all of it."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    from . import RawInput

    with open(path, "rb") as fh:
        gz = fh.read(2) == b"\x1f\x8b"
        fh.seek(0)
        bound = max_expanded if gz else None
        claimed = 0
        records = ArchiveIterator(fh, parse_http=True)
        last: int | None = None  # offset of the last record fastwarc gave
        last_skipped = False
        try:
            for rec in records:
                pos = rec.stream_pos
                source = f"{path}@{pos}"
                claimed += rec.content_length
                if bound is not None and claimed > bound:
                    yield ErrorRecord(source, TOO_LARGE, f"the archive's records claim more "
                                      f"than {bound:,} bytes (input.max_expansion times its "
                                      f"size): stopped as a likely decompression bomb")
                    return
                if rec.record_type != WarcRecordType.response or not rec.is_http:
                    stats.skipped_records += 1
                    last, last_skipped = pos, True
                    continue
                status = rec.http_headers.status_code if rec.http_headers else None
                if status != 200 or "html" not in (rec.http_content_type or ""):
                    stats.skipped_records += 1
                    last, last_skipped = pos, True
                    continue
                if rec.content_length > max_bytes:
                    yield ErrorRecord(source, TOO_LARGE, f"{rec.content_length} bytes is over "
                                      f"the limit of {max_bytes} bytes")
                    last, last_skipped = pos, False
                    continue
                body = rec.reader.read()
                if len(body) < rec.content_length:
                    yield ErrorRecord(source, UNDECODABLE, f"truncated WARC record: "
                                      f"{len(body)} of {rec.content_length} bytes")
                    return
                meta = {"url": rec.headers.get("WARC-Target-URI")}
                if rec.record_date is not None:
                    meta["fetched"] = rec.record_date.date().isoformat()
                last, last_skipped = pos, False
                yield RawInput(source, "html", body, meta)
        except Exception as exc:  # noqa: BLE001 - fastwarc raises plain errors on damage
            failure: str | None = f"damaged WARC record: {exc}"
        else:
            failure = None
    with open(path, "rb") as raw:
        at, whole = _record_end(raw, last, gz)
        if not whole and last_skipped:
            # The last record fastwarc gave is itself cut short: it is the damaged one.
            stats.skipped_records -= 1
            yield ErrorRecord(f"{path}@{last}", UNDECODABLE,
                              "truncated WARC record: the archive breaks off inside it")
            return
        raw.seek(at)
        tail = raw.read(4096)
    if failure or (whole and tail.strip(b"\r\n\t ")):
        yield ErrorRecord(f"{path}@{at}", UNDECODABLE, failure or
                          "truncated or damaged WARC record: the archive breaks off here")


def _record_end(fh: BinaryIO, start: int | None, gz: bool) -> tuple[int, bool]:
    """Offset just past the record at ``start`` (0 when there is none), and whether that
    record is whole (False: it breaks off before its end; the offset is then the file's
    end)."""
    if start is None:
        return 0, True
    fh.seek(0, 2)
    size = fh.tell()
    fh.seek(start)
    if gz:  # one gzip member per record: its compressed length
        inflater = zlib.decompressobj(31)
        used = 0
        while not inflater.eof:
            chunk = fh.read(1 << 16)
            if not chunk:
                return size, False
            try:
                inflater.decompress(chunk, 1 << 16)
                while inflater.unconsumed_tail and not inflater.eof:
                    inflater.decompress(inflater.unconsumed_tail, 1 << 16)
            except zlib.error:
                return size, False
            used += len(chunk)
        return start + used - len(inflater.unused_data), True
    head = fh.read(_HEADER_MAX)
    split = head.find(b"\r\n\r\n")
    m = _CONTENT_LENGTH.search(head[:split]) if split >= 0 else None
    if m is None:
        return size, False
    end = start + split + 4 + int(m.group(1))
    if end > size:
        return size, False
    fh.seek(end)
    trailer = fh.read(4)
    return end + len(trailer) - len(trailer.lstrip(b"\r\n")), True
