"""Fixtures for window tests: a real main window over a real library in a temporary folder."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reader.services.library import Library, open_library
from reader.settings import SettingsStore
from reader.ui.app import build_window
from reader.ui.main_window import MainWindow

WindowFactory = Callable[..., MainWindow]


@pytest.fixture
def settings_store(tmp_path: Path) -> SettingsStore:
    return SettingsStore(tmp_path / "config" / "settings.json")


@pytest.fixture
def make_window(
    qtbot: QtBot, library: Library, settings_store: SettingsStore
) -> Iterator[WindowFactory]:
    """Builds a shown main window; each call reads the settings saved by the previous one."""
    made: list[MainWindow] = []

    def make(lib: Library | None = None) -> MainWindow:
        settings = settings_store.load()
        window = build_window(lib or library, settings, settings_store)
        qtbot.addWidget(window)
        if not settings.window.geometry:
            window.resize(1200, 800)
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: window.restore_done)
        made.append(window)
        return window

    yield make
    for window in made:
        window.importer.shutdown()


@pytest.fixture
def window(make_window: WindowFactory) -> MainWindow:
    return make_window()


@pytest.fixture
def library_of(tmp_path: Path) -> Iterator[Callable[[dict[str, str]], Library]]:
    """A library made from the given files (name -> text), without the samples."""
    opened: list[Library] = []

    def make(files: dict[str, str]) -> Library:
        folder = tmp_path / f"articles-{len(opened)}"
        folder.mkdir()
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
        lib = open_library(data_dir=tmp_path / f"lib-{len(opened)}", with_samples=False)
        from reader.services.importing import import_paths

        report = import_paths(lib, [folder])
        assert not report.failed, report.failed
        opened.append(lib)
        return lib

    yield make
    for lib in opened:
        lib.close()
