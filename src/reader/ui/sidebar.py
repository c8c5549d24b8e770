"""The annotation sidebar: the article's tags, its highlights in text order, and the selected
highlight's colour, tags and note, edited in place.

Signals: `highlightSelected(int)` (-1 when none), `colorChosen(int, str)`, `noteEdited(int,
str)`, `tagAdded(int, str)`, `tagRemoved(int, str)`, `deleteRequested(int)`,
`articleTagAdded(str)`, `articleTagRemoved(str)`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from PySide6.QtCore import (
    QCoreApplication,
    QItemSelectionModel,
    QModelIndex,
    Qt,
    Signal,
    SignalInstance,
)
from PySide6.QtGui import QColor, QFont, QIcon, QPalette, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.errors import EditConflictError
from reader.core.models import Article, Highlight
from reader.core.palette import DEFAULT_PALETTE, ColorLabel
from reader.ui.highlight_delegate import HighlightDelegate
from reader.ui.highlight_model import HighlightListModel
from reader.ui.note_editor import NoteEditor
from reader.ui.tag_editor import TagEditor


def swatch(color: str, size: int = 14) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)


def byline(author: str, edited_by: str, modified: datetime) -> str:
    """ "by ana", or "by ana · changed by bob at 10:02" once someone else changed it."""
    made = QCoreApplication.translate("HighlightDetail", "by {author}").format(author=author)
    if not edited_by or edited_by == author:
        return made
    when = modified.astimezone().strftime("%H:%M")
    changed = QCoreApplication.translate("HighlightDetail", "changed by {who} at {when}")
    return f"{made} · {changed.format(who=edited_by, when=when)}"


class HighlightDetail(QFrame):
    """Colour, tags, note and Delete for the selected highlight."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("highlightDetail")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(6)
        row = QHBoxLayout()
        self.color = QComboBox()
        self.color.setAccessibleName(self.tr("Colour label"))
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.setAccessibleName(self.tr("Delete highlight"))
        row.addWidget(self.color, 1)
        row.addWidget(self.delete_button)
        layout.addLayout(row)
        self.tags = TagEditor(self.tr("Add tag…"), self.tr("Highlight tags"))
        layout.addWidget(self.tags)
        self.entities = TagEditor(self.tr("Link an entity…"), self.tr("Linked entities"))
        layout.addWidget(self.entities)
        # Who made the highlight and who changed it last: what a shared library needs.
        self.byline = QLabel()
        self.byline.setObjectName("highlightByline")
        self.byline.setAccessibleName(self.tr("Made by"))
        self.byline.setTextFormat(Qt.TextFormat.PlainText)
        self.byline.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout.addWidget(self.byline)
        self.note = NoteEditor()
        self.note.setMinimumHeight(90)
        layout.addWidget(self.note, 1)

    def set_palette(self, palette: Sequence[ColorLabel]) -> None:
        current = self.color.currentData()
        self.color.blockSignals(True)
        self.color.clear()
        for number, entry in enumerate(palette, start=1):
            self.color.addItem(swatch(entry.color), f"{entry.label}  ({number})", entry.key)
        if current is not None:
            self.color.setCurrentIndex(max(0, self.color.findData(current)))
        self.color.blockSignals(False)

    def show_highlight(self, highlight: Highlight) -> None:
        self.color.blockSignals(True)
        self.color.setCurrentIndex(max(0, self.color.findData(highlight.color)))
        self.color.blockSignals(False)
        self.tags.set_tags(highlight.tags)
        self.byline.setText(byline(highlight.author, highlight.edited_by, highlight.modified))
        self.byline.setVisible(bool(highlight.author or highlight.edited_by))
        if not self.note.editing:
            self.note.set_note(highlight.note)


class AnnotationSidebar(QFrame):
    highlightSelected = Signal(int)
    colorChosen = Signal(int, str)
    noteEdited = Signal(int, str)
    tagAdded = Signal(int, str)
    tagRemoved = Signal(int, str)
    deleteRequested = Signal(int)
    articleTagAdded = Signal(str)
    articleTagRemoved = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("annotationSidebar")
        self.setAccessibleName(self.tr("Annotations"))
        self.setMinimumWidth(220)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(6)

        self.heading = QLabel(self.tr("Annotations"))
        font = QFont(self.heading.font())
        font.setWeight(QFont.Weight.DemiBold)
        font.setPointSizeF(font.pointSizeF() * 1.05)
        self.heading.setFont(font)
        layout.addWidget(self.heading)

        self.article_tags = TagEditor(self.tr("Tag this article…"), self.tr("Article tags"))
        self.article_tags.tagAdded.connect(self.articleTagAdded)
        self.article_tags.tagRemoved.connect(self.articleTagRemoved)
        layout.addWidget(self.article_tags)

        self.model = HighlightListModel(self)
        self.list = QListView()
        self.delegate = HighlightDelegate(self.list)
        self.list.setObjectName("highlightList")
        self.list.setAccessibleName(self.tr("Highlights"))
        self.list.setModel(self.model)
        self.list.setItemDelegate(self.delegate)
        # Several can be chosen for Copy as Markdown; the current one is edited below.
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setFrameShape(QListView.Shape.NoFrame)
        self.list.setWordWrap(True)
        # Rows are measured in batches after the first screenful, so a long article's
        # highlights do not hold up its opening.
        self.list.setLayoutMode(QListView.LayoutMode.Batched)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setBatchSize(40)
        self.list.selectionModel().currentChanged.connect(self._on_current)
        layout.addWidget(self.list, 3)

        self.empty_title = QLabel()
        self.empty_title.setObjectName("sidebarEmptyTitle")
        self.empty_title.setWordWrap(True)
        self.empty_title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.empty_hint = QLabel()
        self.empty_hint.setObjectName("sidebarEmptyHint")
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.empty_title)
        layout.addWidget(self.empty_hint)

        self.detail = HighlightDetail()
        self.detail.color.currentIndexChanged.connect(self._on_color)
        self.detail.delete_button.clicked.connect(self._delete_current)
        self.detail.tags.tagAdded.connect(lambda tag: self._emit_for_current(self.tagAdded, tag))
        self.detail.tags.tagRemoved.connect(
            lambda tag: self._emit_for_current(self.tagRemoved, tag)
        )
        self.detail.note.noteCommitted.connect(
            lambda note: self._emit_for_current(self.noteEdited, note)
        )
        layout.addWidget(self.detail, 2)
        self.stretch = QWidget()
        layout.addWidget(self.stretch, 1)
        self.set_palette(DEFAULT_PALETTE)
        self.show_article(None, [])

    # -- what is shown ------------------------------------------------------------------
    def set_palette(self, palette: Sequence[ColorLabel]) -> None:
        self.delegate.set_palette(palette)
        self.model.labels = {entry.key: entry.label for entry in palette}
        self.detail.set_palette(palette)
        self.list.viewport().update()

    def set_tag_completions(self, names: Iterable[str]) -> None:
        names = list(names)
        self.article_tags.set_completions(names)
        self.detail.tags.set_completions(names)

    def show_article(
        self, article: Article | None, highlights: Sequence[Highlight], tags: Sequence[str] = ()
    ) -> None:
        self.model.set_highlights(highlights)
        self.article_tags.setVisible(article is not None)
        self.article_tags.set_tags(tags)
        self._update_state(article is not None)

    def set_article_tags(self, tags: Sequence[str]) -> None:
        self.article_tags.set_tags(tags)

    def show_note_conflict(self, highlight_id: int, conflict: EditConflictError) -> None:
        """Someone else saved the note being edited: both texts stay in front of the person."""
        current = self.current_highlight()
        if current is not None and current.id == highlight_id:
            self.detail.note.show_conflict(
                conflict.by, conflict.at, conflict.theirs, conflict.yours
            )

    def upsert(self, highlight: Highlight) -> None:
        self.model.upsert(highlight)
        current = self.current_highlight()
        if current is not None and current.id == highlight.id:
            self.detail.show_highlight(highlight)
        self._update_state(True)

    def remove(self, highlight_id: int) -> None:
        self.model.remove(highlight_id)
        self._update_state(True)

    def _update_state(self, has_article: bool) -> None:
        count = self.model.rowCount()
        self.heading.setText(
            self.tr("Annotations") if count == 0 else self.tr("%n highlight(s)", None, count)
        )
        self.list.setVisible(count > 0)
        self.stretch.setVisible(count == 0)
        empty = count == 0
        self.empty_title.setVisible(empty)
        self.empty_hint.setVisible(empty)
        if not has_article:
            self.empty_title.setText(self.tr("Nothing to annotate"))
            self.empty_hint.setText(self.tr("Open an article to see its highlights and notes."))
        else:
            self.empty_title.setText(self.tr("No highlights yet"))
            self.empty_hint.setText(
                self.tr(
                    "Select text in the article, then press 1–6 or right-click → Highlight. "
                    "Each colour carries a meaning you can rename in Preferences."
                )
            )
        self.detail.setVisible(self.current_highlight() is not None)

    # -- selection ------------------------------------------------------------------------
    def selected_highlights(self) -> list[Highlight]:
        """The chosen highlights in text order; the current one when none is chosen."""
        rows = sorted(index.row() for index in self.list.selectionModel().selectedIndexes())
        found = [h for row in rows if (h := self.model.highlight(row)) is not None]
        if not found and (current := self.current_highlight()) is not None:
            found = [current]
        return found

    def current_highlight(self) -> Highlight | None:
        index = self.list.currentIndex()
        return self.model.highlight(index.row()) if index.isValid() else None

    def select(self, highlight_id: int | None) -> None:
        """Selects a highlight without announcing it (the caller already knows)."""
        row = self.model.row_of(highlight_id) if highlight_id is not None else None
        self.list.blockSignals(True)
        self.list.selectionModel().blockSignals(True)
        if row is None:
            self.list.selectionModel().clearCurrentIndex()
            self.list.clearSelection()
        else:
            index = self.model.index(row)
            self.list.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
            self.list.scrollTo(index)
        self.list.selectionModel().blockSignals(False)
        self.list.blockSignals(False)
        self._show_detail()

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_detail()
        highlight = self.current_highlight()
        self.highlightSelected.emit(highlight.id if highlight else -1)

    def _show_detail(self) -> None:
        highlight = self.current_highlight()
        self.detail.setVisible(highlight is not None)
        if highlight is not None:
            self.detail.note.set_note(highlight.note)
            self.detail.show_highlight(highlight)

    def _on_color(self, _row: int) -> None:
        key = self.detail.color.currentData()
        highlight = self.current_highlight()
        if highlight is not None and isinstance(key, str) and key != highlight.color:
            self.colorChosen.emit(highlight.id, key)

    def _emit_for_current(self, signal: SignalInstance, value: str) -> None:
        highlight = self.current_highlight()
        if highlight is not None:
            signal.emit(highlight.id, value)

    def _delete_current(self) -> None:
        highlight = self.current_highlight()
        if highlight is not None:
            self.deleteRequested.emit(highlight.id)
