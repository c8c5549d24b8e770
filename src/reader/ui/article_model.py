"""The article list's model: newest first, fetched a page at a time as the list scrolls.

It holds plain `ArticleSummary` records, never database rows, and asks the services for the
next page only when the view needs it, so a library of 100,000 articles opens as fast as one
of 100.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from reader.core.models import ArticleSummary
from reader.services.articles import ArticlePage
from reader.ui.i18n import TranslationContext

PAGE_SIZE = 200
SummaryRole = Qt.ItemDataRole.UserRole + 1
IdRole = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex
PageFetcher = Callable[[Any, int], ArticlePage]  # the cursor is opaque to the window
ArticleList = TranslationContext("ArticleList")


def meta_line(item: ArticleSummary) -> str:
    """ "Source · 27 Jul 2016 · 511 words · 3 highlights" for the list's second line."""
    parts: list[str] = []
    if item.source:
        parts.append(item.source)
    day = item.published or item.updated
    parts.append(day.strftime("%-d %b %Y") if day else item.imported_at.strftime("%-d %b %Y"))
    parts.append(ArticleList.tr("%Ln word(s)", None, item.word_count))
    if item.highlight_count:
        parts.append(ArticleList.tr("%Ln highlight(s)", None, item.highlight_count))
    if item.review_count:
        parts.append(ArticleList.tr("⚑ %Ln to review", None, item.review_count))
    return " · ".join(parts)


class ArticleListModel(QAbstractListModel):
    def __init__(self, fetch_page: PageFetcher, parent: Any = None) -> None:
        super().__init__(parent)
        self._fetch_page = fetch_page
        self._items: list[ArticleSummary] = []
        self._rows_by_id: dict[int, int] = {}
        self._cursor: object | None = None
        self._exhausted = True

    # -- loading ---------------------------------------------------------------------
    def reload(self) -> None:
        """Starts again from the newest article (after an import, say)."""
        self.beginResetModel()
        self._items = []
        self._rows_by_id = {}
        self._cursor = None
        self._exhausted = False
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted:
            return
        page = self._fetch_page(self._cursor, PAGE_SIZE)
        self._cursor = page.cursor
        self._exhausted = page.cursor is None
        fresh = [item for item in page.items if item.id not in self._rows_by_id]
        if not fresh:
            return
        first = len(self._items)
        self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
        for offset, item in enumerate(fresh):
            self._rows_by_id[item.id] = first + offset
        self._items.extend(fresh)
        self.endInsertRows()

    def fetch_until(self, article_id: int) -> int | None:
        """Loads pages until the article is in the list; its row, or None if it is not."""
        while article_id not in self._rows_by_id and self.canFetchMore():
            self.fetchMore()
        return self._rows_by_id.get(article_id)

    def replace(self, item: ArticleSummary) -> None:
        """Updates one row in place (its text changed, or its highlight count)."""
        row = self._rows_by_id.get(item.id)
        if row is None:
            return
        self._items[row] = item
        index = self.index(row)
        self.dataChanged.emit(index, index)

    # -- reading ---------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def summary(self, row: int) -> ArticleSummary | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def row_of(self, article_id: int) -> int | None:
        return self._rows_by_id.get(article_id)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return item.title
        if role == SummaryRole:
            return item
        if role == IdRole:
            return item.id
        if role == Qt.ItemDataRole.ToolTipRole:
            title = f"{item.kicker}: {item.title}" if item.kicker else item.title
            return f"{title}\n{meta_line(item)}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            kicker = f"{item.kicker}. " if item.kicker else ""
            unread = "" if item.read else ArticleList.tr("Unread. ")
            return f"{unread}{kicker}{item.title}. {meta_line(item)}"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )
