"""Bytes to text: the encodings people's saved articles actually come in, and refusals."""

from __future__ import annotations

import codecs
import zlib

import pytest

from reader.core.errors import InputError
from reader.ingest.decode import decode_bytes
from reader.ingest.formats import parse_bytes

TEXT = "Price: £5 — “quoted” ‘text’ café…\nSecond line 😀"


def test_utf8_with_bom_drops_the_bom() -> None:
    assert decode_bytes(codecs.BOM_UTF8 + TEXT.encode("utf-8"), "a.txt") == TEXT


@pytest.mark.parametrize(
    ("bom", "codec"),
    [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")],
    ids=["le", "be"],
)
def test_utf16_with_bom(bom: bytes, codec: str) -> None:
    assert decode_bytes(bom + TEXT.encode(codec), "a.txt") == TEXT


def test_windows_line_ends_become_unix() -> None:
    assert decode_bytes(b"one\r\ntwo\rthree\n", "a.txt") == "one\ntwo\nthree\n"


def test_latin1_pound_stays_pound() -> None:
    data = "The ticket cost £5 at the café.".encode("latin-1")
    assert decode_bytes(data, "a.txt") == "The ticket cost £5 at the café."


def test_windows_1252_curly_quotes_and_em_dash() -> None:
    text = "He said “we are ready” — and ‘they’ agreed… 20€."
    assert decode_bytes(text.encode("cp1252"), "a.txt") == text


def test_cp1251_cyrillic() -> None:
    text = "Россия и НАТО договорились о возобновлении отношений, сообщил Робертсон."
    assert decode_bytes(text.encode("cp1251"), "a.txt") == text


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 8,
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(200)),
        zlib.compress(b"some text " * 400),
        b"\x01\x02\x03\x04\x05\x06\x07\x08" * 50 + b"hello",
    ],
    ids=["all-bytes", "png", "zlib", "controls"],
)
def test_binary_is_refused(data: bytes) -> None:
    with pytest.raises(InputError, match=r"^photo\.txt: not a text file"):
        decode_bytes(data, "photo.txt")


@pytest.mark.parametrize("data", [b"", b"   \n\r\n\t  ", codecs.BOM_UTF8, b"\x00\x00"])
def test_empty_file_is_refused(data: bytes) -> None:
    with pytest.raises(InputError, match=r"^e\.txt: empty file$"):
        decode_bytes(data, "e.txt")


def test_non_utf8_article_parses_with_the_right_characters() -> None:
    data = "Prices Rise\n\nA pint now costs £4.50 — up 10%.\n".encode("cp1252")
    article = parse_bytes("pub.txt", data)
    assert article.title == "Prices Rise"
    assert article.text == "A pint now costs £4.50 — up 10%."
    assert article.raw == data
