"""Post signatures in plain text: every variant named in the foundation issue."""

from __future__ import annotations

import pytest

from echoscope.analyzers.posts import PostExtractor, extract_posts
from echoscope.doc import Doc, Post

PROSE = (
    "The council met on Monday to discuss the budget, and the debate that followed was long, "
    "loud and, for several members, deeply uncomfortable to sit through in public."
)


def one(text: str) -> Post:
    posts = extract_posts(text)
    assert len(posts) == 1, [p.to_dict() for p in posts]
    return posts[0]


def test_standard_signature_fields_and_offsets():
    body = "Libraries are not a luxury. #SaveEastside pic.twitter.com/Lk3JhQ9zPa"
    sig = " — Maya Okafor (@MayaOkaforRiv) March 2, 2021"
    text = f"{PROSE}\n\n{body}{sig}\n\n{PROSE}"
    p = one(text)
    assert (p.platform, p.handle, p.display_name, p.posted) == (
        "twitter", "MayaOkaforRiv", "Maya Okafor", "2021-03-02")
    assert p.text == body
    assert p.hashtags == ["SaveEastside"]
    assert p.links == ["https://pic.twitter.com/Lk3JhQ9zPa"]
    assert text[p.start:p.end] == body + sig


@pytest.mark.parametrize(
    "signature, name",
    [
        ("\n—\nLeah Brandt (@leahbrandt) March 15, 2022", "Leah Brandt"),  # dash on its own line
        (" — Tom\nAlbright (@leahbrandt) March 15, 2022", "Tom Albright"),  # name broken
        (" - Leah Brandt (@leahbrandt) March 15, 2022", "Leah Brandt"),  # hyphen
        (" -- Leah Brandt (@leahbrandt) March 15, 2022", "Leah Brandt"),  # double hyphen
        (" – Leah Brandt (@leahbrandt) March 15, 2022", "Leah Brandt"),  # en dash
        ("   Leah Brandt (@leahbrandt) March 15, 2022", "Leah Brandt"),  # dash lost, spaces
        (" — Dr. Sam \"Bookworm\" O'Neil (@leahbrandt) March 15, 2022", "Dr. Sam \"Bookworm\" O'Neil"),
        (" — Riverton Readers 📚 | Est. 1998 (@leahbrandt) March 15, 2022",
         "Riverton Readers 📚 | Est. 1998"),
        (" — Jordan Ruiz *Eastside* 🌹 (@leahbrandt) March 15, 2022", "Jordan Ruiz *Eastside* 🌹"),
        # A dash inside the display name must not be taken for the signature dash.
        (" — Dr Kay - Text “VOTE” to 555 (@leahbrandt) March 15, 2022",
         "Dr Kay - Text “VOTE” to 555"),
        (" — Ana Ferreira-Lopes (@leahbrandt) March 15, 2022", "Ana Ferreira-Lopes"),
    ],
)
def test_signature_variants(signature, name):
    body = "Where do we go now, councillor?"
    p = one(f"{PROSE}\n\n{body}{signature}\n\n{PROSE}")
    assert p.display_name == name
    assert p.handle == "leahbrandt"
    assert p.posted == "2022-03-15"
    assert p.text == body


def test_year_glued_to_next_sentence():
    text = (f"{PROSE}\n\nA vote is a vote. — Riverton Teachers (@RivTeachers) March 14, 2022"
            "Some residents started a petition.\n\nMore prose.")
    p = one(text)
    assert p.posted == "2022-03-14"
    assert text[p.end:].startswith("Some residents")


def test_two_posts_glued_in_one_paragraph_do_not_swallow_each_other():
    text = ("First post text. — Ann (@ann) May 1, 2020Second post text. — Bob (@bob) May 2, 2020")
    a, b = extract_posts(text)
    assert (a.text, a.handle) == ("First post text.", "ann")
    assert (b.text, b.handle, b.posted) == ("Second post text.", "bob", "2020-05-02")


def test_instagram_signature():
    text = (f"{PROSE}\n\nView this post on Instagram\nOur last storytime. #EastsideLibrary\n"
            "A post shared by Friends of Eastside (@friends.of.eastside) on Mar 12, 2022 at "
            "4:05pm PST\n\n" + PROSE)
    p = one(text)
    assert (p.platform, p.handle, p.display_name, p.posted) == (
        "instagram", "friends.of.eastside", "Friends of Eastside", "2022-03-12")
    assert p.text == "Our last storytime. #EastsideLibrary"
    assert text[p.end:].startswith("\n\n")


def test_glued_links_and_hashtags():
    body = ("Vote! #WhatAboutUs#RealityCheck and #Eastsidehttps://t.co/Zq81Lm4XvApic.twitter.com/"
            "Rt5Yh2Kw9P")
    p = one(f"{body} — Reader (@reader) April 2, 2020")
    assert p.hashtags == ["WhatAboutUs", "RealityCheck", "Eastside"]
    assert p.links == ["https://t.co/Zq81Lm4XvA", "https://pic.twitter.com/Rt5Yh2Kw9P"]


def test_links_glued_to_words_and_pic_x():
    p = one("Full statement here on #laboursplitpic.x.com/P3M6U2Xxr7 and a passhttps://t.co/"
            "LQoIVgSnCv — Reporter (@rep) February 18, 2019")
    assert p.hashtags == ["laboursplit"]
    assert p.links == ["https://pic.x.com/P3M6U2Xxr7", "https://t.co/LQoIVgSnCv"]


def test_mentions_exclude_emails_and_signature():
    p = one("Thanks @CityHall and @jo_m! Mail me at press@example.org — Kim (@kim) May 1, 2020")
    assert p.mentions == ["CityHall", "jo_m"]


def test_a_handle_keeps_its_inner_dots_not_a_full_stop():
    from echoscope.text.social_text import find_mentions

    assert find_mentions("Loved it, @ana.ruiz and @bo_d. See @kim.") == ["ana.ruiz", "bo_d", "kim"]
    assert find_mentions("Thanks @CityHall.Great work. Mail @press.com") == ["CityHall", "press"]


def test_post_text_is_the_passage_not_the_prose_before_it():
    text = (f"{PROSE}\n\nOthers were blunter.\n\nThis is a disgrace. — Lee (@lee) May 1, 2020")
    assert one(text).text == "This is a disgrace."


def test_one_sentence_per_line_stops_at_prose_that_introduces_the_post():
    # PTC-style text: one sentence per line, no blank lines.
    lines = [
        "The mayor spoke on Sunday about the storm damage across the eastern districts.",
        "Residents rushed to Twitter to accuse the council of ignoring early warnings.",
        "I cannot believe this.",
        "Nobody warned us.",
        "— Wayne Campbell (@wcampbell) 31 декабря 2018 г.",
        "The council has promised a review of its alert system.",
    ]
    p = one("\n".join(lines))
    assert p.text == "I cannot believe this.\nNobody warned us."
    assert p.posted == "2018-12-31"
    assert p.display_name == "Wayne Campbell"


def test_a_sites_small_print_is_never_a_posts_text():
    # A scraped page can run a poll or a sign-up box in between a post's text and its
    # signature: its form labels and small print are the page's, not the post's.
    post = "The review found nothing. Time to move on."
    box = ["Will the council act before winter?", "Yes", "No", "Email *",
           "Name This field is for validation purposes and should be left unchanged.",
           "You may opt out at anytime.",
           "You also agree to this site's Privacy Policy and Terms of Use."]
    sig = "— Dana Holt (@danaholt) May 4, 2019"
    lines = ["The mayor spoke on Sunday about the storm damage across the districts.", post]
    p = one("\n".join([*lines, *box, sig]))
    assert p.text == "" and p.handle == "danaholt"
    # Above the post's own lines, it ends the walk back.
    p = one("\n".join([lines[0], *box, post, sig]))
    assert p.text == post
    # A post that speaks of a privacy policy is still a post.
    tweet = "The new privacy policy is a disgrace. Read it before you click accept."
    assert one(f"{lines[0]}\n\n{tweet}\n{sig}").text == tweet


def test_one_sentence_per_line_respects_the_length_of_a_tweet():
    long_prose = "Officials said " + "the response had been slow and badly coordinated, " * 5 + "."
    lines = [long_prose, "This is a true tragedy!", "— Gov Office (@govoffice) February 11, 2018"]
    assert one("\n".join(lines)).text == "This is a true tragedy!"


def test_name_on_the_line_before_the_handle():
    p = one("Another night in jail for protesters.\npic.twitter.com/mGHOzsN6Pp — S. Lee Merritt, "
            "Esq.\n(@MeritLaw) September 17, 2018")
    assert p.display_name == "S. Lee Merritt, Esq."
    assert p.handle == "MeritLaw"


@pytest.mark.parametrize(
    "date_text, iso",
    [("April 2, 2020", "2020-04-02"), ("Apr 2, 2020", "2020-04-02"), ("2 April 2020", "2020-04-02"),
     ("Sept. 9, 2019", "2019-09-09"), ("9 septembre 2019", "2019-09-09"),
     ("1 января 2019 г.", "2019-01-01"), ("Jul 8, 2021 at 2:14pm PDT", "2021-07-08")],
)
def test_date_formats(date_text, iso):
    assert one(f"Text here. — Someone (@someone) {date_text}").posted == iso


def test_other_platform_handles():
    bsky = one("Post text. — Marta (@marta.bsky.social) July 8, 2021")
    masto = one("Toot text. — Harbour Watch (@harbourwatch@mastodon.social) July 8, 2021")
    assert (bsky.platform, bsky.handle) == ("bluesky", "marta.bsky.social")
    assert (masto.platform, masto.handle) == ("mastodon", "harbourwatch@mastodon.social")
    # A dotted handle that is no domain is no Bluesky's (a fresh audit's Instagram reply
    # "@saskia.cooks"): unknown, unless the sentence before names where it was posted.
    dotted = one("Post text. \u2014 Saskia (@saskia.cooks) July 8, 2021")
    assert (dotted.platform, dotted.handle) == ("unknown", "saskia.cooks")
    named = one("She posted on Instagram:\n\nPost text. \u2014 Saskia (@saskia.cooks) July 8, "
                "2021")
    assert named.platform == "instagram"
    paper = one("Post text. \u2014 The Courier (@courier.co.uk) July 8, 2021")
    assert paper.platform == "bluesky"
    # (a lead-in inside the post's paragraph names it too, and a text that names Bluesky
    # alone makes a domain-shaped handle Bluesky's: a reviewer's "@meilin.science")
    lead = ("Mei Lin wrote on Threads on Saturday. \"Grant cuts will end careers\" \u2014 Mei "
            "Lin (@meilin.science) February 1, 2025.")
    assert [p.platform for p in extract_posts(lead)] == ["threads"]
    alone = "Bluesky is busy.\n\nGrant cuts. \u2014 Mei Lin (@meilin.science) February 1, 2025"
    assert [p.platform for p in extract_posts(alone)] == ["bluesky"]
    # (X beside it, however written, takes no dotted handle; Instagram does)
    for lead, platform in (("On X and on Bluesky, an X post", "bluesky"),
                           ("Bluesky and Instagram were busy", "unknown")):
        text = f"{lead}.\n\nGrant cuts. \u2014 Mei Lin (@meilin.science) February 1, 2025"
        assert [p.platform for p in extract_posts(text)] == [platform], lead


def test_a_quotation_closed_after_the_signature_leaves_its_lead_in_out():
    """'… posted on X on Wednesday afternoon. "Every horse … hide. — Clare Ashcombe
    (@ClareAshcombeRacing) October 2, 2024"': the mark closed after the signature; the
    lead-in and the opening mark are not the post's (a fresh audit's)."""
    text = ("Clare Ashcombe spoke on Wednesday.\n\nThe younger Ashcombe also posted on X on "
            "Wednesday afternoon. \"Every horse in our yard is treated by the same vet. We "
            "have nothing to hide. \u2014 Clare Ashcombe (@ClareAshcombeRacing) October 2, "
            "2024\"\n\nThe BHA declined to comment.")
    (post,) = extract_posts(text)
    assert post.text == ("Every horse in our yard is treated by the same vet. We have "
                         "nothing to hide.")
    (post,) = extract_posts(text.replace("posted on X on Wednesday afternoon.", "posted on X."))
    assert post.text.startswith("Every horse")


def test_prose_with_a_handle_in_parentheses_is_not_a_post():
    text = "President Lee (@PresLee) said on Monday that the budget would pass.\n\nMore text."
    assert extract_posts(text) == []


def test_existing_posts_are_not_extracted_twice():
    text = "Post. — Ann (@ann) May 1, 2020\n\nOther. — Bob (@bob) May 2, 2020"
    first = extract_posts(text)[0]
    doc = PostExtractor()(Doc(text=text, source="t", posts=[first]))
    assert [p.handle for p in doc.posts] == ["ann", "bob"]


def test_facebook_posted_by_signature():
    text = (f"{PROSE}\n\nRefunds will be issued within 14 days... Posted by Riverton City Council "
            "on Thursday, July 8, 2021\n\n" + PROSE)
    p = one(text)
    assert (p.platform, p.handle, p.display_name, p.posted) == (
        "facebook", None, "Riverton City Council", "2021-07-08")
    assert p.text == "Refunds will be issued within 14 days..."


def test_the_articles_quotation_marks_around_a_whole_post_are_not_its_text():
    """An article may put a quoted post in quotation marks: they are the article's, not
    the post's (the post's text kept them, and the whole post became a quotation inside
    itself). Marks inside the post, or a post that opens with one quotation and goes on,
    are kept."""
    from echoscope import load_settings
    from echoscope.pipeline import build_pipeline
    from echoscope.readers.text import parse_text

    text = ("The minister posted on Tuesday.\n\n"
            "\u201cThe delta is not for sale. Not now, not ever.\u201d\n"
            "\u2014 Le Hoang Anh (@lehoanganh) October 21, 2026\n\n"
            "A rival replied within minutes.\n\n"
            "\"Wow\" is all I can say. \"Not for sale\" says the man who sold it.\n"
            "\u2014 Jan van Dijk (@jwvandijk) October 21, 2026\n")
    posts = extract_posts(text)
    assert [p.text for p in posts] == [
        "The delta is not for sale. Not now, not ever.",
        "\"Wow\" is all I can say. \"Not for sale\" says the man who sold it."]
    # The span starts at the text or at the article's mark around it (no stray mark left).
    assert all(text.startswith(p.text, p.start) or (text[p.start] in "\"\u201c'"
               and text.startswith(p.text, p.start + 1)) for p in posts)
    assert text[posts[0].start] == "\u201c"  # the mark is the post's, not stray prose
    doc = build_pipeline(load_settings(), ["posts", "entities_rules", "quotes"])(
        parse_text(text, "t.txt"))
    assert not [q for q in doc.quotes if q.post == 0]
    assert {q.text for q in doc.quotes if q.post == 1} == {"Wow", "Not for sale"}
    # British single marks too; not a post that ends with a plural's apostrophe, nor one
    # with a quotation of its own inside.
    text = ("The group posted on Monday.\n\n"
            "'24 councillors voted to close the only warm space in Millbrook. We won't stop. "
            "#SaveMillbrook'\n\u2014 Save Millbrook (@savemillbrook) February 24, 2026\n\n"
            "Another said.\n\n'Shame on the councillors'\n"
            "\u2014 Ann Lee (@annlee) February 24, 2026\n\n"
            "A third wrote.\n\n'Cuts' they call it, I call it 'theft'\n"
            "\u2014 Bo Roe (@boroe) February 24, 2026\n")
    assert [p.text for p in extract_posts(text)] == [
        "24 councillors voted to close the only warm space in Millbrook. We won't stop. "
        "#SaveMillbrook", "'Shame on the councillors'", "'Cuts' they call it, I call it 'theft'"]


def test_a_signature_or_its_lead_in_may_name_the_platform():
    """A handle of Twitter's shape could be anyone's: "(@handle) on Instagram, DATE" says
    which platform, and so does the one platform the sentence introducing the post names
    ("posted on Instagram on release day:"); two named, or none, leave the default. A
    signature with a handle and no name ("— @handle, DATE") is a post too (its text was
    read as the article's quotation)."""
    text = ("Announcing the album, she wrote:\n\n"
            "This one is slow. It is the truest thing I have made.\n"
            "\u2014 Juno Vale (@junovale) on Instagram, March 4, 2026\n\n"
            "Her brother posted on Instagram on release day:\n\n"
            "So proud of my little sister. Play it loud.\n"
            "\u2014 Bram Vale (@bramvale) May 29, 2026\n\n"
            "A fan, who posts on both Instagram and X, replied:\n\n"
            "Best record of the year, no contest.\n"
            "\u2014 Lou Ash (@louash) May 30, 2026\n\n"
            "Not everyone agreed.\n\n"
            "A parasite of a record. Two hours of nothing.\n"
            "\u2014 @northernrail_rage, May 30, 2026\n")
    posts = extract_posts(text)
    assert [(p.platform, p.handle, p.posted) for p in posts] == [
        ("instagram", "junovale", "2026-03-04"), ("instagram", "bramvale", "2026-05-29"),
        ("twitter", "louash", "2026-05-30"), ("twitter", "northernrail_rage", "2026-05-30")]
    assert posts[3].text == "A parasite of a record. Two hours of nothing."
    assert posts[3].display_name is None
    # An address in prose is no signature: a dash must open it, a date close it, and it
    # ends its line.
    assert extract_posts("I emailed @bob, March 3, 2024 about it.") == []
    assert extract_posts("It was flagged by a user \u2014 @bob, March 3, 2024 \u2014 who "
                         "noticed the change.") == []
    # A platform named in the lead-in only where someone posted on it; and where the text
    # names other platforms and never Twitter, Twitter is a guess: unknown (a fresh
    # audit's reply to an Instagram statement, signed as a tweet is).
    for lead, platform in (("The group moved to Facebook last year, but Ruiz still tweets:",
                            "twitter"),
                           ("After a row on Facebook, the mayor said:", "unknown"),
                           ("After a row on Facebook, the mayor said on X:", "twitter"),
                           ("After the row, the mayor said:", "twitter"),
                           ("Fans on Instagram and X replied:", "twitter"),
                           ("Her Instagram statement drew replies. One read:", "unknown")):
        (post,) = extract_posts(f"{lead}\n\nSo proud of this town.\n"
                                "\u2014 Ana Ruiz (@anaruiz) March 3, 2024\n")
        assert post.platform == platform, lead
    # ... or says it in other words: a Facebook post signed in Twitter's shape is Facebook's.
    for lead, platform in (("In a Facebook post on Sunday, the pastor wrote:", "facebook"),
                           ("On Facebook, the council wrote:", "facebook"),
                           ("She wrote in a Facebook post:", "facebook"),
                           ("He posted a message on his Facebook page:", "facebook"),
                           ("In her Instagram story, the singer wrote:", "instagram"),
                           ("The cafe's own Instagram account announced it on Monday:",
                            "instagram"),
                           ("Her Facebook page said nothing, but on X she wrote:", "twitter"),
                           ("After the council's Facebook page announced the closure, the "
                            "mayor responded:", "unknown"),
                           ("In Facebook's view, the mayor said:", "unknown"),
                           ("The mayor said residents in Facebook groups were angry:",
                            "unknown")):
        (post,) = extract_posts(f"{lead}\n\nSo proud of this town.\n"
                                "\u2014 Ana Ruiz (@anaruiz) March 3, 2024\n")
        assert post.platform == platform, lead
    # ... or in the paragraph before, as one post of a platform it alone names.
    for lead, platform in (
            ("One TikTok video, viewed 400,000 times, claims measles is mild. The woman "
             "who posted it did not respond.", "tiktok"),
            ("Her Instagram post drew thousands of replies. She posted it at midnight.",
             "instagram"),
            # A post of another platform that no one is said to have posted here, or a
            # reaction to it, is not what the signature is; nor, where the text never names
            # Twitter, is Twitter (a fresh audit's: unknown).
            ("Her Instagram post drew thousands of replies within the hour. Fans were "
             "split.", "unknown"),
            ("Police said a Facebook post had been used to lure the victim. Detectives "
             "appealed for witnesses.", "unknown"),
            ("A TikTok video of the crash went viral overnight. Ana Ruiz, whose son was "
             "injured in it, wrote:", "unknown"),
            ("A TikTok video went viral. She later tweeted:", "twitter"),
            ("A Facebook post by the club was shared widely; on Instagram, fans were "
             "angry.", "unknown"),
            ("Residents in Facebook groups were angry. One wrote:", "unknown"),
            ("Facebook removed the page. Critics were not convinced.", "unknown")):
        (post,) = extract_posts(f"{lead}\n\nSo proud of this town.\n"
                                "\u2014 Ana Ruiz (@anaruiz) March 3, 2024\n")
        assert post.platform == platform, lead
    # A signature may name Telegram or YouTube as it names Instagram.
    posts = extract_posts("The channel's admin wrote:\n\nDeposits are safe. Withdrawals "
                          "resume Monday.\n\u2014 Coin Harbour (@coinharbour) on Telegram, "
                          "July 4, 2024\n\nA reply on the video:\n\nThis is a scam.\n"
                          "\u2014 Rae Moss (@raemoss) on YouTube, July 5, 2024\n\nOn the "
                          "charity's page:\n\nProud of our team.\n\u2014 Ola Dunn (@oladunn) "
                          "on LinkedIn, July 6, 2024\n")
    assert [(p.platform, p.handle, p.posted) for p in posts] == [
        ("telegram", "coinharbour", "2024-07-04"), ("youtube", "raemoss", "2024-07-05"),
        ("linkedin", "oladunn", "2024-07-06")]



def test_a_mastodon_signature_with_a_comma_and_a_lead_in_that_quotes_the_post():
    """"— Name (@user@server), DATE" signs a post; a paragraph of prose that ends by
    quoting the post after a colon is the article's lead-in, not the post's text; the
    handle is an alias of its author whole, server and all."""
    from echoscope import load_settings
    from echoscope.pipeline import build_pipeline
    from echoscope.readers.text import parse_text

    text = ("Layoffs hit the studio\n\n"
            "Orla Fennelly posted on Mastodon at 9:41am:\n\n"
            "Calendar invite at 9am. Laptop locked at 9:20. Eleven years.\n\n"
            "\u2014 Orla Fennelly (@orla@typo.social), March 10, 2026\n\n"
            "Another engineer, Kwame Osei, wrote that his whole team had been cut: \"Entire "
            "a11y team: gone. My DMs are open.\"\n\n"
            "\u2014 Kwame Osei (@kwame@infosec.zone), March 10, 2026\n")
    posts = extract_posts(text)
    assert [(p.platform, p.handle, p.posted) for p in posts] == [
        ("mastodon", "orla@typo.social", "2026-03-10"),
        ("mastodon", "kwame@infosec.zone", "2026-03-10")]
    assert [p.text for p in posts] == [
        "Calendar invite at 9am. Laptop locked at 9:20. Eleven years.",
        "Entire a11y team: gone. My DMs are open."]
    # The span starts at the text or at the article's mark around it (no stray mark left).
    assert all(text.startswith(p.text, p.start) or (text[p.start] in "\"\u201c'"
               and text.startswith(p.text, p.start + 1)) for p in posts)
    # A post's own opening before a quotation is its text: no one is said to write it.
    own = ("Statement from the club on today's ruling: \"We are grateful for the result.\" "
           "\u2014 Club Press (@clubpress) March 10, 2026")
    assert [p.text for p in extract_posts(own)] == [
        "Statement from the club on today's ruling: \"We are grateful for the result.\""]
    doc = build_pipeline(load_settings(), ["posts", "entities"])(parse_text(text, "t.txt"))
    aliases = {a for e in doc.entities for a in e.aliases}
    assert {"@orla@typo.social", "@kwame@infosec.zone"} <= aliases



def test_a_post_after_a_sentence_telling_a_novel_is_a_characters():
    """'In his new novel, the hero Jack Stone lives in a small town. In a message posted on
    Facebook, Jack Stone wrote: "…"' (a reviewer's): the character's words, no post; the
    same after a sentence of the news is one."""
    tail = " In a message posted on Facebook, Jack Stone wrote: \u201cI am coming home.\u201d"
    assert extract_posts("In his new novel, the hero Jack Stone lives in a small town." + tail) == []
    assert [p.display_name for p in extract_posts("The mill closed in May." + tail)] == [
        "Jack Stone"]


def test_a_lead_in_is_cut_only_when_it_names_the_poster_and_a_comma_signs_only_at_line_end():
    """"Good to see the minister finally said it: "…"" is the post's own text (first
    person, no one named); "Ana Ruiz (@anaruiz), on March 3, 2024 announced …" is prose."""
    own = ("Good to see the minister finally said it in the Commons today: \"We got it "
           "wrong.\" \u2014 Ana Ruiz (@anaruiz) March 10, 2026")
    assert [p.text for p in extract_posts(own)] == [
        "Good to see the minister finally said it in the Commons today: \"We got it wrong.\""]
    prose = ("The council met on Friday.\n\nThe mayor, Ana Ruiz (@anaruiz), on March 3, 2024 "
             "announced she would run again.")
    assert extract_posts(prose) == []
    # A possessive names the poster too, and "post … read:" leads in (a fresh audit's: the
    # whole sentence had been taken into the post's text)
    lead = ("Ms Ruiz's original post, dated 3 January, read: \"The file is public. Please DM "
            "me.\" \u2014 Ana Ruiz (@anaruiz) January 3, 2025")
    assert [p.text for p in extract_posts(lead)] == ["The file is public. Please DM me."]
    # ... a name that is itself a possessive too (a reviewer's "Sainsbury's")
    lead = ("Wendy's roasted a rival on Friday. Wendy's tweet read: \"Imagine needing a "
            "mascot.\" \u2014 Wendy's (@Wendys) August 8, 2025")
    assert [p.text for p in extract_posts(lead)] == ["Imagine needing a mascot."]
    # ... and so does an answer or a response that names her (a fresh audit's: the post
    # had taken "Barnes's campaign answered on X with a post from her current account:")
    for verb in ("answered", "responded"):
        lead = (f"Ruiz's campaign {verb} on X with a post from her current account: \"The "
                "file is public.\" \u2014 Ana Ruiz (@anaruiz) January 3, 2025")
        assert [p.text for p in extract_posts(lead)] == ["The file is public."]


def test_the_technique_finder_reads_a_post_in_the_articles_quotation_marks():
    from echoscope.analyzers.techniques import text_units
    from echoscope.doc import Doc

    text = ("The minister posted on Tuesday.\n\n\u201cThe opposition are traitors and "
            "cowards.\u201d\n\u2014 Le Hoang Anh (@lehoanganh) October 21, 2026\n")
    doc = Doc(text=text, source="t")
    doc.posts = extract_posts(text)
    (p,) = doc.posts
    assert text[p.start] == "\u201c"  # the span keeps the article's mark
    assert [text[a:b] for a, b in text_units(doc)] == ["The opposition are traitors and cowards."]


CARD = ("The row began on Monday, when the councillor posted a summary of the bill.\n\n"
        "Tom Albright (@TomAlbrightRiv) · Mar 24, 2025\n"
        "Eleven trips in one year, and the council wants to tax YOUR holiday. #HarbourFest\n"
        "— posted on X\n\n"
        "Within hours the line was everywhere.")


def test_a_card_copied_header_first_is_a_post():
    """A post copied from its card: "Name (@handle) · date" on its own line, the text on
    the lines right under it, a line saying where it was posted (an audit's articles
    quoted most of their posts so, and none was read)."""
    (post,) = extract_posts(CARD)
    assert (post.platform, post.handle, post.display_name, post.posted) == (
        "twitter", "TomAlbrightRiv", "Tom Albright", "2025-03-24")
    assert post.text.startswith("Eleven trips") and post.text.endswith("#HarbourFest")
    assert post.hashtags == ["HarbourFest"]
    assert CARD[post.start:post.end].startswith("Tom Albright (@")
    assert CARD[post.start:post.end].endswith("posted on X")
    # The platform its trailer names; no trailer: the handle's; a bare handle.
    bsky = CARD.replace("— posted on X", "— via Bluesky")
    assert extract_posts(bsky)[0].platform == "bluesky"
    (bare,) = extract_posts(CARD.replace("Tom Albright (@TomAlbrightRiv)", "@tomalb"))
    assert (bare.handle, bare.display_name, bare.text.endswith("#HarbourFest")) == (
        "tomalb", None, True)
    # The card's own interface is not the post's words; its text is the article's, as
    # written (indented lines too).
    chrome = CARD.replace("Eleven", "Replying to @council\n  Eleven").replace(
        "— posted", "12 Reposts 40 Likes\n— posted")
    (post,) = extract_posts(chrome)
    assert post.text.startswith("Eleven") and post.text.endswith("#HarbourFest")
    indented = CARD.replace("\nEleven", "\n    Eleven").replace("#HarbourFest\n", "#HarbourFest  \n")
    (post,) = extract_posts(indented)
    assert post.text in indented and post.text.startswith("Eleven")


@pytest.mark.parametrize("text", [
    # No line saying where it was posted: a header-like line is also a byline's, a
    # listing's, a live blog entry's (a reviewer's): no card. Not even under a sentence
    # that says a post follows (tried twice and withdrawn: two reviewers' listings, bios,
    # photo credits and the article's next line were read as posts' text).
    CARD.replace("— posted on X\n", ""),
    "At two in the morning the striker posted this:\n\n" + CARD.split("\n\n", 1)[
        1].replace("— posted on X\n", ""),
    "These are the pages that shared it first:\n\n" + CARD.split("\n\n", 1)[1].replace(
        "— posted on X\n", ""),
    # A byline, a credit, a listing, a live blog entry (a time after the date).
    CARD.replace("Tom Albright (@TomAlbrightRiv)", "By Tom Albright (@TomAlbrightRiv)"),
    CARD.replace("Tom Albright (@TomAlbrightRiv)", "Photo: Tom Albright (@TomAlbrightRiv)"),
    CARD.replace("Tom Albright (@TomAlbrightRiv)", "Swim-a-thon hosted by @eastgateswim"),
    CARD.replace("· Mar 24, 2025", "· Mar 24, 2025 14:05"),
    # No "·": a name, a handle and a date in prose are no card's header.
    CARD.replace(" · Mar 24, 2025", " said on Mar 24, 2025:"),
    # Longer than the platform allows: prose, not a post.
    CARD.replace("#HarbourFest", "and more " * 40),
])
def test_what_is_no_card(text):
    assert extract_posts(text) == []


@pytest.mark.parametrize(("lead", "name", "platform", "posted"), [
    ("@PennyWise (Tamsin Drury) wrote on X on March 25, 2025: ", "Tamsin Drury", "twitter",
     "2025-03-25"),
    ("Within hours, critic Tamsin Drury (@PennyWise) posted on Bluesky on March 25, 2025: ",
     "Tamsin Drury", "bluesky", "2025-03-25"),
    ("Save the Kell (@PennyWise) posted on Instagram: ", "Save the Kell", "instagram", None),
    ("One member, posting as @PennyWise, wrote on X on 25 March 2025: ", None, "twitter",
     "2025-03-25"),
    # A weekday dates nothing alone, and does not hide the post (an audit's bus company).
    ("@PennyWise, posted on X on Monday afternoon: ", None, "twitter", None),
    ("@PennyWise posted on X at 5.02pm: ", None, "twitter", None),
    # The platform first, opening the sentence (an audit's live blog).
    ("On X, @PennyWise wrote: ", None, "twitter", None),
    ("In a post on Bluesky on 25 March 2025, @PennyWise (Tamsin Drury) said: ",
     "Tamsin Drury", "bluesky", "2025-03-25"),
    ("In a reply on X, @PennyWise wrote: ", None, "twitter", None),  # (a fresh audit's)
    ("In a message posted on Facebook, @PennyWise wrote: ", None, "facebook", None),
    # A dated post before an account, no platform named (a fresh audit's): unknown
    ("In a post on 12 July 2022, @PennyWise wrote: ", None, "unknown", "2022-07-12"),
    # A title, a party or a description is no display name (a reviewer's).
    ("Eastgate Labour MP Tamsin Drury (@PennyWise) posted on X: ", "Tamsin Drury", "twitter",
     None),
    ("The Greens\u2019 Tamsin Drury (@PennyWise) posted on X: ", "Tamsin Drury", "twitter", None),
    ("@PennyWise (an account with 40,000 followers) posted on X: ", None, "twitter", None),
])
def test_a_post_the_prose_quotes_by_its_account_is_a_post(lead, name, platform, posted):
    """Prose that quotes a post by its handle, with where or when it was posted: the post
    is the quotation (its words leading in stay the article's, and date it in prose)."""
    text = f"The bill passed on Tuesday. {lead}\u201cShe lectures us about carbon from a " \
           "business-class seat.\u201d\n\nThe senator did not reply."
    (post,) = extract_posts(text)
    assert (post.handle, post.display_name, post.platform, post.posted) == (
        "PennyWise", name, platform, posted)
    assert post.text == "She lectures us about carbon from a business-class seat."
    assert text[post.start] == "\u201c" and text[post.end - 1] == "\u201d"


@pytest.mark.parametrize("lead", [
    "@PennyWise wrote: ",  # not where: a quotation of someone
    # Not where it was posted: a speech's, a letter's, a newsletter's words (a reviewer's).
    "Tamsin Drury (@PennyWise) said on March 25, 2025: ",
    "In a letter to residents, @PennyWise wrote on March 25, 2025: ",
    "Fans posted on X: ",  # one word, no one's name
    "Several Labour MPs posted on X: ",  # a group
    "Several Labour Councillors posted on X: ",
    "Eastgate Rovers Supporters posted on X: ",
    "On Saturday Tamsin Drury and Ana Ruiz posted on X: ",  # a pair: whose words?
    "An account calling itself Tamsin Drury posted on X: ",  # an impostor's
    "Tamsin Drury said on X: ",  # a broadcast's words
    "@PennyWise wrote on X on March 25, 2025 that ",  # a paraphrase, not the post's words
    # The account is not the poster (a reviewer's).
    "An impostor account pretending to be @PennyWise posted on X: ",
    "Supporters of @PennyWise posted on X: ",
    "On X, supporters of @PennyWise wrote: ",
    # (a dated post with no platform only before the account itself: a blog's is no one's)
    "In a blog post on 12 July 2022, @PennyWise wrote: ",
    "In a post on 12 July 2022, supporters of @PennyWise wrote: ",
    # A description that names someone else, or goes on a list: whose words, unsure.
    "Tamsin Drury, whose brother Tom Vance works there, posted on X: ",
    "Tamsin Drury, and others, posted on X: ",
    "Tamsin Drury, 41, and her husband, a chef, wrote on Facebook: ",
    # Another's clause in the commas, or "allegedly" (a third reviewer's).
    "Tamsin Drury, 34, said her son, who is 12, wrote on Facebook: ",
    "Tamsin Drury, 41, whose wife, a nurse, wrote on Facebook: ",
    "Tamsin Drury, 33, allegedly wrote on Facebook: ",
    # A name inside the subject's description: someone the subject speaks of (a
    # reviewer's).
    "The mother who lost her daughter Tamsin Drury, 7, in a crash, wrote on Facebook: ",
    "After meeting Tamsin Drury, the club captain posted on X: ",
    "Replying on X, @PennyWise wrote: ",  # not the sentence's opening: unsure whose
    # What was posted may be another's: a share, a screenshot (not "posted its update")
    "Tamsin Drury shared a statement on X: ",
    "Tamsin Drury posted a screenshot of the statement on X: ",
    # A claim put to a court, a novel's character, a video's words (reviewers')
    "Prosecutors told the jury that Tamsin Drury posted a message on Facebook at 11.40pm: ",
    "In Pike's new novel, the heroine Tamsin Drury posted a message on Instagram: ",
    "Tamsin Drury published an apology on YouTube: ",
    "In a statement, Tamsin Drury said on X: ",  # a statement's words, not posted
    "In a statement read on X Radio, Tamsin Drury said: ",
])
def test_what_the_prose_quotes_that_is_no_post(lead):
    text = f"The bill passed. {lead}\u201cShe lectures us about carbon.\u201d"
    assert extract_posts(text) == []
    # Nor one with a quotation inside, where it ends is unsure.
    assert extract_posts('@PennyWise wrote on X: "The council calls this "consultation". '
                         'It is not."') == []
    # Nor a quotation that does not close in its paragraph.
    assert extract_posts("@PennyWise wrote on X on March 25, 2025: \u201cShe lectures us."
                         "\n\nThe senator did not reply.\u201d") == []


@pytest.mark.parametrize(("lead", "name", "platform", "posted"), [
    ("Tamsin Drury wrote on X on March 25, 2025: ", "Tamsin Drury", "twitter", "2025-03-25"),
    ("Later Tamsin Drury posted on Instagram on Saturday morning: ", "Tamsin Drury",
     "instagram", None),
    ("On Saturday night Tamsin Drury posted on X: ", "Tamsin Drury", "twitter", None),
    # A word of time after the platform dates nothing (fresh audits': "The trust posted on
    # Facebook afterwards:").
    ("Tamsin Drury posted on Instagram last night: ", "Tamsin Drury", "instagram", None),
    ("Tamsin Drury wrote on Facebook afterwards: ", "Tamsin Drury", "facebook", None),
    ("Hours Later Tamsin Drury posted on X: ", "Tamsin Drury", "twitter", None),
    # A role or a word before a person's name is no part of it.
    ("Presenter Tamsin Drury posted on X: ", "Tamsin Drury", "twitter", None),
    ("Even Tamsin Drury wrote on Facebook: ", "Tamsin Drury", "facebook", None),
    # ... but a name of three words is whole, a body's or a person's.
    ("Kellbrook Mountain Rescue posted on Facebook: ", "Kellbrook Mountain Rescue",
     "facebook", None),
    ("Mary Anne Vance posted on Facebook: ", "Mary Anne Vance", "facebook", None),
    ("Eastgate Borough Council wrote on Facebook: ", "Eastgate Borough Council", "facebook",
     None),
    # A description set off by commas that names no one (an audit's live blog and match
    # report), and an adverb before the verb.
    ("Tamsin Drury, 34, a nurse at the hospital, wrote on Facebook: ", "Tamsin Drury",
     "facebook", None),
    ("Tamsin Drury, who was not at the meeting, later posted on X: ", "Tamsin Drury",
     "twitter", None),
    # A verb that says the platform ("tweeted", "in a Facebook post"), a day of a month
    # with no year (which dates nothing), the platform opening the sentence (forms a
    # tried sentence set left unread).
    ("Tamsin Drury tweeted on March 3: ", "Tamsin Drury", "twitter", None),
    ("Council leader Tamsin Drury tweeted: ", "Tamsin Drury", "twitter", None),
    ("The council leader, Tamsin Drury, tweeted on Tuesday: ", "Tamsin Drury", "twitter",
     None),
    ("Tamsin Drury posted on X on 3rd March: ", "Tamsin Drury", "twitter", None),
    ("Tamsin Drury said in a tweet: ", "Tamsin Drury", "twitter", None),
    ("Tamsin Drury wrote in a Facebook post on Monday: ", "Tamsin Drury", "facebook", None),
    ("Tamsin Drury said in a post on Bluesky: ", "Tamsin Drury", "bluesky", None),
    ("On Instagram, Tamsin Drury wrote: ", "Tamsin Drury", "instagram", None),
    ("On X on March 3, Tamsin Drury replied: ", "Tamsin Drury", "twitter", None),
    ("In a post on Bluesky on 25 March 2025, Tamsin Drury said: ", "Tamsin Drury",
     "bluesky", "2025-03-25"),
    ("In a Facebook post, Eastgate Borough Council said: ", "Eastgate Borough Council",
     "facebook", None),
    ("In a tweet, Tamsin Drury said: ", "Tamsin Drury", "twitter", None),
    # A description that names another is still the poster's (not the body's or the
    # account's it names).
    ("Ana Ruiz, leader of the Eastgate Liberal Democrats, posted on X: ", "Ana Ruiz",
     "twitter", None),
    ("Dana Whitfield, replying to @PennyWise, wrote on X: ", "Dana Whitfield", "twitter",
     None),
    ("Tamsin Drury, who left the Ormsby depot in October, posted on X on 12 November: ",
     "Tamsin Drury", "twitter", None),
    # A surname alone is the one full name the article gave it before.
    ("Tamsin Drury spoke first. Later Drury posted on X: ", "Tamsin Drury", "twitter", None),
    ("Labour MP Tamsin Drury spoke first. Drury tweets: ", "Tamsin Drury", "twitter", None),
    ("Guy Drury spoke first. Drury tweeted: ", "Guy Drury", "twitter", None),
    # A word before a surname the text gave in full is no part of the name.
    ("Tamsin Drury lost. Undeterred Drury tweeted: ", "Tamsin Drury", "twitter", None),
    # A given name that ends like an adverb or names a day is the name (a third
    # reviewer's: "Sally Vance", "Lily Vance", "Eve Okafor" became Tom Vance, Chidi Okafor).
    ("Tom Drury retired. His wife, Sally Drury, tweeted: ", "Sally Drury", "twitter", None),
    ("Tom Drury retired. Lily Drury, his niece, wrote on Facebook: ", "Lily Drury",
     "facebook", None),
    ("Tom Drury retired. Eve Drury, who runs it now, tweeted: ", "Eve Drury", "twitter", None),
    ("The Green Party posted on X: ", "Green Party", "twitter", None),
    ("Rivals Eastgate Rovers tweeted: ", "Eastgate Rovers", "twitter", None),
    ("In a tweet, Harbour Master Tamsin Drury said: ", "Tamsin Drury", "twitter", None),
    # A body's name after "the", whole (a fresh audit's fire district).
    ("At 4:12 p.m., the Ardmere County Fire Protection District posted on X: ",
     "Ardmere County Fire Protection District", "twitter", None),
    ("On X, the Kellbrook Valley Police wrote: ", "Kellbrook Valley Police", "twitter", None),
    # A place and a job before the name, a day after the verb (a fresh audit's crofter).
    ("On Facebook, Castlebay crofter Tamsin Drury wrote on Sunday: ", "Tamsin Drury",
     "facebook", None),
    ("On Facebook, local publican Tamsin Drury wrote: ", "Tamsin Drury", "facebook", None),
    # A caption: what was posted, then where, then "with the caption" (a fresh audit's).
    ("Tamsin Drury herself responded on X on Tuesday: ", "Tamsin Drury", "twitter", None),
    ("Tamsin Drury posted on Instagram a photograph of the harbour with the caption: ",
     "Tamsin Drury", "instagram", None),
    ("Tamsin Drury shared a video to Facebook on Monday with the caption: ", "Tamsin Drury",
     "facebook", None),
    # (with a title, as written: which of a couple, a title may not say)
    ("Tamsin Drury spoke first. Ms Drury writes on Bluesky: ", "Ms Drury", "bluesky", None),
    # A body's name with a plural's mark, and its initials the text spells out (a fresh
    # audit's).
    ("The National Farmers' Alliance posted on Facebook on Monday: ",
     "National Farmers' Alliance", "facebook", None),
    ("In a post on X on Tuesday, the Castlebridge Taxpayers' Alliance wrote: ",
     "Castlebridge Taxpayers' Alliance", "twitter", None),
    ("The National Farmers' Alliance (NFA) met. The NFA posted on Facebook: ", "NFA",
     "facebook", None),
    ("The National Farmers' Alliance (NFA) met. On Wednesday the NFA posted on Facebook: ",
     "NFA", "facebook", None),
    # What was posted between the verb and the platform: the poster's own update,
    # statement or response (fresh audits'); and a reply with the platform first
    ("Harrowdale Zoo posted its first update on Facebook at 9.12am: ", "Harrowdale Zoo",
     "facebook", None),
    ("Tamsin Drury, who left the firm in 2023, posted a shorter response on Bluesky on "
     "Tuesday: ", "Tamsin Drury", "bluesky", None),
    ("Tamsin Drury published a statement on her Instagram account: ", "Tamsin Drury",
     "instagram", None),
    ("In a reply on X, Tamsin Drury wrote: ", "Tamsin Drury", "twitter", None),
    ("In a statement posted on X, Kettering Vale wrote: ", "Kettering Vale", "twitter",
     None),  # (a fresh audit's)
    # What another posted, shared with the poster's own words (fresh audits'); a role's
    # place or team before the name does not make its description another's
    ("Tamsin Drury shared it on X, writing: ", "Tamsin Drury", "twitter", None),
    ("Tamsin Drury shared the petition on Facebook, adding: ", "Tamsin Drury", "facebook",
     None),
    ("Tamsin Drury posted on X, writing: ", "Tamsin Drury", "twitter", None),
    ("Another mother, Tamsin Drury, posted on Facebook last week: ", "Tamsin Drury",
     "facebook", None),
    ("Tamsin Drury quoted the post on Bluesky with the words: ", "Tamsin Drury", "bluesky",
     None),
    ("The former Wales captain Tamsin Drury, now a pundit, wrote on X: ", "Tamsin Drury",
     "twitter", None),
])
def test_a_post_the_prose_quotes_by_its_authors_name_is_a_post(lead, name, platform, posted):
    """Prose that quotes a post by its author's name (no handle) and where it was posted
    (two audits' articles quoted most of their posts so, and none was read): the post is
    the quotation, with no handle and the name as written (its opening word left out)."""
    text = f"The bill passed on Tuesday. {lead}\u201cShe lectures us about carbon from a " \
           "business-class seat.\u201d\n\nThe senator did not reply."
    (post,) = extract_posts(text)
    assert (post.handle, post.display_name, post.platform, post.posted) == (
        None, name, platform, posted)
    assert post.text == "She lectures us about carbon from a business-class seat."


@pytest.mark.parametrize(("after", "name", "platform"), [
    ("Tamsin Drury wrote on X.", "Tamsin Drury", "twitter"),
    ("Tamsin Drury tweeted on Monday.", "Tamsin Drury", "twitter"),
    ("Tamsin Drury tweeted Friday afternoon.", "Tamsin Drury", "twitter"),
    ("Eastgate Borough Council wrote on Facebook, adding that the road would reopen.",
     "Eastgate Borough Council", "facebook"),
    ("Tamsin Drury, a nurse at the hospital, said in a Facebook post.", "Tamsin Drury",
     "facebook"),
])
def test_a_post_quoted_before_its_author_and_platform_is_a_post(after, name, platform):
    """'"…," Ana Ruiz wrote on X.': the quotation opens its sentence, the attribution
    ends it; the comma that closes the quotation is the prose's (whatever the post ended
    with, the article does not say)."""
    text = ("The bill passed on Tuesday.\n\n\u201cShe lectures us about carbon from a "
            f"business-class seat,\u201d {after}\n\nThe senator did not reply.")
    (post,) = extract_posts(text)
    assert (post.handle, post.display_name, post.platform, post.posted) == (
        None, name, platform, None)
    assert post.text == "She lectures us about carbon from a business-class seat"
    question = text.replace("seat,\u201d", "seat?\u201d")
    assert [p.text[-5:] for p in extract_posts(question)] == ["seat?"]


@pytest.mark.parametrize("text", [
    # Not where it was posted, or not the post's words: a statement, a paraphrase, a
    # quotation of speech whose speaker later posted.
    'In a statement, Tamsin Drury said: "She lectures us about carbon."',
    'Asked about a tweet, Tamsin Drury said: "She lectures us about carbon."',
    'Tamsin Drury tweeted that "she lectures us about carbon".',
    '"She lectures us about carbon," said Tamsin Drury, who wrote on X about it.',
    '"She lectures us about carbon," Tamsin Drury wrote on X in 2019 of the row.',
    '"She lectures us about carbon," Tamsin Drury wrote on X that week.',
    # Whose words, unsure: a pair, someone the poster replies to, a name's owner.
    'Tamsin Drury and Ana Ruiz tweeted: "She lectures us about carbon."',
    'On Facebook, Tamsin Drury\u2019s sister wrote: "She lectures us about carbon."',
    'On X, critics of Tamsin Drury wrote: "She lectures us about carbon."',
    'On X, fans quoting Tamsin Drury wrote: "She lectures us about carbon."',
    'On X, angry supporters of Tamsin Drury wrote: "She lectures us about carbon."',
    'Tamsin Drury retweeted: "She lectures us about carbon."',
    # A surname that is no one's full name before, or two people's.
    'Drury posted on X: "She lectures us about carbon."',
    'Tamsin Drury and Tom Drury spoke. Drury posted on X: "She lectures us about carbon."',
    'Residents posted on Facebook: "She lectures us about carbon."',
    'Tom and Mary Drury run the pub. Drury posted on Facebook: "She lectures us."',
    'The Drury family runs the pub. Drury posted on Facebook: "She lectures us."',
    'The Drury Valley flooded. Drury posted on Facebook: "She lectures us."',
    'Rovers Boss Drury Hits Out At Referee\n\nDrury tweeted: "She lectures us."',
    # Not the post's words, or a video's speech.
    '"She lectures us," Tamsin Drury wrote on X, "and she flies."',
    '"She lectures us," Tamsin Drury wrote on X in an email to the Echo.',
    'On YouTube, Tamsin Drury said: "She lectures us about carbon."',
    'Tamsin Drury posted the video on YouTube, adding: "She lectures us about carbon."',
    'Tamsin Drury shared the petition on X: "She lectures us about carbon."',
    'Tamsin Drury quoted the video on TikTok with the words: "She lectures us."',
    'Tamsin Drury quote-posted it on YouTube, writing: "She lectures us."',
    'According to the indictment, Tamsin Drury shared the video on Telegram, writing: '
    '"She lectures us."',
    'The Leeds coach Tamsin Drury, according to her agent, wrote on X: "She lectures us."',
    'Tamsin Drury said in a TikTok post: "She lectures us about carbon."',
    'Then came Tamsin Drury\u2019s tweets: "She lectures us about carbon."',
    # Someone the sentence speaks of, or a post claimed, imagined or written elsewhere (a
    # second reviewer's).
    'The mother of murdered teenager Tamsin Drury tweeted: "Justice has not been done."',
    'Lawyers representing Tamsin Drury tweeted: "Our client will appeal."',
    'A screenshot claiming Tamsin Drury tweeted: "She lectures us." There is no such post.',
    'Imagine if Tamsin Drury tweeted: "She lectures us about carbon."',
    'Had Tamsin Drury tweeted: "I was wrong," she would have kept her job.',
    '\n\nClaim: Tamsin Drury tweeted: "She lectures us about carbon." Verdict: False.',
    'In her new book, Tamsin Drury writes on Facebook: "It was built to keep you scrolling."',
    'The Drury family tweeted: "She lectures us about carbon."',
    # Initials the text does not spell out as a body's; an owner before a body's name.
    'The NFA posted on Facebook: "She lectures us about carbon."',
    # Initials spelled out: someone else's post about the body, a list, an office's (a
    # reviewer's).
    'The National Farmers\' Alliance (NFA) met. Staff at the NFA posted on Facebook: "She '
    'lectures us."',
    'The National Farmers\' Alliance (NFA) met. A parody account called NFA posted on X: '
    '"She lectures us."',
    'The National Farmers\' Alliance (NFA) and the Rural Hauliers\' Union (RHU) met. On '
    'Monday the NFA and the RHU posted on Facebook: "She lectures us."',
    'Ana Ruiz became a Member of Parliament (MP) in 2019. On Friday the MP posted on X: "She '
    'lectures us."',
    'Tom Vance, the Chief Executive Officer (CEO) of Halden Foods, left. The CEO posted on '
    'LinkedIn: "She lectures us."',
    'The farmers\' Residents Association posted on Facebook: "She lectures us."',
    'A fan of the Kellbrook Valley Council wrote on Facebook: "She lectures us."',
    'Tamsin Drury posted on Instagram a photo. With the caption gone, fans wrote: "She lectures '
    'us."',
    # Words on the thing pictured, not the post's (a reviewer's).
    'Tamsin Drury shared on Facebook a photo of a placard with the words: "She lectures us."',
    'On Friday the Ashby Road posted on Facebook: "She lectures us about carbon."',
    'He thanked the Kellbrook Police posted on X: "She lectures us."',
    'On X, the Drury Valley wrote: "She lectures us about carbon."',
    'From Hatherby Marina, the coxswain, Tamsin Drury, wrote on Facebook: "All safe."',
    'A fake account called Tamsin Drury tweeted: "She lectures us about carbon."',
    'Tamsin Drury seemingly tweeted: "She lectures us about carbon."',
    'It is unclear whether Tamsin Drury tweeted: "She lectures us about carbon."',
    'Lena Drury was found.\n\n"She is home," Drury tweeted.\n\nHer mother, Joan Drury, wept.',
    # The last paragraph of a quotation that ran over several.
    '\n\n"The depot has closed.\n\n"Nobody told us," Tamsin Drury wrote on Facebook.',
])
def test_what_the_prose_quotes_by_a_name_that_is_no_post(text):
    assert extract_posts(f"The bill passed. {text}\n\nThe senator did not reply.") == []


@pytest.mark.parametrize(("text", "platform"), [
    ('The airline replied on X: "{q}."', "twitter"),
    ('Police wrote on Facebook: "{q}."', "facebook"),
    ('The mayor\u2019s office wrote on X on Tuesday: "{q}."', "twitter"),
    ('The club said in a post on Instagram: "{q}."', "instagram"),
    ('"{q}," the airline wrote on X.', "twitter"),
])
def test_a_post_the_prose_gives_to_a_body_by_a_common_noun_has_no_author(text, platform):
    """"The airline replied on X:", "Police wrote on Facebook:" (a fresh audit's unread
    posts): a post, with no author to name."""
    q = "Every flight will be rebooked by Friday"
    (post,) = extract_posts("Flights were cancelled on Monday. " + text.format(q=q)
                            + "\n\nPassengers were not impressed.")
    assert (post.platform, post.handle, post.display_name) == (platform, None, None)
    assert post.text.rstrip(".") == q


@pytest.mark.parametrize("text", [
    'Fans posted on X: "Worst airline ever."',
    'In the novel, the club posts on Instagram: "We are back."',
    'A fake account claiming to be the council wrote on Facebook: "Free parking."',
    # A post that goes on past its attribution: where it ends is unsure.
    '"Port Lyle lost its heart," he wrote on X. "He was the sound of this town."',
    '"Port Lyle lost its heart," the council wrote on X. "He was the sound of this town."',
    '"Port Lyle lost its heart," Tamsin Drury wrote on X. "He was the sound of this town."',
    '"Port Lyle lost its heart," @tdrury wrote on X. "He was the sound of this town."',
])
def test_what_a_body_or_a_pronoun_posted_and_is_unsure(text):
    assert extract_posts(f"The mayor died on Monday. {text}\n\nThe funeral is on Friday.") == []


@pytest.mark.parametrize(("lead", "name", "platform"), [
    # A post named as a message that read something, on a platform the prose says.
    ("Tamsin Drury posted a message on Facebook which read: ", "Tamsin Drury", "facebook"),
    ("Tamsin Drury posted on Instagram an emotional statement that read, in part: ",
     "Tamsin Drury", "instagram"),
    ("Tamsin Drury posted a long message on her Facebook page which read: ", "Tamsin Drury",
     "facebook"),
    ("Councillor Tamsin Drury posted a tweet on Monday that read: ", "Tamsin Drury",
     "twitter"),
    # The post in the sentence after the one that says who posted it and where.
    ("Tamsin Drury announced the closure on Facebook on Monday. The post read: ",
     "Tamsin Drury", "facebook"),
    ("On Sunday, Tamsin Drury posted on Instagram. The post read, in part: ",
     "Tamsin Drury", "instagram"),
    ("Tamsin Drury tweeted on Monday night. The tweet, since deleted, said: ",
     "Tamsin Drury", "twitter"),
    # (a fresh audit's: "published", and a time told by an event)
    ("Tamsin Drury published a statement on X shortly after the decision. The post read: ",
     "Tamsin Drury", "twitter"),
    ("Tamsin Drury posted on X after the match: ", "Tamsin Drury", "twitter"),
    ("Tamsin Drury issued a statement on Facebook. The post read: ", "Tamsin Drury",
     "facebook"),
    # "She wrote:": whose, only where the text gives her that title (a reviewer's: "He
    # wrote:" after Tamsin's post may be her husband's)
    ("Ms Drury's company failed. Tamsin Drury posted a statement on Instagram on Monday. "
     "She wrote: ", "Tamsin Drury", "instagram"),
    ("Tamsin Drury posted a statement on Instagram on Monday. She wrote: ", None,
     "instagram"),
    ("Ms Drury's company failed. Tamsin Drury posted a statement on Instagram on Monday. "
     "He wrote: ", None, "instagram"),

    # Whose, unsure: a pronoun's.
    ("She posted on Facebook on Monday. The post read: ", None, "facebook"),
])
def test_a_post_that_read_something_is_a_post(lead, name, platform):
    """"… posted a message on Facebook which read: '…'" and "… announced it on Facebook.
    The post read: '…'" (the forms two audits' unread posts took most after pronouns'):
    the quotation is the post, on the platform the prose says; its author the name that
    opens the sentence saying it was posted, and none where that may be someone else."""
    text = f"The depot closed on Tuesday. {lead}\u201cThirty years, and not one thank you " \
           "from the board.\u201d\n\nThe board did not reply."
    (post,) = extract_posts(text)
    assert (post.handle, post.display_name, post.platform) == (None, name, platform)
    assert post.text == "Thirty years, and not one thank you from the board."


@pytest.mark.parametrize("lead", [
    # Words of something else that read them: a sign, a letter, a statement not posted.
    "Tamsin Drury shared a photo on Instagram of a sign which read: ",
    "Tamsin Drury posted a message which read: ",
    "The council published a statement on its website. The statement read: ",
    "Tamsin Drury sent her staff an email. The message read: ",
    # A post claimed, faked, imagined, or not said to be posted where it stands.
    "A screenshot claiming to show a post by Tamsin Drury went round on Facebook. The post "
    "read: ",
    "If Tamsin Drury had posted on X, the post would have read: ",
    "Tamsin Drury has 40,000 followers on Instagram. The post read: ",
    "Tamsin Drury posted on Facebook on Monday. Hundreds replied. The post read: ",
    "Tamsin Drury posted on Facebook and on Instagram. The post read: ",
    "Tamsin Drury posted on Instagram. The tweet read: ",
    # Someone else's post, or words the poster received, reshared or pictured (a
    # reviewer's): a re-share, a fake, a note, abuse sent to them, a recap's present tense.
    "Tom Vance replied to the council's post on Facebook. The post read: ",
    "Ana Ruiz posted on Facebook. Tom Vance shared it on X. The post read: ",
    "Tamsin Drury shared a post on Facebook which read: ",
    "Tamsin Drury posted a fake tweet that read: ",
    "Tamsin Drury posted a handwritten message on Facebook which read: ",
    "In Thursday's episode, Tamsin Drury posts a message on Facebook which reads: ",
    "Tamsin Drury posted on Facebook that she had received a threatening message. The "
    "message read: ",
    "Tamsin Drury posted a message on X which read: \u201cNot mine.\u201d She said it had been "
    "sent to her. The post read: ",
    "Tamsin Drury posted a tweet on Instagram that read: ",
    "Tamsin Drury posted on X. The Instagram post read: ",
    "Tamsin Drury posted a photo on Instagram. The post read: ",
    # A sentence before that says more than who posted where (a second reviewer's): the
    # post read may be another's; a relative's; a denial; a post said to be something else.
    "Tom Vance's wife Ana posted on X. The post read: ",
    "Tom Bell wrote on X to defend his daughter, whose post had been mocked. The post read: ",
    "Ana Greer posted on Facebook on Monday after a post by her neighbour went viral. The post "
    "read: ",
    "No, Tamsin Drury did not tweet about it. The tweet read: ",
    "Tamsin Drury posted on X on Tuesday. The post, a screenshot of an email, read: ",
    "In the novel, Tamsin Drury posted a message on Facebook which read: ",
    "Tamsin Drury posted a message on Instagram which read: \u201cI am done.\u201d Hours later "
    "she said her account had been hacked. The post read: ",
    # "She wrote:" after a sentence that names no platform, a habit, or another's post
    "Tamsin Drury wrote to the council on Monday. She wrote: ",
    "Tamsin Drury regularly posted on Instagram. She wrote: ",
    "Tom Vance replied on X. He wrote: ",
    "Senator Tamsin Drury wrote to TikTok on Tuesday. She wrote: ",  # a letter to the firm
    "Episode four is the best yet. The restaurant posted on Instagram: ",
])
def test_what_read_something_and_is_no_post(lead):
    text = f"The depot closed on Tuesday. {lead}\u201cThirty years, and not one thank you " \
           "from the board.\u201d\n\nThe board did not reply."
    assert extract_posts(text) == []


@pytest.mark.parametrize(("lead", "name", "platform"), [
    ("Tamsin Drury posted a message on Instagram on Sunday afternoon. ", "Tamsin Drury",
     "instagram"),
    ("Councillor Tamsin Drury posted on Facebook on Monday. ", "Tamsin Drury", "facebook"),
    ("The council posted an update on X at 2.10am. ", None, "twitter"),
    ("The club announced the news on X at 9.14am. ", None, "twitter"),
])
def test_a_quotation_that_is_the_sentence_after_the_posting_is_the_post(lead, name, platform):
    """"The service posted an update on X at 2.10am. '…,' the post read." (a fresh audit's
    flood and football stories): a quotation after a sentence saying who posted on which
    platform and nothing else, with words after it that say it is the post ending its
    paragraph, is the post."""
    text = f"The depot closed on Tuesday. {lead}\u201cThirty years, and not one thank you " \
           "from the board,\u201d the post read.\n\nThe board did not reply."
    (post,) = extract_posts(text)
    assert (post.handle, post.display_name, post.platform) == (None, name, platform)
    assert post.text == "Thirty years, and not one thank you from the board"


@pytest.mark.parametrize("lead", [
    "Tamsin Drury wrote to the council on Monday. ",  # a letter: no platform
    "Tamsin Drury has 40,000 followers on Instagram. ",
    "Tom Vance replied on X. ",
    "Tamsin Drury posted on Facebook and on Instagram. ",
    "Tamsin Drury posted a photo on Instagram. ",
    "In Thursday's episode, Tamsin Drury posts a message on Facebook. ",
    "Tamsin Drury did not post on Facebook. ",
    "A screenshot claiming to show a post by Tamsin Drury went round on Facebook. ",
    "Fans posted on Facebook all night. ",
    "Tamsin Drury regularly posted on Instagram. ",  # a habit (a reviewer's)
])
def test_a_quotation_after_a_sentence_that_is_not_the_posting_is_no_post(lead):
    text = f"The depot closed on Tuesday. {lead}\u201cThirty years, and not one thank you " \
           "from the board,\u201d the post read.\n\nThe board did not reply."
    assert extract_posts(text) == []
    # Nor a quotation alone: the paragraph after may give it to someone else (a
    # reviewer's: "That was one of the first replies, from resident Gary Moss.").
    text = ("The depot closed on Tuesday. Tamsin Drury posted on Facebook on Monday. \u201c"
            "Absolute shambles, as usual.\u201d\n\nThat was one of the first replies.")
    assert extract_posts(text) == []
    # Nor a quotation that goes on in its paragraph: "…," her agent said.
    for tail in ("her agent said.", "she told reporters.", "she wrote in a letter."):
        text = ("The depot closed on Tuesday. Tamsin Drury posted a video on Instagram. "
                f"\u201cIt was a shock,\u201d {tail}\n\nThe board did not reply.")
        assert extract_posts(text) == [], tail


@pytest.mark.parametrize(("tail", "handle"), [
    (" the post from @WenndaleFire read.", "WenndaleFire"),
    (" the post read.", None),
    (" she wrote.", None),
])
def test_a_quotation_after_the_posting_sentence_may_say_it_is_the_post(tail, handle):
    """'The service posted an update on X at 2.10am. "…," the post from @WenndaleFire
    read.' and '… "…," she wrote.' (a fresh audit's): the post, with the account the
    tail names."""
    text = ("The depot closed on Tuesday. Tamsin Drury posted a message on X on Monday. "
            f"\u201cThirty years, and not one thank you from the board,\u201d{tail}\n\nNo reply.")
    (post,) = extract_posts(text)
    assert (post.platform, post.handle) == ("twitter", handle)
    assert post.text == "Thirty years, and not one thank you from the board"


@pytest.mark.parametrize(("text", "handle", "name", "platform"), [
    # The account after the verb, with the platform or without (two audits' articles).
    ('Its press office posted on X from the account @PennyWise: "{q}"', "PennyWise", None,
     "twitter"),
    ('He posts on Bluesky from his account, @PennyWise, on Monday: "{q}"', "PennyWise", None,
     "bluesky"),
    ('The operator posted on X from its @PennyWise account: "{q}"', "PennyWise", None,
     "twitter"),
    ('She posted on her personal account, @PennyWise, at 20:37: "{q}"', "PennyWise", None,
     "unknown"),
    ('In a post on X, Eastgate Buses (@PennyWise) wrote: "{q}"', "PennyWise", "Eastgate Buses",
     "twitter"),
    # The account after the quotation.
    ('"{q}," @PennyWise posted.', "PennyWise", None, "unknown"),
    ('"{q}," wrote one X user, @PennyWise.', "PennyWise", None, "twitter"),
    ('"{q}," another Instagram user, @PennyWise, posted on Thursday.', "PennyWise", None,
     "instagram"),
    ('"{q}?" a fan account, @PennyWise, posted on X.', "PennyWise", None, "twitter"),
    ('"{q}," she wrote on her account, @PennyWise.', "PennyWise", None, "unknown"),
    ('"{q}," @penny@mastodon.social posted.', "penny@mastodon.social", None, "mastodon"),
    ('"{q}," @penny.bsky.social posted.', "penny.bsky.social", None, "bluesky"),
    # A dotted handle is no sign of Bluesky unless its own domain says so.
    ('"{q}," @kell.bakery posted.', "kell.bakery", None, "unknown"),
    # Where it was posted after the handle, a resident's account, "in a post", "under her
    # post", "posting as" (a fresh audit's).
    ('"{q}," one X user, @PennyWise, wrote in a post that has since been deleted.',
     "PennyWise", None, "twitter"),
    ('"{q}," posted one Eastgate resident, @PennyWise, on X.', "PennyWise", None, "twitter"),
    ('"{q}," one Instagram user, @PennyWise, wrote under her latest post.', "PennyWise", None,
     "instagram"),
    ('One, posting on X as @PennyWise, wrote: "{q}"', "PennyWise", None, "twitter"),
    ('A user posting as @PennyWise replied: "{q}"', "PennyWise", None, "unknown"),
    # A role or a body's kind posting from the account (fresh audits').
    ('"{q}," the deputy wrote from his personal account, @PennyWise.', "PennyWise", None,
     "unknown"),
    ('"{q}," the group posted from @PennyWise on Monday.', "PennyWise", None, "unknown"),
    ('"{q}," the deputy wrote from his personal account, @PennyWise, on Thursday.',
     "PennyWise", None, "unknown"),
    # The platform the sentence before says the post went on (a fresh audit's: "unknown"
    # beside "posted on X"); not where that sentence names two.
    ('Penny herself posted on X shortly after midday. "{q}," she wrote from her account, '
     '@PennyWise.', "PennyWise", None, "twitter"),
    ('Penny posted on X and on Instagram. "{q}," she wrote from her account, @PennyWise.',
     "PennyWise", None, "unknown"),
    # (nor where that sentence is about someone else: a reviewer's)
    ('Mayor Owen Tate posted on Instagram that he was sorry. "{q}," she wrote from her '
     'account, @PennyWise.', "PennyWise", None, "unknown"),
    ('Mayor Enn Tate posted on Instagram that he was sorry. "{q}," she wrote from her '
     'account, @PennyWise.', "PennyWise", None, "unknown"),  # (no name inside the handle)
    # (a sentence that names no one is hers: "The senator posted on X …", a reviewer's)
    ('The senator posted on X on Sunday evening. "{q}," she wrote from her account, '
     '@PennyWise.', "PennyWise", None, "twitter"),
])
def test_a_post_the_prose_quotes_with_its_account_named_after_is_a_post(text, handle, name,
                                                                        platform):
    """An account named after the verb ("from the account @x") or after the quotation
    ('"…," @x posted.'): the post is the quotation, by that account; where the article
    names no platform and the handle's shape says none, it is ``unknown``, not a guess."""
    q = "She lectures us about carbon from a business-class seat"
    (post,) = extract_posts(f"The bill passed.\n\n{text.format(q=q)}\n\nThe senator left.")
    assert (post.handle, post.display_name, post.platform, post.posted) == (
        handle, name, platform, None)
    assert post.text.rstrip("?") == q


@pytest.mark.parametrize("text", [
    '"She lectures us," the theatre said, tagging @PennyWise.',
    '"She lectures us," @PennyWise was told.',
    '"She lectures us," wrote @PennyWise\u2019s lawyer.',
    '"She lectures us," said @PennyWise.',  # not a verb of posting
    '"She lectures us," Ana Ruiz wrote, replying to @PennyWise.',
    '"She lectures us," @PennyWise wrote in an email to the Echo.',
    '"She lectures us," @PennyWise wrote to the council.',
    '"She lectures us," posted @PennyWise and @TomVance.',
    '"She lectures us," @PennyWise shared from @TomVance.',
    '"She lectures us," the group posted, quoting @PennyWise.',
    # (words the account passes on: a reviewer's)
    '"She lectures us," the mayor wrote from his account, @PennyWise, quoting a critic.',
    '"She lectures us," the council posted from @PennyWise, sharing a complaint.',
    '"She lectures us," the deputy wrote to @PennyWise.',
    'Ana Ruiz posted on X, replying to @PennyWise: "She lectures us."',
    '"She lectures us," one resident, @PennyWise, told the Echo.',
    '"She lectures us," one resident, @PennyWise, said on X.',
    'The council posted on X from the account of @PennyWise\u2019s mother: "She lectures us."',
    # "wrote" or "replied" with no account, no post replied to and no platform: a letter's
    # or a speech's words may be; a claim or fiction is no one's post.
    'In a letter to the council, @PennyWise wrote: "She lectures us."',
    '@PennyWise replied to the council: "She lectures us."',
    'Prosecutors say one account, @PennyWise, posted: "She lectures us."',
    'In the novel, one user, @PennyWise, wrote: "She lectures us."',
    'Ana Ruiz, replying to @PennyWise, posted: "She lectures us."',
    # A reviewer's: the handle is not the sentence's subject, or the words went to a paper,
    # the press, or a court's or a story's claim.
    'An account set up to mock @PennyWise posted: "She lectures us."',
    'Mayor Ellen Park thanked @PennyWise, then posted: "She lectures us."',
    'One follower, @PennyWise, wrote to the Echo: "She lectures us."',
    'One follower, @PennyWise, replied to our request for comment: "She lectures us."',
    'One account, @PennyWise, replied to the judge\'s comments: "She lectures us."',
    'Investigators say one account, @PennyWise, wrote: "She lectures us."',
    'The indictment says the account @PennyWise posted: "She lectures us."',
    'In the novella, one user, @PennyWise, wrote: "She lectures us."',
    'Had @PennyWise posted: "She lectures us," the fans would have marched.',
    '"She lectures us," @PennyWise wrote in a story published by the Herald.',
    # No platform, and a drama, a guidance note's invented exchange (a second reviewer's).
    'In the opening episode of the BBC drama, @PennyWise posted: "She lectures us."',
    'The guidance includes an invented exchange. One user, @PennyWise, posted: "She lectures us."',
    # "said": speech, whatever name the speaker posts under (a reviewer's).
    'The teenager posting as @PennyWise said yesterday: "She lectures us."',
])
def test_what_names_an_account_after_a_quotation_that_is_no_post(text):
    assert extract_posts(f"The bill passed. {text}\n\nThe senator left.") == []


def test_a_post_the_prose_quotes_and_the_embed_below_are_one_post():
    text = ("@PennyWise wrote on X on March 25, 2025: \u201cShe lectures us about carbon.\u201d"
            "\n\nShe lectures us about carbon. \u2014 Tamsin Drury (@PennyWise) March 25, 2025")
    (post,) = extract_posts(text)
    assert post.handle == "PennyWise" and post.text == "She lectures us about carbon."


def test_a_facebook_post_quoted_whole_keeps_its_text():
    """Facebook's embed signature keeps one line of caption, but a Facebook post quoted
    whole (a card, a quotation) is read whole (a held-out audit's two were lost)."""
    card = ("The pilot said goodbye.\n\nWendy Coker (@wendy_pilot) \u00b7 Sep 30, 2022\n"
            "Thirty years flying the island route. Thank you all.\n\u2014 posted on Facebook")
    quoted = ('Leland Osei (@leland) posted on Facebook on June 6, 2025: "Folks, I have read '
              'the ordinance twice."')
    assert [(p.platform, p.text[:6]) for p in extract_posts(card)] == [("facebook", "Thirty")]
    assert [(p.platform, p.text[:5]) for p in extract_posts(quoted)] == [("facebook", "Folks")]


@pytest.mark.parametrize(("lead", "platform", "posted"), [
    ("She later wrote on Instagram: ", "instagram", None),
    ("Hours later, he tweeted: ", "twitter", None),
    ("He posted on Facebook on March 3, 2024: ", "facebook", "2024-03-03"),
    ("On Bluesky, they wrote: ", "bluesky", None),
    ("In a tweet on Monday, she said: ", "twitter", None),
    ("She said in a Facebook post: ", "facebook", None),
    # when, before the pronoun: a year, or the post's own date (fresh audits' old posts)
    ("In 2019, she wrote on Twitter: ", "twitter", None),
    ("Back in March 2015, he wrote on Facebook: ", "facebook", None),
    ("In a post from September 2019, long before she was elected, she wrote on X: ",
     "twitter", None),
    ("In one, dated 14 November 2021, she wrote on Facebook: ", "facebook", "2021-11-14"),
])
def test_a_post_the_prose_quotes_by_a_pronoun_is_a_post_with_no_author_yet(lead, platform,
                                                                             posted):
    """'She later wrote on Instagram: "…"' (most posts two audits' articles still missed):
    the post is the quotation; whom the pronoun names is the quotation layer's to say."""
    text = (f"The bill passed on Tuesday.\n\n{lead}\u201cShe lectures us about carbon from "
            "a business-class seat.\u201d\n\nThe senator did not reply.")
    (post,) = extract_posts(text)
    assert (post.handle, post.display_name, post.platform, post.posted) == (
        None, None, platform, posted)
    assert post.text == "She lectures us about carbon from a business-class seat."
    # (the quotation's own words, "if" among them, are no lead-in's; a podcast's episode the
    # sentence before is no fiction)
    after = ("The bill passed on Tuesday.\n\n\u201cShe lectures us about carbon, if you "
             "ask me,\u201d she wrote on Threads.\n\nThe senator did not reply.")
    assert [(p.platform, p.text) for p in extract_posts(after)] == [
        ("threads", "She lectures us about carbon, if you ask me")]
    episode = ("They recorded a bonus episode on Tuesday. Hours later, he posted on Threads: "
               "\u201cNobody comes out of this well.\u201d")
    assert [p.platform for p in extract_posts(episode)] == ["threads"]


@pytest.mark.parametrize("text", [
    'According to a screenshot, she wrote on X: "She lectures us about carbon."',
    'She reportedly wrote on X: "She lectures us about carbon."',
    'The court was told that on 3 May, she tweeted: "She lectures us about carbon."',
    'In the spoof, she tweeted: "She lectures us about carbon."',
    'Police believe that on Friday, she posted on Facebook: "She lectures us about carbon."',
    'In the film\'s opening scene, she posts on Instagram: "She lectures us about carbon."',
    'When the buses finally stop, he tweets: "She lectures us about carbon."',
    'A picture claims to show a post by the mayor. In it, he tweets: "She lectures us."',
    # Fiction's and allegations' posts (a third reviewer's).
    'In the pilot, he tweets: "She lectures us about carbon."',
    'In 2019, the novel\'s heroine tweets: "She lectures us about carbon."',
    'In a scene from 2019, he wrote on X: "She lectures us about carbon."',
    # A year's opener after a show's recap, a screenshot's claim or private messages, or
    # with a claim's verb in its aside (a reviewer's)
    'The new ITV series follows a detective. In 2019, she wrote on X: "I will find you."',
    'The play is set in a Welsh town. In 2020, she wrote on Facebook: "Stay home."',
    'A screenshot appears to show a post by Ana Ruiz. In a post from 2019, she wrote on X: '
    '"Close the lot of them."',
    'He sent her 200 messages on Instagram. In one, sent on 2 June 2020, he wrote on '
    'Instagram: "I know where you live."',
    'In a message from 2019, the charge sheet states, he wrote on Telegram: "You will pay."',
    'Later in the programme, he tweets: "She lectures us about carbon."',
    'Dwayne Pike denies stalking. The next day, he wrote on Facebook: "I am watching you."',
    # A post the next sentence says was not genuine (a third reviewer's).
    'At noon the Ashby Town Council posted on X: "Bins go out on Friday." The council later '
    'said the account was fake.',
    'If she tweeted: "She lectures us about carbon," she would be sacked.',
    'She said on X: "She lectures us about carbon."',  # a broadcast's words
    'On YouTube, she said: "She lectures us about carbon."',
    'She said: "She lectures us about carbon."',
    '"She lectures us," she wrote on X, "and she flies."',
    'Her sister said she wrote on X: "She lectures us about carbon."',
    '\n\n"The depot has closed.\n\n"Nobody told us," she wrote on Facebook.',
])
def test_what_the_prose_quotes_by_a_pronoun_that_is_no_post(text):
    assert extract_posts(f"The bill passed. {text}\n\nThe senator did not reply.") == []


@pytest.mark.parametrize("after", [
    ' \u201cThat is simply untrue,\u201d said resident Mo Adeyemi.',
    ' \u201cProgress\u201d, as the council calls it, will cost \u00a340 million.',
])
def test_a_post_followed_by_someone_elses_quotation_is_still_read(after):
    """A quotation after the attribution that is no sentence of the post's — another's,
    with its own attribution, or a scare quote — does not make the post go on (a
    reviewer's)."""
    text = ("The bypass vote was on Monday.\n\n\u201cThe bypass is a mistake,\u201d Councillor "
            f"Rhian Lloyd wrote on Facebook.{after}\n\nThe vote is on Friday.")
    assert [(p.display_name, p.text) for p in extract_posts(text)] == [
        ("Rhian Lloyd", "The bypass is a mistake")]


@pytest.mark.parametrize(("lead", "kept"), [
    # A fresh audit: the article's own sentence naming the author, then the post in its
    # quotation marks and the signature, one paragraph: the sentence is the article's.
    ("Marchetti defended the cuts in a post on X on Monday. ", False),
    ("Northline Rail told passengers not to travel north of Dunmore. ", False),
    # A sentence that does not name the author is the post's own.
    ("Great news today. ", True),
    # "I" speaks in the post, not the article.
    ("I, Elena Marchetti, have an announcement. ", True),
    # A caption or a headline in the present is the post's own opening (a reviewer's).
    ("Marchetti on the cuts. ", True),
    ("Elena Marchetti thanks the team. ", True),
])
def test_a_sentence_naming_the_author_before_a_quoted_post_is_the_articles(lead, kept):
    text = (f"The firm cut 400 jobs.\n\n{lead}\u201cThere is no good way to do this. I own "
            "that decision.\u201d \u2014 Elena Marchetti (@northlinerail) January 29, 2024")
    if "Northline" in lead:
        text = text.replace("Elena Marchetti (", "Northline Rail (")
    (post,) = extract_posts(text)
    assert post.text.startswith(lead.strip()) is kept
    assert post.text.rstrip("\u201d").endswith("I own that decision.")


@pytest.mark.parametrize(("after", "handle"), [
    # A fresh audit: the account its poster posts as, named after the attribution.
    (", where she posts as @tamsin_d.", "tamsin_d"),
    # Not someone else's account, nor one in the next sentence.
    (", where her rival posts as @tom_v.", None),
    (". She moved to Bluesky, where she posts as @tamsin.bsky.social.", None),
    # A reviewer's: whom the poster replied to or quoted is named in between.
    (", replying to her sister Dana Drury, where she posts as @dana_d.", None),
    (", quoting Senator Mark Dunn, where he posts as @markdunn.", None),
])
def test_the_account_a_prose_posts_author_posts_as_is_its_handle(after, handle):
    text = ("The bill passed.\n\nTamsin Drury spoke first. \u201cShe lectures us about carbon,"
            f"\u201d Tamsin Drury wrote on X{after}\n\nThe senator left.")
    (post,) = extract_posts(text)
    assert (post.display_name, post.handle) == ("Tamsin Drury", handle)


def test_an_account_in_the_sentence_after_a_prose_post_is_not_its_handle():
    """A reviewer's: the post's words end its sentence; the next one's account is another's."""
    text = ("The council met.\n\nSenator Tamsin Drury wrote on X: \u201cWe won this fight "
            "together.\u201d Her opponent Tom Vale, where he posts as @tvale, called it a stunt.")
    (post,) = extract_posts(text)
    assert post.handle is None


def test_a_paragraphs_last_sentence_leads_in_the_signed_post():
    """A record's one paragraph of prose with a quotation in it, then 'X posted the notice
    on X: "…" — X (@x) date' (a fresh audit's: the post took the whole paragraph, and the
    councillor's quotation became the post's). The post is the last quotation; a lead-in
    that names someone else leaves the paragraph whole."""
    text = ('Station Road will be closed for resurfacing. Councillor Deborah Lyle said: "We '
            'know this is disruptive." Diversions will be signed. Fenbridge Borough Council '
            'posted the notice on X: "Station Road closed 8-19 Sept. #FenbridgeRoads" '
            '\u2014 Fenbridge Council (@FenbridgeBC) September 1, 2025')
    (post,) = extract_posts(text)
    assert post.text == "Station Road closed 8-19 Sept. #FenbridgeRoads"
    assert text[post.start] == '"'
    other = text.replace("Fenbridge Borough Council posted the notice on X:",
                         "Residents were told on Monday:")
    (post,) = extract_posts(other)
    assert post.text.startswith("Station Road will be closed")
    # The post's own words, a quotation of someone's at its end (a reviewer's): whole.
    for own in ('We are delighted to welcome our new chair. Fenbridge Trust chair Maya Okafor '
                'posted: "The river belongs to all of us." \u2014 Fenbridge Trust (@FenTrust) '
                'March 8, 2024',
                '"Bring it back," residents chanted outside the hall. Harlow Gazette reporter '
                'Tom Reed posted: "The crowd was 500 strong." \u2014 Harlow Gazette '
                '(@HarlowGazette) March 4, 2024'):
        (post,) = extract_posts(own)
        assert len(post.text) > 60, post.text


def test_a_pronouns_post_after_the_platform_needs_no_comma():
    """'In a post on Instagram she wrote: "…"' (a fresh audit's miss: the form wanted a
    comma after the platform); an impostor's or a fiction's stay unread as before."""
    text = ('Carla Menendez quit on Sunday night. In a post on Instagram she wrote: "I cannot '
            'put my name to a competition decided in a production meeting."')
    (post,) = extract_posts(text)
    assert (post.platform, post.text) == (
        "instagram", "I cannot put my name to a competition decided in a production meeting.")
    # "On Facebook she said:" with no comma is as often speech about Facebook (a
    # reviewer's: radio, television and meeting quotations): a posting verb only.
    spoken = ('Peter Vance faced residents at a public meeting. On Facebook he said: "Most of '
              'what you read there is nonsense."')
    assert extract_posts(spoken) == []
    # A drama in the paragraph before, a mock-up said after (a reviewer's).
    for other in ('In the new drama Feed, Maya Cole plays Jess, an influencer.\n\nIn a post on '
                  'Instagram she wrote: "Day one of being real."',
                  'Would she apologise? On Instagram she wrote: "I have nothing to apologise '
                  'for." That post, however, was a fan-made mock-up.'):
        assert extract_posts(other) == [], other


@pytest.mark.parametrize(("opening", "name"), [
    ("The chef Ana Ferreira", "Ana Ferreira"),
    ("The pastry chef Ana Ferreira", "Ana Ferreira"),
    ("Former nurse Ana Ferreira", "Ana Ferreira"),
    ("Ana Ferreira", "Ana Ferreira"),
    # a relative brought in by someone else's words, or the subject's description of her
    ("The mother who lost her daughter Ana Ferreira", None),
    ("Tom Reed's daughter Ana Ferreira", None),
    # an abbreviation's stop, an opening phrase (reviewers')
    ("The daughter of former U.S. senator Ana Ferreira", None),
    ("The wife of Yahoo! chief Ana Ferreira", None),
    ("According to prosecutors, the coach Ana Ferreira", None),
    ("In the novel, the detective Ana Ferreira", None),
])
def test_a_job_before_a_posters_name_and_an_apposition_after_it(opening, name):
    """"The chef Ana Ferreira, who worked under him for three years, wrote on X: '…'" (a
    fresh audit's): the poster's job before the name leaves her the poster."""
    text = (f"Staff were shocked. {opening}, who worked under him for three years, wrote on "
            "X: \u201cThe Marcus I know would never say that.\u201d")
    posts = extract_posts(text)
    assert [p.display_name for p in posts] == ([name] if name else []) or (
        name is None and all(p.display_name is None for p in posts))


def test_a_pronouns_title_after_the_post_does_not_name_its_author():
    """'Tamsin Drury posted a statement on Instagram on Sunday. He wrote: "…" Her husband
    Mr Drury was also at the hearing.' (a reviewer's): the post, no author — the title
    after it is someone else's."""
    text = ("The hearing ended. Tamsin Drury posted a statement on Instagram on Sunday. He "
            "wrote: \u201cWe are heartbroken.\u201d Her husband Mr Drury was also at the "
            "hearing.")
    (post,) = extract_posts(text)
    assert (post.platform, post.display_name) == ("instagram", None)


def test_a_post_that_goes_on_past_its_attributions_clause_is_not_cut():
    """'"…," wrote @x on X, quoting the statement. "…"': the post goes on after the rest
    of its attribution's sentence, and where it ends is unsure — no post cut in two (a
    fresh audit's); with no quotation after, the post stands."""
    text = ("The brand apologised.\n\n\"An apology posted at 11pm on a Sunday,\" wrote "
            "@northernthreadz on X, quoting the statement. \"Where's the donation?\"\n\n"
            "The brand did not reply.")
    assert extract_posts(text) == []
    alone = text.replace(" \"Where's the donation?\"", " The brand was silent.")
    assert [p.handle for p in extract_posts(alone)] == ["northernthreadz"]


@pytest.mark.parametrize(("before", "lead", "platform", "handle", "name", "posted"), [
    ("The row grew after tweets posted in 2015 by a lecturer, Dr Mark Ellery, circulated.",
     "In one, dated 4 May 2015, @MarkEllery_Hist wrote: ", "twitter", "MarkEllery_Hist",
     None, "2015-05-04"),
    ("A blogger circulated tweets Travis Lyle wrote in 2014, before he held office.",
     "In one, dated March 9, 2014, Lyle wrote: ", "twitter", None, "Travis Lyle",
     "2014-03-09"),
    ("Ms Pitt read out posts from an X account, @VinceHarrowProps, said to be his.",
     "In one, dated 15 January 2023, the account wrote: ", "twitter", "VinceHarrowProps",
     None, "2023-01-15"),
    ("The tribunal was shown Facebook posts Ms Carr had written about colleagues.",
     "In another, posted in March 2021, she wrote: ", "facebook", None, None, None),
])
def test_one_of_the_posts_the_text_has_just_named_is_a_post(before, lead, platform, handle,
                                                             name, posted):
    """'… circulated tweets Lyle wrote in 2014. In one, dated March 9, 2014, Lyle wrote:
    "…"' (two fresh audits'): one of the posts the sentence before names, of the platform
    it says; a month or a year alone dates it no day."""
    text = f"The board met.\n\n{before} {lead}\u201cReading is reading, let them read.\u201d"
    (post,) = extract_posts(text)
    assert (post.platform, post.handle, post.display_name, post.posted) == (
        platform, handle, name, posted)
    assert post.text == "Reading is reading, let them read."


def test_a_body_posting_lead_in_before_a_signed_quotation_is_the_articles():
    """'The district posted on X: "…" — Pinecrest USD (@PinecrestUSD) January 20, 2025'
    (a fresh audit's: the post's text was the lead-in and its quotation marks, or, with no
    paragraph break, the whole paragraph and another's quotation in it)."""
    post_line = ("The district posted on X: \"No school Tuesday. Stay warm and stay off the "
                 "roads.\" \u2014 Pinecrest USD (@PinecrestUSD) January 20, 2025")
    for text in (f"Closures\n\nPinecrest Unified School District shut on Tuesday.\n\n"
                 f"{post_line}",
                 f"Closures\n\nAll Pinecrest Unified School District schools shut on Tuesday, "
                 f"Gloria Haynes said. \"Buses cannot run,\" Haynes said. {post_line}"):
        (post,) = extract_posts(text)
        assert (post.handle, post.posted) == ("PinecrestUSD", "2025-01-20")
        assert post.text == "No school Tuesday. Stay warm and stay off the roads."
    # The body by its initials ("Transit Workers Union", "TWU"); not someone's post
    # quoting a body (a reviewer's: his words and the club's).
    text = ("Strike\n\nMembers of the Transit Workers Union voted to strike.\n\nThe union "
            "then wrote on X: \"Strike confirmed.\" \u2014 Twu Strike Desk (@TWUnion) "
            "February 2, 2025")
    assert extract_posts(text)[0].text == "Strike confirmed."
    text = ("Transfer\n\nAstonishing timing. The club posted on Facebook: \"Piotr Walczak has "
            "left the club.\" \u2014 Dev Malhotra (@devmalhotra_fc) May 5, 2024")
    assert extract_posts(text)[0].text.startswith("Astonishing timing.")
    # An account with a body's name, whatever the text calls it (a reviewer's: the
    # hospital's words signed by its health board).
    text = ("ED\n\nSt Anne's Hospital asked patients to stay away. The hospital posted on X: "
            "\"Our ED is extremely busy.\" \u2014 NHS Lothian (@NHSLothian) June 1, 2024")
    assert extract_posts(text)[0].text == "Our ED is extremely busy."
    # A person's account with letters or a desk in its name is no body's (a reviewer's).
    for name in ("AJ Turner", "Dev Malhotra MP", "Jo Hartley OBE", "Ana Ruiz | BBC News",
                 "Maria Lopez, Teachers Union rep"):
        text = (f"Bins\n\nThree weeks of excuses. The council posted on X: \"Collections "
                f"resume on Monday.\" \u2014 {name} (@someone88) March 8, 2024")
        assert extract_posts(text)[0].text.startswith("Three weeks of excuses."), name
    # A word of the body's name is matched whole, not shorn of its last "s" ("Ross"
    # matching any handle with "ro": a read-through's).
    text = ("Hall\n\nResidents packed the hall of the Ross Parish Council.\n\nShame on "
            "them. The council posted on X: \"Meeting closed.\" \u2014 Jane Roberts "
            "(@jroberts) March 3, 2024")
    assert extract_posts(text)[0].text.startswith("Shame on them.")
    # A lead-in that reads the post out (a fresh audit's: the post had taken it), not in
    # the first person.
    text = ("Trial\n\nAssistant U.S. Attorney Naomi Fisk read one of them aloud: \u201cTrust "
            "is the only asset that never depreciates.\u201d \u2014 Warren Castellane "
            "(@WCastellane) April 3, 2019")
    assert extract_posts(text)[0].text == "Trust is the only asset that never depreciates."
    mine = text.replace("Assistant U.S. Attorney Naomi Fisk read one of them aloud",
                        "My daughter read this one out")
    assert extract_posts(mine)[0].text.startswith("My daughter read")


@pytest.mark.parametrize(("lead", "platform", "handle", "posted"), [
    ("In a post on X dated May 9, 2016, @AstridLindqvist wrote: ", "twitter",
     "AstridLindqvist", "2016-05-09"),
    ("In a post on X dated May 9, 2016, when she was still an opposition MLA, "
     "@AstridLindqvist wrote: ", "twitter", "AstridLindqvist", "2016-05-09"),
    ("In a 2016 post on X, @AstridLindqvist wrote: ", "twitter", "AstridLindqvist", None),
    ("In a second Facebook post on Tuesday, the corporation wrote: ", "facebook", None, None),
    ("In a post on Threads on Tuesday, the group wrote: ", "threads", None, None),
    ("One of the tweets, dated 9 June 2013, read: ", "twitter", None, "2013-06-09"),
    ("One of the tweets, dated 14 August, read: ", "twitter", None, None),
    ("Another of her old Facebook posts read: ", "facebook", None, None),
])
def test_a_post_opened_by_its_kind_its_date_or_an_aside_is_a_post(lead, platform, handle,
                                                                  posted):
    """Fresh audits' misses: the opening's post dated with "dated", a year or an ordinal
    before its item, an aside of when before the poster, a body that posts as one ("the
    group"), one of the tweets read out: a post, its date a day's only."""
    text = f"The row went on.\n\n{lead}\u201cNot one tanker more, not while I sit here.\u201d"
    (post,) = extract_posts(text)
    assert (post.platform, post.handle, post.posted) == (platform, handle, posted)
    assert post.text == "Not one tanker more, not while I sit here."


@pytest.mark.parametrize("lead", [
    # (an aside that says whose words they are; no platform; a story's tweets)
    "In a post on X, the charge sheet states, @AstridLindqvist wrote: ",
    "In a letter dated May 9, 2016, @AstridLindqvist wrote: ",
    "The new drama follows an umpire. One of the tweets read: ",
    "One of the messages, dated 9 June 2013, read: ",
    # (reviewers': a message on a platform is a private one; fake tweets named in the
    # paragraph before)
    "In a message on Facebook dated June 2, 2023, @AstridLindqvist wrote: ",
    "Katrina Vale created fake tweets in her employer's name.\n\nOne of the tweets read: ",
    "Fake posts attributed to Mayor Ann Holt circulated.\nOne of the posts on Facebook read: ",
])
def test_an_opening_that_is_no_post_stays_a_quotation(lead):
    """Not a post: a claim in the aside, a letter, a drama's tweets, messages."""
    text = f"The row went on.\n\n{lead}\u201cNot one tanker more, not while I sit here.\u201d"
    assert extract_posts(text) == []


@pytest.mark.parametrize("before", [
    "The court heard WhatsApp messages between the brothers and posts on Facebook.",
    "Investigators found hundreds of emails and posts on X.",
    "He wrote three letters to the council and posted updates on Facebook.",
    "She kept a diary of her shifts and posts on her blog.",
    "Prosecutors allege he wrote the posts on Facebook under a false name.",
    "A screenshot of posts on X circulated on Monday.",
    "The council named two people in its report.",
    # (reviewers': other writings beside the posts, two platforms, a platform that is
    # not where the posts are, "they")
    "Reuters reviewed tweets and internal memos from the campaign.",
    "His tweets often linked to essays he wrote for the Tribune.",
    "Maya Cole's tweets and Instagram posts drew complaints.",
    "Marcus Feld, a former Facebook engineer, wrote dozens of posts on a personal blog.",
    "Maria Osei launched two petitions and dozens of Facebook posts against the bypass.",
    "Hale's tweets were cited in two lawsuits against the county.",
    "Investigators reviewed two memos written by Sen. Hale and dozens of his later tweets.",
    "Officers found dozens of posts on Reddit's threads about the estate.",
    "The singer wrote three protest songs and fired off angry tweets about the festival.",
])
def test_one_of_something_else_than_posts_is_no_post(before):
    """"In one" after messages, emails, letters, a diary, a blog, an allegation, a
    screenshot, or no posts at all: the quotation is someone's words, not a post's."""
    text = (f"The case went on.\n\n{before} In one, dated 2 June 2022, he wrote: "
            "\u201cKeep the old ones calm, tell them nothing.\u201d")
    assert extract_posts(text) == []
    they = ("Lawyers cited the driver's tweets in the case. In one, dated June 3, 2019, "
            "they wrote: \u201cThe defendant boasted about speeding.\u201d")
    assert extract_posts(they) == []
    # Sent, not posted: a message's.
    sent = ("The court was shown posts from his Facebook account. In one, sent on 2 June "
            "2022, he wrote: \u201cKeep the old ones calm.\u201d")
    assert extract_posts(sent) == []


def test_a_described_account_before_a_handle_and_a_reply_after_it_are_the_posters():
    """'In a post on X, the county account @h wrote: "…"' and '"…," wrote one user, @h, in
    a reply to the thread.' (a fresh audit's misses)."""
    text = ("Heat warning issued.\n\nIn a post on X, the county account @BentonCountyOEM "
            "wrote: \u201cCooling centers open until 8 tonight.\u201d")
    (post,) = extract_posts(text)
    assert (post.platform, post.handle) == ("twitter", "BentonCountyOEM")
    text = ("The thread spread on X.\n\n\u201cCoaches yell. This is a witch hunt,\u201d wrote "
            "one user, @CornfedCoachDad, in a reply to the thread.")
    (post,) = extract_posts(text)
    assert post.handle == "CornfedCoachDad" and post.text == "Coaches yell. This is a witch hunt"


def test_a_titled_surname_and_a_bracketed_name_of_any_script_name_the_poster():
    """"Senator Lyle wrote:" is Dana Lyle's post, and "@elodie_m (Élodie Martin)" is
    Élodie Martin's (reviewers': "Senator Lyle" as the name; an accented capital taken
    for lower case)."""
    text = ("The vote was close.\n\nSenator Dana Lyle has faced criticism over tweets from "
            "2012. In one, dated June 2, 2012, Senator Lyle wrote: \u201cNobody reads the "
            "budget anyway.\u201d")
    (post,) = extract_posts(text)
    assert (post.display_name, post.posted) == ("Dana Lyle", "2012-06-02")
    text = "The strike went on.\n\nOn X, @elodie_m (\u00c9lodie Martin) wrote: \"We go on.\""
    (post,) = extract_posts(text)
    assert post.display_name == "\u00c9lodie Martin"
    text = ("Bins are late.\n\nOn X, the official account @CityOfMarlow (run by the mayor's "
            "office) wrote: \"Bins will be collected as normal.\"")
    (post,) = extract_posts(text)
    assert (post.handle, post.display_name) == ("CityOfMarlow", None)



@pytest.mark.parametrize("text", [
    # "X." ends a sentence, not an initial's; novels; "teams" the word, not the app; three
    # newlines between paragraphs (a read-through's)
    "Dana Hale shared her views in posts on X. She has also released two albums since. In "
    "the first, from 2019, Hale wrote: \u201cEvery road leads back to you.\u201d",
    "Dana Hale has written three novels, which she promoted in Facebook posts.\n\nIn the "
    "first, from 2009, Hale wrote: \u201cThe river took everything.\u201d",
])
def test_one_of_what_is_not_a_post_after_all_is_no_post(text):
    assert extract_posts(text) == []


def test_one_of_the_posts_after_a_word_like_an_apps_name_or_blank_lines_is_a_post():
    text = ("Mark Lyle posted tweets mocking rival teams for years. In one, dated March 9, "
            "2014, Lyle wrote: \u201cHarwick could not beat a team of toddlers.\u201d")
    assert [p.platform for p in extract_posts(text)] == ["twitter"]
    text = ("Mark Lyle, a Kelton councillor, wrote tweets for years.\n\n\nIn one, dated March "
            "9, 2014, Lyle wrote: \u201cHarwick could not beat a team of toddlers.\u201d")
    assert [p.platform for p in extract_posts(text)] == ["twitter"]


def test_a_post_quoted_first_by_a_name_and_its_handle_then_what_they_did():
    """'"…," Denis Caron (@DenisCaronSA) wrote on X on Monday, defending the mayor.' (a
    fresh audit's miss)."""
    text = ("The mayor was criticised.\n\n\"Lise has done more for this town than anyone,\" "
            "Denis Caron (@DenisCaronSA) wrote on X on Monday, defending the mayor.")
    (post,) = extract_posts(text)
    assert (post.platform, post.handle, post.display_name) == (
        "twitter", "DenisCaronSA", "Denis Caron")
    # (not a clause that says whose words they are)
    text = text.replace("defending the mayor", "according to a screenshot")
    assert extract_posts(text) == []


def test_a_post_passed_on_from_someone_else_is_not_the_posters():
    """'"…," MP Joanne Pike wrote on X, reposting a constituent's message.' (a
    reviewer's): the words are the constituent's."""
    for clause in ("reposting a constituent's message", "retweeting a resident's complaint",
                   "citing a letter from the trust"):
        text = (f"Pike spoke up.\n\n\"My son waited 14 hours in A&E,\" Labour MP Joanne Pike "
                f"wrote on X, {clause}.")
        assert extract_posts(text) == []


@pytest.mark.parametrize(("lead", "handle", "name"), [
    ("In a post on X, local publican Fergal Moynihan (@FergalsBar) wrote: ", "FergalsBar",
     "Fergal Moynihan"),
    ("In a post on X, the council (@WorcsCC) said: ", "WorcsCC", None),
])
def test_a_post_on_a_platform_by_a_described_name_or_a_body_and_its_handle(lead, handle, name):
    """Fresh audits' misses; not "supporters of …" or "the mother of …" (whose words,
    unsure)."""
    (post,) = extract_posts(f"The vote was close.\n\n{lead}\"Half the village came.\"")
    assert (post.platform, post.handle, post.display_name) == ("twitter", handle, name)
    for other in ("supporters of", "the mother of"):
        text = (f"The vote was close.\n\nIn a post on X, {other} Fergal Moynihan (@FergalsBar) "
                "wrote: \"Half the village came.\"")
        assert extract_posts(text) == []


@pytest.mark.parametrize("who", ["a user quoting", "an account impersonating",
                                 "someone posing as"])
def test_a_post_about_a_named_account_is_not_theirs(who):
    """Reviewers': the post of whoever quotes, impersonates or poses as the named
    account."""
    text = (f"The row grew.\n\nIn a post on X, {who} Gareth Wyn (@GarethWyn_MP) wrote: "
            "\"I am quitting politics.\"")
    assert extract_posts(text) == []
