"""Search: the query language (parser), its operators and filters on a real DuckDB file,
the snippet's mark, and the CLI's options, errors and "no matches" line."""

from __future__ import annotations

import json
import shutil

import pytest

from _search_corpus import build
from echoscope.errors import StoreError
from echoscope.store import Store, queries
from echoscope.store.search_syntax import SearchQuery, Term, parse_query


# -- the parser ------------------------------------------------------------------------
def W(text: str) -> Term:  # noqa: N802 - reads like the grammar
    return Term(text)


def P(text: str) -> Term:  # noqa: N802
    return Term(text, phrase=True)


@pytest.mark.parametrize(("query", "parsed"), [
    ("milano", SearchQuery(((W("milano"),),))),
    ("milano biden", SearchQuery(((W("milano"),), (W("biden"),)))),
    ("milano AND biden", SearchQuery(((W("milano"),), (W("biden"),)))),
    ('"believe  women" OR metoo', SearchQuery(((P("believe women"), W("metoo")),))),
    ("a b OR c", SearchQuery(((W("a"),), (W("b"), W("c"))))),
    ('milano -biden -"joe biden"', SearchQuery(((W("milano"),),),
                                               (W("biden"), P("joe biden")))),
    ('"sexual assault" AND "believe women"',
     SearchQuery(((P("sexual assault"),), (P("believe women"),)))),
    ("milano, or #MeToo!", SearchQuery(((W("milano"),), (W("or"),), (W("#MeToo"),)))),
    ('x"a phrase"', SearchQuery(((W("x"),), (P("a phrase"),)))),
])
def test_parse_query(query, parsed):
    assert parse_query(query) == parsed


@pytest.mark.parametrize(("query", "says"), [
    ('"believe women', "the quote at character 1 is never closed"),
    ('milano -"joe biden', "the quote at character 9 is never closed"),
    ("OR", "OR needs a word or phrase on each side"),
    ("milano OR", "OR needs a word or phrase on each side"),
    ("OR milano", "OR needs a word or phrase on each side"),
    ("a OR OR b", "OR needs a word or phrase on each side"),
    ("a AND", "AND needs a word or phrase on each side"),
    ("a AND OR b", "OR needs a word or phrase on each side"),
    ("milano OR -biden", "OR cannot join an exclusion"),
    ("-biden OR milano", "OR cannot join an exclusion"),
    ("-biden", "only exclusions"),
    ('-"joe biden" -milano', "only exclusions"),
    ("milano -", "a lone '-'"),
    ('""', "an empty phrase"),
    ("   ", "no word or phrase to find"),
])
def test_malformed_queries_say_what_is_wrong(query, says):
    with pytest.raises(StoreError) as caught:
        parse_query(query)
    assert caught.value.code == "E512" and says in caught.value.reason, caught.value.reason


# -- on a real database ------------------------------------------------------------------
@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build(tmp_path_factory.mktemp("search"))


@pytest.fixture(scope="module")
def cli_db(db, tmp_path_factory):
    """A copy for the CLI, which opens its file read-only while ``store`` holds ``db``."""
    copy = tmp_path_factory.mktemp("search_cli") / "search.duckdb"
    shutil.copyfile(db, copy)
    return copy


@pytest.fixture(scope="module")
def store(db, cli_db):
    with Store(db) as s:
        yield s


def keys(store, query, **kw):
    """Hits as article titles or ``@handle`` for posts, best first."""
    page = queries.search(store, query, limit=50, **kw)
    assert page.total == len(page.items)
    return [f"@{h['handle']}" if h["kind"] == "post" else h["title_or_text"] for h in page.items]


def test_words_are_anded_by_default_and_phrase_holders_rank_first(store):
    hits = keys(store, "believe women")
    assert set(hits) == {"Ferry row", "Budget row", "Milano visit", "@annlee", "@CaraD"}
    assert hits[-1] == "Budget row"  # holds both words but not the phrase
    assert keys(store, "milano biden") == keys(store, "milano AND biden") == ["Budget row"]
    assert keys(store, "MILANO biden") == ["Budget row"]  # any case


def test_words_match_whole_words_and_phrases_as_written(store):
    # "Milanos" is not milano; the phrase matches across a line break and double space.
    assert set(keys(store, "milano")) == {"Budget row", "Milano visit", "@bobroe"}
    assert set(keys(store, '"sexual assault"')) == {"Milano visit", "Bakery opens"}
    assert keys(store, '"believe the women"') == []


def test_or_takes_either_side(store):
    assert set(keys(store, '"believe women" OR metoo')) == {
        "Ferry row", "Milano visit", "@annlee", "@CaraD"}
    assert set(keys(store, "bread OR biden")) == {"Bakery opens", "Budget row"}


def test_and_of_two_phrases(store):
    # (The visit's article text holds its quoted post, "Believe women. #MeToo".)
    assert keys(store, '"sexual assault" AND "believe women"') == ["Milano visit"]
    assert keys(store, '"sexual assault" AND "against biden"') == []


def test_minus_word_and_minus_phrase_exclude(store):
    # The article that names Biden goes; its post, which does not, stays.
    assert set(keys(store, "milano -biden")) == {"Milano visit", "@bobroe"}
    assert set(keys(store, 'milano -"against biden"')) == {"Milano visit", "@bobroe"}
    # A phrase excludes only as written.
    assert set(keys(store, 'milano -"biden against"')) == {"Budget row", "Milano visit",
                                                            "@bobroe"}


BROAD = "believe OR milano OR bread"


def test_kind_filter(store):
    assert set(keys(store, BROAD, kind="post")) == {"@annlee", "@bobroe", "@CaraD"}
    assert set(keys(store, BROAD, kind="article")) == {
        "Ferry row", "Budget row", "Milano visit", "Bakery opens"}
    with pytest.raises(StoreError, match="kind is one of article, post"):
        keys(store, BROAD, kind="tweet")


def test_date_filters_use_published_for_articles_and_posted_for_posts(store):
    assert set(keys(store, BROAD, since="2022-06-10")) == {
        "Budget row", "Milano visit", "@CaraD"}
    assert set(keys(store, BROAD, until="2022-06-09")) == {
        "Ferry row", "Bakery opens", "@annlee", "@bobroe"}
    assert set(keys(store, BROAD, since="2021-03-01", until="2021-03-02")) == {
        "Ferry row", "@annlee"}
    with pytest.raises(StoreError, match="since expects a date YYYY-MM-DD"):
        keys(store, BROAD, since="2022-13-01")


@pytest.mark.parametrize("source", ["valley times", "valleytimes.example",
                                    "https://www.valleytimes.example/anything"])
def test_source_filter_by_outlet_or_domain_and_posts_follow_their_article(store, source):
    assert set(keys(store, BROAD, source=source)) == {
        "Budget row", "Milano visit", "@bobroe", "@CaraD"}


def test_handle_filter_any_case_with_or_without_at(store):
    assert keys(store, BROAD, handle="@carad") == ["@CaraD"]
    assert keys(store, BROAD, handle="ANNLEE") == ["@annlee"]
    assert keys(store, BROAD, handle="nobody") == []


def test_paging_stays_correct_under_the_boolean_filter(store):
    everything = queries.search(store, "milano OR women -bread", limit=50)
    pages = [queries.search(store, "milano OR women -bread", limit=2, offset=o)
             for o in range(0, everything.total, 2)]
    assert all(p.total == everything.total for p in pages)
    assert [(h["kind"], h["article_id"], h["handle"]) for p in pages for h in p.items] == [
        (h["kind"], h["article_id"], h["handle"]) for h in everything.items]


def marked(store, query, title):
    (hit,) = [h for h in queries.search(store, query, limit=50).items
              if h["title_or_text"] == title]
    start, end = hit["match"]
    return hit["snippet"][start:end]


def test_snippet_marks_the_first_query_term_the_hit_holds(store):
    # The term first in the query, not first in the text; as the text writes it.
    assert marked(store, '"believe women" OR metoo', "Milano visit") == "Believe women"
    assert marked(store, 'metoo OR "believe women"', "Milano visit") == "metoo"
    assert marked(store, '"believe women" OR metoo', "Ferry row") == "believe women"
    assert marked(store, 'nowhere OR "sexual assault"', "Bakery opens") == "sexual assault"
    assert marked(store, "believe women", "Ferry row") == "believe women"  # the words as one
    assert marked(store, "believe women", "Budget row") == "believe"  # no phrase: 1st word


# -- the command line ------------------------------------------------------------------
def test_cli_filters_and_no_matches_line(cli, cli_db):
    db = cli_db
    res = cli("search", "believe OR milano", "--kind", "post", "--source", "Valley Times",
              "--since", "2023-01-01", "--db", db, "-f", "json")
    assert res.code == 0, res.err
    assert [json.loads(x)["handle"] for x in res.out.splitlines()] == ["CaraD"]
    res = cli("search", "milano", "--kind", "post", "--handle", "annlee", "--db", db)
    assert res.code == 0
    assert "no article or post matches 'milano' with kind post, handle annlee" in res.err
    res = cli("search", "milano", "--until", "2022-13-01", "--db", db)
    assert res.code == 1 and "--until expects YYYY-MM-DD" in res.err


@pytest.mark.parametrize(("query", "says"), [
    ('"believe women', "never closed"), ("OR", "OR needs a word or phrase on each side"),
    ("-biden", "only exclusions")])
def test_cli_malformed_query_exits_1_with_the_reason(cli, cli_db, query, says):
    res = cli("search", "--db", cli_db, "--", query)
    assert res.code == 1 and "E512" in res.err and says in res.err, res.err
    assert "Traceback" not in res.err and res.out == ""


def test_query_text_is_normalised_and_bounded():
    import unicodedata

    from echoscope.errors import StoreError
    from echoscope.store.search_syntax import MAX_TERMS, parse_query

    decomposed = unicodedata.normalize("NFD", "café")
    assert parse_query(decomposed).positive[0].text == "café"
    with pytest.raises(StoreError, match="at most"):
        parse_query(" ".join(f"w{i}" for i in range(MAX_TERMS + 1)))


def test_cli_offset_pages_through_the_hits(cli, cli_db):
    both = cli("search", "milano", "--limit", "2", "--db", cli_db, "-f", "json")
    first = cli("search", "milano", "--limit", "1", "--db", cli_db, "-f", "json")
    second = cli("search", "milano", "--limit", "1", "--offset", "1", "--db", cli_db,
                 "-f", "json")
    rows = [json.loads(x) for x in both.out.splitlines()]
    assert len(rows) == 2
    assert [json.loads(first.out), json.loads(second.out)] == rows


def test_a_word_with_a_star_matches_words_that_start_with_it(store):
    term = parse_query("believ*").positive[0]
    assert term.prefix and str(term) == "believ*"
    assert term.regex().search("They believed her") and not term.regex().search("unbelievable")
    plain = queries.search(store, "believ", limit=50).total
    starred = queries.search(store, "believ*", limit=50)
    assert starred.total > plain
    for hit in starred.items:
        start, end = hit["match"]
        assert hit["snippet"][start:end].lower().startswith("believ")
    excluded = queries.search(store, "milano -believ*", limit=50).items
    assert all("believ" not in hit["snippet"].lower() for hit in excluded)
