"""Layout in a real browser, at a desktop (1280 px) and a phone (390 px) width: nothing
overflows its box, the page never scrolls sideways, the phone layout is one column with
the same headings, and every chart loads, fits its container and says what it shows.
Screenshots of every page and chart go to artifacts/screenshots."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest

from .conftest import FIXTURES, start

WIDTHS = (1280, 390)
#: Enough of the positions corpus for one real conflict (see tests/test_positions.py).
CONFLICT_ARTICLES = ("01_holloway_accused.txt", "02_reyes_sides_with_marsh.txt",
                     "08_fenwick_accused.txt", "09_reyes_backs_fenwick.txt")

# Elements whose content is wider than their box while they let it show (overflow-x
# visible): text that runs out of its box. Inline boxes have no width of their own.
OVERFLOWS = """() => {
  for (const d of document.querySelectorAll('details')) d.open = true;  // measure it all
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const s = getComputedStyle(el);
    if (s.display === 'none' || s.display === 'inline' || s.display === 'contents') continue;
    if (el.scrollWidth > el.clientWidth + 1 && s.overflowX === 'visible') {
      out.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}` +
               `${el.className && typeof el.className === 'string' ? '.' + el.className : ''}` +
               ` ${el.scrollWidth}>${el.clientWidth}: ${(el.textContent || '').slice(0, 60)}`);
    }
  }
  return {overflows: out, page: document.documentElement.scrollWidth,
          viewport: window.innerWidth};
}"""

# What the two widths must share, and how the blocks of the page are laid out.
LAYOUT = """() => {
  const main = document.querySelector('main');
  const rect = el => el.getBoundingClientRect();
  const root = document.querySelector('article.report') || main;
  const blocks = [...root.children]
    .filter(el => rect(el).height > 0 && getComputedStyle(el).position !== 'absolute')
    .map(el => ({tag: el.tagName.toLowerCase(), left: rect(el).left, right: rect(el).right,
                 top: rect(el).top, bottom: rect(el).bottom}));
  const summary = document.querySelector('.summary dt');
  return {
    headings: [...document.querySelectorAll('h1, h2')].map(h => h.textContent.trim()),
    sections: [...document.querySelectorAll('section[id], section[aria-labelledby]')]
      .map(s => s.id || s.getAttribute('aria-labelledby')),
    main: rect(main).width, blocks,
    summary: summary ? {dt: rect(summary).left, dd: rect(summary.nextElementSibling).left,
                        ddTop: rect(summary.nextElementSibling).top,
                        dtTop: rect(summary).top} : null,
  };
}"""

# Every chart: an image in a figure, or an inline svg.
CHARTS = """() => [...document.querySelectorAll('figure img, figure svg, main svg')].map(
  (el, i) => {
    const fig = el.closest('figure') || el.parentElement;
    const box = fig.getBoundingClientRect();
    const own = el.getBoundingClientRect();
    const named = el.closest('[id]');
    return {i, name: named ? named.id : `chart-${i}`, tag: el.tagName.toLowerCase(),
            loaded: el.tagName === 'IMG' ? el.complete && el.naturalWidth > 0 : own.width > 0,
            natural: el.tagName === 'IMG' ? el.naturalWidth : own.width,
            width: own.width, right: own.right, container: box.width, containerRight: box.right,
            viewport: window.innerWidth, scrolls: getComputedStyle(fig).overflowX,
            alt: (el.getAttribute('alt') || el.getAttribute('aria-label') || '').trim(),
            caption: fig.querySelector('figcaption') ? fig.querySelector('figcaption')
              .textContent.trim() : ''};
  })"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A server with stored articles (long URLs, handles and hashtags; techniques; a
    conflict) and the corpus dashboard of the same database, as the CLI writes it."""
    tmp = tmp_path_factory.mktemp("layout")
    srv, uv, thread = start(tmp, max_body=200_000, timeout=60)
    try:
        ids = {}
        for path in [FIXTURES / "long_words.txt"] + [
                FIXTURES / "positions" / name for name in CONFLICT_ARTICLES]:
            r = srv.post_json("/api/analyze", {"text": path.read_text("utf-8"), "store": True,
                                               "source": path.name})
            assert r.status == 200, r.body
            ids[path.name] = r.json()["id"]
        from echoscope.report import corpus_html

        state = uv.config.app.app.state.echoscope
        dashboard = tmp / "dashboard.html"
        dashboard.write_text(state.read(corpus_html, []), "utf-8")
        views = {
            "analyze": srv.url + "/",
            "report": f"{srv.url}/articles/{ids['long_words.txt']}?show=all",
            "report_default": f"{srv.url}/articles/{ids['long_words.txt']}",
            "articles": srv.url + "/articles",
            "search": srv.url + "/search?q=" + quote("budget"),
            "conflicts": srv.url + "/conflicts?show=all",
            "timeline": srv.url + "/timeline?show=all&actor=" + quote("Dana Reyes"),
            "dashboard": dashboard.as_uri(),
            "api": srv.url + "/api",
        }
        yield views
    finally:
        uv.should_exit = True
        thread.join(10)


@pytest.fixture(scope="module")
def rendered(browser, site):  # the browser first: no server when it skips
    """Each view at each width, loaded once: what the checks below read, and screenshots."""
    from .conftest import ARTIFACTS

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    out: dict[tuple[str, int], dict] = {}
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        for name, url in site.items():
            page.goto(url)
            page.wait_for_load_state("load")
            page.screenshot(path=str(ARTIFACTS / f"{name}_{width}.png"), full_page=True)
            charts = page.evaluate(CHARTS)
            seen: set[str] = set()
            for chart in charts:  # one file per chart, even where two share a name
                chart["name"] = _slug(chart["name"])
                if chart["name"] in seen:
                    chart["name"] += f"_{chart['i']}"
                seen.add(chart["name"])
            for chart in charts:
                page.locator("figure img, figure svg, main svg").nth(chart["i"]).screenshot(
                    path=str(ARTIFACTS / f"chart_{name}_{chart['name']}_{width}.png"))
            layout = page.evaluate(LAYOUT)  # as shown, before OVERFLOWS opens <details>
            out[(name, width)] = {"layout": layout, "overflow": page.evaluate(OVERFLOWS),
                                  "charts": charts, "html": page.content()}
        context.close()
    return out


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_") or "chart"


VIEWS = ("analyze", "report", "report_default", "articles", "search", "conflicts",
         "timeline", "dashboard", "api")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("view", VIEWS)
def test_no_text_overflows_its_box_and_no_sideways_scroll(rendered, view, width):
    got = rendered[(view, width)]["overflow"]
    assert got["overflows"] == [], got["overflows"]
    assert got["page"] <= got["viewport"], f"{view} scrolls sideways at {width} px: {got}"


@pytest.mark.parametrize("view", VIEWS)
def test_phone_layout_is_one_column_with_the_same_sections(rendered, view, shots):
    wide, narrow = rendered[(view, 1280)]["layout"], rendered[(view, 390)]["layout"]
    assert (shots / f"{view}_1280.png").stat().st_size > 0
    assert (shots / f"{view}_390.png").stat().st_size > 0
    assert narrow["headings"] == wide["headings"] and wide["headings"]
    assert narrow["sections"] == wide["sections"]
    assert narrow["main"] <= 390
    # One column: the page's blocks stack, each within the screen, none beside another.
    blocks = narrow["blocks"]
    assert blocks
    for block in blocks:
        assert block["left"] >= -1 and block["right"] <= 391, block
    for above, below in zip(blocks, blocks[1:], strict=False):
        assert below["top"] >= above["bottom"] - 1, (above, below)
    if narrow["summary"]:  # the summary's labels sit above their values on a phone
        s, w = narrow["summary"], wide["summary"]
        assert abs(s["dd"] - s["dt"]) <= 1 and s["ddTop"] > s["dtTop"]
        assert w["dd"] > w["dt"] + 20 and abs(w["ddTop"] - w["dtTop"]) <= 2


def _expected_charts(view: str) -> set[str]:
    from echoscope.store.dashboard import CORPUS_QUERIES

    return {"report": {"chart_techniques", "chart_stance"}, "report_default": set(),
            "timeline": {"chart_timeline"}, "dashboard": set(CORPUS_QUERIES)}[view]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("view", ("report", "report_default", "timeline", "dashboard"))
def test_every_chart_loads_fits_and_says_what_it_shows(rendered, view, width, shots):
    charts = rendered[(view, width)]["charts"]
    assert {c["name"] for c in charts} == _expected_charts(view)
    for chart in charts:
        assert chart["loaded"] and chart["natural"] > 0, chart
        if width >= 1000:  # a desktop: the chart fits its column
            assert chart["width"] <= chart["container"] + 1, chart
        else:  # a phone: drawn at its own size (legible), scrolling inside its box
            assert chart["width"] >= 0.95 * chart["natural"], chart
            assert chart["width"] <= chart["container"] + 1 or chart["scrolls"] == "auto", chart
        assert chart["containerRight"] <= chart["viewport"] + 1, chart
        if chart["scrolls"] != "auto":
            assert chart["right"] <= chart["viewport"] + 1, chart
        assert chart["alt"] or chart["caption"], chart
        path = shots / f"chart_{view}_{chart['name']}_{width}.png"
        assert path.stat().st_size > 0, path


def test_the_report_page_opens_with_its_summary(rendered):
    shown = rendered[("report", 390)]["html"]
    default = rendered[("report_default", 390)]["html"]
    assert 'class="summary"' in shown and 'class="summary"' in default
    box = re.search(r'<section class="summary".*?</section>', shown, re.S).group(0)
    assert "2 embedded posts on twitter (2)" in box and "per 1,000 words" in box
    box = re.search(r'<section class="summary".*?</section>', default, re.S).group(0)
    assert "per 1,000 words" not in box and "not shown by default" in box.lower()



def test_links_from_a_show_all_page_keep_showing_all(rendered):
    """From /conflicts?show=all, the timeline and the articles it links to show all too."""
    html = rendered[("conflicts", 1280)]["html"]
    links = re.findall(r'href="(/(?:timeline\?|articles/)[^"]*)"', html)  # not the nav
    assert links and all("show=all" in link for link in links), links
