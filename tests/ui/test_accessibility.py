"""Everything in the window can be reached with Tab, and every control says what it is."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget
from pytestqt.qtbot import QtBot

from reader.ui.main_window import MainWindow
from tests.ui.test_annotating import QUOTE, open_revive, select_text


def _focusable(widget: QWidget) -> bool:
    policy = widget.focusPolicy()
    return (
        widget.isVisible()
        and widget.isEnabled()
        and (policy & Qt.FocusPolicy.TabFocus) == Qt.FocusPolicy.TabFocus
        and widget.focusProxy() is None
    )


def _name(widget: QWidget) -> str:
    if widget.accessibleName():
        return widget.accessibleName()
    if isinstance(widget, QAbstractButton):
        return widget.text()
    return ""


def _walk(window: MainWindow) -> list[QWidget]:
    """The widgets Tab visits, starting in the reader, until it comes back round."""
    window.reader.setFocus()
    QApplication.processEvents()
    first = QApplication.focusWidget()
    seen: list[QWidget] = []
    for _ in range(300):
        window.focusNextChild()
        QApplication.processEvents()
        current = QApplication.focusWidget()
        if current is None or current is first or current in seen:
            break
        seen.append(current)
    return [first, *seen] if first is not None else seen


def _check(window: MainWindow) -> list[QWidget]:
    reached = _walk(window)
    controls = [w for w in window.findChildren(QWidget) if _focusable(w)]
    unreachable = [f"{type(w).__name__} {w.objectName()}" for w in controls if w not in reached]
    assert unreachable == []
    unnamed = [f"{type(w).__name__} {w.objectName()}" for w in reached if not _name(w)]
    assert unnamed == []
    return reached


def test_every_control_is_reached_with_tab_and_named(window: MainWindow) -> None:
    reached = _check(window)
    for control in (window.search.bar.field, window.list_view, window.reader):
        assert control in reached


def test_with_a_highlight_selected_its_editors_are_reachable_too(
    window: MainWindow, qtbot: QtBot
) -> None:
    open_revive(window)
    select_text(window, QUOTE)
    qtbot.keyClick(window.reader, Qt.Key.Key_1)
    assert window.sidebar.detail.isVisible()
    reached = _check(window)
    detail = window.sidebar.detail
    for control in (detail.color, detail.delete_button, detail.tags.field, window.sidebar.list):
        assert control in reached


def test_the_entity_panel_is_reachable_and_named(window: MainWindow) -> None:
    window.show_entity_tab()
    reached = _check(window)
    assert window.entities.panel.list.new_button in reached
