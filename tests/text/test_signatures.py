"""One signature grammar, one table of variants, run against both the text and HTML paths."""

from __future__ import annotations

from html import escape

import pytest

from echoscope.analyzers.posts import extract_posts
from echoscope.readers.html import parse_html
from echoscope.text.signatures import find_signatures

BODY = "The library stays open on Sundays, and that is final."
# (signature as rendered under the post, handle, display name, date, platform)
VARIANTS = [
    ("— Maya Okafor (@maya_okafor) April 2, 2020", "maya_okafor", "Maya Okafor", "2020-04-02",
     "twitter"),
    ("- Maya Okafor (@maya_okafor) April 2, 2020", "maya_okafor", "Maya Okafor", "2020-04-02",
     "twitter"),
    ("-- Maya Okafor (@maya_okafor) April 2, 2020", "maya_okafor", "Maya Okafor", "2020-04-02",
     "twitter"),
    ("— Maya 🌹 Okafor (@maya) 2 April 2020", "maya", "Maya 🌹 Okafor", "2020-04-02", "twitter"),
    ("— Riverton News | Live (@rivnews) Apr 2, 2020", "rivnews", "Riverton News | Live",
     "2020-04-02", "twitter"),
    ("— Dev \"the Hammer\" Patel (@devp) April 2, 2020 at 12:51pm PST", "devp",
     "Dev \"the Hammer\" Patel", "2020-04-02", "twitter"),
    ("— Ana Ruiz (@anaruiz) 2 de abril de 2020", "anaruiz", "Ana Ruiz", "2020-04-02", "twitter"),
    ("— Ann Lee (@ann@social.example.org) 2020-04-02", "ann@social.example.org", "Ann Lee",
     "2020-04-02", "mastodon"),
    ("— Bo Sato (@bo.example.com) April 2, 2020", "bo.example.com", "Bo Sato", "2020-04-02",
     "bluesky"),
    # A hyphen near the end of the post must not open the display name.
    ("Go Chick-fil-A! — Lee Grant (@leegrant) June 3, 2019", "leegrant", "Lee Grant",
     "2019-06-03", "twitter"),
    # The platform alone between commas (a fresh audit's: the date and platform had been
    # lost).
    ("— Maya Okafor (@maya_okafor), Instagram, April 2, 2020", "maya_okafor", "Maya Okafor",
     "2020-04-02", "instagram"),
]
_CLASS = {"twitter": "twitter-tweet", "mastodon": "mastodon-embed", "bluesky": "bluesky-embed",
          "instagram": "instagram-media"}


@pytest.mark.parametrize("signature,handle,name,date,platform", VARIANTS)
def test_text_path(signature, handle, name, date, platform):
    text = f"The council met on Monday.\n\n{BODY} {signature}\n\nThe vote is next week."
    (post,) = extract_posts(text)
    assert (post.handle, post.display_name, post.posted, post.platform) == (
        handle, name, date, platform)


@pytest.mark.parametrize("signature,handle,name,date,platform", VARIANTS)
def test_html_path(signature, handle, name, date, platform):
    page = (f"<html><body><article><p>The council met on Monday.</p>"
            f"<blockquote class='{_CLASS[platform]}'><p>{escape(BODY)}</p>{escape(signature)}"
            f"</blockquote><p>The vote is next week, and the council says so.</p>"
            f"</article></body></html>")
    doc = parse_html(page, "t.html")
    (post,) = doc.posts
    assert (post.handle, post.display_name, post.posted) == (handle, name, date)


def test_a_bare_handle_in_prose_is_not_a_signature():
    assert find_signatures("Maya Okafor (@maya_okafor) said the vote was close.") == []
    # Inside an embed the date may be missing, but only after a dash.
    (sig,) = find_signatures("Great news — Maya Okafor (@maya_okafor)", date_required=False)
    assert (sig.handle, sig.display_name, sig.posted) == ("maya_okafor", "Maya Okafor", None)
    assert find_signatures("thanks to (@maya_okafor) for this", date_required=False) == []


def test_a_time_on_the_next_line_is_not_the_signatures():
    """A live blog in plain text: the next entry opens with its time ("09:20 — …") on the
    line after a signature; the signature's span ends at its date (it swallowed the time,
    and the next entry lost it). A time on the same line stays the signature's."""
    text = ("08:41 — The union organiser posted this:\n\nPicket line since 5am. Not one "
            "scab. — Bev Toller (@BevToller) November 17, 2026\n\n09:20 — Northvale Rail "
            "has issued a statement.")
    (post,) = extract_posts(text)
    assert text[post.start:post.end].endswith("November 17, 2026")
    assert post.posted == "2026-11-17"
    (sig,) = find_signatures(text)
    assert text[sig.start:sig.end].endswith("2026")
    same_line = "Picket line. — Bev Toller (@BevToller) November 17, 2026 at 9:14am GMT\n\nMore."
    (sig,) = find_signatures(same_line)
    assert same_line[sig.start:sig.end].endswith("9:14am GMT")


@pytest.mark.parametrize("tail", [
    "March 16, 2026\u00a0at\u00a010:20 AM", "March 16, 2026 at 10:20\u00a0AM\u00a0EST",
    "March 16, 2026,\t10:20 AM",
])
def test_a_no_break_space_or_a_tab_joins_a_date_to_its_time(tail):
    """Review 19h, item 9: pages put no-break spaces between a date, its time and its zone;
    only a line break parts them."""
    text = f"Ferry is safe.\n— Skerra Ferries (@SkerraFerries) {tail}\nNext para."
    (sig,) = find_signatures(text, date_required=False)
    assert text[sig.start:sig.end].endswith(tail) and sig.posted == "2026-03-16"
    broken = "Ferry is safe.\n— Skerra Ferries (@SkerraFerries) March 16, 2026,\n10:20 AM\nNext."
    (sig,) = find_signatures(broken, date_required=False)
    assert broken[sig.start:sig.end].endswith("2026")
