"""Small, pure helpers for social-media text: dates, links, hashtags, mentions, post URLs.

Shared by the HTML reader (embeds) and the plain-text post extractor, so both read a
post the same way.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

# Month names (and common abbreviations) in the languages news embeds are rendered in.
_MONTH_NAMES: dict[int, tuple[str, ...]] = {
    1: ("january", "jan", "januar", "jänner", "janvier", "janv", "enero", "ene", "gennaio",
        "gen", "janeiro", "januari", "января", "январь"),
    2: ("february", "feb", "februar", "février", "fevrier", "févr", "fevr", "febrero",
        "febbraio", "fevereiro", "fev", "februari", "февраля", "февраль"),
    3: ("march", "mar", "märz", "maerz", "mars", "marzo", "março", "marco", "maart",
        "марта", "март"),
    4: ("april", "apr", "avril", "avr", "abril", "abr", "aprile", "апреля", "апрель"),
    5: ("may", "mai", "mayo", "maggio", "mag", "maio", "mei", "мая", "май"),
    6: ("june", "jun", "juni", "juin", "junio", "giugno", "giu", "junho", "июня", "июнь"),
    7: ("july", "jul", "juli", "juillet", "juil", "julio", "luglio", "lug", "julho",
        "июля", "июль"),
    8: ("august", "aug", "août", "aout", "agosto", "ago", "augustus", "августа", "август"),
    9: ("september", "sep", "sept", "septembre", "septiembre", "settembre", "set",
        "setembro", "сентября", "сентябрь"),
    10: ("october", "oct", "oktober", "okt", "octobre", "octubre", "ottobre", "ott",
         "outubro", "out", "октября", "октябрь"),
    11: ("november", "nov", "novembre", "noviembre", "novembro", "ноября", "ноябрь"),
    12: ("december", "dec", "dezember", "dez", "décembre", "decembre", "déc", "diciembre",
         "dic", "dicembre", "dezembro", "декабря", "декабрь"),
}
MONTHS: dict[str, int] = {name: num for num, names in _MONTH_NAMES.items() for name in names}
#: English month names by number (1-12), capitalised, as prose writes them.
MONTH_NAMES: dict[int, str] = {num: names[0].capitalize() for num, names in _MONTH_NAMES.items()}
#: English month and weekday names, capitalised ("March", "Tuesday").
CALENDAR_NAMES: frozenset[str] = frozenset(
    [*MONTH_NAMES.values(), *"Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()])
#: Holidays, which may end a capitalised run that is no name ("the Pellmarsh Christmas
#: market") but are surnames too ("Tom Easter", "Ana Christmas").
HOLIDAYS: frozenset[str] = frozenset(
    "Christmas Easter Halloween Thanksgiving Hanukkah Diwali Ramadan".split())
_MONTH_ALT = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))

#: Space within a line: a space, a tab, a no-break space (also the narrow and thin ones).
_SAME_LINE = "[ \t\u00a0\u202f\u2009]"
# A post date as rendered under an embed, e.g. "April 2, 2020", "2 April 2020",
# "31 декабря 2018 г.", "Nov 25, 2017 at 12:51pm PST", "2020-04-02". The year may be
# glued to the next word ("2020Milano"), never to another digit.
DATE_PATTERN = (
    r"(?:"
    rf"(?<![^\W\d_])(?P<mon_a>{_MONTH_ALT})\.?\s+(?P<day_a>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year_a>(?:19|20)\d\d)"
    r"|"
    rf"(?<!\d)(?P<day_b>\d{{1,2}})\.?\s+(?:de\s+)?(?P<mon_b>{_MONTH_ALT})\.?,?\s+(?:de\s+)?"
    r"(?P<year_b>(?:19|20)\d\d)(?:\s?г\.)?"
    r"|"
    r"(?P<year_c>(?:19|20)\d\d)-(?P<mon_c>[01]\d)-(?P<day_c>[0-3]\d)"
    r")(?!\d)"
    # A time after the date belongs to it only on the same line: in a plain-text live blog
    # the next entry's "09:20 — …" opens the line after a signature and is no part of it.
    # (Spaces, tabs and no-break spaces, which pages put between a date and its time.)
    rf"(?:,?{_SAME_LINE}+(?:(?:at|um|à|a{_SAME_LINE}+las){_SAME_LINE}+)?\d{{1,2}}[:.]\d\d"
    rf"(?:{_SAME_LINE}?[ap]\.?m\.?)?(?:{_SAME_LINE}+[A-Z]{{2,5}}\b)?)?"
)
DATE_RE = re.compile(DATE_PATTERN, re.IGNORECASE)


def date_from_match(m: re.Match[str]) -> str | None:
    """Turn a :data:`DATE_RE` match (or a pattern embedding its groups) into YYYY-MM-DD."""
    try:
        if m.group("year_a"):
            y, mo, d = int(m.group("year_a")), MONTHS[m.group("mon_a").lower()], int(m.group("day_a"))
        elif m.group("year_b"):
            y, mo, d = int(m.group("year_b")), MONTHS[m.group("mon_b").lower()], int(m.group("day_b"))
        else:
            y, mo, d = int(m.group("year_c")), int(m.group("mon_c")), int(m.group("day_c"))
        return date(y, mo, d).isoformat()
    except (KeyError, ValueError, IndexError):
        return None


def parse_date(value: object) -> str | None:
    """Best-effort date of a metadata value: ISO strings, embed dates, epoch seconds."""
    if value is None:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        from datetime import UTC, datetime

        try:
            seconds = value / 1000 if value > 1e11 else value
            return datetime.fromtimestamp(seconds, UTC).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    s = str(value).strip()
    if not s:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", s)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
        except ValueError:
            return None
    if s.isdigit():
        return parse_date(int(s))
    m = DATE_RE.search(s)
    if m:
        return date_from_match(m)
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(s).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


# Links. t.co and pic.twitter.com ids have at most 10 characters, which is what lets us
# split links glued to each other or to the next word ("…9Tpic.twitter.com/…").
_LINK_RE = re.compile(
    r"https?://t\.co/[A-Za-z0-9]{1,10}"
    r"|(?:https?://)?pic\.(?:twitter|x)\.com/[A-Za-z0-9]{1,10}"
    r"|https?://[^\s<>\"'“”‘’()\[\]{}]+"
    r"|(?<![\w@/.])(?:www\.)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?:/[^\s<>\"'“”‘’()\[\]{}]*)?",
)
_TRAILING = ".,;:!?…'\"”’)»"
_HASHTAG_RE = re.compile(r"#(\w+)")
#: A handle keeps its inner dots (Instagram's "@ana.ruiz"): a dot followed by a lower-case
#: letter, a digit or "_", and not a web address's ending. A full stop after it, or a
#: sentence glued on ("@CityHall.Great"), is not part of it.
HANDLE_DOTS = r"(?:\.(?!(?:com|org|net|gov|edu|io|co|uk)\b)[a-z0-9_]\w*)*"
_MENTION_RE = re.compile(rf"(?<![\w@.])@(\w{{1,30}}{HANDLE_DOTS})")


def find_links(text: str) -> list[tuple[int, int, str]]:
    """Links in ``text`` as ``(start, end, url)``; ``url`` always has a scheme."""
    out = []
    for m in _LINK_RE.finditer(text):
        s, e = m.span()
        raw = m.group()
        if not raw.startswith(("https://t.co/", "http://t.co/")) and "pic." not in raw[:12]:
            while e > s and text[e - 1] in _TRAILING:
                e -= 1
            raw = text[s:e]
            # A URL glued to a following t.co/pic link: cut it there.
            for glue in ("https://t.co/", "http://t.co/", "pic.twitter.com/", "pic.x.com/"):
                cut = raw.find(glue, 8)
                if cut > 0:
                    e = s + cut
                    raw = text[s:e]
        if e <= s:
            continue
        url = raw if raw.startswith(("http://", "https://")) else "https://" + raw
        out.append((s, e, url))
    return out


def _mask(text: str, spans: list[tuple[int, int, str]]) -> str:
    if not spans:
        return text
    chars = list(text)
    for s, e, _ in spans:
        chars[s:e] = " " * (e - s)
    return "".join(chars)


def find_hashtags(text: str, links: list[tuple[int, int, str]] | None = None) -> list[str]:
    """Hashtags without ``#``, original case, in order, de-duplicated, links ignored.

    Hashtags glued to each other (``#A#B``) or to a link (``#Ahttps://t.co/x``) split.
    """
    masked = _mask(text, find_links(text) if links is None else links)
    seen: dict[str, None] = {}
    for m in _HASHTAG_RE.finditer(masked):
        tag = m.group(1)
        if tag.isdigit() or tag.startswith("_") and tag.strip("_") == "":
            continue
        seen.setdefault(tag, None)
    return list(seen)


def find_mentions(text: str, links: list[tuple[int, int, str]] | None = None) -> list[str]:
    """@-mentions without ``@``, in order, de-duplicated; e-mail addresses and links ignored."""
    masked = _mask(text, find_links(text) if links is None else links)
    seen: dict[str, None] = {}
    for m in _MENTION_RE.finditer(masked):
        seen.setdefault(m.group(1), None)
    return list(seen)


# Post URLs of each platform: (platform, pattern with optional groups handle and id).
_POST_URLS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("twitter", re.compile(
        r"(?<![\w.-])(?:(?:www|mobile)\.)?(?:twitter|x)\.com/(?:#!/)?(?P<handle>\w{1,50})"
        r"/status(?:es)?/(?P<id>\d+)", re.I)),
    ("twitter", re.compile(r"(?<![\w.-])(?:(?:www|mobile)\.)?(?:twitter|x)\.com/i/"
                           r"(?:web/)?status/(?P<id>\d+)", re.I)),
    ("twitter", re.compile(r"platform\.twitter\.com/embed/[^\s\"']*?[?&]id=(?P<id>\d+)", re.I)),
    ("instagram", re.compile(
        r"instagram\.com/(?:(?P<handle>[\w.]{1,30})/)?(?:p|reel|reels|tv)/(?P<id>[\w-]+)", re.I)),
    ("bluesky", re.compile(r"bsky\.app/profile/(?P<handle>[^/\s\"']+)/post/(?P<id>\w+)", re.I)),
    ("bluesky", re.compile(r"at://(?P<handle>did:[^/\s\"']+)/app\.bsky\.feed\.post/(?P<id>\w+)")),
    # Bluesky's embed iframe: embed.bsky.app/embed/<did>/app.bsky.feed.post/<id>.
    ("bluesky", re.compile(r"embed\.bsky\.app/embed/(?P<handle>did:[^/\s\"'?#]+)"
                           r"/app\.bsky\.feed\.post/(?P<id>\w+)", re.I)),
    ("threads", re.compile(
        r"threads\.(?:net|com)/@(?P<handle>[\w.]{1,30})/post/(?P<id>[\w-]+)", re.I)),
    ("tiktok", re.compile(r"tiktok\.com/@(?P<handle>[\w.]{1,30})/video/(?P<id>\d+)", re.I)),
    ("youtube", re.compile(
        r"(?:youtube(?:-nocookie)?\.com/(?:embed/|watch\?(?:[^\s\"']*&)?v=|shorts/|v/)"
        r"|youtu\.be/)(?P<id>(?!videoseries|live_stream)[\w-]{11})(?![\w-])", re.I)),
    # A Facebook post: a page's or person's (its id a number, or since 2022 a "pfbid0…"
    # token), a group's (the group is no author), a video or reel, or the embed plugin.
    ("facebook", re.compile(
        r"facebook\.com/(?:(?P<handle>(?!groups/)[\w.]+)/(?:posts|videos|photos)/(?:[\w.]+/)?"
        r"(?P<id>\d+|pfbid0\w+)|(?:permalink|story)\.php\?story_fbid=(?P<id2>\d+|pfbid0\w+)"
        r"|groups/[\w.]+/(?:posts|permalink)/(?P<id3>\d+|pfbid0\w+)"
        r"|(?:watch/?\?v=|reel/)(?P<id4>\d+)|plugins/(?:post|video)\.php)", re.I)),
    # A Reddit post (its id, base 36), or a comment under it (``post/comment``).
    ("reddit", re.compile(r"(?:(?<![\w-])|\.)reddit\.com/r/\w+/comments/(?P<id>[a-z0-9]{3,12})"
                          r"(?:/[^/\s\"'?#]*/(?P<comment>[a-z0-9]{3,12})(?=[/?#\s\"']|$))?"
                          r"|(?<![\w.-])redd\.it/(?P<id2>[a-z0-9]{3,12})\b", re.I)),
    # A LinkedIn post: its update's URN (share, activity, ugcPost), in a feed or embed URL.
    ("linkedin", re.compile(r"linkedin\.com/(?:embed/)?feed/update/"
                            r"(?P<id>urn:li:(?:share|activity|ugcPost):\d{6,})", re.I)),
    # A Telegram channel's message: t.me/CHANNEL/ID (t.me/s/… is the channel's web view).
    ("telegram", re.compile(r"(?<![\w.-])(?:t|telegram)\.me/(?:s/)?(?P<handle>[A-Za-z]\w{3,31})"
                            r"/(?P<id>\d+)\b(?!/\d)", re.I)),
    ("mastodon", re.compile(
        r"https?://(?P<server>[\w.-]+\.[a-z]{2,})/@(?P<handle>\w+)/(?P<id>\d{6,})", re.I)),
)


def match_post_url(url: str) -> tuple[str, str | None, str | None] | None:
    """``(platform, handle, post_id)`` for a post URL of a known platform, else None."""
    from urllib.parse import parse_qs, unquote, urlsplit

    for platform, pattern in _POST_URLS:
        m = pattern.search(url)
        if not m:
            continue
        groups = m.groupdict()
        if platform == "facebook" and "plugins/" in m.group(0):
            href = parse_qs(urlsplit(url).query).get("href")
            # The plugin names the post it shows; one of a shape not known here is still
            # a Facebook post.
            inner = match_post_url(unquote(href[0])) if href else None
            return inner if inner and inner[0] == "facebook" else ("facebook", None, None)
        handle = groups.get("handle")
        post_id = groups.get("id") or groups.get("id2") or groups.get("id3") or groups.get("id4")
        if platform == "mastodon" and handle:
            handle = f"{handle}@{groups['server']}"
        if platform == "reddit" and groups.get("comment"):
            post_id = f"{post_id}/{groups['comment']}"
        return platform, handle, post_id
    return None


#: Query parameters in which an embed proxy's iframe (Embedly's ``media.html?url=…``,
#: ``…?src=…``) names the post it shows, percent-encoded.
_PROXY_PARAMS = ("url", "src")


def proxied_post_url(url: str) -> tuple[tuple[str, str | None, str | None], str] | None:
    """The post an embed proxy's URL shows: ``((platform, handle, post_id), post_url)``
    from its ``url``/``src`` query value (percent-encoded, as proxies carry it), else None.
    Only a value that is itself a post URL counts; the proxy's own address names none."""
    from urllib.parse import parse_qs, urlsplit

    if "?" not in url or "%2F" not in url.upper():
        return None
    try:
        query = parse_qs(urlsplit(url.strip()).query)
    except ValueError:
        return None
    for name in _PROXY_PARAMS:
        for value in query.get(name, ()):
            if value.startswith(("http://", "https://", "//")):
                hit = match_post_url(value)
                if hit:
                    return hit, value
    return None


def canonical_post_url(platform: str, handle: str | None, post_id: str | None) -> str | None:
    """A stable public URL for a post, where the platform has one."""
    if not post_id:
        return None
    if platform == "twitter":
        return f"https://twitter.com/{handle or 'i/web'}/status/{post_id}"
    if platform == "instagram":
        return f"https://www.instagram.com/p/{post_id}/"
    if platform == "youtube":
        return f"https://www.youtube.com/watch?v={post_id}"
    if platform == "tiktok" and handle:
        return f"https://www.tiktok.com/@{handle}/video/{post_id}"
    if platform == "threads" and handle:
        return f"https://www.threads.net/@{handle}/post/{post_id}"
    if platform == "bluesky" and handle:
        return f"https://bsky.app/profile/{handle}/post/{post_id}"
    if platform == "reddit":  # a comment: /comments/POST/_/COMMENT/
        return f"https://www.reddit.com/comments/{post_id.replace('/', '/_/')}/"
    if platform == "linkedin":
        return f"https://www.linkedin.com/feed/update/{post_id}/"
    if platform == "telegram" and handle:
        return f"https://t.me/{handle}/{post_id}"
    if platform == "mastodon" and handle and "@" in handle:
        user, server = handle.split("@", 1)
        return f"https://{server}/@{user}/{post_id}"
    return None


def format_post_date(iso: str | None) -> str:
    """``2020-04-02`` -> ``April 2, 2020`` (the way embeds render dates)."""
    if not iso:
        return ""
    d = date.fromisoformat(iso)
    return f"{d:%B} {d.day}, {d.year}"


#: Quotation marks an article may put around a whole post it quotes.
ENCLOSING = {'"': '"', "\u201c": "\u201d", "\u00ab": "\u00bb", "\u201e": "\u201c",
              "'": "'", "\u2018": "\u2019"}


def enclosed(body: str) -> bool:
    """Is ``body`` wholly inside one pair of the article's quotation marks ("…" around the
    post, or British '…'), with no other such mark inside (not '"a" and "b"')? A single
    mark is also an apostrophe: it encloses only where no space follows the opening one,
    no mark stands inside but between letters ("won't"), and the closing one follows no
    "s" ("the players'")."""
    close = ENCLOSING.get(body[:1])
    inner = body[1:-1]
    if close is None or len(body) <= 2 or not body.endswith(close):
        return False
    if close in ("'", "\u2019"):
        # Inside, only apostrophes (between letters) may use the mark.
        stray = re.sub(r"(?<=\w)['\u2019](?=\w)", "", inner)
        return not (body[1].isspace() or "'" in stray or "\u2018" in stray
                    or "\u2019" in stray or re.search(r"s['\u2019]$", body))
    return body[0] not in inner and close not in inner


def id_date(platform: str, post_id: str | None) -> date | None:
    """The day a post's id says it was made, where the platform's ids carry their time: an
    X/Twitter status id (a "snowflake": milliseconds since 2010-11-04 in its top bits, ids
    since late 2010), a Mastodon status id (milliseconds since 1970 in its top bits) and a
    TikTok video id (seconds since 1970 in its top 32 bits). None for any other platform
    or id (older tweets' ids are sequential)."""
    if not post_id or not post_id.isdigit() or len(post_id) > 20:
        return None
    number = int(post_id)
    if platform == "twitter" and number >= 1 << 42:  # (snowflakes began near 3e16)
        ms = (number >> 22) + 1_288_834_974_657
    elif platform == "mastodon" and number >= 1 << 50:
        ms = number >> 16
    elif platform == "tiktok" and number >= 1 << 61:
        ms = (number >> 32) * 1000
    else:
        return None
    try:
        return datetime.fromtimestamp(ms / 1000, tz=UTC).date()
    except (OverflowError, OSError, ValueError):
        return None


#: In a sentence about a post, words that make it someone else's ("replied to the council's
#: post", "shared a screenshot of …").
ANOTHERS_POST = re.compile(r"(?i)\b(?:repl\w*|respond\w*|response|quot\w*|repost\w*|"
                           r"retweet\w*|re-?shar\w*|shar\w*|screen\w*|receiv\w*|sent|from|"
                           r"letters?|e-?mails?|notes?|texts?|DMs?|voicemails?|banners?|signs?|"
                           r"placards?|photo\w*|pictures?|images?|video|draft\w*|memes?|"
                           r"season|episodes?|book|novel|series|soap|film|character|"
                           r"[\w’']+['’]s?\s+(?:\w+\s+)?(?:post|tweet|message|statement))\b")
