"""How highlights are drawn in the reader.

Their backgrounds are painted into the article's text: when an article opens, as the document
is made (no extra layout, however many highlights it has); when one is added, recoloured or
removed, by repainting just its span, so the article is never rebuilt for an edit. The
selected highlight and those waiting for review get an overlay (an extra selection) on top:
there are only ever a few of those.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from itertools import pairwise

from PySide6.QtGui import QBrush, QColor, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextEdit

from reader.core.models import AnchorStatus, Article, BlockKind, Highlight
from reader.core.palette import ColorLabel
from reader.ui.document import Mark, PositionMap, overlapping

LIGHT_ALPHA = 150
DARK_ALPHA = 110
SELECTED_ALPHA = 235

# What a highlight's painted background depends on.
_Look = tuple[int, int, str]


def highlight_color(
    palette: Iterable[ColorLabel], key: str, dark: bool, selected: bool = False
) -> QColor:
    value = next((entry.color for entry in palette if entry.key == key), "#f5d547")
    color = QColor(value)
    color.setAlpha(SELECTED_ALPHA if selected else DARK_ALPHA if dark else LIGHT_ALPHA)
    return color


def drawable(highlights: Iterable[Highlight]) -> list[Highlight]:
    # An orphan has no place in this text: it is listed, not drawn.
    return [h for h in highlights if h.status is not AnchorStatus.ORPHAN and h.end > h.start]


def marks_for(
    highlights: Iterable[Highlight], palette: Sequence[ColorLabel], dark: bool
) -> list[Mark]:
    return [
        Mark(h.start, h.end, highlight_color(palette, h.color, dark)) for h in drawable(highlights)
    ]


class HighlightLayer:
    """Tracks what is drawn in one document: paints changes, finds the highlight under a
    position, and makes the overlays."""

    def __init__(self) -> None:
        self._looks: dict[int, _Look] = {}
        self._spans: list[tuple[int, int, int]] = []  # (document start, end, id), by start
        self._starts: list[int] = []

    def reset(self, highlights: Sequence[Highlight], pmap: PositionMap | None) -> None:
        """After a document was built with these highlights painted in."""
        shown = drawable(highlights)
        self._looks = {h.id: (h.start, h.end, h.color) for h in shown}
        self._index(shown, pmap)

    def _index(self, shown: Sequence[Highlight], pmap: PositionMap | None) -> None:
        if pmap is None:
            self._spans, self._starts = [], []
            return
        spans = sorted((pmap.to_document(h.start), pmap.to_document(h.end), h.id) for h in shown)
        self._spans = spans
        self._starts = [s for s, _, _ in spans]

    def update(
        self,
        document: QTextDocument,
        pmap: PositionMap,
        article: Article,
        highlights: Sequence[Highlight],
        palette: Sequence[ColorLabel],
        dark: bool,
        code_background: QColor,
    ) -> None:
        """Repaints the spans of the highlights that appeared, changed or went away."""
        shown = drawable(highlights)
        looks = {h.id: (h.start, h.end, h.color) for h in shown}
        dirty: list[tuple[int, int]] = []
        for highlight_id in self._looks.keys() | looks.keys():
            old, new = self._looks.get(highlight_id), looks.get(highlight_id)
            if old != new:
                dirty.extend((look[0], look[1]) for look in (old, new) if look is not None)
        self._looks = looks
        self._index(shown, pmap)
        if not dirty:
            return
        marks = sorted(marks_for(shown, palette, dark), key=lambda m: (m.start, m.end))
        starts = [m.start for m in marks]
        code = [
            (b.start, b.end)
            for b in article.blocks
            if b.kind in (BlockKind.CODE, BlockKind.CODE_SPAN)
        ]
        cursor = QTextCursor(document)
        for start, end in _merge(dirty):
            paints = overlapping(marks, starts, start, end)
            cuts = {start, end}
            for mark in paints:
                cuts.add(max(start, mark.start))
                cuts.add(min(end, mark.end))
            for a, b in pairwise(sorted(cuts)):
                paint = next((p for p in reversed(paints) if p.start <= a and p.end >= b), None)
                fmt = QTextCharFormat()
                if paint is not None:
                    fmt.setBackground(paint.color)
                elif any(s <= a and e >= b for s, e in code):
                    fmt.setBackground(code_background)
                else:
                    fmt.setBackground(QBrush())
                cursor.setPosition(pmap.to_document(a))
                cursor.setPosition(pmap.to_document(b), QTextCursor.MoveMode.KeepAnchor)
                cursor.mergeCharFormat(fmt)

    def overlays(
        self,
        document: QTextDocument,
        pmap: PositionMap,
        highlights: Sequence[Highlight],
        palette: Sequence[ColorLabel],
        dark: bool,
        selected: int | None,
    ) -> list[QTextEdit.ExtraSelection]:
        """The selected highlight, stronger and underlined; those needing review, dashed."""
        result: list[QTextEdit.ExtraSelection] = []
        for highlight in drawable(highlights):
            is_selected = highlight.id == selected
            if not is_selected and not highlight.status.needs_review:
                continue
            fmt = QTextCharFormat()
            if is_selected:
                fmt.setBackground(highlight_color(palette, highlight.color, dark, True))
            fmt.setUnderlineStyle(
                QTextCharFormat.UnderlineStyle.DashUnderline
                if highlight.status.needs_review
                else QTextCharFormat.UnderlineStyle.SingleUnderline
            )
            cursor = QTextCursor(document)
            cursor.setPosition(pmap.to_document(highlight.start))
            cursor.setPosition(pmap.to_document(highlight.end), QTextCursor.MoveMode.KeepAnchor)
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = fmt
            result.append(selection)
        return result

    def at(self, position: int) -> int | None:
        """The highlight under a document position (the innermost when they nest)."""
        found: int | None = None
        best = None
        for start, end, highlight_id in self._spans[: bisect_right(self._starts, position)]:
            if start <= position < end and (best is None or end - start < best):
                found, best = highlight_id, end - start
        return found


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
