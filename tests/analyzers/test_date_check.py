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


def _dated(lead: str, posted: str, published: str = "2024-05-06", before: str = ""):
    """An article whose post, dated ``posted``, follows the prose ``lead`` (and, before that,
    another post whose text is ``before``)."""
    text = ""
    posts = []
    if before:
        posts.append(Post("twitter", before, 0, len(before), handle="a", posted=published))
        text = before + "\n\n"
    text += lead + "\n\n"
    body = "Second homes are the problem."
    posts.append(Post("twitter", body, len(text), len(text) + len(body), handle="b",
                      posted=posted))
    text += body
    return PostDateCheck()(Doc(text=text, source="t", published=published, posts=posts))


@pytest.mark.parametrize("lead, posted, flagged", [
    ("In July 2019 she posted this:", "2019-07-19", False),  # the article dates it
    ("Back in 2019, she wrote:", "2019-07-19", False),
    ("She wrote this week:", "2019-07-19", True),  # presented as new
    ("In 2021, after the 2019 vote, she wrote:", "2022-01-03", True),  # another year
    ("In March 2024 she wrote:", "2024-03-01", False),  # same year as the story: the month
    ("On March 11, she wrote:", "2024-03-11", False),
    ("Earlier in 2024 she wrote:", "2024-03-01", True),  # ... the year alone is not enough
    ("Last month, she shared a photo:", "2024-04-01", False),  # placed in the past
    ("Two years ago she wrote:", "2022-04-01", False),
    ("She wrote in March:", "2023-03-01", True),  # a month of another year than the story's
    # Placed after another event the story tells of: the article situates it in time.
    ("Five months later, prosecutors said, he posted again:", "2022-01-06", False),
    ("The following year she wrote:", "2022-01-06", False),
    ("Later she wrote:", "2022-01-06", True),  # no span of time: not dated
    # Called old, not dated: still flagged (the phrase is as often about another post, or
    # beside a post presented as new: tried twice and withdrawn after reviewers' probes).
    ("An older post from the same account struck a different note:", "2022-06-14", True),
    ("While critics circulated an old tweet of hers, she posted this:", "2022-06-14", True),
])
def test_an_old_post_the_article_dates_itself_is_not_flagged(lead, posted, flagged):
    doc = _dated(lead, posted)
    assert [f.post for f in doc.flags] == ([0] if flagged else [])


def test_a_year_inside_the_post_before_does_not_date_the_next_one():
    doc = _dated("She wrote:", "2019-07-19", before="Remember 2019? Never again.")
    assert [f.post for f in doc.flags] == [1]


@pytest.mark.parametrize("after, title, posted, flagged", [
    ("The post was published in July 2019, years before the fire.", None, "2019-07-19",
     False),
    ("She wrote it five years earlier, as a student.", None, "2019-07-19", False),
    ("Hundreds replied within the hour.", None, "2019-07-19", True),  # nothing dates it
    ("Hundreds replied within the hour.", "Jury shown defendant's 2019 post", "2019-07-19",
     False),
    ("Hundreds replied within the hour.", "Storm of replies after 2022 vote", "2019-07-19",
     True),
    # not about the post, or not right after it: no dating
    ("Turnout was up on last year.", None, "2019-07-19", True),
    ("The party has lost every vote since 2019.", None, "2019-07-19", True),
    ("Hundreds replied. The post was written in 2019.", None, "2019-07-19", True),
    # the headline's year is the story's own: it dates nothing, unless it dates the post
    ("Hundreds replied within the hour.", "Election 2024: the final week", "2024-01-10",
     True),
    ("Hundreds replied within the hour.", "Jury shown defendant's 2024 post", "2024-01-10",
     False),
    ("Hundreds replied within the hour.", "The 2024 Post Office inquiry", "2024-01-10", True),
    ("Hundreds replied within the hour.", "Inside the 2024 post-election turmoil",
     "2024-01-10", True),
    # abbreviations do not end the sentence; "That was ..." is about the post
    ("The tweet was posted on Sept. 4, 2019, years before the fire.", None, "2019-09-04",
     False),
    ("That was in 2019, years before the fire.", None, "2019-07-19", False),
])
def test_an_old_post_dated_right_after_it_or_in_the_headline_is_not_flagged(after, title,
                                                                           posted, flagged):
    text = "She wrote:\n\n"
    body = "Second homes are the problem."
    post = Post("twitter", body, len(text), len(text) + len(body), handle="b", posted=posted)
    text += body + "\n\n" + after
    doc = PostDateCheck()(Doc(text=text, source="t", published="2024-05-06", posts=[post],
                              title=title))
    assert [f.post for f in doc.flags] == ([0] if flagged else [])


def test_the_prose_after_a_post_ends_at_the_next_post():
    body = "Second homes are the problem."
    text = "She wrote:\n\n" + body + "\n\nThen:\n\n" + "Never again in 2019."
    posts = [Post("twitter", body, 12, 12 + len(body), handle="b", posted="2019-07-19"),
             Post("twitter", "Never again in 2019.", text.index("Never"), len(text),
                  handle="c", posted="2024-05-01")]
    doc = PostDateCheck()(Doc(text=text, source="t", published="2024-05-06", posts=posts))
    assert [f.post for f in doc.flags] == [0]  # the year inside the next post dates nothing


_FILLER = ("The company has grown from four people in a garage to a staff of ninety, with "
           "offices in two cities and a waiting list of installers who want its units. ")


@pytest.mark.parametrize("lead, flagged", [
    # An interview's question dates the post its answer quotes, more than 300 characters
    # before it: the two paragraphs leading in to a post are read whole.
    ("Q: Four years ago a rival called your product a toy. Did that sting?\n\n"
     "A: I remember the post. " + _FILLER * 3, False),
    # ... also when the question begins beyond 300 characters and ends within them.
    ("Q: Four years ago a rival called your product a toy, and " + "said so again, " * 10
     + "in every trade paper. Did that sting?\n\nA: I remember it. " + _FILLER, False),
    # Three paragraphs back is not a lead-in; nor is a long paragraph's far start.
    ("Q: Four years ago a rival called your product a toy.\n\nA: Did it sting?\n\n"
     "Q: Go on. " + _FILLER * 3, True),
    ("Four years ago a rival called the product a toy. " + _FILLER * 10, True),
    # Further back than 300 characters, a paragraph that neither speaks of a post nor asks
    # a question dates nothing.
    ("The ferry budget was cut by a fifth last year.\n\n" + _FILLER * 3, True),
])
def test_the_paragraphs_leading_in_to_a_post_are_read_whole(lead, flagged):
    assert len(lead.rsplit("\n\n", 1)[-1]) > 300 or not flagged
    doc = _dated(lead, "2020-04-01")
    assert [f.post for f in doc.flags] == ([0] if flagged else [])


@pytest.mark.parametrize("lead, flagged", [
    ("Several customers had complained weeks before the recall.", []),
    ("Customers complained online:", [0, 1, 2]),  # nothing dates the run
])
def test_posts_quoted_back_to_back_share_the_prose_that_dates_the_first(lead, flagged):
    """Three posts quoted one after another under one sentence that dates them: the sentence
    dates each (the audit found the second and third flagged as old news presented as a
    reaction); prose between two posts still ends the run (the test above)."""
    text = lead + "\n\n"
    posts = []
    for k, body in enumerate(("My kettle lid flew open.", "Sorry to hear this, please DM us.",
                              "Mine did the same thing.")):
        posts.append(Post("twitter", body, len(text), len(text) + len(body), handle=f"h{k}",
                          posted="2025-04-28"))
        text += body + "\n\n"
    doc = PostDateCheck()(Doc(text=text, source="t", published="2025-06-20", posts=posts))
    assert [f.post for f in doc.flags] == flagged


def test_a_post_quoted_inside_another_does_not_start_a_run_of_its_own():
    """Post B quoted inside post A (a quote post): the post right after A is in A's run,
    dated (or not) by the prose before A, never by A's own words (the first draft of the
    runs let B's start lead C's run)."""
    lead = "Customers complained online:\n\n"
    a_body = "Last month they said it was fixed. QT: Still broken."
    c_body = "Same here."
    text = lead + a_body + "\n\n" + c_body
    a = Post("twitter", a_body, len(lead), len(lead) + len(a_body), handle="a",
             posted="2025-04-28")
    inner = text.index("Still broken.")
    b = Post("twitter", "Still broken.", inner, inner + len("Still broken."), handle="b",
             posted="2025-04-28")
    c = Post("twitter", c_body, len(text) - len(c_body), len(text), handle="c",
             posted="2025-04-28")
    flagged = [[f.post for f in PostDateCheck()(Doc(text=text, source="t",
                                                    published="2025-06-20",
                                                    posts=posts)).flags]
               for posts in ([a, c], [a, b, c])]
    # C is flagged either way (A's "Last month" dates only what A quotes, B).
    assert flagged == [[0, 1], [0, 2]]


def test_posts_quoted_in_prose_are_dated_by_it_and_cards_are_not():
    """A post the prose quotes ("wrote on X on June 8, 2023: "…"") is dated by the prose
    that leads in to it; a card copied header first carries its own date, which the
    article may leave unsaid (an old post passed off as new)."""
    from echoscope.analyzers.posts import PostExtractor
    text = ("Marchbank has changed her mind before. @odessam (Odessa Marchbank) wrote on X on "
            "June 8, 2023: \u201cI will never stand for office. The Larder needs me.\u201d\n\n"
            "This week her rivals circulated a post of hers.\n\n"
            "Odessa Marchbank (@odessam) \u00b7 Nov 2, 2022\n"
            "Feeding people is not a party position.\n\u2014 posted on X\n\n"
            "She did not respond.")
    doc = PostExtractor()(Doc(text=text, source="t", published="2025-06-10"))
    assert [p.posted for p in doc.posts] == ["2023-06-08", "2022-11-02"]
    doc = PostDateCheck()(doc)
    assert [f.post for f in doc.flags if f.kind == "post_date_anomaly"] == [1]


def test_a_post_quoted_mid_line_leads_in_to_the_next_and_short_months_date():
    """A post the prose quotes mid-line is part of the prose leading in to the next post
    ("In 2019, X backed a tax. This week @y posted on X: "Receipts." …" dates the 2019
    embed below); "On Jan. 14" dates a post of the story's own year (a reviewer's)."""
    from echoscope.analyzers.posts import PostExtractor
    text = ("In 2019, Albright backed a tourist tax. This week @dwhit posted on X on June 4, "
            "2025: \u201cReceipts.\u201d She attached this:\n\nTourist taxes work. \u2014 Tom "
            "Albright (@TomAlbrightRiv) March 4, 2019\n\nOn Jan. 14, Albright posted again."
            "\n\nTom Albright (@TomAlbrightRiv) \u00b7 Jan 14, 2025\nTax the visitors.\n"
            "\u2014 posted on X\n\nHe has not stopped.")
    doc = PostExtractor()(Doc(text=text, source="t", published="2025-06-10"))
    assert [p.posted for p in doc.posts] == ["2025-06-04", "2019-03-04", "2025-01-14"]
    assert PostDateCheck()(doc).flags == []
