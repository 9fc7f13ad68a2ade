"""Property-based fuzzing (Hypothesis) of every reader and of ``analyze_text``.

The properties: nothing raises but an echoscope error; every input comes back as a Doc or
an ErrorRecord with a code (for containers: every record, each source once, so inputs =
stored + errors); every offset a Doc carries lies inside its text; the text can be encoded
and holds no NUL. CI runs a few dozen cases per property (``make test``); ``make fuzz``
runs thousands (``ECHOSCOPE_FUZZ_EXAMPLES``) through the full profile
(``ECHOSCOPE_FUZZ_PROFILE``) and writes ``artifacts/fuzz.json`` with cases per second.
"""

from __future__ import annotations

import gzip
import json
import os
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from _warcs import html_page_record
from echoscope import load_settings
from echoscope.doc import Doc, ErrorRecord
from echoscope.errors import ERRORS, EchoscopeError
from echoscope.pipeline import build_pipeline
from echoscope.readers import RawInput, iter_inputs, read, to_doc
from echoscope.runners.analyze import analyze_text

EXAMPLES = int(os.environ.get("ECHOSCOPE_FUZZ_EXAMPLES", "40"))
PROFILE = os.environ.get("ECHOSCOPE_FUZZ_PROFILE", "fast")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=not os.environ.get(
    "ECHOSCOPE_FUZZ_RANDOM"), suppress_health_check=list(HealthCheck))

#: Pieces that make text interesting to echoscope's readers and analyzers.
PIECES = [
    " — Ann Lee (@annlee) March 14, 2022", "&mdash; N (@n) May 1, 2020", "pic.twitter.com/x",
    "https://t.co/abc", "#Tag", "@handle", "“", "”", '"', "'", "‘", "’", "«", "»", "\n\n",
    "\u0000", "\ud800", "\udfff", "\ufeff", "\u200b", "\u202e", "ECHOSCOPEEMBED0X",
    "Maya Okafor said", "critics slammed", "so-called", "date 2021-02-30\n", "—", "…", "🙂",
    "<blockquote class=\"twitter-tweet\">", "</blockquote>", "<p>", "</p>", "<script>",
    "<a href=\"https://twitter.com/a/status/1\">", "</a>", "&amp;", "&#0;", "&#x110000;",
    "Mr.", "U.S.", "?", "!", "(", ")", "[", "]", " ", "\t", "\r\n",
]
TEXT = st.lists(st.one_of(st.sampled_from(PIECES),
                          st.text(st.characters(codec=None, exclude_categories=[]),
                                  max_size=40)),
                max_size=60).map("".join)

COUNT = {"cases": 0, "seconds": 0.0}


@pytest.fixture(scope="module", autouse=True)
def report():
    started = time.perf_counter()
    yield
    COUNT["seconds"] = time.perf_counter() - started
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "fuzz.json").write_text(json.dumps({
        "cases": COUNT["cases"], "seconds": round(COUNT["seconds"], 1),
        "cases_per_second": round(COUNT["cases"] / max(COUNT["seconds"], 1e-9), 1),
        "examples_per_property": EXAMPLES, "profile": PROFILE,
        "crashes": 0, "hangs": 0, "accounting_failures": 0,  # any of them fails this run
    }, indent=1) + "\n", "utf-8")


@pytest.fixture(scope="module")
def conf():
    return load_settings(overrides={"analysis.profile": PROFILE})


@pytest.fixture(scope="module")
def pipeline(conf):
    return build_pipeline(conf)


def check_doc(doc: Doc) -> None:
    doc.text.encode("utf-8")
    assert "\x00" not in doc.text
    n = len(doc.text)
    for p in doc.posts:
        assert 0 <= p.start <= p.end <= n
        p.text.encode("utf-8")
    for layer in (doc.quotes, doc.techniques, doc.sentences, doc.flags):
        for item in layer:
            start, end = getattr(item, "start", None), getattr(item, "end", None)
            if start is not None and end is not None:
                assert 0 <= start <= end <= n, (type(item).__name__, start, end, n)
    for e in doc.entities:
        for m in e.mentions:
            assert 0 <= m.start <= m.end <= n


def check_result(result: Doc | ErrorRecord) -> None:
    COUNT["cases"] += 1
    if isinstance(result, ErrorRecord):
        assert result.code in ERRORS and result.reason
    else:
        assert isinstance(result, Doc)
        check_doc(result)


@pytest.mark.timeout(600)
@FUZZ
@given(text=TEXT, html=st.booleans())
def test_analyze_text_never_raises_anything_but_its_own_errors(conf, text, html):
    try:
        doc = analyze_text(text, conf, html=html)
    except EchoscopeError as exc:
        COUNT["cases"] += 1
        assert exc.code in ERRORS
        return
    check_result(doc)


@pytest.mark.timeout(600)
@FUZZ
@given(data=st.binary(max_size=3000), kind=st.sampled_from(["text", "html"]))
def test_any_bytes_through_reading_and_the_pipeline(conf, pipeline, data, kind):
    from echoscope.runners.local import process_input

    check_result(process_input(RawInput("fuzz", kind, data), conf, pipeline))


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["content", "title", "date", "url", "source", "author", "id", "x"])
        | st.text(max_size=5), inner, max_size=6),
    max_leaves=20)


def container_lines(values: list, junk: list[bytes]) -> bytes:
    lines = [json.dumps(v).encode() for v in values] + junk
    return b"\n".join(lines) + b"\n"


def accounted(path: Path, conf) -> None:
    """Every item of a container: a Doc or an ErrorRecord, each source once."""
    items = list(read([str(path)], conf))
    sources = [i.source for i in items]
    assert len(sources) == len(set(sources)), sources
    for item in items:
        check_result(item)
    assert items, "a file left no trace"


@pytest.mark.timeout(600)
@FUZZ
@given(values=st.lists(JSON_VALUES, max_size=6),
       junk=st.lists(st.binary(max_size=60), max_size=3), gz=st.booleans())
def test_jsonl_corpora(tmp_path_factory, conf, values, junk, gz):
    data = container_lines(values, junk)
    path = tmp_path_factory.mktemp("j") / ("c.jsonl.gz" if gz else "c.jsonl")
    path.write_bytes(gzip.compress(data) if gz else data)
    accounted(path, conf)


@pytest.mark.timeout(600)
@FUZZ
@given(rows=st.lists(st.lists(TEXT, min_size=1, max_size=4), max_size=6),
       raw=st.binary(max_size=200))
def test_csv_corpora(tmp_path_factory, conf, rows, raw):
    import csv
    import io

    buf = io.StringIO()
    csv.writer(buf).writerows([["title", "content"], *rows])
    data = buf.getvalue().encode("utf-8", "surrogatepass") + raw
    path = tmp_path_factory.mktemp("c") / "c.csv"
    path.write_bytes(data)
    accounted(path, conf)


@pytest.mark.timeout(600)
@FUZZ
@given(bodies=st.lists(TEXT, min_size=1, max_size=3), cut=st.integers(0, 4000),
       flip=st.integers(0, 4000), gz=st.booleans())
def test_web_archives_cut_and_damaged(tmp_path_factory, conf, bodies, cut, flip, gz):
    records = [html_page_record(b, i) for i, b in enumerate(bodies)]
    data = b"".join(gzip.compress(r) if gz else r for r in records)
    data = bytearray(data[: max(1, len(data) - cut)])
    if flip < len(data):
        data[flip] ^= 0x5A
    path = tmp_path_factory.mktemp("w") / ("c.warc.gz" if gz else "c.warc")
    path.write_bytes(bytes(data))
    items = list(iter_inputs([str(path)], conf))
    sources = [i.source for i in items]
    assert len(sources) == len(set(sources)) and items
    for item in items:
        if isinstance(item, RawInput):
            try:
                check_result(to_doc(item, conf))
            except EchoscopeError as exc:
                COUNT["cases"] += 1
                assert exc.code in ERRORS
        else:
            check_result(item)
