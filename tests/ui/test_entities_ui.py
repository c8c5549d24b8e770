"""Entities in the window: add from a selection, the panel, mentions, links, and undo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytest import MonkeyPatch
from pytestqt.qtbot import QtBot

from reader.services import entities
from reader.ui.entity_dialog import EntityDialog
from reader.ui.main_window import MainWindow
from tests.ui.test_annotating import open_revive, select_text


def accept_dialogs(monkeypatch: MonkeyPatch, aliases: str = "") -> None:
    def exec_(dialog: EntityDialog) -> int:
        if aliases:
            dialog.aliases.setText(aliases)
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(EntityDialog, "exec", exec_)


def test_add_as_entity_from_the_selection(
    window: MainWindow, qtbot: QtBot, monkeypatch: MonkeyPatch
) -> None:
    accept_dialogs(monkeypatch, aliases="Robertson")
    open_revive(window)
    select_text(window, "Lord George Robertson")
    qtbot.keySequence(window, "Ctrl+E")
    made = entities.find_entity(window.library, "Lord George Robertson")
    assert made.kind == "person"  # guessed from "Lord"
    assert "Robertson" in made.aliases
    assert window.entity_tab_visible()
    assert window.entities.panel.entity is not None
    assert window.entities.panel.entity.id == made.id
    tree = window.entities.panel.detail.mentions
    assert tree.topLevelItemCount() >= 1  # mentions grouped by article
    window.actions_by_key["undo"].trigger()
    assert [e.name for e in entities.list_entities(window.library)] == []
    window.actions_by_key["redo"].trigger()
    again = entities.find_entity(window.library, "Robertson")
    assert again.id == made.id and again.uuid == made.uuid


def test_underlined_mentions_open_the_entity(
    window: MainWindow, qtbot: QtBot, monkeypatch: MonkeyPatch
) -> None:
    entities.create_entity(window.library, "Igor Ivanov", kind="person", aliases=["Ivanov"])
    open_revive(window)
    window.actions_by_key["underline_mentions"].trigger()
    assert window.actions_by_key["underline_mentions"].isChecked()
    article = window.current_article()
    assert article is not None
    start = article.text.index("Ivanov")
    pmap = window.reader.position_map
    assert pmap is not None
    mention = window.reader.mention_at(pmap.to_document(start) + 1)
    assert mention is not None and "Igor Ivanov" in mention[3]
    underlined = [s for s in window.reader.extraSelections() if "Ivanov" in s.cursor.selectedText()]
    assert underlined
    window.reader.mentionClicked.emit(mention[2])
    assert window.entities.panel.entity is not None
    assert window.entities.panel.entity.name == "Igor Ivanov"
    window.actions_by_key["underline_mentions"].trigger()
    assert not [s for s in window.reader.extraSelections() if "Ivanov" in s.cursor.selectedText()]


def test_a_mention_in_the_panel_opens_the_article_there(window: MainWindow, qtbot: QtBot) -> None:
    made = entities.create_entity(window.library, "Chechnya", kind="place").entity
    window.show_entity(made.id)
    tree = window.entities.panel.detail.mentions
    group = tree.topLevelItem(0)
    assert group is not None and group.childCount() >= 1
    line = group.child(0)
    window.entities.panel._mention(line)
    cursor = window.reader.textCursor()
    assert cursor.selectedText() == "Chechnya"


def test_merge_and_delete_are_undoable(
    window: MainWindow, qtbot: QtBot, monkeypatch: MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QInputDialog

    a = entities.create_entity(window.library, "NATO", kind="organization").entity
    b = entities.create_entity(window.library, "the Western alliance", kind="organization").entity
    window.show_entity(b.id)
    monkeypatch.setattr(QInputDialog, "getItem", lambda *args, **kw: ("NATO", True))
    window.entities.panel.mergeRequested.emit(b.id)
    merged = entities.find_entity(window.library, "the Western alliance")
    assert merged.id == a.id
    window.actions_by_key["undo"].trigger()
    assert entities.find_entity(window.library, "the Western alliance").id == b.id
    window.entities.panel.deleteRequested.emit(b.id)
    assert [e.id for e in entities.list_entities(window.library)] == [a.id]
    window.actions_by_key["undo"].trigger()
    assert sorted(e.id for e in entities.list_entities(window.library)) == sorted([a.id, b.id])


def test_highlights_link_to_entities_by_hand(window: MainWindow, qtbot: QtBot) -> None:
    made = entities.create_entity(window.library, "Founding Act", kind="organization").entity
    open_revive(window)
    select_text(window, "Both sides made clear")
    qtbot.keyClick(window.reader, Qt.Key.Key_1)
    hid = window.sidebar.current_highlight().id  # type: ignore[union-attr]
    field = window.sidebar.detail.entities.field
    qtbot.keyClicks(field, "Founding Act")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert [e.id for e in entities.entities_of_highlight(window.library, hid)] == [made.id]
    assert window.sidebar.detail.entities.tags() == ["Founding Act"]
    window.actions_by_key["undo"].trigger()
    assert entities.entities_of_highlight(window.library, hid) == []


def test_suggestions_can_be_accepted_or_rejected(window: MainWindow, qtbot: QtBot) -> None:
    open_revive(window)
    window.show_entity_tab()
    lst = window.entities.panel.list.suggestions
    assert lst.count() > 0
    texts = [lst.item(i).text() for i in range(lst.count())]
    assert any(t.startswith("Vladimir Putin") for t in texts)
    first = window.entities.panel.list.current_suggestion()
    assert first is not None
    window.entities.panel.list.accept_button.click()
    assert entities.find_entity(window.library, first.name).name == first.name
    second = window.entities.panel.list.current_suggestion()
    assert second is not None and second.name != first.name
    window.entities.panel.list.reject_button.click()
    texts = [lst.item(i).text() for i in range(lst.count())]
    assert not any(t.startswith(second.name + " ·") for t in texts)
