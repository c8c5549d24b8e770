"""What a changing service call did, so the window refreshes only what it must."""

from __future__ import annotations

from dataclasses import dataclass, field, fields


@dataclass(frozen=True, slots=True)
class Changes:
    """Ids of the records a call created, changed or removed.

    `articles_changed` covers anything shown in the article list (title, text, highlight or
    review counts); `tags_changed` says the set of tags or their counts moved.
    """

    articles_added: frozenset[int] = field(default_factory=frozenset)
    articles_changed: frozenset[int] = field(default_factory=frozenset)
    articles_removed: frozenset[int] = field(default_factory=frozenset)
    highlights_added: frozenset[int] = field(default_factory=frozenset)
    highlights_changed: frozenset[int] = field(default_factory=frozenset)
    highlights_removed: frozenset[int] = field(default_factory=frozenset)
    tags_changed: bool = False
    # Entity ids; a mention or link change counts as a change of its entity.
    entities_added: frozenset[int] = field(default_factory=frozenset)
    entities_changed: frozenset[int] = field(default_factory=frozenset)
    entities_removed: frozenset[int] = field(default_factory=frozenset)

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            **{f.name: getattr(self, f.name) | getattr(other, f.name) for f in fields(self)}
        )
