"""Corpus records (JSON Lines and CSV rows) as Docs, through a configurable field mapping.

The default mapping fits NELA-GT style records: ``id``, ``date``, ``source`` (the outlet),
``title``, ``content``, ``author``, ``url``.
"""

from __future__ import annotations

import re
from typing import Any

from ..config import shipped_default
from ..doc import Doc
from ..errors import BAD_RECORD, EMPTY, InputError
from ..text.language import guess_language
from ..text.social_text import parse_date
from ._decode import fix_text
from .html import parse_html
from .text import parse_text

_LOOKS_HTML = re.compile(r"<(?:p|div|html|body|blockquote|article|br|span|a)\b[^>]*>", re.I)


def _field(record: dict[str, Any], name: str) -> Any:
    """A field by name; dotted names reach into nested objects (``meta.url``)."""
    node: Any = record
    for part in name.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def _as_text(value: Any) -> str | None:
    if isinstance(value, dict):  # {"@type": "Organization", "name": "Ledger"}
        value = value.get("name")
    if value is None:
        return None
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value if v is not None)
    s = fix_text(str(value)).strip()
    return s or None


#: The default mapping (``[input.fields]`` as defaults.toml ships it), and the other names
#: corpora commonly give each field: where a record lacks the default name, the first of
#: these it has is read instead (a name the user set is read as set, never replaced).
DEFAULT_FIELDS: dict[str, str] = shipped_default("input.fields")
ALTERNATES = {
    "content": ("text", "body", "article", "full_text", "maintext"),
    "date": ("published", "published_at", "publish_date", "date_published", "pubDate",
             "datePublished"),
    "title": ("headline",),
    "source": ("site", "site_name", "outlet", "publisher"),
    "author": ("authors", "byline"),
    "url": ("link", "canonical_url"),
    "language": ("lang",),
}


def _resolved(record: dict[str, Any], fields: dict[str, str]) -> dict[str, str]:
    """``fields`` with each default name the record lacks replaced by the first usual
    alternative it has."""
    out = dict(fields)
    for key, name in fields.items():
        if name == DEFAULT_FIELDS.get(key) and _absent(record.get(name)):
            alts = [alt for alt in ALTERNATES.get(key, ()) if alt in record]
            # The first usable one; else, for the content, the one present (so an empty
            # "text" says it is empty, E305, rather than missing).
            out[key] = next((alt for alt in alts if _usable(key, record.get(alt))),
                            alts[0] if key == "content" and alts and name not in record
                            else name)
    return out


def _absent(value: Any) -> bool:
    return value is None or value in ("", [], {})


def _usable(key: str, value: Any) -> bool:
    """Can an alternative field's ``value`` stand for ``key``: text (or, for a date, a
    timestamp or a string that reads as a date of 1990 or later)?"""
    if key == "date":
        day = parse_date(value) if isinstance(value, (str, int, float)) and \
            not isinstance(value, bool) else None
        return day is not None and day >= "1990"
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, list):
        return any(isinstance(v, str) and v.strip() for v in value)
    return isinstance(value, str) and bool(value.strip())


def parse_record(
    record: Any, source: str, fields: dict[str, str], content_format: str = "auto"
) -> Doc:
    """A Doc from one decoded record; raises InputError (E305/E306). Fields are read by
    the mapping's names, or — where a record lacks a default name — by the usual
    alternatives (``text`` or ``body`` for ``content``, ``published`` for ``date``, …:
    :data:`ALTERNATES`); ``doc.meta["fields"]`` says which were read so."""
    if not isinstance(record, dict):
        raise InputError(f"record is a {type(record).__name__}, not an object", code=BAD_RECORD)
    asked, fields = fields, _resolved(record, fields)
    content = _field(record, fields["content"])
    if content is None:
        tried = "" if fields["content"] != DEFAULT_FIELDS["content"] else (
            " (nor " + ", ".join(repr(n) for n in ALTERNATES["content"])
            + "; name yours with --field content=NAME)")
        raise InputError(f"record has no {fields['content']!r} field{tried}",
                         code=BAD_RECORD)
    if not isinstance(content, str):
        raise InputError(
            f"field {fields['content']!r} is a {type(content).__name__}, not text", code=BAD_RECORD
        )
    content = fix_text(content)
    if not content.strip():
        raise InputError(f"empty document: field {fields['content']!r} is empty", code=EMPTY)
    is_html = content_format == "html" or (
        content_format == "auto" and _LOOKS_HTML.search(content[:2000]) is not None
    )
    url = _as_text(_field(record, fields["url"]))
    doc = parse_html(content, source, url=url) if is_html else parse_text(content, source)
    if not doc.text.strip():
        raise InputError("empty document: no main text in the record's HTML", code=EMPTY)
    # Record fields win over what the content itself says.
    doc.url = url or doc.url
    doc.title = _as_text(_field(record, fields["title"])) or doc.title
    raw_date = _field(record, fields["date"])
    published = parse_date(raw_date)
    if published is None and raw_date is not None and str(raw_date).strip():
        # A date the record gives that is no date ("2026-11-31"): kept, not read, and said
        doc.meta["unread_date"] = str(raw_date)[:100]
    doc.published = published or doc.published
    doc.site_name = _as_text(_field(record, fields["source"])) or doc.site_name
    doc.author = _as_text(_field(record, fields["author"])) or doc.author
    lang = _as_text(_field(record, fields["language"]))
    doc.language = (lang.lower()[:2] if lang else None) or doc.language or guess_language(doc.text)
    rid = _field(record, fields["id"])
    if rid is not None:
        doc.meta["record_id"] = str(rid)
    read_as = {k: v for k, v in fields.items() if v != asked[k]}
    if read_as:
        doc.meta["fields"] = read_as
    return doc
