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
