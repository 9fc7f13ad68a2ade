"""On real news text (the PTC articles in ../shared/data), every post signature is found.

The reference comes from a naive pattern that only matches the complete
``(@handle) Month D, YYYY`` / ``Posted by X on Weekday, DATE`` cores, independent of the
extractor's name and boundary logic; English dates are parsed with ``strptime``.
Skips when the data is absent.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime

from echoscope.analyzers.posts import extract_posts

NAIVE_TWEET = re.compile(r"\(@(\w+)\)\s*([^\W\d]+ \d{1,2}, \d{4}|\d{1,2} [^\W\d]+ \d{4})")
NAIVE_FACEBOOK = re.compile(r"Posted by .+? on (?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, ")


def _english_date(text: str) -> str | None:
    try:
        return datetime.strptime(text, "%B %d, %Y").date().isoformat()
    except ValueError:
        return None


def test_every_signature_in_ptc_is_extracted(shared_data):
    folder = shared_data / "propaganda" / "semeval2020-task11-ptc" / "datasets"
    files = sorted(folder.glob("*-articles/*.txt"))
    assert len(files) == 536
    expected, got = Counter(), Counter()
    dated_expected, dated_got = Counter(), Counter()
    facebook_expected = facebook_got = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        for handle, date_text in NAIVE_TWEET.findall(text):
            expected[(path.name, handle)] += 1
            iso = _english_date(date_text)
            if iso:
                dated_expected[(path.name, handle, iso)] += 1
        facebook_expected += len(NAIVE_FACEBOOK.findall(text))
        for post in extract_posts(text):
            if post.platform == "facebook":
                facebook_got += 1
                continue
            if post.handle is None:
                # A post the prose quotes by its author's name ('"…," Cecil tweeted.'):
                # no signature to count, but an author to name — or by a pronoun ('"…,"
                # he tweeted.'), whose author only the quotation layer may give
                assert text[post.start] in "\"“"
                assert post.display_name or re.search(
                    r"(?i)\b(?:she|he|they)\s+(?:\w+ly\s+|later\s+|then\s+|also\s+)?"
                    r"(?:wr|post|tweet|shar|said|says)", text[max(0, post.start - 80):post.end + 40])
                continue
            got[(path.name, post.handle)] += 1
            dated_got[(path.name, post.handle, post.posted)] += 1
            assert post.display_name and "\n" not in post.display_name
            assert "(@" not in post.display_name and len(post.display_name) <= 50
    assert sum(expected.values()) == 170
    assert got == expected
    assert not dated_expected - dated_got
    assert facebook_got == facebook_expected == 7
