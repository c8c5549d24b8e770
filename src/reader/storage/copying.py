"""Copying a whole library from one database into another (SQLite to PostgreSQL and back).

Rows are streamed table by table, parents first, in batches, inside one transaction on the
target: the copy commits only when every table arrived and the target's counts equal the
source's, so a failed or short copy leaves the target as empty as it was. Times are handed
over as UTC with their zone (SQLite gives them back without one).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, func, insert, inspect, select, text

from reader.core.errors import LibraryError
from reader.storage.backup import BATCH, clear, tables
from reader.storage.database import Database, current_revision, make_engine, open_database

Progress = Callable[[int, int], None]


def open_existing(url: str) -> Database:
    """The library at `url`, refusing (without creating anything) when none is there."""
    engine = make_engine(url)
    try:
        database = engine.url.database
        if engine.dialect.name == "sqlite" and not (database and _exists(database)):
            raise LibraryError(f"{url}: no library there")
        if current_revision(engine) is None:
            raise LibraryError(f"{_shown(url)}: holds no Reader library")
    finally:
        engine.dispose()
    return open_database(url)


def _exists(path: str) -> bool:
    from pathlib import Path

    return Path(path).expanduser().is_file()


def _shown(url: str) -> str:
    return make_engine(url).url.render_as_string(hide_password=True)


def row_counts(conn: Connection) -> dict[str, int]:
    present = set(inspect(conn).get_table_names())
    return {
        t.name: int(conn.scalar(select(func.count()).select_from(t)) or 0)
        for t in tables()
        if t.name in present
    }


def _utc(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    return value


def reset_id_counters(conn: Connection) -> None:
    """After rows were written with their own ids, PostgreSQL's id sequences must move past
    them or the next new row would take a used id (SQLite needs nothing: it takes max + 1)."""
    if conn.dialect.name != "postgresql":
        return
    for table in tables():
        keys = list(table.primary_key.columns)
        if len(keys) != 1 or not keys[0].autoincrement or keys[0].name != "id":
            continue
        # Table names come from the library's own metadata, never from input.
        conn.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"COALESCE((SELECT max(id) FROM {table.name}), 0) + 1, false)"
            )
        )


def copy_rows(
    source: Database, target: Database, progress: Progress | None = None
) -> dict[str, int]:
    """Copies every row of `source` into `target` (emptied first) and returns the counts.
    Raises LibraryError, committing nothing, if any table's count differs afterwards."""
    with source.engine.connect() as src, target.engine.begin() as dst:
        expected = row_counts(src)
        total = sum(expected.values())
        done = 0
        clear(dst)
        for table in tables():
            if table.name not in expected:
                continue
            statement = insert(table)
            query = select(table).order_by(*table.primary_key.columns)
            result = src.execution_options(stream_results=True, yield_per=BATCH).execute(query)
            names = [c.name for c in table.columns]
            for partition in result.partitions(BATCH):
                rows = [{n: _utc(v) for n, v in zip(names, row, strict=True)} for row in partition]
                dst.execute(statement, rows)
                done += len(rows)
                if progress is not None:
                    progress(done, total)
        reset_id_counters(dst)
        copied = row_counts(dst)
        wrong = {
            name: (n, copied.get(name, 0))
            for name, n in expected.items()
            if copied.get(name, 0) != n
        }
        if wrong:
            details = ", ".join(f"{name} {have} of {want}" for name, (want, have) in wrong.items())
            raise LibraryError(f"the copy is incomplete ({details}); nothing was written")
    return copied
