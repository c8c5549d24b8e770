"""The reader pane maps article offsets (code points) to Qt positions (UTF-16) exactly."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCursor

from reader.ui.main_window import MainWindow
from tests.ui.conftest import WindowFactory

TRICKY = (
    "# Mixed scripts\n\n"
    "Emoji 🎉🇺🇦 before, then café with combining e\u0301 and Москва.\n\n"
    "Hebrew שלום עולם and Arabic مرحبا sit here; a 👩‍👩‍👧 family too.\n\n"
    "Last paragraph with *emphasis* 😀 and **strong** words.\n"
)
QUOTES = ["Москва", "e\u0301", "🇺🇦 before", "שלום עולם", "مرحبا", "👩‍👩‍👧 family", "emphasis* 😀"]


@pytest.fixture
def tricky(make_window: WindowFactory, library_of) -> MainWindow:  # type: ignore[no-untyped-def]
    return make_window(library_of({"tricky.md": TRICKY}))


@pytest.mark.parametrize(
    "quote", ["Москва", "e\u0301", "🇺🇦 before", "שלום עולם", "مرحبا", "👩‍👩‍👧 family", "😀 and"]
)
def test_position_map_selects_exactly_the_quoted_text(tricky: MainWindow, quote: str) -> None:
    article = tricky.current_article()
    assert article is not None
    start = article.text.index(quote)
    end = start + len(quote)
    pmap = tricky.reader.position_map
    assert pmap is not None
    cursor = QTextCursor(tricky.reader.document())
    cursor.setPosition(pmap.to_document(start))
    cursor.setPosition(pmap.to_document(end), QTextCursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == quote
    assert pmap.to_text(cursor.selectionStart()) == start
    assert pmap.to_text(cursor.selectionEnd()) == end


def test_markdown_emphasis_and_strong_are_rendered(tricky: MainWindow) -> None:
    article = tricky.current_article()
    assert article is not None
    pmap = tricky.reader.position_map
    assert pmap is not None

    def fmt_at(word: str):  # type: ignore[no-untyped-def]
        cursor = QTextCursor(tricky.reader.document())
        cursor.setPosition(pmap.to_document(article.text.index(word)) + 1)
        return cursor.charFormat()

    assert fmt_at("emphasis").fontItalic()
    assert fmt_at("strong").font().bold()
    assert not fmt_at("Last").fontItalic()
