"""Needs review: highlights whose text changed under them, the old quote beside the candidate
in the new text, to accept, re-attach to a new selection, or delete.

Signals: `openRequested(int article_id, int highlight_id)`, `acceptRequested(int)`,
`reattachRequested(int)`, `deleteRequested(int)`.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from reader.services.review import ReviewItem


class ReviewDialog(QDialog):
    openRequested = Signal(int, int)
    acceptRequested = Signal(int)
    reattachRequested = Signal(int)
    deleteRequested = Signal(int)

    def __init__(self, load: Callable[[], list[ReviewItem]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Needs Review"))
        self.resize(720, 460)
        self._load = load
        self._items: list[ReviewItem] = []
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Highlights needing review"))
        self.list.currentRowChanged.connect(lambda _row: self._show())
        self.intro = QLabel(
            self.tr(
                "These highlights could not be placed exactly after their article's text "
                "changed. Nothing has been deleted."
            )
        )
        self.intro.setWordWrap(True)

        detail = QWidget()
        grid = QGridLayout(detail)
        self.status = QLabel()
        self.old = QLabel()
        self.new = QLabel()
        for label in (self.old, self.new):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        grid.addWidget(self.status, 0, 0, 1, 2)
        grid.addWidget(QLabel(self.tr("Was:")), 1, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.old, 1, 1)
        grid.addWidget(QLabel(self.tr("Now:")), 2, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.new, 2, 1)
        grid.setRowStretch(3, 1)
        grid.setColumnStretch(1, 1)

        self.open_button = QPushButton(self.tr("Open Article"))
        self.accept_button = QPushButton(self.tr("Accept New Place"))
        self.reattach_button = QPushButton(self.tr("Re-attach to Selection"))
        self.reattach_button.setToolTip(
            self.tr("Select the right words in the open article, then press this.")
        )
        self.delete_button = QPushButton(self.tr("Delete Highlight"))
        self.open_button.clicked.connect(self._open)
        self.accept_button.clicked.connect(lambda: self._emit(self.acceptRequested))
        self.reattach_button.clicked.connect(lambda: self._emit(self.reattachRequested))
        self.delete_button.clicked.connect(lambda: self._emit(self.deleteRequested))
        buttons = QHBoxLayout()
        for button in (
            self.open_button,
            self.accept_button,
            self.reattach_button,
            self.delete_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)

        splitter = QSplitter()
        splitter.addWidget(self.list)
        splitter.addWidget(detail)
        splitter.setSizes([260, 460])
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.reload()

    def reload(self) -> None:
        chosen = self.current()
        self._items = self._load()
        self.list.blockSignals(True)
        self.list.clear()
        for item in self._items:
            h = item.highlight
            entry = QListWidgetItem(f"{item.article_title}\n“{_short(h.exact)}”")
            entry.setToolTip(h.exact)
            self.list.addItem(entry)
        self.list.blockSignals(False)
        row = next(
            (
                i
                for i, item in enumerate(self._items)
                if chosen and item.highlight.id == chosen.highlight.id
            ),
            0,
        )
        if self._items:
            self.list.setCurrentRow(row)
        self._show()

    def current(self) -> ReviewItem | None:
        row = self.list.currentRow()
        return self._items[row] if 0 <= row < len(self._items) else None

    def _show(self) -> None:
        item = self.current()
        for button in (self.open_button, self.reattach_button, self.delete_button):
            button.setEnabled(item is not None)
        if item is None:
            self.status.setText(self.tr("Nothing needs review."))
            self.old.setText("")
            self.new.setText("")
            self.accept_button.setEnabled(False)
            return
        h = item.highlight
        if h.status.value == "fuzzy":
            self.status.setText(
                self.tr("Placed approximately (match {score:.0%}).").format(score=h.score)
            )
        else:
            self.status.setText(self.tr("No good place found in the new text: an orphan."))
        self.old.setText(
            f"…{escape(h.prefix[-40:])}<b>{escape(h.exact)}</b>{escape(h.suffix[:40])}…"
        )
        self.new.setText(escape(item.candidate) if item.candidate else self.tr("(nothing found)"))
        self.accept_button.setEnabled(item.candidate is not None)

    def _open(self) -> None:
        item = self.current()
        if item is not None:
            self.openRequested.emit(item.highlight.article_id, item.highlight.id)

    def _emit(self, signal: object) -> None:
        item = self.current()
        if item is not None:
            signal.emit(item.highlight.id)  # type: ignore[attr-defined]


def _short(text: str, length: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"
