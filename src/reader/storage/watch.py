"""Cheap signatures of what others may change in a shared library, for the window to poll.

Each is a handful of aggregate values over indexed columns (the open article's highlights
through their article index), so asking every few seconds costs milliseconds even on a large
library.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reader.storage.tables import (
    ArticleRow,
    ArticleTagRow,
    EntityRow,
    HighlightRow,
    HighlightTagRow,
    TagRow,
)

Signature = tuple[object, ...]


class WatchRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def articles(self) -> Signature:
        """Changes when an article is added or deleted. Not when one is marked read: opening
        an article does that, and the window would reload its own list after every opening."""
        row = self.session.execute(select(func.count(ArticleRow.id), func.max(ArticleRow.id))).one()
        return tuple(row)

    def entities(self) -> Signature:
        row = self.session.execute(
            select(func.count(EntityRow.id), func.max(EntityRow.modified))
        ).one()
        return tuple(row)

    def tags(self) -> Signature:
        row = self.session.execute(
            select(
                select(func.count(TagRow.id)).scalar_subquery(),
                select(func.max(TagRow.id)).scalar_subquery(),
                select(func.count()).select_from(ArticleTagRow).scalar_subquery(),
                select(func.count()).select_from(HighlightTagRow).scalar_subquery(),
            )
        ).one()
        return tuple(row)

    def highlight_versions(self, article_id: int) -> dict[int, int]:
        """Each highlight of the article and its row version (bumped by every change)."""
        rows = self.session.execute(
            select(HighlightRow.id, HighlightRow.row_version).where(
                HighlightRow.article_id == article_id
            )
        )
        return {int(i): int(v) for i, v in rows}
