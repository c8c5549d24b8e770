"""Noticing what other people (or another Reader process) changed in the library.

The window asks `look` every few seconds and compares with what it last saw: the open
article's highlights against the versions it shows, the rest against the previous look.
The answer is a `Changes` value like any edit's, so the window refreshes only what changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from reader.core.changes import Changes
from reader.services.library import Library


@dataclass(frozen=True)
class Look:
    articles: tuple[object, ...] = ()
    entities: tuple[object, ...] = ()
    tags: tuple[object, ...] = ()
    article_id: int | None = None
    highlights: Mapping[int, int] = field(default_factory=dict)  # id -> row version


def look(library: Library, article_id: int | None) -> Look:
    with library.unit() as unit:
        watch = unit.watch
        return Look(
            articles=watch.articles(),
            entities=watch.entities(),
            tags=watch.tags(),
            article_id=article_id,
            highlights=watch.highlight_versions(article_id) if article_id is not None else {},
        )


@dataclass(frozen=True)
class Noticed:
    """Others' changes: the open article's highlights by id; the article list and the
    entities as a whole (reloading those is cheap, and paged)."""

    changes: Changes
    article_list: bool
    entities: bool

    def __bool__(self) -> bool:
        return bool(self.changes) or self.article_list or self.entities


def changed_since(before: Look, now: Look, shown: Mapping[int, int]) -> Noticed:
    """What changed between two looks; `shown` is the open article's highlights as the window
    shows them (id -> row version), so its own edits are not reported back to it."""
    added = frozenset(now.highlights.keys() - shown.keys())
    removed = frozenset(shown.keys() - now.highlights.keys())
    edited = frozenset(i for i, v in now.highlights.items() if i in shown and shown[i] != v)
    article = now.article_id
    counts = frozenset({article}) if (added or removed) and article is not None else frozenset()
    changes = Changes(
        highlights_added=added,
        highlights_removed=removed,
        highlights_changed=edited,
        articles_changed=counts,
        tags_changed=before.tags != now.tags,
    )
    return Noticed(changes, before.articles != now.articles, before.entities != now.entities)
