"""Reading and writing articles, their versions, blocks and source files."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from sqlalchemy import bindparam, delete, func, insert, select, tuple_, update
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
from reader.storage.article_filters import (
    ArticleFilter,
    conditions,
    highlight_count,
    review_count,
)
from reader.storage.prepared import Prepared
from reader.storage.tables import (
    ArticleRow,
    ArticleSourceRow,
    ArticleVersionRow,
    Base,
    BlockRow,
    BoilerplateLineRow,
    new_uuid,
    utcnow,
)


def _sort_at(parsed: ParsedArticle, imported_at: datetime) -> datetime:
    day: date | None = parsed.published or parsed.updated
    if day is None:
        return imported_at
    return datetime.combine(day, time(12, 0), tzinfo=UTC)


def _as_utc(value: datetime) -> datetime:
    # SQLite hands back naive datetimes; everything Reader stores is UTC.
    return value if value.tzinfo else value.replace(tzinfo=UTC)


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
        read=row.read_at is not None,
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
_located = _sources.c.location == bindparam("location")
# Both lookups an import makes before storing a file, in one round trip: the article last
# imported from this file (and its content hash), and any article with the same text.
_LOOKUP = Prepared(
    select(
        select(_sources.c.article_id).where(_located).scalar_subquery(),
        select(_articles.c.content_hash)
        .join(_sources, _sources.c.article_id == _articles.c.id)
        .where(_located)
        .scalar_subquery(),
        _BY_HASH.scalar_subquery(),
    )
)
_LOCATION_EXISTS = select(_sources.c.id).where(_sources.c.location == bindparam("location"))
# Table-level inserts, prepared (see reader.storage.prepared): the ORM's bulk path, and even
# Core's execution, cost more than the inserts themselves.
_INSERT_ARTICLE = Prepared(
    insert(_articles).returning(_articles.c.id),
    (
        "title", "kicker", "byline", "source", "language", "published", "updated",
        "imported_at", "sort_at", "current_version", "word_count", "content_hash",
        "source_path", "author", "url", "uuid", "created", "modified",
    ),
)  # fmt: skip
_INSERT_VERSION = Prepared(
    insert(_versions).returning(_versions.c.id),
    ("article_id", "number", "text", "content_hash", "media_type", "raw", "created"),
)
_INSERT_LOCATION = Prepared(insert(_sources), ("article_id", "location", "first_seen"))
_INSERT_BLOCKS = Prepared(
    insert(Base.metadata.tables[BlockRow.__tablename__]),
    ("version_id", "seq", "kind", "start", "end", "level", "number", "href"),
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

    def lookup(self, location: str, digest: str) -> tuple[tuple[int, str] | None, int | None]:
        """`by_location(location)` and `by_content_hash(digest)` in one round trip."""
        row = _LOOKUP.first(self.session.connection(), {"location": location, "digest": digest})
        assert row is not None  # a SELECT of three subqueries always gives one row
        known = (row[0], row[1]) if row[0] is not None else None
        return known, row[2]

    # -- writing -------------------------------------------------------------------------
    def add(
        self,
        parsed: ParsedArticle,
        digest: str,
        location: str | None,
        author: str,
        *,
        url: str | None = None,
        words: int | None = None,
    ) -> int:
        """`words`: the text's `word_count`, when the caller has it already."""
        # Prepared statements on the session's connection rather than ORM objects or the
        # session's own execute: import speed is dominated by per-statement overhead.
        now = datetime.now(UTC)
        connection = self.session.connection()
        inserted = _INSERT_ARTICLE.first(
            connection,
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
                "word_count": word_count(parsed.text) if words is None else words,
                "content_hash": digest,
                "source_path": location,
                "author": author,
                "url": url,
                "uuid": new_uuid(),
                "created": now,
                "modified": now,
            },
        )
        assert inserted is not None
        article_id: int = inserted[0]
        self._add_version(article_id, 1, parsed, digest)
        if location is not None:
            # A new article: its location cannot be known yet (the caller looked it up).
            _INSERT_LOCATION.execute(
                connection, {"article_id": article_id, "location": location, "first_seen": now}
            ).close()
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
        connection = self.session.connection()
        inserted = _INSERT_VERSION.first(
            connection,
            {
                "article_id": article_id,
                "number": number,
                "text": parsed.text,
                "content_hash": digest,
                "media_type": parsed.media_type,
                "raw": parsed.raw,
                "created": utcnow(),
            },
        )
        assert inserted is not None
        version_id: int = inserted[0]
        if parsed.blocks:
            # One executemany, not one ORM object per block: an article has dozens of blocks
            # and import speed is dominated by them otherwise.
            _INSERT_BLOCKS.many(
                connection,
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
            values = {"article_id": article_id, "location": location, "first_seen": utcnow()}
            _INSERT_LOCATION.execute(self.session.connection(), values).close()

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

    def set_read(self, article_id: int, read: bool) -> bool:
        """Marks the article read (now) or unread; False when it already was."""
        statement = update(ArticleRow).where(ArticleRow.id == article_id)
        if read:
            statement = statement.where(ArticleRow.read_at.is_(None))
        else:
            statement = statement.where(ArticleRow.read_at.is_not(None))
        value = datetime.now(UTC) if read else None
        result = self.session.execute(statement.values(read_at=value))
        return bool(result.rowcount)  # type: ignore[attr-defined]

    # -- reading -------------------------------------------------------------------------
    def count(self) -> int:
        return self.session.scalar(select(func.count(ArticleRow.id))) or 0

    def page(
        self, after: PageCursor | None, limit: int, where: ArticleFilter | None = None
    ) -> list[tuple[ArticleSummary, PageCursor]]:
        """Newest first, `limit` rows after the cursor (keyset paging stays fast deep down)."""
        query = select(ArticleRow, highlight_count, review_count).order_by(
            ArticleRow.sort_at.desc(), ArticleRow.id.desc()
        )
        if where:
            query = query.where(*conditions(where))
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
            select(ArticleRow, highlight_count, review_count).where(ArticleRow.id == article_id)
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
            select(ArticleRow, highlight_count).where(ArticleRow.id == article_id)
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
