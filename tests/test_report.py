"""`echoscope report`: self-contained HTML for one article and for the corpus."""

from __future__ import annotations

import base64
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from echoscope.report import TECHNIQUE_COLOURS, TEXT_COLOUR, contrast_ratio
from echoscope.store.dashboard import CORPUS_QUERIES

FIXTURES = Path(__file__).parent / "fixtures"


def external_refs(html: str) -> list[str]:
    """Resources the page would load: script/style/img/iframe/link sources off the page."""
    refs = re.findall(r"<(?:script|img|iframe|link|source|video|audio)\b[^>]*?"
                      r"(?:src|href)=\"([^\"]*)\"", html)
    return [r for r in refs if not r.startswith(("data:", "#"))]


def test_article_report_from_a_file_is_self_contained(cli, tmp_path):
    out = tmp_path / "r.html"
    res = cli("report", FIXTURES / "thin_support.txt", "-o", out, "--show-all")
    assert res.code == 0, res.err
    html = out.read_text("utf-8")
    assert external_refs(html) == [] and "<script" not in html
    assert html.count('class="post"') == 2 and "@patquinn" in html
    assert "unsupported_generalisation" in html and 'href="#flag-0"' in html
    assert 'id="flag-0"' in html
    # Charts are real renderings (Vega-Lite via vl-convert), embedded as SVG data.
    charts = re.findall(r'<img src="data:image/svg\+xml;base64,([^"]+)"', html)
    assert charts
    svg = base64.b64decode(charts[0]).decode()
    assert svg.lstrip().startswith("<svg") and ("Stance" in svg or "Technique" in svg)


def test_article_report_from_the_database_matches_the_stored_article(cli, tmp_path,
                                                                    all_techniques):
    db = tmp_path / "r.duckdb"
    assert cli("analyze", FIXTURES / "budget_techniques.txt", "--db", db,
               "--config", all_techniques).code == 0
    (row,) = [json.loads(x) for x in cli("sql", "SELECT id FROM articles", "--db", db,
                                          "--format", "json").out.splitlines()]
    out = tmp_path / "a.html"
    assert cli("report", row["id"][:10], "-o", out, "--db", db, "--show-all").code == 0
    html = out.read_text("utf-8")
    n = int(cli("sql", "SELECT count(*) AS n FROM techniques", "--db", db, "--format",
                "csv").out.split()[-1])
    assert html.count('<mark class="tech"') >= n > 0
    assert all(label in html for label in json.loads(
        cli("sql", "SELECT list(DISTINCT label) AS l FROM techniques", "--db", db,
            "--format", "json").out)["l"])
    missing = cli("report", "ffffffffff", "-o", out, "--db", db)
    assert missing.code == 1 and "E508" in missing.err


def test_corpus_dashboard_charts_are_backed_by_queries_users_can_run(cli, tmp_path):
    db = tmp_path / "c.duckdb"
    assert cli("analyze", Path(__file__).parents[1] / "examples", FIXTURES / "thin_support.txt",
               "--db", db).code in (0, 2)
    out = tmp_path / "dash.html"
    res = cli("report", "--corpus", "-o", out, "--db", db, "--show-all")
    assert res.code == 0, res.err
    html = out.read_text("utf-8")
    assert external_refs(html) == [] and "<script" not in html
    for name, (title, sql) in CORPUS_QUERIES.items():
        assert f'id="{name}"' in html and title in html
        rows = cli("sql", sql, "--db", db, "--format", "json").out.splitlines()
        assert f"Data ({len(rows)} rows)" in html, name
    assert html.count("data:image/svg+xml;base64,") >= 5
    # By default the sections of hidden layers are left out: the posts' stance goes with
    # the positions layer, technique rates with the techniques layer.
    default = tmp_path / "dash_default.html"
    assert cli("report", "--corpus", "-o", default, "--db", db).code == 0
    html = default.read_text("utf-8")
    assert 'id="stance_by_target"' not in html and 'id="techniques_by_source"' not in html
    assert 'id="over_time"' in html and 'id="top_handles"' in html
    # Entity types are an audited layer too: names are counted over types, and the counts
    # of hidden layers (technique spans, flags) stay out of the summary line.
    names = html.split('id="top_entities"', 1)[1].split("</section>", 1)[0]
    assert "Most mentioned names" in names and "<th scope=\"col\">type</th>" not in names
    assert ">person<" not in names and not re.search(r"\d technique spans|\d flags", html)
    shown = out.read_text("utf-8").split('id="top_entities"', 1)[1].split("</section>", 1)[0]
    assert "<th scope=\"col\">type</th>" in shown and ">person<" in shown


def test_report_needs_exactly_one_of_article_or_corpus(cli, tmp_path):
    assert cli("report", "-o", tmp_path / "x.html").code == 1
    assert cli("report", "abc", "--corpus", "-o", tmp_path / "x.html").code == 1


def test_highlight_colours_meet_wcag_aa():
    assert len(set(TECHNIQUE_COLOURS.values())) == len(TECHNIQUE_COLOURS) == 14
    assert all(contrast_ratio(TEXT_COLOUR, c) >= 4.5 for c in TECHNIQUE_COLOURS.values())
    assert round(contrast_ratio("#000000", "#ffffff"), 1) == 21.0


def test_hidden_layers_leave_the_report_and_show_all_brings_them_back(cli, tmp_path):
    """A layer below its audited precision target is left out unless asked; the report
    says what it left out, and every check (not only flags) is listed with its status."""
    config = tmp_path / "c.toml"
    config.write_text('[report]\nhidden_layers = ["flags", "techniques"]\n', "utf-8")
    nothing = tmp_path / "n.toml"
    nothing.write_text('[report]\nhidden_layers = []\n', "utf-8")
    shown, hidden = tmp_path / "shown.html", tmp_path / "hidden.html"
    assert cli("report", FIXTURES / "thin_support.txt", "-o", shown, "--config",
               nothing).code == 0
    assert cli("report", FIXTURES / "thin_support.txt", "-o", hidden, "--config",
               config).code == 0
    both = cli("report", FIXTURES / "thin_support.txt", "-o", tmp_path / "all.html",
               "--config", config, "--show-all")
    assert both.code == 0
    assert cli("report", FIXTURES / "thin_support.txt", "-o", tmp_path / "all2.html",
               "--show-all").code == 0
    full, cut = shown.read_text("utf-8"), hidden.read_text("utf-8")
    assert "unsupported_generalisation</strong></a>: " in full and 'id="flag-0"' in full
    assert "evidence check" in full and "(flagged)" in full
    assert 'href="#flag-0"' not in cut and "(flagged)" not in cut
    assert '<mark class="tech"' not in cut and "Not shown by default" in cut
    assert "technique spans" in cut.split("Not shown by default", 1)[1]
    everything = (tmp_path / "all.html").read_text("utf-8")
    assert everything == (tmp_path / "all2.html").read_text("utf-8")
    assert "Not shown by default" not in everything and 'id="flag-0"' in everything


def test_hidden_layers_accept_only_audited_layers(tmp_path):
    import pytest

    from echoscope import ConfigError, load_settings
    from echoscope.config import _LIST_CHOICES
    from echoscope.report.visibility import LAYERS

    assert _LIST_CHOICES["report.hidden_layers"] == set(LAYERS)
    config = tmp_path / "c.toml"
    config.write_text('[report]\nhidden_layers = ["techniques", "vibes"]\n', "utf-8")
    with pytest.raises(ConfigError, match="vibes"):
        load_settings(config)


def test_technique_counts_are_per_1000_words_wherever_sources_compare(cli, tmp_path):
    from echoscope.store import Store, queries
    from echoscope.store.dashboard import corpus_data

    db = tmp_path / "w.duckdb"
    assert cli("analyze", FIXTURES / "budget_techniques.txt", FIXTURES / "thin_support.txt",
               "--db", db).code in (0, 2)
    with Store(str(db), read_only=True) as store:
        items = queries.list_articles(store).items
        scores = {r["id"]: json.loads(r["scores"]) for r in store.rows(
            "SELECT id, scores FROM articles")}
        for item in items:
            rate = scores[item["id"]]["techniques"]
            assert item["techniques_per_1000_words"] == rate["per_1000_words"]
            assert rate["spans"] == item["techniques"]
        words = sum(s["techniques"]["words"] for s in scores.values())
        rows = corpus_data(store)["techniques_by_source"]
        spans = sum(r["spans"] for r in rows)
        assert spans == sum(i["techniques"] for i in items)
        assert abs(sum(r["per_1000_words"] for r in rows) - 1000 * spans / words) < 0.1


def test_an_untitled_text_is_named_by_its_first_line_or_its_file(cli, tmp_path):
    short = tmp_path / "short_first.txt"
    short.write_text("Ferry row deepens.\nThe harbour board met on Monday and said little.",
                     encoding="utf-8")
    long = tmp_path / "harbour_board_minutes.txt"
    long.write_text("The harbour board met on Monday, and " + "said little more " * 20 + ".",
                    encoding="utf-8")
    for path, title in ((short, "Ferry row deepens."), (long, "harbour board minutes")):
        out = tmp_path / f"{path.stem}.html"
        assert cli("report", path, "-o", out).code == 0
        html = out.read_text("utf-8")
        assert f'<h1 id="title">{title}</h1>' in html and "Untitled article" not in html


def test_post_cards_do_not_repeat_the_signature(cli, tmp_path):
    out = tmp_path / "r.html"
    assert cli("report", FIXTURES / "thin_support.txt", "-o", out).code == 0
    html = out.read_text("utf-8")
    bodies = re.findall(r'<div class="body">(.*?)</div>', html, re.S)
    assert bodies and all("(@" not in re.sub(r"<[^>]+>", "", b) for b in bodies)
    assert '<span class="handle">@patquinn</span>' in html
    text_part = html.split('<div class="text">', 1)[1].split("</div>\n</section>", 1)[0]
    assert "\n\n<section" not in text_part  # no blank lines between prose and cards


def test_a_post_without_text_has_no_signature_or_link_for_a_body(cli, tmp_path):
    """An embed that carries no text (a Threads placeholder, a LinkedIn iframe, a Reddit
    comment) shows that it carries none, not its signature or URL as if they were its
    words; a Reddit user is u/NAME, not @NAME."""
    page = tmp_path / "p.html"
    page.write_text(
        "<html><body><article><h1>Fryer recall</h1><p>Owners complained for weeks about the "
        "fryers, and the company answered slowly.</p>"
        '<blockquote class="text-post-media" data-text-post-permalink="https://www.threads.net'
        '/@fairkitchenjade/post/DAx7pQ2sLmN"><a href="https://www.threads.net/@fairkitchenjade'
        '/post/DAx7pQ2sLmN"><div>Post by @fairkitchenjade</div><div>View on Threads</div></a>'
        "</blockquote><p>The director defended the team.</p>"
        '<iframe src="https://www.linkedin.com/embed/feed/update/urn:li:share:72401234567890'
        '12345" title="Embedded post"></iframe><p>One owner replied.</p>'
        '<blockquote class="reddit-embed-bq"><a href="https://www.reddit.com/r/CasualUK/comments'
        '/1eqz9kd/my_fryer/lq2x8ab/">Comment</a><br> by <a href="https://www.reddit.com/user/'
        'kettle_queen/">u/kettle_queen</a></blockquote><p>The recall covers every unit sold '
        "since March, the company said in a statement on Friday.</p></article></body></html>",
        encoding="utf-8")
    out = tmp_path / "r.html"
    assert cli("report", page, "-o", out).code == 0
    html = out.read_text("utf-8")
    bodies = [re.sub(r"<[^>]+>", "", b) for b in
              re.findall(r'<div class="body">(.*?)</div>', html, re.S)]
    assert len(bodies) == 3 and all("carries no text" in b for b in bodies), bodies
    assert not any("@" in b or "http" in b or "u/" in b for b in bodies), bodies
    assert '<span class="handle">u/kettle_queen</span>' in html


def test_badges_say_yes_only_and_explain_themselves(cli, tmp_path):
    unsure = 0
    for name in ("thin_support.txt", "hypocrisy_framing.txt"):
        out = tmp_path / f"{name}.html"
        assert cli("report", FIXTURES / name, "-o", out, "--show-all").code == 0
        html = out.read_text("utf-8")
        badges = re.findall(r'<li class="badge ([\w-]+)" title="([^"]+)">([^<]+)</li>', html)
        assert badges and all(meaning for _, meaning, _ in badges)
        for cls, _, words in badges:  # a number is always the probability of what is said
            if cls == "stance-none":  # NONE's own probability can be the smallest: no number
                assert words.startswith("no clear stance toward ") and "(" not in words, words
            else:
                assert re.search(r"\(\d\.\d\d\)$", words), words
        assert "What the badges on posts mean" in html
        # A NONE that leans (not sure enough to say a side) says so on its badge and in
        # the summary's count; the made-up people here are ones no stance model saw.
        leaning = [w for c, _, w in badges if c == "stance-none" and ", leans " in w]
        per = Counter(re.match(r"no clear stance toward (.+?), leans ", w).group(1)
                      for w in leaning)
        box = html.split('class="summary-stance"', 1)[1].split("</dd>", 1)[0]
        shown = {name: int(m.group(1)) for name, row in
                 re.findall(r"<li>toward <strong>([^<]+)</strong>:(.*?)</li>", box, re.S)
                 if (m := re.search(r"\((\d+) unsure\)", row))}
        assert shown == dict(per)  # each target's unsure posts, counted where it is listed
        unsure += len(leaning)
    assert unsure
    hidden = tmp_path / "h.html"
    assert cli("report", FIXTURES / "thin_support.txt", "-o", hidden).code == 0
    html = hidden.read_text("utf-8")
    assert "cries hypocrisy" not in html  # a hidden layer stays hidden
    # The underline's legend says what is underlined: any name, places too (it said
    # "people and organisations" over underlined towns).
    legend = html.split('<span class="ent">underlined</span>', 1)[1].split("</p>", 1)[0]
    assert "places" in legend
    # Badges are shown by default since their second audit; a tone only where sure enough
    # to show, and no stance badge while positions are hidden.
    assert "What the badges on posts mean" in html
    assert not re.search(r'class="badge stance-', html)
    tones = re.findall(r'class="badge sentiment"[^>]*>([^<]+)<', html)
    assert tones and all(re.fullmatch(r"(negative|neutral|positive) tone \(\d\.\d\d\)", t)
                         for t in tones)
    quiet = tmp_path / "q.toml"
    quiet.write_text('[report]\nhidden_layers = ["badges", "positions"]\n', "utf-8")
    none = tmp_path / "n.html"
    assert cli("report", FIXTURES / "thin_support.txt", "-o", none, "--config", quiet).code == 0
    html = none.read_text("utf-8")
    assert 'class="badge' not in html and "What the badges on posts mean" not in html
    # The legend explains only the badges shown: stance alone, with positions shown.
    config = tmp_path / "stance_only.toml"
    config.write_text('[report]\nhidden_layers = ["badges"]\n', "utf-8")
    out = tmp_path / "s.html"
    assert cli("report", FIXTURES / "thin_support.txt", "-o", out, "--config", config).code == 0
    legend = out.read_text("utf-8").split("What the badges on posts mean", 1)[1]
    legend = legend.split("</dl>", 1)[0]
    assert "<dt>stance</dt>" in legend and "<dt>sentiment</dt>" not in legend


def _svg(uri: str) -> str:
    return base64.b64decode(uri.split(",", 1)[1]).decode("utf-8")


def test_charts_share_one_stance_palette_whole_counts_and_filled_months():
    from echoscope.report.charts import bar_chart, time_chart, timeline_chart_svg
    from echoscope.report.render import STANCE_COLOURS

    stance = _svg(bar_chart([{"target": "Ann Lee", "stance": s, "posts": n}
                             for s, n in (("FAVOR", 1), ("AGAINST", 2), ("NONE", 3))],
                            "posts", "target", colour="stance"))
    timeline = timeline_chart_svg([{"date": "2021-03-02", "target": "Ann Lee",
                                    "label": "AGAINST", "kind": "post"},
                                   {"date": "2022-03-14", "target": "Bo Roe",
                                    "label": "FAVOR", "kind": "quote"}], "Maya Okafor")
    for colour in (STANCE_COLOURS["FAVOR"], STANCE_COLOURS["AGAINST"]):
        assert colour.lower() in stance.lower() and colour.lower() in timeline.lower()
    assert STANCE_COLOURS["NONE"].lower() in stance.lower()
    assert ">0.5<" not in stance and ">2.5<" not in stance  # whole-number ticks only
    months = _svg(time_chart([{"month": "2020-04-01", "kind": "posts", "n": 3},
                              {"month": "2020-07-01", "kind": "posts", "n": 1}],
                             "month", "n", "kind", "per month"))
    for label in ("2020-04", "2020-05", "2020-06", "2020-07"):  # gaps are drawn as zero
        assert label in months


def test_the_network_legend_counts_whole_articles():
    from echoscope.report.charts import network_chart

    svg = _svg(network_chart([{"source": "Ann Lee", "target": "Bo Roe", "articles": 1},
                              {"source": "Ann Lee", "target": "Cy Dee", "articles": 3}]))
    legend = re.findall(r'role-legend-label"[^>]*>.*?</g>', svg, re.S)
    labels = [t for block in legend for t in re.findall(r">([0-9.]+)</text>", block)]
    assert labels == ["1", "2", "3"], labels


@pytest.mark.parametrize("most", [1, 2, 3, 7, 12, 48, 130, 2400])
def test_count_axes_tick_each_whole_number_once(most):
    """A count axis never shows 0.5 as "1" next to 1 as "1" (Vega rounds half ticks)."""
    from echoscope.report.charts import bar_chart, time_chart

    bars = _svg(bar_chart([{"handle": "a", "posts": most}, {"handle": "b", "posts": 1}],
                          "posts", "handle"))
    months = _svg(time_chart([{"month": "2020-04-01", "kind": "posts", "n": most}],
                             "month", "n", "kind", "per month"))
    for svg in (bars, months):
        ticks = re.findall(r'role-axis-label"[^>]*>.*?</g>', svg, re.S)
        labels = [t for block in ticks for t in re.findall(r">([0-9][0-9,.]*)</text>", block)]
        numeric = [lab for lab in labels if lab.replace(",", "").isdigit()]
        assert numeric, svg[:500]
        assert len(numeric) == len(set(numeric)), numeric
        assert max(int(n.replace(",", "")) for n in numeric) >= most


# -- the summary box -------------------------------------------------------------------
def _summary_doc() -> dict:
    """A Doc.to_dict() written by hand: three posts on two platforms (one undated), stance
    toward two people, two flags, three checks and eight technique spans."""
    posts = [("twitter", "2021-06-03", [("Dana Whitfield", "AGAINST")]),
             ("bluesky", "2021-06-01", [("Dana Whitfield", "FAVOR"), ("<b>Bo</b> Roe", "NONE")]),
             ("twitter", None, [("Dana Whitfield", "AGAINST")])]
    text = "Mayor Dana Whitfield closed the pools. Many slammed her.\n\n"
    out = []
    for i, (platform, posted, stances) in enumerate(posts):
        body = f"Post number {i} about the pools."
        out.append({"platform": platform, "handle": f"user{i}", "display_name": None,
                    "posted": posted, "text": body, "url": None, "post_id": None,
                    "links": [], "hashtags": [], "mentions": [], "start": len(text),
                    "end": len(text) + len(body), "scores": {},
                    "stance": [{"target": t, "target_id": "x", "label": lab, "score": 0.9,
                                "probs": {}} for t, lab in stances]})
        text += body + "\n\n"
    labels = ["Loaded_Language"] * 4 + ["Doubt"] * 2 + ["Slogans", "Flag-Waving"]
    techniques = [{"label": lab, "start": i, "end": i + 3, "score": 0.8}
                  for i, lab in enumerate(labels)]
    return {"id": "abc", "source": "hand.txt", "url": None, "title": "Pools closed",
            "published": "2021-06-04", "language": "en", "site_name": None, "author": None,
            "text": text, "posts": out,
            "flags": [{"kind": "single_source", "message": "one account", "start": 0, "end": 5},
                      {"kind": "unsupported_generalisation", "message": "few posts",
                       "start": 39, "end": 56}],
            "checks": [{"kind": "generalisation", "status": "flagged", "start": 39, "end": 56,
                        "posts": [0], "reason": "few posts"},
                       {"kind": "single_source", "status": "supported", "start": 0, "end": 5,
                        "posts": [], "reason": "fine"},
                       {"kind": "date", "status": "not_checkable", "start": 0, "end": 5,
                        "posts": [], "reason": "no date"}],
            "entities": [], "quotes": [], "techniques": techniques, "positions": [],
            "roles": [],
            # The rate is over the words the analyzer counted (stored with the Doc).
            "scores": {"techniques": {"words": 250, "spans": 8, "per_1000_words": 32.0,
                                      "by_label_per_1000_words": {}},
                       "hypocrisy": {"detected": True, "score": 0.81, "evidence": [],
                                     "posts": []}}}


def _summary_text(html: str) -> str:
    (box,) = re.findall(r'<section class="summary".*?</section>', html, re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", box).split())


def test_summary_box_counts_match_the_doc():
    from echoscope.report import article_html

    doc = _summary_doc()
    html = article_html(doc, hidden=())
    # Right under the title and its meta line, before every other section.
    assert html.index('<h1 id="title">') < html.index('class="summary"') < html.index(
        'id="flags-h"')
    box = _summary_text(html)
    assert "3 embedded posts on twitter (2), bluesky (1), dated 2021-06-01 to 2021-06-03 " \
           "(1 undated)" in box
    assert "toward Dana Whitfield : FAVOR 1 AGAINST 2 NONE 0" in box
    assert "toward &lt;b&gt;Bo&lt;/b&gt; Roe : FAVOR 0 AGAINST 0 NONE 1" in box  # escaped
    assert "2 flags (single_source, unsupported_generalisation)" in box
    assert "3 evidence checks ran: 1 supported, 1 flagged, 1 not checkable" in box
    # Top three techniques, each at count * 1000 / words (ties by name).
    rates = re.findall(r"([\w,-]+) (\d+\.\d\d)", box.split("per 1,000 words:", 1)[1])
    assert rates[:3] == [("Loaded_Language", f"{4 * 1000 / 250:.2f}"),
                         ("Doubt", f"{2 * 1000 / 250:.2f}"),
                         ("Flag-Waving", f"{1 * 1000 / 250:.2f}")]
    assert "Slogans" not in box and "8 spans in 250 words (32.00 per 1,000)" in box
    assert "Hypocrisy framing Detected (score 0.81)" in box
    # Stance chips carry their label in words, in the one stance palette.
    from echoscope.report.render import STANCE_COLOURS, STANCE_TINTS

    assert '<span class="stance stance-against" data-label="AGAINST">AGAINST 2</span>' in html
    for label in STANCE_COLOURS:
        assert (f".stance.stance-{label.lower()} {{ background: {STANCE_TINTS[label]}; "
                f"border-color: {STANCE_COLOURS[label]}; }}") in html


def test_summary_box_keeps_hidden_layers_hidden():
    from echoscope import load_settings
    from echoscope.report import article_html

    doc = _summary_doc()
    default = load_settings().get("report.hidden_layers")
    assert {"flags", "techniques", "hypocrisy"} <= set(default)
    box = _summary_text(article_html(doc, hidden=default))
    # Posts are not an audited layer: they stay. Their stance is the positions layer's
    # judgement: hidden with it.
    assert "3 embedded posts" in box and "FAVOR 1 AGAINST 2 NONE 0" not in box
    for gone in ("flag (", "2 flags", "1 flagged", "Loaded_Language", "Doubt", "per 1,000",
                 "score 0.81", "Detected", "250 words", "FAVOR", "AGAINST"):
        assert gone not in box, gone
    assert box.count("not shown by default") + box.count("Not shown by default") == 4
    assert "Other evidence checks: 1 supported, 1 not checkable" in box
    # Nor does the checks list below count flagged checks it does not show ("0 flagged").
    checks = re.search(r'<details class="checks"><summary>(.*?)</summary>',
                       article_html(doc, hidden=default), re.S).group(1)
    assert "flagged" in checks and not re.search(r"\d+ flagged", checks), checks
    # Hiding one layer hides only it.
    only = _summary_text(article_html(doc, hidden=["techniques"]))
    assert "Loaded_Language" not in only and "2 flags" in only and "score 0.81" in only
    assert "FAVOR 1 AGAINST 2 NONE 0" in only


def test_summary_box_of_a_report_matches_the_analysed_doc(cli, tmp_path):
    res = cli("analyze", FIXTURES / "thin_support.txt", "--json")
    assert res.code == 0, res.err
    doc = json.loads(res.out.splitlines()[0])
    out, hidden = tmp_path / "all.html", tmp_path / "hidden.html"
    assert cli("report", FIXTURES / "thin_support.txt", "-o", out, "--show-all").code == 0
    assert cli("report", FIXTURES / "thin_support.txt", "-o", hidden).code == 0
    box = _summary_text(out.read_text("utf-8"))
    posts = doc["posts"]
    assert f"{len(posts)} embedded posts on twitter ({len(posts)})" in box
    assert f"dated {min(p['posted'] for p in posts)}" in box
    stance = doc["scores"]["reactions"]["stance"]
    for target, row in stance.items():
        assert (f"toward {target} : FAVOR {row['FAVOR']} AGAINST {row['AGAINST']} "
                f"NONE {row['NONE']}") in box
    assert f"{len(doc['flags'])} flags" in box and len(doc["flags"]) > 0
    assert f"{len(doc['checks'])} evidence checks ran" in box
    cut = _summary_text(hidden.read_text("utf-8"))
    assert f"{len(doc['flags'])} flags" not in cut and "not shown by default" in cut


def test_summary_box_says_when_scattered_spans_were_withheld():
    from echoscope.report import article_html

    doc = _summary_doc()
    doc["techniques"] = []
    doc["scores"]["techniques"] = {"words": 400, "spans": 0, "per_1000_words": 0.0,
                                   "by_label_per_1000_words": {}, "withheld": 2}
    box = _summary_text(article_html(doc, hidden=()))
    assert "None reported: 2 scattered spans in 400 words" in box
    doc["scores"]["techniques"]["withheld"] = 0
    assert "No technique spans found in 400 words" in _summary_text(article_html(doc))


def test_the_timeline_stays_readable_from_2_to_200_positions():
    """Each target gets its own row, tall enough for its label, whatever the count."""
    from echoscope.report.charts import timeline_chart_svg

    for n, targets in ((2, 2), (200, 30)):
        rows = [{"date": f"{2015 + i % 8}-{1 + i % 12:02d}-{1 + i % 28:02d}",
                 "target": f"Person {i % targets:02d}", "label": ("FAVOR", "AGAINST")[i % 2],
                 "kind": ("post", "quote", "reported")[i % 3]} for i in range(n)]
        svg = timeline_chart_svg(rows, "Someone")
        height = float(re.search(r'<svg[^>]*height="([0-9.]+)"', svg).group(1))
        labels = set(re.findall(r">(Person \d\d)</text>", svg))
        assert len(labels) == targets  # every row is labelled
        assert height >= 20 * targets  # rows never squeezed below a label's height


def test_a_report_from_a_file_of_several_documents_is_a_usage_error(cli, tmp_path):
    corpus = tmp_path / "two.jsonl"
    corpus.write_text("\n".join(json.dumps({"content": f"Story {i}. The mayor spoke today."})
                                for i in range(2)) + "\n", "utf-8")
    res = cli("report", corpus, "-o", tmp_path / "x.html")
    assert res.code == 1 and "holds 2 documents" in res.err
    assert "Traceback" not in res.err + res.out


def test_scare_quotes_are_hidden_by_default_and_shown_on_request(cli, tmp_path):
    story = tmp_path / "s.txt"
    story.write_text("Council row over library\n\nThe council's \"consultation\" lasted a "
                     "single afternoon, and the \"experts\" it hired never visited.\n", "utf-8")
    out = tmp_path / "r.html"
    assert cli("report", story, "-o", out).code == 0
    html = out.read_text("utf-8")
    assert 'class="scare"' not in html and "words are scare quotes" not in html
    assert "scare quotes (short quotations" in html  # listed among the hidden layers
    assert cli("report", story, "-o", out, "--show-all").code == 0
    assert html.count('class="scare"') < out.read_text("utf-8").count('class="scare"')


def test_the_report_says_who_is_quoted_with_their_words_escaped(cli, tmp_path):
    story = tmp_path / "q.txt"
    story.write_text("Library vote\n\nMaya Okafor, the mayor, spoke on Monday. \"We will not close "
                     "the <b>branch</b> this year,\" Okafor said. A resident said the plan "
                     "was \"a long time coming\", and \"Nobody asked us,\" one neighbour "
                     "added.\n", "utf-8")
    out = tmp_path / "r.html"
    assert cli("report", story, "-o", out).code == 0
    html = out.read_text("utf-8")
    section = html[html.index('id="quoted-h"'):html.index('id="legend-h"')]
    assert "<strong>Maya Okafor</strong> (1)" in section
    assert "&lt;b&gt;branch&lt;/b&gt;" in section and "<b>branch" not in section
    assert "to which echoscope gives no speaker" in section


def test_a_post_in_the_articles_quotation_marks_shows_its_words_once_and_no_stray_mark(
        cli, tmp_path):
    story = tmp_path / "p.txt"
    story.write_text("Minister under fire\n\nThe minister posted on Tuesday.\n\n\u201cThe "
                     "opposition are traitors and cowards. Disgraceful!\u201d\n\u2014 Le Hoang "
                     "Anh (@lehoanganh) October 21, 2026\n\nA rival replied within minutes.\n",
                     "utf-8")
    out = tmp_path / "r.html"
    assert cli("report", story, "-o", out).code == 0
    html = out.read_text("utf-8")
    body = html[html.index('<div class="body">'):]
    body = body[:body.index("</div>")]
    assert body.endswith("The opposition are traitors and cowards. Disgraceful!")
    assert "October 21" not in body and "\u201c" not in html.split('class="post"')[0][-200:]


def test_who_is_quoted_stays_short_however_many_quotations():
    from echoscope.report.article import _MAX_SPEAKERS, _QUOTES_EACH, _quoted

    quotes = [{"kind": "direct", "speaker": f"Speaker {i % 40}", "text": f"words {i}"}
              for i in range(600)]
    out = _quoted({"quotes": quotes})
    assert len(out["speakers"]) == _MAX_SPEAKERS and out["more_speakers"] == 15
    assert all(len(qs) == _QUOTES_EACH and n == 15 for _, qs, n in out["speakers"])


def test_labelled_paragraphs_are_escaped_shown_by_default_and_hidden_on_request():
    """Techniques per paragraph: audited at their target (2026-12-05), so shown by default,
    with their techniques, most probable first, the paragraph's words escaped and cut at a
    word; a setting that hides the layer leaves a note in their place."""
    from echoscope import load_settings
    from echoscope.report import article_html
    from echoscope.report.article import PARAGRAPH_EXCERPT

    first = "Officials <script>alert(1)</script> call the plan a disgrace."
    second = "The committee met at noon. " + "It talked about roads and rates. " * 8
    text = first + "\n\n" + second.strip()
    at = text.index(second.strip())
    doc = {"id": "p1", "source": "p.txt", "text": text, "posts": [], "flags": [],
           "checks": [], "entities": [], "quotes": [], "techniques": [], "positions": [],
           "roles": [], "meta": {},
           "scores": {"paragraph_techniques": {"paragraphs": 2, "model": "paragraphs-test", "labelled": [
               {"start": 0, "end": len(first),
                "labels": {"Name_Calling-Labeling": 0.83, "Loaded_Language": 0.91}},
               {"start": at, "end": len(text), "labels": {"Doubt": 0.66}}]}}}
    default = load_settings().get("report.hidden_layers")
    assert "paragraph_techniques" not in default
    hidden = article_html(doc, hidden=("paragraph_techniques",))
    assert "Loaded_Language 0.91" not in hidden and "<script>" not in hidden
    assert "Techniques per paragraph: not shown by default" in hidden
    shown = article_html(doc, hidden=default)
    assert "<script>" not in shown and "&lt;script&gt;alert(1)&lt;/script&gt;" in shown
    block = shown.split('id="paragraphs-h"', 1)[1].split("</ol>", 1)[0]
    assert block.index("Loaded_Language 0.91") < block.index("Name_Calling-Labeling 0.83")
    quoted = re.findall(r"<q>(.*?)</q>", block, re.S)
    assert len(quoted) == 2 and quoted[1].endswith(" …")
    assert len(quoted[1]) <= PARAGRAPH_EXCERPT + 2 and second.startswith(quoted[1][:-2])


def test_a_tone_not_sure_enough_gets_no_badge():
    """A post's tone badge only when its label is sure enough to show (``sentiment_sure``:
    its probability above the level chosen for precision); a post whose tone is not sure
    keeps its scores in the JSON but gets no badge. Offensive labels are unaffected."""
    from echoscope.report import article_html

    text = "Two posts.\n\nI love this park so much.\n\nThe park closes at six."
    posts = []
    for body, label, p, sure in (("I love this park so much.", "positive", 0.93, True),
                                 ("The park closes at six.", "negative", 0.55, False)):
        at = text.index(body)
        posts.append({"platform": "twitter", "handle": "u", "display_name": None,
                      "posted": None, "text": body, "url": None, "post_id": None, "links": [],
                      "hashtags": [], "mentions": [], "start": at, "end": at + len(body),
                      "stance": [],
                      "scores": {"sentiment_label": label, "sentiment_sure": sure,
                                 "sentiment_probs": {label: p}, "offensive": 0.9,
                                 "offensive_label": True}})
    doc = {"id": "t1", "source": "t.txt", "text": text, "posts": posts, "flags": [],
           "checks": [], "entities": [], "quotes": [], "techniques": [], "positions": [],
           "roles": [], "meta": {}, "scores": {}}
    html = article_html(doc, hidden=())
    assert "positive tone (0.93)" in html
    assert "negative tone" not in html
    assert html.count("offensive (0.90)") == 2


def test_a_post_labelled_ironic_shows_no_literal_tone():
    """"Oh wonderful, another four years of potholes" reads positive word by word and means
    the opposite: where the irony badge is shown the tone badge is not (the audit found both
    side by side); a post with irony below its label keeps its tone badge."""
    from echoscope.report import article_html

    bodies = ("Oh wonderful, another four years of potholes. Can't wait.",
              "What a wonderful new playground.")
    text = "Two posts.\n\n" + "\n\n".join(bodies)
    posts = []
    for body, ironic in zip(bodies, (True, False), strict=True):
        at = text.index(body)
        posts.append({"platform": "twitter", "handle": "u", "display_name": None,
                      "posted": None, "text": body, "url": None, "post_id": None, "links": [],
                      "hashtags": [], "mentions": [], "start": at, "end": at + len(body),
                      "stance": [],
                      "scores": {"sentiment_label": "positive", "sentiment_sure": True,
                                 "sentiment_probs": {"positive": 0.91},
                                 "irony": 0.95 if ironic else 0.3, "irony_label": ironic}})
    doc = {"id": "t1", "source": "t.txt", "text": text, "posts": posts, "flags": [],
           "checks": [], "entities": [], "quotes": [], "techniques": [], "positions": [],
           "roles": [], "meta": {}, "scores": {}}
    html = article_html(doc, hidden=())
    assert html.count("positive tone (0.91)") == 1 and html.count("ironic (0.95)") == 1
    assert html.index("ironic (0.95)") < html.index(bodies[1]) < html.index("positive tone")


def test_a_report_of_an_analysed_record_shows_it_as_analysed(cli, tmp_path):
    """`report` of one `analyze --json` record renders that record (a fresh audit's `fast`
    record was analysed again with the default profile and showed `full`'s badges); a
    FILE analysed now takes --profile."""
    src = tmp_path / "a.txt"
    src.write_text("Council row deepens\n\nAna Ruiz, the council leader, said on Monday: "
                   "\"We will not resign.\" Ruiz spoke at the town hall.", "utf-8")
    res = cli("analyze", src, "--no-store", "--json", "--profile", "fast")
    assert res.code == 0, res.err
    record = tmp_path / "fast.jsonl"
    record.write_text(res.out, "utf-8")
    doc = json.loads(res.out)
    doc["title"] = "A title only the record has"
    record.write_text(json.dumps(doc) + "\n", "utf-8")
    out = tmp_path / "r.html"
    assert cli("report", record, "-o", out).code == 0
    assert "A title only the record has" in out.read_text("utf-8")
    assert cli("report", src, "-o", out, "--profile", "fast").code == 0
    assert "Council row deepens" in out.read_text("utf-8")
