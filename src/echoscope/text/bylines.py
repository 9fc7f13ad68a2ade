"""Bylines: a line that names an article's writers ("By Hannah Wexford, Courts Reporter"),
read by the text reader for a document's author and by the entity layer, whose names do
not run on into one."""

from __future__ import annotations

import re

from .words import familiar_words

#: A byline alone on a header line: "By Hannah Wexford", "By Hannah Wexford, Courts
#: Reporter", "By Hannah Wexford and Sam Treverrow" (two writers: both are the author), a
#: review's or a feature's "Reviewed by …", "Words by …" — a name alone there: "Written
#: by Charles Dickens, the story sold out" is a sentence (a name of two to four
#: capitalised words, surname particles allowed).
#: (Capitals with accents too: "By Cathal Ó Riordáin", "By Zoë Ólafsdóttir" — a fresh
#: audit's story had lost its title and author over it.)
_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĴĶĹĻĽĿŁŃŅŇŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽȘȚƏ"
_WRITER = (rf"(?:[{_UPPER}][\w'’.-]*\s+(?:(?:van|von|de|del|der|da|di|la|le|Ó|Ní|Nic|Mac|"
           rf"Mc)\s+)?){{1,3}}[{_UPPER}][\w'’-]+")
BYLINE = re.compile(rf"^(?:By|(?:Reviewed|Written|Words)\s+by(?=[^,]*$))\s+"
                    rf"({_WRITER}(?P<second>\s+(?:and|&)\s+{_WRITER})?)"
                    r"(?:\s*,\s*[^,@]{1,60})?$")


def byline_match(part: str) -> re.Match[str] | None:
    """:data:`BYLINE`'s match of a header line's part — where it names two writers, only
    when no word of their names is a familiar English one ("By Cargo Ship and Private
    Jet" is a feature's headline; "By Tom Brown and Ana Ruiz" is left unread too)."""
    m = BYLINE.match(part)
    if m and m.group("second") and any(
            re.sub(r"['’]s$", "", w.lower()) in familiar_words()
            for w in re.findall(r"[\w'’-]+", m.group(1)) if w != "and"):
        return None
    return m


#: A journalist's job before their name in a byline ("By Court Reporter Gareth Mowbray").
DESK_WORDS = frozenset("Reporter Correspondent Editor Writer Columnist Critic Journalist "
                       "Photographer".split())
