from __future__ import annotations

import pytest

from echoscope.errors import EMPTY, InputError
from echoscope.readers.text import parse_text


def test_date_marker_sets_published_and_is_not_text():
    doc = parse_text(" date 2020-04-02 The story starts here. It is in English, and the "
                     "reader should be able to tell that from the words.", "s")
    assert doc.published == "2020-04-02"
    assert doc.text.startswith("The story starts here.")
    assert doc.language == "en"


def test_headline_becomes_title_but_stays_in_text():
    doc = parse_text("Council votes to close library\n\nThe council voted on Monday.", "s")
    assert doc.title == "Council votes to close library"
    assert doc.text.startswith("Council votes")


def test_first_sentence_is_not_a_title():
    assert parse_text("The council voted on Monday.\n\nMore.", "s").title is None


@pytest.mark.parametrize("text", ["", "   \n\n ", "date 2020-01-01   "])
def test_empty_is_an_error(text):
    with pytest.raises(InputError) as exc:
        parse_text(text, "s")
    assert exc.value.code == EMPTY
