"""The article list's filter: everything, what needs review, a colour label or a tag.

Signals: `filterChanged(object)` with the new `ArticleFilter`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QWidget

from reader.core.palette import ColorLabel
from reader.ui.sidebar import swatch


@dataclass(frozen=True)
class ArticleFilter:
    tag: str | None = None
    color: str | None = None
    needs_review: bool = False
    saved_query: str | None = None  # a smart folder: shown by putting its query in the search

    @property
    def active(self) -> bool:
        return bool(self.tag or self.color or self.needs_review)


class ListFilter(QComboBox):
    filterChanged = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleFilter")
        self.setAccessibleName(self.tr("Show articles"))
        self._palette: tuple[ColorLabel, ...] = ()
        self._tags: tuple[str, ...] = ()
        self._saved: tuple[tuple[str, str], ...] = ()
        self.currentIndexChanged.connect(lambda _i: self.filterChanged.emit(self.current()))
        self._rebuild()

    def current(self) -> ArticleFilter:
        data = self.currentData()
        return data if isinstance(data, ArticleFilter) else ArticleFilter()

    def set_choices(
        self,
        palette: Sequence[ColorLabel],
        tags: Sequence[str],
        saved: Sequence[tuple[str, str]] = (),
    ) -> None:
        """Colour labels, tags, and smart folders as (name, query)."""
        if (tuple(palette), tuple(tags), tuple(saved)) == (self._palette, self._tags, self._saved):
            return
        self._palette = tuple(palette)
        self._tags = tuple(tags)
        self._saved = tuple(saved)
        self._rebuild()

    def _rebuild(self) -> None:
        chosen = self.current()
        self.blockSignals(True)
        self.clear()
        self.addItem(self.tr("All articles"), ArticleFilter())
        self.addItem(self.tr("Needs review"), ArticleFilter(needs_review=True))
        if self._saved:
            self.insertSeparator(self.count())
        for name, query in self._saved:
            self.addItem(f"🔍 {name}", ArticleFilter(saved_query=query))
        if self._palette:
            self.insertSeparator(self.count())
        for entry in self._palette:
            self.addItem(swatch(entry.color), entry.label, ArticleFilter(color=entry.key))
        if self._tags:
            self.insertSeparator(self.count())
        for tag in self._tags:
            self.addItem(f"#{tag}", ArticleFilter(tag=tag))
        index = next((i for i in range(self.count()) if self.itemData(i) == chosen), 0)
        self.setCurrentIndex(index)
        self.blockSignals(False)
        if self.current() != chosen:
            self.filterChanged.emit(self.current())  # the chosen tag is gone
