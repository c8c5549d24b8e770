"""Which articles the list shows: the filters and the per-article counts it sorts out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, exists, func, or_, select

from reader.storage.tables import ArticleRow, ArticleTagRow, HighlightRow, HighlightTagRow

REVIEW_STATUSES = ("fuzzy", "orphan")  # AnchorStatus values that need a person's review

highlight_count = (
    select(func.count(HighlightRow.id))
    .where(HighlightRow.article_id == ArticleRow.id)
    .correlate(ArticleRow)
    .scalar_subquery()
)
review_count = (
    select(func.count(HighlightRow.id))
    .where(HighlightRow.article_id == ArticleRow.id, HighlightRow.status.in_(REVIEW_STATUSES))
    .correlate(ArticleRow)
    .scalar_subquery()
)


@dataclass(frozen=True, slots=True)
class ArticleFilter:
    """Which articles the list shows; the default shows them all.

    `tag_ids`: articles carrying any of these tags, on the article or on one of its highlights
    (empty tuple with `by_tag`: a tag that does not exist, so nothing matches); `color`: a
    palette key some highlight has; `needs_review`: some highlight is fuzzy or orphaned.
    """

    by_tag: bool = False
    tag_ids: tuple[int, ...] = ()
    color: str | None = None
    needs_review: bool = False
    matching: Any = None  # a subquery of article ids (a search: SearchIndex.matching_articles)

    def __bool__(self) -> bool:
        return (
            self.by_tag or self.color is not None or self.needs_review or self.matching is not None
        )


def conditions(where: ArticleFilter) -> list[ColumnElement[bool]]:
    """The WHERE terms for `where`, on the articles table."""
    found: list[ColumnElement[bool]] = []
    if where.by_tag:
        ids = list(where.tag_ids)
        on_article = exists().where(
            ArticleTagRow.article_id == ArticleRow.id, ArticleTagRow.tag_id.in_(ids)
        )
        on_highlight = exists().where(
            HighlightRow.article_id == ArticleRow.id,
            HighlightTagRow.highlight_id == HighlightRow.id,
            HighlightTagRow.tag_id.in_(ids),
        )
        found.append(or_(on_article, on_highlight))
    if where.color is not None:
        found.append(
            exists().where(
                HighlightRow.article_id == ArticleRow.id, HighlightRow.color == where.color
            )
        )
    if where.needs_review:
        found.append(
            exists().where(
                HighlightRow.article_id == ArticleRow.id,
                HighlightRow.status.in_(REVIEW_STATUSES),
            )
        )
    if where.matching is not None:
        found.append(ArticleRow.id.in_(where.matching))
    return found
