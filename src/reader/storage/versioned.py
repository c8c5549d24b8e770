"""Changing a record that people edit: every change counts in its `row_version` and records
who made it, and a change can be made only if nobody else changed the row since a version
was read (optimistic locking). Shared by highlights and entities."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

from sqlalchemy import Table, update
from sqlalchemy.orm import Session


def versioned_update(
    session: Session,
    table: Table,
    row_id: int,
    values: Mapping[str, object],
    *,
    editor: str | None,
    expected_version: int | None,
) -> bool | None:
    """Sets `values` on row `row_id` of `table`: True when changed; False when
    `expected_version` is given and someone changed the row since (nothing is changed);
    None when there is no such row."""
    statement = update(table).where(table.c.id == row_id)
    if expected_version is not None:
        statement = statement.where(table.c.row_version == expected_version)
    changes = dict(values)
    if editor is not None:
        changes["edited_by"] = editor
    result = session.execute(
        statement.values(**changes, row_version=table.c.row_version + 1, modified=datetime.now(UTC))
    )
    if result.rowcount:  # type: ignore[attr-defined]
        return True
    found = session.execute(
        table.select().with_only_columns(table.c.id).where(table.c.id == row_id)
    )
    return False if found.first() is not None else None
