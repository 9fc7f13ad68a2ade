"""The web app in a real browser: Playwright driving Debian's chromium (no download)."""

from __future__ import annotations

from echoscope.report import TECHNIQUE_COLOURS, TEXT_COLOUR, contrast_ratio

from .conftest import FIXTURES


def _rgb_to_hex(css: str) -> str:
    parts = css[css.index("(") + 1:css.index(")")].split(",")[:3]
    return "#" + "".join(f"{int(float(p)):02x}" for p in parts)


def test_paste_an_article_and_see_posts_highlights_and_flags(server, browser, shots,
                                                             fixture_text):
    page = browser.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    article = (fixture_text("thin_support.txt") + "\n" +
               fixture_text("budget_techniques.txt").split("\n", 1)[1])
    # By default, layers below their audited precision target are left out, and said so.
    page.goto(server.url + "/")
    page.fill("#text", article)
    page.click("button[type=submit]")
    page.wait_for_selector("section.post")
    assert page.locator("p.hidden-layers").count() == 1
    assert page.locator("mark.tech").count() == 0
    # ?show=all shows everything.
    page.goto(server.url + "/?show=all")
    page.fill("#text", article)
    page.click("button[type=submit]")
    page.wait_for_selector("section.post")
    assert page.locator("p.hidden-layers").count() == 0
    assert page.locator("section.post").count() == 2
    first = page.locator("section.post").first
    assert "@patquinn" in first.inner_text() and "2021-06-01" in first.inner_text()
    # Every post: its tone and its stance; yes/no judgements only when yes. These posts
    # are literal complaints: the irony head at its F1 threshold had called both ironic.
    assert page.locator("section.post .badge").count() >= 4
    assert "ironic" not in page.locator("section.post").first.inner_text()
    marks = page.locator("mark.tech")
    assert marks.count() >= 1
    assert marks.first.get_attribute("data-label")  # label and score on hover/focus
    flags = page.locator("ol.flags li")
    kinds = flags.all_inner_texts()
    assert any("unsupported_generalisation" in k for k in kinds)
    assert any("single_source" in k for k in kinds)
    # A flag's link jumps to its evidence in the text.
    href = flags.first.locator("a").get_attribute("href")
    assert page.locator(href).count() == 1
    assert page.locator("figure img").count() >= 1
    page.screenshot(path=str(shots / "analyze_result.png"), full_page=True)
    assert dialogs == []
    page.close()


def test_xss_article_renders_inert(server, browser, shots):
    page = browser.new_page()
    dialogs, errors = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(server.url + "/")
    page.set_input_files("#file", str(FIXTURES / "xss_article.html"))
    page.check("input[name=store]")
    page.click("button[type=submit]")
    page.wait_for_selector("article.report")
    assert page.locator("script").count() == 0
    assert page.locator("img[src='x']").count() == 0
    assert page.evaluate("() => [...document.querySelectorAll('[onerror],[onclick],[onload]')]"
                         ".length") == 0
    hrefs = page.evaluate("() => [...document.querySelectorAll('a')].map(a => a.href)")
    assert not [h for h in hrefs if h.lower().startswith("javascript:")]
    assert "<script>alert(1)</script>" in page.locator("h1").inner_text()
    # Stored, then browsed: the articles list and the report are inert too.
    page.goto(server.url + "/articles")
    page.click("text=row")
    page.wait_for_selector("article.report")
    assert page.locator("script").count() == 0
    page.screenshot(path=str(shots / "xss_article.png"), full_page=True)
    assert dialogs == []
    page.close()


def test_keyboard_reaches_highlights_and_colours_keep_text_readable(server, browser, shots,
                                                                    fixture_text):
    for colour in TECHNIQUE_COLOURS.values():
        assert contrast_ratio(TEXT_COLOUR, colour) >= 4.5, colour
    page = browser.new_page()
    page.goto(server.url + "/?show=all")
    page.fill("#text", fixture_text("budget_techniques.txt"))
    page.click("button[type=submit]")
    page.wait_for_selector("mark.tech")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.className") == "skip"
    for _ in range(60):  # Tab through the page until a highlight has the focus
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.tagName") == "MARK":
            break
    else:
        raise AssertionError("no highlight reachable by keyboard")
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    # The rendered colours, as the browser computes them, meet WCAG AA.
    pairs = page.evaluate("""() => [...document.querySelectorAll('mark.tech')].map(m => {
        const s = getComputedStyle(m); return [s.color, s.backgroundColor]; })""")
    for fg, bg in pairs:
        assert contrast_ratio(_rgb_to_hex(fg), _rgb_to_hex(bg)) >= 4.5, (fg, bg)
    page.screenshot(path=str(shots / "keyboard_focus.png"))
    page.close()


def test_pages_work_without_javascript(server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server.url + "/articles")
    assert page.locator("h1").inner_text() == "Articles"
    page.fill("#q", "pools")
    page.click("button[type=submit]")
    page.goto(server.url + "/search?q=pools")
    assert page.locator("h1").inner_text() == "Search"
    context.close()
