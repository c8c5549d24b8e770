"""EPUB books: one article per book with chapter headings; bad zips refused before reading."""

from __future__ import annotations

import io
import zipfile

import pytest
from ebooklib import epub

from reader.core.errors import InputError
from reader.core.models import BlockKind
from reader.ingest import epub as epub_format
from reader.ingest.epub import parse_epub


def make_book(chapters: list[tuple[str, str]], title: str = "Field Notes") -> bytes:
    book = epub.EpubBook()
    book.set_identifier("field-notes-1")
    book.set_title(title)
    book.set_language("en")
    book.add_author("Rosa Park")
    items = []
    for i, (heading, body) in enumerate(chapters, start=1):
        item = epub.EpubHtml(title=heading, file_name=f"ch{i}.xhtml", lang="en")
        item.content = f"<html><body>{body}</body></html>"
        book.add_item(item)
        items.append(item)
    book.toc = items
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    book.spine = ["nav", *items]
    out = io.BytesIO()
    epub.write_epub(out, book)
    return out.getvalue()


def test_one_article_per_book_with_chapter_headings() -> None:
    data = make_book(
        [
            ("The Coast", "<h1>The Coast</h1><p>We walked the coast for three days.</p>"),
            ("Inland", "<p>Inland, the villages were empty.</p><img src='map.png'/>"),
        ]
    )
    article = parse_epub(data, "notes.epub")
    assert (article.title, article.byline, article.language) == ("Field Notes", "Rosa Park", "en")
    assert article.text == (
        "The Coast\n\nWe walked the coast for three days.\n\nInland\n\n"
        "Inland, the villages were empty."
    )
    assert [b.kind for b in article.blocks] == [
        BlockKind.HEADING,
        BlockKind.PARAGRAPH,
        BlockKind.HEADING,  # from the table of contents: the chapter had no heading
        BlockKind.PARAGRAPH,
    ]
    assert article.media_type == "application/epub+zip"


def test_an_epub_that_is_not_a_zip_is_refused() -> None:
    with pytest.raises(InputError, match=r"^book\.epub: not an EPUB \(not a zip file\)$"):
        parse_epub(b"<html>this was saved with the wrong name</html>", "book.epub")


def test_a_zip_that_would_expand_past_the_limit_is_refused_unread(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 3 MB of zeros compresses to a few kilobytes; the limit is lowered so the test stays
    # small, the check is the same one that guards the real 200 MB limit.
    monkeypatch.setattr(epub_format, "MAX_UNCOMPRESSED_BYTES", 2 * 1024 * 1024)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/epub+zip")
        archive.writestr("OEBPS/bomb.xhtml", b"\0" * (3 * 1024 * 1024))
    data = out.getvalue()
    assert len(data) < 50_000

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("the book was read")

    monkeypatch.setattr(epub, "read_epub", never)
    with pytest.raises(InputError, match=r"^bomb\.epub: refused: would expand to 3 MB, over"):
        parse_epub(data, "bomb.epub")
