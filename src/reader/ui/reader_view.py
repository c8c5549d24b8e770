"""The reader pane: one article at a time, set for reading.

Signals: `linkActivated(str)` when a link is clicked (links are shown, never opened or fetched).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QFontInfo, QResizeEvent, QTextDocument, QTextFrameFormat
from PySide6.QtWidgets import QTextBrowser, QWidget

from reader.core.models import Article
from reader.ui.document import DocumentBuilder, PositionMap, Typography, placeholder_document
from reader.ui.theme import ReadingColors

MIN_SIDE_MARGIN = 24


class ReaderView(QTextBrowser):
    linkActivated = Signal(str)

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
        self.show_placeholder(*self._placeholder)

    # -- content ---------------------------------------------------------------------
    @property
    def article(self) -> Article | None:
        return self._article

    @property
    def position_map(self) -> PositionMap | None:
        return self._map

    def set_article(self, article: Article | None) -> None:
        self._article = article
        if article is None:
            self.show_placeholder(*self._placeholder)
            return
        doc, self._map = DocumentBuilder(self._typography, self._colors).build(article)
        self._install(doc)

    def show_placeholder(self, message: str, hint: str) -> None:
        self._placeholder = (message, hint)
        self._article = None
        self._map = None
        self._install(placeholder_document(message, hint, self._typography, self._colors))

    def _install(self, doc: QTextDocument) -> None:
        doc.setParent(self)  # the view deletes the previous document it owned
        self.setDocument(doc)
        self._applied_margin = -1
        self._fit_line_width()

    def restyle(self, typography: Typography, colors: ReadingColors, line_width_em: int) -> None:
        """Re-renders with a new font size, theme or line width, keeping the reading place."""
        fraction = self.scroll_fraction()
        self._typography = typography
        self._colors = colors
        self._line_width_em = line_width_em
        if self._article is not None:
            self.set_article(self._article)
        else:
            self.show_placeholder(*self._placeholder)
        self.set_scroll_fraction(fraction)

    # -- reading position ------------------------------------------------------------
    def scroll_fraction(self) -> float:
        bar = self.verticalScrollBar()
        return bar.value() / bar.maximum() if bar.maximum() > 0 else 0.0

    def set_scroll_fraction(self, fraction: float) -> None:
        bar = self.verticalScrollBar()
        self.document().documentLayout().documentSize()  # lay out fully before scrolling
        bar.setValue(round(fraction * bar.maximum()))

    # -- comfortable line length -------------------------------------------------------
    def _fit_line_width(self) -> None:
        em = QFontInfo(self._typography.font()).pixelSize()
        measure = int(self._line_width_em * em)
        available = self.viewport().width()
        margin = max(MIN_SIDE_MARGIN, (available - measure) // 2)
        if margin == self._applied_margin:
            return
        self._applied_margin = margin
        frame = self.document().rootFrame()
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
