"""The entity list: name, kind and how often each entity is mentioned."""

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

from reader.core.models import Entity
from reader.ui.i18n import QT_TRANSLATE_NOOP, TranslationContext

EntityRole = Qt.ItemDataRole.UserRole + 30
Index = QModelIndex | QPersistentModelIndex


EntityText = TranslationContext("EntityText")

# The stored kinds are English keys (reader.core.models.ENTITY_KINDS); these are what the
# window shows for them: a name for choosers and headings, a word for running text.
_KIND_NAMES = {
    "person": QT_TRANSLATE_NOOP("EntityKind", "Person"),
    "organization": QT_TRANSLATE_NOOP("EntityKind", "Organization"),
    "place": QT_TRANSLATE_NOOP("EntityKind", "Place"),
    "other": QT_TRANSLATE_NOOP("EntityKind", "Other"),
}
_KIND_WORDS = {
    "person": QT_TRANSLATE_NOOP("EntityKind", "person"),
    "organization": QT_TRANSLATE_NOOP("EntityKind", "organization"),
    "place": QT_TRANSLATE_NOOP("EntityKind", "place"),
    "other": QT_TRANSLATE_NOOP("EntityKind", "other"),
}


def kind_name(kind: str) -> str:
    """ "Person", in the language shown."""
    return QCoreApplication.translate("EntityKind", _KIND_NAMES.get(kind, kind.capitalize()))


def kind_word(kind: str) -> str:
    """ "person", in the language shown, for running text."""
    return QCoreApplication.translate("EntityKind", _KIND_WORDS.get(kind, kind))


def describe(entity: Entity) -> str:
    mentions = EntityText.tr("%Ln mention(s)", None, entity.mention_count)
    articles = EntityText.tr("%Ln article(s)", None, entity.article_count)
    return EntityText.tr("{kind} · {mentions} · {articles}").format(
        kind=kind_word(entity.kind), mentions=mentions, articles=articles
    )


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
            extra = (
                "\n" + EntityText.tr("Also: {aliases}").format(aliases=aliases) if aliases else ""
            )
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
