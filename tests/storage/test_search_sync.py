"""The index follows the tables in the same transaction, whoever changes them (triggers):
an edit is findable at once, a deletion gone at once; and the migration indexes what a
library already held."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, delete, inspect, text, update

from reader.services import annotations as notes
from reader.services.importing import import_paths
from reader.services.library import Library, open_library
from reader.services.search import search
from reader.storage.database import _alembic_config
from reader.storage.tables import AliasRow, ArticleRow, EntityRow
from tests.pgserver import PgServer


def add(library: Library, folder: Path, name: str, body: str) -> int:
    path = folder / name
    path.write_text(body, encoding="utf-8")
    article_id = import_paths(library, [path]).results[0].article_id
    assert article_id is not None
    return article_id


def kinds(library: Library, query: str) -> list[tuple[str, int | None]]:
    return [(h.kind, h.highlight_id or h.entity_id or h.article_id) for h in search(library, query)]


def test_highlights_and_notes_are_found_at_once_and_gone_at_once(
    empty_library: Library, tmp_path: Path
) -> None:
    article = add(
        empty_library, tmp_path, "a.txt", "Ports\n\nThe harbour was closed by the strike.\n"
    )
    made = notes.create_from_quote(empty_library, article, "harbour was closed").highlight
    assert ("highlight", made.id) in kinds(empty_library, "harbour")
    notes.set_note(empty_library, made.id, "Check the shipping figures")
    assert kinds(empty_library, "shipping") == [("note", made.id)]
    notes.set_note(empty_library, made.id, "Ask the union")
    assert kinds(empty_library, "shipping") == []
    assert kinds(empty_library, "union") == [("note", made.id)]
    hit = search(empty_library, "union")[0]
    assert (hit.start, hit.end, hit.article_id) == (made.start, made.end, article)
    notes.delete_highlight(empty_library, made.id)
    assert kinds(empty_library, "union") == []
    assert kinds(empty_library, "harbour") == [("article", article)]


def test_a_reimported_article_is_found_by_its_new_words_only(
    empty_library: Library, tmp_path: Path
) -> None:
    path = tmp_path / "story.txt"
    path.write_text("Storm\n\nThe gale reached the coast.\n", encoding="utf-8")
    import_paths(empty_library, [path])
    path.write_text("Storm Update\n\nThe hurricane reached the coast.\n", encoding="utf-8")
    import_paths(empty_library, [path])
    assert [h.title for h in search(empty_library, "hurricane")] == ["Storm Update"]
    assert search(empty_library, "gale") == []


def test_entities_names_aliases_and_notes_follow_every_change(empty_library: Library) -> None:
    with empty_library.unit() as unit:
        session = unit.articles.session
        entity = EntityRow(name="Vladimir Putin", kind="person", note="President since 2000")
        session.add(entity)
        session.flush()
        entity_id = entity.id
    assert kinds(empty_library, "putin") == [("entity", entity_id)]
    assert kinds(empty_library, "president") == [("entity", entity_id)]
    with empty_library.unit() as unit:
        unit.articles.session.add(AliasRow(entity_id=entity_id, text="Путин"))
    assert kinds(empty_library, "путин") == [("entity", entity_id)]
    with empty_library.unit() as unit:
        unit.articles.session.execute(
            update(EntityRow).where(EntityRow.id == entity_id).values(name="V. V. Putin")
        )
        unit.articles.session.execute(delete(AliasRow).where(AliasRow.entity_id == entity_id))
    assert kinds(empty_library, "путин") == []
    assert kinds(empty_library, "vladimir") == []
    assert search(empty_library, "putin")[0].title == "V. V. Putin"
    with empty_library.unit() as unit:
        unit.articles.session.execute(delete(EntityRow).where(EntityRow.id == entity_id))
    assert kinds(empty_library, "putin") == []


def test_a_deleted_article_takes_its_highlights_out_of_the_index(
    empty_library: Library, tmp_path: Path
) -> None:
    article = add(empty_library, tmp_path, "a.txt", "Ports\n\nThe harbour was closed.\n")
    notes.create_from_quote(empty_library, article, "harbour", note="docks")
    with empty_library.unit() as unit:
        unit.articles.session.execute(delete(ArticleRow).where(ArticleRow.id == article))
    for word in ("ports", "harbour", "docks"):
        assert search(empty_library, word) == []


def _index_state(library: Library) -> list[tuple[object, ...]]:
    """What a rewrite of any index document would change: FTS5's stored segments on SQLite,
    the row versions (xmin) of the documents on PostgreSQL."""
    statement = (
        "SELECT id, block FROM search_fts_data ORDER BY id"
        if library.db.dialect == "sqlite"
        else "SELECT doc, xmin::text FROM search_documents ORDER BY doc"
    )
    with library.unit() as unit:
        return [tuple(row) for row in unit.articles.session.execute(text(statement))]


def test_marking_an_article_read_does_not_touch_the_index(library: Library) -> None:
    before = _index_state(library)
    assert before
    with library.unit() as unit:
        unit.articles.session.execute(update(ArticleRow).values(read_at=ArticleRow.imported_at))
    assert _index_state(library) == before
    assert search(library, "nato")


@pytest.fixture
def old_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """An empty database for a library made by an older schema, on either backend."""
    if backend == "sqlite":
        path = tmp_path / "old" / "library.sqlite3"
        path.parent.mkdir()
        yield f"sqlite:///{path}"
        return
    server: PgServer = request.getfixturevalue("pg_server")
    name = server.create_database()
    yield server.url(name)
    server.drop_database(name)


def test_the_migration_indexes_what_the_library_held(old_url: str) -> None:
    engine = create_engine(old_url)
    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "0002")
        conn.exec_driver_sql(
            "INSERT INTO articles (id, title, imported_at, sort_at, current_version, word_count,"
            " content_hash, uuid, created, modified, author) VALUES (1, 'Kept', "
            "'2024-01-01 00:00:00', '2024-01-01 00:00:00', 1, 3, 'abc', 'u-1', "
            "'2024-01-01 00:00:00', '2024-01-01 00:00:00', 'me')"
        )
        conn.execute(
            text(
                "INSERT INTO article_versions (id, article_id, number, text, content_hash,"
                " media_type, raw, created) VALUES (1, 1, 1, 'Three Zürich words', 'abc',"
                " 'text/plain', :raw, '2024-01-01 00:00:00')"
            ),
            {"raw": b""},
        )
    engine.dispose()
    library = open_library(old_url)
    try:
        hits = search(library, "zurich")
        assert [(h.article_id, h.start, h.end) for h in hits] == [(1, 6, 12)]
    finally:
        library.close()


def test_the_search_migration_goes_down_and_up_again(old_url: str) -> None:
    open_library(old_url, with_samples=True).close()
    engine = create_engine(old_url)
    with engine.begin() as conn:
        command.downgrade(_alembic_config(conn), "0002")
        assert not {"search_fts", "search_documents"} & set(inspect(conn).get_table_names())
        command.upgrade(_alembic_config(conn), "head")
    engine.dispose()
    library = open_library(old_url)
    try:
        assert search(library, "nato")
    finally:
        library.close()
