from __future__ import annotations

import pytest

from echoscope.analyzers.date_check import PostDateCheck
from echoscope.doc import Doc, Post


def doc_with(published, *posted):
    posts = [Post("twitter", f"post {i}", i * 10, i * 10 + 5, handle=f"h{i}", posted=d)
             for i, d in enumerate(posted)]
    return Doc(text="x" * 100, source="t", published=published, posts=posts)


@pytest.mark.parametrize(
    "posted, flagged",
    [("2020-04-02", False), ("2020-03-03", False), ("2020-03-02", True), ("2019-04-01", True),
     ("2020-04-03", True), (None, False)],
)
def test_window(posted, flagged):
    doc = PostDateCheck()(doc_with("2020-04-02", posted))
    assert bool(doc.flags) is flagged
    if flagged:
        (f,) = doc.flags
        assert f.kind == "post_date_anomaly"
        assert (f.start, f.end, f.post) == (0, 5, 0)
        assert posted in f.message


def test_no_article_date_no_check():
    assert PostDateCheck()(doc_with(None, "1999-01-01")).flags == []


def test_configurable_window():
    check = PostDateCheck({"max_days_before": 400, "max_days_after": 2})
    assert check(doc_with("2020-04-02", "2019-04-01", "2020-04-04")).flags == []
