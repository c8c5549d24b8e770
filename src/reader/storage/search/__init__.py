"""The one full-text search interface, with a backend per database dialect.

Services ask a `SearchIndex` for hits and never see how the index is built: SQLite keeps an
FTS5 table in step with triggers (migration 0003); PostgreSQL a tsvector table with a GIN
index, kept in step the same way.
Field filters (tags, labels, dates...) are ordinary SQL shared by every backend
(`reader.storage.search.filters`); only the full-text part is dialect-specific.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy.orm import Session

from reader.core.errors import ReaderError
from reader.core.query import Query

# What a backend puts around matched words in `IndexHit.text`; never in stored text.
MARK_START = "\x02"
MARK_END = "\x03"

KIND_CODES = {"article": 0, "highlight": 1, "note": 2, "entity": 3}
KIND_NAMES = {code: name for name, code in KIND_CODES.items()}

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


@dataclass(frozen=True, slots=True)
class IndexHit:
    """One hit as the index found it. `text` carries MARK_START/MARK_END around matches:
    for an article its whole current text, for a highlight its quote, for a note the note,
    for an entity its aliases and note. `score`: higher is better (0 for filter-only)."""

    kind: str
    article_id: int | None
    highlight_id: int | None
    entity_id: int | None
    title: str
    text: str
    score: float
    start: int | None = None  # a highlight's place in its article
    end: int | None = None


class SearchIndex(Protocol):
    def search(self, query: Query, limit: int) -> list[IndexHit]:
        """Best first; `query.labels` holds palette keys (the service resolves labels)."""
        ...

    def article_ids(self, query: Query, limit: int | None) -> list[int]:
        """Articles matching directly or through their highlights, notes or the entities
        they mention; best first (newest first for a query without words)."""
        ...

    def matching_articles(self, query: Query) -> Any:
        """A subquery of the ids of matching articles, unordered, for the paged list."""
        ...

    def rebuild(self, progress: Progress | None, cancelled: Cancelled | None) -> int:
        """Rebuilds the whole index; returns how many documents it holds."""
        ...


class SearchUnavailableError(ReaderError):
    """The library's database has no search index yet (a dialect without a backend)."""


def search_index(session: Session) -> SearchIndex:
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        from reader.storage.search.sqlite import SqliteSearchIndex

        return SqliteSearchIndex(session)
    if dialect == "postgresql":
        from reader.storage.search.postgresql import PostgresSearchIndex

        return PostgresSearchIndex(session)
    raise SearchUnavailableError(f"search is not available on {dialect} databases yet")
