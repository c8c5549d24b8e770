"""EPUB books (ebooklib): one article per book, each chapter's headings kept as blocks.

Why one article per book: the people Reader is for import long-form reports and books to
quote from; a highlight, a search hit and an export should point at "the book", and a
chapter heading in the text is enough to find one's place. (A collection of articles packed
as an EPUB also imports as one article; split it before importing if each piece matters
on its own.) A chapter without a heading of its own gets the table of contents' title for it.

Before ebooklib reads anything, the zip's central directory is checked: more than
`MAX_UNCOMPRESSED_BYTES` (200 MB) of declared content, or more than `MAX_MEMBERS` files, is
refused as a likely zip bomb. Python's zipfile never returns more bytes than a member
declares, so a member that lies about its size cannot get past the check either.
"""

from __future__ import annotations

import io
import posixpath
import warnings
import zipfile
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from reader.core.errors import InputError
from reader.core.models import BlockKind, ParsedArticle
from reader.core.text import normalize_line
from reader.ingest.dates import parse_date
from reader.ingest.htmlblocks import TextBlock, assemble, text_blocks
from reader.ingest.plaintext import title_from_file_name

MEDIA_TYPE = "application/epub+zip"
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_MEMBERS = 10_000


def check_zip(data: bytes, name: str) -> None:
    """Refuses what is not a zip, or what would expand past the limits."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise InputError(f"{name}: not an EPUB (not a zip file)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(f"{name}: damaged EPUB ({exc})") from exc
    if len(members) > MAX_MEMBERS:
        raise InputError(f"{name}: refused: {len(members)} files inside, over {MAX_MEMBERS}")
    total = sum(member.file_size for member in members)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise InputError(
            f"{name}: refused: would expand to {total // (1024 * 1024)} MB, "
            f"over the {MAX_UNCOMPRESSED_BYTES // (1024 * 1024)} MB limit for an EPUB"
        )


def _first(book: Any, field: str) -> str | None:
    try:
        values = book.get_metadata("DC", field)
    except (KeyError, AttributeError):
        return None
    for value, _attrs in values or []:
        if isinstance(value, str) and value.strip():
            return normalize_line(value)
    return None


def _toc_titles(toc: Any, found: dict[str, str] | None = None) -> dict[str, str]:
    """Document href → its title in the table of contents (first one wins)."""
    found = {} if found is None else found
    for entry in toc if isinstance(toc, list | tuple) else [toc]:
        if isinstance(entry, tuple) and len(entry) == 2:
            _toc_titles(entry[0], found)
            _toc_titles(entry[1], found)
            continue
        href = getattr(entry, "href", None)
        title = getattr(entry, "title", None)
        if isinstance(href, str) and isinstance(title, str) and title.strip():
            found.setdefault(href.split("#", 1)[0], normalize_line(title))
    return found


def _chapter_blocks(content: bytes) -> list[TextBlock]:
    parser = lxml_html.HTMLParser(remove_comments=True, no_network=True, recover=True)
    try:
        tree = lxml_html.document_fromstring(content, parser=parser)
    except (etree.ParserError, ValueError):
        return []
    body = tree.find("body")
    return text_blocks(body if body is not None else tree)


def parse_epub(data: bytes, name: str) -> ParsedArticle:
    check_zip(data, name)
    from ebooklib import ITEM_DOCUMENT, epub  # only for EPUB files

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # ebooklib's notices about its own future options
            book = epub.read_epub(io.BytesIO(data), {"ignore_ncx": False})
    except Exception as exc:  # ebooklib raises bare exceptions of many kinds for bad books
        raise InputError(f"{name}: damaged EPUB ({type(exc).__name__}: {exc})") from exc
    toc = _toc_titles(book.toc)
    blocks: list[TextBlock] = []
    for item_id, _linear in book.spine:
        item = book.get_item_with_id(item_id)
        if item is None or item.get_type() != ITEM_DOCUMENT or isinstance(item, epub.EpubNav):
            continue
        chapter = _chapter_blocks(item.get_content())
        heading = toc.get(item.get_name()) or toc.get(posixpath.basename(item.get_name()))
        if heading and not (chapter and chapter[0].kind is BlockKind.HEADING):
            chapter.insert(0, TextBlock(BlockKind.HEADING, heading, 2))
        blocks += chapter
    title = _first(book, "title") or title_from_file_name(name)
    if blocks and blocks[0].text.casefold() == title.casefold():
        blocks = blocks[1:]
    if not any(b.kind is not BlockKind.HEADING for b in blocks):
        raise InputError(f"{name}: an EPUB with no text")
    text, spans = assemble(blocks)
    return ParsedArticle(
        title=title,
        byline=_first(book, "creator"),
        source=_first(book, "publisher"),
        text=text,
        blocks=spans,
        published=parse_date((_first(book, "date") or "")[:10]),
        language=_first(book, "language"),
        raw=data,
        media_type=MEDIA_TYPE,
    )
