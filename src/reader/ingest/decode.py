"""Turns a file's bytes into text, or says why they are not text.

UTF-8 (with or without a BOM) and UTF-16/32 with a BOM are taken at their word. Otherwise the
bytes are tried as Windows-1252, the superset of Latin-1 that most Western "ANSI" files use,
when that reads as plausible Western text; everything else goes to charset-normalizer. Its
guesses on short Western text are unreliable (a Latin-1 £ comes back as a Japanese
character), which is why the Western check comes first.
"""

from __future__ import annotations

import codecs
import re

from reader.core.errors import InputError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_WESTERN_EXTRA = frozenset("£€¢¥©®°«»–—‘’‚“”„…•·§¶½¼¾¡¿ŒœŠšŽžŸ×÷±\u00a0")
# Unicode category Cc except tab, line feed, vertical tab, form feed and carriage return: a
# regex finds them far faster than asking unicodedata about every character.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _looks_western(text: str) -> bool:
    letters = 0
    non_ascii_letters = 0
    for ch in text:
        if ord(ch) < 128:
            letters += ch.isalpha()
            continue
        if ch.isalpha():
            if not ("\u00c0" <= ch <= "\u00ff" or ch in _WESTERN_EXTRA):
                return False
            letters += 1
            non_ascii_letters += 1
        elif ch not in _WESTERN_EXTRA:
            return False
    # Cyrillic or Greek read as Windows-1252 is all accented letters; French or German text
    # has a few accented letters among many plain ones.
    return letters > 0 and non_ascii_letters / letters < 0.35


def _looks_like_utf16(data: bytes) -> str | None:
    if len(data) < 4:
        return None
    even = data[0::2]
    odd = data[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def _check_text(text: str, name: str) -> str:
    controls = len(_CONTROLS.findall(text))
    if controls > max(2, len(text) // 100):
        raise InputError(f"{name}: not a text file (binary data)")
    return text


def decode_bytes(data: bytes, name: str) -> str:
    """Decodes `data` (from the file called `name`) to a str with Unix line ends."""
    if not data.strip():
        raise InputError(f"{name}: empty file")
    text = _decode(data, name)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    if not text.strip():
        raise InputError(f"{name}: empty file")
    return _check_text(text, name)


def _decode(data: bytes, name: str) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(f"{name}: damaged {encoding} text ({exc.reason})") from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if b"\x00" in data:
        utf16 = _looks_like_utf16(data)
        if utf16 is None:
            raise InputError(f"{name}: not a text file (binary data)")
        try:
            return data.decode(utf16)
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: not a text file (binary data)") from exc
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None and _looks_western(western):
        return western
    from charset_normalizer import from_bytes  # only for the rare file that needs guessing

    best = from_bytes(data).best()
    if best is None:
        raise InputError(f"{name}: not a text file (unknown encoding or binary data)")
    return str(best)


# `<meta charset="...">` or `<meta http-equiv="Content-Type" content="text/html; charset=...">`
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
# What browsers do: a page that says Latin-1 or ASCII is read as Windows-1252.
_BROWSER_ALIASES = {"iso8859-1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252"}


def declared_charset(data: bytes) -> str | None:
    """The encoding a saved web page declares in its first few kilobytes, if Python knows it."""
    match = _META_CHARSET.search(data[:HTML_HEAD_BYTES])
    if not match:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    return _BROWSER_ALIASES.get(name, name)


HTML_HEAD_BYTES = 4096


def decode_html(data: bytes, name: str) -> str:
    """Decodes a saved web page: a BOM or valid UTF-8 first, then the page's own declaration
    (a Shift-JIS or KOI8-R page says so, and guessing gets short pages wrong), then the
    guesses `decode_bytes` makes for any text."""
    if not data.strip():
        raise InputError(f"{name}: empty file")
    charset = declared_charset(data)
    if (
        charset
        and not charset.startswith("utf-")
        and not any(data.startswith(bom) for bom, _ in _BOMS)
        and not _is_utf8(data)
    ):
        try:
            text = data.decode(charset)
        except UnicodeDecodeError:
            pass
        else:
            return _check_text(text.replace("\r\n", "\n").replace("\r", "\n"), name)
    return decode_bytes(data, name)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
