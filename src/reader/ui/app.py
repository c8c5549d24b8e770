"""The one wiring point: settings, library, theme and window are made here and passed in."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMessageLogContext, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from reader import paths
from reader.core.errors import ReaderError
from reader.paths import APP_ID
from reader.resources import resource
from reader.services.library import Library, open_library
from reader.settings import Settings, SettingsStore, Theme
from reader.ui import i18n
from reader.ui import theme as themes
from reader.ui.main_window import MainWindow

_STARTED = time.perf_counter()


# Platform chatter that says nothing a person can act on.
_QUIET_MESSAGES = (
    "This plugin does not support propagateSizeHints",
    "This plugin does not support raise",
)
_previous_handler: Any = None


def _filter_messages(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    if message.startswith(_QUIET_MESSAGES):
        return
    if _previous_handler is not None:
        _previous_handler(kind, context, message)
    else:
        sys.stderr.write(message + "\n")


def application() -> QApplication:
    global _previous_handler
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    _previous_handler = qInstallMessageHandler(_filter_messages)
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Reader")
    app.setApplicationDisplayName("Reader")
    app.setDesktopFileName(APP_ID)
    icon = resource("icons", f"{APP_ID}.svg")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def _peak_rss_kb() -> int:
    """This process's peak resident memory. VmHWM, not getrusage: on Linux ru_maxrss survives
    exec, so a child of a large process (the benchmark) would report its parent's peak."""
    try:
        with Path("/proc/self/status").open(encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource as rusage  # POSIX

    return int(rusage.getrusage(rusage.RUSAGE_SELF).ru_maxrss)


def settings_store() -> SettingsStore:
    return SettingsStore(paths.config_dir() / "settings.json")


def build_window(
    library: Library,
    settings: Settings,
    store: SettingsStore | None,
    *,
    first_run: bool = False,
) -> MainWindow:
    app = application()
    i18n.install(app)
    themes.apply(app, settings.theme)
    return MainWindow(library, settings, store, first_run=first_run)


def run_window(
    db_url: str | None = None, data_dir: str | None = None, files: Sequence[str] = ()
) -> int:
    """Opens the window; `files` are imported as it opens (the first new one is shown)."""
    app = application()
    store = settings_store()
    first_run = not store.path.exists()  # nothing saved yet: greet instead of opening
    settings = store.load()
    library = open_library(
        db_url,
        data_dir,
        lazily=True,
        author=settings.author or None,
        preferred=settings.library or None,
    )
    window: MainWindow | None = None
    try:
        window = build_window(library, settings, store, first_run=first_run)
        if library.notice:
            notice = library.notice[:1].upper() + library.notice[1:]
            window.message_bar.show_message(notice, "error")
        if os.environ.get("READER_QUIT_WHEN_READY") == "1":
            # For the start-up benchmark: report once the filled window is up, then leave.
            def ready() -> None:
                elapsed = (time.perf_counter() - _STARTED) * 1000
                peak = _peak_rss_kb()
                print(f"READY {elapsed:.1f} {peak}", flush=True)
                window.store = None  # a benchmark run leaves the person's settings alone
                window.close()

            # Queued before show() queues the reopening of the last article, so this fires
            # once the window is up with its list filled.
            QTimer.singleShot(0, ready)
        window.show()
        if files:
            QTimer.singleShot(0, lambda: window.importer.start(list(files)))
        return app.exec()
    finally:
        library.close()
        if window is not None and window.library is not library:
            window.library.close()  # the one chosen in Preferences since


def screenshot(
    file: Path,
    *,
    db_url: str | None = None,
    data_dir: str | None = None,
    article_id: int | None = None,
    size: tuple[int, int] = (1400, 900),
    theme: Theme | None = None,
) -> None:
    """Renders the main window, with an article open, into a PNG file."""
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = application()
    settings = settings_store().load()
    preferred = settings.library or None
    if theme is not None:
        settings = Settings(
            theme=theme, font_size=settings.font_size, font_family=settings.font_family
        )
    else:
        settings = Settings(
            theme=settings.theme, font_size=settings.font_size, font_family=settings.font_family
        )
    library = open_library(db_url, data_dir, preferred=preferred)
    try:
        window = build_window(library, settings, None)
        window.resize(*size)
        window.show()
        if article_id is not None and not window.open_article(article_id):
            raise ReaderError(f"no article with id {article_id}")
        window.restore_article()
        app.processEvents()
        image = window.grab()
        file.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(file), "PNG"):
            raise ReaderError(f"{file}: cannot write the PNG file")
        window.close()
    finally:
        library.close()
