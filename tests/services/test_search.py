"""Search as a person uses it: ranking, accents, stemming, phrases, OR, exclusion, prefixes,
snippets that point at the match, and input that tries to be SQL or FTS syntax."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from reader.services import articles as article_service
from reader.services import search as search_service
from reader.services.importing import import_paths
from reader.services.library import Library
from reader.services.search import QueryError, search

STORIES = {
    "pipeline.txt": "Pipeline Deal Signed\n\nThe two governments signed the deal on Monday.\n",
    "zurich.txt": (
        "Bankers Meet\n\nBankers gathered in Zürich for the annual meeting. They said the "
        "pipeline was a minor topic.\n"
    ),
    "talks.txt": (
        "Trade Envoys Gather\n\nEnvoys were negotiating late into the night after a deep "
        "freeze in relations.\n"
    ),
    "freeze.txt": (
        "Winter Arrives\n\nThe freeze came early. Deep snow covered the roads and a truce "
        "held in the valley.\n"
    ),
}


def add(library: Library, folder: Path, name: str, body: str) -> int:
    path = folder / name
    path.write_text(body, encoding="utf-8")
    article_id = import_paths(library, [path]).results[0].article_id
    assert article_id is not None
    return article_id


@pytest.fixture
def ids(empty_library: Library, tmp_path: Path) -> dict[str, int]:
    return {name: add(empty_library, tmp_path, name, body) for name, body in STORIES.items()}


def titles(library: Library, query: str, **kw: object) -> list[str]:
    return [hit.title for hit in search(library, query, **kw)]  # type: ignore[arg-type]


def test_a_title_match_ranks_above_a_mention_in_the_text(
    empty_library: Library, ids: dict[str, int]
) -> None:
    assert titles(empty_library, "pipeline") == ["Pipeline Deal Signed", "Bankers Meet"]


def test_accents_and_case_do_not_matter(empty_library: Library, ids: dict[str, int]) -> None:
    assert titles(empty_library, "ZURICH") == ["Bankers Meet"]
    assert titles(empty_library, "zürich") == ["Bankers Meet"]


def test_english_words_match_their_other_forms(empty_library: Library, ids: dict[str, int]) -> None:
    assert titles(empty_library, "negotiations") == ["Trade Envoys Gather"]
    assert titles(empty_library, "gathering") == ["Trade Envoys Gather", "Bankers Meet"] or set(
        titles(empty_library, "gathering")
    ) == {"Trade Envoys Gather", "Bankers Meet"}


def test_prefix_phrase_or_and_exclusion(empty_library: Library, ids: dict[str, int]) -> None:
    assert titles(empty_library, "negot*") == ["Trade Envoys Gather"]
    assert titles(empty_library, '"deep freeze"') == ["Trade Envoys Gather"]
    assert set(titles(empty_library, "deep freeze")) == {"Trade Envoys Gather", "Winter Arrives"}
    assert set(titles(empty_library, "truce OR negotiating")) == {
        "Trade Envoys Gather",
        "Winter Arrives",
    }
    assert titles(empty_library, "freeze -snow") == ["Trade Envoys Gather"]


def test_an_article_hit_points_at_the_first_match(
    empty_library: Library, ids: dict[str, int]
) -> None:
    (hit,) = search(empty_library, "zurich")
    article = article_service.get_article(empty_library, ids["zurich.txt"])
    assert hit.kind == "article" and hit.article_id == ids["zurich.txt"]
    assert hit.start is not None and hit.end is not None
    assert article.text[hit.start : hit.end] == "Zürich"
    ((a, b),) = hit.marks
    assert hit.snippet[a:b] == "Zürich"
    assert "\x02" not in hit.snippet and hit.score > 0


def test_a_title_only_match_has_no_place_in_the_text(
    empty_library: Library, ids: dict[str, int]
) -> None:
    (hit,) = search(empty_library, "bankers -gathered") or [None]
    assert hit is None or hit.start is None


@pytest.mark.parametrize(
    "query",
    [
        "tag:x' OR 1=1 --x",
        '"a" NEAR(',
        "NEAR(pipeline deal)",
        "pipeline'; DROP TABLE articles; --",
        "{title}: pipeline",
        "title:pipeline",
        "pipeline AND deal",
        "^pipeline",
        "source:%",
        "source:_",
        "tag:'; DELETE FROM tags; --",
    ],
)
def test_injection_attempts_are_text_or_clear_errors(
    empty_library: Library, ids: dict[str, int], query: str
) -> None:
    try:
        search(empty_library, query)
    except QueryError as exc:
        assert str(exc)
    assert article_service.count(empty_library) == len(STORIES)


def test_field_wildcards_in_source_are_literal(empty_library: Library, ids: dict[str, int]) -> None:
    with empty_library.unit() as unit:
        unit.articles.session.execute(text("UPDATE articles SET source = 'Reuters'"))
    assert search(empty_library, "source:%") == []
    assert len(search(empty_library, "source:reut pipeline")) == 2


def test_malformed_queries_raise_query_errors(empty_library: Library) -> None:
    for query in ("tag:", '"open', "OR", "after:yesterdayish"):
        with pytest.raises(QueryError):
            search(empty_library, query)
        with pytest.raises(QueryError):
            search_service.check_query(query)
    with pytest.raises(QueryError, match="no colour called 'mauve'"):
        search(empty_library, "label:mauve x")
    search_service.check_query("label:mauve x")  # without a palette, labels are not checked
    with pytest.raises(QueryError):
        search_service.check_query("label:mauve x", palette=search_service.DEFAULT_PALETTE)


def test_reindex_rebuilds_the_same_index(empty_library: Library, ids: dict[str, int]) -> None:
    seen: list[tuple[int, int]] = []
    count = search_service.reindex(empty_library, progress=lambda d, t: seen.append((d, t)))
    assert count == len(STORIES)
    assert seen[-1] == (len(STORIES), len(STORIES))
    assert titles(empty_library, "pipeline") == ["Pipeline Deal Signed", "Bankers Meet"]


def test_a_cancelled_reindex_keeps_the_old_index(
    empty_library: Library, ids: dict[str, int]
) -> None:
    with pytest.raises(search_service.ReaderError, match="cancelled"):
        search_service.reindex(empty_library, cancelled=lambda: True)
    assert len(search(empty_library, "pipeline")) == 2


def test_the_article_list_pages_through_matching_articles(
    empty_library: Library, ids: dict[str, int]
) -> None:
    first = article_service.list_page(empty_library, limit=1, query="deep OR pipeline")
    second = article_service.list_page(
        empty_library, first.cursor, limit=1, query="deep OR pipeline"
    )
    third = article_service.list_page(
        empty_library, second.cursor, limit=1, query="deep OR pipeline"
    )
    fourth = article_service.list_page(
        empty_library, third.cursor, limit=1, query="deep OR pipeline"
    )
    found = {item.title for page in (first, second, third, fourth) for item in page.items}
    assert found == {
        "Pipeline Deal Signed",
        "Bankers Meet",
        "Trade Envoys Gather",
        "Winter Arrives",
    }
    narrow = article_service.list_page(empty_library, query="zurich")
    assert [item.title for item in narrow.items] == ["Bankers Meet"]
    assert article_service.list_page(empty_library, query="  ").items  # blank: no filter
    with pytest.raises(QueryError):
        article_service.list_page(empty_library, query="tag:")


def test_article_ids_best_first(empty_library: Library, ids: dict[str, int]) -> None:
    assert search_service.article_ids(empty_library, "pipeline") == [
        ids["pipeline.txt"],
        ids["zurich.txt"],
    ]
    assert search_service.article_ids(empty_library, "pipeline", limit=1) == [ids["pipeline.txt"]]


def test_saved_searches(empty_library: Library) -> None:
    first = search_service.save_search(empty_library, "Pipelines", "pipeline")
    search_service.save_search(empty_library, "after 2024", "after:2024")
    replaced = search_service.save_search(empty_library, "pipelines", "pipeline -gas")
    assert replaced.id == first.id
    assert [(s.name, s.query) for s in search_service.saved_searches(empty_library)] == [
        ("after 2024", "after:2024"),
        ("pipelines", "pipeline -gas"),
    ]
    with pytest.raises(QueryError):
        search_service.save_search(empty_library, "broken", '"open')
    search_service.delete_saved_search(empty_library, first.id)
    assert [s.name for s in search_service.saved_searches(empty_library)] == ["after 2024"]
    with pytest.raises(search_service.ReaderError):
        search_service.delete_saved_search(empty_library, first.id)
