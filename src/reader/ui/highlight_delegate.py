"""Draws one highlight in the sidebar: colour and label, the quote, tags and the note."""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from reader.core.models import Highlight
from reader.core.palette import DEFAULT_PALETTE, ColorLabel
from reader.ui.highlight_model import HighlightRole, status_word

PAD = 10
BAR = 4
QUOTE_LINES = 3
NOTE_LINES = 2


def _lines(text: str, metrics: QFontMetrics, width: int, most: int) -> list[str]:
    """Word-wrapped lines, at most `most`, the last elided."""
    words = text.split()
    lines: list[str] = []
    current = ""
    while words:
        candidate = f"{current} {words[0]}".strip()
        if metrics.horizontalAdvance(candidate) <= width or not current:
            current = candidate
            words.pop(0)
            continue
        lines.append(current)
        current = ""
        if len(lines) == most - 1:
            rest = " ".join(words)
            lines.append(metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width))
            return lines
    if current:
        lines.append(metrics.elidedText(current, Qt.TextElideMode.ElideRight, width))
    return lines


_MARKUP = re.compile(r"(^|\s)[#>*+-]+\s|[*_`~]+|!?\[([^\]]*)\]\([^)]*\)")


def _plain(note: str) -> str:
    """A note's words without Markdown's marks, for the one-line preview."""
    return _MARKUP.sub(lambda m: (m.group(1) or "") + (m.group(2) or ""), note).strip()


def _text(
    painter: QPainter, left: int, y: int, width: int, metrics: QFontMetrics, text: str
) -> None:
    painter.drawText(QRect(left, y, width, metrics.height()), Qt.AlignmentFlag.AlignLeft, text)


class HighlightDelegate(QStyledItemDelegate):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.palette_entries: tuple[ColorLabel, ...] = DEFAULT_PALETTE
        self._heights: dict[tuple[object, ...], int] = {}

    def set_palette(self, entries: Sequence[ColorLabel]) -> None:
        self.palette_entries = tuple(entries)

    def _entry(self, key: str) -> ColorLabel:
        for entry in self.palette_entries:
            if entry.key == key:
                return entry
        return ColorLabel(key, key, "#cccccc")

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont]:
        label = QFont(option.font)
        label.setPointSizeF(option.font.pointSizeF() * 0.8)
        label.setWeight(QFont.Weight.DemiBold)
        label.setCapitalization(QFont.Capitalization.AllUppercase)
        quote = QFont(option.font)
        small = QFont(option.font)
        small.setPointSizeF(option.font.pointSizeF() * 0.88)
        return label, quote, small

    def _layout(
        self, item: Highlight, option: QStyleOptionViewItem, width: int
    ) -> tuple[list[str], str, list[str], int]:
        label_font, quote_font, small = self._fonts(option)
        quote_lines = _lines(f"“{item.exact}”", QFontMetrics(quote_font), width, QUOTE_LINES)
        tags = "  ".join(f"#{tag}" for tag in item.tags)
        note = _plain(item.note)
        note_lines = _lines(note, QFontMetrics(small), width, NOTE_LINES) if note else []
        height = 2 * PAD + QFontMetrics(label_font).lineSpacing() + 4
        height += len(quote_lines) * QFontMetrics(quote_font).lineSpacing()
        if tags:
            height += QFontMetrics(small).lineSpacing() + 3
        if note_lines:
            height += len(note_lines) * QFontMetrics(small).lineSpacing() + 3
        return quote_lines, tags, note_lines, height

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        item = index.data(HighlightRole)
        # The view's width, not option.rect's: rows are measured before they have a place.
        view = self.parent()
        full = view.viewport().width() if isinstance(view, QAbstractItemView) else 0
        width = max(120, (full or option.rect.width()) - 2 * PAD - BAR - 6)
        if not isinstance(item, Highlight):
            return QSize(width, 40)
        # Wrapping is measured word by word; an article's worth of rows is laid out at once
        # when it opens, so each row's height is kept until the row or the width changes.
        key = (item.id, item.row_version, item.exact, item.note, item.tags, width)
        height = self._heights.get(key)
        if height is None:
            height = self._layout(item, option, width)[3]
            if len(self._heights) > 5000:
                self._heights.clear()
            self._heights[key] = height
        return QSize(width, height)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        item = index.data(HighlightRole)
        if not isinstance(item, Highlight):
            return
        painter.save()
        palette = option.palette
        rect = option.rect
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.fillRect(rect, palette.color(QPalette.ColorRole.Highlight))
        entry = self._entry(item.color)
        painter.fillRect(
            QRect(rect.left() + 4, rect.top() + 6, BAR, rect.height() - 12), QColor(entry.color)
        )
        text_color = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        muted = text_color if selected else palette.color(QPalette.ColorRole.PlaceholderText)
        label_font, quote_font, small = self._fonts(option)
        left = rect.left() + PAD + BAR
        width = rect.width() - 2 * PAD - BAR - 6
        quote_lines, tags, note_lines, _ = self._layout(item, option, width)
        y = rect.top() + PAD

        painter.setFont(label_font)
        painter.setPen(muted)
        label = entry.label
        if item.status.needs_review:
            label = self.tr("{label} · needs review ({status})").format(
                label=label, status=status_word(item.status)
            )
        metrics = QFontMetrics(label_font)
        painter.drawText(QRect(left, y, width, metrics.height()), Qt.AlignmentFlag.AlignLeft, label)
        y += metrics.lineSpacing() + 4

        painter.setFont(quote_font)
        painter.setPen(text_color)
        metrics = QFontMetrics(quote_font)
        for line in quote_lines:
            painter.drawText(
                QRect(left, y, width, metrics.height()), Qt.AlignmentFlag.AlignLeft, line
            )
            y += metrics.lineSpacing()

        painter.setFont(small)
        metrics = QFontMetrics(small)
        if tags:
            y += 3
            painter.setPen(palette.color(QPalette.ColorRole.Link) if not selected else text_color)
            painter.drawText(
                QRect(left, y, width, metrics.height()),
                Qt.AlignmentFlag.AlignLeft,
                metrics.elidedText(tags, Qt.TextElideMode.ElideRight, width),
            )
            y += metrics.lineSpacing()
        if note_lines:
            y += 3
            painter.setPen(muted)
            for line in note_lines:
                painter.drawText(
                    QRect(left, y, width, metrics.height()), Qt.AlignmentFlag.AlignLeft, line
                )
                y += metrics.lineSpacing()
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.drawLine(rect.left() + PAD, rect.bottom(), rect.right() - PAD, rect.bottom())
        painter.restore()
