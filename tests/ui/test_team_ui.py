"""The window in a library others work in too: it shows who made and changed a highlight,
picks up others' highlights, colours and articles on its next look, and when someone saves
a note being edited here, it shows their text and keeps this person's."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reader.services import annotations as notes
from reader.services import articles as article_service
from reader.services.importing import import_paths
from reader.services.library import Library, open_library
from reader.ui.main_window import MainWindow
from tests.ui.test_annotating import QUOTE, open_revive


@pytest.fixture
def bob(library: Library) -> Iterator[Library]:
    other = open_library(library.url, author="bob", with_samples=False)
    yield other
    other.close()


def open_with_highlight(window: MainWindow, bob: Library) -> int:
    open_revive(window)
    article = window.current_article()
    assert article is not None
    made = notes.create_from_quote(bob, article.id, QUOTE).highlight
    window.watcher.check()  # the first look, then the one that notices
    window.watcher.check()
    window.sidebar.select(made.id)
    return made.id


def test_others_highlights_and_changes_arrive_with_who_made_them(
    window: MainWindow, bob: Library
) -> None:
    window.library.author = "ana"
    highlight_id = open_with_highlight(window, bob)
    assert [h.id for h in window.reader.highlights] == [highlight_id]
    byline = window.sidebar.detail.byline
    assert byline.text() == "by bob"

    notes.set_color(bob, highlight_id, "evidence")
    assert window.watcher.check()
    assert window.sidebar.current_highlight().color == "evidence"  # type: ignore[union-attr]

    window.annotations.annotator.set_color(highlight_id, "quote")  # as the sidebar does
    assert byline.text().startswith("by bob · changed by ana at ")
    assert not window.watcher.check()  # its own edits do not come back to it

    notes.delete_highlight(bob, highlight_id)
    assert window.watcher.check()
    assert window.reader.highlights == []


def test_an_article_imported_elsewhere_appears_in_the_list(
    window: MainWindow, bob: Library, tmp_path: Path
) -> None:
    window.watcher.check()
    before = window.model.rowCount()
    story = tmp_path / "port.txt"
    story.write_text("Port Reopens\n\nThe port reopened on Monday after the strike.\n")
    import_paths(bob, [story])
    assert window.watcher.check()
    assert window.model.rowCount() == before + 1
    assert article_service.count(window.library) == before + 1


def test_a_note_saved_by_someone_else_meanwhile_keeps_both_texts(
    window: MainWindow, bob: Library, qtbot: QtBot
) -> None:
    window.library.author = "ana"
    highlight_id = open_with_highlight(window, bob)
    note = window.sidebar.detail.note
    note.start_editing()
    note.editor.setPlainText("Ana: confirmed by the ministry")
    notes.set_note(bob, highlight_id, "Bob: unconfirmed")  # saved while Ana types

    qtbot.keySequence(note.editor, "Ctrl+Return")
    assert note.editing  # still open, with her text
    assert note.editor.toPlainText() == "Ana: confirmed by the ministry"
    assert note.conflict.isVisible()
    assert "bob changed this note at" in note.conflict.text()
    assert "Bob: unconfirmed" in note.conflict.text()
    assert "bob changed this note" in window.message_bar.label.text()
    assert notes.get_highlight(bob, highlight_id).note == "Bob: unconfirmed"

    qtbot.keySequence(note.editor, "Ctrl+Return")  # having read theirs, she saves hers
    assert not note.editing and not note.conflict.isVisible()
    assert notes.get_highlight(bob, highlight_id).note == "Ana: confirmed by the ministry"


def test_reading_in_this_window_does_not_make_it_reload_its_list(window: MainWindow) -> None:
    window.watcher.check()
    for row in range(window.model.rowCount()):
        summary = window.model.summary(row)
        assert summary is not None
        window.open_article(summary.id)  # marks it read
        assert not window.watcher.check()


def test_opening_an_article_marks_it_read_and_it_can_be_unread_again(
    window: MainWindow,
) -> None:
    from reader.services.search import search

    open_revive(window)
    article = window.current_article()
    assert article is not None
    unread = {h.article_id for h in search(window.library, "is:unread")}
    assert article.id not in unread

    def shown_read() -> bool:
        row = window.model.row_of(article.id)
        assert row is not None
        summary = window.model.summary(row)
        assert summary is not None
        return summary.read

    assert shown_read()  # the list draws it as read
    window.actions_by_key["mark_unread"].trigger()
    assert article.id in {h.article_id for h in search(window.library, "is:unread")}
    assert not shown_read()
    assert window.actions_by_key["mark_unread"].shortcut().toString() == "Shift+U"


def test_entities_and_tags_say_who_made_them(window: MainWindow, bob: Library) -> None:
    from reader.services import entities as entity_service

    window.library.author = "ana"
    made = entity_service.create_entity(bob, "Igor Ivanov", kind="person").entity
    window.show_entity(made.id)
    summary = window.entities.panel.detail.summary.text()
    assert summary.splitlines()[-1] == "by bob"

    highlight_id = open_with_highlight(window, bob)
    notes.add_tag(bob, highlight_id, "diplomacy")
    window.annotations.show_tag_manager()
    manager = window.annotations.tag_manager
    assert manager is not None
    model = manager.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[-1] == "Made by"
    assert model.data(model.index(0, 3)) == "bob"
    manager.close()
