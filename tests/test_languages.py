"""Text in a language the analysis does not read: only its posts, and the report says so."""

from __future__ import annotations

from pathlib import Path

import pytest

from echoscope import Store, analyze, analyze_text, load_settings
from echoscope.errors import ConfigError
from echoscope.report import article_html
from echoscope.store import queries
from echoscope.text.language import guess_language

FIXTURES = Path(__file__).parent / "fixtures" / "languages"

GERMAN = (
    "Streit um die Innenstadt von Lindenau\n\n"
    "Der Stadtrat von Lindenau hat am Dienstag einen Plan beschlossen, die Innenstadt an den "
    "Wochenenden für Autos zu sperren. \"Die Maßnahme ist nötig\", sagte Bürgermeisterin "
    "Karla Brenner. Die Anwohner der Hauptstraße beschwerten sich jedoch, dass niemand sie "
    "gefragt habe, und die Grünen wollen nun eine Befragung.\n\n"
    "Der Händler Jonas Weidmann schrieb auf X:\n\n"
    "Wieder wird über unsere Köpfe hinweg entschieden. #Lindenau — Jonas Weidmann "
    "(@jweidmann_ldn) March 3, 2026\n"
)


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.txt")), ids=lambda p: p.stem)
def test_each_language_is_told_apart(path):
    assert guess_language(path.read_text("utf-8")) == path.stem


def test_another_language_gets_only_its_posts_and_says_why():
    doc = analyze_text(GERMAN, load_settings(overrides={"analysis.profile": "fast"}))
    assert [(p.handle, p.hashtags) for p in doc.posts] == [("jweidmann_ldn", ["Lindenau"])]
    assert doc.entities == [] and doc.quotes == [] and doc.hypocrisy is None
    skipped = doc.meta["not_analysed"]
    assert skipped["language"] == "de" and "entities_rules" in skipped["analyzers"]
    assert "posts" not in skipped["analyzers"]
    page = article_html(doc.to_dict())
    assert "Written in German" in page and "analysis.languages" in page


def test_languages_setting_reads_any_and_english_is_read():
    anyway = analyze_text(GERMAN, load_settings(overrides={"analysis.profile": "fast",
                                                           "analysis.languages": ["*"]}))
    assert anyway.quotes and "not_analysed" not in anyway.meta
    english = analyze_text((FIXTURES / "en.txt").read_text("utf-8"),
                           load_settings(overrides={"analysis.profile": "fast"}))
    assert english.hypocrisy is not None and "not_analysed" not in english.meta
    assert "Written in" not in article_html(english.to_dict())


def test_languages_setting_takes_codes_only():
    with pytest.raises(ConfigError, match="language codes"):
        load_settings(overrides={"analysis.languages": ["english"]})


def test_a_batch_into_the_store_reads_each_document_in_its_own_language(tmp_path):
    """The batch path (``Pipeline.many``, as the runners use it) gives the German text only
    its posts and the English one everything, and the store keeps why."""
    (tmp_path / "de.txt").write_text(GERMAN, "utf-8")
    (tmp_path / "en.txt").write_text((FIXTURES / "en.txt").read_text("utf-8"), "utf-8")
    settings = load_settings(overrides={"analysis.profile": "fast"})
    with Store(tmp_path / "x.duckdb") as store:
        summary = analyze([str(tmp_path / "de.txt"), str(tmp_path / "en.txt")], settings,
                          store=store)
        assert summary.articles == 2
        rows = {source.rsplit("/", 1)[-1]: article_id for source, article_id in store.con.execute(
            "SELECT source, id FROM articles").fetchall()}
        german = queries.article(store, rows["de.txt"])
        english = queries.article(store, rows["en.txt"])
    assert german["meta"]["not_analysed"]["language"] == "de"
    assert [p["handle"] for p in german["posts"]] == ["jweidmann_ldn"]
    assert german["entities"] == [] and german["quotes"] == []
    assert "not_analysed" not in english["meta"] and english["scores"]["sentences"]
    assert not german["scores"].get("sentences")
    assert "Written in German" in article_html(german)


ROUNDUP = (
    "Fans react to the ferry strike\n\n"
    "Travellers were not happy on Monday.\n\n"
    "I do not know what I am going to do now, I have a job to get to. https://t.co/Ab3dE "
    "\u2014 Nell Parry (@nellparry) May 4, 2026\n\n"
    "So I wait a day and no boat again? https://t.co/Zx9Qw "
    "\u2014 Ivo Brandt (@ivobrandt) May 4, 2026\n\n"
    "No ferry, no bus, no apology. I give up. #ferrystrike https://t.co/Kk2Lm "
    "\u2014 Dara Voss (@daravoss) May 4, 2026\n"
)


@pytest.mark.parametrize("text", [
    ROUNDUP,
    # An English story that opens with a post in Spanish is read.
    "\u00a1Qu\u00e9 verg\u00fcenza! El ayuntamiento no ha hecho nada por el barrio y los "
    "vecinos de la calle mayor lo saben. No es la primera vez que pasa esto. "
    "\u2014 Marta Gil (@martagil) May 2, 2026\n\n"
    "Marta Gil, who runs a bakery on the high street, was one of many residents who posted "
    "about the council's decision to close the library. The council said it had no choice "
    "but to make the cuts, and that the building would be sold in the autumn.\n",
], ids=["english-posts-with-links", "english-story-opening-with-a-spanish-post"])
def test_english_is_read_whatever_its_words_share_with_other_languages(text):
    doc = analyze_text(text, load_settings(overrides={"analysis.profile": "fast"}))
    assert "not_analysed" not in doc.meta and doc.scores()["sentences"]


def test_a_declared_language_alone_never_costs_a_text_its_analysis():
    """A page that says it is German (or says something that is no language code) but is
    written in English is read, and its language is only ever a code."""
    from echoscope.readers.html import parse_html

    for lang, code in (("de", "de"), ("english", None), ("en-GB", "en"), ("<b>", None)):
        page = (f'<html lang="{lang}"><body><article><p>The council voted on Tuesday to '
                'close the library. "We had no choice," said Mayor Ana Ruiz.</p>'
                "</article></body></html>")
        doc = parse_html(page, "p.html")
        assert doc.language == (code or "en"), lang  # else the guess from its words
        analysed = analyze_text(page, load_settings(overrides={"analysis.profile": "fast"}),
                                html=True)
        assert "not_analysed" not in analysed.meta and analysed.quotes, lang


def test_languages_setting_names_at_least_one():
    with pytest.raises(ConfigError, match="one or more"):
        load_settings(overrides={"analysis.languages": []})


@pytest.mark.parametrize("text", [
    "Read it at example.com/story and at https://news.example.org/a — the vote is on",
    "Voir le site ville.fr/plan : le conseil a voté, et la maire est pour @mairie #vote",
    "No links here, only words: the council and the mayor said it was not over",
    "t.co/abc is not Polish co, nor is pic.twitter.com/xyz or www.example.net/x",
    "the rest is at t.co/abc and it is not Polish co",
    "the plan is at city.org/plan and it is not Polish co",
    "the vote is at city.net/vote and it is not Polish co",
    "the list is at city.com/list and it is not Polish co",
])
def test_the_word_counts_skip_links_with_or_without_a_bare_domain(text):
    """Without a ".com/" (".co/", ".org/", ".net/") the counts skip the bare-domain rule,
    and come out as the whole rule gives them."""
    from collections import Counter

    from echoscope.text import language

    tokens = language._TOKEN.findall(language._NOT_WORDS.sub(" ", text).lower())
    expected: Counter[str] = Counter()
    for tok in tokens:
        expected.update(language._LANGS_OF.get(tok, ()))
    n, counts = language._counts(text, 2000)
    assert (n, list(counts.items())) == (len(tokens), list(expected.items()))
