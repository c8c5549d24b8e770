"""A highlight's note: Markdown shown rendered, edited in place.

Signals: `noteCommitted(str)` when an edit is saved (Ctrl+Return or Save); Escape cancels.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QMouseEvent, QPalette, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)


class _RenderedNote(QTextBrowser):
    """Shows the note; nothing it mentions is fetched, no link is followed."""

    def __init__(self, on_edit: Any) -> None:
        super().__init__()
        self._on_edit = on_edit
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setFrameShape(QTextBrowser.Shape.NoFrame)

    def loadResource(self, kind: int, url: QUrl | str) -> Any:
        return None

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self._on_edit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2):
            self._on_edit()
            return
        super().keyPressEvent(event)


class NoteEditor(QStackedWidget):
    noteCommitted = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._note = ""
        self.rendered = _RenderedNote(self.start_editing)
        self.rendered.setAccessibleName(self.tr("Note (press Enter to edit)"))
        self.add_button = QPushButton(self.tr("Add a note…"))
        self.add_button.setAccessibleName(self.tr("Add a note"))
        self.add_button.clicked.connect(self.start_editing)
        show_page = QWidget()
        show_layout = QVBoxLayout(show_page)
        show_layout.setContentsMargins(0, 0, 0, 0)
        show_layout.addWidget(self.rendered)
        show_layout.addWidget(self.add_button)
        self.edit_button = QPushButton(self.tr("Edit note"))
        self.edit_button.clicked.connect(self.start_editing)
        show_layout.addWidget(self.edit_button)

        # Shown when someone else saved this note while it was being edited here.
        self.conflict = QLabel()
        self.conflict.setObjectName("noteConflict")
        self.conflict.setWordWrap(True)
        self.conflict.setTextFormat(Qt.TextFormat.PlainText)
        self.conflict.setFrameShape(QLabel.Shape.StyledPanel)
        self.conflict.setMargin(6)
        self.conflict.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.conflict.setAutoFillBackground(True)
        self.conflict.setAccessibleName(self.tr("Someone else changed this note"))
        self.conflict.hide()
        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName(self.tr("Note text, Markdown"))
        self.editor.setPlaceholderText(self.tr("Write a note in Markdown. Ctrl+Return saves."))
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.save_button.clicked.connect(self.commit)
        self.cancel_button.clicked.connect(self.cancel)
        edit_page = QWidget()
        edit_layout = QVBoxLayout(edit_page)
        edit_layout.setContentsMargins(0, 0, 0, 0)
        edit_layout.addWidget(self.conflict)
        edit_layout.addWidget(self.editor)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        edit_layout.addLayout(buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self.editor, self.commit)
        QShortcut(QKeySequence("Escape"), self.editor, self.cancel)

        self.addWidget(show_page)
        self.addWidget(edit_page)
        self.set_note("")

    @property
    def editing(self) -> bool:
        return self.currentIndex() == 1

    def set_note(self, note: str) -> None:
        self._note = note
        self.rendered.document().setMarkdown(note)
        self.rendered.setVisible(bool(note.strip()))
        self.edit_button.setVisible(bool(note.strip()))
        self.add_button.setVisible(not note.strip())
        self.setCurrentIndex(0)

    def show_conflict(self, by: str, at: str, theirs: str, yours: str) -> None:
        """Someone else saved this note first: their text becomes the one shown and saved
        over, and the editor stays open with this person's text, so nothing is lost."""
        self.set_note(theirs)
        self.conflict.setText(
            self.tr(
                "{who} changed this note at {at}. Theirs now reads:\n{theirs}\n\n"
                "Your text is below: Save replaces theirs with it, Cancel keeps theirs."
            ).format(who=by or self.tr("Someone else"), at=at, theirs=theirs.strip() or "—")
        )
        self.conflict.show()
        self.setCurrentIndex(1)
        self.editor.setPlainText(yours)
        self.editor.setFocus()

    def start_editing(self) -> None:
        self.conflict.hide()
        self.editor.setPlainText(self._note)
        self.setCurrentIndex(1)
        self.editor.setFocus()
        cursor = self.editor.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        self.editor.setTextCursor(cursor)

    def commit(self) -> None:
        text = self.editor.toPlainText().rstrip()
        self.conflict.hide()
        self.setCurrentIndex(0)
        if text != self._note:
            self.noteCommitted.emit(text)

    def cancel(self) -> None:
        self.conflict.hide()
        self.setCurrentIndex(0)
