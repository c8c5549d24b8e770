"""The window's annotation controls: undo and redo, the six colour actions and their toolbar,
the reader's context menu, the tag manager, the review queue, preferences and the list filter.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSize, Qt
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QMenu, QToolBar

from reader.core.changes import Changes
from reader.core.errors import ReaderError
from reader.services import review, tags
from reader.settings import Settings
from reader.ui.actions import translate_action
from reader.ui.annotator import Annotator
from reader.ui.list_filter import ListFilter
from reader.ui.sidebar import swatch

# The dialogs (review, tags, preferences) are imported when first opened: the window starts
# without them.

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow
    from reader.ui.review_dialog import ReviewDialog
    from reader.ui.tag_manager import TagManager


class AnnotationUI(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.stack = QUndoStack(self)
        self.annotator = Annotator(
            window.library,
            self.stack,
            window.reader,
            window.sidebar,
            window.model,
            lambda: self.window.settings.palette,
            lambda message: window.message_bar.show_message(message, "error"),
            self,
        )
        self.annotator.changed.connect(self._on_changed)
        self.filter = ListFilter()
        self.tag_manager: TagManager | None = None
        self.review: ReviewDialog | None = None
        self.toolbar = QToolBar(self.tr("Highlight"))
        self.toolbar.setObjectName("highlightToolbar")
        self.toolbar.setIconSize(QSize(18, 18))
        self.toolbar.setMovable(False)
        # The colours carry meanings; show them, not just swatches.
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        window.reader.menu_builder = self._context_menu

    def handlers(self) -> dict[str, Callable[[], object]]:
        found: dict[str, Callable[[], object]] = {
            "undo": self.stack.undo,
            "redo": self.stack.redo,
            "delete_highlight": self._delete_selected,
            "tags": self.show_tag_manager,
            "review": self.show_review,
            "preferences": self.show_preferences,
        }
        for number in range(1, 7):
            found[f"highlight_{number}"] = partial(self.highlight, number)
        return found

    def install(self, actions: dict[str, QAction]) -> None:
        """Connects the built actions: undo texts, colour names and icons, the toolbar."""
        self.actions = actions
        undo, redo = actions["undo"], actions["redo"]
        undo.setEnabled(False)
        redo.setEnabled(False)
        self.stack.canUndoChanged.connect(undo.setEnabled)
        self.stack.canRedoChanged.connect(redo.setEnabled)
        self.stack.undoTextChanged.connect(
            lambda text: undo.setText(
                self.tr("&Undo {what}").format(what=text) if text else self.tr("&Undo")
            )
        )
        self.stack.redoTextChanged.connect(
            lambda text: redo.setText(
                self.tr("&Redo {what}").format(what=text) if text else self.tr("&Redo")
            )
        )
        for number in range(1, 7):
            self.toolbar.addAction(actions[f"highlight_{number}"])
        self.toolbar.addSeparator()
        self.toolbar.addAction(actions["review"])
        self.toolbar.addAction(actions["tags"])
        self._show_palette()

    def load_from_library(self) -> None:
        """Tags and smart folders come from the library proper: the window asks for them just
        after it is first shown, so it can show its list before the storage layer loads."""
        self.annotator.refresh_tag_names()
        self.refresh_filter()

    @staticmethod
    def _with_what(verb: str, what: str) -> str:
        """ "Undo Highlight “…”": the Edit menu says what will be undone."""
        return f"{verb} {what}" if what else verb

    def apply_palette(self) -> None:
        self._show_palette()
        self.refresh_filter()

    def _show_palette(self) -> None:
        palette = self.window.settings.palette
        for number, entry in enumerate(palette, start=1):
            action = self.actions[f"highlight_{number}"]
            # Marked in the action table, under its "Actions" context.
            action.setText(translate_action("Highlight as {label}").format(label=entry.label))
            action.setIconText(entry.label)
            action.setIcon(swatch(entry.color, 18))
            action.setToolTip(
                self.tr("{label} ({number})").format(label=entry.label, number=number)
            )
        self.window.sidebar.set_palette(palette)
        self.window.reader.set_highlights(
            self.window.reader.highlights, palette, self.annotator.selected_id()
        )

    def refresh_filter(self) -> None:
        try:
            names = tags.tag_names(self.window.library)
        except ReaderError:
            names = []
        saved = [(s.name, s.query) for s in self.window.search.saved()]
        self.filter.set_choices(self.window.settings.palette, names, saved)

    # -- actions -------------------------------------------------------------------------
    def highlight(self, number: int) -> None:
        palette = self.window.settings.palette
        if 1 <= number <= len(palette):
            self.annotator.highlight_selection(palette[number - 1].key)

    def _delete_selected(self) -> None:
        selected = self.annotator.selected_id()
        if selected is not None:
            self.annotator.delete(selected)

    def _context_menu(self, menu: QMenu, span: tuple[int, int] | None, under: int | None) -> None:
        first = menu.actions()[0] if menu.actions() else None
        added: list[QAction] = []
        if span is not None:
            added = [self.actions[f"highlight_{n}"] for n in range(1, 7)]
        elif under is not None:
            self.window.sidebar.select(under)
            self.window.reader.select_highlight(under, scroll=False)
            recolour = QMenu(self.tr("Change Colour"), menu)
            recolour.addActions([self.actions[f"highlight_{n}"] for n in range(1, 7)])
            menu.insertMenu(first, recolour) if first else menu.addMenu(recolour)
            added = [self.actions["delete_highlight"]]
        if added:
            menu.insertActions(first, added) if first else menu.addActions(added)
            menu.insertSeparator(first) if first else None
        self.window.entities.context_menu(menu, span)

    def show_tag_manager(self) -> None:
        from reader.ui.tag_manager import TagManager

        if self.tag_manager is None:
            self.tag_manager = TagManager(
                lambda: tags.list_tags(self.window.library),
                self.annotator.rename_tag,
                self.annotator.merge_tags,
                self.annotator.delete_tag,
                self.window,
            )
        self.tag_manager.reload()
        self.tag_manager.show()
        self.tag_manager.raise_()

    def show_review(self) -> None:
        from reader.ui.review_dialog import ReviewDialog

        if self.review is None:
            self.review = ReviewDialog(
                lambda: review.review_queue(self.window.library), self.window
            )
            self.review.openRequested.connect(self._open_for_review)
            self.review.acceptRequested.connect(self._accept)
            self.review.reattachRequested.connect(self._reattach)
            self.review.deleteRequested.connect(self.annotator.delete)
        self.review.reload()
        self.review.show()
        self.review.raise_()

    def _open_for_review(self, article_id: int, highlight_id: int) -> None:
        if self.window.open_article(article_id):
            self.window.sidebar.select(highlight_id)
            self.window.reader.select_highlight(highlight_id)

    def _accept(self, highlight_id: int) -> None:
        try:
            result = review.accept(self.window.library, highlight_id)
        except ReaderError as exc:
            self.window.message_bar.show_message(str(exc), "error")
            return
        self.annotator.apply(result.changes)

    def _reattach(self, highlight_id: int) -> None:
        found = review.review_queue(self.window.library)
        item = next((i for i in found if i.highlight.id == highlight_id), None)
        article = self.window.reader.article
        span = self.window.reader.selection_span()
        if (
            item is None
            or article is None
            or article.id != item.highlight.article_id
            or span is None
        ):
            self.window.message_bar.show_message(
                self.tr("Open the highlight's article and select the words it should mark first."),
                "error",
            )
            return
        try:
            result = review.reattach(self.window.library, highlight_id, span[0], span[1])
        except ReaderError as exc:
            self.window.message_bar.show_message(str(exc), "error")
            return
        self.window.reader.clear_selection()
        self.annotator.apply(result.changes, select=highlight_id)

    def show_preferences(self) -> None:
        from reader.ui.library_location import chosen_settings
        from reader.ui.preferences import PreferencesDialog

        dialog = PreferencesDialog(self.window.settings, self.window, library=self.window.library)
        if dialog.exec():
            self.apply_preferences(chosen_settings(self.window, dialog))

    def apply_preferences(self, chosen: Settings) -> None:
        """Saves what Preferences chose and shows it: colours, name, font, size, width, theme."""
        window = self.window
        theme_changed = chosen.theme != window.settings.theme
        window.update_settings(chosen)
        if chosen.author:
            window.library.author = chosen.author
        if theme_changed:
            window.set_theme(chosen.theme)
        else:
            window.restyle()
        self.apply_palette()

    def _on_changed(self, changes: Changes) -> None:
        self.window.search.on_changes(changes)
        if changes.tags_changed:
            self.refresh_filter()
            if self.tag_manager is not None and self.tag_manager.isVisible():
                self.tag_manager.reload()
        if self.review is not None and self.review.isVisible():
            self.review.reload()
