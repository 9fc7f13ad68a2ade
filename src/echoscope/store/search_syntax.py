"""The search query language: words, "quoted phrases", ``AND``, ``OR`` and ``-exclusions``.

Grammar (operators are upper case; ``and``/``or`` in lower case are words)::

    query        := clause ( [AND] clause )*        AND is the default between clauses
    clause       := alternatives | exclusion
    alternatives := term ( OR term )*               OR binds tighter than AND
    term         := WORD | WORD* | "PHRASE"
    exclusion    := -WORD | -WORD* | -"PHRASE"

``milano -biden`` is milano AND NOT biden; ``a b OR c`` is a AND (b OR c). A word matches
as a whole word, ``vot*`` any word starting with "vot" (vote, voted, voters), a phrase as
written, as whole words (case and spacing aside). Malformed
input (an unclosed quote, an empty phrase, a lone ``-``, an ``OR``/``AND`` without a
term on each side, ``OR`` next to an exclusion, a query of only exclusions, an empty
query) raises :class:`~echoscope.errors.StoreError` E512 with what is wrong.
"""

from __future__ import annotations

import re
import string
import unicodedata
from dataclasses import dataclass

from ..errors import StoreError

#: Punctuation stripped from the ends of a bare word (``metoo,`` is ``metoo``); ``#`` and
#: ``@`` stay, so ``#metoo`` and ``@handle`` are words as written.
_EDGE = "".join(c for c in string.punctuation if c not in "#@") + "“”‘’«»—–…"


@dataclass(frozen=True, slots=True)
class Term:
    """One word or phrase of a query (``text`` with whitespace squashed)."""

    text: str
    phrase: bool = False
    #: A word written with a final ``*`` (``vot*``): any word that starts with ``text``.
    prefix: bool = False

    def sql_pattern(self) -> str:
        """An RE2 pattern (DuckDB ``regexp_matches`` with option ``'i'``)."""
        if self.prefix:
            return _pattern(self.text, r"(?:^|[^\pL\pN_])", "", "") + r"[\pL\pN_]*"
        return _pattern(self.text, r"(?:^|[^\pL\pN_])", r"(?:[^\pL\pN_]|$)", r"[\s\pZ]+")

    def regex(self) -> re.Pattern[str]:
        """The same pattern for Python (case-insensitive; ``match.span()`` is the term)."""
        if self.prefix:
            return re.compile(_pattern(self.text, r"(?<!\w)", "", "") + r"\w*", re.IGNORECASE)
        return re.compile(_pattern(self.text, r"(?<!\w)", r"(?!\w)", r"\s+"), re.IGNORECASE)

    def __str__(self) -> str:
        return f'"{self.text}"' if self.phrase else self.text + ("*" if self.prefix else "")


def _pattern(text: str, left: str, right: str, space: str) -> str:
    # Word boundaries only where the term starts or ends with a word character. (RE2 has
    # no look-around: there the boundary character is part of the match, which SQL only
    # tests for.)
    body = space.join(re.escape(w) for w in text.split())
    return ((left if _wordy(text[0]) else "") + body
            + (right if _wordy(text[-1]) else ""))


def _wordy(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """A parsed query: every group must match (a group matches when any of its terms
    does) and no excluded term may."""

    groups: tuple[tuple[Term, ...], ...]
    excluded: tuple[Term, ...] = ()

    @property
    def positive(self) -> list[Term]:
        """The terms to find, in query order."""
        return [t for group in self.groups for t in group]

    def bm25_text(self) -> str:
        """What BM25 ranks by: every word of every term to find."""
        return " ".join(t.text for t in self.positive)

    def implicit_phrase(self) -> Term | None:
        """For a query of two or more plain words (no OR, no phrase): the words as one
        phrase, so that hits holding them together rank first."""
        terms = self.positive
        if len(terms) > 1 and all(len(g) == 1 for g in self.groups) and not any(
                t.phrase or t.prefix for t in terms):
            return Term(" ".join(t.text for t in terms), phrase=True)
        return None


def _error(message: str) -> StoreError:
    return StoreError(f"malformed search query: {message}", code="E512")


def _tokens(query: str) -> list[tuple[str, str]]:
    """``(kind, text)`` pairs: kind is ``word``, ``prefix``, ``phrase``, ``-word``,
    ``-prefix``, ``-phrase``, ``OR`` or ``AND``."""
    out: list[tuple[str, str]] = []
    i, n = 0, len(query)
    while i < n:
        ch = query[i]
        if ch.isspace():
            i += 1
            continue
        negated = ch == "-" and i + 1 < n and query[i + 1] == '"'
        if ch == '"' or negated:
            opens = i + (1 if negated else 0)
            close = query.find('"', opens + 1)
            if close < 0:
                raise _error(f"the quote at character {opens + 1} is never closed "
                             f"(close it with another \")")
            text = " ".join(query[opens + 1:close].split())
            if not text:
                raise _error('an empty phrase ("")')
            out.append(("-phrase" if negated else "phrase", text))
            i = close + 1
            continue
        j = i
        while j < n and not query[j].isspace() and query[j] != '"':
            j += 1
        token = query[i:j]
        i = j
        if token in ("OR", "AND"):
            out.append((token, token))
            continue
        negated = token.startswith("-")
        word = token[1:] if negated else token
        if negated and not word:
            raise _error("a lone '-' (write -word or -\"a phrase\" to exclude it)")
        starred = word.endswith("*")
        word = word.strip(_EDGE)
        if word and starred and len(word) >= 2:
            out.append(("-prefix" if negated else "prefix", word))
        elif word:
            out.append(("-word" if negated else "word", word))
    return out


#: The most words and phrases one query may hold (each is a scan of every stored text).
MAX_TERMS = 32


def parse_query(query: str) -> SearchQuery:
    """Parse a search query (see the module's grammar); raises StoreError E512. The query
    is NFC-normalised first, as every stored text is."""
    tokens = _tokens(unicodedata.normalize("NFC", query))
    terms = sum(1 for kind, _ in tokens if kind not in ("OR", "AND"))
    if terms > MAX_TERMS:
        raise _error(f"{terms} words and phrases: at most {MAX_TERMS} in one query")
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    previous = ""  # the kind of the token before: "", "term", "exclusion", "OR", "AND"
    for kind, text in tokens:
        if kind in ("OR", "AND"):
            if previous in ("", "OR", "AND"):
                raise _error(f"{kind} needs a word or phrase on each side")
            if kind == "OR" and previous == "exclusion":
                raise _error("OR cannot join an exclusion (-word): write the exclusion "
                             "on its own")
            previous = kind
            continue
        term = Term(text, phrase=kind.endswith("phrase"), prefix=kind.endswith("prefix"))
        if kind.startswith("-"):
            if previous == "OR":
                raise _error("OR cannot join an exclusion (-word): write the exclusion "
                             "on its own")
            excluded.append(term)
            previous = "exclusion"
        elif previous == "OR":
            groups[-1].append(term)
            previous = "term"
        else:
            groups.append([term])
            previous = "term"
    if previous in ("OR", "AND"):
        raise _error(f"{previous} needs a word or phrase on each side")
    if not groups:
        if excluded:
            raise _error("only exclusions: add a word or phrase to find (milano -biden)")
        raise _error("no word or phrase to find")
    return SearchQuery(tuple(tuple(g) for g in groups), tuple(excluded))
