"""Bytes to clean text: BOMs, UTF-16 without BOM, Windows-1252, mojibake, binary input."""

from __future__ import annotations

import re
import unicodedata

import ftfy
from ftfy.badness import is_bad

from ..errors import BINARY, UNDECODABLE, InputError

_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/XLSX)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x7fELF", "an executable"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ", "an xz archive"),
    (b"SQLite format 3", "an SQLite database"),
    (b"DUCK", "a DuckDB database"),
)

# Control characters that never occur in text (tab, newline, CR, form feed are fine).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_MOJIBAKE_HINT = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
    "\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
_HTML_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def _sniff_binary(data: bytes) -> str | None:
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return what
    return None


def _utf16_without_bom(head: bytes) -> str | None:
    """Guess UTF-16 LE/BE from the NUL pattern of mostly-ASCII text."""
    if len(head) < 4:
        return None
    even = head[0::2].count(0)
    odd = head[1::2].count(0)
    half = len(head) // 2
    if odd > 0.4 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.4 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes, *, html: bool = False, charset: str | None = None) -> str:
    """Decode ``data`` to normalised text, or raise :class:`InputError` (E303/E304).

    Order: BOM; the ``charset`` a server declared (if the bytes fit it); UTF-16 detected
    from NUL patterns; UTF-8; the charset an HTML page declares; Windows-1252;
    charset-normalizer's best guess. Mojibake (UTF-8 read as
    Windows-1252 somewhere upstream) is repaired with ftfy. Newlines become ``\\n`` and
    the text is NFC-normalised.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        text = _strict(data[3:], "utf-8")
    elif data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        text = _strict(data, "utf-32")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = _strict(data, "utf-16")
    elif charset and (declared := _declared(data, charset)) is not None:
        text = declared
    else:
        what = _sniff_binary(data[:16])
        if what:
            raise InputError(f"binary input: looks like {what}", code=BINARY)
        head = data[:4096]
        encoding = _utf16_without_bom(head) if b"\x00" in head else None
        if encoding:
            text = _strict(data, encoding)
        elif b"\x00" in head:
            raise InputError("binary input: contains NUL bytes", code=BINARY)
        else:
            text = _decode_8bit(data, html=html)
    if _CONTROL.search(text[:8192]) and len(_CONTROL.findall(text[:8192])) > 0.01 * min(
        len(text), 8192
    ):
        raise InputError("binary input: too many control characters", code=BINARY)
    return normalise_text(text)


_DEFAULT_CHARSETS = {"iso-8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii",
                     "windows-1252", "cp1252"}


def _declared(data: bytes, charset: str) -> str | None:
    """``data`` in the charset a server declared, or None when it does not fit. Latin-1,
    ASCII and Windows-1252 are what servers say by default, often of UTF-8 pages (and
    Latin-1 fits any bytes): for those the usual order decides."""
    if charset.lower().replace("_", "-") in _DEFAULT_CHARSETS:
        return None
    try:
        text = data.decode(charset)
    except (LookupError, UnicodeDecodeError):
        return None
    return None if "\x00" in text[:4096] else text


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"undecodable input: invalid {encoding} at byte {exc.start}", code=UNDECODABLE
        ) from None


def _decode_8bit(data: bytes, *, html: bool) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if html:
        m = _HTML_CHARSET.search(data[:4096])
        if m:
            try:
                return data.decode(m.group(1).decode("ascii").lower())
            except (LookupError, UnicodeDecodeError):
                pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError("undecodable input: no text encoding fits these bytes", code=UNDECODABLE)
    return str(best)


# What no analyzer, database or page should ever see: control characters (tab, newline,
# CR and form feed stay) are dropped; a lone UTF-16 surrogate (from JSON's "\\ud800" or a
# caller's string) cannot be encoded anywhere, and becomes U+FFFD.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f\ud800-\udfff]")


def _unsafe(m: re.Match[str]) -> str:
    return "\ufffd" if m.group() >= "\ud800" else ""


def scrub(text: str) -> str:
    """``text`` without control characters, each lone surrogate replaced by U+FFFD."""
    return _UNSAFE.sub(_unsafe, text) if _UNSAFE.search(text) else text


def normalise_text(text: str) -> str:
    """Repair mojibake, drop control characters, replace lone surrogates with U+FFFD,
    unify newlines, NFC-normalise; strip a leading BOM character."""
    if text.startswith("\ufeff"):
        text = text[1:]
    text = scrub(text)
    # ftfy's full check costs ~1 ms on an article; mojibake always leaves a UTF-8 lead
    # byte read as Latin-1/Windows-1252 followed by a continuation byte, so look for that first.
    if _MOJIBAKE_HINT.search(text) and is_bad(text):
        text = ftfy.fix_encoding(text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def fix_text(text: str) -> str:
    """Normalise text that arrived already decoded (JSON/CSV fields, stdin as str)."""
    return normalise_text(text)
