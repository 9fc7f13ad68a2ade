"""Plain-text (and Markdown) articles."""

from __future__ import annotations

import re

from ..doc import Doc
from ..errors import EMPTY, InputError
from ..text.social_text import DATE_RE, date_from_match
from ._lang import guess_language

# An optional leading "date YYYY-MM-DD" marker sets the publication date.
_DATE_MARKER = re.compile(r"\A\s*date[ \t]+(\d{4})-(\d{2})-(\d{2})\b[ \t]*\n?[ \t]*", re.I)
# A first line that reads as a headline: short, no sentence end, followed by a blank line.
_TITLE = re.compile(r"\A([^\n]{3,200})\n[ \t]*\n")

#: How far the header block (headline, byline, dateline) of a plain-text article reaches:
#: this many lines, ending at the first long one (prose).
HEADER_LINES = 6
HEADER_LINE_MAX = 120
#: A header line that dates the article: the date alone (after "Published"/"Posted", with
#: a time after it), or a byline ("By …") or a line of parts set apart by · | — that
#: holds a date.
_DATE_ALONE = re.compile(r"^(?:(?:published|posted|first published)\s*:?\s*(?:on\s+)?)?$",
                         re.I)
_BYLINE = re.compile(r"^(?:by\s|published\b|posted\b)|\s[·|•—–]\s", re.I)
_UPDATED = re.compile(r"\b(?:updated|modified|last edited)\b", re.I)

MARKDOWN_SUFFIXES = (".md", ".markdown")
_MD_QUOTE = re.compile(r"^[ \t]{0,3}(?:>[ \t]?)+")
_MD_HEADING = re.compile(r"^[ \t]{0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_MD_RULE = re.compile(r"^[ \t]{0,3}(?:[-*_][ \t]*){3,}$")
_MD_EMPHASIS_LINE = re.compile(r"^([ \t]*)(\*{1,3}|_{1,3})(\S(?:.*\S)?)\2[ \t]*$")


def from_markdown(text: str) -> tuple[str, str | None]:
    """Markdown's block marks taken off, line by line (offsets are those of the text
    returned): quote marks (``>``: a quoted post reads as its words), heading marks,
    emphasis around a whole line (a byline in italics), rules. Returns the text and the
    first heading of level 1 when it opens the document (the title)."""
    lines: list[str] = []
    title = None
    for i, line in enumerate(text.split("\n")):
        line = _MD_QUOTE.sub("", line)
        heading = _MD_HEADING.match(line)
        if heading:
            line = heading.group(2)
            if heading.group(1) == "#" and not any(x.strip() for x in lines) and i < 3:
                title = line.strip() or None
        elif _MD_RULE.match(line):
            line = ""
        else:
            line = _MD_EMPHASIS_LINE.sub(r"\1\3", line)
        lines.append(line)
    return "\n".join(lines), title


def dateline(text: str) -> str | None:
    """The publication date a plain-text article's header block gives (a dateline under
    the headline, "By … · date", "Published: date"), or None. Only short lines before the
    prose are read, and a date the line calls an update counts only when no other does:
    a date inside the story ("On March 3, 2019, …") never dates the article."""
    found: list[tuple[bool, str]] = []
    for line in [ln.strip() for ln in text.split("\n") if ln.strip()][:HEADER_LINES]:
        if len(line) > HEADER_LINE_MAX:
            break  # the prose has begun
        m = DATE_RE.search(line)
        if not m:
            continue
        rest = (line[:m.start()] + " " + line[m.end():]).strip(" ,.·|•—–-*_")
        alone = bool(_DATE_ALONE.match(line[:m.start()].strip())) and (
            not rest or re.fullmatch(r"(?:at\s+)?\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?)?"
                                     r"(?:\s+[A-Z]{2,4})?", line[m.end():].strip(" ,.·|"),
                                     re.I) is not None or not line[m.end():].strip(" ,.·|"))
        if alone or _BYLINE.search(line):
            day = date_from_match(m)
            if day:
                found.append((bool(_UPDATED.search(line)), day))
    # A first-published date before an update's (sorted keeps the order within each).
    return sorted(found, key=lambda f: f[0])[0][1] if found else None


def parse_text(text: str, source: str) -> Doc:
    """A Doc from an already decoded text; raises InputError (E305) when it is empty.
    A Markdown file (by its name) has its block marks taken off first."""
    published = None
    m = _DATE_MARKER.match(text)
    if m:
        published = f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
        text = text[m.end():]
    heading = None
    if source.lower().endswith(MARKDOWN_SUFFIXES):
        text, heading = from_markdown(text)
    text = text.strip()
    if not text:
        raise InputError("empty document: no text after decoding", code=EMPTY)
    title = heading
    t = _TITLE.match(text)
    if title is None and t and not t.group(1).rstrip().endswith(
            (".", "!", "?", "…", ":", ",", ";", '"', "”")):
        title = t.group(1).strip()
    return Doc(
        text=text,
        source=source,
        title=title,
        published=published or dateline(text),
        language=guess_language(text),
    )
