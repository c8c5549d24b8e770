"""The newest-first article list, fetched page by page as the window scrolls."""

from __future__ import annotations

from datetime import date, timedelta

from reader.core.models import Block, BlockKind, ParsedArticle
from reader.core.text import content_hash
from reader.services import articles as article_service
from reader.services.library import Library


def make_article(i: int, day: date | None) -> ParsedArticle:
    text = f"Body of article number {i}."
    return ParsedArticle(
        title=f"Article {i}",
        text=text,
        blocks=(Block(BlockKind.PARAGRAPH, 0, len(text)),),
        published=day,
    )


def fill(library: Library, n: int) -> list[tuple[int, date | None]]:
    """Adds `n` articles; many share a date, some have none (they sort by import time)."""
    made: list[tuple[int, date | None]] = []
    with library.unit() as unit:
        for i in range(n):
            day = None if i % 9 == 0 else date(2001, 1, 1) + timedelta(days=(i * 7) % 100)
            parsed = make_article(i, day)
            article_id = unit.articles.add(parsed, content_hash(parsed.text), None, "tester")
            made.append((article_id, day))
    return made


def expected_order(made: list[tuple[int, date | None]]) -> list[int]:
    undated = sorted((aid for aid, day in made if day is None), reverse=True)
    dated = sorted(((day, aid) for aid, day in made if day is not None), reverse=True)
    return undated + [aid for _, aid in dated]  # imported today is newer than 2001


def test_450_articles_in_three_pages_newest_first_without_gaps(empty_library: Library) -> None:
    made = fill(empty_library, 450)
    pages = []
    cursor = None
    while True:
        page = article_service.list_page(empty_library, cursor, limit=200)
        pages.append(page.items)
        if page.cursor is None:
            break
        cursor = page.cursor
    assert [len(p) for p in pages] == [200, 200, 50]
    ids = [item.id for p in pages for item in p]
    assert len(set(ids)) == 450
    assert ids == expected_order(made)
    assert article_service.count(empty_library) == 450


def test_list_all_matches_paging(empty_library: Library) -> None:
    made = fill(empty_library, 30)
    assert [s.id for s in article_service.list_all(empty_library)] == expected_order(made)


def test_a_page_that_ends_exactly_at_the_last_article(empty_library: Library) -> None:
    fill(empty_library, 10)
    first = article_service.list_page(empty_library, None, limit=5)
    second = article_service.list_page(empty_library, first.cursor, limit=5)
    third = article_service.list_page(empty_library, second.cursor, limit=5)
    assert len(first.items) == len(second.items) == 5
    assert {i.id for i in first.items}.isdisjoint(i.id for i in second.items)
    assert third.items == () and third.cursor is None


def test_empty_library_has_one_empty_page(empty_library: Library) -> None:
    page = article_service.list_page(empty_library)
    assert page.items == () and page.cursor is None
    assert article_service.count(empty_library) == 0
