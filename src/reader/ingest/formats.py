"""Which files Reader can import, and the one entry point that parses any of them.

Most files hold one article; a feed file holds one per entry. `parse_items` returns a
`ParsedItem` per article, each with what the importer needs to look it up and store it (the
content hash, the near-duplicate signature and its LSH bands, the word count), computed here
so that a batch's worker processes do that work, not the process that stores the articles.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from pathlib import PurePath

from reader.core import minhash
from reader.core.errors import InputError
from reader.core.models import ParsedArticle
from reader.core.text import content_hash, words
from reader.ingest.decode import decode_bytes
from reader.ingest.plaintext import parse_plain_text

PLAIN_TEXT_SUFFIXES = frozenset({".txt", ".text"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})
WEB_PAGE_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
EPUB_SUFFIXES = frozenset({".epub"})
FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})
PDF_SUFFIXES = frozenset({".pdf"})
SUPPORTED_SUFFIXES = (
    PLAIN_TEXT_SUFFIXES
    | MARKDOWN_SUFFIXES
    | WEB_PAGE_SUFFIXES
    | EPUB_SUFFIXES
    | FEED_SUFFIXES
    | PDF_SUFFIXES
)
# A feed entry's raw source is its own HTML, re-read as a fragment, not as a whole page.
FEED_ENTRY_MEDIA_TYPE = "text/x-feed-entry+html"


@dataclass(frozen=True, slots=True)
class ParsedItem:
    """One article found in a file, ready to be looked up and stored.

    `key` tells apart the articles of one file (a feed entry's id; "" for a file that is one
    article) and `label` is how a person sees it ("#3"); `note` is something the import result
    must say (a feed entry imported from its summary); `error` marks an entry that failed on
    its own while the rest of its file imports. `bands` are the signature's LSH band keys
    (`reader.core.minhash.bands`), `words` the text's word count.
    """

    article: ParsedArticle | None
    digest: str = ""
    signature: minhash.Signature | None = None
    key: str = ""
    bands: tuple[int, ...] = ()
    words: int | None = None
    label: str = ""
    url: str | None = None
    note: str | None = None
    error: str | None = None


def is_supported(path: PurePath) -> bool:
    return path.suffix.lower() in SUPPORTED_SUFFIXES


def describe_supported() -> str:
    return ", ".join(sorted(SUPPORTED_SUFFIXES))


def item_for(article: ParsedArticle, *, signed: bool = True, **fields: str | None) -> ParsedItem:
    """`signed`: compute the near-duplicate signature (off when detection is not wanted)."""
    counted = words(article.text)
    signature = minhash.signature(article.text, counted) if signed else None
    return ParsedItem(
        article,
        content_hash(f"{article.title}\n\n{article.text}"),
        signature,
        bands=tuple(minhash.bands(signature)) if signature is not None else (),
        words=len(counted),
        **fields,  # type: ignore[arg-type]
    )


def parse_bytes(name: str, data: bytes, banners: Collection[str] = ()) -> ParsedArticle:
    """Parses a file that holds one article. Files of unknown type are read as plain text,
    which refuses anything that is not text with a reason."""
    suffix = PurePath(name).suffix.lower()
    if suffix in WEB_PAGE_SUFFIXES:
        from reader.ingest.webpage import parse_web_page

        return parse_web_page(data, name)
    if suffix in EPUB_SUFFIXES:
        from reader.ingest.epub import parse_epub

        return parse_epub(data, name)
    if suffix in PDF_SUFFIXES:
        from reader.ingest.pdf import parse_pdf

        return parse_pdf(data, name)
    text = decode_bytes(data, name)
    if suffix in MARKDOWN_SUFFIXES:
        from reader.ingest.markdown_format import parse_markdown  # Python-Markdown loads slowly

        return parse_markdown(text, name, raw=data)
    return parse_plain_text(text, name, raw=data, banners=banners)


def parse_items(
    name: str, data: bytes, banners: Collection[str] = (), *, signed: bool = True
) -> list[ParsedItem]:
    """Every article in one file's bytes; `InputError` if the file as a whole is refused."""
    if PurePath(name).suffix.lower() not in FEED_SUFFIXES:
        return [item_for(parse_bytes(name, data, banners), signed=signed)]
    from reader.ingest.feeds import parse_feed

    items = []
    for entry in parse_feed(data, name):
        label = f"#{entry.position}"
        if entry.article is None:
            items.append(ParsedItem(None, key=entry.key, label=label, error=entry.error))
            continue
        article = replace(entry.article, media_type=FEED_ENTRY_MEDIA_TYPE)
        items.append(
            item_for(
                article, signed=signed, key=entry.key, label=label, url=entry.url, note=entry.note
            )
        )
    return items


def reparse(
    media_type: str, name: str, raw: bytes, banners: Collection[str] = (), title: str = ""
) -> ParsedArticle:
    """Extracts an article again from the raw source stored with it (`reader reextract`).

    The stored media type, not the file name, says how: the file may have been renamed or
    deleted since. A feed entry keeps its title (the raw source is only the entry's HTML).
    """
    if media_type == FEED_ENTRY_MEDIA_TYPE:
        from reader.ingest.feeds import html_to_article

        article = html_to_article(raw.decode("utf-8", "replace"), title)
        if article is None:
            raise InputError(f"{name}: entry has no text")
        return replace(article, media_type=FEED_ENTRY_MEDIA_TYPE)
    suffix = {
        "text/html": ".html",
        "application/epub+zip": ".epub",
        "application/pdf": ".pdf",
        "text/markdown": ".md",
    }.get(media_type.split(";")[0].strip(), ".txt")
    return parse_bytes(f"{PurePath(name).stem or 'article'}{suffix}", raw, banners)
