"""What a changing service call did, so the window refreshes only what it must."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Changes:
    """Ids of the records a call created, changed or removed."""

    articles_added: frozenset[int] = field(default_factory=frozenset)
    articles_changed: frozenset[int] = field(default_factory=frozenset)
    articles_removed: frozenset[int] = field(default_factory=frozenset)

    def __bool__(self) -> bool:
        return bool(self.articles_added or self.articles_changed or self.articles_removed)

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            articles_added=self.articles_added | other.articles_added,
            articles_changed=self.articles_changed | other.articles_changed,
            articles_removed=self.articles_removed | other.articles_removed,
        )
