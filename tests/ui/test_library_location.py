"""Preferences → Library: switching the window to another library, made or found there, with
the old one left as it was and the choice remembered."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from reader.services import articles as article_service
from reader.services.library import Library, open_library
from reader.settings import SettingsStore
from reader.ui.main_window import MainWindow
from reader.ui.preferences import PreferencesDialog
from tests.ui.conftest import WindowFactory

SAMPLE_TITLES = {
    "NATO and Russia Revive Relations",
    "Analysts Anticipate Thaw Between NATO, Russia",
}
HARBOUR = (
    "Harbour plan approved\n\nBy Jane Doe\n\n"
    "The city council approved the harbour plan on Tuesday after a long debate about costs.\n\n"
    "Work is due to begin next spring, the mayor said.\n"
)


def _titles(window: MainWindow) -> set[str]:
    rows = range(window.model.rowCount())
    return {summary.title for row in rows if (summary := window.model.summary(row)) is not None}


def _stored_titles(file: Path) -> set[str]:
    """The articles in a library file, read by opening it afresh."""
    lib = open_library(f"sqlite:///{file}", with_samples=False)
    try:
        return {item.title for item in article_service.list_page(lib, None, 100).items}
    finally:
        lib.close()


@pytest.fixture
def home(isolated_dirs: Path) -> Iterator[Library]:
    """The library in the data folder, as a first start makes it (with the samples), opened
    the way the window opens it: nothing on the command line names it."""
    lib = open_library()
    yield lib
    lib.close()


def _with_modal(act: Callable[[], None], then: Callable[[QWidget], None]) -> None:
    """Runs `act`, which opens a modal dialog, and `then` on the dialog once it is up; the
    dialog is closed whatever `then` finds, so a failing check cannot leave the test waiting."""
    failures: list[BaseException] = []

    def drive() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, drive)
            return
        try:
            then(dialog)
        except BaseException as exc:
            failures.append(exc)
        finally:
            if dialog.isVisible():
                dialog.close()

    QTimer.singleShot(0, drive)
    act()
    if failures:
        raise failures[0]


def _choose_library(qtbot: QtBot, window: MainWindow, place: Path) -> list[str]:
    """Edit → Preferences…, type `place` as the library, read what the dialog says, press OK."""
    said: list[str] = []

    def fill_in(dialog: QWidget) -> None:
        assert isinstance(dialog, PreferencesDialog)
        box = dialog.library_box
        assert box is not None
        box.path.setText(str(place))
        said.append(box.status.text())
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    _with_modal(window.actions_by_key["preferences"].trigger, fill_in)
    return said


def _about_text(qtbot: QtBot, window: MainWindow) -> str:
    shown: list[str] = []

    def read(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        shown.append(dialog.text())

    _with_modal(window.actions_by_key["about"].trigger, read)
    return shown[0]


def test_switching_shows_the_other_librarys_articles_and_leaves_the_old_one_as_it_was(
    qtbot: QtBot,
    make_window: WindowFactory,
    home: Library,
    library_of: Callable[[dict[str, str]], Library],
    settings_store: SettingsStore,
) -> None:
    other = library_of({"harbour.txt": HARBOUR})
    other_file = Path(other.location)
    other.close()
    home_file = Path(home.location)
    window = make_window(home)
    assert _titles(window) == SAMPLE_TITLES

    said = _choose_library(qtbot, window, other_file)

    assert said == [
        f"OK opens the library {other_file} (articles in it: 1); the one open now stays as it is."
    ]
    assert _titles(window) == {"Harbour plan approved"}
    assert window.current_article() is not None
    assert window.current_article().title == "Harbour plan approved"  # type: ignore[union-attr]
    assert window.count_label.text() == "1 article"
    assert f"Opened the library {other_file}." in window.message_bar.label.text()
    about = _about_text(qtbot, window)
    assert f"Library: {other_file}" in about
    assert "EbookLib (AGPL-3.0)" in about
    assert "may be passed on only under the AGPL-3.0" in about
    assert settings_store.load().library == str(other_file)
    assert not window.actions_by_key["undo"].isEnabled()
    # The old library is where it was, with what it had; nothing was copied into the new one.
    assert _stored_titles(home_file) == SAMPLE_TITLES
    assert _stored_titles(other_file) == {"Harbour plan approved"}


def test_a_place_without_a_library_gets_a_new_empty_one_after_saying_so(
    qtbot: QtBot,
    make_window: WindowFactory,
    home: Library,
    settings_store: SettingsStore,
    tmp_path: Path,
) -> None:
    window = make_window(home)
    place = tmp_path / "Team notes"
    assert not place.exists()

    said = _choose_library(qtbot, window, place)

    new_file = place / "library.sqlite3"
    assert said == [
        f"There is no library here yet: OK creates a new, empty library at {new_file}. "
        "Nothing is moved or copied into it."
    ]
    assert new_file.is_file()
    assert _titles(window) == set()
    assert window.count_label.text() == "0 articles"
    assert settings_store.load().library == str(new_file)
    assert _stored_titles(Path(home.location)) == SAMPLE_TITLES

    # Back to the default library with the Default button: remembered as "the default".
    def back(dialog: QWidget) -> None:
        assert isinstance(dialog, PreferencesDialog)
        assert dialog.library_box is not None
        dialog.library_box.default_button.click()
        dialog.accept()

    _with_modal(window.actions_by_key["preferences"].trigger, back)
    assert _titles(window) == SAMPLE_TITLES
    assert settings_store.load().library == ""


def test_a_file_that_is_not_a_library_is_refused_with_a_reason(
    qtbot: QtBot, make_window: WindowFactory, home: Library, tmp_path: Path
) -> None:
    window = make_window(home)
    notes = tmp_path / "notes.txt"
    notes.write_text("shopping list\n", encoding="utf-8")
    dialog = PreferencesDialog(window.settings, window, library=window.library)
    qtbot.addWidget(dialog)
    dialog.show()
    box = dialog.library_box
    assert box is not None
    box.path.setText(str(notes))
    assert box.status.text() == f"{notes}: not a Reader library (not an SQLite database)"
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible()  # OK is refused until the place is fixed
    box.path.setText("relative/place")
    assert box.status.text() == "relative/place: give the full path of a folder or file"
    assert notes.read_text(encoding="utf-8") == "shopping list\n"
    dialog.reject()
    assert window.library is home


def test_a_library_named_on_the_command_line_cannot_be_switched(
    qtbot: QtBot, window: MainWindow
) -> None:
    dialog = PreferencesDialog(window.settings, window, library=window.library)
    qtbot.addWidget(dialog)
    box = dialog.library_box
    assert box is not None
    assert not box.path.isEnabled()
    assert box.status.text() == (
        "Chosen by --data-dir for this session; Preferences cannot change it."
    )
    assert box.chosen() is None
