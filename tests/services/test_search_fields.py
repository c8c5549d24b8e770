"""Each field of the query language narrows the hits the way its name promises."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import update

from reader.core.palette import ColorLabel
from reader.services import annotations as notes
from reader.services.importing import import_paths
from reader.services.library import Library
from reader.services.search import article_ids, search
from reader.storage.tables import AliasRow, ArticleRow, EntityRow, HighlightRow, MentionRow

BODIES = {
    "old": "Old Grain Story\n\nThe harvest failed in the north.\n",
    "new": "New Grain Story\n\nThe harvest was large in the south.\n",
    "other": "Weather\n\nRain fell on the harvest fields.\n",
}


@pytest.fixture
def ids(empty_library: Library, tmp_path: Path) -> dict[str, int]:
    found = {}
    for name, body in BODIES.items():
        path = tmp_path / f"{name}.txt"
        path.write_text(body, encoding="utf-8")
        article_id = import_paths(empty_library, [path]).results[0].article_id
        assert article_id is not None
        found[name] = article_id
    moments = {
        "old": datetime(2019, 5, 1, 12, tzinfo=UTC),
        "new": datetime(2024, 3, 9, 12, tzinfo=UTC),
    }
    moments["other"] = datetime(2024, 7, 1, 12, tzinfo=UTC)
    with empty_library.unit() as unit:
        session = unit.articles.session
        for name, moment in moments.items():
            session.execute(
                update(ArticleRow)
                .where(ArticleRow.id == found[name])
                .values(sort_at=moment, source="Reuters" if name == "new" else "AP")
            )
        session.execute(
            update(ArticleRow).where(ArticleRow.id == found["old"]).values(read_at=moments["old"])
        )
    return found


def articles(library: Library, query: str) -> set[int | None]:
    return {hit.article_id for hit in search(library, query) if hit.kind == "article"}


def test_source_dates_and_unread(empty_library: Library, ids: dict[str, int]) -> None:
    assert articles(empty_library, "source:reuters harvest") == {ids["new"]}
    assert articles(empty_library, "after:2024 harvest") == {ids["new"], ids["other"]}
    assert articles(empty_library, "after:2024-07 harvest") == {ids["other"]}
    assert articles(empty_library, "before:2024-03-10 harvest") == {ids["old"], ids["new"]}
    assert articles(empty_library, "before:2024-03-09 harvest") == {ids["old"]}
    assert articles(empty_library, "is:unread harvest") == {ids["new"], ids["other"]}


def test_fields_alone_list_articles_newest_first(
    empty_library: Library, ids: dict[str, int]
) -> None:
    hits = search(empty_library, "after:2020")
    assert [h.article_id for h in hits] == [ids["other"], ids["new"]]
    assert all(h.score == 0 and h.snippet for h in hits)
    assert article_ids(empty_library, "is:unread") == [ids["other"], ids["new"]]
    assert article_ids(empty_library, "after:2020 -rain") == [ids["new"]]


def test_tags_labels_status_and_has_highlights(empty_library: Library, ids: dict[str, int]) -> None:
    made = notes.create_from_quote(
        empty_library, ids["new"], "harvest was large", color="evidence", tags=["Food"]
    ).highlight
    notes.add_article_tag(empty_library, ids["other"], "food")
    assert articles(empty_library, "tag:food harvest") == {ids["new"], ids["other"]}
    assert {(h.kind, h.highlight_id) for h in search(empty_library, "tag:FOOD kind:highlight")} == {
        ("highlight", made.id)
    }
    assert articles(empty_library, "tag:nothing harvest") == set()
    assert articles(empty_library, "label:evidence harvest") == {ids["new"]}
    assert articles(empty_library, "label:Evidence harvest") == {ids["new"]}
    assert articles(empty_library, "label:3 harvest") == {ids["new"]}
    renamed = [ColorLabel("evidence", "Proof", "#000000")]
    assert {
        h.article_id for h in search(empty_library, "label:proof harvest", palette=renamed)
    } == {ids["new"]}
    assert articles(empty_library, "has:highlights harvest") == {ids["new"]}
    assert articles(empty_library, "status:orphan harvest") == set()
    with empty_library.unit() as unit:
        unit.articles.session.execute(
            update(HighlightRow).where(HighlightRow.id == made.id).values(status="orphan")
        )
    assert articles(empty_library, "status:orphan harvest") == {ids["new"]}
    assert [h.kind for h in search(empty_library, "status:orphan harvest kind:highlight")] == [
        "highlight"
    ]


def test_kind_limits_hits(empty_library: Library, ids: dict[str, int]) -> None:
    made = notes.create_from_quote(
        empty_library, ids["old"], "harvest failed", note="harvest notes"
    ).highlight
    assert {h.kind for h in search(empty_library, "harvest")} == {"article", "highlight", "note"}
    assert {h.kind for h in search(empty_library, "harvest kind:note")} == {"note"}
    assert {h.kind for h in search(empty_library, "harvest", kind="highlight")} == {"highlight"}
    assert [h.highlight_id for h in search(empty_library, "kind:note")] == [made.id]


def test_entity_by_name_or_alias(empty_library: Library, ids: dict[str, int]) -> None:
    with empty_library.unit() as unit:
        session = unit.articles.session
        entity = EntityRow(name="World Food Programme", kind="organisation", note="")
        session.add(entity)
        session.flush()
        session.add(AliasRow(entity_id=entity.id, text="WFP"))
        session.add(
            MentionRow(
                article_id=ids["other"], entity_id=entity.id, version_number=1, start=0, end=4
            )
        )
        entity_id = entity.id
    assert articles(empty_library, "entity:wfp harvest") == {ids["other"]}
    assert articles(empty_library, 'entity:"food programme" harvest') == {ids["other"]}
    assert articles(empty_library, "entity:nobody harvest") == set()
    assert [h.entity_id for h in search(empty_library, "kind:entity entity:wfp")] == [entity_id]
    # The entity's own document leads to the articles that mention it.
    assert article_ids(empty_library, "programme") == [ids["other"]]


def test_a_word_in_very_many_articles_ranks_the_newest_and_every_annotation(
    empty_library: Library, ids: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.storage.search import postgresql, sqlite

    made = notes.create_from_quote(empty_library, ids["old"], "harvest failed").highlight
    for backend in (sqlite, postgresql):
        monkeypatch.setattr(backend, "RANKING_WINDOW", 1)
    hits = search(empty_library, "harvest")
    assert {(h.kind, h.article_id) for h in hits} == {
        ("article", ids["new"]),
        ("article", ids["other"]),
        ("highlight", made.article_id),
    }


def test_read_and_unread_follow_what_the_person_marks(library: Library) -> None:
    from reader.services import articles as article_service

    everything = {s.id for s in article_service.list_all(library)}
    unread = {h.article_id for h in search(library, "is:unread")}
    assert unread == everything
    first = min(everything)
    assert article_service.set_read(library, first)  # something changed
    assert not article_service.set_read(library, first)  # already read: nothing to do
    assert {h.article_id for h in search(library, "is:unread")} == everything - {first}
    article_service.set_read(library, first, False)
    assert {h.article_id for h in search(library, "is:unread")} == everything
