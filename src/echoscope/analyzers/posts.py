"""Embedded posts in plain text, found by their signature line.

An embed that lost its markup leaves text like::

    Tweet text pic.twitter.com/AbCdEf1234 — Display Name (@handle) April 2, 2020

The signature grammar lives in :mod:`echoscope.text.signatures` (the HTML reader reads
embeds with the same one). From each signature this walks back to where the post's text
starts: the paragraph, or, in one-sentence-per-line text (as in the PTC corpus), the
lines before it that fit the platform's length limit and do not read as the article
introducing the post.
"""

from __future__ import annotations

import re

from ..doc import Doc, Post
from ..text.signatures import Signature, find_signatures
from ..text.social_text import find_hashtags, find_links, find_mentions
from .base import Analyzer

_INSTAGRAM_NOISE = re.compile(r"^\s*View this post on Instagram\s*", re.IGNORECASE)
# Prose that introduces a quoted post rather than being part of it.
_INTRO = re.compile(
    r"\b(?:tweet(?:ed|s)?|twitter|posted|wrote|writes|responded|replied|reacted|"
    r"according to|instagram|in a post|had to say|here[’']?s what)\b",
    re.IGNORECASE,
)
_MAX_PARAGRAPH = 1200  # a blank-line paragraph longer than this is article prose too
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
    length = _tweet_length(text[start:end])
    first = text[start:end].strip() == ""
    seen = {_norm(text[start:end])}
    while start > lo:
        prev_end = start - 1
        if prev_end <= lo or text[prev_end - 1] == "\n":
            break
        prev_start = max(lo, text.rfind("\n", lo, prev_end) + 1)
        line = text[prev_start:prev_end]
        if not line.strip() or line.rstrip().endswith(":"):
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
           r"upload\w*|hit back|took to|taken to)")
_PLATFORM = r"(Instagram|Threads|TikTok|Facebook|Bluesky|Mastodon|Telegram|Twitter|X)\b"
_DET = r"(?:a|an|the|his|her|their|its|our|my)\s+"
_ITEM = r"\s+(?:post|page|story|video|message|update|comment|live|account|feed)s?\b"
#: "posted on Facebook", "wrote to her Instagram story", "said in a Facebook post", or a
#: sentence that opens with it: "On Facebook, …", "In a Facebook post on Sunday, the pastor
#: wrote:" (not "After a row on Facebook, the mayor said:", "In Facebook's view, …").
_LEAD_SITE = re.compile(
    rf"\b{_POSTED}\b[^.:;\n]{{0,40}}?\b(?:(?:on|to|via)\s+(?:{_DET})?{_PLATFORM}|"
    rf"in\s+{_DET}{_PLATFORM}{_ITEM})|"
    rf"^(?:On|Via|In)\s+(?:{_DET})?{_PLATFORM}(?:{_ITEM}[^,.:;\n]{{0,30}})?,"
    rf"[^.:;\n]{{0,60}}?\b{_POSTED}\b")
_LEAD_PLATFORMS = {"x": "twitter"}
#: A platform's name anywhere ("X" only as a post's: "an X post", "on X").
_ANY_PLATFORM = re.compile(r"\b(Instagram|Threads|TikTok|Facebook|Bluesky|Mastodon|Telegram|"
                           r"Twitter)\b|\b(?:on|an)\s+(X)\b")
#: Someone posted the item the paragraph names: "The woman who posted it", "shared the clip".
_POSTED_IT = re.compile(r"\b(?:posted|shared|uploaded|published)\s+(?:it|the\s+(?:post|video|"
                        r"clip|story|reel|message|update))\b", re.IGNORECASE)
#: One post of a platform, named as such: "One TikTok video", "her Instagram post".
_A_POST_OF = re.compile(
    rf"\b(?:[Oo]ne|[Aa]n?|[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Tt]his|[Tt]hat)\s+{_PLATFORM}"
    r"\s+(?:post|video|story|message|update|clip|reel|live\s?stream)\b")


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
        return sites.pop() if len(sites) == 1 else None
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


def _platform(text: str, lo: int, start: int, sig: Signature) -> str:
    """The post's platform: what its signature says (a handle's shape, "on Instagram"),
    else, for a handle that could be anyone's (Twitter's shape, by default), the one
    platform the sentence introducing it names."""
    if sig.said:
        return sig.platform
    return _lead_platform(text, lo, start) or sig.platform


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
    for lo, hi in regions:
        prev_end = lo
        for sig in find_signatures(text, lo, hi):
            budget = _budget(sig.platform, sig.posted)
            start = _text_start(text, prev_end, sig.start, budget, paragraphs)
            post = _make_post(text, start, sig)
            post.platform = _platform(text, prev_end, start, sig)
            found.append(post)
            prev_end = sig.end
    return found


#: Quotation marks an article may put around a whole post it quotes.
_ENCLOSING = {'"': '"', "\u201c": "\u201d", "\u00ab": "\u00bb", "\u201e": "\u201c",
              "'": "'", "\u2018": "\u2019"}


#: A paragraph of the article's prose that ends by quoting the post after a colon, and
#: the verbs by which such a lead-in says someone posted it.
_LEAD_THEN_QUOTE = re.compile(r"[^\n\"“”]{20,}?:\s+()(?=[\"“])", re.S)
_POSTING_VERB = re.compile(r"\b(?:wrote|writes|posted|posts|tweeted|tweets|said|says|shared|"
                           r"replied|added|commented)\b", re.I)


def _names_poster(lead: str, sig: Signature) -> bool:
    """Is ``lead`` the article's sentence about the post's author: it says someone wrote
    or posted it, names the author (a word of the display name, or the handle), and speaks
    in no first person ("Good to see the minister said it today: '…'" is the post's own)?"""
    words = {w.lower() for w in re.findall(r"[^\W\d_][\w'’-]+", sig.display_name or "")
             if len(w) > 2}
    if sig.handle:
        words.add(sig.handle.split("@")[0].lower())
    said = {w.lower() for w in re.findall(r"[\w'’-]+", lead)}
    return bool(_POSTING_VERB.search(lead)) and bool(words & said) and \
        not said & {"i", "my", "me", "we", "our", "us"}


def _enclosed(body: str) -> bool:
    """Is ``body`` wholly inside one pair of the article's quotation marks ("…" around the
    post, or British '…'), with no other such mark inside (not '"a" and "b"')? A single
    mark is also an apostrophe: it encloses only where no space follows the opening one,
    no mark stands inside but between letters ("won't"), and the closing one follows no
    "s" ("the players'")."""
    close = _ENCLOSING.get(body[:1])
    inner = body[1:-1]
    if close is None or len(body) <= 2 or not body.endswith(close):
        return False
    if close in ("'", "\u2019"):
        # Inside, only apostrophes (between letters) may use the mark.
        stray = re.sub(r"(?<=\w)['\u2019](?=\w)", "", inner)
        return not (body[1].isspace() or "'" in stray or "\u2018" in stray
                    or "\u2019" in stray or re.search(r"s['\u2019]$", body))
    return body[0] not in inner and close not in inner


def _make_post(text: str, start: int, sig: Signature) -> Post:
    body = text[start:sig.start].strip()
    if sig.platform == "instagram":
        body = _INSTAGRAM_NOISE.sub("", body).strip()
    # Post span: from the first character of its text to the end of its date.
    while start < sig.start and text[start].isspace():
        start += 1
    lead = _LEAD_THEN_QUOTE.match(body)
    if lead and _enclosed(body[lead.end(1):]) and _names_poster(body[:lead.end(1)], sig):
        # "Another engineer wrote that his team had been cut: "Entire team: gone."" above
        # the signature: the article's lead-in, then the post in its quotation marks (a
        # lead-in says someone wrote it: "Statement from CNN on today's ruling: "…"" is
        # the post's own opening).
        start += lead.end(1)
        body = body[lead.end(1):]
    if _enclosed(body):
        # The article's quotation marks around the post are not its text; the post's span
        # keeps them (a report shows no stray mark before the card).
        body = body[1:-1].strip()
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
        mentions=find_mentions(body, links),
    )



class PostExtractor(Analyzer):
    """Analyzer: adds posts found by their plain-text signature to ``doc.posts``."""

    name = "posts"
    requires = ("text",)
    assigns = ("posts",)
    any_language = True

    def __call__(self, doc: Doc) -> Doc:
        new = extract_posts(doc.text, doc.posts)
        if new:
            doc.posts = sorted([*doc.posts, *new], key=lambda p: p.start)
        return doc
