"""Embedded posts in plain text, found by their signature line.

An embed that lost its markup leaves text like::

    Tweet text pic.twitter.com/AbCdEf1234 — Display Name (@handle) April 2, 2020

A post copied from its card has the signature first, as the card shows it::

    Display Name (@handle) · Apr 2, 2020
    Tweet text
    — posted on X

and prose may quote one, naming its handle and where or when it was posted::

    @handle (Display Name) wrote on X on April 2, 2020: "Tweet text"

The signature grammar lives in :mod:`echoscope.text.signatures` (the HTML reader reads
embeds with the same one). From each signature this walks back to where the post's text
starts: the paragraph, or, in one-sentence-per-line text (as in the PTC corpus), the
lines before it that fit the platform's length limit and do not read as the article
introducing the post.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..doc import Doc, Post
from ..text.sentences import split_sentences
from ..text.signatures import HANDLE, SITE_NAMES, Signature, find_signatures, platform_for, site_of
from ..text.social_text import (
    ANOTHERS_POST,
    CALENDAR_NAMES,
    DATE_PATTERN,
    MONTH_NAMES,
    date_from_match,
    enclosed,
    find_hashtags,
    find_links,
    find_mentions,
    parse_date,
)
from ..text.words import familiar_words
from .base import Analyzer
from .common import PERSON_NOUNS, POSTNOMINALS, ROLE_WORD, SPEAKER_ROLES
from .entities import ORG_LAST_WORDS

_INSTAGRAM_NOISE = re.compile(r"^\s*View this post on Instagram\s*", re.IGNORECASE)
# Prose that introduces a quoted post rather than being part of it.
_INTRO = re.compile(
    r"\b(?:tweet(?:ed|s)?|twitter|posted|wrote|writes|responded|replied|reacted|"
    r"according to|instagram|in a post|had to say|here[’']?s what)\b",
    re.IGNORECASE,
)
_MAX_PARAGRAPH = 1200  # a blank-line paragraph longer than this is article prose too
#: A web form's or a site's small print, which a scraped page can run in between a post's
#: text and its signature (a poll, a sign-up box): never a post's words.
_SITE_PRINT = re.compile(
    r"(?i)\bthis field is for validation purposes\b|"
    r"\byou (?:also )?agree to this site['’]s (?:privacy policy|terms of (?:use|service))\b|"
    r"^\s*(?:e-?mail|name|comments?|website|phone)(?:\s+address)?\s*\*\s*$|"
    r"^\s*you may (?:opt[ -]out|unsubscribe) at anytime\.?\s*$|"
    r"\bcompleting this (?:poll|form|survey) grants you\b")
# Facebook text embeds keep one line of caption ("…"), so take no more than that line.
_LINE_BUDGET = {"bluesky": 300, "mastodon": 500, "threads": 500, "facebook": 0}
_MEDIA = re.compile(r"(?:https?://)?pic\.(?:twitter|x)\.com/[A-Za-z0-9]{1,10}")
_URL = re.compile(r"https?://\S+")


def _budget(platform: str, posted: str | None) -> int:
    """Most characters a post can have (Twitter: 140 until 2017-11-07, then 280)."""
    if platform == "twitter":
        return 140 if posted and posted < "2017-11-07" else 280
    return _LINE_BUDGET.get(platform, 2200)


def _tweet_length(s: str) -> int:
    """Length as the platform counts it: a link is 23 characters, attached media 0."""
    s = _MEDIA.sub("", s)
    n_links = len(_URL.findall(s))
    return len(_URL.sub("", s).strip()) + 23 * n_links


def _text_start(text: str, lo: int, end: int, budget: int, paragraphs: bool) -> int:
    """Where the post text that ends at ``end`` begins (never before ``lo``)."""
    while end > lo and text[end - 1].isspace():
        end -= 1
    if end <= lo:
        return end
    if paragraphs:
        p = text.rfind("\n\n", lo, end)
        start = lo if p < 0 else p + 2
        # A one-line paragraph is the post; a paragraph of several lines (one sentence
        # per line, as in PTC) is read line by line below.
        if "\n" not in text[start:end].strip("\n— \t") and end - start <= _MAX_PARAGRAPH:
            return start
        lo = start
    # One sentence (or paragraph) per line: take lines back while they fit the
    # platform's length limit and do not read as the article introducing the post.
    start = max(lo, text.rfind("\n", lo, end) + 1)
    if _SITE_PRINT.search(text[start:end]):
        return end  # the page's small print, not the post's words: no text
    length = _tweet_length(text[start:end])
    first = text[start:end].strip() == ""
    seen = {_norm(text[start:end])}
    while start > lo:
        prev_end = start - 1
        if prev_end <= lo or text[prev_end - 1] == "\n":
            break
        prev_start = max(lo, text.rfind("\n", lo, prev_end) + 1)
        line = text[prev_start:prev_end]
        if not line.strip() or line.rstrip().endswith(":") or _SITE_PRINT.search(line):
            break
        if not first and _INTRO.search(line):
            break
        size = _tweet_length(line) + 1
        if not first and length + size > budget:
            break
        # Articles often quote a post in their own words just before embedding it: a
        # line that repeats one of the post's lines is the article's, not the post's.
        key = _norm(line)
        if key and key in seen:
            break
        seen.add(key)
        start, length, first = prev_start, length + size, False
    return start




#: A platform the article's lead-in names as where someone posted: "posted on Instagram
#: on release day:" (not "moved to Facebook last year, but still tweets:").
_POSTED = (r"(?:post(?:ed|s|ing)?|wr(?:ote|ites|iting)|shar(?:ed|es|ing)|said|says|replied|"
           r"repl(?:y|ies|ying)|announc\w*|react\w*|respond\w*|comment\w*|add(?:ed|s)|"
           r"upload\w*|hit back|took to|taken to|publish(?:ed|es|ing)?|issued)")
#: Platforms as a sentence names them, capitalised ("Threads", "X"; not "threads").
_PLATFORM_NAMES = r"Instagram|Threads|TikTok|Facebook|Bluesky|Mastodon|Telegram|Twitter|X"
_PLATFORM = rf"({_PLATFORM_NAMES})\b"
_DET = r"(?:a|an|the|his|her|their|its|our|my)\s+"
_ITEM = r"\s+(?:post|page|story|video|message|update|comment|live|account|feed)s?\b"
#: "posted on Facebook", "wrote to her Instagram story", "said in a Facebook post", an
#: account that opens the sentence and posts ("The restaurant's own Instagram account
#: announced"; not "After the council's Facebook page announced …, the mayor said"), or a
#: sentence that opens with it: "On Facebook, …", "In a Facebook post on Sunday, the pastor
#: wrote:" (not "After a row on Facebook, the mayor said:", "In Facebook's view, …").
_LEAD_SITE = re.compile(
    rf"\b{_POSTED}\b[^.:;\n]{{0,40}}?\b(?:(?:on|to|via)\s+(?:{_DET})?{_PLATFORM}|"
    rf"in\s+{_DET}{_PLATFORM}{_ITEM})|"
    rf"^(?!(?:After|When|Before|As|Since|While|Once|Until|Although|Though|If|Because|"
    rf"Hours|Days|Minutes)\b)(?:[\w'’]+\s+){{0,4}}?{_PLATFORM}\s+"
    rf"(?:account|page|feed|profile|channel)\s+"
    rf"(?:[\w'’]+\s+){{0,3}}?{_POSTED}\b|"
    rf"^(?:On|Via|In)\s+(?:{_DET})?{_PLATFORM}(?:{_ITEM}[^,.:;\n]{{0,30}})?,"
    rf"[^.:;\n]{{0,60}}?\b{_POSTED}\b")
_LEAD_PLATFORMS = {"x": "twitter"}
#: A platform's name anywhere ("X" only as a post's: "an X post", "on X").
_ANY_PLATFORM = re.compile(r"\b(Instagram|Threads|TikTok|Facebook|Bluesky|Mastodon|Telegram|"
                           r"Twitter)\b|\b(?:[Oo]n|[Aa]n)\s+(X)\b")
#: Someone posted the item the paragraph names: "The woman who posted it", "shared the clip".
_POSTED_IT = re.compile(r"\b(?:posted|shared|uploaded|published)\s+(?:it|the\s+(?:post|video|"
                        r"clip|story|reel|message|update))\b", re.IGNORECASE)
#: One post of a platform, named as such: "One TikTok video", "her Instagram post".
_A_POST_OF = re.compile(
    rf"\b(?:[Oo]ne|[Aa]n?|[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Tt]his|[Tt]hat)\s+{_PLATFORM}"
    r"\s+(?:post|video|story|message|update|clip|reel|live\s?stream)\b")


def _lead_names_handle(text: str, start: int, handle: str) -> bool:
    """Is the sentence before ``start`` about the account ``handle`` is: a capitalised word
    of it in the handle ("Kral herself posted on X." before @vesnakral), or no name at all
    ("The senator posted on X shortly after noon.")? Not "Mayor Owen Tate posted on
    Instagram." before @gracepoland (a reviewer's)."""
    lead = re.split(r"(?<=[.!?])\s+|\n\s*\n", text[max(0, start - 300):start].rstrip())[-1]
    names = [w for w in re.findall(r"\b[A-Z][\w'’-]+", lead)
             if w not in _LEAD_WORDS and w not in CALENDAR_NAMES
             and _ANY_PLATFORM.fullmatch(w) is None]
    low = handle.lower()
    # (a name at the handle's start or end, not anywhere in it: "Ann" is no "@joannavale",
    # a read-through's)
    return not names or any(len(w) >= 3 and (low.startswith(w.lower()) or low.endswith(
        w.lower())) for w in names)


#: Capitalised words a lead-in sentence may open with that name no one.
_LEAD_WORDS = frozenset("The Her His She He They It Its Their On In At A An After Later "
                        "Earlier Shortly Minutes Hours Moments".split())


def _lead_platform(text: str, lo: int, start: int) -> str | None:
    """The one platform the sentence that introduces a post names ("her brother posted on
    Instagram on release day:"), or None (none, or more than one)."""
    lead = text[max(lo, start - 300):start].rstrip()
    lead = re.split(r"(?<=[.!?])\s+|\n\s*\n", lead)[-1]
    if re.search(r"\btweet", lead, re.IGNORECASE):
        return None  # "… but Ruiz still tweets:"
    lead = lead.lstrip()
    sites = {_LEAD_PLATFORMS.get(site.lower(), site.lower())
             for m in _LEAD_SITE.finditer(lead) for site in m.groups() if site}
    if sites:
        # One platform, and no other the sentence names ("Her Facebook page said nothing,
        # but on X she wrote:")
        named = {_LEAD_PLATFORMS.get(site.lower(), site.lower())
                 for m in _ANY_PLATFORM.finditer(lead) for site in m.groups() if site}
        return sites.pop() if len(sites) == 1 and named <= sites else None
    # The paragraph before may say what the post is ("One TikTok video, viewed 400,000
    # times, claims … The woman who posted it …"): a post of one platform, named with a
    # determiner, that someone is said to have posted, and no other platform named there
    # (not "A TikTok video of the crash went viral. Ana Ruiz wrote:", a reaction to it).
    para = re.split(r"\n\s*\n", text[max(lo, start - 600):start].rstrip())[-1]
    para = " ".join(re.split(r"(?<=[.!?])\s+", para)[-3:])
    if re.search(r"\btweet", para, re.IGNORECASE):
        return None
    named = {_LEAD_PLATFORMS.get(site.lower(), site.lower())
             for m in _ANY_PLATFORM.finditer(para) for site in m.groups() if site}
    if len(named) == 1 and _A_POST_OF.search(para) and _POSTED_IT.search(para):
        return named.pop()
    return None


#: Twitter named anywhere in a text: its name, its verb, its links ("t.co/…", "x.com/…"), or
#: X as a platform ("on X", "an X post").
_NAMES_TWITTER = re.compile(r"(?i:\btwitter\b|\b(?:re)?tweet|\bt\.co/|\bx\.com/)|"
                            r"\b(?:[Oo]n|[Aa]n|[Vv]ia|and|or)\s+X\b|\bX\s+(?:post|account|user)s?\b")


def _platform(text: str, lo: int, start: int, sig: Signature, others_only: bool,
              bluesky_only: bool) -> str:
    """The post's platform: what its signature says (a handle's shape, "on Instagram"),
    else, for a handle that could be anyone's (Twitter's shape, by default), the one
    platform the sentence introducing it names; and ``unknown`` where the text names other
    platforms and never Twitter (a fan's reply to an Instagram statement, signed as a
    tweet is: a fresh audit's — Twitter would be a guess; ``others_only``, from
    :func:`_names_others_only`); and Bluesky for a handle of a domain's shape that could be
    anyone's where the text names Bluesky and no other platform but X (``bluesky_only``)."""
    if sig.said:
        return sig.platform
    platform = _lead_platform(text, lo, start)
    if platform:
        return platform
    if sig.platform == "twitter" and others_only:
        return "unknown"
    if sig.platform == "unknown" and bluesky_only:
        return "bluesky"  # a handle of a domain's shape where the text names Bluesky alone
        # ("@meilin.science": a reviewer's)
    return sig.platform


def _names_others_only(text: str) -> bool:
    """Does the text name a platform, and never Twitter?"""
    return not _NAMES_TWITTER.search(text) and _ANY_PLATFORM.search(text) is not None


def _names_bluesky_only(text: str) -> bool:
    """Does the text name Bluesky, and no platform but it and X (whose handles have no dot)?"""
    named = {site.lower() for m in _ANY_PLATFORM.finditer(text) for site in m.groups() if site}
    return "bluesky" in named and named <= {"bluesky", "twitter", "x"}


def _norm(line: str) -> str:
    return re.sub(r"[\W_]+", " ", line).strip().lower()


def extract_posts(text: str, existing: list[Post] | None = None) -> list[Post]:
    """Posts found by signature in ``text``, skipping regions already covered by ``existing``.

    Returns only the new posts; ``existing`` posts (e.g. from HTML embeds) are left as they are.
    """
    existing = sorted(existing or [], key=lambda p: p.start)
    paragraphs = "\n\n" in text
    regions: list[tuple[int, int]] = []
    cursor = 0
    for p in existing:
        if p.start > cursor:
            regions.append((cursor, p.start))
        cursor = max(cursor, p.end)
    regions.append((cursor, len(text)))

    found: list[Post] = []
    others_only: bool | None = None
    bluesky_only = False
    for lo, hi in regions:
        prev_end = lo
        for sig in find_signatures(text, lo, hi):
            if others_only is None:
                others_only = _names_others_only(text)
                bluesky_only = _names_bluesky_only(text)
            budget = _budget(sig.platform, sig.posted)
            start = _text_start(text, prev_end, sig.start, budget, paragraphs)
            post = _make_post(text, start, sig)
            # (from where the post starts after its lead-in: "Mei Lin wrote on Bluesky on
            # Saturday. "…" — Mei Lin (@meilin.science)", a reviewer's)
            post.platform = _platform(text, prev_end, max(start, post.start), sig,
                                      bool(others_only), bluesky_only)
            found.append(post)
            prev_end = sig.end
    # Cards copied header first, and posts prose quotes, where no signature's post is.
    # (Not one whose words another post already has: the prose quoting a post embedded
    # below it.)
    taken = [(p.start, p.end) for p in [*existing, *found]]
    said = {_norm(p.text) for p in [*existing, *found] if _norm(p.text)}
    for post in [*_header_posts(text), *_inline_posts(text), *_named_inline_posts(text),
                 *_pronoun_posts(text), *_read_after_posts(text), *_one_of_them_posts(text),
                 *_one_of_the_posts(text)]:
        if text[post.start:post.start + 1] in "\"“" and _CALLED_FAKE.match(
                text, post.end, min(len(text), post.end + 200)):
            continue  # '… posted on X: "…" The council later said the account was fake.'
        words = _norm(post.text)
        if not any(post.start < e and s < post.end for s, e in taken) and not any(
                words == other or min(len(words), len(other)) >= MIN_SAME_WORDS
                and (words in other or other in words) for other in said):
            found.append(post)
            taken.append((post.start, post.end))
            said.add(words)
    for post in found:
        if post.handle is None and text[post.end - 2:post.end - 1] in (",", "?", "!"):
            where = _WHERE_POSTS_AS.match(text, post.end)
            if where is not None:
                post.handle = where.group("handle")  # '"…," she wrote on X, where she
                # posts as @x.': the account the sentence gives its poster
    return sorted(found, key=lambda p: p.start)


#: After a prose post's closing mark (the post's words ending in a comma, so the sentence
#: goes on), its attribution — a name or a pronoun, a posting verb, perhaps the platform
#: and nothing else — and the account its poster posts as: '"…," Fairweather wrote on
#: Instagram, where she posts as @odettefw.' (not "replying to his sister Dana Ruiz,
#: where she posts as …", nor the next sentence's: a reviewer's).
_WHERE_POSTS_AS = re.compile(
    rf"[ \t]+(?:[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+){{0,3}}|she|he|they)[ \t]+(?:wrote|posted|"
    rf"tweeted|replied|added)(?:[ \t]+on[ \t]+(?i:{SITE_NAMES}))?,[ \t]+where[ \t]+"
    rf"(?:she|he|they|it)[ \t]+(?:posts|tweets)[ \t]+as[ \t]+@(?P<handle>{HANDLE})(?![\w@])")


#: The rest of a prose post's sentence and the next one, saying the post or its account
#: was not genuine.
_CALLED_FAKE = re.compile(r"[^\n]{0,200}?\b(?:fake|impostor|imposter|parody|spoof|hoax|"
                          r"fabricated|doctored|not\s+genuine|not\s+real)\b")
#: After a post named as a message that read something: words that make it private, a
#: draft, someone else's or not posted ("… which read: '…' Police said it had been sent
#: privately to her former partner", "his account had been hacked").
_NOT_POSTED_AFTER = re.compile(r"(?i)[^\n]{0,200}?\b(?:privately|private\s+message|hacked|"
                               r"never\s+sent|not\s+(?:his|hers|theirs|its)|draft\w*|"
                               r"sent\s+to\s+(?:her|him|them|ms|mr|mrs|miss|his|their)|actress|"
                               r"actor|has\s+played|who\s+plays|messenger|whatsapp|dm['’]?d|"
                               r"direct(?:ly)?\s+messag\w*|text\s+message|inbox|e-?mailed|"
                               r"den(?:y|ies|ied))\b")
#: A post's words inside another's are the same post only when this long ("Receipts." is
#: in many a post).
MIN_SAME_WORDS = 20


def _quoted_budget(platform: str, posted: str | None) -> int:
    """Most characters a post quoted whole (a card, a quotation) can have: the platform's
    (Facebook's embed signature keeps one line of its caption; a Facebook post quoted whole
    keeps all of it, as other platforms' long posts do)."""
    return _budget(platform, posted) or _budget("", posted)


def _new_post(platform: str, body: str, start: int, end: int, handle: str | None,
              name: str | None, posted: str | None) -> Post:
    links = find_links(body)
    return Post(platform=platform, text=body, start=start, end=end, handle=handle,
                display_name=name, posted=posted, links=[u for _, _, u in links],
                hashtags=find_hashtags(body, links), mentions=find_mentions(body, links))


#: A card's header on a line of its own: "Display Name (@handle) · Mar 24, 2025" (or
#: "Display Name @handle · …", "@handle · …") — the "·" between the account and the date
#: is the card's. No time after the date (a live blog's entry: "Ana Ruiz @ana · June 9,
#: 2025 14:05").
_HEADER = re.compile(
    rf"^[ \t]*(?:(?P<name>[^\n@()·•:]{{1,50}}?)[ \t]*)?(?:\(@(?P<handle>{HANDLE})\)|"
    rf"@(?P<bare>{HANDLE}))[ \t]*[·•][ \t]*(?P<date>{DATE_PATTERN})[ \t]*$",
    re.MULTILINE | re.IGNORECASE)
#: A header's name that is no account's: a byline, a credit, a listing ("By Ana Ruiz",
#: "Reporting by", "Photo", "hosted by", "Episode 14 with", "3. Swim Club").
_NOT_A_NAME = re.compile(r"(?i)\b(?:by|with|from|hosted|featuring|feat|episode|photo\w*|"
                         r"reporting|editing|via)\b|^\d")
#: The line after a card's text that says where it was posted: "— posted on X", "via
#: Bluesky". A card is read only with it: a header-like line alone is also a byline's, a
#: listing's or a live blog's.
_TRAILER = re.compile(
    rf"[ \t]*(?:[—―–-]+[ \t]*)?(?:(?:posted|shared|tweeted|published)[ \t]+)?(?:on|via)[ \t]+"
    rf"(?P<site>{SITE_NAMES})[ \t]*\.?[ \t]*(?:\n|$)", re.IGNORECASE)
#: A card's own interface, copied with it: not the post's words.
_CARD_CHROME = re.compile(r"(?i)^\s*(?:replying to\b.*|translate (?:post|tweet)|show more|"
                          r"[\d.,]+[KkMm]?\s+(?:reposts?|retweets?|likes?|views?|replies|"
                          r"quotes?|bookmarks?)\b.*)\s*$")
#: A reply's first line, the platform's own: "Replying to @a and @b", "… and 2 others".
REPLYING = re.compile(r"[ \t]*Replying to\s+@\w+(?:(?:,\s*|\s+and\s+)(?:@\w+|\d+ "
                      r"others?))*[ \t]*\n\s*")
#: Most lines a card's text runs to, blank lines within it included.
MAX_CARD_LINES = 12


def _header_posts(text: str) -> list[Post]:
    """Posts copied header first (:data:`_HEADER`): the text is the lines between the
    header and a trailer line that names the platform (:data:`_TRAILER`), a blank line or
    two inside it allowed, the card's interface lines before and after it left out; a header with no trailer
    after it, a name that is a byline's or a listing's (:data:`_NOT_A_NAME`), or text
    longer than the platform allows is no post read. (Tried and withdrawn twice: a card
    with no trailer under a sentence that introduces it, "At 2 a.m. he posted this:" —
    two reviewers' listings, bios, comment sections, photo credits and the article's next
    line read as posts: a card's text cannot be told from the prose under it.)"""
    out: list[Post] = []
    if "·" not in text and "•" not in text:
        return out
    for m in _HEADER.finditer(text):
        name = " ".join((m.group("name") or "").split()) or None
        if (name is not None and _NOT_A_NAME.search(name)) or \
                re.search(r"\d[:.]\d\d\b", m.group("date")[-9:]):
            continue  # a byline's or a listing's; a live blog entry's time
        at = m.end() + 1 if text.startswith("\n", m.end()) else m.end()
        spans: list[tuple[int, int]] = []  # the text's lines
        trailer = None
        for _ in range(MAX_CARD_LINES):
            if at >= len(text) or _HEADER.match(text, at):
                break
            trailer = _TRAILER.match(text, at)
            if trailer is not None:
                break
            nl = text.find("\n", at)
            line_end = len(text) if nl < 0 else nl
            if text[at:line_end].strip() and not _CARD_CHROME.match(text[at:line_end]):
                spans.append((at, line_end))
            at = line_end + 1
        if trailer is None or not spans:
            continue
        first, last = spans[0][0], spans[-1][1]
        while text[first].isspace():
            first += 1
        while text[last - 1].isspace():
            last -= 1
        body = text[first:last]  # (as written: offsets into the text hold)
        handle = m.group("handle") or m.group("bare")
        posted = date_from_match(m)
        platform = site_of(trailer.group("site")) or platform_for(handle)
        if _tweet_length(body) > _quoted_budget(platform, posted):
            continue
        out.append(_new_post(platform, body, m.start() + len(m.group(0)) - len(
            m.group(0).lstrip()), trailer.start() + len(trailer.group(0).rstrip()), handle,
            name, posted))
    return out


_POSTING = ("wrote", "posted", "tweeted", "replied", "shared", "said")
#: Where a sentence starts: the text's or a line's start, or after a stop (and a closing
#: quotation mark) and a space.
_SENTENCE_START = r"(?:^|(?<=[.!?…][ \t])|(?<=[.!?…][\"”’'][ \t])|(?<=\n))"
#: A day of a month with no year ("March 3", "3rd March", "Sept. 14"): it dates nothing
#: alone (the year is the reader's guess), but may say when a post was posted.
_MONTH = "|".join(MONTH_NAMES.values())
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_DAY_OF_MONTH = (rf"(?:(?:{_MONTH}|{'|'.join(m[:3] for m in MONTH_NAMES.values())}|Sept)\.?"
                 rf"[ \t]+{_DAY}|{_DAY}[ \t]+(?:{_MONTH}))(?!\w)(?!,?[ \t]*\d)")
#: An event a post may be posted just before or after ("after the match", "shortly after
#: the decision").
_EVENT_NOUN = (r"(?:match|game|race|final|fight|vote|votes|count|result|results|debate|"
               r"meeting|hearing|ruling|decision|verdict|announcement|election|show|concert|"
               r"ceremony|crash|attack|storm|funeral)\b")
#: When a post was posted, after its platform: "on March 25, 2025" or "dated March 25, 2025"
#: (group ``date``; 'In a post on X dated May 9, 2016, @h wrote:', a fresh audit's), or a
#: weekday and perhaps its part ("on Monday", "on Saturday morning") or a day of a month
#: with no year ("on March 3"), which date nothing alone, or a word of time that dates
#: nothing either ("afterwards", "later", "last night"); and perhaps the time ("at
#: 5.02pm").
_WHEN = (rf"(?:[ \t]+(?:on|dated)[ \t]+(?:(?P<date>(?i:{DATE_PATTERN}))|{_DAY_OF_MONTH})|[ \t]+(?:on[ \t]+)?"
         rf"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day(?:[ \t]+(?:morning|afternoon|evening|"
         rf"night))?|[ \t]+(?:afterwards|later|earlier|overnight|today|yesterday|"
         rf"last[ \t]+(?:night|week|month)|this[ \t]+(?:morning|afternoon|evening|week))|"
         rf"[ \t]+(?:shortly[ \t]+|soon[ \t]+|just[ \t]+)?(?:after|before)[ \t]+the[ \t]+{_EVENT_NOUN})?"
         r"(?:[ \t]+at[ \t]+\d{1,2}(?:[.:]\d\d)?[ \t]*(?:[ap]\.?m\.?)?)?")
#: :data:`_WHEN` a second time in a pattern (its groups unnamed): "wrote on Sunday".
_WHEN_AGAIN = re.sub(r"\(\?P<\w+>", "(?:", _WHEN)
#: Prose quoting a post by its account, a posting verb and the platform it was posted on
#: (and perhaps when): "@handle (Display Name) wrote on X on March 25, 2025: "…"", "The
#: Pedal Alliance (@pedal) posted on Bluesky: "…"". Without the platform it may be a
#: speech's, a letter's or a newsletter's words.
_INLINE = re.compile(
    rf"(?:\(@(?P<handle>{HANDLE})\)|(?<![\w@])@(?P<bare>{HANDLE})(?:[ \t]+\((?P<name>[^()\n@]"
    rf"{{1,50}})\))?),?[ \t]+(?:{'|'.join(_POSTING)})"
    rf"[ \t]+(?:on|via)[ \t]+(?P<site>{SITE_NAMES})\b{_WHEN}"
    rf"[ \t]*:[ \t]*(?P<open>[\"“])", re.IGNORECASE)
#: What a sentence opening "In a … on <platform>," says was posted: a post, a reply, a
#: statement or an update (perhaps "posted") there ("In a statement posted on X, Kettering
#: Vale wrote:", a fresh audit's), or a message "posted" there (not "In a message on
#: Facebook dated …, Ferris wrote:", a private one: a reviewer's).
_OPENING_ITEM = r"(?:post|reply|(?:statement|update)(?:[ \t]+posted)?|message[ \t]+posted)"
#: A word that may stand before that item and leave it one post of the poster's ("In a 2016
#: post on X", "In a second Facebook post on Tuesday": fresh audits'): its year, its place
#: among the poster's posts, or that it is gone.
_ITEM_ADJECTIVE = (r"(?:(?:(?:19|20)\d\d|second|third|fourth|further|separate|later|earlier|"
                   r"subsequent|follow-up|new|fresh|recent|final|first|since-deleted|"
                   r"now-deleted|deleted|brief|short|lengthy|long)[ \t]+)?")
#: An aside of when, after the opening's platform and date and before the poster (", when
#: she was still an opposition MLA,", a fresh audit's) — not whose words they are ("the
#: charge sheet states"; the guard of :data:`_PRONOUN_OPENS`).
_WHEN_ASIDE = (r"(?:,[ \t]+(?:when|while|before|after|as|long[ \t]+before|just|shortly|"
               r"weeks|days|months|years|hours)\b"
               r"(?![^,.!?\n]*\b(?:states?|stated|says?|said|claim\w*|alleg\w*|according|"
               r"believe\w*|told|heard|reported\w*|show\w*)\b)[^,.!?\n\"“”:;@()]{1,60}(?=,))?")
#: The same with the platform first, opening the sentence: 'On X, @handle wrote: "…"',
#: 'In a post on Bluesky on Monday, @handle (Name) said: "…"', 'In a reply on X, @handle
#: wrote: "…"' (a fresh audit's), 'In a post on X, Name
#: (@handle) wrote: "…"' (group ``pname``).
_SITE_FIRST = re.compile(
    rf"{_SENTENCE_START}(?:(?:On|Over[ \t]+on|In[ \t]+an?[ \t]+{_ITEM_ADJECTIVE}"
    rf"{_OPENING_ITEM}[ \t]+on)[ \t]+(?P<site>{SITE_NAMES})\b|"
    # (or a post dated and no platform named, before an account: "In a post on 12 July 2022,
    # @h wrote:", a fresh audit's — the platform its handle's shape says, or unknown)
    rf"In[ \t]+an?[ \t]+{_ITEM_ADJECTIVE}post(?=[ \t]+(?:on|dated)[ \t]+(?:\d|{_MONTH})))"
    rf"{_WHEN}{_WHEN_ASIDE},[ \t]+(?:"
    # (a job in lower case before the name: "local publican Fergal Moynihan (@h)"; or a
    # body by its kind: "the council (@WorcsCC)" — fresh audits')
    # (not a word that makes the name another's: "supporters of", "a user quoting", "an
    # account impersonating", "posing as" — reviewers')
    rf"(?-i:(?:(?!(?:of|for|to|by|with|from|and|or|about|against|at|on|in|like|than|"
    rf"over|under|after|before|behind|near|as|[a-z]+ing|fake|parody|spoof|impostor|"
    rf"imposter|account|user)\b)[a-z][\w-]*[ \t]+){{0,3}}(?P<pname>[A-Z][\w'’.&-]*"
    rf"(?:[ \t]+[A-Z][\w'’.&-]*){{0,4}}))[ \t]+\(@(?P<handle>{HANDLE})\)|"
    rf"(?-i:(?:the|its|their)[ \t]+(?:[a-z][\w-]*[ \t]+){{0,2}}[a-z][\w-]*)[ \t]+"
    rf"\(@(?P<handle2>{HANDLE})\)|"
    # (its account described before it: "the county account @h", a fresh audit's)
    rf"(?:(?-i:the|its|their)[ \t]+(?:(?-i:[a-z]+)[ \t]+){{0,2}}(?-i:account)[ \t]+)?"
    rf"(?<![\w@])@(?P<bare>{HANDLE})"
    rf"(?:[ \t]+\((?P<name>[^()\n@]{{1,50}})\))?),?[ \t]+(?:{'|'.join(_POSTING)})[ \t]*:[ \t]*"
    rf"(?P<open>[\"“])", re.IGNORECASE | re.MULTILINE)
#: What may follow an attribution after the quotation: the sentence's end, or a clause
#: that says what the poster did next ("adding …", "before deleting it"); not where or to
#: whom else it was written ("in an email to the Echo", "to the council", "from @x", "and
#: @y"), nor a quotation that goes on ('"We lost," Ana Ruiz wrote on X, "but …"').
_ATTRIBUTION_ENDS = (r"(?=[.;!?][\"”’']?(?:\s|$)|[ \t]*$|,[ \t]+(?:adding|before|after|later|"
                     # (a clause of what the poster did: ", defending the mayor", a fresh
                     # audit's; not "according to", "including", "during", nor passing on
                     # another's words: "reposting a constituent's message", a reviewer's)
                     r"(?!according|including|during|regarding|concerning|following|"
                     r"re(?:post|tweet|shar|blogg|broadcast|print|lay)ing|forwarding|"
                     r"relaying|copying|pasting|translating|citing|reading|reciting)[a-z]{3,}ing|"
                     r"then|replying|quoting|where|with|along\s+with|listing|sharing|"
                     r"and\s+(?:later|then|deleted|added))\b|,?[ \t]+in[ \t]+(?:a|an|her|his|"
                     r"their|its)[ \t]+(?:post|tweet|reply|comment|thread)\b|[ \t]+under[ \t]+"
                     r"(?:a|an|her|his|their|its|the)[ \t]+(?:\w+[ \t]+)?(?:post|video|photo|tweet)\b)")
#: Verbs by which prose says an account posted what it quotes (not "said": a speech's).
_POSTS = r"(?:wrote|posted|tweeted|replied|shared|writes|posts|tweets|replies|shares)"
#: The account named after the verb that says it posted: 'posted on X from the account
#: @handle: "…"', 'posts on X from his account, @handle: "…"', 'posted on her personal
#: account, @handle, at 20:37: "…"', 'posted on X from its @handle account: "…"'.
_FROM_ACCOUNT = re.compile(
    rf"\b{_POSTS}[ \t]+(?:on[ \t]+(?P<site>(?i:{SITE_NAMES}))\b[ \t]+from|on|from)[ \t]+(?:the|his|"
    rf"her|its|their)[ \t]+(?:(?:(?:own|official|personal|verified|main|campaign|public|"
    rf"private|new|old)[ \t]+)?account,?[ \t]+@(?P<bare>{HANDLE})|@(?P<bare2>{HANDLE})[ \t]+"
    rf"account)(?![\w@]),?{_WHEN}[ \t]*:[ \t]*(?P<open>[\"“])")
#: A body named by a common noun, one of a closed list ("The airline replied on X:", "the
#: mayor's office wrote on X", "Police posted on Facebook:"; not a group: "Fans", "Residents"):
#: a post with no author, as a pronoun's.
_BODY_NOUN = (r"(?:airline|council|club|company|firm|brand|retailer|chain|shop|store|"
              r"restaurant|caf[eé]|bakery|pub|brewery|venue|theatre|theater|cinema|museum|"
              r"gallery|festival|school|academy|university|college|hospital|trust|charity|"
              r"union|party|campaign|team|band|agency|department|ministry|office|service|"
              r"authority|force|broadcaster|network|newspaper|magazine|publisher|studio|league|"
              r"federation|operator|airport|embassy|government|administration|committee|board|"
              r"commission|regulator|watchdog|zoo|library|church|account|page|channel|hotel|"
              r"bank|insurer|utility|consulate|"
              # (a body that posts as one: "In a post on Threads on Tuesday, the group
              # wrote:", "the corporation wrote:" — fresh audits')
              r"group|corporation|association|organisation|organization|society|coalition|"
              r"alliance|foundation|institute|cooperative|co-op|collective|movement)")
#: After an attribution, words that pass on another's words (", quoting …", ", sharing a
#: complaint from …").
_PASSES_ON = re.compile(r",?[ \t]+(?:quoting|sharing|citing|reposting|retweeting|relaying|"
                        r"forwarding|copying|reading|reciting)\b")
#: The post quoted first and its account after, in the sentence the quotation opens:
#: '"…," @handle posted.', '"…," wrote one X user, @handle.', '"…," a fan account,
#: @handle, posted on X.', '"…," she wrote on her account, @handle.'
_HANDLE_AFTER = re.compile(
    rf"{_SENTENCE_START}(?P<open>[\"“])[^\"“”\n]{{2,}}?"
    rf"[,?!](?P<close>[\"”])[ \t]+(?:(?P<v1>{_POSTS})[ \t]+)?(?:(?:one|another|a|an)[ \t]+"
    rf"(?:(?P<site_desc>(?i:{SITE_NAMES}))[ \t]+|[A-Z][\w'’-]+[ \t]+|[a-z]+[ \t]+)?"
    rf"(?:fan[ \t]+|parody[ \t]+)?"
    rf"(?:user|account|poster|commenter|resident|fan|supporter|critic|reader|viewer|customer|"
    rf"follower|parent|student|shareholder|investor|member|subscriber|trader|ticket-holder|"
    rf"attendee|{'|'.join(sorted(PERSON_NOUNS))})|"
    # the poster by a pronoun, a role or a body's kind, from an account ('"…," the deputy
    # wrote from his personal account, @h.', '"…," the group posted from @h on September
    # 17, 2024.': fresh audits')
    rf"(?:she|he|they|it|the[ \t]+(?:[a-z]+[ \t]+)?(?:{_BODY_NOUN}|{ROLE_WORD}))[ \t]+"
    rf"(?P<v3>{_POSTS})[ \t]+(?:on[ \t]+"
    rf"(?P<site_own>(?i:{SITE_NAMES}))\b[ \t]+)?(?:(?:on|from)[ \t]+(?:her|his|their|its)[ \t]+"
    rf"(?:[a-z]+[ \t]+)?account|from(?=[ \t]+@)))?,?[ \t]*(?<=[ \t])@(?P<bare>{HANDLE})(?![\w@'’])"
    rf"(?:,?[ \t]+(?P<v2>{_POSTS})(?:[ \t]+on[ \t]+(?P<site>(?i:{SITE_NAMES}))\b)?|,?[ \t]+on[ \t]+"
    rf"(?P<site_after>(?i:{SITE_NAMES}))\b)?(?:,(?=[ \t]+on\b))?{_WHEN}{_ATTRIBUTION_ENDS}",
    re.MULTILINE)
#: An account a post's author posts as: 'One, posting on X as @h, wrote: "…"', 'a user
#: posting as @h replied: "…"' (not "said": "The teenager posting as @h said yesterday:"
#: outside court — a reviewer's).
_POSTING_AS = re.compile(
    rf"\bposting[ \t]+(?:on[ \t]+(?P<site>(?i:{SITE_NAMES}))\b[ \t]+)?as[ \t]+"
    rf"@(?P<bare>{HANDLE})(?![\w@]),?[ \t]+(?:wrote|posted|replied|commented){_WHEN}"
    rf"[ \t]*:[ \t]*(?P<open>[\"“])")
_CLOSE = {'"': '"', "“": "”"}
#: The capitalised words right before "(@handle)" in prose: its display name ("critic
#: Tamsin Drury", "Save the Kell").
_NAME_BEFORE = re.compile(r"([A-Z][\w'’.&-]*(?:[ \t]+(?:(?:the|de|la|van|von|der)"
                          r"[ \t]+)?[A-Z][\w'’.&-]*){0,5})[ \t]*$")
#: Words before an account that make it someone else's than the poster's ("replying to
#: @x", "tagged by @x", "pretending to be @x", "supporters of @x", "which had blocked @x").
_NOT_THE_POSTER = re.compile(
    r"(?i)\b(?:to|by|of|at|for|with|from|about|against|on|in|into|be|along|across|near|behind|"
    r"outside|around|inside|beyond|blocked|tagged|"
    r"followed|mentioned|quoted|targeted|impersonat\w*|supporters|fans|critics|followers)"
    r"[ \t]+$")
#: Words in brackets after a handle that describe the account rather than name it.
_NOT_A_DISPLAY_NAME = re.compile(r"(?i)^(?:a|an|the|one|some|who|which)\b|\d[,.]\d|"
                                 # (nor words in lower case: "(run by the mayor's office)",
                                 # a reviewer's)
                                 r"^(?-i:[a-zß-öø-ÿ])")


#: A colon and the quotation mark that opens what follows it: where the lead-in patterns
#: end.
_COLON_QUOTE = re.compile(r":[ \t]*[\"“]")
_OPENING_MARK = re.compile(r"[\"“]")
#: Most characters a lead-in runs to before its colon (a name, a description, a verb, a
#: platform, a date and a time).
_LEAD_IN = 320


def _before_colon_quotes(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """``pattern``'s matches, which end at a colon and an opening quotation mark, searched
    only in the stretch before each (the same matches as over the whole text, in a tenth
    of the time on an article with few such colons)."""
    out: list[re.Match[str]] = []
    done = 0
    for c in _COLON_QUOTE.finditer(text):
        lo = max(done, c.start() - _LEAD_IN)
        for m in pattern.finditer(text, lo, c.end()):
            if m.end() == c.end():
                out.append(m)
                done = m.end()
        done = max(done, lo)
    return out


def _from_opening_quotes(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """``pattern``'s matches, which start at an opening quotation mark and end on its line,
    tried only there."""
    out: list[re.Match[str]] = []
    for mark in _OPENING_MARK.finditer(text):
        end = text.find("\n", mark.start())
        m = pattern.match(text, mark.start(), end if end >= 0 else len(text))
        if m is not None:
            out.append(m)
    return out


def _at_handles(text: str) -> Iterator[re.Match[str]]:
    """:data:`_INLINE`'s matches, tried only where a handle starts (a fifth of the time of
    trying every position)."""
    at, done = text.find("@"), 0
    while at >= 0:
        start = at - 1 if at > 0 and text[at - 1] == "(" else at
        m = _INLINE.match(text, start) if start >= done else None
        if m is not None:
            yield m
            done = m.end()
        at = text.find("@", at + 1)


def _closing_mark(text: str, start: int) -> int | None:
    """Where the quotation opened at ``text[start]`` closes: in its paragraph, against its
    last word, with no quotation of the same kind inside; else None (where it ends is
    unsure)."""
    close = text.find(_CLOSE[text[start]], start + 1)
    paragraph_end = text.find("\n\n", start)
    if close < 0 or (0 <= paragraph_end < close) or text[close - 1].isspace() or \
            text[close + 1:close + 2].isalnum() or "“" in text[start + 1:close]:
        return None
    return close


def _read_or_replied(text: str, m: re.Match[str], close: int) -> bool:
    """Is ``m`` a post named as a message that read something, or a reply ("replied on
    X"), that its sentence or paragraph makes fiction, a claim or an allegation ("In the
    novel, …", "According to the complaint, …", "Police believe …"), or whose next words
    make private, a draft, hacked or sent to the poster (:data:`_NOT_POSTED_AFTER`)? Those
    forms name posts in stories and court reports as often as on a platform (a
    reviewer's)."""
    found = m.groupdict()
    if not (any(found.get(g) for g in ("site_read", "site_read2", "read_tweet", "read_tweet2"))
            or re.search(r"\brepl(?:ied|ies)\b", m.group())):
        return False
    at = m.start("name") if found.get("name") else m.start("pronoun") \
        if found.get("pronoun") else m.start()
    sentence = max(text.rfind(c, 0, at) for c in ".!?\n") + 1
    paragraph = text.rfind("\n", 0, at) + 1
    return bool(_NOT_THEIR_POST.search(text, sentence, at)
                or _NOT_THEIR_POST_BEFORE.search(text, paragraph, at)
                or _RECAP.search(text, paragraph, at)
                or re.search(r"\brepl(?:ies|ying)\b", m.group())  # a recap's present tense
                or _NOT_POSTED_AFTER.match(text, close + 1))


#: After a quotation, its own attribution ('"Outrageous!" replied one fan', '"Really?"
#: asked a team-mate'): the words of someone else than the post's author.
_ANOTHER_ATTRIBUTION = re.compile(
    r"[ \t]*,?[ \t]*(?:[\w'’@-]+[ \t]+){0,4}?(?:said|says|replied|replies|asked|asks|tweeted|"
    r"tweets|wrote|writes|added|adds|answered|responded|posted|commented|shot\s+back|"
    r"fired\s+back|hit\s+back)\b")


def _goes_on(text: str, end: int) -> bool:
    """Does a quotation open right after the attribution ending at ``text[end]``, in its
    paragraph ('"Port Lyle lost its heart," he wrote on X. "He was the town's sound."')?
    Then the post it attributes goes on there, and where it ends is unsure. (Past the
    rest of the attribution's sentence: '"…," wrote @x on X, quoting the statement. "…"',
    a fresh audit's post cut in two.)"""
    rest = re.match(r",[^.!?\n\"“”]{1,120}(?=[.!?])", text[end:end + 130])
    if rest:
        end += rest.end()
    opening = re.match(r"[.;:!?,]?[\"”’']?[ \t]+([\"“])", text[end:end + 6])
    if opening is None:
        return False
    start = end + opening.start(1)
    close = _closing_mark(text, start)
    # (a sentence of the post's: not '"That is untrue," said a resident', nor '"Progress",
    # as the council calls it' — a reviewer's)
    return close is not None and re.search(r"[.!?…]$", text[start + 1:close].rstrip()) is not None \
        and not _ANOTHER_ATTRIBUTION.match(text, close + 1)


def _inline_posts(text: str) -> list[Post]:
    """Posts the prose quotes by their account (:data:`_INLINE`, :data:`_SITE_FIRST`,
    :data:`_FROM_ACCOUNT`, :data:`_HANDLE_AFTER`): an account that is the sentence's poster
    (:data:`_NOT_THE_POSTER`), a posting verb, the platform (or, where the account is
    named after the quotation or as "her account", the one its handle's shape says), and
    the post's words in quotation marks that close in the same paragraph, with no
    quotation of the same kind inside (``unknown`` where neither says a platform). The
    post's span is the quotation, marks and all:
    the words leading in to it ("wrote on X on March 25, 2025") are the article's, and
    date the post in prose. A display name is the one in brackets after a handle
    ("@handle (Name)"), or the capitalised words right before "(@handle)"."""
    out: list[Post] = []
    if "@" not in text:
        return out
    opened = set()
    for m in [*_at_handles(text), *_before_colon_quotes(_SITE_FIRST, text),
              *_before_colon_quotes(_FROM_ACCOUNT, text), *_before_colon_quotes(_POSTING_AS, text),
              *_from_opening_quotes(_HANDLE_AFTER, text)]:
        start = m.start("open")
        if start in opened:
            continue
        opened.add(start)
        found = m.groupdict()
        close = _closing_mark(text, start)
        if close is None or ("close" in found and close != m.start("close")):
            continue  # unclosed, or a quotation inside it: where it ends is unsure
        if "close" in found and _goes_on(text, m.end()):
            continue  # '"…," @x wrote. "…"': the post goes on past its attribution
        if "close" in found and not (found["v1"] or found["v2"] or found["v3"]):
            continue  # '"…," @x was told': no verb that says the account posted it
        if found.get("v3") and _PASSES_ON.match(text, m.end()):
            continue  # '"…," the mayor wrote from his account, @h, quoting a message from
            # an activist': another's words the account passed on (a reviewer's)
        if m.re is _FROM_ACCOUNT and not _poster_in_context(text, m.start()):
            continue  # "A screenshot claiming she posted from her account @x:"
        name = found.get("name")
        if name is not None and _NOT_A_DISPLAY_NAME.search(name):
            name = None  # "@x (an account with 40,000 followers)"
        lead_at = m.start()
        if found.get("pname"):
            words = found["pname"].split()  # 'In a post on X, Name (@handle) wrote:'
            if len(words) > 2 and _describes(words[-3]):
                words = words[-2:]  # "Home Secretary Ewan Gilchrist (@h)"
            name = " ".join(words)
        elif found.get("handle"):
            window = re.split(r"(?<=[.!?…])\s+", text[max(0, m.start() - 60):m.start()])[-1]
            before = _NAME_BEFORE.search(window)
            name = before.group(1) if before else None
            lead_at = m.start() - (len(before.group(0)) if before else 0)
        if name:  # "Eastgate Labour MP Jo Hart", "The Greens’ Jo Hart": the name after
            name = re.split(r"\b[A-Z]{2,}\b\s+|\S+['’]s?\s+", name)[-1] or None
        if _NOT_THE_POSTER.search(text, max(0, lead_at - 40), lead_at) or \
                (name or "").strip() in ("I", "We"):
            continue
        body = text[start + 1:close].strip()
        if "close" in found and body.endswith(","):
            body = body[:-1].rstrip()  # '"Not today," @x posted': the comma is the prose's
        handle: str = found.get("handle") or found.get("handle2") or found.get("bare") or \
            found.get("bare2") or ""
        posted = date_from_match(m) if found.get("date") else None
        site = found.get("site") or found.get("site_desc") or found.get("site_own") or \
            found.get("site_after")
        if site is None and any((found.get(v) or "").startswith("tweet") for v in ("v1", "v2", "v3")):
            site = "twitter"  # '"…," @x tweeted.'
        if site is not None:
            platform = site_of(site) or platform_for(handle)
        else:
            # '"…," @x posted', 'from its @x account': no platform named; a handle's shape
            # says Mastodon ("user@server") or Bluesky (".bsky.social"), not "@kell.bakery";
            # else the one the sentence before says the post went on ('Kral posted on X
            # shortly after midday. "…," she wrote from her account, @vesnakral.': a
            # fresh audit's)
            if "@" in handle:
                platform = "mastodon"
            elif handle.endswith(".bsky.social"):
                platform = "bluesky"
            else:
                platform = (_lead_platform(text, 0, start)
                            if _lead_names_handle(text, start, handle) else None) or "unknown"
        if not body or _tweet_length(body) > _quoted_budget(platform, posted):
            continue
        out.append(_new_post(platform, body, start, close + 1, handle,
                             " ".join(name.split()) if name else None, posted))
    return out


#: An author's name in prose: capitalised words ("Ana Ruiz", "Luis de Souza", "Brackleigh
#: Council"; one alone is a surname, :func:`_full_name`).
_AUTHOR = (r"(?P<name>[A-Z](?:\.|[\w'’-]*)(?:[ \t]+(?:(?:de|van|von|der|da|di|la|le)[ \t]+)?"
           r"[A-Z](?:\.|[\w'’-]*)){0,4})")
#: A description set off by commas after the name ("Ana Ruiz, 34, a nurse at the
#: hospital, wrote", "Ana Ruiz, who left the Ormsby depot in May, wrote"; group ``app``).
_APPOSITION = (r"(?:,[ \t]+(?!(?:and|or|nor|&)\b)(?P<app>[a-z0-9][^\n\"“”:;.!?()]{0,80}?),)?")
#: An adverb between the name and its verb ("later", "then", "angrily"; not one that
#: doubts who posted: "allegedly"), or "himself" ("Harcourt himself responded on X on
#: Tuesday:", a fresh audit's).
_ADVERB = (r"(?:(?:later|then|also|(?!(?:allegedly|reportedly|purportedly|supposedly|"
           r"apparently|seemingly|probably|likely|possibly|presumably|family|ally|rally|bully|belly|"
           r"jelly|lily|holly|molly|polly|italy)\b)"
           r"[a-z]{2,}ly|(?:him|her|it)self|themselves)[ \t]+)?")
#: A post the prose names as a message that read something, on a platform it says (group
#: ``site_read`` or ``site_read2``) or a tweet (``read_tweet``): "posted a message on
#: Facebook which read", "posted on Instagram an emotional statement that read, in part",
#: "posted a tweet on Monday that read". Its author's own words: "posted", not "shared"
#: (a re-share: someone else's post, a club's statement, abuse received); a message with
#: no description or one of a few ("a long message", not "a fake tweet", "a handwritten
#: message", "a viral post"); in the past tense (a recap's or a novel's "posts a message
#: which reads"); not a post of something else that read it ("a photo of a sign which
#: read": the sign's words).
_POST_NOUN = r"(?:message|post|statement|tribute|update|(?P<read_tweet>tweet))"
_POST_ADJECTIVE = (r"(?:(?:long|lengthy|short|brief|emotional|heartfelt|moving|defiant|angry|"
                   r"furious|tearful|new|public|final|last|first|second|simple|shorter|"
                   r"longer|further|fresh)[ \t]+)?")
_ON_SITE = r"(?:on|to)[ \t]+(?:(?:his|her|their|its|the)[ \t]+)?"
_WHICH_READ = (rf"(?:posted|published|wrote|put[ \t]+out)[ \t]+(?:{_ON_SITE}"
               rf"(?P<site_read>(?i:{SITE_NAMES}))\b(?:[ \t]+(?:page|account|feed))?[ \t]+an?[ \t]+"
               rf"{_POST_ADJECTIVE}{_POST_NOUN}|an?[ \t]+{_POST_ADJECTIVE}"
               rf"(?:(?:message|post|statement|tribute|update)[ \t]+{_ON_SITE}"
               rf"(?P<site_read2>(?i:{SITE_NAMES}))\b(?:[ \t]+(?:page|account|feed))?|"
               rf"(?P<read_tweet2>tweet)))"
               rf"(?:[ \t]+(?:on|late[ \t]+on|early[ \t]+on|last)[ \t]+"
               rf"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day(?:[ \t]+(?:morning|afternoon|"
               rf"evening|night))?)?,?[ \t]+(?:which|that)[ \t]+(?:read|said)"
               rf"(?:,?[ \t]+in[ \t]+(?:part|full))?")
#: What a post may share of someone else's, with words of its own ("shared the petition on
#: X, writing:").
_SHARED_THING = (r"(?:post|petition|video|clip|link|statement|story|article|photo|photograph|"
                 r"picture|image|tweet|announcement|message|update|appeal|fundraiser|page)")
#: A posting verb (past or present) and the platform it says: "posted on Instagram",
#: "writes via Bluesky"
#: (group ``site``), "tweeted" (Twitter's own verb), "wrote in a Facebook post" (group
#: ``site_item``), "said in a tweet" (group ``tweet``), "said in a post on X" (group
#: ``site_on``), "posted on Instagram a photograph of the studio with the caption" (group
#: ``site_cap``; not "with the words": those of a screenshot, a placard, a note). Not
#: 'said on X' (a broadcast's words).
_POSTED_VIA = (rf"(?:(?:posted|wrote|tweeted|shared|replied|responded|answered|posts|writes|"
               rf"tweets|replies)"
               rf"[ \t]+(?:on|via)"
               rf"[ \t]+(?P<site>(?i:{SITE_NAMES}))\b(?:,?[ \t]+(?P<writing>writing|adding))?|"
               rf"(?:(?P<said>said|says)|wrote|writes)[ \t]+in[ \t]+an?"
               rf"[ \t]+(?:(?P<site_item>(?i:{SITE_NAMES}))[ \t]+post|(?P<tweet>tweet)|post[ \t]+"
               rf"on[ \t]+(?P<site_on>(?i:{SITE_NAMES}))\b)|(?P<tweeted>tweeted|tweets)|"
               rf"(?:posted|shared|posts|shares)[ \t]+(?:[^.!?\n\"“”:]{{0,100}}?[ \t]+)?(?:on|to)[ \t]+"
               rf"(?P<site_cap>(?i:{SITE_NAMES}))\b[^.!?\n\"“”:]{{0,100}}?[ \t]+with[ \t]+(?:the|a)"
               rf"[ \t]+caption|{_WHICH_READ}|"
               # "posted its first update on Facebook at 9.12am", "posted a shorter response
               # on Bluesky on Tuesday" (fresh audits'; group ``site_obj``): its own post
               # ("posted", "published"; not "shared", which may be another's)
               rf"(?:posted|published|posts|publishes)[ \t]+(?:an?|its|his|her|their)[ \t]+"
               rf"{_POST_ADJECTIVE}(?:update|statement|message|post|response|reply|apology)"
               rf"[ \t]+{_ON_SITE}(?P<site_obj>(?i:{SITE_NAMES}))\b(?:[ \t]+(?:page|account|feed))?|"
               # "shared it on X, writing:", "quoted the post on X with the words:" (fresh
               # audits'; group ``site_with``): what is shared is another's, the words after
               # it the poster's own
               rf"(?:(?:shared|posted|reposted)[ \t]+(?:it|them|the[ \t]+(?:[a-z-]+[ \t]+)?"
               rf"{_SHARED_THING})[ \t]+on[ \t]+(?P<site_with>(?i:{SITE_NAMES}))\b,?[ \t]+"
               rf"(?:writing|adding)|(?:quoted|quote-posted|quote-tweeted)[ \t]+(?:it|the[ \t]+"
               rf"(?:[a-z-]+[ \t]+)?{_SHARED_THING})[ \t]+on[ \t]+(?P<site_quoted>(?i:{SITE_NAMES}))"
               rf"\b,?[ \t]+(?:writing|adding|with[ \t]+the[ \t]+words)))")
#: Prose quoting a post by its author's name (no handle), a posting verb that says the
#: platform (:data:`_POSTED_VIA`) and perhaps when: 'Councillor Ana Ruiz posted on
#: Instagram on Saturday: "…"', 'Brackleigh Council wrote on Facebook: "…"', 'Ana Ruiz
#: tweeted on March 3: "…"'. Not a pronoun's ("she posted on X:", no author to give it).
_NAMED_INLINE = re.compile(
    rf"(?<![\w@#'’.-]){_AUTHOR}{_APPOSITION},?[ \t]+{_ADVERB}{_POSTED_VIA}{_WHEN}"
    rf"[ \t]*:[ \t]*(?P<open>[\"“])")
#: The same with the platform first, opening the sentence: 'On Instagram, Ana Ruiz wrote:
#: "…"', 'In a Facebook post on Monday, Brackleigh Council said: "…"', 'In a tweet, …'.
_SITE_OPENING = (rf"{_SENTENCE_START}(?:(?:On|Over[ \t]+on|In[ \t]+an?[ \t]+{_ITEM_ADJECTIVE}"
                 rf"{_OPENING_ITEM}[ \t]+on)[ \t]+"
                 rf"(?P<site>(?i:{SITE_NAMES}))\b|In[ \t]+an?[ \t]+{_ITEM_ADJECTIVE}"
                 rf"(?P<site_item>(?i:{SITE_NAMES}))[ \t]+post|In[ \t]+an?[ \t]+{_ITEM_ADJECTIVE}"
                 rf"(?P<tweet>tweet)){_WHEN}{_WHEN_ASIDE},[ \t]+")
_NAMED_SITE_FIRST = re.compile(
    rf"{_SITE_OPENING}(?:the[ \t]+)?"
    # (a place and a job in lower case before the name: "On Facebook, Castlebay crofter
    # Ewan MacNeil wrote on Sunday:", a fresh audit's — not "supporters of", "a user
    # quoting": the words of :data:`_SITE_FIRST`)
    rf"(?:(?:[A-Z][a-z]+[ \t]+)?(?:(?!(?:of|for|to|by|with|from|and|or|about|against|at|on|"
    rf"in|like|than|over|under|after|before|behind|near|as|[a-z]+ing|fake|parody|spoof|"
    rf"impostor|imposter|account|user|the)\b)[a-z][\w-]*[ \t]+){{1,2}}(?=[A-Z]))?"
    rf"{_AUTHOR}{_APPOSITION}[ \t]+{_ADVERB}(?:(?P<said>said)|"
    rf"{'|'.join(_POSTING)}){_WHEN_AGAIN}[ \t]*:[ \t]*(?P<open>[\"“])", re.MULTILINE)
#: The post quoted first, its author and the platform after: '"…," Ana Ruiz wrote on X.',
#: '"…?" Brackleigh Council tweeted on Monday.' (the quotation opens its sentence; the
#: attribution ends it, or goes on after a comma).
_NAMED_AFTER = re.compile(
    rf"{_SENTENCE_START}(?P<open>[\"“])[^\"“”\n]{{2,}}?"
    rf"[,?!](?P<close>[\"”])[ \t]+{_AUTHOR}"
    # (the account in brackets after the name: '"…," Denis Caron (@DenisCaronSA) wrote on
    # X on Monday', a fresh audit's miss)
    rf"(?:[ \t]+\(@(?P<handle_after>{HANDLE})\))?{_APPOSITION}[ \t]+{_ADVERB}{_POSTED_VIA}{_WHEN}"
    rf"{_ATTRIBUTION_ENDS}", re.MULTILINE)
#: Words that make what commas set off after a name no description of it: a list ("and",
#: "or someone using her account"), another's clause ("said her son, who is 12,", "whose
#: wife").
_NOT_AN_APPOSITION = re.compile(r"\b(?:and|or|nor|whose|said|says|told|tells|claimed|"
                                r"claims|believed|believes|thinks|thought|according)\b")
#: Where a sentence's subject may begin: its start, or after an opening phrase set off by
#: a comma ("On Saturday, Ana Ruiz, 34, a nurse, wrote …").
_OPENS_CLAUSE = re.compile(r"(?:^|[.!?…][\"”’')]*\s+|\n)(?:[A-Z][^,.!?\n\"“]{0,40},\s+)?$")
#: The same with the poster's job or office before the name, opening the sentence ("The
#: chef Ana Ferreira, who worked under him, wrote on X:", "The pastry chef …": a fresh
#: audit's); not after a stop that may be an abbreviation's ("former U.S. senator Tom
#: Reed", "Yahoo! chief"), nor after an opening phrase ("According to prosecutors, the
#: coach …", "In the novel, the detective …"), nor a relative ("her daughter"): reviewers'.
_ROLE_OPENS_CLAUSE = re.compile(
    r"(?:^|\n|[a-z]{2}[.!?…][\"”’')]*[ \t]+)(?:(?:The|A|An)[ \t]+(?:[a-z]+[ \t]+)?|Former[ \t]+)"
    # a place or a team before the role ("Former England spinner", "The former Wales
    # captain": a fresh audit's)
    r"(?:[A-Z][a-z]+[ \t]+)?"
    rf"(?i:{'|'.join(sorted(re.escape(w) for w in SPEAKER_ROLES))})[ \t]+$")
#: A sentence's opening words before a name ("Later Ana Ruiz posted …", "On Saturday
#: night Ana Ruiz posted …"): not the name's.
_OPENING_WORDS = frozenset("Now Yet Still As Indeed However Though Although While Since Once "
                           "Nearby Locally Separately "
                           "Why How What Where Who Here There If Had Elsewhere Nevertheless "
                           "Nonetheless Undeterred Unrepentant The "
                           "Later Earlier Then Yesterday Today Tonight Overnight Afterwards "
                           "Meanwhile Last Next This That And But So When After Before On In "
                           "At By Finally Instead Also Hours Minutes Days Weeks Months Moments "
                           "Christmas Easter".split())
#: Words of a day's name after one of the opening words ("Christmas Eve", "New Year's Day").
_DAY_WORDS = frozenset("New Year's Day Eve Morning Night".split())
#: Words of description before a surname ("Typical Gilchrist tweets", "Tory Gilchrist"):
#: no part of the name where the text gave the surname in full before ("The Green Party"
#: keeps its word).
_MODIFIERS = frozenset("Typical Classic Recent More Tory Labour Conservative Democrat "
                       "Republican Liberal Green Reform".split())
#: Prepositions that open a phrase of place before a subject ("From Hatherby Marina, the
#: coxswain, Dan Ellery, wrote"): the name after is a place's, not the poster's.
_PLACE_PREPOSITIONS = frozenset("From At In On Outside Along Across Near Behind Around Inside "
                                "Beyond Under Over By With Without Throughout Opposite Towards "
                                "Into Onto Beside Between".split())
#: A title or a word of description before a person's name in a sentence's subject.
#: Titles before a surname ("Mr Rennick", "Dr Okafor").
_TITLES = frozenset("Mr Mrs Ms Miss Mx Dr Prof Sir Dame Lord Lady Cllr Councillor Rev".split())
_BEFORE_A_NAME = _TITLES | frozenset("Former Veteran Even Furious Angry Outraged Delighted "
                                     "Celebrity TV Master".split())


def _describes(word: str) -> bool:
    """Is ``word`` a title, a role or a word for a person before a name ("Councillor",
    "Presenter", "Shopper", "Rivals")?"""
    low = word.lower()
    return word in _BEFORE_A_NAME or low in SPEAKER_ROLES or low in PERSON_NOUNS or \
        low.removesuffix("s") in PERSON_NOUNS
#: Words of a group's name, not an account's ("Several Labour Councillors", "Rovers Fans").
_GROUP_WORDS = frozenset("Several Some Many Most Few All Both Two Three Four Other Fans "
                         "Supporters Residents Councillors Members Users Critics Followers "
                         "Voters Parents Staff Workers Officials Ministers".split())
#: Before a name, words that make it no poster's: one of a list ("Ana Ruiz and Tom Vance
#: posted"), an impostor's ("an account calling itself Ana Ruiz posted"), a body an
#: apposition names ("Tom Garside, leader of the Kellbrook Liberal Democrats, posted").
_NOT_A_POSTERS_NAME = re.compile(
    r"(?i)(?:\b(?:and|or|nor|both|itself|himself|herself|named|called|as|be|impersonating|"
    r"purporting|the)|&)\s*$")


#: Words of a story told, not of the news.
_FICTION_WORDS = r"novel|novella|fiction|character|heroine|protagonist"
#: In the sentence before a poster's name, words that make the name someone the sentence
#: speaks of or the post something claimed, imagined or written elsewhere: "The mother of
#: … X tweeted", "Lawyers representing X", "A screenshot claiming X tweeted", "Imagine if
#: X tweeted", "Not even X", "Claim: X tweeted", "In her new book, X writes on Facebook".
_NOT_HIS_POST_BEFORE = re.compile(
    r"\b(?:of|for|to|by|with|about|against|from|[a-z]\w*ing|not|no|nobody|Not|No|Nobody)\b")
#: In the whole sentence before it: words that make the post claimed, imagined or written
#: elsewhere.
_NOT_HIS_POST_IN_SENTENCE = re.compile(
    r"(?i)\b(?:says?|said|claim\w*|shows?|showed|purport\w*|alleg\w*|falsely|wrongly|imagine|"
    r"if|had|would|suppose|whether|unclear|den(?:y|ies|ied)|doctored|fake|suggest\w*|joked|"
    r"book|essay|column|memoir|op-ed|newsletter|letter|statement(?![ \t]+posted[ \t]+on\b)|"
    r"speech|interview|according|"
    # a claim put to a court, a story's character (reviewers': "Prosecutors told the jury
    # that X posted a message on Facebook:", "In Pike's new novel, the heroine X posted")
    rf"told|tells|{_FICTION_WORDS})\b")


def _poster_in_context(text: str, at: int) -> bool:
    """Can the name whose last word starts at ``text[at]`` be the poster, by the words of
    its clause before it (:data:`_NOT_HIS_POST_BEFORE`) and of its sentence
    (:data:`_NOT_HIS_POST_IN_SENTENCE`), or a fact-check's "Claim:" label?"""
    start = max(text.rfind(c, 0, at) for c in ".!?\n\"“”:;") + 1
    clause = text[max(start, text.rfind(",", 0, at) + 1):at]
    line = text[text.rfind("\n", 0, at) + 1:at]
    # (and the sentence before: "In his new novel, the hero Jack Stone lives in a small
    # town. In a message posted on Facebook, Jack Stone wrote:", a reviewer's)
    before = text[max(0, start - 300):start]
    previous = before[max(before.rfind(c, 0, len(before) - 2) for c in ".!?\n") + 1:]
    return not _NOT_HIS_POST_BEFORE.search(clause) and \
        not _NOT_HIS_POST_IN_SENTENCE.search(text[start:at]) and \
        not _FICTION.search(previous) and \
        not re.match(r"(?i)\s*(?:the\s+)?(?:claim|false|fake|misleading|verdict)\s*:", line)


#: A post after a sentence of a story's words (:data:`_FICTION_WORDS`) is a character's.
_FICTION = re.compile(rf"(?i)\b(?:{_FICTION_WORDS})s?\b")


#: Words that open a noun phrase, never a given name ("The Kellbrook Valley").
_DETERMINERS = frozenset("the a an this that these those our my his her its their your".split())


def _title_line(text: str, start: int) -> bool:
    """Is ``start`` on the text's first line, a headline over a blank line that ends no
    sentence ('"The council lied," Ana Ruiz tweets')?"""
    end = text.find("\n\n")
    return text.rfind("\n", 0, start) < 0 < end and \
        not re.search(r"[.!?…][\"”’']?\s*$", text[:end])


def _inside_long_quotation(text: str, start: int) -> bool:
    """Does the paragraph before ``start``'s open a quotation it never closes (a quotation
    of several paragraphs, each opening with a mark, only the last closing)?"""
    end = text.rfind("\n\n", 0, start)
    if end < 0:
        return False
    prev = text.rfind("\n\n", 0, end)
    before = text[prev + 2 if prev >= 0 else 0:end]
    return before.lstrip()[:1] in "\"“" and (before.count("“") > before.count("”")
                                             or before.count('"') % 2 == 1)


def _adverb(word: str) -> bool:
    """Is ``word`` an adverb made of a familiar word ("Separately", "Finally"; not "Kelly",
    "Sally", "Lily", "Daly")?"""
    low = word.lower()
    return low.endswith("ly") and low[:-2] in familiar_words()


def _full_name(text: str, surname: str, before: int) -> list[str]:
    """The words of the one full name the text gives before ``before`` that ends with
    ``surname`` ("Tobiah Rennick" for "Rennick"), its given names the capitalised words
    right before it that are no familiar English word, title or owner ("Labour MP Ana
    Ruiz" gives "Ana Ruiz"); none where there is no such name or more than one ("Tom Vance"
    and "Mary Vance"), where the text names a couple or a family of it ("Tom and Mary
    Vance", "the Vance family", "the Vances"), or where the word is a familiar one, a
    month's or a weekday's (a sentence's opening word: "Fans", "Residents"). Not in a
    headline's line ("Rovers Boss Stroud Hits Out")."""
    if surname in CALENDAR_NAMES or surname.lower() in familiar_words() or \
            surname in _GROUP_WORDS or surname in _TITLES or re.search(
                rf"\b[Tt]he\s+{re.escape(surname)}(?:e?s\b|\s+family\b)", text):
        return []
    for m in re.finditer(rf"\b([A-Z][\w'’.-]*)\s+(?:and|&)\s+(?:[A-Z][\w'’-]*\s+)?"
                         rf"{re.escape(surname)}\b", text):
        if not re.search(r"[A-Z][\w'’.-]*\s+$", text[max(0, m.start() - 30):m.start()]):
            return []  # "Tom and Mary Vance", "Mr and Mrs Vance" (not "Rashida Tlaib and
            # Ilhan Omar")
    names, given_before = set(), False
    for m in re.finditer(rf"(?<![\w'’-])((?:[A-Z][\w'’-]*[ \t]+){{1,3}})"
                         # (a nickname between: 'Brett "Bear" Ellison')
                         rf"(?:[\"“‘'][A-Z][\w.’-]*(?:[ \t][A-Z][\w.’-]*)?[\"”’'][ \t]+)?"
                         rf"{re.escape(surname)}(?![\w'’-]|[ \t]+[A-Z])", text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line = text[line_start:text.find("\n", m.end()) % (len(text) + 1)]
        if not re.search(r"\b[a-z]{4,}\b", line):
            continue  # a headline's words, all capitalised
        given: list[str] = []
        words = m.group(1).split()
        for i in range(len(words) - 1, -1, -1):
            word = words[i]
            if (word.lower() in familiar_words() and not (
                    # a given name that is also a word ("Guy Cecil", "Rose Ito"): alone
                    # before the surname, after no capitalised word or preposition, never
                    # written in lower case
                    i == 0 and not given and not re.search(
                        r"(?:\b(?:[Ii]n|[Aa]t|[Oo]f|[Ff]rom|[Nn]ear|[Tt]o|[Oo]n|[Tt]he|[Aa]n?)"
                        r"|[A-Z][\w'’-]*)\s+$", text[max(0, m.start() - 20):m.start()])
                    and not re.search(rf"\b{re.escape(word.lower())}\b", text))) or \
                    word.rstrip(".") in _TITLES or word.lower() in _DETERMINERS or \
                    _describes(word) or _adverb(word) or word in _OPENING_WORDS or \
                    word in CALENDAR_NAMES or re.search(r"['’]s?$|-[a-z]", word) or \
                    word.isupper() or len(given) == 3:
                break
            given.insert(0, word)
        if given:
            names.add(" ".join([*given, surname]))
            given_before = given_before or m.start() < before
    if len(names) != 1 or not given_before:
        return []  # no one, or two people of that name anywhere in the text ("Lena Marsh"
        # and, later, her mother "Joanne Marsh")
    (name,) = names
    return name.split()


#: Last words of a body's name (a place's are no poster's: "the Ashby Road posted").
_BODY_LAST = ORG_LAST_WORDS - frozenset(
    "Road Avenue Square Station Junction Airport Stadium Village Town City Library Museum "
    "Gallery Cafe Café Pub Hotel Restaurant Cinema Theatre Theater Centre Center".split())
#: Where a text may name a platform (a quick test before the patterns above).
_NAMES_A_SITE = re.compile(rf"tweet|\b(?i:{'|'.join(n for n in SITE_NAMES.split('|') if n != 'x')})"
                           r"\b|\bX\b")


def _poster_words(text: str, m: re.Match[str], after: bool) -> list[str] | None:
    """The words of the poster's name a match of :data:`_AUTHOR` (groups ``name`` and
    ``app``) gives, or None where they name no poster: the name less an opening phrase
    ("On Saturday"), a title in capitals or an owner ("Labour's Ana Ruiz"), and a
    person's the last two words ("BBC Presenter Lorna Finch"); a body's whole ("Eastgate
    Borough Council"). ``after``: the name follows the quotation it posted."""
    at = m.start("name")
    if re.search(r"['’]s?$", m.group("name")):
        return None  # "Then came Ana Ruiz’s tweets:": an owner, and a noun
    last_word = m.start("name") + m.group("name").rfind(" ") + 1
    if not after and not _poster_in_context(text, last_word):
        return None  # "The mother of … X tweeted", "Imagine if X tweeted"
    raw = m.group("name").split()
    if raw[0] in _PLACE_PREPOSITIONS and len(raw) > 1 and raw[1] not in CALENDAR_NAMES \
            and raw[1] not in ("Christmas", "Easter", "New", "Boxing", "Halloween"):
        return None  # "From Hatherby Marina, the coxswain, X, wrote": a place's name
    words = re.split(r"\b[A-Z]{2,}\b\s+|\S+['’]s?\s+", m.group("name"))[-1].split()
    if words and words[0].lower() in familiar_words() and \
            re.match(r"[A-Z]{2,}\s", m.group("name")):
        words = m.group("name").split()  # "BBC Radio Eastgate": the body's whole name
    if raw[-1] in _BODY_LAST and any(re.search(r"s['’]$", w) for w in raw[:-1]) and \
            not re.search(r"['’]s\s", m.group("name")):
        words = raw  # "the National Farmers' Alliance": a plural's mark inside a body's
        # name, no owner before it (a fresh audit's)
    popped = False
    while words and (words[0] in _OPENING_WORDS or words[0] in CALENDAR_NAMES
                     or _adverb(words[0]) or popped and words[0] in _DAY_WORDS
                     or words[0] == "New" and words[1:2] == ["Year's"]):
        words.pop(0)  # "On Saturday", "Later", "Separately": no part of the name
        popped = True
    if len(words) > 2 and (
            _describes(words[-3]) or words[-3] in _MODIFIERS
            or words[-1] not in _BODY_LAST and (
                words[-3].lower() in familiar_words()
                or words[-3].lower().rstrip("s") in familiar_words())):
        # A person's name after a role or a word of description is its last two words
        # ("BBC Presenter Lorna Finch", "Shadow Culture Secretary Ana Ruiz", "Even Tom
        # Garside"); otherwise the name is whole ("Kellbrook Mountain Rescue", "Mary
        # Anne Vance", "Luis de Souza", a body's: "Ardmere County Fire Protection
        # District")
        words = words[-2:]
    if len(words) == 2 and words[0] in _MODIFIERS:
        words = _full_name(text, words[1], at) or words  # "Typical Gilchrist tweets"
    initials = len(words) == 1 and _body_initials(text, words[0])
    if len(words) == 1 and not initials:
        words = _full_name(text, words[0], at)  # "Rennick posted on X": Tobiah Rennick's
    if len(words) < 2 and not initials or re.fullmatch(r"[A-Z]{2,}s", words[-1]) or \
            words[0] in _GROUP_WORDS or words[-1] in _GROUP_WORDS or \
            any(w in CALENDAR_NAMES for w in words) or (not after and (
                _NOT_THE_POSTER.search(text, max(0, at - 40), at)
                or _NOT_A_POSTERS_NAME.search(text, max(0, at - 40), at) and not (
                    re.search(r"(?:^|[.!?]\s+|,\s+|\n)(?:(?:On|At|In|By|Late|Early|Earlier|Later|"
                              r"Then|Overnight|Meanwhile|Yesterday|Today|Shortly)\b"
                              r"[^,.!?\n]{0,30}\s)?the\s*$",
                              text[max(0, at - 40):at])
                    and (words[-1] in _BODY_LAST or initials)
                    and not re.search(r"\b(?:and|or|nor)\s+the\s*$",
                                      text[max(0, at - 12):at])))):
        return None  # one word ("Fans posted on X:"), a group ("Labour MPs"), a reply's,
        # a list's, an impostor's ("the" opens a body's name: "At 4:12 p.m., the
        # Ardmere County Fire Protection District posted on X:"; not "the NFA and the
        # RHU posted": a list's, a reviewer's)
    app = m.group("app")
    if app and (_NOT_AN_APPOSITION.search(app) or not after and not
                _OPENS_CLAUSE.search(text, max(0, m.start() - 80), m.start()) and not
                _ROLE_OPENS_CLAUSE.search(text, max(0, m.start() - 100), m.start())):
        return None  # "The mother who lost her daughter Lily Danvers, 7, …, wrote": a
        # description of someone the sentence's subject speaks of, not the poster
    return words


#: Words of an office or a role in a name spelled out before initials ("Member of
#: Parliament (MP)", "Chief Executive Officer (CEO)"): a person's, no body's.
_OFFICE_WORDS = frozenset("Member Members Officer Officers Executive Minister Secretary "
                          "Director Chief Prime President Commissioner Inspector Constable "
                          "Practitioner Leader Chair Chairman Chairwoman Governor".split())


def _body_initials(text: str, word: str) -> bool:
    """Is ``word`` a body's initials the text spells out in brackets after its name, a
    body's ("the National Farmers' Alliance (NFA)": the NFA may post; a fresh audit's),
    the name's words giving the initials and none an office's ("Member of Parliament
    (MP)", "Chief Executive Officer (CEO)": a reviewer's)?"""
    if not re.fullmatch(r"[A-Z]{2,6}", word):
        return False
    for m in re.finditer(rf"((?:[A-Z][\w'’-]*[ \t]+(?:(?:of|for|and|the)[ \t]+)*){{2,6}})"
                         rf"\({re.escape(word)}\)", text):
        name = [w for w in m.group(1).split() if w[:1].isupper()]
        while name and "".join(w[0] for w in name) != word and len(name) > len(word):
            name.pop(0)  # ("Farmers said the National Farmers' Alliance (NFA)")
        if "".join(w[0] for w in name) == word and name[-1] in _BODY_LAST and \
                not any(w in _OFFICE_WORDS for w in name):
            return True
    return False


def _prose_platform(found: dict[str, str | None]) -> str | None:
    """The platform a posting verb's match names (its ``site…`` groups; Twitter for "tweeted"
    and "a tweet"), or None where the words are a video's speech, not a post: 'On YouTube,
    Kai Brennan said: "…"', 'published an apology on YouTube:'."""
    site = next((found[g] for g in ("site", "site_item", "site_on", "site_cap", "site_read",
                                     "site_read2", "site_obj", "site_with", "site_quoted")
                 if found.get(g)), None)
    platform = site_of(site) or "twitter"
    if (found.get("said") or found.get("site_obj") or found.get("site_with")
            or found.get("site_quoted") or found.get("writing")) and \
            platform in ("youtube", "tiktok"):
        return None
    return platform


def _named_inline_posts(text: str) -> list[Post]:
    """Posts the prose quotes by the author's name (:data:`_NAMED_INLINE`,
    :data:`_NAMED_SITE_FIRST`, :data:`_NAMED_AFTER`), read as :func:`_inline_posts` reads
    those by handle: the quotation closes in its paragraph with none inside, its words fit
    the platform, and the name is the poster's (not "replying to …", not a group, a list,
    an impostor's). The post has no handle: the display name is the name less an opening
    phrase ("On Saturday"), a title in capitals or an owner ("Labour's Ana Ruiz"), and a
    person's the last two words ("BBC Presenter Lorna Finch"); a body's is whole
    ("Eastgate Borough Council")."""
    out: list[Post] = []
    if not _NAMES_A_SITE.search(text):
        return out
    for m in [*_before_colon_quotes(_NAMED_INLINE, text),
              *_before_colon_quotes(_NAMED_SITE_FIRST, text),
              *_from_opening_quotes(_NAMED_AFTER, text)]:
        start = m.start("open")
        after = "close" in m.groupdict()
        if after and _goes_on(text, m.end()):
            continue  # '"…," she wrote on X. "…"': the post goes on past its attribution
        if _inside_long_quotation(text, start):
            continue  # a paragraph of a quotation that opened paragraphs before
        close = m.start("close") if after else _closing_mark(text, start)
        if close is None or (after and _closing_mark(text, start) != close):
            continue
        if _title_line(text, start):
            continue  # the title's line: a headline's quotation, not the post
        words = _poster_words(text, m, after)
        if words is None or _read_or_replied(text, m, close):
            continue
        body = text[start + 1:close].strip()
        if body.endswith(","):
            body = body[:-1].rstrip()  # '"Not today," she wrote': the comma is the prose's
        posted = date_from_match(m) if m.group("date") else None
        platform = _prose_platform(m.groupdict())
        if platform is None:
            continue
        if not body or _tweet_length(body) > _quoted_budget(platform, posted):
            continue
        out.append(_new_post(platform, body, start, close + 1,
                             m.groupdict().get("handle_after"), " ".join(words), posted))
    return out


#: A pronoun that may be a post's author: one person ("she", "he") or several or a body
#: ("they"); the quotation layer says whose, where it can (:mod:`.quotes`).
_PRONOUN = r"(?P<pronoun>[Ss]he|[Hh]e|[Tt]hey)"
_BODY_SUBJECT = (rf"(?P<body>(?:[Tt]he|[Ii]ts|[Tt]heir)[ \t]+(?:(?:[A-Z][\w-]*|[a-z]+)['’]s[ \t]+)?"
                 rf"(?:[A-Za-z][\w-]*[ \t]+){{0,2}}?{_BODY_NOUN}|Police)")
#: :data:`DATE_PATTERN` with no groups of its own, to sit in a pattern that has it already.
_DATE_PATTERN_B = re.sub(r"\(\?P<\w+>", "(?:", DATE_PATTERN)
#: Where a pronoun opens its clause: the sentence's start, or after an opening phrase of
#: time and its comma ("Hours later, she wrote on X:", "On Monday, he tweeted:"; not "In
#: the pilot, he tweets:", "In chapter three, she posts": fiction's words).
_PRONOUN_OPENS = (rf"{_SENTENCE_START}(?:(?:Hours|Minutes|Days|Weeks|Months|Moments|Shortly|"
                  rf"Soon|Later|Earlier|Overnight|Then|Meanwhile|That|This|Last|Next|On|At|By|"
                  rf"Late|Early|After|Before|Within)\b[^,.!?\n\"“”:;]{{0,40}},[ \t]+|"
                  # a year or a month ("In 2019,", "Back in March 2019,"), or the post's own
                  # ("In a post from September 2019,", "In one, dated 17 March 2019,"): fresh
                  # audits'
                  rf"(?P<dated>(?:Back[ \t]+in|In)[ \t]+(?:(?:early|late|mid-?)[ \t]*)?"
                  rf"(?:(?:{_MONTH})[ \t]+)?(?:19|20)\d\d,[ \t]+|In[ \t]+(?:an?|one|another|"
                  rf"an[ \t]+earlier|a[ \t]+later)(?:[ \t]+(?:post|tweet|reply))?,?[ \t]+"
                  rf"(?:from|dated|posted[ \t]+on|in)[ \t]+(?:(?P<date_open>(?i:{_DATE_PATTERN_B}))|"
                  rf"(?:(?:{_MONTH})[ \t]+)?(?:19|20)\d\d)"
                  # (an aside of when, not whose word it is: "long before she was elected";
                  # not "the charge sheet states": a reviewer's)
                  rf"(?:,[ \t]+(?![^,.!?\n]*\b(?:states?|stated|says?|said|claim\w*|alleg\w*|"
                  rf"according|believe\w*|told|heard|reported\w*|show\w*)\b)"
                  rf"[a-z][^,.!?\n\"“”:;]{{0,50}})?,[ \t]+))?")
#: Before a pronoun's post dated by its opener ("In 2019, she wrote on X:"), in its
#: paragraph or the one before: words of a show, a screenshot's claim or private messages —
#: a story set in a year, a post someone says exists, a message sent, not posted
#: (reviewers': "The new ITV series follows a detective. In 2019, she wrote on X:").
_DATED_NOT_A_POST = re.compile(
    r"(?i)\b(?:drama|series|season|episode|play|show|stage|musical|documentary|podcast|"
    r"flashback|screenshot\w*|appears?\s+to\s+show|sent|messag\w*|DMs?|texts?|e-?mails?|"
    r"inbox|private\w*|diary|diaries|memoir|book|letters?|novel|film|fiction\w*)\b")
#: Prose quoting a post by a pronoun: 'She later wrote on Instagram: "…"', 'Hours later,
#: he tweeted: "…"', 'On Facebook, they wrote: "…"', '"…," she wrote on X.'
_PRONOUN_INLINE = re.compile(
    rf"{_PRONOUN_OPENS}(?:{_PRONOUN}|{_BODY_SUBJECT})[ \t]+{_ADVERB}{_POSTED_VIA}{_WHEN}[ \t]*:"
    rf"[ \t]*(?P<open>[\"“])", re.MULTILINE)
_PRONOUN_SITE_FIRST = re.compile(
    rf"{_SITE_OPENING}(?:{_PRONOUN}|{_BODY_SUBJECT})[ \t]+{_ADVERB}(?:(?P<said>said)|"
    rf"{'|'.join(_POSTING)})[ \t]*:"
    rf"[ \t]*(?P<open>[\"“])", re.MULTILINE)
#: In the sentence after a post, words that unsay it: "That post, however, was a fan-made
#: mock-up".
_FAKE_AFTER = re.compile(r"(?i)[^.!?\n]*[.!?]?[\"”’]?\s*[^.!?\n]*\b(?:mock-?up|fake|hoax|"
                         r"fabricated|doctored|parody|spoof|never\s+(?:posted|written))\b")
#: :data:`_PRONOUN_SITE_FIRST` with no comma after the platform ('In a post on Instagram
#: she wrote: "…"', a fresh audit's miss), with a verb of posting only: "On Facebook she
#: said:" is as often speech about Facebook (a reviewer's: radio, television and meeting
#: quotations).
_SITE_OPENING_BARE = _SITE_OPENING.removesuffix(r",[ \t]+")
_PRONOUN_SITE_FIRST_BARE = re.compile(
    rf"{_SITE_OPENING_BARE}[ \t]+(?:{_PRONOUN}|{_BODY_SUBJECT})"
    rf"[ \t]+{_ADVERB}(?:wrote|posted|tweeted|shared)[ \t]*:[ \t]*(?P<open>[\"“])", re.MULTILINE)
_PRONOUN_AFTER = re.compile(
    rf"{_SENTENCE_START}(?P<open>[\"“])[^\"“”\n]{{2,}}?[,?!](?P<close>[\"”])[ \t]+"
    rf"(?:(?P<pronoun>she|he|they)|(?P<body>(?:the|its|their)[ \t]+(?:(?:[A-Z][\w-]*|[a-z]+)"
    rf"['’]s[ \t]+)?(?:[A-Za-z][\w-]*[ \t]+){{0,2}}?{_BODY_NOUN}|police))[ \t]+{_ADVERB}"
    rf"{_POSTED_VIA}{_WHEN}{_ATTRIBUTION_ENDS}",
    re.MULTILINE)
#: Words before a pronoun's post that make it claimed, reported by others or imagined.
_NOT_THEIR_POST = re.compile(r"(?i)\b(?:according|screenshot\w*|reported(?:ly)?|allegedly|"
                             r"apparently|purportedly|supposedly|rumou?r\w*|sketch|spoof|"
                             r"parody|mock-?up|impression|imagine\w*|heard|told|believes?|"
                             r"believed|jurors?|prosecutors?|claim\w*|fake|hoax|fabricated|"
                             r"doctored|episode|novel|film|movie|scene|play|advert\w*|"
                             r"commercial|game|image|picture|when|if|unless|once|programme|"
                             r"show|series|pilot|musical|chapter|act|instalment|trailer|reel|"
                             r"opera|story|thinks?|thought|suspect\w*|evidence)\b")
#: In its paragraph before a pronoun's post, words that make it fiction, a fake, a claim
#: or an allegation ("… claims to show a post by the mayor. In it, he tweets:", "Picture
#: the scene in 2030.", "Pike denies stalking. The next day, he wrote on Facebook:").
_NOT_THEIR_POST_BEFORE = re.compile(r"(?i)\b(?:claim\w*|fake|hoax|fabricated|doctored|"
                                    r"imagine\w*|picture\s+the|novel|sketch|spoof|parody|"
                                    r"purport\w*|alleg\w*|prosecut\w*|denies|denied|plays|"
                                    r"played\s+by|stars\s+as|character|sitcom|soap|satir\w*|film|"
                                    r"movie|screenplay|script|chapter|thriller|heroine|"
                                    r"protagonist|storyline|comedy|anthology|remake|"
                                    r"mockumentary|panto\w*|biopic|fiction\w*|cartoon|"
                                    r"video\s+game)\b")
#: (Not "dream", "drama", "debut", "collection", "plot", "animated": "a dream come true",
#: "late drama", "made his debut", "bin collection", "a plot of land" are news.)


#: Words of a recap of a show, a review or a dream before the forms most often fiction's
#: (a body's post, a reply, a message that read, "The post read:"): their posts are the
#: story's (reviewers' recaps, reviews and dreams; "season" and "show" may be sport's or
#: news', a price these forms pay).
_RECAP = re.compile(r"(?i)\b(?:episodes?|finale|season|series|show|drama|debut|collection|"
                    r"dream\w*|follows|novel|story|stories|review\w*)\b")


def _pronoun_posts(text: str) -> list[Post]:
    """Posts the prose quotes by a pronoun (:data:`_PRONOUN_INLINE`,
    :data:`_PRONOUN_SITE_FIRST`, :data:`_PRONOUN_AFTER`), read as
    :func:`_named_inline_posts` reads those by name, with no author: whom the pronoun
    names is the quotation layer's to say (its speaker, where it is sure), from the
    entities it knows."""
    out: list[Post] = []
    if not _NAMES_A_SITE.search(text):
        return out
    for m in [*_before_colon_quotes(_PRONOUN_INLINE, text),
              *_before_colon_quotes(_PRONOUN_SITE_FIRST, text),
              *_before_colon_quotes(_PRONOUN_SITE_FIRST_BARE, text),
              *_from_opening_quotes(_PRONOUN_AFTER, text)]:
        start = m.start("open")
        after = "close" in m.groupdict()
        if after and _goes_on(text, m.end()):
            continue  # '"…," she wrote on X. "…"': the post goes on past its attribution
        if _inside_long_quotation(text, start) or _title_line(text, start):
            continue
        close = m.start("close") if after else _closing_mark(text, start)
        if close is None or (after and _closing_mark(text, start) != close):
            continue
        lead = m.start()
        previous = text.rfind("\n", 0, lead) + 1  # the paragraph before it, all of it
        subject = m.start("pronoun") if m.group("pronoun") else m.start("body")
        if _NOT_THEIR_POST.search(text, m.end("close") if after else m.start(), subject) or \
                _NOT_THEIR_POST_BEFORE.search(text, previous, lead) or \
                (not after and not _poster_in_context(text, subject)):
            continue  # "According to a screenshot, she wrote", "If he had tweeted", "In
            # the film's opening scene, she posts", "… claims to show a post. In it, he
            # tweets"
        if m.groupdict().get("dated") and _DATED_NOT_A_POST.search(
                text, text.rfind("\n", 0, max(0, previous - 2)) + 1, lead):
            continue
        if m.re is _PRONOUN_SITE_FIRST_BARE:
            # (the comma-less form: also the paragraph before it — "In the new Netflix
            # drama, X plays Jess …" — and the sentence after it — "That post was a fan-made
            # mock-up": reviewers')
            before = text.rfind("\n", 0, max(0, previous - 2)) + 1
            if _NOT_THEIR_POST_BEFORE.search(text, before, lead) or \
                    _RECAP.search(text, before, lead) or _FAKE_AFTER.match(
                        text, close + 1, min(len(text), close + 200)):
                continue
        if _read_or_replied(text, m, close) or (m.group("body") and (
                _RECAP.search(text, previous, lead) or re.search(
                    r"\b(?:posts|writes|tweets|replies|shares)\b", m.group()))):
            continue  # (a body in a recap: "Episode four is the best yet. The restaurant
            # posted on Instagram:"; a podcast's episode before a pronoun's post is none)
        body = text[start + 1:close].strip()
        if body.endswith(","):
            body = body[:-1].rstrip()
        posted = date_from_match(m) if m.group("date") else None
        if m.groupdict().get("date_open"):
            posted = parse_date(m.group("date_open"))  # "In one, dated 17 March 2019, he"
        platform = _prose_platform(m.groupdict())
        if platform is None:
            continue
        if not body or _tweet_length(body) > _quoted_budget(platform, posted):
            continue
        out.append(_new_post(platform, body, start, close + 1, None, None, posted))
    return out


#: One of the posts the text has just named, quoted with its date: 'after tweets Lyle wrote
#: in 2014 circulated. In one, dated March 9, 2014, Lyle wrote: "…"', 'In another, posted
#: on 2 June 2019, he wrote: "…"', 'In one, dated 4 May 2015, @h wrote: "…"' (fresh
#: audits'). Not "sent" (a message's): the author a pronoun, the account, a handle, or a
#: name with perhaps a title.
_ONE_OF_THEM = re.compile(
    rf"{_SENTENCE_START}In[ \t]+(?:one|another|the[ \t]+(?:first|second|third|last|latest|"
    rf"earliest|oldest)),[ \t]+(?:dated|posted[ \t]+(?:on|in)|from)[ \t]+"
    rf"(?P<date_open>(?i:{_DATE_PATTERN_B})|(?:(?:{_MONTH})[ \t]+)?(?:19|20)\d\d),[ \t]+"
    rf"(?:{_PRONOUN}|(?P<account>the[ \t]+account)|@(?P<bare>{HANDLE})(?![\w@])|"
    rf"(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Cllr|Councillor)\.?[ \t]+)?"
    rf"(?P<name>[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+)?))"
    rf"[ \t]+(?:wrote|posted|tweeted)[ \t]*:[ \t]*(?P<open>[\"“])")
#: The posts "one" is of, in the sentence right before it: tweets (``tweets``), or posts
#: with their platform beside them ("Facebook posts", "posts on X", "posts from an X
#: account", "posts made from his Facebook account"; group ``site``) — not a platform named
#: for something else ("a former Facebook engineer wrote posts on a blog", "posts on
#: Reddit's threads": reviewers').
_POSTS_NAMED = re.compile(
    rf"\b(?P<tweets>(?:[Rr]e)?[Tt]weets)\b|\b(?P<site>{_PLATFORM_NAMES})[ \t]+(?:posts|updates)\b|"
    rf"\b(?:[Pp]osts|[Uu]pdates)[ \t]+(?:(?:made|written|published|posted)[ \t]+)?(?:on|from|to)"
    rf"[ \t]+(?:(?:his|her|their|its|an?|the|[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*)?['’]s?)[ \t]+)?"
    rf"(?:(?:own|official|personal|public|old|former)[ \t]+)?(?P<site2>{_PLATFORM_NAMES})\b"
    # (the platform's own, not its possessive: "40 posts on Facebook's advice")
    rf"(?!['’])")
#: In that sentence, other writings "one" may be of, or words of private messages or a
#: claim: refused ("tweets and internal memos", "tweets in three court filings", "tweets
#: linked to essays", "his notebooks", "two lawsuits", "complaints": reviewers').
_NOT_POSTS_NAMED = re.compile(
    r"(?i)\b(?:messag\w*|DMs?|texts?|e-?mails?|chats?|(?-i:WhatsApp|Signal|Slack|Teams|Reddit)|inbox|"
    r"private\w*|screenshot\w*|fake|parody|spoof|fabricated|doctored|memos?|memoranda|"
    r"filings?|essays?|columns?|reports?|rulings?|judg(?:e)?ments?|notebooks?|notes|blogs?|"
    r"articles?|letters?|speeches|speech|papers?|documents?|reviews?|records?|minutes|"
    r"submissions?|statements?|diar(?:y|ies)|journals?|books?|op-eds?|pieces?|stories|"
    r"newsletters?|comments?|sermons?|lectures?|interviews?|podcasts?|videos?|episodes?|"
    r"jobs|roles|vacancies|petitions?|lawsuits?|suits|cases|claims?|complaints?|"
    r"posters?|leaflets?|flyers?|pamphlets?|adverts?|advertisements?|ads|songs?|poems?|"
    r"lyrics|bulletins?|releases?|briefings?|polls?|surveys?|photos?|photographs?|"
    r"pictures?|images?|cartoons?|threads?|forums?|websites?|sites?|novels?|albums?|"
    r"memoirs?|films?|movies?|plays|poems?|works|collections?|paintings?|designs?|recipes?|"
    r"courses?|talks|lessons?|tracks|singles|shows|programmes?|broadcasts?|campaigns?)\b")
#: Two kinds of things in one breath with the posts ("petitions and dozens of Facebook
#: posts", "wrote songs and fired off tweets"): "one" may be either.
_POSTS_AND_OTHERS = re.compile(
    r"\b[a-z]+s[ \t]+(?:and|or|as[ \t]+well[ \t]+as|alongside)[ \t]+(?:[\w'’-]+[ \t]+){0,4}?"
    r"(?:(?:re)?tweets|posts|updates)\b|\b(?:(?:re)?tweets|posts|updates)[ \t]+(?:and|or|"
    r"as[ \t]+well[ \t]+as|alongside)[ \t]+(?:[\w'’-]+[ \t]+){0,4}?[a-z]+s\b")
#: One of the posts named in its own subject, read out: 'One of the tweets, dated 9 June
#: 2013, read: "…"', 'Another of his old Facebook posts read: "…"' (a fresh audit's miss:
#: the post a year before the story). The subject says tweets or a platform's posts; no
#: author is named, so none is given; a day's date dates it.
_ONE_OF_THE_POSTS = re.compile(
    rf"{_SENTENCE_START}(?:One|Another)[ \t]+of[ \t]+(?:the|his|her|their|its|those|these)"
    rf"[ \t]+(?:(?:old|older|earlier|deleted|resurfaced|archived|original)[ \t]+)?"
    rf"(?:(?P<tweets>tweets)|(?P<site>{_PLATFORM_NAMES})[ \t]+posts|posts[ \t]+on[ \t]+"
    rf"(?P<site2>{_PLATFORM_NAMES}))(?:,[ \t]+(?:dated|posted[ \t]+(?:on|in)|from)[ \t]+"
    rf"(?P<date_open>(?i:{_DATE_PATTERN_B})|(?:(?:{_MONTH})[ \t]+)?(?:19|20)\d\d|"
    rf"{_DAY_OF_MONTH}),)?[ \t]+read[ \t]*:[ \t]*(?P<open>[\"“])")


def _day_posted(day: str | None) -> str | None:
    """The date a post's opening gives it: a day's date dates it; a month or a year alone,
    or a day of a month with no year, does not."""
    if not day or re.fullmatch(rf"(?:(?:{_MONTH})[ \t]+)?(?:19|20)\d\d|{_DAY_OF_MONTH}", day):
        return None
    return parse_date(day)


def _one_of_the_posts(text: str) -> list[Post]:
    """Posts read out as one of those their subject names (:data:`_ONE_OF_THE_POSTS`),
    with no author; not where the paragraph makes them a story's or a claim's, or the
    sentence after unsays them."""
    out: list[Post] = []
    if "ne of " not in text and "nother of " not in text:
        return out
    for m in _before_colon_quotes(_ONE_OF_THE_POSTS, text):
        start = m.start("open")
        close = _closing_mark(text, start)
        if close is None or _inside_long_quotation(text, start) or _title_line(text, start):
            continue
        paragraph = text.rfind("\n", 0, m.start()) + 1
        # (the paragraph before too, past any blank lines: "… created fake tweets in her
        # employer's name.\n\nOne of the tweets read:", a reviewer's)
        paragraph = text.rfind("\n", 0, len(text[:paragraph].rstrip())) + 1
        if _NOT_THEIR_POST_BEFORE.search(text, paragraph, m.start()) or \
                _DATED_NOT_A_POST.search(text, paragraph, m.start()) or \
                _FAKE_AFTER.match(text, close + 1, min(len(text), close + 200)):
            continue
        platform = "twitter" if m.group("tweets") else site_of(m.group("site") or m.group("site2"))
        if platform is None or platform in ("youtube", "tiktok"):
            continue
        posted = _day_posted(m.group("date_open"))
        body = text[start + 1:close].strip()
        if body.endswith(","):
            body = body[:-1].rstrip()
        if not body or _tweet_length(body) > _quoted_budget(platform, posted):
            continue
        out.append(_new_post(platform, body, start, close + 1, None, None, posted))
    return out


def _one_of_them_posts(text: str) -> list[Post]:
    """Posts the prose quotes as one of those it has just named (:data:`_ONE_OF_THEM`):
    the sentence right before it (in its paragraph, or the last of the paragraph before
    where it opens one) names posts of one platform (:data:`_POSTS_NAMED`) and no other
    writings "one" may be of (:data:`_NOT_POSTS_NAMED`), nothing around it makes them a
    story's, a claim's or messages, and the author is one poster (not "they": lawyers'
    filings, a reviewer's)."""
    out: list[Post] = []
    if "In " not in text:
        return out
    for m in _before_colon_quotes(_ONE_OF_THEM, text):
        start = m.start("open")
        close = _closing_mark(text, start)
        if close is None or _inside_long_quotation(text, start) or _title_line(text, start) \
                or (m.group("pronoun") or "").lower() == "they":
            continue
        lead = m.start()
        paragraph = text.rfind("\n", 0, lead) + 1
        # (the paragraph before, past any blank lines: "\n\n\n", "\r\n\r\n")
        window_start = text.rfind("\n", 0, len(text[:paragraph].rstrip())) + 1
        sentences = split_sentences(text, window_start, lead)
        named = text[sentences[-1][0]:sentences[-1][1]] if sentences else ""
        if not named or _NOT_POSTS_NAMED.search(named) or _POSTS_AND_OTHERS.search(named):
            continue
        sites = {"twitter" if f.group("tweets") else site_of(f.group("site") or f.group("site2"))
                 for f in _POSTS_NAMED.finditer(named)}
        platform = sites.pop() if len(sites) == 1 else None
        if platform is None:
            continue  # no posts named, or of two platforms ("tweets and Instagram posts")
        if platform in ("youtube", "tiktok") or \
                _NOT_THEIR_POST_BEFORE.search(text, window_start, lead) or \
                _DATED_NOT_A_POST.search(text, window_start, lead) or \
                _FAKE_AFTER.match(text, close + 1, min(len(text), close + 200)):
            continue  # a video's words; a story's, a claim's, messages
        name: str | None = None
        if m.group("name"):
            words = m.group("name").split()
            if len(words) == 2 and _describes(words[0]):
                words = words[1:]  # "Senator Lyle wrote": Lyle's (a reviewer's)
            if len(words) == 1:
                words = _full_name(text, words[0], lead)
            # (a surname two people of the text share: the post, and no author)
            name = " ".join(words) if len(words) >= 2 and words[0] not in CALENDAR_NAMES \
                else None
        handle = m.group("bare")
        if m.group("account"):
            handles = set(re.findall(rf"(?<![\w@])@({HANDLE})(?![\w@])", named))
            handle = handles.pop() if len(handles) == 1 else None  # "posts from an X
            # account, @h, … In one, dated …, the account wrote:"
        body = text[start + 1:close].strip()
        posted = _day_posted(m.group("date_open"))
        if not body or _tweet_length(body) > _quoted_budget(platform, posted):
            continue
        out.append(_new_post(platform, body, start, close + 1, handle, name, posted))
    return out


#: A post quoted in the sentence after the one that says it was posted: 'Marta Keane
#: announced the closure on Facebook on Monday. The post read: "…"', "The tweet, since
#: deleted, said:", "Her Instagram caption reads, in part:".
_THE_POST_READ = re.compile(
    rf"{_SENTENCE_START}The[ \t]+(?:(?P<site>(?i:{SITE_NAMES}))[ \t]+)?"
    rf"(?:(?:original|full|since-deleted|now-deleted|deleted)[ \t]+)?"
    rf"(?P<noun>post|tweet)(?:,[ \t]+(?P<aside>[^,\n\"“”]{{1,60}}),)?"
    rf"[ \t]+(?:read|said)(?:,?[ \t]+in[ \t]+(?:part|full))?[ \t]*:[ \t]*"
    rf"(?P<open>[\"“])", re.MULTILINE)
#: Writing to a platform's firm, not on it ("wrote to TikTok on Tuesday": a letter).
_WROTE_TO_SITE = re.compile(rf"\b(?:wrote|writes|written)\s+to\s+(?:the\s+)?(?:{SITE_NAMES})\b",
                            re.IGNORECASE)
#: The same form with a pronoun's "wrote:" for "The post read:" ('Jonah Calloway posted a
#: statement on Instagram. He wrote: "…"', a fresh audit's).
_PRONOUN_WROTE = re.compile(rf"{_SENTENCE_START}(?:He|She|They|It)[ \t]+(?:wrote|posted)"
                            rf"[ \t]*:[ \t]*(?P<open>[\"“])", re.MULTILINE)
#: The poster, opening the sentence before it: "Marta Keane announced …", "On Monday,
#: Councillor Ian Roe posted …".
_LEAD_POSTER = re.compile(
    rf"(?<![\w@#'’.-]){_AUTHOR}{_APPOSITION},?[ \t]+{_ADVERB}(?:posted|wrote|"
    rf"tweeted|published|issued|announced|put[ \t]+out|took[ \t]+to)\b")
#: That sentence, all of it: who posted (a name, a pronoun, a body), perhaps what ("the
#: closure", "a long message"), where and when, and nothing else ("… posted on Facebook
#: after a post by her neighbour went viral", "… wrote on X to defend his daughter, whose
#: post …": a reviewer's; the post read may be the other's).
_SIMPLE_LEAD = re.compile(
    rf"(?:[A-Z][^,.!?\n\"“”]{{0,40}},\s+)?(?:{_AUTHOR}|She|He|They|The\s+(?:[A-Za-z][\w-]*\s+)"
    rf"{{0,2}}?{_BODY_NOUN})\s+(?:(?:him|her|it)self\s+|themselves\s+)?{_ADVERB}"
    rf"(?:posted|wrote|tweeted|published|issued|announced|put\s+out)"
    rf"(?:\s+(?:the\s+[a-z]+(?:\s+[a-z]+)?|an?\s+(?:[a-z-]+\s+)?(?:message|post|statement|"
    rf"update|tribute|tweet)))?(?:\s+(?:on|to)\s+(?:(?:his|her|their|its|the)\s+(?:[\w’']+\s+)?)?"
    rf"(?i:{SITE_NAMES})\b(?:\s+(?:page|account|feed))?)?(?:\s+(?:on|late\s+on|early\s+on|last|"
    rf"this)\s+[A-Z]?[a-z]+(?:\s+(?:morning|afternoon|evening|night))?)?"
    rf"(?:\s+(?:shortly\s+|soon\s+|just\s+|minutes\s+|hours\s+|moments\s+)?(?:after|before)"
    rf"\s+the\s+{_EVENT_NOUN})?(?:\s+at\s+[\d.:]+\s*"
    rf"(?:[ap]\.?m\.?)?)?(?:\s+in\s+a\s+(?:[a-z-]+\s+)?post(?:\s+of\s+[^.!?]{{0,30}})?)?[.!]")
#: A quotation that opens a sentence after a stop (the form of :func:`_read_after_posts`
#: with no "The post read:"), and what must follow its closing mark: words that say it is
#: the post, and the paragraph's end.
_BARE_AFTER = re.compile(r"(?<=[a-z0-9)][.!])[ \t]+(?P<open>[\"“])")
_ENDS_PARAGRAPH = re.compile(
    rf",?[ \t]+(?:the[ \t]+(?:post|tweet|update|message)(?:[ \t]+from[ \t]+@(?P<handle>"
    rf"{HANDLE}))?[ \t]+(?:read|said)|(?:he|she|they|it)[ \t]+(?:wrote|posted|tweeted|added))"
    rf"[.][ \t]*(?:\n|$)")
#: Words of a habit, not of one post ("Tom Varley regularly posted on Instagram.").
_HABIT = re.compile(r"\b(?:regularly|frequently|often|usually|routinely|occasionally|always|"
                    r"sometimes|constantly|repeatedly|rarely|daily|weekly|would)\b")
#: What commas may set off after "The post": when it was posted or that it is gone ("The
#: tweet, since deleted, read:"), not what it was ("a screenshot of an email", "from an
#: account calling itself Mayor Bo").
_POST_ASIDE = re.compile(r"(?:(?:since|now|later|quickly)\s+deleted|(?:posted|published|"
                         r"written|sent)\s+(?:on|at|in|late|early|shortly|just)\b[^,]*|which\s+"
                         r"(?:has|was|had)\s+(?:since\s+)?(?:been\s+)?(?:deleted|removed|viewed|"
                         r"shared|liked)\b[^,]*)")

def _read_after_posts(text: str) -> list[Post]:
    """Posts quoted in the sentence after the one that says they were posted
    (:data:`_THE_POST_READ`): the platform the noun says ("The Facebook post", "The
    tweet") or the one that sentence names (:func:`_lead_platform`; none named, no post);
    the author that sentence opens with, where it is the poster (:func:`_poster_words`),
    else none. Not where that sentence makes it claimed, imagined, reported or someone
    else's (a reply's, a screenshot's), nor where a quotation stands in it."""
    out: list[Post] = []
    if not _NAMES_A_SITE.search(text) and "tweet" not in text:
        return out
    for m in [*_before_colon_quotes(_THE_POST_READ, text),
              *_before_colon_quotes(_PRONOUN_WROTE, text), *_BARE_AFTER.finditer(text)]:
        start = m.start("open")
        if _inside_long_quotation(text, start) or _title_line(text, start):
            continue
        close = _closing_mark(text, start)
        if close is None:
            continue
        bare = m.re is _BARE_AFTER
        wrote = m.re is _PRONOUN_WROTE
        tail = _ENDS_PARAGRAPH.match(text, close + 1) if bare else None
        if bare and tail is None:
            continue  # '… posted a video on Instagram. "It was a shock," his agent said.'
            # (the quotation after the sentence that says who posted where is the post
            # where the words after it say so, and end its paragraph: "The service posted
            # an update on X at 2.10am. "Crews are …," the post from @WenndaleFire read.",
            # '"…," he wrote.': a fresh audit's; not a quotation alone — the paragraph
            # after may give it to someone else, "That was one of the first replies" or
            # "She was speaking to the Courier": a reviewer's)
        # The sentence before: in its paragraph, or the last of the paragraph before.
        before = text[max(0, m.start() - 400):m.start()].rstrip()
        lead = re.split(r"(?<=[.!?])[\"”’']?\s+|\n\s*\n", before)[-1].strip()
        lead_at = m.start() - len(text[max(0, m.start() - 400):m.start()]) + \
            before.rfind(lead) if lead else -1
        paragraph = text.rfind("\n", 0, lead_at) + 1
        if not lead or not _SIMPLE_LEAD.fullmatch(lead) or \
                _NOT_THEIR_POST.search(lead) or \
                _NOT_THEIR_POST_BEFORE.search(text, paragraph, m.start()) or \
                re.search(r"(?i)\b(?:not|never|no)\b|n[’']t\b", lead) or \
                _RECAP.search(text, paragraph, m.start()) or \
                (m.groupdict().get("aside")
                 and not _POST_ASIDE.fullmatch(m.group("aside"))) or \
                _NOT_POSTED_AFTER.match(text, close + 1):
            continue  # no sentence saying who posted it and where, and only that; one
            # that claims, imagines, denies; or a post said to be something else
        if ANOTHERS_POST.search(lead) or _WROTE_TO_SITE.search(lead):
            continue  # "Tom Vance replied on X.", "She shared a photo on Instagram.", "Jane
            # Holt wrote to TikTok on Tuesday." (a letter to the firm: a reviewer's)
        noun = m.groupdict().get("noun")
        site = site_of(m.group("site")) if m.groupdict().get("site") else None
        said = _lead_platform(text, 0, m.start())
        if (bare or wrote) and (said is None or not _ANY_PLATFORM.search(lead)
                                or _HABIT.search(lead)):
            continue  # the bare form and "He wrote:": the platform named in the sentence
            # before, one post
        if site is not None and said is not None and said != site:
            continue  # "Tom Vance posted on X. The Instagram post read:"
        site = site or said
        if site is None and (noun == "tweet" or re.search(r"\btweet(?:ed|s)?\b", lead)) \
                and not _ANY_PLATFORM.search(lead.replace("Twitter", "")):
            site = "twitter"  # "Ana Ruiz tweeted on Monday. The tweet read:"
        if site is None or (noun == "tweet" and site != "twitter"):
            continue  # no platform, or two
        opening = re.match(r"(?:[A-Z][^,.!?\n\"“]{0,40},\s+)?", lead)
        poster = _LEAD_POSTER.match(text, lead_at + (opening.end() if opening else 0))
        words = _poster_words(text, poster, False) if poster else None
        name = " ".join(words) if words else None
        if wrote and name is not None:
            # "She wrote:" is the poster's only where the text gave the poster that
            # pronoun's title before ("Ms Drury"): "Tamsin Drury posted a statement on
            # Instagram. He wrote: …" may be her husband's, named "Mr Drury" after
            # (reviewers')
            titles = {t.group(1) for t in re.compile(
                rf"\b(Mr|Mrs|Ms|Miss)\.?\s+{re.escape(name.split()[-1])}\b").finditer(
                text, 0, lead_at)}
            pronoun = text[m.start("open") - 20:m.start("open")].split()
            she = any(w in ("She", "she") for w in pronoun)
            he = any(w in ("He", "he") for w in pronoun)
            if not titles or not ((he and titles == {"Mr"})
                                  or (she and titles and "Mr" not in titles)):
                name = None
        body = text[start + 1:close].strip()
        if body.endswith(","):
            body = body[:-1].rstrip()
        if not body or _tweet_length(body) > _quoted_budget(site, None):
            continue
        handle = tail.group("handle") if tail is not None else None
        out.append(_new_post(site, body, start, close + 1, handle, name, None))
    return out


#: A paragraph of the article's prose that ends by quoting the post after a colon, and
#: the verbs by which such a lead-in says someone posted it.
_LEAD_THEN_QUOTE = re.compile(r"[^\n\"“”]{20,}?(?:(?P<colon>:)|(?<=[a-z0-9)][.!?])|(?<=\bX\.))\s+()"
                              r"(?=[\"“])", re.S)
#: The last sentence of a paragraph, ending in a colon, and the quotation after it that
#: ends the paragraph (groups ``lead`` and ``q``).
_LAST_LEAD_THEN_QUOTE = re.compile(r"(?:^|[.!?][\"”’]?\s+)(?P<lead>[^.!?\n\"“”]{10,200}?:)\s+"
                                   r"(?P<q>[\"“][^\"“”]*[\"”])\s*$")
_POSTING_VERB = re.compile(r"\b(?:wrote|writes|posted|posts|tweeted|tweets|said|says|shared|"
                           r"replied|answered|responded|added|commented)\b"
                           # "Mr Okoro's original post, dated 3 January, read:" (a fresh
                           # audit's: the lead-in was taken into the signed post's text)
                           r"|\b(?:post|tweet|message|update)\b[^.!?:\n]{0,40}\bread\b", re.I)


#: A verb in the past, as an article tells of a post ("defended", "told", "wrote").
_NARRATED = re.compile(
    r"\b(?:[a-z]{2,}ed|told|said|wrote|took|made|gave|came|went|sent|put|hit|shot|struck|"
    r"spoke|broke|began|held|kept|left|met|paid|ran|saw|stood|won|lost|set|led|brought|"
    r"thought|found|got|had|was|were|did|fought|drew|threw|rose|fell|chose|"
    r"knew|read|sought|taught|felt)\b")


def _names_poster(lead: str, sig: Signature, verb: bool = True) -> bool:
    """Is ``lead`` the article's sentence about the post's author: it says someone wrote
    or posted it (where ``verb``: a lead-in ending in a colon; a whole sentence before
    the quotation needs a verb in the past instead, "Northline Rail told passengers not to
    travel. "…" — Northline Rail (@NorthlineRail)"), names the author (a word of the
    display name, or the handle), and speaks in no first person ("Good to see the
    minister said it today: '…'" is the post's own)?"""
    words = {re.sub(r"['’]s?$", "", w.lower())
             for w in re.findall(r"[^\W\d_][\w'’-]+", sig.display_name or "") if len(w) > 2}
    if sig.handle:
        words.add(sig.handle.split("@")[0].lower())
    said = {re.sub(r"['’]s?$", "", w.lower()) for w in re.findall(r"[\w'’-]+", lead)}
    # (a possessive names its owner too: "Mr Okoro's original post … read:", a fresh audit's)
    if not verb and not _NARRATED.search(lead):
        return False  # "Northline Rail update.", "Mayor Brandt thanks the volunteers.": a
        # caption or a headline in the present, the post's own opening (a reviewer's); the
        # article tells of it in the past ("Northline Rail told passengers …")
    return (not verb or bool(_POSTING_VERB.search(lead))) and bool(words & said) and \
        not said & {"i", "my", "me", "we", "our", "us"}


#: A lead-in whose subject is a body by its kind, posting: "The district posted on X:",
#: "the council then wrote on Facebook:" (a fresh audit's: the post had taken the lead-in,
#: or its whole paragraph) — the article's sentence, whoever the signature's account is.
_BODY_POSTED_LEAD = re.compile(
    rf"(?:^|(?<=[.!?][\"”’']\s)|(?<=[.!?]\s))(?:[Tt]he|[Ii]ts)\s+(?:[\w-]+\s+){{0,2}}?"
    rf"(?P<noun>{_BODY_NOUN}|district)\s+(?:then\s+|also\s+|later\s+)?"
    rf"(?:posted|wrote|tweeted|shared)"
    rf"(?:\s+(?:on|to)\s+(?i:{SITE_NAMES})\b)?(?:\s+on\s+\w+)?\s*:\s*$")


#: A lead-in that reads a post out, in the third person ("Assistant U.S. Attorney Naomi Fisk
#: read one of them aloud:", a fresh audit's: the post had taken it): the article's.
_READ_OUT_LEAD = re.compile(r"^[^:\"“”]{0,120}?\b(?:read|reads)\s+(?:[\w-]+\s+){0,3}?"
                            r"(?:aloud|out)\s*:\s*$")
#: Last words of an account's display name that make it a body's, not a person's.
_BODY_ACCOUNT_WORDS = frozenset(
    "council hospital union club police service services trust school schools district "
    "university college church museum library fc ltd inc department agency authority board "
    "committee party government ministry office network radio group foundation "
    "association society federation league team airport airline rail transport fire "
    "ambulance health county city borough parish".split())


def _body_posted(text: str, lead: str, at: int, sig: Signature) -> bool:
    """Is ``lead`` a body's posting lead-in (:data:`_BODY_POSTED_LEAD`) whose body may be
    the signature's account: an account with a body's name (initials first or last, or a
    body's kind last: "NHS Lothian", "Pinecrest USD", "Ashby Council"), or one the text
    before (``text[:at]``) names in full, a word or the initials of that name in the
    account's handle or display name ("Transit Workers Union", "@TWUnion")? Not someone's
    post quoting the body
    ('Astonishing timing. The club posted on Facebook: "…" — Dev Malhotra
    (@devmalhotra_fc)', a reviewer's: his words and the club's)."""
    m = _BODY_POSTED_LEAD.search(lead.strip())
    if m is None:
        return False
    name = (sig.display_name or "").split()
    if name and not re.search(r"[|,:;(]", sig.display_name or "") and (
            name[0].isupper() and len(name[0]) >= 3
            or name[-1].isupper() and len(name[-1]) >= 3 and name[-1] not in POSTNOMINALS
            or name[-1].lower() in _BODY_ACCOUNT_WORDS):
        return True  # an account with a body's name ("NHS Lothian", "Pinecrest USD",
        # "TWU", "Ashby Council"; not "AJ Turner", "Dev Malhotra MP", "Jo Hartley OBE",
        # "Ana Ruiz | BBC News", "Maria Lopez, Teachers Union rep": reviewers')
    noun = m.group("noun")
    account = f"{sig.handle or ''} {sig.display_name or ''}".lower()
    for named in re.finditer(rf"((?:[A-Z][\w'’&-]*\s+){{1,5}})(?i:{re.escape(noun)})\b",
                             text[:at]):
        words = [w for w in named.group(1).split() if w[:1].isupper() and len(w) > 2
                 and w not in ("The", "Its", "Their")]
        initials = "".join(w[0] for w in words).lower() + noun[0].lower()
        if any(len(key) >= 4 and key in account
               for key in (re.sub(r"['’]s?$", "", w.lower()) for w in words)) or (
                len(initials) >= 3 and re.search(rf"(?<![a-z]){initials}", account)):
            return True  # (or its initials: "Transit Workers Union", "TWU (@TWUnion)")
    return False


def _in_first_person(prose: str) -> bool:
    """Does ``prose``, outside what it quotes, speak in the first person ("We are delighted
    … Our chair said:"): a post's own words, not the article's?"""
    return re.search(r"\b(?:I|we|We|our|Our|my|My|me|us)\b",
                     re.sub(r"[\"“][^\"“”]*[\"”]", " ", prose)) is not None


def _leads_in_own_post(before: str, lead: str, sig: Signature) -> bool:
    """Is ``lead`` (a paragraph's last sentence, before the quotation that ends it) the
    article's own sentence saying the signature's account posted it: every word of the
    display name (or the handle) in it, as the subject of a posting verb (wrote, posted,
    tweeted, shared; not "said", which may be speech), no other name between them ("Harlow
    Gazette reporter Tom Reed said:"), and no first person in the paragraph before it
    (the post's own words: "We are delighted … Our chair said:"; a reviewer's)?"""
    if _in_first_person(before + " " + lead):
        return False
    names = [w.lower() for w in re.findall(r"[^\W\d_][\w'’-]+", sig.display_name or "")
             if w.lower() not in ("the", "of", "and")]
    low = lead.lower()
    verb = re.search(r"\b(?:wrote|posted|tweeted|shared|published)\b", lead)
    if verb is None:
        return False
    if sig.handle and f"@{sig.handle.lower()}" in low:
        return True
    if not names or not all(re.search(rf"\b{re.escape(w)}\b", low) for w in names):
        return False
    last = max(low.rfind(w) + len(w) for w in names)
    between = re.sub(r"\([A-Z]{2,6}\)", "", lead[last:verb.start()])
    return last < verb.start() and not re.search(r"[A-Z]", between)


def _make_post(text: str, start: int, sig: Signature) -> Post:
    # Post span: from the first character of its text to the end of its date.
    while start < sig.start and text[start].isspace():
        start += 1
    # "Replying to @x" above a reply's text is the platform's line, not its author's words
    # (its accounts stay the post's mentions: whom it answers).
    reply = REPLYING.match(text, start, sig.start)
    if reply and not text[reply.end():sig.start].strip():
        reply = None
    body = text[reply.end() if reply else start:sig.start].strip()
    if sig.platform == "instagram":
        body = _INSTAGRAM_NOISE.sub("", body).strip()
    # (a quotation mark the writer closed after the signature, not before it: '… posted
    # on X. "Every horse … nothing to hide. — Clare Ashcombe (@x) October 2, 2024"', a
    # fresh audit's — the post had taken the lead-in and the opening mark)
    closed_after = text[sig.end:sig.end + 1] in ("\"", "”")
    lead = _LEAD_THEN_QUOTE.match(body)
    if lead and (enclosed(body[lead.end(2):]) or closed_after and not re.search(
            "[\"“”]", body[lead.end(2) + 1:])) and (_names_poster(
            body[:lead.end(2)], sig, verb=bool(lead.group("colon")))
            or _body_posted(text, body[:lead.end(2)], start, sig)
            or _READ_OUT_LEAD.search(body[:lead.end(2)]) is not None
            and not _in_first_person(body[:lead.end(2)])):
        # "Another engineer wrote that his team had been cut: "Entire team: gone."" above
        # the signature: the article's lead-in, then the post in its quotation marks (a
        # lead-in says someone wrote it: "Statement from CNN on today's ruling: "…"" is
        # the post's own opening).
        start += lead.end(2)
        body = body[lead.end(2):]
    elif (last := _LAST_LEAD_THEN_QUOTE.search(body)) and enclosed(body[last.start("q"):]) \
            and (_leads_in_own_post(body[:last.start("lead")], last.group("lead"), sig)
                 or not _in_first_person(body[:last.start("q")])
                 and _body_posted(text, last.group("lead"), start + last.start("lead"), sig)):
        # A paragraph of the article's prose, quotations in it, whose last sentence leads
        # in the post ('… said: "…" Diversions will be signed. Fenbridge Borough Council
        # posted the notice on X: "…" — Fenbridge Council (@FenbridgeBC) …': a fresh
        # audit's, the post had taken the whole paragraph and its quotation): the post is
        # the last quotation
        start += last.start("q")
        body = body[last.start("q"):]
    if enclosed(body):
        # The article's quotation marks around the post are not its text; the post's span
        # keeps them (a report shows no stray mark before the card).
        body = body[1:-1].strip()
    elif closed_after and body[:1] in ("\"", "“") and not re.search("[\"“”]", body[1:]):
        body = body[1:].strip()
    links = find_links(body)
    return Post(
        platform=sig.platform,
        text=body,
        start=start,
        end=sig.end,
        handle=sig.handle,
        display_name=sig.display_name,
        posted=sig.posted,
        links=[url for _, _, url in links],
        hashtags=find_hashtags(body, links),
        mentions=find_mentions(reply.group() + body if reply else body, links),
    )



class PostExtractor(Analyzer):
    """Analyzer: adds posts found by their plain-text signature to ``doc.posts``."""

    name = "posts"
    requires = ("text",)
    assigns = ("posts",)
    any_language = True

    def __call__(self, doc: Doc) -> Doc:
        new = extract_posts(doc.text, doc.posts)
        if doc.meta.get("genre") == "satire":
            # A page that labels itself satire: the posts its prose quotes are the
            # satirist's inventions (an embed is still the platform's own)
            new = [p for p in new if doc.text[p.start:p.start + 1] not in "\"“"]
        if new:
            doc.posts = sorted([*doc.posts, *new], key=lambda p: p.start)
        return doc
