"""Cost grows with input size, not faster: every reader and every analyzer of the full
profile, on ordinary and hostile shapes of text, at 1x, 2x and 4x the size.

These compare times within one test (the best of two runs per size), never against a fixed
number of seconds: linear work grows about 4x from 1x to 4x, n log n a little more, and
quadratic work 16x. The bound (10x) leaves room for a noisy machine and still catches a
quadratic step. Steps too quick to time reliably (under 0.25 s at 4x) are not judged; the
limits benchmark (``benchmarks/bench_limits.py``) measures whole documents at the size limit.
"""

from __future__ import annotations

import gzip
import json
import os
import time
from collections.abc import Callable

import pytest

from _warcs import html_page_record
from echoscope import load_settings
from echoscope.pipeline import build_pipeline
from echoscope.readers import RawInput, iter_inputs, to_doc

BOUND = 10.0
QUICK = 0.25
SIZES = (1, 2, 4)

PARA = ("The council met on Tuesday to discuss the ferry timetable, and Maya Okafor said "
        "the change was \u201ca disgrace\u201d for the island. Critics were quick to respond. "
        "\u2014 Ann Lee (@annlee) March 14, 2022\n\nSome residents argued that the schedule "
        "would cut them off from jobs, while others welcomed the later crossing.\n\n")

#: Text shapes for the analyzers: name -> (kind, text of about n characters).
SHAPES: dict[str, Callable[[int], tuple[str, str]]] = {
    "prose with posts": lambda n: ("text", (PARA * (n // len(PARA) + 1))[:n]),
    "run of quote marks": lambda n: ("text", "He said " + '"' * n + " and left."),
    "one sentence without stops": lambda n: ("text", ("word and Okafor said " * n)[:n]),
    "quotes everywhere": lambda n: ("text", ' "Maya" said "Ann" '.join(
        ["x"] * (n // 20))),
    "hashtags and handles": lambda n: ("text", " ".join(
        f"#Tag{i} @user{i}" for i in range(n // 20)) + " \u2014 A B (@ab) May 1, 2020"),
    "nested blockquotes": lambda n: ("html", "<p>An intro paragraph of the story.</p>"
                                     + '<blockquote class="twitter-tweet"><p>x</p>' * (n // 40)
                                     + "&mdash; A (@a) May 1, 2020" + "</blockquote>" * (n // 40)),
    "many embeds": lambda n: ("html", "".join(
        f"<p>Paragraph {i} of the story goes on here.</p><blockquote class=\"twitter-tweet\">"
        f"<p>Post {i} says a thing.</p>&mdash; N (@n{i}) <a href=\"https://twitter.com/n/"
        f"status/{i + 100}\">May 1, 2020</a></blockquote>" for i in range(n // 200))),
    "one tag, many attributes": lambda n: ("html", "<p " + " ".join(
        f'a{i}="v"' for i in range(n // 8)) + ">The only text of the page is here.</p>"),
}


def best_of_two(step: Callable[[], object]) -> float:
    times = []
    for _ in range(2):
        t0 = time.perf_counter()
        step()
        times.append(time.perf_counter() - t0)
    return min(times)


def judge(what: str, times: list[float]) -> None:
    small, big = times[0], times[-1]
    if big < QUICK:
        return
    ratio = big / max(small, 1e-3)
    assert ratio <= BOUND, f"{what}: {' -> '.join(f'{t:.2f}s' for t in times)} ({ratio:.1f}x)"


@pytest.fixture(scope="module")
def full():
    settings = load_settings()
    pipeline = build_pipeline(settings)
    pipeline(to_doc(RawInput("warm", "text", PARA.encode()), settings))  # load the models
    return settings, pipeline


@pytest.mark.timeout(600)
@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_reading_and_every_analyzer_grow_at_most_n_log_n(full, shape):
    settings, pipeline = full
    # CI: 8,000 characters at 1x (32,000 at 4x); `make fuzz` measures at twice that.
    base = int(os.environ.get("ECHOSCOPE_GROWTH_BASE", "8000"))
    per_analyzer: dict[str, list[float]] = {a.name: [] for a in pipeline.analyzers}
    reading: list[float] = []
    for k in SIZES:
        kind, text = SHAPES[shape](base * k)
        raw = RawInput(shape, kind, text.encode())
        reading.append(best_of_two(lambda raw=raw: to_doc(raw, settings)))
        runs = []
        for _ in range(2):
            doc = to_doc(raw, settings)
            for analyzer in pipeline.analyzers:
                t0 = time.perf_counter()
                doc = analyzer(doc)
                runs.append((analyzer.name, time.perf_counter() - t0))
        for name in per_analyzer:
            per_analyzer[name].append(min(t for n, t in runs if n == name))
    judge(f"reading {shape}", reading)
    for name, times in per_analyzer.items():
        judge(f"{name} on {shape}", times)


def _corpus_jsonl(n: int) -> bytes:
    return "".join(json.dumps({"content": PARA + str(i)}) + "\n" for i in range(n)).encode()


def _corpus_csv(n: int) -> bytes:
    return ("title,content\n" + "".join(f'T{i},"{PARA}{i}"\n' for i in range(n))).encode()


def _warc(n: int) -> bytes:
    return b"".join(gzip.compress(html_page_record(f"{PARA} {i}", i), compresslevel=1)
                    for i in range(n))


CONTAINERS = {
    "records.jsonl": _corpus_jsonl,
    "records.jsonl.gz": lambda n: gzip.compress(_corpus_jsonl(n), compresslevel=1),
    "rows.csv": _corpus_csv,
    "pages.warc.gz": _warc,
    "blank lines.jsonl.gz": lambda n: gzip.compress(b"\n" * (n * 20_000) + _corpus_jsonl(1)),
}


@pytest.mark.timeout(300)
@pytest.mark.parametrize("name", sorted(CONTAINERS))
def test_walking_a_container_grows_linearly(tmp_path, name):
    settings = load_settings()
    times = []
    for k in SIZES:
        path = tmp_path / f"{k}-{name}"
        path.write_bytes(CONTAINERS[name](600 * k))
        times.append(best_of_two(lambda path=path: sum(
            1 for _ in iter_inputs([str(path)], settings))))
    judge(f"walking {name}", times)
