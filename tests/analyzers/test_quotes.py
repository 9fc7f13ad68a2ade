from __future__ import annotations

from echoscope.analyzers.entities import link_entities
from echoscope.analyzers.posts import extract_posts
from echoscope.analyzers.quotes import QuoteFinder, find_quotes
from echoscope.doc import Doc

TEXT = (
    "Councillor Maya Okafor said the closure was “a painful necessity”. The so-called "
    "‘defender of libraries’ had promised to keep every branch open. “We will look again at "
    "the budget in the spring and nothing is ruled out,” said Dan Reyes. Residents don't "
    "trust the council's \"transparency\" any more.\n\n"
    "Okafor: \"I never promised that every branch would stay open forever.\" "
    "— Maya Okafor (@MayaOkaforRiv) March 14, 2022\n\n"
    "Her office said she would \"keep fighting\"."
)


def run():
    d = Doc(text=TEXT, source="t")
    d.posts = extract_posts(TEXT)
    raw = []
    for surface in ("Maya Okafor", "Dan Reyes"):
        i = TEXT.index(surface)
        raw.append((i, i + len(surface), "PERSON"))
    d.entities = link_entities(d, raw)
    return QuoteFinder()(d)


def test_find_quotes_handles_apostrophes_and_curly_quotes():
    spans = [TEXT[s:e] for s, e in find_quotes(TEXT)]
    assert "a painful necessity" in spans
    assert "defender of libraries" in spans
    assert "transparency" in spans
    assert not any(s.startswith("t trust") for s in spans)  # don't is not a quote


def test_direct_and_scare_quotes_with_speakers():
    d = run()
    q = {x.text: x for x in d.quotes}
    assert q["a painful necessity"].kind == "direct"
    assert q["a painful necessity"].speaker == "Maya Okafor"
    assert q["a painful necessity"].speaker_id is not None
    assert q["defender of libraries"].kind == "scare"
    assert q["transparency"].kind == "scare"
    spring = next(x for x in d.quotes if x.text.startswith("We will look again"))
    assert (spring.kind, spring.speaker) == ("direct", "Dan Reyes")
    in_post = next(x for x in d.quotes if x.text.startswith("I never promised"))
    assert (in_post.kind, in_post.speaker, in_post.post) == ("direct", "Maya Okafor", 0)
    assert q["keep fighting"].kind == "direct"  # attributed by "said", not a scare quote
    for x in d.quotes:
        assert TEXT[x.start:x.end] == x.text
