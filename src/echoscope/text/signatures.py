"""The one grammar of a post signature, shared by the plain-text and the HTML paths.

An embed leaves a signature under the post's text::

    Tweet text pic.twitter.com/AbCdEf1234 — Display Name (@handle) April 2, 2020

We find the ``(@handle) DATE`` core first (it is unambiguous), then walk back to the dash
that opens the display name. Real-world variants: the dash on its own line or replaced by
``-``, ``--`` or nothing; the display name broken across lines or holding emoji, quotes,
dashes, ``*`` and ``|``; the next sentence glued to the year; Instagram's ``A post shared
by Name (@handle) on DATE``; Facebook's ``Posted by Name on Weekday, DATE``; the platform
named after the handle (``(@handle) on Instagram, DATE``) or a comma before the date
(``(@user@server), DATE``); a handle without a name
(``— @handle, DATE`` ending its line); dates in several languages.

Plain text needs the date (a bare ``(@handle)`` in prose is a mention, not a signature);
inside a known embed the date may be missing, but then a dash must open the name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .social_text import DATE_PATTERN, date_from_match

#: A handle: Twitter ``\\w{1,15}``; Instagram/Threads add dots; Bluesky is a domain;
#: Mastodon is ``user@server``.
HANDLE = (r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,62}[A-Za-z0-9_])?"
          r"(?:@[A-Za-z0-9.-]+\.[A-Za-z]{2,})?")
#: A platform a signature may name after the handle: "(@handle) on Instagram, March 4", or
#: alone between commas: "(@handle), Instagram, November 3, 2022" (a fresh audit's).
_SITE_NAMES = {"instagram": "instagram", "threads": "threads", "tiktok": "tiktok",
               "bluesky": "bluesky", "mastodon": "mastodon", "facebook": "facebook",
               "twitter": "twitter", "x": "twitter", "telegram": "telegram",
               "youtube": "youtube", "linkedin": "linkedin"}
_SITE = (rf"(?:(?:on|via)\s+|(?=(?:{'|'.join(_SITE_NAMES)}),))"
         rf"(?P<site>{'|'.join(_SITE_NAMES)})\b,?")
#: The platform names a signature may give, as a pattern (``site`` group: :func:`site_of`).
SITE_NAMES = "|".join(_SITE_NAMES)
_CORE = re.compile(
    rf"\(\s*@(?P<handle>{HANDLE})\s*\)"
    rf"(?:[ \t]*(?P<comma>,)?[ \t]*\n?[ \t]*(?:{_SITE}[ \t]*)?(?:on\s+)?"
    rf"(?P<date>{DATE_PATTERN}))?",
    re.IGNORECASE,
)
#: A signature with a handle and no display name: "— @handle, February 2, 2026" (a dash
#: must open it, the date is needed, and it ends its line: "a user — @bob, March 3,
#: 2024 — who noticed" is prose).
_BARE = re.compile(
    rf"(?P<dash>[—―]|(?<!-)--(?!-))[ \t]*@(?P<handle>{HANDLE}),?[ \t]+"
    rf"(?:{_SITE}[ \t]*)?(?:on\s+)?(?P<date>{DATE_PATTERN})(?=[ \t]*(?:\n|$))",
    re.IGNORECASE,
)
_LINE_END = re.compile(r"[ \t]*(?:\n|$)")
_FACEBOOK = re.compile(
    r"Posted by (?P<name>[^\n]{1,80}?) on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    rf"Sunday),?\s+(?P<date>{DATE_PATTERN})",
    re.IGNORECASE,
)
_INSTAGRAM_LEAD = re.compile(r"A\s+post\s+shared\s+by\s+", re.IGNORECASE)
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
_NAME_WINDOW = 100  # display names are at most 50 characters; leave room for line breaks
_MAX_DISPLAY_NAME = 50


@dataclass(frozen=True, slots=True)
class Signature:
    """One post signature: ``text[start:end]`` runs from the dash (or the display name)
    to the end of the date (or of the handle, when there is no date)."""

    handle: str | None
    display_name: str | None
    posted: str | None
    start: int
    end: int
    platform: str
    dashed: bool  # a dash (or Instagram's lead) opens the display name
    #: The signature itself says the platform (its words, "on Instagram", or the handle's
    #: shape); else ``platform`` is only the default for a handle that could be anyone's.
    said: bool = True


#: Last labels of a domain a Bluesky handle may be ("name.bsky.social", "paper.co.uk");
#: a dotted handle ending otherwise ("saskia.cooks", "chef.marco") is Instagram's, Threads'
#: or TikTok's shape — which, its shape does not say.
_DOMAIN_ENDS = frozenset("social com net org edu gov io co uk dev app xyz me info biz us ca "
                         "au nz ie de fr eu es it nl be ch at se no dk fi pl in jp news blog "
                         "online site tech page art studio media tv fm ai is ly to sh cc "
                         "club world space life live team email website".split())


def platform_for(handle: str, instagram: bool = False) -> str:
    """The platform a handle's shape says: user@server is Mastodon, a domain Bluesky, a
    dotted handle that is no domain ``unknown`` (not Twitter's: its handles have no dot; a
    fresh audit's Instagram reply "@saskia.cooks" came out Bluesky's)."""
    if instagram:
        return "instagram"
    if "@" in handle:
        return "mastodon"
    if "." in handle:
        end = handle.rsplit(".", 1)[1].lower()
        return "bluesky" if end in _DOMAIN_ENDS else "unknown"
    return "twitter"


def _site(m: re.Match[str]) -> str | None:
    """The platform a signature names after its handle ("on Instagram"), if any."""
    return site_of(m.groupdict().get("site"))


def site_of(name: str | None) -> str | None:
    """The platform a name of it says ("X", "Twitter" -> twitter), or None."""
    return _SITE_NAMES.get(name.lower()) if name else None


def find_name(text: str, lo: int, handle_pos: int) -> tuple[int, str | None, bool, bool]:
    """``(name_start, display_name, instagram, dashed)`` for a handle at ``handle_pos``."""
    window_start = max(lo, handle_pos - _NAME_WINDOW)
    window = text[window_start:handle_pos]
    m_ig = _INSTAGRAM_LEAD.search(window)
    if m_ig:
        name = " ".join(window[m_ig.end():].split())
        return window_start + m_ig.start(), name or None, True, True
    for dash in _DASHES:
        hits = list(dash.finditer(window))
        if hits:
            m = hits[-1]
            name = " ".join(window[m.end():].split())
            if name or dash is _DASHES[0]:
                return window_start + m.start(), name or None, False, True
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
    return window_start + cut, name or None, False, False


def find_signatures(text: str, lo: int = 0, hi: int | None = None, *,
                    date_required: bool = True) -> list[Signature]:
    """Every post signature in ``text[lo:hi]``, in order. Without ``date_required`` (inside
    an embed) a signature may lack its date, but then a dash must open the name."""
    hi = len(text) if hi is None else hi
    found: list[tuple[int, re.Match[str], str]] = [
        (m.start(), m, "handle") for m in _CORE.finditer(text, lo, hi)
        if (m.group("date") is not None or not date_required)
        # A comma before the date ("(@user@server), March 10, 2026") signs a post only
        # where the date ends its line: "Ana Ruiz (@anaruiz), on March 3 announced …" is
        # prose.
        and not (m.group("comma") and not _LINE_END.match(text, m.end()))
    ]
    if "@" in text:
        found += [(m.start(), m, "bare") for m in _BARE.finditer(text, lo, hi)]
        found.sort(key=lambda item: item[0])
    if "Posted by" in text:
        found += [(m.start(), m, "facebook") for m in _FACEBOOK.finditer(text, lo, hi)]
        found.sort(key=lambda item: item[0])
    out: list[Signature] = []
    prev_end = lo
    for start, m, kind in found:
        if start < prev_end:
            continue
        if kind == "facebook":
            fb_name = " ".join(m.group("name").split())
            out.append(Signature(None, fb_name, date_from_match(m), start, m.end(), "facebook",
                                 True))
        elif kind == "bare":
            handle = m.group("handle")
            platform = _site(m) or platform_for(handle)
            out.append(Signature(handle, None, date_from_match(m), start, m.end(), platform,
                                 True, _site(m) is not None or platform not in ("twitter",
                                                                                 "unknown")))
        else:
            name_start, name, instagram, dashed = find_name(text, prev_end, start)
            if m.group("date") is None and not dashed:
                continue  # a dateless "(@handle)" is a signature only after a dash
            handle = m.group("handle")
            posted = date_from_match(m) if m.group("date") is not None else None
            platform = _site(m) or platform_for(handle, instagram)
            out.append(Signature(handle, name, posted, name_start, m.end(), platform, dashed,
                                 _site(m) is not None or platform not in ("twitter",
                                                                          "unknown")))
        prev_end = m.end()
    return out
