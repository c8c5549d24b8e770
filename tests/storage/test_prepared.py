"""Prepared statements store exactly what SQLAlchemy's own execution would, on both backends."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from reader.core.errors import LibraryError
from reader.services.library import Library
from reader.storage.prepared import Prepared
from reader.storage.tables import ArticleRow, ArticleSourceRow, Base

_articles = Base.metadata.tables[ArticleRow.__tablename__]
_sources = Base.metadata.tables[ArticleSourceRow.__tablename__]
KEYS = (
    "title", "published", "imported_at", "sort_at", "current_version", "word_count",
    "content_hash", "uuid", "created", "modified", "author",
)  # fmt: skip


def values(uuid: str) -> dict[str, object]:
    when = datetime(2024, 3, 15, 9, 30, 5, 123456, tzinfo=UTC)
    return {
        "title": "Prepared",
        "published": date(2024, 3, 14),
        "imported_at": when,
        "sort_at": when,
        "current_version": 1,
        "word_count": 3,
        "content_hash": "abc",
        "uuid": uuid,
        "created": when,
        "modified": when,
        "author": "me",
    }


def test_a_prepared_insert_stores_what_a_core_insert_stores(empty_library: Library) -> None:
    prepared = Prepared(insert(_articles).returning(_articles.c.id), KEYS)
    with empty_library.unit() as unit:
        session = unit.articles.session
        row = prepared.first(session.connection(), values("u-prepared"))
        assert row is not None
        core_id = session.execute(
            insert(_articles).returning(_articles.c.id), values("u-core")
        ).scalar_one()
        columns = [_articles.c[key] for key in KEYS if key != "uuid"]
        stored = {
            r[0]: tuple(r[1:])
            for r in session.execute(select(_articles.c.id, *columns).order_by(_articles.c.id))
        }
    assert stored[row[0]] == stored[core_id]
    assert stored[row[0]][1] == date(2024, 3, 14)


def test_a_prepared_select_reads_its_own_bound_constants(empty_library: Library) -> None:
    query = Prepared(select(_articles.c.title).order_by(_articles.c.id).limit(1))
    with empty_library.unit() as unit:
        session = unit.articles.session
        for uuid in ("u-1", "u-2"):
            Prepared(insert(_articles), KEYS).execute(session.connection(), values(uuid)).close()
        assert query.rows(session.connection(), {}) == [("Prepared",)]


def test_values_sqlalchemy_would_fill_in_must_be_given() -> None:
    prepared = Prepared(insert(_sources), ("article_id", "location"))  # not first_seen
    from sqlalchemy import create_engine

    engine = create_engine("sqlite://")
    with engine.connect() as conn, pytest.raises(ValueError, match="first_seen"):
        prepared.execute(conn, {"article_id": 1, "location": "x"})
    engine.dispose()


def test_driver_errors_are_sqlalchemy_errors(empty_library: Library) -> None:
    """So a unit of work reports them as it reports any other database error."""
    prepared = Prepared(insert(_sources), ("article_id", "location", "first_seen"))
    wrong = {"article_id": 999, "location": "nowhere", "first_seen": datetime.now(UTC)}
    with empty_library.unit() as unit:  # no article 999: the foreign key refuses it
        with pytest.raises(IntegrityError):
            prepared.execute(unit.articles.session.connection(), wrong).close()
        unit.articles.session.rollback()
    with pytest.raises(LibraryError, match=r"(?i)foreign key"), empty_library.unit() as unit:
        prepared.execute(unit.articles.session.connection(), wrong).close()
