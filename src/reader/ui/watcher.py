"""Keeps the window up to date with what others change in a shared library.

Every few seconds (READER_WATCH_MS, default 3000) it asks the library for a few signatures
and refreshes only what moved: the open article's highlights one by one (compared with the
versions the window shows, so its own edits never come back to it), the article list,
the tags and the entity panel. A library that cannot be reached is reported once, and
looking goes on quietly until it answers again.
"""

from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from reader.core.changes import Changes
from reader.core.errors import ReaderError
from reader.services import watch

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow

log = logging.getLogger(__name__)
DEFAULT_INTERVAL_MS = 3000


class LibraryWatcher(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._last: watch.Look | None = None
        self._failing = False
        self.timer = QTimer(self)
        self.timer.setInterval(int(os.environ.get("READER_WATCH_MS", DEFAULT_INTERVAL_MS)))
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        self.timer.start()

    def _open_article_id(self) -> int | None:
        article = self.window.reader.article
        return article.id if article is not None else None

    def check(self) -> bool:
        """Looks once; True if it refreshed anything."""
        if not self.window.library.is_open or self.window.importer.task is not None:
            return False  # the window's own import reports its own progress
        try:
            now = watch.look(self.window.library, self._open_article_id())
        except ReaderError as exc:
            if not self._failing:
                self._failing = True
                self.window.message_bar.show_message(str(exc), level="error")
            return False
        self._failing = False
        before, self._last = self._last, now
        if before is None:
            return False
        shown = {h.id: h.row_version for h in self.window.reader.highlights}
        if before.article_id != now.article_id:
            shown = dict(now.highlights)  # a new article was opened since: it is current
        noticed = watch.changed_since(before, now, shown)
        if not noticed:
            return False
        log.debug("others changed the library: %s", noticed)
        annotations = self.window.annotations
        if noticed.changes:
            annotations.annotator.apply(noticed.changes)
        if noticed.article_list:
            self.window.reload_list()
            self.window.update_count()
        if noticed.entities and self.window.entity_tab_visible():
            self.window.entities.apply(Changes())  # the list and the open entity
        return True
