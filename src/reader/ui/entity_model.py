"""The entity list: name, kind and how often each entity is mentioned."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from reader.core.models import Entity

EntityRole = Qt.ItemDataRole.UserRole + 30
Index = QModelIndex | QPersistentModelIndex


def describe(entity: Entity) -> str:
    mentions = "1 mention" if entity.mention_count == 1 else f"{entity.mention_count} mentions"
    articles = "1 article" if entity.article_count == 1 else f"{entity.article_count} articles"
    return f"{entity.kind} · {mentions} · {articles}"


class EntityListModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[Entity] = []

    def set_entities(self, entities: Sequence[Entity]) -> None:
        self.beginResetModel()
        self._items = list(entities)
        self.endResetModel()

    def entity(self, row: int) -> Entity | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def row_of(self, entity_id: int) -> int | None:
        return next((r for r, e in enumerate(self._items) if e.id == entity_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        entity = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{entity.name}\n{describe(entity)}"
        if role == EntityRole:
            return entity
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            aliases = ", ".join(a for a in entity.aliases if a != entity.name)
            extra = f"\nAlso: {aliases}" if aliases else ""
            return f"{entity.name}, {describe(entity)}{extra}"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )
