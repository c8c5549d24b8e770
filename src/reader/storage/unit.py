"""A unit of work: one transaction and the repositories that act inside it.

Services take what they need from a `Unit` and never see the session, which keeps SQLAlchemy
inside this package.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from reader.core.errors import LibraryError
from reader.storage.articles import ArticleRepository
from reader.storage.database import Database


class Unit:
    def __init__(self, session: Session) -> None:
        self._session = session

    @cached_property
    def articles(self) -> ArticleRepository:
        return ArticleRepository(self._session)


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
        raise LibraryError(f"database error: {exc.orig}") from exc
