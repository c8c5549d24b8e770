"""Highlighting, tagging and noting in the window, and undoing every step of it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from reader.core.models import AnchorStatus
from reader.services import annotations
from reader.services.library import Library
from reader.ui.main_window import MainWindow
from tests.ui.conftest import WindowFactory

QUOTE = "Both sides made clear"
REVIVE = "NATO and Russia Revive Relations"


def open_revive(window: MainWindow) -> None:
    for row in range(window.model.rowCount()):
        item = window.model.summary(row)
        if item is not None and item.title == REVIVE:
            window.open_article(item.id)
            return
    raise AssertionError("sample article missing")


def select_text(window: MainWindow, quote: str, occurrence: int = 0) -> tuple[int, int]:
    article = window.current_article()
    assert article is not None
    start = -1
    for _ in range(occurrence + 1):
        start = article.text.index(quote, start + 1)
    end = start + len(quote)
    pmap = window.reader.position_map
    assert pmap is not None
    cursor = QTextCursor(window.reader.document())
    cursor.setPosition(pmap.to_document(start))
    cursor.setPosition(pmap.to_document(end), QTextCursor.MoveMode.KeepAnchor)
    window.reader.setTextCursor(cursor)
    window.reader.setFocus()
    return start, end


def background_at(window: MainWindow, offset: int) -> str | None:
    """The colour painted behind the article character at `offset`, or None."""
    pmap = window.reader.position_map
    assert pmap is not None
    cursor = QTextCursor(window.reader.document())
    cursor.setPosition(pmap.to_document(offset) + 1)
    brush = cursor.charFormat().background()
    return brush.color().name() if brush.style() != Qt.BrushStyle.NoBrush else None


def sidebar_quotes(window: MainWindow) -> list[str]:
    return [h.exact for h in window.sidebar.model.highlights()]


def test_key_1_highlights_the_selection_and_lists_it(window: MainWindow, qtbot: QtBot) -> None:
    open_revive(window)
    start, end = select_text(window, QUOTE)
    qtbot.keyClick(window.reader, Qt.Key.Key_1)
    assert sidebar_quotes(window) == [QUOTE]
    drawn = window.reader.extraSelections()
    assert len(drawn) == 1
    assert drawn[0].cursor.selectedText() == QUOTE
    stored = annotations.highlights(window.library, window.current_article().id)  # type: ignore[union-attr]
    assert [(h.start, h.end, h.color) for h in stored] == [(start, end, "key-point")]
    assert window.sidebar.current_highlight() is not None  # the new one is selected
    assert not window.reader.textCursor().hasSelection()
    assert background_at(window, start) == "#f5d547"  # painted into the text itself
    assert background_at(window, end) is None
    summary = window.model.summary(window.list_view.currentIndex().row())
    assert summary is not None and summary.highlight_count == 1


def test_keys_2_to_6_choose_the_colour_label(window: MainWindow, qtbot: QtBot) -> None:
    open_revive(window)
    select_text(window, QUOTE)
    qtbot.keyClick(window.reader, Qt.Key.Key_3)
    highlight = window.sidebar.model.highlights()[0]
    assert highlight.color == "evidence"
    qtbot.keyClick(window.reader, Qt.Key.Key_5)  # no selection: recolours the selected one
    assert window.sidebar.model.highlights()[0].color == "quote"
    article = window.current_article()
    assert article is not None
    assert background_at(window, article.text.index(QUOTE)) == "#d7aefb"
    assert window.sidebar.detail.color.currentData() == "quote"


def test_without_a_selection_the_window_says_what_to_do(window: MainWindow, qtbot: QtBot) -> None:
    open_revive(window)
    window.reader.clear_selection()
    window.sidebar.select(None)
    qtbot.keyClick(window.reader, Qt.Key.Key_1)
    assert window.sidebar.model.rowCount() == 0
    assert "Select some text" in window.message_bar.label.text()


def test_toolbar_and_menu_highlight_too(window: MainWindow) -> None:
    open_revive(window)
    select_text(window, QUOTE)
    window.actions_by_key["highlight_2"].trigger()
    assert window.sidebar.model.highlights()[0].color == "claim"
    assert "Claim to verify" in window.actions_by_key["highlight_2"].text()


def test_note_is_edited_in_place_and_shown_rendered(window: MainWindow, qtbot: QtBot) -> None:
    open_revive(window)
    select_text(window, QUOTE)
    qtbot.keyClick(window.reader, Qt.Key.Key_1)
    note = window.sidebar.detail.note
    note.start_editing()
    assert note.editing
    note.editor.setPlainText("Check **who** said it")
    qtbot.keySequence(note.editor, "Ctrl+Return")
    assert not note.editing
    stored = window.sidebar.model.highlights()[0]
    assert stored.note == "Check **who** said it"
    assert note.rendered.toPlainText().strip() == "Check who said it"  # rendered, not raw
    assert window.actions_by_key["undo"].text() == "&Undo Edit note"


def test_tags_complete_from_existing_tags(window: MainWindow, qtbot: QtBot) -> None:
    open_revive(window)
    select_text(window, QUOTE)
    qtbot.keyClick(window.reader, Qt.Key.Key_1)
    field = window.sidebar.detail.tags.field
    qtbot.keyClicks(field, "diplomacy")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert window.sidebar.model.highlights()[0].tags == ("diplomacy",)
    completions = window.sidebar.article_tags.field.completer().model()
    assert completions.data(completions.index(0, 0)) == "diplomacy"
    # Removing from the chips.
    chips = window.sidebar.detail.tags.chips
    chips.setCurrentRow(0)
    qtbot.keyClick(chips, Qt.Key.Key_Delete)
    assert window.sidebar.model.highlights()[0].tags == ()


def test_every_step_undoes_and_redoes(window: MainWindow, qtbot: QtBot) -> None:
    open_revive(window)
    select_text(window, QUOTE)
    qtbot.keyClick(window.reader, Qt.Key.Key_1)
    hid = window.sidebar.model.highlights()[0].id
    window.annotations.annotator.set_note(hid, "first note")
    window.annotations.annotator.add_tag(hid, "nato")
    window.annotations.annotator.set_color(hid, "question")
    undo = window.actions_by_key["undo"]
    redo = window.actions_by_key["redo"]

    def state() -> tuple[str, tuple[str, ...], str] | None:
        found = window.sidebar.model.highlights()
        return (found[0].note, found[0].tags, found[0].color) if found else None

    assert state() == ("first note", ("nato",), "question")
    assert undo.text() == "&Undo Mark as Question"
    qtbot.keySequence(window, "Ctrl+Z")
    assert state() == ("first note", ("nato",), "key-point")
    undo.trigger()
    assert state() == ("first note", (), "key-point")
    undo.trigger()
    assert state() == ("", (), "key-point")
    undo.trigger()
    assert state() is None
    assert window.reader.extraSelections() == []
    article = window.current_article()
    assert article is not None
    assert background_at(window, article.text.index(QUOTE)) is None  # the paint is gone too
    qtbot.keySequence(window, "Ctrl+Shift+Z")
    assert window.sidebar.model.highlights()[0].id == hid  # the same highlight comes back
    redo.trigger()
    redo.trigger()
    redo.trigger()
    assert state() == ("first note", ("nato",), "question")
    assert not redo.isEnabled()


def test_delete_and_undo_bring_back_the_same_highlight(window: MainWindow, qtbot: QtBot) -> None:
    open_revive(window)
    start, end = select_text(window, QUOTE)
    qtbot.keyClick(window.reader, Qt.Key.Key_4)
    before = window.sidebar.model.highlights()[0]
    window.annotations.annotator.set_note(before.id, "keep me")
    window.annotations.annotator.add_tag(before.id, "kept")
    window.sidebar.select(before.id)
    window.sidebar.list.setFocus()
    qtbot.keyClick(window.sidebar.list, Qt.Key.Key_Delete)
    assert window.sidebar.model.rowCount() == 0
    window.actions_by_key["undo"].trigger()
    after = window.sidebar.model.highlights()[0]
    assert (after.id, after.uuid, after.start, after.end, after.note, after.tags, after.color) == (
        before.id,
        before.uuid,
        start,
        end,
        "keep me",
        ("kept",),
        "background",
    )


def test_clicking_a_highlight_selects_it_in_the_sidebar(window: MainWindow, qtbot: QtBot) -> None:
    open_revive(window)
    select_text(window, QUOTE)
    qtbot.keyClick(window.reader, Qt.Key.Key_1)
    select_text(window, "permafrost")
    qtbot.keyClick(window.reader, Qt.Key.Key_2)
    window.sidebar.select(None)
    window.reader.clear_selection()
    article = window.current_article()
    assert article is not None
    pmap = window.reader.position_map
    assert pmap is not None
    position = pmap.to_document(article.text.index(QUOTE) + 3)
    cursor = QTextCursor(window.reader.document())
    cursor.setPosition(position)
    rect = window.reader.cursorRect(cursor)
    qtbot.mouseClick(
        window.reader.viewport(),
        Qt.MouseButton.LeftButton,
        pos=QPoint(rect.x() + 2, rect.center().y()),
    )
    current = window.sidebar.current_highlight()
    assert current is not None and current.exact == QUOTE
    # ... and the other way round: choosing in the sidebar marks it in the text.
    window.sidebar.list.setCurrentIndex(window.sidebar.model.index(1))
    selected = [s for s in window.reader.extraSelections() if s.format.fontUnderline()]
    assert [s.cursor.selectedText() for s in selected] == ["permafrost"]


def test_article_tags_and_the_list_filter(window: MainWindow, qtbot: QtBot) -> None:
    open_revive(window)
    field = window.sidebar.article_tags.field
    qtbot.keyClicks(field, "russia")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert window.sidebar.article_tags.tags() == ["russia"]
    combo = window.annotations.filter
    index = combo.findText("#russia")
    assert index >= 0
    combo.setCurrentIndex(index)
    assert [window.model.summary(r).title for r in range(window.model.rowCount())] == [REVIVE]  # type: ignore[union-attr]
    combo.setCurrentIndex(combo.findText("Evidence"))
    assert window.model.rowCount() == 0
    assert "No articles match" in window.list_view.empty_text
    combo.setCurrentIndex(0)
    assert window.model.rowCount() == 2


def test_highlight_model_passes_qt_model_tester(
    window: MainWindow, qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    open_revive(window)
    for quote in (QUOTE, "permafrost", "Secretary-General"):
        select_text(window, quote)
        qtbot.keyClick(window.reader, Qt.Key.Key_1)
    qtmodeltester.check(window.sidebar.model)
    assert sidebar_quotes(window) == [QUOTE, "permafrost", "Secretary-General"]


@pytest.mark.parametrize("quote", ["Москва", "e\u0301", "🇺🇦 before", "שלום עולם", "👩‍👩‍👧 family"])
def test_unicode_highlights_through_the_window(
    make_window: WindowFactory, library_of, qtbot: QtBot, quote: str
) -> None:  # type: ignore[no-untyped-def]
    text = (
        "# Mixed\n\nEmoji 🎉🇺🇦 before, then café with combining e\u0301 and Москва.\n\n"
        "Hebrew שלום עולם sits here; a 👩‍👩‍👧 family too.\n"
    )
    lib: Library = library_of({"mixed.md": text})
    window = make_window(lib)
    start, end = select_text(window, quote)
    qtbot.keyClick(window.reader, Qt.Key.Key_1)
    stored = annotations.highlights(lib, window.current_article().id)  # type: ignore[union-attr]
    assert [(h.start, h.end, h.exact, h.status) for h in stored] == [
        (start, end, quote, AnchorStatus.EXACT)
    ]
    assert window.reader.extraSelections()[0].cursor.selectedText() == quote


def test_highlights_are_painted_when_the_article_is_opened_again(
    window: MainWindow, qtbot: QtBot
) -> None:
    open_revive(window)
    start, _ = select_text(window, QUOTE)
    qtbot.keyClick(window.reader, Qt.Key.Key_2)
    revive_id = window.current_article().id  # type: ignore[union-attr]
    qtbot.keyClick(
        window.reader, Qt.Key.Key_K if window.list_view.currentIndex().row() else Qt.Key.Key_J
    )
    assert window.current_article().id != revive_id  # type: ignore[union-attr]
    assert window.sidebar.model.rowCount() == 0
    window.open_article(revive_id)
    assert background_at(window, start) == "#f28b82"
    assert sidebar_quotes(window) == [QUOTE]
    assert window.reader.extraSelections() == []  # nothing selected, nothing to review


def test_adding_a_tag_it_already_has_leaves_nothing_to_undo(
    window: MainWindow, qtbot: QtBot
) -> None:
    open_revive(window)
    select_text(window, QUOTE)
    qtbot.keyClick(window.reader, Qt.Key.Key_1)
    hid = window.sidebar.model.highlights()[0].id
    window.annotations.annotator.add_tag(hid, "nato")
    steps = window.annotations.stack.count()
    window.annotations.annotator.add_tag(hid, "NATO")
    assert window.annotations.stack.count() == steps
    window.actions_by_key["undo"].trigger()
    assert window.sidebar.model.highlights()[0].tags == ()
