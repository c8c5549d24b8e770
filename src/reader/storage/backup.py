"""Every table of the library, row by row, out to JSON lines and back.

The tables are whatever `Base.metadata` declares, in dependency order, so a table added by a
later migration is backed up without anyone remembering to add it here. Virtual and shadow
tables (the FTS5 search index) are not in the metadata: they are rebuilt, not copied. Values
are encoded by column type (bytes as base64, dates and times as ISO 8601) and rows are
streamed both ways, so a library of any size never sits in memory as one document.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from typing import IO, Any

from sqlalchemy import Connection, Date, DateTime, LargeBinary, Table, delete, func, insert, select
from sqlalchemy import inspect as sa_inspect

from reader.storage.database import Database
from reader.storage.tables import Base

BATCH = 2000
Progress = Callable[[int, int], None]
Encoder = Callable[[Any], Any]


def tables() -> list[Table]:
    """The library's tables, parents before children."""
    return list(Base.metadata.sorted_tables)


def _encoder(column: Any) -> Encoder | None:
    kind = column.type
    if isinstance(kind, LargeBinary):
        return lambda v: None if v is None else base64.b64encode(v).decode("ascii")
    if isinstance(kind, DateTime | Date):
        return lambda v: None if v is None else v.isoformat()
    return None


def _decoder(column: Any) -> Encoder | None:
    kind = column.type
    if isinstance(kind, LargeBinary):
        return lambda v: None if v is None else base64.b64decode(v)
    if isinstance(kind, DateTime):
        return lambda v: None if v is None else datetime.fromisoformat(v)
    if isinstance(kind, Date):
        return lambda v: None if v is None else date.fromisoformat(v)
    return None


def counts(db: Database) -> dict[str, int]:
    with db.engine.connect() as conn:
        present = set(sa_inspect(conn).get_table_names())
        return {
            t.name: int(conn.scalar(select(func.count()).select_from(t)) or 0)
            for t in tables()
            if t.name in present
        }


def dump_table(conn: Connection, table: Table, out: IO[bytes]) -> int:
    """Writes a header line (table, columns) and one JSON array per row, by primary key."""
    columns = list(table.columns)
    encoders = [_encoder(c) for c in columns]
    header = {"table": table.name, "columns": [c.name for c in columns]}
    out.write(json.dumps(header).encode() + b"\n")
    query = select(table).order_by(*table.primary_key.columns)
    written = 0
    result = conn.execution_options(stream_results=True, yield_per=BATCH).execute(query)
    for partition in result.partitions(BATCH):
        lines = []
        for row in partition:
            values = [enc(v) if enc else v for enc, v in zip(encoders, row, strict=True)]
            lines.append(json.dumps(values, ensure_ascii=False, separators=(",", ":")))
        out.write(("\n".join(lines) + "\n").encode("utf-8"))
        written += len(partition)
    return written


def read_rows(lines: Iterable[bytes], table: Table) -> tuple[list[str], Iterator[dict[str, Any]]]:
    """The columns a dumped table has in common with `table`, and its rows as dicts (columns
    the backup lacks take their defaults; columns the library lacks are dropped)."""
    source = iter(lines)
    header = json.loads(next(source))
    names: list[str] = header["columns"]
    known = {c.name: c for c in table.columns}
    keep = [(i, name, _decoder(known[name])) for i, name in enumerate(names) if name in known]

    def rows() -> Iterator[dict[str, Any]]:
        for line in source:
            if not line.strip():
                continue
            values = json.loads(line)
            yield {name: dec(values[i]) if dec else values[i] for i, name, dec in keep}

    return [name for _i, name, _d in keep], rows()


def load_table(
    conn: Connection, table: Table, rows: Iterable[dict[str, Any]], progress: Callable[[int], None]
) -> int:
    statement = insert(table)
    batch: list[dict[str, Any]] = []
    loaded = 0
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            conn.execute(statement, batch)
            loaded += len(batch)
            progress(len(batch))
            batch = []
    if batch:
        conn.execute(statement, batch)
        loaded += len(batch)
        progress(len(batch))
    return loaded


def clear(conn: Connection) -> None:
    """Empties every table, children first (the search index follows through triggers)."""
    for table in reversed(tables()):
        conn.execute(delete(table))


def rows_of(conn: Connection, table: Table) -> list[tuple[Any, ...]]:
    """Every row of a table by primary key: what an exact restore must reproduce."""
    query = select(table).order_by(*table.primary_key.columns)
    return [tuple(row) for row in conn.execute(query)]


def holds_work(db: Database, sample_prefix: str) -> bool:
    """Whether the library holds anything a person made: a highlight, tag, entity or saved
    search, or an article that is not one of the sample articles a new library starts with."""
    from reader.storage.tables import ArticleRow, EntityRow, HighlightRow, SavedSearchRow, TagRow

    with db.engine.connect() as conn:
        for row in (HighlightRow, TagRow, EntityRow, SavedSearchRow):
            if conn.scalar(select(func.count()).select_from(row)):
                return True
        paths = conn.scalars(select(ArticleRow.source_path))
        return any(not (p or "").startswith(sample_prefix) for p in paths)
