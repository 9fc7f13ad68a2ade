"""Plain-text articles."""

from __future__ import annotations

import re

from ..doc import Doc
from ..errors import EMPTY, InputError
from ._lang import guess_language

# An optional leading "date YYYY-MM-DD" marker sets the publication date.
_DATE_MARKER = re.compile(r"\A\s*date[ \t]+(\d{4})-(\d{2})-(\d{2})\b[ \t]*\n?[ \t]*", re.I)
# A first line that reads as a headline: short, no sentence end, followed by a blank line.
_TITLE = re.compile(r"\A([^\n]{3,200})\n[ \t]*\n")


def parse_text(text: str, source: str) -> Doc:
    """A Doc from an already decoded text; raises InputError (E305) when it is empty."""
    published = None
    m = _DATE_MARKER.match(text)
    if m:
        published = f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
        text = text[m.end():]
    text = text.strip()
    if not text:
        raise InputError("empty document: no text after decoding", code=EMPTY)
    title = None
    t = _TITLE.match(text)
    if t and not t.group(1).rstrip().endswith((".", "!", "?", "…", ":", ",", ";", '"', "”")):
        title = t.group(1).strip()
    return Doc(
        text=text,
        source=source,
        title=title,
        published=published,
        language=guess_language(text),
    )
