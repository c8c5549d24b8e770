"""Entities: the people, organisations and places a person keeps notes on, their mentions
across the library and their links to highlights.

Each changing call is one transaction and returns what changed (`EntityResult` or `Changes`);
the ones the window undoes also return what the undo needs: `delete_entity` an
`EntitySnapshot` for `restore_entity`, `merge_entities` an `EntityMerge` for
`unmerge_entities`; a rename, alias, note or kind edit is undone by calling it again with the
old value. Mentions are kept up to date incrementally (see reader.storage.mentions), so no call
here rescans the whole library except `rebuild_mentions`.

Rename replaces the old name among the aliases (add it back with `set_aliases` to keep
finding it). Names and aliases are unique across entities, compared case-insensitively.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from reader.core.changes import Changes
from reader.core.errors import EditConflictError, NotFoundError, ReaderError
from reader.core.matching import clean_alias
from reader.core.models import ENTITY_KINDS, Entity
from reader.services.entity_dossier import ArticleMentions, EntityDossier, KwicLine, dossier
from reader.services.entity_links import (
    entities_of_highlight,
    link_highlight,
    link_new_highlight,
    mentions_in_article,
    rebuild_mentions,
    unlink_highlight,
    update_mentions_for_article,
)
from reader.services.entity_suggestions import (
    Suggestion,
    accepted_aliases,
    guess_kind,
    reject_suggestion,
    suggest,
)
from reader.services.library import Library, retried

if TYPE_CHECKING:
    from reader.storage.mentions import Rescanned
    from reader.storage.unit import Unit

__all__ = [
    "ENTITY_KINDS",
    "ArticleMentions",
    "EntityDossier",
    "EntityMerge",
    "EntityResult",
    "EntitySnapshot",
    "KwicLine",
    "Suggestion",
    "accept_suggestion",
    "create_entity",
    "delete_entity",
    "dossier",
    "entities_of_highlight",
    "find_entity",
    "get_entity",
    "guess_kind",
    "link_highlight",
    "link_new_highlight",
    "list_entities",
    "mentions_in_article",
    "merge_entities",
    "rebuild_mentions",
    "reject_suggestion",
    "rename_entity",
    "restore_entity",
    "set_aliases",
    "set_entity_kind",
    "set_entity_note",
    "suggest",
    "unlink_highlight",
    "unmerge_entities",
    "update_mentions_for_article",
]


@dataclass(frozen=True)
class EntityResult:
    entity: Entity
    changes: Changes


@dataclass(frozen=True)
class EntitySnapshot:
    """An entity as it was: its row (same id and UUID come back), aliases, and every link
    row with its source (so hand-made links and unlinks survive an undo)."""

    id: int
    uuid: str
    name: str
    kind: str
    note: str
    created: datetime
    modified: datetime
    author: str
    row_version: int
    aliases: tuple[str, ...]
    links: tuple[tuple[int, str], ...]  # (highlight id, "auto" | "manual" | "unlinked")

    @property
    def changes(self) -> Changes:
        """What the delete that made this snapshot changed."""
        return Changes(
            entities_removed=frozenset({self.id}),
            highlights_changed=frozenset(h for h, s in self.links if s != "unlinked"),
        )


@dataclass(frozen=True)
class EntityMerge:
    source: EntitySnapshot
    into_before: EntitySnapshot

    @property
    def changes(self) -> Changes:
        """What the merge changed (mentions elsewhere only moved between these two)."""
        return Changes(
            entities_removed=frozenset({self.source.id}),
            entities_changed=frozenset({self.into_before.id}),
            highlights_changed=frozenset(h for h, _s in self.source.links),
        )


def _kind(kind: str) -> str:
    if kind not in ENTITY_KINDS:
        raise ReaderError(f"no entity kind {kind!r}; use one of {', '.join(ENTITY_KINDS)}")
    return kind


def _clean(names: Iterable[str]) -> list[str]:
    """Cleaned, without empties and without repeats in any case, first spelling kept."""
    seen: dict[str, str] = {}
    for name in names:
        cleaned = clean_alias(name)
        if cleaned and cleaned.casefold() not in seen:
            seen[cleaned.casefold()] = cleaned
    return list(seen.values())


def _check_free(unit: Unit, names: Iterable[str], entity_id: int | None = None) -> None:
    owners = unit.entities.alias_owners()
    for name in names:
        owner = owners.get(name.casefold())
        if owner is not None and owner[0] != entity_id:
            other = unit.entities.record(owner[0]).name
            what = "the name" if owner[1] == other else "an alias"
            raise ReaderError(f"{name!r} is already {what} of the entity {other!r}")


def _changes(
    rescanned: Rescanned,
    *,
    added: frozenset[int] = frozenset(),
    changed: frozenset[int] = frozenset(),
    removed: frozenset[int] = frozenset(),
) -> Changes:
    """A scan's changes plus the entities the call itself added, changed or removed."""
    return Changes(
        highlights_changed=rescanned.highlights,
        entities_added=added,
        entities_changed=(rescanned.entities | changed) - added - removed,
        entities_removed=removed,
    )


@retried
def create_entity(
    library: Library,
    name: str,
    *,
    kind: str = "other",
    aliases: Sequence[str] = (),
    note: str = "",
) -> EntityResult:
    """A new entity, found at once in every article. Its name is always an alias too."""
    names = _clean([name, *aliases])
    if not names or clean_alias(name) == "":
        raise ReaderError("an entity needs a name")
    with library.unit() as unit:
        _check_free(unit, names)
        entity_id = unit.entities.add(
            name=names[0], kind=_kind(kind), note=note, author=library.author, aliases=names
        )
        rescanned = unit.mentions.look_for([entity_id])
        entity = unit.entities.get(entity_id)
    added = frozenset({entity_id})
    return EntityResult(entity, _changes(rescanned, added=added))


def list_entities(library: Library, *, kind: str | None = None, sort: str = "name") -> list[Entity]:
    """By name (any case), or by `sort="count"`: most mentioned first."""
    from reader.storage.tags import sort_key

    with library.unit() as unit:
        found = unit.entities.listing(_kind(kind) if kind is not None else None)
    if sort == "count":
        found.sort(key=lambda e: (-e.mention_count, sort_key(e.name)))
    elif sort == "name":
        found.sort(key=lambda e: sort_key(e.name))
    else:
        raise ReaderError(f"cannot sort entities by {sort!r}; use name or count")
    return found


def get_entity(library: Library, entity_id: int) -> Entity:
    with library.unit() as unit:
        return unit.entities.get(entity_id)


def find_entity(library: Library, name_or_alias: str) -> Entity:
    with library.unit() as unit:
        entity_id = unit.entities.find(name_or_alias)
        if entity_id is None:
            raise NotFoundError(f"no entity called {clean_alias(name_or_alias)!r}")
        return unit.entities.get(entity_id)


def _change_aliases(unit: Unit, entity_id: int, wanted: Sequence[str]) -> Rescanned:
    """Replaces the entity's aliases; rescans only where removed ones stood and looks only
    for the added ones."""
    from reader.storage.mentions import Rescanned

    old = [text for _id, text in unit.entities.aliases(entity_id)]
    removed = [t for t in old if t not in wanted]
    added = [t for t in wanted if t not in old]
    _check_free(unit, added, entity_id)
    where = unit.mentions.articles_of([entity_id]) if removed else []
    unit.entities.remove_aliases(entity_id, removed)
    unit.entities.add_aliases(entity_id, added)
    rescanned = unit.mentions.rescan(where) if where else Rescanned()
    if added:
        rescanned = rescanned | unit.mentions.look_for([entity_id], only=added)
    return rescanned


@retried
def _edit(
    library: Library, entity_id: int, aliases: Sequence[str] | None, **values: object
) -> EntityResult:
    from reader.storage.mentions import Rescanned

    with library.unit() as unit:
        unit.entities.record(entity_id)  # NotFoundError first
        rescanned = Rescanned()
        if aliases is not None:
            rescanned = _change_aliases(unit, entity_id, aliases)
        unit.entities.change(entity_id, values, editor=library.author)
        entity = unit.entities.get(entity_id)
    return EntityResult(entity, _changes(rescanned, changed=frozenset({entity_id})))


def rename_entity(library: Library, entity_id: int, name: str) -> EntityResult:
    wanted = clean_alias(name)
    if not wanted:
        raise ReaderError("an entity needs a name")
    with library.unit() as unit:
        record = unit.entities.record(entity_id)
        old = [t for _id, t in unit.entities.aliases(entity_id)]
    aliases = [wanted if t == record.name else t for t in old]
    aliases = _clean(aliases)
    return _edit(library, entity_id, aliases, name=wanted)


def set_aliases(library: Library, entity_id: int, aliases: Sequence[str]) -> EntityResult:
    """Exactly these aliases (the name is always kept among them)."""
    with library.unit() as unit:
        name = unit.entities.record(entity_id).name
    return _edit(library, entity_id, _clean([name, *aliases]))


def set_entity_note(
    library: Library, entity_id: int, note: str, *, base: Entity | None = None
) -> EntityResult:
    """Saves the note; with `base` (the entity as the editor showed it) only if nobody else
    changed the note meanwhile, else EditConflictError with both texts (see
    `annotations.set_note`)."""
    if base is None:
        return _edit(library, entity_id, None, note=note)
    return _save_note(library, entity_id, note, base)


@retried
def _save_note(library: Library, entity_id: int, note: str, base: Entity) -> EntityResult:
    from reader.storage.mentions import Rescanned

    with library.unit() as unit:
        expected = base.row_version
        while not unit.entities.update(
            entity_id, editor=library.author, expected_version=expected, note=note
        ):
            current = unit.entities.get(entity_id)
            if current.note not in (base.note, note):
                clock = current.modified.astimezone().strftime("%H:%M")
                raise EditConflictError("note", current.edited_by, clock, current.note, note)
            expected = current.row_version
        entity = unit.entities.get(entity_id)
    return EntityResult(entity, _changes(Rescanned(), changed=frozenset({entity_id})))


@retried
def set_entity_kind(library: Library, entity_id: int, kind: str) -> EntityResult:
    """The kind decides whether a surname alone can refer to it, hence a rescan."""
    _kind(kind)
    with library.unit() as unit:
        unit.entities.update(entity_id, editor=library.author, kind=kind)
        unit.entities.kind_changed()  # the cached automaton knows kinds too
        rescanned = unit.mentions.rescan(unit.mentions.articles_of([entity_id]))
        entity = unit.entities.get(entity_id)
    return EntityResult(entity, _changes(rescanned, changed=frozenset({entity_id})))


def _snapshot(unit: Unit, entity_id: int) -> EntitySnapshot:
    r = unit.entities.record(entity_id)
    return EntitySnapshot(
        id=r.id,
        uuid=r.uuid,
        name=r.name,
        kind=r.kind,
        note=r.note,
        created=r.created,
        modified=r.modified,
        author=r.author,
        row_version=r.row_version,
        aliases=tuple(t for _id, t in unit.entities.aliases(entity_id)),
        links=tuple(unit.mentions.links.of_entity(entity_id)),
    )


def _delete(unit: Unit, entity_id: int) -> Rescanned:
    where = unit.mentions.articles_of([entity_id])
    unit.entities.delete(entity_id)
    # Its mentions are gone with it; a surname it shared may now resolve to someone else.
    return unit.mentions.rescan(where) if where else unit.mentions.rescan([])


@retried
def delete_entity(library: Library, entity_id: int) -> EntitySnapshot:
    """Deletes the entity, its aliases, mentions and links; the snapshot brings it back."""
    with library.unit() as unit:
        snapshot = _snapshot(unit, entity_id)
        _delete(unit, entity_id)
    return snapshot


def _recreate(unit: Unit, snapshot: EntitySnapshot) -> Rescanned:
    from reader.storage.entities import EntityRecord

    if unit.entities.id_for_uuid(snapshot.uuid) is not None:
        raise ReaderError(f"entity {snapshot.name!r} is already back")
    _check_free(unit, snapshot.aliases)
    record = EntityRecord(
        snapshot.id,
        snapshot.uuid,
        snapshot.name,
        snapshot.kind,
        snapshot.note,
        snapshot.created,
        snapshot.modified,
        snapshot.author,
        snapshot.row_version,
    )
    entity_id = unit.entities.add(
        name=snapshot.name,
        kind=snapshot.kind,
        note=snapshot.note,
        author=snapshot.author,
        aliases=snapshot.aliases,
        record=record,
    )
    unit.mentions.links.put(entity_id, snapshot.links)
    return unit.mentions.look_for([entity_id])


@retried
def restore_entity(library: Library, snapshot: EntitySnapshot) -> EntityResult:
    """Undoes `delete_entity`: same UUID (and id, if free), aliases, note and links."""
    with library.unit() as unit:
        rescanned = _recreate(unit, snapshot)
        entity_id = unit.entities.id_for_uuid(snapshot.uuid)
        assert entity_id is not None
        entity = unit.entities.get(entity_id)
    return EntityResult(entity, _changes(rescanned, added=frozenset({entity.id})))


@retried
def merge_entities(library: Library, source_id: int, into_id: int) -> EntityMerge:
    """`source` becomes part of `into`: aliases, note (appended), links and mentions."""
    if source_id == into_id:
        raise ReaderError("cannot merge an entity into itself")
    with library.unit() as unit:
        source = _snapshot(unit, source_id)
        into = _snapshot(unit, into_id)
        where = unit.mentions.articles_of([source_id, into_id])
        unit.entities.delete(source_id)
        unit.entities.add_aliases(
            into_id,
            [a for a in source.aliases if a.casefold() not in {b.casefold() for b in into.aliases}],
        )
        own = dict(into.links)
        links = {**{h: s for h, s in source.links if h not in own}, **own}
        unit.mentions.links.put(into_id, links.items())
        note = "\n\n".join(n for n in (into.note.rstrip(), source.note.strip()) if n)
        unit.entities.update(into_id, editor=library.author, note=note)
        unit.mentions.rescan(where)
    return EntityMerge(source, into)


@retried
def unmerge_entities(library: Library, merge: EntityMerge) -> Changes:
    """Undoes `merge_entities`: `into` exactly as it was, `source` back with its UUID."""
    from reader.storage.entities import EntityRecord

    before = merge.into_before
    with library.unit() as unit:
        unit.entities.record(before.id)
        where = unit.mentions.articles_of([before.id])
        current = [t for _id, t in unit.entities.aliases(before.id)]
        unit.entities.remove_aliases(before.id, [t for t in current if t not in before.aliases])
        unit.entities.add_aliases(before.id, [t for t in before.aliases if t not in current])
        unit.entities.put_back(
            EntityRecord(
                before.id,
                before.uuid,
                before.name,
                before.kind,
                before.note,
                before.created,
                before.modified,
                before.author,
                before.row_version,
            )
        )
        unit.mentions.links.put(before.id, before.links)
        rescanned = unit.mentions.rescan(where) | _recreate(unit, merge.source)
        source_id = unit.entities.id_for_uuid(merge.source.uuid)
        assert source_id is not None
    return _changes(
        rescanned,
        added=frozenset({source_id}),
        changed=frozenset({before.id}),
    )


@retried
def accept_suggestion(library: Library, suggestion: Suggestion) -> EntityResult:
    """Creates the suggested entity with its aliases (those no other entity has)."""
    with library.unit() as unit:
        aliases = accepted_aliases(unit, suggestion)
    return create_entity(library, suggestion.name, kind=suggestion.kind, aliases=aliases)
