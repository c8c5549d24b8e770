"""The sidebar's list of an article's highlights, in text order."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from reader.core.models import AnchorStatus, Highlight
from reader.ui.i18n import QT_TRANSLATE_NOOP

HighlightRole = Qt.ItemDataRole.UserRole + 10
Index = QModelIndex | QPersistentModelIndex

# How the window names each anchoring status (the stored values are English keys).
_STATUS_WORDS = {
    AnchorStatus.EXACT: QT_TRANSLATE_NOOP("AnchorStatus", "exact"),
    AnchorStatus.MOVED: QT_TRANSLATE_NOOP("AnchorStatus", "moved"),
    AnchorStatus.FUZZY: QT_TRANSLATE_NOOP("AnchorStatus", "fuzzy"),
    AnchorStatus.ORPHAN: QT_TRANSLATE_NOOP("AnchorStatus", "orphan"),
}


def status_word(status: AnchorStatus) -> str:
    """ "fuzzy", in the language shown."""
    return QCoreApplication.translate("AnchorStatus", _STATUS_WORDS.get(status, status.value))


def _order(highlight: Highlight) -> tuple[int, int, int]:
    # Orphans have no place in the text: they go last, where review finds them.
    return (1 if highlight.status.value == "orphan" else 0, highlight.start, highlight.id)


class HighlightListModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[Highlight] = []
        self.labels: dict[str, str] = {}  # palette key -> label, for accessible text

    def set_highlights(self, highlights: Sequence[Highlight]) -> None:
        self.beginResetModel()
        self._items = sorted(highlights, key=_order)
        self.endResetModel()

    def highlights(self) -> list[Highlight]:
        return list(self._items)

    def row_of(self, highlight_id: int) -> int | None:
        for row, item in enumerate(self._items):
            if item.id == highlight_id:
                return row
        return None

    def highlight(self, row: int) -> Highlight | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def upsert(self, highlight: Highlight) -> int:
        """Adds or replaces one highlight, keeping text order; returns its row."""
        row = self.row_of(highlight.id)
        key = _order(highlight)
        if row is not None:
            if _order(self._items[row]) == key:
                self._items[row] = highlight
                index = self.index(row)
                self.dataChanged.emit(index, index)
                return row
            self.remove(highlight.id)
        target = 0
        while target < len(self._items) and _order(self._items[target]) < key:
            target += 1
        self.beginInsertRows(QModelIndex(), target, target)
        self._items.insert(target, highlight)
        self.endInsertRows()
        return target

    def remove(self, highlight_id: int) -> None:
        row = self.row_of(highlight_id)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._items[row]
        self.endRemoveRows()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return item.exact
        if role == HighlightRole:
            return item
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            label = self.labels.get(item.color, item.color)
            parts = [self.tr("{label}: {quote}").format(label=label, quote=item.exact)]
            if item.tags:
                parts.append(self.tr("Tags: {tags}").format(tags=", ".join(item.tags)))
            if item.note:
                parts.append(self.tr("Note: {note}").format(note=item.note))
            if item.status.needs_review:
                parts.append(
                    self.tr("Needs review ({status})").format(status=status_word(item.status))
                )
            return "\n".join(parts)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )
