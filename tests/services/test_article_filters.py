"""The article list filtered by tag, colour and "needs review", page by page."""

from __future__ import annotations

import pytest

from reader.core.models import ArticleSummary, PageCursor
from reader.services import annotations as notes
from reader.services import articles as article_service
from reader.services.library import Library
from tests.storage.test_paging import fill


def all_pages(
    library: Library,
    limit: int,
    *,
    tag: str | None = None,
    color: str | None = None,
    needs_review: bool = False,
) -> list[ArticleSummary]:
    found: list[ArticleSummary] = []
    cursor: PageCursor | None = None
    pages = 0
    while True:
        page = article_service.list_page(
            library, cursor, limit, tag=tag, color=color, needs_review=needs_review
        )
        found.extend(page.items)
        pages += 1
        assert pages < 100
        if page.cursor is None:
            return found
        cursor = page.cursor


@pytest.fixture
def marked(empty_library: Library) -> dict[str, list[int]]:
    """40 articles: every 3rd has a claim highlight tagged Iran, every 5th a quote-coloured
    highlight, every 7th is tagged "iran" itself; article 0 of the 40 has a highlight whose
    status needs review."""
    made = fill(empty_library, 40)
    ids = [article_id for article_id, _ in made]
    tagged, coloured, article_tagged = [], [], []
    for n, article_id in enumerate(ids):
        if n % 3 == 0:
            notes.create_highlight(empty_library, article_id, 0, 4, color="claim", tags=["Iran"])
            tagged.append(article_id)
        if n % 5 == 0:
            notes.create_highlight(empty_library, article_id, 5, 7, color="quote")
            coloured.append(article_id)
        if n % 7 == 0:
            notes.add_article_tag(empty_library, article_id, "iran")
            article_tagged.append(article_id)
    review_id = ids[1]
    h = notes.create_highlight(empty_library, review_id, 8, 15).highlight
    with empty_library.unit() as unit:
        unit.highlights.update(h.id, status="orphan", score=0.2)
    order = [s.id for s in article_service.list_all(empty_library)]
    return {
        "order": order,
        "tag": [i for i in order if i in set(tagged) | set(article_tagged)],
        "claim": [i for i in order if i in set(tagged)],
        "quote": [i for i in order if i in set(coloured)],
        "review": [review_id],
    }


def test_filter_by_tag_on_articles_or_highlights(
    empty_library: Library, marked: dict[str, list[int]]
) -> None:
    for limit in (1, 4, 100):
        assert [s.id for s in all_pages(empty_library, limit, tag="IRAN")] == marked["tag"]
    assert all_pages(empty_library, 5, tag="nowhere") == []


def test_filter_by_colour(empty_library: Library, marked: dict[str, list[int]]) -> None:
    assert [s.id for s in all_pages(empty_library, 3, color="claim")] == marked["claim"]
    assert [s.id for s in all_pages(empty_library, 3, color="quote")] == marked["quote"]
    assert all_pages(empty_library, 3, color="evidence") == []


def test_filters_combine(empty_library: Library, marked: dict[str, list[int]]) -> None:
    both = [i for i in marked["tag"] if i in marked["quote"]]
    assert both
    assert [s.id for s in all_pages(empty_library, 2, tag="iran", color="quote")] == both


def test_filter_needs_review_and_the_counts(
    empty_library: Library, marked: dict[str, list[int]]
) -> None:
    found = all_pages(empty_library, 2, needs_review=True)
    assert [s.id for s in found] == marked["review"]
    assert found[0].review_count == 1 and found[0].highlight_count >= 1
    everything = all_pages(empty_library, 7)
    assert [s.id for s in everything] == marked["order"]
    assert sum(s.review_count for s in everything) == 1


def test_an_unfiltered_list_still_pages_without_gaps(
    empty_library: Library, marked: dict[str, list[int]]
) -> None:
    assert [s.id for s in all_pages(empty_library, 6)] == marked["order"]
    assert len(marked["order"]) == 40
