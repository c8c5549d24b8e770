"""Searching from the window: the live search field, grouped results, smart folders, and
find in the open article."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reader.services import annotations
from reader.ui.main_window import MainWindow
from reader.ui.search_results import marked_html
from tests.ui.test_annotating import QUOTE, open_revive, select_text

THAW = "Analysts Anticipate Thaw Between NATO, Russia"
REVIVE = "NATO and Russia Revive Relations"


def titles(window: MainWindow) -> list[str]:
    return [window.model.summary(r).title for r in range(window.model.rowCount())]  # type: ignore[union-attr]


def type_query(window: MainWindow, qtbot: QtBot, text: str) -> None:
    window.search.bar.field.clear()
    qtbot.keyClicks(window.search.bar.field, text)
    qtbot.waitUntil(
        lambda: window.search.bar._last == text.strip() or bool(window.search.bar.error)
    )


def test_typing_filters_the_article_list(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.keySequence(window, "Ctrl+K")
    assert window.search.bar.field.hasFocus()
    type_query(window, qtbot, "Kislyak")
    assert titles(window) == [THAW]
    assert window.search.results.isVisible()
    window.search.bar.field.clear()
    qtbot.waitUntil(lambda: window.model.rowCount() == 2)
    assert not window.search.results.isVisible()


def test_a_malformed_query_says_why_and_changes_nothing(window: MainWindow, qtbot: QtBot) -> None:
    type_query(window, qtbot, '"unbalanced')
    assert window.search.bar.error
    assert window.search.bar.field.toolTip() == window.search.bar.error
    assert window.model.rowCount() == 2


def test_results_are_grouped_and_enter_opens_the_hit(window: MainWindow, qtbot: QtBot) -> None:
    open_revive(window)
    select_text(window, QUOTE)
    qtbot.keyClick(window.reader, Qt.Key.Key_1)
    hid = window.sidebar.model.highlights()[0].id
    window.annotations.annotator.set_note(hid, "trust is a recurring theme")
    window.open_article(
        next(s.id for r in range(2) if (s := window.model.summary(r)) and s.title == THAW)
    )
    type_query(window, qtbot, "recurring")
    groups = [
        window.search.results.results.item(r).text()
        for r in range(window.search.results.results.rowCount())
    ]
    assert groups and groups[0].startswith("Notes")
    qtbot.keyClick(window.search.bar.field, Qt.Key.Key_Return)
    assert window.current_article().title == REVIVE  # type: ignore[union-attr]
    assert window.sidebar.current_highlight().id == hid  # type: ignore[union-attr]


def test_snippets_mark_the_matched_words(window: MainWindow, qtbot: QtBot) -> None:
    type_query(window, qtbot, "permafrost")
    first = window.search.results.results.first_hit()
    hit = window.search.results.hit_at(first)
    assert hit is not None
    assert "<b>permafrost</b>" in marked_html(hit).lower()


def test_saved_search_is_a_smart_folder(window: MainWindow, qtbot: QtBot) -> None:
    from reader.services import search

    search.save_search(window.library, "Chechnya", "Chechnya")
    window.annotations.refresh_filter()
    combo = window.annotations.filter
    index = combo.findText("🔍 Chechnya")
    assert index >= 0
    combo.setCurrentIndex(index)
    assert window.search.bar.query() == "Chechnya"
    assert sorted(titles(window)) == sorted([THAW, REVIVE])


def test_find_in_article_counts_marks_and_steps(window: MainWindow, qtbot: QtBot) -> None:
    open_revive(window)
    qtbot.keySequence(window, "Ctrl+F")
    assert window.search.find.isVisible()
    qtbot.keyClicks(window.search.find.field, "robertson")
    article = window.current_article()
    assert article is not None
    expected = article.text.lower().count("robertson")
    assert window.search.find.count.text() == f"1 of {expected}"
    marks = window.reader.extraSelections()
    assert len([m for m in marks if m.cursor.selectedText().lower() == "robertson"]) == expected
    qtbot.keyClick(window.search.find.field, Qt.Key.Key_F3)
    assert window.search.find.count.text() == f"2 of {expected}"
    window.actions_by_key["find_previous"].trigger()
    assert window.search.find.count.text() == f"1 of {expected}"
    qtbot.keyClick(window.search.find.field, Qt.Key.Key_Escape)
    assert not window.search.find.isVisible()
    assert window.reader.extraSelections() == []


def test_an_edited_note_is_found_at_once(window: MainWindow, qtbot: QtBot) -> None:
    open_revive(window)
    select_text(window, QUOTE)
    qtbot.keyClick(window.reader, Qt.Key.Key_2)
    hid = window.sidebar.model.highlights()[0].id
    type_query(window, qtbot, "zanzibar")
    assert window.model.rowCount() == 0
    window.annotations.annotator.set_note(hid, "zanzibar")
    assert annotations.get_highlight(window.library, hid).note == "zanzibar"
    qtbot.waitUntil(lambda: window.search.results.results.rowCount() > 0)
    assert window.model.rowCount() == 1
