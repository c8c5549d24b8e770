"""Search results grouped by kind (articles, highlights, notes, entities), with snippets.

Signals: `hitActivated(object)` with the `SearchHit` chosen (Enter or double-click).
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import (
    QKeyEvent,
    QPainter,
    QPalette,
    QStandardItem,
    QStandardItemModel,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from reader.services.search import SearchHit
from reader.ui.i18n import QT_TRANSLATE_NOOP

HitRole = Qt.ItemDataRole.UserRole + 20
GROUPS = (
    ("article", QT_TRANSLATE_NOOP("SearchResults", "Articles")),
    ("highlight", QT_TRANSLATE_NOOP("SearchResults", "Highlights")),
    ("note", QT_TRANSLATE_NOOP("SearchResults", "Notes")),
    ("entity", QT_TRANSLATE_NOOP("SearchResults", "Entities")),
)


def marked_html(hit: SearchHit) -> str:
    """The snippet with its matched words in bold, everything else escaped."""
    parts: list[str] = []
    at = 0
    for start, end in sorted(hit.marks):
        if start < at:
            continue
        parts.append(escape(hit.snippet[at:start]))
        parts.append(f"<b>{escape(hit.snippet[start:end])}</b>")
        at = end
    parts.append(escape(hit.snippet[at:]))
    return "".join(parts)


class HitDelegate(QStyledItemDelegate):
    """A hit as two lines: its title, then the snippet with the matched words in bold."""

    def _document(self, option: QStyleOptionViewItem, hit: SearchHit) -> QTextDocument:
        doc = QTextDocument()
        doc.setDocumentMargin(2)
        doc.setDefaultFont(option.font)
        muted = option.palette.color(QPalette.ColorRole.PlaceholderText).name()
        doc.setHtml(
            f'<div>{escape(hit.title)}</div><div style="color:{muted}">{marked_html(hit)}</div>'
        )
        doc.setTextWidth(max(80, option.rect.width()))
        return doc

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        hit = index.data(HitRole)
        if not isinstance(hit, SearchHit):
            super().paint(painter, option, index)
            return
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, option.palette.color(QPalette.ColorRole.Highlight))
        doc = self._document(option, hit)
        painter.save()
        painter.translate(option.rect.topLeft())
        doc.drawContents(painter)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        hit = index.data(HitRole)
        if not isinstance(hit, SearchHit):
            return super().sizeHint(option, index)
        view = self.parent()
        if isinstance(view, QAbstractItemView):
            option.rect.setWidth(view.viewport().width() - 24)
        size = self._document(option, hit).size()
        return QSize(int(size.width()), int(size.height()))


class SearchResultsModel(QStandardItemModel):
    def set_hits(self, hits: Sequence[SearchHit]) -> None:
        self.clear()
        for kind, label in GROUPS:
            found = [h for h in hits if h.kind == kind]
            if not found:
                continue
            name = QCoreApplication.translate("SearchResults", label)
            group = QStandardItem(f"{name} ({len(found)})")
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
        self.setItemDelegate(HitDelegate(self))
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
