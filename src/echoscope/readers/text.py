"""Plain-text (and Markdown) articles."""

from __future__ import annotations

import re
from datetime import date

from ..doc import Doc
from ..errors import EMPTY, InputError
from ..text.bylines import DESK_WORDS, byline_match
from ..text.language import guess_language
from ..text.social_text import DATE_RE, date_from_match
from ..text.words import familiar_words

# An optional leading "date YYYY-MM-DD" marker sets the publication date.
_DATE_MARKER = re.compile(r"\A\s*date[ \t]+(\d{4})-(\d{2})-(\d{2})\b[ \t]*\n?[ \t]*", re.I)
# A first line that reads as a headline: short, no sentence end, followed by a blank line.
_TITLE = re.compile(r"([^\n]{3,200})\n[ \t]*\n")  # matched at the start (or after a mark)
#: A press release's first line, before its headline: "FOR IMMEDIATE RELEASE", "PRESS
#: RELEASE", "EMBARGOED UNTIL 00:01 BST, 9 September 2025".
_RELEASE_MARK = re.compile(r"\A(?:(?i:for\s+immediate\s+release|(?:press|news|media)\s+"
                           r"release)|(?:EMBARGOED\s*(?::|\b(?:UNTIL|TILL|TO)\b)|FOR\s+RELEASE\s*"
                           r"(?::|\b(?:AT|ON|UNTIL|AFTER)\b|\d))[^\na-z]{0,80})[ \t]*\n[ \t]*\n")

#: How far the header block (headline, byline, dateline) of a plain-text article reaches:
#: this many lines, ending at the first long one (prose).
HEADER_LINES = 6
HEADER_LINE_MAX = 120
#: A header line is cut into parts at these separators ("By Ana Ruiz · Opinion · date").
_SEPARATORS = re.compile(r"\s+[·|•—–]\s+")
#: A part that is a date and nothing else: after "Published"/"Posted"/"Updated" (and a
#: colon or "on"), with a time after it.
_LEAD_WORDS = re.compile(r"^(?:(?:first\s+)?published|posted|(?:last\s+)?updated|modified)"
                         r"\s*:?\s*(?:on\s+)?", re.I)
_TIME_AFTER = re.compile(r"^(?:,?\s*(?:(?:last\s+)?updated\s+)?(?:at\s+)?\d{1,2}[:.]\d\d\s*"
                         r"(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)?\s*$", re.I)
#: A weekday before a date ("Thursday 22 January 2026", "Wed, March 11, 2026").
_WEEKDAY = re.compile(r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+",
                      re.I)
#: A dateline opening the first paragraph: a place in capitals (an agency in brackets at
#: most, before the comma or after the date), a comma, a date and a dash ("ASHCOMBE, May
#: 7, 2026 — Plans …", "LARKSPUR FALLS, Nov 3, 2025 (Meridian Wire) - The river …").
#: A press release's: a region or country after the place, and then its wire between
#: slashes after the date ("VARANGSUND, Norway, Sept. 9, 2025 /Nordvik Newswire/ --");
#: without it, a capitalised phrase after the name is as often a life's or an event's
#: ("GRACE HOPPER, Rear Admiral, December 9, 1906 —", "MARGARET HOLT, Ashcombe, March 3,
#: 1938 (née Pryor) —"), or an old story's reprinted ("SAIGON, South Vietnam, April 30,
#: 1975 (AP) —").
_INLINE_DATELINE = re.compile(r"[A-Z][A-Z.'’ -]{1,40}(?:\s+\([^()]{1,30}\))?,\s+"
                              + "(?i:" + DATE_RE.pattern + r")"
                              r"(?:\s+(?:\([^()]{1,30}\)|/[A-Z][^/\n]{1,39}/))?\s*(?:[—–]|--?)\s")
_WIRE_DATELINE = re.compile(r"[A-Z][A-Z.'’ -]{1,40},\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2},"
                            r"\s+" + "(?i:" + DATE_RE.pattern + r")"
                            r"\s+/[A-Z][^/\n]{1,39}/\s*(?:[—–]|--?)\s")
#: What opens like a dateline and dates no article: an editor's note, an anniversary
#: column, a life's or a show's dates ("MARGARET HOLT, March 3, 1938 – May 7, 2026 —").
_NOT_DATELINE = re.compile(r"(?:CORRECTION|CLARIFICATION|UPDATE|UPDATED|EDITOR['’]?S NOTE|"
                           r"ON THIS DAY|THIS DAY)\b|[^—–]*?\d{4}\s*[–—-]\s*(?:\w+\.?\s+)?\d")
#: Words that make a "By …" line no person's byline.
_NOT_AUTHORS = frozenset("the a an images image photo photos photography pictures staff "
                         "desk agency agencies wire news reporters editors inspectors panel "
                         "team board committee press association agence agencia "
                         "correspondents".split())
_UPDATED = re.compile(r"^(?:last\s+)?(?:updated|modified)\b", re.I)
_HANDLE_IN_LINE = re.compile(r"(?<!\w)@\w")

MARKDOWN_SUFFIXES = (".md", ".markdown")
_MD_QUOTE = re.compile(r"^[ \t]{0,3}(?:>[ \t]?)+")
_MD_HEADING = re.compile(r"^[ \t]{0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_MD_RULE = re.compile(r"^[ \t]{0,3}(?:[-*_][ \t]*){3,}$")
_MD_EMPHASIS_LINE = re.compile(r"^([ \t]*)(\*{1,3}|_{1,3})(\S(?:.*\S)?)\2[ \t]*$")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*\n", re.S)
_MD_QUOTE_BLANK = re.compile(r"^[ \t]{0,3}(?:>[ \t]*)+$")
_MD_SETEXT = re.compile(r"^[ \t]{0,3}=+[ \t]*$")


def from_markdown(text: str) -> tuple[str, str | None, str | None, str | None]:
    """Markdown's block marks taken off, line by line (offsets are those of the text
    returned): quote marks (``>``: a quoted post reads as its words, its paragraphs
    together), heading marks and underlines, emphasis around a whole line (a byline in
    italics), rules, and YAML front matter (whose ``title``, ``date`` and ``author`` are
    kept); code blocks stay as written. Returns the text, the title (the front matter's, or a level-1
    heading opening the document), the front matter's date and its author."""
    title = published = author = None
    front = _FRONT_MATTER.match(text)
    if front:
        for line in front.group(1).split("\n"):
            key, _, value = line.partition(":")
            value = value.strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                # One pair of YAML quotes ("a 'quoted' word" keeps its own marks).
                value = value[1:-1].replace("''", "'") if value[0] == "'" else \
                    value[1:-1].replace('\\"', '"')
            if key.strip().lower() == "title" and value:
                title = value
            elif key.strip().lower() == "author" and value:
                author = value
            elif key.strip().lower() == "date":
                m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
                published = "-".join(m.groups()) if m else None
        text = text[front.end():]
    lines: list[str] = []
    fenced = False
    for line in text.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            lines.append(line)
            continue
        if fenced:
            lines.append(line)
            continue
        if _MD_QUOTE_BLANK.match(line) and line.strip():
            continue  # a blank line inside a quotation: its paragraphs stay together
        line = _MD_QUOTE.sub("", line)
        heading = _MD_HEADING.match(line)
        if heading:
            line = heading.group(2)
            if heading.group(1) == "#" and title is None and not any(
                    x.strip() for x in lines):
                title = line.strip() or None
        elif _MD_RULE.match(line) or _MD_SETEXT.match(line):
            line = ""
        else:
            line = _MD_EMPHASIS_LINE.sub(r"\1\3", line)
        lines.append(_md_inline(line))
    if title is not None:
        title = _md_inline(title)
    return "\n".join(lines), title, published, author


#: Inline Markdown: an image (dropped), a link (its words kept), emphasis and code marks —
#: emphasis only at a word's edges (not "f**k", "4*", "*****", "__init__.py").
_MD_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^()\s]*\)")
_MD_LINK = re.compile(r"\[([^\]\n]+)\]\([^()\s]+(?:\s+\"[^\"\n]*\")?\)")
_EDGE_AFTER = r"(?=[\s,;:!?)\]\"”’'…]|\.(?!\w)|$)"
_MD_STRONG = re.compile(rf"(?<![\w*_@#\\])(\*\*|__)(?![\s*_])((?:(?!\1).)+?)(?<![\s*_])\1"
                        rf"{_EDGE_AFTER}")
_MD_EM = re.compile(rf"(?<![\w*_@#\\])([*_])(?![\s*_])([^*_\n]+?)(?<![\s*_])\1{_EDGE_AFTER}")
_MD_CODE = re.compile(r"`([^`\n]+)`")
_MD_LABEL = re.compile(r"\s*(?:[-*+]\s+|\d+[.)]\s+)?(\*\*|__)[^*_\n]+?(?<![:.;,])\1"
                       r"(?=[ \t]+[^\s:.,;])")
_URL_TOKEN = re.compile(r"\S*(?:://|www\.)\S*")


def _md_inline(line: str) -> str:
    """A line's inline Markdown taken off: links keep their words ("[the report](url)" ->
    "the report"), images go, emphasis and code keep what they mark ("**answers**" ->
    "answers"); a handle's underscores ("@ana_ruiz_"), a sum's or a rating's stars ("2 *
    3", "*****"), a bleep ("f**k") and a web address stay as written, and so does a bold
    label opening a line with text after it ("**Kenji Morita** Superb. 9": its marks
    part the label from the text, as a colon would)."""
    line = _MD_IMAGE.sub("", line)
    line = _MD_LINK.sub(r"\1", line)
    label = _MD_LABEL.match(line)
    if label:
        return line[:label.end()] + _md_inline(line[label.end():])
    out, at = [], 0
    for url in _URL_TOKEN.finditer(line):  # addresses as written
        out += [_md_emphasis(line[at:url.start()]), url.group()]
        at = url.end()
    return "".join([*out, _md_emphasis(line[at:])])


def _md_emphasis(part: str) -> str:
    part = _MD_STRONG.sub(r"\2", part)
    part = _MD_EM.sub(r"\2", part)
    return _MD_CODE.sub(r"\1", part)


#: Words of a time, never of a writer's name ("By Election Day, turnout …", "By Christmas
#: Eve", "By Mid Morning").
_TIME_WORDS = frozenset("Day Eve Year Morning Afternoon Evening Night Week Month Christmas "
                        "Easter Election Midnight Noon Dawn Then Now".split())


def _header_lines(text: str) -> list[str]:
    """The first lines of a plain-text article that may hold its header (headline, byline,
    dateline), without a standfirst: a long line among the first three whose next line is
    a writer's byline ("Headline", "Ten years after … [150 characters]", "By Ana Ruiz",
    "Tuesday 14 October 2025") — the prose's first paragraph has none after it (a date
    alone there may be anything's: "…, and no date had been set." then "June 6, 2024").
    After a standfirst the header is the byline and the line after it, and only where the
    byline gives a role ("By Ana Ruiz, Transport Correspondent"; not a clause: "By Election
    Day, turnout was expected to pass 60 per cent.") or that line is a date alone: a
    subhead may read as a byline ("By Popular Demand", "By Royal Charter")."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()][:HEADER_LINES + 1]
    for i, line in enumerate(lines[1:3], 1):
        if len(line) > HEADER_LINE_MAX:
            nxt = lines[i + 1].strip(" *_") if i + 1 < len(lines) else ""
            after = lines[i + 2:i + 3]
            m = byline_match(nxt)
            role = nxt.split(",", 1)[1].strip() if "," in nxt else ""
            if m and not set(m.group(1).split()) & _TIME_WORDS and (
                    role and len(role.split()) <= 6 and not re.search(r"[.!?]$", role)
                    or any(_date_alone(a) for a in after)):
                return lines[:i] + [lines[i + 1]] + after
            break
    return lines[:HEADER_LINES]


def _date_alone(part: str) -> tuple[str, bool] | None:
    """The date ``part`` is and nothing else ("Published: 14 March 2025", "Tuesday 14
    October 2025", "March 1, 2024, 9:15 a.m."), and whether an update's ("Updated March 5,
    2024"); None for anything else."""
    part = part.strip(" ,.*_")
    lead = _LEAD_WORDS.match(part)
    rest = part[lead.end():] if lead else part
    rest = rest[w.end():] if (w := _WEEKDAY.match(rest)) else rest
    m = DATE_RE.match(rest)
    if not m or not _TIME_AFTER.match(rest[m.end():]):
        return None
    day = date_from_match(m)
    return (day, bool(lead and _UPDATED.match(part))) if day else None


def dateline(text: str) -> str | None:
    """The publication date a plain-text article's header block gives, or None: a part of
    one of its first lines (before the prose) that is a date and nothing else — the line
    alone ("June 6, 2024", "Published: 1 March 2024 at 9:15"), or one part of a byline or
    dateline cut at · | — ("By Ana Ruiz · Opinion · 14 February 2024", "LARCHMOUTH — March
    2, 2024"). A date inside a sentence or a headline, a post's signature (a line with an
    @handle) and a date after today date nothing; an update's date counts only when no
    other does."""
    found: list[tuple[bool, str]] = []
    for line in _header_lines(text):
        if len(line) > HEADER_LINE_MAX:
            # The prose has begun, perhaps with a dateline: "ASHCOMBE, May 7, 2026 — …".
            m = _INLINE_DATELINE.match(line) or _WIRE_DATELINE.match(line)
            day = date_from_match(m) if m and not _NOT_DATELINE.match(line) else None
            if not found and day and day <= date.today().isoformat():
                found.append((False, day))
            break
        if _HANDLE_IN_LINE.search(line):
            continue  # a post's signature, not the article's
        for part in _SEPARATORS.split(line.strip(" *_")):
            dated = _date_alone(part)
            if dated and dated[0] <= date.today().isoformat():
                found.append((dated[1], dated[0]))
    # A first-published date before an update's (sorted keeps the order within each).
    return sorted(found, key=lambda f: f[0])[0][1] if found else None


def byline(text: str, title: str | None = None) -> str | None:
    """The author a plain-text article's header block names: a line (or a part of one cut
    at · | —) that is "By NAME" or "By NAME, role" and nothing else, before the prose —
    not the title ("By The Numbers"), nor a credit ("By Getty Images"). (A name alone on
    the line over a date is as often a column's, a section's, a place's or the subject's:
    "Nostalgia Corner", "Port Talwyn", an obituary's "Margaret Hollis".)"""
    for line in _header_lines(text):
        if len(line) > HEADER_LINE_MAX:
            break
        if title and line == title:
            continue
        for part in _SEPARATORS.split(line.strip(" *_")):
            m = byline_match(part.strip(" *_"))
            if m and not set(m.group(1).lower().split()) & _NOT_AUTHORS:
                words = m.group(1).split()
                # A desk before the name ("By Court Reporter Gareth Mowbray": a fresh
                # audit's author) is no part of it.
                desk = [i for i, w in enumerate(words[:-2]) if w in DESK_WORDS]
                return " ".join(words[desk[-1] + 1:]) if desk else m.group(1)
    return None



#: In a first line ending in a quotation (its closing mark taken off), what makes it
#: dialogue or a quoted lede rather than a headline: a quotation then a say-verb
#: ('"Where are you going?" she asked. "Home"', '"No," said Ana Ruiz, …'), a past
#: say-verb or a pronoun's before a quotation ('Ana Ruiz said: "…"', 'he says: "…"'), or
#: nothing but the one quotation ('"We have lost everything"'). A headline's say-verb is
#: in the present after a name ('Starmer says: "…"', '"Outrageous," says union') or
#: "told" ('Sunak told Tories: "…"', '"Get out!" fans told'), and a headline may open
#: with a quotation ('"Betrayal": farmers march over "raid"'). (Not the analyzers'
#: SAY_VERBS: here the tense tells the two apart.)
_SAY = r"(?:said|says|asked|asks|replied|replies|added|adds|wrote|writes|cried|shouted)"
_SAID = r"(?:said|asked|replied|added|wrote|cried|shouted)"
_DIALOGUE = re.compile(
    rf"[.!?…,][\"”]\s+(?:{_SAID}|(?:[\w'’-]+\s+){{1,2}}?{_SAY})\b"
    rf"|\b(?:he|she|they|i|we|you|it)\s+(?:{_SAY}|told\s+\w+)\s*[:,]\s*[\"“]"
    rf"|\b{_SAID}\s*[:,]\s*[\"“]"
    r"|\A\s*[\"“][^\"“”]*\Z", re.IGNORECASE)


#: A release's lines before its headline: a date alone, a contact.
_NOT_A_HEADLINE = re.compile(r"(?i)\bcontacts?\b|@|^\s*(?:" + DATE_RE.pattern + r")\s*$")
#: Words of a credit or of page furniture, never a headline's first line over a byline.
_FURNITURE = re.compile(r"(?i)\b(?:photo\w*|pictures?|images?|courtesy|credits?|share|listen|"
                         r"advertisement|scroll|subscribe|sign\s+up|log\s+in|cookies?|newsletter|"
                         r"(?:years?|months?|days?)\s+old|min(?:ute)?s?\s+read|partnership|"
                         r"published|sponsored|updated)\b|[>›»|·•]|^\W*(?:mon|tue|wed|thu|fri|"
                         r"sat|sun)\w*\W+\d|\d{1,2}[:.]\d\d")


def _over_byline(text: str) -> str | None:
    """A first line set right above a byline ("Headline" then "By Ana Ruiz, Courts
    Reporter", no blank line between): the headline, when it reads as one."""
    first, _, rest = text.partition("\n")
    second = rest.split("\n", 1)[0].strip(" *_")
    first = first.strip()
    # A headline says something: four words or more ("Opinion", "The Harbour Gazette" and
    # "Archive 2019" are a section's, an outlet's, a collection's names).
    # (A question or an exclamation may end one there: "How does a heat pump actually
    # work?" over "By Marcus Lindqvist, Science Reporter", a fresh audit's.)
    if not (3 <= len(first) <= 200) or not second or byline_match(first) or \
            not (_headline_end(first) or first.endswith(("?", "!"))) or \
            len(first.split()) < 4 or _FURNITURE.search(first):
        return None
    if any(_a_byline(part) for part in _SEPARATORS.split(second)):
        return first
    # A section's label between ("Education", "Lifestyle"), then a byline or a date, up to
    # the blank line (a fresh audit's six headlines lost so).
    block = rest.split("\n\n", 1)[0].split("\n")
    if 1 <= len(block) <= 4 and _section_label(block[0]) and not _PROMO.match(first) and all(
            _a_byline(line) or _date_line(line) for line in block[1:]):
        return first
    return None


#: A line that sends the reader elsewhere ("Read more about the storm in our live blog"):
#: no headline (a reviewer's).
_PROMO = re.compile(r"(?i)(?:read|watch|listen|click|sign\s+up|subscribe|follow|see|share|"
                    r"download|get|join)\b")


def _a_byline(line: str) -> bool:
    """Is ``line`` (stripped of Markdown's marks) a byline, one naming writers or staff?"""
    line = line.strip(" *_")
    return byline_match(line) is not None or _STAFF_BYLINE.fullmatch(line) is not None


def _section_label(line: str) -> bool:
    """Is ``line`` a section's label alone ("Education", "Sport", "Local news"), or its
    staff's ("Sport staff", "News desk": a byline naming no one)?"""
    words = line.strip(" *_").lower().split()
    if len(words) >= 2 and words[-1] in ("staff", "desk", "team", "reporters", "writers"):
        words = words[:-1]
    return 1 <= len(words) <= 3 and all(w in _SECTION_WORDS for w in words)


#: A byline that names no writer ("By Staff", "By staff writers", "By the Editorial Board":
#: a fresh audit's explainer lost its headline over one).
_STAFF_BYLINE = re.compile(r"(?i)by\s+(?:(?:our\s+)?staff(?:\s+(?:writers?|reporters?))?|"
                           r"the\s+editorial\s+board|(?:an?\s+|our\s+)?(?:staff\s+)?"
                           r"(?:correspondent|reporter))"
                           # (of an outlet: "By Staff of the Central Texas Ledger", a fresh
                           # audit's headline over it went unread)
                           r"(?:\s+(?:of|at)\s+(?:the\s+)?(?-i:[A-Z][\w'’&.-]*(?:\s+[A-Z]"
                           r"[\w'’&.-]*){0,4}))?")


#: Words of a section's label: "CORRECTIONS AND CLARIFICATIONS", "THE COVER INTERVIEW".
_SECTION_WORDS = frozenset(
    "news opinion comment analysis exclusive breaking live update updates sport sports "
    "business politics world local national features feature interview review reviews "
    "letters editorial corrections clarifications correction clarification obituary "
    "obituaries culture arts travel lifestyle science health technology tech money "
    "property weather cover story stories long read column columns briefing explainer "
    "investigation special report the and of & weekly magazine society education crime "
    "courts environment entertainment celebrity music film books food motoring fashion "
    "style royals transport community farming faith football cricket rugby gaming "
    "media".split())
#: Last words of a newspaper's name ("FERNLEIGH ADVERTISER", "The Midland Ledger").
_MASTHEAD_WORDS = frozenset(
    "advertiser courant herald gazette chronicle ledger examiner courier tribune telegraph "
    "inquirer enquirer argus clarion".split())
#: Words a paper's name has before its own word besides places ("The Daily Courant").
_MASTHEAD_LEAD = frozenset("the daily weekly sunday evening morning county".split())


def _kicker(line: str) -> bool:
    """Is a first line a section's label (a kicker) rather than a headline: three words at
    most, in capitals of section words only ("CORRECTIONS AND CLARIFICATIONS",
    "EXCLUSIVE"), or in parts a bar or a dot separates, one of them a section's ("NEWS |
    LOCAL", "LANTERN WEEKLY | THE COVER INTERVIEW", "Opinion · Columns")? (A headline says
    something: "MAYOR QUITS", "SEA OF RED", "Mayor quits | Eastmere Echo".)"""
    parts = re.split(r"\s[|·•›»]\s", line)
    dashed = re.split(r"\s[—–]\s", line)
    if len(parts) == 1 and len(dashed) == 2 and any(masthead(part) for part in dashed):
        parts = dashed  # "The Midland Ledger — Education" (not "Storm Odile — live")
    if any(len(part.split()) > 3 for part in parts) and not masthead(line):
        return False

    def section(part: str) -> bool:
        return all(w.lower().strip("'’:") in _SECTION_WORDS for w in part.split())

    if len(parts) > 1:
        # one part a section's, the others names ("LANTERN WEEKLY", "Ana Ruiz"), no
        # headline ("Mayor quits | News")
        return any(section(part) for part in parts) and all(
            section(part) or not any(w[:1].islower() for w in part.split()) for part in parts)
    return masthead(line) or (not any(c.islower() for c in line)
                              and any(c.isupper() for c in line) and section(line))


def masthead(line: str) -> bool:
    """Is a line a newspaper's name: at most four capitalised words, the last a paper's
    word, in capitals or after "The" ("FERNLEIGH ADVERTISER", "The Midland Ledger";
    :data:`_MASTHEAD_WORDS`; not a headline's "Trump Slams Washington Post")?"""
    words = line.split()
    return 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words) and \
        words[-1].lower().strip("'’:") in _MASTHEAD_WORDS and \
        (line.isupper() or words[0] == "The") and not any(
            w.lower() in familiar_words() and w.lower() not in _MASTHEAD_LEAD
            for w in words[:-1])  # (not a splash's "HARD TIMES", "STOP THE PRESS")


#: A line under a kicker that is no headline: a date, a byline or a report's credit, a
#: caption's credit in brackets.
_NOT_UNDER_KICKER = re.compile(
    rf"(?i)^(?:by|reporting|words|written|story|photos?|as told to|in association with)\b"
    rf"|^\w+\s+by\b|\breports?$|\)$|^(?:{_WEEKDAY.pattern})?(?:{DATE_RE.pattern})")


def _headline_after_kicker(line: str, least: int = 5) -> bool:
    """Is the line under a kicker its headline: one that ends as a headline does, of five
    to thirty words (``least``: three under a paper's name), not furniture, a date, a
    byline or a credit ("By …", "Analysis by …", "As told to …", "Ana Ruiz and Tom Vance
    report", "Ana Ruiz, Chief Reporter", "Ana Ruiz in Kellbrook") or a caption ending in
    its credit?"""
    words = line.split()
    return (_headline_end(line) and least <= len(words) <= 30 and not _FURNITURE.search(line)
            and not _NOT_UNDER_KICKER.search(line)
            and not ("," in line and len(words) <= 6))


def _headline_end(line: str) -> bool:
    """Does a first line end as a headline does, not as a sentence: no closing punctuation,
    or a quotation closed without any (`Judge cites "serious misdirection"`; a sentence's
    quotation closes after its stop: `… "no."`), in a line that is no dialogue
    (:data:`_DIALOGUE`)?"""
    if line.endswith(('"', "”")):
        line = line[:-1]
        return not line.endswith((".", "!", "?", "…", ",", ";", ":")) and \
            line.count('"') + line.count("“") >= 1 and not _DIALOGUE.search(line)
    return not line.endswith((".", "!", "?", "…", ":", ",", ";"))


#: Words a date line may open with: "Updated", "Published:", "Posted on", a weekday.
_DATE_LINE_LEAD = re.compile(r"(?i)(?:(?:updated|published|posted)(?:\s+on)?[:,]?\s+)?"
                             rf"(?:{_WEEKDAY.pattern})?")


def _date_line(line: str) -> bool:
    """Is ``line`` a date and nothing more ("Thursday 27 November 2025", "March 4, 2025",
    "Published: Tue 4 March 2025")?"""
    line = line.strip()
    line = line[_DATE_LINE_LEAD.match(line).end():]  # type: ignore[union-attr]
    m = DATE_RE.match(line)
    return m is not None and not line[m.end():].strip(" .,")


#: A disclaimer paragraph of the page's own, nothing but the disclaimer: "This article is
#: satire.", "Disclaimer: this story is a work of satire." Only a whole paragraph: in one
#: that goes on, or in a sentence of a fact-check, a review, a court report or a comment,
#: the words are someone's report on another page (two reviewers' probes).
_SATIRE_NOTE = re.compile(
    r"(?i)[ \t*_(\[]*(?:(?:editor['’]s\s+note|disclaimer|note)\s*:\s*)?this\s+(?:article|story|"
    r"column|site|website)\s+is\s+(?:a\s+work\s+of\s+)?(?:satire|satirical|parody|fiction)"
    r"[.!]?[ \t*_)\]]*")


def satire_label(text: str) -> bool:
    """Does ``text`` label itself satire: a paragraph, its first (or the one after its
    headline) or its last, that is nothing but a disclaimer of its own
    (:data:`_SATIRE_NOTE`), which no other paragraph speaks of as another page's? Its
    quotations are then the satirist's inventions, no one's words
    (:mod:`echoscope.analyzers.quotes`). (A one-word "Satire" line is a section's or a
    genre's tag on news and reviews too; an HTML page's section and disclaimer box say
    more: :mod:`echoscope.readers.html`.)"""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    if len(paragraphs) < 2:
        return False
    # The first paragraph (or the one after the headline), or the last; not where another
    # paragraph speaks of it as another page's ("That line appeared at the bottom of the
    # original", "The piece is reproduced below")
    for i in (0, 1, len(paragraphs) - 1):
        if _SATIRE_NOTE.fullmatch(paragraphs[i]) and not any(
                _SPEAKS_OF_IT.search(p) for j, p in enumerate(paragraphs) if j != i):
            return True
    return False


#: A paragraph that speaks of a disclaimer beside it as another page's.
_SPEAKS_OF_IT = re.compile(r"(?i)\b(?:that|this|the)\s+(?:line|note|label|disclaimer)\b|"
                           r"\b(?:original|reproduced|reprinted|in\s+full|below|above|"
                           r"quoted)\b")


def parse_text(text: str, source: str) -> Doc:
    """A Doc from an already decoded text; raises InputError (E305) when it is empty.
    A Markdown file (by its name) has its block marks taken off first."""
    published = None
    m = _DATE_MARKER.match(text)
    if m:
        published = f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
        text = text[m.end():]
    heading = author = None
    if source.lower().endswith(MARKDOWN_SUFFIXES):
        text, heading, front_date, author = from_markdown(text)
        published = published or front_date
    text = text.strip()
    if not text:
        raise InputError("empty document: no text after decoding", code=EMPTY)
    title = heading
    mark = _RELEASE_MARK.match(text)
    t = _TITLE.match(text, mark.end() if mark else 0)
    if mark and t and _NOT_A_HEADLINE.search(t.group(1)):
        t = None  # a release's date or contact line, not its headline
    if title is None and t and _date_line(t.group(1)):
        # "Thursday 27 November 2025" over the headline: the page's date, not its title
        # (nor is a byline under it: "By Ana Ruiz")
        after = _TITLE.match(text, t.end())
        line = after.group(1).strip() if after else ""
        t = after if after and not _date_line(line) and len(line.split()) >= 4 and \
            not line.isupper() and not re.match(
                r"(?i)(?:by|written\s+by|words\s+by|reporting\s+by|photos?\s+by|story\s+by|"
                r"reporter|posted\s+by|listen\s+to|analysis|opinion|news)\b", line) else None
    if title is None and t and _headline_end(t.group(1).rstrip()):
        title = t.group(1).strip()
        after = _TITLE.match(text, t.end())
        paper = any(masthead(part) for part in re.split(r"\s[|·•›»—–]\s", title))
        if _kicker(title) and after and _headline_after_kicker(after.group(1).strip(),
                                                               3 if paper else 5):
            # "LANTERN WEEKLY | THE COVER INTERVIEW", "CORRECTIONS AND CLARIFICATIONS": a
            # section's label over the headline, set apart as the headline is
            title = after.group(1).strip()
    if title is None:
        title = _over_byline(text)
    doc = Doc(
        text=text,
        source=source,
        title=title,
        published=published or dateline(text),
        author=author or byline(text, title),
        language=guess_language(text),
    )
    if satire_label(text):
        doc.meta["genre"] = "satire"
    return doc
