"""Bulk reads and writes for briefs and W3C annotation import.

A brief of a thousand highlights needs their entity links and their articles' web addresses;
asking once per highlight would cost more than rendering the brief, so these read them in a
few queries. Importing annotations needs to put a highlight in with the UUID, times and author
it was made with elsewhere, which the ordinary `HighlightRepository.add` does not allow.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from sqlalchemy import and_, insert, select

from reader.core.models import Article, Block, BlockKind
from reader.storage.tables import (
    ArticleRow,
    ArticleVersionRow,
    Base,
    BlockRow,
    HighlightEntityRow,
    HighlightRow,
    MentionRow,
)
from reader.storage.unit import Unit

CHUNK = 500
LINKED = ("auto", "manual")
_INSERT_HIGHLIGHT = insert(Base.metadata.tables[HighlightRow.__tablename__]).returning(
    Base.metadata.tables[HighlightRow.__tablename__].c.id
)


def _chunks(ids: Sequence[int]) -> Iterable[list[int]]:
    for at in range(0, len(ids), CHUNK):
        yield list(ids[at : at + CHUNK])


def linked_entities(unit: Unit, highlight_ids: Iterable[int]) -> dict[int, tuple[int, ...]]:
    """highlight id -> ids of the entities linked to it (automatically or by hand)."""
    found: dict[int, list[int]] = defaultdict(list)
    session = unit._session
    for chunk in _chunks(sorted(set(highlight_ids))):
        rows = session.execute(
            select(HighlightEntityRow.highlight_id, HighlightEntityRow.entity_id)
            .where(
                HighlightEntityRow.highlight_id.in_(chunk),
                HighlightEntityRow.source.in_(LINKED),
            )
            .order_by(HighlightEntityRow.highlight_id, HighlightEntityRow.entity_id)
        )
        for highlight_id, entity_id in rows:
            found[highlight_id].append(entity_id)
    return {h: tuple(e) for h, e in found.items()}


def highlights_of_entity(unit: Unit, entity_id: int) -> set[int]:
    """Highlights linked to the entity, or holding one of its mentions (on the text version
    the highlight is placed on), minus those a person unlinked by hand."""
    session = unit._session
    links = dict(
        session.execute(
            select(HighlightEntityRow.highlight_id, HighlightEntityRow.source).where(
                HighlightEntityRow.entity_id == entity_id
            )
        ).all()
    )
    h, m = HighlightRow, MentionRow
    overlapping = session.scalars(
        select(h.id)
        .join(
            m,
            and_(
                m.article_id == h.article_id,
                m.version_number == h.version_number,
                m.start < h.end,
                m.end > h.start,
            ),
        )
        .where(m.entity_id == entity_id)
    )
    found = {hid for hid, source in links.items() if source in LINKED}
    found.update(hid for hid in overlapping if links.get(hid) != "unlinked")
    return found


def article_urls(unit: Unit, article_ids: Iterable[int]) -> dict[int, str]:
    found: dict[int, str] = {}
    for chunk in _chunks(sorted(set(article_ids))):
        rows = unit._session.execute(
            select(ArticleRow.id, ArticleRow.url).where(
                ArticleRow.id.in_(chunk), ArticleRow.url.is_not(None)
            )
        )
        found.update({r[0]: r[1] for r in rows if r[1] is not None})
    return found


def article_texts(unit: Unit) -> Iterable[tuple[int, str, str]]:
    """(article id, title, current text) of every article, for finding a quote."""
    rows = unit._session.execute(
        select(ArticleRow.id, ArticleRow.title, ArticleVersionRow.text)
        .join(
            ArticleVersionRow,
            and_(
                ArticleVersionRow.article_id == ArticleRow.id,
                ArticleVersionRow.number == ArticleRow.current_version,
            ),
        )
        .order_by(ArticleRow.id)
        .execution_options(yield_per=500)
    )
    for row in rows:
        yield row[0], row[1], row[2]


def insert_highlight(
    unit: Unit,
    *,
    uuid: str,
    article_id: int,
    version: int,
    start: int,
    end: int,
    exact: str,
    prefix: str,
    suffix: str,
    color: str,
    note: str,
    status: str,
    score: float,
    author: str,
    created: datetime,
    modified: datetime,
) -> int:
    """A highlight made elsewhere, with its own UUID, times and author."""
    return int(
        unit._session.execute(
            _INSERT_HIGHLIGHT,
            {
                "uuid": uuid,
                "article_id": article_id,
                "version_number": version,
                "start": start,
                "end": end,
                "exact": exact,
                "prefix": prefix,
                "suffix": suffix,
                "color": color,
                "note": note,
                "status": status,
                "score": score,
                "author": author,
                "created": created,
                "modified": modified,
                "row_version": 1,
            },
        ).scalar_one()
    )


def highlight_id_for_uuid(unit: Unit, uuid: str) -> int | None:
    return unit._session.scalar(select(HighlightRow.id).where(HighlightRow.uuid == uuid))


def articles(unit: Unit, article_ids: Iterable[int]) -> dict[int, Article]:
    """Many articles with their current text and blocks in three queries per 500: a brief
    of 200 articles would otherwise spend most of its time loading them one by one."""
    a, v, b = ArticleRow, ArticleVersionRow, BlockRow
    found: dict[int, Article] = {}
    session = unit._session
    for chunk in _chunks(sorted(set(article_ids))):
        rows = session.execute(
            select(
                a.id,
                a.uuid,
                a.title,
                a.kicker,
                a.byline,
                a.source,
                a.source_path,
                a.language,
                a.published,
                a.updated,
                a.imported_at,
                a.current_version,
                a.word_count,
                v.id,
                v.text,
            )
            .join(v, and_(v.article_id == a.id, v.number == a.current_version))
            .where(a.id.in_(chunk))
        ).all()
        blocks: dict[int, list[Block]] = defaultdict(list)
        for block in session.execute(
            select(b.version_id, b.kind, b.start, b.end, b.level, b.number, b.href)
            .where(b.version_id.in_([row[13] for row in rows]))
            .order_by(b.version_id, b.seq)
        ):
            blocks[block[0]].append(
                Block(BlockKind(block[1]), block[2], block[3], block[4], block[5], block[6])
            )
        for r in rows:
            imported = r[10] if r[10].tzinfo else r[10].replace(tzinfo=UTC)
            found[r[0]] = Article(
                id=r[0],
                uuid=r[1],
                title=r[2],
                kicker=r[3],
                byline=r[4],
                source=r[5],
                source_path=r[6],
                language=r[7],
                published=r[8],
                updated=r[9],
                imported_at=imported,
                version=r[11],
                text=r[14],
                blocks=tuple(blocks.get(r[13], ())),
                word_count=r[12],
            )
    return found
