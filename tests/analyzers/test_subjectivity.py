from __future__ import annotations

from echoscope.analyzers.posts import extract_posts
from echoscope.analyzers.subjectivity import SubjectivityProfiler, lexicons, profile
from echoscope.doc import Doc, Quote


def test_lexicons_ship_and_load():
    lex = lexicons()
    assert set(lex) == {"bias", "hedges", "assertives", "factives", "implicatives",
                        "report_verbs", "positive", "negative"}
    assert "perhaps" in lex["hedges"][0] and "accuse" in lex["report_verbs"][0]


def test_counts_per_thousand_words_with_inflections():
    text = "Perhaps the mayor accused critics. Possibly they accuse her too. " + "Plain " * 12
    p = profile(text)
    assert p["words"] == 22
    assert p["per_1000_words"]["hedges"] == round(1000 * 2 / 22, 2)
    assert p["per_1000_words"]["report_verbs"] == round(1000 * 2 / 22, 2)
    assert "readability" not in p  # too short to mean anything


def test_shares_of_posts_quotes_and_own_prose():
    text = ("The council said the plan was “final and fair to everyone involved”. " * 3
            + "\n\nShameful. — Ann Lee (@annlee) March 14, 2022")
    doc = Doc(text=text, source="t")
    doc.posts = extract_posts(text)
    i = text.index("final and fair")
    doc.quotes = [Quote("direct", "final and fair to everyone involved", i, i + 35)]
    shares = SubjectivityProfiler()(doc).scores()["subjectivity"]["shares"]
    post = doc.posts[0]
    assert shares["quoted_posts"] == round((post.end - post.start) / len(text), 4)
    assert shares["direct_quotes_in_prose"] == round(35 / len(text), 4)
    assert abs(sum(shares.values()) - 1) < 1e-3


def test_readability_for_real_prose():
    text = ("The council voted on Monday night to close the library branch on the east side "
            "of the city. Residents said they would appeal the decision. ") * 3
    r = profile(text)["readability"]
    assert 0 < r["flesch_reading_ease"] < 120 and r["flesch_kincaid_grade"] > 0
