"""Corpus records (JSON Lines and CSV rows) as Docs, through a configurable field mapping.

The default mapping fits NELA-GT style records: ``id``, ``date``, ``source`` (the outlet),
``title``, ``content``, ``author``, ``url``.
"""

from __future__ import annotations

import re
from typing import Any

from ..doc import Doc
from ..errors import BAD_RECORD, EMPTY, InputError
from ..text.social_text import parse_date
from ._decode import fix_text
from ._lang import guess_language
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
    if value is None:
        return None
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value if v is not None)
    s = fix_text(str(value)).strip()
    return s or None


def parse_record(
    record: Any, source: str, fields: dict[str, str], content_format: str = "auto"
) -> Doc:
    """A Doc from one decoded record; raises InputError (E305/E306)."""
    if not isinstance(record, dict):
        raise InputError(f"record is a {type(record).__name__}, not an object", code=BAD_RECORD)
    content = _field(record, fields["content"])
    if content is None:
        raise InputError(f"record has no {fields['content']!r} field", code=BAD_RECORD)
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
    doc.published = parse_date(_field(record, fields["date"])) or doc.published
    doc.site_name = _as_text(_field(record, fields["source"])) or doc.site_name
    doc.author = _as_text(_field(record, fields["author"])) or doc.author
    lang = _as_text(_field(record, fields["language"]))
    doc.language = (lang.lower()[:2] if lang else None) or doc.language or guess_language(doc.text)
    rid = _field(record, fields["id"])
    if rid is not None:
        doc.meta["record_id"] = str(rid)
    return doc
