"""The lazy article list model: correct for Qt, and fetching pages only as needed."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from reader.core.models import ArticleSummary
from reader.services.articles import ArticlePage
from reader.services.library import Library
from reader.ui.article_model import PAGE_SIZE, ArticleListModel, SummaryRole, meta_line


def _summary(i: int) -> ArticleSummary:
    return ArticleSummary(
        id=i,
        uuid=f"uuid-{i}",
        title=f"Article {i}",
        kicker="ANALYSIS" if i % 3 == 0 else None,
        source="Example Daily" if i % 2 else None,
        source_path=None,
        published=date(2020, 1, 1 + i % 28),
        updated=None,
        imported_at=datetime(2024, 1, 1, tzinfo=UTC),
        word_count=100 + i,
        highlight_count=i % 4,
    )


class FakePages:
    """Serves `total` summaries a page at a time and counts the requests."""

    def __init__(self, total: int) -> None:
        self.items = [_summary(i) for i in range(total, 0, -1)]
        self.calls = 0

    def __call__(self, cursor: object | None, limit: int) -> ArticlePage:
        self.calls += 1
        start = int(cursor) if cursor is not None else 0  # type: ignore[call-overload]
        items = tuple(self.items[start : start + limit])
        more = start + limit < len(self.items)
        return ArticlePage(items, start + limit if more else None)  # type: ignore[arg-type]


def test_model_passes_qt_model_tester(qtmodeltester: ModelTester) -> None:
    model = ArticleListModel(FakePages(450))
    model.reload()
    qtmodeltester.check(model)


def test_model_over_a_real_library_passes_qt_model_tester(
    qtmodeltester: ModelTester, library: Library
) -> None:
    from reader.services.articles import list_page

    model = ArticleListModel(lambda cursor, limit: list_page(library, cursor, limit))  # type: ignore[arg-type]
    model.reload()
    qtmodeltester.check(model)
    assert model.rowCount() == 2


def test_loads_one_page_at_first_and_more_on_demand() -> None:
    pages = FakePages(450)
    model = ArticleListModel(pages)
    model.reload()
    assert model.rowCount() == PAGE_SIZE
    assert pages.calls == 1
    assert model.canFetchMore()
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() == 450
    assert not model.canFetchMore()


def test_fetch_until_loads_pages_up_to_the_article() -> None:
    pages = FakePages(450)
    model = ArticleListModel(pages)
    model.reload()
    row = model.fetch_until(5)  # ids run 450..1, so id 5 is deep in the third page
    assert row == 445
    assert model.summary(row).id == 5  # type: ignore[union-attr]
    assert model.fetch_until(9999) is None


def test_rows_carry_what_the_list_shows() -> None:
    model = ArticleListModel(FakePages(3))
    model.reload()
    index = model.index(0)
    item = index.data(SummaryRole)
    assert index.data() == "Article 3"
    assert "ANALYSIS" in index.data(0x0003)  # ToolTipRole
    assert meta_line(item) == "Example Daily · 4 Jan 2020 · 103 words · 3 highlights"


def test_replace_updates_one_row_in_place(qtbot: QtBot) -> None:
    model = ArticleListModel(FakePages(3))
    model.reload()
    renamed = replace(_summary(2), title="Renamed")
    with qtbot.waitSignal(model.dataChanged):
        model.replace(renamed)
    assert model.index(1).data() == "Renamed"
