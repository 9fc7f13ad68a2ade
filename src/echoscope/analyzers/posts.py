"""Embedded posts in plain text, found by their signature line.

An embed that lost its markup leaves text like::

    Tweet text pic.twitter.com/AbCdEf1234 — Display Name (@handle) April 2, 2020

We find the ``(@handle) DATE`` core first (it is unambiguous), then walk back to the dash
that opens the display name, then back to where the post's text starts. Real-world
variants handled: the dash on its own line or replaced by ``-``, ``--`` or nothing; the
display name broken across lines or holding emoji, quotes, dashes, ``*`` and ``|``; the
next sentence glued to the year; Instagram's ``A post shared by Name (@handle) on DATE``;
dates in several languages; one-sentence-per-line text (as in the PTC corpus).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .._social import DATE_PATTERN, date_from_match, find_hashtags, find_links, find_mentions
from ..doc import Doc, Post

# "(@handle)" then the date. Handles: Twitter \w{1,15}; Instagram/Threads add dots;
# Bluesky is a domain; Mastodon is user@server.
_SIGNATURE_CORE = re.compile(
    r"\(\s*@(?P<handle>[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,62}[A-Za-z0-9_])?"
    r"(?:@[A-Za-z0-9.-]+\.[A-Za-z]{2,})?)\s*\)"
    r"[ \t]*\n?[ \t]*(?:on\s+)?"
    rf"(?P<date>{DATE_PATTERN})",
    re.IGNORECASE,
)
# Facebook's embed leaves "Posted by Name on Thursday, August 30, 2018".
_FACEBOOK_SIGNATURE = re.compile(
    r"Posted by (?P<name>[^\n]{1,80}?) on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    rf"Sunday),?\s+(?P<date>{DATE_PATTERN})",
    re.IGNORECASE,
)
_INSTAGRAM_LEAD = re.compile(r"A\s+post\s+shared\s+by\s+", re.IGNORECASE)
_INSTAGRAM_NOISE = re.compile(r"^\s*View this post on Instagram\s*", re.IGNORECASE)
# Dashes that open a signature's display name, strongest first.
_DASHES = (
    re.compile(r"[—―]"),
    re.compile(r"(?<!-)--(?!-)"),
    re.compile(r"(?:(?<=\s)|^)–(?=\s|\w)|–(?=\s)", re.MULTILINE),
    re.compile(r"(?:(?<=\s)|^)-(?=\s)", re.MULTILINE),
)
# Where a display name starts when no dash is left: after a line break, a run of
# spaces, a sentence end or a link.
_NAME_BOUNDARY = re.compile(
    r"\n|\s{2,}|(?<=[.!?…\"”])\s+|https?://t\.co/[A-Za-z0-9]{1,10}"
    r"|pic\.(?:twitter|x)\.com/[A-Za-z0-9]{1,10}|https?://\S+"
)
# Prose that introduces a quoted post rather than being part of it.
_INTRO = re.compile(
    r"\b(?:tweet(?:ed|s)?|twitter|posted|wrote|writes|responded|replied|reacted|"
    r"according to|instagram|in a post|had to say|here[’']?s what)\b",
    re.IGNORECASE,
)
_NAME_WINDOW = 100  # display names are at most 50 characters; leave room for line breaks
_MAX_DISPLAY_NAME = 50
_MAX_PARAGRAPH = 1200  # a blank-line paragraph longer than this is article prose too
# Facebook text embeds keep one line of caption ("…"), so take no more than that line.
_LINE_BUDGET = {"bluesky": 300, "mastodon": 500, "threads": 500, "facebook": 0}
_MEDIA = re.compile(r"(?:https?://)?pic\.(?:twitter|x)\.com/[A-Za-z0-9]{1,10}")
_URL = re.compile(r"https?://\S+")


@dataclass(slots=True)
class _Signature:
    handle: str | None
    display_name: str | None
    posted: str | None
    name_start: int  # where the dash (or the display name) starts
    end: int  # end of the date
    platform: str


def _platform_for(handle: str, instagram: bool) -> str:
    if instagram:
        return "instagram"
    if "@" in handle:
        return "mastodon"
    if "." in handle and re.search(r"\.[A-Za-z]{2,}$", handle):
        return "bluesky"
    return "twitter"


def _find_name(text: str, lo: int, handle_pos: int) -> tuple[int, str | None, bool]:
    """Return ``(name_start, display_name, instagram)`` for a handle at ``handle_pos``."""
    window_start = max(lo, handle_pos - _NAME_WINDOW)
    window = text[window_start:handle_pos]
    m_ig = _INSTAGRAM_LEAD.search(window)
    if m_ig:
        name = " ".join(window[m_ig.end():].split())
        return window_start + m_ig.start(), name or None, True
    for dash in _DASHES:
        hits = list(dash.finditer(window))
        if hits:
            m = hits[-1]
            name = " ".join(window[m.end():].split())
            if name or dash is _DASHES[0]:
                return window_start + m.start(), name or None, False
    # No dash: the name runs from the last boundary (line break, sentence end, link),
    # and is at most as long as a display name can be.
    trimmed = window.rstrip()
    cut = 0
    for m in _NAME_BOUNDARY.finditer(trimmed):
        cut = m.end()
    while len(" ".join(trimmed[cut:].split())) > _MAX_DISPLAY_NAME:
        rest = trimmed[cut:]
        nxt = re.search(r"\s+", rest.lstrip())
        if not nxt:
            break
        cut += len(rest) - len(rest.lstrip()) + nxt.end()
    while cut < len(trimmed) and trimmed[cut].isspace():
        cut += 1
    name = " ".join(trimmed[cut:].split())
    return window_start + cut, name or None, False


def find_signatures(text: str, lo: int = 0, hi: int | None = None) -> list[_Signature]:
    """Every post signature in ``text[lo:hi]``, in order."""
    hi = len(text) if hi is None else hi
    found: list[tuple[int, re.Match[str], str]] = [
        (m.start(), m, "handle") for m in _SIGNATURE_CORE.finditer(text, lo, hi)
    ]
    if "Posted by" in text:
        found += [(m.start(), m, "facebook") for m in _FACEBOOK_SIGNATURE.finditer(text, lo, hi)]
        found.sort(key=lambda item: item[0])
    out: list[_Signature] = []
    prev_end = lo
    for start, m, kind in found:
        if start < prev_end:
            continue
        if kind == "facebook":
            name = " ".join(m.group("name").split())
            out.append(_Signature(handle=None, display_name=name, posted=date_from_match(m),
                                  name_start=start, end=m.end(), platform="facebook"))
        else:
            name_start, name, instagram = _find_name(text, prev_end, start)
            handle = m.group("handle")
            out.append(_Signature(handle=handle, display_name=name, posted=date_from_match(m),
                                  name_start=name_start, end=m.end(),
                                  platform=_platform_for(handle, instagram)))
        prev_end = m.end()
    return out


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
            start = _text_start(text, prev_end, sig.name_start, budget, paragraphs)
            found.append(_make_post(text, start, sig))
            prev_end = sig.end
    return found


def _make_post(text: str, start: int, sig: _Signature) -> Post:
    body = text[start:sig.name_start].strip()
    if sig.platform == "instagram":
        body = _INSTAGRAM_NOISE.sub("", body).strip()
    links = find_links(body)
    # Post span: from the first character of its text to the end of its date.
    while start < sig.name_start and text[start].isspace():
        start += 1
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


def post_body_end(text: str, post: Post) -> int:
    """Where the post's own text ends and its signature begins (its start if it has none)."""
    if post.text:
        i = text.find(post.text, post.start, post.end)
        if i >= 0:
            return i + len(post.text)
    return post.start


class PostExtractor:
    """Analyzer: adds posts found by their plain-text signature to ``doc.posts``."""

    name = "posts"
    requires = ("text",)
    assigns = ("posts",)

    def __init__(self, config: dict | None = None) -> None:
        self.config = config or {}

    def __call__(self, doc: Doc) -> Doc:
        new = extract_posts(doc.text, doc.posts)
        if new:
            doc.posts = sorted([*doc.posts, *new], key=lambda p: p.start)
        return doc
