"""Helpers several analyzers share: who wrote a post, who the article is about, names.

Public on purpose: analyzers import these, never each other's private functions.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Any

from ..doc import Doc, Entity, Post

_STRIP = re.compile(r"^(?:the\s+)|(?:['’]s|['’])$|[^\w.\-'’ ]+", re.IGNORECASE)
_TITLES = re.compile(
    r"^(?:president|former president|vice president|senator|sen\.|rep\.|representative|"
    r"governor|gov\.|mayor|justice|judge|dr\.|mr\.|mrs\.|ms\.|prof\.|councillor|councilor|"
    r"secretary|minister|prime minister|king|queen|prince|princess|pope|sir|dame|lord|lady)\s+",
    re.IGNORECASE,
)


def scored_texts(doc: Doc) -> tuple[list[Post], list[str]]:
    """The texts the per-text scorers read: each post with text, then each prose sentence
    (the posts come first, so ``texts[:len(posts)]`` are theirs)."""
    posts = [p for p in doc.posts if p.text.strip()]
    return posts, [p.text for p in posts] + [doc.text[s.start:s.end] for s in doc.sentences]


def clean_name(text: str) -> str:
    """A name as written, without a leading "the", a possessive, titles ("Senator") or
    punctuation: "President Joe Biden's" -> "Joe Biden"."""
    name = " ".join(text.split())
    for _ in range(3):
        new = _STRIP.sub("", name).strip(" -.'’")
        new = _TITLES.sub("", new)
        if new == name:
            break
        name = new
    return name


def is_author(post: Any, e: Entity) -> bool:
    """Is the person ``e`` the author of ``post`` (by handle alias or display name)?"""
    handle = f"@{post.handle}".lower() if post.handle else None
    return (handle is not None and handle in {a.lower() for a in e.aliases}) or (
        post.display_name is not None and post.display_name.lower() == e.name.lower())


def main_subject(doc: Doc, targets: list[Entity]) -> Entity | None:
    """The article's subject: the first person its opening (first 400 characters of prose)
    names, unless another is named more than twice as often; failing that, the person the
    prose names most (at least twice)."""
    def prose(e: Entity) -> list[int]:
        return [m.start for m in e.mentions if m.post is None]

    first_post = min((p.start for p in doc.posts), default=len(doc.text))
    opening = min(400, first_post)
    lead = sorted((e for e in targets if any(pos < opening for pos in prose(e))),
                  key=lambda e: min(prose(e)))
    if lead:
        # News ledes name their subject first; another person takes over only when the
        # prose names them more than twice as often.
        first = lead[0]
        rival = max(lead, key=lambda e: len(prose(e)))
        return rival if len(prose(rival)) > 2 * len(prose(first)) else first
    pool = [e for e in targets if len(prose(e)) >= 2]
    return max(pool, key=lambda e: len(prose(e))) if pool else None


def post_body_end(text: str, post: Post) -> int:
    """Where the post's own text ends and its signature begins (its start if it has none)."""
    if post.text:
        i = text.find(post.text, post.start, post.end)
        if i >= 0:
            return i + len(post.text)
    return post.start


#: Links and picture links inside a post's text.
_LINK = re.compile(r"https?://\S+|\b(?:pic\.(?:twitter|x)\.com|t\.co)/\S+|\bwww\.\S+")
_TAG = re.compile(r"(?<!\w)[#@]\w+")
_ENDS_WITH_LINK = re.compile(r"(?:https?://\S+|\b(?:t\.co|www\.)\S+)(?:\s+(?:https?://)?"
                             r"pic\.(?:twitter|x)\.com/\S+)?\W*$")
_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")
_SITE = re.compile(r"^(?:https?://)?(?:www\d?\.|m\.|amp\.)?([^/:.]+)")


def outlet_keys(doc: Doc) -> set[str]:
    """Lower-case keys naming the article's outlet, from its site name and its address
    (``The Daily Example`` → ``thedailyexample``, ``https://www.example.com/x`` →
    ``example``); keys under four letters are dropped."""
    keys = set()
    if doc.site_name:
        keys.add(re.sub(r"\W+", "", doc.site_name.lower()))
        keys.add(re.sub(r"\W+", "", re.sub(r"^the\s+", "", doc.site_name.lower())))
    if doc.url and (m := _SITE.match(doc.url.lower())):
        keys.add(m.group(1))
    return {k for k in keys if len(k) >= 4}


def link_share(post: Post, outlet: Collection[str] = ()) -> bool:
    """Is the post a link share of a headline rather than a source or a reaction: a post
    by the outlet's own account (its handle or name contains one of ``outlet``), or a
    headline in title case ("Council Votes to Close Eastside Library") ending in a link
    (hashtags and mentions aside)? Posts in capitals throughout are shouting, not
    headlines."""
    who = re.sub(r"\W+", "", f"{post.handle or ''} {post.display_name or ''}".lower())
    if who and any(k in who for k in outlet):
        return True
    text = _TAG.sub(" ", post.text).strip()
    if not _ENDS_WITH_LINK.search(text):
        return False
    words = _WORD.findall(_LINK.sub(" ", text))
    long = [w for w in words if len(w) >= 4]
    if len(long) < 4 or len(words) > 30:
        return False
    capital = sum(w[0].isupper() for w in long)
    shouting = sum(w.isupper() for w in long)
    return capital >= 0.8 * len(long) and shouting < 0.5 * len(long)
