"""Helpers several analyzers share: who wrote a post, who the article is about, names.

Public on purpose: analyzers import these, never each other's private functions.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable
from typing import Any

from ..doc import Doc, Entity, Post
from ..text.social_text import find_links

_STRIP = re.compile(r"^(?:the\s+)|(?:['’]s|['’])$|[^\w.\-'’&/ ]+", re.IGNORECASE)
#: A first word that closes a quotation ("Bear' Ellison" of "co-host 'Bear' Ellison"): a
#: nickname, no part of the name (not a plural's possessive, "Jones' Ellison").
_QUOTED_FIRST = re.compile(r"^[A-Z][\w-]*(?<!s)['’]\s+(?=[A-Z])")
#: Sport's and everyday roles written before a name in a headline's capitals ("Sprinter
#: Marisol Quenby banned", "Tenant Aaliyah Mensah, 31, told": fresh audits'), cut from a
#: person's name only: they open bodies' names too ("Tenant Farmers Association",
#: "Jockey Club", "Cyclist Touring Club": a reviewer's).
EVERYDAY_ROLES = ("Sprinter", "Athlete", "Hurdler", "Boxer", "Cyclist", "Swimmer", "Jockey",
                  "Golfer", "Cricketer", "Gymnast", "Wrestler", "Tenant", "Pensioner",
                  "Patient", "Shopper", "Commuter", "Motorist", "Passenger", "Carer", "Widow",
                  "Widower",
                  # a racing or a boxing trainer ("Trainer Gerald Ashcombe faces inquiry": a
                  # fresh audit's; not "Veteran", a man's name too: "Veteran Smith, 94")
                  "Trainer")
#: Roles written before a name like a title ("Comedian Dev Raman", "Striker Jonas Kessler",
#: "Prosecutor Ana Ruiz"): not part of it.
ROLE_WORDS = ("Prosecutor", "Defendant", "Striker", "Defender", "Midfielder", "Goalkeeper",
              "Coach", "Manager", "Comedian", "Singer", "Actor", "Actress", "Rapper", "Chef",
              "Pastor", "Reverend", "Rev.", "Detective", "Inspector", "Sergeant", "Constable",
              "Superintendent", "Lieutenant", "Director", "Chairman", "Chairwoman", "Chair",
              "Spokesman", "Spokeswoman", "Spokesperson", "Lawyer", "Attorney", "Presenter",
              "Host", "Author", "Novelist", "Influencer", "Activist", "Campaigner",
              "Producer", "Guitarist", "Drummer", "Bassist", "Songwriter", "Photographer",
              "Economist", "Analyst", "Correspondent", "Editor", "Reporter", "Commissioner",
              "Organiser", "Organizer", "Founder", "Co-founder", "Headteacher", "Headmaster",
              "Headmistress", "Teacher", "Nurse", "Midwife", "Surgeon",
              "Student", "Resident", "Shopkeeper", "Volunteer", "Researcher", "Scientist",
              "Curator", "Engineer", "Architect", "Landlord", "Landlady", "Vicar", "Rabbi",
              "Sheriff", "Substitute", "Winger", "Skipper", "Referee", "Umpire",
              "Quarterback", "Batsman", "Footballer", "Coroner", "Podcaster", "Streamer",
              "Frontman", "Frontwoman", "Broadcaster", "Stylist", "Blogger",
              "Vlogger", "Poet", "Playwright", "Musician", "Pianist", "Filmmaker",
              # the arts, the sciences and trades as written before a name ("Composer
              # Fenna Lutz shared a clip", a fresh audit's); no word that is a given name
              # too ("Baker Mayfield", "Hunter", "Taylor") or opens a firm's or a body's
              # name ("Chemist Warehouse", "Academic Senate", "Farmer Jack")
              "Composer", "Cinematographer", "Screenwriter", "Designer", "Illustrator",
              "Sculptor", "Painter", "Artist", "Dancer", "Choreographer", "Violinist",
              "Cellist", "Physicist", "Biologist", "Epidemiologist", "Virologist",
              "Psychologist", "Psychiatrist", "Historian", "Philanthropist", "Businessman",
              "Businesswoman", "Astronaut", "Journalist", "Columnist", "Critic",
              "Commentator", "Lecturer", "Paramedic", "Pharmacist", "Dentist",
              "Headliner", "Contestant", "Finalist", "Semi-finalist", "Frontrunner",
              "Trustee", "Moderator", "Pundit", "Panellist", "Panelist", "Candidate",
              "Entrepreneur", "Investor", "Treasurer", "Chairperson", "Caretaker",
              # trades and players as written before a name ("Driver Kevin Oduya said",
              # "Fiddler Ruth Toller told us": a fresh audit's)
              "Driver", "Fiddler", "Harpist", "Saxophonist", "Trumpeter", "Mechanic",
              "Electrician", "Plumber", "Cleaner", "Courier", "Chauffeur", "Firefighter",
              "Lifeguard", "Postman", "Postwoman", "Bricklayer", "Labourer", "Stewardess",
              # a planning inquiry's "Barrister Joanna Pell, representing …" (a fresh
              # audit's; not "Solicitor", which opens "Solicitor General")
              "Barrister",
              # American legislators' offices before a name ("Congressman Tom Vance …
              # Congressman Vance": a fresh audit's two `fast` rows, each with the title)
              "Congressman", "Congresswoman", "Councilman", "Councilwoman", "Assemblyman",
              "Assemblywoman", "Councilmember", "Assemblymember",
              # a forecaster's and a state police officer's, before a name ("Meteorologist
              # Chris Dunlap said", "Trooper Kayla Brandt urged": a fresh audit's)
              "Meteorologist", "Forecaster", "Trooper",
              # a school's head in American and New Zealand style ("Principal Catherine
              # Boyd announced", a fresh audit's)
              "Principal",
              *EVERYDAY_ROLES,
              # British police ranks as written before a name ("Det Insp Marcus Hale",
              # "Supt Angela Lowe", "PC Amy Fox"); a rank of two words loses both.
              "Det", "Det.", "Insp", "Insp.", "Supt", "Supt.", "Sgt", "Sgt.", "Ch", "PC",
              "DC", "DS", "DI", "DCI", "DCS")
_TITLES = re.compile(
    r"^(?:president|former president|vice president|senator|sen\.|rep\.|representative|professor|"
    r"governor|gov\.|mayor|justice|judge|dr\.|mr\.|mrs\.|ms\.|prof\.|fr\.|msgr\.|councillor|"
    r"councilor|cllr\.?|councilmember|councilwoman|councilman|assemblymember|assemblywoman|"
    r"assemblyman|alderman|alderwoman|alderperson|"
    r"secretary|minister|prime minister|king|queen|prince|princess|pope|sir|dame|lord|lady)\s+",
    re.IGNORECASE,
)
#: A person's titles without a full stop, in British style ("Mr Adeyemi", "Dr Roa"; and
#: "Coun." with one or without), and roles written like titles: for people only, and as
#: written (never "Dr Pepper" the drink, "Coach USA" the firm, "DR Congo").
_PERSON_TITLES = re.compile(
    r"^(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Rev|Fr|Msgr|Cllr|Cr|Coun\.?|" + "|".join(re.escape(w) for w in ROLE_WORDS)
    # offices in capitals of three letters written like titles ("MEP Ann Lee"; two
    # letters may be initials: "AG Noorani", "DA Pennebaker")
    + r"|MEP|MSP|MLA|CEO"
    # a byline's "By", a neighbour, an independent candidate ("By Megan Ashworth",
    # "Neighbour Tom Haddock", "Independent Paul Ashdown"; not a greeting, a title's or a
    # song's: "Hey Jude", "Dear Abby", nor "Fake Ruth Delaney", "RIP Gerry Dunn": a
    # parody's, a tribute page's — a reviewer's)
    + r"|By|Neighbour|Neighbor|Independent"
    # a party's member and a chamber's Speaker ("Republican Harold Vance leads Democrat
    # Amira Castellanos", "Speaker Ron Tabb": a fresh audit's `fast` rows)
    + r"|Republican|Democrat|Speaker"
    # a barrister's side opening the sentence ("Defending Lee Pemberton, Richard Osei-Tutu
    # KC said": a fresh audit's)
    + r"|Defending|Prosecuting|Representing"
    + r")\s+(?=[A-Z])")
#: A word that alone after a role word is a street's or a building's name, no person's.
_STREET_WORDS = frozenset("Road Street Avenue Lane Way Drive Close Crescent Square Park "
                          "Place Hall House Gardens Court Terrace Row Walk Bridge".split())
#: Letters after a person's name ("Harriet Osei-Bonsu KC", "Ann Lee MP"): not part of it,
#: and no body's initials.
POSTNOMINALS = frozenset("KC QC MP MEP MSP MLA MPP OBE MBE CBE DBE KBE JP PhD RN MD".split())
_POSTNOMINALS = re.compile(r"(?:,?\s+(?:" + "|".join(sorted(POSTNOMINALS)) + r"))+$")
#: Small words a name never ends with ("Jess Whitford Head of" cut from "Head of ...").
_TRAILING = re.compile(r"(?:\s+(?:of|and|the|for|at|in|on|to|from|with|by|or|a|an|as|than|"
                       r"that|which|who|but|if|so))+$")


#: Verbs that give words to someone (an alternation for patterns): "said", "told",
#: "tweeted", "according to".
SAY_VERBS = (
    r"said|says|say|told|tells|wrote|writes|tweeted|posted|added|adds|asked|asks|replied|"
    r"responded|stated|states|declared|claimed|claims|argued|argues|insisted|insists|"
    r"explained|noted|warned|announced|admitted|acknowledged|conceded|recalled|continued|"
    r"according to"
)
#: The last word of a role before a person's name ('…," defense attorney John Zwerling
#: said', "BBC presenter Lorna Finch posted"): an office, a job or a tie to a cause — not a
#: family's ("her husband Tom"), whose first name may be another's of the family: the roles
#: written like titles (:data:`ROLE_WORDS`), and more that are only written before a name
#: in lower case.
SPEAKER_ROLES = frozenset(w.lower().rstrip(".") for w in ROLE_WORDS) | frozenset("""
    representative solicitor barrister counsel judge officer official executive chief
    president vice-president minister secretary leader captain strategist professor doctor
    physician councillor councilor mayor senator congressman congresswoman governor lawmaker
    legislator ally aide adviser advisor pundit anchor columnist owner sponsor boss
    publicist agent colleague commentator candidate deputy treasurer chancellor dean
    principal administrator consultant expert specialist historian critic broadcaster
    negotiator envoy ambassador diplomat general admiral commander colonel friend convenor
    meteorologist forecaster bishop imam priest swimmer player footballer star""".split())
#: One of :data:`SPEAKER_ROLES`, as a pattern's alternation (the longest first): "the deputy
#: wrote from his account", "calling the mayor".
ROLE_WORD = "(?:" + "|".join(sorted(SPEAKER_ROLES, key=len, reverse=True)) + ")"
#: Words for a person written before their name or in apposition to it: "a mother, Dana,"
#: brings someone in (:mod:`.entities`), "Shopper Priya Nair posted" is Priya Nair's post
#: (:mod:`.posts`).
PERSON_NOUNS = frozenset("""mother father parent mum mom dad grandmother grandfather
    grandparent son daughter sister brother wife husband partner widow widower resident
    neighbour neighbor woman man girl boy teenager pupil student nurse teacher worker driver
    customer shopper voter local friend fan viewer listener reader caller user commuter
    patient passenger tenant landlord owner volunteer survivor victim witness relative carer
    colleague employee pensioner campaigner activist blogger influencer rival""".split())
#: A letter or a digit, of any script (str.isalnum's characters).
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")
#: An emoticon written in ASCII (":(", ":-)", ";P", "):").
_EMOTICON = re.compile(r"(?<!\S)(?:[:;=][-'^]?[()\[\]DPpOo/\\|*@$]+|[()\[\]][-'^]?[:;=])(?!\S)")


def has_words(text: str) -> bool:
    """Does a post say anything of its own to score once its links are gone: a letter, a
    digit, a symbol such as an emoji, or an emoticon? (An image-only tweet's
    "pic.twitter.com/…" has no tone; nor do quotation marks or spaces around a link.)"""
    rest = text
    if "/" in text or "www." in text:  # without its links (the posts' own link grammar)
        for start, end, _ in reversed(find_links(text)):
            rest = rest[:start] + " " + rest[end:]
    if _LETTER_OR_DIGIT.search(rest):  # most posts: found in C, no per-character loop
        return True
    return any(ch > "\x7f" and unicodedata.category(ch)[0] == "S" for ch in rest) or \
        _EMOTICON.search(rest) is not None


def scored_texts(doc: Doc) -> tuple[list[Post], list[str]]:
    """The texts the per-text scorers read: each post with words (:func:`has_words`), then
    each prose sentence (the posts come first, so ``texts[:len(posts)]`` are theirs)."""
    posts = [p for p in doc.posts if has_words(p.text)]
    return posts, [p.text for p in posts] + [doc.text[s.start:s.end] for s in doc.sentences]


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the sentence (or line) holding ``text[start:end]`` begins and ends: after the
    last stop or line break before it, up to the first one after it (a rough cut, for
    words near a span: a handle's, a quotation's)."""
    lo = max(text.rfind(c, 0, start) for c in ".!?\n") + 1
    ends = [i for i in (text.find(c, end) for c in ".!?\n") if i >= 0]
    return lo, min(ends, default=len(text))


def clean_name(text: str, person: bool = False) -> str:
    """A name as written, without a leading "the", a possessive, titles ("Senator"),
    trailing small words ("of") or punctuation: "President Joe Biden's" -> "Joe Biden".
    A ``person``'s name also loses British titles without a full stop, roles written like
    titles and post-nominal letters: "Ms Ann Lee MP" -> "Ann Lee"."""
    name = " ".join(text.split())
    for _ in range(3):
        new = _STRIP.sub("", name).strip(" -.'’&/")
        new = _QUOTED_FIRST.sub("", new)
        new = _TITLES.sub("", new)
        if person:
            untitled = _PERSON_TITLES.sub("", new)
            if untitled in _STREET_WORDS:
                untitled = new  # "Astronaut Road", "Farmer Lane": a street's name (a reviewer's)
            new = _POSTNOMINALS.sub("", untitled)
        new = " ".join(_TRAILING.sub("", new).split())
        if new == name:
            break
        name = new
    return name


def _without_initials(name: str) -> str:
    """A full name without its middle initials ("Donald J. Trump": "donald trump")."""
    words = name.lower().split()
    return " ".join(words[:1] + [w for w in words[1:-1]
                                 if not re.fullmatch(r"(?!o\b)\w\.?", w)]  # "Mary O Brien"
                    + words[-1:] if len(words) > 1 else [])


def is_author(post: Any, e: Entity, entities: Iterable[Entity] = ()) -> bool:
    """Is the person ``e`` the author of ``post`` (by handle alias or display name, titles
    aside: "Sen. Wade Halvorsen" is Wade Halvorsen)? Middle initials aside too ("Wade T.
    Halvorsen"), unless another of the text's ``entities`` has the display name as it is
    written ("Michael B. Jordan" beside Michael Jordan: two people)."""
    handle = f"@{post.handle}".lower() if post.handle else None
    if handle is not None and handle in {a.lower() for a in e.aliases}:
        return True
    if post.display_name is None:
        return False
    name = clean_name(post.display_name, person=True).lower()
    if name == e.name.lower():
        return True
    # Only the display name may have them: "John A. Smith" is not "John B. Smith".
    return " " in e.name and _without_initials(name) == e.name.lower() and \
        not any(o.name.lower() == name for o in entities if o.id != e.id)


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


def post_words(text: str, post: Post) -> tuple[int, int] | None:
    """Where the post's own words are in ``text`` (its span may open with the article's
    quotation mark around them), or None (no text)."""
    i = text.find(post.text, post.start, post.end) if post.text.strip() else -1
    return (i, i + len(post.text)) if i >= 0 else None


def post_body_end(text: str, post: Post) -> int:
    """Where the post's own text ends and its signature begins (its start if it has none)."""
    words = post_words(text, post)
    return words[1] if words else post.start


#: Lower-case words inside surnames ("Pieter van der Berg", "Maria de la Cruz", "Ludwig
#: von Hassel").
SURNAME_PARTICLES = ("van", "von", "der", "den", "de", "del", "della", "la", "le", "du", "da",
                     "di", "dos", "das", "ter", "ten")
_TAG = re.compile(r"(?<!\w)[#@]\w+")
#: Hosts of attached pictures, which are not the story a post links to.
_PICTURE_HOSTS = ("https://pic.twitter.com/", "https://pic.x.com/", "http://pic.twitter.com/",
                  "http://pic.x.com/")
_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")
#: A reaction speaks: first or second person, or an exclamation.
_SPEAKS = re.compile(r"!|\b(?:i|i'm|i\u2019m|me|my|we|our|us|you|your|ur)\b", re.I)
#: The longest text read as a headline share (a headline, a link and some hashtags).
_HEADLINE_CHARS = 400
#: Host labels that say nothing about who the outlet is.
_HOST_NOISE = frozenset({"www", "www1", "www2", "m", "amp", "mobile", "news", "edition",
                         "uk", "us", "eu", "en", "blog", "blogs", "beta"})
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "ac", "edu"})
#: Words too common to name an outlet on their own (they are parts of many accounts).
_GENERIC = frozenset({"news", "times", "post", "people", "hill", "time", "daily", "online",
                      "edition", "blog", "mail", "star", "globe", "herald", "tribune",
                      "journal", "world", "today", "weekly", "report", "media", "press",
                      "live", "file", "home", "index", "local", "localhost"})


def outlet_keys(doc: Doc) -> set[str]:
    """Lower-case keys naming the article's outlet: its site name run together (``The
    Daily Example`` → ``thedailyexample`` and ``dailyexample``) and its registrable
    domain's name (``https://news.example.co.uk/x`` → ``example``). Keys under four
    letters, and single common words (``times``, ``news``, ``hill``), are dropped: they
    are parts of too many other accounts."""
    keys = set()
    if doc.site_name:
        name = doc.site_name.lower()
        keys.add(re.sub(r"\W+", "", name))
        keys.add(re.sub(r"\W+", "", re.sub(r"^the\s+", "", name)))
    if doc.url and (m := re.match(r"^(?:[a-z][a-z0-9+.-]*://)?([^/:?#@]+)", doc.url.lower())):
        labels = [x for x in m.group(1).split(".") if x]
        if len(labels) >= 2:
            labels = labels[:-1]  # the top-level domain
            if len(labels) >= 2 and labels[-1] in _SECOND_LEVEL:
                labels = labels[:-1]  # co.uk, com.au
            named = [x for x in labels if x not in _HOST_NOISE]
            if named:
                keys.add(re.sub(r"\W+", "", named[-1]))
    return {k for k in keys if len(k) >= 4 and k not in _GENERIC}


def _account_is(post: Post, outlet: Collection[str]) -> bool:
    """Is the post's account the outlet's: its handle or its display name (each run
    together) is one of ``outlet`` or starts with one (``@BreitbartLondon``)?"""
    for who in (post.handle, post.display_name):
        name = re.sub(r"\W+", "", (who or "").lower())
        if name and any(name.startswith(k) for k in outlet):
            return True
    return False


def link_share(post: Post, outlet: Collection[str] = ()) -> bool:
    """Is the post a link share of a headline rather than a source or a reaction: a post
    by the outlet's own account (:func:`outlet_keys`), or a headline in title case
    ("Council Votes to Close Eastside Library") ending in a link, hashtags and mentions
    aside? A post in capitals throughout is shouting, and one that says I, we or you, or
    exclaims, is speaking: neither is a headline."""
    if _account_is(post, outlet):
        return True
    if len(post.text) > _HEADLINE_CHARS:
        return False
    text = _TAG.sub(" ", post.text)
    # Each link becomes one mark (\0 for a story link, a space for a picture) so that
    # "ends in a link" is a look at the last character.
    marked, at = [], 0
    for start, end, url in find_links(text):
        marked += [text[at:start], " " if url.startswith(_PICTURE_HOSTS) else "\0"]
        at = end
    marked.append(text[at:])
    shape = "".join(marked)
    if not shape.rstrip(" \t\n.,;:)]\u2026\"'\u201d\u2019\u00bb").endswith("\0"):
        return False
    words_only = shape.replace("\0", " ")
    if _SPEAKS.search(words_only):
        return False
    words = _WORD.findall(words_only)
    long = [w for w in words if len(w) >= 4]
    if len(long) < 4 or len(words) > 30:
        return False
    capital = sum(w[0].isupper() for w in long)
    shouting = sum(w.isupper() for w in long)
    return capital >= 0.8 * len(long) and shouting < 0.5 * len(long)


#: A line that gives words to someone: a say-verb or a posting verb before a colon, or a
#: name of three words at most and a colon before a quotation ('Marta Kowal: "Why Should
#: We Pay?"'; not 'Trump To Sessions In Series Of Tweets: "Stop The Witch Hunt NOW!"').
_GIVES_WORDS = re.compile(rf"(?i:\b(?:{SAY_VERBS})\b[^:]{{0,40}}:)"
                          r"|^\s*(?:[A-Z][\w'’.-]*\s+){0,2}[A-Z][\w'’.-]*:\s*[\"“‘']")


_NON_SPACE = re.compile(r"\S")


def headline(text: str, pos: int, asks: bool = True) -> bool:
    """Is the line around ``pos`` a title-case headline: no closing full stop, at least
    four words of four or more letters, three in four of them capitalised? (A sentence,
    a caption or a list of names ends with one; the text's first line, its title, may end
    with a question or an exclamation: "Will Trump Continue the Cover-Up?", "…: 'Stop The
    Witch Hunt NOW!'" — not where it gives words to someone, "Ana Ruiz wrote on X: Thank
    You Ohio!", and not a subhead or a live blog's line, "14 min: Great Save By Jo Reyes!";
    nor with ``asks`` false: the quotation finder's headlines quote words, a question's
    names a work: 'Is "The Salt Road" The Best Debut Of The Year?')"""
    begin = text.rfind("\n", 0, pos) + 1
    line = text[begin:(text.find("\n", pos) + 1 or len(text) + 1) - 1]
    if re.search(r"[.:;…][\"”’)]*\s*$", line) or re.search(r"[!?][\"”’)]*\s*$", line) and (
            not asks or _NON_SPACE.search(text, 0, begin) or _GIVES_WORDS.search(line)):
        return False
    words = re.findall(r"[^\W\d_][\w'’]{3,}", line)
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)
