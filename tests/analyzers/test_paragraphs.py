"""The paragraphs ``paragraph_techniques`` reads: lines of the article's own prose."""

from __future__ import annotations

from echoscope.analyzers.paragraphs import paragraphs_of
from echoscope.analyzers.posts import PostExtractor
from echoscope.analyzers.sentences import SentenceSplitter
from echoscope.doc import Doc


def test_each_prose_line_with_a_sentence_is_one_paragraph_and_posts_are_not_read():
    text = ("The mayor spoke on Monday. She said the bridge would reopen.\n"
            "\n"
            "   Critics were unconvinced.   \n"
            "\n"
            "@roadwatch on Twitter: \"Reopen? We have heard that before.\" — Road Watch "
            "(@roadwatch) March 3, 2021\n\n"
            "The council votes next week.")
    doc = SentenceSplitter()(PostExtractor()(Doc(text=text, source="t.txt")))
    units = paragraphs_of(doc)
    read = [doc.text[a:b] for a, b, _ in units]
    assert read[:2] == ["The mayor spoke on Monday. She said the bridge would reopen.",
                        "Critics were unconvinced."]
    assert read[-1] == "The council votes next week."
    # Every sentence of a paragraph lies inside it, and the first one holds two.
    for a, b, sentences in units:
        assert sentences and all(a <= s < e <= b for s, e in sentences)
    assert len(units[0][2]) == 2
    # A post's words are the post's, not the article's prose.
    for post in doc.posts:
        assert all(b <= post.start or a >= post.end for a, b, _ in units)
    assert len(doc.posts) == 1 and not any("heard that before" in r for r in read)
