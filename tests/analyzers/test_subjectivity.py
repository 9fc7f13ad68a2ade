from __future__ import annotations

from pathlib import Path

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


def test_readability_is_textstats_own_figure():
    import textstat

    from echoscope.analyzers.subjectivity import readability

    folder = Path(__file__).parent.parent / "fixtures"
    texts = [p.read_text("utf-8") for p in sorted(folder.rglob("*.txt"))]
    texts += ["", "Hello.", "Don't stop - co-operate! Mr. Smith's well-being; e.g. 3.5% of it.",
              "İNANÇ was ready. " * 3]  # "İ" lower-cased is two code points
    assert len(texts) > 10
    for text in texts:
        got = readability(text)
        assert got["flesch_reading_ease"] == textstat.flesch_reading_ease(text), text[:60]
        assert got["flesch_kincaid_grade"] == textstat.flesch_kincaid_grade(text), text[:60]
