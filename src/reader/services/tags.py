"""The tag manager's use cases: counts, rename, merge and delete, each with its undo.

A merge or a delete returns a `TagSnapshot` of the tag as it was: enough to bring it back
with its UUID and exactly the highlights and articles it had, and (for a merge) to take the
surviving tag off the ones that only got it through the merge.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from reader.core.changes import Changes
from reader.core.errors import NotFoundError, ReaderError
from reader.core.models import TagCount
from reader.services.library import Library, retried

if TYPE_CHECKING:
    from reader.storage.tags import StoredTag
    from reader.storage.unit import Unit


@dataclass(frozen=True)
class TagSnapshot:
    """A tag as it was before a merge or a delete.

    `into_had_*`: for a merge, which of the tag's highlights and articles already had the tag
    it was merged into (an unmerge leaves those tagged with it).
    """

    name: str
    uuid: str
    highlight_ids: tuple[int, ...]
    article_ids: tuple[int, ...]
    into_had_highlight_ids: tuple[int, ...] = ()
    into_had_article_ids: tuple[int, ...] = ()
    author: str = ""
    created: datetime | None = field(default=None, compare=False)

    @property
    def changes(self) -> Changes:
        """What the merge or delete that made this snapshot changed."""
        return Changes(
            highlights_changed=frozenset(self.highlight_ids),
            articles_changed=frozenset(self.article_ids),
            tags_changed=True,
        )


def _find(unit: Unit, name: str) -> StoredTag:
    found = unit.tags.find(name)
    if found is None:
        raise NotFoundError(f"no tag called {name.strip()!r}")
    return found


def list_tags(library: Library) -> list[TagCount]:
    """Every tag with how many highlights and articles carry it, by name (any case)."""
    with library.unit() as unit:
        return unit.tags.counts()


def tag_names(library: Library) -> list[str]:
    with library.unit() as unit:
        return unit.tags.names()


@retried
def rename_tag(library: Library, old: str, new: str) -> Changes:
    """Renames a tag (a change of case included); undo: rename it back. Renaming onto
    another existing tag is refused: that is a merge."""
    from reader.storage.tags import clean_tag

    wanted = clean_tag(new)
    with library.unit() as unit:
        tag = _find(unit, old)
        other = unit.tags.find(wanted)
        if other is not None and other.id != tag.id:
            raise ReaderError(
                f"a tag called {other.name!r} already exists; "
                f"merge {tag.name!r} into it instead of renaming"
            )
        if wanted == tag.name:
            return Changes()
        unit.tags.rename(tag.id, wanted)
        return Changes(
            highlights_changed=frozenset(unit.tags.highlight_ids(tag.id)),
            articles_changed=frozenset(unit.tags.article_ids(tag.id)),
            tags_changed=True,
        )


def _snapshot(unit: Unit, tag: StoredTag, into: StoredTag | None = None) -> TagSnapshot:
    highlight_ids = unit.tags.highlight_ids(tag.id)
    article_ids = unit.tags.article_ids(tag.id)
    had_h: tuple[int, ...] = ()
    had_a: tuple[int, ...] = ()
    if into is not None:
        had_h = tuple(sorted(set(highlight_ids) & set(unit.tags.highlight_ids(into.id))))
        had_a = tuple(sorted(set(article_ids) & set(unit.tags.article_ids(into.id))))
    return TagSnapshot(
        name=tag.name,
        uuid=tag.uuid,
        highlight_ids=highlight_ids,
        article_ids=article_ids,
        into_had_highlight_ids=had_h,
        into_had_article_ids=had_a,
        author=tag.author,
        created=tag.created,
    )


@retried
def merge_tags(library: Library, source: str, into: str) -> TagSnapshot:
    """Moves everything tagged `source` to `into` and deletes `source`."""
    with library.unit() as unit:
        tag = _find(unit, source)
        target = _find(unit, into)
        if tag.id == target.id:
            raise ReaderError(f"{tag.name!r} and {into.strip()!r} are the same tag")
        snapshot = _snapshot(unit, tag, target)
        unit.tags.link_highlights(target.id, snapshot.highlight_ids)
        unit.tags.link_articles(target.id, snapshot.article_ids)
        unit.tags.delete(tag.id)
    return snapshot


def _recreate(unit: Unit, snapshot: TagSnapshot) -> StoredTag:
    clash = unit.tags.find(snapshot.name)
    if clash is not None:
        raise ReaderError(f"a tag called {clash.name!r} exists again; rename it first")
    if unit.tags.by_uuid(snapshot.uuid) is not None:
        raise ReaderError(f"tag {snapshot.name!r} is already back")
    tag = unit.tags.create(
        snapshot.name, snapshot.author, uuid=snapshot.uuid, created=snapshot.created
    )
    unit.tags.link_highlights(tag.id, snapshot.highlight_ids)
    unit.tags.link_articles(tag.id, snapshot.article_ids)
    return tag


@retried
def unmerge_tags(library: Library, snapshot: TagSnapshot, into: str) -> Changes:
    """Undoes `merge_tags`: `source` comes back (same UUID) on exactly what it had, and `into`
    leaves what it had only through the merge."""
    with library.unit() as unit:
        target = _find(unit, into)
        _recreate(unit, snapshot)
        had_h = set(snapshot.into_had_highlight_ids)
        had_a = set(snapshot.into_had_article_ids)
        unit.tags.unlink_highlights(
            target.id, [h for h in snapshot.highlight_ids if h not in had_h]
        )
        unit.tags.unlink_articles(target.id, [a for a in snapshot.article_ids if a not in had_a])
    return snapshot.changes


@retried
def delete_tag(library: Library, name: str) -> TagSnapshot:
    """Deletes a tag from every highlight and article; nothing else is deleted."""
    with library.unit() as unit:
        tag = _find(unit, name)
        snapshot = _snapshot(unit, tag)
        unit.tags.delete(tag.id)
    return snapshot


@retried
def restore_tag(library: Library, snapshot: TagSnapshot) -> Changes:
    """Undoes `delete_tag`: the same tag (UUID) on the same highlights and articles."""
    with library.unit() as unit:
        _recreate(unit, snapshot)
    return snapshot.changes
