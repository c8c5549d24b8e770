"""RSS and Atom feed files, read offline: one article per entry.

feedparser is only ever given the file's bytes: given a string it may treat it as a URL or
a file name and fetch it. Each entry becomes an article with its title, link (kept as the
article's URL, never fetched), author as byline, dates, and the feed's title as source. An
entry with full content (`content:encoded`, Atom `content`) imports that; one with only a
summary imports the summary, and the import result says so. Each entry is keyed by its id
(or link, or position), so importing a newer copy of the same feed file updates the entries
whose text changed.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date
from typing import Any

from reader.core.errors import InputError
from reader.core.models import ParsedArticle
from reader.core.text import normalize_line
from reader.ingest.htmlblocks import TextBlock, assemble, parse_html_fragment, text_blocks

MEDIA_TYPE = "text/html"  # what each entry stores as its raw source: its own HTML
SUMMARY_ONLY = "summary only: the feed has no full text for this entry"


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One entry of a feed file, parsed: its key in the file, its link and what it was made of."""

    position: int  # 1-based, as shown to people: feed.xml#3
    key: str
    article: ParsedArticle | None
    url: str | None = None
    note: str | None = None
    error: str | None = None


def _day(value: Any) -> date | None:
    if isinstance(value, time.struct_time):
        try:
            return date(value.tm_year, value.tm_mon, value.tm_mday)
        except ValueError:
            return None
    return None


def html_to_article(html: str, title: str, **meta: Any) -> ParsedArticle | None:
    """An entry's (or any fragment's) HTML as an article; None if it holds no text."""
    blocks: list[TextBlock] = text_blocks(parse_html_fragment(html))
    if blocks and blocks[0].text.casefold() == title.casefold():
        blocks = blocks[1:]
    if not blocks:
        return None
    text, spans = assemble(blocks)
    return ParsedArticle(
        title=title, text=text, blocks=spans, media_type=MEDIA_TYPE, raw=html.encode(), **meta
    )


def _looks_like_xml(data: bytes) -> bool:
    head = data.lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n")[:1]
    return head == b"<" or data.startswith((b"\xff\xfe", b"\xfe\xff"))


def parse_feed(data: bytes, name: str) -> list[FeedEntry]:
    import feedparser  # slow to import; only for feed files

    if not data.strip():
        raise InputError(f"{name}: empty file")
    if not _looks_like_xml(data):
        raise InputError(f"{name}: not a feed (not XML)")
    feed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    if not feed.get("version") and not feed.entries:
        reason = "not XML" if feed.get("bozo") else "no RSS or Atom entries"
        raise InputError(f"{name}: not a feed ({reason})")
    source = normalize_line(feed.feed.get("title", "")) or None
    language = feed.feed.get("language") or None
    entries = [
        _entry(entry, position, name, source, language)
        for position, entry in enumerate(feed.entries, start=1)
    ]
    if not entries:
        raise InputError(f"{name}: a feed with no entries")
    return entries


def _entry(entry: Any, position: int, name: str, source: str | None, lang: str | None) -> FeedEntry:
    key = str(entry.get("id") or entry.get("link") or position)
    url = entry.get("link") or None
    title = normalize_line(entry.get("title", "")) or f"{source or name} #{position}"
    contents = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
    note = None
    html = max(contents, key=len) if contents else ""
    if not html.strip():
        html = entry.get("summary", "")
        note = SUMMARY_ONLY
    # dict.get: feedparser's own get maps a missing date onto another one, with a warning.
    published = _day(dict.get(entry, "published_parsed")) or _day(dict.get(entry, "created_parsed"))
    updated = _day(dict.get(entry, "updated_parsed"))
    article = html_to_article(
        html,
        title,
        byline=normalize_line(entry.get("author", "")) or None,
        source=source,
        published=published,
        updated=updated if updated != published else None,
        language=lang,
    )
    if article is None:
        return FeedEntry(position, key, None, url, error=f"{name}#{position}: entry has no text")
    return FeedEntry(position, key, article, url, note)
