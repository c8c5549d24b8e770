"""Entity records and their aliases.

Alias uniqueness across entities is compared in Python with `str.casefold`, as tags are:
SQLite's `lower()` folds ASCII only, and names are written in every script. A library holds
thousands of aliases, not millions, so reading them to compare costs a few milliseconds.

An alias row is never edited in place, only deleted and inserted, so the (count, highest id,
id sum) signature the mention matcher cache keys on changes whenever the aliases do.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine, Select, delete, func, insert, select
from sqlalchemy.orm import Session

from reader.core.errors import NotFoundError
from reader.core.matching import NamedEntity, clean_alias
from reader.core.models import Entity
from reader.storage.tables import AliasRow, Base, EntityRow, MentionRow, RejectedSuggestionRow
from reader.storage.versioned import versioned_update

_aliases = Base.metadata.tables[AliasRow.__tablename__]
_entities = Base.metadata.tables[EntityRow.__tablename__]
# Alias edits made by this process, per engine (see `alias_signature`).
_EDITS: weakref.WeakKeyDictionary[Engine, int] = weakref.WeakKeyDictionary()
_ANY_ALIAS = select(AliasRow.id).limit(1)
_INSERT_ALIAS = insert(_aliases)


def _as_utc(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class EntityRecord:
    """Everything about an entity row that an undo must put back as it was."""

    id: int
    uuid: str
    name: str
    kind: str
    note: str
    created: datetime
    modified: datetime
    author: str
    row_version: int


class EntityRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # -- reading -------------------------------------------------------------------------
    def record(self, entity_id: int) -> EntityRecord:
        row = self.session.get(EntityRow, entity_id)
        if row is None:
            raise NotFoundError(f"no entity with id {entity_id}")
        return EntityRecord(
            row.id,
            row.uuid,
            row.name,
            row.kind,
            row.note,
            _as_utc(row.created),
            _as_utc(row.modified),
            row.author,
            row.row_version,
        )

    def exists(self, entity_id: int) -> bool:
        return self.session.get(EntityRow, entity_id) is not None

    def id_for_uuid(self, uuid: str) -> int | None:
        return self.session.scalar(select(EntityRow.id).where(EntityRow.uuid == uuid))

    def aliases(self, entity_id: int) -> list[tuple[int, str]]:
        """(alias id, text), the name first, then in the order they were added."""
        rows = self.session.execute(
            select(AliasRow.id, AliasRow.text)
            .where(AliasRow.entity_id == entity_id)
            .order_by(AliasRow.id)
        ).all()
        name = self.session.scalar(select(EntityRow.name).where(EntityRow.id == entity_id))
        found = [(r[0], r[1]) for r in rows]
        found.sort(key=lambda item: item[1] != name)
        return found

    def alias_owners(self) -> dict[str, tuple[int, str]]:
        """Every alias, casefolded, to (entity id, alias as written)."""
        rows = self.session.execute(select(AliasRow.entity_id, AliasRow.text)).all()
        return {text.casefold(): (entity_id, text) for entity_id, text in rows}

    def find(self, name_or_alias: str) -> int | None:
        wanted = clean_alias(name_or_alias).casefold()
        owners = self.alias_owners()
        if wanted in owners:
            return owners[wanted][0]
        return None

    def counts(self, entity_ids: Sequence[int] | None = None) -> dict[int, tuple[int, int]]:
        """Entity id -> (mentions, articles)."""
        query = select(
            MentionRow.entity_id,
            func.count(MentionRow.id),
            func.count(func.distinct(MentionRow.article_id)),
        ).group_by(MentionRow.entity_id)
        if entity_ids is not None:
            query = query.where(MentionRow.entity_id.in_(list(entity_ids)))
        return {row[0]: (row[1], row[2]) for row in self.session.execute(query)}

    def get(self, entity_id: int) -> Entity:
        return self.many([entity_id])[0]

    def many(self, entity_ids: Sequence[int], *, counted: bool = True) -> list[Entity]:
        """In the order asked; NotFoundError if any is missing. `counted=False` leaves the
        mention and article counts at 0: counting the most mentioned entities of a library
        means reading most of its mentions, and a list of names does not need it."""
        if not entity_ids:
            return []
        query = select(EntityRow).where(EntityRow.id.in_(list(entity_ids)))
        found = self._load(query, True, counted=counted)
        by_id = {e.id: e for e in found}
        for entity_id in entity_ids:
            if entity_id not in by_id:
                raise NotFoundError(f"no entity with id {entity_id}")
        return [by_id[i] for i in entity_ids]

    def listing(self, kind: str | None = None) -> list[Entity]:
        query = select(EntityRow)
        if kind is not None:
            query = query.where(EntityRow.kind == kind)
        return self._load(query, False)

    def _load(
        self, query: Select[EntityRow], selected: bool, *, counted: bool = True
    ) -> list[Entity]:
        rows = list(self.session.scalars(query))
        if not rows:
            return []
        ids = [r.id for r in rows]
        alias_query = select(AliasRow.entity_id, AliasRow.text).order_by(AliasRow.id)
        if selected:
            alias_query = alias_query.where(AliasRow.entity_id.in_(ids))
        texts: dict[int, list[str]] = {}
        for entity_id, text in self.session.execute(alias_query):
            texts.setdefault(entity_id, []).append(text)
        counts = self.counts(ids if selected else None) if counted else {}
        result = []
        for row in rows:
            names = texts.get(row.id, [])
            names = [t for t in names if t == row.name] + [t for t in names if t != row.name]
            mentions, articles = counts.get(row.id, (0, 0))
            result.append(
                Entity(
                    id=row.id,
                    uuid=row.uuid,
                    name=row.name,
                    kind=row.kind,
                    aliases=tuple(names),
                    note=row.note,
                    created=_as_utc(row.created),
                    modified=_as_utc(row.modified),
                    author=row.author,
                    mention_count=mentions,
                    article_count=articles,
                    row_version=row.row_version,
                    edited_by=row.edited_by,
                )
            )
        return result

    def named(self, entity_ids: Iterable[int] | None = None) -> list[NamedEntity]:
        """What the mention matcher needs, for these entities or all of them."""
        kinds = select(EntityRow.id, EntityRow.kind)
        alias_query = select(AliasRow.entity_id, AliasRow.id, AliasRow.text)
        if entity_ids is not None:
            ids = list(entity_ids)
            kinds = kinds.where(EntityRow.id.in_(ids))
            alias_query = alias_query.where(AliasRow.entity_id.in_(ids))
        found: dict[int, list[tuple[int | None, str]]] = {}
        for entity_id, alias_id, text in self.session.execute(alias_query.order_by(AliasRow.id)):
            found.setdefault(entity_id, []).append((alias_id, text))
        return [
            NamedEntity(entity_id, kind, tuple(found.get(entity_id, ())))
            for entity_id, kind in self.session.execute(kinds)
        ]

    def rejected(self) -> set[str]:
        """Suggestions turned down, casefolded."""
        return set(self.session.scalars(select(RejectedSuggestionRow.text)))

    def reject(self, folded: str) -> None:
        if folded and folded not in self.rejected():
            self.session.add(RejectedSuggestionRow(text=folded))
            self.session.flush()

    def has_aliases(self) -> bool:
        """Cheap enough to ask for every imported article (most libraries have no entities
        at first, and then no scan is needed)."""
        return self.session.execute(_ANY_ALIAS).first() is not None

    def alias_signature(self) -> tuple[int, int, int, int]:
        """Changes whenever the aliases do: (count, highest id, id sum) catches changes made
        by another process; this process's own edits also bump a counter, since SQLite may
        give a new alias the id of one just deleted."""
        row = self.session.execute(
            select(func.count(AliasRow.id), func.max(AliasRow.id), func.sum(AliasRow.id))
        ).one()
        engine = self._engine()
        edits = _EDITS.get(engine, 0) if engine is not None else 0
        return (row[0] or 0, row[1] or 0, row[2] or 0, edits)

    def _engine(self) -> Engine | None:
        bind = self.session.get_bind()
        return bind if isinstance(bind, Engine) else None

    def kind_changed(self) -> None:
        """Kinds decide which surnames the automaton knows: rebuild it."""
        self._edited()

    def _edited(self) -> None:
        engine = self._engine()
        if engine is not None:
            _EDITS[engine] = _EDITS.get(engine, 0) + 1

    # -- writing -------------------------------------------------------------------------
    def add(
        self,
        *,
        name: str,
        kind: str,
        note: str,
        author: str,
        aliases: Sequence[str],
        record: EntityRecord | None = None,
    ) -> int:
        """A new entity with `aliases` (the name among them); with `record`, the entity comes
        back as it was (same id if free, uuid, times, author)."""
        row = EntityRow(name=name, kind=kind, note=note, author=author, edited_by=author)
        if record is not None:
            if self.session.get(EntityRow, record.id) is None:
                row.id = record.id
            row.uuid = record.uuid
            row.created = record.created
            row.modified = record.modified
            row.row_version = record.row_version
        self.session.add(row)
        self.session.flush()
        self.add_aliases(row.id, aliases)
        return row.id

    def add_aliases(self, entity_id: int, aliases: Iterable[str]) -> None:
        self._edited()
        params = [{"entity_id": entity_id, "text": text} for text in dict.fromkeys(aliases)]
        if params:
            self.session.execute(_INSERT_ALIAS, params)

    def remove_aliases(self, entity_id: int, texts: Iterable[str]) -> None:
        wanted = list(texts)
        self._edited()
        if wanted:
            self.session.execute(
                delete(AliasRow).where(AliasRow.entity_id == entity_id, AliasRow.text.in_(wanted))
            )

    def update(
        self,
        entity_id: int,
        *,
        editor: str | None = None,
        expected_version: int | None = None,
        **values: object,
    ) -> bool:
        """See `change`."""
        return self.change(entity_id, values, editor=editor, expected_version=expected_version)

    def change(
        self,
        entity_id: int,
        values: Mapping[str, object],
        *,
        editor: str | None = None,
        expected_version: int | None = None,
    ) -> bool:
        """Changes the given columns, counts the change in `row_version` and records who made
        it. With `expected_version`, only if nobody changed the row since that version was
        read (optimistic locking): returns False, changing nothing, when someone did."""
        changed = versioned_update(
            self.session,
            _entities,
            entity_id,
            values,
            editor=editor,
            expected_version=expected_version,
        )
        if changed is None:
            raise NotFoundError(f"no entity with id {entity_id}")
        if changed:  # the ORM may hold this row from an earlier read: refresh it
            self.session.get(EntityRow, entity_id, populate_existing=True)
        return changed

    def put_back(self, record: EntityRecord) -> None:
        """The row's own fields exactly as `record` has them (an undo)."""
        row = self.session.get(EntityRow, record.id)
        if row is None:
            raise NotFoundError(f"no entity with id {record.id}")
        row.name, row.kind, row.note = record.name, record.kind, record.note
        row.modified, row.row_version = record.modified, record.row_version
        self.session.flush()

    def delete(self, entity_id: int) -> None:
        self._edited()
        self.session.execute(delete(EntityRow).where(EntityRow.id == entity_id))
