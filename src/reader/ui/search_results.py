"""Search results grouped by kind (articles, highlights, notes, entities), with snippets.

Signals: `hitActivated(object)` with the `SearchHit` chosen (Enter or double-click).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QStyledItemDelegate, QTreeView, QWidget

from reader.services.search import SearchHit

HitRole = Qt.ItemDataRole.UserRole + 20
GROUPS = (
    ("article", "Articles"),
    ("highlight", "Highlights"),
    ("note", "Notes"),
    ("entity", "Entities"),
)


def marked_html(hit: SearchHit) -> str:
    """The snippet with its matched words in bold, everything else escaped."""
    parts: list[str] = []
    at = 0
    for start, end in sorted(hit.marks):
        if start < at:
            continue
        parts.append(_escape(hit.snippet[at:start]))
        parts.append(f"<b>{_escape(hit.snippet[start:end])}</b>")
        at = end
    parts.append(_escape(hit.snippet[at:]))
    return "".join(parts)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class SearchResultsModel(QStandardItemModel):
    def set_hits(self, hits: Sequence[SearchHit]) -> None:
        self.clear()
        for kind, label in GROUPS:
            found = [h for h in hits if h.kind == kind]
            if not found:
                continue
            group = QStandardItem(f"{self.tr(label)} ({len(found)})")
            group.setEditable(False)
            group.setSelectable(False)
            for hit in found:
                item = QStandardItem(f"{hit.title}\n{hit.snippet}")
                item.setEditable(False)
                item.setData(hit, HitRole)
                item.setToolTip(hit.snippet)
                item.setData(f"{hit.title}. {hit.snippet}", Qt.ItemDataRole.AccessibleTextRole)
                group.appendRow(item)
            self.appendRow(group)

    def first_hit(self) -> QModelIndex:
        for row in range(self.rowCount()):
            group = self.index(row, 0)
            if self.rowCount(group):
                return self.index(0, 0, group)
        return QModelIndex()


class ResultsView(QTreeView):
    hitActivated = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchResults")
        self.setAccessibleName(self.tr("Search results"))
        self.results = SearchResultsModel(self)
        self.setModel(self.results)
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(False)
        self.setWordWrap(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setItemDelegate(QStyledItemDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.doubleClicked.connect(self._activate)

    def set_hits(self, hits: Sequence[SearchHit]) -> None:
        self.results.set_hits(hits)
        self.expandAll()

    def hit_at(self, index: QModelIndex | QPersistentModelIndex) -> SearchHit | None:
        value: Any = index.data(HitRole) if index.isValid() else None
        return value if isinstance(value, SearchHit) else None

    def focus_first(self) -> None:
        first = self.results.first_hit()
        if first.isValid():
            self.setCurrentIndex(first)
            self.setFocus()

    def activate_first(self) -> bool:
        first = self.results.first_hit()
        if first.isValid():
            self.setCurrentIndex(first)
            self._activate(first)
            return True
        return False

    def _activate(self, index: QModelIndex) -> None:
        hit = self.hit_at(index)
        if hit is not None:
            self.hitActivated.emit(hit)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._activate(self.currentIndex())
            return
        super().keyPressEvent(event)
