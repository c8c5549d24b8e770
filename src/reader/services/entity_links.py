"""Mentions and highlight links of entities (re-exported by reader.services.entities)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.core.changes import Changes
from reader.core.models import Entity, Mention
from reader.services.library import Library

if TYPE_CHECKING:
    from reader.storage.unit import Unit


# -- mentions --------------------------------------------------------------------------------
def mentions_in_article(library: Library, article_id: int) -> list[Mention]:
    """In text order; a surname alone is already resolved to its person's entity."""
    with library.unit() as unit:
        unit.articles.title(article_id)  # NotFoundError for an unknown article
        return unit.mentions.in_article(article_id)


def update_mentions_for_article(unit: Unit, article_id: int) -> frozenset[int]:
    """Scans one imported or updated article with every alias, inside the import's own
    transaction; returns the entities whose mentions changed."""
    if not unit.entities.has_aliases():
        return frozenset()  # no entities, hence no mentions to find or to remove
    return unit.mentions.rescan([article_id]).entities


def rebuild_mentions(library: Library) -> int:
    """Scans every article with every alias from scratch (repair, benchmarks); returns how
    many mentions there are now."""
    with library.unit() as unit:
        return unit.mentions.rescan(None).mentions


# -- highlight links -------------------------------------------------------------------------
def _link(library: Library, highlight_id: int, entity_id: int, source: str) -> Changes:
    with library.unit() as unit:
        unit.highlights.get(highlight_id)
        unit.entities.record(entity_id)
        changed = unit.mentions.links.set(highlight_id, entity_id, source)
    if not changed:
        return Changes()
    return Changes(
        highlights_changed=frozenset({highlight_id}), entities_changed=frozenset({entity_id})
    )


def link_highlight(library: Library, highlight_id: int, entity_id: int) -> Changes:
    return _link(library, highlight_id, entity_id, "manual")


def unlink_highlight(library: Library, highlight_id: int, entity_id: int) -> Changes:
    """Remembered: automatic linking will not link the two again."""
    return _link(library, highlight_id, entity_id, "unlinked")


def entities_of_highlight(library: Library, highlight_id: int) -> list[Entity]:
    with library.unit() as unit:
        unit.highlights.get(highlight_id)
        return unit.entities.many(unit.mentions.links.entities(highlight_id))


def link_new_highlight(unit: Unit, highlight_id: int) -> frozenset[int]:
    """Links a just created or restored highlight to the entities mentioned inside it, in the
    highlight service's transaction."""
    return unit.mentions.links.sync(None, [highlight_id])
