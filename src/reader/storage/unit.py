"""A unit of work: one transaction and the repositories that act inside it.

Services take what they need from a `Unit` and never see the session, which keeps SQLAlchemy
inside this package.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from contextlib import contextmanager
from functools import cached_property
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session

from reader.core.errors import BusyError, LibraryError
from reader.storage.articles import ArticleRepository
from reader.storage.database import Database, one_line
from reader.storage.highlights import HighlightRepository, Reanchored
from reader.storage.near_duplicates import NearDuplicateRepository
from reader.storage.prepared import Prepared
from reader.storage.search import SearchIndex, search_index
from reader.storage.search.saved import SavedSearchRepository
from reader.storage.tags import TagRepository

if TYPE_CHECKING:
    from reader.storage.entities import EntityRepository
    from reader.storage.mentions import MentionRepository
    from reader.storage.watch import WatchRepository


_SAVEPOINT = Prepared(text("SAVEPOINT reader_item"))
_ROLLBACK_TO = Prepared(text("ROLLBACK TO SAVEPOINT reader_item"))
_RELEASE = Prepared(text("RELEASE SAVEPOINT reader_item"))


class Unit:
    def __init__(self, session: Session) -> None:
        self._session = session

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """A nested transaction: if the block raises, only its own writes are undone.

        Plain SQL savepoints (standard, on SQLite and PostgreSQL alike): SQLAlchemy's own
        nested transactions cost as much per article as the commits that batching saves.
        Writes inside go through Core, so no ORM state needs rolling back with them.
        """
        self._session.flush()
        connection = self._session.connection()
        # Python's sqlite3 opens its transaction only at the first write, and a SAVEPOINT
        # outside a transaction starts one that its RELEASE commits: open it first, so the
        # savepoints nest inside the unit's transaction and commit with it. IMMEDIATE takes
        # the write lock now (waiting for another writer, up to the busy timeout): a batch
        # that read first would otherwise be refused outright at its first write if another
        # process committed in between.
        if getattr(connection.connection.dbapi_connection, "in_transaction", True) is False:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        # Prepared: these run twice per imported article, and SQLAlchemy's execution
        # machinery costs more than the statements themselves.
        _SAVEPOINT.execute(connection, {}).close()
        try:
            yield
            self._session.flush()  # ORM changes made inside belong to this item too
        except BaseException:
            _ROLLBACK_TO.execute(connection, {}).close()
            _RELEASE.execute(connection, {}).close()
            raise
        _RELEASE.execute(connection, {}).close()

    @cached_property
    def articles(self) -> ArticleRepository:
        return ArticleRepository(self._session)

    @cached_property
    def near_duplicates(self) -> NearDuplicateRepository:
        return NearDuplicateRepository(self._session)

    @cached_property
    def tags(self) -> TagRepository:
        return TagRepository(self._session)

    @cached_property
    def highlights(self) -> HighlightRepository:
        return HighlightRepository(self._session, self.tags)

    @cached_property
    def search(self) -> SearchIndex:
        return search_index(self._session)

    @cached_property
    def search_store(self) -> SavedSearchRepository:
        return SavedSearchRepository(self._session)

    @cached_property
    def entities(self) -> EntityRepository:
        from reader.storage.entities import EntityRepository

        return EntityRepository(self._session)

    @cached_property
    def watch(self) -> WatchRepository:
        from reader.storage.watch import WatchRepository

        return WatchRepository(self._session)

    @cached_property
    def mentions(self) -> MentionRepository:
        from reader.storage.mentions import MentionRepository

        return MentionRepository(self._session, self.entities)


def reanchor_article(
    unit: Unit, article_id: int, *, only: Collection[int] | None = None
) -> Reanchored:
    """Re-anchors every highlight of the article (or those in `only`) on its current text,
    inside `unit`'s transaction: the import that stored the new text and the new positions
    commit together."""
    version, text = unit.articles.current_text(article_id)
    return unit.highlights.reanchor(article_id, text, version, only=only)


@contextmanager
def unit_of_work(db: Database) -> Iterator[Unit]:
    """Commits when the block ends; rolls everything back if it raises.

    Database failures (a locked file, a lost server) become `LibraryError`s with the driver's
    reason, so a batch can report them per item and go on.
    """
    try:
        with db.session() as session:
            yield Unit(session)
    except DBAPIError as exc:
        if _transient(exc):
            raise BusyError(f"the library is busy: {one_line(exc.orig)}") from exc
        raise LibraryError(f"database error: {one_line(exc.orig)}") from exc


# PostgreSQL's codes for "run it again": serialization failure, deadlock, lock not available,
# and a unique row another writer created at the same moment.
_TRANSIENT_STATES = {"40001", "40P01", "55P03", "23505"}


def _transient(exc: DBAPIError) -> bool:
    """A failure that running the same call again can cure: another writer held the SQLite
    file (or moved it on since this transaction's first read), or a PostgreSQL conflict."""
    state = getattr(exc.orig, "sqlstate", None)
    if state is not None:
        return state in _TRANSIENT_STATES
    if isinstance(exc, OperationalError):
        message = str(exc.orig).lower()
        return "locked" in message or "busy" in message
    return isinstance(exc, IntegrityError) and "unique" in str(exc.orig).lower()
