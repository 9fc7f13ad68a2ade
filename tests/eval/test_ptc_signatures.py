"""On real news text (the PTC articles in ../shared/data), every post signature is found.

The reference count comes from a naive pattern that only matches the complete
``(@handle) Month D, YYYY`` / ``Posted by X on Weekday, DATE`` cores, independent of the
extractor's name and boundary logic. Skips when the data is absent.
"""

from __future__ import annotations

import re
from collections import Counter

from echoscope.analyzers.posts import extract_posts

NAIVE_TWEET = re.compile(r"\(@(\w+)\)\s*(?:[^\W\d]+ \d{1,2}, \d{4}|\d{1,2} [^\W\d]+ \d{4})")
NAIVE_FACEBOOK = re.compile(r"Posted by .+? on (?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, ")


def test_every_signature_in_ptc_is_extracted(shared_data):
    folder = shared_data / "propaganda" / "semeval2020-task11-ptc" / "datasets"
    files = sorted(folder.glob("*-articles/*.txt"))
    assert len(files) == 536
    expected, got = Counter(), Counter()
    facebook_expected = facebook_got = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        expected.update((path.name, h) for h in NAIVE_TWEET.findall(text))
        facebook_expected += len(NAIVE_FACEBOOK.findall(text))
        for post in extract_posts(text):
            if post.platform == "facebook":
                facebook_got += 1
            else:
                got[(path.name, post.handle)] += 1
    assert sum(expected.values()) >= 170
    assert got == expected
    assert facebook_got == facebook_expected == 7
