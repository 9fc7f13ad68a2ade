"""Evidence checks: does what the article says about reactions stand on what it quotes?

Adds flags (each with the offsets of its evidence):

* ``unsupported_generalisation`` — a prose sentence generalises about reactions ("many on
  social media…", "critics…", "others pointed out…"). The posts quoted after it (up to the
  next such sentence) are its support; flagged when fewer than ``min_support`` (3) support
  it, or when the claim has a direction ("called out", "slammed" → AGAINST; "praised",
  "defended" → FAVOR) and fewer than half of those posts take that stance toward the
  claim's target (the person the sentence names, else the article's subject).
* ``single_source`` — two or more quoted posts, all from one or two accounts.
* ``unsourced_post`` — a post embedded in an HTML page with neither a status link nor an
  id: nothing lets a reader find the original.
"""

from __future__ import annotations

import re

from ..config import Setting
from ..doc import Doc, Flag, Post
from .base import Analyzer
from .common import main_subject

GENERALISATION = re.compile(
    r"\b(?:many|several|some|most|countless|numerous|plenty of|a (?:lot|number|host|slew) of|"
    r"scores of|dozens of|hundreds of|thousands of|other)\s+(?:\w+\s+){0,2}?"
    r"(?:people|users|critics|commenters|commentators|observers|fans|followers|voters|"
    r"viewers|others|folks|tweeters|netizens|conservatives|liberals|democrats|republicans|"
    r"on (?:social media|twitter|x|facebook|instagram|tiktok|the internet))\b"
    r"|\bcritics\b|\bothers (?:pointed out|noted|said|argued|chimed in|responded|replied|"
    r"wrote|asked|weighed in|called)\b"
    r"|\b(?:social media|twitter|the internet)\s+(?:users\s+)?(?:erupted|exploded|lit up|"
    r"reacted|was quick|were quick|blew up|went wild)\b"
    r"|\bpeople (?:took to|on) (?:twitter|social media|x|facebook)\b"
    r"|\b(?:backlash|outcry|uproar)\b", re.I)
_AGAINST = re.compile(
    r"\b(?:call(?:ed|ing)? out|slam\w*|blast\w*|critici[sz]\w*|mock\w*|ridicul\w*|attack\w*|"
    r"accus\w*|ripp?\w*|torch\w*|roast\w*|raked|hit back|lash\w* out|condemn\w*|backlash|"
    r"outcry|hypocri\w*|bash\w*|denounc\w*|skewer\w*|troll\w*|savag\w*|shred\w*)\b", re.I)
_FAVOR = re.compile(r"\b(?:prais\w*|defend\w*|applaud\w*|support\w*|rall(?:y|ied|ying) "
                    r"(?:behind|around|to)|cheer\w*|thank\w*|celebrat\w*|laud\w*|back(?:ed|ing))\b",
                    re.I)


class EvidenceChecks(Analyzer):
    """Analyzer: ``unsupported_generalisation``, ``single_source`` and ``unsourced_post``."""

    name = "evidence"
    requires = ("posts", "sentences", "entities", "posts.stance")
    assigns = ("flags",)
    settings = {
        "min_support": Setting(3, "A generalisation about reactions needs at least this many "
                               "quoted posts after it, or it is flagged "
                               "unsupported_generalisation.", min=1),
        "single_source_accounts": Setting(2, "Two or more quoted posts from at most this many "
                                          "accounts get a single_source flag.", min=1),
    }

    def __call__(self, doc: Doc) -> Doc:
        doc.flags.extend(self.generalisations(doc))
        doc.flags.extend(self.single_source(doc))
        doc.flags.extend(self.unsourced(doc))
        return doc

    # -- unsupported generalisations ---------------------------------------------------
    def generalisations(self, doc: Doc) -> list[Flag]:
        min_support = self.config["min_support"]
        claims = [s for s in doc.sentences if GENERALISATION.search(doc.text[s.start:s.end])]
        people = [e for e in doc.entities if e.type == "person"]
        subject = main_subject(doc, people)
        flags = []
        for n, claim in enumerate(claims):
            start, end = claim.start, claim.end
            stop = claims[n + 1].start if n + 1 < len(claims) else len(doc.text)
            support = [i for i, p in enumerate(doc.posts) if end <= p.start < stop]
            text = doc.text[start:end]
            direction = ("AGAINST" if _AGAINST.search(text)
                         else "FAVOR" if _FAVOR.search(text) else None)
            named = [e for e in people
                     if any(m.post is None and start <= m.start < end for m in e.mentions)]
            target = named[0] if named else subject
            claim_text = _short(text)
            if len(support) < min_support:
                posts = ", ".join(f"#{i}" for i in support) or "none"
                flags.append(Flag(
                    "unsupported_generalisation",
                    f"\u201c{claim_text}\u201d generalises about reactions but {len(support)} "
                    f"quoted post(s) follow it (posts: {posts}); fewer than {min_support}.",
                    start, end))
                continue
            if direction and target is not None:
                agree = [i for i in support
                         if _label(doc.posts[i], target.id) == direction]
                if len(agree) * 2 < len(support):
                    flags.append(Flag(
                        "unsupported_generalisation",
                        f"\u201c{claim_text}\u201d says reactions are {direction} "
                        f"{target.name}, but only {len(agree)} of the {len(support)} quoted "
                        f"posts that follow take that stance (posts: "
                        f"{', '.join(f'#{i}' for i in support)}).", start, end))
        return flags

    # -- single source -----------------------------------------------------------------
    def single_source(self, doc: Doc) -> list[Flag]:
        if len(doc.posts) < 2:
            return []
        accounts: dict[str, list[int]] = {}
        for i, p in enumerate(doc.posts):
            key = (p.handle or p.display_name or "").lower().lstrip("@")
            if not key:
                return []  # an unattributed post: the number of accounts is unknown
            accounts.setdefault(key, []).append(i)
        if len(accounts) > self.config["single_source_accounts"]:
            return []
        first, last = doc.posts[0], max(doc.posts, key=lambda p: p.end)
        names = ", ".join(f"@{k} ({len(v)})" for k, v in accounts.items())
        return [Flag("single_source",
                     f"all {len(doc.posts)} quoted posts come from {len(accounts)} "
                     f"account(s): {names}.", first.start, last.end)]

    # -- unsourced posts ---------------------------------------------------------------
    @staticmethod
    def unsourced(doc: Doc) -> list[Flag]:
        if doc.meta.get("format") != "html":
            return []
        return [Flag("unsourced_post",
                     f"embedded {p.platform} post{_by(p)} has no status link or id: the "
                     "original cannot be checked.", p.start, p.end, post=i)
                for i, p in enumerate(doc.posts) if not p.url and not p.post_id]


def _label(post: Post, target_id: str) -> str | None:
    return next((s.label for s in post.stance if s.target_id == target_id), None)


def _by(post: Post) -> str:
    who = post.handle or post.display_name
    return f" by {who}" if who else ""


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "\u2026"
