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
]
_CLASS = {"twitter": "twitter-tweet", "mastodon": "mastodon-embed", "bluesky": "bluesky-embed"}


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
