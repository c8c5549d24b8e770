"""Links between highlights and entities.

A link row has a source: "auto" (a mention of the entity lies inside the highlight), "manual"
(linked by hand) or "unlinked" (unlinked by hand). Only "auto" rows are ever written or removed
by the machine, and never where a person's row exists, so a hand-made decision survives every
re-scan, re-anchoring and import.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from reader.storage.tables import Base, HighlightEntityRow, HighlightRow, MentionRow

AUTO, MANUAL, UNLINKED = "auto", "manual", "unlinked"
LINKED = (AUTO, MANUAL)
CHUNK = 500

_links = Base.metadata.tables[HighlightEntityRow.__tablename__]
_INSERT_LINKS = insert(_links)


def _chunks(ids: Sequence[int]) -> Iterable[list[int]]:
    for at in range(0, len(ids), CHUNK):
        yield list(ids[at : at + CHUNK])


def sync_auto_links(
    session: Session,
    article_ids: Sequence[int] | None,
    *,
    highlight_ids: Sequence[int] | None = None,
) -> frozenset[int]:
    """Makes the automatic links of these articles' highlights (or of just `highlight_ids`)
    match their mentions; returns the highlights whose links changed.

    Orphaned highlights have no place in the text, so they keep whatever links they had.
    """
    query = select(
        HighlightRow.id, HighlightRow.article_id, HighlightRow.start, HighlightRow.end
    ).where(HighlightRow.status != "orphan")
    rows: list[tuple[int, int, int, int]] = []
    if highlight_ids is not None:
        for chunk in _chunks(list(highlight_ids)):
            rows += [tuple(r) for r in session.execute(query.where(HighlightRow.id.in_(chunk)))]  # type: ignore[misc]
    elif article_ids is None:
        rows = [tuple(r) for r in session.execute(query)]  # type: ignore[misc]
    else:
        for chunk in _chunks(sorted(set(article_ids))):
            rows += [
                tuple(r)  # type: ignore[misc]
                for r in session.execute(query.where(HighlightRow.article_id.in_(chunk)))
            ]
    if not rows:
        return frozenset()
    by_article: dict[int, list[tuple[int, int, int]]] = {}
    for hid, article_id, start, end in rows:
        by_article.setdefault(article_id, []).append((hid, start, end))
    wanted: set[tuple[int, int]] = set()
    for chunk in _chunks(sorted(by_article)):
        mentions = session.execute(
            select(
                MentionRow.article_id, MentionRow.entity_id, MentionRow.start, MentionRow.end
            ).where(MentionRow.article_id.in_(chunk))
        )
        for article_id, entity_id, m_start, m_end in mentions:
            for hid, start, end in by_article[article_id]:
                if start <= m_start and m_end <= end:
                    wanted.add((hid, entity_id))
    existing: dict[tuple[int, int], str] = {}
    hids = [r[0] for r in rows]
    for chunk in _chunks(hids):
        for hid, entity_id, source in session.execute(
            select(
                HighlightEntityRow.highlight_id,
                HighlightEntityRow.entity_id,
                HighlightEntityRow.source,
            ).where(HighlightEntityRow.highlight_id.in_(chunk))
        ):
            existing[(hid, entity_id)] = source
    stale = [key for key, source in existing.items() if source == AUTO and key not in wanted]
    new = [key for key in wanted if key not in existing]
    for hid, entity_id in stale:
        session.execute(
            delete(HighlightEntityRow).where(
                HighlightEntityRow.highlight_id == hid, HighlightEntityRow.entity_id == entity_id
            )
        )
    if new:
        session.execute(
            _INSERT_LINKS,
            [{"highlight_id": h, "entity_id": e, "source": AUTO} for h, e in new],
        )
    return frozenset(h for h, _e in stale) | frozenset(h for h, _e in new)


def set_link(session: Session, highlight_id: int, entity_id: int, source: str) -> bool:
    """Records a person's decision; False if it was already recorded."""
    current = session.scalar(
        select(HighlightEntityRow.source).where(
            HighlightEntityRow.highlight_id == highlight_id,
            HighlightEntityRow.entity_id == entity_id,
        )
    )
    if current == source:
        return False
    if current is None:
        session.execute(
            _INSERT_LINKS,
            [{"highlight_id": highlight_id, "entity_id": entity_id, "source": source}],
        )
    else:
        session.execute(
            update(HighlightEntityRow)
            .where(
                HighlightEntityRow.highlight_id == highlight_id,
                HighlightEntityRow.entity_id == entity_id,
            )
            .values(source=source)
        )
    return True


def links_of_entity(session: Session, entity_id: int) -> list[tuple[int, str]]:
    """(highlight id, source) of every link row of the entity, unlinked ones included."""
    rows = session.execute(
        select(HighlightEntityRow.highlight_id, HighlightEntityRow.source)
        .where(HighlightEntityRow.entity_id == entity_id)
        .order_by(HighlightEntityRow.highlight_id)
    )
    return [(r[0], r[1]) for r in rows]


def linked_highlights(session: Session, entity_id: int) -> list[int]:
    return [h for h, source in links_of_entity(session, entity_id) if source in LINKED]


def entities_of_highlight(session: Session, highlight_id: int) -> list[int]:
    return list(
        session.scalars(
            select(HighlightEntityRow.entity_id)
            .where(
                HighlightEntityRow.highlight_id == highlight_id,
                HighlightEntityRow.source.in_(LINKED),
            )
            .order_by(HighlightEntityRow.entity_id)
        )
    )


def put_links(session: Session, entity_id: int, links: Iterable[tuple[int, str]]) -> None:
    """Sets the entity's link rows to exactly `links` (an undo), skipping highlights that
    no longer exist."""
    session.execute(delete(HighlightEntityRow).where(HighlightEntityRow.entity_id == entity_id))
    wanted = dict(links)
    if not wanted:
        return
    alive = set()
    for chunk in _chunks(sorted(wanted)):
        alive |= set(session.scalars(select(HighlightRow.id).where(HighlightRow.id.in_(chunk))))
    rows = [
        {"highlight_id": h, "entity_id": entity_id, "source": s}
        for h, s in wanted.items()
        if h in alive
    ]
    if rows:
        session.execute(_INSERT_LINKS, rows)


class EntityLinks:
    """The functions above bound to one session, for services (which never see it)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def sync(
        self, article_ids: Sequence[int] | None, highlight_ids: Sequence[int] | None = None
    ) -> frozenset[int]:
        return sync_auto_links(self.session, article_ids, highlight_ids=highlight_ids)

    def set(self, highlight_id: int, entity_id: int, source: str) -> bool:
        return set_link(self.session, highlight_id, entity_id, source)

    def of_entity(self, entity_id: int) -> list[tuple[int, str]]:
        return links_of_entity(self.session, entity_id)

    def highlights(self, entity_id: int) -> list[int]:
        return linked_highlights(self.session, entity_id)

    def entities(self, highlight_id: int) -> list[int]:
        return entities_of_highlight(self.session, highlight_id)

    def put(self, entity_id: int, links: Iterable[tuple[int, str]]) -> None:
        put_links(self.session, entity_id, links)
