"""A small timeline of mentions by article date, drawn with QPainter (no plotting library)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QWidget


def monthly(points: Sequence[tuple[date, int]]) -> list[tuple[date, int]]:
    """Counts per month, with empty months filled in, so gaps show as gaps."""
    if not points:
        return []
    totals: dict[tuple[int, int], int] = {}
    for day, count in points:
        key = (day.year, day.month)
        totals[key] = totals.get(key, 0) + count
    first, last = min(totals), max(totals)
    result: list[tuple[date, int]] = []
    year, month = first
    while (year, month) <= last:
        result.append((date(year, month, 1), totals.get((year, month), 0)))
        month += 1
        if month == 13:
            year, month = year + 1, 1
    return result


MAX_BAR = 18  # pixels: a few months should look like a few bars, not a wall


class Timeline(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Mentions over time"))
        self._bars: list[tuple[date, int]] = []
        self.setMinimumHeight(64)

    def set_points(self, points: Sequence[tuple[date, int]]) -> None:
        self._bars = monthly(points)
        if self._bars:
            first, last = self._bars[0][0], self._bars[-1][0]
            total = sum(c for _, c in self._bars)
            self.setToolTip(
                self.tr("%n mention(s), {first} – {last}", None, total).format(
                    first=f"{first:%b %Y}", last=f"{last:%b %Y}"
                )
            )
            self.setAccessibleDescription(self.toolTip())
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(220, 64)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        area = self.rect().adjusted(2, 4, -2, -16)
        if not self._bars:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(
                self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("No dated mentions")
            )
            return
        peak = max(c for _, c in self._bars) or 1
        width = min(MAX_BAR, area.width() / len(self._bars))
        color = palette.color(QPalette.ColorRole.Link)
        for i, (_, count) in enumerate(self._bars):
            height = round(area.height() * count / peak)
            if count and height < 2:
                height = 2
            x = area.left() + round(i * width)
            bar = QRect(x, area.bottom() - height, max(1, round(width) - 1), height)
            painter.fillRect(bar, color)
        painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        font = painter.font()
        font.setPointSizeF(font.pointSizeF() * 0.8)
        painter.setFont(font)
        bottom = QRect(area.left(), area.bottom() + 2, area.width(), 14)
        painter.drawText(bottom, Qt.AlignmentFlag.AlignLeft, f"{self._bars[0][0]:%b %Y}")
        if len(self._bars) > 1:
            end = QRect(area.left(), bottom.top(), round(width * len(self._bars)), 14)
            painter.drawText(end, Qt.AlignmentFlag.AlignRight, f"{self._bars[-1][0]:%b %Y}")
