"""Getting briefs out of the window: File → Export Brief… and Copy as Markdown."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QGuiApplication

from reader.core.errors import ReaderError
from reader.services import entities as entity_service
from reader.services import tags as tag_service

# The export machinery (templates, Markdown, HTML) loads when a brief is first made, not when
# the window starts.

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow


class ExportUI(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def handlers(self) -> dict[str, Callable[[], object]]:
        return {"export": self.export_brief, "copy_markdown": self.copy_markdown}

    def export_brief(self) -> None:
        from reader.ui.export_dialog import ExportDialog

        window = self.window
        article = window.reader.article
        try:
            entity_names = [e.name for e in entity_service.list_entities(window.library)]
            tag_names = tag_service.tag_names(window.library)
        except ReaderError as exc:
            window.message_bar.show_message(str(exc), "error")
            return
        dialog = ExportDialog(
            window.library,
            window.settings.palette,
            window.settings.export,
            article_id=article.id if article else None,
            entity_names=entity_names,
            tag_names=tag_names,
            parent=window,
        )
        accepted = dialog.exec()
        window.update_settings(
            replace(window.settings, export=dialog.choices(window.settings.export))
        )
        if accepted and dialog.saved_to is not None:
            window.message_bar.show_message(
                self.tr("Brief saved to {path}").format(path=dialog.saved_to)
            )

    def copy_markdown(self) -> None:
        """Copies the selected highlights (or the one under focus) as Markdown quotes."""
        from reader.services import export as export_service

        window = self.window
        chosen = [h.id for h in window.sidebar.selected_highlights()]
        if not chosen:
            window.message_bar.show_message(
                self.tr("Select one or more highlights in the sidebar first."), "error"
            )
            return
        try:
            text = export_service.highlights_markdown(
                window.library, chosen, palette=window.settings.palette
            )
        except ReaderError as exc:
            window.message_bar.show_message(str(exc), "error")
            return
        QGuiApplication.clipboard().setText(text)
        count = len(chosen)
        window.statusBar().showMessage(
            self.tr("Copied %n highlight(s) as Markdown", None, count),
            4000,
        )
