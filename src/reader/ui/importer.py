"""Import from the window: file dialogs, the background task, and the summary afterwards.

Signals: `done(summary, level, has_details, first_new_article_id or -1)` when an import ends;
`busyChanged(bool)` as one starts and stops.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox

from reader.core.changes import Changes
from reader.services import articles as article_service
from reader.ui.tasks import ProgressPanel, Task

if TYPE_CHECKING:
    from reader.services.importing import ImportReport
    from reader.services.library import Library
    from reader.ui.main_window import MainWindow

# The import machinery (parsers, encodings) loads on the first import, not at start-up.


class ImportController(QObject):
    done = Signal(str, str, bool, int)
    busyChanged = Signal(bool)

    def __init__(self, library: Library, panel: ProgressPanel, window: MainWindow) -> None:
        super().__init__(window)
        self.library = library
        self.panel = panel
        self.window = window
        self.task: Task | None = None
        self.last_report: ImportReport | None = None
        self.done.connect(self._show_result)
        self.busyChanged.connect(self._on_busy)

    def choose_files(self) -> None:
        from reader.ingest.formats import SUPPORTED_SUFFIXES

        patterns = " ".join(f"*{suffix}" for suffix in sorted(SUPPORTED_SUFFIXES))
        files, _ = QFileDialog.getOpenFileNames(
            self.window,
            self.tr("Import Files"),
            "",
            self.tr("Articles ({patterns});;All files (*)").format(patterns=patterns),
        )
        if files:
            self.start(files)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self.window, self.tr("Import Folder"))
        if folder:
            self.start([folder])

    def start(self, paths: Sequence[str]) -> Task | None:
        """Imports in the background; returns the task (None if one is already running)."""
        if self.task is not None:
            return None
        from reader.services.importing import import_paths

        chosen = list(paths)
        task = Task(
            self.tr("Importing"),
            lambda progress, cancelled: import_paths(
                self.library, chosen, progress=progress, cancelled=cancelled
            ),
            self,
        )
        task.succeeded.connect(self._on_succeeded)
        task.failed.connect(self._on_failed)
        task.finished.connect(self._on_finished)
        self.task = task
        self.panel.follow(task)
        self.busyChanged.emit(True)
        task.start()
        return task

    def _on_finished(self) -> None:
        self.task = None
        self.busyChanged.emit(False)

    def _on_succeeded(self, report: object) -> None:
        from reader.services.importing import ImportReport, ImportStatus

        assert isinstance(report, ImportReport)
        self.last_report = report
        failed = report.failed
        first_new = next(
            (
                r.article_id
                for r in report.results
                if r.status is ImportStatus.IMPORTED and r.article_id is not None
            ),
            -1,
        )
        if failed:
            first = failed[0].message
            more = " " + self.tr("(and %n more)", None, len(failed) - 1) if len(failed) > 1 else ""
            summary = self.tr("Import: {summary}. {first}{more}").format(
                summary=report.summary(), first=first, more=more
            )
            self.done.emit(summary, "error", True, first_new)
        else:
            self.done.emit(
                self.tr("Import: {summary}.").format(summary=report.summary()),
                "info",
                True,
                first_new,
            )

    def _on_failed(self, message: str) -> None:
        self.last_report = None
        self.done.emit(
            self.tr("Import failed: {message}").format(message=message), "error", False, -1
        )

    def _on_busy(self, busy: bool) -> None:
        w = self.window
        w.actions_by_key["import_files"].setEnabled(not busy)
        w.actions_by_key["import_folder"].setEnabled(not busy)

    def _show_result(self, summary: str, level: str, has_details: bool, first_new: int) -> None:
        """Brings the window up to date after an import: the list, the open article (its text
        may have changed), the message bar."""
        w = self.window
        changes = self.last_report.changes if self.last_report else None
        open_id = w.reader.article.id if w.reader.article else None
        if changes is not None and changes.articles_added:
            w.model.reload()
        elif changes is not None:
            for article_id in changes.articles_changed:
                w.model.replace(article_service.get_summary(w.library, article_id))
        w.update_count()
        w.message_bar.show_message(summary, level, has_details)
        target = first_new if first_new >= 0 else open_id
        if target is not None:
            changed = changes is not None and target in changes.articles_changed
            w.open_article(target, reload=changed)  # new text, re-anchored highlights
        if changes is not None and changes.highlights_changed:
            w.annotations.annotator.apply(
                Changes(highlights_changed=changes.highlights_changed, tags_changed=True)
            )

    def show_details(self) -> None:
        report = self.last_report
        if report is None:
            return
        box = QMessageBox(self.window)
        box.setWindowTitle(self.tr("Import"))
        box.setText(report.summary())
        box.setDetailedText("\n".join(f"{r.status.value}: {r.message}" for r in report.results))
        box.setIcon(QMessageBox.Icon.Warning if report.failed else QMessageBox.Icon.Information)
        box.open()

    def shutdown(self) -> None:
        """Stops a running import before the window closes; what was imported stays."""
        if self.task is not None:
            self.task.wait()
