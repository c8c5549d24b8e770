"""Canonical text: how article text is normalised, counted, hashed and measured.

Offsets everywhere in Reader are code points of the canonical text. Qt counts UTF-16 code
units, so the conversions live here, next to the rules, where they can be tested without Qt.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Sequence

_WORD = re.compile(r"\w+(?:['’.-]\w+)*")
# Runs of two or more spaces, or any single space that is not a plain one: replacing every
# plain space with itself would make this the slowest step of an import.
_SPACE_RUN = re.compile(
    r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]{2,}|[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]"
)
_ODD_SPACE = re.compile(r"[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")


def normalize_line(line: str) -> str:
    """NFC, tabs and odd spaces folded to one space, trimmed."""
    if line.isascii():
        if "  " not in line and "\t" not in line:
            return line.strip()  # the common case, without a regular-expression scan
    else:
        line = unicodedata.normalize("NFC", line)
        # Most lines with a curly quote or a dash have nothing to fold: looking for one odd
        # space costs a quarter of the substitution's scan.
        if "  " not in line and _ODD_SPACE.search(line) is None:
            return line.strip()
    return _SPACE_RUN.sub(" ", line).strip()


def words(text: str) -> list[str]:
    """The text's words as counted: runs of letters and digits, with an apostrophe, a full
    stop or a hyphen between two of them keeping them one word ("don't", "U.S", "long-run")."""
    return _WORD.findall(text)


def word_count(text: str) -> int:
    return len(words(text))


def content_hash(text: str) -> str:
    """A digest of the text that ignores differences no reader would notice (spacing, case)."""
    folded = " ".join(unicodedata.normalize("NFC", text).split()).casefold()
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def utf16_length(text: str) -> int:
    """The number of UTF-16 code units Qt uses for `text`."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


class Utf16Map:
    """Converts code-point offsets of one string to UTF-16 offsets and back.

    Only characters outside the Basic Multilingual Plane differ, so the map stores just their
    positions and stays small for ordinary text.
    """

    __slots__ = ("_astral", "_astral_utf16", "_length")

    def __init__(self, text: str) -> None:
        self._astral: list[int] = (
            [] if text.isascii() else [m.start() for m in _ASTRAL.finditer(text)]
        )
        self._astral_utf16: list[int] = [i + n for n, i in enumerate(self._astral)]
        self._length = len(text)

    def to_utf16(self, offset: int) -> int:
        return offset + bisect_right(self._astral, offset - 1)

    def to_code_point(self, utf16_offset: int) -> int:
        # Each astral character before the position occupies one extra unit; a position in
        # the middle of a surrogate pair rounds down to the character's start.
        n = bisect_right(self._astral_utf16, utf16_offset - 1)
        if n and self._astral_utf16[n - 1] == utf16_offset - 1:
            return self._astral[n - 1]
        return utf16_offset - n


def join_paragraphs(paragraphs: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """Joins paragraphs with blank lines and returns the text with each paragraph's span."""
    spans: list[tuple[int, int]] = []
    parts: list[str] = []
    pos = 0
    for i, para in enumerate(paragraphs):
        if i:
            parts.append("\n\n")
            pos += 2
        parts.append(para)
        spans.append((pos, pos + len(para)))
        pos += len(para)
    return "".join(parts), spans
