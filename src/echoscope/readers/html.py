"""HTML pages: embedded posts from the raw HTML, main text from trafilatura, one text.

Order matters. Main-text extractors drop embeds (trafilatura removes containers whose
class mentions embed/social), so we first take every embed out of the raw HTML, put a
placeholder paragraph where its outermost wrapper stood, let trafilatura extract the main
text, then put each post's text back at its placeholder. All offsets refer to that text.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date
from html import escape
from itertools import accumulate
from typing import Any

import trafilatura
from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..doc import Doc, Post
from ..errors import BAD_HTML, InputError
from ..text.language import guess_language
from ..text.signatures import HANDLE, Signature, find_signatures
from ..text.social_text import (
    ANOTHERS_POST,
    DATE_PATTERN,
    DATE_RE,
    canonical_post_url,
    date_from_match,
    enclosed,
    find_hashtags,
    find_links,
    find_mentions,
    format_post_date,
    id_date,
    match_post_url,
    parse_date,
    proxied_post_url,
)
from .text import satire_label

# Elements that can be (or stand for) an embedded post.
_CANDIDATES = ", ".join(
    [
        "blockquote",
        "iframe",
        "amp-iframe",
        "twitter-widget",
        "amp-twitter",
        "amp-instagram",
        "amp-youtube",
        "amp-facebook",
        "amp-tiktok",
        "lite-youtube",
        "lite-tweet",
        "[data-tweet-id]",
        "[data-tweetid]",
        "[data-embed-url]",
        "[data-oembed-url]",
        "[data-src]",
        "[data-href]",
        "[data-url]",
        "[data-bluesky-uri]",
        "[data-instgrm-permalink]",
        "[data-telegram-post]",
        "[data-text-post-permalink]",
        "div.fb-post",
        "div.fb-video",
    ]
)
_URL_ATTRS = (
    "data-instgrm-permalink",
    "data-text-post-permalink",
    "data-bluesky-uri",
    "cite",
    "data-embed-url",
    "data-oembed-url",
    "data-href",
    "data-url",
    "data-src",
    "data-lazy-src",
    "src",
    "href",
)
_EMBED_CLASS = {
    "twitter-tweet": "twitter",
    "twitter-video": "twitter",
    "instagram-media": "instagram",
    "bluesky-embed": "bluesky",
    "mastodon-embed": "mastodon",
    "text-post-media": "threads",
    "threads-embed": "threads",
    "tiktok-embed": "tiktok",
    "fb-post": "facebook",
    "fb-video": "facebook",
    "reddit-embed-bq": "reddit",
    "reddit-card": "reddit",
}
_TAG_PLATFORM = {
    "twitter-widget": "twitter",
    "amp-twitter": "twitter",
    "lite-tweet": "twitter",
    "amp-instagram": "instagram",
    "amp-youtube": "youtube",
    "lite-youtube": "youtube",
    "amp-facebook": "facebook",
    "amp-tiktok": "tiktok",
}
_WRAPPER_HINT = re.compile(
    r"embed|social|tweet|twitter|instagram|bluesky|mastodon|threads|tiktok|youtube|video|"
    r"consent|placeholder|oembed|iframe|media",
    re.I,
)
_STOP_TAGS = {"body", "html", "article", "main", "section", "head"}
_MAX_CLIMB = 5
_MAX_CAPTION = 200
_NOISE_LINES = re.compile(
    r"^(view this post on instagram|view on threads|view on mastodon|post by @\S+|"
    r"a post shared by .*|watch on youtube|♬ .*|see more on .*|"
    # The platform's notice in place of a post that is gone: not its author's words.
    r"this (?:post|tweet) (?:was deleted by the (?:post|tweet) author|is unavailable[^.]*|"
    r"is no longer available|is from (?:a suspended account|an account that no longer "
    r"exists)|has been withheld[^.]*)\.?(?:\s*learn more\.?)?|"
    r"this account (?:doesn['’]t|does not) exist\.?(?:\s*learn more\.?)?)$",
    re.I,
)
_NOISE_HINT = re.compile(r"View |Post by @|Watch on", re.I)
_INLINE_NOISE = re.compile(
    r"View this post on Instagram|View on Threads|View on Mastodon|Post by @[\w.@-]+|"
    r"Watch on YouTube", re.I)
#: A line that only says whose the post is and when — "Posted by @handle · Oct 9, 2024",
#: "Post by @h on February 14, 2025" (a fresh audit's Threads post was that line), "@h · Sep
#: 14, 2025" (another's, glued to the words) — or only when: "Posted May 18, 2025" (a third
#: one's Instagram embed ended with it, undated).
_ACCOUNT_DATE_LINE = re.compile(rf"(?i)(?:post(?:ed)?\s+by\s+@(?P<handle>{HANDLE})\s*(?:[·•]|on)|"
                                rf"@(?P<bare>{HANDLE})\s*[·•]|posted(?:\s+on)?)\s*"
                                rf"(?P<date>{DATE_PATTERN})")
#: Words of a sentence, not of a display name ("Follow us for updates (@harbourfest)").
_NOT_A_NAME_LINE = re.compile(r"(?i)\b(?:us|we|our|you|your|for|to|is|are|was|follow|me|my|"
                              r"i|this|that|here|more|see)\b")
#: A line that is only an account: "Name (@handle)" or "@handle".
_ACCOUNT_LINE = re.compile(rf"(?:(?P<name>[^()@\n]{{1,50}}?)[ \t]*\([ \t]*@(?P<handle>{HANDLE})"
                           rf"[ \t]*\)|@(?P<bare>{HANDLE}))")
_URL_LABEL = re.compile(r"^(?:https?://|pic\.|www\.)\S+$|^[\w-]+(?:\.[\w-]+)+/\S*$")
_GENERIC_TITLES = re.compile(r"^(youtube video player|embedded content|twitter|x post|)$", re.I)
# Each embed's place is held by a marker paragraph while trafilatura extracts the text.
# Its stem is derived from the page (a hash of it, so a page cannot contain its own
# marker): text that imitates a marker stays text and cannot move a post.
_MARKER = "ECHOSCOPE{}E{}X"


@dataclass(slots=True)
class _Embed:
    platform: str
    handle: str | None = None
    display_name: str | None = None
    posted: str | None = None
    text: str = ""
    url: str | None = None
    post_id: str | None = None
    links: list[str] = field(default_factory=list)
    #: Further posts of a thread rendered in the same embed (each with its own signature).
    thread: list[_Embed] = field(default_factory=list)

    def render(self) -> str:
        """The text that stands for the post in the article text."""
        sig = []
        if self.display_name:
            sig.append(self.display_name)
        if self.handle:
            at = "u/" if self.platform == "reddit" else "@"
            sig.append(f"({at}{self.handle})" if self.display_name else f"{at}{self.handle}")
        if self.posted:
            sig.append(format_post_date(self.posted))
        lines = [self.text.strip()] if self.text.strip() else []
        if sig:
            lines.append("— " + " ".join(sig))
        if not lines:
            lines.append(self.url or f"[{self.platform} post]")
        return "\n".join(lines)


def _classes(node: LexborNode) -> list[str]:
    return (node.attributes.get("class") or "").split()


def _node_url(node: LexborNode) -> tuple[str, str | None, str | None, str] | None:
    """First post URL in the node's own attributes: (platform, handle, id, url)."""
    attrs = node.attributes
    for key in ("data-tweet-id", "data-tweetid"):
        value = attrs.get(key)
        if value:
            tid = value.strip()
            if tid.isdigit():
                return "twitter", None, tid, canonical_post_url("twitter", None, tid) or ""
    for key in _URL_ATTRS:
        value = attrs.get(key)
        if value:
            hit = match_post_url(value)
            if hit:
                return hit[0], hit[1], hit[2], value
            # An embed proxy's iframe (Embedly's media.html?url=…) names the post it shows
            # in a percent-encoded query value.
            if node.tag in ("iframe", "amp-iframe") and _embed_proxy(value) and (
                    proxied := proxied_post_url(value)):
                (platform, handle, post_id), inner = proxied
                return platform, handle, post_id, inner
    if node.tag in ("amp-youtube", "lite-youtube"):
        vid = attrs.get("data-videoid") or attrs.get("videoid")
        if vid:
            return "youtube", None, vid, canonical_post_url("youtube", None, vid) or ""
    telegram = attrs.get("data-telegram-post")  # Telegram's widget: "CHANNEL/ID"
    if telegram and (hit := match_post_url(f"https://t.me/{telegram.strip()}")):
        return hit[0], hit[1], hit[2], canonical_post_url(*hit) or ""
    if node.tag == "amp-instagram" and attrs.get("data-shortcode"):
        sc = attrs["data-shortcode"]
        return "instagram", None, sc, canonical_post_url("instagram", None, sc) or ""
    return None


#: An embed proxy's address: its host names an embed service (Embedly, Iframely, an
#: "embed" host), or its path an embedding or a consent wrapper ("/widgets/media.html" on
#: an embed host, "/embed?url=…", "/consent?src=…").
_PROXY_HOST = re.compile(r"embed|iframe\.?ly", re.I)
_PROXY_PATH = re.compile(r"embed|consent", re.I)
#: Addresses that only carry a post's URL: share and follow buttons, like boxes, social
#: plugins and ad servers (an ad's iframe names the page or post it sits beside).
_NOT_PROXY = re.compile(
    r"tweet_button|follow_button|like\.php|share|plugins/|(?:^|[/.])(?:ads?|adserver|"
    r"doubleclick|adservice)(?:[/.]|$)|[?&]slot=", re.I)


def _embed_proxy(url: str) -> bool:
    """Is ``url`` an embed proxy's iframe address (see :data:`_PROXY_HOST`), none of the
    buttons, plugins or ads that also carry a post's URL in their query?"""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    where = f"{parts.netloc}{parts.path}"
    if _NOT_PROXY.search(where) or _NOT_PROXY.search(f"?{parts.query}".split("url=")[0]):
        return False
    return bool(_PROXY_HOST.search(parts.netloc) or _PROXY_PATH.search(parts.path))


def _inner_status_url(node: LexborNode, platform: str | None) -> tuple | None:
    """The post's own link inside a blockquote (the date link, usually the last one)."""
    found = None
    for a in node.css("a[href]"):
        hit = match_post_url(a.attributes.get("href") or "")
        if hit and (platform is None or hit[0] == platform):
            found = (*hit, a.attributes["href"])
            if hit[0] == "reddit":
                break  # Reddit's embed opens with its own link; later ones name the thread
    return found


def _text_with_breaks(node: LexborNode) -> str:
    """The node's text with a line break for each ``<br>`` and after each paragraph or
    other block (so a signature right after ``</p>`` does not stick to the post's last
    word, nor "View on Threads" to the "Post by @name" in the ``<div>`` before it)."""
    for br in node.css("br"):
        br.replace_with("\n")
    for p in node.css("p, div, li, h1, h2, h3, h4, h5, h6, figcaption, header, footer"):
        if "inline" in (p.attributes.get("style") or "").replace(" ", ""):
            continue  # ('<div style="display:inline">Saturday</div>' inside a sentence)
        p.insert_before("\n")  # (and before it: "<a>… ONLY.</a><div>@h · Sep 14, 2025</div>",
        # a fresh audit's Threads post had taken its account line)
        p.insert_after("\n")
    return node.text(deep=True, separator="")


def _identify(node: LexborNode) -> tuple[str, str | None, str | None, str | None] | None:
    """Is this node an embedded post? Return (platform, handle, post_id, url)."""
    platform = next((_EMBED_CLASS[c] for c in _classes(node) if c in _EMBED_CLASS), None)
    platform = platform or _TAG_PLATFORM.get(node.tag or "")
    own = _node_url(node)
    if node.tag == "blockquote":
        inner = _inner_status_url(node, platform)
        hit = own or inner
        if platform is None:
            # A plain blockquote counts only if it carries a post signature and link.
            if not inner or _last_signature(" ".join(node.text(deep=True).split())) is None:
                return None
            hit = inner
        if hit:
            return platform or hit[0], hit[1], hit[2], hit[3]
        return (platform, None, None, None) if platform else None
    if own:
        return own[0], own[1], own[2], own[3]
    if platform:
        return platform, None, None, None
    return None


def _outer_wrapper(node: LexborNode, key: tuple[str, str] | None = None) -> LexborNode:
    """Climb to the outermost ancestor that only wraps this embed (figure, div.embed, ...).

    A wrapper whose class says embed/social/... may also hold a short caption; any other
    wrapper must hold nothing but the embed. A ``<noscript>`` copy of the same post
    (``key``: its platform and id) is the embed again, not text of the wrapper's own. At
    most a few levels, so the cost per embed stays small on pages with thousands of them.
    """
    current = node
    for _ in range(_MAX_CLIMB):
        parent = current.parent
        if parent is None or parent.tag in _STOP_TAGS:
            break
        attrs = parent.attributes
        hint = parent.tag == "figure" or _WRAPPER_HINT.search(
            f"{attrs.get('class') or ''} {attrs.get('id') or ''}")
        extra = _extra_text(parent, current, _MAX_CAPTION, key)
        captioned = hint and extra < _MAX_CAPTION
        bare = extra == 0 and parent.tag in ("div", "span", "p", "center", "noscript", "aside")
        if not (captioned or bare):
            break
        current = parent
    return current


def _extra_text(parent: LexborNode, current: LexborNode, limit: int,
                key: tuple[str, str] | None = None) -> int:
    """Characters of text in ``parent`` outside ``current``, counted up to ``limit``; a
    ``<noscript>`` copy of the post ``key`` (its fallback blockquote) counts none."""
    total = 0
    for child in parent.iter(include_text=True):
        if child.mem_id == current.mem_id or child.tag in ("script", "style", "template"):
            continue
        if key and child.tag == "noscript" and _holds_copy(child, key):
            continue
        total += len((child.text(deep=True) or "").strip())
        if total >= limit:
            break
    return total


def _holds_copy(node: LexborNode, key: tuple[str, str]) -> bool:
    """Does ``node`` hold an embed of the post ``key`` (platform, id), and no other?"""
    found = False
    for n in node.css(_CANDIDATES)[:_MAX_NESTED]:
        ident = _identify(n)
        if ident is None:
            continue
        if (ident[0], ident[2]) != key:
            return False
        found = True
    return found


def _last_signature(flat: str) -> Signature | None:
    """The signature under an embed: the last one in its (whitespace-collapsed) text."""
    found = find_signatures(flat, date_required=False)
    return found[-1] if found else None


def _read_embed(node: LexborNode, platform: str, handle, post_id, url) -> _Embed:
    emb = _Embed(platform=platform, handle=handle, post_id=post_id, url=url)
    quote = node if node.tag == "blockquote" else node.css_first("blockquote")
    if quote is not None:
        # Its text and signatures, read once for both readings below.
        full = _text_with_breaks(quote)
        flat = " ".join(full.split())
        found = find_signatures(flat, date_required=False)
        thread = _thread_of(quote, emb, flat, found)
        if thread:
            emb.thread = thread
        else:
            _read_blockquote(quote, emb, (full, found))
    elif node.tag in ("iframe", "amp-iframe", "amp-youtube", "lite-youtube"):
        title = (node.attributes.get("title") or "").strip()
        if platform == "youtube" and not _GENERIC_TITLES.match(title):
            emb.text = title
    else:
        # A widget with the post rendered in its own markup (no blockquote), or a link
        # card titled with it: read only where it says plainly whose the words are.
        _read_card(node, emb)
    if not emb.text.strip():
        _read_alt_text(node, emb)
    _canonical_url(emb)
    return emb


def _canonical_url(emb: _Embed) -> None:
    """Embed URLs (…/embed, widget iframes, tracking queries) become the post's own URL."""
    canonical = canonical_post_url(emb.platform, emb.handle, emb.post_id)
    if canonical and not (emb.platform == "bluesky" and "did:" in canonical):
        emb.url = canonical
    elif emb.url and not emb.url.startswith("http"):
        emb.url = None


#: Most characters of text, and most elements, in a widget's rendered card (a bigger box
#: is a page's section, not a card; the bound keeps reading each one cheap).
_MAX_CARD_CHARS = 1_500
_MAX_CARD_ELEMENTS = 300
#: A class token marking a card's text: "tweet-text", "tw-card__text", "card-body", "text".
_TEXT_PART = re.compile(r"(?:^|[-_])(?:text|body|content)$", re.I)
#: The whole text of a card's author part: "@handle".
_HANDLE_PART = re.compile(rf"@({HANDLE})")
#: The whole text of a card's date part: "Oct 6, 2022", "3:41 PM · Feb 27, 2026".
_DATE_PART = re.compile(
    rf"(?:\d{{1,2}}[:.]\d\d\s*(?:[ap]\.?m\.?)?\s*[·∙•|,-]?\s*)?(?:{DATE_PATTERN})", re.I)
#: A link preview's title of a post, as the platform gives it: 'Name on X: "words"' (and
#: the site's name under it).
_TITLE_FORM = re.compile(
    r'(?P<name>[^"“”\n]{1,50}?) on (?P<site>X|Twitter|Bluesky|Threads|Instagram|Mastodon)'
    r'\s*:\s*["“](?P<text>.+)["”](?P<rest>.{0,40})', re.S)
_TITLE_SITES = {"x": "twitter", "twitter": "twitter", "bluesky": "bluesky",
                "threads": "threads", "instagram": "instagram", "mastodon": "mastodon"}


def _flat(node: LexborNode) -> str:
    return " ".join((node.text(deep=True) or "").split())


def _title_form(node: LexborNode, platform: str) -> tuple[str, str] | None:
    """(name, words) of a link card titled as the platform titles a post ('Name on X:
    "words"', Medium's link cards, link previews); None for any other text."""
    m = _TITLE_FORM.fullmatch(_flat(node))
    if m is None or _TITLE_SITES[m.group("site").lower()] != platform:
        return None
    rest = m.group("rest").strip()  # (the site's address under the title, if any)
    if rest and not re.fullmatch(r"(?:https?://)?[\w-]+(?:\.[\w-]+)+(?:/\S*)?", rest):
        return None
    return m.group("name").strip(), m.group("text").strip()


@dataclass(slots=True)
class _Card:
    """A rendered card's parts: the name before its author element, its date and the
    element holding its text."""

    name: str | None
    posted: str | None
    text: LexborNode


#: A card's line saying the post is another's, shown by this account, or a reply.
_CONTEXT_LINE = re.compile(r"\b(?:re-?posted|retweeted|replying\s+to)\b", re.I)


def _holds(outer: LexborNode, inner: LexborNode, root: LexborNode) -> bool:
    """Is ``inner`` inside ``outer`` (looking no higher than ``root``)? One climb."""
    current: LexborNode | None = inner
    while current is not None:
        if current.mem_id == outer.mem_id:
            return True
        if current.mem_id == root.mem_id:
            return False
        current = current.parent
    return False


#: A class token (or test id) naming a person's name part ("author-name", "tw-card__name",
#: "userName", "User-Name"; not "username" or "filename", a handle's or a file's).
_NAME_TOKEN = re.compile(r"(?:^|[-_])[Nn]ame$|[a-z]Name$")


def _names_a_name(el: LexborNode) -> bool:
    """Does ``el``'s class or test id name it a person's name part (:data:`_NAME_TOKEN`)?"""
    return any(_NAME_TOKEN.search(c) for c in _classes(el)) or bool(
        _NAME_TOKEN.search(el.attributes.get("data-testid") or ""))


def _in_link(el: LexborNode, top: LexborNode) -> bool:
    """Is ``el`` inside a link, below ``top``?"""
    parent = el.parent
    while parent is not None and parent.mem_id != top.mem_id:
        if parent.tag == "a":
            return True
        parent = parent.parent
    return False


def _card_parts(node: LexborNode, handle: str, quoted: bool = False) -> _Card | None:
    """A widget's rendered card read by its parts, only where they say plainly that the
    words are ``handle``'s (the author named by the post's own URL): one element whose
    class marks it as the text, elements outside it holding only "@handle", every one of
    them that handle (a reply's "Replying to @x", a repost's "@x reposted" or a quoted
    post's author is another account: the card is not read), and no quoted post in it
    (``quoted``: the card is itself the quoted one, its parts so named).
    The name is the element before the author's where its class names a name; the
    date a ``<time datetime>`` or an element holding only a date, outside the text. None
    where any of it is not so."""
    elements = node.css("*")[1:]  # (the first is the node itself)
    if len(elements) > _MAX_CARD_ELEMENTS:
        return None
    marked = [el for el in elements if any(_TEXT_PART.search(c) for c in _classes(el))]
    if len(marked) != 1 or not quoted and any(
            "quote" in (el.attributes.get("class") or "").lower() for el in elements):
        return None
    (text,) = marked
    # The text element and everything in it, collected once (a mention in the post's
    # words is no author, a date in them no date of the post's).
    in_text = {n.mem_id for n in text.traverse()}
    # A post inside the words (a quoted card with its own name element and "@handle"
    # element in the text element): whose words are whose is unsaid. (A mention alone,
    # "<span class=mention>@bob</span>", or a link's parts, are the post's words.)
    name_inside = handle_inside = False
    for el in text.css("*")[1:]:
        if el.tag == "a" or _in_link(el, text):
            continue
        if _names_a_name(el):
            name_inside = True
        raw = (el.text(deep=True) or "").strip()
        if raw.startswith("@") and _HANDLE_PART.fullmatch(raw):
            handle_inside = True
        if name_inside and handle_inside:
            return None
    words_of_text = _flat(text)
    # Each element outside the text, with its text (read once, for the author and date).
    outside = [(el, (el.text(deep=True) or "").strip()) for el in elements
               if el.mem_id not in in_text]
    author = None
    for el, raw in outside:
        m = _HANDLE_PART.fullmatch(raw) if raw.startswith("@") else None
        if m is None:
            continue
        if m.group(1).lower() != handle.lower():
            return None  # another account named apart from the words: whose they are is unsaid
        if author is None:
            author = el
    if author is None or author.mem_id in in_text or _holds(author, text, node) or \
            not re.search(r"\w", words_of_text):
        return None
    name = None
    prev = author.prev
    while prev is not None:
        words = _flat(prev) if prev.tag != "-text" else (prev.text() or "").strip()
        if prev.tag != "-text" and words:
            # Only an element named as the name ("tw-card__name", "User-Name"): a label
            # before the handle ("Pinned", "Promoted") is no name.
            if _names_a_name(prev) and len(words) <= 50 and \
                    not words.startswith("@") and not DATE_RE.search(words):
                name = words
            break
        prev = prev.prev
    posted = None
    for el in node.css("time[datetime]"):
        if el.mem_id not in in_text:
            posted = parse_date(el.attributes.get("datetime"))
            break
    if posted is None:
        for _el, raw in outside:
            if not raw or len(raw) > 200 or not any(c.isdigit() for c in raw):
                continue
            words = " ".join(raw.split())
            if len(words) <= 60 and _DATE_PART.fullmatch(words) and \
                    (m := DATE_RE.search(words)):
                posted = date_from_match(m)
                break
    return _Card(name, posted, text)


def _account_date(line: str, account: str | None) -> tuple[str | None, str | None] | None:
    """``line`` read as :data:`_ACCOUNT_DATE_LINE`: the account it names (None where it
    names none) and the date; None where it is no such line, or names another account than
    ``account``."""
    m = _ACCOUNT_DATE_LINE.fullmatch(" ".join(line.split()))
    if m is None:
        return None
    who = m.group("handle") or m.group("bare")
    if who is not None and (account is None or who.lower() != account.lower()):
        return None
    return who, parse_date(m.group("date"))


def _date_element(node: LexborNode) -> str | None:
    """The date an embed's own small element holds and nothing else, right after the
    embed's link to the post ("<a …>Post by @x</a> <span>4 Jan 2024, 11:30</span>" in a
    Mastodon embed: a fresh audit's post came out undated); not a date of the post's own
    words or of an event beside them ("<div>Tour opens</div><span>12 Jun 2024</span>", a
    reviewer's), nor one inside a post quoted within it."""
    for el in node.css("span, small, time, div"):
        words = " ".join((el.text(deep=True) or "").split())
        if not words or len(words) > 40 or not (day := DATE_RE.fullmatch(words)):
            continue
        prev = el.prev
        while prev is not None and prev.tag == "-text" and not (prev.text() or "").strip():
            prev = prev.prev
        if prev is None or prev.tag != "a" or not re.match(
                r"(?i)post(?:ed)?\s+by\s+@", " ".join((prev.text(deep=True) or "").split())):
            continue
        up = el.parent
        while up is not None and up.mem_id != node.mem_id and up.tag != "blockquote":
            up = up.parent
        if up is not None and up.mem_id == node.mem_id:
            return date_from_match(day)
    return None


def _read_card(node: LexborNode, emb: _Embed, quoted: bool = False) -> None:
    """The post's words from a widget that renders it in its own markup (no blockquote),
    only where the markup says plainly whose they are: a preview title of the post ('Name
    on X: "words"'), or, in a widget (its tag, a ``data-tweet-id``) or a quoted card
    (``quoted``), the card's parts under the author the post's URL names
    (:func:`_card_parts`) or one dated signature under the text by that author. Anything
    else (a consent notice, "This Post is unavailable", a card naming no author, or
    another) is not read: the words are nobody's to be given."""
    if len(_flat(node)) > _MAX_CARD_CHARS:
        return
    if emb.handle is None and emb.post_id:
        # A widget's id names no author; the card's own link to the post does.
        inner = _inner_status_url(node, emb.platform)
        if inner and inner[2] == emb.post_id:
            emb.handle = inner[1]
    title = _title_form(node, emb.platform)
    if title:
        # (the name in a title is no display name: the handle comes from the post's URL)
        emb.text = title[1]
        return
    if emb.handle is None or not (quoted or node.tag in _TAG_PLATFORM or any(
            a in node.attributes for a in ("data-tweet-id", "data-tweetid"))):
        # (an element naming a post in a generic attribute, data-url or data-href, may
        # be a share button or a box around prose: only a preview title is read there)
        return
    if _CONTEXT_LINE.search(node.text(deep=True, separator=" ")):
        # a repost's, a reply's or a retweet's line: its signature or parts may be another
        # account's, shown by this one (or the other way round): not read
        return
    card = _card_parts(node, emb.handle, quoted)
    if card is None:
        sigs = find_signatures(_flat(node), date_required=False)
        if len(sigs) == 1 and sigs[0].posted and (sigs[0].handle or "").lower() == \
                emb.handle.lower():
            _read_blockquote(node, emb)
        return
    emb.display_name = emb.display_name or card.name
    emb.posted = emb.posted or card.posted
    lines = [ln.strip() for ln in _text_with_breaks(card.text).split("\n")
             if ln.strip() and not _chrome(ln.strip())]
    emb.text = "\n".join(lines)
    emb.links = _labelled_links(card.text, lines)


def _labelled_links(node: LexborNode, lines: list[str]) -> list[str]:
    """Links whose label is a URL ("pic.x.com/…", "t.co/…") and shows in the post's lines:
    the URLs the post carries."""
    links: list[str] = []
    for a in node.css("a[href]"):
        label = (a.text(deep=True) or "").strip()
        href = a.attributes.get("href") or ""
        if href.startswith("http") and _URL_LABEL.match(label) and \
                any(label in ln for ln in lines):
            links.append(href)
    return list(dict.fromkeys(links))


def _read_alt_text(node: LexborNode, emb: _Embed) -> None:
    """An embed whose text lives only in an attribute (``data-alt``, ``aria-label``, as some
    publishers render tweets): that text, its signature read like any other."""
    for el in [node, *node.css("[data-alt], [aria-label]")]:
        alt = " ".join((el.attributes.get("data-alt") or el.attributes.get("aria-label")
                        or "").split())
        if len(alt) < 20:
            continue
        sig = _last_signature(alt)
        if sig:
            emb.handle = sig.handle or emb.handle
            emb.display_name = emb.display_name or sig.display_name
            emb.posted = emb.posted or sig.posted
            alt = alt[:sig.start].strip()
        emb.text = alt
        return


def _thread_of(node: LexborNode, emb: _Embed, flat: str,
               found: list[Signature]) -> list[_Embed]:
    """A blockquote holding several dated signatures is a thread: one post per signature,
    each with the text before it (after the previous signature). Empty when it holds one.
    ``flat``: its text, whitespace collapsed; ``found``: that text's signatures."""
    sigs = [s for s in found if s.posted]
    if len(sigs) < 2:
        return []
    status = [hit for a in node.css("a[href]")
              if (hit := match_post_url(a.attributes.get("href") or "")) and hit[2]]
    posts = []
    prev = 0
    for k, sig in enumerate(sigs):
        one = _Embed(platform=emb.platform, handle=sig.handle or emb.handle,
                     display_name=sig.display_name, posted=sig.posted,
                     text=_INLINE_NOISE.sub(" ", flat[prev:sig.start]).strip())
        if len(status) == len(sigs):
            one.handle = one.handle or status[k][1]
            one.post_id = status[k][2]
            one.url = canonical_post_url(one.platform, one.handle, one.post_id)
        posts.append(one)
        prev = sig.end
    first = posts[0]
    emb.handle, emb.display_name, emb.posted = first.handle, first.display_name, first.posted
    emb.text, emb.post_id, emb.url = first.text, first.post_id, first.url
    return posts[1:]


#: TikTok's embed markup: the author's profile link opening the caption, and the sound's
#: credit (``♬ original sound - …``) closing it.
_TIKTOK_PROFILE = re.compile(r"^https?://(?:www\.)?tiktok\.com/@([\w.]+)/?(?:[?#]|$)", re.I)
_TIKTOK_SOUND = re.compile(r"^https?://(?:www\.)?tiktok\.com/music/", re.I)


def _drop_tiktok_chrome(node: LexborNode, emb: _Embed) -> None:
    """Take out of a TikTok embed the links that are its frame, not the caption: the
    author's own profile link when it opens the caption (only when the embed's ``cite``
    names the author: a caption may open by naming another user) and the sound's credit."""
    author = emb.handle.lower() if emb.handle else None
    links = node.css("a[href]")
    if links and author:
        first = links[0]
        label = (first.text(deep=True) or "").strip()
        profile = _TIKTOK_PROFILE.match((first.attributes.get("href") or "").strip())
        if (profile and profile.group(1).lower() == author
                and label.lstrip("@").lower() == author
                and node.text(deep=True, separator="").strip().startswith(label)):
            first.decompose()
    for a in node.css("a[href]"):
        label = (a.text(deep=True) or "").strip()
        if _TIKTOK_SOUND.match((a.attributes.get("href") or "").strip()) or \
                label.startswith("♬"):
            a.decompose()


_REDDIT_USER = re.compile(r"reddit\.com/(?:user|u)/([\w-]{3,20})/?(?:[?#]|$)", re.I)


def _read_reddit(node: LexborNode, emb: _Embed) -> None:
    """Reddit's embed: a link to the post whose label is its title, "by u/NAME" (a link to
    the user) and "in r/SUB" — a byline and a forum, not post text. The text is the
    post's title (the embed carries no more of it); a comment's embed carries none of the
    comment's text (its other link is the thread's title). The embed has no date."""
    title = ""
    for a in node.css("a[href]"):
        href = a.attributes.get("href") or ""
        label = " ".join((a.text(deep=True) or "").split())
        user = _REDDIT_USER.search(href)
        if user:
            emb.handle = emb.handle or user.group(1)
        elif not title and (hit := match_post_url(href)) and hit[0] == "reddit" and \
                "/" not in (hit[2] or "") and label:
            title = label
    emb.text = "" if "/" in (emb.post_id or "") else title


def _chrome(line: str) -> bool:
    """Is a line of an embed the platform's chrome ("View this post on Instagram", "A post
    shared by …", a notice that the post is gone), or its date alone ("Mar 1, 2026 at
    9:14am PST", under an Instagram card; "· Feb 8, 2024" after a handle taken out) — not
    the post's words?"""
    return bool(_NOISE_LINES.match(line)
                or DATE_RE.fullmatch(line.strip().lstrip("·•|—–- \t"))
                # (pieces of chrome and separators only: "Post by @h · View on Threads",
                # a fresh audit's post whose text was "·")
                or _INLINE_NOISE.search(line) is not None
                and not _INLINE_NOISE.sub("", line).strip("·•|—–- \t"))


def _signature_block(node: LexborNode, emb: _Embed) -> tuple[str, Signature] | None:
    """A block (``<div>``, ``<p>``) of the embed, with no block inside it, whose words are
    all one signature with a display name ("Kate Henare (@kaikoura_kate) · Mar 3, 2024"),
    of the account the embed's URL names (not a quoted post's header, nor a tagged
    account's line, where the URL names none: reviewers'): its text and that signature."""
    account = emb.handle
    if account is None:
        # (an Instagram embed's "A post shared by Name (@handle)" names it too)
        shared = re.search(r"A post shared by[^@()]{0,80}\(@([\w.]+)\)", node.text(deep=True), re.I)
        account = shared.group(1) if shared else None
    for block in node.css("div, p"):
        if any(inner.mem_id != block.mem_id for inner in block.css("div, p")):
            continue  # (a node's own selector matches the node itself)
        raw = block.text(deep=True, separator="")
        hit = _account_date(raw, account)
        if hit and hit[0]:
            # "<div>Post by @h · Feb 8, 2024</div>" (a reviewer's: in a <p> it was read),
            # "<div><a>@h</a> · <span>Sep 14, 2025</span></div>"
            return raw, Signature(handle=hit[0], display_name=None, posted=hit[1], start=0,
                                  end=len(raw), platform=emb.platform, dashed=False)
        # (a middle dot before the date, as a card's header sets it: "(@h) · Mar 3, 2024")
        flat = re.sub(r"\s*[·•]\s*", " ", " ".join(raw.split()))
        if not flat or "@" not in flat or len(flat) > 120:
            continue
        found = find_signatures(flat, date_required=False)
        if len(found) == 1 and found[0].start == 0 and found[0].end == len(flat) and \
                found[0].display_name and found[0].handle and account is not None and \
                found[0].handle.lower() == account.lower():
            return raw, found[0]
    return None


def _read_blockquote(node: LexborNode, emb: _Embed,
                     known: tuple[str, list[Signature]] | None = None) -> None:
    """The post's text, signature and links from its blockquote. ``known``: the
    blockquote's text (as :func:`_text_with_breaks` gives it) and its signatures, already
    read; used where nothing below takes a node out first."""
    if emb.platform == "reddit":
        _read_reddit(node, emb)
        return
    changed = False
    if emb.platform == "tiktok":
        _drop_tiktok_chrome(node, emb)
        changed = True
    for a in node.css("a[href]"):
        # A bracketed link to the post itself is the embed's chrome (Bluesky's "[image or
        # embed]"), not the post's text.
        if re.fullmatch(r"\[[^\]]{1,40}\]", (a.text(deep=True) or "").strip()) and \
                (hit := match_post_url(a.attributes.get("href") or "")) and \
                hit[2] and hit[2] == emb.post_id:
            a.decompose()
            changed = True
    if changed:
        known = None
    full = known[0] if known is not None else _text_with_breaks(node)
    signed = _signature_block(node, emb)
    if signed is not None:
        # A block of its own that is only the post's signature, after words outside any
        # block ("<a>… Stay safe Kaikoura ❤️</a><div>Kate Henare (@kaikoura_kate) · Mar
        # 3, 2024</div>" — a fresh audit's: read on one line, the display name took the
        # words before it): the account, its name and date; no words of the post
        block, own = signed
        emb.handle = own.handle or emb.handle
        emb.display_name = emb.display_name or own.display_name
        emb.posted = emb.posted or own.posted
        full = full.replace(block, "\n")
        known = None  # (its other signatures read again, without it)
    paragraphs = node.css("p")
    body_lines: list[str] = []
    if paragraphs:
        for p in paragraphs:
            t = p.text(deep=True, separator="").strip()
            dated = _account_date(t, emb.handle)
            if dated:
                # "Posted by @handle · Oct 9, 2024" or "Posted May 18, 2025" in its own
                # paragraph: the embed's date, no words of the post (fresh audits'
                # Threads and Instagram embeds)
                emb.posted = emb.posted or dated[1]
                full = full.replace(t, "")
                continue
            if t and not _chrome(t):
                body_lines.append(t)
            elif t and (day := DATE_RE.fullmatch(t.strip())):
                # a paragraph that is only a date, under a Mastodon embed's "Post by @x"
                # ("Jul 05, 2024, 00:36": a fresh audit's, the post came out undated)
                emb.posted = emb.posted or date_from_match(day)
        if not body_lines:
            paragraphs = []  # (the words are outside the paragraphs: read them all)
    # Signatures are read on whitespace-collapsed text: page sources break lines anywhere.
    flat = " ".join(full.split())
    found = known[1] if known is not None else find_signatures(flat, date_required=False)
    sig = found[-1] if found else None  # (the last: the embed's own)
    if sig:
        # The handle as the reader sees it beats one taken from a URL (a Bluesky DID).
        emb.handle = sig.handle or emb.handle
        emb.display_name = emb.display_name or sig.display_name
        emb.posted = sig.posted or emb.posted  # (an undated "A post shared by" line
        # keeps a date read before: a signature block's, a "Posted by" line's)
        if not paragraphs:
            body_lines = [t for t in [flat[: sig.start].strip()] if not _chrome(t)]
    elif not paragraphs:
        body_lines = [ln.strip() for ln in full.split("\n") if ln.strip()
                      and not _chrome(ln.strip())]
    # Signature text inside a <p> (Instagram, Facebook) is not post text.
    if sig:
        sig_text = flat[sig.start:sig.end].strip()
        body_lines = [ln for ln in body_lines if sig_text not in " ".join(ln.split())]
    if emb.platform == "instagram":
        m = re.search(r"A post shared by\s+(.*?)\s*\(@([\w.]+)\)", full, re.I)
        if m:
            emb.display_name = emb.display_name or " ".join(m.group(1).split()) or None
            emb.handle = emb.handle or m.group(2)
    if emb.platform == "facebook" and not emb.display_name:
        m = re.search(r"Posted by\s+(.+?)\s+on\s+(.+)$", full.strip(), re.I | re.S)
        if m:
            emb.display_name = " ".join(m.group(1).split())
            emb.posted = emb.posted or parse_date(m.group(2))
    if emb.platform == "tiktok" and not emb.handle:
        link = node.css_first("a[title^='@']")
        title = link.attributes.get("title") if link is not None else None
        if title:
            emb.handle = title.lstrip("@")
    if not emb.posted:
        time_node = node.css_first("time[datetime]")
        if time_node is not None:
            emb.posted = parse_date(time_node.attributes.get("datetime"))
    if not emb.posted:
        emb.posted = _date_element(node)
    if body_lines and (dated := _account_date(body_lines[-1], emb.handle)):
        # the same on the last line under the words, outside any block of its own
        emb.posted = emb.posted or dated[1]
        body_lines = body_lines[:-1]
    header = _ACCOUNT_LINE.fullmatch(body_lines[0]) if body_lines and emb.handle else None
    if header and emb.handle and (header.group("handle") or header.group("bare")).lower() \
            == emb.handle.lower() and not _NOT_A_NAME_LINE.search(header.group("name") or ""):
        # The account's line above the text ("Elin Rhys (@elinrhys)" in a Threads embed,
        # the handle its URL names; a fresh audit's): no words of the post
        body_lines = body_lines[1:]
        emb.display_name = emb.display_name or (header.group("name") or "").strip() or None
    text = "\n".join(body_lines)
    if _NOISE_HINT.search(text):
        text = _INLINE_NOISE.sub(" ", text)
        # (and the separators the chrome leaves dangling: "… floating. ·", "· · Thanks")
        text = re.sub(r"[ \t]*(?:[·•|][ \t]*)+$|^[ \t]*(?:[·•|][ \t]*)+", "", text,
                      flags=re.MULTILINE)
        text = re.sub(r"[ \t]{2,}", " ", text)
    emb.text = text.strip()
    links: list[str] = []
    for a in node.css("a[href]"):
        label = (a.text(deep=True) or "").strip()
        href = a.attributes.get("href") or ""
        if not href.startswith("http") or not _URL_LABEL.match(label):
            continue
        if any(label in ln for ln in body_lines):
            links.append(href)
    emb.links = list(dict.fromkeys(links))


#: Most blockquotes nested in an embed for its quoted cards to be looked for (each costs a
#: read of its text; a quote tweet has one).
_MAX_NESTED = 8


def _quoted_cards(node: LexborNode, own_id: str | None = None) -> list[LexborNode]:
    """Posts quoted inside this embed (a quote tweet's card, as publishers render it):
    posts nested in its blockquote (blockquotes that read as posts themselves, or other
    elements: :func:`_nested_cards`), with words of the embed's own before them and a
    dated signature of its own after them (neither inside another nested post), and no
    signature before them. Read with them, the two signatures read as a thread and gave
    the quoting author's words, date and id to the quoted author. Nested posts with
    nothing of the embed's own before them, a signed post before them or no signature of
    its own after them (a thread or replies rendered nested, in divs or not, a blockquote
    around posts), and a plain quotation inside a post, are none: they read as before."""
    quote = node if node.tag == "blockquote" else node.css_first("blockquote")
    if quote is None:
        return []
    inside = [b for b in quote.css("blockquote") if b.mem_id != quote.mem_id]
    if len(inside) > _MAX_NESTED:
        return []  # no card: hostile nesting (read as before, in linear time)
    nested = [b for b in inside if _identify(b) is not None]
    nested = _nested_cards(quote, nested, own_id)
    if not nested:
        return []
    # The embed's own text, in the pieces between its nested posts' texts.
    flat = " ".join(_text_with_breaks(quote).split())
    parts: list[str] = []
    pos = 0
    kept: list[LexborNode] = []
    for b in nested:
        inner = " ".join(_text_with_breaks(b).split())
        at = flat.find(inner, pos) if inner else -1
        if at < 0:
            continue  # (inside another nested post, or unreadable: left as it is)
        parts.append(flat[pos:at])
        pos = at + len(inner)
        kept.append(b)
    parts.append(flat[pos:])
    # Which pieces hold a dated signature (each read once).
    dated = [any(sig.posted for sig in find_signatures(part, date_required=False))
             for part in parts]
    cards = []
    for k, b in enumerate(kept):
        # Words of its own before it, a dated signature after it, and none before it (a
        # signed post before it makes this one a thread's next post, read in its place
        # with the others).
        if re.search(r"\w", " ".join(parts[:k + 1])) and not any(dated[:k + 1]) and \
                any(dated[k + 1:]):
            cards.append(b)
    if sum(c.tag != "blockquote" for c in cards) > 1:
        # A quote tweet quotes one post: several signed boxes so placed are a thread's or a
        # page's, not cards (read as before; nested blockquotes as before too).
        cards = [c for c in cards if c.tag == "blockquote"]
    return cards


#: Elements a quoted card is written as, when not as a blockquote (a ``span`` so named
#: inside a sentence is no card: "As <span class=quote-author>@x</span> put it").
_CARD_BLOCKS = "div, section, article, aside, figure"
_CARD_BLOCK_TAGS = frozenset(["div", "section", "article", "aside", "figure"])
#: A class naming a quoted post's card: "quoted-tweet", "quote-tweet", "QuoteTweet".
_QUOTED_SELECTOR = "[class*=quote], [class*=Quote]"


def _own_post(el: LexborNode, linked: dict[str, int]) -> bool:
    """Does the block ``el`` link to a post of its own: one whose id no link outside it
    names, nor the quoting embed (``linked``: each id the quote names, and how often)?
    Only such a block may be a quoted card; lines of a post's own (a quotation with its
    credit, "— Ann Vale (@annvale)") have none and stay the post's words."""
    return any(linked.get(pid, 0) == n for pid, n in _post_ids(el).items())


def _post_ids(node: LexborNode) -> dict[str, int]:
    """Every post id ``node``'s links name, and how often."""
    ids: dict[str, int] = {}
    for a in node.css("a[href]"):
        hit = match_post_url(a.attributes.get("href") or "")
        if hit and hit[2]:
            ids[hit[2]] = ids.get(hit[2], 0) + 1
    return ids


def _nested_cards(quote: LexborNode, nested: list[LexborNode],
                  own_id: str | None = None) -> list[LexborNode]:
    """``nested`` (blockquotes inside ``quote`` that are posts) and the quoted cards not
    written as blockquotes: a block (never a ``span`` in a sentence) whose class names a
    quote and which holds an "@", or the innermost block holding a signature with words
    before it (a post and its signature) where the signed blocks are one chain. The
    outermost of them, in page order. (Whether each is a card, and not a thread's post,
    is for :func:`_quoted_cards` to say; whether it is read, for :func:`_read_quoted`.)"""
    if quote.css_first(_CARD_BLOCKS) is None:
        return nested  # (most embeds: nothing nested to look at)
    found = {n.mem_id: n for n in nested}
    # Every post id the quote's links name, and how often (a card's own id must be named
    # in it alone, never outside it: the quoting post's own link is not the card's).
    linked = _post_ids(quote)
    if own_id:
        linked[own_id] = linked.get(own_id, 0) + 1
    for el in quote.css(_QUOTED_SELECTOR)[:_MAX_NESTED]:
        if el.tag in _CARD_BLOCK_TAGS and "@" in _flat(el) and _own_post(el, linked):
            found.setdefault(el.mem_id, el)
    blocks = quote.css(_CARD_BLOCKS)
    if blocks and len(blocks) <= _MAX_NESTED * 4:
        # The innermost signed block, if the signed ones are one chain (each inside the
        # one before, in page order); two side by side are a thread's posts, no card.
        signed = None
        for el in blocks:
            flat = _flat(el)
            sig = _last_signature(flat) if "@" in flat else None
            if sig is None or not re.search(r"\w", flat[:sig.start]):
                continue
            if signed is not None and not _holds(signed, el, quote):
                signed = None
                break
            signed = el
        if signed is not None and _own_post(signed, linked):
            found.setdefault(signed.mem_id, signed)
    if len(found) <= len(nested):
        return nested
    if len(found) == 1:
        return list(found.values())
    order = {n.mem_id: k for k, n in enumerate(quote.traverse())}
    cards = sorted(found.values(), key=lambda n: order.get(n.mem_id, 0))
    ids = set(found)
    outermost = []
    for c in cards:
        parent = c.parent
        while parent is not None and parent.mem_id != quote.mem_id and parent.mem_id not in ids:
            parent = parent.parent
        if parent is None or parent.mem_id == quote.mem_id:
            outermost.append(c)
    return outermost


def _read_quoted(card: LexborNode, platform: str) -> _Embed | None:
    """A quoted post's card as a post of its own: by its own status link (else as the
    quoting embed's platform), its words and author read from its own signature, or from
    its parts under the author its link names (:func:`_read_card`). None where it holds
    no words or the card itself names no author (an "@handle" alone, or a mention, is
    none): such words are not given to anyone."""
    ident = _identify(card) if card.tag == "blockquote" else None
    if ident is not None:
        emb = _read_embed(card, *ident)
    else:
        inner = _inner_status_url(card, None)
        emb = _Embed(platform=inner[0] if inner else platform,
                     handle=inner[1] if inner else None,
                     post_id=inner[2] if inner else None, url=inner[3] if inner else None)
        if _last_signature(_flat(card)) is not None:
            _read_blockquote(card, emb)
            if inner and inner[1] and emb.handle and inner[1].lower() != emb.handle.lower():
                # its link is another account's post: the signature's words, not that id
                emb.post_id = emb.url = None
        else:
            _read_card(card, emb, quoted=True)
        _canonical_url(emb)
    if not emb.text.strip() or not emb.handle:
        return None
    return emb


@dataclass(slots=True)
class _Box:
    """The node a placeholder replaces, and the posts embedded in it, in page order.

    Two tweets or two videos side by side in one ``div.embed`` are two posts. A copy of a
    post in its box is none (``absorb``); copies are found by lookup, not by reading every
    member, so a box holding thousands of embeds is read in linear time.
    """

    node: LexborNode
    members: list[_Embed] = field(default_factory=list)
    alive: bool = True  # False once taken into a box around it
    _platforms: set[str] = field(default_factory=set)
    # Empty members with no id (placeholders), first first, per platform.
    _placeholders: dict[str, list[int]] = field(default_factory=dict)
    # (platform, words) of the members with no id.
    _unlinked: set[tuple[str, str]] = field(default_factory=set)

    def absorb(self, emb: _Embed) -> int | None:
        """Take ``emb`` as a copy of a member, if it is one: -1 where it adds nothing, the
        member's index where it takes the place of an empty placeholder; None for a post
        of its own.

        A copy by id is found before (by id, across the page). Here: an empty post with no
        id beside any post of its platform (it carries nothing); any post in place of an
        empty one with no id (which carried nothing); a post with no id holding the words
        of another with none. A post with no id and words beside one with an id and none
        is another post: the words are never given the id (they may be another's).
        """
        words = " ".join(emb.text.split())
        if not emb.post_id and not words:
            return -1 if emb.platform in self._platforms else None
        waiting = self._placeholders.get(emb.platform)
        if waiting:
            index = waiting.pop(0)
            self.members[index] = emb
            self._index(index)
            return index
        if not emb.post_id and (emb.platform, words) in self._unlinked:
            return -1
        return None

    def add(self, emb: _Embed) -> int:
        """Add ``emb``; its index."""
        self.members.append(emb)
        self._index(len(self.members) - 1)
        return len(self.members) - 1

    def replace(self, index: int, emb: _Embed) -> None:
        """Put ``emb``, a richer reading of the member at ``index`` (the same id)."""
        self.members[index] = emb

    def _index(self, i: int) -> None:
        emb = self.members[i]
        self._platforms.add(emb.platform)
        if not emb.post_id:
            words = " ".join(emb.text.split())
            if words:
                self._unlinked.add((emb.platform, words))
            else:
                self._placeholders.setdefault(emb.platform, []).append(i)


#: Most characters of an element beside a text-less embed read as that post's words.
_MAX_BESIDE = 1_500


#: A sentence that gives the words of the post just embedded: 'The post read: "…"',
#: 'Her tweet said: "…"' (group ``q``: the quotation, its marks included).
_THE_POST_READ = re.compile(r"The\s+(?:post|tweet|toot)\s+(?:read|reads|said|says)\s*[,:]?\s*"
                            r"(?P<q>[\"“].+[\"”])\.?")
#: In the block before a frame, words that make "the post" another's besides those of
#: :data:`ANOTHERS_POST` (one answered or deleted: "deleted her post, but not before he
#: replied", a reviewer's).
_GONE_OR_ANSWERED = re.compile(r"(?i)\b(?:answer\w*|delet\w*)\b")


def _another_post_before(wrapper: LexborNode) -> bool:
    """Does the block before a frame's box hold another embed, or speak of another's post
    (a quoted, answered, deleted one): "the post" after it may be that one?"""
    before = wrapper.prev
    while before is not None and before.tag in ("-text", "-comment", "script"):
        before = before.prev
    if before is None:
        return False
    words = _flat(before)
    return any(_identify(n) is not None for n in before.css(_CANDIDATES)[:_MAX_NESTED]) or \
        bool(ANOTHERS_POST.search(words) or _GONE_OR_ANSWERED.search(words))


def _same_account(a: str | None, b: str | None, platform: str) -> bool:
    """Do two handles name one account of ``platform``? (On Mastodon a handle with its
    server and one without it, as a URL's path gives it, are one where the user parts
    agree; elsewhere a handle with a server is another platform's account.)"""
    if not a or not b:
        return False
    a, b = a.lstrip("@").lower(), b.lstrip("@").lower()
    if a == b:
        return True
    return platform == "mastodon" and ("@" in a) != ("@" in b) and \
        a.split("@")[0] == b.split("@")[0]


def _words_beside(wrapper: LexborNode, node: LexborNode, emb: _Embed) -> LexborNode | None:
    """A text-less embed (an iframe, a widget the page does not render) whose words the
    page prints beside it as the post's signature block — in its box's caption, or in
    the element right after its box (a fallback paragraph or blockquote): read there,
    only where that element is one block holding one signature, dated, of the embed's
    own account, within a day of the day the post's id tells (X, Mastodon, TikTok), no
    link in it to another post or another platform's, and the words before it the post
    quoted whole, in quotation marks. A caption, the article's sentence about the post, a
    lead-in ('she wrote: "…"'), a reply, a thread or another platform's post stay the
    article's (two reviewers' probes). The element after
    the box is then the post, not the article's prose: it is returned, for the caller to
    take out of the page (else its words would stand twice, and its signature be read as
    a second post)."""
    if not emb.handle:
        return None  # (whose the words are could not be checked)
    options: list[tuple[LexborNode, bool]] = []
    if wrapper.mem_id != node.mem_id:
        caption = wrapper.css_first("figcaption")
        if caption is not None:
            options.append((caption, False))
    after = wrapper.next
    while after is not None and (after.tag in ("-comment", "script") or (
            after.tag == "-text" and not (after.text() or "").strip())):
        after = after.next
    if after is not None and after.tag in ("p", "div", "blockquote", "figcaption"):
        options.append((after, True))
    day = id_date(emb.platform, emb.post_id)
    for el, beside in options:
        if beside and el.tag == "blockquote" and (ident := _identify(el)) is not None and \
                ident[0] == emb.platform and ident[2] in (None, emb.post_id):
            # The frame's own fallback, rendered as an embed of the same platform right
            # after it with no status link of its own or the frame's ("<iframe … class=
            # mastodon-embed></iframe><blockquote class=mastodon-embed-text>… — Name
            # (@h@server) date</blockquote>": a fresh audit's two posts of one), where its
            # signature is the frame's account: one post, its words and signature
            own = _read_embed(el, *ident)
            if own.text.strip() and _same_account(own.handle, emb.handle, emb.platform) and \
                    own.posted and day and abs((day - date.fromisoformat(own.posted)).days) <= 1:
                # (only of the day the frame's id says: the account's other post under it
                # stays its own — a reviewer's)
                emb.text, emb.links = own.text, own.links
                emb.display_name = emb.display_name or own.display_name
                emb.posted = emb.posted or own.posted
                return el
            continue
        # (css() matches the element itself too; a blockquote's paragraphs are its own)
        blocks = "div, li" if el.tag == "blockquote" else "p, div, li"
        if any(n.mem_id != el.mem_id for n in el.css(f"{_CANDIDATES}, {blocks}")) or \
                el.tag == "blockquote" and _identify(el) is not None:
            continue  # an embed of its own, or several blocks: the article's
        flat = " ".join((el.text(deep=True, separator=" ") or "").split())
        if not flat or len(flat) > _MAX_BESIDE or any(
                (hit := match_post_url(a.attributes.get("href") or "")) and (
                    hit[0] != emb.platform or hit[2] and hit[2] != emb.post_id)
                for a in el.css("a[href]")):
            continue  # (a link to another post, or to another platform's: another post)
        read = _THE_POST_READ.fullmatch(flat) if beside else None
        if read is not None and _another_post_before(wrapper):
            read = None
        if read is not None and enclosed(read.group("q")) and (
                words := read.group("q")[1:-1].strip()):
            # 'The post read: "…"' right after the frame: its words, the article says so
            # (a fresh audit's: the frame was shown with no text)
            emb.text = words
            emb.links = _labelled_links(el, [words])
            return el
        found = find_signatures(flat, date_required=False)
        if len(found) != 1:
            continue
        sig = found[0]
        if sig.start == 0 or len(flat) - sig.end > 2 or not sig.posted or \
                not _same_account(sig.handle, emb.handle, emb.platform):
            continue
        if day and abs((day - date.fromisoformat(sig.posted)).days) > 1:
            continue  # another post of the same account
        words = flat[:sig.start].strip().rstrip("—–-").strip()
        if enclosed(words):
            words = words[1:-1].strip()
        elif not (beside and el.tag == "blockquote") or not day or ":" in words or \
                len([q for q in el.css("p") if (q.text(deep=True) or "").strip()]) > 2:
            continue  # (a blockquote right after the frame is quoted words by its markup:
            # "<blockquote>Eye passage at Bowen … — Lachie Pryor (@h@server) February 13,
            # 2025</blockquote>" after a Mastodon frame, a fresh audit's second post — only
            # where the frame's id dates it to the signature's day, no lead-in with a colon
            # ("He answered his critics:<br>…") and one paragraph of words: reviewers')
        if not words or _chrome(words):
            continue
        emb.text = words
        if sig.handle and "@" in sig.handle.lstrip("@"):
            emb.handle = sig.handle  # (a Mastodon handle with its server)
        emb.display_name = emb.display_name or sig.display_name
        emb.posted = emb.posted or sig.posted
        emb.links = _labelled_links(el, [words])
        return el if beside else None
    return None


def _find_embeds(tree: LexborHTMLParser) -> list[_Box]:
    """The page's embeds, grouped by the box (``_outer_wrapper``) each one's placeholder
    replaces; the posts of a box are placed where it stood, in page order."""
    units: list[_Box] = []
    unit_of: dict[int, int] = {}  # a candidate inside a box -> the box's unit
    taken: set[int] = set()
    by_id: dict[tuple[str, str], tuple[int, int]] = {}
    root = tree.body or tree.root
    if root is None:
        return []
    for node in root.css(_CANDIDATES):
        if node.mem_id in taken:
            continue  # inside an embed already found
        ident = _identify(node)
        if ident is None:
            continue
        # Every candidate inside this embed is part of it (a fallback blockquote, a quoted
        # card): marked before the embed is read or dropped, both of which take nodes out
        # of the page, so that none is read again on its own as a post with nothing in it.
        taken.update(n.mem_id for n in node.css(_CANDIDATES))
        cards = _quoted_cards(node, ident[2])
        quoted: list[_Embed] = []
        if cards:
            # Each quoted card read as a post with its own author is a post of its own,
            # placed after the quoting one (its words are on the page, and its author's;
            # never the quoting author's). A nested blockquote not so read is dropped, as
            # before; any other card not so read stays (it may be no card at all).
            for card in cards:
                q = _read_quoted(card, ident[0])
                if q is not None:
                    quoted.append(q)
                if q is not None or card.tag == "blockquote":
                    card.decompose()
            ident = _identify(node) or ident  # its own status link, not the card's
        emb = _read_embed(node, *ident)
        emb.thread.extend(quoted)
        key = (emb.platform, emb.post_id) if emb.post_id else None
        if key and key in by_id:
            # The same post twice (a <noscript> copy beside the rendered widget): keep
            # the richer reading, drop the other node from the page.
            first, k = by_id[key]
            if len(emb.text) > len(units[first].members[k].text):
                units[first].replace(k, emb)
            node.decompose()
            continue
        unit = unit_of.get(node.mem_id)
        if unit is not None:
            # Inside a box found before: another post, or a copy of one of its posts
            # (left in the box, which its placeholder replaces).
            box = units[unit]
            copied = box.absorb(emb)
            if copied is not None:
                if copied >= 0 and key:
                    by_id[key] = (unit, copied)
                continue
        else:
            unit = len(units)
            wrapper = _outer_wrapper(node, key)
            if not emb.text.strip() and not emb.thread and (
                    beside := _words_beside(wrapper, node, emb)) is not None:
                taken.update(n.mem_id for n in beside.css(_CANDIDATES))  # (itself too)
                beside.decompose()
            box = _Box(wrapper)
            units.append(box)
            inside = box.node.css(_CANDIDATES)
            # A box around boxes found before (a video alone, then a tweet whose wrapper
            # climbs over it): their posts are its own, placed before this one (page order).
            for old in sorted({unit_of[n.mem_id] for n in inside if n.mem_id in unit_of}):
                units[old].alive = False
                for moved in units[old].members:
                    at = box.add(moved)
                    if moved.post_id:
                        by_id[(moved.platform, moved.post_id)] = (unit, at)
            unit_of.update((n.mem_id, unit) for n in inside)
        index = box.add(emb)
        if key:
            by_id[key] = (unit, index)
    kept = [box for box in units if box.alive]
    # A post read inside another's embed (a thread's, or a quoted card after the quoting
    # post's signature) that is a post of its own on the page, or was read inside an
    # earlier embed, with the same words or none, is that one post, not a second; an
    # empty widget of it takes the thread's words. Where the two readings' words differ,
    # both stay, as before: a thread misread (a quote card taken for a post) must not
    # overwrite another's post or lose the words it read.
    seen = {(emb.platform, emb.post_id): emb
            for box in kept for emb in box.members if emb.post_id}
    for box in kept:
        for emb in box.members:
            thread = []
            for one in emb.thread:
                key = (one.platform, one.post_id) if one.post_id else None
                same = seen.get(key) if key else None
                words = " ".join(one.text.split())
                if same is not None and not same.text.strip() and words:
                    for name in ("text", "handle", "display_name", "posted", "links"):
                        if not getattr(same, name):
                            setattr(same, name, getattr(one, name))
                    _canonical_url(same)
                elif same is None or words and words != " ".join(same.text.split()):
                    thread.append(one)
                    if key and same is None:
                        seen[key] = one
            emb.thread = thread
    return kept


def _meta(tree: LexborHTMLParser, headlines: frozenset[str],
          headline_texts: list[tuple[str, bool]]) -> dict[str, str | None]:
    def content(*selectors: str) -> str | None:
        for sel in selectors:
            n = tree.css_first(sel)
            if n is not None:
                v = (n.attributes.get("content") or n.attributes.get("href")
                     or n.attributes.get("datetime") or "").strip()
                if v:
                    return v
        return None

    ld = _json_ld(tree)
    site_name = (content('meta[property="og:site_name"]', 'meta[name="application-name"]')
                 or ld.get("publisher"))
    url = content('link[rel="canonical"]', 'meta[property="og:url"]') or ld.get("url")
    title = content('meta[property="og:title"]', 'meta[name="twitter:title"]') or ld.get("headline")
    if not title:
        t = tree.css_first("title") or tree.css_first("h1")
        title = " ".join(t.text().split()) if t is not None else None
        if title and t is not None and t.tag == "title":  # (a headline <h1> keeps its words)
            own = re.match(r"https?://([^/?#]+)", url or "")
            for name in (site_name, _home_link_name(tree, _host_key(own and own.group(1)))):
                if name and (cut := _without_site_name(title, name)) != title:
                    title = cut
                    break
    if title:
        title = _visible_headline(title, headline_texts) or _as_headline(title, headlines)
    published = parse_date(
        content('meta[property="article:published_time"]', 'meta[itemprop="datePublished"]',
                'meta[name="date"]', 'meta[name="pubdate"]', 'meta[name="publish-date"]',
                'meta[name="dc.date"]', 'meta[name="DC.date.issued"]', 'meta[name="sailthru.date"]')
        or ld.get("datePublished")
        or content("time[datetime]")
    )
    html_node = tree.css_first("html")
    lang = (html_node.attributes.get("lang") if html_node is not None else None) or content(
        'meta[http-equiv="content-language"]', 'meta[property="og:locale"]')
    return {
        "title": title,
        "published": published,
        "url": url,
        "site_name": site_name,
        "author": _author(_a_name(content('meta[name="author"]', 'meta[property="article:author"]')
                                  or ld.get("author")), _byline_names(tree), site_name),
        "language": _language_code(lang),
        "section": content('meta[property="article:section"]') or ld.get("articleSection"),
    }


#: Where a page shows its writers: a link to a writer's page, an author property, an
#: element whose class names a byline or an author (not a commenter's, a quoted source's
#: or another story's: :func:`_elsewhere`).
_BYLINE = ("[rel~=author], [itemprop~=author], [class*=byline], [class*=Byline], "
           "[class~=author], [class~=authors]")
#: A byline's words before its names: "By", "By:", "Words by", "Story by", "Posted by".
_BY = re.compile(r"^(?:(?:words|written|story|text|reporting|report|posted|published|"
                 r"opinion|analysis)\s+)?by\s*:?\s+", re.I)
#: Where a byline's names end: a separator, or what follows them ("By Ana Ruiz, Los
#: Angeles", "By Ana Ruiz | Updated …", "By Ana Ruiz in Madrid", "By Ana Ruiz Last
#: updated …").
_BYLINE_END = re.compile(r"\s*(?:[,|·•—–/;(\n]|\s-\s|\b(?:in|for|with|at|on|from|published|"
                         r"updated|posted|last|first|reporting|follow|share)\b)", re.I)
#: A credit for others in a byline ("Photographs by", "Pictures:", "Illustration by").
_OTHER_CREDIT = re.compile(r"\b(?:photo\w*|pictures?|images?|illustrat\w*|graphics?|video|"
                           r"edit(?:ed|ing))\s*(?:by\b|:)", re.I)
#: Words before "by" that credit someone other than the writer.
_NOT_WRITER_BY = frozenset("photo photos photograph photographs photography pictures picture "
                           "images image illustration illustrations graphics video edited "
                           "reviewed sponsored presented powered supported produced designed "
                           "translated additional updated checked fact post paid "
                           "moderated".split())
#: A link to a writer's own page ("/author/ana-ruiz", "/by/tomasz-wrzesinski").
_AUTHOR_PAGE = re.compile(r"/(?:authors?|by|people|profiles?|staff|journalists?|"
                          r"contributors?|writers?|reporters?|columnists?)/", re.I)
#: Words of a desk, a team, a job, an outlet or a label, not of a person's name ("Staff
#: Reporter", "Associated Press", "Getty Images", "Sponsored By").
_NOT_NAME_WORDS = frozenset(
    "staff desk newsroom digital online team editors editorial editor reporter reporters "
    "correspondent correspondents agency agencies wire news web admin contributor writer "
    "writers democracy press images image photo photos photographer chief bureau media "
    "sponsored presented partnership share follow more from by updated published posted "
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december".split())
#: A metadata author that names a desk, not a writer ("Herald Digital", "Staff").
_DESK_LABEL = frozenset("staff desk newsroom digital online team editors reporters agencies "
                        "wire news web admin".split())
#: Lower-case words a person's name may hold ("Ana de la Cruz", "Joost van Dijk").
_NAME_PARTICLES = frozenset("de da das do dos del della der den di du la le van von bin al el "
                            "y ter ten".split())
MAX_BYLINE_NAMES = 6
#: Elements read for a byline, at most (in page order: a byline is near the top; a page
#: of thousands of "author" elements costs no more).
MAX_BYLINE_ELEMENTS = 64
#: Boxes whose names are not this article's writers': comments, embedded posts, quoted
#: sources, teasers of other stories, sponsors, photo credits (a class or id word).
_NOT_THE_STORYS = re.compile(
    r"(?:^|[-_])(?:comments?|responses?|discussion|conversation|repl(?:y|ies)|embed\w*|"
    r"tweets?|social|related|teasers?|recommend\w*|promo\w*|rail|sidebar|trending|"
    r"popular|latest|newsletters?|sponsor\w*|partners?|photos?|images?|credits?|captions?|gallery|"
    r"quotes?|pull-?quote|cards?|stories|list)(?:$|[-_])|read-?next|up-?next|more-?from|"
    r"most-?(?:read|viewed)|may-?also|also-?like|next-?article|relatedposts",
    re.I)


#: Class words that look like a box's but are not: Drupal marks an article "promoted" to
#: the front page.
_NOT_BOXES = frozenset(["node--promoted"])


def _elsewhere(node: LexborNode) -> bool:
    """Is ``node`` inside a box whose names are not the article's writers' (a quotation, an
    embedded post, a figure or its caption, a citation, an aside, navigation, a footer, a
    form, or a box :data:`_NOT_THE_STORYS` names)?"""
    current: LexborNode | None = node
    while current is not None:
        if current is not node and current.tag in (
                "blockquote", "aside", "nav", "footer", "iframe", "figure", "figcaption",
                "cite", "form"):
            return True
        for mark in (current.attributes.get("class") or "").split() + \
                (current.attributes.get("id") or "").split():
            if _NOT_THE_STORYS.search(mark) and mark not in _NOT_BOXES:
                return True
        current = current.parent
    return False


def _byline_names(tree: LexborHTMLParser) -> list[str]:
    """The writers a page's visible byline names, from the first element :data:`_BYLINE`
    finds (outside comments, teasers and the like): links to the writers' own pages, an
    author property's name, or the names after "By" ("By Ana Ruiz and Tom Lee, Health
    Correspondents") — all of them people's names (:func:`_person_name`), or none taken.
    Text with no "By" names no one (a card's "Ana Ruiz Chief Economist", a commenter's
    name). A page with no such element may still show a byline as a short block opening
    with "By" around links to the writers' pages (:func:`_by_links`)."""
    for node in tree.css(_BYLINE)[:MAX_BYLINE_ELEMENTS]:
        if node.tag in ("html", "body", "main", "article", "meta", "link") or _elsewhere(node):
            continue
        # The first byline decides: one it cannot read ("<span class=author>Ana Ruiz</span>")
        # does not hand the choice to another story's further down.
        return _names_in(node)[:MAX_BYLINE_NAMES]
    return _by_links(tree)


def _by_links(tree: LexborHTMLParser) -> list[str]:
    """A byline no class or property marks: the first link to a writer's page
    (:data:`_AUTHOR_PAGE`) whose block — itself or up to three elements around it — is
    byline-sized and opens with "By" ("Story by <a href=/staff/…>", Drupal's "By" label
    beside its authors' links). Links alone (a list of the site's writers, a "more from"
    box) name no writer of this story."""
    links = [a for a in tree.css("a[href]")[:MAX_LINKS_READ]
             if _AUTHOR_PAGE.search(a.attributes.get("href") or "")]
    for a in links[:MAX_BYLINE_ELEMENTS]:
        if _elsewhere(a):
            continue  # (a box around the link, any number of levels up)
        block: LexborNode | None = a
        for _ in range(4):
            if block is None or block.tag in ("body", "main", "article", "html"):
                break
            text = " ".join(block.text(separator=" ").split())
            if len(text) > MAX_BY_BLOCK_CHARS:
                break
            if _BY.match(text):
                return _names_in(block)[:MAX_BYLINE_NAMES]
            block = block.parent
    return []


MAX_LINKS_READ = 400
MAX_BY_BLOCK_CHARS = 200


def _names_in(node: LexborNode) -> list[str]:
    """The writers one byline element names (:func:`_byline_names`)."""
    attrs = node.attributes
    if "author" in (attrs.get("itemprop") or "").split():
        if "organization" in (attrs.get("itemtype") or "").lower():
            return []
        inner = node.css_first("[itemprop~=name]")
        if inner is not None:
            name = " ".join(inner.text().split())
            return [name] if _person_name(name) else []
    links = [node] if node.tag == "a" else node.css("a")
    linked = [name for a in links
              if "author" in (a.attributes.get("rel") or "").split()
              or _AUTHOR_PAGE.search(a.attributes.get("href") or "")
              if (name := " ".join(a.text().split()))]  # (an avatar's link holds no text)
    text = " ".join(node.text(separator=" ").split())
    if linked:
        # Up to a credit for others ("Photographs by <a href=/people/…>"): theirs.
        credit = _OTHER_CREDIT.search(text)
        if credit is not None:
            linked = [n for n in linked if 0 <= text.find(n) < credit.start()]
        return list(dict.fromkeys(linked)) if linked and all(
            _person_name(n) for n in linked) else []
    if len(text) > 200:
        return []
    # "By" opening the byline, or after a date before it ("Published 3 June 2026 By …"),
    # not a credit for others ("Photographs by …", "Sponsored by …").
    by = _BY.match(text) or next(
        (m for m in re.finditer(r"(?i)(?:(?<=\s)|^)(?P<lead>(?:[\w'’]+\s+){0,2})by\s*:?\s+",
                                text)
         if not set((m.group("lead") or "").lower().split()) & _NOT_WRITER_BY), None)
    if by is None:
        return []
    rest = text[by.end():]
    end = _BYLINE_END.search(rest)
    names = [n.strip() for n in re.split(r"\s+and\s+|\s*&\s*", rest[:end.start()] if end
                                          else rest)]
    return names if names and all(_person_name(n) for n in names) else []


def _person_name(text: str) -> bool:
    """Could ``text`` be a person's name: two to four words, capitalised but for name
    particles, first and last capitalised, no digit or colon, no word of a desk, a job, an
    outlet, a label or a date (:data:`_NOT_NAME_WORDS`)?"""
    words = text.split()
    if not 2 <= len(words) <= 4 or any(ch.isdigit() or ch == ":" for ch in text):
        return False
    if any(w.lower().strip(".") in _NOT_NAME_WORDS for w in words):
        return False
    return all(w[:1].isupper() or w in _NAME_PARTICLES for w in words) and \
        words[0][:1].isupper() and words[-1][:1].isupper()


def _joined(names: list[str]) -> str:
    """Writers' names as a byline lists them: "A", "A and B", "A, B and C"."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _author(meta: str | None, byline: list[str], site_name: str | None) -> str | None:
    """The article's author: the metadata's, unless the metadata names no one, or only a
    desk or the site ("Herald Digital", "Staff", "The Ledger") and the page's visible
    byline names the writers."""
    if not byline:
        return meta
    desk = meta is not None and (
        meta.split()[-1].lower().strip(".") in _DESK_LABEL
        or (site_name is not None and _site_key(meta) == _site_key(site_name)))
    if meta is None or desk:
        return _joined(byline)
    return meta


def _site_key(value: str) -> str:
    """A site's or a writer's name as compared: without case, a leading "The" or
    punctuation ("The Ledger" and "Ledger" are one)."""
    return re.sub(r"^the\s+|\W+", "", value.strip().lower())


#: What sets a site's name apart from the headline in a page's <title>: "Headline | Site",
#: "Headline - Site", "Site — Headline".
_TITLE_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|::|·)\s+")


def _without_site_name(title: str, site_name: str) -> str:
    """A <title> without the site's own name (its og:site_name) at either end: "Headline |
    Daily Blaze" -> "Headline"; a title that is only the site's name, or names it only
    inside the headline, stays as it is."""
    site = _site_key(site_name)
    colon = re.match(rf"\s*{re.escape(site_name.strip())}\s*:\s+", title, re.I)
    if site and colon is not None and title[colon.end():].strip():
        return title[colon.end():].strip()  # "The Valley Courier: Headline"
    cuts = list(_TITLE_SEPARATOR.finditer(title))
    if site and cuts and _site_key(title[cuts[-1].end():]) == site:
        return title[:cuts[-1].start()].strip() or title
    if site and cuts and _site_key(title[:cuts[0].start()]) == site:
        return title[cuts[0].end():].strip() or title
    return title


#: A link to a site's home page: "/", "/index.html", "./", or the root of the page's own
#: host (another site's root, a ticker's "Nasdaq", names no one here).
_HOME_HREF = re.compile(r"/(?:index\.\w+)?|\./|https?://(?P<host>[^/?#]+)/?(?:index\.\w+)?")


def _home_link_name(tree: LexborHTMLParser, host: str | None) -> str | None:
    """The site's name as its home link shows it: the link's text or its logo's ``alt``
    (an old page's masthead, with no ``og:site_name``); only the first home link with
    one, in the first few links of the page."""
    for a in tree.css("a[href]")[:40]:
        m = _HOME_HREF.fullmatch((a.attributes.get("href") or "").strip())
        if m is None or (m.group("host") and _host_key(m.group("host")) != host):
            continue
        img = a.css_first("img[alt]")
        name = " ".join((a.text() or (img.attributes.get("alt") if img is not None else "")
                         or "").split())
        if name and len(name.split()) <= 6:
            return name
    return None


def _links_home(a: LexborNode) -> bool:
    """Does link ``a`` go to a site's home page (``rel=home``, :data:`_HOME_HREF` on any
    host, ``#``)? An empty ``href`` goes nowhere."""
    href = (a.attributes.get("href") or "").strip()
    return "home" in (a.attributes.get("rel") or "").split() or href == "#" or \
        _HOME_HREF.fullmatch(href) is not None


def _host_key(host: str | None) -> str | None:
    return re.sub(r"^www\d?\.", "", host.lower().split(":")[0]) if host else None


#: An <h1> that holds the site's name, not the story's headline (WordPress's "site-title").
_SITE_MARK = re.compile(r"site|logo|brand|masthead|blog-?(?:name|title)|publication", re.I)


def _title_parts(title: str) -> list[str]:
    """A title's parts between its separators ("Headline | Section | Site")."""
    cuts = list(_TITLE_SEPARATOR.finditer(title))
    bounds = [0, *(x for c in cuts for x in (c.start(), c.end())), len(title)]
    return [title[bounds[i]:bounds[i + 1]].strip() for i in range(0, len(bounds), 2)]


def _as_headline(title: str, headlines: frozenset[str]) -> str:
    """A title of parts ("Headline | Site", "Section - Headline - Site") as the part the
    page shows as its headline: the one longest part, where an ``<h1>`` says exactly that (a
    site whose ``og:site_name`` is not given keeps its name otherwise; ``headlines``: the
    ``<h1>`` texts that may be one, :func:`_headlines`)."""
    parts = _title_parts(title)
    if len(parts) == 1:
        return title
    longest = max(parts, key=len)
    if sum(len(part) == len(longest) for part in parts) > 1:
        return title  # no one longest part
    return longest if longest.casefold() in headlines else title


def _headline_texts(tree: LexborHTMLParser) -> list[tuple[str, bool]]:
    """The texts of the page's ``<h1>`` that may be its headline (not one marked as the
    site's name or logo, nor one that links home: ``rel=home``, :data:`_HOME_HREF`, ``#``),
    each with whether it is plain: text and inline emphasis only (no
    kicker, badge, subtitle, hidden label or link inside it, whose words would run into
    the headline's)."""
    out = []
    for h in tree.css("h1")[:8]:
        if _SITE_MARK.search(f"{h.attributes.get('class') or ''} {h.attributes.get('id') or ''}"):
            continue
        if any(_links_home(a) for a in h.css("a")):
            continue
        if text := " ".join(h.text().split()):
            out.append((text, _plain(h)))
    return out


def _plain(node: LexborNode) -> bool:
    """Does ``node`` hold text and inline emphasis only, once through wrappers around all of
    its text (Drupal's ``<h1><span class=field--name-title>…</span></h1>``)?"""
    while True:
        kids = [c for c in node.iter(include_text=True)
                if c.tag != "-text" or (c.text_content or "").strip()]
        if len(kids) == 1 and kids[0].tag not in ("-text", "a", *_EMPHASIS):
            node = kids[0]
            continue
        return all(c.tag in _EMPHASIS for c in node.css("*") if c.mem_id != node.mem_id)


#: Elements a plain headline may hold.
_EMPHASIS = frozenset("em i b strong q abbr mark cite".split())


def _headlines(texts: list[tuple[str, bool]]) -> frozenset[str]:
    """:func:`_headline_texts`, case-folded."""
    return frozenset(t.casefold() for t, _ in texts if t)


#: Words that say little about which story a headline tells.
_HEADLINE_STOP = frozenset("the and for with from after over into about what this that "
                           "are was were has have had its his her their our your not but "
                           "live news video photos".split())


def _headline_words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.casefold())
            if (len(w) >= 3 or w.isdigit()) and w not in _HEADLINE_STOP}


MAX_HEADLINE_WORDS = 40
#: Content words a title's headline needs before an <h1> may stand in for it (fewer: a
#: section's, a tag's or a person's name, "Riverside County | Valley Gazette").
MIN_TITLE_WORDS = 4


def _visible_headline(title: str | None, texts: list[tuple[str, bool]]) -> str | None:
    """The page's one ``<h1>`` as its headline, where it tells the story the metadata's
    title tells in other words: publishers write a shorter or search-minded title for
    sharing ("Corrow Hills missing hiker found alive | The Hill Post") than the headline a
    reader sees ("Hiker missing for five days in Corrow Hills found alive by volunteer
    search team"). The title's longest part must be a headline (four content words or
    more), the ``<h1>`` plain text (:func:`_headline_texts`) holding half of that part's
    content words and at least one more of its own. A page with several ``<h1>``, or one
    whose words are all in the title (a series', a section's, a columnist's or the site's
    name: "Election 2024"), or another story's (a banner sharing a place name), keeps the
    title."""
    if len(texts) != 1 or not title:
        return None
    h1, plain = texts[0]
    if not plain or not 2 <= len(h1.split()) <= MAX_HEADLINE_WORDS:
        return None
    headline = max(_title_parts(title), key=len)
    ours, theirs = _headline_words(h1), _headline_words(headline)
    shared = len(ours & theirs)
    if len(theirs) >= MIN_TITLE_WORDS and shared >= 2 and shared * 2 >= len(theirs) and \
            ours - _headline_words(title):
        return h1
    return None


def _language_code(lang: str | None) -> str | None:
    """A declared language as its ISO 639 code ("en-GB", "de_DE" -> "en", "de"); a value
    that is no code ("english", markup) is no language."""
    code = (lang or "").strip().replace("_", "-").split("-")[0].lower()
    return code if re.fullmatch(r"[a-z]{2,3}", code) else None


def _a_name(value: str | None) -> str | None:
    """An author as a name: a profile URL or a handle is not one."""
    if not value or re.match(r"(?:https?://|www\.|@)", value.strip()):
        return None
    return value.strip()


def _json_ld(tree: LexborHTMLParser) -> dict[str, str]:
    out: dict[str, str] = {}
    writers: list[Any] | None = None  # the first list of several authors
    for node in tree.css('script[type="application/ld+json"]'):
        try:
            data = json.loads(node.text() or "")
        except (ValueError, RecursionError):  # bad or absurdly nested metadata: ignored
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                stack.extend(v for k, v in item.items() if k == "@graph")
                for key in ("headline", "datePublished", "url"):
                    if isinstance(item.get(key), str):
                        out.setdefault(key, item[key])
                if isinstance(item.get("articleSection"), str) and \
                        str(item.get("@type", "")).endswith("Article"):
                    out.setdefault("articleSection", item["articleSection"])  # (not a
                    # reviewed film's or book's genre)
                for key in ("publisher", "author"):
                    v = item.get(key)
                    if key == "author" and isinstance(v, list) and len(v) > 1 and \
                            writers is None:
                        writers = v
                    v = v[0] if isinstance(v, list) and v else v
                    name = v.get("name") if isinstance(v, dict) else v
                    if isinstance(name, str) and name.strip():
                        out.setdefault(key, name.strip())
    if writers and "author" in out:
        out["author"] = _ld_writers(writers, out.get("publisher")) or out["author"]
    return out


def _ld_writers(authors: list[Any], publisher: str | None) -> str | None:
    """The people a JSON-LD author list names, as a byline lists them ("A and B"): those
    typed ``Person`` (or untyped with a person's name), once each, not the publisher or a
    desk ("Harbor Daily Staff"); more than :data:`MAX_BYLINE_NAMES` end "and others".
    None when it names no one (the first author stands)."""
    names: list[str] = []
    for x in authors:
        kind = x.get("@type") if isinstance(x, dict) else None
        name = x.get("name") if isinstance(x, dict) else x
        if not isinstance(name, str) or not (name := " ".join(name.split())):
            continue
        kinds = [kind] if isinstance(kind, str) else kind if isinstance(kind, list) else []
        if (kind is not None and "Person" not in kinds) or (kind is None and
                                                            not _person_name(name)):
            continue
        if name.split()[-1].lower().strip(".") in _DESK_LABEL or (
                publisher and _site_key(name) == _site_key(publisher)) or name in names:
            continue
        names.append(name)
    if not names:
        return None
    if len(names) > MAX_BYLINE_NAMES:
        return ", ".join(names[:MAX_BYLINE_NAMES]) + " and others"
    return _joined(names)


def _fallback_text(tree: LexborHTMLParser) -> str:
    for bad in tree.css("script, style, noscript, nav, header, footer, form"):
        bad.decompose()
    body = tree.body
    if body is None:
        return ""
    blocks = [" ".join(n.text(deep=True).split()) for n in body.css("p, h1, h2, h3, li, blockquote")]
    return "\n".join(b for b in blocks if b)


_LONG_TAG = re.compile(r"<([a-zA-Z][\w:-]*)(\s[^>]{4000,})(?:>|\Z)")  # or cut off at the end
_ATTRIBUTE = re.compile(r"""\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?""")
MAX_ATTRIBUTES = 256


def _cap_attributes(html: str) -> str:
    """Tags keep at most :data:`MAX_ATTRIBUTES` attributes. Every HTML parser here (lexbor,
    libxml2) checks each new attribute against the others, so one tag with 300,000 of them
    ran for minutes; no real page comes near the cap. Linear: only tags over 4,000
    characters are looked at (a tag the input cuts off is closed)."""
    if len(html) < 4000:
        return html

    def cap(m: re.Match[str]) -> str:
        attrs = _ATTRIBUTE.findall(m.group(2))
        if len(attrs) <= MAX_ATTRIBUTES:
            return m.group(0)
        return f"<{m.group(1)}{''.join(attrs[:MAX_ATTRIBUTES])}>"

    return _LONG_TAG.sub(cap, html)


_TAG = re.compile(r"<(/?)([a-zA-Z][\w:-]*)[^>]*?(/?)>")
_TAG_START = re.compile(r"<(/?)[a-zA-Z]")
#: Elements that never hold others, or whose end tag is optional (an unclosed one is
#: closed by the next): neither makes a page deeper.
_FLAT = frozenset("area base br col embed hr img input link meta source track wbr param "
                  "keygen p li dt dd option optgroup tr td th tbody thead tfoot colgroup rb "
                  "rt rp".split())
MAX_DEPTH = 400


def _cap_depth(html: str) -> str:
    """Elements nested deeper than :data:`MAX_DEPTH` lose their tags (their text stays).
    HTML parsers check the stack of open elements for each new one, so 55,000 nested
    blockquotes took lexbor 18 s and twice that four times as long; browsers stop
    nesting far sooner. Linear; pages within the cap are returned as they are."""
    if len(html) < 20_000:
        return html
    # A cheap bound first (every tag counted, void ones too: never less than the real
    # depth), so ordinary pages pay one C-level scan; only pages it cannot clear are
    # measured tag by tag.
    events = _TAG_START.findall(html)
    if max(accumulate(-1 if close else 1 for close in events), default=0) <= MAX_DEPTH:
        return html
    depth = deepest = 0
    for m in _TAG.finditer(html):
        name = m.group(2).lower()
        if name in _FLAT or m.group(3):
            continue
        depth = max(0, depth - 1) if m.group(1) else depth + 1
        deepest = max(deepest, depth)
    if deepest <= MAX_DEPTH:
        return html
    out: list[str] = []
    pos = depth = 0
    dropped: dict[str, int] = {}
    for m in _TAG.finditer(html):
        name = m.group(2).lower()
        if name in _FLAT or m.group(3):
            continue
        if not m.group(1):
            if depth >= MAX_DEPTH:
                out.append(html[pos:m.start()])
                pos = m.end()
                dropped[name] = dropped.get(name, 0) + 1
            else:
                depth += 1
        elif dropped.get(name):
            dropped[name] -= 1
            out.append(html[pos:m.start()])
            pos = m.end()
        else:
            depth = max(0, depth - 1)
    out.append(html[pos:])
    return "".join(out)


#: Author bio boxes, by the class or id names common on news sites and blog themes.
_BIO_BOXES = ", ".join(
    f"[{attr}~={name}]" for attr in ("class", "id")
    for name in ("bio", "author-bio", "author-box", "about-author", "about-the-author",
                 "author-info", "author-card", "authorbio", "author-description"))


#: Longest bio box removed (characters of text): a longer element so named is a page's main
#: text (a profile), not a box beside it.
MAX_BIO_CHARS = 1_000


def _is_bio_box(node: LexborNode, page_chars: int) -> bool:
    """A short box about the writer: never the page's body, main text or article, nor one
    holding a headline, an article or an embed, nor most of the page's text (a short
    profile page)."""
    if node.tag in ("html", "body", "main", "article"):
        return False
    if node.css_first("h1, article, blockquote, iframe") is not None:
        return False
    chars = len(node.text(strip=True))
    return chars <= MAX_BIO_CHARS and chars <= page_chars / 2


#: Page furniture inside or beside an article that extraction keeps, by class names common
#: on news sites: advertisements and their labels, sponsored links, shopping boxes ("now
#: £49 at …  View Deal"), pull quotes (a sentence of the article again, or one its body
#: never has) and inline "read more" links.
_FURNITURE = ", ".join([*(f"[class~={name}]" for name in (
    "advert", "advertisement", "advertising", "ad", "ad-slot", "ad-box", "ad-container",
    "ad-wrapper", "ad-label", "mpu-ad", "sponsored", "sponsored-content", "promo",
    "inline-deal", "deal-box", "affiliate", "related-inline",
    "inline-related", "read-more", "readmore")),
    # AMP's ad elements (and their "Advertisement" fallback)
    "amp-ad", "amp-sticky-ad", "amp-embed"])
#: Pull quotes: a box whose class is "pullquote" or "pull-quote" itself (or "pull" on a
#: quotation's own box); see :func:`_pullquote_kind`.
_PULLQUOTES = ("[class~=pullquote], [class~=pull-quote], "
               # ("pull" alone is also a float helper: only on a quotation's own box)
               "blockquote[class~=pull], aside[class~=pull], figure[class~=pull]")
#: Elements never taken for a pull quote: inline ones (a pull quote's words marked in the
#: sentence they belong to, "said <span class=pullquote>…</span> and walked out"), and
#: anything inside a paragraph.
_INLINE_TAGS = frozenset([
    "span", "strong", "em", "b", "i", "a", "u", "s", "small", "mark", "q", "cite", "abbr",
    "sup", "sub", "font", "label", "time", "code", "br"])
#: Newsletter sign-up boxes ("Get the Gazette in your inbox / Sign up"): a block whose
#: class names a newsletter, short, that asks the reader to sign up for one (a form or a
#: button, or a call to sign up or subscribe with the inbox, newsletter or email it
#: comes to). "newsletter-name" on a span in a sentence, or a story box "signup-deadline",
#: is none.
_SIGNUP_BOXES = "[class*=newsletter], [class*=Newsletter]"
_SIGNUP_TAGS = frozenset(["div", "section", "aside", "form", "figure"])
_SIGNUP_CALL = re.compile(r"\b(?:sign[ -]?up|subscribe)\b", re.I)
_SIGNUP_OBJECT = re.compile(r"\b(?:newsletters?|inbox|e-?mails?|briefing)\b", re.I)


def _pullquote_kind(node: LexborNode) -> str | None:
    """"pull" where the box is named a pull quote: its class "pullquote" or "pull-quote"
    itself (or "pull" on a quotation's own box); else None. A class naming one as a
    block's element or modifier ("wp-block-pullquote", "graf--pullquote") is not enough:
    a reviewer found such boxes holding the only copy of their words (a desktop and a
    mobile copy of a quotation the body never has), so they stay the article's text."""
    classes = _classes(node)
    if any(c in ("pullquote", "pull-quote") for c in classes) or (
            node.tag in ("blockquote", "aside", "figure") and "pull" in classes):
        return "pull"
    return None


def _is_signup_box(node: LexborNode, text: str) -> bool:
    """Is a short box whose class names a newsletter a sign-up box (``text``: its text)?"""
    if node.tag not in _SIGNUP_TAGS:
        return False
    if node.css_first("form, input, button") is not None:
        return True
    return bool(_SIGNUP_CALL.search(text) and _SIGNUP_OBJECT.search(text))


#: Longest furniture box removed (characters of text), and most paragraphs: an ad, a
#: shopping box or a pull quote is short; a longer box so named is a short article's body
#: ("entry-content sponsored").
MAX_FURNITURE_CHARS = 400
MAX_FURNITURE_PARAGRAPHS = 2


def _furniture_to_drop(boxes: list[tuple[LexborNode, str]], page_chars: int,
                       tree: LexborHTMLParser) -> list[LexborNode]:
    """The furniture boxes (``boxes``: (box, kind) in page order; kind "signup" for a
    newsletter box, "pull" for a pull quote (:func:`_pullquote_kind`), else
    "furniture") that are no part of the story: short (:data:`MAX_FURNITURE_CHARS`
    characters, :data:`MAX_FURNITURE_PARAGRAPHS` paragraphs), not most of the page's
    text, never the page's body, main text or article, and holding no headline, article
    or embed; a newsletter box only where it asks for a sign-up (:func:`_is_signup_box`);
    a pull quote only where it is a block in no paragraph (never an inline element: its
    words are the sentence's).

    Every reason a box is kept but its tag holds for any box around it too (more text,
    more paragraphs, the same headline or embed). So boxes are judged innermost first,
    and once one is kept for such a reason, the boxes around it are marked kept and never
    read: a page of nested boxes is judged in linear time."""
    kept: set[int] = set()
    drop: list[LexborNode] = []

    def keep_around(node: LexborNode) -> None:
        current: LexborNode | None = node
        while current is not None and current.mem_id not in kept:
            kept.add(current.mem_id)
            current = current.parent

    in_paragraph: set[int] | None = None
    for node, kind in reversed(boxes):
        if node.mem_id in kept:
            continue
        if node.tag in ("html", "body", "main", "article"):
            continue
        if kind == "pull":
            if node.tag in _INLINE_TAGS:
                continue
            if in_paragraph is None:
                in_paragraph = {n.mem_id for n in tree.css("p *")}
            if node.mem_id in in_paragraph:
                continue
        text = node.text(strip=True)
        if len(text) > MAX_FURNITURE_CHARS or len(text) > page_chars / 2 or \
                node.css_first("h1, article, iframe") is not None or \
                len(node.css("p")) > MAX_FURNITURE_PARAGRAPHS:
            keep_around(node)
            continue
        embeds = node.css(_CANDIDATES)
        if len(embeds) > _MAX_NESTED or any(_identify(n) is not None for n in embeds):
            keep_around(node)
            continue
        if kind == "signup" and not _is_signup_box(node, node.text(separator=" ")):
            continue
        drop.append(node)
    return drop


#: Lines that are page furniture by their own words, whatever their markup's class
#: (:func:`_furniture_line`).
_LINK_LINE = re.compile(r"^\s*(?:read (?:more|next)|also read|related|see also|more on this"
                        r"(?: story)?|recommended(?: reading)?)\s*:\s*(?P<rest>.{1,200})$", re.I)
_FURNITURE_LINE = re.compile(
    r"^\s*(?:(?:©|(?i:copyright)|\([cC]\))\s*©?\s*\d{4}.{0,300}\b(?i:all rights "
    r"reserved)\b.{0,300}$|(?i:you have \d+ free (?:articles?|stories|reads?) (?:left|"
    r"remaining))\b.{0,60}$)")


def _furniture_line(line: str, links: set[str]) -> bool:
    """Is ``line`` page furniture by its own words (``links``: the page's link texts,
    whitespace collapsed, lower case)? A link to another story after "Read more:",
    "ALSO READ:", "Related:" (the rest of the line is a link's text: "See also: Section 4
    of the act" is the story's), a copyright notice ("© 2026 …", "Copyright 2026 …" with
    "all rights reserved"; not "Copyright law …"), a paywall's meter."""
    if _FURNITURE_LINE.match(line):
        return True
    m = _LINK_LINE.match(line)
    if m is None:
        return False
    rest = re.sub(r"\s*\(\d+\s*min(?:ute)?s?(?:\s+read)?\)\s*$", "",
                  " ".join(m.group("rest").split()).lower()).rstrip(" .")
    whole = " ".join(line.split()).lower()
    # the rest is a link's text (or several, "A | B"), or the whole line is one ("<a>Read
    # more: …</a>")
    parts = [p.strip(" .") for p in re.split(r"\s*(?:[|·•;]|\s-\s)\s*", rest)]
    return whole in links or (any(parts) and all(p in links for p in parts if p))


#: Lines at least this long are compared whole when the two modes' texts are merged.
MIN_MERGED_LINE = 40


def _extract(page: str, url: str | None, marked: bool, headlines: frozenset[str] = frozenset()
             ) -> str | None:
    """The page's main text by trafilatura: its recall mode (short paragraphs, lists,
    subheads, standfirsts kept), cut, on a page that marks no ``<article>`` or ``<main>``,
    to the stretch its balanced mode finds — from the first line both keep (or the
    headline before it: one of ``headlines``, the page's ``<h1>`` texts, case-folded) to
    the last — with the lines balanced mode alone keeps put in where it has them.

    Without such a container, recall mode keeps the furniture around the story (a ticker,
    trending rails, copyright and syndication lines) and balanced mode loses lists,
    subheads and live-blog entry titles of pages whose classes name nothing (``css-k1``);
    the stretch keeps those and leaves about half the furniture (benchmarks/README.md,
    HTML text). On pages with a container the two modes agree."""
    options: dict[str, Any] = {"url": url, "include_comments": False, "include_tables": True,
                               "deduplicate": False, "with_metadata": False}
    text = trafilatura.extract(page, favor_recall=True, **options)
    if marked or not text:
        return text
    balanced = trafilatura.extract(page, **options)
    if not balanced:
        return text
    lines = text.split("\n")
    both = set(balanced.split("\n"))
    kept = [i for i, line in enumerate(lines) if line in both]
    if not kept:
        return balanced
    # The story starts at its headline where recall mode keeps it: what lies between the
    # headline and the first line both keep is the story's (a standfirst, a live blog's
    # summary), what lies before it the page's (a ticker, the navigation).
    first = next((i for i in range(kept[0] - 1, -1, -1)  # the nearest: not a header bar's
                  if " ".join(lines[i].split()).casefold() in headlines), kept[0])
    stretch = lines[first:kept[-1] + 1]
    # Lines balanced mode alone keeps go in where it has them ("Police were called at
    # 10.15am." between two paragraphs both keep).
    index = {line: i for i, line in reversed(list(enumerate(stretch)))}
    long_lines = [x for x in stretch if len(x) >= MIN_MERGED_LINE]
    out: list[str] = []
    at = 0
    for line in balanced.split("\n"):
        i = index.get(line, -1)
        if i >= at:
            out += stretch[at:i + 1]
            at = i + 1
        elif i < 0 and not (len(line) >= MIN_MERGED_LINE and any(
                line in x or x in line for x in long_lines)):
            # (not one recall mode has cut otherwise: "Advertisement Red Cross volunteers
            # …" beside "Red Cross volunteers …" gave the paragraph twice)
            out.append(line)
    return "\n".join(out + stretch[at:])


#: A table cell holding this much text, in blocks, is a story's: its table lays out a page.
LAYOUT_CELL_CHARS = 600
_BLOCKS = "p, div, h1, h2, h3, h4, h5, h6, blockquote, ul, ol"
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def _unlay_tables(tree: LexborHTMLParser) -> None:
    """On a page without ``<article>``/``<main>``, a table that lays the page out (an old
    site's story in one cell beside its navigation) as blocks: trafilatura reads a table as
    a table, the story and the navigation as one "| … |" row (a held-out page set's). A
    table is a layout only when it is outermost, has no caption or header row, its rows
    are irregular (cells per row differ; or one row of several cells), and a cell holds
    :data:`LAYOUT_CELL_CHARS` of text in two blocks or more (paragraphs, or lines split by
    ``<br><br>``). Its rows and cells become ``<div>``s, hidden ones dropped; a table inside
    stays a table, but for a column of links (a navigation box). Data tables (standings
    of linked names, a long notes cell, a captioned schedule) are never layouts (a
    reviewer's 52 pages, for a first, looser rule)."""
    for table in tree.css("table"):
        if _in_table(table) or not _layout(table):
            continue
        rows = "".join(
            "<div>" + "".join(f"<div>{_cell_html(c)}</div>" for c in row.iter()
                              if c.tag in ("td", "th") and not _hidden(c)) + "</div>"
            for row in _own(table, "tr") if not _hidden(row))
        blocks = LexborHTMLParser(f"<div>{rows}</div>").css_first("body > div")
        if blocks is not None:
            table.replace_with(blocks)


def _layout(table: LexborNode) -> bool:
    if table.css_first("caption, thead") is not None:
        return False
    rows = _own(table, "tr")
    counts = [sum(c.tag in ("td", "th") for c in row.iter()) for row in rows]
    if not counts or (len(set(counts)) == 1 and not (len(counts) == 1 and counts[0] >= 2)):
        return False
    return any(len(c.text(strip=True)) >= LAYOUT_CELL_CHARS
               and (len(c.css(_BLOCKS)) >= 2 or "<br><br>" in (c.html or "").replace(" ", ""))
               for c in _own(table, "td, th"))


def _cell_html(cell: LexborNode) -> str:
    """A layout cell's contents, its navigation boxes (a table of one column of links)
    as blocks too."""
    html = cell.inner_html or ""
    if "<table" not in html:
        return html
    inner = LexborHTMLParser(f"<div>{html}</div>")
    for table in inner.css("table"):
        rows = _own(table, "tr")
        cells = _own(table, "td, th")
        text = sum(len(c.text(strip=True)) for c in cells)
        linked = sum(len(a.text(strip=True)) for c in cells for a in c.css("a"))
        if rows and all(sum(c.tag in ("td", "th") for c in r.iter()) <= 1 for r in rows) \
                and text > 0 and linked >= 0.8 * text:
            nav = LexborHTMLParser("<div>" + "".join(
                f"<div>{c.inner_html or ''}</div>" for c in cells) + "</div>").css_first(
                    "body > div")
            if nav is not None:
                table.replace_with(nav)
    body = inner.css_first("body > div")
    return (body.inner_html or "") if body is not None else html


def _hidden(node: LexborNode) -> bool:
    attrs = node.attributes
    return "hidden" in attrs or attrs.get("aria-hidden") == "true" or \
        _HIDDEN.search(attrs.get("style") or "") is not None


def _own(table: LexborNode, selector: str) -> list[LexborNode]:
    """The elements ``selector`` finds in ``table`` that belong to it, not to a table
    inside it."""
    out = []
    for node in table.css(selector):
        current = node.parent
        while current is not None and current.tag != "table":
            current = current.parent
        if current is not None and current.mem_id == table.mem_id:
            out.append(node)
    return out


def _in_table(node: LexborNode) -> bool:
    current = node.parent
    while current is not None and current.tag != "table":
        current = current.parent
    return current is not None


#: A page's section that labels it satire (``article:section``, JSON-LD ``articleSection``
#: or ``genre``), its disclaimer boxes, and the words in one that say so.
_SATIRE_SECTION = re.compile(r"(?i)\s*(?:satire|parody|spoof|humou?r\s*(?:&|and|/)\s*satire|"
                             r"satire\s*(?:&|and|/)\s*humou?r)\s*")
_DISCLAIMERS = "[class*=disclaimer], [id*=disclaimer], [class*=Disclaimer]"


def _satire_disclaimer(note: str, site_name: str | None) -> bool:
    """Does a disclaimer box open by saying its own site is satire ("The Pellmarsh Ferret
    is a satirical website.", "This site is satire."): the site's name or "this site" the
    subject of the box's first sentence (not a fact-check's ratings box, a legal box about
    April Fools' stories, a group's footer naming a sister site)?"""
    subject = r"this\s+(?:site|website|publication)"
    if site_name and len(site_name.strip()) > 3:
        subject += "|" + re.escape(site_name.strip())
    return re.match(rf"(?i)\s*(?:{subject})\s+is\s+(?:a\s+)?(?:satire|satirical)\b", note) \
        is not None


def parse_html(html: str, source: str, url: str | None = None) -> Doc:
    """Turn one HTML page into a Doc with its embedded posts placed in the text."""
    html = _cap_depth(_cap_attributes(html))
    try:
        tree = LexborHTMLParser(html)
    except Exception as exc:  # noqa: BLE001 - selectolax raises bare errors on bad input
        raise InputError(f"HTML could not be parsed: {exc}", code=BAD_HTML) from None
    texts = _headline_texts(tree)
    headlines = _headlines(texts)
    meta = _meta(tree, headlines, texts)
    # A disclaimer box (extraction drops it as furniture) may label the page satire.
    disclaimers = [n.text() or "" for n in tree.css(_DISCLAIMERS)]
    # Scripts never hold article or post text (and must never end up in it); Telegram's
    # widget is a script that names its post ("CHANNEL/ID"): an empty stand-in keeps that.
    for node in tree.css("script, style, template"):
        post = node.attributes.get("data-telegram-post") if node.tag == "script" else None
        stand_in = LexborHTMLParser(f'<div data-telegram-post="{escape(post.strip())}"></div>'
                                    ).css_first("div") if post else None
        if stand_in is not None:
            node.replace_with(stand_in)
        else:
            node.decompose()
    # An author's bio box ("X is our Capitol correspondent ...") is about the writer, not
    # the story; trafilatura keeps some.
    bios = tree.css(_BIO_BOXES)
    page_chars: int | None = None
    if bios:
        page_chars = len(tree.body.text(strip=True)) if tree.body is not None else 0
        for node in bios:
            if _is_bio_box(node, page_chars):
                node.decompose()
    # Nor are ads, shopping boxes, pull quotes and newsletter sign-up boxes; trafilatura
    # keeps some of each. One query finds them all, in page order (a box two selectors
    # match is listed twice: judged once).
    named = list({n.mem_id: n for n in tree.css(
        f"{_FURNITURE}, {_PULLQUOTES}, {_SIGNUP_BOXES}")}.values())
    if named:
        furniture = {n.mem_id for n in tree.css(_FURNITURE)}
        boxes = []
        for node in named:
            if node.mem_id in furniture:  # (an ad that is also named a pull quote: an ad)
                boxes.append((node, "furniture"))
            elif kind := _pullquote_kind(node):
                boxes.append((node, kind))
            elif "newsletter" in (node.attributes.get("class") or "").lower():
                boxes.append((node, "signup"))
        if page_chars is None:
            page_chars = len(tree.body.text(strip=True)) if tree.body is not None else 0
        # All are judged first, then the outermost removed (a box inside a removed one
        # goes with it and is not touched again). Whether a box is inside a removed one
        # is remembered for each box climbed through: linear on nested boxes.
        drop = _furniture_to_drop(boxes, page_chars, tree)
        dropped = {node.mem_id for node in drop}
        below: dict[int, bool] = {}  # a node -> is it, or a box around it, removed?
        for node in drop:
            path: list[int] = []
            parent = node.parent
            covered = False
            while parent is not None:
                if parent.mem_id in below:
                    covered = below[parent.mem_id]
                    break
                if parent.mem_id in dropped:
                    covered = True
                    break
                path.append(parent.mem_id)
                parent = parent.parent
            below.update((m, covered) for m in path)
            if not covered:
                node.decompose()
    units = _find_embeds(tree)
    embeds = [emb for box in units for emb in box.members]
    stem = hashlib.sha256(html.encode("utf-8", "replace")).hexdigest()[:16]
    if units:
        # One small parse makes all placeholder paragraphs: one per box, holding its
        # posts' markers a space apart (trafilatura drops the text after a paragraph
        # that holds a line break, or after a div; ``_place_posts`` puts a blank line
        # between the posts).
        first = list(accumulate((len(box.members) for box in units), initial=0))
        holder = LexborHTMLParser("".join(
            "<p>" + " ".join(_MARKER.format(stem, i)
                             for i in range(first[k], first[k + 1])) + "</p>"
            for k in range(len(units)))).body
        assert holder is not None
        for box, placeholder in zip(units, holder.iter(), strict=True):
            box.node.replace_with(placeholder)
    marked = tree.css_first("article, main") is not None
    if not marked:
        _unlay_tables(tree)
    page = tree.html or ""
    text = _extract(page, url or meta["url"], marked, headlines)
    if not text:
        text = _fallback_text(LexborHTMLParser(page))
    lines = text.split("\n")
    links = ({" ".join(a.text().split()).lower() for a in tree.css("a")}
             if any(_LINK_LINE.match(line) for line in lines) else set())
    text = "\n".join(line for line in lines if not _furniture_line(line, links))
    # One paragraph per block, separated by a blank line, as in plain-text articles.
    text = re.sub(r"[ \t]*\n\s*", "\n\n", text.strip())
    doc_text, posts, missing = _place_posts(text, embeds, stem)
    doc = Doc(
        text=doc_text,
        source=source,
        url=url or meta["url"],
        title=meta["title"],
        published=meta["published"],
        language=meta["language"] or guess_language(doc_text),
        site_name=meta["site_name"],
        author=meta["author"],
        posts=posts,
        meta={"format": "html"},
    )
    if missing:
        doc.meta["embeds_outside_main_text"] = missing
    if _SATIRE_SECTION.fullmatch(meta["section"] or "") or satire_label(doc_text) or any(
            _satire_disclaimer(note, meta["site_name"]) for note in disclaimers):
        # The page's own label: its section ("Satire"), a kicker or disclaimer in its
        # text, or a disclaimer the extraction dropped as furniture
        doc.meta["genre"] = "satire"
    return doc


def _place_posts(text: str, embeds: list[_Embed], stem: str) -> tuple[str, list[Post], int]:
    """Replace each placeholder with its post's text; posts outside the main text go last."""
    parts: list[str] = []
    posts: list[Post] = []
    pos = 0
    length = 0
    placed: set[int] = set()

    def add(emb: _Embed) -> None:
        nonlocal length
        for k, one in enumerate([emb, *emb.thread]):
            if k:
                parts.append("\n\n")
                length += 2
            rendered = one.render()
            start = length
            parts.append(rendered)
            length += len(rendered)
            posts.append(_to_post(one, start, start + len(rendered)))

    for m in re.finditer(_MARKER.format(stem, r"(\d+)"), text):
        i = int(m.group(1))
        chunk = text[pos:m.start()]
        if pos and not chunk.strip():
            chunk = "\n\n"  # between two posts of one box
        parts.append(chunk)
        length += len(chunk)
        pos = m.end()
        if i < len(embeds) and i not in placed:
            placed.add(i)
            add(embeds[i])
    tail = text[pos:]
    parts.append(tail)
    length += len(tail)
    missing = [e for i, e in enumerate(embeds) if i not in placed]
    for emb in missing:
        sep = "\n\n" if length else ""
        parts.append(sep)
        length += len(sep)
        add(emb)
    return "".join(parts), posts, len(missing)


def _to_post(emb: _Embed, start: int, end: int) -> Post:
    links = find_links(emb.text)
    urls = list(dict.fromkeys([*emb.links, *(u for _, _, u in links)]))
    return Post(
        platform=emb.platform,
        text=emb.text,
        start=start,
        end=end,
        handle=emb.handle,
        display_name=emb.display_name,
        posted=emb.posted,
        url=emb.url,
        post_id=emb.post_id,
        links=urls,
        hashtags=find_hashtags(emb.text, links),
        mentions=find_mentions(emb.text, links),
    )
