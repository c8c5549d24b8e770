"""Annotating in the window: turns selections, keys and sidebar edits into undoable service
calls, and brings every affected pane up to date from what each call says it changed.

Signals: `changed(object)` with the `Changes` of every edit, undo and redo, for panes that
follow the library (the tag manager, the review queue).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from reader.core.changes import Changes
from reader.core.errors import EditConflictError, NotFoundError, ReaderError
from reader.core.models import Highlight
from reader.core.palette import ColorLabel, label_of
from reader.services import annotations as annotation_service
from reader.services import articles as article_service
from reader.services import tags
from reader.services.library import Library
from reader.ui.article_model import ArticleListModel
from reader.ui.reader_view import ReaderView
from reader.ui.sidebar import AnnotationSidebar
from reader.ui.undo import ServiceCommand

QUOTE_IN_MENU = 40


def short(text: str, length: int = QUOTE_IN_MENU) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"


class Annotator(QObject):
    changed = Signal(object)

    def __init__(
        self,
        library: Library,
        undo_stack: QUndoStack,
        reader: ReaderView,
        sidebar: AnnotationSidebar,
        articles: ArticleListModel,
        palette: Callable[[], Sequence[ColorLabel]],
        report: Callable[[str], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.stack = undo_stack
        self.reader = reader
        self.sidebar = sidebar
        self.articles = articles
        self.palette = palette
        self.report = report
        sidebar.highlightSelected.connect(self._on_sidebar_selected)
        sidebar.colorChosen.connect(self.set_color)
        sidebar.noteEdited.connect(self.set_note)
        sidebar.tagAdded.connect(self.add_tag)
        sidebar.tagRemoved.connect(self.remove_tag)
        sidebar.deleteRequested.connect(self.delete)
        sidebar.articleTagAdded.connect(self.add_article_tag)
        sidebar.articleTagRemoved.connect(self.remove_article_tag)
        reader.highlightClicked.connect(self._on_reader_clicked)

    # -- the open article ----------------------------------------------------------------
    def show_article(self, view: annotation_service.ArticleView | None) -> None:
        """Shows an article in the reader with its highlights, and its tags in the sidebar."""
        if view is None:
            self.reader.set_article(None)
            self.sidebar.show_article(None, [])
            return
        self.reader.set_article(view.article, view.highlights, palette=self.palette())
        self.sidebar.show_article(view.article, view.highlights, view.tags)

    def refresh_tag_names(self) -> None:
        self.sidebar.set_tag_completions(tags.tag_names(self.library))

    def selected_id(self) -> int | None:
        current = self.sidebar.current_highlight()
        return current.id if current else None

    def _find(self, highlight_id: int) -> Highlight | None:
        return next((h for h in self.reader.highlights if h.id == highlight_id), None)

    # -- edits ---------------------------------------------------------------------------
    def _push(self, text: str, redo: Callable[[], Changes], undo: Callable[[], Changes]) -> None:
        self.stack.push(ServiceCommand(text, redo, undo, self.apply, self.report))

    def _attempt(self, call: Callable[[], object]) -> object | None:
        try:
            return call()
        except ReaderError as exc:
            self.report(str(exc))
            return None

    def highlight_selection(self, color: str) -> Highlight | None:
        """Highlights the selected text; with no selection, recolours the selected highlight."""
        article = self.reader.article
        span = self.reader.selection_span()
        if article is None:
            return None
        if span is None:
            selected = self.selected_id()
            if selected is not None:
                self.set_color(selected, color)
            else:
                self.report(self.tr("Select some text in the article first."))
            return None
        result = self._attempt(
            lambda: annotation_service.create_highlight(
                self.library, article.id, span[0], span[1], color=color
            )
        )
        if not isinstance(result, annotation_service.HighlightResult):
            return None
        made = result.highlight
        self._push(
            self.tr("Highlight “{quote}”").format(quote=short(made.exact)),
            lambda: annotation_service.restore_highlight(self.library, made).changes,
            lambda: annotation_service.delete_highlight(self.library, made.id).changes,
        )
        self.reader.clear_selection()
        self.apply(result.changes, select=made.id)
        return made

    def delete(self, highlight_id: int) -> None:
        result = self._attempt(
            lambda: annotation_service.delete_highlight(self.library, highlight_id)
        )
        if not isinstance(result, annotation_service.HighlightResult):
            return
        gone = result.highlight
        self._push(
            self.tr("Delete highlight “{quote}”").format(quote=short(gone.exact)),
            lambda: annotation_service.delete_highlight(self.library, gone.id).changes,
            lambda: annotation_service.restore_highlight(self.library, gone).changes,
        )
        self.apply(result.changes)

    def set_color(self, highlight_id: int, color: str) -> None:
        before = self._find(highlight_id)
        if before is None or before.color == color:
            return
        old = before.color
        if self._run(
            lambda: annotation_service.set_color(self.library, highlight_id, color).changes
        ):
            label = label_of(self.palette(), color)
            self._push(
                self.tr("Mark as {label}").format(label=label),
                lambda: annotation_service.set_color(self.library, highlight_id, color).changes,
                lambda: annotation_service.set_color(self.library, highlight_id, old).changes,
            )

    def set_note(self, highlight_id: int, note: str) -> None:
        before = self._find(highlight_id)
        if before is None:
            return
        old = before.note
        try:
            # Saved only if nobody changed the note since this window showed it.
            result = annotation_service.set_note(self.library, highlight_id, note, base=before)
        except EditConflictError as conflict:
            self.apply(Changes(highlights_changed=frozenset({highlight_id})))
            self.sidebar.show_note_conflict(highlight_id, conflict)
            self.report(str(conflict))
            return
        except ReaderError as exc:
            self.report(str(exc))
            return
        self.apply(result.changes)
        if result.changes:
            self._push(
                self.tr("Edit note"),
                lambda: annotation_service.set_note(self.library, highlight_id, note).changes,
                lambda: annotation_service.set_note(self.library, highlight_id, old).changes,
            )

    def add_tag(self, highlight_id: int, tag: str) -> None:
        result = self._attempt(lambda: annotation_service.add_tag(self.library, highlight_id, tag))
        if not isinstance(result, annotation_service.HighlightResult) or not result.changes:
            return  # refused, or it already had the tag: nothing to undo
        # The service may reuse an existing spelling ("NATO" for "nato").
        added = next((t for t in result.highlight.tags if t.casefold() == tag.casefold()), tag)
        self._push(
            self.tr("Tag with “{tag}”").format(tag=added),
            lambda: annotation_service.add_tag(self.library, highlight_id, added).changes,
            lambda: annotation_service.remove_tag(self.library, highlight_id, added).changes,
        )
        self.apply(result.changes)

    def remove_tag(self, highlight_id: int, tag: str) -> None:
        if self._run(
            lambda: annotation_service.remove_tag(self.library, highlight_id, tag).changes
        ):
            self._push(
                self.tr("Remove tag “{tag}”").format(tag=tag),
                lambda: annotation_service.remove_tag(self.library, highlight_id, tag).changes,
                lambda: annotation_service.add_tag(self.library, highlight_id, tag).changes,
            )

    def add_article_tag(self, tag: str) -> None:
        article = self.reader.article
        if article is None:
            return
        article_id = article.id
        if self._run(lambda: annotation_service.add_article_tag(self.library, article_id, tag)):
            names = annotation_service.article_tags(self.library, article_id)
            added = next((t for t in names if t.casefold() == tag.casefold()), tag)
            self._push(
                self.tr("Tag article with “{tag}”").format(tag=added),
                lambda: annotation_service.add_article_tag(self.library, article_id, added),
                lambda: annotation_service.remove_article_tag(self.library, article_id, added),
            )

    def remove_article_tag(self, tag: str) -> None:
        article = self.reader.article
        if article is None:
            return
        article_id = article.id
        if self._run(lambda: annotation_service.remove_article_tag(self.library, article_id, tag)):
            self._push(
                self.tr("Remove article tag “{tag}”").format(tag=tag),
                lambda: annotation_service.remove_article_tag(self.library, article_id, tag),
                lambda: annotation_service.add_article_tag(self.library, article_id, tag),
            )

    def rename_tag(self, old: str, new: str) -> bool:
        new = new.strip()
        if self._run(lambda: tags.rename_tag(self.library, old, new)):
            self._push(
                self.tr("Rename tag “{old}” to “{new}”").format(old=old, new=new),
                lambda: tags.rename_tag(self.library, old, new),
                lambda: tags.rename_tag(self.library, new, old),
            )
            return True
        return False

    def merge_tags(self, source: str, into: str) -> bool:
        result = self._attempt(lambda: tags.merge_tags(self.library, source, into))
        if not isinstance(result, tags.TagSnapshot):
            return False
        snapshot = result
        self._push(
            self.tr("Merge tag “{source}” into “{into}”").format(source=source, into=into),
            lambda: _snapshot_changes(tags.merge_tags(self.library, source, into)),
            lambda: tags.unmerge_tags(self.library, snapshot, into),
        )
        self.apply(Changes(tags_changed=True, highlights_changed=frozenset(snapshot.highlight_ids)))
        return True

    def delete_tag(self, name: str) -> bool:
        result = self._attempt(lambda: tags.delete_tag(self.library, name))
        if not isinstance(result, tags.TagSnapshot):
            return False
        snapshot = result
        self._push(
            self.tr("Delete tag “{name}”").format(name=name),
            lambda: _snapshot_changes(tags.delete_tag(self.library, name)),
            lambda: tags.restore_tag(self.library, snapshot),
        )
        self.apply(Changes(tags_changed=True, highlights_changed=frozenset(snapshot.highlight_ids)))
        return True

    def _run(self, call: Callable[[], Changes]) -> bool:
        """Makes an edit now; True if it changed something (there is then a step to undo)."""
        try:
            changes = call()
        except ReaderError as exc:
            self.report(str(exc))
            return False
        self.apply(changes)
        return bool(changes)

    # -- bringing the panes up to date -----------------------------------------------------
    def apply(self, changes: Changes, select: int | None = None) -> None:
        article = self.reader.article
        touched = changes.highlights_added | changes.highlights_changed
        if article is not None and (touched or changes.highlights_removed):
            current = {h.id: h for h in self.reader.highlights}
            for highlight_id in changes.highlights_removed:
                current.pop(highlight_id, None)
                self.sidebar.remove(highlight_id)
            for highlight_id in touched:
                try:
                    highlight = annotation_service.get_highlight(self.library, highlight_id)
                except NotFoundError:
                    current.pop(highlight_id, None)
                    self.sidebar.remove(highlight_id)
                    continue
                if highlight.article_id == article.id:
                    current[highlight.id] = highlight
                    self.sidebar.upsert(highlight)
            chosen = select if select is not None else self.selected_id()
            self.reader.set_highlights(list(current.values()), self.palette(), chosen)
            if select is not None:
                self.sidebar.select(select)
        for article_id in changes.articles_changed:
            try:
                self.articles.replace(article_service.get_summary(self.library, article_id))
            except NotFoundError:
                continue
        if changes.tags_changed:
            self.refresh_tag_names()
            if article is not None:
                self.sidebar.set_article_tags(
                    annotation_service.article_tags(self.library, article.id)
                )
        self.changed.emit(changes)

    # -- selection in either pane ----------------------------------------------------------
    def _on_sidebar_selected(self, highlight_id: int) -> None:
        self.reader.select_highlight(highlight_id if highlight_id >= 0 else None)

    def _on_reader_clicked(self, highlight_id: int) -> None:
        chosen = highlight_id if highlight_id >= 0 else None
        self.sidebar.select(chosen)
        self.reader.select_highlight(chosen, scroll=False)


def _snapshot_changes(snapshot: object) -> Changes:
    ids = getattr(snapshot, "highlight_ids", ())
    return Changes(tags_changed=True, highlights_changed=frozenset(ids))
