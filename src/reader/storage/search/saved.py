"""Saved searches: named queries the window shows as smart folders above the article list."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from reader.core.errors import NotFoundError
from reader.storage.tables import SavedSearchRow, utcnow


class SavedSearchRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def all(self) -> list[tuple[int, str, str]]:
        """(id, name, query), by name in any case: the order the folders are shown in."""
        rows = [
            (row[0], row[1], row[2])
            for row in self.session.execute(
                select(SavedSearchRow.id, SavedSearchRow.name, SavedSearchRow.query)
            )
        ]
        return sorted(rows, key=lambda row: (row[1].casefold(), row[0]))

    def save(self, name: str, query: str, author: str) -> tuple[int, str, str]:
        """Saves under `name`; a search already named so (in any case) is replaced in place,
        keeping its id so the folder the window shows stays where it is."""
        folded = name.casefold()
        for row in self.session.scalars(select(SavedSearchRow)):
            if row.name.casefold() == folded:
                row.name, row.query, row.modified = name, query, utcnow()
                self.session.flush()
                return row.id, row.name, row.query
        row = SavedSearchRow(name=name, query=query, author=author)
        self.session.add(row)
        self.session.flush()
        return row.id, row.name, row.query

    def delete(self, search_id: int) -> None:
        removed: Any = self.session.execute(
            delete(SavedSearchRow).where(SavedSearchRow.id == search_id)
        )
        if not removed.rowcount:
            raise NotFoundError(f"no saved search with id {search_id}")
