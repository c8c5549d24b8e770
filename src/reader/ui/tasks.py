"""Long work off the GUI thread, with progress and Cancel.

A `Task` runs a function on a worker thread. The function receives `progress(done, total,
label)` and `cancelled()`; it should check `cancelled()` between steps and stop cleanly.

Signals of `Task`: `progress(int, int, str)`, `succeeded(object)`, `failed(str)`, and
`finished()` after either.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from reader.core.errors import ReaderError

log = logging.getLogger(__name__)

Work = Callable[[Callable[[int, int, str], None], Callable[[], bool]], Any]


class _Worker(QObject):
    progress = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(str)

    def __init__(self, work: Work, stop: threading.Event) -> None:
        super().__init__()
        self._work = work
        self._stop = stop

    def run(self) -> None:
        try:
            result = self._work(self.progress.emit, self._stop.is_set)
        except ReaderError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # a bug: keep the window alive and tell the person
            log.exception("background task failed")
            self.failed.emit(self.tr("unexpected error: {error}").format(error=exc))
        else:
            self.succeeded.emit(result)


class Task(QObject):
    progress = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(str)
    finished = Signal()

    def __init__(self, title: str, work: Work, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self._stop = threading.Event()
        self._thread = QThread()
        self._worker = _Worker(work, self._stop)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progress.connect(self.progress)
        self._worker.succeeded.connect(self._on_succeeded)
        self._worker.failed.connect(self._on_failed)

    def start(self) -> None:
        self._thread.start()

    def cancel(self) -> None:
        self._stop.set()

    @property
    def cancel_requested(self) -> bool:
        return self._stop.is_set()

    def _finish(self) -> None:
        self._thread.quit()
        self._thread.wait()
        self.finished.emit()

    def _on_succeeded(self, result: object) -> None:
        self._finish()
        self.succeeded.emit(result)

    def _on_failed(self, message: str) -> None:
        self._finish()
        self.failed.emit(message)

    def wait(self) -> None:
        """Blocks until the work ends (used when the window closes mid-task)."""
        self._stop.set()
        self._thread.quit()
        self._thread.wait()


class ProgressPanel(QWidget):
    """Shown in the status bar while a task runs: what, how far, and Cancel."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setAccessibleName(self.tr("Progress"))
        self.bar.setFixedWidth(180)
        self.bar.setTextVisible(True)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setAccessibleName(self.tr("Cancel the running task"))
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self._task: Task | None = None
        self.cancel_button.clicked.connect(self._cancel)
        self.hide()

    def follow(self, task: Task) -> None:
        self._task = task
        self.label.setText(task.title)
        self.bar.setRange(0, 0)  # busy until the first report
        self.cancel_button.setEnabled(True)
        task.progress.connect(self._on_progress)
        task.finished.connect(self._on_finished)
        self.show()

    def _on_progress(self, done: int, total: int, label: str) -> None:
        self.bar.setRange(0, max(1, total))
        self.bar.setValue(done)
        self.bar.setFormat(f"{done:,} / {total:,}")
        name = label.rsplit("/", 1)[-1]
        self.label.setText(f"{self._task.title if self._task else ''} {name}".strip())

    def _cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self.cancel_button.setEnabled(False)
            self.label.setText(self.tr("Cancelling…"))

    def _on_finished(self) -> None:
        self._task = None
        self.hide()
