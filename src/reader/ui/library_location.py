"""Preferences → Library: where the library lives, and switching the window to another one.

Switching opens the library at the chosen place, or a new, empty one there (the dialog says so
before OK is pressed); nothing is moved or copied, and the library left behind is closed as
it was. The window is not rebuilt: it drops what belonged to the old library (the open
article, undo history, search, filter) and shows the new one's articles.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.errors import ReaderError
from reader.services.library_location import (
    LibraryLocation,
    check_location,
    default_file,
    library_file,
    open_location,
)
from reader.settings import Settings

if TYPE_CHECKING:
    from reader.services.library import Library
    from reader.ui.main_window import MainWindow
    from reader.ui.preferences import PreferencesDialog


class LibraryBox(QGroupBox):
    """The library's place: a file or folder, Choose… and Default, and a line saying what OK
    will do with it (open the library there, make a new empty one, or why it cannot)."""

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Library"), parent)
        self.current = library.location
        self._location: LibraryLocation | None = None
        self.error = ""
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.path = QLineEdit(self.current)
        self.path.setAccessibleName(self.tr("Library file or folder"))
        self.path.setToolTip(
            self.tr("A library file, or a folder to keep library.sqlite3 in; nothing is moved")
        )
        self.choose_button = QPushButton(self.tr("Choose…"))
        self.choose_button.setAccessibleName(self.tr("Choose the library file"))
        self.choose_button.clicked.connect(self._choose)
        self.default_button = QPushButton(self.tr("Default"))
        self.default_button.setAccessibleName(self.tr("Use the library in the data folder"))
        self.default_button.clicked.connect(lambda: self.path.setText(str(default_file())))
        row.addWidget(self.path, 1)
        row.addWidget(self.choose_button)
        row.addWidget(self.default_button)
        layout.addLayout(row)
        self.status = QLabel()
        self.status.setObjectName("libraryStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        if library.named_by:
            for widget in (self.path, self.choose_button, self.default_button):
                widget.setEnabled(False)
            self.status.setText(
                self.tr("Chosen by {what} for this session; Preferences cannot change it.").format(
                    what=library.named_by
                )
            )
        else:
            self.path.textChanged.connect(self._check)
            self._check()

    def _choose(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Library"),
            self.path.text(),
            self.tr("Reader libraries (*.sqlite3);;All files (*)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if chosen:
            self.path.setText(chosen)

    def _is_current(self, text: str) -> bool:
        if text.strip() == self.current:
            return True
        try:
            return str(library_file(text)) == self.current
        except ReaderError:
            return False

    def _check(self) -> None:
        text = self.path.text()
        self._location = None
        self.error = ""
        if self._is_current(text):
            self.status.setText(self.tr("The library open now."))
            return
        try:
            location = check_location(text)
        except ReaderError as exc:
            self.error = str(exc)
            self.status.setText(self.error)
            return
        self._location = location
        if location.exists:
            self.status.setText(
                self.tr(
                    "OK opens the library {file} (articles in it: {count}); the one open now "
                    "stays as it is."
                ).format(file=location.file, count=f"{location.articles:,}")
            )
        else:
            self.status.setText(
                self.tr(
                    "There is no library here yet: OK creates a new, empty library at {file}. "
                    "Nothing is moved or copied into it."
                ).format(file=location.file)
            )

    def chosen(self) -> LibraryLocation | None:
        """The library to switch to, or None to stay with the one open now."""
        return self._location


def chosen_settings(window: MainWindow, dialog: PreferencesDialog) -> Settings:
    """What the accepted dialog chose, after switching the window to the library it names;
    if the switch fails, the library choice is left as it was (the reason is shown)."""
    chosen = dialog.result_settings()
    box = dialog.library_box
    location = box.chosen() if box is not None else None
    if location is None:
        return chosen
    if not switch_library(window, location):
        return replace(chosen, library=window.settings.library)
    remembered = "" if location.file == default_file() else str(location.file)
    return replace(chosen, library=remembered)


def switch_library(window: MainWindow, location: LibraryLocation) -> bool:
    """Shows the library at `location` in the window in place of the open one."""
    if window.importer.task is not None:
        window.message_bar.show_message(
            QCoreApplication.translate(
                "LibrarySwitch", "Wait for the import to finish before switching libraries."
            ),
            "error",
        )
        return False
    try:
        library = open_location(location, author=window.library.author)
    except ReaderError as exc:
        window.message_bar.show_message(str(exc), "error")
        return False
    old = window.library
    annotations = window.annotations
    annotations.annotator.show_article(None)
    annotations.stack.clear()  # its commands belong to the old library
    window.library = library
    annotations.annotator.library = library
    window.importer.library = library
    window.search.bar.set_query("")
    window.search.refresh()
    annotations.filter.setCurrentIndex(0)
    window.entities.panel.show_list()
    window.reload_list()
    window.update_count()
    annotations.load_from_library()
    window.entities.reload()
    for dialog in (annotations.tag_manager, annotations.review):
        if dialog is not None and dialog.isVisible():
            dialog.reload()
    window.first_run = False
    window.restore_article()
    old.close()
    if location.exists:
        message = QCoreApplication.translate("LibrarySwitch", "Opened the library {file}.")
    else:
        message = QCoreApplication.translate(
            "LibrarySwitch", "Created a new, empty library at {file}."
        )
    window.message_bar.show_message(message.format(file=location.file))
    return True
