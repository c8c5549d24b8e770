"""PostgreSQL's search index with two writers at once: a document built by one transaction
must not overwrite what another committed meanwhile."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import Connection, text

from reader.services.library import Library
from reader.services.search import search
from reader.storage.tables import EntityRow

ADD_ALIAS = text("INSERT INTO aliases (entity_id, text) VALUES (:entity, :alias)")


def wait_for_a_lock_wait(conn: Connection, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        waiting = conn.execute(
            text(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
        ).scalar()
        conn.rollback()  # a transaction sees the server's activity as it was at its start
        if waiting:
            return
        time.sleep(0.02)
    raise AssertionError("the second writer never waited for the first")


@pytest.mark.parametrize("backend", ["postgresql"])
def test_aliases_added_at_once_by_two_writers_are_both_indexed(empty_library: Library) -> None:
    with empty_library.unit() as unit:
        entity = EntityRow(name="World Food Programme", kind="organisation", note="")
        unit.articles.session.add(entity)
        unit.articles.session.flush()
        entity_id = entity.id
    engine = empty_library.db.engine
    errors: list[BaseException] = []

    def second_writer() -> None:
        try:
            with engine.begin() as conn:
                conn.execute(ADD_ALIAS, {"entity": entity_id, "alias": "Bravo"})
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)

    with engine.connect() as first, engine.connect() as watcher:
        with first.begin():
            first.execute(ADD_ALIAS, {"entity": entity_id, "alias": "Alpha"})
            thread = threading.Thread(target=second_writer)
            thread.start()
            wait_for_a_lock_wait(watcher)
        thread.join()
    assert errors == []
    for alias in ("alpha", "bravo", "programme"):
        assert [h.entity_id for h in search(empty_library, alias)] == [entity_id], alias
