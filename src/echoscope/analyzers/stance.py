"""Stance of each post, each quotation and the article toward each person they concern.

``stance`` (the ``full`` profile) asks the encoder's stance head, which reads the pair
``(target's name, text)``: it was trained so that the target can be anyone, not only the
people in its training data; its probabilities are averaged with the linear model's by
the weight the model card gives (chosen on validation data). ``stance_linear`` (the
``fast`` profile) asks the linear model alone, which reads the text with the target's
names masked as ``TARGET``.

A post concerns the people it names, and the article's main subject when the post
addresses them (second person, or their handle) and the article quotes it as a reaction;
there, "you"/"your" is read as the subject. A direct quotation concerns the people it
names, when it says more than their name. Only people the article establishes are targets:
a full name, a handle or hashtag, or a single name used twice. The article's own stance
toward a person, read from its prose sentences that name them, is off by default
(``article``; when on, it says no side unless ``prose_sides``): the models were chosen on
tweets, and on news articles those sentences are nearly all the texts the model would read.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import partial
from typing import Any

from ..config import Setting
from ..doc import STANCE_LABELS, Doc, Entity, Stance
from ..ml.heads import StanceHead
from ..ml.stance import load_model
from .base import Analyzer
from .classify import PRECISION_HELP, PRECISIONS
from .common import is_author, main_subject
from .posts import REPLYING

#: The ``unseen`` setting's help.
UNSEEN_HELP = ("How a side toward someone no stance model saw in training is decided: strict "
               "(it needs the model card's stricter level for someone new, chosen so that on "
               "tweets that take a side it is about as often right as a side toward someone "
               "known) or as_seen (the seen people's level, on the same probabilities: many "
               "more sides, far fewer of them right).")
#: The ``prose_sides`` setting's help.
PROSE_SIDES_HELP = ("Whether the article's own stance (from its prose sentences) may say a "
                    "side. The stance models were trained, and their levels chosen, on "
                    "tweets; on news prose they side with people reported neutrally, so by "
                    "default the article's stance gives the probabilities and the side it "
                    "leans to, never FAVOR or AGAINST. Posts and quotations are not "
                    "affected.")
#: The ``article`` setting's help.
ARTICLE_HELP = ("Whether to read the article's own stance toward each person from its prose "
                "sentences that name them. Off by default: on news articles those sentences "
                "are nearly all the texts the stance model would read (in the full profile "
                "about a sixth of the analysis time, benchmarks/README.md), for a result that "
                "says no side (prose_sides) and is shown in no report. Posts and quotations "
                "are read either way.")
_YOU = re.compile(r"\b(?:you|your|yours|yourself|u|ur)\b", re.IGNORECASE)
TARGET_TYPES = ("person", "organization", "group", "place", "event")


@dataclass(slots=True)
class Job:
    """One text to read for stance toward one target: where it is (``post`` index,
    ``quote`` index, or neither for a prose sentence), and whether the target is only
    addressed, not named (``implied``)."""

    target: Entity
    text: str
    post: int | None = None
    quote: int | None = None
    implied: bool = False


class StanceDetector(Analyzer):
    """Analyzer: ``post.stance``, ``quote.stance`` and, where ``article`` is on, the
    article's ``doc.stance`` toward person entities, from the encoder's target-aware
    stance head."""

    name = "stance"
    requires = ("text", "posts", "entities", "sentences", "quotes")
    assigns = ("posts.stance", "quotes.stance", "stance")
    settings = {
        "model_dir": Setting("", "Folder of the stance head (default: the shipped "
                             "models/encoder/stance)."),
        "precision": Setting("auto", PRECISION_HELP, choices=PRECISIONS),
        "threads": Setting(1, "Threads the encoder uses in each worker process.", min=1, max=64),
        "target_types": Setting(["person"], "Entity types stance is measured toward.",
                                choices=TARGET_TYPES),
        "unseen": Setting("strict", UNSEEN_HELP, choices=("strict", "as_seen")),
        "article": Setting(False, ARTICLE_HELP),
        "prose_sides": Setting(False, PROSE_SIDES_HELP),
    }

    def __call__(self, doc: Doc) -> Doc:
        targets = [e for e in doc.entities
                   if e.type in self.config["target_types"] and _established(e)]
        jobs = stance_jobs(doc, targets, prose=self.config["article"])
        if not jobs:
            return doc
        probs, decide = self.score(jobs)
        article: dict[str, tuple[Entity, list[Any]]] = {}
        for job, p in zip(jobs, probs, strict=True):
            if job.post is not None:
                doc.posts[job.post].stance.append(_result(job.target, p, decide))
            elif job.quote is not None:
                doc.quotes[job.quote].stance.append(
                    _result(job.target, p, partial(decide, post=False)))
            else:
                article.setdefault(job.target.id, (job.target, []))[1].append(p)
        prose = partial(decide, post=False) if self.config["prose_sides"] else _no_side
        doc.stance = [_result(e, sum(ps) / len(ps), prose) for e, ps in article.values()]
        return doc

    def score(self, jobs: list[Job]) -> tuple[Any, Any]:
        """FAVOR/AGAINST/NONE probabilities of every job, and the decision rule
        ``decide(p, target name, post=...)``. Where the stance head has a sentiment member
        (the shipped one has none), a post's stance toward someone new also reads its
        sentiment; a quotation's or the prose's never does."""
        head = StanceHead.load(self.config["model_dir"] or None,
                               precision=self.config["precision"],
                               threads=self.config["threads"])
        texts = [_YOU.sub(job.target.name, job.text) if job.implied else job.text
                 for job in jobs]
        probs = head.predict_proba(texts, [job.target.name for job in jobs],
                                   [job.target.aliases for job in jobs],
                                   [job.post is not None for job in jobs],
                                   [job.target.type == "person" for job in jobs])
        return probs, partial(head.decide, strict=self.config["unseen"] == "strict")


class LinearStanceDetector(StanceDetector):
    """Analyzer: the same stances from the linear, target-masked model (fast, weaker on
    people it never saw in training)."""

    name = "stance_linear"
    settings = {
        "model_dir": Setting("", "Folder of the linear stance model (default: the shipped "
                             "models/stance)."),
        "target_types": Setting(["person"], "Entity types stance is measured toward.",
                                choices=TARGET_TYPES),
        "unseen": Setting("strict", UNSEEN_HELP, choices=("strict", "as_seen")),
        "article": Setting(False, ARTICLE_HELP),
        "prose_sides": Setting(False, PROSE_SIDES_HELP),
    }

    def score(self, jobs: list[Job]) -> tuple[Any, Any]:
        model = load_model(self.config["model_dir"] or None)
        texts = [model.mask(job.text, job.target.name, job.target.aliases, you=job.implied)
                 for job in jobs]
        probs = model.predict_proba(texts, [job.target.name for job in jobs])
        strict = self.config["unseen"] == "strict"
        return probs, lambda p, target, post=True: model.decide(p, target, strict=strict)


def stance_jobs(doc: Doc, targets: list[Entity], prose: bool = True) -> list[Job]:
    """Every (text, target) pair the document asks about: posts toward the people they
    name (or address, for the article's subject), direct quotations toward the people they
    name, and (``prose``) prose sentences toward the people they name.

    Each mention is placed in its post, quotation or sentence once (by binary search), so
    the cost grows with the number of mentions, not with posts x mentions or sentences x
    targets."""
    if not targets:
        return []
    subject = main_subject(doc, targets)
    rank = {e.id: k for k, e in enumerate(targets)}
    by_id = {e.id: e for e in targets}
    in_post: dict[int, set[str]] = {}
    for e in targets:
        for m in e.mentions:
            if m.post is not None:
                in_post.setdefault(m.post, set()).add(e.id)
    jobs: list[Job] = []
    for i, post in enumerate(doc.posts):
        if not post.text.strip():
            continue
        named = in_post.get(i, set())
        for eid in sorted(named | ({subject.id} if subject is not None else set()),
                          key=rank.__getitem__):
            e = by_id[eid]
            if is_author(post, e, doc.entities):
                continue  # an author's own post is not a reaction to them
            if eid in named:
                jobs.append(Job(e, post.text, post=i))
            elif _addresses(post.text, e) and not _answers_another(doc.text, post, e):
                jobs.append(Job(e, post.text, post=i, implied=True))
    quotes = [(q.start, q.end, k) for k, q in enumerate(doc.quotes)
              if q.kind == "direct" and q.post is None]
    for (_, _, k), named in zip(quotes, _containing(quotes, targets), strict=True):
        q = doc.quotes[k]
        for eid in sorted(named, key=rank.__getitem__):
            if eid != q.speaker_id and _says_more(q.text, by_id[eid]):
                jobs.append(Job(by_id[eid], q.text, quote=k))
    if not prose:
        return jobs
    spans = [(s.start, s.end, k) for k, s in enumerate(doc.sentences)]
    for (start, end, _), named in zip(spans, _containing(spans, targets), strict=True):
        for eid in sorted(named, key=rank.__getitem__):
            jobs.append(Job(by_id[eid], doc.text[start:end]))
    return jobs


def _established(e: Entity) -> bool:
    """Is ``e`` someone the article establishes — a full name, a handle or hashtag, or a
    single name used at least twice? A lone capitalised word met once ("bacalhau à Brás",
    a dish) is too unsure a person to take a stance toward."""
    return len(e.name.split()) >= 2 or bool(e.aliases) or len(e.mentions) >= 2


#: Fewest words a quotation needs besides the target's name to say anything about them.
MIN_QUOTE_WORDS = 2


def _says_more(text: str, e: Entity) -> bool:
    """Does the quotation say something besides naming ``e``: :data:`MIN_QUOTE_WORDS`
    words, one of them not capitalised ("Vantage Points" or "Ana Vantage Fan Club", named
    after Marisol Vantage, say nothing about her; "Vantage must go" does)?"""
    for name in sorted({e.name, *e.aliases, *e.name.split()}, key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(name)}(?:['’]s)?(?!\w)", " ", text,
                      flags=re.IGNORECASE)
    words = re.findall(r"[^\W\d_]+", text)
    return len(words) >= MIN_QUOTE_WORDS and any(w[0].islower() for w in words)


def _containing(spans: list[tuple[int, int, int]], targets: list[Entity]) -> list[set[str]]:
    """For each span ``(start, end, _)``, the ids of targets with a mention starting in it.
    Spans are looked up by binary search over their starts (spans that overlap an earlier,
    longer one are found too)."""
    order = sorted(range(len(spans)), key=lambda k: spans[k][0])
    starts = [spans[k][0] for k in order]
    reach = []  # the furthest end among spans up to each position (for overlaps)
    furthest = -1
    for k in order:
        furthest = max(furthest, spans[k][1])
        reach.append(furthest)
    out: list[set[str]] = [set() for _ in spans]
    for e in targets:
        for m in e.mentions:
            j = bisect.bisect_right(starts, m.start) - 1
            while j >= 0 and reach[j] > m.start:
                start, end, _ = spans[order[j]]
                if start <= m.start < end:
                    out[order[j]].add(e.id)
                j -= 1
    return out


#: A post that opens by speaking to someone: "You ...", "Honey, you ...", "Dear ...".
_ADDRESS = re.compile(r"^\W*(?:(?:@\w+\s+)*(?:you|your|u|ur)\b|(?:\w+\s?){1,2},\s*(?:you|your)\b"
                      r"|dear\b)", re.IGNORECASE)


def _addresses(text: str, e: Entity) -> bool:
    """Does a post that does not name ``e`` speak to them: their handle, or an opening in
    the second person? A "you" later in a post is usually generic ("ok if you are ..."),
    so it does not count."""
    handles = {a.lower() for a in e.aliases if a.startswith("@")}
    return bool(_ADDRESS.match(text)) or any(h in text.lower() for h in handles)


def _answers_another(text: str, post: Any, e: Entity) -> bool:
    """Is the post a reply to an account that is not ``e``'s ("Replying to @mayorholt" above
    its words)? Its "you" is then that account, not ``e``."""
    reply = REPLYING.match(text, post.start, post.end)
    if reply is None:
        return False
    own = {a.lower().lstrip("@") for a in e.aliases if a.startswith("@")}
    return any(h.lower() not in own for h in re.findall(r"@(\w+)", reply.group()))


def _no_side(p: Any, target: str) -> int:
    """The decision for the article's own prose by default: NONE (``leans`` still says
    which side is more probable than NONE)."""
    return STANCE_LABELS.index("NONE")


def _result(e: Entity, p: Any, decide: Any) -> Stance:
    i = decide(p, e.name)
    return Stance(e.name, e.id, STANCE_LABELS[i], round(float(p[i]), 4),
                  {lab: round(float(v), 4) for lab, v in zip(STANCE_LABELS, p, strict=True)})
