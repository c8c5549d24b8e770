"""The annotation sidebar beside the reader pane.

Highlights, tags and notes arrive with the annotation feature; until then it says plainly
what it is for and how many highlights the open article has.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from reader.core.models import Article


class AnnotationSidebar(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("annotationSidebar")
        self.setAccessibleName(self.tr("Annotations"))
        self.setMinimumWidth(200)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.setSpacing(6)

        self.heading = QLabel(self.tr("Annotations"))
        font = QFont(self.heading.font())
        font.setWeight(QFont.Weight.DemiBold)
        font.setPointSizeF(font.pointSizeF() * 1.05)
        self.heading.setFont(font)
        layout.addWidget(self.heading)

        self.empty_title = QLabel()
        self.empty_title.setObjectName("sidebarEmptyTitle")
        self.empty_title.setWordWrap(True)
        self.empty_title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.empty_hint = QLabel()
        self.empty_hint.setObjectName("sidebarEmptyHint")
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.empty_hint.setForegroundRole(self.empty_hint.foregroundRole())
        layout.addSpacing(40)
        layout.addWidget(self.empty_title)
        layout.addWidget(self.empty_hint)
        layout.addStretch(1)
        self.show_article(None)

    def show_article(self, article: Article | None) -> None:
        if article is None:
            self.empty_title.setText(self.tr("Nothing to annotate"))
            self.empty_hint.setText(self.tr("Open an article to see its highlights and notes."))
        elif article.highlight_count == 0:
            self.empty_title.setText(self.tr("No highlights yet"))
            self.empty_hint.setText(
                self.tr("Highlights and notes you make in this article will be listed here.")
            )
        else:
            count = article.highlight_count
            text = self.tr("1 highlight") if count == 1 else self.tr("{count} highlights")
            self.empty_title.setText(text.format(count=count))
            self.empty_hint.setText("")
