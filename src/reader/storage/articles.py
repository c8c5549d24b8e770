"""Reading and writing articles, their versions, blocks and source files."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import ColumnElement, bindparam, delete, exists, func, insert, or_, select, tuple_
from sqlalchemy.orm import Session

from reader.core.errors import NotFoundError
from reader.core.models import (
    Article,
    ArticleSummary,
    Block,
    BlockKind,
    PageCursor,
    ParsedArticle,
)
from reader.core.text import word_count
from reader.storage.tables import (
    ArticleRow,
    ArticleSourceRow,
    ArticleTagRow,
    ArticleVersionRow,
    Base,
    BlockRow,
    BoilerplateLineRow,
    HighlightRow,
    HighlightTagRow,
    NearDuplicateBandRow,
)

REVIEW_STATUSES = ("fuzzy", "orphan")  # AnchorStatus values that need a person's review


def _sort_at(parsed: ParsedArticle, imported_at: datetime) -> datetime:
    day: date | None = parsed.published or parsed.updated
    if day is None:
        return imported_at
    return datetime.combine(day, time(12, 0), tzinfo=UTC)


def _as_utc(value: datetime) -> datetime:
    # SQLite hands back naive datetimes; everything Reader stores is UTC.
    return value if value.tzinfo else value.replace(tzinfo=UTC)


_highlight_count = (
    select(func.count(HighlightRow.id))
    .where(HighlightRow.article_id == ArticleRow.id)
    .correlate(ArticleRow)
    .scalar_subquery()
)
_review_count = (
    select(func.count(HighlightRow.id))
    .where(HighlightRow.article_id == ArticleRow.id, HighlightRow.status.in_(REVIEW_STATUSES))
    .correlate(ArticleRow)
    .scalar_subquery()
)


@dataclass(frozen=True, slots=True)
class ArticleFilter:
    """Which articles the list shows; the default shows them all.

    `tag_ids`: articles carrying any of these tags, on the article or on one of its highlights
    (empty tuple with `by_tag`: a tag that does not exist, so nothing matches); `color`: a
    palette key some highlight has; `needs_review`: some highlight is fuzzy or orphaned.
    """

    by_tag: bool = False
    tag_ids: tuple[int, ...] = ()
    color: str | None = None
    needs_review: bool = False
    matching: Any = None  # a subquery of article ids (a search: SearchIndex.matching_articles)

    def __bool__(self) -> bool:
        return (
            self.by_tag or self.color is not None or self.needs_review or self.matching is not None
        )


def _conditions(where: ArticleFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if where.by_tag:
        ids = list(where.tag_ids)
        on_article = exists().where(
            ArticleTagRow.article_id == ArticleRow.id, ArticleTagRow.tag_id.in_(ids)
        )
        on_highlight = exists().where(
            HighlightRow.article_id == ArticleRow.id,
            HighlightTagRow.highlight_id == HighlightRow.id,
            HighlightTagRow.tag_id.in_(ids),
        )
        conditions.append(or_(on_article, on_highlight))
    if where.color is not None:
        conditions.append(
            exists().where(
                HighlightRow.article_id == ArticleRow.id, HighlightRow.color == where.color
            )
        )
    if where.needs_review:
        conditions.append(
            exists().where(
                HighlightRow.article_id == ArticleRow.id,
                HighlightRow.status.in_(REVIEW_STATUSES),
            )
        )
    if where.matching is not None:
        conditions.append(ArticleRow.id.in_(where.matching))
    return conditions


def _summary(row: ArticleRow, highlights: int, review: int = 0) -> ArticleSummary:
    return ArticleSummary(
        id=row.id,
        uuid=row.uuid,
        title=row.title,
        kicker=row.kicker,
        source=row.source,
        source_path=row.source_path,
        published=row.published,
        updated=row.updated,
        imported_at=_as_utc(row.imported_at),
        word_count=row.word_count,
        highlight_count=highlights,
        review_count=review or 0,
    )


# Statements used once per imported file are built once: building a statement costs more than
# running it.
_articles = Base.metadata.tables[ArticleRow.__tablename__]
_versions = Base.metadata.tables[ArticleVersionRow.__tablename__]
_sources = Base.metadata.tables[ArticleSourceRow.__tablename__]
_BY_LOCATION = (
    select(_articles.c.id, _articles.c.content_hash)
    .join(_sources, _sources.c.article_id == _articles.c.id)
    .where(_sources.c.location == bindparam("location"))
)
_BY_HASH = select(_articles.c.id).where(_articles.c.content_hash == bindparam("digest")).limit(1)
_LOCATION_EXISTS = select(_sources.c.id).where(_sources.c.location == bindparam("location"))
# Table-level (Core) inserts: the ORM's bulk path costs more than the insert itself.
_INSERT_ARTICLE = insert(_articles).returning(_articles.c.id)
_INSERT_VERSION = insert(_versions).returning(_versions.c.id)
_INSERT_LOCATION = insert(_sources)
_INSERT_BLOCKS = insert(Base.metadata.tables[BlockRow.__tablename__])
_bands = Base.metadata.tables[NearDuplicateBandRow.__tablename__]
_INSERT_BANDS = insert(_bands)
_DELETE_BANDS = delete(_bands).where(_bands.c.article_id == bindparam("article_id"))
# Both columns as IN lists: SQLite probes the (band, bucket) index for each combination, where
# a row-value IN over pairs scans the whole table. Pairs that merely combine one article's
# band with another's bucket are dropped afterwards, in Python.
_NEAR_CANDIDATES = select(_bands.c.article_id, _bands.c.band, _bands.c.bucket).where(
    _bands.c.band.in_(bindparam("bands", expanding=True)),
    _bands.c.bucket.in_(bindparam("buckets", expanding=True)),
)


@dataclass(frozen=True, slots=True)
class StoredSource:
    """What an article's current text was extracted from, to extract it again."""

    title: str
    media_type: str
    raw: bytes
    location: str | None
    content_hash: str


class ArticleRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # -- lookups used by import ---------------------------------------------------------
    def by_location(self, location: str) -> tuple[int, str] | None:
        """(article id, content hash) of the article last imported from this file."""
        row = self.session.execute(_BY_LOCATION, {"location": location}).first()
        return (row[0], row[1]) if row else None

    def by_content_hash(self, digest: str) -> int | None:
        return self.session.scalar(_BY_HASH, {"digest": digest})

    # -- writing -------------------------------------------------------------------------
    def add(
        self,
        parsed: ParsedArticle,
        digest: str,
        location: str | None,
        author: str,
        *,
        url: str | None = None,
    ) -> int:
        # Core inserts rather than ORM objects: import speed is dominated by per-row overhead.
        now = datetime.now(UTC)
        article_id: int = self.session.execute(
            _INSERT_ARTICLE,
            {
                "title": parsed.title,
                "kicker": parsed.kicker,
                "byline": parsed.byline,
                "source": parsed.source,
                "language": parsed.language,
                "published": parsed.published,
                "updated": parsed.updated,
                "imported_at": now,
                "sort_at": _sort_at(parsed, now),
                "current_version": 1,
                "word_count": word_count(parsed.text),
                "content_hash": digest,
                "source_path": location,
                "author": author,
                "url": url,
            },
        ).scalar_one()
        self._add_version(article_id, 1, parsed, digest)
        if location is not None:
            # A new article: its location cannot be known yet (the caller looked it up).
            self.session.execute(_INSERT_LOCATION, {"article_id": article_id, "location": location})
        return article_id

    def add_version(self, article_id: int, parsed: ParsedArticle, digest: str) -> int:
        """Stores new text for an article, keeping the old versions; returns the version."""
        row = self.session.get(ArticleRow, article_id)
        if row is None:
            raise NotFoundError(f"no article with id {article_id}")
        number = row.current_version + 1
        self._add_version(article_id, number, parsed, digest)
        row.title = parsed.title
        row.kicker = parsed.kicker
        row.byline = parsed.byline or row.byline
        row.source = parsed.source or row.source
        row.language = parsed.language or row.language
        row.published = parsed.published or row.published
        row.updated = parsed.updated or row.updated
        row.sort_at = _sort_at(parsed, _as_utc(row.imported_at))
        row.current_version = number
        row.word_count = word_count(parsed.text)
        row.content_hash = digest
        return number

    def _add_version(
        self, article_id: int, number: int, parsed: ParsedArticle, digest: str
    ) -> None:
        version_id: int = self.session.execute(
            _INSERT_VERSION,
            {
                "article_id": article_id,
                "number": number,
                "text": parsed.text,
                "content_hash": digest,
                "media_type": parsed.media_type,
                "raw": parsed.raw,
            },
        ).scalar_one()
        if parsed.blocks:
            # One executemany, not one ORM object per block: an article has dozens of blocks
            # and import speed is dominated by them otherwise.
            self.session.execute(
                _INSERT_BLOCKS,
                [
                    {
                        "version_id": version_id,
                        "seq": i,
                        "kind": b.kind.value,
                        "start": b.start,
                        "end": b.end,
                        "level": b.level,
                        "number": b.number,
                        "href": b.href,
                    }
                    for i, b in enumerate(parsed.blocks)
                ],
            )

    def add_location(self, article_id: int, location: str) -> None:
        exists = self.session.scalar(_LOCATION_EXISTS, {"location": location})
        if exists is None:
            self.session.execute(_INSERT_LOCATION, {"article_id": article_id, "location": location})

    # -- near-duplicate bands (deleted with their article by the foreign key) -------------
    def set_bands(
        self, article_id: int, bands: list[tuple[int, int]], *, new: bool = False
    ) -> None:
        """Replaces the article's LSH bands (none: it takes no part in near-duplicate search);
        `new`: the article was just added and has none to replace."""
        if not new:
            self.session.execute(_DELETE_BANDS, {"article_id": article_id})
        if bands:
            self.session.execute(
                _INSERT_BANDS,
                [{"article_id": article_id, "band": b, "bucket": bucket} for b, bucket in bands],
            )

    def near_candidates(
        self, bands: list[tuple[int, int]], limit: int = 20, least: int = 1
    ) -> list[int]:
        """Articles sharing at least `least` bands, those sharing the most first."""
        if not bands:
            return []
        wanted = set(bands)
        rows = self.session.execute(
            _NEAR_CANDIDATES,
            {"bands": sorted({b for b, _ in wanted}), "buckets": sorted({k for _, k in wanted})},
        )
        shared = Counter(row[0] for row in rows if (row[1], row[2]) in wanted)
        shared = Counter({article: n for article, n in shared.items() if n >= least})
        return [article for article, _n in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))][
            :limit
        ]

    def source(self, article_id: int) -> StoredSource:
        found = self.session.execute(
            select(
                ArticleRow.title,
                ArticleVersionRow.media_type,
                ArticleVersionRow.raw,
                ArticleRow.source_path,
                ArticleRow.content_hash,
            )
            .join(ArticleRow, ArticleRow.id == ArticleVersionRow.article_id)
            .where(
                ArticleRow.id == article_id,
                ArticleVersionRow.number == ArticleRow.current_version,
            )
        ).first()
        if found is None:
            raise NotFoundError(f"no article with id {article_id}")
        return StoredSource(found[0], found[1], found[2] or b"", found[3], found[4])

    def delete(self, article_id: int) -> None:
        self.session.execute(delete(ArticleRow).where(ArticleRow.id == article_id))

    # -- reading -------------------------------------------------------------------------
    def count(self) -> int:
        return self.session.scalar(select(func.count(ArticleRow.id))) or 0

    def page(
        self, after: PageCursor | None, limit: int, where: ArticleFilter | None = None
    ) -> list[tuple[ArticleSummary, PageCursor]]:
        """Newest first, `limit` rows after the cursor (keyset paging stays fast deep down)."""
        query = select(ArticleRow, _highlight_count, _review_count).order_by(
            ArticleRow.sort_at.desc(), ArticleRow.id.desc()
        )
        if where:
            query = query.where(*_conditions(where))
        if after is not None:
            query = query.where(
                tuple_(ArticleRow.sort_at, ArticleRow.id) < (after.sort_at, after.id)
            )
        rows = self.session.execute(query.limit(limit)).all()
        return [
            (_summary(row, count, review), PageCursor(row.sort_at, row.id))
            for row, count, review in rows
        ]

    def summary(self, article_id: int) -> ArticleSummary:
        found = self.session.execute(
            select(ArticleRow, _highlight_count, _review_count).where(ArticleRow.id == article_id)
        ).first()
        if found is None:
            raise NotFoundError(f"no article with id {article_id}")
        return _summary(found[0], found[1], found[2])

    def title(self, article_id: int) -> str:
        found = self.session.scalar(select(ArticleRow.title).where(ArticleRow.id == article_id))
        if found is None:
            raise NotFoundError(f"no article with id {article_id}")
        return found

    def current_text(self, article_id: int) -> tuple[int, str]:
        """(version number, text) of the article's current text, without its blocks."""
        found = self.session.execute(
            select(ArticleVersionRow.number, ArticleVersionRow.text)
            .join(ArticleRow, ArticleRow.id == ArticleVersionRow.article_id)
            .where(
                ArticleRow.id == article_id,
                ArticleVersionRow.number == ArticleRow.current_version,
            )
        ).first()
        if found is None:
            raise NotFoundError(f"no article with id {article_id}")
        return found[0], found[1]

    def version_text(self, article_id: int, number: int) -> str | None:
        return self.session.scalar(
            select(ArticleVersionRow.text).where(
                ArticleVersionRow.article_id == article_id, ArticleVersionRow.number == number
            )
        )

    def id_for_uuid(self, uuid: str) -> int | None:
        return self.session.scalar(select(ArticleRow.id).where(ArticleRow.uuid == uuid))

    def get(self, article_id: int) -> Article:
        found = self.session.execute(
            select(ArticleRow, _highlight_count).where(ArticleRow.id == article_id)
        ).first()
        if found is None:
            raise NotFoundError(f"no article with id {article_id}")
        row: ArticleRow = found[0]
        version = self.session.scalar(
            select(ArticleVersionRow).where(
                ArticleVersionRow.article_id == article_id,
                ArticleVersionRow.number == row.current_version,
            )
        )
        if version is None:
            raise NotFoundError(f"article {article_id} has no text")
        blocks = tuple(
            Block(BlockKind(b.kind), b.start, b.end, b.level, b.number, b.href)
            for b in self.session.scalars(
                select(BlockRow).where(BlockRow.version_id == version.id).order_by(BlockRow.seq)
            )
        )
        return Article(
            id=row.id,
            uuid=row.uuid,
            title=row.title,
            kicker=row.kicker,
            byline=row.byline,
            source=row.source,
            source_path=row.source_path,
            language=row.language,
            published=row.published,
            updated=row.updated,
            imported_at=_as_utc(row.imported_at),
            version=row.current_version,
            text=version.text,
            blocks=blocks,
            word_count=row.word_count,
            highlight_count=found[1],
        )

    def version_count(self, article_id: int) -> int:
        return (
            self.session.scalar(
                select(func.count(ArticleVersionRow.id)).where(
                    ArticleVersionRow.article_id == article_id
                )
            )
            or 0
        )

    # -- learned boilerplate ---------------------------------------------------------------
    def boilerplate_lines(self) -> set[str]:
        return set(self.session.scalars(select(BoilerplateLineRow.text)))

    def remember_boilerplate(self, lines: set[str]) -> None:
        known = self.boilerplate_lines()
        for line in sorted(lines - known):
            self.session.add(BoilerplateLineRow(text=line))
