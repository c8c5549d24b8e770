"""Field filters give the same hits however the index applies them: first (a filter few
articles pass bounds the walk over the matches) or as it goes (most pass: each match is
checked as it comes), with the ranking window of the newest matching articles the same."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import update

from reader.services import annotations as notes
from reader.services import articles as article_service
from reader.services.importing import import_paths
from reader.services.library import Library
from reader.services.search import search
from reader.storage.tables import ArticleRow

COUNT = 10  # articles about the harvest; the even ones are recent


@pytest.fixture
def ids(empty_library: Library, tmp_path: Path) -> list[int]:
    found = []
    for n in range(COUNT):
        path = tmp_path / f"harvest-{n}.txt"
        path.write_text(
            f"Harvest Report {n}\n\nThe harvest in region number {n} was reported on time.\n",
            encoding="utf-8",
        )
        article_id = import_paths(empty_library, [path]).results[0].article_id
        assert article_id is not None
        found.append(article_id)
    other = tmp_path / "rain.txt"
    other.write_text("Rain\n\nRain fell all week in the valley.\n", encoding="utf-8")
    import_paths(empty_library, [other])
    with empty_library.unit() as unit:
        for n, article_id in enumerate(found):
            moment = datetime(2024 if n % 2 == 0 else 2019, 5, 1 + n, 12, tzinfo=UTC)
            unit.articles.session.execute(
                update(ArticleRow).where(ArticleRow.id == article_id).values(sort_at=moment)
            )
    return found


def hits(library: Library, query: str) -> set[tuple[str, int | None]]:
    return {(h.kind, h.highlight_id or h.article_id) for h in search(library, query, limit=100)}


def articles(library: Library, query: str) -> set[int | None]:
    found = {h.article_id for h in search(library, query, limit=100) if h.kind == "article"}
    listed = {item.id for item in article_service.list_page(library, query=query).items}
    assert listed >= found  # the list also shows articles found through their annotations
    return found


def test_filters_few_or_most_articles_pass_give_exactly_the_passing_matches(
    empty_library: Library, ids: list[int]
) -> None:
    recent = {ids[n] for n in range(0, COUNT, 2)}
    assert articles(empty_library, "after:2020 harvest") == recent
    assert articles(empty_library, "before:2020 harvest") == set(ids) - recent
    assert articles(empty_library, "is:unread harvest") == set(ids)  # every article passes
    assert articles(empty_library, "has:highlights harvest") == set()  # none passes
    made = notes.create_from_quote(empty_library, ids[3], "harvest", tags=["crops"]).highlight
    notes.add_article_tag(empty_library, ids[4], "crops")
    assert articles(empty_library, "has:highlights harvest") == {ids[3]}
    assert articles(empty_library, "tag:crops harvest") == {ids[3], ids[4]}
    assert articles(empty_library, "tag:crops after:2020 harvest") == {ids[4]}
    assert hits(empty_library, "tag:crops harvest -region") == {("highlight", made.id)}
    assert hits(empty_library, "before:2020 harvest kind:highlight") == {("highlight", made.id)}
    assert hits(empty_library, "after:2020 harvest kind:highlight") == set()
    listed = article_service.list_page(empty_library, query="has:highlights harvest").items
    assert {item.id for item in listed} == {ids[3]}
    listed = article_service.list_page(empty_library, query="before:2020 region -number").items
    assert not listed


@pytest.mark.parametrize("backend", ["sqlite"])  # the plans are the SQLite backend's
@pytest.mark.parametrize("applied", ["first", "as it goes"])
def test_both_plans_rank_the_same_window_of_newest_passing_articles(
    empty_library: Library, ids: list[int], monkeypatch: pytest.MonkeyPatch, applied: str
) -> None:
    from reader.storage.search import sqlite

    monkeypatch.setattr(sqlite, "RANKING_WINDOW", 2)  # the three newest passing articles
    # A filter is applied first when at most max(window, articles / share) pass.
    monkeypatch.setattr(sqlite, "FILTER_FIRST_SHARE", 1 if applied == "first" else 1000)
    assert articles(empty_library, "after:2020 harvest") == {ids[8], ids[6], ids[4]}
    assert articles(empty_library, "before:2020 harvest") == {ids[9], ids[7], ids[5]}
    assert articles(empty_library, "before:2020 harvest -number") == set()
    assert articles(empty_library, "has:highlights harvest") == set()
    notes.create_from_quote(empty_library, ids[1], "harvest")
    notes.create_from_quote(empty_library, ids[2], "harvest")
    assert articles(empty_library, "has:highlights harvest") == {ids[1], ids[2]}
    assert articles(empty_library, 'has:highlights "region number 2"') == {ids[2]}
