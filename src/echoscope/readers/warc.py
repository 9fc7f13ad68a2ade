"""Web archives (WARC, plain or gzip): HTML responses become inputs for the HTML path.

Each HTML ``response`` record is one input, named ``PATH@OFFSET``, carrying the record's
target URI and fetch date. Other records (requests, metadata, images, redirects, errors)
are skipped and counted. A truncated or corrupt archive gives the records before the
damage and then one error record.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..doc import ErrorRecord
from ..errors import TOO_LARGE, UNDECODABLE


def iter_warc(path: Path, max_bytes: int, stats: Any) -> Iterator[Any]:
    """Yield ``RawInput`` (kind html) or ``ErrorRecord`` for every HTML response in ``path``."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    from . import RawInput

    with open(path, "rb") as fh:
        records = ArchiveIterator(fh, parse_http=True)
        last = f"{path}@0"
        try:
            for rec in records:
                source = last = f"{path}@{rec.stream_pos}"
                if rec.record_type != WarcRecordType.response or not rec.is_http:
                    stats.skipped_records += 1
                    continue
                status = rec.http_headers.status_code if rec.http_headers else None
                if status != 200 or "html" not in (rec.http_content_type or ""):
                    stats.skipped_records += 1
                    continue
                if rec.content_length > max_bytes:
                    yield ErrorRecord(source, TOO_LARGE, f"{rec.content_length} bytes is over "
                                      f"the limit of {max_bytes} bytes")
                    continue
                body = rec.reader.read()
                if len(body) < rec.content_length:
                    yield ErrorRecord(source, UNDECODABLE, f"truncated WARC record: "
                                      f"{len(body)} of {rec.content_length} bytes")
                    return
                meta = {"url": rec.headers.get("WARC-Target-URI")}
                if rec.record_date is not None:
                    meta["fetched"] = rec.record_date.date().isoformat()
                yield RawInput(source, "html", body, meta)
        except Exception as exc:  # noqa: BLE001 - fastwarc raises plain errors on damage
            yield ErrorRecord(last, UNDECODABLE, f"corrupt WARC after this record: {exc}")
