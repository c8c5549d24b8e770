"""Plain-text articles as news sites' "save as text" and copy-paste produce them.

The shape learned from real files: optional banner lines, an optional dateline such as
". Last Updated: 07/27/2016", the headline (possibly with an upper-case label such as
"NEWS ANALYSIS:" in front, which becomes the kicker), an optional "By ..." byline, then
paragraphs separated by blank lines. Hard-wrapped paragraphs are joined back into one line.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import date
from pathlib import PurePath

from reader.core.errors import InputError
from reader.core.models import Block, BlockKind, ParsedArticle
from reader.core.text import join_paragraphs, normalize_line
from reader.ingest.banners import is_known_banner
from reader.ingest.dates import DATE_PATTERN, TIME_PATTERN, date_from_match

MAX_TITLE_LENGTH = 250
LEAD_PARAGRAPHS = 6  # banners and datelines are only looked for this near the top

_DATELINE = re.compile(
    r"^[\W_]*(?:(?P<last>last\s+)?(?P<what>updated|published|posted|modified))"
    r"(?:\s+on)?\s*:?\s*" + DATE_PATTERN + TIME_PATTERN + r"\s*\W*$",
    re.IGNORECASE,
)
_KICKER = re.compile(r"^(?P<kicker>[A-Z][A-Z0-9&'’./ -]{1,40}[A-Z0-9.]):\s+(?P<title>\S.*)$")
_BYLINE = re.compile(r"^By\s+(?P<name>[A-Z][\w.'’-]*(?:[\s,]+(?:and\s+)?[A-Z][\w.'’-]*){0,8})$")


def dateline(line: str) -> tuple[str, date] | None:
    """("updated" | "published", date) if the line only states when the article was dated."""
    match = _DATELINE.match(normalize_line(line))
    if not match:
        return None
    found = date_from_match(match)
    if found is None:
        return None
    what = match.group("what").lower()
    return ("updated" if what in ("updated", "modified") else "published", found)


def is_dateline(line: str) -> bool:
    return dateline(line) is not None


def split_kicker(title: str) -> tuple[str | None, str]:
    match = _KICKER.match(title)
    if not match or sum(c.isalpha() for c in match.group("kicker")) < 2:
        return None, title
    return match.group("kicker").strip(), match.group("title").strip()


def _paragraphs(text: str) -> list[str]:
    lines = text.split("\n")
    has_blank_separators = any(not line.strip() for line in lines[1:-1])
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        line = normalize_line(line)
        if not line:
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        if has_blank_separators:
            current.append(line)
        else:
            paragraphs.append(line)  # one paragraph per line when nothing separates them
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


def title_from_file_name(name: str) -> str:
    stem = PurePath(name).stem
    words = re.sub(r"[-_]+", " ", stem).strip()
    return words[:1].upper() + words[1:] if words else "Untitled"


def _is_substantial(line: str) -> bool:
    return sum(c.isalpha() for c in line) >= 3


def parse_plain_text(
    text: str, name: str, raw: bytes = b"", banners: Collection[str] = ()
) -> ParsedArticle:
    """Parses decoded text; `banners` are lines known to be boilerplate for this import."""
    paragraphs = _paragraphs(text)
    published: date | None = None
    updated: date | None = None
    body: list[str] = []
    title: str | None = None
    byline: str | None = None
    for index, para in enumerate(paragraphs):
        near_top = index < LEAD_PARAGRAPHS or title is None
        if near_top and (stamp := dateline(para)):
            if stamp[0] == "updated":
                updated = updated or stamp[1]
            else:
                published = published or stamp[1]
            continue
        if is_known_banner(para) or (title is None and para in banners):
            continue
        if title is None:
            if not _is_substantial(para):
                continue  # stray symbols above the headline are not article text
            if len(para) <= MAX_TITLE_LENGTH:
                title = para
                continue
            title = title_from_file_name(name)  # no headline: the text starts at once
        if byline is None and not body and (match := _BYLINE.match(para)):
            byline = match.group("name")
            continue
        body.append(para)
    if title is None:
        raise InputError(f"{name}: no headline or article text found")
    if not body:
        raise InputError(f"{name}: only a headline, no article text")
    kicker, title = split_kicker(title)
    canonical, spans = join_paragraphs(body)
    blocks = tuple(Block(BlockKind.PARAGRAPH, start, end) for start, end in spans)
    return ParsedArticle(
        title=title,
        kicker=kicker,
        byline=byline,
        text=canonical,
        blocks=blocks,
        published=published,
        updated=updated,
        raw=raw,
        media_type="text/plain",
    )
