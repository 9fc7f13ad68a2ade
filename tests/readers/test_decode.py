"""Encodings: BOMs, UTF-16 without BOM, Windows-1252, mojibake, binary input."""

from __future__ import annotations

import gzip

import ftfy.bad_codecs  # noqa: F401 - registers sloppy-windows-1252
import pytest

from echoscope.errors import BINARY, InputError
from echoscope.readers._decode import decode_bytes

TEXT = "Café owners say the “new rules” aren’t fair — Zoë (@zoe) May 1, 2020"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # with BOM
        TEXT.encode("utf-16-le"),  # without BOM
        TEXT.encode("utf-16-be"),
        TEXT.encode("utf-32"),
        TEXT.encode("cp1252"),
        TEXT.encode("utf-8").decode("sloppy-windows-1252").encode("utf-8"),  # mojibake
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16le", "utf16be", "utf32", "cp1252", "mojibake"],
)
def test_decodes_to_the_same_text(data):
    assert decode_bytes(data) == TEXT


def test_crlf_becomes_lf():
    assert decode_bytes(b"a\r\nb\rc") == "a\nb\nc"


def test_html_declared_charset():
    page = "<meta charset='iso-8859-7'><p>Καλημέρα</p>".encode("iso-8859-7")
    assert "Καλημέρα" in decode_bytes(page, html=True)


@pytest.mark.parametrize(
    "data, what",
    [
        (b"%PDF-1.7\n%\xe2\xe3", "PDF"),
        (gzip.compress(b"hello", mtime=0), "gzip"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
        (bytes(range(256)) * 4, "NUL"),
        (b"abc\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f" * 10, "control"),
    ],
)
def test_binary_is_a_clear_error(data, what):
    with pytest.raises(InputError) as exc:
        decode_bytes(data)
    assert exc.value.code == BINARY
    assert what in str(exc.value)
