"""Putting a person's words into a brief without letting them break it.

Titles and quotes are escaped so they read as written; notes stay Markdown (people write
lists, emphasis and code in them) but are fenced in: their headings are demoted below the
brief's own, a Setext underline cannot turn their last line into a heading, and a code fence
left open is closed, so the next highlight is not swallowed into it.
"""

from __future__ import annotations

import re

# Characters that would start Markdown syntax inside a line.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>&~|])")
# What would make a line a heading, list, quote or break at its start.
_LINE_START = re.compile(r"^(\s{0,3})([#>+\-=])")
_ORDERED = re.compile(r"^(\s{0,3}\d{1,9})([.)])")
_ATX = re.compile(r"^( {0,3})(#{1,6})(?=[ \t]|$)")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")

NOTE_HEADING_LEVEL = 5  # a note's "# " becomes "##### ": below every heading of the brief


def inline(text: str | None) -> str:
    """One line of plain text (a title, a source, a tag) as Markdown that shows it as is."""
    if not text:
        return ""
    flat = " ".join(text.split())
    flat = _INLINE_SPECIAL.sub(r"\\\1", flat)
    flat = _ORDERED.sub(r"\1\\\2", flat)
    return _LINE_START.sub(r"\1\\\2", flat)


def quote(text: str) -> str:
    """A highlighted passage as a block quote, paragraph breaks kept."""
    lines = []
    for line in text.strip().splitlines():
        line = line.strip()
        lines.append(f"> {inline(line)}" if line else ">")
    return "\n".join(lines) if lines else ">"


def note(text: str | None) -> str:
    """A note as Markdown that cannot break the structure of the brief around it."""
    if not text or not text.strip():
        return ""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").strip("\n").split("\n")
    out: list[str] = []
    fence: str | None = None
    for line in lines:
        line = line.rstrip()
        opened = _FENCE.match(line)
        if fence is not None:
            out.append(line)
            closing = opened.group(1) if opened else ""
            if (
                closing[:1] == fence[0]
                and len(closing) >= len(fence)
                and not line.strip()[len(closing) :].strip()
            ):
                fence = None
            continue
        if opened:
            fence = opened.group(1)
            out.append(line)
            continue
        heading = _ATX.match(line)
        if heading:
            level = min(6, len(heading.group(2)) + NOTE_HEADING_LEVEL - 1)
            line = f"{heading.group(1)}{'#' * level}{line[heading.end() :]}"
        elif _SETEXT.match(line) and out and out[-1].strip():
            out.append("")  # an underline would make the line above a heading
        out.append(line)
    if fence is not None:
        out.append(fence)
    return "\n".join(out)
