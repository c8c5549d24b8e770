"""Search in the window: the live search field and its results, smart folders (saved
searches), and find in the open article."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QInputDialog

from reader.core.changes import Changes
from reader.core.errors import ReaderError
from reader.services import search as search_service
from reader.ui.find_bar import FindBar
from reader.ui.search_bar import SearchBar
from reader.ui.search_results import ResultsView

if TYPE_CHECKING:
    from collections.abc import Callable

    from reader.ui.main_window import MainWindow

RESULT_LIMIT = 50


class SearchUI(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.bar = SearchBar(search_service.check_query)
        self.results = ResultsView()
        self.results.hide()
        self.find = FindBar()
        self.bar.queryChanged.connect(self._on_query)
        self.bar.activated.connect(self._open_first)
        self.bar.field.downPressed.connect(self.results.focus_first)
        self.bar.saveRequested.connect(self._save)
        self.results.hitActivated.connect(self.open_hit)
        self.find.matchesChanged.connect(window.reader.set_find_matches)

    @property
    def query(self) -> str:
        return self.bar.query() if not self.bar.error else ""

    def handlers(self) -> dict[str, Callable[[], object]]:
        return {
            "search": self.focus,
            "find": self.find.open_bar,
            "find_next": self.find.next,
            "find_previous": self.find.previous,
        }

    def focus(self) -> None:
        self.bar.field.setFocus()
        self.bar.field.selectAll()

    # -- library search --------------------------------------------------------------------
    def _on_query(self, query: str) -> None:
        self.refresh()
        self.window.reload_list()

    def refresh(self) -> None:
        """Runs the current query again (the library changed)."""
        query = self.query
        if not query:
            self.results.hide()
            self.results.set_hits([])
            return
        try:
            hits = search_service.search(
                self.window.library,
                query,
                limit=RESULT_LIMIT,
                palette=self.window.settings.palette,
            )
        except ReaderError as exc:
            self.window.message_bar.show_message(str(exc), "error")
            return
        self.results.set_hits(hits)
        self.results.setVisible(True)

    def _open_first(self) -> None:
        if not self.results.activate_first():
            self.window.statusBar().showMessage(self.tr("Nothing matches this search."), 4000)

    def open_hit(self, hit: search_service.SearchHit) -> None:
        window = self.window
        if hit.article_id is None or not window.open_article(hit.article_id):
            if hit.entity_id is not None:
                window.show_entity(hit.entity_id)
            return
        if hit.highlight_id is not None:
            window.sidebar.select(hit.highlight_id)
            window.reader.select_highlight(hit.highlight_id)
        elif hit.start is not None and hit.end is not None:
            window.reader.reveal(hit.start, hit.end)
        if hit.entity_id is not None:
            window.show_entity(hit.entity_id)

    # -- smart folders ---------------------------------------------------------------------
    def _save(self, query: str) -> None:
        name, ok = QInputDialog.getText(
            self.window, self.tr("Save Search"), self.tr("Name of the smart folder:"), text=query
        )
        if not ok or not name.strip():
            return
        try:
            search_service.save_search(self.window.library, name.strip(), query)
        except ReaderError as exc:
            self.window.message_bar.show_message(str(exc), "error")
            return
        self.window.annotations.refresh_filter()

    def saved(self) -> list[search_service.SavedSearch]:
        try:
            return search_service.saved_searches(self.window.library)
        except ReaderError:
            return []

    def on_changes(self, changes: Changes) -> None:
        """A search shows the library as it is now: an edit is found, or not, at once."""
        if self.query and changes:
            self.refresh()
            self.window.reload_list()

    # -- find in article -------------------------------------------------------------------
    def article_changed(self, text: str) -> None:
        self.find.set_text(text)
