"""Browsing the library: pages of the article list, one article, counts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from reader.core.changes import Changes
from reader.core.models import Article, ArticleSummary, PageCursor
from reader.core.palette import DEFAULT_PALETTE, ColorLabel
from reader.services.library import Library, retried


@dataclass(frozen=True)
class ArticlePage:
    """A page of the newest-first list; pass `cursor` back for the next one (None: no more)."""

    items: tuple[ArticleSummary, ...]
    cursor: PageCursor | None


def list_page(
    library: Library,
    cursor: PageCursor | None = None,
    limit: int = 200,
    *,
    tag: str | None = None,
    color: str | None = None,
    needs_review: bool = False,
    query: str | None = None,
    palette: Sequence[ColorLabel] = DEFAULT_PALETTE,
) -> ArticlePage:
    """A page of the list, optionally only articles with `tag` (on the article or on one of
    its highlights, any case), with a highlight of palette key `color`, or with highlights
    that `needs_review`. Filters combine; the cursor pages through the filtered list.

    `query` (the search language; QueryError if malformed) keeps the articles that match it
    directly or through their highlights, notes or entities, still newest first, so the
    cursor pages as usual; `reader.services.search.article_ids` gives them by score."""
    if query is not None and not query.strip():
        query = None
    filtered = tag is not None or color is not None or needs_review or query is not None
    if cursor is None and not filtered and not library.is_open:
        # The window's first page, before the library machinery has loaded.
        from reader.storage.quick import first_page

        quick = first_page(library.url, limit)
        if quick is not None:
            return ArticlePage(quick.items, quick.cursor)
    from reader.storage.article_filters import ArticleFilter

    with library.unit() as unit:
        where = ArticleFilter(color=color, needs_review=needs_review)
        if tag is not None and tag.strip():
            found = unit.tags.find(tag)
            where = ArticleFilter(
                by_tag=True,
                tag_ids=(found.id,) if found is not None else (),
                color=color,
                needs_review=needs_review,
            )
        if query is not None:
            from reader.services.search import matching_articles

            where = replace(where, matching=matching_articles(unit, query, palette))
        rows = unit.articles.page(cursor, limit, where)
    items = tuple(summary for summary, _ in rows)
    next_cursor = rows[-1][1] if len(rows) == limit else None
    return ArticlePage(items, next_cursor)


def list_all(library: Library) -> list[ArticleSummary]:
    found: list[ArticleSummary] = []
    cursor: PageCursor | None = None
    while True:
        page = list_page(library, cursor, 1000)
        found.extend(page.items)
        if page.cursor is None:
            return found
        cursor = page.cursor


def count(library: Library) -> int:
    if not library.is_open:
        from reader.storage.quick import article_count

        total = article_count(library.url)
        if total is not None:
            return total
    with library.unit() as unit:
        return unit.articles.count()


def get_article(library: Library, article_id: int) -> Article:
    with library.unit() as unit:
        return unit.articles.get(article_id)


def get_summary(library: Library, article_id: int) -> ArticleSummary:
    with library.unit() as unit:
        return unit.articles.summary(article_id)


def find_by_uuid(library: Library, uuid: str) -> int | None:
    with library.unit() as unit:
        return unit.articles.id_for_uuid(uuid)


@retried
def set_read(library: Library, article_id: int, read: bool = True) -> Changes:
    """Marks the article read (the window does on opening it) or unread again; `is:unread`
    finds the unread ones."""
    with library.unit() as unit:
        changed = unit.articles.set_read(article_id, read)
    return Changes(articles_changed=frozenset({article_id})) if changed else Changes()
