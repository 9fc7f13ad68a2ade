"""The one data model every stage shares.

A :class:`Doc` is one article: its metadata, its normalised ``text`` and layers of
spans (posts, flags, ...) whose ``start``/``end`` are end-exclusive character offsets
into ``doc.text``. Nothing else keeps a copy of the text with other offsets.

This module imports nothing from the rest of echoscope.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field, fields
from typing import Any

_WORD = re.compile(r"\w+")

PLATFORMS = (
    "twitter",
    "instagram",
    "bluesky",
    "mastodon",
    "threads",
    "facebook",
    "youtube",
    "tiktok",
    "reddit",
    "linkedin",
    "telegram",
)

#: The 14 technique labels of SemEval-2020 Task 11 (PTC), as spelled in its label files.
TECHNIQUES = (
    "Appeal_to_Authority", "Appeal_to_fear-prejudice", "Bandwagon,Reductio_ad_hitlerum",
    "Black-and-White_Fallacy", "Causal_Oversimplification", "Doubt",
    "Exaggeration,Minimisation", "Flag-Waving", "Loaded_Language", "Name_Calling,Labeling",
    "Repetition", "Slogans", "Thought-terminating_Cliches",
    "Whataboutism,Straw_Men,Red_Herring",
)

#: Stance labels, in the order models report their probabilities.
STANCE_LABELS = ["FAVOR", "AGAINST", "NONE"]


def content_id(*parts: str, length: int = 16) -> str:
    """Return a stable hex id: the first ``length`` hex digits of SHA-256 over ``parts``."""
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()[:length]


@dataclass(slots=True)
class TextScores:
    """What the classifiers say about one text (a post or a prose sentence). Each field is
    written by one analyzer (``classify``: all of them, from the encoder; in the ``fast``
    profile ``sentiment`` writes the sentiment fields and ``social`` the others) and is
    None until it runs. Probabilities are of the positive class; ``*_label`` says whether
    it is above the model's decision threshold."""

    sentiment: float | None = None
    sentiment_label: str | None = None
    sentiment_probs: dict[str, float] | None = None
    #: Whether ``sentiment_label`` is sure enough to show as a badge (its probability
    #: above the level chosen for precision on held-out data); None where not judged.
    sentiment_sure: bool | None = None
    offensive: float | None = None
    offensive_label: bool | None = None
    irony: float | None = None
    irony_label: bool | None = None
    hypocrisy: float | None = None
    hypocrisy_label: bool | None = None

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)
                if getattr(self, f.name) is not None}


@dataclass(slots=True)
class Stance:
    """A text's stance toward one person: ``label`` FAVOR, AGAINST or NONE, its
    probability ``score`` and every label's probability."""

    target: str
    target_id: str
    label: str
    score: float
    probs: dict[str, float] = field(default_factory=dict)

    @property
    def leans(self) -> str | None:
        """For a NONE that only means "not sure enough to say": the side more probable than
        NONE (below the level a side needs, or a near tie); None for a clear NONE or a
        side said."""
        if self.label != "NONE" or not self.probs:
            return None
        side = max(("FAVOR", "AGAINST"), key=lambda k: self.probs.get(k, 0.0))
        return side if self.probs.get(side, 0.0) > self.probs.get("NONE", 0.0) else None

    def to_dict(self) -> dict[str, Any]:
        out = {"target": self.target, "target_id": self.target_id, "label": self.label,
               "score": self.score, "probs": dict(self.probs)}
        leans = self.leans
        if leans:
            out["leans"] = leans
        return out


@dataclass(slots=True)
class Post:
    """A social-media post embedded in an article.

    ``start``/``end`` cover the post and its signature in ``Doc.text``.
    ``posted`` is ``YYYY-MM-DD`` or ``None``.
    """

    platform: str
    text: str
    start: int
    end: int
    handle: str | None = None
    display_name: str | None = None
    posted: str | None = None
    url: str | None = None
    post_id: str | None = None
    links: list[str] = field(default_factory=list)
    hashtags: list[str] = field(default_factory=list)
    mentions: list[str] = field(default_factory=list)
    scores: TextScores = field(default_factory=TextScores)
    stance: list[Stance] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "platform": self.platform,
            "handle": self.handle,
            "display_name": self.display_name,
            "posted": self.posted,
            "text": self.text,
            "url": self.url,
            "post_id": self.post_id,
            "links": list(self.links),
            "hashtags": list(self.hashtags),
            "mentions": list(self.mentions),
            "start": self.start,
            "end": self.end,
            "scores": self.scores.to_dict(),
            "stance": [s.to_dict() for s in self.stance],
        }


@dataclass(slots=True)
class Flag:
    """Something a reader should check, with the span of its evidence.

    ``post`` is the index of the post in ``Doc.posts`` the flag is about, if any.
    """

    kind: str
    message: str
    start: int
    end: int
    post: int | None = None

    def to_dict(self) -> dict[str, Any]:
        d = {"kind": self.kind, "message": self.message, "start": self.start, "end": self.end}
        if self.post is not None:
            d["post"] = self.post
        return d


@dataclass(slots=True)
class Check:
    """One evidence check that ran: what was checked (``text[start:end]``: a claim, a post,
    the set of quoted posts), against which posts, and how it came out — ``supported``,
    ``flagged`` (a flag says the same) or ``not_checkable`` — with a one-line reason worded
    as evidence for a reader to weigh."""

    kind: str
    status: str
    start: int
    end: int
    reason: str
    posts: list[int] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "status": self.status, "start": self.start, "end": self.end,
                "posts": list(self.posts), "reason": self.reason}


CHECK_STATUSES = ("supported", "flagged", "not_checkable")


@dataclass(slots=True)
class Mention:
    """One place an entity is named: ``text[start:end]``; ``post`` is the post index if any."""

    start: int
    end: int
    text: str
    post: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text,
                "in_post": self.post is not None, "post": self.post}


@dataclass(slots=True)
class Entity:
    """A person, organisation, group, place or event, with every mention and alias.

    ``id`` depends only on ``type`` and the canonical ``name``, so it is the same in
    every article.
    """

    name: str
    type: str
    mentions: list[Mention] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return entity_id(self.type, self.name)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "type": self.type,
                "aliases": list(self.aliases), "mentions": [m.to_dict() for m in self.mentions]}


def entity_id(type_: str, name: str) -> str:
    """Stable entity id: the same canonical name and type give the same id everywhere."""
    return content_id("entity", type_, " ".join(name.lower().split()))


@dataclass(slots=True)
class Quote:
    """A quotation: ``kind`` is ``direct`` (someone's words) or ``scare`` (distancing quotes).

    ``start``/``end`` cover the quoted words without the quote marks.
    """

    kind: str
    text: str
    start: int
    end: int
    speaker: str | None = None
    speaker_id: str | None = None
    post: int | None = None
    stance: list[Stance] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out = {"kind": self.kind, "text": self.text, "start": self.start, "end": self.end,
               "speaker": self.speaker, "speaker_id": self.speaker_id, "post": self.post}
        if self.stance:
            out["stance"] = [s.to_dict() for s in self.stance]
        return out


@dataclass(slots=True)
class Technique:
    """A persuasion technique used in ``text[start:end]`` (PTC label, SemEval-2020 Task 11);
    ``score`` is P(span) x P(label | span)."""

    label: str
    start: int
    end: int
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "start": self.start, "end": self.end, "score": self.score}


@dataclass(slots=True)
class ParagraphLabels:
    """A paragraph (``text[start:end]``: one line of the article's own prose) and the
    persuasion techniques of SemEval-2023 Task 3 it is labelled with: technique ->
    calibrated probability, only those above the technique's own precise threshold."""

    start: int
    end: int
    labels: dict[str, float]

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "labels": self.labels}


@dataclass(slots=True)
class ParagraphTechniques:
    """Techniques per paragraph (SemEval-2023 Task 3, English): how many paragraphs were
    read, those labelled with at least one technique, and the model that read them."""

    paragraphs: int
    labelled: list[ParagraphLabels] = field(default_factory=list)
    model: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"paragraphs": self.paragraphs, "model": self.model,
                "labelled": [p.to_dict() for p in self.labelled]}


@dataclass(slots=True)
class Position:
    """Where ``actor`` stood on ``target`` (FAVOR or AGAINST), when, and on what evidence.

    ``kind`` is ``post`` (a quoted post's author), ``quote`` (a quoted speaker) or
    ``reported`` (the article reports it); ``start``/``end`` cover the evidence. ``date`` is
    ``YYYY-MM-DD`` (``date_precision`` ``day``, or ``article`` when it is the article's
    date) or ``YYYY`` (``year``). ``situation`` names what the stance is about (e.g. "sexual
    misconduct accusation"), ``reason`` the stated reason for it, if any; ``target_role``
    the target's part in the situation (``accused`` or ``accuser``) when the article says.
    """

    actor: str
    actor_id: str
    target: str
    target_id: str
    label: str
    date: str | None
    date_precision: str
    kind: str
    start: int
    end: int
    confidence: float
    post: int | None = None
    situation: str | None = None
    situation_evidence: str | None = None
    situation_score: float = 0.0
    reason: str | None = None
    target_role: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"actor": self.actor, "actor_id": self.actor_id, "target": self.target,
                "target_id": self.target_id, "label": self.label, "date": self.date,
                "date_precision": self.date_precision, "kind": self.kind, "start": self.start,
                "end": self.end, "confidence": self.confidence, "post": self.post,
                "situation": self.situation, "situation_evidence": self.situation_evidence,
                "situation_score": self.situation_score, "reason": self.reason,
                "target_role": self.target_role}


@dataclass(slots=True)
class Sentence:
    """A sentence of the article's own prose (outside posts): ``text[start:end]``."""

    start: int
    end: int
    scores: TextScores = field(default_factory=TextScores)

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, **self.scores.to_dict()}


@dataclass(slots=True)
class Reactions:
    """How the quoted posts react: per target, how many posts take each stance; their mean
    sentiment and the shares that are offensive and ironic (None when nothing scored)."""

    posts: int
    stance: dict[str, dict[str, Any]] = field(default_factory=dict)
    mean_sentiment: float | None = None
    share_offensive: float | None = None
    share_ironic: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"posts": self.posts, "stance": {k: dict(v) for k, v in self.stance.items()},
                "mean_sentiment": self.mean_sentiment, "share_offensive": self.share_offensive,
                "share_ironic": self.share_ironic}


@dataclass(slots=True)
class Subjectivity:
    """The outlet's own prose, NELA-style: lexicon words per 1,000 words, readability (for
    30 words or more), and the shares of the text that are posts, quotations and prose."""

    words: int
    per_1000_words: dict[str, float] = field(default_factory=dict)
    readability: dict[str, float] | None = None
    shares: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"words": self.words, "per_1000_words": dict(self.per_1000_words)}
        if self.readability is not None:
            out["readability"] = dict(self.readability)
        out["shares"] = dict(self.shares)
        return out


@dataclass(slots=True)
class TechniqueRate:
    """How much of the text the technique spans cover, comparable across articles of any
    length: spans per 1,000 words of the whole text (prose and posts), overall and per
    technique."""

    words: int
    spans: int
    by_label: dict[str, int] = field(default_factory=dict)
    #: Spans found but not reported: too few, or too sparse, for the document to count as
    #: using techniques (the analyzer's ``min_spans``/``min_rate``).
    withheld: int = 0

    @classmethod
    def of(cls, text: str, techniques: list[Technique], withheld: int = 0) -> TechniqueRate:
        by_label: dict[str, int] = {}
        for t in techniques:
            by_label[t.label] = by_label.get(t.label, 0) + 1
        return cls(word_count(text), len(techniques), dict(sorted(by_label.items())),
                   withheld)

    @property
    def per_1000_words(self) -> float:
        return round(1000 * self.spans / self.words, 2) if self.words else 0.0

    def to_dict(self) -> dict[str, Any]:
        per = (lambda n: round(1000 * n / self.words, 2) if self.words else 0.0)  # noqa: E731
        return {"words": self.words, "spans": self.spans,
                "per_1000_words": self.per_1000_words,
                "by_label_per_1000_words": {k: per(v) for k, v in self.by_label.items()},
                "withheld": self.withheld}


def word_count(text: str) -> int:
    """Words: runs of letters, digits and underscores (stored as
    ``scores.techniques.words``, which the dashboard sums per source)."""
    return len(_WORD.findall(text))


def source_name(source: str) -> str:
    """An input's file name without its folders (``corpus/a.jsonl:3`` -> ``a.jsonl:3``)."""
    return source.replace("\\", "/").rsplit("/", 1)[-1]


def display_title(title: str | None, text: str, source: str) -> str:
    """What to call an article where a title is shown: its title; else its first line,
    when that is short enough to be one; else its file's name ("council_vote.txt" ->
    "council vote"); else "Untitled article"."""
    if title and title.strip():
        return title.strip()
    first = text.strip().split("\n", 1)[0].strip()
    if 0 < len(first) <= 120:
        return first
    name = re.split(r"[@#]|:\d+$", source_name(source))[0]
    stem = name.split(".", 1)[0].replace("_", " ").replace("-", " ").strip()
    return stem if stem and not stem.startswith("<") else "Untitled article"


@dataclass(slots=True)
class HypocrisyFraming:
    """Whether the article frames someone as a hypocrite: its ``score``, the prose sentences
    that make the accusation or set up the contrast (``evidence``: ``{start, end, kind}``)
    and the indices of the quoted posts that make it."""

    detected: bool
    score: float
    evidence: list[dict[str, Any]] = field(default_factory=list)
    posts: list[int] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"detected": self.detected, "score": self.score,
                "evidence": [dict(e) for e in self.evidence], "posts": list(self.posts)}


@dataclass(slots=True)
class Role:
    """A person's part in an accusation the article reports — ``accused`` or ``accuser`` —
    with the sentence that says so (``text[start:end]``)."""

    entity_id: str
    name: str
    role: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"entity_id": self.entity_id, "name": self.name, "role": self.role,
                "start": self.start, "end": self.end}


@dataclass(slots=True)
class Doc:
    """One article and everything found in it."""

    text: str
    source: str
    url: str | None = None
    title: str | None = None
    published: str | None = None
    language: str | None = None
    site_name: str | None = None
    author: str | None = None
    posts: list[Post] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    techniques: list[Technique] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    sentiment: float | None = None
    stance: list[Stance] = field(default_factory=list)
    reactions: Reactions | None = None
    subjectivity: Subjectivity | None = None
    hypocrisy: HypocrisyFraming | None = None
    technique_rate: TechniqueRate | None = None
    paragraph_techniques: ParagraphTechniques | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    #: A fetched link's page as the server sent it (kept in the store's ``pages`` table,
    #: not part of the JSON contract); None for every other input.
    page: bytes | None = None

    @property
    def id(self) -> str:
        """Content hash of the text: the same text always gets the same id."""
        return content_id(self.text)

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of ``echoscope analyze --json`` (see docs/json.md)."""
        return {
            "id": self.id,
            "source": self.source,
            "url": self.url,
            "title": self.title,
            "published": self.published,
            "language": self.language,
            "site_name": self.site_name,
            "author": self.author,
            "text": self.text,
            "posts": [p.to_dict() for p in self.posts],
            "flags": [f.to_dict() for f in self.flags],
            "checks": [c.to_dict() for c in self.checks],
            "entities": [e.to_dict() for e in self.entities],
            "quotes": [q.to_dict() for q in self.quotes],
            "techniques": [t.to_dict() for t in self.techniques],
            "positions": [p.to_dict() for p in self.positions],
            "roles": [r.to_dict() for r in self.roles],
            "scores": self.scores(),
            "meta": self.meta,
        }

    def scores(self) -> dict[str, Any]:
        """The document-level results, as the JSON contract's ``scores`` object."""
        out: dict[str, Any] = {}
        if self.sentences:
            out["sentences"] = [s.to_dict() for s in self.sentences]
        if self.sentiment is not None:
            out["sentiment"] = self.sentiment
        if self.stance:
            out["stance"] = [s.to_dict() for s in self.stance]
        if self.reactions is not None:
            out["reactions"] = self.reactions.to_dict()
        if self.subjectivity is not None:
            out["subjectivity"] = self.subjectivity.to_dict()
        if self.hypocrisy is not None:
            out["hypocrisy"] = self.hypocrisy.to_dict()
        if self.technique_rate is not None:
            out["techniques"] = self.technique_rate.to_dict()
        if self.paragraph_techniques is not None:
            out["paragraph_techniques"] = self.paragraph_techniques.to_dict()
        return out


@dataclass(slots=True, frozen=True)
class ErrorRecord:
    """An input that could not become a Doc, and why.

    ``code`` is a stable ``E…`` code from :mod:`echoscope.errors`.
    """

    source: str
    code: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def layer_names() -> frozenset[str]:
    """Every name an analyzer may declare in ``requires``/``assigns``: the Doc's fields, and
    ``posts.<field>``, ``quotes.<field>``, ``posts.scores.<field>`` and
    ``sentences.scores.<field>``."""
    names = {f.name for f in fields(Doc)}
    names |= {f"posts.{f.name}" for f in fields(Post)}
    names |= {f"quotes.{f.name}" for f in fields(Quote)}
    names |= {f"{layer}.scores.{f.name}" for layer in ("posts", "sentences")
              for f in fields(TextScores)}
    return frozenset(names)
