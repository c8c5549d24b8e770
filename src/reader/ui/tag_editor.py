"""Tags as removable chips plus a field that completes from the tags already in use.

Signals: `tagAdded(str)`, `tagRemoved(str)`.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QSize, QStringListModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)


class _Chips(QListWidget):
    """Chips that wrap; Delete or Backspace removes the focused one."""

    removeRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setSpacing(2)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setFrameShape(QListWidget.Shape.NoFrame)
        self.itemDoubleClicked.connect(lambda item: self.removeRequested.emit(item.text()))

    def event(self, event: QEvent) -> bool:
        # Delete here removes a tag, not the highlight (the window's Delete shortcut).
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
            and self.currentItem() is not None
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        item = self.currentItem()
        if item is not None and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.removeRequested.emit(item.text())
            return
        super().keyPressEvent(event)

    def fit(self) -> None:
        rows = 0 if self.count() == 0 else 1 + (self.count() - 1) // 4
        height = 0 if rows == 0 else min(3, rows) * (self.sizeHintForRow(0) + 6) + 4
        self.setFixedHeight(height)
        self.setVisible(self.count() > 0)

    def sizeHint(self) -> QSize:
        return QSize(200, self.height())


class TagEditor(QWidget):
    tagAdded = Signal(str)
    tagRemoved = Signal(str)

    def __init__(self, placeholder: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        self.chips = _Chips()
        self.chips.setAccessibleName(self.tr("{name}: remove with Delete").format(name=name))
        self.chips.removeRequested.connect(self.tagRemoved)
        self.field = QLineEdit()
        self.field.setPlaceholderText(placeholder)
        self.field.setAccessibleName(self.tr("Add a tag to {name}").format(name=name.lower()))
        self.field.setClearButtonEnabled(True)
        self._completions = QStringListModel(self)
        completer = QCompleter(self._completions, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.field.setCompleter(completer)
        self.field.returnPressed.connect(self._add)
        layout.addWidget(self.chips)
        layout.addWidget(self.field)
        self.chips.fit()

    def set_tags(self, tags: Iterable[str]) -> None:
        self.chips.clear()
        for tag in tags:
            item = QListWidgetItem(f"{tag}")
            item.setToolTip(self.tr("Double-click or press Delete to remove"))
            self.chips.addItem(item)
        self.chips.fit()

    def tags(self) -> list[str]:
        return [self.chips.item(i).text() for i in range(self.chips.count())]

    def set_completions(self, names: Iterable[str]) -> None:
        self._completions.setStringList(sorted(names, key=str.casefold))

    def _add(self) -> None:
        text = self.field.text().strip()
        if not text:
            return
        self.field.clear()
        if text.casefold() not in (tag.casefold() for tag in self.tags()):
            self.tagAdded.emit(text)
