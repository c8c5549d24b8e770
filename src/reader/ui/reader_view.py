"""The reader pane: one article at a time, set for reading, with its highlights drawn over it.

Signals: `linkActivated(str)` when a link is clicked (links are shown, never opened or
fetched); `highlightClicked(int)` with the id of the highlight clicked, or -1 for a click on
plain text; `mentionClicked(int)` with the entity of an underlined mention clicked.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QPoint, Qt, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFontInfo,
    QHelpEvent,
    QMouseEvent,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFrameFormat,
)
from PySide6.QtWidgets import QMenu, QTextBrowser, QTextEdit, QToolTip, QWidget

from reader.core.models import Article, Highlight
from reader.core.palette import DEFAULT_PALETTE, ColorLabel
from reader.ui.document import (
    DocumentBuilder,
    PositionMap,
    Typography,
    placeholder_document,
    welcome_document,
)
from reader.ui.highlight_layer import HighlightLayer, marks_for
from reader.ui.theme import ReadingColors

# Adds entries to the context menu: (menu, selected span or None, highlight id under the mouse).
MenuBuilder = Callable[[QMenu, "tuple[int, int] | None", "int | None"], None]

MIN_SIDE_MARGIN = 24


class ReaderView(QTextBrowser):
    linkActivated = Signal(str)
    highlightClicked = Signal(int)
    mentionClicked = Signal(int)

    def __init__(
        self,
        typography: Typography,
        colors: ReadingColors,
        line_width_em: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("readerView")
        self.setAccessibleName(self.tr("Article text"))
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.anchorClicked.connect(lambda url: self.linkActivated.emit(url.toString()))
        self._typography = typography
        self._colors = colors
        self._line_width_em = line_width_em
        self._article: Article | None = None
        self._map: PositionMap | None = None
        self._placeholder = (self.tr("No article open"), "")
        self._applied_margin = -1
        self.layer = HighlightLayer()
        self._highlights: list[Highlight] = []
        self._palette: tuple[ColorLabel, ...] = DEFAULT_PALETTE
        self._selected: int | None = None
        self.menu_builder: MenuBuilder | None = None
        self._find: tuple[list[tuple[int, int]], int] = ([], -1)
        # Underlined entity mentions: (start, end, entity id, label), code points, by start.
        self._mentions: list[tuple[int, int, int, str]] = []
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.LinksAccessibleByMouse
        )
        self.show_placeholder(*self._placeholder)

    # -- content ---------------------------------------------------------------------
    @property
    def article(self) -> Article | None:
        return self._article

    @property
    def position_map(self) -> PositionMap | None:
        return self._map

    def set_article(
        self,
        article: Article | None,
        highlights: Sequence[Highlight] = (),
        selected: int | None = None,
        palette: Sequence[ColorLabel] | None = None,
    ) -> None:
        self._article = article
        self._highlights = list(highlights)
        self._selected = selected
        self._find = ([], -1)
        self._mentions = []
        if palette is not None:
            self._palette = tuple(palette)
        if article is None:
            self.layer.reset([], None)
            self.show_placeholder(*self._placeholder)
            return
        marks = marks_for(self._highlights, self._palette, self._colors.dark)
        doc, self._map = DocumentBuilder(self._typography, self._colors).build(article, marks)
        self.layer.reset(self._highlights, self._map)
        self._install(doc)
        self._overlay()

    # -- highlights ------------------------------------------------------------------
    @property
    def highlights(self) -> list[Highlight]:
        return self._highlights

    def set_highlights(
        self,
        highlights: Sequence[Highlight],
        palette: Sequence[ColorLabel] | None = None,
        selected: int | None = None,
    ) -> None:
        """Draws the article's highlights, repainting only the spans that changed."""
        self._highlights = list(highlights)
        self._selected = selected
        if palette is not None and tuple(palette) != self._palette:
            self._palette = tuple(palette)
            if self._article is not None:  # every colour may differ: paint afresh
                fraction = self.scroll_fraction()
                self.set_article(self._article, self._highlights, selected)
                self.set_scroll_fraction(fraction)
                return
        if self._article is not None and self._map is not None:
            self.layer.update(
                self.document(),
                self._map,
                self._article,
                self._highlights,
                self._palette,
                self._colors.dark,
                self._colors.code_background,
            )
        self._overlay()

    def select_highlight(self, highlight_id: int | None, *, scroll: bool = True) -> None:
        self._selected = highlight_id
        self._overlay()
        if scroll and highlight_id is not None and self._map is not None:
            found = next((h for h in self._highlights if h.id == highlight_id), None)
            if found is not None:
                cursor = QTextCursor(self.document())
                cursor.setPosition(self._map.to_document(found.end))
                self.setTextCursor(cursor)
                cursor.setPosition(self._map.to_document(found.start))
                self.setTextCursor(cursor)
                self.ensureCursorVisible()

    def _overlay(self) -> None:
        if self._map is None:
            self.setExtraSelections([])
            return
        overlays = self.layer.overlays(
            self.document(),
            self._map,
            self._highlights,
            self._palette,
            self._colors.dark,
            self._selected,
        )
        self.setExtraSelections(overlays + self._mention_selections() + self._find_selections())

    # -- entity mentions -------------------------------------------------------------
    def set_mentions(self, mentions: Sequence[tuple[int, int, int, str]]) -> None:
        """Underlines mentions (start, end, entity id, label); an empty list removes them."""
        self._mentions = sorted(mentions)
        self._overlay()

    def mention_at(self, position: int) -> tuple[int, int, int, str] | None:
        if self._map is None or not self._mentions:
            return None
        offset = self._map.to_text(position)
        for mention in self._mentions:
            if mention[0] <= offset < mention[1]:
                return mention
            if mention[0] > offset:
                break
        return None

    def _mention_selections(self) -> list[QTextEdit.ExtraSelection]:
        if self._map is None:
            return []
        result = []
        color = QColor(self._colors.link)
        for start, end, _entity, _label in self._mentions:
            fmt = QTextCharFormat()
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
            fmt.setUnderlineColor(color)
            cursor = QTextCursor(self.document())
            cursor.setPosition(self._map.to_document(start))
            cursor.setPosition(self._map.to_document(end), QTextCursor.MoveMode.KeepAnchor)
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = fmt
            result.append(selection)
        return result

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            point = self.viewport().mapFromGlobal(event.globalPos())
            mention = self.mention_at(self.cursorForPosition(point).position())
            if mention is not None:
                QToolTip.showText(event.globalPos(), mention[3], self)
                return True
        return super().event(event)

    # -- find in article -------------------------------------------------------------
    def set_find_matches(self, spans: list[tuple[int, int]], current: int) -> None:
        """Marks every match of Find in article; the current one stronger, and in view."""
        self._find = (list(spans), current)
        self._overlay()
        if 0 <= current < len(spans):
            self.reveal(*spans[current], select=False)

    def _find_selections(self) -> list[QTextEdit.ExtraSelection]:
        spans, current = self._find
        if self._map is None or not spans:
            return []
        result = []
        for index, (start, end) in enumerate(spans):
            fmt = QTextCharFormat()
            fmt.setBackground(QColor("#ff9632" if index == current else "#ffe08a"))
            fmt.setForeground(QColor("#111111"))
            cursor = QTextCursor(self.document())
            cursor.setPosition(self._map.to_document(start))
            cursor.setPosition(self._map.to_document(end), QTextCursor.MoveMode.KeepAnchor)
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = fmt
            result.append(selection)
        return result

    def reveal(self, start: int, end: int, *, select: bool = True) -> None:
        """Scrolls the article's [start, end) into view, selecting it unless told not to."""
        if self._map is None:
            return
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._map.to_document(end))
        self.setTextCursor(cursor)
        cursor.setPosition(self._map.to_document(start))
        if select:
            cursor.setPosition(self._map.to_document(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def selection_span(self) -> tuple[int, int] | None:
        """The selected text as code-point offsets of the article, trimmed of spaces; None
        when nothing of the article's body is selected."""
        cursor = self.textCursor()
        if self._map is None or self._article is None or not cursor.hasSelection():
            return None
        body = self._map.body_start
        first = max(cursor.selectionStart(), body)
        last = cursor.selectionEnd()
        if last <= first:
            return None
        start = self._map.to_text(first)
        end = self._map.to_text(last)
        text = self._article.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return (start, end) if end > start else None

    def clear_selection(self) -> None:
        cursor = self.textCursor()
        cursor.clearSelection()
        self.setTextCursor(cursor)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self.textCursor().hasSelection():
            return
        position = self.cursorForPosition(event.position().toPoint()).position()
        found = self.layer.at(position)
        self.highlightClicked.emit(found if found is not None else -1)
        mention = self.mention_at(position)
        if mention is not None:
            self.mentionClicked.emit(mention[2])

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(event.pos())
        if self.menu_builder is not None:
            under = self.layer.at(self.cursorForPosition(event.pos()).position())
            self.menu_builder(menu, self.selection_span(), under)
        menu.exec(event.globalPos())
        menu.deleteLater()

    def show_welcome(self, title: str, steps: list[tuple[str, str]], closing: str) -> None:
        self._article = None
        self._map = None
        self._install(welcome_document(title, steps, closing, self._typography, self._colors))

    def show_placeholder(self, message: str, hint: str) -> None:
        self._placeholder = (message, hint)
        self._article = None
        self._map = None
        self._install(placeholder_document(message, hint, self._typography, self._colors))

    def _install(self, doc: QTextDocument) -> None:
        # Margins first, while the document has no layout: set afterwards, they would lay
        # the whole article out a second time.
        self._applied_margin = -1
        self._fit_line_width(doc)
        doc.setParent(self)  # the view deletes the previous document it owned
        self.setDocument(doc)
        self.verticalScrollBar().setValue(0)  # a new article starts at its top

    def restyle(self, typography: Typography, colors: ReadingColors, line_width_em: int) -> None:
        """Re-renders with a new font size, theme or line width, keeping the reading place."""
        fraction = self.scroll_fraction()
        self._typography = typography
        self._colors = colors
        self._line_width_em = line_width_em
        if self._article is not None:
            self.set_article(self._article, self._highlights, self._selected)
        else:
            self.show_placeholder(*self._placeholder)
        self.set_scroll_fraction(fraction)

    # -- reading position ------------------------------------------------------------
    # Kept as how far through the text the first visible line is, not how far down the
    # scroll bar: the same words come back to the top after the window, the text size or
    # the line width changed.
    def scroll_fraction(self) -> float:
        if self.verticalScrollBar().value() == 0:
            return 0.0
        top = self.cursorForPosition(QPoint(0, 0)).position()
        return top / max(1, self.document().characterCount() - 1)

    def set_scroll_fraction(self, fraction: float) -> None:
        bar = self.verticalScrollBar()
        if fraction <= 0:
            bar.setValue(0)
            return
        cursor = QTextCursor(self.document())
        target = round(fraction * max(1, self.document().characterCount() - 1))
        cursor.setPosition(min(target, self.document().characterCount() - 1))
        cursor.movePosition(QTextCursor.MoveOperation.StartOfLine)
        bar.setValue(bar.value() + self.cursorRect(cursor).top())

    # -- comfortable line length -------------------------------------------------------
    def _fit_line_width(self, doc: QTextDocument | None = None) -> None:
        em = QFontInfo(self._typography.font()).pixelSize()
        measure = int(self._line_width_em * em)
        available = self.viewport().width()
        margin = max(MIN_SIDE_MARGIN, (available - measure) // 2)
        if margin == self._applied_margin:
            return
        self._applied_margin = margin
        frame = (doc or self.document()).rootFrame()
        fmt: QTextFrameFormat = frame.frameFormat()
        fmt.setLeftMargin(margin)
        fmt.setRightMargin(margin)
        frame.setFrameFormat(fmt)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_line_width()

    # -- nothing is fetched --------------------------------------------------------------
    def loadResource(self, kind: int, url: QUrl | str) -> Any:
        """Refuses every resource: articles are shown from the library alone."""
        return None
