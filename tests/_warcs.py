"""Web archive records written by hand for the tests (the WARC/1.0 format, no library)."""

from __future__ import annotations

import hashlib


def http_response(body: bytes, ctype: str = "text/html; charset=utf-8",
                  status: str = "200 OK") -> bytes:
    """An HTTP response as a WARC ``response`` record holds it."""
    return (f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {len(body)}\r\n\r\n"
            ).encode() + body


def warc_record(block: bytes, *, kind: str = "response", uri: str = "https://ex.example/",
                date: str = "2021-07-01T10:00:00Z",
                ctype: str = "application/http; msgtype=response",
                length: int | None = None) -> bytes:
    """One WARC record around ``block`` (its Content-Length says ``length`` when given:
    a record that claims more than it holds)."""
    rid = hashlib.sha1(kind.encode() + uri.encode() + block).hexdigest()
    head = (f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: {date}\r\n"
            f"WARC-Record-ID: <urn:uuid:{rid[:32]}>\r\nContent-Type: {ctype}\r\n"
            f"Content-Length: {len(block) if length is None else length}\r\n\r\n")
    return head.encode() + block + b"\r\n\r\n"


def html_page_record(text: str, i: int = 0) -> bytes:
    """A response record of a small HTML page whose article is ``text``."""
    body = (f"<html><head><title>Story {i}</title></head><body><article><p>{text}</p>"
            f"</article></body></html>").encode("utf-8", "surrogatepass")
    return warc_record(http_response(body, "text/html"), uri=f"https://ex.example/{i}",
                       date=f"2021-07-0{i % 9 + 1}T10:00:00Z")
