"""Hostile and pathological inputs finish (pytest-timeout guards against hangs) and give
a Doc or an ErrorRecord, never an exception. Sizes are chosen so that quadratic
behaviour would run for minutes."""

from __future__ import annotations

import pytest

from echoscope.config import load_settings
from echoscope.doc import Doc, ErrorRecord
from echoscope.pipeline import build_pipeline
from echoscope.readers import RawInput
from echoscope.runners import process_input

CASES = {
    "dashes before a handle": ("text", "- " * 300_000 + "(@x) May 1, 2020"),
    "50k signatures": ("text", "Hi. — A (@a) May 1, 2020\n\n" * 50_000),
    "hashtags and links glued": ("text", "#a" * 100_000 + "https://t.co/" * 10_000 + " — A (@a) May 1, 2020"),
    "blockquote of dashes": ("html", '<p>Intro paragraph of the article, long enough to keep.</p>'
                             '<blockquote class="twitter-tweet"><p>x</p>' + "- " * 150_000
                             + "</blockquote>"),
    "3000 embeds": ("html", "<div>" + "".join(
        f'<p>Paragraph {i} of the article with a few words.</p><blockquote class="twitter-tweet">'
        f'<p>t{i}</p>&mdash; N (@n{i}) <a href="https://twitter.com/n/status/{i + 1000}">May 1, '
        "2020</a></blockquote>" for i in range(3000)) + "</div>"),
    "20k nested divs": ("html", "<div>" * 20_000 + "<p>Deep text of the article.</p>" + "</div>" * 20_000),
    "unclosed tags": ("html", "<p><b><i><a href='x'>" * 20_000 + "text"),
}


@pytest.fixture(scope="module")
def pipeline():
    return build_pipeline(load_settings())


@pytest.mark.timeout(60)
@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_input_finishes(name, pipeline):
    kind, text = CASES[name]
    result = process_input(RawInput(name, kind, text.encode("utf-8")), load_settings(), pipeline)
    assert isinstance(result, Doc | ErrorRecord)
    if isinstance(result, Doc):
        for post in result.posts:
            assert 0 <= post.start <= post.end <= len(result.text)
    if name == "3000 embeds":
        assert len(result.posts) == 3000
