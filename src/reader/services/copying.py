"""Moving a whole library between databases: a personal SQLite library up to the team's
PostgreSQL server (`reader copy-library --to URL`) and back (`--from URL`).

The target must hold no work (a new library, or one with only the sample articles); the copy
is one transaction that commits only when every table's count matches the source's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reader.core.errors import ReaderError
from reader.resources import sample_articles_dir
from reader.services.library import Library

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class CopyReport:
    source: str
    target: str
    tables: dict[str, int]

    @property
    def rows(self) -> int:
        return sum(self.tables.values())

    def describe(self) -> str:
        articles = self.tables.get("articles", 0)
        highlights = self.tables.get("highlights", 0)
        entities = self.tables.get("entities", 0)
        return (
            f"copied {self.source} to {self.target}: {articles} articles, {highlights} "
            f"highlights, {entities} entities ({self.rows} rows, every count checked)"
        )


def copy_library(
    library: Library,
    *,
    to: str | None = None,
    source: str | None = None,
    progress: Progress | None = None,
) -> CopyReport:
    """Copies `library` into the database at `to`, or the library at `source` into `library`."""
    from reader.storage.backup import holds_work
    from reader.storage.copying import copy_rows, open_existing
    from reader.storage.database import open_database

    if (to is None) == (source is None):
        raise ReaderError("say where to copy: --to URL or --from URL")
    if to is not None:
        source_db, target_db = library.db, open_database(to)
    else:
        assert source is not None
        source_db, target_db = open_existing(source), library.db
    try:
        if source_db.url == target_db.url:
            raise ReaderError("the source and the target are the same library")
        if holds_work(target_db, str(sample_articles_dir())):
            raise ReaderError(
                f"{_shown(target_db.url)} already holds work; copy into an empty database "
                "(nothing is ever overwritten)"
            )
        # The search index follows the rows in: the tables' triggers fill it as they arrive.
        tables = copy_rows(source_db, target_db, progress)
    finally:
        other = target_db if to is not None else source_db
        other.close()
    return CopyReport(_shown(source_db.url), _shown(target_db.url), tables)


def _shown(url: str) -> str:
    if "@" not in url:
        return url
    scheme, rest = url.split("://", 1)
    credentials, host = rest.rsplit("@", 1)
    user = credentials.split(":", 1)[0]
    return f"{scheme}://{user}@{host}"
