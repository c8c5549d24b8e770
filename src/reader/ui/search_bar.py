"""The search field above the article list: live, debounced, and honest about bad queries.

Signals: `queryChanged(str)` once typing pauses with a valid query ("" when cleared),
`activated()` when Enter is pressed, `saveRequested(str)` for "Save search…".
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QToolButton, QWidget

DEBOUNCE_MS = 250


class _Field(QLineEdit):
    """Down arrow moves into the results, as in a browser's address bar."""

    downPressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.downPressed.emit()
            return
        super().keyPressEvent(event)


class SearchBar(QWidget):
    queryChanged = Signal(str)
    activated = Signal()
    saveRequested = Signal(str)

    def __init__(self, check: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._check = check
        self.field = _Field()
        self.field.setObjectName("searchField")
        self.field.setPlaceholderText(self.tr("Search (Ctrl+K)"))
        self.field.setAccessibleName(self.tr("Search articles, highlights, notes and entities"))
        self.field.setClearButtonEnabled(True)
        self.field.setToolTip(
            self.tr(
                'Words, "exact phrases", OR, -exclude, prefix*, and tag:, entity:, label:, '
                "kind:, source:, after:, before:, is:unread, has:highlights, status:orphan"
            )
        )
        self.save_button = QToolButton()
        self.save_button.setText(self.tr("Save…"))
        self.save_button.setAccessibleName(self.tr("Save this search as a smart folder"))
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(lambda: self.saveRequested.emit(self.query()))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.save_button)
        self.error = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._settle)
        self.field.textChanged.connect(lambda _text: self._timer.start())
        self.field.returnPressed.connect(self._enter)
        self._last = ""

    def query(self) -> str:
        return self.field.text().strip()

    def set_query(self, text: str) -> None:
        """Shows a query (a smart folder's) and applies it at once."""
        self.field.setText(text)
        self._settle()

    def _settle(self) -> None:
        self._timer.stop()
        query = self.query()
        try:
            if query:
                self._check(query)
        except Exception as exc:  # a QueryError: shown, not raised
            self.error = str(exc)
            self.field.setProperty("invalid", True)
            self.field.setToolTip(self.error)
            self.save_button.setEnabled(False)
            self.field.style().unpolish(self.field)
            self.field.style().polish(self.field)
            return
        self.error = ""
        self.field.setProperty("invalid", False)
        self.field.style().unpolish(self.field)
        self.field.style().polish(self.field)
        self.save_button.setEnabled(bool(query))
        if query != self._last:
            self._last = query
            self.queryChanged.emit(query)

    def _enter(self) -> None:
        self._settle()
        if not self.error and self.query():
            self.activated.emit()
