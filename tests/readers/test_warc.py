"""Web archives: HTML responses in, everything else skipped and counted, damage reported."""

from __future__ import annotations

import gzip

import pytest

from _warcs import http_response, warc_record
from echoscope import load_settings
from echoscope.doc import Doc, ErrorRecord
from echoscope.readers import InputStats, read

PAGE = (
    "<html><head><title>Pontoon fails inspection</title></head><body><article>"
    "<p>The harbour festival was called off after the pontoon failed its inspection, the "
    "safety board said on Thursday evening in a short statement.</p>"
    '<div class="embed"><blockquote class="twitter-tweet"><p>Not one working pontoon.</p>'
    "&mdash; Tom Albright (@TomAlbrightRiv) <a href=\"https://twitter.com/TomAlbrightRiv/status/"
    '1413300000000000001">July 8, 2021</a></blockquote></div>'
    "<p>Refunds will be paid automatically within fourteen days, the council added.</p>"
    "</article></body></html>"
)


def archive() -> list[bytes]:
    page = PAGE.encode()
    day = "2021-07-09T10:00:00Z"

    def response(uri: str, block: bytes) -> bytes:
        return warc_record(block, uri=uri, date=day)

    return [
        warc_record(b"software: test\r\n", kind="warcinfo", uri="", date=day,
                    ctype="application/warc-fields"),
        warc_record(b"GET /a HTTP/1.1\r\n\r\n", kind="request",
                    uri="https://ledger.example/a", date=day,
                    ctype="application/http; msgtype=request"),
        response("https://ledger.example/a", http_response(page)),
        response("https://ledger.example/logo.png", http_response(b"\x89PNG", "image/png")),
        response("https://ledger.example/old", http_response(b"", status="301 Moved")),
        response("https://ledger.example/b", http_response(page.replace(b"Thursday",
                                                                        b"Friday"))),
    ]


@pytest.mark.parametrize("compressed", [False, True])
def test_html_responses_become_articles(write, compressed):
    recs = archive()
    data = b"".join(gzip.compress(r) for r in recs) if compressed else b"".join(recs)
    path = write("crawl.warc.gz" if compressed else "crawl.warc", data)
    stats = InputStats()
    results = list(read([str(path)], load_settings(), stats))
    assert [type(r).__name__ for r in results] == ["Doc", "Doc"]
    a, b = results
    assert (a.url, b.url) == ("https://ledger.example/a", "https://ledger.example/b")
    assert a.meta["fetched"] == "2021-07-09" and a.title == "Pontoon fails inspection"
    assert a.source.startswith(str(path) + "@")
    assert [p.handle for p in a.posts] == ["TomAlbrightRiv"]  # the same HTML path as files
    assert stats.skipped_records == 4


def test_truncated_archive_gives_what_came_before_and_one_error(write):
    data = b"".join(gzip.compress(r) for r in archive())
    path = write("cut.warc.gz", data[:-40])
    results = list(read([str(path)], load_settings()))
    assert isinstance(results[0], Doc)
    assert isinstance(results[-1], ErrorRecord) and "truncated" in results[-1].reason
    assert len(results) == 2


def test_record_over_the_size_limit(write):
    path = write("big.warc", b"".join(archive()))
    results = list(read([str(path)], load_settings(overrides={"input.max_bytes": 100})))
    assert [r.code for r in results] == ["E302", "E302"]
