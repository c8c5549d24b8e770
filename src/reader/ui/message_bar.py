"""A dismissible bar above the reader for results and errors, instead of modal pop-ups.

Signals: `detailsRequested()` when the person asks for the full list behind a summary.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget


class MessageBar(QFrame):
    detailsRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.setAccessibleName(self.tr("Messages"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 6, 6)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.details = QPushButton(self.tr("Details…"))
        self.details.setAccessibleName(self.tr("Show details"))
        self.details.clicked.connect(self.detailsRequested)
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setAccessibleName(self.tr("Dismiss message"))
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.hide)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.details)
        layout.addWidget(self.close_button)
        self.level = "info"
        self.hide()

    def show_message(self, text: str, level: str = "info", details: bool = False) -> None:
        """level: 'info' or 'error' (drawn in the error colours by the stylesheet)."""
        self.level = level
        self.setProperty("level", level)
        self.style().unpolish(self)
        self.style().polish(self)
        self.label.setText(text)
        self.details.setVisible(details)
        self.show()
