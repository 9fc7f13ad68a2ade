"""Hostile and pathological inputs finish (pytest-timeout guards against hangs) and give
a Doc or an ErrorRecord, never an exception. Sizes are chosen so that quadratic
behaviour would run for minutes."""

from __future__ import annotations

import pytest

from echoscope import load_settings
from echoscope.doc import Doc, ErrorRecord
from echoscope.pipeline import build_pipeline
from echoscope.readers import RawInput
from echoscope.runners.local import process_input

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
    "a tag cut off after 200k attributes": ("html", "<p>Intro.</p><div " + " ".join(
        f'a{i}="v"' for i in range(200_000))),
    "55k nested blockquotes": ("html", "<p>Intro.</p>" + '<blockquote class="twitter-tweet">'
                               "<p>x</p>" * 55_000 + "&mdash; A (@a) May 1, 2020"
                               + "</blockquote>" * 55_000),
}


@pytest.fixture(scope="module")
def pipeline():
    # Reading and post extraction are what hostile input attacks; the statistical analyzers
    # are covered below on a large but ordinary document.
    return build_pipeline(load_settings(), ["posts", "date_check"])


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


@pytest.mark.timeout(120)
def test_long_document_through_the_full_pipeline():
    paragraph = ("Councillor Maya Okafor said the library would close. Critics called it "
                 "“a betrayal”. — Ann Lee (@annlee) March 14, 2022\n\n")
    text = paragraph * 1500  # ~200 KB: more than one NER chunk
    result = process_input(RawInput("long", "text", text.encode()), load_settings(),
                           build_pipeline(load_settings()))
    assert isinstance(result, Doc)
    okafor = next(e for e in result.entities if e.name == "Maya Okafor")
    assert len(okafor.mentions) >= 1400
    assert len(result.posts) == 1500
