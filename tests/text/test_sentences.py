"""The rule-based sentence splitter the analyzers share."""

from __future__ import annotations

from echoscope.text.sentences import split_sentences


def test_a_line_break_ends_a_sentence_even_after_an_abbreviation():
    text = "He moved to the U.S.\nThe next paragraph is here.\nBy J.\nK. Rowling."
    spans = [text[a:b] for a, b in split_sentences(text)]
    assert spans == ["He moved to the U.S.", "The next paragraph is here.", "By J.",
                     "K. Rowling."]
    # Within a line the abbreviation still holds the sentence together.
    one = "Dr. Lee met U.S. officials. They talked."
    assert [one[a:b] for a, b in split_sentences(one)] == ["Dr. Lee met U.S. officials.",
                                                           "They talked."]
