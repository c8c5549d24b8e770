"""Find in article (Ctrl+F): every match marked, a count, next and previous (F3, Shift+F3).

It searches the article's text, not Qt's document, so matches are code-point spans that the
reader draws like everything else; case and accents are ignored, as in the library search.
"""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget


def _fold(text: str) -> tuple[str, list[int]]:
    """Text without case or accents, and for each folded character its original offset."""
    folded: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        for part in unicodedata.normalize("NFKD", ch.casefold()):
            if unicodedata.combining(part):
                continue
            folded.append(part)
            origin.append(i)
    origin.append(len(text))
    return "".join(folded), origin


def find_all(text: str, needle: str) -> list[tuple[int, int]]:
    """Spans of `text` (code points) matching `needle`, ignoring case and accents."""
    wanted, _ = _fold(needle.strip())
    if not wanted:
        return []
    haystack, origin = _fold(text)
    spans: list[tuple[int, int]] = []
    at = haystack.find(wanted)
    while at >= 0:
        start = origin[at]
        end = origin[at + len(wanted) - 1] + 1
        spans.append((start, end))
        at = haystack.find(wanted, at + max(1, len(wanted)))
    return spans


class FindBar(QWidget):
    """Signals: `matchesChanged(list, int)` with the spans and the current one's index (-1)."""

    matchesChanged = Signal(list, int)
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.field = QLineEdit()
        self.field.setPlaceholderText(self.tr("Find in article"))
        self.field.setAccessibleName(self.tr("Find in article"))
        self.field.setClearButtonEnabled(True)
        self.count = QLabel()
        self.count.setMinimumWidth(70)
        self.previous_button = QToolButton()
        self.previous_button.setText("↑")
        self.previous_button.setAccessibleName(self.tr("Previous match (Shift+F3)"))
        self.next_button = QToolButton()
        self.next_button.setText("↓")
        self.next_button.setAccessibleName(self.tr("Next match (F3)"))
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setAccessibleName(self.tr("Close find bar (Escape)"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        for widget in (
            self.field,
            self.count,
            self.previous_button,
            self.next_button,
            self.close_button,
        ):
            layout.addWidget(widget)
        layout.setStretch(0, 1)
        self.text = ""
        self.spans: list[tuple[int, int]] = []
        self.current = -1
        self.field.textChanged.connect(lambda _t: self.search())
        self.field.returnPressed.connect(self.next)
        self.next_button.clicked.connect(self.next)
        self.previous_button.clicked.connect(self.previous)
        self.close_button.clicked.connect(self.close_bar)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self.field, self.close_bar)
        self.hide()

    def open_bar(self) -> None:
        self.show()
        self.field.setFocus()
        self.field.selectAll()
        self.search()

    def close_bar(self) -> None:
        self.hide()
        self.spans, self.current = [], -1
        self.matchesChanged.emit([], -1)
        self.closed.emit()

    def set_text(self, text: str) -> None:
        """The open article changed: search its text instead."""
        self.text = text
        if self.isVisible():
            self.search()

    def search(self) -> None:
        self.spans = find_all(self.text, self.field.text()) if self.isVisible() else []
        self.current = 0 if self.spans else -1
        self._announce()

    def next(self) -> None:
        if self.spans:
            self.current = (self.current + 1) % len(self.spans)
            self._announce()

    def previous(self) -> None:
        if self.spans:
            self.current = (self.current - 1) % len(self.spans)
            self._announce()

    def _announce(self) -> None:
        if not self.field.text().strip():
            self.count.setText("")
        elif not self.spans:
            self.count.setText(self.tr("no matches"))
        else:
            self.count.setText(
                self.tr("{n} of {total}").format(n=self.current + 1, total=len(self.spans))
            )
        self.matchesChanged.emit(list(self.spans), self.current)
