"""What a brief is made of, gathered by the export service and rendered by this package.

The records carry everything a renderer needs (labels of the day, paragraph numbers, entity
names) so rendering never has to ask the library anything, and the same data always gives the
same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from reader.core.models import Article, Block, BlockKind, Entity, Highlight


@dataclass(frozen=True, slots=True)
class BriefHighlight:
    highlight: Highlight
    label: str  # the colour's label as the palette names it today
    paragraph: int  # 1-based number of the paragraph holding its start; 0: none found
    entities: tuple[str, ...] = ()  # names of the entities linked to it

    @property
    def needs_review(self) -> bool:
        return self.highlight.status.needs_review


@dataclass(frozen=True, slots=True)
class BriefArticle:
    article: Article
    highlights: tuple[BriefHighlight, ...]
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Brief:
    """One brief: its articles (newest first) with their highlights in text order.

    `subject` is set for an entity dossier; `left_out` counts highlights in scope that wait
    for review and were left out (the summary says so, so nothing goes missing silently).
    """

    title: str
    made_at: datetime
    made_from: str  # what the brief was made from, in words
    articles: tuple[BriefArticle, ...]
    entities: tuple[Entity, ...]  # the entities its highlights mention, by name
    subject: Entity | None = None
    left_out: int = 0
    author: str = ""

    @property
    def highlight_count(self) -> int:
        return sum(len(item.highlights) for item in self.articles)

    @property
    def review_count(self) -> int:
        return sum(h.needs_review for item in self.articles for h in item.highlights)


def article_date(article: Article) -> date:
    """The date a brief sorts and filters an article by: its own, else its import day."""
    return article.published or article.updated or article.imported_at.date()


def paragraph_number(blocks: Sequence[Block], offset: int) -> int:
    """The 1-based number of the paragraph holding `offset`, counting every text block that
    is not a heading (paragraphs, quotes, list items, code), as a reader counts paragraphs on
    the page; 0 when no block holds it (an article without structure)."""
    number = 0
    for block in blocks:
        if block.kind.is_inline or block.kind is BlockKind.HEADING:
            continue
        number += 1
        if block.start <= offset < block.end:
            return number
        if block.start > offset:
            break
    return 0
