"""Builds the reader pane's QTextDocument from an article, block by block.

The document is made with a text cursor rather than from HTML so that Reader knows exactly
where each block of the canonical text lands: `PositionMap` turns code-point offsets of the
article into Qt's UTF-16 document positions and back, which is what highlights and search hits
will be drawn with.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextListFormat,
)

from reader.core.models import Article, Block, BlockKind
from reader.core.text import Utf16Map
from reader.ui.i18n import TranslationContext
from reader.ui.theme import ReadingColors

ReaderDocument = TranslationContext("ReaderDocument")

LINE_HEIGHT_PERCENT = 150


# Tried in order; Qt falls through to the next without listing every installed font.
READING_FAMILIES = ("Charter", "Source Serif 4", "Georgia", "Noto Serif", "DejaVu Serif")


@dataclass(frozen=True)
class Typography:
    family: str  # empty: the first of READING_FAMILIES that is installed
    size: float  # points

    def font(self, scale: float = 1.0, weight: QFont.Weight = QFont.Weight.Normal) -> QFont:
        font = QFont()
        font.setFamilies([self.family] if self.family else list(READING_FAMILIES))
        font.setStyleHint(QFont.StyleHint.Serif)
        font.setPointSizeF(self.size * scale)
        font.setWeight(weight)
        return font


@dataclass(frozen=True)
class Mark:
    """A background painted over `[start, end)` of the article text (code points)."""

    start: int
    end: int
    color: QColor


def overlapping(marks: Sequence[Mark], starts: Sequence[int], start: int, end: int) -> list[Mark]:
    """The marks (sorted by start, with `starts` their start offsets) that meet [start, end)."""
    return [m for m in marks[: bisect_left(starts, end)] if m.end > start]


class PositionMap:
    """Maps code-point offsets in the article text to document positions and back."""

    def __init__(self, text: str, starts: list[tuple[int, int, int]]) -> None:
        # starts: (text start, text end, document position of the block's first character)
        self._units = Utf16Map(text)
        self._starts = starts
        self._text_starts = [s for s, _, _ in starts]
        self._doc_starts = [d for _, _, d in starts]

    def to_document(self, offset: int) -> int:
        i = max(0, bisect_right(self._text_starts, offset) - 1)
        start, end, doc = self._starts[i]
        offset = min(max(offset, start), end)
        return doc + self._units.to_utf16(offset) - self._units.to_utf16(start)

    def to_text(self, position: int) -> int:
        i = max(0, bisect_right(self._doc_starts, position) - 1)
        start, end, doc = self._starts[i]
        base = self._units.to_utf16(start)
        offset = self._units.to_code_point(base + max(0, position - doc))
        return min(max(offset, start), end)

    @property
    def body_start(self) -> int:
        return self._doc_starts[0] if self._doc_starts else 0


def _date_line(article: Article) -> str:
    parts: list[str] = []
    if article.source:
        parts.append(article.source)
    if article.byline:
        parts.append(ReaderDocument.tr("By {name}").format(name=article.byline))
    if article.published:
        parts.append(
            ReaderDocument.tr("Published {date}").format(date=_long_date(article.published))
        )
    if article.updated and article.updated != article.published:
        parts.append(ReaderDocument.tr("Updated {date}").format(date=_long_date(article.updated)))
    parts.append(ReaderDocument.tr("%Ln word(s)", None, article.word_count))
    return "  ·  ".join(parts)


def _long_date(day: date) -> str:
    return f"{day.day} {day.strftime('%B')} {day.year}"


class DocumentBuilder:
    def __init__(self, typography: Typography, colors: ReadingColors) -> None:
        self.type = typography
        self.colors = colors
        self._marks: list[Mark] = []
        self._mark_starts: list[int] = []

    def _paragraph_format(self, top: float = 0.0, bottom: float | None = None) -> QTextBlockFormat:
        fmt = QTextBlockFormat()
        fmt.setLineHeight(
            LINE_HEIGHT_PERCENT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
        )
        fmt.setTopMargin(top)
        fmt.setBottomMargin(self.type.size * 0.9 if bottom is None else bottom)
        return fmt

    def _char(
        self, scale: float = 1.0, weight: QFont.Weight = QFont.Weight.Normal
    ) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setFont(self.type.font(scale, weight))
        fmt.setForeground(self.colors.text)
        return fmt

    def build(
        self, article: Article, marks: Sequence[Mark] = ()
    ) -> tuple[QTextDocument, PositionMap]:
        """The article as a document; `marks` are highlight backgrounds painted into the text
        as it is made, so a long article's highlights cost no extra layout."""
        self._marks = sorted(marks, key=lambda m: (m.start, m.end))
        self._mark_starts = [m.start for m in self._marks]
        doc = QTextDocument()
        doc.setDocumentMargin(self.type.size * 1.6)
        doc.setDefaultFont(self.type.font())
        doc.setUndoRedoEnabled(False)
        cursor = QTextCursor(doc)
        self._header(cursor, article)
        starts = self._body(cursor, article)
        return doc, PositionMap(article.text, starts)

    def _header(self, cursor: QTextCursor, article: Article) -> None:
        first = True

        def block(fmt: QTextBlockFormat) -> None:
            nonlocal first
            if first:
                cursor.setBlockFormat(fmt)
                first = False
            else:
                cursor.insertBlock(fmt)

        if article.kicker:
            kicker = self._char(0.72, QFont.Weight.DemiBold)
            font = kicker.font()
            font.setCapitalization(QFont.Capitalization.AllUppercase)
            font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 110)
            kicker.setFont(font)
            kicker.setForeground(self.colors.accent)
            block(self._paragraph_format(bottom=self.type.size * 0.4))
            cursor.insertText(article.kicker, kicker)
        title_format = self._paragraph_format(bottom=self.type.size * 0.6)
        title_format.setLineHeight(120, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        block(title_format)
        cursor.insertText(article.title, self._char(1.6, QFont.Weight.Bold))
        meta = self._char(0.78)
        meta_font = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
        meta_font.setPointSizeF(self.type.size * 0.72)  # the interface font, not the reading one
        meta.setFont(meta_font)
        meta.setForeground(self.colors.muted)
        meta_format = self._paragraph_format(bottom=self.type.size * 2.0)
        cursor.insertBlock(meta_format)
        cursor.insertText(_date_line(article), meta)

    def _block_format(self, block: Block) -> QTextBlockFormat:
        size = self.type.size
        if block.kind is BlockKind.HEADING:
            return self._paragraph_format(top=size * 0.8, bottom=size * 0.4)
        if block.kind is BlockKind.QUOTE:
            fmt = self._paragraph_format()
            fmt.setLeftMargin(size * 1.6)
            fmt.setRightMargin(size * 1.0)
            return fmt
        if block.kind is BlockKind.CODE:
            fmt = self._paragraph_format()
            fmt.setLineHeight(120, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
            fmt.setBackground(self.colors.code_background)
            fmt.setLeftMargin(size * 0.5)
            fmt.setNonBreakableLines(True)
            return fmt
        if block.kind is BlockKind.LIST_ITEM:
            return self._paragraph_format(bottom=size * 0.35)
        return self._paragraph_format()

    def _block_char(self, block: Block) -> QTextCharFormat:
        if block.kind is BlockKind.HEADING:
            scale = {1: 1.45, 2: 1.3, 3: 1.15}.get(block.level, 1.05)
            return self._char(scale, QFont.Weight.Bold)
        fmt = self._char()
        if block.kind is BlockKind.QUOTE:
            fmt.setFontItalic(True)
            fmt.setForeground(self.colors.muted)
        elif block.kind is BlockKind.CODE:
            fmt.setFont(_monospace(self.type.size * 0.85))
        return fmt

    def _inline_char(self, base: QTextCharFormat, marks: list[Block]) -> QTextCharFormat:
        fmt = QTextCharFormat(base)
        for mark in marks:
            if mark.kind is BlockKind.EMPHASIS:
                fmt.setFontItalic(True)
            elif mark.kind is BlockKind.STRONG:
                fmt.setFontWeight(QFont.Weight.Bold)
            elif mark.kind is BlockKind.CODE_SPAN:
                fmt.setFont(_monospace(self.type.size * 0.88))
                fmt.setBackground(self.colors.code_background)
            elif mark.kind is BlockKind.LINK:
                fmt.setForeground(self.colors.link)
                fmt.setFontUnderline(True)
                fmt.setAnchor(True)
                fmt.setAnchorHref(mark.href or "")
                fmt.setToolTip(mark.href or "")
        return fmt

    def _body(self, cursor: QTextCursor, article: Article) -> list[tuple[int, int, int]]:
        text = article.text
        structural = [b for b in article.blocks if not b.kind.is_inline]
        inline = sorted((b for b in article.blocks if b.kind.is_inline), key=lambda b: b.start)
        starts: list[tuple[int, int, int]] = []
        lists: dict[tuple[int, bool], object] = {}
        for block in structural:
            cursor.insertBlock(self._block_format(block))
            if block.kind is BlockKind.LIST_ITEM:
                key = (block.level, block.number > 0)
                current = lists.get(key)
                if current is None or block.number == 1:
                    list_format = QTextListFormat()
                    list_format.setStyle(
                        QTextListFormat.Style.ListDecimal
                        if block.number
                        else QTextListFormat.Style.ListDisc
                    )
                    list_format.setIndent(max(1, block.level))
                    current = cursor.createList(list_format)
                    lists[key] = current
                else:
                    current.add(cursor.block())  # type: ignore[attr-defined]
            else:
                lists.clear()
            starts.append((block.start, block.end, cursor.position()))
            self._insert_runs(cursor, text, block, inline)
        return starts

    def _insert_runs(
        self, cursor: QTextCursor, text: str, block: Block, inline: list[Block]
    ) -> None:
        base = self._block_char(block)
        marks = [m for m in inline if m.start < block.end and m.end > block.start]
        paints = overlapping(self._marks, self._mark_starts, block.start, block.end)
        if not marks and not paints:
            cursor.insertText(text[block.start : block.end].replace("\n", "\u2028"), base)
            return
        cuts = {block.start, block.end}
        for span_start, span_end in [(m.start, m.end) for m in marks] + [
            (p.start, p.end) for p in paints
        ]:
            cuts.add(max(block.start, span_start))
            cuts.add(min(block.end, span_end))
        for a, b in pairwise(sorted(cuts)):
            active = [m for m in marks if m.start <= a and m.end >= b]
            fmt = self._inline_char(base, active) if active else base
            paint = next((p for p in reversed(paints) if p.start <= a and p.end >= b), None)
            if paint is not None:
                fmt = QTextCharFormat(fmt)
                fmt.setBackground(paint.color)
            cursor.insertText(text[a:b].replace("\n", "\u2028"), fmt)


def _monospace(size: float) -> QFont:
    font = QFont("DejaVu Sans Mono")
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setFixedPitch(True)
    font.setPointSizeF(size)
    return font


def placeholder_document(
    message: str, hint: str, typography: Typography, colors: ReadingColors
) -> QTextDocument:
    """The reader pane's empty state."""
    doc = QTextDocument()
    doc.setDocumentMargin(typography.size * 3)
    cursor = QTextCursor(doc)
    fmt = QTextBlockFormat()
    fmt.setAlignment(Qt.AlignmentFlag.AlignHCenter)
    fmt.setTopMargin(typography.size * 6)
    cursor.setBlockFormat(fmt)
    title = QTextCharFormat()
    title.setFont(typography.font(1.2, QFont.Weight.DemiBold))
    title.setForeground(colors.muted)
    cursor.insertText(message, title)
    hint_format = QTextBlockFormat()
    hint_format.setAlignment(Qt.AlignmentFlag.AlignHCenter)
    hint_format.setTopMargin(typography.size * 0.6)
    cursor.insertBlock(hint_format)
    small = QTextCharFormat()
    small.setFont(typography.font(0.85))
    small.setForeground(colors.muted)
    cursor.insertText(hint, small)
    return doc


def welcome_document(
    title: str,
    steps: list[tuple[str, str]],
    closing: str,
    typography: Typography,
    colors: ReadingColors,
) -> QTextDocument:
    """The first run's welcome in the reader pane: what to do, step by step."""
    doc = QTextDocument()
    doc.setDocumentMargin(typography.size * 3)
    cursor = QTextCursor(doc)
    heading = QTextCharFormat()
    heading.setFont(typography.font(1.5, QFont.Weight.Bold))
    heading.setForeground(colors.text)
    cursor.insertText(title, heading)
    label = QTextCharFormat()
    label.setFont(typography.font(1.0, QFont.Weight.DemiBold))
    label.setForeground(colors.accent)
    body = QTextCharFormat()
    body.setFont(typography.font())
    body.setForeground(colors.text)
    for name, text in steps:
        fmt = QTextBlockFormat()
        fmt.setTopMargin(typography.size * 0.9)
        fmt.setLineHeight(
            LINE_HEIGHT_PERCENT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
        )
        cursor.insertBlock(fmt)
        cursor.insertText(f"{name}  ", label)
        cursor.insertText(text, body)
    end = QTextBlockFormat()
    end.setTopMargin(typography.size * 1.4)
    cursor.insertBlock(end)
    muted = QTextCharFormat(body)
    muted.setForeground(colors.muted)
    cursor.insertText(closing, muted)
    return doc
