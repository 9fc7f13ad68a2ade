"""Evidence checks: does what the article says about reactions stand on what it quotes?

Every check that runs is kept in ``doc.checks`` with its status (``supported``,
``flagged`` or ``not_checkable``), the posts it looked at and a one-line reason; each
flagged one is also a flag.

* ``generalisation`` — one of the outlet's own sentences generalises about how people
  reacted or what a group thinks ("plenty of people online blasted…", "critics said…").
  Only the outlet's prose counts (never words inside quotation marks or posts), and only a
  sentence that says how people reacted or what they think — "some lived in camps; others
  followed friends" is not a claim about reactions; one that reports reactions both ways —
  two groups, one praising or agreeing and one criticising, or opinion divided — is not
  checkable: it has no side for posts to bear out. The posts quoted after it (up to the
  next such sentence) are what it can stand on. With a direction ("called out", "slammed"
  → AGAINST; "praised", "defended" → FAVOR), a post supports it when it takes that stance
  toward the claim's target — the person it names, else the story's subject where it
  points at a person ("called out her hypocrisy"), else none (sarcastic praise is not
  praise); without a direction or a target the posts after it are counted, never
  weighed: not checkable, however many or few (two posts quoted as examples do not make
  "many people" wrong). Supported with at least ``min_support`` supporting posts that
  are at least half of the posts saying a stance; otherwise flagged
  (``unsupported_generalisation``), or
  not checkable when no post quoted for it was read (none follow it, and it is not
  about reactions online), or when only posts that say nothing the model can read about
  the target could bear it out. Those are the posts the model leans the claim's way on
  but will not give that side (below the level a side needs: most often toward people no
  stance model saw), and the posts where no mention of the target was found (a reply
  about the decision, not the person, has no stance toward them); the target's own posts
  are not reactions to them and are left out. Such posts are no evidence either way. The
  posts that do say a stance can still contradict the claim: when at least
  ``min_support`` of them take or lean to another side, or clearly take none, and they
  are most of the posts that say anything, it is flagged whatever the silent ones might
  hold; so is a claim too few posts follow to bear it out.
* ``single_source`` — whether the quoted posts come from more than one or two accounts;
  not checkable when there are only one or two posts, each from its own account.
  Headline link shares (:func:`.common.link_share`: an outlet's "read more" embeds — a
  title-case headline ending in a link, from any account, or any post by the outlet's
  own account when the page names the outlet) are neither sources nor reactions and are
  left out, and so are the posts of the person the story is about (a record of their own
  statements: a trial's evidence, a hypocrisy story's old posts, a politician's posts of
  the day — quoting the principal is not single-sourcing) — but leaving posts out may only
  take a flag away, never raise one.
* ``unsourced_post`` — whether each post embedded in an HTML page has a status link or id.
"""

from __future__ import annotations

import re

from ..config import Setting
from ..doc import Check, Doc, Entity, Flag, Post
from .base import Analyzer
from .common import is_author, link_share, main_subject, outlet_keys, sentence_bounds
from .entities import unlisted_names

GENERALISATION = re.compile(
    r"\b(?:many|several|some|most|countless|numerous|plenty of|a (?:lot|number|host|slew) of|"
    r"scores of|dozens of|hundreds of|thousands of|other)\s+"
    # (Not an idiom of how long or how far: "discussed at some length on social media".)
    r"(?!(?:length|time|while|extent|degree|detail|point|way)\b)(?:\w+\s+){0,2}?"
    r"(?:people|users|critics|commenters|commentators|observers|fans|followers|voters|"
    r"viewers|others|folks|tweeters|netizens|conservatives|liberals|democrats|republicans|"
    r"on (?:social media|twitter|x|facebook|instagram|tiktok|the internet))\b"
    # (Not an owner of things: "other people's prices", "many users' data"; "many users'
    # replies" is a reaction.)
    r"(?!['’]s?\s+(?:\w+\s+)?(?:data|accounts?|details|cars?|homes?|houses?|children|kids|lives|"
    r"passwords?|tickets?|prices?|pay|wages|money|jobs?|pensions?|savings|property|"
    r"information|names?|photos?|rights|health|safety|time|bills?|phones?|addresses)\b)"
    # critics as who reacts ("critics said", "When critics questioned"), not critics named
    # something in quotation marks ('a member who called 20mph critics "flat-earthers"': a
    # fresh audit's headline read as a generalisation)
    r"|\bcritics\b(?!\s*[\"“])|\bothers (?:pointed out|noted|said|argued|chimed in|responded|replied|"
    r"wrote|asked|weighed in|called)\b"
    r"|\b(?:social media|twitter|the internet)\s+(?:users\s+)?(?:erupted|exploded|lit up|"
    r"reacted|was quick|were quick|blew up|went wild)\b"
    r"|\bpeople (?:took to|on) (?:twitter|social media|x|facebook)\b"
    # An outcry as something caused, met or felt ("sparked a backlash", "faced an outcry
    # online", "an uproar from fans"), not the noun alone ("the backlash to the backlash:",
    # introducing one post).
    r"|\b(?:spark\w*|dr[ae]w|drawn|drawing|fac(?:e|ed|es|ing)|prompt\w*|trigger\w*|provok\w*|"
    r"caus\w*|ignit\w*|fuel\w*|led to|met with|receiv\w*|unleash\w*|stirr?\w*)\s+"
    r"(?:\w+\s+){0,3}?(?:backlash|outcry|uproar)\b"
    r"|\b(?:backlash|outcry|uproar)\s+(?:online|on (?:social media|twitter|x|facebook|"
    r"instagram|tiktok)|(?:from|among)\s+(?:\w+\s+){0,2}?(?:people|users|fans|critics|"
    r"residents|voters|viewers|followers|supporters|parents|readers|customers))\b", re.I)
_AGAINST = re.compile(
    r"\b(?:call(?:ed|ing)? out|slam\w*|blast\w*|critici[sz]\w*|mock\w*|ridicul\w*|attack\w*|"
    r"accus\w*|ripp?\w*|torch\w*|roast\w*|raked|hit back|lash\w* out|condemn\w*|backlash|"
    r"outcry|hypocri\w*|bash\w*|denounc\w*|skewer\w*|troll\w*|savag\w*|shred\w*)\b", re.I)
_FAVOR = re.compile(r"\b(?:prais\w*|defend\w*|applaud\w*|support\w*|rall(?:y|ied|ying) "
                    r"(?:behind|around|to)|cheer\w*|thank\w*|celebrat\w*|laud\w*|back(?:ed|ing))\b",
                    re.I)

#: A group reacting for someone, as a verb ("praised", "agree with", "stood by"; not the
#: nouns "supporters", "welcome"): a contrasting clause's side in :func:`_both_ways`.
_FOR_VERB = re.compile(r"\b(?:prais(?:e|es|ed|ing)|defend(?:s|ed|ing)?|applaud(?:s|ed|ing)?|"
                       r"support(?:ed|ing)|cheer(?:s|ed|ing)|thank(?:s|ed|ing)|"
                       r"celebrat(?:e|es|ed|ing)|laud(?:s|ed|ing)?|back(?:ed|ing)|"
                       r"agree(?:s|d|ing)? with|sid(?:e|es|ed|ing) with|st(?:and|ands|ood) by|"
                       r"welcom(?:ed|ing)|rall(?:y|ied|ying) (?:behind|around|to))\b", re.I)
#: Opinion said to be divided: no one side for posts to bear out.
_SPLIT = re.compile(r"\b(?:(?:opinion|opinions|reaction|reactions|response|responses|views|"
                    r"people|users|fans|readers|voters|critics|social media|the internet)\s+"
                    r"(?:was|were|is|are|has been|have been|seemed|seems|appeared|remains?|"
                    r"remained)\s+(?:sharply |deeply |bitterly |evenly )?(?:divided|split|mixed)|"
                    r"mixed (?:reactions?|responses?|feelings|reviews)|divided opinions?)\b",
                    re.I)
#: Where a second group is set against the first ("…; others …", "while some …").
_CONTRAST = re.compile(r"\bothers\b|\bother (?:people|users|fans|readers|voters|critics)\b|"
                       r"\bwhile (?:some|many|others|a few)\b|\bwhereas\b", re.I)


def _side(clause: str) -> str | None:
    """A clause's side: against when it criticises (whatever for), else for."""
    return ("AGAINST" if _AGAINST.search(clause) else
            "FAVOR" if _FOR_VERB.search(clause) else None)


def _both_ways(sentence: str) -> bool:
    """Does the sentence report reactions both ways — two groups on opposite sides ("some
    agree with it; others mocked it") — or opinion divided? Then no post can bear it out
    or contradict it on one side. Each group's side is read from its own clause, so one
    group criticising someone for backing something ("slammed her for backing the bill,
    while others accused her of ...") is one way, and so is "others agreed"."""
    if _SPLIT.search(sentence):
        return True
    m = _CONTRAST.search(sentence)
    if m is None:
        return False
    first, second = _side(sentence[:m.start()]), _side(sentence[m.start():])
    return first is not None and second is not None and first != second


#: A sentence about how people reacted or what they think (not what else they did).
_REACTION = re.compile(
    r"\b(?:sa(?:y|ys|id)|call(?:ed|ing|s)?|slam\w*|blast\w*|critici[sz]\w*|prais\w*|"
    r"defend\w*|react\w*|respond\w*|repl(?:y|ied|ies)|took to|tak(?:e|es|ing) to|"
    r"tweet\w*|post(?:ed|ing)|wr(?:ote|ite|ites)|argu\w*|accus\w*|mock\w*|ridicul\w*|"
    r"condemn\w*|denounc\w*|attack\w*|applaud\w*|cheer\w*|thank\w*|celebrat\w*|"
    r"believ\w*|think\w*|thought|feel\w*|felt|agree\w*|disagree\w*|question\w*|"
    r"point(?:ed|ing)? out|not(?:ed|ing)|complain\w*|object\w*|back(?:ed|ing)|support\w*|"
    r"oppos\w*|welcom\w*|outrag\w*|furious|angry|divided|split|erupt\w*|explod\w*|"
    r"backlash|outcry|uproar|lit up|weigh(?:ed)? in|chim(?:ed|e) in|voic\w*|express\w*|"
    r"hypocri\w*)\b", re.I)


#: A claim about reactions online: the posts an article quotes are what it stands on.
_ONLINE = re.compile(r"\b(?:social media|online|twitter|x\.com|facebook|instagram|tiktok|"
                     r"the internet|users|tweet\w*|post(?:s|ed)?|netizens|viral)\b", re.I)


#: Words around a quotation that say it was posted ('"…," wrote one parent on
#: Facebook', '"…," one user replied'): not a statement's, a placard's or a speech's.
_POSTED_IN_PROSE = re.compile(r"(?i)\b(?:wrote|writes|posted|posts|tweeted|tweets|commented|"
                              r"replied|replies|shared|user|commenter|follower|online|"
                              r"Facebook|Instagram|Twitter|TikTok|Threads|Bluesky|Mastodon|"
                              r"Reddit|on\s+X)\b")


def _sentence_around(text: str, start: int, end: int) -> str:
    """The words of the sentence (or line) a quotation stands in, before and after it."""
    lo, hi = sentence_bounds(text, start, end + 1)
    return text[lo:start] + " " + text[end:hi]


class EvidenceChecks(Analyzer):
    """Analyzer: ``doc.checks`` (generalisation, single_source, unsourced_post) and a flag
    for each flagged one."""

    name = "evidence"
    requires = ("posts", "sentences", "entities", "quotes", "posts.stance",
                "posts.scores.irony_label")
    assigns = ("checks", "flags")
    settings = {
        "min_support": Setting(3, "A generalisation about reactions needs at least this many "
                               "quoted posts after it that bear it out to be supported; "
                               "it is flagged unsupported_generalisation when fewer could, "
                               "or when this many that say a stance contradict it (and "
                               "are most of those that say one), and is not_checkable "
                               "otherwise.", min=1, max=1_000),
        "single_source_accounts": Setting(2, "Quoted posts all from at most this many "
                                          "accounts get a single_source flag — unless there "
                                          "are only that many posts, one per account.",
                                          min=1, max=1_000),
    }

    def __call__(self, doc: Doc) -> Doc:
        people = [e for e in doc.entities if e.type == "person"]
        subject = main_subject(doc, people)
        checks = (self.generalisations(doc, people, subject) + self.single_source(doc, subject)
                  + self.unsourced(doc))
        doc.checks.extend(checks)
        doc.flags.extend(Flag(_FLAG_KIND.get(c.kind, c.kind), c.reason, c.start, c.end,
                              post=c.posts[0] if c.kind == "unsourced_post" else None)
                         for c in checks if c.status == "flagged")
        return doc

    # -- generalisations about reactions -----------------------------------------------
    def generalisations(self, doc: Doc, people: list[Entity],
                        subject: Entity | None) -> list[Check]:
        min_support = self.config["min_support"]
        quoted = [(q.start, q.end) for q in doc.quotes]
        claims = [s for s in doc.sentences if _claim(doc.text, s.start, s.end, quoted)]
        checks: list[Check] = []
        for n, claim in enumerate(claims):
            start, end = claim.start, claim.end
            stop_all = claims[n + 1].start if n + 1 < len(claims) else len(doc.text)
            stop = _next_heading(doc, end, stop_all)
            # Posts past a heading are another section's; a line read as a heading may be
            # none ("Advertisement"), so the cut never makes a flag on its own.
            cut_away = [i for i, p in enumerate(doc.posts) if stop <= p.start < stop_all
                        and (p.handle or p.display_name)]
            n_checks = len(checks)
            # A post no one signs (a video's title) is no one's reaction.
            after = [i for i, p in enumerate(doc.posts) if end <= p.start < stop
                     and (p.handle or p.display_name)]
            text = doc.text[start:end]
            claim_text = _short(text)
            if not doc.posts or not (after or _ONLINE.search(text)):
                checks.append(Check("generalisation", "not_checkable", start, end,
                                    f"\u201c{claim_text}\u201d generalises about reactions; "
                                    "no quoted post was read after it to check it "
                                    "against (posts quoted only in the prose may go "
                                    "unread)."))
                continue
            # What side and whom the claim is about: read in its clause about the group.
            a, b = _clause(doc.text, start, end, quoted)
            said = doc.text[a:b]
            if _both_ways(text):
                checks.append(Check("generalisation", "not_checkable", start, end,
                                    f"\u201c{claim_text}\u201d reports reactions both ways "
                                    "(or divided opinion): no side for the posts after it to "
                                    "bear out.", after))
                continue
            direction = ("AGAINST" if _AGAINST.search(said)
                         else "FAVOR" if _FAVOR.search(said) else None)
            named = [e for e in people
                     if any(m.post is None and a <= m.start < b for m in e.mentions)]
            # A claim that names no one is about the story's subject only when it points
            # at a person ("called out her hypocrisy"); "criticised the county's text
            # alerts" is about the alerts, which no post's stance toward the subject tells.
            # A pointer whose clause names no one, in a sentence whose other clause names
            # someone besides the subject, may be theirs or the subject's ("When Ana Ruiz
            # criticised the budget, many online slammed her"; "When Tom Reyes questioned
            # ..., many slammed her"): no one to check against.
            in_sentence = [e for e in people if any(
                m.post is None and start <= m.start < end for m in e.mentions)]
            # ... or a name the entity layers did not list ("When Whitfield's deputy Ana
            # Ruiz announced the closures, many slammed her": a reviewer's wrong
            # "supported", toward the mayor).
            if named:
                target: Entity | None = named[0]
            elif not _POINTS_AT.search(said) or any(
                    subject is None or e.id != subject.id for e in in_sentence) or \
                    unlisted_names(doc.text, start, end, [
                        (m.start, m.end) for e in people for m in e.mentions if m.post is None]):
                target = None
            else:
                target = subject
            unsure: list[int] = []
            silent: list[int] = []
            own: list[int] = []
            aside = ""
            if direction and target is not None:
                # The target's own posts are not reactions to them.
                own = [i for i in after if is_author(doc.posts[i], target, doc.entities)]
                rest = [i for i in after if i not in own]
                agree = [i for i in rest if _bears_out(doc.posts[i], target.id, direction)]
                unsure = [i for i in rest if _leans_to(doc.posts[i], target.id, direction)]
                silent = [i for i in rest if _silent(doc.posts[i], target.id)]
                verb, what = "take", f"that stance ({direction}) toward {target.name}"
                aside = "; ".join(
                    ([f"the model leans that way but is not sure on {_ids(unsure)}"]
                     if unsure else [])
                    + ([f"no mention of {target.name} was found in {_ids(silent)}"]
                       if silent else [])
                    + ([f"{_ids(own)} {'is' if len(own) == 1 else 'are'} {target.name}'s "
                        f"own {'post' if len(own) == 1 else 'posts'}"] if own else []))
            else:
                rest = after
                agree, verb, what = after, "follow", "it"
            listed = _ids(after) or "none"
            # Posts that say nothing the model can read about the target are no evidence
            # either way: those it leans the claim's way on but will not give that side,
            # and those where no mention of the target was found (a reply about the
            # decision, not the person). A claim only they could bear out is not
            # checkable, never flagged.
            # The posts that do say a stance can still contradict it: when at least
            # min_support of them take or lean to another side, or clearly take none, and
            # they are most of the posts that say anything, the claim is flagged whatever
            # the silent ones might hold. Fewer than that are too little to outweigh them.
            readable = [i for i in rest if i not in unsure and i not in silent]
            unknown = len(unsure) + len(silent)
            contra = len(readable) - len(agree)
            contradicted = (contra >= min_support
                            and (len(agree) + len(unsure)) * 2 < len(readable) + len(unsure))
            if not (direction and target is not None):
                # The claim names no side (or no one) to read the posts after it against:
                # their number is known, not whether they bear it out — and a few posts
                # quoted as examples ("Several readers have written …; one posted:") do not
                # show that the claim is wrong.
                checks.append(Check("generalisation", "not_checkable", start, end,
                                    f"\u201c{claim_text}\u201d generalises about reactions; "
                                    f"{_read_after(len(after))} (posts: {listed}), but it "
                                    "names no side or no "
                                    f"one the model can check {_them(len(after))} against.",
                                    after))
            elif len(agree) >= min_support and len(agree) * 2 >= len(readable):
                checks.append(Check("generalisation", "supported", start, end,
                                    f"\u201c{claim_text}\u201d: "
                                    f"{_of(len(agree), len(after), verb)} {what} "
                                    f"(posts: {listed}{'; ' + aside if aside else ''}).",
                                    after))
            elif unknown and len(agree) + unknown >= min_support and not contradicted:
                checks.append(Check("generalisation", "not_checkable", start, end,
                                    f"\u201c{claim_text}\u201d generalises about reactions: "
                                    f"{_of(len(agree), len(after), verb)} {what}, and "
                                    f"{unknown} of them {'is' if unknown == 1 else 'are'} no "
                                    f"evidence either way: {aside} (posts: {listed}; "
                                    f"{min_support} would bear it out).", after))
            elif contradicted:
                checks.append(Check("generalisation", "flagged", start, end,
                                    f"\u201c{claim_text}\u201d generalises about reactions, "
                                    f"but {_of(len(agree), len(after), verb)} {what} and "
                                    f"{contra} {'says' if contra == 1 else 'say'} another side "
                                    "or none "
                                    f"(posts: {listed}{'; ' + aside if aside else ''}; "
                                    f"{min_support} would bear it out).", after))
            elif len(agree) + len(unread := [
                    q for q in doc.quotes if q.kind == "direct" and q.post is None
                    and end <= q.start < stop and len(q.text.split()) >= 4
                    and (target is None or q.speaker_id != target.id)
                    and _POSTED_IN_PROSE.search(_sentence_around(doc.text, q.start, q.end))
                    ]) >= min_support:
                # Too few posts read bear it out, but the article quotes more after it that
                # were not read as posts (reactions quoted in prose: "wrote one customer"):
                # what they hold is unknown (a fresh audit's brand apology, flagged with its
                # one post read and four critics' posts quoted after it)
                checks.append(Check("generalisation", "not_checkable", start, end,
                                    f"\u201c{claim_text}\u201d generalises about reactions: "
                                    f"{_of(len(agree), len(after), verb)} {what} (posts: "
                                    f"{listed}{'; ' + aside if aside else ''}), but "
                                    f"{len(unread)} "
                                    f"{'quotation' if len(unread) == 1 else 'quotations'} after "
                                    f"it may be posts echoscope did not read, not weighed; "
                                    f"{min_support} would bear it out.",
                                    after))
            else:  # too few bear it out, and too few contradict it
                checks.append(Check("generalisation", "flagged", start, end,
                                    f"\u201c{claim_text}\u201d generalises about reactions, "
                                    f"but too few posts bear it out: "
                                    f"{_of(len(agree), len(after), verb)} {what} (posts: {listed}"
                                    f"{'; ' + aside if aside else ''}), and {min_support} "
                                    "would bear it out.", after))
            if cut_away and len(checks) > n_checks and checks[-1].status == "flagged":
                checks[-1] = Check("generalisation", "not_checkable", start, end,
                                   f"\u201c{claim_text}\u201d generalises about reactions; "
                                   f"the posts after it in its section do not bear it out, "
                                   f"and those after the line read as a heading "
                                   f"({_ids(cut_away)}) were not weighed.", after)
        return checks

    # -- single source -----------------------------------------------------------------
    def single_source(self, doc: Doc, subject: Entity | None) -> list[Check]:
        if len(doc.posts) < 2:
            return []
        first, last = doc.posts[0], max(doc.posts, key=lambda p: p.end)
        everyone = list(range(len(doc.posts)))
        # Link shares of headlines (an outlet's "read more" embeds of its other stories)
        # are neither sources nor reactions: they are left out. Leaving posts out may
        # only take a flag away, never raise one: the rule is not sure enough of what a
        # link share is for that.
        outlet = outlet_keys(doc)
        shares = [i for i in everyone if link_share(doc.posts[i], outlet)]
        # The posts of the person the story is about are their own statements, quoted as a
        # record of what they said (the evidence of a trial, a hypocrisy story's old posts,
        # a politician's posts of the day), not a sample of reactions: left out the same
        # way — quoting the principal is not single-sourcing, even when their posts are all
        # the story quotes. (Not those of any other person the prose names often: a
        # commentator whose posts carry a story about someone else is its single source.)
        own = [i for i in everyone if i not in shares and subject is not None
               and is_author(doc.posts[i], subject, doc.entities)]
        status, reason = self._sourcing(doc, everyone)
        if shares or own:
            sources = [i for i in everyone if i not in shares and i not in own]
            fewer, why = self._sourcing(doc, sources)
            if fewer != "flagged" or status == "flagged":
                status = fewer
                left = "; ".join(
                    [f"{_ids(shares)}: headline link shares"] * bool(shares)
                    + [f"{_ids(own)}: posts of the person the story is about"]
                    * bool(own))
                reason = (f"{len(sources)} of the {len(doc.posts)} quoted posts read "
                          f"{'is a source or reaction' if len(sources) == 1 else 'are sources or reactions'} "
                          f"({left}, left out); {why}")
        return [Check("single_source", status, first.start, last.end, reason, everyone)]

    def _sourcing(self, doc: Doc, posts: list[int]) -> tuple[str, str]:
        """The status of ``posts`` (indices) as sources, and why, in a clause."""
        if len(posts) < 2:
            return "not_checkable", ("too few to tell whether the story leans on one or two "
                                     "accounts.")
        accounts: dict[str, list[int]] = {}
        labels: dict[str, str] = {}
        # The handle a display name has on another of the posts (one person's X post and
        # her Facebook post quoted by her name are one source)
        handle_of = {(p.display_name or "").lower(): p.handle for p in doc.posts
                     if p.handle and p.display_name}
        anonymous = []
        for i in posts:
            p = doc.posts[i]
            # An account by its handle, or (a post the prose quotes by its author's name)
            # by that name, written without the "@" of a handle
            handle = p.handle or handle_of.get((p.display_name or "").lower())
            label = f"@{handle.lstrip('@')}".lower() if handle else (p.display_name or "")
            if not label:
                anonymous.append(i)
                continue
            accounts.setdefault(label.lower(), []).append(i)
            labels.setdefault(label.lower(), label)
        names = ", ".join(f"{labels[k]} ({len(v)})" for k, v in accounts.items())
        most = self.config["single_source_accounts"]
        if anonymous and len(accounts) <= most:
            # A post with no author may be any account's, one of those counted or another:
            # only more accounts than the limit among the others say anything.
            return "not_checkable", (f"{_ids(anonymous)}: no author, so the number of "
                                     "accounts is unknown.")
        if len(posts) <= most and len(accounts) == len(posts):
            # Two posts from two accounts say nothing about leaning on one source.
            return "not_checkable", (f"only {len(posts)} quoted posts read: too few to tell "
                                     "whether the story leans on one or two accounts.")
        if len(accounts) > most:
            return "supported", (f"the {len(posts)} quoted posts read come from "
                                 f"{'at least ' * bool(anonymous)}{len(accounts)} accounts.")
        return "flagged", (f"all {len(posts)} quoted posts read come from {len(accounts)} "
                           f"account{'s' if len(accounts) > 1 else ''}: {names}.")

    # -- unsourced posts ---------------------------------------------------------------
    @staticmethod
    def unsourced(doc: Doc) -> list[Check]:
        if doc.meta.get("format") != "html":
            return []
        out = []
        for i, p in enumerate(doc.posts):
            if p.url or p.post_id:
                out.append(Check("unsourced_post", "supported", p.start, p.end,
                                 f"embedded {p.platform} post{_by(p)} links to its original.",
                                 [i]))
            else:
                out.append(Check("unsourced_post", "flagged", p.start, p.end,
                                 f"embedded {p.platform} post{_by(p)} has no status link or "
                                 "id: the original cannot be checked.", [i]))
        return out


_FLAG_KIND = {"generalisation": "unsupported_generalisation"}


#: A third-person pronoun: a claim that names no one may speak of the story's subject.
_POINTS_AT = re.compile(r"\b(?:he|him|his|himself|she|her|hers|herself)\b", re.IGNORECASE)
_OUTCRY = re.compile(r"\b(?:backlash|outcry|uproar)\b", re.I)
#: An outcry denied or only possible, before the noun in its sentence.
_HEDGED = re.compile(r"\b(?:not|never|no|little|could|might|may|would|will|can)\b|n't\b",
                     re.I)


#: A heading's line: a few words, capitalised or numbered, without a sentence's closing
#: punctuation ("6. The backlash to the backlash", "What happens next").
_HEADING = re.compile(r"[ \t]*(?:\d{1,2}[.)]\s+)?[A-Z0-9][^\n]{0,78}[^\s.!?:;,\"”’'…)\]]"
                      r"[ \t]*")


def _next_heading(doc: Doc, start: int, stop: int) -> int:
    """Where the first heading between ``start`` and ``stop`` begins (a line of its own
    between blank lines, of at most 12 words, outside the posts), else ``stop``: a claim
    speaks for the posts of its own section."""
    text = doc.text
    for m in re.finditer(r"\n\n([^\n]+)(?=\n\n)", text[start:stop]):
        a = start + m.start(1)
        line = m.group(1)
        if _HEADING.fullmatch(line) and len(line.split()) <= 12 and \
                not any(p.start <= a < p.end for p in doc.posts):
            return a
    return stop


#: A modal before a verb of saying or thinking as the generalised group's verb: a reaction
#: supposed, not reported ("plenty of voters would say", "critics might argue"; not "many
#: may have felt", "critics would later say", "could not hide their anger": reports).
_SUPPOSED = re.compile(r"\s+(?:would|could|might|may)\s+(?:well\s+)?(?:say|argue|think|"
                       r"agree|disagree|object|complain|point\s+out|ask|insist|claim|"
                       r"question|believe|feel|call)\b", re.IGNORECASE)
_QUANTIFIERS = frozenset("many several some most countless numerous other scores dozens "
                         "hundreds thousands".split())
_DEFINITE_BEFORE = re.compile(r"\b(?:the|its|her|his|their)\s+$", re.IGNORECASE)


#: A sentence that opens with a clause of time, cause or concession ("When critics
#: questioned the claims, Noor defended Strand"): its clauses say different things.
_OPENING_CLAUSE = re.compile(r"^\W*(?:when|whenever|after|as|while|since|although|though|"
                             r"because|before|until|once|if)\b[^,;:]*,", re.I)


def _clause(text: str, start: int, end: int, quoted: list[tuple[int, int]]) -> tuple[int, int]:
    """The part of the claim ``text[start:end]`` that says how people reacted: where the
    sentence opens with a clause of time, cause or concession (:data:`_OPENING_CLAUSE`),
    the clause the generalisation is in ("When critics questioned the claims" of "…,
    Noor defended Strand": the group's, not what Noor did); else the whole sentence."""
    sentence = text[start:end]
    opening = _OPENING_CLAUSE.match(sentence)
    if opening is None:
        return start, end
    first = next((m for m in GENERALISATION.finditer(sentence)
                  if not any(qs <= start + m.start() and start + m.end() <= qe + 1
                             for qs, qe in quoted)), None)
    if first is None:
        return start, end
    return (start, start + opening.end()) if first.start() < opening.end() else \
        (start + opening.end(), end)


def _claim(text: str, start: int, end: int, quoted: list[tuple[int, int]]) -> bool:
    """Does the outlet's sentence ``text[start:end]`` itself generalise about reactions?
    The generalising words must lie outside quotation marks, and the sentence must say how
    people reacted or what they think."""
    sentence = text[start:end]
    for m in GENERALISATION.finditer(sentence):
        a, b = start + m.start(), start + m.end()
        if any(qs <= a and b <= qe + 1 for qs, qe in quoted):
            continue
        if m.group().split()[0].lower() in _QUANTIFIERS and _DEFINITE_BEFORE.search(
                sentence, max(0, m.start() - 7), m.start()):
            continue  # "the fan account with the most followers", "the other fans": one
            # account or a definite group, no generalisation
        if _SUPPOSED.match(sentence, m.end()):
            continue  # "Plenty of voters would say ...": what they might say, no report
        if _OUTCRY.search(m.group()) and _HEDGED.search(sentence, 0, m.end()):
            continue  # "did not spark a backlash", "could draw an outcry from residents"
        if _REACTION.search(sentence, m.start()):
            return True  # (a reaction said of the group, after it: not "the commission
            # says that in previous years thousands of people applied late", a fresh
            # audit's check on a neutral explainer)
    return False


def _bears_out(post: Post, target_id: str, direction: str) -> bool:
    """Does the post take ``direction`` toward the target? Ironic praise is not praise."""
    label = next((s.label for s in post.stance if s.target_id == target_id), None)
    if direction == "FAVOR" and post.scores.irony_label:
        return False
    return label == direction


def _leans_to(post: Post, target_id: str, direction: str) -> bool:
    """Does the model lean to ``direction`` toward the target in this post without saying
    it (:attr:`~echoscope.doc.Stance.leans`)? Ironic praise does not lean to praise."""
    s = next((s for s in post.stance if s.target_id == target_id), None)
    if s is None or s.leans != direction:
        return False
    return not (direction == "FAVOR" and post.scores.irony_label)


def _silent(post: Post, target_id: str) -> bool:
    """Does the post say nothing toward the target: it never names or addresses them, so
    no stance toward them was measured?"""
    return all(s.target_id != target_id for s in post.stance)


def _read_after(n: int) -> str:
    """How many quoted posts read follow a claim, in words."""
    return ("no quoted post read follows it" if n == 0 else "1 quoted post read follows it"
            if n == 1 else f"{n} quoted posts read follow it")


def _them(n: int) -> str:
    return "it" if n == 1 else "them"


def _of(k: int, n: int, verb: str) -> str:
    """"k of the n quoted posts read after it <verb>", its noun and verb agreeing."""
    if n == 0:
        return f"no quoted post read after it {verb}s"
    return (f"{k} of the {n} quoted {'post' if n == 1 else 'posts'} read after it "
            f"{verb + 's' if k == 1 else verb}")


def _ids(posts: list[int]) -> str:
    return ", ".join(f"#{i}" for i in posts)


def _by(post: Post) -> str:
    who = post.handle or post.display_name
    return f" by {who}" if who else ""


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "\u2026"
