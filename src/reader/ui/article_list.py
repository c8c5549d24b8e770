"""The article list: a two-line card per article, drawn by a delegate over the lazy model."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from reader.core.models import ArticleSummary
from reader.ui.article_model import SummaryRole, meta_line

PADDING_X = 14
PADDING_Y = 9
LINE_GAP = 3


class ArticleDelegate(QStyledItemDelegate):
    """Kicker in small capitals, the title (up to two lines), then source, date and counts."""

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont]:
        title = QFont(option.font)
        title.setWeight(QFont.Weight.DemiBold)
        title.setPointSizeF(option.font.pointSizeF() * 1.05)
        small = QFont(option.font)
        small.setPointSizeF(option.font.pointSizeF() * 0.85)
        kicker = QFont(small)
        kicker.setCapitalization(QFont.Capitalization.AllUppercase)
        kicker.setWeight(QFont.Weight.DemiBold)
        kicker.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 106)
        return title, small, kicker

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        title, small, kicker = self._fonts(option)
        height = 2 * PADDING_Y + 2 * QFontMetrics(title).lineSpacing()
        height += (
            QFontMetrics(small).lineSpacing() + QFontMetrics(kicker).lineSpacing() + 2 * LINE_GAP
        )
        return QSize(option.rect.width() or 300, height)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        item = index.data(SummaryRole)
        if not isinstance(item, ArticleSummary):
            return
        painter.save()
        palette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        rect = option.rect
        if selected:
            painter.fillRect(rect, palette.color(QPalette.ColorRole.Highlight))
        elif option.state & QStyle.StateFlag.State_MouseOver:
            painter.fillRect(rect, palette.color(QPalette.ColorRole.AlternateBase))
        text_color = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        title_font, small, kicker_font = self._fonts(option)
        if item.read:  # unread titles stand out, as in a mail or feed reader
            title_font.setWeight(QFont.Weight.Normal)
        inner = rect.adjusted(PADDING_X, PADDING_Y, -PADDING_X, -PADDING_Y)
        kicker_metrics = QFontMetrics(kicker_font)
        title_metrics = QFontMetrics(title_font)
        small_metrics = QFontMetrics(small)
        title = _two_lines(item.title, title_metrics, inner.width())
        title_height = title_metrics.lineSpacing() * (title.count("\n") + 1)
        content = title_height + small_metrics.lineSpacing() + LINE_GAP
        if item.kicker:
            content += kicker_metrics.lineSpacing() + LINE_GAP
        y = inner.top() + max(0, (inner.height() - content) // 2)

        if item.kicker:
            painter.setFont(kicker_font)
            painter.setPen(palette.color(QPalette.ColorRole.Link) if not selected else text_color)
            painter.drawText(
                QRect(inner.left(), y, inner.width(), kicker_metrics.height()),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                kicker_metrics.elidedText(item.kicker, Qt.TextElideMode.ElideRight, inner.width()),
            )
            y += kicker_metrics.lineSpacing() + LINE_GAP

        if not item.read:  # a dot in the margin beside the title's first line
            accent = text_color if selected else palette.color(QPalette.ColorRole.Link)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(accent)
            middle = y + title_metrics.ascent() - title_metrics.xHeight() // 2
            painter.drawEllipse(QPoint(rect.left() + PADDING_X // 2, middle), 3, 3)
        painter.setFont(title_font)
        painter.setPen(text_color)
        painter.drawText(
            QRect(inner.left(), y, inner.width(), title_height),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
            title,
        )
        y += title_height + LINE_GAP

        painter.setFont(small)
        painter.setPen(text_color if selected else muted)
        painter.drawText(
            QRect(inner.left(), y, inner.width(), small_metrics.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            small_metrics.elidedText(meta_line(item), Qt.TextElideMode.ElideRight, inner.width()),
        )
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.drawLine(
            rect.left() + PADDING_X, rect.bottom(), rect.right() - PADDING_X, rect.bottom()
        )
        painter.restore()


def _two_lines(text: str, metrics: QFontMetrics, width: int) -> str:
    """The title wrapped to at most two lines, the second elided."""
    words = text.split()
    first = ""
    while words:
        candidate = f"{first} {words[0]}".strip()
        if metrics.horizontalAdvance(candidate) > width and first:
            break
        first = candidate
        words.pop(0)
    if not words:
        return first
    second = metrics.elidedText(" ".join(words), Qt.TextElideMode.ElideRight, width)
    return f"{first}\n{second}"


class ArticleListView(QListView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleList")
        self.setAccessibleName(self.tr("Articles"))
        self.setItemDelegate(ArticleDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setUniformItemSizes(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setMouseTracking(True)
        self.setFrameShape(QListView.Shape.NoFrame)
        self.setMinimumWidth(220)

    empty_text = ""

    def set_empty_text(self, text: str) -> None:
        """What the list says when it has no articles, e.g. how to import some."""
        self.empty_text = text
        self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.model()
        if model is None or model.rowCount() > 0 or not self.empty_text:
            return
        painter = QPainter(self.viewport())
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        area = self.viewport().rect().adjusted(PADDING_X, 40, -PADDING_X, 0)
        painter.drawText(
            area,
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
            self.empty_text,
        )
